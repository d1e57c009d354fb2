//! Registering, finding and editing workers.

use chrono::{NaiveDate, Utc};
use domain::{
    Action, EmailAddress, FieldError, NationalId, PersonName, PhoneNumber, Sex, WorkerStatus, WorkforceCategory,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    duplicates, postings,
    scope::WorkerScope,
    views::{CategorySpan, CreatedWorker, Deployment, Worker, WorkerProfile},
};
use crate::{
    audit,
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{deployments, worker_categories, workers},
};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWorkerRequest {
    pub family_name_km: Option<String>,
    pub given_name_km: Option<String>,
    pub family_name_latin: Option<String>,
    pub given_name_latin: Option<String>,
    /// female or male.
    pub sex: String,
    /// YYYY-MM-DD (or DD/MM/YYYY); the person is 15 to 100 years old.
    pub birth_date: String,
    /// The national identity card number, 9 or 10 digits.
    pub national_id: Option<String>,
    /// A Cambodian number (0XX…, 855…, +855…) is stored as E.164.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// professional_social_worker, para_professional, para_social_worker or allied_worker.
    pub category: String,
    /// From when the category applies (default: today).
    pub category_effective_from: Option<String>,
    /// The first posting. Required for an HR officer, in their organisation tree.
    pub posting: Option<postings::NewPostingRequest>,
}

pub struct ValidWorker {
    pub name: PersonName,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub national_id: Option<NationalId>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<EmailAddress>,
    pub category: WorkforceCategory,
    pub category_from: NaiveDate,
}

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub fn validate_identity(
    req: &NewWorkerRequest,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<ValidWorker> {
    let name = PersonName::parse(
        opt(&req.family_name_km),
        opt(&req.given_name_km),
        opt(&req.family_name_latin),
        opt(&req.given_name_latin),
    )
    .map_err(|es| errors.extend(es))
    .ok();
    let sex = req.sex.trim().parse::<Sex>().map_err(|e| errors.push(e)).ok();
    let birth_date = domain::BirthDate::parse("birth_date", &req.birth_date, today)
        .map_err(|e| errors.push(e))
        .ok();
    let national_id = match opt(&req.national_id) {
        Some(raw) => NationalId::parse("national_id", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
        None => Some(None),
    };
    let phone = match opt(&req.phone) {
        Some(raw) => PhoneNumber::parse("phone", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
        None => Some(None),
    };
    let email = match opt(&req.email) {
        Some(raw) => EmailAddress::parse("email", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
        None => Some(None),
    };
    let category = req
        .category
        .trim()
        .parse::<WorkforceCategory>()
        .map_err(|mut e| {
            e.field = "category".to_owned();
            errors.push(e)
        })
        .ok();
    // By default the category applies from the first posting's start, else from today.
    let default_from = req
        .posting
        .as_ref()
        .and_then(|p| domain::parse_date("start_date", &p.start_date).ok())
        .filter(|d| *d <= today)
        .unwrap_or(today);
    let category_from = match opt(&req.category_effective_from) {
        Some(raw) => domain::parse_date("category_effective_from", raw)
            .map_err(|e| errors.push(e))
            .ok(),
        None => Some(default_from),
    };
    Some(ValidWorker {
        name: name?,
        sex: sex?,
        birth_date: birth_date?,
        national_id: national_id?,
        phone: phone?,
        email: email?,
        category: category?,
        category_from: category_from?,
    })
}

/// The existing worker that holds this national ID, if any: a 409 naming them.
pub async fn national_id_conflict<C: ConnectionTrait>(
    db: &C,
    national_id: &str,
    except: Option<Uuid>,
) -> AppResult<Option<AppError>> {
    let mut q = workers::Entity::find().filter(workers::Column::NationalId.eq(national_id));
    if let Some(id) = except {
        q = q.filter(workers::Column::Id.ne(id));
    }
    Ok(q.one(db).await?.map(|existing| {
        AppError::conflict(
            "duplicate_national_id",
            format!(
                "The national ID {national_id} already belongs to worker {} ({}).",
                existing.registry_number,
                super::views::display_name(&existing)
            ),
        )
        .with_field(
            "national_id",
            format!("is already registered to worker {}", existing.registry_number),
        )
    }))
}

/// Takes `count` registry numbers from the counter, inside the caller's transaction.
pub async fn allocate_registry_numbers(tx: &DatabaseTransaction, count: u64) -> AppResult<Vec<domain::RegistryNumber>> {
    let backend = tx.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "UPDATE registry_counters SET next_value = next_value + $1 WHERE name = 'worker' RETURNING next_value"
        }
        _ => "UPDATE registry_counters SET next_value = next_value + ? WHERE name = 'worker' RETURNING next_value",
    };
    let row = tx
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [(count as i64).into()]))
        .await?
        .ok_or_else(|| AppError::internal("the registry counter is missing"))?;
    let next: i64 = row.try_get("", "next_value")?;
    let first = next as u64 - count;
    (first..next as u64)
        .map(|n| domain::RegistryNumber::from_sequence(n).map_err(|e| AppError::internal(e.message)))
        .collect()
}

pub fn new_worker_row(
    id: Uuid,
    number: &domain::RegistryNumber,
    v: &ValidWorker,
    registered_by: Option<Uuid>,
) -> workers::ActiveModel {
    let now = Utc::now();
    workers::ActiveModel {
        id: Set(id),
        registry_number: Set(number.as_str().to_owned()),
        national_id: Set(v.national_id.as_ref().map(|n| n.as_str().to_owned())),
        family_name_km: Set(v.name.family_km.clone()),
        given_name_km: Set(v.name.given_km.clone()),
        family_name_latin: Set(v.name.family_latin.clone()),
        given_name_latin: Set(v.name.given_latin.clone()),
        search_latin: Set(v.name.search_key_latin()),
        search_km: Set(v.name.search_key_km()),
        sex: Set(v.sex.as_str().to_owned()),
        birth_date: Set(v.birth_date),
        phone: Set(v.phone.as_ref().map(|p| p.as_str().to_owned())),
        email: Set(v.email.as_ref().map(|e| e.as_str().to_owned())),
        category: Set(v.category.as_str().to_owned()),
        status: Set(WorkerStatus::Active.as_str().to_owned()),
        registered_by_organization_id: Set(registered_by),
        merged_into: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
}

pub fn first_category_row(worker: Uuid, v: &ValidWorker) -> worker_categories::ActiveModel {
    worker_categories::ActiveModel {
        worker_id: Set(worker),
        category: Set(v.category.as_str().to_owned()),
        effective_from: Set(v.category_from),
        effective_to: Set(None),
        reason: Set(Some("registered".to_owned())),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// The organisation a new record is registered by: the registrar's provider or the HR
/// officer's organisation.
fn registering_organization(user: &CurrentUser, scope: &WorkerScope) -> Option<Uuid> {
    match scope {
        WorkerScope::All => None,
        _ => user.scope_organization_id,
    }
}

pub async fn create(db: &DatabaseConnection, user: &CurrentUser, req: NewWorkerRequest) -> AppResult<CreatedWorker> {
    let scope = WorkerScope::of(db, user, Action::Write).await?;
    if matches!(scope, WorkerScope::Own(_)) {
        return Err(AppError::forbidden("a trainee cannot register workers"));
    }
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    let valid = validate_identity(&req, today, &mut errors);
    let posting = match &req.posting {
        Some(p) => postings::validate_posting(db, p, "posting.", &mut errors).await?,
        None => {
            if matches!(scope, WorkerScope::PostedIn(_)) {
                errors.push(FieldError::new(
                    "posting",
                    "required",
                    "is required: an HR officer registers staff with their posting in their organisation",
                ));
            }
            None
        }
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let valid = valid.ok_or_else(|| AppError::internal("validation passed without a value"))?;
    if let Some(p) = &posting
        && !scope.may_post_to(p.organization_id)
    {
        return Err(AppError::forbidden(
            "you can post staff only to your own organisation and those below it",
        ));
    }
    if let Some(nid) = &valid.national_id
        && let Some(conflict) = national_id_conflict(db, nid.as_str(), None).await?
    {
        return Err(conflict);
    }

    let tx = audit::begin(db).await?;
    let number = allocate_registry_numbers(&tx, 1).await?.remove(0);
    let id = Uuid::now_v7();
    let worker = new_worker_row(id, &number, &valid, registering_organization(user, &scope))
        .insert(&tx)
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::conflict("duplicate_national_id", "This national ID is already registered.")
                    .with_field("national_id", "is already registered")
            }
            _ => e.into(),
        })?;
    first_category_row(id, &valid).insert(&tx).await?;
    let deployment = match posting {
        Some(p) => Some(p.into_row(id).insert(&tx).await?),
        None => None,
    };
    audit::record(
        &tx,
        &user.actor(),
        "worker.created",
        "worker",
        id,
        None::<&()>,
        Some(&worker),
    )
    .await?;
    if let Some(d) = &deployment {
        audit::record(
            &tx,
            &user.actor(),
            "deployment.created",
            "deployment",
            d.id,
            None::<&()>,
            Some(d),
        )
        .await?;
    }
    let flags = duplicates::flag_likely_duplicates(&tx, &worker).await?;
    tx.commit().await?;
    Ok(CreatedWorker {
        worker: worker.into(),
        deployment: deployment.map(Deployment::from),
        possible_duplicates: duplicates::candidates_for(db, flags).await?,
    })
}

/// A worker the user may see, or 404.
pub async fn find_visible(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    action: Action,
) -> AppResult<workers::Model> {
    let scope = WorkerScope::of(db, user, action).await?;
    let today = Utc::now().date_naive();
    workers::Entity::find_by_id(id)
        .filter(scope.condition(today))
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))
}

pub async fn profile(db: &DatabaseConnection, user: &CurrentUser, id: Uuid) -> AppResult<WorkerProfile> {
    let worker = find_visible(db, user, id, Action::Read).await?;
    let ids = duplicates::record_ids(db, worker.id).await?;
    let categories = worker_categories::Entity::find()
        .filter(worker_categories::Column::WorkerId.eq(worker.id))
        .order_by_asc(worker_categories::Column::EffectiveFrom)
        .all(db)
        .await?;
    let deployments = deployments::Entity::find()
        .filter(deployments::Column::WorkerId.is_in(ids))
        .order_by_desc(deployments::Column::StartDate)
        .all(db)
        .await?;
    Ok(WorkerProfile {
        possible_duplicates: duplicates::open_candidates(db, worker.id).await?,
        worker: worker.into(),
        categories: categories.into_iter().map(CategorySpan::from).collect(),
        deployments: deployments.into_iter().map(Deployment::from).collect(),
    })
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WorkerSearch {
    /// Part of a name, in Khmer or Latin script (Latin: case and accents ignored).
    pub q: Option<String>,
    pub national_id: Option<String>,
    pub registry_number: Option<String>,
    pub category: Option<String>,
    pub status: Option<String>,
    /// Workers with a posting open today in this organisation.
    pub organization_id: Option<Uuid>,
    /// Workers posted today in this administrative unit or below it (a province finds its
    /// districts' and communes' staff).
    pub admin_unit: Option<String>,
    /// Include records merged into another (default: no).
    pub include_merged: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

fn posted_today(today: NaiveDate, extra: Condition) -> Condition {
    Condition::all().add(
        workers::Column::Id.in_subquery(
            sea_orm::sea_query::Query::select()
                .column(deployments::Column::WorkerId)
                .from(deployments::Entity)
                .cond_where(
                    Condition::all()
                        .add(deployments::Column::StartDate.lte(today))
                        .add(
                            Condition::any()
                                .add(deployments::Column::EndDate.is_null())
                                .add(deployments::Column::EndDate.gte(today)),
                        )
                        .add(extra),
                )
                .to_owned(),
        ),
    )
}

/// Search within the user's scope, ordered by registry number (keyset pagination).
pub async fn search(
    db: &DatabaseConnection,
    user: &CurrentUser,
    s: &WorkerSearch,
) -> AppResult<(Vec<workers::Model>, Option<String>)> {
    let scope = WorkerScope::of(db, user, Action::Read).await?;
    let today = Utc::now().date_naive();
    let page = crate::pagination::PageParams {
        limit: s.limit,
        cursor: s.cursor.clone(),
    };
    let limit = page.limit()?;
    let mut cond = scope.condition(today);
    if s.include_merged != Some(true) {
        cond = cond.add(workers::Column::MergedInto.is_null());
    }
    if let Some(q) = opt(&s.q) {
        if let Ok(number) = domain::RegistryNumber::parse("q", q) {
            cond = cond.add(workers::Column::RegistryNumber.eq(number.as_str()));
        } else if domain::is_khmer(q) {
            cond = cond.add(workers::Column::SearchKm.contains(domain::fold_khmer(q)));
        } else if q.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') {
            let digits: String = q.chars().filter(char::is_ascii_digit).collect();
            cond = cond.add(workers::Column::NationalId.starts_with(digits));
        } else {
            cond = cond.add(workers::Column::SearchLatin.contains(domain::fold_latin(q)));
        }
    }
    if let Some(nid) = opt(&s.national_id) {
        cond = cond.add(workers::Column::NationalId.eq(NationalId::parse("national_id", nid)?.as_str()));
    }
    if let Some(rn) = opt(&s.registry_number) {
        cond = cond
            .add(workers::Column::RegistryNumber.eq(domain::RegistryNumber::parse("registry_number", rn)?.as_str()));
    }
    if let Some(c) = opt(&s.category) {
        cond = cond.add(workers::Column::Category.eq(c.parse::<WorkforceCategory>()?.as_str()));
    }
    if let Some(st) = opt(&s.status) {
        cond = cond.add(workers::Column::Status.eq(st.parse::<WorkerStatus>()?.as_str()));
    }
    if let Some(org) = s.organization_id {
        cond = cond.add(posted_today(
            today,
            Condition::all().add(deployments::Column::OrganizationId.eq(org)),
        ));
    }
    if let Some(unit) = opt(&s.admin_unit) {
        if !(unit.len() <= 6 && unit.len() % 2 == 0 && unit.chars().all(|c| c.is_ascii_digit())) {
            return Err(AppError::invalid([FieldError::new(
                "admin_unit",
                "format",
                "must be a gazetteer code: 2 digits for a province, 4 for a district, 6 for a commune",
            )]));
        }
        cond = cond.add(posted_today(
            today,
            Condition::all().add(deployments::Column::DutyStationCode.starts_with(unit)),
        ));
    }
    if let Some(after) = page.after()? {
        cond = cond.add(workers::Column::RegistryNumber.gt(after));
    }
    let mut rows = workers::Entity::find()
        .filter(cond)
        .order_by_asc(workers::Column::RegistryNumber)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last()
            .map(|w| crate::pagination::encode_cursor(&w.registry_number))
    } else {
        None
    };
    Ok((rows, next))
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkerChanges {
    /// The version you read; a stale one gets 409.
    pub version: i32,
    pub family_name_km: Option<String>,
    pub given_name_km: Option<String>,
    pub family_name_latin: Option<String>,
    pub given_name_latin: Option<String>,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    /// An empty string removes it.
    pub national_id: Option<String>,
    /// An empty string removes it.
    pub phone: Option<String>,
    /// An empty string removes it.
    pub email: Option<String>,
    /// active, inactive, left_workforce or deceased (records are never deleted).
    pub status: Option<String>,
}

impl WorkerChanges {
    fn only_contact_details(&self) -> bool {
        self.family_name_km.is_none()
            && self.given_name_km.is_none()
            && self.family_name_latin.is_none()
            && self.given_name_latin.is_none()
            && self.sex.is_none()
            && self.birth_date.is_none()
            && self.national_id.is_none()
            && self.status.is_none()
    }
}

fn pick(change: &Option<String>, current: &Option<String>) -> Option<String> {
    match change {
        Some(v) => Some(v.clone()),
        None => current.clone(),
    }
}

pub async fn update(db: &DatabaseConnection, user: &CurrentUser, id: Uuid, ch: WorkerChanges) -> AppResult<Worker> {
    let current = find_visible(db, user, id, Action::Write).await?;
    if user.role == domain::Role::Trainee && !ch.only_contact_details() {
        return Err(AppError::forbidden(
            "a trainee may change only their own phone and email",
        ));
    }
    let today = Utc::now().date_naive();
    let merged = NewWorkerRequest {
        family_name_km: pick(&ch.family_name_km, &current.family_name_km),
        given_name_km: pick(&ch.given_name_km, &current.given_name_km),
        family_name_latin: pick(&ch.family_name_latin, &current.family_name_latin),
        given_name_latin: pick(&ch.given_name_latin, &current.given_name_latin),
        sex: ch.sex.clone().unwrap_or_else(|| current.sex.clone()),
        birth_date: ch.birth_date.clone().unwrap_or_else(|| current.birth_date.to_string()),
        national_id: pick(&ch.national_id, &current.national_id),
        phone: pick(&ch.phone, &current.phone),
        email: pick(&ch.email, &current.email),
        category: current.category.clone(),
        category_effective_from: None,
        posting: None,
    };
    let mut errors = Vec::new();
    // A birth date that was plausible when recorded stays acceptable when it is unchanged.
    let valid = validate_identity(&merged, today, &mut errors);
    let status = match &ch.status {
        Some(s) => s.parse::<WorkerStatus>().map_err(|e| errors.push(e)).ok(),
        None => current.status.parse::<WorkerStatus>().ok(),
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let (valid, status) = match (valid, status) {
        (Some(v), Some(s)) => (v, s),
        _ => return Err(AppError::internal("validation passed without a value")),
    };
    if let Some(nid) = &valid.national_id
        && let Some(conflict) = national_id_conflict(db, nid.as_str(), Some(id)).await?
    {
        return Err(conflict);
    }
    let tx = audit::begin(db).await?;
    let fresh = workers::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    if fresh.version != ch.version {
        return Err(AppError::stale_version(fresh.version));
    }
    let mut active = fresh.clone().into_active_model();
    active.family_name_km = Set(valid.name.family_km.clone());
    active.given_name_km = Set(valid.name.given_km.clone());
    active.family_name_latin = Set(valid.name.family_latin.clone());
    active.given_name_latin = Set(valid.name.given_latin.clone());
    active.search_latin = Set(valid.name.search_key_latin());
    active.search_km = Set(valid.name.search_key_km());
    active.sex = Set(valid.sex.as_str().to_owned());
    active.birth_date = Set(valid.birth_date);
    active.national_id = Set(valid.national_id.as_ref().map(|n| n.as_str().to_owned()));
    active.phone = Set(valid.phone.as_ref().map(|p| p.as_str().to_owned()));
    active.email = Set(valid.email.as_ref().map(|e| e.as_str().to_owned()));
    active.status = Set(status.as_str().to_owned());
    active.updated_at = Set(Utc::now());
    active.version = Set(fresh.version + 1);
    let updated = active.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "worker.updated",
        "worker",
        id,
        Some(&fresh),
        Some(&updated),
    )
    .await?;
    tx.commit().await?;
    Ok(updated.into())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryChange {
    pub category: String,
    /// From when the new category applies (YYYY-MM-DD).
    pub effective_from: String,
    pub reason: Option<String>,
    /// The worker's version you read.
    pub version: i32,
}

/// A new category from a date: the history keeps the old one, closed the day before.
pub async fn change_category(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    req: CategoryChange,
) -> AppResult<Vec<CategorySpan>> {
    let worker = find_visible(db, user, id, Action::Write).await?;
    if user.role == domain::Role::Trainee {
        return Err(AppError::forbidden("a trainee cannot change their workforce category"));
    }
    let mut errors = Vec::new();
    let category = req
        .category
        .parse::<WorkforceCategory>()
        .map_err(|mut e| {
            e.field = "category".to_owned();
            errors.push(e)
        })
        .ok();
    let from = domain::parse_date("effective_from", &req.effective_from)
        .map_err(|e| errors.push(e))
        .ok();
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let (category, from) = (category.expect("validated"), from.expect("validated"));
    let tx = audit::begin(db).await?;
    let fresh = workers::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    if fresh.version != req.version {
        return Err(AppError::stale_version(fresh.version));
    }
    let rows = worker_categories::Entity::find()
        .filter(worker_categories::Column::WorkerId.eq(worker.id))
        .order_by_asc(worker_categories::Column::EffectiveFrom)
        .all(&tx)
        .await?;
    let history: Vec<domain::CategorySpan> = rows
        .iter()
        .filter_map(|r| {
            Some(domain::CategorySpan {
                category: r.category.parse().ok()?,
                from: r.effective_from,
                to: r.effective_to,
            })
        })
        .collect();
    let next = domain::change_category(&history, category, from).map_err(AppError::unprocessable_field)?;
    // Close the open span, append the new one.
    if let Some(open) = rows.iter().find(|r| r.effective_to.is_none()) {
        let closed_to = next.iter().find(|s| s.from == open.effective_from).and_then(|s| s.to);
        let mut a = open.clone().into_active_model();
        a.effective_to = Set(closed_to);
        a.update(&tx).await?;
    }
    worker_categories::ActiveModel {
        worker_id: Set(worker.id),
        category: Set(category.as_str().to_owned()),
        effective_from: Set(from),
        effective_to: Set(None),
        reason: Set(req.reason.clone()),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let mut w = fresh.clone().into_active_model();
    w.category = Set(category.as_str().to_owned());
    w.updated_at = Set(Utc::now());
    w.version = Set(fresh.version + 1);
    let updated = w.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "worker.category_changed",
        "worker",
        id,
        Some(&fresh),
        Some(&updated),
    )
    .await?;
    tx.commit().await?;
    let rows = worker_categories::Entity::find()
        .filter(worker_categories::Column::WorkerId.eq(worker.id))
        .order_by_asc(worker_categories::Column::EffectiveFrom)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(CategorySpan::from).collect())
}
