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
    /// The platform, or the organisation's security policy, requires a second factor that
    /// this user has not set up yet: nothing is allowed until they do (account page).
    #[error("a second factor must be set up first")]
    SecondFactorRequired,
    /// A sensitive change: the user must prove again who they are (a step-up), then retry.
    #[error("confirm your identity to continue")]
    StepUpRequired,
    #[error("invalid input")]
    Validation(FieldErrors),
    /// A message code, e.g. `conflict.email_taken`.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests, retry in {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    /// The server is at capacity for this kind of work (password hashing, file parsing):
    /// the request was not started and can be retried as is.
    #[error("busy, retry in {retry_after_secs}s")]
    Unavailable { retry_after_secs: u64 },
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
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::StepUpRequired => "step_up_required",
            AppError::Validation(_) => "validation",
            AppError::Conflict(_) => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Unavailable { .. } => "unavailable",
            AppError::Internal => "internal",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::SecondFactorRequired | AppError::StepUpRequired => 403,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Unavailable { .. } => 503,
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

    /// Seconds after which the request may be retried, for the `Retry-After` header.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after_secs }
            | AppError::Unavailable { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }

    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(f) => Some(f),
            _ => None,
        }
    }
}

impl AppError {
    /// An error read back from a URL — the no-JavaScript redirect carries the error of a
    /// form in the query string. Anyone can write such a URL, so only message codes the app
    /// knows (`known`) and plain field names survive: a crafted link cannot make the app
    /// show a text of the attacker's choosing as its own message.
    pub fn from_untrusted(json: &str, known: impl Fn(&str) -> bool) -> Option<AppError> {
        if json.len() > 16 * 1024 {
            return None;
        }
        let plain_name = |name: &str| {
            !name.is_empty()
                && name.len() <= 64
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
        };
        match serde_json::from_str::<AppError>(json).ok()? {
            AppError::Conflict(code) => known(&code).then_some(AppError::Conflict(code)),
            AppError::Validation(fields) => {
                let kept: FieldErrors = fields
                    .into_iter()
                    .filter(|(field, codes)| {
                        plain_name(field) && !codes.is_empty() && codes.iter().all(|c| known(c))
                    })
                    .take(100)
                    .collect();
                (!kept.is_empty()).then_some(AppError::Validation(kept))
            }
            AppError::RateLimited { retry_after_secs } => Some(AppError::RateLimited {
                retry_after_secs: retry_after_secs.min(86_400),
            }),
            AppError::Unavailable { retry_after_secs } => Some(AppError::Unavailable {
                retry_after_secs: retry_after_secs.min(86_400),
            }),
            other => Some(other),
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

    /// Takes the field errors of a nested form under `prefix` (`successors.0` + `number`).
    pub fn absorb(&mut self, prefix: &str, err: AppError) {
        match err {
            AppError::Validation(fields) => {
                for (field, codes) in fields {
                    self.errors
                        .entry(format!("{prefix}.{field}"))
                        .or_default()
                        .extend(codes);
                }
            }
            other => self.add(prefix, &other.message_key()),
        }
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
            (
                AppError::Unavailable {
                    retry_after_secs: 1,
                },
                503,
                "unavailable",
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
    fn errors_from_a_url_keep_only_known_codes() {
        let known = |code: &str| code == "email.invalid" || code == "conflict.email_taken";
        let spoof = r#"{"kind":"conflict","detail":"Your account is closed: call +32 2 000"}"#;
        assert_eq!(AppError::from_untrusted(spoof, known), None);
        let ok = r#"{"kind":"conflict","detail":"conflict.email_taken"}"#;
        assert_eq!(
            AppError::from_untrusted(ok, known),
            Some(AppError::Conflict("conflict.email_taken".into()))
        );
        let mixed = r#"{"kind":"validation","detail":{"email":["email.invalid"],"x":["Free text"],"<b>":["email.invalid"]}}"#;
        assert_eq!(
            AppError::from_untrusted(mixed, known),
            Some(AppError::field("email", "email.invalid"))
        );
        assert_eq!(AppError::from_untrusted("not json", known), None);
        assert_eq!(
            AppError::from_untrusted(
                r#"{"kind":"rate_limited","detail":{"retry_after_secs":99999999}}"#,
                known
            ),
            Some(AppError::RateLimited {
                retry_after_secs: 86_400
            })
        );
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
