//! Owners: the natural or legal persons who hold lots. The syndic keeps their postal address
//! (convocations go by registered letter unless the owner agreed to e-mail, art. 3.87 §3
//! Civil Code) and never the national register number (DOMAIN.md, data protection).

use super::EnterpriseNumber;
use crate::domain::error::Validator;
use crate::domain::{AppError, Email, Locale};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    /// A person.
    Natural,
    /// A company or other legal person, identified by its enterprise number.
    Legal,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Natural => "natural",
            OwnerKind::Legal => "legal",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim().to_lowercase().as_str() {
            "natural" | "" => Ok(OwnerKind::Natural),
            "legal" => Ok(OwnerKind::Legal),
            _ => Err("owner_kind.invalid"),
        }
    }
}

/// An owner as typed in a form or a spreadsheet row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OwnerInput {
    /// `natural` (default) or `legal`.
    pub kind: String,
    pub first_name: String,
    /// Family name, or the company's name for a legal person.
    pub last_name: String,
    /// Enterprise number (BCE/KBO), required for a Belgian legal person.
    pub company_number: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166 two-letter code; `BE` when empty.
    pub country: String,
    pub email: String,
    pub phone: String,
    /// fr, nl, de or en: the language of the documents sent to the owner.
    pub locale: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerDetails {
    pub kind: OwnerKind,
    pub first_name: Option<String>,
    pub last_name: String,
    pub company_number: Option<EnterpriseNumber>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub locale: Locale,
}

fn text(raw: &str, max: usize, required_code: &'static str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        Err(required_code)
    } else if value.chars().count() > max {
        Err("text.too_long")
    } else {
        Ok(value.to_owned())
    }
}

/// A phone number as people write it: digits with spaces, dots, slashes, dashes, an optional
/// leading `+`; 6 to 15 digits (ITU E.164 allows at most 15).
pub fn parse_phone(raw: &str) -> Result<Option<String>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let body = value.strip_prefix('+').unwrap_or(value);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '/' | '-' | '(' | ')'))
        || !(6..=15).contains(&digits)
    {
        return Err("phone.invalid");
    }
    Ok(Some(value.to_owned()))
}

pub fn parse_country(raw: &str) -> Result<String, &'static str> {
    let value = raw.trim().to_uppercase();
    if value.is_empty() {
        return Ok("BE".into());
    }
    if value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(value)
    } else {
        Err("country.invalid")
    }
}

impl OwnerInput {
    pub fn validate(&self) -> Result<OwnerDetails, AppError> {
        let mut v = Validator::new();
        let kind = v.check("kind", OwnerKind::parse(&self.kind));
        let country = v.check("country", parse_country(&self.country));
        let first_name = match kind {
            Some(OwnerKind::Natural) => v
                .check(
                    "first_name",
                    text(&self.first_name, 100, "first_name.required"),
                )
                .map(Some),
            _ => Some(None),
        };
        let last_name = v.check(
            "last_name",
            text(&self.last_name, 200, "last_name.required"),
        );
        let belgian = country.as_deref() == Some("BE");
        let company_number = match (kind, self.company_number.trim()) {
            (Some(OwnerKind::Legal), "") if belgian => {
                v.add("company_number", "company_number.required");
                None
            }
            (_, "") => Some(None),
            (Some(OwnerKind::Natural), _) => {
                v.add("company_number", "company_number.natural_person");
                None
            }
            (_, raw) => v
                .check("company_number", EnterpriseNumber::parse(raw))
                .map(Some),
        };
        let street = v.check("street", text(&self.street, 200, "street.required"));
        let postal_code = v.check(
            "postal_code",
            if belgian {
                super::building::parse_postal_code(&self.postal_code)
            } else {
                text(&self.postal_code, 12, "postal_code.required")
            },
        );
        let city = v.check("city", text(&self.city, 100, "city.required"));
        let email = v.check(
            "email",
            match self.email.trim() {
                "" => Ok(None),
                raw => Email::parse(raw).map(Some),
            },
        );
        let phone = v.check("phone", parse_phone(&self.phone));
        let locale = v.check(
            "locale",
            if self.locale.trim().is_empty() {
                Err("locale.required")
            } else {
                Locale::parse(&self.locale)
            },
        );
        v.finish()?;
        Ok(OwnerDetails {
            kind: kind.unwrap(),
            first_name: first_name.unwrap(),
            last_name: last_name.unwrap(),
            company_number: company_number.unwrap(),
            street: street.unwrap(),
            postal_code: postal_code.unwrap(),
            city: city.unwrap(),
            country: country.unwrap(),
            email: email.unwrap(),
            phone: phone.unwrap(),
            locale: locale.unwrap(),
        })
    }
}

/// How an owner is named in lists: `Peeters Anna`, or the company's name.
pub fn display_name(first_name: Option<&str>, last_name: &str) -> String {
    match first_name {
        Some(first) if !first.is_empty() => format!("{last_name} {first}"),
        _ => last_name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anna() -> OwnerInput {
        OwnerInput {
            kind: "natural".into(),
            first_name: "Anna".into(),
            last_name: "Peeters".into(),
            street: "Meir 10".into(),
            postal_code: "2000".into(),
            city: "Antwerpen".into(),
            email: "anna@example.be".into(),
            phone: "+32 470 12 34 56".into(),
            locale: "nl".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_person_parses() {
        let owner = anna().validate().unwrap();
        assert_eq!(owner.kind, OwnerKind::Natural);
        assert_eq!(owner.country, "BE");
        assert_eq!(owner.locale, Locale::Nl);
    }

    #[test]
    fn a_belgian_company_needs_a_valid_enterprise_number() {
        let company = OwnerInput {
            kind: "legal".into(),
            first_name: "".into(),
            last_name: "Immo Invest SRL".into(),
            company_number: "".into(),
            ..anna()
        };
        let err = company.clone().validate().unwrap_err();
        assert_eq!(
            err.fields().unwrap()["company_number"],
            ["company_number.required"]
        );
        let with_number = OwnerInput {
            company_number: "0123.456.749".into(),
            ..company.clone()
        };
        assert!(with_number.validate().unwrap().company_number.is_some());
        let foreign = OwnerInput {
            country: "nl".into(),
            postal_code: "1017 AB".into(),
            ..company
        };
        assert_eq!(foreign.validate().unwrap().country, "NL");
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = OwnerInput {
            first_name: " ".into(),
            last_name: "".into(),
            company_number: "0123.456.749".into(),
            postal_code: "12".into(),
            email: "not-an-email".into(),
            phone: "call me".into(),
            locale: "es".into(),
            country: "Belgium".into(),
            ..anna()
        };
        let fields = bad.validate().unwrap_err().fields().unwrap().clone();
        for field in [
            "first_name",
            "last_name",
            "email",
            "phone",
            "locale",
            "country",
        ] {
            assert!(fields.contains_key(field), "{field}: {fields:?}");
        }
    }

    #[test]
    fn phones_and_names() {
        assert_eq!(parse_phone("02/512.34.56"), Ok(Some("02/512.34.56".into())));
        assert_eq!(parse_phone("12345"), Err("phone.invalid"));
        assert_eq!(parse_phone(""), Ok(None));
        assert_eq!(display_name(Some("Anna"), "Peeters"), "Peeters Anna");
        assert_eq!(display_name(None, "Immo SRL"), "Immo SRL");
    }
}
