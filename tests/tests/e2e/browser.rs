//! The main journey in a real browser: sign in, switch to Khmer, look at the home page.

use fantoccini::Locator;
use tests::{ADMIN_EMAIL, PASSWORD, TestApp, browser::Browser};

#[tokio::test]
async fn sign_in_switch_to_khmer_and_see_the_home_page() {
    let Some(browser) = Browser::start("sign_in_switch_to_khmer_and_see_the_home_page", 360, 800).await else {
        return;
    };
    let app = TestApp::spawn().await;
    let c = &browser.client;
    c.goto(&app.url("/lang/en?next=/login")).await.unwrap();
    assert_eq!(
        c.find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("en")
    );
    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(ADMIN_EMAIL)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Id("login-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let name = c.wait().for_element(Locator::Id("user-name")).await.unwrap();
    assert_eq!(name.text().await.unwrap().trim(), "Test Administrator");
    browser
        .screenshot(&format!("home-en-360-{}", tests::TestDatabase::backend_name()))
        .await;

    c.find(Locator::Id("lang-km")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("html[lang='km']")).await.unwrap();
    let logout = c.find(Locator::Id("logout")).await.unwrap().text().await.unwrap();
    assert_eq!(
        logout.trim(),
        web::i18n::t(web::Lang::Km, "logout").trim(),
        "the page is in Khmer"
    );
    let path = browser
        .screenshot(&format!("home-km-360-{}", tests::TestDatabase::backend_name()))
        .await;
    assert!(std::fs::metadata(&path).unwrap().len() > 1000);

    // The registry on a phone, in Khmer.
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Kantueu Muoy CCWC", "commune_committee", None)
        .await;
    let (status, _) = app
        .post(
            "/api/v1/workers",
            Some(&admin),
            serde_json::json!({"family_name_km": "សុខ", "given_name_km": "ស្រីមុំ", "family_name_latin": "Sok",
                "given_name_latin": "Srey Mom", "sex": "female", "birth_date": "1990-05-17", "category": "para_social_worker",
                "phone": "012 345 678",
                "posting": {"organization_id": org, "duty_station_code": "020101", "employment_type": "volunteer",
                            "start_date": "2024-01-01", "is_focal_point": true, "position_title": "CCWC focal point"}}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::CREATED);
    c.goto(&app.url("/workers")).await.unwrap();
    let list = c
        .wait()
        .for_element(Locator::Id("worker-list"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("សុខ ស្រីមុំ"), "{list}");
    browser
        .screenshot(&format!("workers-km-360-{}", tests::TestDatabase::backend_name()))
        .await;
    c.find(Locator::Css("#worker-list a[href^='/workers/']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("registry-number")).await.unwrap();
    browser
        .screenshot(&format!("worker-km-360-{}", tests::TestDatabase::backend_name()))
        .await;

    // The choice is remembered on the next page.
    c.goto(&app.url("/about")).await.unwrap();
    assert_eq!(
        c.find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("km")
    );
    browser
        .screenshot(&format!("about-km-360-{}", tests::TestDatabase::backend_name()))
        .await;

    c.find(Locator::Id("logout")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Id("login-form")).await.unwrap();
    browser.close().await;
    app.stop().await;
}

/// The registrar's import journey: check a file with a bad row, read the report.
#[tokio::test]
async fn import_a_file_with_a_bad_row_and_see_the_report() {
    let Some(browser) = Browser::start("import_a_file_with_a_bad_row_and_see_the_report", 1280, 900).await else {
        return;
    };
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let org = app
        .create_organization(&admin, "Banan district office", "district_office", None)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("staff.csv");
    std::fs::write(
        &file,
        format!(
            "family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,category,organization_id,duty_station_code,employment_type,posting_start_date\n\
             សុខ,ស្រីមុំ,Sok,Srey Mom,female,1990-05-17,para_social_worker,{org},020101,volunteer,2024-01-01\n\
             ចាន់,ដារ៉ា,Chan,Dara,male,1985-02-30,para_professional,{org},999999,civil_servant,2023-06-01\n"
        ),
    )
    .unwrap();

    let c = &browser.client;
    browser.sign_in(&app.base_url, ADMIN_EMAIL, PASSWORD).await;
    c.goto(&app.url("/workers/import")).await.unwrap();
    c.find(Locator::Id("import-file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    c.find(Locator::Id("import-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let problems = c.wait().for_element(Locator::Id("import-problems")).await.unwrap();
    let text = problems.text().await.unwrap();
    assert!(
        text.contains("birth_date") || text.contains("Birth"),
        "the bad date is reported: {text}"
    );
    assert!(text.contains("999999"), "the unknown commune code is reported: {text}");
    assert!(
        c.find(Locator::Id("import-commit")).await.is_err(),
        "a file with problems cannot be committed"
    );
    browser
        .screenshot(&format!("import-report-{}", tests::TestDatabase::backend_name()))
        .await;

    // Nothing was written.
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 0);

    // Fix the file: the check passes, and committing registers the two workers.
    std::fs::write(
        &file,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("1985-02-30", "1985-02-28")
            .replace("999999", "0201"),
    )
    .unwrap();
    c.goto(&app.url("/workers/import")).await.unwrap();
    c.find(Locator::Id("import-file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    c.find(Locator::Id("import-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("import-commit")).await.unwrap();
    c.find(Locator::Id("import-commit-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The committed import has its own report; waiting for it (not the check's report, which is
    // still on screen while the browser posts) means the commit has been answered.
    let result = c.wait().for_element(Locator::Id("import-result")).await.unwrap();
    assert_eq!(
        result
            .find(Locator::Id("import-rows-created"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .trim(),
        "2"
    );
    let (_, page) = app.get("/api/v1/workers", Some(&admin)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);

    c.goto(&app.url("/workers")).await.unwrap();
    let list = c
        .wait()
        .for_element(Locator::Id("worker-list"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Srey Mom") && list.contains("Dara"), "{list}");
    browser
        .screenshot(&format!("worker-list-{}", tests::TestDatabase::backend_name()))
        .await;
    c.find(Locator::Css("#worker-list a[href^='/workers/']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let number = c
        .wait()
        .for_element(Locator::Id("registry-number"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(number.trim(), "KL-0000001-8");
    browser
        .screenshot(&format!("worker-profile-{}", tests::TestDatabase::backend_name()))
        .await;
    browser.close().await;
    app.stop().await;
}

/// The administrator's outbox, with one sent and one failed email, and a retry.
#[tokio::test]
async fn the_outbox_page_lists_emails_and_retries_a_failed_one() {
    let Some(browser) = Browser::start("the_outbox_page_lists_emails_and_retries_a_failed_one", 1280, 900).await else {
        return;
    };
    let app = TestApp::spawn().await;
    let smtp = tests::smtp::SmtpServer::start().await;
    let message = web::email::EmailMessage::PasswordReset {
        recipient_name: "Chan Dara".into(),
        link: "https://kamlang.example/set-password?token=x".into(),
        valid_minutes: 30,
    };
    api::mail::queue(&app.state.db, "dara@example.org", "Chan Dara", "en", &message)
        .await
        .unwrap();
    api::mail::queue(&app.state.db, "not an address", "Nobody", "en", &message)
        .await
        .unwrap();
    let mut config = (*app.state.config).clone();
    config.smtp_url = Some(smtp.url());
    let sender = api::mail::sender::Sender {
        mailer: api::mail::transport::Mailer::from_config(&config).unwrap(),
        from: config.mail_from.clone(),
        instance: "test".into(),
    };
    api::mail::sender::tick(&app.state.db, &sender, chrono::Utc::now())
        .await
        .unwrap();

    let c = &browser.client;
    browser.sign_in(&app.base_url, ADMIN_EMAIL, PASSWORD).await;
    c.goto(&app.url("/admin/outbox")).await.unwrap();
    let table = c
        .wait()
        .for_element(Locator::Id("outbox"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(table.contains("Sent") && table.contains("Failed"), "{table}");
    browser
        .screenshot(&format!("outbox-{}", tests::TestDatabase::backend_name()))
        .await;
    c.find(Locator::Css("form[action$='/retry'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The page reloads after the post: read the table once the new page is there.
    let mut table = String::new();
    for _ in 0..50 {
        if let Ok(el) = c.find(Locator::Id("outbox")).await
            && let Ok(text) = el.text().await
        {
            table = text;
            if table.contains("Waiting") {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        table.contains("Waiting") && !table.contains("Failed"),
        "retried: {table}"
    );
    browser.close().await;
    app.stop().await;
}

/// The demo's training as a registrar would see it: the catalogue, the cohort grid (recording a
/// result through the form), and a trainee's transcript with progress.
#[tokio::test]
async fn the_results_grid_and_the_transcript() {
    let Some(browser) = Browser::start("the_results_grid_and_the_transcript", 1280, 900).await else {
        return;
    };
    let app = TestApp::spawn().await;
    api::demo::load(&app.state.db).await.unwrap();
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let cohort = api::store::cohorts::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let c = &browser.client;
    browser.sign_in(&app.base_url, ADMIN_EMAIL, PASSWORD).await;

    c.goto(&app.url("/training")).await.unwrap();
    let page = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(
        page.contains("DEMO-BSST-01") && page.contains("DEMO-VC-SW"),
        "the catalogue lists the demo programme"
    );
    browser
        .screenshot(&format!("training-catalogue-{}", tests::TestDatabase::backend_name()))
        .await;

    c.goto(&app.url(&format!("/cohorts/{}", cohort.id))).await.unwrap();
    c.wait().for_element(Locator::Id("results-grid")).await.unwrap();
    browser
        .screenshot(&format!("cohort-grid-{}", tests::TestDatabase::backend_name()))
        .await;
    // A trainee with modules still to assess: pass the first empty cell through the form.
    let empty = c
        .find(Locator::Css("#results-grid select option[value='']:checked"))
        .await
        .unwrap();
    let select = empty.find(Locator::XPath("..")).await.unwrap();
    let name = select.attr("name").await.unwrap().unwrap();
    select.select_by_value("pass").await.unwrap();
    c.find(Locator::Id("results-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if c.wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css("#flash, #cohort-flash"))
        .await
        .is_err()
    {
        browser.screenshot("cohort-after-submit").await;
        let errors = match c.find(Locator::Id("results-errors")).await {
            Ok(e) => e.text().await.unwrap(),
            Err(_) => "no error summary".to_owned(),
        };
        panic!(
            "no flash after recording {name}: {errors} at {}",
            c.current_url().await.unwrap()
        );
    }
    let parts: Vec<&str> = name.split(':').collect();
    let worker: uuid::Uuid = parts[1].parse().unwrap();
    let module = api::store::modules::Entity::find()
        .filter(api::store::modules::Column::Code.eq(parts[2]))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let recorded = api::store::credit_entries::Entity::find()
        .filter(api::store::credit_entries::Column::WorkerId.eq(worker))
        .filter(api::store::credit_entries::Column::ModuleId.eq(module.id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(recorded.len(), 1, "the result recorded through the grid");

    c.goto(&app.url(&format!("/workers/{worker}/transcript")))
        .await
        .unwrap();
    let t = c
        .wait()
        .for_element(Locator::Id("transcript"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(t.contains(parts[2]), "{t}");
    c.find(Locator::Id("progress-0")).await.unwrap();
    browser
        .screenshot(&format!("transcript-{}", tests::TestDatabase::backend_name()))
        .await;
    browser.close().await;
    app.stop().await;
}

/// The registrar issues the demo cohort's certificates from its page and follows the progress
/// bar to the end; the public verification page then shows one, in Khmer, on a phone.
#[tokio::test]
async fn issue_a_cohorts_certificates_and_verify_one_on_a_phone() {
    let Some(browser) = Browser::start("issue_a_cohorts_certificates", 1280, 900).await else {
        return;
    };
    let app = TestApp::spawn().await;
    api::demo::load(&app.state.db).await.unwrap();
    use sea_orm::EntityTrait;
    let cohort = api::store::cohorts::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let c = &browser.client;
    browser
        .sign_in(
            &app.base_url,
            "demo-registrar@kamlang.example",
            api::demo::DEMO_PASSWORD,
        )
        .await;
    c.goto(&app.url(&format!("/cohorts/{}/certificates", cohort.id)))
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("issuance-start")).await.unwrap();
    browser
        .screenshot(&format!("issuance-before-{}", tests::TestDatabase::backend_name()))
        .await;
    c.find(Locator::Id("issuance-start"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The page refreshes itself while the batch runs; wait for the zip link of a finished batch.
    let zip = c
        .wait()
        .at_most(std::time::Duration::from_secs(60))
        .for_element(Locator::Id("issuance-zip"))
        .await
        .unwrap();
    let href = zip.attr("href").await.unwrap().unwrap();
    assert!(href.ends_with("/pdfs.zip"), "{href}");
    let progress = c.find(Locator::Id("issuance-progress")).await.unwrap();
    assert_eq!(
        progress.attr("value").await.unwrap(),
        progress.attr("max").await.unwrap()
    );
    let skipped = c
        .find(Locator::Id("issuance-skipped"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !skipped.trim().is_empty(),
        "the demo cohort has trainees who did not finish"
    );
    browser
        .screenshot(&format!("issuance-finished-{}", tests::TestDatabase::backend_name()))
        .await;
    let certificate = api::store::certificates::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    browser.close().await;

    // A phone, in Khmer, opening what the QR code points to.
    let Some(phone) = Browser::start("verify_on_a_phone", 360, 780).await else {
        return;
    };
    let p = &phone.client;
    p.goto(&app.url(&format!("/lang/km?next=/verify/{}", certificate.serial)))
        .await
        .unwrap();
    let status = p.wait().for_element(Locator::Id("verify-status")).await.unwrap();
    assert_eq!(status.attr("data-status").await.unwrap().as_deref(), Some("valid"));
    let hash = p
        .find(Locator::Id("verify-pdf-sha256"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(hash.trim(), certificate.pdf_sha256);
    phone
        .screenshot(&format!("verify-km-{}", tests::TestDatabase::backend_name()))
        .await;
    phone.close().await;
    app.stop().await;
}

/// The licensing and planning pages, as their users see them: the committee's queue and a
/// decision, the public register, HR's roster check, and the planner's dashboard on a phone.
#[tokio::test]
async fn licensing_and_planning_pages_in_a_browser() {
    let Some(browser) = Browser::start("licensing_and_planning_pages", 1280, 900).await else {
        return;
    };
    let app = TestApp::spawn().await;
    let admin = app.admin_token().await;
    let s = crate::certificates::setup_posted(&app, 1, 0, true, None).await;
    crate::certificates::issue(&app, &admin, &s.trainees[0].0).await;
    let (status, _) = app
        .post(
            "/api/v1/licence-types",
            Some(&admin),
            serde_json::json!({"code": "PSW", "title_km": "អ្នកសង្គមកិច្ចបម្រើសហគមន៍ដែលបានចុះបញ្ជី",
                   "title_en": "Registered para social worker", "category": "para_social_worker",
                   "required_level": "cqf-1", "validity_months": 36, "cpd_hours_per_cycle": 15, "grace_days": 90}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    let (_, licence) = app
        .post(
            &format!("/api/v1/workers/{}/licences", s.trainees[0].0),
            Some(&admin),
            serde_json::json!({"licence_type": "PSW"}),
        )
        .await;
    let licence = licence["id"].as_str().unwrap().to_owned();
    app.create_user(&admin, "officer@test.kamlang", "licensing_officer", None)
        .await;
    app.create_user(&admin, "planner@test.kamlang", "planner", None).await;
    let backend = tests::TestDatabase::backend_name();

    // The officer's queue, then the licence: granting it through its form.
    let c = &browser.client;
    browser.sign_in(&app.base_url, "officer@test.kamlang", PASSWORD).await;
    c.goto(&app.url("/licensing")).await.unwrap();
    let queue = c
        .wait()
        .for_element(Locator::Id("licence-queue"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&s.trainees[0].1), "{queue}");
    browser.screenshot(&format!("licensing-queue-{backend}")).await;
    c.goto(&app.url(&format!("/licences/{licence}"))).await.unwrap();
    c.wait().for_element(Locator::Id("licence-timeline")).await.unwrap();
    // Each decision is a form folded under its name: open "grant", then submit it.
    c.find(Locator::Css("#decide-grant summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("decide-grant-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let mut status = String::new();
    for _ in 0..50 {
        if let Ok(el) = c.find(Locator::Id("licence-status")).await
            && let Ok(Some(code)) = el.attr("data-status").await
        {
            status = code;
            if status == "active" {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "active");
    browser.screenshot(&format!("licence-granted-{backend}")).await;

    // The public register finds the holder by name.
    c.goto(&app.url("/register")).await.unwrap();
    c.find(Locator::Id("register-q"))
        .await
        .unwrap()
        .send_keys("Sreymom")
        .await
        .unwrap();
    c.find(Locator::Id("register-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let results = c
        .wait()
        .for_element(Locator::Id("register-results"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(results.contains("PSW-"), "{results}");
    browser.screenshot(&format!("register-{backend}")).await;
    browser.close().await;

    // The planner's dashboard on a phone, in Khmer.
    let Some(phone) = Browser::start("planning_on_a_phone", 360, 780).await else {
        return;
    };
    phone.sign_in(&app.base_url, "planner@test.kamlang", PASSWORD).await;
    let p = &phone.client;
    p.goto(&app.url("/lang/km?next=/planning")).await.unwrap();
    p.wait().for_element(Locator::Id("planning-table")).await.unwrap();
    assert!(p.find(Locator::Css("svg")).await.is_ok(), "a chart");
    phone.screenshot(&format!("planning-km-{backend}")).await;
    phone.close().await;
    app.stop().await;
}
