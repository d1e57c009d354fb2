//! Training: modules and their credit, qualifications and their rules, the credit ledger of a
//! worker, the transcript and progress it yields, and whether a certificate may be issued
//! (issues 4 and 5).
//!
//! # Modules and qualifications
//!
//! A module ([`ModuleCode`]) records its hours by delivery mode ([`ModuleHours`]); its credit is
//! derived from them, exactly ([`Credits::from_module_hours`]). A qualification
//! ([`QualificationRules`]) is a CQF level or the allied workers' certificate
//! ([`QualificationLevel`]), a minimum of credits (never below the CQF minimum of its level), and
//! the modules that count toward it: required ones and elective ones. A qualification has
//! versions; every ledger entry records the version it was earned under, and the credit the
//! module carried then (`module_credits`), so a later version never changes credit already
//! earned. Progress toward a version counts modules by their code, with the credit frozen in the
//! entries.
//!
//! # The ledger
//!
//! Credit is never edited: every fact is a [`LedgerEntry`] appended to the worker's ledger, and
//! a mistake is undone by appending a correction ([`EntryKind::Correction`]) that reverses a
//! named earlier entry. [`effective_entries`] gives the entries still in effect, and everything
//! else (the transcript, progress, eligibility) is computed from them:
//!
//! - a **completion** records the hours attended by mode, the outcome (pass or fail), a score and
//!   the assessor. A failed completion carries no credit. A passed one carries **the module's
//!   credit** (`module_credits`), not the credit of the hours attended: attendance is recorded as
//!   it happened, and the module's credit is awarded on passing its assessment;
//! - **RPL** and **RCC** (recognition of prior learning, of current competency) record the
//!   assessor, the evidence, the decision and the credit granted, never more than the module
//!   carries. A "not yet competent" decision carries no credit;
//! - a **transfer** records credit granted for the module by another provider;
//! - a **correction** reverses an earlier entry, which then counts as if it had never been
//!   recorded (it stays in the ledger, and in the audit log).
//!
//! A module counts **once**, however often it was passed or recognised: [`credited_modules`]
//! keeps, per module, the one entry that gives the most credit.
//!
//! Credits are exact ([`Credits`]); only their display rounds, down (see [`crate::credits`]).

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::{CqfLevel, Credits, DeliveryMode, FieldError, WorkerStatus, required_text};

// ---------------------------------------------------------------------------------------------
// Credits in responses
// ---------------------------------------------------------------------------------------------

/// The JSON form of an amount of credit: exact, and as shown to people.
#[derive(Serialize)]
struct CreditsJson {
    ninetieths: u64,
    display: String,
}

impl From<Credits> for CreditsJson {
    fn from(credits: Credits) -> Self {
        CreditsJson {
            ninetieths: credits.ninetieths(),
            display: credits.display_rounded(),
        }
    }
}

/// Writes `credits` as `{"ninetieths": 225, "display": "2.5"}`: the exact value (what to store
/// and compute with) and the value rounded down to a tenth (what to show). For
/// `#[serde(serialize_with = "serialize_credits")]`; every output type of this module uses it.
pub fn serialize_credits<S: Serializer>(credits: &Credits, serializer: S) -> Result<S::Ok, S::Error> {
    CreditsJson::from(*credits).serialize(serializer)
}

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

/// The code of a module, e.g. `SW-101` or `TVC1.03`: 2 to 32 characters, uppercase letters A-Z,
/// digits, `-` and `.`, beginning with a letter or a digit.
///
/// Parsing trims the input and uppercases it, so `" sw-101 "` is `SW-101`. Serialized as its
/// text; deserializing checks it (field `module`).
///
/// ```
/// use domain::ModuleCode;
/// assert_eq!(ModuleCode::parse("module", " sw-101 ").unwrap().as_str(), "SW-101");
/// assert_eq!(ModuleCode::parse("module", "SW 101").unwrap_err().rule, "format");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ModuleCode(String);

impl ModuleCode {
    /// The fewest characters of a code.
    pub const MIN_CHARS: usize = 2;
    /// The most characters of a code.
    pub const MAX_CHARS: usize = 32;

    /// Parses `raw`, the value of the input `field` (rules `required`, `format`, `too_short`,
    /// `too_long`).
    pub fn parse(field: &str, raw: &str) -> Result<ModuleCode, FieldError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.';
        if !code.chars().all(allowed) || !code.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(FieldError::new(
                field,
                "format",
                "must be a module code such as SW-101: letters A-Z, digits, '-' and '.', beginning with a letter or a digit",
            ));
        }
        // Only ASCII is left, so bytes are characters.
        if code.len() < Self::MIN_CHARS {
            return Err(FieldError::new(
                field,
                "too_short",
                format!("must be at least {} characters", Self::MIN_CHARS),
            ));
        }
        if code.len() > Self::MAX_CHARS {
            return Err(FieldError::new(
                field,
                "too_long",
                format!("must be at most {} characters", Self::MAX_CHARS),
            ));
        }
        Ok(ModuleCode(code))
    }

    /// The code, e.g. `SW-101`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ModuleCode {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        ModuleCode::parse("module", &raw)
    }
}

impl From<ModuleCode> for String {
    fn from(code: ModuleCode) -> String {
        code.0
    }
}

impl FromStr for ModuleCode {
    type Err = FieldError;

    /// Parses a code for the input `module`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        ModuleCode::parse("module", raw)
    }
}

impl fmt::Display for ModuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The hours of a module (or the hours a trainee attended) by delivery mode. Missing modes
/// deserialize as zero.
///
/// ```
/// use domain::{Credits, ModuleHours};
/// let hours = ModuleHours { instruction: 30, laboratory: 15, field: 45 };
/// // 2 + 0.5 + 1 credits.
/// assert_eq!(hours.credits(), Credits::from_ninetieths(315));
/// assert_eq!(hours.credits().display_rounded(), "3.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ModuleHours {
    /// Hours of teaching and instruction (15 a credit).
    pub instruction: u32,
    /// Hours of laboratory or workshop (30 a credit).
    pub laboratory: u32,
    /// Hours of field work or internship (45 a credit).
    pub field: u32,
}

impl ModuleHours {
    /// The most hours of any one mode a module (or an attendance) may record.
    pub const MAX_HOURS_PER_MODE: u32 = 2_000;

    /// The credit of these hours, exact.
    pub fn credits(self) -> Credits {
        Credits::from_module_hours(self.instruction, self.laboratory, self.field)
    }

    /// The hours of `mode`.
    pub fn get(self, mode: DeliveryMode) -> u32 {
        match mode {
            DeliveryMode::Instruction => self.instruction,
            DeliveryMode::Laboratory => self.laboratory,
            DeliveryMode::Field => self.field,
        }
    }

    /// All the hours, whatever their mode.
    pub fn total(self) -> u64 {
        DeliveryMode::ALL.iter().map(|mode| u64::from(self.get(*mode))).sum()
    }

    /// Checks the hours: each mode at most [`Self::MAX_HOURS_PER_MODE`] (field
    /// `{field_prefix}.instruction`, `.laboratory` or `.field`, rule `out_of_range`), and at
    /// least one hour in all (field `field_prefix`, rule `required`). With an empty prefix the
    /// fields are `instruction`, `laboratory`, `field` and `hours`.
    pub fn validate(&self, field_prefix: &str) -> Result<(), FieldError> {
        for mode in DeliveryMode::ALL {
            if self.get(mode) > Self::MAX_HOURS_PER_MODE {
                let field = if field_prefix.is_empty() {
                    mode.as_str().to_owned()
                } else {
                    format!("{field_prefix}.{}", mode.as_str())
                };
                return Err(FieldError::new(
                    field,
                    "out_of_range",
                    format!("must be at most {} hours", Self::MAX_HOURS_PER_MODE),
                ));
            }
        }
        if self.total() == 0 {
            let field = if field_prefix.is_empty() { "hours" } else { field_prefix };
            return Err(FieldError::new(
                field,
                "required",
                "must have at least one hour of instruction, laboratory or field work",
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Qualifications
// ---------------------------------------------------------------------------------------------

/// What a qualification is: a level of the CQF, or the allied workers' certificate (15 days of
/// selected modules, not a CQF level).
///
/// Its code is `cqf-1` to `cqf-8` or `allied` ([`Self::as_str`], the serialized form and the
/// display); [`Self::label`] names it in sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum QualificationLevel {
    /// A level of the Cambodia Qualifications Framework.
    Cqf(CqfLevel),
    /// The allied workers' certificate, outside the CQF.
    AlliedCertificate,
}

impl QualificationLevel {
    /// The codes of the CQF levels, by level.
    const CQF_CODES: [&'static str; 8] = ["cqf-1", "cqf-2", "cqf-3", "cqf-4", "cqf-5", "cqf-6", "cqf-7", "cqf-8"];
    /// The names of the CQF levels in sentences, by level.
    const CQF_LABELS: [&'static str; 8] = [
        "CQF level 1",
        "CQF level 2",
        "CQF level 3",
        "CQF level 4",
        "CQF level 5",
        "CQF level 6",
        "CQF level 7",
        "CQF level 8",
    ];

    /// Every level: CQF 1 to 8, then the allied workers' certificate.
    pub fn all() -> impl Iterator<Item = QualificationLevel> {
        CqfLevel::all()
            .map(QualificationLevel::Cqf)
            .chain([QualificationLevel::AlliedCertificate])
    }

    /// The fewest credits any qualification of this level may require: the CQF minimum of the
    /// level ([`CqfLevel::minimum_credits`]); none for the allied workers' certificate.
    pub fn minimum_credits_floor(self) -> Credits {
        match self {
            QualificationLevel::Cqf(level) => Credits::from_whole(level.minimum_credits()),
            QualificationLevel::AlliedCertificate => Credits::ZERO,
        }
    }

    /// The stable code: `cqf-1` to `cqf-8`, or `allied`.
    pub fn as_str(self) -> &'static str {
        match self {
            QualificationLevel::Cqf(level) => Self::CQF_CODES[usize::from(level.get() - 1)],
            QualificationLevel::AlliedCertificate => "allied",
        }
    }

    /// The level in an English sentence: `CQF level 4`, or `the allied workers' certificate`.
    pub fn label(self) -> &'static str {
        match self {
            QualificationLevel::Cqf(level) => Self::CQF_LABELS[usize::from(level.get() - 1)],
            QualificationLevel::AlliedCertificate => "the allied workers' certificate",
        }
    }

    /// The CQF level, if it is one.
    pub fn cqf_level(self) -> Option<CqfLevel> {
        match self {
            QualificationLevel::Cqf(level) => Some(level),
            QualificationLevel::AlliedCertificate => None,
        }
    }
}

impl From<CqfLevel> for QualificationLevel {
    fn from(level: CqfLevel) -> Self {
        QualificationLevel::Cqf(level)
    }
}

impl fmt::Display for QualificationLevel {
    /// The code, e.g. `cqf-4` or `allied`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for QualificationLevel {
    type Err = FieldError;

    /// Reads a code, `cqf-1` to `cqf-8` or `allied`, trimmed, in any case (field `level`,
    /// rule `one_of`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let raw = raw.trim().to_ascii_lowercase();
        QualificationLevel::all()
            .find(|level| level.as_str() == raw)
            .ok_or_else(|| {
                let codes: Vec<&str> = QualificationLevel::all().map(QualificationLevel::as_str).collect();
                FieldError::new("level", "one_of", format!("must be one of: {}", codes.join(", ")))
            })
    }
}

impl TryFrom<String> for QualificationLevel {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        raw.parse()
    }
}

impl From<QualificationLevel> for String {
    fn from(level: QualificationLevel) -> String {
        level.as_str().to_owned()
    }
}

/// The rules of one version of a qualification (a programme): its level, the credits it
/// requires, and the modules that count toward it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualificationRules {
    pub level: QualificationLevel,
    /// The version of the qualification these rules are, from 1.
    pub version: u32,
    /// The fewest credits, from the qualification's modules, that earn it.
    #[serde(serialize_with = "serialize_credits")]
    pub minimum_credits: Credits,
    /// Modules that must each be passed (or recognised in full).
    pub required_modules: Vec<ModuleCode>,
    /// Modules that count toward the minimum if taken.
    pub elective_modules: Vec<ModuleCode>,
}

impl QualificationRules {
    /// Checks the rules, reporting every problem at once:
    ///
    /// - `version`, `out_of_range`: the version is 0;
    /// - `minimum_credits`, `out_of_range`: the minimum is zero (a qualification always requires
    ///   some credit, the allied workers' certificate included);
    /// - `minimum_credits`, `below_cqf_minimum`: the minimum is below the CQF minimum of the level;
    /// - `required_modules`, `required`: neither required nor elective modules are listed;
    /// - `required_modules` or `elective_modules`, `duplicate`: a list names a module twice;
    /// - `elective_modules`, `duplicate`: a module is both required and elective.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.version == 0 {
            errors.push(FieldError::new("version", "out_of_range", "must be 1 or more"));
        }
        let floor = self.level.minimum_credits_floor();
        if self.minimum_credits == Credits::ZERO {
            errors.push(FieldError::new(
                "minimum_credits",
                "out_of_range",
                "must be more than 0 credits",
            ));
        } else if self.minimum_credits < floor {
            errors.push(FieldError::new(
                "minimum_credits",
                "below_cqf_minimum",
                format!(
                    "must be at least {} credits, the minimum of {}",
                    floor.display_rounded(),
                    self.level.label()
                ),
            ));
        }
        if self.required_modules.is_empty() && self.elective_modules.is_empty() {
            errors.push(FieldError::new(
                "required_modules",
                "required",
                "must list at least one module, required or elective",
            ));
        }
        for (field, list) in [
            ("required_modules", &self.required_modules),
            ("elective_modules", &self.elective_modules),
        ] {
            let repeated = repeated_codes(list);
            if !repeated.is_empty() {
                errors.push(FieldError::new(
                    field,
                    "duplicate",
                    format!("must not list a module twice: {}", join_codes(&repeated)),
                ));
            }
        }
        let mut both: Vec<&ModuleCode> = Vec::new();
        for module in &self.elective_modules {
            if self.required_modules.contains(module) && !both.contains(&module) {
                both.push(module);
            }
        }
        if !both.is_empty() {
            errors.push(FieldError::new(
                "elective_modules",
                "duplicate",
                format!("must not repeat a required module: {}", join_codes(&both)),
            ));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Whether `module` counts toward the qualification, as required or elective.
    pub fn includes(&self, module: &ModuleCode) -> bool {
        self.required_modules.contains(module) || self.elective_modules.contains(module)
    }
}

/// The codes that `list` names more than once, each once, in the order of their second mention.
fn repeated_codes(list: &[ModuleCode]) -> Vec<&ModuleCode> {
    let mut seen = HashSet::new();
    let mut repeated = Vec::new();
    for module in list {
        if !seen.insert(module) && !repeated.contains(&module) {
            repeated.push(module);
        }
    }
    repeated
}

/// `A, B, C`.
fn join_codes<'a>(codes: impl IntoIterator<Item = &'a &'a ModuleCode>) -> String {
    codes
        .into_iter()
        .map(|code| code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// The ledger
// ---------------------------------------------------------------------------------------------

/// The most characters of a name in the ledger: an assessor, a provider.
pub const MAX_LEDGER_NAME_CHARS: usize = 200;
/// The most characters of a text in the ledger: evidence, the reason for a correction.
pub const MAX_LEDGER_TEXT_CHARS: usize = 2_000;

/// The number of an entry of the ledger. Entries are numbered in the order they are appended:
/// a later entry has a larger id (a database sequence will do). A correction only ever
/// reverses an entry with a smaller id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LedgerEntryId(pub u64);

impl fmt::Display for LedgerEntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The outcome of a module's assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
}

/// The decision of an RPL or RCC assessment, in the terms of competency-based training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecognitionDecision {
    /// The competencies are recognised: the credit granted is awarded.
    Competent,
    /// They are not (yet): no credit, and the credit granted must be zero.
    NotYetCompetent,
}

/// An RPL or RCC assessment: who assessed what, what they decided, and how much credit it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recognition {
    /// Who assessed the competencies.
    pub assessor: String,
    /// What the decision rests on (portfolio, observation, employer statement, ...).
    pub evidence: String,
    pub decision: RecognitionDecision,
    /// The credit granted: more than zero and at most what the module carries if competent,
    /// zero otherwise.
    #[serde(serialize_with = "serialize_credits")]
    pub granted: Credits,
}

/// What an entry of the ledger records. Serialized with its kind in `kind`: `completion`,
/// `rpl`, `rcc`, `transfer`, `correction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryKind {
    /// The module was taken and assessed.
    Completion {
        /// The hours the trainee attended, by mode (recorded; the credit awarded on a pass is the
        /// module's, not these hours').
        hours: ModuleHours,
        outcome: Outcome,
        /// The score, from 0 to 100, if the assessment gives one.
        score: Option<u16>,
        assessor: String,
    },
    /// Recognition of prior learning.
    Rpl(Recognition),
    /// Recognition of current competency.
    Rcc(Recognition),
    /// Credit for the module earned at another provider.
    Transfer {
        #[serde(serialize_with = "serialize_credits")]
        granted: Credits,
        from_provider: String,
    },
    /// Reverses the entry `reverses`: it counts as if it had never been recorded. Reversing a
    /// correction puts back in effect what it reversed.
    Correction { reverses: LedgerEntryId, reason: String },
}

impl EntryKind {
    /// The stable code of the kind: `completion`, `rpl`, `rcc`, `transfer`, `correction`.
    pub fn code(&self) -> &'static str {
        match self {
            EntryKind::Completion { .. } => "completion",
            EntryKind::Rpl(_) => "rpl",
            EntryKind::Rcc(_) => "rcc",
            EntryKind::Transfer { .. } => "transfer",
            EntryKind::Correction { .. } => "correction",
        }
    }
}

/// One entry of a worker's credit ledger, about one module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerEntry {
    pub id: LedgerEntryId,
    pub module: ModuleCode,
    /// The credit the module carried when the entry was recorded (from its hours, under the
    /// qualification version of the time): the most this entry can ever be worth.
    #[serde(serialize_with = "serialize_credits")]
    pub module_credits: Credits,
    #[serde(flatten)]
    pub kind: EntryKind,
    /// When it happened: the assessment, the decision, the transfer, the correction.
    pub on: NaiveDate,
    /// The version of the qualification the credit was earned under, if any.
    pub qualification_version: Option<u32>,
}

impl LedgerEntry {
    /// The credit this entry carries on its own, if it is in effect, and how: the module's
    /// credit for a passed completion; the credit granted (never above the module's) for a
    /// competent RPL or RCC and for a transfer; nothing for a failed completion, a "not yet
    /// competent" decision, a correction, or a zero amount.
    pub fn credit(&self) -> Option<(Credits, CreditSource)> {
        let (amount, via) = match &self.kind {
            EntryKind::Completion { outcome, .. } => match outcome {
                Outcome::Pass => (self.module_credits, CreditSource::Completion),
                Outcome::Fail => return None,
            },
            EntryKind::Rpl(recognition) => (recognised(recognition)?, CreditSource::Rpl),
            EntryKind::Rcc(recognition) => (recognised(recognition)?, CreditSource::Rcc),
            EntryKind::Transfer { granted, .. } => (*granted, CreditSource::Transfer),
            EntryKind::Correction { .. } => return None,
        };
        let amount = amount.min(self.module_credits);
        (amount > Credits::ZERO).then_some((amount, via))
    }
}

/// The credit a recognition grants, if competent.
fn recognised(recognition: &Recognition) -> Option<Credits> {
    (recognition.decision == RecognitionDecision::Competent).then_some(recognition.granted)
}

/// Checks one entry on its own, reporting every problem at once. Fields and rules:
///
/// - `module_credits`, `out_of_range`: zero (every module carries some credit);
/// - `qualification_version`, `out_of_range`: 0;
/// - completion: `hours.*` ([`ModuleHours::validate`] with prefix `hours`; no cap against the
///   module's own hours), `score`, `out_of_range` (above 100), `assessor` (`required`,
///   `too_long`);
/// - RPL and RCC: `assessor`, `evidence` (`required`, `too_long`); if competent, `granted`
///   `out_of_range` (zero) or `exceeds_module` (more than `module_credits`; exactly as much is
///   allowed); if not yet competent, `granted`, `not_competent` (anything but zero);
/// - transfer: `granted` as for a competent recognition, `from_provider` (`required`,
///   `too_long`);
/// - correction: `reason` (`required`, `too_long`). Whether it names an entry it may reverse
///   depends on the ledger: see [`validate_correction`].
pub fn validate_entry(entry: &LedgerEntry) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let text = |field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>| {
        if let Err(error) = required_text(field, value, max) {
            errors.push(error);
        }
    };
    if entry.module_credits == Credits::ZERO {
        errors.push(FieldError::new(
            "module_credits",
            "out_of_range",
            "must be more than 0 credits",
        ));
    }
    if entry.qualification_version == Some(0) {
        errors.push(FieldError::new(
            "qualification_version",
            "out_of_range",
            "must be 1 or more",
        ));
    }
    match &entry.kind {
        EntryKind::Completion {
            hours, score, assessor, ..
        } => {
            if let Err(error) = hours.validate("hours") {
                errors.push(error);
            }
            if score.is_some_and(|score| score > 100) {
                errors.push(FieldError::new("score", "out_of_range", "must be from 0 to 100"));
            }
            text("assessor", assessor, MAX_LEDGER_NAME_CHARS, &mut errors);
        }
        EntryKind::Rpl(recognition) | EntryKind::Rcc(recognition) => {
            text("assessor", &recognition.assessor, MAX_LEDGER_NAME_CHARS, &mut errors);
            text("evidence", &recognition.evidence, MAX_LEDGER_TEXT_CHARS, &mut errors);
            match recognition.decision {
                RecognitionDecision::Competent => {
                    errors.extend(check_granted(recognition.granted, entry.module_credits));
                }
                RecognitionDecision::NotYetCompetent if recognition.granted != Credits::ZERO => {
                    errors.push(FieldError::new(
                        "granted",
                        "not_competent",
                        "must be 0 credits when the decision is not yet competent",
                    ));
                }
                RecognitionDecision::NotYetCompetent => {}
            }
        }
        EntryKind::Transfer { granted, from_provider } => {
            errors.extend(check_granted(*granted, entry.module_credits));
            text("from_provider", from_provider, MAX_LEDGER_NAME_CHARS, &mut errors);
        }
        EntryKind::Correction { reason, .. } => {
            text("reason", reason, MAX_LEDGER_TEXT_CHARS, &mut errors);
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Credit granted by recognition or transfer: more than zero, at most what the module carries.
fn check_granted(granted: Credits, module_credits: Credits) -> Option<FieldError> {
    if granted == Credits::ZERO {
        return Some(FieldError::new(
            "granted",
            "out_of_range",
            "must be more than 0 credits",
        ));
    }
    if granted > module_credits {
        let (mut shown_granted, mut shown_module) = (granted.display_rounded(), module_credits.display_rounded());
        if shown_granted == shown_module {
            // Both round down to the same tenth: say the exact values.
            shown_granted = format!("{}/90", granted.ninetieths());
            shown_module = format!("{}/90", module_credits.ninetieths());
        }
        return Some(FieldError::new(
            "granted",
            "exceeds_module",
            format!("must not exceed the {shown_module} credits the module carries ({shown_granted} granted)"),
        ));
    }
    None
}

/// Whether each entry (by position in `entries`) is in effect, corrections included.
///
/// An entry is in effect unless a correction in effect, with a larger id, reverses it. Walking
/// from the last entry to the first, every correction's standing is settled before the entry it
/// reverses is reached, so the result is unique and there can be no cycle; the order of
/// `entries` does not matter.
fn in_effect(entries: &[LedgerEntry]) -> Vec<bool> {
    let mut by_id: Vec<usize> = (0..entries.len()).collect();
    by_id.sort_by_key(|&index| entries[index].id);
    let mut reversed: HashSet<LedgerEntryId> = HashSet::new();
    let mut effective = vec![false; entries.len()];
    for &index in by_id.iter().rev() {
        let entry = &entries[index];
        effective[index] = !reversed.contains(&entry.id);
        if let EntryKind::Correction { reverses, .. } = entry.kind
            && effective[index]
            && reverses < entry.id
        {
            reversed.insert(reverses);
        }
    }
    effective
}

/// The entries still in effect, in the order of `entries`, without the corrections.
///
/// A correction reverses the entry it names, provided the correction is itself in effect and
/// the entry is earlier (a smaller id; a correction naming a later or unknown entry reverses
/// nothing). So a correction of a correction puts the original back in effect, a third
/// correction reverses it again, and so on: a chain of corrections leaves the original in
/// effect when it is of even length.
pub fn effective_entries(entries: &[LedgerEntry]) -> Vec<&LedgerEntry> {
    entries
        .iter()
        .zip(in_effect(entries))
        .filter(|(entry, effective)| *effective && !matches!(entry.kind, EntryKind::Correction { .. }))
        .map(|(entry, _)| entry)
        .collect()
}

/// Checks that `correction` may be appended to the ledger `existing` (the worker's entries so
/// far): it names an entry of `existing` (field `reverses`, rule `not_found`), of the same module
/// (`other_module`), that is still in effect (`already_reversed`; a correction in effect may be
/// reversed, which restores what it reversed). Any other kind of entry passes.
pub fn validate_correction(existing: &[LedgerEntry], correction: &LedgerEntry) -> Result<(), FieldError> {
    let EntryKind::Correction { reverses, .. } = correction.kind else {
        return Ok(());
    };
    let effective = in_effect(existing);
    let Some(index) = existing.iter().position(|entry| entry.id == reverses) else {
        return Err(FieldError::new(
            "reverses",
            "not_found",
            format!("must name an entry of this ledger; there is no entry {reverses}"),
        ));
    };
    let target = &existing[index];
    if target.module != correction.module {
        return Err(FieldError::new(
            "reverses",
            "other_module",
            format!(
                "must name an entry of module {}; entry {reverses} is of module {}",
                correction.module, target.module
            ),
        ));
    }
    if !effective[index] {
        return Err(FieldError::new(
            "reverses",
            "already_reversed",
            format!("must name an entry in effect; entry {reverses} is already reversed"),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Transcript
// ---------------------------------------------------------------------------------------------

/// How credit was earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditSource {
    Completion,
    Rpl,
    Rcc,
    Transfer,
}

impl CreditSource {
    /// Every source, in the order of transcripts.
    pub const ALL: [CreditSource; 4] = [
        CreditSource::Completion,
        CreditSource::Rpl,
        CreditSource::Rcc,
        CreditSource::Transfer,
    ];

    /// The stable code: `completion`, `rpl`, `rcc`, `transfer`.
    pub fn as_str(self) -> &'static str {
        match self {
            CreditSource::Completion => "completion",
            CreditSource::Rpl => "rpl",
            CreditSource::Rcc => "rcc",
            CreditSource::Transfer => "transfer",
        }
    }
}

impl fmt::Display for CreditSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The credit a module counts for, and the entry it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleCredit {
    pub module: ModuleCode,
    /// Never more than the module carried in the entry, never zero.
    #[serde(serialize_with = "serialize_credits")]
    pub credits: Credits,
    /// Whether the module is credited in full: all it carried in the entry (always so for a
    /// passed completion; a partial grant by RPL, RCC or transfer is not).
    pub in_full: bool,
    pub via: CreditSource,
    pub on: NaiveDate,
    /// The entry the credit comes from.
    pub entry: LedgerEntryId,
    /// The qualification version it was earned under, if any.
    pub qualification_version: Option<u32>,
}

/// The credit of every module, each counted once, in the order of module codes.
///
/// Of the entries in effect ([`effective_entries`]) that carry credit ([`LedgerEntry::credit`]),
/// each module keeps the best: the most credit; on a tie, one in full, then the earliest date,
/// then the smallest id. A module passed three times counts once; a failed attempt counts for
/// nothing and takes nothing away from a pass.
pub fn credited_modules(entries: &[LedgerEntry]) -> Vec<ModuleCredit> {
    credited_modules_until(entries, None)
}

/// [`credited_modules`], counting only credit dated on or before `until` if given (corrections
/// apply whatever their date: they say the record was wrong).
fn credited_modules_until(entries: &[LedgerEntry], until: Option<NaiveDate>) -> Vec<ModuleCredit> {
    let mut best: BTreeMap<&ModuleCode, ModuleCredit> = BTreeMap::new();
    for entry in effective_entries(entries) {
        if until.is_some_and(|until| entry.on > until) {
            continue;
        }
        let Some((credits, via)) = entry.credit() else {
            continue;
        };
        let candidate = ModuleCredit {
            module: entry.module.clone(),
            credits,
            in_full: credits == entry.module_credits,
            via,
            on: entry.on,
            entry: entry.id,
            qualification_version: entry.qualification_version,
        };
        match best.get(&entry.module) {
            Some(current) if !better(&candidate, current) => {}
            _ => {
                best.insert(&entry.module, candidate);
            }
        }
    }
    best.into_values().collect()
}

/// Whether `a` is a better credit for its module than `b`: more credit, then in full, then
/// earlier, then a smaller id.
fn better(a: &ModuleCredit, b: &ModuleCredit) -> bool {
    let key = |c: &ModuleCredit| (std::cmp::Reverse(c.credits), !c.in_full, c.on, c.entry);
    key(a) < key(b)
}

/// The credit of one source in a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SourceTotal {
    pub via: CreditSource,
    #[serde(serialize_with = "serialize_credits")]
    pub credits: Credits,
}

/// A worker's transcript: every module credited, once, and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transcript {
    /// In the order of module codes.
    pub modules: Vec<ModuleCredit>,
    /// The sum of the modules' credit, exactly.
    #[serde(serialize_with = "serialize_credits")]
    pub total: Credits,
    /// The total by source, every source listed (in the order of [`CreditSource::ALL`]), adding
    /// up to `total`.
    pub by_source: [SourceTotal; 4],
}

impl Transcript {
    /// The credit earned by `source`.
    pub fn by(&self, source: CreditSource) -> Credits {
        self.by_source
            .iter()
            .find(|total| total.via == source)
            .map_or(Credits::ZERO, |total| total.credits)
    }
}

/// The transcript of a ledger: [`credited_modules`] and their totals.
pub fn transcript(entries: &[LedgerEntry]) -> Transcript {
    let modules = credited_modules(entries);
    let total = modules.iter().map(|module| module.credits).sum();
    let by_source = CreditSource::ALL.map(|via| SourceTotal {
        via,
        credits: modules
            .iter()
            .filter(|module| module.via == via)
            .map(|module| module.credits)
            .sum(),
    });
    Transcript {
        modules,
        total,
        by_source,
    }
}

// ---------------------------------------------------------------------------------------------
// Progress and eligibility
// ---------------------------------------------------------------------------------------------

/// Why a qualification is not (yet) earned, or a certificate may not be issued.
///
/// Displayed as an English sentence; serialized as `{"code": ..., "message": ..., ...}` with
/// the details of the reason (`earned` and `minimum`; `modules`; `level` and `on`; `status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ineligibility {
    /// Fewer credits than the minimum are earned from the qualification's modules.
    NotEnoughCredits { earned: Credits, minimum: Credits },
    /// These required modules are not passed (or recognised in full), in the order of the rules.
    RequiredModulesMissing { modules: Vec<ModuleCode> },
    /// The provider holds no accreditation for the level covering the date.
    ProviderNotAccredited { level: QualificationLevel, on: NaiveDate },
    /// The worker's record is not active.
    WorkerNotActive { status: WorkerStatus },
}

impl Ineligibility {
    /// The stable code: `not_enough_credits`, `required_modules_missing`,
    /// `provider_not_accredited`, `worker_not_active`.
    pub fn code(&self) -> &'static str {
        match self {
            Ineligibility::NotEnoughCredits { .. } => "not_enough_credits",
            Ineligibility::RequiredModulesMissing { .. } => "required_modules_missing",
            Ineligibility::ProviderNotAccredited { .. } => "provider_not_accredited",
            Ineligibility::WorkerNotActive { .. } => "worker_not_active",
        }
    }
}

impl fmt::Display for Ineligibility {
    /// E.g. `28.5 of the 30 credits required are earned` (both rounded down, so 29.99 shows as
    /// 29.9, never as 30).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ineligibility::NotEnoughCredits { earned, minimum } => write!(
                f,
                "{} of the {} credits required are earned",
                earned.display_rounded(),
                minimum.display_rounded()
            ),
            Ineligibility::RequiredModulesMissing { modules } => {
                let codes = join_codes(&modules.iter().collect::<Vec<_>>());
                if modules.len() == 1 {
                    write!(f, "Required module {codes} is not yet passed")
                } else {
                    write!(f, "Required modules {codes} are not yet passed")
                }
            }
            Ineligibility::ProviderNotAccredited { level, on } => {
                write!(f, "The provider is not accredited for {} on {on}", level.label())
            }
            Ineligibility::WorkerNotActive { status } => {
                write!(
                    f,
                    "The worker is not active (status: {})",
                    status.as_str().replace('_', " ")
                )
            }
        }
    }
}

impl Serialize for Ineligibility {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        match self {
            Ineligibility::NotEnoughCredits { earned, minimum } => {
                map.serialize_entry("earned", &CreditsJson::from(*earned))?;
                map.serialize_entry("minimum", &CreditsJson::from(*minimum))?;
            }
            Ineligibility::RequiredModulesMissing { modules } => map.serialize_entry("modules", modules)?,
            Ineligibility::ProviderNotAccredited { level, on } => {
                map.serialize_entry("level", level)?;
                map.serialize_entry("on", on)?;
            }
            Ineligibility::WorkerNotActive { status } => map.serialize_entry("status", status)?,
        }
        map.end()
    }
}

/// A worker's progress toward one qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The credit earned from the qualification's modules (required and elective).
    #[serde(serialize_with = "serialize_credits")]
    pub earned: Credits,
    /// The qualification's minimum.
    #[serde(serialize_with = "serialize_credits")]
    pub minimum: Credits,
    /// What is still missing to the minimum, zero once it is reached.
    #[serde(serialize_with = "serialize_credits")]
    pub shortfall: Credits,
    /// The module credits that count toward the qualification, in the order of module codes.
    pub counted: Vec<ModuleCredit>,
    /// Required modules not passed (or recognised in full) yet, in the order of the rules.
    pub missing_required: Vec<ModuleCode>,
    /// Whether the qualification's own requirements are met; always `reasons.is_empty()`.
    pub eligible: bool,
    /// Every requirement not met: [`Ineligibility::NotEnoughCredits`] and
    /// [`Ineligibility::RequiredModulesMissing`].
    pub reasons: Vec<Ineligibility>,
}

/// Progress toward the qualification `rules` from the ledger `entries`.
///
/// Only the qualification's modules (required and elective) count; credit for other modules
/// stays on the transcript. A required module is met by a credit in full for it: a pass, or a
/// recognition or transfer of all the module carried (a partial grant counts toward the credits
/// but does not meet the requirement). The version of the qualification a credit was earned
/// under does not matter: modules are matched by code, with the credit frozen in the entry.
pub fn progress(rules: &QualificationRules, entries: &[LedgerEntry]) -> Progress {
    progress_until(rules, entries, None)
}

/// [`progress`] on the date `on`: credit dated after it does not count yet.
pub fn progress_as_of(rules: &QualificationRules, entries: &[LedgerEntry], on: NaiveDate) -> Progress {
    progress_until(rules, entries, Some(on))
}

fn progress_until(rules: &QualificationRules, entries: &[LedgerEntry], until: Option<NaiveDate>) -> Progress {
    let counted: Vec<ModuleCredit> = credited_modules_until(entries, until)
        .into_iter()
        .filter(|credit| rules.includes(&credit.module))
        .collect();
    let earned: Credits = counted.iter().map(|credit| credit.credits).sum();
    let met = required_met(entries, until);
    let mut missing_required: Vec<ModuleCode> = Vec::new();
    for module in &rules.required_modules {
        if !met.contains(module) && !missing_required.contains(module) {
            missing_required.push(module.clone());
        }
    }
    let mut reasons = Vec::new();
    if earned < rules.minimum_credits {
        reasons.push(Ineligibility::NotEnoughCredits {
            earned,
            minimum: rules.minimum_credits,
        });
    }
    if !missing_required.is_empty() {
        reasons.push(Ineligibility::RequiredModulesMissing {
            modules: missing_required.clone(),
        });
    }
    Progress {
        earned,
        minimum: rules.minimum_credits,
        shortfall: earned.shortfall_to(rules.minimum_credits),
        counted,
        missing_required,
        eligible: reasons.is_empty(),
        reasons,
    }
}

/// The modules with a credit in full in effect (dated on or before `until`, if given).
fn required_met(entries: &[LedgerEntry], until: Option<NaiveDate>) -> HashSet<&ModuleCode> {
    effective_entries(entries)
        .into_iter()
        .filter(|entry| until.is_none_or(|until| entry.on <= until))
        .filter(|entry| {
            entry
                .credit()
                .is_some_and(|(credits, _)| credits == entry.module_credits)
        })
        .map(|entry| &entry.module)
        .collect()
}

/// A provider's accreditation to deliver (and certify) one level, from `from` to `until`, both
/// inclusive; open-ended while `until` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Accreditation {
    pub level: QualificationLevel,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Accreditation {
    /// Checks the dates: `until` may not be before `from` (field `until`, rule `after_start`).
    pub fn validate(&self) -> Result<(), FieldError> {
        match self.until {
            Some(until) if until < self.from => Err(FieldError::new(
                "until",
                "after_start",
                format!("must be on or after the start date, {}", self.from),
            )),
            _ => Ok(()),
        }
    }

    /// Whether it accredits `level` on `date`. Accreditation is per level: one for CQF 3 does not
    /// cover CQF 2.
    pub fn covers(&self, level: QualificationLevel, date: NaiveDate) -> bool {
        self.level == level && self.from <= date && self.until.is_none_or(|until| date <= until)
    }
}

/// Whether a certificate of the qualification `rules` may be issued on `issue_date` by a provider
/// holding `provider_accreditations`, to a worker of status `worker_status` with the ledger
/// `entries`.
///
/// Yes, with the credits the certificate states ([`progress_as_of`] the issue date: credit dated
/// after it does not count), when every condition holds: enough credits, every required module
/// met, an accreditation of the provider for the level covering the issue date, and the worker
/// active. Otherwise every condition that fails is listed, in that order.
pub fn certificate_eligibility(
    rules: &QualificationRules,
    entries: &[LedgerEntry],
    provider_accreditations: &[Accreditation],
    issue_date: NaiveDate,
    worker_status: WorkerStatus,
) -> Result<Credits, Vec<Ineligibility>> {
    let progress = progress_as_of(rules, entries, issue_date);
    let mut reasons = progress.reasons;
    if !provider_accreditations
        .iter()
        .any(|accreditation| accreditation.covers(rules.level, issue_date))
    {
        reasons.push(Ineligibility::ProviderNotAccredited {
            level: rules.level,
            on: issue_date,
        });
    }
    if worker_status != WorkerStatus::Active {
        reasons.push(Ineligibility::WorkerNotActive { status: worker_status });
    }
    if reasons.is_empty() {
        Ok(progress.earned)
    } else {
        Err(reasons)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use proptest::prelude::*;

    fn code(raw: &str) -> ModuleCode {
        ModuleCode::parse("module", raw).unwrap()
    }

    fn codes(raw: &[&str]) -> Vec<ModuleCode> {
        raw.iter().map(|raw| code(raw)).collect()
    }

    /// The `n`th day of 2025 (day 0 is 1 January).
    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(n)
    }

    fn whole(n: u32) -> Credits {
        Credits::from_whole(n)
    }

    fn entry(id: u64, module: &str, module_credits: Credits, kind: EntryKind, on: i64) -> LedgerEntry {
        LedgerEntry {
            id: LedgerEntryId(id),
            module: code(module),
            module_credits,
            kind,
            on: day(on),
            qualification_version: Some(1),
        }
    }

    fn completion(outcome: Outcome) -> EntryKind {
        EntryKind::Completion {
            hours: ModuleHours {
                instruction: 30,
                laboratory: 0,
                field: 0,
            },
            outcome,
            score: Some(if outcome == Outcome::Pass { 75 } else { 30 }),
            assessor: "Sok Dara".into(),
        }
    }

    fn pass(id: u64, module: &str, module_credits: Credits, on: i64) -> LedgerEntry {
        entry(id, module, module_credits, completion(Outcome::Pass), on)
    }

    fn fail(id: u64, module: &str, module_credits: Credits, on: i64) -> LedgerEntry {
        entry(id, module, module_credits, completion(Outcome::Fail), on)
    }

    fn recognition(decision: RecognitionDecision, granted: Credits) -> Recognition {
        Recognition {
            assessor: "Chan Sophea".into(),
            evidence: "portfolio and workplace observation".into(),
            decision,
            granted,
        }
    }

    fn rpl(id: u64, module: &str, module_credits: Credits, granted: Credits, on: i64) -> LedgerEntry {
        let kind = EntryKind::Rpl(recognition(RecognitionDecision::Competent, granted));
        entry(id, module, module_credits, kind, on)
    }

    fn transfer(id: u64, module: &str, module_credits: Credits, granted: Credits, on: i64) -> LedgerEntry {
        let kind = EntryKind::Transfer {
            granted,
            from_provider: "Royal University of Phnom Penh".into(),
        };
        entry(id, module, module_credits, kind, on)
    }

    fn correction(id: u64, module: &str, reverses: u64, on: i64) -> LedgerEntry {
        let kind = EntryKind::Correction {
            reverses: LedgerEntryId(reverses),
            reason: "recorded for the wrong trainee".into(),
        };
        entry(id, module, whole(3), kind, on)
    }

    fn rules(level: QualificationLevel, minimum: Credits, required: &[&str], elective: &[&str]) -> QualificationRules {
        QualificationRules {
            level,
            version: 1,
            minimum_credits: minimum,
            required_modules: codes(required),
            elective_modules: codes(elective),
        }
    }

    fn cqf(n: u8) -> QualificationLevel {
        QualificationLevel::Cqf(CqfLevel::new(n).unwrap())
    }

    fn ids(entries: &[&LedgerEntry]) -> Vec<u64> {
        entries.iter().map(|entry| entry.id.0).collect()
    }

    fn rules_of(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors.iter().map(|error| (error.field.as_str(), error.rule)).collect()
    }

    // -- Modules --------------------------------------------------------------------------------

    #[test]
    fn module_codes_are_normalised_and_checked() {
        assert_eq!(code(" sw-101 ").as_str(), "SW-101");
        assert_eq!(code("TVC1.03").as_str(), "TVC1.03");
        assert_eq!(code("42").as_str(), "42");
        assert_eq!(code(&"A".repeat(32)).as_str().len(), 32);
        let rule = |raw: &str| ModuleCode::parse("module", raw).unwrap_err().rule;
        assert_eq!(rule("  "), "required");
        assert_eq!(rule("A"), "too_short");
        assert_eq!(rule(&"A".repeat(33)), "too_long");
        for bad in ["SW 101", "SW_101", "-SW", ".1", "ម៉ូឌុល", "SW/1", "É1"] {
            assert_eq!(rule(bad), "format", "{bad:?}");
        }
        let error = ModuleCode::parse("required_modules", "x").unwrap_err();
        assert_eq!(error.field, "required_modules");
        assert_eq!("sw-1".parse::<ModuleCode>().unwrap().to_string(), "SW-1");
    }

    #[test]
    fn module_codes_serialize_as_text_and_deserialize_checked() {
        assert_eq!(serde_json::to_string(&code("SW-101")).unwrap(), "\"SW-101\"");
        assert_eq!(
            serde_json::from_str::<ModuleCode>("\"sw-101\"").unwrap(),
            code("SW-101")
        );
        assert!(serde_json::from_str::<ModuleCode>("\"SW 101\"").is_err());
    }

    #[test]
    fn module_hours_give_exact_credits() {
        let hours = ModuleHours {
            instruction: 450,
            laboratory: 0,
            field: 0,
        };
        assert_eq!(hours.credits(), whole(30));
        let mixed = ModuleHours {
            instruction: 20,
            laboratory: 10,
            field: 15,
        };
        assert_eq!(mixed.credits(), whole(2));
        assert_eq!(mixed.total(), 45);
        assert_eq!(mixed.get(DeliveryMode::Laboratory), 10);
        let parsed: ModuleHours = serde_json::from_str(r#"{"field": 45}"#).unwrap();
        assert_eq!(parsed.credits(), whole(1));
        assert_eq!(parsed.instruction, 0);
    }

    #[test]
    fn module_hours_need_one_hour_and_at_most_2000_a_mode() {
        let ok = ModuleHours {
            instruction: 0,
            laboratory: 0,
            field: 1,
        };
        assert_eq!(ok.validate("hours"), Ok(()));
        let most = ModuleHours {
            instruction: 2_000,
            laboratory: 2_000,
            field: 2_000,
        };
        assert_eq!(most.validate("hours"), Ok(()));

        let none = ModuleHours::default().validate("hours").unwrap_err();
        assert_eq!((none.field.as_str(), none.rule), ("hours", "required"));
        let none = ModuleHours::default().validate("").unwrap_err();
        assert_eq!(none.field, "hours");

        let too_many = ModuleHours {
            laboratory: 2_001,
            ..ok
        };
        let error = too_many.validate("hours").unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("hours.laboratory", "out_of_range"));
        assert_eq!(error.message, "must be at most 2000 hours");
        assert_eq!(too_many.validate("").unwrap_err().field, "laboratory");
    }

    // -- Qualifications -------------------------------------------------------------------------

    #[test]
    fn qualification_levels_have_codes_labels_and_floors() {
        assert_eq!(QualificationLevel::all().count(), 9);
        assert_eq!(cqf(1).as_str(), "cqf-1");
        assert_eq!(cqf(8).to_string(), "cqf-8");
        assert_eq!(cqf(4).label(), "CQF level 4");
        assert_eq!(QualificationLevel::AlliedCertificate.as_str(), "allied");
        assert_eq!(
            QualificationLevel::AlliedCertificate.label(),
            "the allied workers' certificate"
        );
        assert_eq!(cqf(2).minimum_credits_floor(), whole(30));
        assert_eq!(cqf(6).minimum_credits_floor(), whole(120));
        assert_eq!(
            QualificationLevel::AlliedCertificate.minimum_credits_floor(),
            Credits::ZERO
        );
        assert_eq!(cqf(5).cqf_level(), CqfLevel::new(5).ok());
        assert_eq!(QualificationLevel::AlliedCertificate.cqf_level(), None);
        for level in QualificationLevel::all() {
            assert_eq!(level.as_str().parse::<QualificationLevel>(), Ok(level));
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{level}\""));
            assert_eq!(serde_json::from_str::<QualificationLevel>(&json).unwrap(), level);
        }
        assert_eq!(" CQF-3 ".parse::<QualificationLevel>(), Ok(cqf(3)));
        let error = "cqf-9".parse::<QualificationLevel>().unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("level", "one_of"));
        assert!(error.message.ends_with("cqf-8, allied"));
        assert_eq!(QualificationLevel::from(CqfLevel::MIN), cqf(1));
    }

    #[test]
    fn valid_qualification_rules_pass() {
        assert_eq!(
            rules(cqf(2), whole(30), &["SW-101", "SW-102"], &["SW-201"]).validate(),
            Ok(())
        );
        // Above the floor is fine; the allied certificate has no floor but needs some credit.
        assert_eq!(rules(cqf(1), whole(36), &["A1"], &[]).validate(), Ok(()));
        let allied = rules(QualificationLevel::AlliedCertificate, whole(6), &[], &["AW-1", "AW-2"]);
        assert_eq!(allied.validate(), Ok(()));
    }

    #[test]
    fn a_minimum_below_the_cqf_minimum_is_refused_naming_the_level() {
        let almost = Credits::from_ninetieths(whole(30).ninetieths() - 1);
        let errors = rules(cqf(3), almost, &["A1"], &[]).validate().unwrap_err();
        assert_eq!(rules_of(&errors), [("minimum_credits", "below_cqf_minimum")]);
        assert_eq!(
            errors[0].message,
            "must be at least 30 credits, the minimum of CQF level 3"
        );
        let errors = rules(cqf(6), whole(60), &["A1"], &[]).validate().unwrap_err();
        assert_eq!(
            errors[0].message,
            "must be at least 120 credits, the minimum of CQF level 6"
        );
        let errors = rules(QualificationLevel::AlliedCertificate, Credits::ZERO, &["A1"], &[])
            .validate()
            .unwrap_err();
        assert_eq!(rules_of(&errors), [("minimum_credits", "out_of_range")]);
    }

    #[test]
    fn qualification_modules_must_be_listed_once() {
        let both = rules(cqf(1), whole(30), &["A1", "B2"], &["B2", "C3", "A1"]);
        let errors = both.validate().unwrap_err();
        assert_eq!(rules_of(&errors), [("elective_modules", "duplicate")]);
        assert_eq!(errors[0].message, "must not repeat a required module: B2, A1");

        let repeated = rules(cqf(1), whole(30), &["A1", "A1", "A1"], &["C3", "C3"]);
        let errors = repeated.validate().unwrap_err();
        assert_eq!(
            rules_of(&errors),
            [("required_modules", "duplicate"), ("elective_modules", "duplicate")]
        );
        assert_eq!(errors[0].message, "must not list a module twice: A1");

        let empty = rules(cqf(1), whole(30), &[], &[]);
        assert_eq!(
            rules_of(&empty.validate().unwrap_err()),
            [("required_modules", "required")]
        );
    }

    #[test]
    fn every_problem_of_the_rules_is_reported_at_once() {
        let mut bad = rules(cqf(5), whole(59), &["A1"], &["A1"]);
        bad.version = 0;
        assert_eq!(
            rules_of(&bad.validate().unwrap_err()),
            [
                ("version", "out_of_range"),
                ("minimum_credits", "below_cqf_minimum"),
                ("elective_modules", "duplicate"),
            ]
        );
        assert!(bad.includes(&code("A1")));
        assert!(!bad.includes(&code("B2")));
    }

    // -- Validating entries ---------------------------------------------------------------------

    #[test]
    fn rpl_may_grant_exactly_what_the_module_carries_and_no_more() {
        assert_eq!(validate_entry(&rpl(1, "A1", whole(3), whole(3), 0)), Ok(()));
        assert_eq!(validate_entry(&rpl(1, "A1", whole(3), whole(1), 0)), Ok(()));
        let over = Credits::from_ninetieths(whole(3).ninetieths() + 45);
        let errors = validate_entry(&rpl(1, "A1", whole(3), over, 0)).unwrap_err();
        assert_eq!(rules_of(&errors), [("granted", "exceeds_module")]);
        assert_eq!(
            errors[0].message,
            "must not exceed the 3 credits the module carries (3.5 granted)"
        );
        // Above by less than a tenth: both show as 3, so the message says the exact values.
        let barely = Credits::from_ninetieths(271);
        let errors = validate_entry(&rpl(1, "A1", whole(3), barely, 0)).unwrap_err();
        assert_eq!(
            errors[0].message,
            "must not exceed the 270/90 credits the module carries (271/90 granted)"
        );
        let errors = validate_entry(&rpl(1, "A1", whole(3), Credits::ZERO, 0)).unwrap_err();
        assert_eq!(rules_of(&errors), [("granted", "out_of_range")]);
    }

    #[test]
    fn rcc_and_transfers_follow_the_same_cap() {
        let rcc = |granted| {
            let kind = EntryKind::Rcc(recognition(RecognitionDecision::Competent, granted));
            entry(1, "A1", whole(2), kind, 0)
        };
        assert_eq!(validate_entry(&rcc(whole(2))), Ok(()));
        assert_eq!(
            rules_of(&validate_entry(&rcc(whole(3))).unwrap_err()),
            [("granted", "exceeds_module")]
        );
        assert_eq!(validate_entry(&transfer(1, "A1", whole(2), whole(2), 0)), Ok(()));
        let errors = validate_entry(&transfer(1, "A1", whole(2), whole(5), 0)).unwrap_err();
        assert_eq!(rules_of(&errors), [("granted", "exceeds_module")]);
        let mut blank = transfer(1, "A1", whole(2), Credits::ZERO, 0);
        if let EntryKind::Transfer { from_provider, .. } = &mut blank.kind {
            from_provider.clear();
        }
        assert_eq!(
            rules_of(&validate_entry(&blank).unwrap_err()),
            [("granted", "out_of_range"), ("from_provider", "required")]
        );
    }

    #[test]
    fn not_yet_competent_grants_nothing() {
        let decided = |granted| {
            let kind = EntryKind::Rpl(recognition(RecognitionDecision::NotYetCompetent, granted));
            entry(1, "A1", whole(2), kind, 0)
        };
        assert_eq!(validate_entry(&decided(Credits::ZERO)), Ok(()));
        assert_eq!(decided(Credits::ZERO).credit(), None);
        let errors = validate_entry(&decided(whole(1))).unwrap_err();
        assert_eq!(rules_of(&errors), [("granted", "not_competent")]);
        // Even if recorded, it would carry nothing.
        assert_eq!(decided(whole(1)).credit(), None);
    }

    #[test]
    fn recognitions_need_an_assessor_and_evidence() {
        let mut recognition = recognition(RecognitionDecision::Competent, whole(1));
        recognition.assessor = " ".into();
        recognition.evidence = "x".repeat(MAX_LEDGER_TEXT_CHARS + 1);
        let errors = validate_entry(&entry(1, "A1", whole(2), EntryKind::Rpl(recognition), 0)).unwrap_err();
        assert_eq!(rules_of(&errors), [("assessor", "required"), ("evidence", "too_long")]);
    }

    #[test]
    fn completions_check_hours_score_and_assessor() {
        assert_eq!(validate_entry(&pass(1, "A1", whole(2), 0)), Ok(()));
        let bad = entry(
            1,
            "A1",
            Credits::ZERO,
            EntryKind::Completion {
                hours: ModuleHours::default(),
                outcome: Outcome::Pass,
                score: Some(101),
                assessor: String::new(),
            },
            0,
        );
        let mut bad = bad;
        bad.qualification_version = Some(0);
        assert_eq!(
            rules_of(&validate_entry(&bad).unwrap_err()),
            [
                ("module_credits", "out_of_range"),
                ("qualification_version", "out_of_range"),
                ("hours", "required"),
                ("score", "out_of_range"),
                ("assessor", "required"),
            ]
        );
        let mut edges = pass(1, "A1", whole(2), 0);
        if let EntryKind::Completion { score, hours, .. } = &mut edges.kind {
            *score = Some(100);
            // Attending more than the module's hours is recorded as it happened.
            hours.field = ModuleHours::MAX_HOURS_PER_MODE;
        }
        assert_eq!(validate_entry(&edges), Ok(()));
        if let EntryKind::Completion { hours, .. } = &mut edges.kind {
            hours.field = ModuleHours::MAX_HOURS_PER_MODE + 1;
        }
        assert_eq!(
            rules_of(&validate_entry(&edges).unwrap_err()),
            [("hours.field", "out_of_range")]
        );
    }

    #[test]
    fn corrections_need_a_reason() {
        assert_eq!(validate_entry(&correction(2, "A1", 1, 0)), Ok(()));
        let mut silent = correction(2, "A1", 1, 0);
        if let EntryKind::Correction { reason, .. } = &mut silent.kind {
            *reason = "  ".into();
        }
        assert_eq!(
            rules_of(&validate_entry(&silent).unwrap_err()),
            [("reason", "required")]
        );
    }

    // -- Corrections ----------------------------------------------------------------------------

    #[test]
    fn a_correction_reverses_the_entry_it_names() {
        let ledger = [
            pass(1, "A1", whole(2), 0),
            pass(2, "B2", whole(3), 1),
            correction(3, "A1", 1, 2),
        ];
        assert_eq!(ids(&effective_entries(&ledger)), [2]);
        assert_eq!(transcript(&ledger).total, whole(3));
    }

    #[test]
    fn a_correction_of_a_correction_restores_the_original() {
        let mut ledger = vec![pass(1, "A1", whole(2), 0), correction(2, "A1", 1, 1)];
        assert_eq!(ids(&effective_entries(&ledger)), Vec::<u64>::new());
        ledger.push(correction(3, "A1", 2, 2));
        assert_eq!(ids(&effective_entries(&ledger)), [1]);
        assert_eq!(transcript(&ledger).total, whole(2));
        // A third correction reverses it again.
        ledger.push(correction(4, "A1", 3, 3));
        assert_eq!(ids(&effective_entries(&ledger)), Vec::<u64>::new());
        assert_eq!(transcript(&ledger).total, Credits::ZERO);
    }

    #[test]
    fn a_correction_reverses_only_an_earlier_entry() {
        let ledger = [
            correction(1, "A1", 2, 0),
            pass(2, "A1", whole(2), 1),
            correction(3, "A1", 3, 2),
            correction(4, "A1", 99, 2),
        ];
        // 1 names a later entry, 3 itself, 4 an unknown one: none reverses anything.
        assert_eq!(ids(&effective_entries(&ledger)), [2]);
    }

    #[test]
    fn the_order_of_the_slice_does_not_matter() {
        let ledger = [
            correction(3, "A1", 2, 2),
            pass(1, "A1", whole(2), 0),
            correction(2, "A1", 1, 1),
        ];
        // 3 reverses 2, so 1 stays in effect.
        assert_eq!(ids(&effective_entries(&ledger)), [1]);
    }

    #[test]
    fn a_correction_must_name_an_entry_in_effect_of_its_module() {
        let ledger = vec![
            pass(1, "A1", whole(2), 0),
            pass(2, "B2", whole(2), 0),
            correction(3, "B2", 2, 1),
        ];
        assert_eq!(validate_correction(&ledger, &correction(4, "A1", 1, 2)), Ok(()));
        // Reversing a correction in effect restores what it reversed.
        assert_eq!(validate_correction(&ledger, &correction(4, "B2", 3, 2)), Ok(()));
        let rule = |new: LedgerEntry| validate_correction(&ledger, &new).unwrap_err().rule;
        assert_eq!(rule(correction(4, "A1", 9, 2)), "not_found");
        assert_eq!(rule(correction(4, "A1", 2, 2)), "other_module");
        assert_eq!(rule(correction(4, "B2", 2, 2)), "already_reversed");
        let error = validate_correction(&ledger, &correction(4, "A1", 2, 2)).unwrap_err();
        assert_eq!(error.field, "reverses");
        assert_eq!(
            error.message,
            "must name an entry of module A1; entry 2 is of module B2"
        );
        // Any other entry passes.
        assert_eq!(validate_correction(&ledger, &pass(4, "A1", whole(2), 2)), Ok(()));
    }

    // -- Credit per module ----------------------------------------------------------------------

    #[test]
    fn a_passed_completion_carries_the_modules_credits_not_the_hours() {
        // 30 hours of instruction attended (2 credits), the module carries 3.
        let credited = credited_modules(&[pass(1, "A1", whole(3), 0)]);
        assert_eq!(credited.len(), 1);
        assert_eq!(credited[0].credits, whole(3));
        assert!(credited[0].in_full);
        assert_eq!(credited[0].via, CreditSource::Completion);
        assert_eq!(credited[0].entry, LedgerEntryId(1));
        assert_eq!(credited[0].qualification_version, Some(1));
    }

    #[test]
    fn a_failed_completion_carries_nothing() {
        assert_eq!(credited_modules(&[fail(1, "A1", whole(3), 0)]), Vec::new());
        assert_eq!(transcript(&[fail(1, "A1", whole(3), 0)]).total, Credits::ZERO);
    }

    #[test]
    fn fail_then_pass_counts_once_and_pass_then_fail_keeps_the_pass() {
        let ledger = [
            fail(1, "A1", whole(3), 0),
            pass(2, "A1", whole(3), 10),
            fail(3, "A1", whole(3), 20),
        ];
        let credited = credited_modules(&ledger);
        assert_eq!(credited.len(), 1);
        assert_eq!((credited[0].credits, credited[0].entry), (whole(3), LedgerEntryId(2)));
    }

    #[test]
    fn the_best_of_several_credits_counts_once() {
        let ledger = [
            pass(1, "A1", whole(3), 5),
            pass(2, "A1", whole(3), 1),
            // Passed again under a version where the module carries 4.
            pass(3, "A1", whole(4), 9),
            pass(4, "A1", whole(4), 7),
            rpl(5, "A1", whole(4), whole(2), 0),
        ];
        let credited = credited_modules(&ledger);
        assert_eq!(credited.len(), 1);
        // The most credit, and of the ties the earliest.
        assert_eq!((credited[0].credits, credited[0].entry), (whole(4), LedgerEntryId(4)));
        assert_eq!(transcript(&ledger).total, whole(4));
        // Same credit, same date: the smaller id.
        let twins = [pass(7, "B2", whole(2), 0), pass(6, "B2", whole(2), 0)];
        assert_eq!(credited_modules(&twins)[0].entry, LedgerEntryId(6));
    }

    #[test]
    fn a_partial_grant_gives_way_to_a_pass() {
        let ledger = [rpl(1, "A1", whole(3), whole(1), 0), pass(2, "A1", whole(3), 5)];
        let credited = credited_modules(&ledger);
        assert_eq!(
            (credited[0].credits, credited[0].via),
            (whole(3), CreditSource::Completion)
        );
        let partial = credited_modules(&ledger[..1]);
        assert_eq!((partial[0].credits, partial[0].in_full), (whole(1), false));
    }

    #[test]
    fn recorded_grants_above_the_module_are_capped() {
        // validate_entry refuses them; were one stored anyway, it would count for the module only.
        let ledger = [
            rpl(1, "A1", whole(2), whole(5), 0),
            transfer(2, "B2", whole(1), whole(9), 0),
        ];
        let credited = credited_modules(&ledger);
        assert_eq!(credited[0].credits, whole(2));
        assert_eq!(credited[1].credits, whole(1));
    }

    #[test]
    fn the_transcript_adds_up_by_source() {
        let rcc = entry(
            4,
            "D4",
            whole(2),
            EntryKind::Rcc(recognition(RecognitionDecision::Competent, whole(2))),
            3,
        );
        let ledger = [
            pass(1, "C3", whole(3), 0),
            rpl(2, "A1", whole(2), Credits::from_ninetieths(135), 1),
            transfer(3, "B2", whole(4), whole(4), 2),
            rcc,
            fail(5, "E5", whole(2), 4),
        ];
        let transcript = transcript(&ledger);
        let modules: Vec<&str> = transcript.modules.iter().map(|m| m.module.as_str()).collect();
        assert_eq!(modules, ["A1", "B2", "C3", "D4"]);
        assert_eq!(transcript.total, Credits::from_ninetieths(135) + whole(9));
        assert_eq!(transcript.by(CreditSource::Completion), whole(3));
        assert_eq!(transcript.by(CreditSource::Rpl), Credits::from_ninetieths(135));
        assert_eq!(transcript.by(CreditSource::Rcc), whole(2));
        assert_eq!(transcript.by(CreditSource::Transfer), whole(4));
        let by_source: Credits = transcript.by_source.iter().map(|total| total.credits).sum();
        assert_eq!(by_source, transcript.total);
        assert_eq!(transcript.total.display_rounded(), "10.5");
    }

    // -- Progress -------------------------------------------------------------------------------

    #[test]
    fn progress_counts_only_the_qualifications_modules() {
        let rules = rules(cqf(1), whole(30), &["R1", "R2"], &["E1", "E2"]);
        let ledger = [
            pass(1, "R1", whole(10), 0),
            pass(2, "E1", whole(8), 1),
            // Not a module of the qualification: on the transcript, not in the progress.
            pass(3, "X9", whole(20), 2),
        ];
        let progress = progress(&rules, &ledger);
        assert_eq!(progress.earned, whole(18));
        assert_eq!(progress.minimum, whole(30));
        assert_eq!(progress.shortfall, whole(12));
        assert_eq!(progress.counted.len(), 2);
        assert_eq!(progress.missing_required, codes(&["R2"]));
        assert!(!progress.eligible);
        assert_eq!(
            progress.reasons,
            [
                Ineligibility::NotEnoughCredits {
                    earned: whole(18),
                    minimum: whole(30),
                },
                Ineligibility::RequiredModulesMissing {
                    modules: codes(&["R2"]),
                },
            ]
        );
        assert_eq!(transcript(&ledger).total, whole(38));
    }

    #[test]
    fn progress_is_eligible_with_the_minimum_and_every_required_module() {
        let rules = rules(cqf(2), whole(30), &["R1"], &["E1", "E2"]);
        let ledger = [
            pass(1, "R1", whole(10), 0),
            rpl(2, "E1", whole(12), whole(12), 1),
            transfer(3, "E2", whole(8), whole(8), 2),
        ];
        let progress = progress(&rules, &ledger);
        assert_eq!(progress.earned, whole(30));
        assert_eq!(progress.shortfall, Credits::ZERO);
        assert!(progress.eligible);
        assert_eq!(progress.reasons, []);
        assert_eq!(progress.missing_required, Vec::<ModuleCode>::new());
        // One ninetieth less is not enough, though it shows as 29.9.
        let mut short = ledger.clone();
        short[2] = transfer(
            3,
            "E2",
            whole(8),
            Credits::from_ninetieths(whole(8).ninetieths() - 1),
            2,
        );
        let progress = super::progress(&rules, &short);
        assert!(!progress.eligible);
        assert_eq!(
            progress.reasons[0].to_string(),
            "29.9 of the 30 credits required are earned"
        );
    }

    #[test]
    fn a_partial_grant_does_not_meet_a_required_module() {
        let rules = rules(QualificationLevel::AlliedCertificate, whole(1), &["R1"], &[]);
        let partial = [rpl(1, "R1", whole(3), whole(2), 0)];
        let progress = progress(&rules, &partial);
        assert_eq!(progress.earned, whole(2));
        assert_eq!(progress.missing_required, codes(&["R1"]));
        let full = [rpl(1, "R1", whole(3), whole(3), 0)];
        assert!(super::progress(&rules, &full).eligible);
    }

    #[test]
    fn a_reversed_pass_no_longer_meets_a_requirement() {
        let rules = rules(QualificationLevel::AlliedCertificate, whole(2), &["R1"], &[]);
        let ledger = [pass(1, "R1", whole(2), 0), correction(2, "R1", 1, 1)];
        let progress = progress(&rules, &ledger);
        assert_eq!(progress.earned, Credits::ZERO);
        assert_eq!(progress.missing_required, codes(&["R1"]));
        assert_eq!(progress.reasons.len(), 2);
    }

    #[test]
    fn progress_as_of_a_date_ignores_later_credit() {
        let rules = rules(QualificationLevel::AlliedCertificate, whole(4), &[], &["E1", "E2"]);
        let ledger = [pass(1, "E1", whole(2), 0), pass(2, "E2", whole(2), 10)];
        assert_eq!(progress_as_of(&rules, &ledger, day(9)).earned, whole(2));
        assert_eq!(progress_as_of(&rules, &ledger, day(10)).earned, whole(4));
        assert!(progress(&rules, &ledger).eligible);
    }

    // -- Certificates ---------------------------------------------------------------------------

    fn accredited(level: QualificationLevel, from: i64, until: Option<i64>) -> Accreditation {
        Accreditation {
            level,
            from: day(from),
            until: until.map(day),
        }
    }

    #[test]
    fn a_certificate_is_issued_with_the_credits_earned() {
        let rules = rules(cqf(1), whole(30), &["R1"], &["E1"]);
        let ledger = [pass(1, "R1", whole(20), 0), pass(2, "E1", whole(12), 5)];
        let accreditations = [accredited(cqf(1), 0, Some(100))];
        assert_eq!(
            certificate_eligibility(&rules, &ledger, &accreditations, day(50), WorkerStatus::Active),
            Ok(whole(32))
        );
    }

    #[test]
    fn a_refusal_lists_every_reason() {
        let rules = rules(cqf(2), whole(30), &["R1", "R2"], &["E1"]);
        let ledger = [
            pass(1, "R1", Credits::from_ninetieths(whole(28).ninetieths() + 45), 0),
            fail(2, "R2", whole(10), 1),
        ];
        // Accredited for another level, and for this one only until the day before.
        let accreditations = [accredited(cqf(3), 0, None), accredited(cqf(2), 0, Some(49))];
        let reasons = certificate_eligibility(&rules, &ledger, &accreditations, day(50), WorkerStatus::LeftWorkforce)
            .unwrap_err();
        assert_eq!(
            reasons,
            [
                Ineligibility::NotEnoughCredits {
                    earned: Credits::from_ninetieths(whole(28).ninetieths() + 45),
                    minimum: whole(30),
                },
                Ineligibility::RequiredModulesMissing {
                    modules: codes(&["R2"]),
                },
                Ineligibility::ProviderNotAccredited {
                    level: cqf(2),
                    on: day(50),
                },
                Ineligibility::WorkerNotActive {
                    status: WorkerStatus::LeftWorkforce,
                },
            ]
        );
        let sentences: Vec<String> = reasons.iter().map(ToString::to_string).collect();
        assert_eq!(
            sentences,
            [
                "28.5 of the 30 credits required are earned",
                "Required module R2 is not yet passed",
                "The provider is not accredited for CQF level 2 on 2025-02-20",
                "The worker is not active (status: left workforce)",
            ]
        );
    }

    #[test]
    fn accreditation_covers_its_days_inclusive_and_its_level_only() {
        let rules = rules(QualificationLevel::AlliedCertificate, whole(2), &["R1"], &[]);
        let ledger = [pass(1, "R1", whole(2), 0)];
        let accreditations = [accredited(QualificationLevel::AlliedCertificate, 10, Some(20))];
        let on = |d| certificate_eligibility(&rules, &ledger, &accreditations, day(d), WorkerStatus::Active);
        assert!(on(10).is_ok());
        assert!(on(20).is_ok());
        for outside in [9, 21] {
            let reasons = on(outside).unwrap_err();
            assert_eq!(reasons.len(), 1);
            assert_eq!(reasons[0].code(), "provider_not_accredited");
        }
        let open = accredited(cqf(1), 10, None);
        assert!(open.covers(cqf(1), day(10_000)));
        assert!(!open.covers(cqf(2), day(10)));
        assert!(!open.covers(cqf(1), day(9)));
        assert_eq!(open.validate(), Ok(()));
        let backwards = accredited(cqf(1), 10, Some(9)).validate().unwrap_err();
        assert_eq!((backwards.field.as_str(), backwards.rule), ("until", "after_start"));
        assert_eq!(accredited(cqf(1), 10, Some(10)).validate(), Ok(()));
    }

    #[test]
    fn every_status_but_active_is_refused() {
        let rules = rules(QualificationLevel::AlliedCertificate, whole(2), &["R1"], &[]);
        let ledger = [pass(1, "R1", whole(2), 0)];
        let accreditations = [accredited(QualificationLevel::AlliedCertificate, 0, None)];
        for status in WorkerStatus::ALL {
            let result = certificate_eligibility(&rules, &ledger, &accreditations, day(5), status);
            if status == WorkerStatus::Active {
                assert_eq!(result, Ok(whole(2)));
            } else {
                assert_eq!(result, Err(vec![Ineligibility::WorkerNotActive { status }]));
            }
        }
    }

    #[test]
    fn credit_after_the_issue_date_does_not_count_for_the_certificate() {
        let rules = rules(QualificationLevel::AlliedCertificate, whole(2), &["R1"], &[]);
        let ledger = [pass(1, "R1", whole(2), 30)];
        let accreditations = [accredited(QualificationLevel::AlliedCertificate, 0, None)];
        let reasons =
            certificate_eligibility(&rules, &ledger, &accreditations, day(29), WorkerStatus::Active).unwrap_err();
        let codes: Vec<&str> = reasons.iter().map(Ineligibility::code).collect();
        assert_eq!(codes, ["not_enough_credits", "required_modules_missing"]);
        assert!(certificate_eligibility(&rules, &ledger, &accreditations, day(30), WorkerStatus::Active).is_ok());
    }

    #[test]
    fn ineligibility_sentences() {
        let missing = Ineligibility::RequiredModulesMissing {
            modules: codes(&["SW-101", "SW-102"]),
        };
        assert_eq!(
            missing.to_string(),
            "Required modules SW-101, SW-102 are not yet passed"
        );
        let allied = Ineligibility::ProviderNotAccredited {
            level: QualificationLevel::AlliedCertificate,
            on: day(0),
        };
        assert_eq!(
            allied.to_string(),
            "The provider is not accredited for the allied workers' certificate on 2025-01-01"
        );
    }

    // -- Serialization --------------------------------------------------------------------------

    #[test]
    fn outputs_serialize_with_exact_and_displayed_credits() {
        let reason = Ineligibility::NotEnoughCredits {
            earned: Credits::from_ninetieths(2565),
            minimum: whole(30),
        };
        assert_eq!(
            serde_json::to_value(&reason).unwrap(),
            serde_json::json!({
                "code": "not_enough_credits",
                "message": "28.5 of the 30 credits required are earned",
                "earned": {"ninetieths": 2565, "display": "28.5"},
                "minimum": {"ninetieths": 2700, "display": "30"},
            })
        );
        let status = Ineligibility::WorkerNotActive {
            status: WorkerStatus::Deceased,
        };
        assert_eq!(serde_json::to_value(&status).unwrap()["status"], "deceased");

        let ledger = [pass(1, "A1", whole(2), 0)];
        let json = serde_json::to_value(transcript(&ledger)).unwrap();
        assert_eq!(json["total"], serde_json::json!({"ninetieths": 180, "display": "2"}));
        assert_eq!(json["modules"][0]["via"], "completion");
        assert_eq!(json["modules"][0]["on"], "2025-01-01");
        assert_eq!(json["by_source"][3]["via"], "transfer");

        let json = serde_json::to_value(&ledger[0]).unwrap();
        assert_eq!(json["kind"], "completion");
        assert_eq!(json["outcome"], "pass");
        assert_eq!(json["hours"]["instruction"], 30);
        assert_eq!(json["module_credits"]["ninetieths"], 180);
        let json = serde_json::to_value(rpl(2, "A1", whole(2), whole(1), 0)).unwrap();
        assert_eq!(json["kind"], "rpl");
        assert_eq!(json["decision"], "competent");
        assert_eq!(json["granted"]["display"], "1");
        let json = serde_json::to_value(correction(3, "A1", 1, 0)).unwrap();
        assert_eq!(
            (json["kind"].as_str(), json["reverses"].as_u64()),
            (Some("correction"), Some(1))
        );

        let progress = progress(&rules(cqf(1), whole(30), &["A1"], &[]), &ledger);
        let json = serde_json::to_value(&progress).unwrap();
        assert_eq!(json["eligible"], false);
        assert_eq!(json["reasons"][0]["code"], "not_enough_credits");
        assert_eq!(json["shortfall"]["display"], "28");
    }

    // -- Properties -----------------------------------------------------------------------------

    const MODULES: [&str; 5] = ["M-1", "M-2", "M-3", "M-4", "M-5"];

    /// What modules carry, in ninetieths: whole, half and odd amounts (a version may differ).
    fn module_credits() -> impl Strategy<Value = Credits> {
        prop::sample::select(vec![11u64, 90, 135, 180, 270]).prop_map(Credits::from_ninetieths)
    }

    /// Any kind of entry, including grants above the module's credit (which the cap must
    /// handle) and corrections naming any entry, earlier, later or unknown.
    fn kind() -> impl Strategy<Value = EntryKind> {
        let hours = (0u32..100, 0u32..100, 1u32..100).prop_map(|(instruction, laboratory, field)| ModuleHours {
            instruction,
            laboratory,
            field,
        });
        let decision = prop::sample::select(vec![
            RecognitionDecision::Competent,
            RecognitionDecision::NotYetCompetent,
        ]);
        prop_oneof![
            4 => (hours, any::<bool>(), prop::option::of(0u16..=100)).prop_map(|(hours, passed, score)| {
                EntryKind::Completion {
                    hours,
                    outcome: if passed { Outcome::Pass } else { Outcome::Fail },
                    score,
                    assessor: "assessor".into(),
                }
            }),
            2 => (decision, 0u64..400, any::<bool>()).prop_map(|(decision, granted, current)| {
                let recognition = Recognition {
                    assessor: "assessor".into(),
                    evidence: "evidence".into(),
                    decision,
                    granted: Credits::from_ninetieths(granted),
                };
                if current { EntryKind::Rcc(recognition) } else { EntryKind::Rpl(recognition) }
            }),
            1 => (0u64..400).prop_map(|granted| EntryKind::Transfer {
                granted: Credits::from_ninetieths(granted),
                from_provider: "provider".into(),
            }),
            2 => (1u64..50).prop_map(|reverses| EntryKind::Correction {
                reverses: LedgerEntryId(reverses),
                reason: "reason".into(),
            }),
        ]
    }

    /// A ledger of up to 40 entries numbered 1, 2, ... in order.
    fn ledger() -> impl Strategy<Value = Vec<LedgerEntry>> {
        prop::collection::vec((0..MODULES.len(), module_credits(), kind(), 0i64..400), 0..40).prop_map(|items| {
            items
                .into_iter()
                .enumerate()
                .map(|(index, (module, credits, kind, on))| entry(index as u64 + 1, MODULES[module], credits, kind, on))
                .collect()
        })
    }

    /// Rules over some of the modules, with any minimum (validity does not matter here).
    fn any_rules() -> impl Strategy<Value = QualificationRules> {
        (prop::collection::vec(0u8..3, MODULES.len()), 1u64..1_200).prop_map(|(roles, minimum)| {
            let pick = |role| {
                MODULES
                    .iter()
                    .zip(&roles)
                    .filter(|(_, r)| **r == role)
                    .map(|(m, _)| code(m))
                    .collect()
            };
            QualificationRules {
                level: QualificationLevel::AlliedCertificate,
                version: 1,
                minimum_credits: Credits::from_ninetieths(minimum),
                required_modules: pick(1),
                elective_modules: pick(2),
            }
        })
    }

    /// The most credit any entry says each module carries.
    fn ceilings(entries: &[LedgerEntry]) -> HashMap<&ModuleCode, Credits> {
        let mut ceilings: HashMap<&ModuleCode, Credits> = HashMap::new();
        for entry in entries {
            let ceiling = ceilings.entry(&entry.module).or_insert(Credits::ZERO);
            *ceiling = (*ceiling).max(entry.module_credits);
        }
        ceilings
    }

    fn next_id(entries: &[LedgerEntry]) -> u64 {
        entries.iter().map(|entry| entry.id.0).max().unwrap_or(0) + 1
    }

    proptest! {
        #[test]
        fn credits_add_up(entries in ledger()) {
            let transcript = transcript(&entries);
            let modules: Credits = transcript.modules.iter().map(|m| m.credits).sum();
            let by_source: Credits = transcript.by_source.iter().map(|s| s.credits).sum();
            prop_assert_eq!(transcript.total, modules);
            prop_assert_eq!(transcript.total, by_source);
            prop_assert_eq!(
                transcript.by_source.map(|s| s.via),
                CreditSource::ALL
            );
        }

        #[test]
        fn a_module_counts_once_and_never_above_what_it_carries(entries in ledger()) {
            let credited = credited_modules(&entries);
            let ceilings = ceilings(&entries);
            let mut seen = HashSet::new();
            for credit in &credited {
                prop_assert!(seen.insert(credit.module.clone()), "{} counted twice", credit.module);
                let source = entries.iter().find(|e| e.id == credit.entry).unwrap();
                prop_assert!(credit.credits > Credits::ZERO);
                prop_assert!(credit.credits <= source.module_credits);
                prop_assert_eq!(credit.in_full, credit.credits == source.module_credits);
                prop_assert_eq!(&source.module, &credit.module);
            }
            let most: Credits = ceilings.values().sum();
            prop_assert!(transcript(&entries).total <= most);
        }

        #[test]
        fn rpl_never_exceeds_the_modules_credits(
            module in module_credits(), granted in 0u64..1_000, rcc in any::<bool>(),
        ) {
            let granted = Credits::from_ninetieths(granted);
            let recognition = recognition(RecognitionDecision::Competent, granted);
            let kind = if rcc { EntryKind::Rcc(recognition) } else { EntryKind::Rpl(recognition) };
            let entry = entry(1, "M-1", module, kind, 0);
            let valid = validate_entry(&entry).is_ok();
            prop_assert_eq!(valid, granted > Credits::ZERO && granted <= module);
            let counted = transcript(std::slice::from_ref(&entry)).total;
            prop_assert_eq!(counted, granted.min(module));
        }

        #[test]
        fn a_failed_assessment_carries_nothing(entries in ledger(), module in 0..MODULES.len(), credits in module_credits()) {
            let before = transcript(&entries);
            let mut failed = entries.clone();
            failed.push(fail(next_id(&entries), MODULES[module], credits, 500));
            prop_assert_eq!(&transcript(&failed), &before);
            let mut not_yet = entries.clone();
            let kind = EntryKind::Rpl(recognition(RecognitionDecision::NotYetCompetent, Credits::ZERO));
            not_yet.push(entry(next_id(&entries), MODULES[module], credits, kind, 500));
            prop_assert_eq!(&transcript(&not_yet), &before);
            // Only failures: nothing at all.
            let only_failures: Vec<LedgerEntry> = entries
                .iter()
                .map(|e| fail(e.id.0, e.module.as_str(), e.module_credits, 0))
                .collect();
            prop_assert_eq!(transcript(&only_failures).total, Credits::ZERO);
        }

        #[test]
        fn passing_again_never_adds_credit(entries in ledger(), pick in any::<prop::sample::Index>(), on in 0i64..600) {
            let passes: Vec<&LedgerEntry> = effective_entries(&entries)
                .into_iter()
                .filter(|e| matches!(e.kind, EntryKind::Completion { outcome: Outcome::Pass, .. }))
                .collect();
            prop_assume!(!passes.is_empty());
            let passed = pick.get(&passes);
            let before = transcript(&entries).total;
            let mut again = entries.clone();
            again.push(pass(next_id(&entries), passed.module.as_str(), passed.module_credits, on));
            prop_assert_eq!(transcript(&again).total, before);
        }

        #[test]
        fn progress_is_eligible_exactly_without_reasons(entries in ledger(), rules in any_rules()) {
            let progress = progress(&rules, &entries);
            prop_assert_eq!(progress.eligible, progress.reasons.is_empty());
            let counted: Credits = progress.counted.iter().map(|c| c.credits).sum();
            prop_assert_eq!(progress.earned, counted);
            prop_assert!(progress.earned <= transcript(&entries).total);
            prop_assert!(progress.counted.iter().all(|c| rules.includes(&c.module)));
            prop_assert!(progress.missing_required.iter().all(|m| rules.required_modules.contains(m)));
            prop_assert_eq!(progress.earned + progress.shortfall >= rules.minimum_credits, true);
            let short = progress.earned < rules.minimum_credits;
            prop_assert_eq!(
                progress.eligible,
                !short && progress.missing_required.is_empty()
            );
        }

        #[test]
        fn certificate_reasons_are_progress_and_the_other_conditions(
            entries in ledger(),
            rules in any_rules(),
            issue in 0i64..500,
            accredited_from in prop::option::of(0i64..500),
            status in prop::sample::select(WorkerStatus::ALL.to_vec()),
        ) {
            let accreditations: Vec<Accreditation> = accredited_from
                .map(|from| accredited(rules.level, from, Some(from + 100)))
                .into_iter()
                .collect();
            let result = certificate_eligibility(&rules, &entries, &accreditations, day(issue), status);
            let progress = progress_as_of(&rules, &entries, day(issue));
            let covered = accredited_from.is_some_and(|from| from <= issue && issue <= from + 100);
            let mut expected = progress.reasons.clone();
            if !covered {
                expected.push(Ineligibility::ProviderNotAccredited { level: rules.level, on: day(issue) });
            }
            if status != WorkerStatus::Active {
                expected.push(Ineligibility::WorkerNotActive { status });
            }
            if expected.is_empty() {
                prop_assert_eq!(result, Ok(progress.earned));
            } else {
                prop_assert_eq!(result, Err(expected));
            }
        }

        #[test]
        fn the_effective_entries_do_not_depend_on_the_slice_order(
            (entries, shuffled) in ledger().prop_flat_map(|entries| (Just(entries.clone()), Just(entries).prop_shuffle())),
        ) {
            let mut a = ids(&effective_entries(&entries));
            let mut b = ids(&effective_entries(&shuffled));
            a.sort_unstable();
            b.sort_unstable();
            prop_assert_eq!(a, b);
            prop_assert_eq!(transcript(&entries), transcript(&shuffled));
        }

        #[test]
        fn a_chain_of_corrections_alternates(length in 0u64..12) {
            let mut entries = vec![pass(1, "M-1", Credits::from_whole(2), 0)];
            for n in 0..length {
                entries.push(correction(n + 2, "M-1", n + 1, 1));
            }
            let effective = ids(&effective_entries(&entries));
            if length % 2 == 0 {
                prop_assert_eq!(effective, vec![1]);
            } else {
                prop_assert!(effective.is_empty());
            }
        }
    }
}
