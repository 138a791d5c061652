//! The second factor (rules in `domain::second_factor`): enrolling an authenticator app,
//! checking its codes and the recovery codes, remembered devices. Every check of a code is
//! throttled like a password (`throttle`, under its own key) and audited; every "is this
//! code still good?" and "mark it used" is one statement, so that two requests racing with
//! the same code cannot both pass.

use super::{audit, throttle};
use crate::domain::second_factor::{
    self, AuthMethod, RECOVERY_CODE_LEN, RECOVERY_CODES, RecoveryCodes, RememberedDevice,
    SecondFactorStatus, TotpEnrolment, TypedCode,
};
use crate::domain::{AppError, CurrentUser};
use crate::ssr::crypto::{self, DataKey};
use crate::ssr::identity::{self, Change};
use crate::ssr::totp;
use chrono::{DateTime, Duration, Utc};
use entity::{recovery_code, remembered_device, totp_credential, user};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::accounts::Check;

/// A user may keep at most this many remembered devices; the oldest go first.
const MAX_DEVICES: u64 = 20;

fn throttle_login(email: &str) -> String {
    // Its own throttle: a wrong code does not lock the password, nor the reverse.
    format!(
        "second-factor|{}",
        crate::domain::throttle::normalise_login(email)
    )
}

pub async fn status(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<SecondFactorStatus, AppError> {
    let enrolled_at = user::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?
        .second_factor_at;
    let recovery_codes_left = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?;
    let remembered_devices = remembered_device::Entity::find()
        .filter(remembered_device::Column::UserId.eq(user.id))
        .filter(remembered_device::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(remembered_device::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|d| RememberedDevice {
            id: d.id,
            label: d.label,
            created_at: d.created_at,
            expires_at: d.expires_at,
            last_used_at: d.last_used_at,
        })
        .collect();
    Ok(SecondFactorStatus {
        enrolled: enrolled_at.is_some(),
        enrolled_at,
        recovery_codes_left: u32::try_from(recovery_codes_left).unwrap_or(u32::MAX),
        required: user.second_factor_required_anywhere(),
        remembered_devices,
    })
}

/// Starts (or starts again) an enrolment: a new secret, kept unconfirmed until the user
/// enters a first code from their app.
pub async fn begin_enrolment(
    db: &DatabaseConnection,
    key: &DataKey,
    user: &CurrentUser,
) -> Result<TotpEnrolment, AppError> {
    user.require_recent_proof()?;
    if user.second_factor {
        return Err(AppError::Conflict("second_factor.already_enrolled".into()));
    }
    let secret = totp::new_secret();
    let sealed = crypto::seal(key, user.id.as_bytes(), &secret)?;
    let now = Utc::now();
    // An enrolment never overwrites a confirmed credential, even racing a confirmation.
    let written = totp_credential::Entity::insert(totp_credential::ActiveModel {
        user_id: Set(user.id),
        secret_sealed: Set(sealed),
        confirmed_at: Set(None),
        last_step: Set(0),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(totp_credential::Column::UserId)
            .update_columns([
                totp_credential::Column::SecretSealed,
                totp_credential::Column::LastStep,
                totp_credential::Column::CreatedAt,
            ])
            .action_and_where(
                Expr::col((
                    totp_credential::Entity,
                    totp_credential::Column::ConfirmedAt,
                ))
                .is_null(),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if written == 0 {
        return Err(AppError::Conflict("second_factor.already_enrolled".into()));
    }
    totp::enrolment(&secret, &user.email)
}

/// The first code from the app confirms the enrolment; the recovery codes come with it.
pub async fn confirm_enrolment(
    db: &DatabaseConnection,
    key: &DataKey,
    check: Check<'_>,
    user: &CurrentUser,
    code: &str,
) -> Result<RecoveryCodes, AppError> {
    user.require_recent_proof()?;
    let TypedCode::Totp(code) =
        second_factor::parse_code(code).map_err(|c| AppError::field("code", c))?
    else {
        return Err(AppError::field("code", "second_factor.code_invalid"));
    };
    let Some(pending) = totp_credential::Entity::find_by_id(user.id)
        .filter(totp_credential::Column::ConfirmedAt.is_null())
        .one(db)
        .await?
    else {
        return Err(AppError::Conflict("second_factor.no_enrolment".into()));
    };
    let attempt =
        throttle::claim(db, &throttle_login(&user.email), check.client, check.now_ms).await?;
    let secret = crypto::open(key, user.id.as_bytes(), &pending.secret_sealed)?;
    let now_secs = u64::try_from(check.now_ms / 1000).unwrap_or_default();
    let Some(step) = totp::matching_step(&secret, &code, now_secs)? else {
        audit::record(
            db,
            audit::Entry::new("second_factor.enrolment_failed", "user", user.id).actor(user.id),
        )
        .await?;
        return Err(AppError::field("code", "second_factor.code_wrong"));
    };
    let now = Utc::now();
    let txn = crate::ssr::db::begin_write(db).await?;
    let confirmed = totp_credential::Entity::update_many()
        .col_expr(totp_credential::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            totp_credential::Column::LastStep,
            Expr::value(step_i64(step)),
        )
        .filter(totp_credential::Column::UserId.eq(user.id))
        .filter(totp_credential::Column::ConfirmedAt.is_null())
        // The secret the code was checked against, not one a parallel restart put there.
        .filter(totp_credential::Column::SecretSealed.eq(pending.secret_sealed.clone()))
        .exec(&txn)
        .await?
        .rows_affected;
    if confirmed != 1 {
        return Err(AppError::Conflict("second_factor.no_enrolment".into()));
    }
    user::Entity::update_many()
        .col_expr(user::Column::SecondFactorAt, Expr::value(now))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    let codes = replace_recovery_codes(&txn, user.id).await?;
    audit::record(
        &txn,
        audit::Entry::new("second_factor.enrolled", "user", user.id)
            .actor(user.id)
            .after(json!({ "method": "totp" })),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(user.id));
    throttle::succeeded(db, &attempt, check.now_ms).await?;
    Ok(codes)
}

fn step_i64(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}

/// Ten new recovery codes; the old ones stop working.
async fn replace_recovery_codes(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<RecoveryCodes, AppError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    let now = Utc::now();
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    let mut rows = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut random = [0u8; RECOVERY_CODE_LEN];
        rand::Rng::fill(&mut rand::thread_rng(), &mut random[..]);
        let code = second_factor::recovery_code_from(&random);
        rows.push(recovery_code::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user_id),
            code_hash: Set(crypto::sha256_hex(&code)),
            used_at: Set(None),
            created_at: Set(now),
        });
        codes.push(second_factor::format_recovery_code(&code));
    }
    recovery_code::Entity::insert_many(rows).exec(conn).await?;
    Ok(RecoveryCodes { codes })
}

/// New recovery codes for an enrolled user (after a step-up).
pub async fn regenerate_recovery_codes(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<RecoveryCodes, AppError> {
    user.require_recent_proof()?;
    if !user.second_factor {
        return Err(AppError::Conflict("second_factor.not_enrolled".into()));
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let codes = replace_recovery_codes(&txn, user.id).await?;
    audit::record(
        &txn,
        audit::Entry::new("second_factor.recovery_codes_renewed", "user", user.id).actor(user.id),
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

/// Removes the second factor, its recovery codes and remembered devices (after a step-up),
/// unless the platform or the organisation's policy requires one.
pub async fn disable(db: &DatabaseConnection, user: &CurrentUser) -> Result<(), AppError> {
    user.require_recent_proof()?;
    if user.second_factor_required_anywhere() {
        return Err(AppError::Conflict(
            "second_factor.required_by_policy".into(),
        ));
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    remove_credentials(&txn, user.id).await?;
    audit::record(
        &txn,
        audit::Entry::new("second_factor.disabled", "user", user.id).actor(user.id),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(user.id));
    Ok(())
}

async fn remove_credentials(conn: &impl ConnectionTrait, user_id: Uuid) -> Result<(), AppError> {
    totp_credential::Entity::delete_by_id(user_id)
        .exec(conn)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    remembered_device::Entity::delete_many()
        .filter(remembered_device::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    user::Entity::update_many()
        .col_expr(
            user::Column::SecondFactorAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// For an operator at the command line (`koprogo reset-second-factor`): a user who lost
/// both their phone and their recovery codes. Their sessions end too.
pub async fn reset(db: &DatabaseConnection, user_id: Uuid) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    remove_credentials(&txn, user_id).await?;
    entity::session::Entity::delete_many()
        .filter(entity::session::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new("second_factor.reset", "user", user_id),
    )
    .await?;
    txn.commit().await?;
    identity::changed(&Change::User(user_id));
    identity::changed(&Change::SessionsOf(user_id));
    Ok(())
}

/// Checks a code of an enrolled user: a TOTP code (each step good once) or an unused
/// recovery code (then used). Throttled and audited; a wrong code is a field error on `code`.
pub async fn verify(
    db: &DatabaseConnection,
    key: &DataKey,
    check: Check<'_>,
    user_id: Uuid,
    email: &str,
    code: &str,
) -> Result<AuthMethod, AppError> {
    let typed = second_factor::parse_code(code).map_err(|c| AppError::field("code", c))?;
    let attempt =
        match throttle::claim(db, &throttle_login(email), check.client, check.now_ms).await {
            Ok(attempt) => attempt,
            Err(err) => {
                audit::record(
                    db,
                    audit::Entry::new("second_factor.throttled", "user", user_id).actor(user_id),
                )
                .await?;
                return Err(err);
            }
        };
    let outcome = match typed {
        TypedCode::Totp(code) => verify_totp(db, key, check, user_id, &code).await?,
        TypedCode::Recovery(code) => {
            let used = recovery_code::Entity::update_many()
                .col_expr(recovery_code::Column::UsedAt, Expr::value(Utc::now()))
                .filter(recovery_code::Column::UserId.eq(user_id))
                .filter(recovery_code::Column::CodeHash.eq(crypto::sha256_hex(&code)))
                .filter(recovery_code::Column::UsedAt.is_null())
                .exec(db)
                .await?
                .rows_affected;
            if used == 1 {
                Ok(AuthMethod::RecoveryCode)
            } else {
                Err("second_factor.recovery_code_wrong")
            }
        }
    };
    match outcome {
        Ok(method) => {
            throttle::succeeded(db, &attempt, check.now_ms).await?;
            let action = match method {
                AuthMethod::RecoveryCode => "second_factor.recovery_code_used",
                _ => "second_factor.verified",
            };
            audit::record(
                db,
                audit::Entry::new(action, "user", user_id).actor(user_id),
            )
            .await?;
            Ok(method)
        }
        Err(code) => {
            audit::record(
                db,
                audit::Entry::new("second_factor.failed", "user", user_id).actor(user_id),
            )
            .await?;
            Err(AppError::field("code", code))
        }
    }
}

async fn verify_totp(
    db: &DatabaseConnection,
    key: &DataKey,
    check: Check<'_>,
    user_id: Uuid,
    code: &str,
) -> Result<Result<AuthMethod, &'static str>, AppError> {
    let Some(credential) = totp_credential::Entity::find_by_id(user_id)
        .filter(totp_credential::Column::ConfirmedAt.is_not_null())
        .one(db)
        .await?
    else {
        return Ok(Err("second_factor.code_wrong"));
    };
    let secret = crypto::open(key, user_id.as_bytes(), &credential.secret_sealed)?;
    let now_secs = u64::try_from(check.now_ms / 1000).unwrap_or_default();
    let Some(step) = totp::matching_step(&secret, code, now_secs)? else {
        return Ok(Err("second_factor.code_wrong"));
    };
    // Good once: the step moves forward only, in the statement that accepts it.
    let accepted = totp_credential::Entity::update_many()
        .col_expr(
            totp_credential::Column::LastStep,
            Expr::value(step_i64(step)),
        )
        .filter(totp_credential::Column::UserId.eq(user_id))
        .filter(totp_credential::Column::ConfirmedAt.is_not_null())
        .filter(totp_credential::Column::LastStep.lt(step_i64(step)))
        .exec(db)
        .await?
        .rows_affected;
    Ok(if accepted == 1 {
        Ok(AuthMethod::Totp)
    } else {
        Err("second_factor.code_used")
    })
}

/// Remembers this device for 30 days: the cookie's secret, to be set by the caller.
pub async fn remember_device(
    db: &DatabaseConnection,
    user_id: Uuid,
    label: &str,
) -> Result<String, AppError> {
    let token = crypto::random_secret("kpd_");
    let now = Utc::now();
    let txn = crate::ssr::db::begin_write(db).await?;
    remembered_device::Entity::insert(remembered_device::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(crypto::sha256_hex(&token)),
        label: Set(second_factor::device_label(label)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(second_factor::REMEMBER_DEVICE_DAYS)),
        last_used_at: Set(None),
    })
    .exec(&txn)
    .await?;
    // Bounded per user: the oldest beyond the limit, and the expired, are forgotten.
    let keep: Vec<Uuid> = remembered_device::Entity::find()
        .filter(remembered_device::Column::UserId.eq(user_id))
        .filter(remembered_device::Column::ExpiresAt.gt(now))
        .order_by_desc(remembered_device::Column::CreatedAt)
        .paginate(&txn, MAX_DEVICES)
        .fetch_page(0)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    remembered_device::Entity::delete_many()
        .filter(remembered_device::Column::UserId.eq(user_id))
        .filter(remembered_device::Column::Id.is_not_in(keep))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new("second_factor.device_remembered", "user", user_id).actor(user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// Whether `token` is one of the user's remembered devices, still valid.
pub async fn device_known(
    db: &DatabaseConnection,
    user_id: Uuid,
    token: &str,
) -> Result<bool, AppError> {
    let now = Utc::now();
    let touched = remembered_device::Entity::update_many()
        .col_expr(remembered_device::Column::LastUsedAt, Expr::value(now))
        .filter(remembered_device::Column::UserId.eq(user_id))
        .filter(remembered_device::Column::TokenHash.eq(crypto::sha256_hex(token)))
        .filter(remembered_device::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?
        .rows_affected;
    Ok(touched == 1)
}

pub async fn forget_device(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Uuid,
) -> Result<(), AppError> {
    let removed = remembered_device::Entity::delete_many()
        .filter(remembered_device::Column::Id.eq(id))
        .filter(remembered_device::Column::UserId.eq(user.id))
        .exec(db)
        .await?
        .rows_affected;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        db,
        audit::Entry::new("second_factor.device_forgotten", "user", user.id).actor(user.id),
    )
    .await?;
    Ok(())
}
