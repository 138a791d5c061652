use serde::{Deserialize, Serialize};
use std::fmt;

/// A new password that meets the policy. Length is what matters (NIST SP 800-63B §5.1.1.2):
/// at least 10 characters, at most 128, and not only whitespace. No composition rules.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct Password(String);

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;

impl Password {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let chars = raw.chars().count();
        if raw.trim().is_empty() {
            return Err("password.required");
        }
        if chars < MIN_PASSWORD_CHARS {
            return Err("password.too_short");
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err("password.too_long");
        }
        Ok(Password(raw.to_owned()))
    }

    /// A new password must not be the e-mail address: the first thing an attacker tries.
    pub fn parse_for(raw: &str, email: &str) -> Result<Self, &'static str> {
        let password = Self::parse(raw)?;
        if password.0.trim().eq_ignore_ascii_case(email.trim()) {
            return Err("password.same_as_email");
        }
        Ok(password)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Password {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Password::parse(&value)
    }
}

// Never print a password, not even in a debug log.
impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enforces_length_in_characters_not_bytes() {
        assert_eq!(Password::parse("short"), Err("password.too_short"));
        assert_eq!(Password::parse(""), Err("password.required"));
        assert_eq!(Password::parse("          "), Err("password.required"));
        assert!(Password::parse("éééééééééé").is_ok()); // 10 chars, 20 bytes
        assert!(Password::parse("correct horse").is_ok());
        assert_eq!(Password::parse(&"x".repeat(129)), Err("password.too_long"));
    }

    #[test]
    fn refuses_the_email_as_password() {
        assert_eq!(
            Password::parse_for("Marie@Example.be", "marie@example.be"),
            Err("password.same_as_email")
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let p = Password::parse("supersecret!").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }
}
