//! The user interface: the HTML shell, the router, and the pages. Rendered on the server,
//! hydrated in the browser; every form is a real `<form>` so pages work without JavaScript.

mod components;
pub mod i18n;
mod pages;

use crate::api::{Login, Logout, SecondFactorLogin, StepUp, SwitchOrganization, get_current_user};
use crate::domain::CurrentUser;
use crate::domain::second_factor::LoginOutcome;
use crate::ui::components::successes;
use i18n::I18n;
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// The whole HTML document, rendered on the server for every page request.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = i18n::initial_locale();
    // leptos_axum provides a fresh nonce per request; the scripts it renders carry it, and
    // the HTTP layer turns it into the CSP header.
    if let (Some(nonce), Some(slot)) = (
        leptos::nonce::use_nonce(),
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<crate::ssr::CspNonce>().cloned()),
    ) {
        let _ = slot.0.set(nonce.to_string());
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d4e89" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <leptos_meta::MetaTags />
                // The page's language only: the browser is not sent the other three.
                <script
                    type="application/x-fluent"
                    id=crate::i18n::MESSAGES_ELEMENT
                    data-locale=locale.as_str()
                    inner_html=crate::i18n::messages_script(locale)
                ></script>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Scripts must carry the page's nonce; WebAssembly needs `wasm-unsafe-eval`, nothing else
/// is loosened.
#[cfg(feature = "ssr")]
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Actions that change who is logged in or where they work; the current user is
/// re-fetched after each.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: Resource<Result<Option<CurrentUser>, crate::domain::AppError>>,
    pub login: ServerAction<Login>,
    /// The second step of a login.
    pub second_factor: ServerAction<SecondFactorLogin>,
    /// A step-up: the user is re-read, now recently verified.
    pub step_up: ServerAction<StepUp>,
    pub logout: ServerAction<Logout>,
    pub switch: ServerAction<SwitchOrganization>,
}

pub fn use_session() -> Session {
    expect_context()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n::new(i18n::initial_locale());
    provide_context(i18n);

    let login = ServerAction::<Login>::new();
    let second_factor = ServerAction::<SecondFactorLogin>::new();
    let step_up = ServerAction::<StepUp>::new();
    let logout = ServerAction::<Logout>::new();
    let switch = ServerAction::<SwitchOrganization>::new();
    let login_done = successes(login);
    let second_factor_done = successes(second_factor);
    let step_up_done = successes(step_up);
    let logout_done = successes(logout);
    let switch_done = successes(switch);
    let user = Resource::new(
        move || {
            (
                login_done.get(),
                second_factor_done.get(),
                step_up_done.get(),
                logout_done.get(),
                switch_done.get(),
            )
        },
        |_| get_current_user(),
    );
    provide_context(Session {
        user,
        login,
        second_factor,
        step_up,
        logout,
        switch,
    });
    // After a login the page speaks the user's language (the server set the cookie).
    Effect::new(move |_| {
        if let Some(Ok(LoginOutcome::Done { locale })) = login.value().get() {
            i18n.switch_to(locale);
        }
        if let Some(Ok(locale)) = second_factor.value().get() {
            i18n.switch_to(locale);
        }
    });

    // Every page's data belongs to the organisation worked in: after a switch the app starts
    // again from the dashboard, rendered by the server in the new organisation (a page kept
    // on screen would keep the other organisation's data; without JavaScript the form's
    // redirect does the same).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(())) = switch.value().get()
            && let Some(window) = web_sys::window()
        {
            let _ = window.location().assign("/");
        }
    });

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        crate::offline::mark_hydrated();
        crate::offline::register_service_worker();
    });

    view! {
        <Title formatter=|text: String| {
            if text.is_empty() { "KoproGo".to_owned() } else { format!("{text} · KoproGo") }
        } />
        <Router>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/login") view=pages::LoginPage />
                <Route path=path!("/login/second-factor") view=pages::SecondFactorPage />
                <Route path=path!("/confirm-email/:token") view=pages::ConfirmEmailPage />
                <Route path=path!("/forgot-password") view={Lazy::<pages::LazyForgotPassword>::new()} />
                <Route path=path!("/reset-password/:token") view={Lazy::<pages::LazyResetPassword>::new()} />
                <Route path=path!("/invitations/:token") view={Lazy::<pages::LazyInvitation>::new()} />
                // Logged-in pages wait for their data before the first byte, so that an
                // anonymous visitor gets a real 302 to the login page, not a script.
                <ParentRoute path=path!("") view=components::AppShell ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<pages::LazyDashboard>::new()} ssr=SsrMode::Async />
                    <Route path=path!("settings") view={Lazy::<pages::LazySettings>::new()} ssr=SsrMode::Async />
                    <Route path=path!("buildings") view={Lazy::<pages::LazyBuildings>::new()} ssr=SsrMode::Async />
                    <Route path=path!("buildings/:id") view={Lazy::<pages::LazyBuilding>::new()} ssr=SsrMode::Async />
                    <Route path=path!("lots/:id") view={Lazy::<pages::LazyLot>::new()} ssr=SsrMode::Async />
                    <Route path=path!("owners") view={Lazy::<pages::LazyOwners>::new()} ssr=SsrMode::Async />
                    <Route path=path!("owners/:id") view={Lazy::<pages::LazyOwner>::new()} ssr=SsrMode::Async />
                    <Route path=path!("my-lots") view={Lazy::<pages::LazyMyLots>::new()} ssr=SsrMode::Async />
                    <Route
                        path=path!("admin/members")
                        view={Lazy::<pages::LazyMembers>::new()}
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
