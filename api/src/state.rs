//! What every handler shares. Nothing here is in-process state that a second instance would
//! contradict: the database is the only source of truth. (Verification counts are buffered here
//! for a few seconds and added to the database's, never set, so instances add up.)

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::{auth::tokens::TokenKeys, config::Config};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub keys: Arc<TokenKeys>,
    /// Verifications counted since the last flush, by certificate.
    pub verifications: Arc<crate::certificates::verify::VerificationCounts>,
    /// The public verification's reads (its own connections on PostgreSQL).
    pub verification_reads: Arc<crate::certificates::verify::VerificationReads>,
    /// Builds planning snapshots one at a time.
    pub planning: Arc<crate::planning::snapshot::Snapshots>,
}
