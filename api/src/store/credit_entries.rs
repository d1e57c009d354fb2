use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "credit_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub worker_id: Uuid,
    pub module_id: Uuid,
    pub provider_id: Uuid,
    pub kind: String,
    pub hours_instruction: Option<i32>,
    pub hours_laboratory: Option<i32>,
    pub hours_field: Option<i32>,
    pub passed: Option<bool>,
    pub score: Option<i16>,
    pub granted_ninetieths: Option<i64>,
    pub module_credits_ninetieths: i64,
    pub assessor: Option<String>,
    pub evidence: Option<String>,
    pub decision: Option<String>,
    pub from_provider: Option<String>,
    pub reverses: Option<i64>,
    pub reason: Option<String>,
    pub occurred_on: Date,
    pub cohort_id: Option<Uuid>,
    pub qualification_id: Option<Uuid>,
    pub recorded_by: String,
    pub recorded_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
