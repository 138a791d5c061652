//! The register pages: buildings, a building (lots, owners, bank accounts, history), a lot
//! with its ownership timeline, the owner directory, and an owner's own lots.

mod accounts;
mod association;
mod lineage;
mod owners;
mod quotas;
mod sale;

use crate::api::{
    AddBankAccount, AddMandate, AnswerNotaryRequest, ChangeLotQuota, ChangeTotal, CloseBankAccount,
    CreateBuilding, CreateLot, DesignateRepresentative, DivideLot, NotifyTransfer,
    RecordNotaryRequest, RegisterHolders, SetAssociationRules, TransferLot, UpdateBuilding,
    UpdateLot, VoidTransfer, list_buildings, load_building, load_lot, my_lots,
};
use crate::domain::register::{LotKind, QuotaBalance, Right, TransferKind};
use crate::domain::{AppError, Locale, format};
use crate::ui::components::{FieldError, FormError, LoadError, action_error};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

pub use owners::{OwnerPage, OwnersPage};

/// A labelled input of a register form, its errors under it.
#[component]
fn Field(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{form}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <input
                id=id
                name=format!("input[{name}]")
                type=kind.unwrap_or("text")
                required=required
                value=value
            />
            {hint.map(|h| view! { <p class="hint">{move || i18n.t(h)}</p> })}
            <FieldError error field=name />
        </div>
    }
}

fn balance_text(balance: QuotaBalance, locale: Locale, i18n: crate::ui::i18n::I18n) -> String {
    match balance {
        QuotaBalance::Balanced => i18n.t("register.balanced"),
        QuotaBalance::Missing(n) => i18n.t_with(
            "register.missing",
            &[("count", format::integer(n as i64, locale))],
        ),
        QuotaBalance::Excess(n) => i18n.t_with(
            "register.excess",
            &[("count", format::integer(n as i64, locale))],
        ),
    }
}

#[component]
pub fn BuildingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateBuilding>::new();
    let data = Resource::new(move || create.version().get(), |_| list_buildings());
    let error = action_error(create);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(building)) = create.value().get() {
            navigate(&format!("/buildings/{}", building.id), Default::default());
        }
    });
    view! {
        <Title text=i18n.t_untracked("nav.buildings") />
        <h1>{move || i18n.t("nav.buildings")}</h1>
        <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(overview) => {
                        let can_manage = overview.can_manage;
                        view! {
                            {overview.buildings.is_empty().then(|| view! { <p class="muted">{move || i18n.t("register.no_buildings")}</p> })}
                            <ul class="building-list">
                                {overview.buildings.into_iter().map(|b| {
                                    let balance = b.quota_balance();
                                    let balanced = balance.is_balanced();
                                    let (lots, counted, owners) = (b.lot_count, b.counted_lot_count, b.owner_count);
                                    let missing = !b.missing_accounts.is_empty();
                                    view! {
                                        <li class="card building-card">
                                            <h2><a href=format!("/buildings/{}", b.id)>{b.name.clone()}</a></h2>
                                            <p class="muted">{format!("{}, {} {}", b.street, b.postal_code, b.city)}</p>
                                            <p>
                                                <span data-testid="lot-count">{move || i18n.t_with("register.lot_count", &[("count", lots.to_string()), ("counted", counted.to_string())])}</span>
                                                " · "
                                                <span>{move || i18n.t_with("register.owner_count", &[("count", owners.to_string())])}</span>
                                            </p>
                                            <p class=if balanced { "badge badge-ok" } else { "badge badge-warn" }>
                                                {move || balance_text(balance, i18n.locale.get(), i18n)}
                                            </p>
                                            {missing.then(|| view! {
                                                <p class="badge badge-warn" data-testid="missing-accounts">{move || i18n.t("register.accounts_incomplete")}</p>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {can_manage.then(|| view! {
                                <section class="panel" aria-labelledby="new-building-title">
                                    <h2 id="new-building-title">{move || i18n.t("register.new_building")}</h2>
                                    <FormError error />
                                    <ActionForm action=create attr:class="form form-grid" attr:novalidate=true>
                                        <Field form="building" name="name" label="register.field.name" error required=true />
                                        <Field form="building" name="street" label="register.field.street" error required=true />
                                        <Field form="building" name="postal_code" label="register.field.postal_code" error required=true />
                                        <Field form="building" name="city" label="register.field.city" error required=true />
                                        <Field form="building" name="enterprise_number" label="register.field.enterprise_number" error hint="register.hint.enterprise_number" />
                                        <Field form="building" name="total_quota" label="register.field.total_quota" error required=true value="1000" hint="register.hint.total_quota" />
                                        <Field form="building" name="construction_year" label="register.field.construction_year" error />
                                        <Field form="building" name="basic_deed_date" label="register.field.basic_deed_date" error kind="date" />
                                        <Field form="building" name="fiscal_year_start" label="register.field.fiscal_year_start" error value="01-01" hint="register.hint.fiscal_year_start" />
                                        <div class="form-actions">
                                            <button type="submit" class="button button-primary">{move || i18n.t("register.create_building")}</button>
                                        </div>
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

const TABS: [&str; 7] = [
    "lots",
    "quotas",
    "association",
    "owners",
    "accounts",
    "history",
    "import",
];

/// `?as_of=` of a dated view, as given (checked by the server).
fn as_of_param(query: Memo<leptos_router::params::ParamsMap>) -> String {
    query.with(|q| q.get("as_of").unwrap_or_default())
}

/// The day a dated view shows, with a form to pick another and a way back to today.
#[component]
fn AsOfPicker(
    as_of: chrono::NaiveDate,
    viewing_past: bool,
    #[prop(optional)] tab: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" class="as-of" role="search" data-testid="as-of">
            {tab.map(|t| view! { <input type="hidden" name="tab" value=t /> })}
            <label for="as-of-date">{move || i18n.t("register.as_of")}</label>
            <input id="as-of-date" type="date" name="as_of" value=as_of.to_string() />
            <button type="submit" class="button">{move || i18n.t("register.view_on_date")}</button>
            {viewing_past.then(|| view! { <a href="?" class="button">{move || i18n.t("register.today")}</a> })}
        </form>
        {viewing_past.then(|| view! {
            <p class="alert alert-info" role="status" data-testid="as-of-banner">
                {move || i18n.t_with("register.viewing_as_of", &[("date", format::date_short(as_of, i18n.locale.get()))])}
            </p>
        })}
    }
}

#[component]
pub fn BuildingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let tab = move || {
        query.with(|q| {
            q.get("tab")
                .filter(|t| TABS.contains(&t.as_str()))
                .unwrap_or_else(|| "lots".into())
        })
    };
    let as_of = move || as_of_param(query);
    let add_lot = ServerAction::<CreateLot>::new();
    let add_account = ServerAction::<AddBankAccount>::new();
    let close_account = ServerAction::<CloseBankAccount>::new();
    let edit = ServerAction::<UpdateBuilding>::new();
    let change_total = ServerAction::<ChangeTotal>::new();
    let add_mandate = ServerAction::<AddMandate>::new();
    let set_rules = ServerAction::<SetAssociationRules>::new();
    let data = Resource::new(
        move || {
            (
                (id(), tab(), as_of()),
                add_lot.version().get() + add_mandate.version().get() + set_rules.version().get(),
                add_account.version().get() + close_account.version().get(),
                edit.version().get() + change_total.version().get(),
            )
        },
        |((id, tab, as_of), _, _, _)| load_building(id, tab, as_of),
    );
    let edit_error = action_error(edit);
    let lot_error = action_error(add_lot);
    view! {
        <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(page) => {
                        let b = page.building.clone();
                        let building_id = b.id.to_string();
                        let balance = b.quota_balance();
                        let (lots_n, counted, total) = (b.lot_count, b.counted_lot_count, b.total_quota);
                        let council = crate::domain::register::council_required(counted as usize);
                        let current = tab();
                        let viewing_past = b.as_of != crate::domain::calendar::today();
                        // Forms change the register from today's state: not on a past view.
                        let can_manage = page.can_manage && !viewing_past;
                        let day = if viewing_past { format!("&as_of={}", b.as_of) } else { String::new() };
                        let lot_day = if viewing_past { format!("?as_of={}", b.as_of) } else { String::new() };
                        view! {
                            <Title text=b.name.clone() />
                            <p><a href="/buildings">{move || i18n.t("register.all_buildings")}</a></p>
                            <h1>{b.name.clone()}</h1>
                            <p class="muted">{format!("{}, {} {}", b.street, b.postal_code, b.city)}
                                {b.enterprise_number.clone().map(|n| format!(" · {n}"))}</p>
                            <dl class="facts">
                                <dt>{move || i18n.t("register.field.total_quota")}</dt>
                                <dd>{move || format::integer(total as i64, i18n.locale.get())}</dd>
                                <dt>{move || i18n.t("register.lots")}</dt>
                                <dd>{move || i18n.t_with("register.lot_count", &[("count", lots_n.to_string()), ("counted", counted.to_string())])}</dd>
                                <dt>{move || i18n.t("register.balance")}</dt>
                                <dd data-testid="balance" class=if balance.is_balanced() { "ok" } else { "warn" }>{move || balance_text(balance, i18n.locale.get(), i18n)}</dd>
                            </dl>
                            <AsOfPicker as_of=b.as_of viewing_past tab=current.clone() />
                            {(!balance.is_balanced()).then(|| view! {
                                <p class="alert alert-info" role="status">{move || i18n.t("register.unbalanced_explained")}</p>
                            })}
                            {council.then(|| view! { <p class="alert alert-info">{move || i18n.t("register.council_required")}</p> })}
                            {can_manage.then(|| {
                                let b = b.clone();
                                let deed = b.basic_deed_date.map(|d| d.to_string()).unwrap_or_default();
                                let year = b.construction_year.map(|y| y.to_string()).unwrap_or_default();
                                view! {
                                    <details class="panel" open=edit_error.get_untracked().is_some()>
                                        <summary>{move || i18n.t("register.edit_building")}</summary>
                                        <FormError error=edit_error />
                                        <ActionForm action=edit attr:class="form form-grid" attr:novalidate=true>
                                            <input type="hidden" name="building_id" value=b.id.to_string() />
                                            <input type="hidden" name="version" value=b.version.to_string() />
                                            <Field form="edit-building" name="name" label="register.field.name" error=edit_error required=true value=b.name.clone() />
                                            <Field form="edit-building" name="street" label="register.field.street" error=edit_error required=true value=b.street.clone() />
                                            <Field form="edit-building" name="postal_code" label="register.field.postal_code" error=edit_error required=true value=b.postal_code.clone() />
                                            <Field form="edit-building" name="city" label="register.field.city" error=edit_error required=true value=b.city.clone() />
                                            <Field form="edit-building" name="enterprise_number" label="register.field.enterprise_number" error=edit_error value=b.enterprise_number.clone().unwrap_or_default() />
                                            // The total changes by a dated change with its basis (tab "quotas").
                                            <input type="hidden" name="input[total_quota]" value=b.total_quota.to_string() />
                                            <Field form="edit-building" name="construction_year" label="register.field.construction_year" error=edit_error value=year />
                                            <Field form="edit-building" name="basic_deed_date" label="register.field.basic_deed_date" error=edit_error kind="date" value=deed />
                                            <Field form="edit-building" name="fiscal_year_start" label="register.field.fiscal_year_start" error=edit_error value=b.fiscal_year_start.clone() />
                                            <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.save")}</button></div>
                                        </ActionForm>
                                    </details>
                                }
                            })}
                            <nav class="tabs" aria-label=move || i18n.t("register.sections")>
                                {TABS.into_iter().filter(|t| can_manage || *t != "import").map(|t| {
                                    let selected = t == current;
                                    view! {
                                        <a href=format!("?tab={t}{day}") aria-current=selected.then_some("page")>
                                            {move || i18n.t(&format!("register.tab.{t}"))}
                                        </a>
                                    }
                                }).collect_view()}
                                <a href=format!("/api/v1/buildings/{}/export.csv", b.id) download="">{move || i18n.t("register.export_csv")}</a>
                            </nav>
                            {match current.as_str() {
                                "owners" => view! {
                                    <section class="panel">
                                        <table class="table">
                                            <thead><tr>
                                                <th scope="col">{move || i18n.t("register.field.owner")}</th>
                                                <th scope="col">{move || i18n.t("register.field.email")}</th>
                                                <th scope="col">{move || i18n.t("register.lots")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {page.owners.into_iter().map(|o| {
                                                    let lots = o.lots.iter().filter(|l| l.building_id == b.id).map(|l| l.number.clone()).collect::<Vec<_>>().join(", ");
                                                    view! { <tr><td>{o.name}</td><td>{o.email.unwrap_or_default()}</td><td>{lots}</td></tr> }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </section>
                                }.into_any(),
                                "accounts" => view! {
                                    <accounts::AccountsTab
                                        building_id=building_id.clone()
                                        accounts=page.accounts
                                        can_manage
                                        add=add_account
                                        close=close_account
                                    />
                                }.into_any(),
                                "import" if can_manage => view! { <ImportTab building_id=building_id.clone() /> }.into_any(),
                                "association" => match page.association {
                                    Some(facts) => view! {
                                        <association::AssociationTab building_id=building_id.clone() facts owners=page.owner_choices can_manage add=add_mandate rules=set_rules />
                                    }.into_any(),
                                    None => ().into_any(),
                                },
                                "quotas" => match page.quotas {
                                    Some(overview) => view! {
                                        <quotas::QuotasTab building_id=building_id.clone() overview can_manage change=change_total />
                                    }.into_any(),
                                    None => ().into_any(),
                                },
                                "history" => view! {
                                    <section class="panel">
                                        <ul class="list history">
                                            {page.history.into_iter().map(|e| {
                                                let key = format!("audit.{}", e.action);
                                                let at = crate::domain::calendar::date_of(e.at);
                                                view! {
                                                    <li data-action=e.action.clone()>
                                                        <span class="muted">{move || format::date_short(at, i18n.locale.get())}</span> " "
                                                        <strong>{move || i18n.t(&key)}</strong>
                                                        <code class="detail">{e.detail}</code>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                }.into_any(),
                                _ => view! {
                                    <section class="panel">
                                        <table class="table" data-testid="lots">
                                            <thead><tr>
                                                <th scope="col">{move || i18n.t("register.field.number")}</th>
                                                <th scope="col">{move || i18n.t("register.field.kind")}</th>
                                                <th scope="col">{move || i18n.t("register.field.quota")}</th>
                                                <th scope="col">{move || i18n.t("register.holders")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {page.lots.into_iter().map(|l| {
                                                    let kind = format!("lot_kind.{}", l.kind.as_str());
                                                    let holders = l.holders.iter().map(|h| format!("{} ({})", h.name, h.share)).collect::<Vec<_>>().join(", ");
                                                    let warn = l.needs_representative;
                                                    view! {
                                                        <tr>
                                                            <td><a href=format!("/lots/{}{lot_day}", l.id)>{l.number.clone()}</a></td>
                                                            <td>{move || i18n.t(&kind)}</td>
                                                            <td>{move || format::integer(l.quota as i64, i18n.locale.get())}</td>
                                                            <td>{holders}{warn.then(|| view! { <span class="badge badge-warn">{move || i18n.t("register.needs_representative")}</span> })}</td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                        {can_manage.then(|| view! {
                                            <h2 id="new-lot-title">{move || i18n.t("register.add_lot")}</h2>
                                            <FormError error=lot_error />
                                            <ActionForm action=add_lot attr:class="form form-grid" attr:novalidate=true attr:aria-labelledby="new-lot-title">
                                                <input type="hidden" name="building_id" value=building_id.clone() />
                                                <Field form="lot" name="number" label="register.field.number" error=lot_error required=true />
                                                <div class="field">
                                                    <label for="lot-kind">{move || i18n.t("register.field.kind")}</label>
                                                    <select id="lot-kind" name="input[kind]">
                                                        {LotKind::ALL.into_iter().map(|k| {
                                                            let key = format!("lot_kind.{}", k.as_str());
                                                            view! { <option value=k.as_str()>{move || i18n.t(&key)}</option> }
                                                        }).collect_view()}
                                                    </select>
                                                    <FieldError error=lot_error field="kind" />
                                                </div>
                                                <Field form="lot" name="floor" label="register.field.floor" error=lot_error />
                                                <Field form="lot" name="area_m2" label="register.field.area_m2" error=lot_error />
                                                <Field form="lot" name="quota" label="register.field.quota" error=lot_error required=true />
                                                <Field form="lot" name="notes" label="register.field.notes" error=lot_error />
                                                <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.add_lot")}</button></div>
                                            </ActionForm>
                                        })}
                                    </section>
                                }.into_any(),
                            }}
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The import form. It posts natively (a file upload needs no script) and the server sends
/// the browser back here with the report or the errors in the query string.
#[component]
fn ImportTab(building_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report = query.with_untracked(|q| {
        // Numbers only: nothing in it can be shown as text.
        q.get("report").and_then(|r| {
            serde_json::from_str::<crate::domain::register::import::ImportReport>(&r).ok()
        })
    });
    let error = query.with_untracked(|q| {
        q.get("error")
            .and_then(|e| AppError::from_untrusted(&e, crate::i18n::is_known))
    });
    // Problems by line, in line order: `line.<n>.<column>` → (n, column, codes).
    let mut problems: Vec<(usize, String, Vec<String>)> = error
        .as_ref()
        .and_then(|e| e.fields())
        .map(|fields| {
            fields
                .iter()
                .filter_map(|(key, codes)| {
                    let rest = key.strip_prefix("line.")?;
                    // `line.<n>` alone: the whole line (unreadable, or a cell too long).
                    let (line, column) = rest.split_once('.').unwrap_or((rest, ""));
                    Some((line.parse().ok()?, column.to_owned(), codes.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    problems.sort();
    let file_codes = error
        .as_ref()
        .and_then(|e| e.fields())
        .and_then(|f| f.get("file").cloned())
        .unwrap_or_default();
    let headline = error.clone().map(|e| match e {
        AppError::Validation(_) => i18n.t_untracked("register.import_errors"),
        other => i18n.error(&other),
    });
    view! {
        <section class="panel" aria-labelledby="import-title">
            <h2 id="import-title">{move || i18n.t("register.import")}</h2>
            <p class="hint">{move || i18n.t("register.import_explained")}</p>
            {report.map(|r| {
                let key = if r.applied { "register.import_done" } else { "register.import_ok" };
                let (lots, owners) = (r.lots.to_string(), r.new_owners.to_string());
                let same_names = r.same_names.to_string();
                view! {
                    <p class="alert alert-success" role="status" data-testid="import-report">{move || i18n.t_with(key, &[("lots", lots.clone()), ("owners", owners.clone())])}</p>
                    {(r.same_names > 0).then(|| view! {
                        <p class="alert alert-warning" data-testid="import-same-names">{move || i18n.t_with("register.import_same_names", &[("count", same_names.clone())])}</p>
                    })}
                }
            })}
            {headline.map(|h| view! {
                <div class="alert alert-error" role="alert" data-testid="import-errors">
                    <p>{h}</p>
                    <ul>
                        {file_codes.into_iter().map(|c| view! { <li>{move || i18n.t(&c)}</li> }).collect_view()}
                        {problems.into_iter().map(|(line, column, codes)| {
                            let text = move || codes.iter().map(|c| i18n.t(c)).collect::<Vec<_>>().join(" ");
                            view! { <li data-line=line.to_string()>{move || i18n.t_with("register.import_line", &[("line", line.to_string())])} " · " <code>{column.clone()}</code> " — " {text}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <form method="post" enctype="multipart/form-data" action=format!("/buildings/{building_id}/import") class="form">
                <label for="import-file">{move || i18n.t("register.import_file")}</label>
                <input id="import-file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
                <div class="form-actions">
                    <button type="submit" name="mode" value="check" class="button">{move || i18n.t("register.import_check")}</button>
                    <button type="submit" name="mode" value="apply" class="button button-primary">{move || i18n.t("register.import_apply")}</button>
                </div>
            </form>
        </section>
    }
}

/// Rows to pick holders: owner, right and share; blank rows are ignored.
#[component]
fn HolderRows(
    form: &'static str,
    list: &'static str,
    owners: Vec<(Uuid, String)>,
    rows: usize,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="holder-rows">
            <legend>{move || i18n.t(if list == "holders" { "register.holders" } else { "register.acquirers" })}</legend>
            {(0..rows).map(|i| {
                let owner_id = format!("{form}-{i}-owner");
                let right_id = format!("{form}-{i}-right");
                let share_id = format!("{form}-{i}-share");
                let owners = owners.clone();
                view! {
                    <div class="holder-row">
                        <div class="field">
                            <label for=owner_id.clone()>{move || i18n.t("register.field.owner")}</label>
                            <select id=owner_id name=format!("input[{list}][{i}][owner_id]")>
                                <option value="">"—"</option>
                                {owners.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                            </select>
                            <FieldError error field=format!("{list}.{i}.owner_id") />
                        </div>
                        <div class="field">
                            <label for=right_id.clone()>{move || i18n.t("register.field.right")}</label>
                            <select id=right_id name=format!("input[{list}][{i}][right]")>
                                {Right::ALL.into_iter().map(|r| {
                                    let key = r.label_key();
                                    view! { <option value=r.as_str()>{move || i18n.t(&key)}</option> }
                                }).collect_view()}
                            </select>
                            <FieldError error field=format!("{list}.{i}.right") />
                        </div>
                        <div class="field">
                            <label for=share_id.clone()>{move || i18n.t("register.field.share")}</label>
                            <input id=share_id name=format!("input[{list}][{i}][share]") placeholder="1/2" />
                            <FieldError error field=format!("{list}.{i}.share") />
                        </div>
                    </div>
                }
            }).collect_view()}
            <FieldError error field=list />
        </fieldset>
    }
}

#[component]
pub fn LotPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let query = use_query_map();
    let as_of = move || as_of_param(query);
    let holders = ServerAction::<RegisterHolders>::new();
    let transfer = ServerAction::<TransferLot>::new();
    let representative = ServerAction::<DesignateRepresentative>::new();
    let edit = ServerAction::<UpdateLot>::new();
    let change_quota = ServerAction::<ChangeLotQuota>::new();
    let divide = ServerAction::<DivideLot>::new();
    let notify = ServerAction::<NotifyTransfer>::new();
    let void = ServerAction::<VoidTransfer>::new();
    let record_request = ServerAction::<RecordNotaryRequest>::new();
    let answer_request = ServerAction::<AnswerNotaryRequest>::new();
    let data = Resource::new(
        move || {
            (
                (id(), as_of()),
                holders.version().get() + transfer.version().get(),
                representative.version().get() + notify.version().get() + void.version().get(),
                edit.version().get()
                    + record_request.version().get()
                    + answer_request.version().get(),
                change_quota.version().get() + divide.version().get(),
            )
        },
        |((id, as_of), _, _, _, _)| load_lot(id, as_of),
    );
    let quota_error = action_error(change_quota);
    let edit_error = action_error(edit);
    let holders_error = action_error(holders);
    let transfer_error = action_error(transfer);
    let representative_error = action_error(representative);
    view! {
        <Transition fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(page) => {
                        let record = page.record;
                        let lot = record.lot.clone();
                        let lot_id = lot.id.to_string();
                        let kind = format!("lot_kind.{}", lot.kind.as_str());
                        let title = i18n.t_with_untracked("register.lot_title", &[("number", lot.number.clone())]);
                        let (quota, total) = (lot.quota, record.building_total_quota);
                        let never_held = record.history.is_empty();
                        let co_held = lot.holders.iter().map(|h| h.owner_id).collect::<std::collections::HashSet<_>>().len() > 1;
                        let representative_name = lot.representative_name.clone();
                        let current_holders = lot.holders.clone();
                        let today = crate::domain::calendar::today().to_string();
                        let (lot_id_a, lot_id_b, lot_id_c) = (lot_id.clone(), lot_id.clone(), lot_id);
                        let (today_a, today_b, today_m) = (today.clone(), today.clone(), today);
                        let (owners_a, owners_b) = (page.owners.clone(), page.owners.clone());
                        // Anyone of the directory may be designated: the holders first, then
                        // third persons.
                        let third_persons: Vec<(Uuid, String)> = page
                            .owners
                            .into_iter()
                            .filter(|(id, _)| !lot.holders.iter().any(|h| h.owner_id == *id))
                            .collect();
                        let (holders_a, holders_b) = (current_holders.clone(), current_holders);
                        let deed_candidates = page.deed_candidates;
                        let ended = lot.valid_to.is_some();
                        // Forms change the register from today's state: not offered on a
                        // past view or on a lot that ended.
                        let viewing_past = record.as_of != crate::domain::calendar::today();
                        let can_manage = page.can_manage && !ended && !viewing_past;
                        let edit_lot = lot.clone();
                        let lot_id_d = lot_id_c.clone();
                        let (lot_id_q, lot_id_v, lot_id_t) = (lot_id_c.clone(), lot_id_c.clone(), lot_id_c.clone());
                        let existed = crate::domain::register::lot::exists_on(lot.valid_from, lot.valid_to, record.as_of);
                        view! {
                            <Title text=title.clone() />
                            <p><a href=format!("/buildings/{}", lot.building_id)>{record.building_name.clone()}</a></p>
                            <h1>{title}</h1>
                            <dl class="facts">
                                <dt>{move || i18n.t("register.field.kind")}</dt><dd>{move || i18n.t(&kind)}</dd>
                                <dt>{move || i18n.t("register.field.quota")}</dt>
                                <dd>{move || format!("{} / {}", format::integer(quota as i64, i18n.locale.get()), format::integer(total as i64, i18n.locale.get()))}</dd>
                                {lot.floor.clone().map(|f| view! { <dt>{move || i18n.t("register.field.floor")}</dt><dd>{f}</dd> })}
                                {lot.area_m2.clone().map(|a| view! { <dt>{move || i18n.t("register.field.area_m2")}</dt><dd>{a} " m²"</dd> })}
                                {representative_name.map(|n| view! { <dt>{move || i18n.t("register.representative")}</dt><dd data-testid="representative">{n}</dd> })}
                            </dl>
                            <AsOfPicker as_of=record.as_of viewing_past />
                            {(!existed).then(|| view! { <p class="alert alert-warning" role="status" data-testid="not-in-existence">{move || i18n.t("register.lot_not_in_existence")}</p> })}
                            <lineage::LineageNotes origin=record.origin.clone() end=record.end.clone() />
                            {lot.needs_representative.then(|| view! { <p class="alert alert-info" role="status">{move || i18n.t("register.needs_representative_explained")}</p> })}
                            <sale::KnownHolders known=record.known_holders.clone() />
                            <section class="panel" aria-labelledby="timeline-title">
                                <h2 id="timeline-title">{move || i18n.t("register.timeline")}</h2>
                                {never_held.then(|| view! { <p class="muted">{move || i18n.t("register.no_holders")}</p> })}
                                <table class="table" data-testid="timeline">
                                    <thead><tr>
                                        <th scope="col">{move || i18n.t("register.field.owner")}</th>
                                        <th scope="col">{move || i18n.t("register.field.right")}</th>
                                        <th scope="col">{move || i18n.t("register.field.share")}</th>
                                        <th scope="col">{move || i18n.t("register.from")}</th>
                                        <th scope="col">{move || i18n.t("register.to")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {record.history.into_iter().map(|h| {
                                            let right = h.right.label_key();
                                            let (from, to) = (h.valid_from, h.valid_to);
                                            view! {
                                                <tr class:ended=to.is_some()>
                                                    <td>{h.owner_name}</td>
                                                    <td>{move || i18n.t(&right)}</td>
                                                    <td>{h.share}</td>
                                                    <td>{move || format::date_short(from, i18n.locale.get())}</td>
                                                    <td>{move || to.map(|d| format::date_short(d, i18n.locale.get())).unwrap_or_else(|| i18n.t("register.today"))}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <sale::Transfers lot_id=lot_id_t.clone() transfers=record.transfers.clone() can_manage notify void />
                            </section>
                            <sale::NotaryRequests lot_id=lot_id_t requests=record.notary_requests.clone() can_manage record=record_request answer=answer_request />
                            <section class="panel" aria-labelledby="quota-title">
                                <h2 id="quota-title">{move || i18n.t("register.quota_history")}</h2>
                                <quotas::QuotaPeriods periods=record.quota_history.clone() testid="quota-history" />
                                {can_manage.then(move || view! {
                                    <details open=quota_error.get_untracked().is_some()>
                                        <summary>{move || i18n.t("register.change_quota")}</summary>
                                        <p class="hint">{move || i18n.t("register.quota_change_explained")}</p>
                                        <FormError error=quota_error />
                                        <ActionForm action=change_quota attr:class="form form-grid" attr:novalidate=true>
                                            <input type="hidden" name="lot_id" value=lot_id_q />
                                            <quotas::QuotaChangeFields form="lot-quota" error=quota_error />
                                            <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_change")}</button></div>
                                        </ActionForm>
                                    </details>
                                })}
                            </section>
                            {can_manage.then(move || {
                                let l = edit_lot;
                                view! {
                                    <details class="panel" open=edit_error.get_untracked().is_some()>
                                        <summary>{move || i18n.t("register.edit_lot")}</summary>
                                        <FormError error=edit_error />
                                        <ActionForm action=edit attr:class="form form-grid" attr:novalidate=true>
                                            <input type="hidden" name="lot_id" value=lot_id_d />
                                            <input type="hidden" name="version" value=l.version.to_string() />
                                            <Field form="edit" name="number" label="register.field.number" error=edit_error required=true value=l.number.clone() />
                                            <div class="field">
                                                <label for="edit-kind">{move || i18n.t("register.field.kind")}</label>
                                                <select id="edit-kind" name="input[kind]">
                                                    {LotKind::ALL.into_iter().map(|k| {
                                                        let key = format!("lot_kind.{}", k.as_str());
                                                        view! { <option value=k.as_str() selected=k == l.kind>{move || i18n.t(&key)}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            <Field form="edit" name="floor" label="register.field.floor" error=edit_error value=l.floor.clone().unwrap_or_default() />
                                            <Field form="edit" name="area_m2" label="register.field.area_m2" error=edit_error value=l.area_m2.clone().unwrap_or_default() />
                                            // The quote-part changes by a dated change with its basis (above).
                                            <input type="hidden" name="input[quota]" value=l.quota.to_string() />
                                            <Field form="edit" name="notes" label="register.field.notes" error=edit_error value=l.notes.clone().unwrap_or_default() />
                                            <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.save")}</button></div>
                                        </ActionForm>
                                    </details>
                                }
                            })}
                            {can_manage.then(move || view! { <lineage::DivisionForm lot_id=lot_id_v action=divide /> })}
                            {(can_manage && never_held).then(move || view! {
                                <section class="panel" aria-labelledby="holders-title">
                                    <h2 id="holders-title">{move || i18n.t("register.register_holders")}</h2>
                                    <FormError error=holders_error />
                                    <ActionForm action=holders attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="lot_id" value=lot_id_a />
                                        <Field form="holders" name="valid_from" label="register.field.valid_from" error=holders_error kind="date" value=today_a />
                                        <HolderRows form="holders" list="holders" owners=owners_a rows=3 error=holders_error />
                                        <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.save_holders")}</button></div>
                                    </ActionForm>
                                </section>
                            })}
                            {(can_manage && co_held).then(move || view! {
                                <section class="panel" aria-labelledby="representative-title">
                                    <h2 id="representative-title">{move || i18n.t("register.designate_representative")}</h2>
                                    <FormError error=representative_error />
                                    <p class="hint">{move || i18n.t("register.mandatary_explained")}</p>
                                    <ActionForm action=representative attr:class="form form-grid" attr:novalidate=true>
                                        <input type="hidden" name="lot_id" value=lot_id_b />
                                        <div class="field">
                                            <label for="representative-owner">{move || i18n.t("register.representative")}</label>
                                            <select id="representative-owner" name="input[owner_id]">
                                                <optgroup label=move || i18n.t("register.holders")>
                                                    {holders_a.iter().map(|h| view! { <option value=h.owner_id.to_string()>{h.name.clone()}</option> }).collect_view()}
                                                </optgroup>
                                                <optgroup label=move || i18n.t("register.third_persons")>
                                                    {third_persons.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                                </optgroup>
                                            </select>
                                            <FieldError error=representative_error field="owner_id" />
                                        </div>
                                        <Field form="mandatary" name="received_on" label="register.field.received_on" error=representative_error kind="date" value=today_m.clone() required=true />
                                        <Field form="mandatary" name="valid_from" label="register.field.mandatary_from" error=representative_error kind="date" value=today_m hint="register.hint.mandatary_from" />
                                        <Field form="mandatary" name="document" label="register.field.document" error=representative_error hint="register.hint.document" />
                                        <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.designate")}</button></div>
                                    </ActionForm>
                                </section>
                            })}
                            {(can_manage && !never_held).then(move || view! {
                                <section class="panel" aria-labelledby="transfer-title">
                                    <h2 id="transfer-title">{move || i18n.t("register.transfer")}</h2>
                                    <p class="hint">{move || i18n.t("register.transfer_explained")}</p>
                                    <FormError error=transfer_error />
                                    <ActionForm action=transfer attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="lot_id" value=lot_id_c />
                                        <div class="field">
                                            <label for="transfer-kind">{move || i18n.t("register.field.transfer_kind")}</label>
                                            <select id="transfer-kind" name="input[kind]">
                                                {TransferKind::ALL.into_iter().map(|k| {
                                                    let key = format!("transfer_kind.{}", k.as_str());
                                                    view! { <option value=k.as_str()>{move || i18n.t(&key)}</option> }
                                                }).collect_view()}
                                            </select>
                                        </div>
                                        <Field form="transfer" name="deed_date" label="register.field.deed_date" error=transfer_error kind="date" required=true value=today_b />
                                        <Field form="transfer" name="notary" label="register.field.notary" error=transfer_error />
                                        <Field form="transfer" name="enjoyment_date" label="register.field.enjoyment_date" error=transfer_error kind="date" hint="register.hint.enjoyment_date" />
                                        <Field form="transfer" name="notified_on" label="register.field.notified_on" error=transfer_error kind="date" hint="register.hint.notified_on" />
                                        <Field form="transfer" name="seller_address" label="register.field.seller_address" error=transfer_error hint="register.hint.seller_address" />
                                        <fieldset>
                                            <legend>{move || i18n.t("register.sellers")}</legend>
                                            {holders_b.iter().enumerate().map(|(i, h)| {
                                                let cid = format!("seller-{i}");
                                                view! {
                                                    <div class="check">
                                                        <input type="checkbox" id=cid.clone() name=format!("input[sellers][{i}]") value=h.owner_id.to_string() />
                                                        <label for=cid>{h.name.clone()} " (" {h.share.clone()} ")"</label>
                                                    </div>
                                                }
                                            }).collect_view()}
                                            <FieldError error=transfer_error field="sellers" />
                                        </fieldset>
                                        <HolderRows form="transfer" list="acquirers" owners=owners_b rows=3 error=transfer_error />
                                        {(!deed_candidates.is_empty()).then(move || view! {
                                            <fieldset data-testid="deed-lots">
                                                <legend>{move || i18n.t("register.deed_lots")}</legend>
                                                <p class="hint">{move || i18n.t("register.hint.deed_lots")}</p>
                                                {deed_candidates.into_iter().enumerate().map(|(i, l)| {
                                                    let cid = format!("deed-lot-{i}");
                                                    let field = format!("other_lots.{}", l.id);
                                                    let number = l.number.clone();
                                                    view! {
                                                        <div class="check">
                                                            <input type="checkbox" id=cid.clone() name=format!("input[other_lots][{i}]") value=l.id.to_string() />
                                                            <label for=cid>{move || i18n.t_with("register.lot_title", &[("number", number.clone())])}</label>
                                                        </div>
                                                        <FieldError error=transfer_error field=field />
                                                    }
                                                }).collect_view()}
                                                <FieldError error=transfer_error field="other_lots" />
                                            </fieldset>
                                        })}
                                        <FieldError error=transfer_error field="deed_date" />
                                        <div class="form-actions"><button type="submit" class="button button-primary">{move || i18n.t("register.record_transfer")}</button></div>
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
pub fn MyLotsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let as_of = move || as_of_param(query);
    let data = Resource::new(as_of, my_lots);
    let date = move || {
        as_of()
            .parse::<chrono::NaiveDate>()
            .unwrap_or_else(|_| crate::domain::calendar::today())
    };
    view! {
        <Title text=i18n.t_untracked("nav.my_lots") />
        <h1>{move || i18n.t("nav.my_lots")}</h1>
        {move || view! { <AsOfPicker as_of=date() viewing_past=date() != crate::domain::calendar::today() /> }}
        <Suspense fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(lots) if lots.is_empty() => view! { <p class="muted">{move || i18n.t("register.no_lots_held")}</p> }.into_any(),
                    Ok(lots) => view! {
                        <ul class="cards my-lots">
                            {lots.into_iter().map(|l| {
                                let kind = format!("lot_kind.{}", l.kind.as_str());
                                let right = l.right.label_key();
                                let (quota, total) = (l.quota, l.building_total_quota);
                                let co = l.co_holders.join(", ");
                                let has_co = !l.co_holders.is_empty();
                                let standing = owners::standing_key(&l);
                                view! {
                                    <li class="card my-lot">
                                        <h2>{l.building_name.clone()} " · " {move || i18n.t_with("register.lot_title", &[("number", l.number.clone())])}</h2>
                                        <p class="muted">{move || i18n.t(&kind)}</p>
                                        <p>{move || i18n.t_with("register.quota_of", &[("quota", format::integer(quota as i64, i18n.locale.get())), ("total", format::integer(total as i64, i18n.locale.get()))])}</p>
                                        <p>{move || i18n.t(&right)} " · " {l.share.clone()}</p>
                                        {has_co.then(|| view! { <p>{move || i18n.t("register.co_holders")} ": " {co.clone()}</p> })}
                                        {standing.map(|key| view! { <p class="badge badge-warn" data-testid="standing">{move || i18n.t(key)}</p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
