//! Setting a password through an emailed, single-use, expiring link: for an invitation (a new
//! account) and for a reset.

use axum::{extract::State, http::StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter,
    prelude::Expr,
};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{password, tokens};
use crate::{
    audit::{self, Actor},
    error::{ApiJson, AppError, AppResult, ErrorBody},
    mail,
    state::AppState,
    store::{password_tokens, refresh_tokens, users},
};

pub const INVITATION_HOURS: i64 = 72;
pub const RESET_MINUTES: i64 = 30;

/// Creates a token for `purpose` and returns the link to send (the token itself is stored only
/// as a hash).
async fn new_link(
    tx: &DatabaseTransaction,
    state: &AppState,
    user: Uuid,
    purpose: &str,
    valid: Duration,
) -> AppResult<String> {
    let (token, hash) = tokens::new_refresh_token();
    password_tokens::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        purpose: Set(purpose.to_owned()),
        token_hash: Set(hash),
        expires_at: Set(Utc::now() + valid),
        used_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(tx)
    .await?;
    Ok(format!("{}/set-password?token={token}", state.config.public_url))
}

/// Queues the invitation of a new account, in the transaction that creates it.
pub async fn invite(tx: &DatabaseTransaction, state: &AppState, user: &users::Model, inviter: &str) -> AppResult<()> {
    let link = new_link(tx, state, user.id, "invitation", Duration::hours(INVITATION_HOURS)).await?;
    mail::queue(
        tx,
        &user.email,
        &user.display_name,
        &user.locale,
        &web::email::EmailMessage::Invitation {
            recipient_name: user.display_name.clone(),
            inviter_name: inviter.to_owned(),
            role: user.role.clone(),
            link,
            valid_hours: INVITATION_HOURS as u32,
        },
    )
    .await?;
    Ok(())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

/// Asks for a password reset link by email. The answer is the same whether or not the address
/// has an account, so addresses cannot be probed.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way")))]
pub async fn request_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ResetRequest>,
) -> AppResult<StatusCode> {
    send_reset(&state, &req.email).await?;
    Ok(StatusCode::ACCEPTED)
}

pub async fn send_reset(state: &AppState, email: &str) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let Some(user) = users::Entity::find()
        .filter(users::Column::Email.eq(&email))
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    if user.status != "active" {
        return Ok(());
    }
    // At most one link a minute per account.
    let recent = password_tokens::Entity::find()
        .filter(password_tokens::Column::UserId.eq(user.id))
        .filter(password_tokens::Column::CreatedAt.gt(Utc::now() - Duration::minutes(1)))
        .one(&state.db)
        .await?;
    if recent.is_some() {
        return Ok(());
    }
    let tx = audit::begin(&state.db).await?;
    let link = new_link(&tx, state, user.id, "reset", Duration::minutes(RESET_MINUTES)).await?;
    mail::queue(
        &tx,
        &user.email,
        &user.display_name,
        &user.locale,
        &web::email::EmailMessage::PasswordReset {
            recipient_name: user.display_name.clone(),
            link,
            valid_minutes: RESET_MINUTES as u32,
        },
    )
    .await?;
    audit::record(
        &tx,
        &Actor::system(),
        "user.password_reset_requested",
        "user",
        user.id,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    /// The token from the emailed link.
    pub token: String,
    /// At least 12 characters.
    pub password: String,
}

/// Sets a password with the token of an invitation or reset link. The link works once; every
/// session of the account is signed out.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = SetPasswordRequest,
    responses((status = 204, description = "The password is set"), (status = 400, body = ErrorBody)))]
pub async fn set_password(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<SetPasswordRequest>,
) -> AppResult<StatusCode> {
    use_token(&state, &req.token, &req.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn use_token(state: &AppState, token: &str, new_password: &str) -> AppResult<users::Model> {
    let password = domain::NewPassword::parse("password", new_password)?;
    let invalid = || {
        AppError::bad_request(
            "invalid_token",
            "This link is not valid any more (it was used, or it expired). Ask for a new one.",
        )
        .with_field("token", "is used, expired or unknown")
    };
    let hash = tokens::hash_refresh_token(token);
    let found = password_tokens::Entity::find()
        .filter(password_tokens::Column::TokenHash.eq(hash))
        .one(&state.db)
        .await?
        .ok_or_else(invalid)?;
    if found.used_at.is_some() || found.expires_at <= Utc::now() {
        return Err(invalid());
    }
    let password_hash = password::hash(password).await?;
    let tx = audit::begin(&state.db).await?;
    // Spend the token atomically: of two concurrent uses, one wins.
    let spent = password_tokens::Entity::update_many()
        .col_expr(password_tokens::Column::UsedAt, Expr::value(Utc::now()))
        .filter(password_tokens::Column::Id.eq(found.id))
        .filter(password_tokens::Column::UsedAt.is_null())
        .exec(&tx)
        .await?;
    if spent.rows_affected != 1 {
        return Err(invalid());
    }
    let user = users::Entity::find_by_id(found.user_id)
        .one(&tx)
        .await?
        .ok_or_else(invalid)?;
    let mut row = user.clone().into_active_model();
    row.password_hash = Set(Some(password_hash));
    row.failed_login_count = Set(0);
    row.locked_until = Set(None);
    row.updated_at = Set(Utc::now());
    let updated = row.update(&tx).await?;
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(refresh_tokens::Column::RevokedReason, Expr::value("password_changed"))
        .filter(refresh_tokens::Column::UserId.eq(user.id))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(&tx)
        .await?;
    let action = if found.purpose == "invitation" {
        "user.invitation_accepted"
    } else {
        "user.password_reset"
    };
    audit::record(
        &tx,
        &Actor::user(user.id, &user.email),
        action,
        "user",
        user.id,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}
