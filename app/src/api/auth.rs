use crate::domain::second_factor::LoginOutcome;
use crate::domain::{AppError, CurrentUser, Locale};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{auth, services::accounts};

/// The logged-in user, or `None`. Never fails for an anonymous visitor.
#[server(prefix = "/sfn", endpoint = "me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    auth::respond(
        async move {
            let (state, session) = auth::state_and_session().await?;
            auth::session_user(&state, &session).await
        }
        .await,
    )
}

/// After a right password: to the user's language at once, or to the second factor.
#[cfg(feature = "ssr")]
async fn continue_login(
    state: &crate::ssr::AppState,
    session: &tower_sessions::Session,
    user: crate::domain::CurrentUser,
) -> Result<LoginOutcome, AppError> {
    let headers = auth::request_headers();
    let device = auth::device_of(&headers);
    let label = auth::user_agent(&headers);
    match auth::after_password(state, session, user, device.as_deref(), &label).await? {
        auth::LoginStep::Done(user) => {
            auth::set_locale_cookie(user.locale, state.settings.secure);
            leptos_axum::redirect("/");
            Ok(LoginOutcome::Done {
                locale: user.locale,
            })
        }
        auth::LoginStep::SecondFactor => {
            leptos_axum::redirect("/login/second-factor");
            Ok(LoginOutcome::SecondFactor)
        }
    }
}

#[server(prefix = "/sfn/auth", endpoint = "login")]
/// Logs in, or leads to the second factor.
pub async fn login(email: String, password: String) -> Result<LoginOutcome, AppError> {
    auth::respond(
        async move {
            let (state, session) = auth::state_and_session().await?;
            let check = state.check(auth::client_addr());
            let user = accounts::login(&state.db, check, &email, &password).await?;
            continue_login(&state, &session, user).await
        }
        .await,
    )
}

/// The second step of a login: a code of the authenticator app, or a recovery code.
/// `remember` (a checkbox: "on" when ticked) skips it on this device for 30 days.
#[server(prefix = "/sfn/auth", endpoint = "second-factor")]
pub async fn second_factor_login(
    code: String,
    #[server(default)] remember: Option<String>,
) -> Result<Locale, AppError> {
    auth::respond(
        async move {
            let (state, session) = auth::state_and_session().await?;
            let headers = auth::request_headers();
            let label = auth::user_agent(&headers);
            let (user, device) = auth::second_step(
                &state,
                &session,
                auth::client_addr(),
                &code,
                remember.is_some_and(|r| !r.is_empty()),
                &label,
            )
            .await?;
            if let Some(token) = device {
                auth::set_cookie(&auth::device_cookie(&token, state.settings.secure));
            }
            auth::set_locale_cookie(user.locale, state.settings.secure);
            leptos_axum::redirect("/");
            Ok(user.locale)
        }
        .await,
    )
}

#[server(prefix = "/sfn/auth", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    auth::respond(
        async move {
            let (_, session) = auth::state_and_session().await?;
            auth::end_session(&session).await?;
            auth::clear_site_data();
            leptos_axum::redirect("/login");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/sfn/auth", endpoint = "forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    auth::respond(
        async move {
            let (state, _) = auth::state_and_session().await?;
            accounts::request_password_reset(&state.db, &state.outbox, &state.settings, &email)
                .await
        }
        .await,
    )
}

#[server(prefix = "/sfn/auth", endpoint = "reset")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    auth::respond(
        async move {
            let (state, session) = auth::state_and_session().await?;
            accounts::reset_password(&state.db, &state.work, &token, &new_password).await?;
            auth::end_session(&session).await?;
            leptos_axum::redirect("/login?reset=done");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/sfn/auth", endpoint = "invitation")]
pub async fn invitation_preview(
    token: String,
) -> Result<crate::domain::invitation::InvitationPreview, AppError> {
    auth::respond(
        async move {
            let (state, _) = auth::state_and_session().await?;
            crate::ssr::services::invitations::preview(&state.db, &token).await
        }
        .await,
    )
}

#[server(prefix = "/sfn/auth", endpoint = "accept")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
) -> Result<LoginOutcome, AppError> {
    auth::respond(
        async move {
            let (state, session) = auth::state_and_session().await?;
            let locale = auth::request_locale().await;
            let user = crate::ssr::services::invitations::accept(
                &state.db,
                state.check(auth::client_addr()),
                &token,
                &display_name,
                &password,
                locale,
            )
            .await?;
            continue_login(&state, &session, user).await
        }
        .await,
    )
}
