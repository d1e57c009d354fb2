use reqwest::StatusCode;
use serde_json::json;
use tests::{TestApp, error_code};

#[tokio::test]
async fn an_hr_officer_cannot_create_users_403_and_cannot_see_another_organisations_staff_404() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let battambang = app
        .create_organization(&admin, "Battambang DoSVY", "provincial_department", None)
        .await;
    let banan = app
        .create_organization(&admin, "Banan district office", "district_office", Some(battambang))
        .await;
    let kampot = app
        .create_organization(&admin, "Kampot DoSVY", "provincial_department", None)
        .await;

    app.create_user(&admin, "hr@battambang.test", "hr_officer", Some(battambang))
        .await;
    let district_hr = app
        .create_user(&admin, "hr@banan.test", "hr_officer", Some(banan))
        .await;
    let kampot_hr = app
        .create_user(&admin, "hr@kampot.test", "hr_officer", Some(kampot))
        .await;
    let hr = app.token("hr@battambang.test").await;

    // A forbidden action: 403 with the reason.
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&hr),
            json!({"email": "x@y.test", "display_name": "X", "role": "planner"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error_code(&body), "forbidden");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("administrator"),
        "{body}"
    );

    // Within the tree (a district below the province): visible.
    let (status, _) = app.get(&format!("/api/v1/users/{district_hr}"), Some(&hr)).await;
    assert_eq!(status, StatusCode::OK);
    // Out of scope: 404, exactly like a record that does not exist.
    let (status, out_of_scope) = app.get(&format!("/api/v1/users/{kampot_hr}"), Some(&hr)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, absent) = app
        .get(&format!("/api/v1/users/{}", uuid::Uuid::new_v4()), Some(&hr))
        .await;
    assert_eq!(out_of_scope, absent, "no leak of who exists");

    // The list shows only the tree.
    let (status, list) = app.get("/api/v1/users", Some(&hr)).await;
    assert_eq!(status, StatusCode::OK);
    let emails: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, vec!["hr@banan.test", "hr@battambang.test"]);
}

#[tokio::test]
async fn every_role_gets_the_answer_of_the_access_matrix() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let provider = app
        .create_organization(&admin, "Test Institute", "training_provider", None)
        .await;
    for (email, role, scope) in [
        ("reg@test.kamlang", "registrar", Some(provider)),
        ("lic@test.kamlang", "licensing_officer", None),
        ("plan@test.kamlang", "planner", None),
    ] {
        app.create_user(&admin, email, role, scope).await;
    }
    let (status, w) = app
        .post(
            "/api/v1/workers",
            Some(&admin),
            json!({"family_name_latin": "Sok", "given_name_latin": "Dara", "sex": "male", "birth_date": "1990-01-01",
                   "category": "para_social_worker"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{w}");
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"email": "trainee@test.kamlang", "display_name": "Sok Dara", "role": "trainee",
                   "password": tests::PASSWORD, "worker_id": w["worker"]["id"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let planner = app.token("plan@test.kamlang").await;
    let trainee = app.token("trainee@test.kamlang").await;
    let registrar = app.token("reg@test.kamlang").await;
    // Organisations are readable by staff, not by trainees.
    assert_eq!(app.get("/api/v1/organizations", Some(&planner)).await.0, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/organizations", Some(&trainee)).await.0,
        StatusCode::FORBIDDEN
    );
    // The audit log is the administrator's.
    assert_eq!(app.get("/api/v1/audit", Some(&planner)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/audit", Some(&admin)).await.0, StatusCode::OK);
    // A registrar sees the accounts of their own provider only.
    let (_, list) = app.get("/api/v1/users", Some(&registrar)).await;
    let emails: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, vec!["reg@test.kamlang"]);
}

#[tokio::test]
async fn a_registrar_needs_a_training_provider_and_a_planner_no_scope() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let dept = app
        .create_organization(&admin, "Some department", "provincial_department", None)
        .await;
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"email": "r@t.test", "display_name": "R", "role": "registrar"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["fields"]["scope_organization_id"]
            .as_str()
            .unwrap()
            .contains("required")
    );
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"email": "r@t.test", "display_name": "R", "role": "registrar", "scope_organization_id": dept}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["fields"]["scope_organization_id"]
            .as_str()
            .unwrap()
            .contains("training provider")
    );
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"email": "p@t.test", "display_name": "P", "role": "planner", "scope_organization_id": dept}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // Nothing half-written.
    let (_, list) = app.get("/api/v1/users", Some(&admin)).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn users_are_disabled_not_deleted_and_edits_need_the_current_version() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let id = app.create_user(&admin, "planner@test.kamlang", "planner", None).await;
    let planner = app.token("planner@test.kamlang").await;
    let path = format!("/api/v1/users/{id}");
    let (status, body) = app
        .call(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"version": 1, "status": "disabled"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["version"], 2);
    // A disabled account stops at once, even with a valid token.
    let (status, body) = app.get("/api/v1/me", Some(&planner)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(&body), "account_inactive");
    // A stale version is a 409 that names the current one.
    let (status, body) = app
        .call(
            reqwest::Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"version": 1, "status": "active"})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&body), "stale_version");
    assert!(body["error"]["fields"]["version"].as_str().unwrap().contains('2'));
    assert_eq!(
        app.call(reqwest::Method::DELETE, &path, Some(&admin), None).await.0,
        StatusCode::METHOD_NOT_ALLOWED
    );
}
