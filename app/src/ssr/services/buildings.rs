//! Buildings (associations of co-owners) of the actor's organisation.

use super::audit;
use crate::domain::register::bank::{AccountNumber, AccountPurpose, check_single_reserve};
use crate::domain::register::{BankAccount, BankAccountInput};
use crate::domain::register::{Building, BuildingDetails, BuildingInput};
use crate::domain::{Actor, AppError, Permission};
use chrono::Utc;
use entity::{bank_account, building, lot, ownership};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

/// Lots of the buildings, and who holds each lot today.
struct Register {
    lots: Vec<lot::Model>,
    holders: Vec<(Uuid, Uuid)>,
}

impl Register {
    async fn load(conn: &impl ConnectionTrait, buildings: &[Uuid]) -> Result<Self, AppError> {
        let lots = lots_of(conn, buildings).await?;
        let today = super::lots::today();
        let holders = ownership::Entity::find()
            .filter(ownership::Column::LotId.is_in(lots.iter().map(|l| l.id)))
            .all(conn)
            .await?
            .into_iter()
            .filter(|o| super::lots::covers(o, today))
            .map(|o| (o.lot_id, o.owner_id))
            .collect();
        Ok(Register { lots, holders })
    }

    fn empty() -> Self {
        Register {
            lots: Vec::new(),
            holders: Vec::new(),
        }
    }
}

fn to_domain(row: building::Model, register: &Register) -> Result<Building, AppError> {
    let own: Vec<&lot::Model> = register
        .lots
        .iter()
        .filter(|l| l.building_id == row.id)
        .collect();
    let own_ids: HashSet<Uuid> = own.iter().map(|l| l.id).collect();
    let owner_count = register
        .holders
        .iter()
        .filter(|(lot, _)| own_ids.contains(lot))
        .map(|(_, owner)| owner)
        .collect::<HashSet<_>>()
        .len() as u64;
    let mut counted = 0_u64;
    let mut assigned_quota = 0_u64;
    for lot in &own {
        if super::lots::kind_of(lot)?.counts_for_thresholds() {
            counted += 1;
        }
        assigned_quota = assigned_quota.saturating_add(super::lots::quota_of(lot)?);
    }
    Ok(Building {
        total_quota: super::lots::total_quota_of(&row)?,
        id: row.id,
        name: row.name,
        street: row.street,
        postal_code: row.postal_code,
        city: row.city,
        enterprise_number: row
            .enterprise_number
            .as_deref()
            .and_then(|n| crate::domain::register::EnterpriseNumber::parse(n).ok())
            .map(|n| n.to_string()),
        construction_year: row.construction_year,
        basic_deed_date: row.basic_deed_date,
        fiscal_year_start: format!(
            "{:02}-{:02}",
            row.fiscal_year_start_month, row.fiscal_year_start_day
        ),
        archived: row.archived_at.is_some(),
        lot_count: own.len() as u64,
        counted_lot_count: counted,
        assigned_quota,
        owner_count,
        version: row.version,
    })
}

fn snapshot(details: &BuildingDetails) -> serde_json::Value {
    json!({
        "name": details.name,
        "street": details.street,
        "postal_code": details.postal_code,
        "city": details.city,
        "enterprise_number": details.enterprise_number.as_ref().map(|n| n.digits().to_owned()),
        "total_quota": details.total_quota,
        "construction_year": details.construction_year,
        "basic_deed_date": details.basic_deed_date,
        "fiscal_year_start": [details.fiscal_year_start.0, details.fiscal_year_start.1],
    })
}

fn apply(row: &mut building::ActiveModel, details: &BuildingDetails) {
    row.name = Set(details.name.clone());
    row.street = Set(details.street.clone());
    row.postal_code = Set(details.postal_code.clone());
    row.city = Set(details.city.clone());
    row.enterprise_number = Set(details
        .enterprise_number
        .as_ref()
        .map(|n| n.digits().to_owned()));
    row.total_quota = Set(details.total_quota as i64);
    row.construction_year = Set(details.construction_year);
    row.basic_deed_date = Set(details.basic_deed_date);
    row.fiscal_year_start_month = Set(details.fiscal_year_start.0 as i16);
    row.fiscal_year_start_day = Set(details.fiscal_year_start.1 as i16);
    row.updated_at = Set(Utc::now());
}

async fn lots_of(
    conn: &impl ConnectionTrait,
    buildings: &[Uuid],
) -> Result<Vec<lot::Model>, AppError> {
    Ok(lot::Entity::find()
        .filter(lot::Column::BuildingId.is_in(buildings.iter().copied()))
        .all(conn)
        .await?)
}

/// The organisation's buildings by name; archived ones only when asked.
pub async fn list(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    include_archived: bool,
) -> Result<Vec<Building>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    let mut query = building::Entity::find()
        .filter(building::Column::OrganizationId.eq(organization_id))
        .order_by_asc(building::Column::Name);
    if !include_archived {
        query = query.filter(building::Column::ArchivedAt.is_null());
    }
    if let Some(scope) = &actor.building_scope {
        query = query.filter(building::Column::Id.is_in(scope.iter().copied()));
    }
    let rows = query.all(conn).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let register = Register::load(conn, &ids).await?;
    rows.into_iter()
        .map(|row| to_domain(row, &register))
        .collect()
}

pub async fn find_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<building::Model, AppError> {
    let row = building::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    actor.ensure_building(row.id)?;
    Ok(row)
}

pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<Building, AppError> {
    actor.require(Permission::ViewRegister)?;
    let row = find_own(conn, actor, id).await?;
    let register = Register::load(conn, &[row.id]).await?;
    to_domain(row, &register)
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &BuildingInput,
) -> Result<Building, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate(Utc::now().date_naive())?;
    let now = Utc::now();
    let mut row = building::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        archived_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, &details);
    let txn = crate::ssr::db::begin_write(db).await?;
    let created = row.insert(&txn).await?;
    audit::record(
        &txn,
        audit::Entry::new("building.created", "building", created.id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(snapshot(&details)),
    )
    .await?;
    txn.commit().await?;
    to_domain(created, &Register::empty())
}

/// Saves an edit made from version `expected_version`; a concurrent change in between is a
/// conflict rather than a silent overwrite.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    input: &BuildingInput,
    expected_version: i32,
) -> Result<Building, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate(Utc::now().date_naive())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    if row.version != expected_version {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    let before = json!({
        "name": row.name, "street": row.street, "postal_code": row.postal_code,
        "city": row.city, "enterprise_number": row.enterprise_number,
        "total_quota": row.total_quota, "construction_year": row.construction_year,
        "basic_deed_date": row.basic_deed_date,
        "fiscal_year_start": [row.fiscal_year_start_month, row.fiscal_year_start_day],
    });
    let mut active = row.into_active_model();
    apply(&mut active, &details);
    let updated =
        crate::ssr::db::update_versioned(&txn, active, building::Column::Version, expected_version)
            .await?;
    audit::record(
        &txn,
        audit::Entry::new("building.updated", "building", id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before)
            .after(snapshot(&details)),
    )
    .await?;
    let register = Register::load(&txn, &[id]).await?;
    txn.commit().await?;
    to_domain(updated, &register)
}

/// Buildings are archived, never deleted: their history (accounts, minutes) must stay.
pub async fn archive(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    if row.archived_at.is_some() {
        return Ok(());
    }
    let version = row.version;
    let mut active = row.into_active_model();
    active.archived_at = Set(Some(Utc::now()));
    crate::ssr::db::update_versioned(&txn, active, building::Column::Version, version).await?;
    audit::record(
        &txn,
        audit::Entry::new("building.archived", "building", id)
            .organization(organization_id)
            .actor(actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn account_view(row: bank_account::Model) -> Result<BankAccount, AppError> {
    let at = |column| crate::ssr::decode::At {
        table: "bank_accounts",
        column,
        id: &row.id,
    };
    Ok(BankAccount {
        iban: crate::ssr::decode::text(at("iban"), &row.iban, AccountNumber::parse)?.to_string(),
        purpose: crate::ssr::decode::text(at("purpose"), &row.purpose, AccountPurpose::parse)?,
        id: row.id,
        label: row.label,
    })
}

pub async fn accounts(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
) -> Result<Vec<BankAccount>, AppError> {
    actor.require(Permission::ViewRegister)?;
    find_own(conn, actor, building_id).await?;
    bank_account::Entity::find()
        .filter(bank_account::Column::BuildingId.eq(building_id))
        .order_by_asc(bank_account::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(account_view)
        .collect()
}

/// Adds an account of the association; at most one holds the reserve fund (art. 3.86 §3).
pub async fn add_account(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &BankAccountInput,
) -> Result<BankAccount, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let mut v = crate::domain::error::Validator::new();
    let iban = v.check("iban", AccountNumber::parse(&input.iban));
    let purpose = v.check("purpose", AccountPurpose::parse(&input.purpose));
    let label = input.label.trim();
    if label.chars().count() > 100 {
        v.add("label", "text.too_long");
    }
    v.finish()?;
    let (iban, purpose) = (iban.unwrap(), purpose.unwrap());
    let txn = crate::ssr::db::begin_write(db).await?;
    find_own(&txn, actor, building_id).await?;
    let existing = bank_account::Entity::find()
        .filter(bank_account::Column::BuildingId.eq(building_id))
        .all(&txn)
        .await?;
    if existing.iter().any(|a| a.iban == iban.electronic()) {
        return Err(AppError::field("iban", "bank_account.duplicate"));
    }
    check_single_reserve(
        existing
            .iter()
            .filter_map(|a| AccountPurpose::parse(&a.purpose).ok())
            .chain([purpose]),
    )
    .map_err(|code| AppError::field("purpose", code))?;
    let row = bank_account::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        building_id: Set(building_id),
        iban: Set(iban.electronic().to_owned()),
        purpose: Set(purpose.as_str().to_owned()),
        label: Set((!label.is_empty()).then(|| label.to_owned())),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("bank_account.added", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({"iban": row.iban, "purpose": row.purpose, "label": row.label})),
    )
    .await?;
    txn.commit().await?;
    account_view(row)
}

pub async fn remove_account(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    account_id: Uuid,
) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    find_own(&txn, actor, building_id).await?;
    let row = bank_account::Entity::find_by_id(account_id)
        .filter(bank_account::Column::BuildingId.eq(building_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    bank_account::Entity::delete_by_id(account_id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new("bank_account.removed", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(json!({"iban": row.iban, "purpose": row.purpose, "label": row.label})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What happened to the building and its lots, newest first.
pub async fn history(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
    limit: u64,
) -> Result<Vec<audit::AuditEvent>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    find_own(conn, actor, building_id).await?;
    let mut ids: Vec<Uuid> = lots_of(conn, &[building_id])
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    ids.push(building_id);
    audit::about(conn, organization_id, &ids, limit).await
}
