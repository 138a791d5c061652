//! SeaORM entities: the shapes of the tables. Domain types live in `app::domain`; these never
//! cross the wire, so a password hash or a token hash cannot be serialised by accident.

pub mod api_token;
pub mod audit_log;
pub mod invitation;
pub mod membership;
pub mod organization;
pub mod password_reset;
pub mod session;
pub mod user;

pub mod prelude {
    pub use super::api_token::Entity as ApiToken;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::invitation::Entity as Invitation;
    pub use super::membership::Entity as Membership;
    pub use super::organization::Entity as Organization;
    pub use super::password_reset::Entity as PasswordReset;
    pub use super::session::Entity as Session;
    pub use super::user::Entity as User;
}
