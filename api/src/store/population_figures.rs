use sea_orm::entity::prelude::*;

/// A population figure: the denominator of the per-100,000 indicators.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "population_figures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub admin_code: String,
    pub year: i32,
    /// total or children_0_17.
    pub age_band: String,
    /// all, female or male.
    pub sex: String,
    pub count: i64,
    pub source: String,
    pub imported_by: String,
    pub imported_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
