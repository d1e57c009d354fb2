//! Kamlang's server-rendered HTML: askama templates and their view models ([`pages`], the
//! worker registry's in [`registry`] and the training pages' in [`training`]), the Khmer and
//! English catalogues ([`i18n`]) and the static assets ([`assets`]), and the transactional
//! emails ([`email`]).
//!
//! Pages use no JavaScript; every sentence, in pages and emails alike, comes from the
//! catalogues, Khmer first.

pub mod assets;
pub mod certificates;
pub mod email;
pub mod i18n;
pub mod licensing;
pub mod pages;
pub mod planning;
pub mod registry;
pub mod training;

pub use askama::{Error as RenderError, Template};
pub use i18n::Lang;
