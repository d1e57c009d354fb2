use std::process::ExitCode;

use clap::Parser;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use tests::TestApp;

async fn audit_verify(app: &TestApp) -> ExitCode {
    let cli = api::cli::Cli::try_parse_from(["kamlang", "audit", "verify", "--database-url", &app.database.url])
        .expect("parsing the command line");
    api::cli::run(cli).await.expect("running audit verify")
}

async fn verify_outcome(app: &TestApp) -> api::audit::verify::VerifyOutcome {
    api::audit::verify::verify(&app.state.db).await.unwrap()
}

#[tokio::test]
async fn every_write_is_audited_with_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Kampot DoSVY", "provincial_department", None)
        .await;
    let (status, _) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/organizations/{org}"),
            Some(&admin),
            Some(json!({"version": 1, "name_en": "Kampot Department of Social Affairs"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, log) = app
        .get(
            &format!("/api/v1/audit?entity_type=organization&entity_id={org}"),
            Some(&admin),
        )
        .await;
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"], "organization.updated");
    assert_eq!(items[0]["before"]["name_en"], "Kampot DoSVY");
    assert_eq!(items[0]["after"]["name_en"], "Kampot Department of Social Affairs");
    assert!(items[0]["actor"].as_str().unwrap().contains("admin@test.kamlang"));
    assert_eq!(items[1]["action"], "organization.created");
    assert!(items[1]["before"].is_null());
}

#[tokio::test]
async fn audit_verify_passes_an_intact_chain_and_names_a_tampered_entry() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    // The first start already wrote some entries (the administrator, NISA's signing key).
    let base = entries_so_far(&app).await;
    for name in ["A", "B", "C"] {
        app.create_organization(&admin, &format!("Office {name}"), "district_office", None)
            .await;
    }
    match verify_outcome(&app).await {
        api::audit::verify::VerifyOutcome::Intact(n) => assert_eq!(n, base + 3),
        other => panic!("{other:?}"),
    }
    assert_eq!(audit_verify(&app).await, ExitCode::SUCCESS);

    // Someone edits Office B's entry directly in the database.
    let db = app.database.connect().await;
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        format!(
            "UPDATE audit_log SET after = REPLACE(after, 'Office B', 'Office X') WHERE seq = {}",
            base + 2
        ),
    ))
    .await
    .unwrap();
    match verify_outcome(&app).await {
        api::audit::verify::VerifyOutcome::Broken(why) => {
            assert!(why.starts_with(&format!("entry {}:", base + 2)), "{why}")
        }
        other => panic!("tampering not caught: {other:?}"),
    }
    assert_eq!(audit_verify(&app).await, ExitCode::from(1));
}

#[tokio::test]
async fn audit_verify_catches_deleted_entries() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let base = entries_so_far(&app).await;
    for name in ["A", "B", "C"] {
        app.create_organization(&admin, &format!("Office {name}"), "district_office", None)
            .await;
    }
    let db = app.database.connect().await;
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        format!("DELETE FROM audit_log WHERE seq = {}", base + 3),
    ))
    .await
    .unwrap();
    match verify_outcome(&app).await {
        api::audit::verify::VerifyOutcome::Broken(why) => {
            assert!(why.contains(&format!("entry {}", base + 3)), "{why}")
        }
        other => panic!("a deleted last entry not caught: {other:?}"),
    }
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        format!("DELETE FROM audit_log WHERE seq = {}", base + 1),
    ))
    .await
    .unwrap();
    match verify_outcome(&app).await {
        api::audit::verify::VerifyOutcome::Broken(why) => {
            assert!(why.starts_with(&format!("entry {}:", base + 2)), "{why}")
        }
        other => panic!("a deleted middle entry not caught: {other:?}"),
    }
}

/// How many entries the audit log holds now (all intact).
async fn entries_so_far(app: &TestApp) -> u64 {
    match verify_outcome(app).await {
        api::audit::verify::VerifyOutcome::Intact(n) => n,
        other => panic!("{other:?}"),
    }
}
