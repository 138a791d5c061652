//! Stored values read back into domain types, one way for every table. A value the app could
//! not have written (a hand edit, a bug, a half-applied migration) is logged with where it
//! sits and fails the request as an internal error. It never turns into a default: an
//! unreadable share used to read as 100 % full ownership, an unknown lot kind as "other" —
//! each a different fact shown as the register's truth.

use crate::domain::AppError;
use crate::domain::register::{Right, Share};
use std::fmt::Display;

/// Where a value sits, for the log line.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub table: &'static str,
    pub column: &'static str,
    pub id: &'a dyn Display,
}

fn unreadable(at: At<'_>, raw: &dyn Display, why: &dyn Display) -> AppError {
    tracing::error!(
        table = at.table,
        column = at.column,
        id = %at.id,
        value = %raw,
        reason = %why,
        "unreadable value in the database"
    );
    AppError::Internal
}

/// A text column parsed by the domain's parser.
pub fn text<T, E: Display>(
    at: At<'_>,
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, AppError> {
    parse(raw).map_err(|why| unreadable(at, &raw, &why))
}

/// A count or quota stored as a signed integer, which can never be negative.
pub fn unsigned(at: At<'_>, raw: i64) -> Result<u64, AppError> {
    u64::try_from(raw).map_err(|why| unreadable(at, &raw, &why))
}

/// A share stored as numerator and denominator.
pub fn share(at: At<'_>, numerator: i64, denominator: i64) -> Result<Share, AppError> {
    let parts = (u64::try_from(numerator), u64::try_from(denominator));
    let (Ok(n), Ok(d)) = parts else {
        return Err(unreadable(
            at,
            &format!("{numerator}/{denominator}"),
            &"negative",
        ));
    };
    Share::new(n, d).map_err(|why| unreadable(at, &format!("{n}/{d}"), &why))
}

/// A share for storage: both parts fit a signed 64-bit column (denominators are bounded).
pub fn share_columns(share: Share) -> (i64, i64) {
    let part = |v: u64| i64::try_from(v).expect("shares are bounded by MAX_DENOMINATOR");
    (part(share.numerator()), part(share.denominator()))
}

pub fn right(at: At<'_>, raw: &str) -> Result<Right, AppError> {
    text(at, raw, Right::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: At<'static> = At {
        table: "ownerships",
        column: "share",
        id: &"1",
    };

    #[test]
    fn unreadable_values_are_errors_not_defaults() {
        assert_eq!(share(AT, 1, 2).unwrap(), Share::new(1, 2).unwrap());
        assert_eq!(share(AT, 0, 0), Err(AppError::Internal));
        assert_eq!(share(AT, -1, 2), Err(AppError::Internal));
        assert_eq!(share(AT, 3, 2), Err(AppError::Internal));
        assert_eq!(unsigned(AT, -5), Err(AppError::Internal));
        assert_eq!(unsigned(AT, 5), Ok(5));
        assert_eq!(right(AT, "full_ownership"), Ok(Right::FullOwnership));
        assert_eq!(right(AT, "lease"), Err(AppError::Internal));
        assert_eq!(share_columns(Share::new(1, 3).unwrap()), (1, 3));
    }
}
