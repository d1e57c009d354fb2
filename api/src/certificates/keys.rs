//! Each provider's Ed25519 signing keys: the private half in a file of the data directory
//! (`keys/{provider}/{name}.json`, mode 0600, a Multikey document), the public half and its
//! standing in the database, and the did:web documents that publish them.
//!
//! A provider has at most one active key, which signs new certificates; a rotation retires it
//! (it still verifies what it signed) and makes a new one active; a revoked key's certificates
//! show as such.

use std::path::{Path, PathBuf};

use certificates::IssuerKey;
use chrono::{Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    audit::{self, Actor},
    error::{AppError, AppResult},
    store::{issuer_keys, issuers},
};

/// Where the private keys live: `{data dir}/keys`.
#[derive(Debug, Clone)]
pub struct KeyFiles {
    root: PathBuf,
}

impl KeyFiles {
    pub fn in_data_dir(data_dir: &Path) -> KeyFiles {
        KeyFiles {
            root: data_dir.join("keys"),
        }
    }

    pub fn path(&self, provider: Uuid, name: &str) -> PathBuf {
        self.root.join(provider.to_string()).join(format!("{name}.json"))
    }

    /// Writes a new key file, readable by its owner only; never overwrites one.
    pub fn write(&self, provider: Uuid, name: &str, document: &Value) -> std::io::Result<PathBuf> {
        let path = self.path(provider, name);
        let dir = path.parent().expect("a key file has a directory");
        std::fs::create_dir_all(dir)?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(0o600);
            std::fs::set_permissions(&self.root, std::fs::Permissions::from_mode(0o700))?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let mut file = options.open(&path)?;
        use std::io::Write;
        file.write_all(serde_json::to_string_pretty(document).unwrap_or_default().as_bytes())?;
        file.sync_all()?;
        Ok(path)
    }

    /// Reads a provider's key.
    pub fn read(&self, provider: Uuid, name: &str) -> anyhow::Result<IssuerKey> {
        let path = self.path(provider, name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("reading the key file {}: {e}", path.display()))?;
        let document: Value = serde_json::from_str(&text)?;
        Ok(IssuerKey::from_multikey_document(&document)?)
    }
}

/// The host (and path) of the public URL as a did:web method-specific id: `kamlang.gov.kh`,
/// `localhost%3A8080`, `example.org:kamlang`.
pub fn did_web_host(public_url: &str) -> String {
    let rest = public_url
        .trim_end_matches('/')
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or_default().replace(':', "%3A");
    std::iter::once(host)
        .chain(parts.filter(|p| !p.is_empty()).map(str::to_owned))
        .collect::<Vec<_>>()
        .join(":")
}

/// The DID of a provider as issuer: NISA, the national trust anchor, is the service's own
/// `did:web:{host}` (its document at `/.well-known/did.json`); every other provider is
/// `did:web:{host}:issuers:{provider id}` (its document at `/issuers/{provider id}/did.json`).
pub fn issuer_did(public_url: &str, provider: Uuid) -> String {
    let host = did_web_host(public_url);
    if provider.to_string() == migration::NISA_ID {
        format!("did:web:{host}")
    } else {
        format!("did:web:{host}:issuers:{provider}")
    }
}

/// A key's verification method id: `{controller}#{name}`.
pub fn method_of(key: &issuer_keys::Model) -> String {
    format!("{}#{}", key.controller, key.name)
}

/// A key's public Multikey document, with its standing.
pub fn public_document(key: &issuer_keys::Model) -> Value {
    json!({
        "id": method_of(key),
        "type": "Multikey",
        "controller": key.controller,
        "publicKeyMultibase": key.public_multibase,
        "status": key.status,
        "created": key.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "revoked": key.revoked_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    })
}

/// The did:web document of a provider: every key made under this DID that is not revoked, all
/// of them assertion methods (old certificates verify with retired keys).
pub fn did_document(public_url: &str, provider: Uuid, keys: &[issuer_keys::Model]) -> Value {
    let did = issuer_did(public_url, provider);
    let usable: Vec<&issuer_keys::Model> = keys
        .iter()
        .filter(|k| k.status != "revoked" && k.controller == did)
        .collect();
    let methods: Vec<Value> = usable
        .iter()
        .map(|k| {
            json!({
                "id": format!("{did}#{}", k.name),
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": k.public_multibase,
            })
        })
        .collect();
    let ids: Vec<String> = usable.iter().map(|k| format!("{did}#{}", k.name)).collect();
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
    })
}

/// A provider's keys, newest first.
pub async fn keys_of<C: ConnectionTrait>(db: &C, provider: Uuid) -> Result<Vec<issuer_keys::Model>, sea_orm::DbErr> {
    issuer_keys::Entity::find()
        .filter(issuer_keys::Column::ProviderId.eq(provider))
        .order_by_desc(issuer_keys::Column::CreatedAt)
        .all(db)
        .await
}

/// Generates a new key for a provider and makes it the active one; the previous active key is
/// retired (it still verifies what it signed). Used for the first key and for rotations.
pub async fn generate(
    db: &DatabaseConnection,
    files: &KeyFiles,
    public_url: &str,
    provider: Uuid,
    actor: &Actor,
) -> AppResult<issuer_keys::Model> {
    issuers::Entity::find_by_id(provider)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("issuer (a training provider set up to issue certificates)"))?;
    let existing = keys_of(db, provider).await?;
    let year = Utc::now().year();
    let n = existing.len() + 1;
    let mut name = format!("key-{year}-{n}");
    let mut i = n;
    while existing.iter().any(|k| k.name == name) || files.path(provider, &name).exists() {
        i += 1;
        name = format!("key-{year}-{i}");
    }
    let key = IssuerKey::generate().map_err(AppError::internal)?;
    let controller = issuer_did(public_url, provider);
    let id = format!("{controller}#{name}");
    files
        .write(provider, &name, &key.secret_multikey_document(&controller, &id))
        .map_err(|e| AppError::internal(format!("writing the key file: {e}")))?;
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    for old in existing.iter().filter(|k| k.status == "active") {
        let mut retired: issuer_keys::ActiveModel = old.clone().into();
        retired.status = Set("retired".to_owned());
        retired.retired_at = Set(Some(now));
        let retired = retired.update(&tx).await?;
        audit::record(
            &tx,
            actor,
            "issuer_key.retired",
            "issuer_key",
            retired.id,
            Some(old),
            Some(&retired),
        )
        .await?;
    }
    let created = issuer_keys::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider),
        controller: Set(controller.clone()),
        name: Set(name),
        public_multibase: Set(key.public_multibase()),
        status: Set("active".to_owned()),
        created_at: Set(now),
        retired_at: Set(None),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        actor,
        "issuer_key.generated",
        "issuer_key",
        created.id,
        None::<&()>,
        Some(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Revokes a key: it signs nothing more, and the certificates it signed show as signed with a
/// revoked key. The file stays (nothing is deleted), unusable.
pub async fn revoke(
    db: &DatabaseConnection,
    provider: Uuid,
    name: &str,
    reason: &str,
    actor: &Actor,
) -> AppResult<issuer_keys::Model> {
    let reason = domain::certificate::revocation_reason(reason)?;
    let key = issuer_keys::Entity::find()
        .filter(issuer_keys::Column::ProviderId.eq(provider))
        .filter(issuer_keys::Column::Name.eq(name))
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("key"))?;
    if key.status == "revoked" {
        return Err(AppError::conflict(
            "already_revoked",
            format!("The key {name} is already revoked."),
        ));
    }
    let tx = audit::begin(db).await?;
    let mut changed: issuer_keys::ActiveModel = key.clone().into();
    changed.status = Set("revoked".to_owned());
    changed.revoked_at = Set(Some(Utc::now()));
    changed.revoked_reason = Set(Some(reason));
    let changed = changed.update(&tx).await?;
    audit::record(
        &tx,
        actor,
        "issuer_key.revoked",
        "issuer_key",
        changed.id,
        Some(&key),
        Some(&changed),
    )
    .await?;
    tx.commit().await?;
    Ok(changed)
}

/// The provider's active key and its private half, or a 409 that says to generate one.
pub async fn active_key<C: ConnectionTrait>(
    db: &C,
    files: &KeyFiles,
    provider: Uuid,
) -> AppResult<(issuer_keys::Model, IssuerKey)> {
    let key = issuer_keys::Entity::find()
        .filter(issuer_keys::Column::ProviderId.eq(provider))
        .filter(issuer_keys::Column::Status.eq("active"))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::conflict(
                "no_signing_key",
                "The provider has no active signing key: generate one with `kamlang keys generate`.",
            )
        })?;
    let secret = files
        .read(provider, &key.name)
        .map_err(|e| AppError::internal(format!("the provider's key file: {e}")))?;
    if secret.public_multibase() != key.public_multibase {
        return Err(AppError::internal(
            "the key file does not match the key registered for the provider",
        ));
    }
    Ok((key, secret))
}

/// Gives NISA a key on first start, so that a new installation can issue at once.
pub async fn ensure_nisa_key(db: &DatabaseConnection, files: &KeyFiles, public_url: &str) -> AppResult<()> {
    let nisa: Uuid = migration::NISA_ID.parse().expect("NISA's id");
    let keys = keys_of(db, nisa).await?;
    if keys.iter().any(|k| k.status == "active") {
        return Ok(());
    }
    if !keys.is_empty() {
        // Its keys were retired or revoked on purpose: a new one is an administrator's decision.
        return Ok(());
    }
    let key = generate(db, files, public_url, nisa, &Actor::system()).await?;
    tracing::info!(key = %key.name, "generated NISA's first signing key");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_web_ids_follow_the_public_url() {
        assert_eq!(did_web_host("https://kamlang.gov.kh"), "kamlang.gov.kh");
        assert_eq!(did_web_host("http://127.0.0.1:8080/"), "127.0.0.1%3A8080");
        assert_eq!(did_web_host("https://example.org/kamlang"), "example.org:kamlang");
        let nisa: Uuid = migration::NISA_ID.parse().unwrap();
        assert_eq!(issuer_did("https://kamlang.gov.kh", nisa), "did:web:kamlang.gov.kh");
        let other = Uuid::now_v7();
        assert_eq!(
            issuer_did("https://kamlang.gov.kh", other),
            format!("did:web:kamlang.gov.kh:issuers:{other}")
        );
    }

    #[test]
    fn key_files_are_private_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = KeyFiles::in_data_dir(dir.path());
        let provider = Uuid::now_v7();
        let key = IssuerKey::generate().unwrap();
        let doc = key.secret_multikey_document("did:web:x", "did:web:x#k");
        let path = files.write(provider, "k", &doc).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert!(files.write(provider, "k", &doc).is_err());
        assert_eq!(
            files.read(provider, "k").unwrap().public_multibase(),
            key.public_multibase()
        );
    }
}
