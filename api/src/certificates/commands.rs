//! The certificate commands of `kamlang`: keys (generate, list, rotate, revoke, export), a
//! cohort's batch issuance with a progress bar, and offline verification of a credential JSON
//! or a certificate PDF against exported public keys.

use std::path::Path;
use std::process::ExitCode;

use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::Value;
use uuid::Uuid;

use super::batch::{self, Issuing};
use super::keys::{self, KeyFiles};
use crate::{audit::Actor, auth::CurrentUser, config::Config, store::issuer_keys};

/// `kamlang keys list`.
pub async fn list_keys(db: &DatabaseConnection, provider: Option<Uuid>) -> anyhow::Result<()> {
    let mut all = issuer_keys::Entity::find().all(db).await?;
    all.retain(|k| provider.is_none_or(|p| k.provider_id == p));
    all.sort_by_key(|k| (k.provider_id, k.created_at));
    if all.is_empty() {
        println!("No signing key yet.");
    }
    for k in all {
        println!(
            "{}  {:<14} {:<8} created {}  {}",
            k.provider_id,
            k.name,
            k.status,
            k.created_at.format("%Y-%m-%d"),
            k.public_multibase
        );
    }
    Ok(())
}

/// `kamlang keys generate` / `rotate`: a new active key (the previous one retired).
pub async fn generate_key(db: &DatabaseConnection, config: &Config, provider: Uuid) -> anyhow::Result<()> {
    let files = KeyFiles::in_data_dir(&config.data_dir);
    let key = keys::generate(db, &files, &config.public_url, provider, &Actor::cli())
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    println!(
        "The key {} of {} is now active; its private half is in {} (mode 0600).",
        key.name,
        provider,
        files.path(provider, &key.name).display()
    );
    println!("Public key: {}", key.public_multibase);
    Ok(())
}

/// `kamlang keys revoke`.
pub async fn revoke_key(db: &DatabaseConnection, provider: Uuid, name: &str, reason: &str) -> anyhow::Result<()> {
    let key = keys::revoke(db, provider, name, reason, &Actor::cli())
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    println!(
        "The key {} of {} is revoked: the certificates it signed now show as signed with a revoked key.",
        key.name, provider
    );
    Ok(())
}

/// `kamlang keys export`: every public key as Multikey documents with their standing, for
/// `kamlang verify --keys` on a machine without network.
pub async fn export_keys(db: &DatabaseConnection, out: &Path) -> anyhow::Result<()> {
    let all = issuer_keys::Entity::find().all(db).await?;
    let docs: Vec<Value> = all.iter().map(keys::public_document).collect();
    std::fs::write(out, serde_json::to_string_pretty(&docs)?)?;
    println!("Wrote {} public keys to {}.", docs.len(), out.display());
    Ok(())
}

/// `kamlang certificates issue --cohort`: starts (or resumes) the cohort's batch and runs it
/// here, with a progress bar.
pub async fn issue_cohort(db: &DatabaseConnection, config: &Config, cohort: Uuid) -> anyhow::Result<ExitCode> {
    use indicatif::{ProgressBar, ProgressStyle};
    let operator = CurrentUser {
        id: Uuid::nil(),
        email: "cli".to_owned(),
        display_name: "Command line".to_owned(),
        role: domain::Role::Admin,
        scope_organization_id: None,
        locale: "en".to_owned(),
        worker_id: None,
    };
    let (created, started) = batch::start(db, &operator, cohort)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    println!(
        "{} batch {} for cohort {cohort}.",
        if created { "Started" } else { "Resuming" },
        started.id
    );
    let mut issuing = Issuing::from_config(db.clone(), config);
    issuing.instance = format!("cli:{}:{}", crate::server::hostname(), std::process::id());
    let bar = ProgressBar::new(started.total.max(0) as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} trainees ({percent}%) {msg} [{elapsed} / about {eta}]")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (_stop_sender, stop) = tokio::sync::watch::channel(false);
    let mut waited = 0;
    let claimed = loop {
        match batch::claim(db, &issuing.instance, Some(started.id))
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.message))?
        {
            Some(b) => break b,
            None if waited < 60 => {
                if waited == 0 {
                    println!("Another instance is running this batch; waiting for it to finish or let go...");
                }
                waited += 1;
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
            None => anyhow::bail!("the batch is held by another instance; follow it in the web page"),
        }
    };
    let progress_bar = bar.clone();
    batch::run(&issuing, claimed, &stop, &move |p| {
        progress_bar.set_length(p.total);
        progress_bar.set_position(p.issued + p.skipped + p.failed);
        progress_bar.set_message(format!(
            "{} issued, {} skipped, {} failed",
            p.issued, p.skipped, p.failed
        ));
    })
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    bar.finish();
    let done = crate::store::issuance_batches::Entity::find_by_id(started.id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the batch disappeared"))?;
    println!(
        "Batch {}: {} issued, {} skipped, {} failed, of {} trainees.",
        done.state, done.issued, done.skipped, done.failed, done.total
    );
    let skipped: Vec<batch::Skipped> = serde_json::from_str(&done.report).unwrap_or_default();
    for s in skipped {
        let reasons: Vec<String> = s.reasons.iter().map(|r| r.message.clone()).collect();
        println!("  skipped {} {}: {}", s.registry_number, s.name, reasons.join("; "));
    }
    Ok(if done.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What an offline check found.
pub struct OfflineCheck {
    pub valid: bool,
    pub lines: Vec<String>,
}

/// Checks a credential JSON, a certificate PDF (the QR text it carries), or a QR code's text
/// against exported public keys, with no network: the signature, and whether the signing key
/// was revoked when the keys were exported.
pub fn verify_offline(file: &[u8], keys_json: &str) -> anyhow::Result<OfflineCheck> {
    let keys: Vec<Value> = serde_json::from_str(keys_json).map_err(|e| anyhow::anyhow!("the keys file: {e}"))?;
    let find = |id: &str| keys.iter().find(|k| k.get("id").and_then(Value::as_str) == Some(id));
    let resolve = |id: &str| {
        find(id)
            .and_then(|k| k.get("publicKeyMultibase"))
            .and_then(Value::as_str)
            .and_then(|m| certificates::PublicKey::from_multibase(m).ok())
    };
    let mut lines = Vec::new();
    let (method, signature) = if file.starts_with(b"%PDF") {
        let qr = certificates::pdf::qr_payload_of_pdf(file)
            .ok_or_else(|| anyhow::anyhow!("this PDF carries no Kamlang QR text"))?;
        lines.push("A certificate PDF: checking the signed facts of its QR code.".to_owned());
        check_qr(&qr, &resolve, &mut lines)
    } else {
        let text = std::str::from_utf8(file).map_err(|_| anyhow::anyhow!("the file is neither a PDF nor text"))?;
        match serde_json::from_str::<Value>(text) {
            Ok(credential) => {
                let method = credential
                    .pointer("/proof/verificationMethod")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                lines.push(format!(
                    "A credential: {}",
                    credential.get("id").and_then(Value::as_str).unwrap_or("(no id)")
                ));
                match certificates::verify_credential(&credential, resolve) {
                    Ok(v) => {
                        lines.push(format!("The eddsa-jcs-2022 proof verifies (issuer {}).", v.issuer));
                        (method, true)
                    }
                    Err(e) => {
                        lines.push(format!("The proof does NOT verify: {e}"));
                        (method, false)
                    }
                }
            }
            Err(_) => {
                lines.push("A QR code's text.".to_owned());
                check_qr(text.trim(), &resolve, &mut lines)
            }
        }
    };
    let mut valid = signature;
    if let Some(key) = find(&method) {
        match key.get("status").and_then(Value::as_str) {
            Some("revoked") => {
                valid = false;
                lines.push(format!(
                    "The signing key {method} was revoked ({}): the certificate cannot be trusted.",
                    key.get("revoked").and_then(Value::as_str).unwrap_or("date unknown")
                ));
            }
            Some(status) => lines.push(format!("The signing key {method} is {status}.")),
            None => {}
        }
    }
    lines.push("Revocation of the certificate itself is only known online: see its verification page.".to_owned());
    Ok(OfflineCheck { valid, lines })
}

fn check_qr(
    payload: &str,
    resolve: &dyn Fn(&str) -> Option<certificates::PublicKey>,
    lines: &mut Vec<String>,
) -> (String, bool) {
    match certificates::verify_compact(payload, resolve) {
        Ok(v) => {
            let f = &v.facts;
            lines.push("The QR signature verifies.".to_owned());
            lines.push(format!(
                "Serial {}, issued {} by {} ({})",
                f.serial,
                f.issue_date,
                f.provider,
                f.issuer()
            ));
            lines.push(format!(
                "Holder: {} / {}; {}",
                f.holder_km, f.holder_latin, f.qualification
            ));
            lines.push(format!("Verification page: {}", v.verification_url));
            (f.verification_method.clone(), true)
        }
        Err(e) => {
            lines.push(format!("The QR signature does NOT verify: {e}"));
            (String::new(), false)
        }
    }
}
