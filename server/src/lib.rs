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
    /// Seals the second factors' secrets.
    pub data_key: app::ssr::crypto::DataKey,
    pub auth_rate_per_minute: u32,
    /// How many reverse proxies in front of the server append to X-Forwarded-For; the client
    /// is the address the outermost of them saw. 0: the TCP peer is the client.
    pub trusted_proxy_hops: usize,
    /// Password hashes and file parses that may run at once (each argon2 hash takes 19 MiB).
    pub password_hash_permits: usize,
    /// How long a request waits for one of those before it gets 503 + Retry-After.
    pub busy_wait: std::time::Duration,
    /// Whether those run at a lower priority than the threads answering requests (nice 10),
    /// so that a login storm never starves the rest of the app.
    pub lower_work_priority: bool,
    /// Every request is answered within this, or gets 503.
    pub request_timeout: std::time::Duration,
    /// The bearer token `/metrics` wants; without one only loopback clients may read it.
    pub metrics_token: Option<String>,
    /// What the login throttles take the time from: the system's, or a stopped clock in tests.
    pub clock: app::ssr::clock::Clock,
    /// The OpenID Connect providers (none by default) and the client's keys.
    pub oidc: app::ssr::oidc::Oidc,
    /// Where documents are stored: a directory (the default, `<data dir>/files`) or a bucket.
    pub storage: app::ssr::storage::StorageConfig,
    pub document_limits: app::ssr::services::documents::Limits,
}

pub fn leptos_options(config: &ServerConfig) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("koprogo")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(BuildFiles::current().hashed)
        .build()
}

/// The names of this build's files in `/pkg`. A release build (`cargo leptos build
/// --release`) hashes their content into them and lists the hashes in `hash.txt` beside
/// the binary, where Leptos reads them too; other builds (tests, `cargo run`) use the plain
/// names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
    pub hashed: bool,
}

impl BuildFiles {
    pub fn current() -> BuildFiles {
        let listed = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::read_to_string(exe.with_file_name("hash.txt")).ok());
        BuildFiles::from_hashes(listed.as_deref())
    }

    pub fn from_hashes(listed: Option<&str>) -> BuildFiles {
        let hash = |kind: &str| {
            listed?
                .lines()
                .filter_map(|line| line.trim().split_once(':'))
                .find(|(k, _)| k.trim() == kind)
                .map(|(_, h)| h.trim().to_owned())
                .filter(|h| {
                    !h.is_empty()
                        && h.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
        };
        let (js, wasm, css) = (hash("js"), hash("wasm"), hash("css"));
        let name = |hash: Option<String>, ext: &str| match hash {
            Some(hash) => format!("/pkg/koprogo.{hash}.{ext}"),
            None => format!("/pkg/koprogo.{ext}"),
        };
        let hashed = js.is_some() && wasm.is_some() && css.is_some();
        if !hashed {
            // Without all three, Leptos would name some files one way and some the other.
            return BuildFiles::from_hashes_plain();
        }
        BuildFiles {
            js: name(js, "js"),
            wasm: name(wasm, "wasm"),
            css: name(css, "css"),
            hashed,
        }
    }

    fn from_hashes_plain() -> BuildFiles {
        BuildFiles {
            js: "/pkg/koprogo.js".into(),
            wasm: "/pkg/koprogo.wasm".into(),
            css: "/pkg/koprogo.css".into(),
            hashed: false,
        }
    }
}

pub fn build_state(mut db: DatabaseConnection, config: &ServerConfig) -> Result<AppState, String> {
    let statements = app::ssr::statements::Statements::install(&mut db);
    let mailer = match &config.smtp_url {
        Some(url) => Mailer::smtp(url)?,
        None => Mailer::Directory(config.data_dir.join("mail")),
    };
    let mut settings = Settings::for_url(&config.public_url);
    settings.mail_from = config.mail_from.clone();
    settings.data_key = config.data_key.clone();
    Ok(AppState {
        db,
        leptos_options: leptos_options(config),
        settings: Arc::new(settings),
        mailer,
        outbox: Default::default(),
        work: app::ssr::work::Work::with_priority(
            config.password_hash_permits,
            config.busy_wait,
            config.lower_work_priority,
        ),
        identity: Default::default(),
        statements,
        clock: config.clock.clone(),
        oidc: config.oidc.clone(),
        storage: app::ssr::storage::Storage::open(&config.storage)?,
        document_limits: config.document_limits,
    })
}

/// The background jobs: the mail outbox worker, the identity listener, hourly sweeps of
/// expired sessions, stale login throttles, old identity changes and stored objects no
/// document names, and the metrics upkeep.
/// Each replica runs them; the outbox claims each mail atomically.
pub fn start_jobs(state: &AppState) -> Vec<tokio::task::JoinHandle<()>> {
    use app::ssr::statements::in_background;
    let outbox = tokio::spawn(in_background(app::ssr::services::outbox::run_worker(
        state.db.clone(),
        state.mailer.clone(),
        state.settings.mail_from.clone(),
        state.outbox.clone(),
        std::time::Duration::from_secs(5),
    )));
    let identity = tokio::spawn(in_background(
        state.identity.clone().listen(state.db.clone()),
    ));
    let db = state.db.clone();
    let clock = state.clock.clone();
    let store =
        app::ssr::session_store::SeaOrmSessionStore::new(db.clone(), state.identity.clone());
    let storage = state.storage.clone();
    let sweeps = tokio::spawn(in_background(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(%err, "could not delete expired sessions");
            }
            if let Err(err) = app::ssr::services::throttle::sweep(&db, clock.now_ms()).await {
                tracing::warn!(?err, "could not sweep login throttles");
            }
            if let Err(err) = app::ssr::identity::sweep(&db).await {
                tracing::warn!(%err, "could not sweep identity changes");
            }
            // A day's grace: far longer than any upload between its object and its row.
            let grace = std::time::Duration::from_secs(24 * 3600);
            match app::ssr::services::documents::sweep(&db, &storage, grace).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(objects = n, "swept stored objects no document names"),
                Err(err) => tracing::warn!(?err, "could not sweep stored objects"),
            }
        }
    }));
    let upkeep = tokio::spawn(async {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            every.tick().await;
            crate::metrics::upkeep();
        }
    });
    vec![outbox, identity, sweeps, upkeep]
}

#[cfg(test)]
mod tests {
    use super::BuildFiles;

    #[test]
    fn build_files_are_named_by_the_hash_file() {
        let hashed = BuildFiles::from_hashes(Some("js: abc123\nwasm: de-f_456\ncss: 0f0f\n"));
        assert_eq!(hashed.wasm, "/pkg/koprogo.de-f_456.wasm");
        assert_eq!(hashed.css, "/pkg/koprogo.0f0f.css");
        assert!(hashed.hashed);
        let plain = BuildFiles::from_hashes(None);
        assert_eq!(plain.js, "/pkg/koprogo.js");
        assert!(!plain.hashed);
        // A partial or tampered list names nothing by hash.
        assert!(!BuildFiles::from_hashes(Some("js: abc\nwasm: ../x")).hashed);
    }
}
