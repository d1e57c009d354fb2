//! The licensing rules through the public API, as the `api` crate uses them: an application
//! checked against its prerequisites, a grant and its number, reminders and the expiry job, a
//! renewal refused for want of CPD and then accepted, and a roster check.

use chrono::{Duration, NaiveDate};
use domain::licensing::{
    CpdActivity, HeldCertificate, LicenceAction, LicenceError, LicenceEvent, LicenceNumber, LicenceState,
    LicenceStatus, PrerequisiteProblem, RosterIdentifier, demo_licence_types, due_reminders, expiry_event,
    is_due_to_expire, licence_prerequisites, parse_roster, renewal_check, replay,
};
use domain::{CqfLevel, QualificationLevel, RegistryNumber};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn decision(action: LicenceAction, reason: Option<&str>, on: NaiveDate) -> LicenceEvent {
    LicenceEvent {
        action,
        reason: reason.map(str::to_owned),
        authority: "MoSVY licensing committee, session 2026/04".into(),
        effective_date: on,
    }
}

#[test]
fn a_para_professional_licence_from_application_to_renewal() {
    let types = demo_licence_types();
    let ppp = types.iter().find(|rules| rules.code.as_str() == "PPP").unwrap();
    assert_eq!(ppp.validate(), Ok(()));
    let level = |n| QualificationLevel::Cqf(CqfLevel::new(n).unwrap());

    // The applicant holds a Vocational Certificate only: too low for TVC 1.
    let mut certificates = vec![HeldCertificate {
        serial: "NISA-VC-2024-0007".into(),
        level: level(1),
        issued_on: ymd(2024, 6, 30),
        revoked: false,
        superseded: false,
    }];
    let problems = licence_prerequisites(ppp, &certificates, ymd(2026, 3, 1)).unwrap_err();
    assert!(matches!(problems[..], [PrerequisiteProblem::LevelTooLow { .. }]));
    assert_eq!(problems[0].code(), "level_too_low");
    // Then completes TVC 1.
    certificates.push(HeldCertificate {
        serial: "NISA-TVC1-2026-0042".into(),
        level: level(2),
        issued_on: ymd(2026, 2, 15),
        revoked: false,
        superseded: false,
    });
    let basis = licence_prerequisites(ppp, &certificates, ymd(2026, 3, 1)).unwrap();
    assert_eq!(basis.serial, "NISA-TVC1-2026-0042");

    // Granted for the type's full validity, with a number.
    let valid_from = ymd(2026, 4, 1);
    let valid_until = ppp.latest_valid_until(valid_from);
    assert_eq!(valid_until, ymd(2029, 3, 31));
    let number = LicenceNumber::new(&ppp.code, 2026, 42).unwrap();
    assert_eq!(number.as_str(), "PPP-2026-000042");
    let mut timeline = vec![decision(
        LicenceAction::Grant {
            valid_from,
            valid_until,
        },
        None,
        valid_from,
    )];
    let state = replay(&timeline, ppp).unwrap();
    assert_eq!(state.status, LicenceStatus::Active);

    // Reminders 60, 30 and 7 days before the last day, each once.
    let mut sent = Vec::new();
    let mut today = valid_until - Duration::days(90);
    while today <= valid_until + Duration::days(30) {
        assert_eq!(is_due_to_expire(&state, today), today > valid_until);
        sent.extend(due_reminders(valid_until, today, &sent));
        today += Duration::days(1);
    }
    assert_eq!(sent, [60, 30, 7]);

    // The daily job expires it on 2029-04-01.
    let expiry = expiry_event(&state, ymd(2029, 4, 3)).unwrap();
    assert_eq!(expiry.effective_date, ymd(2029, 4, 1));
    timeline.push(expiry);
    let expired = replay(&timeline, ppp).unwrap();
    assert_eq!(expired.status, LicenceStatus::Expired);
    assert_eq!(expiry_event(&expired, ymd(2029, 4, 4)), None);

    // A renewal in the grace period: first short of CPD (30 hours required).
    let cycle = expired.cpd_cycle().unwrap();
    let mut activities = vec![CpdActivity {
        provider: "Royal University of Phnom Penh".into(),
        title: "Child safeguarding update".into(),
        minutes: 20 * 60,
        date: ymd(2027, 5, 10),
        approved: true,
    }];
    let shortfall = renewal_check(ppp, &activities, cycle).unwrap_err();
    assert_eq!(shortfall.shortfall_minutes, 10 * 60);
    assert!(shortfall.to_string().contains("10 hours short"));
    activities.push(CpdActivity {
        provider: "Social Services of Cambodia".into(),
        title: "Supervision skills".into(),
        minutes: 10 * 60 + 30,
        date: ymd(2028, 9, 1),
        approved: true,
    });
    assert_eq!(renewal_check(ppp, &activities, cycle), Ok(30 * 60 + 30));
    timeline.push(decision(
        LicenceAction::Renew {
            valid_until: ymd(2032, 3, 31),
        },
        None,
        ymd(2029, 5, 2),
    ));
    let renewed = replay(&timeline, ppp).unwrap();
    assert_eq!(renewed.status, LicenceStatus::Active);
    assert_eq!(renewed.valid_from, Some(valid_from));
    assert_eq!(renewed.cycle_start, Some(ymd(2029, 4, 1)));

    // Revoked, and then nothing more.
    timeline.push(decision(
        LicenceAction::Revoke,
        Some("breach of the code of ethics"),
        ymd(2030, 1, 15),
    ));
    let revoked = replay(&timeline, ppp).unwrap();
    let renew = decision(
        LicenceAction::Renew {
            valid_until: ymd(2033, 3, 31),
        },
        None,
        ymd(2030, 2, 1),
    );
    let error = domain::licensing::apply(&revoked, &renew, ppp).unwrap_err();
    assert_eq!(
        error,
        LicenceError::IllegalTransition {
            from: LicenceStatus::Revoked,
            action: "renew"
        }
    );
    assert_eq!(error.to_string(), "a licence that is revoked cannot be renewed");
    timeline.push(renew);
    assert_eq!(replay(&timeline, ppp).unwrap_err().0, 4);

    // The timeline as JSON reads back to the same state.
    let json = serde_json::to_string(&timeline[..4]).unwrap();
    let back: Vec<LicenceEvent> = serde_json::from_str(&json).unwrap();
    assert_eq!(replay(&back, ppp).unwrap(), revoked);
    let state_json = serde_json::to_value(&revoked).unwrap();
    assert_eq!(state_json["status"], "revoked");
    assert_eq!(serde_json::from_value::<LicenceState>(state_json).unwrap(), revoked);
}

#[test]
fn an_hr_officer_checks_a_roster_pasted_from_a_spreadsheet() {
    let text = "identifier\tnote\nKL-0000123-0\n010 203 040; KL-0000124-0\nPPP-2026-000042\nkl00001230\n";
    let lines = parse_roster(text).unwrap();
    let kinds: Vec<Result<&str, &str>> = lines
        .iter()
        .map(|line| {
            line.parsed
                .as_ref()
                .map(RosterIdentifier::kind)
                .map_err(|error| error.rule)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            Err("format"), // "note": not a known header, so it is read, and is no identifier
            Ok("registry_number"),
            Ok("national_id"),
            Err("check_digit"),
            Ok("licence_number"),
        ]
    );
    assert_eq!(
        lines[1].parsed,
        Ok(RosterIdentifier::RegistryNumber(
            RegistryNumber::from_sequence(123).unwrap()
        ))
    );
    let json = serde_json::to_value(&lines).unwrap();
    assert_eq!(json[3]["error"]["field"], "registry_number");
    assert_eq!(json[4]["identifier"]["value"], "PPP-2026-000042");
}
