//! Planning through the real server, on a small synthetic dataset whose answers the test works
//! out by itself: counts as of a date at every level, rates with named and flagged denominators,
//! CCWC coverage, exports, population imports, targets, and aggregates only for planners.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::TestApp;

use crate::certificates::{issue, setup_posted};

fn row<'a>(rows: &'a Value, code: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["admin_code"] == code)
        .unwrap_or_else(|| panic!("no row for {code} in {rows}"))
}

#[tokio::test]
async fn indicators_count_each_worker_once_at_every_level_and_flag_their_denominators() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Battambang DoSVY", "provincial_department", None)
        .await;
    // Two focal points in commune 020101 (district 0201), since 2024; the first gets a VC.
    let s = setup_posted(&app, 1, 1, true, Some(org)).await;
    issue(&app, &admin, &s.trainees[0].0).await;
    // W1: at commune 020101 from 2024, transferred to district 0202 from 2025-07-01.
    let (status, w1) = app
        .post(
            "/api/v1/workers",
            Some(&admin),
            json!({"family_name_latin": "Chan", "given_name_latin": "Dara", "sex": "male", "birth_date": "1980-01-01",
                   "category": "para_professional", "posting": {"organization_id": org, "duty_station_code": "020101",
                   "employment_type": "civil_servant", "start_date": "2024-01-01"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{w1}");
    let w1 = w1["worker"]["id"].as_str().unwrap().to_owned();
    let (status, body) = app
        .post(
            &format!("/api/v1/workers/{w1}/transfers"),
            Some(&admin),
            json!({"end_date": "2025-06-30", "new_posting": {"organization_id": org, "duty_station_code": "0202",
                   "employment_type": "civil_servant", "start_date": "2025-07-01"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // W2: district staff of 0201.
    let (status, _) = app
        .post(
            "/api/v1/workers",
            Some(&admin),
            json!({"family_name_latin": "Heng", "given_name_latin": "Sopheap", "sex": "female", "birth_date": "1982-01-01",
                   "category": "para_professional", "posting": {"organization_id": org, "duty_station_code": "0201",
                   "employment_type": "civil_servant", "start_date": "2024-01-01"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    app.create_user(&admin, "planner@test.kamlang", "planner", None).await;
    let planner = app.token("planner@test.kamlang").await;
    let stat = |path: String| {
        let app = &app;
        let planner = planner.clone();
        async move {
            let (status, body) = app.get(&path, Some(&planner)).await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            body
        }
    };

    // As of 1 March 2025: everyone in district 0201 (2 trainees, W1, W2), nobody in 0202.
    let rows = stat("/api/v1/stats/workforce_count?level=district&parent=02&year=2025&as_of=2025-03-01".into()).await;
    assert_eq!(row(&rows, "0201")["value"], "4");
    assert_eq!(row(&rows, "0202")["value"], "0");
    // At the end of 2025, W1 counts in 0202 only, and once in the province and the country.
    let rows = stat("/api/v1/stats/workforce_count?level=district&parent=02&year=2025&as_of=2025-12-31".into()).await;
    assert_eq!(
        (row(&rows, "0201")["value"].clone(), row(&rows, "0202")["value"].clone()),
        (json!("3"), json!("1"))
    );
    let rows = stat("/api/v1/stats/workforce_count?level=province&year=2025&as_of=2025-12-31".into()).await;
    assert_eq!(row(&rows, "02")["value"], "4", "district staff count in their province");
    assert_eq!(row(&rows, "03")["value"], "0");
    assert_eq!(rows.as_array().unwrap().len(), 25);
    let rows =
        stat("/api/v1/stats/workforce_count?level=national&year=2025&as_of=2025-12-31&breakdown=sex".into()).await;
    let by_sex: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["breakdown_value"].as_str().unwrap().to_owned(),
                r["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        by_sex.contains(&("female".into(), "3".into())) && by_sex.contains(&("male".into(), "1".into())),
        "{by_sex:?}"
    );

    // Population: a bad code is refused whole; then figures for 02 (2025) and 0201 (2018).
    let import = |csv: &'static str| {
        let app = &app;
        let planner = planner.clone();
        async move {
            let resp = app
                .http
                .post(app.url("/api/v1/population"))
                .bearer_auth(&planner)
                .header("content-type", "text/csv")
                .body(csv)
                .send()
                .await
                .unwrap();
            (resp.status(), resp.json::<Value>().await.unwrap())
        }
    };
    let (status, report) = import("admin_code,year,age_band,sex,count,source\n99,2025,children_0_17,all,10,x\n02,2025,children_0_17,all,400000,Census\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert_eq!(report["problems"][0]["column"], "admin_code");
    let (status, report) = import("admin_code,year,age_band,sex,count,source\n02,2025,children_0_17,all,400000,Census projection\n0201,2018,children_0_17,all,100000,Commune database 2018\n").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["created"], 2);
    let rows = stat("/api/v1/stats/workers_per_100k_children?level=province&year=2025&as_of=2025-12-31".into()).await;
    let battambang = row(&rows, "02");
    assert_eq!(
        battambang["value"], "1.0",
        "4 workers per 400,000 children: {battambang}"
    );
    assert_eq!(battambang["denominator_year"], 2025);
    assert_eq!(battambang["flag"], "");
    let kampot = row(&rows, "07");
    assert!(
        kampot["value"].is_null() && kampot["flag"] == "missing",
        "never a zero: {kampot}"
    );
    let rows =
        stat("/api/v1/stats/workers_per_100k_children?level=district&parent=02&year=2025&as_of=2025-12-31".into())
            .await;
    let district = row(&rows, "0201");
    assert_eq!(
        (
            district["value"].clone(),
            district["flag"].clone(),
            district["denominator_year"].clone()
        ),
        (json!("3.0"), json!("stale"), json!(2018))
    );
    assert_eq!(row(&rows, "0202")["flag"], "missing");
    // A re-import replaces the figure.
    let (_, report) =
        import("admin_code,year,age_band,sex,count,source\n02,2025,children_0_17,all,500000,Census\n").await;
    assert_eq!(report["replaced"], 1);
    let rows = stat("/api/v1/stats/workers_per_100k_children?level=province&year=2025&as_of=2025-12-31".into()).await;
    assert_eq!(row(&rows, "02")["value"], "0.8");

    // CCWC coverage: one commune of Battambang has a certified focal point; Kampot none.
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let communes = api::store::admin_units::Entity::find()
        .filter(api::store::admin_units::Column::Level.eq("commune"))
        .filter(api::store::admin_units::Column::Code.starts_with("02"))
        .count(&app.state.db)
        .await
        .unwrap();
    let rows = stat("/api/v1/stats/ccwc_coverage?level=province".into()).await;
    let expected = domain::planning::share_percent(1, communes).unwrap();
    assert_eq!(row(&rows, "02")["value"], expected.as_str(), "1 of {communes} communes");
    assert_eq!(row(&rows, "02")["numerator"], 1);
    assert_eq!(row(&rows, "07")["value"], "0.0");
    let this_year = chrono::Utc::now().format("%Y").to_string();
    let rows = stat(format!("/api/v1/stats/certified?level=province&year={this_year}")).await;
    assert_eq!(row(&rows, "02")["value"], "1");

    // Exports.
    let resp = app
        .http
        .get(app.url("/api/v1/stats/workforce_count?level=province&year=2025&as_of=2025-12-31&format=dhis2"))
        .bearer_auth(&planner)
        .send()
        .await
        .unwrap();
    let dhis2: Value = resp.json().await.unwrap();
    let value = dhis2["dataValues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["orgUnit"] == "02")
        .unwrap()
        .clone();
    assert_eq!(
        (
            value["dataElement"].clone(),
            value["period"].clone(),
            value["value"].clone()
        ),
        (json!("KL_WORKFORCE_COUNT"), json!("2025"), json!("4"))
    );
    let csv = app
        .http
        .get(app.url("/api/v1/stats/workers_per_100k_children?level=province&year=2025&format=csv"))
        .bearer_auth(&planner)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("missing") && csv.lines().count() > 25, "{csv}");

    // Aggregates only: no worker records for planners; no national statistics for a registrar.
    assert_eq!(
        app.get("/api/v1/workers", Some(&planner)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = app
        .get("/api/v1/stats/workforce_count?level=commune", Some(&planner))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = app
        .get("/api/v1/stats/ccwc_coverage?level=commune", Some(&planner))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "coverage stops at the district");
    let (status, body) = app.get("/api/v1/stats/nonsense", Some(&planner)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["fields"]["indicator"].is_string());

    // Targets: the plan's ten, editable with the version read.
    let (_, targets) = app.get("/api/v1/plan-targets?year=2025", Some(&planner)).await;
    let targets = targets.as_array().unwrap();
    assert_eq!(targets.len(), 10);
    let vc = targets.iter().find(|t| t["target"]["trainees"] == 3292).unwrap();
    let id = vc["target"]["id"].as_str().unwrap();
    let (status, changed) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/plan-targets/{id}"),
            Some(&planner),
            Some(json!({"trainees": 3300, "version": 1})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    let (status, _) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/plan-targets/{id}"),
            Some(&planner),
            Some(json!({"trainees": 3400, "version": 1})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // A further plan's target is added; a bad one is refused naming its fields.
    let (status, body) = app
        .post(
            "/api/v1/plan-targets",
            Some(&planner),
            json!({"plan": "2026-2030", "certification": "Vocational Certificate", "cqf_level": 1,
                   "workforce_category": "para_social_worker", "target_group": "CCWC focal points",
                   "organization_level": "commune", "trainees": 1661}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = app
        .post(
            "/api/v1/plan-targets",
            Some(&planner),
            json!({"plan": "soon", "certification": "", "workforce_category": "nobody", "target_group": "x",
                   "organization_level": "village", "trainees": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for field in ["plan", "workforce_category", "organization_level"] {
        assert!(body["error"]["fields"][field].is_string(), "{field}: {body}");
    }
    let (_, all) = app.get("/api/v1/plan-targets?year=2026", Some(&planner)).await;
    assert_eq!(all.as_array().unwrap().len(), 11);

    // The dashboard, in Khmer, with its table and chart, and a drill-down link to the districts.
    let page = app
        .http
        .get(app.url("/planning?indicator=workforce_count&level=province&year=2025"))
        .header("cookie", format!("kamlang_access={planner}; kamlang_lang=km"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"planning-table\"") && html.contains("<svg"),
        "a table and a chart"
    );
    assert!(html.contains("parent=02"), "Battambang drills down to its districts");
    app.stop().await;
}
