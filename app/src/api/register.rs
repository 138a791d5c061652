//! Server functions of the co-ownership register. Forms post nested fields
//! (`input[number]`, `input[holders][0][share]`), which serde_qs reads on both sides.

use crate::domain::AppError;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::domain::register::{AgentEndInput, AgentInput, ConsentInput, WithdrawalInput};
use crate::domain::register::{
    BankAccount, BankAccountInput, Building, BuildingInput, CloseAccountInput, DivisionInput,
    HoldersInput, Lot, LotInput, LotRecord, MandataryInput, MergerInput, OwnedLot, Owner,
    OwnerInput, Page, QuotaChangeInput, QuotaOverview, TransferInput,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ssr::{
    auth,
    services::{agents, buildings, consents, holdings, lots, owners, quotas},
};

#[cfg(feature = "ssr")]
fn parse_id(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// Rows of a form left blank are not holders.
#[cfg(feature = "ssr")]
fn filled(
    rows: Vec<crate::domain::register::HolderInput>,
) -> Vec<crate::domain::register::HolderInput> {
    rows.into_iter()
        .filter(|h| !(h.owner_id.trim().is_empty() && h.share.trim().is_empty()))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingsOverview {
    pub buildings: Vec<Building>,
    pub can_manage: bool,
}

#[server(prefix = "/sfn", endpoint = "register/buildings")]
pub async fn list_buildings() -> Result<BuildingsOverview, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        Ok(BuildingsOverview {
            buildings: buildings::list(&state.db, &state.identity, &actor, false).await?,
            can_manage: actor.has(Permission::ManageRegister),
        })
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/create-building")]
pub async fn create_building(input: BuildingInput) -> Result<Building, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        buildings::create(&state.db, &actor, &input).await
    })
    .await
}

/// Everything the building page shows, for the tab asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuildingPage {
    pub building: Building,
    pub can_manage: bool,
    pub lots: Vec<Lot>,
    pub owners: Vec<Owner>,
    pub accounts: Vec<BankAccount>,
    pub history: Vec<HistoryEntry>,
    /// The `quotas` tab: the total over time and the balance on the day viewed.
    pub quotas: Option<QuotaOverview>,
    /// The `association` tab: mandates, rules, what needs attention.
    pub association: Option<crate::domain::register::association::AssociationFacts>,
    /// The `association` tab's owner choices for the council (id, name).
    pub owner_choices: Vec<(uuid::Uuid, String)>,
}

/// One line of a building's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub action: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub detail: String,
}

/// The building and what its open tab shows (`lots`, `quotas`, `owners`, `accounts`,
/// `history`; `import` shows nothing loaded), as on `as_of` (`YYYY-MM-DD`, empty for
/// today): a page reads only what it shows.
#[server(prefix = "/sfn", endpoint = "register/building")]
pub async fn load_building(
    id: String,
    tab: String,
    #[server(default)] as_of: String,
) -> Result<BuildingPage, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let id = parse_id(&id)?;
        let as_of = crate::domain::register::holding::parse_as_of(Some(&as_of))?;
        let (mut lots, mut owners, mut accounts, mut history) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut quota_overview = None;
        let (mut association_facts, mut owner_choices) = (None, Vec::new());
        // The tab checks the building is the actor's on its own, so both reads run side by
        // side: the page waits for the slower, not for the sum.
        let tab = async {
            match tab.as_str() {
                "owners" => {
                    let filter = owners::OwnerFilter {
                        building_id: Some(id),
                        as_of,
                        ..Default::default()
                    };
                    owners = owners::list(&state.db, &actor, &filter, Some(1), Some(200))
                        .await?
                        .items;
                }
                "accounts" => accounts = buildings::accounts(&state.db, &actor, id).await?,
                "history" => {
                    history = buildings::history(&state.db, &actor, id, 100)
                        .await?
                        .into_iter()
                        .map(|e| HistoryEntry {
                            detail: e
                                .after
                                .as_ref()
                                .or(e.before.as_ref())
                                .map(|v| v.to_string())
                                .unwrap_or_default(),
                            action: e.action,
                            at: e.created_at,
                        })
                        .collect();
                }
                "import" => {}
                "quotas" => {
                    quota_overview = Some(quotas::overview(&state.db, &actor, id, as_of).await?)
                }
                "association" => {
                    association_facts = Some(
                        crate::ssr::services::association::facts(&state.db, &actor, id, as_of)
                            .await?,
                    );
                    if actor.has(Permission::ManageRegister) {
                        owner_choices = owners::choices(&state.db, &actor, 200).await?;
                    }
                }
                _ => {
                    let filter = Default::default();
                    lots = lots::list(&state.db, &actor, id, &filter, Some(1), Some(200), as_of)
                        .await?
                        .items;
                }
            }
            Ok::<_, AppError>(())
        };
        let (building, ()) = tokio::try_join!(buildings::get(&state.db, &actor, id, as_of), tab)?;
        Ok(BuildingPage {
            building,
            can_manage: actor.has(Permission::ManageRegister),
            lots,
            owners,
            accounts,
            history,
            quotas: quota_overview,
            association: association_facts,
            owner_choices,
        })
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/create-lot")]
pub async fn create_lot(building_id: String, input: LotInput) -> Result<Lot, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        lots::create(&state.db, &actor, parse_id(&building_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/update-lot")]
pub async fn update_lot(lot_id: String, version: i32, input: LotInput) -> Result<Lot, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        lots::update(&state.db, &actor, parse_id(&lot_id)?, &input, version).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/update-building")]
pub async fn update_building(
    building_id: String,
    version: i32,
    input: BuildingInput,
) -> Result<Building, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        buildings::update(&state.db, &actor, parse_id(&building_id)?, &input, version).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/add-account")]
pub async fn add_bank_account(
    building_id: String,
    input: BankAccountInput,
) -> Result<BankAccount, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        buildings::add_account(&state.db, &actor, parse_id(&building_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/close-account")]
pub async fn close_bank_account(
    building_id: String,
    account_id: String,
    input: CloseAccountInput,
) -> Result<BankAccount, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let (building_id, account_id) = (parse_id(&building_id)?, parse_id(&account_id)?);
        buildings::close_account(&state.db, &actor, building_id, account_id, &input).await
    })
    .await
}

/// A lot's page: the lot, its history, and the owners to choose from in its forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotPage {
    pub record: LotRecord,
    pub can_manage: bool,
    /// The organisation's owners (id, name), for the holder pickers.
    pub owners: Vec<(uuid::Uuid, String)>,
    /// The building's other lots that a deed of this one could convey too.
    pub deed_candidates: Vec<crate::domain::register::LotLink>,
}

/// A lot's page as on `as_of` (`YYYY-MM-DD`, empty for today).
#[server(prefix = "/sfn", endpoint = "register/lot")]
pub async fn load_lot(id: String, #[server(default)] as_of: String) -> Result<LotPage, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let id = parse_id(&id)?;
        let as_of = crate::domain::register::holding::parse_as_of(Some(&as_of))?;
        let can_manage = actor.has(Permission::ManageRegister);
        // The owners to choose from are the organisation's, whichever lot this is: read
        // beside the lot, not after it.
        let choices = async {
            if can_manage {
                owners::choices(&state.db, &actor, 200).await
            } else {
                Ok(Vec::new())
            }
        };
        let candidates = async {
            if can_manage {
                lots::deed_candidates(&state.db, &actor, id).await
            } else {
                Ok(Vec::new())
            }
        };
        let (record, owners, deed_candidates) =
            tokio::try_join!(lots::get(&state.db, &actor, id, as_of), choices, candidates)?;
        Ok(LotPage {
            record,
            can_manage,
            owners,
            deed_candidates,
        })
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/holders")]
pub async fn register_holders(lot_id: String, input: HoldersInput) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let input = HoldersInput {
            holders: filled(input.holders),
            ..input
        };
        holdings::register_holders(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/transfer")]
pub async fn transfer_lot(lot_id: String, input: TransferInput) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let input = TransferInput {
            acquirers: filled(input.acquirers),
            ..input
        };
        holdings::transfer(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/representative")]
pub async fn designate_representative(
    lot_id: String,
    input: MandataryInput,
) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        holdings::designate_representative(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/change-quota")]
pub async fn change_lot_quota(
    lot_id: String,
    input: QuotaChangeInput,
) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        quotas::change_lot(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/change-total")]
pub async fn change_total(
    building_id: String,
    input: QuotaChangeInput,
) -> Result<QuotaOverview, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        quotas::change_total(&state.db, &actor, parse_id(&building_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/divide-lot")]
pub async fn divide_lot(lot_id: String, input: DivisionInput) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        lots::divide(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/merge-lots")]
pub async fn merge_lots(lot_id: String, input: MergerInput) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        lots::merge(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/add-mandate")]
pub async fn add_mandate(
    building_id: String,
    input: crate::domain::register::association::MandateInput,
) -> Result<crate::domain::register::association::AssociationFacts, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        crate::ssr::services::association::add_mandate(
            &state.db,
            &actor,
            parse_id(&building_id)?,
            &input,
        )
        .await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/set-rules")]
pub async fn set_association_rules(
    building_id: String,
    input: crate::domain::register::association::AssociationRulesInput,
) -> Result<crate::domain::register::association::AssociationFacts, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        crate::ssr::services::association::set_rules(
            &state.db,
            &actor,
            parse_id(&building_id)?,
            &input,
        )
        .await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/notify-transfer")]
pub async fn notify_transfer(
    lot_id: String,
    transfer_id: String,
    input: crate::domain::register::NotificationInput,
) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let (lot_id, transfer_id) = (parse_id(&lot_id)?, parse_id(&transfer_id)?);
        holdings::notify_transfer(&state.db, &actor, lot_id, transfer_id, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/void-transfer")]
pub async fn void_transfer(
    lot_id: String,
    transfer_id: String,
    input: crate::domain::register::VoidInput,
) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let (lot_id, transfer_id) = (parse_id(&lot_id)?, parse_id(&transfer_id)?);
        holdings::void_transfer(&state.db, &actor, lot_id, transfer_id, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/notary-request")]
pub async fn record_notary_request(
    lot_id: String,
    input: crate::domain::register::NotaryRequestInput,
) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        holdings::record_notary_request(&state.db, &actor, parse_id(&lot_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/answer-notary")]
pub async fn answer_notary_request(
    lot_id: String,
    request_id: String,
    input: crate::domain::register::AnswerInput,
) -> Result<LotRecord, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let (lot_id, request_id) = (parse_id(&lot_id)?, parse_id(&request_id)?);
        holdings::answer_notary_request(&state.db, &actor, lot_id, request_id, &input).await
    })
    .await
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerDirectory {
    pub page: Page<Owner>,
    pub can_manage: bool,
}

#[server(prefix = "/sfn", endpoint = "register/owners")]
pub async fn list_owners(
    q: String,
    page: u64,
    #[server(default)] as_of: String,
) -> Result<OwnerDirectory, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let filter = owners::OwnerFilter {
            q: Some(q),
            building_id: None,
            as_of: crate::domain::register::holding::parse_as_of(Some(&as_of))?,
        };
        Ok(OwnerDirectory {
            page: owners::list(&state.db, &actor, &filter, Some(page), Some(50)).await?,
            can_manage: actor.has(Permission::ManageRegister),
        })
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/create-owner")]
pub async fn create_owner(input: OwnerInput) -> Result<Owner, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        owners::create(&state.db, &actor, &input).await
    })
    .await
}

/// One owner for their page: details, lots, consents, and whether the caller may change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerPage {
    pub owner: Owner,
    pub can_manage: bool,
    /// The directory's persons by name, to choose an agent from (for those who may manage).
    pub choices: Vec<(uuid::Uuid, String)>,
}

#[server(prefix = "/sfn", endpoint = "register/owner")]
pub async fn get_owner(
    id: String,
    #[server(default)] as_of: String,
) -> Result<OwnerPage, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let as_of = crate::domain::register::holding::parse_as_of(Some(&as_of))?;
        let can_manage = actor.has(Permission::ManageRegister);
        // The persons to choose an agent from are read beside the owner, as on the lot page.
        let choices = async {
            if can_manage {
                owners::choices(&state.db, &actor, 200).await
            } else {
                Ok(Vec::new())
            }
        };
        let (owner, choices) = tokio::try_join!(
            owners::get(&state.db, &actor, parse_id(&id)?, as_of),
            choices
        )?;
        Ok(OwnerPage {
            owner,
            can_manage,
            choices,
        })
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/update-owner")]
pub async fn update_owner(id: String, version: i32, input: OwnerInput) -> Result<Owner, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        owners::update(&state.db, &actor, parse_id(&id)?, &input, version).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/give-consent")]
pub async fn give_consent(owner_id: String, input: ConsentInput) -> Result<Owner, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        consents::give(&state.db, &actor, parse_id(&owner_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/withdraw-consent")]
pub async fn withdraw_consent(
    owner_id: String,
    consent_id: String,
    input: WithdrawalInput,
) -> Result<Owner, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let (owner_id, consent_id) = (parse_id(&owner_id)?, parse_id(&consent_id)?);
        consents::withdraw(&state.db, &actor, owner_id, consent_id, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/my-lots")]
pub async fn my_lots(#[server(default)] as_of: String) -> Result<Vec<OwnedLot>, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let as_of = crate::domain::register::holding::parse_as_of(Some(&as_of))?;
        owners::my_lots(&state.db, &actor, as_of).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/appoint-agent")]
pub async fn appoint_agent(owner_id: String, input: AgentInput) -> Result<Owner, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        agents::appoint(&state.db, &actor, parse_id(&owner_id)?, &input).await
    })
    .await
}

#[server(prefix = "/sfn", endpoint = "register/end-agent")]
pub async fn end_agent(
    owner_id: String,
    agent_id: String,
    input: AgentEndInput,
) -> Result<Owner, AppError> {
    auth::acting(|cx| async move {
        let auth::Acting { state, actor, .. } = cx;
        let (owner_id, agent_id) = (parse_id(&owner_id)?, parse_id(&agent_id)?);
        agents::end(&state.db, &actor, owner_id, agent_id, &input).await
    })
    .await
}
