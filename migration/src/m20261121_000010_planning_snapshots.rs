//! Planning snapshots: the statistics' working tables, derived from the registry and rebuilt from
//! it (like DHIS2's analytics tables), so that a statistic reads a few stored counts instead of
//! joining postings, workers, the credit ledger, certificates and licences on every request.
//!
//! - `planning_snapshots`: one per as-of date and year, stamped with the audit chain's sequence
//!   number it was built at (every change to the registry moves it) and when.
//! - `planning_snapshot_workers`: the postings open on the as-of date, one row per worker and
//!   posting, with the worker's and posting's attributes and what the indicators ask of the worker
//!   (trained, credited or certified in the year; licensed on the date, or expiring; holding a
//!   Vocational Certificate).
//! - `planning_snapshot_counts`: per admin level, breakdown, unit and breakdown value, the number
//!   of distinct workers for each indicator, computed from the rows above the first time a level and
//!   breakdown is asked for; `planning_snapshot_groupings` records which ones are done.
//!
//! Nothing here is a record anyone depends on: old snapshots are deleted when newer ones exist.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlanningSnapshots {
    Table,
    Id,
    AsOf,
    Year,
    AuditSeq,
    BuiltAt,
    Postings,
}

#[derive(DeriveIden)]
enum PlanningSnapshotWorkers {
    Table,
    SnapshotId,
    WorkerId,
    DutyStationCode,
    Category,
    Sex,
    OrganizationKind,
    EmploymentType,
    IsFocalPoint,
    Trained,
    Credited,
    Certified,
    Licensed,
    LicenceExpiring,
    HoldsVocationalCertificate,
}

#[derive(DeriveIden)]
enum PlanningSnapshotGroupings {
    Table,
    SnapshotId,
    Level,
    Breakdown,
}

#[derive(DeriveIden)]
enum PlanningSnapshotCounts {
    Table,
    SnapshotId,
    Level,
    Breakdown,
    UnitCode,
    Value,
    Workforce,
    Trained,
    Credited,
    Certified,
    Licensed,
    LicencesExpiring,
    Unlicensed,
    CcwcCommunes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanningSnapshots::Table)
                    .col(pk_uuid(PlanningSnapshots::Id))
                    .col(date(PlanningSnapshots::AsOf))
                    .col(integer(PlanningSnapshots::Year))
                    .col(big_integer(PlanningSnapshots::AuditSeq))
                    .col(timestamp_with_time_zone(PlanningSnapshots::BuiltAt))
                    .col(big_integer(PlanningSnapshots::Postings))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_planning_snapshots_key")
                    .table(PlanningSnapshots::Table)
                    .col(PlanningSnapshots::AsOf)
                    .col(PlanningSnapshots::Year)
                    .col(PlanningSnapshots::AuditSeq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanningSnapshotWorkers::Table)
                    .col(uuid(PlanningSnapshotWorkers::SnapshotId))
                    .col(uuid(PlanningSnapshotWorkers::WorkerId))
                    .col(string_len(PlanningSnapshotWorkers::DutyStationCode, 8))
                    .col(string_len(PlanningSnapshotWorkers::Category, 32))
                    .col(string_len(PlanningSnapshotWorkers::Sex, 8))
                    .col(string_len(PlanningSnapshotWorkers::OrganizationKind, 32))
                    .col(string_len(PlanningSnapshotWorkers::EmploymentType, 32))
                    .col(boolean(PlanningSnapshotWorkers::IsFocalPoint))
                    .col(boolean(PlanningSnapshotWorkers::Trained))
                    .col(boolean(PlanningSnapshotWorkers::Credited))
                    .col(boolean(PlanningSnapshotWorkers::Certified))
                    .col(boolean(PlanningSnapshotWorkers::Licensed))
                    .col(boolean(PlanningSnapshotWorkers::LicenceExpiring))
                    .col(boolean(PlanningSnapshotWorkers::HoldsVocationalCertificate))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlanningSnapshotWorkers::Table, PlanningSnapshotWorkers::SnapshotId)
                            .to(PlanningSnapshots::Table, PlanningSnapshots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_planning_snapshot_workers_snapshot")
                    .table(PlanningSnapshotWorkers::Table)
                    .col(PlanningSnapshotWorkers::SnapshotId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanningSnapshotGroupings::Table)
                    .col(uuid(PlanningSnapshotGroupings::SnapshotId))
                    .col(string_len(PlanningSnapshotGroupings::Level, 16))
                    .col(string_len(PlanningSnapshotGroupings::Breakdown, 32))
                    .primary_key(
                        Index::create()
                            .col(PlanningSnapshotGroupings::SnapshotId)
                            .col(PlanningSnapshotGroupings::Level)
                            .col(PlanningSnapshotGroupings::Breakdown),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlanningSnapshotGroupings::Table, PlanningSnapshotGroupings::SnapshotId)
                            .to(PlanningSnapshots::Table, PlanningSnapshots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanningSnapshotCounts::Table)
                    .col(uuid(PlanningSnapshotCounts::SnapshotId))
                    .col(string_len(PlanningSnapshotCounts::Level, 16))
                    .col(string_len(PlanningSnapshotCounts::Breakdown, 32))
                    .col(string_len(PlanningSnapshotCounts::UnitCode, 8))
                    .col(string_len(PlanningSnapshotCounts::Value, 32))
                    .col(big_integer(PlanningSnapshotCounts::Workforce))
                    .col(big_integer(PlanningSnapshotCounts::Trained))
                    .col(big_integer(PlanningSnapshotCounts::Credited))
                    .col(big_integer(PlanningSnapshotCounts::Certified))
                    .col(big_integer(PlanningSnapshotCounts::Licensed))
                    .col(big_integer(PlanningSnapshotCounts::LicencesExpiring))
                    .col(big_integer(PlanningSnapshotCounts::Unlicensed))
                    .col(big_integer(PlanningSnapshotCounts::CcwcCommunes))
                    .primary_key(
                        Index::create()
                            .col(PlanningSnapshotCounts::SnapshotId)
                            .col(PlanningSnapshotCounts::Level)
                            .col(PlanningSnapshotCounts::Breakdown)
                            .col(PlanningSnapshotCounts::UnitCode)
                            .col(PlanningSnapshotCounts::Value),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlanningSnapshotCounts::Table, PlanningSnapshotCounts::SnapshotId)
                            .to(PlanningSnapshots::Table, PlanningSnapshots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PlanningSnapshotCounts::Table.into_iden(),
            PlanningSnapshotGroupings::Table.into_iden(),
            PlanningSnapshotWorkers::Table.into_iden(),
            PlanningSnapshots::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
