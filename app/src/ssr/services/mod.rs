//! The service layer: every use case, called by server functions and REST handlers alike.
//! Each takes the database and (for anything beyond login) an `Actor`, checks authorisation,
//! writes in one transaction with its audit entry, and returns domain types.

pub mod accounts;
pub mod agents;
pub mod association;
pub mod audit;
pub mod buildings;
pub mod consents;
pub mod documents;
pub mod holdings;
pub mod identities;
pub mod invitations;
pub mod lots;
pub mod organizations;
pub mod outbox;
pub mod owners;
pub mod quotas;
pub mod register_io;
pub mod second_factor;
pub mod throttle;
pub mod tokens;
