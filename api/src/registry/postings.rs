//! Postings (deployments): where a worker serves, for which organisation, from when to when.

use chrono::{NaiveDate, Utc};
use domain::{Action, EmploymentType, FieldError, Period};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{scope::WorkerScope, views::Deployment, workers::find_visible};
use crate::{
    audit,
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{admin_units, deployments, organizations},
};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPostingRequest {
    pub organization_id: Uuid,
    /// The gazetteer code of the duty station: a province (2 digits), district (4) or commune (6), or KH.
    pub duty_station_code: String,
    pub position_title: Option<String>,
    /// A child-protection focal point (e.g. of a CCWC). Default: no.
    pub is_focal_point: Option<bool>,
    /// civil_servant, contract or volunteer.
    pub employment_type: String,
    /// The worker's main posting (default: yes). Primary postings may not overlap.
    pub is_primary: Option<bool>,
    /// YYYY-MM-DD.
    pub start_date: String,
    /// The last day, when known.
    pub end_date: Option<String>,
}

pub struct ValidPosting {
    pub organization_id: Uuid,
    pub duty_station_code: String,
    pub position_title: Option<String>,
    pub is_focal_point: bool,
    pub employment_type: EmploymentType,
    pub is_primary: bool,
    pub period: Period,
}

impl ValidPosting {
    pub fn into_row(self, worker: Uuid) -> deployments::ActiveModel {
        let now = Utc::now();
        deployments::ActiveModel {
            id: Set(Uuid::now_v7()),
            worker_id: Set(worker),
            organization_id: Set(self.organization_id),
            duty_station_code: Set(self.duty_station_code),
            position_title: Set(self.position_title),
            is_focal_point: Set(self.is_focal_point),
            employment_type: Set(self.employment_type.as_str().to_owned()),
            is_primary: Set(self.is_primary),
            start_date: Set(self.period.start),
            end_date: Set(self.period.end),
            end_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
    }
}

/// Checks a posting's fields and that its organisation and duty station exist; field names are
/// prefixed (e.g. "posting.").
pub async fn validate_posting<C: ConnectionTrait>(
    db: &C,
    req: &NewPostingRequest,
    prefix: &str,
    errors: &mut Vec<FieldError>,
) -> AppResult<Option<ValidPosting>> {
    let before = errors.len();
    let field = |name: &str| format!("{prefix}{name}");
    let mut push = |mut e: FieldError| {
        e.field = format!("{prefix}{}", e.field);
        errors.push(e);
    };
    let employment_type = req.employment_type.parse::<EmploymentType>().map_err(&mut push).ok();
    let start = domain::parse_date("start_date", &req.start_date)
        .map_err(&mut push)
        .ok();
    let end = match req.end_date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => domain::parse_date("end_date", raw).map_err(&mut push).ok().map(Some),
        None => Some(None),
    };
    let period = match (start, end) {
        (Some(s), Some(e)) => Period::new(s, e).map_err(&mut push).ok(),
        _ => None,
    };
    let position_title = match req.position_title.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => domain::required_text("position_title", t, 200).map_err(&mut push).ok(),
        None => None,
    };
    if organizations::Entity::find_by_id(req.organization_id)
        .one(db)
        .await?
        .is_none()
    {
        errors.push(FieldError::new(
            field("organization_id"),
            "exists",
            "must be an existing organisation",
        ));
    }
    let code = req.duty_station_code.trim().to_owned();
    if admin_units::Entity::find_by_id(code.clone()).one(db).await?.is_none() {
        errors.push(FieldError::new(
            field("duty_station_code"),
            "exists",
            "must be a code of the 2025 gazetteer (province 2 digits, district 4, commune 6)",
        ));
    }
    if errors.len() > before {
        return Ok(None);
    }
    Ok(Some(ValidPosting {
        organization_id: req.organization_id,
        duty_station_code: code,
        position_title,
        is_focal_point: req.is_focal_point.unwrap_or(false),
        employment_type: employment_type.expect("validated"),
        is_primary: req.is_primary.unwrap_or(true),
        period: period.expect("validated"),
    }))
}

/// Refuses a primary posting that overlaps another primary posting of the worker, naming it.
async fn check_overlap<C: ConnectionTrait>(
    db: &C,
    worker: Uuid,
    new: &ValidPosting,
    except: Option<Uuid>,
) -> AppResult<()> {
    if !new.is_primary {
        return Ok(());
    }
    let existing = deployments::Entity::find()
        .filter(deployments::Column::WorkerId.eq(worker))
        .filter(deployments::Column::IsPrimary.eq(true))
        .all(db)
        .await?;
    let periods: Vec<(deployments::Model, Period)> = existing
        .into_iter()
        .filter(|d| Some(d.id) != except)
        .filter_map(|d| Period::new(d.start_date, d.end_date).ok().map(|p| (d, p)))
        .collect();
    if let Some((d, _)) = domain::find_overlap(&periods, new.period) {
        let until = d.end_date.map(|e| e.to_string()).unwrap_or_else(|| "now".to_owned());
        return Err(AppError::unprocessable(
            "overlapping_posting",
            format!(
                "This primary posting overlaps the primary posting {} ({} to {}). End that one first, or record a transfer.",
                d.id, d.start_date, until
            ),
        )
        .with_field("start_date", format!("overlaps the primary posting {} that starts {}", d.id, d.start_date)));
    }
    Ok(())
}

fn scope_for_post(scope: &WorkerScope, org: Uuid) -> AppResult<()> {
    if scope.may_post_to(org) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "you can post staff only to your own organisation and those below it",
        ))
    }
}

pub async fn list(db: &DatabaseConnection, user: &CurrentUser, worker: Uuid) -> AppResult<Vec<Deployment>> {
    let w = find_visible(db, user, worker, Action::Read).await?;
    let ids = super::duplicates::record_ids(db, w.id).await?;
    let rows = deployments::Entity::find()
        .filter(deployments::Column::WorkerId.is_in(ids))
        .order_by_desc(deployments::Column::StartDate)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Deployment::from).collect())
}

pub async fn add(
    db: &DatabaseConnection,
    user: &CurrentUser,
    worker: Uuid,
    req: NewPostingRequest,
) -> AppResult<Deployment> {
    let w = find_visible(db, user, worker, Action::Write).await?;
    let scope = WorkerScope::of(db, user, Action::Write).await?;
    let mut errors = Vec::new();
    let Some(valid) = validate_posting(db, &req, "", &mut errors).await? else {
        return Err(AppError::invalid(errors));
    };
    scope_for_post(&scope, valid.organization_id)?;
    let tx = audit::begin(db).await?;
    check_overlap(&tx, w.id, &valid, None).await?;
    let d = valid.into_row(w.id).insert(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "deployment.created",
        "deployment",
        d.id,
        None::<&()>,
        Some(&d),
    )
    .await?;
    tx.commit().await?;
    Ok(d.into())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndPosting {
    /// The last day of the posting (YYYY-MM-DD).
    pub end_date: String,
    pub reason: Option<String>,
    /// The posting's version you read.
    pub version: i32,
}

async fn end_in_tx(
    tx: &sea_orm::DatabaseTransaction,
    user: &CurrentUser,
    d: deployments::Model,
    end: NaiveDate,
    reason: Option<String>,
) -> AppResult<deployments::Model> {
    if let Some(current_end) = d.end_date
        && current_end < end
    {
        return Err(AppError::unprocessable_field(FieldError::new(
            "end_date",
            "already_ended",
            format!("cannot move the end of a posting that already ended on {current_end}"),
        )));
    }
    Period::new(d.start_date, Some(end)).map_err(AppError::unprocessable_field)?;
    let mut a = d.clone().into_active_model();
    a.end_date = Set(Some(end));
    a.end_reason = Set(reason);
    a.updated_at = Set(Utc::now());
    a.version = Set(d.version + 1);
    let updated = a.update(tx).await?;
    audit::record(
        tx,
        &user.actor(),
        "deployment.ended",
        "deployment",
        d.id,
        Some(&d),
        Some(&updated),
    )
    .await?;
    Ok(updated)
}

pub async fn end(db: &DatabaseConnection, user: &CurrentUser, id: Uuid, req: EndPosting) -> AppResult<Deployment> {
    let d = deployments::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("posting"))?;
    find_visible(db, user, d.worker_id, Action::Write)
        .await
        .map_err(|_| AppError::not_found("posting"))?;
    let end = domain::parse_date("end_date", &req.end_date)?;
    let tx = audit::begin(db).await?;
    let fresh = deployments::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("posting"))?;
    if fresh.version != req.version {
        return Err(AppError::stale_version(fresh.version));
    }
    let updated = end_in_tx(&tx, user, fresh, end, req.reason).await?;
    tx.commit().await?;
    Ok(updated.into())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// The last day at the current primary posting (YYYY-MM-DD).
    pub end_date: String,
    pub reason: Option<String>,
    /// The new posting; it starts after `end_date`.
    pub new_posting: NewPostingRequest,
}

#[derive(Debug, serde::Serialize, ToSchema)]
pub struct Transfer {
    pub ended: Deployment,
    pub started: Deployment,
}

/// Ends the current primary posting and starts the next, in one step.
pub async fn transfer(
    db: &DatabaseConnection,
    user: &CurrentUser,
    worker: Uuid,
    req: TransferRequest,
) -> AppResult<Transfer> {
    let w = find_visible(db, user, worker, Action::Write).await?;
    let scope = WorkerScope::of(db, user, Action::Write).await?;
    let mut errors = Vec::new();
    let end = domain::parse_date("end_date", &req.end_date)
        .map_err(|e| errors.push(e))
        .ok();
    let valid = validate_posting(db, &req.new_posting, "new_posting.", &mut errors).await?;
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let (end, valid) = (end.expect("validated"), valid.expect("validated"));
    scope_for_post(&scope, valid.organization_id)?;
    let tx = audit::begin(db).await?;
    let today = Utc::now().date_naive();
    let current = deployments::Entity::find()
        .filter(deployments::Column::WorkerId.eq(w.id))
        .filter(deployments::Column::IsPrimary.eq(true))
        .all(&tx)
        .await?
        .into_iter()
        .find(|d| d.end_date.is_none_or(|e| e >= today))
        .ok_or_else(|| {
            AppError::unprocessable(
                "no_current_posting",
                "This worker has no current primary posting to transfer from.",
            )
        })?;
    let ended = end_in_tx(&tx, user, current, end, req.reason.or(Some("transfer".to_owned()))).await?;
    check_overlap(&tx, w.id, &valid, None).await?;
    let started = valid.into_row(w.id).insert(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "deployment.created",
        "deployment",
        started.id,
        None::<&()>,
        Some(&started),
    )
    .await?;
    tx.commit().await?;
    Ok(Transfer {
        ended: ended.into(),
        started: started.into(),
    })
}
