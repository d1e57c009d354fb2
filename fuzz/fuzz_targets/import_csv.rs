//! A worker import file as CSV: read as api/src/registry/import.rs reads it, then every row
//! checked by domain::worker_import (map_headers, parse_row, the in-file duplicate checks).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(table) = kamlang_fuzz::csv_table(data) {
        kamlang_fuzz::check_worker_rows(&table);
    }
});
