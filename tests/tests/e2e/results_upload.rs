//! A cohort's results from a spreadsheet (a row per trainee, a column per module), and trainee
//! accounts that read their own records only.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp};

struct Cohort {
    id: String,
    /// (worker id, registry number) of the two trainees.
    a: (String, String),
    b: (String, String),
}

async fn register(app: &TestApp, admin: &str, family: &str, given: &str, born: &str) -> (String, String) {
    let (status, w) = app
        .post(
            "/api/v1/workers",
            Some(admin),
            json!({"family_name_latin": family, "given_name_latin": given, "sex": "female", "birth_date": born,
                   "category": "para_social_worker"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{w}");
    (
        w["worker"]["id"].as_str().unwrap().to_owned(),
        w["worker"]["registry_number"].as_str().unwrap().to_owned(),
    )
}

/// A VC of two modules of 15 credits each, a cohort, two trainees enrolled.
async fn cohort(app: &TestApp, admin: &str) -> Cohort {
    for code in ["VC-101", "VC-102"] {
        let (status, m) = app
            .post(
                "/api/v1/modules",
                Some(admin),
                json!({"code": code, "title_en": format!("Module {code}"), "title_km": "ម៉ូឌុល",
                       "hours": {"instruction": 225, "laboratory": 0, "field": 0}, "competency_areas": ["knowledge"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{m}");
    }
    let (status, q) = app
        .post(
            "/api/v1/qualifications",
            Some(admin),
            json!({"code": "VC-SW", "level": "cqf-1", "title_en": "VC", "title_km": "VC", "field_of_study_en": "Social work",
                   "field_of_study_km": "សង្គមកិច្ច", "minimum_credits": 30, "target_category": "para_social_worker",
                   "required_modules": ["VC-101", "VC-102"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    let (status, c) = app
        .post(
            "/api/v1/cohorts",
            Some(admin),
            json!({"qualification_code": "VC-SW", "name": "Pursat 2026", "start_date": "2026-01-05", "trainers": ["Trainer A"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let id = c["id"].as_str().unwrap().to_owned();
    let a = register(app, admin, "Sok", "Srey Mom", "1990-05-17").await;
    let b = register(app, admin, "Chan", "Dara", "1985-02-03").await;
    let (status, _) = app
        .post(
            &format!("/api/v1/cohorts/{id}/enrolments"),
            Some(admin),
            json!({"worker_ids": [a.0, b.0]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    Cohort { id, a, b }
}

async fn send_file(
    app: &TestApp,
    token: &str,
    cohort: &str,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let resp = app
        .http
        .post(app.url(&format!("/api/v1/cohorts/{cohort}/results/file?{query}")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn total_ninetieths(app: &TestApp, token: &str, worker: &str) -> u64 {
    let (status, t) = app
        .get(&format!("/api/v1/workers/{worker}/transcript"), Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{t}");
    t["transcript"]["total"]["ninetieths"].as_u64().unwrap()
}

#[tokio::test]
async fn a_results_file_is_checked_cell_by_cell_and_recorded_whole() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let c = cohort(&app, &admin).await;

    // The sheet to fill in names the trainees and the modules.
    let resp = app
        .http
        .get(app.url(&format!("/api/v1/cohorts/{}/results/template.csv", c.id)))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let template = resp.text().await.unwrap();
    let header = template
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(header, "registry_number,name,VC-101,VC-102");
    assert!(template.contains(&c.a.1) && template.contains(&c.b.1), "{template}");

    // A file with a bad cell and a stranger: nothing is written, every problem is placed.
    let stranger = domain::RegistryNumber::from_sequence(99).unwrap().to_string();
    let bad = format!(
        "registry_number,name,VC-101,VC-102\n{},Sok,pass 78,maybe\n{},Chan,pass,\n{stranger},Nobody,pass,\n",
        c.a.1, c.b.1
    );
    let q = "assessed_on=2026-03-01&assessor=Trainer%20A";
    let (status, report) = send_file(&app, &admin, &c.id, q, "text/csv", bad.clone().into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    let places: Vec<(u64, &str)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_u64().unwrap(), p["field"].as_str().unwrap()))
        .collect();
    assert_eq!(places, vec![(2, "VC-102"), (4, "registry_number")], "{report}");
    assert_eq!(report["recorded"], 0);
    assert_eq!(
        total_ninetieths(&app, &admin, &c.b.0).await,
        0,
        "the good rows were not written either"
    );

    // A date in the future is the request's problem (row 0).
    let good = format!(
        "registry_number,name,VC-101,VC-102\n{},Sok,pass 78,pass 81\n{},Chan,pass,\n",
        c.a.1, c.b.1
    );
    let (status, report) = send_file(
        &app,
        &admin,
        &c.id,
        "assessed_on=2999-01-01&assessor=A",
        "text/csv",
        good.clone().into_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report["problems"][0]["field"], "assessed_on", "{report}");

    // A dry run checks and writes nothing; then the file is recorded whole.
    let (status, report) = send_file(
        &app,
        &admin,
        &c.id,
        &format!("{q}&dry_run=true"),
        "text/csv",
        good.clone().into_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        (report["checked"].as_u64(), report["recorded"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(total_ninetieths(&app, &admin, &c.a.0).await, 0);
    let (status, report) = send_file(&app, &admin, &c.id, q, "text/csv", good.into_bytes()).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["recorded"], 3);
    assert_eq!(total_ninetieths(&app, &admin, &c.a.0).await, 30 * 90);
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{}/progress?qualification=VC-SW", c.a.0),
            Some(&admin),
        )
        .await;
    assert_eq!(p["progress"]["eligible"], true, "{p}");

    // The same from an Excel workbook, in Khmer headers and results.
    let rows = vec![
        vec!["លេខចុះបញ្ជី".to_owned(), "ឈ្មោះ".to_owned(), "VC-102".to_owned()],
        vec![c.b.1.clone(), "ចាន់ ដារ៉ា".to_owned(), "ជាប់ 65".to_owned()],
    ];
    let (status, report) = send_file(
        &app,
        &admin,
        &c.id,
        &format!("{q}&file_name=results.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        crate::worker_import::xlsx(&rows),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(total_ninetieths(&app, &admin, &c.b.0).await, 30 * 90);

    // Neither CSV nor XLSX.
    let (status, body) = send_file(&app, &admin, &c.id, q, "application/pdf", b"%PDF".to_vec()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    app.stop().await;
}

#[tokio::test]
async fn a_trainee_account_reads_only_its_own_transcript() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let c = cohort(&app, &admin).await;
    let account = |email: &str, role: &str, worker: Option<&str>| json!({"email": email, "display_name": "Sok Srey Mom", "role": role, "password": PASSWORD, "worker_id": worker});
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            account("t@test.kamlang", "trainee", None),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["fields"]["worker_id"].is_string(), "{body}");
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            account("p@test.kamlang", "planner", Some(&c.a.0)),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "only trainees are linked: {body}");
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            account("t@test.kamlang", "trainee", Some(&c.a.0)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["user"]["worker_id"], c.a.0.as_str());
    let (status, _) = app
        .post(
            "/api/v1/users",
            Some(&admin),
            account("t2@test.kamlang", "trainee", Some(&c.a.0)),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "one account per worker");

    let results = json!({"assessed_on": "2026-03-01", "assessor": "Trainer A", "results": [
        {"worker_id": c.a.0, "module_code": "VC-101", "result": "pass"},
        {"worker_id": c.b.0, "module_code": "VC-101", "result": "pass"}]});
    let (status, _) = app
        .post(&format!("/api/v1/cohorts/{}/results", c.id), Some(&admin), results)
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let trainee = app.token("t@test.kamlang").await;
    assert_eq!(total_ninetieths(&app, &trainee, &c.a.0).await, 15 * 90);
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{}/progress?qualification=VC-SW", c.a.0),
            Some(&trainee),
        )
        .await;
    assert_eq!(p["progress"]["eligible"], false, "{p}");
    for path in [
        format!("/api/v1/workers/{}/transcript", c.b.0),
        format!("/api/v1/workers/{}", c.b.0),
        format!("/api/v1/workers/{}/progress?qualification=VC-SW", c.b.0),
    ] {
        let (status, _) = app.get(&path, Some(&trainee)).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{path}: another worker's record is not there for a trainee"
        );
    }
    let (status, _) = app
        .post(
            "/api/v1/credits",
            Some(&trainee),
            json!({"worker_id": c.a.0, "module_code": "VC-102", "kind": "completion", "on": "2026-03-01", "result": "pass",
                   "assessor": "Myself", "hours": {"instruction": 225}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a trainee records nothing");

    // The trainee's page: "My transcript" leads to their own.
    let cookie = format!("kamlang_access={trainee}; kamlang_lang=en");
    let resp = app
        .http
        .get(app.url("/me/transcript"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/workers/{}/transcript", c.a.0));
    let page = app
        .http
        .get(app.url(&location))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&c.a.1),
        "the transcript names the trainee's registry number"
    );
    let other = app
        .http
        .get(app.url(&format!("/workers/{}/transcript", c.b.0)))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

/// A multipart body as a browser sends the cohort page's upload form.
fn multipart(fields: &[(&str, &str)], file_name: &str, file: &str) -> (String, Vec<u8>) {
    let boundary = "----kamlang-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

#[tokio::test]
async fn the_cohort_pages_list_cohorts_and_take_a_results_file() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let c = cohort(&app, &admin).await;
    let cookie = format!("kamlang_access={admin}; kamlang_lang=en");
    let page = app
        .http
        .get(app.url("/cohorts"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"/cohorts/{}\"", c.id)) && html.contains("Pursat 2026"),
        "{html}"
    );

    let post = |file: String| {
        let (content_type, body) = multipart(&[("assessed_on", "2026-03-01")], "results.csv", &file);
        app.http
            .post(app.url(&format!("/cohorts/{}/results/file", c.id)))
            .header("cookie", &cookie)
            .header("origin", app.base_url.clone())
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let resp = post(format!("registry_number,VC-101\n{},perhaps\n", c.a.1))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("id=\"results-upload-problems\"") && html.contains("perhaps"),
        "{html}"
    );
    assert_eq!(total_ninetieths(&app, &admin, &c.a.0).await, 0);

    let resp = post(format!(
        "registry_number,VC-101\n{},pass 70\n{},fail 20\n",
        c.a.1, c.b.1
    ))
    .await
    .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/cohorts/{}?recorded=2", c.id));
    assert_eq!(total_ninetieths(&app, &admin, &c.a.0).await, 15 * 90);
    assert_eq!(
        total_ninetieths(&app, &admin, &c.b.0).await,
        0,
        "a failed module carries no credit"
    );
    app.stop().await;
}
