use axum::{Json, extract::State, http::StatusCode};
use chrono::Utc;
use domain::{
    Action, Credits, EntryKind, FieldError, LedgerEntry, LedgerEntryId, ModuleCode, ModuleHours, Outcome,
    QualificationLevel, QualificationRules, Recognition, RecognitionDecision, Resource, WorkforceCategory,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::ledger::{credits_json, ledger_of, rules_of};
use crate::{
    audit,
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    registry::workers::find_visible,
    state::AppState,
    store::{accreditations, credit_entries, modules, organizations, qualification_modules, qualifications},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_accreditations, grant_accreditation))
        .routes(routes!(list_modules, create_module))
        .routes(routes!(list_qualifications, create_qualification))
        .routes(routes!(record_credit))
        .routes(routes!(transcript))
        .routes(routes!(progress))
        .routes(routes!(create_cohort))
        .routes(routes!(get_cohort))
        .routes(routes!(enrol))
        .routes(routes!(record_results))
        .routes(routes!(upload_results))
        .routes(routes!(results_template))
}

use super::cohorts::{self, Cohort, CohortResults, Enrol, NewCohort, ResultsReport};

/// Start a cohort of a qualification (its latest version).
#[utoipa::path(post, path = "/api/v1/cohorts", tag = "training", security(("bearer" = [])), request_body = NewCohort,
    responses((status = 201, body = Cohort), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_cohort(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<NewCohort>,
) -> AppResult<(StatusCode, Json<Cohort>)> {
    Ok((StatusCode::CREATED, Json(cohorts::create(&state.db, &user, req).await?)))
}

/// A cohort and its trainees.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}", tag = "training", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Cohort), (status = 404, body = ErrorBody)))]
pub async fn get_cohort(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Cohort>> {
    user.can(Resource::Catalogue, Action::Read)?;
    let c = crate::store::cohorts::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("cohort"))?;
    Ok(Json(cohorts::view(&state.db, c).await?))
}

/// Enrol workers in a cohort (each once).
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/enrolments", tag = "training", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = Enrol, responses((status = 200, body = Cohort), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn enrol(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<Enrol>,
) -> AppResult<Json<Cohort>> {
    Ok(Json(cohorts::enrol(&state.db, &user, id, req).await?))
}

/// Record a cohort's results in one request: all of them (201), or none with every problem (422).
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/results", tag = "training", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = CohortResults,
    responses((status = 201, body = ResultsReport), (status = 422, body = ResultsReport), (status = 404, body = ErrorBody)))]
pub async fn record_results(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<CohortResults>,
) -> AppResult<(StatusCode, Json<ResultsReport>)> {
    let report = cohorts::record_results(&state.db, &user, id, req).await?;
    let status = if report.problems.is_empty() {
        StatusCode::CREATED
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ResultsFileParams {
    /// The assessment date of every result in the file (YYYY-MM-DD), not in the future.
    pub assessed_on: String,
    /// Who assessed them.
    pub assessor: String,
    /// Check every cell and report, writing nothing (default: false).
    pub dry_run: Option<bool>,
    /// The file's name, which tells CSV from XLSX when the content type does not.
    pub file_name: Option<String>,
}

/// Record a cohort's results from a CSV or XLSX file sent as the request body: a row per trainee
/// (column `registry_number`), a column per module code, cells `pass` or `fail` optionally
/// followed by a score (`pass 78`), empty cells recording nothing. All or nothing: with any
/// problem nothing is written and every problem is listed with its spreadsheet row and column.
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/results/file", tag = "training", security(("bearer" = [])),
    params(("id" = Uuid, Path), ResultsFileParams),
    request_body(content = String, content_type = "text/csv", description = "The CSV (or XLSX) file"),
    responses((status = 201, body = ResultsReport), (status = 200, description = "Checked (dry run)", body = ResultsReport),
        (status = 422, body = ResultsReport), (status = 404, body = ErrorBody), (status = 415, body = ErrorBody)))]
pub async fn upload_results(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ResultsFileParams>,
    body: axum::body::Bytes,
) -> AppResult<(StatusCode, Json<ResultsReport>)> {
    let table = read_upload(&headers, params.file_name.as_deref(), &body)?;
    let dry_run = params.dry_run.unwrap_or(false);
    let report = cohorts::record_results_file(
        &state.db,
        &user,
        id,
        params.assessed_on,
        params.assessor,
        table,
        dry_run,
    )
    .await?;
    Ok((results_status(&report), Json(report)))
}

/// A results file as rows of cells, or the 415/422 that says why it cannot be read.
pub fn read_upload(
    headers: &axum::http::HeaderMap,
    file_name: Option<&str>,
    body: &[u8],
) -> AppResult<Vec<Vec<String>>> {
    use crate::registry::import::{FileKind, read_table};
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let kind = FileKind::detect(content_type, file_name.unwrap_or("")).ok_or_else(|| {
        AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the file as text/csv or as an XLSX spreadsheet.",
        )
    })?;
    read_table(body, kind).map_err(|p| AppError::invalid(vec![FieldError::new("file", "readable", p.problem)]))
}

/// 201 when written, 200 when only checked, 422 with problems.
pub fn results_status(report: &ResultsReport) -> StatusCode {
    if !report.problems.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if report.dry_run {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    }
}

/// A CSV to fill in: the cohort's trainees as rows, its qualification's modules as columns.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}/results/template.csv", tag = "training", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "The CSV to fill in", content_type = "text/csv"), (status = 404, body = ErrorBody)))]
pub async fn results_template(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let c = cohorts::writable(&state.db, &user, id).await?;
    let csv = cohorts::results_template_csv(&state.db, &c).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"kamlang-results-{}.csv\"", c.id),
            ),
        ],
        csv,
    )
        .into_response())
}

use super::cohorts::provider_for;

// ----- accreditations -----------------------------------------------------------------------

#[derive(Serialize, ToSchema)]
pub struct Accreditation {
    pub id: Uuid,
    pub provider_id: Uuid,
    /// cqf-1 … cqf-8, or allied.
    pub level: String,
    pub valid_from: chrono::NaiveDate,
    pub valid_until: Option<chrono::NaiveDate>,
}

impl From<accreditations::Model> for Accreditation {
    fn from(a: accreditations::Model) -> Self {
        Accreditation {
            id: a.id,
            provider_id: a.provider_id,
            level: a.level,
            valid_from: a.valid_from,
            valid_until: a.valid_until,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccreditation {
    /// cqf-1 … cqf-8, or allied.
    pub level: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// A training provider's accreditations.
#[utoipa::path(get, path = "/api/v1/providers/{id}/accreditations", tag = "training", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = Vec<Accreditation>)))]
pub async fn list_accreditations(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Accreditation>>> {
    user.can(Resource::Catalogue, Action::Read)?;
    let rows = accreditations::Entity::find()
        .filter(accreditations::Column::ProviderId.eq(id))
        .filter(accreditations::Column::RevokedAt.is_null())
        .order_by_asc(accreditations::Column::ValidFrom)
        .all(&state.db)
        .await?;
    Ok(Json(rows.into_iter().map(Accreditation::from).collect()))
}

/// Accredit a training provider for a level and a period (administrators).
#[utoipa::path(post, path = "/api/v1/providers/{id}/accreditations", tag = "training", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = NewAccreditation,
    responses((status = 201, body = Accreditation), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn grant_accreditation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<NewAccreditation>,
) -> AppResult<(StatusCode, Json<Accreditation>)> {
    user.can(Resource::Organizations, Action::Write)?;
    let provider = organizations::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("provider"))?;
    let mut errors = Vec::new();
    if provider.kind != "training_provider" {
        errors.push(FieldError::new(
            "provider",
            "training_provider",
            "must be an organisation of kind training_provider",
        ));
    }
    let level = req.level.parse::<QualificationLevel>().map_err(|e| errors.push(e)).ok();
    let from = domain::parse_date("valid_from", &req.valid_from)
        .map_err(|e| errors.push(e))
        .ok();
    let until = match req.valid_until.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(raw) => domain::parse_date("valid_until", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
        None => Some(None),
    };
    if let (Some(level), Some(from), Some(until)) = (level, from, until)
        && let Err(e) = (domain::Accreditation { level, from, until }).validate()
    {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let tx = audit::begin(&state.db).await?;
    let row = accreditations::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(id),
        level: Set(level.expect("validated").as_str().to_owned()),
        valid_from: Set(from.expect("validated")),
        valid_until: Set(until.expect("validated")),
        granted_by: Set(user.actor().0),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "accreditation.granted",
        "accreditation",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

// ----- modules ------------------------------------------------------------------------------

#[derive(Serialize, ToSchema)]
pub struct Module {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub code: String,
    pub title_en: String,
    pub title_km: String,
    pub hours: ModuleHoursBody,
    /// Derived by the CQF rule (15 h instruction, 30 h laboratory, 45 h field = 1 credit),
    /// exactly: `{"ninetieths": n, "display": "2.5"}`; display rounds down to one decimal.
    #[schema(value_type = Object)]
    pub credits: serde_json::Value,
    pub competency_areas: Vec<String>,
    pub learning_outcomes: String,
}

#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ModuleHoursBody {
    #[serde(default)]
    pub instruction: u32,
    #[serde(default)]
    pub laboratory: u32,
    #[serde(default)]
    pub field: u32,
}

impl From<modules::Model> for Module {
    fn from(m: modules::Model) -> Self {
        Module {
            id: m.id,
            provider_id: m.provider_id,
            code: m.code,
            title_en: m.title_en,
            title_km: m.title_km,
            hours: ModuleHoursBody {
                instruction: m.hours_instruction.max(0) as u32,
                laboratory: m.hours_laboratory.max(0) as u32,
                field: m.hours_field.max(0) as u32,
            },
            credits: credits_json(Credits::from_ninetieths(m.credits_ninetieths.max(0) as u64)),
            competency_areas: serde_json::from_str(&m.competency_areas).unwrap_or_default(),
            learning_outcomes: m.learning_outcomes,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewModule {
    pub code: String,
    pub title_en: String,
    pub title_km: String,
    pub hours: ModuleHoursBody,
    /// values_and_ethics, knowledge, skills.
    #[serde(default)]
    pub competency_areas: Vec<String>,
    #[serde(default)]
    pub learning_outcomes: String,
    /// The owning provider (administrators; a registrar's is their own). Default: NISA.
    pub provider_id: Option<Uuid>,
}

/// The module catalogue.
#[utoipa::path(get, path = "/api/v1/modules", tag = "training", security(("bearer" = [])),
    responses((status = 200, body = Vec<Module>)))]
pub async fn list_modules(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<Module>>> {
    user.can(Resource::Catalogue, Action::Read)?;
    let rows = modules::Entity::find()
        .order_by_asc(modules::Column::Code)
        .limit(2000)
        .all(&state.db)
        .await?;
    Ok(Json(rows.into_iter().map(Module::from).collect()))
}

/// Define a module; its credits are derived from its hours.
#[utoipa::path(post, path = "/api/v1/modules", tag = "training", security(("bearer" = [])), request_body = NewModule,
    responses((status = 201, body = Module), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_module(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<NewModule>,
) -> AppResult<(StatusCode, Json<Module>)> {
    let access = user.can(Resource::Catalogue, Action::Write)?;
    let provider = provider_for(&user, &access, req.provider_id)?;
    let mut errors = Vec::new();
    let code = ModuleCode::parse("code", &req.code).map_err(|e| errors.push(e)).ok();
    let title_en = domain::required_text("title_en", &req.title_en, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let title_km = domain::required_text("title_km", &req.title_km, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let hours = ModuleHours {
        instruction: req.hours.instruction,
        laboratory: req.hours.laboratory,
        field: req.hours.field,
    };
    if let Err(e) = hours.validate("hours") {
        errors.push(e);
    }
    for area in &req.competency_areas {
        if !["values_and_ethics", "knowledge", "skills"].contains(&area.as_str()) {
            errors.push(FieldError::new(
                "competency_areas",
                "one_of",
                "must be values_and_ethics, knowledge or skills",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let code = code.expect("validated");
    if modules::Entity::find()
        .filter(modules::Column::Code.eq(code.as_str()))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Err(AppError::conflict(
            "duplicate_code",
            format!("A module with the code {code} already exists."),
        )
        .with_field("code", "is already in use"));
    }
    let now = Utc::now();
    let tx = audit::begin(&state.db).await?;
    let row = modules::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider),
        code: Set(code.as_str().to_owned()),
        title_en: Set(title_en.expect("validated")),
        title_km: Set(title_km.expect("validated")),
        hours_instruction: Set(hours.instruction as i32),
        hours_laboratory: Set(hours.laboratory as i32),
        hours_field: Set(hours.field as i32),
        credits_ninetieths: Set(hours.credits().ninetieths() as i64),
        competency_areas: Set(serde_json::to_string(&req.competency_areas).unwrap_or_else(|_| "[]".into())),
        learning_outcomes: Set(req.learning_outcomes.trim().to_owned()),
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
        "module.created",
        "module",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

// ----- qualifications -----------------------------------------------------------------------

#[derive(Serialize, ToSchema)]
pub struct Qualification {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub code: String,
    /// A change makes a new version; credits keep the version they were earned under.
    pub version: i32,
    /// cqf-1 … cqf-8, or allied.
    pub level: String,
    pub title_en: String,
    pub title_km: String,
    pub field_of_study_en: String,
    pub field_of_study_km: String,
    #[schema(value_type = Object)]
    pub minimum_credits: serde_json::Value,
    pub target_category: String,
    pub required_modules: Vec<String>,
    pub elective_modules: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQualification {
    pub code: String,
    /// cqf-1 … cqf-8, or allied.
    pub level: String,
    pub title_en: String,
    pub title_km: String,
    pub field_of_study_en: String,
    pub field_of_study_km: String,
    /// Whole credits; not below the CQF minimum of the level.
    pub minimum_credits: u32,
    pub target_category: String,
    pub required_modules: Vec<String>,
    #[serde(default)]
    pub elective_modules: Vec<String>,
    pub provider_id: Option<Uuid>,
}

async fn qualification_view(db: &sea_orm::DatabaseConnection, q: qualifications::Model) -> AppResult<Qualification> {
    let rules = rules_of(db, &q).await?;
    let (required, elective) = match rules {
        Some(r) => (
            r.required_modules.iter().map(|m| m.as_str().to_owned()).collect(),
            r.elective_modules.iter().map(|m| m.as_str().to_owned()).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(Qualification {
        id: q.id,
        provider_id: q.provider_id,
        code: q.code,
        version: q.version,
        level: q.level,
        title_en: q.title_en,
        title_km: q.title_km,
        field_of_study_en: q.field_of_study_en,
        field_of_study_km: q.field_of_study_km,
        minimum_credits: credits_json(Credits::from_ninetieths(q.minimum_credits_ninetieths.max(0) as u64)),
        target_category: q.target_category,
        required_modules: required,
        elective_modules: elective,
    })
}

/// Qualifications, every version.
#[utoipa::path(get, path = "/api/v1/qualifications", tag = "training", security(("bearer" = [])),
    responses((status = 200, body = Vec<Qualification>)))]
pub async fn list_qualifications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<Qualification>>> {
    user.can(Resource::Catalogue, Action::Read)?;
    let rows = qualifications::Entity::find()
        .order_by_asc(qualifications::Column::Code)
        .order_by_asc(qualifications::Column::Version)
        .all(&state.db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for q in rows {
        out.push(qualification_view(&state.db, q).await?);
    }
    Ok(Json(out))
}

/// Define a qualification, or a new version of one (same code): earlier credits keep theirs.
#[utoipa::path(post, path = "/api/v1/qualifications", tag = "training", security(("bearer" = [])), request_body = NewQualification,
    responses((status = 201, body = Qualification), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_qualification(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<NewQualification>,
) -> AppResult<(StatusCode, Json<Qualification>)> {
    let access = user.can(Resource::Catalogue, Action::Write)?;
    let provider = provider_for(&user, &access, req.provider_id)?;
    let mut errors = Vec::new();
    let code = ModuleCode::parse("code", &req.code).map_err(|e| errors.push(e)).ok();
    let level = req.level.parse::<QualificationLevel>().map_err(|e| errors.push(e)).ok();
    let category = req
        .target_category
        .parse::<WorkforceCategory>()
        .map_err(|mut e| {
            e.field = "target_category".into();
            errors.push(e)
        })
        .ok();
    for (field, value) in [
        ("title_en", &req.title_en),
        ("title_km", &req.title_km),
        ("field_of_study_en", &req.field_of_study_en),
        ("field_of_study_km", &req.field_of_study_km),
    ] {
        if let Err(e) = domain::required_text(field, value, 200) {
            errors.push(e);
        }
    }
    let mut module_ids = Vec::new();
    let resolve = |list: &[String], field: &str, errors: &mut Vec<FieldError>| -> Vec<ModuleCode> {
        list.iter()
            .filter_map(|raw| match ModuleCode::parse(field, raw) {
                Ok(c) => Some(c),
                Err(e) => {
                    errors.push(e);
                    None
                }
            })
            .collect()
    };
    let required = resolve(&req.required_modules, "required_modules", &mut errors);
    let elective = resolve(&req.elective_modules, "elective_modules", &mut errors);
    for (list, field, is_required) in [
        (&required, "required_modules", true),
        (&elective, "elective_modules", false),
    ] {
        for c in list {
            match modules::Entity::find()
                .filter(modules::Column::Code.eq(c.as_str()))
                .one(&state.db)
                .await?
            {
                Some(m) => module_ids.push((m.id, is_required)),
                None => errors.push(FieldError::new(
                    field,
                    "exists",
                    format!("names {c}, which is not a module of the catalogue"),
                )),
            }
        }
    }
    if let Some(level) = level {
        let rules = QualificationRules {
            level,
            version: 1,
            minimum_credits: Credits::from_whole(req.minimum_credits),
            required_modules: required.clone(),
            elective_modules: elective.clone(),
        };
        if let Err(es) = rules.validate() {
            errors.extend(es);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let code = code.expect("validated");
    let tx = audit::begin(&state.db).await?;
    let latest = qualifications::Entity::find()
        .filter(qualifications::Column::Code.eq(code.as_str()))
        .order_by_desc(qualifications::Column::Version)
        .one(&tx)
        .await?;
    let row = qualifications::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider),
        code: Set(code.as_str().to_owned()),
        version: Set(latest.map(|q| q.version + 1).unwrap_or(1)),
        level: Set(level.expect("validated").as_str().to_owned()),
        title_en: Set(req.title_en.trim().to_owned()),
        title_km: Set(req.title_km.trim().to_owned()),
        field_of_study_en: Set(req.field_of_study_en.trim().to_owned()),
        field_of_study_km: Set(req.field_of_study_km.trim().to_owned()),
        minimum_credits_ninetieths: Set(Credits::from_whole(req.minimum_credits).ninetieths() as i64),
        target_category: Set(category.expect("validated").as_str().to_owned()),
        status: Set("active".to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(&tx)
    .await?;
    for (module_id, required) in module_ids {
        qualification_modules::ActiveModel {
            qualification_id: Set(row.id),
            module_id: Set(module_id),
            required: Set(required),
        }
        .insert(&tx)
        .await?;
    }
    audit::record(
        &tx,
        &user.actor(),
        "qualification.created",
        "qualification",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(qualification_view(&state.db, row).await?)))
}

// ----- the ledger ---------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCredit {
    pub worker_id: Uuid,
    pub module_code: String,
    /// completion, rpl, rcc, transfer or correction.
    pub kind: String,
    /// When it happened (YYYY-MM-DD).
    pub on: String,
    /// completion: the hours attended by mode.
    pub hours: Option<ModuleHoursBody>,
    /// completion: pass or fail.
    pub result: Option<String>,
    /// completion: 0 to 100.
    pub score: Option<u16>,
    pub assessor: Option<String>,
    /// rpl, rcc: what the decision rests on.
    pub evidence: Option<String>,
    /// rpl, rcc: competent or not_yet_competent.
    pub decision: Option<String>,
    /// rpl, rcc, transfer: the credits granted, as a decimal ("2.5"), exact in ninetieths.
    pub granted_credits: Option<String>,
    /// transfer: the provider it was earned at.
    pub from_provider: Option<String>,
    /// correction: the id of the entry it reverses.
    pub reverses: Option<i64>,
    /// correction: why.
    pub reason: Option<String>,
    /// The provider recording it (administrators; a registrar's is their own).
    pub provider_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct CreditEntry {
    /// The ledger id (a correction names it in `reverses`).
    pub id: i64,
    pub worker_id: Uuid,
    pub module_code: String,
    pub kind: String,
    pub on: chrono::NaiveDate,
    pub provider_id: Uuid,
}

/// Exact credits from a decimal such as "2.5": refused unless it is a whole number of ninetieths.
fn parse_credits(field: &str, raw: &str) -> Result<Credits, FieldError> {
    let raw = raw.trim();
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
    let bad = || FieldError::new(field, "format", "must be a number of credits such as 2 or 2.5");
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 6
    {
        return Err(bad());
    }
    let scale = 10u128.pow(frac.len() as u32);
    let value: u128 = format!("{whole}{frac}").parse().map_err(|_| bad())?;
    let ninetieths = value * 90;
    if !ninetieths.is_multiple_of(scale) {
        return Err(FieldError::new(
            field,
            "exact",
            "must be an exact number of ninetieths of a credit (such as 2.5 or 0.2)",
        ));
    }
    Ok(Credits::from_ninetieths(
        u64::try_from(ninetieths / scale).map_err(|_| bad())?,
    ))
}

/// Record a credit entry in a worker's ledger (append-only; a correction reverses an entry).
#[utoipa::path(post, path = "/api/v1/credits", tag = "training", security(("bearer" = [])), request_body = NewCredit,
    responses((status = 201, body = CreditEntry), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_credit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<NewCredit>,
) -> AppResult<(StatusCode, Json<CreditEntry>)> {
    let access = user.can(Resource::CreditRecords, Action::Write)?;
    let provider = provider_for(&user, &access, req.provider_id)?;
    let worker = crate::store::workers::Entity::find_by_id(req.worker_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let mut errors = Vec::new();
    let code = ModuleCode::parse("module_code", &req.module_code)
        .map_err(|e| errors.push(e))
        .ok();
    let on = domain::parse_date("on", &req.on).map_err(|e| errors.push(e)).ok();
    if let Some(d) = on
        && d > Utc::now().date_naive()
    {
        errors.push(FieldError::new("on", "not_future", "must not be in the future"));
    }
    let module = match &code {
        Some(c) => {
            modules::Entity::find()
                .filter(modules::Column::Code.eq(c.as_str()))
                .one(&state.db)
                .await?
        }
        None => None,
    };
    if code.is_some() && module.is_none() {
        errors.push(FieldError::new(
            "module_code",
            "exists",
            "must be a module of the catalogue",
        ));
    }
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
    let granted = match req.granted_credits.as_deref() {
        Some(raw) => parse_credits("granted_credits", raw).map_err(|e| errors.push(e)).ok(),
        None => None,
    };
    let kind = match req.kind.as_str() {
        "completion" => {
            let h = req.hours.unwrap_or(ModuleHoursBody {
                instruction: 0,
                laboratory: 0,
                field: 0,
            });
            let outcome = match req.result.as_deref() {
                Some("pass") => Some(Outcome::Pass),
                Some("fail") => Some(Outcome::Fail),
                _ => {
                    errors.push(FieldError::new("result", "one_of", "must be pass or fail"));
                    None
                }
            };
            outcome.map(|outcome| EntryKind::Completion {
                hours: ModuleHours {
                    instruction: h.instruction,
                    laboratory: h.laboratory,
                    field: h.field,
                },
                outcome,
                score: req.score,
                assessor: text(&req.assessor),
            })
        }
        k @ ("rpl" | "rcc") => {
            let decision = match req.decision.as_deref() {
                Some("competent") => Some(RecognitionDecision::Competent),
                Some("not_yet_competent") => Some(RecognitionDecision::NotYetCompetent),
                _ => {
                    errors.push(FieldError::new(
                        "decision",
                        "one_of",
                        "must be competent or not_yet_competent",
                    ));
                    None
                }
            };
            decision.map(|decision| {
                let r = Recognition {
                    assessor: text(&req.assessor),
                    evidence: text(&req.evidence),
                    decision,
                    granted: granted.unwrap_or(Credits::ZERO),
                };
                if k == "rpl" {
                    EntryKind::Rpl(r)
                } else {
                    EntryKind::Rcc(r)
                }
            })
        }
        "transfer" => Some(EntryKind::Transfer {
            granted: granted.unwrap_or(Credits::ZERO),
            from_provider: text(&req.from_provider),
        }),
        "correction" => Some(EntryKind::Correction {
            reverses: LedgerEntryId(req.reverses.unwrap_or(0).max(0) as u64),
            reason: text(&req.reason),
        }),
        _ => {
            errors.push(FieldError::new(
                "kind",
                "one_of",
                "must be completion, rpl, rcc, transfer or correction",
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let (module, kind, on, code) = (
        module.expect("validated"),
        kind.expect("validated"),
        on.expect("validated"),
        code.expect("validated"),
    );
    let module_credits = Credits::from_ninetieths(module.credits_ninetieths.max(0) as u64);
    let entry = LedgerEntry {
        id: LedgerEntryId(u64::MAX),
        module: code.clone(),
        module_credits,
        kind,
        on,
        qualification_version: None,
    };
    if let Err(es) = domain::validate_entry(&entry) {
        // A rule of the ledger (more RPL than the module carries, a decision that grants nothing…),
        // named by the request's field names.
        let es = es.into_iter().map(|mut e| {
            if e.field == "granted" {
                e.field = "granted_credits".to_owned();
            }
            e
        });
        let mut e = AppError::invalid(es);
        if e.field_rules
            .values()
            .any(|r| *r == "exceeds_module" || *r == "not_competent")
        {
            e.status = StatusCode::UNPROCESSABLE_ENTITY;
            e.code = "ledger_rule";
        }
        return Err(e);
    }
    let tx = audit::begin(&state.db).await?;
    if let EntryKind::Correction { .. } = entry.kind {
        let existing = ledger_of(&tx, worker.id, None).await?;
        domain::validate_correction(&existing, &entry).map_err(AppError::unprocessable_field)?;
    }
    let (hours, passed, score, granted_n, assessor, evidence, decision, from_provider, reverses, reason) =
        match &entry.kind {
            EntryKind::Completion {
                hours,
                outcome,
                score,
                assessor,
            } => (
                Some(*hours),
                Some(*outcome == Outcome::Pass),
                score.map(|s| s as i16),
                None,
                Some(assessor.clone()),
                None,
                None,
                None,
                None,
                None,
            ),
            EntryKind::Rpl(r) | EntryKind::Rcc(r) => (
                None,
                None,
                None,
                Some(r.granted.ninetieths() as i64),
                Some(r.assessor.clone()),
                Some(r.evidence.clone()),
                Some(
                    if r.decision == RecognitionDecision::Competent {
                        "competent"
                    } else {
                        "not_yet_competent"
                    }
                    .to_owned(),
                ),
                None,
                None,
                None,
            ),
            EntryKind::Transfer { granted, from_provider } => (
                None,
                None,
                None,
                Some(granted.ninetieths() as i64),
                None,
                None,
                None,
                Some(from_provider.clone()),
                None,
                None,
            ),
            EntryKind::Correction { reverses, reason } => (
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                Some(reverses.0 as i64),
                Some(reason.clone()),
            ),
        };
    let row = credit_entries::ActiveModel {
        worker_id: Set(worker.id),
        module_id: Set(module.id),
        provider_id: Set(provider),
        kind: Set(entry.kind.code().to_owned()),
        hours_instruction: Set(hours.map(|h| h.instruction as i32)),
        hours_laboratory: Set(hours.map(|h| h.laboratory as i32)),
        hours_field: Set(hours.map(|h| h.field as i32)),
        passed: Set(passed),
        score: Set(score),
        granted_ninetieths: Set(granted_n),
        module_credits_ninetieths: Set(module_credits.ninetieths() as i64),
        assessor: Set(assessor),
        evidence: Set(evidence),
        decision: Set(decision),
        from_provider: Set(from_provider),
        reverses: Set(reverses),
        reason: Set(reason),
        occurred_on: Set(on),
        cohort_id: Set(None),
        qualification_id: Set(None),
        recorded_by: Set(user.actor().0),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "credit.recorded",
        "credit_entry",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CreditEntry {
            id: row.id,
            worker_id: row.worker_id,
            module_code: code.as_str().to_owned(),
            kind: row.kind,
            on: row.occurred_on,
            provider_id: row.provider_id,
        }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct TranscriptResponse {
    pub worker_id: Uuid,
    /// Each module credited once (its best credit), totals by kind, all exact.
    #[schema(value_type = Object)]
    pub transcript: serde_json::Value,
}

/// A worker's transcript: credits by module and kind, with totals.
#[utoipa::path(get, path = "/api/v1/workers/{id}/transcript", tag = "training", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TranscriptResponse), (status = 404, body = ErrorBody)))]
pub async fn transcript(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<TranscriptResponse>> {
    user.can(Resource::CreditRecords, Action::Read)?;
    let worker = find_visible(&state.db, &user, id, Action::Read).await?;
    let entries = ledger_of(&state.db, worker.id, None).await?;
    let t = domain::transcript(&entries);
    Ok(Json(TranscriptResponse {
        worker_id: worker.id,
        transcript: serde_json::to_value(&t).map_err(AppError::internal)?,
    }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProgressQuery {
    /// The qualification's code (its latest version).
    pub qualification: String,
}

#[derive(Serialize, ToSchema)]
pub struct ProgressResponse {
    pub worker_id: Uuid,
    pub qualification_code: String,
    pub qualification_version: i32,
    /// Credits earned against the minimum, required modules missing, eligible or not with every reason.
    #[schema(value_type = Object)]
    pub progress: serde_json::Value,
}

/// A worker's progress toward a qualification.
#[utoipa::path(get, path = "/api/v1/workers/{id}/progress", tag = "training", security(("bearer" = [])),
    params(("id" = Uuid, Path), ProgressQuery),
    responses((status = 200, body = ProgressResponse), (status = 404, body = ErrorBody)))]
pub async fn progress(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ProgressQuery>,
) -> AppResult<Json<ProgressResponse>> {
    user.can(Resource::CreditRecords, Action::Read)?;
    let worker = find_visible(&state.db, &user, id, Action::Read).await?;
    let code = ModuleCode::parse("qualification", &q.qualification)?;
    let qualification = qualifications::Entity::find()
        .filter(qualifications::Column::Code.eq(code.as_str()))
        .order_by_desc(qualifications::Column::Version)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let rules = rules_of(&state.db, &qualification)
        .await?
        .ok_or_else(|| AppError::internal("a qualification of an unknown level"))?;
    let entries = ledger_of(&state.db, worker.id, None).await?;
    let p = domain::progress(&rules, &entries);
    Ok(Json(ProgressResponse {
        worker_id: worker.id,
        qualification_code: qualification.code,
        qualification_version: qualification.version,
        progress: serde_json::to_value(&p).map_err(AppError::internal)?,
    }))
}
