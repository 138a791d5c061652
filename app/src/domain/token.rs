use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The prefix of every API token, so that leaked tokens are recognisable by secret scanners.
pub const API_TOKEN_PREFIX: &str = "kpg_";

/// An API token as listed to its owner: never the secret, only its first characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiTokenInfo {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Returned once, at creation: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreatedApiToken {
    pub token: ApiTokenInfo,
    pub secret: String,
}

/// A token's label: 1 to 80 characters.
pub fn parse_token_name(raw: &str) -> Result<String, &'static str> {
    let value = raw.trim();
    match value.chars().count() {
        0 => Err("token_name.required"),
        1..=80 => Ok(value.to_owned()),
        _ => Err("token_name.too_long"),
    }
}

/// Days a new token lives: empty means no expiry; otherwise 1 to 730 days.
pub fn parse_token_lifetime_days(raw: &str) -> Result<Option<u32>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(days) if (1..=730).contains(&days) => Ok(Some(days)),
        _ => Err("token_lifetime.invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_lifetimes() {
        assert_eq!(parse_token_name(" CI "), Ok("CI".into()));
        assert_eq!(parse_token_name(""), Err("token_name.required"));
        assert_eq!(
            parse_token_name(&"x".repeat(81)),
            Err("token_name.too_long")
        );
        assert_eq!(parse_token_lifetime_days(""), Ok(None));
        assert_eq!(parse_token_lifetime_days("30"), Ok(Some(30)));
        assert_eq!(
            parse_token_lifetime_days("0"),
            Err("token_lifetime.invalid")
        );
        assert_eq!(
            parse_token_lifetime_days("731"),
            Err("token_lifetime.invalid")
        );
        assert_eq!(
            parse_token_lifetime_days("abc"),
            Err("token_lifetime.invalid")
        );
    }
}
