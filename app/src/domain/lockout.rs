//! Account lockout: after `MAX_FAILED_LOGINS` wrong passwords in a row the account refuses
//! every login, right or wrong, for `LOCKOUT_MINUTES`. Per-IP limits live in the HTTP layer.

use chrono::{DateTime, Duration, Utc};

pub const MAX_FAILED_LOGINS: i32 = 5;
pub const LOCKOUT_MINUTES: i64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginState {
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginState {
    /// Seconds left in a lockout, if the account is locked at `now`.
    pub fn locked_for(&self, now: DateTime<Utc>) -> Option<u64> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| (until - now).num_seconds().max(1) as u64)
    }

    /// The state after a wrong password. The count restarts once a lockout is set.
    pub fn after_failure(self, now: DateTime<Utc>) -> LoginState {
        let failed = self.failed_logins + 1;
        if failed >= MAX_FAILED_LOGINS {
            LoginState {
                failed_logins: 0,
                locked_until: Some(now + Duration::minutes(LOCKOUT_MINUTES)),
            }
        } else {
            LoginState {
                failed_logins: failed,
                locked_until: None,
            }
        }
    }

    pub fn after_success() -> LoginState {
        LoginState {
            failed_logins: 0,
            locked_until: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifth_failure_locks_for_fifteen_minutes() {
        let now = Utc::now();
        let mut state = LoginState::after_success();
        for expected in 1..MAX_FAILED_LOGINS {
            state = state.after_failure(now);
            assert_eq!(state.failed_logins, expected);
            assert_eq!(state.locked_for(now), None);
        }
        state = state.after_failure(now);
        assert_eq!(state.locked_for(now), Some(15 * 60));
        assert_eq!(state.locked_for(now + Duration::minutes(14)), Some(60));
        assert_eq!(state.locked_for(now + Duration::minutes(15)), None);
        assert_eq!(state.failed_logins, 0);
    }

    #[test]
    fn success_clears_everything() {
        assert_eq!(
            LoginState::after_success(),
            LoginState {
                failed_logins: 0,
                locked_until: None
            }
        );
    }
}
