use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use domain::{Access, Action, Resource, Role};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::service::{self, AuditedUser, NewUser};
use crate::{
    audit,
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    organizations::tree,
    pagination::{Page, PageParams},
    state::AppState,
    store::users,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user))
}

#[derive(Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    #[schema(example = "hr_officer")]
    pub role: String,
    pub scope_organization_id: Option<Uuid>,
    /// For a trainee: the worker whose own records the account reads.
    pub worker_id: Option<Uuid>,
    pub locale: String,
    /// active or disabled.
    pub status: String,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<users::Model> for User {
    fn from(u: users::Model) -> Self {
        User {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            role: u.role,
            scope_organization_id: u.scope_organization_id,
            worker_id: u.worker_id,
            locale: u.locale,
            status: u.status,
            locked_until: u.locked_until,
            created_at: u.created_at,
            updated_at: u.updated_at,
            version: u.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CreatedUserResponse {
    pub user: User,
    /// Whether an invitation to set a password was emailed (when no password was given).
    pub invitation_sent: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    pub email: String,
    pub display_name: String,
    /// admin, registrar, hr_officer, licensing_officer, planner or trainee.
    pub role: String,
    /// Required for registrars (their training provider) and HR officers (their organisation).
    pub scope_organization_id: Option<Uuid>,
    /// km (default) or en.
    pub locale: Option<String>,
    /// At least 12 characters. When absent, the user is emailed an invitation to set one
    /// (a single-use link valid 72 hours).
    pub password: Option<String>,
    /// Required for trainees (and only for them): the worker whose own transcript, certificates
    /// and licences the account reads.
    pub worker_id: Option<Uuid>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChanges {
    pub version: i32,
    pub display_name: Option<String>,
    pub role: Option<String>,
    pub scope_organization_id: Option<Uuid>,
    pub locale: Option<String>,
    /// active or disabled (accounts are never deleted).
    pub status: Option<String>,
    /// Lift a lock after failed sign-ins.
    pub unlock: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    pub role: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

async fn visible_scope(state: &AppState, user: &CurrentUser, access: &Access) -> AppResult<Option<Vec<Uuid>>> {
    match access {
        Access::All => Ok(None),
        _ => match user.scope_organization_id {
            Some(root) => Ok(Some(tree::subtree_ids(&state.db, root).await?)),
            None => Ok(Some(Vec::new())),
        },
    }
}

/// User accounts, by email. Administrators see all; HR officers those of their organisation tree.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(UserFilter),
    responses((status = 200, body = Page<User>), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(filter): ApiQuery<UserFilter>,
) -> AppResult<Json<Page<User>>> {
    let access = user.can(Resource::Users, Action::Read)?;
    let page = PageParams {
        limit: filter.limit,
        cursor: filter.cursor,
    };
    let limit = page.limit()?;
    let mut query = users::Entity::find();
    if let Some(role) = &filter.role {
        query = query.filter(users::Column::Role.eq(role.parse::<Role>()?.as_str()));
    }
    if let Some(orgs) = visible_scope(&state, &user, &access).await? {
        query = query.filter(users::Column::ScopeOrganizationId.is_in(orgs));
    }
    if let Some(after) = page.after()? {
        query = query.filter(users::Column::Email.gt(after));
    }
    let rows = query
        .order_by_asc(users::Column::Email)
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    Ok(Json(Page::from_rows(rows, limit, |u| u.email.clone(), User::from)))
}

async fn find_visible(state: &AppState, user: &CurrentUser, access: &Access, id: Uuid) -> AppResult<users::Model> {
    let found = users::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("user"))?;
    if let Some(orgs) = visible_scope(state, user, access).await?
        && !found.scope_organization_id.is_some_and(|o| orgs.contains(&o))
    {
        // Out of scope looks exactly like absent: no leak of who exists.
        return Err(AppError::not_found("user"));
    }
    Ok(found)
}

/// One user account.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = User), (status = 404, body = ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<User>> {
    let access = user.can(Resource::Users, Action::Read)?;
    Ok(Json(find_visible(&state, &user, &access, id).await?.into()))
}

/// Create a user account (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = NewUserRequest,
    responses((status = 201, body = CreatedUserResponse), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<NewUserRequest>,
) -> AppResult<(StatusCode, Json<CreatedUserResponse>)> {
    user.can(Resource::Users, Action::Write)?;
    let invite = req.password.is_none();
    let created = service::create_with(
        &state.db,
        &user.actor(),
        NewUser {
            email: req.email,
            display_name: req.display_name,
            role: req.role,
            scope_organization_id: req.scope_organization_id,
            locale: req.locale,
            password: req.password,
            worker_id: req.worker_id,
        },
        invite.then_some(service::Invitation {
            state: &state,
            inviter_name: &user.display_name,
        }),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUserResponse {
            user: created.user.into(),
            invitation_sent: invite,
        }),
    ))
}

/// Edit a user account (administrators), with the version you read.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = UserChanges,
    responses((status = 200, body = User), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(changes): ApiJson<UserChanges>,
) -> AppResult<Json<User>> {
    let access = user.can(Resource::Users, Action::Write)?;
    let current = find_visible(&state, &user, &access, id).await?;
    let mut errors = Vec::new();
    let display_name = match &changes.display_name {
        Some(n) => domain::required_text("display_name", n, 200)
            .map_err(|e| errors.push(e))
            .ok(),
        None => Some(current.display_name.clone()),
    };
    let role = match &changes.role {
        Some(r) => r.parse::<Role>().map_err(|e| errors.push(e)).ok(),
        None => current.role.parse::<Role>().ok(),
    };
    let locale = match &changes.locale {
        Some(l) => service::parse_locale(Some(l)).map_err(|e| errors.push(e)).ok(),
        None => Some(current.locale.clone()),
    };
    let status = match changes.status.as_deref() {
        Some(s @ ("active" | "disabled")) => Some(s.to_owned()),
        Some(_) => {
            errors.push(domain::FieldError::new(
                "status",
                "one_of",
                "must be active or disabled",
            ));
            None
        }
        None => Some(current.status.clone()),
    };
    if id == user.id && status.as_deref() == Some("disabled") {
        errors.push(domain::FieldError::new(
            "status",
            "not_self",
            "cannot disable your own account",
        ));
    }
    let scope = changes.scope_organization_id.or(current.scope_organization_id);
    let scope = if role.is_some_and(|r| !r.needs_scope() && r != Role::Trainee) {
        None
    } else {
        scope
    };
    if let Some(role) = role
        && let Err(e) = service::check_scope(&state.db, role, scope).await?
    {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let tx = audit::begin(&state.db).await?;
    let fresh = users::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("user"))?;
    if fresh.version != changes.version {
        return Err(AppError::stale_version(fresh.version));
    }
    let mut active = fresh.clone().into_active_model();
    active.display_name = Set(display_name.expect("validated"));
    active.role = Set(role.expect("validated").as_str().to_owned());
    active.scope_organization_id = Set(scope);
    active.locale = Set(locale.expect("validated"));
    active.status = Set(status.expect("validated"));
    if changes.unlock == Some(true) {
        active.locked_until = Set(None);
        active.failed_login_count = Set(0);
        active.last_failed_login_at = Set(None);
    }
    active.updated_at = Set(Utc::now());
    active.version = Set(fresh.version + 1);
    let updated = active.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "user.updated",
        "user",
        id,
        Some(&AuditedUser::from(&fresh)),
        Some(&AuditedUser::from(&updated)),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(updated.into()))
}
