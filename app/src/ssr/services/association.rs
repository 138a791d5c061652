//! The association's facts: mandates of its syndic, council and auditor, its rules of
//! procedure, accounting regime and provisional acceptance (rules in
//! `domain::register::association`).

use super::{audit, buildings};
use crate::domain::register::AccountPurpose;
use crate::domain::register::association::{
    self, AssociationFacts, AssociationRulesInput, Mandate, MandateInput, MandateRole,
};
use crate::domain::{Actor, AppError, Permission, calendar};
use crate::ssr::decode;
use chrono::{Datelike, NaiveDate, Utc};
use entity::{association_mandate, building, lot, ownership};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

fn to_domain(row: &association_mandate::Model) -> Result<Mandate, AppError> {
    Ok(Mandate {
        id: row.id,
        role: decode::text(
            decode::At {
                table: "association_mandates",
                column: "role",
                id: &row.id,
            },
            &row.role,
            MandateRole::parse,
        )?,
        holder_name: row.holder_name.clone(),
        owner_id: row.owner_id,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        decided_on: row.decided_on,
        fiscal_year: row.fiscal_year,
        version: row.version,
    })
}

/// The fiscal year under way on `date` (named by its starting year), for a year starting on
/// `start` (`MM-DD`).
fn fiscal_year_of(date: NaiveDate, start: (u32, u32)) -> i32 {
    if (date.month(), date.day()) >= start {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The association's facts on `as_of` (today by default).
pub async fn facts(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<AssociationFacts, AppError> {
    actor.require(Permission::ViewRegister)?;
    let on = as_of.unwrap_or_else(calendar::today);
    let figures = buildings::get(conn, actor, building_id, Some(on)).await?;
    let row = buildings::find_own(conn, actor, building_id).await?;
    let mandates: Vec<Mandate> = association_mandate::Entity::find()
        .filter(association_mandate::Column::BuildingId.eq(building_id))
        .order_by_desc(association_mandate::Column::StartsOn)
        .all(conn)
        .await?
        .iter()
        .map(to_domain)
        .collect::<Result<_, _>>()?;
    let at = |column| decode::At {
        table: "buildings",
        column,
        id: &row.id,
    };
    let chosen = decode::text(
        at("accounts_regime"),
        row.accounts_regime.as_deref().unwrap_or(""),
        association::AccountsRegime::parse,
    )?;
    let counted = figures.counted_lot_count as usize;
    let council_required = crate::domain::register::council_required(counted);
    let reserve_from = row
        .provisional_acceptance_on
        .map(association::reserve_fund_mandatory_from);
    let start = (
        row.fiscal_year_start_month as u32,
        row.fiscal_year_start_day as u32,
    );
    let alerts = association::alerts(
        &mandates,
        on,
        council_required,
        fiscal_year_of(on, start),
        reserve_from,
        !figures.missing_accounts.contains(&AccountPurpose::Reserve),
    );
    Ok(AssociationFacts {
        as_of: on,
        council_required,
        accounts_regime: association::accounts_regime(counted, chosen),
        accounts_regime_chosen: chosen,
        provisional_acceptance_on: row.provisional_acceptance_on,
        reserve_fund_mandatory_from: reserve_from,
        assembly_window_start: row.assembly_window_start.clone(),
        notice_days: row
            .notice_days
            .map(|n| decode::unsigned(at("notice_days"), n as i64).map(|n| n as u32))
            .transpose()?
            .unwrap_or(association::LEGAL_NOTICE_DAYS),
        remote_participation: row.remote_participation,
        alerts,
        mandates,
        version: row.version,
    })
}

/// Whether `owner_id` holds a lot of the building on `date` (the council is made of
/// co-owners).
async fn holds_in(
    conn: &impl ConnectionTrait,
    building_id: Uuid,
    owner_id: Uuid,
    date: NaiveDate,
) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    let lots = sea_orm::sea_query::Query::select()
        .column(lot::Column::Id)
        .from(lot::Entity)
        .and_where(lot::Column::BuildingId.eq(building_id))
        .to_owned();
    Ok(ownership::Entity::find()
        .filter(ownership::Column::OwnerId.eq(owner_id))
        .filter(ownership::Column::LotId.in_subquery(lots))
        .filter(super::lots::held_on(date))
        .count(conn)
        .await?
        > 0)
}

/// Records a mandate: a syndic for three years at most, a council member who holds a lot
/// of the building, an auditor for a fiscal year; one syndic (and one chair) at a time.
pub async fn add_mandate(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &MandateInput,
) -> Result<AssociationFacts, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate()?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let building = buildings::lock_own(&txn, actor, building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let mut holder_name = details.holder_name.clone();
    if let Some(owner_id) = details.owner_id {
        let owner = entity::owner::Entity::find_by_id(owner_id)
            .filter(entity::owner::Column::OrganizationId.eq(organization_id))
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::field("owner_id", "owner.not_found"))?;
        if details.role.needs_owner()
            && !holds_in(&txn, building_id, owner_id, details.starts_on).await?
        {
            return Err(AppError::field("owner_id", "mandate.council_not_owner"));
        }
        holder_name.get_or_insert_with(|| super::lots::owner_name(&owner));
    }
    let existing: Vec<Mandate> = association_mandate::Entity::find()
        .filter(association_mandate::Column::BuildingId.eq(building_id))
        .filter(association_mandate::Column::Role.eq(details.role.as_str()))
        .all(&txn)
        .await?
        .iter()
        .map(to_domain)
        .collect::<Result<_, _>>()?;
    if details.role.is_single()
        && existing.iter().any(|m| {
            association::overlaps(
                (m.starts_on, m.ends_on),
                (details.starts_on, details.ends_on),
            )
        })
    {
        return Err(AppError::field("starts_on", "mandate.overlaps"));
    }
    if details.role == MandateRole::Auditor
        && existing
            .iter()
            .any(|m| m.fiscal_year == details.fiscal_year)
    {
        return Err(AppError::field("fiscal_year", "mandate.auditor_exists"));
    }
    if details.role == MandateRole::CouncilMember
        && existing.iter().any(|m| {
            m.owner_id == details.owner_id
                && association::overlaps(
                    (m.starts_on, m.ends_on),
                    (details.starts_on, details.ends_on),
                )
        })
    {
        return Err(AppError::field("owner_id", "mandate.overlaps"));
    }
    let now = Utc::now();
    let row = association_mandate::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        building_id: Set(building_id),
        role: Set(details.role.as_str().to_owned()),
        holder_name: Set(holder_name.clone().unwrap_or_default()),
        owner_id: Set(details.owner_id),
        starts_on: Set(details.starts_on),
        ends_on: Set(details.ends_on),
        decided_on: Set(details.decided_on),
        fiscal_year: Set(details.fiscal_year),
        created_by: Set(actor.user()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("association.mandate_added", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({
                "mandate_id": row.id, "role": details.role.as_str(), "holder": holder_name,
                "owner_id": details.owner_id, "starts_on": details.starts_on,
                "ends_on": details.ends_on, "decided_on": details.decided_on,
                "fiscal_year": details.fiscal_year,
            })),
    )
    .await?;
    txn.commit().await?;
    facts(db, actor, building_id, None).await
}

/// Saves the rules of procedure, the accounting regime chosen and the provisional
/// acceptance date, from the building's `version`.
pub async fn set_rules(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &AssociationRulesInput,
) -> Result<AssociationFacts, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let rules = input.validate(calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = buildings::find_own(&txn, actor, building_id).await?;
    let before = json!({
        "assembly_window_start": row.assembly_window_start, "notice_days": row.notice_days,
        "remote_participation": row.remote_participation, "accounts_regime": row.accounts_regime,
        "provisional_acceptance_on": row.provisional_acceptance_on,
    });
    let window = rules
        .assembly_window_start
        .map(|(m, d)| format!("{m:02}-{d:02}"));
    crate::ssr::db::claim(
        &txn,
        building::Entity::update_many()
            .col_expr(
                building::Column::AssemblyWindowStart,
                Expr::value(window.clone()),
            )
            .col_expr(
                building::Column::NoticeDays,
                Expr::value(rules.notice_days.map(|n| n as i32)),
            )
            .col_expr(
                building::Column::RemoteParticipation,
                Expr::value(rules.remote_participation),
            )
            .col_expr(
                building::Column::AccountsRegime,
                Expr::value(rules.accounts_regime.map(|r| r.as_str().to_owned())),
            )
            .col_expr(
                building::Column::ProvisionalAcceptanceOn,
                Expr::value(rules.provisional_acceptance_on),
            ),
        building_id,
        input.version,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("association.rules_set", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before)
            .after(json!({
                "assembly_window_start": window, "notice_days": rules.notice_days,
                "remote_participation": rules.remote_participation,
                "accounts_regime": rules.accounts_regime.map(|r| r.as_str()),
                "provisional_acceptance_on": rules.provisional_acceptance_on,
            })),
    )
    .await?;
    txn.commit().await?;
    facts(db, actor, building_id, None).await
}
