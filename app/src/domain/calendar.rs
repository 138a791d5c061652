//! Legal dates are calendar dates in Belgium: a deed signed at 00:30 on 2 December in
//! Brussels is dated 2 December, though it is still 1 December in UTC. Every rule and every
//! page takes "today" and the date of an instant from here, never from UTC.
//!
//! The zone is Europe/Brussels from the IANA database (chrono-tz, built with only that zone:
//! `CHRONO_TZ_TIMEZONE_FILTER` in `.cargo/config.toml`, so the browser's wasm carries one
//! zone, not six hundred).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Brussels;

/// The calendar date in Brussels at `at`.
pub fn date_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Brussels).date_naive()
}

/// Today in Brussels.
pub fn today() -> NaiveDate {
    date_of(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn winter_is_an_hour_ahead_of_utc() {
        assert_eq!(date_of(utc(2026, 12, 1, 22, 59)), date(2026, 12, 1));
        assert_eq!(date_of(utc(2026, 12, 1, 23, 0)), date(2026, 12, 2));
        assert_eq!(date_of(utc(2026, 12, 31, 23, 30)), date(2027, 1, 1));
    }

    #[test]
    fn summer_is_two_hours_ahead() {
        assert_eq!(date_of(utc(2026, 7, 1, 21, 59)), date(2026, 7, 1));
        assert_eq!(date_of(utc(2026, 7, 1, 22, 0)), date(2026, 7, 2));
    }

    #[test]
    fn the_clocks_change_on_the_last_sundays_of_march_and_october() {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST, at 01:00 UTC.
        assert_eq!(date_of(utc(2026, 3, 28, 22, 59)), date(2026, 3, 28));
        assert_eq!(date_of(utc(2026, 3, 28, 23, 0)), date(2026, 3, 29));
        assert_eq!(date_of(utc(2026, 3, 29, 21, 59)), date(2026, 3, 29));
        assert_eq!(date_of(utc(2026, 3, 29, 22, 0)), date(2026, 3, 30));
        // 25 October 2026: back to CET at 01:00 UTC.
        assert_eq!(date_of(utc(2026, 10, 24, 21, 59)), date(2026, 10, 24));
        assert_eq!(date_of(utc(2026, 10, 24, 22, 0)), date(2026, 10, 25));
        assert_eq!(date_of(utc(2026, 10, 25, 22, 59)), date(2026, 10, 25));
        assert_eq!(date_of(utc(2026, 10, 25, 23, 0)), date(2026, 10, 26));
    }

    #[test]
    fn today_is_the_brussels_date_of_now() {
        let before = date_of(Utc::now());
        let today = today();
        let after = date_of(Utc::now());
        assert!(today == before || today == after);
    }
}
