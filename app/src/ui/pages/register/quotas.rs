//! Quotes-parts over time: the periods of a lot's quote-part or of a building's total with
//! their basis, the balance on the day viewed, and the form of a dated change by deed,
//! decision or judgment (never an overwrite).

use crate::api::ChangeTotal;
use crate::domain::register::quota::{QuotaBasis, QuotaOverview, QuotaPeriod};
use crate::domain::{AppError, calendar, format};
use crate::ui::components::{FieldError, FormError, action_error};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// The periods of one series, newest first.
#[component]
pub fn QuotaPeriods(periods: Vec<QuotaPeriod>, #[prop(into)] testid: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table" data-testid=testid>
            <thead><tr>
                <th scope="col">{move || i18n.t("register.field.quota")}</th>
                <th scope="col">{move || i18n.t("register.from")}</th>
                <th scope="col">{move || i18n.t("register.to")}</th>
                <th scope="col">{move || i18n.t("register.field.basis")}</th>
                <th scope="col">{move || i18n.t("register.field.reference")}</th>
            </tr></thead>
            <tbody>
                {periods.into_iter().map(|p| {
                    let basis = format!("quota_basis.{}", p.basis.as_str());
                    let (from, to, on) = (p.valid_from, p.valid_to, p.basis_date);
                    view! {
                        <tr class:ended=to.is_some()>
                            <td>{move || format::integer(p.quota as i64, i18n.locale.get())}</td>
                            <td>{move || from.map(|d| format::date_short(d, i18n.locale.get())).unwrap_or_else(|| i18n.t("register.since_basic_deed"))}</td>
                            <td>{move || to.map(|d| format::date_short(d, i18n.locale.get())).unwrap_or_default()}</td>
                            <td>{move || i18n.t(&basis)} {move || on.map(|d| format!(" · {}", format::date_short(d, i18n.locale.get())))}</td>
                            <td>{p.reference.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The basis of a dated change (`input[basis][…]`): what it rests on, its reference, its
/// date.
#[component]
pub fn BasisFields(form: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let today = calendar::today().to_string();
    let id = move |name: &str| format!("{form}-basis-{name}");
    view! {
        <div class="field">
            <label for=id("kind")>{move || i18n.t("register.field.basis")}</label>
            <select id=id("kind") name="input[basis][kind]" required=true>
                <option value="">{move || i18n.t("register.choose")}</option>
                {QuotaBasis::ALL.into_iter().map(|b| {
                    let key = format!("quota_basis.{}", b.as_str());
                    view! { <option value=b.as_str()>{move || i18n.t(&key)}</option> }
                }).collect_view()}
            </select>
            <FieldError error field="basis.kind" />
        </div>
        <div class="field">
            <label for=id("reference")>{move || i18n.t("register.field.reference")}</label>
            <input id=id("reference") name="input[basis][reference]" required=true />
            <p class="hint">{move || i18n.t("register.hint.basis_reference")}</p>
            <FieldError error field="basis.reference" />
        </div>
        <div class="field">
            <label for=id("date")>{move || i18n.t("register.field.basis_date")}</label>
            <input id=id("date") name="input[basis][date]" type="date" required=true max=today />
            <FieldError error field="basis.date" />
        </div>
    }
}

/// The figure and date of a dated change, then its basis.
#[component]
pub fn QuotaChangeFields(form: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <super::Field form name="quota" label="register.field.new_quota" error required=true />
        <super::Field form name="valid_from" label="register.field.in_force_from" error kind="date" required=true />
        <BasisFields form error />
    }
}

/// The building's `quotas` tab: balance on the day viewed, the total over time, and the
/// change of the total.
#[component]
pub fn QuotasTab(
    building_id: String,
    overview: QuotaOverview,
    can_manage: bool,
    change: ServerAction<ChangeTotal>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(change);
    let QuotaOverview {
        as_of,
        total,
        assigned,
        balance,
        quorum_base,
        totals,
    } = overview;
    let locale = move || i18n.locale.get();
    view! {
        <section class="panel" aria-labelledby="quotas-title">
            <h2 id="quotas-title">{move || i18n.t_with("register.quotas_on", &[("date", format::date_short(as_of, locale()))])}</h2>
            <dl class="facts" data-testid="quota-overview">
                <dt>{move || i18n.t("register.field.total_quota")}</dt>
                <dd data-testid="total-on-date">{move || format::integer(total as i64, locale())}</dd>
                <dt>{move || i18n.t("register.assigned")}</dt>
                <dd>{move || format::integer(assigned as i64, locale())}</dd>
                <dt>{move || i18n.t("register.balance")}</dt>
                <dd class=if balance.is_balanced() { "ok" } else { "warn" }>{move || super::balance_text(balance, locale(), i18n)}</dd>
                <dt>{move || i18n.t("register.quorum_base")}</dt>
                <dd>{move || format::integer(quorum_base as i64, locale())}</dd>
            </dl>
            <p class="hint">{move || i18n.t("register.quorum_base_explained")}</p>
            <h3>{move || i18n.t("register.total_history")}</h3>
            <QuotaPeriods periods=totals testid="total-history" />
            {can_manage.then(|| view! {
                <h3 id="change-total-title">{move || i18n.t("register.change_total")}</h3>
                <p class="hint">{move || i18n.t("register.quota_change_explained")}</p>
                <FormError error />
                <ActionForm action=change attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="change-total-title">
                    <input type="hidden" name="building_id" value=building_id.clone() />
                    <QuotaChangeFields form="total" error />
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_change")}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
