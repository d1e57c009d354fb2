//! The registry's pages: the worker list, a worker's profile, the register and edit forms, and
//! the import page. They call the same use cases as the API.

use std::collections::BTreeMap;

use axum::{
    Form, Router,
    extract::{Multipart, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use domain::{Access, Action, Resource};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use uuid::Uuid;
use web::{
    Lang,
    registry::{
        CategorySpanView, Choice, ImportPage, ImportProblemView, ImportReportView, PostingView, WorkerFormPage,
        WorkerListPage, WorkerProfilePage, WorkerRowView, WorkerView,
    },
};

use super::pages::{error_page, html_error, lang_of, render, shell, ymd};
use crate::{
    auth::CurrentUser,
    error::{ApiPath, AppError},
    organizations::tree,
    registry::{
        import::{self, FileKind, ImportReport, ImportRequest},
        postings::NewPostingRequest,
        workers::{self, NewWorkerRequest, WorkerChanges, WorkerSearch},
    },
    state::AppState,
    store::{admin_units, organizations},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/workers", get(list).post(create))
        .route("/workers/new", get(new_form))
        .route(
            "/workers/import",
            get(import_page)
                .post(import_upload)
                .layer(axum::extract::DefaultBodyLimit::max(crate::registry::IMPORT_BODY_LIMIT)),
        )
        .route("/workers/import/commit", post(import_commit))
        .route("/workers/{id}", get(profile))
        .route("/workers/{id}/edit", get(edit_form).post(edit))
}

fn label(lang: Lang, prefix: &str, code: &str) -> String {
    web::i18n::t(lang, &format!("{prefix}-{}", code.replace('_', "-")))
}

fn choices(lang: Lang, prefix: &str, codes: &[&str], selected: &str, any: bool) -> Vec<Choice> {
    let mut out = Vec::new();
    if any {
        out.push(web::registry::any_choice(lang, selected.is_empty()));
    }
    out.extend(codes.iter().map(|c| Choice {
        value: (*c).to_owned(),
        label: label(lang, prefix, c),
        selected: *c == selected,
    }));
    out
}

const STATUSES: [&str; 4] = ["active", "inactive", "left_workforce", "deceased"];
const CATEGORIES: [&str; 4] = [
    "professional_social_worker",
    "para_professional",
    "para_social_worker",
    "allied_worker",
];
const SEXES: [&str; 2] = ["female", "male"];
const EMPLOYMENT: [&str; 3] = ["civil_servant", "contract", "volunteer"];

fn row_view(lang: Lang, w: &crate::store::workers::Model, posting: Option<String>) -> WorkerRowView {
    let km = match (&w.family_name_km, &w.given_name_km) {
        (Some(f), Some(g)) => Some(format!("{f} {g}")),
        _ => None,
    };
    let latin = match (&w.family_name_latin, &w.given_name_latin) {
        (Some(f), Some(g)) => Some(format!("{f} {g}")),
        _ => None,
    };
    WorkerRowView {
        href: format!("/workers/{}", w.id),
        registry_number: w.registry_number.clone(),
        name_km: km,
        name_latin: latin,
        category: label(lang, "category", &w.category),
        status: label(lang, "status", &w.status),
        status_code: w.status.clone(),
        posting,
    }
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    province: String,
    cursor: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Query(q): Query<ListQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/workers").into_response();
    };
    let search = WorkerSearch {
        q: Some(q.q.clone()),
        status: Some(q.status.clone()),
        category: Some(q.category.clone()),
        admin_unit: Some(q.province.clone()),
        cursor: q.cursor.clone(),
        limit: Some(50),
        ..Default::default()
    };
    let (rows, next) = match workers::search(&state.db, &user, &search).await {
        Ok(r) => r,
        Err(e) if e.status == StatusCode::BAD_REQUEST => (Vec::new(), None),
        Err(e) => return error_page(lang, e, "/workers"),
    };
    let provinces = match admin_units::Entity::find()
        .filter(admin_units::Column::Level.eq("province"))
        .order_by_asc(admin_units::Column::Code)
        .all(&state.db)
        .await
    {
        Ok(p) => p,
        Err(e) => return error_page(lang, e.into(), "/workers"),
    };
    let mut province_choices = vec![web::registry::any_choice(lang, q.province.is_empty())];
    province_choices.extend(provinces.into_iter().map(|p| Choice {
        selected: p.code == q.province,
        label: if lang == Lang::Km { p.name_km } else { p.name_en },
        value: p.code,
    }));
    let next_href = next.map(|c| {
        let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        format!(
            "/workers?q={}&status={}&category={}&province={}&cursor={}",
            enc(&q.q),
            enc(&q.status),
            enc(&q.category),
            enc(&q.province),
            enc(&c)
        )
    });
    let postings = current_postings(&state, lang, &rows).await;
    let can_write = !user
        .can(Resource::Workers, Action::Write)
        .map(|a| matches!(a, Access::OwnRecord))
        .unwrap_or(true);
    let page = WorkerListPage {
        shell: shell(&state, lang, Some(&user), "/workers").await,
        total_shown: rows.len(),
        rows: rows
            .iter()
            .map(|w| row_view(lang, w, postings.get(&w.id).cloned()))
            .collect(),
        q: q.q,
        statuses: choices(lang, "status", &STATUSES, &q.status, true),
        categories: choices(lang, "category", &CATEGORIES, &q.category, true),
        provinces: province_choices,
        next_href,
        can_create: can_write,
        can_import: can_write,
    };
    render(&page)
}

/// "Position, organisation, duty station" of each worker's current primary posting, for a page
/// of the list (three queries, whatever the page size).
async fn current_postings(
    state: &AppState,
    lang: Lang,
    rows: &[crate::store::workers::Model],
) -> std::collections::HashMap<Uuid, String> {
    use crate::store::deployments;
    let today = chrono::Utc::now().date_naive();
    let ids: Vec<Uuid> = rows.iter().map(|w| w.id).collect();
    let current: Vec<deployments::Model> = deployments::Entity::find()
        .filter(deployments::Column::WorkerId.is_in(ids))
        .filter(deployments::Column::IsPrimary.eq(true))
        .filter(deployments::Column::StartDate.lte(today))
        .filter(
            sea_orm::Condition::any()
                .add(deployments::Column::EndDate.is_null())
                .add(deployments::Column::EndDate.gte(today)),
        )
        .all(&state.db)
        .await
        .unwrap_or_default();
    let org_ids: Vec<Uuid> = current.iter().map(|d| d.organization_id).collect();
    let codes: Vec<String> = current.iter().map(|d| d.duty_station_code.clone()).collect();
    let orgs: std::collections::HashMap<Uuid, String> = organizations::Entity::find()
        .filter(organizations::Column::Id.is_in(org_ids))
        .all(&state.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            let name = match (lang, o.name_km) {
                (Lang::Km, Some(km)) => km,
                _ => o.name_en,
            };
            (o.id, name)
        })
        .collect();
    let units: std::collections::HashMap<String, String> = admin_units::Entity::find()
        .filter(admin_units::Column::Code.is_in(codes))
        .all(&state.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|u| (u.code, if lang == Lang::Km { u.name_km } else { u.name_en }))
        .collect();
    current
        .into_iter()
        .map(|d| {
            let parts: Vec<String> = [
                d.position_title.clone(),
                orgs.get(&d.organization_id).cloned(),
                units.get(&d.duty_station_code).cloned(),
            ]
            .into_iter()
            .flatten()
            .collect();
            (d.worker_id, parts.join(", "))
        })
        .collect()
}

async fn org_choices(state: &AppState, user: &CurrentUser, lang: Lang, selected: &str) -> Vec<Choice> {
    let mut query = organizations::Entity::find().filter(organizations::Column::Status.eq("active"));
    if user.role == domain::Role::HrOfficer {
        let ids = match user.scope_organization_id {
            Some(root) => tree::subtree_ids(&state.db, root).await.unwrap_or_default(),
            None => Vec::new(),
        };
        query = query.filter(organizations::Column::Id.is_in(ids));
    }
    let orgs = query
        .order_by_asc(organizations::Column::NameEn)
        .all(&state.db)
        .await
        .unwrap_or_default();
    orgs.into_iter()
        .map(|o| Choice {
            selected: o.id.to_string() == selected,
            value: o.id.to_string(),
            label: match (lang, o.name_km) {
                (Lang::Km, Some(km)) => km,
                _ => o.name_en,
            },
        })
        .collect()
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    editing: Option<(Uuid, i32)>,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
) -> WorkerFormPage {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let (action, path) = match editing {
        Some((id, _)) => (format!("/workers/{id}/edit"), format!("/workers/{id}/edit")),
        None => ("/workers".to_owned(), "/workers/new".to_owned()),
    };
    WorkerFormPage {
        shell: shell(state, lang, Some(user), &path).await,
        editing: editing.is_some(),
        action,
        sexes: choices(lang, "sex", &SEXES, &get("sex"), false),
        categories: choices(lang, "category", &CATEGORIES, &get("category"), false),
        employment_types: choices(lang, "employment", &EMPLOYMENT, &get("employment_type"), false),
        organizations: org_choices(state, user, lang, &get("organization_id")).await,
        version: editing.map(|(_, v)| v),
        values,
        errors,
    }
}

fn translate_errors(lang: Lang, e: &AppError) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = e
        .fields
        .keys()
        .map(|f| {
            let rule = e.field_rules.get(f).copied().unwrap_or("invalid");
            // Posting fields are named posting.x in the API and x in the form.
            (
                f.strip_prefix("posting.").unwrap_or(f).to_owned(),
                web::registry::field_error(lang, rule),
            )
        })
        .collect();
    if out.is_empty() {
        out.insert(String::new(), e.message.clone());
    }
    out
}

async fn new_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/workers/new").into_response();
    };
    if let Err(e) = user.can(Resource::Workers, Action::Write) {
        return error_page(lang, e, "/workers/new");
    }
    let mut values = BTreeMap::new();
    values.insert(
        "posting_start_date".to_owned(),
        chrono::Utc::now().date_naive().to_string(),
    );
    render(&form_page(&state, &user, lang, None, values, BTreeMap::new()).await)
}

fn field(form: &BTreeMap<String, String>, key: &str) -> Option<String> {
    form.get(key).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/workers/new").into_response();
    };
    let posting = field(&form, "organization_id").map(|org| NewPostingRequest {
        organization_id: org.parse().unwrap_or_default(),
        duty_station_code: field(&form, "duty_station_code").unwrap_or_default(),
        position_title: field(&form, "position_title"),
        is_focal_point: Some(form.get("focal_point").is_some_and(|v| v == "yes")),
        employment_type: field(&form, "employment_type").unwrap_or_default(),
        is_primary: Some(true),
        start_date: field(&form, "posting_start_date").unwrap_or_default(),
        end_date: None,
    });
    let req = NewWorkerRequest {
        family_name_km: field(&form, "family_name_km"),
        given_name_km: field(&form, "given_name_km"),
        family_name_latin: field(&form, "family_name_latin"),
        given_name_latin: field(&form, "given_name_latin"),
        sex: field(&form, "sex").unwrap_or_default(),
        birth_date: field(&form, "birth_date").unwrap_or_default(),
        national_id: field(&form, "national_id"),
        phone: field(&form, "phone"),
        email: field(&form, "email"),
        category: field(&form, "category").unwrap_or_default(),
        category_effective_from: None,
        posting,
    };
    match workers::create(&state.db, &user, req).await {
        Ok(created) => Redirect::to(&format!("/workers/{}?registered=1", created.worker.id)).into_response(),
        Err(e)
            if matches!(
                e.status,
                StatusCode::BAD_REQUEST | StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY
            ) =>
        {
            let mut errors = translate_errors(lang, &e);
            if e.status == StatusCode::CONFLICT {
                errors.insert("national_id".to_owned(), e.message.clone());
            }
            (
                StatusCode::BAD_REQUEST,
                render(&form_page(&state, &user, lang, None, form, errors).await),
            )
                .into_response()
        }
        Err(e) => error_page(lang, e, "/workers/new"),
    }
}

#[derive(Debug, Default, Deserialize)]
struct ProfileQuery {
    registered: Option<String>,
    saved: Option<String>,
}

async fn profile(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Query(q): Query<ProfileQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let p = match workers::profile(&state.db, &user, id).await {
        Ok(p) => p,
        Err(e) => return error_page(lang, e, &path),
    };
    let mut postings = Vec::new();
    let today = chrono::Utc::now().date_naive();
    for d in &p.deployments {
        let org = organizations::Entity::find_by_id(d.organization_id)
            .one(&state.db)
            .await
            .ok()
            .flatten();
        let station = admin_units::Entity::find_by_id(d.duty_station_code.clone())
            .one(&state.db)
            .await
            .ok()
            .flatten();
        postings.push(PostingView {
            organization: org
                .map(|o| match (lang, o.name_km) {
                    (Lang::Km, Some(km)) => km,
                    _ => o.name_en,
                })
                .unwrap_or_default(),
            duty_station: station
                .map(|s| if lang == Lang::Km { s.name_km } else { s.name_en })
                .unwrap_or_else(|| d.duty_station_code.clone()),
            position: d.position_title.clone(),
            focal_point: d.is_focal_point,
            employment_type: label(lang, "employment", &d.employment_type),
            primary: d.is_primary,
            start: ymd(d.start_date),
            end: d.end_date.map(ymd),
            current: d.start_date <= today && d.end_date.is_none_or(|e| e >= today),
        });
    }
    let w = &p.worker;
    let merged_into = match w.merged_into {
        Some(s) => crate::store::workers::Entity::find_by_id(s)
            .one(&state.db)
            .await
            .ok()
            .flatten()
            .map(|sw| (sw.registry_number, format!("/workers/{}", sw.id))),
        None => None,
    };
    let can_edit = user.can(Resource::Workers, Action::Write).is_ok() && w.merged_into.is_none();
    let flash = if q.registered.is_some() {
        Some(web::i18n::t(lang, "flash-worker-created"))
    } else if q.saved.is_some() {
        Some(web::i18n::t(lang, "flash-worker-updated"))
    } else {
        None
    };
    let view = WorkerView {
        registry_number: w.registry_number.clone(),
        name_km: match (&w.name.family_name_km, &w.name.given_name_km) {
            (Some(f), Some(g)) => Some(format!("{f} {g}")),
            _ => None,
        },
        name_latin: match (&w.name.family_name_latin, &w.name.given_name_latin) {
            (Some(f), Some(g)) => Some(format!("{f} {g}")),
            _ => None,
        },
        sex: label(lang, "sex", &w.sex),
        birth_date: Some(ymd(w.birth_date)),
        national_id: w.national_id.clone(),
        phone: w.phone.clone(),
        email: w.email.clone(),
        category: label(lang, "category", &w.category),
        status: label(lang, "status", &w.status),
        status_code: w.status.clone(),
        merged_into,
    };
    let page = WorkerProfilePage {
        shell: shell(&state, lang, Some(&user), &path).await,
        worker: view,
        categories: p
            .categories
            .iter()
            .map(|c| CategorySpanView {
                category: label(lang, "category", &c.category),
                from: ymd(c.effective_from),
                to: c.effective_to.map(ymd),
            })
            .collect(),
        postings,
        possible_duplicates: p
            .possible_duplicates
            .iter()
            .map(|d| WorkerRowView {
                href: format!("/workers/{}", d.worker_id),
                registry_number: d.registry_number.clone(),
                name_km: None,
                name_latin: Some(d.display_name.clone()),
                category: String::new(),
                status: String::new(),
                status_code: String::new(),
                posting: None,
            })
            .collect(),
        can_edit,
        edit_href: format!("/workers/{id}/edit"),
        transcript_href: user
            .can(Resource::CreditRecords, Action::Read)
            .is_ok()
            .then(|| format!("/workers/{id}/transcript")),
        flash,
    };
    render(&page)
}

async fn edit_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}/edit");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let w = match workers::find_visible(&state.db, &user, id, Action::Write).await {
        Ok(w) => w,
        Err(e) => return error_page(lang, e, &path),
    };
    let mut values = BTreeMap::new();
    for (k, v) in [
        ("family_name_km", w.family_name_km.clone()),
        ("given_name_km", w.given_name_km.clone()),
        ("family_name_latin", w.family_name_latin.clone()),
        ("given_name_latin", w.given_name_latin.clone()),
        ("sex", Some(w.sex.clone())),
        ("birth_date", Some(w.birth_date.to_string())),
        ("national_id", w.national_id.clone()),
        ("phone", w.phone.clone()),
        ("email", w.email.clone()),
        ("category", Some(w.category.clone())),
    ] {
        values.insert(k.to_owned(), v.unwrap_or_default());
    }
    render(&form_page(&state, &user, lang, Some((id, w.version)), values, BTreeMap::new()).await)
}

async fn edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}/edit");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let version: i32 = form.get("version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let keep = |k: &str| Some(form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default());
    let changes = WorkerChanges {
        version,
        family_name_km: keep("family_name_km"),
        given_name_km: keep("given_name_km"),
        family_name_latin: keep("family_name_latin"),
        given_name_latin: keep("given_name_latin"),
        sex: field(&form, "sex"),
        birth_date: field(&form, "birth_date"),
        national_id: keep("national_id"),
        phone: keep("phone"),
        email: keep("email"),
        status: None,
    };
    match workers::update(&state.db, &user, id, changes).await {
        Ok(_) => Redirect::to(&format!("/workers/{id}?saved=1")).into_response(),
        Err(e)
            if matches!(
                e.status,
                StatusCode::BAD_REQUEST | StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY
            ) =>
        {
            let mut errors = translate_errors(lang, &e);
            if e.code == "stale_version" {
                errors.insert("version".to_owned(), web::i18n::t(lang, "worker-error-version"));
            }
            (
                StatusCode::BAD_REQUEST,
                render(&form_page(&state, &user, lang, Some((id, version)), form, errors).await),
            )
                .into_response()
        }
        Err(e) => error_page(lang, e, &path),
    }
}

fn report_view(r: &ImportReport) -> ImportReportView {
    ImportReportView {
        dry_run: r.dry_run,
        file_name: r.file_name.clone(),
        rows_total: r.rows_total,
        rows_valid: r.rows_valid,
        // During a check, the workers that committing would register.
        rows_created: if r.dry_run {
            r.rows_valid.saturating_sub(r.rows_existing)
        } else {
            r.rows_created
        },
        rows_existing: r.rows_existing,
        problems: r
            .problems
            .iter()
            .map(|p| ImportProblemView {
                row: p.row,
                column: p.column.clone(),
                problem: p.problem.clone(),
            })
            .collect(),
        report_csv_href: (!r.problems.is_empty()).then(|| format!("/api/v1/imports/{}/report.csv", r.id)),
        commit_token: (r.dry_run && r.problems.is_empty() && r.rows_valid > r.rows_existing).then(|| r.id.to_string()),
    }
}

async fn import_shell(state: &AppState, user: &CurrentUser, lang: Lang) -> ImportPage {
    ImportPage {
        shell: shell(state, lang, Some(user), "/workers/import").await,
        template_href: "/api/v1/imports/workers/template.csv".to_owned(),
        report: None,
        error: None,
    }
}

async fn import_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/workers/import").into_response();
    };
    if let Err(e) = crate::registry::import_scope(&state, &user).await {
        return error_page(lang, e, "/workers/import");
    }
    render(&import_shell(&state, &user, lang).await)
}

async fn import_upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/workers/import").into_response();
    };
    let (scope, registered_by) = match crate::registry::import_scope(&state, &user).await {
        Ok(s) => s,
        Err(e) => return error_page(lang, e, "/workers/import"),
    };
    let mut file: Option<(String, Option<String>, Vec<u8>)> = None;
    if let Ok(mut multipart) = multipart {
        while let Ok(Some(part)) = multipart.next_field().await {
            if part.name() == Some("file") {
                let name = part.file_name().unwrap_or("upload").to_owned();
                let ct = part.content_type().map(str::to_owned);
                if let Ok(bytes) = part.bytes().await
                    && !bytes.is_empty()
                {
                    file = Some((name, ct, bytes.to_vec()));
                }
            }
        }
    }
    let mut page = import_shell(&state, &user, lang).await;
    let Some((name, ct, bytes)) = file else {
        page.error = Some(web::i18n::t(lang, "import-error-no-file"));
        return (StatusCode::BAD_REQUEST, render(&page)).into_response();
    };
    let Some(kind) = FileKind::detect(ct.as_deref(), &name) else {
        page.error = Some(web::i18n::t(lang, "import-error-type"));
        return (StatusCode::BAD_REQUEST, render(&page)).into_response();
    };
    let result = import::run(
        &state.db,
        ImportRequest {
            actor: &user.actor(),
            scope: &scope,
            registered_by,
            file_name: name,
            bytes,
            kind,
            dry_run: true,
        },
        &|_| {},
    )
    .await;
    match result {
        Ok(report) => {
            page.report = Some(report_view(&report));
            render(&page)
        }
        Err(e) => error_page(lang, e, "/workers/import"),
    }
}

#[derive(Deserialize)]
struct CommitForm {
    import_id: Uuid,
}

async fn import_commit(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    form: Result<Form<CommitForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/workers/import").into_response();
    };
    let Ok(Form(form)) = form else {
        return html_error(
            StatusCode::BAD_REQUEST,
            lang,
            "error-bad-request-title",
            "error-bad-request-message",
            "/workers/import",
        );
    };
    let (scope, registered_by) = match crate::registry::import_scope(&state, &user).await {
        Ok(s) => s,
        Err(e) => return error_page(lang, e, "/workers/import"),
    };
    let stored = match import::find(&state.db, form.import_id).await {
        Ok(s) if user.role == domain::Role::Admin || s.created_by == user.actor().0 => s,
        Ok(_) => return error_page(lang, AppError::not_found("import"), "/workers/import"),
        Err(e) => return error_page(lang, e, "/workers/import"),
    };
    let kind = if stored.content.starts_with(b"PK") {
        FileKind::Xlsx
    } else {
        FileKind::Csv
    };
    let result = import::run(
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
    .await;
    let mut page = import_shell(&state, &user, lang).await;
    match result {
        Ok(report) => {
            let status = if report.problems.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            page.report = Some(report_view(&report));
            (status, render(&page)).into_response()
        }
        Err(e) => error_page(lang, e, "/workers/import"),
    }
}
