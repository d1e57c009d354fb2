//! The licensing pages: the committee's queue, a licence with its timeline, decisions and CPD, a
//! worker's licences with the application form, the public register, the roster check and the
//! employer's notices. They call the same use cases as the API.

use std::collections::HashMap;

use axum::{
    Form, Router,
    extract::{Multipart, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use chrono::NaiveDate;
use domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use uuid::Uuid;
use web::{
    Lang,
    licensing::{
        ApplyFormView, CpdActivityView, CpdFormValues, CpdView, DecisionFormView, LicencePage, LicencePanel,
        LicenceRowView, LicensingQueuePage, NoticeRowView, NoticesPage, PrerequisitesView, PublicRegisterPage,
        QueueCounts, QueueRowView, RegisterOutcome, RegisterRowView, RosterCheckPage, RosterResultView, RosterRowView,
        TimelineEventView, UnlicensedStaffView, WorkerLicencesPage,
    },
};

use super::pages::{error_page, lang_of, render, shell, ymd};
use crate::{
    auth::CurrentUser,
    error::{ApiPath, AppError},
    licensing::service::{self, Decision, NewCpd},
    state::AppState,
    store::{cpd_activities, licence_types, licences, workers},
};

/// The public register (rate limited by the caller).
pub fn public_router() -> Router<AppState> {
    Router::new().route("/register", get(register))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/licensing", get(queue))
        .route("/licensing/roster", get(roster_form).post(roster_check))
        .route("/licensing/roster.csv", get(roster_csv))
        .route("/licences/{id}", get(licence))
        .route("/licences/{id}/events", post(decide))
        .route("/licences/{id}/cpd", post(add_cpd))
        .route("/workers/{id}/licences", get(worker_licences).post(apply))
        .route("/me/licences", get(my_licences))
        .route("/notices", get(notices).post(mark_notices_read))
}

fn name_parts(w: &workers::Model) -> (String, String) {
    let join = |a: &Option<String>, b: &Option<String>| {
        [a.as_deref(), b.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    };
    (
        join(&w.family_name_km, &w.given_name_km),
        join(&w.family_name_latin, &w.given_name_latin),
    )
}

fn type_title(lang: Lang, t: Option<&licence_types::Model>) -> String {
    t.map(|t| {
        if lang == Lang::En {
            t.title_en.clone()
        } else {
            t.title_km.clone()
        }
    })
    .unwrap_or_default()
}

async fn types(state: &AppState) -> Result<HashMap<String, licence_types::Model>, AppError> {
    Ok(service::list_types(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect())
}

#[derive(Deserialize)]
struct QueueQuery {
    status: Option<String>,
}

async fn queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Query(q): Query<QueueQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/licensing").into_response();
    };
    let result = async {
        if !matches!(user.role, Role::LicensingOfficer | Role::Admin) {
            return Err(AppError::forbidden("the queue is the licensing committee's"));
        }
        let filter = q.status.unwrap_or_else(|| "pending".to_owned());
        let count = |s: &'static str| {
            let db = state.db.clone();
            let user = user.clone();
            async move {
                let n = if s == "expiring" {
                    crate::licensing::queue(&db, &user, None, Some(web::licensing::EXPIRING_WITHIN_DAYS as u32)).await?
                } else {
                    crate::licensing::queue(&db, &user, Some(s), None).await?
                };
                Ok::<u64, AppError>(n.len() as u64)
            }
        };
        let counts = QueueCounts {
            pending: count("pending").await?,
            active: count("active").await?,
            conditional: count("conditional").await?,
            suspended: count("suspended").await?,
            expiring: count("expiring").await?,
        };
        let list = match filter.as_str() {
            "expiring" => {
                crate::licensing::queue(
                    &state.db,
                    &user,
                    None,
                    Some(web::licensing::EXPIRING_WITHIN_DAYS as u32),
                )
                .await?
            }
            f if web::licensing::QUEUE_FILTERS.contains(&f) => {
                crate::licensing::queue(&state.db, &user, Some(f), None).await?
            }
            _ => crate::licensing::queue(&state.db, &user, Some("pending"), None).await?,
        };
        let types = types(&state).await?;
        let mut rows = Vec::new();
        for l in list {
            let Some(w) = workers::Entity::find_by_id(l.worker_id).one(&state.db).await? else {
                continue;
            };
            rows.push(QueueRowView {
                href: format!("/licences/{}", l.id),
                holder_name: crate::registry::views::display_name(&w),
                registry_number: w.registry_number.clone(),
                licence_type: type_title(lang, types.get(&l.licence_type_code)),
                status_code: l.status.clone(),
                date: ymd(if l.status == "pending" {
                    l.created_at.date_naive()
                } else {
                    l.valid_until.unwrap_or_else(|| l.created_at.date_naive())
                }),
                prerequisites_met: l.prerequisite_serial.is_some(),
                prerequisite_note: l.prerequisite_serial.clone(),
            });
        }
        Ok(LicensingQueuePage {
            shell: shell(&state, lang, Some(&user), "/licensing").await,
            filter,
            counts,
            rows,
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/licensing"),
    }
}

async fn licence_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    id: Uuid,
    errors: Vec<String>,
    flash: Option<String>,
    cpd_form: CpdFormValues,
) -> Result<LicencePage, AppError> {
    let l = service::find_visible(&state.db, user, id).await?;
    let w = workers::Entity::find_by_id(l.worker_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let t = licence_types::Entity::find_by_id(l.licence_type_code.clone())
        .one(&state.db)
        .await?;
    let rules = t.as_ref().map(service::rules_of).transpose()?;
    let events = service::events_of(&state.db, l.id).await?;
    let state_now = service::state_of(&l)?;
    let (name_km, name_latin) = name_parts(&w);
    let can_decide = matches!(user.role, Role::LicensingOfficer | Role::Admin);
    let today = service::today();
    let default_until = |start: NaiveDate| {
        rules
            .as_ref()
            .map(|r| r.latest_valid_until(start).to_string())
            .unwrap_or_default()
    };
    let renew_from = l.valid_until.and_then(|u| u.succ_opt()).unwrap_or(today);
    let decisions = if can_decide {
        state_now
            .status
            .allowed_actions()
            .iter()
            .filter(|a| **a != "expire")
            .map(|a| {
                let until = match *a {
                    "renew" => default_until(renew_from),
                    _ => default_until(today),
                };
                DecisionFormView::for_action(a, until)
            })
            .collect()
    } else {
        Vec::new()
    };
    let cpd = match (state_now.cpd_cycle(), &rules) {
        (Some(cycle), Some(r)) => {
            let rows = cpd_activities::Entity::find()
                .filter(cpd_activities::Column::WorkerId.eq(w.id))
                .all(&state.db)
                .await?;
            let activities = service::cpd_of(&state.db, w.id).await?;
            Some(CpdView {
                cycle_start: ymd(cycle.start),
                cycle_end: ymd(cycle.end),
                required_hours: r.cpd_hours_per_cycle,
                earned_minutes: domain::licensing::cpd_minutes_in_cycle(&activities, cycle),
                activities: rows
                    .iter()
                    .map(|a| CpdActivityView {
                        date: ymd(a.activity_date),
                        provider: a.provider.clone(),
                        title: a.title.clone(),
                        minutes: a.minutes.max(0) as u32,
                        approved: a.approved,
                    })
                    .collect(),
            })
        }
        _ => None,
    };
    let can_add_cpd = match user.role {
        Role::Trainee => user.worker_id == Some(w.id),
        Role::LicensingOfficer | Role::Admin => true,
        Role::HrOfficer => crate::registry::workers::find_visible(&state.db, user, w.id, domain::Action::Write)
            .await
            .is_ok(),
        _ => false,
    } && cpd.is_some();
    let path = format!("/licences/{id}");
    let mut shell = shell(state, lang, Some(user), &path).await;
    shell.flash = flash.clone();
    Ok(LicencePage {
        shell,
        number: l.number.clone(),
        type_title: type_title(lang, t.as_ref()),
        holder_name_km: name_km,
        holder_name_latin: name_latin,
        registry_number: w.registry_number.clone(),
        worker_href: format!("/workers/{}", w.id),
        status_code: l.status.clone(),
        valid_from: l.valid_from.map(ymd),
        valid_until: l.valid_until.map(ymd),
        conditions: l.conditions.clone(),
        prerequisites: Some(PrerequisitesView {
            met: l.prerequisite_serial.is_some(),
            note: l.prerequisite_serial.clone(),
        }),
        timeline: events
            .iter()
            .map(|e| {
                let details: serde_json::Value = serde_json::from_str(&e.details).unwrap_or_default();
                TimelineEventView {
                    effective_on: ymd(e.effective_date),
                    action_code: e.action.clone(),
                    reason: e.reason.clone(),
                    authority: e.authority.clone(),
                    // The actor as the audit log writes it ("user:{id} {email}"): the email says who.
                    recorded_by: e.recorded_by.rsplit(' ').next().unwrap_or_default().to_owned(),
                    recorded_at: web::i18n::format_date(
                        lang,
                        ymd((e.recorded_at + chrono::Duration::hours(7)).date_naive()),
                    ),
                    valid_until: details
                        .get("valid_until")
                        .and_then(|v| v.as_str())
                        .and_then(|s| s.parse::<NaiveDate>().ok())
                        .map(ymd),
                    conditions: details.get("conditions").and_then(|v| v.as_str()).map(str::to_owned),
                }
            })
            .collect(),
        cpd,
        can_add_cpd,
        cpd_href: format!("/licences/{id}/cpd"),
        cpd_form,
        can_decide,
        decide_href: format!("/licences/{id}/events"),
        decisions,
        today: today.to_string(),
        errors,
        flash,
    })
}

async fn licence(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/licences/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    match licence_page(&state, &user, lang, id, Vec::new(), None, CpdFormValues::default()).await {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, &path),
    }
}

/// An API error as sentences for a page's error summary.
fn sentences(e: &AppError) -> Vec<String> {
    if e.fields.is_empty() {
        vec![e.message.clone()]
    } else {
        e.fields.iter().map(|(f, why)| format!("{f}: {why}")).collect()
    }
}

async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/licences/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let text = |k: &str| form.get(k).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let date = |k: &str| text(k).map(|s| s.parse::<NaiveDate>());
    let (effective, valid_until) = (date("effective_date"), date("valid_until"));
    if matches!(effective, Some(Err(_))) || matches!(valid_until, Some(Err(_))) {
        let errors = vec![web::i18n::t(lang, "results-error-assessed-on")];
        return match licence_page(&state, &user, lang, id, errors, None, CpdFormValues::default()).await {
            Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
            Err(e) => error_page(lang, e, &path),
        };
    }
    let decision = Decision {
        action: text("action").unwrap_or_default(),
        effective_date: effective.and_then(Result::ok),
        reason: text("reason"),
        valid_from: None,
        valid_until: valid_until.and_then(Result::ok),
        conditions: text("conditions"),
    };
    match service::decide(&state.db, &user, id, decision, &state.config.public_url).await {
        Ok(_) => Redirect::to(&path).into_response(),
        Err(e)
            if e.status.is_client_error() && e.status != StatusCode::NOT_FOUND && e.status != StatusCode::FORBIDDEN =>
        {
            match licence_page(&state, &user, lang, id, sentences(&e), None, CpdFormValues::default()).await {
                Ok(page) => (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response(),
                Err(e) => error_page(lang, e, &path),
            }
        }
        Err(e) => error_page(lang, e, &path),
    }
}

async fn add_cpd(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/licences/{id}");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let text = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let number = |k: &str| text(k).parse::<u32>().ok().or_else(|| text(k).is_empty().then_some(0));
    let values = CpdFormValues {
        provider: text("provider"),
        title: text("title"),
        hours: text("hours"),
        minutes: text("minutes"),
        date: text("date"),
    };
    let result = async {
        let l = service::find_visible(&state.db, &user, id).await?;
        let minutes = match (number("hours"), number("minutes")) {
            (Some(h), Some(m)) => h.saturating_mul(60).saturating_add(m),
            _ => {
                return Err(AppError::invalid(vec![domain::FieldError::new(
                    "minutes",
                    "format",
                    "hours and minutes must be whole numbers",
                )]));
            }
        };
        let date = text("date").parse::<NaiveDate>().map_err(|_| {
            AppError::invalid(vec![domain::FieldError::new(
                "date",
                "format",
                "must be a date (YYYY-MM-DD)",
            )])
        })?;
        service::add_cpd(
            &state.db,
            &user,
            l.worker_id,
            NewCpd {
                provider: values.provider.clone(),
                title: values.title.clone(),
                minutes,
                date,
            },
        )
        .await
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&path).into_response(),
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            match licence_page(&state, &user, lang, id, sentences(&e), None, values).await {
                Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
                Err(e) => error_page(lang, e, &path),
            }
        }
        Err(e) => error_page(lang, e, &path),
    }
}

async fn worker_licences_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    worker: Uuid,
    errors: Vec<String>,
) -> Result<WorkerLicencesPage, AppError> {
    let w = match user.role {
        Role::Trainee if user.worker_id == Some(worker) => workers::Entity::find_by_id(worker).one(&state.db).await?,
        Role::LicensingOfficer | Role::Admin => workers::Entity::find_by_id(worker).one(&state.db).await?,
        _ => crate::registry::workers::find_visible(&state.db, user, worker, domain::Action::Read)
            .await
            .ok(),
    }
    .ok_or_else(|| AppError::not_found("worker"))?;
    let types = types(state).await?;
    let list = licences::Entity::find()
        .filter(licences::Column::WorkerId.eq(w.id))
        .all(&state.db)
        .await?;
    let may_apply = matches!(user.role, Role::LicensingOfficer | Role::Admin)
        || (user.role == Role::Trainee && user.worker_id == Some(w.id))
        || (user.role == Role::HrOfficer
            && crate::registry::workers::find_visible(&state.db, user, w.id, domain::Action::Write)
                .await
                .is_ok());
    let mut sorted_types: Vec<&licence_types::Model> = types.values().filter(|t| t.status == "active").collect();
    sorted_types.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(WorkerLicencesPage {
        shell: shell(state, lang, Some(user), &format!("/workers/{worker}/licences")).await,
        holder_name: crate::registry::views::display_name(&w),
        registry_number: w.registry_number.clone(),
        worker_href: format!("/workers/{}", w.id),
        panel: LicencePanel {
            rows: list
                .iter()
                .map(|l| LicenceRowView {
                    href: format!("/licences/{}", l.id),
                    number: l.number.clone(),
                    type_title: type_title(lang, types.get(&l.licence_type_code)),
                    status_code: l.status.clone(),
                    valid_until: l.valid_until.map(ymd),
                })
                .collect(),
            apply: may_apply.then(|| ApplyFormView {
                action_href: format!("/workers/{}/licences", w.id),
                types: sorted_types
                    .iter()
                    .map(|t| (t.code.clone(), type_title(lang, Some(t))))
                    .collect(),
            }),
        },
        errors,
        flash: None,
    })
}

async fn worker_licences(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}/licences");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    match worker_licences_page(&state, &user, lang, id, Vec::new()).await {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, &path),
    }
}

async fn my_licences(headers: HeaderMap, jar: CookieJar, user: Option<CurrentUser>) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/me/licences").into_response();
    };
    match user.worker_id {
        Some(w) => Redirect::to(&format!("/workers/{w}/licences")).into_response(),
        None => error_page(lang, AppError::not_found("worker record of this account"), "/"),
    }
}

#[derive(Deserialize)]
struct ApplyForm {
    licence_type: Option<String>,
}

async fn apply(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Form(form): Form<ApplyForm>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}/licences");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    match service::apply(&state.db, &user, id, form.licence_type.as_deref().unwrap_or("")).await {
        Ok(l) => Redirect::to(&format!("/licences/{}", l.id)).into_response(),
        Err(e)
            if e.status.is_client_error() && e.status != StatusCode::NOT_FOUND && e.status != StatusCode::FORBIDDEN =>
        {
            match worker_licences_page(&state, &user, lang, id, sentences(&e)).await {
                Ok(page) => (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response(),
                Err(e) => error_page(lang, e, &path),
            }
        }
        Err(e) => error_page(lang, e, &path),
    }
}

#[derive(Deserialize)]
struct RegisterQuery {
    q: Option<String>,
}

async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Query(query): Query<RegisterQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, None);
    let q = query.q.unwrap_or_default().trim().to_owned();
    let outcome = if q.is_empty() {
        RegisterOutcome::NotAsked
    } else if q.chars().count() < 2 {
        RegisterOutcome::TooShort { min_chars: 2 }
    } else {
        match service::register(&state.db, &q).await {
            Ok(found) if found.is_empty() => RegisterOutcome::NoResult,
            Ok(found) => RegisterOutcome::Found {
                truncated: found.len() >= 50,
                rows: found
                    .into_iter()
                    .map(|r| RegisterRowView {
                        name_km: r.name_km,
                        name_latin: r.name_latin,
                        licence_type: if lang == Lang::En {
                            r.licence_type_en
                        } else {
                            r.licence_type_km
                        },
                        number: r.number,
                        status_code: r.status,
                        valid_until: r.valid_until.map(ymd),
                    })
                    .collect(),
            },
            Err(e) => return error_page(lang, e, "/register"),
        }
    };
    render(&PublicRegisterPage {
        shell: shell(&state, lang, None, "/register").await,
        q,
        outcome,
    })
}

async fn roster_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    identifiers: String,
    errors: Vec<String>,
    rows: Option<Vec<service::RosterRow>>,
) -> Result<RosterCheckPage, AppError> {
    let unlicensed = service::unlicensed(&state.db, user).await?;
    Ok(RosterCheckPage {
        shell: shell(state, lang, Some(user), "/licensing/roster").await,
        result: rows.map(|rows| RosterResultView {
            csv_href: format!(
                "/licensing/roster.csv?identifiers={}",
                form_urlencoded::byte_serialize(identifiers.as_bytes()).collect::<String>()
            ),
            rows: rows
                .into_iter()
                .map(|r| RosterRowView {
                    line: r.line,
                    identifier_as_typed: r.identifier,
                    outcome: r.outcome,
                    message: r.message,
                    worker_name: r.worker_name,
                    worker_href: None,
                    registry_number: r.registry_number,
                    licence_number: r.licence_number,
                    licence_status_code: r.licence_status,
                    valid_until: r.valid_until.map(ymd),
                    certificates: r.certificates,
                })
                .collect(),
        }),
        identifiers,
        errors,
        unlicensed: unlicensed
            .into_iter()
            .map(|u| UnlicensedStaffView {
                worker_name: u.worker_name,
                registry_number: u.registry_number,
                worker_href: format!("/workers/{}", u.worker_id),
                organization: u.organization,
                licence_status_code: u.licence_status,
            })
            .collect(),
    })
}

async fn roster_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/licensing/roster").into_response();
    };
    if user.role == Role::Trainee {
        return error_page(lang, AppError::forbidden("the roster check is for employers"), "/");
    }
    match roster_page(&state, &user, lang, String::new(), Vec::new(), None).await {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/licensing/roster"),
    }
}

/// The roster check: pasted identifiers and/or a file's first column; the result as a page, or
/// as CSV when the form's `format` is `csv`.
async fn roster_check(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/licensing/roster").into_response();
    };
    let mut text = String::new();
    let mut as_csv = false;
    if let Ok(mut multipart) = multipart {
        while let Ok(Some(part)) = multipart.next_field().await {
            match part.name() {
                Some("identifiers") => text.push_str(&part.text().await.unwrap_or_default()),
                Some("format") => as_csv = part.text().await.unwrap_or_default() == "csv",
                Some("file") => {
                    let name = part.file_name().unwrap_or("upload").to_owned();
                    let content_type = part.content_type().map(str::to_owned);
                    let bytes = part.bytes().await.unwrap_or_default();
                    if bytes.is_empty() {
                        continue;
                    }
                    let kind = crate::registry::import::FileKind::detect(content_type.as_deref(), &name)
                        .unwrap_or(crate::registry::import::FileKind::Csv);
                    if let Ok(table) = crate::registry::import::read_table(&bytes, kind) {
                        for row in table {
                            if let Some(first) = row.into_iter().find(|c| !c.trim().is_empty()) {
                                text.push('\n');
                                text.push_str(&first);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    match service::roster(&state.db, &user, &text).await {
        Ok(rows) if as_csv => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"roster-check.csv\"",
                ),
            ],
            service::roster_csv(&rows),
        )
            .into_response(),
        Ok(rows) => match roster_page(&state, &user, lang, text, Vec::new(), Some(rows)).await {
            Ok(page) => render(&page),
            Err(e) => error_page(lang, e, "/licensing/roster"),
        },
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            match roster_page(&state, &user, lang, text, sentences(&e), None).await {
                Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
                Err(e) => error_page(lang, e, "/licensing/roster"),
            }
        }
        Err(e) => error_page(lang, e, "/licensing/roster"),
    }
}

#[derive(Deserialize)]
struct RosterCsvQuery {
    identifiers: Option<String>,
}

/// The roster check's result as CSV, for the link under the table.
async fn roster_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Query(q): Query<RosterCsvQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/licensing/roster").into_response();
    };
    match service::roster(&state.db, &user, q.identifiers.as_deref().unwrap_or("")).await {
        Ok(rows) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"roster-check.csv\"",
                ),
            ],
            service::roster_csv(&rows),
        )
            .into_response(),
        Err(e) => error_page(lang, e, "/licensing/roster"),
    }
}

async fn notices(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/notices").into_response();
    };
    let result = async {
        let list = service::notices_for(&state.db, &user).await?;
        let mut rows = Vec::new();
        for n in &list {
            let w = workers::Entity::find_by_id(n.worker_id).one(&state.db).await?;
            let l = licences::Entity::find_by_id(n.licence_id).one(&state.db).await?;
            rows.push(NoticeRowView {
                created_at: web::i18n::format_date(lang, ymd((n.created_at + chrono::Duration::hours(7)).date_naive())),
                worker_name: w.as_ref().map(crate::registry::views::display_name).unwrap_or_default(),
                worker_href: format!("/workers/{}", n.worker_id),
                licence_number: l.and_then(|l| l.number),
                from_status_code: n.from_status.clone(),
                to_status_code: n.to_status.clone(),
                read: n.read_at.is_some(),
            });
        }
        let unread = rows.iter().any(|r| !r.read);
        Ok::<_, AppError>(NoticesPage {
            shell: shell(&state, lang, Some(&user), "/notices").await,
            rows,
            mark_read_href: unread.then(|| "/notices".to_owned()),
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/notices"),
    }
}

async fn mark_notices_read(State(state): State<AppState>, user: Option<CurrentUser>) -> Response {
    let Some(user) = user else {
        return Redirect::to("/login?next=/notices").into_response();
    };
    if let Ok(list) = service::notices_for(&state.db, &user).await {
        let ids: Vec<Uuid> = list.iter().filter(|n| n.read_at.is_none()).map(|n| n.id).collect();
        let _ = crate::store::notices::Entity::update_many()
            .col_expr(crate::store::notices::Column::ReadAt, chrono::Utc::now().into())
            .filter(crate::store::notices::Column::Id.is_in(ids))
            .exec(&state.db)
            .await;
    }
    Redirect::to("/notices").into_response()
}
