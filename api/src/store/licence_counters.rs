use sea_orm::entity::prelude::*;

/// The next licence number of a type and year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "licence_counters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub type_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub next_value: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
