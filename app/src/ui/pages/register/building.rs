//! A building's page on a date: its facts and balance, and a tab per part of the register
//! (lots, quotes-parts, association, owners, bank accounts, history, import); a tab loads only
//! its own data.

use super::*;

const TABS: [&str; 7] = [
    "lots",
    "quotas",
    "association",
    "owners",
    "accounts",
    "history",
    "import",
];

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
    let add_lot_done = successes(add_lot);
    let add_mandate_done = successes(add_mandate);
    let set_rules_done = successes(set_rules);
    let add_account_done = successes(add_account);
    let close_account_done = successes(close_account);
    let edit_done = successes(edit);
    let change_total_done = successes(change_total);
    let data = Resource::new(
        move || {
            (
                (id(), tab(), as_of()),
                add_lot_done.get() + add_mandate_done.get() + set_rules_done.get(),
                add_account_done.get() + close_account_done.get(),
                edit_done.get() + change_total_done.get(),
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
                        let shown = Shown::of(b.as_of);
                        // Forms change the register from today's state: not on a past view.
                        let can_manage = page.can_manage && !shown.past;
                        let (day, lot_day) = (shown.query('&'), shown.query('?'));
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
                            <AsOfPicker shown tab=current.clone() />
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
                                                    let here: Vec<_> = o.lots.iter().filter(|l| l.building_id == b.id).collect();
                                                    let lots = here.iter().map(|l| l.number.clone()).collect::<Vec<_>>().join(", ");
                                                    // A sale not notified yet: the deeds and the syndic disagree on that date.
                                                    let unknown = here.iter().any(|l| l.held != l.known_to_syndic);
                                                    let href = format!("/owners/{}{}", o.id, lot_day);
                                                    view! {
                                                        <tr>
                                                            <td><a href=href>{o.name}</a></td>
                                                            <td>{o.email.unwrap_or_default()}</td>
                                                            <td>
                                                                {lots}
                                                                {unknown.then(|| view! { " " <span class="badge badge-warn">{move || i18n.t("register.owned.not_notified")}</span> })}
                                                            </td>
                                                        </tr>
                                                    }
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
