use sea_orm::entity::prelude::*;

/// A training target of a plan (trainees to train to a certification over the plan's period).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "plan_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The plan, e.g. 2021-2025.
    pub plan: String,
    pub certification: String,
    pub cqf_level: Option<i32>,
    pub workforce_category: String,
    pub target_group: String,
    pub organization_level: String,
    pub trainees: i64,
    pub credits_or_duration: String,
    pub source_note: String,
    pub updated_at: ChronoDateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
