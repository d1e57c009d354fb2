//! The planning indicators, computed by the database at every admin level: a worker counts in
//! the unit of the duty station of a posting open on the as-of date, and in every unit above it
//! (a district's workers count in its province), once however many postings they have there.
//! Rates name their denominator's year and flag a missing or stale one (domain::planning).

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::planning::{
    AdminLevel, AgeBand, Breakdown, DEFAULT_STALE_AFTER_YEARS, Denominator, Indicator, LICENCE_EXPIRY_WINDOW_DAYS,
    StatisticRow, pick_denominator,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, Statement, Value};

use crate::{
    error::{AppError, AppResult},
    store::{admin_units, population_figures},
};

/// What to compute.
#[derive(Debug, Clone)]
pub struct StatsQuery {
    pub indicator: Indicator,
    pub level: AdminLevel,
    pub year: i32,
    /// Postings open on this day count (default: the year's last day, or today in the current year).
    pub as_of: NaiveDate,
    /// Only the units within this one (drill-down).
    pub parent: Option<String>,
    pub breakdown: Option<Breakdown>,
}

/// A unit of the gazetteer, as the rows name it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub code: String,
    pub name_km: String,
    pub name_en: String,
}

/// The units of `level` (within `parent`), in code order.
pub async fn units<C: ConnectionTrait>(db: &C, level: AdminLevel, parent: Option<&str>) -> AppResult<Vec<Unit>> {
    if level == AdminLevel::National {
        return Ok(vec![Unit {
            code: "KH".into(),
            name_km: "ព្រះរាជាណាចក្រកម្ពុជា".into(),
            name_en: "Cambodia".into(),
        }]);
    }
    let mut q = admin_units::Entity::find()
        .filter(admin_units::Column::Level.eq(level.code()))
        .order_by_asc(admin_units::Column::Code);
    if let Some(p) = parent.filter(|p| *p != "KH") {
        q = q.filter(admin_units::Column::Code.starts_with(p));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|u| Unit {
            code: u.code,
            name_km: u.name_km,
            name_en: u.name_en,
        })
        .collect())
}

/// Builds a statement with positional parameters in the backend's syntax.
struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DatabaseBackend) -> Sql {
        Sql {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    fn param(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.values.push(value.into());
        let placeholder = match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        };
        self.text.push_str(&placeholder);
        self
    }

    fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

fn year_bounds(year: i32) -> AppResult<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| AppError::internal("year"))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::internal("year"))?;
    Ok((start, end))
}

/// The workers an indicator counts, as a condition on `d.worker_id` (appended to `sql`).
fn indicator_condition(sql: &mut Sql, q: &StatsQuery) -> AppResult<()> {
    let (start, end) = year_bounds(q.year)?;
    let licensed = |sql: &mut Sql, until: Option<NaiveDate>| {
        sql.push("SELECT l.worker_id FROM licences l WHERE l.status IN ('active', 'conditional') AND l.valid_from <= ")
            .param(q.as_of)
            .push(" AND l.valid_until >= ")
            .param(q.as_of);
        if let Some(until) = until {
            sql.push(" AND l.valid_until <= ").param(until);
        }
    };
    match q.indicator {
        Indicator::WorkforceCount | Indicator::WorkersPer100kChildren | Indicator::WorkersPer100kPopulation => {}
        // Per posted worker, a probe of their ledger by (worker, date): cheaper than collecting
        // every worker with a record in the year when the ledger holds millions of rows.
        Indicator::Trained => {
            sql.push(
                " AND EXISTS (SELECT 1 FROM credit_entries e WHERE e.worker_id = d.worker_id AND e.kind = 'completion' \
                 AND e.occurred_on >= ",
            )
            .param(start)
            .push(" AND e.occurred_on <= ")
            .param(end)
            .push(")");
        }
        Indicator::Credited => {
            sql.push(
                " AND EXISTS (SELECT 1 FROM credit_entries e WHERE e.worker_id = d.worker_id AND ((e.kind = 'completion' AND e.passed) \
                 OR (e.kind IN ('rpl', 'rcc') AND e.granted_ninetieths > 0) OR e.kind = 'transfer') AND e.occurred_on >= ",
            )
            .param(start)
            .push(" AND e.occurred_on <= ")
            .param(end)
            .push(")");
        }
        Indicator::Certified => {
            sql.push(" AND d.worker_id IN (SELECT c.worker_id FROM certificates c WHERE c.revoked_at IS NULL AND c.issued_on >= ")
                .param(start)
                .push(" AND c.issued_on <= ")
                .param(end)
                .push(")");
        }
        Indicator::LicensedActive => {
            sql.push(" AND d.worker_id IN (");
            licensed(sql, None);
            sql.push(")");
        }
        Indicator::LicencesExpiring => {
            sql.push(" AND d.worker_id IN (");
            licensed(
                sql,
                Some(q.as_of + chrono::Duration::days(i64::from(LICENCE_EXPIRY_WINDOW_DAYS))),
            );
            sql.push(")");
        }
        Indicator::DeployedUnlicensed => {
            sql.push(" AND d.worker_id NOT IN (");
            licensed(sql, None);
            sql.push(")");
        }
        Indicator::CcwcCoverage => return Err(AppError::internal("CCWC coverage is not a count of workers")),
    }
    Ok(())
}

/// Counts of distinct workers posted on the as-of date per unit of `q.level` (and breakdown value).
async fn worker_counts<C: ConnectionTrait>(db: &C, q: &StatsQuery) -> AppResult<HashMap<(String, String), u64>> {
    let backend = db.get_database_backend();
    let digits = q.level.code_digits().unwrap_or(0);
    let mut sql = Sql::new(backend);
    let unit = if digits == 0 {
        "'KH'".to_owned()
    } else {
        format!("substr(d.duty_station_code, 1, {digits})")
    };
    let breakdown = match q.breakdown {
        None | Some(Breakdown::Level) => "''",
        Some(Breakdown::Category) => "w.category",
        Some(Breakdown::Sex) => "w.sex",
        Some(Breakdown::OrganizationKind) => "o.kind",
        Some(Breakdown::EmploymentType) => "d.employment_type",
    };
    // Organisations are joined only when their kind is asked for.
    let organizations = if q.breakdown == Some(Breakdown::OrganizationKind) {
        " JOIN organizations o ON o.id = d.organization_id"
    } else {
        ""
    };
    // Distinct (unit, value, worker) first, then counted: a worker with two postings in a unit
    // counts once there.
    sql.push(&format!(
        "SELECT unit, value, COUNT(*) AS n FROM (SELECT DISTINCT {unit} AS unit, {breakdown} AS value, d.worker_id \
         FROM deployments d JOIN workers w ON w.id = d.worker_id{organizations} \
         WHERE w.merged_into IS NULL AND d.start_date <= "
    ))
    .param(q.as_of)
    .push(" AND (d.end_date IS NULL OR d.end_date >= ")
    .param(q.as_of)
    .push(")");
    if digits > 0 {
        sql.push(&format!(
            " AND length(d.duty_station_code) >= {digits} AND d.duty_station_code <> 'KH'"
        ));
    }
    if let Some(p) = q.parent.as_deref().filter(|p| *p != "KH") {
        sql.push(" AND d.duty_station_code LIKE ").param(format!("{p}%"));
    }
    indicator_condition(&mut sql, q)?;
    sql.push(") AS posted GROUP BY unit, value");
    let rows = db.query_all_raw(sql.statement()).await?;
    let mut out = HashMap::new();
    for row in rows {
        let unit: String = row.try_get("", "unit")?;
        let value: String = row.try_get("", "value")?;
        let n: i64 = row.try_get("", "n")?;
        out.insert((unit, value), n.max(0) as u64);
    }
    Ok(out)
}

/// The population figures of `units` for an age band, by unit.
async fn denominators<C: ConnectionTrait>(
    db: &C,
    units: &[Unit],
    band: AgeBand,
) -> AppResult<HashMap<String, Vec<Denominator>>> {
    let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let mut out: HashMap<String, Vec<Denominator>> = HashMap::new();
    for chunk in codes.chunks(900) {
        for f in population_figures::Entity::find()
            .filter(population_figures::Column::AdminCode.is_in(chunk.iter().copied()))
            .filter(population_figures::Column::AgeBand.eq(band.code()))
            .filter(population_figures::Column::Sex.eq("all"))
            .all(db)
            .await?
        {
            out.entry(f.admin_code).or_default().push(Denominator {
                year: f.year,
                count: f.count.max(0) as u64,
            });
        }
    }
    Ok(out)
}

/// CCWC coverage per unit: communes with a focal point posted on the as-of date who holds a
/// Vocational Certificate in force, over the unit's communes.
async fn ccwc_coverage<C: ConnectionTrait>(db: &C, q: &StatsQuery, units: &[Unit]) -> AppResult<Vec<StatisticRow>> {
    let backend = db.get_database_backend();
    let digits = q.level.code_digits().unwrap_or(0);
    let unit_of = |column: &str| {
        if digits == 0 {
            "'KH'".to_owned()
        } else {
            format!("substr({column}, 1, {digits})")
        }
    };
    let mut totals = Sql::new(backend);
    totals.push(&format!(
        "SELECT {} AS unit, COUNT(*) AS n FROM admin_units a WHERE a.level = 'commune' GROUP BY 1",
        unit_of("a.code")
    ));
    let mut covered = Sql::new(backend);
    covered
        .push(&format!(
            "SELECT {} AS unit, COUNT(DISTINCT substr(d.duty_station_code, 1, 6)) AS n \
             FROM deployments d JOIN workers w ON w.id = d.worker_id \
             WHERE w.merged_into IS NULL AND d.is_focal_point AND length(d.duty_station_code) >= 6 AND d.start_date <= ",
            unit_of("d.duty_station_code")
        ))
        .param(q.as_of)
        .push(" AND (d.end_date IS NULL OR d.end_date >= ")
        .param(q.as_of)
        .push(
            ") AND d.worker_id IN (SELECT c.worker_id FROM certificates c WHERE c.level = 'cqf-1' \
             AND c.revoked_at IS NULL AND c.superseded_by_id IS NULL AND c.issued_on <= ",
        )
        .param(q.as_of)
        .push(") GROUP BY 1");
    let read = |rows: Vec<sea_orm::QueryResult>| -> AppResult<HashMap<String, u64>> {
        let mut out = HashMap::new();
        for row in rows {
            let unit: String = row.try_get("", "unit")?;
            let n: i64 = row.try_get("", "n")?;
            out.insert(unit, n.max(0) as u64);
        }
        Ok(out)
    };
    let totals = read(db.query_all_raw(totals.statement()).await?)?;
    let covered = read(db.query_all_raw(covered.statement()).await?)?;
    Ok(units
        .iter()
        .map(|u| {
            StatisticRow::share(
                q.indicator,
                u.code.clone(),
                q.year,
                covered.get(&u.code).copied().unwrap_or(0),
                totals.get(&u.code).copied().unwrap_or(0),
            )
        })
        .collect())
}

/// The indicator's rows, one per unit (and breakdown value), in the units' order.
pub async fn compute<C: ConnectionTrait>(db: &C, q: &StatsQuery) -> AppResult<(Vec<Unit>, Vec<StatisticRow>)> {
    if q.level.code_digits().unwrap_or(0) > q.indicator.finest_level().code_digits().unwrap_or(0) {
        return Err(AppError::invalid(vec![domain::FieldError::new(
            "level",
            "too_fine",
            format!(
                "{} is computed down to the {} level",
                q.indicator.code(),
                q.indicator.finest_level().code()
            ),
        )]));
    }
    let units = units(db, q.level, q.parent.as_deref()).await?;
    if q.indicator == Indicator::CcwcCoverage {
        let rows = ccwc_coverage(db, q, &units).await?;
        return Ok((units, rows));
    }
    let counts = worker_counts(db, q).await?;
    let band = q.indicator.denominator_age_band();
    let denominators = match band {
        Some(band) => denominators(db, &units, band).await?,
        None => HashMap::new(),
    };
    let mut values: Vec<String> = counts.keys().map(|(_, v)| v.clone()).collect();
    values.sort();
    values.dedup();
    if values.is_empty() {
        values.push(String::new());
    }
    let mut rows = Vec::new();
    for u in &units {
        for value in &values {
            let n = counts.get(&(u.code.clone(), value.clone())).copied().unwrap_or(0);
            let row = match band {
                Some(_) => {
                    let figures = denominators.get(&u.code).map(Vec::as_slice).unwrap_or(&[]);
                    StatisticRow::rate(
                        q.indicator,
                        u.code.clone(),
                        q.year,
                        n,
                        pick_denominator(figures, q.year),
                        DEFAULT_STALE_AFTER_YEARS,
                    )
                }
                None => StatisticRow::count(q.indicator, u.code.clone(), q.year, n),
            };
            rows.push(match (q.breakdown, value.is_empty()) {
                (Some(b), false) => row.with_breakdown(b, value.clone()),
                _ => row,
            });
        }
    }
    Ok((units, rows))
}
