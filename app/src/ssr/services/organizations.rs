//! Organisations (tenants) and memberships.

use super::audit;
use crate::domain::{
    Actor, AppError, Member, MembershipInfo, OrganizationKind, OrganizationName,
    OrganizationSummary, Permission, Role, Slug, error::Validator, second_factor::SecurityPolicy,
};
use crate::ssr::decode;
use crate::ssr::identity::{self, Change};
use chrono::Utc;
use entity::{membership, membership_building, organization, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

fn summary(row: organization::Model) -> Result<OrganizationSummary, AppError> {
    let at = |column| decode::At {
        table: "organizations",
        column,
        id: &row.id,
    };
    Ok(OrganizationSummary {
        slug: decode::text(at("slug"), &row.slug, Slug::parse)?,
        kind: decode::text(at("kind"), &row.kind, OrganizationKind::parse)?,
        id: row.id,
        name: row.name,
    })
}

fn role_of(row: &membership::Model) -> Result<Role, AppError> {
    let at = decode::At {
        table: "memberships",
        column: "role",
        id: &row.id,
    };
    decode::text(at, &row.role, Role::parse)
}

/// The organisations a user belongs to, by name, with the roles held in each.
pub async fn memberships_of(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<MembershipInfo>, AppError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(organization::Entity)
        .all(conn)
        .await?;
    let mut by_org: BTreeMap<Uuid, MembershipInfo> = BTreeMap::new();
    for (m, org) in rows {
        let Some(org) = org else { continue };
        let role = role_of(&m)?;
        let info = match by_org.entry(org.id) {
            std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::btree_map::Entry::Vacant(entry) => entry.insert(MembershipInfo {
                second_factor_required: org.second_factor_required,
                organization: summary(org)?,
                roles: Vec::new(),
                buildings: Vec::new(),
            }),
        };
        info.roles.push(role);
    }
    for scope in membership_building::Entity::find()
        .filter(membership_building::Column::UserId.eq(user_id))
        .all(conn)
        .await?
    {
        if let Some(m) = by_org.get_mut(&scope.organization_id) {
            m.buildings.push(scope.building_id);
        }
    }
    let mut list: Vec<MembershipInfo> = by_org.into_values().collect();
    for m in &mut list {
        m.roles.sort();
    }
    list.sort_by(|a, b| a.organization.name.cmp(&b.organization.name));
    Ok(list)
}

/// The actor for an organisation named in a request (REST paths): the user's roles there, or
/// `NotFound` when the user does not belong to it — other tenants do not exist.
pub fn actor_in(
    user: &crate::domain::CurrentUser,
    organization_id: Uuid,
) -> Result<Actor, AppError> {
    Actor::for_organization(user, Some(organization_id))
}

/// Sets the buildings a member's register access is limited to (council members sit on the
/// council of one association). Replaces the previous list; audited.
pub async fn set_member_buildings(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: Uuid,
    building_ids: &[Uuid],
) -> Result<Vec<Uuid>, AppError> {
    let organization_id = actor.require(Permission::ManageMembers)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let member = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .one(&txn)
        .await?;
    if member.is_none() {
        return Err(AppError::NotFound);
    }
    for id in building_ids {
        let building = entity::building::Entity::find_by_id(*id)
            .one(&txn)
            .await?
            .filter(|b| b.organization_id == organization_id);
        if building.is_none() {
            return Err(AppError::field("building_ids", "building.not_found"));
        }
    }
    let before: Vec<Uuid> = membership_building::Entity::find()
        .filter(membership_building::Column::UserId.eq(user_id))
        .filter(membership_building::Column::OrganizationId.eq(organization_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.building_id)
        .collect();
    membership_building::Entity::delete_many()
        .filter(membership_building::Column::UserId.eq(user_id))
        .filter(membership_building::Column::OrganizationId.eq(organization_id))
        .exec(&txn)
        .await?;
    let mut after: Vec<Uuid> = building_ids.to_vec();
    after.sort();
    after.dedup();
    for building_id in &after {
        membership_building::ActiveModel {
            id: Set(Uuid::now_v7()),
            organization_id: Set(organization_id),
            user_id: Set(user_id),
            building_id: Set(*building_id),
            created_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        audit::Entry::new("membership.buildings_set", "user", user_id)
            .organization(organization_id)
            .actor(actor.user())
            .before(json!({ "buildings": before }))
            .after(json!({ "buildings": after })),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(user_id));
    Ok(after)
}

pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<OrganizationSummary, AppError> {
    let organization_id = actor.require(Permission::ViewOrganization)?;
    organization::Entity::find_by_id(organization_id)
        .one(conn)
        .await?
        .map(summary)
        .ok_or(AppError::NotFound)?
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    slug: &str,
    name: &str,
    kind: &str,
) -> Result<OrganizationSummary, AppError> {
    actor.require_platform(Permission::CreateOrganization)?;
    let mut v = Validator::new();
    let slug = v.check("slug", Slug::parse(slug));
    let name = v.check("name", OrganizationName::parse(name));
    let kind = v.check("kind", OrganizationKind::parse(kind));
    v.finish()?;
    let (slug, name, kind) = (slug.unwrap(), name.unwrap(), kind.unwrap());
    if find_by_slug(db, &slug).await?.is_some() {
        return Err(AppError::Conflict("conflict.slug_taken".into()));
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = organization::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.as_str().to_owned()),
        name: Set(name.as_str().to_owned()),
        kind: Set(kind.as_str().to_owned()),
        second_factor_required: Set(false),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("organization.created", "organization", row.id)
            .organization(row.id)
            .actor(actor.user())
            .after(json!({ "slug": row.slug, "name": row.name, "kind": row.kind })),
    )
    .await?;
    txn.commit().await?;
    summary(row)
}

pub async fn find_by_slug(
    conn: &impl ConnectionTrait,
    slug: &Slug,
) -> Result<Option<OrganizationSummary>, AppError> {
    organization::Entity::find()
        .filter(organization::Column::Slug.eq(slug.as_str()))
        .one(conn)
        .await?
        .map(summary)
        .transpose()
}

/// Grants a role; granting a role already held is a no-op.
pub async fn grant(
    conn: &impl ConnectionTrait,
    actor_user_id: Option<Uuid>,
    organization_id: Uuid,
    user_id: Uuid,
    role: Role,
) -> Result<(), AppError> {
    if !role.is_organization_role() {
        return Err(AppError::field("role", "role.invalid"));
    }
    let exists = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .filter(membership::Column::Role.eq(role.as_str()))
        .one(conn)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    membership::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        organization_id: Set(organization_id),
        role: Set(role.as_str().to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?;
    // Within the caller's transaction: a read racing its commit is corrected by the
    // database's announcement of the new membership.
    identity::changed(&Change::User(user_id));
    audit::record(
        conn,
        audit::Entry::new("membership.granted", "user", user_id)
            .organization(organization_id)
            .actor(actor_user_id)
            .after(json!({ "role": role })),
    )
    .await
}

/// The organisation's members with their roles, by name.
/// How many people belong to the actor's organisation (the dashboard's figure), counted by
/// the database.
pub async fn member_count(conn: &impl ConnectionTrait, actor: &Actor) -> Result<u64, AppError> {
    let organization_id = actor.require(Permission::ViewMembers)?;
    let count: Option<i64> = membership::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::Expr::from(sea_orm::sea_query::Func::count_distinct(
                sea_orm::sea_query::Expr::col(membership::Column::UserId),
            )),
            "count",
        )
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(count.unwrap_or_default().max(0) as u64)
}

/// The organisation's security policy, as its members' managers see it.
pub async fn security_policy(
    conn: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<SecurityPolicy, AppError> {
    let organization_id = actor.require(Permission::ViewMembers)?;
    let row = organization::Entity::find_by_id(organization_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(SecurityPolicy {
        second_factor_required: row.second_factor_required,
    })
}

/// Requires (or no longer requires) a second factor of the organisation's syndics and
/// accountants. A sensitive change (step-up); and whoever turns it on must have one
/// themselves, or they would lock themselves out with it.
pub async fn set_security_policy(
    db: &DatabaseConnection,
    actor: &Actor,
    own_second_factor: bool,
    policy: SecurityPolicy,
) -> Result<SecurityPolicy, AppError> {
    let organization_id = actor.require(Permission::ManageMembers)?;
    actor.require_recent_proof()?;
    if policy.second_factor_required && !own_second_factor {
        return Err(AppError::Conflict("second_factor.enrol_first".into()));
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let before = organization::Entity::find_by_id(organization_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    organization::Entity::update_many()
        .col_expr(
            organization::Column::SecondFactorRequired,
            sea_orm::sea_query::Expr::value(policy.second_factor_required),
        )
        .filter(organization::Column::Id.eq(organization_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new(
            "organization.security_policy_changed",
            "organization",
            organization_id,
        )
        .organization(organization_id)
        .actor(actor.user())
        .before(json!({ "second_factor_required": before.second_factor_required }))
        .after(json!({ "second_factor_required": policy.second_factor_required })),
    )
    .await?;
    txn.commit().await?;
    // Every member's memberships carry the policy.
    identity::changed(&Change::Everything);
    Ok(policy)
}

pub async fn members(conn: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Member>, AppError> {
    let organization_id = actor.require(Permission::ViewMembers)?;
    let rows = membership::Entity::find()
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .find_also_related(user::Entity)
        .order_by_asc(membership::Column::CreatedAt)
        .all(conn)
        .await?;
    let mut by_user: BTreeMap<Uuid, Member> = BTreeMap::new();
    for (m, u) in rows {
        let role = role_of(&m)?;
        let Some(u) = u else { continue };
        let entry = by_user.entry(u.id).or_insert_with(|| Member {
            user_id: u.id,
            email: u.email,
            display_name: u.display_name,
            roles: Vec::new(),
            since: m.created_at,
            buildings: Vec::new(),
            second_factor: u.second_factor_at.is_some(),
        });
        entry.roles.push(role);
        entry.since = entry.since.min(m.created_at);
    }
    for scope in membership_building::Entity::find()
        .filter(membership_building::Column::OrganizationId.eq(organization_id))
        .all(conn)
        .await?
    {
        if let Some(member) = by_user.get_mut(&scope.user_id) {
            member.buildings.push(scope.building_id);
        }
    }
    let mut list: Vec<Member> = by_user.into_values().collect();
    // A council member sees the office (syndics, accountants) and the members of the
    // buildings they sit for, not the whole firm's clientele.
    if let Some(scope) = &actor.building_scope {
        list.retain(|m| {
            m.roles
                .iter()
                .any(|r| matches!(r, Role::Syndic | Role::Accountant))
                || m.buildings.iter().any(|b| scope.contains(b))
        });
    }
    for m in &mut list {
        m.roles.sort();
    }
    list.sort_by(|a, b| {
        a.display_name
            .to_lowercase()
            .cmp(&b.display_name.to_lowercase())
    });
    Ok(list)
}

/// Serialises changes to an organisation's memberships: two syndics removing each other at
/// the same moment must not both see "another syndic remains". PostgreSQL locks the row
/// (`SELECT … FOR UPDATE`); SQLite's write transactions are serial already (IMMEDIATE).
async fn lock_organization(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
) -> Result<(), AppError> {
    if conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        organization::Entity::find_by_id(organization_id)
            .lock_exclusive()
            .one(conn)
            .await?;
    }
    Ok(())
}

/// Removes every role a user holds in the actor's organisation. The last syndic stays: an
/// organisation without one could not manage its members any more.
pub async fn remove_member(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: Uuid,
) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageMembers)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    lock_organization(&txn, organization_id).await?;
    let rows = membership::Entity::find()
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .all(&txn)
        .await?;
    let removed: Vec<&membership::Model> = rows.iter().filter(|m| m.user_id == user_id).collect();
    if removed.is_empty() {
        return Err(AppError::NotFound);
    }
    let syndic = Role::Syndic.as_str();
    let other_syndics = rows
        .iter()
        .filter(|m| m.role == syndic && m.user_id != user_id)
        .count();
    if removed.iter().any(|m| m.role == syndic) && other_syndics == 0 {
        return Err(AppError::Conflict("conflict.last_syndic".into()));
    }
    let roles: Vec<&str> = removed.iter().map(|m| m.role.as_str()).collect();
    membership::Entity::delete_many()
        .filter(membership::Column::OrganizationId.eq(organization_id))
        .filter(membership::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    // The buildings a council member was limited to go with the membership: a later
    // invitation must not inherit them.
    membership_building::Entity::delete_many()
        .filter(membership_building::Column::OrganizationId.eq(organization_id))
        .filter(membership_building::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new("membership.removed", "user", user_id)
            .organization(organization_id)
            .actor(actor.user())
            .before(json!({ "roles": roles })),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(user_id));
    Ok(())
}
