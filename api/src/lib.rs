//! The Kamlang service: the store, the use cases, the HTTP API and web UI, and the `kamlang`
//! command line.
//!
//! The crate is sliced by feature (`auth`, `users`, `organizations`, `reference`, `geo`, `audit`,
//! `ops`, `ui`): each slice keeps its routes, queries and use cases side by side. Handlers are
//! thin: they extract, call a use case and map the result to a response type of their own.
//! Cross-cutting pieces live beside them: `config`, `db`, `error`, `http` (router and
//! middleware), `store` (the sea-orm entities) and `cli`.

pub mod audit;
pub mod auth;
pub mod bench;
pub mod certificates;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod geo;
pub mod http;
pub mod licensing;
pub mod mail;
pub mod ops;
pub mod organizations;
pub mod pagination;
pub mod planning;
pub mod ratelimit;
pub mod reference;
pub mod registry;
pub mod server;
pub mod state;
pub mod store;
pub mod training;
pub mod ui;
pub mod users;

pub use config::Config;
pub use error::AppError;
pub use state::AppState;
