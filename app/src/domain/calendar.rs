//! Legal dates are calendar dates in Belgium: a deed signed at 00:30 on 2 December in
//! Brussels is dated 2 December, though it is still 1 December in UTC. Every rule and every
//! page takes "today" and the date of an instant from here, never from UTC.
//!
//! Belgian time is CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last Sunday of March
//! to 01:00 UTC on the last Sunday of October: the EU rule since 1996 (Directive 2000/84/EC,
//! art. 1–3, which continued the earlier summer-time directives). The rule is written here
//! rather than read from a time-zone database because the browser runs this code too and a
//! zone table would cost its wasm several KiB; the tests prove it equal to the IANA database
//! (chrono-tz, Europe/Brussels) for every hour from 1996 to 2100, so a change of the law
//! shows up as a failing test when the database learns of it. The app records no instant
//! before 1996.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let last_day = NaiveDate::from_ymd_opt(year, month + 1, 1)
        .expect("March and October have a next month")
        .pred_opt()
        .expect("not the first day ever");
    let back = last_day.weekday().num_days_from_sunday();
    last_day - Duration::days(i64::from(back))
}

/// Hours Brussels is ahead of UTC at `at`.
fn offset_hours(at: DateTime<Utc>) -> i64 {
    let year = at.year();
    let switch = |month| {
        last_sunday(year, month)
            .and_hms_opt(1, 0, 0)
            .expect("01:00 exists")
            .and_utc()
    };
    if switch(3) <= at && at < switch(10) {
        2
    } else {
        1
    }
}

/// The calendar date in Brussels at `at`.
pub fn date_of(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(offset_hours(at))).date_naive()
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
    fn the_rule_is_the_iana_databases_for_every_hour_from_1996_to_2100() {
        use chrono_tz::Europe::Brussels;
        let mut at = utc(1996, 1, 1, 0, 0);
        let end = utc(2100, 1, 1, 0, 0);
        while at < end {
            let iana = at.with_timezone(&Brussels).date_naive();
            assert_eq!(date_of(at), iana, "{at}");
            at += Duration::hours(1);
        }
        // Sundays are found whatever day the month ends on.
        assert_eq!(last_sunday(2026, 3), date(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), date(2026, 10, 25));
        assert_eq!(last_sunday(2020, 3), date(2020, 3, 29));
        assert_eq!(last_sunday(2015, 3), date(2015, 3, 29));
    }

    #[test]
    fn today_is_the_brussels_date_of_now() {
        let before = date_of(Utc::now());
        let today = today();
        let after = date_of(Utc::now());
        assert!(today == before || today == after);
    }
}
