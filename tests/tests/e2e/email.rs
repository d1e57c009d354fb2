//! Email through the outbox: a real SMTP round trip, the server down then up, the invitation and
//! password-reset flows, and the administrator's outbox.

use api::mail::{
    sender::{Sender, tick},
    transport::Mailer,
};
use chrono::{Duration, Utc};
use mail_parser::MessageParser;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::{TestApp, error_code, smtp::SmtpServer};
use web::email::EmailMessage;

fn sender_to(app: &TestApp, smtp_url: Option<String>) -> Sender {
    let mut config = (*app.state.config).clone();
    config.smtp_url = smtp_url;
    config.data_dir = app.database.data_dir();
    Sender {
        mailer: Mailer::from_config(&config).expect("a mailer"),
        from: config.mail_from,
        instance: "test".into(),
    }
}

struct Parsed {
    subject: String,
    text: String,
    html: String,
    to: String,
}

fn parse(data: &[u8]) -> Parsed {
    let m = MessageParser::default().parse(data).expect("a parseable email");
    Parsed {
        subject: m.subject().unwrap_or_default().to_owned(),
        text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        to: m
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned(),
    }
}

fn certificate_email(serial: &str) -> EmailMessage {
    EmailMessage::CertificateIssued {
        recipient_name: "សុខ ស្រីមុំ".into(),
        qualification: "Vocational Certificate in Social Work".into(),
        serial: serial.into(),
        provider: "National Institute of Social Affairs".into(),
        issued_on: (2026, 11, 21),
        verify_link: format!("https://kamlang.example/verify/{serial}"),
        download_link: format!("https://kamlang.example/api/v1/certificates/{serial}.pdf"),
    }
}

#[tokio::test]
async fn a_certificate_email_reaches_a_real_smtp_server_in_the_recipients_language() {
    let app = TestApp::spawn().await;
    let smtp = SmtpServer::start().await;
    api::mail::queue(
        &app.state.db,
        "sreymom@example.org",
        "សុខ ស្រីមុំ",
        "km",
        &certificate_email("NISA-2026-000123"),
    )
    .await
    .unwrap();
    api::mail::queue(
        &app.state.db,
        "dara@example.org",
        "Chan Dara",
        "en",
        &certificate_email("NISA-2026-000124"),
    )
    .await
    .unwrap();
    let report = tick(&app.state.db, &sender_to(&app, Some(smtp.url())), Utc::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 2, "{report:?}");
    let mut messages = smtp.messages();
    assert_eq!(messages.len(), 2);
    messages.sort_by_key(|m| m.to.join(","));
    let dara = parse(&messages[0].data);
    let sreymom = parse(&messages[1].data);
    assert_eq!(sreymom.to, "sreymom@example.org");
    assert!(sreymom.subject.contains("NISA-2026-000123"), "{}", sreymom.subject);
    assert!(
        sreymom.subject.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
        "a Khmer subject: {}",
        sreymom.subject
    );
    assert!(
        sreymom.text.contains("https://kamlang.example/verify/NISA-2026-000123"),
        "{}",
        sreymom.text
    );
    assert!(sreymom.html.contains("https://kamlang.example/verify/NISA-2026-000123"));
    assert!(
        !dara.subject.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
        "an English subject: {}",
        dara.subject
    );
    assert!(dara.text.contains("https://kamlang.example/verify/NISA-2026-000124"));
    // Marked sent: the next pass sends nothing.
    let again = tick(
        &app.state.db,
        &sender_to(&app, Some(smtp.url())),
        Utc::now() + Duration::hours(2),
    )
    .await
    .unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(smtp.messages().len(), 2);
}

#[tokio::test]
async fn with_the_smtp_server_down_then_up_the_email_is_delivered_exactly_once() {
    let app = TestApp::spawn().await;
    // A port with nobody listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("smtp://127.0.0.1:{port}");
    let id = api::mail::queue(
        &app.state.db,
        "dara@example.org",
        "Chan Dara",
        "en",
        &certificate_email("NISA-2026-000200"),
    )
    .await
    .unwrap();
    let now = Utc::now();
    let r = tick(&app.state.db, &sender_to(&app, Some(url.clone())), now)
        .await
        .unwrap();
    assert_eq!((r.sent, r.retrying), (0, 1));
    let admin = app.admin_token().await;
    let (_, outbox) = app.get("/api/v1/outbox", Some(&admin)).await;
    assert_eq!(outbox["items"][0]["status"], "pending");
    assert_eq!(outbox["items"][0]["attempts"], 1);
    assert!(outbox["items"][0]["last_error"].as_str().is_some());

    let smtp = SmtpServer::start_on(port).await;
    // Not due yet: the backoff holds it.
    let r = tick(
        &app.state.db,
        &sender_to(&app, Some(url.clone())),
        now + Duration::seconds(5),
    )
    .await
    .unwrap();
    assert_eq!(r.sent, 0);
    let r = tick(
        &app.state.db,
        &sender_to(&app, Some(url.clone())),
        now + Duration::minutes(1),
    )
    .await
    .unwrap();
    assert_eq!(r.sent, 1);
    for later in [2, 10, 120] {
        tick(
            &app.state.db,
            &sender_to(&app, Some(url.clone())),
            now + Duration::minutes(later),
        )
        .await
        .unwrap();
    }
    assert_eq!(smtp.messages().len(), 1, "delivered exactly once");
    let (_, outbox) = app.get("/api/v1/outbox?status=sent", Some(&admin)).await;
    assert_eq!(outbox["items"][0]["id"], id.to_string());
}

#[tokio::test]
async fn without_an_smtp_server_emails_are_written_as_eml_files() {
    let app = TestApp::spawn().await;
    api::mail::queue(
        &app.state.db,
        "dara@example.org",
        "Chan Dara",
        "en",
        &certificate_email("NISA-2026-000300"),
    )
    .await
    .unwrap();
    let r = tick(&app.state.db, &sender_to(&app, None), Utc::now()).await.unwrap();
    assert_eq!(r.sent, 1);
    let dir = app.database.data_dir().join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    let parsed = parse(&std::fs::read(files[0].path()).unwrap());
    assert!(parsed.text.contains("NISA-2026-000300"));
}

fn link_of(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.contains("/set-password?token="))
        .expect("a link")
        .to_owned()
}

#[tokio::test]
async fn an_invited_user_sets_a_password_through_a_single_use_link() {
    let app = TestApp::spawn().await;
    let smtp = SmtpServer::start().await;
    let admin = app.admin_token().await;
    let (status, created) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"email": "planner@test.kamlang", "display_name": "Planner", "role": "planner", "locale": "en"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["invitation_sent"], true);
    // No password yet: signing in is refused.
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "planner@test.kamlang", "password": "anything at all"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    tick(&app.state.db, &sender_to(&app, Some(smtp.url())), Utc::now())
        .await
        .unwrap();
    let mail = parse(&smtp.messages()[0].data);
    assert_eq!(mail.to, "planner@test.kamlang");
    let link = link_of(&mail.text);
    let token = link.split("token=").nth(1).unwrap().to_owned();

    let (status, err) = app
        .post(
            "/api/v1/auth/password",
            None,
            json!({"token": token, "password": "short"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"]["fields"]["password"].as_str().is_some());
    let (status, _) = app
        .post(
            "/api/v1/auth/password",
            None,
            json!({"token": token, "password": "a long enough password"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    app.login("planner@test.kamlang", "a long enough password").await;
    let (status, err) = app
        .post(
            "/api/v1/auth/password",
            None,
            json!({"token": token, "password": "another long password"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the link works once");
    assert_eq!(error_code(&err), "invalid_token");
}

#[tokio::test]
async fn a_password_reset_never_reveals_whether_an_account_exists() {
    let app = TestApp::spawn().await;
    let smtp = SmtpServer::start().await;
    let (status, _) = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": "nobody@example.org"}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, _) = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            json!({"email": tests::ADMIN_EMAIL}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    tick(&app.state.db, &sender_to(&app, Some(smtp.url())), Utc::now())
        .await
        .unwrap();
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1, "only the real account gets a link");
    let mail = parse(&messages[0].data);
    let token = link_of(&mail.text).split("token=").nth(1).unwrap().to_owned();
    // The old sessions end when the password changes.
    let before = app.login(tests::ADMIN_EMAIL, tests::PASSWORD).await;
    let (status, _) = app
        .post(
            "/api/v1/auth/password",
            None,
            json!({"token": token, "password": "a brand new password"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": before["refresh_token"]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.login(tests::ADMIN_EMAIL, "a brand new password").await;
}

#[tokio::test]
async fn only_administrators_see_and_retry_the_outbox() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    app.create_user(&admin, "plan@test.kamlang", "planner", None).await;
    let planner = app.token("plan@test.kamlang").await;
    assert_eq!(app.get("/api/v1/outbox", Some(&planner)).await.0, StatusCode::FORBIDDEN);
    // A message that cannot be delivered fails for good, and can be retried.
    let id = api::mail::queue(
        &app.state.db,
        "not an address",
        "X",
        "en",
        &certificate_email("NISA-2026-000400"),
    )
    .await
    .unwrap();
    let smtp = SmtpServer::start().await;
    let r = tick(&app.state.db, &sender_to(&app, Some(smtp.url())), Utc::now())
        .await
        .unwrap();
    assert_eq!(r.failed, 1);
    let (_, outbox): (StatusCode, Value) = app.get("/api/v1/outbox?status=failed", Some(&admin)).await;
    assert_eq!(outbox["items"][0]["id"], id.to_string());
    let (status, retried) = app
        .post(&format!("/api/v1/outbox/{id}/retry"), Some(&admin), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{retried}");
    assert_eq!(retried["status"], "pending");
    let (status, _) = app
        .post(&format!("/api/v1/outbox/{id}/retry"), Some(&admin), json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "only a failed email is retried");
}

#[tokio::test]
async fn two_senders_at_once_never_send_the_same_email_twice() {
    let app = TestApp::spawn().await;
    let smtp = SmtpServer::start().await;
    for i in 0..30 {
        api::mail::queue(
            &app.state.db,
            &format!("w{i}@example.org"),
            "W",
            "en",
            &certificate_email(&format!("NISA-2026-{i:06}")),
        )
        .await
        .unwrap();
    }
    let (a, b) = (sender_to(&app, Some(smtp.url())), sender_to(&app, Some(smtp.url())));
    let now = Utc::now();
    let (ra, rb) = tokio::join!(tick(&app.state.db, &a, now), tick(&app.state.db, &b, now));
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    // Each claims at most a batch; what is left goes on the next passes.
    let mut sent = ra.sent + rb.sent;
    while sent < 30 {
        let (ra, rb) = tokio::join!(tick(&app.state.db, &a, now), tick(&app.state.db, &b, now));
        let more = ra.unwrap().sent + rb.unwrap().sent;
        assert!(more > 0, "progress");
        sent += more;
    }
    assert_eq!(sent, 30);
    let mut recipients: Vec<String> = smtp.messages().iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(smtp.messages().len(), 30, "no email sent twice");
    assert_eq!(recipients.len(), 30);
}

#[tokio::test]
async fn forgotten_password_through_the_pages_and_the_outbox_page() {
    let app = TestApp::spawn().await;
    let smtp = SmtpServer::start().await;
    let resp = app
        .http
        .post(app.url("/forgot-password"))
        .form(&[("email", tests::ADMIN_EMAIL)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().contains("id=\"forgot-sent\""));
    tick(&app.state.db, &sender_to(&app, Some(smtp.url())), Utc::now())
        .await
        .unwrap();
    let link = link_of(&parse(&smtp.messages()[0].data).text);
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let page = app
        .http
        .get(app.url(&format!("/set-password?token={token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&token), "the form carries the token");
    let resp = app
        .http
        .post(app.url("/set-password"))
        .form(&[
            ("token", token.as_str()),
            ("password", "my new long password"),
            ("password_confirm", "not the same one"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(resp.text().await.unwrap().contains("id=\"setpw-error\""));
    let resp = app
        .http
        .post(app.url("/set-password"))
        .form(&[
            ("token", token.as_str()),
            ("password", "my new long password"),
            ("password_confirm", "my new long password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()["location"], "/login?password_set=1");
    let admin = app.login(tests::ADMIN_EMAIL, "my new long password").await;

    let page = app
        .http
        .get(app.url("/admin/outbox"))
        .header(
            "cookie",
            format!(
                "kamlang_access={}; kamlang_lang=en",
                admin["access_token"].as_str().unwrap()
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"outbox\"") && html.contains(tests::ADMIN_EMAIL) && html.contains("Sent"),
        "{html}"
    );
}

#[tokio::test]
async fn an_administrator_invites_a_user_from_the_users_page() {
    let app = TestApp::spawn().await;
    let smtp = SmtpServer::start().await;
    let admin = app.admin_token().await;
    let cookie = format!("kamlang_access={admin}; kamlang_lang=km");
    let resp = app
        .http
        .post(app.url("/admin/users"))
        .header("cookie", cookie.clone())
        .form(&[
            ("email", "not-an-email"),
            ("display_name", "Heng"),
            ("role", "planner"),
            ("locale", "km"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(resp.text().await.unwrap().contains("id=\"form-errors\""));
    let resp = app
        .http
        .post(app.url("/admin/users"))
        .header("cookie", cookie)
        .form(&[
            ("email", "heng@example.org"),
            ("display_name", "ហេង សុភា"),
            ("role", "planner"),
            ("locale", "km"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().contains("heng@example.org"));
    tick(&app.state.db, &sender_to(&app, Some(smtp.url())), Utc::now())
        .await
        .unwrap();
    let mail = parse(&smtp.messages()[0].data);
    assert_eq!(mail.to, "heng@example.org");
    assert!(
        mail.subject.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
        "in Khmer: {}",
        mail.subject
    );
    assert!(mail.text.contains("/set-password?token="));
}
