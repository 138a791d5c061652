//! Quotes-parts: each lot's share of the common parts, an integer in the building's unit
//! (e.g. thousandths), and the building's total of them.
//!
//! Both are fixed by the basic deed and change only by a later deed, by a decision of the
//! general assembly recorded by notarial deed (unanimity, or the majority of a decision that
//! makes the change necessary), or by a judgment (art. 3.85 §1 and 3.88 §1 Civil Code, see
//! DOMAIN.md "Lots, shares, voting weight"). So they are kept as dated periods with their
//! basis, never overwritten: an assembly of 2024 and the charges of 2023 keep the figures
//! that were in force then.
//!
//! How an unbalanced building votes (the lots' quotes-parts do not add up to the total of an
//! old deed): the issue of the register asks to decide and document it, the Code is silent.
//! Each lot weighs its own quote-part, as the deed gives it; the quorum's half of the
//! quotes-parts (art. 3.87 §5) is counted against the larger of the stated total and the
//! sum assigned ([`quorum_base`]), so a deed's error never makes a quorum easier to reach,
//! and an assembly is never blocked by it: it is warned, and the minutes say the rule.

use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "difference", rename_all = "snake_case")]
pub enum QuotaBalance {
    Balanced,
    /// Quotes-parts still to assign to lots.
    Missing(u64),
    /// Quotes-parts assigned beyond the building's total.
    Excess(u64),
}

impl QuotaBalance {
    /// Compares the lots' quotes-parts with the building's total.
    pub fn of(total: u64, lots: impl IntoIterator<Item = u64>) -> QuotaBalance {
        let assigned: u64 = lots.into_iter().sum();
        match assigned.cmp(&total) {
            std::cmp::Ordering::Equal => QuotaBalance::Balanced,
            std::cmp::Ordering::Less => QuotaBalance::Missing(total - assigned),
            std::cmp::Ordering::Greater => QuotaBalance::Excess(assigned - total),
        }
    }

    /// The balance on `date` of a building's periods: its total and its lots' quotes-parts.
    pub fn on(totals: &[QuotaPeriod], lots: &[QuotaPeriod], date: NaiveDate) -> QuotaBalance {
        QuotaBalance::of(
            value_on(totals, date).unwrap_or(0),
            lots.iter().filter(|p| p.covers(date)).map(|p| p.quota),
        )
    }

    pub fn is_balanced(self) -> bool {
        self == QuotaBalance::Balanced
    }

    /// Charges are split by quotes-parts: a building whose lots do not add up to its total
    /// cannot be charged until the register is complete (votes are not blocked: see the
    /// module's note and [`quorum_base`]).
    pub fn require_balanced(self) -> Result<(), crate::domain::AppError> {
        if self.is_balanced() {
            Ok(())
        } else {
            Err(crate::domain::AppError::Conflict(
                "conflict.quotas_unbalanced".into(),
            ))
        }
    }
}

/// The quotes-parts a quorum is counted against: the larger of the deed's total and the
/// quotes-parts assigned to lots (the rule chosen for unbalanced buildings, module note).
pub fn quorum_base(total: u64, assigned: u64) -> u64 {
    total.max(assigned)
}

/// A lot's quote-part: a positive integer no larger than the building's total.
pub fn parse_quota(raw: &str, building_total: u64) -> Result<u64, &'static str> {
    let value: u64 = raw.trim().parse().map_err(|_| "quota.invalid")?;
    if value == 0 {
        return Err("quota.zero");
    }
    if value > building_total {
        return Err("quota.over_total");
    }
    Ok(value)
}

/// What a period of quotes-parts rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaBasis {
    /// The basic deed or a deed amending it.
    Deed,
    /// A decision of the general assembly (recorded by notarial deed).
    Decision,
    /// A judgment (e.g. the judge's rectification of the distribution, art. 3.88 §1 2°).
    Judgment,
}

impl QuotaBasis {
    pub const ALL: [QuotaBasis; 3] = [QuotaBasis::Deed, QuotaBasis::Decision, QuotaBasis::Judgment];

    pub fn as_str(self) -> &'static str {
        match self {
            QuotaBasis::Deed => "deed",
            QuotaBasis::Decision => "decision",
            QuotaBasis::Judgment => "judgment",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        if value.is_empty() {
            return Err("quota_basis.required");
        }
        QuotaBasis::ALL
            .into_iter()
            .find(|b| b.as_str() == value)
            .ok_or("quota_basis.invalid")
    }
}

/// One period of a lot's quote-part or of a building's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuotaPeriod {
    pub quota: u64,
    /// `None`: since the basic deed, the beginning of the register.
    pub valid_from: Option<NaiveDate>,
    /// Exclusive; `None` while in force.
    pub valid_to: Option<NaiveDate>,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub basis: QuotaBasis,
    /// The deed's, decision's or judgment's reference (empty for the figures of the basic
    /// deed entered with the register).
    pub reference: Option<String>,
    pub basis_date: Option<NaiveDate>,
}

impl QuotaPeriod {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date < to)
    }
}

/// The value in force on `date`, if any period covers it.
pub fn value_on(periods: &[QuotaPeriod], date: NaiveDate) -> Option<u64> {
    periods.iter().find(|p| p.covers(date)).map(|p| p.quota)
}

/// The dated basis of a change, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BasisInput {
    /// `deed`, `decision` or `judgment`.
    pub kind: String,
    /// The deed's (notary, repertory number), decision's or judgment's reference.
    pub reference: String,
    /// `YYYY-MM-DD`: when the deed was signed, the decision taken or the judgment given.
    pub date: String,
}

/// A validated basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub kind: QuotaBasis,
    pub reference: String,
    pub date: NaiveDate,
}

impl BasisInput {
    /// Checks the basis into `v` under `basis.*`; it cannot be dated after `today` (a
    /// decision not yet taken is not a basis).
    pub fn check(&self, v: &mut Validator, today: NaiveDate) -> Option<Basis> {
        let kind = v.check("basis.kind", QuotaBasis::parse(&self.kind));
        let reference = self.reference.trim();
        if reference.is_empty() {
            v.add("basis.reference", "quota_basis.reference_required");
        } else if reference.chars().count() > 200 {
            v.add("basis.reference", "text.too_long");
        }
        let date = v.check("basis.date", super::holding::not_after(&self.date, today));
        // With a reference refused, `finish` fails: what is returned here is not used.
        Some(Basis {
            kind: kind?,
            reference: reference.to_owned(),
            date: date?,
        })
    }
}

/// A dated change of a lot's quote-part or of a building's total, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct QuotaChangeInput {
    /// The new figure, an integer in the building's unit.
    pub quota: String,
    /// `YYYY-MM-DD`: from when the new figure is in force.
    pub valid_from: String,
    pub basis: BasisInput,
}

/// A validated change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaChange {
    pub quota: u64,
    pub from: NaiveDate,
    pub basis: Basis,
}

impl QuotaChangeInput {
    /// `parse` reads the figure: [`parse_quota`] for a lot, the total's parser for a
    /// building.
    pub fn validate(
        &self,
        parse: impl Fn(&str) -> Result<u64, &'static str>,
        today: NaiveDate,
    ) -> Result<QuotaChange, AppError> {
        let mut v = Validator::new();
        let quota = v.check("quota", parse(&self.quota));
        let from = v.check("valid_from", super::holding::parse_date(&self.valid_from));
        let basis = self.basis.check(&mut v, today);
        v.finish()?;
        Ok(QuotaChange {
            quota: quota.expect("checked"),
            from: from.expect("checked"),
            basis: basis.expect("checked"),
        })
    }
}

/// Where a change starting on `from` goes: it closes the open period, which must have
/// started before `from`. Changes are appended in date order; one dated before the last
/// recorded change would rewrite a past that assemblies and charges already read.
pub fn open_period_for(periods: &[QuotaPeriod], from: NaiveDate) -> Result<usize, &'static str> {
    let open = periods
        .iter()
        .position(|p| p.valid_to.is_none())
        .ok_or("quota.not_in_force")?;
    if periods[open].valid_from.is_some_and(|start| from <= start) {
        return Err("quota.change_not_after_last");
    }
    Ok(open)
}

/// `periods` with the change applied: the open period ends on `from`, a new one starts.
pub fn apply_change(
    periods: &[QuotaPeriod],
    change: &QuotaChange,
) -> Result<Vec<QuotaPeriod>, &'static str> {
    let open = open_period_for(periods, change.from)?;
    let mut next = periods.to_vec();
    next[open].valid_to = Some(change.from);
    next.push(QuotaPeriod {
        quota: change.quota,
        valid_from: Some(change.from),
        valid_to: None,
        basis: change.basis.kind,
        reference: Some(change.basis.reference.clone()),
        basis_date: Some(change.basis.date),
    });
    Ok(next)
}

/// The first date on which the lots' quotes-parts exceed the building's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excess {
    /// `None`: from the basic deed.
    pub on: Option<NaiveDate>,
    pub assigned: u64,
    pub total: u64,
}

/// The total can never fall below the quotes-parts assigned on a date: checked on every
/// date where either changes (both are constant between the starts and ends of periods).
pub fn first_excess(totals: &[QuotaPeriod], lots: &[QuotaPeriod]) -> Option<Excess> {
    let mut dates: Vec<Option<NaiveDate>> = totals
        .iter()
        .chain(lots)
        .flat_map(|p| [p.valid_from, p.valid_to])
        .filter(Option::is_some)
        .collect();
    dates.push(None);
    dates.sort();
    dates.dedup();
    dates.into_iter().find_map(|on| {
        let date = on.unwrap_or(NaiveDate::MIN);
        let total = value_on(totals, date).unwrap_or(0);
        let assigned: u64 = lots
            .iter()
            .filter(|p| p.covers(date))
            .map(|p| p.quota)
            .sum();
        (assigned > total).then_some(Excess {
            on,
            assigned,
            total,
        })
    })
}

/// A building's total over time and its balance with the lots on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuotaOverview {
    pub as_of: NaiveDate,
    /// The total in force on `as_of`.
    pub total: u64,
    /// The quotes-parts of the lots that existed on `as_of`.
    pub assigned: u64,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub balance: QuotaBalance,
    /// What a quorum's half of the quotes-parts is counted against ([`quorum_base`]).
    pub quorum_base: u64,
    /// The total's periods, newest first.
    pub totals: Vec<QuotaPeriod>,
}

/// No period ends before it starts, and no two of one series overlap.
pub fn well_formed(periods: &[QuotaPeriod]) -> bool {
    let mut sorted: Vec<&QuotaPeriod> = periods.iter().collect();
    sorted.sort_by_key(|p| p.valid_from);
    sorted.iter().all(|p| match (p.valid_from, p.valid_to) {
        (Some(from), Some(to)) => from < to,
        _ => true,
    }) && sorted
        .windows(2)
        .all(|w| match (w[0].valid_to, w[1].valid_from) {
            (Some(end), Some(start)) => end <= start,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn balance_states() {
        assert_eq!(
            QuotaBalance::of(1000, [500, 200, 100, 100, 100]),
            QuotaBalance::Balanced
        );
        assert_eq!(
            QuotaBalance::of(1000, [500, 200]),
            QuotaBalance::Missing(300)
        );
        assert_eq!(
            QuotaBalance::of(1000, [900, 200]),
            QuotaBalance::Excess(100)
        );
        assert_eq!(QuotaBalance::of(1000, []), QuotaBalance::Missing(1000));
        assert!(QuotaBalance::Balanced.require_balanced().is_ok());
        assert_eq!(
            QuotaBalance::Missing(3).require_balanced(),
            Err(crate::domain::AppError::Conflict(
                "conflict.quotas_unbalanced".into()
            ))
        );
    }

    #[test]
    fn quotas_are_positive_and_within_the_total() {
        assert_eq!(parse_quota("125", 1000), Ok(125));
        assert_eq!(parse_quota("0", 1000), Err("quota.zero"));
        assert_eq!(parse_quota("-3", 1000), Err("quota.invalid"));
        assert_eq!(parse_quota("1001", 1000), Err("quota.over_total"));
        assert_eq!(parse_quota("12.5", 1000), Err("quota.invalid"));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn deed(quota: u64) -> QuotaPeriod {
        QuotaPeriod {
            quota,
            valid_from: None,
            valid_to: None,
            basis: QuotaBasis::Deed,
            reference: None,
            basis_date: None,
        }
    }

    fn change(quota: u64, from: NaiveDate) -> QuotaChange {
        QuotaChange {
            quota,
            from,
            basis: Basis {
                kind: QuotaBasis::Decision,
                reference: "AG 2024-05-12, point 7".into(),
                date: from,
            },
        }
    }

    #[test]
    fn a_change_closes_the_open_period_and_keeps_the_past() {
        let periods = apply_change(&[deed(100)], &change(120, d(2024, 6, 1))).unwrap();
        assert_eq!(value_on(&periods, d(2024, 5, 31)), Some(100));
        assert_eq!(value_on(&periods, d(2024, 6, 1)), Some(120));
        assert_eq!(value_on(&periods, d(1990, 1, 1)), Some(100));
        assert!(well_formed(&periods));
        // Same day or earlier than the last change: refused, the past is not rewritten.
        assert_eq!(
            apply_change(&periods, &change(130, d(2024, 6, 1))),
            Err("quota.change_not_after_last")
        );
        assert_eq!(
            apply_change(&periods, &change(130, d(2023, 1, 1))),
            Err("quota.change_not_after_last")
        );
        let mut ended = periods.clone();
        ended[1].valid_to = Some(d(2025, 1, 1));
        assert_eq!(
            apply_change(&ended, &change(130, d(2025, 6, 1))),
            Err("quota.not_in_force")
        );
    }

    #[test]
    fn the_total_never_falls_below_the_assigned_quotes_parts() {
        let totals = vec![deed(1000)];
        let lots = vec![deed(600), deed(400)];
        assert_eq!(first_excess(&totals, &lots), None);
        // The total lowered from 2025 while the lots still hold 1000.
        let lowered = apply_change(&totals, &change(900, d(2025, 1, 1))).unwrap();
        assert_eq!(
            first_excess(&lowered, &lots),
            Some(Excess {
                on: Some(d(2025, 1, 1)),
                assigned: 1000,
                total: 900
            })
        );
        // With a lot lowered on the same day, it holds.
        let lots = vec![
            deed(600),
            apply_change(&[deed(400)], &change(300, d(2025, 1, 1)))
                .unwrap()
                .remove(0),
            apply_change(&[deed(400)], &change(300, d(2025, 1, 1)))
                .unwrap()
                .remove(1),
        ];
        assert_eq!(first_excess(&lowered, &lots), None);
        assert_eq!(
            QuotaBalance::on(&lowered, &lots, d(2024, 12, 31)),
            QuotaBalance::Balanced
        );
        assert_eq!(
            QuotaBalance::on(&lowered, &lots, d(2025, 1, 1)),
            QuotaBalance::Balanced
        );
        // From the basic deed on.
        assert_eq!(
            first_excess(&[deed(10)], &[deed(11)]).map(|e| e.on),
            Some(None)
        );
    }

    #[test]
    fn a_basis_is_required_and_not_in_the_future() {
        let today = d(2026, 12, 1);
        let input = QuotaChangeInput {
            quota: "120".into(),
            valid_from: "2026-01-01".into(),
            basis: BasisInput {
                kind: "decision".into(),
                reference: "AG 2025-11-20".into(),
                date: "2025-11-20".into(),
            },
        };
        let parse = |raw: &str| parse_quota(raw, 1000);
        assert_eq!(input.validate(parse, today).unwrap().quota, 120);
        let missing = QuotaChangeInput {
            basis: BasisInput::default(),
            ..input.clone()
        };
        let err = missing.validate(parse, today).unwrap_err();
        let fields = err.fields().unwrap();
        assert_eq!(fields["basis.kind"], ["quota_basis.required"]);
        assert_eq!(
            fields["basis.reference"],
            ["quota_basis.reference_required"]
        );
        assert_eq!(fields["basis.date"], ["date.required"]);
        let future = QuotaChangeInput {
            basis: BasisInput {
                date: "2026-12-02".into(),
                ..input.basis.clone()
            },
            ..input.clone()
        };
        assert_eq!(
            future.validate(parse, today).unwrap_err().fields().unwrap()["basis.date"],
            ["date.future"]
        );
        assert_eq!(quorum_base(1000, 990), 1000);
        assert_eq!(quorum_base(1000, 1010), 1010);
    }

    proptest! {
        /// Any sequence of dated changes keeps the series well formed, every past value
        /// unchanged and each change's value from its date.
        #[test]
        fn dated_changes_keep_the_history(steps in proptest::collection::vec((1u64..5_000, 1i64..2_000), 0..30)) {
            let mut periods = vec![deed(1000)];
            let mut date = d(2000, 1, 1);
            let mut seen: Vec<(NaiveDate, u64)> = vec![(d(1999, 12, 31), 1000)];
            for (quota, gap) in steps {
                date += chrono::Duration::days(gap);
                let before = periods.clone();
                periods = apply_change(&periods, &change(quota, date)).unwrap();
                prop_assert!(well_formed(&periods));
                let ordered = periods.iter().all(|p| match (p.valid_from, p.valid_to) { (Some(f), Some(t)) => f < t, _ => true });
                prop_assert!(ordered);
                for (day, value) in &seen {
                    prop_assert_eq!(value_on(&periods, *day), Some(*value));
                    prop_assert_eq!(value_on(&before, *day), Some(*value));
                }
                seen.push((date, quota));
                prop_assert_eq!(value_on(&periods, date - chrono::Duration::days(1)), value_on(&before, date - chrono::Duration::days(1)));
            }
        }

        /// `first_excess` finds a date exactly when some day has more assigned than total.
        #[test]
        fn excess_is_found_on_the_day_it_happens(
            lots in proptest::collection::vec((1u64..400, proptest::option::of(0i64..3_000)), 1..8),
            total in 100u64..2_000,
            lower in proptest::option::of((1u64..2_000, 0i64..3_000)),
        ) {
            let base = d(2000, 1, 1);
            let mut totals = vec![deed(total)];
            if let Some((quota, day)) = lower {
                totals = apply_change(&totals, &change(quota, base + chrono::Duration::days(day))).unwrap();
            }
            let lot_periods: Vec<QuotaPeriod> = lots.iter().map(|(quota, end)| QuotaPeriod {
                valid_to: end.map(|e| base + chrono::Duration::days(e)),
                ..deed(*quota)
            }).collect();
            let brute = (-1..3_001).map(|i| base + chrono::Duration::days(i)).find(|day| {
                let assigned: u64 = lot_periods.iter().filter(|p| p.covers(*day)).map(|p| p.quota).sum();
                assigned > value_on(&totals, *day).unwrap_or(0)
            });
            prop_assert_eq!(first_excess(&totals, &lot_periods).is_some(), brute.is_some());
        }
    }

    proptest! {
        #[test]
        fn balance_is_the_exact_difference(total in 1u64..100_000, lots in proptest::collection::vec(1u64..5_000, 0..40)) {
            let assigned: u64 = lots.iter().sum();
            match QuotaBalance::of(total, lots) {
                QuotaBalance::Balanced => prop_assert_eq!(assigned, total),
                QuotaBalance::Missing(m) => prop_assert_eq!(assigned + m, total),
                QuotaBalance::Excess(e) => prop_assert_eq!(assigned, total + e),
            }
        }
    }
}
