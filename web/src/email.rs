//! Transactional emails: an invitation to a new account, a password reset, a certificate issued,
//! a licensing decision, a licence expiry reminder and an alert to an employer.
//!
//! [`render_email`] writes an [`EmailMessage`] in the recipient's language as a subject, a plain
//! text body and an HTML body. The bodies are askama templates under `templates/email/`: each
//! email is a pair, `<kind>.html` extending `layout.html` and `<kind>.txt` extending
//! `layout.txt`, and every sentence, the subject included, comes from the catalogues.
//!
//! A message carries already-formatted data (names, the qualification's title, links), plus
//! stable codes (a role, a licensing decision, a licence status) that are translated here, and
//! dates as `(year, month, day)` that are written as each language writes them. What people
//! typed (names, reasons) is HTML-escaped in the HTML body; in both bodies and in the subject its
//! control characters are replaced, so that a line break in a name cannot add a line of its own
//! (or a header) to the email. Links are expected to be absolute `https://` addresses.

use std::fmt::Display;

use askama::Template;
use serde::{Deserialize, Serialize};

use crate::i18n::{self, Lang};
use crate::registry::code_label;

/// A rendered email, ready for a mail transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    /// The subject: one line, no control characters.
    pub subject: String,
    /// The plain text body (`text/plain; charset=utf-8`): LF line ends, each link on a line of
    /// its own, ending with a line break.
    pub text: String,
    /// The HTML body (`text/html; charset=utf-8`): a whole document with its styles inline.
    pub html: String,
}

/// What to write; every variant carries already-formatted data (no database types).
///
/// Serialised (for an outbox) with its kind as a tag: `{"kind": "password_reset", ...}`; the
/// tag is [`EmailMessage::kind`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EmailMessage {
    /// An account was created for the recipient: set a password through the link (valid for
    /// `valid_hours`).
    Invitation {
        /// The recipient's name, as they are addressed.
        recipient_name: String,
        /// Who created the account.
        inviter_name: String,
        /// The role's code (`admin`, `registrar`, `hr_officer`, `licensing_officer`, `planner`,
        /// `trainee`); an unknown code is shown as it is.
        role: String,
        /// Where to set the password.
        link: String,
        /// How many hours the link works.
        valid_hours: u32,
    },
    /// A password reset was asked for: single-use link valid `valid_minutes`; if it was not you,
    /// ignore this.
    PasswordReset {
        /// The recipient's name, as they are addressed.
        recipient_name: String,
        /// Where to choose a new password.
        link: String,
        /// How many minutes the link works.
        valid_minutes: u32,
    },
    /// A certificate was issued to the recipient: qualification, serial, provider, and the
    /// verification link.
    CertificateIssued {
        /// The holder's name, as they are addressed.
        recipient_name: String,
        /// The qualification's title, in the recipient's language.
        qualification: String,
        /// The certificate's serial number, as printed on it.
        serial: String,
        /// The provider that issued it.
        provider: String,
        /// The date of issue `(year, month, day)`.
        issued_on: (i32, u32, u32),
        /// The public verification page.
        verify_link: String,
        /// Where the holder downloads the PDF.
        download_link: String,
    },
    /// A licensing decision (granted, granted with conditions, refused, suspended, revoked,
    /// reinstated, renewed, expired): `decision` is a code, `reason` optional, `valid_until`
    /// optional.
    LicenceDecision {
        /// The licence holder's (or applicant's) name, as they are addressed.
        recipient_name: String,
        /// The kind of licence, in the recipient's language.
        licence_type: String,
        /// The licence's number, once it has one.
        licence_number: Option<String>,
        /// The decision's code: one of [`LICENCE_DECISION_CODES`]; an unknown code is shown as
        /// it is.
        decision: String,
        /// Why, as the licensing officer wrote it (may hold line breaks).
        reason: Option<String>,
        /// The last day the licence is valid, when the decision gives one.
        valid_until: Option<(i32, u32, u32)>,
        /// The licence's page.
        link: String,
    },
    /// A licence expires on a date, `days_left` days from now (60, 30 or 7 reminders); renew
    /// through the link.
    ExpiryReminder {
        /// The licence holder's name, as they are addressed.
        recipient_name: String,
        /// The kind of licence, in the recipient's language.
        licence_type: String,
        /// The licence's number.
        licence_number: String,
        /// The last day the licence is valid.
        expires_on: (i32, u32, u32),
        /// Days from today to `expires_on`.
        days_left: u32,
        /// Where to apply for the renewal.
        link: String,
    },
    /// For an employer's HR officers: the licence status of a worker posted to their
    /// organisation changed.
    EmployerAlert {
        /// The HR officer's name, as they are addressed.
        recipient_name: String,
        /// The employer the worker is posted to.
        organization: String,
        /// The worker's name.
        worker_name: String,
        /// The worker's registry number.
        registry_number: String,
        /// The licence's number.
        licence_number: String,
        /// The status before: one of [`LICENCE_STATUS_CODES`]; an unknown code is shown as it is.
        old_status: String,
        /// The status now: one of [`LICENCE_STATUS_CODES`]; an unknown code is shown as it is.
        new_status: String,
        /// The worker's record.
        link: String,
    },
}

/// Every [`EmailMessage::kind`], in the order of the variants.
pub const EMAIL_KINDS: [&str; 6] = [
    "invitation",
    "password_reset",
    "certificate_issued",
    "licence_decision",
    "expiry_reminder",
    "employer_alert",
];

/// The codes of a licensing decision, each with a `licence-decision-<code>` message (`_` written
/// as `-`).
pub const LICENCE_DECISION_CODES: [&str; 8] = [
    "granted",
    "granted_with_conditions",
    "refused",
    "suspended",
    "revoked",
    "reinstated",
    "renewed",
    "expired",
];

/// The codes of a licence's status, each with a `licence-status-<code>` message.
pub const LICENCE_STATUS_CODES: [&str; 7] = [
    "pending",
    "active",
    "conditional",
    "suspended",
    "expired",
    "revoked",
    "refused",
];

/// The translated licensing decision (`granted`, `granted_with_conditions`, ...; see
/// [`LICENCE_DECISION_CODES`]); an unknown code is shown as it is.
pub fn licence_decision_label(lang: Lang, code: &str) -> String {
    code_label(lang, "licence-decision", code)
}

/// The translated licence status (`pending`, `active`, `conditional`, ...; see
/// [`LICENCE_STATUS_CODES`]); an unknown code is shown as it is.
pub fn licence_status_label(lang: Lang, code: &str) -> String {
    code_label(lang, "licence-status", code)
}

impl EmailMessage {
    /// The kind of email: the serde tag, one of [`EMAIL_KINDS`] (`"invitation"`,
    /// `"password_reset"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            EmailMessage::Invitation { .. } => "invitation",
            EmailMessage::PasswordReset { .. } => "password_reset",
            EmailMessage::CertificateIssued { .. } => "certificate_issued",
            EmailMessage::LicenceDecision { .. } => "licence_decision",
            EmailMessage::ExpiryReminder { .. } => "expiry_reminder",
            EmailMessage::EmployerAlert { .. } => "employer_alert",
        }
    }

    /// The name the email addresses its recipient by.
    pub fn recipient_name(&self) -> &str {
        match self {
            EmailMessage::Invitation { recipient_name, .. }
            | EmailMessage::PasswordReset { recipient_name, .. }
            | EmailMessage::CertificateIssued { recipient_name, .. }
            | EmailMessage::LicenceDecision { recipient_name, .. }
            | EmailMessage::ExpiryReminder { recipient_name, .. }
            | EmailMessage::EmployerAlert { recipient_name, .. } => recipient_name,
        }
    }
}

/// One message of each kind, in the order of [`EMAIL_KINDS`], with made-up people and links
/// under `https://kamlang.example`: for previews, and for trying a mail transport.
pub fn sample_messages() -> Vec<EmailMessage> {
    vec![
        EmailMessage::Invitation {
            recipient_name: "ចាន់ សុខា".to_owned(),
            inviter_name: "Keo Dara".to_owned(),
            role: "hr_officer".to_owned(),
            link: "https://kamlang.example/account/setup?token=3vQk9fT2xLw8Zr1N".to_owned(),
            valid_hours: 72,
        },
        EmailMessage::PasswordReset {
            recipient_name: "Chan Sokha".to_owned(),
            link: "https://kamlang.example/password/reset?token=Pq7mW2cX9bH4kT6s".to_owned(),
            valid_minutes: 30,
        },
        EmailMessage::CertificateIssued {
            recipient_name: "សុខ ចាន់ថា".to_owned(),
            qualification: "Certificate in Social Work (CQF level 5)".to_owned(),
            serial: "NISA-2026-000123".to_owned(),
            provider: "National Institute of Social Affairs (NISA)".to_owned(),
            issued_on: (2026, 11, 21),
            verify_link: "https://kamlang.example/verify/NISA-2026-000123".to_owned(),
            download_link: "https://kamlang.example/me/certificates/NISA-2026-000123.pdf".to_owned(),
        },
        EmailMessage::LicenceDecision {
            recipient_name: "ហេង សុភាព".to_owned(),
            licence_type: "Social work practice licence".to_owned(),
            licence_number: Some("SW-2026-0042".to_owned()),
            decision: "granted_with_conditions".to_owned(),
            reason: Some("Supervised practice for 12 months.\nCase files reviewed every quarter.".to_owned()),
            valid_until: Some((2029, 3, 31)),
            link: "https://kamlang.example/me/licence".to_owned(),
        },
        EmailMessage::ExpiryReminder {
            recipient_name: "លី វណ្ណា".to_owned(),
            licence_type: "Social work practice licence".to_owned(),
            licence_number: "SW-2023-0017".to_owned(),
            expires_on: (2027, 1, 20),
            days_left: 60,
            link: "https://kamlang.example/me/licence/renew".to_owned(),
        },
        EmailMessage::EmployerAlert {
            recipient_name: "Keo Dara".to_owned(),
            organization: "Kampong Cham DoSVY".to_owned(),
            worker_name: "សុខ ចាន់ថា (SOK Chantha)".to_owned(),
            registry_number: "KL-2026-000017".to_owned(),
            licence_number: "SW-2026-0042".to_owned(),
            old_status: "active".to_owned(),
            new_status: "suspended".to_owned(),
            link: "https://kamlang.example/workers/17".to_owned(),
        },
    ]
}

/// Writes `message` in `lang`: the subject, the plain text body and the HTML body.
pub fn render_email(lang: Lang, message: &EmailMessage) -> Result<RenderedEmail, askama::Error> {
    let t_args = |key: &str, args: &[(&str, &str)]| i18n::t_args(lang, key, args);
    let frame = |subject: String| Frame {
        lang,
        subject: one_line(&subject),
        recipient_name: one_line(message.recipient_name()),
    };
    match message {
        EmailMessage::Invitation {
            recipient_name: _,
            inviter_name,
            role,
            link,
            valid_hours,
        } => {
            let view = InvitationView {
                inviter_name: one_line(inviter_name),
                role: one_line(&i18n::role_name(lang, role.trim())),
                link: one_line(link),
                valid_hours: *valid_hours,
            };
            compose(&frame(i18n::t(lang, "email-invitation-subject")), &view)
        }
        EmailMessage::PasswordReset {
            recipient_name: _,
            link,
            valid_minutes,
        } => {
            let view = PasswordResetView {
                link: one_line(link),
                valid_minutes: *valid_minutes,
            };
            compose(&frame(i18n::t(lang, "email-password-reset-subject")), &view)
        }
        EmailMessage::CertificateIssued {
            recipient_name: _,
            qualification,
            serial,
            provider,
            issued_on,
            verify_link,
            download_link,
        } => {
            let view = CertificateIssuedView {
                qualification: one_line(qualification),
                serial: one_line(serial),
                provider: one_line(provider),
                issued_on: i18n::format_date(lang, *issued_on),
                verify_link: one_line(verify_link),
                download_link: one_line(download_link),
            };
            let subject = t_args("email-certificate-subject", &[("serial", &view.serial)]);
            compose(&frame(subject), &view)
        }
        EmailMessage::LicenceDecision {
            recipient_name: _,
            licence_type,
            licence_number,
            decision,
            reason,
            valid_until,
            link,
        } => {
            let view = LicenceDecisionView {
                licence_type: one_line(licence_type),
                licence_number: licence_number.as_deref().map(one_line).filter(|n| !n.is_empty()),
                decision: one_line(&licence_decision_label(lang, decision.trim())),
                reason: reason.as_deref().map(paragraphs).filter(|r| !r.is_empty()),
                valid_until: valid_until.map(|day| i18n::format_date(lang, day)),
                link: one_line(link),
            };
            let subject = t_args("email-licence-decision-subject", &[("decision", &view.decision)]);
            compose(&frame(subject), &view)
        }
        EmailMessage::ExpiryReminder {
            recipient_name: _,
            licence_type,
            licence_number,
            expires_on,
            days_left,
            link,
        } => {
            let view = ExpiryReminderView {
                licence_type: one_line(licence_type),
                licence_number: one_line(licence_number),
                expires_on: i18n::format_date(lang, *expires_on),
                days_left: *days_left,
                link: one_line(link),
            };
            let subject = i18n::t_count(lang, "email-expiry-subject", u64::from(*days_left), &[]);
            compose(&frame(subject), &view)
        }
        EmailMessage::EmployerAlert {
            recipient_name: _,
            organization,
            worker_name,
            registry_number,
            licence_number,
            old_status,
            new_status,
            link,
        } => {
            let view = EmployerAlertView {
                organization: one_line(organization),
                worker_name: one_line(worker_name),
                registry_number: one_line(registry_number),
                licence_number: one_line(licence_number),
                old_status: one_line(&licence_status_label(lang, old_status.trim())),
                new_status: one_line(&licence_status_label(lang, new_status.trim())),
                link: one_line(link),
            };
            let subject = t_args("email-employer-alert-subject", &[("worker", &view.worker_name)]);
            compose(&frame(subject), &view)
        }
    }
}

/// What every email's layout shows: the language, the subject (the HTML `<title>`) and the
/// greeting. The templates take their sentences from the catalogues through its helpers.
struct Frame {
    lang: Lang,
    subject: String,
    recipient_name: String,
}

impl Frame {
    /// The message `key` in the email's language.
    fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The message `key` in the email's language, with arguments.
    fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::t_args(self.lang, key, args)
    }

    /// The message `key` in the email's language, with `$count` (see [`i18n::t_count`]).
    fn t_count(&self, key: &str, count: &u32, args: &[(&str, &str)]) -> String {
        i18n::t_count(self.lang, key, u64::from(*count), args)
    }

    /// `km` or `en`, for `<html lang>`.
    fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The line height of body text: Khmer stacks vowels and subscripts, and needs more room.
    fn line_height(&self) -> &'static str {
        match self.lang {
            Lang::Km => "1.8",
            Lang::En => "1.6",
        }
    }

    /// The line height of headings.
    fn heading_line_height(&self) -> &'static str {
        match self.lang {
            Lang::Km => "1.6",
            Lang::En => "1.35",
        }
    }

    /// A fact of the plain text body: `Serial number: NISA-2026-000123`, `...៖ ...` in Khmer.
    fn fact(&self, label: impl Display, value: impl Display) -> String {
        self.t_args(
            "email-fact",
            &[("label", &label.to_string()), ("value", &value.to_string())],
        )
    }
}

/// An email's two bodies.
trait Compose {
    fn html(&self, frame: &Frame) -> askama::Result<String>;
    fn text(&self, frame: &Frame) -> askama::Result<String>;
}

fn compose(frame: &Frame, view: &impl Compose) -> Result<RenderedEmail, askama::Error> {
    Ok(RenderedEmail {
        subject: frame.subject.clone(),
        text: tidy_text(&view.text(frame)?),
        html: view.html(frame)?,
    })
}

/// Declares, for each view, its HTML and its plain text template.
macro_rules! email_templates {
    ($($view:ident => $html:ident($html_path:tt), $text:ident($text_path:tt);)*) => {$(
        #[derive(Template)]
        #[template(path = $html_path)]
        struct $html<'a> {
            f: &'a Frame,
            m: &'a $view,
        }

        #[derive(Template)]
        #[template(path = $text_path)]
        struct $text<'a> {
            f: &'a Frame,
            m: &'a $view,
        }

        impl Compose for $view {
            fn html(&self, f: &Frame) -> askama::Result<String> {
                $html { f, m: self }.render()
            }

            fn text(&self, f: &Frame) -> askama::Result<String> {
                $text { f, m: self }.render()
            }
        }
    )*};
}

email_templates! {
    InvitationView => InvitationHtml("email/invitation.html"), InvitationText("email/invitation.txt");
    PasswordResetView => PasswordResetHtml("email/password-reset.html"), PasswordResetText("email/password-reset.txt");
    CertificateIssuedView => CertificateIssuedHtml("email/certificate-issued.html"),
        CertificateIssuedText("email/certificate-issued.txt");
    LicenceDecisionView => LicenceDecisionHtml("email/licence-decision.html"),
        LicenceDecisionText("email/licence-decision.txt");
    ExpiryReminderView => ExpiryReminderHtml("email/expiry-reminder.html"), ExpiryReminderText("email/expiry-reminder.txt");
    EmployerAlertView => EmployerAlertHtml("email/employer-alert.html"), EmployerAlertText("email/employer-alert.txt");
}

/// [`EmailMessage::Invitation`], its role translated.
struct InvitationView {
    inviter_name: String,
    role: String,
    link: String,
    valid_hours: u32,
}

/// [`EmailMessage::PasswordReset`].
struct PasswordResetView {
    link: String,
    valid_minutes: u32,
}

/// [`EmailMessage::CertificateIssued`], its date written out.
struct CertificateIssuedView {
    qualification: String,
    serial: String,
    provider: String,
    issued_on: String,
    verify_link: String,
    download_link: String,
}

/// [`EmailMessage::LicenceDecision`], its decision translated and its date written out.
struct LicenceDecisionView {
    licence_type: String,
    licence_number: Option<String>,
    decision: String,
    reason: Option<String>,
    valid_until: Option<String>,
    link: String,
}

/// [`EmailMessage::ExpiryReminder`], its date written out.
struct ExpiryReminderView {
    licence_type: String,
    licence_number: String,
    expires_on: String,
    days_left: u32,
    link: String,
}

/// [`EmailMessage::EmployerAlert`], its statuses translated.
struct EmployerAlertView {
    organization: String,
    worker_name: String,
    registry_number: String,
    licence_number: String,
    old_status: String,
    new_status: String,
    link: String,
}

/// `s` as one line: every run of white space and control characters (line breaks included)
/// becomes one space, and the ends are trimmed. Zero-width spaces, which separate Khmer words,
/// are kept.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` as paragraphs: each line made [`one_line`], blank lines between paragraphs kept (one at
/// most), the ends trimmed.
fn paragraphs(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in s
        .replace("\r\n", "\n")
        .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{0085}'])
    {
        let line = one_line(line);
        if line.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n")
}

/// A plain text body as it is sent: no white space at the end of a line, at most one blank line
/// in a row, none at the start or the end, and a final line break.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests;
