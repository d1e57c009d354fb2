use reqwest::StatusCode;
use tests::TestApp;

#[tokio::test]
async fn reference_data_is_public_and_complete() {
    let app = TestApp::spawn().await;
    let (status, levels) = app.get("/api/v1/reference/cqf-levels", None).await;
    assert_eq!(status, StatusCode::OK);
    let levels = levels.as_array().unwrap();
    assert_eq!(levels.len(), 8);
    let minimums: Vec<i64> = levels.iter().map(|l| l["min_credits"].as_i64().unwrap()).collect();
    assert_eq!(minimums, vec![30, 30, 30, 30, 60, 120, 45, 54]);
    assert_eq!(levels[0]["title_en"], "Vocational Certificate");
    assert!(!levels[0]["title_km"].as_str().unwrap().is_empty());

    let (_, modes) = app.get("/api/v1/reference/delivery-modes", None).await;
    let hours: Vec<(String, i64)> = modes
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().to_owned(),
                m["hours_per_credit"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        hours,
        vec![
            ("instruction".into(), 15),
            ("laboratory".into(), 30),
            ("field".into(), 45)
        ]
    );

    let (_, categories) = app.get("/api/v1/reference/workforce-categories", None).await;
    let mut codes: Vec<&str> = categories
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        vec![
            "allied_worker",
            "para_professional",
            "para_social_worker",
            "professional_social_worker"
        ]
    );
}

#[tokio::test]
async fn the_whole_2025_gazetteer_is_there() {
    let app = TestApp::spawn().await;
    let (status, provinces) = app.get("/api/v1/geo/provinces", None).await;
    assert_eq!(status, StatusCode::OK);
    let provinces = provinces.as_array().unwrap();
    assert_eq!(provinces.len(), 25);
    let battambang = provinces.iter().find(|p| p["code"] == "02").unwrap();
    assert_eq!(battambang["name_en"], "Battambang");
    assert_eq!(battambang["name_km"], "បាត់ដំបង");

    // Walk the whole tree through the API: 210 districts and 1,661 communes.
    let mut districts = 0;
    let mut communes = 0;
    let mut first_commune = None;
    for p in provinces {
        let (_, ds) = app
            .get(
                &format!("/api/v1/geo/provinces/{}/districts", p["code"].as_str().unwrap()),
                None,
            )
            .await;
        for d in ds.as_array().unwrap() {
            districts += 1;
            let (_, cs) = app
                .get(
                    &format!("/api/v1/geo/districts/{}/communes", d["code"].as_str().unwrap()),
                    None,
                )
                .await;
            communes += cs.as_array().unwrap().len();
            first_commune = first_commune.or_else(|| cs[0]["code"].as_str().map(str::to_owned));
        }
    }
    assert_eq!((districts, communes), (210, 1661));
    let (status, villages) = app
        .get(
            &format!("/api/v1/geo/communes/{}/villages", first_commune.unwrap()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!villages.as_array().unwrap().is_empty());
    assert_eq!(api::geo::counts(&app.state.db).await.unwrap(), [25, 210, 1661, 14576]);

    let (status, _) = app.get("/api/v1/geo/provinces/99/districts", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, unit) = app.get("/api/v1/geo/units/0201", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unit["level"], "district");
    assert_eq!(unit["parent_code"], "02");
}
