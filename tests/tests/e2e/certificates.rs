//! Signed certificates through the real server: eligibility, issuing, the PDF, verification,
//! revocation and reissue, the status list, keys, batches stopped and resumed, trainees'
//! downloads, and the public endpoints' rate limit.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp};

const NISA: &str = "01936f00-0000-7000-8000-00000000a15a";

/// A VC of two modules (15 credits each), a cohort, and its trainees; `passing` of them pass
/// both modules, the rest only the first.
pub(crate) struct Setup {
    pub admin: String,
    pub cohort: String,
    /// (worker id, registry number), the passing trainees first.
    pub trainees: Vec<(String, String)>,
}

async fn setup(app: &TestApp, passing: usize, failing: usize, accredit: bool) -> Setup {
    setup_posted(app, passing, failing, accredit, None).await
}

/// Like `setup`, with every trainee posted to `posting` (an organisation) since 2024.
pub(crate) async fn setup_posted(
    app: &TestApp,
    passing: usize,
    failing: usize,
    accredit: bool,
    posting: Option<uuid::Uuid>,
) -> Setup {
    let admin = app.admin_token().await;
    if accredit {
        let (status, body) = app
            .post(
                &format!("/api/v1/providers/{NISA}/accreditations"),
                Some(&admin),
                json!({"level": "cqf-1", "valid_from": "2025-01-01", "valid_until": "2030-12-31"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    for code in ["VC-101", "VC-102"] {
        let (status, m) = app
            .post(
                "/api/v1/modules",
                Some(&admin),
                json!({"code": code, "title_en": format!("Module {code}"), "title_km": "ម៉ូឌុល",
                       "hours": {"instruction": 225, "laboratory": 0, "field": 0}, "competency_areas": ["knowledge"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{m}");
    }
    let (status, q) = app
        .post(
            "/api/v1/qualifications",
            Some(&admin),
            json!({"code": "VC-SW", "level": "cqf-1", "title_en": "Vocational Certificate in Social Work",
                   "title_km": "វិញ្ញាបនបត្រវិជ្ជាជីវៈសង្គមកិច្ច", "field_of_study_en": "Social work",
                   "field_of_study_km": "សង្គមកិច្ច", "minimum_credits": 30, "target_category": "para_social_worker",
                   "required_modules": ["VC-101", "VC-102"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{q}");
    let (status, c) = app
        .post(
            "/api/v1/cohorts",
            Some(&admin),
            json!({"qualification_code": "VC-SW", "name": "Kampot 2026", "start_date": "2026-01-05", "trainers": ["Trainer A"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let cohort = c["id"].as_str().unwrap().to_owned();
    let mut trainees = Vec::new();
    for i in 0..passing + failing {
        let (status, w) = app
            .post(
                "/api/v1/workers",
                Some(&admin),
                json!({"family_name_km": "សុខ", "given_name_km": "ស្រីមុំ",
                       "family_name_latin": "Sok", "given_name_latin": format!("Sreymom {}", letters(i)), "sex": "female",
                       "birth_date": format!("19{:02}-05-17", 60 + i % 30), "category": "para_social_worker",
                       "posting": posting.map(|org| json!({"organization_id": org, "duty_station_code": "020101",
                           "employment_type": "volunteer", "start_date": "2024-01-01", "is_focal_point": true}))}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{w}");
        trainees.push((
            w["worker"]["id"].as_str().unwrap().to_owned(),
            w["worker"]["registry_number"].as_str().unwrap().to_owned(),
        ));
    }
    let ids: Vec<&str> = trainees.iter().map(|(id, _)| id.as_str()).collect();
    let (status, _) = app
        .post(
            &format!("/api/v1/cohorts/{cohort}/enrolments"),
            Some(&admin),
            json!({"worker_ids": ids}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut results = Vec::new();
    for (i, (id, _)) in trainees.iter().enumerate() {
        results.push(json!({"worker_id": id, "module_code": "VC-101", "result": "pass", "score": 80}));
        if i < passing {
            results.push(json!({"worker_id": id, "module_code": "VC-102", "result": "pass", "score": 75}));
        }
    }
    let (status, report) = app
        .post(
            &format!("/api/v1/cohorts/{cohort}/results"),
            Some(&admin),
            json!({"assessed_on": "2026-03-20", "assessor": "Trainer A", "results": results}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    Setup {
        admin,
        cohort,
        trainees,
    }
}

/// A, B, …, Z, AA, AB, …: names take no digits.
fn letters(mut i: usize) -> String {
    let mut out = String::new();
    loop {
        out.insert(0, char::from(b'A' + (i % 26) as u8));
        if i < 26 {
            return out;
        }
        i = i / 26 - 1;
    }
}

pub(crate) async fn issue(app: &TestApp, token: &str, worker: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/certificates",
        Some(token),
        json!({"worker_id": worker, "qualification_code": "VC-SW"}),
    )
    .await
}

async fn download(app: &TestApp, token: &str, path: &str) -> (StatusCode, Vec<u8>) {
    let resp = app.http.get(app.url(path)).bearer_auth(token).send().await.unwrap();
    let status = resp.status();
    (status, resp.bytes().await.unwrap().to_vec())
}

async fn status_index(app: &TestApp, token: &str, serial: &str) -> u64 {
    let (_, credential) = download(app, token, &format!("/api/v1/certificates/{serial}/credential")).await;
    let credential: Value = serde_json::from_slice(&credential).unwrap();
    credential["credentialStatus"]["statusListIndex"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test]
async fn every_reason_a_certificate_is_refused_is_listed() {
    let app = TestApp::spawn().await;
    let s = setup(&app, 1, 1, false).await;
    let (passing, failing) = (&s.trainees[0].0, &s.trainees[1].0);

    // Not accredited, and for the second trainee not enough credits and a module missing.
    let (status, body) = issue(&app, &s.admin, failing).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "not_eligible");
    let fields = body["error"]["fields"].as_object().unwrap();
    for field in ["credits", "required_modules", "provider"] {
        assert!(fields.contains_key(field), "{field} in {body}");
    }
    assert!(fields["required_modules"].as_str().unwrap().contains("VC-102"));
    let (status, body) = issue(&app, &s.admin, passing).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["error"]["fields"].as_object().unwrap().keys().collect::<Vec<_>>(),
        vec!["provider"],
        "only the accreditation is missing: {body}"
    );

    // Accredited: the worker whose record is not active is refused for that alone.
    let (status, _) = app
        .post(
            &format!("/api/v1/providers/{NISA}/accreditations"),
            Some(&s.admin),
            json!({"level": "cqf-1", "valid_from": "2025-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, w) = app.get(&format!("/api/v1/workers/{passing}"), Some(&s.admin)).await;
    let (status, body) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/workers/{passing}"),
            Some(&s.admin),
            Some(json!({"version": w["worker"]["version"], "status": "inactive"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = issue(&app, &s.admin, passing).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["fields"]["worker_status"].is_string(), "{body}");
    let (_, w) = app.get(&format!("/api/v1/workers/{passing}"), Some(&s.admin)).await;
    app.call(
        reqwest::Method::PATCH,
        &format!("/api/v1/workers/{passing}"),
        Some(&s.admin),
        Some(json!({"version": w["worker"]["version"], "status": "active"})),
    )
    .await;

    // Eligible: issued once; a second time is a conflict naming the certificate.
    let (status, c) = issue(&app, &s.admin, passing).await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(c["serial"], format!("NISA-{year}-000001"));
    assert_eq!(c["status"]["status"], "valid");
    assert_eq!(c["credits"], "30");
    let (status, body) = issue(&app, &s.admin, passing).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["error"]["message"].as_str().unwrap().contains("000001"), "{body}");
    // A registrar of another provider may not issue NISA's.
    let other = app
        .create_organization(&s.admin, "Other Institute", "training_provider", None)
        .await;
    app.create_user(&s.admin, "reg@other.test", "registrar", Some(other))
        .await;
    let registrar = app.token("reg@other.test").await;
    let (status, _) = app
        .post(
            "/api/v1/certificates",
            Some(&registrar),
            json!({"worker_id": passing, "qualification_code": "VC-SW", "provider_id": NISA}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.stop().await;
}

#[tokio::test]
async fn an_issued_certificate_verifies_online_and_offline_and_a_tampered_one_does_not() {
    let app = TestApp::spawn().await;
    let s = setup(&app, 1, 0, true).await;
    let (status, c) = issue(&app, &s.admin, &s.trainees[0].0).await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let serial = c["serial"].as_str().unwrap().to_owned();

    // The PDF is the one whose hash was stored; the Khmer name comes back exactly; fonts embedded.
    let (status, pdf) = download(&app, &s.admin, &format!("/api/v1/certificates/{serial}/pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(sha256_hex(&pdf), c["pdf_sha256"].as_str().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("certificate.pdf");
    std::fs::write(&path, &pdf).unwrap();
    if let Ok(out) = std::process::Command::new("pdftotext").arg(&path).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("សុខ ស្រីមុំ"), "{text}");
        assert!(text.contains(&serial));
    }
    if let Ok(out) = std::process::Command::new("pdffonts").arg(&path).output() {
        let fonts = String::from_utf8_lossy(&out.stdout);
        assert!(
            fonts.contains("NotoSansKhmer") && fonts.contains("NotoSans-"),
            "{fonts}"
        );
        for line in fonts.lines().skip(2) {
            assert!(line.contains(" yes "), "every font embedded: {line}");
        }
    }

    // Online: by serial (counted), and the credential's proof.
    let (status, v) = app.get(&format!("/api/v1/verify/{serial}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["holder_name_km"], "សុខ ស្រីមុំ");
    assert_eq!(v["holder_name_latin"], "Sok Sreymom A");
    assert_eq!(v["status"]["status"], "valid");
    assert_eq!(v["verification_count"], 1);
    let (_, v) = app
        .get(&format!("/api/v1/verify/{}", serial.to_lowercase()), None)
        .await;
    assert_eq!(v["verification_count"], 2, "as typed, in any case");
    // Counts wait in memory and are added to the database by the flusher (here, at once).
    app.state.verifications.flush(&app.state.db).await.unwrap();
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let stored = api::store::certificates::Entity::find()
        .filter(api::store::certificates::Column::Serial.eq(serial.as_str()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.verification_count, 2);
    let (_, v) = app.get(&format!("/api/v1/verify/{serial}"), None).await;
    assert_eq!(v["verification_count"], 3);
    assert!(v.get("birth_date").is_none() && v.get("national_id").is_none());
    let (status, _) = app.get("/api/v1/verify/NISA-2026-999999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, credential) = download(&app, &s.admin, &format!("/api/v1/certificates/{serial}/credential")).await;
    let credential: Value = serde_json::from_slice(&credential).unwrap();
    assert_eq!(credential["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert!(
        credential["type"]
            .as_array()
            .unwrap()
            .contains(&json!("OpenBadgeCredential"))
    );
    let (status, check) = app.post("/api/v1/verify", None, credential.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(check["valid"], true, "{check}");
    let mut tampered = credential.clone();
    tampered["credentialSubject"]["creditsEarned"] = json!(60);
    let (_, check) = app.post("/api/v1/verify", None, tampered.clone()).await;
    assert_eq!(
        (check["valid"].clone(), check["signature_valid"].clone()),
        (json!(false), json!(false)),
        "{check}"
    );

    // Offline, with the keys exported: the credential, the PDF's QR text, and the tampered one.
    let keys = app
        .get(&format!("/api/v1/issuers/{NISA}/keys"), None)
        .await
        .1
        .to_string();
    let offline = |bytes: &[u8]| api::certificates::commands::verify_offline(bytes, &keys).unwrap().valid;
    assert!(offline(credential.to_string().as_bytes()));
    assert!(offline(&pdf));
    assert!(!offline(tampered.to_string().as_bytes()));
    let qr = certificates::pdf::qr_payload_of_pdf(&pdf).unwrap();
    assert!(offline(qr.as_bytes()));
    let (_, check) = app.post("/api/v1/verify", None, json!({"qr": qr})).await;
    assert_eq!(check["valid"], true, "{check}");
    // The facts re-encoded with another name, the signature kept: a forgery.
    let forged = {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let (url, rest) = qr.split_once('#').unwrap();
        let (facts, signature) = rest.rsplit_once('.').unwrap();
        let facts = String::from_utf8(b64.decode(facts).unwrap()).unwrap();
        assert!(facts.contains("Sok Sreymom A"), "{facts}");
        let facts = b64.encode(facts.replace("Sok Sreymom A", "Sok Sreymom Z"));
        format!("{url}#{facts}.{signature}")
    };
    assert!(!offline(forged.as_bytes()));
    app.stop().await;
}

#[tokio::test]
async fn revoked_and_superseded_certificates_show_as_such_and_the_status_list_follows() {
    let app = TestApp::spawn().await;
    let s = setup(&app, 2, 0, true).await;
    let (_, first) = issue(&app, &s.admin, &s.trainees[0].0).await;
    let (_, second) = issue(&app, &s.admin, &s.trainees[1].0).await;
    let (first, second) = (first["serial"].as_str().unwrap(), second["serial"].as_str().unwrap());

    // Revoking needs a reason; then the verification shows it, with the date.
    let (status, body) = app
        .post(
            &format!("/api/v1/certificates/{first}/revoke"),
            Some(&s.admin),
            json!({"reason": " "}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = app
        .post(
            &format!("/api/v1/certificates/{first}/revoke"),
            Some(&s.admin),
            json!({"reason": "Issued in error"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, v) = app.get(&format!("/api/v1/verify/{first}"), None).await;
    assert_eq!(v["status"]["status"], "revoked");
    assert_eq!(v["status"]["reason"], "Issued in error");
    assert_eq!(v["status"]["on"], chrono::Utc::now().date_naive().to_string());
    let (status, _) = app
        .post(
            &format!("/api/v1/certificates/{first}/revoke"),
            Some(&s.admin),
            json!({"reason": "again"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a revoked certificate stays as it is"
    );

    // The status list has the first's bit set and not the second's.
    let (status, list) = app.get(&format!("/api/v1/status-lists/{NISA}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["type"][1], "BitstringStatusListCredential");
    assert_eq!(list["proof"]["cryptosuite"], "eddsa-jcs-2022");
    let bits =
        api::certificates::status_list::decode(list["credentialSubject"]["encodedList"].as_str().unwrap()).unwrap();
    assert!(api::certificates::status_list::is_set(
        &bits,
        status_index(&app, &s.admin, first).await
    ));
    assert!(!api::certificates::status_list::is_set(
        &bits,
        status_index(&app, &s.admin, second).await
    ));

    // The second holder's name is corrected; the reissue supersedes the old certificate.
    let worker = &s.trainees[1].0;
    let (_, w) = app.get(&format!("/api/v1/workers/{worker}"), Some(&s.admin)).await;
    let (status, body) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/workers/{worker}"),
            Some(&s.admin),
            Some(json!({"version": w["worker"]["version"], "given_name_latin": "Sreymao"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, new) = app
        .post(
            &format!("/api/v1/certificates/{second}/reissue"),
            Some(&s.admin),
            json!({"reason": "Name corrected"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{new}");
    assert_eq!(new["supersedes"], second);
    assert_eq!(new["holder_name_latin"], "Sok Sreymao");
    let (_, old) = app.get(&format!("/api/v1/verify/{second}"), None).await;
    assert_eq!(old["status"]["status"], "superseded");
    assert_eq!(old["status"]["by"], new["serial"]);
    let (_, credential) = download(
        &app,
        &s.admin,
        &format!("/api/v1/certificates/{}/credential", new["serial"].as_str().unwrap()),
    )
    .await;
    let credential: Value = serde_json::from_slice(&credential).unwrap();
    assert_eq!(credential["supersedes"], second);
    let (_, check) = app.post("/api/v1/verify", None, credential).await;
    assert_eq!(check["valid"], true, "{check}");
    app.stop().await;
}

#[tokio::test]
async fn a_batch_stopped_midway_resumes_with_exactly_one_certificate_per_eligible_trainee() {
    // No background runner: the test plays the instances.
    let app = TestApp::spawn_with(|c| c.batch_runner = false).await;
    let eligible = api::certificates::batch::CHUNK + 6;
    let s = setup(&app, eligible, 3, true).await;
    let (status, started) = app
        .post(
            &format!("/api/v1/cohorts/{}/certificates", s.cohort),
            Some(&s.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    let (status, again) = app
        .post(
            &format!("/api/v1/cohorts/{}/certificates", s.cohort),
            Some(&s.admin),
            json!({}),
        )
        .await;
    assert_eq!(
        (status, again["id"].clone()),
        (StatusCode::OK, started["id"].clone()),
        "no second batch while one runs"
    );
    let batch_id: uuid::Uuid = started["id"].as_str().unwrap().parse().unwrap();

    // Instance A takes the batch and is stopped after its first chunk.
    let mut a = api::certificates::batch::Issuing::from_state(&app.state);
    a.instance = "instance-a".into();
    let claimed = api::certificates::batch::claim(&app.state.db, &a.instance, Some(batch_id))
        .await
        .unwrap()
        .unwrap();
    let (stop, stopping) = tokio::sync::watch::channel(false);
    api::certificates::batch::run(&a, claimed, &stopping, &move |p| {
        if p.issued > 0 {
            let _ = stop.send(true);
        }
    })
    .await
    .unwrap();
    let (_, progress) = app
        .get(&format!("/api/v1/certificates/batches/{batch_id}"), Some(&s.admin))
        .await;
    assert_eq!(progress["state"], "running", "{progress}");
    assert_eq!(progress["issued"], api::certificates::batch::CHUNK);
    assert_eq!(progress["skipped"], 3);

    // While another instance holds a lease, nobody else takes the batch.
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let row = api::store::issuance_batches::Entity::find_by_id(batch_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut held: api::store::issuance_batches::ActiveModel = row.into();
    held.lease_owner = Set(Some("instance-that-died".into()));
    held.lease_until = Set(Some(chrono::Utc::now() + chrono::Duration::seconds(60)));
    let held = held.update(&app.state.db).await.unwrap();
    assert!(
        api::certificates::batch::claim(&app.state.db, "instance-b", None)
            .await
            .unwrap()
            .is_none()
    );
    // Its lease lapses (it was killed): instance B carries on to the end.
    let mut lapsed: api::store::issuance_batches::ActiveModel = held.into();
    lapsed.lease_until = Set(Some(chrono::Utc::now() - chrono::Duration::seconds(1)));
    lapsed.update(&app.state.db).await.unwrap();
    let mut b = api::certificates::batch::Issuing::from_state(&app.state);
    b.instance = "instance-b".into();
    let claimed = api::certificates::batch::claim(&app.state.db, &b.instance, None)
        .await
        .unwrap()
        .unwrap();
    let (_keep, never) = tokio::sync::watch::channel(false);
    api::certificates::batch::run(&b, claimed, &never, &|_| {})
        .await
        .unwrap();
    let (_, done) = app
        .get(&format!("/api/v1/certificates/batches/{batch_id}"), Some(&s.admin))
        .await;
    assert_eq!(done["state"], "finished", "{done}");
    assert_eq!(
        (done["issued"].as_u64(), done["skipped"].as_u64()),
        (Some(eligible as u64), Some(3))
    );
    let skipped = done["skipped_trainees"].as_array().unwrap();
    assert!(
        skipped.iter().all(|t| t["reasons"][0]["code"] == "not_enough_credits"),
        "{done}"
    );

    // Exactly one certificate each, serials 1..n without a gap.
    let all = api::store::certificates::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(all.len(), eligible);
    let mut holders: Vec<_> = all.iter().map(|c| c.worker_id).collect();
    holders.sort();
    holders.dedup();
    assert_eq!(holders.len(), eligible);
    let mut numbers: Vec<u32> = all
        .iter()
        .map(|c| c.serial.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=eligible as u32).collect::<Vec<_>>());

    // A second batch issues nothing more.
    let (status, second) = app
        .post(
            &format!("/api/v1/cohorts/{}/certificates", s.cohort),
            Some(&s.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let claimed = api::certificates::batch::claim(&app.state.db, &b.instance, None)
        .await
        .unwrap()
        .unwrap();
    api::certificates::batch::run(&b, claimed, &never, &|_| {})
        .await
        .unwrap();
    let (_, second) = app
        .get(
            &format!("/api/v1/certificates/batches/{}", second["id"].as_str().unwrap()),
            Some(&s.admin),
        )
        .await;
    assert_eq!(
        (second["issued"].as_u64(), second["skipped"].as_u64()),
        (Some(0), Some(eligible as u64 + 3))
    );
    assert_eq!(
        api::store::certificates::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len(),
        eligible
    );

    // Every PDF of the first batch, as one zip.
    let (status, zip) = download(
        &app,
        &s.admin,
        &format!("/api/v1/certificates/batches/{batch_id}/pdfs.zip"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), eligible);
    let mut first = archive.by_index(0).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut first, &mut bytes).unwrap();
    let name = first.name().unwrap().trim_end_matches(".pdf").to_owned();
    let stored = all.iter().find(|c| c.serial == name).unwrap();
    assert_eq!(sha256_hex(&bytes), stored.pdf_sha256);
    app.stop().await;
}

#[tokio::test]
async fn the_background_runner_issues_a_batch_and_emails_the_holders() {
    let app = TestApp::spawn().await;
    let s = setup(&app, 2, 1, true).await;
    // The first trainee has an account: the email goes to it, in its language.
    let (status, body) = app
        .post(
            "/api/v1/users",
            Some(&s.admin),
            json!({"email": "sreymom@test.kamlang", "display_name": "Sok Sreymom", "role": "trainee",
                   "password": PASSWORD, "locale": "km", "worker_id": s.trainees[0].0}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, started) = app
        .post(
            &format!("/api/v1/cohorts/{}/certificates", s.cohort),
            Some(&s.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let id = started["id"].as_str().unwrap().to_owned();
    let mut done = Value::Null;
    for _ in 0..200 {
        done = app
            .get(&format!("/api/v1/certificates/batches/{id}"), Some(&s.admin))
            .await
            .1;
        if done["state"] == "finished" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(done["state"], "finished", "{done}");
    assert_eq!(
        (
            done["issued"].as_u64(),
            done["skipped"].as_u64(),
            done["percent"].as_u64()
        ),
        (Some(2), Some(1), Some(100))
    );
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let emails = api::store::email_outbox::Entity::find()
        .filter(api::store::email_outbox::Column::Kind.eq("certificate_issued"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        emails.len(),
        1,
        "only the holder with an account or an email address is written to"
    );
    assert_eq!(emails[0].recipient_email, "sreymom@test.kamlang");
    assert_eq!(emails[0].locale, "km");
    assert!(emails[0].message.contains("/verify/NISA-"), "{}", emails[0].message);
    app.stop().await;
}

#[tokio::test]
async fn keys_rotate_and_a_revoked_key_marks_its_certificates() {
    let app = TestApp::spawn().await;
    let s = setup(&app, 2, 0, true).await;
    let (_, old) = issue(&app, &s.admin, &s.trainees[0].0).await;
    let (status, key) = app
        .post(&format!("/api/v1/issuers/{NISA}/keys"), Some(&s.admin), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{key}");
    let (_, new) = issue(&app, &s.admin, &s.trainees[1].0).await;
    assert_ne!(old["verification_method"], new["verification_method"]);
    assert_eq!(new["verification_method"], key["id"]);
    for c in [&old, &new] {
        let serial = c["serial"].as_str().unwrap();
        let (_, credential) = download(&app, &s.admin, &format!("/api/v1/certificates/{serial}/credential")).await;
        let (_, check) = app
            .post("/api/v1/verify", None, serde_json::from_slice(&credential).unwrap())
            .await;
        assert_eq!(
            check["valid"], true,
            "after a rotation {serial} still verifies: {check}"
        );
    }
    let (_, keys) = app.get(&format!("/api/v1/issuers/{NISA}/keys"), None).await;
    let statuses: Vec<&str> = keys
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["active", "retired"]);
    let (_, did) = app.get("/.well-known/did.json", None).await;
    assert_eq!(did["assertionMethod"].as_array().unwrap().len(), 2);

    // The old key is revoked: its certificate shows it, the new one is untouched.
    let old_name = old["verification_method"].as_str().unwrap().rsplit('#').next().unwrap();
    let hr = app
        .create_organization(&s.admin, "Dept", "provincial_department", None)
        .await;
    app.create_user(&s.admin, "hr@test.kamlang", "hr_officer", Some(hr))
        .await;
    let hr = app.token("hr@test.kamlang").await;
    let (status, _) = app
        .post(
            &format!("/api/v1/issuers/{NISA}/keys/{old_name}/revoke"),
            Some(&hr),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app
        .post(
            &format!("/api/v1/issuers/{NISA}/keys/{old_name}/revoke"),
            Some(&s.admin),
            json!({"reason": "Laptop lost"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, v) = app
        .get(&format!("/api/v1/verify/{}", old["serial"].as_str().unwrap()), None)
        .await;
    assert_eq!(v["status"]["status"], "key_revoked", "{v}");
    let (_, v) = app
        .get(&format!("/api/v1/verify/{}", new["serial"].as_str().unwrap()), None)
        .await;
    assert_eq!(v["status"]["status"], "valid");
    let (_, did) = app.get("/.well-known/did.json", None).await;
    assert_eq!(did["assertionMethod"].as_array().unwrap().len(), 1, "{did}");
    let keys = app
        .get(&format!("/api/v1/issuers/{NISA}/keys"), None)
        .await
        .1
        .to_string();
    let serial = old["serial"].as_str().unwrap();
    let (_, credential) = download(&app, &s.admin, &format!("/api/v1/certificates/{serial}/credential")).await;
    let offline = api::certificates::commands::verify_offline(&credential, &keys).unwrap();
    assert!(
        !offline.valid,
        "offline too, the revoked key is named: {:?}",
        offline.lines
    );
    app.stop().await;
}

#[tokio::test]
async fn trainees_download_their_own_certificates_and_no_one_elses() {
    let app = TestApp::spawn().await;
    let s = setup(&app, 2, 0, true).await;
    let (_, mine) = issue(&app, &s.admin, &s.trainees[0].0).await;
    let (_, theirs) = issue(&app, &s.admin, &s.trainees[1].0).await;
    let (status, _) = app
        .post(
            "/api/v1/users",
            Some(&s.admin),
            json!({"email": "t@test.kamlang", "display_name": "T", "role": "trainee", "password": PASSWORD,
                   "worker_id": s.trainees[0].0}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let trainee = app.token("t@test.kamlang").await;
    let (status, list) = app.get("/api/v1/certificates", Some(&trainee)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["serial"], mine["serial"]);
    let serial = mine["serial"].as_str().unwrap();
    assert_eq!(
        download(&app, &trainee, &format!("/api/v1/certificates/{serial}/pdf"))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        download(&app, &trainee, &format!("/api/v1/certificates/{serial}/credential"))
            .await
            .0,
        StatusCode::OK
    );
    let other = theirs["serial"].as_str().unwrap();
    assert_eq!(
        download(&app, &trainee, &format!("/api/v1/certificates/{other}/pdf"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = app
        .get(
            &format!("/api/v1/certificates?worker_id={}", s.trainees[1].0),
            Some(&trainee),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Their page lists it with its downloads.
    let page = app
        .http
        .get(app.url("/me/certificates"))
        .header("cookie", format!("kamlang_access={trainee}; kamlang_lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(serial) && html.contains(&format!("/api/v1/certificates/{serial}/pdf")));
    assert!(!html.contains(other));
    app.stop().await;
}

#[tokio::test]
async fn the_public_endpoints_are_rate_limited_and_the_verify_page_is_public() {
    let app = TestApp::spawn_with(|c| c.public_rate_limit_per_minute = 4).await;
    let s = setup(&app, 1, 0, true).await;
    let (_, c) = issue(&app, &s.admin, &s.trainees[0].0).await;
    let serial = c["serial"].as_str().unwrap();
    let page = app
        .http
        .get(app.url(&format!("/verify/{serial}")))
        .header("cookie", "kamlang_lang=km")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("data-status=\"valid\"") && html.contains("សុខ ស្រីមុំ") && html.contains(serial));
    assert!(
        !html.contains(&s.trainees[0].1),
        "no registry number on the public page"
    );
    let missing = app.http.get(app.url("/verify/NISA-2026-424242")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    for _ in 0..2 {
        assert_eq!(
            app.get(&format!("/api/v1/verify/{serial}"), None).await.0,
            StatusCode::OK
        );
    }
    let resp = app
        .http
        .get(app.url(&format!("/api/v1/verify/{serial}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().contains_key("retry-after"));
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // Signed-in work is not limited.
    for _ in 0..6 {
        let (status, _) = app.get(&format!("/api/v1/certificates/{serial}"), Some(&s.admin)).await;
        assert_eq!(status, StatusCode::OK);
    }
    app.stop().await;
}

#[tokio::test]
async fn verifications_asked_at_once_each_get_their_own_certificate() {
    // On PostgreSQL, lookups that wait together are answered by one query: each answer must still
    // be the certificate asked for, and each verification counted once.
    let app = TestApp::spawn().await;
    let s = setup(&app, 5, 0, true).await;
    let mut holders = std::collections::HashMap::new();
    for (worker, _) in &s.trainees {
        let (status, c) = issue(&app, &s.admin, worker).await;
        assert_eq!(status, StatusCode::CREATED, "{c}");
        holders.insert(
            c["serial"].as_str().unwrap().to_owned(),
            c["holder_name_latin"].as_str().unwrap().to_owned(),
        );
    }
    let unknown = "NISA-2026-999999".to_owned();
    let mut asked = tokio::task::JoinSet::new();
    for _ in 0..8 {
        for serial in holders.keys().chain(std::iter::once(&unknown)) {
            let http = app.http.clone();
            let url = app.url(&format!("/api/v1/verify/{serial}"));
            let serial = serial.clone();
            asked.spawn(async move {
                let resp = http.get(url).send().await.unwrap();
                (serial, resp.status(), resp.json::<Value>().await.unwrap())
            });
        }
    }
    let mut answered = 0;
    while let Some(done) = asked.join_next().await {
        let (serial, status, body) = done.unwrap();
        answered += 1;
        match holders.get(&serial) {
            Some(holder) => {
                assert_eq!(status, StatusCode::OK, "{serial}: {body}");
                assert_eq!(body["serial"], serial.as_str());
                assert_eq!(body["holder_name_latin"], holder.as_str(), "{serial}");
            }
            None => assert_eq!(status, StatusCode::NOT_FOUND, "{serial}: {body}"),
        }
    }
    assert_eq!(answered, 8 * 6);
    app.state.verifications.flush(&app.state.db).await.unwrap();
    use sea_orm::EntityTrait;
    for c in api::store::certificates::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
    {
        assert_eq!(c.verification_count, 8, "{}", c.serial);
    }
}
