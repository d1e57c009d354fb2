use reqwest::StatusCode;
use serde_json::json;
use tests::{ADMIN_EMAIL, PASSWORD, TestApp, error_code};

#[tokio::test]
async fn login_gives_tokens_and_me_knows_the_user() {
    let app = TestApp::spawn().await;
    let tokens = app.login(ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(tokens["expires_in"].as_i64().unwrap() <= 15 * 60);
    let access = tokens["access_token"].as_str().unwrap();
    let (status, me) = app.get("/api/v1/me", Some(access)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["role"], "admin");
    // The stored hash is Argon2id, never the password.
    let db = app.database.connect().await;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = api::store::users::Entity::find()
        .filter(api::store::users::Column::Email.eq(ADMIN_EMAIL))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(user.password_hash.unwrap().starts_with("$argon2id$"));
    app.stop().await;
}

#[tokio::test]
async fn a_wrong_password_or_unknown_email_is_401_without_saying_which() {
    let app = TestApp::spawn().await;
    let (s1, b1) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": ADMIN_EMAIL, "password": "wrong password!"}),
        )
        .await;
    let (s2, b2) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "nobody@test.kamlang", "password": PASSWORD}),
        )
        .await;
    assert_eq!((s1, s2), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
    assert_eq!(error_code(&b1), "invalid_credentials");
    assert_eq!(b1, b2);
    let (status, body) = app.get("/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(&body), "unauthenticated");
    let (status, _) = app.get("/api/v1/me", Some("not-a-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_whole_family() {
    let app = TestApp::spawn().await;
    let first = app.login(ADMIN_EMAIL, PASSWORD).await;
    let r1 = first["refresh_token"].as_str().unwrap().to_owned();

    let (status, second) = app
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": r1}))
        .await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let r2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(r1, r2, "a new refresh token each time");
    let (status, _) = app.get("/api/v1/me", second["access_token"].as_str()).await;
    assert_eq!(status, StatusCode::OK);

    // Replaying the spent token: refused, and the family (including r2) is revoked.
    let (status, body) = app
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": r1}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(&body), "refresh_token_reused");
    let (status, body) = app
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": r2}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the stolen family is dead: {body}");

    // Another session of the same user is untouched.
    let other = app.login(ADMIN_EMAIL, PASSWORD).await;
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": other["refresh_token"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // The reuse is in the audit log.
    let admin = other["access_token"].as_str().unwrap();
    let (_, log) = app.get("/api/v1/audit?entity_type=user", Some(admin)).await;
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "session.reuse_detected"),
        "{log}"
    );
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn().await;
    let tokens = app.login(ADMIN_EMAIL, PASSWORD).await;
    let (status, _) = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(&body), "invalid_refresh_token");
}

#[tokio::test]
async fn repeated_failures_are_slowed_down_then_locked() {
    let app = TestApp::spawn().await;
    let wrong = json!({"email": ADMIN_EMAIL, "password": "not the password"});
    // Two free failures, then the third must wait.
    for _ in 0..2 {
        let (status, _) = app.post("/api/v1/auth/login", None, wrong.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = app.post("/api/v1/auth/login", None, wrong.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let resp = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": ADMIN_EMAIL, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(resp.headers().get("retry-after").is_some());
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(error_code(&body), "too_many_attempts");

    // Make the earlier failures old enough, fail twice more: the fifth failure locks.
    let db = app.database.connect().await;
    use sea_orm::{ConnectionTrait, Statement};
    let age = |db: sea_orm::DatabaseConnection| async move {
        let backend = db.get_database_backend();
        let past = chrono::Utc::now() - chrono::Duration::minutes(5);
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DatabaseBackend::Postgres => "UPDATE users SET last_failed_login_at = $1",
                _ => "UPDATE users SET last_failed_login_at = ?",
            },
            [past.into()],
        ))
        .await
        .unwrap();
    };
    for _ in 0..2 {
        age(db.clone()).await;
        let (status, _) = app.post("/api/v1/auth/login", None, wrong.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    age(db.clone()).await;
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": ADMIN_EMAIL, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error_code(&body), "account_locked");
    assert!(body["error"]["message"].as_str().unwrap().contains("locked"));
}
