//! A worker import file as XLSX (any workbook calamine opens from bytes): the first sheet read
//! as api/src/registry/import.rs reads it, then every row checked as in the CSV target.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(table) = kamlang_fuzz::xlsx_table(data) {
        kamlang_fuzz::check_worker_rows(&table);
    }
});
