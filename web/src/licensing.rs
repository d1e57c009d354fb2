//! The licensing pages: the licensing officer's queue (`/licensing`), a licence with its timeline,
//! its CPD and the officer's decision forms (`/licences/{id}`), a worker's licences with the form
//! to apply (`/workers/{id}/licences`, and [`LicencePanel`] for any page about a worker), the
//! public register (`/register`), an HR officer's roster check (`/licensing/roster`) and their
//! notices of changed licences (`/notices`).
//!
//! Like [`crate::pages`], every page carries a [`Shell`] and takes its sentences from the
//! catalogues. What a handler passes in (licence type titles, names, reasons, conditions, error
//! sentences, flashes) is expected to be translated already; the codes of the domain
//! ([`domain::licensing::LicenceStatus::as_str`], [`domain::licensing::LicenceAction::code`]) are
//! translated here: [`licence_status_label`], [`licence_action_label`], [`licence_event_label`].
//!
//! A status is never shown by colour alone: a tag `tag-{code}` with a symbol
//! ([`licence_status_symbol`]) and the status in words, carrying the code in `data-status`.
//! Dates, counts and durations ([`cpd_duration`]) are written in Khmer digits in the Khmer pages;
//! licence numbers, registry numbers and certificate serials are shown exactly as stored, and form
//! values (dates as `YYYY-MM-DD`) keep ASCII digits, as browsers send them.
//!
//! The public register shows what a licence says and nothing more: the holder's two names, the
//! licence type, number, status and last day of validity (no registry number, birth date, phone,
//! email or organisation).

use askama::Template;

use crate::i18n::{self, Lang};
use crate::pages::Shell;
use crate::registry::code_label;

pub use crate::email::{LICENCE_STATUS_CODES, licence_status_label};

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
    LicensingQueuePage,
    LicencePage,
    WorkerLicencesPage,
    PublicRegisterPage,
    RosterCheckPage,
    NoticesPage,
);

/// A calendar date `(year, month, day)`, `month` 1-12.
pub type Ymd = (i32, u32, u32);

// ---------------------------------------------------------------------------------------------
// Codes shown as words
// ---------------------------------------------------------------------------------------------

/// The codes of a licensing officer's actions ([`domain::licensing::LicenceAction::CODES`]), each
/// with a `licence-action-<code>` message (what the button says) and a `licence-event-<code>`
/// message (what the timeline says), `_` written as `-`.
pub const LICENCE_ACTION_CODES: [&str; 10] = domain::licensing::LicenceAction::CODES;

/// The codes a timeline event may carry: [`LICENCE_ACTION_CODES`] and `apply`, the application
/// itself.
pub const LICENCE_EVENT_CODES: [&str; 11] = [
    "apply",
    "grant",
    "grant_with_conditions",
    "refuse",
    "suspend",
    "lift_suspension",
    "expire",
    "renew",
    "reinstate",
    "revoke",
    "lift_conditions",
];

/// The actions whose button is red: they take a licence (or an application) away.
const DANGEROUS_ACTIONS: [&str; 3] = ["refuse", "suspend", "revoke"];

/// The translated action of a licensing officer, as its button says it ("Grant the licence",
/// "Suspend the licence", ...; see [`LICENCE_ACTION_CODES`]); an unknown code is shown as it is.
pub fn licence_action_label(lang: Lang, code: &str) -> String {
    code_label(lang, "licence-action", code)
}

/// The translated event of a licence's timeline, in the past tense ("Application submitted",
/// "Licence granted", "Suspension lifted", ...; see [`LICENCE_EVENT_CODES`]); an unknown code is
/// shown as it is.
pub fn licence_event_label(lang: Lang, code: &str) -> String {
    code_label(lang, "licence-event", code)
}

/// The symbol shown beside a licence's status, never alone: `○` pending, `✓` active, `!` active
/// with conditions, `‖` suspended, `✗` expired, revoked or refused (and an unknown code).
pub fn licence_status_symbol(code: &str) -> &'static str {
    match code {
        "pending" => "○",
        "active" => "✓",
        "conditional" => "!",
        "suspended" => "‖",
        _ => "✗",
    }
}

/// A duration of CPD given in minutes, exactly, as the language writes it: `13 h 30 min`, `15 h`,
/// `45 min`, `0 h` in English; `១៣ ម៉ោង ៣០ នាទី` in Khmer.
pub fn cpd_duration(lang: Lang, minutes: u64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hours_text = i18n::format_number(lang, hours);
    let rest_text = i18n::format_number(lang, rest);
    match (hours, rest) {
        (_, 0) => i18n::t_args(lang, "cpd-duration-hours", &[("hours", &hours_text)]),
        (0, _) => i18n::t_args(lang, "cpd-duration-minutes", &[("minutes", &rest_text)]),
        _ => i18n::t_args(
            lang,
            "cpd-duration-hours-minutes",
            &[("hours", &hours_text), ("minutes", &rest_text)],
        ),
    }
}

/// A date as a form's `<input type="date">` and `<time datetime>` write it: `2026-01-05`.
pub fn iso_date((year, month, day): Ymd) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Whether `text` is written (at least partly) in Khmer script: such a name is marked
/// `lang="km"`, whatever the page's language.
fn is_khmer(text: &str) -> bool {
    text.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c))
}

/// A status, ready to show: tag class and `data-status` (the code), symbol and words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatusTag {
    code: String,
    symbol: &'static str,
    label: String,
}

impl StatusTag {
    fn new(lang: Lang, code: &str) -> Self {
        StatusTag {
            code: code.to_owned(),
            symbol: licence_status_symbol(code),
            label: licence_status_label(lang, code),
        }
    }
}

/// The helpers every licensing page's template uses, through its shell.
trait Helpers {
    fn shell(&self) -> &Shell;

    /// A date in the page's language.
    fn date(&self, date: &Ymd) -> String {
        self.shell().date(*date)
    }

    /// A date in the page's language, or "Not set".
    fn date_or_unset(&self, date: &Option<Ymd>) -> String {
        match date {
            Some(date) => self.shell().date(*date),
            None => self.shell().t("licensing-not-set"),
        }
    }

    /// A date as `<time datetime>` writes it.
    fn iso(&self, date: &Ymd) -> String {
        iso_date(*date)
    }

    /// The status of code `code`, ready to show.
    fn status(&self, code: &str) -> StatusTag {
        StatusTag::new(self.shell().lang, code)
    }

    /// Whether `text` is in Khmer script (then marked `lang="km"`).
    fn khmer(&self, text: &str) -> bool {
        is_khmer(text)
    }
}

macro_rules! helpers {
    ($($page:ty),* $(,)?) => {$(
        impl Helpers for $page {
            fn shell(&self) -> &Shell {
                &self.shell
            }
        }
    )*};
}

helpers!(
    LicensingQueuePage,
    LicencePage,
    WorkerLicencesPage,
    PublicRegisterPage,
    RosterCheckPage,
    NoticesPage,
);

// ---------------------------------------------------------------------------------------------
// The licensing officer's queue: /licensing?status=
// ---------------------------------------------------------------------------------------------

/// The lists of the queue, in the order of its tabs: `pending` (the applications waiting for a
/// decision; the default), `active`, `conditional`, `suspended`, and `expiring` (active or
/// conditional licences whose last day is within [`EXPIRING_WITHIN_DAYS`] days).
pub const QUEUE_FILTERS: [&str; 5] = ["pending", "active", "conditional", "suspended", "expiring"];

/// How far ahead the `expiring` list of the queue looks, in days.
pub const EXPIRING_WITHIN_DAYS: u64 = 60;

/// How many licences each list of the queue holds (all of them, not only those shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueCounts {
    /// Applications waiting for a decision.
    pub pending: u64,
    /// Active licences.
    pub active: u64,
    /// Licences active with conditions.
    pub conditional: u64,
    /// Suspended licences.
    pub suspended: u64,
    /// Active or conditional licences expiring within [`EXPIRING_WITHIN_DAYS`] days.
    pub expiring: u64,
}

impl QueueCounts {
    /// The count of the list `filter` (one of [`QUEUE_FILTERS`]; 0 for another).
    pub fn of(&self, filter: &str) -> u64 {
        match filter {
            "pending" => self.pending,
            "active" => self.active,
            "conditional" => self.conditional,
            "suspended" => self.suspended,
            "expiring" => self.expiring,
            _ => 0,
        }
    }
}

/// The link to the list `filter` of the queue: `/licensing` for `pending`,
/// `/licensing?status={filter}` for the others.
pub fn queue_href(filter: &str) -> String {
    if filter == "pending" {
        "/licensing".to_owned()
    } else {
        format!("/licensing?status={filter}")
    }
}

/// One licence (or application) in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueRowView {
    /// The licence's page, `/licences/{id}`.
    pub href: String,
    /// The holder's name (a Khmer name is marked `lang="km"`).
    pub holder_name: String,
    /// The holder's registry number, as stored.
    pub registry_number: String,
    /// The licence type's title, already in the page's language.
    pub licence_type: String,
    /// The licence's status code (`pending`, `active`, ...).
    pub status_code: String,
    /// In the `pending` list, the day the application was submitted; in the others, the last
    /// day of validity. The column's heading says which.
    pub date: Ymd,
    /// Whether the holder meets the prerequisites of the licence type (a certificate of the
    /// required level): shown in the `pending` list.
    pub prerequisites_met: bool,
    /// What is missing, or the certificate the licence rests on, already translated.
    pub prerequisite_note: Option<String>,
}

/// A tab of the queue, ready to show.
#[derive(Debug, Clone)]
struct QueueTab {
    code: &'static str,
    label: String,
    count: String,
    href: String,
    current: bool,
}

/// The licensing officer's queue (`GET /licensing?status={filter}`, `filter` one of
/// [`QUEUE_FILTERS`], `pending` when absent): tabs with their counts, then the list.
///
/// ids: `licence-filters` (the tabs, each `filter-{code}`, the current one with
/// `aria-current="page"`), `licence-queue` (the table, each row with `data-status`),
/// `licence-queue-none` (the empty state).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "licensing/queue.html")]
pub struct LicensingQueuePage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The list shown, one of [`QUEUE_FILTERS`] (another is shown as `pending`).
    pub filter: String,
    /// How many each list holds.
    pub counts: QueueCounts,
    /// The licences of the list, in the order to show (oldest application first, usually).
    pub rows: Vec<QueueRowView>,
}

impl LicensingQueuePage {
    /// The list shown: `filter` if it is one of [`QUEUE_FILTERS`], else `pending`.
    pub fn current_filter(&self) -> &'static str {
        QUEUE_FILTERS
            .into_iter()
            .find(|filter| *filter == self.filter)
            .unwrap_or("pending")
    }

    fn is_pending(&self) -> bool {
        self.current_filter() == "pending"
    }

    fn tabs(&self) -> Vec<QueueTab> {
        let current = self.current_filter();
        QUEUE_FILTERS
            .into_iter()
            .map(|code| QueueTab {
                code,
                label: self.shell.t(&format!("licensing-filter-{code}")),
                count: self.shell.number(&self.counts.of(code)),
                href: queue_href(code),
                current: code == current,
            })
            .collect()
    }

    fn heading(&self) -> String {
        self.shell.t(&format!("licensing-list-{}", self.current_filter()))
    }

    fn empty_text(&self) -> String {
        self.shell.t(&format!("licensing-none-{}", self.current_filter()))
    }

    fn date_heading(&self) -> String {
        if self.is_pending() {
            self.shell.t("licensing-col-submitted")
        } else {
            self.shell.t("licensing-col-valid-until")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A licence: /licences/{id}
// ---------------------------------------------------------------------------------------------

/// One event of a licence's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineEventView {
    /// The day it takes effect.
    pub effective_on: Ymd,
    /// What happened: one of [`LICENCE_EVENT_CODES`] (an action's code, or `apply`).
    pub action_code: String,
    /// Why, as the officer wrote it.
    pub reason: Option<String>,
    /// Who decided it (the committee, an officer, or the scheduled expiry), as recorded; not
    /// shown for `apply`, the applicant's own act.
    pub authority: String,
    /// Who recorded it (a user's name).
    pub recorded_by: String,
    /// When it was recorded, already formatted (such as `2026-05-02 14:30`); its digits are
    /// shown as the page's language writes them.
    pub recorded_at: String,
    /// The last day of validity the event set (a grant, renewal or reinstatement).
    pub valid_until: Option<Ymd>,
    /// The conditions the event imposed (a grant with conditions, a reinstatement).
    pub conditions: Option<String>,
}

/// One CPD activity of the holder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CpdActivityView {
    /// The day it took place (or ended).
    pub date: Ymd,
    /// Who delivered it.
    pub provider: String,
    /// What it was.
    pub title: String,
    /// How long it lasted, in minutes.
    pub minutes: u32,
    /// Whether a licensing officer approved it (only approved activities count).
    pub approved: bool,
}

/// The CPD of the licence's current cycle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CpdView {
    /// The cycle's first day.
    pub cycle_start: Ymd,
    /// The cycle's last day (the licence's last day of validity).
    pub cycle_end: Ymd,
    /// The hours the licence type requires per cycle.
    pub required_hours: u32,
    /// The minutes of the approved activities dated within the cycle
    /// ([`domain::licensing::cpd_minutes_in_cycle`]).
    pub earned_minutes: u64,
    /// The holder's activities (approved or not), in the order to show (newest first, usually).
    pub activities: Vec<CpdActivityView>,
}

impl CpdView {
    /// The required minutes: `required_hours` × 60.
    pub fn required_minutes(&self) -> u64 {
        u64::from(self.required_hours) * 60
    }

    /// The minutes still missing for a renewal (0 when the requirement is met).
    pub fn shortfall_minutes(&self) -> u64 {
        self.required_minutes().saturating_sub(self.earned_minutes)
    }
}

/// What the CPD form shows again after a refusal (all empty at first).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CpdFormValues {
    pub provider: String,
    pub title: String,
    /// Whole hours, as typed.
    pub hours: String,
    /// Minutes (0-59), as typed.
    pub minutes: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
}

/// Whether the holder meets the prerequisites of the licence type (a certificate of the required
/// level, see [`domain::licensing::licence_prerequisites`]), as the licensing officer weighs an
/// application.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrerequisitesView {
    /// Whether they are met.
    pub met: bool,
    /// The certificate the licence rests on, or what is missing; already translated.
    pub note: Option<String>,
}

/// One of the licensing officer's decision forms: the action it records and the fields it needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecisionFormView {
    /// The action, one of [`LICENCE_ACTION_CODES`] (usually from
    /// [`domain::licensing::LicenceStatus::allowed_actions`]); sent as the hidden `action`.
    pub action_code: String,
    /// Whether the form asks for a `reason` (required): refusal, suspension, revocation,
    /// reinstatement.
    pub needs_reason: bool,
    /// Whether the form asks for `valid_until` (required): a grant, renewal or reinstatement.
    pub needs_valid_until: bool,
    /// Whether the form asks for `conditions`: required for a grant with conditions, optional
    /// otherwise (a reinstatement).
    pub needs_conditions: bool,
    /// The value `valid_until` starts with, `YYYY-MM-DD` (the longest validity the type allows).
    pub default_valid_until: String,
    /// After a refusal, the values to show again (empty at first: `effective_date` then starts
    /// at the page's `today`).
    pub effective_date: String,
    pub reason: String,
    pub conditions: String,
    /// Whether the form starts unfolded (the one that was just refused).
    pub open: bool,
}

impl DecisionFormView {
    /// A form for the action `code` asking for what the domain requires: a reason for
    /// refusal, suspension, revocation and reinstatement; `valid_until` for a grant, a renewal
    /// and a reinstatement (starting at `default_valid_until`); conditions for a grant with
    /// conditions and a reinstatement.
    pub fn for_action(code: &str, default_valid_until: impl Into<String>) -> Self {
        DecisionFormView {
            action_code: code.to_owned(),
            needs_reason: matches!(code, "refuse" | "suspend" | "revoke" | "reinstate"),
            needs_valid_until: matches!(code, "grant" | "grant_with_conditions" | "renew" | "reinstate"),
            needs_conditions: matches!(code, "grant_with_conditions" | "reinstate"),
            default_valid_until: default_valid_until.into(),
            ..DecisionFormView::default()
        }
    }

    /// Whether the conditions are required (a grant with conditions).
    pub fn conditions_required(&self) -> bool {
        self.action_code == "grant_with_conditions"
    }

    /// Whether the button is red (refusal, suspension, revocation).
    pub fn is_dangerous(&self) -> bool {
        DANGEROUS_ACTIONS.contains(&self.action_code.as_str())
    }
}

/// A licence (`GET /licences/{id}`): number, type, holder, status and validity, conditions; its
/// timeline, oldest first; the CPD of its cycle with a form to record an activity
/// (`POST {cpd_href}` with `provider`, `title`, `hours`, `minutes` and `date`); and for a
/// licensing officer the decision forms, each `POST {decide_href}` with `action`,
/// `effective_date` and, as the action needs them, `reason`, `valid_until` and `conditions`.
///
/// ids: `licence-number` (the heading), `licence-status` (with `data-status`),
/// `licence-holder`, `licence-registry-number`, `licence-valid-from`, `licence-valid-until`,
/// `licence-conditions`, `licence-prerequisites` (with `data-met`), `licence-errors` (`role="alert"`), `licence-flash`,
/// `licence-timeline` (an `<ol>`, each item `licence-event-{n}` with `data-action`),
/// `licence-cpd`, `cpd-cycle`, `cpd-required`, `cpd-earned`, `cpd-shortfall` or `cpd-met`,
/// `cpd-progress`, `cpd-activities`, `cpd-form` (inputs `cpd-provider`, `cpd-title`,
/// `cpd-hours`, `cpd-minutes`, `cpd-date`, button `cpd-submit`), `licence-decide`, and for each
/// decision `decide-{code}` (a `<details>`), `decide-{code}-form`, `decide-{code}-effective-date`,
/// `decide-{code}-valid-until`, `decide-{code}-conditions`, `decide-{code}-reason`,
/// `decide-{code}-submit` (`{code}` with `_`).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "licensing/licence.html")]
pub struct LicencePage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The licence number (`PSW-2026-000042`), once granted.
    pub number: Option<String>,
    /// The licence type's title, already in the page's language.
    pub type_title: String,
    /// The holder's name in Khmer script (empty when not recorded).
    pub holder_name_km: String,
    /// The holder's name in Latin script (empty when not recorded).
    pub holder_name_latin: String,
    /// The holder's registry number, as stored.
    pub registry_number: String,
    /// The holder's record, `/workers/{id}`.
    pub worker_href: String,
    /// The status code (`pending`, `active`, ...).
    pub status_code: String,
    /// The first day of validity, once granted.
    pub valid_from: Option<Ymd>,
    /// The last day of validity, once granted.
    pub valid_until: Option<Ymd>,
    /// The conditions in force, if any.
    pub conditions: Option<String>,
    /// Whether the holder meets the prerequisites: shown when given (usually to a licensing
    /// officer, while the application is pending).
    pub prerequisites: Option<PrerequisitesView>,
    /// The events, oldest first (the newest last).
    pub timeline: Vec<TimelineEventView>,
    /// The CPD of the current cycle; `None` before the licence is granted.
    pub cpd: Option<CpdView>,
    /// Whether the user may record a CPD activity (the holder, or a licensing officer).
    pub can_add_cpd: bool,
    /// Where the CPD form posts, such as `/licences/{id}/cpd`.
    pub cpd_href: String,
    /// What the CPD form shows again after a refusal.
    pub cpd_form: CpdFormValues,
    /// Whether the user is a licensing officer who may decide: then the decision forms show.
    pub can_decide: bool,
    /// Where the decision forms post, such as `/licences/{id}/decisions`.
    pub decide_href: String,
    /// One form per action the licence accepts now, in the order to show.
    pub decisions: Vec<DecisionFormView>,
    /// Today, `YYYY-MM-DD`: where `effective_date` starts, and the latest CPD date.
    pub today: String,
    /// Why the last form was refused, already translated, one sentence each.
    pub errors: Vec<String>,
    /// What the last form did, already translated (such as "The licence was suspended.").
    pub flash: Option<String>,
}

impl LicencePage {
    fn title(&self) -> String {
        match &self.number {
            Some(number) => format!("{number} · {}", self.type_title),
            None => format!("{} · {}", self.shell.t("licence-not-granted"), self.type_title),
        }
    }

    fn event_label(&self, event: &TimelineEventView) -> String {
        licence_event_label(self.shell.lang, &event.action_code)
    }

    fn event_by(&self, event: &TimelineEventView) -> String {
        self.shell.t_args(
            "licence-event-by",
            &[
                ("authority", &event.authority),
                ("user", &event.recorded_by),
                ("at", &self.shell.digits(&event.recorded_at)),
            ],
        )
    }

    fn action_label(&self, form: &DecisionFormView) -> String {
        licence_action_label(self.shell.lang, &form.action_code)
    }

    fn duration(&self, minutes: &u64) -> String {
        cpd_duration(self.shell.lang, *minutes)
    }

    fn activity_duration(&self, activity: &CpdActivityView) -> String {
        cpd_duration(self.shell.lang, u64::from(activity.minutes))
    }

    /// "1 January 2026 to 31 December 2028".
    fn cycle_text(&self, cpd: &CpdView) -> String {
        self.shell.t_args(
            "cpd-cycle-dates",
            &[
                ("start", &self.shell.date(cpd.cycle_start)),
                ("end", &self.shell.date(cpd.cycle_end)),
            ],
        )
    }

    fn required_text(&self, cpd: &CpdView) -> String {
        cpd_duration(self.shell.lang, cpd.required_minutes())
    }

    /// "13 h 30 min of 15 h".
    fn progress_text(&self, cpd: &CpdView) -> String {
        self.shell.t_args(
            "cpd-progress",
            &[
                ("earned", &cpd_duration(self.shell.lang, cpd.earned_minutes)),
                ("required", &cpd_duration(self.shell.lang, cpd.required_minutes())),
            ],
        )
    }

    fn shortfall_text(&self, cpd: &CpdView) -> String {
        self.shell.t_args(
            "cpd-shortfall",
            &[("shortfall", &cpd_duration(self.shell.lang, cpd.shortfall_minutes()))],
        )
    }

    /// The `<progress>` element's `max`: the required minutes, at least 1.
    fn progress_max(&self, cpd: &CpdView) -> u64 {
        cpd.required_minutes().max(1)
    }

    /// The `<progress>` element's `value`: the minutes earned, within `max`.
    fn progress_value(&self, cpd: &CpdView) -> u64 {
        if cpd.required_minutes() == 0 {
            1
        } else {
            cpd.earned_minutes.min(cpd.required_minutes())
        }
    }

    fn effective_date(&self, form: &DecisionFormView) -> String {
        if form.effective_date.is_empty() {
            self.today.clone()
        } else {
            form.effective_date.clone()
        }
    }

    /// The id of a decision form's element: `decide-{code}-{part}`.
    fn decide_id(&self, form: &DecisionFormView, part: &str) -> String {
        if part.is_empty() {
            format!("decide-{}", form.action_code)
        } else {
            format!("decide-{}-{part}", form.action_code)
        }
    }

    fn final_text(&self) -> String {
        self.shell.t_args(
            "licence-decide-none",
            &[("status", &licence_status_label(self.shell.lang, &self.status_code))],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// A worker's licences: the panel and /workers/{id}/licences
// ---------------------------------------------------------------------------------------------

/// One licence (or application) in a worker's list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LicenceRowView {
    /// The licence's page, `/licences/{id}`.
    pub href: String,
    /// The licence number, once granted.
    pub number: Option<String>,
    /// The licence type's title, already in the page's language.
    pub type_title: String,
    /// The status code.
    pub status_code: String,
    /// The last day of validity, once granted.
    pub valid_until: Option<Ymd>,
}

impl LicenceRowView {
    fn status(&self, shell: &Shell) -> StatusTag {
        StatusTag::new(shell.lang, &self.status_code)
    }

    fn valid_until_text(&self, shell: &Shell) -> String {
        match self.valid_until {
            Some(date) => shell.date(date),
            None => shell.t("licensing-not-set"),
        }
    }
}

/// The form to apply for a licence: `POST {action_href}` with `licence_type`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplyFormView {
    /// Where it posts, such as `/workers/{id}/licences` or `/me/licences`.
    pub action_href: String,
    /// The licence types one may apply for: `(code, title)`, the title already in the page's
    /// language.
    pub types: Vec<(String, String)>,
}

/// A worker's licences as a table, and the form to apply: the content of
/// `templates/licensing/panel.html`, which any page having `shell: Shell` and `panel:
/// LicencePanel` in scope can include (a field, or `{% let panel = licences %}` before the
/// include). It brings no heading of its own but the form's (an `h3`).
///
/// ids: `licences` (the table, each row `licence-row-{n}` with `data-status`), `licences-none`
/// (the empty state), `licence-apply-form`, `licence-apply-type` (`name="licence_type"`),
/// `licence-apply-submit`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LicencePanel {
    /// The licences, in the order to show (newest first, usually).
    pub rows: Vec<LicenceRowView>,
    /// The form to apply, when the user may apply (and some type is open to them).
    pub apply: Option<ApplyFormView>,
}

impl LicencePanel {
    /// The form to apply, when there is a type to choose.
    fn apply_form(&self) -> Option<&ApplyFormView> {
        self.apply.as_ref().filter(|apply| !apply.types.is_empty())
    }
}

/// A worker's licences (`GET /workers/{id}/licences`): the [`LicencePanel`], with a link back to
/// the worker's record.
///
/// ids: those of the panel, `licences-holder`, `registry-number`, `licences-errors`
/// (`role="alert"`), `licences-flash`.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "licensing/worker.html")]
pub struct WorkerLicencesPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The worker's name (a Khmer name is marked `lang="km"`).
    pub holder_name: String,
    /// The worker's registry number, as stored.
    pub registry_number: String,
    /// The worker's record, `/workers/{id}`.
    pub worker_href: String,
    /// The licences and the form to apply.
    pub panel: LicencePanel,
    /// Why the last application was refused, already translated, one sentence each.
    pub errors: Vec<String>,
    /// What the last form did, already translated (such as "Your application was sent.").
    pub flash: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// The public register: /register?q=
// ---------------------------------------------------------------------------------------------

/// A licence as the public register shows it: what the licence says, and no other personal data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRowView {
    /// The holder's name in Khmer script (empty when not recorded).
    pub name_km: String,
    /// The holder's name in Latin script (empty when not recorded).
    pub name_latin: String,
    /// The licence type's title, already in the page's language.
    pub licence_type: String,
    /// The licence number.
    pub number: String,
    /// The status code.
    pub status_code: String,
    /// The last day of validity.
    pub valid_until: Option<Ymd>,
}

/// What the public register answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RegisterOutcome {
    /// Nothing asked yet (`/register` without `q`): the form alone.
    #[default]
    NotAsked,
    /// The query is shorter than `min_chars` characters: nothing is searched.
    TooShort {
        /// The fewest characters a query needs.
        min_chars: u32,
    },
    /// No licence matches.
    NoResult,
    /// The licences that match.
    Found {
        /// The licences, in the order to show.
        rows: Vec<RegisterRowView>,
        /// Whether more matched than are shown (the query should be more precise).
        truncated: bool,
    },
}

impl RegisterOutcome {
    /// `not_asked`, `too_short`, `no_result` or `found`: the results section's `data-state`.
    pub fn code(&self) -> &'static str {
        match self {
            RegisterOutcome::NotAsked => "not_asked",
            RegisterOutcome::TooShort { .. } => "too_short",
            RegisterOutcome::NoResult => "no_result",
            RegisterOutcome::Found { .. } => "found",
        }
    }
}

/// The public register of licences (`GET /register?q=...`; no account needed): a search by name
/// (Khmer or Latin) or licence number, and the licences that match, with what a licence says and
/// nothing more.
///
/// ids: `register-form` (`method="get"`, `action="/register"`), `register-q` (`name="q"`),
/// `register-submit`, `register-answer` (with `data-state`, see [`RegisterOutcome::code`]),
/// `register-too-short`, `register-none`, `register-count`, `register-truncated`,
/// `register-results` (the table, each row with `data-status`).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "licensing/register.html")]
pub struct PublicRegisterPage {
    /// Header, language, user (usually nobody), notice.
    pub shell: Shell,
    /// The query as typed (the input's value); empty when nothing was asked.
    pub q: String,
    /// The answer.
    pub outcome: RegisterOutcome,
}

impl PublicRegisterPage {
    fn too_short_text(&self, min_chars: &u32) -> String {
        i18n::t_count(self.shell.lang, "register-too-short", u64::from(*min_chars), &[])
    }

    fn none_text(&self) -> String {
        self.shell.t_args("register-none", &[("query", self.q.trim())])
    }

    fn found_text(&self, rows: &[RegisterRowView]) -> String {
        i18n::t_count(self.shell.lang, "register-count", rows.len() as u64, &[])
    }
}

// ---------------------------------------------------------------------------------------------
// The roster check: /licensing/roster
// ---------------------------------------------------------------------------------------------

/// The outcomes of a roster line, each with a `roster-outcome-<code>` message (`_` as `-`).
pub const ROSTER_OUTCOMES: [&str; 3] = ["found", "not_found", "invalid"];

/// One identifier of the roster and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterRowView {
    /// The line of the roster it was on, from 1 ([`domain::licensing::RosterLine::line`]).
    pub line: usize,
    /// The identifier as typed ([`domain::licensing::RosterLine::raw`]).
    pub identifier_as_typed: String,
    /// `found`, `not_found` or `invalid` (see [`ROSTER_OUTCOMES`]).
    pub outcome: String,
    /// For `invalid`, why the identifier cannot be read; for the others, anything to add;
    /// already translated.
    pub message: Option<String>,
    /// The worker found.
    pub worker_name: Option<String>,
    /// The worker's registry number.
    pub registry_number: Option<String>,
    /// The worker's record, `/workers/{id}`, when the user may open it.
    pub worker_href: Option<String>,
    /// The worker's licence (the one in force, else the latest).
    pub licence_number: Option<String>,
    /// That licence's status code; `None` when the worker holds no licence.
    pub licence_status_code: Option<String>,
    /// That licence's last day of validity.
    pub valid_until: Option<Ymd>,
    /// The serials of the worker's valid certificates.
    pub certificates: Vec<String>,
}

impl RosterRowView {
    fn is_found(&self) -> bool {
        self.outcome == "found"
    }

    fn outcome_symbol(&self) -> &'static str {
        if self.is_found() { "✓" } else { "✗" }
    }

    fn outcome_label(&self, shell: &Shell) -> String {
        code_label(shell.lang, "roster-outcome", &self.outcome)
    }

    fn licence_status(&self, shell: &Shell) -> Option<StatusTag> {
        self.licence_status_code
            .as_deref()
            .map(|code| StatusTag::new(shell.lang, code))
    }
}

/// The answer to a roster check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterResultView {
    /// One row per identifier, in the order of the roster.
    pub rows: Vec<RosterRowView>,
    /// The same answer as a CSV file, such as `/licensing/roster/{id}.csv`.
    pub csv_href: String,
}

impl RosterResultView {
    /// How many rows have the outcome `outcome`.
    pub fn count(&self, outcome: &str) -> usize {
        self.rows.iter().filter(|row| row.outcome == outcome).count()
    }
}

/// A staff member posted to the user's organisation without a licence in force.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnlicensedStaffView {
    /// The worker's name.
    pub worker_name: String,
    /// The worker's registry number.
    pub registry_number: String,
    /// The worker's record, `/workers/{id}`.
    pub worker_href: String,
    /// The organisation they are posted to.
    pub organization: String,
    /// Their latest licence's status code (`pending`, `suspended`, `expired`, ...); `None` when
    /// they never held or applied for one.
    pub licence_status_code: Option<String>,
}

impl UnlicensedStaffView {
    fn licence_status(&self, shell: &Shell) -> Option<StatusTag> {
        self.licence_status_code
            .as_deref()
            .map(|code| StatusTag::new(shell.lang, code))
    }
}

/// An HR officer's roster check (`GET` and `POST /licensing/roster`, the form
/// `multipart/form-data` with `identifiers`, the pasted text, and `file`, an optional CSV, XLSX or
/// text file): the licence and certificates of everyone on the roster, and the staff posted to
/// the user's organisation without a licence in force.
///
/// ids: `roster-form`, `roster-identifiers` (`name="identifiers"`), `roster-file`
/// (`name="file"`), `roster-submit`, `roster-errors` (`role="alert"`), `roster-result`,
/// `roster-found`, `roster-not-found`, `roster-invalid` (the counts), `roster-csv`,
/// `roster-results` (the table, each row `roster-line-{line}` with `data-outcome`),
/// `unlicensed-staff` (the section), `unlicensed-table`, `unlicensed-none`.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "licensing/roster.html")]
pub struct RosterCheckPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The identifiers as pasted, shown again.
    pub identifiers: String,
    /// Why the roster was refused as a whole (no identifier, too many, an unreadable file),
    /// already translated.
    pub errors: Vec<String>,
    /// The answer, once a roster was checked.
    pub result: Option<RosterResultView>,
    /// The staff posted to the user's organisation without a licence in force.
    pub unlicensed: Vec<UnlicensedStaffView>,
}

impl RosterCheckPage {
    fn outcome_count(&self, result: &RosterResultView, outcome: &str) -> String {
        self.shell.number(&(result.count(outcome) as u64))
    }

    fn line(&self, row: &RosterRowView) -> String {
        self.shell.number(&(row.line as u64))
    }
}

// ---------------------------------------------------------------------------------------------
// Employer notices: /notices
// ---------------------------------------------------------------------------------------------

/// A staff member's licence changed status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoticeRowView {
    /// When, already formatted (such as `2026-05-02 14:30`); its digits are shown as the page's
    /// language writes them.
    pub created_at: String,
    /// The staff member's name.
    pub worker_name: String,
    /// Their record, `/workers/{id}`.
    pub worker_href: String,
    /// The licence's number, once granted.
    pub licence_number: Option<String>,
    /// The status before.
    pub from_status_code: String,
    /// The status now.
    pub to_status_code: String,
    /// Whether the user has seen it.
    pub read: bool,
}

/// An HR officer's notices (`GET /notices`): the licence changes of the staff posted to their
/// organisation, newest first (the same as the employer-alert emails).
///
/// ids: `notices` (the table, each row `notice-{n}` with `data-read`), `notices-none`,
/// `notices-read-form` and `notices-read` (the button marking them all read).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "licensing/notices.html")]
pub struct NoticesPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The notices, newest first.
    pub rows: Vec<NoticeRowView>,
    /// Where the "mark all as read" button posts, such as `/notices/read`; shown when some notice
    /// is unread.
    pub mark_read_href: Option<String>,
}

impl NoticesPage {
    fn unread(&self) -> usize {
        self.rows.iter().filter(|row| !row.read).count()
    }

    fn unread_text(&self) -> String {
        i18n::t_count(self.shell.lang, "notices-unread", self.unread() as u64, &[])
    }
}

#[cfg(test)]
mod tests;
