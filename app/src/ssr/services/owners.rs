//! The owner directory of the organisation: persons and companies holding lots, with what
//! they hold today; and "my lots" for an owner who logs in.

use super::audit;
use super::lots::{self, Holdings, covers, owner_name, right_of, share_of};
use crate::domain::calendar::today;
use crate::domain::register::holding::page_bounds;
use crate::domain::register::{OwnedLot, Owner, OwnerDetails, OwnerInput, OwnerKind, Page};
use crate::domain::{Actor, AppError, Permission, Role};
use chrono::{NaiveDate, Utc};
use entity::{building, lot, membership, owner, ownership, transfer, user};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The lots each of `owners` holds on `date`, with their co-holders' names, and the ones the
/// syndic still counts them for (a sale not notified yet, `domain::register::sale`), each
/// saying which of the two it is.
pub(crate) async fn owned_lots(
    conn: &impl ConnectionTrait,
    owners: &[Uuid],
    date: NaiveDate,
) -> Result<HashMap<Uuid, Vec<OwnedLot>>, AppError> {
    use crate::domain::register::sale::{KnownPeriod, known_from};
    let mine = ownership::Entity::find()
        .filter(ownership::Column::OwnerId.is_in(owners.iter().copied()))
        .all(conn)
        .await?;
    // The transfers that opened or closed them tell when the syndic learnt of it.
    let transfer_ids: HashSet<Uuid> = mine
        .iter()
        .flat_map(|o| [o.opened_by, o.closed_by])
        .flatten()
        .collect();
    let known_on: HashMap<Uuid, Option<NaiveDate>> = if transfer_ids.is_empty() {
        HashMap::new()
    } else {
        transfer::Entity::find()
            .filter(transfer::Column::Id.is_in(transfer_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| (t.id, known_from(t.deed_date, t.notified_on)))
            .collect()
    };
    let standing = |o: &ownership::Model| {
        let known = |id: Uuid| known_on.get(&id).copied().flatten();
        let period = KnownPeriod::of(
            o.valid_from,
            o.valid_to,
            o.opened_by.map(known),
            o.closed_by.map(known),
        );
        (covers(o, date), period.covers(date))
    };
    let listed: Vec<(&ownership::Model, (bool, bool))> = mine
        .iter()
        .map(|o| (o, standing(o)))
        .filter(|(_, (held, known))| *held || *known)
        .collect();
    let lot_ids: Vec<Uuid> = listed
        .iter()
        .map(|(o, _)| o.lot_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if lot_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let lots: HashMap<Uuid, lot::Model> = lot::Entity::find()
        .filter(lot::Column::Id.is_in(lot_ids.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let buildings: HashMap<Uuid, building::Model> = building::Entity::find()
        .filter(building::Column::Id.is_in(lots.values().map(|l| l.building_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let holdings = Holdings::load(conn, &lot_ids).await?;
    let mut result: HashMap<Uuid, Vec<OwnedLot>> = HashMap::new();
    for (holding, (held, known)) in listed {
        let (Some(lot), Some(building)) = (
            lots.get(&holding.lot_id),
            lots.get(&holding.lot_id)
                .and_then(|l| buildings.get(&l.building_id)),
        ) else {
            continue;
        };
        let mut co_holders: Vec<String> = holdings
            .current(lot.id, date)
            .into_iter()
            .filter(|o| o.owner_id != holding.owner_id)
            .map(|o| holdings.name(o.owner_id))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        co_holders.sort();
        result.entry(holding.owner_id).or_default().push(OwnedLot {
            lot_id: lot.id,
            building_id: building.id,
            building_name: building.name.clone(),
            number: lot.number.clone(),
            kind: lots::kind_of(lot)?,
            quota: holdings.quota_on(lot.id, date)?,
            building_total_quota: holdings.total_on(building.id, date)?,
            right: right_of(holding)?,
            share: share_of(holding)?.to_string(),
            co_holders,
            held,
            known_to_syndic: known,
        });
    }
    for lots in result.values_mut() {
        lots.sort_by(|a, b| {
            (a.building_name.as_str(), a.number.as_str())
                .cmp(&(b.building_name.as_str(), b.number.as_str()))
        });
    }
    Ok(result)
}

/// A person or a company, as the row records it.
pub fn kind_of(row: &owner::Model) -> Result<OwnerKind, AppError> {
    let at = crate::ssr::decode::At {
        table: "owners",
        column: "kind",
        id: &row.id,
    };
    crate::ssr::decode::text(at, &row.kind, OwnerKind::parse)
}

fn to_view(
    row: owner::Model,
    lots: Vec<OwnedLot>,
    consents: Vec<crate::domain::register::Consent>,
    agents: Vec<crate::domain::register::Agent>,
) -> Result<Owner, AppError> {
    Ok(Owner {
        kind: kind_of(&row)?,
        id: row.id,
        name: owner_name(&row),
        first_name: row.first_name,
        last_name: row.last_name,
        company_number: row.company_number.as_deref().and_then(|n| {
            crate::domain::register::EnterpriseNumber::parse(n)
                .ok()
                .map(|n| n.to_string())
        }),
        street: row.street,
        postal_code: row.postal_code,
        city: row.city,
        country: row.country,
        email: row.email,
        phone: row.phone,
        locale: row.locale,
        consents,
        agents,
        user_id: row.user_id,
        version: row.version,
        lots,
    })
}

/// The owners holding on `date` one of the lots that match `lots`.
async fn holders_on(
    conn: &impl ConnectionTrait,
    lots: sea_orm::sea_query::SimpleExpr,
    date: NaiveDate,
) -> Result<Vec<Uuid>, AppError> {
    let lot_ids: Vec<Uuid> = lot::Entity::find()
        .select_only()
        .column(lot::Column::Id)
        .filter(lots)
        .into_tuple()
        .all(conn)
        .await?;
    if lot_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(ownership::Entity::find()
        .filter(ownership::Column::LotId.is_in(lot_ids))
        .all(conn)
        .await?
        .into_iter()
        .filter(|o| covers(o, date))
        .map(|o| o.owner_id)
        .collect())
}

#[derive(Debug, Clone, Default)]
pub struct OwnerFilter {
    /// Part of a name, an e-mail address or a lot number.
    pub q: Option<String>,
    /// Owners holding a lot of this building on the date.
    pub building_id: Option<Uuid>,
    /// The date the directory is read for (what each holds then); today when `None`.
    pub as_of: Option<NaiveDate>,
}

pub async fn list(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    filter: &OwnerFilter,
    page: Option<u64>,
    per_page: Option<u64>,
) -> Result<Page<Owner>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    let date = filter.as_of.unwrap_or_else(today);
    let mut query = owner::Entity::find().filter(owner::Column::OrganizationId.eq(organization_id));
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase());
        let like = |col: owner::Column| Expr::expr(Func::lower(Expr::col(col))).like(&pattern);
        // Owners holding on the date a lot whose number contains the text, in this
        // organisation.
        let holders = holders_on(
            conn,
            lot::Column::OrganizationId
                .eq(organization_id)
                .and(Expr::expr(Func::lower(Expr::col(lot::Column::Number))).like(&pattern)),
            date,
        )
        .await?;
        query = query.filter(
            Condition::any()
                .add(like(owner::Column::LastName))
                .add(like(owner::Column::FirstName))
                .add(like(owner::Column::Email))
                .add(owner::Column::Id.is_in(holders)),
        );
    }
    if let Some(scope) = &actor.building_scope {
        let holders = holders_on(
            conn,
            lot::Column::BuildingId.is_in(scope.iter().copied()),
            date,
        )
        .await?;
        query = query.filter(owner::Column::Id.is_in(holders));
    }
    if let Some(building_id) = filter.building_id {
        super::buildings::find_own(conn, actor, building_id).await?;
        let holders = holders_on(conn, lot::Column::BuildingId.eq(building_id), date).await?;
        query = query.filter(owner::Column::Id.is_in(holders));
    }
    let (page, per_page) = page_bounds(page, per_page)?;
    let total = query.clone().count(conn).await?;
    let rows = query
        .order_by_asc(owner::Column::LastName)
        .order_by_asc(owner::Column::FirstName)
        .order_by_asc(owner::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut lots = owned_lots(conn, &ids, date).await?;
    let mut consents = super::consents::of_owners(conn, &ids).await?;
    let mut agents = super::agents::of_owners(conn, &ids).await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| {
                let mut owned = lots.remove(&r.id).unwrap_or_default();
                owned.retain(|l| actor.ensure_building(l.building_id).is_ok());
                let mut consents = consents.remove(&r.id).unwrap_or_default();
                consents.retain(|c| actor.ensure_building(c.building_id).is_ok());
                let agents = agents.remove(&r.id).unwrap_or_default();
                to_view(r, owned, consents, agents)
            })
            .collect::<Result<_, _>>()?,
        total,
        page,
        per_page,
    })
}

/// The organisation's owners by name, for a picker: ids and names, one statement.
pub async fn choices(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    limit: u64,
) -> Result<Vec<(Uuid, String)>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    let mut query = owner::Entity::find().filter(owner::Column::OrganizationId.eq(organization_id));
    if let Some(scope) = &actor.building_scope {
        let held = ownership::Entity::find()
            .select_only()
            .column(ownership::Column::OwnerId)
            .inner_join(lot::Entity)
            .filter(lot::Column::BuildingId.is_in(scope.iter().copied()))
            .filter(lots::held_on(today()))
            .into_query();
        query = query.filter(owner::Column::Id.in_subquery(held));
    }
    Ok(query
        .order_by_asc(owner::Column::LastName)
        .order_by_asc(owner::Column::FirstName)
        .order_by_asc(owner::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .iter()
        .map(|o| (o.id, owner_name(o)))
        .collect())
}

pub async fn find_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<owner::Model, AppError> {
    let row = owner::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    Ok(row)
}

/// A council member sees the owners of their buildings only: one who holds a lot there today.
pub async fn ensure_in_scope(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<(), AppError> {
    let Some(scope) = &actor.building_scope else {
        return Ok(());
    };
    let held = ownership::Entity::find()
        .inner_join(lot::Entity)
        .filter(ownership::Column::OwnerId.eq(id))
        .filter(lot::Column::BuildingId.is_in(scope.iter().copied()))
        .filter(lots::held_on(today()))
        .count(conn)
        .await?;
    if held == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// An owner as the register knew them on `as_of` (today when `None`): what they held then;
/// their consents and agents as histories.
pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<Owner, AppError> {
    actor.require(Permission::ViewRegister)?;
    let row = find_own(conn, actor, id).await?;
    let date = as_of.unwrap_or_else(today);
    let mut lots = owned_lots(conn, &[id], date).await?;
    // A council member sees the owners of their buildings only.
    if actor.building_scope.is_some()
        && !lots.get(&id).is_some_and(|held| {
            held.iter()
                .any(|l| actor.ensure_building(l.building_id).is_ok())
        })
    {
        return Err(AppError::NotFound);
    }
    let mut owned = lots.remove(&id).unwrap_or_default();
    owned.retain(|l| actor.ensure_building(l.building_id).is_ok());
    let mut consents = super::consents::of_owners(conn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    consents.retain(|c| actor.ensure_building(c.building_id).is_ok());
    let agents = super::agents::of_owners(conn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    to_view(row, owned, consents, agents)
}

fn snapshot(details: &OwnerDetails) -> serde_json::Value {
    json!({
        "kind": details.kind.as_str(),
        "first_name": details.first_name,
        "last_name": details.last_name,
        "company_number": details.company_number.as_ref().map(|n| n.digits().to_owned()),
        "street": details.street,
        "postal_code": details.postal_code,
        "city": details.city,
        "country": details.country,
        "email": details.email.as_ref().map(|e| e.as_str().to_owned()),
        "phone": details.phone,
        "locale": details.locale.as_str(),
    })
}

/// The member of the organisation with the owner's e-mail address and the Owner role, if
/// any: that account logs in to see the owner's lots. Addresses of accounts were confirmed
/// by an e-mailed invitation, so the match is safe.
async fn account_for(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    details: &OwnerDetails,
) -> Result<Option<Uuid>, AppError> {
    let Some(email) = &details.email else {
        return Ok(None);
    };
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let member = membership::Entity::find()
        .filter(membership::Column::UserId.eq(account.id))
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .filter(membership::Column::Role.eq(Role::Owner.as_str()))
        .count(conn)
        .await?;
    Ok((member > 0).then_some(account.id))
}

fn apply(row: &mut owner::ActiveModel, details: &OwnerDetails) {
    row.kind = Set(details.kind.as_str().to_owned());
    row.first_name = Set(details.first_name.clone());
    row.last_name = Set(details.last_name.clone());
    row.company_number = Set(details
        .company_number
        .as_ref()
        .map(|n| n.digits().to_owned()));
    row.street = Set(details.street.clone());
    row.postal_code = Set(details.postal_code.clone());
    row.city = Set(details.city.clone());
    row.country = Set(details.country.clone());
    row.email = Set(details.email.as_ref().map(|e| e.as_str().to_owned()));
    row.phone = Set(details.phone.clone());
    row.locale = Set(details.locale.as_str().to_owned());
    row.updated_at = Set(Utc::now());
}

/// Inserts a validated owner inside the caller's transaction.
pub async fn insert(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: Uuid,
    details: &OwnerDetails,
) -> Result<owner::Model, AppError> {
    let now = Utc::now();
    let mut row = owner::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        user_id: Set(account_for(conn, organization_id, details).await?),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, details);
    let created = row.insert(conn).await?;
    audit::record(
        conn,
        audit::Entry::new("owner.created", "owner", created.id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(snapshot(details)),
    )
    .await?;
    Ok(created)
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &OwnerInput,
) -> Result<Owner, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate()?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let created = insert(&txn, actor, organization_id, &details).await?;
    txn.commit().await?;
    to_view(created, Vec::new(), Vec::new(), Vec::new())
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    input: &OwnerInput,
    expected_version: i32,
) -> Result<Owner, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate()?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    if row.version != expected_version {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    let before = json!({
        "kind": row.kind, "first_name": row.first_name, "last_name": row.last_name,
        "company_number": row.company_number, "street": row.street,
        "postal_code": row.postal_code, "city": row.city, "country": row.country,
        "email": row.email, "phone": row.phone, "locale": row.locale,
    });
    let address_changed = row.email.as_deref() != details.email.as_ref().map(|e| e.as_str());
    // The link to an owner's account follows the e-mail: a corrected address unlinks the
    // account that had the old one (it must no longer see these lots).
    let account = account_for(&txn, organization_id, &details).await?;
    let mut active = row.into_active_model();
    apply(&mut active, &details);
    active.user_id = Set(account);
    let _: owner::Model =
        crate::ssr::db::update_versioned(&txn, active, owner::Column::Version, expected_version)
            .await?;
    // A consent names an address: a new one needs the owner's consent again.
    let ended = if address_changed {
        super::consents::end_for_new_address(&txn, id, details.email.as_ref(), today()).await?
    } else {
        0
    };
    audit::record(
        &txn,
        audit::Entry::new("owner.updated", "owner", id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before)
            .after(json!({"owner": snapshot(&details), "consents_ended": ended})),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id, None).await
}

/// The owner records of the organisation linked to a user's account (one person can be
/// several: in their own name and as a company's manager).
pub(crate) async fn records_of(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    user_id: Uuid,
) -> Result<Vec<Uuid>, AppError> {
    Ok(owner::Entity::find()
        .select_only()
        .column(owner::Column::Id)
        .filter(owner::Column::OrganizationId.eq(organization_id))
        .filter(owner::Column::UserId.eq(user_id))
        .into_tuple()
        .all(conn)
        .await?)
}

/// The lots the logged-in user holds today in the organisation they work in — through the
/// owner records linked to their account. Nothing else of the register is visible to them.
pub async fn my_lots(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    as_of: Option<NaiveDate>,
) -> Result<Vec<OwnedLot>, AppError> {
    let organization_id = actor.require(Permission::ViewOrganization)?;
    let mine = records_of(conn, organization_id, actor.user_id).await?;
    let lots = owned_lots(conn, &mine, as_of.unwrap_or_else(today)).await?;
    let mut all: Vec<OwnedLot> = lots.into_values().flatten().collect();
    all.sort_by(|a, b| {
        (a.building_name.as_str(), a.number.as_str())
            .cmp(&(b.building_name.as_str(), b.number.as_str()))
    });
    Ok(all)
}
