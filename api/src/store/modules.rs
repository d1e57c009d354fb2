use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "modules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub provider_id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub title_en: String,
    pub title_km: String,
    pub hours_instruction: i32,
    pub hours_laboratory: i32,
    pub hours_field: i32,
    /// Exact credits, in ninetieths.
    pub credits_ninetieths: i64,
    /// JSON list of values_and_ethics, knowledge, skills.
    pub competency_areas: String,
    pub learning_outcomes: String,
    pub status: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
