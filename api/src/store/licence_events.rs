use sea_orm::entity::prelude::*;

/// One transition of a licence: what, why, by whose authority, effective when.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "licence_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub licence_id: Uuid,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub reason: Option<String>,
    pub authority: String,
    pub effective_date: Date,
    /// The event as the domain reads it (JSON).
    pub details: String,
    pub recorded_by: String,
    pub recorded_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
