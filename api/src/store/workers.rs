use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "workers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub registry_number: String,
    pub national_id: Option<String>,
    pub family_name_km: Option<String>,
    pub given_name_km: Option<String>,
    pub family_name_latin: Option<String>,
    pub given_name_latin: Option<String>,
    /// Folded for search: lowercase, no accents.
    pub search_latin: Option<String>,
    /// Normalised for search: NFC, no spaces or zero-width characters.
    pub search_km: Option<String>,
    pub sex: String,
    pub birth_date: Date,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub category: String,
    pub status: String,
    pub registered_by_organization_id: Option<Uuid>,
    pub merged_into: Option<Uuid>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
