//! What the fuzz targets share: the importers' file reading, copied from
//! api/src/registry/import.rs (`read_table`, which the results upload uses too) because the api
//! crate (database, HTTP) is too heavy to link into a fuzz target, and the row checks that
//! `import::run` does before it touches the database. Keep these in step with the api.

use chrono::NaiveDate;

/// The day the plausible birth dates count from: fixed, so that a crash reproduces.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date")
}

/// A CSV file as rows of trimmed cells (`read_table`, FileKind::Csv); None where the api reports
/// the file as unreadable.
pub fn csv_table(bytes: &[u8]) -> Option<Vec<Vec<String>>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.ok()?;
        rows.push(rec.iter().map(|c| c.trim().to_owned()).collect());
    }
    Some(rows)
}

/// A spreadsheet's first sheet as rows of cells (`read_table`, FileKind::Xlsx).
pub fn xlsx_table(bytes: &[u8]) -> Option<Vec<Vec<String>>> {
    // Mirrors `api::registry::import::read_xlsx`: cells read one by one, a sheet spanning more
    // than 100,000 rows or 200 columns refused, a panic inside calamine a refusal.
    let owned = bytes.to_vec();
    std::panic::catch_unwind(move || xlsx_cells(&owned)).ok().flatten()
}

fn xlsx_cells(bytes: &[u8]) -> Option<Vec<Vec<String>>> {
    use calamine::{DataRef, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).ok()?;
    let first = book.sheet_names().first().cloned()?;
    let mut cells = book.worksheet_cells_reader(&first).ok()?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells.next_cell().ok()? {
        let (row, column) = cell.get_position();
        if row >= 100_000 || column >= 200 {
            return None;
        }
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.trim().to_owned(),
            DataRef::SharedString(s) => s.trim().to_owned(),
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            DataRef::Float(f) => f.to_string(),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{day:02}")
            }
            DataRef::Error(e) => format!("#{e:?}"),
        };
        let (row, column) = (row as usize, column as usize);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        if rows[row].len() <= column {
            rows[row].resize(column + 1, String::new());
        }
        rows[row][column] = text;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    Some(rows)
}

/// The checks of `import::run` before the database: the header row mapped to column keys, then
/// every non-empty row's cells by key, its national ID and duty station parsed on their own (as
/// the api does for rows with other problems), the row parsed, and the in-file duplicate checks.
pub fn check_worker_rows(table: &[Vec<String>]) {
    let Some(headers) = table.first() else { return };
    let Ok(keys) = domain::map_headers(headers) else { return };
    let today = today();
    let mut valid = Vec::new();
    for (i, row) in table[1..].iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<(&'static str, &str)> = keys
            .iter()
            .enumerate()
            .filter_map(|(col, key)| key.map(|k| (k, row.get(col).map(String::as_str).unwrap_or(""))))
            .collect();
        if let Some((_, raw)) = cells.iter().find(|(k, _)| *k == "national_id") {
            let _ = domain::NationalId::parse("national_id", raw);
        }
        if let Some((_, raw)) = cells.iter().find(|(k, _)| *k == "duty_station_code") {
            let _ = domain::parse_duty_station_code("duty_station_code", raw.trim());
        }
        if let Ok(r) = domain::parse_row(i + 2, &cells, today) {
            // What the api stores and shows of a valid row.
            let _ = r.name.display();
            valid.push(r);
        }
    }
    let _ = domain::find_repeated_national_ids(&valid);
    let _ = domain::find_likely_duplicate_rows(&valid);
}

/// The fixed key of the verification target (the seeds in seeds/verify_credential are signed
/// with it, by `cargo run --example seeds`).
pub fn key() -> certificates::IssuerKey {
    certificates::IssuerKey::from_secret_bytes([7; 32])
}

/// The bytes as a credential JSON and as a QR payload, verified with [`key`] whatever
/// verification method they name.
pub fn verify_bytes(data: &[u8]) {
    let public = key().public_key();
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = certificates::verify_credential(&value, |_| Some(public));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = certificates::verify_compact(text, |_| Some(public));
    }
}
