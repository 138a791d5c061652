//! SeaORM entities: the shapes of the tables. Domain types live in `app::domain`; these never
//! cross the wire, so a password hash or a token hash cannot be serialised by accident.

/// The save hook of a table whose rows carry a version and an optional updated-at (the
/// offline app syncs from them): set on insert, bumped on each update, whichever service
/// writes. Bulk `update_many` statements pass by it and bump both by hand.
#[macro_export]
macro_rules! keeps_version {
    () => {
        #[sea_orm::prelude::async_trait::async_trait]
        impl ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                if insert {
                    if self.version.is_not_set() {
                        self.version = sea_orm::ActiveValue::Set(1);
                    }
                } else if let Some(version) = self.version.try_as_ref().copied() {
                    self.version = sea_orm::ActiveValue::Set(version + 1);
                }
                self.updated_at = sea_orm::ActiveValue::Set(Some(chrono::Utc::now()));
                Ok(self)
            }
        }
    };
}

pub mod api_token;
pub mod association_mandate;
pub mod audit_log;
pub mod bank_account;
pub mod building;
pub mod document;
pub mod email_change;
pub mod email_consent;
pub mod invitation;
pub mod login_throttle;
pub mod lot;
pub mod lot_event;
pub mod lot_representative;
pub mod mail_outbox;
pub mod membership;
pub mod membership_building;
pub mod notary_request;
pub mod oidc_identity;
pub mod organization;
pub mod owner;
pub mod owner_agent;
pub mod ownership;
pub mod password_reset;
pub mod quota_period;
pub mod recovery_code;
pub mod remembered_device;
pub mod session;
pub mod totp_credential;
pub mod transfer;
pub mod user;

pub mod prelude {
    pub use super::api_token::Entity as ApiToken;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::bank_account::Entity as BankAccount;
    pub use super::building::Entity as Building;
    pub use super::invitation::Entity as Invitation;
    pub use super::lot::Entity as Lot;
    pub use super::lot_representative::Entity as LotRepresentative;
    pub use super::membership::Entity as Membership;
    pub use super::organization::Entity as Organization;
    pub use super::owner::Entity as Owner;
    pub use super::ownership::Entity as Ownership;
    pub use super::password_reset::Entity as PasswordReset;
    pub use super::session::Entity as Session;
    pub use super::transfer::Entity as Transfer;
    pub use super::user::Entity as User;
}
