//! Bulk import of workers from a spreadsheet (CSV or XLSX): the documented template, the mapping
//! of its header row (English keys, English headers or Khmer headers), and the validation of each
//! row into a [`WorkerRow`] or a list of [`ImportProblem`]s (row, column, problem), every problem
//! of a row at once so that a registrar fixes the file in one pass.
//!
//! Reading the file, checking that organisations and duty stations exist, and writing the workers
//! are the api's job; everything here is pure.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::worker::parse_code;
use crate::{
    BirthDate, EmailAddress, EmploymentType, FieldError, NationalId, PersonName, PhoneNumber, Sex, WorkforceCategory,
    likely_duplicate, parse_date, parse_duty_station_code, parse_yes_no,
};

/// One column of the import template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportColumn {
    /// The stable key, also the English header of the template, e.g. `birth_date`.
    pub key: &'static str,
    /// A readable English header, accepted in place of the key, e.g. `Birth date`.
    pub header_en: &'static str,
    /// The Khmer header, accepted in place of the key, e.g. `ថ្ងៃខែឆ្នាំកំណើត`.
    pub header_km: &'static str,
    /// Whether the column must be in the file (and the cell filled). The name columns are not
    /// required one by one: a file needs both Khmer name columns, or both Latin ones, or all four.
    pub required: bool,
    /// What to write in the column, in English.
    pub help_en: &'static str,
    /// An example value (the template's example row).
    pub example: &'static str,
}

/// The columns of the import template, in the template's order.
pub const IMPORT_COLUMNS: &[ImportColumn] = &[
    ImportColumn {
        key: "family_name_km",
        header_en: "Family name (Khmer)",
        header_km: "នាមត្រកូល (ខ្មែរ)",
        required: false,
        help_en: "Family name in Khmer script. Each worker needs the family and given names in Khmer, or in Latin letters, or both.",
        example: "គំរូ",
    },
    ImportColumn {
        key: "given_name_km",
        header_en: "Given name (Khmer)",
        header_km: "នាមខ្លួន (ខ្មែរ)",
        required: false,
        help_en: "Given name in Khmer script.",
        example: "សាកល្បង",
    },
    ImportColumn {
        key: "family_name_latin",
        header_en: "Family name (Latin)",
        header_km: "នាមត្រកូល (ឡាតាំង)",
        required: false,
        help_en: "Family name in Latin letters (accents, spaces, hyphens, apostrophes and periods allowed).",
        example: "Example",
    },
    ImportColumn {
        key: "given_name_latin",
        header_en: "Given name (Latin)",
        header_km: "នាមខ្លួន (ឡាតាំង)",
        required: false,
        help_en: "Given name in Latin letters.",
        example: "Sample",
    },
    ImportColumn {
        key: "sex",
        header_en: "Sex",
        header_km: "ភេទ",
        required: true,
        help_en: "female or male (f, m, ស្រី and ប្រុស are also accepted).",
        example: "female",
    },
    ImportColumn {
        key: "birth_date",
        header_en: "Birth date",
        header_km: "ថ្ងៃខែឆ្នាំកំណើត",
        required: true,
        help_en: "YYYY-MM-DD or DD/MM/YYYY. The worker must be 15 to 100 years old.",
        example: "1990-01-01",
    },
    ImportColumn {
        key: "national_id",
        header_en: "National ID",
        header_km: "លេខអត្តសញ្ញាណប័ណ្ណ",
        required: false,
        help_en: "Number of the national identity card, 9 or 10 digits (spaces and dashes are ignored). May be empty; must not repeat in the file or in the registry.",
        example: "000000001",
    },
    ImportColumn {
        key: "phone",
        header_en: "Phone",
        header_km: "លេខទូរស័ព្ទ",
        required: false,
        help_en: "Phone number such as 012 345 678 or +855 12 345 678; stored as +85512345678. May be empty.",
        example: "012 000 000",
    },
    ImportColumn {
        key: "email",
        header_en: "Email",
        header_km: "អ៊ីមែល",
        required: false,
        help_en: "Email address. May be empty.",
        example: "example@example.org",
    },
    ImportColumn {
        key: "category",
        header_en: "Workforce category",
        header_km: "ប្រភេទកម្លាំងពលកម្ម",
        required: true,
        help_en: "One of professional_social_worker, para_professional, para_social_worker, allied_worker.",
        example: "para_social_worker",
    },
    ImportColumn {
        key: "organization_id",
        header_en: "Organisation ID",
        header_km: "អង្គភាព",
        required: true,
        help_en: "ID of the organisation the worker is posted to, as shown on the organisation's page in Kamlang (a UUID).",
        example: "00000000-0000-0000-0000-000000000000",
    },
    ImportColumn {
        key: "duty_station_code",
        header_en: "Duty station code",
        header_km: "ទីកន្លែងបំពេញការងារ",
        required: true,
        help_en: "Gazetteer code of the province (2 digits), district (4 digits) or commune (6 digits) where the worker serves, e.g. 120101.",
        example: "120101",
    },
    ImportColumn {
        key: "position_title",
        header_en: "Position title",
        header_km: "មុខតំណែង",
        required: false,
        help_en: "Title of the position, at most 200 characters. May be empty.",
        example: "Commune child protection focal point",
    },
    ImportColumn {
        key: "focal_point",
        header_en: "Child-protection focal point",
        header_km: "ជាអ្នកទទួលបន្ទុកការពារកុមារ",
        required: false,
        help_en: "yes or no (also true/false, 1/0, បាទ/ចាស/មែន for yes, ទេ/អត់ for no). Empty means no.",
        example: "yes",
    },
    ImportColumn {
        key: "employment_type",
        header_en: "Employment type",
        header_km: "ប្រភេទការងារ",
        required: false,
        help_en: "civil_servant, contract or volunteer (or មន្ត្រីរាជការ, កិច្ចសន្យា, ស្ម័គ្រចិត្ត). Empty means contract.",
        example: "civil_servant",
    },
    ImportColumn {
        key: "posting_start_date",
        header_en: "Posting start date",
        header_km: "ថ្ងៃចាប់ផ្តើមការងារ",
        required: true,
        help_en: "First day of the posting: YYYY-MM-DD or DD/MM/YYYY.",
        example: "2024-01-15",
    },
];

/// The longest position title, in characters.
pub const MAX_POSITION_TITLE_CHARS: usize = 200;

const NAME_COLUMNS: [&str; 4] = [
    "family_name_km",
    "given_name_km",
    "family_name_latin",
    "given_name_latin",
];

/// The column of the template whose key is `key`.
pub fn import_column(key: &str) -> Option<&'static ImportColumn> {
    IMPORT_COLUMNS.iter().find(|column| column.key == key)
}

/// One problem of an import file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    /// The spreadsheet row, counted from 1; the header row is row 1, the first worker row 2.
    pub row: usize,
    /// The column key (e.g. `birth_date`); for an unknown header, the header as written.
    pub column: String,
    /// An English sentence naming the rule, e.g. "is not a real date (...)".
    pub problem: String,
}

impl ImportProblem {
    /// A problem at `row` in `column`.
    pub fn new(row: usize, column: impl Into<String>, problem: impl Into<String>) -> ImportProblem {
        ImportProblem {
            row,
            column: column.into(),
            problem: problem.into(),
        }
    }

    /// The problem a [`FieldError`] makes at `row`: its field is the column, its message the
    /// problem.
    pub fn from_field_error(row: usize, error: FieldError) -> ImportProblem {
        ImportProblem {
            row,
            column: error.field,
            problem: error.message,
        }
    }
}

impl fmt::Display for ImportProblem {
    /// `row 3, birth_date: is not a real date ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, {}: {}", self.row, self.column, self.problem)
    }
}

/// The spreadsheet letter of the column at `index` (0-based): A, B, ..., Z, AA, AB, ...
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The form a header is compared in: without a byte order mark, NFC, lowercase, and without
/// whitespace, zero width characters, underscores, hyphens and parentheses; subscript DA read as
/// subscript TA (ផ្ដើម and ផ្តើម are both written).
fn header_form(header: &str) -> String {
    let form: String = header
        .chars()
        .filter(|c| *c != '\u{FEFF}')
        .nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '_' | '-' | '(' | ')'))
        .collect();
    form.replace("\u{17D2}\u{178A}", "\u{17D2}\u{178F}")
}

/// Maps the header row of a file to the template's column keys, one entry per header: the key,
/// or `None` for a blank header (a column left empty, ignored).
///
/// Each header is matched ignoring case, surrounding and inner spaces, a byte order mark,
/// underscores, hyphens and parentheses, against the key, the English header and the Khmer header
/// of each column (so `birth_date`, `Birth date` and `ថ្ងៃខែឆ្នាំកំណើត` all name the same column).
/// Problems, all on row 1: an unknown header (its column is the header as written), a column
/// given twice, a required column missing, and name columns that make no complete script.
pub fn map_headers(headers: &[String]) -> Result<Vec<Option<&'static str>>, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let mut mapped = Vec::with_capacity(headers.len());
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let form = header_form(header);
        if form.is_empty() {
            mapped.push(None);
            continue;
        }
        let column = IMPORT_COLUMNS.iter().find(|column| {
            [column.key, column.header_en, column.header_km]
                .iter()
                .any(|name| header_form(name) == form)
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
                let keys: Vec<&str> = IMPORT_COLUMNS.iter().map(|column| column.key).collect();
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
    for column in IMPORT_COLUMNS.iter().filter(|column| column.required) {
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
    let has = |key: &str| seen.contains_key(key);
    let khmer_started = has(NAME_COLUMNS[0]) || has(NAME_COLUMNS[1]);
    let latin_started = has(NAME_COLUMNS[2]) || has(NAME_COLUMNS[3]);
    let complete = (has(NAME_COLUMNS[0]) && has(NAME_COLUMNS[1])) || (has(NAME_COLUMNS[2]) && has(NAME_COLUMNS[3]));
    if !complete {
        for (i, key) in NAME_COLUMNS.into_iter().enumerate() {
            let started = if i < 2 { khmer_started } else { latin_started };
            if !has(key) && (started || (!khmer_started && !latin_started)) {
                problems.push(ImportProblem::new(
                    1,
                    key,
                    format!(
                        "missing column {key}: the file needs the family and given name columns in Khmer script, or in Latin script, or both"
                    ),
                ));
            }
        }
    }
    if problems.is_empty() { Ok(mapped) } else { Err(problems) }
}

/// One valid row of an import file: a new worker and their first posting.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerRow {
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    pub name: PersonName,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub national_id: Option<NationalId>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<EmailAddress>,
    pub category: WorkforceCategory,
    /// The organisation's id, a syntactically valid UUID in lowercase; the api checks it exists.
    pub organization_id: String,
    /// A gazetteer code of 2, 4 or 6 digits; the api checks it exists.
    pub duty_station_code: String,
    pub position_title: Option<String>,
    /// Whether the worker is a child-protection focal point; an empty cell is no.
    pub focal_point: bool,
    /// The employment type; an empty cell is `contract`.
    pub employment_type: EmploymentType,
    /// The first day of the posting, which is open (no end date).
    pub posting_start: NaiveDate,
}

/// Validates one row of an import file, given its cells by column key (a key missing from
/// `cells` is an empty cell), and returns every problem of the row, not only the first.
///
/// `row` is the spreadsheet row (the header is row 1) and `today` the day the plausible birth
/// dates count from. Cells are trimmed. The checks are those of [`PersonName::parse`],
/// [`Sex`], [`BirthDate::parse`], [`NationalId::parse`], [`PhoneNumber::parse`],
/// [`EmailAddress::parse`], the workforce category codes (any case, spaces or hyphens for
/// underscores), a UUID for `organization_id`, [`parse_duty_station_code`], a position title of
/// at most 200 characters, [`parse_yes_no`] for `focal_point`, [`EmploymentType`] (empty is
/// `contract`) and [`parse_date`] for `posting_start_date`.
pub fn parse_row(
    row: usize,
    cells: &[(&'static str, &str)],
    today: NaiveDate,
) -> Result<WorkerRow, Vec<ImportProblem>> {
    let cell = |key: &str| -> &str {
        cells
            .iter()
            .find(|(column, _)| *column == key)
            .map_or("", |(_, value)| value.trim())
    };
    let optional = |key: &str| Some(cell(key)).filter(|value| !value.is_empty());
    let mut problems = Problems { row, found: Vec::new() };

    let name = PersonName::parse(
        optional("family_name_km"),
        optional("given_name_km"),
        optional("family_name_latin"),
        optional("given_name_latin"),
    );
    let sex = problems.check(required(cell("sex"), "sex").and_then(|raw| raw.parse::<Sex>()));
    let birth_date = problems.check(BirthDate::parse("birth_date", cell("birth_date"), today));
    let national_id = optional("national_id").map(|raw| problems.check(NationalId::parse("national_id", raw)));
    let phone = optional("phone").map(|raw| problems.check(PhoneNumber::parse("phone", raw)));
    let email = optional("email").map(|raw| problems.check(EmailAddress::parse("email", raw)));
    let category = problems.check(
        required(cell("category"), "category")
            .and_then(|raw| parse_code(raw, &WorkforceCategory::ALL, WorkforceCategory::as_str, &[], "category")),
    );
    let organization_id = problems.check(parse_uuid("organization_id", cell("organization_id")));
    let duty_station_code = problems.check(parse_duty_station_code("duty_station_code", cell("duty_station_code")));
    let position_title = optional("position_title").map(|raw| problems.check(position_title(raw)));
    let focal_point = problems.check(parse_yes_no("focal_point", cell("focal_point")));
    let employment_type = problems.check(match optional("employment_type") {
        None => Ok(EmploymentType::Contract),
        Some(raw) => raw.parse::<EmploymentType>(),
    });
    let posting_start = problems.check(parse_date("posting_start_date", cell("posting_start_date")));

    let name = name.map_err(|errors| {
        for error in errors {
            problems.check::<()>(Err(error));
        }
    });
    // In the order of the template's columns.
    let mut problems = problems.found;
    problems.sort_by_key(|problem| column_position(&problem.column));

    match (
        name,
        sex,
        birth_date,
        national_id.map(|id| id.ok_or(())).transpose(),
        phone.map(|phone| phone.ok_or(())).transpose(),
        email.map(|email| email.ok_or(())).transpose(),
        category,
        organization_id,
        duty_station_code,
        position_title.map(|title| title.ok_or(())).transpose(),
        focal_point,
        employment_type,
        posting_start,
    ) {
        (
            Ok(name),
            Some(sex),
            Some(birth_date),
            Ok(national_id),
            Ok(phone),
            Ok(email),
            Some(category),
            Some(organization_id),
            Some(duty_station_code),
            Ok(position_title),
            Some(focal_point),
            Some(employment_type),
            Some(posting_start),
        ) if problems.is_empty() => Ok(WorkerRow {
            row,
            name,
            sex,
            birth_date,
            national_id,
            phone,
            email,
            category,
            organization_id,
            duty_station_code,
            position_title,
            focal_point,
            employment_type,
            posting_start,
        }),
        _ => Err(problems),
    }
}

/// The problems of one row, collected as its cells are checked.
struct Problems {
    row: usize,
    found: Vec<ImportProblem>,
}

impl Problems {
    /// The value of `result`, or `None` after noting its error.
    fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result
            .map_err(|error| self.found.push(ImportProblem::from_field_error(self.row, error)))
            .ok()
    }
}

/// The position of a column in the template, for ordering problems; unknown columns last.
fn column_position(key: &str) -> usize {
    IMPORT_COLUMNS
        .iter()
        .position(|column| column.key == key)
        .unwrap_or(IMPORT_COLUMNS.len())
}

fn required<'a>(raw: &'a str, field: &str) -> Result<&'a str, FieldError> {
    if raw.is_empty() {
        Err(FieldError::new(field, "required", "must not be empty"))
    } else {
        Ok(raw)
    }
}

/// A UUID written 8-4-4-4-12 hexadecimal digits, lowercased.
fn parse_uuid(field: &str, raw: &str) -> Result<String, FieldError> {
    let text = required(raw.trim(), field)?.to_ascii_lowercase();
    let well_formed = text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    if !well_formed {
        return Err(FieldError::new(
            field,
            "format",
            "must be the organisation's ID as shown in Kamlang, a UUID such as 0190c3e2-7b1a-7c00-8000-00000000002a",
        ));
    }
    Ok(text)
}

fn position_title(raw: &str) -> Result<String, FieldError> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() > MAX_POSITION_TITLE_CHARS {
        return Err(FieldError::new(
            "position_title",
            "too_long",
            format!("must be at most {MAX_POSITION_TITLE_CHARS} characters"),
        ));
    }
    Ok(title)
}

/// A national ID repeated inside the file: a problem on every row that repeats it, naming the
/// first row that has it.
pub fn find_repeated_national_ids(rows: &[WorkerRow]) -> Vec<ImportProblem> {
    let mut first_rows: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for row in rows {
        let Some(id) = &row.national_id else { continue };
        match first_rows.get(id.as_str()) {
            Some(first) => problems.push(ImportProblem::new(
                row.row,
                "national_id",
                format!("repeats national ID {id} of row {first}; each worker appears once"),
            )),
            None => {
                first_rows.insert(id.as_str(), row.row);
            }
        }
    }
    problems
}

/// Pairs of rows of the file that are likely the same person ([`likely_duplicate`]: the same
/// birth date and similar names), as (earlier row, later row). A warning to show, not a refusal.
pub fn find_likely_duplicate_rows(rows: &[WorkerRow]) -> Vec<(usize, usize)> {
    let mut by_birth: BTreeMap<NaiveDate, Vec<&WorkerRow>> = BTreeMap::new();
    for row in rows {
        by_birth.entry(row.birth_date).or_default().push(row);
    }
    let mut pairs = Vec::new();
    for same_birth in by_birth.values() {
        for (i, a) in same_birth.iter().enumerate() {
            for b in &same_birth[i + 1..] {
                if likely_duplicate(&a.name, a.birth_date, &b.name, b.birth_date) {
                    pairs.push((a.row.min(b.row), a.row.max(b.row)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The import template as CSV: one header row of the column keys, then one example row (clearly
/// synthetic: its organisation ID is all zeros, so it can never be imported by mistake).
pub fn template_csv() -> String {
    let header: Vec<&str> = IMPORT_COLUMNS.iter().map(|column| column.key).collect();
    let example: Vec<String> = IMPORT_COLUMNS.iter().map(|column| csv_cell(column.example)).collect();
    format!("{}\n{}\n", header.join(","), example.join(","))
}

/// The documentation of the template as CSV, one line per column: key, English header, Khmer
/// header, required (yes/no), help and example.
pub fn template_help_csv() -> String {
    let mut csv = String::from("key,header_en,header_km,required,help_en,example\n");
    for column in IMPORT_COLUMNS {
        let cells = [
            column.key,
            column.header_en,
            column.header_km,
            if column.required { "yes" } else { "no" },
            column.help_en,
            column.example,
        ];
        let line: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        csv.push_str(&line.join(","));
        csv.push('\n');
    }
    csv
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    fn all_keys() -> Vec<String> {
        IMPORT_COLUMNS.iter().map(|column| column.key.to_owned()).collect()
    }

    /// A good row with its cells by key, then changed by `edits`.
    fn cells<'a>(edits: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
        let mut cells: Vec<(&'static str, &'a str)> = IMPORT_COLUMNS
            .iter()
            .map(|column| (column.key, column.example))
            .collect();
        for (key, value) in edits {
            cells.iter_mut().find(|(k, _)| k == key).unwrap().1 = value;
        }
        cells
    }

    fn problem_columns(problems: &[ImportProblem]) -> Vec<&str> {
        problems.iter().map(|problem| problem.column.as_str()).collect()
    }

    #[test]
    fn header_names_are_unambiguous() {
        let mut forms = HashMap::new();
        for column in IMPORT_COLUMNS {
            for name in [column.key, column.header_en, column.header_km] {
                if let Some(other) = forms.insert(header_form(name), column.key) {
                    assert_eq!(other, column.key, "{name} names two columns");
                }
            }
        }
        assert_eq!(IMPORT_COLUMNS.len(), 16);
    }

    #[test]
    fn maps_keys_english_and_khmer_headers() {
        assert_eq!(
            map_headers(&all_keys()).unwrap(),
            IMPORT_COLUMNS.iter().map(|c| Some(c.key)).collect::<Vec<_>>()
        );
        let english: Vec<String> = IMPORT_COLUMNS.iter().map(|c| c.header_en.to_uppercase()).collect();
        assert_eq!(map_headers(&english).unwrap(), map_headers(&all_keys()).unwrap());
        let khmer: Vec<String> = IMPORT_COLUMNS.iter().map(|c| format!(" {} ", c.header_km)).collect();
        assert_eq!(map_headers(&khmer).unwrap(), map_headers(&all_keys()).unwrap());
    }

    #[test]
    fn maps_headers_leniently_and_ignores_blank_ones() {
        let mapped = map_headers(&headers(&[
            "\u{FEFF}Family Name (Khmer)",
            "នាមខ្លួន(ខ្មែរ)",
            "ភេទ",
            "Birth  Date",
            "Workforce_Category",
            "organization id",
            "DUTY_STATION_CODE",
            "ថ្ងៃចាប់ផ្ដើមការងារ",
            "",
            "  ",
        ]))
        .unwrap();
        assert_eq!(
            mapped,
            vec![
                Some("family_name_km"),
                Some("given_name_km"),
                Some("sex"),
                Some("birth_date"),
                Some("category"),
                Some("organization_id"),
                Some("duty_station_code"),
                Some("posting_start_date"),
                None,
                None
            ]
        );
    }

    #[test]
    fn unknown_duplicated_and_missing_columns_are_reported() {
        let problems = map_headers(&headers(&[
            "family_name_latin",
            "given_name_latin",
            "sex",
            "Sex",
            "birthday",
            "category",
            "organization_id",
            "duty_station_code",
        ]))
        .unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems.iter().all(|p| p.row == 1));
        assert_eq!(problems[0].column, "sex");
        assert_eq!(
            problems[0].problem,
            "column D repeats column C (sex); keep only one of them"
        );
        assert_eq!(problems[1].column, "birthday");
        assert!(
            problems[1]
                .problem
                .starts_with("unknown column \"birthday\" (column E); expected one of: family_name_km, ")
        );
        assert_eq!(problems[2].column, "birth_date");
        assert_eq!(problems[3].column, "posting_start_date");
        assert_eq!(
            problems[3].problem,
            "missing required column posting_start_date (Posting start date / ថ្ងៃចាប់ផ្តើមការងារ)"
        );
    }

    #[test]
    fn name_columns_need_a_complete_script() {
        let mut names: Vec<String> = all_keys()
            .into_iter()
            .filter(|k| !k.starts_with("given_name"))
            .collect();
        let problems = map_headers(&names).unwrap_err();
        assert_eq!(problem_columns(&problems), vec!["given_name_km", "given_name_latin"]);
        names.retain(|k| !k.starts_with("family_name"));
        let problems = map_headers(&names).unwrap_err();
        assert_eq!(problem_columns(&problems), NAME_COLUMNS.to_vec());
        names.push("given_name_latin".into());
        names.push("family_name_latin".into());
        assert!(map_headers(&names).is_ok());
    }

    #[test]
    fn the_example_row_is_valid() {
        let row = parse_row(2, &cells(&[]), today()).unwrap();
        assert_eq!(row.row, 2);
        assert_eq!(row.name.display(), "គំរូ សាកល្បង (Example Sample)");
        assert_eq!(row.sex, Sex::Female);
        assert_eq!(row.birth_date, NaiveDate::from_ymd_opt(1990, 1, 1).unwrap());
        assert_eq!(row.national_id.unwrap().as_str(), "000000001");
        assert_eq!(row.phone.unwrap().as_str(), "+85512000000");
        assert_eq!(row.email.unwrap().as_str(), "example@example.org");
        assert_eq!(row.category, WorkforceCategory::ParaSocialWorker);
        assert_eq!(row.organization_id, "00000000-0000-0000-0000-000000000000");
        assert_eq!(row.duty_station_code, "120101");
        assert_eq!(
            row.position_title.as_deref(),
            Some("Commune child protection focal point")
        );
        assert!(row.focal_point);
        assert_eq!(row.employment_type, EmploymentType::CivilServant);
        assert_eq!(row.posting_start, NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
    }

    #[test]
    fn optional_cells_may_be_empty_or_absent() {
        let sparse: Vec<(&'static str, &str)> = vec![
            ("family_name_latin", "Example"),
            ("given_name_latin", "Sample"),
            ("sex", "m"),
            ("birth_date", "01/01/1990"),
            ("national_id", " "),
            ("category", "Para Social Worker"),
            ("organization_id", "0190C3E2-7B1A-7C00-8000-00000000002A"),
            ("duty_station_code", "12"),
            ("posting_start_date", "15/01/2024"),
        ];
        let row = parse_row(7, &sparse, today()).unwrap();
        assert_eq!(row.national_id, None);
        assert_eq!(row.phone, None);
        assert_eq!(row.email, None);
        assert_eq!(row.position_title, None);
        assert!(!row.focal_point);
        assert_eq!(row.employment_type, EmploymentType::Contract);
        assert_eq!(row.category, WorkforceCategory::ParaSocialWorker);
        assert_eq!(row.organization_id, "0190c3e2-7b1a-7c00-8000-00000000002a");
        assert_eq!(row.name.full_km(), None);
    }

    #[test]
    fn a_row_with_five_problems_reports_all_five() {
        let bad = cells(&[
            ("sex", "x"),
            ("birth_date", "2023-02-30"),
            ("national_id", "12345"),
            ("category", "social_worker"),
            ("duty_station_code", "Phnom Penh"),
        ]);
        let problems = parse_row(5, &bad, today()).unwrap_err();
        assert_eq!(
            problem_columns(&problems),
            vec!["sex", "birth_date", "national_id", "category", "duty_station_code"]
        );
        assert!(problems.iter().all(|p| p.row == 5));
        assert!(problems[1].problem.contains("YYYY-MM-DD or DD/MM/YYYY"));
        assert_eq!(
            problems[3].problem,
            "must be one of: professional_social_worker, para_professional, para_social_worker, allied_worker"
        );
        assert_eq!(
            problems[0].to_string(),
            format!(
                "row 5, sex: {}",
                "must be one of: female, male (f, m, ស្រី and ប្រុស are also accepted)"
            )
        );
    }

    #[test]
    fn empty_names_and_every_other_rule_are_reported() {
        let bad = cells(&[
            ("family_name_km", ""),
            ("given_name_km", " "),
            ("family_name_latin", ""),
            ("given_name_latin", ""),
            ("sex", ""),
            ("birth_date", "2020-01-01"),
            ("phone", "12345"),
            ("email", "nobody"),
            ("category", ""),
            ("organization_id", "NISA"),
            ("duty_station_code", ""),
            ("focal_point", "maybe"),
            ("employment_type", "intern"),
            ("posting_start_date", "2024-13-01"),
        ]);
        let problems = parse_row(3, &bad, today()).unwrap_err();
        assert_eq!(
            problem_columns(&problems),
            vec![
                "family_name_km",
                "given_name_km",
                "family_name_latin",
                "given_name_latin",
                "sex",
                "birth_date",
                "phone",
                "email",
                "category",
                "organization_id",
                "duty_station_code",
                "focal_point",
                "employment_type",
                "posting_start_date",
            ]
        );
        assert_eq!(
            problems[0].problem,
            "needs the family and given names in Khmer script, or in Latin script, or both"
        );
        let long_title = "t".repeat(201);
        let problems = parse_row(4, &cells(&[("position_title", &long_title)]), today()).unwrap_err();
        assert_eq!(problem_columns(&problems), vec!["position_title"]);
    }

    fn valid_row(row: usize, national_id: &str, given: &str) -> WorkerRow {
        parse_row(
            row,
            &cells(&[
                ("national_id", national_id),
                ("given_name_latin", given),
                ("family_name_km", ""),
                ("given_name_km", ""),
            ]),
            today(),
        )
        .unwrap()
    }

    #[test]
    fn national_ids_repeated_in_the_file_name_the_first_row() {
        let rows = [
            valid_row(2, "000000001", "Dara"),
            valid_row(3, "000000002", "Sokha"),
            valid_row(4, "0000-00001", "Vanna"),
            valid_row(5, "", "Bopha"),
            valid_row(6, "", "Chenda"),
            valid_row(7, "000000001", "Kosal"),
        ];
        let problems = find_repeated_national_ids(&rows);
        assert_eq!(
            problems,
            vec![
                ImportProblem::new(
                    4,
                    "national_id",
                    "repeats national ID 000000001 of row 2; each worker appears once"
                ),
                ImportProblem::new(
                    7,
                    "national_id",
                    "repeats national ID 000000001 of row 2; each worker appears once"
                ),
            ]
        );
        assert_eq!(
            serde_json::to_value(&problems[0]).unwrap(),
            serde_json::json!({"row": 4, "column": "national_id", "problem": problems[0].problem})
        );
    }

    #[test]
    fn likely_duplicate_rows_are_paired() {
        let rows = [
            valid_row(2, "", "Sreymom"),
            valid_row(3, "", "Dara"),
            valid_row(4, "", "Sreymon"),
        ];
        assert_eq!(find_likely_duplicate_rows(&rows), vec![(2, 4)]);
    }

    #[test]
    fn template_lists_the_keys_and_a_synthetic_example() {
        let csv = template_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], all_keys().join(","));
        assert!(lines[1].starts_with("គំរូ,សាកល្បង,Example,Sample,female,1990-01-01,"));
        assert_eq!(lines[1].split(',').count(), IMPORT_COLUMNS.len());
        let help = template_help_csv();
        assert_eq!(help.lines().count(), IMPORT_COLUMNS.len() + 1);
        assert!(help.contains(
            "\nbirth_date,Birth date,ថ្ងៃខែឆ្នាំកំណើត,yes,YYYY-MM-DD or DD/MM/YYYY. The worker must be 15 to 100 years old.,1990-01-01\n"
        ));
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        let required: Vec<&str> = IMPORT_COLUMNS.iter().filter(|c| c.required).map(|c| c.key).collect();
        assert_eq!(
            required,
            vec![
                "sex",
                "birth_date",
                "category",
                "organization_id",
                "duty_station_code",
                "posting_start_date"
            ]
        );
        assert_eq!(import_column("sex").unwrap().header_km, "ភេទ");
    }

    proptest::proptest! {
        #[test]
        fn any_cells_give_a_row_or_problems_in_known_columns(
            values in proptest::collection::vec("\\PC{0,12}", IMPORT_COLUMNS.len()),
            row in 2usize..100_000,
        ) {
            let cells: Vec<(&'static str, &str)> =
                IMPORT_COLUMNS.iter().zip(&values).map(|(column, value)| (column.key, value.as_str())).collect();
            match parse_row(row, &cells, today()) {
                Ok(parsed) => proptest::prop_assert_eq!(parsed.row, row),
                Err(problems) => {
                    proptest::prop_assert!(!problems.is_empty());
                    for problem in problems {
                        proptest::prop_assert_eq!(problem.row, row);
                        proptest::prop_assert!(import_column(&problem.column).is_some(), "{}", problem.column);
                    }
                }
            }
        }

        #[test]
        fn any_headers_map_or_give_problems_on_row_1(headers in proptest::collection::vec("\\PC{0,12}", 0..20)) {
            match map_headers(&headers) {
                Ok(mapped) => proptest::prop_assert_eq!(mapped.len(), headers.len()),
                Err(problems) => proptest::prop_assert!(problems.iter().all(|problem| problem.row == 1)),
            }
        }
    }

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
