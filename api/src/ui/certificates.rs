//! The certificate pages: public verification (what a certificate's QR code opens), a holder's
//! certificates with their downloads, and a cohort's issuance page with the batch's progress.

use axum::{
    Form, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use domain::{Action, Resource, certificate::CertificateStatus};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use uuid::Uuid;
use web::{
    Lang,
    certificates::{
        CertificateHolderView, CertificateRowView, CertificateStatusView, CertificatesPanel, CertifiedView,
        EligibleView, IneligibleView, IssuanceJobView, IssuancePage, MyCertificatesPage, SkippedView,
        VerifiedCertificateView, VerifyOutcome, VerifyPage,
    },
};

use super::pages::{error_page, lang_of, render, shell, ymd};
use crate::{
    auth::CurrentUser,
    certificates::{
        batch::{self, Issuing, Skipped},
        issue::SkipReason,
        service, verify,
    },
    error::{ApiPath, AppError},
    state::AppState,
    store::{certificates as certs, cohorts, issuance_batches, qualifications, workers},
};

/// The public verification pages (rate limited by the caller).
pub fn public_router() -> Router<AppState> {
    Router::new()
        .route("/verify", get(verify_query))
        .route("/verify/{serial}", get(verify_page))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/certificates", get(my_certificates))
        .route("/workers/{id}/certificates", get(worker_certificates))
        .route("/certificates/{serial}/revoke", post(revoke))
        .route("/cohorts/{id}/certificates", get(issuance).post(start_issuance))
}

fn status_view(status: &CertificateStatus) -> CertificateStatusView {
    match status {
        CertificateStatus::Valid => CertificateStatusView::Valid,
        CertificateStatus::Revoked { on, reason } => CertificateStatusView::Revoked {
            on: ymd(*on),
            reason: reason.clone(),
        },
        CertificateStatus::Superseded { by } => CertificateStatusView::Superseded {
            by_serial: by.clone(),
            by_href: format!("/verify/{by}"),
        },
        CertificateStatus::KeyRevoked { on } => CertificateStatusView::KeyRevoked { on: ymd(*on) },
    }
}

#[derive(Deserialize)]
struct VerifyQuery {
    serial: Option<String>,
}

async fn verify_query(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Query(q): Query<VerifyQuery>,
) -> Response {
    match q.serial.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
        Some(serial) => verify_response(&state, &headers, &jar, serial).await,
        None => {
            let lang = lang_of(&headers, &jar, None);
            render(&VerifyPage {
                shell: shell(&state, lang, None, "/verify").await,
                query: String::new(),
                outcome: VerifyOutcome::NotAsked,
            })
        }
    }
}

async fn verify_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    ApiPath(serial): ApiPath<String>,
) -> Response {
    verify_response(&state, &headers, &jar, serial).await
}

async fn verify_response(state: &AppState, headers: &HeaderMap, jar: &CookieJar, serial: String) -> Response {
    let lang = lang_of(headers, jar, None);
    let path = format!("/verify/{serial}");
    let found = match verify::by_serial(&state.db, &state.verification_reads, &state.verifications, &serial).await {
        Ok(found) => found,
        Err(e) => return error_page(lang, e, &path),
    };
    let (status, outcome) = match found {
        None => (
            StatusCode::NOT_FOUND,
            VerifyOutcome::NotFound { serial: serial.clone() },
        ),
        Some(c) => (
            StatusCode::OK,
            VerifyOutcome::Found(VerifiedCertificateView {
                credential_href: format!("/api/v1/verify/{}", c.serial),
                serial: c.serial,
                holder_name_km: c.holder_name_km,
                holder_name_latin: c.holder_name_latin,
                qualification_title_km: c.qualification_title_km,
                qualification_title_en: c.qualification_title_en,
                level_code: c.level,
                credits: c.credits,
                provider_name: match lang {
                    Lang::Km if !c.provider_name_km.is_empty() => c.provider_name_km,
                    _ => c.provider_name_en,
                },
                issued_on: ymd(c.issued_on),
                status: status_view(&c.status),
                pdf_sha256: c.pdf_sha256,
                verification_count: c.verification_count.max(0) as u64,
            }),
        ),
    };
    let page = VerifyPage {
        shell: shell(state, lang, None, &path).await,
        query: serial,
        outcome,
    };
    (status, render(&page)).into_response()
}

async fn rows_of(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    list: &[certs::Model],
) -> Result<Vec<CertificateRowView>, AppError> {
    let ids: Vec<Uuid> = list.iter().map(|c| c.qualification_id).collect();
    let titles: std::collections::HashMap<Uuid, String> = qualifications::Entity::find()
        .filter(qualifications::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|q| (q.id, if lang == Lang::En { q.title_en } else { q.title_km }))
        .collect();
    let mut rows = Vec::new();
    for c in list {
        let status = verify::status_of(&state.db, c).await?;
        let can_revoke = match user.can(Resource::Certificates, Action::Write) {
            Ok(domain::Access::All) => true,
            Ok(domain::Access::OwnProvider) => user.scope_organization_id == Some(c.provider_id),
            _ => false,
        };
        rows.push(CertificateRowView {
            serial: c.serial.clone(),
            qualification_title: titles.get(&c.qualification_id).cloned().unwrap_or_default(),
            level_code: c.level.clone(),
            credits: domain::Credits::from_ninetieths(c.credits_ninetieths.max(0) as u64).display_rounded(),
            issued_on: ymd(c.issued_on),
            status: status_view(&status),
            pdf_href: format!("/api/v1/certificates/{}/pdf", c.serial),
            credential_href: format!("/api/v1/certificates/{}/credential", c.serial),
            verify_href: format!("/verify/{}", c.serial),
            revoke_href: if can_revoke {
                format!("/certificates/{}/revoke", c.serial)
            } else {
                String::new()
            },
        });
    }
    Ok(rows)
}

async fn my_certificates(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/me/certificates").into_response();
    };
    let result = async {
        let worker = user
            .worker_id
            .ok_or_else(|| AppError::not_found("worker record of this account"))?;
        let list = service::of_worker(&state.db, &user, worker).await?;
        Ok::<_, AppError>(MyCertificatesPage {
            shell: shell(&state, lang, Some(&user), "/me/certificates").await,
            holder: None,
            panel: CertificatesPanel {
                rows: rows_of(&state, &user, lang, &list).await?,
                can_revoke: false,
            },
            error: None,
        })
    }
    .await;
    match result {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, "/me/certificates"),
    }
}

async fn worker_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    id: Uuid,
    error: Option<String>,
    flash: Option<String>,
) -> Result<MyCertificatesPage, AppError> {
    let list = service::of_worker(&state.db, user, id).await?;
    let worker = workers::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let rows = rows_of(state, user, lang, &list).await?;
    let path = format!("/workers/{id}/certificates");
    let mut shell = shell(state, lang, Some(user), &path).await;
    shell.flash = flash;
    Ok(MyCertificatesPage {
        shell,
        holder: Some(CertificateHolderView {
            name: crate::registry::views::display_name(&worker),
            registry_number: worker.registry_number.clone(),
            href: format!("/workers/{id}"),
        }),
        panel: CertificatesPanel {
            can_revoke: rows.iter().any(|r| !r.revoke_href.is_empty()),
            rows,
        },
        error,
    })
}

#[derive(Deserialize)]
struct WorkerCertificatesQuery {
    revoked: Option<String>,
}

async fn worker_certificates(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
    Query(q): Query<WorkerCertificatesQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/workers/{id}/certificates");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    let flash = q
        .revoked
        .map(|serial| web::i18n::t_args(lang, "flash-certificate-revoked", &[("serial", &serial)]));
    match worker_page(&state, &user, lang, id, None, flash).await {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, &path),
    }
}

#[derive(Deserialize)]
struct RevokeForm {
    reason: Option<String>,
}

async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(serial): ApiPath<String>,
    Form(form): Form<RevokeForm>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login").into_response();
    };
    let reason = form.reason.unwrap_or_default();
    match service::revoke(&state.db, &user, &serial, &reason).await {
        Ok(c) => Redirect::to(&format!("/workers/{}/certificates?revoked={}", c.worker_id, c.serial)).into_response(),
        Err(e) if e.fields.contains_key("reason") => {
            let worker = match service::find_visible(&state.db, &user, &serial).await {
                Ok(c) => c.worker_id,
                Err(e) => return error_page(lang, e, "/"),
            };
            match worker_page(
                &state,
                &user,
                lang,
                worker,
                Some(web::i18n::t(lang, "certificates-revoke-error-reason")),
                None,
            )
            .await
            {
                Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
                Err(e) => error_page(lang, e, "/"),
            }
        }
        Err(e) => error_page(lang, e, "/"),
    }
}

/// A reason a trainee was skipped, in the page's language.
fn skip_sentence(lang: Lang, reason: &SkipReason) -> String {
    let detail = |k: &str| reason.details.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    match reason.code.as_str() {
        "not_enough_credits" => web::i18n::t_args(
            lang,
            "ineligible-not-enough-credits",
            &[
                ("earned", &web::i18n::format_decimal(lang, &detail("earned"))),
                ("minimum", &web::i18n::format_decimal(lang, &detail("minimum"))),
            ],
        ),
        "required_modules_missing" => {
            let modules: Vec<String> = reason
                .details
                .get("modules")
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|m| m.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            web::i18n::t_args(
                lang,
                "ineligible-required-modules-missing",
                &[("modules", &modules.join(", "))],
            )
        }
        "provider_not_accredited" => web::i18n::t_args(
            lang,
            "ineligible-provider-not-accredited",
            &[
                (
                    "level",
                    &web::training::qualification_level_label(lang, &detail("level")),
                ),
                ("date", &detail("on")),
            ],
        ),
        "worker_not_active" => {
            web::i18n::t_args(lang, "ineligible-worker-not-active", &[("status", &detail("status"))])
        }
        "already_certified" => web::i18n::t(lang, "issuance-skip-already-certified"),
        _ => reason.message.clone(),
    }
}

fn job_view(lang: Lang, b: issuance_batches::Model) -> IssuanceJobView {
    let skipped: Vec<Skipped> = serde_json::from_str(&b.report).unwrap_or_default();
    let time = |t: chrono::DateTime<chrono::Utc>| {
        let local = t + chrono::Duration::hours(7);
        format!(
            "{} {}",
            web::i18n::format_date(lang, ymd(local.date_naive())),
            local.format("%H:%M")
        )
    };
    IssuanceJobView {
        id: b.id.to_string(),
        state: b.state.clone(),
        total: b.total.max(0) as u64,
        issued: b.issued.max(0) as u64,
        skipped: b.skipped.max(0) as u64,
        failed: b.failed.max(0) as u64,
        started_at: time(b.started_at.unwrap_or(b.created_at)),
        finished_at: b.finished_at.map(time),
        zip_href: (b.state == "finished" && b.issued > 0)
            .then(|| format!("/api/v1/certificates/batches/{}/pdfs.zip", b.id)),
        skipped_rows: skipped
            .iter()
            .map(|s| SkippedView {
                worker_name: s.name.clone(),
                registry_number: s.registry_number.clone(),
                reason: s
                    .reasons
                    .iter()
                    .map(|r| skip_sentence(lang, r))
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect(),
        error: b.error,
    }
}

async fn issuance_page(state: &AppState, user: &CurrentUser, lang: Lang, id: Uuid) -> Result<IssuancePage, AppError> {
    let issuing = Issuing::from_state(state);
    let cohort = cohorts::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("cohort"))?;
    let preview = service::cohort_preview(&issuing, user, id).await?;
    let qualification = qualifications::Entity::find_by_id(cohort.qualification_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let job = issuance_batches::Entity::find()
        .filter(issuance_batches::Column::CohortId.eq(id))
        .order_by_desc(issuance_batches::Column::CreatedAt)
        .one(&state.db)
        .await?;
    let path = format!("/cohorts/{id}/certificates");
    Ok(IssuancePage {
        shell: shell(state, lang, Some(user), &path).await,
        cohort_name: cohort.name.clone(),
        cohort_href: format!("/cohorts/{id}"),
        qualification_title: if lang == Lang::En {
            qualification.title_en.clone()
        } else {
            qualification.title_km.clone()
        },
        eligible: preview
            .eligible
            .iter()
            .map(|w| EligibleView {
                worker_name: crate::registry::views::display_name(w),
                registry_number: w.registry_number.clone(),
            })
            .collect(),
        ineligible: preview
            .skipped
            .iter()
            .map(|s| IneligibleView {
                worker_name: s.name.clone(),
                registry_number: s.registry_number.clone(),
                reasons: s.reasons.iter().map(|r| skip_sentence(lang, r)).collect(),
            })
            .collect(),
        already_certified: preview
            .certified
            .iter()
            .map(|(w, c)| CertifiedView {
                worker_name: crate::registry::views::display_name(w),
                registry_number: w.registry_number.clone(),
                serial: c.serial.clone(),
                verify_href: format!("/verify/{}", c.serial),
            })
            .collect(),
        job: job.map(|b| job_view(lang, b)),
        start_href: path,
    })
}

async fn issuance(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/cohorts/{id}/certificates");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    match issuance_page(&state, &user, lang, id).await {
        Ok(page) => render(&page),
        Err(e) => error_page(lang, e, &path),
    }
}

async fn start_issuance(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let path = format!("/cohorts/{id}/certificates");
    let Some(user) = user else {
        return Redirect::to(&format!("/login?next={path}")).into_response();
    };
    match batch::start(&state.db, &user, id).await {
        Ok(_) => Redirect::to(&path).into_response(),
        Err(e) => error_page(lang, e, &path),
    }
}
