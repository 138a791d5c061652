//! Who acts for an owner (rules in `domain::register::agent`): recorded, ended, read per owner.

use super::{audit, owners};
use crate::domain::register::Owner;
use crate::domain::register::agent::{Agent, AgentEndInput, AgentInput, Capacity};
use crate::domain::{Actor, AppError, Permission};
use crate::ssr::decode;
use chrono::Utc;
use entity::{owner, owner_agent};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

fn to_domain(row: owner_agent::Model, agent_name: String) -> Result<Agent, AppError> {
    let at = decode::At {
        table: "owner_agents",
        column: "capacity",
        id: &row.id,
    };
    Ok(Agent {
        capacity: decode::text(at, &row.capacity, Capacity::parse)?,
        id: row.id,
        agent_id: row.agent_id,
        agent_name,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        document: row.document,
        receives_mail: row.receives_mail,
        version: row.version,
    })
}

/// The agents of `owner_ids`, the latest first: one statement, and one more for the agents'
/// names.
pub async fn of_owners(
    conn: &impl ConnectionTrait,
    owner_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Agent>>, AppError> {
    if owner_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = owner_agent::Entity::find()
        .filter(owner_agent::Column::OwnerId.is_in(owner_ids.iter().copied()))
        .order_by_desc(owner_agent::Column::ValidFrom)
        .order_by_desc(owner_agent::Column::CreatedAt)
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let names: HashMap<Uuid, String> = owner::Entity::find()
        .filter(owner::Column::Id.is_in(rows.iter().map(|r| r.agent_id)))
        .all(conn)
        .await?
        .iter()
        .map(|o| (o.id, super::lots::owner_name(o)))
        .collect();
    let mut result: HashMap<Uuid, Vec<Agent>> = HashMap::new();
    for row in rows {
        let name = names.get(&row.agent_id).cloned().unwrap_or_default();
        result
            .entry(row.owner_id)
            .or_default()
            .push(to_domain(row, name)?);
    }
    Ok(result)
}

/// The owner locked for a change of its agents, so that the checks against the agents
/// already recorded (one receives the mail) see every other writer's (`FOR UPDATE` on
/// PostgreSQL; SQLite's write transactions are one at a time).
async fn lock_owner(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<owner::Model, AppError> {
    let row = owner::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    owners::ensure_in_scope(conn, actor, id).await?;
    Ok(row)
}

/// Records who acts for an owner, in which capacity, from when, on what document.
pub async fn appoint(
    db: &DatabaseConnection,
    actor: &Actor,
    owner_id: Uuid,
    input: &AgentInput,
) -> Result<Owner, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = lock_owner(&txn, actor, owner_id).await?;
    let kind = owners::kind_of(&row)?;
    let recorded = of_owners(&txn, &[owner_id])
        .await?
        .remove(&owner_id)
        .unwrap_or_default();
    let details = input.validate(owner_id, kind, &recorded)?;
    // The agent is a person of the same directory: another organisation's is not found.
    let agent = owner::Entity::find_by_id(details.agent_id)
        .filter(owner::Column::OrganizationId.eq(organization_id))
        .select_only()
        .column(owner::Column::Id)
        .into_tuple::<Uuid>()
        .one(&txn)
        .await?;
    if agent.is_none() {
        return Err(AppError::field("agent_id", "owner.not_found"));
    }
    let now = Utc::now();
    let created = owner_agent::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        owner_id: Set(owner_id),
        agent_id: Set(details.agent_id),
        capacity: Set(details.capacity.as_str().to_owned()),
        valid_from: Set(details.valid_from),
        valid_to: Set(details.valid_to),
        document: Set(details.document.clone()),
        receives_mail: Set(details.receives_mail),
        created_by: Set(actor.user()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("owner.agent_appointed", "owner", owner_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({
                "agent": created.id, "agent_id": details.agent_id,
                "capacity": details.capacity.as_str(), "valid_from": details.valid_from,
                "valid_to": details.valid_to, "document": details.document,
                "receives_mail": details.receives_mail,
            })),
    )
    .await?;
    txn.commit().await?;
    owners::get(db, actor, owner_id, None).await
}

/// Records the end of an agency: from that day the agent no longer acts (and the mail goes to
/// the owner again, or to another agent).
pub async fn end(
    db: &DatabaseConnection,
    actor: &Actor,
    owner_id: Uuid,
    agent_id: Uuid,
    input: &AgentEndInput,
) -> Result<Owner, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    lock_owner(&txn, actor, owner_id).await?;
    let row = owner_agent::Entity::find_by_id(agent_id)
        .filter(owner_agent::Column::OwnerId.eq(owner_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let agent = to_domain(row, String::new())?;
    let ended_on = input.validate(&agent)?;
    if agent.valid_to == Some(ended_on) {
        return Err(AppError::Conflict("conflict.agent_ended".into()));
    }
    crate::ssr::db::claim(
        &txn,
        owner_agent::Entity::update_many()
            .col_expr(owner_agent::Column::ValidTo, Expr::value(ended_on)),
        agent.id,
        input.version,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("owner.agent_ended", "owner", owner_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(json!({"agent": agent.id, "valid_to": agent.valid_to}))
            .after(json!({"agent": agent.id, "valid_to": ended_on})),
    )
    .await?;
    txn.commit().await?;
    owners::get(db, actor, owner_id, None).await
}
