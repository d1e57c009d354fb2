//! Licensing (issue: licence types, decisions as a state machine, CPD, expiry, the public
//! register, roster checks, employer alerts): the use cases in [`service`], the endpoints in
//! [`routes`].

mod routes;
pub mod service;

pub use routes::{licence_view, public_router, router};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::{auth::CurrentUser, error::AppResult, store::licences};

/// Licences by status (and expiring soon), oldest first for the queue: licensing officers and
/// administrators see all; HR officers those of their staff; a trainee their own.
pub async fn queue(
    db: &DatabaseConnection,
    user: &CurrentUser,
    status: Option<&str>,
    expiring_within_days: Option<u32>,
) -> AppResult<Vec<licences::Model>> {
    user.can(domain::Resource::Licences, domain::Action::Read)?;
    let mut q = licences::Entity::find().order_by_asc(licences::Column::CreatedAt);
    if let Some(s) = status {
        let s = domain::licensing::LicenceStatus::parse(s)?;
        q = q.filter(licences::Column::Status.eq(s.as_str()));
    }
    if let Some(days) = expiring_within_days {
        let until = service::today() + chrono::Duration::days(i64::from(days));
        q = q
            .filter(licences::Column::Status.is_in(["active", "conditional"]))
            .filter(licences::Column::ValidUntil.lte(until));
    }
    match user.role {
        domain::Role::LicensingOfficer | domain::Role::Admin => {}
        domain::Role::Trainee => q = q.filter(licences::Column::WorkerId.eq(user.worker_id.unwrap_or_default())),
        _ => {
            let scope = crate::registry::scope::WorkerScope::of(db, user, domain::Action::Read).await?;
            q = q.filter(
                licences::Column::WorkerId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(crate::store::workers::Column::Id)
                        .from(crate::store::workers::Entity)
                        .cond_where(scope.condition(service::today()))
                        .to_owned(),
                ),
            );
        }
    }
    Ok(q.all(db).await?)
}
