//! Dates, numbers and money as each language writes them in Belgium, following the CLDR
//! conventions for fr-BE, nl-BE and de-BE (and en-GB for English): grouping and decimal
//! separators, the euro sign's position, day-month-year order.

use super::Locale;
use chrono::{Datelike, NaiveDate};

const NARROW_NBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

fn separators(locale: Locale) -> (char, char) {
    match locale {
        Locale::Fr => (NARROW_NBSP, ','),
        Locale::Nl | Locale::De => ('.', ','),
        Locale::En => (',', '.'),
    }
}

fn group(mut n: u64, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = String::new();
    for (i, g) in groups.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&g.to_string());
        } else {
            out.push(sep);
            out.push_str(&format!("{g:03}"));
        }
    }
    out
}

/// An integer with the locale's thousands separator.
pub fn integer(value: i64, locale: Locale) -> String {
    let (thousands, _) = separators(locale);
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group(value.unsigned_abs(), thousands))
}

/// An amount in euro cents, written with the euro sign where the language puts it.
pub fn money(cents: i64, locale: Locale) -> String {
    let (thousands, decimal) = separators(locale);
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let number = format!("{}{decimal}{:02}", group(abs / 100, thousands), abs % 100);
    match locale {
        Locale::Fr | Locale::De => format!("{sign}{number}{NBSP}€"),
        Locale::Nl => format!("€{NBSP}{sign}{number}"),
        Locale::En => format!("{sign}€{number}"),
    }
}

/// A short numeric date: 24/11/2026, or 24.11.2026 in German.
pub fn date_short(date: NaiveDate, locale: Locale) -> String {
    let sep = if locale == Locale::De { '.' } else { '/' };
    format!(
        "{:02}{sep}{:02}{sep}{}",
        date.day(),
        date.month(),
        date.year()
    )
}

const MONTHS: [[&str; 12]; 4] = [
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

/// A date written out: 24 novembre 2026, 24. November 2026.
pub fn date_long(date: NaiveDate, locale: Locale) -> String {
    let index = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
    let month = MONTHS[index][date.month0() as usize];
    match locale {
        Locale::De => format!("{}. {month} {}", date.day(), date.year()),
        Locale::Fr if date.day() == 1 => format!("1er {month} {}", date.year()),
        _ => format!("{} {month} {}", date.day(), date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_per_locale() {
        assert_eq!(money(123_456, Locale::Fr), "1\u{202F}234,56\u{a0}€");
        assert_eq!(money(123_456, Locale::Nl), "€\u{a0}1.234,56");
        assert_eq!(money(123_456, Locale::De), "1.234,56\u{a0}€");
        assert_eq!(money(123_456, Locale::En), "€1,234.56");
        assert_eq!(money(-5, Locale::En), "-€0.05");
        assert_eq!(money(-100_000_000, Locale::Nl), "€\u{a0}-1.000.000,00");
        assert_eq!(money(0, Locale::Fr), "0,00\u{a0}€");
    }

    #[test]
    fn integers_are_grouped() {
        assert_eq!(integer(0, Locale::En), "0");
        assert_eq!(integer(999, Locale::En), "999");
        assert_eq!(integer(1000, Locale::En), "1,000");
        assert_eq!(integer(1_000_001, Locale::De), "1.000.001");
        assert_eq!(integer(-12_345, Locale::Fr), "-12\u{202F}345");
        assert_eq!(integer(i64::MIN, Locale::En), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn dates_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(date_short(d, Locale::Fr), "01/03/2026");
        assert_eq!(date_short(d, Locale::De), "01.03.2026");
        assert_eq!(date_long(d, Locale::Fr), "1er mars 2026");
        assert_eq!(date_long(d, Locale::Nl), "1 maart 2026");
        assert_eq!(date_long(d, Locale::De), "1. März 2026");
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(date_long(d, Locale::En), "24 November 2026");
        assert_eq!(date_long(d, Locale::Fr), "24 novembre 2026");
    }
}
