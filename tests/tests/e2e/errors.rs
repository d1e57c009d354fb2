use reqwest::StatusCode;
use serde_json::json;
use tests::{TestApp, error_code};

#[tokio::test]
async fn malformed_json_is_a_400_in_the_error_format() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .post_raw("/api/v1/auth/login", "application/json", r#"{"email": "a@b.c", "#)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&body), "malformed_json");
}

#[tokio::test]
async fn wrong_types_missing_and_unknown_fields_name_the_field() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .post("/api/v1/auth/login", None, json!({"email": 42, "password": "x"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["fields"]["email"]
            .as_str()
            .unwrap()
            .contains("expected a string"),
        "{body}"
    );

    let (status, body) = app.post("/api/v1/auth/login", None, json!({"email": "a@b.c"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["fields"].get("password").is_some(), "{body}");

    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "a@b.c", "password": "x", "pasword": "y"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["fields"]["pasword"]
            .as_str()
            .unwrap()
            .contains("unknown field"),
        "{body}"
    );
}

#[tokio::test]
async fn validation_errors_name_every_field_and_rule() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"email": "not-an-email", "display_name": " ", "role": "boss", "password": "short"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&body), "validation_failed");
    let fields = body["error"]["fields"].as_object().unwrap();
    for f in ["email", "display_name", "role", "password"] {
        assert!(fields.contains_key(f), "{f} named in {body}");
    }
    assert!(
        fields["role"].as_str().unwrap().contains("hr_officer"),
        "the allowed roles are listed"
    );
    assert!(fields["password"].as_str().unwrap().contains("12"));
}

#[tokio::test]
async fn wrong_content_type_unknown_routes_wrong_methods_and_big_bodies() {
    let app = TestApp::spawn().await;
    let (status, body) = app.post_raw("/api/v1/auth/login", "text/plain", "email=a").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error_code(&body), "unsupported_media_type");

    let (status, body) = app.get("/api/v1/no-such-thing", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "not_found");

    let (status, body) = app.call(reqwest::Method::PUT, "/api/v1/auth/login", None, None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_code(&body), "method_not_allowed");

    let big = format!(r#"{{"email": "{}", "password": "x"}}"#, "a".repeat(2 * 1024 * 1024));
    let (status, body) = app.post_raw("/api/v1/auth/login", "application/json", big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(&body), "payload_too_large");
}

#[tokio::test]
async fn bad_query_and_path_parameters_are_400() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let (status, body) = app.get("/api/v1/users?limit=100000", Some(&admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["fields"].get("limit").is_some(), "{body}");
    let (status, body) = app.get("/api/v1/users?limit=abc", Some(&admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["fields"].get("limit").is_some(), "{body}");
    let (status, body) = app.get("/api/v1/users?cursor=%%%", Some(&admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = app.get("/api/v1/users/not-a-uuid", Some(&admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&body), "invalid_path");
}
