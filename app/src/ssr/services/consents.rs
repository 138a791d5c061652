//! Owners' consents to e-mail, per association (rules in `domain::register::consent`).

use super::{audit, buildings, owners};
use crate::domain::calendar::today;
use crate::domain::register::consent::{ConsentEnd, ConsentInput, WithdrawalInput};
use crate::domain::register::{Consent, Owner};
use crate::domain::{Actor, AppError, Email, Permission};
use crate::ssr::decode;
use chrono::{NaiveDate, Utc};
use entity::{building, email_consent, lot, ownership};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

fn to_domain(row: email_consent::Model, building_name: String) -> Result<Consent, AppError> {
    let at = decode::At {
        table: "email_consents",
        column: "end_reason",
        id: &row.id,
    };
    Ok(Consent {
        end_reason: row
            .end_reason
            .as_deref()
            .map(|r| decode::text(at, r, ConsentEnd::parse))
            .transpose()?,
        id: row.id,
        building_id: row.building_id,
        building_name,
        address: row.address,
        given_on: row.given_on,
        evidence: row.evidence,
        ended_on: row.ended_on,
        version: row.version,
    })
}

/// The consent histories of `owner_ids`, newest first, in one statement and one more for the
/// buildings' names.
pub async fn of_owners(
    conn: &impl ConnectionTrait,
    owner_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Consent>>, AppError> {
    if owner_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = email_consent::Entity::find()
        .filter(email_consent::Column::OwnerId.is_in(owner_ids.iter().copied()))
        .order_by_desc(email_consent::Column::GivenOn)
        .order_by_desc(email_consent::Column::CreatedAt)
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let names: HashMap<Uuid, String> = building::Entity::find()
        .filter(building::Column::Id.is_in(rows.iter().map(|r| r.building_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let mut result: HashMap<Uuid, Vec<Consent>> = HashMap::new();
    for row in rows {
        let name = names.get(&row.building_id).cloned().unwrap_or_default();
        result
            .entry(row.owner_id)
            .or_default()
            .push(to_domain(row, name)?);
    }
    Ok(result)
}

/// Whether `owner_id` holds, held or will hold a lot of `building_id`: only a co-owner of an
/// association consents to its mail.
async fn is_owner_of(
    conn: &impl ConnectionTrait,
    owner_id: Uuid,
    building_id: Uuid,
) -> Result<bool, AppError> {
    let held = ownership::Entity::find()
        .join(JoinType::InnerJoin, ownership::Relation::Lot.def())
        .filter(ownership::Column::OwnerId.eq(owner_id))
        .filter(lot::Column::BuildingId.eq(building_id))
        .count(conn)
        .await?;
    Ok(held > 0)
}

/// A consent to record, as the owner page or an import has it.
pub struct NewConsent<'a> {
    pub owner_id: Uuid,
    pub building_id: Uuid,
    pub address: &'a Email,
    pub given_on: NaiveDate,
    pub evidence: &'a str,
}

/// Inserts a consent inside the caller's transaction (the owner page and the import).
pub async fn insert(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: Uuid,
    consent: NewConsent<'_>,
) -> Result<(), AppError> {
    let NewConsent {
        owner_id,
        building_id,
        address,
        given_on,
        evidence,
    } = consent;
    let now = Utc::now();
    // A second consent while one is open breaks the partial unique index
    // `ux_email_consents_open`: the check and the write are this one statement.
    let row = email_consent::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        owner_id: Set(owner_id),
        building_id: Set(building_id),
        address: Set(address.as_str().to_owned()),
        given_on: Set(given_on),
        evidence: Set(evidence.to_owned()),
        ended_on: Set(None),
        end_reason: Set(None),
        created_by: Set(actor.user()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    audit::record(
        conn,
        audit::Entry::new("owner.consent_given", "owner", owner_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({
                "consent_id": row.id, "building_id": building_id,
                "address": row.address, "given_on": given_on, "evidence": evidence,
            })),
    )
    .await?;
    Ok(())
}

/// Records an owner's written consent to e-mail from one association.
pub async fn give(
    db: &DatabaseConnection,
    actor: &Actor,
    owner_id: Uuid,
    input: &ConsentInput,
) -> Result<Owner, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let owner = owners::find_own(&txn, actor, owner_id).await?;
    let address = owner.email.as_deref().and_then(|e| Email::parse(e).ok());
    let details = input.validate(address.as_ref(), today())?;
    let address = address.expect("validated");
    // Another organisation's building, or one outside the actor's scope, is not found.
    let building = buildings::find_own(&txn, actor, details.building_id).await?;
    if !is_owner_of(&txn, owner_id, building.id).await? {
        return Err(AppError::field("building_id", "consent.not_an_owner"));
    }
    insert(
        &txn,
        actor,
        organization_id,
        NewConsent {
            owner_id,
            building_id: building.id,
            address: &address,
            given_on: details.given_on,
            evidence: &details.evidence,
        },
    )
    .await?;
    txn.commit().await?;
    owners::get(db, actor, owner_id, None).await
}

/// Records the withdrawal of a consent: from that day the association writes by registered
/// letter again.
pub async fn withdraw(
    db: &DatabaseConnection,
    actor: &Actor,
    owner_id: Uuid,
    consent_id: Uuid,
    input: &WithdrawalInput,
) -> Result<Owner, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let owner = owners::find_own(&txn, actor, owner_id).await?;
    let row = email_consent::Entity::find_by_id(consent_id)
        .filter(email_consent::Column::OwnerId.eq(owner.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_building(row.building_id)?;
    if row.ended_on.is_some() {
        return Err(AppError::Conflict("conflict.consent_ended".into()));
    }
    let withdrawn_on = input.validate(row.given_on, today())?;
    crate::ssr::db::claim(
        &txn,
        email_consent::Entity::update_many()
            .col_expr(email_consent::Column::EndedOn, Expr::value(withdrawn_on))
            .col_expr(
                email_consent::Column::EndReason,
                Expr::value(ConsentEnd::Withdrawn.as_str()),
            ),
        row.id,
        input.version,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("owner.consent_withdrawn", "owner", owner_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(json!({"consent_id": row.id, "address": row.address, "given_on": row.given_on}))
            .after(json!({"consent_id": row.id, "withdrawn_on": withdrawn_on})),
    )
    .await?;
    txn.commit().await?;
    owners::get(db, actor, owner_id, None).await
}

/// Ends, from `on`, every open consent of `owner_id` that names another address than
/// `address`: the written consent named the old one (an owner update calls it in its
/// transaction). Returns how many ended.
pub async fn end_for_new_address(
    conn: &impl ConnectionTrait,
    owner_id: Uuid,
    address: Option<&Email>,
    on: NaiveDate,
) -> Result<u64, AppError> {
    use sea_orm::sea_query::ExprTrait;
    let mut update = email_consent::Entity::update_many()
        .col_expr(email_consent::Column::EndedOn, Expr::value(on))
        .col_expr(
            email_consent::Column::EndReason,
            Expr::value(ConsentEnd::AddressChanged.as_str()),
        )
        // `update_many` passes by the entities' hooks: the version and updated-at by hand.
        .col_expr(
            email_consent::Column::Version,
            Expr::col(email_consent::Column::Version).add(1),
        )
        .col_expr(email_consent::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(email_consent::Column::OwnerId.eq(owner_id))
        .filter(email_consent::Column::EndedOn.is_null());
    if let Some(address) = address {
        update = update.filter(email_consent::Column::Address.ne(address.as_str()));
    }
    Ok(update.exec(conn).await?.rows_affected)
}
