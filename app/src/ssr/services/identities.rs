//! Strong identities linked to accounts (issue 11): which provider subject logs which user
//! in. A subject belongs to one user and a user has one subject per provider, both held by
//! unique indexes, so that two links racing cannot both land. Linking, re-binding and
//! unlinking are audited.

use super::audit;
use crate::domain::second_factor::LinkedIdentity;
use crate::domain::{AppError, CurrentUser};
use crate::ssr::oidc::{Oidc, Verified};
use chrono::Utc;
use entity::oidc_identity;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

pub async fn list(
    db: &impl ConnectionTrait,
    oidc: &Oidc,
    user_id: Uuid,
) -> Result<Vec<LinkedIdentity>, AppError> {
    let names = crate::ssr::oidc::names(oidc);
    Ok(oidc_identity::Entity::find()
        .filter(oidc_identity::Column::UserId.eq(user_id))
        .order_by_asc(oidc_identity::Column::LinkedAt)
        .limit(50)
        .all(db)
        .await?
        .into_iter()
        .map(|row| LinkedIdentity {
            id: row.id,
            provider_name: names
                .get(&row.provider)
                .cloned()
                .unwrap_or(row.provider.clone()),
            provider: row.provider,
            linked_at: row.linked_at,
            last_used_at: row.last_used_at,
        })
        .collect())
}

/// The user a provider's subject logs in, and the time of that use recorded.
pub async fn user_of(
    db: &impl ConnectionTrait,
    verified: &Verified,
) -> Result<Option<Uuid>, AppError> {
    let Some(row) = oidc_identity::Entity::find()
        .filter(oidc_identity::Column::Issuer.eq(&verified.issuer))
        .filter(oidc_identity::Column::Subject.eq(&verified.subject))
        .filter(oidc_identity::Column::Provider.eq(&verified.provider))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    oidc_identity::Entity::update_many()
        .col_expr(oidc_identity::Column::LastUsedAt, Expr::value(Utc::now()))
        .filter(oidc_identity::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(Some(row.user_id))
}

/// How a link ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    New,
    /// The user's identity at this provider now has another subject (itsme's pairwise
    /// `sub` changed, or the user re-created their itsme account).
    Rebound,
    /// The same subject again: nothing changed.
    Unchanged,
}

/// Links the verified identity to `user`. A different subject at a provider the user has
/// already linked replaces it only from a session that logged in with a password and a
/// second factor within the step-up window: a stolen password alone cannot move the
/// strong login to someone else's identity.
pub async fn link(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    verified: &Verified,
) -> Result<Linked, AppError> {
    let existing = oidc_identity::Entity::find()
        .filter(oidc_identity::Column::UserId.eq(user.id))
        .filter(oidc_identity::Column::Provider.eq(&verified.provider))
        .one(db)
        .await?;
    let Some(existing) = existing else {
        // The unique indexes decide a race: a subject linked meanwhile to someone else is
        // `oidc.identity_taken`, a second link of this user `oidc.already_linked`.
        let id = Uuid::new_v4();
        oidc_identity::Entity::insert(oidc_identity::ActiveModel {
            id: Set(id),
            user_id: Set(user.id),
            provider: Set(verified.provider.clone()),
            issuer: Set(verified.issuer.clone()),
            subject: Set(verified.subject.clone()),
            linked_at: Set(Utc::now()),
            last_used_at: Set(None),
        })
        .exec(db)
        .await?;
        audit::record(
            db,
            audit::Entry::new("auth.identity_linked", "user", user.id)
                .actor(user.id)
                .after(json!({ "provider": verified.provider, "identity": id })),
        )
        .await?;
        return Ok(Linked::New);
    };
    if existing.subject == verified.subject && existing.issuer == verified.issuer {
        return Ok(Linked::Unchanged);
    }
    let strong_session = user.assurance.as_ref().is_some_and(|a| {
        a.methods
            .contains(&crate::domain::second_factor::AuthMethod::Password)
            && a.methods.iter().any(|m| {
                matches!(
                    m,
                    crate::domain::second_factor::AuthMethod::Totp
                        | crate::domain::second_factor::AuthMethod::RecoveryCode
                        | crate::domain::second_factor::AuthMethod::RememberedDevice
                )
            })
    });
    if !strong_session || !user.recently_verified {
        return Err(AppError::Conflict("oidc.rebind_needs_second_factor".into()));
    }
    // Guarded by the row's old subject: two re-binds racing, one wins.
    let result = oidc_identity::Entity::update_many()
        .col_expr(
            oidc_identity::Column::Subject,
            Expr::value(verified.subject.clone()),
        )
        .col_expr(
            oidc_identity::Column::Issuer,
            Expr::value(verified.issuer.clone()),
        )
        .col_expr(oidc_identity::Column::LinkedAt, Expr::value(Utc::now()))
        .filter(oidc_identity::Column::Id.eq(existing.id))
        .filter(oidc_identity::Column::Subject.eq(existing.subject.clone()))
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::Conflict("conflict.stale".into()));
    }
    audit::record(
        db,
        audit::Entry::new("auth.identity_rebound", "user", user.id)
            .actor(user.id)
            .after(json!({ "provider": verified.provider, "identity": existing.id })),
    )
    .await?;
    Ok(Linked::Rebound)
}

/// Unlinks one of the user's identities (after a step-up); another user's is not found.
pub async fn unlink(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: Uuid,
) -> Result<(), AppError> {
    user.require_recent_proof()?;
    let row = oidc_identity::Entity::find_by_id(id)
        .filter(oidc_identity::Column::UserId.eq(user.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let deleted = oidc_identity::Entity::delete_many()
        .filter(oidc_identity::Column::Id.eq(id))
        .filter(oidc_identity::Column::UserId.eq(user.id))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        db,
        audit::Entry::new("auth.identity_unlinked", "user", user.id)
            .actor(user.id)
            .before(json!({ "provider": row.provider, "identity": id })),
    )
    .await?;
    Ok(())
}

/// Whether the verified identity is the one linked to `user_id` (a step-up through a
/// provider proves who is there only if it is their own identity).
pub async fn belongs_to(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    verified: &Verified,
) -> Result<bool, AppError> {
    Ok(oidc_identity::Entity::find()
        .filter(oidc_identity::Column::UserId.eq(user_id))
        .filter(oidc_identity::Column::Provider.eq(&verified.provider))
        .filter(oidc_identity::Column::Issuer.eq(&verified.issuer))
        .filter(oidc_identity::Column::Subject.eq(&verified.subject))
        .one(db)
        .await?
        .is_some())
}
