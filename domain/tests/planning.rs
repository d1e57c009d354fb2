//! The plan's targets as shipped in shared/data/reference (a copy in tests/data), read by
//! `domain::planning`.

use domain::WorkforceCategory;
use domain::planning::{OrganizationLevel, parse_targets_csv, progress_against_target, targets_by_level};

/// A copy of shared/data/reference/training_targets_2021_2025.csv.
const TARGETS_CSV: &str = include_str!("data/training_targets_2021_2025.csv");

#[test]
fn the_plan_targets_2021_2025_parse() {
    let targets = parse_targets_csv(TARGETS_CSV).unwrap_or_else(|problems| panic!("{problems:#?}"));
    assert_eq!(targets.len(), 10);
    let total: u64 = targets.iter().map(|target| target.trainees).sum();
    assert_eq!(total, 500 + 471 + 406 + 1170 + 3292 + 609 + 125 + 250 + 40 + 27);

    let first = &targets[0];
    assert_eq!(first.certification, "Technical and Vocational Certificate 3");
    assert_eq!(first.cqf_level, Some(4));
    assert_eq!(first.workforce_category, WorkforceCategory::ParaProfessional);
    assert_eq!(first.organization_level, OrganizationLevel::National);
    assert_eq!(first.trainees, 500);
    assert_eq!(first.credits_or_duration, "30 credits");
    assert_eq!(first.source_note, "Table 11; Annex 1 activity 2.3.5 (USD 1,487,500)");

    let ccwc = &targets[4];
    assert_eq!(ccwc.target_group, "CCWC commune/sangkat focal points");
    assert_eq!(ccwc.organization_level, OrganizationLevel::Commune);
    assert_eq!(ccwc.qualification_level().as_str(), "cqf-1");
    assert_eq!(targets[3].organization_level, OrganizationLevel::Ngo);
    assert!(targets[7..].iter().all(|target| target.cqf_level.is_none()
        && target.workforce_category == WorkforceCategory::AlliedWorker
        && target.credits_or_duration == "15 days"));
    assert!(targets.iter().all(|target| target.validate().is_ok()));

    let by_level: Vec<(&str, u64)> = targets_by_level(&targets)
        .into_iter()
        .map(|(level, trainees)| (level.as_str(), trainees))
        .collect();
    assert_eq!(
        by_level,
        vec![
            ("cqf-1", 3292 + 609 + 125),
            ("cqf-2", 406 + 1170),
            ("cqf-3", 471),
            ("cqf-4", 500),
            ("allied", 250 + 40 + 27)
        ]
    );
    // Half the CCWC focal points certified is half the target.
    assert_eq!(progress_against_target(1646, ccwc.trainees).as_deref(), Some("50.0"));
}

#[test]
fn the_copy_matches_the_shared_reference_when_it_is_there() {
    // The shared file is outside the workspace: compare when it can be read, say so otherwise.
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/reference/training_targets_2021_2025.csv");
    match std::fs::read_to_string(&shared) {
        Ok(text) => assert_eq!(text, TARGETS_CSV, "tests/data is out of date with {}", shared.display()),
        Err(_) => eprintln!("{} not found: compared the copy only", shared.display()),
    }
}
