//! Creating users: shared by the API, the command line, first start and demo data.

use chrono::Utc;
use domain::{EmailAddress, NewPassword, Role};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    audit::{self, Actor},
    auth::password,
    error::{AppError, AppResult},
    store::{organizations, users},
};

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub scope_organization_id: Option<Uuid>,
    pub locale: Option<String>,
    /// When absent, a password is generated and returned once.
    pub password: Option<String>,
    /// For a trainee (and only a trainee): the worker whose own records the account reads.
    pub worker_id: Option<Uuid>,
}

pub struct CreatedUser {
    pub user: users::Model,
    /// The generated password, when none was given: shown once, stored only as a hash.
    pub generated_password: Option<String>,
}

/// What the audit log keeps of a user: never the password hash.
#[derive(Serialize)]
pub struct AuditedUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub scope_organization_id: Option<Uuid>,
    pub worker_id: Option<Uuid>,
    pub locale: &'a str,
    pub status: &'a str,
    pub version: i32,
}

impl<'a> From<&'a users::Model> for AuditedUser<'a> {
    fn from(u: &'a users::Model) -> Self {
        AuditedUser {
            id: u.id,
            email: &u.email,
            display_name: &u.display_name,
            role: &u.role,
            scope_organization_id: u.scope_organization_id,
            worker_id: u.worker_id,
            locale: &u.locale,
            status: &u.status,
            version: u.version,
        }
    }
}

pub fn parse_locale(raw: Option<&str>) -> Result<String, domain::FieldError> {
    match raw.unwrap_or("km") {
        l @ ("km" | "en") => Ok(l.to_owned()),
        _ => Err(domain::FieldError::new("locale", "one_of", "must be km or en")),
    }
}

/// Checks that the role's scope is right: registrars and HR officers need one, the others none.
pub async fn check_scope(
    db: &DatabaseConnection,
    role: Role,
    scope: Option<Uuid>,
) -> AppResult<Result<(), domain::FieldError>> {
    match (role.needs_scope(), scope) {
        (true, None) => Ok(Err(domain::FieldError::new(
            "scope_organization_id",
            "required",
            format!("is required for the role {role}: the organisation whose records they manage"),
        ))),
        (false, Some(_)) if role != Role::Trainee => Ok(Err(domain::FieldError::new(
            "scope_organization_id",
            "not_allowed",
            format!("must be empty for the role {role}, which is not limited to one organisation"),
        ))),
        (_, Some(org)) => {
            let found = organizations::Entity::find_by_id(org).one(db).await?;
            match found {
                None => Ok(Err(domain::FieldError::new(
                    "scope_organization_id",
                    "exists",
                    "must be an existing organisation",
                ))),
                Some(o) if role == Role::Registrar && o.kind != domain::OrganizationKind::TrainingProvider.as_str() => {
                    Ok(Err(domain::FieldError::new(
                        "scope_organization_id",
                        "training_provider",
                        "must be a training provider for a registrar",
                    )))
                }
                Some(_) => Ok(Ok(())),
            }
        }
        _ => Ok(Ok(())),
    }
}

/// Checks that a trainee's account names a registered worker, and that no other role names one.
pub async fn check_worker_link(
    db: &DatabaseConnection,
    role: Role,
    worker: Option<Uuid>,
) -> AppResult<Result<(), domain::FieldError>> {
    match (role, worker) {
        (Role::Trainee, None) => Ok(Err(domain::FieldError::new(
            "worker_id",
            "required",
            "is required for the role trainee: the worker whose own records the account reads",
        ))),
        (Role::Trainee, Some(id)) => {
            let found = crate::store::workers::Entity::find_by_id(id).one(db).await?;
            Ok(match found {
                Some(w) if w.merged_into.is_none() => Ok(()),
                Some(_) => Err(domain::FieldError::new(
                    "worker_id",
                    "merged",
                    "names a record merged into another: use the record it was merged into",
                )),
                None => Err(domain::FieldError::new(
                    "worker_id",
                    "exists",
                    "must be a registered worker",
                )),
            })
        }
        (_, Some(_)) => Ok(Err(domain::FieldError::new(
            "worker_id",
            "not_allowed",
            format!("must be empty for the role {role}: only trainee accounts are linked to a worker"),
        ))),
        (_, None) => Ok(Ok(())),
    }
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: NewUser) -> AppResult<CreatedUser> {
    create_with(db, actor, input, None).await
}

/// Who invites, when a new account gets an emailed link to set its password instead of one.
pub struct Invitation<'a> {
    pub state: &'a crate::state::AppState,
    pub inviter_name: &'a str,
}

/// Creates a user. Without a password: with an invitation, the account gets no password and an
/// emailed link to set one (queued in the same transaction); without, a password is generated
/// and returned once.
pub async fn create_with(
    db: &DatabaseConnection,
    actor: &Actor,
    input: NewUser,
    invitation: Option<Invitation<'_>>,
) -> AppResult<CreatedUser> {
    let mut errors = Vec::new();
    let email = EmailAddress::parse("email", &input.email)
        .map_err(|e| errors.push(e))
        .ok();
    let display_name = domain::required_text("display_name", &input.display_name, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let role = input.role.parse::<Role>().map_err(|e| errors.push(e)).ok();
    let locale = parse_locale(input.locale.as_deref()).map_err(|e| errors.push(e)).ok();
    let (password_text, generated) = match (input.password, &invitation) {
        (Some(p), _) => (Some(p), None),
        // Invited: no password until they set one through the emailed link.
        (None, Some(_)) => (None, None),
        (None, None) => {
            let g = password::generate();
            (Some(g.clone()), Some(g))
        }
    };
    let new_password = match &password_text {
        Some(p) => NewPassword::parse("password", p).map_err(|e| errors.push(e)).ok(),
        None => None,
    };
    if let Some(role) = role
        && let Err(e) = check_scope(db, role, input.scope_organization_id).await?
    {
        errors.push(e);
    }
    if let Some(role) = role
        && let Err(e) = check_worker_link(db, role, input.worker_id).await?
    {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let email = email.expect("validated");
    if let Some(worker) = input.worker_id
        && let Some(other) = users::Entity::find()
            .filter(users::Column::WorkerId.eq(worker))
            .one(db)
            .await?
    {
        return Err(AppError::conflict(
            "worker_has_account",
            format!("The worker already has an account ({}).", other.email),
        )
        .with_field("worker_id", "already has an account"));
    }
    if users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::conflict(
            "duplicate_email",
            format!("A user with the email {email} already exists."),
        )
        .with_field("email", "is already in use"));
    }
    let hash = match new_password {
        Some(p) => Some(password::hash(p).await?),
        None => None,
    };
    let now = Utc::now();
    let tx = audit::begin(db).await?;
    let user = users::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        display_name: Set(display_name.expect("validated")),
        role: Set(role.expect("validated").as_str().to_owned()),
        scope_organization_id: Set(input.scope_organization_id),
        locale: Set(locale.expect("validated")),
        password_hash: Set(hash),
        status: Set("active".to_owned()),
        failed_login_count: Set(0),
        last_failed_login_at: Set(None),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        worker_id: Set(input.worker_id),
    }
    .insert(&tx)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::conflict("duplicate_email", "A user with this email already exists.")
                .with_field("email", "is already in use")
        }
        _ => e.into(),
    })?;
    audit::record(
        &tx,
        actor,
        "user.created",
        "user",
        user.id,
        None::<&()>,
        Some(&AuditedUser::from(&user)),
    )
    .await?;
    if let Some(inv) = &invitation {
        crate::auth::passwords::invite(&tx, inv.state, &user, inv.inviter_name).await?;
    }
    tx.commit().await?;
    Ok(CreatedUser {
        user,
        generated_password: generated,
    })
}

/// The worker a registry number names, for forms and the command line that link a trainee's
/// account by the number people know (field `registry_number`).
pub async fn worker_by_registry_number(
    db: &DatabaseConnection,
    raw: &str,
) -> AppResult<Result<Uuid, domain::FieldError>> {
    let number = match domain::RegistryNumber::parse("registry_number", raw) {
        Ok(n) => n,
        Err(e) => return Ok(Err(e)),
    };
    let found = crate::store::workers::Entity::find()
        .filter(crate::store::workers::Column::RegistryNumber.eq(number.to_string()))
        .one(db)
        .await?;
    Ok(found.map(|w| w.id).ok_or_else(|| {
        domain::FieldError::new(
            "registry_number",
            "exists",
            format!("{number} is not a registered worker"),
        )
    }))
}
