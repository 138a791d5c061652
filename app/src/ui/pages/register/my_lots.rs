//! An owner's own lots, on their phone, on a date.

use super::*;

#[component]
pub fn MyLotsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let as_of = move || as_of_param(query);
    let data = Resource::new(as_of, my_lots);

    view! {
        <Title text=i18n.t_untracked("nav.my_lots") />
        <h1>{move || i18n.t("nav.my_lots")}</h1>
        {move || view! { <AsOfPicker shown=Shown::parse(&as_of()) /> }}
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
                                let standing = super::owners::standing_key(&l);
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
