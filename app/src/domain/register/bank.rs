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
/// fund in separate accounts in the association's name (art. 3.86 Civil Code, see
/// DOMAIN.md "Funds and charges").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountPurpose {
    WorkingCapital,
    Reserve,
}

impl AccountPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountPurpose::WorkingCapital => "working_capital",
            AccountPurpose::Reserve => "reserve",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim().to_lowercase().as_str() {
            "" | "working_capital" => Ok(AccountPurpose::WorkingCapital),
            "reserve" => Ok(AccountPurpose::Reserve),
            _ => Err("bank_account.purpose_invalid"),
        }
    }
}

/// A building's accounts may name at most one reserve-fund account.
pub fn check_single_reserve(
    purposes: impl IntoIterator<Item = AccountPurpose>,
) -> Result<(), &'static str> {
    let reserves = purposes
        .into_iter()
        .filter(|p| *p == AccountPurpose::Reserve)
        .count();
    if reserves > 1 {
        Err("bank_account.several_reserve")
    } else {
        Ok(())
    }
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

    #[test]
    fn one_reserve_account_at_most() {
        use AccountPurpose::*;
        assert!(check_single_reserve([WorkingCapital, Reserve]).is_ok());
        assert!(check_single_reserve([WorkingCapital, WorkingCapital]).is_ok());
        assert_eq!(
            check_single_reserve([Reserve, WorkingCapital, Reserve]),
            Err("bank_account.several_reserve")
        );
    }
}
