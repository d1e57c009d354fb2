use sea_orm::entity::prelude::*;

/// A provider's signing key: its public half (the private half is a 0600 file in the data
/// directory) and its standing.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "issuer_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub provider_id: Uuid,
    /// The DID the key was made under; its verification method is `{controller}#{name}`.
    pub controller: String,
    /// The key's name, the fragment of its verification method (`key-2026-1`).
    pub name: String,
    pub public_multibase: String,
    /// active (signs new certificates), retired (verifies old ones), revoked.
    pub status: String,
    pub created_at: ChronoDateTimeUtc,
    pub retired_at: Option<ChronoDateTimeUtc>,
    pub revoked_at: Option<ChronoDateTimeUtc>,
    pub revoked_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
