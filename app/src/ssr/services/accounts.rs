//! Accounts: login with lockout, the current user, password change and reset, language
//! preference, and account creation for the CLI and the demo seed.

use super::{audit, organizations};
use crate::domain::lockout::LoginState;
use crate::domain::{
    AppError, CurrentUser, DisplayName, Email, Locale, Password, error::Validator,
};
use crate::i18n::translate_with;
use crate::ssr::crypto::{self, DECOY_HASH};
use crate::ssr::mail::{Email as Mail, Mailer};
use crate::ssr::state::Settings;
use chrono::{Duration, Utc};
use entity::{password_reset, session, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

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
    let active_organization_id = CurrentUser::choose_active(&memberships, remembered_organization);
    Ok(Some(CurrentUser {
        id: found.id,
        email: found.email,
        display_name: found.display_name,
        locale: Locale::parse(&found.locale).unwrap_or_default(),
        is_superadmin: found.is_superadmin,
        memberships,
        active_organization_id,
    }))
}

/// Checks credentials. Wrong e-mail and wrong password give the same `Unauthorized`, in the
/// same time; a locked account gives `RateLimited` with the seconds left.
pub async fn login(
    db: &DatabaseConnection,
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

    let now = Utc::now();
    let found = match Email::parse(email) {
        Ok(email) => {
            user::Entity::find()
                .filter(user::Column::Email.eq(email.as_str()))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    let Some(found) = found else {
        crypto::verify_password(password.to_owned(), DECOY_HASH.to_owned()).await?;
        return Err(AppError::Unauthorized);
    };
    let state = LoginState {
        failed_logins: found.failed_logins,
        locked_until: found.locked_until,
    };
    if let Some(retry_after_secs) = state.locked_for(now) {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let valid = crypto::verify_password(password.to_owned(), found.password_hash.clone()).await?;
    let user_id = found.id;
    let next = if valid {
        LoginState::after_success()
    } else {
        state.after_failure(now)
    };
    let txn = db.begin().await?;
    if next != state {
        let mut row = found.into_active_model();
        row.failed_logins = Set(next.failed_logins);
        row.locked_until = Set(next.locked_until);
        row.update(&txn).await?;
    }
    let action = match (valid, next.locked_until) {
        (true, _) => "auth.login",
        (false, Some(_)) => "auth.locked",
        (false, None) => "auth.login_failed",
    };
    audit::record(
        &txn,
        audit::Entry::new(action, "user", user_id).actor(user_id),
    )
    .await?;
    txn.commit().await?;
    if !valid {
        return Err(AppError::Unauthorized);
    }
    current_user(db, user_id, None)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Changes the password after checking the current one, and ends every other session.
pub async fn change_password(
    db: &DatabaseConnection,
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
    if !crypto::verify_password(current.to_owned(), found.password_hash.clone()).await? {
        return Err(AppError::field(
            "current_password",
            "password.wrong_current",
        ));
    }
    let hash = crypto::hash_password(new.expose().to_owned()).await?;
    let txn = db.begin().await?;
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
    let mut row = found.into_active_model();
    row.password_hash = Set(hash);
    row.failed_logins = Set(0);
    row.locked_until = Set(None);
    row.updated_at = Set(Utc::now());
    row.update(conn).await?;
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
    Ok(())
}

/// Sends a reset link if the address has an account. Answers the same either way, so the
/// form cannot be used to find out who has an account.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    mailer: &Mailer,
    settings: &Settings,
    email: &str,
) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|code| AppError::field("email", code))?;
    let Some(found) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let secret = crypto::random_secret("");
    let now = Utc::now();
    let txn = db.begin().await?;
    password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(found.id),
        token_hash: Set(crypto::sha256_hex(&secret)),
        expires_at: Set(now + Duration::hours(RESET_TOKEN_HOURS)),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("user.password_reset_requested", "user", found.id).actor(found.id),
    )
    .await?;
    txn.commit().await?;

    let locale = Locale::parse(&found.locale).unwrap_or_default();
    let link = format!("{}/reset-password/{secret}", settings.public_url);
    let args = [
        ("name", found.display_name.clone()),
        ("link", link),
        ("hours", RESET_TOKEN_HOURS.to_string()),
    ];
    mailer
        .send(
            &settings.mail_from,
            Mail {
                to: found.email,
                subject: translate_with(locale, "mail.reset_subject", &args),
                body: translate_with(locale, "mail.reset_body", &args),
            },
        )
        .await
}

/// Sets a new password from a reset link: single use, one hour, ends all sessions.
pub async fn reset_password(
    db: &DatabaseConnection,
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
    let hash = crypto::hash_password(password.expose().to_owned()).await?;
    let user_id = found.id;
    let txn = db.begin().await?;
    let mut used = reset.into_active_model();
    used.used_at = Set(Some(now));
    used.update(&txn).await?;
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
    let txn = db.begin().await?;
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
    let hash = crypto::hash_password(password.expose().to_owned()).await?;
    let now = Utc::now();
    let created = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        display_name: Set(name.as_str().to_owned()),
        password_hash: Set(hash),
        locale: Set(new.locale.as_str().to_owned()),
        is_superadmin: Set(new.is_superadmin),
        failed_logins: Set(0),
        locked_until: Set(None),
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
