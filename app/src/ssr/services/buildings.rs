//! Buildings (associations of co-owners) of the actor's organisation.

use super::audit;
use crate::domain::register::{Building, BuildingDetails, BuildingInput, LotKind};
use crate::domain::{Actor, AppError, Permission};
use chrono::Utc;
use entity::{building, lot};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

fn to_domain(row: building::Model, lots: &[lot::Model]) -> Building {
    let own: Vec<&lot::Model> = lots.iter().filter(|l| l.building_id == row.id).collect();
    let counted = own
        .iter()
        .filter(|l| LotKind::parse(&l.kind).is_ok_and(LotKind::counts_for_thresholds))
        .count();
    Building {
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
        total_quota: row.total_quota.max(0) as u64,
        construction_year: row.construction_year,
        basic_deed_date: row.basic_deed_date,
        fiscal_year_start: format!(
            "{:02}-{:02}",
            row.fiscal_year_start_month, row.fiscal_year_start_day
        ),
        archived: row.archived_at.is_some(),
        lot_count: own.len() as u64,
        counted_lot_count: counted as u64,
        assigned_quota: own.iter().map(|l| l.quota.max(0) as u64).sum(),
        version: row.version,
    }
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
    let rows = query.all(conn).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let lots = lots_of(conn, &ids).await?;
    Ok(rows.into_iter().map(|row| to_domain(row, &lots)).collect())
}

async fn find_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<building::Model, AppError> {
    let row = building::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    Ok(row)
}

pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<Building, AppError> {
    actor.require(Permission::ViewRegister)?;
    let row = find_own(conn, actor, id).await?;
    let lots = lots_of(conn, &[row.id]).await?;
    Ok(to_domain(row, &lots))
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
    let txn = db.begin().await?;
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
    Ok(to_domain(created, &[]))
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
    let txn = db.begin().await?;
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
    let version = row.version;
    let mut active = row.into_active_model();
    apply(&mut active, &details);
    active.version = Set(version + 1);
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry::new("building.updated", "building", id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before)
            .after(snapshot(&details)),
    )
    .await?;
    let lots = lots_of(&txn, &[id]).await?;
    txn.commit().await?;
    Ok(to_domain(updated, &lots))
}

/// Buildings are archived, never deleted: their history (accounts, minutes) must stay.
pub async fn archive(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = db.begin().await?;
    let row = find_own(&txn, actor, id).await?;
    if row.archived_at.is_some() {
        return Ok(());
    }
    let version = row.version;
    let mut active = row.into_active_model();
    active.archived_at = Set(Some(Utc::now()));
    active.version = Set(version + 1);
    active.update(&txn).await?;
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
