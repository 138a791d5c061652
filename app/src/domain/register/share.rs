//! Who holds a lot, in which right, for which share, over time. Shares are exact fractions
//! (1/3 stays 1/3).
//!
//! A lot's ownership can be split (art. 3.87 §1 Civil Code names usufruct, emphyteusis, the
//! building right, the right of use and the right of habitation; Book 3 title 5, art. 3.138 ff.
//! (?)): whoever holds such a right enjoys the lot while the owner keeps the *bare* (encumbered)
//! ownership of it. So a lot has two sides that must each make exactly 100% on every date:
//! - ownership: full ownership + bare ownership;
//! - enjoyment: full ownership + usufruct + emphyteusis + building right + use + habitation.
//!
//! That covers a lot held whole, a lot split between a bare owner and a usufructuary or an
//! emphyteutic lessee, and a mix after a succession (half held whole, half dismembered). One
//! right encumbering another (a usufruct of an emphyteusis) is not modelled: the register
//! records the right held in the lot, not the chain behind it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A share in (0, 1], kept reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "(u64, u64)", into = "(u64, u64)")]
pub struct Share {
    numerator: u64,
    denominator: u64,
}

impl Share {
    pub const WHOLE: Share = Share {
        numerator: 1,
        denominator: 1,
    };

    /// The finest share a register holds: a billionth. Real deeds use at most a few digits
    /// (1/3, 1/12, 5000bp); the bound keeps sums exact and small in any integer type.
    pub const MAX_DENOMINATOR: u64 = 1_000_000_000;

    pub fn new(numerator: u64, denominator: u64) -> Result<Self, &'static str> {
        if denominator == 0 || numerator == 0 {
            return Err("share.zero");
        }
        if denominator > Self::MAX_DENOMINATOR {
            return Err("share.too_fine");
        }
        if numerator > denominator {
            return Err("share.over_whole");
        }
        let g = gcd(numerator, denominator);
        Ok(Share {
            numerator: numerator / g,
            denominator: denominator / g,
        })
    }

    /// `1/2`, `50%`, `33.33%` is refused (not exact), `5000bp` (basis points), `1`.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().replace(' ', "");
        if value.is_empty() {
            return Err("share.required");
        }
        let number = |s: &str| s.parse::<u64>().map_err(|_| "share.invalid");
        if let Some((n, d)) = value.split_once('/') {
            return Share::new(number(n)?, number(d)?);
        }
        if let Some(percent) = value.strip_suffix('%') {
            return Share::new(number(percent)?, 100);
        }
        if let Some(bp) = value.strip_suffix("bp") {
            return Share::new(number(bp)?, 10_000);
        }
        Share::new(number(&value)?, 1)
    }

    pub fn numerator(self) -> u64 {
        self.numerator
    }

    pub fn denominator(self) -> u64 {
        self.denominator
    }
}

impl TryFrom<(u64, u64)> for Share {
    type Error = &'static str;
    fn try_from((n, d): (u64, u64)) -> Result<Self, Self::Error> {
        Share::new(n, d)
    }
}

impl From<Share> for (u64, u64) {
    fn from(share: Share) -> Self {
        (share.numerator, share.denominator)
    }
}

impl std::fmt::Display for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.denominator == 1 {
            write!(f, "100%")
        } else {
            write!(f, "{}/{}", self.numerator, self.denominator)
        }
    }
}

/// An exact sum of shares, as a fraction that may exceed 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sum {
    numerator: u128,
    denominator: u128,
}

impl Sum {
    const ZERO: Sum = Sum {
        numerator: 0,
        denominator: 1,
    };

    /// `None` when the exact sum no longer fits (many shares with large coprime
    /// denominators); such a sum is not a whole either.
    fn add(self, share: Share) -> Option<Sum> {
        let (n, d) = (u128::from(share.numerator), u128::from(share.denominator));
        let numerator = self
            .numerator
            .checked_mul(d)?
            .checked_add(n.checked_mul(self.denominator)?)?;
        let denominator = self.denominator.checked_mul(d)?;
        let g = gcd128(numerator, denominator);
        Some(Sum {
            numerator: numerator / g,
            denominator: denominator / g,
        })
    }

    fn is_whole(self) -> bool {
        self.numerator == self.denominator
    }
}

fn gcd128(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Right {
    FullOwnership,
    /// The ownership that remains under any split right (nue-propriété, tréfonds).
    BareOwnership,
    Usufruct,
    Emphyteusis,
    /// Droit de superficie / opstalrecht.
    BuildingRight,
    RightOfUse,
    RightOfHabitation,
}

impl Right {
    /// Counts on the ownership side of a lot (with full ownership, it must make 100%).
    pub fn is_ownership(self) -> bool {
        matches!(self, Right::FullOwnership | Right::BareOwnership)
    }

    /// Counts on the enjoyment side of a lot (with full ownership, it must make 100%).
    pub fn is_enjoyment(self) -> bool {
        !matches!(self, Right::BareOwnership)
    }
}

/// One ownership of one lot, valid from `from` (included) to `to` (excluded; open if None).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub owner: uuid::Uuid,
    pub right: Right,
    pub share: Share,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Holding {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

/// The first date at which a lot's holdings do not add up to a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareGap {
    pub from: NaiveDate,
}

/// Checks a lot's whole history: from its first holding on, at every date, both sides of the
/// lot (ownership and enjoyment, see the module) make 100%. Returns the first date where
/// that fails. Periods must not end before they start.
pub fn check_holdings(holdings: &[Holding]) -> Result<(), ShareGap> {
    // The sums only change where a period starts or ends.
    let boundaries: BTreeSet<NaiveDate> = holdings
        .iter()
        .flat_map(|h| std::iter::once(h.from).chain(h.to))
        .collect();
    for date in boundaries {
        let side = |counts: fn(Right) -> bool| {
            holdings
                .iter()
                .filter(|h| counts(h.right) && h.covers(date))
                .try_fold(Sum::ZERO, |sum, h| sum.add(h.share))
        };
        let whole = |sum: Option<Sum>| sum.is_some_and(Sum::is_whole);
        if !whole(side(Right::is_ownership)) || !whole(side(Right::is_enjoyment)) {
            return Err(ShareGap { from: date });
        }
    }
    Ok(())
}

/// A lot changing hands (sale, inheritance, donation) on `date`: the holdings of `sellers`
/// still open that day end the day before (their `to` becomes `date`), `acquirers` start on
/// `date`. Nothing is overwritten: earlier periods stay as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub date: NaiveDate,
    pub sellers: Vec<uuid::Uuid>,
    pub acquirers: Vec<(uuid::Uuid, Right, Share)>,
}

/// What a transfer changes: indexes of the holdings to close on `date`, and the new ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferPlan {
    pub close: Vec<usize>,
    pub open: Vec<Holding>,
}

/// Plans a transfer against a lot's history, refusing one that would leave the lot without
/// exactly 100% at any date, or that goes back before the sellers' own acquisition.
pub fn plan_transfer(
    history: &[Holding],
    transfer: &Transfer,
) -> Result<TransferPlan, &'static str> {
    if transfer.sellers.is_empty() || transfer.acquirers.is_empty() {
        return Err("transfer.parties_required");
    }
    let close: Vec<usize> = history
        .iter()
        .enumerate()
        .filter(|(_, h)| transfer.sellers.contains(&h.owner) && h.covers(transfer.date))
        .map(|(i, _)| i)
        .collect();
    if close.is_empty() {
        return Err("transfer.seller_holds_nothing");
    }
    if close.iter().any(|&i| history[i].from >= transfer.date) {
        return Err("transfer.before_acquisition");
    }
    // Holdings that start later than the transfer would be rewritten history.
    if history.iter().any(|h| h.from > transfer.date) {
        return Err("transfer.later_history_exists");
    }
    let open: Vec<Holding> = transfer
        .acquirers
        .iter()
        .map(|(owner, right, share)| Holding {
            owner: *owner,
            right: *right,
            share: *share,
            from: transfer.date,
            to: None,
        })
        .collect();
    let mut after: Vec<Holding> = history.to_vec();
    for &i in &close {
        after[i].to = Some(transfer.date);
    }
    after.extend(open.iter().cloned());
    check_holdings(&after).map_err(|_| "transfer.shares_not_whole")?;
    Ok(TransferPlan { close, open })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn holding(right: Right, share: &str, from: NaiveDate, to: Option<NaiveDate>) -> Holding {
        Holding {
            owner: uuid::Uuid::now_v7(),
            right,
            share: Share::parse(share).unwrap(),
            from,
            to,
        }
    }

    #[test]
    fn parses_fractions_percentages_and_basis_points() {
        assert_eq!(Share::parse("1/2"), Share::new(1, 2));
        assert_eq!(Share::parse("50%"), Share::new(1, 2));
        assert_eq!(Share::parse("5000bp"), Share::new(1, 2));
        assert_eq!(Share::parse("2/6").unwrap(), Share::new(1, 3).unwrap());
        assert_eq!(Share::parse("1"), Ok(Share::WHOLE));
        assert_eq!(Share::parse("0/3"), Err("share.zero"));
        assert_eq!(Share::parse("4/3"), Err("share.over_whole"));
        assert_eq!(Share::parse("33.33%"), Err("share.invalid"));
        assert_eq!(Share::parse(""), Err("share.required"));
        assert_eq!(Share::parse("1/0"), Err("share.zero"));
    }

    #[test]
    fn thirds_add_up_exactly() {
        let start = day(2020, 1, 1);
        let h = [
            holding(Right::FullOwnership, "1/3", start, None),
            holding(Right::FullOwnership, "1/3", start, None),
            holding(Right::FullOwnership, "1/3", start, None),
        ];
        assert_eq!(check_holdings(&h), Ok(()));
    }

    #[test]
    fn bare_ownership_and_usufruct_each_make_a_whole() {
        let start = day(2021, 9, 1);
        let h = [
            holding(Right::BareOwnership, "1/2", start, None),
            holding(Right::BareOwnership, "1/2", start, None),
            holding(Right::Usufruct, "1", start, None),
        ];
        assert_eq!(check_holdings(&h), Ok(()));
        let missing_usufruct = &h[..2];
        assert_eq!(
            check_holdings(missing_usufruct),
            Err(ShareGap { from: start })
        );
    }

    #[test]
    fn half_held_whole_and_half_dismembered() {
        let start = day(2022, 3, 15);
        let h = [
            holding(Right::FullOwnership, "1/2", start, None),
            holding(Right::BareOwnership, "1/2", start, None),
            holding(Right::Usufruct, "1/2", start, None),
        ];
        assert_eq!(check_holdings(&h), Ok(()));
    }

    #[test]
    fn a_transfer_closes_one_period_and_opens_the_next_on_the_same_day() {
        let (bought, sold) = (day(2015, 6, 1), day(2024, 2, 20));
        let seller = holding(Right::FullOwnership, "1", bought, Some(sold));
        let buyers = [
            holding(Right::FullOwnership, "1/2", sold, None),
            holding(Right::FullOwnership, "1/2", sold, None),
        ];
        let history = [seller.clone(), buyers[0].clone(), buyers[1].clone()];
        assert_eq!(check_holdings(&history), Ok(()));
        // A gap of one day between the deeds is an error on that day.
        let late = [
            seller,
            holding(Right::FullOwnership, "1", day(2024, 2, 21), None),
        ];
        assert_eq!(check_holdings(&late), Err(ShareGap { from: sold }));
    }

    #[test]
    fn overlapping_periods_exceed_a_whole() {
        let h = [
            holding(
                Right::FullOwnership,
                "1",
                day(2020, 1, 1),
                Some(day(2021, 1, 1)),
            ),
            holding(Right::FullOwnership, "1", day(2020, 6, 1), None),
        ];
        assert_eq!(
            check_holdings(&h),
            Err(ShareGap {
                from: day(2020, 6, 1)
            })
        );
    }

    #[test]
    fn every_split_right_leaves_the_owner_the_bare_ownership() {
        let start = day(2019, 4, 1);
        for right in [
            Right::Usufruct,
            Right::Emphyteusis,
            Right::BuildingRight,
            Right::RightOfUse,
            Right::RightOfHabitation,
        ] {
            let split = [
                holding(Right::BareOwnership, "1", start, None),
                holding(right, "1", start, None),
            ];
            assert_eq!(check_holdings(&split), Ok(()), "{right:?}");
            // The right without the bare owner, or beside a full owner, is not a whole.
            assert!(check_holdings(&split[1..]).is_err(), "{right:?}");
            let doubled = [
                holding(Right::FullOwnership, "1", start, None),
                holding(right, "1", start, None),
            ];
            assert!(check_holdings(&doubled).is_err(), "{right:?}");
        }
    }

    #[test]
    fn different_split_rights_on_parts_of_a_lot_add_up_per_side() {
        let start = day(2023, 1, 1);
        // A quarter held whole; three quarters bare, enjoyed half by emphyteusis and a
        // quarter by a right of habitation.
        let h = [
            holding(Right::FullOwnership, "1/4", start, None),
            holding(Right::BareOwnership, "3/4", start, None),
            holding(Right::Emphyteusis, "1/2", start, None),
            holding(Right::RightOfHabitation, "1/4", start, None),
        ];
        assert_eq!(check_holdings(&h), Ok(()));
        // Usufruct and emphyteusis over the same whole enjoy the lot twice.
        let twice = [
            holding(Right::BareOwnership, "1", start, None),
            holding(Right::Usufruct, "1", start, None),
            holding(Right::Emphyteusis, "1", start, None),
        ];
        assert_eq!(check_holdings(&twice), Err(ShareGap { from: start }));
    }

    #[test]
    fn an_emphyteusis_that_ends_returns_the_full_ownership() {
        let (owner, lessee) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let granted = day(1990, 1, 1);
        let history = vec![
            owned(owner, Right::BareOwnership, "1", granted),
            owned(lessee, Right::Emphyteusis, "1", granted),
        ];
        let end = Transfer {
            date: day(2089, 1, 1),
            sellers: vec![owner, lessee],
            acquirers: vec![(owner, Right::FullOwnership, Share::WHOLE)],
        };
        let plan = plan_transfer(&history, &end).unwrap();
        assert_eq!(plan.close, vec![0, 1]);
        // The lessee alone cannot hand back what the owner keeps.
        let alone = Transfer {
            sellers: vec![lessee],
            ..end
        };
        assert_eq!(
            plan_transfer(&history, &alone),
            Err("transfer.shares_not_whole")
        );
    }

    proptest! {
        /// Any split of a lot into n parts of 1/n each, transferred whole at any later date,
        /// keeps a whole at every date.
        #[test]
        fn equal_splits_and_transfers_stay_whole(n in 1u64..12, days in 1i64..5_000) {
            let start = day(2000, 1, 1);
            let transfer = start + chrono::Duration::days(days);
            let mut h: Vec<Holding> = (0..n)
                .map(|_| Holding { owner: uuid::Uuid::now_v7(), right: Right::FullOwnership, share: Share::new(1, n).unwrap(), from: start, to: Some(transfer) })
                .collect();
            h.push(Holding { owner: uuid::Uuid::now_v7(), right: Right::FullOwnership, share: Share::WHOLE, from: transfer, to: None });
            prop_assert_eq!(check_holdings(&h), Ok(()));
        }

        /// Removing any one part of a split of n ≥ 2 parts breaks the whole.
        #[test]
        fn a_missing_part_is_found(n in 2u64..12, missing in 0usize..12) {
            let start = day(2010, 5, 5);
            let mut h: Vec<Holding> = (0..n)
                .map(|_| Holding { owner: uuid::Uuid::now_v7(), right: Right::FullOwnership, share: Share::new(1, n).unwrap(), from: start, to: None })
                .collect();
            h.remove(missing % n as usize);
            prop_assert_eq!(check_holdings(&h), Err(ShareGap { from: start }));
        }
    }

    fn owned(owner: uuid::Uuid, right: Right, share: &str, from: NaiveDate) -> Holding {
        Holding {
            owner,
            right,
            share: Share::parse(share).unwrap(),
            from,
            to: None,
        }
    }

    #[test]
    fn a_sale_closes_the_sellers_period_and_opens_the_buyers() {
        let (a, b, c) = (
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
        );
        let history = vec![owned(a, Right::FullOwnership, "1", day(2010, 1, 1))];
        let sale = Transfer {
            date: day(2024, 6, 30),
            sellers: vec![a],
            acquirers: vec![
                (b, Right::FullOwnership, Share::parse("1/2").unwrap()),
                (c, Right::FullOwnership, Share::parse("1/2").unwrap()),
            ],
        };
        let plan = plan_transfer(&history, &sale).unwrap();
        assert_eq!(plan.close, vec![0]);
        assert_eq!(plan.open.len(), 2);
        assert!(
            plan.open
                .iter()
                .all(|h| h.from == sale.date && h.to.is_none())
        );
    }

    #[test]
    fn one_co_owner_sells_their_half() {
        let (a, b, c) = (
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
        );
        let start = day(2018, 3, 1);
        let history = vec![
            owned(a, Right::FullOwnership, "1/2", start),
            owned(b, Right::FullOwnership, "1/2", start),
        ];
        let sale = Transfer {
            date: day(2025, 1, 15),
            sellers: vec![a],
            acquirers: vec![(c, Right::FullOwnership, Share::parse("1/2").unwrap())],
        };
        assert_eq!(plan_transfer(&history, &sale).unwrap().close, vec![0]);
        let too_much = Transfer {
            acquirers: vec![(c, Right::FullOwnership, Share::WHOLE)],
            ..sale.clone()
        };
        assert_eq!(
            plan_transfer(&history, &too_much),
            Err("transfer.shares_not_whole")
        );
    }

    #[test]
    fn inheritance_into_bare_ownership_and_usufruct() {
        let (parent, spouse, child) = (
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
        );
        let history = vec![owned(parent, Right::FullOwnership, "1", day(1990, 5, 5))];
        let succession = Transfer {
            date: day(2023, 11, 2),
            sellers: vec![parent],
            acquirers: vec![
                (spouse, Right::Usufruct, Share::WHOLE),
                (child, Right::BareOwnership, Share::WHOLE),
            ],
        };
        assert!(plan_transfer(&history, &succession).is_ok());
    }

    #[test]
    fn dates_out_of_order_and_unknown_sellers_are_refused() {
        let (a, b) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let bought = day(2020, 2, 2);
        let history = vec![owned(a, Right::FullOwnership, "1", bought)];
        let whole = vec![(b, Right::FullOwnership, Share::WHOLE)];
        let before = Transfer {
            date: day(2019, 1, 1),
            sellers: vec![a],
            acquirers: whole.clone(),
        };
        assert_eq!(
            plan_transfer(&history, &before),
            Err("transfer.seller_holds_nothing")
        );
        let same_day = Transfer {
            date: bought,
            sellers: vec![a],
            acquirers: whole.clone(),
        };
        assert_eq!(
            plan_transfer(&history, &same_day),
            Err("transfer.before_acquisition")
        );
        let stranger = Transfer {
            date: day(2024, 1, 1),
            sellers: vec![b],
            acquirers: whole.clone(),
        };
        assert_eq!(
            plan_transfer(&history, &stranger),
            Err("transfer.seller_holds_nothing")
        );
        let nobody = Transfer {
            date: day(2024, 1, 1),
            sellers: vec![a],
            acquirers: vec![],
        };
        assert_eq!(
            plan_transfer(&history, &nobody),
            Err("transfer.parties_required")
        );
    }

    proptest! {
        /// A chain of whole-lot sales keeps every earlier period untouched and the lot whole
        /// at every date.
        #[test]
        fn transfers_keep_history(gaps in proptest::collection::vec(1i64..2_000, 1..8)) {
            let mut owner = uuid::Uuid::now_v7();
            let mut date = day(2000, 1, 1);
            let mut history = vec![owned(owner, Right::FullOwnership, "1", date)];
            for gap in gaps {
                date += chrono::Duration::days(gap);
                let buyer = uuid::Uuid::now_v7();
                let before = history.clone();
                let plan = plan_transfer(&history, &Transfer {
                    date,
                    sellers: vec![owner],
                    acquirers: vec![(buyer, Right::FullOwnership, Share::WHOLE)],
                }).unwrap();
                for &i in &plan.close {
                    history[i].to = Some(date);
                }
                history.extend(plan.open);
                // Earlier periods are the same but for the closing date of the seller's.
                for (old, new) in before.iter().zip(&history) {
                    prop_assert_eq!(old.from, new.from);
                    prop_assert_eq!(old.owner, new.owner);
                    prop_assert_eq!(old.share, new.share);
                }
                prop_assert_eq!(check_holdings(&history), Ok(()));
                owner = buyer;
            }
        }
    }

    #[test]
    fn denominators_are_bounded_and_sums_never_overflow() {
        assert_eq!(Share::new(1, 1_000_000_001), Err("share.too_fine"));
        assert!(Share::new(1, 1_000_000_000).is_ok());
        assert_eq!(
            Share::parse("1/18446744073709551615"),
            Err("share.too_fine")
        );
        // Many large coprime denominators: the exact sum overflows u128, which is "not a
        // whole", not a panic.
        let primes = [
            999_999_937_u64,
            999_999_929,
            999_999_893,
            999_999_883,
            999_999_797,
        ];
        let holdings: Vec<Holding> = primes
            .iter()
            .enumerate()
            .map(|(i, p)| Holding {
                owner: uuid::Uuid::from_u128(i as u128),
                right: Right::FullOwnership,
                share: Share::new(1, *p).unwrap(),
                from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                to: None,
            })
            .collect();
        assert!(check_holdings(&holdings).is_err());
    }
}
