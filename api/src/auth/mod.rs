//! Accounts and sessions: sign in, refresh, sign out, and who am I.

pub mod password;
pub mod passwords;
pub mod principal;
pub mod session;
pub mod tokens;

pub use principal::CurrentUser;

use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    error::{ApiJson, AppResult, ErrorBody},
    state::AppState,
    store::users,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(passwords::request_reset))
        .routes(routes!(passwords::set_password))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "registrar@nisa.example")]
    pub email: String,
    pub password: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// A short-lived JWT to send as `Authorization: Bearer …`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Single-use: exchange it at /api/v1/auth/refresh for a new pair.
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub user: MeResponse,
}

#[derive(Serialize, ToSchema)]
pub struct MeResponse {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    #[schema(example = "registrar")]
    pub role: String,
    pub scope_organization_id: Option<Uuid>,
    #[schema(example = "km")]
    pub locale: String,
}

impl From<&users::Model> for MeResponse {
    fn from(u: &users::Model) -> Self {
        MeResponse {
            id: u.id,
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            role: u.role.clone(),
            scope_organization_id: u.scope_organization_id,
            locale: u.locale.clone(),
        }
    }
}

impl From<session::IssuedTokens> for TokenResponse {
    fn from(t: session::IssuedTokens) -> Self {
        TokenResponse {
            access_token: t.access_token,
            token_type: "Bearer",
            expires_in: t.access_expires_in,
            refresh_token: t.refresh_token,
            refresh_expires_at: t.refresh_expires_at,
            user: MeResponse::from(&t.user),
        }
    }
}

/// Sign in with email and password.
///
/// Repeated failures are slowed down (429 with Retry-After) and then lock the account for a while.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed request", body = ErrorBody),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 429, description = "Too many failed attempts", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Json<TokenResponse>> {
    Ok(Json(session::login(&state, &req.email, req.password).await?.into()))
}

/// Exchange a refresh token for a new access token and a new refresh token.
///
/// A refresh token is single-use: presenting a spent one signs out every session of its family.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new pair of tokens", body = TokenResponse),
        (status = 401, description = "Invalid, expired or reused refresh token", body = ErrorBody),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> AppResult<Json<TokenResponse>> {
    Ok(Json(session::refresh(&state, &req.refresh_token).await?.into()))
}

/// Sign out: revokes the session the refresh token belongs to.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest,
    responses((status = 204, description = "Signed out")))]
pub async fn logout(State(state): State<AppState>, ApiJson(req): ApiJson<RefreshRequest>) -> AppResult<StatusCode> {
    session::logout(&state, &req.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = MeResponse),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub async fn me(user: CurrentUser) -> AppResult<Json<MeResponse>> {
    Ok(Json(MeResponse {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        role: user.role.as_str().to_owned(),
        scope_organization_id: user.scope_organization_id,
        locale: user.locale,
    }))
}
