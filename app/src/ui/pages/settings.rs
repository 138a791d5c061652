use crate::api::{
    BeginTotpEnrolment, ChangePassword, ConfirmTotpEnrolment, CreateApiToken, DisableSecondFactor,
    ForgetDevice, RegenerateRecoveryCodes, RequestEmailChange, RevokeApiToken, RevokeSession,
    UnlinkIdentity, get_second_factor, list_api_tokens, list_identities, list_sessions,
};
use crate::domain::format;
use crate::domain::second_factor::RecoveryCodes;
use crate::ui::components::{
    FieldError, FormError, LanguageSwitcher, LoadError, action_error, signed_in, successes,
};
use crate::ui::i18n::use_i18n;
use crate::ui::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Title text=i18n.t_untracked("nav.settings") />
        <h1>{move || i18n.t("nav.settings")}</h1>
        <section class="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{move || i18n.t("settings.profile")}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    signed_in(session).await.map(|user| view! {
                        <dl class="facts">
                            <dt>{move || i18n.t("field.display_name")}</dt>
                            <dd>{user.display_name}</dd>
                            <dt>{move || i18n.t("field.email")}</dt>
                            <dd>{user.email}</dd>
                        </dl>
                    })
                })}
            </Suspense>
        </section>
        <section class="panel" aria-labelledby="language-title">
            <h2 id="language-title">{move || i18n.t("menu.language")}</h2>
            <LanguageSwitcher />
        </section>
        <SecondFactorSection />
        <IdentitiesSection />
        <EmailSection />
        <PasswordSection />
        <SessionsSection />
        <TokensSection />
    }
}

/// Strong identities (itsme® and other providers): linked once here, then a way to sign in
/// and to confirm sensitive changes. Hidden when no provider is configured.
#[component]
fn IdentitiesSection() -> impl IntoView {
    let i18n = use_i18n();
    let unlink = ServerAction::<UnlinkIdentity>::new();
    let unlink_done = successes(unlink);
    let identities = Resource::new(move || unlink_done.get(), |_| list_identities());
    let error = action_error(unlink);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let identities = match identities.await {
                    Err(error) => return Some(view! { <LoadError error /> }.into_any()),
                    Ok(identities) if identities.providers.is_empty() && identities.linked.is_empty() => return None,
                    Ok(identities) => identities,
                };
                let unlinked: Vec<_> = identities
                    .providers
                    .iter()
                    .filter(|p| !identities.linked.iter().any(|l| l.provider == p.id))
                    .cloned()
                    .collect();
                let none = identities.linked.is_empty();
                Some(view! {
                    <section class="panel" id="identities" aria-labelledby="identities-title">
                        <h2 id="identities-title">{move || i18n.t("identities.title")}</h2>
                        <p class="muted">{move || i18n.t("identities.explained")}</p>
                        <FormError error />
                        {none.then(|| view! { <p data-testid="no-identity">{move || i18n.t("identities.none")}</p> })}
                        <ul class="list identities">
                            {identities.linked.into_iter().map(|identity| {
                                let linked_on = identity.linked_at;
                                let last_used = identity.last_used_at;
                                view! {
                                    <li data-testid="identity">
                                        <strong>{identity.provider_name.clone()}</strong>
                                        <span class="muted">
                                            " · "
                                            {move || i18n.t_with("identities.linked_on", &[("date", format::date_short(crate::domain::calendar::date_of(linked_on), i18n.locale.get()))])}
                                            {move || last_used.map(|at| format!(", {}", i18n.t_with("identities.last_used", &[("date", format::date_short(crate::domain::calendar::date_of(at), i18n.locale.get()))])))}
                                        </span>
                                        <ActionForm action=unlink attr:class="inline">
                                            <input type="hidden" name="id" value=identity.id.to_string() />
                                            <button type="submit" class="button button-small">{move || i18n.t("identities.unlink")}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p class="actions">
                            {unlinked.into_iter().map(|p| {
                                let href = crate::api::identities::start_url(&p.id, "link", None);
                                let name = p.name.clone();
                                view! {
                                    <a class="button button-provider" href=href rel="external" data-provider=p.id.clone()>
                                        {move || i18n.t_with("identities.link", &[("provider", name.clone())])}
                                    </a>
                                    " "
                                }
                            }).collect_view()}
                        </p>
                    </section>
                }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn PasswordSection() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" id="password" aria-labelledby="password-title">
            <h2 id="password-title">{move || i18n.t("menu.password")}</h2>
            <Show when=done>
                <p class="alert alert-success" role="status">{move || i18n.t("settings.password_changed")}</p>
            </Show>
            <FormError error />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <label for="current_password">{move || i18n.t("field.current_password")}</label>
                <input id="current_password" name="current_password" type="password" autocomplete="current-password" required />
                <FieldError error field="current_password" />
                <label for="new_password">{move || i18n.t("field.new_password")}</label>
                <input id="new_password" name="new_password" type="password" autocomplete="new-password" required />
                <p class="hint">{move || i18n.t("password.policy")}</p>
                <FieldError error field="new_password" />
                <button type="submit" class="button button-primary">{move || i18n.t("settings.change_password")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TokensSection() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let create_done = successes(create);
    let revoke_done = successes(revoke);
    let tokens = Resource::new(
        move || (create_done.get(), revoke_done.get()),
        |_| list_api_tokens(),
    );
    let error = action_error(create);
    let created = move || create.value().get().and_then(|r| r.ok());
    view! {
        <section class="panel" id="tokens" aria-labelledby="tokens-title">
            <h2 id="tokens-title">{move || i18n.t("menu.tokens")}</h2>
            <p class="muted">{move || i18n.t("tokens.intro")}</p>
            {move || created().map(|token| view! {
                <div class="alert alert-success" role="status">
                    <p>{move || i18n.t("tokens.copy_now")}</p>
                    <code class="secret" data-testid="new-token">{token.secret.clone()}</code>
                </div>
            })}
            <FormError error />
            <ActionForm action=create attr:class="form form-inline" attr:novalidate=true>
                <div>
                    <label for="token-name">{move || i18n.t("field.token_name")}</label>
                    <input id="token-name" name="name" required maxlength="80" />
                    <FieldError error field="name" />
                </div>
                <div>
                    <label for="token-days">{move || i18n.t("field.token_days")}</label>
                    <input id="token-days" name="expires_in_days" type="number" min="1" max="730" />
                    <FieldError error field="expires_in_days" />
                </div>
                <button type="submit" class="button button-primary">{move || i18n.t("tokens.create")}</button>
            </ActionForm>
            <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t("tokens.none")}</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || i18n.t("field.token_name")}</th>
                                        <th scope="col">{move || i18n.t("tokens.prefix")}</th>
                                        <th scope="col">{move || i18n.t("tokens.created")}</th>
                                        <th scope="col">{move || i18n.t("tokens.expires")}</th>
                                        <th scope="col"><span class="visually-hidden">{move || i18n.t("common.actions")}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|token| {
                                        let created = crate::domain::calendar::date_of(token.created_at);
                                        let expires = token.expires_at.map(crate::domain::calendar::date_of);
                                        view! {
                                            <tr>
                                                <td>{token.name.clone()}</td>
                                                <td><code>{token.prefix.clone()} "…"</code></td>
                                                <td>{move || format::date_short(created, i18n.locale.get())}</td>
                                                <td>{move || expires.map(|d| format::date_short(d, i18n.locale.get())).unwrap_or_else(|| i18n.t("tokens.never"))}</td>
                                                <td>
                                                    <ActionForm action=revoke>
                                                        <input type="hidden" name="id" value=token.id.to_string() />
                                                        <button type="submit" class="button button-small button-danger">{move || i18n.t("tokens.revoke")}</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The second factor: set up an authenticator app (QR code, then a first code), the
/// recovery codes (shown once), remembered devices, turning it off.
#[component]
fn SecondFactorSection() -> impl IntoView {
    let i18n = use_i18n();
    let begin = ServerAction::<BeginTotpEnrolment>::new();
    let confirm = ServerAction::<ConfirmTotpEnrolment>::new();
    let renew = ServerAction::<RegenerateRecoveryCodes>::new();
    let disable = ServerAction::<DisableSecondFactor>::new();
    let forget = ServerAction::<ForgetDevice>::new();
    let session = use_session();
    // Enrolling changes what the whole app allows: the user is read again.
    Effect::new(move |_| {
        if matches!(confirm.value().get(), Some(Ok(_)))
            || matches!(disable.value().get(), Some(Ok(())))
        {
            session.user.refetch();
        }
    });
    let confirm_done = successes(confirm);
    let renew_done = successes(renew);
    let disable_done = successes(disable);
    let forget_done = successes(forget);
    let status = Resource::new(
        move || {
            (
                confirm_done.get(),
                renew_done.get(),
                disable_done.get(),
                forget_done.get(),
            )
        },
        |_| get_second_factor(),
    );
    let begin_error = action_error(begin);
    let confirm_error = action_error(confirm);
    let renew_error = action_error(renew);
    let disable_error = action_error(disable);
    let fresh_codes = move || {
        confirm
            .value()
            .get()
            .and_then(|r| r.ok())
            .or_else(|| renew.value().get().and_then(|r| r.ok()))
    };
    view! {
        <section class="panel" id="second-factor" aria-labelledby="second-factor-title">
            <h2 id="second-factor-title">{move || i18n.t("second_factor.title")}</h2>
            {move || fresh_codes().map(|codes| view! { <RecoveryCodeList codes /> })}
            <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(s) if s.enrolled => {
                            let since = s.enrolled_at.map(crate::domain::calendar::date_of);
                            let left = s.recovery_codes_left;
                            let required = s.required;
                            let devices = s.remembered_devices;
                            view! {
                                <p class="alert alert-success" data-testid="second-factor-on">
                                    {move || i18n.t_with("second_factor.on_since", &[("date", since.map(|d| format::date_short(d, i18n.locale.get())).unwrap_or_default())])}
                                </p>
                                <p>{move || i18n.t_with("second_factor.codes_left", &[("count", left.to_string())])}</p>
                                <FormError error=renew_error />
                                <ActionForm action=renew attr:class="inline">
                                    <button type="submit" class="button">{move || i18n.t("second_factor.renew_codes")}</button>
                                </ActionForm>
                                {(!devices.is_empty()).then(|| view! {
                                    <h3>{move || i18n.t("second_factor.devices")}</h3>
                                    <ul class="list">
                                        {devices.into_iter().map(|d| {
                                            let until = crate::domain::calendar::date_of(d.expires_at);
                                            view! {
                                                <li>
                                                    <span title=d.label.clone()>
                                                        {
                                                            let name = crate::domain::second_factor::device_name(&d.label);
                                                            move || name.clone().unwrap_or_else(|| i18n.t("sessions.unknown_device"))
                                                        }
                                                    </span>
                                                    " · "
                                                    <span class="muted">{move || i18n.t_with("second_factor.device_until", &[("date", format::date_short(until, i18n.locale.get()))])}</span>
                                                    <ActionForm action=forget attr:class="inline">
                                                        <input type="hidden" name="id" value=d.id.to_string() />
                                                        <button type="submit" class="button button-small">{move || i18n.t("second_factor.forget_device")}</button>
                                                    </ActionForm>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                })}
                                {if required {
                                    view! { <p class="muted">{move || i18n.t("second_factor.required_here")}</p> }.into_any()
                                } else {
                                    view! {
                                        <FormError error=disable_error />
                                        <ActionForm action=disable attr:class="inline">
                                            <button type="submit" class="button button-danger">{move || i18n.t("second_factor.turn_off")}</button>
                                        </ActionForm>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                        Ok(s) => {
                            let required = s.required;
                            view! {
                                {if required {
                                    view! { <p class="alert alert-warning" role="alert">{move || i18n.t("second_factor.enrol_required")}</p> }.into_any()
                                } else {
                                    view! { <p>{move || i18n.t("second_factor.intro")}</p> }.into_any()
                                }}
                                <FormError error=begin_error />
                                {move || match begin.value().get() {
                                    Some(Ok(enrolment)) => view! {
                                        <ol class="steps">
                                            <li>{move || i18n.t("second_factor.scan")}</li>
                                        </ol>
                                        <div class="qr" data-testid="totp-qr" inner_html=enrolment.qr_svg.clone()></div>
                                        <p class="muted">{move || i18n.t("second_factor.manual")}</p>
                                        <p><code class="secret" data-testid="totp-secret">{crate::domain::second_factor::grouped(&enrolment.secret)}</code></p>
                                        <FormError error=confirm_error />
                                        <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                                            <label for="enrol-code">{move || i18n.t("second_factor.first_code")}</label>
                                            <input id="enrol-code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="10" required />
                                            <FieldError error=confirm_error field="code" />
                                            <button type="submit" class="button button-primary">{move || i18n.t("second_factor.confirm")}</button>
                                        </ActionForm>
                                    }.into_any(),
                                    _ => view! {
                                        <ActionForm action=begin attr:class="inline">
                                            <button type="submit" class="button button-primary">{move || i18n.t("second_factor.set_up")}</button>
                                        </ActionForm>
                                    }.into_any(),
                                }}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Recovery codes just made: shown once, to be written down.
#[component]
fn RecoveryCodeList(codes: RecoveryCodes) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert-success" role="status">
            <p>{move || i18n.t("second_factor.codes_now")}</p>
            <ol class="recovery-codes" data-testid="recovery-codes">
                {codes.codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
        </div>
    }
}

/// The user's open sessions: where, how they authenticated, until when; end any of them.
#[component]
fn SessionsSection() -> impl IntoView {
    let i18n = use_i18n();
    let revoke = ServerAction::<RevokeSession>::new();
    let revoke_done = successes(revoke);
    let sessions = Resource::new(move || revoke_done.get(), |_| list_sessions());
    let error = action_error(revoke);
    view! {
        <section class="panel" id="sessions" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{move || i18n.t("sessions.title")}</h2>
            <FormError error />
            <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(list) => view! {
                            <ul class="list sessions">
                                {list.into_iter().map(|s| {
                                    let methods = s
                                        .assurance
                                        .as_ref()
                                        .map(|a| a.methods.iter().map(|m| m.label_key()).collect::<Vec<_>>())
                                        .unwrap_or_default();
                                    let since = s.assurance.as_ref().and_then(|a| chrono::DateTime::from_timestamp(a.authenticated_at, 0));
                                    let strong = s.assurance.as_ref().is_some_and(|a| a.multi_factor());
                                    let level = s.assurance.as_ref().and_then(|a| a.level());
                                    let name = crate::domain::second_factor::device_name(&s.label);
                                    let full = s.label.clone();
                                    view! {
                                        <li data-testid="session">
                                            <span title=full>{move || name.clone().unwrap_or_else(|| i18n.t("sessions.unknown_device"))}</span>
                                            {s.current.then(|| view! { " " <span class="badge badge-ok">{move || i18n.t("sessions.current")}</span> })}
                                            <span class="muted">
                                                " · "
                                                {move || methods.iter().map(|k| i18n.t(k)).collect::<Vec<_>>().join(" + ")}
                                                {level.clone().map(|level| view! { " (" <span data-testid="session-level">{level}</span> ")" })}
                                                {move || since.map(|at| format!(" · {}", format::date_short(crate::domain::calendar::date_of(at), i18n.locale.get())))}
                                            </span>
                                            " "
                                            <span class=if strong { "badge badge-ok" } else { "badge" }>
                                                {move || i18n.t(if strong { "sessions.strong" } else { "sessions.password_only" })}
                                            </span>
                                            <ActionForm action=revoke attr:class="inline">
                                                <input type="hidden" name="id" value=s.id.clone() />
                                                <button type="submit" class="button button-small">{move || i18n.t("sessions.revoke")}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Changing one's own e-mail address: a link to the new address confirms it.
#[component]
fn EmailSection() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestEmailChange>::new();
    let error = action_error(action);
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    // `input` is cleared when the action finishes; keep the address the link went to.
    let sent_to = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(input) = action.input().get() {
            sent_to.set(input.email);
        }
    });
    view! {
        <section class="panel" id="email" aria-labelledby="email-title">
            <h2 id="email-title">{move || i18n.t("settings.change_email")}</h2>
            <Show when=sent>
                <p class="alert alert-success" role="status">
                    {move || i18n.t_with("settings.email_change_sent", &[("email", sent_to.get())])}
                </p>
            </Show>
            <FormError error />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <label for="new-email">{move || i18n.t("field.new_email")}</label>
                <input id="new-email" name="email" type="email" autocomplete="email" required />
                <p class="hint">{move || i18n.t("settings.email_change_hint")}</p>
                <FieldError error field="email" />
                <button type="submit" class="button button-primary">{move || i18n.t("settings.send_email_link")}</button>
            </ActionForm>
        </section>
    }
}
