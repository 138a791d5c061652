//! An owner's consent to receive convocations and the association's mail by e-mail.
//!
//! By default the syndic writes by registered letter; another channel is allowed only for a
//! recipient who agreed to it individually, explicitly and in writing (art. 3.87 §3 Civil
//! Code, DOMAIN.md "Convening"). The consent is given to one association (an owner of lots in
//! two buildings consents to each), covers one address, and can be withdrawn: the register
//! keeps it as a history — given on, evidence, address, withdrawn on — never as a flag, so
//! that a convocation sent on a date can be proved to have used a channel allowed that day.
//! An owner whose e-mail address changes has consented to the old address only: the consent
//! ends with the change and must be given again (the written consent named the old one).

use super::holding::not_after;
use crate::domain::error::Validator;
use crate::domain::{AppError, Email};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why a consent stopped covering the owner's mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentEnd {
    /// The owner withdrew it.
    Withdrawn,
    /// The owner's e-mail address changed: the consent named the old one.
    AddressChanged,
}

impl ConsentEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentEnd::Withdrawn => "withdrawn",
            ConsentEnd::AddressChanged => "address_changed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw {
            "withdrawn" => Ok(ConsentEnd::Withdrawn),
            "address_changed" => Ok(ConsentEnd::AddressChanged),
            _ => Err("consent_end.invalid"),
        }
    }
}

/// A recorded consent, as the register and the owner's page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Consent {
    pub id: Uuid,
    pub building_id: Uuid,
    pub building_name: String,
    /// The e-mail address the written consent names.
    pub address: String,
    /// The date of the written consent.
    pub given_on: NaiveDate,
    /// What proves it: the signed form, the letter, its reference.
    pub evidence: String,
    /// From this date (included) the consent no longer applies.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<ConsentEnd>,
    pub version: i32,
}

impl Consent {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.given_on <= date && self.ended_on.is_none_or(|end| date < end)
    }
}

/// The consent under which the association of `building_id` may write to `address` by
/// e-mail on `date`: one to that association and that address, in force that day.
pub fn in_force<'a>(
    consents: &'a [Consent],
    building_id: Uuid,
    address: &str,
    date: NaiveDate,
) -> Option<&'a Consent> {
    consents.iter().find(|c| {
        c.building_id == building_id
            && c.address.eq_ignore_ascii_case(address)
            && c.in_force_on(date)
    })
}

/// Whether the association of `building_id` may write to `address` by e-mail on `date`.
pub fn email_allowed(
    consents: &[Consent],
    building_id: Uuid,
    address: &str,
    date: NaiveDate,
) -> bool {
    in_force(consents, building_id, address, date).is_some()
}

/// The syndic records a written consent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ConsentInput {
    /// The association (building) the owner consents to.
    pub building_id: String,
    /// YYYY-MM-DD: the date of the written consent; not in the future.
    pub given_on: String,
    /// What proves it (the signed form, its reference); required.
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentDetails {
    pub building_id: Uuid,
    pub given_on: NaiveDate,
    pub evidence: String,
}

pub const MAX_EVIDENCE_CHARS: usize = 500;

impl ConsentInput {
    /// `address` is the owner's e-mail address today: a consent needs one to name.
    pub fn validate(
        &self,
        address: Option<&Email>,
        today: NaiveDate,
    ) -> Result<ConsentDetails, AppError> {
        let mut v = Validator::default();
        if address.is_none() {
            v.add("given_on", "consent.needs_email");
        }
        let building_id = v.check("building_id", parse_building(&self.building_id));
        let given_on = v.check("given_on", not_after(&self.given_on, today));
        let evidence = v.check("evidence", evidence(&self.evidence));
        v.finish()?;
        Ok(ConsentDetails {
            building_id: building_id.expect("checked"),
            given_on: given_on.expect("checked"),
            evidence: evidence.expect("checked"),
        })
    }
}

fn parse_building(raw: &str) -> Result<Uuid, &'static str> {
    if raw.trim().is_empty() {
        return Err("consent.building_required");
    }
    raw.trim().parse().map_err(|_| "consent.building_required")
}

fn evidence(raw: &str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        Err("consent.evidence_required")
    } else if value.chars().count() > MAX_EVIDENCE_CHARS {
        Err("text.too_long")
    } else {
        Ok(value.to_owned())
    }
}

/// The owner withdraws a consent (in writing too, but any clear statement ends it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WithdrawalInput {
    /// YYYY-MM-DD: from this day the association writes by registered letter again.
    pub withdrawn_on: String,
    pub version: i32,
}

impl WithdrawalInput {
    pub fn validate(&self, given_on: NaiveDate, today: NaiveDate) -> Result<NaiveDate, AppError> {
        let mut v = Validator::default();
        let date = v.check(
            "withdrawn_on",
            not_after(&self.withdrawn_on, today).and_then(|d| {
                if d < given_on {
                    Err("consent.withdrawn_before_given")
                } else {
                    Ok(d)
                }
            }),
        );
        v.finish()?;
        Ok(date.expect("checked"))
    }
}

/// The consent column of a register import: empty or `no` for none, else the date of the
/// written consent. A bare "yes" is refused: the date is what the association must prove.
pub fn parse_import_cell(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, &'static str> {
    let value = raw.trim().to_lowercase();
    match value.as_str() {
        "" | "no" | "non" | "nee" | "nein" | "0" | "false" => Ok(None),
        "yes" | "oui" | "ja" | "1" | "true" => Err("email_consent.date_required"),
        _ => not_after(&value, today).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn consent(building: Uuid, address: &str, given: NaiveDate, end: Option<NaiveDate>) -> Consent {
        Consent {
            id: Uuid::now_v7(),
            building_id: building,
            building_name: "Résidence".into(),
            address: address.into(),
            given_on: given,
            evidence: "signed form".into(),
            ended_on: end,
            end_reason: end.map(|_| ConsentEnd::Withdrawn),
            version: 1,
        }
    }

    #[test]
    fn a_consent_covers_one_association_one_address_and_its_period() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let consents = [consent(
            a,
            "anne@example.be",
            day(2024, 3, 1),
            Some(day(2025, 3, 1)),
        )];
        let allowed = |building, address, date| email_allowed(&consents, building, address, date);
        assert!(allowed(a, "anne@example.be", day(2024, 3, 1)));
        assert!(allowed(a, "Anne@Example.be", day(2025, 2, 28)));
        // Not before it was given, not from the day it ends.
        assert!(!allowed(a, "anne@example.be", day(2024, 2, 29)));
        assert!(!allowed(a, "anne@example.be", day(2025, 3, 1)));
        // Not for another association, not for another address.
        assert!(!allowed(b, "anne@example.be", day(2024, 6, 1)));
        assert!(!allowed(a, "anne@work.be", day(2024, 6, 1)));
    }

    #[test]
    fn recording_needs_an_address_a_past_date_and_evidence() {
        let today = day(2026, 12, 1);
        let email = Email::parse("anne@example.be").unwrap();
        let building = Uuid::now_v7();
        let ok = ConsentInput {
            building_id: building.to_string(),
            given_on: "2026-11-30".into(),
            evidence: "Signed form of 30/11/2026".into(),
        };
        assert_eq!(
            ok.validate(Some(&email), today).unwrap(),
            ConsentDetails {
                building_id: building,
                given_on: day(2026, 11, 30),
                evidence: "Signed form of 30/11/2026".into(),
            }
        );
        let fields = |input: &ConsentInput, email: Option<&Email>| {
            input
                .validate(email, today)
                .unwrap_err()
                .fields()
                .cloned()
                .unwrap()
        };
        assert_eq!(fields(&ok, None)["given_on"], ["consent.needs_email"]);
        let bad = ConsentInput {
            building_id: "lot-1".into(),
            given_on: "2026-12-02".into(),
            evidence: "  ".into(),
        };
        let errors = fields(&bad, Some(&email));
        assert_eq!(errors["building_id"], ["consent.building_required"]);
        assert_eq!(errors["given_on"], ["date.future"]);
        assert_eq!(errors["evidence"], ["consent.evidence_required"]);
    }

    #[test]
    fn a_withdrawal_comes_after_the_consent_and_not_in_the_future() {
        let today = day(2026, 12, 1);
        let given = day(2025, 1, 10);
        let withdraw = |raw: &str| {
            WithdrawalInput {
                withdrawn_on: raw.into(),
                version: 1,
            }
            .validate(given, today)
        };
        assert_eq!(withdraw("2025-01-10"), Ok(given));
        let code =
            |raw: &str| withdraw(raw).unwrap_err().fields().unwrap()["withdrawn_on"][0].clone();
        assert_eq!(code("2025-01-09"), "consent.withdrawn_before_given");
        assert_eq!(code("2026-12-02"), "date.future");
        assert_eq!(code(""), "date.required");
    }

    #[test]
    fn the_import_cell_is_a_date_or_nothing() {
        let today = day(2026, 12, 1);
        assert_eq!(parse_import_cell("", today), Ok(None));
        assert_eq!(parse_import_cell("no", today), Ok(None));
        assert_eq!(
            parse_import_cell("2024-05-01", today),
            Ok(Some(day(2024, 5, 1)))
        );
        assert_eq!(
            parse_import_cell("yes", today),
            Err("email_consent.date_required")
        );
        assert_eq!(parse_import_cell("2027-01-01", today), Err("date.future"));
    }
}
