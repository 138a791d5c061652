//! Accounts: login (throttled), the current user, password change and reset, language
//! preference, and account creation for the CLI and the demo seed.

use super::{audit, organizations, outbox, throttle};
use crate::domain::throttle::normalise_login;
use crate::domain::{
    AppError, CurrentUser, DisplayName, Email, Locale, Password, error::Validator,
};
use crate::i18n::translate_with;
use crate::ssr::crypto::{self, DECOY_HASH};
use crate::ssr::identity::{self, Change};
use crate::ssr::state::Settings;
use crate::ssr::work::Work;
use chrono::{Duration, Utc};
use entity::{api_token, email_change, password_reset, session, user};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde_json::json;
use std::net::IpAddr;
use uuid::Uuid;

/// Where a password check comes from: the bounded hashing pool, the client's address and
/// the time (for the throttles).
#[derive(Clone, Copy)]
pub struct Check<'a> {
    pub work: &'a Work,
    pub client: Option<IpAddr>,
    /// Unix milliseconds, from `AppState::clock`.
    pub now_ms: i64,
}

/// Reset links live one hour (OWASP Forgot Password Cheat Sheet: short-lived, single use).
const RESET_TOKEN_HOURS: i64 = 1;

pub async fn current_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    remembered_organization: Option<Uuid>,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(found) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let memberships = organizations::memberships_of(db, user_id).await?;
    let active_organization_id =
        CurrentUser::choose_active(&memberships, remembered_organization, found.is_superadmin);
    Ok(Some(CurrentUser {
        id: found.id,
        email: found.email,
        display_name: found.display_name,
        locale: Locale::parse(&found.locale).unwrap_or_default(),
        is_superadmin: found.is_superadmin,
        memberships,
        active_organization_id,
        via_token: false,
        second_factor: found.second_factor_at.is_some(),
        assurance: None,
        recently_verified: false,
    }))
}

/// Checks credentials. A wrong e-mail and a wrong password give the same `Unauthorized`
/// after the same work (an argon2 check either way); too many attempts give `RateLimited`
/// for known and unknown e-mails alike.
pub async fn login(
    db: &DatabaseConnection,
    check: Check<'_>,
    email: &str,
    password: &str,
) -> Result<CurrentUser, AppError> {
    let mut v = Validator::new();
    if email.trim().is_empty() {
        v.add("email", "email.required");
    }
    if password.is_empty() {
        v.add("password", "password.required");
    }
    v.finish()?;

    let login = normalise_login(email);
    let found = match Email::parse(email) {
        Ok(email) => find_by_email(db, &email).await?,
        Err(_) => None,
    };
    let attempt = match throttle::claim(db, &login, check.client, check.now_ms).await {
        Ok(attempt) => attempt,
        Err(err) => {
            if let Some(found) = &found {
                audit::record(
                    db,
                    audit::Entry::new("auth.throttled", "user", found.id).actor(found.id),
                )
                .await?;
            }
            return Err(err);
        }
    };
    let hash = found
        .as_ref()
        .map_or_else(|| DECOY_HASH.to_owned(), |f| f.password_hash.clone());
    let valid = crypto::verify_password(check.work, password.to_owned(), hash).await?;
    let Some(found) = found else {
        return Err(AppError::Unauthorized);
    };
    let user_id = found.id;
    if valid {
        throttle::succeeded(db, &attempt, check.now_ms).await?;
    }
    let action = if valid {
        "auth.login"
    } else {
        "auth.login_failed"
    };
    audit::record(
        db,
        audit::Entry::new(action, "user", user_id).actor(user_id),
    )
    .await?;
    if !valid {
        return Err(AppError::Unauthorized);
    }
    current_user(db, user_id, None)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Checks the password of an account that is already known (password change, accepting an
/// invitation with an existing account) under the same throttles as a login.
pub async fn check_password(
    db: &DatabaseConnection,
    check: Check<'_>,
    found: &user::Model,
    password: &str,
) -> Result<bool, AppError> {
    let attempt = match throttle::claim(
        db,
        &normalise_login(&found.email),
        check.client,
        check.now_ms,
    )
    .await
    {
        Ok(attempt) => attempt,
        Err(err) => {
            audit::record(
                db,
                audit::Entry::new("auth.throttled", "user", found.id).actor(found.id),
            )
            .await?;
            return Err(err);
        }
    };
    let valid =
        crypto::verify_password(check.work, password.to_owned(), found.password_hash.clone())
            .await?;
    if valid {
        throttle::succeeded(db, &attempt, check.now_ms).await?;
    }
    Ok(valid)
}

/// Changes the password after checking the current one, and ends every other session.
pub async fn change_password(
    db: &DatabaseConnection,
    check: Check<'_>,
    user_id: Uuid,
    current: &str,
    new: &str,
    keep_session_id: Option<String>,
) -> Result<(), AppError> {
    let found = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut v = Validator::new();
    let new = v.check("new_password", Password::parse_for(new, &found.email));
    if current.is_empty() {
        v.add("current_password", "password.required");
    }
    v.finish()?;
    let new = new.expect("validated");
    if !check_password(db, check, &found, current).await? {
        audit::record(
            db,
            audit::Entry::new("user.password_change_failed", "user", user_id).actor(user_id),
        )
        .await?;
        return Err(AppError::field(
            "current_password",
            "password.wrong_current",
        ));
    }
    let hash = crypto::hash_password(check.work, new.expose().to_owned()).await?;
    let txn = crate::ssr::db::begin_write(db).await?;
    set_password(&txn, found, hash).await?;
    end_other_sessions(&txn, user_id, keep_session_id).await?;
    audit::record(
        &txn,
        audit::Entry::new("user.password_changed", "user", user_id).actor(user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn set_password(
    conn: &impl ConnectionTrait,
    found: user::Model,
    hash: String,
) -> Result<(), AppError> {
    let user_id = found.id;
    let now = Utc::now();
    let mut row = found.into_active_model();
    row.password_hash = Set(hash);
    row.updated_at = Set(now);
    row.update(conn).await?;
    // New credentials void every way in that the old ones opened: reset links not yet
    // used and API tokens (a stolen token must not outlive the password change).
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

async fn end_other_sessions(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    keep_session_id: Option<String>,
) -> Result<(), AppError> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep_session_id {
        query = query.filter(session::Column::Id.ne(keep));
    }
    query.exec(conn).await?;
    identity::changed(&Change::SessionsOf(user_id));
    Ok(())
}

/// Sends a reset link if the address has an account. Answers at once and the same either
/// way — the link is made and queued in the background — so that neither the answer nor
/// its timing tells whether an account exists.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    outbox: &outbox::Outbox,
    settings: &Settings,
    email: &str,
) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|code| AppError::field("email", code))?;
    let (db, outbox, settings) = (db.clone(), outbox.clone(), settings.clone());
    tokio::spawn(async move {
        if let Err(err) = queue_reset_link(&db, &settings, &email).await {
            tracing::error!(?err, "password reset link not queued");
        }
        outbox.wake();
    });
    Ok(())
}

async fn queue_reset_link(
    db: &DatabaseConnection,
    settings: &Settings,
    email: &Email,
) -> Result<(), AppError> {
    let Some(found) = find_by_email(db, email).await? else {
        return Ok(());
    };
    let secret = crypto::random_secret("");
    let now = Utc::now();
    let locale = Locale::parse(&found.locale).unwrap_or_default();
    let link = format!("{}/reset-password/{secret}", settings.public_url);
    let args = [
        ("name", found.display_name.clone()),
        ("link", link),
        ("hours", RESET_TOKEN_HOURS.to_string()),
    ];
    let txn = crate::ssr::db::begin_write(db).await?;
    // Only the newest link works.
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(found.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let reset = password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(found.id),
        token_hash: Set(crypto::sha256_hex(&secret)),
        expires_at: Set(now + Duration::hours(RESET_TOKEN_HOURS)),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    outbox::enqueue(
        &txn,
        outbox::Outgoing {
            organization_id: None,
            related: Some(("password_reset", reset.id)),
            to: found.email.clone(),
            subject: translate_with(locale, "mail.reset_subject", &args),
            body: translate_with(locale, "mail.reset_body", &args),
        },
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("user.password_reset_requested", "user", found.id).actor(found.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password from a reset link: single use, one hour, ends all sessions.
pub async fn reset_password(
    db: &DatabaseConnection,
    work: &Work,
    token: &str,
    new: &str,
) -> Result<Uuid, AppError> {
    let now = Utc::now();
    let reset = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(crypto::sha256_hex(token.trim())))
        .one(db)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
        .ok_or_else(|| AppError::field("token", "reset.invalid_link"))?;
    let found = user::Entity::find_by_id(reset.user_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("token", "reset.invalid_link"))?;
    let password = Password::parse_for(new, &found.email)
        .map_err(|code| AppError::field("new_password", code))?;
    let hash = crypto::hash_password(work, password.expose().to_owned()).await?;
    let user_id = found.id;
    let txn = crate::ssr::db::begin_write(db).await?;
    // Used exactly once: of two requests racing with the same link, one updates the row.
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::field("token", "reset.invalid_link"));
    }
    set_password(&txn, found, hash).await?;
    end_other_sessions(&txn, user_id, None).await?;
    audit::record(
        &txn,
        audit::Entry::new("user.password_reset", "user", user_id).actor(user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(user_id)
}

/// A link to change one's e-mail address lives a day: it goes to a mailbox the user may
/// read later than a password reset's.
const EMAIL_CHANGE_HOURS: i64 = 24;

/// Starts changing the user's own e-mail address (after a step-up): a link to the new
/// address, which proves the user receives mail there, and a notice to the old one, so that
/// a hijacked session cannot quietly move the account away. Only the newest link works.
pub async fn request_email_change(
    db: &DatabaseConnection,
    mail: &outbox::Outbox,
    settings: &Settings,
    user: &CurrentUser,
    new_email: &str,
) -> Result<(), AppError> {
    user.require_recent_proof()?;
    let email = Email::parse(new_email).map_err(|code| AppError::field("email", code))?;
    if email.as_str() == user.email {
        return Err(AppError::field("email", "email.unchanged"));
    }
    if find_by_email(db, &email).await?.is_some() {
        return Err(AppError::Conflict("conflict.email_taken".into()));
    }
    let secret = crypto::random_secret("");
    let now = Utc::now();
    let args = [
        ("name", user.display_name.clone()),
        (
            "link",
            format!("{}/confirm-email/{secret}", settings.public_url),
        ),
        ("hours", EMAIL_CHANGE_HOURS.to_string()),
        ("email", email.as_str().to_owned()),
    ];
    let txn = crate::ssr::db::begin_write(db).await?;
    email_change::Entity::update_many()
        .col_expr(email_change::Column::UsedAt, Expr::value(now))
        .filter(email_change::Column::UserId.eq(user.id))
        .filter(email_change::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let change = email_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        new_email: Set(email.as_str().to_owned()),
        token_hash: Set(crypto::sha256_hex(&secret)),
        expires_at: Set(now + Duration::hours(EMAIL_CHANGE_HOURS)),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    for (to, subject, body) in [
        (
            email.as_str(),
            "mail.email_change_subject",
            "mail.email_change_body",
        ),
        (
            user.email.as_str(),
            "mail.email_change_notice_subject",
            "mail.email_change_notice_body",
        ),
    ] {
        outbox::enqueue(
            &txn,
            outbox::Outgoing {
                organization_id: None,
                related: Some(("email_change", change.id)),
                to: to.to_owned(),
                subject: translate_with(user.locale, subject, &args),
                body: translate_with(user.locale, body, &args),
            },
        )
        .await?;
    }
    audit::record(
        &txn,
        audit::Entry::new("user.email_change_requested", "user", user.id)
            .actor(user.id)
            .after(json!({ "email": email.as_str() })),
    )
    .await?;
    txn.commit().await?;
    mail.wake();
    Ok(())
}

/// Confirms a new e-mail address from its link: once, within a day, and only if no other
/// account took the address meanwhile (the unique index decides, in the same statement).
pub async fn confirm_email_change(db: &DatabaseConnection, token: &str) -> Result<Uuid, AppError> {
    let now = Utc::now();
    let invalid = || AppError::field("token", "email_change.invalid_link");
    let change = email_change::Entity::find()
        .filter(email_change::Column::TokenHash.eq(crypto::sha256_hex(token.trim())))
        .one(db)
        .await?
        .filter(|c| c.used_at.is_none() && c.expires_at > now)
        .ok_or_else(invalid)?;
    let found = user::Entity::find_by_id(change.user_id)
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let claimed = email_change::Entity::update_many()
        .col_expr(email_change::Column::UsedAt, Expr::value(now))
        .filter(email_change::Column::Id.eq(change.id))
        .filter(email_change::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(invalid());
    }
    // An address taken meanwhile is `conflict.email_taken`, from the unique index.
    user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::value(change.new_email.clone()))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new("user.email_changed", "user", found.id)
            .actor(found.id)
            .before(json!({ "email": found.email }))
            .after(json!({ "email": change.new_email })),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(found.id));
    Ok(found.id)
}

pub async fn set_locale(
    db: &DatabaseConnection,
    user_id: Uuid,
    locale: Locale,
) -> Result<(), AppError> {
    let found = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if found.locale == locale.as_str() {
        return Ok(());
    }
    let before = json!({ "locale": found.locale });
    let txn = crate::ssr::db::begin_write(db).await?;
    let mut row = found.into_active_model();
    row.locale = Set(locale.as_str().to_owned());
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    audit::record(
        &txn,
        audit::Entry::new("user.locale_changed", "user", user_id)
            .actor(user_id)
            .before(before)
            .after(json!({ "locale": locale })),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(user_id));
    Ok(())
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub display_name: &'a str,
    pub locale: Locale,
    pub is_superadmin: bool,
}

/// Creates an account (CLI, seed, accepted invitations). Fails with a conflict if the
/// address is taken.
pub async fn create_user(
    conn: &impl ConnectionTrait,
    work: &Work,
    new: NewUser<'_>,
    created_by: Option<Uuid>,
) -> Result<user::Model, AppError> {
    let mut v = Validator::new();
    let email = v.check("email", Email::parse(new.email));
    let name = v.check("display_name", DisplayName::parse(new.display_name));
    let password = v.check("password", Password::parse_for(new.password, new.email));
    v.finish()?;
    let (email, name, password) = (email.unwrap(), name.unwrap(), password.unwrap());
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?
        .is_some();
    if taken {
        return Err(AppError::Conflict("conflict.email_taken".into()));
    }
    let hash = crypto::hash_password(work, password.expose().to_owned()).await?;
    let now = Utc::now();
    let created = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        display_name: Set(name.as_str().to_owned()),
        password_hash: Set(hash),
        locale: Set(new.locale.as_str().to_owned()),
        is_superadmin: Set(new.is_superadmin),
        second_factor_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    audit::record(
        conn,
        audit::Entry::new("user.created", "user", created.id)
            .actor(created_by.or(Some(created.id)))
            .after(json!({
                "email": created.email,
                "display_name": created.display_name,
                "is_superadmin": created.is_superadmin,
            })),
    )
    .await?;
    Ok(created)
}

pub async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}
