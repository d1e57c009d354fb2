//! The worker registry's pages: the list of workers with its search and filters, a worker's
//! profile, the create and edit form, and the import page with its dry-run report.
//!
//! Like [`crate::pages`], every page carries a [`Shell`] and takes its sentences from the
//! catalogues. The strings a handler passes in (labels of categories and statuses, error
//! messages, flashes, postings) are expected to be translated and formatted already; the helpers
//! here ([`status_label`], [`category_label`], [`sex_label`], [`employment_type_label`],
//! [`field_error`], [`field_label`], [`code_choices`], [`any_choice`]) do that from the stable
//! codes. Identifiers (registry numbers, national ID numbers, gazetteer codes, phone numbers) are
//! shown exactly as stored, never with Khmer digits, so that what a person reads is what they
//! can type into the search box.

use std::collections::BTreeMap;

use askama::Template;

use crate::i18n::{self, Lang};
use crate::pages::Shell;

/// One option of a `<select>` (or of a group of radio buttons).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    /// What the form sends (a code, an id; `""` for "any").
    pub value: String,
    /// What a person reads, already translated.
    pub label: String,
    /// Whether this option is the current one.
    pub selected: bool,
}

impl Choice {
    /// A choice of `value` shown as `label`.
    pub fn new(value: impl Into<String>, label: impl Into<String>, selected: bool) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
            selected,
        }
    }
}

/// The "any" choice that heads each filter of the worker list: value `""`, label "Any".
pub fn any_choice(lang: Lang, selected: bool) -> Choice {
    Choice::new("", i18n::t(lang, "workers-filter-any"), selected)
}

/// Choices for `codes`, labelled by `label` (such as `|code| status_label(lang, code)`), the one
/// equal to `selected` marked as selected.
pub fn code_choices(codes: &[&str], selected: &str, label: impl Fn(&str) -> String) -> Vec<Choice> {
    codes
        .iter()
        .map(|&code| Choice::new(code, label(code), code == selected))
        .collect()
}

/// The statuses of a worker record, as the api codes them.
pub const STATUS_CODES: [&str; 4] = ["active", "inactive", "left_workforce", "deceased"];
/// The workforce categories (workforce_categories.csv).
pub const CATEGORY_CODES: [&str; 4] = [
    "professional_social_worker",
    "para_professional",
    "para_social_worker",
    "allied_worker",
];
/// The sexes a worker record knows.
pub const SEX_CODES: [&str; 2] = ["female", "male"];
/// The kinds of employment of a posting.
pub const EMPLOYMENT_TYPE_CODES: [&str; 3] = ["civil_servant", "contract", "volunteer"];
/// The rule codes [`field_error`] has a sentence for (any other gets a generic one).
pub const FIELD_ERROR_RULES: [&str; 12] = [
    "required",
    "format",
    "too_long",
    "one_of",
    "out_of_range",
    "date",
    "script",
    "check_digit",
    "exists",
    "duplicate",
    "overlap",
    "after_start",
];
/// The fields of the worker form, in the order they are shown.
pub const WORKER_FIELDS: [&str; 10] = [
    "family_name_km",
    "given_name_km",
    "family_name_latin",
    "given_name_latin",
    "sex",
    "birth_date",
    "national_id",
    "phone",
    "email",
    "category",
];
/// The fields of the first posting, shown only when a worker is registered.
pub const POSTING_FIELDS: [&str; 6] = [
    "organization_id",
    "duty_station_code",
    "position_title",
    "focal_point",
    "employment_type",
    "posting_start_date",
];

/// The catalogue key `{prefix}-{code}`, with `_` written as `-`.
fn code_key(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace('_', "-"))
}

/// The label of `code` under `prefix`, or the code itself when the catalogue has none.
pub(crate) fn code_label(lang: Lang, prefix: &str, code: &str) -> String {
    let key = code_key(prefix, code);
    if i18n::has_message(Lang::En, &key) {
        i18n::t(lang, &key)
    } else {
        code.to_owned()
    }
}

/// The translated status of a worker record (`active`, `inactive`, `left_workforce`,
/// `deceased`); an unknown code is shown as it is.
pub fn status_label(lang: Lang, code: &str) -> String {
    code_label(lang, "status", code)
}

/// The translated workforce category (`professional_social_worker`, `para_professional`,
/// `para_social_worker`, `allied_worker`); an unknown code is shown as it is.
pub fn category_label(lang: Lang, code: &str) -> String {
    code_label(lang, "category", code)
}

/// The translated sex (`female`, `male`); an unknown code is shown as it is.
pub fn sex_label(lang: Lang, code: &str) -> String {
    code_label(lang, "sex", code)
}

/// The translated kind of employment (`civil_servant`, `contract`, `volunteer`); an unknown code
/// is shown as it is.
pub fn employment_type_label(lang: Lang, code: &str) -> String {
    code_label(lang, "employment", code)
}

/// The sentence for a broken rule, given by its code (`required`, `too_long`, `after_start`, ...;
/// see [`FIELD_ERROR_RULES`]); any other code gets "This is not valid." The sentence does not
/// name the field: the form shows it under the field, and the error summary puts the field's
/// label in front of it.
pub fn field_error(lang: Lang, rule: &str) -> String {
    let key = code_key("field-error", rule);
    if FIELD_ERROR_RULES.contains(&rule) && i18n::has_message(Lang::En, &key) {
        i18n::t(lang, &key)
    } else {
        i18n::t(lang, "field-error-invalid")
    }
}

/// The label of a field of the worker form ([`WORKER_FIELDS`], [`POSTING_FIELDS`]), such as
/// "Family name in Khmer" for `family_name_km`; any other field name is returned as it is.
/// Handy for naming a column in an import report.
pub fn field_label(lang: Lang, field: &str) -> String {
    if WORKER_FIELDS.contains(&field) || POSTING_FIELDS.contains(&field) {
        i18n::t(lang, &code_key("field", field))
    } else {
        field.to_owned()
    }
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

inherent_render!(WorkerListPage, WorkerProfilePage, WorkerFormPage, ImportPage);

/// A whole number in `lang`.
fn count(lang: Lang, n: usize) -> String {
    i18n::format_number(lang, u64::try_from(n).unwrap_or(u64::MAX))
}

/// The list of workers (`GET /workers`): a search box, three filters, the matching workers and a
/// link to the next page.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "registry/list.html")]
pub struct WorkerListPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The search box (`q`): a name in Khmer or Latin letters, a registry number or a national ID.
    pub q: String,
    /// The status filter (`status`); the first choice is "any", with value `""`.
    pub statuses: Vec<Choice>,
    /// The category filter (`category`); the first choice is "any", with value `""`.
    pub categories: Vec<Choice>,
    /// The province filter (`province`); the first choice is "any", with value `""`.
    pub provinces: Vec<Choice>,
    /// The workers of this page.
    pub rows: Vec<WorkerRowView>,
    /// The "more workers" link (keyset pagination); `None` on the last page.
    pub next_href: Option<String>,
    /// Whether to show the "Register a worker" link to `/workers/new`.
    pub can_create: bool,
    /// Whether to show the "Import from a file" link to `/workers/import`.
    pub can_import: bool,
    /// How many workers this page shows.
    pub total_shown: usize,
}

impl WorkerListPage {
    /// Whether the search box or a filter is in use (then a "clear" link is shown).
    fn is_filtered(&self) -> bool {
        !self.q.trim().is_empty()
            || [&self.statuses, &self.categories, &self.provinces]
                .iter()
                .any(|choices| choices.iter().any(|c| c.selected && !c.value.is_empty()))
    }

    fn shown(&self) -> String {
        self.shell
            .t_args("workers-shown", &[("count", &count(self.shell.lang, self.total_shown))])
    }
}

/// One worker in a list: the worker list and a profile's possible duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkerRowView {
    /// The worker's page, `/workers/{id}`.
    pub href: String,
    /// The registry number, as stored.
    pub registry_number: String,
    /// The name in Khmer script, family name first.
    pub name_km: Option<String>,
    /// The name in Latin letters, family name first.
    pub name_latin: Option<String>,
    /// The category, already translated.
    pub category: String,
    /// The status, already translated.
    pub status: String,
    /// The status's code (`active`, `inactive`, `left_workforce`, `deceased`): styles the label.
    pub status_code: String,
    /// The current primary posting, formatted as "Position, Organisation, Duty station".
    pub posting: Option<String>,
}

/// A worker's page (`GET /workers/{id}`): identity, contact, category history, postings, a link
/// to the transcript, and the licence section that a later release fills.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "registry/profile.html")]
pub struct WorkerProfilePage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The worker.
    pub worker: WorkerView,
    /// The category history, in the order to show.
    pub categories: Vec<CategorySpanView>,
    /// The postings, in the order to show.
    pub postings: Vec<PostingView>,
    /// Other records that may be the same person.
    pub possible_duplicates: Vec<WorkerRowView>,
    /// Whether to show the "Edit" link to `edit_href`.
    pub can_edit: bool,
    /// The edit form's address, `/workers/{id}/edit`.
    pub edit_href: String,
    /// A one-time notice, already translated (such as "Worker registered"). Shown with the id
    /// `flash` unless the shell has a flash of its own, then with the id `worker-flash`.
    pub flash: Option<String>,
    /// The worker's transcript and progress, `/workers/{id}/transcript`, linked from the
    /// training section (`id="worker-transcript"`); `None` shows "No training records yet."
    pub transcript_href: Option<String>,
}

/// The worker a profile shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkerView {
    /// The registry number, as stored.
    pub registry_number: String,
    /// The name in Khmer script, family name first.
    pub name_km: Option<String>,
    /// The name in Latin letters, family name first.
    pub name_latin: Option<String>,
    /// The sex, already translated.
    pub sex: String,
    /// The date of birth `(year, month, day)`; `None` when the viewer may not see it (shown as
    /// "Not shown to your role").
    pub birth_date: Option<(i32, u32, u32)>,
    /// The national ID number; `None` when not recorded.
    pub national_id: Option<String>,
    /// The phone number; `None` when not recorded.
    pub phone: Option<String>,
    /// The email address; `None` when not recorded.
    pub email: Option<String>,
    /// The current category, already translated.
    pub category: String,
    /// The status, already translated.
    pub status: String,
    /// The status's code (`active`, `inactive`, `left_workforce`, `deceased`).
    pub status_code: String,
    /// `(registry number, href)` of the record this one was merged into, if it was.
    pub merged_into: Option<(String, String)>,
}

impl WorkerView {
    /// The name to head the page with: Khmer, else Latin, else the registry number.
    fn heading(&self) -> &str {
        self.name_km
            .as_deref()
            .or(self.name_latin.as_deref())
            .unwrap_or(&self.registry_number)
    }
}

/// One span of a worker's category history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CategorySpanView {
    /// The category, already translated.
    pub category: String,
    /// The first day `(year, month, day)`.
    pub from: (i32, u32, u32),
    /// The last day; `None` for the current category.
    pub to: Option<(i32, u32, u32)>,
}

/// One posting of a worker to an organisation and a duty station.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingView {
    /// The organisation's name.
    pub organization: String,
    /// The duty station, formatted (such as "Kampong Cham, Batheay").
    pub duty_station: String,
    /// The position title, if any.
    pub position: Option<String>,
    /// Whether the worker is a focal point in this posting.
    pub focal_point: bool,
    /// The kind of employment, already translated.
    pub employment_type: String,
    /// Whether this is the worker's primary posting.
    pub primary: bool,
    /// The first day `(year, month, day)`.
    pub start: (i32, u32, u32),
    /// The last day; `None` while it lasts.
    pub end: Option<(i32, u32, u32)>,
    /// Whether the posting is current.
    pub current: bool,
}

impl WorkerProfilePage {
    fn birth_date(&self) -> Option<String> {
        self.worker.birth_date.map(|date| self.shell.date(date))
    }

    /// "1 March 2020 – 31 May 2024", or "Since 1 March 2020" when `to` is `None`.
    fn period(&self, from: &(i32, u32, u32), to: &Option<(i32, u32, u32)>) -> String {
        let from = self.shell.date(*from);
        match to {
            Some(to) => self.shell.t_args(
                "worker-period-closed",
                &[("from", &from), ("to", &self.shell.date(*to))],
            ),
            None => self.shell.t_args("worker-period-open", &[("from", &from)]),
        }
    }

    fn flash_id(&self) -> &'static str {
        if self.shell.flash.is_some() {
            "worker-flash"
        } else {
            "flash"
        }
    }
}

/// The form to register a worker (`POST /workers`, with the first posting) or to edit one
/// (`POST {action}`, with the hidden `version`).
///
/// Field names, which are also the inputs' ids: [`WORKER_FIELDS`], then, when registering,
/// [`POSTING_FIELDS`]. `focal_point` is a checkbox sending `yes`; `birth_date` and
/// `posting_start_date` are `type="date"` (`YYYY-MM-DD`). The form has `novalidate`: every
/// error comes from the server, in the page's language.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "registry/form.html")]
pub struct WorkerFormPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// `false`: "Register a worker", with the first posting; `true`: "Edit the worker record".
    pub editing: bool,
    /// Where the form posts: `/workers`, or the edit address.
    pub action: String,
    /// Field name -> the value to show (what was typed, or what is stored).
    pub values: BTreeMap<String, String>,
    /// Field name -> its error, already translated (see [`field_error`]). An error on a name not
    /// in the form (such as `version`) is listed in the summary without a link.
    pub errors: BTreeMap<String, String>,
    /// The choices of `sex`, shown as radio buttons. In every list of choices, a choice is
    /// shown selected when it says so or when its value is the field's entry in `values`.
    pub sexes: Vec<Choice>,
    /// The choices of `category`. Selects get a leading "Choose" option with the value `""`
    /// unless the list has an empty value of its own.
    pub categories: Vec<Choice>,
    /// The choices of `employment_type` (first posting).
    pub employment_types: Vec<Choice>,
    /// The choices of `organization_id` (first posting): the organisations the user may post to.
    pub organizations: Vec<Choice>,
    /// The record's version when editing: sent back as the hidden field `version`.
    pub version: Option<i32>,
}

/// How a form field is entered.
#[derive(Debug, Clone)]
enum Control {
    /// An `<input>` of `kind` (`text`, `date`, `tel`, `email`).
    Input {
        kind: &'static str,
        inputmode: Option<&'static str>,
        lang: Option<&'static str>,
    },
    /// A `<select>`.
    Select { choices: Vec<Choice> },
    /// Radio buttons in a fieldset of their own.
    Radios { choices: Vec<Choice> },
    /// A checkbox sending `yes`.
    Checkbox { checked: bool },
}

/// A field of the worker form, ready to show.
#[derive(Debug, Clone)]
struct Field {
    name: &'static str,
    label: String,
    hint: Option<String>,
    /// A link shown after the hint: (href, text).
    hint_link: Option<(&'static str, String)>,
    error: Option<String>,
    value: String,
    control: Control,
}

impl Field {
    /// The value of `aria-describedby`: the hint's and the error's ids, or `""`.
    fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }

    /// The id of a radio button: the field's name for the first (the error summary links to
    /// it), `{name}-{value}` for the others.
    fn radio_id(&self, index: &usize, choice: &Choice) -> String {
        if *index == 0 {
            self.name.to_owned()
        } else {
            format!("{}-{}", self.name, choice.value)
        }
    }
}

/// A group of fields under a legend.
#[derive(Debug, Clone)]
struct Fieldset {
    id: &'static str,
    legend: String,
    fields: Vec<Field>,
}

/// One line of the error summary.
#[derive(Debug, Clone)]
struct SummaryItem {
    /// `#field`, when the error belongs to a field of the form.
    href: Option<String>,
    text: String,
}

impl WorkerFormPage {
    fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// `choices`, with the one matching the field's value also selected.
    fn resolve(&self, name: &str, choices: &[Choice]) -> Vec<Choice> {
        let value = self.value(name);
        choices
            .iter()
            .map(|c| Choice {
                selected: c.selected || (!value.is_empty() && c.value == value),
                ..c.clone()
            })
            .collect()
    }

    fn field(&self, name: &'static str, control: Control) -> Field {
        let lang = self.shell.lang;
        let hint_key = code_key("hint", name);
        Field {
            name,
            label: field_label(lang, name),
            hint: i18n::has_message(Lang::En, &hint_key).then(|| i18n::t(lang, &hint_key)),
            hint_link: None,
            error: self.errors.get(name).cloned(),
            value: self.value(name),
            control,
        }
    }

    fn input(&self, name: &'static str, kind: &'static str) -> Field {
        self.field(
            name,
            Control::Input {
                kind,
                inputmode: None,
                lang: None,
            },
        )
    }

    /// A select of `choices`, headed by a "Choose" option with the value `""` unless the
    /// choices have one of their own.
    fn select(&self, name: &'static str, choices: &[Choice]) -> Field {
        let mut choices = self.resolve(name, choices);
        if !choices.iter().any(|c| c.value.is_empty()) {
            let none_selected = !choices.iter().any(|c| c.selected);
            choices.insert(0, Choice::new("", self.shell.t("form-choose"), none_selected));
        }
        self.field(name, Control::Select { choices })
    }

    /// The fieldsets of the form, in order.
    fn fieldsets(&self) -> Vec<Fieldset> {
        let t = |key: &str| self.shell.t(key);
        let khmer = |name| {
            self.field(
                name,
                Control::Input {
                    kind: "text",
                    inputmode: None,
                    lang: Some("km"),
                },
            )
        };
        let latin = |name| {
            self.field(
                name,
                Control::Input {
                    kind: "text",
                    inputmode: None,
                    lang: Some("en"),
                },
            )
        };
        let mut sets = vec![
            Fieldset {
                id: "fieldset-name-km",
                legend: t("worker-fieldset-name-km"),
                fields: vec![khmer("family_name_km"), khmer("given_name_km")],
            },
            Fieldset {
                id: "fieldset-name-latin",
                legend: t("worker-fieldset-name-latin"),
                fields: vec![latin("family_name_latin"), latin("given_name_latin")],
            },
            Fieldset {
                id: "fieldset-identity",
                legend: t("worker-fieldset-identity"),
                fields: vec![
                    self.field(
                        "sex",
                        Control::Radios {
                            choices: self.resolve("sex", &self.sexes),
                        },
                    ),
                    self.input("birth_date", "date"),
                    self.input("national_id", "text"),
                ],
            },
            Fieldset {
                id: "fieldset-contact",
                legend: t("worker-fieldset-contact"),
                fields: vec![self.input("phone", "tel"), self.input("email", "email")],
            },
            Fieldset {
                id: "fieldset-category",
                legend: t("worker-fieldset-category"),
                fields: vec![self.select("category", &self.categories)],
            },
        ];
        if !self.editing {
            let mut duty_station = self.field(
                "duty_station_code",
                Control::Input {
                    kind: "text",
                    inputmode: Some("numeric"),
                    lang: None,
                },
            );
            duty_station.hint_link = Some(("/about#data-sources", t("hint-duty-station-code-link")));
            let focal_point = self.field(
                "focal_point",
                Control::Checkbox {
                    checked: matches!(self.value("focal_point").as_str(), "yes" | "on" | "true"),
                },
            );
            sets.push(Fieldset {
                id: "fieldset-posting",
                legend: t("worker-fieldset-posting"),
                fields: vec![
                    self.select("organization_id", &self.organizations),
                    duty_station,
                    self.input("position_title", "text"),
                    focal_point,
                    self.select("employment_type", &self.employment_types),
                    self.input("posting_start_date", "date"),
                ],
            });
        }
        sets
    }

    /// The error summary: the form's fields in order, then errors on names the form does not
    /// show.
    fn summary(&self) -> Vec<SummaryItem> {
        let shown: Vec<&str> = if self.editing {
            WORKER_FIELDS.to_vec()
        } else {
            WORKER_FIELDS.iter().chain(POSTING_FIELDS.iter()).copied().collect()
        };
        let lang = self.shell.lang;
        let item = |name: &str, message: &str| {
            let label = field_label(lang, name);
            self.shell
                .t_args("form-error-item", &[("field", &label), ("message", message)])
        };
        let mut items: Vec<SummaryItem> = shown
            .iter()
            .filter_map(|&name| {
                self.errors.get(name).map(|message| SummaryItem {
                    href: Some(format!("#{name}")),
                    text: item(name, message),
                })
            })
            .collect();
        items.extend(
            self.errors
                .iter()
                .filter(|(name, _)| !shown.contains(&name.as_str()))
                .map(|(name, message)| SummaryItem {
                    href: None,
                    text: if name.is_empty() || name == "version" {
                        message.clone()
                    } else {
                        item(name, message)
                    },
                }),
        );
        items
    }

    fn title(&self) -> String {
        self.shell.t(if self.editing {
            "worker-form-edit-title"
        } else {
            "worker-form-create-title"
        })
    }

    /// Where "Cancel" leads: the worker's page (the edit address without `/edit`), else the
    /// list.
    fn cancel_href(&self) -> &str {
        if self.editing {
            self.action.strip_suffix("/edit").unwrap_or("/workers")
        } else {
            "/workers"
        }
    }
}

/// The import page (`GET /workers/import`, and the answer to `POST /workers/import`): the upload
/// form and, after a check, its report.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "registry/import.html")]
pub struct ImportPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The template to download, `/api/v1/imports/workers/template.csv`.
    pub template_href: String,
    /// The report of the last check or import, if any.
    pub report: Option<ImportReportView>,
    /// Why the file could not be checked, already translated (such as "Choose a file").
    pub error: Option<String>,
}

/// What a check (dry run) or an import found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReportView {
    /// `true` for a check that saved nothing; `false` once the import is committed.
    pub dry_run: bool,
    /// The uploaded file's name.
    pub file_name: String,
    /// Rows in the file (without the header).
    pub rows_total: usize,
    /// Rows without problems.
    pub rows_valid: usize,
    /// New workers: to be registered (dry run) or registered.
    pub rows_created: usize,
    /// Rows whose worker is already in the registry: nothing new is created for them.
    pub rows_existing: usize,
    /// The problems, one per row and column.
    pub problems: Vec<ImportProblemView>,
    /// The per-row report as CSV, if there is one.
    pub report_csv_href: Option<String>,
    /// When the check found no problems: sent as the hidden field `import_id` of the
    /// "Commit the import" form (`POST /workers/import/commit`).
    pub commit_token: Option<String>,
}

/// One problem of an import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportProblemView {
    /// The row in the file, as a spreadsheet numbers it.
    pub row: usize,
    /// The column's name (see [`field_label`]).
    pub column: String,
    /// What is wrong, already translated (see [`field_error`]).
    pub problem: String,
}

impl ImportPage {
    fn count(&self, n: &usize) -> String {
        count(self.shell.lang, *n)
    }

    /// A row number, without grouping (as a spreadsheet shows it).
    fn row_number(&self, row: &usize) -> String {
        i18n::localize_digits(self.shell.lang, &row.to_string())
    }
}

#[cfg(test)]
mod tests;
