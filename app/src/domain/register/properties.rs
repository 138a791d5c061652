//! The register's rules together: any sequence of dated transfers (into any split rights),
//! voids of the latest transfer and designations of a mandatary keeps, on every date, both
//! sides of the lot at 100%, no period ending before it starts, and every mandatary within
//! the holdings that designated them. Each rule has its own tests beside it; this one looks
//! for a sequence where their combination breaks.

use super::mandatary::{self, Designation, Period};
use super::share::{Holding, Right, Share, Transfer, check_holdings, plan_transfer};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use uuid::Uuid;

const SPLIT_RIGHTS: [Right; 5] = [
    Right::Usufruct,
    Right::Emphyteusis,
    Right::BuildingRight,
    Right::RightOfUse,
    Right::RightOfHabitation,
];

#[derive(Debug, Clone)]
enum Step {
    /// All current holders hand the lot, `days` later, to `parts` full owners in equal
    /// shares, or (with `split`) to `parts` bare owners and one holder of that split right.
    Transfer {
        days: i64,
        parts: u64,
        split: Option<usize>,
    },
    /// The latest transfer was a mistake (only when nothing was recorded since).
    VoidLatest,
    /// The holders designate one of them (or a third person) `days` after the lot last changed.
    Designate { days: i64, third_person: bool },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (
            1i64..3_000,
            1u64..5,
            proptest::option::of(0usize..SPLIT_RIGHTS.len())
        )
            .prop_map(|(days, parts, split)| Step::Transfer { days, parts, split }),
        Just(Step::VoidLatest),
        (0i64..3_000, any::<bool>())
            .prop_map(|(days, third_person)| Step::Designate { days, third_person }),
    ]
}

#[derive(Clone)]
struct Register {
    holdings: Vec<Holding>,
    designations: Vec<(Uuid, Period)>,
    /// The date of the latest change of holders.
    changed: NaiveDate,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn check(register: &Register) -> Result<(), TestCaseError> {
    prop_assert_eq!(check_holdings(&register.holdings), Ok(()));
    for h in &register.holdings {
        prop_assert!(
            h.to.is_none_or(|to| to > h.from),
            "holding ends before it starts"
        );
    }
    for (_, p) in &register.designations {
        prop_assert!(
            p.to.is_none_or(|to| to >= p.from),
            "designation ends before it starts"
        );
        // A designation in force lies within every holding in force on its first day.
        if p.to != Some(p.from) {
            for h in register.holdings.iter().filter(|h| h.covers(p.from)) {
                let within = match (h.to, p.to) {
                    (Some(h), Some(p)) => p <= h,
                    (Some(_), None) => false,
                    (None, _) => true,
                };
                prop_assert!(within, "designation outlives a designating holding");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn a_register_history_stays_consistent(steps in proptest::collection::vec(step(), 1..25)) {
        let first = Uuid::now_v7();
        let mut register = Register {
            holdings: vec![Holding { owner: first, right: Right::FullOwnership, share: Share::WHOLE, from: day(1990, 1, 1), to: None }],
            designations: vec![],
            changed: day(1990, 1, 1),
        };
        // Registers before each transfer still open to a void.
        let mut undo: Vec<Register> = vec![];
        let today = day(2300, 1, 1);
        for step in steps {
            match step {
                Step::Transfer { days, parts, split } => {
                    let date = register.changed + Duration::days(days);
                    let sellers: Vec<Uuid> = register.holdings.iter().filter(|h| h.covers(date)).map(|h| h.owner).collect();
                    let share = Share::new(1, parts).unwrap();
                    let mut acquirers: Vec<(Uuid, Right, Share)> = (0..parts)
                        .map(|_| (Uuid::now_v7(), if split.is_some() { Right::BareOwnership } else { Right::FullOwnership }, share))
                        .collect();
                    if let Some(i) = split {
                        acquirers.push((Uuid::now_v7(), SPLIT_RIGHTS[i], Share::WHOLE));
                    }
                    let plan = plan_transfer(&register.holdings, &Transfer { date, sellers, acquirers })
                        .expect("a whole handed on whole is a valid transfer");
                    let before = register.clone();
                    let mut after = register.holdings.clone();
                    for &i in &plan.close {
                        after[i].to = Some(date);
                    }
                    after.extend(plan.open);
                    let designations: Result<Vec<(Uuid, Period)>, _> = register
                        .designations
                        .iter()
                        .map(|(who, p)| mandatary::after_transfer(&register.holdings, &after, p, date).map(|p| (*who, p)))
                        .collect();
                    // A deed dated before a designation, changing who made it, is refused.
                    let designations = match designations {
                        Ok(d) => d,
                        Err(code) => {
                            prop_assert_eq!(code, "transfer.later_history_exists");
                            continue;
                        }
                    };
                    register = Register { holdings: after, designations, changed: date };
                    undo.push(before);
                }
                Step::VoidLatest => {
                    if let Some(before) = undo.pop() {
                        register = before;
                    }
                }
                Step::Designate { days, third_person } => {
                    let from = register.changed + Duration::days(days);
                    let holders: Vec<Uuid> = register.holdings.iter().filter(|h| h.covers(from)).map(|h| h.owner).collect();
                    let who = if third_person { Uuid::now_v7() } else { holders[0] };
                    let designation = Designation { mandatary: who, from, received_on: from };
                    match mandatary::period(&register.holdings, &designation, today) {
                        Ok(period) => {
                            if let Some((_, last)) = register.designations.last_mut() {
                                match mandatary::replaced(last, from) {
                                    Ok(ended) => *last = ended,
                                    Err(code) => {
                                        prop_assert_eq!(code, "mandatary.not_after_previous");
                                        continue;
                                    }
                                }
                            }
                            register.designations.push((who, period));
                            // A void would have to undo the designation too: the service
                            // refuses it, and so does this model, by forgetting what to undo.
                            undo.clear();
                        }
                        Err(code) => prop_assert!(
                            matches!(code, "mandatary.single_holder" | "mandatary.lot_not_held"),
                            "unexpected refusal {code}"
                        ),
                    }
                }
            }
            check(&register)?;
        }
    }
}
