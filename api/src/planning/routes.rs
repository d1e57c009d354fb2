//! The planning endpoints: statistics as JSON, CSV and DHIS2 `dataValueSets`; population figures;
//! plan targets and their progress.

use axum::{
    Json,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use chrono::{Datelike, NaiveDate};
use domain::planning::{AdminLevel, Breakdown, Indicator};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::stats::{self, StatsQuery};
use super::{PopulationReport, TargetProgress};
use crate::{
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    state::AppState,
    store::{plan_targets, population_figures},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(statistic))
        .routes(routes!(import_population, list_population))
        .routes(routes!(targets, add_target))
        .routes(routes!(set_target))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct StatsParams {
    /// national, province, district or commune (default province).
    pub level: Option<String>,
    /// The year (default: this year).
    pub year: Option<i32>,
    /// Postings open on this day count (default: the year's last day, or today).
    pub as_of: Option<NaiveDate>,
    /// Only the units within this admin code (drill-down).
    pub parent: Option<String>,
    /// category, sex, organization_kind or employment_type.
    pub breakdown: Option<String>,
    /// json (default), csv or dhis2 (a DHIS2 dataValueSets document).
    pub format: Option<String>,
}

/// One row of a statistic.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatisticView {
    pub admin_code: String,
    pub name_km: String,
    pub name_en: String,
    pub year: i32,
    pub breakdown: Option<String>,
    pub breakdown_value: Option<String>,
    /// The value (a count, a rate per 100,000 or a percent, one decimal), absent when it cannot
    /// be computed (see flag).
    pub value: Option<String>,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    /// The year of the population figure used.
    pub denominator_year: Option<i32>,
    /// "", stale, missing or zero.
    pub flag: String,
}

pub fn parse_query(indicator: &str, p: &StatsParams) -> AppResult<StatsQuery> {
    let mut errors = Vec::new();
    let indicator = indicator.parse::<Indicator>().map_err(|e| errors.push(e)).ok();
    let level = match p.level.as_deref() {
        None => Some(AdminLevel::Province),
        Some(l) => l.parse::<AdminLevel>().map_err(|e| errors.push(e)).ok(),
    };
    let breakdown = match p.breakdown.as_deref() {
        None | Some("") => None,
        Some(b) => b.parse::<Breakdown>().map_err(|e| errors.push(e)).ok(),
    };
    let year = p
        .year
        .unwrap_or_else(|| crate::certificates::issue::cambodia_today().year());
    if !(1990..=2100).contains(&year) {
        errors.push(domain::FieldError::new(
            "year",
            "out_of_range",
            "must be from 1990 to 2100",
        ));
    }
    let parent = match p.parent.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => match domain::planning::parse_admin_code("parent", code) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    Ok(StatsQuery {
        indicator: indicator.expect("checked"),
        level: level.expect("checked"),
        year,
        as_of: p.as_of.unwrap_or_else(|| super::as_of_for(year)),
        parent,
        breakdown,
    })
}

/// A statistic by admin unit, computed by the database: workforce_count,
/// workers_per_100k_children, workers_per_100k_population, ccwc_coverage, trained, credited,
/// certified, licensed_active, licences_expiring, deployed_unlicensed. Rates name their
/// denominator's year and flag a missing or stale one; nothing here names a person.
#[utoipa::path(get, path = "/api/v1/stats/{indicator}", tag = "planning", security(("bearer" = [])),
    params(("indicator" = String, Path), StatsParams),
    responses((status = 200, body = [StatisticView]), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn statistic(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(indicator): ApiPath<String>,
    ApiQuery(params): ApiQuery<StatsParams>,
) -> AppResult<Response> {
    super::check_read(&user)?;
    let q = parse_query(&indicator, &params)?;
    let stats::Computed {
        units,
        rows,
        computed_at,
    } = stats::compute(&state.db, &state.planning, state.config.planning_refresh_seconds, &q).await?;
    // When the figures were counted (the snapshot's time), as HTTP says it.
    let last_modified = (
        header::LAST_MODIFIED,
        computed_at.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
    );
    Ok(match params.format.as_deref() {
        Some("csv") => (
            [
                last_modified,
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}-{}-{}.csv\"",
                        q.indicator.code(),
                        q.level.code(),
                        q.year
                    ),
                ),
            ],
            format!("\u{feff}{}", domain::planning::statistics_csv(&rows)),
        )
            .into_response(),
        Some("dhis2") => ([last_modified], Json(domain::planning::dhis2_data_value_set(&rows))).into_response(),
        None | Some("json") => {
            let names: std::collections::HashMap<&str, &stats::Unit> =
                units.iter().map(|u| (u.code.as_str(), u)).collect();
            let rows = Json(
                rows.iter()
                    .map(|r| StatisticView {
                        name_km: names
                            .get(r.admin_code.as_str())
                            .map(|u| u.name_km.clone())
                            .unwrap_or_default(),
                        name_en: names
                            .get(r.admin_code.as_str())
                            .map(|u| u.name_en.clone())
                            .unwrap_or_default(),
                        admin_code: r.admin_code.clone(),
                        year: r.year,
                        breakdown: r.breakdown.as_ref().map(|b| b.breakdown.code().to_owned()),
                        breakdown_value: r.breakdown.as_ref().map(|b| b.code.clone()),
                        value: r.value.clone(),
                        numerator: r.numerator,
                        denominator: r.denominator,
                        denominator_year: r.denominator_year,
                        flag: r.flag.code().to_owned(),
                    })
                    .collect::<Vec<_>>(),
            );
            ([last_modified], rows).into_response()
        }
        Some(_) => {
            return Err(AppError::invalid(vec![domain::FieldError::new(
                "format",
                "one_of",
                "must be json, csv or dhis2",
            )]));
        }
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PopulationParams {
    /// Check and report only (default false).
    pub dry_run: Option<bool>,
}

/// Import population figures from CSV (admin_code, year, age_band total|children_0_17,
/// sex all|female|male, count, source): all rows or none; a figure for the same key replaces the
/// old one (audited).
#[utoipa::path(post, path = "/api/v1/population", tag = "planning", security(("bearer" = [])), params(PopulationParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = PopulationReport), (status = 422, body = PopulationReport), (status = 403, body = ErrorBody)))]
pub async fn import_population(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(params): ApiQuery<PopulationParams>,
    body: axum::body::Bytes,
) -> AppResult<(axum::http::StatusCode, Json<PopulationReport>)> {
    let text = std::str::from_utf8(&body).map_err(|_| {
        AppError::invalid(vec![domain::FieldError::new(
            "file",
            "encoding",
            "must be UTF-8 text (CSV UTF-8)",
        )])
    })?;
    let report = super::import_population(&state.db, &user, text, params.dry_run.unwrap_or(false)).await?;
    let status = if report.problems.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct YearParam {
    pub year: Option<i32>,
}

/// The population figures (of a year).
#[utoipa::path(get, path = "/api/v1/population", tag = "planning", security(("bearer" = [])), params(YearParam),
    responses((status = 200, description = "Population figures")))]
pub async fn list_population(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(p): ApiQuery<YearParam>,
) -> AppResult<Json<Vec<population_figures::Model>>> {
    Ok(Json(super::population(&state.db, &user, p.year).await?))
}

/// The plan targets with what is achieved: trained, credited and certified by level within the
/// plan's years up to `year`.
#[utoipa::path(get, path = "/api/v1/plan-targets", tag = "planning", security(("bearer" = [])), params(YearParam),
    responses((status = 200, body = [TargetProgress])))]
pub async fn targets(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(p): ApiQuery<YearParam>,
) -> AppResult<Json<Vec<TargetProgress>>> {
    let year = p
        .year
        .unwrap_or_else(|| crate::certificates::issue::cambodia_today().year());
    Ok(Json(super::target_progress(&state.db, &user, year).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetChange {
    pub trainees: u64,
    /// The version you read.
    pub version: i32,
}

/// Change a target's number of trainees (planners).
#[utoipa::path(patch, path = "/api/v1/plan-targets/{id}", tag = "planning", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = TargetChange,
    responses((status = 200, description = "The target"), (status = 409, body = ErrorBody)))]
pub async fn set_target(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<TargetChange>,
) -> AppResult<Json<plan_targets::Model>> {
    Ok(Json(
        super::set_target(&state.db, &user, id, req.trainees, req.version).await?,
    ))
}

/// Add a target, for a further plan or the current one (planners).
#[utoipa::path(post, path = "/api/v1/plan-targets", tag = "planning", security(("bearer" = [])),
    request_body = super::NewTarget,
    responses((status = 201, description = "The target"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn add_target(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<super::NewTarget>,
) -> AppResult<(axum::http::StatusCode, Json<plan_targets::Model>)> {
    Ok((
        axum::http::StatusCode::CREATED,
        Json(super::add_target(&state.db, &user, req).await?),
    ))
}
