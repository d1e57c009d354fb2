//! Account pages outside the signed-in flow: asking for a reset link, choosing a password from
//! an emailed link; and the administrator's email outbox.

use axum::{
    Form, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use domain::{Action, Resource};
use std::collections::BTreeMap;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, QueryOrder, QuerySelect};
use serde::Deserialize;
use uuid::Uuid;
use web::{
    pages::{OutboxPage, OutboxRowView, PasswordForgotPage, PasswordSetPage, UserRowView, UsersPage},
    registry::Choice,
};

use super::pages::{html_error, lang_of, render, shell};
use crate::{auth::CurrentUser, error::ApiPath, state::AppState, store::email_outbox};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/forgot-password", get(forgot_form).post(forgot_submit))
        .route("/set-password", get(set_form).post(set_submit))
        .route("/admin/outbox", get(outbox))
        .route("/admin/outbox/{id}/retry", post(retry))
        .route("/admin/users", get(users_page).post(invite_user))
}

const ROLES: [&str; 6] = [
    "admin",
    "registrar",
    "hr_officer",
    "licensing_officer",
    "planner",
    "trainee",
];

async fn users_view(
    state: &AppState,
    user: &CurrentUser,
    lang: web::Lang,
    form: &BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
) -> Result<UsersPage, crate::error::AppError> {
    use crate::store::{organizations, users};
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let rows = users::Entity::find()
        .order_by_asc(users::Column::Email)
        .all(&state.db)
        .await?;
    let orgs = organizations::Entity::find()
        .order_by_asc(organizations::Column::NameEn)
        .all(&state.db)
        .await?;
    let role = get("role");
    let scope = get("scope_organization_id");
    let locale = form.get("locale").cloned().unwrap_or_else(|| lang.code().to_owned());
    Ok(UsersPage {
        shell: shell(state, lang, Some(user), "/admin/users").await,
        rows: rows
            .into_iter()
            .map(|u| UserRowView {
                role: web::i18n::role_name(lang, &u.role),
                status: web::i18n::t(lang, &format!("users-status-{}", u.status)),
                invited: u.password_hash.is_none(),
                email: u.email,
                name: u.display_name,
            })
            .collect(),
        roles: ROLES
            .iter()
            .map(|r| Choice {
                value: (*r).to_owned(),
                label: web::i18n::role_name(lang, r),
                selected: *r == role,
            })
            .collect(),
        organizations: orgs
            .into_iter()
            .map(|o| Choice {
                selected: o.id.to_string() == scope,
                value: o.id.to_string(),
                label: match (lang, o.name_km) {
                    (web::Lang::Km, Some(km)) => km,
                    _ => o.name_en,
                },
            })
            .collect(),
        languages: [("km", "ខ្មែរ"), ("en", "English")]
            .iter()
            .map(|(v, l)| Choice {
                value: (*v).to_owned(),
                label: (*l).to_owned(),
                selected: *v == locale,
            })
            .collect(),
        email: get("email"),
        display_name: get("display_name"),
        registry_number: get("registry_number"),
        errors,
    })
}

async fn users_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/admin/users").into_response();
    };
    if user.can(Resource::Users, Action::Write).is_err() {
        return html_error(
            StatusCode::FORBIDDEN,
            lang,
            "error-forbidden-title",
            "error-forbidden-message",
            "/admin/users",
        );
    }
    match users_view(&state, &user, lang, &BTreeMap::new(), BTreeMap::new()).await {
        Ok(page) => render(&page),
        Err(e) => e.into_response(),
    }
}

async fn invite_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/admin/users").into_response();
    };
    if user.can(Resource::Users, Action::Write).is_err() {
        return html_error(
            StatusCode::FORBIDDEN,
            lang,
            "error-forbidden-title",
            "error-forbidden-message",
            "/admin/users",
        );
    }
    let field = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let scope = match field("scope_organization_id") {
        s if s.is_empty() => None,
        s => s.parse::<Uuid>().ok(),
    };
    // A trainee's account is linked to their worker record by its registry number.
    let worker = match field("registry_number") {
        n if n.is_empty() => Ok(None),
        n => match crate::users::service::worker_by_registry_number(&state.db, &n).await {
            Ok(Ok(id)) => Ok(Some(id)),
            Ok(Err(e)) => Err(e),
            Err(e) => return e.into_response(),
        },
    };
    let result = match worker {
        Err(e) => Err(crate::error::AppError::invalid(vec![e])),
        Ok(worker_id) => {
            crate::users::service::create_with(
                &state.db,
                &user.actor(),
                crate::users::service::NewUser {
                    email: field("email"),
                    display_name: field("display_name"),
                    role: field("role"),
                    scope_organization_id: scope,
                    locale: Some(field("locale")).filter(|l| !l.is_empty()),
                    password: None,
                    worker_id,
                },
                Some(crate::users::service::Invitation {
                    state: &state,
                    inviter_name: &user.display_name,
                }),
            )
            .await
        }
    };
    match result {
        Ok(_) => match users_view(&state, &user, lang, &BTreeMap::new(), BTreeMap::new()).await {
            Ok(mut page) => {
                page.shell.flash = Some(web::i18n::t(lang, "users-invited"));
                render(&page)
            }
            Err(e) => e.into_response(),
        },
        Err(e) if matches!(e.status, StatusCode::BAD_REQUEST | StatusCode::CONFLICT) => {
            let mut errors: BTreeMap<String, String> = e
                .fields
                .keys()
                .map(|f| {
                    let rule = e.field_rules.get(f).copied().unwrap_or("invalid");
                    // The form names the worker by registry number.
                    let name = if f == "worker_id" {
                        "registry_number"
                    } else {
                        f.as_str()
                    };
                    (name.to_owned(), web::registry::field_error(lang, rule))
                })
                .collect();
            if e.status == StatusCode::CONFLICT {
                let field = if e.fields.contains_key("worker_id") {
                    "registry_number"
                } else {
                    "email"
                };
                errors.insert(field.to_owned(), web::registry::field_error(lang, "duplicate"));
            }
            match users_view(&state, &user, lang, &form, errors).await {
                Ok(page) => (StatusCode::BAD_REQUEST, render(&page)).into_response(),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => e.into_response(),
    }
}

async fn forgot_form(State(state): State<AppState>, headers: HeaderMap, jar: CookieJar) -> Response {
    let lang = lang_of(&headers, &jar, None);
    render(&PasswordForgotPage {
        shell: shell(&state, lang, None, "/forgot-password").await,
        email: String::new(),
        sent: false,
    })
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<ForgotForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = lang_of(&headers, &jar, None);
    let email = form.map(|Form(f)| f.email).unwrap_or_default();
    if !email.trim().is_empty()
        && let Err(e) = crate::auth::passwords::send_reset(&state, &email).await
    {
        return e.into_response();
    }
    render(&PasswordForgotPage {
        shell: shell(&state, lang, None, "/forgot-password").await,
        email,
        sent: true,
    })
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

async fn set_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Query(q): Query<TokenQuery>,
) -> Response {
    let lang = lang_of(&headers, &jar, None);
    render(&PasswordSetPage {
        shell: shell(&state, lang, None, "/set-password").await,
        token: q.token,
        error: None,
    })
}

#[derive(Deserialize)]
struct SetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

async fn set_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<SetForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = lang_of(&headers, &jar, None);
    let Ok(Form(form)) = form else {
        return html_error(
            StatusCode::BAD_REQUEST,
            lang,
            "error-bad-request-title",
            "error-bad-request-message",
            "/set-password",
        );
    };
    let again = |key: &str, token: String| {
        let message = web::i18n::t(lang, key);
        let state = state.clone();
        async move {
            let page = PasswordSetPage {
                shell: shell(&state, lang, None, "/set-password").await,
                token,
                error: Some(message),
            };
            (StatusCode::BAD_REQUEST, render(&page)).into_response()
        }
    };
    if form.password != form.password_confirm {
        return again("setpw-error-mismatch", form.token).await;
    }
    match crate::auth::passwords::use_token(&state, &form.token, &form.password).await {
        Ok(_) => Redirect::to("/login?password_set=1").into_response(),
        Err(e) if e.code == "invalid_token" => again("setpw-error-token", form.token).await,
        Err(e) if e.status == StatusCode::BAD_REQUEST => again("setpw-error-short", form.token).await,
        Err(e) => e.into_response(),
    }
}

async fn outbox(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/admin/outbox").into_response();
    };
    if user.can(Resource::EmailOutbox, Action::Read).is_err() {
        return html_error(
            StatusCode::FORBIDDEN,
            lang,
            "error-forbidden-title",
            "error-forbidden-message",
            "/admin/outbox",
        );
    }
    let rows = match email_outbox::Entity::find()
        .order_by_desc(email_outbox::Column::Id)
        .limit(200)
        .all(&state.db)
        .await
    {
        Ok(r) => r,
        Err(e) => return crate::error::AppError::from(e).into_response(),
    };
    let label = |prefix: &str, code: &str| web::i18n::t(lang, &format!("{prefix}-{}", code.replace('_', "-")));
    let page = OutboxPage {
        shell: shell(&state, lang, Some(&user), "/admin/outbox").await,
        rows: rows
            .into_iter()
            .map(|r| OutboxRowView {
                id: r.id.to_string(),
                created: web::i18n::localize_digits(lang, &r.created_at.format("%Y-%m-%d %H:%M").to_string()),
                recipient: r.recipient_email,
                kind: label("outbox-kind", &r.kind),
                status: label("outbox-status", &r.status),
                status_code: r.status,
                attempts: r.attempts,
                last_error: r.last_error,
            })
            .collect(),
    };
    render(&page)
}

async fn retry(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    ApiPath(id): ApiPath<Uuid>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let Some(user) = user else {
        return Redirect::to("/login?next=/admin/outbox").into_response();
    };
    if user.can(Resource::EmailOutbox, Action::Write).is_err() {
        return html_error(
            StatusCode::FORBIDDEN,
            lang,
            "error-forbidden-title",
            "error-forbidden-message",
            "/admin/outbox",
        );
    }
    let result = async {
        let tx = crate::audit::begin(&state.db).await?;
        if let Some(email) = email_outbox::Entity::find_by_id(id).one(&tx).await?
            && email.status == "failed"
        {
            let mut row = email.clone().into_active_model();
            row.status = Set("pending".to_owned());
            row.attempts = Set(0);
            row.next_attempt_at = Set(chrono::Utc::now());
            row.update(&tx).await?;
            crate::audit::record(
                &tx,
                &user.actor(),
                "email.retried",
                "email",
                id,
                None::<&()>,
                None::<&()>,
            )
            .await?;
        }
        tx.commit().await?;
        Ok::<_, crate::error::AppError>(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/admin/outbox").into_response(),
        Err(e) => e.into_response(),
    }
}
