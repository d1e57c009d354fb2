use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{TestApp, error_code};

#[tokio::test]
async fn organisations_form_a_tree_without_cycles() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let ministry = app.create_organization(&admin, "Ministry", "ministry", None).await;
    let dept = app
        .create_organization(&admin, "Department", "provincial_department", Some(ministry))
        .await;
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/api/v1/organizations/{ministry}"),
            Some(&admin),
            Some(json!({"version": 1, "parent_id": dept})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["fields"]["parent_id"].as_str().unwrap().contains("below"),
        "{body}"
    );
}

#[tokio::test]
async fn bad_organisations_are_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (status, body) = app
        .post(
            "/api/v1/organizations",
            Some(&admin),
            json!({"name_en": "", "kind": "school", "sector": "army", "admin_unit_code": "9999", "parent_id": uuid::Uuid::new_v4()}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&body), "validation_failed");
    let fields = body["error"]["fields"].as_object().unwrap();
    assert_eq!(fields.len(), 5, "{body}");
    assert!(fields["admin_unit_code"].as_str().unwrap().contains("gazetteer"));
}

#[tokio::test]
async fn organisation_lists_are_paged_with_a_stable_cursor() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    for i in 0..7 {
        app.create_organization(&admin, &format!("Office {i:02}"), "district_office", None)
            .await;
    }
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/organizations?kind=district_office&limit=3&cursor={c}"),
            None => "/api/v1/organizations?kind=district_office&limit=3".to_owned(),
        };
        let (status, page) = app.get(&path, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK);
        names.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["name_en"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let expected: Vec<String> = (0..7).map(|i| format!("Office {i:02}")).collect();
    assert_eq!(names, expected);
}

#[tokio::test]
async fn nisa_exists_from_the_start_as_a_training_provider() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (status, nisa) = app
        .get(&format!("/api/v1/organizations/{}", migration::NISA_ID), Some(&admin))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(nisa["kind"], "training_provider");
    assert_eq!(nisa["name_en"], "National Institute of Social Affairs");
}
