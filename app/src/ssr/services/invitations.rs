//! Invitations: a syndic invites someone by e-mail into the organisation with a role; the
//! link in the mail lets them create an account (or use theirs) and join.

use super::{accounts, audit, organizations, outbox};
use crate::domain::invitation::InvitationPreview;
use crate::domain::{
    Actor, AppError, CurrentUser, Email, Locale, MailStatus, Password, PendingInvitation,
    Permission, Role, error::Validator,
};
use crate::i18n::{translate, translate_with};
use crate::ssr::crypto;
use crate::ssr::state::Settings;
use chrono::{Duration, Utc};
use entity::{invitation, membership, organization};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

const INVITATION_DAYS: i64 = 7;

fn pending(
    row: invitation::Model,
    mail: Option<outbox::Status>,
) -> Result<PendingInvitation, AppError> {
    let at = crate::ssr::decode::At {
        table: "invitations",
        column: "role",
        id: &row.id,
    };
    let role = crate::ssr::decode::text(at, &row.role, Role::parse)?;
    let mail_status = match mail {
        Some(outbox::Status::Sent) => MailStatus::Sent,
        Some(outbox::Status::Failed) => MailStatus::Failed,
        _ => MailStatus::Queued,
    };
    Ok(PendingInvitation {
        id: row.id,
        email: row.email,
        role,
        expires_at: row.expires_at,
        created_at: row.created_at,
        mail_status,
    })
}

/// Invites `email` as `role` and mails the link, written in `locale` (the inviter's).
pub async fn invite(
    db: &DatabaseConnection,
    mail: &outbox::Outbox,
    settings: &Settings,
    actor: &Actor,
    email: &str,
    role: &str,
    locale: Locale,
) -> Result<PendingInvitation, AppError> {
    let organization_id = actor.require(Permission::ManageMembers)?;
    let mut v = Validator::new();
    let email = v.check("email", Email::parse(email));
    let role = v.check("role", Role::parse(role));
    if let Some(role) = role
        && !role.is_organization_role()
    {
        v.add("role", "role.invalid");
    }
    v.finish()?;
    let (email, role) = (email.unwrap(), role.unwrap());

    if let Some(existing) = accounts::find_by_email(db, &email).await? {
        let already = membership::Entity::find()
            .filter(membership::Column::UserId.eq(existing.id))
            .filter(membership::Column::OrganizationId.eq(organization_id))
            .filter(membership::Column::Role.eq(role.as_str()))
            .one(db)
            .await?
            .is_some();
        if already {
            return Err(AppError::Conflict("conflict.already_member".into()));
        }
    }
    let org = organization::Entity::find_by_id(organization_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;

    let secret = crypto::random_secret("");
    let now = Utc::now();
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = invitation::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        email: Set(email.as_str().to_owned()),
        role: Set(role.as_str().to_owned()),
        token_hash: Set(crypto::sha256_hex(&secret)),
        invited_by: Set(actor.user_id),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        accepted_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("invitation.created", "invitation", row.id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({ "email": row.email, "role": row.role })),
    )
    .await?;
    let args = [
        ("organization", org.name),
        ("role", translate(locale, &role.label_key())),
        (
            "link",
            format!("{}/invitations/{secret}", settings.public_url),
        ),
        ("days", INVITATION_DAYS.to_string()),
    ];
    outbox::enqueue(
        &txn,
        outbox::Outgoing {
            organization_id: Some(organization_id),
            related: Some(("invitation", row.id)),
            to: email.as_str().to_owned(),
            subject: translate_with(locale, "mail.invitation_subject", &args),
            body: translate_with(locale, "mail.invitation_body", &args),
        },
    )
    .await?;
    txn.commit().await?;
    mail.wake();
    pending(row, None)
}

/// How many invitations wait for an answer (the dashboard's figure): the rule of
/// `list_pending`, counted by the database.
pub async fn pending_count(conn: &impl ConnectionTrait, actor: &Actor) -> Result<u64, AppError> {
    let organization_id = actor.require(Permission::ViewMembers)?;
    if actor.building_scope.is_some() {
        return Ok(0);
    }
    use sea_orm::PaginatorTrait;
    Ok(pending_query(organization_id).count(conn).await?)
}

fn pending_query(organization_id: Uuid) -> sea_orm::Select<invitation::Entity> {
    invitation::Entity::find()
        .filter(invitation::Column::OrganizationId.eq(organization_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
}

pub async fn list_pending(
    conn: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<PendingInvitation>, AppError> {
    let organization_id = actor.require(Permission::ViewMembers)?;
    // Invitations are the office's business; a council member limited to some buildings
    // sees none.
    if actor.building_scope.is_some() {
        return Ok(Vec::new());
    }
    let rows = pending_query(organization_id)
        .order_by_desc(invitation::Column::CreatedAt)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mails = outbox::statuses(conn, "invitation", &ids).await?;
    rows.into_iter()
        .map(|row| {
            let mail = mails.get(&row.id).copied();
            pending(row, mail)
        })
        .collect()
}

pub async fn revoke(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageMembers)?;
    let row = invitation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    if row.accepted_at.is_some() || row.revoked_at.is_some() {
        return Err(AppError::Conflict("conflict.invitation_closed".into()));
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut active = row.into_active_model();
    active.revoked_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry::new("invitation.revoked", "invitation", id)
            .organization(organization_id)
            .actor(actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn open_invitation(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<invitation::Model, AppError> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(crypto::sha256_hex(token.trim())))
        .one(conn)
        .await?
        .filter(|row| {
            row.accepted_at.is_none() && row.revoked_at.is_none() && row.expires_at > Utc::now()
        })
        .ok_or_else(|| AppError::field("token", "invitation.invalid_link"))
}

pub async fn preview(db: &DatabaseConnection, token: &str) -> Result<InvitationPreview, AppError> {
    let row = open_invitation(db, token).await?;
    let org = organization::Entity::find_by_id(row.organization_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let email = Email::parse(&row.email).map_err(|_| AppError::Internal)?;
    Ok(InvitationPreview {
        organization_name: org.name,
        has_account: accounts::find_by_email(db, &email).await?.is_some(),
        email: row.email,
        role: Role::parse(&row.role).map_err(|_| AppError::Internal)?,
    })
}

/// Accepts an invitation: creates the account (or checks the existing one's password),
/// grants the role, closes the invitation. Returns the user to log in.
pub async fn accept(
    db: &DatabaseConnection,
    check: accounts::Check<'_>,
    token: &str,
    display_name: &str,
    password: &str,
    locale: Locale,
) -> Result<CurrentUser, AppError> {
    let row = open_invitation(db, token).await?;
    let email = Email::parse(&row.email).map_err(|_| AppError::Internal)?;
    let role = Role::parse(&row.role).map_err(|_| AppError::Internal)?;
    let existing = accounts::find_by_email(db, &email).await?;
    if let Some(user) = &existing {
        if !accounts::check_password(db, check, user, password).await? {
            audit::record(
                db,
                audit::Entry::new("invitation.acceptance_failed", "invitation", row.id)
                    .organization(row.organization_id)
                    .actor(user.id),
            )
            .await?;
            return Err(AppError::field("password", "password.wrong_current"));
        }
    } else {
        // Validate up front so every field error shows at once.
        let mut v = Validator::new();
        v.check(
            "display_name",
            crate::domain::DisplayName::parse(display_name),
        );
        v.check("password", Password::parse_for(password, email.as_str()));
        v.finish()?;
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let user_id = match existing {
        Some(user) => user.id,
        None => {
            accounts::create_user(
                &txn,
                check.work,
                accounts::NewUser {
                    email: email.as_str(),
                    password,
                    display_name,
                    locale,
                    is_superadmin: false,
                },
                None,
            )
            .await?
            .id
        }
    };
    organizations::grant(&txn, Some(user_id), row.organization_id, user_id, role).await?;
    let organization_id = row.organization_id;
    let id = row.id;
    // Accepted exactly once: of two acceptances racing with the same link, one wins.
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::field("token", "invitation.invalid_link"));
    }
    audit::record(
        &txn,
        audit::Entry::new("invitation.accepted", "invitation", id)
            .organization(organization_id)
            .actor(user_id),
    )
    .await?;
    txn.commit().await?;
    accounts::current_user(db, user_id, Some(organization_id))
        .await?
        .ok_or(AppError::Internal)
}
