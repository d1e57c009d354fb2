//! Licensing through the real server: licence types as data, applications checked against the
//! worker's certificates, decisions as a state machine with a timeline, CPD and renewal, the
//! expiry job run twice, employer alerts, the public register and the roster check.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp};

use crate::certificates::{issue, setup_posted};

async fn licence_type(app: &TestApp, admin: &str) {
    let (status, body) = app
        .post(
            "/api/v1/licence-types",
            Some(admin),
            json!({"code": "PSW", "title_km": "អ្នកសង្គមកិច្ចបម្រើសហគមន៍ដែលបានចុះបញ្ជី",
                   "title_en": "Registered para social worker", "category": "para_social_worker",
                   "required_level": "cqf-1", "validity_months": 36, "cpd_hours_per_cycle": 15, "grace_days": 90}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn officer(app: &TestApp, admin: &str) -> String {
    app.create_user(admin, "officer@test.kamlang", "licensing_officer", None)
        .await;
    app.token("officer@test.kamlang").await
}

async fn decide(app: &TestApp, token: &str, licence: &str, body: Value) -> (StatusCode, Value) {
    app.post(&format!("/api/v1/licences/{licence}/events"), Some(token), body)
        .await
}

#[tokio::test]
async fn applications_need_a_certificate_and_decisions_follow_the_state_machine() {
    let app = TestApp::spawn().await;
    let s = setup_posted(&app, 2, 0, true, None).await;
    licence_type(&app, &s.admin).await;
    let (bad, _) = app
        .post("/api/v1/licence-types", Some(&s.admin), json!({"code": "x", "title_km": "", "title_en": "",
            "category": "nobody", "required_level": "cqf-9", "validity_months": 0, "cpd_hours_per_cycle": 0, "grace_days": 0}))
        .await;
    assert_eq!(bad, StatusCode::BAD_REQUEST);
    let officer = officer(&app, &s.admin).await;
    let (worker, other) = (&s.trainees[0].0, &s.trainees[1].0);

    // No certificate yet: the application is refused, saying why.
    let (status, body) = app
        .post(
            &format!("/api/v1/workers/{worker}/licences"),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "prerequisites_not_met");
    assert!(body["error"]["fields"]["certificates"].is_string());
    issue(&app, &s.admin, worker).await;
    issue(&app, &s.admin, other).await;
    let (status, licence) = app
        .post(
            &format!("/api/v1/workers/{worker}/licences"),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{licence}");
    assert_eq!(licence["status"], "pending");
    let id = licence["id"].as_str().unwrap().to_owned();
    let (status, _) = app
        .post(
            &format!("/api/v1/workers/{worker}/licences"),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "one application per type");

    // Only the committee decides.
    let (status, _) = decide(&app, &s.admin.replace('a', "b"), &id, json!({"action": "grant"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let hr_org = app
        .create_organization(&s.admin, "Dept", "provincial_department", None)
        .await;
    app.create_user(&s.admin, "hr@test.kamlang", "hr_officer", Some(hr_org))
        .await;
    let hr = app.token("hr@test.kamlang").await;
    assert_eq!(
        decide(&app, &hr, &id, json!({"action": "grant"})).await.0,
        StatusCode::FORBIDDEN
    );

    // Grant: a number, a period of the type's length.
    let (status, granted) = decide(
        &app,
        &officer,
        &id,
        json!({"action": "grant", "effective_date": "2026-01-15"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{granted}");
    assert_eq!(granted["status"], "active");
    assert_eq!(granted["number"], "PSW-2026-000001");
    assert_eq!(granted["valid_from"], "2026-01-15");
    assert_eq!(granted["valid_until"], "2029-01-14");
    // An illegal action names the state and the action.
    let (status, body) = decide(&app, &officer, &id, json!({"action": "refuse", "reason": "no"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "illegal_transition");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("active") && message.contains("refused"), "{message}");
    // Suspending needs a reason.
    let (status, body) = decide(&app, &officer, &id, json!({"action": "suspend"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["fields"]["reason"].is_string());
    let (_, l) = decide(
        &app,
        &officer,
        &id,
        json!({"action": "suspend", "reason": "Complaint under review"}),
    )
    .await;
    assert_eq!(l["status"], "suspended");
    let (_, l) = decide(&app, &officer, &id, json!({"action": "lift_suspension"})).await;
    assert_eq!(l["status"], "active");
    let (_, l) = decide(
        &app,
        &officer,
        &id,
        json!({"action": "revoke", "reason": "Breach of the code of ethics"}),
    )
    .await;
    assert_eq!(l["status"], "revoked");
    let (status, body) = decide(&app, &officer, &id, json!({"action": "reinstate", "reason": "Appeal"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "revoked is final: {body}");
    assert!(l["allowed_actions"].as_array().unwrap().is_empty());
    let actions: Vec<&str> = l["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["apply", "grant", "suspend", "lift_suspension", "revoke"]);
    assert_eq!(l["timeline"][4]["reason"], "Breach of the code of ethics");
    assert_eq!(l["timeline"][4]["from_status"], "active");

    // A refused application is final too; a new one can then be made.
    let (_, second) = app
        .post(
            &format!("/api/v1/workers/{other}/licences"),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    let second = second["id"].as_str().unwrap().to_owned();
    let (_, refused) = decide(
        &app,
        &officer,
        &second,
        json!({"action": "refuse", "reason": "Incomplete file"}),
    )
    .await;
    assert_eq!(refused["status"], "refused");
    let (status, _) = app
        .post(
            &format!("/api/v1/workers/{other}/licences"),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // Every decision is in the audit log.
    let (_, audit) = app.get("/api/v1/audit?limit=200", Some(&s.admin)).await;
    let text = audit.to_string();
    for action in [
        "licence.applied",
        "licence.grant",
        "licence.suspend",
        "licence.revoke",
        "licence.refuse",
    ] {
        assert!(text.contains(action), "{action} audited");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_renewal_needs_the_cycles_cpd_and_says_how_much_is_missing() {
    let app = TestApp::spawn().await;
    let s = setup_posted(&app, 1, 0, true, None).await;
    licence_type(&app, &s.admin).await;
    let officer = officer(&app, &s.admin).await;
    let worker = &s.trainees[0].0;
    issue(&app, &s.admin, worker).await;
    let (_, l) = app
        .post(
            &format!("/api/v1/workers/{worker}/licences"),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    let id = l["id"].as_str().unwrap().to_owned();
    let (_, l) = decide(
        &app,
        &officer,
        &id,
        json!({"action": "grant", "effective_date": "2024-01-01"}),
    )
    .await;
    assert_eq!(l["valid_until"], "2026-12-31");

    // The worker records CPD themselves; it waits for approval.
    let (status, _) = app
        .post(
            "/api/v1/users",
            Some(&s.admin),
            json!({"email": "w@test.kamlang", "display_name": "W", "role": "trainee", "password": PASSWORD, "worker_id": worker}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let trainee = app.token("w@test.kamlang").await;
    let (status, mine) = app
        .post(
            &format!("/api/v1/workers/{worker}/cpd"),
            Some(&trainee),
            json!({"provider": "NISA", "title": "Case management refresher", "minutes": 300, "date": "2025-06-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{mine}");
    assert_eq!(mine["approved"], false);
    let (status, _) = app
        .post(
            &format!("/api/v1/workers/{worker}/cpd"),
            Some(&officer),
            json!({"provider": "UNICEF", "title": "Child protection in emergencies", "minutes": 480, "date": "2025-09-10"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = app
        .post(
            &format!("/api/v1/workers/{worker}/cpd"),
            Some(&officer),
            json!({"provider": "X", "title": "Y", "minutes": 0, "date": "2999-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["fields"]["minutes"].is_string() && body["error"]["fields"]["date"].is_string());

    // 8 approved hours of 15: the renewal is refused with the shortfall.
    let (status, body) = decide(&app, &officer, &id, json!({"action": "renew"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "cpd_shortfall");
    assert!(body["error"]["message"].as_str().unwrap().contains("7 hours"), "{body}");
    // With the worker's 5 hours approved and 2 more, it goes through.
    app.post(
        &format!("/api/v1/cpd/{}/approve", mine["id"].as_str().unwrap()),
        Some(&officer),
        json!({}),
    )
    .await;
    app.post(
        &format!("/api/v1/workers/{worker}/cpd"),
        Some(&officer),
        json!({"provider": "NISA", "title": "Ethics", "minutes": 120, "date": "2026-02-01"}),
    )
    .await;
    let (status, body) = decide(&app, &officer, &id, json!({"action": "renew"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["valid_until"], "2029-12-31",
        "a new 36-month period after the old one"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_expiry_job_expires_and_reminds_once_however_often_it_runs_and_employers_hear_of_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let employer = app
        .create_organization(&admin, "Pursat DoSVY", "provincial_department", None)
        .await;
    app.create_user(&admin, "hr@pursat.test", "hr_officer", Some(employer))
        .await;
    let s = setup_posted(&app, 2, 0, true, Some(employer)).await;
    licence_type(&app, &s.admin).await;
    let officer = officer(&app, &s.admin).await;
    let today = chrono::Utc::now().date_naive();
    let mut ids = Vec::new();
    for (worker, _) in &s.trainees {
        issue(&app, &s.admin, worker).await;
        let (_, l) = app
            .post(
                &format!("/api/v1/workers/{worker}/licences"),
                Some(&s.admin),
                json!({"licence_type": "PSW"}),
            )
            .await;
        ids.push(l["id"].as_str().unwrap().to_owned());
    }
    // One ends in 20 days (the 30-day reminder is due), one ended yesterday.
    let (_, l) = decide(
        &app,
        &officer,
        &ids[0],
        json!({"action": "grant", "effective_date": (today - chrono::Duration::days(300)).to_string(),
        "valid_until": (today + chrono::Duration::days(20)).to_string()}),
    )
    .await;
    assert_eq!(l["status"], "active", "{l}");
    let (_, l) = decide(
        &app,
        &officer,
        &ids[1],
        json!({"action": "grant", "effective_date": (today - chrono::Duration::days(400)).to_string(),
        "valid_until": (today - chrono::Duration::days(1)).to_string()}),
    )
    .await;
    assert_eq!(l["status"], "active", "{l}");

    let url = &app.state.config.public_url;
    let first = api::licensing::service::run_expiry(&app.state.db, today, url)
        .await
        .unwrap();
    assert_eq!((first.expired, first.reminders), (1, 1));
    let second = api::licensing::service::run_expiry(&app.state.db, today, url)
        .await
        .unwrap();
    assert_eq!((second.expired, second.reminders), (0, 0), "nothing twice");
    let (_, expired) = app.get(&format!("/api/v1/licences/{}", ids[1]), Some(&officer)).await;
    assert_eq!(expired["status"], "expired");
    let last = expired["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "expire");
    assert_eq!(last["effective_date"], today.to_string());
    // A week later the 7-day reminder follows, once.
    let later = today + chrono::Duration::days(14);
    let third = api::licensing::service::run_expiry(&app.state.db, later, url)
        .await
        .unwrap();
    assert_eq!((third.expired, third.reminders), (0, 1));

    // The employer's HR officer got an in-app notice and an email for each change of status.
    let hr = app.token("hr@pursat.test").await;
    let (_, notices) = app.get("/api/v1/notices", Some(&hr)).await;
    let changes: Vec<(String, String)> = notices
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["from_status"].as_str().unwrap().to_owned(),
                n["to_status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(changes.contains(&("active".into(), "expired".into())), "{changes:?}");
    assert!(changes.contains(&("pending".into(), "active".into())), "{changes:?}");
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let alerts = api::store::email_outbox::Entity::find()
        .filter(api::store::email_outbox::Column::Kind.eq("employer_alert"))
        .filter(api::store::email_outbox::Column::RecipientEmail.eq("hr@pursat.test"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(alerts.len(), changes.len());
    // Staff posted without a licence in force: the expired one.
    let (_, unlicensed) = app.get("/api/v1/licences/unlicensed-staff", Some(&hr)).await;
    let names: Vec<&str> = unlicensed
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["registry_number"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec![s.trainees[1].1.as_str()], "{unlicensed}");
    assert_eq!(unlicensed[0]["licence_status"], "expired");
    let year = today.year();
    let _ = year;
    app.stop().await;
}

#[tokio::test]
async fn the_public_register_and_the_roster_check_show_what_they_should_and_nothing_more() {
    let app = TestApp::spawn().await;
    let s = setup_posted(&app, 2, 0, true, None).await;
    licence_type(&app, &s.admin).await;
    let officer = officer(&app, &s.admin).await;
    issue(&app, &s.admin, &s.trainees[0].0).await;
    let (_, l) = app
        .post(
            &format!("/api/v1/workers/{}/licences", s.trainees[0].0),
            Some(&s.admin),
            json!({"licence_type": "PSW"}),
        )
        .await;
    let (_, l) = decide(&app, &officer, l["id"].as_str().unwrap(), json!({"action": "grant"})).await;
    let number = l["number"].as_str().unwrap().to_owned();

    for q in ["sreymom a", "សុខ ស្រីមុំ", number.as_str()] {
        let (status, found) = app
            .get(&format!("/api/v1/public/register?q={}", urlencode(q)), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{q}: {found}");
        let entries = found.as_array().unwrap();
        assert_eq!(entries.len(), 1, "{q}: {found}");
        let mut keys: Vec<&str> = entries[0].as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            vec![
                "licence_type_en",
                "licence_type_km",
                "name_km",
                "name_latin",
                "number",
                "status",
                "valid_until"
            ]
        );
        assert_eq!(entries[0]["number"], number.as_str());
    }
    let (status, _) = app.get("/api/v1/public/register?q=a", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "too short a query");
    let (_, none) = app.get("/api/v1/public/register?q=Sreymom%20B", None).await;
    assert!(none.as_array().unwrap().is_empty(), "no licence, no entry: {none}");

    // The roster: a licensed worker's registry number, the other's, a licence number, an unknown
    // but well-formed registry number, and something that is none of these.
    let unknown = domain::RegistryNumber::from_sequence(9_999).unwrap().to_string();
    let text = format!(
        "registry_number\n{}\n{}, {number}\n{unknown}\nnot-an-id\n{}",
        s.trainees[0].1, s.trainees[1].1, s.trainees[0].1
    );
    let hr_org = app.create_organization(&s.admin, "Employer", "ngo", None).await;
    app.create_user(&s.admin, "hr@test.kamlang", "hr_officer", Some(hr_org))
        .await;
    let hr = app.token("hr@test.kamlang").await;
    let (status, rows) = app
        .post("/api/v1/roster-checks", Some(&hr), json!({"identifiers": text}))
        .await;
    assert_eq!(status, StatusCode::OK, "{rows}");
    let rows = rows.as_array().unwrap();
    assert_eq!(
        rows.len(),
        5,
        "the header is skipped and the repeat counted once: {rows:?}"
    );
    let outcomes: Vec<&str> = rows.iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, vec!["found", "found", "found", "not_found", "invalid"]);
    assert_eq!(rows[0]["licence_status"], "active");
    assert_eq!(rows[0]["certificates"].as_array().unwrap().len(), 1);
    assert!(rows[1]["licence_status"].is_null());
    assert_eq!(rows[2]["registry_number"], s.trainees[0].1.as_str());
    assert!(rows[4]["message"].is_string());
    let resp = app
        .http
        .post(app.url("/api/v1/roster-checks?format=csv"))
        .bearer_auth(&hr)
        .json(&json!({"identifiers": text}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let csv = resp.text().await.unwrap();
    assert!(csv.contains("not_found") && csv.contains(&number), "{csv}");
    // A trainee does not check rosters.
    let (status, _) = app
        .post(
            "/api/v1/users",
            Some(&s.admin),
            json!({"email": "t@test.kamlang", "display_name": "T", "role": "trainee", "password": PASSWORD, "worker_id": s.trainees[1].0}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let trainee = app.token("t@test.kamlang").await;
    let (status, _) = app
        .post("/api/v1/roster-checks", Some(&trainee), json!({"identifiers": "x"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.stop().await;
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
