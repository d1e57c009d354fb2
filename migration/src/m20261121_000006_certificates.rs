//! Signed certificates: each provider's issuing settings (serial prefix, signatories) and keys,
//! serial counters per provider-year, the certificates themselves (the signed credential, the
//! PDF's hash, the status list index, revocation and replacement), and the batch jobs that issue
//! a cohort's certificates. NISA, the national trust anchor, can issue from the start.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000005_training::NISA_ID;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Workers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Qualifications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Issuers {
    Table,
    ProviderId,
    SerialPrefix,
    Signatories,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum IssuerKeys {
    Table,
    Id,
    ProviderId,
    Controller,
    Name,
    PublicMultibase,
    Status,
    CreatedAt,
    RetiredAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum SerialCounters {
    Table,
    ProviderId,
    Year,
    NextValue,
}

#[derive(DeriveIden)]
enum StatusListCounters {
    Table,
    ProviderId,
    NextIndex,
}

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Id,
    Serial,
    ProviderId,
    WorkerId,
    QualificationId,
    QualificationCode,
    CohortId,
    BatchId,
    Level,
    CreditsNinetieths,
    IssuedOn,
    Credential,
    KeyName,
    PdfSha256,
    StatusIndex,
    SupersedesId,
    SupersededById,
    RevokedAt,
    RevokedReason,
    RevokedBy,
    VerificationCount,
    IssuedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IssuanceBatches {
    Table,
    Id,
    CohortId,
    ProviderId,
    RequestedBy,
    State,
    Total,
    Issued,
    Skipped,
    Failed,
    Report,
    Error,
    LeaseOwner,
    LeaseUntil,
    CreatedAt,
    StartedAt,
    FinishedAt,
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
                    .table(Issuers::Table)
                    .col(pk_uuid(Issuers::ProviderId))
                    .col(string_len_uniq(Issuers::SerialPrefix, 12))
                    // JSON: [{name, title_en, title_km}], one or two.
                    .col(text(Issuers::Signatories))
                    .col(timestamp_with_time_zone(Issuers::CreatedAt))
                    .col(timestamp_with_time_zone(Issuers::UpdatedAt))
                    .col(integer(Issuers::Version).default(1))
                    .foreign_key(&mut fk(
                        (Issuers::Table, Issuers::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IssuerKeys::Table)
                    .col(pk_uuid(IssuerKeys::Id))
                    .col(uuid(IssuerKeys::ProviderId))
                    // The DID the key belongs to when it was made (did:web:…): its verification
                    // method is `{controller}#{name}` for as long as it exists.
                    .col(string_len(IssuerKeys::Controller, 255))
                    .col(string_len(IssuerKeys::Name, 64))
                    .col(string_len(IssuerKeys::PublicMultibase, 128))
                    // active (signs new certificates), retired (verifies old ones), revoked
                    .col(string_len(IssuerKeys::Status, 16))
                    .col(timestamp_with_time_zone(IssuerKeys::CreatedAt))
                    .col(timestamp_with_time_zone_null(IssuerKeys::RetiredAt))
                    .col(timestamp_with_time_zone_null(IssuerKeys::RevokedAt))
                    .col(string_null(IssuerKeys::RevokedReason))
                    .foreign_key(&mut fk(
                        (IssuerKeys::Table, IssuerKeys::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_issuer_keys_provider_name")
                    .table(IssuerKeys::Table)
                    .col(IssuerKeys::ProviderId)
                    .col(IssuerKeys::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SerialCounters::Table)
                    .col(uuid(SerialCounters::ProviderId))
                    .col(integer(SerialCounters::Year))
                    .col(big_integer(SerialCounters::NextValue))
                    .primary_key(
                        Index::create()
                            .col(SerialCounters::ProviderId)
                            .col(SerialCounters::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StatusListCounters::Table)
                    .col(pk_uuid(StatusListCounters::ProviderId))
                    .col(big_integer(StatusListCounters::NextIndex))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IssuanceBatches::Table)
                    .col(pk_uuid(IssuanceBatches::Id))
                    .col(uuid(IssuanceBatches::CohortId))
                    .col(uuid(IssuanceBatches::ProviderId))
                    .col(string(IssuanceBatches::RequestedBy))
                    // queued, running, finished, failed
                    .col(string_len(IssuanceBatches::State, 16))
                    .col(big_integer(IssuanceBatches::Total))
                    .col(big_integer(IssuanceBatches::Issued))
                    .col(big_integer(IssuanceBatches::Skipped))
                    .col(big_integer(IssuanceBatches::Failed))
                    // JSON: [{worker_id, registry_number, name, reasons: [...]}]
                    .col(text(IssuanceBatches::Report))
                    .col(text_null(IssuanceBatches::Error))
                    .col(string_null(IssuanceBatches::LeaseOwner))
                    .col(timestamp_with_time_zone_null(IssuanceBatches::LeaseUntil))
                    .col(timestamp_with_time_zone(IssuanceBatches::CreatedAt))
                    .col(timestamp_with_time_zone_null(IssuanceBatches::StartedAt))
                    .col(timestamp_with_time_zone_null(IssuanceBatches::FinishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_issuance_batches_state")
                    .table(IssuanceBatches::Table)
                    .col(IssuanceBatches::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .col(pk_uuid(Certificates::Id))
                    .col(string_len_uniq(Certificates::Serial, 32))
                    .col(uuid(Certificates::ProviderId))
                    .col(uuid(Certificates::WorkerId))
                    .col(uuid(Certificates::QualificationId))
                    .col(string_len(Certificates::QualificationCode, 32))
                    .col(uuid_null(Certificates::CohortId))
                    .col(uuid_null(Certificates::BatchId))
                    .col(string_len(Certificates::Level, 16))
                    .col(big_integer(Certificates::CreditsNinetieths))
                    .col(date(Certificates::IssuedOn))
                    // The signed credential, exactly as issued.
                    .col(text(Certificates::Credential))
                    .col(string_len(Certificates::KeyName, 64))
                    .col(string_len(Certificates::PdfSha256, 64))
                    .col(big_integer(Certificates::StatusIndex))
                    .col(uuid_null(Certificates::SupersedesId))
                    .col(uuid_null(Certificates::SupersededById))
                    .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
                    .col(string_null(Certificates::RevokedReason))
                    .col(string_null(Certificates::RevokedBy))
                    .col(big_integer(Certificates::VerificationCount).default(0))
                    .col(string(Certificates::IssuedBy))
                    .col(timestamp_with_time_zone(Certificates::CreatedAt))
                    .foreign_key(&mut fk(
                        (Certificates::Table, Certificates::ProviderId),
                        (Organizations::Table, Organizations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Certificates::Table, Certificates::WorkerId),
                        (Workers::Table, Workers::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Certificates::Table, Certificates::QualificationId),
                        (Qualifications::Table, Qualifications::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            ("idx_certificates_worker", vec![Certificates::WorkerId], false),
            ("idx_certificates_batch", vec![Certificates::BatchId], false),
            (
                "idx_certificates_provider_status_index",
                vec![Certificates::ProviderId, Certificates::StatusIndex],
                true,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Certificates::Table);
            for c in cols {
                index.col(c);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        // One certificate in force per worker and qualification: a batch rerun, or two at once,
        // cannot issue a second one (a reissue first marks the old one superseded).
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_certificates_in_force ON certificates (worker_id, qualification_code) \
                 WHERE superseded_by_id IS NULL AND revoked_at IS NULL",
            )
            .await?;
        // NISA issues from the start, with a placeholder signatory that an administrator replaces.
        let now = chrono::Utc::now();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(Issuers::Table)
                    .columns([
                        Issuers::ProviderId,
                        Issuers::SerialPrefix,
                        Issuers::Signatories,
                        Issuers::CreatedAt,
                        Issuers::UpdatedAt,
                        Issuers::Version,
                    ])
                    .values_panic([
                        Value::Uuid(Some(NISA_ID.parse::<uuid::Uuid>().expect("a uuid"))).into(),
                        "NISA".into(),
                        r#"[{"name":"Director, NISA","title_en":"Director","title_km":"នាយក"}]"#.into(),
                        now.into(),
                        now.into(),
                        1.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Certificates::Table.into_iden(),
            IssuanceBatches::Table.into_iden(),
            StatusListCounters::Table.into_iden(),
            SerialCounters::Table.into_iden(),
            IssuerKeys::Table.into_iden(),
            Issuers::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
