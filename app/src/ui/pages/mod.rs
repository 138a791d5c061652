mod auth;
mod dashboard;
mod members;
mod register;
mod settings;

pub use auth::{
    AcceptInvitationPage, ConfirmEmailPage, ForgotPasswordPage, LoginPage, ResetPasswordPage,
    SecondFactorPage,
};
pub use dashboard::DashboardPage;
pub use members::MembersPage;
pub use register::{BuildingPage, BuildingsPage, LotPage, MyLotsPage, OwnerPage, OwnersPage};
pub use settings::SettingsPage;

use super::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{LazyRoute, lazy_route};

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

// Every page but the login loads its code when first shown (`cargo leptos build --split`):
// the first page a user loads carries the shell, the router and the login form, not the
// whole register. On the server they render as before. Each is written out (not generated
// by a macro): the split names each lazy function after where it is written.

/// The dashboard, loaded on demand.
pub struct LazyDashboard;

#[lazy_route]
impl LazyRoute for LazyDashboard {
    fn data() -> Self {
        LazyDashboard
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <DashboardPage /> }.into_any()
    }
}

/// Settings, loaded on demand.
pub struct LazySettings;

#[lazy_route]
impl LazyRoute for LazySettings {
    fn data() -> Self {
        LazySettings
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <SettingsPage /> }.into_any()
    }
}

/// The buildings, loaded on demand.
pub struct LazyBuildings;

#[lazy_route]
impl LazyRoute for LazyBuildings {
    fn data() -> Self {
        LazyBuildings
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <BuildingsPage /> }.into_any()
    }
}

/// A building, loaded on demand.
pub struct LazyBuilding;

#[lazy_route]
impl LazyRoute for LazyBuilding {
    fn data() -> Self {
        LazyBuilding
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <BuildingPage /> }.into_any()
    }
}

/// A lot, loaded on demand.
pub struct LazyLot;

#[lazy_route]
impl LazyRoute for LazyLot {
    fn data() -> Self {
        LazyLot
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <LotPage /> }.into_any()
    }
}

/// The owner directory, loaded on demand.
pub struct LazyOwners;

#[lazy_route]
impl LazyRoute for LazyOwners {
    fn data() -> Self {
        LazyOwners
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <OwnersPage /> }.into_any()
    }
}

/// One owner's page, loaded on demand.
pub struct LazyOwner;

#[lazy_route]
impl LazyRoute for LazyOwner {
    fn data() -> Self {
        LazyOwner
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <OwnerPage /> }.into_any()
    }
}

/// An owner's lots, loaded on demand.
pub struct LazyMyLots;

#[lazy_route]
impl LazyRoute for LazyMyLots {
    fn data() -> Self {
        LazyMyLots
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <MyLotsPage /> }.into_any()
    }
}

/// The members, loaded on demand.
pub struct LazyMembers;

#[lazy_route]
impl LazyRoute for LazyMembers {
    fn data() -> Self {
        LazyMembers
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <MembersPage /> }.into_any()
    }
}

/// The forgotten password form, loaded on demand.
pub struct LazyForgotPassword;

#[lazy_route]
impl LazyRoute for LazyForgotPassword {
    fn data() -> Self {
        LazyForgotPassword
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <ForgotPasswordPage /> }.into_any()
    }
}

/// The password reset form, loaded on demand.
pub struct LazyResetPassword;

#[lazy_route]
impl LazyRoute for LazyResetPassword {
    fn data() -> Self {
        LazyResetPassword
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <ResetPasswordPage /> }.into_any()
    }
}

/// An invitation, loaded on demand.
pub struct LazyInvitation;

#[lazy_route]
impl LazyRoute for LazyInvitation {
    fn data() -> Self {
        LazyInvitation
    }

    fn view(this: Self) -> AnyView {
        let _ = this;
        view! { <AcceptInvitationPage /> }.into_any()
    }
}
