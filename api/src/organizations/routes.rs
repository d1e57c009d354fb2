use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use domain::{Access, Action, OrganizationKind, Resource, Sector};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::tree;
use crate::{
    audit,
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    pagination::{Page, PageParams},
    state::AppState,
    store::{admin_units, organizations},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_organizations, create_organization))
        .routes(routes!(get_organization, update_organization))
}

#[derive(Serialize, ToSchema)]
pub struct Organization {
    pub id: Uuid,
    pub name_en: String,
    pub name_km: Option<String>,
    #[schema(example = "provincial_department")]
    pub kind: String,
    #[schema(example = "government")]
    pub sector: String,
    pub admin_unit_code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send it back with an edit: a stale version is refused with 409.
    pub version: i32,
}

impl From<organizations::Model> for Organization {
    fn from(m: organizations::Model) -> Self {
        Organization {
            id: m.id,
            name_en: m.name_en,
            name_km: m.name_km,
            kind: m.kind,
            sector: m.sector,
            admin_unit_code: m.admin_unit_code,
            parent_id: m.parent_id,
            status: m.status,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    pub name_en: String,
    pub name_km: Option<String>,
    pub kind: String,
    pub sector: String,
    pub admin_unit_code: Option<String>,
    pub parent_id: Option<Uuid>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationChanges {
    /// The version you read; a stale one gets 409.
    pub version: i32,
    pub name_en: Option<String>,
    pub name_km: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    pub admin_unit_code: Option<String>,
    pub parent_id: Option<Uuid>,
    /// active or closed (organisations are never deleted).
    pub status: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrganizationFilter {
    /// Only this kind.
    pub kind: Option<String>,
    /// Only the direct children of this organisation.
    pub parent_id: Option<Uuid>,
    /// Part of the English or Khmer name.
    pub q: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

struct Validated {
    name_en: String,
    name_km: Option<String>,
    kind: OrganizationKind,
    sector: Sector,
    admin_unit_code: Option<String>,
    parent_id: Option<Uuid>,
}

async fn validate(state: &AppState, input: NewOrganization, this: Option<Uuid>) -> AppResult<Validated> {
    let mut errors = Vec::new();
    let name_en = domain::required_text("name_en", &input.name_en, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let name_km = match input.name_km.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => domain::required_text("name_km", n, 200)
            .map_err(|e| errors.push(e))
            .ok(),
        None => None,
    };
    let kind = input.kind.parse::<OrganizationKind>().map_err(|e| errors.push(e)).ok();
    let sector = input.sector.parse::<Sector>().map_err(|e| errors.push(e)).ok();
    if let Some(code) = &input.admin_unit_code
        && admin_units::Entity::find_by_id(code.clone())
            .one(&state.db)
            .await?
            .is_none()
    {
        errors.push(domain::FieldError::new(
            "admin_unit_code",
            "exists",
            "must be a code of the 2025 gazetteer",
        ));
    }
    if let Some(parent) = input.parent_id {
        if organizations::Entity::find_by_id(parent)
            .one(&state.db)
            .await?
            .is_none()
        {
            errors.push(domain::FieldError::new(
                "parent_id",
                "exists",
                "must be an existing organisation",
            ));
        } else if let Some(this) = this
            && tree::is_within(&state.db, this, parent).await?
        {
            errors.push(domain::FieldError::new(
                "parent_id",
                "no_cycle",
                "must not be the organisation itself or one below it",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    Ok(Validated {
        name_en: name_en.expect("validated"),
        name_km,
        kind: kind.expect("validated"),
        sector: sector.expect("validated"),
        admin_unit_code: input.admin_unit_code,
        parent_id: input.parent_id,
    })
}

/// Organisations, by name. Filters: kind, parent, part of a name.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations", security(("bearer" = [])),
    params(OrganizationFilter),
    responses((status = 200, body = Page<Organization>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_organizations(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(filter): ApiQuery<OrganizationFilter>,
) -> AppResult<Json<Page<Organization>>> {
    let access = user.can(Resource::Organizations, Action::Read)?;
    let page = PageParams {
        limit: filter.limit,
        cursor: filter.cursor,
    };
    let limit = page.limit()?;
    let mut query = organizations::Entity::find();
    if let Some(kind) = &filter.kind {
        let kind = kind.parse::<OrganizationKind>()?;
        query = query.filter(organizations::Column::Kind.eq(kind.as_str()));
    }
    if let Some(parent) = filter.parent_id {
        query = query.filter(organizations::Column::ParentId.eq(parent));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        query = query.filter(
            Condition::any()
                .add(organizations::Column::NameEn.contains(q))
                .add(organizations::Column::NameKm.contains(q)),
        );
    }
    if let Some(ids) = scope_ids(&state, &user, &access).await? {
        query = query.filter(organizations::Column::Id.is_in(ids));
    }
    if let Some(after) = page.after()? {
        let (name, id) = after
            .split_once('\u{1f}')
            .ok_or_else(|| AppError::bad_request("invalid_query", "The cursor is not valid."))?;
        let id: Uuid = id
            .parse()
            .map_err(|_| AppError::bad_request("invalid_query", "The cursor is not valid."))?;
        query = query.filter(
            Condition::any().add(organizations::Column::NameEn.gt(name)).add(
                Condition::all()
                    .add(organizations::Column::NameEn.eq(name))
                    .add(organizations::Column::Id.gt(id)),
            ),
        );
    }
    let rows = query
        .order_by_asc(organizations::Column::NameEn)
        .order_by_asc(organizations::Column::Id)
        .limit(limit + 1)
        .all(&state.db)
        .await?;
    Ok(Json(Page::from_rows(
        rows,
        limit,
        |r| format!("{}\u{1f}{}", r.name_en, r.id),
        Organization::from,
    )))
}

/// The organisation ids a user may see, or None for all.
async fn scope_ids(state: &AppState, user: &CurrentUser, access: &Access) -> AppResult<Option<Vec<Uuid>>> {
    match access {
        Access::All => Ok(None),
        _ => match user.scope_organization_id {
            Some(root) => Ok(Some(tree::subtree_ids(&state.db, root).await?)),
            None => Ok(Some(Vec::new())),
        },
    }
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Organization), (status = 404, body = ErrorBody)))]
pub async fn get_organization(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Organization>> {
    let access = user.can(Resource::Organizations, Action::Read)?;
    if let Some(ids) = scope_ids(&state, &user, &access).await?
        && !ids.contains(&id)
    {
        return Err(AppError::not_found("organisation"));
    }
    let org = organizations::Entity::find_by_id(id).one(&state.db).await?;
    org.map(|o| Json(o.into()))
        .ok_or_else(|| AppError::not_found("organisation"))
}

/// Create an organisation (administrators).
#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations", security(("bearer" = [])),
    request_body = NewOrganization,
    responses((status = 201, body = Organization), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_organization(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<NewOrganization>,
) -> AppResult<(StatusCode, Json<Organization>)> {
    user.can(Resource::Organizations, Action::Write)?;
    let v = validate(&state, input, None).await?;
    let now = Utc::now();
    let tx = audit::begin(&state.db).await?;
    let org = organizations::ActiveModel {
        id: Set(Uuid::now_v7()),
        name_en: Set(v.name_en),
        name_km: Set(v.name_km),
        kind: Set(v.kind.as_str().to_owned()),
        sector: Set(v.sector.as_str().to_owned()),
        admin_unit_code: Set(v.admin_unit_code),
        parent_id: Set(v.parent_id),
        status: Set("active".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "organization.created",
        "organization",
        org.id,
        None::<&()>,
        Some(&org),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}

/// Edit an organisation (administrators), with the version you read.
#[utoipa::path(patch, path = "/api/v1/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = OrganizationChanges,
    responses((status = 200, body = Organization), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_organization(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(changes): ApiJson<OrganizationChanges>,
) -> AppResult<Json<Organization>> {
    user.can(Resource::Organizations, Action::Write)?;
    let current = organizations::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("organisation"))?;
    if let Some(status) = &changes.status
        && !["active", "closed"].contains(&status.as_str())
    {
        return Err(AppError::invalid([domain::FieldError::new(
            "status",
            "one_of",
            "must be active or closed",
        )]));
    }
    let merged = NewOrganization {
        name_en: changes.name_en.unwrap_or_else(|| current.name_en.clone()),
        name_km: changes.name_km.or_else(|| current.name_km.clone()),
        kind: changes.kind.unwrap_or_else(|| current.kind.clone()),
        sector: changes.sector.unwrap_or_else(|| current.sector.clone()),
        admin_unit_code: changes.admin_unit_code.or_else(|| current.admin_unit_code.clone()),
        parent_id: changes.parent_id.or(current.parent_id),
    };
    let v = validate(&state, merged, Some(id)).await?;
    let tx = audit::begin(&state.db).await?;
    // Re-read inside the transaction: the version check and the write are one step.
    let fresh = organizations::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("organisation"))?;
    if fresh.version != changes.version {
        return Err(AppError::stale_version(fresh.version));
    }
    let mut active = fresh.clone().into_active_model();
    active.name_en = Set(v.name_en);
    active.name_km = Set(v.name_km);
    active.kind = Set(v.kind.as_str().to_owned());
    active.sector = Set(v.sector.as_str().to_owned());
    active.admin_unit_code = Set(v.admin_unit_code);
    active.parent_id = Set(v.parent_id);
    active.status = Set(changes.status.unwrap_or(fresh.status.clone()));
    active.updated_at = Set(Utc::now());
    active.version = Set(fresh.version + 1);
    let updated = active.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "organization.updated",
        "organization",
        id,
        Some(&fresh),
        Some(&updated),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(updated.into()))
}
