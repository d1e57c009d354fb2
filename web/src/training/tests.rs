use domain::{CqfLevel, CreditSource, ModuleCode, WorkerStatus, parse_date};

use super::*;
use crate::pages::tests::{assert_layout, signed_in};

/// Catalogue keys must never reach the page: a missing message would show as its key.
fn assert_translated(html: &str) {
    for prefix in [
        ">training-",
        ">results-",
        ">cohort-",
        ">transcript-",
        ">progress-",
        ">credit-via-",
        ">level-",
        ">ineligible-",
        ">nav-",
        "\"training-col",
        "\"transcript-col",
    ] {
        assert!(!html.contains(prefix), "untranslated {prefix}");
    }
}

/// The start tags of `tag` (`<select`, `<input`) in `html`, each up to its `>`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.match_indices(tag)
        .map(|(at, _)| {
            let end = at + html[at..].find('>').expect("tag closes");
            &html[at..=end]
        })
        .collect()
}

/// The value of `attribute` in a start tag.
fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let needle = format!(" {attribute}=\"");
    let at = tag.find(&needle)? + needle.len();
    let end = at + tag[at..].find('"')?;
    Some(&tag[at..end])
}

fn module(code: &str, title: &str, hours: (u32, u32, u32), credits: &str) -> CatalogueModuleView {
    CatalogueModuleView {
        code: code.to_owned(),
        title: title.to_owned(),
        hours_instruction: hours.0,
        hours_laboratory: hours.1,
        hours_field: hours.2,
        credits: credits.to_owned(),
        provider: "NISA".to_owned(),
    }
}

fn catalogue(lang: Lang) -> CataloguePage {
    CataloguePage {
        shell: signed_in(lang, "registrar", "/training"),
        modules: vec![
            module("VC-101", "Child protection basics", (45, 0, 0), "3"),
            module("VC-102", "Case management", (30, 15, 0), "2.5"),
            module("VC-103", "Community practice", (0, 0, 1_350), "30"),
        ],
        qualifications: vec![CatalogueQualificationView {
            code: "VC-SW".to_owned(),
            version: 2,
            title: "Vocational Certificate in Social Work".to_owned(),
            level: qualification_level_label(lang, "cqf-1"),
            minimum_credits: "30".to_owned(),
            required: vec!["VC-101".to_owned(), "VC-102".to_owned()],
            elective: vec!["VC-103".to_owned(), "OLD-9".to_owned()],
        }],
    }
}

#[test]
fn catalogue_lists_modules_qualifications_and_the_credit_rule() {
    for lang in Lang::ALL {
        let html = catalogue(lang).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!("<title>{} · ", i18n::t(lang, "training-title"))));
        assert!(html.contains("<section id=\"credit-rule\""));
        assert!(html.contains(&i18n::t(lang, "training-credit-rule")));
        assert!(html.contains(&i18n::t(lang, "training-credit-rounding").replace('\'', "&#39;")));
        assert!(html.contains("<table id=\"modules\" class=\"table stack\">"));
        assert!(html.contains("<table id=\"qualifications\" class=\"table stack\">"));
        assert!(html.contains("<tr id=\"module-VC-101\">"));
        assert!(html.contains("<tr id=\"qualification-VC-SW-2\">"));
        assert!(html.contains("Child protection basics"));
        assert!(html.contains(">NISA</td>"));
        for key in [
            "training-col-instruction",
            "training-col-laboratory",
            "training-col-field",
            "training-col-credits",
            "training-col-provider",
            "training-col-level",
            "training-col-minimum",
            "training-col-required",
            "training-col-elective",
        ] {
            let label = i18n::t(lang, key);
            assert!(html.contains(&format!(">{label}</th>")), "{key} heads a column");
        }
        // Required and elective modules link to their rows; a code the catalogue does not
        // list is shown without a link.
        assert!(html.contains("<li class=\"code\"><a href=\"#module-VC-101\">VC-101</a></li>"));
        assert!(html.contains("<li class=\"code\"><a href=\"#module-VC-103\">VC-103</a></li>"));
        assert!(html.contains("<li class=\"code\">OLD-9</li>"));
        assert!(html.contains(&qualification_level_label(lang, "cqf-1")));
        assert!(html.contains("<a href=\"/training\" aria-current=\"page\">"));
    }
    let html = catalogue(Lang::En).render().expect("renders");
    assert!(html.contains(">2.5</td>"));
    assert!(html.contains(">1,350</td>"));
    assert!(html.contains("<span class=\"tag\">Version 2</span>"));
    assert!(html.contains("CQF level 1 — Vocational Certificate"));
    assert!(html.contains("1 credit = 15 hours of instruction = 30 hours of laboratory or workshop = 45 hours"));
    let html = catalogue(Lang::Km).render().expect("renders");
    assert!(html.contains(">២,៥</td>"), "Khmer decimal comma");
    assert!(html.contains(">៣០</td>"));
    assert!(html.contains(">៤៥</td>"));
    assert!(html.contains(">១.៣៥០</td>"));
    assert!(html.contains("<span class=\"tag\">កំណែទី ២</span>"));
    assert!(html.contains(">VC-101</span>"), "codes keep their digits");
    assert!(html.contains("១ ក្រេឌីត = ម៉ោងបង្រៀន ១៥ ម៉ោង"));
}

#[test]
fn empty_catalogue_says_so() {
    for lang in Lang::ALL {
        let html = CataloguePage {
            shell: signed_in(lang, "trainee", "/training"),
            modules: Vec::new(),
            qualifications: Vec::new(),
        }
        .render()
        .expect("renders");
        assert_translated(&html);
        assert!(html.contains(&i18n::t(lang, "training-modules-none")));
        assert!(html.contains(&i18n::t(lang, "training-qualifications-none")));
        assert!(!html.contains("<table"));
        assert!(html.contains("id=\"credit-rule\""), "the rule is explained even so");
    }
}

#[test]
fn catalogue_escapes_what_it_is_given() {
    let mut page = catalogue(Lang::En);
    page.modules[0].title = "<script>alert(1)</script>".to_owned();
    page.modules[0].provider = "A & B <i>".to_owned();
    page.qualifications[0].title = "\"><img src=x>".to_owned();
    let html = page.render().expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<i>"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
}

const MODULES: [(&str, &str); 3] = [
    ("VC-101", "Child protection basics"),
    ("VC-102", "Case management"),
    ("VC-103", "Community practice"),
];

fn cohort_row(worker_id: &str, number: &str, name: &str, cells: &[(&str, &str, &str)]) -> CohortRowView {
    CohortRowView {
        worker_id: worker_id.to_owned(),
        registry_number: number.to_owned(),
        name: name.to_owned(),
        cells: cells
            .iter()
            .map(|&(module_code, result, score)| CohortCellView {
                module_code: module_code.to_owned(),
                result: result.to_owned(),
                score: score.to_owned(),
            })
            .collect(),
    }
}

fn cohort(lang: Lang) -> CohortPage {
    CohortPage {
        shell: signed_in(lang, "registrar", "/cohorts/7"),
        cohort_id: "7".to_owned(),
        name: "Kampong Cham VC 2026-1".to_owned(),
        qualification: "Vocational Certificate in Social Work (VC-SW, version 2)".to_owned(),
        dates: "2 March 2026 to 29 May 2026".to_owned(),
        modules: MODULES
            .iter()
            .map(|&(code, title)| (code.to_owned(), title.to_owned()))
            .collect(),
        rows: vec![
            cohort_row(
                "11",
                "KL-2026-000017",
                "សុខ ចាន់ថា",
                &[("VC-101", "pass", "85"), ("VC-102", "fail", "42"), ("VC-103", "", "")],
            ),
            // Cells out of order, one missing: the grid follows the columns.
            cohort_row(
                "12",
                "KL-2026-000018",
                "HENG Sopheap",
                &[("VC-103", "pass", ""), ("VC-101", "", "")],
            ),
        ],
        assessed_on: "2026-05-29".to_owned(),
        can_record: true,
        errors: Vec::new(),
        flash: None,
        upload_problems: Vec::new(),
        upload_error: None,
    }
}

#[test]
fn results_grid_has_one_select_and_one_score_per_trainee_and_module() {
    for lang in Lang::ALL {
        let html = cohort(lang).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains("<title>Kampong Cham VC 2026-1 · "));
        assert!(html.contains(
            "<form id=\"results-form\" class=\"results-form\" method=\"post\" action=\"/cohorts/7/results\" novalidate>"
        ));
        assert!(html.contains(&format!(
            "<label for=\"assessed_on\">{}</label>",
            i18n::t(lang, "results-assessed-on")
        )));
        assert!(html.contains("<input id=\"assessed_on\" name=\"assessed_on\" type=\"date\" value=\"2026-05-29\""));
        assert!(html.contains("<table id=\"results-grid\" class=\"table grid\">"));
        assert!(html.contains(&format!(
            "<button id=\"results-submit\" type=\"submit\" class=\"button\">{}</button>",
            i18n::t(lang, "results-submit")
        )));
        assert!(!html.contains("id=\"results-errors\""), "no errors, no summary");
        assert!(!html.contains("role=\"alert\""));

        let selects = tags(&html, "<select");
        let names: Vec<&str> = selects.iter().filter_map(|tag| attribute(tag, "name")).collect();
        let mut expected = Vec::new();
        for worker in ["11", "12"] {
            for (code, _) in MODULES {
                expected.push(format!("result:{worker}:{code}"));
            }
        }
        assert_eq!(names, expected, "one select per trainee and module, in grid order");

        let scores: Vec<&str> = tags(&html, "<input")
            .into_iter()
            .filter(|tag| attribute(tag, "type") == Some("number"))
            .collect();
        let names: Vec<&str> = scores.iter().filter_map(|tag| attribute(tag, "name")).collect();
        let expected: Vec<String> = expected
            .iter()
            .map(|name| name.replacen("result", "score", 1))
            .collect();
        assert_eq!(names, expected, "one score per trainee and module");
        for tag in &scores {
            assert_eq!(attribute(tag, "min"), Some("0"));
            assert_eq!(attribute(tag, "max"), Some("100"));
            assert_eq!(attribute(tag, "inputmode"), Some("numeric"));
        }

        // Every control has a label of its own, naming the trainee and the module.
        for tag in selects.iter().chain(scores.iter()) {
            let id = attribute(tag, "id").expect("an id");
            let label_at = html
                .find(&format!("<label for=\"{id}\" class=\"visually-hidden\">"))
                .unwrap_or_else(|| panic!("a label for {id}"));
            let label = &html[label_at..label_at + html[label_at..].find("</label>").expect("closes")];
            assert!(label.contains("KL-2026-0000"), "{id}: {label}");
            assert!(label.contains("VC-10"), "{id}: {label}");
        }
        assert_eq!(html.matches("<option value=\"\"").count(), 6);
        assert_eq!(html.matches("<option value=\"pass\"").count(), 6);
        assert_eq!(html.matches("<option value=\"fail\"").count(), 6);
    }
    let html = cohort(Lang::En).render().expect("renders");
    assert!(html.contains(
        "<label for=\"result-1-1\" class=\"visually-hidden\">Result of សុខ ចាន់ថា (KL-2026-000017) in VC-101 Child protection basics</label>"
    ));
    assert!(html.contains(
        "<label for=\"score-2-3\" class=\"visually-hidden\">Score of HENG Sopheap (KL-2026-000018) in VC-103 Community practice, from 0 to 100</label>"
    ));
    assert!(html.contains("<option value=\"\">Not assessed</option>"));
    assert!(html.contains("<option value=\"pass\">Pass</option>"));
    let html_km = cohort(Lang::Km).render().expect("renders");
    assert!(html_km.contains("<option value=\"pass\">ជាប់</option>"));
    assert!(html_km.contains("<option value=\"fail\">ធ្លាក់</option>"));
    assert!(html_km.contains("placeholder=\"ពិន្ទុ\""));
}

#[test]
fn results_grid_shows_what_is_recorded_or_typed() {
    let html = cohort(Lang::En).render().expect("renders");
    let selects = tags(&html, "<select");
    let cell = |name: &str| {
        let at = html.find(&format!("name=\"{name}\"")).expect("the control");
        let end = at + html[at..].find("</select>").expect("closes");
        &html[at..end]
    };
    assert!(cell("result:11:VC-101").contains("<option value=\"pass\" selected>"));
    assert!(cell("result:11:VC-102").contains("<option value=\"fail\" selected>"));
    assert!(cell("result:11:VC-103").contains("<option value=\"\" selected>"));
    assert!(
        cell("result:12:VC-102").contains("<option value=\"\" selected>"),
        "missing cell"
    );
    assert!(cell("result:12:VC-103").contains("<option value=\"pass\" selected>"));
    assert_eq!(selects.len(), 6);
    assert!(html.contains("name=\"score:11:VC-101\" class=\"grid-score\" type=\"number\" min=\"0\" max=\"100\" step=\"1\" inputmode=\"numeric\" value=\"85\""));
    assert!(html.contains("name=\"score:12:VC-101\" class=\"grid-score\" type=\"number\" min=\"0\" max=\"100\" step=\"1\" inputmode=\"numeric\" value=\"\""));
    // Scores stay in ASCII digits in the Khmer form: they are what the browser sends back.
    let html = cohort(Lang::Km).render().expect("renders");
    assert!(html.contains("value=\"85\""));
    assert!(html.contains("value=\"2026-05-29\""));
}

#[test]
fn results_errors_are_announced_and_the_flash_shown() {
    for lang in Lang::ALL {
        let mut page = cohort(lang);
        page.errors = vec![
            results_error(lang, 1, "KL-2026-000017", "VC-101", "score_range"),
            results_error(lang, 2, "KL-2026-000018", "VC-102", "score_without_result"),
        ];
        let html = page.render().expect("renders");
        assert_translated(&html);
        assert!(html.contains(
            "<div id=\"results-errors\" class=\"error-summary\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"results-errors-heading\">"
        ));
        assert!(html.contains(&i18n::t(lang, "results-errors-heading")));
        assert!(html.contains(&i18n::t(lang, "results-errors-intro")));
        for error in &page.errors {
            assert!(html.contains(&format!("<li>{error}</li>")), "{error}");
        }
        assert!(html.contains("id=\"results-form\""), "the form stays, to correct it");
    }
    let mut page = cohort(Lang::En);
    page.errors = vec![results_error(Lang::En, 3, "KL-2026-000017", "VC-101", "score_range")];
    page.flash = Some("<b>2 results recorded.</b>".to_owned());
    let html = page.render().expect("renders");
    assert!(html.contains("<li>Row 3 (KL-2026-000017), VC-101: the score must be a whole number from 0 to 100</li>"));
    assert!(html.contains(
        "<div id=\"flash\" class=\"flash\" role=\"status\">&#60;b&#62;2 results recorded.&#60;/b&#62;</div>"
    ));
    page.shell.flash = Some("You are signed in.".to_owned());
    let html = page.render().expect("renders");
    assert_eq!(html.matches("id=\"flash\"").count(), 1, "ids stay unique");
    assert!(html.contains("<div id=\"cohort-flash\" class=\"flash\" role=\"status\">"));
}

#[test]
fn results_grid_scrolls_in_its_own_box_with_the_trainee_column_sticky() {
    let html = cohort(Lang::Km).render().expect("renders");
    assert!(html.contains(
        "<div class=\"table-wrap grid-wrap\" role=\"region\" aria-labelledby=\"results-caption\" tabindex=\"0\">"
    ));
    assert_eq!(html.matches("<th scope=\"row\" class=\"grid-trainee\">").count(), 2);
    assert!(html.contains("<th scope=\"col\" class=\"grid-trainee\">សិក្ខាកាម</th>"));
    let css = crate::assets::STYLE_CSS;
    assert!(css.contains(".grid-wrap"));
    assert!(css.contains(".grid .grid-trainee"));
    assert!(css.contains("position: sticky"));
}

#[test]
fn results_grid_without_the_right_to_record_shows_text() {
    for lang in Lang::ALL {
        let mut page = cohort(lang);
        page.can_record = false;
        page.shell = signed_in(lang, "hr_officer", "/cohorts/7");
        let html = page.render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(!html.contains("<form id=\"results-form\""));
        assert!(!html.contains("<select"));
        assert!(!html.contains("id=\"results-submit\""));
        assert!(html.contains("<table id=\"results-grid\" class=\"table grid\">"));
        assert!(html.contains(&i18n::t(lang, "results-read-only")));
    }
    let mut page = cohort(Lang::Km);
    page.can_record = false;
    let html = page.render().expect("renders");
    assert!(html.contains("<td class=\"grid-cell result-pass\">ជាប់ · ៨៥</td>"));
    assert!(html.contains("<td class=\"grid-cell result-fail\">ធ្លាក់ · ៤២</td>"));
    assert!(html.contains("<td class=\"grid-cell result-none\">មិនទាន់វាយតម្លៃ</td>"));
}

#[test]
fn cohort_without_trainees_or_modules_says_so() {
    let mut page = cohort(Lang::En);
    page.rows.clear();
    let html = page.render().expect("renders");
    assert!(html.contains("No trainee is enrolled in this cohort yet."));
    assert!(!html.contains("id=\"results-form\""));
    let mut page = cohort(Lang::En);
    page.modules.clear();
    let html = page.render().expect("renders");
    assert!(html.contains("The qualification of this cohort has no module yet."));
    assert!(!html.contains("id=\"results-form\""));
}

#[test]
fn cohort_escapes_names_and_ids() {
    let mut page = cohort(Lang::En);
    page.name = "<script>alert(1)</script>".to_owned();
    page.rows[0].name = "<img src=x onerror=alert(1)>".to_owned();
    page.rows[0].worker_id = "\"><x".to_owned();
    page.cohort_id = "7\"><x".to_owned();
    page.qualification = "A & B".to_owned();
    let html = page.render().expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("\"><x"));
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62;"));
    assert!(html.contains("A &#38; B"));
}

fn transcript(lang: Lang) -> TranscriptPage {
    TranscriptPage {
        shell: signed_in(lang, "trainee", "/workers/11/transcript"),
        worker_name: "សុខ ចាន់ថា".to_owned(),
        registry_number: "KL-2026-000017".to_owned(),
        worker_href: "/workers/11".to_owned(),
        modules: vec![
            TranscriptModuleView {
                code: "VC-101".to_owned(),
                title: "Child protection basics".to_owned(),
                credits: "3".to_owned(),
                via: credit_source_label(lang, "completion"),
                on: (2026, 3, 20),
            },
            TranscriptModuleView {
                code: "VC-102".to_owned(),
                title: "Case management".to_owned(),
                credits: "2.5".to_owned(),
                via: credit_source_label(lang, "rpl"),
                on: (2025, 11, 4),
            },
        ],
        total: "5.5".to_owned(),
        progress: vec![
            ProgressView {
                qualification: "Vocational Certificate in Social Work (VC-SW, version 2)".to_owned(),
                earned: "5.5".to_owned(),
                minimum: "30".to_owned(),
                percent: 18,
                eligible: false,
                reasons: vec![
                    ineligibility_sentence(
                        lang,
                        &Ineligibility::NotEnoughCredits {
                            earned: Credits::from_ninetieths(495),
                            minimum: Credits::from_whole(30),
                        },
                    ),
                    ineligibility_sentence(
                        lang,
                        &Ineligibility::RequiredModulesMissing {
                            modules: vec![ModuleCode::parse("m", "VC-103").expect("a code")],
                        },
                    ),
                ],
            },
            ProgressView {
                qualification: "Allied workers' certificate".to_owned(),
                earned: "5.5".to_owned(),
                minimum: "5".to_owned(),
                percent: 100,
                eligible: true,
                reasons: Vec::new(),
            },
        ],
    }
}

#[test]
fn transcript_lists_credits_total_and_progress() {
    for lang in Lang::ALL {
        let html = transcript(lang).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(html.contains(&format!("<title>សុខ ចាន់ថា · {} · ", i18n::t(lang, "transcript-title"))));
        assert!(html.contains("<a id=\"transcript-back\" href=\"/workers/11\">"));
        assert!(html.contains("<dd id=\"transcript-worker\"><a href=\"/workers/11\">សុខ ចាន់ថា</a></dd>"));
        assert!(html.contains("<dd id=\"registry-number\" class=\"code\">KL-2026-000017</dd>"));
        assert!(html.contains("<table id=\"transcript\" class=\"table stack\">"));
        assert!(html.contains("<p id=\"transcript-total\" class=\"total\">"));
        assert!(html.contains(&credit_source_label(lang, "completion")));
        assert!(html.contains(&credit_source_label(lang, "rpl")));
        assert!(html.contains("<section id=\"progress-0\" class=\"progress-card\""));
        assert!(html.contains("<section id=\"progress-1\" class=\"progress-card\""));
        assert!(html.contains("<progress id=\"progress-0-bar\" max=\"100\" value=\"18\">"));
        assert!(html.contains("<progress id=\"progress-1-bar\" max=\"100\" value=\"100\">"));
        assert!(html.contains("<label for=\"progress-0-bar\" class=\"progress-label\">"));
        assert!(html.contains(&format!(
            "<p id=\"progress-1-status\" class=\"eligible\">{}</p>",
            i18n::t(lang, "progress-eligible")
        )));
        assert!(html.contains("<div id=\"progress-0-status\" class=\"not-eligible\">"));
        assert!(html.contains(&i18n::t(lang, "progress-not-eligible")));
        assert_eq!(html.matches("class=\"eligible\"").count(), 1);
    }
    let html = transcript(Lang::En).render().expect("renders");
    assert!(html.contains("<p id=\"transcript-total\" class=\"total\">Total: 5.5 credits</p>"));
    assert!(html.contains(">20 March 2026</td>"));
    assert!(html.contains(">Recognition of prior learning (RPL)</td>"));
    assert!(html.contains("<label for=\"progress-0-bar\" class=\"progress-label\">5.5 of 30 credits</label>"));
    assert!(html.contains("value=\"18\">18%</progress>"));
    assert!(html.contains("<li>5.5 of the 30 credits required are earned.</li>"));
    assert!(html.contains("<li>Required modules not yet passed: VC-103.</li>"));
    let html = transcript(Lang::Km).render().expect("renders");
    assert!(html.contains("<p id=\"transcript-total\" class=\"total\">សរុប៖ ៥,៥ ក្រេឌីត</p>"));
    assert!(html.contains(">២០ មីនា ២០២៦</td>"));
    assert!(html.contains(">២,៥</td>"));
    assert!(html.contains(">បាន ៥,៥ ក្នុងចំណោម ៣០ ក្រេឌីត</label>"));
    assert!(
        html.contains("value=\"18\">១៨ ភាគរយ</progress>"),
        "the value stays ASCII"
    );
    assert!(html.contains("<li>ម៉ូឌុលចាំបាច់ដែលមិនទាន់ជាប់៖ VC-103។</li>"));
}

#[test]
fn transcript_bar_never_overflows_and_empty_transcripts_say_so() {
    let mut page = transcript(Lang::En);
    page.progress[0].percent = 250;
    let html = page.render().expect("renders");
    assert!(html.contains("<progress id=\"progress-0-bar\" max=\"100\" value=\"100\">100%</progress>"));

    for lang in Lang::ALL {
        let mut page = transcript(lang);
        page.modules.clear();
        page.progress.clear();
        page.total = "0".to_owned();
        let html = page.render().expect("renders");
        assert_translated(&html);
        assert!(html.contains(&i18n::t(lang, "transcript-modules-none")));
        assert!(html.contains(&i18n::t(lang, "transcript-progress-none")));
        assert!(!html.contains("<table id=\"transcript\""));
        assert!(!html.contains("<progress"));
        assert!(html.contains("id=\"transcript-total\""));
    }
}

#[test]
fn transcript_escapes_what_it_is_given() {
    let mut page = transcript(Lang::En);
    page.worker_name = "<script>alert(1)</script>".to_owned();
    page.worker_href = "\"><x".to_owned();
    page.modules[0].title = "<i>x</i>".to_owned();
    page.progress[0].reasons = vec!["<b>no</b>".to_owned()];
    page.progress[0].qualification = "A & B".to_owned();
    let html = page.render().expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("\"><x"));
    assert!(!html.contains("<i>x"));
    assert!(!html.contains("<b>no"));
    assert!(html.contains("A &#38; B"));
}

#[test]
fn levels_and_sources_have_labels_in_both_languages() {
    for level in QualificationLevel::all() {
        let key = format!("level-{}", level.as_str());
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, &key), "{key} in {}", lang.code());
            assert_eq!(qualification_level_label(lang, level.as_str()), i18n::t(lang, &key));
        }
    }
    for source in CreditSource::ALL {
        let key = format!("credit-via-{}", source.as_str());
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, &key), "{key} in {}", lang.code());
        }
    }
    assert_eq!(
        qualification_level_label(Lang::En, "cqf-1"),
        "CQF level 1 — Vocational Certificate"
    );
    assert_eq!(
        qualification_level_label(Lang::Km, "cqf-2"),
        "CQF កម្រិត ២ — វិញ្ញាបនបត្របច្ចេកទេស និងវិជ្ជាជីវៈ ១"
    );
    assert_eq!(
        qualification_level_label(Lang::En, "cqf-9"),
        "cqf-9",
        "unknown as it is"
    );
    assert_eq!(
        credit_source_label(Lang::En, "rcc"),
        "Recognition of current competency (RCC)"
    );
    assert_eq!(credit_source_label(Lang::Km, "transfer"), "ការផ្ទេរក្រេឌីត");
    assert_eq!(credit_source_label(Lang::En, "correction"), "correction");
}

#[test]
fn reasons_are_written_in_the_page_s_language() {
    let on = parse_date("on", "2026-03-01").expect("a date");
    let level = QualificationLevel::Cqf(CqfLevel::new(2).expect("a level"));
    let reasons = [
        Ineligibility::NotEnoughCredits {
            earned: Credits::from_ninetieths(2_697),
            minimum: Credits::from_whole(30),
        },
        Ineligibility::RequiredModulesMissing {
            modules: vec![
                ModuleCode::parse("m", "VC-101").expect("a code"),
                ModuleCode::parse("m", "VC-102").expect("a code"),
            ],
        },
        Ineligibility::ProviderNotAccredited { level, on },
        Ineligibility::WorkerNotActive {
            status: WorkerStatus::LeftWorkforce,
        },
    ];
    let en: Vec<String> = reasons.iter().map(|r| ineligibility_sentence(Lang::En, r)).collect();
    assert_eq!(
        en,
        [
            "29.9 of the 30 credits required are earned.",
            "Required modules not yet passed: VC-101, VC-102.",
            "The provider is not accredited for CQF level 2 — Technical and Vocational Certificate 1 on 1 March 2026.",
            "The worker's record is not active (status: Left the workforce).",
        ]
    );
    let km: Vec<String> = reasons.iter().map(|r| ineligibility_sentence(Lang::Km, r)).collect();
    assert_eq!(km[0], "បានទទួល ២៩,៩ ក្នុងចំណោម ៣០ ក្រេឌីតដែលតម្រូវ។");
    assert!(km[2].contains("១ មីនា ២០២៦"), "{}", km[2]);
    assert!(km[2].contains("CQF កម្រិត ២"), "{}", km[2]);
    assert!(km[3].contains("បានចាកចេញពីកម្លាំងពលកម្ម"), "{}", km[3]);
}

#[test]
fn progress_percent_rounds_down_and_stops_at_100() {
    let thirty = Credits::from_whole(30);
    assert_eq!(progress_percent(Credits::ZERO, thirty), 0);
    assert_eq!(progress_percent(Credits::from_ninetieths(495), thirty), 18, "5.5 of 30");
    assert_eq!(
        progress_percent(Credits::from_ninetieths(2_699), thirty),
        99,
        "29.99 is not 100"
    );
    assert_eq!(progress_percent(thirty, thirty), 100);
    assert_eq!(progress_percent(Credits::from_whole(45), thirty), 100);
    assert_eq!(progress_percent(Credits::ZERO, Credits::ZERO), 100);
}

#[test]
fn results_errors_have_a_sentence_per_rule() {
    let mut seen = std::collections::BTreeSet::new();
    for rule in RESULTS_ERROR_RULES {
        let key = format!("results-error-{}", rule.replace('_', "-"));
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, &key), "{key} in {}", lang.code());
        }
        assert!(
            seen.insert(results_error(Lang::En, 1, "KL-1", "VC-101", rule)),
            "{rule} has its own sentence"
        );
    }
    assert_eq!(
        results_error(Lang::En, 3, "KL-2026-000017", "VC-101", "result"),
        "Row 3 (KL-2026-000017), VC-101: choose Pass, Fail or Not assessed"
    );
    assert_eq!(
        results_error(Lang::En, 3, "KL-2026-000017", "VC-101", "no_such_rule"),
        "Row 3 (KL-2026-000017), VC-101: this is not valid"
    );
    assert_eq!(
        results_error(Lang::Km, 12, "KL-2026-000017", "VC-101", "score_range"),
        "ជួរទី ១២ (KL-2026-000017) VC-101៖ ពិន្ទុត្រូវតែជាចំនួនគត់ពី ០ ដល់ ១០០"
    );
}

#[test]
fn sentences_the_api_passes_exist() {
    for key in [
        "flash-results-recorded",
        "flash-results-none",
        "results-error-item",
        "results-error-invalid",
        "results-error-assessed-on",
        "results-error-assessed-on-future",
    ] {
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, key), "{key} in {}", lang.code());
        }
    }
    assert_eq!(
        i18n::t_count(Lang::En, "flash-results-recorded", 1, &[]),
        "1 result recorded."
    );
    assert_eq!(
        i18n::t_count(Lang::En, "flash-results-recorded", 12, &[]),
        "12 results recorded."
    );
    assert_eq!(
        i18n::t_count(Lang::Km, "flash-results-recorded", 12, &[]),
        "បានកត់ត្រាលទ្ធផលចំនួន ១២។"
    );
}

#[test]
fn pages_render_through_the_trait_too() {
    let page = transcript(Lang::Km);
    assert_eq!(
        Template::render(&page).expect("renders"),
        page.render().expect("renders")
    );
    let page = cohort(Lang::Km);
    assert_eq!(
        Template::render(&page).expect("renders"),
        page.render().expect("renders")
    );
    let page = catalogue(Lang::Km);
    assert_eq!(
        Template::render(&page).expect("renders"),
        page.render().expect("renders")
    );
}

#[test]
fn the_cohort_page_offers_the_results_file_and_lists_its_problems() {
    let mut page = cohort(Lang::En);
    let html = page.render().unwrap();
    assert!(html.contains("id=\"results-upload-form\""), "{html}");
    assert!(html.contains("enctype=\"multipart/form-data\""));
    assert!(html.contains("/results/template.csv"));
    assert!(!html.contains("id=\"results-upload-problems\""));
    page.upload_problems = vec![UploadProblemView {
        row: 3,
        column: "VC-101".into(),
        problem: "\"maybe\" is not a result".into(),
    }];
    let html = page.render().unwrap();
    assert!(html.contains("id=\"results-upload-problems\""));
    assert!(html.contains("VC-101") && html.contains("&#34;maybe&#34;") || html.contains("&quot;maybe&quot;"));
    page.can_record = false;
    assert!(!page.render().unwrap().contains("results-upload-form"));
    let km = cohort(Lang::Km).render().unwrap();
    assert!(km.contains("id=\"results-upload-form\""));
}

#[test]
fn the_cohort_list_links_each_cohort_in_both_languages() {
    for lang in [Lang::En, Lang::Km] {
        let page = CohortListPage {
            shell: Shell::new(lang, "/cohorts"),
            rows: vec![CohortListRow {
                href: "/cohorts/abc".into(),
                name: "VC cohort <Battambang>".into(),
                qualification: "Vocational Certificate".into(),
                dates: "2026".into(),
                trainees: 25,
                provider: "NISA".into(),
            }],
        };
        let html = page.render().unwrap();
        assert!(html.contains("href=\"/cohorts/abc\""));
        assert!(html.contains("&#60;Battambang&#62;") || html.contains("&lt;Battambang&gt;"));
        assert!(html.contains(if lang == Lang::Km { "២៥" } else { "25" }));
        let empty = CohortListPage {
            shell: Shell::new(lang, "/cohorts"),
            rows: vec![],
        }
        .render()
        .unwrap();
        assert!(empty.contains("id=\"cohorts-none\""));
    }
}
