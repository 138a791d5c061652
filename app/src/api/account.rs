use crate::domain::{AppError, Locale};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{auth, services::accounts};

#[server(prefix = "/sfn", endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let auth::Acting {
            state,
            session,
            user,
            ..
        } = cx;
        let keep = session.id().map(|id| id.to_string());
        let check = state.check(auth::client_addr());
        accounts::change_password(
            &state.db,
            check,
            user.id,
            &current_password,
            &new_password,
            keep,
        )
        .await?;
        // A new id for this session too, now that the credentials changed.
        session.cycle_id().await.map_err(|_| AppError::Internal)?;
        Ok(())
    })
    .await
}

/// A language's messages for the browser, which holds only the ones it was sent (see
/// `crate::i18n`). Public, like the login page they translate.
#[server(prefix = "/sfn", endpoint = "messages")]
pub async fn messages(locale: String) -> Result<String, AppError> {
    let locale = Locale::parse(&locale).map_err(|code| AppError::field("locale", code))?;
    Ok(crate::i18n::source(locale).to_owned())
}

/// Switches the UI language: remembered in a cookie, and in the profile when logged in.
#[server(prefix = "/sfn", endpoint = "account/language")]
pub async fn set_language(locale: String) -> Result<Locale, AppError> {
    auth::respond(
        async move {
            let locale = Locale::parse(&locale).map_err(|code| AppError::field("locale", code))?;
            let (state, session) = auth::state_and_session().await?;
            if let Some(user) = auth::session_user(&state, &session).await? {
                accounts::set_locale(&state.db, user.id, locale).await?;
            }
            auth::set_locale_cookie(locale, state.settings.secure);
            Ok(locale)
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "account/organization")]
pub async fn switch_organization(organization_id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let auth::Acting {
            state,
            session,
            user,
            ..
        } = cx;
        let id = uuid::Uuid::parse_str(organization_id.trim())
            .map_err(|_| AppError::field("organization_id", "organization.invalid"))?;
        // The same rule as every request; a platform administrator's target must exist.
        let actor = crate::domain::Actor::for_organization(&user, Some(id))?;
        crate::ssr::services::organizations::get(&state.db, &actor).await?;
        auth::remember_organization(&session, id).await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Starts changing the user's own e-mail address: a link goes to the new one.
#[server(prefix = "/sfn", endpoint = "account/email")]
pub async fn request_email_change(email: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let state = &cx.state;
        accounts::request_email_change(&state.db, &state.outbox, &state.settings, &cx.user, &email)
            .await
    })
    .await
}

/// Confirms a new e-mail address from the link sent to it (no session needed: the link
/// proves the mailbox).
#[server(prefix = "/sfn/auth", endpoint = "confirm-email")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    auth::respond(
        async move {
            let (state, _) = auth::state_and_session().await?;
            accounts::confirm_email_change(&state.db, &token).await?;
            Ok(())
        }
        .await,
    )
}
