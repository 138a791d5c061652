//! Pages for anonymous visitors: login, forgotten password, reset, invitation acceptance.

use crate::api::{
    AcceptInvitation, ConfirmEmailChange, RequestPasswordReset, ResetPassword, invitation_preview,
};
use crate::ui::components::{FieldError, FormError, LanguageSwitcher, OidcRefusal, action_error};
use crate::ui::i18n::use_i18n;
use crate::ui::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
fn AuthFrame(children: Children) -> impl IntoView {
    view! {
        <main id="main" class="auth">
            <div class="auth-card">
                <div class="auth-brand">
                    <img src="/icons/icon.svg" alt="" width="40" height="40" />
                    <span>"KoproGo"</span>
                </div>
                {children()}
            </div>
            <LanguageSwitcher />
        </main>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = action_error(session.login);
    let query = use_query_map();
    let reset_done = move || query.read().get("reset").as_deref() == Some("done");
    view! {
        <Title text=i18n.t_untracked("login.title") />
        <AuthFrame>
            <h1>{move || i18n.t("login.title")}</h1>
            <Show when=reset_done>
                <p class="alert alert-success" role="status">{move || i18n.t("reset.done")}</p>
            </Show>
            <FormError error unauthorized_key="auth.invalid_credentials" />
            <ActionForm action=session.login attr:class="form" attr:novalidate=true>
                <label for="email">{move || i18n.t("field.email")}</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
                <FieldError error field="email" />
                <label for="password">{move || i18n.t("field.password")}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
                <FieldError error field="password" />
                <button type="submit" class="button button-primary" disabled=move || session.login.pending().get()>
                    {move || i18n.t("login.submit")}
                </button>
            </ActionForm>
            <p class="auth-links">
                <a href="/forgot-password">{move || i18n.t("login.forgot")}</a>
            </p>
            <ProviderButtons />
        </AuthFrame>
    }
}

/// "Sign in with itsme®" and the other configured providers: plain links, so that they work
/// before the page's script has loaded. A refusal comes back here as `?oidc_error=`.
#[component]
fn ProviderButtons() -> impl IntoView {
    let i18n = use_i18n();
    let providers = Resource::new(|| (), |_| crate::api::identity_providers());
    view! {
        <OidcRefusal />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let providers = providers.await.unwrap_or_default();
                (!providers.is_empty()).then(|| view! {
                    <p class="auth-or"><span>{move || i18n.t("login.or")}</span></p>
                    <ul class="provider-list">
                        {providers.into_iter().map(|p| {
                            let href = crate::api::identities::start_url(&p.id, "login", None);
                            let name = p.name.clone();
                            view! {
                                <li>
                                    <a class="button button-provider" href=href rel="external" data-provider=p.id.clone()>
                                        {move || i18n.t_with("login.with", &[("provider", name.clone())])}
                                    </a>
                                </li>
                            }
                        }).collect::<Vec<_>>()}
                    </ul>
                })
            })}
        </Suspense>
    }
}

/// The second step of a login: a code of the authenticator app, or a recovery code.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = action_error(session.second_factor);
    let expired = move || matches!(error.get(), Some(crate::domain::AppError::Conflict(ref code)) if code == "second_factor.login_expired");
    view! {
        <Title text=i18n.t_untracked("second_factor.login_title") />
        <AuthFrame>
            <h1>{move || i18n.t("second_factor.login_title")}</h1>
            <p>{move || i18n.t("second_factor.login_intro")}</p>
            <FormError error />
            <Show when=expired>
                <p class="auth-links"><a href="/login">{move || i18n.t("common.back_to_login")}</a></p>
            </Show>
            <ActionForm action=session.second_factor attr:class="form" attr:novalidate=true>
                <label for="code">{move || i18n.t("field.second_factor_code")}</label>
                <input
                    id="code"
                    name="code"
                    autocomplete="one-time-code"
                    inputmode="text"
                    autocapitalize="characters"
                    spellcheck="false"
                    maxlength="40"
                    required
                    autofocus
                />
                <p class="hint">{move || i18n.t("second_factor.code_hint")}</p>
                <FieldError error field="code" />
                <div class="check">
                    <input type="checkbox" id="remember" name="remember" value="on" />
                    <label for="remember">{move || i18n.t("second_factor.remember_device")}</label>
                </div>
                <button type="submit" class="button button-primary" disabled=move || session.second_factor.pending().get()>
                    {move || i18n.t("second_factor.verify")}
                </button>
            </ActionForm>
            <p class="auth-links">
                <a href="/login">{move || i18n.t("common.back_to_login")}</a>
            </p>
        </AuthFrame>
    }
}

/// The link sent to a new e-mail address: a button confirms it (a GET changes nothing, so
/// that a mail scanner opening the link does not confirm it for the user).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<ConfirmEmailChange>::new();
    let error = action_error(action);
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=i18n.t_untracked("confirm_email.title") />
        <AuthFrame>
            <h1>{move || i18n.t("confirm_email.title")}</h1>
            <Show
                when=done
                fallback=move || view! {
                    <p>{move || i18n.t("confirm_email.intro")}</p>
                    <FormError error />
                    <FieldError error field="token" />
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="token" value=token />
                        <button type="submit" class="button button-primary">{move || i18n.t("confirm_email.submit")}</button>
                    </ActionForm>
                }
            >
                <p class="alert alert-success" role="status" data-testid="email-confirmed">{move || i18n.t("confirm_email.done")}</p>
            </Show>
            <p class="auth-links"><a href="/">{move || i18n.t("confirm_email.continue")}</a></p>
        </AuthFrame>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=i18n.t_untracked("forgot.title") />
        <AuthFrame>
            <h1>{move || i18n.t("forgot.title")}</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p>{move || i18n.t("forgot.intro")}</p>
                        <FormError error />
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <label for="email">{move || i18n.t("field.email")}</label>
                            <input id="email" name="email" type="email" autocomplete="email" required />
                            <FieldError error field="email" />
                            <button type="submit" class="button button-primary">
                                {move || i18n.t("forgot.submit")}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="alert alert-success" role="status">{move || i18n.t("forgot.sent")}</p>
            </Show>
            <p class="auth-links">
                <a href="/login">{move || i18n.t("common.back_to_login")}</a>
            </p>
        </AuthFrame>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    view! {
        <Title text=i18n.t_untracked("reset.title") />
        <AuthFrame>
            <h1>{move || i18n.t("reset.title")}</h1>
            <FormError error />
            <FieldError error field="token" />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="token" value=token />
                <label for="new_password">{move || i18n.t("field.new_password")}</label>
                <input
                    id="new_password"
                    name="new_password"
                    type="password"
                    autocomplete="new-password"
                    minlength="10"
                    required
                />
                <p class="hint">{move || i18n.t("password.policy")}</p>
                <FieldError error field="new_password" />
                <button type="submit" class="button button-primary">
                    {move || i18n.t("reset.submit")}
                </button>
            </ActionForm>
        </AuthFrame>
    }
}

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let preview = Resource::new(token, invitation_preview);
    let action = ServerAction::<AcceptInvitation>::new();
    let error = action_error(action);
    Effect::new(move |_| {
        if let Some(Ok(crate::domain::second_factor::LoginOutcome::Done { locale })) =
            action.value().get()
        {
            i18n.switch_to(locale);
        }
    });
    view! {
        <Title text=i18n.t_untracked("invitation.title") />
        <AuthFrame>
            <h1>{move || i18n.t("invitation.title")}</h1>
            <Suspense fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Err(err) => {
                            let message = err
                                .fields()
                                .and_then(|f| f.get("token"))
                                .and_then(|codes| codes.first().cloned())
                                .map(|code| i18n.t(&code))
                                .unwrap_or_else(|| i18n.error(&err));
                            view! { <p class="alert alert-error" role="alert">{message}</p> }.into_any()
                        }
                        Ok(invitation) => {
                            let role_key = invitation.role.label_key();
                            let intro = move || {
                                i18n.t_with(
                                    "invitation.intro",
                                    &[
                                        ("organization", invitation.organization_name.clone()),
                                        ("role", i18n.t(&role_key)),
                                    ],
                                )
                            };
                            let has_account = invitation.has_account;
                            view! {
                                <p>{intro}</p>
                                <p class="muted">{invitation.email.clone()}</p>
                                <FormError error />
                                <ActionForm action attr:class="form" attr:novalidate=true>
                                    <input type="hidden" name="token" value=token />
                                    {if has_account {
                                        view! {
                                            <input type="hidden" name="display_name" value="" />
                                            <p>{move || i18n.t("invitation.has_account")}</p>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <label for="display_name">{move || i18n.t("field.display_name")}</label>
                                            <input id="display_name" name="display_name" autocomplete="name" required />
                                            <FieldError error field="display_name" />
                                        }
                                            .into_any()
                                    }}
                                    <label for="password">{move || i18n.t("field.password")}</label>
                                    <input
                                        id="password"
                                        name="password"
                                        type="password"
                                        autocomplete=if has_account { "current-password" } else { "new-password" }
                                        required
                                    />
                                    {(!has_account).then(|| view! { <p class="hint">{move || i18n.t("password.policy")}</p> })}
                                    <FieldError error field="password" />
                                    <button type="submit" class="button button-primary">
                                        {move || i18n.t("invitation.submit")}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </AuthFrame>
    }
}
