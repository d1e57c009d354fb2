use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub file_name: String,
    pub file_sha256: String,
    pub dry_run: bool,
    pub rows_total: i32,
    pub rows_valid: i32,
    pub rows_created: i32,
    pub rows_existing: i32,
    /// The per-row report, as JSON.
    pub report: String,
    /// The uploaded file itself.
    #[serde(skip)]
    pub content: Vec<u8>,
    pub created_by: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
