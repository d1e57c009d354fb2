//! The worker registry: workers, their category history, their postings, duplicate flags,
//! merges, and imports.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_foundation::AdminUnits;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    WorkerId,
}

#[derive(DeriveIden)]
enum RegistryCounters {
    Table,
    Name,
    NextValue,
}

#[derive(DeriveIden)]
enum Workers {
    Table,
    Id,
    RegistryNumber,
    NationalId,
    FamilyNameKm,
    GivenNameKm,
    FamilyNameLatin,
    GivenNameLatin,
    SearchLatin,
    SearchKm,
    Sex,
    BirthDate,
    Phone,
    Email,
    Category,
    Status,
    RegisteredByOrganizationId,
    MergedInto,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum WorkerCategories {
    Table,
    Id,
    WorkerId,
    Category,
    EffectiveFrom,
    EffectiveTo,
    Reason,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Deployments {
    Table,
    Id,
    WorkerId,
    OrganizationId,
    DutyStationCode,
    PositionTitle,
    IsFocalPoint,
    EmploymentType,
    IsPrimary,
    StartDate,
    EndDate,
    EndReason,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum DuplicateFlags {
    Table,
    Id,
    WorkerId,
    CandidateId,
    Reason,
    Status,
    CreatedAt,
    ResolvedAt,
    ResolvedBy,
}

#[derive(DeriveIden)]
enum WorkerMerges {
    Table,
    Id,
    SurvivorId,
    MergedId,
    MergedAt,
    MergedBy,
    UndoneAt,
    UndoneBy,
}

#[derive(DeriveIden)]
enum Imports {
    Table,
    Id,
    Kind,
    FileName,
    FileSha256,
    DryRun,
    RowsTotal,
    RowsValid,
    RowsCreated,
    RowsExisting,
    Report,
    Content,
    CreatedBy,
    CreatedAt,
}

fn idx(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    i.to_owned()
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
                    .table(RegistryCounters::Table)
                    .col(string(RegistryCounters::Name).primary_key())
                    .col(big_integer(RegistryCounters::NextValue))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(RegistryCounters::Table)
                    .columns([RegistryCounters::Name, RegistryCounters::NextValue])
                    .values_panic(["worker".into(), 1i64.into()])
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Workers::Table)
                    .col(pk_uuid(Workers::Id))
                    .col(string_len_uniq(Workers::RegistryNumber, 16))
                    .col(string_len_null(Workers::NationalId, 16).unique_key())
                    .col(string_null(Workers::FamilyNameKm))
                    .col(string_null(Workers::GivenNameKm))
                    .col(string_null(Workers::FamilyNameLatin))
                    .col(string_null(Workers::GivenNameLatin))
                    .col(string_null(Workers::SearchLatin))
                    .col(string_null(Workers::SearchKm))
                    .col(string_len(Workers::Sex, 8))
                    .col(date(Workers::BirthDate))
                    .col(string_len_null(Workers::Phone, 20))
                    .col(string_null(Workers::Email))
                    .col(string_len(Workers::Category, 32))
                    .col(string_len(Workers::Status, 16))
                    .col(uuid_null(Workers::RegisteredByOrganizationId))
                    .col(uuid_null(Workers::MergedInto))
                    .col(timestamp_with_time_zone(Workers::CreatedAt))
                    .col(timestamp_with_time_zone(Workers::UpdatedAt))
                    .col(integer(Workers::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Workers::Table, Workers::RegisteredByOrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Workers::Table, Workers::MergedInto)
                            .to(Workers::Table, Workers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(idx("idx_workers_birth_date", Workers::Table, &["birth_date"]))
            .await?;
        manager
            .create_index(idx("idx_workers_search_latin", Workers::Table, &["search_latin"]))
            .await?;
        manager
            .create_index(idx("idx_workers_search_km", Workers::Table, &["search_km"]))
            .await?;
        manager
            .create_index(idx(
                "idx_workers_registered_by",
                Workers::Table,
                &["registered_by_organization_id"],
            ))
            .await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Partial name search ("contains") at 100,000 workers needs trigram indexes.
            let db = manager.get_connection();
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
            db.execute_unprepared(
                "CREATE INDEX idx_workers_search_latin_trgm ON workers USING gin (search_latin gin_trgm_ops)",
            )
            .await?;
            db.execute_unprepared(
                "CREATE INDEX idx_workers_search_km_trgm ON workers USING gin (search_km gin_trgm_ops)",
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(WorkerCategories::Table)
                    .col(big_pk_auto(WorkerCategories::Id))
                    .col(uuid(WorkerCategories::WorkerId))
                    .col(string_len(WorkerCategories::Category, 32))
                    .col(date(WorkerCategories::EffectiveFrom))
                    .col(date_null(WorkerCategories::EffectiveTo))
                    .col(string_null(WorkerCategories::Reason))
                    .col(timestamp_with_time_zone(WorkerCategories::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkerCategories::Table, WorkerCategories::WorkerId)
                            .to(Workers::Table, Workers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(idx(
                "idx_worker_categories_worker",
                WorkerCategories::Table,
                &["worker_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Deployments::Table)
                    .col(pk_uuid(Deployments::Id))
                    .col(uuid(Deployments::WorkerId))
                    .col(uuid(Deployments::OrganizationId))
                    .col(string_len(Deployments::DutyStationCode, 8))
                    .col(string_null(Deployments::PositionTitle))
                    .col(boolean(Deployments::IsFocalPoint).default(false))
                    .col(string_len(Deployments::EmploymentType, 16))
                    .col(boolean(Deployments::IsPrimary).default(true))
                    .col(date(Deployments::StartDate))
                    .col(date_null(Deployments::EndDate))
                    .col(string_null(Deployments::EndReason))
                    .col(timestamp_with_time_zone(Deployments::CreatedAt))
                    .col(timestamp_with_time_zone(Deployments::UpdatedAt))
                    .col(integer(Deployments::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Deployments::Table, Deployments::WorkerId)
                            .to(Workers::Table, Workers::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Deployments::Table, Deployments::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Deployments::Table, Deployments::DutyStationCode)
                            .to(AdminUnits::Table, AdminUnits::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(idx("idx_deployments_worker", Deployments::Table, &["worker_id"]))
            .await?;
        manager
            .create_index(idx(
                "idx_deployments_organization",
                Deployments::Table,
                &["organization_id"],
            ))
            .await?;
        manager
            .create_index(idx(
                "idx_deployments_station",
                Deployments::Table,
                &["duty_station_code"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DuplicateFlags::Table)
                    .col(pk_uuid(DuplicateFlags::Id))
                    .col(uuid(DuplicateFlags::WorkerId))
                    .col(uuid(DuplicateFlags::CandidateId))
                    .col(string(DuplicateFlags::Reason))
                    .col(string_len(DuplicateFlags::Status, 16))
                    .col(timestamp_with_time_zone(DuplicateFlags::CreatedAt))
                    .col(timestamp_with_time_zone_null(DuplicateFlags::ResolvedAt))
                    .col(string_null(DuplicateFlags::ResolvedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DuplicateFlags::Table, DuplicateFlags::WorkerId)
                            .to(Workers::Table, Workers::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DuplicateFlags::Table, DuplicateFlags::CandidateId)
                            .to(Workers::Table, Workers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(idx("idx_duplicate_flags_worker", DuplicateFlags::Table, &["worker_id"]))
            .await?;
        manager
            .create_index(idx("idx_duplicate_flags_status", DuplicateFlags::Table, &["status"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WorkerMerges::Table)
                    .col(pk_uuid(WorkerMerges::Id))
                    .col(uuid(WorkerMerges::SurvivorId))
                    .col(uuid(WorkerMerges::MergedId))
                    .col(timestamp_with_time_zone(WorkerMerges::MergedAt))
                    .col(string(WorkerMerges::MergedBy))
                    .col(timestamp_with_time_zone_null(WorkerMerges::UndoneAt))
                    .col(string_null(WorkerMerges::UndoneBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkerMerges::Table, WorkerMerges::SurvivorId)
                            .to(Workers::Table, Workers::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkerMerges::Table, WorkerMerges::MergedId)
                            .to(Workers::Table, Workers::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Imports::Table)
                    .col(pk_uuid(Imports::Id))
                    .col(string_len(Imports::Kind, 16))
                    .col(string(Imports::FileName))
                    .col(string_len(Imports::FileSha256, 64))
                    .col(boolean(Imports::DryRun))
                    .col(integer(Imports::RowsTotal))
                    .col(integer(Imports::RowsValid))
                    .col(integer(Imports::RowsCreated))
                    .col(integer(Imports::RowsExisting))
                    .col(text(Imports::Report))
                    // The uploaded file, kept so that a checked file is committed as it was checked.
                    .col(blob(Imports::Content))
                    .col(string(Imports::CreatedBy))
                    .col(timestamp_with_time_zone(Imports::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // A trainee's account is linked to their worker record.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(uuid_null(Users::WorkerId))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
