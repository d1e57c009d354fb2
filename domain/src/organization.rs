//! Organisations: what kind they are and which sector they belong to.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    Ministry,
    ProvincialDepartment,
    DistrictOffice,
    /// Commune/sangkat committee for women and children (CCWC).
    CommuneCommittee,
    /// Women and children consultative committee (WCCC) of a province or district.
    WomenChildrenConsultativeCommittee,
    Ngo,
    TrainingProvider,
    Other,
}

impl OrganizationKind {
    pub const ALL: [OrganizationKind; 8] = [
        OrganizationKind::Ministry,
        OrganizationKind::ProvincialDepartment,
        OrganizationKind::DistrictOffice,
        OrganizationKind::CommuneCommittee,
        OrganizationKind::WomenChildrenConsultativeCommittee,
        OrganizationKind::Ngo,
        OrganizationKind::TrainingProvider,
        OrganizationKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganizationKind::Ministry => "ministry",
            OrganizationKind::ProvincialDepartment => "provincial_department",
            OrganizationKind::DistrictOffice => "district_office",
            OrganizationKind::CommuneCommittee => "commune_committee",
            OrganizationKind::WomenChildrenConsultativeCommittee => "women_children_consultative_committee",
            OrganizationKind::Ngo => "ngo",
            OrganizationKind::TrainingProvider => "training_provider",
            OrganizationKind::Other => "other",
        }
    }
}

impl FromStr for OrganizationKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrganizationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "kind",
                    "one_of",
                    format!(
                        "must be one of {}",
                        OrganizationKind::ALL.map(|k| k.as_str()).join(", ")
                    ),
                )
            })
    }
}

impl fmt::Display for OrganizationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Government,
    Ngo,
    Private,
}

impl Sector {
    pub const ALL: [Sector; 3] = [Sector::Government, Sector::Ngo, Sector::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Government => "government",
            Sector::Ngo => "ngo",
            Sector::Private => "private",
        }
    }
}

impl FromStr for Sector {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sector::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| FieldError::new("sector", "one_of", "must be one of government, ngo, private"))
    }
}

/// A name a person types: trimmed, not empty, at most `max` characters.
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in OrganizationKind::ALL {
            assert_eq!(k.as_str().parse::<OrganizationKind>().unwrap(), k);
        }
        let err = "school".parse::<OrganizationKind>().unwrap_err();
        assert_eq!(err.field, "kind");
        assert!(err.message.contains("training_provider"));
    }

    #[test]
    fn required_text_trims_and_limits() {
        assert_eq!(required_text("name", "  NISA ", 10).unwrap(), "NISA");
        assert_eq!(required_text("name", "   ", 10).unwrap_err().rule, "required");
        assert_eq!(required_text("name", "abcdefghijk", 10).unwrap_err().rule, "too_long");
    }
}
