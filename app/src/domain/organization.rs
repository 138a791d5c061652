use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// The short, URL-safe name of an organisation: lowercase letters, digits and single
/// hyphens, 2 to 50 characters (`syndic-dupont`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err("slug.required");
        }
        let valid_chars = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(2..=50).contains(&value.len())
            || !valid_chars
            || value.starts_with('-')
            || value.ends_with('-')
            || value.contains("--")
        {
            return Err("slug.invalid");
        }
        Ok(Slug(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A display name of 1 to 200 characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrganizationName(String);

impl OrganizationName {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        match value.chars().count() {
            0 => Err("name.required"),
            1..=200 => Ok(OrganizationName(value.to_owned())),
            _ => Err("name.too_long"),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrganizationName {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        OrganizationName::parse(&value)
    }
}

impl From<OrganizationName> for String {
    fn from(value: OrganizationName) -> Self {
        value.0
    }
}

/// A professional syndic firm manages many co-ownerships; a self-managed co-ownership is its
/// own syndic (a non-professional syndic, often a co-owner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum OrganizationKind {
    SyndicFirm,
    SelfManaged,
}

impl OrganizationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganizationKind::SyndicFirm => "syndic_firm",
            OrganizationKind::SelfManaged => "self_managed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim() {
            "syndic_firm" => Ok(OrganizationKind::SyndicFirm),
            "self_managed" => Ok(OrganizationKind::SelfManaged),
            _ => Err("organization_kind.invalid"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganizationSummary {
    pub id: Uuid,
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "syndic-dupont"))]
    pub slug: Slug,
    pub name: String,
    pub kind: OrganizationKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            Slug::parse(" Syndic-Dupont ").unwrap().as_str(),
            "syndic-dupont"
        );
        assert_eq!(Slug::parse(""), Err("slug.required"));
        for bad in ["a", "-ab", "ab-", "a--b", "a b", "é-x", &"x".repeat(51)] {
            assert_eq!(Slug::parse(bad), Err("slug.invalid"), "{bad}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            OrganizationName::parse("  ACP Léopold ").unwrap().as_str(),
            "ACP Léopold"
        );
        assert_eq!(OrganizationName::parse(" "), Err("name.required"));
        assert_eq!(
            OrganizationName::parse(&"é".repeat(201)),
            Err("name.too_long")
        );
    }

    #[test]
    fn kinds_round_trip() {
        for kind in [OrganizationKind::SyndicFirm, OrganizationKind::SelfManaged] {
            assert_eq!(OrganizationKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(OrganizationKind::parse("other").is_err());
    }
}
