//! End-to-end tests: each starts a real server on a free port over a database of its own
//! (SQLite by default, PostgreSQL when KAMLANG_TEST_DATABASE_URL names one).

mod access;
mod audit;
mod auth;
mod browser;
mod certificates;
mod email;
mod errors;
mod licensing;
mod ops;
mod organizations;
mod planning;
mod reference;
mod registry;
mod results_upload;
mod training;
mod ui;
mod worker_import;
