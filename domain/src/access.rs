//! Who may read and write what: the role and scope matrix of DESIGN.md section 5, as one pure
//! function that every route of the service asks before it touches a record.
//!
//! [`access`] answers with the *extent* of what a role may reach: every record, the records of
//! the user's organisation tree or training provider, only the user's own records, or nothing
//! (with a sentence saying why). The service turns that into a query filter; a denial becomes a
//! 403 with the reason, and a record outside the granted extent becomes a 404, never a leak.
//!
//! Finer rules that depend on the record itself are not decided here but by the use cases, and
//! are noted next to the cells they refine: which CQF levels a provider is accredited for, which
//! fields of their own worker record a trainee may change, which licence transitions a licensing
//! officer or a trainee may make.
//!
//! Cells that the design leaves open are decided as follows, each with its reason next to it:
//! - **Reads implied by writes**: a role that may write some records may read the same records.
//! - **Reference data** is readable by every signed-in role (it is public anyway); only an
//!   administrator changes it, as users and organisations.
//! - **Statistics, write** means importing the inputs of the planning indicators (population
//!   denominators, plan targets), which the design gives to planners (section 2), and
//!   administrators.
//! - **Audit log, write** is denied to everyone, administrators included: the log is
//!   append-only and written by the service itself as a side effect of every change.

use crate::Role;

/// The kinds of record a route can touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// User accounts.
    Users,
    /// Organisations (employers and training providers) and their hierarchy.
    Organizations,
    /// Reference data: CQF levels, delivery modes, workforce categories, admin units.
    ReferenceData,
    /// Worker records of the registry.
    Workers,
    /// Deployments: postings of workers to organisations and duty stations.
    Deployments,
    /// The training catalogue: modules, qualifications, cohorts.
    Catalogue,
    /// The credit ledger: completions, RPL, RCC, transfers, corrections.
    CreditRecords,
    /// Certificates: issuing, revoking, downloading.
    Certificates,
    /// Licences and their events.
    Licences,
    /// Planning statistics and their inputs (population denominators, plan targets).
    Statistics,
    /// The hash-chained audit log.
    AuditLog,
    /// The email outbox: what was sent, what failed, and retries.
    EmailOutbox,
}

impl Resource {
    /// Every resource, in the order of the design's table.
    pub const ALL: [Resource; 12] = [
        Resource::Users,
        Resource::Organizations,
        Resource::ReferenceData,
        Resource::Workers,
        Resource::Deployments,
        Resource::Catalogue,
        Resource::CreditRecords,
        Resource::Certificates,
        Resource::Licences,
        Resource::Statistics,
        Resource::AuditLog,
        Resource::EmailOutbox,
    ];

    /// The resource in an English sentence, e.g. "worker records".
    fn describe(self) -> &'static str {
        match self {
            Resource::Users => "user accounts",
            Resource::Organizations => "organisations",
            Resource::ReferenceData => "reference data",
            Resource::Workers => "worker records",
            Resource::Deployments => "deployments",
            Resource::Catalogue => "modules, qualifications and cohorts",
            Resource::CreditRecords => "credit records",
            Resource::Certificates => "certificates",
            Resource::Licences => "licences",
            Resource::Statistics => "statistics",
            Resource::AuditLog => "the audit log",
            Resource::EmailOutbox => "the email outbox",
        }
    }
}

/// What a route does with the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Lists, looks up, downloads.
    Read,
    /// Creates, changes, issues, revokes, decides, applies, imports.
    Write,
}

impl Action {
    /// Both actions.
    pub const ALL: [Action; 2] = [Action::Read, Action::Write];
}

/// How far a role reaches into a resource for an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// every record
    All,
    /// records of the user's scope organisation and the organisations below it
    OwnOrganizationTree,
    /// records of the user's own training provider
    OwnProvider,
    /// only the user's own records (trainee)
    OwnRecord,
    /// refused, with a sentence saying why
    Denied(String),
}

impl Access {
    /// Whether the action is refused outright.
    pub fn is_denied(&self) -> bool {
        matches!(self, Access::Denied(_))
    }
}

/// How far `role` may take `action` on `resource` (DESIGN.md section 5).
///
/// ```
/// use domain::{access, Access, Action, Resource, Role};
/// assert_eq!(access(Role::HrOfficer, Resource::Workers, Action::Write), Access::OwnOrganizationTree);
/// assert!(access(Role::Planner, Resource::Workers, Action::Read).is_denied());
/// ```
pub fn access(role: Role, resource: Resource, action: Action) -> Access {
    match role {
        Role::Admin => admin(resource, action),
        Role::Registrar => registrar(resource, action),
        Role::HrOfficer => hr_officer(resource, action),
        Role::LicensingOfficer => licensing_officer(resource, action),
        Role::Planner => planner(resource, action),
        Role::Trainee => trainee(resource, action),
    }
}

/// An administrator may do everything, except edit the append-only audit log.
fn admin(resource: Resource, action: Action) -> Access {
    match (resource, action) {
        (Resource::AuditLog, Action::Write) => audit_log_append_only(),
        _ => Access::All,
    }
}

/// A registrar acts for one training provider.
fn registrar(resource: Resource, action: Action) -> Access {
    use Action::{Read, Write};
    use Resource::*;
    let role = Role::Registrar;
    match (resource, action) {
        // This narrows the table's "read" as for the HR officer (below): a partner provider sees
        // the accounts of its own provider only, not other organisations' staff.
        (Users, Read) => Access::OwnProvider,
        (Organizations, Read) => Access::All,
        (Users | Organizations | ReferenceData, Write) => admin_only(resource),
        // "Write for own trainees": the learners enrolled with their provider.
        (Workers, _) => Access::OwnProvider,
        (Deployments, _) => deny("a registrar does not see or change postings; deployments belong to the employers"),
        // NISA's national curricula are readable by all providers; each writes only its own.
        (Catalogue, Read) => Access::All,
        (Catalogue, Write) => Access::OwnProvider,
        (CreditRecords, _) => Access::OwnProvider,
        // Issue and revoke only for levels the provider is accredited for: checked by the use
        // case against the accreditation, not here.
        (Certificates, _) => Access::OwnProvider,
        (Licences, _) => deny("a registrar has no part in licensing; licences are decided by the licensing committee"),
        (Statistics, Read) => Access::OwnProvider,
        (Statistics, Write) => statistics_inputs(role),
        (AuditLog, Read) => audit_log_admin_only(),
        (ReferenceData, Read) => Access::All,
        (AuditLog, Write) => audit_log_append_only(),
        (EmailOutbox, _) => outbox_admin_only(),
    }
}

/// An HR officer acts for one employer organisation and the organisations below it.
fn hr_officer(resource: Resource, action: Action) -> Access {
    use Action::{Read, Write};
    use Resource::*;
    let role = Role::HrOfficer;
    match (resource, action) {
        // This narrows the table's "read": a list of user accounts must not leak the staff of
        // other organisations, so an HR officer sees the accounts of their own tree only.
        (Users, Read) => Access::OwnOrganizationTree,
        // The organisation directory itself is national.
        (Organizations, Read) => Access::All,
        (Users | Organizations | ReferenceData, Write) => admin_only(resource),
        // "Write for own staff". The table's "read-for-verification of anyone" is served by the
        // verification and roster-check lookups (certificates, licences), not by the worker list.
        (Workers, _) => Access::OwnOrganizationTree,
        (Deployments, _) => Access::OwnOrganizationTree,
        (Catalogue, Read) => Access::All,
        (Catalogue, Write) => read_only(role, resource),
        (CreditRecords, Read) => Access::OwnOrganizationTree,
        (CreditRecords, Write) => deny("credit records are written by the training provider's registrar"),
        (Certificates, Read) => Access::OwnOrganizationTree,
        (Certificates, Write) => deny("certificates are issued and revoked by the training provider's registrar"),
        // Roster check before deployment concerns people who are not yet staff; the licence
        // register is public anyway.
        (Licences, Read) => Access::All,
        (Licences, Write) => deny("licences are decided by the licensing committee"),
        (Statistics, Read) => Access::OwnOrganizationTree,
        (Statistics, Write) => statistics_inputs(role),
        (AuditLog, Read) => audit_log_admin_only(),
        (ReferenceData, Read) => Access::All,
        (AuditLog, Write) => audit_log_append_only(),
        (EmailOutbox, _) => outbox_admin_only(),
    }
}

/// A licensing officer sits on the national licensing committee: reads everything a licence
/// decision needs, and decides licences.
fn licensing_officer(resource: Resource, action: Action) -> Access {
    use Action::{Read, Write};
    use Resource::*;
    let role = Role::LicensingOfficer;
    match (resource, action) {
        (Users | Organizations | Workers | Deployments | Catalogue | CreditRecords, Read) => Access::All,
        (Certificates | Statistics, Read) => Access::All,
        (Users | Organizations | ReferenceData, Write) => admin_only(resource),
        (Workers | Deployments | Catalogue | CreditRecords | Certificates, Write) => read_only(role, resource),
        // "Decide": every licence, every transition (which transitions are legal is the licence
        // state machine's business).
        (Licences, _) => Access::All,
        (Statistics, Write) => statistics_inputs(role),
        (AuditLog, Read) => audit_log_admin_only(),
        (ReferenceData, Read) => Access::All,
        (AuditLog, Write) => audit_log_append_only(),
        (EmailOutbox, _) => outbox_admin_only(),
    }
}

/// A planner sees aggregates, never individual people.
fn planner(resource: Resource, action: Action) -> Access {
    use Action::{Read, Write};
    use Resource::*;
    let role = Role::Planner;
    match (resource, action) {
        (Users | Organizations | Catalogue, Read) => Access::All,
        (Users | Organizations | ReferenceData, Write) => admin_only(resource),
        (Catalogue, Write) => read_only(role, resource),
        (Workers, _) => deny("a planner cannot read worker records; planners see aggregates only"),
        (Deployments | CreditRecords | Certificates | Licences, _) => deny(format!(
            "a planner cannot read individual {}; planners see aggregates only",
            resource.describe()
        )),
        // Read the indicators; write their inputs (population denominators, plan targets),
        // which the design has planners import.
        (Statistics, _) => Access::All,
        (AuditLog, Read) => audit_log_admin_only(),
        (ReferenceData, Read) => Access::All,
        (AuditLog, Write) => audit_log_append_only(),
        (EmailOutbox, _) => outbox_admin_only(),
    }
}

/// A trainee (or worker) sees their own records and the public catalogue.
fn trainee(resource: Resource, action: Action) -> Access {
    use Action::{Read, Write};
    use Resource::*;
    let role = Role::Trainee;
    match (resource, action) {
        // Their own account (password, language) is reached through their session, not here.
        (Users, _) => deny("a trainee cannot see or change other user accounts"),
        (Organizations, _) => deny("a trainee cannot see or change the organisation directory"),
        (ReferenceData, Write) => admin_only(resource),
        // "Own, contact details only": the use case limits a trainee's write to contact fields.
        (Workers, _) => Access::OwnRecord,
        (Deployments, Read) => Access::OwnRecord,
        (Deployments, Write) => deny("a trainee cannot change their postings; their employer's HR officer does"),
        (Catalogue, Read) => Access::All,
        (Catalogue, Write) => read_only(role, resource),
        (CreditRecords, Read) => Access::OwnRecord,
        (CreditRecords, Write) => deny("a trainee cannot record credits; their training provider's registrar does"),
        // "Download own".
        (Certificates, Read) => Access::OwnRecord,
        (Certificates, Write) => deny("a trainee cannot issue or revoke certificates"),
        // "Apply, renew, own": the use case lets a trainee apply and renew, never decide.
        (Licences, _) => Access::OwnRecord,
        (Statistics, _) => deny("a trainee cannot read statistics"),
        (AuditLog, Read) => audit_log_admin_only(),
        (ReferenceData, Read) => Access::All,
        (AuditLog, Write) => audit_log_append_only(),
        (EmailOutbox, _) => outbox_admin_only(),
    }
}

fn deny(reason: impl Into<String>) -> Access {
    Access::Denied(reason.into())
}

fn admin_only(resource: Resource) -> Access {
    deny(format!("only an administrator can change {}", resource.describe()))
}

fn read_only(role: Role, resource: Resource) -> Access {
    deny(format!(
        "{} can read {} but not change them",
        role.with_article(),
        resource.describe()
    ))
}

fn statistics_inputs(role: Role) -> Access {
    deny(format!(
        "{} cannot import population figures or plan targets; planners do",
        role.with_article()
    ))
}

/// Operations, not records: the email outbox is the administrator's alone (it is not in the
/// design's table, which predates it).
fn outbox_admin_only() -> Access {
    deny("only an administrator can see and retry the email outbox")
}

fn audit_log_admin_only() -> Access {
    deny("only an administrator can read the audit log")
}

/// Append-only: the service writes the log as a side effect of every change; nobody edits it,
/// administrators included.
fn audit_log_append_only() -> Access {
    deny("the audit log is append-only: the service writes it, nobody edits it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::{Read, Write};

    /// The expected extent of one cell, shorter to write than [`Access`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Cell {
        All,
        Tree,
        Provider,
        Own,
        No,
    }

    impl Cell {
        fn of(access: &Access) -> Cell {
            match access {
                Access::All => Cell::All,
                Access::OwnOrganizationTree => Cell::Tree,
                Access::OwnProvider => Cell::Provider,
                Access::OwnRecord => Cell::Own,
                Access::Denied(_) => Cell::No,
            }
        }
    }

    /// One row of the table: (read, write) per role, in the order of [`Role::ALL`]:
    /// admin, registrar, HR officer, licensing officer, planner, trainee.
    fn assert_row(resource: Resource, expected: [(Cell, Cell); 6]) {
        for (role, (read, write)) in Role::ALL.into_iter().zip(expected) {
            assert_eq!(
                Cell::of(&access(role, resource, Read)),
                read,
                "{role} reading {resource:?}"
            );
            assert_eq!(
                Cell::of(&access(role, resource, Write)),
                write,
                "{role} writing {resource:?}"
            );
        }
    }

    use Cell::{All, No, Own, Provider, Tree};

    #[test]
    fn users_row() {
        assert_row(
            Resource::Users,
            [(All, All), (Provider, No), (Tree, No), (All, No), (All, No), (No, No)],
        );
    }

    #[test]
    fn organisations_row() {
        assert_row(
            Resource::Organizations,
            [(All, All), (All, No), (All, No), (All, No), (All, No), (No, No)],
        );
    }

    #[test]
    fn reference_data_row() {
        assert_row(
            Resource::ReferenceData,
            [(All, All), (All, No), (All, No), (All, No), (All, No), (All, No)],
        );
    }

    #[test]
    fn worker_records_row() {
        assert_row(
            Resource::Workers,
            [
                (All, All),
                (Provider, Provider),
                (Tree, Tree),
                (All, No),
                (No, No),
                (Own, Own),
            ],
        );
    }

    #[test]
    fn deployments_row() {
        assert_row(
            Resource::Deployments,
            [(All, All), (No, No), (Tree, Tree), (All, No), (No, No), (Own, No)],
        );
    }

    #[test]
    fn catalogue_row() {
        assert_row(
            Resource::Catalogue,
            [(All, All), (All, Provider), (All, No), (All, No), (All, No), (All, No)],
        );
    }

    #[test]
    fn credit_records_row() {
        assert_row(
            Resource::CreditRecords,
            [
                (All, All),
                (Provider, Provider),
                (Tree, No),
                (All, No),
                (No, No),
                (Own, No),
            ],
        );
    }

    #[test]
    fn certificates_row() {
        assert_row(
            Resource::Certificates,
            [
                (All, All),
                (Provider, Provider),
                (Tree, No),
                (All, No),
                (No, No),
                (Own, No),
            ],
        );
    }

    #[test]
    fn licences_row() {
        assert_row(
            Resource::Licences,
            [(All, All), (No, No), (All, No), (All, All), (No, No), (Own, Own)],
        );
    }

    #[test]
    fn statistics_row() {
        assert_row(
            Resource::Statistics,
            [(All, All), (Provider, No), (Tree, No), (All, No), (All, All), (No, No)],
        );
    }

    #[test]
    fn email_outbox_row() {
        assert_row(
            Resource::EmailOutbox,
            [(All, All), (No, No), (No, No), (No, No), (No, No), (No, No)],
        );
    }

    #[test]
    fn audit_log_row() {
        assert_row(
            Resource::AuditLog,
            [(All, No), (No, No), (No, No), (No, No), (No, No), (No, No)],
        );
    }

    #[test]
    fn every_cell_is_answered_and_every_denial_explains_itself() {
        for role in Role::ALL {
            for resource in Resource::ALL {
                for action in Action::ALL {
                    if let Access::Denied(reason) = access(role, resource, action) {
                        assert!(
                            reason.len() > 20 && !reason.ends_with('.'),
                            "{role} {resource:?} {action:?}: {reason:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn denial_reasons_say_why() {
        assert_eq!(
            access(Role::Planner, Resource::Workers, Read),
            Access::Denied("a planner cannot read worker records; planners see aggregates only".into())
        );
        assert_eq!(
            access(Role::Registrar, Resource::Users, Write),
            Access::Denied("only an administrator can change user accounts".into())
        );
        assert_eq!(
            access(Role::LicensingOfficer, Resource::Workers, Write),
            Access::Denied("a licensing officer can read worker records but not change them".into())
        );
        assert_eq!(
            access(Role::HrOfficer, Resource::AuditLog, Read),
            Access::Denied("only an administrator can read the audit log".into())
        );
    }

    #[test]
    fn is_denied_is_true_only_for_denied() {
        assert!(Access::Denied("no".into()).is_denied());
        for granted in [
            Access::All,
            Access::OwnOrganizationTree,
            Access::OwnProvider,
            Access::OwnRecord,
        ] {
            assert!(!granted.is_denied());
        }
    }

    #[test]
    fn scoped_extents_go_only_to_roles_that_have_a_scope() {
        for role in Role::ALL {
            for resource in Resource::ALL {
                for action in Action::ALL {
                    match access(role, resource, action) {
                        Access::OwnProvider => assert_eq!(role, Role::Registrar),
                        Access::OwnOrganizationTree => assert_eq!(role, Role::HrOfficer),
                        Access::OwnRecord => assert_eq!(role, Role::Trainee),
                        Access::All | Access::Denied(_) => {}
                    }
                }
            }
        }
    }
}
