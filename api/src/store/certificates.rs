use sea_orm::entity::prelude::*;

/// An issued certificate: the signed credential exactly as issued, the PDF's hash, and what
/// happened to it since (revoked, superseded); never deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub serial: String,
    pub provider_id: Uuid,
    pub worker_id: Uuid,
    pub qualification_id: Uuid,
    pub qualification_code: String,
    pub cohort_id: Option<Uuid>,
    pub batch_id: Option<Uuid>,
    /// cqf-1 … cqf-8, or allied.
    pub level: String,
    pub credits_ninetieths: i64,
    pub issued_on: Date,
    /// The signed credential (JSON), exactly as issued.
    #[serde(skip)]
    pub credential: String,
    pub key_name: String,
    pub pdf_sha256: String,
    pub status_index: i64,
    pub supersedes_id: Option<Uuid>,
    pub superseded_by_id: Option<Uuid>,
    pub revoked_at: Option<ChronoDateTimeUtc>,
    pub revoked_reason: Option<String>,
    pub revoked_by: Option<String>,
    pub verification_count: i64,
    pub issued_by: String,
    pub created_at: ChronoDateTimeUtc,
    /// What a verification shows, copied from the credential at issuance (never changed).
    pub holder_name_km: String,
    pub holder_name_latin: String,
    pub qualification_title_km: String,
    pub qualification_title_en: String,
    pub provider_name_km: String,
    pub provider_name_en: String,
    /// The issuer's DID and the key that signed it (`did…#key-…`).
    pub issuer_did: String,
    pub verification_method: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
