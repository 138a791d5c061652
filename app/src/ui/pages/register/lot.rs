//! A lot's page on a date: its holders and quote-part then, the ownership timeline, the
//! transfers and the notary's requests, its lineage, and the forms that change it (first
//! holders, transfer by deed, mandatary, quote-part, division).

use super::*;

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
                                <RecordOptions choices=owners />
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
    let merge = ServerAction::<MergeLots>::new();
    let notify = ServerAction::<NotifyTransfer>::new();
    let void = ServerAction::<VoidTransfer>::new();
    let record_request = ServerAction::<RecordNotaryRequest>::new();
    let answer_request = ServerAction::<AnswerNotaryRequest>::new();
    let holders_done = successes(holders);
    let transfer_done = successes(transfer);
    let representative_done = successes(representative);
    let notify_done = successes(notify);
    let void_done = successes(void);
    let edit_done = successes(edit);
    let record_request_done = successes(record_request);
    let answer_request_done = successes(answer_request);
    let change_quota_done = successes(change_quota);
    let divide_done = successes(divide);
    let merge_done = successes(merge);
    let data = Resource::new(
        move || {
            (
                (id(), as_of()),
                holders_done.get() + transfer_done.get(),
                representative_done.get() + notify_done.get() + void_done.get(),
                edit_done.get() + record_request_done.get() + answer_request_done.get(),
                change_quota_done.get() + divide_done.get() + merge_done.get(),
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
                        let merge_candidates = deed_candidates.clone();
                        let ended = lot.valid_to.is_some();
                        // Forms change the register from today's state: not offered on a
                        // past view or on a lot that ended.
                        let shown = Shown::of(record.as_of);
                        let can_manage = page.can_manage && !ended && !shown.past;
                        let edit_lot = lot.clone();
                        let lot_id_d = lot_id_c.clone();
                        let (lot_id_q, lot_id_v, lot_id_t) = (lot_id_c.clone(), lot_id_c.clone(), lot_id_c.clone());
                        let lot_id_w = lot_id_c.clone();
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
                            <AsOfPicker shown />
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
                            {(can_manage && !merge_candidates.is_empty()).then(move || view! { <lineage::MergerForm lot_id=lot_id_w candidates=merge_candidates action=merge /> })}
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
                                                    <RecordOptions choices={holders_a.iter().map(|h| (h.owner_id, h.name.clone())).collect::<Vec<_>>()} />
                                                </optgroup>
                                                <optgroup label=move || i18n.t("register.third_persons")>
                                                    <RecordOptions choices=third_persons />
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
                                                <lineage::LotChecks lots=deed_candidates id="deed-lot" name="input[other_lots]" lot_errors=("other_lots", transfer_error) />
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
