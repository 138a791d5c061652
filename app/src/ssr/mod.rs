//! Server-only code: state, persistence, services, sessions and mail. Compiled with `ssr`.

pub mod auth;
pub mod crypto;
pub mod db;
pub mod mail;
pub mod services;
pub mod session_store;
pub mod state;

pub use state::{AppState, Settings};

/// Where the page shell leaves the nonce of its scripts, so that the HTTP layer can send the
/// matching Content-Security-Policy header whether the page streams or not.
#[derive(Clone, Default, Debug)]
pub struct CspNonce(pub std::sync::Arc<std::sync::OnceLock<String>>);
