//! The licensing endpoints: thin handlers over [`super::service`].

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::service::{self, Decision, LicenceType, NewCpd, RegisterEntry, RosterRow, UnlicensedPosting};
use crate::{
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    state::AppState,
    store::{cpd_activities, licence_events, licences},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_licence_types, save_licence_type))
        .routes(routes!(apply_for_licence, worker_licences))
        .routes(routes!(list_licences))
        .routes(routes!(get_licence))
        .routes(routes!(decide))
        .routes(routes!(add_cpd, list_cpd))
        .routes(routes!(approve_cpd))
        .routes(routes!(roster_check))
        .routes(routes!(unlicensed_staff))
        .routes(routes!(list_notices))
}

/// Public routes (rate limited by the caller).
pub fn public_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(public_register))
}

/// The licence types.
#[utoipa::path(get, path = "/api/v1/licence-types", tag = "licensing",
    responses((status = 200, body = [LicenceType])))]
pub async fn list_licence_types(State(state): State<AppState>) -> AppResult<Json<Vec<LicenceType>>> {
    Ok(Json(
        service::list_types(&state.db)
            .await?
            .iter()
            .map(LicenceType::from)
            .collect(),
    ))
}

/// Create or change a licence type (administrators).
#[utoipa::path(post, path = "/api/v1/licence-types", tag = "licensing", security(("bearer" = [])),
    request_body = LicenceType,
    responses((status = 200, body = LicenceType), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn save_licence_type(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<LicenceType>,
) -> AppResult<Json<LicenceType>> {
    Ok(Json(LicenceType::from(
        &service::save_type(&state.db, &user, req).await?,
    )))
}

/// A licence with its timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct Licence {
    pub id: Uuid,
    pub worker_id: Uuid,
    pub licence_type: String,
    pub number: Option<String>,
    /// pending, active, conditional, suspended, expired, revoked or refused.
    pub status: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub conditions: Option<String>,
    pub prerequisite_certificate: Option<String>,
    /// The actions the current status allows.
    pub allowed_actions: Vec<String>,
    pub timeline: Vec<LicenceEventView>,
    pub version: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceEventView {
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub reason: Option<String>,
    pub authority: String,
    pub effective_date: NaiveDate,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<licence_events::Model> for LicenceEventView {
    fn from(e: licence_events::Model) -> Self {
        LicenceEventView {
            action: e.action,
            from_status: e.from_status,
            to_status: e.to_status,
            reason: e.reason,
            authority: e.authority,
            effective_date: e.effective_date,
            recorded_by: e.recorded_by,
            recorded_at: e.recorded_at,
        }
    }
}

pub async fn licence_view(state: &AppState, l: licences::Model) -> AppResult<Licence> {
    let events = service::events_of(&state.db, l.id).await?;
    let status = domain::licensing::LicenceStatus::parse(&l.status).map_err(AppError::internal)?;
    Ok(Licence {
        id: l.id,
        worker_id: l.worker_id,
        licence_type: l.licence_type_code,
        number: l.number,
        status: l.status,
        valid_from: l.valid_from,
        valid_until: l.valid_until,
        conditions: l.conditions,
        prerequisite_certificate: l.prerequisite_serial,
        allowed_actions: status
            .allowed_actions()
            .iter()
            .filter(|a| **a != "expire")
            .map(|a| (*a).to_owned())
            .collect(),
        timeline: events.into_iter().map(Into::into).collect(),
        version: l.version,
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// The licence type's code.
    pub licence_type: String,
}

/// Apply for a licence for a worker (the worker, their HR officer, or a licensing officer):
/// 201 pending, or 422 when no valid certificate of the required level is held.
#[utoipa::path(post, path = "/api/v1/workers/{id}/licences", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = Application,
    responses((status = 201, body = Licence), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn apply_for_licence(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<Application>,
) -> AppResult<(StatusCode, Json<Licence>)> {
    let l = service::apply(&state.db, &user, id, &req.licence_type).await?;
    Ok((StatusCode::CREATED, Json(licence_view(&state, l).await?)))
}

/// A worker's licences.
#[utoipa::path(get, path = "/api/v1/workers/{id}/licences", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = [Licence]), (status = 404, body = ErrorBody)))]
pub async fn worker_licences(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Licence>>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let all = licences::Entity::find()
        .filter(licences::Column::WorkerId.eq(id))
        .all(&state.db)
        .await?;
    let mut out = Vec::new();
    for l in all {
        if let Ok(l) = service::find_visible(&state.db, &user, l.id).await {
            out.push(licence_view(&state, l).await?);
        }
    }
    Ok(Json(out))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LicenceFilter {
    /// pending (the queue), active, conditional, suspended, expired, revoked, refused.
    pub status: Option<String>,
    /// Only licences valid until this many days from today (or fewer).
    pub expiring_within_days: Option<u32>,
}

/// Licences by status: the licensing committee's queue and lists.
#[utoipa::path(get, path = "/api/v1/licences", tag = "licensing", security(("bearer" = [])), params(LicenceFilter),
    responses((status = 200, body = [Licence]), (status = 403, body = ErrorBody)))]
pub async fn list_licences(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(filter): ApiQuery<LicenceFilter>,
) -> AppResult<Json<Vec<Licence>>> {
    let list = super::queue(&state.db, &user, filter.status.as_deref(), filter.expiring_within_days).await?;
    let mut out = Vec::new();
    for l in list {
        out.push(licence_view(&state, l).await?);
    }
    Ok(Json(out))
}

/// A licence and its timeline.
#[utoipa::path(get, path = "/api/v1/licences/{id}", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = Licence), (status = 404, body = ErrorBody)))]
pub async fn get_licence(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Licence>> {
    let l = service::find_visible(&state.db, &user, id).await?;
    Ok(Json(licence_view(&state, l).await?))
}

/// Decide on a licence (licensing officers): grant (with or without conditions), refuse,
/// suspend, lift a suspension, renew (needs the cycle's CPD), reinstate, revoke, lift conditions.
/// An action the licence's state does not allow is a 422 naming both.
#[utoipa::path(post, path = "/api/v1/licences/{id}/events", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = Decision,
    responses((status = 200, body = Licence), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<Decision>,
) -> AppResult<Json<Licence>> {
    let l = service::decide(&state.db, &user, id, req, &state.config.public_url).await?;
    Ok(Json(licence_view(&state, l).await?))
}

/// Record a CPD activity for a worker.
#[utoipa::path(post, path = "/api/v1/workers/{id}/cpd", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = NewCpd,
    responses((status = 201, description = "Recorded"), (status = 400, body = ErrorBody)))]
pub async fn add_cpd(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<NewCpd>,
) -> AppResult<(StatusCode, Json<cpd_activities::Model>)> {
    Ok((
        StatusCode::CREATED,
        Json(service::add_cpd(&state.db, &user, id, req).await?),
    ))
}

/// A worker's CPD activities.
#[utoipa::path(get, path = "/api/v1/workers/{id}/cpd", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, description = "CPD activities")))]
pub async fn list_cpd(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<cpd_activities::Model>>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    user.can(domain::Resource::Licences, domain::Action::Read)?;
    if user.role == domain::Role::Trainee && user.worker_id != Some(id) {
        return Err(AppError::not_found("worker"));
    }
    Ok(Json(
        cpd_activities::Entity::find()
            .filter(cpd_activities::Column::WorkerId.eq(id))
            .order_by_asc(cpd_activities::Column::ActivityDate)
            .all(&state.db)
            .await?,
    ))
}

/// Approve a CPD activity (licensing officers).
#[utoipa::path(post, path = "/api/v1/cpd/{id}/approve", tag = "licensing", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, description = "Approved"), (status = 403, body = ErrorBody)))]
pub async fn approve_cpd(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<cpd_activities::Model>> {
    Ok(Json(service::approve_cpd(&state.db, &user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterRequest {
    /// Registry numbers, national IDs or licence numbers, one a line (or separated by commas,
    /// semicolons or tabs); at most 5,000.
    pub identifiers: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RosterParams {
    /// csv for a spreadsheet, json (default).
    pub format: Option<String>,
}

/// Check a list of people before deploying them: found or not, licence status and expiry,
/// certificates held.
#[utoipa::path(post, path = "/api/v1/roster-checks", tag = "licensing", security(("bearer" = [])),
    params(RosterParams), request_body = RosterRequest,
    responses((status = 200, body = [RosterRow]), (status = 400, body = ErrorBody)))]
pub async fn roster_check(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(params): ApiQuery<RosterParams>,
    ApiJson(req): ApiJson<RosterRequest>,
) -> AppResult<Response> {
    let rows = service::roster(&state.db, &user, &req.identifiers).await?;
    Ok(match params.format.as_deref() {
        Some("csv") => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"roster-check.csv\""),
            ],
            service::roster_csv(&rows),
        )
            .into_response(),
        None | Some("json") => Json(rows).into_response(),
        Some(_) => {
            return Err(AppError::invalid(vec![domain::FieldError::new(
                "format",
                "one_of",
                "must be csv or json",
            )]));
        }
    })
}

/// Staff posted now (in the HR officer's organisations) without a licence in force.
#[utoipa::path(get, path = "/api/v1/licences/unlicensed-staff", tag = "licensing", security(("bearer" = [])),
    responses((status = 200, body = [UnlicensedPosting])))]
pub async fn unlicensed_staff(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<UnlicensedPosting>>> {
    if user.role == domain::Role::Trainee {
        return Err(AppError::forbidden("this list is for employers"));
    }
    Ok(Json(service::unlicensed(&state.db, &user).await?))
}

/// The employer alerts of the HR officer's organisations.
#[utoipa::path(get, path = "/api/v1/notices", tag = "licensing", security(("bearer" = [])),
    responses((status = 200, description = "Notices")))]
pub async fn list_notices(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<crate::store::notices::Model>>> {
    Ok(Json(service::notices_for(&state.db, &user).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RegisterQuery {
    /// A name in either script, or a licence number (at least 2 characters).
    pub q: String,
}

/// The public register of licences: name in both scripts, licence type, number, status, valid
/// until — nothing else (public, rate limited).
#[utoipa::path(get, path = "/api/v1/public/register", tag = "verification", params(RegisterQuery),
    responses((status = 200, body = [RegisterEntry]), (status = 400, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn public_register(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<RegisterQuery>,
) -> AppResult<Json<Vec<RegisterEntry>>> {
    Ok(Json(service::register(&state.db, &q.q).await?))
}
