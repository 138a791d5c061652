#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::domain::{AppError, Member, OrganizationSummary, PendingInvitation};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ssr::{
    auth,
    services::{invitations, organizations},
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersOverview {
    pub members: Vec<Member>,
    pub invitations: Vec<PendingInvitation>,
    pub can_manage: bool,
    /// The organisation's buildings (id, name), to assign council members to.
    pub buildings: Vec<(uuid::Uuid, String)>,
}

#[server(prefix = "/sfn", endpoint = "members/list")]
pub async fn list_members() -> Result<MembersOverview, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let buildings = if actor.has(Permission::ViewRegister) {
            crate::ssr::services::buildings::list(&state.db, &state.identity, &actor, false)
                .await?
                .into_iter()
                .map(|b| (b.id, b.name))
                .collect()
        } else {
            Vec::new()
        };
        Ok(MembersOverview {
            members: organizations::members(&state.db, &actor).await?,
            invitations: invitations::list_pending(&state.db, &actor).await?,
            can_manage: actor.has(Permission::ManageMembers),
            buildings,
        })
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "members/invite")]
pub async fn invite_member(email: String, role: String) -> Result<PendingInvitation, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let locale = auth::request_locale().await;
        invitations::invite(
            &state.db,
            &state.outbox,
            &state.settings,
            &actor,
            &email,
            &role,
            locale,
        )
        .await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "members/revoke-invitation")]
pub async fn revoke_invitation(id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        invitations::revoke(&state.db, &actor, id).await
    })
    .await
}

/// The buildings of the councils a council member sits on; none ticked means none.
#[server(prefix = "/sfn", endpoint = "members/council-buildings")]
pub async fn set_council_buildings(
    user_id: String,
    #[server(default)] building_ids: Vec<String>,
) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let id = uuid::Uuid::parse_str(user_id.trim()).map_err(|_| AppError::NotFound)?;
        let buildings = building_ids
            .iter()
            .map(|b| {
                uuid::Uuid::parse_str(b.trim())
                    .map_err(|_| AppError::field("building_ids", "building.not_found"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        organizations::set_member_buildings(&state.db, &actor, id, &buildings)
            .await
            .map(|_| ())
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "members/remove")]
pub async fn remove_member(user_id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let id = uuid::Uuid::parse_str(user_id.trim()).map_err(|_| AppError::NotFound)?;
        organizations::remove_member(&state.db, &actor, id).await
    })
    .await
}

/// What the dashboard shows about the organisation being worked in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardSummary {
    pub organization: OrganizationSummary,
    pub member_count: Option<usize>,
    pub pending_invitations: Option<usize>,
}

#[server(prefix = "/sfn", endpoint = "dashboard")]
pub async fn load_dashboard() -> Result<DashboardSummary, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        // Independent reads, run side by side: the page waits for the slowest, not the sum.
        let counts = async {
            if !actor.has(Permission::ViewMembers) {
                return Ok((None, None));
            }
            let (members, invitations) = tokio::try_join!(
                organizations::member_count(&state.db, &actor),
                invitations::pending_count(&state.db, &actor),
            )?;
            Ok::<_, AppError>((Some(members as usize), Some(invitations as usize)))
        };
        let (organization, (member_count, pending_invitations)) =
            tokio::try_join!(organizations::get(&state.db, &actor), counts)?;
        Ok(DashboardSummary {
            organization,
            member_count,
            pending_invitations,
        })
    })
    .await
}
