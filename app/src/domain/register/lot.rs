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
}
