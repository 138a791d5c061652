use super::extract::{ApiJson, ApiPath, ApiQuery, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::second_factor::SecurityPolicy;
use app::domain::{Member, MembershipInfo, OrganizationSummary, PendingInvitation};
use app::ssr::AppState;
use app::ssr::services::audit::{self, AuditEvent};
use app::ssr::services::{invitations, organizations};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The organisations the caller belongs to, with their roles in each.
#[utoipa::path(
    get, path = "/organizations", tag = "organizations",
    responses((status = 200, body = Vec<MembershipInfo>), (status = 401, body = ErrorBody))
)]
pub async fn list_mine(ApiUser(user): ApiUser) -> Json<Vec<MembershipInfo>> {
    Json(user.memberships)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateOrganizationRequest {
    #[schema(example = "syndic-dupont")]
    pub slug: String,
    pub name: String,
    /// `syndic_firm` or `self_managed`.
    pub kind: String,
}

/// Creates an organisation (platform administrators only).
#[utoipa::path(
    post, path = "/organizations", tag = "organizations",
    request_body = CreateOrganizationRequest,
    responses(
        (status = 201, body = OrganizationSummary),
        (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<CreateOrganizationRequest>,
) -> Result<(StatusCode, Json<OrganizationSummary>), ApiError> {
    let created =
        organizations::create(&state.db, &user.actor(), &body.slug, &body.name, &body.kind).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One organisation the caller belongs to; any other is 404.
#[utoipa::path(
    get, path = "/organizations/{id}", tag = "organizations",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OrganizationSummary), (status = 404, body = ErrorBody))
)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<OrganizationSummary>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(organizations::get(&state.db, &actor).await?))
}

/// Members and their roles (syndics, accountants and council members).
#[utoipa::path(
    get, path = "/organizations/{id}/members", tag = "organizations",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<Member>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn members(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<Member>>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(organizations::members(&state.db, &actor).await?))
}

/// Removes every role of a member (syndics only; the last syndic stays).
#[utoipa::path(
    delete, path = "/organizations/{id}/members/{user_id}", tag = "organizations",
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
    )
)]
pub async fn remove_member(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, user_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    organizations::remove_member(&state.db, &actor, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Invitations not yet accepted, revoked or expired.
#[utoipa::path(
    get, path = "/organizations/{id}/invitations", tag = "organizations",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<PendingInvitation>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn invitations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<PendingInvitation>>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(invitations::list_pending(&state.db, &actor).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteRequest {
    pub email: String,
    /// syndic, accountant, board_member, owner or contractor.
    pub role: String,
    /// Language of the invitation e-mail (fr, nl, de, en); French by default.
    pub locale: Option<String>,
}

/// Invites someone by e-mail (syndics only).
#[utoipa::path(
    post, path = "/organizations/{id}/invitations", tag = "organizations",
    params(("id" = Uuid, Path)),
    request_body = InviteRequest,
    responses(
        (status = 201, body = PendingInvitation),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<InviteRequest>,
) -> Result<(StatusCode, Json<PendingInvitation>), ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    let locale = match body.locale.as_deref() {
        None => app::domain::Locale::default(),
        Some(raw) => app::domain::Locale::parse(raw)
            .map_err(|code| app::domain::AppError::field("locale", code))?,
    };
    let created = invitations::invite(
        &state.db,
        &state.outbox,
        &state.settings,
        &actor,
        &body.email,
        &body.role,
        locale,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes a pending invitation (syndics only).
#[utoipa::path(
    delete, path = "/organizations/{id}/invitations/{invitation_id}", tag = "organizations",
    params(("id" = Uuid, Path), ("invitation_id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
    )
)]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, invitation_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    invitations::revoke(&state.db, &actor, invitation_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// At most 500; 100 by default.
    pub limit: Option<u64>,
}

/// The organisation's audit log, newest first (syndics and accountants).
#[utoipa::path(
    get, path = "/organizations/{id}/audit-log", tag = "organizations",
    params(("id" = Uuid, Path), AuditQuery),
    responses(
        (status = 200, body = Vec<AuditEvent>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn audit_log(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEvent>>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(
        audit::recent(&state.db, &actor, query.limit.unwrap_or(100)).await?,
    ))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct MemberBuildings {
    /// The buildings the member's register access is limited to (council members).
    pub building_ids: Vec<Uuid>,
}

/// Limits a council member to the buildings of the councils they sit on (syndics).
#[utoipa::path(
    put, path = "/organizations/{id}/members/{user_id}/buildings", tag = "organizations",
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    request_body = MemberBuildings,
    responses((status = 200, body = Vec<Uuid>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn set_member_buildings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, user_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<MemberBuildings>,
) -> Result<Json<Vec<Uuid>>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(
        organizations::set_member_buildings(&state.db, &actor, user_id, &body.building_ids).await?,
    ))
}

/// The organisation's security policy.
#[utoipa::path(
    get, path = "/organizations/{id}/security", tag = "organizations",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = SecurityPolicy),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn security_policy(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SecurityPolicy>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(
        organizations::security_policy(&state.db, &actor).await?,
    ))
}

/// Requires (or not) a second factor of the organisation's syndics and accountants. Syndics
/// only, after a step-up, and only with a second factor of their own.
#[utoipa::path(
    put, path = "/organizations/{id}/security", tag = "organizations",
    params(("id" = Uuid, Path)),
    request_body = SecurityPolicy,
    responses(
        (status = 200, body = SecurityPolicy),
        (status = 403, description = "Not a syndic, or `step_up_required`", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`second_factor.enrol_first`", body = ErrorBody),
    )
)]
pub async fn set_security_policy(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SecurityPolicy>,
) -> Result<Json<SecurityPolicy>, ApiError> {
    let actor = organizations::actor_in(&user, id)?;
    Ok(Json(
        organizations::set_security_policy(&state.db, &actor, user.second_factor, body).await?,
    ))
}
