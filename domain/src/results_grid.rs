//! A cohort's results as a spreadsheet: a row per trainee, a column per module, the way the
//! results grid on the cohort page and the registrar's own spreadsheets lay them out.
//!
//! ```text
//! registry_number,name,BSST-01,BSST-02
//! KL-0000001-8,Sok Srey Mom,pass 78,fail
//! KL-0000002-6,Chan Dara,pass,
//! ```
//!
//! - The trainee's column is `registry_number` (or `លេខចុះបញ្ជី`); columns headed `name`,
//!   `name_km`, `name_latin` or `ឈ្មោះ` are there for people and are not read; every other
//!   non-empty header is a module code.
//! - A cell is `pass` or `fail` (also `ជាប់` and `ធ្លាក់`), optionally followed by a score from 0
//!   to 100 (`pass 78`); an empty cell records nothing.
//!
//! [`parse_results_grid`] reads every cell and reports every problem with its row and column, so
//! that a file is recorded whole or not at all, with one report of what to fix.

use serde::Serialize;

use crate::training::{ModuleCode, Outcome};
use crate::worker::RegistryNumber;
use crate::worker_import::ImportProblem;

/// The headers that name the trainee's column.
pub const REGISTRY_NUMBER_HEADERS: [&str; 2] = ["registry_number", "លេខចុះបញ្ជី"];

/// The headers of columns that are for people and are not read.
pub const IGNORED_HEADERS: [&str; 5] = ["name", "name_km", "name_latin", "ឈ្មោះ", "full_name"];

/// The most rows a results file may have (a cohort of 5,000 trainees).
pub const MAX_GRID_ROWS: usize = 5_000;

/// One result read from a cell of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridResult {
    /// The spreadsheet row, counted from 1 (the header is row 1).
    pub row: usize,
    pub registry_number: RegistryNumber,
    pub module_code: ModuleCode,
    pub outcome: Outcome,
    /// 0 to 100, when given.
    pub score: Option<u16>,
}

/// Reads a cell: `None` when it is empty, else the outcome and score or the rule it breaks.
pub fn parse_result_cell(raw: &str) -> Result<Option<(Outcome, Option<u16>)>, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut parts = text.split_whitespace();
    let word = parts.next().unwrap_or_default().to_lowercase();
    let outcome = match word.as_str() {
        "pass" | "p" | "ជាប់" => Outcome::Pass,
        "fail" | "f" | "ធ្លាក់" => Outcome::Fail,
        _ => {
            return Err(format!(
                "\"{text}\" is not a result: write pass or fail, optionally followed by a score (pass 78)"
            ));
        }
    };
    let score = match parts.next() {
        None => None,
        Some(s) => match s.parse::<u16>() {
            Ok(n) if n <= 100 => Some(n),
            _ => return Err(format!("the score in \"{text}\" must be a whole number from 0 to 100")),
        },
    };
    if parts.next().is_some() {
        return Err(format!(
            "\"{text}\" has more than a result and a score: write pass or fail, then a score"
        ));
    }
    Ok(Some((outcome, score)))
}

/// Reads a results grid (`rows[0]` is the header). Returns every result read and every problem
/// found; a caller records the results only when there is no problem.
pub fn parse_results_grid(rows: &[Vec<String>]) -> (Vec<GridResult>, Vec<ImportProblem>) {
    let mut results = Vec::new();
    let mut problems = Vec::new();
    let Some(header) = rows.first() else {
        problems.push(ImportProblem::new(
            1,
            "file",
            "the file is empty: it needs a header row",
        ));
        return (results, problems);
    };
    if rows.len() - 1 > MAX_GRID_ROWS {
        problems.push(ImportProblem::new(
            1,
            "file",
            format!(
                "the file has {} rows of trainees; at most {MAX_GRID_ROWS} are read at once",
                rows.len() - 1
            ),
        ));
        return (results, problems);
    }
    let mut registry_column = None;
    let mut module_columns: Vec<(usize, ModuleCode)> = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let name = cell.trim();
        let key = name.to_lowercase();
        if name.is_empty() || IGNORED_HEADERS.contains(&key.as_str()) {
            continue;
        }
        if REGISTRY_NUMBER_HEADERS.contains(&key.as_str()) {
            if registry_column.is_some() {
                problems.push(ImportProblem::new(1, name, "the registry number column appears twice"));
            }
            registry_column = Some(i);
            continue;
        }
        match ModuleCode::parse("module_code", name) {
            Ok(code) if module_columns.iter().any(|(_, c)| c == &code) => {
                problems.push(ImportProblem::new(
                    1,
                    name,
                    format!("the module {code} has two columns"),
                ));
            }
            Ok(code) => module_columns.push((i, code)),
            Err(e) => problems.push(ImportProblem::new(
                1,
                name,
                format!(
                    "this header is neither registry_number, a name nor a module code: {}",
                    e.message
                ),
            )),
        }
    }
    let Some(registry_column) = registry_column else {
        problems.push(ImportProblem::new(
            1,
            "registry_number",
            "the file needs a registry_number column naming each trainee",
        ));
        return (results, problems);
    };
    if module_columns.is_empty() {
        problems.push(ImportProblem::new(1, "file", "the file has no module column"));
    }
    let mut seen = std::collections::HashSet::new();
    for (index, row) in rows.iter().enumerate().skip(1) {
        let row_number = index + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        let registry_number = match RegistryNumber::parse("registry_number", cell(registry_column)) {
            Ok(n) => n,
            Err(e) => {
                problems.push(ImportProblem::new(row_number, "registry_number", e.message));
                continue;
            }
        };
        if !seen.insert(registry_number.clone()) {
            problems.push(ImportProblem::new(
                row_number,
                "registry_number",
                format!("{registry_number} has another row above: give each trainee one row"),
            ));
            continue;
        }
        for (column, code) in &module_columns {
            match parse_result_cell(cell(*column)) {
                Ok(None) => {}
                Ok(Some((outcome, score))) => results.push(GridResult {
                    row: row_number,
                    registry_number: registry_number.clone(),
                    module_code: code.clone(),
                    outcome,
                    score,
                }),
                Err(problem) => problems.push(ImportProblem::new(row_number, code.as_str(), problem)),
            }
        }
    }
    (results, problems)
}

/// The header and rows of a grid to fill in: the trainees given as (registry number, name), the
/// module codes as columns, every result cell empty.
pub fn results_template(trainees: &[(String, String)], modules: &[String]) -> Vec<Vec<String>> {
    let mut header = vec!["registry_number".to_owned(), "name".to_owned()];
    header.extend(modules.iter().cloned());
    let mut rows = vec![header];
    for (number, name) in trainees {
        let mut row = vec![number.clone(), name.clone()];
        row.extend(modules.iter().map(|_| String::new()));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(',').map(|c| c.trim().to_owned()).collect())
            .collect()
    }

    fn number(n: u64) -> String {
        RegistryNumber::from_sequence(n).unwrap().to_string()
    }

    #[test]
    fn cells_read_pass_fail_and_a_score_in_either_script() {
        assert_eq!(parse_result_cell("pass"), Ok(Some((Outcome::Pass, None))));
        assert_eq!(parse_result_cell(" PASS 78 "), Ok(Some((Outcome::Pass, Some(78)))));
        assert_eq!(parse_result_cell("fail 40"), Ok(Some((Outcome::Fail, Some(40)))));
        assert_eq!(parse_result_cell("ជាប់"), Ok(Some((Outcome::Pass, None))));
        assert_eq!(parse_result_cell("ធ្លាក់ 12"), Ok(Some((Outcome::Fail, Some(12)))));
        assert_eq!(parse_result_cell(""), Ok(None));
        assert!(parse_result_cell("passed").unwrap_err().contains("pass or fail"));
        assert!(parse_result_cell("pass 101").unwrap_err().contains("0 to 100"));
        assert!(parse_result_cell("pass 7.5").is_err());
        assert!(parse_result_cell("pass 70 80").is_err());
    }

    #[test]
    fn a_good_grid_gives_one_result_per_filled_cell() {
        let text = format!(
            "registry_number,name,BSST-01,BSST-02\n{},Sok,pass 78,fail\n{},Chan,pass,\n",
            number(1),
            number(2)
        );
        let (results, problems) = parse_results_grid(&grid(&text));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].row, 2);
        assert_eq!(results[0].module_code.as_str(), "BSST-01");
        assert_eq!(results[0].score, Some(78));
        assert_eq!(results[1].outcome, Outcome::Fail);
        assert_eq!(results[2].registry_number.to_string(), number(2));
    }

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        let text = format!(
            "registry_number,name,BSST-01,bad header!\n{},Sok,maybe,pass\nKL-0000001-0,Chan,pass,\n{},Sok again,pass,\n",
            number(1),
            number(1)
        );
        let (_, problems) = parse_results_grid(&grid(&text));
        let places: Vec<(usize, &str)> = problems.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert!(places.contains(&(1, "bad header!")), "{places:?}");
        assert!(places.contains(&(2, "BSST-01")), "{places:?}");
        assert!(places.contains(&(3, "registry_number")), "{places:?}");
        assert!(places.contains(&(4, "registry_number")), "{places:?}");
    }

    #[test]
    fn the_registry_number_column_is_required_and_khmer_headers_work() {
        let (_, problems) = parse_results_grid(&grid("name,BSST-01\nSok,pass\n"));
        assert_eq!(problems[0].column, "registry_number");
        let text = format!("លេខចុះបញ្ជី,ឈ្មោះ,BSST-01\n{},សុខ,ជាប់\n", number(5));
        let (results, problems) = parse_results_grid(&grid(&text));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(results.len(), 1);
    }

    #[test]
    fn the_template_reads_back_as_nothing_to_record() {
        let rows = results_template(
            &[(number(1), "Sok".into()), (number(2), "Chan".into())],
            &["BSST-01".into(), "BSST-02".into()],
        );
        let (results, problems) = parse_results_grid(&rows);
        assert!(problems.is_empty() && results.is_empty(), "{problems:?}");
    }

    proptest! {
        #[test]
        fn any_grid_is_read_without_panicking(rows in proptest::collection::vec(
            proptest::collection::vec("[ -~ជាប់]{0,12}", 0..6), 0..8)) {
            let (results, problems) = parse_results_grid(&rows);
            for r in &results {
                prop_assert!(r.row >= 2 && r.row <= rows.len());
                prop_assert!(r.score.is_none_or(|s| s <= 100));
            }
            for p in &problems {
                prop_assert!(p.row >= 1 && p.row <= rows.len().max(1));
            }
        }
    }
}
