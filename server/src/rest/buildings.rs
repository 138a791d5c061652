use super::extract::{ApiJson, ApiPath, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::register::{Building, BuildingInput};
use app::ssr::AppState;
use app::ssr::services::buildings;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Include archived buildings.
    #[serde(default)]
    pub archived: bool,
}

/// The buildings of the caller's current organisation, by name.
#[utoipa::path(
    get, path = "/buildings", tag = "register",
    params(ListQuery),
    responses((status = 200, body = Vec<Building>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<Building>>, ApiError> {
    Ok(Json(
        buildings::list(&state.db, &state.identity, &user.actor(), query.archived).await?,
    ))
}

/// Registers a building (syndics). A 422 names every invalid field.
#[utoipa::path(
    post, path = "/buildings", tag = "register",
    request_body = BuildingInput,
    responses(
        (status = 201, body = Building),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<BuildingInput>,
) -> Result<(StatusCode, Json<Building>), ApiError> {
    let created = buildings::create(&state.db, &user.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One building of the caller's organisation; any other is 404.
#[utoipa::path(
    get, path = "/buildings/{id}", tag = "register",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Building), (status = 404, body = ErrorBody))
)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Building>, ApiError> {
    Ok(Json(buildings::get(&state.db, &user.actor(), id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateBuilding {
    /// The `version` the edit started from.
    pub version: i32,
    #[serde(flatten)]
    pub building: BuildingInput,
}

/// Replaces a building's details; 409 if it changed since `version`.
#[utoipa::path(
    put, path = "/buildings/{id}", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = UpdateBuilding,
    responses(
        (status = 200, body = Building),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateBuilding>,
) -> Result<Json<Building>, ApiError> {
    Ok(Json(
        buildings::update(&state.db, &user.actor(), id, &body.building, body.version).await?,
    ))
}

/// Archives a building (it stays readable with `?archived=true`).
#[utoipa::path(
    post, path = "/buildings/{id}/archive", tag = "register",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn archive(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    buildings::archive(&state.db, &user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
