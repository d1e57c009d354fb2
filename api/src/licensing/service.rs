//! Licensing use cases over `domain::licensing`: licence types, applications (prerequisites
//! checked against the worker's certificates), decisions as state-machine events with their
//! timeline, CPD, the expiry and reminder job, employer alerts, the public register and the
//! roster check.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Utc};
use domain::licensing::{
    self as rules, CpdActivity, HeldCertificate, LicenceAction, LicenceEvent, LicenceState, LicenceStatus,
    LicenceTypeCode, LicenceTypeRules,
};
use domain::{Access, Action, Resource, Role};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    audit::{self, Actor},
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{
        certificates as certs, cpd_activities, deployments, licence_counters, licence_events, licence_types, licences,
        notices, organizations, users, workers,
    },
};

/// Today in Cambodia (UTC+7).
pub fn today() -> NaiveDate {
    crate::certificates::issue::cambodia_today()
}

// ----- licence types ------------------------------------------------------------------------

/// A licence type as the API shows and takes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceType {
    pub code: String,
    pub title_km: String,
    pub title_en: String,
    /// The workforce category it is for.
    pub category: String,
    /// cqf-1 … cqf-8 or allied: a valid certificate of this level (or above) is required.
    pub required_level: String,
    pub validity_months: u32,
    pub cpd_hours_per_cycle: u32,
    pub grace_days: u32,
}

impl From<&licence_types::Model> for LicenceType {
    fn from(t: &licence_types::Model) -> Self {
        LicenceType {
            code: t.code.clone(),
            title_km: t.title_km.clone(),
            title_en: t.title_en.clone(),
            category: t.category.clone(),
            required_level: t.required_level.clone(),
            validity_months: t.validity_months.max(0) as u32,
            cpd_hours_per_cycle: t.cpd_hours_per_cycle.max(0) as u32,
            grace_days: t.grace_days.max(0) as u32,
        }
    }
}

pub fn rules_of(t: &licence_types::Model) -> AppResult<LicenceTypeRules> {
    Ok(LicenceTypeRules {
        code: LicenceTypeCode::parse("code", &t.code)?,
        title_km: t.title_km.clone(),
        title_en: t.title_en.clone(),
        category: t.category.parse().map_err(AppError::internal)?,
        required_level: t.required_level.parse().map_err(AppError::internal)?,
        validity_months: t.validity_months.max(0) as u32,
        cpd_hours_per_cycle: t.cpd_hours_per_cycle.max(0) as u32,
        grace_days: t.grace_days.max(0) as u32,
    })
}

pub async fn list_types<C: ConnectionTrait>(db: &C) -> AppResult<Vec<licence_types::Model>> {
    Ok(licence_types::Entity::find()
        .order_by_asc(licence_types::Column::Code)
        .all(db)
        .await?)
}

/// Creates or replaces a licence type (administrators); existing licences keep their type's code.
pub async fn save_type(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: LicenceType,
) -> AppResult<licence_types::Model> {
    if user.role != Role::Admin {
        return Err(AppError::forbidden("licence types are set by an administrator"));
    }
    let mut errors = Vec::new();
    let code = LicenceTypeCode::parse("code", &input.code)
        .map_err(|e| errors.push(e))
        .ok();
    let category = input
        .category
        .parse::<domain::WorkforceCategory>()
        .map_err(|e| errors.push(e))
        .ok();
    let level = input
        .required_level
        .parse::<domain::QualificationLevel>()
        .map_err(|e| errors.push(e))
        .ok();
    if let (Some(code), Some(category), Some(level)) = (code.clone(), category, level) {
        let candidate = LicenceTypeRules {
            code,
            title_km: input.title_km.trim().to_owned(),
            title_en: input.title_en.trim().to_owned(),
            category,
            required_level: level,
            validity_months: input.validity_months,
            cpd_hours_per_cycle: input.cpd_hours_per_cycle,
            grace_days: input.grace_days,
        };
        if let Err(mut e) = candidate.validate() {
            errors.append(&mut e);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let code = code.expect("validated").as_str().to_owned();
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    let before = licence_types::Entity::find_by_id(code.clone()).one(&tx).await?;
    let mut row = licence_types::ActiveModel {
        code: Set(code.clone()),
        title_km: Set(input.title_km.trim().to_owned()),
        title_en: Set(input.title_en.trim().to_owned()),
        category: Set(input.category.trim().to_owned()),
        required_level: Set(input.required_level.trim().to_owned()),
        validity_months: Set(input.validity_months as i32),
        cpd_hours_per_cycle: Set(input.cpd_hours_per_cycle as i32),
        grace_days: Set(input.grace_days as i32),
        status: Set("active".to_owned()),
        created_at: Set(before.as_ref().map_or(now, |b| b.created_at)),
        updated_at: Set(now),
        version: Set(before.as_ref().map_or(1, |b| b.version + 1)),
    };
    let after = if before.is_some() {
        row.code = sea_orm::ActiveValue::Unchanged(code.clone());
        row.update(&tx).await?
    } else {
        row.insert(&tx).await?
    };
    audit::record(
        &tx,
        &user.actor(),
        "licence_type.saved",
        "licence_type",
        &code,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

// ----- licences ----------------------------------------------------------------------------

pub fn state_of(l: &licences::Model) -> AppResult<LicenceState> {
    let status = |s: &str| LicenceStatus::parse(s).map_err(AppError::internal);
    Ok(LicenceState {
        status: status(&l.status)?,
        valid_from: l.valid_from,
        cycle_start: l.cycle_start,
        valid_until: l.valid_until,
        conditions: l.conditions.clone(),
        before_suspension: l.before_suspension.as_deref().map(status).transpose()?,
        changed_on: l.changed_on,
    })
}

/// The certificates a worker holds, as the prerequisite rules see them.
pub async fn held_certificates<C: ConnectionTrait>(db: &C, worker: Uuid) -> AppResult<Vec<HeldCertificate>> {
    let mut held = Vec::new();
    for c in certs::Entity::find()
        .filter(certs::Column::WorkerId.eq(worker))
        .all(db)
        .await?
    {
        let status = crate::certificates::verify::status_of(db, &c).await?;
        held.push(HeldCertificate {
            serial: c.serial.clone(),
            level: c.level.parse().map_err(AppError::internal)?,
            issued_on: c.issued_on,
            revoked: matches!(
                status,
                domain::certificate::CertificateStatus::Revoked { .. }
                    | domain::certificate::CertificateStatus::KeyRevoked { .. }
            ),
            superseded: matches!(status, domain::certificate::CertificateStatus::Superseded { .. }),
        });
    }
    Ok(held)
}

/// Who may apply for a worker: the worker (a trainee account), the HR officers of their
/// employer, licensing officers and administrators.
async fn check_may_apply(db: &DatabaseConnection, user: &CurrentUser, worker: Uuid) -> AppResult<workers::Model> {
    match user.role {
        Role::Trainee if user.worker_id == Some(worker) => {}
        Role::Trainee => return Err(AppError::not_found("worker")),
        Role::HrOfficer => {
            crate::registry::workers::find_visible(db, user, worker, Action::Write).await?;
        }
        Role::LicensingOfficer | Role::Admin => {}
        _ => {
            return Err(AppError::forbidden(
                "licences are applied for by the worker or their employer",
            ));
        }
    }
    workers::Entity::find_by_id(worker)
        .one(db)
        .await?
        .filter(|w| w.merged_into.is_none())
        .ok_or_else(|| AppError::not_found("worker"))
}

/// Applies for a licence: refused (422, every problem listed) unless the worker holds a valid
/// certificate of the required level; one open application or licence per type.
pub async fn apply(
    db: &DatabaseConnection,
    user: &CurrentUser,
    worker_id: Uuid,
    type_code: &str,
) -> AppResult<licences::Model> {
    let worker = check_may_apply(db, user, worker_id).await?;
    let code = LicenceTypeCode::parse("licence_type", type_code)?;
    let t = licence_types::Entity::find_by_id(code.as_str())
        .one(db)
        .await?
        .filter(|t| t.status == "active")
        .ok_or_else(|| {
            AppError::invalid(vec![domain::FieldError::new(
                "licence_type",
                "exists",
                "must be the code of a licence type",
            )])
        })?;
    let rules = rules_of(&t)?;
    let held = held_certificates(db, worker.id).await?;
    let met = match rules::licence_prerequisites(&rules, &held, today()) {
        Ok(c) => c.serial.clone(),
        Err(problems) => {
            let mut error = AppError::unprocessable(
                "prerequisites_not_met",
                format!(
                    "The application cannot be made: {}.",
                    problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")
                ),
            );
            for p in &problems {
                error = error.with_field("certificates", p.to_string());
            }
            return Err(error);
        }
    };
    if let Some(open) = licences::Entity::find()
        .filter(licences::Column::WorkerId.eq(worker.id))
        .filter(licences::Column::LicenceTypeCode.eq(code.as_str()))
        .filter(licences::Column::Status.is_not_in(["refused", "revoked"]))
        .one(db)
        .await?
    {
        return Err(AppError::conflict(
            "licence_exists",
            format!(
                "The worker already has this licence or an application for it ({}).",
                open.status
            ),
        ));
    }
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    let licence = licences::ActiveModel {
        id: Set(Uuid::now_v7()),
        worker_id: Set(worker.id),
        licence_type_code: Set(code.as_str().to_owned()),
        number: Set(None),
        status: Set("pending".to_owned()),
        valid_from: Set(None),
        cycle_start: Set(None),
        valid_until: Set(None),
        conditions: Set(None),
        before_suspension: Set(None),
        changed_on: Set(None),
        prerequisite_serial: Set(Some(met.clone())),
        reminders_sent: Set("[]".to_owned()),
        applied_by: Set(user.actor().0),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&tx)
    .await?;
    licence_events::ActiveModel {
        licence_id: Set(licence.id),
        action: Set("apply".to_owned()),
        from_status: Set(String::new()),
        to_status: Set("pending".to_owned()),
        reason: Set(Some(format!("prerequisite met by certificate {met}"))),
        authority: Set(user.display_name.clone()),
        effective_date: Set(today()),
        details: Set("{}".to_owned()),
        recorded_by: Set(user.actor().0),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "licence.applied",
        "licence",
        licence.id,
        None::<&()>,
        Some(&licence),
    )
    .await?;
    tx.commit().await?;
    Ok(licence)
}

/// A decision as the API takes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// grant, grant_with_conditions, refuse, suspend, lift_suspension, renew, reinstate, revoke,
    /// lift_conditions (expire is the scheduled job's).
    pub action: String,
    /// When it takes effect (YYYY-MM-DD); default today.
    pub effective_date: Option<NaiveDate>,
    /// Required to refuse, suspend, revoke and reinstate.
    pub reason: Option<String>,
    /// For grant: the first day of validity (default: the effective date).
    pub valid_from: Option<NaiveDate>,
    /// For grant, renew and reinstate (default: the longest the type allows).
    pub valid_until: Option<NaiveDate>,
    /// For grant_with_conditions (required) and reinstate.
    pub conditions: Option<String>,
}

fn event_from(
    decision: &Decision,
    rules: &LicenceTypeRules,
    state: &LicenceState,
    authority: &str,
) -> AppResult<LicenceEvent> {
    let effective = decision.effective_date.unwrap_or_else(today);
    let from = decision.valid_from.unwrap_or(effective);
    let conditions = decision
        .conditions
        .clone()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let until_for = |start: NaiveDate| decision.valid_until.unwrap_or_else(|| rules.latest_valid_until(start));
    // A renewal runs from the day after the current period.
    let renew_from = state.valid_until.map_or(effective, |u| u.succ_opt().unwrap_or(u));
    let action = match decision.action.trim() {
        "grant" => LicenceAction::Grant {
            valid_from: from,
            valid_until: until_for(from),
        },
        "grant_with_conditions" => LicenceAction::GrantWithConditions {
            valid_from: from,
            valid_until: until_for(from),
            conditions: conditions.clone().unwrap_or_default(),
        },
        "refuse" => LicenceAction::Refuse,
        "suspend" => LicenceAction::Suspend,
        "lift_suspension" => LicenceAction::LiftSuspension,
        "renew" => LicenceAction::Renew {
            valid_until: until_for(renew_from),
        },
        "reinstate" => LicenceAction::Reinstate {
            valid_until: until_for(effective),
            conditions: conditions.clone(),
        },
        "revoke" => LicenceAction::Revoke,
        "lift_conditions" => LicenceAction::LiftConditions,
        "expire" => {
            return Err(AppError::invalid(vec![domain::FieldError::new(
                "action",
                "one_of",
                "expire is done by the scheduled expiry job, not by hand",
            )]));
        }
        _ => {
            return Err(AppError::invalid(vec![domain::FieldError::new(
                "action",
                "one_of",
                "must be one of grant, grant_with_conditions, refuse, suspend, lift_suspension, renew, reinstate, revoke, lift_conditions",
            )]));
        }
    };
    Ok(LicenceEvent {
        action,
        reason: decision
            .reason
            .clone()
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        authority: authority.to_owned(),
        effective_date: effective,
    })
}

fn licence_error(e: rules::LicenceError) -> AppError {
    match e {
        rules::LicenceError::InvalidEvent(errors) => AppError::invalid(errors),
        other => AppError::unprocessable(other.code(), format!("{}.", capitalise(&other.to_string()))),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// The CPD of a worker, as the rules see it.
pub async fn cpd_of<C: ConnectionTrait>(db: &C, worker: Uuid) -> AppResult<Vec<CpdActivity>> {
    Ok(cpd_activities::Entity::find()
        .filter(cpd_activities::Column::WorkerId.eq(worker))
        .all(db)
        .await?
        .into_iter()
        .map(|a| CpdActivity {
            provider: a.provider,
            title: a.title,
            minutes: a.minutes.max(0) as u32,
            date: a.activity_date,
            approved: a.approved,
        })
        .collect())
}

/// Allocates the next licence number of a type and year inside `tx` (serialised by the audit
/// lock, like certificate serials).
async fn next_number(tx: &DatabaseTransaction, code: &LicenceTypeCode, year: i32) -> AppResult<String> {
    let counter = licence_counters::Entity::find_by_id((code.as_str().to_owned(), year))
        .one(tx)
        .await?;
    let n = match counter {
        Some(c) => {
            let n = c.next_value;
            let mut c: licence_counters::ActiveModel = c.into();
            c.next_value = Set(n + 1);
            c.update(tx).await?;
            n
        }
        None => {
            licence_counters::ActiveModel {
                type_code: Set(code.as_str().to_owned()),
                year: Set(year),
                next_value: Set(2),
            }
            .insert(tx)
            .await?;
            1
        }
    };
    Ok(
        rules::LicenceNumber::new(code, year, u32::try_from(n).map_err(AppError::internal)?)?
            .as_str()
            .to_owned(),
    )
}

/// Records a decision on a licence (licensing officers): the state machine decides whether it is
/// legal (a 422 names the current state and the action otherwise); a renewal needs the CPD of the
/// cycle. The event joins the licence's timeline; the holder and their employers are told.
pub async fn decide(
    db: &DatabaseConnection,
    user: &CurrentUser,
    licence_id: Uuid,
    decision: Decision,
    public_url: &str,
) -> AppResult<licences::Model> {
    match user.can(Resource::Licences, Action::Write)? {
        Access::All if matches!(user.role, Role::LicensingOfficer | Role::Admin) => {}
        _ => return Err(AppError::forbidden("licences are decided by the licensing committee")),
    }
    record_event(
        db,
        &user.actor(),
        &user.display_name,
        licence_id,
        |state, rules| event_from(&decision, rules, state, &user.display_name),
        public_url,
    )
    .await
}

/// Applies one event to a licence in its own audited transaction, re-reading the licence inside
/// it (so that two instances, or the job and an officer, never apply on a stale state).
async fn record_event(
    db: &DatabaseConnection,
    actor: &Actor,
    authority: &str,
    licence_id: Uuid,
    make: impl FnOnce(&LicenceState, &LicenceTypeRules) -> AppResult<LicenceEvent>,
    public_url: &str,
) -> AppResult<licences::Model> {
    let tx = audit::begin(db).await?;
    let licence = licences::Entity::find_by_id(licence_id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("licence"))?;
    let t = licence_types::Entity::find_by_id(licence.licence_type_code.clone())
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::internal("a licence of an unknown type"))?;
    let rules = rules_of(&t)?;
    let state = state_of(&licence)?;
    let event = make(&state, &rules)?;
    if let LicenceAction::Renew { .. } = event.action
        && let Some(cycle) = state.cpd_cycle()
    {
        let activities = cpd_of(&tx, licence.worker_id).await?;
        if let Err(shortfall) = rules::renewal_check(&rules, &activities, cycle) {
            return Err(
                AppError::unprocessable(shortfall.code(), format!("{}.", capitalise(&shortfall.to_string())))
                    .with_field("cpd", shortfall.to_string()),
            );
        }
    }
    let next = rules::apply(&state, &event, &rules).map_err(licence_error)?;
    let mut changed: licences::ActiveModel = licence.clone().into();
    if matches!(
        event.action,
        LicenceAction::Grant { .. } | LicenceAction::GrantWithConditions { .. }
    ) && licence.number.is_none()
    {
        let year = next.valid_from.map_or_else(|| today().year(), |d| d.year());
        changed.number = Set(Some(next_number(&tx, &rules.code, year).await?));
    }
    let new_period = next.valid_until != state.valid_until;
    changed.status = Set(next.status.as_str().to_owned());
    changed.valid_from = Set(next.valid_from);
    changed.cycle_start = Set(next.cycle_start);
    changed.valid_until = Set(next.valid_until);
    changed.conditions = Set(next.conditions.clone());
    changed.before_suspension = Set(next.before_suspension.map(|s| s.as_str().to_owned()));
    changed.changed_on = Set(next.changed_on);
    if new_period {
        changed.reminders_sent = Set("[]".to_owned());
    }
    changed.updated_at = Set(Utc::now());
    changed.version = Set(licence.version + 1);
    let after = changed.update(&tx).await?;
    licence_events::ActiveModel {
        licence_id: Set(licence.id),
        action: Set(event.action.code().to_owned()),
        from_status: Set(state.status.as_str().to_owned()),
        to_status: Set(next.status.as_str().to_owned()),
        reason: Set(event.reason.clone()),
        authority: Set(authority.to_owned()),
        effective_date: Set(event.effective_date),
        details: Set(serde_json::to_string(&event).map_err(AppError::internal)?),
        recorded_by: Set(actor.0.clone()),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        actor,
        &format!("licence.{}", event.action.code()),
        "licence",
        licence.id,
        Some(&licence),
        Some(&after),
    )
    .await?;
    tell(&tx, &after, &t, &event, state.status, next.status, public_url).await?;
    tx.commit().await?;
    Ok(after)
}

/// Tells the holder (a licence decision email) and, when the status changed, the HR officers of
/// every organisation the holder is posted to now (an in-app notice and an email).
async fn tell(
    tx: &DatabaseTransaction,
    licence: &licences::Model,
    t: &licence_types::Model,
    event: &LicenceEvent,
    from: LicenceStatus,
    to: LicenceStatus,
    public_url: &str,
) -> AppResult<()> {
    let worker = workers::Entity::find_by_id(licence.worker_id)
        .one(tx)
        .await?
        .ok_or_else(|| AppError::not_found("worker"))?;
    let name = crate::registry::views::display_name(&worker);
    let link = format!("{public_url}/licences/{}", licence.id);
    let ymd = |d: NaiveDate| (d.year(), d.month(), d.day());
    let account = users::Entity::find()
        .filter(users::Column::WorkerId.eq(worker.id))
        .one(tx)
        .await?;
    let recipient = account
        .map(|u| (u.email, u.locale))
        .or_else(|| worker.email.clone().map(|e| (e, "km".to_owned())));
    if let Some((email, locale)) = recipient {
        let message = web::email::EmailMessage::LicenceDecision {
            recipient_name: name.clone(),
            licence_type: if locale == "en" {
                t.title_en.clone()
            } else {
                t.title_km.clone()
            },
            licence_number: licence.number.clone(),
            decision: event.action.decision_code().to_owned(),
            reason: event.reason.clone(),
            valid_until: licence.valid_until.map(ymd),
            link: link.clone(),
        };
        crate::mail::queue(tx, &email, &name, &locale, &message).await?;
    }
    if from == to {
        return Ok(());
    }
    let on = today();
    let postings = deployments::Entity::find()
        .filter(deployments::Column::WorkerId.eq(worker.id))
        .filter(deployments::Column::StartDate.lte(on))
        .all(tx)
        .await?;
    let mut orgs: Vec<Uuid> = postings
        .iter()
        .filter(|d| d.end_date.is_none_or(|end| end >= on))
        .map(|d| d.organization_id)
        .collect();
    orgs.sort();
    orgs.dedup();
    for org in orgs {
        notices::ActiveModel {
            id: Set(Uuid::now_v7()),
            organization_id: Set(org),
            worker_id: Set(worker.id),
            licence_id: Set(licence.id),
            from_status: Set(from.as_str().to_owned()),
            to_status: Set(to.as_str().to_owned()),
            created_at: Set(Utc::now()),
            read_at: Set(None),
        }
        .insert(tx)
        .await?;
        let organization = organizations::Entity::find_by_id(org).one(tx).await?;
        for hr in users::Entity::find()
            .filter(users::Column::Role.eq("hr_officer"))
            .filter(users::Column::ScopeOrganizationId.eq(org))
            .filter(users::Column::Status.eq("active"))
            .all(tx)
            .await?
        {
            let km = hr.locale != "en";
            let label = |s: LicenceStatus| {
                web::licensing::licence_status_label(if km { web::Lang::Km } else { web::Lang::En }, s.as_str())
            };
            let message = web::email::EmailMessage::EmployerAlert {
                recipient_name: hr.display_name.clone(),
                organization: organization
                    .as_ref()
                    .map(|o| match (&o.name_km, km) {
                        (Some(k), true) => k.clone(),
                        _ => o.name_en.clone(),
                    })
                    .unwrap_or_default(),
                worker_name: name.clone(),
                registry_number: worker.registry_number.clone(),
                licence_number: licence.number.clone().unwrap_or_default(),
                old_status: label(from),
                new_status: label(to),
                link: link.clone(),
            };
            crate::mail::queue(tx, &hr.email, &hr.display_name, &hr.locale, &message).await?;
        }
    }
    Ok(())
}

// ----- the scheduled job -------------------------------------------------------------------

/// What a run of the expiry job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExpiryRun {
    pub expired: usize,
    pub reminders: usize,
}

/// Marks licences expired when due and queues the reminders due 60, 30 and 7 days before
/// expiry. Idempotent: each licence is re-read in its own transaction, behind the audit lock, so
/// a second run (or a second instance) finds nothing left to do.
pub async fn run_expiry(db: &DatabaseConnection, on: NaiveDate, public_url: &str) -> AppResult<ExpiryRun> {
    let mut run = ExpiryRun::default();
    let horizon = on + chrono::Duration::days(i64::from(rules::REMINDER_DAYS[0]));
    let candidates = licences::Entity::find()
        .filter(licences::Column::Status.is_in(["active", "conditional"]))
        .filter(licences::Column::ValidUntil.lte(horizon))
        .select_only()
        .column(licences::Column::Id)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    for id in candidates {
        // Expiry first: an expired licence gets no reminder.
        let expired = record_event(
            db,
            &Actor::system(),
            rules::EXPIRY_JOB_AUTHORITY,
            id,
            |state, _| rules::expiry_event(state, on).ok_or_else(|| AppError::conflict("not_due", "not due")),
            public_url,
        )
        .await;
        match expired {
            Ok(_) => {
                run.expired += 1;
                continue;
            }
            Err(e) if e.code == "not_due" || e.code == "illegal_transition" => {}
            Err(e) => return Err(e),
        }
        let tx = audit::begin(db).await?;
        let Some(licence) = licences::Entity::find_by_id(id).one(&tx).await? else {
            continue;
        };
        let (Some(until), true) = (
            licence.valid_until,
            matches!(licence.status.as_str(), "active" | "conditional"),
        ) else {
            continue;
        };
        let sent: Vec<u32> = serde_json::from_str(&licence.reminders_sent).unwrap_or_default();
        let due = rules::due_reminders(until, on, &sent);
        if due.is_empty() {
            continue;
        }
        let worker = workers::Entity::find_by_id(licence.worker_id).one(&tx).await?;
        let t = licence_types::Entity::find_by_id(licence.licence_type_code.clone())
            .one(&tx)
            .await?;
        let account = users::Entity::find()
            .filter(users::Column::WorkerId.eq(licence.worker_id))
            .one(&tx)
            .await?;
        if let (Some(worker), Some(t)) = (worker, t) {
            let recipient = account
                .map(|u| (u.email, u.locale))
                .or_else(|| worker.email.clone().map(|e| (e, "km".to_owned())));
            if let Some((email, locale)) = recipient {
                let name = crate::registry::views::display_name(&worker);
                for days in &due {
                    let message = web::email::EmailMessage::ExpiryReminder {
                        recipient_name: name.clone(),
                        licence_type: if locale == "en" {
                            t.title_en.clone()
                        } else {
                            t.title_km.clone()
                        },
                        licence_number: licence.number.clone().unwrap_or_default(),
                        expires_on: (until.year(), until.month(), until.day()),
                        days_left: (until - on).num_days().max(0) as u32,
                        link: format!("{public_url}/licences/{}", licence.id),
                    };
                    crate::mail::queue(&tx, &email, &name, &locale, &message).await?;
                    let _ = days;
                }
            }
        }
        let mut all = sent.clone();
        all.extend(due.iter().copied());
        let mut changed: licences::ActiveModel = licence.clone().into();
        changed.reminders_sent = Set(serde_json::to_string(&all).map_err(AppError::internal)?);
        let after = changed.update(&tx).await?;
        audit::record(
            &tx,
            &Actor::system(),
            "licence.reminder_queued",
            "licence",
            licence.id,
            Some(&licence),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        run.reminders += due.len();
    }
    Ok(run)
}

/// Runs the expiry job every hour until `stop`.
pub fn spawn_job(
    db: DatabaseConnection,
    public_url: String,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if *stop.borrow() {
                break;
            }
            match run_expiry(&db, today(), &public_url).await {
                Ok(run) if run.expired + run.reminders > 0 => {
                    tracing::info!(expired = run.expired, reminders = run.reminders, "licence expiry job")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e.message, "licence expiry job"),
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {}
                _ = stop.changed() => {}
            }
        }
    })
}

// ----- CPD -----------------------------------------------------------------------------------

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCpd {
    pub provider: String,
    pub title: String,
    /// Minutes of activity (an hour is 60).
    pub minutes: u32,
    pub date: NaiveDate,
}

/// Records a CPD activity: by the worker, their HR officer, or a licensing officer (whose
/// records are approved at once; others await a licensing officer's approval).
pub async fn add_cpd(
    db: &DatabaseConnection,
    user: &CurrentUser,
    worker: Uuid,
    input: NewCpd,
) -> AppResult<cpd_activities::Model> {
    check_may_apply(db, user, worker).await?;
    let approved = matches!(user.role, Role::LicensingOfficer | Role::Admin);
    let activity = CpdActivity {
        provider: input.provider.trim().to_owned(),
        title: input.title.trim().to_owned(),
        minutes: input.minutes,
        date: input.date,
        approved,
    };
    activity.validate(today()).map_err(AppError::invalid)?;
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    let row = cpd_activities::ActiveModel {
        id: Set(Uuid::now_v7()),
        worker_id: Set(worker),
        provider: Set(activity.provider),
        title: Set(activity.title),
        minutes: Set(activity.minutes as i32),
        activity_date: Set(activity.date),
        approved: Set(approved),
        approved_by: Set(approved.then(|| user.actor().0)),
        approved_at: Set(approved.then_some(now)),
        recorded_by: Set(user.actor().0),
        created_at: Set(now),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "cpd.recorded",
        "cpd_activity",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// Approves a CPD activity (licensing officers).
pub async fn approve_cpd(db: &DatabaseConnection, user: &CurrentUser, id: Uuid) -> AppResult<cpd_activities::Model> {
    if !matches!(user.role, Role::LicensingOfficer | Role::Admin) {
        return Err(AppError::forbidden("CPD is approved by a licensing officer"));
    }
    let tx = audit::begin(db).await?;
    let before = cpd_activities::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("CPD activity"))?;
    let mut row: cpd_activities::ActiveModel = before.clone().into();
    row.approved = Set(true);
    row.approved_by = Set(Some(user.actor().0));
    row.approved_at = Set(Some(Utc::now()));
    let after = row.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "cpd.approved",
        "cpd_activity",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

// ----- reading -----------------------------------------------------------------------------

/// A licence the user may see: licensing officers, administrators and HR officers any (HR
/// check licences before deploying people); a trainee their own.
pub async fn find_visible(db: &DatabaseConnection, user: &CurrentUser, id: Uuid) -> AppResult<licences::Model> {
    let access = user.can(Resource::Licences, Action::Read)?;
    let l = licences::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("licence"))?;
    match access {
        Access::All => Ok(l),
        Access::OwnRecord if user.worker_id == Some(l.worker_id) => Ok(l),
        _ => Err(AppError::not_found("licence")),
    }
}

pub async fn events_of<C: ConnectionTrait>(db: &C, licence: Uuid) -> AppResult<Vec<licence_events::Model>> {
    Ok(licence_events::Entity::find()
        .filter(licence_events::Column::LicenceId.eq(licence))
        .order_by_asc(licence_events::Column::Id)
        .all(db)
        .await?)
}

/// A public register entry: the name in both scripts, licence type, number, status, valid until
/// — and nothing else.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterEntry {
    pub name_km: String,
    pub name_latin: String,
    pub licence_type_km: String,
    pub licence_type_en: String,
    pub number: String,
    pub status: String,
    pub valid_until: Option<NaiveDate>,
}

/// Searches the public register by name (either script) or licence number.
pub async fn register(db: &DatabaseConnection, q: &str) -> AppResult<Vec<RegisterEntry>> {
    let q = q.trim();
    if q.chars().count() < 2 {
        return Err(AppError::invalid(vec![domain::FieldError::new(
            "q",
            "too_short",
            "must be at least 2 characters: a name or a licence number",
        )]));
    }
    let mut found: Vec<licences::Model> = Vec::new();
    if let Ok(number) = rules::LicenceNumber::parse("q", q) {
        found.extend(
            licences::Entity::find()
                .filter(licences::Column::Number.eq(number.as_str()))
                .all(db)
                .await?,
        );
    } else {
        let latin = domain::fold_latin(q);
        let km = domain::fold_khmer(q);
        let mut cond = sea_orm::Condition::any();
        if !latin.trim().is_empty() {
            cond = cond.add(workers::Column::SearchLatin.contains(latin.trim()));
        }
        if !km.trim().is_empty() && domain::is_khmer(q) {
            cond = cond.add(workers::Column::SearchKm.contains(km.trim()));
        }
        let ws: Vec<Uuid> = workers::Entity::find()
            .filter(cond)
            .filter(workers::Column::MergedInto.is_null())
            .limit(200)
            .all(db)
            .await?
            .into_iter()
            .map(|w| w.id)
            .collect();
        found.extend(
            licences::Entity::find()
                .filter(licences::Column::WorkerId.is_in(ws))
                .all(db)
                .await?,
        );
    }
    found.retain(|l| l.number.is_some() && !matches!(l.status.as_str(), "pending" | "refused"));
    found.truncate(50);
    let types: HashMap<String, licence_types::Model> =
        list_types(db).await?.into_iter().map(|t| (t.code.clone(), t)).collect();
    let mut out = Vec::new();
    for l in found {
        let Some(w) = workers::Entity::find_by_id(l.worker_id).one(db).await? else {
            continue;
        };
        let t = types.get(&l.licence_type_code);
        let join = |a: &Option<String>, b: &Option<String>| {
            [a.as_deref(), b.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.push(RegisterEntry {
            name_km: join(&w.family_name_km, &w.given_name_km),
            name_latin: join(&w.family_name_latin, &w.given_name_latin),
            licence_type_km: t.map(|t| t.title_km.clone()).unwrap_or_default(),
            licence_type_en: t.map(|t| t.title_en.clone()).unwrap_or_default(),
            number: l.number.clone().unwrap_or_default(),
            status: l.status.clone(),
            valid_until: l.valid_until,
        });
    }
    out.sort_by(|a, b| (&a.name_latin, &a.number).cmp(&(&b.name_latin, &b.number)));
    Ok(out)
}

/// One line of a roster check.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterRow {
    pub line: usize,
    /// As typed.
    pub identifier: String,
    /// registry_number, national_id or licence_number (when it reads as one).
    pub kind: Option<String>,
    /// found, not_found or invalid.
    pub outcome: String,
    pub message: Option<String>,
    pub worker_name: Option<String>,
    pub registry_number: Option<String>,
    pub licence_number: Option<String>,
    pub licence_type: Option<String>,
    pub licence_status: Option<String>,
    pub valid_until: Option<NaiveDate>,
    /// Serials of the valid certificates held.
    pub certificates: Vec<String>,
}

/// Checks a pasted or uploaded list of registry numbers, national IDs or licence numbers.
pub async fn roster(db: &DatabaseConnection, user: &CurrentUser, text: &str) -> AppResult<Vec<RosterRow>> {
    user.can(Resource::Licences, Action::Read)?;
    if user.role == Role::Trainee {
        return Err(AppError::forbidden("the roster check is for employers"));
    }
    let lines = rules::parse_roster(text)?;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut row = RosterRow {
            line: line.line,
            identifier: line.raw.clone(),
            kind: None,
            outcome: "not_found".into(),
            message: None,
            worker_name: None,
            registry_number: None,
            licence_number: None,
            licence_type: None,
            licence_status: None,
            valid_until: None,
            certificates: Vec::new(),
        };
        let parsed = match line.parsed {
            Ok(p) => p,
            Err(e) => {
                row.outcome = "invalid".into();
                row.message = Some(e.message);
                out.push(row);
                continue;
            }
        };
        row.kind = Some(parsed.kind().to_owned());
        let (worker, licence) = match &parsed {
            rules::RosterIdentifier::RegistryNumber(n) => (
                workers::Entity::find()
                    .filter(workers::Column::RegistryNumber.eq(n.to_string()))
                    .one(db)
                    .await?,
                None,
            ),
            rules::RosterIdentifier::NationalId(n) => (
                workers::Entity::find()
                    .filter(workers::Column::NationalId.eq(n.to_string()))
                    .filter(workers::Column::MergedInto.is_null())
                    .one(db)
                    .await?,
                None,
            ),
            rules::RosterIdentifier::LicenceNumber(n) => {
                let l = licences::Entity::find()
                    .filter(licences::Column::Number.eq(n.as_str()))
                    .one(db)
                    .await?;
                let w = match &l {
                    Some(l) => workers::Entity::find_by_id(l.worker_id).one(db).await?,
                    None => None,
                };
                (w, l)
            }
        };
        let Some(worker) = worker else {
            row.message = Some(format!(
                "no worker of the registry has this {}",
                parsed.kind().replace('_', " ")
            ));
            out.push(row);
            continue;
        };
        row.outcome = "found".into();
        row.worker_name = Some(crate::registry::views::display_name(&worker));
        row.registry_number = Some(worker.registry_number.clone());
        let licence = match licence {
            Some(l) => Some(l),
            None => best_licence(db, worker.id).await?,
        };
        if let Some(l) = licence {
            let t = licence_types::Entity::find_by_id(l.licence_type_code.clone())
                .one(db)
                .await?;
            row.licence_number = l.number.clone();
            row.licence_type = t.map(|t| t.title_en);
            row.licence_status = Some(l.status.clone());
            row.valid_until = l.valid_until;
        }
        row.certificates = held_certificates(db, worker.id)
            .await?
            .into_iter()
            .filter(|c| !c.revoked && !c.superseded)
            .map(|c| c.serial)
            .collect();
        out.push(row);
    }
    Ok(out)
}

/// The licence that says most about a worker: one in force, else the latest.
pub async fn best_licence<C: ConnectionTrait>(db: &C, worker: Uuid) -> AppResult<Option<licences::Model>> {
    let mut all = licences::Entity::find()
        .filter(licences::Column::WorkerId.eq(worker))
        .order_by_desc(licences::Column::UpdatedAt)
        .all(db)
        .await?;
    let in_force = all
        .iter()
        .position(|l| matches!(l.status.as_str(), "active" | "conditional"));
    Ok(match in_force {
        Some(i) => Some(all.swap_remove(i)),
        None => all.into_iter().next(),
    })
}

/// The roster check as CSV (with a byte-order mark for spreadsheet programs).
pub fn roster_csv(rows: &[RosterRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "line",
        "identifier",
        "outcome",
        "message",
        "worker_name",
        "registry_number",
        "licence_number",
        "licence_type",
        "licence_status",
        "valid_until",
        "certificates",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.line.to_string(),
            r.identifier.clone(),
            r.outcome.clone(),
            r.message.clone().unwrap_or_default(),
            r.worker_name.clone().unwrap_or_default(),
            r.registry_number.clone().unwrap_or_default(),
            r.licence_number.clone().unwrap_or_default(),
            r.licence_type.clone().unwrap_or_default(),
            r.licence_status.clone().unwrap_or_default(),
            r.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            r.certificates.join(" "),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Someone posted now without a licence in force.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnlicensedPosting {
    pub worker_id: Uuid,
    pub worker_name: String,
    pub registry_number: String,
    pub organization_id: Uuid,
    pub organization: String,
    /// The status of their latest licence, if they ever had one.
    pub licence_status: Option<String>,
}

/// Staff posted today in the user's organisation tree (HR) or anywhere (others) whose no
/// licence is in force.
pub async fn unlicensed(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<UnlicensedPosting>> {
    let scope = crate::registry::scope::WorkerScope::of(db, user, Action::Read).await?;
    let on = today();
    let visible: Vec<workers::Model> = workers::Entity::find()
        .filter(scope.condition(on))
        .filter(workers::Column::MergedInto.is_null())
        .all(db)
        .await?;
    let ids: Vec<Uuid> = visible.iter().map(|w| w.id).collect();
    let mut out = Vec::new();
    let by_id: HashMap<Uuid, &workers::Model> = visible.iter().map(|w| (w.id, w)).collect();
    for chunk in ids.chunks(2_000) {
        let postings = deployments::Entity::find()
            .filter(deployments::Column::WorkerId.is_in(chunk.iter().copied()))
            .filter(deployments::Column::StartDate.lte(on))
            .all(db)
            .await?;
        let licences_now: HashMap<Uuid, Vec<licences::Model>> = licences::Entity::find()
            .filter(licences::Column::WorkerId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .fold(HashMap::new(), |mut m, l| {
                m.entry(l.worker_id).or_insert_with(Vec::new).push(l);
                m
            });
        for d in postings.iter().filter(|d| d.end_date.is_none_or(|e| e >= on)) {
            let theirs = licences_now.get(&d.worker_id).map(Vec::as_slice).unwrap_or(&[]);
            let in_force = theirs.iter().any(|l| {
                matches!(l.status.as_str(), "active" | "conditional")
                    && l.valid_from.is_some_and(|f| f <= on)
                    && l.valid_until.is_some_and(|u| u >= on)
            });
            if in_force {
                continue;
            }
            let Some(w) = by_id.get(&d.worker_id) else { continue };
            let org = organizations::Entity::find_by_id(d.organization_id).one(db).await?;
            out.push(UnlicensedPosting {
                worker_id: w.id,
                worker_name: crate::registry::views::display_name(w),
                registry_number: w.registry_number.clone(),
                organization_id: d.organization_id,
                organization: org.map(|o| o.name_en).unwrap_or_default(),
                licence_status: theirs.iter().max_by_key(|l| l.updated_at).map(|l| l.status.clone()),
            });
        }
    }
    out.sort_by(|a, b| (&a.organization, &a.registry_number).cmp(&(&b.organization, &b.registry_number)));
    out.dedup_by(|a, b| a.worker_id == b.worker_id && a.organization_id == b.organization_id);
    Ok(out)
}

/// The notices of the HR officer's organisation tree, newest first.
pub async fn notices_for(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<notices::Model>> {
    let Some(org) = user.scope_organization_id else {
        return Ok(Vec::new());
    };
    let tree = crate::organizations::tree::subtree_ids(db, org).await?;
    Ok(notices::Entity::find()
        .filter(notices::Column::OrganizationId.is_in(tree))
        .order_by_desc(notices::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await?)
}
