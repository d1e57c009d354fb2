//! What identifies a certificate and what can happen to it: serial numbers per provider and year,
//! the status a verifier sees, and the rules of revocation and reissue.
//!
//! A serial reads `NISA-2026-000123`: the provider's prefix, the year of issue and a sequence
//! number that is gapless within the provider-year (it is allocated in the same transaction that
//! stores the certificate, so a failed issue gives its number back) and never reused.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// A provider's serial prefix: 2 to 12 capital letters or digits, starting with a letter
/// (`NISA`, `RUPP`, `PPCBS2`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SerialPrefix(String);

impl SerialPrefix {
    /// Reads a prefix (trimmed, upper-cased), naming `field` when it breaks the rule.
    pub fn parse(field: &str, raw: &str) -> Result<SerialPrefix, FieldError> {
        let text = raw.trim().to_ascii_uppercase();
        let ok = (2..=12).contains(&text.len())
            && text.starts_with(|c: char| c.is_ascii_uppercase())
            && text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok {
            Ok(SerialPrefix(text))
        } else {
            Err(FieldError::new(
                field,
                "format",
                "must be 2 to 12 capital letters or digits, starting with a letter (for example NISA)",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SerialPrefix {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        SerialPrefix::parse("serial_prefix", &value)
    }
}

impl From<SerialPrefix> for String {
    fn from(value: SerialPrefix) -> Self {
        value.0
    }
}

impl fmt::Display for SerialPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The most certificates a provider can issue in a year (the sequence has six digits).
pub const MAX_SERIAL_SEQUENCE: u32 = 999_999;

/// A certificate's serial number: `{prefix}-{year}-{sequence:06}`.
///
/// ```
/// use domain::certificate::{CertificateSerial, SerialPrefix};
/// let prefix = SerialPrefix::parse("serial_prefix", "nisa").unwrap();
/// let serial = CertificateSerial::new(prefix, 2026, 123).unwrap();
/// assert_eq!(serial.to_string(), "NISA-2026-000123");
/// assert_eq!(CertificateSerial::parse("serial", "nisa-2026-000123").unwrap(), serial);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CertificateSerial {
    pub prefix: SerialPrefix,
    pub year: i32,
    pub sequence: u32,
}

impl CertificateSerial {
    /// The serial of the `sequence`th certificate (from 1) of a provider's `year`.
    pub fn new(prefix: SerialPrefix, year: i32, sequence: u32) -> Result<CertificateSerial, FieldError> {
        if !(2000..=9999).contains(&year) {
            return Err(FieldError::new("year", "out_of_range", "must be from 2000 to 9999"));
        }
        if !(1..=MAX_SERIAL_SEQUENCE).contains(&sequence) {
            return Err(FieldError::new(
                "sequence",
                "out_of_range",
                format!("must be from 1 to {MAX_SERIAL_SEQUENCE}: the provider's serials for {year} are used up"),
            ));
        }
        Ok(CertificateSerial { prefix, year, sequence })
    }

    /// Reads a serial as people type it (any case, surrounding spaces).
    pub fn parse(field: &str, raw: &str) -> Result<CertificateSerial, FieldError> {
        let bad = || FieldError::new(field, "format", "must be a certificate serial such as NISA-2026-000123");
        let text = raw.trim().to_ascii_uppercase();
        let mut parts = text.rsplitn(3, '-');
        let (Some(sequence), Some(year), Some(prefix)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if sequence.len() != 6 || year.len() != 4 || !sequence.bytes().chain(year.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let prefix = SerialPrefix::parse(field, prefix).map_err(|_| bad())?;
        let (Ok(year), Ok(sequence)) = (year.parse(), sequence.parse()) else {
            return Err(bad());
        };
        CertificateSerial::new(prefix, year, sequence).map_err(|_| bad())
    }
}

impl fmt::Display for CertificateSerial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:06}", self.prefix, self.year, self.sequence)
    }
}

/// What a verifier is told about a certificate, most serious first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CertificateStatus {
    /// Issued, not revoked, not replaced, signed with a key in good standing.
    Valid,
    /// Revoked by its provider, on a date, for a reason.
    Revoked { on: chrono::NaiveDate, reason: String },
    /// Replaced by a reissued certificate (after a correction).
    Superseded { by: String },
    /// Signed with a key that has since been revoked (compromised or withdrawn): the signature no
    /// longer vouches for it.
    KeyRevoked { on: chrono::NaiveDate },
}

impl CertificateStatus {
    /// The status's code: `valid`, `revoked`, `superseded`, `key_revoked`.
    pub fn code(&self) -> &'static str {
        match self {
            CertificateStatus::Valid => "valid",
            CertificateStatus::Revoked { .. } => "revoked",
            CertificateStatus::Superseded { .. } => "superseded",
            CertificateStatus::KeyRevoked { .. } => "key_revoked",
        }
    }

    /// Whether the certificate still vouches for its holder.
    pub fn is_valid(&self) -> bool {
        matches!(self, CertificateStatus::Valid)
    }
}

/// The facts that decide a certificate's status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusFacts {
    pub revoked: Option<(chrono::NaiveDate, String)>,
    pub superseded_by: Option<String>,
    pub key_revoked_on: Option<chrono::NaiveDate>,
}

/// A certificate's status: a revocation wins over a replacement, which wins over a revoked key
/// (a revoked certificate is revoked whatever else happened to it).
pub fn certificate_status(facts: &StatusFacts) -> CertificateStatus {
    if let Some((on, reason)) = &facts.revoked {
        CertificateStatus::Revoked {
            on: *on,
            reason: reason.clone(),
        }
    } else if let Some(by) = &facts.superseded_by {
        CertificateStatus::Superseded { by: by.clone() }
    } else if let Some(on) = facts.key_revoked_on {
        CertificateStatus::KeyRevoked { on }
    } else {
        CertificateStatus::Valid
    }
}

/// The longest reason for a revocation.
pub const MAX_REASON_CHARS: usize = 1_000;

/// Checks a revocation's reason: required, at most [`MAX_REASON_CHARS`].
pub fn revocation_reason(raw: &str) -> Result<String, FieldError> {
    let reason = raw.trim();
    if reason.is_empty() {
        return Err(FieldError::new(
            "reason",
            "required",
            "must say why: it is shown to whoever verifies the certificate",
        ));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(FieldError::new(
            "reason",
            "too_long",
            format!("must be at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(reason.to_owned())
}

/// Whether a certificate may be revoked or reissued: only one that is still valid (a revoked
/// or replaced certificate stays as it is, so its history is never rewritten).
pub fn check_can_change(status: &CertificateStatus, action: &str) -> Result<(), FieldError> {
    match status {
        CertificateStatus::Valid | CertificateStatus::KeyRevoked { .. } => Ok(()),
        other => Err(FieldError::new(
            "status",
            "state",
            format!(
                "a certificate that is {} cannot be {action}",
                other.code().replace('_', " ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nisa() -> SerialPrefix {
        SerialPrefix::parse("serial_prefix", "NISA").unwrap()
    }

    #[test]
    fn prefixes_are_short_capitals_and_digits() {
        assert_eq!(SerialPrefix::parse("p", " rupp ").unwrap().as_str(), "RUPP");
        for bad in ["", "N", "1NISA", "NI SA", "NISA-1", "ABCDEFGHIJKLM", "ន"] {
            assert_eq!(SerialPrefix::parse("p", bad).unwrap_err().rule, "format", "{bad}");
        }
    }

    #[test]
    fn serials_read_back_and_refuse_what_is_not_one() {
        let s = CertificateSerial::new(nisa(), 2026, 42).unwrap();
        assert_eq!(s.to_string(), "NISA-2026-000042");
        assert_eq!(CertificateSerial::parse("serial", " nisa-2026-000042 ").unwrap(), s);
        for bad in [
            "NISA-2026-42",
            "NISA-26-000042",
            "NISA2026000042",
            "-2026-000042",
            "NISA-2026-000000",
            "NISA-2026-00004a",
            "NISA-1999-000001",
        ] {
            assert!(CertificateSerial::parse("serial", bad).is_err(), "{bad}");
        }
        assert!(CertificateSerial::new(nisa(), 2026, 0).is_err());
        assert!(CertificateSerial::new(nisa(), 2026, MAX_SERIAL_SEQUENCE + 1).is_err());
    }

    #[test]
    fn revocation_wins_then_replacement_then_the_key() {
        let on = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut facts = StatusFacts::default();
        assert_eq!(certificate_status(&facts), CertificateStatus::Valid);
        facts.key_revoked_on = Some(on);
        assert_eq!(certificate_status(&facts).code(), "key_revoked");
        facts.superseded_by = Some("NISA-2026-000002".into());
        assert_eq!(certificate_status(&facts).code(), "superseded");
        facts.revoked = Some((on, "Issued in error".into()));
        assert_eq!(certificate_status(&facts).code(), "revoked");
        assert!(!certificate_status(&facts).is_valid());
        assert!(check_can_change(&certificate_status(&facts), "revoked").is_err());
        assert!(check_can_change(&CertificateStatus::Valid, "revoked").is_ok());
    }

    #[test]
    fn a_revocation_needs_a_reason() {
        assert_eq!(revocation_reason("  ").unwrap_err().rule, "required");
        assert_eq!(revocation_reason(&"x".repeat(1001)).unwrap_err().rule, "too_long");
        assert_eq!(revocation_reason(" Name misspelt ").unwrap(), "Name misspelt");
    }

    proptest! {
        #[test]
        fn every_serial_reads_back(prefix in "[A-Z][A-Z0-9]{1,11}", year in 2000i32..=9999, sequence in 1u32..=MAX_SERIAL_SEQUENCE) {
            let serial = CertificateSerial::new(SerialPrefix::parse("p", &prefix).unwrap(), year, sequence).unwrap();
            prop_assert_eq!(CertificateSerial::parse("serial", &serial.to_string()).unwrap(), serial);
        }

        #[test]
        fn parsing_never_panics(raw in "\\PC{0,30}") {
            let _ = CertificateSerial::parse("serial", &raw);
        }
    }
}
