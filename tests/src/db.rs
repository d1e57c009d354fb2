//! A database of its own for each test, on SQLite or PostgreSQL.

use std::{path::PathBuf, sync::OnceLock};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use tokio::sync::OnceCell;
use uuid::Uuid;

pub const DATABASE_ENV: &str = "KAMLANG_TEST_DATABASE_URL";

pub struct TestDatabase {
    pub url: String,
    /// On PostgreSQL, the server's maintenance URL and this test's database name, to drop it.
    postgres: Option<(String, String)>,
    dir: tempfile::TempDir,
}

impl TestDatabase {
    pub fn is_postgres() -> bool {
        std::env::var(DATABASE_ENV).is_ok_and(|u| u.starts_with("postgres"))
    }

    pub fn backend_name() -> &'static str {
        if Self::is_postgres() { "postgres" } else { "sqlite" }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub async fn create() -> TestDatabase {
        let dir = tempfile::tempdir().expect("a temporary directory");
        match std::env::var(DATABASE_ENV).ok().filter(|u| u.starts_with("postgres")) {
            Some(server_url) => {
                let template = postgres_template(&server_url).await;
                let name = format!("kamlang_t_{}", Uuid::new_v4().simple());
                let admin = maintenance(&server_url).await;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                    .await
                    .expect("cloning the template database");
                admin.close().await.ok();
                TestDatabase {
                    url: with_database(&server_url, &name),
                    postgres: Some((server_url, name)),
                    dir,
                }
            }
            None => {
                let template = sqlite_template().await;
                let file = dir.path().join("kamlang.db");
                std::fs::copy(template, &file).expect("copying the migrated SQLite file");
                TestDatabase {
                    url: format!("sqlite://{}?mode=rwc", file.display()),
                    postgres: None,
                    dir,
                }
            }
        }
    }

    /// A separate connection to this test's database (for checks and tampering).
    pub async fn connect(&self) -> DatabaseConnection {
        api::db::connect(&self.url)
            .await
            .expect("connecting to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((server_url, name)) = self.postgres.take() {
            // Dropping needs async IO; do it on a thread of its own so that Drop works inside
            // and outside a runtime.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let admin = Database::connect(one_connection(&server_url)).await.ok()?;
                    admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await
                        .ok()?;
                    admin.close().await.ok()
                })
            })
            .join();
        }
    }
}

fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (server_url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// A SQLite file migrated once per test process.
async fn sqlite_template() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static READY: OnceCell<PathBuf> = OnceCell::const_new();
    READY
        .get_or_init(|| async {
            let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"));
            let file = dir.path().join("template.db");
            let db = api::db::connect(&format!("sqlite://{}?mode=rwc", file.display()))
                .await
                .expect("creating SQLite");
            api::db::migrate(&db).await.expect("migrating the SQLite template");
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .expect("checkpointing");
            db.close().await.ok();
            file
        })
        .await
        .clone()
}

/// The name of a migrated template database for the current migrations, made once per
/// fingerprint of the migration list and shared by concurrent test processes (under an
/// advisory lock).
async fn postgres_template(server_url: &str) -> String {
    static READY: OnceCell<String> = OnceCell::const_new();
    READY
        .get_or_init(|| async {
            let fingerprint = fnv(&migration::schema_fingerprint());
            let name = format!("kamlang_tpl_{fingerprint:016x}");
            let admin = maintenance(server_url).await;
            let backend = admin.get_database_backend();
            admin
                .execute_unprepared("SELECT pg_advisory_lock(7283920011)")
                .await
                .expect("locking");
            let exists = admin
                .query_one_raw(Statement::from_sql_and_values(
                    backend,
                    "SELECT 1 AS one FROM pg_database WHERE datname = $1",
                    [name.clone().into()],
                ))
                .await
                .expect("looking for the template")
                .is_some();
            if !exists {
                let building = format!("{name}_building");
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
                    .await
                    .expect("dropping");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {building}"))
                    .await
                    .expect("creating the template");
                let db = api::db::connect(&with_database(server_url, &building))
                    .await
                    .expect("connecting to the template");
                api::db::migrate(&db).await.expect("migrating the template");
                db.close().await.ok();
                admin
                    .execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {name}"))
                    .await
                    .expect("publishing the template");
            }
            admin
                .execute_unprepared("SELECT pg_advisory_unlock(7283920011)")
                .await
                .expect("unlocking");
            admin.close().await.ok();
            name
        })
        .await
        .clone()
}

fn one_connection(url: &str) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(1).min_connections(1).sqlx_logging(false);
    opts
}

/// One connection to the server's maintenance database: session-level locks stay on it.
async fn maintenance(url: &str) -> DatabaseConnection {
    Database::connect(one_connection(url))
        .await
        .expect("connecting to PostgreSQL")
}

fn fnv(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_the_database_name() {
        assert_eq!(
            with_database("postgres://root@127.0.0.1:5432/postgres", "x"),
            "postgres://root@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/postgres?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
