//! The worker registry: every member of the social service workforce once, with their category
//! history and where they serve. Search, duplicates and merges, bulk import.

pub mod duplicates;
pub mod import;
pub mod postings;
mod routes;
pub mod scope;
pub mod views;
pub mod workers;

pub use routes::{IMPORT_BODY_LIMIT, import_scope, router};
