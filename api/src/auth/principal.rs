//! Who is asking: the one mechanism through which every route learns the caller and asks
//! `domain::access` what the caller's role may do.

use axum::{
    extract::{FromRequestParts, OptionalFromRequestParts},
    http::{header, request::Parts},
};
use axum_extra::extract::CookieJar;
use domain::{Access, Action, Resource, Role};
use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::{audit::Actor, error::AppError, state::AppState, store::users};

pub const ACCESS_COOKIE: &str = "kamlang_access";
pub const REFRESH_COOKIE: &str = "kamlang_refresh";

/// An access token the UI middleware has just obtained by rotating the refresh cookie; it wins
/// over the (expired) cookie of the same request.
#[derive(Clone)]
pub struct RefreshedAccess(pub String);

/// The signed-in user, as the database knows them now (a disabled account stops at once).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub scope_organization_id: Option<Uuid>,
    pub locale: String,
    /// A trainee's own worker record.
    pub worker_id: Option<Uuid>,
}

impl CurrentUser {
    /// What this user may do with `resource`, or a 403 saying why not.
    pub fn can(&self, resource: Resource, action: Action) -> Result<Access, AppError> {
        match domain::access(self.role, resource, action) {
            Access::Denied(reason) => Err(AppError::forbidden(reason)),
            granted => Ok(granted),
        }
    }

    pub fn actor(&self) -> Actor {
        Actor::user(self.id, &self.email)
    }
}

fn bearer_or_cookie(parts: &Parts) -> Option<String> {
    if let Some(RefreshedAccess(token)) = parts.extensions.get::<RefreshedAccess>() {
        return Some(token.clone());
    }
    if let Some(value) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        let (scheme, token) = value.split_once(' ')?;
        return scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned());
    }
    CookieJar::from_headers(&parts.headers)
        .get(ACCESS_COOKIE)
        .map(|c| c.value().to_owned())
}

async fn resolve(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = bearer_or_cookie(parts) else {
        return Ok(None);
    };
    let Some(claims) = state.keys.verify_access(&token) else {
        return Err(AppError::unauthenticated(
            "invalid_token",
            "Your access token is invalid or has expired. Sign in again or refresh it.",
        ));
    };
    let user = users::Entity::find_by_id(claims.sub).one(&state.db).await?;
    let Some(user) = user.filter(|u| u.status == "active") else {
        return Err(AppError::unauthenticated(
            "account_inactive",
            "This account does not exist or is disabled.",
        ));
    };
    let role = user
        .role
        .parse::<Role>()
        .map_err(|_| AppError::internal(format!("user {} has an unknown role", user.id)))?;
    Ok(Some(CurrentUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        role,
        scope_organization_id: user.scope_organization_id,
        locale: user.locale,
        worker_id: user.worker_id,
    }))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        resolve(parts, state).await?.ok_or_else(|| {
            AppError::unauthenticated(
                "unauthenticated",
                "Sign in first: this needs an access token (Authorization: Bearer …).",
            )
        })
    }
}

impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, Self::Rejection> {
        match resolve(parts, state).await {
            Ok(user) => Ok(user),
            // For pages that work signed out, a stale token means "signed out".
            Err(e) if e.status == axum::http::StatusCode::UNAUTHORIZED => Ok(None),
            Err(e) => Err(e),
        }
    }
}
