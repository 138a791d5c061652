//! Pieces shared by the pages: the logged-in shell (header, navigation, organisation switcher,
//! user menu) and the error displays of forms.

use super::i18n::use_i18n;
use super::use_session;
use crate::api::SetLanguage;
use crate::domain::{AppError, CurrentUser, Locale, Permission};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::use_query_map;

/// The error of a server action's last run, if it failed. Without JavaScript the form posts
/// natively and the server sends the browser back here with the error in the query string;
/// that error shows until the action runs again.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    let from_redirect = query.with_untracked(|q| {
        (q.get("form").as_deref() == Some(S::PATH))
            .then(|| q.get("error"))
            .flatten()
            .and_then(|json| AppError::from_untrusted(&json, crate::i18n::is_known))
    });
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => from_redirect.clone(),
    })
}

/// A number that moves each time the action succeeds: what a page's resource refetches on.
/// A refused submission changed nothing on the server, and refetching after it re-rendered
/// the form the user was correcting, with lists that others' work had changed meanwhile.
pub fn successes<S>(action: ServerAction<S>) -> Memo<usize>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let (version, value) = (action.version(), action.value());
    // Both are written in one step when the action resolves (version first), and a memo
    // only reruns after that step, so it always sees the run's own result.
    Memo::new(move |previous: Option<&usize>| {
        let run = version.get();
        match value.with(|v| matches!(v, Some(Ok(_)))) {
            true => run,
            false => previous.copied().unwrap_or(0),
        }
    })
}

/// The options of a select over records (owners, buildings), keyed by id. Rendered by
/// position, a list that changed on a re-render (someone added an owner meanwhile) kept the
/// browser's selected index, and the choice silently moved to a neighbour; keyed, the
/// selected option stays the same record.
#[component]
pub fn RecordOptions(
    choices: Vec<(uuid::Uuid, String)>,
    #[prop(optional)] selected: Option<uuid::Uuid>,
) -> impl IntoView {
    view! {
        <For
            each=move || choices.clone()
            key=|(id, _)| *id
            children=move |(id, name)| {
                view! { <option value=id.to_string() selected=Some(id) == selected>{name}</option> }
            }
        />
    }
}

/// The banner above a form: what went wrong, in the user's language.
/// What a page shows when its data could not be loaded, in the user's language.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="alert alert-error" role="alert">{i18n.error(&error)}</p> }
}

#[component]
pub fn FormError(
    error: Signal<Option<AppError>>,
    /// The message for `Unauthorized`, which means different things on different forms.
    #[prop(optional)]
    unauthorized_key: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|err| {
            let text = match (&err, unauthorized_key) {
                (AppError::Unauthorized, Some(key)) => i18n.t(key),
                _ => i18n.error(&err),
            };
            let step_up = matches!(err, AppError::StepUpRequired);
            let enrol = matches!(err, AppError::SecondFactorRequired);
            view! {
                <div class="alert alert-error" role="alert">
                    <p>{text}</p>
                    {enrol.then(|| view! {
                        <p><a href="/settings#second-factor">{move || i18n.t("second_factor.set_up_now")}</a></p>
                    })}
                </div>
                {step_up.then(|| view! { <StepUpPrompt /> })}
            }
        })
    }
}

/// Asks the user to prove again who they are, in place, so that they can then send the form
/// they were filling in (still on screen) again: the authenticator's code if they have one,
/// else their password.
#[component]
pub fn StepUpPrompt() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = action_error(session.step_up);
    let has_code = move || {
        session
            .user
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .is_some_and(|u| u.second_factor)
    };
    let done = move || matches!(session.step_up.value().get(), Some(Ok(())));
    // A linked strong identity confirms too; the provider brings the user back here.
    let identities = Resource::new(|| (), |_| crate::api::list_identities());
    let location = leptos_router::hooks::use_location();
    let (pathname, search, hash) = (location.pathname, location.search, location.hash);
    let here = move || {
        let search = search.get();
        let kept: Vec<_> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("oidc_error="))
            .collect();
        let query = if kept.is_empty() {
            String::new()
        } else {
            format!("?{}", kept.join("&"))
        };
        format!("{}{}{}", pathname.get(), query, hash.get())
    };
    let with_provider = move || {
        let linked = identities.get().and_then(|r| r.ok())?;
        let buttons = linked
            .providers
            .iter()
            .filter(|p| linked.linked.iter().any(|l| l.provider == p.id))
            .map(|p| {
                let href = crate::api::identities::start_url(&p.id, "step_up", Some(&here()));
                let name = p.name.clone();
                view! {
                    <a class="button button-provider" href=href rel="external">
                        {move || i18n.t_with("step_up.with", &[("provider", name.clone())])}
                    </a>
                }
            })
            .collect::<Vec<_>>();
        (!buttons.is_empty()).then(|| view! { <p class="step-up-providers">{buttons}</p> })
    };
    view! {
        <div class="panel step-up" data-testid="step-up">
            <Show
                when=done
                fallback=move || view! {
                    <p>{move || i18n.t("step_up.intro")}</p>
                    // Not FormError, which holds this prompt: its own headline only.
                    {move || error.get().filter(|e| e.fields().is_none()).map(|e| view! {
                        <p class="alert alert-error" role="alert">{i18n.error(&e)}</p>
                    })}
                    <ActionForm action=session.step_up attr:class="form form-inline" attr:novalidate=true>
                        {move || if has_code() {
                            view! {
                                <div>
                                    <label for="step-up-code">{move || i18n.t("field.second_factor_code")}</label>
                                    <input id="step-up-code" name="code" autocomplete="one-time-code" maxlength="40" required />
                                    <input type="hidden" name="password" value="" />
                                    <FieldError error field="code" />
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <div>
                                    <label for="step-up-password">{move || i18n.t("field.password")}</label>
                                    <input id="step-up-password" name="password" type="password" autocomplete="current-password" required />
                                    <input type="hidden" name="code" value="" />
                                    <FieldError error field="password" />
                                </div>
                            }.into_any()
                        }}
                        <button type="submit" class="button button-primary">{move || i18n.t("step_up.submit")}</button>
                    </ActionForm>
                    <Transition fallback=|| ()>{with_provider}</Transition>
                }
            >
                <p class="alert alert-success" role="status">{move || i18n.t("step_up.done")}</p>
            </Show>
        </div>
    }
}

/// Why a sign-in through a provider did not go through, when the browser came back with
/// `?oidc_error=` (from the start or from the callback). Only known message keys show; a
/// refused link for want of a recent proof offers the step-up in place.
#[component]
pub fn OidcRefusal() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        query.with(|q| {
            q.get("oidc_error")
                .and_then(|raw| crate::domain::second_factor::oidc_error_key(&raw))
        })
    });
    move || {
        key.get().map(|key| {
            view! {
                <div class="alert alert-error" role="alert" data-testid="oidc-error">
                    <p>{move || i18n.t(key)}</p>
                </div>
                {(key == "error.step_up_required").then(|| view! { <StepUpPrompt /> })}
            }
        })
    }
}

/// The messages for one field of a failed form, under its input.
#[component]
pub fn FieldError(error: Signal<Option<AppError>>, #[prop(into)] field: String) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let field = field.clone();
        let codes = error
            .get()
            .and_then(|err| err.fields().and_then(|f| f.get(&field).cloned()))?;
        let text = codes
            .iter()
            .map(|code| i18n.t(code))
            .collect::<Vec<_>>()
            .join(" ");
        Some(view! { <p class="field-error" data-field=field>{text}</p> })
    }
}

/// A form that switches the language. Without JavaScript it posts and the page reloads in
/// the new language; with it, every text changes in place.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(Ok(locale)) = action.value().get() {
            i18n.switch_to(locale);
        }
    });
    view! {
        <ActionForm action=action attr:class="language-switcher">
            <span class="visually-hidden" id="language-label">{move || i18n.t("menu.language")}</span>
            <div class="language-buttons" role="group" aria-labelledby="language-label">
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <button
                                type="submit"
                                name="locale"
                                value=locale.as_str()
                                lang=locale.as_str()
                                class="chip"
                                aria-pressed=move || (i18n.locale.get() == locale).to_string()
                            >
                                {locale.native_name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </ActionForm>
    }
}

/// The frame of every logged-in page. Anonymous visitors are sent to the login page.
///
/// The page (`Outlet`) is rendered beside the session's Suspense, not inside it: Suspense
/// runs its children again until every resource read in them has settled, and a page
/// created in there would be created again each time, with its resources — every server
/// function of the page ran three times per request. Pages read the user themselves, from
/// the session's resource, inside their own Suspense (`signed_in`).
#[component]
pub fn AppShell() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    // Tracked outside the async block, so that moving to the account page renders the shell
    // again (with its header) rather than keeping the redirect it showed before.
    let on_settings = Memo::new(move |_| location.pathname.get() == "/settings");
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || i18n.t("common.loading")}</p> }>
            {move || {
                let on_settings = on_settings.get();
                Suspend::new(async move {
                match session.user.await {
                    // Nothing works until the second factor the policy requires is set up:
                    // the account page is where that happens.
                    Ok(Some(user)) if user.must_enrol() && !on_settings => {
                        view! { <Redirect path="/settings#second-factor" /> }.into_any()
                    }
                    Ok(Some(user)) => view! { <Header user /> }.into_any(),
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        <main id="main" class="content">
            <OidcRefusal />
            <Outlet />
        </main>
    }
}

/// The logged-in user, for a page: awaited inside the page's Suspense.
pub async fn signed_in(session: crate::ui::Session) -> Option<CurrentUser> {
    session.user.await.ok().flatten()
}

#[component]
fn Header(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let menu_open = RwSignal::new(false);
    let can_see_members = user.actor().has(Permission::ViewMembers);
    let can_see_register = user.actor().has(Permission::ViewRegister);
    let holds_lots = user.roles().contains(&crate::domain::Role::Owner);
    let initials: String = user
        .display_name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    let active = user.active_organization_id;
    let memberships = user.memberships.clone();
    let several = memberships.len() > 1;
    let organization_name = user
        .active_membership()
        .map(|m| m.organization.name.clone())
        .unwrap_or_default();

    view! {
        <a class="skip-link" href="#main">{move || i18n.t("common.skip_to_content")}</a>
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/icons/icon.svg" alt="" width="28" height="28" />
                <span>"KoproGo"</span>
            </a>
            <nav class="mainnav" aria-label=move || i18n.t("nav.main")>
                <A href="/" exact=true>{move || i18n.t("nav.dashboard")}</A>
                {holds_lots.then(|| view! {
                    <A href="/my-lots">{move || i18n.t("nav.my_lots")}</A>
                })}
                {can_see_register.then(|| view! {
                    <A href="/buildings">{move || i18n.t("nav.buildings")}</A>
                    <A href="/owners">{move || i18n.t("nav.owners")}</A>
                })}
                {can_see_members.then(|| view! {
                    <A href="/admin/members">{move || i18n.t("nav.members")}</A>
                })}
                <A href="/settings">{move || i18n.t("nav.settings")}</A>
            </nav>
            {if several {
                view! {
                    <ActionForm action=session.switch attr:class="org-switcher">
                        <label for="organization-select" class="visually-hidden">
                            {move || i18n.t("menu.organization")}
                        </label>
                        <select id="organization-select" name="organization_id">
                            {memberships
                                .iter()
                                .map(|m| {
                                    let id = m.organization.id;
                                    view! {
                                        <option value=id.to_string() selected=Some(id) == active>
                                            {m.organization.name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <button type="submit" class="button button-small">
                            {move || i18n.t("menu.switch")}
                        </button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! { <span class="org-name">{organization_name}</span> }.into_any()
            }}
            <div class="user-menu" class:open=move || menu_open.get()>
                <button
                    type="button"
                    class="avatar"
                    aria-haspopup="true"
                    aria-expanded=move || menu_open.get().to_string()
                    aria-controls="user-menu-panel"
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">{initials}</span>
                    <span class="visually-hidden">{move || i18n.t("menu.user")}</span>
                </button>
                <div id="user-menu-panel" class="user-menu-panel">
                    <p class="user-menu-name">{user.display_name.clone()}</p>
                    <p class="user-menu-email">{user.email.clone()}</p>
                    <LanguageSwitcher />
                    <a href="/settings#password">{move || i18n.t("menu.password")}</a>
                    <a href="/settings#tokens">{move || i18n.t("menu.tokens")}</a>
                    <ActionForm action=session.logout>
                        <button type="submit" class="button button-link">
                            {move || i18n.t("menu.logout")}
                        </button>
                    </ActionForm>
                </div>
            </div>
        </header>
    }
}
