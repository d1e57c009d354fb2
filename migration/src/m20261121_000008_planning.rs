//! Planning inputs: population denominators by admin unit, year, age band and sex (imported by
//! planners; a re-import replaces the figure for the same key), and plan targets, seeded with the
//! 2021-2025 Strategic Plan's training targets and editable.

use sea_orm_migration::{prelude::*, schema::*};

use crate::reference_files::TRAINING_TARGETS_CSV;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PopulationFigures {
    Table,
    Id,
    AdminCode,
    Year,
    AgeBand,
    Sex,
    Count,
    Source,
    ImportedBy,
    ImportedAt,
}

#[derive(DeriveIden)]
enum PlanTargets {
    Table,
    Id,
    Plan,
    Certification,
    CqfLevel,
    WorkforceCategory,
    TargetGroup,
    OrganizationLevel,
    Trainees,
    CreditsOrDuration,
    SourceNote,
    UpdatedAt,
    Version,
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
                    .table(PopulationFigures::Table)
                    .col(pk_uuid(PopulationFigures::Id))
                    .col(string_len(PopulationFigures::AdminCode, 8))
                    .col(integer(PopulationFigures::Year))
                    // total or children_0_17
                    .col(string_len(PopulationFigures::AgeBand, 16))
                    // all, female or male
                    .col(string_len(PopulationFigures::Sex, 8))
                    .col(big_integer(PopulationFigures::Count))
                    .col(string(PopulationFigures::Source))
                    .col(string(PopulationFigures::ImportedBy))
                    .col(timestamp_with_time_zone(PopulationFigures::ImportedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_population_figures_key")
                    .table(PopulationFigures::Table)
                    .col(PopulationFigures::AdminCode)
                    .col(PopulationFigures::Year)
                    .col(PopulationFigures::AgeBand)
                    .col(PopulationFigures::Sex)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanTargets::Table)
                    .col(pk_uuid(PlanTargets::Id))
                    .col(string_len(PlanTargets::Plan, 32))
                    .col(string(PlanTargets::Certification))
                    .col(integer_null(PlanTargets::CqfLevel))
                    .col(string_len(PlanTargets::WorkforceCategory, 32))
                    .col(text(PlanTargets::TargetGroup))
                    .col(string_len(PlanTargets::OrganizationLevel, 16))
                    .col(big_integer(PlanTargets::Trainees))
                    .col(string(PlanTargets::CreditsOrDuration))
                    .col(text(PlanTargets::SourceNote))
                    .col(timestamp_with_time_zone(PlanTargets::UpdatedAt))
                    .col(integer(PlanTargets::Version).default(1))
                    .to_owned(),
            )
            .await?;
        // The indicators select workers by when their credits were earned and certificates issued.
        for (name, table, cols) in [
            (
                "idx_credit_entries_occurred",
                "credit_entries",
                "occurred_on, worker_id",
            ),
            ("idx_certificates_issued", "certificates", "issued_on, worker_id"),
            ("idx_deployments_open", "deployments", "start_date, end_date"),
        ] {
            manager
                .get_connection()
                .execute_unprepared(&format!("CREATE INDEX {name} ON {table} ({cols})"))
                .await?;
        }
        let now: SimpleExpr = Value::ChronoDateTimeUtc(Some(chrono::Utc::now())).into();
        let mut reader = csv::Reader::from_reader(TRAINING_TARGETS_CSV.as_bytes());
        for (i, record) in reader.records().enumerate() {
            let r = record.map_err(|e| DbErr::Custom(format!("training targets: {e}")))?;
            let level: Option<i32> = r[1].trim().parse().ok();
            let trainees: i64 = r[5]
                .trim()
                .parse()
                .map_err(|e| DbErr::Custom(format!("training targets row {}: {e}", i + 2)))?;
            manager
                .exec_stmt(
                    Query::insert()
                        .into_table(PlanTargets::Table)
                        .columns([
                            PlanTargets::Id,
                            PlanTargets::Plan,
                            PlanTargets::Certification,
                            PlanTargets::CqfLevel,
                            PlanTargets::WorkforceCategory,
                            PlanTargets::TargetGroup,
                            PlanTargets::OrganizationLevel,
                            PlanTargets::Trainees,
                            PlanTargets::CreditsOrDuration,
                            PlanTargets::SourceNote,
                            PlanTargets::UpdatedAt,
                            PlanTargets::Version,
                        ])
                        .values_panic([
                            Value::Uuid(Some(uuid::Uuid::from_u128(
                                0x0193_6f00_0000_7000_8000_0000_0000_2100 + i as u128,
                            )))
                            .into(),
                            "2021-2025".into(),
                            r[0].trim().into(),
                            Value::Int(level).into(),
                            r[2].trim().into(),
                            r[3].trim().into(),
                            r[4].trim().into(),
                            trainees.into(),
                            r[6].trim().into(),
                            r[7].trim().into(),
                            now.clone(),
                            1.into(),
                        ])
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlanTargets::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PopulationFigures::Table).to_owned())
            .await?;
        Ok(())
    }
}
