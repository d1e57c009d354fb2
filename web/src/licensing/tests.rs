use domain::licensing::{LicenceAction, LicenceStatus};

use super::*;
use crate::pages::tests::{assert_layout, signed_in};

/// Catalogue keys must never reach the page: a missing message would show as its key.
fn assert_translated(html: &str) {
    for prefix in [
        ">licence-",
        ">licences-",
        ">licensing-",
        ">cpd-",
        ">register-",
        ">roster-",
        ">unlicensed-",
        ">notices-",
        ">worker-",
        ">transcript-",
        ">form-",
        "\"licensing-col",
        "\"cpd-col",
        "\"roster-col",
        "\"notices-col",
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

/// The element with id `id`, from its start tag to the end of its closing tag `</{name}>` (the
/// first one: enough for elements that do not nest their own kind).
fn element<'a>(html: &'a str, id: &str) -> &'a str {
    let tag = tag_with_id(html, id);
    let name: String = tag[1..].chars().take_while(char::is_ascii_alphanumeric).collect();
    let start = html.find(tag).expect("tag in page");
    let close = format!("</{name}>");
    let end = start + html[start..].find(&close).expect("element closes") + close.len();
    &html[start..end]
}

/// Whether the page has an element with id `id`.
fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!("id=\"{id}\""))
}

// ---------------------------------------------------------------------------------------------
// Sample data
// ---------------------------------------------------------------------------------------------

fn queue_rows() -> Vec<QueueRowView> {
    vec![
        QueueRowView {
            href: "/licences/41".to_owned(),
            holder_name: "សុខ ស្រីមុំ".to_owned(),
            registry_number: "KL-0000123-0".to_owned(),
            licence_type: "Para-professional practitioner".to_owned(),
            status_code: "pending".to_owned(),
            date: (2026, 3, 2),
            prerequisites_met: true,
            prerequisite_note: Some("TVC 1, KML-2025-000123".to_owned()),
        },
        QueueRowView {
            href: "/licences/42".to_owned(),
            holder_name: "Chan Dara".to_owned(),
            registry_number: "KL-0000456-1".to_owned(),
            licence_type: "Social worker".to_owned(),
            status_code: "pending".to_owned(),
            date: (2026, 3, 5),
            prerequisites_met: false,
            prerequisite_note: Some("Requires a certificate of CQF level 6 or above".to_owned()),
        },
    ]
}

fn counts() -> QueueCounts {
    QueueCounts {
        pending: 2,
        active: 1_240,
        conditional: 12,
        suspended: 3,
        expiring: 41,
    }
}

fn queue(lang: Lang, filter: &str) -> LicensingQueuePage {
    LicensingQueuePage {
        shell: signed_in(lang, "licensing_officer", &queue_href(filter)),
        filter: filter.to_owned(),
        counts: counts(),
        rows: queue_rows(),
    }
}

fn timeline() -> Vec<TimelineEventView> {
    vec![
        TimelineEventView {
            effective_on: (2026, 1, 5),
            action_code: "apply".to_owned(),
            reason: None,
            authority: "Sok Sreymom".to_owned(),
            recorded_by: "Sok Sreymom".to_owned(),
            recorded_at: "2026-01-05 08:12".to_owned(),
            valid_until: None,
            conditions: None,
        },
        TimelineEventView {
            effective_on: (2026, 2, 1),
            action_code: "grant_with_conditions".to_owned(),
            reason: None,
            authority: "Licensing committee, meeting 2026/02".to_owned(),
            recorded_by: "Keo Dara".to_owned(),
            recorded_at: "2026-02-01 10:30".to_owned(),
            valid_until: Some((2029, 1, 31)),
            conditions: Some("Supervised practice for six months".to_owned()),
        },
        TimelineEventView {
            effective_on: (2026, 5, 1),
            action_code: "suspend".to_owned(),
            reason: Some("Complaint under investigation".to_owned()),
            authority: "Licensing committee".to_owned(),
            recorded_by: "Keo Dara".to_owned(),
            recorded_at: "2026-05-01 09:00".to_owned(),
            valid_until: None,
            conditions: None,
        },
    ]
}

fn cpd() -> CpdView {
    CpdView {
        cycle_start: (2026, 2, 1),
        cycle_end: (2029, 1, 31),
        required_hours: 15,
        earned_minutes: 810,
        activities: vec![
            CpdActivityView {
                date: (2026, 4, 20),
                provider: "NISA".to_owned(),
                title: "Case management refresher".to_owned(),
                minutes: 450,
                approved: true,
            },
            CpdActivityView {
                date: (2026, 3, 10),
                provider: "Friends International".to_owned(),
                title: "Child safeguarding".to_owned(),
                minutes: 360,
                approved: true,
            },
            CpdActivityView {
                date: (2026, 5, 2),
                provider: "TPO Cambodia".to_owned(),
                title: "Psychological first aid".to_owned(),
                minutes: 90,
                approved: false,
            },
        ],
    }
}

fn forms_for(status: LicenceStatus) -> Vec<DecisionFormView> {
    status
        .allowed_actions()
        .iter()
        .map(|code| DecisionFormView::for_action(code, "2029-01-31"))
        .collect()
}

fn licence(lang: Lang, status: LicenceStatus) -> LicencePage {
    LicencePage {
        shell: signed_in(lang, "licensing_officer", "/licences/41"),
        number: Some("PPP-2026-000042".to_owned()),
        type_title: "Para-professional practitioner".to_owned(),
        holder_name_km: "សុខ ស្រីមុំ".to_owned(),
        holder_name_latin: "Sok Sreymom".to_owned(),
        registry_number: "KL-0000123-0".to_owned(),
        worker_href: "/workers/7".to_owned(),
        status_code: status.as_str().to_owned(),
        valid_from: Some((2026, 2, 1)),
        valid_until: Some((2029, 1, 31)),
        conditions: Some("Supervised practice for six months".to_owned()),
        prerequisites: None,
        timeline: timeline(),
        cpd: Some(cpd()),
        can_add_cpd: true,
        cpd_href: "/licences/41/cpd".to_owned(),
        cpd_form: CpdFormValues::default(),
        can_decide: true,
        decide_href: "/licences/41/decisions".to_owned(),
        decisions: forms_for(status),
        today: "2026-05-10".to_owned(),
        errors: Vec::new(),
        flash: None,
    }
}

fn pending_licence(lang: Lang) -> LicencePage {
    LicencePage {
        number: None,
        valid_from: None,
        valid_until: None,
        conditions: None,
        prerequisites: Some(PrerequisitesView {
            met: true,
            note: Some("TVC 1, KML-2025-000123".to_owned()),
        }),
        timeline: timeline().into_iter().take(1).collect(),
        cpd: None,
        can_add_cpd: false,
        ..licence(lang, LicenceStatus::Pending)
    }
}

fn panel() -> LicencePanel {
    LicencePanel {
        rows: vec![
            LicenceRowView {
                href: "/licences/41".to_owned(),
                number: Some("PSW-2023-000007".to_owned()),
                type_title: "Registered para social worker".to_owned(),
                status_code: "expired".to_owned(),
                valid_until: Some((2025, 12, 31)),
            },
            LicenceRowView {
                href: "/licences/58".to_owned(),
                number: None,
                type_title: "Para-professional practitioner".to_owned(),
                status_code: "pending".to_owned(),
                valid_until: None,
            },
        ],
        apply: Some(ApplyFormView {
            action_href: "/workers/7/licences".to_owned(),
            types: vec![
                ("PPP".to_owned(), "Para-professional practitioner".to_owned()),
                ("SW".to_owned(), "Social worker".to_owned()),
            ],
        }),
    }
}

fn worker(lang: Lang) -> WorkerLicencesPage {
    WorkerLicencesPage {
        shell: signed_in(lang, "hr_officer", "/workers/7/licences"),
        holder_name: "សុខ ស្រីមុំ".to_owned(),
        registry_number: "KL-0000123-0".to_owned(),
        worker_href: "/workers/7".to_owned(),
        panel: panel(),
        errors: Vec::new(),
        flash: None,
    }
}

fn register_rows() -> Vec<RegisterRowView> {
    vec![
        RegisterRowView {
            name_km: "សុខ ស្រីមុំ".to_owned(),
            name_latin: "Sok Sreymom".to_owned(),
            licence_type: "Para-professional practitioner".to_owned(),
            number: "PPP-2026-000042".to_owned(),
            status_code: "active".to_owned(),
            valid_until: Some((2029, 1, 31)),
        },
        RegisterRowView {
            name_km: "សុខ ចាន់ថា".to_owned(),
            name_latin: "Sok Chantha".to_owned(),
            licence_type: "Registered para social worker".to_owned(),
            number: "PSW-2023-000007".to_owned(),
            status_code: "revoked".to_owned(),
            valid_until: Some((2025, 12, 31)),
        },
    ]
}

fn register(lang: Lang, q: &str, outcome: RegisterOutcome) -> PublicRegisterPage {
    PublicRegisterPage {
        shell: Shell::new(lang, "/register"),
        q: q.to_owned(),
        outcome,
    }
}

fn found(lang: Lang) -> PublicRegisterPage {
    register(
        lang,
        "sok",
        RegisterOutcome::Found {
            rows: register_rows(),
            truncated: false,
        },
    )
}

fn roster_result() -> RosterResultView {
    RosterResultView {
        rows: vec![
            RosterRowView {
                line: 1,
                identifier_as_typed: "kl 0000123 0".to_owned(),
                outcome: "found".to_owned(),
                message: None,
                worker_name: Some("សុខ ស្រីមុំ".to_owned()),
                registry_number: Some("KL-0000123-0".to_owned()),
                worker_href: Some("/workers/7".to_owned()),
                licence_number: Some("PPP-2026-000042".to_owned()),
                licence_status_code: Some("conditional".to_owned()),
                valid_until: Some((2029, 1, 31)),
                certificates: vec!["KML-2025-000123".to_owned(), "KML-2024-000011".to_owned()],
            },
            RosterRowView {
                line: 2,
                identifier_as_typed: "010203040".to_owned(),
                outcome: "found".to_owned(),
                message: None,
                worker_name: Some("Chan Dara".to_owned()),
                registry_number: Some("KL-0000456-1".to_owned()),
                worker_href: None,
                licence_number: None,
                licence_status_code: None,
                valid_until: None,
                certificates: Vec::new(),
            },
            RosterRowView {
                line: 3,
                identifier_as_typed: "PSW-2026-999999".to_owned(),
                outcome: "not_found".to_owned(),
                ..RosterRowView::default()
            },
            RosterRowView {
                line: 4,
                identifier_as_typed: "KL-0000124-0".to_owned(),
                outcome: "invalid".to_owned(),
                message: Some("The check digit is wrong: the number has a typo.".to_owned()),
                ..RosterRowView::default()
            },
        ],
        csv_href: "/licensing/roster/9.csv".to_owned(),
    }
}

fn unlicensed() -> Vec<UnlicensedStaffView> {
    vec![
        UnlicensedStaffView {
            worker_name: "Chan Dara".to_owned(),
            registry_number: "KL-0000456-1".to_owned(),
            worker_href: "/workers/9".to_owned(),
            organization: "DoSVY Siem Reap".to_owned(),
            licence_status_code: None,
        },
        UnlicensedStaffView {
            worker_name: "កែវ សុភា".to_owned(),
            registry_number: "KL-0000789-5".to_owned(),
            worker_href: "/workers/11".to_owned(),
            organization: "DoSVY Siem Reap".to_owned(),
            licence_status_code: Some("suspended".to_owned()),
        },
    ]
}

fn roster(lang: Lang) -> RosterCheckPage {
    RosterCheckPage {
        shell: signed_in(lang, "hr_officer", "/licensing/roster"),
        identifiers: "kl 0000123 0\n010203040\nPSW-2026-999999\nKL-0000124-0".to_owned(),
        errors: Vec::new(),
        result: Some(roster_result()),
        unlicensed: unlicensed(),
    }
}

fn notice_rows() -> Vec<NoticeRowView> {
    vec![
        NoticeRowView {
            created_at: "2026-05-01 09:00".to_owned(),
            worker_name: "សុខ ស្រីមុំ".to_owned(),
            worker_href: "/workers/7".to_owned(),
            licence_number: Some("PPP-2026-000042".to_owned()),
            from_status_code: "conditional".to_owned(),
            to_status_code: "suspended".to_owned(),
            read: false,
        },
        NoticeRowView {
            created_at: "2026-02-01 10:30".to_owned(),
            worker_name: "Chan Dara".to_owned(),
            worker_href: "/workers/9".to_owned(),
            licence_number: Some("SW-2026-000003".to_owned()),
            from_status_code: "pending".to_owned(),
            to_status_code: "active".to_owned(),
            read: true,
        },
    ]
}

fn notices(lang: Lang) -> NoticesPage {
    NoticesPage {
        shell: signed_in(lang, "hr_officer", "/notices"),
        rows: notice_rows(),
        mark_read_href: Some("/notices/read".to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// Codes and labels
// ---------------------------------------------------------------------------------------------

#[test]
fn every_status_has_a_label_and_a_symbol_in_both_languages() {
    let codes: Vec<&str> = LicenceStatus::ALL.iter().map(|status| status.as_str()).collect();
    assert_eq!(codes, LICENCE_STATUS_CODES);
    for code in LICENCE_STATUS_CODES {
        let key = format!("licence-status-{code}");
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, &key), "{key} missing in {}", lang.code());
            assert_ne!(licence_status_label(lang, code), code);
        }
        assert!(!licence_status_symbol(code).is_empty());
    }
    let en: Vec<String> = codes.iter().map(|code| licence_status_label(Lang::En, code)).collect();
    assert_eq!(
        en,
        [
            "Pending",
            "Active",
            "Active with conditions",
            "Suspended",
            "Expired",
            "Revoked",
            "Refused"
        ]
    );
    assert_eq!(licence_status_label(Lang::Km, "active"), "មានសុពលភាព");
    assert_eq!(licence_status_label(Lang::Km, "suspended"), "ត្រូវបានព្យួរ");
    let symbols: Vec<&str> = codes.iter().map(|code| licence_status_symbol(code)).collect();
    assert_eq!(symbols, ["○", "✓", "!", "‖", "✗", "✗", "✗"]);
    assert_eq!(
        licence_status_label(Lang::En, "lapsed"),
        "lapsed",
        "unknown codes as they are"
    );
}

#[test]
fn every_action_has_a_button_and_a_timeline_label_in_both_languages() {
    assert_eq!(LICENCE_ACTION_CODES, LicenceAction::CODES);
    assert_eq!(&LICENCE_EVENT_CODES[1..], LICENCE_ACTION_CODES);
    for code in LICENCE_EVENT_CODES {
        for lang in Lang::ALL {
            let event = licence_event_label(lang, code);
            assert_ne!(event, code, "licence-event for {code} in {}", lang.code());
            if code != "apply" {
                let action = licence_action_label(lang, code);
                assert_ne!(action, code, "licence-action for {code} in {}", lang.code());
                assert_ne!(action, event);
            }
        }
    }
    // Every action the domain offers for some status has its words.
    for status in LicenceStatus::ALL {
        for code in status.allowed_actions() {
            assert!(LICENCE_ACTION_CODES.contains(code), "{code}");
        }
    }
    assert_eq!(
        licence_action_label(Lang::En, "grant_with_conditions"),
        "Grant with conditions"
    );
    assert_eq!(licence_action_label(Lang::Km, "revoke"), "ដកហូតអាជ្ញាប័ណ្ណ");
    assert_eq!(licence_event_label(Lang::En, "lift_suspension"), "Suspension lifted");
    assert_eq!(licence_event_label(Lang::Km, "grant"), "បានផ្តល់អាជ្ញាប័ណ្ណ");
    assert_eq!(licence_action_label(Lang::En, "archive"), "archive");
}

#[test]
fn decision_forms_ask_for_what_the_domain_requires() {
    for code in LICENCE_ACTION_CODES {
        let form = DecisionFormView::for_action(code, "2029-01-31");
        assert_eq!(form.action_code, code);
        assert_eq!(form.default_valid_until, "2029-01-31");
        assert!(!form.open);
        let needs_reason = matches!(code, "refuse" | "suspend" | "revoke" | "reinstate");
        assert_eq!(form.needs_reason, needs_reason, "{code}");
        assert_eq!(
            form.needs_valid_until,
            matches!(code, "grant" | "grant_with_conditions" | "renew" | "reinstate"),
            "{code}"
        );
        assert_eq!(
            form.needs_conditions,
            matches!(code, "grant_with_conditions" | "reinstate"),
            "{code}"
        );
        assert_eq!(form.conditions_required(), code == "grant_with_conditions");
        assert_eq!(form.is_dangerous(), matches!(code, "refuse" | "suspend" | "revoke"));
    }
    // The domain agrees on which actions need a reason.
    // (The dates do not matter here; web does not depend on chrono, so take the default day.)
    let day = Default::default();
    let actions = [
        LicenceAction::Grant {
            valid_from: day,
            valid_until: day,
        },
        LicenceAction::Refuse,
        LicenceAction::Suspend,
        LicenceAction::LiftSuspension,
        LicenceAction::Expire,
        LicenceAction::Renew { valid_until: day },
        LicenceAction::Reinstate {
            valid_until: day,
            conditions: None,
        },
        LicenceAction::Revoke,
        LicenceAction::LiftConditions,
    ];
    for action in actions {
        let form = DecisionFormView::for_action(action.code(), "");
        assert_eq!(form.needs_reason, action.needs_reason(), "{}", action.code());
    }
}

#[test]
fn cpd_durations_are_exact_and_in_the_page_s_language() {
    assert_eq!(cpd_duration(Lang::En, 810), "13 h 30 min");
    assert_eq!(cpd_duration(Lang::En, 900), "15 h");
    assert_eq!(cpd_duration(Lang::En, 45), "45 min");
    assert_eq!(cpd_duration(Lang::En, 0), "0 h");
    assert_eq!(cpd_duration(Lang::En, 61), "1 h 1 min");
    assert_eq!(cpd_duration(Lang::En, 60_000), "1,000 h");
    assert_eq!(cpd_duration(Lang::Km, 810), "១៣ ម៉ោង ៣០ នាទី");
    assert_eq!(cpd_duration(Lang::Km, 90), "១ ម៉ោង ៣០ នាទី");
    assert_eq!(cpd_duration(Lang::Km, 45), "៤៥ នាទី");
    let view = cpd();
    assert_eq!(view.required_minutes(), 900);
    assert_eq!(view.shortfall_minutes(), 90);
    let met = CpdView {
        earned_minutes: 1_000,
        ..cpd()
    };
    assert_eq!(met.shortfall_minutes(), 0);
}

#[test]
fn iso_dates_keep_ascii_digits() {
    assert_eq!(iso_date((2026, 1, 5)), "2026-01-05");
    assert_eq!(iso_date((2029, 12, 31)), "2029-12-31");
    assert!(is_khmer("សុខ Sok"));
    assert!(!is_khmer("Sok Sreymom"));
}

// ---------------------------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------------------------

#[test]
fn queue_renders_in_both_languages_with_its_tabs_and_counts() {
    for lang in Lang::ALL {
        let html = queue(lang, "pending").render().expect("queue renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains(&format!("<title>{} · ", i18n::t(lang, "licensing-queue-title"))));
        // One tab per list, the current one marked, each with its count.
        let tabs = element(&html, "licence-filters");
        assert_eq!(tabs.matches("<li>").count(), QUEUE_FILTERS.len());
        for filter in QUEUE_FILTERS {
            let tab = tag_with_id(&html, &format!("filter-{filter}"));
            assert!(tab.contains(&format!("href=\"{}\"", queue_href(filter))));
            assert_eq!(tab.contains("aria-current=\"page\""), filter == "pending", "{filter}");
        }
        assert!(tabs.contains(&i18n::format_number(lang, 1_240)));
        // The table: a row per application, with its status and prerequisites.
        let table = element(&html, "licence-queue");
        assert_eq!(table.matches("<tr data-status=\"pending\">").count(), 2);
        assert!(table.contains("<a href=\"/licences/41\" lang=\"km\">សុខ ស្រីមុំ</a>"));
        assert!(table.contains("<a href=\"/licences/42\">Chan Dara</a>"));
        assert!(table.contains("KL-0000123-0"));
        assert!(table.contains(&i18n::t(lang, "licensing-col-submitted")));
        assert!(table.contains(&i18n::t(lang, "licensing-prerequisites-met")));
        assert!(table.contains(&i18n::t(lang, "licensing-prerequisites-not-met")));
        assert!(table.contains("Requires a certificate of CQF level 6 or above"));
        assert!(table.contains(&format!(
            "<time datetime=\"2026-03-02\">{}</time>",
            i18n::format_date(lang, (2026, 3, 2))
        )));
        assert!(html.contains(&format!(">{}</h2>", i18n::t(lang, "licensing-list-pending"))));
    }
    let tabs = queue(Lang::Km, "pending").render().expect("renders");
    assert!(tabs.contains("<span class=\"tab-count\">១.២៤០</span>"), "Khmer digits");
    assert!(tabs.contains("២ មីនា ២០២៦"));
    let tabs = queue(Lang::En, "pending").render().expect("renders");
    assert!(tabs.contains("Expiring within 60 days <span class=\"tab-count\">41</span>"));
}

#[test]
fn other_lists_show_the_validity_and_no_prerequisites() {
    let mut page = queue(Lang::En, "expiring");
    for row in &mut page.rows {
        row.status_code = "active".to_owned();
    }
    let html = page.render().expect("renders");
    assert!(tag_with_id(&html, "filter-expiring").contains("aria-current=\"page\""));
    assert!(!tag_with_id(&html, "filter-pending").contains("aria-current"));
    assert!(html.contains(">Licences expiring within the next 60 days</h2>"));
    let table = element(&html, "licence-queue");
    assert!(table.contains(">Valid until</th>"));
    assert!(!table.contains("Applied on"));
    assert!(!table.contains("Prerequisites"));
    assert!(!table.contains("Requires a certificate"));
    assert_eq!(table.matches("data-status=\"active\"").count(), 2);
    assert!(table.contains("<span class=\"tag tag-active\"><span aria-hidden=\"true\">✓</span> Active</span>"));
}

#[test]
fn an_unknown_filter_shows_the_pending_list_and_empty_lists_say_so() {
    let mut page = queue(Lang::En, "everything");
    assert_eq!(page.current_filter(), "pending");
    page.rows.clear();
    let html = page.render().expect("renders");
    assert!(tag_with_id(&html, "filter-pending").contains("aria-current=\"page\""));
    assert!(!has_id(&html, "licence-queue"));
    assert_eq!(
        text_of(&html, "licence-queue-none"),
        "No application is waiting for a decision."
    );
    for filter in QUEUE_FILTERS {
        for lang in Lang::ALL {
            let html = LicensingQueuePage {
                rows: Vec::new(),
                ..queue(lang, filter)
            }
            .render()
            .expect("renders");
            assert_translated(&html);
            assert_eq!(
                text_of(&html, "licence-queue-none"),
                i18n::t(lang, &format!("licensing-none-{filter}"))
            );
        }
    }
    assert_eq!(queue_href("pending"), "/licensing");
    assert_eq!(queue_href("suspended"), "/licensing?status=suspended");
    assert_eq!(counts().of("expiring"), 41);
    assert_eq!(counts().of("other"), 0);
}

// ---------------------------------------------------------------------------------------------
// A licence
// ---------------------------------------------------------------------------------------------

#[test]
fn licence_page_renders_in_both_languages() {
    for lang in Lang::ALL {
        for status in LicenceStatus::ALL {
            let html = licence(lang, status).render().expect("licence renders");
            assert_layout(&html, lang);
            assert_translated(&html);
            assert_eq!(html.matches("<h1").count(), 1);
            let badge = tag_with_id(&html, "licence-status");
            assert!(
                badge.contains(&format!("data-status=\"{}\"", status.as_str())),
                "{badge}"
            );
            assert!(badge.contains(&format!("tag-{}", status.as_str())));
            assert!(element(&html, "licence-status").contains(&licence_status_label(lang, status.as_str())));
            assert!(element(&html, "licence-status").contains(licence_status_symbol(status.as_str())));
        }
        let html = licence(lang, LicenceStatus::Conditional).render().expect("renders");
        assert!(html.contains("<h1 id=\"licence-number\"><span class=\"code\">PPP-2026-000042</span></h1>"));
        assert!(html.contains("<p class=\"kicker\">Para-professional practitioner</p>"));
        let holder = element(&html, "licence-holder");
        assert!(holder.contains("href=\"/workers/7\""));
        assert!(holder.contains("<span lang=\"km\">សុខ ស្រីមុំ</span>"));
        assert!(holder.contains("<span class=\"name-latin\">Sok Sreymom</span>"));
        assert_eq!(text_of(&html, "licence-registry-number"), "KL-0000123-0");
        assert_eq!(
            text_of(&html, "licence-valid-from"),
            i18n::format_date(lang, (2026, 2, 1))
        );
        assert_eq!(
            text_of(&html, "licence-valid-until"),
            i18n::format_date(lang, (2029, 1, 31))
        );
        assert!(element(&html, "licence-conditions").contains("Supervised practice for six months"));
        assert!(!has_id(&html, "licence-errors"));
        assert!(!has_id(&html, "licence-flash"));
        assert!(!has_id(&html, "licence-prerequisites"));
        assert!(tag_with_id(&html, "licence-back").contains("href=\"/licensing\""));
    }
    let html = licence(Lang::Km, LicenceStatus::Active).render().expect("renders");
    assert_eq!(text_of(&html, "licence-valid-until"), "៣១ មករា ២០២៩");
    assert!(html.contains("PPP-2026-000042"), "numbers keep their digits");
}

#[test]
fn the_timeline_is_an_ordered_list_oldest_first() {
    for lang in Lang::ALL {
        let html = licence(lang, LicenceStatus::Suspended).render().expect("renders");
        let list = element(&html, "licence-timeline");
        assert!(list.starts_with("<ol id=\"licence-timeline\""));
        assert_eq!(list.matches("<li ").count(), 3);
        let apply = list.find("data-action=\"apply\"").expect("application");
        let grant = list.find("data-action=\"grant_with_conditions\"").expect("grant");
        let suspend = list.find("data-action=\"suspend\"").expect("suspension");
        assert!(apply < grant && grant < suspend, "newest last");
        assert!(list.contains(&licence_event_label(lang, "grant_with_conditions")));
        assert!(list.contains(&licence_event_label(lang, "suspend")));
        assert!(list.contains("<time datetime=\"2026-05-01\">"));
        assert!(list.contains("Complaint under investigation"));
        assert!(list.contains("Licensing committee, meeting 2026/02"));
        assert!(list.contains(&i18n::t_args(
            lang,
            "licence-event-valid-until",
            &[("date", &i18n::format_date(lang, (2029, 1, 31)))]
        )));
    }
    let html = licence(Lang::En, LicenceStatus::Suspended).render().expect("renders");
    let list = element(&html, "licence-timeline");
    assert!(list.contains("<p>Reason: Complaint under investigation</p>"));
    assert!(list.contains("<p>Conditions: Supervised practice for six months</p>"));
    assert!(list.contains("Decided by Licensing committee; recorded by Keo Dara on 2026-05-01 09:00."));
    assert!(
        list.contains("<p class=\"help\">Sok Sreymom · 2026-01-05 08:12</p>"),
        "an application is nobody's decision"
    );
    assert!(!list.contains("Decided by Sok Sreymom"));
    let html = licence(Lang::Km, LicenceStatus::Suspended).render().expect("renders");
    assert!(element(&html, "licence-timeline").contains("កត់ត្រាដោយ Keo Dara នៅ ២០២៦-០៥-០១ ០៩:០០។"));

    let html = LicencePage {
        timeline: Vec::new(),
        ..licence(Lang::En, LicenceStatus::Pending)
    }
    .render()
    .expect("renders");
    assert!(!has_id(&html, "licence-timeline"));
    assert_eq!(
        text_of(&html, "licence-timeline-none"),
        "Nothing has been recorded yet."
    );
}

#[test]
fn cpd_shows_the_cycle_what_is_earned_and_what_is_missing() {
    let html = licence(Lang::En, LicenceStatus::Active).render().expect("renders");
    assert_eq!(text_of(&html, "cpd-cycle"), "1 February 2026 to 31 January 2029");
    assert_eq!(text_of(&html, "cpd-required"), "15 h");
    assert_eq!(text_of(&html, "cpd-earned"), "13 h 30 min");
    assert_eq!(
        text_of(&html, "cpd-shortfall"),
        "Still needed before the licence can be renewed: 1 h 30 min of approved CPD."
    );
    assert!(!has_id(&html, "cpd-met"));
    let progress = tag_with_id(&html, "cpd-progress");
    assert!(progress.contains("max=\"900\""));
    assert!(progress.contains("value=\"810\""));
    assert!(html.contains("<label for=\"cpd-progress\" class=\"progress-label\">13 h 30 min of 15 h approved</label>"));
    let table = element(&html, "cpd-activities");
    assert_eq!(table.matches("data-approved=\"true\"").count(), 2);
    assert_eq!(table.matches("data-approved=\"false\"").count(), 1);
    assert!(table.contains(">7 h 30 min</td>"));
    assert!(table.contains(">1 h 30 min</td>"));
    assert!(table.contains("Awaiting approval"));
    assert!(table.contains("Psychological first aid"));

    let html = licence(Lang::Km, LicenceStatus::Active).render().expect("renders");
    assert_eq!(text_of(&html, "cpd-earned"), "១៣ ម៉ោង ៣០ នាទី");
    assert_eq!(text_of(&html, "cpd-required"), "១៥ ម៉ោង");
    assert_eq!(text_of(&html, "cpd-cycle"), "ពីថ្ងៃទី ១ កុម្ភៈ ២០២៦ ដល់ថ្ងៃទី ៣១ មករា ២០២៩");

    let mut page = licence(Lang::En, LicenceStatus::Active);
    if let Some(cpd) = &mut page.cpd {
        cpd.earned_minutes = 960;
        cpd.activities.clear();
    }
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "cpd-shortfall"));
    assert_eq!(text_of(&html, "cpd-met"), "The CPD required for renewal is complete.");
    assert!(
        tag_with_id(&html, "cpd-progress").contains("value=\"900\""),
        "within max"
    );
    assert!(!has_id(&html, "cpd-activities"));
    assert!(has_id(&html, "cpd-none"));

    let html = pending_licence(Lang::En).render().expect("renders");
    assert!(!has_id(&html, "cpd-cycle"));
    assert_eq!(
        text_of(&html, "cpd-no-cycle"),
        "CPD counts from the day the licence is granted."
    );
    assert!(!has_id(&html, "cpd-form"), "can_add_cpd is false");
}

#[test]
fn the_cpd_form_has_labelled_fields() {
    for lang in Lang::ALL {
        let html = licence(lang, LicenceStatus::Active).render().expect("renders");
        let form = tag_with_id(&html, "cpd-form");
        assert!(form.contains("method=\"post\""));
        assert!(form.contains("action=\"/licences/41/cpd\""));
        for (id, name, kind) in [
            ("cpd-provider", "provider", "text"),
            ("cpd-title", "title", "text"),
            ("cpd-hours", "hours", "number"),
            ("cpd-minutes", "minutes", "number"),
            ("cpd-date", "date", "date"),
        ] {
            assert!(html.contains(&format!("<label for=\"{id}\">")), "{id}");
            let input = tag_with_id(&html, id);
            assert!(input.contains(&format!("name=\"{name}\"")), "{input}");
            assert!(input.contains(&format!("type=\"{kind}\"")), "{input}");
        }
        assert!(tag_with_id(&html, "cpd-date").contains("max=\"2026-05-10\""));
        assert!(tag_with_id(&html, "cpd-minutes").contains("max=\"59\""));
        assert!(html.contains("<fieldset class=\"radios\" aria-describedby=\"cpd-duration-hint\">"));
        assert!(html.contains("<button id=\"cpd-submit\" type=\"submit\" class=\"button\">"));
    }
    let mut page = licence(Lang::En, LicenceStatus::Active);
    page.can_add_cpd = false;
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "cpd-form"));
    assert!(has_id(&html, "cpd-activities"), "the activities still show");
    page.can_add_cpd = true;
    page.cpd_form = CpdFormValues {
        provider: "NISA".to_owned(),
        title: "Ethics".to_owned(),
        hours: "2".to_owned(),
        minutes: "15".to_owned(),
        date: "2026-05-09".to_owned(),
    };
    let html = page.render().expect("renders");
    assert!(tag_with_id(&html, "cpd-provider").contains("value=\"NISA\""));
    assert!(tag_with_id(&html, "cpd-hours").contains("value=\"2\""));
    assert!(tag_with_id(&html, "cpd-minutes").contains("value=\"15\""));
    assert!(tag_with_id(&html, "cpd-date").contains("value=\"2026-05-09\""));
}

#[test]
fn decision_forms_show_only_what_they_are_given() {
    for lang in Lang::ALL {
        for status in LicenceStatus::ALL {
            let html = licence(lang, status).render().expect("renders");
            let section = element(&html, "licence-decide");
            for code in LICENCE_ACTION_CODES {
                let allowed = status.allowed_actions().contains(&code);
                assert_eq!(
                    section.contains(&format!("id=\"decide-{code}-form\"")),
                    allowed,
                    "{status:?} {code}"
                );
            }
            assert_eq!(section.matches("<form ").count(), status.allowed_actions().len());
            assert_eq!(
                section.matches("name=\"action\"").count(),
                status.allowed_actions().len()
            );
            if status.is_final() {
                assert_eq!(
                    text_of(&html, "decide-none"),
                    i18n::t_args(
                        lang,
                        "licence-decide-none",
                        &[("status", &licence_status_label(lang, status.as_str()))]
                    )
                );
            } else {
                assert!(!has_id(&html, "decide-none"));
            }
        }
    }

    // One form, for a grant: its own fields and no others.
    let mut page = licence(Lang::En, LicenceStatus::Pending);
    page.decisions = vec![DecisionFormView::for_action("grant", "2029-03-01")];
    let html = page.render().expect("renders");
    let form = element(&html, "decide-grant-form");
    assert!(form.starts_with(
        "<form id=\"decide-grant-form\" class=\"form form-page\" method=\"post\" action=\"/licences/41/decisions\">"
    ));
    assert!(form.contains("<input type=\"hidden\" name=\"action\" value=\"grant\">"));
    let effective = tag_with_id(&html, "decide-grant-effective-date");
    assert!(effective.contains("name=\"effective_date\" type=\"date\" value=\"2026-05-10\" required"));
    let until = tag_with_id(&html, "decide-grant-valid-until");
    assert!(until.contains("name=\"valid_until\" type=\"date\" value=\"2029-03-01\" required"));
    assert!(until.contains("aria-describedby=\"decide-grant-valid-until-hint\""));
    assert!(!form.contains("name=\"reason\""));
    assert!(!form.contains("name=\"conditions\""));
    assert!(
        form.contains("<button id=\"decide-grant-submit\" type=\"submit\" class=\"button\">Grant the licence</button>")
    );
    assert!(html.contains("<summary>Grant the licence</summary>"));
    assert!(!html.contains("decide-refuse"), "only the forms given");

    // A suspension: a required reason, no validity, a red button.
    page.decisions = vec![DecisionFormView::for_action("suspend", "")];
    let html = page.render().expect("renders");
    let form = element(&html, "decide-suspend-form");
    assert!(form.contains("name=\"reason\""));
    assert!(tag_with_id(&html, "decide-suspend-reason").contains("required"));
    assert!(html.contains("<label for=\"decide-suspend-reason\">Reason</label>"));
    assert!(!form.contains("name=\"valid_until\""));
    assert!(!form.contains("name=\"conditions\""));
    assert!(form.contains("class=\"button button-danger\""));

    // Conditions: required for a grant with conditions, optional for a reinstatement.
    page.decisions = vec![
        DecisionFormView::for_action("grant_with_conditions", "2029-03-01"),
        DecisionFormView::for_action("reinstate", "2029-03-01"),
    ];
    let html = page.render().expect("renders");
    assert!(tag_with_id(&html, "decide-grant_with_conditions-conditions").contains(" required"));
    assert!(!tag_with_id(&html, "decide-reinstate-conditions").contains(" required"));
    assert!(tag_with_id(&html, "decide-reinstate-reason").contains("required"));

    // A refused form opens again with what was typed.
    page.decisions = vec![DecisionFormView {
        effective_date: "2026-05-12".to_owned(),
        reason: "Typed before".to_owned(),
        open: true,
        ..DecisionFormView::for_action("revoke", "")
    }];
    page.errors = vec!["The reason is required.".to_owned()];
    let html = page.render().expect("renders");
    assert!(tag_with_id(&html, "decide-revoke").contains(" open"));
    assert!(tag_with_id(&html, "decide-revoke-effective-date").contains("value=\"2026-05-12\""));
    assert!(element(&html, "decide-revoke-reason").contains(">Typed before</textarea>"));
    let errors = element(&html, "licence-errors");
    assert!(errors.contains("role=\"alert\""));
    assert!(errors.contains("<li>The reason is required.</li>"));

    // Without the right to decide, no form, whatever is given.
    page.can_decide = false;
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "licence-decide"));
    assert!(!html.contains("name=\"action\""));
    assert!(!has_id(&html, "licence-back"));
}

#[test]
fn a_pending_licence_has_no_number_yet() {
    for lang in Lang::ALL {
        let mut page = pending_licence(lang);
        page.flash = Some("Application received.".to_owned());
        let html = page.render().expect("renders");
        assert_translated(&html);
        assert_eq!(text_of(&html, "licence-number"), i18n::t(lang, "licence-not-granted"));
        assert_eq!(
            text_of(&html, "licence-valid-until"),
            i18n::t(lang, "licensing-not-set")
        );
        assert!(!has_id(&html, "licence-conditions"));
        assert!(tag_with_id(&html, "licence-status").contains("data-status=\"pending\""));
        assert_eq!(text_of(&html, "licence-flash"), "Application received.");
        assert!(tag_with_id(&html, "licence-flash").contains("role=\"status\""));
        for code in ["grant", "grant_with_conditions", "refuse"] {
            assert!(has_id(&html, &format!("decide-{code}-form")), "{code}");
        }
        let check = element(&html, "licence-prerequisites");
        assert!(check.contains("data-met=\"true\""));
        assert!(check.contains(&i18n::t(lang, "licensing-prerequisites-met")));
        assert!(check.contains("TVC 1, KML-2025-000123"));
    }
    let mut page = pending_licence(Lang::En);
    page.prerequisites = Some(PrerequisitesView {
        met: false,
        note: Some("Requires a certificate of CQF level 2 or above".to_owned()),
    });
    let html = page.render().expect("renders");
    let check = element(&html, "licence-prerequisites");
    assert!(check.starts_with("<section id=\"licence-prerequisites\" class=\"notice notice-bad\" data-met=\"false\""));
    assert!(check.contains("<span aria-hidden=\"true\">✗</span> Not met</span> · Requires a certificate"));
    page.prerequisites = None;
    assert!(!has_id(&page.render().expect("renders"), "licence-prerequisites"));
}

// ---------------------------------------------------------------------------------------------
// A worker's licences
// ---------------------------------------------------------------------------------------------

#[test]
fn worker_licences_render_in_both_languages() {
    for lang in Lang::ALL {
        let html = worker(lang).render().expect("worker licences render");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains(&format!(
            "<title>{} · ",
            i18n::t_args(lang, "licences-holder-title", &[("name", "សុខ ស្រីមុំ")])
        )));
        assert!(element(&html, "licences-holder").contains("<a href=\"/workers/7\" lang=\"km\">សុខ ស្រីមុំ</a>"));
        assert_eq!(text_of(&html, "registry-number"), "KL-0000123-0");
        let table = element(&html, "licences");
        assert!(tag_with_id(&html, "licence-row-1").contains("data-status=\"expired\""));
        assert!(tag_with_id(&html, "licence-row-2").contains("data-status=\"pending\""));
        assert!(table.contains("<a href=\"/licences/41\">Registered para social worker</a>"));
        assert!(table.contains("PSW-2023-000007"));
        assert!(table.contains(&i18n::t(lang, "licence-not-granted")));
        assert!(table.contains(&i18n::format_date(lang, (2025, 12, 31))));
        // The form to apply.
        let form = tag_with_id(&html, "licence-apply-form");
        assert!(form.contains("method=\"post\" action=\"/workers/7/licences\""));
        assert!(form.contains("aria-labelledby=\"licence-apply-heading\""));
        assert!(html.contains("<h3 id=\"licence-apply-heading\">"));
        assert!(html.contains("<label for=\"licence-apply-type\">"));
        let select = tag_with_id(&html, "licence-apply-type");
        assert!(select.contains("name=\"licence_type\""));
        assert!(select.contains("aria-describedby=\"licence-apply-hint\""));
        assert!(html.contains("<option value=\"PPP\">Para-professional practitioner</option>"));
        assert!(html.contains("<option value=\"SW\">Social worker</option>"));
        assert!(has_id(&html, "licence-apply-submit"));
    }
}

#[test]
fn the_apply_form_shows_only_when_there_is_a_type_to_apply_for() {
    let mut page = worker(Lang::En);
    page.panel.apply = None;
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "licence-apply-form"));
    page.panel.apply = Some(ApplyFormView {
        action_href: "/me/licences".to_owned(),
        types: Vec::new(),
    });
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "licence-apply-form"));
    page.panel.rows.clear();
    page.errors = vec!["You already applied for this licence.".to_owned()];
    page.flash = Some("Saved".to_owned());
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "licences"));
    assert_eq!(text_of(&html, "licences-none"), "No licence yet.");
    assert!(element(&html, "licences-errors").contains("<li>You already applied for this licence.</li>"));
    assert_eq!(text_of(&html, "licences-flash"), "Saved");
}

/// A page of another module that shows the panel under another name, as the worker's record may.
#[derive(Template)]
#[template(
    source = "{% let panel = licences %}<section>{% include \"licensing/panel.html\" %}</section>",
    ext = "html"
)]
struct EmbeddingPage {
    shell: Shell,
    licences: LicencePanel,
}

#[test]
fn the_panel_can_be_included_by_another_page() {
    let html = EmbeddingPage {
        shell: Shell::new(Lang::Km, "/workers/7"),
        licences: panel(),
    }
    .render()
    .expect("renders");
    assert!(html.starts_with("<section>"));
    assert!(has_id(&html, "licences"));
    assert!(has_id(&html, "licence-apply-form"));
    assert!(html.contains("៣១ ធ្នូ ២០២៥"));
}

// ---------------------------------------------------------------------------------------------
// The public register
// ---------------------------------------------------------------------------------------------

#[test]
fn the_register_renders_in_both_languages_and_shows_licences_only() {
    for lang in Lang::ALL {
        let html = found(lang).render().expect("register renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains(&i18n::t(lang, "register-intro")));
        let scope: String = i18n::t(lang, "register-scope").chars().take(20).collect();
        assert!(
            text_of(&html, "register-scope").starts_with(&scope),
            "says it lists licences only"
        );
        // The search form.
        assert!(tag_with_id(&html, "register-form").contains("method=\"get\" action=\"/register\""));
        assert!(html.contains("<label for=\"register-q\">"));
        let input = tag_with_id(&html, "register-q");
        assert!(input.contains("name=\"q\""));
        assert!(input.contains("value=\"sok\""));
        assert!(input.contains("aria-describedby=\"register-q-hint\""));
        assert!(html.contains("<button id=\"register-submit\" type=\"submit\" class=\"button\">"));
        // The results.
        assert!(tag_with_id(&html, "register-answer").contains("data-state=\"found\""));
        assert_eq!(
            text_of(&html, "register-count"),
            i18n::t_count(lang, "register-count", 2, &[])
        );
        let table = element(&html, "register-results");
        assert!(table.contains("<span lang=\"km\">សុខ ស្រីមុំ</span><br><span class=\"name-latin\">Sok Sreymom</span>"));
        assert!(table.contains("PPP-2026-000042"));
        assert!(table.contains("data-status=\"active\""));
        assert!(table.contains("data-status=\"revoked\""));
        assert!(table.contains(&licence_status_label(lang, "revoked")));
        assert!(table.contains(&i18n::format_date(lang, (2029, 1, 31))));
        // Nothing else about the person.
        assert!(!html.contains("KL-"), "no registry number");
        assert!(!html.contains(&i18n::t(lang, "worker-registry-number")));
        assert!(!html.contains(&i18n::t(lang, "worker-birth-date")));
        assert!(!html.contains(&i18n::t(lang, "worker-phone")));
        assert!(!html.contains("/workers/"), "no link to a record");
        assert!(!html.contains("id=\"logout\""), "nobody is signed in");
    }
    let html = found(Lang::En).render().expect("renders");
    assert_eq!(text_of(&html, "register-count"), "2 licences found");
    assert!(!has_id(&html, "register-truncated"));
    let html = register(
        Lang::En,
        "sok",
        RegisterOutcome::Found {
            rows: register_rows()[..1].to_vec(),
            truncated: true,
        },
    )
    .render()
    .expect("renders");
    assert_eq!(text_of(&html, "register-count"), "1 licence found");
    assert!(has_id(&html, "register-truncated"));
}

#[test]
fn the_register_says_when_nothing_was_asked_found_or_searchable() {
    for lang in Lang::ALL {
        let html = register(lang, "", RegisterOutcome::NotAsked).render().expect("renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert!(!has_id(&html, "register-answer"));
        assert!(!has_id(&html, "register-results"));
        assert!(tag_with_id(&html, "register-q").contains("value=\"\""));

        let html = register(lang, "so", RegisterOutcome::TooShort { min_chars: 3 })
            .render()
            .expect("renders");
        assert_translated(&html);
        assert!(tag_with_id(&html, "register-answer").contains("data-state=\"too_short\""));
        assert_eq!(
            text_of(&html, "register-too-short"),
            i18n::t_count(lang, "register-too-short", 3, &[])
        );
        assert!(!has_id(&html, "register-results"));

        let html = register(lang, "  Nobody  ", RegisterOutcome::NoResult)
            .render()
            .expect("renders");
        assert_translated(&html);
        assert!(tag_with_id(&html, "register-answer").contains("data-state=\"no_result\""));
        assert!(element(&html, "register-none").contains(&i18n::t(lang, "register-none-help")));
        assert!(!has_id(&html, "register-results"));
    }
    let html = register(Lang::En, "so", RegisterOutcome::TooShort { min_chars: 3 })
        .render()
        .expect("renders");
    assert_eq!(text_of(&html, "register-too-short"), "Type at least 3 characters.");
    let html = register(Lang::Km, "so", RegisterOutcome::TooShort { min_chars: 3 })
        .render()
        .expect("renders");
    assert_eq!(text_of(&html, "register-too-short"), "សូមវាយយ៉ាងហោចណាស់ ៣ តួអក្សរ។");
    let html = register(Lang::En, "  Nobody  ", RegisterOutcome::NoResult)
        .render()
        .expect("renders");
    assert!(html.contains("No licence matches “Nobody”."));
    assert_eq!(RegisterOutcome::default(), RegisterOutcome::NotAsked);
}

// ---------------------------------------------------------------------------------------------
// The roster check
// ---------------------------------------------------------------------------------------------

#[test]
fn the_roster_check_renders_in_both_languages() {
    for lang in Lang::ALL {
        let html = roster(lang).render().expect("roster renders");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert_eq!(html.matches("<h1").count(), 1);
        let form = tag_with_id(&html, "roster-form");
        assert!(form.contains("method=\"post\" action=\"/licensing/roster\" enctype=\"multipart/form-data\""));
        assert!(html.contains("<label for=\"roster-identifiers\">"));
        let textarea = tag_with_id(&html, "roster-identifiers");
        assert!(textarea.contains("name=\"identifiers\""));
        assert!(textarea.contains("aria-describedby=\"roster-identifiers-hint\""));
        assert!(element(&html, "roster-identifiers").contains("kl 0000123 0\n010203040"));
        assert!(html.contains("<label for=\"roster-file\">"));
        let file = tag_with_id(&html, "roster-file");
        assert!(file.contains("name=\"file\" type=\"file\""));
        assert!(file.contains(".csv,.xlsx,.txt"));
        assert!(html.contains("<button id=\"roster-submit\" type=\"submit\" class=\"button\">"));
        // The counts.
        assert_eq!(text_of(&html, "roster-found"), i18n::format_number(lang, 2));
        assert_eq!(text_of(&html, "roster-not-found"), i18n::format_number(lang, 1));
        assert_eq!(text_of(&html, "roster-invalid"), i18n::format_number(lang, 1));
        assert!(tag_with_id(&html, "roster-csv").contains("href=\"/licensing/roster/9.csv\""));
        assert!(has_id(&html, "unlicensed-staff"));
    }
}

#[test]
fn roster_rows_show_each_outcome() {
    let html = roster(Lang::En).render().expect("renders");
    let table = element(&html, "roster-results");
    assert_eq!(table.matches("data-outcome=\"found\"").count(), 2);
    assert_eq!(table.matches("data-outcome=\"not_found\"").count(), 1);
    assert_eq!(table.matches("data-outcome=\"invalid\"").count(), 1);

    // Found, licensed: the worker, the licence with its status, the certificates.
    let row = element(&html, "roster-line-1");
    assert!(row.contains("<th scope=\"row\" class=\"code\">kl 0000123 0</th>"));
    assert!(row.contains("<span class=\"tag tag-found\"><span aria-hidden=\"true\">✓</span> Found</span>"));
    assert!(row.contains("<a href=\"/workers/7\" lang=\"km\">សុខ ស្រីមុំ</a>"));
    assert!(row.contains("KL-0000123-0"));
    assert!(row.contains("data-status=\"conditional\""));
    assert!(row.contains("Active with conditions"));
    assert!(row.contains("PPP-2026-000042"));
    assert!(row.contains("Valid until 31 January 2029"));
    assert!(row.contains("<li class=\"code\">KML-2025-000123</li><li class=\"code\">KML-2024-000011</li>"));
    // Found, never licensed, no link to the record.
    let row = element(&html, "roster-line-2");
    assert!(row.contains("<span>Chan Dara</span>"));
    assert!(row.contains(">No licence</span>"));
    assert!(row.contains(">No certificate</span>"));
    assert!(!row.contains("data-status"));
    // Not found and invalid: one cell saying what to do, the reason given.
    let row = element(&html, "roster-line-3");
    assert!(row.contains("<span aria-hidden=\"true\">✗</span> Not found"));
    assert!(row.contains("<td colspan=\"3\" class=\"muted\">No worker in the registry has this identifier.</td>"));
    let row = element(&html, "roster-line-4");
    assert!(row.contains("Not readable"));
    assert!(row.contains("The check digit is wrong: the number has a typo."));
    assert!(row.contains("Correct the identifier and check again."));

    let html = roster(Lang::Km).render().expect("renders");
    let row = element(&html, "roster-line-1");
    assert!(row.contains("មានសុពលភាពរហូតដល់ថ្ងៃទី ៣១ មករា ២០២៩"));
    assert!(row.contains(">១</td>"), "the line in Khmer digits");
    assert!(row.contains("KML-2025-000123"), "serials keep their digits");
}

#[test]
fn roster_before_a_check_and_with_errors() {
    let mut page = roster(Lang::En);
    page.result = None;
    page.identifiers.clear();
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "roster-result"));
    assert!(!has_id(&html, "roster-results"));
    assert!(!has_id(&html, "roster-errors"));
    assert!(!tag_with_id(&html, "roster-identifiers").contains("aria-invalid"));
    page.errors = vec!["Paste at least one identifier, or choose a file.".to_owned()];
    let html = page.render().expect("renders");
    let errors = element(&html, "roster-errors");
    assert!(errors.contains("role=\"alert\""));
    assert!(errors.contains("<a href=\"#roster-identifiers\">Paste at least one identifier, or choose a file.</a>"));
    assert!(tag_with_id(&html, "roster-identifiers").contains("aria-invalid=\"true\""));
}

#[test]
fn unlicensed_staff_have_their_own_section_and_empty_state() {
    for lang in Lang::ALL {
        let html = roster(lang).render().expect("renders");
        let section = element(&html, "unlicensed-staff");
        assert!(section.contains(&i18n::t(lang, "unlicensed-heading")));
        let table = element(&html, "unlicensed-table");
        assert!(table.contains("<tr data-status=\"none\">"));
        assert!(table.contains(&i18n::t(lang, "unlicensed-never")));
        assert!(table.contains("<tr data-status=\"suspended\">"));
        assert!(table.contains(&licence_status_label(lang, "suspended")));
        assert!(table.contains("<a href=\"/workers/11\" lang=\"km\">កែវ សុភា</a>"));
        assert!(table.contains("DoSVY Siem Reap"));
        assert!(table.contains("KL-0000789-5"));
        assert!(!has_id(&html, "unlicensed-none"));

        let html = RosterCheckPage {
            unlicensed: Vec::new(),
            result: None,
            ..roster(lang)
        }
        .render()
        .expect("renders");
        assert!(!has_id(&html, "unlicensed-table"));
        assert_eq!(text_of(&html, "unlicensed-none"), i18n::t(lang, "unlicensed-none"));
    }
}

// ---------------------------------------------------------------------------------------------
// Notices
// ---------------------------------------------------------------------------------------------

#[test]
fn notices_render_in_both_languages() {
    for lang in Lang::ALL {
        let html = notices(lang).render().expect("notices render");
        assert_layout(&html, lang);
        assert_translated(&html);
        assert_eq!(html.matches("<h1").count(), 1);
        let first = element(&html, "notice-1");
        assert!(first.contains("data-read=\"false\""));
        assert!(first.contains("data-status=\"suspended\""));
        assert!(first.contains(&i18n::t(lang, "notices-new")));
        assert!(first.contains("<a href=\"/workers/7\" lang=\"km\">សុខ ស្រីមុំ</a>"));
        assert!(first.contains("PPP-2026-000042"));
        assert!(first.contains(&licence_status_label(lang, "conditional")));
        assert!(first.contains(&licence_status_label(lang, "suspended")));
        assert!(first.find("tag-conditional").expect("before") < first.find("tag-suspended").expect("after"));
        assert!(first.contains(&i18n::localize_digits(lang, "2026-05-01 09:00")));
        let second = element(&html, "notice-2");
        assert!(second.contains("data-read=\"true\""));
        assert!(!second.contains(&format!(">{}</span>", i18n::t(lang, "notices-new"))));
        assert_eq!(
            text_of(&html, "notices-unread"),
            i18n::t_count(lang, "notices-unread", 1, &[])
        );
        assert!(tag_with_id(&html, "notices-read-form").contains("method=\"post\" action=\"/notices/read\""));
        assert!(has_id(&html, "notices-read"));
    }
    let html = notices(Lang::En).render().expect("renders");
    assert_eq!(text_of(&html, "notices-unread"), "1 unread notice");
}

#[test]
fn notices_all_read_or_none() {
    let mut page = notices(Lang::En);
    for row in &mut page.rows {
        row.read = true;
    }
    let html = page.render().expect("renders");
    assert!(!has_id(&html, "notices-read-form"), "nothing to mark");
    assert_eq!(text_of(&html, "notices-unread"), "0 unread notices");
    for lang in Lang::ALL {
        let html = NoticesPage {
            rows: Vec::new(),
            ..notices(lang)
        }
        .render()
        .expect("renders");
        assert_translated(&html);
        assert!(!has_id(&html, "notices"));
        assert_eq!(text_of(&html, "notices-none"), i18n::t(lang, "notices-none"));
    }
}

// ---------------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------------

const EVIL: &str = "<script>alert(1)</script>";

fn assert_escaped(html: &str) {
    assert!(!html.contains("<script"), "a script got through");
    assert!(!html.contains("<img"), "an image got through");
    assert!(!html.contains("\"onclick=\""), "an attribute got through");
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
}

#[test]
fn every_page_escapes_what_it_is_given() {
    let mut page = queue(Lang::En, "pending");
    page.rows[0].holder_name = EVIL.to_owned();
    page.rows[0].href = "/x\"onclick=\"y".to_owned();
    page.rows[1].prerequisite_note = Some("<img src=x>".to_owned());
    assert_escaped(&page.render().expect("renders"));

    let mut page = licence(Lang::En, LicenceStatus::Conditional);
    page.holder_name_latin = EVIL.to_owned();
    page.conditions = Some("<img src=x>".to_owned());
    page.timeline[2].reason = Some(EVIL.to_owned());
    page.timeline[1].authority = "\"onclick=\"".to_owned();
    page.errors = vec![EVIL.to_owned()];
    page.decisions[0].reason = "</textarea><script>".to_owned();
    page.decisions[0].default_valid_until = "\"onclick=\"y".to_owned();
    page.cpd_form.title = "\"onclick=\"y".to_owned();
    if let Some(cpd) = &mut page.cpd {
        cpd.activities[0].title = "<img src=x>".to_owned();
    }
    let html = page.render().expect("renders");
    assert_escaped(&html);
    assert!(html.contains("Reason: &#60;script&#62;alert(1)&#60;/script&#62;"));

    let mut page = worker(Lang::En);
    page.holder_name = EVIL.to_owned();
    page.panel.rows[0].type_title = "<img src=x>".to_owned();
    if let Some(apply) = &mut page.panel.apply {
        apply.types[0].0 = "\"onclick=\"y".to_owned();
    }
    assert_escaped(&page.render().expect("renders"));

    let mut page = found(Lang::En);
    page.q = "\"><script>alert(1)</script>".to_owned();
    if let RegisterOutcome::Found { rows, .. } = &mut page.outcome {
        rows[0].name_latin = "<img src=x>".to_owned();
    }
    let html = page.render().expect("renders");
    assert_escaped(&html);
    assert!(html.contains("value=\"&#34;&#62;&#60;script&#62;"));
    let mut page = register(Lang::En, EVIL, RegisterOutcome::NoResult);
    page.shell.current_path = "/register?q=%3Cscript%3E".to_owned();
    assert_escaped(&page.render().expect("renders"));

    let mut page = roster(Lang::En);
    page.identifiers = format!("</textarea>{EVIL}");
    if let Some(result) = &mut page.result {
        result.rows[3].identifier_as_typed = "<img src=x>".to_owned();
        result.rows[0].certificates = vec!["\"onclick=\"".to_owned()];
    }
    page.unlicensed[0].organization = EVIL.to_owned();
    let html = page.render().expect("renders");
    assert_escaped(&html);
    assert!(!html.contains("</textarea><"), "the pasted text cannot close its box");

    let mut page = notices(Lang::En);
    page.rows[0].worker_name = EVIL.to_owned();
    page.rows[1].licence_number = Some("<img src=x>".to_owned());
    assert_escaped(&page.render().expect("renders"));
}
