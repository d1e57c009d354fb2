use sea_orm::entity::prelude::*;

/// A continuing professional development activity of a worker.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cpd_activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub worker_id: Uuid,
    pub provider: String,
    pub title: String,
    pub minutes: i32,
    pub activity_date: Date,
    pub approved: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<ChronoDateTimeUtc>,
    pub recorded_by: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
