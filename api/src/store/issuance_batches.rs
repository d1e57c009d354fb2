use sea_orm::entity::prelude::*;

/// A background job issuing the certificates of a cohort's eligible trainees.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "issuance_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub cohort_id: Uuid,
    pub provider_id: Uuid,
    pub requested_by: String,
    /// queued, running, finished, failed.
    pub state: String,
    pub total: i64,
    pub issued: i64,
    pub skipped: i64,
    pub failed: i64,
    /// JSON: who was skipped and why.
    pub report: String,
    pub error: Option<String>,
    pub lease_owner: Option<String>,
    pub lease_until: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    pub started_at: Option<ChronoDateTimeUtc>,
    pub finished_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
