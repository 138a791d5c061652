use serde::{Deserialize, Serialize};
use std::fmt;

/// A Belgian enterprise number (BCE/KBO): ten digits, written `0123.456.749`. The last two
/// digits are 97 minus the first eight modulo 97 — the check the FPS Economy publishes for
/// the Crossroads Bank for Enterprises, the same as for Belgian VAT numbers. Numbers start
/// with 0 or 1 (the 1-series is issued since the 0-series ran out).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EnterpriseNumber(String);

impl EnterpriseNumber {
    /// Accepts `0123.456.749`, `0123456749`, `BE0123456749`, `BE 0123 456 749`.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err("enterprise_number.required");
        }
        let without_country = trimmed
            .strip_prefix("BE")
            .or_else(|| trimmed.strip_prefix("be"))
            .unwrap_or(trimmed);
        let digits: String = without_country
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '-'))
            .collect();
        if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err("enterprise_number.invalid");
        }
        if !digits.starts_with('0') && !digits.starts_with('1') {
            return Err("enterprise_number.invalid");
        }
        let base: u64 = digits[..8]
            .parse()
            .map_err(|_| "enterprise_number.invalid")?;
        let check: u64 = digits[8..]
            .parse()
            .map_err(|_| "enterprise_number.invalid")?;
        if 97 - base % 97 != check {
            return Err("enterprise_number.check_digits");
        }
        Ok(EnterpriseNumber(digits))
    }

    /// The ten digits, as stored.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EnterpriseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}.{}.{}", &d[..4], &d[4..7], &d[7..])
    }
}

impl TryFrom<String> for EnterpriseNumber {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        EnterpriseNumber::parse(&value)
    }
}

impl From<EnterpriseNumber> for String {
    fn from(value: EnterpriseNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_usual_spellings() {
        // 0123.456.749: 97 - (1234567 mod 97) = 97 - 48 = 49.
        for raw in [
            "0123.456.749",
            "0123456749",
            "BE0123456749",
            "BE 0123 456 749",
            " 0123-456-749 ",
        ] {
            let parsed = EnterpriseNumber::parse(raw).unwrap();
            assert_eq!(parsed.digits(), "0123456749", "{raw}");
            assert_eq!(parsed.to_string(), "0123.456.749");
        }
    }

    #[test]
    fn rejects_bad_numbers_with_a_reason() {
        assert_eq!(
            EnterpriseNumber::parse(""),
            Err("enterprise_number.required")
        );
        assert_eq!(
            EnterpriseNumber::parse("0123.456.748"),
            Err("enterprise_number.check_digits")
        );
        assert_eq!(
            EnterpriseNumber::parse("123.456.749"),
            Err("enterprise_number.invalid")
        );
        assert_eq!(
            EnterpriseNumber::parse("2123.456.749"),
            Err("enterprise_number.invalid")
        );
        assert_eq!(
            EnterpriseNumber::parse("0123.456.74a"),
            Err("enterprise_number.invalid")
        );
    }

    proptest! {
        /// Every 8-digit base completed with its check digits parses, and changing the last
        /// digit always breaks it.
        #[test]
        fn check_digits_round_trip(base in 0u64..20_000_000) {
            let check = 97 - base % 97;
            let number = format!("{base:08}{check:02}");
            prop_assert!(EnterpriseNumber::parse(&number).is_ok());
            let last = number.chars().last().unwrap().to_digit(10).unwrap();
            let wrong = format!("{}{}", &number[..9], (last + 1) % 10);
            prop_assert!(EnterpriseNumber::parse(&wrong).is_err());
        }
    }
}
