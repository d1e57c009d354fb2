use axum::{
    Json,
    body::Bytes,
    extract::{DefaultBodyLimit, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use domain::{Action, Resource};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{
    duplicates::{self, DuplicateFlag, Merge, MergeRequest},
    import::{self, FileKind, ImportReport, ImportRequest},
    postings::{self, EndPosting, NewPostingRequest, Transfer, TransferRequest},
    scope::WorkerScope,
    views::{CategorySpan, CreatedWorker, Deployment, Worker, WorkerProfile, WorkerSummary},
    workers::{self, CategoryChange, NewWorkerRequest, WorkerChanges, WorkerSearch},
};
use crate::{
    auth::CurrentUser,
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult, ErrorBody},
    pagination::Page,
    state::AppState,
    store::workers as worker_rows,
};

/// The largest file an import accepts.
pub const IMPORT_BODY_LIMIT: usize = 32 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search_workers, create_worker))
        .routes(routes!(get_worker, update_worker))
        .routes(routes!(worker_summary))
        .routes(routes!(change_category))
        .routes(routes!(list_deployments, add_deployment))
        .routes(routes!(end_deployment))
        .routes(routes!(transfer))
        .routes(routes!(list_duplicates))
        .routes(routes!(dismiss_duplicate))
        .routes(routes!(merge_workers))
        .routes(routes!(undo_merge))
        .routes(routes!(import_template))
        .routes(routes!(get_import))
        .routes(routes!(import_report_csv))
        .routes(routes!(commit_import))
        // Files are larger than JSON bodies: only the upload gets the larger limit.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(import_workers))
                .layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
}

/// Find workers: by name in either script, registry number, national ID, category, status,
/// organisation or administrative unit. Only records within your scope.
#[utoipa::path(get, path = "/api/v1/workers", tag = "workers", security(("bearer" = [])), params(WorkerSearch),
    responses((status = 200, body = Page<Worker>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn search_workers(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<WorkerSearch>,
) -> AppResult<Json<Page<Worker>>> {
    let (rows, next_cursor) = workers::search(&state.db, &user, &q).await?;
    Ok(Json(Page {
        items: rows.into_iter().map(Worker::from).collect(),
        next_cursor,
    }))
}

/// Register a worker (with their first posting). A national ID already registered is a 409
/// naming the worker; likely duplicates are flagged and returned.
#[utoipa::path(post, path = "/api/v1/workers", tag = "workers", security(("bearer" = [])), request_body = NewWorkerRequest,
    responses((status = 201, body = CreatedWorker), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_worker(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<NewWorkerRequest>,
) -> AppResult<(StatusCode, Json<CreatedWorker>)> {
    Ok((StatusCode::CREATED, Json(workers::create(&state.db, &user, req).await?)))
}

/// A worker's record with category history, postings and open duplicate flags.
#[utoipa::path(get, path = "/api/v1/workers/{id}", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = WorkerProfile), (status = 404, body = ErrorBody)))]
pub async fn get_worker(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<WorkerProfile>> {
    Ok(Json(workers::profile(&state.db, &user, id).await?))
}

/// Edit a worker, with the version you read. A trainee may change only their phone and email.
#[utoipa::path(patch, path = "/api/v1/workers/{id}", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = WorkerChanges,
    responses((status = 200, body = Worker), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_worker(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(ch): ApiJson<WorkerChanges>,
) -> AppResult<Json<Worker>> {
    Ok(Json(workers::update(&state.db, &user, id, ch).await?))
}

/// The public credential and licence summary of any worker, for anyone signed in: no contact
/// details, no birth date.
#[utoipa::path(get, path = "/api/v1/workers/{id}/summary", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = WorkerSummary), (status = 404, body = ErrorBody)))]
pub async fn worker_summary(
    State(state): State<AppState>,
    _user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<WorkerSummary>> {
    use sea_orm::EntityTrait;
    let w = worker_rows::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    Ok(Json(w.into()))
}

/// Change a worker's workforce category from a date; the history keeps the old one.
#[utoipa::path(post, path = "/api/v1/workers/{id}/categories", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = CategoryChange,
    responses((status = 200, body = Vec<CategorySpan>), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_category(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<CategoryChange>,
) -> AppResult<Json<Vec<CategorySpan>>> {
    Ok(Json(workers::change_category(&state.db, &user, id, req).await?))
}

/// A worker's postings, newest first (including those of records merged into it).
#[utoipa::path(get, path = "/api/v1/workers/{id}/deployments", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Deployment>), (status = 404, body = ErrorBody)))]
pub async fn list_deployments(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<Deployment>>> {
    Ok(Json(postings::list(&state.db, &user, id).await?))
}

/// Post a worker. A primary posting that overlaps another primary posting is a 422 naming it.
#[utoipa::path(post, path = "/api/v1/workers/{id}/deployments", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewPostingRequest,
    responses((status = 201, body = Deployment), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_deployment(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<NewPostingRequest>,
) -> AppResult<(StatusCode, Json<Deployment>)> {
    Ok((
        StatusCode::CREATED,
        Json(postings::add(&state.db, &user, id, req).await?),
    ))
}

/// End a posting on a date.
#[utoipa::path(post, path = "/api/v1/deployments/{id}/end", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = EndPosting,
    responses((status = 200, body = Deployment), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn end_deployment(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<EndPosting>,
) -> AppResult<Json<Deployment>> {
    Ok(Json(postings::end(&state.db, &user, id, req).await?))
}

/// Transfer: end the current primary posting and start the next, in one step.
#[utoipa::path(post, path = "/api/v1/workers/{id}/transfers", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = TransferRequest,
    responses((status = 201, body = Transfer), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transfer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<TransferRequest>,
) -> AppResult<(StatusCode, Json<Transfer>)> {
    Ok((
        StatusCode::CREATED,
        Json(postings::transfer(&state.db, &user, id, req).await?),
    ))
}

/// Open flags of likely duplicates within your scope.
#[utoipa::path(get, path = "/api/v1/duplicates", tag = "workers", security(("bearer" = [])),
    responses((status = 200, body = Vec<DuplicateFlag>)))]
pub async fn list_duplicates(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<DuplicateFlag>>> {
    Ok(Json(duplicates::list_open(&state.db, &user).await?))
}

/// Not a duplicate after all.
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/dismiss", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = DuplicateFlag), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn dismiss_duplicate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<DuplicateFlag>> {
    Ok(Json(duplicates::dismiss(&state.db, &user, id).await?))
}

/// Merge a duplicate record into this one. Nothing is deleted: both histories are kept, and
/// the merge can be undone.
#[utoipa::path(post, path = "/api/v1/workers/{id}/merge", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = MergeRequest,
    responses((status = 201, body = Merge), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn merge_workers(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<MergeRequest>,
) -> AppResult<(StatusCode, Json<Merge>)> {
    Ok((
        StatusCode::CREATED,
        Json(duplicates::merge(&state.db, &user, id, req).await?),
    ))
}

/// Undo a merge: the merged record stands on its own again.
#[utoipa::path(post, path = "/api/v1/merges/{id}/undo", tag = "workers", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Merge), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn undo_merge(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Merge>> {
    Ok(Json(duplicates::undo(&state.db, &user, id).await?))
}

/// The import template: a CSV with the columns and an example row. Khmer column headers are
/// accepted too (see the help column of the template documentation in the README).
#[utoipa::path(get, path = "/api/v1/imports/workers/template.csv", tag = "imports",
    responses((status = 200, description = "The CSV template", content_type = "text/csv")))]
pub async fn import_template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"kamlang-workers-template.csv\"",
            ),
        ],
        format!("\u{feff}{}", domain::template_csv()),
    )
        .into_response()
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ImportParams {
    /// Check every row and report, writing nothing (default: true).
    pub dry_run: Option<bool>,
    /// The file's name, for the report.
    pub file_name: Option<String>,
}

/// Whether the user may import, and the scope the rows must be within.
pub async fn import_scope(state: &AppState, user: &CurrentUser) -> AppResult<(WorkerScope, Option<Uuid>)> {
    user.can(Resource::Workers, Action::Write)?;
    let scope = WorkerScope::of(&state.db, user, Action::Write).await?;
    if matches!(scope, WorkerScope::Own(_)) {
        return Err(AppError::forbidden("a trainee cannot import workers"));
    }
    let registered_by = match scope {
        WorkerScope::All => None,
        _ => user.scope_organization_id,
    };
    Ok((scope, registered_by))
}

/// Import workers from a CSV or XLSX file sent as the request body (Content-Type text/csv or
/// the XLSX type). By default a dry run: every row is checked and reported, nothing written.
/// With dry_run=false the file is written only if no row has a problem (all or nothing); rows
/// already registered are not created again.
#[utoipa::path(post, path = "/api/v1/imports/workers", tag = "imports", security(("bearer" = [])), params(ImportParams),
    request_body(content = String, content_type = "text/csv", description = "The CSV (or XLSX) file"),
    responses(
        (status = 200, description = "Checked (dry run)", body = ImportReport),
        (status = 201, description = "Written", body = ImportReport),
        (status = 422, description = "Some rows have problems: nothing was written", body = ImportReport),
    ))]
pub async fn import_workers(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ImportParams>,
    body: Bytes,
) -> AppResult<Response> {
    let (scope, registered_by) = import_scope(&state, &user).await?;
    let file_name = params.file_name.unwrap_or_else(|| "upload".to_owned());
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let kind = FileKind::detect(content_type, &file_name).ok_or_else(|| {
        AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the file as text/csv or as an XLSX spreadsheet.",
        )
    })?;
    let report = import::run(
        &state.db,
        ImportRequest {
            actor: &user.actor(),
            scope: &scope,
            registered_by,
            file_name,
            bytes: body.to_vec(),
            kind,
            dry_run: params.dry_run.unwrap_or(true),
        },
        &|_| {},
    )
    .await?;
    Ok(report_response(report))
}

pub fn report_response(report: ImportReport) -> Response {
    let status = if !report.problems.is_empty() && !report.dry_run {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if report.committed {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, Json(report)).into_response()
}

async fn visible_import(state: &AppState, user: &CurrentUser, id: Uuid) -> AppResult<crate::store::imports::Model> {
    user.can(Resource::Workers, Action::Write)?;
    let m = import::find(&state.db, id).await?;
    if user.role != domain::Role::Admin && m.created_by != user.actor().0 {
        return Err(AppError::not_found("import"));
    }
    Ok(m)
}

/// An import's report.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ImportReport), (status = 404, body = ErrorBody)))]
pub async fn get_import(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<ImportReport>> {
    Ok(Json(import::report_of(&visible_import(&state, &user, id).await?)?))
}

/// An import's per-row problems as CSV (row, column, problem).
#[utoipa::path(get, path = "/api/v1/imports/{id}/report.csv", tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, description = "The report", content_type = "text/csv"), (status = 404, body = ErrorBody)))]
pub async fn import_report_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Response> {
    let report = import::report_of(&visible_import(&state, &user, id).await?)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"import-{id}-report.csv\""),
            ),
        ],
        report.problems_csv(),
    )
        .into_response())
}

/// Commit the file of a dry run that found no problem, exactly as it was checked.
#[utoipa::path(post, path = "/api/v1/imports/{id}/commit", tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 201, body = ImportReport), (status = 404, body = ErrorBody), (status = 422, body = ImportReport)))]
pub async fn commit_import(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Response> {
    let stored = visible_import(&state, &user, id).await?;
    let (scope, registered_by) = import_scope(&state, &user).await?;
    let kind = FileKind::detect(None, &stored.file_name).unwrap_or(FileKind::Csv);
    let kind = if stored.content.starts_with(b"PK") {
        FileKind::Xlsx
    } else {
        kind
    };
    let report = import::run(
        &state.db,
        ImportRequest {
            actor: &user.actor(),
            scope: &scope,
            registered_by,
            file_name: stored.file_name,
            bytes: stored.content,
            kind,
            dry_run: false,
        },
        &|_| {},
    )
    .await?;
    Ok(report_response(report))
}
