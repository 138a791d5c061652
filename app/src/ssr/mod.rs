//! Server-only code: state, persistence, services, sessions and mail. Compiled with `ssr`.

pub mod auth;
pub mod crypto;
pub mod db;
pub mod mail;
pub mod services;
pub mod session_store;
pub mod state;

pub use state::{AppState, Settings};
