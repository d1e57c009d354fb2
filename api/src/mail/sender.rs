//! The sender: claims due emails, delivers them, and records the outcome.
//!
//! Claiming marks a batch `sending` with a lease (`claimed_until`), inside one statement that
//! skips rows another instance holds (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one
//! writer at a time), so two instances never send the same email. A delivered email is marked
//! `sent` at once; an email whose sender died mid-delivery is claimed again when its lease ends,
//! which is the only way one can go out twice, and every message carries a stable Message-ID
//! so receiving servers can tell.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseBackend, DatabaseConnection, EntityTrait, IntoActiveModel, Statement,
};
use tokio::sync::watch;

use super::transport::{Mailer, SendError};
use crate::store::email_outbox;

/// After this many failed attempts an email is marked failed for good.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claimed email stays with its sender before another may take it.
pub const LEASE: Duration = Duration::minutes(5);
const BATCH: i64 = 20;

/// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most 1 h.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = (attempts.max(1) - 1).min(7) as u32;
    Duration::seconds((30i64 << exponent).min(3600))
}

pub struct Sender {
    pub mailer: Mailer,
    pub from: String,
    /// Who claims: this process, for the outbox's record.
    pub instance: String,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TickReport {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

async fn claim(
    db: &DatabaseConnection,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Vec<email_outbox::Model>, sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let (sql, lock) = match backend {
        DatabaseBackend::Postgres => ("$1, $2, $3, $4", " FOR UPDATE SKIP LOCKED"),
        _ => ("?, ?, ?, ?", ""),
    };
    let p: Vec<&str> = sql.split(", ").collect();
    let statement = format!(
        "UPDATE email_outbox SET status = 'sending', claimed_until = {lease}, claimed_by = {by}, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM email_outbox \
           WHERE (status = 'pending' AND next_attempt_at <= {now}) OR (status = 'sending' AND claimed_until < {now2}) \
           ORDER BY next_attempt_at LIMIT {BATCH}{lock}) \
         RETURNING *",
        lease = p[0],
        by = p[1],
        now = p[2],
        now2 = p[3],
    );
    email_outbox::Entity::find()
        .from_raw_sql(Statement::from_sql_and_values(
            backend,
            statement,
            [(now + LEASE).into(), instance.into(), now.into(), now.into()],
        ))
        .all(db)
        .await
}

/// Delivers what is due at `now`. Returns what happened.
pub async fn tick(db: &DatabaseConnection, sender: &Sender, now: DateTime<Utc>) -> Result<TickReport, sea_orm::DbErr> {
    let mut report = TickReport::default();
    for email in claim(db, &sender.instance, now).await? {
        let lang = web::Lang::from_code(&email.locale).unwrap_or_default();
        let outcome = match serde_json::from_str::<web::email::EmailMessage>(&email.message) {
            Err(e) => Err(SendError::Permanent(format!("the queued message cannot be read: {e}"))),
            Ok(message) => match web::email::render_email(lang, &message) {
                Err(e) => Err(SendError::Permanent(format!("the email cannot be rendered: {e}"))),
                Ok(rendered) => {
                    let message_id = format!("<{}@kamlang>", email.id);
                    sender
                        .mailer
                        .send(
                            &sender.from,
                            &email.recipient_email,
                            &email.recipient_name,
                            &message_id,
                            &rendered,
                        )
                        .await
                }
            },
        };
        let mut row = email.clone().into_active_model();
        row.claimed_until = Set(None);
        match outcome {
            Ok(()) => {
                row.status = Set("sent".to_owned());
                row.sent_at = Set(Some(Utc::now()));
                row.last_error = Set(None);
                report.sent += 1;
            }
            Err(SendError::Permanent(why)) => {
                tracing::warn!(email = %email.id, kind = %email.kind, error = %why, "email failed for good");
                row.status = Set("failed".to_owned());
                row.last_error = Set(Some(why));
                report.failed += 1;
            }
            Err(SendError::Transient(why)) if email.attempts >= MAX_ATTEMPTS => {
                tracing::warn!(email = %email.id, kind = %email.kind, error = %why, "email failed after every attempt");
                row.status = Set("failed".to_owned());
                row.last_error = Set(Some(why));
                report.failed += 1;
            }
            Err(SendError::Transient(why)) => {
                tracing::info!(email = %email.id, attempts = email.attempts, error = %why, "email will be retried");
                row.status = Set("pending".to_owned());
                row.next_attempt_at = Set(now + backoff(email.attempts));
                row.last_error = Set(Some(why));
                report.retrying += 1;
            }
        }
        row.update(db).await?;
    }
    Ok(report)
}

/// Runs the sender every few seconds until `shutdown` turns true.
pub fn spawn(
    db: DatabaseConnection,
    sender: Sender,
    mut shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(transport = %sender.mailer.describe(), "email sender started");
        loop {
            match tick(&db, &sender, Utc::now()).await {
                Ok(r) if r != TickReport::default() => tracing::info!(?r, "email sender"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "email sender could not reach the database"),
            }
            tokio::select! {
                _ = tokio::time::sleep(StdDuration::from_secs(3)) => {}
                _ = shutdown.changed() => break,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(20), Duration::hours(1));
    }
}
