//! The append-only audit log: who did what, when, in which organisation, before and after.

use crate::domain::{Actor, AppError, Permission};
use chrono::{DateTime, Utc};
use entity::audit_log;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub struct Entry<'a> {
    pub organization_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Entry<'a> {
    pub fn new(action: &'a str, entity_type: &'a str, entity_id: impl ToString) -> Self {
        Entry {
            organization_id: None,
            actor_user_id: None,
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            before: None,
            after: None,
        }
    }

    pub fn organization(mut self, id: impl Into<Option<Uuid>>) -> Self {
        self.organization_id = id.into();
        self
    }

    pub fn actor(mut self, id: impl Into<Option<Uuid>>) -> Self {
        self.actor_user_id = id.into();
        self
    }

    pub fn before(mut self, value: serde_json::Value) -> Self {
        self.before = Some(value);
        self
    }

    pub fn after(mut self, value: serde_json::Value) -> Self {
        self.after = Some(value);
        self
    }
}

/// Records a change. Every change to an organisation's data is recorded here, so this is
/// also where this process forgets the organisation's cached lists, before the change even
/// commits: the request that follows it reads it, without waiting for the database's
/// announcement (which comes after the commit and corrects a read that raced it).
pub async fn record(conn: &impl ConnectionTrait, entry: Entry<'_>) -> Result<(), AppError> {
    if let Some(organization_id) = entry.organization_id {
        crate::ssr::identity::changed(&crate::ssr::identity::Change::Register(organization_id));
    }
    let row = audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(entry.organization_id),
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action.to_owned()),
        entity_type: Set(entry.entity_type.to_owned()),
        entity_id: Set(entry.entity_id),
        before: Set(entry.before),
        after: Set(entry.after),
        request_id: Set(crate::ssr::request_id()),
        created_at: Set(Utc::now()),
    };
    audit_log::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditEvent {
    pub id: Uuid,
    pub actor_user_id: Option<Uuid>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

fn to_event(row: audit_log::Model) -> AuditEvent {
    AuditEvent {
        id: row.id,
        actor_user_id: row.actor_user_id,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        before: row.before,
        after: row.after,
        created_at: row.created_at,
    }
}

/// The latest events about the given objects of the organisation, newest first. Callers
/// check that the actor may see those objects.
pub async fn about(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    entity_ids: &[Uuid],
    limit: u64,
) -> Result<Vec<AuditEvent>, AppError> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::OrganizationId.eq(organization_id))
        .filter(audit_log::Column::EntityId.is_in(entity_ids.iter().map(Uuid::to_string)))
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit.min(500))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(to_event).collect())
}

/// The organisation's latest events, newest first.
pub async fn recent(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    limit: u64,
) -> Result<Vec<AuditEvent>, AppError> {
    let organization_id = actor.require(Permission::ViewAuditLog)?;
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::OrganizationId.eq(organization_id))
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit.min(500))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(to_event).collect())
}
