//! The building's `association` tab: what needs the syndic's attention (no syndic, a mandate
//! ending, a council or an auditor missing, the reserve fund due), the mandates of the
//! syndic, council and auditor, and the rules of procedure convening needs.

use crate::api::{AddMandate, SetAssociationRules};
use crate::domain::format;
use crate::domain::register::association::{AssociationFacts, MandateRole};
use crate::ui::components::{FieldError, FormError, RecordOptions, action_error};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn AssociationTab(
    building_id: String,
    facts: AssociationFacts,
    owners: Vec<(Uuid, String)>,
    can_manage: bool,
    add: ServerAction<AddMandate>,
    rules: ServerAction<SetAssociationRules>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add_error = action_error(add);
    let rules_error = action_error(rules);
    let date = move |d: chrono::NaiveDate| move || format::date_short(d, i18n.locale.get());
    let regime = format!("accounts_regime.{}", facts.accounts_regime.as_str());
    let building_for_rules = building_id.clone();
    let AssociationFacts {
        mandates,
        alerts,
        notice_days,
        remote_participation,
        assembly_window_start,
        provisional_acceptance_on,
        reserve_fund_mandatory_from,
        accounts_regime_chosen,
        version,
        ..
    } = facts;
    view! {
        <section class="panel" aria-labelledby="association-title">
            <h2 id="association-title">{move || i18n.t("register.tab.association")}</h2>
            {(!alerts.is_empty()).then(|| view! {
                <ul class="alerts" data-testid="association-alerts">
                    {alerts.iter().map(|a| {
                        let key = format!("association_alert.{}", serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
                        view! { <li class="alert alert-warning">{move || i18n.t(&key)}</li> }
                    }).collect_view()}
                </ul>
            })}
            <dl class="facts">
                <dt>{move || i18n.t("register.accounts_regime")}</dt>
                <dd data-testid="accounts-regime">{move || i18n.t(&regime)}</dd>
                <dt>{move || i18n.t("register.field.notice_days")}</dt>
                <dd>{notice_days}</dd>
                <dt>{move || i18n.t("register.field.assembly_window_start")}</dt>
                <dd>{assembly_window_start.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{move || i18n.t("register.field.remote_participation")}</dt>
                <dd>{move || i18n.t(if remote_participation { "common.yes" } else { "common.no" })}</dd>
                <dt>{move || i18n.t("register.field.provisional_acceptance_on")}</dt>
                <dd>{provisional_acceptance_on.map(date)}</dd>
                <dt>{move || i18n.t("register.reserve_fund_mandatory_from")}</dt>
                <dd>{reserve_fund_mandatory_from.map(date)}</dd>
            </dl>
            <table class="table" data-testid="mandates">
                <thead><tr>
                    <th scope="col">{move || i18n.t("register.field.mandate_role")}</th>
                    <th scope="col">{move || i18n.t("register.field.holder")}</th>
                    <th scope="col">{move || i18n.t("register.from")}</th>
                    <th scope="col">{move || i18n.t("register.to")}</th>
                </tr></thead>
                <tbody>
                    {mandates.into_iter().map(|m| {
                        let key = format!("mandate_role.{}", m.role.as_str());
                        let year = m.fiscal_year.map(|y| format!(" ({y})"));
                        view! {
                            <tr class:ended=!m.in_force(crate::domain::calendar::today())>
                                <td>{move || i18n.t(&key)} {year}</td>
                                <td>{m.holder_name.clone()}</td>
                                <td>{date(m.starts_on)}</td>
                                <td>{date(m.ends_on)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {can_manage.then(|| view! {
                <h3 id="mandate-title">{move || i18n.t("register.add_mandate")}</h3>
                <p class="hint">{move || i18n.t("register.mandates_explained")}</p>
                <FormError error=add_error />
                <ActionForm action=add attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="mandate-title">
                    <input type="hidden" name="building_id" value=building_id.clone() />
                    <div class="field">
                        <label for="mandate-role">{move || i18n.t("register.field.mandate_role")}</label>
                        <select id="mandate-role" name="input[role]">
                            {MandateRole::ALL.into_iter().map(|r| {
                                let key = format!("mandate_role.{}", r.as_str());
                                view! { <option value=r.as_str()>{move || i18n.t(&key)}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError error=add_error field="role" />
                    </div>
                    <super::Field form="mandate" name="holder_name" label="register.field.holder" error=add_error hint="register.hint.mandate_holder" />
                    <div class="field">
                        <label for="mandate-owner_id">{move || i18n.t("register.field.council_owner")}</label>
                        <select id="mandate-owner_id" name="input[owner_id]">
                            <option value="">"—"</option>
                            <RecordOptions choices=owners.clone() />
                        </select>
                        <FieldError error=add_error field="owner_id" />
                    </div>
                    <super::Field form="mandate" name="starts_on" label="register.field.starts_on" error=add_error kind="date" required=true />
                    <super::Field form="mandate" name="ends_on" label="register.field.ends_on" error=add_error kind="date" required=true />
                    <super::Field form="mandate" name="decided_on" label="register.field.decided_on" error=add_error kind="date" />
                    <super::Field form="mandate" name="fiscal_year" label="register.field.fiscal_year" error=add_error hint="register.hint.fiscal_year" />
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.add_mandate")}</button></div>
                </ActionForm>
                <h3 id="rules-title">{move || i18n.t("register.rules")}</h3>
                <FormError error=rules_error />
                <ActionForm action=rules attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="rules-title">
                    <input type="hidden" name="building_id" value=building_for_rules.clone() />
                    <input type="hidden" name="input[version]" value=version.to_string() />
                    <super::Field form="rules" name="assembly_window_start" label="register.field.assembly_window_start" error=rules_error value=assembly_window_start.clone().unwrap_or_default() hint="register.hint.assembly_window_start" />
                    <super::Field form="rules" name="notice_days" label="register.field.notice_days" error=rules_error value=notice_days.to_string() />
                    <div class="field">
                        <label for="rules-accounts_regime">{move || i18n.t("register.accounts_regime")}</label>
                        <select id="rules-accounts_regime" name="input[accounts_regime]">
                            <option value="" selected=accounts_regime_chosen.is_none()>{move || i18n.t("register.by_law")}</option>
                            <option value="full" selected=accounts_regime_chosen.is_some_and(|r| r.as_str() == "full")>{move || i18n.t("accounts_regime.full")}</option>
                            <option value="simplified" selected=accounts_regime_chosen.is_some_and(|r| r.as_str() == "simplified")>{move || i18n.t("accounts_regime.simplified")}</option>
                        </select>
                        <FieldError error=rules_error field="accounts_regime" />
                    </div>
                    <super::Field form="rules" name="provisional_acceptance_on" label="register.field.provisional_acceptance_on" error=rules_error kind="date" value=provisional_acceptance_on.map(|d| d.to_string()).unwrap_or_default() />
                    <div class="field check">
                        <input type="checkbox" id="rules-remote" name="input[remote_participation]" value="true" checked=remote_participation />
                        <label for="rules-remote">{move || i18n.t("register.field.remote_participation")}</label>
                    </div>
                    <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.save")}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
