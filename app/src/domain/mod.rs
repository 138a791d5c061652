//! Domain types and pure rules. No I/O here: the same code runs in the browser and on the
//! server, and is tested exhaustively.

pub mod actor;
pub mod calendar;
pub mod document;
pub mod email;
pub mod error;
pub mod format;
pub mod invitation;
pub mod locale;
pub mod organization;
pub mod password;
pub mod register;
pub mod role;
pub mod second_factor;
pub mod throttle;
pub mod token;
pub mod user;

pub use actor::{Actor, Permission};
pub use email::Email;
pub use error::{AppError, FieldErrors};
pub use locale::Locale;
pub use organization::{OrganizationKind, OrganizationName, OrganizationSummary, Slug};
pub use password::Password;
pub use role::Role;
pub use user::{CurrentUser, DisplayName, MailStatus, Member, MembershipInfo, PendingInvitation};
