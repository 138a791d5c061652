//! Personal API tokens for `/api/v1`: created and revoked by their user, stored as SHA-256
//! hashes, shown once. A token acts in the organisation it was created in.

use super::{accounts, audit};
use crate::domain::token::{
    API_TOKEN_PREFIX, ApiTokenInfo, CreatedApiToken, parse_token_lifetime_days, parse_token_name,
};
use crate::domain::{AppError, CurrentUser, error::Validator};
use crate::ssr::crypto;
use chrono::{Duration, Utc};
use entity::api_token;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

/// `last_used_at` is refreshed at most this often, so a busy integration does not turn
/// every read into a write.
const LAST_USED_RESOLUTION_SECS: i64 = 60;

impl From<api_token::Model> for ApiTokenInfo {
    fn from(row: api_token::Model) -> Self {
        ApiTokenInfo {
            id: row.id,
            name: row.name,
            prefix: row.prefix,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
        }
    }
}

pub async fn list(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<ApiTokenInfo>, AppError> {
    let rows = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user.id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Creates a token acting in the user's current organisation; `platform` (platform
/// administrators only) keeps their platform rights. Only a session may create tokens: a
/// stolen token must not be able to mint others that outlive its revocation.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    name: &str,
    lifetime_days: &str,
    platform: bool,
) -> Result<CreatedApiToken, AppError> {
    if user.via_token || (platform && !user.is_superadmin) {
        return Err(AppError::Forbidden);
    }
    // A token outlives the session that makes it: a hijacked session must not mint one.
    user.require_recent_proof()?;
    let mut v = Validator::new();
    let name = v.check("name", parse_token_name(name));
    let days = v.check("expires_in_days", parse_token_lifetime_days(lifetime_days));
    v.finish()?;
    let (name, days) = (name.unwrap(), days.unwrap());
    let secret = crypto::random_secret(API_TOKEN_PREFIX);
    let now = Utc::now();
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = api_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        organization_id: Set(user.active_organization_id),
        name: Set(name),
        token_hash: Set(crypto::sha256_hex(&secret)),
        prefix: Set(secret.chars().take(12).collect()),
        created_at: Set(now),
        last_used_at: Set(None),
        expires_at: Set(days.map(|d| now + Duration::days(d.into()))),
        revoked_at: Set(None),
        platform: Set(platform),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("api_token.created", "api_token", row.id)
            .organization(user.active_organization_id)
            .actor(user.id)
            .after(json!({
                "name": row.name, "prefix": row.prefix, "expires_at": row.expires_at,
                "platform": row.platform,
            })),
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedApiToken {
        token: row.into(),
        secret,
    })
}

/// Revokes one of the user's own tokens. Another user's token is `NotFound`.
pub async fn revoke(db: &DatabaseConnection, user: &CurrentUser, id: Uuid) -> Result<(), AppError> {
    let row = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|row| row.user_id == user.id && row.revoked_at.is_none())
        .ok_or(AppError::NotFound)?;
    let organization_id = row.organization_id;
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut active = row.into_active_model();
    active.revoked_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry::new("api_token.revoked", "api_token", id)
            .organization(organization_id)
            .actor(user.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The user a bearer token stands for, acting in the token's organisation.
pub async fn authenticate(db: &DatabaseConnection, secret: &str) -> Result<CurrentUser, AppError> {
    if !secret.starts_with(API_TOKEN_PREFIX) {
        return Err(AppError::Unauthorized);
    }
    let now = Utc::now();
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(crypto::sha256_hex(secret)))
        .one(db)
        .await?
        .filter(|row| row.revoked_at.is_none() && row.expires_at.is_none_or(|at| at > now))
        .ok_or(AppError::Unauthorized)?;
    let stale = row
        .last_used_at
        .is_none_or(|at| (now - at).num_seconds() >= LAST_USED_RESOLUTION_SECS);
    let (user_id, organization_id, platform) = (row.user_id, row.organization_id, row.platform);
    if stale {
        let mut active = row.into_active_model();
        active.last_used_at = Set(Some(now));
        active.update(db).await?;
    }
    let mut user = accounts::current_user(db, user_id, organization_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // The token never reaches beyond its own organisation, even if the user belongs to more.
    if user.active_organization_id != organization_id {
        user.active_organization_id = None;
    }
    user.memberships
        .retain(|m| Some(m.organization.id) == organization_id);
    user.is_superadmin &= platform;
    user.via_token = true;
    Ok(user)
}
