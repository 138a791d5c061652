//! The owner directory and one owner's page, both on a date (`?as_of=`, today by default):
//! details (one form for create and edit), the lots held then and the ones the syndic still
//! counts the owner for, the consents to e-mail per association (a history: the law allows
//! e-mail only to an owner who agreed in writing, art. 3.87 §3), and who acts for the owner
//! (a company's organ, a minor's parent, an attorney) with where the mail goes.

use super::{AsOfPicker, Field, Shown, as_of_param};
use crate::api::{
    AppointAgent, CreateOwner, EndAgent, GiveConsent, UpdateOwner, WithdrawConsent, get_owner,
    list_owners,
};
use crate::domain::register::agent::{self, Agent, Capacity};
use crate::domain::register::{Consent, ConsentEnd, OwnedLot, Owner, OwnerInput, OwnerKind};
use crate::domain::{AppError, Locale, calendar, format};
use crate::ui::components::{
    FieldError, FormError, LoadError, RecordOptions, action_error, successes,
};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn urlencoding(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The fields of an owner form (create and edit), starting from `o`.
#[component]
fn OwnerFields(o: OwnerInput, error: Signal<Option<AppError>>) -> AnyView {
    let i18n = use_i18n();
    let legal = o.kind == OwnerKind::Legal.as_str();
    view! {
        <div class="field">
            <label for="owner-kind">{move || i18n.t("register.field.owner_kind")}</label>
            <select id="owner-kind" name="input[kind]">
                <option value="natural" selected=!legal>{move || i18n.t("owner_kind.natural")}</option>
                <option value="legal" selected=legal>{move || i18n.t("owner_kind.legal")}</option>
            </select>
        </div>
        <Field form="owner" name="first_name" label="register.field.first_name" error value=o.first_name />
        <Field form="owner" name="last_name" label="register.field.last_name" error required=true value=o.last_name />
        <Field form="owner" name="company_number" label="register.field.company_number" error value=o.company_number />
        <Field form="owner" name="street" label="register.field.street" error required=true value=o.street />
        <Field form="owner" name="postal_code" label="register.field.postal_code" error required=true value=o.postal_code />
        <Field form="owner" name="city" label="register.field.city" error required=true value=o.city />
        <Field form="owner" name="country" label="register.field.country" error value=o.country />
        <Field form="owner" name="email" label="register.field.email" error kind="email" value=o.email hint="register.hint.email_consent" />
        <Field form="owner" name="phone" label="register.field.phone" error kind="tel" value=o.phone />
        <div class="field">
            <label for="owner-locale">{move || i18n.t("register.field.locale")}</label>
            <select id="owner-locale" name="input[locale]">
                {Locale::ALL.into_iter().map(|l| view! { <option value=l.as_str() selected=l.as_str() == o.locale>{l.native_name()}</option> }).collect_view()}
            </select>
            <FieldError error field="locale" />
        </div>
    }
    .into_any()
}

#[component]
pub fn OwnersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let page_no = move || {
        query.with(|p| {
            p.get("page")
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(1)
        })
    };
    let as_of = move || as_of_param(query);
    let create = ServerAction::<CreateOwner>::new();
    let create_done = successes(create);
    let data = Resource::new(
        move || (q(), page_no(), as_of(), create_done.get()),
        |(q, page, as_of, _)| list_owners(q, page, as_of),
    );
    let error = action_error(create);
    let created = move || matches!(create.value().get(), Some(Ok(_)));
    view! {
        <Title text=i18n.t_untracked("nav.owners") />
        <h1>{move || i18n.t("nav.owners")}</h1>
        <form method="get" action="/owners" class="search" role="search">
            <label for="owner-search">{move || i18n.t("register.search_owners")}</label>
            <input id="owner-search" type="search" name="q" value=q />
            {move || (!as_of().is_empty()).then(|| view! { <input type="hidden" name="as_of" value=as_of() /> })}
            <button type="submit" class="button">{move || i18n.t("register.search")}</button>
        </form>
        <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(dir) => {
                        let total = dir.page.total;
                        let (page, per_page) = (dir.page.page, dir.page.per_page);
                        let more = page * per_page < total;
                        let search = q();
                        let shown = Shown::parse(&as_of());
                        let date = shown.date;
                        let (day, owner_day) = (shown.query('&'), shown.query('?'));
                        view! {
                            <AsOfPicker shown />
                            <p class="muted" data-testid="owner-total">{move || i18n.t_with("register.owners_found", &[("count", total.to_string())])}</p>
                            <table class="table" data-testid="owners">
                                <thead><tr>
                                    <th scope="col">{move || i18n.t("register.field.owner")}</th>
                                    <th scope="col">{move || i18n.t("register.field.email")}</th>
                                    <th scope="col">{move || i18n.t("register.field.city")}</th>
                                    <th scope="col">{move || i18n.t("register.lots")}</th>
                                </tr></thead>
                                <tbody>
                                    {dir.page.items.into_iter().map(|o| {
                                        let lots = o.lots.iter().map(|l| format!("{} {}", l.building_name, l.number)).collect::<Vec<_>>().join(", ");
                                        let by_email = o.consents.iter().any(|c| c.in_force_on(date));
                                        let unknown = o.lots.iter().any(|l| l.held != l.known_to_syndic);
                                        let through = agent::mail_recipient(&o.agents, date).map(|a| a.agent_name.clone());
                                        view! {
                                            <tr>
                                                <td>
                                                    <a href=format!("/owners/{}{}", o.id, owner_day)>{o.name}</a>
                                                    {through.map(|name| view! { <br /><span class="muted">{move || i18n.t_with("register.agent.mail_through", &[("name", name.clone())])}</span> })}
                                                </td>
                                                <td>
                                                    {o.email.unwrap_or_default()}
                                                    {by_email.then(|| view! { " " <span class="badge badge-ok">{move || i18n.t("register.consent.by_email")}</span> })}
                                                </td>
                                                <td>{o.city}</td>
                                                <td>
                                                    {lots}
                                                    {unknown.then(|| view! { " " <span class="badge badge-warn">{move || i18n.t("register.owned.not_notified")}</span> })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label=move || i18n.t("register.pages")>
                                {(page > 1).then(|| view! { <a href=format!("/owners?q={}&page={}{day}", urlencoding(&search), page - 1)>{move || i18n.t("register.previous")}</a> })}
                                {more.then(|| view! { <a href=format!("/owners?q={}&page={}{day}", urlencoding(&search), page + 1)>{move || i18n.t("register.next")}</a> })}
                            </nav>
                            {dir.can_manage.then(|| view! {
                                <section class="panel" aria-labelledby="new-owner-title">
                                    <h2 id="new-owner-title">{move || i18n.t("register.add_owner")}</h2>
                                    <Show when=created>
                                        <p class="alert alert-success" role="status">{move || i18n.t("register.owner_added")}</p>
                                    </Show>
                                    <FormError error />
                                    <ActionForm action=create attr:class="form form-grid" attr:novalidate=true>
                                        <OwnerFields o=OwnerInput { country: "BE".into(), locale: i18n.locale.get_untracked().as_str().into(), ..Default::default() } error />
                                        <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.add_owner")}</button></div>
                                    </ActionForm>
                                </section>
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
pub fn OwnerPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let as_of = move || as_of_param(query);
    let update = ServerAction::<UpdateOwner>::new();
    let give = ServerAction::<GiveConsent>::new();
    let withdraw = ServerAction::<WithdrawConsent>::new();
    let appoint = ServerAction::<AppointAgent>::new();
    let end = ServerAction::<EndAgent>::new();
    let update_done = successes(update);
    let give_done = successes(give);
    let withdraw_done = successes(withdraw);
    let appoint_done = successes(appoint);
    let end_done = successes(end);
    let data = Resource::new(
        move || {
            (
                (id(), as_of()),
                update_done.get(),
                give_done.get(),
                withdraw_done.get(),
                (appoint_done.get(), end_done.get()),
            )
        },
        |((id, as_of), ..)| get_owner(id, as_of),
    );
    view! {
        <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(page) => {
                        let owner = page.owner;
                        let title = owner.name.clone();
                        let kind = format!("owner_kind.{}", owner.kind.as_str());
                        let shown = Shown::parse(&as_of());
                        let date = shown.date;
                        // The forms record from today's state: not offered on a past view.
                        let can_manage = page.can_manage && !shown.past;
                        view! {
                            <Title text=title.clone() />
                            <p><a href="/owners">{move || i18n.t("nav.owners")}</a></p>
                            <h1>{title}</h1>
                            <p class="muted">{move || i18n.t(&kind)}</p>
                            <AsOfPicker shown />
                            <div class="grid-2">
                                <OwnerLots owner=owner.clone() shown />
                                <Consents owner=owner.clone() can_manage give withdraw date />
                            </div>
                            <Agents owner=owner.clone() choices=page.choices can_manage appoint end date />
                            {can_manage.then(|| view! { <EditOwner owner=owner.clone() update /> })}
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// What a listed lot is to the owner on the date, when the deeds and the syndic disagree: a
/// sale counts for the association from its notification (art. 3.94).
pub(super) fn standing_key(lot: &OwnedLot) -> Option<&'static str> {
    match (lot.held, lot.known_to_syndic) {
        (true, false) => Some("register.owned.acquired_not_notified"),
        (false, true) => Some("register.owned.sold_not_notified"),
        _ => None,
    }
}

#[component]
fn OwnerLots(owner: Owner, shown: Shown) -> AnyView {
    let i18n = use_i18n();
    let (date, day) = (shown.date, shown.query('?'));
    let mail_to = agent::mail_recipient(&owner.agents, date).map(|a| {
        (
            a.agent_name.clone(),
            format!("agent.capacity.{}", a.capacity.as_str()),
        )
    });
    view! {
        <section class="panel" aria-labelledby="owner-lots-title">
            <h2 id="owner-lots-title">{move || i18n.t("register.lots")}</h2>
            {if owner.lots.is_empty() {
                view! { <p class="muted">{move || i18n.t("register.owner_holds_nothing")}</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="owner-lots">
                        {owner.lots.into_iter().map(|l| {
                            let right = l.right.label_key();
                            let standing = standing_key(&l);
                            view! {
                                <li>
                                    <a href=format!("/lots/{}{}", l.lot_id, day)>{format!("{} · {}", l.building_name, l.number)}</a>
                                    " — " {move || i18n.t(&right)} " " {l.share.clone()}
                                    {standing.map(|key| view! { " " <span class="badge badge-warn" data-testid="standing">{move || i18n.t(key)}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <dl class="facts">
                <dt>{move || i18n.t("register.field.street")}</dt>
                <dd>{format!("{}, {} {} ({})", owner.street, owner.postal_code, owner.city, owner.country)}</dd>
                <dt>{move || i18n.t("register.field.email")}</dt>
                <dd>{owner.email.unwrap_or_else(|| "—".into())}</dd>
                <dt>{move || i18n.t("register.field.phone")}</dt>
                <dd>{owner.phone.unwrap_or_else(|| "—".into())}</dd>
                <dt>{move || i18n.t("register.agent.mail_goes_to")}</dt>
                <dd data-testid="mail-to">
                    {match mail_to {
                        Some((name, capacity)) => view! { {name} " (" {move || i18n.t(&capacity)} ")" }.into_any(),
                        None => view! { {move || i18n.t("register.agent.mail_to_owner")} }.into_any(),
                    }}
                </dd>
            </dl>
        </section>
    }
    .into_any()
}

/// The consents per association, which ones let the association write by e-mail today, and
/// (for the syndic) the forms to record a consent or its withdrawal.
#[component]
fn Consents(
    owner: Owner,
    can_manage: bool,
    give: ServerAction<GiveConsent>,
    withdraw: ServerAction<WithdrawConsent>,
    /// The date the page shows: which consents were in force then.
    date: chrono::NaiveDate,
) -> AnyView {
    let i18n = use_i18n();
    let give_error = action_error(give);
    let withdraw_error = action_error(withdraw);
    let today = calendar::today();
    // The associations of the lots held today, each once: where a consent can be recorded.
    let mut buildings: Vec<(uuid::Uuid, String)> = owner
        .lots
        .iter()
        .map(|l| (l.building_id, l.building_name.clone()))
        .collect();
    buildings.sort();
    buildings.dedup();
    let by_letter: Vec<String> = buildings
        .iter()
        .filter(|(b, _)| {
            !owner
                .consents
                .iter()
                .any(|c| c.building_id == *b && c.in_force_on(date))
        })
        .map(|(_, name)| name.clone())
        .collect();
    let owner_id = owner.id.to_string();
    let has_email = owner.email.is_some();
    view! {
        <section class="panel" aria-labelledby="consents-title">
            <h2 id="consents-title">{move || i18n.t("register.consent.title")}</h2>
            <p class="hint">{move || i18n.t("register.consent.explained")}</p>
            {(!by_letter.is_empty()).then(|| {
                let names = by_letter.join(", ");
                view! {
                    <p class="alert alert-warning" data-testid="by-letter">
                        {move || i18n.t_with("register.consent.by_letter", &[("buildings", names.clone())])}
                    </p>
                }
            })}
            {(!owner.consents.is_empty()).then(|| view! {
                <table class="table" data-testid="consents">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("register.consent.association")}</th>
                        <th scope="col">{move || i18n.t("register.field.email")}</th>
                        <th scope="col">{move || i18n.t("register.consent.given_on")}</th>
                        <th scope="col">{move || i18n.t("register.consent.status")}</th>
                    </tr></thead>
                    <tbody>
                        {owner.consents.iter().cloned().map(|c| view! {
                            <ConsentRow consent=c owner_id=owner_id.clone() can_manage withdraw error=withdraw_error date_today=today date />
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(can_manage && has_email && !buildings.is_empty()).then(|| view! {
                <h3 id="consent-form-title">{move || i18n.t("register.consent.record")}</h3>
                <FormError error=give_error />
                <ActionForm action=give attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="consent-form-title">
                    <input type="hidden" name="owner_id" value=owner_id.clone() />
                    <div class="field">
                        <label for="consent-building_id">{move || i18n.t("register.consent.association")}</label>
                        <select id="consent-building_id" name="input[building_id]">
                            <RecordOptions choices=buildings.clone() />
                        </select>
                        <FieldError error=give_error field="building_id" />
                    </div>
                    <Field form="consent" name="given_on" label="register.consent.given_on" error=give_error kind="date" required=true />
                    <Field form="consent" name="evidence" label="register.consent.evidence" error=give_error required=true hint="register.hint.consent_evidence" />
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.consent.record")}</button></div>
                </ActionForm>
            })}
            {(can_manage && !has_email).then(|| view! { <p class="muted">{move || i18n.t("register.consent.no_email")}</p> })}
        </section>
    }
    .into_any()
}

#[component]
fn ConsentRow(
    consent: Consent,
    owner_id: String,
    can_manage: bool,
    withdraw: ServerAction<WithdrawConsent>,
    error: Signal<Option<AppError>>,
    date_today: chrono::NaiveDate,
    /// The date the page shows.
    date: chrono::NaiveDate,
) -> AnyView {
    let i18n = use_i18n();
    let in_force = consent.in_force_on(date);
    // Not in force on the date shown: not given yet, or ended by then.
    let status = if in_force {
        "register.consent.in_force"
    } else if consent.given_on > date {
        "register.consent.not_yet"
    } else if consent.end_reason == Some(ConsentEnd::AddressChanged) {
        "register.consent.ended_address"
    } else {
        "register.consent.ended_withdrawn"
    };
    let date = move |d: chrono::NaiveDate| move || format::date_short(d, i18n.locale.get());
    let form_id = format!("withdraw-{}", consent.id);
    view! {
        <tr class:ended=!in_force data-testid="consent">
            <td>{consent.building_name.clone()}</td>
            <td>{consent.address.clone()}</td>
            <td>{date(consent.given_on)} <br /><span class="muted">{consent.evidence.clone()}</span></td>
            <td>
                {move || i18n.t(status)}
                {consent.ended_on.map(|d| view! { " " {date(d)} })}
                {(can_manage && consent.ended_on.is_none()).then(|| view! {
                    <ActionForm action=withdraw attr:class="form form-inline" attr:novalidate=true>
                        <input type="hidden" name="owner_id" value=owner_id.clone() />
                        <input type="hidden" name="consent_id" value=consent.id.to_string() />
                        <input type="hidden" name="input[version]" value=consent.version.to_string() />
                        <label for=form_id.clone() class="visually-hidden">{move || i18n.t("register.consent.withdrawn_on")}</label>
                        <input id=form_id.clone() type="date" name="input[withdrawn_on]" required=true value=date_today.to_string() />
                        <button type="submit" class="button">{move || i18n.t("register.consent.withdraw")}</button>
                        <FieldError error field="withdrawn_on" />
                    </ActionForm>
                })}
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn EditOwner(owner: Owner, update: ServerAction<UpdateOwner>) -> AnyView {
    let i18n = use_i18n();
    let error = action_error(update);
    let saved = move || matches!(update.value().get(), Some(Ok(_)));
    let (id, version) = (owner.id.to_string(), owner.version.to_string());
    view! {
        <section class="panel" aria-labelledby="edit-owner-title">
            <h2 id="edit-owner-title">{move || i18n.t("register.edit_owner")}</h2>
            <Show when=saved>
                <p class="alert alert-success" role="status">{move || i18n.t("register.saved")}</p>
            </Show>
            <FormError error />
            <ActionForm action=update attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="edit-owner-title">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <OwnerFields o=OwnerInput::from(&owner) error />
                <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.save")}</button></div>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// Who acts for the owner: the agents in force on the date and the history, the form to
/// record one, and a form per open agency to record its end.
#[component]
fn Agents(
    owner: Owner,
    choices: Vec<(uuid::Uuid, String)>,
    can_manage: bool,
    appoint: ServerAction<AppointAgent>,
    end: ServerAction<EndAgent>,
    date: chrono::NaiveDate,
) -> AnyView {
    let i18n = use_i18n();
    let appoint_error = action_error(appoint);
    let end_error = action_error(end);
    let owner_id = owner.id.to_string();
    // The capacities that fit this owner, in the form's select.
    let capacities: Vec<Capacity> = Capacity::ALL
        .into_iter()
        .filter(|c| c.fits(owner.kind))
        .collect();
    let explained = match owner.kind {
        OwnerKind::Legal => "register.agent.explained_legal",
        OwnerKind::Natural => "register.agent.explained_natural",
    };
    let choices: Vec<(uuid::Uuid, String)> = choices
        .into_iter()
        .filter(|(id, _)| *id != owner.id)
        .collect();
    view! {
        <section class="panel" aria-labelledby="agents-title">
            <h2 id="agents-title">{move || i18n.t("register.agent.title")}</h2>
            <p class="hint">{move || i18n.t(explained)}</p>
            {if owner.agents.is_empty() {
                view! { <p class="muted" data-testid="no-agents">{move || i18n.t("register.agent.none")}</p> }.into_any()
            } else {
                view! {
                        <table class="table" data-testid="agents">
                            <thead><tr>
                                <th scope="col">{move || i18n.t("register.agent.agent")}</th>
                                <th scope="col">{move || i18n.t("register.agent.capacity")}</th>
                                <th scope="col">{move || i18n.t("register.agent.period")}</th>
                                <th scope="col">{move || i18n.t("register.agent.document")}</th>
                            </tr></thead>
                            <tbody>
                                {owner.agents.iter().cloned().map(|a| view! {
                                    <AgentRow agent=a owner_id=owner_id.clone() can_manage end error=end_error date />
                                }).collect_view()}
                            </tbody>
                        </table>
                }.into_any()
            }}
            {(can_manage && !choices.is_empty()).then(|| view! {
                <h3 id="agent-form-title">{move || i18n.t("register.agent.record")}</h3>
                <FormError error=appoint_error />
                <ActionForm action=appoint attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="agent-form-title">
                    <input type="hidden" name="owner_id" value=owner_id.clone() />
                    <div class="field">
                        <label for="agent-agent_id">{move || i18n.t("register.agent.agent")}</label>
                        <select id="agent-agent_id" name="input[agent_id]">
                            <RecordOptions choices=choices.clone() />
                        </select>
                        <FieldError error=appoint_error field="agent_id" />
                    </div>
                    <div class="field">
                        <label for="agent-capacity">{move || i18n.t("register.agent.capacity")}</label>
                        <select id="agent-capacity" name="input[capacity]">
                            {capacities.iter().map(|c| {
                                let key = format!("agent.capacity.{}", c.as_str());
                                view! { <option value=c.as_str()>{move || i18n.t(&key)}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError error=appoint_error field="capacity" />
                    </div>
                    <Field form="agent" name="valid_from" label="register.agent.valid_from" error=appoint_error kind="date" required=true />
                    <Field form="agent" name="valid_to" label="register.agent.valid_to" error=appoint_error kind="date" hint="register.hint.agent_valid_to" />
                    <Field form="agent" name="document" label="register.agent.document" error=appoint_error required=true hint="register.hint.agent_document" />
                    <div class="field check">
                        <input id="agent-receives_mail" type="checkbox" name="input[receives_mail]" value="true" />
                        <label for="agent-receives_mail">{move || i18n.t("register.agent.receives_mail")}</label>
                        <FieldError error=appoint_error field="receives_mail" />
                    </div>
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.agent.record")}</button></div>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn AgentRow(
    agent: Agent,
    owner_id: String,
    can_manage: bool,
    end: ServerAction<EndAgent>,
    error: Signal<Option<AppError>>,
    date: chrono::NaiveDate,
) -> AnyView {
    let i18n = use_i18n();
    let in_force = agent.in_force_on(date);
    let short = move |d: chrono::NaiveDate| move || format::date_short(d, i18n.locale.get());
    let capacity = format!("agent.capacity.{}", agent.capacity.as_str());
    let form_id = format!("end-agent-{}", agent.id);
    // An agency still open, or with a known term not reached, can be ended (earlier).
    let can_end = can_manage && agent.valid_to.is_none_or(|to| to > calendar::today());
    view! {
        <tr class:ended=!in_force data-testid="agent">
            <td>
                {agent.agent_name.clone()}
                {agent.receives_mail.then(|| view! { " " <span class="badge badge-ok">{move || i18n.t("register.agent.gets_mail")}</span> })}
            </td>
            <td>{move || i18n.t(&capacity)}</td>
            <td>
                {short(agent.valid_from)} " – "
                {match agent.valid_to {
                    Some(to) => view! { {short(to)} }.into_any(),
                    None => view! { {move || i18n.t("register.agent.open")} }.into_any(),
                }}
                {can_end.then(|| view! {
                    <ActionForm action=end attr:class="form form-inline" attr:novalidate=true>
                        <input type="hidden" name="owner_id" value=owner_id.clone() />
                        <input type="hidden" name="agent_id" value=agent.id.to_string() />
                        <input type="hidden" name="input[version]" value=agent.version.to_string() />
                        <label for=form_id.clone() class="visually-hidden">{move || i18n.t("register.agent.ended_on")}</label>
                        <input id=form_id.clone() type="date" name="input[ended_on]" required=true value=calendar::today().to_string() />
                        <button type="submit" class="button">{move || i18n.t("register.agent.end")}</button>
                        <FieldError error field="ended_on" />
                    </ActionForm>
                })}
            </td>
            <td>{agent.document.clone()}</td>
        </tr>
    }
    .into_any()
}
