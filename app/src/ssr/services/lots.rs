//! Lots of a building: numbers, kinds, quotes-parts, their life (divisions, mergers); with
//! their holders on any date.

use super::{audit, buildings, quotas};
use crate::domain::register::holding::page_bounds;
use crate::domain::register::lot::{LotChange, exists_on};
use crate::domain::register::quota::QuotaBasis;
use crate::domain::register::{
    DivisionInput, Holder, Lot, LotDetails, LotEventKind, LotInput, LotKind, LotLineage, LotLink,
    LotRecord, MergerInput, Page, Right, Share,
};
use crate::domain::register::{Holding, TransferKind, TransferRecord, owner::display_name};
use crate::domain::{Actor, AppError, Permission, calendar};
use crate::ssr::decode;
use chrono::{NaiveDate, Utc};
use entity::{lot, lot_event, lot_representative, owner, ownership, quota_period, transfer};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

pub fn covers(row: &ownership::Model, date: NaiveDate) -> bool {
    row.valid_from <= date && row.valid_to.is_none_or(|to| date < to)
}

/// `covers` in SQL: the holdings in force on `date`.
pub fn held_on(date: NaiveDate) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(ownership::Column::ValidFrom.lte(date))
        .add(
            sea_orm::Condition::any()
                .add(ownership::Column::ValidTo.is_null())
                .add(ownership::Column::ValidTo.gt(date)),
        )
}

fn at<'a>(column: &'static str, id: &'a Uuid, table: &'static str) -> decode::At<'a> {
    decode::At { table, column, id }
}

pub fn share_of(row: &ownership::Model) -> Result<Share, AppError> {
    decode::share(
        at("share", &row.id, "ownerships"),
        row.share_numerator,
        row.share_denominator,
    )
}

pub fn right_of(row: &ownership::Model) -> Result<Right, AppError> {
    decode::right(at("right", &row.id, "ownerships"), &row.right)
}

pub fn kind_of(row: &lot::Model) -> Result<LotKind, AppError> {
    decode::text(at("kind", &row.id, "lots"), &row.kind, LotKind::parse)
}

/// The building's total in force today.
pub async fn quota_total_today(
    conn: &impl ConnectionTrait,
    building_id: Uuid,
) -> Result<u64, AppError> {
    quotas::total_on(
        &quotas::of_building(conn, building_id).await?,
        calendar::today(),
    )
}

/// A period covering `date`, in SQL: started by then (or with no start: since the basic
/// deed) and not ended (its end is exclusive).
pub fn period_covers(from: Expr, to: Expr, date: NaiveDate) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(
            sea_orm::Condition::any()
                .add(from.clone().is_null())
                .add(from.lte(date)),
        )
        .add(
            sea_orm::Condition::any()
                .add(to.clone().is_null())
                .add(to.gt(date)),
        )
}

/// `exists_on` in SQL: the lots that existed on `date`.
pub fn existing_on(date: NaiveDate) -> sea_orm::Condition {
    period_covers(
        Expr::col((lot::Entity, lot::Column::ValidFrom)),
        Expr::col((lot::Entity, lot::Column::ValidTo)),
        date,
    )
}

pub fn owner_name(row: &owner::Model) -> String {
    display_name(row.first_name.as_deref(), &row.last_name)
}

fn area_text(cm2: Option<i64>) -> Option<String> {
    cm2.map(|a| {
        let (whole, hundredths) = (a / 100, a % 100);
        if hundredths == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{hundredths:02}")
                .trim_end_matches('0')
                .to_owned()
        }
    })
}

/// Everything needed to show lots with their holders and quotes-parts on a date.
pub struct Holdings {
    pub ownerships: Vec<ownership::Model>,
    pub owners: HashMap<Uuid, owner::Model>,
    pub representatives: Vec<lot_representative::Model>,
    /// The lots' quota periods and their buildings' totals.
    pub quotas: Vec<quota_period::Model>,
}

impl Holdings {
    /// A lot just created has no holders, representative or owners to load.
    pub fn none(quotas: Vec<quota_period::Model>) -> Self {
        Holdings {
            ownerships: Vec::new(),
            owners: HashMap::new(),
            representatives: Vec::new(),
            quotas,
        }
    }

    fn quota_in(
        &self,
        date: NaiveDate,
        of: impl Fn(&quota_period::Model) -> bool,
    ) -> Result<u64, AppError> {
        match self
            .quotas
            .iter()
            .find(|q| of(q) && exists_on(q.valid_from, q.valid_to, date))
        {
            Some(row) => Ok(quotas::to_domain(row)?.quota),
            None => Ok(0),
        }
    }

    /// A lot's quote-part on `date` (0 when it did not exist then).
    pub fn quota_on(&self, lot_id: Uuid, date: NaiveDate) -> Result<u64, AppError> {
        self.quota_in(date, |q| q.lot_id == Some(lot_id))
    }

    /// A building's total on `date`.
    pub fn total_on(&self, building_id: Uuid, date: NaiveDate) -> Result<u64, AppError> {
        self.quota_in(date, |q| q.lot_id.is_none() && q.building_id == building_id)
    }

    pub async fn load(conn: &impl ConnectionTrait, lot_ids: &[Uuid]) -> Result<Self, AppError> {
        // The holdings with their owners, in one statement.
        let rows = ownership::Entity::find()
            .filter(ownership::Column::LotId.is_in(lot_ids.iter().copied()))
            .order_by_asc(ownership::Column::ValidFrom)
            .order_by_asc(ownership::Column::CreatedAt)
            .find_also_related(owner::Entity)
            .all(conn)
            .await?;
        let mut owners = HashMap::new();
        let mut ownerships = Vec::with_capacity(rows.len());
        for (holding, owner) in rows {
            if let Some(owner) = owner {
                owners.insert(owner.id, owner);
            }
            ownerships.push(holding);
        }
        let representatives = lot_representative::Entity::find()
            .filter(lot_representative::Column::LotId.is_in(lot_ids.iter().copied()))
            .all(conn)
            .await?;
        // The lots' quota periods and their buildings' totals, in one statement.
        let buildings = sea_orm::sea_query::Query::select()
            .column(lot::Column::BuildingId)
            .from(lot::Entity)
            .and_where(lot::Column::Id.is_in(lot_ids.iter().copied()))
            .to_owned();
        let quotas = quota_period::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(quota_period::Column::LotId.is_in(lot_ids.iter().copied()))
                    .add(
                        sea_orm::Condition::all()
                            .add(quota_period::Column::LotId.is_null())
                            .add(quota_period::Column::BuildingId.in_subquery(buildings)),
                    ),
            )
            .order_by_asc(quota_period::Column::ValidFrom)
            .all(conn)
            .await?;
        // A mandatary may be a third person, not among the holders: read only those.
        let third: Vec<Uuid> = representatives
            .iter()
            .map(|r| r.owner_id)
            .filter(|id| !owners.contains_key(id))
            .collect();
        if !third.is_empty() {
            for owner in owner::Entity::find()
                .filter(owner::Column::Id.is_in(third))
                .all(conn)
                .await?
            {
                owners.insert(owner.id, owner);
            }
        }
        Ok(Holdings {
            ownerships,
            owners,
            representatives,
            quotas,
        })
    }

    pub fn name(&self, owner_id: Uuid) -> String {
        self.owners
            .get(&owner_id)
            .map(owner_name)
            .unwrap_or_default()
    }

    pub fn current(&self, lot_id: Uuid, date: NaiveDate) -> Vec<&ownership::Model> {
        self.ownerships
            .iter()
            .filter(|o| o.lot_id == lot_id && covers(o, date))
            .collect()
    }

    pub fn representative(&self, lot_id: Uuid, date: NaiveDate) -> Option<Uuid> {
        self.representatives
            .iter()
            .find(|r| {
                r.lot_id == lot_id && r.valid_from <= date && r.valid_to.is_none_or(|t| date < t)
            })
            .map(|r| r.owner_id)
    }

    fn holder(&self, o: &ownership::Model) -> Result<Holder, AppError> {
        Ok(Holder {
            owner_id: o.owner_id,
            name: self.name(o.owner_id),
            right: right_of(o)?,
            share: share_of(o)?.to_string(),
        })
    }

    /// The holders of `lot_id` on `date` as known to the syndic (a transfer counts from its
    /// notification, `domain::register::sale`), when they differ from the legal ones.
    pub fn known(
        &self,
        lot_id: Uuid,
        date: NaiveDate,
        transfers: &[transfer::Model],
    ) -> Result<Option<Vec<Holder>>, AppError> {
        use crate::domain::register::sale::{KnownPeriod, known_from};
        let known = |id: Uuid| {
            transfers
                .iter()
                .find(|t| t.id == id)
                .map(|t| known_from(t.deed_date, t.notified_on))
                .unwrap_or(None)
        };
        let rows: Vec<&ownership::Model> = self
            .ownerships
            .iter()
            .filter(|o| {
                o.lot_id == lot_id
                    && KnownPeriod::of(
                        o.valid_from,
                        o.valid_to,
                        o.opened_by.map(known),
                        o.closed_by.map(known),
                    )
                    .covers(date)
            })
            .collect();
        let legal: Vec<Uuid> = self.current(lot_id, date).iter().map(|o| o.id).collect();
        let mut ids: Vec<Uuid> = rows.iter().map(|o| o.id).collect();
        ids.sort();
        let mut sorted = legal.clone();
        sorted.sort();
        if ids == sorted {
            return Ok(None);
        }
        rows.into_iter()
            .map(|o| self.holder(o))
            .collect::<Result<_, _>>()
            .map(Some)
    }

    pub fn view(&self, row: lot::Model, date: NaiveDate) -> Result<Lot, AppError> {
        let current = self.current(row.id, date);
        let holders: Vec<Holder> = current
            .iter()
            .map(|o| {
                Ok(Holder {
                    owner_id: o.owner_id,
                    name: self.name(o.owner_id),
                    right: right_of(o)?,
                    share: share_of(o)?.to_string(),
                })
            })
            .collect::<Result<_, AppError>>()?;
        let distinct: std::collections::HashSet<Uuid> =
            holders.iter().map(|h| h.owner_id).collect();
        let representative_id = self.representative(row.id, date);
        Ok(Lot {
            id: row.id,
            building_id: row.building_id,
            kind: kind_of(&row)?,
            quota: self.quota_on(row.id, date)?,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            number: row.number,
            floor: row.floor,
            area_m2: area_text(row.area_cm2),
            notes: row.notes,
            version: row.version,
            needs_representative: distinct.len() > 1 && representative_id.is_none(),
            holders,
            representative_name: representative_id.map(|id| self.name(id)),
            representative_id,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct LotFilter {
    pub kind: Option<LotKind>,
    /// Part of the lot number.
    pub number: Option<String>,
}

/// The lots of a building that existed on `as_of` (today by default), by number.
pub async fn list(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
    filter: &LotFilter,
    page: Option<u64>,
    per_page: Option<u64>,
    as_of: Option<NaiveDate>,
) -> Result<Page<Lot>, AppError> {
    actor.require(Permission::ViewRegister)?;
    buildings::find_own(conn, actor, building_id).await?;
    let date = as_of.unwrap_or_else(calendar::today);
    let mut query = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .filter(existing_on(date));
    if let Some(kind) = filter.kind {
        query = query.filter(lot::Column::Kind.eq(kind.as_str()));
    }
    if let Some(number) = filter.number.as_deref().filter(|n| !n.trim().is_empty()) {
        query = query.filter(
            Expr::expr(Func::lower(Expr::col(lot::Column::Number)))
                .like(format!("%{}%", number.trim().to_lowercase())),
        );
    }
    let (page, per_page) = page_bounds(page, per_page)?;
    let total = query.clone().count(conn).await?;
    let rows = query
        .order_by_asc(lot::Column::Number)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let holdings = Holdings::load(conn, &ids).await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| holdings.view(r, date))
            .collect::<Result<_, _>>()?,
        total,
        page,
        per_page,
    })
}

pub async fn find_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<lot::Model, AppError> {
    let row = lot::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    ensure_own(actor, &row)?;
    Ok(row)
}

/// A lot the actor may reach: of their organisation and, for a council member, of their
/// buildings.
pub fn ensure_own(actor: &Actor, row: &lot::Model) -> Result<(), AppError> {
    actor.ensure_visible(row.organization_id)?;
    actor.ensure_building(row.building_id)
}

/// The other lots of the building that a deed of this lot could convey too: those that one of
/// its holders of today also holds today (the cellar and parking of an apartment), by number.
/// One statement: the page reads the lot itself beside it (and refuses a lot not the actor's),
/// so the lot is found here by subquery, within the actor's organisation and buildings.
pub async fn deed_candidates(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<LotLink>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    let today = calendar::today();
    let building = lot::Entity::find()
        .select_only()
        .column(lot::Column::BuildingId)
        .filter(lot::Column::Id.eq(id))
        .filter(lot::Column::OrganizationId.eq(organization_id))
        .into_query();
    let holders = ownership::Entity::find()
        .select_only()
        .column(ownership::Column::OwnerId)
        .filter(ownership::Column::LotId.eq(id))
        .filter(held_on(today))
        .into_query();
    let held = ownership::Entity::find()
        .select_only()
        .column(ownership::Column::LotId)
        .filter(ownership::Column::OwnerId.in_subquery(holders))
        .filter(held_on(today))
        .into_query();
    let mut query = lot::Entity::find()
        .filter(lot::Column::BuildingId.in_subquery(building))
        .filter(lot::Column::Id.ne(id))
        .filter(lot::Column::ValidTo.is_null())
        .filter(lot::Column::Id.in_subquery(held));
    if let Some(scope) = &actor.building_scope {
        query = query.filter(lot::Column::BuildingId.is_in(scope.iter().copied()));
    }
    Ok(query
        .order_by_asc(lot::Column::Number)
        .all(conn)
        .await?
        .into_iter()
        .map(|l| LotLink {
            id: l.id,
            number: l.number,
        })
        .collect())
}

/// A lot with its whole ownership history, the transfers that shaped it, its quotes-parts
/// over time and its lineage; its holders and figures as on `as_of` (today by default).
pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<LotRecord, AppError> {
    let date = as_of.unwrap_or_else(calendar::today);
    actor.require(Permission::ViewRegister)?;
    // The lot and its building in one statement.
    let (row, building) = lot::Entity::find_by_id(id)
        .find_also_related(entity::building::Entity)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let building = building.ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    actor.ensure_visible(building.organization_id)?;
    actor.ensure_building(row.building_id)?;
    let holdings = Holdings::load(conn, &[id]).await?;
    let mut history: Vec<Holding> = holdings
        .ownerships
        .iter()
        .map(|o| {
            Ok(Holding {
                id: o.id,
                owner_id: o.owner_id,
                owner_name: holdings.name(o.owner_id),
                right: right_of(o)?,
                share: share_of(o)?.to_string(),
                valid_from: o.valid_from,
                valid_to: o.valid_to,
                transfer_id: o.opened_by,
            })
        })
        .collect::<Result<_, AppError>>()?;
    history.sort_by_key(|h| std::cmp::Reverse(h.valid_from));
    let transfer_rows = transfer::Entity::find()
        .filter(transfer::Column::LotId.eq(id))
        .order_by_desc(transfer::Column::DeedDate)
        .all(conn)
        .await?;
    // The other lots of each deed, in one statement.
    let deed_ids: Vec<Uuid> = transfer_rows.iter().filter_map(|t| t.deed_id).collect();
    let mut deed_lots: HashMap<Uuid, Vec<LotLink>> = HashMap::new();
    if !deed_ids.is_empty() {
        for (t, other) in transfer::Entity::find()
            .filter(transfer::Column::DeedId.is_in(deed_ids))
            .filter(transfer::Column::LotId.ne(id))
            .filter(transfer::Column::VoidedAt.is_null())
            .find_also_related(lot::Entity)
            .all(conn)
            .await?
        {
            if let (Some(deed_id), Some(other)) = (t.deed_id, other) {
                deed_lots.entry(deed_id).or_default().push(LotLink {
                    id: other.id,
                    number: other.number,
                });
            }
        }
    }
    let transfers = transfer_rows
        .iter()
        .map(|t| {
            Ok(TransferRecord {
                deed_lots: t
                    .deed_id
                    .and_then(|d| deed_lots.get(&d).cloned())
                    .unwrap_or_default(),
                kind: decode::text(at("kind", &t.id, "transfers"), &t.kind, TransferKind::parse)?,
                id: t.id,
                deed_date: t.deed_date,
                notary: t.notary.clone(),
                enjoyment_date: t.enjoyment_date.unwrap_or(t.deed_date),
                notified_on: t.notified_on,
                seller_address: t.seller_address.clone(),
                voided_on: t.voided_at.map(calendar::date_of),
                void_reason: t.void_reason.clone(),
                version: t.version,
            })
        })
        .collect::<Result<_, AppError>>()?;
    let known_holders = holdings.known(id, date, &transfer_rows)?;
    let notary_requests = super::holdings::notary_requests(conn, id).await?;
    let (origin, end) = lineage(conn, &row).await?;
    let mut quota_history: Vec<_> = holdings
        .quotas
        .iter()
        .filter(|q| q.lot_id == Some(id))
        .map(quotas::to_domain)
        .collect::<Result<_, AppError>>()?;
    quota_history.sort_by_key(|p| std::cmp::Reverse(p.valid_from));
    Ok(LotRecord {
        as_of: date,
        building_total_quota: holdings.total_on(building.id, date)?,
        lot: holdings.view(row, date)?,
        building_name: building.name,
        history,
        transfers,
        quota_history,
        origin,
        end,
        known_holders,
        notary_requests,
    })
}

/// Where a lot comes from and what it became: the events and the lots on their other side
/// (no statement for a lot of the basic deed that is still there).
async fn lineage(
    conn: &impl ConnectionTrait,
    row: &lot::Model,
) -> Result<(Option<LotLineage>, Option<LotLineage>), AppError> {
    let ids: Vec<Uuid> = [row.origin_event_id, row.end_event_id]
        .into_iter()
        .flatten()
        .collect();
    if ids.is_empty() {
        return Ok((None, None));
    }
    let events = lot_event::Entity::find()
        .filter(lot_event::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    let linked = lot::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(lot::Column::EndEventId.is_in(ids.iter().copied()))
                .add(lot::Column::OriginEventId.is_in(ids.iter().copied())),
        )
        .filter(lot::Column::Id.ne(row.id))
        .order_by_asc(lot::Column::Number)
        .all(conn)
        .await?;
    let describe = |event_id: Option<Uuid>, side: fn(&lot::Model) -> Option<Uuid>| {
        let Some(event) = events.iter().find(|e| Some(e.id) == event_id) else {
            return Ok(None);
        };
        Ok::<_, AppError>(Some(LotLineage {
            kind: decode::text(
                at("kind", &event.id, "lot_events"),
                &event.kind,
                LotEventKind::parse,
            )?,
            date: event.occurred_on,
            reference: event.reference.clone(),
            basis_date: event.basis_date,
            lots: linked
                .iter()
                .filter(|l| side(l) == Some(event.id))
                .map(|l| LotLink {
                    id: l.id,
                    number: l.number.clone(),
                })
                .collect(),
        }))
    };
    Ok((
        describe(row.origin_event_id, |l| l.end_event_id)?,
        describe(row.end_event_id, |l| l.origin_event_id)?,
    ))
}

fn snapshot(details: &LotDetails) -> serde_json::Value {
    json!({
        "number": details.number,
        "kind": details.kind.as_str(),
        "floor": details.floor,
        "area_cm2": details.area_cm2,
        "quota": details.quota,
        "notes": details.notes,
    })
}

/// The lot's own details; its quote-part is a dated period (`quotas`), not a column.
fn apply(row: &mut lot::ActiveModel, details: &LotDetails) {
    row.number = Set(details.number.clone());
    row.kind = Set(details.kind.as_str().to_owned());
    row.floor = Set(details.floor.clone());
    row.area_cm2 = Set(details.area_cm2.map(|a| a as i64));
    row.notes = Set(details.notes.clone());
    row.updated_at = Set(Utc::now());
}

/// Lot numbers are unique within a building; said on the field rather than as a conflict.
async fn ensure_number_free(
    conn: &impl ConnectionTrait,
    building_id: Uuid,
    number: &str,
    except: Option<Uuid>,
    field: &str,
) -> Result<(), AppError> {
    let mut query = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .filter(lot::Column::Number.eq(number));
    if let Some(id) = except {
        query = query.filter(lot::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(AppError::field(field, "lot_number.taken"));
    }
    Ok(())
}

/// How a new lot begins: with the basic deed, or from a division or merger.
#[derive(Clone, Copy)]
pub enum Origin<'a> {
    BasicDeed,
    Event(&'a lot_event::Model),
}

/// Inserts a validated lot and its first quote-part inside the caller's transaction (the
/// import uses it row by row). The caller ends with `quotas::ensure_within_total`.
pub async fn insert(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building: &entity::building::Model,
    details: &LotDetails,
    origin: Origin<'_>,
    field: &str,
) -> Result<(lot::Model, quota_period::Model), AppError> {
    ensure_number_free(conn, building.id, &details.number, None, field).await?;
    let now = Utc::now();
    let (valid_from, origin_event_id) = match origin {
        Origin::BasicDeed => (None, None),
        Origin::Event(event) => (Some(event.occurred_on), Some(event.id)),
    };
    let mut row = lot::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(building.organization_id),
        building_id: Set(building.id),
        valid_from: Set(valid_from),
        valid_to: Set(None),
        origin_event_id: Set(origin_event_id),
        end_event_id: Set(None),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, details);
    let created = row.insert(conn).await?;
    let basis = match origin {
        Origin::BasicDeed => (QuotaBasis::Deed, None, building.basic_deed_date),
        Origin::Event(event) => (
            decode::text(
                at("basis", &event.id, "lot_events"),
                &event.basis,
                QuotaBasis::parse,
            )?,
            Some(event.reference.clone()),
            Some(event.basis_date),
        ),
    };
    let period = quotas::open(
        conn,
        actor,
        building.organization_id,
        building.id,
        Some(created.id),
        details.quota,
        valid_from,
        basis,
    )
    .await?;
    audit::record(
        conn,
        audit::Entry::new("lot.created", "lot", created.id)
            .organization(building.organization_id)
            .actor(actor.user_id)
            .after(json!({"building_id": building.id, "lot": snapshot(details), "origin_event_id": origin_event_id})),
    )
    .await?;
    Ok((created, period))
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &LotInput,
) -> Result<Lot, AppError> {
    actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let building = buildings::lock_own(&txn, actor, building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let today = calendar::today();
    let rows = quotas::of_building(&txn, building_id).await?;
    let details = input.validate(quotas::total_on(&rows, today)?)?;
    let (created, period) = insert(
        &txn,
        actor,
        &building,
        &details,
        Origin::BasicDeed,
        "number",
    )
    .await?;
    quotas::ensure_within_total(&txn, building_id, "quota").await?;
    txn.commit().await?;
    Holdings::none(vec![period]).view(created, today)
}

/// Saves an edit made from `expected_version`. The quote-part is not edited here: a change
/// of it is dated and has a basis (`quotas::change_lot`), so a different figure is refused.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    input: &LotInput,
    expected_version: i32,
) -> Result<Lot, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    let today = calendar::today();
    let holdings = Holdings::load(&txn, &[id]).await?;
    let details = input.validate(holdings.total_on(row.building_id, today)?)?;
    if row.version != expected_version {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    if details.quota != holdings.quota_on(id, today)? {
        return Err(AppError::field("quota", "quota.needs_basis"));
    }
    ensure_number_free(&txn, row.building_id, &details.number, Some(id), "number").await?;
    let before = json!({
        "number": row.number, "kind": row.kind, "floor": row.floor,
        "area_cm2": row.area_cm2, "notes": row.notes,
    });
    let mut active = row.into_active_model();
    apply(&mut active, &details);
    let updated =
        crate::ssr::db::update_versioned(&txn, active, lot::Column::Version, expected_version)
            .await?;
    audit::record(
        &txn,
        audit::Entry::new("lot.updated", "lot", id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before)
            .after(snapshot(&details)),
    )
    .await?;
    txn.commit().await?;
    holdings.view(updated, today)
}

/// A lot typed by mistake while setting up the register can go, as long as nobody was ever
/// registered as holding it and it is not part of a lineage; afterwards its history stays.
pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    let held = ownership::Entity::find()
        .filter(ownership::Column::LotId.eq(id))
        .count(&txn)
        .await?;
    if held > 0 || row.origin_event_id.is_some() || row.end_event_id.is_some() {
        return Err(AppError::Conflict("conflict.lot_has_history".into()));
    }
    // Claimed by its version first: holders registered since the check above bumped it, and
    // then nothing is deleted (their rows would otherwise go with the lot).
    claim(&txn, &row).await?;
    let periods = quota_period::Entity::find()
        .filter(quota_period::Column::LotId.eq(id))
        .all(&txn)
        .await?;
    let before = json!({
        "building_id": row.building_id, "number": row.number,
        "quota": periods.iter().map(|p| p.quota).collect::<Vec<_>>(),
    });
    quota_period::Entity::delete_many()
        .filter(quota_period::Column::LotId.eq(id))
        .exec(&txn)
        .await?;
    let deleted = lot::Entity::delete_many()
        .filter(lot::Column::Id.eq(id))
        .filter(lot::Column::Version.eq(row.version + 1))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    audit::record(
        &txn,
        audit::Entry::new("lot.deleted", "lot", id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The refusal of a division or merger whose lot has history after its date (a transfer,
/// a quota change, a designation): the lineage would rewrite what was recorded later.
fn later_history(holdings: &Holdings, lot_id: Uuid, date: NaiveDate) -> Result<(), AppError> {
    let later_holding = holdings.ownerships.iter().any(|o| {
        o.lot_id == lot_id && (o.valid_from > date || o.valid_to.is_some_and(|to| to > date))
    });
    let later_quota = holdings
        .quotas
        .iter()
        .any(|q| q.lot_id == Some(lot_id) && q.valid_from.is_some_and(|f| f >= date));
    let later_mandatary = holdings.representatives.iter().any(|r| {
        r.lot_id == lot_id && (r.valid_from > date || r.valid_to.is_some_and(|to| to > date))
    });
    if later_holding || later_quota || later_mandatary {
        return Err(AppError::field("date", "lot.later_history_exists"));
    }
    Ok(())
}

/// The holders a lineage carries over: who holds `lot_id` on `date`, what and how much.
fn holders_on(
    holdings: &Holdings,
    lot_id: Uuid,
    date: NaiveDate,
) -> Result<Vec<(Uuid, Right, Share)>, AppError> {
    let mut holders: Vec<(Uuid, Right, Share)> = holdings
        .current(lot_id, date)
        .into_iter()
        .map(|o| Ok((o.owner_id, right_of(o)?, share_of(o)?)))
        .collect::<Result<_, AppError>>()?;
    holders.sort_by_key(|(owner, right, share)| (*owner, right.as_str(), share.to_string()));
    Ok(holders)
}

/// Ends `lot` on the event's date: its lot row, its quote-part, its holdings and mandatary.
async fn end_lot(
    conn: &impl ConnectionTrait,
    holdings: &Holdings,
    row: &lot::Model,
    event: &lot_event::Model,
) -> Result<(), AppError> {
    let date = event.occurred_on;
    crate::ssr::db::claim(
        conn,
        lot::Entity::update_many()
            .col_expr(lot::Column::ValidTo, Expr::value(date))
            .col_expr(lot::Column::EndEventId, Expr::value(event.id)),
        row.id,
        row.version,
    )
    .await?;
    if let Some(open) = holdings
        .quotas
        .iter()
        .find(|q| q.lot_id == Some(row.id) && q.valid_to.is_none())
    {
        quotas::close_open(conn, open, date).await?;
    }
    for holding in holdings.current(row.id, date) {
        let mut active = holding.clone().into_active_model();
        active.valid_to = Set(Some(date));
        active.update(conn).await?;
    }
    for mandatary in holdings
        .representatives
        .iter()
        .filter(|r| r.lot_id == row.id && r.valid_from <= date && r.valid_to.is_none())
    {
        let mut active = mandatary.clone().into_active_model();
        active.valid_to = Set(Some(date));
        active.update(conn).await?;
    }
    Ok(())
}

/// Gives a successor the holders (and the mandatary they had designated) of its
/// predecessors on the event's date: a division or merger changes the lots, not who holds
/// them (a change of holders is a transfer of its own).
async fn carry_over(
    conn: &impl ConnectionTrait,
    successor: &lot::Model,
    holders: &[(Uuid, Right, Share)],
    mandatary: Option<&lot_representative::Model>,
    date: NaiveDate,
) -> Result<(), AppError> {
    for (owner_id, right, share) in holders {
        ownership::ActiveModel {
            id: Set(Uuid::now_v7()),
            organization_id: Set(successor.organization_id),
            lot_id: Set(successor.id),
            owner_id: Set(*owner_id),
            right: Set(right.as_str().to_owned()),
            share_numerator: Set(decode::share_columns(*share).0),
            share_denominator: Set(decode::share_columns(*share).1),
            valid_from: Set(date),
            valid_to: Set(None),
            opened_by: Set(None),
            closed_by: Set(None),
            created_at: Set(Utc::now()),
            version: Set(1),
            updated_at: Set(Some(Utc::now())),
        }
        .insert(conn)
        .await?;
    }
    if let Some(m) = mandatary {
        lot_representative::ActiveModel {
            id: Set(Uuid::now_v7()),
            organization_id: Set(successor.organization_id),
            lot_id: Set(successor.id),
            owner_id: Set(m.owner_id),
            valid_from: Set(date),
            valid_to: Set(None),
            received_on: Set(m.received_on),
            document_ref: Set(m.document_ref.clone()),
            created_at: Set(Utc::now()),
            version: Set(1),
            updated_at: Set(Some(Utc::now())),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// Records a division or merger: `ended` lots end on the date and the change's lots begin,
/// with the same holders.
async fn record_lineage(
    db: &DatabaseConnection,
    actor: &Actor,
    first: Uuid,
    others: &[Uuid],
    kind: LotEventKind,
    validate: impl FnOnce(u64) -> Result<LotChange, AppError>,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, first).await?;
    let building = buildings::lock_own(&txn, actor, row.building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let mut ended = vec![row];
    if kind == LotEventKind::Merger && others.iter().all(|id| *id == first) {
        return Err(AppError::field("others", "merger.too_few"));
    }
    if !others.is_empty() {
        let found = lot::Entity::find()
            .filter(lot::Column::Id.is_in(others.iter().copied()))
            .filter(lot::Column::BuildingId.eq(building.id))
            .filter(lot::Column::Id.ne(first))
            .all(&txn)
            .await?;
        if found.len() != others.iter().filter(|id| **id != first).count() {
            return Err(AppError::field("others", "lot.unknown"));
        }
        ended.extend(found);
    }
    let ids: Vec<Uuid> = ended.iter().map(|l| l.id).collect();
    let holdings = Holdings::load(&txn, &ids).await?;
    let change = validate(holdings.total_on(building.id, calendar::today())?)?;
    let date = change.date;
    for lot in &ended {
        if lot.valid_to.is_some() {
            return Err(AppError::Conflict("conflict.lot_ended".into()));
        }
        if lot.valid_from.is_some_and(|from| date <= from) {
            return Err(AppError::field("date", "lot.change_not_after_start"));
        }
        later_history(&holdings, lot.id, date)?;
    }
    let holders = holders_on(&holdings, ended[0].id, date)?;
    for lot in &ended[1..] {
        if holders_on(&holdings, lot.id, date)? != holders {
            return Err(AppError::field("others", "merger.holders_differ"));
        }
    }
    // The mandatary carries over when every lot ended had the same one.
    let mandataries: Vec<&lot_representative::Model> = ended
        .iter()
        .filter_map(|lot| {
            holdings.representatives.iter().find(|r| {
                r.lot_id == lot.id && r.valid_from <= date && r.valid_to.is_none_or(|t| date < t)
            })
        })
        .collect();
    let mandatary = (mandataries.len() == ended.len()
        && mandataries
            .iter()
            .all(|m| m.owner_id == mandataries[0].owner_id))
    .then(|| mandataries[0]);
    let now = Utc::now();
    let event = lot_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        building_id: Set(building.id),
        kind: Set(kind.as_str().to_owned()),
        occurred_on: Set(date),
        basis: Set(change.basis.kind.as_str().to_owned()),
        reference: Set(change.basis.reference.clone()),
        basis_date: Set(change.basis.date),
        created_by: Set(actor.user()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    for lot in &ended {
        end_lot(&txn, &holdings, lot, &event).await?;
    }
    let mut created = Vec::new();
    for (i, details) in change.successors.iter().enumerate() {
        let field = match kind {
            LotEventKind::Division => format!("successors.{i}.number"),
            LotEventKind::Merger => "successor.number".to_owned(),
        };
        let (successor, _) = insert(
            &txn,
            actor,
            &building,
            details,
            Origin::Event(&event),
            &field,
        )
        .await?;
        carry_over(&txn, &successor, &holders, mandatary, date).await?;
        created.push(json!({"id": successor.id, "number": details.number, "quota": details.quota}));
    }
    quotas::ensure_within_total(&txn, building.id, "successors").await?;
    audit::record(
        &txn,
        audit::Entry::new(
            match kind {
                LotEventKind::Division => "lot.divided",
                LotEventKind::Merger => "lot.merged",
            },
            "lot",
            first,
        )
        .organization(organization_id)
        .actor(actor.user_id)
        .before(json!({"lots": ids}))
        .after(json!({
            "event_id": event.id,
            "date": date,
            "basis": change.basis.kind.as_str(),
            "reference": change.basis.reference,
            "basis_date": change.basis.date,
            "successors": created,
        })),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, first, None).await
}

/// Divides a lot into several by a deed: the lot ends on the date, its successors begin
/// with its holders and their own quotes-parts.
pub async fn divide(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &DivisionInput,
) -> Result<LotRecord, AppError> {
    let today = calendar::today();
    record_lineage(db, actor, lot_id, &[], LotEventKind::Division, |total| {
        input.validate(total, today)
    })
    .await
}

/// Merges lots held by the same people into one by a deed.
pub async fn merge(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &MergerInput,
) -> Result<LotRecord, AppError> {
    let today = calendar::today();
    let (others, _) = input.validate(crate::domain::register::building::MAX_TOTAL_QUOTA, today)?;
    record_lineage(db, actor, lot_id, &others, LotEventKind::Merger, |total| {
        input.validate(total, today).map(|(_, change)| change)
    })
    .await
}

/// A lot that existed on `date` and had not ended by then, or the refusal on `field`.
pub fn ensure_exists_on(row: &lot::Model, date: NaiveDate, field: &str) -> Result<(), AppError> {
    if exists_on(row.valid_from, row.valid_to, date) {
        Ok(())
    } else {
        Err(AppError::field(field, "lot.not_in_existence"))
    }
}

/// Claims the lot for a change of its holders: bumps its version only if nobody else did in
/// between, so two transfers of the same lot cannot interleave on either backend.
pub async fn claim(conn: &impl ConnectionTrait, row: &lot::Model) -> Result<(), AppError> {
    crate::ssr::db::claim(conn, lot::Entity::update_many(), row.id, row.version).await?;
    Ok(())
}
