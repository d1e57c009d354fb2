use axum::{Json, extract::State};
use domain::{Action, Resource};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    error::{ApiQuery, AppError, AppResult, ErrorBody},
    pagination::{Page, PageParams},
    state::AppState,
    store::audit_log,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit_entries))
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    pub occurred_at: String,
    pub actor: String,
    #[schema(example = "user.created")]
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// The record before the change, as JSON (absent for a creation).
    pub before: Option<serde_json::Value>,
    /// The record after the change, as JSON.
    pub after: Option<serde_json::Value>,
    pub hash: String,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The audit log, newest first (administrators).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditFilter),
    responses((status = 200, body = Page<AuditEntry>), (status = 403, body = ErrorBody)))]
pub async fn list_audit_entries(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(filter): ApiQuery<AuditFilter>,
) -> AppResult<Json<Page<AuditEntry>>> {
    user.can(Resource::AuditLog, Action::Read)?;
    let page = PageParams {
        limit: filter.limit,
        cursor: filter.cursor,
    };
    let limit = page.limit()?;
    let mut query = audit_log::Entity::find();
    if let Some(t) = filter.entity_type {
        query = query.filter(audit_log::Column::EntityType.eq(t));
    }
    if let Some(id) = filter.entity_id {
        query = query.filter(audit_log::Column::EntityId.eq(id));
    }
    if let Some(after) = page.after()? {
        let seq: i64 = after
            .parse()
            .map_err(|_| AppError::bad_request("invalid_query", "The cursor is not valid."))?;
        query = query.filter(audit_log::Column::Seq.lt(seq));
    }
    let rows = query
        .order_by_desc(audit_log::Column::Seq)
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    let parse = |s: Option<String>| s.and_then(|t| serde_json::from_str(&t).ok());
    Ok(Json(Page::from_rows(
        rows,
        limit,
        |r| r.seq.to_string(),
        |r| AuditEntry {
            seq: r.seq,
            occurred_at: r.occurred_at,
            actor: r.actor,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: parse(r.before),
            after: parse(r.after),
            hash: r.hash,
        },
    )))
}
