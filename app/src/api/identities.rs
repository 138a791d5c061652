//! Strong identities (OpenID Connect): the providers one can sign in with, and the account's
//! linked identities. The sign-in itself is a browser navigation through
//! `/api/v1/auth/oidc/{provider}/start`, not a server function: it leaves the site.

use crate::domain::AppError;
use crate::domain::second_factor::{Identities, ProviderInfo};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{auth, services::identities};

/// The configured providers (public: the login page lists them).
#[server(prefix = "/sfn/auth", endpoint = "providers")]
pub async fn identity_providers() -> Result<Vec<ProviderInfo>, AppError> {
    auth::respond(
        async move {
            let (state, _) = auth::state_and_session().await?;
            Ok(state.oidc.providers())
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "account/identities")]
pub async fn list_identities() -> Result<Identities, AppError> {
    auth::acting(|cx| async move {
        Ok(Identities {
            linked: identities::list(&cx.state.db, &cx.state.oidc, cx.user.id).await?,
            providers: cx.state.oidc.providers(),
        })
    })
    .await
}

/// Unlinks one of the user's identities (after a step-up; audited).
#[server(prefix = "/sfn", endpoint = "account/identities/unlink")]
pub async fn unlink_identity(id: String) -> Result<(), AppError> {
    auth::acting(|cx| async move {
        let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        identities::unlink(&cx.state.db, &cx.user, id).await
    })
    .await
}

/// Where a "Sign in with…" or "Confirm with…" link starts, for `intent` (`login`, `link`,
/// `step_up`) and a local path to come back to.
pub fn start_url(provider: &str, intent: &str, return_to: Option<&str>) -> String {
    let mut url = format!("/api/v1/auth/oidc/{provider}/start?intent={intent}");
    if let Some(path) = return_to {
        let path: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
        url.push_str("&return_to=");
        url.push_str(&path);
    }
    url
}
