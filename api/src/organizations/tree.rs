//! The organisation tree: the organisations at and below one, for scoping.

use sea_orm::{ConnectionTrait, DbErr, Statement, Value};
use uuid::Uuid;

/// The ids of `root` and every organisation below it.
pub async fn subtree_ids<C: ConnectionTrait>(db: &C, root: Uuid) -> Result<Vec<Uuid>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "WITH RECURSIVE tree(id) AS (SELECT id FROM organizations WHERE id = $1 \
             UNION SELECT o.id FROM organizations o JOIN tree t ON o.parent_id = t.id) SELECT id FROM tree"
        }
        _ => {
            "WITH RECURSIVE tree(id) AS (SELECT id FROM organizations WHERE id = ? \
             UNION SELECT o.id FROM organizations o JOIN tree t ON o.parent_id = t.id) SELECT id FROM tree"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [Value::from(root)]))
        .await?;
    rows.iter().map(|r| r.try_get::<Uuid>("", "id")).collect()
}

/// Whether `candidate` is `root` or below it.
pub async fn is_within<C: ConnectionTrait>(db: &C, root: Uuid, candidate: Uuid) -> Result<bool, DbErr> {
    Ok(subtree_ids(db, root).await?.contains(&candidate))
}
