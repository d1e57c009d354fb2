//! The harness of Kamlang's end-to-end tests: a real server on a free port, over a real database
//! of its own, driven through HTTP (and a real browser, see [`browser`]).
//!
//! The database is chosen by one environment variable, `KAMLANG_TEST_DATABASE_URL`:
//! - unset: SQLite, a file in a temporary directory per test (copied from a file migrated once);
//! - `postgres://user@host:port/maintenance_db`: PostgreSQL, a database per test cloned from a
//!   migrated template database (as crates.io's test-db does), dropped when the test ends.

pub mod browser;
pub mod db;
pub mod smtp;

use std::net::SocketAddr;

use api::{AppState, config::Config, server::RunningServer};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};
use uuid::Uuid;

pub use db::TestDatabase;

/// The password of every account the tests create.
pub const PASSWORD: &str = "correct horse battery staple";
pub const ADMIN_EMAIL: &str = "admin@test.kamlang";

/// A running Kamlang over a database of its own.
pub struct TestApp {
    pub addr: SocketAddr,
    pub base_url: String,
    /// A client that does not follow redirects and keeps no cookies.
    pub http: reqwest::Client,
    pub state: AppState,
    pub database: TestDatabase,
    server: Option<RunningServer>,
}

pub fn init_tracing() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("KAMLANG_TEST_LOG").is_ok() {
            api::cli::init_tracing(false);
        }
    });
}

impl TestApp {
    /// A server on a free port over a fresh, migrated database with one administrator.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// Like [`TestApp::spawn`], with the configuration adjusted first (a rate limit, no batch
    /// runner, ...).
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        init_tracing();
        let database = TestDatabase::create().await;
        let mut config = Config::for_database(database.url.clone(), database.data_dir());
        config.jwt_secret = Some("test-secret-that-is-long-enough-for-hs256".to_owned());
        configure(&mut config);
        let state = api::server::prepare(&config).await.expect("preparing the service");
        api::users::service::create(
            &state.db,
            &api::audit::Actor::system(),
            api::users::service::NewUser {
                email: ADMIN_EMAIL.to_owned(),
                display_name: "Test Administrator".to_owned(),
                role: "admin".to_owned(),
                scope_organization_id: None,
                locale: Some("en".to_owned()),
                password: Some(PASSWORD.to_owned()),
                worker_id: None,
            },
        )
        .await
        .expect("creating the administrator");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a free port");
        let server = api::server::spawn(state.clone(), listener).expect("starting the server");
        let addr = server.addr;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        TestApp {
            addr,
            base_url: format!("http://{addr}"),
            http,
            state,
            database,
            server: Some(server),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Sends a request with an optional bearer token and JSON body; returns status and JSON.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("sending a request");
        let status = resp.status();
        let text = resp.text().await.expect("reading the body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, json)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// Sends a raw body with a content type (for malformed input).
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> (StatusCode, Value) {
        let resp = self
            .http
            .post(self.url(path))
            .header(header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .expect("sending a request");
        let status = resp.status();
        let json = resp.json().await.unwrap_or(Value::Null);
        (status, json)
    }

    /// Signs in and returns the whole token response.
    pub async fn login(&self, email: &str, password: &str) -> Value {
        let (status, body) = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "signing in as {email}: {body}");
        body
    }

    /// Signs in and returns the access token.
    pub async fn token(&self, email: &str) -> String {
        self.login(email, PASSWORD).await["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.token(ADMIN_EMAIL).await
    }

    /// Creates an organisation as the administrator and returns its id.
    pub async fn create_organization(&self, admin: &str, name: &str, kind: &str, parent: Option<Uuid>) -> Uuid {
        let (status, body) = self
            .post(
                "/api/v1/organizations",
                Some(admin),
                json!({"name_en": name, "kind": kind, "sector": "government", "admin_unit_code": "02", "parent_id": parent}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "creating {name}: {body}");
        body["id"].as_str().expect("an id").parse().expect("a uuid")
    }

    /// Creates a user with [`PASSWORD`] as the administrator and returns its id.
    pub async fn create_user(&self, admin: &str, email: &str, role: &str, scope: Option<Uuid>) -> Uuid {
        let (status, body) = self
            .post(
                "/api/v1/users",
                Some(admin),
                json!({"email": email, "display_name": email, "role": role, "scope_organization_id": scope, "password": PASSWORD, "locale": "en"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "creating {email}: {body}");
        body["user"]["id"].as_str().expect("an id").parse().expect("a uuid")
    }

    /// Stops the server gracefully.
    pub async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await;
        }
    }
}

/// Asserts the error body of DESIGN.md section 6 and returns its code.
pub fn error_code(body: &Value) -> &str {
    let error = body.get("error").unwrap_or_else(|| panic!("not an error body: {body}"));
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "an error message: {body}"
    );
    assert!(error["fields"].is_object(), "an error fields object: {body}");
    error["code"]
        .as_str()
        .unwrap_or_else(|| panic!("an error code: {body}"))
}
