//! Kamlang's domain: the types and rules of the national registry of Cambodia's social service
//! workforce, as a registrar or a planner would recognise them.
//!
//! - [`FieldError`]: the one error of this layer, naming the field and the rule that failed.
//! - [`Role`], [`access`]: who may read and write what (DESIGN.md section 5).
//! - [`EmailAddress`], [`NewPassword`]: validated account inputs (parse, don't validate).
//! - [`CqfLevel`], [`DeliveryMode`], [`WorkforceCategory`]: reference data of the plans.
//! - [`Credits`]: exact credit arithmetic and the product's one rounding rule.
//! - [`chain_hash`], [`verify_chain`], [`ChainVerifier`]: the audit log's hash chain.
//! - [`login_throttle`]: how failed sign-ins are slowed down and locked.
//! - [`OrganizationKind`], [`Sector`]: what an organisation is.
//! - [`worker`]: workers of the registry ([`RegistryNumber`], [`NationalId`], [`PersonName`],
//!   [`PhoneNumber`], [`BirthDate`], ...), their postings ([`Period`]), category history
//!   ([`CategorySpan`]) and likely duplicates ([`likely_duplicate`]).
//! - [`worker_import`]: the bulk import template and its per-row validation.
//! - [`training`]: modules ([`ModuleCode`], [`ModuleHours`]), qualifications
//!   ([`QualificationRules`]), the append-only credit ledger ([`LedgerEntry`],
//!   [`effective_entries`]), the [`transcript`], [`progress`] toward a qualification and
//!   [`certificate_eligibility`].
//!
//! The crate is pure: no IO, no async, no database, no HTTP. Everything here is a value or a
//! function of values, so it is tested by unit and property tests alone, and the other crates
//! (`api`, `web`, `certificates`) map its types to storage and to responses.

pub mod access;
pub mod audit;
pub mod certificate;
pub mod credits;
pub mod email;
pub mod error;
pub mod licensing;
pub mod login_throttle;
pub mod organization;
pub mod password;
pub mod planning;
pub mod reference;
pub mod results_grid;
pub mod role;
pub mod training;
pub mod worker;
pub mod worker_import;

pub use access::{Access, Action, Resource, access};
pub use audit::{AuditRecord, ChainBreak, ChainVerifier, GENESIS_HASH, audit_timestamp, chain_hash, verify_chain};
pub use credits::Credits;
pub use email::EmailAddress;
pub use error::FieldError;
pub use organization::{OrganizationKind, Sector, required_text};
pub use password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NewPassword};
pub use reference::{CqfLevel, DeliveryMode, WorkforceCategory};
pub use role::Role;
pub use training::{
    Accreditation, CreditSource, EntryKind, Ineligibility, LedgerEntry, LedgerEntryId, MAX_LEDGER_NAME_CHARS,
    MAX_LEDGER_TEXT_CHARS, ModuleCode, ModuleCredit, ModuleHours, Outcome, Progress, QualificationLevel,
    QualificationRules, Recognition, RecognitionDecision, SourceTotal, Transcript, certificate_eligibility,
    credited_modules, effective_entries, progress, progress_as_of, serialize_credits, transcript, validate_correction,
    validate_entry,
};
pub use worker::{
    BirthDate, CategorySpan, EmploymentType, MAX_NAME_PART_CHARS, NationalId, Period, PersonName, PhoneNumber,
    RegistryNumber, Sex, WorkerStatus, category_on, change_category, compare_periods, find_overlap, fold_khmer,
    fold_latin, is_khmer, likely_duplicate, names_similar, parse_date, parse_duty_station_code, parse_yes_no,
};
pub use worker_import::{
    IMPORT_COLUMNS, ImportColumn, ImportProblem, MAX_POSITION_TITLE_CHARS, WorkerRow, column_letter,
    find_likely_duplicate_rows, find_repeated_national_ids, import_column, map_headers, parse_row, template_csv,
    template_help_csv,
};
