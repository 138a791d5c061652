//! KoproGo's shared crate: the domain (pure rules), the server functions, the UI, and — behind
//! features — the server side (`ssr`) and the browser side (`hydrate`).

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod i18n;
#[cfg(feature = "hydrate")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod ui;
