//! The audit log: every write records who, when, what, before and after, in the same
//! transaction as the write, as an entry of a hash chain that `kamlang audit verify` checks.

mod routes;
pub mod verify;

pub use routes::router;

use chrono::{SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use serde::Serialize;

use crate::store::{audit_head, audit_log};

/// Who did it: a user, the command line, or the system itself.
#[derive(Debug, Clone)]
pub struct Actor(pub String);

impl Actor {
    pub fn user(id: uuid::Uuid, email: &str) -> Actor {
        Actor(format!("user:{id} {email}"))
    }
    pub fn system() -> Actor {
        Actor("system".to_owned())
    }
    pub fn cli() -> Actor {
        Actor(format!(
            "cli:{}",
            std::env::var("USER").unwrap_or_else(|_| "unknown".into())
        ))
    }
}

/// Begins a transaction for an audited write and claims the head of the audit chain first, so
/// that concurrent writers append in turn (a row lock on PostgreSQL; on SQLite an IMMEDIATE transaction
/// takes the write lock before any read, which avoids lock-upgrade deadlocks).
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let tx = db
        .begin_with_options(TransactionOptions {
            isolation_level: None,
            access_mode: None,
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        })
        .await?;
    tx.execute_raw(Statement::from_string(
        tx.get_database_backend(),
        "UPDATE audit_head SET last_seq = last_seq WHERE id = 1",
    ))
    .await?;
    Ok(tx)
}

/// Appends one entry to the chain inside `tx` (begun with [`begin`]).
pub async fn record<B: Serialize, A: Serialize>(
    tx: &DatabaseTransaction,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<i64, DbErr> {
    let head = audit_head::Entity::find_by_id(1)
        .one(tx)
        .await?
        .ok_or_else(|| DbErr::Custom("the audit chain head is missing".into()))?;
    let record = domain::AuditRecord {
        seq: head.last_seq + 1,
        occurred_at: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
        actor: actor.0.clone(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id: entity_id.to_string(),
        before: before.map(to_json),
        after: after.map(to_json),
        prev_hash: head.last_hash.clone(),
    };
    let hash = domain::chain_hash(&record);
    audit_log::ActiveModel {
        seq: Set(record.seq),
        occurred_at: Set(record.occurred_at),
        actor: Set(record.actor),
        action: Set(record.action),
        entity_type: Set(record.entity_type),
        entity_id: Set(record.entity_id),
        before: Set(record.before),
        after: Set(record.after),
        prev_hash: Set(record.prev_hash),
        hash: Set(hash.clone()),
    }
    .insert(tx)
    .await?;
    audit_head::ActiveModel {
        id: Set(1),
        last_seq: Set(record.seq),
        last_hash: Set(hash),
    }
    .update(tx)
    .await?;
    Ok(record.seq)
}

/// One entry of a batch for [`record_batch`].
pub struct Entry {
    pub action: &'static str,
    pub entity_type: &'static str,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Entry {
    pub fn created<A: Serialize>(
        action: &'static str,
        entity_type: &'static str,
        id: impl ToString,
        after: &A,
    ) -> Entry {
        Entry {
            action,
            entity_type,
            entity_id: id.to_string(),
            before: None,
            after: Some(to_json(after)),
        }
    }
}

/// Appends many entries at once inside `tx` (begun with [`begin`]): the chain is computed in
/// memory and written in a few statements, for bulk imports.
pub async fn record_batch(tx: &DatabaseTransaction, actor: &Actor, entries: Vec<Entry>) -> Result<(), DbErr> {
    if entries.is_empty() {
        return Ok(());
    }
    let head = audit_head::Entity::find_by_id(1)
        .one(tx)
        .await?
        .ok_or_else(|| DbErr::Custom("the audit chain head is missing".into()))?;
    let occurred_at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let mut seq = head.last_seq;
    let mut prev = head.last_hash;
    let mut rows = Vec::with_capacity(entries.len());
    for e in entries {
        seq += 1;
        let record = domain::AuditRecord {
            seq,
            occurred_at: occurred_at.clone(),
            actor: actor.0.clone(),
            action: e.action.to_owned(),
            entity_type: e.entity_type.to_owned(),
            entity_id: e.entity_id,
            before: e.before,
            after: e.after,
            prev_hash: prev.clone(),
        };
        let hash = domain::chain_hash(&record);
        prev = hash.clone();
        rows.push(audit_log::ActiveModel {
            seq: Set(record.seq),
            occurred_at: Set(record.occurred_at),
            actor: Set(record.actor),
            action: Set(record.action),
            entity_type: Set(record.entity_type),
            entity_id: Set(record.entity_id),
            before: Set(record.before),
            after: Set(record.after),
            prev_hash: Set(record.prev_hash),
            hash: Set(hash),
        });
    }
    crate::store::bulk::insert_all(tx, rows).await?;
    audit_head::ActiveModel {
        id: Set(1),
        last_seq: Set(seq),
        last_hash: Set(prev),
    }
    .update(tx)
    .await?;
    Ok(())
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"unserialisable\":\"{e}\"}}"))
}
