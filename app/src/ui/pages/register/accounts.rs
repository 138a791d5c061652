//! A building's bank accounts: which funds lack an open account, the accounts with their
//! holder, BIC and dates (closed ones kept, shown as closed), a closing form per open account
//! and the form to add one.

use super::Field;
use crate::api::{AddBankAccount, CloseBankAccount};
use crate::domain::calendar;
use crate::domain::format;
use crate::domain::register::BankAccount;
use crate::domain::register::bank::{AccountPurpose, missing_purposes};
use crate::ui::components::{FieldError, FormError, action_error};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn AccountsTab(
    building_id: String,
    accounts: Vec<BankAccount>,
    can_manage: bool,
    add: ServerAction<AddBankAccount>,
    close: ServerAction<CloseBankAccount>,
) -> impl IntoView {
    let i18n = use_i18n();
    let today = calendar::today();
    let missing = missing_purposes(
        accounts
            .iter()
            .filter(|a| a.is_open_on(today))
            .map(|a| a.purpose),
    );
    let add_error = action_error(add);
    let close_error = action_error(close);
    let date = |d: Option<chrono::NaiveDate>| {
        move || {
            d.map(|d| format::date_short(d, i18n.locale.get()))
                .unwrap_or_default()
        }
    };
    view! {
        <section class="panel">
            {(!missing.is_empty()).then(|| {
                let funds = missing.clone();
                view! {
                    <p class="alert alert-warning" role="status" data-testid="missing-accounts">
                        {move || {
                            let names = funds
                                .iter()
                                .map(|p| i18n.t(&format!("register.purpose.{}", p.as_str())))
                                .collect::<Vec<_>>()
                                .join(", ");
                            i18n.t_with("register.accounts_missing", &[("funds", names)])
                        }}
                    </p>
                }
            })}
            <FormError error=close_error />
            <table class="table" data-testid="accounts">
                <thead><tr>
                    <th scope="col">{move || i18n.t("register.field.iban")}</th>
                    <th scope="col">{move || i18n.t("register.field.purpose")}</th>
                    <th scope="col">{move || i18n.t("register.field.holder_name")}</th>
                    <th scope="col">{move || i18n.t("register.field.opened_on")}</th>
                    <th scope="col">{move || i18n.t("register.field.closed_on")}</th>
                </tr></thead>
                <tbody>
                    {accounts.into_iter().map(|a| {
                        let building_id = building_id.clone();
                        let purpose = format!("register.purpose.{}", a.purpose.as_str());
                        let open = a.is_open_on(today);
                        let closing = (can_manage && a.closed_on.is_none()).then(move || {
                            let form_id = format!("close-{}", a.id);
                            view! {
                                <ActionForm action=close attr:class="inline">
                                    <input type="hidden" name="building_id" value=building_id.clone() />
                                    <input type="hidden" name="account_id" value=a.id.to_string() />
                                    <input type="hidden" name="input[version]" value=a.version.to_string() />
                                    <label class="visually-hidden" for=form_id.clone()>{move || i18n.t("register.field.closed_on")}</label>
                                    <input id=form_id type="date" name="input[closed_on]" required=true max=today.to_string() />
                                    <button type="submit" class="button">{move || i18n.t("register.close_account")}</button>
                                </ActionForm>
                            }
                        });
                        view! {
                            <tr class:muted=!open data-open=open.to_string()>
                                <td><strong class="iban">{a.iban}</strong>
                                    {a.bic.map(|bic| view! { <br /><span class="muted">{bic}</span> })}
                                    {a.label.map(|l| view! { <br /><span class="muted">{l}</span> })}</td>
                                <td>{move || i18n.t(&purpose)}</td>
                                <td>{a.holder_name}</td>
                                <td>{date(a.opened_on)}</td>
                                <td>{date(a.closed_on)} {closing}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {can_manage.then(|| view! {
                <h2>{move || i18n.t("register.add_account")}</h2>
                <FormError error=add_error />
                <ActionForm action=add attr:class="form form-grid" attr:novalidate=true>
                    <input type="hidden" name="building_id" value=building_id.clone() />
                    <Field form="account" name="iban" label="register.field.iban" error=add_error required=true />
                    <div class="field">
                        <label for="account-purpose">{move || i18n.t("register.field.purpose")}</label>
                        // No fund is preselected: which one an account holds is the syndic's
                        // statement.
                        <select id="account-purpose" name="input[purpose]" required=true>
                            <option value="">{move || i18n.t("register.choose")}</option>
                            {AccountPurpose::ALL.into_iter().map(|p| {
                                let key = format!("register.purpose.{}", p.as_str());
                                view! { <option value=p.as_str()>{move || i18n.t(&key)}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError error=add_error field="purpose" />
                    </div>
                    <Field form="account" name="holder_name" label="register.field.holder_name" error=add_error required=true hint="register.hint.holder_name" />
                    <Field form="account" name="bic" label="register.field.bic" error=add_error />
                    <Field form="account" name="opened_on" label="register.field.opened_on" error=add_error kind="date" />
                    <Field form="account" name="label" label="register.field.label" error=add_error />
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.add_account")}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
