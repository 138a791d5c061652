//! The one error type of the application. It crosses the wire (server functions, REST) and is
//! shown translated in the UI, so it carries message *codes*, never SQL or internal detail.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Field name → message codes (`"email.invalid"`). Codes are translation keys.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Validation(FieldErrors),
    /// A message code, e.g. `conflict.email_taken`.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests, retry in {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    /// The detail was logged on the server; clients only get an opaque message.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn field(field: &str, code: &str) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), vec![code.to_owned()]);
        AppError::Validation(errors)
    }

    /// Stable machine-readable code, used by the REST error body.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Validation(_) => "validation",
            AppError::Conflict(_) => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Internal => "internal",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Internal => 500,
        }
    }

    /// The translation key of the headline message for this error.
    pub fn message_key(&self) -> String {
        match self {
            AppError::Conflict(code) => code.clone(),
            other => format!("error.{}", other.code()),
        }
    }

    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(f) => Some(f),
            _ => None,
        }
    }
}

/// Collects field errors while parsing a form, so the user sees every problem at once.
#[derive(Default, Debug)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when it parsed, records its error otherwise.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, &'static str>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(code) => {
                self.errors
                    .entry(field.to_owned())
                    .or_default()
                    .push(code.to_owned());
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, code: &str) {
        self.errors
            .entry(field.to_owned())
            .or_default()
            .push(code.to_owned());
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.contains_key(field)
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

mod server_fn_impl {
    use super::AppError;
    use leptos::server_fn::codec::JsonEncoding;
    use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

    impl FromServerFnError for AppError {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            match value {
                // A malformed request body is the client's fault, not ours.
                ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                    AppError::field("request", "error.bad_request")
                }
                _ => AppError::Internal,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_codes_are_stable() {
        let cases = [
            (AppError::NotFound, 404, "not_found"),
            (AppError::Unauthorized, 401, "unauthorized"),
            (AppError::Forbidden, 403, "forbidden"),
            (AppError::field("email", "email.invalid"), 422, "validation"),
            (
                AppError::Conflict("conflict.email_taken".into()),
                409,
                "conflict",
            ),
            (
                AppError::RateLimited {
                    retry_after_secs: 3,
                },
                429,
                "rate_limited",
            ),
            (AppError::Internal, 500, "internal"),
        ];
        for (err, status, code) in cases {
            assert_eq!(err.status(), status);
            assert_eq!(err.code(), code);
        }
    }

    #[test]
    fn validator_collects_every_field() {
        let mut v = Validator::new();
        assert_eq!(v.check::<u8>("a", Ok(1)), Some(1));
        assert_eq!(v.check::<u8>("b", Err("b.bad")), None);
        v.add("b", "b.other");
        let err = v.finish().unwrap_err();
        let fields = err.fields().unwrap();
        assert_eq!(fields["b"], vec!["b.bad", "b.other"]);
        assert!(!fields.contains_key("a"));
    }

    #[test]
    fn error_round_trips_through_json() {
        let err = AppError::field("email", "email.invalid");
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
    }

    #[test]
    fn message_key_of_conflict_is_its_code() {
        assert_eq!(
            AppError::Conflict("conflict.email_taken".into()).message_key(),
            "conflict.email_taken"
        );
        assert_eq!(AppError::Forbidden.message_key(), "error.forbidden");
    }
}
