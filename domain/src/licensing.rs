//! Licensing: licence types as data, the prerequisites of an application, the licence's state
//! machine and its timeline of events, continuing professional development (CPD), expiry and
//! reminders, licence numbers, and the roster check of HR officers.
//!
//! # Licence types
//!
//! Nothing fixes the rules of licensing yet (DESIGN.md section 2), so they are data: a
//! [`LicenceTypeRules`] names the workforce category it licenses, the qualification it requires
//! (a certificate of that CQF level or above; the allied workers' certificate only satisfies
//! itself, see [`level_satisfies`]), how long a licence is valid, the CPD hours a renewal cycle
//! requires and the grace period after expiry in which the licence may still be renewed.
//! [`demo_licence_types`] gives the three types of the demo.
//!
//! # The state machine
//!
//! A licence is a [`LicenceStatus`] changed only by events ([`LicenceEvent`]: an action, a
//! reason, the authority that decided it and the date it takes effect). [`apply`] checks an event
//! against the current [`LicenceState`] and the type's rules and returns the next state, or a
//! [`LicenceError`] (an illegal action names the current status and the action: "a licence that
//! is revoked cannot be renewed"). [`replay`] rebuilds a state from its timeline.
//!
//! | status | actions it accepts |
//! | --- | --- |
//! | `pending` | `grant` → active, `grant_with_conditions` → conditional, `refuse` → refused |
//! | `active` | `suspend`, `expire`, `renew`, `revoke` |
//! | `conditional` | as active, and `lift_conditions` → active |
//! | `suspended` | `lift_suspension` → the status before the suspension (or expired, see below), `revoke` |
//! | `expired` | `renew` (within the grace period), `reinstate`, `revoke` |
//! | `revoked`, `refused` | nothing: they are final |
//!
//! The choices made where the plans are silent:
//!
//! - **Validity.** A licence is valid from its first day to its last day, both inclusive
//!   ([`valid_until_for`]: 12 months from 2026-01-01 end on 2026-12-31). An officer may grant a
//!   shorter validity than the type's, never a longer one.
//! - **Suspension** does not stop the clock. A suspended licence is not marked expired (the
//!   suspension would be lost); when the suspension is lifted after the last day of validity, the
//!   licence goes straight to `expired`.
//! - **Renewal** (`renew`) is the ordinary path: from active or conditional at any time, or from
//!   expired while the grace period lasts (`grace_days` after the last day of validity; the
//!   grace period applies whatever the status, so a renewal recorded late is refused the same
//!   way). The new cycle starts the day after the old one ended, so renewing early loses nothing
//!   and renewing within the grace period is continuous. Conditions stay until lifted. Whether
//!   the CPD hours are met is [`renewal_check`], which the caller runs before recording a renewal.
//! - **Reinstatement** (`reinstate`) is a decision of the licensing committee, with a reason, for
//!   an expired licence at any time after expiry (typically after the grace period, when renewal
//!   is no longer possible). It starts a new period on its effective date and may impose new
//!   conditions (or none). The domain does not check CPD for it: the committee weighs it.
//! - **Revocation** applies to any licence that was granted (active, conditional, suspended or
//!   expired); refusal only to a pending application. Both are final.
//! - Events take effect in order: an event dated before the licence's last change is refused.
//!
//! # CPD, expiry and reminders
//!
//! CPD is counted in **minutes** ([`CpdActivity::minutes`]), exactly, so that a 90-minute
//! session is 1.5 hours and a 45-minute one is not rounded away; the types' requirement is in
//! whole hours. Only approved activities dated within the cycle count ([`cpd_minutes_in_cycle`]).
//!
//! A daily job marks licences expired ([`is_due_to_expire`], [`expiry_event`]) and sends
//! reminders [`REMINDER_DAYS`] before expiry ([`due_reminders`]: each once, the nearest one only,
//! never after expiry).
//!
//! # Numbers and rosters
//!
//! A [`LicenceNumber`] is `{TYPE}-{YYYY}-{NNNNNN}` (`PSW-2026-000042`). HR officers check a
//! whole roster at once: [`parse_roster`] reads pasted or uploaded text into registry numbers,
//! national IDs and licence numbers ([`RosterIdentifier`]), line by line.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::training::QualificationLevel;
use crate::{CqfLevel, FieldError, NationalId, RegistryNumber, WorkforceCategory, is_khmer, required_text};

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/// The most characters of a name in licensing: a title, an authority, a CPD provider or title.
pub const MAX_LICENCE_NAME_CHARS: usize = 200;
/// The most characters of a text in licensing: a reason, conditions.
pub const MAX_LICENCE_TEXT_CHARS: usize = 2_000;

/// A Khmer digit (០-៩) as its ASCII digit; any other character unchanged.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{17E0}'..='\u{17E9}' => char::from(b'0' + (c as u32 - 0x17E0) as u8),
        _ => c,
    }
}

/// The dashes people type or word processors substitute for a hyphen-minus.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// `raw` without whitespace, with Khmer digits as ASCII digits, every dash as `-`, uppercased.
fn normalise_identifier(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { ascii_digit(c) })
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Pushes the error of [`required_text`], if any.
fn check_text(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) {
    if let Err(error) = required_text(field, value, max) {
        errors.push(error);
    }
}

/// The same error as [`required_text`]'s `too_long`, for optional text.
fn check_optional_text(field: &str, value: Option<&str>, max: usize, errors: &mut Vec<FieldError>) {
    if let Some(value) = value
        && value.trim().chars().count() > max
    {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
}

/// `date` plus `days`, or the last date chrono knows.
fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

// ---------------------------------------------------------------------------------------------
// Licence types
// ---------------------------------------------------------------------------------------------

/// The code of a licence type, e.g. `PSW`: 2 to 16 characters, uppercase letters A-Z, digits and
/// `-`, beginning with a letter, not ending with `-` and without `--` (so that a licence number,
/// `{TYPE}-{YYYY}-{NNNNNN}`, reads back unambiguously).
///
/// Parsing trims the input and uppercases it. Serialized as its text; deserializing checks it
/// (field `code`).
///
/// ```
/// use domain::licensing::LicenceTypeCode;
/// assert_eq!(LicenceTypeCode::parse("code", " psw ").unwrap().as_str(), "PSW");
/// assert_eq!(LicenceTypeCode::parse("code", "P SW").unwrap_err().rule, "format");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LicenceTypeCode(String);

impl LicenceTypeCode {
    /// The fewest characters of a code.
    pub const MIN_CHARS: usize = 2;
    /// The most characters of a code.
    pub const MAX_CHARS: usize = 16;

    /// Parses `raw`, the value of the input `field` (rules `required`, `format`, `too_short`,
    /// `too_long`).
    pub fn parse(field: &str, raw: &str) -> Result<LicenceTypeCode, FieldError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-';
        if !code.chars().all(allowed)
            || !code.starts_with(|c: char| c.is_ascii_uppercase())
            || code.ends_with('-')
            || code.contains("--")
        {
            return Err(FieldError::new(
                field,
                "format",
                "must be a licence type code such as PSW: letters A-Z, digits and single '-', beginning with a letter",
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
        Ok(LicenceTypeCode(code))
    }

    /// The code, e.g. `PSW`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LicenceTypeCode {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        LicenceTypeCode::parse("code", &raw)
    }
}

impl From<LicenceTypeCode> for String {
    fn from(code: LicenceTypeCode) -> String {
        code.0
    }
}

impl FromStr for LicenceTypeCode {
    type Err = FieldError;

    /// Parses a code for the input `code`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        LicenceTypeCode::parse("code", raw)
    }
}

impl fmt::Display for LicenceTypeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The rules of one licence type: what it is called, whom it licenses, what it requires, how
/// long it lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceTypeRules {
    pub code: LicenceTypeCode,
    /// The title in Khmer, e.g. `ជំនួយការសង្គមកិច្ចដែលបានចុះបញ្ជី`.
    pub title_km: String,
    /// The title in English, e.g. `Registered para social worker`.
    pub title_en: String,
    /// The workforce category the licence is for.
    pub category: WorkforceCategory,
    /// The qualification required: a certificate of this CQF level or above, or the allied
    /// workers' certificate ([`level_satisfies`]).
    pub required_level: QualificationLevel,
    /// How long a licence is valid, in calendar months, 1 to 120 ([`valid_until_for`]).
    pub validity_months: u32,
    /// The CPD hours a renewal cycle requires, 0 to 1,000 (0: no CPD required).
    pub cpd_hours_per_cycle: u32,
    /// The days after the last day of validity during which an expired licence may still be
    /// renewed, 0 to 365.
    pub grace_days: u32,
}

impl LicenceTypeRules {
    /// The longest validity, in months.
    pub const MAX_VALIDITY_MONTHS: u32 = 120;
    /// The most CPD hours a cycle may require.
    pub const MAX_CPD_HOURS_PER_CYCLE: u32 = 1_000;
    /// The longest grace period, in days.
    pub const MAX_GRACE_DAYS: u32 = 365;

    /// Checks the rules, reporting every problem at once:
    ///
    /// - `title_km`: `required`, `too_long` (200 characters), `script` (no Khmer character);
    /// - `title_en`: `required`, `too_long`;
    /// - `validity_months`, `cpd_hours_per_cycle`, `grace_days`: `out_of_range`.
    ///
    /// The code is checked when it is parsed ([`LicenceTypeCode`]).
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        match required_text("title_km", &self.title_km, MAX_LICENCE_NAME_CHARS) {
            Ok(title) if !is_khmer(&title) => {
                errors.push(FieldError::new("title_km", "script", "must be written in Khmer script"));
            }
            Ok(_) => {}
            Err(error) => errors.push(error),
        }
        check_text("title_en", &self.title_en, MAX_LICENCE_NAME_CHARS, &mut errors);
        if !(1..=Self::MAX_VALIDITY_MONTHS).contains(&self.validity_months) {
            errors.push(FieldError::new(
                "validity_months",
                "out_of_range",
                format!("must be from 1 to {} months", Self::MAX_VALIDITY_MONTHS),
            ));
        }
        if self.cpd_hours_per_cycle > Self::MAX_CPD_HOURS_PER_CYCLE {
            errors.push(FieldError::new(
                "cpd_hours_per_cycle",
                "out_of_range",
                format!("must be from 0 to {} hours", Self::MAX_CPD_HOURS_PER_CYCLE),
            ));
        }
        if self.grace_days > Self::MAX_GRACE_DAYS {
            errors.push(FieldError::new(
                "grace_days",
                "out_of_range",
                format!("must be from 0 to {} days", Self::MAX_GRACE_DAYS),
            ));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The last day a licence of this type that starts on `valid_from` may be valid:
    /// [`valid_until_for`] with the type's validity.
    pub fn latest_valid_until(&self, valid_from: NaiveDate) -> NaiveDate {
        valid_until_for(valid_from, self.validity_months)
    }

    /// The last day on which a licence valid until `valid_until` may still be renewed:
    /// `grace_days` after it (the day itself when there is no grace period).
    pub fn grace_ends_on(&self, valid_until: NaiveDate) -> NaiveDate {
        add_days(valid_until, self.grace_days)
    }

    /// The CPD a renewal cycle requires, in minutes.
    pub fn cpd_minutes_per_cycle(&self) -> u64 {
        u64::from(self.cpd_hours_per_cycle) * 60
    }
}

/// The licence types of the demo (not official: the plans fix no rules yet), each valid for 36
/// months with a 90-day grace period:
///
/// - `PSW`, registered para social worker: a Vocational Certificate (CQF 1), 15 CPD hours a cycle;
/// - `PPP`, para-professional practitioner: TVC 1 (CQF 2) or above, 30 CPD hours;
/// - `SW`, social worker: a degree (CQF 6) or above, 45 CPD hours.
pub fn demo_licence_types() -> Vec<LicenceTypeRules> {
    let level = |n: u8| QualificationLevel::Cqf(CqfLevel::new(n).expect("a CQF level from 1 to 8"));
    let rules =
        |code: &str, title_km: &str, title_en: &str, category, required_level, cpd_hours_per_cycle| LicenceTypeRules {
            code: LicenceTypeCode::parse("code", code).expect("a valid demo code"),
            title_km: title_km.to_owned(),
            title_en: title_en.to_owned(),
            category,
            required_level,
            validity_months: 36,
            cpd_hours_per_cycle,
            grace_days: 90,
        };
    vec![
        rules(
            "PSW",
            "ជំនួយការសង្គមកិច្ចដែលបានចុះបញ្ជី",
            "Registered para social worker",
            WorkforceCategory::ParaSocialWorker,
            level(1),
            15,
        ),
        rules(
            "PPP",
            "អ្នកអនុវត្តពាក់កណ្តាលវិជ្ជាជីវៈ",
            "Para-professional practitioner",
            WorkforceCategory::ParaProfessional,
            level(2),
            30,
        ),
        rules(
            "SW",
            "អ្នកសង្គមកិច្ច",
            "Social worker",
            WorkforceCategory::ProfessionalSocialWorker,
            level(6),
            45,
        ),
    ]
}

/// The last day of a validity of `validity_months` calendar months starting on `valid_from`: the
/// day before the same date `validity_months` later, or, when that date does not exist (the
/// 29th to 31st of a shorter month), the last day of that month. Both `valid_from` and the
/// result are days of validity.
///
/// So 12 months from 2026-01-01 end on 2026-12-31, 1 month from 2026-01-15 on 2026-02-14, 1
/// month from 2026-01-31 on 2026-02-28, and 12 months from 2024-02-29 on 2025-02-28. The result
/// never decreases as `valid_from` advances. Past the end of chrono's calendar it is the last
/// date chrono knows.
///
/// ```
/// use chrono::NaiveDate;
/// use domain::licensing::valid_until_for;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(valid_until_for(day(2026, 1, 1), 36), day(2028, 12, 31));
/// assert_eq!(valid_until_for(day(2026, 1, 31), 1), day(2026, 2, 28));
/// ```
pub fn valid_until_for(valid_from: NaiveDate, validity_months: u32) -> NaiveDate {
    let first_of_month = valid_from.with_day(1).expect("every month has a first day");
    let Some(target) = first_of_month.checked_add_months(Months::new(validity_months)) else {
        return NaiveDate::MAX;
    };
    match target.with_day(valid_from.day()) {
        Some(same_day) => same_day.pred_opt().unwrap_or(same_day),
        None => target
            .checked_add_months(Months::new(1))
            .and_then(|next_month| next_month.pred_opt())
            .unwrap_or(NaiveDate::MAX),
    }
}

// ---------------------------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------------------------

/// Whether a certificate of level `held` satisfies a requirement of level `required`: CQF levels
/// compare by number (a degree, CQF 6, satisfies a requirement of CQF 2); the allied workers'
/// certificate is outside the CQF and only satisfies a requirement of itself, which no CQF
/// certificate satisfies.
pub fn level_satisfies(held: QualificationLevel, required: QualificationLevel) -> bool {
    match (held, required) {
        (QualificationLevel::Cqf(held), QualificationLevel::Cqf(required)) => held >= required,
        (QualificationLevel::AlliedCertificate, QualificationLevel::AlliedCertificate) => true,
        _ => false,
    }
}

/// A certificate a worker holds, as the prerequisites of a licence see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HeldCertificate {
    /// The certificate's serial number.
    pub serial: String,
    /// The level of the qualification it certifies.
    pub level: QualificationLevel,
    pub issued_on: NaiveDate,
    /// Revoked by its issuer: it certifies nothing.
    pub revoked: bool,
    /// Replaced by a reissued certificate (which is listed too): it is not counted itself.
    pub superseded: bool,
}

/// Why a worker may not (yet) be licensed. Displayed as an English sentence; serialized as
/// `{"code": ..., "message": ..., "required": ..., ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrerequisiteProblem {
    /// The worker holds no certificate at all (none issued on or before the date).
    NoCertificate { required: QualificationLevel },
    /// Every certificate the worker holds is revoked (their serials, in the order given).
    OnlyRevoked {
        required: QualificationLevel,
        serials: Vec<String>,
    },
    /// The worker holds valid certificates, none of the required level (their levels, CQF
    /// levels ascending, then the allied workers' certificate).
    LevelTooLow {
        required: QualificationLevel,
        held: Vec<QualificationLevel>,
    },
}

impl PrerequisiteProblem {
    /// The stable code: `no_certificate`, `only_revoked`, `level_too_low`.
    pub fn code(&self) -> &'static str {
        match self {
            PrerequisiteProblem::NoCertificate { .. } => "no_certificate",
            PrerequisiteProblem::OnlyRevoked { .. } => "only_revoked",
            PrerequisiteProblem::LevelTooLow { .. } => "level_too_low",
        }
    }

    /// The level the licence requires.
    pub fn required(&self) -> QualificationLevel {
        match self {
            PrerequisiteProblem::NoCertificate { required }
            | PrerequisiteProblem::OnlyRevoked { required, .. }
            | PrerequisiteProblem::LevelTooLow { required, .. } => *required,
        }
    }
}

/// What a licence requires, in a sentence: `a certificate of CQF level 2 or above`.
fn requirement(required: QualificationLevel) -> String {
    match required {
        QualificationLevel::Cqf(_) => format!("a certificate of {} or above", required.label()),
        QualificationLevel::AlliedCertificate => required.label().to_owned(),
    }
}

impl fmt::Display for PrerequisiteProblem {
    /// E.g. `The licence requires a certificate of CQF level 6 or above; none of the certificates
    /// held is of that level (held: CQF level 1, CQF level 2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The licence requires {}; ", requirement(self.required()))?;
        match self {
            PrerequisiteProblem::NoCertificate { .. } => f.write_str("no certificate is held"),
            PrerequisiteProblem::OnlyRevoked { serials, .. } => {
                write!(f, "every certificate held is revoked ({})", serials.join(", "))
            }
            PrerequisiteProblem::LevelTooLow { held, .. } => {
                let held: Vec<&str> = held.iter().map(|level| level.label()).collect();
                write!(
                    f,
                    "none of the certificates held is of that level (held: {})",
                    held.join(", ")
                )
            }
        }
    }
}

impl Serialize for PrerequisiteProblem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        map.serialize_entry("required", &self.required())?;
        match self {
            PrerequisiteProblem::NoCertificate { .. } => {}
            PrerequisiteProblem::OnlyRevoked { serials, .. } => map.serialize_entry("serials", serials)?,
            PrerequisiteProblem::LevelTooLow { held, .. } => map.serialize_entry("held", held)?,
        }
        map.end()
    }
}

/// An order of levels for lists and for choosing: CQF 1 to 8, then the allied certificate.
fn level_rank(level: QualificationLevel) -> u8 {
    level.cqf_level().map_or(0, CqfLevel::get)
}

/// Whether a worker holding `certificates` meets the prerequisites of the licence type `rules`
/// on the date `on`: a certificate issued on or before `on`, not revoked, not superseded, of the
/// required level or above ([`level_satisfies`]).
///
/// Yes, with the certificate the licence rests on: of those that qualify, the highest level, then
/// the most recently issued, then the smallest serial. No, with the problem: no certificate at
/// all, only revoked ones, or valid ones of too low a level (a list, to leave room for other
/// prerequisites; today it always holds exactly one problem).
pub fn licence_prerequisites<'a>(
    rules: &LicenceTypeRules,
    certificates: &'a [HeldCertificate],
    on: NaiveDate,
) -> Result<&'a HeldCertificate, Vec<PrerequisiteProblem>> {
    let required = rules.required_level;
    let held: Vec<&HeldCertificate> = certificates
        .iter()
        .filter(|certificate| certificate.issued_on <= on && !certificate.superseded)
        .collect();
    if held.is_empty() {
        return Err(vec![PrerequisiteProblem::NoCertificate { required }]);
    }
    let valid: Vec<&HeldCertificate> = held
        .iter()
        .copied()
        .filter(|certificate| !certificate.revoked)
        .collect();
    if valid.is_empty() {
        return Err(vec![PrerequisiteProblem::OnlyRevoked {
            required,
            serials: held.iter().map(|certificate| certificate.serial.clone()).collect(),
        }]);
    }
    let best = valid
        .iter()
        .copied()
        .filter(|certificate| level_satisfies(certificate.level, required))
        .min_by(|a, b| {
            (
                std::cmp::Reverse(level_rank(a.level)),
                std::cmp::Reverse(a.issued_on),
                &a.serial,
            )
                .cmp(&(
                    std::cmp::Reverse(level_rank(b.level)),
                    std::cmp::Reverse(b.issued_on),
                    &b.serial,
                ))
        });
    match best {
        Some(certificate) => Ok(certificate),
        None => {
            let mut levels: Vec<QualificationLevel> = Vec::new();
            for certificate in &valid {
                if !levels.contains(&certificate.level) {
                    levels.push(certificate.level);
                }
            }
            levels.sort_by_key(|level| match level {
                QualificationLevel::Cqf(level) => level.get(),
                QualificationLevel::AlliedCertificate => u8::MAX,
            });
            Err(vec![PrerequisiteProblem::LevelTooLow { required, held: levels }])
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Status and actions
// ---------------------------------------------------------------------------------------------

/// The status of a licence (or of an application for one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    /// Applied for, not decided yet.
    #[default]
    Pending,
    /// Granted, in force.
    Active,
    /// Granted with conditions, in force.
    Conditional,
    /// Granted, not in force until the suspension is lifted.
    Suspended,
    /// Its validity ended; it may be renewed within the grace period, or reinstated.
    Expired,
    /// Withdrawn by the licensing committee. Final.
    Revoked,
    /// The application was refused. Final.
    Refused,
}

impl LicenceStatus {
    /// Every status, in the order of the web catalogue (`licence-status-*`).
    pub const ALL: [LicenceStatus; 7] = [
        LicenceStatus::Pending,
        LicenceStatus::Active,
        LicenceStatus::Conditional,
        LicenceStatus::Suspended,
        LicenceStatus::Expired,
        LicenceStatus::Revoked,
        LicenceStatus::Refused,
    ];

    /// The stable snake_case code: `pending`, `active`, `conditional`, `suspended`, `expired`,
    /// `revoked`, `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenceStatus::Pending => "pending",
            LicenceStatus::Active => "active",
            LicenceStatus::Conditional => "conditional",
            LicenceStatus::Suspended => "suspended",
            LicenceStatus::Expired => "expired",
            LicenceStatus::Revoked => "revoked",
            LicenceStatus::Refused => "refused",
        }
    }

    /// Reads a code, trimmed, in any case (field `status`, rule `one_of`).
    pub fn parse(raw: &str) -> Result<LicenceStatus, FieldError> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == raw)
            .ok_or_else(|| {
                let codes: Vec<&str> = Self::ALL.iter().map(|status| status.as_str()).collect();
                FieldError::new("status", "one_of", format!("must be one of: {}", codes.join(", ")))
            })
    }

    /// Whether nothing can change it any more: revoked or refused.
    pub fn is_final(self) -> bool {
        matches!(self, LicenceStatus::Revoked | LicenceStatus::Refused)
    }

    /// Whether a licence of this status licenses its holder: active or conditional (and within
    /// its validity: see [`LicenceState::in_force_on`]).
    pub fn is_in_force(self) -> bool {
        matches!(self, LicenceStatus::Active | LicenceStatus::Conditional)
    }

    /// The codes of the actions a licence of this status accepts (whether one succeeds also
    /// depends on its dates), e.g. to show the licensing officer's buttons.
    pub fn allowed_actions(self) -> &'static [&'static str] {
        match self {
            LicenceStatus::Pending => &["grant", "grant_with_conditions", "refuse"],
            LicenceStatus::Active => &["suspend", "expire", "renew", "revoke"],
            LicenceStatus::Conditional => &["suspend", "expire", "renew", "revoke", "lift_conditions"],
            LicenceStatus::Suspended => &["lift_suspension", "revoke"],
            LicenceStatus::Expired => &["renew", "reinstate", "revoke"],
            LicenceStatus::Revoked | LicenceStatus::Refused => &[],
        }
    }

    /// The status in an English sentence: `pending`, `active`, `active with conditions`, ...
    fn label(self) -> &'static str {
        match self {
            LicenceStatus::Conditional => "active with conditions",
            other => other.as_str(),
        }
    }
}

impl fmt::Display for LicenceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LicenceStatus {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        LicenceStatus::parse(raw)
    }
}

/// What an event does to a licence. Serialized with its code in `action`, e.g.
/// `{"action": "renew", "valid_until": "2029-12-31"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum LicenceAction {
    /// Pending → active, valid from `valid_from` to `valid_until`, both inclusive.
    Grant {
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    },
    /// Pending → conditional: granted, on the conditions stated.
    GrantWithConditions {
        valid_from: NaiveDate,
        valid_until: NaiveDate,
        conditions: String,
    },
    /// Pending → refused (final). Needs a reason.
    Refuse,
    /// Active or conditional → suspended. Needs a reason.
    Suspend,
    /// Suspended → the status before the suspension (active or conditional), or expired when
    /// the validity ended meanwhile.
    LiftSuspension,
    /// Active or conditional → expired, after the last day of validity.
    Expire,
    /// A new cycle, from the day after the current one ends to `valid_until`: from active or
    /// conditional (the status stays), or from expired within the grace period (back to active,
    /// or conditional if it had conditions).
    Renew { valid_until: NaiveDate },
    /// Expired → active (or conditional, when `conditions` are given): a committee decision,
    /// with a reason, starting a new period on the effective date.
    Reinstate {
        valid_until: NaiveDate,
        #[serde(default)]
        conditions: Option<String>,
    },
    /// Active, conditional, suspended or expired → revoked (final). Needs a reason.
    Revoke,
    /// Conditional → active: the conditions are met.
    LiftConditions,
}

impl LicenceAction {
    /// Every action's code, in the order of the variants.
    pub const CODES: [&'static str; 10] = [
        "grant",
        "grant_with_conditions",
        "refuse",
        "suspend",
        "lift_suspension",
        "expire",
        "renew",
        "reinstate",
        "revoke",
        "lift_conditions",
    ];

    /// The stable snake_case code of the action (the serde tag): `grant`, `renew`, ...
    pub fn code(&self) -> &'static str {
        match self {
            LicenceAction::Grant { .. } => "grant",
            LicenceAction::GrantWithConditions { .. } => "grant_with_conditions",
            LicenceAction::Refuse => "refuse",
            LicenceAction::Suspend => "suspend",
            LicenceAction::LiftSuspension => "lift_suspension",
            LicenceAction::Expire => "expire",
            LicenceAction::Renew { .. } => "renew",
            LicenceAction::Reinstate { .. } => "reinstate",
            LicenceAction::Revoke => "revoke",
            LicenceAction::LiftConditions => "lift_conditions",
        }
    }

    /// The code of the decision, in the past tense, as the licence-decision emails name it:
    /// `granted`, `granted_with_conditions`, `refused`, `suspended`, `suspension_lifted`,
    /// `expired`, `renewed`, `reinstated`, `revoked`, `conditions_lifted`.
    pub fn decision_code(&self) -> &'static str {
        match self {
            LicenceAction::Grant { .. } => "granted",
            LicenceAction::GrantWithConditions { .. } => "granted_with_conditions",
            LicenceAction::Refuse => "refused",
            LicenceAction::Suspend => "suspended",
            LicenceAction::LiftSuspension => "suspension_lifted",
            LicenceAction::Expire => "expired",
            LicenceAction::Renew { .. } => "renewed",
            LicenceAction::Reinstate { .. } => "reinstated",
            LicenceAction::Revoke => "revoked",
            LicenceAction::LiftConditions => "conditions_lifted",
        }
    }

    /// Whether the event must give a reason: refusal, suspension, revocation, reinstatement.
    pub fn needs_reason(&self) -> bool {
        matches!(
            self,
            LicenceAction::Refuse | LicenceAction::Suspend | LicenceAction::Revoke | LicenceAction::Reinstate { .. }
        )
    }
}

/// What "cannot ..." says of an action, by code.
fn action_phrase(code: &str) -> &'static str {
    match code {
        "grant" => "be granted",
        "grant_with_conditions" => "be granted with conditions",
        "refuse" => "be refused",
        "suspend" => "be suspended",
        "lift_suspension" => "have a suspension lifted",
        "expire" => "expire",
        "renew" => "be renewed",
        "reinstate" => "be reinstated",
        "revoke" => "be revoked",
        "lift_conditions" => "have its conditions lifted",
        _ => "change",
    }
}

/// The authority [`expiry_event`] names: the scheduled job.
pub const EXPIRY_JOB_AUTHORITY: &str = "Kamlang scheduled expiry";

/// One transition of a licence: what happened, why, who decided it and from when.
///
/// Serialized flat: `{"action": "suspend", "reason": ..., "authority": ..., "effective_date":
/// "2026-05-01"}` plus the action's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LicenceEvent {
    #[serde(flatten)]
    pub action: LicenceAction,
    /// Why; required for refusal, suspension, revocation and reinstatement.
    #[serde(default)]
    pub reason: Option<String>,
    /// Who decided it: the licensing committee or officer (by name or reference), or
    /// [`EXPIRY_JOB_AUTHORITY`].
    pub authority: String,
    /// The day it takes effect.
    pub effective_date: NaiveDate,
}

/// Checks an event on its own, reporting every problem at once. Fields and rules:
///
/// - `authority`: `required`, `too_long` (200 characters);
/// - `reason`: `required` for refusal, suspension, revocation and reinstatement, `too_long`
///   (2,000 characters) whenever given (a blank optional reason is as good as none);
/// - `conditions`: `required` and `too_long` for a grant with conditions, `too_long` (and
///   `required` when given but blank) for a reinstatement;
/// - `valid_until`, `after_start`: a grant's last day is not after its first.
///
/// What depends on the licence (its status, its dates, the type's validity) is [`apply`]'s.
pub fn validate_event(event: &LicenceEvent) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    check_text("authority", &event.authority, MAX_LICENCE_NAME_CHARS, &mut errors);
    if event.action.needs_reason() {
        check_text(
            "reason",
            event.reason.as_deref().unwrap_or(""),
            MAX_LICENCE_TEXT_CHARS,
            &mut errors,
        );
    } else {
        check_optional_text("reason", event.reason.as_deref(), MAX_LICENCE_TEXT_CHARS, &mut errors);
    }
    match &event.action {
        LicenceAction::Grant {
            valid_from,
            valid_until,
        } => {
            errors.extend(after_start(*valid_from, *valid_until, "the first day of validity"));
        }
        LicenceAction::GrantWithConditions {
            valid_from,
            valid_until,
            conditions,
        } => {
            check_text("conditions", conditions, MAX_LICENCE_TEXT_CHARS, &mut errors);
            errors.extend(after_start(*valid_from, *valid_until, "the first day of validity"));
        }
        LicenceAction::Reinstate {
            conditions: Some(conditions),
            ..
        } => check_text("conditions", conditions, MAX_LICENCE_TEXT_CHARS, &mut errors),
        _ => {}
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// `valid_until` must come after `start` (field `valid_until`, rule `after_start`).
fn after_start(start: NaiveDate, valid_until: NaiveDate, what: &str) -> Option<FieldError> {
    (valid_until <= start)
        .then(|| FieldError::new("valid_until", "after_start", format!("must be after {start}, {what}")))
}

// ---------------------------------------------------------------------------------------------
// State and transitions
// ---------------------------------------------------------------------------------------------

/// Where a licence stands: its status and what the status needs to be understood.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LicenceState {
    pub status: LicenceStatus,
    /// The first day of the current period of validity (the grant or the reinstatement; a
    /// renewal continues the period). Set once granted.
    pub valid_from: Option<NaiveDate>,
    /// The first day of the current renewal cycle: `valid_from`, or the day after the previous
    /// cycle ended. CPD counts within `cycle_start..=valid_until`. Set once granted.
    pub cycle_start: Option<NaiveDate>,
    /// The last day of validity, inclusive. Set once granted.
    pub valid_until: Option<NaiveDate>,
    /// The conditions of a licence granted (or reinstated) with conditions, until they are
    /// lifted; kept while it is suspended or expired.
    pub conditions: Option<String>,
    /// While suspended, the status the licence returns to: active or conditional.
    pub before_suspension: Option<LicenceStatus>,
    /// The effective date of the last event; later events may not take effect before it.
    pub changed_on: Option<NaiveDate>,
}

impl LicenceState {
    /// A new application: pending, nothing else.
    pub fn pending() -> LicenceState {
        LicenceState::default()
    }

    /// Whether the status is in force (active or conditional).
    pub fn is_in_force(&self) -> bool {
        self.status.is_in_force()
    }

    /// Whether the licence licenses its holder on `date`: in force, and `date` within its
    /// validity (a licence the daily job has not marked expired yet is not in force after its
    /// last day).
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.is_in_force()
            && self.valid_from.is_some_and(|from| from <= date)
            && self.valid_until.is_some_and(|until| date <= until)
    }

    /// The current CPD cycle: `cycle_start..=valid_until`, once granted.
    pub fn cpd_cycle(&self) -> Option<CpdCycle> {
        Some(CpdCycle {
            start: self.cycle_start?,
            end: self.valid_until?,
        })
    }

    /// What is wrong with the state, if it is not one [`apply`] can produce (say, a row edited
    /// by hand); `None` when it is consistent:
    ///
    /// - pending and refused: no validity, conditions or remembered status;
    /// - every other status: `valid_from <= cycle_start < valid_until`;
    /// - active: no conditions; conditional: conditions;
    /// - suspended: remembers active (without conditions) or conditional (with them);
    /// - only a suspended licence remembers a status.
    pub fn inconsistency(&self) -> Option<&'static str> {
        let granted = !matches!(self.status, LicenceStatus::Pending | LicenceStatus::Refused);
        let period = (self.valid_from, self.cycle_start, self.valid_until);
        if granted {
            match period {
                (Some(from), Some(cycle), Some(until)) if from <= cycle && cycle < until => {}
                (Some(_), Some(_), Some(_)) => {
                    return Some("its dates of validity are out of order");
                }
                _ => return Some("it has no period of validity"),
            }
        } else if period != (None, None, None) || self.conditions.is_some() {
            return Some("it was never granted, yet has a period of validity or conditions");
        }
        if (self.status == LicenceStatus::Suspended) != self.before_suspension.is_some() {
            return Some("only a suspended licence remembers the status it returns to");
        }
        match self.status {
            LicenceStatus::Active if self.conditions.is_some() => Some("it is active, yet has conditions"),
            LicenceStatus::Conditional if self.conditions.is_none() => Some("it is conditional, without conditions"),
            LicenceStatus::Suspended => match self.before_suspension {
                Some(LicenceStatus::Active) if self.conditions.is_none() => None,
                Some(LicenceStatus::Conditional) if self.conditions.is_some() => None,
                _ => Some("it is suspended from a status it cannot return to"),
            },
            _ => None,
        }
    }

    /// `(valid_from, cycle_start, valid_until)`, once granted.
    fn period(&self) -> Option<(NaiveDate, NaiveDate, NaiveDate)> {
        Some((self.valid_from?, self.cycle_start?, self.valid_until?))
    }

    /// Active, or conditional when the licence has conditions.
    fn in_force_status(&self) -> LicenceStatus {
        if self.conditions.is_some() {
            LicenceStatus::Conditional
        } else {
            LicenceStatus::Active
        }
    }
}

/// Why an event cannot be applied to a licence. Displayed as an English sentence; serialized as
/// `{"code": ..., "message": ..., ...}` with the details of the error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LicenceError {
    /// The licence's status does not accept the action (a 422 for the API).
    #[error("a licence that is {} cannot {}", from.label(), action_phrase(action))]
    IllegalTransition {
        from: LicenceStatus,
        /// The action's code ([`LicenceAction::code`]).
        action: &'static str,
    },
    /// The event itself breaks a rule ([`validate_event`], or a renewal's or reinstatement's
    /// `valid_until` not after the start of its period).
    #[error("{}", join_errors(.0))]
    InvalidEvent(Vec<FieldError>),
    /// The event would take effect before the licence's last change.
    #[error("the decision would take effect on {effective_date}, before the licence's last change on {last_change}")]
    OutOfOrder {
        effective_date: NaiveDate,
        last_change: NaiveDate,
    },
    /// The validity is longer than the licence type allows.
    #[error(
        "a licence valid from {valid_from} may be valid until {latest} at the latest ({validity_months} months), not until {valid_until}"
    )]
    ValidityTooLong {
        valid_from: NaiveDate,
        valid_until: NaiveDate,
        latest: NaiveDate,
        validity_months: u32,
    },
    /// The validity would end before the decision takes effect.
    #[error("the licence would be valid until {valid_until}, before the decision takes effect on {effective_date}")]
    EndsBeforeEffective {
        valid_until: NaiveDate,
        effective_date: NaiveDate,
    },
    /// A renewal after the grace period: only the committee can reinstate the licence now.
    #[error(
        "the licence was valid until {valid_until} and its {grace_days}-day grace period for renewal ended on {grace_ended_on}; it can only be reinstated"
    )]
    RenewalAfterGrace {
        valid_until: NaiveDate,
        grace_days: u32,
        grace_ended_on: NaiveDate,
    },
    /// An expiry on or before the last day of validity.
    #[error("the licence is valid until {valid_until}, so it cannot expire on {effective_date}")]
    NotYetExpired {
        valid_until: NaiveDate,
        effective_date: NaiveDate,
    },
    /// The current state is not one [`apply`] produces ([`LicenceState::inconsistency`]): a
    /// fault of the store, not of the request.
    #[error("the record of this {} licence is inconsistent: {problem}", status.label())]
    InconsistentState {
        status: LicenceStatus,
        problem: &'static str,
    },
}

impl LicenceError {
    /// The stable code: `illegal_transition`, `invalid_event`, `out_of_order`,
    /// `validity_too_long`, `ends_before_effective`, `renewal_after_grace`, `not_yet_expired`,
    /// `inconsistent_state`.
    pub fn code(&self) -> &'static str {
        match self {
            LicenceError::IllegalTransition { .. } => "illegal_transition",
            LicenceError::InvalidEvent(_) => "invalid_event",
            LicenceError::OutOfOrder { .. } => "out_of_order",
            LicenceError::ValidityTooLong { .. } => "validity_too_long",
            LicenceError::EndsBeforeEffective { .. } => "ends_before_effective",
            LicenceError::RenewalAfterGrace { .. } => "renewal_after_grace",
            LicenceError::NotYetExpired { .. } => "not_yet_expired",
            LicenceError::InconsistentState { .. } => "inconsistent_state",
        }
    }
}

/// `field: message; field: message`.
fn join_errors(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// The JSON form of a [`FieldError`].
#[derive(Serialize)]
struct FieldErrorJson<'a> {
    field: &'a str,
    rule: &'a str,
    message: &'a str,
}

impl<'a> From<&'a FieldError> for FieldErrorJson<'a> {
    fn from(error: &'a FieldError) -> Self {
        FieldErrorJson {
            field: &error.field,
            rule: error.rule,
            message: &error.message,
        }
    }
}

impl Serialize for LicenceError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        match self {
            LicenceError::IllegalTransition { from, action } => {
                map.serialize_entry("from", from)?;
                map.serialize_entry("action", action)?;
            }
            LicenceError::InvalidEvent(errors) => {
                let errors: Vec<FieldErrorJson> = errors.iter().map(FieldErrorJson::from).collect();
                map.serialize_entry("errors", &errors)?;
            }
            LicenceError::OutOfOrder {
                effective_date,
                last_change,
            } => {
                map.serialize_entry("effective_date", effective_date)?;
                map.serialize_entry("last_change", last_change)?;
            }
            LicenceError::ValidityTooLong {
                valid_from,
                valid_until,
                latest,
                validity_months,
            } => {
                map.serialize_entry("valid_from", valid_from)?;
                map.serialize_entry("valid_until", valid_until)?;
                map.serialize_entry("latest", latest)?;
                map.serialize_entry("validity_months", validity_months)?;
            }
            LicenceError::EndsBeforeEffective {
                valid_until,
                effective_date,
            }
            | LicenceError::NotYetExpired {
                valid_until,
                effective_date,
            } => {
                map.serialize_entry("valid_until", valid_until)?;
                map.serialize_entry("effective_date", effective_date)?;
            }
            LicenceError::RenewalAfterGrace {
                valid_until,
                grace_days,
                grace_ended_on,
            } => {
                map.serialize_entry("valid_until", valid_until)?;
                map.serialize_entry("grace_days", grace_days)?;
                map.serialize_entry("grace_ended_on", grace_ended_on)?;
            }
            LicenceError::InconsistentState { status, .. } => map.serialize_entry("status", status)?,
        }
        map.end()
    }
}

/// Checks a period of validity from `start` to `valid_until` decided on `on`: after its start
/// (`start_is` says what the start is), no longer than the type allows, not over before `on`.
fn check_period(
    rules: &LicenceTypeRules,
    on: NaiveDate,
    start: NaiveDate,
    valid_until: NaiveDate,
    start_is: &str,
) -> Result<(), LicenceError> {
    if let Some(error) = after_start(start, valid_until, start_is) {
        return Err(LicenceError::InvalidEvent(vec![error]));
    }
    let latest = rules.latest_valid_until(start);
    if valid_until > latest {
        return Err(LicenceError::ValidityTooLong {
            valid_from: start,
            valid_until,
            latest,
            validity_months: rules.validity_months,
        });
    }
    if valid_until < on {
        return Err(LicenceError::EndsBeforeEffective {
            valid_until,
            effective_date: on,
        });
    }
    Ok(())
}

/// The state of the licence `current` after `event`, under the rules of its type.
///
/// The checks, in order: the status accepts the action ([`LicenceError::IllegalTransition`]);
/// the current state is consistent ([`LicenceError::InconsistentState`]); the event is valid on
/// its own ([`validate_event`], [`LicenceError::InvalidEvent`]); it takes effect on or after the
/// last change ([`LicenceError::OutOfOrder`]); then the action's own rules (see the module
/// documentation): a validity after its start, within the type's validity and not over before
/// the decision; an expiry after the last day; a renewal within the grace period.
///
/// ```
/// use chrono::NaiveDate;
/// use domain::licensing::{LicenceAction, LicenceEvent, LicenceState, LicenceStatus, apply, demo_licence_types};
/// let rules = &demo_licence_types()[0];
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let grant = LicenceEvent {
///     action: LicenceAction::Grant { valid_from: day(2026, 1, 1), valid_until: day(2028, 12, 31) },
///     reason: None,
///     authority: "MoSVY licensing committee".into(),
///     effective_date: day(2026, 1, 1),
/// };
/// let active = apply(&LicenceState::pending(), &grant, rules).unwrap();
/// assert_eq!(active.status, LicenceStatus::Active);
/// let again = apply(&active, &grant, rules).unwrap_err();
/// assert_eq!(again.to_string(), "a licence that is active cannot be granted");
/// ```
pub fn apply(
    current: &LicenceState,
    event: &LicenceEvent,
    rules: &LicenceTypeRules,
) -> Result<LicenceState, LicenceError> {
    let from = current.status;
    let action = event.action.code();
    if !from.allowed_actions().contains(&action) {
        return Err(LicenceError::IllegalTransition { from, action });
    }
    let inconsistent = |problem| LicenceError::InconsistentState { status: from, problem };
    if let Some(problem) = current.inconsistency() {
        return Err(inconsistent(problem));
    }
    validate_event(event).map_err(LicenceError::InvalidEvent)?;
    let on = event.effective_date;
    if let Some(last_change) = current.changed_on
        && on < last_change
    {
        return Err(LicenceError::OutOfOrder {
            effective_date: on,
            last_change,
        });
    }
    let mut next = current.clone();
    next.changed_on = Some(on);
    // Every status past pending has a period (the consistency check above).
    let period = || {
        current
            .period()
            .ok_or_else(|| inconsistent("it has no period of validity"))
    };
    match &event.action {
        LicenceAction::Grant {
            valid_from,
            valid_until,
        }
        | LicenceAction::GrantWithConditions {
            valid_from,
            valid_until,
            ..
        } => {
            check_period(rules, on, *valid_from, *valid_until, "the first day of validity")?;
            next.valid_from = Some(*valid_from);
            next.cycle_start = Some(*valid_from);
            next.valid_until = Some(*valid_until);
            if let LicenceAction::GrantWithConditions { conditions, .. } = &event.action {
                next.status = LicenceStatus::Conditional;
                next.conditions = Some(conditions.trim().to_owned());
            } else {
                next.status = LicenceStatus::Active;
                next.conditions = None;
            }
        }
        LicenceAction::Refuse => next.status = LicenceStatus::Refused,
        LicenceAction::Suspend => {
            next.before_suspension = Some(from);
            next.status = LicenceStatus::Suspended;
        }
        LicenceAction::LiftSuspension => {
            let (_, _, valid_until) = period()?;
            let back = current.before_suspension.unwrap_or_else(|| current.in_force_status());
            next.status = if on > valid_until { LicenceStatus::Expired } else { back };
            next.before_suspension = None;
        }
        LicenceAction::Expire => {
            let (_, _, valid_until) = period()?;
            if on <= valid_until {
                return Err(LicenceError::NotYetExpired {
                    valid_until,
                    effective_date: on,
                });
            }
            next.status = LicenceStatus::Expired;
        }
        LicenceAction::Renew { valid_until } => {
            let (_, _, current_until) = period()?;
            let grace_ended_on = rules.grace_ends_on(current_until);
            if on > grace_ended_on {
                return Err(LicenceError::RenewalAfterGrace {
                    valid_until: current_until,
                    grace_days: rules.grace_days,
                    grace_ended_on,
                });
            }
            let start = current_until.succ_opt().unwrap_or(current_until);
            check_period(rules, on, start, *valid_until, "the first day of the new cycle")?;
            next.cycle_start = Some(start);
            next.valid_until = Some(*valid_until);
            if from == LicenceStatus::Expired {
                next.status = current.in_force_status();
            }
        }
        LicenceAction::Reinstate {
            valid_until,
            conditions,
        } => {
            check_period(rules, on, on, *valid_until, "the day the reinstatement takes effect")?;
            next.valid_from = Some(on);
            next.cycle_start = Some(on);
            next.valid_until = Some(*valid_until);
            next.conditions = conditions.as_ref().map(|conditions| conditions.trim().to_owned());
            next.status = next.in_force_status();
        }
        LicenceAction::Revoke => {
            next.status = LicenceStatus::Revoked;
            next.before_suspension = None;
        }
        LicenceAction::LiftConditions => {
            next.status = LicenceStatus::Active;
            next.conditions = None;
        }
    }
    Ok(next)
}

/// The state a timeline of events leads to, from a new application: [`apply`] of each in turn.
/// The error names the position (from 0) of the first event that cannot be applied.
///
/// Replay under the rules the events were decided under: a type whose validity was shortened
/// since may refuse an old grant.
pub fn replay<'a>(
    events: impl IntoIterator<Item = &'a LicenceEvent>,
    rules: &LicenceTypeRules,
) -> Result<LicenceState, (usize, LicenceError)> {
    let mut state = LicenceState::pending();
    for (index, event) in events.into_iter().enumerate() {
        state = apply(&state, event, rules).map_err(|error| (index, error))?;
    }
    Ok(state)
}

// ---------------------------------------------------------------------------------------------
// CPD
// ---------------------------------------------------------------------------------------------

/// One continuing professional development activity of a licence holder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CpdActivity {
    /// Who delivered it.
    pub provider: String,
    /// What it was.
    pub title: String,
    /// How long it lasted, in minutes (exact: 90 minutes are 1.5 hours).
    pub minutes: u32,
    /// The day it took place (or ended).
    pub date: NaiveDate,
    /// Whether a licensing officer approved it; only approved activities count.
    pub approved: bool,
}

impl CpdActivity {
    /// The longest single activity: 1,000 hours.
    pub const MAX_MINUTES: u32 = 60_000;

    /// Checks the activity, reporting every problem at once: `provider` and `title` (`required`,
    /// `too_long`: 200 characters), `minutes` (`out_of_range`: 1 to 60,000), `date`
    /// (`in_future`: after `today`).
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        check_text("provider", &self.provider, MAX_LICENCE_NAME_CHARS, &mut errors);
        check_text("title", &self.title, MAX_LICENCE_NAME_CHARS, &mut errors);
        if !(1..=Self::MAX_MINUTES).contains(&self.minutes) {
            errors.push(FieldError::new(
                "minutes",
                "out_of_range",
                format!("must be from 1 to {} minutes", Self::MAX_MINUTES),
            ));
        }
        if self.date > today {
            errors.push(FieldError::new(
                "date",
                "in_future",
                format!("must be on or before today, {today}"),
            ));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// A CPD cycle, from `start` to `end`, both inclusive (see [`LicenceState::cpd_cycle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CpdCycle {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl CpdCycle {
    /// Whether `date` falls within the cycle.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The minutes of the approved activities dated within `cycle` (inclusive); the others do not
/// count.
pub fn cpd_minutes_in_cycle(activities: &[CpdActivity], cycle: CpdCycle) -> u64 {
    activities
        .iter()
        .filter(|activity| activity.approved && cycle.contains(activity.date))
        .map(|activity| u64::from(activity.minutes))
        .sum()
}

/// Minutes in words, exactly: `30 hours`, `27 hours 30 minutes`, `1 hour 1 minute`, `45
/// minutes`, `0 hours`.
pub fn format_minutes(minutes: u64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (hours, rest) {
        (hours, 0) => plural(hours, "hour", "hours"),
        (0, rest) => plural(rest, "minute", "minutes"),
        (hours, rest) => format!(
            "{} {}",
            plural(hours, "hour", "hours"),
            plural(rest, "minute", "minutes")
        ),
    }
}

/// Too little CPD for a renewal, with the amounts in minutes. Displayed as an English sentence;
/// serialized as `{"code": "cpd_shortfall", "message": ..., "required_minutes": ...,
/// "earned_minutes": ..., "shortfall_minutes": ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error(
    "the renewal needs {} of approved CPD in the cycle; {} are recorded, {} short",
    format_minutes(*.required_minutes),
    format_minutes(*.earned_minutes),
    format_minutes(*.shortfall_minutes)
)]
pub struct CpdShortfall {
    /// What the licence type requires per cycle.
    pub required_minutes: u64,
    /// What the approved activities in the cycle add up to.
    pub earned_minutes: u64,
    /// `required_minutes - earned_minutes`, more than zero.
    pub shortfall_minutes: u64,
}

impl CpdShortfall {
    /// The stable code: `cpd_shortfall`.
    pub fn code(&self) -> &'static str {
        "cpd_shortfall"
    }
}

impl Serialize for CpdShortfall {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        map.serialize_entry("required_minutes", &self.required_minutes)?;
        map.serialize_entry("earned_minutes", &self.earned_minutes)?;
        map.serialize_entry("shortfall_minutes", &self.shortfall_minutes)?;
        map.end()
    }
}

/// Whether the CPD of `activities` in `cycle` meets what the licence type requires per cycle:
/// the approved minutes earned, or how far short they fall (a renewal is then refused).
pub fn renewal_check(
    rules: &LicenceTypeRules,
    activities: &[CpdActivity],
    cycle: CpdCycle,
) -> Result<u64, CpdShortfall> {
    let required_minutes = rules.cpd_minutes_per_cycle();
    let earned_minutes = cpd_minutes_in_cycle(activities, cycle);
    if earned_minutes >= required_minutes {
        Ok(earned_minutes)
    } else {
        Err(CpdShortfall {
            required_minutes,
            earned_minutes,
            shortfall_minutes: required_minutes - earned_minutes,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Expiry and reminders
// ---------------------------------------------------------------------------------------------

/// The days before the last day of validity on which a reminder to renew is sent.
pub const REMINDER_DAYS: [u32; 3] = [60, 30, 7];

/// The reminders to send today for a licence valid until `valid_until`, given the ones already
/// sent for that date (keep them per licence and `valid_until`, so a renewed licence gets a
/// fresh set): each of [`REMINDER_DAYS`] by the number of days it is sent before expiry.
///
/// The reminder of `d` days is due once `valid_until - today <= d`. Only the nearest reminder
/// whose day has come is ever sent: if the job did not run for a while, one reminder goes out,
/// not a burst of three, and never one further from expiry than a reminder already sent. None is
/// sent after the last day of validity (the last day itself still gets the 7-day reminder if it
/// was never sent). Calling it again with the reminder recorded as sent gives nothing: it is
/// idempotent. The list holds at most one element.
///
/// ```
/// use chrono::NaiveDate;
/// use domain::licensing::due_reminders;
/// let expiry = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
/// let day = |n| expiry - chrono::Duration::days(n);
/// assert_eq!(due_reminders(expiry, day(61), &[]), Vec::<u32>::new());
/// assert_eq!(due_reminders(expiry, day(60), &[]), vec![60]);
/// assert_eq!(due_reminders(expiry, day(59), &[60]), Vec::<u32>::new());
/// // The job was down from 60 days to 5 days before expiry: only the 7-day reminder.
/// assert_eq!(due_reminders(expiry, day(5), &[]), vec![7]);
/// ```
pub fn due_reminders(valid_until: NaiveDate, today: NaiveDate, already_sent: &[u32]) -> Vec<u32> {
    if today > valid_until {
        return Vec::new();
    }
    let days_left = (valid_until - today).num_days();
    let nearest = REMINDER_DAYS
        .iter()
        .copied()
        .filter(|days| days_left <= i64::from(*days))
        .min();
    match nearest {
        Some(days) if !already_sent.iter().any(|sent| *sent <= days) => vec![days],
        _ => Vec::new(),
    }
}

/// Whether the daily job should mark the licence expired today: it is in force and `today` is
/// after its last day of validity.
pub fn is_due_to_expire(state: &LicenceState, today: NaiveDate) -> bool {
    state.is_in_force() && state.valid_until.is_some_and(|until| today > until)
}

/// The event the daily job records for a licence due to expire on `today` ([`is_due_to_expire`]),
/// or `None`: an expiry by [`EXPIRY_JOB_AUTHORITY`], effective the day after the last day of
/// validity (however late the job runs), or on the licence's last change if that is later.
pub fn expiry_event(state: &LicenceState, today: NaiveDate) -> Option<LicenceEvent> {
    if !is_due_to_expire(state, today) {
        return None;
    }
    let valid_until = state.valid_until?;
    let lapsed = valid_until.succ_opt()?;
    Some(LicenceEvent {
        action: LicenceAction::Expire,
        reason: Some(format!("The period of validity ended on {valid_until}")),
        authority: EXPIRY_JOB_AUTHORITY.to_owned(),
        effective_date: state.changed_on.map_or(lapsed, |changed| changed.max(lapsed)),
    })
}

// ---------------------------------------------------------------------------------------------
// Licence numbers
// ---------------------------------------------------------------------------------------------

const LICENCE_NUMBER_FIELD: &str = "licence_number";
const LICENCE_NUMBER_FORMAT_MESSAGE: &str =
    "must be a licence number such as PSW-2026-000042: the licence type, the year and 6 digits";

/// The number of a licence, `{TYPE}-{YYYY}-{NNNNNN}` (e.g. `PSW-2026-000042`): the licence type's
/// code, the year it was first granted and a 6-digit sequence number, given out by the store per
/// type and year.
///
/// Serialized as its text.
///
/// ```
/// use domain::licensing::{LicenceNumber, LicenceTypeCode};
/// let psw = LicenceTypeCode::parse("code", "PSW").unwrap();
/// let number = LicenceNumber::new(&psw, 2026, 42).unwrap();
/// assert_eq!(number.as_str(), "PSW-2026-000042");
/// assert_eq!(LicenceNumber::parse("licence_number", " psw-2026-000042 ").unwrap(), number);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LicenceNumber(String);

impl LicenceNumber {
    /// The earliest year of a licence number.
    pub const MIN_YEAR: i32 = 2000;
    /// The latest year (four digits).
    pub const MAX_YEAR: i32 = 9999;
    /// The highest sequence number that fits the 6 digits.
    pub const MAX_SEQUENCE: u32 = 999_999;

    /// The number of licence `sequence` (1 to 999,999) of type `code` in `year` (2000 to 9999).
    pub fn new(code: &LicenceTypeCode, year: i32, sequence: u32) -> Result<LicenceNumber, FieldError> {
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(FieldError::new(
                LICENCE_NUMBER_FIELD,
                "out_of_range",
                format!("must have a year from {} to {}", Self::MIN_YEAR, Self::MAX_YEAR),
            ));
        }
        if !(1..=Self::MAX_SEQUENCE).contains(&sequence) {
            return Err(FieldError::new(
                LICENCE_NUMBER_FIELD,
                "out_of_range",
                format!("must have a sequence number from 1 to {}", Self::MAX_SEQUENCE),
            ));
        }
        Ok(LicenceNumber(format!("{code}-{year:04}-{sequence:06}")))
    }

    /// Parses `raw`, the value of the input `field`: trimmed, in any case, spaces ignored, any
    /// dash read as `-`, Khmer digits as digits; rules `required`, `format`, `out_of_range` (a
    /// year before 2000 or a sequence of 000000).
    pub fn parse(field: &str, raw: &str) -> Result<LicenceNumber, FieldError> {
        let text = normalise_identifier(raw);
        if text.is_empty() {
            return Err(FieldError::new(field, "required", "must not be empty"));
        }
        let format_error = || FieldError::new(field, "format", LICENCE_NUMBER_FORMAT_MESSAGE);
        let mut parts = text.rsplitn(3, '-');
        let (Some(sequence), Some(year), Some(code)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format_error());
        };
        let digits = |part: &str, length: usize| part.len() == length && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(sequence, 6) {
            return Err(format_error());
        }
        let code = LicenceTypeCode::parse(field, code).map_err(|_| format_error())?;
        let year: i32 = year.parse().expect("four ASCII digits");
        let sequence: u32 = sequence.parse().expect("six ASCII digits");
        LicenceNumber::new(&code, year, sequence).map_err(|error| FieldError {
            field: field.to_owned(),
            ..error
        })
    }

    /// The number as written, e.g. `PSW-2026-000042`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The licence type's code.
    pub fn type_code(&self) -> LicenceTypeCode {
        LicenceTypeCode(self.0[..self.0.len() - 12].to_owned())
    }

    /// The year.
    pub fn year(&self) -> i32 {
        let at = self.0.len() - 11;
        self.0[at..at + 4]
            .parse()
            .expect("a licence number holds a four-digit year")
    }

    /// The sequence number.
    pub fn sequence(&self) -> u32 {
        self.0[self.0.len() - 6..]
            .parse()
            .expect("a licence number ends with six digits")
    }
}

impl fmt::Display for LicenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LicenceNumber {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        LicenceNumber::parse(LICENCE_NUMBER_FIELD, raw)
    }
}

impl TryFrom<String> for LicenceNumber {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        LicenceNumber::parse(LICENCE_NUMBER_FIELD, &raw)
    }
}

impl From<LicenceNumber> for String {
    fn from(number: LicenceNumber) -> String {
        number.0
    }
}

// ---------------------------------------------------------------------------------------------
// Roster check
// ---------------------------------------------------------------------------------------------

/// The most identifiers one roster check takes (after repeats are dropped).
pub const MAX_ROSTER_IDENTIFIERS: usize = 5_000;
/// The longest cell of a roster, in characters; a longer one is an error, shown cut short.
pub const MAX_ROSTER_CELL_CHARS: usize = 64;
/// Header cells skipped on the first row of a roster (in any case).
pub const ROSTER_HEADERS: [&str; 5] = [
    "registry_number",
    "national_id",
    "licence_number",
    "license_number",
    "identifier",
];

/// Something HR knows a worker by. Serialized as `{"kind": "registry_number", "value":
/// "KL-0000123-0"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum RosterIdentifier {
    RegistryNumber(RegistryNumber),
    NationalId(NationalId),
    LicenceNumber(LicenceNumber),
}

impl RosterIdentifier {
    /// Reads one identifier, telling the kinds apart by their shape (spaces ignored, any case,
    /// any dash, Khmer digits as digits):
    ///
    /// - digits only: a national ID ([`NationalId::parse`], field `national_id`);
    /// - `{TYPE}-{YYYY}-{digits}`: a licence number ([`LicenceNumber::parse`], field
    ///   `licence_number`);
    /// - `KL` and digits: a registry number ([`RegistryNumber::parse`], field `registry_number`;
    ///   a wrong check digit is rule `check_digit`, which says it has a typo);
    /// - anything else: field `identifier`, rule `format` (or `required` when blank).
    ///
    /// ```
    /// use domain::licensing::RosterIdentifier;
    /// assert_eq!(RosterIdentifier::parse("kl-0000123-0").unwrap().kind(), "registry_number");
    /// assert_eq!(RosterIdentifier::parse("KL-0000124-0").unwrap_err().rule, "check_digit");
    /// assert_eq!(RosterIdentifier::parse("010203040").unwrap().kind(), "national_id");
    /// assert_eq!(RosterIdentifier::parse("PSW-2026-000042").unwrap().kind(), "licence_number");
    /// ```
    pub fn parse(raw: &str) -> Result<RosterIdentifier, FieldError> {
        let text = normalise_identifier(raw);
        if text.is_empty() {
            return Err(FieldError::new("identifier", "required", "must not be empty"));
        }
        let compact: String = text.chars().filter(|c| *c != '-').collect();
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if all_digits(&compact) {
            return NationalId::parse("national_id", raw).map(RosterIdentifier::NationalId);
        }
        if looks_like_licence_number(&text) {
            return LicenceNumber::parse(LICENCE_NUMBER_FIELD, raw).map(RosterIdentifier::LicenceNumber);
        }
        if compact.strip_prefix("KL").is_some_and(all_digits) {
            return RegistryNumber::parse("registry_number", raw).map(RosterIdentifier::RegistryNumber);
        }
        Err(FieldError::new(
            "identifier",
            "format",
            "must be a registry number such as KL-0000123-0, a national ID of 9 or 10 digits, or a licence number such as PSW-2026-000042",
        ))
    }

    /// The kind: `registry_number`, `national_id` or `licence_number`.
    pub fn kind(&self) -> &'static str {
        match self {
            RosterIdentifier::RegistryNumber(_) => "registry_number",
            RosterIdentifier::NationalId(_) => "national_id",
            RosterIdentifier::LicenceNumber(_) => "licence_number",
        }
    }

    /// The identifier as written canonically, e.g. `KL-0000123-0`.
    pub fn value(&self) -> &str {
        match self {
            RosterIdentifier::RegistryNumber(number) => number.as_str(),
            RosterIdentifier::NationalId(id) => id.as_str(),
            RosterIdentifier::LicenceNumber(number) => number.as_str(),
        }
    }
}

impl fmt::Display for RosterIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.value())
    }
}

/// Whether normalised text has the shape of a licence number: a part with a letter, then a
/// four-digit year and a sequence of digits, separated by `-`.
fn looks_like_licence_number(text: &str) -> bool {
    let mut parts = text.rsplitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(sequence), Some(year), Some(code)) => {
            !sequence.is_empty()
                && sequence.bytes().all(|b| b.is_ascii_digit())
                && year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && code.chars().any(|c| c.is_ascii_alphabetic())
        }
        _ => false,
    }
}

/// One identifier of a roster: where it was, what was written, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    /// The line of the text it was on, from 1.
    pub line: usize,
    /// The cell as written (trimmed, quotes removed; cut to [`MAX_ROSTER_CELL_CHARS`] with `…`).
    pub raw: String,
    /// The identifier, or why it is not one.
    pub parsed: Result<RosterIdentifier, FieldError>,
}

impl Serialize for RosterLine {
    /// `{"line": 3, "raw": "kl00001230", "identifier": {"kind": ..., "value": ...}}`, or with
    /// `"error": {"field": ..., "rule": ..., "message": ...}` in place of `identifier`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("line", &self.line)?;
        map.serialize_entry("raw", &self.raw)?;
        match &self.parsed {
            Ok(identifier) => map.serialize_entry("identifier", identifier)?,
            Err(error) => map.serialize_entry("error", &FieldErrorJson::from(error))?,
        }
        map.end()
    }
}

/// A cell without its surrounding whitespace and one pair of surrounding quotes.
fn clean_cell(cell: &str) -> &str {
    let cell = cell.trim();
    let unquoted = cell
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .or_else(|| cell.strip_prefix('\'').and_then(|inner| inner.strip_suffix('\'')));
    unquoted.unwrap_or(cell).trim()
}

/// Reads a roster pasted or uploaded by an HR officer: identifiers separated by new lines,
/// commas, semicolons or tabs (so a column of a spreadsheet, a CSV file or a list typed on one
/// line all work). Blank cells are skipped, and so are header cells on the first row that are
/// exactly one of [`ROSTER_HEADERS`] (in any case). Each cell is read by
/// [`RosterIdentifier::parse`]; a cell longer than [`MAX_ROSTER_CELL_CHARS`] is rule `too_long`.
/// A repeat of an identifier (however written) or of an unreadable cell is dropped, the first
/// kept. Lines are numbered from 1, as an editor shows them.
///
/// Refused as a whole (field `roster`): no identifier at all (`required`), more than
/// [`MAX_ROSTER_IDENTIFIERS`] different ones (`too_many`; reading stops there).
///
/// ```
/// use domain::licensing::parse_roster;
/// let lines = parse_roster("registry_number\nKL-0000123-0\nkl 0000123 0, 010203040\n").unwrap();
/// assert_eq!(lines.len(), 2);
/// assert_eq!((lines[0].line, lines[1].line), (2, 3));
/// ```
pub fn parse_roster(text: &str) -> Result<Vec<RosterLine>, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<RosterLine> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut first_row = true;
    for (index, row) in text.split('\n').enumerate() {
        let cells: Vec<&str> = row
            .split([',', ';', '\t'])
            .map(clean_cell)
            .filter(|cell| !cell.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        let header_row = std::mem::replace(&mut first_row, false);
        for cell in cells {
            if header_row && ROSTER_HEADERS.iter().any(|header| header.eq_ignore_ascii_case(cell)) {
                continue;
            }
            let (raw, parsed) = if cell.chars().count() > MAX_ROSTER_CELL_CHARS {
                let cut: String = cell.chars().take(MAX_ROSTER_CELL_CHARS).collect();
                let error = FieldError::new(
                    "identifier",
                    "too_long",
                    format!("must be at most {MAX_ROSTER_CELL_CHARS} characters"),
                );
                (format!("{cut}…"), Err(error))
            } else {
                (cell.to_owned(), RosterIdentifier::parse(cell))
            };
            let key = match &parsed {
                Ok(identifier) => format!("{}:{}", identifier.kind(), identifier.value()),
                Err(_) => format!("raw:{}", normalise_identifier(&raw)),
            };
            if !seen.insert(key) {
                continue;
            }
            if lines.len() == MAX_ROSTER_IDENTIFIERS {
                return Err(FieldError::new(
                    "roster",
                    "too_many",
                    format!("must hold at most {MAX_ROSTER_IDENTIFIERS} identifiers; check the roster in parts"),
                ));
            }
            lines.push(RosterLine {
                line: index + 1,
                raw,
                parsed,
            });
        }
    }
    if lines.is_empty() {
        return Err(FieldError::new(
            "roster",
            "required",
            "must hold at least one registry number, national ID or licence number",
        ));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The `n`th day of 2026 (day 0 is 1 January).
    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cqf(n: u8) -> QualificationLevel {
        QualificationLevel::Cqf(CqfLevel::new(n).unwrap())
    }

    fn type_code(raw: &str) -> LicenceTypeCode {
        LicenceTypeCode::parse("code", raw).unwrap()
    }

    /// PSW: CQF 1, 36 months, 15 CPD hours, 90 days of grace.
    fn psw() -> LicenceTypeRules {
        demo_licence_types().remove(0)
    }

    fn rules_of(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors.iter().map(|error| (error.field.as_str(), error.rule)).collect()
    }

    fn event(action: LicenceAction, on: NaiveDate) -> LicenceEvent {
        LicenceEvent {
            reason: action.needs_reason().then(|| "decided by the committee".to_owned()),
            action,
            authority: "MoSVY licensing committee".into(),
            effective_date: on,
        }
    }

    fn grant(from: NaiveDate, until: NaiveDate) -> LicenceEvent {
        event(
            LicenceAction::Grant {
                valid_from: from,
                valid_until: until,
            },
            from,
        )
    }

    fn grant_with_conditions(from: NaiveDate, until: NaiveDate) -> LicenceEvent {
        event(
            LicenceAction::GrantWithConditions {
                valid_from: from,
                valid_until: until,
                conditions: "  monthly supervision by a social worker ".into(),
            },
            from,
        )
    }

    /// Applies `events` from pending under PSW's rules.
    fn run(events: &[LicenceEvent]) -> Result<LicenceState, (usize, LicenceError)> {
        replay(events, &psw())
    }

    /// Active from day 0 to 2028-12-31 (the most PSW allows).
    fn active() -> LicenceState {
        run(&[grant(day(0), ymd(2028, 12, 31))]).unwrap()
    }

    // -- Licence types --------------------------------------------------------------------------

    #[test]
    fn licence_type_codes_are_normalised_and_checked() {
        assert_eq!(type_code(" psw ").as_str(), "PSW");
        assert_eq!(type_code("SW-2").as_str(), "SW-2");
        let rule = |raw: &str| LicenceTypeCode::parse("code", raw).unwrap_err().rule;
        assert_eq!(rule("  "), "required");
        for bad in ["P SW", "2SW", "-SW", "SW-", "S--W", "SW.1", "ŞW"] {
            assert_eq!(rule(bad), "format", "{bad}");
        }
        assert_eq!(rule("S"), "too_short");
        assert_eq!(rule("ABCDEFGHIJKLMNOPQ"), "too_long");
        assert!(LicenceTypeCode::parse("code", "ABCDEFGHIJKLMNOP").is_ok());
        assert_eq!("ppp".parse::<LicenceTypeCode>().unwrap().to_string(), "PPP");
        assert_eq!(serde_json::to_value(type_code("sw")).unwrap(), "SW");
        assert!(serde_json::from_value::<LicenceTypeCode>(serde_json::json!("s w")).is_err());
    }

    #[test]
    fn the_demo_types_are_valid_and_require_the_plans_levels() {
        let types = demo_licence_types();
        for rules in &types {
            assert_eq!(rules.validate(), Ok(()), "{}", rules.code);
        }
        let summary: Vec<(&str, WorkforceCategory, QualificationLevel)> = types
            .iter()
            .map(|rules| (rules.code.as_str(), rules.category, rules.required_level))
            .collect();
        assert_eq!(
            summary,
            [
                ("PSW", WorkforceCategory::ParaSocialWorker, cqf(1)),
                ("PPP", WorkforceCategory::ParaProfessional, cqf(2)),
                ("SW", WorkforceCategory::ProfessionalSocialWorker, cqf(6)),
            ]
        );
    }

    #[test]
    fn licence_type_rules_name_every_bad_field() {
        let rules = LicenceTypeRules {
            title_km: "Para social worker".into(),
            title_en: " ".into(),
            validity_months: 0,
            cpd_hours_per_cycle: 1_001,
            grace_days: 366,
            ..psw()
        };
        assert_eq!(
            rules_of(&rules.validate().unwrap_err()),
            [
                ("title_km", "script"),
                ("title_en", "required"),
                ("validity_months", "out_of_range"),
                ("cpd_hours_per_cycle", "out_of_range"),
                ("grace_days", "out_of_range"),
            ]
        );
        let long = LicenceTypeRules {
            title_km: "ក".repeat(201),
            title_en: "x".repeat(201),
            validity_months: 121,
            ..psw()
        };
        assert_eq!(
            rules_of(&long.validate().unwrap_err()),
            [
                ("title_km", "too_long"),
                ("title_en", "too_long"),
                ("validity_months", "out_of_range")
            ]
        );
        let empty = LicenceTypeRules {
            title_km: String::new(),
            validity_months: 120,
            cpd_hours_per_cycle: 0,
            grace_days: 0,
            ..psw()
        };
        assert_eq!(rules_of(&empty.validate().unwrap_err()), [("title_km", "required")]);
        let edges = LicenceTypeRules {
            validity_months: 1,
            cpd_hours_per_cycle: 1_000,
            grace_days: 365,
            ..psw()
        };
        assert_eq!(edges.validate(), Ok(()));
    }

    #[test]
    fn licence_type_rules_round_trip_through_json() {
        let rules = psw();
        let json = serde_json::to_value(&rules).unwrap();
        assert_eq!(json["code"], "PSW");
        assert_eq!(json["category"], "para_social_worker");
        assert_eq!(json["required_level"], "cqf-1");
        assert_eq!(json["validity_months"], 36);
        let back: LicenceTypeRules = serde_json::from_value(json).unwrap();
        assert_eq!(back, rules);
    }

    // -- Validity -------------------------------------------------------------------------------

    #[test]
    fn validity_runs_to_the_day_before_the_same_date() {
        assert_eq!(valid_until_for(ymd(2026, 1, 1), 12), ymd(2026, 12, 31));
        assert_eq!(valid_until_for(ymd(2026, 1, 1), 36), ymd(2028, 12, 31));
        assert_eq!(valid_until_for(ymd(2026, 1, 15), 1), ymd(2026, 2, 14));
        assert_eq!(valid_until_for(ymd(2026, 3, 1), 1), ymd(2026, 3, 31));
        // No 31 February: the last day of February.
        assert_eq!(valid_until_for(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
        assert_eq!(valid_until_for(ymd(2026, 1, 29), 1), ymd(2026, 2, 28));
        assert_eq!(valid_until_for(ymd(2026, 1, 28), 1), ymd(2026, 2, 27));
        assert_eq!(valid_until_for(ymd(2024, 2, 29), 12), ymd(2025, 2, 28));
        assert_eq!(valid_until_for(ymd(2027, 1, 30), 13), ymd(2028, 2, 29));
        assert_eq!(valid_until_for(ymd(2026, 12, 31), 2), ymd(2027, 2, 28));
        assert_eq!(valid_until_for(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(psw().latest_valid_until(ymd(2026, 7, 1)), ymd(2029, 6, 30));
        assert_eq!(psw().grace_ends_on(ymd(2028, 12, 31)), ymd(2029, 3, 31));
        assert_eq!(psw().cpd_minutes_per_cycle(), 900);
    }

    // -- Prerequisites --------------------------------------------------------------------------

    fn certificate(serial: &str, level: QualificationLevel, issued: i64) -> HeldCertificate {
        HeldCertificate {
            serial: serial.into(),
            level,
            issued_on: day(issued),
            revoked: false,
            superseded: false,
        }
    }

    fn revoked(mut certificate: HeldCertificate) -> HeldCertificate {
        certificate.revoked = true;
        certificate
    }

    fn rules_requiring(level: QualificationLevel) -> LicenceTypeRules {
        LicenceTypeRules {
            required_level: level,
            ..psw()
        }
    }

    #[test]
    fn cqf_levels_compare_and_allied_only_satisfies_allied() {
        let allied = QualificationLevel::AlliedCertificate;
        assert!(level_satisfies(cqf(6), cqf(2)));
        assert!(level_satisfies(cqf(2), cqf(2)));
        assert!(!level_satisfies(cqf(1), cqf(2)));
        assert!(level_satisfies(allied, allied));
        assert!(!level_satisfies(allied, cqf(1)));
        assert!(!level_satisfies(cqf(8), allied));
    }

    #[test]
    fn a_valid_certificate_of_the_level_or_above_qualifies() {
        let ppp = rules_requiring(cqf(2));
        let held = [
            certificate("C-1", cqf(1), 0),
            certificate("C-2", cqf(2), 10),
            certificate("C-3", cqf(3), 20),
            certificate("C-4", cqf(3), 30),
        ];
        // The highest level, then the latest.
        assert_eq!(licence_prerequisites(&ppp, &held, day(40)).unwrap().serial, "C-4");
        // Not yet issued on the day: not held.
        assert_eq!(licence_prerequisites(&ppp, &held, day(25)).unwrap().serial, "C-3");
        assert_eq!(licence_prerequisites(&ppp, &held, day(10)).unwrap().serial, "C-2");
        let mut superseded = held[1].clone();
        superseded.superseded = true;
        let reissued = [superseded, certificate("C-2b", cqf(2), 11)];
        assert_eq!(licence_prerequisites(&ppp, &reissued, day(40)).unwrap().serial, "C-2b");
        let allied = rules_requiring(QualificationLevel::AlliedCertificate);
        let allied_held = [
            certificate("A-1", QualificationLevel::AlliedCertificate, 0),
            certificate("D-1", cqf(6), 0),
        ];
        assert_eq!(
            licence_prerequisites(&allied, &allied_held, day(1)).unwrap().serial,
            "A-1"
        );
    }

    #[test]
    fn each_missing_prerequisite_is_named() {
        let sw = rules_requiring(cqf(6));
        let problem = |held: &[HeldCertificate]| {
            let problems = licence_prerequisites(&sw, held, day(100)).unwrap_err();
            assert_eq!(problems.len(), 1);
            problems.into_iter().next().unwrap()
        };
        assert_eq!(problem(&[]), PrerequisiteProblem::NoCertificate { required: cqf(6) });
        // Issued later, or superseded: not held.
        let mut superseded = certificate("S-1", cqf(6), 0);
        superseded.superseded = true;
        assert_eq!(
            problem(&[certificate("L-1", cqf(6), 101), superseded]).code(),
            "no_certificate"
        );
        assert_eq!(
            problem(&[
                revoked(certificate("R-1", cqf(6), 0)),
                revoked(certificate("R-2", cqf(1), 0))
            ]),
            PrerequisiteProblem::OnlyRevoked {
                required: cqf(6),
                serials: vec!["R-1".into(), "R-2".into()]
            }
        );
        let low = problem(&[
            certificate("A-1", QualificationLevel::AlliedCertificate, 0),
            certificate("T-2", cqf(3), 0),
            certificate("T-1", cqf(2), 0),
            certificate("T-1b", cqf(2), 5),
            revoked(certificate("D-1", cqf(6), 0)),
        ]);
        assert_eq!(
            low,
            PrerequisiteProblem::LevelTooLow {
                required: cqf(6),
                held: vec![cqf(2), cqf(3), QualificationLevel::AlliedCertificate]
            }
        );
        assert_eq!(low.code(), "level_too_low");
        assert_eq!(
            low.to_string(),
            "The licence requires a certificate of CQF level 6 or above; none of the certificates held is of that level (held: CQF level 2, CQF level 3, the allied workers' certificate)"
        );
        let allied = rules_requiring(QualificationLevel::AlliedCertificate);
        let problems = licence_prerequisites(&allied, &[certificate("D-1", cqf(6), 0)], day(1)).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "The licence requires the allied workers' certificate; none of the certificates held is of that level (held: CQF level 6)"
        );
        assert_eq!(
            PrerequisiteProblem::NoCertificate { required: cqf(2) }.to_string(),
            "The licence requires a certificate of CQF level 2 or above; no certificate is held"
        );
    }

    #[test]
    fn prerequisite_problems_serialize_with_code_and_message() {
        let problem = PrerequisiteProblem::OnlyRevoked {
            required: cqf(2),
            serials: vec!["R-1".into()],
        };
        assert_eq!(
            serde_json::to_value(&problem).unwrap(),
            serde_json::json!({
                "code": "only_revoked",
                "message": "The licence requires a certificate of CQF level 2 or above; every certificate held is revoked (R-1)",
                "required": "cqf-2",
                "serials": ["R-1"],
            })
        );
        let low = PrerequisiteProblem::LevelTooLow {
            required: cqf(2),
            held: vec![cqf(1)],
        };
        assert_eq!(
            serde_json::to_value(&low).unwrap()["held"],
            serde_json::json!(["cqf-1"])
        );
        let none = serde_json::to_value(PrerequisiteProblem::NoCertificate { required: cqf(1) }).unwrap();
        assert_eq!(none["code"], "no_certificate");
    }

    // -- Status and actions ---------------------------------------------------------------------

    #[test]
    fn statuses_have_codes_and_kinds() {
        let codes: Vec<&str> = LicenceStatus::ALL.iter().map(|status| status.as_str()).collect();
        assert_eq!(
            codes,
            [
                "pending",
                "active",
                "conditional",
                "suspended",
                "expired",
                "revoked",
                "refused"
            ]
        );
        for status in LicenceStatus::ALL {
            assert_eq!(LicenceStatus::parse(status.as_str()), Ok(status));
            assert_eq!(status.to_string().parse::<LicenceStatus>(), Ok(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
            assert_eq!(status.is_final(), status.allowed_actions().is_empty(), "{status}");
        }
        assert_eq!(LicenceStatus::parse(" Active "), Ok(LicenceStatus::Active));
        let error = LicenceStatus::parse("lapsed").unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("status", "one_of"));
        let final_: Vec<LicenceStatus> = LicenceStatus::ALL.into_iter().filter(|s| s.is_final()).collect();
        assert_eq!(final_, [LicenceStatus::Revoked, LicenceStatus::Refused]);
        let in_force: Vec<LicenceStatus> = LicenceStatus::ALL.into_iter().filter(|s| s.is_in_force()).collect();
        assert_eq!(in_force, [LicenceStatus::Active, LicenceStatus::Conditional]);
        assert_eq!(LicenceStatus::default(), LicenceStatus::Pending);
    }

    fn one_of_each_action() -> Vec<LicenceAction> {
        vec![
            LicenceAction::Grant {
                valid_from: day(0),
                valid_until: day(100),
            },
            LicenceAction::GrantWithConditions {
                valid_from: day(0),
                valid_until: day(100),
                conditions: "supervision".into(),
            },
            LicenceAction::Refuse,
            LicenceAction::Suspend,
            LicenceAction::LiftSuspension,
            LicenceAction::Expire,
            LicenceAction::Renew { valid_until: day(200) },
            LicenceAction::Reinstate {
                valid_until: day(200),
                conditions: None,
            },
            LicenceAction::Revoke,
            LicenceAction::LiftConditions,
        ]
    }

    #[test]
    fn actions_have_codes_and_decision_codes() {
        let actions = one_of_each_action();
        let codes: Vec<&str> = actions.iter().map(LicenceAction::code).collect();
        assert_eq!(codes, LicenceAction::CODES);
        let decisions: Vec<&str> = actions.iter().map(LicenceAction::decision_code).collect();
        assert_eq!(
            decisions,
            [
                "granted",
                "granted_with_conditions",
                "refused",
                "suspended",
                "suspension_lifted",
                "expired",
                "renewed",
                "reinstated",
                "revoked",
                "conditions_lifted"
            ]
        );
        for action in &actions {
            assert_eq!(serde_json::to_value(action).unwrap()["action"], action.code());
            assert_ne!(action_phrase(action.code()), "change");
        }
        let needs: Vec<&str> = actions
            .iter()
            .filter(|a| a.needs_reason())
            .map(LicenceAction::code)
            .collect();
        assert_eq!(needs, ["refuse", "suspend", "reinstate", "revoke"]);
        // Every code a status accepts is an action's.
        for status in LicenceStatus::ALL {
            assert!(
                status
                    .allowed_actions()
                    .iter()
                    .all(|code| LicenceAction::CODES.contains(code))
            );
        }
    }

    #[test]
    fn events_serialize_flat_and_round_trip() {
        let renew = LicenceEvent {
            action: LicenceAction::Renew {
                valid_until: ymd(2031, 12, 31),
            },
            reason: None,
            authority: "Licensing officer Sok Dara".into(),
            effective_date: ymd(2028, 11, 2),
        };
        let json = serde_json::to_value(&renew).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "action": "renew",
                "valid_until": "2031-12-31",
                "reason": null,
                "authority": "Licensing officer Sok Dara",
                "effective_date": "2028-11-02",
            })
        );
        for action in one_of_each_action() {
            let event = event(action, day(3));
            let back: LicenceEvent = serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
            assert_eq!(back, event);
        }
        let suspend: LicenceEvent = serde_json::from_value(serde_json::json!({
            "action": "suspend", "reason": "complaint under investigation",
            "authority": "committee", "effective_date": "2026-03-01",
        }))
        .unwrap();
        assert_eq!(suspend.action, LicenceAction::Suspend);
        let reinstate: LicenceEvent = serde_json::from_value(serde_json::json!({
            "action": "reinstate", "valid_until": "2029-01-01", "reason": "r",
            "authority": "committee", "effective_date": "2026-03-01",
        }))
        .unwrap();
        assert_eq!(
            reinstate.action,
            LicenceAction::Reinstate {
                valid_until: ymd(2029, 1, 1),
                conditions: None
            }
        );
        assert!(
            serde_json::from_value::<LicenceEvent>(serde_json::json!({
                "action": "lapse", "authority": "x", "effective_date": "2026-03-01",
            }))
            .is_err()
        );
    }

    // -- Events on their own --------------------------------------------------------------------

    #[test]
    fn reasons_are_required_for_refusal_suspension_revocation_and_reinstatement() {
        for action in one_of_each_action() {
            let mut event = event(action.clone(), day(0));
            event.reason = None;
            let result = validate_event(&event);
            if action.needs_reason() {
                assert_eq!(
                    rules_of(&result.unwrap_err()),
                    [("reason", "required")],
                    "{}",
                    action.code()
                );
                event.reason = Some("   ".into());
                assert_eq!(rules_of(&validate_event(&event).unwrap_err()), [("reason", "required")]);
            } else {
                assert_eq!(result, Ok(()), "{}", action.code());
                // A blank optional reason is as good as none.
                event.reason = Some(" ".into());
                assert_eq!(validate_event(&event), Ok(()));
            }
            event.reason = Some("x".repeat(MAX_LICENCE_TEXT_CHARS + 1));
            assert_eq!(rules_of(&validate_event(&event).unwrap_err()), [("reason", "too_long")]);
            event.reason = Some("x".repeat(MAX_LICENCE_TEXT_CHARS));
            assert_eq!(validate_event(&event), Ok(()));
        }
    }

    #[test]
    fn authority_conditions_and_dates_are_checked() {
        let mut bad = grant_with_conditions(day(10), day(10));
        bad.authority = " ".into();
        bad.action = LicenceAction::GrantWithConditions {
            valid_from: day(10),
            valid_until: day(9),
            conditions: "\n".into(),
        };
        assert_eq!(
            rules_of(&validate_event(&bad).unwrap_err()),
            [
                ("authority", "required"),
                ("conditions", "required"),
                ("valid_until", "after_start")
            ]
        );
        let mut long = grant(day(0), day(0));
        long.authority = "a".repeat(MAX_LICENCE_NAME_CHARS + 1);
        assert_eq!(
            rules_of(&validate_event(&long).unwrap_err()),
            [("authority", "too_long"), ("valid_until", "after_start")]
        );
        let error = validate_event(&grant(day(5), day(5))).unwrap_err().remove(0);
        assert_eq!(error.message, "must be after 2026-01-06, the first day of validity");
        let reinstate = event(
            LicenceAction::Reinstate {
                valid_until: day(100),
                conditions: Some(" ".into()),
            },
            day(0),
        );
        assert_eq!(
            rules_of(&validate_event(&reinstate).unwrap_err()),
            [("conditions", "required")]
        );
        let reinstate = event(
            LicenceAction::Reinstate {
                valid_until: day(100),
                conditions: Some("c".repeat(MAX_LICENCE_TEXT_CHARS + 1)),
            },
            day(0),
        );
        assert_eq!(
            rules_of(&validate_event(&reinstate).unwrap_err()),
            [("conditions", "too_long")]
        );
    }

    // -- Transitions ----------------------------------------------------------------------------

    #[test]
    fn a_grant_makes_an_active_licence() {
        let state = active();
        assert_eq!(
            state,
            LicenceState {
                status: LicenceStatus::Active,
                valid_from: Some(day(0)),
                cycle_start: Some(day(0)),
                valid_until: Some(ymd(2028, 12, 31)),
                conditions: None,
                before_suspension: None,
                changed_on: Some(day(0)),
            }
        );
        assert!(state.in_force_on(day(0)));
        assert!(state.in_force_on(ymd(2028, 12, 31)));
        assert!(!state.in_force_on(ymd(2029, 1, 1)));
        assert!(!state.in_force_on(ymd(2025, 12, 31)));
        assert_eq!(
            state.cpd_cycle(),
            Some(CpdCycle {
                start: day(0),
                end: ymd(2028, 12, 31)
            })
        );
        assert_eq!(LicenceState::pending().cpd_cycle(), None);
    }

    #[test]
    fn a_grant_with_conditions_keeps_them_until_lifted() {
        let conditional = run(&[grant_with_conditions(day(0), day(300))]).unwrap();
        assert_eq!(conditional.status, LicenceStatus::Conditional);
        assert_eq!(
            conditional.conditions.as_deref(),
            Some("monthly supervision by a social worker")
        );
        assert!(conditional.is_in_force());
        let lifted = apply(&conditional, &event(LicenceAction::LiftConditions, day(100)), &psw()).unwrap();
        assert_eq!((lifted.status, lifted.conditions), (LicenceStatus::Active, None));
        // Renewal keeps them.
        let renewed = apply(
            &conditional,
            &event(LicenceAction::Renew { valid_until: day(600) }, day(250)),
            &psw(),
        )
        .unwrap();
        assert_eq!(renewed.status, LicenceStatus::Conditional);
        assert_eq!(renewed.conditions, conditional.conditions);
    }

    #[test]
    fn a_refusal_is_final() {
        let refused = run(&[event(LicenceAction::Refuse, day(3))]).unwrap();
        assert_eq!(refused.status, LicenceStatus::Refused);
        assert!(refused.status.is_final());
        for action in one_of_each_action() {
            let error = apply(&refused, &event(action.clone(), day(4)), &psw()).unwrap_err();
            assert_eq!(
                error,
                LicenceError::IllegalTransition {
                    from: LicenceStatus::Refused,
                    action: action.code()
                }
            );
        }
    }

    #[test]
    fn an_illegal_action_names_the_status_and_the_action() {
        let revoked = run(&[grant(day(0), day(300)), event(LicenceAction::Revoke, day(10))]).unwrap();
        let error = apply(
            &revoked,
            &event(LicenceAction::Renew { valid_until: day(600) }, day(20)),
            &psw(),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "a licence that is revoked cannot be renewed");
        assert_eq!(error.code(), "illegal_transition");
        let pending = LicenceState::pending();
        let messages: Vec<String> = [
            LicenceAction::Suspend,
            LicenceAction::Expire,
            LicenceAction::LiftSuspension,
        ]
        .into_iter()
        .map(|action| apply(&pending, &event(action, day(0)), &psw()).unwrap_err().to_string())
        .collect();
        assert_eq!(
            messages,
            [
                "a licence that is pending cannot be suspended",
                "a licence that is pending cannot expire",
                "a licence that is pending cannot have a suspension lifted",
            ]
        );
        let conditional = run(&[grant_with_conditions(day(0), day(300))]).unwrap();
        let error = apply(&conditional, &event(LicenceAction::Refuse, day(1)), &psw()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a licence that is active with conditions cannot be refused"
        );
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "code": "illegal_transition",
                "message": "a licence that is active with conditions cannot be refused",
                "from": "conditional",
                "action": "refuse",
            })
        );
    }

    /// One state of each status, reached by events.
    fn one_state_of_each_status() -> Vec<LicenceState> {
        let g = || grant(day(0), day(300));
        let timelines: Vec<Vec<LicenceEvent>> = vec![
            vec![],
            vec![g()],
            vec![grant_with_conditions(day(0), day(300))],
            vec![g(), event(LicenceAction::Suspend, day(10))],
            vec![g(), event(LicenceAction::Expire, day(301))],
            vec![g(), event(LicenceAction::Revoke, day(10))],
            vec![event(LicenceAction::Refuse, day(0))],
        ];
        timelines.iter().map(|events| run(events).unwrap()).collect()
    }

    #[test]
    fn every_status_accepts_exactly_its_allowed_actions() {
        let states = one_state_of_each_status();
        let statuses: Vec<LicenceStatus> = states.iter().map(|state| state.status).collect();
        assert_eq!(statuses, LicenceStatus::ALL);
        for state in &states {
            for action in one_of_each_action() {
                let result = apply(state, &event(action.clone(), day(400)), &psw());
                let illegal = matches!(result, Err(LicenceError::IllegalTransition { .. }));
                assert_eq!(
                    illegal,
                    !state.status.allowed_actions().contains(&action.code()),
                    "{} {}",
                    state.status,
                    action.code()
                );
            }
        }
    }

    #[test]
    fn a_suspension_returns_to_the_status_before_it() {
        for (start, status) in [
            (grant(day(0), day(300)), LicenceStatus::Active),
            (grant_with_conditions(day(0), day(300)), LicenceStatus::Conditional),
        ] {
            let suspended = run(&[start.clone(), event(LicenceAction::Suspend, day(10))]).unwrap();
            assert_eq!(suspended.status, LicenceStatus::Suspended);
            assert_eq!(suspended.before_suspension, Some(status));
            assert!(!suspended.is_in_force());
            let lifted = apply(&suspended, &event(LicenceAction::LiftSuspension, day(20)), &psw()).unwrap();
            assert_eq!((lifted.status, lifted.before_suspension), (status, None));
            // Lifted after the validity ended: expired, conditions kept for a renewal.
            let late = apply(&suspended, &event(LicenceAction::LiftSuspension, day(301)), &psw()).unwrap();
            assert_eq!(late.status, LicenceStatus::Expired);
            assert_eq!(late.conditions, suspended.conditions);
            let renewed = apply(
                &late,
                &event(LicenceAction::Renew { valid_until: day(600) }, day(302)),
                &psw(),
            )
            .unwrap();
            assert_eq!(renewed.status, status);
        }
        // A suspended licence is not expired by the job; it cannot be renewed before the lift.
        let suspended = run(&[grant(day(0), day(300)), event(LicenceAction::Suspend, day(10))]).unwrap();
        assert!(!is_due_to_expire(&suspended, day(500)));
        let error = apply(
            &suspended,
            &event(LicenceAction::Renew { valid_until: day(600) }, day(20)),
            &psw(),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "a licence that is suspended cannot be renewed");
    }

    #[test]
    fn expiry_comes_after_the_last_day() {
        let state = run(&[grant(day(0), day(300))]).unwrap();
        let early = apply(&state, &event(LicenceAction::Expire, day(300)), &psw()).unwrap_err();
        assert_eq!(
            early,
            LicenceError::NotYetExpired {
                valid_until: day(300),
                effective_date: day(300)
            }
        );
        assert_eq!(
            early.to_string(),
            "the licence is valid until 2026-10-28, so it cannot expire on 2026-10-28"
        );
        let expired = apply(&state, &event(LicenceAction::Expire, day(301)), &psw()).unwrap();
        assert_eq!(expired.status, LicenceStatus::Expired);
        assert!(!expired.is_in_force());
        assert!(!expired.in_force_on(day(100)));
    }

    #[test]
    fn renewal_continues_the_cycle_within_the_grace_period() {
        let rules = psw();
        let until = ymd(2028, 12, 31);
        let state = active();
        // Early: the new cycle starts the day after the current one ends.
        let renewed = apply(
            &state,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2031, 12, 31),
                },
                ymd(2028, 11, 1),
            ),
            &rules,
        )
        .unwrap();
        assert_eq!(renewed.status, LicenceStatus::Active);
        assert_eq!(renewed.valid_from, Some(day(0)));
        assert_eq!(renewed.cycle_start, Some(ymd(2029, 1, 1)));
        assert_eq!(renewed.valid_until, Some(ymd(2031, 12, 31)));
        // No longer than the type's 36 months from the new cycle's start.
        let too_long = apply(
            &state,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2032, 1, 1),
                },
                ymd(2028, 11, 1),
            ),
            &rules,
        )
        .unwrap_err();
        assert_eq!(
            too_long,
            LicenceError::ValidityTooLong {
                valid_from: ymd(2029, 1, 1),
                valid_until: ymd(2032, 1, 1),
                latest: ymd(2031, 12, 31),
                validity_months: 36
            }
        );
        // Not ending before the new cycle starts.
        let short = apply(
            &state,
            &event(LicenceAction::Renew { valid_until: until }, ymd(2028, 11, 1)),
            &rules,
        )
        .unwrap_err();
        assert_eq!(short.code(), "invalid_event");
        assert_eq!(
            short.to_string(),
            "valid_until: must be after 2029-01-01, the first day of the new cycle"
        );
        // Expired, within the grace period (90 days: to 2029-03-31): back in force.
        let expired = apply(&state, &event(LicenceAction::Expire, ymd(2029, 1, 1)), &rules).unwrap();
        let late = apply(
            &expired,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2031, 12, 31),
                },
                ymd(2029, 3, 31),
            ),
            &rules,
        )
        .unwrap();
        assert_eq!(late.status, LicenceStatus::Active);
        assert_eq!(late.cycle_start, Some(ymd(2029, 1, 1)));
        // A renewal must not end before it takes effect.
        let ended = apply(
            &expired,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2029, 2, 1),
                },
                ymd(2029, 3, 1),
            ),
            &rules,
        )
        .unwrap_err();
        assert_eq!(
            ended,
            LicenceError::EndsBeforeEffective {
                valid_until: ymd(2029, 2, 1),
                effective_date: ymd(2029, 3, 1)
            }
        );
        // After the grace period: only a reinstatement.
        let after = apply(
            &expired,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2031, 12, 31),
                },
                ymd(2029, 4, 1),
            ),
            &rules,
        )
        .unwrap_err();
        assert_eq!(
            after,
            LicenceError::RenewalAfterGrace {
                valid_until: until,
                grace_days: 90,
                grace_ended_on: ymd(2029, 3, 31)
            }
        );
        assert_eq!(
            after.to_string(),
            "the licence was valid until 2028-12-31 and its 90-day grace period for renewal ended on 2029-03-31; it can only be reinstated"
        );
        // The same when the job has not marked it expired yet.
        let unmarked = apply(
            &state,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2031, 12, 31),
                },
                ymd(2029, 4, 1),
            ),
            &rules,
        )
        .unwrap_err();
        assert_eq!(unmarked.code(), "renewal_after_grace");
        // Without a grace period, not even the day after.
        let strict = LicenceTypeRules { grace_days: 0, ..psw() };
        let error = apply(
            &expired,
            &event(
                LicenceAction::Renew {
                    valid_until: ymd(2031, 12, 31),
                },
                ymd(2029, 1, 1),
            ),
            &strict,
        )
        .unwrap_err();
        assert_eq!(error.code(), "renewal_after_grace");
    }

    #[test]
    fn reinstatement_starts_a_new_period_on_its_date() {
        let expired = run(&[
            grant_with_conditions(day(0), day(300)),
            event(LicenceAction::Expire, day(301)),
        ])
        .unwrap();
        let on = day(800);
        let reinstated = apply(
            &expired,
            &event(
                LicenceAction::Reinstate {
                    valid_until: day(1000),
                    conditions: None,
                },
                on,
            ),
            &psw(),
        )
        .unwrap();
        assert_eq!(reinstated.status, LicenceStatus::Active);
        assert_eq!((reinstated.valid_from, reinstated.cycle_start), (Some(on), Some(on)));
        assert_eq!(reinstated.conditions, None);
        let with_conditions = apply(
            &expired,
            &event(
                LicenceAction::Reinstate {
                    valid_until: day(1000),
                    conditions: Some(" supervised practice for a year ".into()),
                },
                on,
            ),
            &psw(),
        )
        .unwrap();
        assert_eq!(with_conditions.status, LicenceStatus::Conditional);
        assert_eq!(
            with_conditions.conditions.as_deref(),
            Some("supervised practice for a year")
        );
        let mut no_reason = event(
            LicenceAction::Reinstate {
                valid_until: day(1000),
                conditions: None,
            },
            on,
        );
        no_reason.reason = None;
        let error = apply(&expired, &no_reason, &psw()).unwrap_err();
        assert_eq!(error.to_string(), "reason: must not be empty");
        let too_long = event(
            LicenceAction::Reinstate {
                valid_until: on + chrono::Duration::days(2000),
                conditions: None,
            },
            on,
        );
        assert_eq!(
            apply(&expired, &too_long, &psw()).unwrap_err().code(),
            "validity_too_long"
        );
        let from_active = apply(&active(), &no_reason, &psw()).unwrap_err();
        assert_eq!(from_active.to_string(), "a licence that is active cannot be reinstated");
    }

    #[test]
    fn revocation_applies_to_any_granted_licence_and_is_final() {
        for state in one_state_of_each_status() {
            let result = apply(&state, &event(LicenceAction::Revoke, day(400)), &psw());
            let granted = matches!(
                state.status,
                LicenceStatus::Active | LicenceStatus::Conditional | LicenceStatus::Suspended | LicenceStatus::Expired
            );
            assert_eq!(result.is_ok(), granted, "{}", state.status);
            if let Ok(revoked) = result {
                assert_eq!(
                    (revoked.status, revoked.before_suspension),
                    (LicenceStatus::Revoked, None)
                );
                assert_eq!(revoked.inconsistency(), None);
            }
        }
    }

    #[test]
    fn grants_respect_the_type_and_the_decision_date() {
        let rules = psw();
        let too_long = apply(&LicenceState::pending(), &grant(day(0), ymd(2029, 1, 1)), &rules).unwrap_err();
        assert_eq!(too_long.code(), "validity_too_long");
        assert_eq!(
            too_long.to_string(),
            "a licence valid from 2026-01-01 may be valid until 2028-12-31 at the latest (36 months), not until 2029-01-01"
        );
        let mut backdated = grant(day(0), day(30));
        backdated.effective_date = day(31);
        assert_eq!(
            apply(&LicenceState::pending(), &backdated, &rules).unwrap_err().code(),
            "ends_before_effective"
        );
        backdated.effective_date = day(30);
        assert!(apply(&LicenceState::pending(), &backdated, &rules).is_ok());
        let invalid = apply(&LicenceState::pending(), &grant(day(5), day(5)), &rules).unwrap_err();
        assert_eq!(invalid.code(), "invalid_event");
        assert_eq!(
            serde_json::to_value(&invalid).unwrap()["errors"],
            serde_json::json!([{
                "field": "valid_until",
                "rule": "after_start",
                "message": "must be after 2026-01-06, the first day of validity",
            }])
        );
    }

    #[test]
    fn events_take_effect_in_order() {
        let state = active();
        let mut suspend = event(LicenceAction::Suspend, day(10));
        let suspended = apply(&state, &suspend, &psw()).unwrap();
        // The same day is fine.
        let lift = event(LicenceAction::LiftSuspension, day(10));
        assert!(apply(&suspended, &lift, &psw()).is_ok());
        suspend.effective_date = day(-1);
        let error = apply(&state, &suspend, &psw()).unwrap_err();
        assert_eq!(
            error,
            LicenceError::OutOfOrder {
                effective_date: day(-1),
                last_change: day(0)
            }
        );
        assert_eq!(
            error.to_string(),
            "the decision would take effect on 2025-12-31, before the licence's last change on 2026-01-01"
        );
    }

    #[test]
    fn an_inconsistent_state_is_reported_not_trusted() {
        let broken = [
            LicenceState {
                status: LicenceStatus::Active,
                ..LicenceState::default()
            },
            LicenceState {
                conditions: Some("c".into()),
                ..LicenceState::default()
            },
            LicenceState {
                valid_until: Some(day(-1)),
                ..active()
            },
            LicenceState {
                conditions: Some("c".into()),
                ..active()
            },
            LicenceState {
                status: LicenceStatus::Conditional,
                ..active()
            },
            LicenceState {
                before_suspension: Some(LicenceStatus::Active),
                ..active()
            },
            LicenceState {
                status: LicenceStatus::Suspended,
                ..active()
            },
            LicenceState {
                status: LicenceStatus::Suspended,
                before_suspension: Some(LicenceStatus::Expired),
                ..active()
            },
            LicenceState {
                status: LicenceStatus::Suspended,
                before_suspension: Some(LicenceStatus::Conditional),
                ..active()
            },
        ];
        for state in &broken {
            assert!(state.inconsistency().is_some(), "{state:?}");
            let action = state.status.allowed_actions()[0];
            let any = one_of_each_action().into_iter().find(|a| a.code() == action).unwrap();
            let error = apply(state, &event(any, day(400)), &psw()).unwrap_err();
            assert_eq!(error.code(), "inconsistent_state", "{state:?}");
        }
        let error = LicenceError::InconsistentState {
            status: LicenceStatus::Active,
            problem: "it has no period of validity",
        };
        assert_eq!(
            error.to_string(),
            "the record of this active licence is inconsistent: it has no period of validity"
        );
        for state in one_state_of_each_status() {
            assert_eq!(state.inconsistency(), None, "{}", state.status);
        }
    }

    #[test]
    fn replay_names_the_event_that_fails() {
        let events = [
            grant(day(0), day(300)),
            event(LicenceAction::Suspend, day(10)),
            event(LicenceAction::Renew { valid_until: day(600) }, day(20)),
        ];
        let (index, error) = run(&events).unwrap_err();
        assert_eq!(index, 2);
        assert_eq!(error.to_string(), "a licence that is suspended cannot be renewed");
        assert_eq!(run(&events[..2]).unwrap().status, LicenceStatus::Suspended);
        assert_eq!(run(&[]).unwrap(), LicenceState::pending());
    }

    #[test]
    fn licence_errors_serialize_their_details() {
        let json = |error: LicenceError| serde_json::to_value(&error).unwrap();
        let grace = json(LicenceError::RenewalAfterGrace {
            valid_until: day(0),
            grace_days: 90,
            grace_ended_on: day(90),
        });
        assert_eq!(grace["code"], "renewal_after_grace");
        assert_eq!(grace["grace_ended_on"], "2026-04-01");
        let order = json(LicenceError::OutOfOrder {
            effective_date: day(0),
            last_change: day(1),
        });
        assert_eq!(order["last_change"], "2026-01-02");
        let long = json(LicenceError::ValidityTooLong {
            valid_from: day(0),
            valid_until: day(2000),
            latest: day(1000),
            validity_months: 36,
        });
        assert_eq!(long["validity_months"], 36);
        let expiry = json(LicenceError::NotYetExpired {
            valid_until: day(5),
            effective_date: day(4),
        });
        assert_eq!(
            (expiry["valid_until"].as_str(), expiry["effective_date"].as_str()),
            (Some("2026-01-06"), Some("2026-01-05"))
        );
        let broken = json(LicenceError::InconsistentState {
            status: LicenceStatus::Suspended,
            problem: "p",
        });
        assert_eq!(broken["status"], "suspended");
    }

    // -- CPD ------------------------------------------------------------------------------------

    fn activity(minutes: u32, on: i64, approved: bool) -> CpdActivity {
        CpdActivity {
            provider: "Social Services of Cambodia".into(),
            title: "Case management refresher".into(),
            minutes,
            date: day(on),
            approved,
        }
    }

    #[test]
    fn cpd_counts_approved_activities_within_the_cycle() {
        let cycle = CpdCycle {
            start: day(10),
            end: day(20),
        };
        let activities = [
            activity(90, 10, true),
            activity(60, 20, true),
            activity(600, 15, false),
            activity(45, 9, true),
            activity(45, 21, true),
            activity(30, 15, true),
        ];
        assert_eq!(cpd_minutes_in_cycle(&activities, cycle), 180);
        assert_eq!(cpd_minutes_in_cycle(&[], cycle), 0);
    }

    #[test]
    fn a_renewal_needs_the_cpd_hours_of_the_cycle() {
        let rules = psw(); // 15 hours.
        let cycle = CpdCycle {
            start: day(0),
            end: day(1000),
        };
        let short = [activity(600, 1, true), activity(210, 2, true), activity(300, 3, false)];
        let shortfall = renewal_check(&rules, &short, cycle).unwrap_err();
        assert_eq!(
            shortfall,
            CpdShortfall {
                required_minutes: 900,
                earned_minutes: 810,
                shortfall_minutes: 90
            }
        );
        assert_eq!(
            shortfall.to_string(),
            "the renewal needs 15 hours of approved CPD in the cycle; 13 hours 30 minutes are recorded, 1 hour 30 minutes short"
        );
        assert_eq!(
            serde_json::to_value(shortfall).unwrap(),
            serde_json::json!({
                "code": "cpd_shortfall",
                "message": shortfall.to_string(),
                "required_minutes": 900,
                "earned_minutes": 810,
                "shortfall_minutes": 90,
            })
        );
        let enough = [activity(600, 1, true), activity(300, 2, true)];
        assert_eq!(renewal_check(&rules, &enough, cycle), Ok(900));
        let none_required = LicenceTypeRules {
            cpd_hours_per_cycle: 0,
            ..psw()
        };
        assert_eq!(renewal_check(&none_required, &[], cycle), Ok(0));
    }

    #[test]
    fn minutes_read_as_hours_and_minutes() {
        assert_eq!(format_minutes(0), "0 hours");
        assert_eq!(format_minutes(1), "1 minute");
        assert_eq!(format_minutes(45), "45 minutes");
        assert_eq!(format_minutes(60), "1 hour");
        assert_eq!(format_minutes(61), "1 hour 1 minute");
        assert_eq!(format_minutes(1_650), "27 hours 30 minutes");
        assert_eq!(format_minutes(1_800), "30 hours");
    }

    #[test]
    fn cpd_activities_are_checked() {
        assert_eq!(activity(90, 5, false).validate(day(5)), Ok(()));
        let bad = CpdActivity {
            provider: String::new(),
            title: "t".repeat(MAX_LICENCE_NAME_CHARS + 1),
            minutes: 0,
            date: day(6),
            approved: true,
        };
        assert_eq!(
            rules_of(&bad.validate(day(5)).unwrap_err()),
            [
                ("provider", "required"),
                ("title", "too_long"),
                ("minutes", "out_of_range"),
                ("date", "in_future")
            ]
        );
        let long = activity(CpdActivity::MAX_MINUTES + 1, 0, true);
        assert_eq!(
            rules_of(&long.validate(day(5)).unwrap_err()),
            [("minutes", "out_of_range")]
        );
        assert_eq!(activity(CpdActivity::MAX_MINUTES, 0, true).validate(day(5)), Ok(()));
    }

    // -- Expiry and reminders -------------------------------------------------------------------

    #[test]
    fn reminders_go_out_once_on_their_day() {
        let expiry = day(365);
        let before = |n: i64| expiry - chrono::Duration::days(n);
        assert!(due_reminders(expiry, before(61), &[]).is_empty());
        assert_eq!(due_reminders(expiry, before(60), &[]), [60]);
        assert!(due_reminders(expiry, before(60), &[60]).is_empty());
        assert!(due_reminders(expiry, before(31), &[60]).is_empty());
        assert_eq!(due_reminders(expiry, before(30), &[60]), [30]);
        assert_eq!(due_reminders(expiry, before(7), &[60, 30]), [7]);
        assert!(due_reminders(expiry, before(6), &[60, 30, 7]).is_empty());
        // Missed days: only the nearest one, never a further one after a nearer one.
        assert_eq!(due_reminders(expiry, before(45), &[]), [60]);
        assert_eq!(due_reminders(expiry, before(20), &[]), [30]);
        assert_eq!(due_reminders(expiry, before(0), &[60]), [7]);
        assert!(due_reminders(expiry, before(20), &[7]).is_empty());
        // Never after expiry.
        assert!(due_reminders(expiry, before(-1), &[]).is_empty());
    }

    #[test]
    fn the_job_expires_licences_in_force_after_their_last_day() {
        let state = run(&[grant(day(0), day(300))]).unwrap();
        assert!(!is_due_to_expire(&state, day(300)));
        assert!(is_due_to_expire(&state, day(301)));
        assert_eq!(expiry_event(&state, day(300)), None);
        // However late the job runs, the expiry takes effect the day after the last day.
        let expiry = expiry_event(&state, day(320)).unwrap();
        assert_eq!(expiry.action, LicenceAction::Expire);
        assert_eq!(expiry.effective_date, day(301));
        assert_eq!(expiry.authority, EXPIRY_JOB_AUTHORITY);
        assert_eq!(
            expiry.reason.as_deref(),
            Some("The period of validity ended on 2026-10-28")
        );
        let expired = apply(&state, &expiry, &psw()).unwrap();
        assert_eq!(expired.status, LicenceStatus::Expired);
        // Idempotent: nothing more to do.
        assert!(!is_due_to_expire(&expired, day(321)));
        assert_eq!(expiry_event(&expired, day(321)), None);
        // After a later change, effective on that change.
        let lifted = run(&[
            grant_with_conditions(day(0), day(300)),
            event(LicenceAction::LiftConditions, day(305)),
        ])
        .unwrap();
        let late = expiry_event(&lifted, day(310)).unwrap();
        assert_eq!(late.effective_date, day(305));
        assert!(apply(&lifted, &late, &psw()).is_ok());
        for state in one_state_of_each_status() {
            assert_eq!(is_due_to_expire(&state, day(10_000)), state.is_in_force());
        }
    }

    // -- Licence numbers ------------------------------------------------------------------------

    #[test]
    fn licence_numbers_are_formatted_and_read_back() {
        let number = LicenceNumber::new(&type_code("PSW"), 2026, 42).unwrap();
        assert_eq!(number.as_str(), "PSW-2026-000042");
        assert_eq!(
            (number.type_code().as_str(), number.year(), number.sequence()),
            ("PSW", 2026, 42)
        );
        for raw in [
            "PSW-2026-000042",
            " psw-2026-000042 ",
            "PSW – 2026 – 000042",
            "psw-២០២៦-០០០០៤២",
        ] {
            assert_eq!(LicenceNumber::parse("licence_number", raw), Ok(number.clone()), "{raw}");
        }
        let dashed = LicenceNumber::new(&type_code("SW-2"), 2030, 999_999).unwrap();
        assert_eq!(dashed.as_str(), "SW-2-2030-999999");
        assert_eq!(LicenceNumber::parse("n", dashed.as_str()), Ok(dashed.clone()));
        assert_eq!(
            (dashed.type_code().as_str(), dashed.year(), dashed.sequence()),
            ("SW-2", 2030, 999_999)
        );
        let rule = |raw: &str| LicenceNumber::parse("licence_number", raw).unwrap_err().rule;
        assert_eq!(rule(" "), "required");
        for bad in [
            "PSW-2026-42",
            "PSW-26-000042",
            "PSW2026000042",
            "2026-000042",
            "P-2026-000042",
            "PSW-2026-0000420",
        ] {
            assert_eq!(rule(bad), "format", "{bad}");
        }
        assert_eq!(rule("PSW-1999-000001"), "out_of_range");
        assert_eq!(rule("PSW-2026-000000"), "out_of_range");
        assert_eq!(
            LicenceNumber::new(&type_code("PSW"), 10_000, 1).unwrap_err().rule,
            "out_of_range"
        );
        assert_eq!(
            LicenceNumber::new(&type_code("PSW"), 2026, 1_000_000).unwrap_err().rule,
            "out_of_range"
        );
        assert_eq!(serde_json::to_value(&number).unwrap(), "PSW-2026-000042");
        assert_eq!(
            serde_json::from_value::<LicenceNumber>(serde_json::json!("psw-2026-000042")).unwrap(),
            number
        );
        assert_eq!(number.to_string().parse::<LicenceNumber>(), Ok(number));
    }

    // -- Roster ---------------------------------------------------------------------------------

    fn registry(n: u64) -> RegistryNumber {
        RegistryNumber::from_sequence(n).unwrap()
    }

    #[test]
    fn roster_identifiers_are_told_apart() {
        let number = registry(123);
        for raw in ["KL-0000123-0", "kl00001230", " KL 0000123 0 ", "kl–០០០០១២៣–០"] {
            assert_eq!(
                RosterIdentifier::parse(raw),
                Ok(RosterIdentifier::RegistryNumber(number.clone())),
                "{raw}"
            );
        }
        let typo = RosterIdentifier::parse("KL-0000124-0").unwrap_err();
        assert_eq!((typo.field.as_str(), typo.rule), ("registry_number", "check_digit"));
        assert!(typo.message.contains("typo"));
        assert_eq!(RosterIdentifier::parse("KL-123").unwrap_err().rule, "format");
        let id = RosterIdentifier::parse("0102-03 040").unwrap();
        assert_eq!((id.kind(), id.value()), ("national_id", "010203040"));
        let short = RosterIdentifier::parse("12345").unwrap_err();
        assert_eq!((short.field.as_str(), short.rule), ("national_id", "format"));
        let licence = RosterIdentifier::parse("ppp-2027-000001").unwrap();
        assert_eq!((licence.kind(), licence.value()), ("licence_number", "PPP-2027-000001"));
        // A licence type that begins like a registry number is still a licence number.
        assert_eq!(
            RosterIdentifier::parse("KL-2026-000042").unwrap().kind(),
            "licence_number"
        );
        let bad_licence = RosterIdentifier::parse("PSW-2026-42").unwrap_err();
        assert_eq!(
            (bad_licence.field.as_str(), bad_licence.rule),
            ("licence_number", "format")
        );
        for junk in ["Sok Dara", "សុខ", "KLX", "-", "N/A"] {
            let error = RosterIdentifier::parse(junk).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("identifier", "format"), "{junk}");
        }
        assert_eq!(RosterIdentifier::parse("  ").unwrap_err().rule, "required");
        assert_eq!(
            serde_json::to_value(RosterIdentifier::RegistryNumber(number.clone())).unwrap(),
            serde_json::json!({"kind": "registry_number", "value": "KL-0000123-0"})
        );
        let back: RosterIdentifier =
            serde_json::from_value(serde_json::json!({"kind": "national_id", "value": "010203040"})).unwrap();
        assert_eq!(back, id);
        assert_eq!(id.to_string(), "010203040");
    }

    #[test]
    fn a_roster_is_split_deduplicated_and_numbered_by_line() {
        let text = "\u{feff}Registry_Number;National_ID\r\n\
                    KL-0000123-0\r\n\
                    \r\n\
                    \"kl00001230\", 010203040\t PSW-2026-000042\n\
                    KL-0000124-0,,Sok Dara\n\
                    sok dara;national_id\n";
        let lines = parse_roster(text).unwrap();
        let summary: Vec<(usize, &str, Result<&str, &str>)> = lines
            .iter()
            .map(|line| {
                (
                    line.line,
                    line.raw.as_str(),
                    line.parsed
                        .as_ref()
                        .map(RosterIdentifier::kind)
                        .map_err(|error| error.rule),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (2, "KL-0000123-0", Ok("registry_number")),
                (4, "010203040", Ok("national_id")),
                (4, "PSW-2026-000042", Ok("licence_number")),
                (5, "KL-0000124-0", Err("check_digit")),
                (5, "Sok Dara", Err("format")),
                // A header cell after the first row is just an unreadable cell.
                (6, "national_id", Err("format")),
            ]
        );
        let json = serde_json::to_value(&lines[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "line": 2,
                "raw": "KL-0000123-0",
                "identifier": {"kind": "registry_number", "value": "KL-0000123-0"},
            })
        );
        let json = serde_json::to_value(&lines[3]).unwrap();
        assert_eq!(json["error"]["rule"], "check_digit");
        assert_eq!(json["error"]["field"], "registry_number");
    }

    #[test]
    fn a_roster_is_refused_when_empty_or_too_long() {
        for empty in ["", " \n\t,,;", "identifier\n", "\u{feff}licence_number"] {
            let error = parse_roster(empty).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("roster", "required"), "{empty:?}");
        }
        let full: Vec<String> = (1..=MAX_ROSTER_IDENTIFIERS as u64)
            .map(|n| registry(n).to_string())
            .collect();
        let mut text = full.join("\n");
        // Repeats do not count toward the cap.
        text.push_str("\nKL-0000001-8\n");
        assert_eq!(parse_roster(&text).unwrap().len(), MAX_ROSTER_IDENTIFIERS);
        text.push_str(registry(MAX_ROSTER_IDENTIFIERS as u64 + 1).as_str());
        let error = parse_roster(&text).unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("roster", "too_many"));
    }

    #[test]
    fn a_long_cell_is_an_error_shown_cut_short() {
        let long = "9".repeat(200);
        let lines = parse_roster(&long).unwrap();
        assert_eq!(lines[0].raw, format!("{}…", "9".repeat(MAX_ROSTER_CELL_CHARS)));
        assert_eq!(lines[0].parsed.as_ref().unwrap_err().rule, "too_long");
        let quoted = parse_roster("'010203040'").unwrap();
        assert_eq!(quoted[0].raw, "010203040");
        assert!(quoted[0].parsed.is_ok());
    }

    // -- Properties -----------------------------------------------------------------------------

    /// One step of a random timeline: which action, how many days after the previous event
    /// (sometimes before it), and the dates and texts it carries.
    #[derive(Debug, Clone)]
    struct Step {
        action: usize,
        advance: i64,
        from_offset: i64,
        length: i64,
        reason: bool,
        authority: bool,
        conditions: bool,
    }

    fn step() -> impl Strategy<Value = Step> {
        (
            // Refusal and revocation (final) are rarer, so that timelines go on.
            prop::sample::select(vec![
                0usize, 0, 0, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 9, 9,
            ]),
            prop_oneof![8 => 0i64..200, 1 => 200i64..1_500, 1 => -30i64..0],
            -40i64..40,
            prop_oneof![1 => -20i64..5, 6 => 5i64..1_100, 1 => 1_100i64..1_300],
            prop::bool::weighted(0.9),
            prop::bool::weighted(0.95),
            any::<bool>(),
        )
            .prop_map(
                |(action, advance, from_offset, length, reason, authority, conditions)| Step {
                    action,
                    advance,
                    from_offset,
                    length,
                    reason,
                    authority,
                    conditions,
                },
            )
    }

    fn any_rules() -> impl Strategy<Value = LicenceTypeRules> {
        (1u32..=48, 0u32..=120).prop_map(|(validity_months, grace_days)| LicenceTypeRules {
            validity_months,
            grace_days,
            ..psw()
        })
    }

    /// The event of `step`, taking effect on `on`, for a licence now in `state`.
    fn event_of(step: &Step, on: NaiveDate, state: &LicenceState) -> LicenceEvent {
        let days = chrono::Duration::days;
        let valid_from = on + days(step.from_offset);
        let base = state.valid_until.unwrap_or(on);
        let conditions = "supervision".to_owned();
        let action = match step.action {
            0 => LicenceAction::Grant {
                valid_from,
                valid_until: valid_from + days(step.length),
            },
            1 => LicenceAction::GrantWithConditions {
                valid_from,
                valid_until: valid_from + days(step.length),
                conditions: if step.conditions { conditions } else { " ".into() },
            },
            2 => LicenceAction::Refuse,
            3 => LicenceAction::Suspend,
            4 => LicenceAction::LiftSuspension,
            5 => LicenceAction::Expire,
            6 => LicenceAction::Renew {
                valid_until: base + days(step.length),
            },
            7 => LicenceAction::Reinstate {
                valid_until: on + days(step.length),
                conditions: step.conditions.then_some(conditions),
            },
            8 => LicenceAction::Revoke,
            _ => LicenceAction::LiftConditions,
        };
        LicenceEvent {
            action,
            reason: step.reason.then(|| "reason".to_owned()),
            authority: if step.authority {
                "committee".into()
            } else {
                String::new()
            },
            effective_date: on,
        }
    }

    /// The invariants every state `apply` produces must hold.
    fn assert_legal(state: &LicenceState) -> Result<(), TestCaseError> {
        prop_assert_eq!(state.inconsistency(), None, "{:?}", state);
        if state.is_in_force() {
            let (from, until) = (state.valid_from.unwrap(), state.valid_until.unwrap());
            prop_assert!(from < until, "{:?}", state);
        }
        if state.status == LicenceStatus::Suspended {
            prop_assert!(matches!(
                state.before_suspension,
                Some(LicenceStatus::Active | LicenceStatus::Conditional)
            ));
        }
        if state.status == LicenceStatus::Expired {
            prop_assert!(!state.is_in_force());
        }
        prop_assert_eq!(
            state.status == LicenceStatus::Conditional,
            state.is_in_force() && state.conditions.is_some()
        );
        Ok(())
    }

    proptest! {
        #[test]
        fn random_timelines_never_reach_an_illegal_state(rules in any_rules(), steps in prop::collection::vec(step(), 0..40)) {
            let mut state = LicenceState::pending();
            let mut accepted: Vec<LicenceEvent> = Vec::new();
            let mut cursor = day(0);
            for step in &steps {
                let on = cursor + chrono::Duration::days(step.advance);
                let event = event_of(step, on, &state);
                let result = apply(&state, &event, &rules);
                let allowed = state.status.allowed_actions().contains(&event.action.code());
                match result {
                    Ok(next) => {
                        prop_assert!(allowed);
                        prop_assert!(!state.status.is_final(), "a final state changed: {:?}", state);
                        prop_assert_eq!(next.changed_on, Some(on));
                        prop_assert!(state.changed_on.is_none_or(|last| last <= on));
                        assert_legal(&next)?;
                        cursor = on;
                        accepted.push(event);
                        state = next;
                    }
                    Err(LicenceError::IllegalTransition { from, action }) => {
                        prop_assert!(!allowed);
                        prop_assert_eq!(from, state.status);
                        prop_assert_eq!(action, event.action.code());
                    }
                    Err(error) => {
                        prop_assert!(allowed, "{}", error);
                        prop_assert_ne!(error.code(), "inconsistent_state");
                    }
                }
            }
            prop_assert_eq!(replay(&accepted, &rules), Ok(state));
        }

        #[test]
        fn validity_never_shrinks_as_the_start_advances(start in 0i64..3_000, months in 1u32..=120) {
            let from = day(start);
            let until = valid_until_for(from, months);
            let next = valid_until_for(day(start + 1), months);
            prop_assert!(until > from);
            prop_assert!(next >= until);
            prop_assert!(until >= from + chrono::Duration::days(28 * i64::from(months) - 1));
            prop_assert!(until <= from + chrono::Duration::days(31 * i64::from(months)));
            // One month more is never shorter, and a month of validity ends within that month
            // or the next.
            prop_assert!(valid_until_for(from, months + 1) > until);
        }

        #[test]
        fn cpd_sums_what_is_approved_within_the_cycle(
            items in prop::collection::vec((1u32..3_000, -50i64..150, any::<bool>()), 0..30),
            start in 0i64..50,
            length in 0i64..100,
            hours in 0u32..200,
        ) {
            let activities: Vec<CpdActivity> = items.iter().map(|(m, on, ok)| activity(*m, *on, *ok)).collect();
            let cycle = CpdCycle { start: day(start), end: day(start + length) };
            let expected: u64 = items
                .iter()
                .filter(|(_, on, ok)| *ok && (start..=start + length).contains(on))
                .map(|(m, _, _)| u64::from(*m))
                .sum();
            prop_assert_eq!(cpd_minutes_in_cycle(&activities, cycle), expected);
            let rules = LicenceTypeRules { cpd_hours_per_cycle: hours, ..psw() };
            match renewal_check(&rules, &activities, cycle) {
                Ok(earned) => {
                    prop_assert_eq!(earned, expected);
                    prop_assert!(earned >= u64::from(hours) * 60);
                }
                Err(shortfall) => {
                    prop_assert_eq!(shortfall.earned_minutes, expected);
                    prop_assert_eq!(shortfall.required_minutes, u64::from(hours) * 60);
                    prop_assert!(shortfall.shortfall_minutes > 0);
                    prop_assert_eq!(shortfall.earned_minutes + shortfall.shortfall_minutes, shortfall.required_minutes);
                }
            }
        }

        #[test]
        fn reminders_never_repeat_and_never_arrive_after_expiry(
            lead in 0i64..120,
            skipped in prop::collection::hash_set(0i64..130, 0..100),
        ) {
            let expiry = day(lead);
            let mut sent: Vec<u32> = Vec::new();
            for n in 0..=lead + 10 {
                if skipped.contains(&n) {
                    continue;
                }
                let today = day(n);
                for reminder in due_reminders(expiry, today, &sent) {
                    prop_assert!(today <= expiry, "sent on {} after expiry {}", today, expiry);
                    prop_assert!(!sent.contains(&reminder), "{} sent twice", reminder);
                    prop_assert!(sent.iter().all(|earlier| *earlier > reminder), "out of order");
                    prop_assert!((expiry - today).num_days() <= i64::from(reminder));
                    sent.push(reminder);
                }
                prop_assert!(due_reminders(expiry, today, &sent).is_empty(), "not idempotent");
            }
            prop_assert!(sent.len() <= REMINDER_DAYS.len());
            if skipped.is_empty() {
                // The job ran every day from `lead` days before expiry: the nearest reminder whose
                // day had already come, then every later one on its day.
                let mut expected: Vec<u32> =
                    REMINDER_DAYS.into_iter().filter(|d| i64::from(*d) >= lead).min().into_iter().collect();
                expected.extend(REMINDER_DAYS.into_iter().filter(|d| i64::from(*d) < lead));
                prop_assert_eq!(sent, expected);
            }
        }

        #[test]
        fn licence_numbers_round_trip(code in "[A-Z][A-Z0-9]{0,6}(-[A-Z0-9]{1,4})?[A-Z0-9]", year in 2000i32..=9999, sequence in 1u32..=999_999) {
            let code = type_code(&code);
            let number = LicenceNumber::new(&code, year, sequence).unwrap();
            prop_assert_eq!(number.type_code(), code);
            prop_assert_eq!((number.year(), number.sequence()), (year, sequence));
            prop_assert_eq!(LicenceNumber::parse("n", &number.as_str().to_lowercase()), Ok(number.clone()));
            prop_assert_eq!(RosterIdentifier::parse(number.as_str()), Ok(RosterIdentifier::LicenceNumber(number)));
        }

        #[test]
        fn roster_identifiers_round_trip(n in 1u64..=RegistryNumber::MAX_SEQUENCE, id in "[0-9]{9,10}") {
            let number = RosterIdentifier::RegistryNumber(registry(n));
            prop_assert_eq!(RosterIdentifier::parse(number.value()), Ok(number.clone()));
            prop_assert_eq!(RosterIdentifier::parse(&number.value().to_lowercase().replace('-', " ")), Ok(number));
            let national = RosterIdentifier::parse(&id).unwrap();
            prop_assert_eq!(national.value(), id.as_str());
        }

        #[test]
        fn roster_parsing_never_panics(text in "\\PC{0,400}") {
            check_roster(&text)?;
        }

        #[test]
        fn roster_parsing_never_panics_on_identifier_like_text(
            text in "([KkLl0-9០-៩PSW\\-–, ;\t\"'\n\r]|registry_number|identifier){0,200}",
        ) {
            check_roster(&text)?;
        }
    }

    /// What any roster, parsed or refused, must look like.
    fn check_roster(text: &str) -> Result<(), TestCaseError> {
        let _ = RosterIdentifier::parse(text);
        if let Ok(lines) = parse_roster(text) {
            prop_assert!(!lines.is_empty() && lines.len() <= MAX_ROSTER_IDENTIFIERS);
            let count = text.split('\n').count();
            let mut keys = HashSet::new();
            for line in &lines {
                prop_assert!(line.line >= 1 && line.line <= count);
                prop_assert!(line.raw.chars().count() <= MAX_ROSTER_CELL_CHARS + 1);
                prop_assert!(!line.raw.is_empty());
                let key = match &line.parsed {
                    Ok(identifier) => format!("{}:{}", identifier.kind(), identifier.value()),
                    Err(_) => format!("raw:{}", normalise_identifier(&line.raw)),
                };
                prop_assert!(keys.insert(key), "a repeat was kept");
            }
            prop_assert!(lines.windows(2).all(|pair| pair[0].line <= pair[1].line));
        }
        Ok(())
    }
}
