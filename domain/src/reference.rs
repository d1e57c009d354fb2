//! Reference data fixed by the plans the registry serves: CQF levels, delivery modes and
//! workforce categories (shared/data/reference/*.csv).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::FieldError;

/// A level of the Cambodia Qualifications Framework, 1 to 8.
///
/// Serialized as its number; deserializing checks the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CqfLevel(u8);

impl CqfLevel {
    /// The lowest level: Vocational Certificate.
    pub const MIN: CqfLevel = CqfLevel(1);
    /// The highest level: Doctoral Degree.
    pub const MAX: CqfLevel = CqfLevel(8);

    /// The level `n`, which must be from 1 to 8.
    pub fn new(n: u8) -> Result<CqfLevel, FieldError> {
        if (Self::MIN.0..=Self::MAX.0).contains(&n) {
            Ok(CqfLevel(n))
        } else {
            Err(FieldError::new(
                "cqf_level",
                "out_of_range",
                "must be a CQF level from 1 to 8",
            ))
        }
    }

    /// The level's number, 1 to 8.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The fewest credits a qualification of this level requires (cqf_levels.csv): 30 for the
    /// Vocational Certificate and TVC 1-3 (levels 1-4), 60 for level 5, 120 for level 6, 45 for
    /// level 7 and 54 for level 8.
    pub fn minimum_credits(self) -> u32 {
        match self.0 {
            1..=4 => 30,
            5 => 60,
            6 => 120,
            7 => 45,
            8 => 54,
            _ => unreachable!("a CqfLevel is always from 1 to 8"),
        }
    }

    /// Every level, from 1 to 8.
    pub fn all() -> impl Iterator<Item = CqfLevel> {
        (Self::MIN.0..=Self::MAX.0).map(CqfLevel)
    }
}

impl TryFrom<u8> for CqfLevel {
    type Error = FieldError;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        CqfLevel::new(n)
    }
}

impl From<CqfLevel> for u8 {
    fn from(level: CqfLevel) -> u8 {
        level.0
    }
}

impl FromStr for CqfLevel {
    type Err = FieldError;

    /// Parses a level number such as `"4"`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let n = raw
            .trim()
            .parse::<u8>()
            .map_err(|_| FieldError::new("cqf_level", "out_of_range", "must be a CQF level from 1 to 8"))?;
        CqfLevel::new(n)
    }
}

impl fmt::Display for CqfLevel {
    /// The level's number, e.g. `4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How the hours of a module are delivered; each mode converts hours to credits at its own rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMode {
    /// Teaching and instruction (classroom, lecture, online instruction): 15 hours a credit.
    Instruction,
    /// Laboratory or workshop teaching activities: 30 hours a credit.
    Laboratory,
    /// Field work or internship (supervised practice): 45 hours a credit.
    Field,
}

impl DeliveryMode {
    /// Every mode, in the order of delivery_modes.csv.
    pub const ALL: [DeliveryMode; 3] = [DeliveryMode::Instruction, DeliveryMode::Laboratory, DeliveryMode::Field];

    /// The stable snake_case code: `instruction`, `laboratory`, `field`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMode::Instruction => "instruction",
            DeliveryMode::Laboratory => "laboratory",
            DeliveryMode::Field => "field",
        }
    }

    /// Hours of this mode that make one credit (delivery_modes.csv): 15, 30 or 45.
    pub fn hours_per_credit(self) -> u32 {
        match self {
            DeliveryMode::Instruction => 15,
            DeliveryMode::Laboratory => 30,
            DeliveryMode::Field => 45,
        }
    }
}

impl fmt::Display for DeliveryMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeliveryMode {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_code(raw, &Self::ALL, Self::as_str, "delivery_mode")
    }
}

/// The kinds of social service worker the plans train and count (workforce_categories.csv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkforceCategory {
    /// Graduate of a school of social work (CQF 6 or above).
    ProfessionalSocialWorker,
    /// Works next to or supports a professional (TVC 1-3, CQF 2-4).
    ParaProfessional,
    /// Supervised, often community-based staff or volunteer (Vocational Certificate, CQF 1).
    ParaSocialWorker,
    /// Does social service work from another sector: education, health, justice (a 15-day
    /// certificate of selected modules, not a CQF level).
    AlliedWorker,
}

impl WorkforceCategory {
    /// Every category, in the order of workforce_categories.csv.
    pub const ALL: [WorkforceCategory; 4] = [
        WorkforceCategory::ProfessionalSocialWorker,
        WorkforceCategory::ParaProfessional,
        WorkforceCategory::ParaSocialWorker,
        WorkforceCategory::AlliedWorker,
    ];

    /// The stable snake_case code of workforce_categories.csv, e.g. `para_social_worker`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkforceCategory::ProfessionalSocialWorker => "professional_social_worker",
            WorkforceCategory::ParaProfessional => "para_professional",
            WorkforceCategory::ParaSocialWorker => "para_social_worker",
            WorkforceCategory::AlliedWorker => "allied_worker",
        }
    }
}

impl fmt::Display for WorkforceCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WorkforceCategory {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse_code(raw, &Self::ALL, Self::as_str, "workforce_category")
    }
}

/// Finds the value among `all` whose code is `raw` (trimmed), or says which codes are allowed.
fn parse_code<T: Copy>(raw: &str, all: &[T], code: fn(T) -> &'static str, field: &str) -> Result<T, FieldError> {
    let raw = raw.trim();
    all.iter().copied().find(|value| code(*value) == raw).ok_or_else(|| {
        let allowed: Vec<&str> = all.iter().map(|value| code(*value)).collect();
        FieldError::new(field, "one_of", format!("must be one of: {}", allowed.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::Error as DeError;

    /// A copy of shared/data/reference/cqf_levels.csv, the source of the minimum credits.
    const CQF_LEVELS_CSV: &str = "level,tvet_qualification_en,higher_education_qualification_en,min_credits
1,Vocational Certificate,,30
2,Technical and Vocational Certificate 1,,30
3,Technical and Vocational Certificate 2,,30
4,Technical and Vocational Certificate 3,,30
5,Higher Diploma of Technology/Business Education,Associate Degree,60
6,Bachelor of Technology/Business Education,Bachelor's Degree,120
7,Master's Degree of Technology/Business Education,Master's Degree,45
8,Doctoral Degree of Technology/Business Education,Doctoral Degree,54";

    #[test]
    fn cqf_levels_are_1_to_8() {
        assert_eq!(CqfLevel::new(1).unwrap().get(), 1);
        assert_eq!(CqfLevel::new(8).unwrap().get(), 8);
        for n in [0, 9, 255] {
            let error = CqfLevel::new(n).unwrap_err();
            assert_eq!((error.field.as_str(), error.rule), ("cqf_level", "out_of_range"));
        }
        assert_eq!(CqfLevel::all().count(), 8);
        assert!(CqfLevel::new(2).unwrap() < CqfLevel::new(6).unwrap());
    }

    #[test]
    fn cqf_minimum_credits_match_the_reference_table() {
        for line in CQF_LEVELS_CSV.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            let level = CqfLevel::new(cells[0].parse().unwrap()).unwrap();
            let minimum: u32 = cells.last().unwrap().parse().unwrap();
            assert_eq!(level.minimum_credits(), minimum, "level {level}");
        }
    }

    #[test]
    fn cqf_level_parses_and_deserializes_with_the_range_check() {
        assert_eq!("4".parse::<CqfLevel>().unwrap().get(), 4);
        assert_eq!("nine".parse::<CqfLevel>().unwrap_err().rule, "out_of_range");
        assert_eq!("9".parse::<CqfLevel>().unwrap_err().rule, "out_of_range");
        let ok = CqfLevel::deserialize(IntoDeserializer::<DeError>::into_deserializer(5u8));
        assert_eq!(ok.unwrap().get(), 5);
        let bad = CqfLevel::deserialize(IntoDeserializer::<DeError>::into_deserializer(0u8));
        assert!(bad.is_err());
    }

    #[test]
    fn delivery_modes_match_the_reference_table() {
        let table = [("instruction", 15), ("laboratory", 30), ("field", 45)];
        for (mode, (code, hours)) in DeliveryMode::ALL.into_iter().zip(table) {
            assert_eq!(mode.as_str(), code);
            assert_eq!(mode.hours_per_credit(), hours);
            assert_eq!(code.parse::<DeliveryMode>(), Ok(mode));
            assert_eq!(mode.to_string(), code);
            let deserialized = DeliveryMode::deserialize(IntoDeserializer::<DeError>::into_deserializer(code));
            assert_eq!(deserialized, Ok(mode));
        }
        let error = "workshop".parse::<DeliveryMode>().unwrap_err();
        assert_eq!(error.field, "delivery_mode");
        assert_eq!(error.message, "must be one of: instruction, laboratory, field");
    }

    #[test]
    fn workforce_categories_match_the_reference_table() {
        let codes = [
            "professional_social_worker",
            "para_professional",
            "para_social_worker",
            "allied_worker",
        ];
        for (category, code) in WorkforceCategory::ALL.into_iter().zip(codes) {
            assert_eq!(category.as_str(), code);
            assert_eq!(code.parse::<WorkforceCategory>(), Ok(category));
            assert_eq!(category.to_string(), code);
            let deserialized = WorkforceCategory::deserialize(IntoDeserializer::<DeError>::into_deserializer(code));
            assert_eq!(deserialized, Ok(category));
        }
        let error = "social_worker".parse::<WorkforceCategory>().unwrap_err();
        assert_eq!((error.field.as_str(), error.rule), ("workforce_category", "one_of"));
    }
}
