//! Server-only code: state, persistence, services, sessions and mail. Compiled with `ssr`.

pub mod auth;
pub mod clock;
pub mod crypto;
pub mod db;
pub mod decode;
pub mod identity;
pub mod mail;
pub mod oidc;
pub mod services;
pub mod session_store;
pub mod spreadsheet;
pub mod state;
pub mod statements;
pub mod storage;
pub mod totp;
pub mod work;

pub use state::{AppState, Settings};

/// The client's address as the HTTP layer determined it (the TCP peer, or the address the
/// trusted proxies reported), in the request's extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub std::net::IpAddr);

/// Where the page shell leaves the nonce of its scripts, so that the HTTP layer can send the
/// matching Content-Security-Policy header whether the page streams or not.
#[derive(Clone, Default, Debug)]
pub struct CspNonce(pub std::sync::Arc<std::sync::OnceLock<String>>);

tokio::task_local! {
    /// The id of the request being served (the `x-request-id` header), for the audit log.
    pub static REQUEST_ID: String;
}

/// The current request's id, when there is one.
pub fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}
