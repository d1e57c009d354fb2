use sea_orm::entity::prelude::*;

/// A village of the gazetteer. Its code is not unique in the 2025 source (26 codes repeat), so
/// rows are identified by `id`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "villages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub commune_code: String,
    pub province_code: String,
    pub name_km: String,
    pub name_en: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
