//! Turning stored rows into the domain's ledger, and back.

use chrono::NaiveDate;
use domain::{
    Credits, EntryKind, LedgerEntry, LedgerEntryId, ModuleCode, ModuleHours, Outcome, QualificationLevel,
    QualificationRules, Recognition, RecognitionDecision,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

use crate::store::{credit_entries, modules, qualification_modules, qualifications};

fn credits(n: i64) -> Credits {
    Credits::from_ninetieths(n.max(0) as u64)
}

/// A stored entry as the domain sees it; `None` for a row the domain cannot read (logged).
pub fn to_domain(row: &credit_entries::Model, module_code: &str) -> Option<LedgerEntry> {
    let module = ModuleCode::parse("module", module_code).ok()?;
    let recognition = || Recognition {
        assessor: row.assessor.clone().unwrap_or_default(),
        evidence: row.evidence.clone().unwrap_or_default(),
        decision: if row.decision.as_deref() == Some("not_yet_competent") {
            RecognitionDecision::NotYetCompetent
        } else {
            RecognitionDecision::Competent
        },
        granted: credits(row.granted_ninetieths.unwrap_or(0)),
    };
    let kind = match row.kind.as_str() {
        "completion" => EntryKind::Completion {
            hours: ModuleHours {
                instruction: row.hours_instruction.unwrap_or(0).max(0) as u32,
                laboratory: row.hours_laboratory.unwrap_or(0).max(0) as u32,
                field: row.hours_field.unwrap_or(0).max(0) as u32,
            },
            outcome: if row.passed == Some(true) {
                Outcome::Pass
            } else {
                Outcome::Fail
            },
            score: row.score.map(|s| s.max(0) as u16),
            assessor: row.assessor.clone().unwrap_or_default(),
        },
        "rpl" => EntryKind::Rpl(recognition()),
        "rcc" => EntryKind::Rcc(recognition()),
        "transfer" => EntryKind::Transfer {
            granted: credits(row.granted_ninetieths.unwrap_or(0)),
            from_provider: row.from_provider.clone().unwrap_or_default(),
        },
        "correction" => EntryKind::Correction {
            reverses: LedgerEntryId(row.reverses.unwrap_or(0).max(0) as u64),
            reason: row.reason.clone().unwrap_or_default(),
        },
        other => {
            tracing::error!(entry = row.id, kind = other, "a credit entry of an unknown kind");
            return None;
        }
    };
    Some(LedgerEntry {
        id: LedgerEntryId(row.id.max(0) as u64),
        module,
        module_credits: credits(row.module_credits_ninetieths),
        kind,
        on: row.occurred_on,
        qualification_version: None,
    })
}

/// A worker's whole ledger, as domain entries.
pub async fn ledger_of<C: ConnectionTrait>(
    db: &C,
    worker: Uuid,
    until: Option<NaiveDate>,
) -> Result<Vec<LedgerEntry>, DbErr> {
    let mut q = credit_entries::Entity::find().filter(credit_entries::Column::WorkerId.eq(worker));
    if let Some(d) = until {
        q = q.filter(credit_entries::Column::OccurredOn.lte(d));
    }
    let rows = q.order_by_asc(credit_entries::Column::Id).all(db).await?;
    let module_ids: Vec<Uuid> = rows.iter().map(|r| r.module_id).collect();
    let codes: HashMap<Uuid, String> = modules::Entity::find()
        .filter(modules::Column::Id.is_in(module_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.code))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| codes.get(&r.module_id).and_then(|code| to_domain(r, code)))
        .collect())
}

/// The rules of a qualification version, as the domain sees them.
pub async fn rules_of<C: ConnectionTrait>(
    db: &C,
    q: &qualifications::Model,
) -> Result<Option<QualificationRules>, DbErr> {
    let Ok(level) = q.level.parse::<QualificationLevel>() else {
        return Ok(None);
    };
    let links = qualification_modules::Entity::find()
        .filter(qualification_modules::Column::QualificationId.eq(q.id))
        .all(db)
        .await?;
    let ids: Vec<Uuid> = links.iter().map(|l| l.module_id).collect();
    let codes: HashMap<Uuid, String> = modules::Entity::find()
        .filter(modules::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.code))
        .collect();
    let pick = |required: bool| -> Vec<ModuleCode> {
        let mut v: Vec<ModuleCode> = links
            .iter()
            .filter(|l| l.required == required)
            .filter_map(|l| codes.get(&l.module_id))
            .filter_map(|c| ModuleCode::parse("module", c).ok())
            .collect();
        v.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        v
    };
    Ok(Some(QualificationRules {
        level,
        version: q.version.max(1) as u32,
        minimum_credits: credits(q.minimum_credits_ninetieths),
        required_modules: pick(true),
        elective_modules: pick(false),
    }))
}

/// JSON for exact credits: `{"ninetieths": n, "display": "2.5"}`.
pub fn credits_json(c: Credits) -> serde_json::Value {
    serde_json::json!({"ninetieths": c.ninetieths(), "display": c.display_rounded()})
}
