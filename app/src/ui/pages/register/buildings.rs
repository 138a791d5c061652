//! The organisation's buildings, with what needs attention in each, and the form to add one.

use super::*;

#[component]
pub fn BuildingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateBuilding>::new();
    let create_done = successes(create);
    let data = Resource::new(move || create_done.get(), |_| list_buildings());
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
