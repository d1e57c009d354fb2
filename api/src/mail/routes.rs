use axum::{Json, extract::State};
use chrono::{DateTime, Utc};
use domain::{Action, Resource};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    audit,
    auth::CurrentUser,
    error::{ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    pagination::{Page, PageParams},
    state::AppState,
    store::email_outbox,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_outbox))
        .routes(routes!(retry_email))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxEmail {
    pub id: Uuid,
    pub recipient_email: String,
    /// invitation, password_reset, certificate_issued, licence_decision, expiry_reminder, employer_alert.
    pub kind: String,
    pub locale: String,
    /// pending, sending, sent or failed.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<email_outbox::Model> for OutboxEmail {
    fn from(m: email_outbox::Model) -> Self {
        OutboxEmail {
            id: m.id,
            recipient_email: m.recipient_email,
            kind: m.kind,
            locale: m.locale,
            status: m.status,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OutboxFilter {
    /// pending, sending, sent or failed.
    pub status: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The email outbox, newest first (administrators).
#[utoipa::path(get, path = "/api/v1/outbox", tag = "email", security(("bearer" = [])), params(OutboxFilter),
    responses((status = 200, body = Page<OutboxEmail>), (status = 403, body = ErrorBody)))]
pub async fn list_outbox(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(f): ApiQuery<OutboxFilter>,
) -> AppResult<Json<Page<OutboxEmail>>> {
    user.can(Resource::EmailOutbox, Action::Read)?;
    let page = PageParams {
        limit: f.limit,
        cursor: f.cursor,
    };
    let limit = page.limit()?;
    let mut q = email_outbox::Entity::find();
    if let Some(s) = f.status {
        if !["pending", "sending", "sent", "failed"].contains(&s.as_str()) {
            return Err(AppError::invalid([domain::FieldError::new(
                "status",
                "one_of",
                "must be one of pending, sending, sent, failed",
            )]));
        }
        q = q.filter(email_outbox::Column::Status.eq(s));
    }
    if let Some(after) = page.after()? {
        let id: Uuid = after
            .parse()
            .map_err(|_| AppError::bad_request("invalid_query", "The cursor is not valid."))?;
        q = q.filter(email_outbox::Column::Id.lt(id));
    }
    let rows = q
        .order_by_desc(email_outbox::Column::Id)
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        limit,
        |r| r.id.to_string(),
        OutboxEmail::from,
    )))
}

/// Send a failed email again (administrators).
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "email", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = OutboxEmail), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn retry_email(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<OutboxEmail>> {
    user.can(Resource::EmailOutbox, Action::Write)?;
    let tx = audit::begin(&state.db).await?;
    let email = email_outbox::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("email"))?;
    if email.status != "failed" {
        return Err(AppError::conflict(
            "not_failed",
            format!("Only a failed email can be retried; this one is {}.", email.status),
        ));
    }
    let mut row = email.clone().into_active_model();
    row.status = Set("pending".to_owned());
    row.attempts = Set(0);
    row.next_attempt_at = Set(Utc::now());
    let updated = row.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "email.retried",
        "email",
        id,
        Some(&serde_json::json!({"status": email.status, "attempts": email.attempts})),
        Some(&serde_json::json!({"status": updated.status})),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(updated.into()))
}
