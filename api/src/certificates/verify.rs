//! What anyone may learn about a certificate from its serial, and checking a credential's proof:
//! the holder's name in both scripts, the qualification, level, credits, provider, issue date,
//! status (valid; revoked with date and reason; superseded by which serial; signed with a
//! revoked key) and the PDF's hash. Verifications are counted per certificate; who asked is not
//! stored.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use domain::certificate::{CertificateStatus, StatusFacts, certificate_status};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::{
    error::{AppError, AppResult},
    store::{certificates as certs, issuer_keys, sql::Sql},
};

/// A certificate as the public verification shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerifiedCertificate {
    pub serial: String,
    pub holder_name_km: String,
    pub holder_name_latin: String,
    pub qualification_title_km: String,
    pub qualification_title_en: String,
    /// cqf-1 … cqf-8, or allied.
    pub level: String,
    /// As printed: whole credits, or rounded down to a tenth.
    pub credits: String,
    pub provider_name_en: String,
    pub provider_name_km: String,
    pub issued_on: chrono::NaiveDate,
    /// valid, revoked, superseded or key_revoked, with the date and reason of a revocation or the
    /// serial that replaces it.
    #[schema(value_type = Object)]
    pub status: CertificateStatus,
    /// The SHA-256 of the PDF as issued: a PDF with another hash has been altered.
    pub pdf_sha256: String,
    /// How many times it has been verified (this time included).
    pub verification_count: i64,
    /// The provider's DID and the key that signed it.
    pub issuer: String,
    pub verification_method: String,
}

fn text<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(v, |v, k| v.get(*k))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The value of a language in a VC 2.0 language map (`[{"@value", "@language"}]`) or a string.
fn language(v: Option<&Value>, lang: &str) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .find(|i| i.get("@language").and_then(Value::as_str) == Some(lang))
            .and_then(|i| i.get("@value"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
        _ => String::new(),
    }
}

/// The `n`th identifier of the credential subject (the names in Khmer, then Latin script).
fn identity(subject: &Value, n: usize) -> String {
    subject
        .get("identifier")
        .and_then(|i| i.get(n))
        .and_then(|i| i.get("identityHash"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// The status of a certificate, from its row and its key's.
pub async fn status_of<C: ConnectionTrait>(db: &C, c: &certs::Model) -> AppResult<CertificateStatus> {
    let superseded_by = match c.superseded_by_id {
        Some(id) => certs::Entity::find_by_id(id).one(db).await?.map(|n| n.serial),
        None => None,
    };
    let key = issuer_keys::Entity::find()
        .filter(issuer_keys::Column::ProviderId.eq(c.provider_id))
        .filter(issuer_keys::Column::Name.eq(c.key_name.as_str()))
        .one(db)
        .await?;
    Ok(certificate_status(&StatusFacts {
        revoked: c
            .revoked_at
            .map(|t| (t.date_naive(), c.revoked_reason.clone().unwrap_or_default())),
        superseded_by,
        key_revoked_on: key.and_then(|k| k.revoked_at).map(|t| t.date_naive()),
    }))
}

/// What a verification shows of a credential, read from it once at issuance and kept in the
/// certificate's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayFields {
    pub holder_name_km: String,
    pub holder_name_latin: String,
    pub qualification_title_km: String,
    pub qualification_title_en: String,
    pub provider_name_km: String,
    pub provider_name_en: String,
    pub issuer_did: String,
    pub verification_method: String,
}

impl DisplayFields {
    pub fn of(credential: &Value) -> DisplayFields {
        let subject = credential.get("credentialSubject").unwrap_or(&Value::Null);
        let achievement_name = subject.get("achievement").and_then(|a| a.get("name"));
        let issuer_name = credential.get("issuer").and_then(|i| i.get("name"));
        DisplayFields {
            holder_name_km: identity(subject, 0),
            holder_name_latin: identity(subject, 1),
            qualification_title_km: language(achievement_name, "km"),
            qualification_title_en: language(achievement_name, "en"),
            provider_name_km: language(issuer_name, "km"),
            provider_name_en: language(issuer_name, "en"),
            issuer_did: text(credential, &["issuer", "id"]).to_owned(),
            verification_method: text(credential, &["proof", "verificationMethod"]).to_owned(),
        }
    }
}

/// What the registry says of `c`, with its status.
pub fn describe(c: &certs::Model, status: CertificateStatus) -> VerifiedCertificate {
    VerifiedCertificate {
        serial: c.serial.clone(),
        holder_name_km: c.holder_name_km.clone(),
        holder_name_latin: c.holder_name_latin.clone(),
        qualification_title_km: c.qualification_title_km.clone(),
        qualification_title_en: c.qualification_title_en.clone(),
        level: c.level.clone(),
        credits: domain::Credits::from_ninetieths(c.credits_ninetieths.max(0) as u64).display_rounded(),
        provider_name_en: c.provider_name_en.clone(),
        provider_name_km: c.provider_name_km.clone(),
        issued_on: c.issued_on,
        status,
        pdf_sha256: c.pdf_sha256.clone(),
        verification_count: c.verification_count,
        issuer: c.issuer_did.clone(),
        verification_method: c.verification_method.clone(),
    }
}

/// Verifications counted in memory and added to the database every few seconds: a verification
/// is then a read, not a write, so the public endpoint scales with reads. The count shown is the
/// database's plus what is waiting here; a crash loses at most the last few seconds of counts.
#[derive(Debug, Default)]
pub struct VerificationCounts {
    pending: std::sync::Mutex<std::collections::HashMap<Uuid, i64>>,
}

impl VerificationCounts {
    /// Counts one verification of `certificate`; returns how many are waiting for it.
    pub fn add(&self, certificate: Uuid) -> i64 {
        let mut pending = lock(&self.pending);
        let n = pending.entry(certificate).or_insert(0);
        *n += 1;
        *n
    }

    /// Adds the waiting counts to the database, a few hundred certificates per statement (each
    /// row its own increment, so that instances add up). What could not be written waits for the
    /// next flush.
    pub async fn flush<C: ConnectionTrait>(&self, db: &C) -> AppResult<usize> {
        let taken: Vec<(Uuid, i64)> = {
            let mut pending = lock(&self.pending);
            pending.drain().collect()
        };
        for (done, chunk) in taken.chunks(COUNTS_PER_STATEMENT).enumerate() {
            if let Err(e) = db.execute_raw(add_counts(db.get_database_backend(), chunk)).await {
                let mut pending = lock(&self.pending);
                for (id, n) in &taken[done * COUNTS_PER_STATEMENT..] {
                    *pending.entry(*id).or_insert(0) += n;
                }
                return Err(e.into());
            }
        }
        Ok(taken.len())
    }
}

/// Certificates whose counts one statement adds (two parameters each, well within SQLite's 32,766).
const COUNTS_PER_STATEMENT: usize = 500;

/// `UPDATE certificates SET verification_count = verification_count + n` for each (id, n), in one
/// statement: a `CASE` on the id, limited to the ids listed.
fn add_counts(backend: sea_orm::DatabaseBackend, counts: &[(Uuid, i64)]) -> sea_orm::Statement {
    let mut sql = Sql::new(backend);
    sql.push("UPDATE certificates SET verification_count = verification_count + CASE id");
    for (id, n) in counts {
        sql.push(" WHEN ").param(*id).push(" THEN ").param(*n);
    }
    sql.push(" ELSE 0 END WHERE id IN (");
    for (i, (id, _)) in counts.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.param(*id);
    }
    sql.push(")");
    sql.statement()
}

/// Flushes the verification counts every 2 seconds, and once more when stopping.
pub fn spawn_flusher(
    db: sea_orm::DatabaseConnection,
    counts: std::sync::Arc<VerificationCounts>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let stopping = *stop.borrow();
            if let Err(e) = counts.flush(&db).await {
                tracing::warn!(error = %e.message, "saving verification counts");
            }
            if stopping {
                break;
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
                _ = stop.changed() => {}
            }
        }
    })
}

/// One certificate as a verification reads it: its display columns, its status facts, the serial
/// that replaces it and its key's revocation, in one query.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
struct VerificationRow {
    id: Uuid,
    serial: String,
    holder_name_km: String,
    holder_name_latin: String,
    qualification_title_km: String,
    qualification_title_en: String,
    provider_name_km: String,
    provider_name_en: String,
    level: String,
    credits_ninetieths: i64,
    issued_on: chrono::NaiveDate,
    pdf_sha256: String,
    verification_count: i64,
    revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    revoked_reason: Option<String>,
    issuer_did: String,
    verification_method: String,
    superseded_by: Option<String>,
    key_revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The verification query, ending with `$p`, the serial's placeholder (a literal: sqlx takes
/// static SQL only).
macro_rules! verification_sql {
    ($p:literal) => {
        concat!(
            "SELECT c.id, c.serial, c.holder_name_km, c.holder_name_latin, c.qualification_title_km, ",
            "c.qualification_title_en, c.provider_name_km, c.provider_name_en, c.level, c.credits_ninetieths, ",
            "c.issued_on, c.pdf_sha256, c.verification_count, c.revoked_at, c.revoked_reason, c.issuer_did, ",
            "c.verification_method, s.serial AS superseded_by, k.revoked_at AS key_revoked_at ",
            "FROM certificates c ",
            "LEFT JOIN certificates s ON s.id = c.superseded_by_id ",
            "LEFT JOIN issuer_keys k ON k.provider_id = c.provider_id AND k.name = c.key_name ",
            "WHERE c.serial = ",
            $p
        )
    };
}

/// The public verification's reads: on PostgreSQL, connections of its own, outside the pool, and
/// lookups that arrive together answered together.
///
/// - sqlx pings a pooled connection every time it goes back to the pool: a second round trip per
///   verification, which costs the server about as much as the query. These connections are never
///   pinged; a broken one is dropped and opened again when next needed.
/// - While every connection is busy, lookups wait in a queue; the next connection free takes all
///   that are waiting (up to [`MAX_BATCH`]) in one query (`serial = ANY($1)`). Under load a round
///   trip then serves many verifications; alone, a lookup goes at once, with no added delay.
///   Nothing is cached: every answer comes from the database after the request arrived.
///
/// On SQLite (no network, nothing to ping) verifications use the pool.
pub struct VerificationReads {
    postgres: Option<std::sync::Arc<DirectConnections>>,
}

struct DirectConnections {
    options: sea_orm::sqlx::postgres::PgConnectOptions,
    /// One permit per connection.
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    /// Open connections not in use (fewer than the permits until all have been opened).
    idle: std::sync::Mutex<Vec<sea_orm::sqlx::PgConnection>>,
    /// Lookups waiting for a connection, oldest first.
    waiting: std::sync::Mutex<Vec<Pending>>,
}

struct Pending {
    serial: String,
    reply: tokio::sync::oneshot::Sender<AppResult<Option<VerificationRow>>>,
}

/// Connections the verification endpoint keeps (beside the pool's 20).
const VERIFICATION_CONNECTIONS: usize = 8;
/// The most lookups one query answers.
const MAX_BATCH: usize = 64;

impl VerificationReads {
    /// For the database at `url`: direct connections on PostgreSQL (opened when first used).
    pub fn for_database(url: &str) -> AppResult<VerificationReads> {
        if !url.starts_with("postgres") {
            return Ok(VerificationReads { postgres: None });
        }
        let options: sea_orm::sqlx::postgres::PgConnectOptions = url.parse().map_err(AppError::internal)?;
        Ok(VerificationReads {
            postgres: Some(std::sync::Arc::new(DirectConnections {
                options,
                permits: std::sync::Arc::new(tokio::sync::Semaphore::new(VERIFICATION_CONNECTIONS)),
                idle: std::sync::Mutex::new(Vec::with_capacity(VERIFICATION_CONNECTIONS)),
                waiting: std::sync::Mutex::new(Vec::new()),
            })),
        })
    }

    async fn find(&self, db: &DatabaseConnection, serial: &str) -> AppResult<Option<VerificationRow>> {
        use sea_orm::FromQueryResult;
        let Some(direct) = &self.postgres else {
            let mut sql = Sql::new(db.get_database_backend());
            sql.push(verification_sql!("")).param(serial.to_owned());
            return Ok(VerificationRow::find_by_statement(sql.statement()).one(db).await?);
        };
        direct.find(serial).await
    }
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl DirectConnections {
    async fn find(self: &std::sync::Arc<Self>, serial: &str) -> AppResult<Option<VerificationRow>> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        lock(&self.waiting).push(Pending {
            serial: serial.to_owned(),
            reply,
        });
        let permit = self.permits.clone().acquire_owned().await.map_err(AppError::internal)?;
        let batch: Vec<Pending> = {
            let mut waiting = lock(&self.waiting);
            let n = waiting.len().min(MAX_BATCH);
            waiting.drain(..n).collect()
        };
        if batch.is_empty() {
            // Another lookup's connection took this one along.
            drop(permit);
        } else {
            // In a task of its own, so that this request going away does not lose the others'.
            let this = self.clone();
            tokio::spawn(async move {
                this.answer(batch).await;
                drop(permit);
            });
        }
        answer
            .await
            .unwrap_or_else(|_| Err(AppError::internal("a verification lookup was lost")))
    }

    async fn answer(&self, batch: Vec<Pending>) {
        let serials: Vec<String> = batch.iter().map(|p| p.serial.clone()).collect();
        match self.query(&serials).await {
            Ok(rows) => {
                for p in batch {
                    let row = rows.get(&p.serial).cloned();
                    let _ = p.reply.send(Ok(row));
                }
            }
            Err(lost) => {
                for p in batch {
                    let _ = p.reply.send(Err(if lost {
                        AppError::unavailable()
                    } else {
                        AppError::internal("verification lookup failed")
                    }));
                }
            }
        }
    }

    /// The rows of `serials`, by serial; `Err(true)` when the database cannot be reached.
    async fn query(&self, serials: &[String]) -> Result<HashMap<String, VerificationRow>, bool> {
        use sea_orm::{FromQueryResult, sqlx::Connection};
        let idle = lock(&self.idle).pop();
        let mut conn = match idle {
            Some(c) => c,
            None => {
                let opened = tokio::time::timeout(
                    std::time::Duration::from_secs(3),
                    sea_orm::sqlx::PgConnection::connect_with(&self.options),
                )
                .await;
                match opened {
                    Ok(Ok(c)) => c,
                    Ok(Err(e)) => {
                        tracing::warn!(error = %e, "verification: cannot connect to the database");
                        return Err(true);
                    }
                    Err(_) => return Err(true),
                }
            }
        };
        let found = sea_orm::sqlx::query(verification_sql!("ANY($1)"))
            .bind(serials)
            .fetch_all(&mut conn)
            .await;
        let rows = match found {
            Ok(rows) => {
                lock(&self.idle).push(conn);
                rows
            }
            // Whatever went wrong, this connection is not used again (dropped here).
            Err(e) if crate::error::connection_lost(&e) => {
                tracing::warn!(error = %e, "verification: database connection lost");
                return Err(true);
            }
            Err(e) => {
                tracing::error!(error = %e, "verification lookup");
                return Err(false);
            }
        };
        let mut out = HashMap::with_capacity(rows.len());
        for r in rows {
            match VerificationRow::from_query_result(&sea_orm::QueryResult::from(r), "") {
                Ok(row) => {
                    out.insert(row.serial.clone(), row);
                }
                Err(e) => {
                    tracing::error!(error = %e, "reading a certificate for verification");
                    return Err(false);
                }
            }
        }
        Ok(out)
    }
}

/// Looks a serial up and counts the verification (in `counts`, flushed later): one indexed
/// query, no write.
pub async fn by_serial(
    db: &DatabaseConnection,
    reads: &VerificationReads,
    counts: &VerificationCounts,
    raw: &str,
) -> AppResult<Option<VerifiedCertificate>> {
    let Ok(serial) = domain::certificate::CertificateSerial::parse("serial", raw) else {
        return Ok(None);
    };
    let Some(row) = reads.find(db, &serial.to_string()).await? else {
        return Ok(None);
    };
    let waiting = counts.add(row.id);
    let status = certificate_status(&StatusFacts {
        revoked: row
            .revoked_at
            .map(|t| (t.date_naive(), row.revoked_reason.clone().unwrap_or_default())),
        superseded_by: row.superseded_by,
        key_revoked_on: row.key_revoked_at.map(|t| t.date_naive()),
    });
    Ok(Some(VerifiedCertificate {
        serial: row.serial,
        holder_name_km: row.holder_name_km,
        holder_name_latin: row.holder_name_latin,
        qualification_title_km: row.qualification_title_km,
        qualification_title_en: row.qualification_title_en,
        level: row.level,
        credits: domain::Credits::from_ninetieths(row.credits_ninetieths.max(0) as u64).display_rounded(),
        provider_name_en: row.provider_name_en,
        provider_name_km: row.provider_name_km,
        issued_on: row.issued_on,
        status,
        pdf_sha256: row.pdf_sha256,
        verification_count: row.verification_count + waiting,
        issuer: row.issuer_did,
        verification_method: row.verification_method,
    }))
}

/// The outcome of checking a credential (or a QR payload) someone holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialCheck {
    /// True when the proof verifies with the issuer's key, the credential is one this registry
    /// issued, and it is valid now.
    pub valid: bool,
    /// Whether the signature (eddsa-jcs-2022 proof or QR signature) verifies.
    pub signature_valid: bool,
    /// What is wrong, in English; empty when valid.
    pub problems: Vec<String>,
    /// The certificate as the registry knows it, when found.
    pub certificate: Option<VerifiedCertificate>,
}

/// Resolves verification methods of this registry's keys (retired ones included; revoked ones
/// too, so that the signature can be checked and the status say what happened).
pub async fn resolver<C: ConnectionTrait>(
    db: &C,
    _public_url: &str,
    method: &str,
) -> AppResult<Option<certificates::PublicKey>> {
    let Some((controller, name)) = method.split_once('#') else {
        return Ok(None);
    };
    let key = issuer_keys::Entity::find()
        .filter(issuer_keys::Column::Controller.eq(controller))
        .filter(issuer_keys::Column::Name.eq(name))
        .one(db)
        .await?;
    Ok(key.and_then(|k| certificates::PublicKey::from_multibase(&k.public_multibase).ok()))
}

/// Checks a credential JSON: its proof with the registry's key, then its status.
pub async fn check_credential(
    db: &DatabaseConnection,
    reads: &VerificationReads,
    counts: &VerificationCounts,
    public_url: &str,
    credential: &Value,
) -> AppResult<CredentialCheck> {
    let method = text(credential, &["proof", "verificationMethod"]).to_owned();
    let key = resolver(db, public_url, &method).await?;
    let mut problems = Vec::new();
    let signature_valid =
        match certificates::verify_credential(credential, |id| (id == method).then_some(key).flatten()) {
            Ok(_) => true,
            Err(e) => {
                problems.push(format!("the proof does not verify: {e}"));
                false
            }
        };
    let id = text(credential, &["id"]);
    let serial = id.rsplit('/').next().unwrap_or("");
    finish(db, reads, counts, serial, signature_valid, problems).await
}

/// Checks a QR payload: its signature with the registry's key, then the certificate's status.
pub async fn check_qr(
    db: &DatabaseConnection,
    reads: &VerificationReads,
    counts: &VerificationCounts,
    public_url: &str,
    payload: &str,
) -> AppResult<CredentialCheck> {
    let mut problems = Vec::new();
    let mut serial = String::new();
    // The payload names its key; find it first.
    let method = payload
        .split_once('#')
        .and_then(|(_, rest)| rest.rsplit_once('.'))
        .and_then(|(facts, _)| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(facts).ok()
        })
        .and_then(|json| serde_json::from_slice::<certificates::CompactFacts>(&json).ok())
        .map(|f| f.verification_method.clone());
    let key = match &method {
        Some(m) => resolver(db, public_url, m).await?,
        None => None,
    };
    let signature_valid =
        match certificates::verify_compact(payload, |id| (Some(id) == method.as_deref()).then_some(key).flatten()) {
            Ok(verified) => {
                serial = verified.facts.serial.clone();
                true
            }
            Err(e) => {
                problems.push(format!("the QR code's signature does not verify: {e}"));
                false
            }
        };
    finish(db, reads, counts, &serial, signature_valid, problems).await
}

async fn finish(
    db: &DatabaseConnection,
    reads: &VerificationReads,
    counts: &VerificationCounts,
    serial: &str,
    signature_valid: bool,
    mut problems: Vec<String>,
) -> AppResult<CredentialCheck> {
    let certificate = if serial.is_empty() {
        None
    } else {
        by_serial(db, reads, counts, serial).await?
    };
    match &certificate {
        None => problems.push("no certificate of this registry has this serial".to_owned()),
        Some(c) if !c.status.is_valid() => {
            problems.push(format!("the certificate is {}", c.status.code().replace('_', " ")))
        }
        Some(_) => {}
    }
    Ok(CredentialCheck {
        valid: signature_valid && problems.is_empty(),
        signature_valid,
        problems,
        certificate,
    })
}

/// A provider's revocation status list, signed with its active key (or, if it has none, the
/// newest key it has): the indexes of its revoked certificates.
pub async fn status_list<C: ConnectionTrait>(
    db: &C,
    files: &super::keys::KeyFiles,
    public_url: &str,
    provider: Uuid,
) -> AppResult<Value> {
    let rows = certs::Entity::find()
        .filter(certs::Column::ProviderId.eq(provider))
        .all(db)
        .await?;
    let revoked: Vec<u64> = rows
        .iter()
        .filter(|c| c.revoked_at.is_some())
        .map(|c| c.status_index.max(0) as u64)
        .collect();
    let highest = rows.iter().map(|c| c.status_index.max(0) as u64).max().unwrap_or(0);
    let bits = super::status_list::bitstring(&revoked, highest);
    let url = super::issue::status_list_url(public_url, provider);
    let issuer = match super::keys::keys_of(db, provider)
        .await?
        .into_iter()
        .find(|k| k.status == "active")
    {
        Some(k) => k.controller,
        None => super::keys::issuer_did(public_url, provider),
    };
    let valid_from = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let unsigned = super::status_list::credential(&url, &issuer, &valid_from, &super::status_list::encode(&bits));
    let (key, secret) = super::keys::active_key(db, files, provider).await?;
    let method = super::keys::method_of(&key);
    certificates::sign(
        &unsigned,
        &certificates::ProofOptions::assertion(&method, &valid_from),
        &secret,
    )
    .map_err(AppError::internal)
}
