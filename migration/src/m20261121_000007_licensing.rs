//! Licensing: licence types as data, licences with their current state and their timeline of
//! events, licence number counters, CPD activities, and the in-app notices of employers whose
//! staff's licence changed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Workers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LicenceTypes {
    Table,
    Code,
    TitleKm,
    TitleEn,
    Category,
    RequiredLevel,
    ValidityMonths,
    CpdHoursPerCycle,
    GraceDays,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Licences {
    Table,
    Id,
    WorkerId,
    LicenceTypeCode,
    Number,
    Status,
    ValidFrom,
    CycleStart,
    ValidUntil,
    Conditions,
    BeforeSuspension,
    ChangedOn,
    PrerequisiteSerial,
    RemindersSent,
    AppliedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum LicenceEvents {
    Table,
    Id,
    LicenceId,
    Action,
    FromStatus,
    ToStatus,
    Reason,
    Authority,
    EffectiveDate,
    Details,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum LicenceCounters {
    Table,
    TypeCode,
    Year,
    NextValue,
}

#[derive(DeriveIden)]
enum CpdActivities {
    Table,
    Id,
    WorkerId,
    Provider,
    Title,
    Minutes,
    ActivityDate,
    Approved,
    ApprovedBy,
    ApprovedAt,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notices {
    Table,
    Id,
    OrganizationId,
    WorkerId,
    LicenceId,
    FromStatus,
    ToStatus,
    CreatedAt,
    ReadAt,
}

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).to_owned()
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
                    .table(LicenceTypes::Table)
                    .col(string_len(LicenceTypes::Code, 16).primary_key())
                    .col(string(LicenceTypes::TitleKm))
                    .col(string(LicenceTypes::TitleEn))
                    .col(string_len(LicenceTypes::Category, 32))
                    // cqf-1 … cqf-8 or allied: a certificate of this level or above is required.
                    .col(string_len(LicenceTypes::RequiredLevel, 16))
                    .col(integer(LicenceTypes::ValidityMonths))
                    .col(integer(LicenceTypes::CpdHoursPerCycle))
                    .col(integer(LicenceTypes::GraceDays))
                    .col(string_len(LicenceTypes::Status, 16))
                    .col(timestamp_with_time_zone(LicenceTypes::CreatedAt))
                    .col(timestamp_with_time_zone(LicenceTypes::UpdatedAt))
                    .col(integer(LicenceTypes::Version).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Licences::Table)
                    .col(pk_uuid(Licences::Id))
                    .col(uuid(Licences::WorkerId))
                    .col(string_len(Licences::LicenceTypeCode, 16))
                    .col(string_len_null(Licences::Number, 32).unique_key())
                    .col(string_len(Licences::Status, 16))
                    .col(date_null(Licences::ValidFrom))
                    .col(date_null(Licences::CycleStart))
                    .col(date_null(Licences::ValidUntil))
                    .col(text_null(Licences::Conditions))
                    .col(string_len_null(Licences::BeforeSuspension, 16))
                    .col(date_null(Licences::ChangedOn))
                    .col(string_len_null(Licences::PrerequisiteSerial, 32))
                    // JSON list of the reminders sent for the current period (days before expiry).
                    .col(string(Licences::RemindersSent))
                    .col(string(Licences::AppliedBy))
                    .col(timestamp_with_time_zone(Licences::CreatedAt))
                    .col(timestamp_with_time_zone(Licences::UpdatedAt))
                    .col(integer(Licences::Version).default(1))
                    .foreign_key(&mut fk(
                        (Licences::Table, Licences::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Licences::Table, Licences::LicenceTypeCode),
                        (LicenceTypes::Table, LicenceTypes::Code),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_licences_worker", Licences::WorkerId),
            ("idx_licences_status", Licences::Status),
            ("idx_licences_valid_until", Licences::ValidUntil),
        ] {
            manager
                .create_index(Index::create().name(name).table(Licences::Table).col(col).to_owned())
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(LicenceEvents::Table)
                    .col(big_pk_auto(LicenceEvents::Id))
                    .col(uuid(LicenceEvents::LicenceId))
                    .col(string_len(LicenceEvents::Action, 32))
                    .col(string_len(LicenceEvents::FromStatus, 16))
                    .col(string_len(LicenceEvents::ToStatus, 16))
                    .col(text_null(LicenceEvents::Reason))
                    .col(string(LicenceEvents::Authority))
                    .col(date(LicenceEvents::EffectiveDate))
                    // JSON: the whole event as the domain reads it (dates, conditions).
                    .col(text(LicenceEvents::Details))
                    .col(string(LicenceEvents::RecordedBy))
                    .col(timestamp_with_time_zone(LicenceEvents::RecordedAt))
                    .foreign_key(&mut fk(
                        (LicenceEvents::Table, LicenceEvents::LicenceId),
                        (Licences::Table, Licences::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_licence_events_licence")
                    .table(LicenceEvents::Table)
                    .col(LicenceEvents::LicenceId)
                    .col(LicenceEvents::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LicenceCounters::Table)
                    .col(string_len(LicenceCounters::TypeCode, 16))
                    .col(integer(LicenceCounters::Year))
                    .col(big_integer(LicenceCounters::NextValue))
                    .primary_key(
                        Index::create()
                            .col(LicenceCounters::TypeCode)
                            .col(LicenceCounters::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CpdActivities::Table)
                    .col(pk_uuid(CpdActivities::Id))
                    .col(uuid(CpdActivities::WorkerId))
                    .col(string(CpdActivities::Provider))
                    .col(string(CpdActivities::Title))
                    .col(integer(CpdActivities::Minutes))
                    .col(date(CpdActivities::ActivityDate))
                    .col(boolean(CpdActivities::Approved))
                    .col(string_null(CpdActivities::ApprovedBy))
                    .col(timestamp_with_time_zone_null(CpdActivities::ApprovedAt))
                    .col(string(CpdActivities::RecordedBy))
                    .col(timestamp_with_time_zone(CpdActivities::CreatedAt))
                    .foreign_key(&mut fk(
                        (CpdActivities::Table, CpdActivities::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cpd_activities_worker")
                    .table(CpdActivities::Table)
                    .col(CpdActivities::WorkerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notices::Table)
                    .col(pk_uuid(Notices::Id))
                    .col(uuid(Notices::OrganizationId))
                    .col(uuid(Notices::WorkerId))
                    .col(uuid(Notices::LicenceId))
                    .col(string_len(Notices::FromStatus, 16))
                    .col(string_len(Notices::ToStatus, 16))
                    .col(timestamp_with_time_zone(Notices::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notices::ReadAt))
                    .foreign_key(&mut fk(
                        (Notices::Table, Notices::OrganizationId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notices_organization")
                    .table(Notices::Table)
                    .col(Notices::OrganizationId)
                    .col(Notices::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notices::Table.into_iden(),
            CpdActivities::Table.into_iden(),
            LicenceCounters::Table.into_iden(),
            LicenceEvents::Table.into_iden(),
            Licences::Table.into_iden(),
            LicenceTypes::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
