//! The register pages: buildings, a building (lots, owners, bank accounts, history), a lot
//! with its ownership timeline, the owner directory, and an owner's own lots.

mod accounts;
mod association;
mod building;
mod buildings;
mod lineage;
mod lot;
mod my_lots;
mod owners;
mod quotas;
mod sale;

use crate::api::{
    AddBankAccount, AddMandate, AnswerNotaryRequest, ChangeLotQuota, ChangeTotal, CloseBankAccount,
    CreateBuilding, CreateLot, DesignateRepresentative, DivideLot, MergeLots, NotifyTransfer,
    RecordNotaryRequest, RegisterHolders, SetAssociationRules, TransferLot, UpdateBuilding,
    UpdateLot, VoidTransfer, list_buildings, load_building, load_lot, my_lots,
};
use crate::domain::register::{LotKind, QuotaBalance, Right, TransferKind};
use crate::domain::{AppError, Locale, format};
use crate::ui::components::{
    FieldError, FormError, LoadError, RecordOptions, action_error, successes,
};
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

pub use building::BuildingPage;
pub use buildings::BuildingsPage;
pub use lot::LotPage;
pub use my_lots::MyLotsPage;
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

/// `?as_of=` of a dated view, as given (checked by the server).
fn as_of_param(query: Memo<leptos_router::params::ParamsMap>) -> String {
    query.with(|q| q.get("as_of").unwrap_or_default())
}

/// The day a dated view shows, and what a link needs to stay on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    date: chrono::NaiveDate,
    /// Not today: the view is of the past (or the future), and its forms are not offered.
    past: bool,
}

impl Shown {
    fn of(date: chrono::NaiveDate) -> Shown {
        Shown {
            date,
            past: date != crate::domain::calendar::today(),
        }
    }

    /// The date of `?as_of=` as given; today when absent (the server refuses a bad one, and
    /// the page shows that error).
    fn parse(raw: &str) -> Shown {
        Shown::of(
            raw.parse()
                .unwrap_or_else(|_| crate::domain::calendar::today()),
        )
    }

    /// `?as_of=…` (`&as_of=…` after another parameter) for a link that keeps the date; empty
    /// for today, whose links stay bare.
    fn query(self, separator: char) -> String {
        if self.past {
            format!("{separator}as_of={}", self.date)
        } else {
            String::new()
        }
    }
}

/// The day a dated view shows, with a form to pick another and a way back to today.
#[component]
fn AsOfPicker(shown: Shown, #[prop(optional)] tab: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let Shown {
        date: as_of,
        past: viewing_past,
    } = shown;
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
