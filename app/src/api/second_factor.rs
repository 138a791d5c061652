//! The account's security: the second factor, step-up, open sessions; the organisation's
//! security policy. Thin adapters over `ssr::auth` and `services::second_factor`.

use crate::domain::AppError;
use crate::domain::second_factor::{
    RecoveryCodes, SecondFactorStatus, SecurityPolicy, SessionInfo, TotpEnrolment,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{
    auth,
    services::{organizations, second_factor},
};

#[server(prefix = "/sfn", endpoint = "account/second-factor")]
pub async fn get_second_factor() -> Result<SecondFactorStatus, AppError> {
    auth::acting(|cx| async move { second_factor::status(&cx.state.db, &cx.user).await }).await
}

#[server(prefix = "/sfn", endpoint = "account/second-factor/begin")]
pub async fn begin_totp_enrolment() -> Result<TotpEnrolment, AppError> {
    auth::acting(|cx| async move {
        second_factor::begin_enrolment(&cx.state.db, &cx.state.settings.data_key, &cx.user).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "account/second-factor/confirm")]
pub async fn confirm_totp_enrolment(code: String) -> Result<RecoveryCodes, AppError> {
    auth::acting(|cx| async move {
        let state = &cx.state;
        second_factor::confirm_enrolment(
            &state.db,
            &state.settings.data_key,
            state.check(auth::client_addr()),
            &cx.user,
            &code,
        )
        .await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "account/second-factor/recovery-codes")]
pub async fn regenerate_recovery_codes() -> Result<RecoveryCodes, AppError> {
    auth::acting(|cx| async move {
        second_factor::regenerate_recovery_codes(&cx.state.db, &cx.user).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "account/second-factor/disable")]
pub async fn disable_second_factor() -> Result<(), AppError> {
    auth::acting(|cx| async move { second_factor::disable(&cx.state.db, &cx.user).await }).await
}

#[server(prefix = "/sfn", endpoint = "account/second-factor/forget-device")]
pub async fn forget_device(id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        second_factor::forget_device(&cx.state.db, &cx.user, id).await
    })
    .await
}

/// Proves again who the user is: `code` for a user with a second factor, else `password`.
#[server(prefix = "/sfn/auth", endpoint = "step-up")]
pub async fn step_up(
    #[server(default)] code: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        auth::step_up(
            &cx.state,
            &cx.session,
            auth::client_addr(),
            &cx.user,
            &code,
            &password,
        )
        .await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "account/sessions")]
pub async fn list_sessions() -> Result<Vec<SessionInfo>, AppError> {
    auth::acting(|cx| async move { auth::sessions(&cx.state, &cx.session, &cx.user).await }).await
}

#[server(prefix = "/sfn", endpoint = "account/sessions/revoke")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move { auth::revoke_session(&cx.state, &cx.user, id.trim()).await })
        .await
}

#[server(prefix = "/sfn", endpoint = "organization/security")]
pub async fn get_security_policy() -> Result<SecurityPolicy, AppError> {
    auth::acting(|cx| async move { organizations::security_policy(&cx.state.db, &cx.actor).await })
        .await
}

/// `second_factor_required`: a checkbox, "on" when ticked.
#[server(prefix = "/sfn", endpoint = "organization/security/set")]
pub async fn set_security_policy(
    #[server(default)] second_factor_required: Option<String>,
) -> Result<SecurityPolicy, AppError> {
    auth::acting(|cx| async move {
        let policy = SecurityPolicy {
            second_factor_required: second_factor_required.is_some_and(|v| !v.is_empty()),
        };
        organizations::set_security_policy(&cx.state.db, &cx.actor, cx.user.second_factor, policy)
            .await
    })
    .await
}
