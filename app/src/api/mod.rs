//! Server functions: thin adapters from the UI to the service layer. Each parses its input,
//! finds the user from the session, and calls one service. Auth functions live under
//! `/sfn/auth/` so the HTTP layer can rate-limit them per IP.

pub mod account;
pub mod auth;
pub mod identities;
pub mod members;
pub mod register;
pub mod second_factor;
pub mod tokens;

pub use account::*;
pub use auth::*;
pub use identities::*;
pub use members::*;
pub use register::*;
pub use second_factor::*;
pub use tokens::*;
