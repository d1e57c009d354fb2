//! Planning snapshots: what the statistics are counted from (see migration 10).
//!
//! A snapshot holds, for one as-of date and year, every posting open on that date with the
//! worker's attributes and what each indicator asks of the worker, all read in one consistent
//! view of the database together with the audit chain's sequence number. Counts per admin level
//! and breakdown are added to it the first time they are asked for. A statistic then reads a few
//! hundred stored counts instead of joining 300,000 postings to a ledger of millions of rows.
//!
//! Freshness: every change to the registry is audited and moves the audit chain's head. A
//! snapshot whose sequence number is the head's is current. When the registry has changed since,
//! the snapshot is still used while it is younger than `planning_refresh_seconds` (default 300;
//! 0 rebuilds on the first request after any change), and a new one is built after that. The
//! answers say when their snapshot was built.

use chrono::{DateTime, NaiveDate, Utc};
use domain::planning::{AdminLevel, Breakdown, Indicator, LICENCE_EXPIRY_WINDOW_DAYS};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult, IsolationLevel,
    TransactionTrait,
};
use uuid::Uuid;

use crate::{
    error::{AppError, AppResult},
    store::sql::Sql,
};

/// How long a superseded snapshot is kept, so that a request reading it finishes first.
const KEEP_SUPERSEDED_SECONDS: i64 = 600;
/// A snapshot is rebuilt after this long even when nothing changed (and deleted a day later),
/// so that snapshots of dates nobody asks for any more do not pile up.
const MAX_AGE_SECONDS: i64 = 86_400;

/// One snapshot of the registry for an as-of date and year.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Snapshot {
    pub id: Uuid,
    pub as_of: NaiveDate,
    pub year: i32,
    pub audit_seq: i64,
    pub built_at: DateTime<Utc>,
    pub postings: i64,
}

/// Builds snapshots one at a time per instance (instances share them through the database).
#[derive(Debug, Default)]
pub struct Snapshots {
    building: tokio::sync::Mutex<()>,
}

async fn audit_head<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT last_seq FROM audit_head WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| AppError::internal("the audit chain has no head"))?;
    Ok(row.try_get("", "last_seq")?)
}

async fn latest<C: ConnectionTrait>(db: &C, as_of: NaiveDate, year: i32) -> AppResult<Option<Snapshot>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT id, as_of, year, audit_seq, built_at, postings FROM planning_snapshots WHERE as_of = ")
        .param(as_of)
        .push(" AND year = ")
        .param(year)
        .push(" ORDER BY audit_seq DESC, built_at DESC LIMIT 1");
    Ok(Snapshot::find_by_statement(sql.statement()).one(db).await?)
}

fn usable(snapshot: &Option<Snapshot>, head: i64, refresh_seconds: u64) -> Option<Snapshot> {
    snapshot.as_ref().and_then(|s| {
        let age = (Utc::now() - s.built_at).num_seconds();
        ((s.audit_seq == head || age < refresh_seconds as i64) && age < MAX_AGE_SECONDS).then(|| s.clone())
    })
}

impl Snapshots {
    /// The snapshot to count from for `as_of` and `year`, built when there is none or the
    /// registry changed since the last one was built over `refresh_seconds` ago.
    pub async fn current(
        &self,
        db: &DatabaseConnection,
        as_of: NaiveDate,
        year: i32,
        refresh_seconds: u64,
    ) -> AppResult<Snapshot> {
        if let Some(s) = usable(&latest(db, as_of, year).await?, audit_head(db).await?, refresh_seconds) {
            return Ok(s);
        }
        let _building = self.building.lock().await;
        // Another request may have built it while this one waited.
        if let Some(s) = usable(&latest(db, as_of, year).await?, audit_head(db).await?, refresh_seconds) {
            return Ok(s);
        }
        match build(db, as_of, year).await {
            Ok(s) => Ok(s),
            // Another instance built the same one first.
            Err(e) if e.code == "conflict" => latest(db, as_of, year)
                .await?
                .ok_or_else(|| AppError::internal("a planning snapshot vanished")),
            Err(e) => Err(e),
        }
    }

    /// Makes sure the counts of `level` by `breakdown` are in `snapshot`.
    pub async fn ensure_counts(
        &self,
        db: &DatabaseConnection,
        snapshot: &Snapshot,
        level: AdminLevel,
        breakdown: Option<Breakdown>,
    ) -> AppResult<()> {
        if has_counts(db, snapshot, level, breakdown).await? {
            return Ok(());
        }
        let _building = self.building.lock().await;
        if has_counts(db, snapshot, level, breakdown).await? {
            return Ok(());
        }
        let tx = db.begin().await?;
        let mut marker = Sql::new(db.get_database_backend());
        marker
            .push("INSERT INTO planning_snapshot_groupings (snapshot_id, level, breakdown) VALUES (")
            .param(snapshot.id)
            .push(", ")
            .param(level.code())
            .push(", ")
            .param(breakdown_code(breakdown))
            .push(")");
        match tx.execute_raw(marker.statement()).await {
            Ok(_) => {}
            // Another instance is on it, or done: its counts are committed with its marker.
            Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        tx.execute_raw(count_statement(db.get_database_backend(), snapshot, level, breakdown))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn breakdown_code(breakdown: Option<Breakdown>) -> &'static str {
    match breakdown {
        None | Some(Breakdown::Level) => "",
        Some(b) => b.code(),
    }
}

async fn has_counts<C: ConnectionTrait>(
    db: &C,
    snapshot: &Snapshot,
    level: AdminLevel,
    breakdown: Option<Breakdown>,
) -> AppResult<bool> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT 1 AS done FROM planning_snapshot_groupings WHERE snapshot_id = ")
        .param(snapshot.id)
        .push(" AND level = ")
        .param(level.code())
        .push(" AND breakdown = ")
        .param(breakdown_code(breakdown));
    Ok(db.query_one_raw(sql.statement()).await?.is_some())
}

/// Begins the transaction a snapshot is read and written in: one consistent view of the
/// registry (PostgreSQL's repeatable read; SQLite's write lock, taken at once so that the view
/// cannot go stale before the first write).
async fn begin_consistent(db: &DatabaseConnection) -> AppResult<DatabaseTransaction> {
    Ok(match db.get_database_backend() {
        DbBackend::Postgres => db.begin_with_config(Some(IsolationLevel::RepeatableRead), None).await?,
        _ => {
            db.begin_with_options(sea_orm::TransactionOptions {
                isolation_level: None,
                access_mode: None,
                sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            })
            .await?
        }
    })
}

/// Builds a snapshot for `as_of` and `year` from the registry as it is now.
async fn build(db: &DatabaseConnection, as_of: NaiveDate, year: i32) -> AppResult<Snapshot> {
    let started = std::time::Instant::now();
    let backend = db.get_database_backend();
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| AppError::internal("year"))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::internal("year"))?;
    let tx = begin_consistent(db).await?;
    let seq = audit_head(&tx).await?;
    let id = Uuid::now_v7();
    let built_at = Utc::now();
    let mut insert = Sql::new(backend);
    insert
        .push("INSERT INTO planning_snapshots (id, as_of, year, audit_seq, built_at, postings) VALUES (")
        .param(id)
        .push(", ")
        .param(as_of)
        .push(", ")
        .param(year)
        .push(", ")
        .param(seq)
        .push(", ")
        .param(built_at)
        .push(", 0)");
    if let Err(e) = tx.execute_raw(insert.statement()).await {
        return Err(match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::conflict("conflict", "this planning snapshot is being built")
            }
            _ => e.into(),
        });
    }
    // The postings open on the as-of date, each with what the indicators ask of its worker.
    let window = as_of + chrono::Duration::days(i64::from(LICENCE_EXPIRY_WINDOW_DAYS));
    let mut workers = Sql::new(backend);
    workers
        .push(
            "INSERT INTO planning_snapshot_workers (snapshot_id, worker_id, duty_station_code, category, sex, \
             organization_kind, employment_type, is_focal_point, trained, credited, certified, licensed, \
             licence_expiring, holds_vocational_certificate) \
             SELECT DISTINCT ",
        )
        .param(id)
        .push(
            ", d.worker_id, d.duty_station_code, w.category, w.sex, o.kind, d.employment_type, d.is_focal_point, \
             COALESCE(t.trained, 0) = 1, COALESCE(t.credited, 0) = 1, cy.worker_id IS NOT NULL, \
             li.until IS NOT NULL, (li.until IS NOT NULL AND li.until <= ",
        )
        .param(window)
        .push(
            "), vc.worker_id IS NOT NULL \
             FROM deployments d \
             JOIN workers w ON w.id = d.worker_id \
             JOIN organizations o ON o.id = d.organization_id \
             LEFT JOIN (SELECT e.worker_id, \
                   MAX(CASE WHEN e.kind = 'completion' THEN 1 ELSE 0 END) AS trained, \
                   MAX(CASE WHEN (e.kind = 'completion' AND e.passed) OR (e.kind IN ('rpl', 'rcc') AND e.granted_ninetieths > 0) \
                       OR e.kind = 'transfer' THEN 1 ELSE 0 END) AS credited \
                 FROM credit_entries e WHERE e.occurred_on >= ",
        )
        .param(start)
        .push(" AND e.occurred_on <= ")
        .param(end)
        .push(
            " GROUP BY e.worker_id) t ON t.worker_id = d.worker_id \
             LEFT JOIN (SELECT DISTINCT c.worker_id FROM certificates c WHERE c.revoked_at IS NULL AND c.issued_on >= ",
        )
        .param(start)
        .push(" AND c.issued_on <= ")
        .param(end)
        .push(
            ") cy ON cy.worker_id = d.worker_id \
             LEFT JOIN (SELECT l.worker_id, MIN(l.valid_until) AS until FROM licences l \
                 WHERE l.status IN ('active', 'conditional') AND l.valid_from <= ",
        )
        .param(as_of)
        .push(" AND l.valid_until >= ")
        .param(as_of)
        .push(
            " GROUP BY l.worker_id) li ON li.worker_id = d.worker_id \
             LEFT JOIN (SELECT DISTINCT c.worker_id FROM certificates c WHERE c.level = 'cqf-1' AND c.revoked_at IS NULL \
                 AND c.superseded_by_id IS NULL AND c.issued_on <= ",
        )
        .param(as_of)
        .push(
            ") vc ON vc.worker_id = d.worker_id \
             WHERE w.merged_into IS NULL AND d.start_date <= ",
        )
        .param(as_of)
        .push(" AND (d.end_date IS NULL OR d.end_date >= ")
        .param(as_of)
        .push(")");
    let postings = tx.execute_raw(workers.statement()).await?.rows_affected();
    let mut count = Sql::new(backend);
    count
        .push("UPDATE planning_snapshots SET postings = ")
        .param(postings as i64)
        .push(" WHERE id = ")
        .param(id);
    tx.execute_raw(count.statement()).await?;
    // Snapshots superseded a while ago go, and those no longer used (their rows with them).
    let mut old = Sql::new(backend);
    old.push("DELETE FROM planning_snapshots WHERE built_at < ")
        .param(built_at - chrono::Duration::seconds(2 * MAX_AGE_SECONDS))
        .push(" OR (built_at < ")
        .param(built_at - chrono::Duration::seconds(KEEP_SUPERSEDED_SECONDS))
        .push(
            " AND id NOT IN (SELECT id FROM (SELECT s.id, ROW_NUMBER() OVER (PARTITION BY s.as_of, s.year \
             ORDER BY s.audit_seq DESC, s.built_at DESC) AS n FROM planning_snapshots s) ranked WHERE n = 1))",
        );
    tx.execute_raw(old.statement()).await?;
    tx.commit().await?;
    tracing::info!(%as_of, year, audit_seq = seq, postings, ms = started.elapsed().as_millis() as u64, "planning snapshot built");
    Ok(Snapshot {
        id,
        as_of,
        year,
        audit_seq: seq,
        built_at,
        postings: postings as i64,
    })
}

/// The SQL of the unit of `level` that the admin code in `column` lies in: its first 2, 4 or 6
/// digits, or `'KH'` for the country.
pub fn unit_of(level: AdminLevel, column: &str) -> String {
    match level.code_digits() {
        Some(digits) => format!("substr({column}, 1, {digits})"),
        None => "'KH'".to_owned(),
    }
}

/// The counts of `level` by `breakdown`: distinct workers per unit and breakdown value for every
/// indicator (a worker with two postings in a unit counts once there), and for the level alone,
/// the communes with a focal point holding a Vocational Certificate.
fn count_statement(
    backend: DbBackend,
    snapshot: &Snapshot,
    level: AdminLevel,
    breakdown: Option<Breakdown>,
) -> sea_orm::Statement {
    let digits = level.code_digits().unwrap_or(0);
    let unit = unit_of(level, "p.duty_station_code");
    let within = if digits == 0 {
        String::new()
    } else {
        format!(" AND length(p.duty_station_code) >= {digits} AND p.duty_station_code <> 'KH'")
    };
    let value = match breakdown {
        None | Some(Breakdown::Level) => "''",
        Some(Breakdown::Category) => "p.category",
        Some(Breakdown::Sex) => "p.sex",
        Some(Breakdown::OrganizationKind) => "p.organization_kind",
        Some(Breakdown::EmploymentType) => "p.employment_type",
    };
    let mut sql = Sql::new(backend);
    sql.push(
        "INSERT INTO planning_snapshot_counts (snapshot_id, level, breakdown, unit_code, value, workforce, trained, \
         credited, certified, licensed, licences_expiring, unlicensed, ccwc_communes) SELECT ",
    )
    .param(snapshot.id)
    .push(", ")
    .param(level.code())
    .push(", ")
    .param(breakdown_code(breakdown))
    .push(", u.unit, u.value, u.workforce, u.trained, u.credited, u.certified, u.licensed, u.expiring, u.unlicensed, ");
    let per_commune = breakdown_code(breakdown).is_empty();
    sql.push(if per_commune { "COALESCE(cc.n, 0)" } else { "0" });
    sql.push(&format!(
        " FROM (SELECT unit, value, COUNT(*) AS workforce, \
           SUM(CASE WHEN trained THEN 1 ELSE 0 END) AS trained, SUM(CASE WHEN credited THEN 1 ELSE 0 END) AS credited, \
           SUM(CASE WHEN certified THEN 1 ELSE 0 END) AS certified, SUM(CASE WHEN licensed THEN 1 ELSE 0 END) AS licensed, \
           SUM(CASE WHEN licence_expiring THEN 1 ELSE 0 END) AS expiring, \
           SUM(CASE WHEN licensed THEN 0 ELSE 1 END) AS unlicensed \
         FROM (SELECT DISTINCT {unit} AS unit, {value} AS value, p.worker_id, p.trained, p.credited, p.certified, \
               p.licensed, p.licence_expiring \
               FROM planning_snapshot_workers p WHERE p.snapshot_id = "
    ))
    .param(snapshot.id)
    .push(&format!("{within}) per_worker GROUP BY unit, value) u"));
    if per_commune {
        sql.push(&format!(
            " LEFT JOIN (SELECT {unit} AS unit, COUNT(DISTINCT substr(p.duty_station_code, 1, 6)) AS n \
             FROM planning_snapshot_workers p WHERE p.snapshot_id = "
        ))
        .param(snapshot.id)
        .push(&format!(
            "{within} AND p.is_focal_point AND p.holds_vocational_certificate AND length(p.duty_station_code) >= 6 \
             GROUP BY 1) cc ON cc.unit = u.unit"
        ));
    }
    sql.statement()
}

/// The stored column an indicator reads.
fn column(indicator: Indicator) -> &'static str {
    match indicator {
        Indicator::WorkforceCount | Indicator::WorkersPer100kChildren | Indicator::WorkersPer100kPopulation => {
            "workforce"
        }
        Indicator::Trained => "trained",
        Indicator::Credited => "credited",
        Indicator::Certified => "certified",
        Indicator::LicensedActive => "licensed",
        Indicator::LicencesExpiring => "licences_expiring",
        Indicator::DeployedUnlicensed => "unlicensed",
        Indicator::CcwcCoverage => "ccwc_communes",
    }
}

/// The stored counts of `indicator` at `level` by `breakdown` (within `parent`), by (unit, value).
pub async fn counts<C: ConnectionTrait>(
    db: &C,
    snapshot: &Snapshot,
    indicator: Indicator,
    level: AdminLevel,
    breakdown: Option<Breakdown>,
    parent: Option<&str>,
) -> AppResult<std::collections::HashMap<(String, String), u64>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(&format!(
        "SELECT unit_code, value, {} AS n FROM planning_snapshot_counts WHERE snapshot_id = ",
        column(indicator)
    ))
    .param(snapshot.id)
    .push(" AND level = ")
    .param(level.code())
    .push(" AND breakdown = ")
    .param(breakdown_code(breakdown));
    if let Some(p) = parent.filter(|p| *p != "KH") {
        sql.push(" AND unit_code LIKE ").param(format!("{p}%"));
    }
    let mut out = std::collections::HashMap::new();
    for row in db.query_all_raw(sql.statement()).await? {
        let unit: String = row.try_get("", "unit_code")?;
        let value: String = row.try_get("", "value")?;
        let n: i64 = row.try_get("", "n")?;
        out.insert((unit, value), n.max(0) as u64);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(seconds_ago: i64, audit_seq: i64) -> Option<Snapshot> {
        Some(Snapshot {
            id: Uuid::nil(),
            as_of: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            year: 2025,
            audit_seq,
            built_at: Utc::now() - chrono::Duration::seconds(seconds_ago),
            postings: 0,
        })
    }

    #[test]
    fn a_snapshot_serves_while_nothing_changed_or_within_the_refresh_window() {
        // Nothing changed since: used, whatever the window.
        assert!(usable(&built(3_600, 7), 7, 0).is_some());
        // Changed: used within the window only.
        assert!(usable(&built(60, 7), 8, 300).is_some());
        assert!(usable(&built(301, 7), 8, 300).is_none());
        assert!(usable(&built(0, 7), 8, 0).is_none(), "0 recounts after any change");
        // Rebuilt after a day even when nothing changed; none at all is none.
        assert!(usable(&built(MAX_AGE_SECONDS + 1, 7), 7, 300).is_none());
        assert!(usable(&None, 7, 300).is_none());
    }
}
