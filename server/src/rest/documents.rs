//! `/api/v1` documents (issue 12): upload as the raw request body (streamed to storage, never
//! held whole in memory), list, metadata, download (ranges, ETag), delete.

use super::extract::{ApiPath, ApiQuery, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::AppError;
use app::domain::document::DocumentInfo;
use app::ssr::AppState;
use app::ssr::services::documents::{self, UploadMeta};
use app::ssr::storage::ByteRange;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use uuid::Uuid;

/// Files a document on the building. The body is the file itself (any `Content-Type`: the
/// type is read from the content). Larger than the JSON limit is fine, up to the configured
/// size per file and the organisation's quota.
#[utoipa::path(
    post, path = "/buildings/{id}/documents", tag = "documents",
    params(("id" = Uuid, Path), UploadMeta),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes"),
    responses(
        (status = 201, body = DocumentInfo),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`document.quota_exceeded`", body = ErrorBody),
        (status = 413, description = "Larger than the size allowed per file", body = ErrorBody),
        (status = 422, description = "`document.type_refused` (the content is not an accepted format), `document.empty`, or a field", body = ErrorBody),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(meta): ApiQuery<UploadMeta>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let limits = state.document_limits;
    // A declared length over the limit is refused before a byte is read.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_file_bytes) {
        return Ok(too_large());
    }
    let stream = body.into_data_stream();
    let uploaded = documents::upload(
        &state.db,
        &state.storage,
        limits,
        &user.actor(),
        id,
        meta,
        stream,
    )
    .await;
    match uploaded {
        Ok(info) => Ok((StatusCode::CREATED, Json(info)).into_response()),
        Err(AppError::Validation(fields))
            if fields
                .get("file")
                .is_some_and(|codes| codes.iter().any(|c| c == "document.too_large")) =>
        {
            Ok(too_large())
        }
        Err(err) => Err(err.into()),
    }
}

fn too_large() -> Response {
    ApiError::field_with_status(StatusCode::PAYLOAD_TOO_LARGE, "file", "document.too_large")
}

/// The building's documents the caller may see (the current version of each), newest first.
#[utoipa::path(
    get, path = "/buildings/{id}/documents", tag = "documents",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<DocumentInfo>), (status = 404, body = ErrorBody))
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<DocumentInfo>>, ApiError> {
    Ok(Json(documents::list(&state.db, &user.actor(), id).await?))
}

#[utoipa::path(
    get, path = "/documents/{id}", tag = "documents",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DocumentInfo), (status = 404, body = ErrorBody))
)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<DocumentInfo>, ApiError> {
    Ok(Json(documents::get(&state.db, &user.actor(), id).await?))
}

/// Deletes the document and its versions, unless the law still makes the association keep
/// it (`document.retained`: accounting evidence is kept 7 years).
#[utoipa::path(
    delete, path = "/documents/{id}", tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`document.retained`", body = ErrorBody),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    documents::delete(&state.db, &user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct VisibilityChange {
    /// `office`, `council`, `owners` or `owner` (with `owner_id`).
    pub visibility: String,
    pub owner_id: Option<Uuid>,
}

/// Who may see the document (every version) from now on; audited.
#[utoipa::path(
    put, path = "/documents/{id}/visibility", tag = "documents",
    params(("id" = Uuid, Path)),
    request_body = VisibilityChange,
    responses(
        (status = 200, body = DocumentInfo),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn set_visibility(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    super::extract::ApiJson(body): super::extract::ApiJson<VisibilityChange>,
) -> Result<Json<DocumentInfo>, ApiError> {
    Ok(Json(
        documents::set_visibility(
            &state.db,
            &user.actor(),
            id,
            &body.visibility,
            body.owner_id,
        )
        .await?,
    ))
}

/// The document's bytes: shown in the browser for PDF and images (sandboxed), downloaded for
/// everything else. One byte range (`Range: bytes=…`) is served as 206; `If-None-Match` with
/// the ETag (the SHA-256) as 304.
#[utoipa::path(
    get, path = "/documents/{id}/content", tag = "documents",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, content_type = "application/octet-stream", body = Vec<u8>),
        (status = 206, content_type = "application/octet-stream", body = Vec<u8>),
        (status = 304),
        (status = 404, body = ErrorBody),
        (status = 416, description = "The range is outside the file", body = ErrorBody),
    )
)]
pub async fn content(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let document = documents::readable(&state.db, &actor, id).await?;
    let info = &document.info;
    let etag = format!("\"{}\"", info.sha256);
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(ByteRange::parse);
    let outside = matches!(range, Some(ByteRange::From(first) | ByteRange::Bounded(first, _)) if first >= info.size as u64);
    if outside {
        let mut response = ApiError::field_with_status(
            StatusCode::RANGE_NOT_SATISFIABLE,
            "range",
            "document.bad_range",
        );
        if let Ok(value) = HeaderValue::from_str(&format!("bytes */{}", info.size)) {
            response.headers_mut().insert(header::CONTENT_RANGE, value);
        }
        return Ok(response);
    }
    let download = documents::open(&state.db, &state.storage, &actor, &document, range).await?;
    let inline = info.file_type.previewable();
    let partial = range.is_some();
    let length = download.range.end - download.range.start;
    let mut response = Response::new(Body::from_stream(
        download
            .body
            .map(|chunk| chunk.map_err(std::io::Error::other)),
    ));
    *response.status_mut() = if partial {
        StatusCode::PARTIAL_CONTENT
    } else {
        StatusCode::OK
    };
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    set(headers, header::CONTENT_TYPE, info.file_type.mime().into());
    set(headers, header::CONTENT_LENGTH, length.to_string());
    set(
        headers,
        header::CONTENT_DISPOSITION,
        app::domain::document::content_disposition(inline, &info.file_name),
    );
    set(headers, header::ETAG, etag);
    set(headers, header::ACCEPT_RANGES, "bytes".into());
    set(headers, header::CACHE_CONTROL, "private, no-cache".into());
    // Even a previewed PDF or image runs nothing and reaches nothing of the site.
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'".into(),
    );
    if partial {
        set(
            headers,
            header::CONTENT_RANGE,
            format!(
                "bytes {}-{}/{}",
                download.range.start,
                download.range.end.saturating_sub(1),
                download.total
            ),
        );
    }
    Ok(response)
}
