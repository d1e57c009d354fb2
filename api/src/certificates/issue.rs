//! Issuing certificates: who is eligible (by `domain::certificate_eligibility`), the facts a
//! certificate states, serials gapless per provider-year, the signed credential and its PDF, and
//! storing them — one certificate, or a chunk of a batch, per transaction, so that a failure
//! leaves nothing half-issued and gives its serials back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use certificates::{CertificateFacts, Holder, Issuer, IssuerKey, Qualification, Signatory, StatusListEntry};
use chrono::{NaiveDate, Utc};
use domain::{Credits, Ineligibility, QualificationRules, WorkerStatus, certificate::CertificateSerial};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::keys::{self, KeyFiles};
use crate::{
    audit::{self, Actor},
    error::{AppError, AppResult},
    store::{
        accreditations, certificates as certs, issuer_keys, issuers, organizations, qualifications, serial_counters,
        status_list_counters, users, workers,
    },
    training::ledger::rules_of,
};

/// Where the PDFs of issued certificates are kept: `{data dir}/certificates/{serial}.pdf`.
/// Their SHA-256 is in the database, so an altered file is detected.
#[derive(Debug, Clone)]
pub struct PdfStore {
    root: PathBuf,
}

impl PdfStore {
    pub fn in_data_dir(data_dir: &Path) -> PdfStore {
        PdfStore {
            root: data_dir.join("certificates"),
        }
    }

    pub fn path(&self, serial: &str) -> PathBuf {
        self.root.join(format!("{serial}.pdf"))
    }

    /// Writes a PDF (to a temporary file renamed into place, so a reader never sees half).
    pub fn write(&self, serial: &str, pdf: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.root)?;
        let path = self.path(serial);
        let tmp = self.root.join(format!(".{serial}.{}.tmp", Uuid::new_v4().simple()));
        std::fs::write(&tmp, pdf)?;
        std::fs::rename(tmp, path)
    }

    pub fn read(&self, serial: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path(serial))
    }
}

/// The day of issue: today in Cambodia (UTC+7).
pub fn cambodia_today() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// Why a trainee gets no certificate (now).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SkipReason {
    /// not_enough_credits, required_modules_missing, provider_not_accredited, worker_not_active,
    /// already_certified, incomplete_record.
    pub code: String,
    /// An English sentence.
    pub message: String,
    /// Details for translation: earned, minimum, modules, level, on, status, serial, field.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    #[schema(value_type = Object)]
    pub details: serde_json::Map<String, Value>,
}

impl SkipReason {
    pub fn from_ineligibility(reason: &Ineligibility) -> SkipReason {
        let mut details = serde_json::Map::new();
        let message = match reason {
            Ineligibility::NotEnoughCredits { earned, minimum } => {
                details.insert("earned".into(), earned.display_rounded().into());
                details.insert("minimum".into(), minimum.display_rounded().into());
                format!(
                    "{} credits earned of the {} required",
                    earned.display_rounded(),
                    minimum.display_rounded()
                )
            }
            Ineligibility::RequiredModulesMissing { modules } => {
                let codes: Vec<&str> = modules.iter().map(|m| m.as_str()).collect();
                details.insert("modules".into(), codes.clone().into());
                format!("required modules not passed: {}", codes.join(", "))
            }
            Ineligibility::ProviderNotAccredited { level, on } => {
                details.insert("level".into(), level.as_str().into());
                details.insert("on".into(), on.to_string().into());
                format!("the provider is not accredited for {} on {on}", level.as_str())
            }
            Ineligibility::WorkerNotActive { status } => {
                details.insert("status".into(), status.as_str().into());
                format!("the worker's record is {}, not active", status.as_str())
            }
        };
        SkipReason {
            code: reason.code().to_owned(),
            message,
            details,
        }
    }

    pub fn already_certified(serial: &str) -> SkipReason {
        let mut details = serde_json::Map::new();
        details.insert("serial".into(), serial.into());
        SkipReason {
            code: "already_certified".into(),
            message: format!("already holds the certificate {serial}"),
            details,
        }
    }

    pub fn incomplete_record(field: &str, message: &str) -> SkipReason {
        let mut details = serde_json::Map::new();
        details.insert("field".into(), field.into());
        SkipReason {
            code: "incomplete_record".into(),
            message: format!("the worker's record is incomplete: {field} {message}"),
            details,
        }
    }

    /// The API field a refusal names.
    pub fn field(&self) -> &'static str {
        match self.code.as_str() {
            "not_enough_credits" => "credits",
            "required_modules_missing" => "required_modules",
            "provider_not_accredited" => "provider",
            "worker_not_active" => "worker_status",
            "already_certified" => "worker_id",
            _ => "worker",
        }
    }
}

/// Everything issuing a qualification's certificates by one provider needs, loaded once.
pub struct IssuePlan {
    pub provider: organizations::Model,
    pub issuer: Issuer,
    pub prefix: domain::certificate::SerialPrefix,
    pub signatories: Vec<Signatory>,
    pub qualification: qualifications::Model,
    pub rules: QualificationRules,
    pub accreditations: Vec<domain::Accreditation>,
    pub key: issuer_keys::Model,
    pub secret: IssuerKey,
    pub verification_method: String,
    pub issue_date: NaiveDate,
    pub public_url: String,
}

#[derive(Deserialize)]
struct SignatoryRow {
    name: String,
    title_en: String,
    title_km: String,
}

/// Loads the plan for `provider` issuing `qualification` today.
pub async fn plan<C: ConnectionTrait>(
    db: &C,
    files: &KeyFiles,
    public_url: &str,
    provider_id: Uuid,
    qualification: qualifications::Model,
) -> AppResult<IssuePlan> {
    let provider = organizations::Entity::find_by_id(provider_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("provider"))?;
    let issuer_row = issuers::Entity::find_by_id(provider_id).one(db).await?.ok_or_else(|| {
        AppError::conflict(
            "not_an_issuer",
            "The provider is not set up to issue certificates (no serial prefix and signatories).",
        )
    })?;
    let prefix = domain::certificate::SerialPrefix::parse("serial_prefix", &issuer_row.serial_prefix)?;
    let signatories: Vec<SignatoryRow> =
        serde_json::from_str(&issuer_row.signatories).map_err(|e| AppError::internal(format!("signatories: {e}")))?;
    let rules = rules_of(db, &qualification)
        .await?
        .ok_or_else(|| AppError::internal("a qualification of an unknown level"))?;
    let accreditations = accreditations::Entity::find()
        .filter(accreditations::Column::ProviderId.eq(provider_id))
        .filter(accreditations::Column::RevokedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some(domain::Accreditation {
                level: a.level.parse().ok()?,
                from: a.valid_from,
                until: a.valid_until,
            })
        })
        .collect();
    let (key, secret) = keys::active_key(db, files, provider_id).await?;
    Ok(IssuePlan {
        issuer: Issuer {
            id: key.controller.clone(),
            name_km: provider.name_km.clone().unwrap_or_else(|| provider.name_en.clone()),
            name_en: provider.name_en.clone(),
        },
        verification_method: keys::method_of(&key),
        provider,
        prefix,
        signatories: signatories
            .into_iter()
            .map(|s| Signatory {
                name: s.name,
                title_en: s.title_en,
                title_km: s.title_km,
            })
            .collect(),
        qualification,
        rules,
        accreditations,
        key,
        secret,
        issue_date: cambodia_today(),
        public_url: public_url.trim_end_matches('/').to_owned(),
    })
}

impl IssuePlan {
    /// Whether `worker` may have the certificate now, given their ledger.
    pub fn decide(&self, worker: &workers::Model, entries: &[domain::LedgerEntry]) -> Result<Credits, Vec<SkipReason>> {
        let status = worker.status.parse::<WorkerStatus>().unwrap_or(WorkerStatus::Inactive);
        let mut reasons: Vec<SkipReason> = match domain::certificate_eligibility(
            &self.rules,
            entries,
            &self.accreditations,
            self.issue_date,
            status,
        ) {
            Ok(credits) => {
                if let Err(e) = self.facts(worker, "CHECK-2000-000001", credits, 0, None).validate() {
                    return Err(vec![SkipReason::incomplete_record(&e.field, &e.message)]);
                }
                return Ok(credits);
            }
            Err(reasons) => reasons.iter().map(SkipReason::from_ineligibility).collect(),
        };
        if worker.given_name_km.as_deref().unwrap_or("").trim().is_empty() {
            reasons.push(SkipReason::incomplete_record("holder.given_km", "must not be empty"));
        }
        Err(reasons)
    }

    /// The facts of the certificate `serial` for `worker`.
    pub fn facts(
        &self,
        worker: &workers::Model,
        serial: &str,
        credits: Credits,
        status_index: u64,
        supersedes: Option<String>,
    ) -> CertificateFacts {
        let q = &self.qualification;
        CertificateFacts {
            serial: serial.to_owned(),
            issuer: self.issuer.clone(),
            holder: Holder {
                family_km: worker.family_name_km.clone().unwrap_or_default(),
                given_km: worker.given_name_km.clone().unwrap_or_default(),
                family_latin: worker.family_name_latin.clone().unwrap_or_default(),
                given_latin: worker.given_name_latin.clone().unwrap_or_default(),
                registry_number: worker.registry_number.clone(),
            },
            qualification: Qualification {
                id: format!(
                    "{}/api/v1/qualifications/{}/versions/{}",
                    self.public_url, q.code, q.version
                ),
                title_en: q.title_en.clone(),
                title_km: q.title_km.clone(),
                cqf_level: self.rules.level.cqf_level(),
                credits,
                field_of_study_en: q.field_of_study_en.clone(),
                field_of_study_km: q.field_of_study_km.clone(),
            },
            issue_date: self.issue_date.to_string(),
            signatories: self.signatories.clone(),
            verification_url: format!("{}/verify/{serial}", self.public_url),
            status: Some(StatusListEntry {
                status_list_credential: status_list_url(&self.public_url, self.provider.id),
                index: status_index,
            }),
            supersedes,
        }
    }
}

/// The URL of a provider's revocation status list.
pub fn status_list_url(public_url: &str, provider: Uuid) -> String {
    format!("{}/api/v1/status-lists/{provider}", public_url.trim_end_matches('/'))
}

/// A certificate signed and rendered, ready to store.
pub struct Rendered {
    pub credential: Value,
    pub pdf: Vec<u8>,
    pub sha256: String,
}

/// Signs the credential and renders the PDF: pure CPU work, run off the async threads.
pub fn render(
    facts: &CertificateFacts,
    key: &IssuerKey,
    verification_method: &str,
    created: &str,
) -> anyhow::Result<Rendered> {
    let credential = certificates::build_credential(facts)?;
    let signed = certificates::sign(
        &credential,
        &certificates::ProofOptions::assertion(verification_method, created),
        key,
    )?;
    let qr = certificates::compact_payload(facts, key, verification_method)?;
    let pdf = certificates::render(facts, &qr)?;
    let sha256 = certificates::sha256_hex(&pdf);
    Ok(Rendered {
        credential: signed,
        pdf,
        sha256,
    })
}

/// Renders many certificates on every core.
pub async fn render_all(
    facts: Vec<CertificateFacts>,
    key: IssuerKey,
    verification_method: String,
    created: String,
) -> AppResult<Vec<Rendered>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
    let per = facts.len().div_ceil(cores).max(1);
    let mut tasks = Vec::new();
    let mut rest = facts;
    while !rest.is_empty() {
        let part: Vec<CertificateFacts> = rest.drain(..per.min(rest.len())).collect();
        let key = key.clone();
        let method = verification_method.clone();
        let created = created.clone();
        tasks.push(tokio::task::spawn_blocking(move || {
            part.iter()
                .map(|f| render(f, &key, &method, &created))
                .collect::<anyhow::Result<Vec<Rendered>>>()
        }));
    }
    let mut out = Vec::new();
    for task in tasks {
        out.extend(
            task.await
                .map_err(AppError::internal)?
                .map_err(|e| AppError::internal(format!("rendering a certificate: {e}")))?,
        );
    }
    Ok(out)
}

/// Allocates `n` consecutive values of a provider's serial counter for `year` inside `tx` (the
/// audit chain's lock, taken by [`audit::begin`], serialises writers, so the read and the write
/// cannot interleave with another issuer's). Returns the first.
async fn allocate_serials(tx: &DatabaseTransaction, provider: Uuid, year: i32, n: u32) -> AppResult<u32> {
    let counter = serial_counters::Entity::find_by_id((provider, year)).one(tx).await?;
    let first = match counter {
        Some(c) => {
            let first = c.next_value;
            let mut c: serial_counters::ActiveModel = c.into();
            c.next_value = Set(first + n as i64);
            c.update(tx).await?;
            first
        }
        None => {
            serial_counters::ActiveModel {
                provider_id: Set(provider),
                year: Set(year),
                next_value: Set(1 + n as i64),
            }
            .insert(tx)
            .await?;
            1
        }
    };
    u32::try_from(first).map_err(AppError::internal)
}

async fn allocate_status_indexes(tx: &DatabaseTransaction, provider: Uuid, n: u32) -> AppResult<u64> {
    let counter = status_list_counters::Entity::find_by_id(provider).one(tx).await?;
    let first = match counter {
        Some(c) => {
            let first = c.next_index;
            let mut c: status_list_counters::ActiveModel = c.into();
            c.next_index = Set(first + n as i64);
            c.update(tx).await?;
            first
        }
        None => {
            status_list_counters::ActiveModel {
                provider_id: Set(provider),
                next_index: Set(n as i64),
            }
            .insert(tx)
            .await?;
            0
        }
    };
    Ok(first.max(0) as u64)
}

/// One certificate to issue.
pub struct ToIssue {
    pub worker: workers::Model,
    pub credits: Credits,
    pub supersedes: Option<certs::Model>,
}

/// Where issued certificates come from, for the record.
#[derive(Clone, Copy)]
pub struct Origin {
    pub cohort_id: Option<Uuid>,
    pub batch_id: Option<Uuid>,
}

/// Issues certificates to `items` in one transaction: serials and status indexes allocated,
/// credentials signed and PDFs rendered and written, rows stored, the old certificates of a
/// reissue marked superseded, audit entries and "certificate issued" emails queued. All or
/// nothing; a failure gives the serials back. `before_commit` runs in the same transaction (a
/// batch records its progress there).
pub async fn issue_in(
    tx: &DatabaseTransaction,
    plan: &IssuePlan,
    pdfs: &PdfStore,
    actor: &Actor,
    items: Vec<ToIssue>,
    origin: Origin,
) -> AppResult<Vec<certs::Model>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let n = u32::try_from(items.len()).map_err(AppError::internal)?;
    let year = chrono::Datelike::year(&plan.issue_date);
    let first_serial = allocate_serials(tx, plan.provider.id, year, n).await?;
    let first_index = allocate_status_indexes(tx, plan.provider.id, n).await?;
    let mut serials = Vec::with_capacity(items.len());
    let mut facts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let serial = CertificateSerial::new(plan.prefix.clone(), year, first_serial + i as u32)?.to_string();
        facts.push(plan.facts(
            &item.worker,
            &serial,
            item.credits,
            first_index + i as u64,
            item.supersedes.as_ref().map(|s| s.serial.clone()),
        ));
        serials.push(serial);
    }
    let created = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let rendered = render_all(facts, plan.secret.clone(), plan.verification_method.clone(), created).await?;
    let now = Utc::now();
    let mut stored = Vec::with_capacity(items.len());
    let mut audit_entries = Vec::with_capacity(items.len());
    // Who has an account, to write to them in their language.
    let worker_ids: Vec<Uuid> = items.iter().map(|i| i.worker.id).collect();
    let accounts: HashMap<Uuid, users::Model> = users::Entity::find()
        .filter(users::Column::WorkerId.is_in(worker_ids))
        .all(tx)
        .await?
        .into_iter()
        .filter_map(|u| u.worker_id.map(|w| (w, u)))
        .collect();
    for ((item, serial), r) in items.into_iter().zip(serials).zip(rendered) {
        pdfs.write(&serial, &r.pdf)
            .map_err(|e| AppError::internal(format!("writing the PDF: {e}")))?;
        let id = Uuid::now_v7();
        if let Some(old) = &item.supersedes {
            let mut changed: certs::ActiveModel = old.clone().into();
            changed.superseded_by_id = Set(Some(id));
            changed.update(tx).await?;
        }
        let shown = super::verify::DisplayFields::of(&r.credential);
        let row = certs::Model {
            id,
            serial: serial.clone(),
            provider_id: plan.provider.id,
            worker_id: item.worker.id,
            qualification_id: plan.qualification.id,
            qualification_code: plan.qualification.code.clone(),
            cohort_id: origin.cohort_id,
            batch_id: origin.batch_id,
            level: plan.qualification.level.clone(),
            credits_ninetieths: item.credits.ninetieths() as i64,
            issued_on: plan.issue_date,
            credential: r.credential.to_string(),
            key_name: plan.key.name.clone(),
            pdf_sha256: r.sha256.clone(),
            status_index: (first_index + stored.len() as u64) as i64,
            supersedes_id: item.supersedes.as_ref().map(|s| s.id),
            superseded_by_id: None,
            revoked_at: None,
            revoked_reason: None,
            revoked_by: None,
            verification_count: 0,
            issued_by: actor.0.clone(),
            created_at: now,
            holder_name_km: shown.holder_name_km,
            holder_name_latin: shown.holder_name_latin,
            qualification_title_km: shown.qualification_title_km,
            qualification_title_en: shown.qualification_title_en,
            provider_name_km: shown.provider_name_km,
            provider_name_en: shown.provider_name_en,
            issuer_did: shown.issuer_did,
            verification_method: shown.verification_method,
        };
        stored.push(row);
        audit_entries.push(audit::Entry::created(
            "certificate.issued",
            "certificate",
            id,
            &serde_json::json!({"serial": serial, "worker": item.worker.id, "qualification": plan.qualification.code,
                                "version": plan.qualification.version, "credits": item.credits.display_rounded(),
                                "key": plan.key.name, "pdf_sha256": r.sha256,
                                "supersedes": item.supersedes.as_ref().map(|s| s.serial.clone())}),
        ));
        let recipient = accounts
            .get(&item.worker.id)
            .map(|u| (u.email.clone(), u.locale.clone()))
            .or_else(|| item.worker.email.clone().map(|e| (e, "km".to_owned())));
        if let Some((email, locale)) = recipient {
            let lang = if locale == "en" { web::Lang::En } else { web::Lang::Km };
            let name = crate::registry::views::display_name(&item.worker);
            let message = web::email::EmailMessage::CertificateIssued {
                recipient_name: name.clone(),
                qualification: if lang == web::Lang::En {
                    plan.qualification.title_en.clone()
                } else {
                    plan.qualification.title_km.clone()
                },
                serial: serial.clone(),
                provider: if lang == web::Lang::En {
                    plan.issuer.name_en.clone()
                } else {
                    plan.issuer.name_km.clone()
                },
                issued_on: (
                    chrono::Datelike::year(&plan.issue_date),
                    chrono::Datelike::month(&plan.issue_date),
                    chrono::Datelike::day(&plan.issue_date),
                ),
                verify_link: format!("{}/verify/{serial}", plan.public_url),
                download_link: format!("{}/me/certificates", plan.public_url),
            };
            crate::mail::queue(tx, &email, &name, &locale, &message).await?;
        }
    }
    let rows: Vec<certs::ActiveModel> = stored
        .iter()
        .map(|m| certs::ActiveModel::from(m.clone()).reset_all())
        .collect();
    crate::store::bulk::insert_all(tx, rows)
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::conflict(
                "already_certified",
                "A certificate of this qualification is already in force for this worker.",
            ),
            _ => e.into(),
        })?;
    audit::record_batch(tx, actor, audit_entries).await?;
    Ok(stored)
}
