use crate::api::{
    InviteMember, RemoveMember, RevokeInvitation, SetCouncilBuildings, SetSecurityPolicy,
    get_security_policy, list_members,
};
use crate::domain::{Role, format};
use crate::ui::components::{FieldError, FormError, LoadError, action_error, signed_in, successes};
use crate::ui::i18n::use_i18n;
use crate::ui::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let invite = ServerAction::<InviteMember>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let council = ServerAction::<SetCouncilBuildings>::new();
    let invite_done = successes(invite);
    let revoke_done = successes(revoke);
    let remove_done = successes(remove);
    let council_done = successes(council);
    let page = Resource::new(
        move || {
            (
                invite_done.get(),
                revoke_done.get(),
                remove_done.get(),
                council_done.get(),
            )
        },
        |_| list_members(),
    );
    let council_error = action_error(council);
    let invite_error = action_error(invite);
    let remove_error = action_error(remove);
    let invited = move || matches!(invite.value().get(), Some(Ok(_)));
    view! {
        <Title text=i18n.t_untracked("nav.members") />
        <h1>{move || i18n.t("nav.members")}</h1>
        <FormError error=remove_error />
        <FormError error=council_error />
        <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let me = signed_in(session).await.map(|u| u.id);
                match page.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(data) => {
                        let can_manage = data.can_manage;
                        let all_buildings = data.buildings.clone();
                        view! {
                            <section class="panel" aria-labelledby="members-title">
                                <h2 id="members-title">{move || i18n.t("members.current")}</h2>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || i18n.t("field.display_name")}</th>
                                            <th scope="col">{move || i18n.t("field.email")}</th>
                                            <th scope="col">{move || i18n.t("field.roles")}</th>
                                            <th scope="col">{move || i18n.t("members.since")}</th>
                                            <th scope="col"><span class="visually-hidden">{move || i18n.t("common.actions")}</span></th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {data.members.into_iter().map(|m| {
                                            let since = crate::domain::calendar::date_of(m.since);
                                            let roles = m.roles.iter().map(|r| r.label_key()).collect::<Vec<_>>();
                                            let removable = can_manage && Some(m.user_id) != me;
                                            let on_council = m.roles.contains(&Role::BoardMember) && !all_buildings.is_empty();
                                            let council_names = all_buildings.iter().filter(|(id, _)| m.buildings.contains(id)).map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ");
                                            let choices = all_buildings.clone();
                                            let mine = m.buildings.clone();
                                            let uid = m.user_id;
                                            let handles_money = m.roles.iter().any(|r| matches!(r, Role::Syndic | Role::Accountant));
                                            let second_factor = m.second_factor;
                                            view! {
                                                <tr>
                                                    <td>
                                                        {m.display_name.clone()}
                                                        {(second_factor || handles_money).then(|| view! {
                                                            " "
                                                            <span
                                                                class=if second_factor { "badge badge-ok" } else { "badge badge-warn" }
                                                                data-testid="member-second-factor"
                                                            >
                                                                {move || i18n.t(if second_factor { "members.second_factor_on" } else { "members.second_factor_off" })}
                                                            </span>
                                                        })}
                                                    </td>
                                                    <td>{m.email.clone()}</td>
                                                    <td>
                                                        {move || roles.iter().map(|r| i18n.t(r)).collect::<Vec<_>>().join(", ")}
                                                        {on_council.then(|| view! {
                                                            <p class="muted council-buildings" data-testid="council-buildings">{move || i18n.t("members.council_of")} ": " {council_names.clone()}</p>
                                                            {can_manage.then(|| view! {
                                                                <details>
                                                                    <summary>{move || i18n.t("members.choose_council_buildings")}</summary>
                                                                    <ActionForm action=council attr:class="form">
                                                                        <input type="hidden" name="user_id" value=uid.to_string() />
                                                                        {choices.iter().enumerate().map(|(i, (id, name))| {
                                                                            let cid = format!("council-{uid}-{i}");
                                                                            view! {
                                                                                <div class="check">
                                                                                    <input type="checkbox" id=cid.clone() name=format!("building_ids[{i}]") value=id.to_string() checked=mine.contains(id) />
                                                                                    <label for=cid>{name.clone()}</label>
                                                                                </div>
                                                                            }
                                                                        }).collect_view()}
                                                                        <button type="submit" class="button button-small">{move || i18n.t("register.save")}</button>
                                                                    </ActionForm>
                                                                </details>
                                                            })}
                                                        }.into_any())}
                                                    </td>
                                                    <td>{move || format::date_short(since, i18n.locale.get())}</td>
                                                    <td>
                                                        {removable.then(|| view! {
                                                            <ActionForm action=remove>
                                                                <input type="hidden" name="user_id" value=m.user_id.to_string() />
                                                                <button type="submit" class="button button-small button-danger">{move || i18n.t("members.remove")}</button>
                                                            </ActionForm>
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                            <section class="panel" aria-labelledby="invitations-title">
                                <h2 id="invitations-title">{move || i18n.t("members.pending")}</h2>
                                {if data.invitations.is_empty() {
                                    view! { <p class="muted">{move || i18n.t("members.no_pending")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="list">
                                            {data.invitations.into_iter().map(|inv| {
                                                let expires = crate::domain::calendar::date_of(inv.expires_at);
                                                let role_key = inv.role.label_key();
                                                let mail_key = inv.mail_status.label_key();
                                                let mail_class = format!("badge mail-{}", mail_key.trim_start_matches("mail_status."));
                                                view! {
                                                    <li>
                                                        <span>{inv.email.clone()}</span>
                                                        " · " <span>{move || i18n.t(&role_key)}</span>
                                                        " · " <span class=mail_class data-mail-status=mail_key>{move || i18n.t(mail_key)}</span>
                                                        " · " <span class="muted">{move || i18n.t_with("members.expires_on", &[("date", format::date_short(expires, i18n.locale.get()))])}</span>
                                                        {can_manage.then(|| view! {
                                                            <ActionForm action=revoke attr:class="inline">
                                                                <input type="hidden" name="id" value=inv.id.to_string() />
                                                                <button type="submit" class="button button-small">{move || i18n.t("members.revoke")}</button>
                                                            </ActionForm>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <SecurityPolicySection can_manage />
                            {can_manage.then(|| view! {
                                <section class="panel" aria-labelledby="invite-title">
                                    <h2 id="invite-title">{move || i18n.t("members.invite")}</h2>
                                    <Show when=invited>
                                        <p class="alert alert-success" role="status">{move || i18n.t("members.invited")}</p>
                                    </Show>
                                    <FormError error=invite_error />
                                    <ActionForm action=invite attr:class="form form-inline" attr:novalidate=true>
                                        <div>
                                            <label for="invite-email">{move || i18n.t("field.email")}</label>
                                            <input id="invite-email" name="email" type="email" required />
                                            <FieldError error=invite_error field="email" />
                                        </div>
                                        <div>
                                            <label for="invite-role">{move || i18n.t("field.role")}</label>
                                            <select id="invite-role" name="role">
                                                {Role::ORGANIZATION_ROLES.into_iter().map(|role| {
                                                    let key = role.label_key();
                                                    view! { <option value=role.as_str() selected=role == Role::Owner>{move || i18n.t(&key)}</option> }
                                                }).collect_view()}
                                            </select>
                                            <FieldError error=invite_error field="role" />
                                        </div>
                                        <button type="submit" class="button button-primary">{move || i18n.t("members.send_invitation")}</button>
                                    </ActionForm>
                                </section>
                            })}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The organisation's security policy: whether its syndics and accountants must log in with
/// a second factor. Syndics change it (after a step-up); others see it.
#[component]
fn SecurityPolicySection(can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetSecurityPolicy>::new();
    let set_done = successes(set);
    let policy = Resource::new(move || set_done.get(), |_| get_security_policy());
    let error = action_error(set);
    view! {
        <section class="panel" id="security" aria-labelledby="security-title">
            <h2 id="security-title">{move || i18n.t("security.title")}</h2>
            <p class="muted">{move || i18n.t("security.intro")}</p>
            <FormError error />
            <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match policy.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(p) => {
                            let required = p.second_factor_required;
                            view! {
                                <p data-testid="security-policy">
                                    {move || i18n.t(if required { "security.required" } else { "security.optional" })}
                                </p>
                                {can_manage.then(|| view! {
                                    <ActionForm action=set attr:class="form" attr:novalidate=true>
                                        <div class="field check">
                                            <input type="checkbox" id="second-factor-required" name="second_factor_required" value="on" checked=required />
                                            <label for="second-factor-required">{move || i18n.t("security.require_second_factor")}</label>
                                        </div>
                                        <button type="submit" class="button button-primary">{move || i18n.t("security.save")}</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
