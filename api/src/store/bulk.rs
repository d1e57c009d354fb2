//! Bulk inserts. On PostgreSQL one statement per table,
//! `INSERT … SELECT … FROM json_populate_recordset(NULL::table, $1)`, carries every row in a single
//! JSON parameter: the statement is parsed once whatever the number of rows, which brings large
//! imports close to `COPY`. Elsewhere (SQLite), multi-row INSERTs in chunks that stay within the
//! bind-parameter limit.

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityName, EntityTrait, IdenStatic, Iterable,
    Statement, Value,
};

/// Rows per multi-row INSERT on backends without a bulk path.
const CHUNK: usize = 400;

fn to_json(value: Value) -> Result<serde_json::Value, DbErr> {
    use serde_json::Value as J;
    Ok(match value {
        Value::Bool(v) => v.map(J::Bool).unwrap_or(J::Null),
        Value::Int(v) => v.map(J::from).unwrap_or(J::Null),
        Value::BigInt(v) => v.map(J::from).unwrap_or(J::Null),
        Value::SmallInt(v) => v.map(J::from).unwrap_or(J::Null),
        Value::String(v) => v.map(J::String).unwrap_or(J::Null),
        Value::Uuid(v) => v.map(|u| J::String(u.to_string())).unwrap_or(J::Null),
        Value::ChronoDate(v) => v.map(|d| J::String(d.to_string())).unwrap_or(J::Null),
        Value::ChronoDateTimeUtc(v) => v.map(|d| J::String(d.to_rfc3339())).unwrap_or(J::Null),
        Value::Json(v) => v.map(|j| *j).unwrap_or(J::Null),
        other => return Err(DbErr::Custom(format!("bulk insert: unsupported value {other:?}"))),
    })
}

/// Inserts `rows` (all with the same columns set) into their table.
pub async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Clone + Send,
    C: ConnectionTrait,
{
    let Some(first) = rows.first() else { return Ok(()) };
    if db.get_database_backend() != DatabaseBackend::Postgres {
        for chunk in rows.chunks(CHUNK) {
            A::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
        return Ok(());
    }
    let columns: Vec<<A::Entity as EntityTrait>::Column> = <A::Entity as EntityTrait>::Column::iter()
        .filter(|c| first.get(*c).is_set())
        .collect();
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let mut record = serde_json::Map::with_capacity(columns.len());
        for column in &columns {
            let value = row
                .get(*column)
                .into_value()
                .ok_or_else(|| DbErr::Custom(format!("bulk insert: {} is not set", column.as_str())))?;
            record.insert(column.as_str().to_owned(), to_json(value)?);
        }
        records.push(serde_json::Value::Object(record));
    }
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
    let table = A::Entity::default().table_name().to_owned();
    let sql = format!(
        "INSERT INTO \"{table}\" ({cols}) SELECT {cols} FROM json_populate_recordset(NULL::\"{table}\", $1::json)",
        cols = names.join(", ")
    );
    let payload = serde_json::Value::Array(records).to_string();
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        sql,
        [Value::String(Some(payload))],
    ))
    .await?;
    Ok(())
}
