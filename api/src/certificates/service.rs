//! The certificate operations behind the API, the pages and the command line: issuing one
//! certificate, revoking, reissuing after a correction, the certificates a user may see, and a
//! provider's issuing settings.

use chrono::Utc;
use domain::{Access, Action, Resource};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::batch::{Issuing, ledgers_of};
use super::issue::{self, Origin, SkipReason, ToIssue};
use super::verify::{self, VerifiedCertificate};
use crate::{
    audit,
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{certificates as certs, issuers, organizations, qualifications, workers},
};

/// A certificate as its holder and staff see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Certificate {
    pub id: Uuid,
    pub worker_id: Uuid,
    pub provider_id: Uuid,
    pub qualification_code: String,
    #[serde(flatten)]
    pub public: VerifiedCertificate,
    pub supersedes: Option<String>,
    pub batch_id: Option<Uuid>,
}

pub async fn view(db: &DatabaseConnection, c: &certs::Model) -> AppResult<Certificate> {
    let status = verify::status_of(db, c).await?;
    let supersedes = match c.supersedes_id {
        Some(id) => certs::Entity::find_by_id(id).one(db).await?.map(|o| o.serial),
        None => None,
    };
    Ok(Certificate {
        id: c.id,
        worker_id: c.worker_id,
        provider_id: c.provider_id,
        qualification_code: c.qualification_code.clone(),
        public: verify::describe(c, status),
        supersedes,
        batch_id: c.batch_id,
    })
}

/// A certificate the user may see (a 404 otherwise, which says nothing about others').
pub async fn find_visible(db: &DatabaseConnection, user: &CurrentUser, serial: &str) -> AppResult<certs::Model> {
    let access = user.can(Resource::Certificates, Action::Read)?;
    let serial = domain::certificate::CertificateSerial::parse("serial", serial)
        .map_err(|_| AppError::not_found("certificate"))?
        .to_string();
    let c = certs::Entity::find()
        .filter(certs::Column::Serial.eq(serial))
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("certificate"))?;
    let visible = match access {
        Access::All => true,
        Access::OwnProvider => {
            user.scope_organization_id == Some(c.provider_id)
                || crate::registry::workers::find_visible(db, user, c.worker_id, Action::Read)
                    .await
                    .is_ok()
        }
        Access::OwnRecord => user.worker_id == Some(c.worker_id),
        Access::OwnOrganizationTree => crate::registry::workers::find_visible(db, user, c.worker_id, Action::Read)
            .await
            .is_ok(),
        Access::Denied(_) => false,
    };
    if visible {
        Ok(c)
    } else {
        Err(AppError::not_found("certificate"))
    }
}

/// A worker's certificates, newest first, for someone who may see the worker.
pub async fn of_worker(db: &DatabaseConnection, user: &CurrentUser, worker: Uuid) -> AppResult<Vec<certs::Model>> {
    user.can(Resource::Certificates, Action::Read)?;
    let worker = crate::registry::workers::find_visible(db, user, worker, Action::Read).await?;
    Ok(certs::Entity::find()
        .filter(certs::Column::WorkerId.eq(worker.id))
        .order_by_desc(certs::Column::CreatedAt)
        .all(db)
        .await?)
}

/// The provider a user issues for: a registrar's own, or the one an administrator names (by
/// default the qualification's).
fn issuing_provider(
    user: &CurrentUser,
    requested: Option<Uuid>,
    qualification: &qualifications::Model,
) -> AppResult<Uuid> {
    let access = user.can(Resource::Certificates, Action::Write)?;
    match access {
        Access::All => Ok(requested.unwrap_or(qualification.provider_id)),
        Access::OwnProvider => {
            let own = user
                .scope_organization_id
                .ok_or_else(|| AppError::forbidden("a registrar acts for a training provider"))?;
            if requested.is_some_and(|p| p != own) {
                return Err(AppError::forbidden("a registrar issues for their own provider only"));
            }
            Ok(own)
        }
        _ => Err(AppError::forbidden(
            "certificates are issued by a training provider's registrar",
        )),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    pub worker_id: Uuid,
    /// The qualification's code (its latest version).
    pub qualification_code: String,
    /// The issuing provider (administrators; a registrar issues for their own).
    pub provider_id: Option<Uuid>,
}

/// A 422 listing every reason a certificate cannot be issued, each under the field it concerns.
pub fn refusal(reasons: &[SkipReason]) -> AppError {
    let mut error = AppError::unprocessable(
        "not_eligible",
        format!(
            "The certificate cannot be issued: {}.",
            reasons
                .iter()
                .map(|r| r.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    );
    for r in reasons {
        error = error.with_field(r.field(), r.message.clone());
        error.field_rules.insert(r.field().to_owned(), "eligibility");
    }
    error
}

async fn latest_qualification(db: &DatabaseConnection, code: &str) -> AppResult<qualifications::Model> {
    let code = domain::ModuleCode::parse("qualification_code", code)?;
    qualifications::Entity::find()
        .filter(qualifications::Column::Code.eq(code.as_str()))
        .order_by_desc(qualifications::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::unprocessable_field(domain::FieldError::new(
                "qualification_code",
                "exists",
                "must be the code of a qualification",
            ))
        })
}

/// Issues one certificate, or refuses with every reason.
pub async fn issue_one(issuing: &Issuing, user: &CurrentUser, req: IssueRequest) -> AppResult<certs::Model> {
    let db = &issuing.db;
    let qualification = latest_qualification(db, &req.qualification_code).await?;
    let provider = issuing_provider(user, req.provider_id, &qualification)?;
    // Whoever holds the credits gets the certificate: a provider's trainees need not be
    // workers it registered.
    let worker = workers::Entity::find_by_id(req.worker_id)
        .one(db)
        .await?
        .filter(|w| w.merged_into.is_none())
        .ok_or_else(|| AppError::not_found("worker"))?;
    let plan = issue::plan(db, &issuing.files, &issuing.public_url, provider, qualification).await?;
    if let Some(existing) = certs::Entity::find()
        .filter(certs::Column::WorkerId.eq(worker.id))
        .filter(certs::Column::QualificationCode.eq(plan.qualification.code.as_str()))
        .filter(certs::Column::SupersededById.is_null())
        .filter(certs::Column::RevokedAt.is_null())
        .one(db)
        .await?
    {
        return Err(AppError::conflict(
            "already_certified",
            format!("The worker already holds the certificate {}.", existing.serial),
        )
        .with_field(
            "worker_id",
            format!("already holds the certificate {}", existing.serial),
        ));
    }
    let ledgers = ledgers_of(db, &[worker.id]).await?;
    let entries = ledgers.get(&worker.id).map(Vec::as_slice).unwrap_or(&[]);
    let credits = plan.decide(&worker, entries).map_err(|reasons| refusal(&reasons))?;
    let tx = audit::begin(db).await?;
    let issued = issue::issue_in(
        &tx,
        &plan,
        &issuing.pdfs,
        &user.actor(),
        vec![ToIssue {
            worker,
            credits,
            supersedes: None,
        }],
        Origin {
            cohort_id: None,
            batch_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    issued
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("nothing was issued"))
}

/// Whether the user may revoke or reissue the provider's certificates.
fn check_write(user: &CurrentUser, provider: Uuid) -> AppResult<()> {
    match user.can(Resource::Certificates, Action::Write)? {
        Access::All => Ok(()),
        Access::OwnProvider if user.scope_organization_id == Some(provider) => Ok(()),
        _ => Err(AppError::forbidden(
            "certificates are revoked by the provider that issued them",
        )),
    }
}

/// Revokes a certificate, with a reason that verifiers will see.
pub async fn revoke(
    db: &DatabaseConnection,
    user: &CurrentUser,
    serial: &str,
    reason: &str,
) -> AppResult<certs::Model> {
    let c = find_visible(db, user, serial).await?;
    check_write(user, c.provider_id)?;
    let reason = domain::certificate::revocation_reason(reason)?;
    let status = verify::status_of(db, &c).await?;
    domain::certificate::check_can_change(&status, "revoked").map_err(AppError::unprocessable_field)?;
    let tx = audit::begin(db).await?;
    let mut changed: certs::ActiveModel = c.clone().into();
    changed.revoked_at = Set(Some(Utc::now()));
    changed.revoked_reason = Set(Some(reason));
    changed.revoked_by = Set(Some(user.actor().0));
    let changed = changed.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "certificate.revoked",
        "certificate",
        changed.id,
        Some(&c),
        Some(&changed),
    )
    .await?;
    tx.commit().await?;
    Ok(changed)
}

/// Reissues a certificate after a correction (of the holder's name, say): a new serial, from the
/// record as it is now, that supersedes the old one (which stays, marked superseded).
pub async fn reissue(issuing: &Issuing, user: &CurrentUser, serial: &str, reason: &str) -> AppResult<certs::Model> {
    let db = &issuing.db;
    let old = find_visible(db, user, serial).await?;
    check_write(user, old.provider_id)?;
    let reason = domain::certificate::revocation_reason(reason)?;
    let status = verify::status_of(db, &old).await?;
    domain::certificate::check_can_change(&status, "reissued").map_err(AppError::unprocessable_field)?;
    let qualification = latest_qualification(db, &old.qualification_code).await?;
    let worker = workers::Entity::find_by_id(old.worker_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let plan = issue::plan(db, &issuing.files, &issuing.public_url, old.provider_id, qualification).await?;
    let ledgers = ledgers_of(db, &[worker.id]).await?;
    let entries = ledgers.get(&worker.id).map(Vec::as_slice).unwrap_or(&[]);
    let credits = plan.decide(&worker, entries).map_err(|reasons| refusal(&reasons))?;
    let tx = audit::begin(db).await?;
    let issued = issue::issue_in(
        &tx,
        &plan,
        &issuing.pdfs,
        &user.actor(),
        vec![ToIssue {
            worker,
            credits,
            supersedes: Some(old.clone()),
        }],
        Origin {
            cohort_id: old.cohort_id,
            batch_id: None,
        },
    )
    .await?;
    let new = issued
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("nothing was issued"))?;
    audit::record(
        &tx,
        &user.actor(),
        "certificate.superseded",
        "certificate",
        old.id,
        Some(&old),
        Some(&serde_json::json!({"superseded_by": new.serial, "reason": reason})),
    )
    .await?;
    tx.commit().await?;
    Ok(new)
}

/// A provider's issuing settings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IssuerSettings {
    /// The serials' prefix, e.g. NISA (2 to 12 capital letters or digits).
    pub serial_prefix: String,
    /// The one or two people who sign its certificates.
    pub signatories: Vec<SignatoryInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatoryInput {
    pub name: String,
    pub title_en: String,
    pub title_km: String,
}

/// Sets a training provider up to issue (administrators): its prefix and signatories.
pub async fn set_issuer(
    db: &DatabaseConnection,
    user: &CurrentUser,
    provider: Uuid,
    settings: IssuerSettings,
) -> AppResult<issuers::Model> {
    if user.role != domain::Role::Admin {
        return Err(AppError::forbidden("issuers are set up by an administrator"));
    }
    let org = organizations::Entity::find_by_id(provider)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("provider"))?;
    let mut errors = Vec::new();
    if org.kind != domain::OrganizationKind::TrainingProvider.as_str() {
        errors.push(domain::FieldError::new(
            "provider_id",
            "training_provider",
            "must be a training provider",
        ));
    }
    let prefix = domain::certificate::SerialPrefix::parse("serial_prefix", &settings.serial_prefix)
        .map_err(|e| errors.push(e))
        .ok();
    if !(1..=2).contains(&settings.signatories.len()) {
        errors.push(domain::FieldError::new(
            "signatories",
            "count",
            "must be one or two signatories",
        ));
    }
    for (i, s) in settings.signatories.iter().enumerate() {
        for (field, value) in [("name", &s.name), ("title_en", &s.title_en), ("title_km", &s.title_km)] {
            if let Err(e) = domain::required_text(&format!("signatories[{i}].{field}"), value, 200) {
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let prefix = prefix.expect("validated").to_string();
    if let Some(other) = issuers::Entity::find()
        .filter(issuers::Column::SerialPrefix.eq(prefix.as_str()))
        .filter(issuers::Column::ProviderId.ne(provider))
        .one(db)
        .await?
    {
        return Err(AppError::conflict(
            "duplicate_prefix",
            format!("The prefix {prefix} is another provider's ({}).", other.provider_id),
        )
        .with_field("serial_prefix", "is another provider's"));
    }
    let signatories = serde_json::to_string(&settings.signatories).map_err(AppError::internal)?;
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    let before = issuers::Entity::find_by_id(provider).one(&tx).await?;
    let after = match &before {
        Some(b) => {
            let mut changed: issuers::ActiveModel = b.clone().into();
            changed.serial_prefix = Set(prefix);
            changed.signatories = Set(signatories);
            changed.updated_at = Set(now);
            changed.version = Set(b.version + 1);
            changed.update(&tx).await?
        }
        None => {
            issuers::ActiveModel {
                provider_id: Set(provider),
                serial_prefix: Set(prefix),
                signatories: Set(signatories),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
            .insert(&tx)
            .await?
        }
    };
    audit::record(
        &tx,
        &user.actor(),
        "issuer.set",
        "issuer",
        provider,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A cohort's trainees, as a batch would see them now: who would get a certificate, who
/// already has one, who would be skipped and why.
pub struct CohortPreview {
    pub eligible: Vec<workers::Model>,
    pub certified: Vec<(workers::Model, certs::Model)>,
    pub skipped: Vec<super::batch::Skipped>,
}

pub async fn cohort_preview(issuing: &Issuing, user: &CurrentUser, cohort_id: Uuid) -> AppResult<CohortPreview> {
    let db = &issuing.db;
    user.can(Resource::Certificates, Action::Write)?;
    let cohort = crate::training::cohorts::writable(db, user, cohort_id).await?;
    let qualification = qualifications::Entity::find_by_id(cohort.qualification_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let plan = issue::plan(
        db,
        &issuing.files,
        &issuing.public_url,
        cohort.provider_id,
        qualification,
    )
    .await?;
    let decisions = super::batch::decide(db, &plan, &cohort, None).await?;
    let mut certified = Vec::new();
    let mut skipped = Vec::new();
    for s in decisions.skipped {
        if s.reasons.iter().any(|r| r.code == "already_certified") {
            let serial = s.reasons[0]
                .details
                .get("serial")
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let c = certs::Entity::find()
                .filter(certs::Column::Serial.eq(serial))
                .one(db)
                .await?;
            let w = workers::Entity::find_by_id(s.worker_id).one(db).await?;
            if let (Some(c), Some(w)) = (c, w) {
                certified.push((w, c));
            }
        } else {
            skipped.push(s);
        }
    }
    Ok(CohortPreview {
        eligible: decisions.to_issue.into_iter().map(|t| t.worker).collect(),
        certified,
        skipped,
    })
}
