//! Kamlang's schema and reference data as sea-orm migrations.
//!
//! The same migrations serve PostgreSQL (production) and SQLite (the embedded default). Reference
//! data that the product ships (the CQF levels, the credit rule, the workforce categories and the
//! 2025 gazetteer) is loaded by migration from the files under `migration/data`, compiled into the
//! binary, so nothing at run time reads outside the repository.

pub use sea_orm_migration::prelude::*;

mod m20261121_000001_foundation;
mod m20261121_000002_reference_data;
mod m20261121_000003_registry;
mod m20261121_000004_mail;
mod m20261121_000005_training;
mod m20261121_000006_certificates;
mod m20261121_000007_licensing;
mod m20261121_000008_planning;
mod m20261121_000009_certificate_display;
mod m20261121_000010_planning_snapshots;
pub mod reference_files;

pub use m20261121_000002_reference_data::NATIONAL_CODE;
pub use m20261121_000005_training::NISA_ID;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_foundation::Migration),
            Box::new(m20261121_000002_reference_data::Migration),
            Box::new(m20261121_000003_registry::Migration),
            Box::new(m20261121_000004_mail::Migration),
            Box::new(m20261121_000005_training::Migration),
            Box::new(m20261121_000006_certificates::Migration),
            Box::new(m20261121_000007_licensing::Migration),
            Box::new(m20261121_000008_planning::Migration),
            Box::new(m20261121_000009_certificate_display::Migration),
            Box::new(m20261121_000010_planning_snapshots::Migration),
        ]
    }
}

/// The source of every migration, so that a fingerprint changes when any of them does.
const SOURCES: &[&str] = &[
    include_str!("m20261121_000001_foundation.rs"),
    include_str!("m20261121_000002_reference_data.rs"),
    include_str!("m20261121_000003_registry.rs"),
    include_str!("m20261121_000004_mail.rs"),
    include_str!("m20261121_000005_training.rs"),
    include_str!("m20261121_000006_certificates.rs"),
    include_str!("m20261121_000007_licensing.rs"),
    include_str!("m20261121_000008_planning.rs"),
    include_str!("m20261121_000009_certificate_display.rs"),
    include_str!("m20261121_000010_planning_snapshots.rs"),
];

/// A fingerprint of the migrations, their names and their sources: test harnesses use it to
/// know when a migrated template database is stale.
pub fn schema_fingerprint() -> String {
    let names = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect::<Vec<_>>()
        .join(",");
    let digest = SOURCES
        .iter()
        .flat_map(|s| s.bytes())
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    format!("{names}#{digest:016x}")
}
