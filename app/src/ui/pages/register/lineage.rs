//! A lot's life: where it comes from and what it became (divisions and mergers by deed), and
//! the forms that record a division and a merger.

use super::quotas::BasisFields;
use crate::api::{DivideLot, MergeLots};
use crate::domain::format;
use crate::domain::register::{LotKind, LotLineage, LotLink};
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
                    {(0..SUCCESSOR_ROWS).map(|i| view! {
                        <div class="form-grid successor" data-row=i.to_string()>
                            <SuccessorFields id=format!("successor-{i}") name=format!("input[successors][{i}]") row=i error />
                        </div>
                    }).collect_view()}
                </fieldset>
                <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_division")}</button></div>
            </ActionForm>
        </details>
    }
}

/// The form that records a merger by deed: this lot and others held by the same people end on
/// the date and one new lot begins (the server refuses lots held otherwise).
#[component]
pub fn MergerForm(
    lot_id: String,
    /// The building's other lots one of this lot's holders also holds today.
    candidates: Vec<LotLink>,
    action: ServerAction<MergeLots>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    view! {
        <details class="panel" open=error.get_untracked().is_some()>
            <summary>{move || i18n.t("register.merge_lots")}</summary>
            <p class="hint">{move || i18n.t("register.merger_explained")}</p>
            <FormError error />
            <ActionForm action attr:class="form form-wide" attr:novalidate=true>
                <input type="hidden" name="lot_id" value=lot_id />
                <div class="form-grid">
                    <div class="field">
                        <label for="merger-date">{move || i18n.t("register.field.merger_date")}</label>
                        <input id="merger-date" name="input[date]" type="date" required=true />
                        <FieldError error field="date" />
                    </div>
                    <BasisFields form="merger" error />
                </div>
                <fieldset data-testid="merger-others">
                    <legend>{move || i18n.t("register.merged_with")}</legend>
                    <LotChecks lots=candidates id="merger-other" name="input[others]" />
                    <FieldError error field="others" />
                </fieldset>
                <fieldset>
                    <legend>{move || i18n.t("register.merged_lot")}</legend>
                    <div class="form-grid successor">
                        <SuccessorFields id="merger".into() name="input[successor]".into() row=0 error />
                    </div>
                </fieldset>
                <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_merger")}</button></div>
            </ActionForm>
        </details>
    }
}

/// The fields of one lot a deed creates: `{id}-{field}` ids, `{name}[{field}]` names, and the
/// errors the server reports for successor `row` (`successors.{row}.{field}`).
#[component]
fn SuccessorFields(
    id: String,
    name: String,
    row: usize,
    error: Signal<Option<crate::domain::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |f: &str| format!("{id}-{f}");
    let name = move |f: &str| format!("{name}[{f}]");
    let err = move |f: &str| format!("successors.{row}.{f}");
    view! {
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
    }
}

/// A checkbox per lot (`{id}-{i}`, `{name}[{i}]` = the lot's id), each with the errors the
/// server reports on `{lot_errors}.{lot id}` when given.
#[component]
pub fn LotChecks(
    lots: Vec<LotLink>,
    id: &'static str,
    name: &'static str,
    #[prop(optional)] lot_errors: Option<(&'static str, Signal<Option<crate::domain::AppError>>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    lots.into_iter()
        .enumerate()
        .map(|(i, l)| {
            let cid = format!("{id}-{i}");
            let number = l.number.clone();
            let errors = lot_errors.map(|(prefix, error)| {
                view! { <FieldError error field=format!("{prefix}.{}", l.id) /> }
            });
            view! {
                <div class="check">
                    <input type="checkbox" id=cid.clone() name=format!("{name}[{i}]") value=l.id.to_string() />
                    <label for=cid>{move || i18n.t_with("register.lot_title", &[("number", number.clone())])}</label>
                </div>
                {errors}
            }
        })
        .collect_view()
}
