use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "worker_categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub worker_id: Uuid,
    pub category: String,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub reason: Option<String>,
    pub recorded_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
