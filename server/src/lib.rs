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
    pub trust_proxy: bool,
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
    })
}
