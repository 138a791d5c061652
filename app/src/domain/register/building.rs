//! A building (the association of co-owners, ACP/VME) as typed in a form: each field parsed
//! into its domain type, every problem reported at once.

use super::EnterpriseNumber;
use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The form as it arrives (strings, as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BuildingInput {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub enterprise_number: String,
    pub total_quota: String,
    pub construction_year: String,
    pub basic_deed_date: String,
    /// `MM-DD`, e.g. `01-01` for a calendar fiscal year.
    pub fiscal_year_start: String,
}

/// A validated building.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingDetails {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub enterprise_number: Option<EnterpriseNumber>,
    pub total_quota: u64,
    pub construction_year: Option<i32>,
    pub basic_deed_date: Option<NaiveDate>,
    pub fiscal_year_start: (u32, u32),
}

/// The largest total of quotes-parts accepted: buildings use 1 000, 10 000 or 100 000ths.
pub const MAX_TOTAL_QUOTA: u64 = 1_000_000;

fn required(raw: &str, max_chars: usize, code: &'static str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(code);
    }
    if value.chars().count() > max_chars {
        return Err("text.too_long");
    }
    Ok(value.to_owned())
}

/// Belgian postal codes are four digits from 1000 to 9999 (bpost).
pub fn parse_postal_code(raw: &str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("postal_code.required");
    }
    match value.parse::<u16>() {
        Ok(code) if value.len() == 4 && (1000..=9999).contains(&code) => Ok(value.to_owned()),
        _ => Err("postal_code.invalid"),
    }
}

pub fn parse_total_quota(raw: &str) -> Result<u64, &'static str> {
    match raw.trim().parse::<u64>() {
        Ok(total) if (1..=MAX_TOTAL_QUOTA).contains(&total) => Ok(total),
        Ok(_) => Err("total_quota.out_of_range"),
        Err(_) if raw.trim().is_empty() => Err("total_quota.required"),
        Err(_) => Err("total_quota.invalid"),
    }
}

pub fn parse_fiscal_year_start(raw: &str) -> Result<(u32, u32), &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok((1, 1));
    }
    let (month, day) = value.split_once('-').ok_or("fiscal_year_start.invalid")?;
    let (month, day) = (
        month
            .parse::<u32>()
            .map_err(|_| "fiscal_year_start.invalid")?,
        day.parse::<u32>()
            .map_err(|_| "fiscal_year_start.invalid")?,
    );
    // A leap year accepts 29 February; such a start would move every other year, so refuse.
    if (month, day) == (2, 29) || NaiveDate::from_ymd_opt(2001, month, day).is_none() {
        return Err("fiscal_year_start.invalid");
    }
    Ok((month, day))
}

impl BuildingInput {
    /// Parses the form; `today` bounds the construction year and the basic deed's date.
    pub fn validate(&self, today: NaiveDate) -> Result<BuildingDetails, AppError> {
        let mut v = Validator::new();
        let name = v.check("name", required(&self.name, 200, "name.required"));
        let street = v.check("street", required(&self.street, 200, "street.required"));
        let postal_code = v.check("postal_code", parse_postal_code(&self.postal_code));
        let city = v.check("city", required(&self.city, 100, "city.required"));
        let enterprise_number = if self.enterprise_number.trim().is_empty() {
            Some(None)
        } else {
            v.check(
                "enterprise_number",
                EnterpriseNumber::parse(&self.enterprise_number).map(Some),
            )
        };
        let total_quota = v.check("total_quota", parse_total_quota(&self.total_quota));
        let construction_year = v.check(
            "construction_year",
            match self.construction_year.trim() {
                "" => Ok(None),
                year => match year.parse::<i32>() {
                    Ok(y) if (1000..=today.year() + 5).contains(&y) => Ok(Some(y)),
                    _ => Err("construction_year.invalid"),
                },
            },
        );
        let basic_deed_date = v.check(
            "basic_deed_date",
            match self.basic_deed_date.trim() {
                "" => Ok(None),
                date => super::holding::parse_date(date).and_then(|d| {
                    if d <= today {
                        Ok(Some(d))
                    } else {
                        Err("basic_deed_date.future")
                    }
                }),
            },
        );
        let fiscal_year_start = v.check(
            "fiscal_year_start",
            parse_fiscal_year_start(&self.fiscal_year_start),
        );
        v.finish()?;
        Ok(BuildingDetails {
            name: name.unwrap(),
            street: street.unwrap(),
            postal_code: postal_code.unwrap(),
            city: city.unwrap(),
            enterprise_number: enterprise_number.unwrap(),
            total_quota: total_quota.unwrap(),
            construction_year: construction_year.unwrap(),
            basic_deed_date: basic_deed_date.unwrap(),
            fiscal_year_start: fiscal_year_start.unwrap(),
        })
    }
}

/// A building as listed and shown: its details and the state of its register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Building {
    pub id: uuid::Uuid,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// `0123.456.749`, if known.
    pub enterprise_number: Option<String>,
    /// The day the figures below are for (today unless asked).
    pub as_of: NaiveDate,
    /// The total of quotes-parts in force on `as_of`.
    pub total_quota: u64,
    pub construction_year: Option<i32>,
    pub basic_deed_date: Option<NaiveDate>,
    /// `MM-DD`.
    pub fiscal_year_start: String,
    pub archived: bool,
    pub lot_count: u64,
    /// Lots that count for the legal thresholds (cellars, garages, parking excluded).
    pub counted_lot_count: u64,
    /// Quotes-parts of the lots that existed on `as_of`.
    pub assigned_quota: u64,
    /// Distinct owners holding a lot of the building today.
    pub owner_count: u64,
    /// The funds with no open account today (the law wants one of each).
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub missing_accounts: Vec<super::AccountPurpose>,
    /// Incremented by every change; send it back when editing to detect concurrent edits.
    pub version: i32,
}

/// One of the association's bank accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BankAccount {
    pub id: uuid::Uuid,
    /// In groups of four: `BE68 5390 0754 7034`.
    pub iban: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub purpose: super::AccountPurpose,
    pub label: Option<String>,
    /// The name the bank holds it in: the association's (empty for accounts registered
    /// before it was asked).
    pub holder_name: String,
    pub bic: Option<String>,
    pub opened_on: Option<NaiveDate>,
    /// Closed accounts are kept and shown as such.
    pub closed_on: Option<NaiveDate>,
    pub version: i32,
}

impl BankAccount {
    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        super::bank::is_open(self.opened_on, self.closed_on, date)
    }
}

/// A bank account as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BankAccountInput {
    pub iban: String,
    /// `working_capital` or `reserve`.
    pub purpose: String,
    /// The name the account is held in (the association's), as on the bank's statements.
    pub holder_name: String,
    /// Optional: 8 or 11 characters.
    pub bic: String,
    /// `YYYY-MM-DD`, optional.
    pub opened_on: String,
    pub label: String,
}

/// Closing an account: the date, and the version it was read at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CloseAccountInput {
    /// `YYYY-MM-DD`: from that day the account is closed.
    pub closed_on: String,
    pub version: i32,
}

impl Building {
    pub fn quota_balance(&self) -> super::QuotaBalance {
        super::QuotaBalance::of(self.total_quota, [self.assigned_quota])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn valid() -> BuildingInput {
        BuildingInput {
            name: "Résidence Les Tilleuls".into(),
            street: "Avenue Louise 123".into(),
            postal_code: "1050".into(),
            city: "Ixelles".into(),
            enterprise_number: "0123.456.749".into(),
            total_quota: "1000".into(),
            construction_year: "1968".into(),
            basic_deed_date: "1967-05-12".into(),
            fiscal_year_start: "01-01".into(),
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let b = valid().validate(today()).unwrap();
        assert_eq!(b.total_quota, 1000);
        assert_eq!(b.enterprise_number.unwrap().to_string(), "0123.456.749");
        assert_eq!(b.fiscal_year_start, (1, 1));
        assert_eq!(b.construction_year, Some(1968));
    }

    #[test]
    fn optional_fields_may_stay_empty() {
        let input = BuildingInput {
            enterprise_number: " ".into(),
            construction_year: "".into(),
            basic_deed_date: "".into(),
            fiscal_year_start: "".into(),
            ..valid()
        };
        let b = input.validate(today()).unwrap();
        assert_eq!(b.enterprise_number, None);
        assert_eq!(b.fiscal_year_start, (1, 1));
    }

    #[test]
    fn every_bad_field_is_named() {
        let input = BuildingInput {
            name: "".into(),
            street: "".into(),
            postal_code: "123".into(),
            city: "".into(),
            enterprise_number: "0123.456.748".into(),
            total_quota: "0".into(),
            construction_year: "2099".into(),
            basic_deed_date: "2030-01-01".into(),
            fiscal_year_start: "02-29".into(),
        };
        let err = input.validate(today()).unwrap_err();
        let fields = err.fields().unwrap();
        let code = |f: &str| fields[f][0].as_str();
        assert_eq!(code("name"), "name.required");
        assert_eq!(code("street"), "street.required");
        assert_eq!(code("postal_code"), "postal_code.invalid");
        assert_eq!(code("city"), "city.required");
        assert_eq!(code("enterprise_number"), "enterprise_number.check_digits");
        assert_eq!(code("total_quota"), "total_quota.out_of_range");
        assert_eq!(code("construction_year"), "construction_year.invalid");
        assert_eq!(code("basic_deed_date"), "basic_deed_date.future");
        assert_eq!(code("fiscal_year_start"), "fiscal_year_start.invalid");
    }

    #[test]
    fn postal_codes_and_totals() {
        assert!(parse_postal_code("9999").is_ok());
        assert_eq!(parse_postal_code("0999"), Err("postal_code.invalid"));
        assert_eq!(parse_postal_code("B-1000"), Err("postal_code.invalid"));
        assert_eq!(parse_total_quota("10000"), Ok(10_000));
        assert_eq!(parse_total_quota(""), Err("total_quota.required"));
        assert_eq!(parse_total_quota("1e3"), Err("total_quota.invalid"));
        assert_eq!(
            parse_total_quota("1000001"),
            Err("total_quota.out_of_range")
        );
        assert_eq!(parse_fiscal_year_start("07-01"), Ok((7, 1)));
        assert_eq!(
            parse_fiscal_year_start("13-01"),
            Err("fiscal_year_start.invalid")
        );
    }
}
