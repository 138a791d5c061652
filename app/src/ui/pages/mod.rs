mod auth;
mod dashboard;
mod members;
mod register;
mod settings;

pub use auth::{AcceptInvitationPage, ForgotPasswordPage, LoginPage, ResetPasswordPage};
pub use dashboard::DashboardPage;
pub use members::MembersPage;
pub use register::{BuildingPage, BuildingsPage, LotPage, MyLotsPage, OwnersPage};
pub use settings::SettingsPage;

use super::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=i18n.t_untracked("notfound.title") />
        <main id="main" class="centered">
            <h1>{move || i18n.t("notfound.title")}</h1>
            <p>{move || i18n.t("notfound.body")}</p>
            <a class="button" href="/">{move || i18n.t("notfound.home")}</a>
        </main>
    }
}
