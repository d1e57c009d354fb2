use std::collections::BTreeSet;

use serde::de::value::{Error as DeError, MapDeserializer, SeqDeserializer};
use serde::de::{IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::*;

fn render(lang: Lang, message: &EmailMessage) -> RenderedEmail {
    render_email(lang, message).unwrap_or_else(|e| panic!("{} in {} renders: {e}", message.kind(), lang.code()))
}

fn is_khmer(c: char) -> bool {
    ('\u{1780}'..='\u{17FF}').contains(&c)
}

/// What a person reads of an HTML email: the document without its tags and its style sheet.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html.split_once("</style>").map_or(html, |(_, body)| body);
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = rest[start..].split_once('>').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// Every link a message carries.
fn links(message: &EmailMessage) -> Vec<&str> {
    match message {
        EmailMessage::Invitation { link, .. }
        | EmailMessage::PasswordReset { link, .. }
        | EmailMessage::LicenceDecision { link, .. }
        | EmailMessage::ExpiryReminder { link, .. }
        | EmailMessage::EmployerAlert { link, .. } => vec![link],
        EmailMessage::CertificateIssued {
            verify_link,
            download_link,
            ..
        } => vec![verify_link, download_link],
    }
}

/// Each sample, with its recipient's name replaced by `name`.
fn addressed_to(name: &str) -> Vec<EmailMessage> {
    sample_messages()
        .into_iter()
        .map(|mut message| {
            match &mut message {
                EmailMessage::Invitation { recipient_name, .. }
                | EmailMessage::PasswordReset { recipient_name, .. }
                | EmailMessage::CertificateIssued { recipient_name, .. }
                | EmailMessage::LicenceDecision { recipient_name, .. }
                | EmailMessage::ExpiryReminder { recipient_name, .. }
                | EmailMessage::EmployerAlert { recipient_name, .. } => *recipient_name = name.to_owned(),
            }
            message
        })
        .collect()
}

#[test]
fn every_kind_renders_in_both_languages() {
    let samples = sample_messages();
    let kinds: Vec<_> = samples.iter().map(EmailMessage::kind).collect();
    assert_eq!(kinds, EMAIL_KINDS);
    for message in &samples {
        for lang in Lang::ALL {
            let email = render(lang, message);
            let what = format!("{} in {}", message.kind(), lang.code());
            assert!(!email.subject.trim().is_empty(), "{what}: subject");
            assert!(!email.subject.contains(['\n', '\r']), "{what}: subject on one line");
            assert!(email.text.len() > 200, "{what}: text {:?}", email.text);
            assert!(email.html.len() > 1000, "{what}: html");
            assert!(email.html.starts_with("<!DOCTYPE html>\n<html lang="), "{what}");
            assert!(
                email.html.contains(&format!("<html lang=\"{}\">", lang.code())),
                "{what}"
            );
            assert!(
                email.html.contains(&format!("<title>{}</title>", email.subject)),
                "{what}"
            );
            // Every message found its sentence: none fell back to its key.
            for body in [&email.subject, &email.text, &visible_text(&email.html)] {
                for prefix in ["email-", "licence-decision-", "licence-status-", "role-"] {
                    assert!(!body.contains(prefix), "{what}: an untranslated {prefix}… key");
                }
            }
            // The recipient is greeted by name in both bodies.
            let name = message.recipient_name();
            let greeting = i18n::t_args(lang, "email-greeting", &[("name", name)]);
            assert!(email.text.lines().any(|line| line == greeting), "{what}: {greeting}");
            assert!(email.html.contains(&greeting), "{what}: {greeting}");
        }
    }
}

#[test]
fn every_link_is_in_both_bodies_and_on_a_line_of_its_own_in_the_text() {
    for message in sample_messages() {
        for lang in Lang::ALL {
            let email = render(lang, &message);
            for link in links(&message) {
                assert!(
                    email.text.lines().any(|line| line == link),
                    "{} in {}: {link} on its own line in\n{}",
                    message.kind(),
                    lang.code(),
                    email.text
                );
                assert!(
                    email.html.contains(&format!("href=\"{link}\"")),
                    "{}: href",
                    message.kind()
                );
                assert!(
                    email.html.contains(&format!(">{link}</a>")),
                    "{}: printed",
                    message.kind()
                );
            }
        }
    }
}

#[test]
fn buttons_are_links_with_the_address_printed_below() {
    let message = &sample_messages()[1];
    let EmailMessage::PasswordReset { link, .. } = message else {
        panic!("the second sample is a password reset");
    };
    for lang in Lang::ALL {
        let html = render(lang, message).html;
        let button = html.find("class=\"email-button\"").expect("a button");
        let tag = &html[html[..button].rfind('<').expect("tag start")..];
        assert!(tag.starts_with(&format!("<a class=\"email-button\" href=\"{link}\"")));
        let fallback = i18n::t(lang, "email-link-fallback");
        let after = &html[button..];
        let printed = after.find(&format!(">{link}</a>")).expect("the address printed");
        assert!(
            after[..printed].contains(&fallback),
            "the fallback sentence before the address"
        );
        assert!(html.contains("font-family:'Noto Sans Khmer','Khmer OS',sans-serif"));
        assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assert!(html.contains("max-width:600px"));
        assert!(html.contains(&i18n::t(lang, "app-name")));
        assert!(!html.to_ascii_lowercase().contains("<script"));
        assert!(!html.contains("<img"), "no remote images");
    }
}

#[test]
fn links_with_a_query_are_escaped_in_html_and_left_alone_in_text() {
    let link = "https://kamlang.example/account/setup?token=a1&lang=km";
    let message = EmailMessage::Invitation {
        recipient_name: "Chan Sokha".to_owned(),
        inviter_name: "Keo Dara".to_owned(),
        role: "trainee".to_owned(),
        link: link.to_owned(),
        valid_hours: 48,
    };
    let email = render(Lang::En, &message);
    assert!(email.text.lines().any(|line| line == link));
    let escaped = link.replace('&', "&#38;");
    assert!(email.html.contains(&format!("href=\"{escaped}\"")));
    assert!(email.html.contains(&format!(">{escaped}</a>")));
    assert!(!email.html.contains(link), "no bare & in the HTML");
}

#[test]
fn the_footer_says_why_and_who_sent_it() {
    for message in sample_messages() {
        for lang in Lang::ALL {
            let email = render(lang, &message);
            let sent_by = i18n::t(lang, "email-footer-sent-by");
            assert!(email.text.trim_end().ends_with(&sent_by), "{}", message.kind());
            assert!(
                email.html.contains(&sent_by.replace('\'', "&#39;")),
                "{}",
                message.kind()
            );
            let why = match &message {
                EmailMessage::EmployerAlert { organization, .. } => i18n::t_args(
                    lang,
                    "email-why-employer-alert",
                    &[("organization", organization.as_str())],
                ),
                other => i18n::t(
                    lang,
                    match other.kind() {
                        "invitation" => "email-why-invitation",
                        "password_reset" => "email-why-password-reset",
                        "certificate_issued" => "email-why-certificate",
                        _ => "email-why-licence",
                    },
                ),
            };
            assert!(email.text.contains(&why), "{}: {why}", message.kind());
        }
    }
    assert!(i18n::t(Lang::En, "email-footer-sent-by").contains("MoSVY"));
    assert!(i18n::t(Lang::En, "email-footer-sent-by").contains("NISA"));
    assert!(i18n::t(Lang::Km, "email-footer-sent-by").contains("ក្រសួងសង្គមកិច្ច"));
}

#[test]
fn khmer_emails_are_in_khmer_with_khmer_dates_and_numbers() {
    for message in sample_messages() {
        let email = render(Lang::Km, &message);
        for body in [&email.subject, &email.text, &email.html] {
            assert!(body.chars().filter(|&c| is_khmer(c)).count() > 10, "{}", message.kind());
        }
        assert!(email.html.contains("<html lang=\"km\">"));
        assert!(email.text.starts_with("កម្លាំង · "), "{}", message.kind());
    }
    let samples = sample_messages();
    let certificate = render(Lang::Km, &samples[2]);
    assert_eq!(certificate.subject, "វិញ្ញាបនបត្ររបស់អ្នក NISA-2026-000123");
    assert!(
        certificate.text.contains("កាលបរិច្ឆេទចេញ៖ ២១ វិច្ឆិកា ២០២៦"),
        "{}",
        certificate.text
    );
    assert!(certificate.html.contains("២១ វិច្ឆិកា ២០២៦"));
    let english = render(Lang::En, &samples[2]);
    assert!(
        english.text.contains("Date of issue: 21 November 2026"),
        "{}",
        english.text
    );
    assert!(!english.subject.chars().any(is_khmer));

    let reminder = render(Lang::Km, &samples[4]);
    assert_eq!(reminder.subject, "អាជ្ញាប័ណ្ណរបស់អ្នកនឹងផុតសុពលភាពក្នុងរយៈពេល ៦០ ថ្ងៃទៀត");
    assert!(reminder.text.contains("២០ មករា ២០២៧"));
    let invitation = render(Lang::Km, &samples[0]);
    assert_eq!(invitation.subject, "គណនីកម្លាំងរបស់អ្នក");
    assert!(invitation.text.contains("៧២ ម៉ោង"), "{}", invitation.text);
}

#[test]
fn subjects() {
    let samples = sample_messages();
    let subjects: Vec<_> = samples.iter().map(|m| render(Lang::En, m).subject).collect();
    assert_eq!(
        subjects,
        [
            "Your Kamlang account",
            "Reset your Kamlang password",
            "Your certificate NISA-2026-000123",
            "Licence decision: Granted with conditions",
            "Your licence expires in 60 days",
            "Licence status changed: សុខ ចាន់ថា (SOK Chantha)",
        ]
    );
    let subjects: Vec<_> = samples.iter().map(|m| render(Lang::Km, m).subject).collect();
    assert_eq!(subjects[1], "កំណត់ពាក្យសម្ងាត់កម្លាំងរបស់អ្នកឡើងវិញ");
    assert_eq!(subjects[3], "សេចក្តីសម្រេចលើអាជ្ញាប័ណ្ណ៖ បានផ្តល់អាជ្ញាប័ណ្ណដោយមានលក្ខខណ្ឌ");
    assert_eq!(subjects[5], "ស្ថានភាពអាជ្ញាប័ណ្ណបានផ្លាស់ប្តូរ៖ សុខ ចាន់ថា (SOK Chantha)");
}

#[test]
fn counts_take_the_plural_the_language_needs() {
    let reminder = |days_left| EmailMessage::ExpiryReminder {
        recipient_name: "Chan Sokha".to_owned(),
        licence_type: "Social work practice licence".to_owned(),
        licence_number: "SW-2023-0017".to_owned(),
        expires_on: (2027, 1, 20),
        days_left,
        link: "https://kamlang.example/me/licence/renew".to_owned(),
    };
    assert_eq!(render(Lang::En, &reminder(7)).subject, "Your licence expires in 7 days");
    assert_eq!(render(Lang::En, &reminder(1)).subject, "Your licence expires in 1 day");
    assert_eq!(
        render(Lang::Km, &reminder(7)).subject,
        "អាជ្ញាប័ណ្ណរបស់អ្នកនឹងផុតសុពលភាពក្នុងរយៈពេល ៧ ថ្ងៃទៀត"
    );
    let text = render(Lang::En, &reminder(30)).text;
    assert!(
        text.contains("Your licence expires on 20 January 2027, in 30 days."),
        "{text}"
    );

    let reset = |valid_minutes| EmailMessage::PasswordReset {
        recipient_name: "Chan Sokha".to_owned(),
        link: "https://kamlang.example/password/reset?token=x".to_owned(),
        valid_minutes,
    };
    assert!(render(Lang::En, &reset(1)).text.contains("only for 1 minute."));
    assert!(render(Lang::En, &reset(60)).text.contains("only for 60 minutes."));
    assert!(render(Lang::Km, &reset(60)).text.contains("៦០ នាទី"));
}

#[test]
fn roles_decisions_and_statuses_are_translated_and_unknown_codes_shown_as_they_are() {
    let invitation = |role: &str| EmailMessage::Invitation {
        recipient_name: "Chan Sokha".to_owned(),
        inviter_name: "Keo Dara".to_owned(),
        role: role.to_owned(),
        link: "https://kamlang.example/account/setup?token=x".to_owned(),
        valid_hours: 72,
    };
    assert!(
        render(Lang::En, &invitation("hr_officer"))
            .text
            .contains("with the role of HR officer.")
    );
    assert!(
        render(Lang::Km, &invitation("hr_officer"))
            .text
            .contains("ក្នុងតួនាទីជា មន្ត្រីធនធានមនុស្ស។")
    );
    assert!(
        render(Lang::En, &invitation("auditor"))
            .text
            .contains("with the role of auditor.")
    );

    for code in LICENCE_DECISION_CODES {
        for lang in Lang::ALL {
            let label = licence_decision_label(lang, code);
            assert_ne!(label, code, "{code} in {}", lang.code());
            assert!(i18n::has_message(
                lang,
                &format!("licence-decision-{}", code.replace('_', "-"))
            ));
        }
    }
    for code in LICENCE_STATUS_CODES {
        for lang in Lang::ALL {
            assert_ne!(licence_status_label(lang, code), code, "{code} in {}", lang.code());
            assert!(i18n::has_message(
                lang,
                &format!("licence-status-{}", code.replace('_', "-"))
            ));
        }
    }
    assert_eq!(
        licence_decision_label(Lang::En, "granted_with_conditions"),
        "Granted with conditions"
    );
    assert_eq!(licence_decision_label(Lang::Km, "revoked"), "បានដកហូត");
    assert_eq!(licence_decision_label(Lang::Km, "appealed"), "appealed");
    assert_eq!(licence_status_label(Lang::En, "suspended"), "Suspended");
    assert_eq!(licence_status_label(Lang::En, "lapsed"), "lapsed");

    let alert = |old: &str, new: &str| EmailMessage::EmployerAlert {
        recipient_name: "Keo Dara".to_owned(),
        organization: "Kampong Cham DoSVY".to_owned(),
        worker_name: "SOK Chantha".to_owned(),
        registry_number: "KL-2026-000017".to_owned(),
        licence_number: "SW-2026-0042".to_owned(),
        old_status: old.to_owned(),
        new_status: new.to_owned(),
        link: "https://kamlang.example/workers/17".to_owned(),
    };
    let text = render(Lang::En, &alert("active", "revoked")).text;
    assert!(text.contains("has changed from “Active” to “Revoked”."), "{text}");
    assert!(
        text.contains("Previous status: Active\nNew status: Revoked\n"),
        "{text}"
    );
    let text = render(Lang::Km, &alert("suspended", "lapsed")).text;
    assert!(text.contains("«ត្រូវបានព្យួរ» ទៅជា «lapsed»"), "{text}");
}

#[test]
fn optional_facts_of_a_decision_are_left_out_when_absent() {
    let decision = EmailMessage::LicenceDecision {
        recipient_name: "Chan Sokha".to_owned(),
        licence_type: "Social work practice licence".to_owned(),
        licence_number: None,
        decision: "refused".to_owned(),
        reason: Some("  \n ".to_owned()),
        valid_until: None,
        link: "https://kamlang.example/me/licence".to_owned(),
    };
    for lang in Lang::ALL {
        let email = render(lang, &decision);
        for key in [
            "email-label-licence-number",
            "email-label-reason",
            "email-label-valid-until",
        ] {
            let label = i18n::t(lang, key);
            assert!(!email.text.contains(&label), "{key} in {}", lang.code());
            assert!(!email.html.contains(&label), "{key} in {}", lang.code());
        }
    }
    let EmailMessage::LicenceDecision {
        reason, valid_until, ..
    } = &sample_messages()[3]
    else {
        panic!("the fourth sample is a licence decision");
    };
    assert!(reason.is_some() && valid_until.is_some());
    let email = render(Lang::En, &sample_messages()[3]);
    assert!(
        email
            .text
            .contains("Reason:\nSupervised practice for 12 months.\nCase files reviewed every quarter.\n"),
        "{}",
        email.text
    );
    assert!(email.text.contains("Valid until: 31 March 2029\n"));
    assert!(
        email
            .html
            .contains("white-space:pre-line;\">Supervised practice for 12 months.\nCase files")
    );
}

#[test]
fn what_people_typed_is_escaped_in_html() {
    let name = "<script>alert(\"x\")</script> O'Neil & Sons";
    for message in addressed_to(name) {
        for lang in Lang::ALL {
            let email = render(lang, &message);
            assert!(!email.html.contains("<script"), "{} in {}", message.kind(), lang.code());
            assert!(
                email
                    .html
                    .contains("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; O&#39;Neil &#38; Sons"),
                "{}: {}",
                message.kind(),
                email.html
            );
            assert!(email.text.contains(name), "the text keeps the name as typed");
        }
    }
    let reason = EmailMessage::LicenceDecision {
        recipient_name: "Chan Sokha".to_owned(),
        licence_type: "<b>Practice</b>".to_owned(),
        licence_number: Some("\"SW-1\"".to_owned()),
        decision: "<i>refused</i>".to_owned(),
        reason: Some("<a href=\"https://evil.example\">click</a>".to_owned()),
        valid_until: None,
        link: "https://kamlang.example/me/licence".to_owned(),
    };
    let html = render(Lang::En, &reason).html;
    assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("evil.example\">"));
    assert!(html.contains("&#60;a href=&#34;https://evil.example&#34;&#62;click&#60;/a&#62;"));
    assert!(html.contains("&#60;i&#62;refused&#60;/i&#62;"));
}

#[test]
fn line_breaks_in_what_people_typed_cannot_add_lines_to_the_text_or_the_subject() {
    let sneaky = "Sokha\r\n\r\nClick https://evil.example/\u{2028}now\u{0}\t!";
    for message in addressed_to(sneaky) {
        let email = render(Lang::En, &message);
        assert!(
            !email.text.lines().any(|line| line.starts_with("Click")),
            "{}",
            email.text
        );
        assert!(!email.text.lines().any(|line| line == "https://evil.example/"));
        assert!(
            email.text.contains("Dear Sokha Click https://evil.example/ now !,"),
            "{}",
            email.text
        );
        assert!(!email.text.contains('\r') && !email.text.contains('\0'));
    }
    let alert = EmailMessage::EmployerAlert {
        recipient_name: "Keo Dara".to_owned(),
        organization: "Kampong Cham\nDoSVY".to_owned(),
        worker_name: "SOK\r\nBcc: someone@example.org".to_owned(),
        registry_number: "KL-2026-000017".to_owned(),
        licence_number: "SW-2026-0042".to_owned(),
        old_status: "active".to_owned(),
        new_status: "suspended".to_owned(),
        link: "https://kamlang.example/workers/17".to_owned(),
    };
    let email = render(Lang::En, &alert);
    assert_eq!(email.subject, "Licence status changed: SOK Bcc: someone@example.org");
    assert!(
        !email
            .text
            .lines()
            .any(|line| line.starts_with("Bcc:") || line == "DoSVY")
    );
}

#[test]
fn an_empty_name_gets_a_greeting_without_one() {
    for message in addressed_to("  ") {
        for lang in Lang::ALL {
            let email = render(lang, &message);
            let hello = i18n::t(lang, "email-greeting-anonymous");
            assert!(email.text.lines().any(|line| line == hello), "{}", email.text);
            assert!(email.html.contains(&format!(">{hello}</p>")));
        }
    }
}

#[test]
fn the_text_is_tidy() {
    for message in sample_messages() {
        for lang in Lang::ALL {
            let text = render(lang, &message).text;
            assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{text:?}");
            assert!(!text.starts_with('\n'));
            assert!(!text.contains("\n\n\n"), "{text:?}");
            assert!(text.lines().all(|line| line == line.trim_end()), "{text:?}");
            assert!(!text.contains('<'), "no markup: {text}");
        }
    }
    assert_eq!(tidy_text("\n\n  a  \n\n\n\nb\n  \n"), "  a\n\nb\n");
    assert_eq!(one_line(" a \n\t b\u{0}c "), "a b c");
    assert_eq!(
        one_line("សុខ\u{200B}ចាន់ថា"),
        "សុខ\u{200B}ចាន់ថា",
        "zero-width spaces are kept"
    );
    assert_eq!(paragraphs("\r\n one \r\n\r\n\r\n two\rthree \n\n"), "one\n\ntwo\nthree");
}

/// A value of a test message: a string, a number, nothing, or a date.
enum Value {
    Str(String),
    Num(u32),
    Nil,
    Date((i32, u32, u32)),
}

impl<'de> serde::Deserializer<'de> for Value {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Str(s) => visitor.visit_string(s),
            Value::Num(n) => visitor.visit_u32(n),
            Value::Nil => visitor.visit_none(),
            Value::Date((y, m, d)) => visitor.visit_seq(SeqDeserializer::new(
                [i64::from(y), i64::from(m), i64::from(d)].into_iter(),
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl IntoDeserializer<'_, DeError> for Value {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// The message's fields as a serialised outbox row would hold them, `kind` first.
fn fields(message: &EmailMessage) -> Vec<(&'static str, Value)> {
    let s = |v: &String| Value::Str(v.clone());
    let mut fields = vec![("kind", Value::Str(message.kind().to_owned()))];
    fields.extend(match message.clone() {
        EmailMessage::Invitation {
            recipient_name,
            inviter_name,
            role,
            link,
            valid_hours,
        } => vec![
            ("recipient_name", s(&recipient_name)),
            ("inviter_name", s(&inviter_name)),
            ("role", s(&role)),
            ("link", s(&link)),
            ("valid_hours", Value::Num(valid_hours)),
        ],
        EmailMessage::PasswordReset {
            recipient_name,
            link,
            valid_minutes,
        } => vec![
            ("recipient_name", s(&recipient_name)),
            ("link", s(&link)),
            ("valid_minutes", Value::Num(valid_minutes)),
        ],
        EmailMessage::CertificateIssued {
            recipient_name,
            qualification,
            serial,
            provider,
            issued_on,
            verify_link,
            download_link,
        } => vec![
            ("recipient_name", s(&recipient_name)),
            ("qualification", s(&qualification)),
            ("serial", s(&serial)),
            ("provider", s(&provider)),
            ("issued_on", Value::Date(issued_on)),
            ("verify_link", s(&verify_link)),
            ("download_link", s(&download_link)),
        ],
        EmailMessage::LicenceDecision {
            recipient_name,
            licence_type,
            licence_number,
            decision,
            reason,
            valid_until,
            link,
        } => vec![
            ("recipient_name", s(&recipient_name)),
            ("licence_type", s(&licence_type)),
            ("licence_number", licence_number.map_or(Value::Nil, Value::Str)),
            ("decision", s(&decision)),
            ("reason", reason.map_or(Value::Nil, Value::Str)),
            ("valid_until", valid_until.map_or(Value::Nil, Value::Date)),
            ("link", s(&link)),
        ],
        EmailMessage::ExpiryReminder {
            recipient_name,
            licence_type,
            licence_number,
            expires_on,
            days_left,
            link,
        } => vec![
            ("recipient_name", s(&recipient_name)),
            ("licence_type", s(&licence_type)),
            ("licence_number", s(&licence_number)),
            ("expires_on", Value::Date(expires_on)),
            ("days_left", Value::Num(days_left)),
            ("link", s(&link)),
        ],
        EmailMessage::EmployerAlert {
            recipient_name,
            organization,
            worker_name,
            registry_number,
            licence_number,
            old_status,
            new_status,
            link,
        } => vec![
            ("recipient_name", s(&recipient_name)),
            ("organization", s(&organization)),
            ("worker_name", s(&worker_name)),
            ("registry_number", s(&registry_number)),
            ("licence_number", s(&licence_number)),
            ("old_status", s(&old_status)),
            ("new_status", s(&new_status)),
            ("link", s(&link)),
        ],
    });
    fields
}

#[test]
fn the_kind_is_the_serde_tag() {
    let mut messages = sample_messages();
    messages.push(EmailMessage::LicenceDecision {
        recipient_name: "Chan Sokha".to_owned(),
        licence_type: "Social work practice licence".to_owned(),
        licence_number: None,
        decision: "refused".to_owned(),
        reason: None,
        valid_until: None,
        link: "https://kamlang.example/me/licence".to_owned(),
    });
    for message in messages {
        let map = MapDeserializer::<_, DeError>::new(fields(&message).into_iter());
        let back = EmailMessage::deserialize(map).unwrap_or_else(|e| panic!("{}: {e}", message.kind()));
        assert_eq!(back, message);
    }
    let unknown = MapDeserializer::<_, DeError>::new([("kind", Value::Str("newsletter".to_owned()))].into_iter());
    assert!(EmailMessage::deserialize(unknown).is_err());
    assert_eq!(EMAIL_KINDS.iter().collect::<BTreeSet<_>>().len(), EMAIL_KINDS.len());
}

#[test]
fn every_key_the_module_names_is_in_both_catalogues() {
    let source = include_str!("../email.rs");
    let mut checked = 0;
    for (at, _) in source.match_indices("\"email-") {
        let key = &source[at + 1..];
        let key = &key[..key.find('"').expect("the string closes")];
        if key.ends_with('-') {
            continue;
        }
        for lang in Lang::ALL {
            assert!(i18n::has_message(lang, key), "{key} missing from {}.ftl", lang.code());
        }
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} keys: is the scan broken?");
}
