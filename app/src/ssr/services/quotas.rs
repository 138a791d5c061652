//! Quotes-parts over time: the periods of each lot's quote-part and of the building's total
//! (rules in `domain::register::quota`), their dated changes, and the check every write of
//! them ends with: on no date may the lots' quotes-parts exceed the total.

use super::{audit, buildings, lots};
use crate::domain::register::building::parse_total_quota;
use crate::domain::register::quota::{
    self, QuotaBalance, QuotaBasis, QuotaChange, QuotaChangeInput, QuotaPeriod,
};
use crate::domain::register::{LotRecord, QuotaOverview};
use crate::domain::{Actor, AppError, Permission, calendar};
use crate::ssr::decode;
use chrono::{NaiveDate, Utc};
use entity::quota_period;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

pub fn to_domain(row: &quota_period::Model) -> Result<QuotaPeriod, AppError> {
    let at = |column| decode::At {
        table: "quota_periods",
        column,
        id: &row.id,
    };
    Ok(QuotaPeriod {
        quota: decode::unsigned(at("quota"), row.quota)?,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        basis: decode::text(at("basis"), &row.basis, QuotaBasis::parse)?,
        reference: row.reference.clone(),
        basis_date: row.basis_date,
    })
}

/// Every period of a building: its total's and its lots', by start.
pub async fn of_building(
    conn: &impl ConnectionTrait,
    building_id: Uuid,
) -> Result<Vec<quota_period::Model>, AppError> {
    Ok(quota_period::Entity::find()
        .filter(quota_period::Column::BuildingId.eq(building_id))
        .order_by_asc(quota_period::Column::ValidFrom)
        .all(conn)
        .await?)
}

/// Splits a building's periods into its total's and its lots'.
pub fn split(
    rows: &[quota_period::Model],
) -> Result<(Vec<QuotaPeriod>, Vec<QuotaPeriod>), AppError> {
    let mut totals = Vec::new();
    let mut lots = Vec::new();
    for row in rows {
        let period = to_domain(row)?;
        match row.lot_id {
            None => totals.push(period),
            Some(_) => lots.push(period),
        }
    }
    Ok((totals, lots))
}

/// The total in force on `date`.
pub fn total_on(rows: &[quota_period::Model], date: NaiveDate) -> Result<u64, AppError> {
    let (totals, _) = split(rows)?;
    Ok(quota::value_on(&totals, date).unwrap_or(0))
}

/// The check every write of quotes-parts ends with, inside its transaction (the building is
/// locked by then, so two writers cannot each pass it with the other's change unseen).
pub async fn ensure_within_total(
    conn: &impl ConnectionTrait,
    building_id: Uuid,
    field: &str,
) -> Result<(), AppError> {
    let (totals, lots) = split(&of_building(conn, building_id).await?)?;
    match quota::first_excess(&totals, &lots) {
        None => Ok(()),
        Some(excess) => {
            tracing::info!(?excess, %building_id, "quotes-parts would exceed the total");
            Err(AppError::field(field, "quota.exceeds_total"))
        }
    }
}

/// Opens a period of `quota` from `from` (none: since the basic deed).
#[allow(clippy::too_many_arguments)]
pub async fn open(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: Uuid,
    building_id: Uuid,
    lot_id: Option<Uuid>,
    quota: u64,
    from: Option<NaiveDate>,
    basis: (QuotaBasis, Option<String>, Option<NaiveDate>),
) -> Result<quota_period::Model, AppError> {
    let now = Utc::now();
    Ok(quota_period::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        building_id: Set(building_id),
        lot_id: Set(lot_id),
        quota: Set(quota as i64),
        valid_from: Set(from),
        valid_to: Set(None),
        basis: Set(basis.0.as_str().to_owned()),
        reference: Set(basis.1),
        basis_date: Set(basis.2),
        created_by: Set(actor.user()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

/// Ends the open period of a lot (or, with `None`, of the building's total) on `date`,
/// claimed by its version.
pub async fn close_open(
    conn: &impl ConnectionTrait,
    row: &quota_period::Model,
    date: NaiveDate,
) -> Result<(), AppError> {
    crate::ssr::db::claim(
        conn,
        quota_period::Entity::update_many()
            .col_expr(quota_period::Column::ValidTo, Expr::value(date)),
        row.id,
        row.version,
    )
    .await?;
    Ok(())
}

/// Applies a validated change to one series (a lot's or the total) inside the transaction.
async fn change_series(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    series: &[quota_period::Model],
    building: &entity::building::Model,
    lot_id: Option<Uuid>,
    change: &QuotaChange,
) -> Result<(), AppError> {
    let periods: Vec<QuotaPeriod> = series.iter().map(to_domain).collect::<Result<_, _>>()?;
    let open = quota::open_period_for(&periods, change.from)
        .map_err(|code| AppError::field("valid_from", code))?;
    close_open(conn, &series[open], change.from).await?;
    self::open(
        conn,
        actor,
        building.organization_id,
        building.id,
        lot_id,
        change.quota,
        Some(change.from),
        (
            change.basis.kind,
            Some(change.basis.reference.clone()),
            Some(change.basis.date),
        ),
    )
    .await?;
    Ok(())
}

fn change_json(change: &QuotaChange) -> serde_json::Value {
    json!({
        "quota": change.quota,
        "valid_from": change.from,
        "basis": change.basis.kind.as_str(),
        "reference": change.basis.reference,
        "basis_date": change.basis.date,
    })
}

/// A lot's quote-part changes from a date, on the basis of a deed, decision or judgment.
pub async fn change_lot(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &QuotaChangeInput,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    let building = buildings::lock_own(&txn, actor, lot.building_id).await?;
    let rows = of_building(&txn, building.id).await?;
    let today = calendar::today();
    // A positive integer first; then within the total in force on the change's own date.
    let change = input.validate(|raw| quota::parse_quota(raw, u64::MAX), today)?;
    let total = total_on(&rows, change.from)?;
    quota::parse_quota(&input.quota, total).map_err(|code| AppError::field("quota", code))?;
    if !crate::domain::register::lot::exists_on(lot.valid_from, lot.valid_to, change.from) {
        return Err(AppError::field("valid_from", "lot.not_in_existence"));
    }
    let series: Vec<quota_period::Model> = rows
        .into_iter()
        .filter(|r| r.lot_id == Some(lot_id))
        .collect();
    change_series(&txn, actor, &series, &building, Some(lot_id), &change).await?;
    ensure_within_total(&txn, building.id, "quota").await?;
    lots::claim(&txn, &lot).await?;
    audit::record(
        &txn,
        audit::Entry::new("lot.quota_changed", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(change_json(&change)),
    )
    .await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

/// The building's total of quotes-parts changes from a date; never below what its lots hold.
pub async fn change_total(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &QuotaChangeInput,
) -> Result<QuotaOverview, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let change = input.validate(parse_total_quota, calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let building = buildings::lock_own(&txn, actor, building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let series: Vec<quota_period::Model> = of_building(&txn, building_id)
        .await?
        .into_iter()
        .filter(|r| r.lot_id.is_none())
        .collect();
    change_series(&txn, actor, &series, &building, None, &change).await?;
    ensure_within_total(&txn, building_id, "quota").await?;
    buildings::claim(&txn, &building).await?;
    audit::record(
        &txn,
        audit::Entry::new("building.total_changed", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(change_json(&change)),
    )
    .await?;
    txn.commit().await?;
    overview(db, actor, building_id, None).await
}

/// A building's total over time and the balance with its lots on a date.
pub async fn overview(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<QuotaOverview, AppError> {
    actor.require(Permission::ViewRegister)?;
    buildings::find_own(conn, actor, building_id).await?;
    let on = as_of.unwrap_or_else(calendar::today);
    let (mut totals, lots) = split(&of_building(conn, building_id).await?)?;
    let balance = QuotaBalance::on(&totals, &lots, on);
    let total = quota::value_on(&totals, on).unwrap_or(0);
    let assigned = lots.iter().filter(|p| p.covers(on)).map(|p| p.quota).sum();
    totals.sort_by_key(|p| std::cmp::Reverse(p.valid_from));
    Ok(QuotaOverview {
        as_of: on,
        total,
        assigned,
        balance,
        quorum_base: quota::quorum_base(total, assigned),
        totals,
    })
}
