//! Likely duplicates (same birth date and a similar name in either script), flagged for review;
//! merges that keep both histories and can be undone.

use chrono::Utc;
use domain::{Action, PersonName};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    views::{DuplicateCandidate, display_name},
    workers::find_visible,
};
use crate::{
    audit,
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{duplicate_flags, worker_merges, workers},
};

pub const REASON: &str = "same birth date and a similar name";

pub fn name_of(w: &workers::Model) -> Option<PersonName> {
    PersonName::parse(
        w.family_name_km.as_deref(),
        w.given_name_km.as_deref(),
        w.family_name_latin.as_deref(),
        w.given_name_latin.as_deref(),
    )
    .ok()
}

/// The existing records that look like `worker` (same birth date, similar name).
pub async fn likely_duplicates_of<C: ConnectionTrait>(
    db: &C,
    worker: &workers::Model,
) -> AppResult<Vec<workers::Model>> {
    let Some(name) = name_of(worker) else {
        return Ok(Vec::new());
    };
    let same_day = workers::Entity::find()
        .filter(workers::Column::BirthDate.eq(worker.birth_date))
        .filter(workers::Column::Id.ne(worker.id))
        .filter(workers::Column::MergedInto.is_null())
        .all(db)
        .await?;
    Ok(same_day
        .into_iter()
        .filter(|c| name_of(c).is_some_and(|n| domain::names_similar(&name, &n)))
        .collect())
}

/// Flags the likely duplicates of a new record for review.
pub async fn flag_likely_duplicates(
    tx: &DatabaseTransaction,
    worker: &workers::Model,
) -> AppResult<Vec<duplicate_flags::Model>> {
    let mut flags = Vec::new();
    for candidate in likely_duplicates_of(tx, worker).await? {
        let flag = duplicate_flags::ActiveModel {
            id: Set(Uuid::now_v7()),
            worker_id: Set(worker.id),
            candidate_id: Set(candidate.id),
            reason: Set(REASON.to_owned()),
            status: Set("open".to_owned()),
            created_at: Set(Utc::now()),
            resolved_at: Set(None),
            resolved_by: Set(None),
        }
        .insert(tx)
        .await?;
        flags.push(flag);
    }
    Ok(flags)
}

/// The other record of each flag, seen from `flag.worker_id`.
pub async fn candidates_for(
    db: &DatabaseConnection,
    flags: Vec<duplicate_flags::Model>,
) -> AppResult<Vec<DuplicateCandidate>> {
    let mut out = Vec::new();
    for f in flags {
        if let Some(c) = workers::Entity::find_by_id(f.candidate_id).one(db).await? {
            out.push(DuplicateCandidate {
                flag_id: f.id,
                worker_id: c.id,
                display_name: display_name(&c),
                registry_number: c.registry_number,
                birth_date: c.birth_date,
                reason: f.reason,
            });
        }
    }
    Ok(out)
}

/// Open flags involving `worker`, each showing the other record.
pub async fn open_candidates(db: &DatabaseConnection, worker: Uuid) -> AppResult<Vec<DuplicateCandidate>> {
    let flags = duplicate_flags::Entity::find()
        .filter(duplicate_flags::Column::Status.eq("open"))
        .filter(
            Condition::any()
                .add(duplicate_flags::Column::WorkerId.eq(worker))
                .add(duplicate_flags::Column::CandidateId.eq(worker)),
        )
        .all(db)
        .await?;
    let seen_from_worker = flags
        .into_iter()
        .map(|mut f| {
            if f.candidate_id == worker {
                std::mem::swap(&mut f.candidate_id, &mut f.worker_id);
            }
            f
        })
        .collect();
    candidates_for(db, seen_from_worker).await
}

/// The record itself and every record merged into it: their histories are shown together.
pub async fn record_ids<C: ConnectionTrait>(db: &C, survivor: Uuid) -> AppResult<Vec<Uuid>> {
    let merged = workers::Entity::find()
        .filter(workers::Column::MergedInto.eq(survivor))
        .all(db)
        .await?;
    Ok(std::iter::once(survivor)
        .chain(merged.into_iter().map(|w| w.id))
        .collect())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateFlag {
    pub id: Uuid,
    pub worker_id: Uuid,
    pub candidate_id: Uuid,
    pub reason: String,
    /// open, dismissed or merged.
    pub status: String,
}

impl From<duplicate_flags::Model> for DuplicateFlag {
    fn from(f: duplicate_flags::Model) -> Self {
        DuplicateFlag {
            id: f.id,
            worker_id: f.worker_id,
            candidate_id: f.candidate_id,
            reason: f.reason,
            status: f.status,
        }
    }
}

pub async fn list_open(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<DuplicateFlag>> {
    let scope = super::scope::WorkerScope::of(db, user, Action::Read).await?;
    let visible: Vec<Uuid> = workers::Entity::find()
        .filter(scope.condition(Utc::now().date_naive()))
        .filter(
            workers::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(duplicate_flags::Column::WorkerId)
                    .from(duplicate_flags::Entity)
                    .and_where(duplicate_flags::Column::Status.eq("open"))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|w| w.id)
        .collect();
    let flags = duplicate_flags::Entity::find()
        .filter(duplicate_flags::Column::Status.eq("open"))
        .filter(duplicate_flags::Column::WorkerId.is_in(visible))
        .order_by_asc(duplicate_flags::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(flags.into_iter().map(DuplicateFlag::from).collect())
}

pub async fn dismiss(db: &DatabaseConnection, user: &CurrentUser, id: Uuid) -> AppResult<DuplicateFlag> {
    let flag = duplicate_flags::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("duplicate flag"))?;
    find_visible(db, user, flag.worker_id, Action::Write)
        .await
        .map_err(|_| AppError::not_found("duplicate flag"))?;
    if flag.status != "open" {
        return Err(AppError::conflict(
            "not_open",
            format!("This flag is already {}.", flag.status),
        ));
    }
    let tx = audit::begin(db).await?;
    let mut a = flag.clone().into_active_model();
    a.status = Set("dismissed".to_owned());
    a.resolved_at = Set(Some(Utc::now()));
    a.resolved_by = Set(Some(user.actor().0));
    let updated = a.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "duplicate.dismissed",
        "duplicate_flag",
        id,
        Some(&flag),
        Some(&updated),
    )
    .await?;
    tx.commit().await?;
    Ok(updated.into())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The duplicate record, merged into this one (the survivor).
    pub merged_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Merge {
    pub id: Uuid,
    pub survivor_id: Uuid,
    pub merged_id: Uuid,
    pub merged_at: chrono::DateTime<Utc>,
    pub undone_at: Option<chrono::DateTime<Utc>>,
}

impl From<worker_merges::Model> for Merge {
    fn from(m: worker_merges::Model) -> Self {
        Merge {
            id: m.id,
            survivor_id: m.survivor_id,
            merged_id: m.merged_id,
            merged_at: m.merged_at,
            undone_at: m.undone_at,
        }
    }
}

async fn set_flags_between(
    tx: &DatabaseTransaction,
    a: Uuid,
    b: Uuid,
    from: &str,
    to: &str,
    by: &str,
) -> AppResult<()> {
    duplicate_flags::Entity::update_many()
        .col_expr(duplicate_flags::Column::Status, sea_orm::sea_query::Expr::value(to))
        .col_expr(
            duplicate_flags::Column::ResolvedAt,
            sea_orm::sea_query::Expr::value(Some(Utc::now())),
        )
        .col_expr(
            duplicate_flags::Column::ResolvedBy,
            sea_orm::sea_query::Expr::value(Some(by.to_owned())),
        )
        .filter(duplicate_flags::Column::Status.eq(from))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(duplicate_flags::Column::WorkerId.eq(a))
                        .add(duplicate_flags::Column::CandidateId.eq(b)),
                )
                .add(
                    Condition::all()
                        .add(duplicate_flags::Column::WorkerId.eq(b))
                        .add(duplicate_flags::Column::CandidateId.eq(a)),
                ),
        )
        .exec(tx)
        .await?;
    Ok(())
}

/// Merges `merged_id` into `survivor`: nothing is deleted; the merged record points to the
/// survivor, drops out of searches, and its postings show on the survivor's profile.
pub async fn merge(db: &DatabaseConnection, user: &CurrentUser, survivor: Uuid, req: MergeRequest) -> AppResult<Merge> {
    if survivor == req.merged_id {
        return Err(AppError::unprocessable(
            "same_record",
            "A record cannot be merged into itself.",
        ));
    }
    let s = find_visible(db, user, survivor, Action::Write).await?;
    let m = find_visible(db, user, req.merged_id, Action::Write).await?;
    if s.merged_into.is_some() {
        return Err(AppError::unprocessable(
            "survivor_merged",
            "The surviving record was itself merged into another.",
        ));
    }
    if m.merged_into.is_some() {
        return Err(AppError::conflict(
            "already_merged",
            "This record is already merged into another.",
        ));
    }
    if workers::Entity::find()
        .filter(workers::Column::MergedInto.eq(m.id))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::unprocessable(
            "has_merged_records",
            "Other records are merged into this one: merge the survivor the other way round, or undo those first.",
        ));
    }
    let tx = audit::begin(db).await?;
    let fresh = workers::Entity::find_by_id(m.id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let mut a = fresh.clone().into_active_model();
    a.merged_into = Set(Some(s.id));
    a.updated_at = Set(Utc::now());
    a.version = Set(fresh.version + 1);
    let updated = a.update(&tx).await?;
    let merge = worker_merges::ActiveModel {
        id: Set(Uuid::now_v7()),
        survivor_id: Set(s.id),
        merged_id: Set(m.id),
        merged_at: Set(Utc::now()),
        merged_by: Set(user.actor().0),
        undone_at: Set(None),
        undone_by: Set(None),
    }
    .insert(&tx)
    .await?;
    set_flags_between(&tx, s.id, m.id, "open", "merged", &user.actor().0).await?;
    audit::record(
        &tx,
        &user.actor(),
        "worker.merged",
        "worker",
        m.id,
        Some(&fresh),
        Some(&updated),
    )
    .await?;
    tx.commit().await?;
    Ok(merge.into())
}

pub async fn undo(db: &DatabaseConnection, user: &CurrentUser, merge_id: Uuid) -> AppResult<Merge> {
    let merge = worker_merges::Entity::find_by_id(merge_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("merge"))?;
    find_visible(db, user, merge.survivor_id, Action::Write)
        .await
        .map_err(|_| AppError::not_found("merge"))?;
    if merge.undone_at.is_some() {
        return Err(AppError::conflict("already_undone", "This merge was already undone."));
    }
    let tx = audit::begin(db).await?;
    let fresh = workers::Entity::find_by_id(merge.merged_id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let mut a = fresh.clone().into_active_model();
    a.merged_into = Set(None);
    a.updated_at = Set(Utc::now());
    a.version = Set(fresh.version + 1);
    let updated = a.update(&tx).await?;
    let mut mm = merge.clone().into_active_model();
    mm.undone_at = Set(Some(Utc::now()));
    mm.undone_by = Set(Some(user.actor().0));
    let undone = mm.update(&tx).await?;
    set_flags_between(
        &tx,
        merge.survivor_id,
        merge.merged_id,
        "merged",
        "open",
        &user.actor().0,
    )
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "worker.merge_undone",
        "worker",
        fresh.id,
        Some(&fresh),
        Some(&updated),
    )
    .await?;
    tx.commit().await?;
    Ok(undone.into())
}
