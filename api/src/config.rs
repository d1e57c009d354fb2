//! The service's configuration: defaults < `kamlang.toml` < environment < command-line flags.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use anyhow::Context;
use serde::Deserialize;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./kamlang-data";
pub const DEFAULT_CONFIG_FILE: &str = "kamlang.toml";
pub const DEFAULT_MAIL_FROM: &str = "Kamlang <no-reply@kamlang.local>";

/// What the service runs with, once every layer is applied.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite://…`; when absent, a SQLite file inside the data directory.
    pub database_url: String,
    /// The address people reach the service at (links in emails and QR codes).
    pub public_url: String,
    /// Sign access tokens with this secret; when absent, a secret generated once and kept in the
    /// database is used, so that every instance on one database agrees.
    pub jwt_secret: Option<String>,
    pub access_token_minutes: i64,
    pub refresh_token_days: i64,
    pub log_json: bool,
    /// Where email goes: `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://…:465`
    /// (TLS), `smtp://host:25` (plain, for a local relay); when absent, `.eml` files are written
    /// into `<data dir>/mail`, so nothing needs a mail server to try the product.
    pub smtp_url: Option<String>,
    /// The From of every email.
    pub mail_from: String,
    /// Requests a minute one client address may make to the public endpoints (verification,
    /// status lists, keys, the public register); 0 turns the limit off (for a load test).
    pub public_rate_limit_per_minute: u32,
    /// Whether this instance runs certificate batches in the background (every instance may:
    /// they share the work through leases); an instance that only answers verifications can
    /// leave them to the others.
    pub batch_runner: bool,
    /// Planning statistics are counted from a snapshot of the registry (see
    /// `planning::snapshot`): after the registry changes, the snapshot is still used for up to
    /// this many seconds from when it was built, then rebuilt on the next request. 0 rebuilds on
    /// the first request after any change.
    pub planning_refresh_seconds: u64,
}

/// How long a planning snapshot serves after the registry changed (5 minutes).
pub const DEFAULT_PLANNING_REFRESH_SECONDS: u64 = 300;

/// The default limit of the public endpoints, per client address and minute.
pub const DEFAULT_PUBLIC_RATE_LIMIT: u32 = 120;

/// The optional configuration file: every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub jwt_secret: Option<String>,
    pub access_token_minutes: Option<i64>,
    pub refresh_token_days: Option<i64>,
    pub log_json: Option<bool>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub public_rate_limit_per_minute: Option<u32>,
    pub batch_runner: Option<bool>,
    pub planning_refresh_seconds: Option<u64>,
}

/// Values given on the command line or in the environment (clap reads both; a flag wins).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub log_json: Option<bool>,
}

impl FileConfig {
    /// Reads `path` when given (it must exist), else `./kamlang.toml` when it exists.
    pub fn load(path: Option<&Path>) -> anyhow::Result<FileConfig> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from(DEFAULT_CONFIG_FILE), false),
        };
        if !path.exists() {
            anyhow::ensure!(!required, "the configuration file {} does not exist", path.display());
            return Ok(FileConfig::default());
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the configuration file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("in the configuration file {}", path.display()))
    }
}

impl Config {
    pub fn resolve(file: FileConfig, over: Overrides) -> anyhow::Result<Config> {
        let bind_text = over.bind.or(file.bind).unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind: SocketAddr = bind_text
            .parse()
            .with_context(|| format!("bind address {bind_text:?} is not an address such as 127.0.0.1:8080"))?;
        let data_dir = over
            .data_dir
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        let database_url = over
            .database_url
            .or(file.database_url)
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| sqlite_url_in(&data_dir));
        let public_url = over
            .public_url
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_owned();
        let access_token_minutes = file.access_token_minutes.unwrap_or(15);
        let refresh_token_days = file.refresh_token_days.unwrap_or(30);
        anyhow::ensure!(
            (1..=24 * 60).contains(&access_token_minutes),
            "access_token_minutes must be 1 to 1440"
        );
        anyhow::ensure!(
            (1..=365).contains(&refresh_token_days),
            "refresh_token_days must be 1 to 365"
        );
        Ok(Config {
            bind,
            data_dir,
            database_url,
            public_url,
            jwt_secret: std::env::var("KAMLANG_JWT_SECRET")
                .ok()
                .or(file.jwt_secret)
                .filter(|s| !s.is_empty()),
            access_token_minutes,
            refresh_token_days,
            log_json: over.log_json.or(file.log_json).unwrap_or(false),
            smtp_url: std::env::var("KAMLANG_SMTP_URL")
                .ok()
                .or(file.smtp_url)
                .filter(|s| !s.is_empty()),
            mail_from: std::env::var("KAMLANG_MAIL_FROM")
                .ok()
                .or(file.mail_from)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned()),
            public_rate_limit_per_minute: env_number("KAMLANG_PUBLIC_RATE_LIMIT", "requests a minute")?
                .or(file.public_rate_limit_per_minute)
                .unwrap_or(DEFAULT_PUBLIC_RATE_LIMIT),
            batch_runner: file.batch_runner.unwrap_or(true),
            planning_refresh_seconds: env_number("KAMLANG_PLANNING_REFRESH_SECONDS", "seconds")?
                .or(file.planning_refresh_seconds)
                .unwrap_or(DEFAULT_PLANNING_REFRESH_SECONDS),
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// Cookies carry the Secure flag when the service is reached over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// A configuration for tests and tools: a given database, everything else default but for
    /// planning statistics, recounted on the first request after any change (a test changes the
    /// registry and asks again at once).
    pub fn for_database(database_url: impl Into<String>, data_dir: impl Into<PathBuf>) -> Config {
        Config {
            bind: DEFAULT_BIND.parse().expect("default bind"),
            data_dir: data_dir.into(),
            database_url: database_url.into(),
            public_url: format!("http://{DEFAULT_BIND}"),
            jwt_secret: None,
            access_token_minutes: 15,
            refresh_token_days: 30,
            log_json: false,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_owned(),
            public_rate_limit_per_minute: DEFAULT_PUBLIC_RATE_LIMIT,
            batch_runner: true,
            planning_refresh_seconds: 0,
        }
    }
}

/// A whole number from the environment variable `name` (unset or blank: none), or an error that
/// names the variable and what it counts.
fn env_number<T: std::str::FromStr>(name: &str, unit: &str) -> anyhow::Result<Option<T>> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| anyhow::anyhow!("{name} {v:?} is not a whole number of {unit}")),
        _ => Ok(None),
    }
}

pub fn sqlite_url_in(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("kamlang.db").display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_file_and_file_beats_defaults() {
        let file: FileConfig = toml::from_str("bind = \"0.0.0.0:9000\"\ndata_dir = \"/srv/k\"\n").unwrap();
        let over = Overrides {
            bind: Some("127.0.0.1:7000".into()),
            ..Default::default()
        };
        let c = Config::resolve(file, over).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:7000");
        assert_eq!(c.data_dir, PathBuf::from("/srv/k"));
        assert_eq!(c.database_url, "sqlite:///srv/k/kamlang.db?mode=rwc");
    }

    #[test]
    fn defaults_without_anything() {
        let c = Config::resolve(FileConfig::default(), Overrides::default()).unwrap();
        assert_eq!(c.bind.to_string(), DEFAULT_BIND);
        assert!(c.is_sqlite());
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        assert!(toml::from_str::<FileConfig>("bnd = \"x\"").is_err());
    }
}
