//! Extractors that fail with the API's error shape instead of axum's plain-text rejections.

use super::ApiError;
use app::domain::{AppError, CurrentUser};
use app::ssr::AppState;
use app::ssr::services::tokens;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

/// A JSON body; a malformed one is a 400 naming the problem, a wrong shape a 422.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let code = match rejection {
                    JsonRejection::MissingJsonContentType(_) => "request.json_required",
                    JsonRejection::JsonSyntaxError(_) => "request.malformed_json",
                    _ => "request.invalid_body",
                };
                tracing::info!(%rejection, "rejected request body");
                Err(ApiError(AppError::field("body", code)))
            }
        }
    }
}

/// Query parameters; one that cannot be read (a date that is not one, a wrong id) is a 422
/// in the API's shape, not axum's plain-text 400.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|rejection| {
                tracing::info!(%rejection, "rejected query");
                ApiError(AppError::field("query", "request.invalid_query"))
            })
    }
}

/// Path parameters; an unparsable id cannot name anything, so it is a 404.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| ApiPath(value))
            .map_err(|_: PathRejection| ApiError(AppError::NotFound))
    }
}

/// The caller: a bearer API token if one is sent, else the session cookie.
pub struct ApiUser(pub CurrentUser);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if let Some(secret) = bearer {
            return Ok(ApiUser(tokens::authenticate(&state.db, secret).await?));
        }
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError(AppError::Unauthorized))?;
        app::ssr::auth::session_user(state, &session)
            .await?
            .map(ApiUser)
            .ok_or(ApiError(AppError::Unauthorized))
    }
}
