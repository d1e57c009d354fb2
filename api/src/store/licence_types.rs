use sea_orm::entity::prelude::*;

/// A kind of licence, as data: who it is for, what it requires, how long it lasts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "licence_types")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub title_km: String,
    pub title_en: String,
    pub category: String,
    /// cqf-1 … cqf-8 or allied.
    pub required_level: String,
    pub validity_months: i32,
    pub cpd_hours_per_cycle: i32,
    pub grace_days: i32,
    /// active, or retired (no new applications).
    pub status: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
