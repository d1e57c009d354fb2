//! The training catalogue and the credit ledger through the API.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::{TestApp, error_code};

async fn module(app: &TestApp, token: &str, code: &str, instruction: u32, laboratory: u32, field: u32) -> Value {
    let (status, m) = app
        .post(
            "/api/v1/modules",
            Some(token),
            json!({"code": code, "title_en": format!("Module {code}"), "title_km": "ម៉ូឌុល",
                   "hours": {"instruction": instruction, "laboratory": laboratory, "field": field},
                   "competency_areas": ["knowledge", "skills"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    m
}

async fn worker(app: &TestApp, admin: &str) -> String {
    let (status, w) = app
        .post(
            "/api/v1/workers",
            Some(admin),
            json!({"family_name_km": "សុខ", "given_name_km": "ស្រីមុំ", "family_name_latin": "Sok", "given_name_latin": "Srey Mom",
                   "sex": "female", "birth_date": "1990-05-17", "category": "para_social_worker"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{w}");
    w["worker"]["id"].as_str().unwrap().to_owned()
}

async fn credit(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/credits", Some(token), body).await
}

#[tokio::test]
async fn module_credits_are_derived_exactly_from_hours() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    // 30 h instruction = 2, 15 h laboratory = 0.5, 45 h field = 1: 3.5 credits.
    let m = module(&app, &admin, "VC-101", 30, 15, 45).await;
    assert_eq!(m["credits"]["ninetieths"], 315);
    assert_eq!(m["credits"]["display"], "3.5");
    // 10 h instruction = 2/3 of a credit: shown rounded down, kept exact.
    let m = module(&app, &admin, "VC-102", 10, 0, 0).await;
    assert_eq!(m["credits"]["ninetieths"], 60);
    assert_eq!(m["credits"]["display"], "0.6");
    let (status, err) = app
        .post(
            "/api/v1/modules",
            Some(&admin),
            json!({"code": "VC-101", "title_en": "x", "title_km": "x", "hours": {"instruction": 15}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    let (status, err) = app
        .post(
            "/api/v1/modules",
            Some(&admin),
            json!({"code": "??", "title_en": "", "title_km": "x", "hours": {}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for f in ["code", "title_en", "hours"] {
        assert!(err["error"]["fields"].get(f).is_some(), "{f} in {err}");
    }
}

#[tokio::test]
async fn qualifications_keep_the_cqf_minimum_and_new_versions() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    module(&app, &admin, "VC-101", 225, 0, 0).await;
    module(&app, &admin, "VC-102", 225, 0, 0).await;
    let body = |minimum: u32| {
        json!({"code": "VC-SW", "level": "cqf-1", "title_en": "Vocational Certificate in Social Work", "title_km": "វិញ្ញាបនបត្រវិជ្ជាជីវៈ",
               "field_of_study_en": "Social work", "field_of_study_km": "សង្គមកិច្ច", "minimum_credits": minimum,
               "target_category": "para_social_worker", "required_modules": ["VC-101"], "elective_modules": ["VC-102"]})
    };
    let (status, err) = app.post("/api/v1/qualifications", Some(&admin), body(20)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        err["error"]["fields"]["minimum_credits"]
            .as_str()
            .unwrap()
            .contains("30"),
        "{err}"
    );
    let (status, v1) = app.post("/api/v1/qualifications", Some(&admin), body(30)).await;
    assert_eq!(status, StatusCode::CREATED, "{v1}");
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["required_modules"], json!(["VC-101"]));
    let (_, v2) = app.post("/api/v1/qualifications", Some(&admin), body(30)).await;
    assert_eq!(v2["version"], 2, "a change makes a new version");
}

#[tokio::test]
async fn the_ledger_counts_each_module_once_and_rpl_never_exceeds_the_module() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    module(&app, &admin, "VC-101", 225, 0, 0).await; // 15 credits
    module(&app, &admin, "VC-102", 150, 0, 0).await; // 10 credits
    module(&app, &admin, "VC-103", 75, 0, 0).await; // 5 credits
    let (status, _) = app
        .post(
            "/api/v1/qualifications",
            Some(&admin),
            json!({"code": "VC-SW", "level": "cqf-1", "title_en": "VC", "title_km": "VC", "field_of_study_en": "Social work",
                   "field_of_study_km": "សង្គមកិច្ច", "minimum_credits": 30, "target_category": "para_social_worker",
                   "required_modules": ["VC-101", "VC-102"], "elective_modules": ["VC-103"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let w = worker(&app, &admin).await;
    let pass = |code: &str| {
        json!({"worker_id": w, "module_code": code, "kind": "completion", "on": "2026-03-01", "result": "pass", "score": 80,
               "assessor": "Trainer", "hours": {"instruction": 200}})
    };
    for body in [pass("VC-101"), pass("VC-101")] {
        assert_eq!(credit(&app, &admin, body).await.0, StatusCode::CREATED);
    }
    let mut failed = pass("VC-102");
    failed["result"] = json!("fail");
    assert_eq!(credit(&app, &admin, failed).await.0, StatusCode::CREATED);

    // RPL above what the module carries is refused, naming both values; equal is fine.
    let rpl = |granted: &str| {
        json!({"worker_id": w, "module_code": "VC-103", "kind": "rpl", "on": "2026-03-02", "assessor": "Assessor",
               "evidence": "Portfolio", "decision": "competent", "granted_credits": granted})
    };
    let (status, err) = credit(&app, &admin, rpl("5.5")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let why = err["error"]["fields"]["granted_credits"]
        .as_str()
        .unwrap_or_else(|| panic!("{err}"));
    assert!(why.contains("5.5") && why.contains('5'), "names both values: {why}");
    assert_eq!(credit(&app, &admin, rpl("5")).await.0, StatusCode::CREATED);

    let (_, t) = app.get(&format!("/api/v1/workers/{w}/transcript"), Some(&admin)).await;
    assert_eq!(
        t["transcript"]["total"]["ninetieths"],
        20 * 90,
        "15 (passed once) + 5 (RPL); the failure carries none: {t}"
    );
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{w}/progress?qualification=VC-SW"),
            Some(&admin),
        )
        .await;
    assert_eq!(p["progress"]["eligible"], false);
    let reasons = p["progress"]["reasons"].to_string();
    assert!(
        reasons.contains("VC-102"),
        "the missing required module is named: {reasons}"
    );

    // Pass VC-102: 30 credits, eligible.
    assert_eq!(credit(&app, &admin, pass("VC-102")).await.0, StatusCode::CREATED);
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{w}/progress?qualification=VC-SW"),
            Some(&admin),
        )
        .await;
    assert_eq!(p["progress"]["eligible"], true, "{p}");

    // A correction reverses the pass: not eligible any more, and nothing was deleted.
    let (_, entry) = credit(&app, &admin, pass("VC-102")).await;
    let id = entry["id"].as_i64().unwrap();
    let (status, _) = credit(
        &app,
        &admin,
        json!({"worker_id": w, "module_code": "VC-102", "kind": "correction", "on": "2026-03-05", "reverses": id, "reason": "recorded twice"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{w}/progress?qualification=VC-SW"),
            Some(&admin),
        )
        .await;
    assert_eq!(
        p["progress"]["eligible"], true,
        "one of the two passes still stands: {p}"
    );
}

#[tokio::test]
async fn registrars_write_for_their_provider_and_others_may_not() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let provider = app
        .create_organization(&admin, "Partner Institute", "training_provider", None)
        .await;
    app.create_user(&admin, "reg@test.kamlang", "registrar", Some(provider))
        .await;
    app.create_user(&admin, "plan@test.kamlang", "planner", None).await;
    let registrar = app.token("reg@test.kamlang").await;
    let planner = app.token("plan@test.kamlang").await;
    let m = module(&app, &registrar, "PT-201", 45, 0, 0).await;
    assert_eq!(m["provider_id"], provider.to_string());
    let (status, err) = app
        .post(
            "/api/v1/modules",
            Some(&registrar),
            json!({"code": "PT-202", "title_en": "x", "title_km": "x", "hours": {"instruction": 15}, "provider_id": migration::NISA_ID}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error_code(&err), "forbidden");
    let (status, _) = app
        .post(
            "/api/v1/modules",
            Some(&planner),
            json!({"code": "X1", "title_en": "x", "title_km": "x", "hours": {"instruction": 15}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Accreditations are granted by an administrator, to training providers only.
    let (status, _) = app
        .post(
            &format!("/api/v1/providers/{provider}/accreditations"),
            Some(&registrar),
            json!({"level": "cqf-1", "valid_from": "2026-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, a) = app
        .post(
            &format!("/api/v1/providers/{provider}/accreditations"),
            Some(&admin),
            json!({"level": "cqf-1", "valid_from": "2026-01-01", "valid_until": "2028-12-31"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    let (_, list) = app
        .get(
            &format!("/api/v1/providers/{provider}/accreditations"),
            Some(&registrar),
        )
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_cohorts_results_are_recorded_all_together_or_not_at_all() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    module(&app, &admin, "VC-101", 225, 0, 0).await;
    module(&app, &admin, "VC-102", 225, 0, 0).await;
    let (status, _) = app
        .post(
            "/api/v1/qualifications",
            Some(&admin),
            json!({"code": "VC-SW", "level": "cqf-1", "title_en": "VC", "title_km": "VC", "field_of_study_en": "Social work",
                   "field_of_study_km": "សង្គមកិច្ច", "minimum_credits": 30, "target_category": "para_social_worker",
                   "required_modules": ["VC-101", "VC-102"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, cohort) = app
        .post(
            "/api/v1/cohorts",
            Some(&admin),
            json!({"qualification_code": "VC-SW", "name": "Battambang 2026", "start_date": "2026-01-05", "location_code": "02", "trainers": ["Trainer A"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{cohort}");
    let id = cohort["id"].as_str().unwrap().to_owned();
    let a = worker(&app, &admin).await;
    let (_, b) = app
        .post(
            "/api/v1/workers",
            Some(&admin),
            json!({"family_name_latin": "Chan", "given_name_latin": "Dara", "sex": "male", "birth_date": "1985-02-03", "category": "para_social_worker"}),
        )
        .await;
    let b = b["worker"]["id"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        let (status, c) = app
            .post(
                &format!("/api/v1/cohorts/{id}/enrolments"),
                Some(&admin),
                json!({"worker_ids": [a, b]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            c["trainees"].as_array().unwrap().len(),
            2,
            "enrolling again changes nothing"
        );
    }
    let row = |w: &str, m: &str, r: &str| json!({"worker_id": w, "module_code": m, "result": r, "score": 70});
    let bad = json!({"assessed_on": "2026-03-01", "assessor": "Trainer A", "results": [
        row(&a, "VC-101", "pass"), row(&a, "VC-999", "pass"), row(&b, "VC-101", "maybe"), row(&a, "VC-101", "pass")]});
    let (status, report) = app
        .post(&format!("/api/v1/cohorts/{id}/results"), Some(&admin), bad)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    let rows: Vec<u64> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, vec![2, 3, 4], "{report}");
    let (_, t) = app.get(&format!("/api/v1/workers/{a}/transcript"), Some(&admin)).await;
    assert_eq!(t["transcript"]["total"]["ninetieths"], 0, "nothing was written");

    let good = json!({"assessed_on": "2026-03-01", "assessor": "Trainer A", "results": [
        row(&a, "VC-101", "pass"), row(&a, "VC-102", "pass"), row(&b, "VC-101", "pass"), row(&b, "VC-102", "fail")]});
    let (status, report) = app
        .post(&format!("/api/v1/cohorts/{id}/results"), Some(&admin), good)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["recorded"], 4);
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{a}/progress?qualification=VC-SW"),
            Some(&admin),
        )
        .await;
    assert_eq!(p["progress"]["eligible"], true);
    let (_, p) = app
        .get(
            &format!("/api/v1/workers/{b}/progress?qualification=VC-SW"),
            Some(&admin),
        )
        .await;
    assert_eq!(p["progress"]["eligible"], false);
}

#[tokio::test]
async fn the_results_grid_form_records_through_the_page() {
    let app = TestApp::spawn().await;
    api::demo::load(&app.state.db).await.unwrap();
    use sea_orm::EntityTrait;
    let cohort = api::store::cohorts::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let admin = app.admin_token().await;
    let cookie = format!("kamlang_access={admin}; kamlang_lang=en");
    let page = app
        .http
        .get(app.url(&format!("/cohorts/{}", cohort.id)))
        .header("cookie", cookie.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    // The first cell not yet assessed.
    let marker = "name=\"result:";
    let start = html.find(marker).unwrap() + marker.len() - "result:".len();
    let name: String = html[start..].chars().take_while(|c| *c != '"').collect();
    let (worker, module) = {
        let parts: Vec<&str> = name.split(':').collect();
        (parts[1].to_owned(), parts[2].to_owned())
    };
    let resp = app
        .http
        .post(app.url(&format!("/cohorts/{}/results", cohort.id)))
        .header("cookie", cookie)
        .form(&[
            ("assessed_on", "2026-03-21"),
            (name.as_str(), "pass"),
            (format!("score:{worker}:{module}").as_str(), "150"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "a score above 100 is refused");
    assert!(resp.text().await.unwrap().contains("id=\"results-errors\""));
}
