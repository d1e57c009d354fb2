//! The browser UI: server-rendered pages that work without JavaScript. Sessions live in HttpOnly,
//! SameSite cookies; forms are protected against cross-site requests by the CSRF layer
//! (Fetch Metadata and Origin checks) and by SameSite cookies.

mod account;
mod certificates;
mod cookies;
mod licensing;
mod pages;
mod planning;
mod training;
mod workers;

pub use certificates::public_router as verify_router;
pub use licensing::public_router as register_router;
pub use pages::{html_error, router};
