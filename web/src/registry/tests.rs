use super::*;
use crate::pages::tests::{assert_layout, signed_in};

/// Catalogue keys must never reach the page: a missing message would show as its key.
fn assert_translated(html: &str) {
    for prefix in [
        ">workers-",
        ">worker-",
        ">posting-",
        ">import-",
        ">form-",
        ">field-",
        ">hint-",
        ">status-",
        ">category-",
        ">sex-",
        ">employment-",
        "\"workers-col",
        "\"posting-",
        "\"worker-period",
    ] {
        assert!(!html.contains(prefix), "untranslated {prefix}");
    }
}

fn row(i: usize, lang: Lang) -> WorkerRowView {
    WorkerRowView {
        href: format!("/workers/{i}"),
        registry_number: format!("KL-2026-{i:06}"),
        name_km: Some("សុខ ចាន់ថា".to_owned()),
        name_latin: Some("SOK Chantha".to_owned()),
        category: category_label(lang, "para_professional"),
        status: status_label(lang, "active"),
        status_code: "active".to_owned(),
        posting: Some("Social worker, Kampong Cham DoSVY, Kampong Cham".to_owned()),
    }
}

fn list(lang: Lang, rows: usize) -> WorkerListPage {
    let mut statuses = code_choices(&STATUS_CODES, "active", |c| status_label(lang, c));
    statuses.insert(0, any_choice(lang, false));
    let mut categories = code_choices(&CATEGORY_CODES, "", |c| category_label(lang, c));
    categories.insert(0, any_choice(lang, true));
    WorkerListPage {
        shell: signed_in(lang, "hr_officer", "/workers"),
        q: String::new(),
        statuses,
        categories,
        provinces: vec![any_choice(lang, true), Choice::new("03", "Kampong Cham", false)],
        rows: (1..=rows).map(|i| row(i, lang)).collect(),
        next_href: Some("/workers?after=KL-2026-000005".to_owned()),
        can_create: true,
        can_import: true,
        total_shown: rows,
    }
}

#[test]
fn worker_list_has_search_filters_and_rows() {
    for lang in Lang::ALL {
        let html = list(lang, 5).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!("<title>{} · ", i18n::t(lang, "workers-title"))));
        assert!(html.contains(
            "<form id=\"worker-search\" class=\"search\" method=\"get\" action=\"/workers\" role=\"search\""
        ));
        assert!(html.contains("<label for=\"q\">"));
        assert!(html.contains("<input id=\"q\" name=\"q\" type=\"search\" value=\"\" aria-describedby=\"q-hint\""));
        for filter in ["status", "category", "province"] {
            assert!(html.contains(&format!("<label for=\"{filter}\">")), "{filter}");
            assert!(
                html.contains(&format!("<select id=\"{filter}\" name=\"{filter}\">")),
                "{filter}"
            );
        }
        assert!(html.contains("<option value=\"active\" selected>"));
        assert!(html.contains(&format!(
            "<option value=\"\">{}</option>",
            i18n::t(lang, "workers-filter-any")
        )));
        assert!(html.contains("<table id=\"worker-list\" class=\"table stack\">"));
        assert_eq!(html.matches("<tr>").count(), 6, "a header and five rows");
        assert!(html.contains("<a href=\"/workers/3\"><span lang=\"km\">សុខ ចាន់ថា</span><br>"));
        assert!(
            html.contains(">KL-2026-000003</td>"),
            "registry numbers keep their digits"
        );
        assert!(html.contains("<span class=\"tag tag-active\">"));
        assert!(html.contains("href=\"/workers?after=KL-2026-000005\" rel=\"next\""));
        assert!(html.contains("<a id=\"worker-new\" class=\"button\" href=\"/workers/new\">"));
        assert!(html.contains("href=\"/workers/import\">"));
        assert!(html.contains("aria-current=\"page\">"), "the menu marks the list");
        assert!(
            html.contains("id=\"worker-search-clear\""),
            "a filter is in use, so it can be cleared"
        );
    }
    let html = list(Lang::Km, 5).render().expect("renders");
    assert!(html.contains("បុគ្គលិកដែលបង្ហាញ៖ ៥ នាក់"));
    assert!(html.contains(">សកម្ម</span>"));
    let html = list(Lang::En, 5).render().expect("renders");
    assert!(html.contains("Workers shown: 5"));
    assert!(html.contains("data-label=\"Current posting\""));
}

#[test]
fn worker_list_without_rights_results_or_more() {
    let mut page = list(Lang::En, 0);
    page.can_create = false;
    page.can_import = false;
    page.next_href = None;
    for choice in page.statuses.iter_mut() {
        choice.selected = choice.value.is_empty();
    }
    let html = page.render().expect("renders");
    assert!(!html.contains("/workers/new"));
    assert!(!html.contains("/workers/import"));
    assert!(!html.contains("rel=\"next\""));
    assert!(!html.contains("id=\"worker-list\""));
    assert!(html.contains("<p id=\"workers-none\" class=\"empty\">No worker matches this search.</p>"));
    assert!(!html.contains("id=\"worker-search-clear\""), "nothing to clear");
}

#[test]
fn worker_list_escapes_what_it_is_given() {
    let mut page = list(Lang::En, 1);
    page.q = "\"><script>alert(1)</script>".to_owned();
    page.rows[0].name_latin = Some("<b>x</b>".to_owned());
    page.rows[0].status_code = "a\" onclick=\"x".to_owned();
    let html = page.render().expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>x</b>"));
    assert!(!html.contains("onclick=\"x"));
}

fn profile(lang: Lang) -> WorkerProfilePage {
    WorkerProfilePage {
        shell: signed_in(lang, "hr_officer", "/workers/1"),
        worker: WorkerView {
            registry_number: "KL-2026-000017".to_owned(),
            name_km: Some("សុខ ចាន់ថា".to_owned()),
            name_latin: Some("SOK Chantha".to_owned()),
            sex: sex_label(lang, "female"),
            birth_date: Some((1988, 4, 13)),
            national_id: Some("010203045".to_owned()),
            phone: Some("012 345 678".to_owned()),
            email: None,
            category: category_label(lang, "professional_social_worker"),
            status: status_label(lang, "active"),
            status_code: "active".to_owned(),
            merged_into: None,
        },
        categories: vec![
            CategorySpanView {
                category: category_label(lang, "professional_social_worker"),
                from: (2023, 9, 1),
                to: None,
            },
            CategorySpanView {
                category: category_label(lang, "para_professional"),
                from: (2015, 3, 2),
                to: Some((2023, 8, 31)),
            },
        ],
        postings: vec![
            PostingView {
                organization: "Kampong Cham DoSVY".to_owned(),
                duty_station: "Kampong Cham".to_owned(),
                position: Some("Social worker".to_owned()),
                focal_point: true,
                employment_type: employment_type_label(lang, "civil_servant"),
                primary: true,
                start: (2023, 9, 1),
                end: None,
                current: true,
            },
            PostingView {
                organization: "Batheay District Office".to_owned(),
                duty_station: "Batheay, Kampong Cham".to_owned(),
                position: None,
                focal_point: false,
                employment_type: employment_type_label(lang, "contract"),
                primary: false,
                start: (2015, 3, 2),
                end: Some((2023, 8, 31)),
                current: false,
            },
        ],
        possible_duplicates: Vec::new(),
        can_edit: true,
        edit_href: "/workers/1/edit".to_owned(),
        flash: None,
        transcript_href: None,
    }
}

#[test]
fn worker_profile_shows_identity_history_and_postings() {
    for lang in Lang::ALL {
        let html = profile(lang).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains("<title>សុខ ចាន់ថា · "));
        assert!(html.contains(
            "<h1 id=\"worker-name\" class=\"worker-name\"><span lang=\"km\">សុខ ចាន់ថា</span> <span class=\"name-latin\">SOK Chantha</span></h1>"
        ));
        assert!(html.contains("<dd id=\"registry-number\" class=\"code\">KL-2026-000017</dd>"));
        assert!(html.contains("<a id=\"worker-edit\" class=\"button\" href=\"/workers/1/edit\">"));
        assert!(html.contains("<table id=\"worker-categories\""));
        assert!(html.contains("<table id=\"worker-postings\" class=\"table stack\">"));
        assert!(html.contains("<tr class=\"row-current\">"));
        assert!(html.contains("href=\"tel:012 345 678\""));
        for key in [
            "worker-training-heading",
            "worker-training-none",
            "worker-licence-heading",
            "worker-licences-link",
            "posting-primary",
            "posting-focal-point",
            "worker-current",
        ] {
            assert!(html.contains(&i18n::t(lang, key)), "{key} in {}", lang.code());
        }
        assert!(
            html.contains("href=\"/workers/1/licences\""),
            "the licences of the worker are linked"
        );
        assert!(!html.contains("id=\"worker-duplicates\""));
        assert!(!html.contains("id=\"worker-merged\""));
        assert!(!html.contains("class=\"flash\""));
    }
    let html = profile(Lang::En).render().expect("renders");
    assert!(html.contains("<dd id=\"worker-birth-date\">13 April 1988</dd>"));
    assert!(html.contains("Since 1 September 2023"));
    assert!(html.contains("2 March 2015 to 31 August 2023"));
    assert!(html.contains("No training records yet."));
    assert!(html.contains("Licences, applications and CPD"));
    let html = profile(Lang::Km).render().expect("renders");
    assert!(html.contains("<dd id=\"worker-birth-date\">១៣ មេសា ១៩៨៨</dd>"));
    assert!(html.contains("ចាប់ពី ១ កញ្ញា ២០២៣"));
    assert!(html.contains("ពី ២ មីនា ២០១៥ ដល់ ៣១ សីហា ២០២៣"));
    assert!(html.contains(">010203045<"), "identifiers keep their digits");
}

#[test]
fn worker_profile_variants() {
    let mut page = profile(Lang::En);
    page.worker.birth_date = None;
    page.worker.name_km = None;
    page.worker.name_latin = None;
    page.worker.merged_into = Some(("KL-2026-000001".to_owned(), "/workers/9".to_owned()));
    page.possible_duplicates = vec![row(4, Lang::En)];
    page.can_edit = false;
    page.postings.clear();
    page.categories.clear();
    page.flash = Some("Worker registered.".to_owned());
    let html = page.render().expect("renders");
    assert_translated(&html);
    assert!(html.contains("<dd id=\"worker-birth-date\"><span class=\"muted\">Not shown to your role</span></dd>"));
    assert!(html.contains("<h1 id=\"worker-name\" class=\"worker-name\">KL-2026-000017</h1>"));
    assert!(html.contains("<title>KL-2026-000017 · "));
    assert!(html.contains("id=\"worker-merged\""));
    assert!(html.contains("<a href=\"/workers/9\">KL-2026-000001</a>"));
    assert!(html.contains("id=\"worker-duplicates\""));
    assert!(html.contains("<a href=\"/workers/4\">"));
    assert!(!html.contains("id=\"worker-edit\""));
    assert!(html.contains("No posting recorded."));
    assert!(html.contains("<div id=\"flash\" class=\"flash\" role=\"status\">Worker registered.</div>"));

    page.shell.flash = Some("You are signed in.".to_owned());
    let html = page.render().expect("renders");
    assert_eq!(html.matches("id=\"flash\"").count(), 1, "ids stay unique");
    assert!(html.contains("<div id=\"worker-flash\" class=\"flash\" role=\"status\">Worker registered.</div>"));
}

fn form(lang: Lang, editing: bool) -> WorkerFormPage {
    let values = [
        ("family_name_km", "សុខ"),
        ("given_name_km", "Chantha"),
        ("family_name_latin", "SOK"),
        ("sex", "female"),
        ("birth_date", "1988-04-13"),
        ("email", "a\"b@example.org"),
        ("focal_point", "yes"),
        ("duty_station_code", "0301"),
    ];
    let errors = [
        ("organization_id", field_error(lang, "required")),
        ("given_name_km", field_error(lang, "script")),
        ("category", field_error(lang, "one_of")),
    ];
    WorkerFormPage {
        shell: signed_in(lang, "hr_officer", "/workers/new"),
        editing,
        action: if editing { "/workers/1/edit" } else { "/workers" }.to_owned(),
        values: values.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect(),
        errors: errors.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
        sexes: code_choices(&SEX_CODES, "", |c| sex_label(lang, c)),
        categories: code_choices(&CATEGORY_CODES, "", |c| category_label(lang, c)),
        employment_types: code_choices(&EMPLOYMENT_TYPE_CODES, "", |c| employment_type_label(lang, c)),
        organizations: vec![Choice::new("7", "Kampong Cham DoSVY", false)],
        version: editing.then_some(3),
    }
}

#[test]
fn worker_form_has_every_field_with_its_label() {
    for lang in Lang::ALL {
        let html = form(lang, false).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(
            html.contains("<form id=\"worker-form\" class=\"form\" method=\"post\" action=\"/workers\" novalidate>")
        );
        assert!(!html.contains("name=\"version\""));
        for name in WORKER_FIELDS.iter().chain(POSTING_FIELDS.iter()) {
            assert!(html.contains(&format!("id=\"{name}\" name=\"{name}\"")), "{name}");
            if *name != "sex" {
                assert!(html.contains(&format!("<label for=\"{name}\">")), "{name} has a label");
            }
        }
        for (name, kind) in [
            ("birth_date", "date"),
            ("posting_start_date", "date"),
            ("phone", "tel"),
            ("email", "email"),
            ("national_id", "text"),
            ("duty_station_code", "text"),
            ("focal_point", "checkbox"),
        ] {
            assert!(
                html.contains(&format!("id=\"{name}\" name=\"{name}\" type=\"{kind}\"")),
                "{name} is {kind}"
            );
        }
        for legend in [
            "worker-fieldset-name-km",
            "worker-fieldset-name-latin",
            "worker-fieldset-identity",
            "worker-fieldset-contact",
            "worker-fieldset-category",
            "worker-fieldset-posting",
        ] {
            assert!(
                html.contains(&format!("<legend>{}</legend>", i18n::t(lang, legend))),
                "{legend}"
            );
        }
        assert!(html.contains(&format!("<legend>{}</legend>", i18n::t(lang, "field-sex"))));
        assert!(html.contains("id=\"sex\" name=\"sex\" type=\"radio\" value=\"female\" checked"));
        assert!(html.contains("id=\"sex-male\" name=\"sex\" type=\"radio\" value=\"male\">"));
        assert!(html.contains("type=\"checkbox\" value=\"yes\" checked"));
        assert!(html.contains("value=\"1988-04-13\""), "typed values are kept");
        assert!(html.contains("value=\"a&#34;b@example.org\""), "and escaped");
        assert!(
            html.contains("id=\"given_name_km\" name=\"given_name_km\" type=\"text\" value=\"Chantha\" lang=\"km\"")
        );
        assert!(html.contains(&i18n::t(lang, "hint-duty-station-code")));
        assert!(html.contains("aria-describedby=\"duty_station_code-hint\""));
        assert!(html.contains("<a href=\"/about#data-sources\">"));
        assert!(html.contains(&format!(
            "<option value=\"\" selected>{}</option>",
            i18n::t(lang, "form-choose")
        )));
        assert!(html.contains("<a id=\"worker-cancel\" href=\"/workers\">"));
    }
    let html = form(Lang::En, false).render().expect("renders");
    assert!(html.contains("<h1>Register a worker</h1>"));
    assert!(html.contains("<label for=\"duty_station_code\">Duty station</label>"));
    assert!(html.contains("Gazetteer code: province 2 digits, district 4, commune 6."));
}

#[test]
fn worker_form_errors_are_summarised_and_tied_to_their_fields() {
    for lang in Lang::ALL {
        let html = form(lang, false).render().expect("renders");
        let summary_at = html
            .find("<div id=\"form-errors\" class=\"error-summary\" role=\"alert\"")
            .expect("summary");
        assert!(
            summary_at < html.find("<form id=\"worker-form\"").expect("form"),
            "summary above the form"
        );
        // In the order of the form, not of the map.
        let given = html.find("<a href=\"#given_name_km\">").expect("link to given_name_km");
        let category = html.find("<a href=\"#category\">").expect("link to category");
        let organization = html
            .find("<a href=\"#organization_id\">")
            .expect("link to organization_id");
        assert!(given < category && category < organization);
        let item = i18n::t_args(
            lang,
            "form-error-item",
            &[
                ("field", &field_label(lang, "given_name_km")),
                ("message", &field_error(lang, "script")),
            ],
        );
        assert!(html.contains(&format!("<a href=\"#given_name_km\">{item}</a>")));
        for name in ["given_name_km", "category", "organization_id"] {
            assert!(
                html.contains(&format!("<p id=\"{name}-error\" class=\"field-error\">")),
                "{name}"
            );
            assert!(
                html.contains(&format!("aria-invalid=\"true\" aria-describedby=\"{name}-error\"")),
                "{name}"
            );
        }
        assert_eq!(html.matches("aria-invalid=\"true\"").count(), 3);
        assert!(html.contains(&format!(
            "<span class=\"visually-hidden\">{}</span>",
            i18n::t(lang, "form-error-prefix")
        )));
    }
    let mut page = form(Lang::En, false);
    page.errors.clear();
    let html = page.render().expect("renders");
    assert!(!html.contains("form-errors"));
    assert!(!html.contains("role=\"alert\""));
    assert!(!html.contains("aria-invalid"));

    page.errors.insert("sex".to_owned(), field_error(Lang::En, "required"));
    page.errors
        .insert("version".to_owned(), i18n::t(Lang::En, "worker-error-version"));
    page.errors
        .insert("nickname".to_owned(), field_error(Lang::En, "too_long"));
    let html = page.render().expect("renders");
    assert!(html.contains("<a href=\"#sex\">Sex: This is required.</a>"));
    assert!(html.contains("<fieldset class=\"field radios field-invalid\" aria-describedby=\"sex-error\">"));
    assert!(
        html.contains("<li>Someone else changed this record"),
        "no link, no label"
    );
    assert!(html.contains("<li>nickname: This is too long.</li>"));
}

#[test]
fn worker_edit_form_sends_the_version_and_no_posting() {
    for lang in Lang::ALL {
        let html = form(lang, true).render().expect("renders");
        assert_translated(&html);
        assert!(html.contains(
            "<form id=\"worker-form\" class=\"form\" method=\"post\" action=\"/workers/1/edit\" novalidate>"
        ));
        assert!(html.contains("<input type=\"hidden\" name=\"version\" value=\"3\">"));
        assert!(html.contains(&format!("<h1>{}</h1>", i18n::t(lang, "worker-form-edit-title"))));
        for name in POSTING_FIELDS {
            assert!(
                !html.contains(&format!("name=\"{name}\"")),
                "{name} only when registering"
            );
        }
        assert!(
            !html.contains("href=\"#organization_id\""),
            "an error on a field not shown has no link"
        );
        assert!(html.contains("<a id=\"worker-cancel\" href=\"/workers/1\">"));
    }
}

fn import(lang: Lang) -> ImportPage {
    ImportPage {
        shell: signed_in(lang, "hr_officer", "/workers/import"),
        template_href: "/api/v1/imports/workers/template.csv".to_owned(),
        report: Some(ImportReportView {
            dry_run: true,
            file_name: "staff.xlsx".to_owned(),
            rows_total: 1_240,
            rows_valid: 1_237,
            rows_created: 1_190,
            rows_existing: 47,
            problems: vec![
                ImportProblemView {
                    row: 14,
                    column: "birth_date".to_owned(),
                    problem: field_error(lang, "date"),
                },
                ImportProblemView {
                    row: 212,
                    column: "family_name_km".to_owned(),
                    problem: field_error(lang, "script"),
                },
                ImportProblemView {
                    row: 1_033,
                    column: "duty_station_code".to_owned(),
                    problem: field_error(lang, "exists"),
                },
            ],
            report_csv_href: Some("/api/v1/imports/workers/7f3a/report.csv".to_owned()),
            commit_token: None,
        }),
        error: None,
    }
}

#[test]
fn import_page_checks_first_and_reports_problems() {
    for lang in Lang::ALL {
        let mut page = import(lang);
        let report = page.report.take();
        let html = page.render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(
            "<form id=\"import-form\" class=\"form\" method=\"post\" action=\"/workers/import\" enctype=\"multipart/form-data\">"
        ));
        assert!(html.contains("<label for=\"import-file\">"));
        assert!(html.contains("<input id=\"import-file\" name=\"file\" type=\"file\" accept=\".csv,.xlsx"));
        assert!(html.contains(&format!(
            "<button id=\"import-submit\" type=\"submit\" class=\"button\">{}</button>",
            i18n::t(lang, "import-submit")
        )));
        assert!(html.contains("href=\"/api/v1/imports/workers/template.csv\" download>"));
        assert!(html.contains(&i18n::t(lang, "import-safe")));
        assert!(html.contains(&i18n::t(lang, "import-idempotent")));
        assert!(!html.contains("id=\"import-report\""));

        page.report = report;
        let html = page.render().expect("renders");
        assert_translated(&html);
        assert!(html.contains("<section id=\"import-report\""));
        assert!(html.contains("<table id=\"import-problems\" class=\"table\">"));
        assert!(html.contains("<caption id=\"import-problems-caption\">"));
        assert!(html.contains("<th scope=\"col\" class=\"num\">"));
        assert_eq!(html.matches("<td class=\"num\">").count(), 3);
        assert!(html.contains("href=\"/api/v1/imports/workers/7f3a/report.csv\" download>"));
        assert!(
            !html.contains("id=\"import-commit\""),
            "no commit while there are problems"
        );
        assert!(html.contains(&i18n::t(lang, "import-problems-fix")));
    }
    let html = import(Lang::Km).render().expect("renders");
    assert!(html.contains("<dd id=\"import-rows-total\">១.២៤០</dd>"));
    assert!(
        html.contains("<td class=\"num\">១០៣៣</td>"),
        "row numbers as a spreadsheet shows them"
    );
    assert!(html.contains("បញ្ហាដែលរកឃើញ៖ ៣"));
    let html = import(Lang::En).render().expect("renders");
    assert!(html.contains("<dd id=\"import-rows-total\">1,240</dd>"));
    assert!(html.contains("<dd id=\"import-rows-created\">1,190</dd>"));
    assert!(html.contains("<td class=\"num\">1033</td>"));
    assert!(html.contains("Problems found: 3"));
    assert!(html.contains("New workers to register"));
}

#[test]
fn import_page_offers_the_commit_only_after_a_clean_check() {
    let mut page = import(Lang::En);
    if let Some(report) = page.report.as_mut() {
        report.problems.clear();
        report.commit_token = Some("0190c7e2-\"x".to_owned());
    }
    let html = page.render().expect("renders");
    assert!(
        html.contains("<form id=\"import-commit\" class=\"commit\" method=\"post\" action=\"/workers/import/commit\">")
    );
    assert!(html.contains("<input type=\"hidden\" name=\"import_id\" value=\"0190c7e2-&#34;x\">"));
    assert!(html.contains(">Commit the import</button>"));
    assert!(html.contains("No problems found. Nothing has been saved yet."));
    assert!(!html.contains("id=\"import-problems\""));

    if let Some(report) = page.report.as_mut() {
        report.dry_run = false;
        report.commit_token = None;
    }
    let html = page.render().expect("renders");
    assert!(html.contains("The import is done."));
    assert!(html.contains("New workers registered"));
    assert!(!html.contains("id=\"import-commit\""));
}

#[test]
fn import_error_is_announced() {
    for lang in Lang::ALL {
        let mut page = import(lang);
        page.report = None;
        page.error = Some(i18n::t(lang, "import-error-no-file"));
        let html = page.render().expect("renders");
        assert!(html.contains("<div id=\"import-error\" class=\"error-summary\" role=\"alert\""));
        assert!(html.contains(&format!(
            "<a href=\"#import-file\">{}</a>",
            i18n::t(lang, "import-error-no-file")
        )));
        assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"import-file-hint import-error\""));
    }
}

#[test]
fn codes_have_labels_in_both_languages() {
    let sets: [(&str, &[&str]); 4] = [
        ("status", &STATUS_CODES),
        ("category", &CATEGORY_CODES),
        ("sex", &SEX_CODES),
        ("employment", &EMPLOYMENT_TYPE_CODES),
    ];
    for (prefix, codes) in sets {
        for code in codes {
            let key = code_key(prefix, code);
            for lang in Lang::ALL {
                assert!(i18n::has_message(lang, &key), "{key} in {}", lang.code());
            }
        }
    }
    assert_eq!(status_label(Lang::En, "left_workforce"), "Left the workforce");
    assert_eq!(status_label(Lang::Km, "active"), "សកម្ម");
    assert_eq!(
        status_label(Lang::En, "retired"),
        "retired",
        "unknown codes are shown as they are"
    );
    assert_eq!(category_label(Lang::En, "para_social_worker"), "Para social worker");
    assert_eq!(category_label(Lang::Km, "professional_social_worker"), "អ្នកសង្គមកិច្ចវិជ្ជាជីវៈ");
    assert_eq!(sex_label(Lang::Km, "female"), "ស្រី");
    assert_eq!(employment_type_label(Lang::En, "civil_servant"), "Civil servant");
    assert_eq!(employment_type_label(Lang::Km, "volunteer"), "អ្នកស្ម័គ្រចិត្ត");
}

#[test]
fn field_errors_have_a_sentence_per_rule() {
    let mut seen = std::collections::BTreeSet::new();
    for rule in FIELD_ERROR_RULES {
        let key = code_key("field-error", rule);
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, &key), "{key} in {}", lang.code());
            assert_eq!(field_error(lang, rule), i18n::t(lang, &key));
        }
        assert!(seen.insert(field_error(Lang::En, rule)), "{rule} has its own sentence");
    }
    assert_eq!(field_error(Lang::En, "required"), "This is required.");
    assert_eq!(
        field_error(Lang::En, "after_start"),
        "This date must come after the start date."
    );
    assert_eq!(field_error(Lang::En, "no_such_rule"), "This is not valid.");
    assert_eq!(field_error(Lang::Km, "no_such_rule"), "ទិន្នន័យនេះមិនត្រឹមត្រូវទេ។");
    assert_eq!(field_error(Lang::En, "invalid"), "This is not valid.");
}

#[test]
fn every_form_field_has_a_label_and_hints_exist_in_both_languages() {
    for name in WORKER_FIELDS.iter().chain(POSTING_FIELDS.iter()) {
        for prefix in ["field", "hint"] {
            let key = code_key(prefix, name);
            assert_eq!(
                i18n::has_message(Lang::En, &key),
                i18n::has_message(Lang::Km, &key),
                "{key}"
            );
        }
        assert!(
            i18n::has_message(Lang::En, &code_key("field", name)),
            "{name} has a label"
        );
    }
    assert_eq!(field_label(Lang::En, "family_name_km"), "Family name in Khmer");
    assert_eq!(field_label(Lang::Km, "duty_station_code"), "កន្លែងបំពេញការងារ");
    assert_eq!(field_label(Lang::En, "photo"), "photo");
}

#[test]
fn sentences_the_api_passes_exist() {
    for key in [
        "flash-worker-created",
        "flash-worker-updated",
        "flash-import-committed",
        "worker-error-version",
        "import-error-no-file",
        "import-error-type",
        "import-error-too-large",
        "import-error-unreadable",
        "import-error-expired",
    ] {
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, key), "{key} in {}", lang.code());
        }
    }
}

#[test]
fn worker_profile_links_to_the_transcript_when_given_one() {
    for lang in Lang::ALL {
        let mut page = profile(lang);
        let html = page.render().expect("renders");
        assert!(!html.contains("id=\"worker-transcript\""));
        assert!(html.contains(&i18n::t(lang, "worker-training-none")));

        page.transcript_href = Some("/workers/1/transcript".to_owned());
        let html = page.render().expect("renders");
        assert_translated(&html);
        assert!(html.contains(&format!(
            "<a id=\"worker-transcript\" href=\"/workers/1/transcript\">{}</a>",
            i18n::t(lang, "worker-transcript")
        )));
        assert!(!html.contains(&i18n::t(lang, "worker-training-none")), "no placeholder");
    }
}
