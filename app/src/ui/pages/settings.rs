use crate::api::{ChangePassword, CreateApiToken, RevokeApiToken, list_api_tokens};
use crate::domain::format;
use crate::ui::components::{
    FieldError, FormError, LanguageSwitcher, LoadError, action_error, signed_in,
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
        <PasswordSection />
        <TokensSection />
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
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
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
