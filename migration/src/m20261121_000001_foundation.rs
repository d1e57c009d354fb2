//! The foundation: reference tables, administrative units, organisations, users, refresh tokens,
//! settings and the hash-chained audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum CqfLevels {
    Table,
    Level,
    TitleEn,
    TitleKm,
    HigherEducationTitleEn,
    MinCredits,
}

#[derive(DeriveIden)]
pub enum DeliveryModes {
    Table,
    Code,
    TitleEn,
    TitleKm,
    DescriptionEn,
    HoursPerCredit,
}

#[derive(DeriveIden)]
pub enum WorkforceCategories {
    Table,
    Code,
    TitleEn,
    TitleKm,
    CertificationSoughtEn,
    DefinitionEn,
    DefinitionSource,
}

#[derive(DeriveIden)]
pub enum AdminUnits {
    Table,
    Code,
    Level,
    ParentCode,
    ProvinceCode,
    NameKm,
    NameEn,
}

/// Villages are kept apart from the other units: the 2025 source repeats 26 village codes
/// (80 rows, e.g. 08120101 three times in one commune, 02140401 in two communes), so a village is
/// identified by a surrogate id and its code is not unique. Nor does `commune_code` reference
/// the communes: 13 villages of the source name a commune (120913) that its commune list lacks.
#[derive(DeriveIden)]
pub enum Villages {
    Table,
    Id,
    Code,
    CommuneCode,
    ProvinceCode,
    NameKm,
    NameEn,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    NameEn,
    NameKm,
    Kind,
    Sector,
    AdminUnitCode,
    ParentId,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    Role,
    ScopeOrganizationId,
    Locale,
    PasswordHash,
    Status,
    FailedLoginCount,
    LastFailedLoginAt,
    LockedUntil,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    IssuedAt,
    ExpiresAt,
    UsedAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum AppSettings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Seq,
    OccurredAt,
    Actor,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    LastSeq,
    LastHash,
}

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CqfLevels::Table)
                    .col(small_integer(CqfLevels::Level).primary_key())
                    .col(string(CqfLevels::TitleEn))
                    .col(string(CqfLevels::TitleKm))
                    .col(string_null(CqfLevels::HigherEducationTitleEn))
                    .col(integer(CqfLevels::MinCredits))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeliveryModes::Table)
                    .col(string(DeliveryModes::Code).primary_key())
                    .col(string(DeliveryModes::TitleEn))
                    .col(string(DeliveryModes::TitleKm))
                    .col(text(DeliveryModes::DescriptionEn))
                    .col(integer(DeliveryModes::HoursPerCredit))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkforceCategories::Table)
                    .col(string(WorkforceCategories::Code).primary_key())
                    .col(string(WorkforceCategories::TitleEn))
                    .col(string(WorkforceCategories::TitleKm))
                    .col(string(WorkforceCategories::CertificationSoughtEn))
                    .col(text(WorkforceCategories::DefinitionEn))
                    .col(text(WorkforceCategories::DefinitionSource))
                    .to_owned(),
            )
            .await?;

        // One table for the national root, provinces, districts and communes, so that a duty
        // station can be a unit of any of these levels and statistics can drill down by parent.
        manager
            .create_table(
                Table::create()
                    .table(AdminUnits::Table)
                    .col(string_len(AdminUnits::Code, 8).primary_key())
                    .col(string_len(AdminUnits::Level, 16))
                    .col(string_len_null(AdminUnits::ParentCode, 8))
                    .col(string_len_null(AdminUnits::ProvinceCode, 2))
                    .col(string(AdminUnits::NameKm))
                    .col(string(AdminUnits::NameEn))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AdminUnits::Table, AdminUnits::ParentCode)
                            .to(AdminUnits::Table, AdminUnits::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_admin_units_parent")
                    .table(AdminUnits::Table)
                    .col(AdminUnits::ParentCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_admin_units_level")
                    .table(AdminUnits::Table)
                    .col(AdminUnits::Level)
                    .col(AdminUnits::Code)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Villages::Table)
                    .col(pk_auto(Villages::Id))
                    .col(string_len(Villages::Code, 8))
                    .col(string_len(Villages::CommuneCode, 8))
                    .col(string_len(Villages::ProvinceCode, 2))
                    .col(string(Villages::NameKm))
                    .col(string(Villages::NameEn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_villages_commune")
                    .table(Villages::Table)
                    .col(Villages::CommuneCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_villages_code")
                    .table(Villages::Table)
                    .col(Villages::Code)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(pk_uuid(Organizations::Id))
                    .col(string(Organizations::NameEn))
                    .col(string_null(Organizations::NameKm))
                    .col(string_len(Organizations::Kind, 32))
                    .col(string_len(Organizations::Sector, 16))
                    .col(string_len_null(Organizations::AdminUnitCode, 8))
                    .col(uuid_null(Organizations::ParentId))
                    .col(string_len(Organizations::Status, 16).default("active"))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .col(timestamp_with_time_zone(Organizations::UpdatedAt))
                    .col(integer(Organizations::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organizations::Table, Organizations::AdminUnitCode)
                            .to(AdminUnits::Table, AdminUnits::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organizations::Table, Organizations::ParentId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organizations_parent")
                    .table(Organizations::Table)
                    .col(Organizations::ParentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organizations_name")
                    .table(Organizations::Table)
                    .col(Organizations::NameEn)
                    .col(Organizations::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::DisplayName))
                    .col(string_len(Users::Role, 32))
                    .col(uuid_null(Users::ScopeOrganizationId))
                    .col(string_len(Users::Locale, 8).default("km"))
                    .col(string_null(Users::PasswordHash))
                    .col(string_len(Users::Status, 16).default("active"))
                    .col(integer(Users::FailedLoginCount).default(0))
                    .col(timestamp_with_time_zone_null(Users::LastFailedLoginAt))
                    .col(timestamp_with_time_zone_null(Users::LockedUntil))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(integer(Users::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::ScopeOrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_scope")
                    .table(Users::Table)
                    .col(Users::ScopeOrganizationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(pk_uuid(RefreshTokens::Id))
                    .col(uuid(RefreshTokens::UserId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::IssuedAt))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .col(string_null(RefreshTokens::RevokedReason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refresh_tokens_family")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::FamilyId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppSettings::Table)
                    .col(string(AppSettings::Key).primary_key())
                    .col(text(AppSettings::Value))
                    .to_owned(),
            )
            .await?;

        // The audit log is append-only and hash-chained. `occurred_at` is kept as the exact
        // RFC 3339 text that was hashed, so verification never depends on how a backend rounds
        // timestamps.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_integer(AuditLog::Seq).primary_key())
                    .col(string_len(AuditLog::OccurredAt, 32))
                    .col(string(AuditLog::Actor))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::EntityType))
                    .col(string(AuditLog::EntityId))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .col(string_len(AuditLog::PrevHash, 64))
                    .col(string_len(AuditLog::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_entity")
                    .table(AuditLog::Table)
                    .col(AuditLog::EntityType)
                    .col(AuditLog::EntityId)
                    .to_owned(),
            )
            .await?;
        // The head of the chain: one row that every audited write updates first, which both
        // serialises appends (a row lock on PostgreSQL, the write lock on SQLite) and gives the
        // previous hash without scanning the log.
        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(integer(AuditHead::Id).primary_key())
                    .col(big_integer(AuditHead::LastSeq))
                    .col(string_len(AuditHead::LastHash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(AuditHead::Table)
                    .columns([AuditHead::Id, AuditHead::LastSeq, AuditHead::LastHash])
                    .values_panic([1.into(), 0i64.into(), GENESIS_HASH.into()])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
