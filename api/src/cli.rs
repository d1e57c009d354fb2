//! The `kamlang` command line.

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};
use uuid::Uuid;

use crate::{
    audit::{Actor, verify::VerifyOutcome},
    config::{Config, FileConfig, Overrides},
    db, server,
    users::service::{self, NewUser},
};

#[derive(Debug, Parser)]
#[command(
    name = "kamlang",
    version,
    about = "Kamlang: the national registry of Cambodia's social service workforce and the credential system of its training"
)]
pub struct Cli {
    /// A configuration file (default: ./kamlang.toml when it exists).
    #[arg(long, global = true, env = "KAMLANG_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write logs as JSON lines.
    #[arg(long, global = true, env = "KAMLANG_LOG_JSON")]
    pub log_json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the service (migrates the database first).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Import records from a file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Run benchmarks (build with --release), printing medians and ratios to their baselines.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Manage the providers' signing keys (private halves are 0600 files in the data directory).
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Issue certificates.
    #[command(subcommand)]
    Certificates(CertificatesCommand),
    /// Check a credential JSON, a certificate PDF or a QR code's text offline, against public
    /// keys exported with `kamlang keys export`. Exits 0 when it verifies, 1 when it does not.
    Verify(VerifyArgs),
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List every provider's keys and their standing.
    List(KeysListArgs),
    /// Give a provider a (first) signing key; like rotate when it has one.
    Generate(KeyProviderArgs),
    /// Make a new key the provider's active one; the old one is retired and still verifies.
    Rotate(KeyProviderArgs),
    /// Revoke a key: its certificates show as signed with a revoked key.
    Revoke(KeyRevokeArgs),
    /// Write every public key (with its standing) to a JSON file, for offline verification.
    Export(KeyExportArgs),
}

#[derive(Debug, Args)]
pub struct KeysListArgs {
    /// Only this provider's keys.
    #[arg(long, value_name = "PROVIDER_ID")]
    pub provider: Option<Uuid>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct KeyProviderArgs {
    /// The training provider (organisation id); NISA is 01936f00-0000-7000-8000-00000000a15a.
    #[arg(long, value_name = "PROVIDER_ID")]
    pub provider: Uuid,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct KeyRevokeArgs {
    #[arg(long, value_name = "PROVIDER_ID")]
    pub provider: Uuid,
    /// The key's name, e.g. key-2026-1 (see `kamlang keys list`).
    #[arg(long, value_name = "NAME")]
    pub key: String,
    /// Why (shown to verifiers).
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct KeyExportArgs {
    /// Where to write the keys.
    #[arg(long, value_name = "FILE", default_value = "kamlang-keys.json")]
    pub out: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum CertificatesCommand {
    /// Issue the certificates of every eligible trainee of a cohort (resumes an unfinished
    /// batch; never issues one twice), with a progress bar and a report of who was skipped.
    Issue(IssueArgs),
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The cohort (id).
    #[arg(long, value_name = "COHORT_ID")]
    pub cohort: Uuid,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A credential JSON, a certificate PDF, or a file with a QR code's text.
    pub file: PathBuf,
    /// The public keys (`kamlang keys export`).
    #[arg(long, value_name = "KEYS")]
    pub keys: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Registry: import vs PostgreSQL COPY of the same rows, and name search through the API.
    Registry(RegistryBenchArgs),
    /// Training: a cohort's results in one request, and a long transcript through the API.
    Training(TrainingBenchArgs),
    /// Certificates: render and sign one, and a cohort's batch end to end through the API.
    Certificates(CertificatesBenchArgs),
    /// Planning: every statistic through the API over a generated dataset.
    Planning(PlanningBenchArgs),
}

#[derive(Debug, Args)]
pub struct PlanningBenchArgs {
    /// A PostgreSQL server's maintenance database (a scratch database is created and dropped).
    #[arg(
        long,
        env = "KAMLANG_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    pub database_url: String,
    #[arg(long, default_value_t = 100_000)]
    pub workers: usize,
    #[arg(long, default_value_t = 3)]
    pub postings_per_worker: usize,
    #[arg(long, default_value_t = 20)]
    pub credits_per_worker: usize,
    /// Requests per statistic (the median is reported).
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
    /// Keep the generated database (its URL is printed) instead of dropping it: the dataset for
    /// trying queries by hand.
    #[arg(long)]
    pub keep: bool,
}

#[derive(Debug, Args)]
pub struct CertificatesBenchArgs {
    /// A PostgreSQL server's maintenance database (a scratch database is created and dropped).
    #[arg(
        long,
        env = "KAMLANG_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    pub database_url: String,
    /// Trainees in the batch (the plan's Vocational Certificate cohort: 4,026).
    #[arg(long, default_value_t = 4_026)]
    pub trainees: usize,
    /// Certificates rendered in the single-certificate benchmark (the median is reported).
    #[arg(long, default_value_t = 300)]
    pub renders: usize,
}

#[derive(Debug, Args)]
pub struct TrainingBenchArgs {
    /// A PostgreSQL server's maintenance database (a scratch database is created and dropped).
    #[arg(
        long,
        env = "KAMLANG_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    pub database_url: String,
    /// Trainees in the cohort.
    #[arg(long, default_value_t = 500)]
    pub trainees: usize,
    /// Modules of the cohort's qualification.
    #[arg(long, default_value_t = 10)]
    pub modules: usize,
    /// Runs of the results benchmark (a new cohort each; the median is reported).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Ledger records of the worker whose transcript is read.
    #[arg(long, default_value_t = 200)]
    pub transcript_records: usize,
    /// Transcript requests (the median is reported).
    #[arg(long, default_value_t = 200)]
    pub transcripts: usize,
}

#[derive(Debug, Args)]
pub struct RegistryBenchArgs {
    /// A PostgreSQL server's maintenance database (a scratch database is created and dropped).
    #[arg(
        long,
        env = "KAMLANG_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    pub database_url: String,
    /// Rows in the import benchmark.
    #[arg(long, default_value_t = 35_000)]
    pub import_rows: usize,
    /// Workers in the registry for the search benchmark.
    #[arg(long, default_value_t = 100_000)]
    pub search_workers: usize,
    /// Runs of the import benchmark (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Searches in the search benchmark.
    #[arg(long, default_value_t = 200)]
    pub searches: usize,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import workers from a CSV or XLSX file (the template is at /api/v1/imports/workers/template.csv).
    /// All or nothing: if any row has a problem, nothing is written and every problem is listed.
    Workers(ImportWorkersArgs),
}

#[derive(Debug, Args)]
pub struct ImportWorkersArgs {
    /// The CSV or XLSX file.
    pub file: PathBuf,
    /// Check every row and report, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write the per-row report as CSV to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args, Clone, Default)]
pub struct DatabaseArgs {
    /// Where Kamlang keeps its files (and its SQLite database when no URL is given) [default: ./kamlang-data].
    #[arg(long, env = "KAMLANG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// postgres://… or sqlite://… [default: a SQLite file in the data directory].
    #[arg(long, env = "DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "KAMLANG_BIND", value_name = "ADDR")]
    pub bind: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The address people reach the service at, for links [default: http://BIND].
    #[arg(long, env = "KAMLANG_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Load the synthetic demo dataset and one user of each role, and print their logins.
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create a user account; prints a generated password once.
    Create(CreateUserArgs),
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    /// admin, registrar, hr_officer, licensing_officer, planner or trainee.
    #[arg(long)]
    pub role: String,
    /// The organisation (id) a registrar or HR officer acts for.
    #[arg(long, value_name = "ORG")]
    pub scope: Option<Uuid>,
    /// The name shown in the UI [default: the email].
    #[arg(long)]
    pub name: Option<String>,
    /// km or en [default: km].
    #[arg(long)]
    pub locale: Option<String>,
    /// For a trainee: the registry number of the worker whose own records the account reads.
    #[arg(long, value_name = "REGISTRY_NUMBER")]
    pub worker: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the audit log; names the first broken entry.
    Verify(DatabaseArgs),
}

fn config_for(cli_config: Option<&PathBuf>, over: Overrides) -> anyhow::Result<Config> {
    Config::resolve(FileConfig::load(cli_config.map(|p| p.as_path()))?, over)
}

fn db_overrides(d: &DatabaseArgs) -> Overrides {
    Overrides {
        data_dir: d.data_dir.clone(),
        database_url: d.database_url.clone(),
        ..Default::default()
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => {
            let over = Overrides {
                bind: args.bind,
                data_dir: args.database.data_dir,
                database_url: args.database.database_url,
                public_url: args.public_url,
                log_json: Some(cli.log_json).filter(|b| *b),
            };
            let config = config_for(cli.config.as_ref(), over)?;
            server::run(config, args.demo).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate(d) => {
            let config = config_for(cli.config.as_ref(), db_overrides(&d))?;
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            println!("The database at {} is up to date.", db::redact(&config.database_url));
            Ok(ExitCode::SUCCESS)
        }
        Command::Users(UsersCommand::Create(args)) => {
            let config = config_for(cli.config.as_ref(), db_overrides(&args.database))?;
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let worker_id = match &args.worker {
                None => None,
                Some(number) => match service::worker_by_registry_number(&conn, number).await {
                    Ok(Ok(id)) => Some(id),
                    Ok(Err(e)) => {
                        eprintln!("--worker: {}", e.message);
                        return Ok(ExitCode::from(2));
                    }
                    Err(e) => anyhow::bail!("{}", e.message),
                },
            };
            let created = service::create(
                &conn,
                &Actor::cli(),
                NewUser {
                    display_name: args.name.unwrap_or_else(|| args.email.clone()),
                    email: args.email,
                    role: args.role,
                    scope_organization_id: args.scope,
                    locale: args.locale,
                    password: None,
                    worker_id,
                },
            )
            .await;
            match created {
                Ok(c) => {
                    println!("Created {} ({}), id {}.", c.user.email, c.user.role, c.user.id);
                    if let Some(p) = c.generated_password {
                        println!("Password, shown this once: {p}");
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("Could not create the user: {}", e.message);
                    for (field, why) in &e.fields {
                        eprintln!("  {field}: {why}");
                    }
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Bench(BenchCommand::Registry(a)) => {
            crate::bench::registry(crate::bench::RegistryBench {
                server_url: a.database_url,
                import_rows: a.import_rows,
                search_workers: a.search_workers,
                runs: a.runs.max(1),
                searches: a.searches.max(1),
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Planning(a)) => {
            crate::bench::planning(crate::bench::PlanningBench {
                server_url: a.database_url,
                workers: a.workers.max(1),
                postings_per_worker: a.postings_per_worker.max(1),
                credits_per_worker: a.credits_per_worker.max(1),
                runs: a.runs.max(1),
                keep: a.keep,
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Certificates(a)) => {
            crate::bench::certificates(crate::bench::CertificatesBench {
                server_url: a.database_url,
                trainees: a.trainees.max(1),
                renders: a.renders.max(10),
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Training(a)) => {
            crate::bench::training(crate::bench::TrainingBench {
                server_url: a.database_url,
                trainees: a.trainees.max(1),
                modules: a.modules.max(1),
                runs: a.runs.max(1),
                transcript_records: a.transcript_records,
                transcripts: a.transcripts.max(1),
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys(command) => {
            use crate::certificates::commands;
            let database = match &command {
                KeysCommand::List(a) => &a.database,
                KeysCommand::Generate(a) | KeysCommand::Rotate(a) => &a.database,
                KeysCommand::Revoke(a) => &a.database,
                KeysCommand::Export(a) => &a.database,
            };
            let config = config_for(cli.config.as_ref(), db_overrides(database))?;
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            match &command {
                KeysCommand::List(a) => commands::list_keys(&conn, a.provider).await?,
                KeysCommand::Generate(a) | KeysCommand::Rotate(a) => {
                    commands::generate_key(&conn, &config, a.provider).await?
                }
                KeysCommand::Revoke(a) => commands::revoke_key(&conn, a.provider, &a.key, &a.reason).await?,
                KeysCommand::Export(a) => commands::export_keys(&conn, &a.out).await?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Certificates(CertificatesCommand::Issue(args)) => {
            let config = config_for(cli.config.as_ref(), db_overrides(&args.database))?;
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            crate::certificates::commands::issue_cohort(&conn, &config, args.cohort).await
        }
        Command::Verify(args) => {
            let file =
                std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("reading {}: {e}", args.file.display()))?;
            let keys = std::fs::read_to_string(&args.keys)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", args.keys.display()))?;
            let check = crate::certificates::commands::verify_offline(&file, &keys)?;
            for line in &check.lines {
                println!("{line}");
            }
            println!("{}", if check.valid { "VALID" } else { "NOT VALID" });
            Ok(if check.valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Import(ImportCommand::Workers(args)) => import_workers(cli.config.as_ref(), args).await,
        Command::Audit(AuditCommand::Verify(d)) => {
            let config = config_for(cli.config.as_ref(), db_overrides(&d))?;
            let conn = db::connect(&config.database_url).await?;
            match crate::audit::verify::verify(&conn).await? {
                VerifyOutcome::Intact(n) => {
                    println!("The audit log is intact: {n} entries checked.");
                    Ok(ExitCode::SUCCESS)
                }
                VerifyOutcome::Broken(why) => {
                    println!("The audit log is broken at {why}");
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

/// Sets up tracing: human-readable by default, JSON lines with `--log-json`; `RUST_LOG` filters.
pub fn init_tracing(json: bool) {
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

async fn import_workers(config_file: Option<&PathBuf>, args: ImportWorkersArgs) -> anyhow::Result<ExitCode> {
    use indicatif::{ProgressBar, ProgressStyle};

    use crate::registry::{
        import::{self, FileKind, ImportRequest, Progress},
        scope::WorkerScope,
    };

    let config = config_for(config_file, db_overrides(&args.database))?;
    let bytes = std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("reading {}: {e}", args.file.display()))?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(kind) = FileKind::detect(None, &file_name) else {
        eprintln!("{file_name}: the file must be .csv or .xlsx");
        return Ok(ExitCode::from(2));
    };
    let conn = db::connect(&config.database_url).await?;
    db::migrate(&conn).await?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:10} [{bar:40}] {pos}/{len} rows ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let progress_bar = bar.clone();
    let report = import::run(
        &conn,
        ImportRequest {
            actor: &Actor::cli(),
            scope: &WorkerScope::All,
            registered_by: None,
            file_name: file_name.clone(),
            bytes,
            kind,
            dry_run: args.dry_run,
        },
        &move |p| match p {
            Progress::Checked { rows, of } => {
                progress_bar.set_message("checking");
                progress_bar.set_length(of as u64);
                progress_bar.set_position(rows as u64);
            }
            Progress::Written { rows, of } => {
                progress_bar.set_message("writing");
                progress_bar.set_length(of as u64);
                progress_bar.set_position(rows as u64);
            }
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    bar.finish_and_clear();
    if let Some(path) = &args.report {
        std::fs::write(path, report.problems_csv())?;
    }
    println!(
        "{file_name}: {} rows, {} valid, {} already registered, {} created{}.",
        report.rows_total,
        report.rows_valid,
        report.rows_existing,
        report.rows_created,
        if report.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    );
    if report.problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} problems{}:",
        report.problems.len(),
        if report.dry_run { "" } else { ", so nothing was written" }
    );
    for p in report.problems.iter().take(100) {
        println!("  row {:>6}  {:<20} {}", p.row, p.column, p.problem);
    }
    if report.problems.len() > 100 {
        println!(
            "  … and {} more (use --report FILE for all of them)",
            report.problems.len() - 100
        );
    }
    Ok(ExitCode::from(2))
}
