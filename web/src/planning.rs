//! The planners' pages: the dashboard of indicators (`/planning`), with a table and a bar chart
//! of one indicator at one admin level for one year and a drill-down from province to district to
//! commune, and the training against the plan's targets (`/planning/targets`).
//!
//! Planners see aggregates only: every row is an admin unit (or a target), never a person.
//! Both pages work without JavaScript: the choices are a GET form, the drill-down plain links,
//! and the chart an inline SVG drawn on the server by [`bar_chart_svg`], which escapes every
//! label itself (the only output a template shows unescaped).
//!
//! Like [`crate::pages`], every page carries a [`Shell`] and takes its sentences from the
//! catalogues; the helpers here ([`indicator_label`], [`level_label`], [`indicator_choices`],
//! [`level_choices`], [`year_choices`], [`dashboard_title`], [`IndicatorRowView::from_statistic`],
//! [`TargetRowView::new`]) build what the api passes in from the domain's values. Values arrive
//! as the domain writes them (`"59.6"`, `"1240"`) and are shown as the page's language writes
//! numbers (Khmer digits in Khmer).

use askama::Template;

use domain::planning::{AdminLevel, Indicator, IndicatorUnit, PlanTarget, StatisticRow, progress_against_target};

use crate::i18n::{self, Lang};
use crate::pages::Shell;
use crate::registry::{Choice, code_label};
use crate::training::qualification_level_label;

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

inherent_render!(DashboardPage, PlanningTargetsPage);

/// What an empty cell of the tables shows (a dash, so that a stacked row on a phone does not
/// leave its label dangling).
const NONE: &str = "—";

/// The dashboard's address.
pub const DASHBOARD_PATH: &str = "/planning";
/// The targets page's address.
pub const TARGETS_PATH: &str = "/planning/targets";
/// The most bars a chart draws; with more rows (all the communes of the country), the page shows
/// the table alone and asks to narrow the choice.
pub const MAX_CHART_BARS: usize = 60;

// ---------------------------------------------------------------------------------------------
// Labels and choices the api needs
// ---------------------------------------------------------------------------------------------

/// The translated name of an indicator given by its code ([`Indicator::code`]); an unknown code
/// is shown as it is.
pub fn indicator_label(lang: Lang, code: &str) -> String {
    code_label(lang, "planning-indicator", code)
}

/// The translated name of an admin level given by its code ([`AdminLevel::code`]) as the level
/// select shows it ("Whole country", "By province", ...); an unknown code is shown as it is.
pub fn level_label(lang: Lang, code: &str) -> String {
    code_label(lang, "planning-level", code)
}

/// The indicator select's options, every [`Indicator`], `selected` marked.
pub fn indicator_choices(lang: Lang, selected: Indicator) -> Vec<Choice> {
    Indicator::ALL
        .iter()
        .map(|indicator| {
            Choice::new(
                indicator.code(),
                indicator_label(lang, indicator.code()),
                *indicator == selected,
            )
        })
        .collect()
}

/// The level select's options: from the whole country down to the finest level `indicator` is
/// counted at ([`Indicator::finest_level`]), `selected` marked.
pub fn level_choices(lang: Lang, indicator: Indicator, selected: AdminLevel) -> Vec<Choice> {
    AdminLevel::ALL
        .iter()
        .filter(|level| **level <= indicator.finest_level())
        .map(|level| Choice::new(level.code(), level_label(lang, level.code()), *level == selected))
        .collect()
}

/// The year select's options, in the order given, labelled with the language's digits.
pub fn year_choices(lang: Lang, years: impl IntoIterator<Item = i32>, selected: i32) -> Vec<Choice> {
    years
        .into_iter()
        .map(|year| {
            Choice::new(
                year.to_string(),
                i18n::localize_digits(lang, &year.to_string()),
                year == selected,
            )
        })
        .collect()
}

/// The dashboard's address for a choice: `/planning?indicator=...&level=...&year=...` and
/// `&parent=...` when the rows are the units within `parent` (drill-down). Codes are ASCII
/// letters, digits and underscores; anything else in them is percent-encoded.
pub fn dashboard_href(indicator: &str, level: &str, year: i32, parent: Option<&str>) -> String {
    let mut href = format!(
        "{DASHBOARD_PATH}?indicator={}&level={}&year={year}",
        query_value(indicator),
        query_value(level)
    );
    if let Some(parent) = parent {
        href.push_str("&parent=");
        href.push_str(&query_value(parent));
    }
    href
}

/// The drill-down of a unit: the dashboard of the same indicator and year showing the units
/// within `admin_code`, one level down; `None` below the indicator's finest level or for a code
/// that is not a unit's.
pub fn drill_down_href(indicator: Indicator, admin_code: &str, year: i32) -> Option<String> {
    let child = AdminLevel::of_code(admin_code)?.child()?;
    (child <= indicator.finest_level()).then(|| dashboard_href(indicator.code(), child.code(), year, Some(admin_code)))
}

/// Percent-encodes everything but ASCII letters, digits, `-`, `_` and `.`.
fn query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The dashboard's heading: the indicator, the place (when drilled down) and the year, such as
/// "Workers per 100,000 children · Kandal · 2025" (the year in the language's digits).
pub fn dashboard_title(lang: Lang, indicator: Indicator, place: Option<&str>, year: i32) -> String {
    let mut parts = vec![indicator_label(lang, indicator.code())];
    parts.extend(place.map(str::to_owned));
    parts.push(i18n::localize_digits(lang, &year.to_string()));
    parts.join(" · ")
}

// ---------------------------------------------------------------------------------------------
// The dashboard: /planning
// ---------------------------------------------------------------------------------------------

/// One admin unit's figure in the dashboard's table and chart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndicatorRowView {
    /// The unit's gazetteer code (`KH`, `12`, `1201`, `120101`), shown as it is.
    pub admin_code: String,
    /// The unit's name, in the page's language.
    pub name: String,
    /// The drill-down to the units within this one ([`drill_down_href`]); `None` at the finest
    /// level.
    pub href: Option<String>,
    /// The value as the domain writes it (`"123"`, `"59.6"`, `"37.5"`); `None` when it cannot be
    /// computed (see `flag`).
    pub value: Option<String>,
    /// What was counted: workers for a rate, communes covered for CCWC coverage.
    pub numerator: Option<u64>,
    /// What it was divided by, as digits (`"5400000"`): the population for a rate, the communes
    /// for a share.
    pub denominator: Option<String>,
    /// The year of the population figure of a rate.
    pub denominator_year: Option<i32>,
    /// `""`, `stale`, `missing` or `zero` ([`domain::planning::RateFlag::code`]).
    pub flag: String,
}

impl IndicatorRowView {
    /// The row of a figure computed by the domain, for the unit `name` (see
    /// [`drill_down_href`] for `href`).
    pub fn from_statistic(row: &StatisticRow, name: impl Into<String>, href: Option<String>) -> IndicatorRowView {
        IndicatorRowView {
            admin_code: row.admin_code.clone(),
            name: name.into(),
            href,
            value: row.value.clone(),
            numerator: row.numerator,
            denominator: row.denominator.map(|n| n.to_string()),
            denominator_year: row.denominator_year,
            flag: row.flag.code().to_owned(),
        }
    }

    /// Whether the row carries a flag the page explains.
    fn is_flagged(&self) -> bool {
        matches!(self.flag.as_str(), "stale" | "missing" | "zero")
    }
}

/// One line of the legend under the table: the marker as the rows show it and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LegendEntry {
    /// `stale`, `missing` or `zero`.
    flag: &'static str,
    marker: String,
    text: String,
}

/// The planners' dashboard (`GET /planning?indicator=&level=&year=&parent=`): one indicator at
/// one admin level for one year, as a bar chart and a table whose unit names drill down.
///
/// The form (`planning-form`, `method="get"`, `action="/planning"`) has the selects
/// `planning-indicator` (`name="indicator"`), `planning-level` (`name="level"`) and
/// `planning-year` (`name="year"`), a hidden `parent` while drilled down, and the button
/// `planning-submit`. The api ignores `parent` unless it lies above `level`.
///
/// ids: `planning-breadcrumb`, `planning-as-of`, `planning-note`, `planning-csv`,
/// `planning-dhis2`, `planning-chart` (the `<svg>`), `planning-chart-too-many`,
/// `planning-table` (each row `unit-{code}`, with `data-flag` when flagged),
/// `planning-legend`, `planning-none`, `planning-targets-link`.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "planning/dashboard.html")]
pub struct DashboardPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The indicator select's options ([`indicator_choices`]).
    pub indicators: Vec<Choice>,
    /// The level select's options ([`level_choices`]).
    pub levels: Vec<Choice>,
    /// The year select's options ([`year_choices`]).
    pub years: Vec<Choice>,
    /// The admin code the rows lie within, when drilled down (kept by the form).
    pub parent: Option<String>,
    /// The date the figures hold on, `YYYY-MM-DD` (shown as the language writes dates).
    pub as_of: String,
    /// When the figures were counted from the registry, `HH:MM` in Cambodia's time.
    pub computed_at: String,
    /// Where the rows lie, from the country down: `(label, href)`; the last is the current
    /// place (shown without a link). Shown once there are two places or more (drilled down).
    pub breadcrumb: Vec<(String, String)>,
    /// The heading, already translated ([`dashboard_title`]).
    pub title: String,
    /// The indicator's unit: `count`, `per_100k` or `percent` ([`IndicatorUnit::code`]).
    pub unit: String,
    /// One row per admin unit.
    pub rows: Vec<IndicatorRowView>,
    /// How many years old a population figure may be before it is flagged (shown in the legend).
    pub stale_after_years: u32,
    /// The CSV export of the same figures.
    pub csv_href: String,
    /// The DHIS2 `dataValueSets` export of the same figures.
    pub dhis2_href: String,
    /// A sentence to show above the figures, already translated.
    pub note: Option<String>,
}

impl DashboardPage {
    /// The selected indicator, if the choices mark a known one.
    fn indicator(&self) -> Option<Indicator> {
        self.indicators
            .iter()
            .find(|choice| choice.selected)
            .and_then(|choice| choice.value.parse().ok())
    }

    fn is_rate(&self) -> bool {
        self.unit == IndicatorUnit::Per100k.code()
    }

    fn is_share(&self) -> bool {
        self.unit == IndicatorUnit::Percent.code()
    }

    /// "Figures as of 30 June 2025."
    fn as_of_text(&self) -> String {
        let date = parse_ymd(&self.as_of).map_or_else(|| self.shell.digits(&self.as_of), |ymd| self.shell.date(ymd));
        self.shell.t_args("planning-as-of", &[("date", &date)])
    }

    /// "Counted from the registry at 10:45."
    fn computed_text(&self) -> String {
        self.shell.t_args(
            "planning-computed-at",
            &[("time", &self.shell.digits(&self.computed_at))],
        )
    }

    /// The header of the denominator's column of a rate: children 0-17 or the population.
    fn denominator_heading(&self) -> String {
        let children = self
            .indicator()
            .and_then(Indicator::denominator_age_band)
            .is_some_and(|band| band == domain::planning::AgeBand::Children0To17);
        self.shell.t(if children {
            "planning-col-children"
        } else {
            "planning-col-population"
        })
    }

    /// A value as the page shows it: the language's digits and decimal mark, `%` for a share.
    fn value_text(&self, value: &str) -> String {
        let mut text = self.shell.decimal(value);
        if self.is_share() {
            text.push('%');
        }
        text
    }

    fn denominator_text(&self, row: &IndicatorRowView) -> String {
        row.denominator
            .as_deref()
            .map_or_else(|| NONE.to_owned(), |n| self.shell.decimal(n))
    }

    fn numerator_text(&self, row: &IndicatorRowView) -> String {
        row.numerator.map_or_else(|| NONE.to_owned(), |n| self.shell.number(&n))
    }

    fn year_text(&self, row: &IndicatorRowView) -> String {
        row.denominator_year
            .map_or_else(|| NONE.to_owned(), |year| self.shell.digits(&year.to_string()))
    }

    /// The marker of a flagged row: "No population figure", "Figure from 2019", ...
    fn flag_text(&self, row: &IndicatorRowView) -> String {
        flag_marker(self.shell.lang, &row.flag, row.denominator_year)
    }

    /// The legend of the markers the rows show: each flag once, a stale figure once per year.
    fn legend(&self) -> Vec<LegendEntry> {
        let lang = self.shell.lang;
        let mut entries: Vec<LegendEntry> = Vec::new();
        for row in self.rows.iter().filter(|row| row.is_flagged()) {
            let marker = flag_marker(lang, &row.flag, row.denominator_year);
            if entries.iter().any(|entry| entry.marker == marker) {
                continue;
            }
            let (flag, text) = match row.flag.as_str() {
                "stale" => (
                    "stale",
                    i18n::t_args(
                        lang,
                        "planning-legend-stale",
                        &[
                            ("year", &year_digits(lang, row.denominator_year)),
                            ("years", &i18n::format_number(lang, u64::from(self.stale_after_years))),
                        ],
                    ),
                ),
                "zero" => ("zero", i18n::t(lang, "planning-legend-zero")),
                _ => ("missing", i18n::t(lang, "planning-legend-missing")),
            };
            entries.push(LegendEntry { flag, marker, text });
        }
        entries
    }

    fn show_chart(&self) -> bool {
        !self.rows.is_empty() && self.rows.len() <= MAX_CHART_BARS
    }

    /// The chart of the rows (an `<svg>` whose labels are escaped by [`bar_chart_svg`]); a
    /// stale figure's bar names its year.
    fn chart(&self) -> String {
        let lang = self.shell.lang;
        let bars: Vec<(String, Option<String>)> = self
            .rows
            .iter()
            .map(|row| {
                let label = if row.flag == "stale" {
                    format!("{} · {}", row.name, flag_marker(lang, "stale", row.denominator_year))
                } else {
                    row.name.clone()
                };
                (label, row.value.clone())
            })
            .collect();
        with_id(&bar_chart_svg(lang, &self.title, &bars, &self.unit), "planning-chart")
    }

    fn breadcrumb_last(&self) -> usize {
        self.breadcrumb.len().saturating_sub(1)
    }
}

/// The marker of a flag in a row: "No population figure", "Population figure is zero", "Figure
/// from 2019"; empty for no flag.
fn flag_marker(lang: Lang, flag: &str, year: Option<i32>) -> String {
    match flag {
        "missing" => i18n::t(lang, "planning-flag-missing"),
        "zero" => i18n::t(lang, "planning-flag-zero"),
        "stale" => i18n::t_args(lang, "planning-flag-stale", &[("year", &year_digits(lang, year))]),
        _ => String::new(),
    }
}

fn year_digits(lang: Lang, year: Option<i32>) -> String {
    year.map(|year| i18n::localize_digits(lang, &year.to_string()))
        .unwrap_or_default()
}

/// `YYYY-MM-DD` as `(year, month, day)`.
fn parse_ymd(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

/// `svg` (as [`bar_chart_svg`] draws it) with `id` on its root element.
fn with_id(svg: &str, id: &str) -> String {
    match svg.strip_prefix("<svg ") {
        Some(rest) => format!("<svg id=\"{}\" {rest}", escape(id)),
        None => svg.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// The targets: /planning/targets
// ---------------------------------------------------------------------------------------------

/// One target of the plan and what has been achieved toward it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TargetRowView {
    /// The certificate, as the plan names it.
    pub certification: String,
    /// Its level, already translated ([`qualification_level_label`]).
    pub level_label: String,
    /// Who is to be trained, as the plan says it.
    pub group: String,
    /// How many are to be trained.
    pub target: u64,
    /// How many of them have been trained so far.
    pub trained: u64,
    /// How many of them hold the certificate.
    pub certified: u64,
    /// `certified` as a percentage of `target` ([`progress_against_target`]), `"50.0"`; `None`
    /// for a target of zero.
    pub percent: Option<String>,
}

impl TargetRowView {
    /// The row of `target` with the achieved counts, in `lang`.
    pub fn new(lang: Lang, target: &PlanTarget, trained: u64, certified: u64) -> TargetRowView {
        TargetRowView {
            certification: target.certification.clone(),
            level_label: qualification_level_label(lang, target.qualification_level().as_str()),
            group: target.target_group.clone(),
            target: target.trainees,
            trained,
            certified,
            percent: progress_against_target(certified, target.trainees),
        }
    }
}

/// Training against the plan's targets (`GET /planning/targets?year=`): each target of the plan
/// with the trained and certified counts up to the end of the year chosen, as a table and a
/// chart of the percentage certified.
///
/// ids: `planning-targets-form` (`method="get"`, `action="/planning/targets"`) with the select
/// `planning-targets-year` (`name="year"`) and the button `planning-targets-submit`;
/// `planning-dashboard-link`, `planning-targets-csv`, `planning-targets-chart` (the `<svg>`),
/// `planning-targets-table`, `planning-targets-none`, `planning-note`.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "planning/targets.html")]
pub struct PlanningTargetsPage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The year select's options ([`year_choices`]).
    pub years: Vec<Choice>,
    /// One row per target, in the plan's order.
    pub rows: Vec<TargetRowView>,
    /// The CSV export of the same figures.
    pub csv_href: String,
    /// A sentence to show above the figures, already translated.
    pub note: Option<String>,
}

impl PlanningTargetsPage {
    fn percent_text(&self, percent: &str) -> String {
        format!("{}%", self.shell.decimal(percent))
    }

    /// The chart of the percentage certified, one bar per target labelled by its group (the
    /// table gives the certificate and the level).
    fn chart(&self) -> String {
        let bars: Vec<(String, Option<String>)> = self
            .rows
            .iter()
            .map(|row| (row.group.clone(), row.percent.clone()))
            .collect();
        let title = self.shell.t("planning-targets-chart-title");
        with_id(
            &bar_chart_svg(self.shell.lang, &title, &bars, IndicatorUnit::Percent.code()),
            "planning-targets-chart",
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The chart
// ---------------------------------------------------------------------------------------------

/// Height of one bar's row: a line for the label, then the bar and its value.
const ROW_HEIGHT: u32 = 48;
/// The longest label drawn, in characters (the full label stays in the row's tooltip).
const MAX_LABEL_CHARS: usize = 40;
/// The widest bar, in thousandths of the chart's width, leaving room for the value at the right.
const BAR_SPAN_PERMILLE: u128 = 680;

/// A value as the domain writes it (`"59.6"`, `"1240"`, `"0.125"`) in thousandths; `None` for
/// anything else (negative, empty, not a number, absurdly large).
fn thousandths(value: &str) -> Option<u128> {
    let (whole, fraction) = value.trim().split_once('.').unwrap_or((value.trim(), ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 30 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut fraction: String = fraction.chars().take(3).collect();
    while fraction.len() < 3 {
        fraction.push('0');
    }
    Some(whole.parse::<u128>().ok()? * 1000 + fraction.parse::<u128>().ok()?)
}

/// Escapes text for XML and HTML: `&`, `<`, `>`, `"` and `'`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `label` cut to [`MAX_LABEL_CHARS`] characters, with an ellipsis when cut.
fn short_label(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A horizontal bar chart as an accessible inline SVG, drawn on the server.
///
/// - `rows` are `(label, value)`: the value as the domain writes it (`"59.6"`, `"120"`), or
///   `None` when there is no figure, drawn as an empty hatched box with "no figure".
/// - Bars are scaled to the largest value (percentages to at least 100%); each row has its label on a line, then its bar and
///   its value (in the language's digits, `%` after it when `unit` is `percent`).
/// - The `<svg>` has `role="img"`, a `<title>` (the `title`) and a `<desc>` listing every
///   label and value, so a screen reader hears the figures.
/// - It takes the whole width (`width="100%"`): positions across are percentages, so the text
///   keeps its size on a phone as on a desktop (a `viewBox` would shrink it), and the height
///   grows with the rows.
/// - Every label, the title and the description are escaped here: the output can be inserted
///   as it is (`|safe`) and a label such as `<script>` stays text.
pub fn bar_chart_svg(lang: Lang, title: &str, rows: &[(String, Option<String>)], unit: &str) -> String {
    let percent = unit == IndicatorUnit::Percent.code();
    let show = |value: &str| {
        let mut text = i18n::format_decimal(lang, value.trim());
        if percent {
            text.push('%');
        }
        text
    };
    let missing = i18n::t(lang, "planning-chart-missing");
    let parsed: Vec<Option<u128>> = rows
        .iter()
        .map(|(_, value)| value.as_deref().and_then(thousandths))
        .collect();
    // Bars are scaled to the largest value; percentages to at least 100%, so that 50% looks half.
    let largest = parsed.iter().flatten().copied().max().unwrap_or(0);
    let max = if percent { largest.max(100_000) } else { largest };

    let described: Vec<String> = rows
        .iter()
        .zip(&parsed)
        .map(|((label, value), number)| {
            let value = match (value, number) {
                (Some(value), Some(_)) => show(value),
                _ => missing.clone(),
            };
            format!("{label}: {value}")
        })
        .collect();
    let desc = if rows.is_empty() {
        i18n::t(lang, "planning-chart-none")
    } else {
        i18n::t_args(lang, "planning-chart-desc", &[("values", &described.join("; "))])
    };

    let height = if rows.is_empty() {
        ROW_HEIGHT / 2
    } else {
        ROW_HEIGHT * rows.len() as u32 + 4
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"100%\" height=\"{height}\" role=\"img\" font-size=\"14\">\
         <title>{}</title><desc>{}</desc>",
        escape(title),
        escape(&desc)
    );
    if rows.is_empty() {
        svg.push_str(&format!(
            "<text x=\"0\" y=\"18\" fill=\"#4a4a4a\">{}</text>",
            escape(&i18n::t(lang, "planning-chart-none"))
        ));
    }
    for (i, ((label, value), number)) in rows.iter().zip(&parsed).enumerate() {
        let top = ROW_HEIGHT * i as u32;
        let (label_y, bar_y, value_y) = (top + 17, top + 26, top + 38);
        svg.push_str(&format!(
            "<g><title>{}</title><text x=\"0\" y=\"{label_y}\" fill=\"#1b1b1b\">{}</text>",
            escape(label),
            escape(&short_label(label))
        ));
        match (value, number) {
            (Some(value), Some(number)) => {
                let tenths_of_percent = (number * BAR_SPAN_PERMILLE).checked_div(max).unwrap_or(0);
                svg.push_str(&format!(
                    "<rect x=\"0\" y=\"{bar_y}\" width=\"{}.{}%\" height=\"16\" fill=\"#12355b\"/>\
                     <text x=\"100%\" y=\"{value_y}\" text-anchor=\"end\" font-weight=\"700\" fill=\"#1b1b1b\">{}</text>",
                    tenths_of_percent / 10,
                    tenths_of_percent % 10,
                    escape(&show(value))
                ));
            }
            _ => {
                // A dashed empty box, hatched: no bar, never a bar of zero.
                let (y0, y1) = (bar_y, bar_y + 15);
                svg.push_str(&format!(
                    "<rect x=\"0.5\" y=\"{y0}.5\" width=\"47\" height=\"15\" fill=\"none\" stroke=\"#6b6b6b\" stroke-dasharray=\"3 2\"/>\
                     <path d=\"M0.5 {y1}.5 L15.5 {y0}.5 M16 {y1}.5 L31 {y0}.5 M31.5 {y1}.5 L46.5 {y0}.5\" stroke=\"#6b6b6b\"/>\
                     <text x=\"100%\" y=\"{value_y}\" text-anchor=\"end\" font-style=\"italic\" fill=\"#4a4a4a\">{}</text>",
                    escape(&missing)
                ));
            }
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests;
