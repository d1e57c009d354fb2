//! Starting the service: connect, migrate, make sure there is an administrator, serve until
//! SIGTERM or Ctrl-C, then finish the requests in flight.

use std::{net::SocketAddr, sync::Arc};

use anyhow::Context;
use chrono::Duration;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::{
    audit::Actor,
    auth::tokens::TokenKeys,
    config::Config,
    db, demo, http,
    state::AppState,
    store::users,
    users::service::{self, NewUser},
};

/// Connects, migrates and loads the signing keys.
pub async fn prepare(config: &Config) -> anyhow::Result<AppState> {
    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    let keys = TokenKeys::load(
        &db,
        config.jwt_secret.as_deref(),
        Duration::minutes(config.access_token_minutes),
        Duration::days(config.refresh_token_days),
    )
    .await?;
    crate::ops::metrics_handle();
    // NISA, the national trust anchor, can sign from the first start.
    crate::certificates::keys::ensure_nisa_key(
        &db,
        &crate::certificates::keys::KeyFiles::in_data_dir(&config.data_dir),
        &config.public_url,
    )
    .await
    .map_err(|e| anyhow::anyhow!("NISA's signing key: {}", e.message))?;
    Ok(AppState {
        db,
        config: Arc::new(config.clone()),
        keys: Arc::new(keys),
        verifications: Arc::default(),
        verification_reads: Arc::new(
            crate::certificates::verify::VerificationReads::for_database(&config.database_url)
                .map_err(|e| anyhow::anyhow!("the verification's connections: {}", e.message))?,
        ),
        planning: Arc::default(),
    })
}

/// On a database with no user at all, creates the first administrator. Returns its email and,
/// when it was generated, its password, for the caller to print once (it is never logged).
pub async fn bootstrap_admin(db: &DatabaseConnection) -> anyhow::Result<Option<(String, Option<String>)>> {
    if users::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let email = std::env::var("KAMLANG_ADMIN_EMAIL").unwrap_or_else(|_| "admin@kamlang.local".to_owned());
    let password = std::env::var("KAMLANG_ADMIN_PASSWORD").ok().filter(|p| !p.is_empty());
    let created = service::create(
        db,
        &Actor::system(),
        NewUser {
            email,
            display_name: "Administrator".to_owned(),
            role: "admin".to_owned(),
            scope_organization_id: None,
            locale: None,
            password,
            worker_id: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("creating the first administrator: {e}"))?;
    Ok(Some((created.user.email, created.generated_password)))
}

/// A running server: its address, its state, and a way to stop it.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    handle: JoinHandle<std::io::Result<()>>,
    stop_jobs: tokio::sync::watch::Sender<bool>,
    jobs: JoinHandle<()>,
}

impl RunningServer {
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = self.handle.await;
        let _ = self.stop_jobs.send(true);
        let _ = self.jobs.await;
    }
}

/// Serves `state` on `listener` in the background (tests use a listener on port 0).
pub fn spawn(state: AppState, listener: TcpListener) -> anyhow::Result<RunningServer> {
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let app = http::app(state.clone());
    let handle = tokio::spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await
    });
    let (stop_jobs, stopping) = tokio::sync::watch::channel(false);
    let counts =
        crate::certificates::verify::spawn_flusher(state.db.clone(), state.verifications.clone(), stopping.clone());
    let runner = if state.config.batch_runner {
        crate::certificates::batch::spawn_runner(crate::certificates::batch::Issuing::from_state(&state), stopping)
    } else {
        tokio::spawn(async {})
    };
    let jobs = tokio::spawn(async move {
        let _ = runner.await;
        let _ = counts.await;
    });
    Ok(RunningServer {
        addr,
        state,
        shutdown: Some(tx),
        handle,
        stop_jobs,
        jobs,
    })
}

/// `kamlang serve`.
pub async fn run(config: Config, load_demo: bool) -> anyhow::Result<()> {
    let state = prepare(&config).await?;
    if let Some((email, generated)) = bootstrap_admin(&state.db).await? {
        println!("Created the first administrator: {email}");
        match generated {
            Some(p) => {
                println!("Its password, shown this once: {p}\n(Sign in and keep it safe; it is stored only as a hash.)")
            }
            None => println!("Its password is the one given in KAMLANG_ADMIN_PASSWORD."),
        }
    }
    if load_demo {
        let logins = demo::load(&state.db).await?;
        println!(
            "Demo data loaded (synthetic: organisations are named Demo, national IDs start with 99, demo modules say demo hours). Sign in as any of these, password {}:",
            demo::DEMO_PASSWORD
        );
        for l in logins {
            println!("  {:<18} {}", l.role, l.email);
        }
    }
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("listening on {}", config.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, database = %db::redact(&config.database_url), "serving");
    println!("Kamlang is serving on http://{addr}/ (Ctrl-C to stop)");
    let (stop_sender, stopping) = tokio::sync::watch::channel(false);
    let sender = crate::mail::sender::spawn(
        state.db.clone(),
        crate::mail::sender::Sender {
            mailer: crate::mail::transport::Mailer::from_config(&config)?,
            from: config.mail_from.clone(),
            instance: format!("{}:{}", hostname(), std::process::id()),
        },
        stopping.clone(),
    );
    let expiry = crate::licensing::service::spawn_job(state.db.clone(), config.public_url.clone(), stopping.clone());
    let counts =
        crate::certificates::verify::spawn_flusher(state.db.clone(), state.verifications.clone(), stopping.clone());
    let batches = if config.batch_runner {
        crate::certificates::batch::spawn_runner(crate::certificates::batch::Issuing::from_state(&state), stopping)
    } else {
        tokio::spawn(async {})
    };
    let app = http::app(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    let _ = stop_sender.send(true);
    let _ = sender.await;
    let _ = batches.await;
    let _ = counts.await;
    let _ = expiry.await;
    tracing::info!("stopped");
    Ok(())
}

pub fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "kamlang".to_owned())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
