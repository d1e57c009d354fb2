//! The training catalogue and the credit ledger: providers' accreditations, modules with hours by
//! delivery mode, versioned qualifications, cohorts and enrolments, and the append-only ledger of
//! credits (completions, RPL, RCC, transfers, corrections as reversing entries). NISA, the national
//! institute that designs the curricula, exists from the start.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// NISA's organisation id: fixed, so that every installation names it the same way.
pub const NISA_ID: &str = "01936f00-0000-7000-8000-00000000a15a";

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
enum Workers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Accreditations {
    Table,
    Id,
    ProviderId,
    Level,
    ValidFrom,
    ValidUntil,
    GrantedBy,
    CreatedAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum Modules {
    Table,
    Id,
    ProviderId,
    Code,
    TitleEn,
    TitleKm,
    HoursInstruction,
    HoursLaboratory,
    HoursField,
    CreditsNinetieths,
    CompetencyAreas,
    LearningOutcomes,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Qualifications {
    Table,
    Id,
    ProviderId,
    Code,
    Version,
    Level,
    TitleEn,
    TitleKm,
    FieldOfStudyEn,
    FieldOfStudyKm,
    MinimumCreditsNinetieths,
    TargetCategory,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum QualificationModules {
    Table,
    QualificationId,
    ModuleId,
    Required,
}

#[derive(DeriveIden)]
enum Cohorts {
    Table,
    Id,
    ProviderId,
    QualificationId,
    Name,
    StartDate,
    EndDate,
    LocationCode,
    Trainers,
    CreatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    Id,
    CohortId,
    WorkerId,
    EnrolledOn,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CreditEntries {
    Table,
    Id,
    WorkerId,
    ModuleId,
    ProviderId,
    Kind,
    HoursInstruction,
    HoursLaboratory,
    HoursField,
    Passed,
    Score,
    GrantedNinetieths,
    ModuleCreditsNinetieths,
    Assessor,
    Evidence,
    Decision,
    FromProvider,
    Reverses,
    Reason,
    OccurredOn,
    CohortId,
    QualificationId,
    RecordedBy,
    RecordedAt,
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
                    .table(Accreditations::Table)
                    .col(pk_uuid(Accreditations::Id))
                    .col(uuid(Accreditations::ProviderId))
                    // cqf-1 … cqf-8, or allied (the allied workers' certificate)
                    .col(string_len(Accreditations::Level, 16))
                    .col(date(Accreditations::ValidFrom))
                    .col(date_null(Accreditations::ValidUntil))
                    .col(string(Accreditations::GrantedBy))
                    .col(timestamp_with_time_zone(Accreditations::CreatedAt))
                    .col(timestamp_with_time_zone_null(Accreditations::RevokedAt))
                    .col(string_null(Accreditations::RevokedReason))
                    .foreign_key(&mut fk(
                        (Accreditations::Table, Accreditations::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Modules::Table)
                    .col(pk_uuid(Modules::Id))
                    .col(uuid(Modules::ProviderId))
                    .col(string_len_uniq(Modules::Code, 32))
                    .col(string(Modules::TitleEn))
                    .col(string(Modules::TitleKm))
                    .col(integer(Modules::HoursInstruction))
                    .col(integer(Modules::HoursLaboratory))
                    .col(integer(Modules::HoursField))
                    // Derived by the CQF rule and kept exact: ninetieths of a credit.
                    .col(big_integer(Modules::CreditsNinetieths))
                    .col(text(Modules::CompetencyAreas))
                    .col(text(Modules::LearningOutcomes))
                    .col(string_len(Modules::Status, 16))
                    .col(timestamp_with_time_zone(Modules::CreatedAt))
                    .col(timestamp_with_time_zone(Modules::UpdatedAt))
                    .col(integer(Modules::Version).default(1))
                    .foreign_key(&mut fk(
                        (Modules::Table, Modules::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Qualifications::Table)
                    .col(pk_uuid(Qualifications::Id))
                    .col(uuid(Qualifications::ProviderId))
                    .col(string_len(Qualifications::Code, 32))
                    .col(integer(Qualifications::Version))
                    .col(string_len(Qualifications::Level, 16))
                    .col(string(Qualifications::TitleEn))
                    .col(string(Qualifications::TitleKm))
                    .col(string(Qualifications::FieldOfStudyEn))
                    .col(string(Qualifications::FieldOfStudyKm))
                    .col(big_integer(Qualifications::MinimumCreditsNinetieths))
                    .col(string_len(Qualifications::TargetCategory, 32))
                    .col(string_len(Qualifications::Status, 16))
                    .col(timestamp_with_time_zone(Qualifications::CreatedAt))
                    .foreign_key(&mut fk(
                        (Qualifications::Table, Qualifications::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_qualifications_code_version")
                    .table(Qualifications::Table)
                    .col(Qualifications::Code)
                    .col(Qualifications::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QualificationModules::Table)
                    .col(uuid(QualificationModules::QualificationId))
                    .col(uuid(QualificationModules::ModuleId))
                    .col(boolean(QualificationModules::Required))
                    .primary_key(
                        Index::create()
                            .col(QualificationModules::QualificationId)
                            .col(QualificationModules::ModuleId),
                    )
                    .foreign_key(&mut fk(
                        (QualificationModules::Table, QualificationModules::QualificationId),
                        (Qualifications::Table, Qualifications::Id),
                    ))
                    .foreign_key(&mut fk(
                        (QualificationModules::Table, QualificationModules::ModuleId),
                        (Modules::Table, Modules::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Cohorts::Table)
                    .col(pk_uuid(Cohorts::Id))
                    .col(uuid(Cohorts::ProviderId))
                    .col(uuid(Cohorts::QualificationId))
                    .col(string(Cohorts::Name))
                    .col(date(Cohorts::StartDate))
                    .col(date_null(Cohorts::EndDate))
                    .col(string_len_null(Cohorts::LocationCode, 8))
                    .col(text(Cohorts::Trainers))
                    .col(timestamp_with_time_zone(Cohorts::CreatedAt))
                    .col(integer(Cohorts::Version).default(1))
                    .foreign_key(&mut fk(
                        (Cohorts::Table, Cohorts::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Cohorts::Table, Cohorts::QualificationId),
                        (Qualifications::Table, Qualifications::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .col(pk_uuid(Enrolments::Id))
                    .col(uuid(Enrolments::CohortId))
                    .col(uuid(Enrolments::WorkerId))
                    .col(date(Enrolments::EnrolledOn))
                    .col(string_len(Enrolments::Status, 16))
                    .col(timestamp_with_time_zone(Enrolments::CreatedAt))
                    .foreign_key(&mut fk(
                        (Enrolments::Table, Enrolments::CohortId),
                        (Cohorts::Table, Cohorts::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Enrolments::Table, Enrolments::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enrolments_cohort_worker")
                    .table(Enrolments::Table)
                    .col(Enrolments::CohortId)
                    .col(Enrolments::WorkerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CreditEntries::Table)
                    .col(big_pk_auto(CreditEntries::Id))
                    .col(uuid(CreditEntries::WorkerId))
                    .col(uuid(CreditEntries::ModuleId))
                    .col(uuid(CreditEntries::ProviderId))
                    // completion, rpl, rcc, transfer, correction
                    .col(string_len(CreditEntries::Kind, 16))
                    .col(integer_null(CreditEntries::HoursInstruction))
                    .col(integer_null(CreditEntries::HoursLaboratory))
                    .col(integer_null(CreditEntries::HoursField))
                    .col(boolean_null(CreditEntries::Passed))
                    .col(small_integer_null(CreditEntries::Score))
                    .col(big_integer_null(CreditEntries::GrantedNinetieths))
                    .col(big_integer(CreditEntries::ModuleCreditsNinetieths))
                    .col(string_null(CreditEntries::Assessor))
                    .col(text_null(CreditEntries::Evidence))
                    .col(text_null(CreditEntries::Decision))
                    .col(string_null(CreditEntries::FromProvider))
                    .col(big_integer_null(CreditEntries::Reverses))
                    .col(text_null(CreditEntries::Reason))
                    .col(date(CreditEntries::OccurredOn))
                    .col(uuid_null(CreditEntries::CohortId))
                    .col(uuid_null(CreditEntries::QualificationId))
                    .col(string(CreditEntries::RecordedBy))
                    .col(timestamp_with_time_zone(CreditEntries::RecordedAt))
                    .foreign_key(&mut fk(
                        (CreditEntries::Table, CreditEntries::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .foreign_key(&mut fk(
                        (CreditEntries::Table, CreditEntries::ModuleId),
                        (Modules::Table, Modules::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credit_entries_worker")
                    .table(CreditEntries::Table)
                    .col(CreditEntries::WorkerId)
                    .col(CreditEntries::Id)
                    .to_owned(),
            )
            .await?;

        // NISA exists from the start: it designs the national curricula and is the trust anchor.
        let now: SimpleExpr = Value::ChronoDateTimeUtc(Some(chrono::Utc::now())).into();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(Organizations::Table)
                    .columns([
                        Organizations::Id,
                        Organizations::NameEn,
                        Organizations::NameKm,
                        Organizations::Kind,
                        Organizations::Sector,
                        Organizations::AdminUnitCode,
                        Organizations::ParentId,
                        Organizations::Status,
                        Organizations::CreatedAt,
                        Organizations::UpdatedAt,
                        Organizations::Version,
                    ])
                    .values_panic([
                        Value::Uuid(Some(NISA_ID.parse::<uuid::Uuid>().expect("a uuid"))).into(),
                        "National Institute of Social Affairs".into(),
                        "វិទ្យាស្ថានជាតិសង្គមកិច្ច".into(),
                        "training_provider".into(),
                        "government".into(),
                        "12".into(),
                        Value::Uuid(None).into(),
                        "active".into(),
                        now.clone(),
                        now,
                        1.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
