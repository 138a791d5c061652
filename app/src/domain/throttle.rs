//! Password guessing is slowed, not stopped: each failed check makes the next one on the same
//! key wait longer. Two keys count every attempt:
//!
//! - the account *and* the client address: a handful of free tries, then 2 s, 4 s, 8 s … up to
//!   15 minutes. Someone guessing from one address slows only themselves, so wrong passwords
//!   can no longer lock the real user out (the old five-strikes lockout was a weapon);
//! - the account alone, across addresses, with a much higher allowance, against guessing
//!   spread over many addresses. An address the account already logged in from is exempt, so
//!   the right password from a known address still works during such an attack.
//!
//! The key is the e-mail as typed (normalised), whether or not an account has it: unknown
//! addresses are throttled exactly like known ones and the answers cannot tell them apart
//! (OWASP Authentication Cheat Sheet, "Login Throttling" and "Account Lockout").

/// The longest wait between two attempts on one key.
pub const MAX_DELAY_SECS: i64 = 15 * 60;

/// How long a successful login keeps its address "known" for the account.
pub const KNOWN_ADDRESS_DAYS: i64 = 180;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Attempts allowed back to back before the waits start.
    pub free_attempts: i32,
}

/// Per account and client address.
pub const PER_ADDRESS: Throttle = Throttle { free_attempts: 3 };
/// Per account, whatever the address.
pub const PER_ACCOUNT: Throttle = Throttle { free_attempts: 20 };

impl Throttle {
    /// The wait, in seconds, before the attempt that follows `failures` counted attempts.
    pub fn delay_after(self, failures: i32) -> i64 {
        let over = failures - self.free_attempts + 1;
        if over <= 0 {
            return 0;
        }
        if over > 20 {
            return MAX_DELAY_SECS;
        }
        (1_i64 << over).min(MAX_DELAY_SECS)
    }

    /// Every distinct (failures, delay) step until the cap, for a SQL `CASE` that computes
    /// the wait in the same statement that counts the attempt.
    pub fn steps(self) -> Vec<(i32, i64)> {
        let mut steps = Vec::new();
        let mut failures = 1;
        loop {
            let delay = self.delay_after(failures);
            steps.push((failures, delay));
            if delay >= MAX_DELAY_SECS {
                return steps;
            }
            failures += 1;
        }
    }
}

/// The e-mail as the throttle keys it: trimmed and lower-cased, valid or not.
pub fn normalise_login(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_free_tries_then_doubling_waits_up_to_fifteen_minutes() {
        let t = PER_ADDRESS;
        assert_eq!(t.delay_after(0), 0);
        assert_eq!(t.delay_after(1), 0);
        assert_eq!(t.delay_after(2), 0);
        assert_eq!(t.delay_after(3), 2);
        assert_eq!(t.delay_after(4), 4);
        assert_eq!(t.delay_after(5), 8);
        assert_eq!(t.delay_after(11), 512);
        assert_eq!(t.delay_after(12), MAX_DELAY_SECS);
        assert_eq!(t.delay_after(i32::MAX), MAX_DELAY_SECS);
        for n in 0..200 {
            assert!(t.delay_after(n) <= t.delay_after(n + 1), "monotonic at {n}");
        }
    }

    #[test]
    fn the_account_wide_allowance_is_larger() {
        assert_eq!(PER_ACCOUNT.delay_after(19), 0);
        assert_eq!(PER_ACCOUNT.delay_after(20), 2);
    }

    #[test]
    fn steps_end_at_the_cap_and_agree_with_the_rule() {
        for t in [PER_ADDRESS, PER_ACCOUNT] {
            let steps = t.steps();
            assert_eq!(steps.last().unwrap().1, MAX_DELAY_SECS);
            for (failures, delay) in steps {
                assert_eq!(t.delay_after(failures), delay);
            }
        }
    }

    #[test]
    fn logins_are_keyed_as_typed_but_normalised() {
        assert_eq!(normalise_login("  Syndic@Alpha.BE "), "syndic@alpha.be");
        assert_eq!(normalise_login("not an e-mail"), "not an e-mail");
    }
}
