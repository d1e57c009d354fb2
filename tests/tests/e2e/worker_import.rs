//! Bulk import through the API and the command line.

use std::process::ExitCode;

use clap::Parser;
use reqwest::{StatusCode, header};
use serde_json::Value;
use tests::TestApp;
use uuid::Uuid;

const HEADER: &str = "family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,national_id,phone,email,category,organization_id,duty_station_code,position_title,focal_point,employment_type,posting_start_date";

fn good_rows(org: Uuid) -> String {
    format!(
        "{HEADER}\n\
         សុខ,ស្រីមុំ,Sok,Srey Mom,female,1990-05-17,010203040,012345678,,para_social_worker,{org},020101,CCWC focal point,yes,volunteer,2024-01-01\n\
         ចាន់,ដារ៉ា,Chan,Dara,male,17/02/1985,,,dara@example.org,para_professional,{org},0201,District officer,no,civil_servant,2023-06-01\n\
         ,,Heng,Sophea,female,1979-11-30,020304050,+855 97 123 4567,,allied_worker,{org},02,,no,contract,2022-01-01\n"
    )
}

async fn post_file(app: &TestApp, token: &str, query: &str, body: String) -> (StatusCode, Value) {
    let resp = app
        .http
        .post(app.url(&format!("/api/v1/imports/workers?{query}")))
        .bearer_auth(token)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(body)
        .send()
        .await
        .unwrap();
    (resp.status(), resp.json().await.unwrap())
}

#[tokio::test]
async fn the_template_is_downloadable_and_imports_as_is() {
    let app = TestApp::spawn().await;
    let resp = app
        .http
        .get(app.url("/api/v1/imports/workers/template.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = resp.text().await.unwrap();
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    for key in [
        "family_name_km",
        "birth_date",
        "duty_station_code",
        "posting_start_date",
    ] {
        assert!(first.contains(key), "{key} in the template header {first}");
    }
}

#[tokio::test]
async fn a_dry_run_reports_every_bad_row_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let bad = format!(
        "{HEADER}\n\
         សុខ,ស្រីមុំ,Sok,Srey Mom,female,1990-02-30,010203040,,,para_social_worker,{org},020101,,yes,volunteer,2024-01-01\n\
         ចាន់,ដារ៉ា,Chan,Dara,male,1985-01-01,010203040,,,para_professional,{org},999999,,no,civil_servant,2023-06-01\n\
         ,,,,female,1979-11-30,,,,nurse,{org},02,,no,contract,2022-01-01\n\
         ហេង,សុភា,Heng,Sophea,female,1979-11-30,,,,allied_worker,{org},02,,no,contract,2022-01-01\n"
    );
    let (status, report) = post_file(&app, &admin, "dry_run=true&file_name=bad.csv", bad.clone()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["rows_total"], 4);
    assert_eq!(report["rows_valid"], 1);
    let problems: Vec<(u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_u64().unwrap(), p["column"].as_str().unwrap().to_owned()))
        .collect();
    for expected in [
        (2, "birth_date"),        // an impossible date
        (3, "duty_station_code"), // an unknown commune code
        (3, "national_id"),       // repeated inside the file
        (4, "category"),          // a wrong category
    ] {
        assert!(
            problems.iter().any(|(r, c)| *r == expected.0 && c == expected.1),
            "{expected:?} in {problems:?}"
        );
    }
    assert!(
        problems.iter().any(|(r, c)| *r == 4 && c.contains("name")),
        "empty names: {problems:?}"
    );
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 0, "a dry run writes nothing");

    // The same report as CSV.
    let id = report["id"].as_str().unwrap();
    let csv = app
        .http
        .get(app.url(&format!("/api/v1/imports/{id}/report.csv")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.trim_start_matches('\u{feff}').starts_with("row,column,problem"));
    assert!(csv.contains("3,duty_station_code,"));

    // Committing the same file: refused as a whole, nothing written.
    let (status, report) = post_file(&app, &admin, "dry_run=false&file_name=bad.csv", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report["rows_created"], 0);
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 0, "all or nothing");
}

#[tokio::test]
async fn a_good_file_imports_once_and_twice_creates_nothing_new() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let (status, dry) = post_file(&app, &admin, "file_name=staff.csv", good_rows(org)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(dry["problems"], Value::Array(vec![]), "{dry}");
    assert_eq!(dry["rows_valid"], 3);

    let (status, done) = post_file(&app, &admin, "dry_run=false&file_name=staff.csv", good_rows(org)).await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    assert_eq!(done["rows_created"], 3);
    let (_, page) = app.get("/api/v1/workers?q=sophea", Some(&admin)).await;
    let heng = &page["items"][0];
    assert_eq!(heng["phone"], "+855971234567");
    assert_eq!(heng["category"], "allied_worker");
    let (_, page) = app.get("/api/v1/workers?admin_unit=020101", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "posted at the commune");

    let (status, again) = post_file(&app, &admin, "dry_run=false&file_name=staff.csv", good_rows(org)).await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(again["rows_created"], 0);
    assert_eq!(again["rows_existing"], 3);
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    assert!(matches!(
        api::audit::verify::verify(&app.state.db).await.unwrap(),
        api::audit::verify::VerifyOutcome::Intact(_)
    ));
}

#[tokio::test]
async fn khmer_column_headers_are_accepted() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let khmer_header: Vec<&str> = domain::IMPORT_COLUMNS.iter().map(|c| c.header_km).collect();
    let body = good_rows(org).replacen(HEADER, &khmer_header.join(","), 1);
    let (status, report) = post_file(&app, &admin, "dry_run=false&file_name=khmer.csv", body).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["rows_created"], 3);
}

#[tokio::test]
async fn the_command_line_imports_with_a_dry_run_first() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("staff.csv");
    std::fs::write(&file, good_rows(org)).unwrap();
    let run = |dry: bool| {
        let mut args = vec![
            "kamlang".to_owned(),
            "import".into(),
            "workers".into(),
            file.display().to_string(),
        ];
        if dry {
            args.push("--dry-run".into());
        }
        args.extend(["--database-url".into(), app.database.url.clone()]);
        api::cli::Cli::try_parse_from(args).unwrap()
    };
    assert_eq!(api::cli::run(run(true)).await.unwrap(), ExitCode::SUCCESS);
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 0);
    assert_eq!(api::cli::run(run(false)).await.unwrap(), ExitCode::SUCCESS);
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
}

/// A minimal XLSX workbook (one sheet of inline strings), as a spreadsheet program saves one.
pub(crate) fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    use std::io::Write;
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            sheet.push_str(&format!(
                r#"<c r="{col}{}" t="inlineStr"><is><t>{}</t></is></c>"#,
                r + 1,
                escape(cell)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Workers" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, content) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[tokio::test]
async fn an_xlsx_workbook_imports_like_a_csv() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let rows: Vec<Vec<String>> = good_rows(org)
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let resp = app
        .http
        .post(app.url("/api/v1/imports/workers?dry_run=false&file_name=staff.xlsx"))
        .bearer_auth(&admin)
        .header(
            header::CONTENT_TYPE,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        .body(xlsx(&rows))
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let report: Value = resp.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["rows_created"], 3);
    let (_, page) = app.get("/api/v1/workers?q=srey", Some(&admin)).await;
    assert_eq!(page["items"][0]["name"]["given_name_km"], "ស្រីមុំ");
}

#[tokio::test]
async fn a_placeholder_birth_date_shared_by_hundreds_still_flags_exact_duplicates() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    // 260 people recorded as born on 1 January 1980 (unknown birthdays), all different names but
    // one pair that is the same person with the names swapped.
    let mut csv = String::from(
        "family_name_latin,given_name_latin,sex,birth_date,category,organization_id,duty_station_code,posting_start_date\n",
    );
    let letters = |mut i: usize| {
        let mut s = String::new();
        for _ in 0..4 {
            s.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
        }
        s
    };
    for i in 0..258 {
        csv.push_str(&format!(
            "Family{},Given{},female,1980-01-01,allied_worker,{org},02,2024-01-01\n",
            letters(i),
            letters(i + 7)
        ));
    }
    csv.push_str(&format!("Sok,Dara,male,1980-01-01,allied_worker,{org},02,2024-01-01\n"));
    csv.push_str(&format!("Dara,Sok,male,1980-01-01,allied_worker,{org},02,2024-01-01\n"));
    let (status, report) = post_file(&app, &admin, "dry_run=false&file_name=placeholder.csv", csv).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["rows_created"], 260);
    let (_, flags) = app.get("/api/v1/duplicates", Some(&admin)).await;
    assert_eq!(flags.as_array().unwrap().len(), 1, "only the swapped pair: {flags}");
}

/// Workbooks that made the spreadsheet reader allocate hundreds of gigabytes (a cell at
/// XFD1048576) or overflow (a column reference of many letters), found by fuzzing: each is refused
/// as a file problem, and the service answers the next request.
#[tokio::test]
async fn hostile_workbooks_are_refused_and_the_service_lives_on() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let files: [(&str, &[u8]); 4] = [
        (
            "far-cell.xlsx",
            include_bytes!("../../../fuzz/regressions/import_xlsx/far-cell-alloc-550GB.xlsx"),
        ),
        (
            "long-ref.xlsx",
            include_bytes!("../../../fuzz/regressions/import_xlsx/long-column-ref-overflow.xlsx"),
        ),
        (
            "crash-1.xlsx",
            include_bytes!("../../../fuzz/regressions/import_xlsx/crash-4005a8c0e576eb09d4381671d77db1bbe525116c"),
        ),
        (
            "crash-2.xlsx",
            include_bytes!("../../../fuzz/regressions/results_grid/crash-4640dde7d7706d2c35743190c7b138e82dbd5e75"),
        ),
    ];
    for (name, bytes) in files {
        let resp = app
            .http
            .post(app.url(&format!("/api/v1/imports/workers?dry_run=true&file_name={name}")))
            .bearer_auth(&admin)
            .header(
                "content-type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let body: serde_json::Value = resp.json().await.unwrap_or_default();
        assert!(
            status.is_success() || status.is_client_error(),
            "{name}: {status} {body}"
        );
        assert_eq!(body["problems"][0]["column"], "file", "{name}: {body}");
        assert_eq!(
            app.get("/healthz", None).await.0,
            reqwest::StatusCode::OK,
            "alive after {name}"
        );
    }
    app.stop().await;
}
