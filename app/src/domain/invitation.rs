use super::Role;
use serde::{Deserialize, Serialize};

/// What the acceptance page shows before the invitee answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub organization_name: String,
    pub email: String,
    pub role: Role,
    /// Whether the invitee already has an account (then they confirm with its password).
    pub has_account: bool,
}
