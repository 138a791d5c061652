//! The time the login throttles read. Production reads the system clock; the test harness
//! stops it, so that "the fourth attempt within the wait is refused" is a fact about the rule
//! and not about how fast a loaded machine answers the third (a wait of 2 s once elapsed while
//! a CI machine hashed a password, and a test that timed itself could only guess at that).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Unix milliseconds while stopped; `None` follows the system clock.
    stopped: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that stays at the system's current time until [`Clock::advance`] moves it.
    pub fn stopped() -> Clock {
        Clock {
            stopped: Some(Arc::new(AtomicI64::new(system_ms()))),
        }
    }

    /// Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        match &self.stopped {
            Some(at) => at.load(Ordering::Acquire),
            None => system_ms(),
        }
    }

    /// Moves a stopped clock forward; the system clock moves by itself.
    pub fn advance(&self, by: std::time::Duration) {
        if let Some(at) = &self.stopped {
            let by = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
            at.fetch_add(by, Ordering::AcqRel);
        }
    }
}

fn system_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_stopped_clock_moves_only_when_told() {
        let clock = Clock::stopped();
        let at = clock.now_ms();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(clock.now_ms(), at);
        clock.advance(Duration::from_secs(2));
        assert_eq!(clock.now_ms(), at + 2_000);
        // Clones share the time: the test moves the clock the server reads.
        let shared = clock.clone();
        shared.advance(Duration::from_millis(1));
        assert_eq!(clock.now_ms(), at + 2_001);
    }

    #[test]
    fn the_system_clock_follows_the_system() {
        let clock = Clock::system();
        let before = system_ms();
        let now = clock.now_ms();
        clock.advance(Duration::from_secs(3600));
        assert!(now >= before && clock.now_ms() < before + 60_000);
    }
}
