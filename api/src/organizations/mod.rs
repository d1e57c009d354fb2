//! Organisations: ministries, provincial departments, district offices, CCWCs, NGOs, training
//! providers. Administrators manage them; signed-in staff read them.

mod routes;
pub mod tree;

pub use routes::router;
