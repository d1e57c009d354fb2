//! Which worker records a user may see: the registry's scoping rules in one place.

use chrono::NaiveDate;
use domain::{Access, Action, Resource};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, sea_query::Query};
use uuid::Uuid;

use crate::{
    auth::CurrentUser,
    error::{AppError, AppResult},
    organizations::tree,
    store::{deployments, workers},
};

#[derive(Debug, Clone)]
pub enum WorkerScope {
    All,
    /// Staff with a posting open today in one of these organisations (an HR officer's tree).
    PostedIn(Vec<Uuid>),
    /// The trainees of one training provider (registered by it).
    RegisteredBy(Uuid),
    /// One's own record.
    Own(Option<Uuid>),
}

impl WorkerScope {
    pub async fn of<C: ConnectionTrait>(db: &C, user: &CurrentUser, action: Action) -> AppResult<WorkerScope> {
        let access = user.can(Resource::Workers, action)?;
        Ok(match access {
            Access::All => WorkerScope::All,
            Access::OwnOrganizationTree => match user.scope_organization_id {
                Some(root) => WorkerScope::PostedIn(tree::subtree_ids(db, root).await?),
                None => WorkerScope::PostedIn(Vec::new()),
            },
            Access::OwnProvider => match user.scope_organization_id {
                Some(provider) => WorkerScope::RegisteredBy(provider),
                None => WorkerScope::Own(None),
            },
            Access::OwnRecord => WorkerScope::Own(user.worker_id),
            Access::Denied(reason) => return Err(AppError::forbidden(reason)),
        })
    }

    /// The SQL condition on `workers` for this scope, as of `today`.
    pub fn condition(&self, today: NaiveDate) -> Condition {
        match self {
            WorkerScope::All => Condition::all(),
            WorkerScope::PostedIn(orgs) => Condition::all().add(
                workers::Column::Id.in_subquery(
                    Query::select()
                        .column(deployments::Column::WorkerId)
                        .from(deployments::Entity)
                        .and_where(deployments::Column::OrganizationId.is_in(orgs.clone()))
                        .cond_where(
                            Condition::any()
                                .add(deployments::Column::EndDate.is_null())
                                .add(deployments::Column::EndDate.gte(today)),
                        )
                        .to_owned(),
                ),
            ),
            WorkerScope::RegisteredBy(provider) => {
                Condition::all().add(workers::Column::RegisteredByOrganizationId.eq(*provider))
            }
            WorkerScope::Own(Some(id)) => Condition::all().add(workers::Column::Id.eq(*id)),
            // A primary key is never null: no record at all.
            WorkerScope::Own(None) => Condition::all().add(workers::Column::Id.is_null()),
        }
    }

    /// Whether a new posting at `organization` is within this scope (an HR officer posts staff
    /// only in their own tree).
    pub fn may_post_to(&self, organization: Uuid) -> bool {
        match self {
            WorkerScope::All => true,
            WorkerScope::PostedIn(orgs) => orgs.contains(&organization),
            // A registrar records where their trainee works, wherever that is.
            WorkerScope::RegisteredBy(_) => true,
            WorkerScope::Own(_) => false,
        }
    }
}
