//! Signing in, rotating refresh tokens, signing out: the use cases behind both the API and the
//! browser UI.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    prelude::Expr,
};
use uuid::Uuid;

use super::{password, tokens};
use crate::{
    audit::{self, Actor},
    error::{AppError, AppResult},
    state::AppState,
    store::{refresh_tokens, users},
};

pub struct IssuedTokens {
    pub access_token: String,
    pub access_expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub user: users::Model,
}

fn invalid_credentials() -> AppError {
    AppError::unauthenticated("invalid_credentials", "The email or the password is wrong.")
}

pub async fn login(state: &AppState, email: &str, password_text: String) -> AppResult<IssuedTokens> {
    let now = Utc::now();
    let email = email.trim().to_lowercase();
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(&email))
        .one(&state.db)
        .await?;
    let Some(user) = user else {
        // Spend the same time as for a wrong password, so emails cannot be probed.
        password::verify(password_text, None).await?;
        return Err(invalid_credentials());
    };
    let decision = domain::login_throttle::check(
        user.failed_login_count.max(0) as u32,
        user.last_failed_login_at,
        user.locked_until,
        now,
    );
    match decision {
        domain::login_throttle::Decision::Allowed => {}
        domain::login_throttle::Decision::Locked { retry_after_secs } => {
            return Err(AppError::rate_limited(
                "account_locked",
                format!(
                    "Too many failed sign-ins: this account is locked for {} more minute(s).",
                    retry_after_secs.div_ceil(60)
                ),
                retry_after_secs,
            ));
        }
        domain::login_throttle::Decision::SlowDown { retry_after_secs } => {
            return Err(AppError::rate_limited(
                "too_many_attempts",
                format!("Several sign-ins failed: wait {retry_after_secs} second(s) before trying again."),
                retry_after_secs,
            ));
        }
    }
    let ok = password::verify(password_text, user.password_hash.clone()).await?;
    if !ok || user.status != "active" {
        if ok {
            return Err(AppError::unauthenticated(
                "account_inactive",
                "This account is disabled.",
            ));
        }
        record_failure(&state.db, &user, now).await?;
        return Err(invalid_credentials());
    }
    if user.failed_login_count != 0 || user.locked_until.is_some() {
        let mut active = user.clone().into_active_model();
        active.failed_login_count = Set(0);
        active.last_failed_login_at = Set(None);
        active.locked_until = Set(None);
        active.update(&state.db).await?;
    }
    issue(state, user, Uuid::new_v4(), now).await
}

async fn record_failure(db: &DatabaseConnection, user: &users::Model, now: DateTime<Utc>) -> AppResult<()> {
    let outcome = domain::login_throttle::after_failure(user.failed_login_count.max(0) as u32, now);
    let tx = audit::begin(db).await?;
    let mut active = user.clone().into_active_model();
    active.failed_login_count = Set(outcome.failed_count as i32);
    active.last_failed_login_at = Set(Some(now));
    active.locked_until = Set(outcome.locked_until);
    active.update(&tx).await?;
    if let Some(until) = outcome.locked_until {
        audit::record(
            &tx,
            &Actor::system(),
            "user.locked",
            "user",
            user.id,
            None::<&()>,
            Some(&serde_json::json!({"email": user.email, "locked_until": until})),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn issue(state: &AppState, user: users::Model, family: Uuid, now: DateTime<Utc>) -> AppResult<IssuedTokens> {
    let (refresh_token, token_hash) = tokens::new_refresh_token();
    let refresh_expires_at = now + state.keys.refresh_ttl;
    refresh_tokens::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user.id),
        family_id: Set(family),
        token_hash: Set(token_hash),
        issued_at: Set(now),
        expires_at: Set(refresh_expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(&state.db)
    .await?;
    Ok(IssuedTokens {
        access_token: state.keys.issue_access(user.id, &user.role, now),
        access_expires_in: state.keys.access_ttl.num_seconds(),
        refresh_token,
        refresh_expires_at,
        user,
    })
}

fn invalid_refresh() -> AppError {
    AppError::unauthenticated(
        "invalid_refresh_token",
        "This refresh token is not valid. Sign in again.",
    )
}

/// Rotates a refresh token: the presented one is spent and a new one of the same family is
/// issued. Presenting a spent token again means it was stolen or replayed: the whole family is
/// revoked, so whoever holds any token of it must sign in again.
pub async fn refresh(state: &AppState, presented: &str) -> AppResult<IssuedTokens> {
    let now = Utc::now();
    let hash = tokens::hash_refresh_token(presented);
    let token = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(hash))
        .one(&state.db)
        .await?;
    let Some(token) = token else {
        return Err(invalid_refresh());
    };
    if token.revoked_at.is_some() {
        return Err(invalid_refresh());
    }
    if token.expires_at <= now {
        return Err(AppError::unauthenticated(
            "refresh_token_expired",
            "Your session has expired. Sign in again.",
        ));
    }
    // Spend it atomically: only one of two concurrent uses can win.
    let spent = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
        .filter(refresh_tokens::Column::Id.eq(token.id))
        .filter(refresh_tokens::Column::UsedAt.is_null())
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    if spent.rows_affected != 1 {
        revoke_family(state, token.family_id, token.user_id, "reuse_detected").await?;
        return Err(AppError::unauthenticated(
            "refresh_token_reused",
            "This refresh token was already used. For safety every session it belongs to has been signed out: sign in again.",
        ));
    }
    let user = users::Entity::find_by_id(token.user_id).one(&state.db).await?;
    let Some(user) = user.filter(|u| u.status == "active") else {
        return Err(AppError::unauthenticated(
            "account_inactive",
            "This account does not exist or is disabled.",
        ));
    };
    issue(state, user, token.family_id, now).await
}

async fn revoke_family(state: &AppState, family: Uuid, user_id: Uuid, reason: &str) -> AppResult<()> {
    let now = Utc::now();
    let tx = audit::begin(&state.db).await?;
    let revoked = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(now))
        .col_expr(refresh_tokens::Column::RevokedReason, Expr::value(reason))
        .filter(refresh_tokens::Column::FamilyId.eq(family))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(&tx)
        .await?;
    if reason == "reuse_detected" {
        audit::record(
            &tx,
            &Actor::system(),
            "session.reuse_detected",
            "user",
            user_id,
            None::<&()>,
            Some(&serde_json::json!({"family": family, "tokens_revoked": revoked.rows_affected})),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Signs out the session the refresh token belongs to (its whole family).
pub async fn logout(state: &AppState, presented: &str) -> AppResult<()> {
    let hash = tokens::hash_refresh_token(presented);
    if let Some(token) = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(hash))
        .one(&state.db)
        .await?
    {
        revoke_family(state, token.family_id, token.user_id, "logout").await?;
    }
    Ok(())
}
