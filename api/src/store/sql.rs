//! Hand-written SQL for the few queries the query builder says less clearly (joins with aliases,
//! aggregates over derived tables), with positional parameters in the backend's own syntax
//! (`$1` on PostgreSQL, `?` on SQLite).

use sea_orm::{DatabaseBackend, Statement, Value};

/// A statement under construction: text and its parameters, in order.
pub struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DatabaseBackend) -> Sql {
        Sql {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn param(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.values.push(value.into());
        let placeholder = match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        };
        self.text.push_str(&placeholder);
        self
    }

    pub fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}
