use super::{Locale, OrganizationSummary, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A person's display name, 1 to 120 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        match value.chars().count() {
            0 => Err("display_name.required"),
            1..=120 => Ok(DisplayName(value.to_owned())),
            _ => Err("display_name.too_long"),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        DisplayName::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

/// One organisation the user belongs to, with the roles held there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MembershipInfo {
    pub organization: OrganizationSummary,
    pub roles: Vec<Role>,
    /// The buildings a council member's access is limited to.
    #[serde(default)]
    pub buildings: Vec<Uuid>,
    /// The organisation's security policy: its syndics and accountants need a second factor.
    #[serde(default)]
    pub second_factor_required: bool,
}

/// The logged-in user as the UI and `GET /api/v1/auth/me` see them. No secrets here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub is_superadmin: bool,
    pub memberships: Vec<MembershipInfo>,
    /// The organisation currently worked in; `None` only for users without any membership.
    pub active_organization_id: Option<Uuid>,
    /// Whether the request authenticated with an API token rather than a session (a token
    /// may not create tokens).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub via_token: bool,
    /// The user has a confirmed second factor (an authenticator app).
    #[serde(default)]
    pub second_factor: bool,
    /// How this session authenticated; `None` for an API token.
    #[serde(default)]
    pub assurance: Option<super::second_factor::Assurance>,
    /// This session proved who it is within the step-up window (as of this request).
    #[serde(default)]
    pub recently_verified: bool,
}

impl CurrentUser {
    pub fn active_membership(&self) -> Option<&MembershipInfo> {
        let id = self.active_organization_id?;
        self.memberships.iter().find(|m| m.organization.id == id)
    }

    /// The user must set up a second factor before working in the active organisation (or,
    /// for a platform administrator, at all).
    pub fn must_enrol(&self) -> bool {
        !self.second_factor_met()
            && super::second_factor::second_factor_required(
                self.is_superadmin,
                self.active_membership(),
            )
    }

    /// The session meets a policy that asks for a second factor: the user has one (every
    /// login asks for it), or logged in through a provider that is more than a password.
    pub fn second_factor_met(&self) -> bool {
        self.second_factor || self.assurance.as_ref().is_some_and(|a| a.multi_factor())
    }

    /// The user may not go without a second factor: the platform requires one of them, or an
    /// organisation they work for requires one of their role there. Turning it off is refused
    /// then, whichever organisation they are working in at the moment.
    pub fn second_factor_required_anywhere(&self) -> bool {
        self.is_superadmin
            || self
                .memberships
                .iter()
                .any(|m| super::second_factor::second_factor_required(false, Some(m)))
    }

    /// A sensitive change: this session proved who it is within the step-up window. An API
    /// token never has (it outlives any proof); `Actor::require_recent_proof` is the same rule
    /// for the services that take an actor.
    pub fn require_recent_proof(&self) -> Result<(), super::AppError> {
        if self.recently_verified && !self.via_token {
            Ok(())
        } else {
            Err(super::AppError::StepUpRequired)
        }
    }

    pub fn roles(&self) -> Vec<Role> {
        self.active_membership()
            .map(|m| m.roles.clone())
            .unwrap_or_default()
    }

    /// The actor for the organisation the user works in now (see `Actor::for_organization`).
    pub fn actor(&self) -> super::Actor {
        super::Actor::for_organization(self, self.active_organization_id)
            .or_else(|_| super::Actor::for_organization(self, None))
            .expect("an actor without an organisation always exists")
    }

    /// The organisation to work in: the one remembered in the session if the user may still
    /// act there (a member, or a platform administrator, who may act anywhere), else the
    /// first by name.
    pub fn choose_active(
        memberships: &[MembershipInfo],
        remembered: Option<Uuid>,
        is_superadmin: bool,
    ) -> Option<Uuid> {
        remembered
            .filter(|id| is_superadmin || memberships.iter().any(|m| m.organization.id == *id))
            .or_else(|| memberships.first().map(|m| m.organization.id))
    }
}

/// A member of an organisation, as listed on the admin pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Member {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub since: DateTime<Utc>,
    /// The buildings a council member's access is limited to.
    #[serde(default)]
    pub buildings: Vec<Uuid>,
    /// The member has a second factor set up.
    #[serde(default)]
    pub second_factor: bool,
}

/// An invitation waiting to be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PendingInvitation {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// Where its mail is: `queued` (not sent yet, or being retried), `sent` or `failed`.
    pub mail_status: MailStatus,
}

/// The delivery of a mail the app sent, as the syndic sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    Queued,
    Sent,
    Failed,
}

impl MailStatus {
    pub fn label_key(self) -> &'static str {
        match self {
            MailStatus::Queued => "mail_status.queued",
            MailStatus::Sent => "mail_status.sent",
            MailStatus::Failed => "mail_status.failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OrganizationKind, Slug};

    fn membership(id: u128, roles: &[Role]) -> MembershipInfo {
        MembershipInfo {
            organization: OrganizationSummary {
                id: Uuid::from_u128(id),
                slug: Slug::parse(&format!("org-{id}")).unwrap(),
                name: format!("Org {id}"),
                kind: OrganizationKind::SyndicFirm,
            },
            roles: roles.to_vec(),
            buildings: Vec::new(),
            second_factor_required: false,
        }
    }

    #[test]
    fn active_organization_must_still_be_a_membership() {
        let ms = vec![
            membership(1, &[Role::Owner]),
            membership(2, &[Role::Syndic]),
        ];
        assert_eq!(
            CurrentUser::choose_active(&ms, Some(Uuid::from_u128(2)), false),
            Some(Uuid::from_u128(2))
        );
        assert_eq!(
            CurrentUser::choose_active(&ms, Some(Uuid::from_u128(9)), false),
            Some(Uuid::from_u128(1))
        );
        assert_eq!(
            CurrentUser::choose_active(&[], Some(Uuid::from_u128(1)), false),
            None
        );
        // A platform administrator may work in an organisation they are no member of.
        assert_eq!(
            CurrentUser::choose_active(&[], Some(Uuid::from_u128(1)), true),
            Some(Uuid::from_u128(1))
        );
    }

    #[test]
    fn actor_carries_the_roles_of_the_active_organization_only() {
        let ms = vec![
            membership(1, &[Role::Owner]),
            membership(2, &[Role::Syndic]),
        ];
        let user = CurrentUser {
            via_token: false,
            id: Uuid::from_u128(7),
            email: "a@b.be".into(),
            display_name: "A".into(),
            locale: Locale::Fr,
            is_superadmin: false,
            memberships: ms,
            active_organization_id: Some(Uuid::from_u128(1)),
            second_factor: false,
            assurance: None,
            recently_verified: false,
        };
        let actor = user.actor();
        assert_eq!(actor.roles, vec![Role::Owner]);
        assert_eq!(actor.organization_id, Some(Uuid::from_u128(1)));
    }

    #[test]
    fn display_names() {
        assert_eq!(DisplayName::parse(" Jan ").unwrap().as_str(), "Jan");
        assert_eq!(DisplayName::parse(""), Err("display_name.required"));
        assert_eq!(
            DisplayName::parse(&"x".repeat(121)),
            Err("display_name.too_long")
        );
    }
}
