use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;
use crate::pages::home_cards_for_role;

/// The message ids a catalogue defines: the `id = ...` lines at the start of a line (terms,
/// `-id`, and comments are not messages).
fn message_ids(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('='))
        .map(|(id, _)| id.trim().to_owned())
        .collect()
}

/// Every template, in `templates/` and its subfolders (such as `templates/registry/` and
/// `templates/email/`): the HTML ones and the plain text ones of the emails.
fn template_files() -> Vec<PathBuf> {
    fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("templates/ exists") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                collect(&path, files);
            } else if path.extension().is_some_and(|ext| ext == "html" || ext == "txt") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    collect(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"), &mut files);
    files.sort();
    assert!(files.len() >= 11, "found only {files:?}");
    assert!(
        files.iter().any(|path| path.ends_with("registry/form.html")),
        "the scan reaches templates/registry/"
    );
    for email in [
        "layout.html",
        "layout.txt",
        "macros.html",
        "invitation.html",
        "employer-alert.txt",
    ] {
        assert!(
            files.iter().any(|path| path.ends_with(format!("email/{email}"))),
            "the scan reaches templates/email/{email}"
        );
    }
    files
}

/// The literal keys of `t("key")`, `t_args("key", ...)` and `t_count("key", ...)` calls in a
/// template.
fn referenced_keys(template: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for needle in ["t(\"", "t_args(\"", "t_count(\""] {
        let mut rest = template;
        while let Some(at) = rest.find(needle) {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + needle.len()..];
            let is_call = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if let (true, Some(end)) = (is_call, after.find('"')) {
                keys.push(after[..end].to_owned());
            }
            rest = after;
        }
    }
    keys
}

const ROLES: [&str; 6] = [
    "admin",
    "registrar",
    "hr_officer",
    "licensing_officer",
    "planner",
    "trainee",
];

#[test]
fn both_catalogues_define_the_same_messages() {
    let en = message_ids(EN_FTL);
    let km = message_ids(KM_FTL);
    assert!(en.len() > 50, "only {} English messages", en.len());
    let only_en: Vec<_> = en.difference(&km).collect();
    let only_km: Vec<_> = km.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_km.is_empty(),
        "only in en.ftl: {only_en:?}; only in km.ftl: {only_km:?}"
    );
    // The line scan above agrees with what Fluent itself parsed.
    for id in &en {
        assert!(has_message(Lang::En, id), "en.ftl: {id} did not parse");
        assert!(has_message(Lang::Km, id), "km.ftl: {id} did not parse");
    }
}

#[test]
fn every_key_a_template_uses_is_in_both_catalogues() {
    let mut checked = 0;
    for path in template_files() {
        let source = std::fs::read_to_string(&path).expect("readable template");
        for key in referenced_keys(&source) {
            for lang in Lang::ALL {
                assert!(
                    has_message(lang, &key),
                    "{} uses {key:?}, missing from {}.ftl",
                    path.display(),
                    lang.code()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} keys found: is the scan broken?");
}

#[test]
fn templates_hold_no_text_of_their_own() {
    for path in template_files() {
        let source = std::fs::read_to_string(&path).expect("readable template");
        // Strip template tags, expressions and comments, then the emails' style sheet and HTML
        // tags: what is left is what a person reads, and it must all have come from the catalogues.
        let mut text = strip_between(&source, "{#", "#}");
        text = strip_between(&text, "{%", "%}");
        text = strip_between(&text, "{{", "}}");
        text = strip_between(&text, "<style>", "</style>");
        let attributes = text.clone();
        text = strip_between(&text, "<", ">");
        let stray: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
        assert!(
            stray.is_empty(),
            "{} has text outside the catalogues: {stray:?}",
            path.display()
        );
        // Attributes a person hears or sees must come from the catalogues too.
        for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            for (at, _) in attributes.match_indices(attribute) {
                let value = &attributes[at + attribute.len()..];
                assert!(
                    value.starts_with('"'),
                    "{}: {attribute} holds literal text",
                    path.display()
                );
            }
        }
    }
}

/// Removes every `open ... close` span (the expressions were already removed, so what is left
/// of an attribute's `"{{ x }}"` is `""`).
fn strip_between(source: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start + open.len()..].find(close) {
            Some(end) => rest = &rest[start + open.len() + end + close.len()..],
            None => panic!("unclosed {open}"),
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_role_and_home_card_has_its_messages() {
    for role in ROLES {
        let key = role_key(role);
        for lang in Lang::ALL {
            assert!(has_message(lang, &key), "{key} missing in {}", lang.code());
        }
        for card in home_cards_for_role(role) {
            for key in [card.title_key, card.body_key] {
                for lang in Lang::ALL {
                    assert!(has_message(lang, key), "{key} missing in {}", lang.code());
                }
            }
        }
    }
}

#[test]
fn the_khmer_catalogue_is_in_khmer() {
    // Language names are written in their own language; everything else must contain Khmer.
    let is_khmer = |c: char| ('\u{1780}'..='\u{17FF}').contains(&c);
    for id in message_ids(KM_FTL) {
        if id == "lang-en" {
            continue;
        }
        let text = t(Lang::Km, &id);
        assert!(text.chars().any(is_khmer), "km.ftl {id} = {text:?}");
    }
}

#[test]
fn role_names() {
    assert_eq!(role_name(Lang::En, "hr_officer"), "HR officer");
    assert_eq!(role_name(Lang::Km, "hr_officer"), "មន្ត្រីធនធានមនុស្ស");
    assert_eq!(role_name(Lang::Km, "trainee"), "សិក្ខាកាម");
    assert_eq!(role_name(Lang::Km, "licensing_officer"), "មន្ត្រីផ្តល់អាជ្ញាប័ណ្ណ");
    assert_eq!(role_name(Lang::En, "auditor"), "auditor");
}

#[test]
fn lookups_fall_back_to_the_key() {
    assert_eq!(t(Lang::En, "login-title"), "Sign in");
    assert_eq!(t(Lang::Km, "login-title"), "ចូលប្រើ");
    assert_eq!(t(Lang::Km, "app-name"), "កម្លាំង");
    assert_eq!(t(Lang::Km, "no-such-message"), "no-such-message");
    assert_eq!(t(Lang::En, "no-such-message"), "no-such-message");
}

#[test]
fn arguments_are_filled_in_without_isolation_marks() {
    assert_eq!(
        t_args(Lang::En, "home-welcome", &[("name", "Sokha Chan")]),
        "Welcome, Sokha Chan"
    );
    assert_eq!(
        t_args(Lang::Km, "home-welcome", &[("name", "សុខា ចាន់")]),
        "សូមស្វាគមន៍ សុខា ចាន់"
    );
    assert_eq!(t_args(Lang::En, "error-status", &[("status", "404")]), "Error 404");
}

#[test]
fn counts_choose_the_plural_and_are_written_in_the_language_s_digits() {
    let days = |lang, n| t_count(lang, "email-expiry-subject", n, &[]);
    assert_eq!(days(Lang::En, 1), "Your licence expires in 1 day");
    assert_eq!(days(Lang::En, 0), "Your licence expires in 0 days");
    assert_eq!(days(Lang::En, 30), "Your licence expires in 30 days");
    assert_eq!(days(Lang::En, 1_440), "Your licence expires in 1,440 days");
    assert_eq!(days(Lang::Km, 7), "អាជ្ញាប័ណ្ណរបស់អ្នកនឹងផុតសុពលភាពក្នុងរយៈពេល ៧ ថ្ងៃទៀត");
    assert_eq!(days(Lang::Km, 1_440), "អាជ្ញាប័ណ្ណរបស់អ្នកនឹងផុតសុពលភាពក្នុងរយៈពេល ១.៤៤០ ថ្ងៃទៀត");
    assert_eq!(
        t_count(Lang::En, "email-invitation-valid", 1, &[("inviter", "Keo Dara")]),
        "This link works for 1 hour. If it has expired, ask Keo Dara to send you a new invitation."
    );
    // Arguments given as text are left as they are: identifiers keep their ASCII digits.
    assert_eq!(
        t_args(Lang::Km, "email-certificate-subject", &[("serial", "NISA-2026-000123")]),
        "វិញ្ញាបនបត្ររបស់អ្នក NISA-2026-000123"
    );
}

#[test]
fn lang_codes() {
    assert_eq!(Lang::default(), Lang::Km);
    assert_eq!(Lang::Km.code(), "km");
    assert_eq!(Lang::En.code(), "en");
    assert_eq!(Lang::from_code("km"), Some(Lang::Km));
    assert_eq!(Lang::from_code("EN"), Some(Lang::En));
    assert_eq!(Lang::from_code("km-KH"), Some(Lang::Km));
    assert_eq!(Lang::from_code("en_GB"), Some(Lang::En));
    assert_eq!(Lang::from_code("fr"), None);
    assert_eq!(Lang::from_code(""), None);
    assert_eq!(Lang::Km.other(), Lang::En);
    assert_eq!(Lang::En.other(), Lang::Km);
    assert_eq!(Lang::Km.native_name(), "ខ្មែរ");
    assert_eq!(Lang::En.native_name(), "English");
}

#[test]
fn accept_language() {
    let cases = [
        ("km-KH,km;q=0.9,en-US;q=0.8,en;q=0.7", Some(Lang::Km)),
        ("en-US,en;q=0.9", Some(Lang::En)),
        ("fr-FR,fr;q=0.9,en;q=0.5,km;q=0.4", Some(Lang::En)),
        ("en;q=0.5, km;q=0.8", Some(Lang::Km)),
        ("en;q=0.8, km;q=0.8", Some(Lang::En)),
        ("km;q=0, en", Some(Lang::En)),
        ("en;q=0.000", None),
        ("fr, de", None),
        ("*", None),
        ("", None),
        ("en;q=abc", None),
        ("EN;Q=1.0", Some(Lang::En)),
    ];
    for (header, expected) in cases {
        assert_eq!(Lang::from_accept_language(header), expected, "{header:?}");
    }
}

#[test]
fn digits_and_numbers() {
    assert_eq!(khmer_digits("0123456789"), "០១២៣៤៥៦៧៨៩");
    assert_eq!(khmer_digits("TVC 1, 30 credits"), "TVC ១, ៣០ credits");
    assert_eq!(khmer_digits("٣ ៥"), "٣ ៥");
    assert_eq!(format_number(Lang::En, 0), "0");
    assert_eq!(format_number(Lang::En, 25), "25");
    assert_eq!(format_number(Lang::En, 1_661), "1,661");
    assert_eq!(format_number(Lang::En, 14_576), "14,576");
    assert_eq!(format_number(Lang::En, 1_234_567), "1,234,567");
    assert_eq!(format_number(Lang::Km, 210), "២១០");
    assert_eq!(format_number(Lang::Km, 14_576), "១៤.៥៧៦");
}

#[test]
fn decimals_use_each_language_s_separators() {
    assert_eq!(format_decimal(Lang::En, "3.5"), "3.5");
    assert_eq!(format_decimal(Lang::Km, "3.5"), "៣,៥");
    assert_eq!(format_decimal(Lang::En, "30"), "30");
    assert_eq!(format_decimal(Lang::Km, "30"), "៣០");
    assert_eq!(format_decimal(Lang::En, "1240.5"), "1,240.5");
    assert_eq!(format_decimal(Lang::Km, "1240.5"), "១.២៤០,៥");
    assert_eq!(format_decimal(Lang::Km, "0.6"), "០,៦");
    // Not a decimal of the api's form: only the digits change.
    assert_eq!(format_decimal(Lang::Km, "2.5.1"), "២.៥.១");
    assert_eq!(format_decimal(Lang::Km, "3."), "៣.");
    assert_eq!(format_decimal(Lang::En, ""), "");
    assert_eq!(format_decimal(Lang::Km, "-1"), "-១");
}

#[test]
fn dates() {
    assert_eq!(format_date(Lang::En, (2026, 11, 21)), "21 November 2026");
    assert_eq!(format_date(Lang::Km, (2026, 11, 21)), "២១ វិច្ឆិកា ២០២៦");
    assert_eq!(format_date(Lang::En, (2025, 1, 5)), "5 January 2025");
    assert_eq!(format_date(Lang::Km, (2025, 2, 1)), "១ កុម្ភៈ ២០២៥");
    assert_eq!(format_date(Lang::Km, (2025, 12, 31)), "៣១ ធ្នូ ២០២៥");
    assert_eq!(format_date(Lang::En, (2025, 13, 1)), "2025-13-01");
    assert_eq!(format_date(Lang::Km, (2025, 0, 1)), "២០២៥-០០-០១");
    assert_eq!(month_name(Lang::Km, 7), Some("កក្កដា"));
    assert_eq!(month_name(Lang::En, 0), None);
}
