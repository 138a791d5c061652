//! A lot's transfers as the association sees them (art. 3.94): deed, enjoyment and
//! notification dates, the holders as known to the syndic until the notification, voiding a
//! transfer recorded by mistake, and the notary's requests with their legal deadlines.

use crate::api::{AnswerNotaryRequest, NotifyTransfer, RecordNotaryRequest, VoidTransfer};
use crate::domain::calendar;
use crate::domain::format;
use crate::domain::register::sale::{AnswerState, NotaryRequestKind};
use crate::domain::register::{Holder, NotaryRequest, TransferRecord};
use crate::ui::components::{FieldError, FormError, action_error};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// Who the association knows when a transfer was not notified yet.
#[component]
pub fn KnownHolders(known: Option<Vec<Holder>>) -> impl IntoView {
    let i18n = use_i18n();
    known.map(|holders| {
        let names = holders
            .iter()
            .map(|h| format!("{} ({})", h.name, h.share))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="alert alert-warning" role="status" data-testid="known-holders">
                {move || i18n.t_with("register.known_holders", &[("names", names.clone())])}
            </p>
        }
    })
}

#[component]
pub fn Transfers(
    lot_id: String,
    transfers: Vec<TransferRecord>,
    can_manage: bool,
    notify: ServerAction<NotifyTransfer>,
    void: ServerAction<VoidTransfer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let notify_error = action_error(notify);
    let void_error = action_error(void);
    let today = calendar::today().to_string();
    // Only the latest transfer in force can be voided (a later one would rest on it).
    let latest = transfers
        .iter()
        .find(|t| t.voided_on.is_none())
        .map(|t| t.id);
    let date = move |d: chrono::NaiveDate| move || format::date_short(d, i18n.locale.get());
    view! {
        <FormError error=notify_error />
        <FormError error=void_error />
        <ul class="list transfers" data-testid="transfers">
            {transfers.into_iter().map(|t| {
                let key = format!("transfer_kind.{}", t.kind.as_str());
                let voided = t.voided_on.is_some();
                let lot_id = lot_id.clone();
                let today = today.clone();
                let notify_form = (can_manage && !voided && t.notified_on.is_none()).then(|| {
                    let (lot_id, id) = (lot_id.clone(), t.id.to_string());
                    let input_id = format!("notified-{}", t.id);
                    view! {
                        <ActionForm action=notify attr:class="inline">
                            <input type="hidden" name="lot_id" value=lot_id />
                            <input type="hidden" name="transfer_id" value=id />
                            <input type="hidden" name="input[version]" value=t.version.to_string() />
                            <label for=input_id.clone()>{move || i18n.t("register.field.notified_on")}</label>
                            <input id=input_id type="date" name="input[notified_on]" required=true max=today.clone() />
                            <button type="submit" class="button">{move || i18n.t("register.record_notification")}</button>
                            <FieldError error=notify_error field="notified_on" />
                        </ActionForm>
                    }
                });
                let void_form = (can_manage && latest == Some(t.id)).then(|| {
                    let (lot_id, id) = (lot_id.clone(), t.id.to_string());
                    let input_id = format!("void-{}", t.id);
                    view! {
                        <details>
                            <summary>{move || i18n.t("register.void_transfer")}</summary>
                            <ActionForm action=void attr:class="form">
                                <input type="hidden" name="lot_id" value=lot_id />
                                <input type="hidden" name="transfer_id" value=id />
                                <input type="hidden" name="input[version]" value=t.version.to_string() />
                                <label for=input_id.clone()>{move || i18n.t("register.field.void_reason")}</label>
                                <input id=input_id name="input[reason]" required=true maxlength="500" />
                                <FieldError error=void_error field="reason" />
                                <button type="submit" class="button">{move || i18n.t("register.void")}</button>
                            </ActionForm>
                        </details>
                    }
                });
                view! {
                    <li class:voided=voided data-transfer=t.id.to_string()>
                        <strong>{move || i18n.t(&key)}</strong> " · " {date(t.deed_date)}
                        {t.notary.clone().map(|n| format!(" · {n}"))}
                        <br />
                        <span class="muted">{move || i18n.t("register.field.enjoyment_date")} ": " {date(t.enjoyment_date)}</span>
                        " · "
                        {match t.notified_on {
                            Some(n) => view! { <span class="muted">{move || i18n.t("register.field.notified_on")} ": " {date(n)}</span> }.into_any(),
                            None => view! { <span class="badge badge-warn" data-testid="not-notified">{move || i18n.t("register.not_notified")}</span> }.into_any(),
                        }}
                        {t.seller_address.clone().map(|a| view! { <br /><span class="muted">{move || i18n.t("register.field.seller_address")} ": " {a.clone()}</span> })}
                        {(!t.deed_lots.is_empty()).then(|| {
                            let links = t.deed_lots.iter().map(|l| view! { " " <a href=format!("/lots/{}", l.id)>{l.number.clone()}</a> }).collect_view();
                            view! { <br /><span class="muted" data-testid="deed-lots">{move || i18n.t("register.deed_with")} {links}</span> }
                        })}
                        {t.void_reason.clone().map(|r| view! { <br /><span class="badge">{move || i18n.t("register.voided")}</span> " " {r} })}
                        {notify_form}
                        {void_form}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn state_view(state: AnswerState, i18n: crate::ui::i18n::I18n) -> impl IntoView {
    let (class, text) = match state {
        AnswerState::Answered { late: false } => ("badge badge-ok", i18n.t("register.answered")),
        AnswerState::Answered { late: true } => {
            ("badge badge-warn", i18n.t("register.answered_late"))
        }
        AnswerState::Open { days_left } => (
            "badge",
            i18n.t_with("register.days_left", &[("count", days_left.to_string())]),
        ),
        AnswerState::Overdue { days_late } => (
            "badge badge-warn",
            i18n.t_with("register.days_late", &[("count", days_late.to_string())]),
        ),
    };
    view! { <span class=class data-state=format!("{state:?}")>{text}</span> }
}

#[component]
pub fn NotaryRequests(
    lot_id: String,
    requests: Vec<NotaryRequest>,
    can_manage: bool,
    record: ServerAction<RecordNotaryRequest>,
    answer: ServerAction<AnswerNotaryRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let record_error = action_error(record);
    let answer_error = action_error(answer);
    let today = calendar::today().to_string();
    let date = move |d: chrono::NaiveDate| move || format::date_short(d, i18n.locale.get());
    let lot_for_form = lot_id.clone();
    view! {
        <section class="panel" aria-labelledby="notary-title">
            <h2 id="notary-title">{move || i18n.t("register.notary_requests")}</h2>
            <p class="hint">{move || i18n.t("register.notary_requests_explained")}</p>
            <FormError error=answer_error />
            <table class="table" data-testid="notary-requests">
                <thead><tr>
                    <th scope="col">{move || i18n.t("register.field.request_kind")}</th>
                    <th scope="col">{move || i18n.t("register.field.notary")}</th>
                    <th scope="col">{move || i18n.t("register.field.request_received_on")}</th>
                    <th scope="col">{move || i18n.t("register.field.due_on")}</th>
                    <th scope="col">{move || i18n.t("register.field.answered_on")}</th>
                </tr></thead>
                <tbody>
                    {requests.into_iter().map(|q| {
                        let key = format!("notary_request.{}", q.kind.as_str());
                        let (lot_id, today) = (lot_id.clone(), today.clone());
                        let answer_form = (can_manage && q.answered_on.is_none()).then(move || {
                            let input_id = format!("answered-{}", q.id);
                            view! {
                                <ActionForm action=answer attr:class="inline">
                                    <input type="hidden" name="lot_id" value=lot_id />
                                    <input type="hidden" name="request_id" value=q.id.to_string() />
                                    <input type="hidden" name="input[version]" value=q.version.to_string() />
                                    <label class="visually-hidden" for=input_id.clone()>{move || i18n.t("register.field.answered_on")}</label>
                                    <input id=input_id type="date" name="input[answered_on]" required=true max=today />
                                    <button type="submit" class="button">{move || i18n.t("register.record_answer")}</button>
                                </ActionForm>
                            }
                        });
                        view! {
                            <tr>
                                <td>{move || i18n.t(&key)}</td>
                                <td>{q.notary.clone()} {q.reference.clone().map(|r| view! { <br /><span class="muted">{r}</span> })}</td>
                                <td>{date(q.received_on)}</td>
                                <td>{date(q.due_on)} " " {state_view(q.state, i18n)}</td>
                                <td>{q.answered_on.map(date)} {answer_form}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {can_manage.then(|| view! {
                <h3 id="new-request-title">{move || i18n.t("register.record_notary_request")}</h3>
                <FormError error=record_error />
                <ActionForm action=record attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="new-request-title">
                    <input type="hidden" name="lot_id" value=lot_for_form />
                    <div class="field">
                        <label for="notary-kind">{move || i18n.t("register.field.request_kind")}</label>
                        <select id="notary-kind" name="input[kind]">
                            {NotaryRequestKind::ALL.into_iter().map(|k| {
                                let key = format!("notary_request.{}", k.as_str());
                                view! { <option value=k.as_str()>{move || i18n.t(&key)}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError error=record_error field="kind" />
                    </div>
                    <super::Field form="notary" name="received_on" label="register.field.request_received_on" error=record_error kind="date" required=true />
                    <super::Field form="notary" name="notary" label="register.field.notary" error=record_error required=true />
                    <super::Field form="notary" name="reference" label="register.field.reference" error=record_error />
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_notary_request")}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
