//! Login throttles (rules in `domain::throttle`). Every password check — login, password
//! change, accepting an invitation with an existing account — first *claims* an attempt: one
//! SQL statement counts it and sets the wait before the next, but only if no wait is running.
//! A claim is made before the hash is computed, so parallel guesses are counted (and
//! refused) like sequential ones; a success clears the count.

use crate::domain::AppError;
use crate::domain::throttle::{KNOWN_ADDRESS_DAYS, PER_ACCOUNT, PER_ADDRESS, Throttle};
use crate::ssr::crypto::sha256_hex;
use entity::login_throttle::{self, Column};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryResult};
use std::net::IpAddr;

/// One claimed attempt, to be reported as a success when the password was right.
#[derive(Debug, Clone)]
pub struct Attempt {
    address_key: String,
    account_key: String,
}

fn address_key(login: &str, client: Option<IpAddr>) -> String {
    let client = client.map_or_else(|| "-".to_owned(), |ip| ip.to_string());
    sha256_hex(&format!("address|{login}|{client}"))
}

fn account_key(login: &str) -> String {
    sha256_hex(&format!("account|{login}"))
}

const DAY_MS: i64 = 86_400_000;

/// Counts an attempt on `key` unless a wait is running; the new wait follows `throttle`.
/// Returns the seconds left to wait when refused.
async fn claim_key(
    conn: &impl ConnectionTrait,
    key: &str,
    throttle: Throttle,
    now: i64,
) -> Result<Option<u64>, AppError> {
    let failures = Expr::col((login_throttle::Entity, Column::Failures)).add(1);
    let steps = throttle.steps();
    let (last_failures, cap) = *steps.last().expect("at least one step");
    // No wait is "blocked until 0", not "until now": a concurrent claim whose clock reads a
    // millisecond earlier must not see a free attempt as a wait.
    let until = |delay_secs: i64| {
        if delay_secs == 0 {
            0
        } else {
            now + delay_secs * 1000
        }
    };
    let mut blocked_until = Expr::case(failures.clone().lte(0), 0_i64);
    for (n, delay) in steps.into_iter().filter(|(n, _)| *n < last_failures) {
        blocked_until = blocked_until.case(failures.clone().lte(n), until(delay));
    }
    let blocked_until: Expr = blocked_until.finally(until(cap)).into();
    let statement = Query::insert()
        .into_table(login_throttle::Entity)
        .columns([
            Column::Key,
            Column::Failures,
            Column::BlockedUntil,
            Column::UpdatedAt,
        ])
        .values_panic([
            key.into(),
            1.into(),
            until(throttle.delay_after(1)).into(),
            now.into(),
        ])
        .on_conflict(
            OnConflict::column(Column::Key)
                .value(Column::Failures, failures)
                .value(Column::BlockedUntil, blocked_until)
                .value(Column::UpdatedAt, now)
                .action_and_where(
                    Expr::col((login_throttle::Entity, Column::BlockedUntil)).lte(now),
                )
                .to_owned(),
        )
        .returning_col(Column::Failures)
        .to_owned();
    let claimed: Option<QueryResult> = conn.query_one(&statement).await?;
    if claimed.is_some() {
        return Ok(None);
    }
    let blocked_until = login_throttle::Entity::find_by_id(key.to_owned())
        .one(conn)
        .await?
        .map_or(now + 1, |row| row.blocked_until);
    let left_ms = std::cmp::max(blocked_until - now, 1);
    Ok(Some(((left_ms + 999) / 1000) as u64))
}

/// Claims a password check for `login` (normalised) from `client` at `now`. Throttle times
/// are Unix milliseconds: a wait of 2 s must not shrink to 1 s at a second's boundary.
pub async fn claim(
    conn: &impl ConnectionTrait,
    login: &str,
    client: Option<IpAddr>,
    now: i64,
) -> Result<Attempt, AppError> {
    let attempt = Attempt {
        address_key: address_key(login, client),
        account_key: account_key(login),
    };
    let known = login_throttle::Entity::find_by_id(attempt.address_key.clone())
        .one(conn)
        .await?
        .and_then(|row| row.succeeded_at)
        .is_some_and(|at| now - at < KNOWN_ADDRESS_DAYS * DAY_MS);
    if let Some(retry_after_secs) = claim_key(conn, &attempt.address_key, PER_ADDRESS, now).await? {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    if !known
        && let Some(retry_after_secs) =
            claim_key(conn, &attempt.account_key, PER_ACCOUNT, now).await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    Ok(attempt)
}

/// The password was right: the address becomes known and both counts start again.
pub async fn succeeded(
    conn: &impl ConnectionTrait,
    attempt: &Attempt,
    now: i64,
) -> Result<(), AppError> {
    for (key, succeeded) in [(&attempt.address_key, true), (&attempt.account_key, false)] {
        let mut update = Query::update();
        update
            .table(login_throttle::Entity)
            .value(Column::Failures, 0)
            .value(Column::BlockedUntil, 0_i64)
            .value(Column::UpdatedAt, now)
            .and_where(Expr::col(Column::Key).eq(key.as_str()));
        if succeeded {
            update.value(Column::SucceededAt, now);
        }
        conn.execute(&update).await?;
    }
    Ok(())
}

/// Forgets counts nobody touched for a day (longer than the longest wait) unless they hold an
/// address the account logged in from within its time, so the table stays the size of recent
/// activity. A count still in its free attempts has no wait (`blocked_until` 0): only the time
/// it was last touched says whether it is stale, or a sweep would hand out fresh attempts.
pub async fn sweep(conn: &impl ConnectionTrait, now: i64) -> Result<u64, AppError> {
    let known_since = now - KNOWN_ADDRESS_DAYS * DAY_MS;
    let result = login_throttle::Entity::delete_many()
        .filter(
            Expr::col(Column::UpdatedAt).lt(now - DAY_MS).and(
                Expr::col(Column::SucceededAt)
                    .is_null()
                    .or(Expr::col(Column::SucceededAt).lt(known_since)),
            ),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}
