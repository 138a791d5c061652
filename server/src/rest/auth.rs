use super::extract::{ApiJson, ApiPath, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::CurrentUser;
use app::domain::token::{ApiTokenInfo, CreatedApiToken};
use app::ssr::AppState;
use app::ssr::services::{accounts, tokens};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use tower_sessions::Session;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    #[schema(example = "syndic@demo.koprogo.be")]
    pub email: String,
    pub password: String,
}

/// Starts a cookie session.
#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    security(()),
    responses(
        (status = 200, description = "Logged in; the session cookie is set", body = CurrentUser),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 422, description = "Missing fields", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address, or on this account; see Retry-After", body = ErrorBody),
        (status = 503, description = "Too many password checks at once; see Retry-After", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    client: Option<axum::Extension<app::ssr::ClientAddr>>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Json<CurrentUser>, ApiError> {
    let check = state.check(client.map(|c| c.0.0));
    let user = accounts::login(&state.db, check, &body.email, &body.password).await?;
    app::ssr::auth::start_session(&session, user.id, user.active_organization_id).await?;
    Ok(Json(user))
}

/// Ends the cookie session.
#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    responses((status = 204, description = "Logged out"))
)]
pub async fn logout(session: Session) -> Result<impl axum::response::IntoResponse, ApiError> {
    app::ssr::auth::end_session(&session).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [("clear-site-data", app::ssr::auth::CLEAR_SITE_DATA)],
    ))
}

/// The authenticated user with their organisations and roles.
#[utoipa::path(
    get, path = "/auth/me", tag = "auth",
    responses(
        (status = 200, body = CurrentUser),
        (status = 401, body = ErrorBody),
    )
)]
pub async fn me(ApiUser(user): ApiUser) -> Json<CurrentUser> {
    Json(user)
}

/// The caller's active API tokens (never their secrets).
#[utoipa::path(
    get, path = "/auth/tokens", tag = "auth",
    responses((status = 200, body = Vec<ApiTokenInfo>), (status = 401, body = ErrorBody))
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<ApiTokenInfo>>, ApiError> {
    Ok(Json(tokens::list(&state.db, &user).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateTokenRequest {
    #[schema(example = "Accounting export")]
    pub name: String,
    /// 1 to 730; omit for a token that does not expire.
    pub expires_in_days: Option<u32>,
    /// Platform administrators only: the token keeps their platform rights. Otherwise a
    /// token acts with the caller's roles in their current organisation only.
    #[serde(default)]
    pub platform: bool,
}

/// Creates a token acting in the caller's current organisation. The secret is in this
/// response only. Needs a session: a token cannot create tokens (403).
#[utoipa::path(
    post, path = "/auth/tokens", tag = "auth",
    request_body = CreateTokenRequest,
    responses(
        (status = 201, body = CreatedApiToken),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedApiToken>), ApiError> {
    let days = body
        .expires_in_days
        .map(|d| d.to_string())
        .unwrap_or_default();
    let created = tokens::create(&state.db, &user, &body.name, &days, body.platform).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(
    delete, path = "/auth/tokens/{id}", tag = "auth",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody))
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    tokens::revoke(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
