//! A transfer as the association sees it (art. 3.94 Civil Code, DOMAIN.md "Sale of a lot"):
//! besides the deed date, the day the buyer enjoys the lot (from which he bears the ordinary
//! charges, pro rata) and the day the syndic was notified of the deed (from which the buyer
//! counts towards the association: convened, called for funds); before that, the seller is
//! the one the association knows. The notary's requests and the syndic's answers run on the
//! legal deadlines of art. 3.94 §1 and §2: 15 days for what the syndic supplies before the
//! sale agreement, 30 days for the notary's request before the deed (calendar days from the
//! request's receipt, as DOMAIN.md gives them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// From when the association counts a transfer: the day the syndic was notified, never
/// before the deed; `None` while it was not notified.
pub fn known_from(deed_date: NaiveDate, notified_on: Option<NaiveDate>) -> Option<NaiveDate> {
    notified_on.map(|n| n.max(deed_date))
}

/// What the association knows of one holding: when it starts and ends for it. A holding
/// opened by a transfer starts for the association when that transfer is known; one closed by
/// a transfer ends when that one is known (until then the seller is still the one known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPeriod {
    /// `None`: not known yet (opened by a transfer not notified).
    pub from: Option<NaiveDate>,
    /// `None`: open for the association.
    pub to: Option<NaiveDate>,
}

impl KnownPeriod {
    /// `opened`/`closed`: `Some(known_from)` of the transfer that opened/closed the holding,
    /// `None` when no transfer did (a first registration; a lot's division).
    pub fn of(
        from: NaiveDate,
        to: Option<NaiveDate>,
        opened: Option<Option<NaiveDate>>,
        closed: Option<Option<NaiveDate>>,
    ) -> KnownPeriod {
        KnownPeriod {
            from: match opened {
                None => Some(from),
                Some(known) => known,
            },
            to: match closed {
                None => to,
                Some(known) => known,
            },
        }
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_some_and(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }
}

/// The notary's requests the syndic must answer (art. 3.94).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotaryRequestKind {
    /// Before the sale agreement (§1): funds, arrears, calls decided, litigation, minutes of
    /// 3 years, 2 years' statements, the last balance sheet — within 15 days.
    BeforeAgreement,
    /// Before the deed (§2): costs decided before and called after, urgent works, purchases
    /// of common parts, debts from earlier disputes — within 30 days.
    BeforeDeed,
}

impl NotaryRequestKind {
    pub const ALL: [NotaryRequestKind; 2] = [
        NotaryRequestKind::BeforeAgreement,
        NotaryRequestKind::BeforeDeed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotaryRequestKind::BeforeAgreement => "before_agreement",
            NotaryRequestKind::BeforeDeed => "before_deed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        NotaryRequestKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or("notary_request.kind_invalid")
    }

    /// The legal deadline, in calendar days from the request's receipt.
    pub fn days(self) -> i64 {
        match self {
            NotaryRequestKind::BeforeAgreement => 15,
            NotaryRequestKind::BeforeDeed => 30,
        }
    }

    pub fn due_on(self, received_on: NaiveDate) -> NaiveDate {
        received_on + chrono::Duration::days(self.days())
    }
}

/// Where an answer stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AnswerState {
    Answered { late: bool },
    Open { days_left: i64 },
    Overdue { days_late: i64 },
}

pub fn answer_state(
    kind: NotaryRequestKind,
    received_on: NaiveDate,
    answered_on: Option<NaiveDate>,
    today: NaiveDate,
) -> AnswerState {
    let due = kind.due_on(received_on);
    match answered_on {
        Some(answered) => AnswerState::Answered {
            late: answered > due,
        },
        None if today <= due => AnswerState::Open {
            days_left: (due - today).num_days(),
        },
        None => AnswerState::Overdue {
            days_late: (today - due).num_days(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_transfer_counts_for_the_association_from_its_notification() {
        let deed = d(2024, 6, 30);
        assert_eq!(known_from(deed, None), None);
        assert_eq!(known_from(deed, Some(d(2024, 7, 10))), Some(d(2024, 7, 10)));
        // A notification dated before the deed still counts from the deed.
        assert_eq!(known_from(deed, Some(d(2024, 6, 1))), Some(deed));
        // The seller's holding, closed by the deed: known until the notification.
        let seller = KnownPeriod::of(
            d(2020, 1, 1),
            Some(deed),
            None,
            Some(known_from(deed, Some(d(2024, 7, 10)))),
        );
        let buyer = KnownPeriod::of(
            deed,
            None,
            Some(known_from(deed, Some(d(2024, 7, 10)))),
            None,
        );
        for (day, seller_known, buyer_known) in [
            (d(2024, 6, 29), true, false),
            (d(2024, 7, 1), true, false),
            (d(2024, 7, 9), true, false),
            (d(2024, 7, 10), false, true),
        ] {
            assert_eq!(seller.covers(day), seller_known, "{day}");
            assert_eq!(buyer.covers(day), buyer_known, "{day}");
        }
        // Not notified: the seller stays the one known.
        let seller = KnownPeriod::of(d(2020, 1, 1), Some(deed), None, Some(None));
        let buyer = KnownPeriod::of(deed, None, Some(None), None);
        assert!(seller.covers(d(2030, 1, 1)) && !buyer.covers(d(2030, 1, 1)));
    }

    #[test]
    fn notary_requests_run_on_their_legal_deadlines() {
        let received = d(2026, 3, 2);
        assert_eq!(
            NotaryRequestKind::BeforeAgreement.due_on(received),
            d(2026, 3, 17)
        );
        assert_eq!(
            NotaryRequestKind::BeforeDeed.due_on(received),
            d(2026, 4, 1)
        );
        let kind = NotaryRequestKind::BeforeAgreement;
        assert_eq!(
            answer_state(kind, received, None, d(2026, 3, 10)),
            AnswerState::Open { days_left: 7 }
        );
        assert_eq!(
            answer_state(kind, received, None, d(2026, 3, 17)),
            AnswerState::Open { days_left: 0 }
        );
        assert_eq!(
            answer_state(kind, received, None, d(2026, 3, 20)),
            AnswerState::Overdue { days_late: 3 }
        );
        assert_eq!(
            answer_state(kind, received, Some(d(2026, 3, 17)), d(2026, 5, 1)),
            AnswerState::Answered { late: false }
        );
        assert_eq!(
            answer_state(kind, received, Some(d(2026, 3, 18)), d(2026, 5, 1)),
            AnswerState::Answered { late: true }
        );
        for k in NotaryRequestKind::ALL {
            assert_eq!(NotaryRequestKind::parse(k.as_str()), Ok(k));
        }
        assert!(NotaryRequestKind::parse("whenever").is_err());
    }
}
