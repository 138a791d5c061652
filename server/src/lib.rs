//! The `koprogo` server: configuration, database, HTTP layers, the REST API, background jobs
//! and the CLI. The app itself (pages, server functions, services) lives in the `app` crate.

pub mod config;
pub mod db;
pub mod http;
pub mod metrics;
pub mod rest;
pub mod secrets;
pub mod seed;
pub mod telemetry;

use app::ssr::mail::Mailer;
use app::ssr::{AppState, Settings};
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_sessions::ExpiredDeletion;

/// Everything needed to build the HTTP application, independent of where it came from
/// (flags and env for the binary, literals in tests).
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub site_root: String,
    pub public_url: String,
    pub data_dir: PathBuf,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub session_key: Vec<u8>,
    pub auth_rate_per_minute: u32,
    /// How many reverse proxies in front of the server append to X-Forwarded-For; the client
    /// is the address the outermost of them saw. 0: the TCP peer is the client.
    pub trusted_proxy_hops: usize,
    /// Password hashes and file parses that may run at once (each argon2 hash takes 19 MiB).
    pub password_hash_permits: usize,
    /// How long a request waits for one of those before it gets 503 + Retry-After.
    pub busy_wait: std::time::Duration,
    /// Every request is answered within this, or gets 503.
    pub request_timeout: std::time::Duration,
    /// The bearer token `/metrics` wants; without one only loopback clients may read it.
    pub metrics_token: Option<String>,
}

pub fn leptos_options(config: &ServerConfig) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("koprogo")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

pub fn build_state(db: DatabaseConnection, config: &ServerConfig) -> Result<AppState, String> {
    let mailer = match &config.smtp_url {
        Some(url) => Mailer::smtp(url)?,
        None => Mailer::Directory(config.data_dir.join("mail")),
    };
    let mut settings = Settings::for_url(&config.public_url);
    settings.mail_from = config.mail_from.clone();
    Ok(AppState {
        db,
        leptos_options: leptos_options(config),
        settings: Arc::new(settings),
        mailer,
        outbox: Default::default(),
        work: app::ssr::work::Work::new(config.password_hash_permits, config.busy_wait),
    })
}

/// The background jobs: the mail outbox worker, and hourly sweeps of expired sessions and
/// stale login throttles. Each replica runs them; the outbox claims each mail atomically.
pub fn start_jobs(state: &AppState) -> Vec<tokio::task::JoinHandle<()>> {
    let outbox = tokio::spawn(app::ssr::services::outbox::run_worker(
        state.db.clone(),
        state.mailer.clone(),
        state.settings.mail_from.clone(),
        state.outbox.clone(),
        std::time::Duration::from_secs(5),
    ));
    let db = state.db.clone();
    let sweeps = tokio::spawn(async move {
        let store = app::ssr::session_store::SeaOrmSessionStore::new(db.clone());
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(%err, "could not delete expired sessions");
            }
            if let Err(err) = app::ssr::services::throttle::sweep(&db).await {
                tracing::warn!(?err, "could not sweep login throttles");
            }
        }
    });
    let upkeep = tokio::spawn(async {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            every.tick().await;
            crate::metrics::upkeep();
        }
    });
    vec![outbox, sweeps, upkeep]
}
