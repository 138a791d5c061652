use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An IBAN with valid structure for its country and valid ISO 7064 mod-97 check digits
/// (checked by the `iban_validate` crate, which follows the SWIFT IBAN registry). Stored in
/// electronic form (`BE68539007547034`), shown in groups of four.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountNumber(String);

impl AccountNumber {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        if raw.trim().is_empty() {
            return Err("iban.required");
        }
        // People type IBANs in lower case too; the standard writes them in capitals.
        let iban: iban::Iban = raw
            .trim()
            .to_uppercase()
            .parse()
            .map_err(|_| "iban.invalid")?;
        Ok(AccountNumber(
            iban::IbanLike::electronic_str(&iban).to_owned(),
        ))
    }

    pub fn electronic(&self) -> &str {
        &self.0
    }

    /// The two-letter country of the account (`BE`).
    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
            .collect();
        f.write_str(&groups.join(" "))
    }
}

impl TryFrom<String> for AccountNumber {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        AccountNumber::parse(&value)
    }
}

impl From<AccountNumber> for String {
    fn from(value: AccountNumber) -> Self {
        value.0
    }
}

/// What an association's account is for: the law wants the working capital and the reserve
/// fund in distinct accounts in the association's name, at least one each and several
/// allowed (art. 3.86 §3 Civil Code; DOMAIN.md "Funds and charges").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountPurpose {
    WorkingCapital,
    Reserve,
}

impl AccountPurpose {
    pub const ALL: [AccountPurpose; 2] = [AccountPurpose::WorkingCapital, AccountPurpose::Reserve];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountPurpose::WorkingCapital => "working_capital",
            AccountPurpose::Reserve => "reserve",
        }
    }

    /// Which fund an account holds is the syndic's statement, never a default.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim().to_lowercase().as_str() {
            "" => Err("bank_account.purpose_required"),
            "working_capital" => Ok(AccountPurpose::WorkingCapital),
            "reserve" => Ok(AccountPurpose::Reserve),
            _ => Err("bank_account.purpose_invalid"),
        }
    }
}

/// A bank's identifier (ISO 9362): 4 letters for the bank, 2 for its country, 2 letters or
/// digits for the place, and optionally 3 for the branch (`GEBABEBB`, `GEBABEBB036`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bic(String);

impl Bic {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        let bytes = value.as_bytes();
        let well_formed = matches!(bytes.len(), 8 | 11)
            && bytes[..6].iter().all(u8::is_ascii_uppercase)
            && bytes[6..].iter().all(u8::is_ascii_alphanumeric);
        if well_formed {
            Ok(Bic(value))
        } else {
            Err("bic.invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest account holder name a SEPA transfer carries (EPC: 70 characters).
pub const HOLDER_NAME_MAX: usize = 70;

/// A bank account, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccountDetails {
    pub iban: AccountNumber,
    pub purpose: AccountPurpose,
    pub holder_name: String,
    pub bic: Option<Bic>,
    pub opened_on: Option<NaiveDate>,
    pub label: Option<String>,
}

impl super::BankAccountInput {
    /// Parses the form; `today` (in Brussels) bounds the opening date.
    pub fn validate(&self, today: NaiveDate) -> Result<BankAccountDetails, AppError> {
        let mut v = Validator::new();
        let iban = v.check("iban", AccountNumber::parse(&self.iban));
        let purpose = v.check("purpose", AccountPurpose::parse(&self.purpose));
        let holder_name = self.holder_name.trim();
        if holder_name.is_empty() {
            v.add("holder_name", "bank_account.holder_required");
        } else if holder_name.chars().count() > HOLDER_NAME_MAX {
            v.add("holder_name", "text.too_long");
        }
        let bic = match self.bic.trim() {
            "" => None,
            raw => v.check("bic", Bic::parse(raw)),
        };
        let opened_on = match self.opened_on.trim() {
            "" => None,
            raw => v.check("opened_on", not_after(raw, today)),
        };
        let label = self.label.trim();
        if label.chars().count() > 100 {
            v.add("label", "text.too_long");
        }
        v.finish()?;
        Ok(BankAccountDetails {
            iban: iban.expect("checked"),
            purpose: purpose.expect("checked"),
            holder_name: holder_name.to_owned(),
            bic,
            opened_on,
            label: (!label.is_empty()).then(|| label.to_owned()),
        })
    }
}

use super::holding::not_after;

/// The date an account is closed on: not in the future, not before it was opened.
pub fn closing_date(
    raw: &str,
    opened_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<NaiveDate, &'static str> {
    let closed_on = not_after(raw, today)?;
    match opened_on {
        Some(opened) if closed_on < opened => Err("bank_account.closed_before_opened"),
        _ => Ok(closed_on),
    }
}

/// Whether an account is open on `date`: closing takes effect at the start of its day.
pub fn is_open(
    opened_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    date: NaiveDate,
) -> bool {
    opened_on.is_none_or(|opened| opened <= date) && closed_on.is_none_or(|closed| date < closed)
}

/// The funds that have no open account: the building is reported until it has one of each.
pub fn missing_purposes(open: impl IntoIterator<Item = AccountPurpose>) -> Vec<AccountPurpose> {
    let open: Vec<AccountPurpose> = open.into_iter().collect();
    AccountPurpose::ALL
        .into_iter()
        .filter(|purpose| !open.contains(purpose))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgian_ibans_in_any_spelling() {
        for raw in [
            "BE68539007547034",
            "BE68 5390 0754 7034",
            " be68 5390 0754 7034 ",
        ] {
            let account = AccountNumber::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(account.electronic(), "BE68539007547034");
            assert_eq!(account.to_string(), "BE68 5390 0754 7034");
            assert_eq!(account.country(), "BE");
        }
    }

    #[test]
    fn wrong_check_digits_or_lengths_are_refused() {
        assert_eq!(AccountNumber::parse(""), Err("iban.required"));
        assert_eq!(
            AccountNumber::parse("BE68539007547035"),
            Err("iban.invalid")
        );
        assert_eq!(AccountNumber::parse("BE6853900754703"), Err("iban.invalid"));
        assert_eq!(
            AccountNumber::parse("XX68539007547034"),
            Err("iban.invalid")
        );
    }

    #[test]
    fn other_sepa_countries_are_accepted() {
        assert!(AccountNumber::parse("NL91 ABNA 0417 1643 00").is_ok());
        assert!(AccountNumber::parse("DE89 3704 0044 0532 0130 00").is_ok());
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input() -> super::super::BankAccountInput {
        super::super::BankAccountInput {
            iban: "BE68 5390 0754 7034".into(),
            purpose: "reserve".into(),
            holder_name: "ACP Résidence Les Jardins".into(),
            bic: "gkcc be bb".into(),
            opened_on: "2020-01-15".into(),
            label: String::new(),
        }
    }

    #[test]
    fn an_account_is_checked_field_by_field() {
        let today = date(2026, 12, 1);
        let details = input().validate(today).unwrap();
        assert_eq!(details.bic.unwrap().as_str(), "GKCCBEBB");
        assert_eq!(details.opened_on, Some(date(2020, 1, 15)));
        assert_eq!(details.label, None);
        let bad = super::super::BankAccountInput {
            iban: "BE68 5390 0754 7035".into(),
            purpose: String::new(),
            holder_name: " ".into(),
            bic: "GKCC".into(),
            opened_on: "2026-12-02".into(),
            label: "x".repeat(101),
        };
        let err = bad.validate(today).unwrap_err();
        let f = err.fields().unwrap();
        assert_eq!(f["iban"], ["iban.invalid"]);
        assert_eq!(f["purpose"], ["bank_account.purpose_required"]);
        assert_eq!(f["holder_name"], ["bank_account.holder_required"]);
        assert_eq!(f["bic"], ["bic.invalid"]);
        assert_eq!(f["opened_on"], ["date.future"]);
        assert_eq!(f["label"], ["text.too_long"]);
        let long = super::super::BankAccountInput {
            holder_name: "A".repeat(HOLDER_NAME_MAX + 1),
            ..input()
        };
        assert_eq!(
            long.validate(today).unwrap_err().fields().unwrap()["holder_name"],
            ["text.too_long"]
        );
    }

    #[test]
    fn bics_have_eight_or_eleven_characters() {
        assert!(Bic::parse("GEBABEBB").is_ok());
        assert!(Bic::parse("GEBABEBB036").is_ok());
        assert!(Bic::parse("gebabebb").is_ok());
        for bad in [
            "GEBABEB",
            "GEBABEBB03",
            "1EBABEBB",
            "GEBA-EBB",
            "GEBABEBB0361",
        ] {
            assert_eq!(Bic::parse(bad), Err("bic.invalid"), "{bad}");
        }
    }

    #[test]
    fn an_account_closes_after_it_opened_and_not_in_the_future() {
        let today = date(2026, 12, 1);
        let opened = Some(date(2020, 1, 15));
        assert_eq!(closing_date("2026-12-01", opened, today), Ok(today));
        assert_eq!(
            closing_date("2026-12-02", opened, today),
            Err("date.future")
        );
        assert_eq!(
            closing_date("2020-01-14", opened, today),
            Err("bank_account.closed_before_opened")
        );
        assert_eq!(closing_date("", opened, today), Err("date.required"));
        assert!(is_open(opened, None, today));
        assert!(!is_open(opened, Some(today), today));
        assert!(is_open(opened, Some(today), date(2026, 11, 30)));
        assert!(!is_open(opened, None, date(2020, 1, 14)));
    }

    #[test]
    fn several_accounts_per_fund_are_allowed_and_a_missing_fund_is_reported() {
        use AccountPurpose::*;
        assert!(missing_purposes([WorkingCapital, Reserve, Reserve]).is_empty());
        assert_eq!(
            missing_purposes([WorkingCapital, WorkingCapital]),
            [Reserve]
        );
        assert_eq!(missing_purposes([]), [WorkingCapital, Reserve]);
        assert_eq!(AccountPurpose::parse("reserve"), Ok(Reserve));
        assert_eq!(
            AccountPurpose::parse("castle"),
            Err("bank_account.purpose_invalid")
        );
    }
}
