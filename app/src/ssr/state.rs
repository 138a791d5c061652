use super::mail::Mailer;
use super::services::outbox::Outbox;
use super::work::Work;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// What every request handler and server function can reach. Cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    /// Used by the outbox worker only: requests queue mail, they never send it.
    pub mailer: Mailer,
    pub outbox: Outbox,
    /// The bounded pool for password hashes and file parsing.
    pub work: Work,
    /// Who requests are: sessions and users cached in process, evicted on change.
    pub identity: super::identity::Identity,
    /// SQL statements run for requests, counted (tests assert them, `/metrics` shows them).
    pub statements: super::statements::Statements,
    /// The time the login throttles read (stopped in tests).
    pub clock: super::clock::Clock,
    /// The OpenID Connect providers and the client's keys.
    pub oidc: super::oidc::Oidc,
    /// Where documents' bytes are, and the bounds they are held to.
    pub storage: super::storage::Storage,
    pub document_limits: super::services::documents::Limits,
}

impl AppState {
    /// What a password check needs, for a request from `client`.
    pub fn check(&self, client: Option<std::net::IpAddr>) -> super::services::accounts::Check<'_> {
        super::services::accounts::Check {
            work: &self.work,
            client,
            now_ms: self.clock.now_ms(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// The URL users reach the app at; used in links sent by mail.
    pub public_url: String,
    /// Whether the app is served over TLS (cookies get `Secure`, responses get HSTS).
    pub secure: bool,
    pub mail_from: String,
    /// A session dies after this long without a request…
    pub session_idle: chrono::Duration,
    /// …and after this long since login, whatever the activity.
    pub session_absolute: chrono::Duration,
    /// Seals the TOTP secrets (`crypto::seal`).
    pub data_key: super::crypto::DataKey,
}

impl Settings {
    pub fn for_url(public_url: &str) -> Self {
        Settings {
            public_url: public_url.trim_end_matches('/').to_owned(),
            secure: public_url.starts_with("https://"),
            mail_from: "KoproGo <no-reply@koprogo.localhost>".into(),
            session_idle: chrono::Duration::hours(12),
            session_absolute: chrono::Duration::days(7),
            // The server sets the kept one (`server::secrets::data_key`).
            data_key: super::crypto::DataKey::random(),
        }
    }
}
