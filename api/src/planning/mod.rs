//! Planning (DESIGN.md section 8): population denominators, plan targets, and the indicators
//! computed by the database at every admin level, as JSON, CSV and DHIS2 `dataValueSets`.
//! Planners get aggregates only: nothing here returns a person.

mod routes;
pub mod snapshot;
pub mod stats;

pub use routes::router;

use chrono::{Datelike, NaiveDate, Utc};
use domain::planning::PopulationRow;
use domain::{Access, Action, Resource};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Statement,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    audit,
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{admin_units, plan_targets, population_figures},
};

/// Statistics are read by those whose access to them is national (planners, administrators,
/// licensing officers); the scoped views of providers and employers are not built yet.
pub fn check_read(user: &CurrentUser) -> AppResult<()> {
    match user.can(Resource::Statistics, Action::Read)? {
        Access::All => Ok(()),
        _ => Err(AppError::forbidden(
            "the national statistics are for planners; an organisation's own figures are not available yet",
        )),
    }
}

fn check_write(user: &CurrentUser) -> AppResult<()> {
    match user.can(Resource::Statistics, Action::Write)? {
        Access::All => Ok(()),
        _ => Err(AppError::forbidden(
            "population figures and plan targets are entered by planners",
        )),
    }
}

/// The as-of date of a year: its last day, or today for the current year.
pub fn as_of_for(year: i32) -> NaiveDate {
    let today = crate::certificates::issue::cambodia_today();
    if year >= today.year() {
        today
    } else {
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)
    }
}

/// What a population import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct PopulationReport {
    pub rows: usize,
    pub created: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Every problem, by row and column; with any, nothing is written.
    pub problems: Vec<crate::registry::import::ProblemRow>,
    pub dry_run: bool,
}

/// Imports population figures from CSV: every row checked (codes must be units of the
/// gazetteer), then all written or none; a figure for a key already present replaces it (the
/// audit log keeps the old one).
pub async fn import_population(
    db: &DatabaseConnection,
    user: &CurrentUser,
    text: &str,
    dry_run: bool,
) -> AppResult<PopulationReport> {
    check_write(user)?;
    let mut report = PopulationReport {
        rows: 0,
        created: 0,
        replaced: 0,
        unchanged: 0,
        problems: Vec::new(),
        dry_run,
    };
    let problem = |p: domain::ImportProblem| crate::registry::import::ProblemRow {
        row: p.row,
        column: p.column,
        problem: p.problem,
    };
    let rows: Vec<PopulationRow> = match domain::planning::parse_population_csv(text) {
        Ok(rows) => rows,
        Err(problems) => {
            report.problems = problems.into_iter().map(problem).collect();
            return Ok(report);
        }
    };
    report.rows = rows.len();
    let codes: Vec<String> = rows.iter().map(|r| r.admin_code.clone()).collect();
    let mut known = std::collections::HashSet::new();
    for chunk in codes.chunks(900) {
        for u in admin_units::Entity::find()
            .filter(admin_units::Column::Code.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            known.insert(u.code);
        }
    }
    for r in &rows {
        if r.admin_code != "KH" && !known.contains(&r.admin_code) {
            report.problems.push(problem(domain::ImportProblem::new(
                r.row,
                "admin_code",
                format!("{} is not a unit of the 2025 gazetteer", r.admin_code),
            )));
        }
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    let tx = audit::begin(db).await?;
    let now = Utc::now();
    for r in &rows {
        let existing = population_figures::Entity::find()
            .filter(population_figures::Column::AdminCode.eq(r.admin_code.as_str()))
            .filter(population_figures::Column::Year.eq(r.year))
            .filter(population_figures::Column::AgeBand.eq(r.age_band.code()))
            .filter(population_figures::Column::Sex.eq(r.sex.code()))
            .one(&tx)
            .await?;
        match existing {
            Some(old) if old.count == r.count as i64 && old.source == r.source => report.unchanged += 1,
            Some(old) => {
                report.replaced += 1;
                if !dry_run {
                    let mut row: population_figures::ActiveModel = old.clone().into();
                    row.count = Set(r.count as i64);
                    row.source = Set(r.source.clone());
                    row.imported_by = Set(user.actor().0);
                    row.imported_at = Set(now);
                    let new = row.update(&tx).await?;
                    audit::record(
                        &tx,
                        &user.actor(),
                        "population.replaced",
                        "population_figure",
                        new.id,
                        Some(&old),
                        Some(&new),
                    )
                    .await?;
                }
            }
            None => {
                report.created += 1;
                if !dry_run {
                    let new = population_figures::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        admin_code: Set(r.admin_code.clone()),
                        year: Set(r.year),
                        age_band: Set(r.age_band.code().to_owned()),
                        sex: Set(r.sex.code().to_owned()),
                        count: Set(r.count as i64),
                        source: Set(r.source.clone()),
                        imported_by: Set(user.actor().0),
                        imported_at: Set(now),
                    }
                    .insert(&tx)
                    .await?;
                    audit::record(
                        &tx,
                        &user.actor(),
                        "population.created",
                        "population_figure",
                        new.id,
                        None::<&()>,
                        Some(&new),
                    )
                    .await?;
                }
            }
        }
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(report)
}

/// The population figures of a year (or all), for the planner's review.
pub async fn population(
    db: &DatabaseConnection,
    user: &CurrentUser,
    year: Option<i32>,
) -> AppResult<Vec<population_figures::Model>> {
    check_read(user)?;
    let mut q = population_figures::Entity::find()
        .order_by_asc(population_figures::Column::Year)
        .order_by_asc(population_figures::Column::AdminCode);
    if let Some(y) = year {
        q = q.filter(population_figures::Column::Year.eq(y));
    }
    Ok(q.all(db).await?)
}

/// Progress of the plan's targets, by level: trained (a completion recorded), credited and
/// certified within the plan's years up to `year`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetProgress {
    #[schema(value_type = Object)]
    pub target: plan_targets::Model,
    pub trained: u64,
    pub credited: u64,
    pub certified: u64,
    /// Certified against the target, percent (one decimal).
    pub percent: Option<String>,
}

async fn count_by_level<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<std::collections::HashMap<String, u64>> {
    let backend = db.get_database_backend();
    let (a, b) = match backend {
        sea_orm::DatabaseBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql.replace("{from}", a).replace("{to}", b),
            [from.into(), to.into()],
        ))
        .await?;
    let mut out = std::collections::HashMap::new();
    for row in rows {
        let level: String = row.try_get("", "level")?;
        let n: i64 = row.try_get("", "n")?;
        out.insert(level, n.max(0) as u64);
    }
    Ok(out)
}

pub async fn target_progress(db: &DatabaseConnection, user: &CurrentUser, year: i32) -> AppResult<Vec<TargetProgress>> {
    check_read(user)?;
    let targets = plan_targets::Entity::find()
        .order_by_asc(plan_targets::Column::Plan)
        .order_by_asc(plan_targets::Column::CqfLevel)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for plan in targets
        .iter()
        .map(|t| t.plan.clone())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let first: i32 = plan.split('-').next().and_then(|y| y.parse().ok()).unwrap_or(year);
        let from = NaiveDate::from_ymd_opt(first, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let trained = count_by_level(
            db,
            "SELECT q.level AS level, COUNT(DISTINCT e.worker_id) AS n FROM credit_entries e \
             JOIN qualifications q ON q.id = e.qualification_id \
             WHERE e.kind = 'completion' AND e.occurred_on >= {from} AND e.occurred_on <= {to} GROUP BY q.level",
            from,
            to,
        )
        .await?;
        let credited = count_by_level(
            db,
            "SELECT q.level AS level, COUNT(DISTINCT e.worker_id) AS n FROM credit_entries e \
             JOIN qualifications q ON q.id = e.qualification_id \
             WHERE ((e.kind = 'completion' AND e.passed) OR (e.kind IN ('rpl', 'rcc') AND e.granted_ninetieths > 0)) \
             AND e.occurred_on >= {from} AND e.occurred_on <= {to} GROUP BY q.level",
            from,
            to,
        )
        .await?;
        let certified = count_by_level(
            db,
            "SELECT c.level AS level, COUNT(DISTINCT c.worker_id) AS n FROM certificates c \
             WHERE c.revoked_at IS NULL AND c.issued_on >= {from} AND c.issued_on <= {to} GROUP BY c.level",
            from,
            to,
        )
        .await?;
        // A level's achievements are shared by its targets: each target shows the level's totals.
        for t in targets.iter().filter(|t| t.plan == plan) {
            let level = t.cqf_level.map_or_else(|| "allied".to_owned(), |l| format!("cqf-{l}"));
            let level_target: u64 = targets
                .iter()
                .filter(|o| o.plan == plan && o.cqf_level == t.cqf_level)
                .map(|o| o.trainees.max(0) as u64)
                .sum();
            let certified_n = certified.get(&level).copied().unwrap_or(0);
            out.push(TargetProgress {
                target: t.clone(),
                trained: trained.get(&level).copied().unwrap_or(0),
                credited: credited.get(&level).copied().unwrap_or(0),
                certified: certified_n,
                percent: domain::planning::progress_against_target(certified_n, level_target),
            });
        }
    }
    Ok(out)
}

/// Changes a target's number of trainees (planners), audited.
pub async fn set_target(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    trainees: u64,
    version: i32,
) -> AppResult<plan_targets::Model> {
    check_write(user)?;
    if trainees > domain::planning::MAX_TARGET_TRAINEES {
        return Err(AppError::invalid(vec![domain::FieldError::new(
            "trainees",
            "out_of_range",
            format!("must be at most {}", domain::planning::MAX_TARGET_TRAINEES),
        )]));
    }
    let tx = audit::begin(db).await?;
    let before = plan_targets::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::not_found("plan target"))?;
    if before.version != version {
        return Err(AppError::stale_version(before.version));
    }
    let mut row: plan_targets::ActiveModel = before.clone().into();
    row.trainees = Set(trainees as i64);
    row.updated_at = Set(Utc::now());
    row.version = Set(before.version + 1);
    let after = row.update(&tx).await?;
    audit::record(
        &tx,
        &user.actor(),
        "plan_target.changed",
        "plan_target",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A new target, for a further plan (planners).
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTarget {
    /// The plan's years, e.g. 2026-2030.
    pub plan: String,
    pub certification: String,
    /// 1 to 8; absent for the allied workers' certificate.
    pub cqf_level: Option<u8>,
    pub workforce_category: String,
    pub target_group: String,
    /// national, province, district, commune or ngo.
    pub organization_level: String,
    pub trainees: u64,
    #[serde(default)]
    pub credits_or_duration: String,
    #[serde(default)]
    pub source_note: String,
}

/// Adds a target (to a new plan or an existing one), checked by the domain's rules, audited.
pub async fn add_target(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: NewTarget,
) -> AppResult<plan_targets::Model> {
    check_write(user)?;
    let mut errors = Vec::new();
    let plan = input.plan.trim().to_owned();
    let years: Vec<Option<i32>> = plan.split('-').map(|y| y.trim().parse().ok()).collect();
    if !(years.len() == 2
        && matches!((years[0], years[1]), (Some(a), Some(b)) if (2000..=2100).contains(&a) && a <= b && b <= 2100))
    {
        errors.push(domain::FieldError::new(
            "plan",
            "format",
            "must be the plan's years, such as 2026-2030",
        ));
    }
    let category = input
        .workforce_category
        .parse::<domain::WorkforceCategory>()
        .map_err(|e| errors.push(e))
        .ok();
    let level = input
        .organization_level
        .parse::<domain::planning::OrganizationLevel>()
        .map_err(|e| errors.push(e))
        .ok();
    if let (Some(workforce_category), Some(organization_level)) = (category, level) {
        let target = domain::planning::PlanTarget {
            certification: input.certification.trim().to_owned(),
            cqf_level: input.cqf_level,
            workforce_category,
            target_group: input.target_group.trim().to_owned(),
            organization_level,
            trainees: input.trainees,
            credits_or_duration: input.credits_or_duration.trim().to_owned(),
            source_note: input.source_note.trim().to_owned(),
        };
        if let Err(mut e) = target.validate() {
            errors.append(&mut e);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let tx = audit::begin(db).await?;
    let row = plan_targets::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan: Set(plan),
        certification: Set(input.certification.trim().to_owned()),
        cqf_level: Set(input.cqf_level.map(i32::from)),
        workforce_category: Set(input.workforce_category.trim().to_owned()),
        target_group: Set(input.target_group.trim().to_owned()),
        organization_level: Set(input.organization_level.trim().to_owned()),
        trainees: Set(input.trainees as i64),
        credits_or_duration: Set(input.credits_or_duration.trim().to_owned()),
        source_note: Set(input.source_note.trim().to_owned()),
        updated_at: Set(Utc::now()),
        version: Set(1),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "plan_target.added",
        "plan_target",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}
