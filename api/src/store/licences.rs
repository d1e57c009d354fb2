use sea_orm::entity::prelude::*;

/// A licence: its current state (replayable from its events) and its holder.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "licences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub worker_id: Uuid,
    pub licence_type_code: String,
    /// Given when granted, e.g. PSW-2026-000042.
    pub number: Option<String>,
    pub status: String,
    pub valid_from: Option<Date>,
    pub cycle_start: Option<Date>,
    pub valid_until: Option<Date>,
    pub conditions: Option<String>,
    pub before_suspension: Option<String>,
    pub changed_on: Option<Date>,
    /// The certificate that met the prerequisite when applying.
    pub prerequisite_serial: Option<String>,
    /// JSON list of the expiry reminders sent for the current period (days before).
    pub reminders_sent: String,
    pub applied_by: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
