//! The roles a user account can hold (DESIGN.md section 5).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::FieldError;

/// What a signed-in user is allowed to do; see [`crate::access`] for the full matrix.
///
/// Serialized (and parsed) as its snake_case code, e.g. `"hr_officer"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users, organisations, reference data and keys; may do everything.
    Admin,
    /// Registrar of one training provider (NISA or a partner): catalogue, cohorts, credits,
    /// certificates of that provider.
    Registrar,
    /// HR officer of one employer organisation: staff records and postings.
    HrOfficer,
    /// Member of the MoSVY licensing committee: decides licences.
    LicensingOfficer,
    /// Planner (MoSVY, CNCC, NISA): aggregate statistics against targets.
    Planner,
    /// A trainee or worker, who sees their own records.
    Trainee,
}

impl Role {
    /// Every role, in the order of the design's table.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Registrar,
        Role::HrOfficer,
        Role::LicensingOfficer,
        Role::Planner,
        Role::Trainee,
    ];

    /// The stable snake_case code of the role, as stored and sent over the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Registrar => "registrar",
            Role::HrOfficer => "hr_officer",
            Role::LicensingOfficer => "licensing_officer",
            Role::Planner => "planner",
            Role::Trainee => "trainee",
        }
    }

    /// Whether a user of this role must be tied to a scope organisation: a registrar to their
    /// training provider, an HR officer to their employer. The other roles are national (or, for
    /// a trainee, tied to their own worker record instead).
    pub fn needs_scope(self) -> bool {
        matches!(self, Role::Registrar | Role::HrOfficer)
    }

    /// The role in an English sentence, with its article: "a registrar", "an HR officer".
    pub(crate) fn with_article(self) -> &'static str {
        match self {
            Role::Admin => "an administrator",
            Role::Registrar => "a registrar",
            Role::HrOfficer => "an HR officer",
            Role::LicensingOfficer => "a licensing officer",
            Role::Planner => "a planner",
            Role::Trainee => "a trainee",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = FieldError;

    /// Parses a role code such as `"licensing_officer"` (surrounding spaces are ignored).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let code = raw.trim();
        Role::ALL.into_iter().find(|role| role.as_str() == code).ok_or_else(|| {
            let allowed: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
            FieldError::new("role", "one_of", format!("must be one of: {}", allowed.join(", ")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;

    #[test]
    fn codes_round_trip_through_from_str_display_and_serde() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role.to_string(), role.as_str());
            let code: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
                role.as_str().into_deserializer();
            assert_eq!(Role::deserialize(code), Ok(role));
        }
        assert_eq!(" planner ".parse::<Role>(), Ok(Role::Planner));
    }

    #[test]
    fn codes_are_the_documented_ones() {
        let codes: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
        assert_eq!(
            codes,
            [
                "admin",
                "registrar",
                "hr_officer",
                "licensing_officer",
                "planner",
                "trainee"
            ]
        );
    }

    #[test]
    fn unknown_code_is_a_field_error_listing_the_codes() {
        for raw in ["", "Admin", "hr-officer", "superuser"] {
            let error = raw.parse::<Role>().unwrap_err();
            assert_eq!(error.field, "role");
            assert_eq!(error.rule, "one_of");
            assert_eq!(
                error.message,
                "must be one of: admin, registrar, hr_officer, licensing_officer, planner, trainee"
            );
        }
    }

    #[test]
    fn only_registrar_and_hr_officer_need_a_scope() {
        let scoped: Vec<Role> = Role::ALL.into_iter().filter(|role| role.needs_scope()).collect();
        assert_eq!(scoped, [Role::Registrar, Role::HrOfficer]);
    }
}
