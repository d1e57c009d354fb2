//! The planning indicators, computed by the database at every admin level: a worker counts in
//! the unit of the duty station of a posting open on the as-of date, and in every unit above it
//! (a district's workers count in its province), once however many postings they have there.
//! Rates name their denominator's year and flag a missing or stale one (domain::planning).
//! The counts come from a planning snapshot ([`super::snapshot`]): the database computes them
//! once per as-of date, year, level and breakdown, and again when the registry has changed.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::planning::{
    AdminLevel, AgeBand, Breakdown, DEFAULT_STALE_AFTER_YEARS, Denominator, Indicator, StatisticRow, pick_denominator,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::snapshot::{self, Snapshot, Snapshots};

use crate::{
    error::{AppError, AppResult},
    store::{admin_units, population_figures, sql::Sql},
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
/// Vocational Certificate in force (counted in the snapshot), over the unit's communes.
async fn ccwc_coverage<C: ConnectionTrait>(
    db: &C,
    q: &StatsQuery,
    snapshot: &Snapshot,
    units: &[Unit],
) -> AppResult<Vec<StatisticRow>> {
    let unit = snapshot::unit_of(q.level, "a.code");
    let mut totals = Sql::new(db.get_database_backend());
    totals.push(&format!(
        "SELECT {unit} AS unit, COUNT(*) AS n FROM admin_units a WHERE a.level = 'commune' GROUP BY 1"
    ));
    let mut total_of = HashMap::new();
    for row in db.query_all_raw(totals.statement()).await? {
        let unit: String = row.try_get("", "unit")?;
        let n: i64 = row.try_get("", "n")?;
        total_of.insert(unit, n.max(0) as u64);
    }
    let covered = snapshot::counts(db, snapshot, q.indicator, q.level, None, q.parent.as_deref()).await?;
    Ok(units
        .iter()
        .map(|u| {
            StatisticRow::share(
                q.indicator,
                u.code.clone(),
                q.year,
                covered.get(&(u.code.clone(), String::new())).copied().unwrap_or(0),
                total_of.get(&u.code).copied().unwrap_or(0),
            )
        })
        .collect())
}

/// An indicator's figures and when the snapshot they were counted from was built.
pub struct Computed {
    pub units: Vec<Unit>,
    pub rows: Vec<StatisticRow>,
    pub computed_at: chrono::DateTime<chrono::Utc>,
}

/// The indicator's rows, one per unit (and breakdown value), in the units' order.
pub async fn compute(
    db: &DatabaseConnection,
    snapshots: &Snapshots,
    refresh_seconds: u64,
    q: &StatsQuery,
) -> AppResult<Computed> {
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
    let snapshot = snapshots.current(db, q.as_of, q.year, refresh_seconds).await?;
    let breakdown = if q.indicator == Indicator::CcwcCoverage {
        None
    } else {
        q.breakdown
    };
    snapshots.ensure_counts(db, &snapshot, q.level, breakdown).await?;
    if q.indicator == Indicator::CcwcCoverage {
        let rows = ccwc_coverage(db, q, &snapshot, &units).await?;
        return Ok(Computed {
            units,
            rows,
            computed_at: snapshot.built_at,
        });
    }
    let counts = snapshot::counts(db, &snapshot, q.indicator, q.level, breakdown, q.parent.as_deref()).await?;
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
    Ok(Computed {
        units,
        rows,
        computed_at: snapshot.built_at,
    })
}
