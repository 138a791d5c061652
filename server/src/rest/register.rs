//! The register beyond buildings: lots, owners, holders, transfers, representatives, bank
//! accounts and a building's history.

use super::extract::{ApiJson, ApiPath, ApiQuery, ApiUser};
use super::{ApiError, ErrorBody};
use app::domain::AppError;
use app::domain::register::{AgentEndInput, AgentInput, ConsentInput, WithdrawalInput};
use app::domain::register::{AnswerInput, NotaryRequestInput, NotificationInput, VoidInput};
use app::domain::register::{
    BankAccount, BankAccountInput, CloseAccountInput, DivisionInput, HoldersInput, Lot, LotInput,
    LotKind, LotRecord, MandataryInput, MergerInput, OwnedLot, Owner, OwnerInput, Page,
    QuotaChangeInput, TransferInput,
};
use app::ssr::AppState;
use app::ssr::services::audit::AuditEvent;
use app::ssr::services::{agents, buildings, consents, holdings, lots, owners, quotas};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
pub struct LotQuery {
    /// 1-based page number (default 1).
    pub page: Option<u64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<u64>,
    /// Only lots of this kind (apartment, parking, …).
    pub kind: Option<String>,
    /// Lots whose number contains this text.
    pub number: Option<String>,
    /// `YYYY-MM-DD`: the lots that existed then, with their quotes-parts and holders then.
    pub as_of: Option<String>,
}

/// The lots of a building, by number, with today's holders.
#[utoipa::path(
    get, path = "/buildings/{id}/lots", tag = "register",
    params(("id" = Uuid, Path), LotQuery),
    responses((status = 200, body = Page<Lot>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn list_lots(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<LotQuery>,
) -> Result<Json<Page<Lot>>, ApiError> {
    let kind = match query.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(LotKind::parse(k).map_err(|code| AppError::field("kind", code))?),
        None => None,
    };
    let filter = lots::LotFilter {
        kind,
        number: query.number,
    };
    let as_of = app::domain::register::holding::parse_as_of(query.as_of.as_deref())?;
    let page = lots::list(
        &state.db,
        &user.actor(),
        id,
        &filter,
        query.page,
        query.per_page,
        as_of,
    )
    .await?;
    Ok(Json(page))
}

/// Adds a lot to a building. A 422 names each invalid field (`number` when it is taken).
#[utoipa::path(
    post, path = "/buildings/{id}/lots", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = LotInput,
    responses((status = 201, body = Lot), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn create_lot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<LotInput>,
) -> Result<(StatusCode, Json<Lot>), ApiError> {
    let lot = lots::create(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(lot)))
}

/// A lot with its ownership history, transfers, quotes-parts over time and lineage; its
/// holders and quote-part as on `as_of` (today by default).
#[utoipa::path(
    get, path = "/lots/{id}", tag = "register",
    params(("id" = Uuid, Path), super::buildings::AsOfQuery),
    responses((status = 200, body = LotRecord), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn get_lot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<super::buildings::AsOfQuery>,
) -> Result<Json<LotRecord>, ApiError> {
    Ok(Json(
        lots::get(&state.db, &user.actor(), id, query.date()?).await?,
    ))
}

/// Changes a lot's quote-part from a date, on the basis of a deed, a decision or a
/// judgment; 422 if the lots would exceed the building's total on any date.
#[utoipa::path(
    post, path = "/lots/{id}/quota", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = QuotaChangeInput,
    responses((status = 200, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn change_quota(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<QuotaChangeInput>,
) -> Result<Json<LotRecord>, ApiError> {
    Ok(Json(
        quotas::change_lot(&state.db, &user.actor(), id, &input).await?,
    ))
}

/// Divides a lot by deed: it ends on `date` and its successors begin with its holders.
/// Answers the divided lot, whose `end` names them.
#[utoipa::path(
    post, path = "/lots/{id}/division", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = DivisionInput,
    responses((status = 201, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn divide_lot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<DivisionInput>,
) -> Result<(StatusCode, Json<LotRecord>), ApiError> {
    let record = lots::divide(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// Merges this lot and `others` (held by the same people on `date`) into one lot by deed.
#[utoipa::path(
    post, path = "/lots/{id}/merger", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = MergerInput,
    responses((status = 201, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn merge_lots(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<MergerInput>,
) -> Result<(StatusCode, Json<LotRecord>), ApiError> {
    let record = lots::merge(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateLot {
    /// The `version` the edit started from.
    pub version: i32,
    #[serde(flatten)]
    pub lot: LotInput,
}

/// Replaces a lot's details; 409 if it changed since `version`.
#[utoipa::path(
    put, path = "/lots/{id}", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = UpdateLot,
    responses((status = 200, body = Lot), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn update_lot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateLot>,
) -> Result<Json<Lot>, ApiError> {
    Ok(Json(
        lots::update(&state.db, &user.actor(), id, &body.lot, body.version).await?,
    ))
}

/// Deletes a lot entered by mistake; 409 once anybody was registered as holding it.
#[utoipa::path(
    delete, path = "/lots/{id}", tag = "register",
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody))
)]
pub async fn delete_lot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    lots::delete(&state.db, &user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Registers the holders of a lot that has none yet. Shares must make exactly 100% per
/// right (full + bare ownership, full ownership + usufruct); a 422 says which row is wrong.
#[utoipa::path(
    post, path = "/lots/{id}/holders", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = HoldersInput,
    responses((status = 201, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn register_holders(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<HoldersInput>,
) -> Result<(StatusCode, Json<LotRecord>), ApiError> {
    let record = holdings::register_holders(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// Records a transfer (sale, inheritance, donation): the sellers' holdings end on the deed
/// date and the acquirers' begin; the history is kept.
#[utoipa::path(
    post, path = "/lots/{id}/transfers", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = TransferInput,
    responses((status = 201, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn transfer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<TransferInput>,
) -> Result<(StatusCode, Json<LotRecord>), ApiError> {
    let record = holdings::transfer(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// Records the mandatary the holders of a co-held lot designated in writing (art. 3.87 §1): a
/// holder or a third person of the directory, acting from `valid_from` (no earlier than the
/// designation was received) until a designating holding ends or a later designation
/// replaces it.
#[utoipa::path(
    put, path = "/lots/{id}/representative", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = MandataryInput,
    responses((status = 200, body = LotRecord), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn designate_representative(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<MandataryInput>,
) -> Result<Json<LotRecord>, ApiError> {
    Ok(Json(
        holdings::designate_representative(&state.db, &user.actor(), id, &input).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OwnerQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    /// Part of a name, e-mail address or lot number.
    pub q: Option<String>,
    /// Only owners holding a lot of this building on the date.
    pub building_id: Option<Uuid>,
    /// `YYYY-MM-DD`: the directory as on that date (what each held then); today by default.
    pub as_of: Option<String>,
}

/// The owner directory, by name, with what each owner holds on `as_of` (today by default)
/// and what the syndic still counts them for.
#[utoipa::path(
    get, path = "/owners", tag = "register",
    params(OwnerQuery),
    responses((status = 200, body = Page<Owner>), (status = 403, body = ErrorBody))
)]
pub async fn list_owners(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<OwnerQuery>,
) -> Result<Json<Page<Owner>>, ApiError> {
    let filter = owners::OwnerFilter {
        q: query.q,
        building_id: query.building_id,
        as_of: app::domain::register::holding::parse_as_of(query.as_of.as_deref())?,
    };
    let page = owners::list(
        &state.db,
        &user.actor(),
        &filter,
        query.page,
        query.per_page,
    )
    .await?;
    Ok(Json(page))
}

/// Adds an owner (person or company) to the directory.
#[utoipa::path(
    post, path = "/owners", tag = "register",
    request_body = OwnerInput,
    responses((status = 201, body = Owner), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn create_owner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<OwnerInput>,
) -> Result<(StatusCode, Json<Owner>), ApiError> {
    let owner = owners::create(&state.db, &user.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(owner)))
}

/// An owner with what they held on `as_of` (today by default), their consents and agents.
#[utoipa::path(
    get, path = "/owners/{id}", tag = "register",
    params(("id" = Uuid, Path), super::buildings::AsOfQuery),
    responses((status = 200, body = Owner), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn get_owner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<super::buildings::AsOfQuery>,
) -> Result<Json<Owner>, ApiError> {
    Ok(Json(
        owners::get(&state.db, &user.actor(), id, query.date()?).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateOwner {
    pub version: i32,
    #[serde(flatten)]
    pub owner: OwnerInput,
}

#[utoipa::path(
    put, path = "/owners/{id}", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = UpdateOwner,
    responses((status = 200, body = Owner), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn update_owner(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateOwner>,
) -> Result<Json<Owner>, ApiError> {
    Ok(Json(
        owners::update(&state.db, &user.actor(), id, &body.owner, body.version).await?,
    ))
}

/// Records an owner's written consent to e-mail from one association (art. 3.87 §3): for
/// the owner's address of today, from the date of the written consent, with its evidence.
#[utoipa::path(
    post, path = "/owners/{id}/consents", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = ConsentInput,
    responses((status = 201, body = Owner), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn give_consent(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ConsentInput>,
) -> Result<(StatusCode, Json<Owner>), ApiError> {
    let owner = consents::give(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(owner)))
}

/// Records the withdrawal of a consent: from that day the association writes by registered
/// letter again.
#[utoipa::path(
    post, path = "/owners/{id}/consents/{consent_id}/withdrawal", tag = "register",
    params(("id" = Uuid, Path), ("consent_id" = Uuid, Path)),
    request_body = WithdrawalInput,
    responses((status = 200, body = Owner), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, consent_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<WithdrawalInput>,
) -> Result<Json<Owner>, ApiError> {
    Ok(Json(
        consents::withdraw(&state.db, &user.actor(), id, consent_id, &input).await?,
    ))
}

/// The lots the caller holds on `as_of` (today by default) in their current organisation
/// (owners' view).
#[utoipa::path(
    get, path = "/me/lots", tag = "register",
    params(super::buildings::AsOfQuery),
    responses((status = 200, body = Vec<OwnedLot>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn my_lots(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<super::buildings::AsOfQuery>,
) -> Result<Json<Vec<OwnedLot>>, ApiError> {
    Ok(Json(
        owners::my_lots(&state.db, &user.actor(), query.date()?).await?,
    ))
}

/// Records who acts for an owner (a company's organ, a minor's parent or guardian, a
/// protected person's administrator, an attorney), from when, on what document, and whether
/// the association's mail goes to them.
#[utoipa::path(
    post, path = "/owners/{id}/agents", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = AgentInput,
    responses((status = 201, body = Owner), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn appoint_agent(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<AgentInput>,
) -> Result<(StatusCode, Json<Owner>), ApiError> {
    let owner = agents::appoint(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(owner)))
}

/// Records the end of an agency: from that day the agent no longer acts for the owner.
#[utoipa::path(
    post, path = "/owners/{id}/agents/{agent_id}/end", tag = "register",
    params(("id" = Uuid, Path), ("agent_id" = Uuid, Path)),
    request_body = AgentEndInput,
    responses((status = 200, body = Owner), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn end_agent(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, agent_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<AgentEndInput>,
) -> Result<Json<Owner>, ApiError> {
    Ok(Json(
        agents::end(&state.db, &user.actor(), id, agent_id, &input).await?,
    ))
}

#[utoipa::path(
    get, path = "/buildings/{id}/bank-accounts", tag = "register",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<BankAccount>), (status = 404, body = ErrorBody))
)]
pub async fn list_accounts(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<BankAccount>>, ApiError> {
    Ok(Json(
        buildings::accounts(&state.db, &user.actor(), id).await?,
    ))
}

/// Adds a bank account of the association: IBAN and BIC checked, the holder's name required,
/// several per fund allowed; an IBAN registered by any association is refused (422).
#[utoipa::path(
    post, path = "/buildings/{id}/bank-accounts", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = BankAccountInput,
    responses((status = 201, body = BankAccount), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn add_account(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<BankAccountInput>,
) -> Result<(StatusCode, Json<BankAccount>), ApiError> {
    let account = buildings::add_account(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// Closes an account from a date; it stays listed, as closed (nothing the history needs is
/// deleted). 409 when it changed since it was read or is closed already.
#[utoipa::path(
    post, path = "/buildings/{id}/bank-accounts/{account_id}/close", tag = "register",
    params(("id" = Uuid, Path), ("account_id" = Uuid, Path)),
    request_body = CloseAccountInput,
    responses(
        (status = 200, body = BankAccount),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn close_account(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, account_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<CloseAccountInput>,
) -> Result<Json<BankAccount>, ApiError> {
    Ok(Json(
        buildings::close_account(&state.db, &user.actor(), id, account_id, &input).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct HistoryQuery {
    /// At most this many events (default 100, at most 500).
    pub limit: Option<u64>,
}

/// Every change to the building and its lots, newest first.
#[utoipa::path(
    get, path = "/buildings/{id}/history", tag = "register",
    params(("id" = Uuid, Path), HistoryQuery),
    responses((status = 200, body = Vec<AuditEvent>), (status = 404, body = ErrorBody))
)]
pub async fn history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> Result<Json<Vec<AuditEvent>>, ApiError> {
    Ok(Json(
        buildings::history(&state.db, &user.actor(), id, query.limit.unwrap_or(100)).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportQuery {
    /// `true` to write the register; otherwise the file is only checked.
    #[serde(default)]
    pub apply: bool,
}

/// Imports lots and owners from a CSV or XLSX file sent as the request body (one row per
/// holder; columns as in the export). Without `apply=true` the file is only checked. Any
/// invalid row makes a 422 whose fields are `line.<n>.<column>`, and nothing is written.
#[utoipa::path(
    post, path = "/buildings/{id}/import", tag = "register",
    params(("id" = Uuid, Path), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "CSV (UTF-8, `,` or `;`) or XLSX bytes"),
    responses((status = 200, body = app::domain::register::import::ImportReport), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn import(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Json<app::domain::register::import::ImportReport>, ApiError> {
    Ok(Json(
        app::ssr::services::register_io::import(
            &state.db,
            &state.work,
            &user.actor(),
            id,
            body.to_vec(),
            query.apply,
        )
        .await?,
    ))
}

/// The building's register today as CSV, one row per holder.
#[utoipa::path(
    get, path = "/buildings/{id}/export.csv", tag = "register",
    params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorBody))
)]
pub async fn export(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<impl axum::response::IntoResponse, ApiError> {
    let (name, csv) =
        app::ssr::services::register_io::export_csv(&state.db, &user.actor(), id).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        csv,
    ))
}

/// The import form of the building page (`multipart/form-data`: `file`, and `mode` =
/// `check` or `apply`). It works the same with and without JavaScript: the browser is sent
/// back to the page's import tab with the report or the errors in the query string.
pub async fn import_form(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    mut form: axum::extract::Multipart,
) -> Result<axum::response::Redirect, ApiError> {
    let mut file = Vec::new();
    let mut apply = false;
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("file") => {
                file = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::field("file", "import.unreadable"))?
                    .to_vec()
            }
            Some("mode") => apply = field.text().await.unwrap_or_default() == "apply",
            _ => {}
        }
    }
    let outcome = if file.is_empty() {
        Err(AppError::field("file", "import.empty"))
    } else {
        app::ssr::services::register_io::import(
            &state.db,
            &state.work,
            &user.actor(),
            id,
            file,
            apply,
        )
        .await
    };
    let query = match outcome {
        Ok(report) => ("report", serde_json::to_string(&report).unwrap_or_default()),
        Err(AppError::NotFound) => return Err(ApiError(AppError::NotFound)),
        Err(AppError::Validation(mut fields)) => {
            // Keep the address short: the first fifty problems are plenty to fix first.
            let keep: Vec<String> = fields.keys().skip(50).cloned().collect();
            for key in keep {
                fields.remove(&key);
            }
            (
                "error",
                serde_json::to_string(&AppError::Validation(fields)).unwrap_or_default(),
            )
        }
        Err(other) => ("error", serde_json::to_string(&other).unwrap_or_default()),
    };
    let encoded: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("tab", "import")
        .append_pair(query.0, &query.1)
        .finish();
    Ok(axum::response::Redirect::to(&format!(
        "/buildings/{id}?{encoded}"
    )))
}

/// Records the day the syndic was notified of a deed: from then the buyers count towards
/// the association and the sellers no longer do.
#[utoipa::path(
    post, path = "/lots/{id}/transfers/{transfer_id}/notification", tag = "register",
    params(("id" = Uuid, Path), ("transfer_id" = Uuid, Path)),
    request_body = NotificationInput,
    responses((status = 200, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn notify_transfer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, transfer_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<NotificationInput>,
) -> Result<Json<LotRecord>, ApiError> {
    Ok(Json(
        holdings::notify_transfer(&state.db, &user.actor(), id, transfer_id, &input).await?,
    ))
}

/// Voids a transfer recorded by mistake, with its reason: the earlier holdings come back.
/// 409 when the lot has history after it.
#[utoipa::path(
    post, path = "/lots/{id}/transfers/{transfer_id}/void", tag = "register",
    params(("id" = Uuid, Path), ("transfer_id" = Uuid, Path)),
    request_body = VoidInput,
    responses((status = 200, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn void_transfer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, transfer_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<VoidInput>,
) -> Result<Json<LotRecord>, ApiError> {
    Ok(Json(
        holdings::void_transfer(&state.db, &user.actor(), id, transfer_id, &input).await?,
    ))
}

/// Records a notary's request about the lot (art. 3.94); the answer is due in 15 days
/// (before the sale agreement) or 30 days (before the deed).
#[utoipa::path(
    post, path = "/lots/{id}/notary-requests", tag = "register",
    params(("id" = Uuid, Path)),
    request_body = NotaryRequestInput,
    responses((status = 201, body = LotRecord), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn record_notary_request(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<NotaryRequestInput>,
) -> Result<(StatusCode, Json<LotRecord>), ApiError> {
    let record = holdings::record_notary_request(&state.db, &user.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// Records the day the syndic answered a notary's request.
#[utoipa::path(
    post, path = "/lots/{id}/notary-requests/{request_id}/answer", tag = "register",
    params(("id" = Uuid, Path), ("request_id" = Uuid, Path)),
    request_body = AnswerInput,
    responses((status = 200, body = LotRecord), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody))
)]
pub async fn answer_notary_request(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiPath((id, request_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<AnswerInput>,
) -> Result<Json<LotRecord>, ApiError> {
    Ok(Json(
        holdings::answer_notary_request(&state.db, &user.actor(), id, request_id, &input).await?,
    ))
}
