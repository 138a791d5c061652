//! Forms that change who holds a lot — the first registration of its holders and a transfer
//! (sale, inheritance, donation) — and the views of the register shown by the UI and REST.

use super::share::{Right, Share};
use super::{LotKind, OwnerKind};
use crate::domain::AppError;
use crate::domain::error::Validator;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

impl Right {
    pub const ALL: [Right; 7] = [
        Right::FullOwnership,
        Right::BareOwnership,
        Right::Usufruct,
        Right::Emphyteusis,
        Right::BuildingRight,
        Right::RightOfUse,
        Right::RightOfHabitation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Right::FullOwnership => "full_ownership",
            Right::BareOwnership => "bare_ownership",
            Right::Usufruct => "usufruct",
            Right::Emphyteusis => "emphyteusis",
            Right::BuildingRight => "building_right",
            Right::RightOfUse => "right_of_use",
            Right::RightOfHabitation => "right_of_habitation",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Ok(Right::FullOwnership);
        }
        Right::ALL
            .into_iter()
            .find(|r| r.as_str() == value)
            .ok_or("right.invalid")
    }

    pub fn label_key(self) -> String {
        format!("right.{}", self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    Sale,
    Inheritance,
    Donation,
    Other,
}

impl TransferKind {
    pub const ALL: [TransferKind; 4] = [
        TransferKind::Sale,
        TransferKind::Inheritance,
        TransferKind::Donation,
        TransferKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TransferKind::Sale => "sale",
            TransferKind::Inheritance => "inheritance",
            TransferKind::Donation => "donation",
            TransferKind::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        TransferKind::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
            .ok_or("transfer_kind.invalid")
    }
}

/// A validated holder: who, in which right, for which share.
pub type NewHolder = (Uuid, Right, Share);

/// One holder in a form: who, in which right, for which share (`1/2`, `50%`, `5000bp`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HolderInput {
    pub owner_id: String,
    /// full_ownership (default), bare_ownership, usufruct, emphyteusis, building_right,
    /// right_of_use or right_of_habitation.
    pub right: String,
    pub share: String,
}

/// The first registration of a lot's holders (when the register is set up).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HoldersInput {
    /// `YYYY-MM-DD`: since when they hold the lot (the deed's date if known).
    pub valid_from: String,
    pub holders: Vec<HolderInput>,
}

/// A transfer of (part of) a lot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TransferInput {
    /// sale, inheritance, donation or other.
    pub kind: String,
    /// `YYYY-MM-DD`, the date of the notarial deed; the new holders hold from that day.
    pub deed_date: String,
    pub notary: String,
    /// Owners whose holdings end on the deed date.
    pub sellers: Vec<String>,
    pub acquirers: Vec<HolderInput>,
    /// `YYYY-MM-DD`: from when the buyers enjoy the lot (they bear its ordinary charges from
    /// then); the deed date when empty.
    pub enjoyment_date: String,
    /// `YYYY-MM-DD`: when the syndic was notified of the deed; empty while not notified (the
    /// association keeps knowing the sellers until then).
    pub notified_on: String,
    /// Where the sellers' mail goes now, if they gave a new address.
    pub seller_address: String,
    /// Other lots of the same building the same deed conveys, from the same sellers to the
    /// same acquirers with the same shares (an apartment with its cellar and parking).
    pub other_lots: Vec<String>,
}

/// The most lots one deed may convey in one request: bounds the work of a request.
pub const MAX_DEED_LOTS: usize = 50;

/// A written designation of a co-held lot's mandatary, as the syndic records it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MandataryInput {
    /// A person of the owner directory: one of the holders or a third person.
    pub owner_id: String,
    /// `YYYY-MM-DD`: from when the mandatary acts for the lot; the day it was received when
    /// empty.
    pub valid_from: String,
    /// `YYYY-MM-DD`: when the syndic received the written designation.
    pub received_on: String,
    /// Where the written designation is kept (a file reference, at most 200 characters).
    pub document: String,
}

impl MandataryInput {
    pub fn validate(&self) -> Result<(super::mandatary::Designation, Option<String>), AppError> {
        let mut v = Validator::new();
        let mandatary = v.check("owner_id", parse_id(&self.owner_id));
        let received_on = v.check("received_on", parse_date(&self.received_on));
        let from = if self.valid_from.trim().is_empty() {
            received_on
        } else {
            v.check("valid_from", parse_date(&self.valid_from))
        };
        let document = self.document.trim();
        if document.chars().count() > 200 {
            v.add("document", "text.too_long");
        }
        v.finish()?;
        Ok((
            super::mandatary::Designation {
                mandatary: mandatary.expect("checked"),
                from: from.expect("checked"),
                received_on: received_on.expect("checked"),
            },
            (!document.is_empty()).then(|| document.to_owned()),
        ))
    }
}

/// `?as_of=YYYY-MM-DD` of the dated views: empty for today, else a date.
pub fn parse_as_of(raw: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(raw) => parse_date(raw)
            .map(Some)
            .map_err(|code| AppError::field("as_of", code)),
    }
}

/// The years a register date may fall in. Bounds the dates every rule computes with (a
/// mandate's third anniversary, a deadline, a reserve fund's start): a year near chrono's
/// limit would make that arithmetic overflow.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// A date that has come: a deed signed, a request received, an answer sent.
pub fn not_after(raw: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    let date = parse_date(raw)?;
    if date > today {
        Err("date.future")
    } else {
        Ok(date)
    }
}

pub fn parse_date(raw: &str) -> Result<NaiveDate, &'static str> {
    use chrono::Datelike;
    let value = raw.trim();
    if value.is_empty() {
        return Err("date.required");
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| "date.invalid")?;
    if !DATE_YEARS.contains(&date.year()) {
        return Err("date.out_of_range");
    }
    Ok(date)
}

fn parse_id(raw: &str) -> Result<Uuid, &'static str> {
    Uuid::parse_str(raw.trim()).map_err(|_| "owner.required")
}

/// The holders of a form, each field checked; a list error goes under `holders`.
fn parse_holders(
    v: &mut Validator,
    field: &str,
    holders: &[HolderInput],
) -> Option<Vec<NewHolder>> {
    if holders.is_empty() {
        v.add(field, "holders.required");
        return None;
    }
    let mut parsed = Vec::new();
    let mut ok = true;
    for (i, holder) in holders.iter().enumerate() {
        let owner = v.check(&format!("{field}.{i}.owner_id"), parse_id(&holder.owner_id));
        let right = v.check(&format!("{field}.{i}.right"), Right::parse(&holder.right));
        let share = v.check(&format!("{field}.{i}.share"), Share::parse(&holder.share));
        match (owner, right, share) {
            (Some(o), Some(r), Some(s)) => parsed.push((o, r, s)),
            _ => ok = false,
        }
    }
    let mut seen = std::collections::HashSet::new();
    if ok && !parsed.iter().all(|(o, r, _)| seen.insert((*o, *r))) {
        v.add(field, "holders.duplicate");
        return None;
    }
    ok.then_some(parsed)
}

impl HoldersInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, Vec<NewHolder>), AppError> {
        let mut v = Validator::new();
        let from = v.check("valid_from", not_after(&self.valid_from, today));
        let holders = parse_holders(&mut v, "holders", &self.holders);
        v.finish()?;
        Ok((from.unwrap(), holders.unwrap()))
    }
}

/// A validated transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferDetails {
    pub kind: TransferKind,
    pub notary: Option<String>,
    pub transfer: super::share::Transfer,
    pub enjoyment_date: NaiveDate,
    pub notified_on: Option<NaiveDate>,
    pub seller_address: Option<String>,
    /// The other lots of the deed, each once.
    pub other_lots: Vec<Uuid>,
}

/// A notification date: after the deed, not in the future.
pub fn parse_notified_on(
    raw: &str,
    deed: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, &'static str> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let date = not_after(raw, today)?;
    if deed.is_some_and(|deed| date < deed) {
        return Err("transfer.notified_before_deed");
    }
    Ok(Some(date))
}

impl TransferInput {
    /// Deeds are recorded once signed, so the deed date cannot be in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<TransferDetails, AppError> {
        let mut v = Validator::new();
        let kind = v.check("kind", TransferKind::parse(&self.kind));
        let date = v.check("deed_date", not_after(&self.deed_date, today));
        let notary = self.notary.trim();
        if notary.chars().count() > 200 {
            v.add("notary", "text.too_long");
        }
        let sellers: Vec<Uuid> = self
            .sellers
            .iter()
            .filter(|s| !s.trim().is_empty())
            .filter_map(|s| v.check("sellers", parse_id(s)))
            .collect();
        if sellers.is_empty() && !v.has("sellers") {
            v.add("sellers", "transfer.sellers_required");
        }
        let acquirers = parse_holders(&mut v, "acquirers", &self.acquirers);
        let enjoyment = if self.enjoyment_date.trim().is_empty() {
            date
        } else {
            v.check("enjoyment_date", parse_date(&self.enjoyment_date))
        };
        let notified_on = v.check(
            "notified_on",
            parse_notified_on(&self.notified_on, date, today),
        );
        let seller_address = self.seller_address.trim();
        if seller_address.chars().count() > 300 {
            v.add("seller_address", "text.too_long");
        }
        let mut other_lots: Vec<Uuid> = Vec::new();
        let listed: Vec<&String> = self
            .other_lots
            .iter()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if listed.len() >= MAX_DEED_LOTS {
            v.add("other_lots", "transfer.too_many_lots");
        } else {
            for raw in listed {
                match Uuid::parse_str(raw.trim()) {
                    Ok(id) if !other_lots.contains(&id) => other_lots.push(id),
                    Ok(_) => {}
                    Err(_) => v.add("other_lots", "lot.unknown"),
                }
            }
        }
        v.finish()?;
        Ok(TransferDetails {
            kind: kind.unwrap(),
            notary: (!notary.is_empty()).then(|| notary.to_owned()),
            enjoyment_date: enjoyment.expect("checked"),
            notified_on: notified_on.expect("checked"),
            seller_address: (!seller_address.is_empty()).then(|| seller_address.to_owned()),
            other_lots,
            transfer: super::share::Transfer {
                date: date.unwrap(),
                sellers,
                acquirers: acquirers.unwrap(),
            },
        })
    }
}

/// A page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many match in all.
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
}

/// The last page anyone can ask for: offsets stay far from overflowing and the database
/// never scans further than a real register could be long.
pub const MAX_PAGE: u64 = 100_000;
pub const MAX_PER_PAGE: u64 = 200;

/// Page numbers and sizes as asked: a page from 1 to `MAX_PAGE`, 1 to `MAX_PER_PAGE` items.
/// Anything else is a 422 naming the parameter (it used to overflow the offset: a 500).
pub fn page_bounds(
    page: Option<u64>,
    per_page: Option<u64>,
) -> Result<(u64, u64), crate::domain::AppError> {
    let mut v = crate::domain::error::Validator::new();
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(50);
    if !(1..=MAX_PAGE).contains(&page) {
        v.add("page", "page.invalid");
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        v.add("per_page", "per_page.invalid");
    }
    v.finish()?;
    Ok((page, per_page))
}

/// One holder of a lot today, as shown next to the lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Holder {
    pub owner_id: Uuid,
    pub name: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub right: Right,
    /// `1/2`, or `100%` for a whole.
    pub share: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Lot {
    pub id: Uuid,
    pub building_id: Uuid,
    pub number: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: LotKind,
    pub floor: Option<String>,
    /// Square metres, to the hundredth.
    pub area_m2: Option<String>,
    /// The quote-part in force on the day the lot is viewed at (0 if it did not exist then).
    pub quota: u64,
    pub notes: Option<String>,
    /// The lot's first day; `None`: since the basic deed.
    pub valid_from: Option<NaiveDate>,
    /// The day it ended (divided or merged), exclusive.
    pub valid_to: Option<NaiveDate>,
    pub version: i32,
    /// The holders on the day viewed at.
    pub holders: Vec<Holder>,
    /// The mandatary the co-holders designated to vote for the lot, if one is in force today.
    pub representative_id: Option<Uuid>,
    /// Their name: a holder's or a third person's.
    pub representative_name: Option<String>,
    /// Several holders and no representative: the lot cannot vote (DOMAIN.md).
    pub needs_representative: bool,
}

/// One period of the lot's ownership history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Holding {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub owner_name: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub right: Right,
    pub share: String,
    pub valid_from: NaiveDate,
    /// The first day the holding no longer applies; open if none.
    pub valid_to: Option<NaiveDate>,
    /// The transfer that opened it, if it was not the first registration.
    pub transfer_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TransferRecord {
    pub id: Uuid,
    pub kind: TransferKind,
    pub deed_date: NaiveDate,
    pub notary: Option<String>,
    pub enjoyment_date: NaiveDate,
    /// `None` while the syndic was not notified.
    pub notified_on: Option<NaiveDate>,
    pub seller_address: Option<String>,
    /// Voided transfers stay, with why, and count for nothing.
    pub voided_on: Option<NaiveDate>,
    pub void_reason: Option<String>,
    pub version: i32,
    /// The other lots the same deed conveyed.
    pub deed_lots: Vec<LotLink>,
}

/// The syndic was notified of a deed on a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NotificationInput {
    /// `YYYY-MM-DD`, no earlier than the deed and not in the future.
    pub notified_on: String,
    /// The transfer's `version`.
    pub version: i32,
}

/// Why a transfer recorded by mistake is voided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct VoidInput {
    /// Required, at most 500 characters: it stays in the register and the history.
    pub reason: String,
    pub version: i32,
}

impl VoidInput {
    pub fn validate(&self) -> Result<String, AppError> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err(AppError::field("reason", "transfer.void_reason_required"));
        }
        if reason.chars().count() > 500 {
            return Err(AppError::field("reason", "text.too_long"));
        }
        Ok(reason.to_owned())
    }
}

/// A notary's request about the lot (art. 3.94), as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NotaryRequestInput {
    /// `before_agreement` (15 days) or `before_deed` (30 days).
    pub kind: String,
    /// `YYYY-MM-DD`: when the request reached the syndic.
    pub received_on: String,
    pub notary: String,
    pub reference: String,
}

/// A validated notary's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotaryRequestDetails {
    pub kind: super::sale::NotaryRequestKind,
    pub received_on: NaiveDate,
    pub notary: String,
    pub reference: Option<String>,
}

impl NotaryRequestInput {
    pub fn validate(&self, today: NaiveDate) -> Result<NotaryRequestDetails, AppError> {
        let mut v = Validator::new();
        let kind = v.check("kind", super::sale::NotaryRequestKind::parse(&self.kind));
        let received_on = v.check("received_on", not_after(&self.received_on, today));
        let notary = self.notary.trim();
        if notary.is_empty() {
            v.add("notary", "notary.required");
        } else if notary.chars().count() > 200 {
            v.add("notary", "text.too_long");
        }
        let reference = self.reference.trim();
        if reference.chars().count() > 200 {
            v.add("reference", "text.too_long");
        }
        v.finish()?;
        Ok(NotaryRequestDetails {
            kind: kind.expect("checked"),
            received_on: received_on.expect("checked"),
            notary: notary.to_owned(),
            reference: (!reference.is_empty()).then(|| reference.to_owned()),
        })
    }
}

/// The syndic answered a notary's request on a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AnswerInput {
    /// `YYYY-MM-DD`, no earlier than the request and not in the future.
    pub answered_on: String,
    pub version: i32,
}

/// A notary's request with where its answer stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NotaryRequest {
    pub id: Uuid,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: super::sale::NotaryRequestKind,
    pub received_on: NaiveDate,
    /// The legal deadline of the answer.
    pub due_on: NaiveDate,
    pub notary: String,
    pub reference: Option<String>,
    pub answered_on: Option<NaiveDate>,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub state: super::sale::AnswerState,
    pub version: i32,
}

/// A lot at the other end of a division or merger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LotLink {
    pub id: Uuid,
    pub number: String,
}

/// The division or merger a lot comes from or ended by, with the lots on its other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LotLineage {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: super::LotEventKind,
    pub date: NaiveDate,
    pub reference: String,
    pub basis_date: NaiveDate,
    /// The predecessors (for the lot's origin) or successors (for its end).
    pub lots: Vec<LotLink>,
}

/// A lot with its whole history, and its state on the day viewed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LotRecord {
    /// The day the lot is viewed at (today unless asked).
    pub as_of: NaiveDate,
    pub lot: Lot,
    pub building_name: String,
    /// The building's total on `as_of`.
    pub building_total_quota: u64,
    /// Newest first.
    pub history: Vec<Holding>,
    pub transfers: Vec<TransferRecord>,
    /// The lot's quote-part over time, newest first.
    pub quota_history: Vec<super::QuotaPeriod>,
    pub origin: Option<LotLineage>,
    pub end: Option<LotLineage>,
    /// The holders as known to the syndic on `as_of` (a transfer counts from its
    /// notification), when they differ from `lot.holders`.
    pub known_holders: Option<Vec<Holder>>,
    /// Newest first.
    pub notary_requests: Vec<NotaryRequest>,
}

/// A lot an owner holds today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OwnedLot {
    pub lot_id: Uuid,
    pub building_id: Uuid,
    pub building_name: String,
    pub number: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: LotKind,
    pub quota: u64,
    pub building_total_quota: u64,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub right: Right,
    pub share: String,
    /// The other holders of the same lot, by name only.
    pub co_holders: Vec<String>,
    /// Whether the owner holds the lot on the date (by the deeds).
    pub held: bool,
    /// Whether the syndic counts them for it on the date: a sale counts for the association
    /// from its notification, so a seller stays known (and a buyer unknown) until then.
    pub known_to_syndic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Owner {
    pub id: Uuid,
    pub kind: OwnerKind,
    pub first_name: Option<String>,
    pub last_name: String,
    /// `Peeters Anna`, or the company's name.
    pub name: String,
    pub company_number: Option<String>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: String,
    /// The owner's consents to e-mail, per association, newest first (a history: ended ones
    /// stay, with why they ended).
    pub consents: Vec<super::Consent>,
    /// Who acts for the owner (a company's organ, a minor's parent...), a history, the
    /// latest first.
    pub agents: Vec<super::Agent>,
    pub user_id: Option<Uuid>,
    pub version: i32,
    /// What the owner holds on the date asked (today by default), and what the syndic still
    /// counts them for then.
    pub lots: Vec<OwnedLot>,
}

/// An owner as its edit form starts: the fields as recorded.
impl From<&Owner> for super::OwnerInput {
    fn from(owner: &Owner) -> Self {
        super::OwnerInput {
            kind: owner.kind.as_str().into(),
            first_name: owner.first_name.clone().unwrap_or_default(),
            last_name: owner.last_name.clone(),
            company_number: owner.company_number.clone().unwrap_or_default(),
            street: owner.street.clone(),
            postal_code: owner.postal_code.clone(),
            city: owner.city.clone(),
            country: owner.country.clone(),
            email: owner.email.clone().unwrap_or_default(),
            phone: owner.phone.clone().unwrap_or_default(),
            locale: owner.locale.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn holder(owner: Uuid, right: &str, share: &str) -> HolderInput {
        HolderInput {
            owner_id: owner.to_string(),
            right: right.into(),
            share: share.into(),
        }
    }

    #[test]
    fn a_deed_signed_after_midnight_in_brussels_is_not_in_the_future() {
        use chrono::TimeZone;
        // 00:30 on 2 December in Brussels, still 1 December in UTC.
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 12, 1, 23, 30, 0)
            .unwrap();
        let input = HoldersInput {
            valid_from: "2026-12-02".into(),
            holders: vec![holder(Uuid::now_v7(), "", "1/1")],
        };
        assert!(input.validate(now.date_naive()).is_err(), "UTC refused it");
        let (from, _) = input
            .validate(crate::domain::calendar::date_of(now))
            .unwrap();
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    }

    #[test]
    fn holders_parse_and_each_bad_row_is_named() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let ok = HoldersInput {
            valid_from: "2019-03-01".into(),
            holders: vec![holder(a, "", "1/2"), holder(b, "full_ownership", "50%")],
        };
        let (from, holders) = ok.validate(today()).unwrap();
        assert_eq!(from, NaiveDate::from_ymd_opt(2019, 3, 1).unwrap());
        assert_eq!(holders[1].2, Share::new(1, 2).unwrap());
        let bad = HoldersInput {
            valid_from: "2030-01-01".into(),
            holders: vec![holder(a, "lease", "0"), HolderInput::default()],
        };
        let err = bad.validate(today()).unwrap_err();
        let f = err.fields().unwrap();
        assert_eq!(f["valid_from"], ["date.future"]);
        assert_eq!(f["holders.0.right"], ["right.invalid"]);
        assert_eq!(f["holders.0.share"], ["share.zero"]);
        assert_eq!(f["holders.1.owner_id"], ["owner.required"]);
        assert_eq!(f["holders.1.share"], ["share.required"]);
        let twice = HoldersInput {
            valid_from: "2019-03-01".into(),
            holders: vec![holder(a, "", "1/2"), holder(a, "", "1/2")],
        };
        assert_eq!(
            twice.validate(today()).unwrap_err().fields().unwrap()["holders"],
            ["holders.duplicate"]
        );
    }

    #[test]
    fn transfers_need_parties_and_a_past_deed_date() {
        let err = TransferInput {
            kind: "gift".into(),
            deed_date: "2027-01-01".into(),
            ..Default::default()
        }
        .validate(today())
        .unwrap_err();
        let f = err.fields().unwrap();
        assert_eq!(f["kind"], ["transfer_kind.invalid"]);
        assert_eq!(f["deed_date"], ["date.future"]);
        assert_eq!(f["sellers"], ["transfer.sellers_required"]);
        assert_eq!(f["acquirers"], ["holders.required"]);
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let ok = TransferInput {
            kind: "sale".into(),
            deed_date: "2026-06-30".into(),
            notary: " Me Dubois ".into(),
            sellers: vec![a.to_string()],
            acquirers: vec![holder(b, "", "1")],
            ..Default::default()
        };
        let details = ok.validate(today()).unwrap();
        assert_eq!(details.notary.as_deref(), Some("Me Dubois"));
        assert_eq!(details.transfer.sellers, [a]);
        // Enjoyed from the deed unless said; not notified until said.
        let deed = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!((details.enjoyment_date, details.notified_on), (deed, None));
        let dated = TransferInput {
            enjoyment_date: "2026-07-01".into(),
            notified_on: "2026-07-15".into(),
            seller_address: " Rue Neuve 2, 1000 Bruxelles ".into(),
            ..ok.clone()
        }
        .validate(today())
        .unwrap();
        assert_eq!(
            dated.enjoyment_date,
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        assert_eq!(dated.notified_on, NaiveDate::from_ymd_opt(2026, 7, 15));
        assert_eq!(
            dated.seller_address.as_deref(),
            Some("Rue Neuve 2, 1000 Bruxelles")
        );
        let early = TransferInput {
            notified_on: "2026-06-29".into(),
            ..ok.clone()
        };
        assert_eq!(
            early.validate(today()).unwrap_err().fields().unwrap()["notified_on"],
            ["transfer.notified_before_deed"]
        );
    }

    #[test]
    fn dates_stay_within_the_years_a_register_knows() {
        assert_eq!(
            parse_date("1967-05-12"),
            NaiveDate::from_ymd_opt(1967, 5, 12).ok_or("")
        );
        assert_eq!(parse_date("9999-12-31"), Err("date.out_of_range"));
        assert!(parse_date("+262142-01-01").is_err());
        assert_eq!(parse_date("1799-12-31"), Err("date.out_of_range"));
        assert_eq!(parse_date("2026-02-30"), Err("date.invalid"));
        assert_eq!(
            parse_as_of(Some("9000-01-01"))
                .unwrap_err()
                .fields()
                .unwrap()["as_of"],
            ["date.out_of_range"]
        );
    }

    #[test]
    fn pages_stay_in_bounds() {
        assert_eq!(page_bounds(None, None), Ok((1, 50)));
        assert_eq!(page_bounds(Some(3), Some(200)), Ok((3, 200)));
        let err = page_bounds(Some(0), Some(10_000)).unwrap_err();
        assert_eq!(err.fields().unwrap()["page"], ["page.invalid"]);
        assert_eq!(err.fields().unwrap()["per_page"], ["per_page.invalid"]);
        assert!(page_bounds(Some(u64::MAX), None).is_err());
        assert!(page_bounds(Some(MAX_PAGE), Some(MAX_PER_PAGE)).is_ok());
    }

    #[test]
    fn rights_parse() {
        for right in Right::ALL {
            assert_eq!(Right::parse(right.as_str()), Ok(right));
        }
        assert_eq!(Right::parse(""), Ok(Right::FullOwnership));
        assert_eq!(Right::parse("lease"), Err("right.invalid"));
    }
}
