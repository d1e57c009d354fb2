//! User accounts: administrators create and edit them; HR officers see those of their
//! organisation tree. Accounts are disabled, never deleted.

mod routes;
pub mod service;

pub use routes::router;
