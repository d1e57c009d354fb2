//! Email through a transactional outbox: an email is queued in the same database transaction as
//! the change that causes it, and a sender delivers it over SMTP (or, by default, into `.eml`
//! files) with retries and exponential backoff.

mod routes;
pub mod sender;
pub mod transport;

pub use routes::router;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};
use uuid::Uuid;
use web::email::EmailMessage;

use crate::store::email_outbox;

/// Queues `message` for `recipient` inside the caller's transaction: if the change rolls back,
/// no email is sent.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    recipient_email: &str,
    recipient_name: &str,
    locale: &str,
    message: &EmailMessage,
) -> Result<Uuid, DbErr> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    email_outbox::ActiveModel {
        id: Set(id),
        recipient_email: Set(recipient_email.to_owned()),
        recipient_name: Set(recipient_name.to_owned()),
        locale: Set(locale.to_owned()),
        kind: Set(message.kind().to_owned()),
        message: Set(serde_json::to_string(message).map_err(|e| DbErr::Custom(e.to_string()))?),
        status: Set("pending".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        claimed_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}
