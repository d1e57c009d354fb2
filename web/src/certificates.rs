//! The certificate pages: the public verification page that a certificate's QR code opens
//! (`/verify/{serial}`, and `/verify?serial=` from its lookup form), a holder's certificates
//! (`/me/certificates` for a trainee, `/workers/{id}/certificates` for staff), and a cohort's
//! issuance page (`/cohorts/{id}/certificates`), where a registrar starts a batch and follows it.
//!
//! Like [`crate::pages`], every page carries a [`Shell`] and takes its sentences from the
//! catalogues. What a handler passes in (qualification titles, reasons, error sentences) is
//! expected to be translated already; [`certificate_status_label`] and
//! [`crate::training::qualification_level_label`] translate the codes.
//!
//! The verification page is public: it shows what the certificate itself shows (the holder's
//! names, the qualification, level, credits, provider, date and serial) and the PDF's SHA-256,
//! nothing more (no birth date, no national id, no registry number). Its verdict comes first, as
//! a heading with a symbol, a word and a colour, and carries the status code in `data-status`.
//!
//! Credits arrive as the api writes them (`"30"`, `"30.5"`) and are shown as the page's language
//! writes decimals; dates and counts in Khmer digits in the Khmer pages. Serials, registry
//! numbers and hashes are shown exactly as stored.

use askama::Template;

use crate::i18n::{self, Lang};
use crate::pages::Shell;
use crate::training::qualification_level_label;

/// Gives each page an inherent `render`, so that callers need not import the trait.
macro_rules! inherent_render {
    ($($page:ty),* $(,)?) => {$(
        impl $page {
            /// Renders the page to HTML.
            pub fn render(&self) -> Result<String, askama::Error> {
                Template::render(self)
            }
        }
    )*};
}

inherent_render!(VerifyPage, MyCertificatesPage, IssuancePage);

// ---------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------

/// Where a certificate stands, as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CertificateStatusView {
    /// Issued and neither revoked nor replaced.
    #[default]
    Valid,
    /// Revoked by its provider on `on` `(year, month, day)`, for `reason` (as the registrar
    /// wrote it; shown on the public page).
    Revoked {
        /// The day of the revocation.
        on: (i32, u32, u32),
        /// Why, as the registrar wrote it.
        reason: String,
    },
    /// Replaced by a newer certificate.
    Superseded {
        /// The newer certificate's serial.
        by_serial: String,
        /// Its verification page, `/verify/{serial}`.
        by_href: String,
    },
    /// The provider's signing key that signed the certificate was revoked on `on`, so the
    /// certificate can no longer be trusted.
    KeyRevoked {
        /// The day the key was revoked.
        on: (i32, u32, u32),
    },
}

/// The codes of [`CertificateStatusView::code`], in the order of the variants.
pub const CERTIFICATE_STATUS_CODES: [&str; 4] = ["valid", "revoked", "superseded", "key_revoked"];

impl CertificateStatusView {
    /// `valid`, `revoked`, `superseded` or `key_revoked`: the verification page's
    /// `data-status` and the tag's class (`tag-{code}`).
    pub fn code(&self) -> &'static str {
        match self {
            CertificateStatusView::Valid => "valid",
            CertificateStatusView::Revoked { .. } => "revoked",
            CertificateStatusView::Superseded { .. } => "superseded",
            CertificateStatusView::KeyRevoked { .. } => "key_revoked",
        }
    }

    /// Whether the certificate is valid (only a valid certificate may be revoked).
    pub fn is_valid(&self) -> bool {
        matches!(self, CertificateStatusView::Valid)
    }

    /// The symbol shown beside the status, never alone: ✓ valid, ! replaced, ✗ not valid.
    pub fn symbol(&self) -> &'static str {
        match self {
            CertificateStatusView::Valid => "✓",
            CertificateStatusView::Superseded { .. } => "!",
            CertificateStatusView::Revoked { .. } | CertificateStatusView::KeyRevoked { .. } => "✗",
        }
    }
}

/// The translated status of a certificate, in a word or two: "Valid", "Revoked", "Replaced",
/// "Signing key revoked".
pub fn certificate_status_label(lang: Lang, status: &CertificateStatusView) -> String {
    i18n::t(lang, &format!("certificate-status-{}", status.code().replace('_', "-")))
}

/// One sentence adding to the status what a reader needs (empty for a valid certificate):
/// "Revoked on 3 March 2026: issued in error", "Replaced by KML-2026-000200", "Signing key
/// revoked on 1 April 2026".
fn status_detail(lang: Lang, status: &CertificateStatusView) -> String {
    match status {
        CertificateStatusView::Valid => String::new(),
        CertificateStatusView::Revoked { on, reason } => i18n::t_args(
            lang,
            "certificates-revoked-on",
            &[("date", &i18n::format_date(lang, *on)), ("reason", reason)],
        ),
        CertificateStatusView::Superseded { by_serial, .. } => {
            i18n::t_args(lang, "certificates-replaced-by", &[("serial", by_serial)])
        }
        CertificateStatusView::KeyRevoked { on } => i18n::t_args(
            lang,
            "certificates-key-revoked-on",
            &[("date", &i18n::format_date(lang, *on))],
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The public verification page: /verify/{serial}, /verify?serial=
// ---------------------------------------------------------------------------------------------

/// A certificate as the public verification page shows it: what the certificate itself says,
/// and no other personal data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifiedCertificateView {
    /// The serial, such as `KML-2025-000123`, as stored.
    pub serial: String,
    /// The holder's name in Khmer script.
    pub holder_name_km: String,
    /// The holder's name in Latin script.
    pub holder_name_latin: String,
    /// The qualification's title in Khmer.
    pub qualification_title_km: String,
    /// The qualification's title in English.
    pub qualification_title_en: String,
    /// The qualification's level code (`cqf-1` to `cqf-8`, `allied`), shown with
    /// [`qualification_level_label`].
    pub level_code: String,
    /// The credits, as the api writes them (`"30"`, `"30.5"`).
    pub credits: String,
    /// The training provider that issued it.
    pub provider_name: String,
    /// The date of issue `(year, month, day)`.
    pub issued_on: (i32, u32, u32),
    /// Where it stands.
    pub status: CertificateStatusView,
    /// The SHA-256 of the PDF as issued, in lowercase hexadecimal (64 characters).
    pub pdf_sha256: String,
    /// How many times the certificate has been checked.
    pub verification_count: u64,
    /// The signed credential's download (JSON), such as `/verify/{serial}/credential.json`.
    pub credential_href: String,
}

/// What the verification page answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[allow(
    clippy::large_enum_variant,
    reason = "one short-lived value per request; unboxed, the api builds it as it reads"
)]
pub enum VerifyOutcome {
    /// Nothing asked yet (`/verify` without a serial): the lookup form alone.
    #[default]
    NotAsked,
    /// No certificate has this serial (the serial as asked, shown escaped).
    NotFound {
        /// The serial asked for.
        serial: String,
    },
    /// The certificate.
    Found(VerifiedCertificateView),
}

/// The public verification page (`GET /verify/{serial}`, the address the QR code carries, and
/// `GET /verify?serial=...` from its own lookup form; no account needed).
///
/// The verdict (`NotFound` or `Found`) comes first: `<section id="verify-status"
/// data-status="{code}">` whose `h1` is the status in words, with a symbol and the status's
/// colour; `code` is one of [`CERTIFICATE_STATUS_CODES`], or `not_found`. Then the holder's two
/// names, the two titles, level, credits, provider, date of issue and serial, the signed
/// credential's link, the PDF's SHA-256 and the count of checks.
///
/// ids: `verify-status` (with `verify-status-heading`), `verify-certificate` (the facts),
/// `verify-holder`, `verify-serial-number`, `verify-credential` (the JSON link),
/// `verify-pdf-sha256`, `verify-count`, `verify-replacement` (the newer certificate's link),
/// and the lookup form `verify-form` (`method="get"`, `action="/verify"`) with its input
/// `verify-serial` (`name="serial"`) and button `verify-submit`.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "certificates/verify.html")]
pub struct VerifyPage {
    /// Header, language, user (usually nobody), notice.
    pub shell: Shell,
    /// The serial asked for (the lookup input's value); empty when nothing was asked.
    pub query: String,
    /// The answer.
    pub outcome: VerifyOutcome,
}

/// The verification page's verdict, ready to show.
#[derive(Debug, Clone)]
struct Verdict {
    /// One of [`CERTIFICATE_STATUS_CODES`], or `not_found`.
    code: &'static str,
    symbol: &'static str,
    heading: String,
    body: String,
    /// The revocation's reason, as a sentence.
    reason: Option<String>,
    /// The newer certificate: `(serial, href)`.
    replacement: Option<(String, String)>,
}

impl VerifyPage {
    fn found(&self) -> Option<&VerifiedCertificateView> {
        match &self.outcome {
            VerifyOutcome::Found(certificate) => Some(certificate),
            _ => None,
        }
    }

    fn verdict(&self) -> Option<Verdict> {
        let lang = self.shell.lang;
        match &self.outcome {
            VerifyOutcome::NotAsked => None,
            VerifyOutcome::NotFound { serial } => Some(Verdict {
                code: "not_found",
                symbol: "✗",
                heading: i18n::t(lang, "verify-not-found-heading"),
                body: i18n::t_args(lang, "verify-not-found-body", &[("serial", serial)]),
                reason: None,
                replacement: None,
            }),
            VerifyOutcome::Found(certificate) => {
                let status = &certificate.status;
                let (heading, body, reason, replacement) = match status {
                    CertificateStatusView::Valid => (
                        i18n::t(lang, "verify-valid-heading"),
                        i18n::t(lang, "verify-valid-body"),
                        None,
                        None,
                    ),
                    CertificateStatusView::Revoked { on, reason } => (
                        i18n::t(lang, "verify-revoked-heading"),
                        i18n::t_args(lang, "verify-revoked-body", &[("date", &i18n::format_date(lang, *on))]),
                        (!reason.trim().is_empty())
                            .then(|| i18n::t_args(lang, "verify-revoked-reason", &[("reason", reason)])),
                        None,
                    ),
                    CertificateStatusView::Superseded { by_serial, by_href } => (
                        i18n::t(lang, "verify-superseded-heading"),
                        i18n::t(lang, "verify-superseded-body"),
                        None,
                        Some((by_serial.clone(), by_href.clone())),
                    ),
                    CertificateStatusView::KeyRevoked { on } => (
                        i18n::t(lang, "verify-key-revoked-heading"),
                        i18n::t_args(
                            lang,
                            "verify-key-revoked-body",
                            &[("date", &i18n::format_date(lang, *on))],
                        ),
                        None,
                        None,
                    ),
                };
                Some(Verdict {
                    code: status.code(),
                    symbol: status.symbol(),
                    heading,
                    body,
                    reason,
                    replacement,
                })
            }
        }
    }

    fn level(&self, certificate: &VerifiedCertificateView) -> String {
        qualification_level_label(self.shell.lang, &certificate.level_code)
    }

    fn issued_on(&self, certificate: &VerifiedCertificateView) -> String {
        self.shell.date(certificate.issued_on)
    }

    /// "This certificate has been checked 12 times."
    fn count_text(&self, certificate: &VerifiedCertificateView) -> String {
        i18n::t_count(self.shell.lang, "verify-count", certificate.verification_count, &[])
    }
}

// ---------------------------------------------------------------------------------------------
// A holder's certificates: /me/certificates, /workers/{id}/certificates
// ---------------------------------------------------------------------------------------------

/// One certificate in a holder's list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertificateRowView {
    /// The serial, as stored.
    pub serial: String,
    /// The qualification's title, already in the page's language.
    pub qualification_title: String,
    /// The qualification's level code (`cqf-1`, ..., `allied`).
    pub level_code: String,
    /// The credits, as the api writes them (`"30"`).
    pub credits: String,
    /// The date of issue `(year, month, day)`.
    pub issued_on: (i32, u32, u32),
    /// Where it stands.
    pub status: CertificateStatusView,
    /// The PDF's download, such as `/certificates/{serial}/certificate.pdf`.
    pub pdf_href: String,
    /// The signed credential's download (JSON).
    pub credential_href: String,
    /// The public verification page, `/verify/{serial}`.
    pub verify_href: String,
    /// Where the revocation form posts (`reason`), such as `/certificates/{serial}/revoke`;
    /// used only when the panel's `can_revoke` is set and the certificate is valid.
    pub revoke_href: String,
}

impl CertificateRowView {
    fn level(&self, shell: &Shell) -> String {
        qualification_level_label(shell.lang, &self.level_code)
    }

    fn issued(&self, shell: &Shell) -> String {
        shell.date(self.issued_on)
    }

    fn status_label(&self, shell: &Shell) -> String {
        certificate_status_label(shell.lang, &self.status)
    }

    fn status_detail(&self, shell: &Shell) -> String {
        status_detail(shell.lang, &self.status)
    }

    fn replacement_href(&self) -> Option<&str> {
        match &self.status {
            CertificateStatusView::Superseded { by_href, .. } => Some(by_href),
            _ => None,
        }
    }
}

/// A holder's certificates as a table with their downloads: the content of
/// `templates/certificates/panel.html`, which any page having the fields `shell: Shell` and
/// `panel: CertificatesPanel` can include (it brings no heading of its own).
///
/// ids: `certificates` (the table), `certificates-none` (the empty state), `revoke-form-{n}`,
/// `revoke-reason-{n}` and `revoke-submit-{n}` (the revocation form of the `n`th row, counted
/// from 1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertificatesPanel {
    /// The certificates, in the order to show (newest first, usually).
    pub rows: Vec<CertificateRowView>,
    /// Whether the user may revoke: then each valid certificate has a small form posting a
    /// required `reason` to its `revoke_href`.
    pub can_revoke: bool,
}

impl CertificatesPanel {
    /// Whether `row` shows the revocation form.
    pub fn revocable(&self, row: &CertificateRowView) -> bool {
        self.can_revoke && row.status.is_valid() && !row.revoke_href.is_empty()
    }
}

/// Whose certificates a staff member is looking at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertificateHolderView {
    /// The worker's name.
    pub name: String,
    /// The worker's registry number, as stored.
    pub registry_number: String,
    /// The worker's page, `/workers/{id}`.
    pub href: String,
}

/// A holder's certificates: `GET /me/certificates` for a trainee (`holder: None`, "My
/// certificates"), `GET /workers/{id}/certificates` for staff (`holder: Some`, with a link back
/// to the worker's record). The list itself is the [`CertificatesPanel`].
///
/// ids: those of the panel, `certificates-holder`, `certificates-error` (`role="alert"`).
#[derive(Debug, Clone, Default, Template)]
#[template(path = "certificates/mine.html")]
pub struct MyCertificatesPage {
    /// Header, language, user, notice (such as "The certificate KML-2025-000123 was revoked.").
    pub shell: Shell,
    /// The worker, when staff look at someone's certificates; `None` for one's own.
    pub holder: Option<CertificateHolderView>,
    /// The certificates.
    pub panel: CertificatesPanel,
    /// Why the last revocation was refused, already translated (such as
    /// `certificates-revoke-error-reason`).
    pub error: Option<String>,
}

impl MyCertificatesPage {
    fn title(&self) -> String {
        match &self.holder {
            Some(holder) => self
                .shell
                .t_args("certificates-holder-title", &[("name", &holder.name)]),
            None => self.shell.t("certificates-title"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Issuing a cohort's certificates: /cohorts/{id}/certificates
// ---------------------------------------------------------------------------------------------

/// A trainee who will receive a certificate when the batch runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EligibleView {
    /// The trainee's name.
    pub worker_name: String,
    /// The registry number, as stored.
    pub registry_number: String,
}

/// A trainee who will not, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IneligibleView {
    /// The trainee's name.
    pub worker_name: String,
    /// The registry number, as stored.
    pub registry_number: String,
    /// Why, already translated, one sentence each (see
    /// [`crate::training::ineligibility_sentence`]).
    pub reasons: Vec<String>,
}

/// A trainee who already holds the cohort qualification's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertifiedView {
    /// The trainee's name.
    pub worker_name: String,
    /// The registry number, as stored.
    pub registry_number: String,
    /// The certificate's serial.
    pub serial: String,
    /// Its verification page, `/verify/{serial}`.
    pub verify_href: String,
}

/// A trainee the batch passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SkippedView {
    /// The trainee's name.
    pub worker_name: String,
    /// The registry number, as stored.
    pub registry_number: String,
    /// Why, already translated (such as `issuance-skip-already-certified`).
    pub reason: String,
}

/// A batch of certificates being issued, or issued.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssuanceJobView {
    /// The job's id.
    pub id: String,
    /// `queued`, `running`, `finished` or `failed` (see [`ISSUANCE_STATES`]).
    pub state: String,
    /// How many trainees the batch covers.
    pub total: u64,
    /// How many certificates it issued so far.
    pub issued: u64,
    /// How many trainees it passed over (see `skipped_rows`).
    pub skipped: u64,
    /// How many certificates could not be issued.
    pub failed: u64,
    /// When it started, already formatted (such as `2026-06-30 09:00`); its digits are shown as
    /// the page's language writes them.
    pub started_at: String,
    /// When it ended, likewise.
    pub finished_at: Option<String>,
    /// The download of every PDF of the batch as one ZIP file, once finished.
    pub zip_href: Option<String>,
    /// The trainees passed over.
    pub skipped_rows: Vec<SkippedView>,
    /// Why the batch stopped, already translated, when it failed.
    pub error: Option<String>,
}

/// The states of [`IssuanceJobView::state`].
pub const ISSUANCE_STATES: [&str; 4] = ["queued", "running", "finished", "failed"];

impl IssuanceJobView {
    /// Whether the job is still to finish (`queued` or `running`): then the page refreshes
    /// itself and no new batch can be started.
    pub fn is_active(&self) -> bool {
        matches!(self.state.as_str(), "queued" | "running")
    }

    /// How many trainees the batch has dealt with: issued, skipped or failed.
    pub fn done(&self) -> u64 {
        self.issued.saturating_add(self.skipped).saturating_add(self.failed)
    }

    /// How far the batch is, in whole percent rounded down, at most 100. An empty batch is
    /// complete (100) once it is no longer active, and at 0 until then.
    pub fn percent(&self) -> u64 {
        if self.total == 0 {
            return if self.is_active() { 0 } else { 100 };
        }
        (u128::from(self.done()) * 100 / u128::from(self.total)).min(100) as u64
    }
}

/// A cohort's certificates (`GET /cohorts/{id}/certificates`, for a registrar): who is eligible,
/// who is not and why, who already holds the certificate, and the batch that issues them.
///
/// The batch starts with `POST {start_href}` (the button `issuance-start`), shown only when
/// someone is eligible and no batch is queued or running. While one is, the page carries
/// `<meta http-equiv="refresh" content="2">` and so follows the batch without JavaScript.
///
/// ids: `issuance-start-form`, `issuance-start`, `issuance-job` (the batch, with
/// `data-state`), `issuance-progress` (a `<progress>` whose `max` is the total and `value` what
/// is done), `issuance-progress-text`, `issuance-issued`, `issuance-skipped-count`,
/// `issuance-failed`, `issuance-zip`, `issuance-skipped` (the table of trainees passed over),
/// `issuance-error`, `issuance-eligible`, `issuance-ineligible`, `issuance-certified` (the
/// tables), `issuance-none-eligible`.
#[derive(Debug, Clone, Default, Template)]
#[template(path = "certificates/issuance.html")]
pub struct IssuancePage {
    /// Header, language, user, notice.
    pub shell: Shell,
    /// The cohort's name.
    pub cohort_name: String,
    /// The cohort's page, `/cohorts/{id}`.
    pub cohort_href: String,
    /// The qualification, already formatted (title, code, version).
    pub qualification_title: String,
    /// The trainees who will receive a certificate.
    pub eligible: Vec<EligibleView>,
    /// The trainees who will not, with why.
    pub ineligible: Vec<IneligibleView>,
    /// The trainees who already hold it.
    pub already_certified: Vec<CertifiedView>,
    /// The latest batch, if any.
    pub job: Option<IssuanceJobView>,
    /// Where the start button posts, such as `/cohorts/{id}/certificates`.
    pub start_href: String,
}

impl IssuancePage {
    /// Whether the page refreshes itself: while a batch is queued or running.
    pub fn refreshes(&self) -> bool {
        self.job.as_ref().is_some_and(IssuanceJobView::is_active)
    }

    /// Whether the start button is shown: someone is eligible and no batch is under way.
    pub fn can_start(&self) -> bool {
        !self.eligible.is_empty() && !self.refreshes()
    }

    fn start_label(&self) -> String {
        i18n::t_count(self.shell.lang, "issuance-start", self.eligible.len() as u64, &[])
    }

    fn count_heading(&self, key: &str, count: usize) -> String {
        i18n::t_count(self.shell.lang, key, count as u64, &[])
    }

    fn state_label(&self, job: &IssuanceJobView) -> String {
        if ISSUANCE_STATES.contains(&job.state.as_str()) {
            self.shell.t(&format!("issuance-state-{}", job.state))
        } else {
            job.state.clone()
        }
    }

    /// The `<progress>` element's `max`: the total, at least 1 (a `max` of 0 is not valid).
    fn progress_max(&self, job: &IssuanceJobView) -> u64 {
        job.total.max(1)
    }

    /// The `<progress>` element's `value`: what is done, within `max`.
    fn progress_value(&self, job: &IssuanceJobView) -> u64 {
        if job.total == 0 {
            return if job.is_active() { 0 } else { 1 };
        }
        job.done().min(job.total)
    }

    /// "12 of 30 trainees dealt with (40%)".
    fn progress_text(&self, job: &IssuanceJobView) -> String {
        self.shell.t_args(
            "issuance-progress",
            &[
                ("done", &self.shell.number(&job.done())),
                ("total", &self.shell.number(&job.total)),
                ("percent", &self.shell.number(&job.percent())),
            ],
        )
    }
}

#[cfg(test)]
mod tests;
