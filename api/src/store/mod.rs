//! The sea-orm entities: one module per table, kept apart from hand-written behaviour. Rows never
//! leave the service as JSON: each feature maps them to response types of its own.

pub mod accreditations;
pub mod admin_units;
pub mod app_settings;
pub mod audit_head;
pub mod audit_log;
pub mod bulk;
pub mod certificates;
pub mod cohorts;
pub mod cqf_levels;
pub mod credit_entries;
pub mod delivery_modes;
pub mod deployments;
pub mod duplicate_flags;
pub mod email_outbox;
pub mod enrolments;
pub mod imports;
pub mod issuance_batches;
pub mod issuer_keys;
pub mod issuers;
pub mod modules;
pub mod organizations;
pub mod password_tokens;
pub mod qualification_modules;
pub mod qualifications;
pub mod refresh_tokens;
pub mod registry_counters;
pub mod serial_counters;
pub mod status_list_counters;
pub mod users;
pub mod villages;
pub mod worker_categories;
pub mod worker_merges;
pub mod workers;
pub mod workforce_categories;
