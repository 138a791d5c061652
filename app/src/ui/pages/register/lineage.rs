//! A lot's life: where it comes from and what it became (divisions and mergers by deed), and
//! the form that records a division.

use super::quotas::BasisFields;
use crate::api::DivideLot;
use crate::domain::format;
use crate::domain::register::{LotKind, LotLineage};
use crate::ui::components::{FieldError, FormError, action_error};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// Rows of successors the division form offers; blank ones are ignored.
const SUCCESSOR_ROWS: usize = 4;

/// "Comes from the division of A1 on …" / "Divided on … into A1a, A1b".
#[component]
pub fn LineageNotes(origin: Option<LotLineage>, end: Option<LotLineage>) -> impl IntoView {
    let i18n = use_i18n();
    let line = move |lineage: LotLineage, side: &'static str| {
        let key = format!("register.lineage.{side}.{}", lineage.kind.as_str());
        let date = lineage.date;
        let reference = lineage.reference.clone();
        view! {
            <p class="alert alert-info" data-testid=format!("lineage-{side}")>
                {move || i18n.t_with(&key, &[("date", format::date_short(date, i18n.locale.get()))])} " "
                {lineage.lots.into_iter().map(|l| view! { <a href=format!("/lots/{}", l.id)>{l.number}</a> " " }).collect_view()}
                <span class="muted">"(" {reference} ")"</span>
            </p>
        }
    };
    view! {
        {origin.map(|o| line(o, "origin"))}
        {end.map(|e| line(e, "end"))}
    }
}

#[component]
pub fn DivisionForm(lot_id: String, action: ServerAction<DivideLot>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <details class="panel" open=error.get_untracked().is_some()>
            <summary>{move || i18n.t("register.divide_lot")}</summary>
            <p class="hint">{move || i18n.t("register.division_explained")}</p>
            <FormError error />
            <ActionForm action attr:class="form form-wide" attr:novalidate=true>
                <input type="hidden" name="lot_id" value=lot_id />
                <div class="form-grid">
                    <div class="field">
                        <label for="division-date">{move || i18n.t("register.field.division_date")}</label>
                        <input id="division-date" name="input[date]" type="date" required=true />
                        <FieldError error field="date" />
                    </div>
                    <BasisFields form="division" error />
                </div>
                <fieldset>
                    <legend>{move || i18n.t("register.successors")}</legend>
                    <FieldError error field="successors" />
                    {(0..SUCCESSOR_ROWS).map(|i| {
                        let name = move |f: &str| format!("input[successors][{i}][{f}]");
                        let id = move |f: &str| format!("successor-{i}-{f}");
                        let err = move |f: &str| format!("successors.{i}.{f}");
                        view! {
                            <div class="form-grid successor" data-row=i.to_string()>
                                <div class="field">
                                    <label for=id("number")>{move || i18n.t("register.field.number")}</label>
                                    <input id=id("number") name=name("number") />
                                    <FieldError error field=err("number") />
                                </div>
                                <div class="field">
                                    <label for=id("kind")>{move || i18n.t("register.field.kind")}</label>
                                    <select id=id("kind") name=name("kind")>
                                        {LotKind::ALL.into_iter().map(|k| {
                                            let key = format!("lot_kind.{}", k.as_str());
                                            view! { <option value=k.as_str()>{move || i18n.t(&key)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for=id("quota")>{move || i18n.t("register.field.quota")}</label>
                                    <input id=id("quota") name=name("quota") inputmode="numeric" />
                                    <FieldError error field=err("quota") />
                                </div>
                                <div class="field">
                                    <label for=id("area_m2")>{move || i18n.t("register.field.area_m2")}</label>
                                    <input id=id("area_m2") name=name("area_m2") />
                                    <FieldError error field=err("area_m2") />
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_division")}</button></div>
            </ActionForm>
        </details>
    }
}
