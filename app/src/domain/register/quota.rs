//! Quotes-parts: each lot's share of the common parts, an integer in the building's unit
//! (e.g. thousandths). Votes and charges are weighted by them, so a building can only be used
//! for votes or charges once its lots' quotes-parts add up exactly to its total.

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

    pub fn is_balanced(self) -> bool {
        self == QuotaBalance::Balanced
    }

    /// Votes and charges are weighted by quotes-parts: a building whose lots do not add up
    /// to its total cannot be used for either until the register is complete.
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
