//! Bulk import of workers from CSV or XLSX.
//!
//! The documented choice: **all or nothing**. Every row is checked first; if any row has a
//! problem, nothing is written and the per-row report says what to fix. A file that checks out
//! is written in one transaction. Rows that match a worker already in the registry (same
//! national ID, or same birth date and the same names) are reported as existing and not created
//! again, so importing the same file twice creates nothing new.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use domain::{ImportProblem, WorkerRow};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    postings::ValidPosting,
    scope::WorkerScope,
    workers::{ValidWorker, allocate_registry_numbers, first_category_row, new_worker_row},
};
use crate::{
    audit::{self, Actor},
    error::{AppError, AppResult},
    store::{admin_units, bulk, duplicate_flags, imports, organizations, workers},
};

/// Rows per INSERT statement: well within SQLite's and PostgreSQL's bind-parameter limits.
const CHUNK: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

impl FileKind {
    /// From a content type or a file name.
    pub fn detect(content_type: Option<&str>, file_name: &str) -> Option<FileKind> {
        let ct = content_type
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let name = file_name.to_ascii_lowercase();
        if ct.contains("spreadsheetml") || ct.contains("ms-excel") || name.ends_with(".xlsx") || name.ends_with(".xls")
        {
            Some(FileKind::Xlsx)
        } else if ct == "text/csv" || ct == "application/csv" || name.ends_with(".csv") || ct == "text/plain" {
            Some(FileKind::Csv)
        } else {
            None
        }
    }
}

fn file_problem(problem: impl Into<String>) -> ImportProblem {
    ImportProblem {
        row: 1,
        column: "file".to_owned(),
        problem: problem.into(),
    }
}

/// The most rows and columns a spreadsheet may span: more than any import needs, and a bound on
/// what a hostile file can make the service allocate.
pub const MAX_SHEET_ROWS: u32 = 100_000;
pub const MAX_SHEET_COLUMNS: u32 = 200;

/// The first sheet of an XLSX workbook as rows of text cells, read cell by cell: a file whose
/// cells lie beyond [`MAX_SHEET_ROWS`] × [`MAX_SHEET_COLUMNS`] is refused before anything is
/// allocated for them (calamine's own range reader allocates the whole rectangle the cells span,
/// so one far cell could ask for hundreds of gigabytes). A panic inside the reader (malformed cell
/// references) is a refusal too.
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, ImportProblem> {
    let owned = bytes.to_vec();
    std::panic::catch_unwind(move || read_xlsx_cells(&owned))
        .unwrap_or_else(|_| Err(file_problem("the spreadsheet cannot be read: it is damaged")))
}

fn read_xlsx_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, ImportProblem> {
    use calamine::{DataRef, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        file_problem(format!(
            "the spreadsheet cannot be read (save it as .xlsx or as CSV UTF-8): {e}"
        ))
    })?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| file_problem("the spreadsheet has no sheet"))?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|e| file_problem(format!("the first sheet cannot be read: {e}")))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| file_problem(format!("the first sheet cannot be read: {e}")))?
    {
        let (row, column) = cell.get_position();
        if row >= MAX_SHEET_ROWS || column >= MAX_SHEET_COLUMNS {
            return Err(file_problem(format!(
                "the sheet has cells beyond {MAX_SHEET_ROWS} rows or {MAX_SHEET_COLUMNS} columns: \
                 keep the data in the first columns and remove what lies far below or to the right"
            )));
        }
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.trim().to_owned(),
            DataRef::SharedString(s) => s.trim().to_owned(),
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            DataRef::Float(f) => f.to_string(),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{day:02}")
            }
            DataRef::Error(e) => format!("#{e:?}"),
        };
        let (row, column) = (row as usize, column as usize);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells_of_row = &mut rows[row];
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = text;
    }
    // Rows keep their place (a blank row stays a blank row) and all have the header's width or more.
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    Ok(rows)
}

/// The file as rows of text cells; the first row is the header.
pub fn read_table(bytes: &[u8], kind: FileKind) -> Result<Vec<Vec<String>>, ImportProblem> {
    match kind {
        FileKind::Csv => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| file_problem("the file is not UTF-8 text: save the CSV as \"CSV UTF-8\""))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for (i, rec) in reader.records().enumerate() {
                let rec = rec.map_err(|e| ImportProblem {
                    row: i + 1,
                    column: "file".to_owned(),
                    problem: format!("the CSV cannot be read here: {e}"),
                })?;
                rows.push(rec.iter().map(|c| c.trim().to_owned()).collect());
            }
            Ok(rows)
        }
        FileKind::Xlsx => read_xlsx(bytes),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProblemRow {
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    /// The column key, e.g. birth_date.
    pub column: String,
    pub problem: String,
}

impl From<ImportProblem> for ProblemRow {
    fn from(p: ImportProblem) -> Self {
        ProblemRow {
            row: p.row,
            column: p.column,
            problem: p.problem,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExistingRow {
    pub row: usize,
    pub registry_number: String,
}

/// The outcome of checking (dry run) or committing a file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportReport {
    /// The import's id: its report can be fetched again, and a clean dry run committed.
    pub id: Uuid,
    pub dry_run: bool,
    pub file_name: String,
    /// Whether anything was written (only a commit of a file without problems writes).
    pub committed: bool,
    pub rows_total: usize,
    pub rows_valid: usize,
    /// Workers created (0 in a dry run).
    pub rows_created: usize,
    /// Rows that match a worker already registered: not created again.
    pub rows_existing: usize,
    pub problems: Vec<ProblemRow>,
    pub existing: Vec<ExistingRow>,
}

impl ImportReport {
    pub fn problems_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["row", "column", "problem"]);
        for p in &self.problems {
            let _ = w.write_record([p.row.to_string(), p.column.clone(), p.problem.clone()]);
        }
        let bytes = w.into_inner().unwrap_or_default();
        format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
    }
}

/// Progress of a long import, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    Checked { rows: usize, of: usize },
    Written { rows: usize, of: usize },
}

pub struct ImportRequest<'a> {
    pub actor: &'a Actor,
    pub scope: &'a WorkerScope,
    pub registered_by: Option<Uuid>,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub kind: FileKind,
    pub dry_run: bool,
}

fn valid_worker(r: &WorkerRow) -> ValidWorker {
    ValidWorker {
        name: r.name.clone(),
        sex: r.sex,
        birth_date: r.birth_date,
        national_id: r.national_id.clone(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        category: r.category,
        category_from: r.posting_start,
    }
}

/// Checks a file and, unless it is a dry run and when it has no problem, writes it.
pub async fn run(
    db: &DatabaseConnection,
    req: ImportRequest<'_>,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> AppResult<ImportReport> {
    let today = Utc::now().date_naive();
    let started = std::time::Instant::now();
    let sha = hex::encode(Sha256::digest(&req.bytes));
    let mut problems: Vec<ImportProblem> = Vec::new();
    let mut valid_rows: Vec<WorkerRow> = Vec::new();
    let mut rows_total = 0;
    // Every row's national ID, valid row or not, to find repeats inside the file.
    let mut national_ids: Vec<(usize, String)> = Vec::new();
    // Every row's organisation and duty station as typed, to check they exist even on rows
    // with other problems (the report lists every problem of a row).
    let mut references: Vec<RowReferences> = Vec::new();

    match read_table(&req.bytes, req.kind) {
        Err(p) => problems.push(p),
        Ok(table) if table.is_empty() => problems.push(file_problem("the file is empty: it needs a header row")),
        Ok(table) => {
            let headers = &table[0];
            match domain::map_headers(headers) {
                Err(ps) => problems.extend(ps),
                Ok(keys) => {
                    let body: Vec<&Vec<String>> = table[1..]
                        .iter()
                        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
                        .collect();
                    rows_total = body.len();
                    for (i, row) in table[1..].iter().enumerate() {
                        if row.iter().all(|c| c.trim().is_empty()) {
                            continue;
                        }
                        let cells: Vec<(&'static str, &str)> = keys
                            .iter()
                            .enumerate()
                            .filter_map(|(col, key)| key.map(|k| (k, row.get(col).map(String::as_str).unwrap_or(""))))
                            .collect();
                        if let Some((_, raw)) = cells.iter().find(|(k, _)| *k == "national_id")
                            && let Ok(nid) = domain::NationalId::parse("national_id", raw)
                        {
                            national_ids.push((i + 2, nid.as_str().to_owned()));
                        }
                        let cell = |key: &str| {
                            cells
                                .iter()
                                .find(|(k, _)| *k == key)
                                .map(|(_, v)| v.trim())
                                .unwrap_or("")
                        };
                        references.push(RowReferences {
                            row: i + 2,
                            organization: cell("organization_id").to_owned(),
                            station: domain::parse_duty_station_code("duty_station_code", cell("duty_station_code"))
                                .ok(),
                        });
                        match domain::parse_row(i + 2, &cells, today) {
                            Ok(r) => valid_rows.push(r),
                            Err(ps) => problems.extend(ps),
                        }
                        if i % 1000 == 0 {
                            progress(Progress::Checked {
                                rows: i,
                                of: rows_total,
                            });
                        }
                    }
                }
            }
        }
    }
    problems.extend(repeated_national_ids(&national_ids));
    check_references(db, &references, req.scope, &mut problems).await?;
    progress(Progress::Checked {
        rows: rows_total,
        of: rows_total,
    });

    let checked = started.elapsed();
    // Rows that are already in the registry.
    let existing = match_existing(db, &valid_rows).await?;
    let matched = started.elapsed();
    let problem_rows: HashSet<usize> = problems.iter().map(|p| p.row).collect();
    let rows_valid = valid_rows.iter().filter(|r| !problem_rows.contains(&r.row)).count();
    problems.sort_by(|a, b| a.row.cmp(&b.row).then(a.column.cmp(&b.column)));
    let mut report = ImportReport {
        id: Uuid::now_v7(),
        dry_run: req.dry_run,
        file_name: req.file_name.clone(),
        committed: false,
        rows_total,
        rows_valid,
        rows_created: 0,
        rows_existing: existing.len(),
        problems: problems.into_iter().map(ProblemRow::from).collect(),
        existing: {
            let mut e: Vec<ExistingRow> = existing
                .iter()
                .map(|(row, number)| ExistingRow {
                    row: *row,
                    registry_number: number.clone(),
                })
                .collect();
            e.sort_by_key(|e| e.row);
            e
        },
    };

    if req.dry_run || !report.problems.is_empty() {
        save_report(db, &report, &sha, req.actor, req.bytes).await?;
        return Ok(report);
    }

    let new_rows: Vec<&WorkerRow> = valid_rows.iter().filter(|r| !existing.contains_key(&r.row)).collect();
    let tx = audit::begin(db).await?;
    let numbers = allocate_registry_numbers(&tx, new_rows.len() as u64).await?;
    let mut worker_rows = Vec::with_capacity(new_rows.len());
    let mut category_rows = Vec::with_capacity(new_rows.len());
    let mut deployment_rows = Vec::with_capacity(new_rows.len());
    let mut entries = Vec::with_capacity(new_rows.len() + 1);
    let mut created: Vec<(Uuid, NaiveDate)> = Vec::new();
    for (r, number) in new_rows.iter().zip(numbers.iter()) {
        let id = Uuid::now_v7();
        let v = valid_worker(r);
        let w = new_worker_row(id, number, &v, req.registered_by);
        let posting = ValidPosting {
            organization_id: r.organization_id.parse().expect("checked"),
            duty_station_code: r.duty_station_code.clone(),
            position_title: r.position_title.clone(),
            is_focal_point: r.focal_point,
            employment_type: r.employment_type,
            is_primary: true,
            period: domain::Period::new(r.posting_start, None).expect("open period"),
        };
        let d = posting.into_row(id);
        entries.push(audit::Entry::created(
            "worker.imported",
            "worker",
            id,
            &serde_json::json!({
                "registry_number": number.as_str(),
                "row": r.row,
                "import": report.id,
                "name": v.name.display(),
                "birth_date": r.birth_date,
                "national_id": r.national_id.as_ref().map(|n| n.as_str()),
                "category": r.category.as_str(),
                "organization_id": r.organization_id,
                "duty_station_code": r.duty_station_code,
            }),
        ));
        category_rows.push(first_category_row(id, &v));
        deployment_rows.push(d);
        created.push((id, r.birth_date));
        worker_rows.push(w);
    }
    let total = worker_rows.len();
    // Written in slices so that a progress bar moves; each slice is one statement per table
    // on PostgreSQL.
    let slice = 5_000;
    let mut written = 0;
    let mut workers_iter = worker_rows.into_iter();
    let mut cats_iter = category_rows.into_iter();
    let mut deps_iter = deployment_rows.into_iter();
    loop {
        let ws: Vec<_> = workers_iter.by_ref().take(slice).collect();
        if ws.is_empty() {
            break;
        }
        let n = ws.len();
        bulk::insert_all(&tx, ws).await?;
        bulk::insert_all(&tx, cats_iter.by_ref().take(n).collect::<Vec<_>>()).await?;
        bulk::insert_all(&tx, deps_iter.by_ref().take(n).collect::<Vec<_>>()).await?;
        written += n;
        progress(Progress::Written {
            rows: written,
            of: total,
        });
    }
    let inserted = started.elapsed();
    let flags = flag_duplicates(&tx, &created).await?;
    let flagged = started.elapsed();
    entries.push(audit::Entry::created(
        "import.committed",
        "import",
        report.id,
        &serde_json::json!({"file_name": report.file_name, "sha256": sha, "created": total, "existing": report.rows_existing, "duplicate_flags": flags}),
    ));
    audit::record_batch(&tx, req.actor, entries).await?;
    report.rows_created = total;
    report.committed = true;
    save_report(&tx, &report, &sha, req.actor, req.bytes).await?;
    tx.commit().await?;
    tracing::info!(
        file = %report.file_name,
        created = report.rows_created,
        existing = report.rows_existing,
        checked_ms = checked.as_millis() as u64,
        matched_ms = matched.as_millis() as u64,
        inserted_ms = inserted.as_millis() as u64,
        flagged_ms = flagged.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "import committed"
    );
    Ok(report)
}

async fn save_report<C: ConnectionTrait>(
    db: &C,
    r: &ImportReport,
    sha: &str,
    actor: &Actor,
    bytes: Vec<u8>,
) -> AppResult<()> {
    imports::ActiveModel {
        id: Set(r.id),
        kind: Set("workers".to_owned()),
        file_name: Set(r.file_name.clone()),
        file_sha256: Set(sha.to_owned()),
        dry_run: Set(r.dry_run),
        rows_total: Set(r.rows_total as i32),
        rows_valid: Set(r.rows_valid as i32),
        rows_created: Set(r.rows_created as i32),
        rows_existing: Set(r.rows_existing as i32),
        report: Set(serde_json::to_string(r).map_err(AppError::internal)?),
        content: Set(bytes),
        created_by: Set(actor.0.clone()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A national ID repeated inside the file: a problem on every repeat, naming the first row.
fn repeated_national_ids(ids: &[(usize, String)]) -> Vec<ImportProblem> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (row, nid) in ids {
        match first.get(nid.as_str()) {
            Some(first_row) => problems.push(ImportProblem {
                row: *row,
                column: "national_id".to_owned(),
                problem: format!("the national ID {nid} is already on row {first_row} of this file"),
            }),
            None => {
                first.insert(nid, *row);
            }
        }
    }
    problems
}

struct RowReferences {
    row: usize,
    /// As typed; empty when the cell is empty (parse_row reports that).
    organization: String,
    /// The normalised code, when it is well-formed (parse_row reports a malformed one).
    station: Option<String>,
}

/// Organisations and duty stations must exist, and be within the importer's scope.
async fn check_references(
    db: &DatabaseConnection,
    rows: &[RowReferences],
    scope: &WorkerScope,
    problems: &mut Vec<ImportProblem>,
) -> AppResult<()> {
    let ids: Vec<Uuid> = rows
        .iter()
        .filter_map(|r| r.organization.parse::<Uuid>().ok())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut known_orgs = HashSet::new();
    for chunk in ids.chunks(CHUNK) {
        for o in organizations::Entity::find()
            .filter(organizations::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            known_orgs.insert(o.id);
        }
    }
    let codes: Vec<String> = rows
        .iter()
        .filter_map(|r| r.station.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut known_codes = HashSet::new();
    for chunk in codes.chunks(CHUNK) {
        for u in admin_units::Entity::find()
            .filter(admin_units::Column::Code.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            known_codes.insert(u.code);
        }
    }
    for r in rows {
        if let Ok(id) = r.organization.parse::<Uuid>() {
            if !known_orgs.contains(&id) {
                problems.push(ImportProblem {
                    row: r.row,
                    column: "organization_id".into(),
                    problem: format!("no organisation has the id {id}"),
                });
            } else if !scope.may_post_to(id) {
                problems.push(ImportProblem {
                    row: r.row,
                    column: "organization_id".into(),
                    problem: "is not your organisation or one below it: you can import only your own staff".into(),
                });
            }
        }
        if let Some(code) = &r.station
            && !known_codes.contains(code)
        {
            problems.push(ImportProblem {
                row: r.row,
                column: "duty_station_code".into(),
                problem: format!(
                    "{code} is not a code of the 2025 gazetteer (province 2 digits, district 4, commune 6)"
                ),
            });
        }
    }
    Ok(())
}

/// Rows (by spreadsheet row) that are already registered, with the registry number found.
async fn match_existing(db: &DatabaseConnection, rows: &[WorkerRow]) -> AppResult<HashMap<usize, String>> {
    let mut found = HashMap::new();
    let nids: Vec<String> = rows
        .iter()
        .filter_map(|r| r.national_id.as_ref().map(|n| n.as_str().to_owned()))
        .collect();
    let mut by_nid: HashMap<String, String> = HashMap::new();
    for chunk in nids.chunks(CHUNK) {
        for w in workers::Entity::find()
            .filter(workers::Column::NationalId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if let Some(n) = w.national_id {
                by_nid.insert(n, w.registry_number);
            }
        }
    }
    let dates: Vec<NaiveDate> = rows
        .iter()
        .filter(|r| r.national_id.is_none())
        .map(|r| r.birth_date)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut by_identity: HashMap<(NaiveDate, Option<String>, Option<String>), String> = HashMap::new();
    for chunk in dates.chunks(CHUNK) {
        for w in workers::Entity::find()
            .filter(workers::Column::BirthDate.is_in(chunk.to_vec()))
            .filter(workers::Column::MergedInto.is_null())
            .all(db)
            .await?
        {
            by_identity.insert(
                (w.birth_date, w.search_latin.clone(), w.search_km.clone()),
                w.registry_number,
            );
        }
    }
    for r in rows {
        let hit = match &r.national_id {
            Some(n) => by_nid.get(n.as_str()).cloned(),
            None => by_identity
                .get(&(r.birth_date, r.name.search_key_latin(), r.name.search_key_km()))
                .cloned(),
        };
        if let Some(number) = hit {
            found.insert(r.row, number);
        }
    }
    Ok(found)
}

/// Flags likely duplicates of the new rows among the records born the same days.
async fn flag_duplicates(tx: &sea_orm::DatabaseTransaction, created: &[(Uuid, NaiveDate)]) -> AppResult<usize> {
    let mut by_date: HashMap<NaiveDate, Vec<workers::Model>> = HashMap::new();
    let dates: Vec<NaiveDate> = created
        .iter()
        .map(|(_, d)| *d)
        .collect::<HashSet<NaiveDate>>()
        .into_iter()
        .collect();
    for chunk in dates.chunks(CHUNK) {
        for w in workers::Entity::find()
            .filter(workers::Column::BirthDate.is_in(chunk.to_vec()))
            .filter(workers::Column::MergedInto.is_null())
            .all(tx)
            .await?
        {
            by_date.entry(w.birth_date).or_default().push(w);
        }
    }
    let new_ids: HashSet<Uuid> = created.iter().map(|(id, _)| *id).collect();
    let mut flags = Vec::new();
    let mut seen = HashSet::new();
    for group in by_date.values() {
        for (i, j) in similar_pairs(group, &new_ids) {
            let (a, b) = (&group[i], &group[j]);
            let pair = if a.id < b.id { (a.id, b.id) } else { (b.id, a.id) };
            if !seen.insert(pair) {
                continue;
            }
            flags.push(duplicate_flags::ActiveModel {
                id: Set(Uuid::now_v7()),
                worker_id: Set(a.id),
                candidate_id: Set(b.id),
                reason: Set(super::duplicates::REASON.to_owned()),
                status: Set("open".to_owned()),
                created_at: Set(Utc::now()),
                resolved_at: Set(None),
                resolved_by: Set(None),
            });
        }
    }
    let count = flags.len();
    bulk::insert_all(tx, flags).await?;
    Ok(count)
}

/// Above this many records born the same day (typically a placeholder such as 1 January of a
/// year), only exact name matches are flagged: comparing every pair for typos would grow with the
/// square of the group.
pub const FUZZY_GROUP_LIMIT: usize = 200;

/// The pairs (new record, other record) of one birth-date group whose names look alike.
fn similar_pairs(group: &[workers::Model], new_ids: &HashSet<Uuid>) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    if group.len() <= FUZZY_GROUP_LIMIT {
        // Each name parsed once, then every pair compared (typos included).
        let names: Vec<Option<domain::PersonName>> = group.iter().map(super::duplicates::name_of).collect();
        for (i, a) in group.iter().enumerate().filter(|(_, w)| new_ids.contains(&w.id)) {
            let Some(name_a) = &names[i] else { continue };
            for j in (0..group.len()).filter(|j| *j != i && group[*j].id != a.id) {
                if names[j].as_ref().is_some_and(|n| domain::names_similar(name_a, n)) {
                    pairs.push((i, j));
                }
            }
        }
        return pairs;
    }
    // A large group: exact matches only, by key (the Khmer key, or the Latin name's words in any order).
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, w) in group.iter().enumerate() {
        if let Some(km) = w.search_km.as_deref().filter(|k| !k.is_empty()) {
            by_key.entry(format!("km:{km}")).or_default().push(j);
        }
        if let Some(latin) = w.search_latin.as_deref().filter(|k| !k.is_empty()) {
            let mut words: Vec<&str> = latin.split_whitespace().collect();
            words.sort_unstable();
            by_key.entry(format!("la:{}", words.join(" "))).or_default().push(j);
        }
    }
    for members in by_key.values().filter(|m| m.len() > 1) {
        for &i in members.iter().filter(|i| new_ids.contains(&group[**i].id)) {
            pairs.extend(members.iter().filter(|j| **j != i).map(|j| (i, *j)));
        }
    }
    pairs
}

/// A stored import, for its report or to commit a clean dry run.
pub async fn find(db: &DatabaseConnection, id: Uuid) -> AppResult<imports::Model> {
    imports::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("import"))
}

pub fn report_of(m: &imports::Model) -> AppResult<ImportReport> {
    serde_json::from_str(&m.report).map_err(AppError::internal)
}
