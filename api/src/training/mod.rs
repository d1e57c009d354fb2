//! The training catalogue and the credit ledger: accreditations, modules, versioned
//! qualifications, credit entries (completions, RPL, RCC, transfers, corrections), and each
//! worker's transcript and progress, computed by the rules in `domain::training`.

pub mod cohorts;
pub mod ledger;
mod routes;

pub use routes::router;
