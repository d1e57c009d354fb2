//! Session and language cookies.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use cookie::time::Duration;

use crate::{
    auth::principal::{ACCESS_COOKIE, REFRESH_COOKIE},
    auth::session::IssuedTokens,
    state::AppState,
};

pub const LANG_COOKIE: &str = "kamlang_lang";

fn base(name: &'static str, value: String, state: &AppState) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_path("/");
    c.set_http_only(true);
    c.set_secure(state.config.secure_cookies());
    c
}

pub fn with_session(jar: CookieJar, tokens: &IssuedTokens, state: &AppState) -> CookieJar {
    let mut access = base(ACCESS_COOKIE, tokens.access_token.clone(), state);
    access.set_same_site(SameSite::Lax);
    access.set_max_age(Duration::seconds(tokens.access_expires_in));
    let mut refresh = base(REFRESH_COOKIE, tokens.refresh_token.clone(), state);
    refresh.set_same_site(SameSite::Strict);
    refresh.set_max_age(Duration::days(state.keys.refresh_ttl.num_days()));
    jar.add(access).add(refresh)
}

pub fn without_session(jar: CookieJar, state: &AppState) -> CookieJar {
    let mut access = base(ACCESS_COOKIE, String::new(), state);
    access.make_removal();
    let mut refresh = base(REFRESH_COOKIE, String::new(), state);
    refresh.make_removal();
    jar.add(access).add(refresh)
}

pub fn with_lang(jar: CookieJar, code: &str, state: &AppState) -> CookieJar {
    let mut c = Cookie::new(LANG_COOKIE, code.to_owned());
    c.set_path("/");
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_secure(state.config.secure_cookies());
    c.set_max_age(Duration::days(365));
    jar.add(c)
}
