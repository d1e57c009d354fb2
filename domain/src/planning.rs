//! Planning: the rules behind the planners' indicators (DESIGN.md section 8).
//!
//! - Population denominators, imported by planners from a CSV file ([`POPULATION_COLUMNS`],
//!   [`population_template_csv`], [`map_population_headers`], [`parse_population_row`],
//!   [`parse_population_csv`]): one figure per admin unit, year, [`AgeBand`] and [`SexBand`]
//!   ([`PopulationKey`]); a re-import replaces the figure of the same key.
//! - Rates and shares computed exactly, with integers, never floats ([`rate_per_100k`],
//!   [`share_percent`], [`progress_against_target`]): a rate names the year of its denominator
//!   and flags a missing, zero or stale one ([`RateFlag`]) instead of showing a zero or an
//!   infinity.
//! - The indicators ([`Indicator`]) with their stable codes, units and DHIS2 data element codes,
//!   the admin levels they are counted at ([`AdminLevel`]) and the breakdowns of a count
//!   ([`Breakdown`]).
//! - The plan's training targets ([`PlanTarget`], [`parse_targets_csv`], which reads
//!   `shared/data/reference/training_targets_2021_2025.csv`).
//! - The exports: one [`StatisticRow`] per figure, written as CSV ([`statistics_csv`]) or as a
//!   DHIS2 `dataValueSets` payload ([`dhis2_data_value_set`]).
//!
//! # The rounding rule of the indicators
//!
//! Rates per 100,000 and percentages are exact fractions of whole numbers; they are shown with
//! one decimal place, rounded **half up** (59.55 shows as 59.6, 59.549... as 59.5), always with
//! that one place (`"12.0"`), computed in `u128` integer arithmetic. Unlike credits (which round
//! down so that nobody looks eligible who is not), an indicator is an estimate, and half up is
//! the rounding statisticians expect.
//!
//! # DHIS2 data elements
//!
//! The export uses codes, not DHIS2 UIDs: the data element is [`Indicator::dhis2_code`], the
//! organisation unit is the admin unit's code (`KH` for the country, 2 digits for a province, 4
//! for a district, 6 for a commune, as in the 2025 gazetteer), the period is the year (`2025`),
//! and a breakdown, when there is one, is the category option combo
//! [`Breakdown::category_option_code`] (such as `SEX_FEMALE`). A DHIS2 instance that receives it
//! defines those codes once, and the payload says to match them by code (`idScheme=CODE`).
//!
//! | indicator | data element | unit | what it counts |
//! | --- | --- | --- | --- |
//! | `workforce_count` | `KL_WORKFORCE_COUNT` | count | workers with a posting in the unit on the as-of date |
//! | `workers_per_100k_children` | `KL_WORKERS_PER_100K_CHILDREN` | per 100,000 | those workers per 100,000 children aged 0-17 |
//! | `workers_per_100k_population` | `KL_WORKERS_PER_100K_POPULATION` | per 100,000 | those workers per 100,000 people |
//! | `ccwc_coverage` | `KL_CCWC_COVERAGE_PCT` | percent | communes with an active CCWC focal point holding a Vocational Certificate, of all communes |
//! | `trained` | `KL_TRAINED` | count | workers who completed at least one module in the year (passed or not) |
//! | `credited` | `KL_CREDITED` | count | workers credited in the year, by completion, RPL, RCC or transfer |
//! | `certified` | `KL_CERTIFIED` | count | certificates issued in the year and not revoked |
//! | `licensed_active` | `KL_LICENSED_ACTIVE` | count | workers holding a licence in force on the as-of date |
//! | `licences_expiring` | `KL_LICENCES_EXPIRING_90D` | count | licences in force whose validity ends within 90 days of the as-of date |
//! | `deployed_unlicensed` | `KL_DEPLOYED_UNLICENSED` | count | workers with a posting on the as-of date and no licence in force |
//!
//! Everything here is pure: the api reads the files, asks the database for the counts, checks
//! that admin units exist and writes the responses.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::training::QualificationLevel;
use crate::worker::NATIONAL_UNIT_CODE;
use crate::{
    CqfLevel, FieldError, ImportColumn, ImportProblem, WorkforceCategory, column_letter, parse_duty_station_code,
};

// ---------------------------------------------------------------------------------------------
// Small shared helpers
// ---------------------------------------------------------------------------------------------

/// A Khmer digit (០-៩) as its ASCII digit; any other character unchanged.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{17E0}'..='\u{17E9}' => char::from(b'0' + (c as u32 - 0x17E0) as u8),
        _ => c,
    }
}

/// The form a header or a code is compared in: without a byte order mark, NFC, lowercase, Khmer
/// digits as ASCII, and without whitespace, zero width characters, underscores, hyphens, dashes
/// and parentheses.
fn loose_form(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\u{FEFF}')
        .nfc()
        .flat_map(char::to_lowercase)
        .map(ascii_digit)
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{200B}' | '\u{200C}' | '\u{200D}' | '_' | '-' | '(' | ')' | '\u{2010}'..='\u{2015}'
                )
        })
        .collect()
}

/// `text` with its runs of whitespace collapsed to one space and trimmed.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// One CSV line (with its line break) of `cells`.
fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|cell| csv_cell(cell.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// The records of a CSV text (RFC 4180: quoted cells may hold commas, doubled quotes and line
/// breaks; CRLF or LF line ends; a byte order mark ignored), each with its spreadsheet row
/// (counted from 1, a record with line breaks inside quotes being one row). Lines that hold
/// nothing at all are skipped. A quote left open is a problem at the row where it opened.
fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportProblem> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_quotes = false;
    let mut row = 1;
    let mut chars = text.chars().peekable();
    let mut end_record = |record: &mut Vec<String>, cell: &mut String, row: &mut usize| {
        record.push(std::mem::take(cell));
        let blank = record.len() == 1 && record[0].is_empty();
        let taken = std::mem::take(record);
        if !blank {
            records.push((*row, taken));
        }
        *row += 1;
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => in_quotes = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => in_quotes = true,
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => end_record(&mut record, &mut cell, &mut row),
            _ => cell.push(c),
        }
    }
    if in_quotes {
        return Err(ImportProblem::new(
            row,
            "file",
            "a quoted cell is never closed: check the quotes (\") of this row",
        ));
    }
    if !cell.is_empty() || !record.is_empty() {
        end_record(&mut record, &mut cell, &mut row);
    }
    Ok(records)
}

/// Maps a header row to the keys of `columns` (matched by key, English or Khmer header, loosely);
/// `None` for a blank header. Problems on row 1: unknown headers, repeated columns, missing
/// required columns.
fn map_columns(headers: &[String], columns: &[ImportColumn]) -> Result<Vec<Option<&'static str>>, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let mut mapped = Vec::with_capacity(headers.len());
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let form = loose_form(header);
        if form.is_empty() {
            mapped.push(None);
            continue;
        }
        let column = columns.iter().find(|column| {
            [column.key, column.header_en, column.header_km]
                .iter()
                .any(|name| loose_form(name) == form)
        });
        match column {
            Some(column) => {
                if let Some(first) = seen.get(column.key) {
                    problems.push(ImportProblem::new(
                        1,
                        column.key,
                        format!(
                            "column {} repeats column {} ({}); keep only one of them",
                            column_letter(index),
                            column_letter(*first),
                            column.key
                        ),
                    ));
                } else {
                    seen.insert(column.key, index);
                }
                mapped.push(Some(column.key));
            }
            None => {
                let keys: Vec<&str> = columns.iter().map(|column| column.key).collect();
                let written = header.trim().trim_start_matches('\u{FEFF}').trim();
                problems.push(ImportProblem::new(
                    1,
                    written,
                    format!(
                        "unknown column \"{written}\" (column {}); expected one of: {}",
                        column_letter(index),
                        keys.join(", ")
                    ),
                ));
                mapped.push(None);
            }
        }
    }
    for column in columns.iter().filter(|column| column.required) {
        if !seen.contains_key(column.key) {
            problems.push(ImportProblem::new(
                1,
                column.key,
                format!(
                    "missing required column {} ({} / {})",
                    column.key, column.header_en, column.header_km
                ),
            ));
        }
    }
    if problems.is_empty() { Ok(mapped) } else { Err(problems) }
}

/// The cells of a record by column key, for the mapped columns.
fn cells_by_key<'a>(mapped: &[Option<&'static str>], record: &'a [String]) -> Vec<(&'static str, &'a str)> {
    mapped
        .iter()
        .zip(record)
        .filter_map(|(key, value)| key.map(|key| (key, value.as_str())))
        .collect()
}

/// The cell of `key` in `cells`, trimmed; empty when the column is absent.
fn cell<'a>(cells: &[(&'static str, &'a str)], key: &str) -> &'a str {
    cells
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, value)| value.trim())
        .unwrap_or_default()
}

fn required<'a>(field: &str, raw: &'a str) -> Result<&'a str, FieldError> {
    if raw.trim().is_empty() {
        Err(FieldError::new(field, "required", "must not be empty"))
    } else {
        Ok(raw.trim())
    }
}

/// A text of at most `max` characters, whitespace collapsed; required unless `optional`.
fn bounded_text(field: &str, raw: &str, max: usize, optional: bool) -> Result<String, FieldError> {
    let text = collapse_whitespace(raw);
    if text.is_empty() && !optional {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    Ok(text)
}

/// A whole number written with ASCII or Khmer digits, optionally grouped by thousands with
/// commas, dots, spaces or apostrophes (`1,234,567`, `១.២៣៤.៥៦៧`, `1 234 567`), at most `max`.
/// Rules: `required`, `format` (not a whole number, or badly grouped), `out_of_range`.
pub fn parse_whole_number(field: &str, raw: &str, max: u64) -> Result<u64, FieldError> {
    let text: String = required(field, raw)?.chars().map(ascii_digit).collect();
    let format_error = || FieldError::new(field, "format", "must be a whole number, such as 1234567 or 1,234,567");
    let is_separator = |c: char| matches!(c, ',' | '.' | ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\'');
    let groups: Vec<&str> = text.split(is_separator).collect();
    let all_digits = |group: &str| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|group| all_digits(group)) {
        return Err(format_error());
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|group| group.len() != 3)) {
        return Err(format_error());
    }
    let digits: String = groups.concat();
    let too_large = || {
        FieldError::new(
            field,
            "out_of_range",
            format!("must be at most {}", group_thousands(max)),
        )
    };
    let value: u64 = digits.parse().map_err(|_| too_large())?;
    if value > max {
        return Err(too_large());
    }
    Ok(value)
}

/// `n` with its thousands grouped by commas, for English messages: `100,000,000`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

// ---------------------------------------------------------------------------------------------
// Admin levels
// ---------------------------------------------------------------------------------------------

/// A level of Cambodia's administration at which the indicators are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminLevel {
    /// The whole country, code `KH`.
    National,
    /// The capital or a province (25), 2-digit codes.
    Province,
    /// A municipality, district or khan (210), 4-digit codes.
    District,
    /// A commune or sangkat (1,661), 6-digit codes.
    Commune,
}

impl AdminLevel {
    /// Every level, from the country down.
    pub const ALL: [AdminLevel; 4] = [
        AdminLevel::National,
        AdminLevel::Province,
        AdminLevel::District,
        AdminLevel::Commune,
    ];

    /// The stable code: `national`, `province`, `district`, `commune`.
    pub fn code(self) -> &'static str {
        match self {
            AdminLevel::National => "national",
            AdminLevel::Province => "province",
            AdminLevel::District => "district",
            AdminLevel::Commune => "commune",
        }
    }

    /// The level below, the one a drill-down shows (`None` below the commune).
    pub fn child(self) -> Option<AdminLevel> {
        match self {
            AdminLevel::National => Some(AdminLevel::Province),
            AdminLevel::Province => Some(AdminLevel::District),
            AdminLevel::District => Some(AdminLevel::Commune),
            AdminLevel::Commune => None,
        }
    }

    /// The level above (`None` for the country).
    pub fn parent(self) -> Option<AdminLevel> {
        match self {
            AdminLevel::National => None,
            AdminLevel::Province => Some(AdminLevel::National),
            AdminLevel::District => Some(AdminLevel::Province),
            AdminLevel::Commune => Some(AdminLevel::District),
        }
    }

    /// How many digits the codes of this level have (`None` for the country, whose code is
    /// `KH`).
    pub fn code_digits(self) -> Option<usize> {
        match self {
            AdminLevel::National => None,
            AdminLevel::Province => Some(2),
            AdminLevel::District => Some(4),
            AdminLevel::Commune => Some(6),
        }
    }

    /// The level of an admin unit's code: `KH` the country, 2 digits a province, 4 a district, 6
    /// a commune; anything else (a village's 8 digits included) has none.
    ///
    /// ```
    /// use domain::planning::AdminLevel;
    /// assert_eq!(AdminLevel::of_code("KH"), Some(AdminLevel::National));
    /// assert_eq!(AdminLevel::of_code("1201"), Some(AdminLevel::District));
    /// assert_eq!(AdminLevel::of_code("12010101"), None);
    /// ```
    pub fn of_code(code: &str) -> Option<AdminLevel> {
        if code == NATIONAL_UNIT_CODE {
            return Some(AdminLevel::National);
        }
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match code.len() {
            2 => Some(AdminLevel::Province),
            4 => Some(AdminLevel::District),
            6 => Some(AdminLevel::Commune),
            _ => None,
        }
    }
}

impl fmt::Display for AdminLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for AdminLevel {
    type Err = FieldError;

    /// Reads a code (`national`, `province`, `district`, `commune`), trimmed, any case (field
    /// `level`, rule `one_of`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_one_of(raw, &Self::ALL, Self::code, "level")
    }
}

/// The code of the unit directly above `code`: the district of a commune, the province of a
/// district, `KH` for a province; `None` for `KH` and for anything that is not a unit's code.
///
/// ```
/// use domain::planning::parent_code;
/// assert_eq!(parent_code("120101").as_deref(), Some("1201"));
/// assert_eq!(parent_code("12").as_deref(), Some("KH"));
/// assert_eq!(parent_code("KH"), None);
/// ```
pub fn parent_code(code: &str) -> Option<String> {
    match AdminLevel::of_code(code)? {
        AdminLevel::National => None,
        AdminLevel::Province => Some(NATIONAL_UNIT_CODE.to_owned()),
        AdminLevel::District | AdminLevel::Commune => Some(code[..code.len() - 2].to_owned()),
    }
}

/// Whether the unit `code` is `ancestor` or lies within it (every unit lies within `KH`).
pub fn is_within(code: &str, ancestor: &str) -> bool {
    let (Some(_), Some(level)) = (AdminLevel::of_code(code), AdminLevel::of_code(ancestor)) else {
        return false;
    };
    level == AdminLevel::National || code.starts_with(ancestor)
}

/// Finds the value of `all` whose code is `raw` (trimmed, any case), else rule `one_of`.
fn parse_one_of<T: Copy>(raw: &str, all: &[T], code: fn(T) -> &'static str, field: &str) -> Result<T, FieldError> {
    let wanted = raw.trim().to_ascii_lowercase();
    all.iter().copied().find(|value| code(*value) == wanted).ok_or_else(|| {
        let allowed: Vec<&str> = all.iter().map(|value| code(*value)).collect();
        FieldError::new(field, "one_of", format!("must be one of: {}", allowed.join(", ")))
    })
}

// ---------------------------------------------------------------------------------------------
// Population denominators
// ---------------------------------------------------------------------------------------------

/// The ages a population figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    /// Everyone, code `total`.
    #[serde(rename = "total")]
    Total,
    /// Children aged 0 to 17, code `children_0_17`.
    #[serde(rename = "children_0_17")]
    Children0To17,
}

impl AgeBand {
    /// Both bands.
    pub const ALL: [AgeBand; 2] = [AgeBand::Total, AgeBand::Children0To17];

    /// The stable code: `total` or `children_0_17`.
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Total => "total",
            AgeBand::Children0To17 => "children_0_17",
        }
    }

    /// Reads a code leniently: `total` (also `all ages`, `សរុប`) or `children_0_17` (also
    /// `children`, `0-17`, `កុមារ`), any case, spaces, hyphens and underscores ignored, Khmer
    /// digits read as digits (field `age_band`, rule `one_of`).
    pub fn parse(raw: &str) -> Result<AgeBand, FieldError> {
        match loose_form(raw).as_str() {
            "total" | "allages" | "all" | "សរុប" | "ប្រជាជនសរុប" => Ok(AgeBand::Total),
            "children017" | "children" | "017" | "កុមារ" | "កុមារ017" => Ok(AgeBand::Children0To17),
            _ => Err(FieldError::new(
                "age_band",
                "one_of",
                "must be one of: total, children_0_17",
            )),
        }
    }
}

impl fmt::Display for AgeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for AgeBand {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        AgeBand::parse(raw)
    }
}

/// The sexes a population figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SexBand {
    /// Both sexes, code `all`.
    All,
    /// Women and girls, code `female`.
    Female,
    /// Men and boys, code `male`.
    Male,
}

impl SexBand {
    /// The three bands.
    pub const ALL: [SexBand; 3] = [SexBand::All, SexBand::Female, SexBand::Male];

    /// The stable code: `all`, `female` or `male`.
    pub fn code(self) -> &'static str {
        match self {
            SexBand::All => "all",
            SexBand::Female => "female",
            SexBand::Male => "male",
        }
    }

    /// Reads a code leniently: `all` (also empty, `total`, `both`, `សរុប`), `female` (`f`,
    /// `ស្រី`) or `male` (`m`, `ប្រុស`), any case (field `sex`, rule `one_of`).
    pub fn parse(raw: &str) -> Result<SexBand, FieldError> {
        match loose_form(raw).as_str() {
            "" | "all" | "total" | "both" | "សរុប" | "ទាំងពីរ" => Ok(SexBand::All),
            "female" | "f" | "ស្រី" => Ok(SexBand::Female),
            "male" | "m" | "ប្រុស" => Ok(SexBand::Male),
            _ => Err(FieldError::new(
                "sex",
                "one_of",
                "must be one of: all, female, male (empty means all)",
            )),
        }
    }
}

impl fmt::Display for SexBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for SexBand {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        SexBand::parse(raw)
    }
}

/// The first and last years a population figure may be for.
pub const POPULATION_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;
/// The largest population figure accepted (Cambodia counted 17.3 million people in 2024).
pub const MAX_POPULATION_COUNT: u64 = 100_000_000;
/// The longest source of a population figure, in characters.
pub const MAX_POPULATION_SOURCE_CHARS: usize = 300;

/// The columns of the population import, in the template's order.
pub const POPULATION_COLUMNS: &[ImportColumn] = &[
    ImportColumn {
        key: "admin_code",
        header_en: "Admin unit code",
        header_km: "លេខកូដរដ្ឋបាល",
        required: true,
        help_en: "KH for the whole country, or the gazetteer code of a province (2 digits), a district (4 digits) or a commune (6 digits), such as 12 or 120101.",
        example: "KH",
    },
    ImportColumn {
        key: "year",
        header_en: "Year",
        header_km: "ឆ្នាំ",
        required: true,
        help_en: "The year the figure is for, from 1990 to 2100.",
        example: "2024",
    },
    ImportColumn {
        key: "age_band",
        header_en: "Age band",
        header_km: "ក្រុមអាយុ",
        required: true,
        help_en: "total (everyone) or children_0_17 (children aged 0 to 17).",
        example: "total",
    },
    ImportColumn {
        key: "sex",
        header_en: "Sex",
        header_km: "ភេទ",
        required: false,
        help_en: "all, female or male. Empty means all.",
        example: "all",
    },
    ImportColumn {
        key: "count",
        header_en: "Count",
        header_km: "ចំនួន",
        required: true,
        help_en: "The number of people, a whole number of at most 100,000,000 (1234567 or 1,234,567).",
        example: "17280543",
    },
    ImportColumn {
        key: "source",
        header_en: "Source",
        header_km: "ប្រភព",
        required: true,
        help_en: "Where the figure comes from (census, projection, survey), at most 300 characters.",
        example: "National Action Plan on Violence against Children 2025-2030, section 1.2 (2024 count)",
    },
];

/// Which figure a population row gives; a re-import replaces the figure of the same key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PopulationKey {
    /// The admin unit's code (`KH`, 2, 4 or 6 digits).
    pub admin_code: String,
    /// The year the figure is for.
    pub year: i32,
    /// The ages counted.
    pub age_band: AgeBand,
    /// The sexes counted.
    pub sex: SexBand,
}

/// One valid row of a population file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PopulationRow {
    /// The spreadsheet row, counted from 1 (the header row is row 1).
    pub row: usize,
    /// The admin unit's code: `KH`, or 2, 4 or 6 digits (whether it exists is the api's check).
    pub admin_code: String,
    /// The year the figure is for, 1990 to 2100.
    pub year: i32,
    /// The ages counted.
    pub age_band: AgeBand,
    /// The sexes counted.
    pub sex: SexBand,
    /// The number of people, at most [`MAX_POPULATION_COUNT`].
    pub count: u64,
    /// Where the figure comes from, whitespace collapsed.
    pub source: String,
}

impl PopulationRow {
    /// The figure this row gives.
    pub fn key(&self) -> PopulationKey {
        PopulationKey {
            admin_code: self.admin_code.clone(),
            year: self.year,
            age_band: self.age_band,
            sex: self.sex,
        }
    }

    /// The row as a denominator of a rate.
    pub fn denominator(&self) -> Denominator {
        Denominator {
            year: self.year,
            count: self.count,
        }
    }
}

/// Parses a year from 1990 to 2100 (ASCII or Khmer digits): rules `required`, `format`,
/// `out_of_range`.
pub fn parse_population_year(field: &str, raw: &str) -> Result<i32, FieldError> {
    let text: String = required(field, raw)?.chars().map(ascii_digit).collect();
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(field, "format", "must be a year such as 2024"));
    }
    let year: i32 = text
        .parse()
        .map_err(|_| FieldError::new(field, "format", "must be a year such as 2024"))?;
    if !POPULATION_YEARS.contains(&year) {
        return Err(FieldError::new(
            field,
            "out_of_range",
            format!(
                "must be from {} to {}",
                POPULATION_YEARS.start(),
                POPULATION_YEARS.end()
            ),
        ));
    }
    Ok(year)
}

/// Parses the gazetteer code of an admin unit: `KH`, or 2, 4 or 6 digits (rules `required`,
/// `format`). Khmer digits are read as digits and a lost leading zero restored, as for duty
/// stations ([`parse_duty_station_code`]). Whether the unit exists is for the api to check.
pub fn parse_admin_code(field: &str, raw: &str) -> Result<String, FieldError> {
    parse_duty_station_code(field, raw)
}

/// Maps the header row of a population file to the keys of [`POPULATION_COLUMNS`] (by key,
/// English or Khmer header, ignoring case, spaces, underscores, hyphens and parentheses): one
/// entry per header, `None` for a blank one. Problems, all on row 1: unknown headers, repeated
/// columns, missing required columns.
pub fn map_population_headers(headers: &[String]) -> Result<Vec<Option<&'static str>>, Vec<ImportProblem>> {
    map_columns(headers, POPULATION_COLUMNS)
}

/// Validates one row of a population file, its cells given by column key (absent columns are
/// empty cells), into a [`PopulationRow`] or every problem of the row at once, each naming its
/// column (`admin_code`, `year`, `age_band`, `sex`, `count`, `source`) in the template's order.
pub fn parse_population_row(row: usize, cells: &[(&'static str, &str)]) -> Result<PopulationRow, Vec<ImportProblem>> {
    let mut problems = RowProblems { row, found: Vec::new() };
    let admin_code = problems.check(parse_admin_code("admin_code", cell(cells, "admin_code")));
    let year = problems.check(parse_population_year("year", cell(cells, "year")));
    let age_band = problems.check(required("age_band", cell(cells, "age_band")).and_then(AgeBand::parse));
    let sex = problems.check(SexBand::parse(cell(cells, "sex")));
    let count = problems.check(parse_whole_number("count", cell(cells, "count"), MAX_POPULATION_COUNT));
    let source = problems.check(bounded_text(
        "source",
        cell(cells, "source"),
        MAX_POPULATION_SOURCE_CHARS,
        false,
    ));
    match (admin_code, year, age_band, sex, count, source) {
        (Some(admin_code), Some(year), Some(age_band), Some(sex), Some(count), Some(source))
            if problems.found.is_empty() =>
        {
            Ok(PopulationRow {
                row,
                admin_code,
                year,
                age_band,
                sex,
                count,
                source,
            })
        }
        _ => Err(problems.found),
    }
}

/// The problems of one row, collected as its cells are checked.
struct RowProblems {
    row: usize,
    found: Vec<ImportProblem>,
}

impl RowProblems {
    /// The value of `result`, or `None` after noting its error.
    fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result
            .map_err(|error| self.found.push(ImportProblem::from_field_error(self.row, error)))
            .ok()
    }
}

/// Rows that give the same figure as an earlier row of the file (same admin unit, year, age band
/// and sex): a problem on each, naming the first row. The file must say each figure once.
pub fn find_repeated_population_keys(rows: &[PopulationRow]) -> Vec<ImportProblem> {
    let mut first: HashMap<PopulationKey, usize> = HashMap::new();
    let mut problems = Vec::new();
    for row in rows {
        match first.get(&row.key()) {
            Some(first_row) => problems.push(ImportProblem::new(
                row.row,
                "admin_code",
                format!(
                    "repeats the figure of row {first_row} (unit {}, {}, {}, {}); keep only one of them",
                    row.admin_code,
                    row.year,
                    row.age_band.code(),
                    row.sex.code()
                ),
            )),
            None => {
                first.insert(row.key(), row.row);
            }
        }
    }
    problems
}

/// Reads a whole population file (CSV, header row first): every row valid and no figure given
/// twice, or every problem of the file (header problems only, when the header is wrong). An
/// empty file, or one with only a header, is a problem too.
pub fn parse_population_csv(text: &str) -> Result<Vec<PopulationRow>, Vec<ImportProblem>> {
    let records = csv_records(text).map_err(|problem| vec![problem])?;
    let Some(((_, headers), body)) = records.split_first() else {
        return Err(vec![ImportProblem::new(
            1,
            "file",
            "is empty: it needs a header row and at least one row",
        )]);
    };
    let mapped = map_population_headers(headers)?;
    if body.is_empty() {
        return Err(vec![ImportProblem::new(2, "file", "has a header row but no figures")]);
    }
    let mut rows = Vec::with_capacity(body.len());
    let mut problems = Vec::new();
    for (row, record) in body {
        match parse_population_row(*row, &cells_by_key(&mapped, record)) {
            Ok(parsed) => rows.push(parsed),
            Err(found) => problems.extend(found),
        }
    }
    problems.extend(find_repeated_population_keys(&rows));
    problems.sort_by_key(|problem| problem.row);
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

/// The population import template as CSV: the header row of the column keys and one example row
/// (the 2024 national count).
pub fn population_template_csv() -> String {
    let header: Vec<&str> = POPULATION_COLUMNS.iter().map(|column| column.key).collect();
    let example: Vec<&str> = POPULATION_COLUMNS.iter().map(|column| column.example).collect();
    format!("{}{}", csv_line(&header), csv_line(&example))
}

/// The documentation of the population template as CSV, one line per column: key, English
/// header, Khmer header, required (yes/no), help and example.
pub fn population_template_help_csv() -> String {
    let mut csv = String::from("key,header_en,header_km,required,help_en,example\n");
    for column in POPULATION_COLUMNS {
        csv.push_str(&csv_line(&[
            column.key,
            column.header_en,
            column.header_km,
            if column.required { "yes" } else { "no" },
            column.help_en,
            column.example,
        ]));
    }
    csv
}

// ---------------------------------------------------------------------------------------------
// Rates, shares and progress
// ---------------------------------------------------------------------------------------------

/// A population figure used as the denominator of a rate: how many people, counted when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Denominator {
    /// The year of the figure.
    pub year: i32,
    /// The number of people.
    pub count: u64,
}

/// How many years old a denominator may be before a rate calls it stale, unless the caller
/// says otherwise: a figure from 2019 is stale for 2025.
pub const DEFAULT_STALE_AFTER_YEARS: u32 = 5;

/// What is wrong with a rate's denominator, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RateFlag {
    /// Nothing: a figure of a recent enough year.
    #[default]
    None,
    /// The figure is more than the allowed number of years older than the year asked for; the
    /// rate is still computed, and shown with a warning.
    Stale {
        /// How many years older than the year asked for.
        years_old: u32,
    },
    /// No figure for the unit: no rate.
    Missing,
    /// The figure is zero: no rate.
    Zero,
}

impl RateFlag {
    /// The codes of the flags, as the dashboard and the CSV write them: `""` (nothing wrong),
    /// `stale`, `missing`, `zero`.
    pub const CODES: [&'static str; 4] = ["", "stale", "missing", "zero"];

    /// `""` when nothing is wrong, else `stale`, `missing` or `zero`.
    pub fn code(self) -> &'static str {
        match self {
            RateFlag::None => "",
            RateFlag::Stale { .. } => "stale",
            RateFlag::Missing => "missing",
            RateFlag::Zero => "zero",
        }
    }

    /// Whether something is wrong with the denominator.
    pub fn is_flagged(self) -> bool {
        self != RateFlag::None
    }
}

/// A rate per 100,000 people, ready to show and export.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rate {
    /// The rate with one decimal place, rounded half up (`"59.6"`, `"0.0"`); `None` when the
    /// denominator is missing or zero. Never a float, never `inf` or `NaN`.
    pub per_100k: Option<String>,
    /// The year of the denominator used, to be named next to the rate; `None` when missing.
    pub denominator_year: Option<i32>,
    /// What is wrong with the denominator, if anything.
    pub flag: RateFlag,
}

/// `numerator / denominator` in tenths, rounded half up; `denominator` must not be zero.
fn tenths_half_up(numerator: u128, denominator: u128) -> u128 {
    // round(n / d * 10) = floor((20 n + d) / 2d)
    (numerator * 20 + denominator) / (denominator * 2)
}

/// Tenths written with one decimal place: `596` is `"59.6"`, `0` is `"0.0"`.
fn one_place(tenths: u128) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Workers per 100,000 people: `count` workers for the population `denominator`, as of the year
/// `as_of_year`.
///
/// The result names the denominator's year and flags it: [`RateFlag::Missing`] without a figure
/// and [`RateFlag::Zero`] with a figure of zero (no rate in either case, never a zero or an
/// infinity), [`RateFlag::Stale`] when the figure is more than `stale_after_years` years older
/// than `as_of_year` (the rate is still given). A figure from a year after `as_of_year` (a
/// projection) is not stale. The rate has one decimal place, rounded half up, computed in
/// integers.
///
/// ```
/// use domain::planning::{rate_per_100k, Denominator, RateFlag};
/// // GSSWA's 2018 figure for Cambodia: 59.6 workers per 100,000 children.
/// let rate = rate_per_100k(3218, Some(Denominator { year: 2019, count: 5_400_000 }), 2019, 5);
/// assert_eq!(rate.per_100k.as_deref(), Some("59.6"));
/// assert_eq!(rate.denominator_year, Some(2019));
/// assert_eq!(rate.flag, RateFlag::None);
/// let stale = rate_per_100k(3218, Some(Denominator { year: 2019, count: 5_400_000 }), 2025, 5);
/// assert_eq!(stale.flag, RateFlag::Stale { years_old: 6 });
/// assert_eq!(rate_per_100k(3218, None, 2025, 5).per_100k, None);
/// ```
pub fn rate_per_100k(count: u64, denominator: Option<Denominator>, as_of_year: i32, stale_after_years: u32) -> Rate {
    let Some(denominator) = denominator else {
        return Rate {
            per_100k: None,
            denominator_year: None,
            flag: RateFlag::Missing,
        };
    };
    if denominator.count == 0 {
        return Rate {
            per_100k: None,
            denominator_year: Some(denominator.year),
            flag: RateFlag::Zero,
        };
    }
    let age = i64::from(as_of_year) - i64::from(denominator.year);
    let flag = if age > i64::from(stale_after_years) {
        RateFlag::Stale {
            years_old: u32::try_from(age).unwrap_or(u32::MAX),
        }
    } else {
        RateFlag::None
    };
    let tenths = tenths_half_up(u128::from(count) * 100_000, u128::from(denominator.count));
    Rate {
        per_100k: Some(one_place(tenths)),
        denominator_year: Some(denominator.year),
        flag,
    }
}

/// The figure to divide by as of `as_of_year`, among the figures of a unit (one age band and
/// sex): the latest not after `as_of_year`, else (only projections for later years) the
/// earliest after it; `None` when there is none.
pub fn pick_denominator(available: &[Denominator], as_of_year: i32) -> Option<Denominator> {
    let past = available
        .iter()
        .filter(|figure| figure.year <= as_of_year)
        .max_by_key(|figure| figure.year);
    let future = || {
        available
            .iter()
            .filter(|figure| figure.year > as_of_year)
            .min_by_key(|figure| figure.year)
    };
    past.or_else(future).copied()
}

/// `numerator` as a percentage of `denominator`, one decimal place rounded half up (`"37.5"`);
/// `None` when the denominator is zero. May exceed 100 if the numerator does.
///
/// ```
/// use domain::planning::share_percent;
/// assert_eq!(share_percent(3, 8).as_deref(), Some("37.5"));
/// assert_eq!(share_percent(2, 3).as_deref(), Some("66.7"));
/// assert_eq!(share_percent(1, 0), None);
/// ```
pub fn share_percent(numerator: u64, denominator: u64) -> Option<String> {
    (denominator != 0).then(|| one_place(tenths_half_up(u128::from(numerator) * 100, u128::from(denominator))))
}

/// How far `achieved` goes toward `target`, in percent with one decimal place rounded half up;
/// above 100 once the target is passed; `None` for a target of zero.
///
/// ```
/// use domain::planning::progress_against_target;
/// assert_eq!(progress_against_target(1646, 3292).as_deref(), Some("50.0"));
/// assert_eq!(progress_against_target(600, 500).as_deref(), Some("120.0"));
/// assert_eq!(progress_against_target(5, 0), None);
/// ```
pub fn progress_against_target(achieved: u64, target: u64) -> Option<String> {
    share_percent(achieved, target)
}

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

/// What an indicator's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorUnit {
    /// A number of workers, licences or certificates, code `count`.
    Count,
    /// A rate per 100,000 people, code `per_100k`.
    #[serde(rename = "per_100k")]
    Per100k,
    /// A percentage, code `percent`.
    Percent,
}

impl IndicatorUnit {
    /// The stable code: `count`, `per_100k`, `percent`.
    pub fn code(self) -> &'static str {
        match self {
            IndicatorUnit::Count => "count",
            IndicatorUnit::Per100k => "per_100k",
            IndicatorUnit::Percent => "percent",
        }
    }
}

impl fmt::Display for IndicatorUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How many days ahead [`Indicator::LicencesExpiring`] looks.
pub const LICENCE_EXPIRY_WINDOW_DAYS: u32 = 90;

/// An indicator of the planners' dashboard and exports (see the table in the module's docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// Workers with a posting in the unit on the as-of date.
    WorkforceCount,
    /// Those workers per 100,000 children aged 0-17.
    #[serde(rename = "workers_per_100k_children")]
    WorkersPer100kChildren,
    /// Those workers per 100,000 people.
    #[serde(rename = "workers_per_100k_population")]
    WorkersPer100kPopulation,
    /// The share of communes with an active CCWC focal point holding a Vocational Certificate.
    CcwcCoverage,
    /// Workers who completed at least one module in the year, passed or not (those who passed
    /// are also [`Indicator::Credited`]).
    Trained,
    /// Workers credited in the year (completion, RPL, RCC or transfer).
    Credited,
    /// Certificates issued in the year and not revoked.
    Certified,
    /// Workers holding a licence in force (active or conditional) on the as-of date.
    LicensedActive,
    /// Licences in force whose validity ends within [`LICENCE_EXPIRY_WINDOW_DAYS`] days.
    LicencesExpiring,
    /// Workers with a posting on the as-of date and no licence in force.
    DeployedUnlicensed,
}

impl Indicator {
    /// Every indicator, in the dashboard's order.
    pub const ALL: [Indicator; 10] = [
        Indicator::WorkforceCount,
        Indicator::WorkersPer100kChildren,
        Indicator::WorkersPer100kPopulation,
        Indicator::CcwcCoverage,
        Indicator::Trained,
        Indicator::Credited,
        Indicator::Certified,
        Indicator::LicensedActive,
        Indicator::LicencesExpiring,
        Indicator::DeployedUnlicensed,
    ];

    /// The stable code, used in URLs (`?indicator=`), the API and the CSV.
    pub fn code(self) -> &'static str {
        match self {
            Indicator::WorkforceCount => "workforce_count",
            Indicator::WorkersPer100kChildren => "workers_per_100k_children",
            Indicator::WorkersPer100kPopulation => "workers_per_100k_population",
            Indicator::CcwcCoverage => "ccwc_coverage",
            Indicator::Trained => "trained",
            Indicator::Credited => "credited",
            Indicator::Certified => "certified",
            Indicator::LicensedActive => "licensed_active",
            Indicator::LicencesExpiring => "licences_expiring",
            Indicator::DeployedUnlicensed => "deployed_unlicensed",
        }
    }

    /// The code of the DHIS2 data element the export writes (`KL_...`).
    pub fn dhis2_code(self) -> &'static str {
        match self {
            Indicator::WorkforceCount => "KL_WORKFORCE_COUNT",
            Indicator::WorkersPer100kChildren => "KL_WORKERS_PER_100K_CHILDREN",
            Indicator::WorkersPer100kPopulation => "KL_WORKERS_PER_100K_POPULATION",
            Indicator::CcwcCoverage => "KL_CCWC_COVERAGE_PCT",
            Indicator::Trained => "KL_TRAINED",
            Indicator::Credited => "KL_CREDITED",
            Indicator::Certified => "KL_CERTIFIED",
            Indicator::LicensedActive => "KL_LICENSED_ACTIVE",
            Indicator::LicencesExpiring => "KL_LICENCES_EXPIRING_90D",
            Indicator::DeployedUnlicensed => "KL_DEPLOYED_UNLICENSED",
        }
    }

    /// What the value is: a count, a rate per 100,000 or a percentage.
    pub fn unit(self) -> IndicatorUnit {
        match self {
            Indicator::WorkersPer100kChildren | Indicator::WorkersPer100kPopulation => IndicatorUnit::Per100k,
            Indicator::CcwcCoverage => IndicatorUnit::Percent,
            _ => IndicatorUnit::Count,
        }
    }

    /// The population a rate divides by: children 0-17 or everyone (both sexes); `None` for an
    /// indicator that is not a rate.
    pub fn denominator_age_band(self) -> Option<AgeBand> {
        match self {
            Indicator::WorkersPer100kChildren => Some(AgeBand::Children0To17),
            Indicator::WorkersPer100kPopulation => Some(AgeBand::Total),
            _ => None,
        }
    }

    /// Whether the indicator counts what happened during a calendar year (training, credit,
    /// certificates) rather than what holds on the as-of date.
    pub fn counts_a_year(self) -> bool {
        matches!(self, Indicator::Trained | Indicator::Credited | Indicator::Certified)
    }

    /// The finest level the indicator is counted at: the district for CCWC coverage (a share of
    /// communes means nothing for one commune), the commune for the others.
    pub fn finest_level(self) -> AdminLevel {
        match self {
            Indicator::CcwcCoverage => AdminLevel::District,
            _ => AdminLevel::Commune,
        }
    }

    /// The English definition, for documentation and the API's metadata.
    pub fn definition(self) -> &'static str {
        match self {
            Indicator::WorkforceCount => "Workers of the registry with a posting in the unit on the as-of date.",
            Indicator::WorkersPer100kChildren => {
                "Workers with a posting in the unit on the as-of date per 100,000 children aged 0-17, using the latest population figure of the unit; the figure's year is given and a missing, zero or stale figure is flagged."
            }
            Indicator::WorkersPer100kPopulation => {
                "Workers with a posting in the unit on the as-of date per 100,000 people, using the latest population figure of the unit; the figure's year is given and a missing, zero or stale figure is flagged."
            }
            Indicator::CcwcCoverage => {
                "Percentage of the communes of the unit with an active CCWC child-protection focal point who holds a Vocational Certificate (CQF level 1 or above)."
            }
            Indicator::Trained => {
                "Workers posted in the unit who completed at least one module during the year, passed or not."
            }
            Indicator::Credited => {
                "Workers posted in the unit who were credited during the year, by completion, recognition of prior learning (RPL), of current competency (RCC) or transfer."
            }
            Indicator::Certified => {
                "Certificates issued during the year, and not revoked, to workers posted in the unit."
            }
            Indicator::LicensedActive => {
                "Workers posted in the unit who hold a licence in force (active or conditional) on the as-of date."
            }
            Indicator::LicencesExpiring => {
                "Licences in force of workers posted in the unit whose validity ends within 90 days after the as-of date."
            }
            Indicator::DeployedUnlicensed => {
                "Workers with a posting in the unit on the as-of date who hold no licence in force."
            }
        }
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Indicator {
    type Err = FieldError;

    /// Reads a code (trimmed, any case; field `indicator`, rule `one_of`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_one_of(raw, &Self::ALL, Self::code, "indicator")
    }
}

/// A way to split a count, such as by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    /// By workforce category (values: [`WorkforceCategory::as_str`]).
    Category,
    /// By sex (values: `female`, `male`).
    Sex,
    /// By kind of organisation (values: [`crate::OrganizationKind::as_str`]).
    OrganizationKind,
    /// By employment type (values: [`crate::EmploymentType::as_str`]).
    EmploymentType,
    /// By qualification level (values: `cqf-1` to `cqf-8`, `allied`).
    Level,
}

impl Breakdown {
    /// Every breakdown.
    pub const ALL: [Breakdown; 5] = [
        Breakdown::Category,
        Breakdown::Sex,
        Breakdown::OrganizationKind,
        Breakdown::EmploymentType,
        Breakdown::Level,
    ];

    /// The stable code: `category`, `sex`, `organization_kind`, `employment_type`, `level`.
    pub fn code(self) -> &'static str {
        match self {
            Breakdown::Category => "category",
            Breakdown::Sex => "sex",
            Breakdown::OrganizationKind => "organization_kind",
            Breakdown::EmploymentType => "employment_type",
            Breakdown::Level => "level",
        }
    }

    fn dhis2_prefix(self) -> &'static str {
        match self {
            Breakdown::Category => "CATEGORY",
            Breakdown::Sex => "SEX",
            Breakdown::OrganizationKind => "ORG_KIND",
            Breakdown::EmploymentType => "EMPLOYMENT",
            Breakdown::Level => "LEVEL",
        }
    }

    /// The DHIS2 category option combo code of `value` in this breakdown: the prefix
    /// (`CATEGORY`, `SEX`, `ORG_KIND`, `EMPLOYMENT`, `LEVEL`), an underscore and the value in
    /// capitals, other characters as underscores.
    ///
    /// ```
    /// use domain::planning::Breakdown;
    /// assert_eq!(Breakdown::Sex.category_option_code("female"), "SEX_FEMALE");
    /// assert_eq!(Breakdown::Level.category_option_code("cqf-1"), "LEVEL_CQF_1");
    /// ```
    pub fn category_option_code(self, value: &str) -> String {
        let value: String = value
            .trim()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        format!("{}_{value}", self.dhis2_prefix())
    }
}

impl FromStr for Breakdown {
    type Err = FieldError;

    /// Reads a code (field `breakdown`, rule `one_of`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_one_of(raw, &Self::ALL, Self::code, "breakdown")
    }
}

/// One part of a split count: the breakdown and the value's code (`sex` / `female`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BreakdownValue {
    /// How the count is split.
    pub breakdown: Breakdown,
    /// The part's code, such as `female` or `para_social_worker`.
    pub code: String,
}

// ---------------------------------------------------------------------------------------------
// Exports: CSV and DHIS2
// ---------------------------------------------------------------------------------------------

/// One figure of one indicator for one admin unit and year, as the exports write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticRow {
    /// The indicator.
    pub indicator: Indicator,
    /// The admin unit's code (`KH`, 2, 4 or 6 digits).
    pub admin_code: String,
    /// The year (the period of DHIS2), that of the as-of date for indicators that hold on a date.
    pub year: i32,
    /// The part of a split count, if the figure is one.
    pub breakdown: Option<BreakdownValue>,
    /// The value as text (`"123"`, `"59.6"`, `"37.5"`); `None` when it cannot be computed (see
    /// `flag`).
    pub value: Option<String>,
    /// What was counted: workers for a rate, communes covered for CCWC coverage.
    pub numerator: Option<u64>,
    /// What it was divided by: the population for a rate, the communes for a share.
    pub denominator: Option<u64>,
    /// The year of the population figure of a rate.
    pub denominator_year: Option<i32>,
    /// What is wrong with the denominator, if anything.
    pub flag: RateFlag,
}

impl StatisticRow {
    /// A count.
    pub fn count(indicator: Indicator, admin_code: impl Into<String>, year: i32, count: u64) -> StatisticRow {
        StatisticRow {
            indicator,
            admin_code: admin_code.into(),
            year,
            breakdown: None,
            value: Some(count.to_string()),
            numerator: Some(count),
            denominator: None,
            denominator_year: None,
            flag: RateFlag::None,
        }
    }

    /// A rate per 100,000 of `count` workers over `denominator`, as of `year` (see
    /// [`rate_per_100k`]).
    pub fn rate(
        indicator: Indicator,
        admin_code: impl Into<String>,
        year: i32,
        count: u64,
        denominator: Option<Denominator>,
        stale_after_years: u32,
    ) -> StatisticRow {
        let rate = rate_per_100k(count, denominator, year, stale_after_years);
        StatisticRow {
            indicator,
            admin_code: admin_code.into(),
            year,
            breakdown: None,
            value: rate.per_100k,
            numerator: Some(count),
            denominator: denominator.map(|figure| figure.count),
            denominator_year: rate.denominator_year,
            flag: rate.flag,
        }
    }

    /// A percentage of `numerator` out of `denominator` (see [`share_percent`]); flagged
    /// [`RateFlag::Zero`], without a value, when the denominator is zero.
    pub fn share(
        indicator: Indicator,
        admin_code: impl Into<String>,
        year: i32,
        numerator: u64,
        denominator: u64,
    ) -> StatisticRow {
        let value = share_percent(numerator, denominator);
        StatisticRow {
            indicator,
            admin_code: admin_code.into(),
            year,
            breakdown: None,
            flag: if value.is_none() {
                RateFlag::Zero
            } else {
                RateFlag::None
            },
            value,
            numerator: Some(numerator),
            denominator: Some(denominator),
            denominator_year: None,
        }
    }

    /// The same figure for one part of a split count.
    pub fn with_breakdown(mut self, breakdown: Breakdown, code: impl Into<String>) -> StatisticRow {
        self.breakdown = Some(BreakdownValue {
            breakdown,
            code: code.into(),
        });
        self
    }

    /// The admin level of the unit, if its code is one.
    pub fn admin_level(&self) -> Option<AdminLevel> {
        AdminLevel::of_code(&self.admin_code)
    }
}

/// The columns of [`statistics_csv`].
pub const STATISTICS_CSV_COLUMNS: [&str; 15] = [
    "indicator",
    "dhis2_data_element",
    "unit",
    "admin_code",
    "admin_level",
    "year",
    "breakdown",
    "breakdown_value",
    "value",
    "numerator",
    "denominator",
    "denominator_year",
    "flag",
    "years_old",
    "dhis2_category_option_combo",
];

/// The rows as CSV, header first ([`STATISTICS_CSV_COLUMNS`]): a value that cannot be computed is
/// an empty cell with its flag (`missing`, `zero`), never a zero; a stale rate has flag `stale`
/// and its age in `years_old`.
pub fn statistics_csv(rows: &[StatisticRow]) -> String {
    let mut csv = csv_line(&STATISTICS_CSV_COLUMNS);
    let text = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    for row in rows {
        let years_old = match row.flag {
            RateFlag::Stale { years_old } => years_old.to_string(),
            _ => String::new(),
        };
        let (breakdown, breakdown_value, option) = match &row.breakdown {
            Some(part) => (
                part.breakdown.code().to_owned(),
                part.code.clone(),
                part.breakdown.category_option_code(&part.code),
            ),
            None => Default::default(),
        };
        csv.push_str(&csv_line(&[
            row.indicator.code().to_owned(),
            row.indicator.dhis2_code().to_owned(),
            row.indicator.unit().code().to_owned(),
            row.admin_code.clone(),
            row.admin_level().map(AdminLevel::code).unwrap_or_default().to_owned(),
            row.year.to_string(),
            breakdown,
            breakdown_value,
            row.value.clone().unwrap_or_default(),
            text(row.numerator),
            text(row.denominator),
            row.denominator_year.map(|year| year.to_string()).unwrap_or_default(),
            row.flag.code().to_owned(),
            years_old,
            option,
        ]));
    }
    csv
}

/// A DHIS2 `dataValueSets` payload (`POST /api/dataValueSets`), identifiers by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2DataValueSet {
    /// Always `CODE`: data elements are matched by [`Indicator::dhis2_code`].
    pub data_element_id_scheme: String,
    /// Always `CODE`: organisation units are matched by admin code.
    pub org_unit_id_scheme: String,
    /// Always `CODE`: category option combos too.
    pub id_scheme: String,
    /// The values.
    pub data_values: Vec<Dhis2DataValue>,
}

/// One value of a [`Dhis2DataValueSet`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2DataValue {
    /// The data element's code, [`Indicator::dhis2_code`].
    pub data_element: String,
    /// The year, such as `2025` (a DHIS2 yearly period).
    pub period: String,
    /// The admin unit's code.
    pub org_unit: String,
    /// The breakdown's option combo ([`Breakdown::category_option_code`]); absent for the
    /// default combo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_option_combo: Option<String>,
    /// The value as text.
    pub value: String,
    /// For rates: the population figure's year, and whether it is stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The rows as a DHIS2 `dataValueSets` payload. A row without a value (missing or zero
/// denominator) is left out, as DHIS2 reads an absent value as missing, never written as zero;
/// a rate carries its denominator's year in its comment (`population 2019 (stale: 6 years
/// old)`).
pub fn dhis2_data_value_set(rows: &[StatisticRow]) -> Dhis2DataValueSet {
    let data_values = rows
        .iter()
        .filter_map(|row| {
            let value = row.value.clone()?;
            let comment = row.denominator_year.map(|year| match row.flag {
                RateFlag::Stale { years_old } => format!("population {year} (stale: {years_old} years old)"),
                _ => format!("population {year}"),
            });
            Some(Dhis2DataValue {
                data_element: row.indicator.dhis2_code().to_owned(),
                period: row.year.to_string(),
                org_unit: row.admin_code.clone(),
                category_option_combo: row
                    .breakdown
                    .as_ref()
                    .map(|part| part.breakdown.category_option_code(&part.code)),
                value,
                comment,
            })
        })
        .collect();
    Dhis2DataValueSet {
        data_element_id_scheme: "CODE".to_owned(),
        org_unit_id_scheme: "CODE".to_owned(),
        id_scheme: "CODE".to_owned(),
        data_values,
    }
}

// ---------------------------------------------------------------------------------------------
// Plan targets
// ---------------------------------------------------------------------------------------------

/// Where the trainees of a target work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationLevel {
    /// A ministry or national body.
    National,
    /// A capital or provincial department or committee.
    Province,
    /// A municipal, district or khan office or committee.
    District,
    /// A commune or sangkat committee.
    Commune,
    /// A non-governmental organisation.
    Ngo,
}

impl OrganizationLevel {
    /// Every level, in the plan's order.
    pub const ALL: [OrganizationLevel; 5] = [
        OrganizationLevel::National,
        OrganizationLevel::Province,
        OrganizationLevel::District,
        OrganizationLevel::Commune,
        OrganizationLevel::Ngo,
    ];

    /// The stable code: `national`, `province`, `district`, `commune`, `ngo`.
    pub fn code(self) -> &'static str {
        match self {
            OrganizationLevel::National => "national",
            OrganizationLevel::Province => "province",
            OrganizationLevel::District => "district",
            OrganizationLevel::Commune => "commune",
            OrganizationLevel::Ngo => "ngo",
        }
    }
}

impl fmt::Display for OrganizationLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for OrganizationLevel {
    type Err = FieldError;

    /// Reads a code (field `organization_level`, rule `one_of`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_one_of(raw, &Self::ALL, Self::code, "organization_level")
    }
}

/// The longest certification name of a target, in characters.
pub const MAX_TARGET_CERTIFICATION_CHARS: usize = 200;
/// The longest target group, source note or duration of a target, in characters.
pub const MAX_TARGET_TEXT_CHARS: usize = 1_000;
/// The largest number of trainees of one target.
pub const MAX_TARGET_TRAINEES: u64 = 1_000_000;

/// One training target of the plan: who is to be trained, to which certificate, how many
/// (training_targets_2021_2025.csv).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTarget {
    /// The certificate, as the plan names it (`Vocational Certificate`, `Technical and
    /// Vocational Certificate 1`, `Certificate (allied workers)`).
    pub certification: String,
    /// Its CQF level, 1 to 8; `None` for the allied workers' certificate.
    pub cqf_level: Option<u8>,
    /// The workforce category trained.
    pub workforce_category: WorkforceCategory,
    /// Who is trained, as the plan says it.
    pub target_group: String,
    /// Where they work.
    pub organization_level: OrganizationLevel,
    /// How many are to be trained over the plan's period.
    pub trainees: u64,
    /// The length of the training, as the plan says it (`30 credits`, `15 days`).
    pub credits_or_duration: String,
    /// Where the target comes from in the plan.
    pub source_note: String,
}

impl PlanTarget {
    /// The level of the certificate: the CQF level, or the allied workers' certificate.
    pub fn qualification_level(&self) -> QualificationLevel {
        match self.cqf_level.and_then(|level| CqfLevel::new(level).ok()) {
            Some(level) => QualificationLevel::Cqf(level),
            None => QualificationLevel::AlliedCertificate,
        }
    }

    /// Checks the rules of a target (for the api's edits as for the seed): certification and
    /// target group not empty, texts not too long, a CQF level from 1 to 8 for every category
    /// but allied workers, none for them, and at most [`MAX_TARGET_TRAINEES`] trainees.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, value, max, optional) in [
            (
                "certification",
                &self.certification,
                MAX_TARGET_CERTIFICATION_CHARS,
                false,
            ),
            ("target_group", &self.target_group, MAX_TARGET_TEXT_CHARS, false),
            (
                "credits_or_duration",
                &self.credits_or_duration,
                MAX_TARGET_TEXT_CHARS,
                true,
            ),
            ("source_note", &self.source_note, MAX_TARGET_TEXT_CHARS, true),
        ] {
            if let Err(error) = bounded_text(field, value, max, optional) {
                errors.push(error);
            }
        }
        match (self.workforce_category, self.cqf_level) {
            (WorkforceCategory::AlliedWorker, Some(_)) => errors.push(FieldError::new(
                "cqf_level",
                "not_allowed",
                "must be empty for allied workers, whose certificate is not a CQF level",
            )),
            (WorkforceCategory::AlliedWorker, None) => {}
            (_, None) => errors.push(FieldError::new(
                "cqf_level",
                "required",
                "must be a CQF level from 1 to 8 for this workforce category",
            )),
            (_, Some(level)) => {
                if let Err(error) = CqfLevel::new(level) {
                    errors.push(error);
                }
            }
        }
        if self.trainees > MAX_TARGET_TRAINEES {
            errors.push(FieldError::new(
                "trainees",
                "out_of_range",
                format!("must be at most {}", group_thousands(MAX_TARGET_TRAINEES)),
            ));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// The columns of a targets file.
pub const TARGET_COLUMNS: &[ImportColumn] = &[
    ImportColumn {
        key: "certification",
        header_en: "Certification",
        header_km: "វិញ្ញាបនបត្រ",
        required: true,
        help_en: "The certificate, as the plan names it.",
        example: "Vocational Certificate",
    },
    ImportColumn {
        key: "cqf_level",
        header_en: "CQF level",
        header_km: "កម្រិត CQF",
        required: true,
        help_en: "1 to 8; empty for the allied workers' certificate.",
        example: "1",
    },
    ImportColumn {
        key: "workforce_category",
        header_en: "Workforce category",
        header_km: "ប្រភេទកម្លាំងពលកម្ម",
        required: true,
        help_en: "professional_social_worker, para_professional, para_social_worker or allied_worker.",
        example: "para_social_worker",
    },
    ImportColumn {
        key: "target_group",
        header_en: "Target group",
        header_km: "ក្រុមគោលដៅ",
        required: true,
        help_en: "Who is trained.",
        example: "CCWC commune/sangkat focal points",
    },
    ImportColumn {
        key: "organization_level",
        header_en: "Organisation level",
        header_km: "កម្រិតអង្គភាព",
        required: true,
        help_en: "national, province, district, commune or ngo.",
        example: "commune",
    },
    ImportColumn {
        key: "trainees",
        header_en: "Trainees",
        header_km: "ចំនួនសិក្ខាកាម",
        required: true,
        help_en: "How many are to be trained.",
        example: "3292",
    },
    ImportColumn {
        key: "credits_or_duration",
        header_en: "Credits or duration",
        header_km: "ក្រេឌីត ឬរយៈពេល",
        required: false,
        help_en: "The length of the training (30 credits, 15 days).",
        example: "30 credits",
    },
    ImportColumn {
        key: "source_note",
        header_en: "Source note",
        header_km: "កំណត់សម្គាល់ប្រភព",
        required: false,
        help_en: "Where the target comes from in the plan.",
        example: "Table 11",
    },
];

/// Validates one row of a targets file, its cells given by column key, into a [`PlanTarget`] or
/// every problem of the row.
pub fn parse_target_row(row: usize, cells: &[(&'static str, &str)]) -> Result<PlanTarget, Vec<ImportProblem>> {
    let mut problems = RowProblems { row, found: Vec::new() };
    let raw_level = cell(cells, "cqf_level");
    let cqf_level = if raw_level.is_empty() {
        Some(None)
    } else {
        let digits: String = raw_level.chars().map(ascii_digit).collect();
        problems.check(digits.parse::<CqfLevel>().map(|level| Some(level.get())))
    };
    let category =
        problems.check(required("workforce_category", cell(cells, "workforce_category")).and_then(str::parse));
    let organization_level =
        problems.check(required("organization_level", cell(cells, "organization_level")).and_then(str::parse));
    let trainees = problems.check(parse_whole_number(
        "trainees",
        cell(cells, "trainees"),
        MAX_TARGET_TRAINEES,
    ));
    let target = PlanTarget {
        certification: collapse_whitespace(cell(cells, "certification")),
        cqf_level: cqf_level.flatten(),
        workforce_category: category.unwrap_or(WorkforceCategory::AlliedWorker),
        target_group: collapse_whitespace(cell(cells, "target_group")),
        organization_level: organization_level.unwrap_or(OrganizationLevel::National),
        trainees: trainees.unwrap_or_default(),
        credits_or_duration: collapse_whitespace(cell(cells, "credits_or_duration")),
        source_note: collapse_whitespace(cell(cells, "source_note")),
    };
    if let Err(errors) = target.validate() {
        for error in errors {
            // Whether the level suits the category means nothing without a valid category and a
            // readable level, whose own problems are already reported.
            if error.field == "cqf_level" && (category.is_none() || cqf_level.is_none()) {
                continue;
            }
            problems.check::<()>(Err(error));
        }
    }
    let position = |column: &str| {
        TARGET_COLUMNS
            .iter()
            .position(|c| c.key == column)
            .unwrap_or(usize::MAX)
    };
    let mut found = problems.found;
    found.sort_by_key(|problem| position(&problem.column));
    if found.is_empty() { Ok(target) } else { Err(found) }
}

/// Reads a whole targets file (CSV, header row first), such as
/// `shared/data/reference/training_targets_2021_2025.csv`: every target, or every problem.
pub fn parse_targets_csv(text: &str) -> Result<Vec<PlanTarget>, Vec<ImportProblem>> {
    let records = csv_records(text).map_err(|problem| vec![problem])?;
    let Some(((_, headers), body)) = records.split_first() else {
        return Err(vec![ImportProblem::new(
            1,
            "file",
            "is empty: it needs a header row and at least one row",
        )]);
    };
    let mapped = map_columns(headers, TARGET_COLUMNS)?;
    let mut targets = Vec::with_capacity(body.len());
    let mut problems = Vec::new();
    for (row, record) in body {
        match parse_target_row(*row, &cells_by_key(&mapped, record)) {
            Ok(target) => targets.push(target),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(targets)
    } else {
        Err(problems)
    }
}

/// The targets summed by qualification level (`cqf-1`, ..., `allied`), in level order: what the
/// achieved counts of [`Indicator::Trained`] and [`Indicator::Certified`] by level are compared
/// with.
pub fn targets_by_level(targets: &[PlanTarget]) -> Vec<(QualificationLevel, u64)> {
    let mut sums: BTreeMap<(u8, &'static str), (QualificationLevel, u64)> = BTreeMap::new();
    for target in targets {
        let level = target.qualification_level();
        let order = level.cqf_level().map_or(u8::MAX, CqfLevel::get);
        let entry = sums.entry((order, level.as_str())).or_insert((level, 0));
        entry.1 = entry.1.saturating_add(target.trainees);
    }
    sums.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cells<'a>(edits: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
        let mut cells: Vec<(&'static str, &'a str)> = POPULATION_COLUMNS
            .iter()
            .map(|column| (column.key, column.example))
            .collect();
        for (key, value) in edits {
            cells.iter_mut().find(|(k, _)| k == key).unwrap().1 = value;
        }
        cells
    }

    fn columns(problems: &[ImportProblem]) -> Vec<&str> {
        problems.iter().map(|problem| problem.column.as_str()).collect()
    }

    fn figure(year: i32, count: u64) -> Option<Denominator> {
        Some(Denominator { year, count })
    }

    #[test]
    fn age_and_sex_bands_have_codes_and_aliases() {
        for band in AgeBand::ALL {
            assert_eq!(AgeBand::parse(band.code()), Ok(band));
            assert_eq!(band.code().parse::<AgeBand>(), Ok(band));
        }
        for sex in SexBand::ALL {
            assert_eq!(SexBand::parse(sex.code()), Ok(sex));
        }
        assert_eq!(AgeBand::parse("Children 0-17"), Ok(AgeBand::Children0To17));
        assert_eq!(AgeBand::parse("កុមារ ០-១៧"), Ok(AgeBand::Children0To17));
        assert_eq!(AgeBand::parse(" TOTAL "), Ok(AgeBand::Total));
        assert_eq!(AgeBand::parse("adults").unwrap_err().rule, "one_of");
        assert_eq!(SexBand::parse(""), Ok(SexBand::All));
        assert_eq!(SexBand::parse("ស្រី"), Ok(SexBand::Female));
        assert_eq!(SexBand::parse("M"), Ok(SexBand::Male));
        assert_eq!(SexBand::parse("x").unwrap_err().field, "sex");
        assert_eq!(
            serde_json::to_value(AgeBand::Children0To17).unwrap(),
            serde_json::json!("children_0_17")
        );
        assert_eq!(serde_json::to_value(SexBand::All).unwrap(), serde_json::json!("all"));
    }

    #[test]
    fn admin_levels_drill_down_and_read_codes() {
        assert_eq!(AdminLevel::National.child(), Some(AdminLevel::Province));
        assert_eq!(AdminLevel::Province.child(), Some(AdminLevel::District));
        assert_eq!(AdminLevel::District.child(), Some(AdminLevel::Commune));
        assert_eq!(AdminLevel::Commune.child(), None);
        for level in AdminLevel::ALL {
            if let Some(child) = level.child() {
                assert_eq!(child.parent(), Some(level));
            }
            assert_eq!(level.code().parse::<AdminLevel>(), Ok(level));
        }
        assert_eq!(AdminLevel::of_code("KH"), Some(AdminLevel::National));
        assert_eq!(AdminLevel::of_code("12"), Some(AdminLevel::Province));
        assert_eq!(AdminLevel::of_code("1201"), Some(AdminLevel::District));
        assert_eq!(AdminLevel::of_code("120101"), Some(AdminLevel::Commune));
        for bad in ["", "1", "123", "12010101", "kh", "12a1", "១២"] {
            assert_eq!(AdminLevel::of_code(bad), None, "{bad}");
        }
        assert_eq!("village".parse::<AdminLevel>().unwrap_err().rule, "one_of");
        assert_eq!(parent_code("120101").as_deref(), Some("1201"));
        assert_eq!(parent_code("1201").as_deref(), Some("12"));
        assert_eq!(parent_code("12").as_deref(), Some("KH"));
        assert_eq!(parent_code("KH"), None);
        assert_eq!(parent_code("x"), None);
        assert!(is_within("120101", "12"));
        assert!(is_within("120101", "KH"));
        assert!(is_within("12", "12"));
        assert!(!is_within("130101", "12"));
        assert!(!is_within("12", "1201"));
        assert!(!is_within("nonsense", "KH"));
    }

    #[test]
    fn population_headers_map_in_english_and_khmer() {
        let keys: Vec<String> = POPULATION_COLUMNS.iter().map(|c| c.key.to_owned()).collect();
        let expected: Vec<Option<&str>> = POPULATION_COLUMNS.iter().map(|c| Some(c.key)).collect();
        assert_eq!(map_population_headers(&keys).unwrap(), expected);
        let english: Vec<String> = POPULATION_COLUMNS.iter().map(|c| c.header_en.to_uppercase()).collect();
        assert_eq!(map_population_headers(&english).unwrap(), expected);
        let khmer: Vec<String> = POPULATION_COLUMNS
            .iter()
            .map(|c| format!(" {} ", c.header_km))
            .collect();
        assert_eq!(map_population_headers(&khmer).unwrap(), expected);
        let problems = map_population_headers(&[
            "\u{FEFF}Admin-unit code".into(),
            "Year".into(),
            "people".into(),
            "year".into(),
        ])
        .unwrap_err();
        assert_eq!(
            columns(&problems),
            vec!["people", "year", "age_band", "count", "source"]
        );
        assert!(problems.iter().all(|problem| problem.row == 1));
        assert!(problems[0].problem.starts_with("unknown column \"people\" (column C)"));
        assert_eq!(
            problems[1].problem,
            "column D repeats column B (year); keep only one of them"
        );
    }

    #[test]
    fn the_example_row_is_valid_and_lenient_cells_are_read() {
        let row = parse_population_row(2, &cells(&[])).unwrap();
        assert_eq!(row.admin_code, "KH");
        assert_eq!(row.year, 2024);
        assert_eq!(row.age_band, AgeBand::Total);
        assert_eq!(row.sex, SexBand::All);
        assert_eq!(row.count, 17_280_543);
        assert_eq!(
            row.denominator(),
            Denominator {
                year: 2024,
                count: 17_280_543
            }
        );
        let row = parse_population_row(
            9,
            &[
                ("admin_code", "10201"),
                ("year", "២០១៩"),
                ("age_band", "children"),
                ("count", "១.២៣៤.៥៦៧"),
                ("source", "  2019   census "),
            ],
        )
        .unwrap();
        assert_eq!(
            (
                row.row,
                row.admin_code.as_str(),
                row.year,
                row.age_band,
                row.sex,
                row.count
            ),
            (9, "010201", 2019, AgeBand::Children0To17, SexBand::All, 1_234_567)
        );
        assert_eq!(row.source, "2019 census");
        for (raw, count) in [
            ("1,234", 1_234),
            ("12 345 678", 12_345_678),
            ("0", 0),
            ("100000000", 100_000_000),
        ] {
            assert_eq!(
                parse_whole_number("count", raw, MAX_POPULATION_COUNT),
                Ok(count),
                "{raw}"
            );
        }
    }

    #[test]
    fn a_bad_row_reports_every_problem_by_column() {
        let problems = parse_population_row(
            4,
            &cells(&[
                ("admin_code", "12010101"),
                ("year", "1989"),
                ("age_band", "adults"),
                ("sex", "x"),
                ("count", "100000001"),
                ("source", ""),
            ]),
        )
        .unwrap_err();
        assert_eq!(
            columns(&problems),
            vec!["admin_code", "year", "age_band", "sex", "count", "source"]
        );
        assert!(problems.iter().all(|problem| problem.row == 4));
        assert_eq!(problems[1].problem, "must be from 1990 to 2100");
        assert_eq!(problems[4].problem, "must be at most 100,000,000");
        assert_eq!(problems[5].problem, "must not be empty");
        for bad in ["1.5", "12,34", "-3", "3e6", "1,2345", "12 34"] {
            assert_eq!(
                parse_whole_number("count", bad, MAX_POPULATION_COUNT).unwrap_err().rule,
                "format",
                "{bad}"
            );
        }
        assert_eq!(parse_population_year("year", "20x4").unwrap_err().rule, "format");
        assert_eq!(parse_population_year("year", "").unwrap_err().rule, "required");
        assert_eq!(parse_population_year("year", "2101").unwrap_err().rule, "out_of_range");
        let long = "s".repeat(MAX_POPULATION_SOURCE_CHARS + 1);
        let problems = parse_population_row(3, &cells(&[("source", &long)])).unwrap_err();
        assert_eq!(columns(&problems), vec!["source"]);
    }

    #[test]
    fn a_population_file_reads_whole_or_reports_every_problem() {
        let csv = "\u{FEFF}Admin unit code,Year,Age band,Sex,Count,Source\r\n\
                   KH,2024,total,all,\"17,280,543\",\"NAP VAC 2025-2030, section 1.2\"\r\n\
                   12,2019,children_0_17,female,123456,2019 census\r\n\
                   \r\n\
                   12,2019,children_0_17,,234567,2019 census\r\n";
        let rows = parse_population_csv(csv).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].count, 17_280_543);
        assert_eq!(rows[0].source, "NAP VAC 2025-2030, section 1.2");
        assert_eq!(rows[2].row, 5, "the blank line still counts as a spreadsheet row");
        let repeated = format!("{csv}12,2019,children,all,1,again\n");
        let problems = parse_population_csv(&repeated).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, 6);
        assert!(problems[0].problem.starts_with("repeats the figure of row 5"));
        let bad = "admin_code,year,age_band,count,source\n12345678,2019,total,1,x\n12,2019,total,,x\n";
        let problems = parse_population_csv(bad).unwrap_err();
        assert_eq!(
            problems.iter().map(|p| (p.row, p.column.as_str())).collect::<Vec<_>>(),
            vec![(2, "admin_code"), (3, "count")]
        );
        assert_eq!(parse_population_csv("").unwrap_err()[0].column, "file");
        assert_eq!(
            parse_population_csv("admin_code,year,age_band,count,source\n").unwrap_err()[0].row,
            2
        );
        assert_eq!(
            parse_population_csv("admin_code,\"year\n").unwrap_err()[0].column,
            "file"
        );
    }

    #[test]
    fn the_population_template_parses_back() {
        let template = population_template_csv();
        assert_eq!(
            template.lines().next(),
            Some("admin_code,year,age_band,sex,count,source")
        );
        let rows = parse_population_csv(&template).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].count, 17_280_543);
        let help = population_template_help_csv();
        assert_eq!(help.lines().count(), POPULATION_COLUMNS.len() + 1);
        assert!(help.contains("\nsex,Sex,ភេទ,no,\"all, female or male. Empty means all.\",all\n"));
    }

    #[test]
    fn rates_name_and_flag_their_denominator() {
        let rate = rate_per_100k(596, figure(2024, 1_000_000), 2025, 5);
        assert_eq!(
            rate,
            Rate {
                per_100k: Some("59.6".into()),
                denominator_year: Some(2024),
                flag: RateFlag::None
            }
        );
        let missing = rate_per_100k(596, None, 2025, 5);
        assert_eq!(
            (missing.per_100k, missing.denominator_year, missing.flag),
            (None, None, RateFlag::Missing)
        );
        let zero = rate_per_100k(596, figure(2024, 0), 2025, 5);
        assert_eq!(
            (zero.per_100k, zero.denominator_year, zero.flag),
            (None, Some(2024), RateFlag::Zero)
        );
        assert_eq!(rate_per_100k(1, figure(2020, 10), 2025, 5).flag, RateFlag::None);
        assert_eq!(
            rate_per_100k(1, figure(2019, 10), 2025, 5).flag,
            RateFlag::Stale { years_old: 6 }
        );
        assert_eq!(rate_per_100k(1, figure(2030, 10), 2025, 0).flag, RateFlag::None);
        assert_eq!(
            rate_per_100k(0, figure(2025, 7), 2025, 5).per_100k.as_deref(),
            Some("0.0")
        );
        assert_eq!(
            rate_per_100k(7, figure(2025, 7), 2025, 5).per_100k.as_deref(),
            Some("100000.0")
        );
        let huge = rate_per_100k(u64::MAX, figure(i32::MIN, 1), i32::MAX, 0);
        assert_eq!(huge.flag, RateFlag::Stale { years_old: u32::MAX });
        assert_eq!(huge.per_100k.unwrap(), format!("{}00000.0", u64::MAX));
        assert_eq!(RateFlag::CODES, ["", "stale", "missing", "zero"]);
        assert_eq!(
            serde_json::to_value(RateFlag::Stale { years_old: 6 }).unwrap(),
            serde_json::json!({"kind": "stale", "years_old": 6})
        );
    }

    #[test]
    fn rounding_is_half_up_at_one_place() {
        // 1 per 200,000 is 0.5 per 100,000 exactly; 1 per 2,000,000 is 0.05, which rounds up.
        assert_eq!(
            rate_per_100k(1, figure(2025, 200_000), 2025, 5).per_100k.as_deref(),
            Some("0.5")
        );
        assert_eq!(
            rate_per_100k(1, figure(2025, 2_000_000), 2025, 5).per_100k.as_deref(),
            Some("0.1")
        );
        assert_eq!(
            rate_per_100k(1, figure(2025, 2_000_001), 2025, 5).per_100k.as_deref(),
            Some("0.0")
        );
        assert_eq!(share_percent(1, 3).as_deref(), Some("33.3"));
        assert_eq!(share_percent(2, 3).as_deref(), Some("66.7"));
        assert_eq!(share_percent(1, 8).as_deref(), Some("12.5"));
        assert_eq!(share_percent(1, 16).as_deref(), Some("6.3"));
        assert_eq!(share_percent(0, 16).as_deref(), Some("0.0"));
        assert_eq!(share_percent(0, 0), None);
        assert_eq!(progress_against_target(3292, 3292).as_deref(), Some("100.0"));
    }

    #[test]
    fn the_denominator_is_the_latest_figure_not_after_the_year() {
        let figures = [
            Denominator { year: 2008, count: 1 },
            Denominator { year: 2019, count: 2 },
            Denominator { year: 2030, count: 3 },
            Denominator { year: 2028, count: 4 },
        ];
        assert_eq!(pick_denominator(&figures, 2025).map(|d| d.year), Some(2019));
        assert_eq!(pick_denominator(&figures, 2019).map(|d| d.year), Some(2019));
        assert_eq!(pick_denominator(&figures, 2000).map(|d| d.year), Some(2008));
        assert_eq!(pick_denominator(&figures[2..], 2025).map(|d| d.year), Some(2028));
        assert_eq!(pick_denominator(&[], 2025), None);
    }

    #[test]
    fn indicators_have_stable_unique_codes() {
        let mut codes = std::collections::HashSet::new();
        let mut dhis2 = std::collections::HashSet::new();
        for indicator in Indicator::ALL {
            assert!(codes.insert(indicator.code()));
            assert!(dhis2.insert(indicator.dhis2_code()));
            assert!(indicator.dhis2_code().starts_with("KL_"));
            assert!(
                indicator.dhis2_code().len() <= 50,
                "DHIS2 codes are at most 50 characters"
            );
            assert_eq!(indicator.code().parse::<Indicator>(), Ok(indicator));
            assert_eq!(
                serde_json::to_value(indicator).unwrap(),
                serde_json::json!(indicator.code())
            );
            assert!(indicator.definition().ends_with('.'));
            assert_eq!(
                indicator.denominator_age_band().is_some(),
                indicator.unit() == IndicatorUnit::Per100k
            );
        }
        assert_eq!(Indicator::CcwcCoverage.unit(), IndicatorUnit::Percent);
        assert_eq!(Indicator::CcwcCoverage.finest_level(), AdminLevel::District);
        assert_eq!(
            Indicator::WorkersPer100kChildren.dhis2_code(),
            "KL_WORKERS_PER_100K_CHILDREN"
        );
        assert_eq!(
            Indicator::WorkersPer100kChildren.denominator_age_band(),
            Some(AgeBand::Children0To17)
        );
        assert!(Indicator::Certified.counts_a_year());
        assert!(!Indicator::WorkforceCount.counts_a_year());
        assert_eq!(
            serde_json::to_value(IndicatorUnit::Per100k).unwrap(),
            serde_json::json!("per_100k")
        );
        assert_eq!("nope".parse::<Indicator>().unwrap_err().field, "indicator");
        for breakdown in Breakdown::ALL {
            assert_eq!(breakdown.code().parse::<Breakdown>(), Ok(breakdown));
        }
        assert_eq!(
            Breakdown::Category.category_option_code("para_social_worker"),
            "CATEGORY_PARA_SOCIAL_WORKER"
        );
    }

    #[test]
    fn exports_write_flags_never_zeros() {
        let rows = vec![
            StatisticRow::count(Indicator::WorkforceCount, "KH", 2025, 4252),
            StatisticRow::count(Indicator::WorkforceCount, "12", 2025, 300).with_breakdown(Breakdown::Sex, "female"),
            StatisticRow::rate(
                Indicator::WorkersPer100kChildren,
                "12",
                2025,
                300,
                figure(2019, 500_000),
                5,
            ),
            StatisticRow::rate(Indicator::WorkersPer100kChildren, "13", 2025, 30, None, 5),
            StatisticRow::share(Indicator::CcwcCoverage, "1201", 2025, 3, 8),
            StatisticRow::share(Indicator::CcwcCoverage, "1202", 2025, 0, 0),
        ];
        let csv = statistics_csv(&rows);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], STATISTICS_CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "workforce_count,KL_WORKFORCE_COUNT,count,KH,national,2025,,,4252,4252,,,,,"
        );
        assert_eq!(
            lines[2],
            "workforce_count,KL_WORKFORCE_COUNT,count,12,province,2025,sex,female,300,300,,,,,SEX_FEMALE"
        );
        assert_eq!(
            lines[3],
            "workers_per_100k_children,KL_WORKERS_PER_100K_CHILDREN,per_100k,12,province,2025,,,60.0,300,500000,2019,stale,6,"
        );
        assert_eq!(
            lines[4],
            "workers_per_100k_children,KL_WORKERS_PER_100K_CHILDREN,per_100k,13,province,2025,,,,30,,,missing,,"
        );
        assert_eq!(
            lines[5],
            "ccwc_coverage,KL_CCWC_COVERAGE_PCT,percent,1201,district,2025,,,37.5,3,8,,,,"
        );
        assert_eq!(
            lines[6],
            "ccwc_coverage,KL_CCWC_COVERAGE_PCT,percent,1202,district,2025,,,,0,0,,zero,,"
        );
        assert!(!csv.contains("inf") && !csv.contains("NaN"));

        let set = dhis2_data_value_set(&rows);
        assert_eq!(set.data_values.len(), 4, "values that cannot be computed are left out");
        let json = serde_json::to_value(&set).unwrap();
        assert_eq!(json["dataElementIdScheme"], "CODE");
        assert_eq!(json["orgUnitIdScheme"], "CODE");
        assert_eq!(
            json["dataValues"][0],
            serde_json::json!({"dataElement": "KL_WORKFORCE_COUNT", "period": "2025", "orgUnit": "KH", "value": "4252"})
        );
        assert_eq!(json["dataValues"][1]["categoryOptionCombo"], "SEX_FEMALE");
        assert_eq!(json["dataValues"][2]["value"], "60.0");
        assert_eq!(json["dataValues"][2]["comment"], "population 2019 (stale: 6 years old)");
        assert_eq!(json["dataValues"][3]["dataElement"], "KL_CCWC_COVERAGE_PCT");
    }

    const TARGETS_HEADER: &str = "certification,cqf_level,workforce_category,target_group,organization_level,trainees,credits_or_duration,source_note\n";

    #[test]
    fn targets_parse_and_check_their_rules() {
        let csv = format!(
            "{TARGETS_HEADER}Vocational Certificate,1,para_social_worker,\"CCWC focal points\",commune,3292,30 credits,\"Table 11; Annex 1 (USD 11,977,350)\"\n\
             Certificate (allied workers),,allied_worker,Committees,national,40,15 days,Table 11\n"
        );
        let targets = parse_targets_csv(&csv).unwrap();
        assert_eq!(targets.len(), 2);
        assert_eq!(targets[0].cqf_level, Some(1));
        assert_eq!(targets[0].source_note, "Table 11; Annex 1 (USD 11,977,350)");
        assert_eq!(targets[0].qualification_level().as_str(), "cqf-1");
        assert_eq!(targets[1].qualification_level().as_str(), "allied");
        assert_eq!(targets[1].organization_level, OrganizationLevel::National);
        assert_eq!(
            targets_by_level(&targets)
                .iter()
                .map(|(level, n)| (level.as_str(), *n))
                .collect::<Vec<_>>(),
            vec![("cqf-1", 3292), ("allied", 40)]
        );

        let bad = format!(
            "{TARGETS_HEADER}TVC 1,,para_professional,Officers,district,406,,\n\
             Certificate,2,allied_worker,Committees,national,40,,\n\
             ,9,nurse,,village,lots,,\n"
        );
        let problems = parse_targets_csv(&bad).unwrap_err();
        assert_eq!(
            problems.iter().map(|p| (p.row, p.column.as_str())).collect::<Vec<_>>(),
            vec![
                (2, "cqf_level"),
                (3, "cqf_level"),
                (4, "certification"),
                (4, "cqf_level"),
                (4, "workforce_category"),
                (4, "target_group"),
                (4, "organization_level"),
                (4, "trainees"),
            ]
        );
        let unknown = parse_targets_csv("certification,budget\n").unwrap_err();
        assert!(unknown.iter().any(|p| p.column == "budget"));
    }

    proptest! {
        #[test]
        fn a_rate_is_exact_or_absent(count in any::<u64>(), denominator in proptest::option::of((1990i32..2100, any::<u64>())), as_of in 1990i32..2100, stale in 0u32..20) {
            let rate = rate_per_100k(count, denominator.map(|(year, count)| Denominator { year, count }), as_of, stale);
            match (denominator, &rate.per_100k) {
                (None, None) => prop_assert_eq!(rate.flag, RateFlag::Missing),
                (Some((_, 0)), None) => prop_assert_eq!(rate.flag, RateFlag::Zero),
                (Some((_, d)), Some(text)) => {
                    prop_assert!(!text.contains("inf") && !text.contains("NaN"));
                    let (whole, tenth) = text.split_once('.').expect("one decimal place");
                    prop_assert_eq!(tenth.len(), 1);
                    let shown = whole.parse::<u128>().unwrap() * 10 + tenth.parse::<u128>().unwrap();
                    // |shown / 10 - count * 100000 / d| <= 1/20: shown is the nearest tenth.
                    let exact_times_20 = u128::from(count) * 100_000 * 20;
                    let shown_times_20 = shown * 2 * u128::from(d);
                    prop_assert!(shown_times_20.abs_diff(exact_times_20) <= u128::from(d), "{} for {}/{}", text, count, d);
                    prop_assert!(shown_times_20 + u128::from(d) > exact_times_20, "half rounds up");
                    prop_assert_eq!(rate.denominator_year, denominator.map(|(year, _)| year));
                }
                _ => prop_assert!(false, "unexpected {:?}", rate),
            }
        }

        #[test]
        fn a_share_never_panics_and_stays_exact(numerator in any::<u64>(), denominator in any::<u64>()) {
            match share_percent(numerator, denominator) {
                None => prop_assert_eq!(denominator, 0),
                Some(text) => {
                    let (whole, tenth) = text.split_once('.').unwrap();
                    let shown = whole.parse::<u128>().unwrap() * 10 + tenth.parse::<u128>().unwrap();
                    let exact_times_20 = u128::from(numerator) * 100 * 20;
                    prop_assert!((shown * 2 * u128::from(denominator)).abs_diff(exact_times_20) <= u128::from(denominator));
                }
            }
        }

        #[test]
        fn any_population_cells_give_a_row_or_problems_in_known_columns(
            values in proptest::collection::vec("\\PC{0,12}", POPULATION_COLUMNS.len()),
            row in 2usize..100_000,
        ) {
            let cells: Vec<(&'static str, &str)> =
                POPULATION_COLUMNS.iter().zip(&values).map(|(column, value)| (column.key, value.as_str())).collect();
            match parse_population_row(row, &cells) {
                Ok(parsed) => {
                    prop_assert!(AdminLevel::of_code(&parsed.admin_code).is_some());
                    prop_assert!(POPULATION_YEARS.contains(&parsed.year));
                    prop_assert!(parsed.count <= MAX_POPULATION_COUNT);
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    for problem in problems {
                        prop_assert_eq!(problem.row, row);
                        prop_assert!(POPULATION_COLUMNS.iter().any(|c| c.key == problem.column), "{}", problem.column);
                    }
                }
            }
        }

        #[test]
        fn any_text_parses_as_csv_without_panicking(text in "[a-z0-9,\"\r\n ]{0,200}") {
            let _ = parse_population_csv(&text);
            let _ = parse_targets_csv(&text);
        }

        #[test]
        fn any_number_text_is_a_number_or_a_rule(raw in "\\PC{0,16}") {
            match parse_whole_number("count", &raw, MAX_POPULATION_COUNT) {
                Ok(n) => prop_assert!(n <= MAX_POPULATION_COUNT),
                Err(error) => prop_assert!(["required", "format", "out_of_range"].contains(&error.rule)),
            }
        }
    }
}
