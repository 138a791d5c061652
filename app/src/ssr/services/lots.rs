//! Lots of a building: numbers, kinds, quotes-parts; with their holders of today.

use super::{audit, buildings};
use crate::domain::register::holding::page_bounds;
use crate::domain::register::{
    Holder, Lot, LotDetails, LotInput, LotKind, LotRecord, Page, Right, Share,
};
use crate::domain::register::{Holding, TransferKind, TransferRecord, owner::display_name};
use crate::domain::{Actor, AppError, Permission, calendar};
use crate::ssr::decode;
use chrono::{NaiveDate, Utc};
use entity::{lot, lot_representative, owner, ownership, transfer};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
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

pub fn quota_of(row: &lot::Model) -> Result<u64, AppError> {
    decode::unsigned(at("quota", &row.id, "lots"), row.quota)
}

pub fn total_quota_of(row: &entity::building::Model) -> Result<u64, AppError> {
    decode::unsigned(at("total_quota", &row.id, "buildings"), row.total_quota)
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

/// Everything needed to show lots with their holders of today.
pub struct Holdings {
    pub ownerships: Vec<ownership::Model>,
    pub owners: HashMap<Uuid, owner::Model>,
    pub representatives: Vec<lot_representative::Model>,
}

impl Holdings {
    /// A lot just created has no holders, representative or owners to load.
    pub fn none() -> Self {
        Holdings {
            ownerships: Vec::new(),
            owners: HashMap::new(),
            representatives: Vec::new(),
        }
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

    pub fn view(&self, row: lot::Model) -> Result<Lot, AppError> {
        let date = calendar::today();
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
            quota: quota_of(&row)?,
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

/// The lots of a building, by number.
pub async fn list(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
    filter: &LotFilter,
    page: Option<u64>,
    per_page: Option<u64>,
) -> Result<Page<Lot>, AppError> {
    actor.require(Permission::ViewRegister)?;
    buildings::find_own(conn, actor, building_id).await?;
    let mut query = lot::Entity::find().filter(lot::Column::BuildingId.eq(building_id));
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
            .map(|r| holdings.view(r))
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
    actor.ensure_visible(row.organization_id)?;
    actor.ensure_building(row.building_id)?;
    Ok(row)
}

/// A lot with its whole ownership history and the transfers that shaped it.
pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<LotRecord, AppError> {
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
    let transfers = transfer::Entity::find()
        .filter(transfer::Column::LotId.eq(id))
        .order_by_desc(transfer::Column::DeedDate)
        .all(conn)
        .await?
        .into_iter()
        .map(|t| {
            Ok(TransferRecord {
                kind: decode::text(at("kind", &t.id, "transfers"), &t.kind, TransferKind::parse)?,
                id: t.id,
                deed_date: t.deed_date,
                notary: t.notary,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(LotRecord {
        building_total_quota: total_quota_of(&building)?,
        lot: holdings.view(row)?,
        building_name: building.name,
        history,
        transfers,
    })
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

fn apply(row: &mut lot::ActiveModel, details: &LotDetails) {
    row.number = Set(details.number.clone());
    row.kind = Set(details.kind.as_str().to_owned());
    row.floor = Set(details.floor.clone());
    row.area_cm2 = Set(details.area_cm2.map(|a| a as i64));
    row.quota = Set(details.quota as i64);
    row.notes = Set(details.notes.clone());
    row.updated_at = Set(Utc::now());
}

/// Lot numbers are unique within a building; said on the field rather than as a conflict.
async fn ensure_number_free(
    conn: &impl ConnectionTrait,
    building_id: Uuid,
    number: &str,
    except: Option<Uuid>,
) -> Result<(), AppError> {
    let mut query = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .filter(lot::Column::Number.eq(number));
    if let Some(id) = except {
        query = query.filter(lot::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(AppError::field("number", "lot_number.taken"));
    }
    Ok(())
}

/// Inserts a validated lot inside the caller's transaction (the import uses it row by row).
pub async fn insert(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: Uuid,
    building_id: Uuid,
    details: &LotDetails,
) -> Result<lot::Model, AppError> {
    ensure_number_free(conn, building_id, &details.number, None).await?;
    let now = Utc::now();
    let mut row = lot::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        building_id: Set(building_id),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, details);
    let created = row.insert(conn).await?;
    audit::record(
        conn,
        audit::Entry::new("lot.created", "lot", created.id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({"building_id": building_id, "lot": snapshot(details)})),
    )
    .await?;
    Ok(created)
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &LotInput,
) -> Result<Lot, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let building = buildings::find_own(&txn, actor, building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let details = input.validate(total_quota_of(&building)?)?;
    let created = insert(&txn, actor, organization_id, building_id, &details).await?;
    txn.commit().await?;
    Holdings::none().view(created)
}

/// Saves an edit made from `expected_version`.
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
    let building = buildings::find_own(&txn, actor, row.building_id).await?;
    let details = input.validate(total_quota_of(&building)?)?;
    if row.version != expected_version {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    ensure_number_free(&txn, row.building_id, &details.number, Some(id)).await?;
    let before = json!({
        "number": row.number, "kind": row.kind, "floor": row.floor,
        "area_cm2": row.area_cm2, "quota": row.quota, "notes": row.notes,
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
    let holdings = Holdings::load(&txn, &[id]).await?;
    txn.commit().await?;
    holdings.view(updated)
}

/// A lot typed by mistake while setting up the register can go, as long as nobody was ever
/// registered as holding it; afterwards its history must stay.
pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    let held = ownership::Entity::find()
        .filter(ownership::Column::LotId.eq(id))
        .count(&txn)
        .await?;
    if held > 0 {
        return Err(AppError::Conflict("conflict.lot_has_history".into()));
    }
    let before = json!({"building_id": row.building_id, "number": row.number, "quota": row.quota});
    // Claimed by its version: holders registered since the check above bumped it, and then
    // nothing is deleted (their rows would otherwise go with the lot).
    let deleted = lot::Entity::delete_many()
        .filter(lot::Column::Id.eq(id))
        .filter(lot::Column::Version.eq(row.version))
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

/// Claims the lot for a change of its holders: bumps its version only if nobody else did in
/// between, so two transfers of the same lot cannot interleave on either backend.
pub async fn claim(conn: &impl ConnectionTrait, row: &lot::Model) -> Result<(), AppError> {
    let result = lot::Entity::update_many()
        .col_expr(lot::Column::Version, Expr::value(row.version + 1))
        .col_expr(lot::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(lot::Column::Id.eq(row.id))
        .filter(lot::Column::Version.eq(row.version))
        .exec(conn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    Ok(())
}
