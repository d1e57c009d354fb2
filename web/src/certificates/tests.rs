use super::*;
use crate::pages::tests::{assert_layout, signed_in};

/// Catalogue keys must never reach the page: a missing message would show as its key.
fn assert_translated(html: &str) {
    for prefix in [
        ">verify-",
        ">certificate-",
        ">certificates-",
        ">issuance-",
        ">level-",
        ">results-",
        ">worker-",
        ">transcript-",
        ">cohort-",
        "\"certificates-col",
        "\"issuance-col",
        "\"worker-registry",
    ] {
        assert!(!html.contains(prefix), "untranslated {prefix}");
    }
}

/// The start tag of the element with id `id`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let needle = format!("id=\"{id}\"");
    let at = html.find(&needle).unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').expect("tag opens");
    let end = at + html[at..].find('>').expect("tag closes");
    &html[start..=end]
}

/// The text of the element with id `id` (up to the next `<`).
fn text_of<'a>(html: &'a str, id: &str) -> &'a str {
    let tag = tag_with_id(html, id);
    let start = html.find(tag).expect("tag in page") + tag.len();
    let end = start + html[start..].find('<').expect("text ends");
    &html[start..end]
}

const SHA: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn certificate(status: CertificateStatusView) -> VerifiedCertificateView {
    VerifiedCertificateView {
        serial: "KML-2025-000123".to_owned(),
        holder_name_km: "សុខ ស្រីមុំ".to_owned(),
        holder_name_latin: "Sok Sreymom".to_owned(),
        qualification_title_km: "វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១ ផ្នែកការងារសង្គម".to_owned(),
        qualification_title_en: "Technical and Vocational Certificate 1 in Social Work".to_owned(),
        level_code: "cqf-2".to_owned(),
        credits: "30.5".to_owned(),
        provider_name: "National Institute of Social Affairs".to_owned(),
        issued_on: (2025, 6, 30),
        status,
        pdf_sha256: SHA.to_owned(),
        verification_count: 1_234,
        credential_href: "/verify/KML-2025-000123/credential.json".to_owned(),
    }
}

fn statuses() -> [CertificateStatusView; 4] {
    [
        CertificateStatusView::Valid,
        CertificateStatusView::Revoked {
            on: (2026, 3, 3),
            reason: "Issued in error".to_owned(),
        },
        CertificateStatusView::Superseded {
            by_serial: "KML-2026-000200".to_owned(),
            by_href: "/verify/KML-2026-000200".to_owned(),
        },
        CertificateStatusView::KeyRevoked { on: (2026, 4, 1) },
    ]
}

fn verify_page(lang: Lang, status: CertificateStatusView) -> VerifyPage {
    VerifyPage {
        shell: Shell::new(lang, "/verify/KML-2025-000123"),
        query: "KML-2025-000123".to_owned(),
        outcome: VerifyOutcome::Found(certificate(status)),
    }
}

fn verify(lang: Lang, status: CertificateStatusView) -> String {
    verify_page(lang, status).render().expect("verify page renders")
}

// ---------------------------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------------------------

#[test]
fn statuses_have_codes_symbols_and_labels_in_both_languages() {
    let codes: Vec<&str> = statuses().iter().map(CertificateStatusView::code).collect();
    assert_eq!(codes, CERTIFICATE_STATUS_CODES);
    assert!(CertificateStatusView::Valid.is_valid());
    assert!(!statuses()[1].is_valid());
    let symbols: Vec<&str> = statuses().iter().map(CertificateStatusView::symbol).collect();
    assert_eq!(symbols, ["✓", "✗", "!", "✗"]);
    let en: Vec<String> = statuses()
        .iter()
        .map(|status| certificate_status_label(Lang::En, status))
        .collect();
    assert_eq!(en, ["Valid", "Revoked", "Replaced", "Signing key revoked"]);
    let km: Vec<String> = statuses()
        .iter()
        .map(|status| certificate_status_label(Lang::Km, status))
        .collect();
    assert_eq!(km, ["មានសុពលភាព", "ត្រូវបានដកហូត", "ត្រូវបានជំនួស", "កូនសោចុះហត្ថលេខាត្រូវបានដកហូត"]);
    assert_eq!(CertificateStatusView::default(), CertificateStatusView::Valid);
}

#[test]
fn status_details_say_when_and_why() {
    let [valid, revoked, superseded, key_revoked] = statuses();
    assert_eq!(status_detail(Lang::En, &valid), "");
    assert_eq!(
        status_detail(Lang::En, &revoked),
        "Revoked on 3 March 2026: Issued in error"
    );
    assert_eq!(status_detail(Lang::En, &superseded), "Replaced by KML-2026-000200");
    assert_eq!(
        status_detail(Lang::En, &key_revoked),
        "Signing key revoked on 1 April 2026"
    );
    assert_eq!(
        status_detail(Lang::Km, &revoked),
        "ដកហូតនៅថ្ងៃទី ៣ មីនា ២០២៦៖ Issued in error"
    );
    assert_eq!(
        status_detail(Lang::Km, &superseded),
        "ជំនួសដោយ KML-2026-000200",
        "serials keep their digits"
    );
}

// ---------------------------------------------------------------------------------------------
// The verification page
// ---------------------------------------------------------------------------------------------

#[test]
fn verify_page_shows_the_certificate_in_both_languages() {
    for lang in Lang::ALL {
        let html = verify(lang, CertificateStatusView::Valid);
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!("<title>{} · ", i18n::t(lang, "verify-title"))));
        assert_eq!(html.matches("<h1").count(), 1);
        // Both names, both titles, each marked with its language.
        assert!(html.contains("<span lang=\"km\">សុខ ស្រីមុំ</span>"));
        assert!(html.contains("<span class=\"name-latin\">Sok Sreymom</span>"));
        assert!(html.contains("<span lang=\"km\">វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១ ផ្នែកការងារសង្គម</span>"));
        assert!(html.contains("<span lang=\"en\">Technical and Vocational Certificate 1 in Social Work</span>"));
        assert_eq!(
            text_of(&html, "verify-level"),
            crate::training::qualification_level_label(lang, "cqf-2")
        );
        assert_eq!(
            text_of(&html, "verify-provider"),
            "National Institute of Social Affairs"
        );
        assert_eq!(text_of(&html, "verify-serial-number"), "KML-2025-000123");
        assert_eq!(text_of(&html, "verify-pdf-sha256"), SHA);
        assert!(tag_with_id(&html, "verify-pdf-sha256").starts_with("<code "));
        assert!(html.contains(&i18n::t(lang, "verify-pdf-body")));
        assert!(tag_with_id(&html, "verify-credential").contains("href=\"/verify/KML-2025-000123/credential.json\""));
        // The lookup form, filled with the serial asked for.
        assert!(html.contains("<form id=\"verify-form\" class=\"search\" method=\"get\" action=\"/verify\">"));
        assert!(html.contains("<label for=\"verify-serial\">"));
        let input = tag_with_id(&html, "verify-serial");
        assert!(input.contains("name=\"serial\""));
        assert!(input.contains("value=\"KML-2025-000123\""));
        assert!(input.contains("required"));
        assert!(html.contains("<button id=\"verify-submit\" type=\"submit\" class=\"button\">"));
        assert!(html.contains(&i18n::t(lang, "verify-another-heading")));
        // No self-refresh on this page.
        assert!(!html.contains("http-equiv=\"refresh\""));
        assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/style.css\">\n<link rel=\"icon\""));
    }
    let html = verify(Lang::En, CertificateStatusView::Valid);
    assert_eq!(text_of(&html, "verify-credits"), "30.5");
    assert_eq!(text_of(&html, "verify-issued-on"), "30 June 2025");
    assert_eq!(
        text_of(&html, "verify-count"),
        "This certificate has been checked 1,234 times."
    );
    assert!(html.contains(">CQF level 2 — Technical and Vocational Certificate 1</dd>"));
    let html = verify(Lang::Km, CertificateStatusView::Valid);
    assert_eq!(text_of(&html, "verify-credits"), "៣០,៥", "Khmer decimal comma");
    assert_eq!(text_of(&html, "verify-issued-on"), "៣០ មិថុនា ២០២៥");
    assert_eq!(text_of(&html, "verify-count"), "វិញ្ញាបនបត្រនេះត្រូវបានផ្ទៀងផ្ទាត់ចំនួន ១.២៣៤ ដង។");
    assert_eq!(text_of(&html, "verify-pdf-sha256"), SHA, "the hash keeps its digits");
}

#[test]
fn verify_count_is_singular_once() {
    let mut page = verify_page(Lang::En, CertificateStatusView::Valid);
    if let VerifyOutcome::Found(certificate) = &mut page.outcome {
        certificate.verification_count = 1;
    }
    let html = page.render().expect("renders");
    assert_eq!(
        text_of(&html, "verify-count"),
        "This certificate has been checked once."
    );
}

#[test]
fn verify_status_comes_first_with_its_code_symbol_and_words() {
    for lang in Lang::ALL {
        for status in statuses() {
            let code = status.code();
            let html = verify(lang, status.clone());
            assert_layout(&html, lang);
            assert_translated(&html);
            let section = tag_with_id(&html, "verify-status");
            assert!(section.starts_with("<section "));
            assert!(section.contains(&format!("data-status=\"{code}\"")), "{section}");
            assert!(section.contains(&format!("class=\"verdict verdict-{code}\"")));
            // The verdict is the page's heading, before any fact about the certificate.
            let verdict_at = html.find("id=\"verify-status\"").expect("verdict");
            let main_at = html.find("<main").expect("main");
            for later in [
                "id=\"verify-certificate\"",
                "id=\"verify-holder\"",
                "id=\"verify-pdf-sha256\"",
            ] {
                assert!(html.find(later).expect("fact shown") > verdict_at, "{later}");
            }
            assert!(
                html[main_at..verdict_at].find("<h").is_none(),
                "nothing heads the verdict"
            );
            let heading_key = format!("verify-{}-heading", code.replace('_', "-"));
            assert!(html.contains(&format!(
                "<h1 id=\"verify-status-heading\"><span class=\"mark\" aria-hidden=\"true\">{}</span> <span>{}</span></h1>",
                status.symbol(),
                i18n::t(lang, &heading_key)
            )));
            // Still the whole certificate, whatever its status.
            assert!(html.contains("id=\"verify-certificate\""));
            assert_eq!(text_of(&html, "verify-pdf-sha256"), SHA);
        }
    }
    let html = verify(Lang::En, statuses()[1].clone());
    assert!(html.contains("This certificate was revoked on 3 March 2026 and is no longer valid."));
    assert_eq!(text_of(&html, "verify-reason"), "Reason: Issued in error");
    let html = verify(Lang::Km, statuses()[1].clone());
    assert!(html.contains("ត្រូវបានដកហូតនៅថ្ងៃទី ៣ មីនា ២០២៦"));
    let html = verify(Lang::En, statuses()[2].clone());
    let link = tag_with_id(&html, "verify-replacement");
    assert!(link.contains("href=\"/verify/KML-2026-000200\""));
    assert_eq!(text_of(&html, "verify-replacement"), "KML-2026-000200");
    assert!(!html.contains("id=\"verify-reason\""));
    let html = verify(Lang::En, statuses()[3].clone());
    assert!(html.contains("was revoked on 1 April 2026"));
    assert!(html.contains(">Certificate not valid</span></h1>"));
    let html = verify(Lang::En, CertificateStatusView::Valid);
    assert!(html.contains(">Valid certificate</span></h1>"));
    assert!(!html.contains("id=\"verify-replacement\""));
}

#[test]
fn verify_page_shows_no_other_personal_data() {
    for lang in Lang::ALL {
        let html = verify(lang, CertificateStatusView::Valid);
        for key in [
            "worker-birth-date",
            "field-birth-date",
            "worker-national-id",
            "field-national-id",
            "worker-registry-number",
            "worker-sex",
            "worker-phone",
            "worker-email",
        ] {
            assert!(!html.contains(&i18n::t(lang, key)), "{key} on the public page");
        }
    }
    let html = verify(Lang::En, CertificateStatusView::Valid);
    for word in ["birth", "national id", "registry number", "phone", "W-2025"] {
        assert!(!html.to_lowercase().contains(&word.to_lowercase()), "{word}");
    }
}

#[test]
fn verify_not_found_and_not_asked() {
    for lang in Lang::ALL {
        let html = VerifyPage {
            shell: Shell::new(lang, "/verify?serial=KML-1"),
            query: "KML-1".to_owned(),
            outcome: VerifyOutcome::NotFound {
                serial: "KML-1".to_owned(),
            },
        }
        .render()
        .expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(tag_with_id(&html, "verify-status").contains("data-status=\"not_found\""));
        assert!(html.contains(&i18n::t(lang, "verify-not-found-heading")));
        assert!(html.contains(&i18n::t_args(lang, "verify-not-found-body", &[("serial", "KML-1")])));
        assert!(!html.contains("id=\"verify-certificate\""));
        assert!(!html.contains("id=\"verify-count\""));
        assert!(tag_with_id(&html, "verify-serial").contains("value=\"KML-1\""));
        assert_eq!(html.matches("<h1").count(), 1);

        let html = VerifyPage {
            shell: Shell::new(lang, "/verify"),
            ..VerifyPage::default()
        }
        .render()
        .expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(!html.contains("id=\"verify-status\""));
        assert!(html.contains(&format!("<h1>{}</h1>", i18n::t(lang, "verify-ask-heading"))));
        assert!(html.contains(&i18n::t(lang, "verify-intro")));
        assert!(tag_with_id(&html, "verify-serial").contains("value=\"\""));
        assert!(html.contains("id=\"verify-submit\""));
        assert!(!html.contains(&i18n::t(lang, "verify-another-heading")));
    }
}

#[test]
fn verify_page_escapes_what_it_is_given() {
    let mut certificate = certificate(CertificateStatusView::Revoked {
        on: (2026, 3, 3),
        reason: "<b>fraud</b> & more".to_owned(),
    });
    certificate.holder_name_latin = "<script>alert(1)</script>".to_owned();
    certificate.holder_name_km = "\"><img src=x>".to_owned();
    certificate.provider_name = "A & B <i>".to_owned();
    certificate.credential_href = "/x\"onclick=\"y".to_owned();
    let html = VerifyPage {
        shell: Shell::new(Lang::En, "/verify/x"),
        query: "\"><script>".to_owned(),
        outcome: VerifyOutcome::Found(certificate),
    }
    .render()
    .expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<i>"));
    assert!(!html.contains("<b>"));
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(html.contains("Reason: &#60;b&#62;fraud&#60;/b&#62; &#38; more"));
    assert!(html.contains("value=\"&#34;&#62;&#60;script&#62;\""));
    assert!(!html.contains("\"onclick=\""));

    let html = VerifyPage {
        shell: Shell::new(Lang::Km, "/verify"),
        query: String::new(),
        outcome: VerifyOutcome::NotFound {
            serial: "<script>x</script>".to_owned(),
        },
    }
    .render()
    .expect("renders");
    assert!(!html.contains("<script>"));
    assert!(html.contains("&#60;script&#62;x&#60;/script&#62;"));
}

// ---------------------------------------------------------------------------------------------
// A holder's certificates
// ---------------------------------------------------------------------------------------------

fn row(i: usize, status: CertificateStatusView) -> CertificateRowView {
    CertificateRowView {
        serial: format!("KML-2025-00012{i}"),
        qualification_title: "Technical and Vocational Certificate 1 in Social Work".to_owned(),
        level_code: "cqf-2".to_owned(),
        credits: "30.5".to_owned(),
        issued_on: (2025, 6, 30),
        status,
        pdf_href: format!("/certificates/KML-2025-00012{i}/certificate.pdf"),
        credential_href: format!("/certificates/KML-2025-00012{i}/credential.json"),
        verify_href: format!("/verify/KML-2025-00012{i}"),
        revoke_href: format!("/certificates/KML-2025-00012{i}/revoke"),
    }
}

fn rows() -> Vec<CertificateRowView> {
    statuses()
        .into_iter()
        .enumerate()
        .map(|(i, status)| row(i, status))
        .collect()
}

fn mine(lang: Lang) -> MyCertificatesPage {
    MyCertificatesPage {
        shell: signed_in(lang, "trainee", "/me/certificates"),
        holder: None,
        panel: CertificatesPanel {
            rows: rows(),
            can_revoke: false,
        },
        error: None,
    }
}

fn staff(lang: Lang) -> MyCertificatesPage {
    MyCertificatesPage {
        shell: signed_in(lang, "registrar", "/workers/4217/certificates"),
        holder: Some(CertificateHolderView {
            name: "Sok Sreymom".to_owned(),
            registry_number: "W-2025-004217".to_owned(),
            href: "/workers/4217".to_owned(),
        }),
        panel: CertificatesPanel {
            rows: rows(),
            can_revoke: true,
        },
        error: None,
    }
}

#[test]
fn my_certificates_lists_each_with_its_downloads_and_status() {
    for lang in Lang::ALL {
        let html = mine(lang).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!("<title>{} · ", i18n::t(lang, "certificates-title"))));
        assert!(html.contains(&format!("<h1>{}</h1>", i18n::t(lang, "certificates-title"))));
        assert!(html.contains(&i18n::t(lang, "certificates-intro")));
        assert!(html.contains("<table id=\"certificates\" class=\"table stack\">"));
        assert_eq!(html.matches("<tr id=\"certificate-").count(), 4);
        for (i, status) in statuses().iter().enumerate() {
            let code = status.code();
            assert!(html.contains(&format!("<tr id=\"certificate-{}\" data-status=\"{code}\">", i + 1)));
            assert!(html.contains(&format!(
                "<span class=\"tag tag-{code}\"><span aria-hidden=\"true\">{}</span> {}</span>",
                status.symbol(),
                certificate_status_label(lang, status)
            )));
            assert!(html.contains(&format!("<a href=\"/certificates/KML-2025-00012{i}/certificate.pdf\">")));
            assert!(html.contains(&format!(
                "<a href=\"/certificates/KML-2025-00012{i}/credential.json\" type=\"application/json\">"
            )));
            assert!(html.contains(&format!("<a href=\"/verify/KML-2025-00012{i}\">")));
        }
        assert!(html.contains(&crate::training::qualification_level_label(lang, "cqf-2")));
        assert!(
            html.contains("<a href=\"/verify/KML-2026-000200\">"),
            "the replacement links"
        );
        // A trainee cannot revoke.
        assert!(!html.contains("<form id=\"revoke-form"));
        assert!(!html.contains("<textarea"));
        assert!(!html.contains("id=\"certificates-error\""));
    }
    let html = mine(Lang::Km).render().expect("renders");
    assert!(html.contains(">៣០ មិថុនា ២០២៥</td>"));
    assert!(html.contains(">៣០,៥</td>"));
    assert!(html.contains(">KML-2025-000120</td>"), "serials keep their digits");
    let html = mine(Lang::En).render().expect("renders");
    assert!(html.contains(">30 June 2025</td>"));
    assert!(html.contains(">30.5</td>"));
}

#[test]
fn staff_may_revoke_valid_certificates_only() {
    for lang in Lang::ALL {
        let html = staff(lang).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        let title = i18n::t_args(lang, "certificates-holder-title", &[("name", "Sok Sreymom")]);
        assert!(html.contains(&format!("<h1>{title}</h1>")));
        assert!(html.contains(&format!(
            "<p class=\"back\"><a href=\"/workers/4217\">{}",
            i18n::t(lang, "transcript-back").replace('\'', "&#39;")
        )));
        assert!(html.contains(">W-2025-004217</dd>"));
        assert!(!html.contains(&i18n::t(lang, "certificates-intro")));
        // One form: the valid certificate's.
        assert_eq!(html.matches("<form id=\"revoke-form").count(), 1);
        assert!(
            html.contains(
                "<form id=\"revoke-form-1\" method=\"post\" action=\"/certificates/KML-2025-000120/revoke\">"
            )
        );
        assert!(html.contains(&format!(
            "<label for=\"revoke-reason-1\">{}</label>",
            i18n::t(lang, "certificates-revoke-reason")
        )));
        let textarea = tag_with_id(&html, "revoke-reason-1");
        assert!(textarea.starts_with("<textarea "));
        assert!(textarea.contains("name=\"reason\""));
        assert!(textarea.contains(" required"));
        assert!(html.contains(&format!(
            "<button id=\"revoke-submit-1\" type=\"submit\" class=\"button button-danger\">{}</button>",
            i18n::t(lang, "certificates-revoke-submit")
        )));
        assert!(html.contains(&format!("<summary>{}", i18n::t(lang, "certificates-revoke"))));
    }
    // Without a revocation address, no form either.
    let mut page = staff(Lang::En);
    page.panel.rows[0].revoke_href.clear();
    assert!(!page.render().expect("renders").contains("<form id=\"revoke-form"));
}

#[test]
fn revocation_error_is_announced() {
    let mut page = staff(Lang::Km);
    page.error = Some(i18n::t(Lang::Km, "certificates-revoke-error-reason"));
    let html = page.render().expect("renders");
    assert!(html.contains("<div id=\"certificates-error\" class=\"error-summary\" role=\"alert\">"));
    assert!(html.contains("សូមបញ្ជាក់មូលហេតុនៃការដកហូត។"));
}

#[test]
fn no_certificates_says_so() {
    for lang in Lang::ALL {
        let html = MyCertificatesPage {
            shell: signed_in(lang, "trainee", "/me/certificates"),
            ..MyCertificatesPage::default()
        }
        .render()
        .expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!(
            "<p id=\"certificates-none\" class=\"empty\">{}</p>",
            i18n::t(lang, "certificates-none")
        )));
        assert!(!html.contains("<table"));
    }
}

#[test]
fn certificates_page_escapes_what_it_is_given() {
    let mut page = staff(Lang::En);
    page.holder.as_mut().expect("holder").name = "<script>x</script>".to_owned();
    page.panel.rows[0].qualification_title = "<img src=x>".to_owned();
    page.panel.rows[1].status = CertificateStatusView::Revoked {
        on: (2026, 1, 1),
        reason: "<b>bad</b>".to_owned(),
    };
    page.panel.rows[0].pdf_href = "\"><script>".to_owned();
    let html = page.render().expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>"));
    assert!(html.contains("&#60;script&#62;x&#60;/script&#62;"));
    assert!(html.contains("&#60;img src=x&#62;"));
}

// ---------------------------------------------------------------------------------------------
// Issuing a cohort's certificates
// ---------------------------------------------------------------------------------------------

fn job(state: &str, total: u64, issued: u64, skipped: u64, failed: u64) -> IssuanceJobView {
    IssuanceJobView {
        id: "1".to_owned(),
        state: state.to_owned(),
        total,
        issued,
        skipped,
        failed,
        started_at: "2026-06-30 09:00".to_owned(),
        ..IssuanceJobView::default()
    }
}

fn issuance(lang: Lang, job: Option<IssuanceJobView>) -> IssuancePage {
    IssuancePage {
        shell: signed_in(lang, "registrar", "/cohorts/7/certificates"),
        cohort_name: "Kampong Cham VC 2026-1".to_owned(),
        cohort_href: "/cohorts/7".to_owned(),
        qualification_title: "Vocational Certificate in Social Work (VC-SW, version 2)".to_owned(),
        eligible: vec![
            EligibleView {
                worker_name: "សុខ ស្រីមុំ".to_owned(),
                registry_number: "W-2025-004217".to_owned(),
            },
            EligibleView {
                worker_name: "HENG Sopheap".to_owned(),
                registry_number: "W-2025-004218".to_owned(),
            },
        ],
        ineligible: vec![IneligibleView {
            worker_name: "Chan Dara".to_owned(),
            registry_number: "W-2025-004219".to_owned(),
            reasons: vec!["Not enough credits.".to_owned(), "Module VC-101 missing.".to_owned()],
        }],
        already_certified: vec![CertifiedView {
            worker_name: "Keo Dara".to_owned(),
            registry_number: "W-2025-000001".to_owned(),
            serial: "KML-2025-000100".to_owned(),
            verify_href: "/verify/KML-2025-000100".to_owned(),
        }],
        job,
        start_href: "/cohorts/7/certificates".to_owned(),
    }
}

const REFRESH: &str = "<meta http-equiv=\"refresh\" content=\"2\">";

#[test]
fn issuance_page_lists_who_gets_a_certificate_and_starts_the_batch() {
    for lang in Lang::ALL {
        let html = issuance(lang, None).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!(
            "<title>{} · Kampong Cham VC 2026-1 · ",
            i18n::t(lang, "issuance-title")
        )));
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains("<a id=\"issuance-back\" href=\"/cohorts/7\">"));
        assert!(html.contains("<form id=\"issuance-start-form\" class=\"issuance-start\" method=\"post\" action=\"/cohorts/7/certificates\">"));
        assert!(html.contains(&format!(
            "<button id=\"issuance-start\" type=\"submit\" class=\"button\">{}</button>",
            i18n::t_count(lang, "issuance-start", 2, &[])
        )));
        assert!(html.contains("<table id=\"issuance-eligible\" class=\"table stack\">"));
        assert!(html.contains("<table id=\"issuance-ineligible\" class=\"table stack\">"));
        assert!(html.contains("<table id=\"issuance-certified\" class=\"table stack\">"));
        assert!(html.contains("<li>Not enough credits.</li>"));
        assert!(html.contains("<li>Module VC-101 missing.</li>"));
        assert!(html.contains("<a href=\"/verify/KML-2025-000100\">KML-2025-000100</a>"));
        assert!(html.contains(&i18n::t_count(lang, "issuance-eligible-heading", 2, &[])));
        assert!(html.contains(&i18n::t_count(lang, "issuance-ineligible-heading", 1, &[])));
        assert!(html.contains(&i18n::t_count(lang, "issuance-certified-heading", 1, &[])));
        assert!(!html.contains("id=\"issuance-job\""));
        assert!(!html.contains("<progress"));
        assert!(!html.contains("http-equiv=\"refresh\""));
        assert!(
            html.contains("<a href=\"/training\" aria-current=\"true\">"),
            "within training"
        );
    }
    let html = issuance(Lang::En, None).render().expect("renders");
    assert!(html.contains(">Issue 2 certificates</button>"));
    assert!(html.contains("Eligible for the certificate: 2 trainees"));
    assert!(html.contains("Not yet eligible: 1 trainee"));
    let html = issuance(Lang::Km, None).render().expect("renders");
    assert!(html.contains(">ចេញវិញ្ញាបនបត្រចំនួន ២</button>"));
    assert!(html.contains("សិក្ខាកាមដែលមានសិទ្ធិទទួលវិញ្ញាបនបត្រ៖ ២ នាក់"));
}

#[test]
fn a_single_reason_is_a_sentence_not_a_list() {
    let mut page = issuance(Lang::En, None);
    page.ineligible[0].reasons.truncate(1);
    let html = page.render().expect("renders");
    assert!(html.contains(">Not enough credits.</td>"));
    assert!(!html.contains("<ul class=\"reasons\">"));
}

#[test]
fn nothing_eligible_means_no_start_button() {
    for lang in Lang::ALL {
        let mut page = issuance(lang, None);
        page.eligible.clear();
        page.ineligible.clear();
        page.already_certified.clear();
        let html = page.render().expect("renders");
        assert_translated(&html);
        assert!(!html.contains("id=\"issuance-start\""));
        assert!(html.contains(&format!(
            "<p id=\"issuance-none-eligible\" class=\"empty\">{}</p>",
            i18n::t(lang, "issuance-none-eligible")
        )));
        assert!(!html.contains("id=\"issuance-ineligible\""));
        assert!(!html.contains("id=\"issuance-certified\""));
    }
}

#[test]
fn the_page_refreshes_itself_only_while_a_batch_runs() {
    for lang in Lang::ALL {
        for state in ["queued", "running"] {
            let page = issuance(lang, Some(job(state, 30, 11, 1, 0)));
            assert!(page.refreshes());
            assert!(!page.can_start());
            let html = page.render().expect("renders");
            assert_layout(&html, lang);
            assert_translated(&html);
            assert_eq!(html.matches(REFRESH).count(), 1);
            let head = &html[..html.find("</head>").expect("head")];
            assert!(head.contains(REFRESH), "the refresh is in the head");
            assert!(
                !html.contains("id=\"issuance-start\""),
                "no second batch while one runs"
            );
            assert!(html.contains(&format!(
                "<p id=\"issuance-refresh\" class=\"help\" role=\"status\">{}</p>",
                i18n::t(lang, "issuance-refresh")
            )));
            assert!(tag_with_id(&html, "issuance-job").contains(&format!("data-state=\"{state}\"")));
            assert_eq!(
                text_of(&html, "issuance-state"),
                i18n::t(lang, &format!("issuance-state-{state}"))
            );
        }
        for state in ["finished", "failed"] {
            let page = issuance(lang, Some(job(state, 30, 27, 2, 1)));
            assert!(!page.refreshes());
            assert!(page.can_start());
            let html = page.render().expect("renders");
            assert_translated(&html);
            assert!(!html.contains("http-equiv=\"refresh\""), "{state}");
            assert!(!html.contains("id=\"issuance-refresh\""));
            assert!(html.contains("id=\"issuance-start\""));
        }
    }
}

#[test]
fn progress_is_a_real_progress_element_with_text() {
    let html = issuance(Lang::En, Some(job("running", 30, 11, 1, 0)))
        .render()
        .expect("renders");
    assert!(html.contains(
        "<progress id=\"issuance-progress\" max=\"30\" value=\"12\">12 of 30 trainees dealt with (40%)</progress>"
    ));
    assert!(html.contains(
        "<label for=\"issuance-progress\" id=\"issuance-progress-text\" class=\"progress-label\">12 of 30 trainees dealt with (40%)</label>"
    ));
    assert_eq!(text_of(&html, "issuance-issued"), "11");
    assert_eq!(text_of(&html, "issuance-skipped-count"), "1");
    assert_eq!(text_of(&html, "issuance-failed"), "0");
    assert_eq!(text_of(&html, "issuance-total"), "30");
    assert!(html.contains("2026-06-30 09:00"));

    let html = issuance(Lang::Km, Some(job("running", 1_200, 1_100, 0, 0)))
        .render()
        .expect("renders");
    assert!(html.contains(
        "<progress id=\"issuance-progress\" max=\"1200\" value=\"1100\">បានដំណើរការ ១.១០០ នាក់ ក្នុងចំណោម ១.២០០ នាក់ (៩១ ភាគរយ)</progress>"
    ));
    assert_eq!(text_of(&html, "issuance-issued"), "១.១០០");
    assert!(html.contains("២០២៦-០៦-៣០ ០៩:០០"), "Khmer digits in the time");
}

#[test]
fn progress_arithmetic() {
    assert_eq!(job("running", 30, 11, 1, 0).percent(), 40);
    assert_eq!(job("running", 3, 1, 0, 0).percent(), 33);
    assert_eq!(job("finished", 30, 27, 2, 1).percent(), 100);
    assert_eq!(job("finished", 30, 40, 0, 0).percent(), 100, "never more than 100");
    assert_eq!(job("queued", 0, 0, 0, 0).percent(), 0);
    assert_eq!(job("finished", 0, 0, 0, 0).percent(), 100);
    assert_eq!(job("running", 30, 11, 1, 2).done(), 14);
    assert!(job("queued", 1, 0, 0, 0).is_active());
    assert!(!job("failed", 1, 0, 0, 0).is_active());
    // A batch of nobody still has a valid progress element.
    let html = issuance(Lang::En, Some(job("finished", 0, 0, 0, 0)))
        .render()
        .expect("renders");
    assert!(html.contains("<progress id=\"issuance-progress\" max=\"1\" value=\"1\">"));
    let html = issuance(Lang::En, Some(job("queued", 0, 0, 0, 0)))
        .render()
        .expect("renders");
    assert!(html.contains("<progress id=\"issuance-progress\" max=\"1\" value=\"0\">"));
}

#[test]
fn a_finished_batch_offers_the_zip_and_the_skipped_report() {
    for lang in Lang::ALL {
        let mut finished = job("finished", 30, 27, 2, 1);
        finished.finished_at = Some("2026-06-30 09:03".to_owned());
        finished.zip_href = Some("/cohorts/7/certificates/jobs/1.zip".to_owned());
        finished.skipped_rows = vec![SkippedView {
            worker_name: "Keo Dara".to_owned(),
            registry_number: "W-2025-000001".to_owned(),
            reason: i18n::t(lang, "issuance-skip-already-certified"),
        }];
        let html = issuance(lang, Some(finished)).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!(
            "<a id=\"issuance-zip\" class=\"button\" href=\"/cohorts/7/certificates/jobs/1.zip\" type=\"application/zip\">{}</a>",
            i18n::t(lang, "issuance-zip")
        )));
        assert!(html.contains("<table id=\"issuance-skipped\" class=\"table stack\">"));
        assert!(html.contains(&format!(
            "<td data-label=\"{}\">{}</td>",
            i18n::t(lang, "issuance-col-reason"),
            i18n::t(lang, "issuance-skip-already-certified")
        )));
        assert!(html.contains(&i18n::t(lang, "issuance-finished-at")));
        assert!(!html.contains("id=\"issuance-error\""));
    }
    // Still running: neither yet.
    let html = issuance(Lang::En, Some(job("running", 30, 2, 0, 0)))
        .render()
        .expect("renders");
    assert!(!html.contains("id=\"issuance-zip\""));
    assert!(!html.contains("id=\"issuance-skipped\""));
}

#[test]
fn a_failed_batch_says_why() {
    let mut failed = job("failed", 30, 5, 0, 25);
    failed.error = Some("The provider has no signing key.".to_owned());
    let html = issuance(Lang::En, Some(failed)).render().expect("renders");
    assert!(html.contains("<div id=\"issuance-error\" class=\"notice notice-bad\" role=\"alert\">"));
    assert!(html.contains("<p>The provider has no signing key.</p>"));
    assert_eq!(text_of(&html, "issuance-state"), "Stopped by an error");
}

#[test]
fn issuance_page_escapes_what_it_is_given() {
    let mut running = job("running", 3, 1, 0, 0);
    running.started_at = "<script>".to_owned();
    running.skipped_rows = vec![SkippedView {
        worker_name: "<img src=x>".to_owned(),
        registry_number: "\"><i>".to_owned(),
        reason: "<b>why</b>".to_owned(),
    }];
    let mut page = issuance(Lang::En, Some(running));
    page.cohort_name = "<script>alert(1)</script>".to_owned();
    page.eligible[0].worker_name = "A & B".to_owned();
    page.ineligible[0].reasons = vec!["<u>x</u>".to_owned()];
    let html = page.render().expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<i>"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("<u>"));
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(html.contains(">A &#38; B</th>"));
}

#[test]
fn an_unknown_state_is_shown_as_it_is() {
    let page = issuance(Lang::En, Some(job("paused", 3, 1, 0, 0)));
    assert!(!page.refreshes());
    let html = page.render().expect("renders");
    assert_eq!(text_of(&html, "issuance-state"), "paused");
}
