//! The training pages: the catalogue of modules and qualifications (`/training`), a cohort with
//! its results grid (`/cohorts/{id}`), and a worker's transcript and progress
//! (`/workers/{id}/transcript`).
//!
//! Like [`crate::pages`], every page carries a [`Shell`] and takes its sentences from the
//! catalogues. What a handler passes in (titles, levels, ways credit was earned, reasons, error
//! sentences, flashes) is expected to be translated already; the helpers here
//! ([`qualification_level_label`], [`credit_source_label`], [`ineligibility_sentence`],
//! [`results_error`], [`progress_percent`]) do that from the domain's codes and values.
//!
//! Amounts of credit arrive as the api writes them (`"3.5"`, already rounded down to one decimal
//! place) and are shown as the page's language writes decimals (`៣,៥` in Khmer); hours, scores,
//! versions and dates in Khmer digits in the Khmer pages. Codes (of modules and qualifications)
//! and registry numbers are shown exactly as stored. Form values (the date and the scores) keep
//! ASCII digits, as browsers send them.

use askama::Template;

use domain::{Credits, Ineligibility, QualificationLevel};

use crate::i18n::{self, Lang};
use crate::pages::Shell;
use crate::registry::{code_label, status_label};

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

inherent_render!(CataloguePage, CohortPage, TranscriptPage, CohortListPage);

// ---------------------------------------------------------------------------------------------
// Labels the api needs
// ---------------------------------------------------------------------------------------------

/// The translated level of a qualification given by its code (`cqf-1` to `cqf-8`, `allied`; see
/// [`QualificationLevel::as_str`]): "CQF level 1 — Vocational Certificate"; an unknown code is
/// shown as it is.
pub fn qualification_level_label(lang: Lang, code: &str) -> String {
    code_label(lang, "level", code)
}

/// The translated way credit was earned (`completion`, `rpl`, `rcc`, `transfer`; see
/// [`domain::CreditSource::as_str`]); an unknown code is shown as it is.
pub fn credit_source_label(lang: Lang, code: &str) -> String {
    code_label(lang, "credit-via", code)
}

/// Why a qualification is not (yet) earned, as a sentence in `lang`: the domain's
/// [`Ineligibility`], with its amounts, modules, level, date and status written as the
/// language writes them.
pub fn ineligibility_sentence(lang: Lang, reason: &Ineligibility) -> String {
    match reason {
        Ineligibility::NotEnoughCredits { earned, minimum } => i18n::t_args(
            lang,
            "ineligible-not-enough-credits",
            &[
                ("earned", &i18n::format_decimal(lang, &earned.display_rounded())),
                ("minimum", &i18n::format_decimal(lang, &minimum.display_rounded())),
            ],
        ),
        Ineligibility::RequiredModulesMissing { modules } => {
            let codes: Vec<&str> = modules.iter().map(|module| module.as_str()).collect();
            i18n::t_args(
                lang,
                "ineligible-required-modules-missing",
                &[("modules", &codes.join(", "))],
            )
        }
        Ineligibility::ProviderNotAccredited { level, on } => {
            let date = on.to_string();
            let date = parse_ymd(&date).map_or(date, |ymd| i18n::format_date(lang, ymd));
            i18n::t_args(
                lang,
                "ineligible-provider-not-accredited",
                &[("level", &level_label(lang, *level)), ("date", &date)],
            )
        }
        Ineligibility::WorkerNotActive { status } => i18n::t_args(
            lang,
            "ineligible-worker-not-active",
            &[("status", &status_label(lang, status.as_str()))],
        ),
    }
}

fn level_label(lang: Lang, level: QualificationLevel) -> String {
    qualification_level_label(lang, level.as_str())
}

/// `YYYY-MM-DD` as `(year, month, day)`.
fn parse_ymd(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

/// How far `earned` goes toward `minimum`, in whole percent rounded down, at most 100: the
/// value of [`ProgressView::percent`]. A minimum of zero is reached at once (100).
pub fn progress_percent(earned: Credits, minimum: Credits) -> u8 {
    if minimum == Credits::ZERO {
        return 100;
    }
    let percent = u128::from(earned.ninetieths()) * 100 / u128::from(minimum.ninetieths());
    u8::try_from(percent.min(100)).unwrap_or(100)
}

/// The rule codes [`results_error`] has a sentence for (any other gets a generic one).
pub const RESULTS_ERROR_RULES: [&str; 5] = [
    "result",
    "score_range",
    "score_without_result",
    "not_enrolled",
    "not_in_qualification",
];

/// One line of the results grid's error summary: "Row 3 (KL-2026-000017), VC-101: the score
/// must be a whole number from 0 to 100". `row` counts the grid's rows from 1; `trainee` is
/// the registry number (or the name); `rule` is one of [`RESULTS_ERROR_RULES`]:
///
/// - `result`: the result is not pass, fail or empty;
/// - `score_range`: the score is not a whole number from 0 to 100;
/// - `score_without_result`: a score is given without a result;
/// - `not_enrolled`: the worker is not a trainee of the cohort;
/// - `not_in_qualification`: the module is not one of the cohort's.
pub fn results_error(lang: Lang, row: usize, trainee: &str, module: &str, rule: &str) -> String {
    let key = format!("results-error-{}", rule.replace('_', "-"));
    let message = if RESULTS_ERROR_RULES.contains(&rule) && i18n::has_message(Lang::En, &key) {
        i18n::t(lang, &key)
    } else {
        i18n::t(lang, "results-error-invalid")
    };
    i18n::t_args(
        lang,
        "results-error-item",
        &[
            ("row", &i18n::localize_digits(lang, &row.to_string())),
            ("trainee", trainee),
            ("module", module),
            ("message", &message),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// The catalogue: /training
// ---------------------------------------------------------------------------------------------

/// One module of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogueModuleView {
    /// The module's code, such as `VC-101`, as stored.
    pub code: String,
    /// The title, already in the page's language.
    pub title: String,
    /// Hours of instruction (15 make a credit).
    pub hours_instruction: u32,
    /// Hours of laboratory or workshop (30 make a credit).
    pub hours_laboratory: u32,
    /// Hours of field work or internship (45 make a credit).
    pub hours_field: u32,
    /// The credits, as the api writes them (`"3.5"`), already rounded down.
    pub credits: String,
    /// The provider's name.
    pub provider: String,
}

/// One qualification (one version of it) of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogueQualificationView {
    /// The qualification's code, as stored.
    pub code: String,
    /// Its version.
    pub version: i32,
    /// The title, already in the page's language.
    pub title: String,
    /// The level, already translated (see [`qualification_level_label`]).
    pub level: String,
    /// The minimum credits, as the api writes them (`"30"`).
    pub minimum_credits: String,
    /// The codes of the required modules, in order.
    pub required: Vec<String>,
    /// The codes of the elective modules, in order.
    pub elective: Vec<String>,
}

/// The catalogue (`GET /training`): the modules with their hours by delivery mode and their
/// credits, the qualifications with their modules, and the credit rule.
///
/// ids: `credit-rule`, `modules` (the table; each module's row `module-{code}`, which the
/// qualifications link to), `qualifications` (the table; each row `qualification-{code}-{version}`).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "training/catalogue.html")]
pub struct CataloguePage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The modules, in the order to show.
    pub modules: Vec<CatalogueModuleView>,
    /// The qualifications, in the order to show.
    pub qualifications: Vec<CatalogueQualificationView>,
}

impl CataloguePage {
    fn hours(&self, hours: &u32) -> String {
        self.shell.number(&u64::from(*hours))
    }

    fn version(&self, version: &i32) -> String {
        self.shell.t_args(
            "training-version",
            &[("version", &self.shell.digits(&version.to_string()))],
        )
    }

    /// Whether the catalogue lists a module of this code (then its code links to its row).
    fn has_module(&self, code: &str) -> bool {
        self.modules.iter().any(|module| module.code == code)
    }
}

// ---------------------------------------------------------------------------------------------
// A cohort and its results grid: /cohorts/{id}
// ---------------------------------------------------------------------------------------------

/// One cell of the results grid: one trainee's result in one module.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CohortCellView {
    /// The module (the grid's column).
    pub module_code: String,
    /// `""` (not assessed), `pass` or `fail`.
    pub result: String,
    /// `""` or the score's digits (0 to 100).
    pub score: String,
}

/// One trainee of a cohort: a row of the results grid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CohortRowView {
    /// The worker's id, as the form's field names carry it.
    pub worker_id: String,
    /// The registry number, as stored.
    pub registry_number: String,
    /// The name to show.
    pub name: String,
    /// The trainee's cells, matched to the columns by `module_code`: a column without a cell
    /// shows an empty one (not assessed), a cell of no column is not shown.
    pub cells: Vec<CohortCellView>,
}

/// A cohort (`GET /cohorts/{id}`, and the answer to a `POST /cohorts/{id}/results` with
/// errors): its facts and the results grid.
///
/// The grid is a form (`id="results-form"`, `method="post"`,
/// `action="/cohorts/{cohort_id}/results"`) sending `assessed_on` (`YYYY-MM-DD`) and, for every
/// trainee and every module, `result:{worker_id}:{module_code}` (`""`, `pass` or `fail`) and
/// `score:{worker_id}:{module_code}` (`""` or a whole number 0 to 100). Every cell is sent,
/// assessed or not. Without `can_record`, the grid shows the results as text, without a form.
///
/// ids: `results-form`, `assessed_on`, `results-grid` (the table), `results-submit`,
/// `results-errors` (the error summary, `role="alert"`), `flash` (or `cohort-flash` when the
/// shell has a flash of its own).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "training/cohort.html")]
pub struct CohortPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The cohort's id, as its address carries it.
    pub cohort_id: String,
    /// The cohort's name.
    pub name: String,
    /// The qualification it trains for, already formatted (title, code, version).
    pub qualification: String,
    /// Its dates, already formatted.
    pub dates: String,
    /// The grid's columns: `(code, title)` of each module, in order.
    pub modules: Vec<(String, String)>,
    /// The grid's rows: the trainees, in order.
    pub rows: Vec<CohortRowView>,
    /// The value of the date input `assessed_on` (`YYYY-MM-DD`).
    pub assessed_on: String,
    /// Whether the user may record results (then the grid is a form).
    pub can_record: bool,
    /// What is wrong with the last submission, already translated, one sentence a cell (see
    /// [`results_error`]). Nothing was recorded.
    pub errors: Vec<String>,
    /// A one-time notice, already translated (such as "12 results recorded.").
    pub flash: Option<String>,
    /// What is wrong with the last uploaded results file, by spreadsheet row and column (the
    /// problems as the api words them). Nothing was recorded.
    pub upload_problems: Vec<UploadProblemView>,
    /// Why the last upload could not be read at all (no file, not CSV or XLSX), translated.
    pub upload_error: Option<String>,
}

/// A problem of an uploaded results file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadProblemView {
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    /// The column: `registry_number`, a module code, or `file`.
    pub column: String,
    /// What to fix.
    pub problem: String,
}

/// A trainee's row of the grid, ready to show.
#[derive(Debug, Clone)]
struct GridRow {
    name: String,
    registry_number: String,
    cells: Vec<GridCell>,
}

/// A cell of the grid, ready to show.
#[derive(Debug, Clone)]
struct GridCell {
    /// `result:{worker_id}:{module_code}`.
    result_name: String,
    /// `score:{worker_id}:{module_code}`.
    score_name: String,
    /// `result-{row}-{column}`, counted from 1.
    result_id: String,
    /// `score-{row}-{column}`, counted from 1.
    score_id: String,
    /// The visually hidden labels, naming the trainee and the module.
    result_label: String,
    score_label: String,
    /// `""`, `pass` or `fail` (anything else is shown as not assessed).
    result: String,
    /// `""` or digits, as sent back in the form.
    score: String,
}

impl GridCell {
    fn is(&self, result: &str) -> bool {
        self.result == result
    }

    fn is_not_assessed(&self) -> bool {
        !matches!(self.result.as_str(), "pass" | "fail")
    }
}

impl CohortPage {
    /// The grid's rows, each with one cell a column, in the columns' order.
    fn grid(&self) -> Vec<GridRow> {
        self.rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let trainee = if row.registry_number.is_empty() {
                    row.name.clone()
                } else {
                    format!("{} ({})", row.name, row.registry_number)
                };
                let cells = self
                    .modules
                    .iter()
                    .enumerate()
                    .map(|(c, (code, title))| {
                        let cell = row.cells.iter().find(|cell| &cell.module_code == code);
                        let module = if title.is_empty() {
                            code.clone()
                        } else {
                            format!("{code} {title}")
                        };
                        let args = [("trainee", trainee.as_str()), ("module", module.as_str())];
                        GridCell {
                            result_name: format!("result:{}:{code}", row.worker_id),
                            score_name: format!("score:{}:{code}", row.worker_id),
                            result_id: format!("result-{}-{}", r + 1, c + 1),
                            score_id: format!("score-{}-{}", r + 1, c + 1),
                            result_label: self.shell.t_args("results-label-result", &args),
                            score_label: self.shell.t_args("results-label-score", &args),
                            result: cell.map(|cell| cell.result.clone()).unwrap_or_default(),
                            score: cell.map(|cell| cell.score.clone()).unwrap_or_default(),
                        }
                    })
                    .collect();
                GridRow {
                    name: row.name.clone(),
                    registry_number: row.registry_number.clone(),
                    cells,
                }
            })
            .collect()
    }

    fn action(&self) -> String {
        format!("/cohorts/{}/results", self.cohort_id)
    }

    /// A cell as text, for a user who may not record: "Pass · 85", "Fail", "Not assessed".
    fn cell_text(&self, cell: &GridCell) -> String {
        let result = match cell.result.as_str() {
            "pass" => self.shell.t("results-pass"),
            "fail" => self.shell.t("results-fail"),
            _ => return self.shell.t("results-not-assessed"),
        };
        if cell.score.is_empty() {
            result
        } else {
            format!("{result} · {}", self.shell.digits(&cell.score))
        }
    }

    fn flash_id(&self) -> &'static str {
        if self.shell.flash.is_some() {
            "cohort-flash"
        } else {
            "flash"
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A worker's transcript and progress: /workers/{id}/transcript
// ---------------------------------------------------------------------------------------------

/// One module on a transcript.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TranscriptModuleView {
    /// The module's code, as stored.
    pub code: String,
    /// The title, already in the page's language.
    pub title: String,
    /// The credit it counts for, as the api writes it (`"3.5"`), already rounded down.
    pub credits: String,
    /// How it was earned, already translated (see [`credit_source_label`]).
    pub via: String,
    /// When `(year, month, day)`.
    pub on: (i32, u32, u32),
}

/// A worker's progress toward one qualification.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgressView {
    /// The qualification, already formatted (title, code, version).
    pub qualification: String,
    /// The credits earned toward it, as the api writes them (`"12.5"`), rounded down.
    pub earned: String,
    /// Its minimum credits (`"30"`).
    pub minimum: String,
    /// How full the bar is, 0 to 100 (see [`progress_percent`]); more is shown as 100.
    pub percent: u8,
    /// Whether the qualification's requirements are met.
    pub eligible: bool,
    /// Why not, when not: already translated (see [`ineligibility_sentence`]).
    pub reasons: Vec<String>,
}

/// A worker's transcript (`GET /workers/{id}/transcript`): every module credited, once, the
/// total, and the progress toward each qualification.
///
/// ids: `transcript` (the table), `transcript-total`, `progress-{index}` (one section a
/// qualification, counted from 0, with its bar `progress-{index}-bar`).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "training/transcript.html")]
pub struct TranscriptPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The worker's name.
    pub worker_name: String,
    /// The worker's registry number, as stored.
    pub registry_number: String,
    /// The worker's page, `/workers/{id}`.
    pub worker_href: String,
    /// The credited modules, in the order to show.
    pub modules: Vec<TranscriptModuleView>,
    /// The total credit, as the api writes it (`"15.5"`).
    pub total: String,
    /// The progress toward each qualification, in the order to show.
    pub progress: Vec<ProgressView>,
}

impl TranscriptPage {
    fn total(&self) -> String {
        self.shell
            .t_args("transcript-total", &[("total", &self.shell.decimal(&self.total))])
    }

    fn date(&self, on: &(i32, u32, u32)) -> String {
        self.shell.date(*on)
    }

    fn percent(&self, progress: &ProgressView) -> u8 {
        progress.percent.min(100)
    }

    fn percent_text(&self, progress: &ProgressView) -> String {
        let percent = self.shell.number(&u64::from(self.percent(progress)));
        self.shell.t_args("progress-percent", &[("percent", &percent)])
    }

    /// "12.5 of 30 credits".
    fn credits_text(&self, progress: &ProgressView) -> String {
        self.shell.t_args(
            "progress-credits",
            &[
                ("earned", &self.shell.decimal(&progress.earned)),
                ("minimum", &self.shell.decimal(&progress.minimum)),
            ],
        )
    }
}

#[cfg(test)]
mod tests;

/// The cohorts a user may see (`/cohorts`): a registrar's own provider's, everyone's for the
/// other staff roles; each links to its page with the results grid.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "training/cohorts.html")]
pub struct CohortListPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The cohorts, latest first.
    pub rows: Vec<CohortListRow>,
}

/// A cohort in the list, ready to show.
#[derive(Debug, Clone, Default)]
pub struct CohortListRow {
    /// `/cohorts/{id}`.
    pub href: String,
    pub name: String,
    /// The qualification, already formatted.
    pub qualification: String,
    /// The dates, already formatted.
    pub dates: String,
    /// How many trainees are enrolled.
    pub trainees: u64,
    /// The provider's name.
    pub provider: String,
}
