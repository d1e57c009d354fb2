//! Batch issuance: every eligible trainee of a cohort gets their certificate, in a background job
//! that reports its progress, survives a crash and can run twice without issuing anything twice.
//!
//! - A batch is a row (`issuance_batches`): queued, running, finished or failed, with counts.
//! - A runner claims it with a lease (a conditional UPDATE, so two service instances never run the
//!   same batch at once) and renews the lease with every chunk it commits.
//! - Each run decides afresh, from the database, who already holds the certificate, who is not
//!   eligible and why, and who is left; it issues the rest in chunks, each chunk one transaction
//!   with the batch's progress. A crash loses at most the chunk in flight (its serials go back);
//!   the next run, here or in another instance once the lease has lapsed, carries on.
//! - The unique index of certificates in force (worker, qualification) makes a second certificate
//!   impossible even if two runs ever raced.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::issue::{self, IssuePlan, Origin, PdfStore, SkipReason, ToIssue};
use super::keys::KeyFiles;
use crate::{
    audit::{self, Actor},
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{certificates as certs, cohorts, credit_entries, enrolments, issuance_batches, modules, workers},
    training::ledger::to_domain,
};

/// How long a claim on a batch lasts without news from its runner.
pub const LEASE: Duration = Duration::from_secs(15);
/// Certificates per transaction.
pub const CHUNK: usize = 24;

/// A trainee the batch did not issue a certificate to, and why.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Skipped {
    pub worker_id: Uuid,
    pub registry_number: String,
    pub name: String,
    pub reasons: Vec<SkipReason>,
}

/// Where the service's instances find what they need to issue.
#[derive(Clone)]
pub struct Issuing {
    pub db: DatabaseConnection,
    pub files: KeyFiles,
    pub pdfs: PdfStore,
    pub public_url: String,
    /// Who runs batches here (host and process): the lease owner.
    pub instance: String,
}

impl Issuing {
    pub fn from_state(state: &crate::state::AppState) -> Issuing {
        Issuing::from_config(state.db.clone(), &state.config)
    }

    pub fn from_config(db: DatabaseConnection, config: &crate::config::Config) -> Issuing {
        Issuing {
            db,
            files: KeyFiles::in_data_dir(&config.data_dir),
            pdfs: PdfStore::in_data_dir(&config.data_dir),
            public_url: config.public_url.clone(),
            instance: format!("{}:{}", crate::server::hostname(), std::process::id()),
        }
    }
}

/// Starts a batch for a cohort, or returns the one already queued or running (so a double click
/// starts nothing twice). `true` when a new batch was created.
pub async fn start(
    db: &DatabaseConnection,
    user: &CurrentUser,
    cohort_id: Uuid,
) -> AppResult<(bool, issuance_batches::Model)> {
    user.can(domain::Resource::Certificates, domain::Action::Write)?;
    let cohort = crate::training::cohorts::writable(db, user, cohort_id).await?;
    if let Some(running) = issuance_batches::Entity::find()
        .filter(issuance_batches::Column::CohortId.eq(cohort.id))
        .filter(issuance_batches::Column::State.is_in(["queued", "running"]))
        .one(db)
        .await?
    {
        return Ok((false, running));
    }
    let total = enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(cohort.id))
        .all(db)
        .await?
        .len() as i64;
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    let batch = issuance_batches::ActiveModel {
        id: Set(Uuid::now_v7()),
        cohort_id: Set(cohort.id),
        provider_id: Set(cohort.provider_id),
        requested_by: Set(user.actor().0),
        state: Set("queued".to_owned()),
        total: Set(total),
        issued: Set(0),
        skipped: Set(0),
        failed: Set(0),
        report: Set("[]".to_owned()),
        error: Set(None),
        lease_owner: Set(None),
        lease_until: Set(None),
        created_at: Set(now),
        started_at: Set(None),
        finished_at: Set(None),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "certificate_batch.requested",
        "issuance_batch",
        batch.id,
        None::<&()>,
        Some(&batch),
    )
    .await?;
    tx.commit().await?;
    Ok((true, batch))
}

/// Claims a batch that is waiting or whose runner went quiet, for `instance`.
pub async fn claim(
    db: &DatabaseConnection,
    instance: &str,
    only: Option<Uuid>,
) -> AppResult<Option<issuance_batches::Model>> {
    let now = Utc::now();
    let mut candidates = issuance_batches::Entity::find()
        .filter(issuance_batches::Column::State.is_in(["queued", "running"]))
        .filter(
            sea_orm::Condition::any()
                .add(issuance_batches::Column::LeaseUntil.is_null())
                .add(issuance_batches::Column::LeaseUntil.lt(now))
                .add(issuance_batches::Column::LeaseOwner.eq(instance)),
        )
        .order_by_asc(issuance_batches::Column::CreatedAt);
    if let Some(id) = only {
        candidates = candidates.filter(issuance_batches::Column::Id.eq(id));
    }
    for candidate in candidates.all(db).await? {
        // Take it only if nobody else did in between.
        let taken = issuance_batches::Entity::update_many()
            .col_expr(issuance_batches::Column::LeaseOwner, instance.into())
            .col_expr(
                issuance_batches::Column::LeaseUntil,
                (now + chrono::Duration::from_std(LEASE).unwrap_or_default()).into(),
            )
            .col_expr(issuance_batches::Column::State, "running".into())
            .col_expr(
                issuance_batches::Column::StartedAt,
                candidate.started_at.unwrap_or(now).into(),
            )
            .filter(issuance_batches::Column::Id.eq(candidate.id))
            .filter(issuance_batches::Column::State.is_in(["queued", "running"]))
            .filter(
                sea_orm::Condition::any()
                    .add(issuance_batches::Column::LeaseUntil.is_null())
                    .add(issuance_batches::Column::LeaseUntil.lt(now))
                    .add(issuance_batches::Column::LeaseOwner.eq(instance)),
            )
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            return Ok(issuance_batches::Entity::find_by_id(candidate.id).one(db).await?);
        }
    }
    Ok(None)
}

/// Every ledger of `workers`, read in one query.
pub async fn ledgers_of<C: ConnectionTrait>(
    db: &C,
    worker_ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<domain::LedgerEntry>>> {
    let mut out: HashMap<Uuid, Vec<domain::LedgerEntry>> = HashMap::new();
    let codes: HashMap<Uuid, String> = modules::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.code))
        .collect();
    for chunk in worker_ids.chunks(2_000) {
        for row in credit_entries::Entity::find()
            .filter(credit_entries::Column::WorkerId.is_in(chunk.iter().copied()))
            .order_by_asc(credit_entries::Column::Id)
            .all(db)
            .await?
        {
            if let Some(entry) = codes.get(&row.module_id).and_then(|code| to_domain(&row, code)) {
                out.entry(row.worker_id).or_default().push(entry);
            }
        }
    }
    Ok(out)
}

/// What a run found for each trainee.
pub struct Decisions {
    /// Already holding this batch's certificate.
    pub done: usize,
    pub skipped: Vec<Skipped>,
    pub to_issue: Vec<ToIssue>,
}

/// Decides, from the database, who gets a certificate in this batch.
pub async fn decide(
    db: &DatabaseConnection,
    plan: &IssuePlan,
    cohort: &cohorts::Model,
    batch_id: Option<Uuid>,
) -> AppResult<Decisions> {
    let trainee_ids: Vec<Uuid> = enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(cohort.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.worker_id)
        .collect();
    let mut trainees: Vec<workers::Model> = Vec::with_capacity(trainee_ids.len());
    for chunk in trainee_ids.chunks(2_000) {
        trainees.extend(
            workers::Entity::find()
                .filter(workers::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    trainees.sort_by(|a, b| a.registry_number.cmp(&b.registry_number));
    let mut in_force: HashMap<Uuid, certs::Model> = HashMap::new();
    for chunk in trainee_ids.chunks(2_000) {
        for c in certs::Entity::find()
            .filter(certs::Column::WorkerId.is_in(chunk.iter().copied()))
            .filter(certs::Column::QualificationCode.eq(plan.qualification.code.as_str()))
            .filter(certs::Column::SupersededById.is_null())
            .filter(certs::Column::RevokedAt.is_null())
            .all(db)
            .await?
        {
            in_force.insert(c.worker_id, c);
        }
    }
    let ledgers = ledgers_of(db, &trainee_ids).await?;
    let mut decisions = Decisions {
        done: 0,
        skipped: Vec::new(),
        to_issue: Vec::new(),
    };
    for worker in trainees {
        if let Some(existing) = in_force.get(&worker.id) {
            if batch_id.is_some() && existing.batch_id == batch_id {
                decisions.done += 1;
            } else {
                decisions.skipped.push(Skipped {
                    worker_id: worker.id,
                    registry_number: worker.registry_number.clone(),
                    name: crate::registry::views::display_name(&worker),
                    reasons: vec![SkipReason::already_certified(&existing.serial)],
                });
            }
            continue;
        }
        let entries = ledgers.get(&worker.id).map(Vec::as_slice).unwrap_or(&[]);
        match plan.decide(&worker, entries) {
            Ok(credits) => decisions.to_issue.push(ToIssue {
                worker,
                credits,
                supersedes: None,
            }),
            Err(reasons) => decisions.skipped.push(Skipped {
                worker_id: worker.id,
                registry_number: worker.registry_number.clone(),
                name: crate::registry::views::display_name(&worker),
                reasons,
            }),
        }
    }
    Ok(decisions)
}

/// Progress of a batch, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub total: u64,
    pub issued: u64,
    pub skipped: u64,
    pub failed: u64,
}

/// Runs a claimed batch to its end (or until `stop` says so, releasing it for a later run).
pub async fn run(
    issuing: &Issuing,
    batch: issuance_batches::Model,
    stop: &tokio::sync::watch::Receiver<bool>,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> AppResult<()> {
    let result = run_inner(issuing, &batch, stop, progress).await;
    if let Err(e) = &result {
        tracing::error!(batch = %batch.id, error = %e.message, "a certificate batch failed");
        let mut failed: issuance_batches::ActiveModel = batch.clone().into();
        failed.state = Set("failed".to_owned());
        failed.error = Set(Some(e.message.clone()));
        failed.finished_at = Set(Some(Utc::now()));
        failed.lease_owner = Set(None);
        failed.lease_until = Set(None);
        failed.update(&issuing.db).await?;
    }
    result
}

async fn run_inner(
    issuing: &Issuing,
    batch: &issuance_batches::Model,
    stop: &tokio::sync::watch::Receiver<bool>,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> AppResult<()> {
    let db = &issuing.db;
    let cohort = cohorts::Entity::find_by_id(batch.cohort_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cohort"))?;
    let qualification = crate::store::qualifications::Entity::find_by_id(cohort.qualification_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let plan = issue::plan(
        db,
        &issuing.files,
        &issuing.public_url,
        batch.provider_id,
        qualification,
    )
    .await?;
    let decisions = decide(db, &plan, &cohort, Some(batch.id)).await?;
    let actor = Actor(batch.requested_by.clone());
    let total = (decisions.done + decisions.skipped.len() + decisions.to_issue.len()) as i64;
    let skipped = decisions.skipped.len() as i64;
    let report = serde_json::to_string(&decisions.skipped).map_err(AppError::internal)?;
    let mut issued = decisions.done as i64;
    let mut failed = 0i64;
    let mut failures: Vec<Skipped> = Vec::new();
    let report_progress = |issued: i64, failed: i64| {
        progress(Progress {
            total: total as u64,
            issued: issued as u64,
            skipped: skipped as u64,
            failed: failed as u64,
        })
    };
    report_progress(issued, failed);
    let mut pending = decisions.to_issue;
    while !pending.is_empty() {
        if *stop.borrow() {
            // Released: a later run (here or elsewhere) carries on from what is committed.
            issuance_batches::Entity::update_many()
                .col_expr(
                    issuance_batches::Column::LeaseUntil,
                    Option::<chrono::DateTime<Utc>>::None.into(),
                )
                .col_expr(issuance_batches::Column::LeaseOwner, Option::<String>::None.into())
                .filter(issuance_batches::Column::Id.eq(batch.id))
                .filter(issuance_batches::Column::LeaseOwner.eq(issuing.instance.as_str()))
                .exec(db)
                .await?;
            return Ok(());
        }
        let chunk: Vec<ToIssue> = pending.drain(..CHUNK.min(pending.len())).collect();
        let n = chunk.len() as i64;
        match commit_chunk(
            issuing,
            &plan,
            batch,
            &cohort,
            &actor,
            chunk,
            issued + n,
            skipped,
            failed,
            total,
            &report,
        )
        .await
        {
            Ok(()) => issued += n,
            Err(ChunkError::LeaseLost) => return Ok(()),
            Err(ChunkError::App(e)) if e.code == "already_certified" => {
                // Someone issued meanwhile: decide afresh.
                return Box::pin(run_inner(issuing, batch, stop, progress)).await;
            }
            Err(ChunkError::App(e)) => {
                // A certificate that cannot be issued must not hold back the others: this chunk is
                // reported as failed, with the reason, and the batch goes on.
                tracing::warn!(batch = %batch.id, error = %e.message, "a chunk of certificates failed");
                failed += n;
                failures.push(Skipped {
                    worker_id: Uuid::nil(),
                    registry_number: String::new(),
                    name: String::new(),
                    reasons: vec![SkipReason {
                        code: "failed".into(),
                        message: e.message.clone(),
                        details: serde_json::Map::new(),
                    }],
                });
            }
        }
        report_progress(issued, failed);
    }
    let mut all_skipped = decisions.skipped;
    all_skipped.extend(failures);
    let tx = audit::begin(db).await?;
    let current = issuance_batches::Entity::find_by_id(batch.id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("batch"))?;
    if current.lease_owner.as_deref() != Some(issuing.instance.as_str()) || current.state != "running" {
        return Ok(());
    }
    let mut done: issuance_batches::ActiveModel = current.clone().into();
    done.state = Set("finished".to_owned());
    done.total = Set(total);
    done.issued = Set(issued);
    done.skipped = Set(skipped);
    done.failed = Set(failed);
    done.report = Set(serde_json::to_string(&all_skipped).map_err(AppError::internal)?);
    done.finished_at = Set(Some(Utc::now()));
    done.lease_owner = Set(None);
    done.lease_until = Set(None);
    let done = done.update(&tx).await?;
    audit::record(
        &tx,
        &actor,
        "certificate_batch.finished",
        "issuance_batch",
        done.id,
        Some(&current),
        Some(&done),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

enum ChunkError {
    LeaseLost,
    App(AppError),
}

impl From<AppError> for ChunkError {
    fn from(e: AppError) -> Self {
        ChunkError::App(e)
    }
}

impl From<sea_orm::DbErr> for ChunkError {
    fn from(e: sea_orm::DbErr) -> Self {
        ChunkError::App(e.into())
    }
}

#[allow(clippy::too_many_arguments)]
async fn commit_chunk(
    issuing: &Issuing,
    plan: &IssuePlan,
    batch: &issuance_batches::Model,
    cohort: &cohorts::Model,
    actor: &Actor,
    chunk: Vec<ToIssue>,
    issued_after: i64,
    skipped: i64,
    failed: i64,
    total: i64,
    report: &str,
) -> Result<(), ChunkError> {
    let tx = audit::begin(&issuing.db).await?;
    let current = issuance_batches::Entity::find_by_id(batch.id)
        .one(&tx)
        .await?
        .ok_or(ChunkError::LeaseLost)?;
    if current.lease_owner.as_deref() != Some(issuing.instance.as_str()) || current.state != "running" {
        return Err(ChunkError::LeaseLost);
    }
    issue::issue_in(
        &tx,
        plan,
        &issuing.pdfs,
        actor,
        chunk,
        Origin {
            cohort_id: Some(cohort.id),
            batch_id: Some(batch.id),
        },
    )
    .await?;
    let mut progress: issuance_batches::ActiveModel = current.into();
    progress.total = Set(total);
    progress.issued = Set(issued_after);
    progress.skipped = Set(skipped);
    progress.failed = Set(failed);
    progress.report = Set(report.to_owned());
    progress.lease_until = Set(Some(Utc::now() + chrono::Duration::from_std(LEASE).unwrap_or_default()));
    progress.update(&tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Runs batches in the background until `stop`: claims one, runs it, looks again.
pub fn spawn_runner(issuing: Issuing, mut stop: tokio::sync::watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if *stop.borrow() {
                break;
            }
            match claim(&issuing.db, &issuing.instance, None).await {
                Ok(Some(batch)) => {
                    tracing::info!(batch = %batch.id, cohort = %batch.cohort_id, "issuing a batch of certificates");
                    let _ = run(&issuing, batch, &stop, &|_| {}).await;
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e.message, "looking for certificate batches"),
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = stop.changed() => {}
            }
        }
    })
}
