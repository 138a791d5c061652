use app::domain::{AppError, Locale};
use app::i18n::translate;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code: not_found, unauthorized, forbidden, validation,
    /// conflict, rate_limited, unavailable, internal.
    #[schema(example = "validation")]
    pub code: String,
    /// A human-readable explanation (English).
    pub message: String,
    /// For `validation`: each invalid field with its problems.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Vec<FieldProblem>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// Stable code, e.g. `email.invalid`.
    pub code: String,
    pub message: String,
}

/// An `AppError` as an HTTP response.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl ApiError {
    /// A field error in the usual shape, with a status HTTP has a word for (413, 416) where
    /// the usual 422 would say less.
    pub fn field_with_status(status: StatusCode, field: &str, code: &str) -> Response {
        let mut response = ApiError(AppError::field(field, code)).into_response();
        *response.status_mut() = status;
        response
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let err = self.0;
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let fields = err
            .fields()
            .map(|fields| {
                fields
                    .iter()
                    .map(|(field, codes)| {
                        let problems = codes
                            .iter()
                            .map(|code| FieldProblem {
                                code: code.clone(),
                                message: translate(Locale::En, code),
                            })
                            .collect();
                        (field.clone(), problems)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let body = ErrorBody {
            error: ErrorDetail {
                code: err.code().to_owned(),
                message: translate(Locale::En, &err.message_key()),
                fields,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = err.retry_after() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
