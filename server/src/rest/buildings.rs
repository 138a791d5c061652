use super::extract::{ApiJson, ApiPath, ApiQuery, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::register::association::{AssociationFacts, AssociationRulesInput, MandateInput};
use app::domain::register::{Building, BuildingInput, QuotaChangeInput, QuotaOverview};
use app::ssr::AppState;
use app::ssr::services::{association, buildings, quotas};
use axum::Json;
use axum::extract::State;
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
    ApiQuery(query): ApiQuery<ListQuery>,
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

/// `?as_of=YYYY-MM-DD`: the register as it stood on that date (today by default).
#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOfQuery {
    pub as_of: Option<String>,
}

impl AsOfQuery {
    pub fn date(&self) -> Result<Option<chrono::NaiveDate>, ApiError> {
        Ok(app::domain::register::holding::parse_as_of(
            self.as_of.as_deref(),
        )?)
    }
}

/// One building of the caller's organisation, with its figures as on `as_of`; any other
/// building is 404.
#[utoipa::path(
    get, path = "/buildings/{id}", tag = "register",
    params(("id" = Uuid, Path), AsOfQuery),
    responses((status = 200, body = Building), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<AsOfQuery>,
) -> Result<Json<Building>, ApiError> {
    Ok(Json(
        buildings::get(&state.db, &user.actor(), id, query.date()?).await?,
    ))
}

/// The building's total of quotes-parts over time and its balance with the lots on `as_of`.
#[utoipa::path(
    get, path = "/buildings/{id}/quotas", tag = "register",
    params(("id" = Uuid, Path), AsOfQuery),
    responses((status = 200, body = QuotaOverview), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn quotas(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<AsOfQuery>,
) -> Result<Json<QuotaOverview>, ApiError> {
    Ok(Json(
        quotas::overview(&state.db, &user.actor(), id, query.date()?).await?,
    ))
}

/// Changes the building's total from a date, on the basis of a deed, a decision or a
/// judgment; 422 if it would fall below the lots' quotes-parts on any date, or the change
/// is not after the last one.
#[utoipa::path(
    post, path = "/buildings/{id}/total", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = QuotaChangeInput,
    responses((status = 200, body = QuotaOverview), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn change_total(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<QuotaChangeInput>,
) -> Result<Json<QuotaOverview>, ApiError> {
    Ok(Json(
        quotas::change_total(&state.db, &user.actor(), id, &input).await?,
    ))
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

/// The association's facts on `as_of`: its syndic, council and auditor mandates, rules of
/// procedure, accounting regime, the reserve fund's start, and what needs attention.
#[utoipa::path(
    get, path = "/buildings/{id}/association", tag = "register",
    params(("id" = Uuid, Path), AsOfQuery),
    responses((status = 200, body = AssociationFacts), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn association(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<AsOfQuery>,
) -> Result<Json<AssociationFacts>, ApiError> {
    Ok(Json(
        association::facts(&state.db, &user.actor(), id, query.date()?).await?,
    ))
}

/// Records a mandate: a syndic for at most three years (art. 3.89 §1), a council member or
/// chair who holds a lot of the building, an auditor for a fiscal year.
#[utoipa::path(
    post, path = "/buildings/{id}/mandates", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = MandateInput,
    responses((status = 200, body = AssociationFacts), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn add_mandate(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<MandateInput>,
) -> Result<Json<AssociationFacts>, ApiError> {
    Ok(Json(
        association::add_mandate(&state.db, &user.actor(), id, &input).await?,
    ))
}

/// Saves the rules of procedure (assembly window, notice, remote participation), the
/// accounting regime chosen and the provisional acceptance date; 409 if the building
/// changed since `version`.
#[utoipa::path(
    put, path = "/buildings/{id}/rules", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = AssociationRulesInput,
    responses((status = 200, body = AssociationFacts), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn set_rules(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<AssociationRulesInput>,
) -> Result<Json<AssociationFacts>, ApiError> {
    Ok(Json(
        association::set_rules(&state.db, &user.actor(), id, &input).await?,
    ))
}
