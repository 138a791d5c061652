use crate::api::load_dashboard;
use crate::domain::format;
use crate::ui::components::signed_in;
use crate::ui::i18n::use_i18n;
use crate::ui::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let data = Resource::new(|| (), |_| load_dashboard());
    let today = crate::domain::calendar::today();
    view! {
        <Title text=i18n.t_untracked("nav.dashboard") />
        <Suspense fallback=move || view! { <p>{move || i18n.t("common.loading")}</p> }>
            {move || {
                Suspend::new(async move {
                    let Some(user) = signed_in(session).await else { return ().into_any() };
                    let roles = user
                        .roles()
                        .into_iter()
                        .map(|r| r.label_key())
                        .collect::<Vec<_>>();
                    let greeting_name = user.display_name.clone();
                    let has_organization = user.active_organization_id.is_some();
                    let heading = view! {
                        <h1>{move || i18n.t_with("dashboard.greeting", &[("name", greeting_name.clone())])}</h1>
                        <p class="muted">{move || format::date_long(today, i18n.locale.get())}</p>
                        <Show when=move || !has_organization>
                            <p class="alert alert-info" role="status">{move || i18n.t("dashboard.no_organization")}</p>
                        </Show>
                    };
                    let body = match data.await {
                        Err(_) if !has_organization => ().into_any(),
                        Err(err) => view! { <p class="alert alert-info" role="status">{i18n.error(&err)}</p> }.into_any(),
                        Ok(d) => {
                            let kind_key = format!("organization.kind.{}", d.organization.kind.as_str());
                            let roles = move || roles.iter().map(|r| i18n.t(r)).collect::<Vec<_>>().join(", ");
                            view! {
                                <section class="cards">
                                    <article class="card" aria-labelledby="org-card-title">
                                        <h2 id="org-card-title">{d.organization.name.clone()}</h2>
                                        <p class="muted">{move || i18n.t(&kind_key)}</p>
                                        <p>{move || i18n.t("dashboard.your_roles")} ": " {roles}</p>
                                    </article>
                                    {d.member_count.map(|count| view! {
                                        <article class="card stat">
                                            <h2>{move || i18n.t("dashboard.members")}</h2>
                                            <p class="stat-value">{move || format::integer(count as i64, i18n.locale.get())}</p>
                                            <a href="/admin/members">{move || i18n.t("dashboard.manage_members")}</a>
                                        </article>
                                    })}
                                    {d.pending_invitations.map(|count| view! {
                                        <article class="card stat">
                                            <h2>{move || i18n.t("dashboard.pending_invitations")}</h2>
                                            <p class="stat-value">{move || format::integer(count as i64, i18n.locale.get())}</p>
                                        </article>
                                    })}
                                </section>
                            }
                                .into_any()
                        }
                    };
                    view! { {heading} {body} }.into_any()
                })
            }}
        </Suspense>
    }
}
