use axum::{
    Form, Router,
    extract::{Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use web::{
    Lang, Template,
    pages::{AboutPage, ErrorPage, HomePage, LoginPage, Shell, ShellUser, home_cards_for_role, local_path_or_root},
};

use super::cookies::{self, LANG_COOKIE};
use crate::{
    auth::{
        CurrentUser,
        principal::{ACCESS_COOKIE, REFRESH_COOKIE, RefreshedAccess},
        session,
    },
    error::{ApiPath, AppError},
    state::AppState,
    store::organizations,
};

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_form).post(login_submit))
        .route("/logout", axum::routing::post(logout))
        .route("/about", get(about))
        .route("/lang/{code}", get(switch_lang))
        .route("/static/{*path}", get(static_asset))
        .merge(super::workers::router())
        .merge(super::account::router())
        .merge(super::training::router())
        .merge(super::certificates::router())
        .merge(super::licensing::router())
        .merge(super::planning::router())
        .layer(middleware::from_fn_with_state(state, refresh_session))
}

/// A date as the page view models take it: `(year, month, day)`.
pub(super) fn ymd(d: chrono::NaiveDate) -> (i32, u32, u32) {
    use chrono::Datelike;
    (d.year(), d.month(), d.day())
}

/// The language of a page: the remembered choice, else the user's, else the browser's, else Khmer.
pub(super) fn lang_of(headers: &HeaderMap, jar: &CookieJar, user: Option<&CurrentUser>) -> Lang {
    jar.get(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
        .or_else(|| user.and_then(|u| Lang::from_code(&u.locale)))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

pub(super) async fn shell(state: &AppState, lang: Lang, user: Option<&CurrentUser>, path: &str) -> Shell {
    let mut shell = Shell::new(lang, path);
    if let Some(u) = user {
        let organization = match u.scope_organization_id {
            Some(id) => organizations::Entity::find_by_id(id)
                .one(&state.db)
                .await
                .ok()
                .flatten()
                .map(|o| match (lang, o.name_km) {
                    (Lang::Km, Some(km)) => km,
                    _ => o.name_en,
                }),
            None => None,
        };
        shell.user = Some(ShellUser {
            display_name: u.display_name.clone(),
            role: u.role.as_str().to_owned(),
            organization,
        });
    }
    shell
}

use sea_orm::EntityTrait;

pub(super) fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => AppError::internal(format!("rendering a page: {e}")).into_response(),
    }
}

/// A use case's error as the page a person should see: sign in when the session is gone, else an
/// error page naming the kind of problem, in the visitor's language.
pub(super) fn error_page(lang: Lang, e: AppError, path: &str) -> Response {
    let (title, message) = match e.status {
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-message"),
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-message"),
        StatusCode::BAD_REQUEST => ("error-bad-request-title", "error-bad-request-message"),
        StatusCode::UNAUTHORIZED => return Redirect::to(&format!("/login?next={path}")).into_response(),
        _ => ("error-internal-title", "error-internal-message"),
    };
    html_error(e.status, lang, title, message, path)
}

/// An error as an HTML page in the visitor's language.
pub fn html_error(status: StatusCode, lang: Lang, title_key: &str, message_key: &str, path: &str) -> Response {
    let page = ErrorPage {
        shell: Shell::new(lang, path),
        status: status.as_u16(),
        title: web::i18n::t(lang, title_key),
        message: web::i18n::t(lang, message_key),
    };
    (status, render(&page)).into_response()
}

/// Keeps a browser session alive: when the access cookie has expired but the refresh cookie is
/// valid, rotate it and carry on as signed in.
async fn refresh_session(State(state): State<AppState>, jar: CookieJar, mut req: Request, next: Next) -> Response {
    let access_ok = jar
        .get(ACCESS_COOKIE)
        .is_some_and(|c| state.keys.verify_access(c.value()).is_some());
    let refresh = jar.get(REFRESH_COOKIE).map(|c| c.value().to_owned());
    if access_ok || refresh.is_none() || req.uri().path().starts_with("/static/") || req.uri().path() == "/logout" {
        return next.run(req).await;
    }
    match session::refresh(&state, &refresh.unwrap_or_default()).await {
        Ok(tokens) => {
            req.extensions_mut()
                .insert(RefreshedAccess(tokens.access_token.clone()));
            let jar = cookies::with_session(CookieJar::new(), &tokens, &state);
            let response = next.run(req).await;
            (jar, response).into_response()
        }
        Err(_) => {
            let response = next.run(req).await;
            (cookies::without_session(CookieJar::new(), &state), response).into_response()
        }
    }
}

async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let Some(user) = user else {
        return Redirect::to("/login").into_response();
    };
    let lang = lang_of(&headers, &jar, Some(&user));
    let page = HomePage {
        shell: shell(&state, lang, Some(&user), "/").await,
        cards: home_cards_for_role(user.role.as_str()),
    };
    render(&page)
}

#[derive(Deserialize)]
struct NextParam {
    next: Option<String>,
    /// Set after a password was chosen through an emailed link.
    password_set: Option<String>,
}

async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
    axum::extract::Query(q): axum::extract::Query<NextParam>,
) -> Response {
    if user.is_some() {
        return Redirect::to("/").into_response();
    }
    let lang = lang_of(&headers, &jar, None);
    let mut login_shell = shell(&state, lang, None, "/login").await;
    if q.password_set.is_some() {
        login_shell.flash = Some(web::i18n::t(lang, "flash-password-set"));
    }
    let page = LoginPage {
        shell: login_shell,
        email: String::new(),
        error: None,
        next: local_path_or_root(q.next.as_deref().unwrap_or("/")).to_owned(),
    };
    render(&page)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn login_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        let lang = lang_of(&headers, &jar, None);
        return html_error(
            StatusCode::BAD_REQUEST,
            lang,
            "error-bad-request-title",
            "error-bad-request-message",
            "/login",
        );
    };
    let next = local_path_or_root(form.next.as_deref().unwrap_or("/")).to_owned();
    if form.email.trim().is_empty() || form.password.is_empty() {
        let lang = lang_of(&headers, &jar, None);
        let page = LoginPage {
            shell: shell(&state, lang, None, "/login").await,
            email: form.email,
            error: Some(web::i18n::t(lang, "login-error-missing")),
            next,
        };
        return (StatusCode::BAD_REQUEST, render(&page)).into_response();
    }
    match session::login(&state, &form.email, form.password).await {
        Ok(tokens) => {
            let jar = cookies::with_session(jar, &tokens, &state);
            (jar, Redirect::to(&next)).into_response()
        }
        Err(err) => {
            let lang = lang_of(&headers, &jar, None);
            let key = match err.code {
                "account_locked" | "too_many_attempts" => "login-error-throttled",
                "invalid_credentials" | "account_inactive" => "login-error-invalid",
                _ => "error-internal-message",
            };
            let page = LoginPage {
                shell: shell(&state, lang, None, "/login").await,
                email: form.email,
                error: Some(web::i18n::t(lang, key)),
                next,
            };
            let status = if err.status.is_server_error() {
                err.status
            } else {
                StatusCode::UNAUTHORIZED
            };
            let status = if err.status == StatusCode::TOO_MANY_REQUESTS {
                err.status
            } else {
                status
            };
            (status, render(&page)).into_response()
        }
    }
}

async fn logout(State(state): State<AppState>, jar: CookieJar) -> Response {
    if let Some(refresh) = jar.get(REFRESH_COOKIE).map(|c| c.value().to_owned())
        && let Err(e) = session::logout(&state, &refresh).await
    {
        return e.into_response();
    }
    (cookies::without_session(jar, &state), Redirect::to("/login")).into_response()
}

async fn about(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    user: Option<CurrentUser>,
) -> Response {
    let lang = lang_of(&headers, &jar, user.as_ref());
    let [provinces, districts, communes, villages] = match crate::geo::counts(&state.db).await {
        Ok(c) => c,
        Err(e) => return AppError::from(e).into_response(),
    };
    let page = AboutPage {
        shell: shell(&state, lang, user.as_ref(), "/about").await,
        provinces,
        districts,
        communes,
        villages,
        version: env!("CARGO_PKG_VERSION"),
    };
    render(&page)
}

async fn switch_lang(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiPath(code): ApiPath<String>,
    axum::extract::Query(q): axum::extract::Query<NextParam>,
) -> Response {
    let next = local_path_or_root(q.next.as_deref().unwrap_or("/")).to_owned();
    match Lang::from_code(&code) {
        Some(lang) => (cookies::with_lang(jar, lang.code(), &state), Redirect::to(&next)).into_response(),
        None => html_error(
            StatusCode::NOT_FOUND,
            Lang::default(),
            "error-not-found-title",
            "error-not-found-message",
            "/",
        ),
    }
}

async fn static_asset(ApiPath(path): ApiPath<String>) -> Response {
    match web::assets::lookup(&format!("/static/{path}")) {
        Some((content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
