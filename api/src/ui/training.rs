//! The training pages: the catalogue, a cohort's results grid, a worker's transcript with
//! progress toward each qualification. They call the same rules and use cases as the API.

use std::collections::{BTreeMap, HashMap};

use axum::{
    Form, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use axum_extra::extract::CookieJar;
use chrono::Datelike;
use domain::{Action, Credits, Resource};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use uuid::Uuid;
use web::{
    Lang,
    training::{
        CatalogueModuleView, CataloguePage, CatalogueQualificationView, CohortCellView, CohortPage, CohortRowView,
        ProgressView, TranscriptModuleView, TranscriptPage,
    },
};

use super::pages::{error_page, lang_of, render, shell};
use crate::{
    auth::CurrentUser,
    error::{ApiPath, AppError},
    state::AppState,
    store::{cohorts, credit_entries, enrolments, modules, organizations, qualifications, workers},
    training::{
        cohorts::{self as cohort_cases, CohortResults, ResultRow},
        ledger::{ledger_of, rules_of},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/training", get(catalogue))
        .route("/cohorts", get(cohort_list))
        .route("/me/transcript", get(my_transcript))
        .route("/cohorts/{id}", get(cohort).post(record))
        .route("/cohorts/{id}/results", axum::routing::post(record))
        .route("/cohorts/{id}/results/file", axum::routing::post(record_file))
        .route("/workers/{id}/transcript", get(transcript))
}

fn credits(n: i64) -> Credits {
    Credits::from_ninetieths(n.max(0) as u64)
}

fn title(lang: Lang, en: &str, km: &str) -> String {
    if lang == Lang::Km && !km.is_empty() {
        km.to_owned()
    } else {
        en.to_owned()
    }
}

async fn catalogue(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/training").into_response();
    };
    if let Err(e) = user.can(Resource::Catalogue, Action::Read) {
        return error_page(lang, e, "/training");
    }
    let result = async {
        let mods = modules::Entity::find()
            .order_by_asc(modules::Column::Code)
            .all(&state.db)
            .await?;
        let quals = qualifications::Entity::find()
            .order_by_asc(qualifications::Column::Code)
            .order_by_asc(qualifications::Column::Version)
            .all(&state.db)
            .await?;
        let providers: HashMap<Uuid, String> = organizations::Entity::find()
            .filter(organizations::Column::Kind.eq("training_provider"))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id, title(lang, &o.name_en, o.name_km.as_deref().unwrap_or(""))))
            .collect();
        let mut qviews = Vec::new();
        for q in quals {
            let rules = rules_of(&state.db, &q).await?;
            let (required, elective) = rules
                .map(|r| {
                    (
                        r.required_modules.iter().map(|m| m.as_str().to_owned()).collect(),
                        r.elective_modules.iter().map(|m| m.as_str().to_owned()).collect(),
                    )
                })
                .unwrap_or_default();
            qviews.push(CatalogueQualificationView {
                title: title(lang, &q.title_en, &q.title_km),
                level: web::training::qualification_level_label(lang, &q.level),
                minimum_credits: credits(q.minimum_credits_ninetieths).display_rounded(),
                code: q.code,
                version: q.version,
                required,
                elective,
            });
        }
        Ok::<_, AppError>(CataloguePage {
            shell: shell(&state, lang, Some(&user), "/training").await,
            modules: mods
                .into_iter()
                .map(|m| CatalogueModuleView {
                    title: title(lang, &m.title_en, &m.title_km),
                    hours_instruction: m.hours_instruction.max(0) as u32,
                    hours_laboratory: m.hours_laboratory.max(0) as u32,
                    hours_field: m.hours_field.max(0) as u32,
                    credits: credits(m.credits_ninetieths).display_rounded(),
                    provider: providers.get(&m.provider_id).cloned().unwrap_or_default(),
                    code: m.code,
                })
                .collect(),
            qualifications: qviews,
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/training"),
    }
}

/// The grid of a cohort, with the results already recorded (the latest per trainee and module).
async fn cohort_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    id: Uuid,
    submitted: Option<&BTreeMap<String, String>>,
    errors: Vec<String>,
    flash: Option<String>,
) -> Result<CohortPage, AppError> {
    user.can(Resource::Catalogue, Action::Read)?;
    let c = cohorts::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("cohort"))?;
    let q = qualifications::Entity::find_by_id(c.qualification_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let rules = rules_of(&state.db, &q)
        .await?
        .ok_or_else(|| AppError::internal("a qualification of an unknown level"))?;
    let codes: Vec<String> = rules
        .required_modules
        .iter()
        .chain(&rules.elective_modules)
        .map(|m| m.as_str().to_owned())
        .collect();
    let mods: HashMap<String, modules::Model> = modules::Entity::find()
        .filter(modules::Column::Code.is_in(codes.clone()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.code.clone(), m))
        .collect();
    let trainee_ids: Vec<Uuid> = enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(c.id))
        .order_by_asc(enrolments::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| e.worker_id)
        .collect();
    let trainees: HashMap<Uuid, workers::Model> = workers::Entity::find()
        .filter(workers::Column::Id.is_in(trainee_ids.clone()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let mut recorded: HashMap<(Uuid, Uuid), (bool, Option<i16>)> = HashMap::new();
    for e in credit_entries::Entity::find()
        .filter(credit_entries::Column::CohortId.eq(c.id))
        .filter(credit_entries::Column::Kind.eq("completion"))
        .order_by_asc(credit_entries::Column::Id)
        .all(&state.db)
        .await?
    {
        recorded.insert((e.worker_id, e.module_id), (e.passed == Some(true), e.score));
    }
    let can_record = cohort_cases::writable(&state.db, user, c.id).await.is_ok();
    let rows = trainee_ids
        .iter()
        .filter_map(|w| trainees.get(w))
        .map(|w| CohortRowView {
            worker_id: w.id.to_string(),
            registry_number: w.registry_number.clone(),
            name: crate::registry::views::display_name(w),
            cells: codes
                .iter()
                .map(|code| {
                    let key = |kind: &str| format!("{kind}:{}:{code}", w.id);
                    let (result, score) = match submitted {
                        Some(form) => (
                            form.get(&key("result")).cloned().unwrap_or_default(),
                            form.get(&key("score")).cloned().unwrap_or_default(),
                        ),
                        None => match mods.get(code).and_then(|m| recorded.get(&(w.id, m.id))) {
                            Some((passed, score)) => (
                                (if *passed { "pass" } else { "fail" }).to_owned(),
                                score.map(|s| s.to_string()).unwrap_or_default(),
                            ),
                            None => (String::new(), String::new()),
                        },
                    };
                    CohortCellView {
                        module_code: code.clone(),
                        result,
                        score,
                    }
                })
                .collect(),
        })
        .collect();
    let date = |d: chrono::NaiveDate| web::i18n::format_date(lang, (d.year(), d.month(), d.day()));
    let path = format!("/cohorts/{id}");
    Ok(CohortPage {
        shell: shell(state, lang, Some(user), &path).await,
        cohort_id: c.id.to_string(),
        name: c.name.clone(),
        qualification: title(lang, &q.title_en, &q.title_km),
        dates: match c.end_date {
            Some(end) => format!("{} – {}", date(c.start_date), date(end)),
            None => date(c.start_date),
        },
        modules: codes
            .iter()
            .map(|code| {
                (
                    code.clone(),
                    mods.get(code)
                        .map(|m| title(lang, &m.title_en, &m.title_km))
                        .unwrap_or_default(),
                )
            })
            .collect(),
        rows,
        assessed_on: submitted
            .and_then(|f| f.get("assessed_on").cloned())
            .unwrap_or_else(|| chrono::Utc::now().date_naive().to_string()),
        can_record,
        errors,
        flash,
        upload_problems: Vec::new(),
        upload_error: None,
    })
}

#[derive(Deserialize)]
struct CohortQuery {
    recorded: Option<usize>,
}

async fn cohort(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Query(q): Query<CohortQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/cohorts/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let flash = q.recorded.map(|n| {
        if n == 0 {
            web::i18n::t(lang, "flash-results-none")
        } else {
            web::i18n::t_count(lang, "flash-results-recorded", n as u64, &[])
        }
    });
    match cohort_page(&state, &user, lang, id, None, Vec::new(), flash).await {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, &path),
    }
}

async fn record(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/cohorts/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    // Cells as submitted; a cell left empty is not assessed; an unchanged cell is not recorded again.
    let page = match cohort_page(&state, &user, lang, id, None, Vec::new(), None).await {
        Ok(p) => p,
        Err(e) => return error_page(lang, e, &path),
    };
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in page.rows.iter().enumerate() {
        for cell in &row.cells {
            let key = |kind: &str| format!("{kind}:{}:{}", row.worker_id, cell.module_code);
            let result = form
                .get(&key("result"))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default();
            let score = form.get(&key("score")).map(|s| s.trim().to_owned()).unwrap_or_default();
            if result.is_empty() && score.is_empty() {
                continue;
            }
            if result == cell.result && score == cell.score {
                continue;
            }
            let rule = if !["pass", "fail"].contains(&result.as_str()) {
                Some(if result.is_empty() {
                    "score_without_result"
                } else {
                    "result"
                })
            } else if !score.is_empty() && score.parse::<u16>().map_or(true, |s| s > 100) {
                Some("score_range")
            } else {
                None
            };
            match rule {
                Some(rule) => errors.push(web::training::results_error(
                    lang,
                    i + 1,
                    &row.registry_number,
                    &cell.module_code,
                    rule,
                )),
                None => results.push(ResultRow {
                    worker_id: row.worker_id.parse().unwrap_or_default(),
                    module_code: cell.module_code.clone(),
                    result,
                    score: score.parse().ok(),
                }),
            }
        }
    }
    let assessed_on = form.get("assessed_on").cloned().unwrap_or_default();
    if !errors.is_empty() {
        return match cohort_page(&state, &user, lang, id, Some(&form), errors, None).await {
            Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
            Err(e) => error_page(lang, e, &path),
        };
    }
    if results.is_empty() {
        return Redirect::to(&format!("{path}?recorded=0")).into_response();
    }
    let n = results.len();
    let outcome = cohort_cases::record_results(
        &state.db,
        &user,
        id,
        CohortResults {
            assessed_on,
            assessor: user.display_name.clone(),
            results,
        },
    )
    .await;
    match outcome {
        Ok(report) if report.problems.is_empty() => Redirect::to(&format!("{path}?recorded={n}")).into_response(),
        Ok(report) => {
            let errors = report
                .problems
                .iter()
                .map(|p| {
                    if p.field == "assessed_on" {
                        web::i18n::t(
                            lang,
                            if p.problem.contains("future") {
                                "results-error-assessed-on-future"
                            } else {
                                "results-error-assessed-on"
                            },
                        )
                    } else {
                        format!("{} {}: {}", p.row, p.field, p.problem)
                    }
                })
                .collect();
            match cohort_page(&state, &user, lang, id, Some(&form), errors, None).await {
                Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
                Err(e) => error_page(lang, e, &path),
            }
        }
        Err(e) => error_page(lang, e, &path),
    }
}

/// A results file sent from the cohort page: recorded whole, or shown back with every problem.
async fn record_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/cohorts/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let mut assessed_on = String::new();
    let mut file: Option<(String, Option<String>, Vec<u8>)> = None;
    if let Ok(mut multipart) = multipart {
        while let Ok(Some(part)) = multipart.next_field().await {
            match part.name() {
                Some("assessed_on") => assessed_on = part.text().await.unwrap_or_default(),
                Some("file") => {
                    let name = part.file_name().unwrap_or("upload").to_owned();
                    let content_type = part.content_type().map(str::to_owned);
                    if let Ok(bytes) = part.bytes().await
                        && !bytes.is_empty()
                    {
                        file = Some((name, content_type, bytes.to_vec()));
                    }
                }
                _ => {}
            }
        }
    }
    let show = |problems: Vec<web::training::UploadProblemView>, error: Option<&str>| {
        let state = state.clone();
        let user = user.clone();
        let path = path.clone();
        let error = error.map(|key| web::i18n::t(lang, key));
        async move {
            match cohort_page(&state, &user, lang, id, None, Vec::new(), None).await {
                Ok(mut page) => {
                    page.upload_problems = problems;
                    page.upload_error = error;
                    (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
                }
                Err(e) => error_page(lang, e, &path),
            }
        }
    };
    let Some((name, content_type, bytes)) = file else {
        return show(Vec::new(), Some("results-upload-error-no-file")).await;
    };
    let Some(kind) = crate::registry::import::FileKind::detect(content_type.as_deref(), &name) else {
        return show(Vec::new(), Some("results-upload-error-type")).await;
    };
    let table = match crate::registry::import::read_table(&bytes, kind) {
        Ok(t) => t,
        Err(p) => {
            return show(
                vec![web::training::UploadProblemView {
                    row: p.row,
                    column: p.column,
                    problem: p.problem,
                }],
                None,
            )
            .await;
        }
    };
    let outcome = cohort_cases::record_results_file(
        &state.db,
        &user,
        id,
        assessed_on,
        user.display_name.clone(),
        table,
        false,
    )
    .await;
    match outcome {
        Ok(report) if report.problems.is_empty() => {
            Redirect::to(&format!("{path}?recorded={}", report.recorded)).into_response()
        }
        Ok(report) => {
            show(
                report
                    .problems
                    .into_iter()
                    .map(|p| web::training::UploadProblemView {
                        row: p.row,
                        column: p.field,
                        problem: p.problem,
                    })
                    .collect(),
                None,
            )
            .await
        }
        Err(e) => error_page(lang, e, &path),
    }
}

/// The cohorts the user may see: a registrar's provider's own, everyone's for other staff.
async fn cohort_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/cohorts").into_response();
    };
    let result = async {
        let access = user.can(Resource::Catalogue, Action::Read)?;
        if user.role == domain::Role::Trainee {
            return Err(AppError::forbidden("cohorts are for staff"));
        }
        let mut query = cohorts::Entity::find().order_by_desc(cohorts::Column::StartDate);
        let own_provider = matches!(access, domain::Access::OwnProvider)
            || (user.role == domain::Role::Registrar && user.scope_organization_id.is_some());
        if own_provider {
            query = query.filter(cohorts::Column::ProviderId.eq(user.scope_organization_id.unwrap_or_default()));
        }
        let list = query.all(&state.db).await?;
        let quals: HashMap<Uuid, qualifications::Model> = qualifications::Entity::find()
            .filter(qualifications::Column::Id.is_in(list.iter().map(|c| c.qualification_id)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|q| (q.id, q))
            .collect();
        let providers: HashMap<Uuid, String> = organizations::Entity::find()
            .filter(organizations::Column::Id.is_in(list.iter().map(|c| c.provider_id)))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id, title(lang, &o.name_en, o.name_km.as_deref().unwrap_or(""))))
            .collect();
        let mut counts: HashMap<Uuid, u64> = HashMap::new();
        for e in enrolments::Entity::find()
            .filter(enrolments::Column::CohortId.is_in(list.iter().map(|c| c.id)))
            .all(&state.db)
            .await?
        {
            *counts.entry(e.cohort_id).or_default() += 1;
        }
        let date = |d: chrono::NaiveDate| web::i18n::format_date(lang, (d.year(), d.month(), d.day()));
        Ok::<_, AppError>(web::training::CohortListPage {
            shell: shell(&state, lang, Some(&user), "/cohorts").await,
            rows: list
                .iter()
                .map(|c| web::training::CohortListRow {
                    href: format!("/cohorts/{}", c.id),
                    name: c.name.clone(),
                    qualification: quals
                        .get(&c.qualification_id)
                        .map(|q| title(lang, &q.title_en, &q.title_km))
                        .unwrap_or_default(),
                    dates: match c.end_date {
                        Some(end) => format!("{} – {}", date(c.start_date), date(end)),
                        None => date(c.start_date),
                    },
                    trainees: counts.get(&c.id).copied().unwrap_or(0),
                    provider: providers.get(&c.provider_id).cloned().unwrap_or_default(),
                })
                .collect(),
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/cohorts"),
    }
}

/// A trainee's own transcript: their account's worker's.
async fn my_transcript(headers: HeaderMap, jar: CookieJar, user: Option<CurrentUser>) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/me/transcript").into_response();
    };
    match user.worker_id {
        Some(worker) => Redirect::to(&format!("/workers/{worker}/transcript")).into_response(),
        None => error_page(lang, AppError::not_found("worker record of this account"), "/"),
    }
}

async fn transcript(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}/transcript");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let result = async {
        user.can(Resource::CreditRecords, Action::Read)?;
        let worker = crate::registry::workers::find_visible(&state.db, &user, id, Action::Read).await?;
        let entries = ledger_of(&state.db, worker.id, None).await?;
        let t = domain::transcript(&entries);
        let titles: HashMap<String, String> = modules::Entity::find()
            .filter(modules::Column::Code.is_in(t.modules.iter().map(|m| m.module.as_str().to_owned())))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|m| (m.code.clone(), title(lang, &m.title_en, &m.title_km)))
            .collect();
        // Progress toward the qualifications of the cohorts the worker is enrolled in.
        let cohort_ids: Vec<Uuid> = enrolments::Entity::find()
            .filter(enrolments::Column::WorkerId.eq(worker.id))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|e| e.cohort_id)
            .collect();
        let qual_ids: Vec<Uuid> = cohorts::Entity::find()
            .filter(cohorts::Column::Id.is_in(cohort_ids))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| c.qualification_id)
            .collect();
        let mut progress = Vec::new();
        for q in qualifications::Entity::find()
            .filter(qualifications::Column::Id.is_in(qual_ids))
            .all(&state.db)
            .await?
        {
            if let Some(rules) = rules_of(&state.db, &q).await? {
                let p = domain::progress(&rules, &entries);
                progress.push(ProgressView {
                    qualification: title(lang, &q.title_en, &q.title_km),
                    earned: p.earned.display_rounded(),
                    minimum: p.minimum.display_rounded(),
                    percent: web::training::progress_percent(p.earned, p.minimum),
                    eligible: p.eligible,
                    reasons: p
                        .reasons
                        .iter()
                        .map(|r| web::training::ineligibility_sentence(lang, r))
                        .collect(),
                });
            }
        }
        Ok::<_, AppError>(TranscriptPage {
            shell: shell(&state, lang, Some(&user), &path).await,
            worker_name: crate::registry::views::display_name(&worker),
            registry_number: worker.registry_number.clone(),
            worker_href: format!("/workers/{}", worker.id),
            modules: t
                .modules
                .iter()
                .map(|m| TranscriptModuleView {
                    code: m.module.as_str().to_owned(),
                    title: titles.get(m.module.as_str()).cloned().unwrap_or_default(),
                    credits: m.credits.display_rounded(),
                    via: web::training::credit_source_label(lang, m.via.as_str()),
                    on: (m.on.year(), m.on.month(), m.on.day()),
                })
                .collect(),
            total: t.total.display_rounded(),
            progress,
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, &path),
    }
}
