//! Signed certificates (DESIGN.md section 7): providers' keys and did:web documents, issuing one
//! certificate or a cohort's in a background batch, the PDFs, revocation and reissue, the
//! Bitstring Status List, and public verification.

pub mod batch;
pub mod commands;
pub mod issue;
pub mod keys;
mod routes;
pub mod service;
pub mod status_list;
pub mod verify;

pub use routes::{public_router, router};
