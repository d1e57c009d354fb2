//! The audit log's hash chain, computed and checked without IO.
//!
//! Every entry stores the hash of the entry before it (`prev_hash`, [`GENESIS_HASH`] for the
//! first) and its own hash, [`chain_hash`], which covers all its fields including `prev_hash`.
//! Editing an entry changes its hash; deleting or reordering entries breaks a link or the
//! sequence. [`verify_chain`] walks the log and names the first entry that does not hold.
//!
//! A chain proves that nothing was changed *without rewriting every later hash*; someone who can
//! rewrite the whole table can forge a new chain, which is why the latest hash is worth keeping
//! somewhere else too (a log line, a backup).

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry of the log: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Marks the start of the hashed encoding, so that the format can change later without
/// ambiguity.
const ENCODING_VERSION: &str = "kamlang-audit-v1";

/// One entry of the audit log: who did what to which record, when, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// Position in the log, from 1, increasing by exactly 1.
    pub seq: i64,
    /// When it happened: RFC 3339 in UTC with microseconds, e.g. `2026-11-21T05:06:07.123456Z`
    /// (see [`audit_timestamp`]). Kept as text so that the hash never depends on how a database
    /// round-trips timestamps.
    pub occurred_at: String,
    /// Who did it: a user id, or a name such as `system` for jobs.
    pub actor: String,
    /// What was done, e.g. `certificate.revoke`.
    pub action: String,
    /// The kind of record changed, e.g. `certificate`.
    pub entity_type: String,
    /// The id of the record changed.
    pub entity_id: String,
    /// The record before the change, as JSON text; `None` when it was created.
    pub before: Option<String>,
    /// The record after the change, as JSON text; `None` when it was removed.
    pub after: Option<String>,
    /// The stored hash of the previous entry, or [`GENESIS_HASH`] for the first.
    pub prev_hash: String,
}

/// `at` in the form that [`AuditRecord::occurred_at`] holds: RFC 3339, UTC, microseconds, `Z`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let at = Utc.with_ymd_and_hms(2026, 11, 21, 5, 6, 7).unwrap()
///     + chrono::Duration::microseconds(123_456);
/// assert_eq!(domain::audit_timestamp(at), "2026-11-21T05:06:07.123456Z");
/// ```
pub fn audit_timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The hash of `record`: lowercase hex SHA-256 over an unambiguous encoding of all its fields,
/// `prev_hash` included.
///
/// The encoding is a version tag followed by every field in declaration order, each written as
/// `{byte length}:{bytes}`; an absent `before` or `after` is written as `-`, which no length
/// prefix starts with, so `None` and `Some("")` (`0:`) hash differently and no two records share
/// an encoding.
pub fn chain_hash(record: &AuditRecord) -> String {
    let AuditRecord {
        seq,
        occurred_at,
        actor,
        action,
        entity_type,
        entity_id,
        before,
        after,
        prev_hash,
    } = record;
    let mut hasher = Sha256::new();
    let mut field = |value: Option<&str>| match value {
        Some(text) => {
            hasher.update(text.len().to_string());
            hasher.update(":");
            hasher.update(text);
        }
        None => hasher.update("-"),
    };
    field(Some(ENCODING_VERSION));
    field(Some(&seq.to_string()));
    field(Some(occurred_at));
    field(Some(actor));
    field(Some(action));
    field(Some(entity_type));
    field(Some(entity_id));
    field(before.as_deref());
    field(after.as_deref());
    field(Some(prev_hash));
    hex::encode(hasher.finalize())
}

/// The first place where an audit log does not hold together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// The entry's stored hash is not the hash of its contents.
    #[error("entry {seq}: its hash does not match its contents (edited after it was written)")]
    HashMismatch {
        /// The entry that was edited.
        seq: i64,
    },
    /// The entry does not link to the entry before it.
    #[error("entry {seq}: it does not follow entry {expected_prev_seq} (link broken: deleted or reordered entries)")]
    LinkBroken {
        /// The entry whose link is broken.
        seq: i64,
        /// The entry it comes after in the log, which it should link to; 0 for the start of the
        /// log.
        expected_prev_seq: i64,
    },
    /// Sequence numbers jump: entries are missing between the two.
    #[error("entry {seq}: sequence gap after {prev_seq} (entries deleted)")]
    Gap {
        /// The entry after the gap.
        seq: i64,
        /// The entry before the gap.
        prev_seq: i64,
    },
}

/// Checks an audit log, given as `(record, stored hash)` pairs in `seq` order, and returns how
/// many entries it checked, or the first break.
///
/// For each entry, in this order:
/// 1. its stored hash must be [`chain_hash`] of its record, else [`ChainBreak::HashMismatch`];
/// 2. its `seq` must be the previous one plus 1: a jump is a [`ChainBreak::Gap`], a step back or
///    a repeat is a [`ChainBreak::LinkBroken`];
/// 3. its `prev_hash` must be the previous entry's stored hash ([`GENESIS_HASH`] for the first),
///    else [`ChainBreak::LinkBroken`].
///
/// An empty log is valid. The check streams: it holds one entry at a time.
pub fn verify_chain<I>(entries: I) -> Result<u64, ChainBreak>
where
    I: IntoIterator<Item = (AuditRecord, String)>,
{
    let mut verifier = ChainVerifier::new();
    for (record, stored_hash) in entries {
        verifier.push(record, &stored_hash)?;
    }
    Ok(verifier.checked())
}

/// Checks a chain one entry at a time, so a long log can be read page by page.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainVerifier {
    pub fn new() -> Self {
        ChainVerifier {
            last_seq: 0,
            last_hash: GENESIS_HASH.to_owned(),
            checked: 0,
        }
    }

    /// Checks the next entry (in seq order) against its stored hash and the entry before it.
    pub fn push(&mut self, record: AuditRecord, stored_hash: &str) -> Result<(), ChainBreak> {
        let seq = record.seq;
        if chain_hash(&record) != stored_hash {
            return Err(ChainBreak::HashMismatch { seq });
        }
        if self.checked > 0 {
            if seq > self.last_seq.saturating_add(1) {
                return Err(ChainBreak::Gap {
                    seq,
                    prev_seq: self.last_seq,
                });
            }
            if seq <= self.last_seq {
                return Err(ChainBreak::LinkBroken {
                    seq,
                    expected_prev_seq: self.last_seq,
                });
            }
        }
        if record.prev_hash != self.last_hash {
            return Err(ChainBreak::LinkBroken {
                seq,
                expected_prev_seq: self.last_seq,
            });
        }
        self.last_seq = seq;
        self.last_hash = stored_hash.to_owned();
        self.checked += 1;
        Ok(())
    }

    /// The seq of the last entry accepted (0 before any).
    pub fn last_seq(&self) -> i64 {
        self.last_seq
    }

    /// The stored hash of the last entry accepted ([`GENESIS_HASH`] before any).
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }

    pub fn checked(&self) -> u64 {
        self.checked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-formed log of `n` entries, as stored: each record with its hash.
    fn chain(n: i64) -> Vec<(AuditRecord, String)> {
        let mut entries = Vec::new();
        let mut prev_hash = GENESIS_HASH.to_owned();
        for seq in 1..=n {
            let record = AuditRecord {
                seq,
                occurred_at: format!("2026-11-21T05:06:{:02}.123456Z", seq % 60),
                actor: "user:7".into(),
                action: "worker.update".into(),
                entity_type: "worker".into(),
                entity_id: format!("W-{seq:05}"),
                before: (seq > 1).then(|| format!(r#"{{"phone":"01{seq}"}}"#)),
                after: Some(format!(r#"{{"phone":"09{seq}"}}"#)),
                prev_hash,
            };
            let hash = chain_hash(&record);
            prev_hash = hash.clone();
            entries.push((record, hash));
        }
        entries
    }

    /// Rehashes entry `index` after an edit, as a forger who updates its stored hash would.
    fn rehash(entries: &mut [(AuditRecord, String)], index: usize) {
        entries[index].1 = chain_hash(&entries[index].0);
    }

    #[test]
    fn genesis_hash_is_64_zeros() {
        assert_eq!(GENESIS_HASH.len(), 64);
        assert!(GENESIS_HASH.bytes().all(|b| b == b'0'));
    }

    #[test]
    fn hash_is_lowercase_hex_sha256_and_deterministic() {
        let (record, hash) = chain(1).remove(0);
        assert_eq!(hash.len(), 64);
        assert!(hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert_eq!(chain_hash(&record.clone()), hash);
    }

    #[test]
    fn hash_covers_every_field() {
        let (record, hash) = chain(2).remove(1);
        let edits: [fn(&mut AuditRecord); 9] = [
            |r| r.seq += 1,
            |r| r.occurred_at.push('0'),
            |r| r.actor.push('0'),
            |r| r.action.push('0'),
            |r| r.entity_type.push('0'),
            |r| r.entity_id.push('0'),
            |r| r.before = None,
            |r| r.after = Some(String::new()),
            |r| r.prev_hash = GENESIS_HASH.into(),
        ];
        for (i, edit) in edits.into_iter().enumerate() {
            let mut edited = record.clone();
            edit(&mut edited);
            assert_ne!(chain_hash(&edited), hash, "edit {i}");
        }
    }

    #[test]
    fn encoding_is_unambiguous() {
        let (record, _) = chain(1).remove(0);
        // None and Some("") differ.
        let none = AuditRecord {
            before: None,
            ..record.clone()
        };
        let empty = AuditRecord {
            before: Some(String::new()),
            ..record.clone()
        };
        assert_ne!(chain_hash(&none), chain_hash(&empty));
        // Moving bytes from one field to the next changes the hash.
        let split_a = AuditRecord {
            actor: "ab".into(),
            action: "c".into(),
            ..record.clone()
        };
        let split_b = AuditRecord {
            actor: "a".into(),
            action: "bc".into(),
            ..record.clone()
        };
        assert_ne!(chain_hash(&split_a), chain_hash(&split_b));
        // A value that looks like an encoded field does not collide with two fields.
        let before_after = AuditRecord {
            before: None,
            after: Some("-".into()),
            ..record.clone()
        };
        let after_before = AuditRecord {
            before: Some("-".into()),
            after: None,
            ..record
        };
        assert_ne!(chain_hash(&before_after), chain_hash(&after_before));
    }

    #[test]
    fn a_good_chain_passes() {
        assert_eq!(verify_chain(chain(5)), Ok(5));
        assert_eq!(verify_chain(chain(1)), Ok(1));
        assert_eq!(verify_chain(Vec::new()), Ok(0));
    }

    #[test]
    fn an_edited_entry_is_caught_at_its_seq() {
        let mut entries = chain(5);
        entries[2].0.after = Some(r#"{"phone":"012345678"}"#.into());
        assert_eq!(verify_chain(entries), Err(ChainBreak::HashMismatch { seq: 3 }));
    }

    #[test]
    fn an_edited_and_rehashed_entry_breaks_the_next_link() {
        let mut entries = chain(5);
        entries[2].0.actor = "user:1".into();
        rehash(&mut entries, 2);
        assert_eq!(
            verify_chain(entries),
            Err(ChainBreak::LinkBroken {
                seq: 4,
                expected_prev_seq: 3
            })
        );
    }

    #[test]
    fn a_deleted_middle_entry_is_caught() {
        let mut entries = chain(5);
        entries.remove(2);
        assert_eq!(verify_chain(entries), Err(ChainBreak::Gap { seq: 4, prev_seq: 2 }));
    }

    #[test]
    fn a_deleted_last_entry_leaves_a_valid_shorter_chain() {
        // Truncation cannot be seen from inside the chain; keep the latest hash elsewhere.
        let mut entries = chain(5);
        entries.pop();
        assert_eq!(verify_chain(entries), Ok(4));
    }

    #[test]
    fn a_deleted_first_entry_is_caught() {
        let mut entries = chain(3);
        entries.remove(0);
        assert_eq!(
            verify_chain(entries),
            Err(ChainBreak::LinkBroken {
                seq: 2,
                expected_prev_seq: 0
            })
        );
    }

    #[test]
    fn a_deleted_and_renumbered_entry_is_caught() {
        // Entry 3 deleted, later entries renumbered and rehashed to hide the gap: the link of the
        // first renumbered entry still points at the deleted one.
        let mut entries = chain(5);
        entries.remove(2);
        for index in 2..entries.len() {
            entries[index].0.seq -= 1;
            rehash(&mut entries, index);
        }
        assert_eq!(
            verify_chain(entries),
            Err(ChainBreak::LinkBroken {
                seq: 3,
                expected_prev_seq: 2
            })
        );
    }

    #[test]
    fn a_reordered_pair_is_caught() {
        let mut entries = chain(5);
        entries.swap(1, 2);
        assert_eq!(verify_chain(entries), Err(ChainBreak::Gap { seq: 3, prev_seq: 1 }));
    }

    #[test]
    fn a_reordered_pair_with_swapped_seqs_is_caught() {
        // The contents of entries 2 and 3 swapped, each keeping its position's seq.
        let mut entries = chain(5);
        entries.swap(1, 2);
        entries[1].0.seq = 2;
        entries[2].0.seq = 3;
        assert_eq!(verify_chain(entries.clone()), Err(ChainBreak::HashMismatch { seq: 2 }));
        // Even with both rehashed, the links give it away.
        rehash(&mut entries, 1);
        rehash(&mut entries, 2);
        assert_eq!(
            verify_chain(entries),
            Err(ChainBreak::LinkBroken {
                seq: 2,
                expected_prev_seq: 1
            })
        );
    }

    #[test]
    fn a_repeated_entry_is_caught() {
        let mut entries = chain(3);
        entries.insert(2, entries[1].clone());
        assert_eq!(
            verify_chain(entries),
            Err(ChainBreak::LinkBroken {
                seq: 2,
                expected_prev_seq: 2
            })
        );
    }

    #[test]
    fn a_first_entry_not_on_genesis_is_caught() {
        let mut entries = chain(2);
        entries[0].0.prev_hash = "f".repeat(64);
        rehash(&mut entries, 0);
        assert_eq!(
            verify_chain(entries),
            Err(ChainBreak::LinkBroken {
                seq: 1,
                expected_prev_seq: 0
            })
        );
    }

    #[test]
    fn breaks_read_as_sentences() {
        assert_eq!(
            ChainBreak::Gap { seq: 4, prev_seq: 2 }.to_string(),
            "entry 4: sequence gap after 2 (entries deleted)"
        );
        assert_eq!(
            ChainBreak::HashMismatch { seq: 3 }.to_string(),
            "entry 3: its hash does not match its contents (edited after it was written)"
        );
    }
}
