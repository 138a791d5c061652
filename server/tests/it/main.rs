//! The server's integration tests, in one binary (each test binary links the whole server:
//! on two cores that is minutes apiece). One module per area; `common` holds the harness.

#[macro_use]
mod common;

mod api;
mod cli;
mod documents;
mod hardening;
mod migrations;
mod oidc;
mod openapi;
mod performance;
mod process;
mod register;
mod second_factor;
mod storage;
mod tenancy;
