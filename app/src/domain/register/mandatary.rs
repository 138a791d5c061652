//! Who votes for a lot held by several people. When a lot is held in indivision, or its
//! ownership is split (usufruct and bare ownership, emphyteusis, building right, right of use
//! or habitation), its participation in the general assembly is suspended until those
//! concerned designate one mandatary, a holder or a third person, and tell the syndic in
//! writing who it is; the mandatary is convened and receives the association's documents
//! (art. 3.87 §1, second paragraph, Civil Code, ex-577-6 §1; the paragraph number is as
//! recalled, not checked against the official consolidated text here — see DOMAIN.md).
//!
//! The app's rules for the dates, which the law leaves to the facts:
//! - a designation is made by the holders of the lot on the day it takes effect; it ends,
//!   by itself, the day one of those holdings ends (a sale, a death, a division): the new
//!   holders have not designated anyone;
//! - it takes effect no earlier than the syndic received it in writing (a vote already cast
//!   cannot be given to someone else afterwards), and neither date is in the future;
//! - a new designation replaces the one in force from its own date, which must come after
//!   the start of the one it replaces: no period ever ends before it starts.

use super::share::Holding;
use chrono::NaiveDate;
use uuid::Uuid;

/// A designation as the syndic records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Designation {
    /// Any person of the owner directory: a holder or a third person.
    pub mandatary: Uuid,
    pub from: NaiveDate,
    pub received_on: NaiveDate,
}

/// A designation in force from `from` to `to` (excluded; `None`: until a holding changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

fn holders_on(history: &[Holding], date: NaiveDate) -> Vec<&Holding> {
    history.iter().filter(|h| h.covers(date)).collect()
}

/// The distinct people holding the lot on `date`, in a stable order.
fn owners_on(history: &[Holding], date: NaiveDate) -> Vec<Uuid> {
    let mut owners: Vec<Uuid> = holders_on(history, date).iter().map(|h| h.owner).collect();
    owners.sort();
    owners.dedup();
    owners
}

/// The period of a designation over the lot's holdings, or why it cannot be recorded.
pub fn period(
    history: &[Holding],
    designation: &Designation,
    today: NaiveDate,
) -> Result<Period, &'static str> {
    if designation.received_on > today || designation.from > today {
        return Err("date.future");
    }
    if designation.from < designation.received_on {
        return Err("mandatary.before_received");
    }
    match owners_on(history, designation.from).len() {
        0 => return Err("mandatary.lot_not_held"),
        1 => return Err("mandatary.single_holder"),
        _ => {}
    }
    let to = holders_on(history, designation.from)
        .iter()
        .filter_map(|h| h.to)
        .min();
    Ok(Period {
        from: designation.from,
        to,
    })
}

/// The end a new designation from `from` gives the one in force before it.
pub fn replaced(previous: &Period, from: NaiveDate) -> Result<Period, &'static str> {
    if from <= previous.from {
        return Err("mandatary.not_after_previous");
    }
    Ok(Period {
        from: previous.from,
        to: Some(previous.to.map_or(from, |to| to.min(from))),
    })
}

/// The period of a recorded designation once a transfer dated `date` changed the lot's
/// history from `before` to `after`: shortened to the first end of a holding that designated
/// it. A transfer on the designation's own day leaves it never in force (it ends where it
/// starts: the holders who made it changed that day). A deed registered late, dated before
/// the designation, that changes who held the lot on its date is refused: the designation was
/// made by people the register now says were not the holders.
pub fn after_transfer(
    before: &[Holding],
    after: &[Holding],
    recorded: &Period,
    date: NaiveDate,
) -> Result<Period, &'static str> {
    if owners_on(before, recorded.from) != owners_on(after, recorded.from) {
        return match date.cmp(&recorded.from) {
            std::cmp::Ordering::Less => Err("transfer.later_history_exists"),
            _ => Ok(Period {
                from: recorded.from,
                to: Some(recorded.from),
            }),
        };
    }
    let end = holders_on(after, recorded.from)
        .iter()
        .filter_map(|h| h.to)
        .min();
    let to = match (recorded.to, end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Ok(Period {
        from: recorded.from,
        to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::{Right, Share};
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn holding(owner: Uuid, from: NaiveDate, to: Option<NaiveDate>) -> Holding {
        Holding {
            owner,
            right: Right::FullOwnership,
            share: Share::new(1, 2).unwrap(),
            from,
            to,
        }
    }

    fn designation(from: NaiveDate) -> Designation {
        Designation {
            mandatary: Uuid::now_v7(),
            from,
            received_on: from,
        }
    }

    const TODAY: (i32, u32, u32) = (2026, 12, 1);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn a_designation_ends_when_a_designating_holding_ends() {
        let (ann, bob, carla) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        // Ann and Bob from 2020; Bob sells his half to Carla in 2023.
        let sale = date(2023, 5, 1);
        let history = [
            holding(ann, date(2020, 1, 1), None),
            holding(bob, date(2020, 1, 1), Some(sale)),
            holding(carla, sale, None),
        ];
        // Recorded today, dated 2021: it does not outlive Bob's sale.
        let past = period(&history, &designation(date(2021, 1, 1)), today()).unwrap();
        assert_eq!(past.to, Some(sale));
        // Made by Ann and Carla: open-ended.
        let now = period(&history, &designation(date(2024, 1, 1)), today()).unwrap();
        assert_eq!(now.to, None);
    }

    #[test]
    fn a_designation_needs_several_holders_and_a_written_notice_first() {
        let (ann, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let history = [
            holding(ann, date(2020, 1, 1), None),
            holding(bob, date(2022, 1, 1), None),
        ];
        assert_eq!(
            period(&history, &designation(date(2021, 1, 1)), today()),
            Err("mandatary.single_holder")
        );
        assert_eq!(
            period(&history, &designation(date(2019, 1, 1)), today()),
            Err("mandatary.lot_not_held")
        );
        let early = Designation {
            received_on: date(2023, 2, 1),
            ..designation(date(2023, 1, 1))
        };
        assert_eq!(
            period(&history, &early, today()),
            Err("mandatary.before_received")
        );
        assert_eq!(
            period(&history, &designation(date(2027, 1, 1)), today()),
            Err("date.future")
        );
        // Two holders from 2022 on: a designation is possible from then, not the day before.
        assert!(period(&history, &designation(date(2022, 1, 1)), today()).is_ok());
        assert_eq!(
            period(&history, &designation(date(2021, 12, 31)), today()),
            Err("mandatary.single_holder")
        );
    }

    #[test]
    fn a_replacement_never_leaves_a_period_that_ends_before_it_starts() {
        let previous = Period {
            from: date(2024, 1, 1),
            to: None,
        };
        assert_eq!(
            replaced(&previous, date(2025, 1, 1)).unwrap().to,
            Some(date(2025, 1, 1))
        );
        assert_eq!(
            replaced(&previous, date(2024, 1, 1)),
            Err("mandatary.not_after_previous")
        );
        assert_eq!(
            replaced(&previous, date(2023, 1, 1)),
            Err("mandatary.not_after_previous")
        );
        let ended = Period {
            from: date(2024, 1, 1),
            to: Some(date(2024, 6, 1)),
        };
        assert_eq!(
            replaced(&ended, date(2025, 1, 1)).unwrap().to,
            Some(date(2024, 6, 1))
        );
    }

    #[test]
    fn a_late_deed_that_changes_who_designated_is_refused_a_later_one_ends_it() {
        let (ann, bob, carla) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let recorded = Period {
            from: date(2024, 1, 1),
            to: None,
        };
        let before = [
            holding(ann, date(2020, 1, 1), None),
            holding(bob, date(2020, 1, 1), None),
        ];
        // Bob's sale to Carla dated 2023, registered after Ann and Bob's 2024 designation.
        let sale = date(2023, 5, 1);
        let late = [
            holding(ann, date(2020, 1, 1), None),
            holding(bob, date(2020, 1, 1), Some(sale)),
            holding(carla, sale, None),
        ];
        assert_eq!(
            after_transfer(&before, &late, &recorded, sale),
            Err("transfer.later_history_exists")
        );
        // A sale dated after the designation ends it on the deed date.
        let later = date(2025, 3, 1);
        let after = [
            holding(ann, date(2020, 1, 1), None),
            holding(bob, date(2020, 1, 1), Some(later)),
            holding(carla, later, None),
        ];
        assert_eq!(
            after_transfer(&before, &after, &recorded, later)
                .unwrap()
                .to,
            Some(later)
        );
        // A sale on the designation's own day: it was never in force.
        let same_day = recorded.from;
        let after = [
            holding(ann, date(2020, 1, 1), None),
            holding(bob, date(2020, 1, 1), Some(same_day)),
            holding(carla, same_day, None),
        ];
        assert_eq!(
            after_transfer(&before, &after, &recorded, same_day),
            Ok(Period {
                from: same_day,
                to: Some(same_day)
            })
        );
    }

    proptest! {
        /// Whatever the holdings and dates, a recorded period never ends before it starts,
        /// lies within the holdings that designated it, and needs two of them.
        #[test]
        fn periods_lie_within_the_designating_holdings(
            spans in proptest::collection::vec((0i64..3000, proptest::option::of(1i64..3000)), 1..6),
            from in 0i64..3500,
        ) {
            let base = date(2015, 1, 1);
            let history: Vec<Holding> = spans
                .iter()
                .map(|(start, length)| {
                    let from = base + chrono::Duration::days(*start);
                    holding(Uuid::now_v7(), from, length.map(|l| from + chrono::Duration::days(l)))
                })
                .collect();
            let from = base + chrono::Duration::days(from);
            let today = date(2026, 12, 1);
            if let Ok(p) = period(&history, &designation(from), today) {
                prop_assert!(p.to.is_none_or(|to| to > p.from));
                prop_assert!(owners_on(&history, from).len() >= 2);
                let designating = holders_on(&history, from);
                for h in designating {
                    prop_assert!(h.from <= p.from);
                    let within = match (h.to, p.to) {
                        (Some(h), Some(p)) => p <= h,
                        (Some(_), None) => false,
                        (None, _) => true,
                    };
                    prop_assert!(within);
                }
                if let Ok(r) = replaced(&p, from + chrono::Duration::days(1)) {
                    prop_assert!(r.to.is_some_and(|to| to > r.from));
                }
            }
        }
    }
}
