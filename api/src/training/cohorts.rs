//! Cohorts, enrolments, and a cohort's results recorded in one request: every row is checked
//! and reported; the results are written all together or not at all.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use domain::{Access, Action, FieldError, ModuleCode, Resource};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::ledger::rules_of;
use crate::{
    audit,
    auth::CurrentUser,
    error::{AppError, AppResult},
    store::{bulk, cohorts, credit_entries, enrolments, modules, qualifications, workers},
};

#[derive(Debug, Serialize, ToSchema)]
pub struct Cohort {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub qualification_id: Uuid,
    pub qualification_code: String,
    pub qualification_version: i32,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub location_code: Option<String>,
    pub trainers: Vec<String>,
    /// The enrolled workers.
    pub trainees: Vec<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCohort {
    /// The qualification's code: the cohort follows its latest version.
    pub qualification_code: String,
    pub name: String,
    pub start_date: String,
    pub end_date: Option<String>,
    /// A gazetteer code.
    pub location_code: Option<String>,
    #[serde(default)]
    pub trainers: Vec<String>,
    pub provider_id: Option<Uuid>,
}

/// The provider a catalogue, cohort or ledger write is for: a registrar's own; an
/// administrator's choice (NISA by default).
pub fn provider_for(user: &CurrentUser, access: &Access, requested: Option<Uuid>) -> AppResult<Uuid> {
    match access {
        Access::All => Ok(requested.unwrap_or_else(|| migration::NISA_ID.parse().expect("NISA's id"))),
        Access::OwnProvider => {
            let own = user
                .scope_organization_id
                .ok_or_else(|| AppError::forbidden("your account has no training provider"))?;
            match requested {
                Some(p) if p != own => Err(AppError::forbidden(
                    "a registrar writes only for their own training provider",
                )),
                _ => Ok(own),
            }
        }
        _ => Err(AppError::forbidden(
            "you cannot change the training catalogue or the credit ledger",
        )),
    }
}

pub async fn view(db: &DatabaseConnection, c: cohorts::Model) -> AppResult<Cohort> {
    let q = qualifications::Entity::find_by_id(c.qualification_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let trainees = enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(c.id))
        .order_by_asc(enrolments::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.worker_id)
        .collect();
    Ok(Cohort {
        id: c.id,
        provider_id: c.provider_id,
        qualification_id: q.id,
        qualification_code: q.code,
        qualification_version: q.version,
        name: c.name,
        start_date: c.start_date,
        end_date: c.end_date,
        location_code: c.location_code,
        trainers: serde_json::from_str(&c.trainers).unwrap_or_default(),
        trainees,
    })
}

pub async fn create(db: &DatabaseConnection, user: &CurrentUser, req: NewCohort) -> AppResult<Cohort> {
    let access = user.can(Resource::Catalogue, Action::Write)?;
    let provider = provider_for(user, &access, req.provider_id)?;
    let mut errors = Vec::new();
    let code = ModuleCode::parse("qualification_code", &req.qualification_code)
        .map_err(|e| errors.push(e))
        .ok();
    let name = domain::required_text("name", &req.name, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let start = domain::parse_date("start_date", &req.start_date)
        .map_err(|e| errors.push(e))
        .ok();
    let end = match req.end_date.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(raw) => domain::parse_date("end_date", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
        None => Some(None),
    };
    if let (Some(s), Some(Some(e))) = (start, end)
        && e < s
    {
        errors.push(FieldError::new(
            "end_date",
            "after_start",
            "must not be before the start date",
        ));
    }
    let qualification = match &code {
        Some(c) => {
            qualifications::Entity::find()
                .filter(qualifications::Column::Code.eq(c.as_str()))
                .order_by_desc(qualifications::Column::Version)
                .one(db)
                .await?
        }
        None => None,
    };
    if code.is_some() && qualification.is_none() {
        errors.push(FieldError::new(
            "qualification_code",
            "exists",
            "must be a qualification of the catalogue",
        ));
    }
    if let Some(loc) = req.location_code.as_deref().filter(|s| !s.is_empty())
        && crate::store::admin_units::Entity::find_by_id(loc.to_owned())
            .one(db)
            .await?
            .is_none()
    {
        errors.push(FieldError::new(
            "location_code",
            "exists",
            "must be a code of the 2025 gazetteer",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let tx = audit::begin(db).await?;
    let row = cohorts::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider),
        qualification_id: Set(qualification.expect("validated").id),
        name: Set(name.expect("validated")),
        start_date: Set(start.expect("validated")),
        end_date: Set(end.expect("validated")),
        location_code: Set(req.location_code.filter(|s| !s.is_empty())),
        trainers: Set(serde_json::to_string(&req.trainers).unwrap_or_else(|_| "[]".into())),
        created_at: Set(Utc::now()),
        version: Set(1),
    }
    .insert(&tx)
    .await?;
    audit::record(
        &tx,
        &user.actor(),
        "cohort.created",
        "cohort",
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    view(db, row).await
}

/// A cohort the user may change: a registrar's own provider's, or any for an administrator.
pub async fn writable(db: &DatabaseConnection, user: &CurrentUser, id: Uuid) -> AppResult<cohorts::Model> {
    let access = user.can(Resource::CreditRecords, Action::Write)?;
    let c = cohorts::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("cohort"))?;
    if matches!(access, Access::OwnProvider) && user.scope_organization_id != Some(c.provider_id) {
        return Err(AppError::not_found("cohort"));
    }
    Ok(c)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Enrol {
    pub worker_ids: Vec<Uuid>,
}

/// Enrols workers (once each: enrolling again changes nothing).
pub async fn enrol(db: &DatabaseConnection, user: &CurrentUser, id: Uuid, req: Enrol) -> AppResult<Cohort> {
    let c = writable(db, user, id).await?;
    let found: HashSet<Uuid> = workers::Entity::find()
        .filter(workers::Column::Id.is_in(req.worker_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|w| w.id)
        .collect();
    if let Some(missing) = req.worker_ids.iter().find(|w| !found.contains(w)) {
        return Err(AppError::invalid([FieldError::new(
            "worker_ids",
            "exists",
            format!("names {missing}, who is not in the registry"),
        )]));
    }
    let already: HashSet<Uuid> = enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.worker_id)
        .collect();
    let today = Utc::now().date_naive();
    let new: Vec<Uuid> = req
        .worker_ids
        .iter()
        .copied()
        .filter(|w| !already.contains(w))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let tx = audit::begin(db).await?;
    let rows: Vec<enrolments::ActiveModel> = new
        .iter()
        .map(|w| enrolments::ActiveModel {
            id: Set(Uuid::now_v7()),
            cohort_id: Set(c.id),
            worker_id: Set(*w),
            enrolled_on: Set(today),
            status: Set("enrolled".to_owned()),
            created_at: Set(Utc::now()),
        })
        .collect();
    bulk::insert_all(&tx, rows).await?;
    if !new.is_empty() {
        audit::record(
            &tx,
            &user.actor(),
            "cohort.enrolled",
            "cohort",
            c.id,
            None::<&()>,
            Some(&serde_json::json!({"workers": new})),
        )
        .await?;
    }
    tx.commit().await?;
    view(db, c).await
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultRow {
    pub worker_id: Uuid,
    pub module_code: String,
    /// pass or fail.
    pub result: String,
    /// 0 to 100.
    pub score: Option<u16>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortResults {
    /// The assessment date (YYYY-MM-DD), not in the future.
    pub assessed_on: String,
    pub assessor: String,
    pub results: Vec<ResultRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultProblem {
    /// The position in `results`, from 1; for an uploaded file, the spreadsheet row (the header
    /// is row 1); 0 for the request's own fields.
    pub row: usize,
    pub field: String,
    pub problem: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsReport {
    /// How many results were written (none when there is a problem or in a dry run).
    pub recorded: usize,
    /// How many results were read and checked.
    pub checked: usize,
    /// Every problem; for an uploaded file, `row` is the spreadsheet row and `field` the column.
    pub problems: Vec<ResultProblem>,
    /// True when nothing was to be written, only checked.
    pub dry_run: bool,
}

/// Records a cohort's results: all of them, or none with every problem listed.
pub async fn record_results(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    req: CohortResults,
) -> AppResult<ResultsReport> {
    let c = writable(db, user, id).await?;
    check_and_record(db, user, c, req, None, false).await
}

/// Where a result came from in an uploaded spreadsheet: its row and its module's column.
struct CellPlace {
    row: usize,
    column: String,
}

/// Records a cohort's results read from a spreadsheet (a row per trainee, a column per module;
/// see [`domain::results_grid`]): all of them, or none with every problem listed by row and
/// column. A dry run checks everything and writes nothing.
pub async fn record_results_file(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
    assessed_on: String,
    assessor: String,
    table: Vec<Vec<String>>,
    dry_run: bool,
) -> AppResult<ResultsReport> {
    let c = writable(db, user, id).await?;
    let (cells, grid_problems) = domain::results_grid::parse_results_grid(&table);
    let mut problems: Vec<ResultProblem> = grid_problems
        .into_iter()
        .map(|p| ResultProblem {
            row: p.row,
            field: p.column,
            problem: p.problem,
        })
        .collect();
    // The trainees of this cohort by registry number.
    let enrolled: HashMap<String, Uuid> = workers::Entity::find()
        .filter(
            workers::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(enrolments::Column::WorkerId)
                    .from(enrolments::Entity)
                    .and_where(enrolments::Column::CohortId.eq(c.id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.registry_number, w.id))
        .collect();
    let mut rows = Vec::with_capacity(cells.len());
    let mut places = Vec::with_capacity(cells.len());
    let mut reported = HashSet::new();
    for cell in cells {
        let number = cell.registry_number.to_string();
        let Some(worker_id) = enrolled.get(&number) else {
            if reported.insert(cell.row) {
                problems.push(ResultProblem {
                    row: cell.row,
                    field: "registry_number".into(),
                    problem: format!("{number} is not a trainee of this cohort"),
                });
            }
            continue;
        };
        rows.push(ResultRow {
            worker_id: *worker_id,
            module_code: cell.module_code.as_str().to_owned(),
            result: match cell.outcome {
                domain::Outcome::Pass => "pass".into(),
                domain::Outcome::Fail => "fail".into(),
            },
            score: cell.score,
        });
        places.push(CellPlace {
            row: cell.row,
            column: cell.module_code.as_str().to_owned(),
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(ResultProblem {
            row: 1,
            field: "file".into(),
            problem: "the file has no result to record: fill in pass or fail under the modules".into(),
        });
    }
    let req = CohortResults {
        assessed_on,
        assessor,
        results: rows,
    };
    let mut report = check_and_record(db, user, c, req, Some(&places), dry_run || !problems.is_empty()).await?;
    problems.append(&mut report.problems);
    problems.sort_by(|a, b| (a.row, &a.field).cmp(&(b.row, &b.field)));
    report.problems = problems;
    if !report.problems.is_empty() {
        report.recorded = 0;
    }
    report.dry_run = dry_run;
    Ok(report)
}

/// Checks every result and, when none has a problem and this is not a dry run, records them all
/// in one transaction. With `places`, problems name the spreadsheet's row and column instead of
/// the position in the request.
async fn check_and_record(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: cohorts::Model,
    req: CohortResults,
    places: Option<&[CellPlace]>,
    dry_run: bool,
) -> AppResult<ResultsReport> {
    let mut problems = Vec::new();
    let assessed_on = match domain::parse_date("assessed_on", &req.assessed_on) {
        Ok(d) if d > Utc::now().date_naive() => {
            problems.push(ResultProblem {
                row: 0,
                field: "assessed_on".into(),
                problem: "must not be in the future".into(),
            });
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(ResultProblem {
                row: 0,
                field: "assessed_on".into(),
                problem: e.message,
            });
            None
        }
    };
    let assessor = req.assessor.trim().to_owned();
    if assessor.is_empty() {
        problems.push(ResultProblem {
            row: 0,
            field: "assessor".into(),
            problem: "must not be empty".into(),
        });
    }
    let q = qualifications::Entity::find_by_id(c.qualification_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let rules = rules_of(db, &q)
        .await?
        .ok_or_else(|| AppError::internal("a qualification of an unknown level"))?;
    let module_rows: HashMap<String, modules::Model> = modules::Entity::find()
        .filter(
            modules::Column::Code.is_in(
                rules
                    .required_modules
                    .iter()
                    .chain(&rules.elective_modules)
                    .map(|m| m.as_str().to_owned()),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.code.clone(), m))
        .collect();
    let enrolled: HashSet<Uuid> = enrolments::Entity::find()
        .filter(enrolments::Column::CohortId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.worker_id)
        .collect();
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(req.results.len());
    for (i, r) in req.results.iter().enumerate() {
        let place = places.and_then(|p| p.get(i));
        let mut bad = |field: &str, problem: String| {
            problems.push(match place {
                Some(place) => ResultProblem {
                    row: place.row,
                    field: if field == "worker_id" {
                        "registry_number".into()
                    } else {
                        place.column.clone()
                    },
                    problem,
                },
                None => ResultProblem {
                    row: i + 1,
                    field: field.into(),
                    problem,
                },
            })
        };
        if !enrolled.contains(&r.worker_id) {
            bad("worker_id", format!("{} is not enrolled in this cohort", r.worker_id));
        }
        let code = r.module_code.trim().to_uppercase();
        let module = module_rows.get(&code);
        if module.is_none() {
            bad(
                "module_code",
                format!("{code} is not a module of this cohort's qualification"),
            );
        }
        let passed = match r.result.as_str() {
            "pass" => Some(true),
            "fail" => Some(false),
            _ => {
                bad("result", "must be pass or fail".into());
                None
            }
        };
        if r.score.is_some_and(|s| s > 100) {
            bad("score", "must be 0 to 100".into());
        }
        if !seen.insert((r.worker_id, code.clone())) {
            bad("module_code", format!("{code} is given twice for this trainee"));
        }
        if let (Some(m), Some(p)) = (module, passed) {
            rows.push((r.worker_id, m.clone(), p, r.score));
        }
    }
    if !problems.is_empty() || dry_run {
        return Ok(ResultsReport {
            recorded: 0,
            checked: req.results.len(),
            problems,
            dry_run,
        });
    }
    let on = assessed_on.expect("checked");
    let tx = audit::begin(db).await?;
    let now = Utc::now();
    let entries: Vec<credit_entries::ActiveModel> = rows
        .iter()
        .map(|(worker, m, passed, score)| credit_entries::ActiveModel {
            worker_id: Set(*worker),
            module_id: Set(m.id),
            provider_id: Set(c.provider_id),
            kind: Set("completion".to_owned()),
            // Attendance of the whole module; a row with partial attendance goes through /credits.
            hours_instruction: Set(Some(m.hours_instruction)),
            hours_laboratory: Set(Some(m.hours_laboratory)),
            hours_field: Set(Some(m.hours_field)),
            passed: Set(Some(*passed)),
            score: Set(score.map(|s| s as i16)),
            granted_ninetieths: Set(None),
            module_credits_ninetieths: Set(m.credits_ninetieths),
            assessor: Set(Some(assessor.clone())),
            evidence: Set(None),
            decision: Set(None),
            from_provider: Set(None),
            reverses: Set(None),
            reason: Set(None),
            occurred_on: Set(on),
            cohort_id: Set(Some(c.id)),
            qualification_id: Set(Some(q.id)),
            recorded_by: Set(user.actor().0),
            recorded_at: Set(now),
            ..Default::default()
        })
        .collect();
    let recorded = entries.len();
    bulk::insert_all(&tx, entries).await?;
    // One audit entry per credit recorded, chained in one batch.
    let audit_entries = rows
        .iter()
        .map(|(worker, m, passed, score)| {
            audit::Entry::created(
                "credit.recorded",
                "worker",
                worker,
                &serde_json::json!({"cohort": c.id, "module": m.code, "result": if *passed { "pass" } else { "fail" },
                                    "score": score, "on": on, "assessor": assessor}),
            )
        })
        .collect();
    audit::record_batch(&tx, &user.actor(), audit_entries).await?;
    tx.commit().await?;
    Ok(ResultsReport {
        recorded,
        checked: recorded,
        problems: Vec::new(),
        dry_run: false,
    })
}

/// The cohort's results spreadsheet to fill in, as CSV (with a byte-order mark, so that
/// spreadsheet programs read the Khmer names as UTF-8): its trainees as rows (registry number and
/// name), the modules of its qualification as columns, every result cell empty.
pub async fn results_template_csv(db: &DatabaseConnection, c: &cohorts::Model) -> AppResult<String> {
    let q = qualifications::Entity::find_by_id(c.qualification_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("qualification"))?;
    let rules = rules_of(db, &q)
        .await?
        .ok_or_else(|| AppError::internal("a qualification of an unknown level"))?;
    let modules: Vec<String> = rules
        .required_modules
        .iter()
        .chain(&rules.elective_modules)
        .map(|m| m.as_str().to_owned())
        .collect();
    let mut trainees: Vec<(String, String)> = workers::Entity::find()
        .filter(
            workers::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(enrolments::Column::WorkerId)
                    .from(enrolments::Entity)
                    .and_where(enrolments::Column::CohortId.eq(c.id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .iter()
        .map(|w| (w.registry_number.clone(), crate::registry::views::display_name(w)))
        .collect();
    trainees.sort();
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in domain::results_grid::results_template(&trainees, &modules) {
        out.write_record(&row).map_err(AppError::internal)?;
    }
    let bytes = out.into_inner().map_err(AppError::internal)?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
