//! View models: one struct per page, each rendered by its askama template.
//!
//! Every page carries a [`Shell`]: the language, the signed-in user, the path being shown and a
//! one-time notice. The templates take every sentence from the catalogues through the shell's
//! helpers ([`Shell::t`], [`Shell::t_args`]); the strings a handler passes in (`error`, `flash`,
//! `title`, `message`) are expected to be translated already, with [`crate::i18n::t`].

use askama::Template;

use crate::assets;
use crate::i18n::{self, Lang};

/// What every page shows around its content: header, language switch, account, footer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shell {
    /// The language of the page.
    pub lang: Lang,
    /// The signed-in user, if any.
    pub user: Option<ShellUser>,
    /// The path (and query) of the page being shown, such as `/about`: where the language
    /// switch returns to.
    pub current_path: String,
    /// A one-time notice, already translated.
    pub flash: Option<String>,
}

/// The signed-in user as the header shows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShellUser {
    /// The name to show.
    pub display_name: String,
    /// The role's code: `admin`, `registrar`, `hr_officer`, `licensing_officer`, `planner`,
    /// `trainee`.
    pub role: String,
    /// The organisation or provider the user works for, if any.
    pub organization: Option<String>,
}

impl Shell {
    /// A shell for an anonymous visitor of `current_path`.
    pub fn new(lang: Lang, current_path: impl Into<String>) -> Self {
        Shell {
            lang,
            user: None,
            current_path: current_path.into(),
            flash: None,
        }
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The message `key` in the page's language, with arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::t_args(self.lang, key, args)
    }

    /// `km` or `en`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// Whether the page is in the language of code `code`.
    pub fn is_lang(&self, code: &str) -> bool {
        self.lang.code() == code
    }

    /// The language switch's link to `code`: `/lang/en?next=%2Fabout`.
    pub fn lang_href(&self, code: &str) -> String {
        lang_switch_href(code, &self.current_path)
    }

    /// Whether `path` is the page being shown (query string ignored).
    pub fn is_current(&self, path: &str) -> bool {
        let current = self.current_path.split(['?', '#']).next().unwrap_or_default();
        current == path || (current.is_empty() && path == "/")
    }

    /// Whether the page is `path` or below it (`/workers/12` is within `/workers`): marks the
    /// menu's section.
    pub fn is_within(&self, path: &str) -> bool {
        let current = self.current_path.split(['?', '#']).next().unwrap_or_default();
        current
            .strip_prefix(path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// Whether the signed-in user's role may open the worker registry (`/workers`): an
    /// administrator, a registrar, an HR officer or a licensing officer.
    pub fn can_see_workers(&self) -> bool {
        self.user.as_ref().is_some_and(|user| {
            matches!(
                user.role.as_str(),
                "admin" | "registrar" | "hr_officer" | "licensing_officer"
            )
        })
    }

    /// Whether to show the menu's link to the training pages (`/training`): to everyone signed
    /// in (administrator, registrar, HR officer, licensing officer, planner, trainee).
    pub fn can_see_training(&self) -> bool {
        self.user.is_some()
    }

    /// The menu's licensing link for the user's role: the committee's queue (`/licensing`) for
    /// licensing officers and administrators, the roster check (`/licensing/roster`) for HR
    /// officers, their own licences (`/me/licences`) for trainees; none for the others.
    pub fn licensing_href(&self) -> Option<&'static str> {
        match self.user.as_ref().map(|u| u.role.as_str()) {
            Some("admin" | "licensing_officer") => Some("/licensing"),
            Some("hr_officer") => Some("/licensing/roster"),
            Some("trainee") => Some("/me/licences"),
            _ => None,
        }
    }

    /// Whether to show the menu's link to the planning dashboard (`/planning`): planners and
    /// administrators.
    pub fn can_see_planning(&self) -> bool {
        matches!(self.user.as_ref().map(|u| u.role.as_str()), Some("admin" | "planner"))
    }

    /// Whether the page belongs to the training section of the menu: the catalogue
    /// (`/training`) or a cohort (`/cohorts/...`). A transcript, under `/workers`, belongs to
    /// the worker's record.
    pub fn is_within_training(&self) -> bool {
        self.is_within("/training") || self.is_within("/cohorts")
    }

    /// The translated name of the signed-in user's role (empty when nobody is signed in).
    pub fn role_name(&self) -> String {
        self.user
            .as_ref()
            .map(|user| i18n::role_name(self.lang, &user.role))
            .unwrap_or_default()
    }

    /// A whole number in the page's language (Khmer digits in Khmer).
    pub fn number(&self, n: &u64) -> String {
        i18n::format_number(self.lang, *n)
    }

    /// A decimal number given as the api writes it (`"3.5"`, `"30"`) in the page's language:
    /// `3.5` in English, `៣,៥` in Khmer (see [`i18n::format_decimal`]).
    pub fn decimal(&self, s: &str) -> String {
        i18n::format_decimal(self.lang, s)
    }

    /// `s` with its digits as the page's language writes them (Khmer digits in Khmer), for
    /// numbers that are not amounts, such as a row or a version.
    pub fn digits(&self, s: &str) -> String {
        i18n::localize_digits(self.lang, s)
    }

    /// A date `(year, month, day)` in the page's language.
    pub fn date(&self, date: (i32, u32, u32)) -> String {
        i18n::format_date(self.lang, date)
    }

    /// The stylesheet's address.
    pub fn style_href(&self) -> &'static str {
        assets::STYLE_CSS_PATH
    }
}

/// The address of the language switch: `/lang/{code}?next={current_path}`, the path
/// percent-encoded.
pub fn lang_switch_href(code: &str, current_path: &str) -> String {
    format!(
        "/lang/{}?next={}",
        percent_encode(code),
        percent_encode(local_path_or_root(current_path))
    )
}

/// `next` if it is a path on this site (`/` followed by anything but a second `/` or `\`, no
/// control characters), else `/`: use it before redirecting to a `next` parameter, so that the
/// sign-in form and the language switch cannot be turned into open redirects.
pub fn local_path_or_root(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    if local { next } else { "/" }
}

/// Percent-encodes everything but unreserved characters (RFC 3986) and `/`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Gives each page an inherent `render`, so that callers need not import the trait.
macro_rules! inherent_render {
    ($($page:ty),* $(,)?) => {$(
        impl $page {
            /// Renders the page to HTML.
            pub fn render(&self) -> Result<String, askama::Error> {
                Template::render(self)
            }
        }
    )*};
}

inherent_render!(
    LoginPage,
    HomePage,
    AboutPage,
    ErrorPage,
    PasswordForgotPage,
    PasswordSetPage,
    OutboxPage
);

/// The sign-in page: `POST /login` with `email`, `password` and `next`.
#[derive(Debug, Clone, Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    /// Header, language, notice.
    pub shell: Shell,
    /// The email address to fill in again after a failed attempt (empty at first).
    pub email: String,
    /// Why the last attempt failed, already translated.
    pub error: Option<String>,
    /// Where to go once signed in (a local path; `/` by default).
    pub next: String,
}

/// Asking for a password reset link: `POST /forgot-password` with `email`.
#[derive(Debug, Clone, Template)]
#[template(path = "password-forgot.html")]
pub struct PasswordForgotPage {
    pub shell: Shell,
    pub email: String,
    /// After a request: the same answer whether or not the address has an account.
    pub sent: bool,
}

/// Choosing a password from an emailed link: `POST /set-password` with `token`, `password` and
/// `password_confirm`.
#[derive(Debug, Clone, Template)]
#[template(path = "password-set.html")]
pub struct PasswordSetPage {
    pub shell: Shell,
    pub token: String,
    /// Already translated.
    pub error: Option<String>,
}

/// One email of the outbox, formatted.
#[derive(Debug, Clone)]
pub struct OutboxRowView {
    pub id: String,
    pub created: String,
    pub recipient: String,
    /// Already translated.
    pub kind: String,
    pub status_code: String,
    /// Already translated.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
}

/// The administrator's outbox: what was sent, what waits, what failed (with a retry button).
#[derive(Debug, Clone, Template)]
#[template(path = "outbox.html")]
pub struct OutboxPage {
    pub shell: Shell,
    pub rows: Vec<OutboxRowView>,
}

/// One user account in the administrator's list.
#[derive(Debug, Clone)]
pub struct UserRowView {
    pub email: String,
    pub name: String,
    /// Already translated.
    pub role: String,
    pub status: String,
    /// Whether the account still waits for its owner to set a password.
    pub invited: bool,
}

/// The administrator's user accounts, with a form that invites a new user by email.
#[derive(Debug, Clone, Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    pub shell: Shell,
    pub rows: Vec<UserRowView>,
    pub roles: Vec<crate::registry::Choice>,
    pub organizations: Vec<crate::registry::Choice>,
    pub languages: Vec<crate::registry::Choice>,
    /// Typed values to show again: email, display_name.
    pub email: String,
    pub display_name: String,
    /// The registry number typed for a trainee's account, shown again.
    pub registry_number: String,
    /// Already translated, by field (email, display_name, role, scope_organization_id,
    /// registry_number, or "" for the form).
    pub errors: std::collections::BTreeMap<String, String>,
}

impl UsersPage {
    pub fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
}

/// The signed-in home page: the work of the user's role, as cards.
#[derive(Debug, Clone, Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The cards to show, usually [`home_cards_for_role`].
    pub cards: Vec<HomeCard>,
}

/// One piece of work on the home page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeCard {
    /// Catalogue key of the title.
    pub title_key: &'static str,
    /// Catalogue key of the one-sentence description.
    pub body_key: &'static str,
    /// Where the work is done; `None` for work that comes in a later release, shown as such.
    pub href: Option<String>,
}

impl HomeCard {
    fn upcoming(title_key: &'static str, body_key: &'static str) -> Self {
        HomeCard {
            title_key,
            body_key,
            href: None,
        }
    }

    fn link(title_key: &'static str, body_key: &'static str, href: &str) -> Self {
        HomeCard {
            title_key,
            body_key,
            href: Some(href.to_owned()),
        }
    }
}

/// The home page's cards for a role given by its code (`admin`, `registrar`, `hr_officer`,
/// `licensing_officer`, `planner`, `trainee`). Every role ends with "About Kamlang"; an
/// unknown role gets only that.
pub fn home_cards_for_role(role: &str) -> Vec<HomeCard> {
    let mut cards = match role {
        "admin" => vec![
            HomeCard::link("card-users-title", "card-users-body", "/admin/users"),
            HomeCard::upcoming("card-organizations-title", "card-organizations-body"),
            HomeCard::link("card-workers-title", "card-workers-body", "/workers"),
            HomeCard::link("card-import-title", "card-import-body", "/workers/import"),
            HomeCard::link("card-modules-title", "card-modules-body", "/training"),
            HomeCard::link("card-cohorts-title", "card-cohorts-body", "/cohorts"),
            HomeCard::upcoming("card-reference-title", "card-reference-body"),
            HomeCard::upcoming("card-audit-title", "card-audit-body"),
            HomeCard::link("card-outbox-title", "card-outbox-body", "/admin/outbox"),
            HomeCard::link("card-api-title", "card-api-body", "/api/docs"),
        ],
        "registrar" => vec![
            HomeCard::link("card-workers-title", "card-workers-body", "/workers"),
            HomeCard::link("card-modules-title", "card-modules-body", "/training"),
            HomeCard::link("card-cohorts-title", "card-cohorts-body", "/cohorts"),
            HomeCard::link("card-certificates-title", "card-certificates-body", "/cohorts"),
        ],
        "hr_officer" => vec![
            HomeCard::link("card-staff-title", "card-staff-body", "/workers"),
            HomeCard::link("card-import-title", "card-import-body", "/workers/import"),
            HomeCard::link(
                "card-license-check-title",
                "card-license-check-body",
                "/licensing/roster",
            ),
        ],
        "licensing_officer" => vec![HomeCard::link(
            "card-applications-title",
            "card-applications-body",
            "/licensing",
        )],
        "planner" => vec![HomeCard::link(
            "card-statistics-title",
            "card-statistics-body",
            "/planning",
        )],
        "trainee" => vec![
            HomeCard::link("card-transcript-title", "card-transcript-body", "/me/transcript"),
            HomeCard::link(
                "card-my-certificates-title",
                "card-my-certificates-body",
                "/me/certificates",
            ),
            HomeCard::link("card-my-license-title", "card-my-license-body", "/me/licences"),
        ],
        _ => Vec::new(),
    };
    cards.push(HomeCard::link("card-about-title", "card-about-body", "/about"));
    cards
}

/// What Kamlang is and where its data comes from, with the attributions the data and the font
/// require.
#[derive(Debug, Clone, Template)]
#[template(path = "about.html")]
pub struct AboutPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// Capital and provinces in the gazetteer (25).
    pub provinces: u64,
    /// Municipalities, districts and khans (210).
    pub districts: u64,
    /// Communes and sangkats (1,661).
    pub communes: u64,
    /// Villages (14,576).
    pub villages: u64,
    /// The running version, such as `env!("CARGO_PKG_VERSION")`.
    pub version: &'static str,
}

/// An error page; `title` and `message` already translated.
#[derive(Debug, Clone, Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The HTTP status, shown as "Error 404".
    pub status: u16,
    /// The heading.
    pub title: String,
    /// One or two sentences saying what happened and what to do.
    pub message: String,
}

#[cfg(test)]
pub(crate) mod tests;
