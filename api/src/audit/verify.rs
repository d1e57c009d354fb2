//! Checking the hash chain of the audit log, page by page.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::store::{audit_head, audit_log};

#[derive(Debug)]
pub enum VerifyOutcome {
    /// Every entry checked out; the number checked.
    Intact(u64),
    /// The first broken entry and why.
    Broken(String),
}

const PAGE: u64 = 2000;

pub async fn verify(db: &DatabaseConnection) -> anyhow::Result<VerifyOutcome> {
    let mut verifier = domain::ChainVerifier::new();
    let mut after_seq = 0i64;
    loop {
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gt(after_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(last) = page.last() else { break };
        after_seq = last.seq;
        for row in page {
            let stored = row.hash.clone();
            if let Err(broken) = verifier.push(to_record(row), &stored) {
                return Ok(VerifyOutcome::Broken(broken.to_string()));
            }
        }
    }
    // Entries cut from the end of the log leave the head pointing past it.
    let head = audit_head::Entity::find_by_id(1).one(db).await?;
    match head {
        None => Ok(VerifyOutcome::Broken("the audit chain head is missing".into())),
        Some(h) if h.last_seq != verifier.last_seq() || h.last_hash != verifier.last_hash() => {
            Ok(VerifyOutcome::Broken(format!(
                "entry {}: the chain head records {} entries but the log ends at entry {} (entries removed from the end)",
                verifier.last_seq() + 1,
                h.last_seq,
                verifier.last_seq()
            )))
        }
        Some(_) => Ok(VerifyOutcome::Intact(verifier.checked())),
    }
}

fn to_record(row: audit_log::Model) -> domain::AuditRecord {
    domain::AuditRecord {
        seq: row.seq,
        occurred_at: row.occurred_at,
        actor: row.actor,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        before: row.before,
        after: row.after,
        prev_hash: row.prev_hash,
    }
}
