//! The association's facts the assemblies and the accounts need: the syndic's mandate
//! (art. 3.89 §1: three years at most, renewable), the council (art. 3.90 §1: mandatory from
//! 20 counted lots, its members co-owners), the auditor of the accounts designated each year
//! (art. 3.91), the provisional acceptance of the common parts (the reserve fund is mandatory
//! from 5 years after it, art. 3.86 §3), the accounting regime (full from 20 counted lots,
//! smaller associations may choose it, Royal Decree of 12 July 2012) and the rules of
//! procedure that convening needs (the 15-day window of the ordinary assembly, a notice
//! period longer than the legal 15 days if the rules set one, remote participation).
//! Paragraph numbers as DOMAIN.md gives them; not checked against the official text.

use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a mandate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MandateRole {
    Syndic,
    CouncilChair,
    CouncilMember,
    /// The auditor of the accounts (commissaire aux comptes), for one fiscal year.
    Auditor,
}

impl MandateRole {
    pub const ALL: [MandateRole; 4] = [
        MandateRole::Syndic,
        MandateRole::CouncilChair,
        MandateRole::CouncilMember,
        MandateRole::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MandateRole::Syndic => "syndic",
            MandateRole::CouncilChair => "council_chair",
            MandateRole::CouncilMember => "council_member",
            MandateRole::Auditor => "auditor",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        MandateRole::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or("mandate.role_invalid")
    }

    /// The council is made of co-owners (art. 3.90 §1).
    pub fn needs_owner(self) -> bool {
        matches!(self, MandateRole::CouncilChair | MandateRole::CouncilMember)
    }

    /// One holder at a time: a second syndic or chair over the same days is refused.
    pub fn is_single(self) -> bool {
        matches!(self, MandateRole::Syndic | MandateRole::CouncilChair)
    }
}

/// The longest mandate of a syndic: three years (art. 3.89 §1), renewable.
pub const SYNDIC_MAX_YEARS: i32 = 3;

/// The last day a syndic appointed on `starts_on` may hold the mandate: the eve of the
/// third anniversary (three years at most).
pub fn syndic_last_day(starts_on: NaiveDate) -> NaiveDate {
    let anniversary = starts_on
        .with_year(starts_on.year() + SYNDIC_MAX_YEARS)
        // 29 February: the third anniversary falls on 1 March.
        .unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(starts_on.year() + SYNDIC_MAX_YEARS, 3, 1).expect("1 March")
        });
    anniversary.pred_opt().expect("a day before")
}

/// A mandate as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MandateInput {
    /// `syndic`, `council_chair`, `council_member` or `auditor`.
    pub role: String,
    /// The person or firm; for the council, empty to take the owner's name.
    pub holder_name: String,
    /// An owner of the directory: required for the council.
    pub owner_id: String,
    /// `YYYY-MM-DD`, the first day.
    pub starts_on: String,
    /// `YYYY-MM-DD`, the last day (inclusive).
    pub ends_on: String,
    /// `YYYY-MM-DD`: the assembly's decision, if any.
    pub decided_on: String,
    /// For the auditor: the fiscal year audited (its starting year).
    pub fiscal_year: String,
}

/// A validated mandate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateDetails {
    pub role: MandateRole,
    pub holder_name: Option<String>,
    pub owner_id: Option<Uuid>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub decided_on: Option<NaiveDate>,
    pub fiscal_year: Option<i32>,
}

impl MandateInput {
    pub fn validate(&self) -> Result<MandateDetails, AppError> {
        use super::holding::parse_date;
        let mut v = Validator::new();
        let role = v.check("role", MandateRole::parse(&self.role));
        let name = self.holder_name.trim();
        if name.chars().count() > 200 {
            v.add("holder_name", "text.too_long");
        }
        let owner_id = if self.owner_id.trim().is_empty() {
            None
        } else {
            v.check(
                "owner_id",
                Uuid::parse_str(self.owner_id.trim()).map_err(|_| "owner.not_found"),
            )
        };
        let starts_on = v.check("starts_on", parse_date(&self.starts_on));
        let ends_on = v.check("ends_on", parse_date(&self.ends_on));
        let decided_on = if self.decided_on.trim().is_empty() {
            None
        } else {
            v.check("decided_on", parse_date(&self.decided_on))
        };
        let fiscal_year = if self.fiscal_year.trim().is_empty() {
            None
        } else {
            v.check(
                "fiscal_year",
                self.fiscal_year
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2200).contains(y))
                    .ok_or("fiscal_year.invalid"),
            )
        };
        if let Some(role) = role {
            if role.needs_owner() && owner_id.is_none() && !v.has("owner_id") {
                v.add("owner_id", "mandate.council_needs_owner");
            }
            if !role.needs_owner() && name.is_empty() {
                v.add("holder_name", "mandate.holder_required");
            }
            if role == MandateRole::Auditor && fiscal_year.is_none() && !v.has("fiscal_year") {
                v.add("fiscal_year", "mandate.auditor_needs_year");
            }
            if let (Some(start), Some(end)) = (starts_on, ends_on) {
                if end < start {
                    v.add("ends_on", "mandate.ends_before_start");
                } else if role == MandateRole::Syndic && end > syndic_last_day(start) {
                    v.add("ends_on", "mandate.syndic_over_three_years");
                }
            }
        }
        v.finish()?;
        Ok(MandateDetails {
            role: role.expect("checked"),
            holder_name: (!name.is_empty()).then(|| name.to_owned()),
            owner_id,
            starts_on: starts_on.expect("checked"),
            ends_on: ends_on.expect("checked"),
            decided_on,
            fiscal_year,
        })
    }
}

/// Whether two mandates' days (inclusive) meet.
pub fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// A mandate as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Mandate {
    pub id: Uuid,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub role: MandateRole,
    pub holder_name: String,
    pub owner_id: Option<Uuid>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub decided_on: Option<NaiveDate>,
    pub fiscal_year: Option<i32>,
    pub version: i32,
}

impl Mandate {
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.starts_on <= date && date <= self.ends_on
    }
}

/// How the association keeps its accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountsRegime {
    /// The minimum chart of accounts, double entry.
    Full,
    /// Receipts and expenses, cash, funds, owners' balances.
    Simplified,
}

impl AccountsRegime {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountsRegime::Full => "full",
            AccountsRegime::Simplified => "simplified",
        }
    }

    pub fn parse(raw: &str) -> Result<Option<Self>, &'static str> {
        match raw.trim() {
            "" => Ok(None),
            "full" => Ok(Some(AccountsRegime::Full)),
            "simplified" => Ok(Some(AccountsRegime::Simplified)),
            _ => Err("accounts_regime.invalid"),
        }
    }
}

/// The regime that applies: full from 20 counted lots whatever was chosen; below, the
/// association's choice, simplified when it made none.
pub fn accounts_regime(counted_lots: usize, chosen: Option<AccountsRegime>) -> AccountsRegime {
    if counted_lots >= super::lot::COUNCIL_THRESHOLD {
        AccountsRegime::Full
    } else {
        chosen.unwrap_or(AccountsRegime::Simplified)
    }
}

/// The day from which the reserve fund is mandatory: five years after the provisional
/// acceptance of the common parts (art. 3.86 §3).
pub fn reserve_fund_mandatory_from(provisional_acceptance: NaiveDate) -> NaiveDate {
    provisional_acceptance
        .with_year(provisional_acceptance.year() + 5)
        .unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(provisional_acceptance.year() + 5, 3, 1).expect("1 March")
        })
}

/// The legal notice of a convocation: 15 days (art. 3.87 §3).
pub const LEGAL_NOTICE_DAYS: u32 = 15;

/// The rules of procedure as typed, with the association's choice of accounts and the
/// provisional acceptance date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AssociationRulesInput {
    /// `MM-DD`: the first day of the 15-day window of the ordinary assembly.
    pub assembly_window_start: String,
    /// Days of notice the rules set, 15 or more; empty for the legal 15.
    pub notice_days: String,
    /// `true` when the rules allow taking part from a distance.
    pub remote_participation: bool,
    /// `full` or `simplified`; empty to follow the law's default.
    pub accounts_regime: String,
    /// `YYYY-MM-DD`: the provisional acceptance of the common parts.
    pub provisional_acceptance_on: String,
    pub version: i32,
}

/// Validated rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociationRules {
    pub assembly_window_start: Option<(u32, u32)>,
    pub notice_days: Option<u32>,
    pub remote_participation: bool,
    pub accounts_regime: Option<AccountsRegime>,
    pub provisional_acceptance_on: Option<NaiveDate>,
}

/// `MM-DD` of a real day of a leap year.
pub fn parse_month_day(raw: &str) -> Result<Option<(u32, u32)>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let (m, d) = value.split_once('-').ok_or("month_day.invalid")?;
    let (m, d): (u32, u32) = (
        m.parse().map_err(|_| "month_day.invalid")?,
        d.parse().map_err(|_| "month_day.invalid")?,
    );
    NaiveDate::from_ymd_opt(2024, m, d)
        .map(|_| Some((m, d)))
        .ok_or("month_day.invalid")
}

impl AssociationRulesInput {
    pub fn validate(&self, today: NaiveDate) -> Result<AssociationRules, AppError> {
        let mut v = Validator::new();
        let window = v.check(
            "assembly_window_start",
            parse_month_day(&self.assembly_window_start),
        );
        let notice = v.check(
            "notice_days",
            match self.notice_days.trim() {
                "" => Ok(None),
                raw => raw
                    .parse::<u32>()
                    .map_err(|_| "notice_days.invalid")
                    .and_then(|n| {
                        if n < LEGAL_NOTICE_DAYS {
                            Err("notice_days.below_legal")
                        } else if n > 90 {
                            Err("notice_days.invalid")
                        } else {
                            Ok(Some(n))
                        }
                    }),
            },
        );
        let regime = v.check(
            "accounts_regime",
            AccountsRegime::parse(&self.accounts_regime),
        );
        let acceptance = v.check(
            "provisional_acceptance_on",
            if self.provisional_acceptance_on.trim().is_empty() {
                Ok(None)
            } else {
                super::holding::not_after(&self.provisional_acceptance_on, today).map(Some)
            },
        );
        v.finish()?;
        Ok(AssociationRules {
            assembly_window_start: window.expect("checked"),
            notice_days: notice.expect("checked"),
            remote_participation: self.remote_participation,
            accounts_regime: regime.expect("checked"),
            provisional_acceptance_on: acceptance.expect("checked"),
        })
    }
}

/// What needs the syndic's attention in the association's facts on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssociationAlert {
    /// No syndic's mandate covers the day.
    NoSyndic,
    /// The syndic's mandate ends within 90 days: the assembly must renew or replace it.
    SyndicMandateEnding,
    /// 20 counted lots or more and no council member in office.
    CouncilMissing,
    /// No auditor designated for the fiscal year under way.
    NoAuditor,
    /// The reserve fund is mandatory and the building has no open reserve account.
    ReserveFundRequired,
}

/// The association's facts on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssociationFacts {
    pub as_of: NaiveDate,
    pub mandates: Vec<Mandate>,
    pub council_required: bool,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub accounts_regime: AccountsRegime,
    /// The choice the association made, if any.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub accounts_regime_chosen: Option<AccountsRegime>,
    pub provisional_acceptance_on: Option<NaiveDate>,
    pub reserve_fund_mandatory_from: Option<NaiveDate>,
    /// `MM-DD`.
    pub assembly_window_start: Option<String>,
    pub notice_days: u32,
    pub remote_participation: bool,
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub alerts: Vec<AssociationAlert>,
    /// The building's version, for editing the rules.
    pub version: i32,
}

/// The alerts of the facts on `date`: `fiscal_year` is the one under way then,
/// `reserve_account_open` whether an open reserve account exists.
pub fn alerts(
    mandates: &[Mandate],
    date: NaiveDate,
    council_required: bool,
    fiscal_year: i32,
    reserve_from: Option<NaiveDate>,
    reserve_account_open: bool,
) -> Vec<AssociationAlert> {
    let mut alerts = Vec::new();
    match mandates
        .iter()
        .find(|m| m.role == MandateRole::Syndic && m.in_force(date))
    {
        None => alerts.push(AssociationAlert::NoSyndic),
        Some(m)
            if (m.ends_on - date).num_days() <= 90
                && !mandates
                    .iter()
                    .any(|n| n.role == MandateRole::Syndic && n.starts_on > m.ends_on) =>
        {
            alerts.push(AssociationAlert::SyndicMandateEnding)
        }
        Some(_) => {}
    }
    let council = mandates
        .iter()
        .any(|m| m.role.needs_owner() && m.in_force(date));
    if council_required && !council {
        alerts.push(AssociationAlert::CouncilMissing);
    }
    if !mandates
        .iter()
        .any(|m| m.role == MandateRole::Auditor && m.fiscal_year == Some(fiscal_year))
    {
        alerts.push(AssociationAlert::NoAuditor);
    }
    if reserve_from.is_some_and(|from| from <= date) && !reserve_account_open {
        alerts.push(AssociationAlert::ReserveFundRequired);
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn mandate(role: &str, starts: &str, ends: &str) -> MandateInput {
        MandateInput {
            role: role.into(),
            holder_name: "Syndic Dupont SRL".into(),
            starts_on: starts.into(),
            ends_on: ends.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_syndic_is_appointed_for_three_years_at_most() {
        assert_eq!(syndic_last_day(d(2024, 1, 1)), d(2026, 12, 31));
        assert_eq!(syndic_last_day(d(2024, 2, 29)), d(2027, 2, 28));
        assert!(
            mandate("syndic", "2024-01-01", "2026-12-31")
                .validate()
                .is_ok()
        );
        for too_long in ["2027-01-01", "2027-12-31"] {
            let err = mandate("syndic", "2024-01-01", too_long)
                .validate()
                .unwrap_err();
            assert_eq!(
                err.fields().unwrap()["ends_on"],
                ["mandate.syndic_over_three_years"]
            );
        }
        let backwards = mandate("syndic", "2024-01-01", "2023-12-31")
            .validate()
            .unwrap_err();
        assert_eq!(
            backwards.fields().unwrap()["ends_on"],
            ["mandate.ends_before_start"]
        );
        // The council's terms are not capped here, its members are owners.
        let council = MandateInput {
            holder_name: String::new(),
            ..mandate("council_member", "2024-01-01", "2028-12-31")
        };
        assert_eq!(
            council.validate().unwrap_err().fields().unwrap()["owner_id"],
            ["mandate.council_needs_owner"]
        );
        let auditor = mandate("auditor", "2026-01-01", "2026-12-31");
        assert_eq!(
            auditor.validate().unwrap_err().fields().unwrap()["fiscal_year"],
            ["mandate.auditor_needs_year"]
        );
        assert!(overlaps(
            (d(2024, 1, 1), d(2024, 12, 31)),
            (d(2024, 12, 31), d(2025, 6, 1))
        ));
        assert!(!overlaps(
            (d(2024, 1, 1), d(2024, 12, 30)),
            (d(2024, 12, 31), d(2025, 6, 1))
        ));
    }

    #[test]
    fn accounts_reserve_fund_and_notice_follow_the_law() {
        assert_eq!(
            accounts_regime(20, Some(AccountsRegime::Simplified)),
            AccountsRegime::Full
        );
        assert_eq!(accounts_regime(19, None), AccountsRegime::Simplified);
        assert_eq!(
            accounts_regime(5, Some(AccountsRegime::Full)),
            AccountsRegime::Full
        );
        assert_eq!(reserve_fund_mandatory_from(d(2019, 3, 1)), d(2024, 3, 1));
        assert_eq!(reserve_fund_mandatory_from(d(2020, 2, 29)), d(2025, 3, 1));
        let today = d(2026, 12, 1);
        let rules = |notice: &str| AssociationRulesInput {
            notice_days: notice.into(),
            ..Default::default()
        };
        assert_eq!(rules("").validate(today).unwrap().notice_days, None);
        assert_eq!(rules("21").validate(today).unwrap().notice_days, Some(21));
        assert_eq!(
            rules("14").validate(today).unwrap_err().fields().unwrap()["notice_days"],
            ["notice_days.below_legal"]
        );
        assert_eq!(parse_month_day("02-29"), Ok(Some((2, 29))));
        assert_eq!(parse_month_day("13-01"), Err("month_day.invalid"));
    }

    #[test]
    fn alerts_say_what_the_association_lacks() {
        let syndic = Mandate {
            id: Uuid::nil(),
            role: MandateRole::Syndic,
            holder_name: "S".into(),
            owner_id: None,
            starts_on: d(2024, 1, 1),
            ends_on: d(2026, 12, 31),
            decided_on: None,
            fiscal_year: None,
            version: 1,
        };
        let auditor = Mandate {
            role: MandateRole::Auditor,
            fiscal_year: Some(2026),
            ..syndic.clone()
        };
        let all = [syndic.clone(), auditor];
        assert_eq!(alerts(&all, d(2026, 6, 1), false, 2026, None, true), []);
        assert_eq!(
            alerts(&all, d(2026, 11, 1), true, 2026, Some(d(2026, 1, 1)), false),
            [
                AssociationAlert::SyndicMandateEnding,
                AssociationAlert::CouncilMissing,
                AssociationAlert::ReserveFundRequired
            ]
        );
        assert_eq!(
            alerts(&[syndic], d(2027, 1, 1), false, 2027, None, true),
            [AssociationAlert::NoSyndic, AssociationAlert::NoAuditor]
        );
    }
}
