use serde::{Deserialize, Serialize};
use std::fmt;

/// A syntactically valid e-mail address, trimmed and lower-cased so that the same person
/// cannot register twice with different capitalisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err("email.required");
        }
        // RFC 5321 limits a path to 254 characters.
        if value.len() > 254 || !email_address::EmailAddress::is_valid(&value) {
            return Err("email.invalid");
        }
        // Addresses like `a@b` are valid per RFC but never deliverable on the Internet.
        let domain = value.rsplit('@').next().unwrap_or_default();
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
            return Err("email.invalid");
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_whitespace() {
        assert_eq!(
            Email::parse("  Marie.Dupont@Example.BE ").unwrap().as_str(),
            "marie.dupont@example.be"
        );
    }

    #[test]
    fn rejects_invalid_addresses() {
        assert_eq!(Email::parse(""), Err("email.required"));
        assert_eq!(Email::parse("   "), Err("email.required"));
        for bad in ["plain", "a@", "@b.be", "a@b", "a b@c.be", "a@b.", "a@@b.be"] {
            assert_eq!(Email::parse(bad), Err("email.invalid"), "{bad}");
        }
        let long = format!("{}@example.be", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err("email.invalid"));
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<Email>("\"x@y.be\"").is_ok());
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
