//! Who is acting, in which organisation, with which roles — and what that allows. Every
//! service call takes an `Actor`; these pure rules are the single place authorisation lives.

use super::{AppError, Role};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Permission {
    /// See the organisation's dashboard and own data.
    ViewOrganization,
    /// List the organisation's members and pending invitations.
    ViewMembers,
    /// Invite users, revoke invitations, remove memberships.
    ManageMembers,
    /// Read the organisation's audit log.
    ViewAuditLog,
    /// Create organisations (platform operators only).
    CreateOrganization,
    /// Read the co-ownership register (buildings, lots, owners, ownerships).
    ViewRegister,
    /// Change the register.
    ManageRegister,
    /// File, replace and delete documents, and see every one (the syndic's office).
    ManageDocuments,
}

impl Permission {
    /// Roles that hold the permission inside an organisation. SuperAdmin holds all of them.
    pub fn granted_to(self) -> &'static [Role] {
        use Role::*;
        match self {
            Permission::ViewOrganization => &[Syndic, Accountant, BoardMember, Owner, Contractor],
            Permission::ViewMembers => &[Syndic, Accountant, BoardMember],
            Permission::ManageMembers => &[Syndic],
            Permission::ViewAuditLog => &[Syndic, Accountant],
            Permission::CreateOrganization => &[],
            Permission::ViewRegister => &[Syndic, Accountant, BoardMember],
            Permission::ManageRegister => &[Syndic],
            Permission::ManageDocuments => &[Syndic, Accountant],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: Uuid,
    pub is_superadmin: bool,
    /// The organisation the user is working in (the one chosen in the switcher).
    pub organization_id: Option<Uuid>,
    /// The user's roles in that organisation.
    pub roles: Vec<Role>,
    /// The buildings whose register the actor may see; `None` for the whole organisation.
    #[serde(default)]
    pub building_scope: Option<Vec<Uuid>>,
    /// The user must set up a second factor first (`second_factor::second_factor_required`):
    /// until then they act with no role at all, and are told why.
    #[serde(default)]
    pub enrolment_pending: bool,
    /// The session proved who it is within the step-up window; never for an API token.
    #[serde(default)]
    pub recently_verified: bool,
}

/// Syndics and accountants work on every building of the organisation; someone who sees the
/// register only as a council member sees the buildings of the councils they sit on.
pub fn building_scope(superadmin: bool, roles: &[Role], buildings: Vec<Uuid>) -> Option<Vec<Uuid>> {
    let whole = superadmin
        || roles
            .iter()
            .any(|r| matches!(r, Role::Syndic | Role::Accountant));
    (!whole && roles.contains(&Role::BoardMember)).then_some(buildings)
}

impl Actor {
    /// The one rule for which organisation a user acts in, and with which roles: every
    /// request (session, API token, REST path, server function) and the organisation switch
    /// go through it. A member acts with their roles there; a platform administrator may act
    /// in any organisation; anyone else gets `NotFound` (the organisation does not exist for
    /// them). `None`: no organisation, only platform-level permissions.
    pub fn for_organization(
        user: &super::CurrentUser,
        organization_id: Option<Uuid>,
    ) -> Result<Actor, AppError> {
        let membership = organization_id
            .and_then(|id| user.memberships.iter().find(|m| m.organization.id == id));
        let actor = match organization_id {
            None => Actor {
                user_id: user.id,
                is_superadmin: user.is_superadmin,
                organization_id: None,
                roles: Vec::new(),
                building_scope: None,
                enrolment_pending: false,
                recently_verified: user.recently_verified,
            },
            Some(_) if membership.is_none() && !user.is_superadmin => {
                return Err(AppError::NotFound);
            }
            Some(organization_id) => {
                let roles = membership.map(|m| m.roles.clone()).unwrap_or_default();
                let buildings = membership.map(|m| m.buildings.clone()).unwrap_or_default();
                Actor {
                    user_id: user.id,
                    is_superadmin: user.is_superadmin,
                    organization_id: Some(organization_id),
                    building_scope: building_scope(user.is_superadmin, &roles, buildings),
                    roles,
                    enrolment_pending: false,
                    recently_verified: user.recently_verified,
                }
            }
        };
        let required = super::second_factor::second_factor_required(user.is_superadmin, membership);
        if required && !user.second_factor_met() {
            // No right at all until the second factor is set up: not the platform's, not a
            // role's, not a single building.
            return Ok(Actor {
                is_superadmin: false,
                roles: Vec::new(),
                building_scope: Some(Vec::new()),
                enrolment_pending: true,
                ..actor
            });
        }
        Ok(actor)
    }

    /// The operator at the command line (`koprogo create-user`, the demo seed): a platform
    /// administrator with no user row, recorded in the audit log without a user id.
    pub fn system() -> Actor {
        Actor {
            user_id: Uuid::nil(),
            is_superadmin: true,
            organization_id: None,
            roles: Vec::new(),
            building_scope: None,
            enrolment_pending: false,
            recently_verified: true,
        }
    }

    /// The user who acts, for a `created_by` or `voided_by` column: none for the system,
    /// which has no user row.
    pub fn user(&self) -> Option<Uuid> {
        (!self.user_id.is_nil()).then_some(self.user_id)
    }

    pub fn has(&self, permission: Permission) -> bool {
        !self.enrolment_pending
            && (self.is_superadmin
                || permission
                    .granted_to()
                    .iter()
                    .any(|role| self.roles.contains(role)))
    }

    /// Why a permission is refused: a second factor to set up first, or the role.
    fn refusal(&self) -> AppError {
        if self.enrolment_pending {
            AppError::SecondFactorRequired
        } else {
            AppError::Forbidden
        }
    }

    /// A sensitive change (bank accounts, the security policy, the second factor itself, API
    /// tokens): the session must have proved who it is within the step-up window.
    pub fn require_recent_proof(&self) -> Result<(), AppError> {
        if self.recently_verified {
            Ok(())
        } else {
            Err(AppError::StepUpRequired)
        }
    }

    /// The organisation to act in, if the actor holds `permission` there.
    pub fn require(&self, permission: Permission) -> Result<Uuid, AppError> {
        let organization_id = self.organization_id.ok_or_else(|| self.refusal())?;
        if self.has(permission) {
            Ok(organization_id)
        } else {
            Err(self.refusal())
        }
    }

    /// A platform-level permission, not tied to an organisation.
    pub fn require_platform(&self, permission: Permission) -> Result<(), AppError> {
        if self.has(permission)
            && (self.is_superadmin || permission != Permission::CreateOrganization)
        {
            Ok(())
        } else {
            Err(self.refusal())
        }
    }

    /// A building outside the actor's scope does not exist for them either.
    pub fn ensure_building(&self, building_id: Uuid) -> Result<(), AppError> {
        match &self.building_scope {
            Some(buildings) if !buildings.contains(&building_id) => Err(AppError::NotFound),
            _ => Ok(()),
        }
    }

    /// An object of another organisation does not exist for this actor: 404, not 403, so
    /// that identifiers cannot be probed across tenants.
    pub fn ensure_visible(&self, owner_organization_id: Uuid) -> Result<(), AppError> {
        if self.organization_id == Some(owner_organization_id) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            user_id: Uuid::nil(),
            is_superadmin: false,
            organization_id: Some(Uuid::from_u128(1)),
            roles: roles.to_vec(),
            building_scope: None,
            enrolment_pending: false,
            recently_verified: false,
        }
    }

    #[test]
    fn council_members_are_limited_to_their_buildings() {
        let (a, b) = (Uuid::from_u128(10), Uuid::from_u128(11));
        assert_eq!(
            building_scope(false, &[Role::BoardMember, Role::Owner], vec![a]),
            Some(vec![a])
        );
        assert_eq!(
            building_scope(false, &[Role::BoardMember, Role::Syndic], vec![a]),
            None
        );
        assert_eq!(building_scope(false, &[Role::Accountant], vec![]), None);
        assert_eq!(building_scope(true, &[Role::BoardMember], vec![]), None);
        let mut council = actor(&[Role::BoardMember]);
        council.building_scope = Some(vec![a]);
        assert!(council.ensure_building(a).is_ok());
        assert_eq!(council.ensure_building(b), Err(AppError::NotFound));
        assert!(actor(&[Role::Syndic]).ensure_building(b).is_ok());
    }

    #[test]
    fn only_syndics_manage_members() {
        assert!(
            actor(&[Role::Syndic])
                .require(Permission::ManageMembers)
                .is_ok()
        );
        for role in [
            Role::Accountant,
            Role::BoardMember,
            Role::Owner,
            Role::Contractor,
        ] {
            assert_eq!(
                actor(&[role]).require(Permission::ManageMembers),
                Err(AppError::Forbidden),
                "{role}"
            );
        }
    }

    #[test]
    fn every_member_views_the_organization_and_owners_do_not_list_members() {
        for role in Role::ORGANIZATION_ROLES {
            assert!(actor(&[role]).has(Permission::ViewOrganization));
        }
        assert!(!actor(&[Role::Owner]).has(Permission::ViewMembers));
        assert!(!actor(&[Role::Contractor]).has(Permission::ViewMembers));
        assert!(actor(&[Role::BoardMember]).has(Permission::ViewMembers));
    }

    #[test]
    fn the_union_of_roles_counts() {
        assert!(actor(&[Role::Owner, Role::Syndic]).has(Permission::ManageMembers));
    }

    #[test]
    fn no_active_organization_means_forbidden() {
        let mut a = actor(&[Role::Syndic]);
        a.organization_id = None;
        assert_eq!(
            a.require(Permission::ViewOrganization),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn superadmin_holds_everything_and_only_they_create_organizations() {
        let mut a = actor(&[]);
        assert_eq!(
            a.require_platform(Permission::CreateOrganization),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            actor(&[Role::Syndic]).require_platform(Permission::CreateOrganization),
            Err(AppError::Forbidden)
        );
        a.is_superadmin = true;
        assert!(a.require_platform(Permission::CreateOrganization).is_ok());
        assert!(a.require(Permission::ManageMembers).is_ok());
    }

    #[test]
    fn one_rule_decides_the_organisation_acted_in() {
        use crate::domain::{CurrentUser, Locale, MembershipInfo, OrganizationKind, Slug};
        let org = |id: u128| crate::domain::OrganizationSummary {
            id: Uuid::from_u128(id),
            slug: Slug::parse("org").unwrap(),
            name: "Org".into(),
            kind: OrganizationKind::SyndicFirm,
        };
        let mut user = CurrentUser {
            id: Uuid::from_u128(9),
            email: "u@x.be".into(),
            display_name: "U".into(),
            locale: Locale::En,
            is_superadmin: false,
            memberships: vec![MembershipInfo {
                organization: org(1),
                roles: vec![Role::BoardMember],
                buildings: vec![Uuid::from_u128(5)],
                second_factor_required: false,
            }],
            active_organization_id: Some(Uuid::from_u128(1)),
            via_token: false,
            second_factor: false,
            assurance: None,
            recently_verified: false,
        };
        let member = Actor::for_organization(&user, Some(Uuid::from_u128(1))).unwrap();
        assert_eq!(member.roles, vec![Role::BoardMember]);
        assert_eq!(member.building_scope, Some(vec![Uuid::from_u128(5)]));
        assert_eq!(
            Actor::for_organization(&user, Some(Uuid::from_u128(2))),
            Err(AppError::NotFound)
        );
        user.is_superadmin = true;
        // A platform administrator without a second factor has no right at all, anywhere.
        for org in [None, Some(Uuid::from_u128(1)), Some(Uuid::from_u128(2))] {
            let pending = Actor::for_organization(&user, org).unwrap();
            assert!(pending.enrolment_pending && !pending.is_superadmin);
            assert!(!pending.has(Permission::ViewOrganization));
            assert_eq!(
                pending.require(Permission::ViewRegister),
                Err(AppError::SecondFactorRequired)
            );
            assert_eq!(
                pending.require_platform(Permission::CreateOrganization),
                Err(AppError::SecondFactorRequired)
            );
            assert_eq!(
                pending.ensure_building(Uuid::from_u128(5)),
                Err(AppError::NotFound)
            );
        }
        user.second_factor = true;
        let admin = Actor::for_organization(&user, Some(Uuid::from_u128(2))).unwrap();
        assert!(admin.roles.is_empty() && admin.has(Permission::ManageRegister));
        assert!(
            admin
                .require_platform(Permission::CreateOrganization)
                .is_ok()
        );
        assert_eq!(admin.building_scope, None);
        assert_eq!(user.actor().organization_id, Some(Uuid::from_u128(1)));
    }

    #[test]
    fn the_policy_strips_syndics_and_accountants_without_a_second_factor_not_owners() {
        use crate::domain::{CurrentUser, Locale, MembershipInfo, OrganizationKind, Slug};
        let membership = |roles: &[Role]| MembershipInfo {
            organization: crate::domain::OrganizationSummary {
                id: Uuid::from_u128(1),
                slug: Slug::parse("org").unwrap(),
                name: "Org".into(),
                kind: OrganizationKind::SyndicFirm,
            },
            roles: roles.to_vec(),
            buildings: Vec::new(),
            second_factor_required: true,
        };
        for role in Role::ORGANIZATION_ROLES {
            let user = CurrentUser {
                id: Uuid::from_u128(9),
                email: "u@x.be".into(),
                display_name: "U".into(),
                locale: Locale::En,
                is_superadmin: false,
                memberships: vec![membership(&[role])],
                active_organization_id: Some(Uuid::from_u128(1)),
                via_token: false,
                second_factor: false,
                assurance: None,
                recently_verified: true,
            };
            let bound = matches!(role, Role::Syndic | Role::Accountant);
            let actor = user.actor();
            assert_eq!(actor.enrolment_pending, bound, "{role:?}");
            assert_eq!(user.must_enrol(), bound, "{role:?}");
            assert_eq!(actor.has(Permission::ViewOrganization), !bound, "{role:?}");
            let enrolled = CurrentUser {
                second_factor: true,
                ..user
            };
            assert!(!enrolled.actor().enrolment_pending);
            assert!(enrolled.actor().has(Permission::ViewOrganization));
            assert!(!enrolled.must_enrol());
            assert_eq!(enrolled.second_factor_required_anywhere(), bound);
        }
    }

    #[test]
    fn a_policy_elsewhere_binds_turning_it_off_not_working_here() {
        use crate::domain::{CurrentUser, Locale, MembershipInfo, OrganizationKind, Slug};
        let membership = |id: u128, roles: &[Role], required: bool| MembershipInfo {
            organization: crate::domain::OrganizationSummary {
                id: Uuid::from_u128(id),
                slug: Slug::parse("org").unwrap(),
                name: "Org".into(),
                kind: OrganizationKind::SyndicFirm,
            },
            roles: roles.to_vec(),
            buildings: Vec::new(),
            second_factor_required: required,
        };
        let user = CurrentUser {
            id: Uuid::from_u128(9),
            email: "u@x.be".into(),
            display_name: "U".into(),
            locale: Locale::En,
            is_superadmin: false,
            // Owner in a building of their own, accountant in a firm that requires it.
            memberships: vec![
                membership(1, &[Role::Owner], false),
                membership(2, &[Role::Accountant], true),
            ],
            active_organization_id: Some(Uuid::from_u128(1)),
            via_token: false,
            second_factor: false,
            assurance: None,
            recently_verified: false,
        };
        assert!(!user.must_enrol());
        assert!(user.actor().has(Permission::ViewOrganization));
        assert!(user.second_factor_required_anywhere());
        let firm = Actor::for_organization(&user, Some(Uuid::from_u128(2))).unwrap();
        assert!(firm.enrolment_pending);
    }

    #[test]
    fn a_sensitive_change_needs_a_recent_proof() {
        let mut a = actor(&[Role::Syndic]);
        assert_eq!(a.require_recent_proof(), Err(AppError::StepUpRequired));
        a.recently_verified = true;
        assert!(a.require_recent_proof().is_ok());
        assert!(Actor::system().require_recent_proof().is_ok());
    }

    #[test]
    fn other_tenants_objects_are_not_found() {
        let a = actor(&[Role::Syndic]);
        assert!(a.ensure_visible(Uuid::from_u128(1)).is_ok());
        assert_eq!(
            a.ensure_visible(Uuid::from_u128(2)),
            Err(AppError::NotFound)
        );
    }
}
