//! A cohort's results file (CSV, or XLSX when it starts like a zip) read into a table and parsed
//! by domain::results_grid::parse_results_grid.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let table = if data.starts_with(b"PK") {
        kamlang_fuzz::xlsx_table(data)
    } else {
        kamlang_fuzz::csv_table(data)
    };
    if let Some(table) = table {
        let _ = domain::results_grid::parse_results_grid(&table);
    }
});
