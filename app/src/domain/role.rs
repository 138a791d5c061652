use serde::{Deserialize, Serialize};
use std::fmt;

/// A user's role within one organisation. `SuperAdmin` is a platform role (operators of
/// KoproGo itself) and is never granted through an organisation membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Role {
    SuperAdmin,
    Syndic,
    Accountant,
    BoardMember,
    Owner,
    Contractor,
}

impl Role {
    pub const ORGANIZATION_ROLES: [Role; 5] = [
        Role::Syndic,
        Role::Accountant,
        Role::BoardMember,
        Role::Owner,
        Role::Contractor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::SuperAdmin => "super_admin",
            Role::Syndic => "syndic",
            Role::Accountant => "accountant",
            Role::BoardMember => "board_member",
            Role::Owner => "owner",
            Role::Contractor => "contractor",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim().to_lowercase().replace('-', "_").as_str() {
            "super_admin" | "superadmin" => Ok(Role::SuperAdmin),
            "syndic" => Ok(Role::Syndic),
            "accountant" => Ok(Role::Accountant),
            "board_member" | "boardmember" => Ok(Role::BoardMember),
            "owner" => Ok(Role::Owner),
            "contractor" => Ok(Role::Contractor),
            "" => Err("role.required"),
            _ => Err("role.invalid"),
        }
    }

    /// Whether the role can be granted inside an organisation (by invitation or CLI).
    pub fn is_organization_role(self) -> bool {
        self != Role::SuperAdmin
    }

    /// Translation key of the role's name.
    pub fn label_key(self) -> String {
        format!("role.{}", self.as_str())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips_every_role() {
        for role in [
            Role::SuperAdmin,
            Role::Syndic,
            Role::Accountant,
            Role::BoardMember,
            Role::Owner,
            Role::Contractor,
        ] {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("SuperAdmin"), Ok(Role::SuperAdmin));
        assert_eq!(Role::parse("board-member"), Ok(Role::BoardMember));
        assert_eq!(Role::parse("janitor"), Err("role.invalid"));
        assert_eq!(Role::parse(" "), Err("role.required"));
    }

    #[test]
    fn superadmin_is_not_an_organization_role() {
        assert!(!Role::SuperAdmin.is_organization_role());
        assert!(
            Role::ORGANIZATION_ROLES
                .iter()
                .all(|r| r.is_organization_role())
        );
    }
}
