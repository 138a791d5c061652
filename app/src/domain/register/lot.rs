use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a lot is used for. Cellars, garages and parking spaces do not count towards the
/// lot thresholds of the Civil Code (e.g. a co-ownership council is mandatory from 20 lots,
/// art. 3.90 §1; the accounting regime of the Royal Decree of 12 July 2012 also depends on
/// 20 lots) — see DOMAIN.md "Lots, shares, voting weight".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LotKind {
    Apartment,
    House,
    Commercial,
    Office,
    Parking,
    Garage,
    Cellar,
    Storage,
    Other,
}

impl LotKind {
    pub const ALL: [LotKind; 9] = [
        LotKind::Apartment,
        LotKind::House,
        LotKind::Commercial,
        LotKind::Office,
        LotKind::Parking,
        LotKind::Garage,
        LotKind::Cellar,
        LotKind::Storage,
        LotKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LotKind::Apartment => "apartment",
            LotKind::House => "house",
            LotKind::Commercial => "commercial",
            LotKind::Office => "office",
            LotKind::Parking => "parking",
            LotKind::Garage => "garage",
            LotKind::Cellar => "cellar",
            LotKind::Storage => "storage",
            LotKind::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        LotKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or("lot_kind.invalid")
    }

    /// Whether the lot counts for the legal lot thresholds.
    pub fn counts_for_thresholds(self) -> bool {
        !matches!(self, LotKind::Cellar | LotKind::Garage | LotKind::Parking)
    }
}

/// The number of lots that count for the law's thresholds.
pub fn counted_lots(kinds: impl IntoIterator<Item = LotKind>) -> usize {
    kinds
        .into_iter()
        .filter(|k| k.counts_for_thresholds())
        .count()
}

/// Lot count from which a co-ownership council must be set up (art. 3.90 §1 Civil Code).
pub const COUNCIL_THRESHOLD: usize = 20;

pub fn council_required(counted: usize) -> bool {
    counted >= COUNCIL_THRESHOLD
}

/// A lot as typed in a form or a spreadsheet row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct LotInput {
    /// The lot's number in the basic deed, e.g. `A1`, `12`, `P-03`.
    pub number: String,
    /// apartment, house, commercial, office, parking, garage, cellar, storage or other.
    pub kind: String,
    pub floor: String,
    /// Square metres, `72.5` or `72,5`.
    pub area_m2: String,
    /// The lot's quotes-parts, an integer in the building's unit.
    pub quota: String,
    pub notes: String,
}

/// A validated lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotDetails {
    pub number: String,
    pub kind: LotKind,
    pub floor: Option<String>,
    /// Hundredths of a square metre, so that areas stay exact.
    pub area_cm2: Option<u64>,
    pub quota: u64,
    pub notes: Option<String>,
}

/// Lot numbers are short labels from the basic deed: letters, digits and `.-/ `.
pub fn parse_lot_number(raw: &str) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("lot_number.required");
    }
    if value.chars().count() > 20
        || !value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '/' | ' ' | '_'))
    {
        return Err("lot_number.invalid");
    }
    Ok(value.to_owned())
}

/// `72.5`, `72,50` or `72` square metres, to hundredths; at most two decimals, above zero.
pub fn parse_area(raw: &str) -> Result<Option<u64>, &'static str> {
    let value = raw.trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    let (whole, fraction) = value.split_once('.').unwrap_or((&value, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 7
    {
        return Err("area.invalid");
    }
    let whole: u64 = whole.parse().map_err(|_| "area.invalid")?;
    let hundredths: u64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    match whole * 100 + hundredths {
        0 => Err("area.invalid"),
        area => Ok(Some(area)),
    }
}

fn optional_text(raw: &str, max_chars: usize) -> Result<Option<String>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        Ok(None)
    } else if value.chars().count() > max_chars {
        Err("text.too_long")
    } else {
        Ok(Some(value.to_owned()))
    }
}

impl LotInput {
    /// Parses the form against the building's total of quotes-parts.
    pub fn validate(&self, building_total: u64) -> Result<LotDetails, AppError> {
        let mut v = Validator::new();
        let number = v.check("number", parse_lot_number(&self.number));
        let kind = v.check(
            "kind",
            if self.kind.trim().is_empty() {
                Err("lot_kind.required")
            } else {
                LotKind::parse(&self.kind)
            },
        );
        let floor = v.check("floor", optional_text(&self.floor, 20));
        let area_cm2 = v.check("area_m2", parse_area(&self.area_m2));
        let quota = v.check(
            "quota",
            super::quota::parse_quota(&self.quota, building_total),
        );
        let notes = v.check("notes", optional_text(&self.notes, 2000));
        v.finish()?;
        Ok(LotDetails {
            number: number.unwrap(),
            kind: kind.unwrap(),
            floor: floor.unwrap(),
            area_cm2: area_cm2.unwrap(),
            quota: quota.unwrap(),
            notes: notes.unwrap(),
        })
    }
}

/// How a lot came to be or ceased to be, beside the basic deed: by a deed amending it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LotEventKind {
    /// One lot became several (e.g. a large flat made into two).
    Division,
    /// Several lots became one.
    Merger,
}

impl LotEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LotEventKind::Division => "division",
            LotEventKind::Merger => "merger",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw {
            "division" => Ok(LotEventKind::Division),
            "merger" => Ok(LotEventKind::Merger),
            _ => Err("lot_event.invalid"),
        }
    }
}

/// A division of a lot, as typed: the date the new lots exist from, the deed, the lots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DivisionInput {
    /// `YYYY-MM-DD`: the divided lot ends and its successors begin on that day.
    pub date: String,
    pub basis: super::quota::BasisInput,
    /// At least two lots, each with its own number and quote-part.
    pub successors: Vec<LotInput>,
}

/// A merger of lots, as typed: the lots merged (the one it is asked from included) and the
/// lot they become.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MergerInput {
    /// `YYYY-MM-DD`: the merged lots end and the new one begins on that day.
    pub date: String,
    pub basis: super::quota::BasisInput,
    /// The other lots merged with this one.
    pub others: Vec<String>,
    pub successor: LotInput,
}

/// A validated division or merger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotChange {
    pub date: NaiveDate,
    pub basis: super::quota::Basis,
    pub successors: Vec<LotDetails>,
}

/// The most lots one deed may create: a bound on the work a request can cost.
pub const MAX_SUCCESSORS: usize = 50;

fn check_successors(
    v: &mut Validator,
    successors: &[LotInput],
    building_total: u64,
) -> Vec<LotDetails> {
    let mut details = Vec::with_capacity(successors.len());
    let mut numbers = std::collections::HashSet::new();
    for (i, input) in successors.iter().enumerate() {
        match input.validate(building_total) {
            Ok(lot) => {
                if !numbers.insert(lot.number.to_lowercase()) {
                    v.add(&format!("successors.{i}.number"), "lot_number.taken");
                }
                details.push(lot);
            }
            Err(err) => v.absorb(&format!("successors.{i}"), err),
        }
    }
    details
}

fn check_date(v: &mut Validator, raw: &str) -> Option<NaiveDate> {
    v.check("date", super::holding::parse_date(raw))
}

impl DivisionInput {
    pub fn validate(&self, building_total: u64, today: NaiveDate) -> Result<LotChange, AppError> {
        let mut v = Validator::new();
        let date = check_date(&mut v, &self.date);
        let basis = self.basis.check(&mut v, today);
        // Blank rows of a form are not lots.
        let rows: Vec<LotInput> = self
            .successors
            .iter()
            .filter(|l| l.number.trim() != "" || l.quota.trim() != "")
            .cloned()
            .collect();
        if rows.len() < 2 {
            v.add("successors", "division.too_few");
        } else if rows.len() > MAX_SUCCESSORS {
            v.add("successors", "division.too_many");
        }
        let successors = check_successors(
            &mut v,
            &rows[..rows.len().min(MAX_SUCCESSORS)],
            building_total,
        );
        v.finish()?;
        Ok(LotChange {
            date: date.expect("checked"),
            basis: basis.expect("checked"),
            successors,
        })
    }
}

impl MergerInput {
    /// The lots merged besides this one, and the change.
    pub fn validate(
        &self,
        building_total: u64,
        today: NaiveDate,
    ) -> Result<(Vec<uuid::Uuid>, LotChange), AppError> {
        let mut v = Validator::new();
        let date = check_date(&mut v, &self.date);
        let basis = self.basis.check(&mut v, today);
        let mut others = Vec::new();
        for raw in self.others.iter().filter(|r| !r.trim().is_empty()) {
            match uuid::Uuid::parse_str(raw.trim()) {
                Ok(id) if !others.contains(&id) => others.push(id),
                Ok(_) => {}
                Err(_) => v.add("others", "lot.unknown"),
            }
        }
        if others.is_empty() {
            v.add("others", "merger.too_few");
        } else if others.len() >= MAX_SUCCESSORS {
            v.add("others", "merger.too_many");
        }
        let successors = check_successors(
            &mut v,
            std::slice::from_ref(&self.successor),
            building_total,
        );
        v.finish()?;
        Ok((
            others,
            LotChange {
                date: date.expect("checked"),
                basis: basis.expect("checked"),
                successors,
            },
        ))
    }
}

/// A lot exists on `date` between its first day (none: since the basic deed) and its end.
pub fn exists_on(
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    date: NaiveDate,
) -> bool {
    valid_from.is_none_or(|from| from <= date) && valid_to.is_none_or(|to| date < to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cellars_garages_and_parking_do_not_count() {
        let kinds = [
            LotKind::Apartment,
            LotKind::Apartment,
            LotKind::Cellar,
            LotKind::Garage,
            LotKind::Parking,
            LotKind::Commercial,
            LotKind::Storage,
        ];
        assert_eq!(counted_lots(kinds), 4);
    }

    #[test]
    fn council_from_twenty_counted_lots() {
        assert!(!council_required(19));
        assert!(council_required(20));
        let mut kinds = vec![LotKind::Apartment; 19];
        kinds.extend([LotKind::Parking; 30]);
        assert!(!council_required(counted_lots(kinds)));
    }

    #[test]
    fn kinds_round_trip() {
        for kind in LotKind::ALL {
            assert_eq!(LotKind::parse(kind.as_str()), Ok(kind));
        }
        assert_eq!(LotKind::parse(" Cellar "), Ok(LotKind::Cellar));
        assert_eq!(LotKind::parse("castle"), Err("lot_kind.invalid"));
    }

    #[test]
    fn areas_are_exact_hundredths() {
        assert_eq!(parse_area("72.5"), Ok(Some(7250)));
        assert_eq!(parse_area("72,05"), Ok(Some(7205)));
        assert_eq!(parse_area(" 100 "), Ok(Some(10000)));
        assert_eq!(parse_area(""), Ok(None));
        assert_eq!(parse_area("0"), Err("area.invalid"));
        assert_eq!(parse_area("1.234"), Err("area.invalid"));
        assert_eq!(parse_area("-4"), Err("area.invalid"));
        assert_eq!(parse_area(".5"), Err("area.invalid"));
    }

    #[test]
    fn a_lot_form_names_each_bad_field() {
        let good = LotInput {
            number: "A1".into(),
            kind: "apartment".into(),
            floor: "1".into(),
            area_m2: "85".into(),
            quota: "150".into(),
            notes: "".into(),
        };
        let lot = good.validate(1000).unwrap();
        assert_eq!(
            (lot.kind, lot.quota, lot.area_cm2),
            (LotKind::Apartment, 150, Some(8500))
        );
        let bad = LotInput {
            number: "A1;drop".into(),
            kind: "castle".into(),
            area_m2: "big".into(),
            quota: "1001".into(),
            ..good
        };
        let err = bad.validate(1000).unwrap_err();
        let fields = err.fields().unwrap();
        assert_eq!(fields["number"], ["lot_number.invalid"]);
        assert_eq!(fields["kind"], ["lot_kind.invalid"]);
        assert_eq!(fields["area_m2"], ["area.invalid"]);
        assert_eq!(fields["quota"], ["quota.over_total"]);
    }

    #[test]
    fn a_division_needs_two_distinct_lots_and_a_basis() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let lot = |number: &str, quota: &str| LotInput {
            number: number.into(),
            kind: "apartment".into(),
            quota: quota.into(),
            ..Default::default()
        };
        let basis = super::super::quota::BasisInput {
            kind: "deed".into(),
            reference: "Notaire Dupont, rép. 2026/118".into(),
            date: "2026-03-01".into(),
        };
        let input = DivisionInput {
            date: "2026-03-01".into(),
            basis: basis.clone(),
            successors: vec![lot("A1a", "60"), lot("A1b", "40"), lot("", "")],
        };
        let change = input.validate(1000, today).unwrap();
        assert_eq!(change.successors.len(), 2, "the blank row is not a lot");
        let one = DivisionInput {
            successors: vec![lot("A1a", "100")],
            ..input.clone()
        };
        assert_eq!(
            one.validate(1000, today).unwrap_err().fields().unwrap()["successors"],
            ["division.too_few"]
        );
        let twins = DivisionInput {
            successors: vec![lot("A1a", "60"), lot("a1A", "40"), lot("A1c", "0")],
            basis: Default::default(),
            ..input.clone()
        };
        let err = twins.validate(1000, today).unwrap_err();
        let fields = err.fields().unwrap();
        assert_eq!(fields["successors.1.number"], ["lot_number.taken"]);
        assert_eq!(fields["successors.2.quota"], ["quota.zero"]);
        assert_eq!(fields["basis.kind"], ["quota_basis.required"]);
        let merger = MergerInput {
            date: "2026-03-01".into(),
            basis,
            others: vec!["not-an-id".into()],
            successor: lot("AB", "100"),
        };
        assert_eq!(
            merger.validate(1000, today).unwrap_err().fields().unwrap()["others"],
            ["lot.unknown", "merger.too_few"]
        );
    }
}
