//! The worker registry through the API: registering, validation, duplicates and merges,
//! postings and transfers, search, and scope.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tests::{TestApp, error_code};
use uuid::Uuid;

struct Registry {
    app: TestApp,
    admin: String,
    province: Uuid,
    district: Uuid,
    ccwc: Uuid,
    other_province: Uuid,
}

async fn registry() -> Registry {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let province = app
        .create_organization(&admin, "Battambang DoSVY", "provincial_department", None)
        .await;
    let district = app
        .create_organization(&admin, "Banan district office", "district_office", Some(province))
        .await;
    let ccwc = app
        .create_organization(&admin, "Kantueu Muoy CCWC", "commune_committee", Some(district))
        .await;
    let other_province = app
        .create_organization(&admin, "Kampot DoSVY", "provincial_department", None)
        .await;
    Registry {
        app,
        admin,
        province,
        district,
        ccwc,
        other_province,
    }
}

fn worker(family_km: &str, given_km: &str, family: &str, given: &str, birth: &str, org: Uuid, station: &str) -> Value {
    json!({
        "family_name_km": family_km, "given_name_km": given_km,
        "family_name_latin": family, "given_name_latin": given,
        "sex": "female", "birth_date": birth, "category": "para_social_worker",
        "posting": {"organization_id": org, "duty_station_code": station, "employment_type": "volunteer",
                    "start_date": "2024-01-01", "is_focal_point": true, "position_title": "CCWC focal point"}
    })
}

async fn register(r: &Registry, token: &str, body: Value) -> Value {
    let (status, created) = r.app.post("/api/v1/workers", Some(token), body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created
}

#[tokio::test]
async fn registering_a_worker_gives_a_checked_registry_number_and_normalised_fields() {
    let r = registry().await;
    let mut body = worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101");
    body["phone"] = json!("012 345 678");
    body["national_id"] = json!("010 203 040");
    let created = register(&r, &r.admin, body).await;
    let w = &created["worker"];
    let number = w["registry_number"].as_str().unwrap();
    assert!(number.starts_with("KL-") && number.len() == 12, "{number}");
    assert_eq!(w["phone"], "+85512345678");
    assert_eq!(w["national_id"], "010203040");
    assert_eq!(w["status"], "active");
    assert_eq!(created["deployment"]["duty_station_code"], "020101");
    assert_eq!(created["possible_duplicates"], json!([]));

    let (status, profile) = r
        .app
        .get(
            &format!("/api/v1/workers/{}", w["id"].as_str().unwrap()),
            Some(&r.admin),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(profile["categories"][0]["category"], "para_social_worker");
    assert_eq!(profile["deployments"].as_array().unwrap().len(), 1);

    // The registry number is found by search, with or without its dashes.
    let compact = number.replace('-', "").to_lowercase();
    let (_, page) = r.app.get(&format!("/api/v1/workers?q={compact}"), Some(&r.admin)).await;
    assert_eq!(page["items"][0]["registry_number"], number);
}

#[tokio::test]
async fn bad_input_names_every_field_and_writes_nothing() {
    let r = registry().await;
    let body = json!({
        "family_name_km": "សុខ", "family_name_latin": "Sok",
        "sex": "x", "birth_date": "2023-02-30", "category": "nurse", "phone": "12345",
        "posting": {"organization_id": r.ccwc, "duty_station_code": "999999", "employment_type": "volunteer", "start_date": "2024-01-01"}
    });
    let (status, err) = r.app.post("/api/v1/workers", Some(&r.admin), body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&err), "validation_failed");
    let fields = err["error"]["fields"].as_object().unwrap();
    for f in [
        "given_name_km",
        "given_name_latin",
        "sex",
        "birth_date",
        "category",
        "phone",
        "posting.duty_station_code",
    ] {
        assert!(fields.contains_key(f), "{f} is named in {err}");
    }
    let (_, page) = r.app.get("/api/v1/workers", Some(&r.admin)).await;
    assert_eq!(page["items"], json!([]), "nothing half-written");
    let (status, err) = r
        .app
        .post(
            "/api/v1/workers",
            Some(&r.admin),
            worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "2020-01-01", r.ccwc, "020101"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        err["error"]["fields"]["birth_date"].as_str().is_some(),
        "a 6-year-old is not plausible: {err}"
    );
}

#[tokio::test]
async fn an_existing_national_id_is_a_409_naming_the_worker() {
    let r = registry().await;
    let mut a = worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101");
    a["national_id"] = json!("010203040");
    let first = register(&r, &r.admin, a.clone()).await;
    let number = first["worker"]["registry_number"].as_str().unwrap();
    let mut b = worker("ចាន់", "ដារ៉ា", "Chan", "Dara", "1985-01-01", r.ccwc, "020101");
    b["national_id"] = json!("010-203-040");
    let (status, err) = r.app.post("/api/v1/workers", Some(&r.admin), b).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&err), "duplicate_national_id");
    assert!(err["error"]["message"].as_str().unwrap().contains(number), "{err}");
}

#[tokio::test]
async fn likely_duplicates_are_flagged_and_a_merge_keeps_both_histories_and_can_be_undone() {
    let r = registry().await;
    let a = register(
        &r,
        &r.admin,
        worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101"),
    )
    .await;
    // The same person typed differently, posted elsewhere earlier.
    let mut dup = worker("សុខ", "ស្រីមុំ", "Sók", "Sreymom", "1990-05-17", r.district, "0201");
    dup["posting"]["start_date"] = json!("2020-01-01");
    dup["posting"]["end_date"] = json!("2023-12-31");
    let b = register(&r, &r.admin, dup).await;
    let a_id = a["worker"]["id"].as_str().unwrap();
    let b_id = b["worker"]["id"].as_str().unwrap();
    assert_eq!(b["possible_duplicates"][0]["worker_id"], a_id, "{b}");
    let (_, flags) = r.app.get("/api/v1/duplicates", Some(&r.admin)).await;
    assert_eq!(flags.as_array().unwrap().len(), 1);

    let (status, merge) = r
        .app
        .post(
            &format!("/api/v1/workers/{a_id}/merge"),
            Some(&r.admin),
            json!({"merged_id": b_id}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{merge}");
    let (_, profile) = r.app.get(&format!("/api/v1/workers/{a_id}"), Some(&r.admin)).await;
    assert_eq!(
        profile["deployments"].as_array().unwrap().len(),
        2,
        "both histories: {profile}"
    );
    let (_, merged) = r.app.get(&format!("/api/v1/workers/{b_id}"), Some(&r.admin)).await;
    assert_eq!(
        merged["worker"]["merged_into"], a_id,
        "the merged record still exists and points to the survivor"
    );
    let (_, page) = r.app.get("/api/v1/workers?q=sok", Some(&r.admin)).await;
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        1,
        "searches show the survivor only"
    );
    let (_, flags) = r.app.get("/api/v1/duplicates", Some(&r.admin)).await;
    assert_eq!(flags, json!([]));

    let (status, undone) = r
        .app
        .post(
            &format!("/api/v1/merges/{}/undo", merge["id"].as_str().unwrap()),
            Some(&r.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{undone}");
    let (_, page) = r.app.get("/api/v1/workers?q=sok", Some(&r.admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let (_, log) = r
        .app
        .get(
            &format!("/api/v1/audit?entity_type=worker&entity_id={b_id}"),
            Some(&r.admin),
        )
        .await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["worker.merge_undone", "worker.merged", "worker.created"]);
}

#[tokio::test]
async fn overlapping_primary_postings_are_refused_and_a_transfer_is_one_step() {
    let r = registry().await;
    let w = register(
        &r,
        &r.admin,
        worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101"),
    )
    .await;
    let id = w["worker"]["id"].as_str().unwrap();
    let first = w["deployment"]["id"].as_str().unwrap();
    let (status, err) = r
        .app
        .post(
            &format!("/api/v1/workers/{id}/deployments"),
            Some(&r.admin),
            json!({"organization_id": r.district, "duty_station_code": "0201", "employment_type": "contract", "start_date": "2025-03-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(&err), "overlapping_posting");
    assert!(
        err["error"]["message"].as_str().unwrap().contains(first),
        "names the overlapping posting: {err}"
    );

    let (status, t) = r
        .app
        .post(
            &format!("/api/v1/workers/{id}/transfers"),
            Some(&r.admin),
            json!({"end_date": "2025-02-28", "new_posting": {"organization_id": r.district, "duty_station_code": "0201",
                   "employment_type": "civil_servant", "start_date": "2025-03-01", "position_title": "District officer"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{t}");
    assert_eq!(t["ended"]["end_date"], "2025-02-28");
    assert_eq!(t["started"]["start_date"], "2025-03-01");
    let (_, postings) = r
        .app
        .get(&format!("/api/v1/workers/{id}/deployments"), Some(&r.admin))
        .await;
    assert_eq!(postings.as_array().unwrap().len(), 2, "history kept");

    // A transfer that would overlap is refused whole: nothing ended, nothing started.
    let (status, _) = r
        .app
        .post(
            &format!("/api/v1/workers/{id}/transfers"),
            Some(&r.admin),
            json!({"end_date": "2025-06-30", "new_posting": {"organization_id": r.ccwc, "duty_station_code": "020101",
                   "employment_type": "volunteer", "start_date": "2025-02-01"}}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, postings) = r
        .app
        .get(&format!("/api/v1/workers/{id}/deployments"), Some(&r.admin))
        .await;
    assert!(
        postings.as_array().unwrap().iter().any(|p| p["end_date"].is_null()),
        "the current posting is still open"
    );
}

#[tokio::test]
async fn edits_need_the_current_version_and_category_changes_keep_history() {
    let r = registry().await;
    let w = register(
        &r,
        &r.admin,
        worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101"),
    )
    .await;
    let id = w["worker"]["id"].as_str().unwrap();
    let path = format!("/api/v1/workers/{id}");
    let (status, updated) = r
        .app
        .call(
            Method::PATCH,
            &path,
            Some(&r.admin),
            Some(json!({"version": 1, "email": "Sok.SreyMom@Example.org"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["email"], "sok.sreymom@example.org");
    let (status, err) = r
        .app
        .call(
            Method::PATCH,
            &path,
            Some(&r.admin),
            Some(json!({"version": 1, "status": "inactive"})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&err), "stale_version");

    let (status, spans) = r
        .app
        .post(
            &format!("{path}/categories"),
            Some(&r.admin),
            json!({"category": "para_professional", "effective_from": "2026-01-15", "reason": "completed TVC 1", "version": 2}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{spans}");
    let spans = spans.as_array().unwrap();
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[0]["effective_to"], "2026-01-14");
    assert_eq!(spans[1]["category"], "para_professional");
    assert_eq!(
        r.app.call(Method::DELETE, &path, Some(&r.admin), None).await.0,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn search_by_either_script_and_by_place() {
    let r = registry().await;
    register(
        &r,
        &r.admin,
        worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101"),
    )
    .await;
    register(
        &r,
        &r.admin,
        worker("ចាន់", "សុភា", "Chân", "Sophéa", "1988-02-03", r.district, "0201"),
    )
    .await;
    register(
        &r,
        &r.admin,
        worker("ហេង", "ដារ៉ា", "Heng", "Dara", "1979-11-30", r.other_province, "07"),
    )
    .await;
    let names = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["name"]["family_name_latin"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, page) = r.app.get("/api/v1/workers?q=SOPHEA", Some(&r.admin)).await;
    assert_eq!(names(&page), vec!["Chân"], "Latin: case and accents ignored");
    let (_, page) = r
        .app
        .get("/api/v1/workers?q=%E1%9E%9F%E1%9F%92%E1%9E%9A%E1%9E%B8", Some(&r.admin))
        .await; // ស្រី
    assert_eq!(names(&page), vec!["Sok"], "Khmer: partial");
    let (_, page) = r.app.get("/api/v1/workers?admin_unit=02", Some(&r.admin)).await;
    assert_eq!(
        names(&page).len(),
        2,
        "a province finds its district's and commune's staff: {page}"
    );
    let (_, page) = r.app.get("/api/v1/workers?admin_unit=020101", Some(&r.admin)).await;
    assert_eq!(names(&page), vec!["Sok"]);
    let (_, page) = r
        .app
        .get(
            &format!("/api/v1/workers?organization_id={}", r.other_province),
            Some(&r.admin),
        )
        .await;
    assert_eq!(names(&page), vec!["Heng"]);
    let (_, first) = r.app.get("/api/v1/workers?limit=2", Some(&r.admin)).await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = r
        .app
        .get(&format!("/api/v1/workers?limit=2&cursor={cursor}"), Some(&r.admin))
        .await;
    assert_eq!(names(&first).len() + names(&second).len(), 3);
    assert!(second["next_cursor"].is_null());
    let (status, _) = r.app.get("/api/v1/workers?admin_unit=abc", Some(&r.admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn hr_officers_see_and_post_only_their_tree_and_anyone_sees_the_public_summary() {
    let r = registry().await;
    let inside = register(
        &r,
        &r.admin,
        worker("សុខ", "ស្រីមុំ", "Sok", "Srey Mom", "1990-05-17", r.ccwc, "020101"),
    )
    .await;
    let outside = register(
        &r,
        &r.admin,
        worker("ហេង", "ដារ៉ា", "Heng", "Dara", "1979-11-30", r.other_province, "07"),
    )
    .await;
    r.app
        .create_user(&r.admin, "hr@battambang.test", "hr_officer", Some(r.province))
        .await;
    r.app
        .create_user(&r.admin, "planner@test.kamlang", "planner", None)
        .await;
    let hr = r.app.token("hr@battambang.test").await;
    let planner = r.app.token("planner@test.kamlang").await;

    let (_, page) = r.app.get("/api/v1/workers", Some(&hr)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let out_id = outside["worker"]["id"].as_str().unwrap();
    let (status, _) = r.app.get(&format!("/api/v1/workers/{out_id}"), Some(&hr)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = r
        .app
        .call(
            Method::PATCH,
            &format!("/api/v1/workers/{out_id}"),
            Some(&hr),
            Some(json!({"version": 1, "phone": "012999999"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Registering staff elsewhere is refused; in the tree it works.
    let (status, _) = r
        .app
        .post(
            "/api/v1/workers",
            Some(&hr),
            worker("ចាន់", "សុភា", "Chan", "Sophea", "1988-02-03", r.other_province, "07"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    register(
        &r,
        &hr,
        worker("ចាន់", "សុភា", "Chan", "Sophea", "1988-02-03", r.district, "0201"),
    )
    .await;

    // The public summary of anyone: no contact details, no birth date.
    let (status, summary) = r.app.get(&format!("/api/v1/workers/{out_id}/summary"), Some(&hr)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(summary["name"]["family_name_latin"], "Heng");
    for private in ["birth_date", "phone", "email", "national_id"] {
        assert!(summary.get(private).is_none(), "{private} must not be in {summary}");
    }
    // Planners get aggregates only.
    let (status, err) = r.app.get("/api/v1/workers", Some(&planner)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(err["error"]["message"].as_str().unwrap().contains("aggregates"));
    let _ = inside;
}

#[tokio::test]
async fn the_demo_data_loads_twice_without_change() {
    let app = TestApp::spawn().await;
    let logins = api::demo::load(&app.state.db).await.expect("loading the demo");
    assert_eq!(logins.len(), 6, "one login per role");
    let admin = app.admin_token().await;
    let workers = count_workers(&app, &admin).await;
    assert!((200..=600).contains(&workers), "a few hundred workers: {workers}");
    api::demo::load(&app.state.db).await.expect("loading the demo again");
    assert_eq!(
        count_workers(&app, &admin).await,
        workers,
        "loading twice changes nothing"
    );
    // Focal points in several provinces; the demo HR officer sees only their province's staff.
    for province in ["02", "17", "08"] {
        let (_, page) = app
            .get(
                &format!("/api/v1/workers?admin_unit={province}&limit=500"),
                Some(&admin),
            )
            .await;
        assert!(
            !page["items"].as_array().unwrap().is_empty(),
            "staff in province {province}"
        );
    }
    let hr = app.login("demo-hr@kamlang.example", api::demo::DEMO_PASSWORD).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, page) = app.get("/api/v1/workers?admin_unit=17", Some(&hr)).await;
    assert_eq!(
        page["items"],
        json!([]),
        "Siem Reap staff are outside the Battambang HR officer's scope"
    );
    let (_, page) = app.get("/api/v1/workers?limit=500", Some(&hr)).await;
    assert!(page["items"].as_array().unwrap().len() >= 20);

    // The demo training: a NISA VC from the BSST titles, a cohort of focal points, half of
    // them eligible.
    let (_, quals) = app.get("/api/v1/qualifications", Some(&admin)).await;
    let codes: Vec<&str> = quals
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"DEMO-VC-SW") && codes.contains(&"DEMO-TVC1-SW"),
        "{codes:?}"
    );
    let (_, focal) = app
        .get("/api/v1/workers?admin_unit=020101&limit=500", Some(&admin))
        .await;
    let mut eligible = 0;
    for w in focal["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["category"] == "para_social_worker")
    {
        let (_, p) = app
            .get(
                &format!(
                    "/api/v1/workers/{}/progress?qualification=DEMO-VC-SW",
                    w["id"].as_str().unwrap()
                ),
                Some(&admin),
            )
            .await;
        if p["progress"]["eligible"] == true {
            eligible += 1;
        }
    }
    assert!(eligible >= 1, "some demo focal points are eligible for the VC");
}

async fn count_workers(app: &TestApp, token: &str) -> usize {
    let mut n = 0;
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/workers?limit=500&cursor={c}"),
            None => "/api/v1/workers?limit=500".to_owned(),
        };
        let (_, page) = app.get(&path, Some(token)).await;
        n += page["items"].as_array().unwrap().len();
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return n,
        }
    }
}
