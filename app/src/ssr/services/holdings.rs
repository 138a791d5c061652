//! Who holds a lot: the first registration of its holders, transfers (sale, inheritance,
//! donation) that close and open holdings without rewriting history, and the voting
//! representative of co-holders.

use super::{audit, lots};
use crate::domain::register::share::{self, check_holdings, plan_transfer};
use crate::domain::register::{
    HoldersInput, LotRecord, MandataryInput, Right, Share, TransferInput, mandatary,
};
use crate::domain::{Actor, AppError, Permission, calendar};
use chrono::{NaiveDate, Utc};
use entity::{lot, lot_representative, ownership, transfer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use uuid::Uuid;

fn to_domain(row: &ownership::Model) -> Result<share::Holding, AppError> {
    Ok(share::Holding {
        owner: row.owner_id,
        right: lots::right_of(row)?,
        share: lots::share_of(row)?,
        from: row.valid_from,
        to: row.valid_to,
    })
}

/// Every acquirer must be an owner of the actor's organisation (one query for all of them).
async fn check_owners(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    field: &str,
    holders: &[(Uuid, Right, Share)],
) -> Result<(), AppError> {
    let organization_id = actor.organization_id.ok_or(AppError::Forbidden)?;
    let known: std::collections::HashSet<Uuid> = entity::owner::Entity::find()
        .filter(entity::owner::Column::OrganizationId.eq(organization_id))
        .filter(entity::owner::Column::Id.is_in(holders.iter().map(|(id, _, _)| *id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    match holders.iter().position(|(id, _, _)| !known.contains(id)) {
        Some(i) => Err(AppError::field(
            &format!("{field}.{i}.owner_id"),
            "owner.not_found",
        )),
        None => Ok(()),
    }
}

async fn open_holding(
    conn: &impl ConnectionTrait,
    lot: &lot::Model,
    (owner_id, right, share): &(Uuid, Right, Share),
    from: NaiveDate,
    opened_by: Option<Uuid>,
) -> Result<(), AppError> {
    ownership::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(lot.organization_id),
        lot_id: Set(lot.id),
        owner_id: Set(*owner_id),
        right: Set(right.as_str().to_owned()),
        share_numerator: Set(crate::ssr::decode::share_columns(*share).0),
        share_denominator: Set(crate::ssr::decode::share_columns(*share).1),
        valid_from: Set(from),
        valid_to: Set(None),
        opened_by: Set(opened_by),
        closed_by: Set(None),
        created_at: Set(Utc::now()),
        version: Set(1),
        updated_at: Set(Some(Utc::now())),
    }
    .insert(conn)
    .await?;
    Ok(())
}

fn holders_json(holders: &[(Uuid, Right, Share)]) -> serde_json::Value {
    json!(
        holders
            .iter()
            .map(|(o, r, s)| json!({"owner_id": o, "right": r.as_str(), "share": s.to_string()}))
            .collect::<Vec<_>>()
    )
}

/// Registers who holds a lot that has no holders yet (setting up the register). Later
/// changes go through a transfer, which keeps the history.
pub async fn register_holders_in(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    lot: &lot::Model,
    from: NaiveDate,
    holders: &[(Uuid, Right, Share)],
) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let existing = ownership::Entity::find()
        .filter(ownership::Column::LotId.eq(lot.id))
        .count(conn)
        .await?;
    if existing > 0 {
        return Err(AppError::Conflict("conflict.lot_already_held".into()));
    }
    check_owners(conn, actor, "holders", holders).await?;
    let planned: Vec<share::Holding> = holders
        .iter()
        .map(|(owner, right, share)| share::Holding {
            owner: *owner,
            right: *right,
            share: *share,
            from,
            to: None,
        })
        .collect();
    check_holdings(&planned).map_err(|_| AppError::field("holders", "holders.not_whole"))?;
    lots::claim(conn, lot).await?;
    for holder in holders {
        open_holding(conn, lot, holder, from, None).await?;
    }
    audit::record(
        conn,
        audit::Entry::new("lot.holders_registered", "lot", lot.id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({"valid_from": from, "holders": holders_json(holders)})),
    )
    .await?;
    Ok(())
}

pub async fn register_holders(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &HoldersInput,
) -> Result<LotRecord, AppError> {
    actor.require(Permission::ManageRegister)?;
    let (from, holders) = input.validate(calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    register_holders_in(&txn, actor, &lot, from, &holders).await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

/// Where a refused transfer goes wrong, on the field the user can fix.
fn transfer_error(code: &'static str) -> AppError {
    let field = match code {
        "transfer.seller_holds_nothing" => "sellers",
        "transfer.before_acquisition" | "transfer.later_history_exists" => "deed_date",
        _ => "acquirers",
    };
    AppError::field(field, code)
}

/// A refusal about another lot of a deed, on that lot's field (`other_lots.<lot id>`): the
/// user must see which lot of the deed could not be transferred and why.
fn on_other_lot(err: AppError, lot_id: Uuid) -> AppError {
    let field = format!("other_lots.{lot_id}");
    match err {
        AppError::Validation(fields) => {
            let codes: Vec<String> = fields.into_values().flatten().collect();
            AppError::Validation([(field, codes)].into_iter().collect())
        }
        AppError::Conflict(code) => AppError::field(&field, &code),
        AppError::NotFound | AppError::Forbidden => AppError::field(&field, "lot.unknown"),
        other => other,
    }
}

/// Records a deed that conveys one lot or several lots of a building (an apartment with its
/// cellar and parking): on the deed date the sellers' holdings of each lot end and the
/// acquirers' begin, all or nothing; the transfers share the deed's id. The co-holders'
/// mandatary, if any, ends with them.
pub async fn transfer(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &TransferInput,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate(calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    check_owners(&txn, actor, "acquirers", &details.transfer.acquirers).await?;
    // The deed's other lots in one statement, not one per lot.
    let mut found: std::collections::HashMap<Uuid, lot::Model> = if details.other_lots.is_empty() {
        Default::default()
    } else {
        lot::Entity::find()
            .filter(lot::Column::Id.is_in(details.other_lots.iter().copied()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect()
    };
    let mut deed_lots = Vec::with_capacity(details.other_lots.len());
    for &other_id in &details.other_lots {
        let other = found
            .remove(&other_id)
            .ok_or(AppError::NotFound)
            .and_then(|l| lots::ensure_own(actor, &l).map(|()| l))
            .map_err(|e| on_other_lot(e, other_id))?;
        if other.id == lot.id {
            return Err(on_other_lot(
                AppError::field("", "transfer.same_lot"),
                other_id,
            ));
        }
        if other.building_id != lot.building_id {
            return Err(on_other_lot(
                AppError::field("", "transfer.other_building"),
                other_id,
            ));
        }
        deed_lots.push(other);
    }
    let deed_id = Uuid::now_v7();
    let lot_numbers: Vec<&str> = std::iter::once(lot.number.as_str())
        .chain(deed_lots.iter().map(|l| l.number.as_str()))
        .collect();
    let audit_lots = json!(lot_numbers);
    transfer_one(
        &txn,
        actor,
        organization_id,
        &lot,
        &details,
        deed_id,
        &audit_lots,
    )
    .await?;
    for other in &deed_lots {
        transfer_one(
            &txn,
            actor,
            organization_id,
            other,
            &details,
            deed_id,
            &audit_lots,
        )
        .await
        .map_err(|e| on_other_lot(e, other.id))?;
    }
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

/// One lot of a deed, inside the deed's transaction.
async fn transfer_one(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: Uuid,
    lot: &lot::Model,
    details: &crate::domain::register::holding::TransferDetails,
    deed_id: Uuid,
    deed_lots: &serde_json::Value,
) -> Result<(), AppError> {
    let lot_id = lot.id;
    let rows = ownership::Entity::find()
        .filter(ownership::Column::LotId.eq(lot_id))
        .all(txn)
        .await?;
    if rows.is_empty() {
        return Err(AppError::Conflict("conflict.lot_not_held".into()));
    }
    let history: Vec<share::Holding> = rows.iter().map(to_domain).collect::<Result<_, _>>()?;
    let plan = plan_transfer(&history, &details.transfer).map_err(transfer_error)?;
    lots::claim(txn, lot).await?;
    let date = details.transfer.date;
    let record = transfer::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        lot_id: Set(lot_id),
        kind: Set(details.kind.as_str().to_owned()),
        deed_date: Set(date),
        notary: Set(details.notary.clone()),
        created_by: Set(actor.user()),
        created_at: Set(Utc::now()),
        enjoyment_date: Set(Some(details.enjoyment_date)),
        notified_on: Set(details.notified_on),
        seller_address: Set(details.seller_address.clone()),
        voided_at: Set(None),
        voided_by: Set(None),
        void_reason: Set(None),
        version: Set(1),
        updated_at: Set(Some(Utc::now())),
        deed_id: Set(Some(deed_id)),
    }
    .insert(txn)
    .await?;
    for &i in &plan.close {
        let mut closing = rows[i].clone().into_active_model();
        closing.valid_to = Set(Some(date));
        closing.closed_by = Set(Some(record.id));
        closing.update(txn).await?;
    }
    for holding in &plan.open {
        open_holding(
            txn,
            lot,
            &(holding.owner, holding.right, holding.share),
            date,
            Some(record.id),
        )
        .await?;
    }
    let after: Vec<share::Holding> = history
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut h = h.clone();
            if plan.close.contains(&i) {
                h.to = Some(date);
            }
            h
        })
        .chain(plan.open.iter().map(|o| share::Holding {
            owner: o.owner,
            right: o.right,
            share: o.share,
            from: date,
            to: None,
        }))
        .collect();
    follow_history(txn, lot_id, &history, &after, date).await?;
    audit::record(
        txn,
        audit::Entry::new("lot.transferred", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(json!({"sellers": details.transfer.sellers}))
            .after(json!({
                "transfer_id": record.id,
                "deed_id": deed_id,
                "deed_lots": deed_lots,
                "kind": details.kind.as_str(),
                "deed_date": date,
                "notary": details.notary,
                "enjoyment_date": details.enjoyment_date,
                "notified_on": details.notified_on,
                "seller_address": details.seller_address,
                "acquirers": holders_json(&details.transfer.acquirers),
            })),
    )
    .await?;
    Ok(())
}

/// A lot's mandataries follow its holdings: one whose designating holders' holding ends
/// ends with it; a deed registered late that changes who designated one is refused.
async fn follow_history(
    conn: &impl ConnectionTrait,
    lot_id: Uuid,
    before: &[share::Holding],
    after: &[share::Holding],
    date: NaiveDate,
) -> Result<(), AppError> {
    let designations = lot_representative::Entity::find()
        .filter(lot_representative::Column::LotId.eq(lot_id))
        .all(conn)
        .await?;
    for row in designations {
        let recorded = mandatary::Period {
            from: row.valid_from,
            to: row.valid_to,
        };
        if recorded.to.is_some_and(|to| to <= recorded.from) {
            continue; // never in force
        }
        let followed = mandatary::after_transfer(before, after, &recorded, date)
            .map_err(|code| AppError::field("deed_date", code))?;
        if followed != recorded {
            let mut active = row.into_active_model();
            active.valid_to = Set(followed.to);
            active.update(conn).await?;
        }
    }
    Ok(())
}

/// Records the mandatary the holders of a co-held lot designated in writing (art. 3.87 §1;
/// rules in `domain::register::mandatary`): a holder or a third person of the directory,
/// from a date no earlier than the designation was received, until a designating holding
/// ends. It replaces the one in force before it, which must have started earlier.
pub async fn designate_representative(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &MandataryInput,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let (designation, document) = input.validate()?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    let known = entity::owner::Entity::find_by_id(designation.mandatary)
        .filter(entity::owner::Column::OrganizationId.eq(organization_id))
        .one(&txn)
        .await?;
    if known.is_none() {
        return Err(AppError::field("owner_id", "owner.not_found"));
    }
    let history: Vec<share::Holding> = ownership::Entity::find()
        .filter(ownership::Column::LotId.eq(lot_id))
        .all(&txn)
        .await?
        .iter()
        .map(to_domain)
        .collect::<Result<_, _>>()?;
    let period = mandatary::period(&history, &designation, calendar::today()).map_err(|code| {
        let field = match code {
            "mandatary.before_received" | "mandatary.lot_not_held" => "valid_from",
            "mandatary.single_holder" => "owner_id",
            _ => "received_on",
        };
        AppError::field(field, code)
    })?;
    lots::claim(&txn, &lot).await?;
    // The designations still in force on or after the new one's date end where it starts.
    let later = lot_representative::Entity::find()
        .filter(lot_representative::Column::LotId.eq(lot_id))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|row| {
            row.valid_to
                .is_none_or(|to| to > designation.from && to > row.valid_from)
        });
    for row in later {
        let previous = mandatary::Period {
            from: row.valid_from,
            to: row.valid_to,
        };
        let replaced = mandatary::replaced(&previous, designation.from)
            .map_err(|code| AppError::field("valid_from", code))?;
        let mut active = row.into_active_model();
        active.valid_to = Set(replaced.to);
        active.update(&txn).await?;
    }
    lot_representative::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        lot_id: Set(lot_id),
        owner_id: Set(designation.mandatary),
        valid_from: Set(period.from),
        valid_to: Set(period.to),
        received_on: Set(designation.received_on),
        document_ref: Set(document.clone()),
        created_at: Set(Utc::now()),
        version: Set(1),
        updated_at: Set(Some(Utc::now())),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("lot.representative_designated", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({
                "owner_id": designation.mandatary,
                "valid_from": period.from,
                "valid_to": period.to,
                "received_on": designation.received_on,
                "document": document,
            })),
    )
    .await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

/// A transfer of the lot, the actor's, not voided.
async fn find_transfer(
    conn: &impl ConnectionTrait,
    lot: &lot::Model,
    transfer_id: Uuid,
) -> Result<transfer::Model, AppError> {
    transfer::Entity::find_by_id(transfer_id)
        .filter(transfer::Column::LotId.eq(lot.id))
        .filter(transfer::Column::OrganizationId.eq(lot.organization_id))
        .filter(transfer::Column::VoidedAt.is_null())
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Claims the transfer at the version it was read at, with the changes `set` makes.
async fn claim_transfer(
    conn: &impl ConnectionTrait,
    row: &transfer::Model,
    expected: i32,
    set: impl FnOnce(sea_orm::UpdateMany<transfer::Entity>) -> sea_orm::UpdateMany<transfer::Entity>,
) -> Result<(), AppError> {
    crate::ssr::db::claim(conn, set(transfer::Entity::update_many()), row.id, expected).await
}

/// Records when the syndic was notified of a deed: from then the buyers count towards the
/// association (convened, called for funds) and the sellers no longer do.
pub async fn notify_transfer(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    transfer_id: Uuid,
    input: &crate::domain::register::NotificationInput,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    let row = find_transfer(&txn, &lot, transfer_id).await?;
    let notified_on = crate::domain::register::holding::parse_notified_on(
        &input.notified_on,
        Some(row.deed_date),
        calendar::today(),
    )
    .and_then(|d| d.ok_or("date.required"))
    .map_err(|code| AppError::field("notified_on", code))?;
    use sea_orm::sea_query::{Expr, ExprTrait};
    claim_transfer(&txn, &row, input.version, |u| {
        u.col_expr(transfer::Column::NotifiedOn, Expr::value(notified_on))
    })
    .await?;
    // The notary notifies the deed: it counts for every lot the deed conveyed and the syndic
    // had not yet been notified of (`update_many` passes by the hooks: version by hand).
    let deed_notified = match row.deed_id {
        Some(deed_id) => {
            transfer::Entity::update_many()
                .col_expr(transfer::Column::NotifiedOn, Expr::value(notified_on))
                .col_expr(
                    transfer::Column::Version,
                    Expr::col(transfer::Column::Version).add(1),
                )
                .col_expr(transfer::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(transfer::Column::DeedId.eq(deed_id))
                .filter(transfer::Column::Id.ne(row.id))
                .filter(transfer::Column::NotifiedOn.is_null())
                .filter(transfer::Column::VoidedAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
        }
        None => 0,
    };
    audit::record(
        &txn,
        audit::Entry::new("lot.transfer_notified", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(json!({"transfer_id": transfer_id, "notified_on": row.notified_on}))
            .after(json!({
                "transfer_id": transfer_id, "notified_on": notified_on,
                "deed_id": row.deed_id, "other_lots_notified": deed_notified,
            })),
    )
    .await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

/// Voids a transfer recorded by mistake: the holdings it opened go, those it closed open
/// again, and so do the mandataries its deed date ended. Only the lot's latest transfer, with
/// nothing recorded on the lot since (a later history would rest on it); the transfer row
/// stays, voided, with its reason, and the audit entry keeps what was undone.
pub async fn void_transfer(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    transfer_id: Uuid,
    input: &crate::domain::register::VoidInput,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let reason = input.validate()?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    let row = find_transfer(&txn, &lot, transfer_id).await?;
    let date = row.deed_date;
    let holdings = ownership::Entity::find()
        .filter(ownership::Column::LotId.eq(lot_id))
        .all(&txn)
        .await?;
    let designations = lot_representative::Entity::find()
        .filter(lot_representative::Column::LotId.eq(lot_id))
        .all(&txn)
        .await?;
    // Anything on the lot after the deed but this transfer's own holdings is later history.
    let later_holding = holdings.iter().any(|o| {
        (o.valid_from > date && o.opened_by != Some(transfer_id))
            || (o.opened_by == Some(transfer_id) && o.valid_to.is_some())
    });
    let later_designation = designations.iter().any(|r| r.valid_from >= date);
    if lot.valid_to.is_some() || later_holding || later_designation {
        return Err(AppError::Conflict(
            "conflict.transfer_has_later_history".into(),
        ));
    }
    lots::claim(&txn, &lot).await?;
    use sea_orm::sea_query::{Expr, ExprTrait};
    let now = Utc::now();
    claim_transfer(&txn, &row, input.version, |u| {
        u.col_expr(transfer::Column::VoidedAt, Expr::value(now))
            .col_expr(transfer::Column::VoidedBy, Expr::value(actor.user()))
            .col_expr(transfer::Column::VoidReason, Expr::value(reason.clone()))
    })
    .await?;
    let opened: Vec<&ownership::Model> = holdings
        .iter()
        .filter(|o| o.opened_by == Some(transfer_id))
        .collect();
    ownership::Entity::delete_many()
        .filter(ownership::Column::LotId.eq(lot_id))
        .filter(ownership::Column::OpenedBy.eq(transfer_id))
        .exec(&txn)
        .await?;
    // `update_many` passes by the entities' hooks: the version and updated-at by hand.
    ownership::Entity::update_many()
        .col_expr(
            ownership::Column::Version,
            Expr::col(ownership::Column::Version).add(1),
        )
        .col_expr(ownership::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            ownership::Column::ValidTo,
            Expr::value(Option::<NaiveDate>::None),
        )
        .col_expr(
            ownership::Column::ClosedBy,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(ownership::Column::LotId.eq(lot_id))
        .filter(ownership::Column::ClosedBy.eq(transfer_id))
        .exec(&txn)
        .await?;
    // The designations that ended with the deed ended because of it.
    lot_representative::Entity::update_many()
        .col_expr(
            lot_representative::Column::Version,
            Expr::col(lot_representative::Column::Version).add(1),
        )
        .col_expr(lot_representative::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            lot_representative::Column::ValidTo,
            Expr::value(Option::<NaiveDate>::None),
        )
        .filter(lot_representative::Column::LotId.eq(lot_id))
        .filter(lot_representative::Column::ValidTo.eq(date))
        .filter(lot_representative::Column::ValidFrom.lt(date))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        audit::Entry::new("lot.transfer_voided", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(json!({
                "transfer_id": transfer_id,
                "deed_date": date,
                "opened": opened.iter().map(|o| json!({
                    "owner_id": o.owner_id, "right": o.right,
                    "share": format!("{}/{}", o.share_numerator, o.share_denominator),
                })).collect::<Vec<_>>(),
            }))
            .after(json!({"transfer_id": transfer_id, "reason": reason})),
    )
    .await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

fn notary_request_view(
    row: &entity::notary_request::Model,
    today: NaiveDate,
) -> Result<crate::domain::register::NotaryRequest, AppError> {
    use crate::domain::register::sale::{NotaryRequestKind, answer_state};
    let kind = crate::ssr::decode::text(
        crate::ssr::decode::At {
            table: "notary_requests",
            column: "kind",
            id: &row.id,
        },
        &row.kind,
        NotaryRequestKind::parse,
    )?;
    Ok(crate::domain::register::NotaryRequest {
        id: row.id,
        kind,
        received_on: row.received_on,
        due_on: kind.due_on(row.received_on),
        notary: row.notary.clone(),
        reference: row.reference.clone(),
        answered_on: row.answered_on,
        state: answer_state(kind, row.received_on, row.answered_on, today),
        version: row.version,
    })
}

/// The notary's requests about a lot, newest first, with where each answer stands today.
pub async fn notary_requests(
    conn: &impl ConnectionTrait,
    lot_id: Uuid,
) -> Result<Vec<crate::domain::register::NotaryRequest>, AppError> {
    use sea_orm::QueryOrder;
    let today = calendar::today();
    entity::notary_request::Entity::find()
        .filter(entity::notary_request::Column::LotId.eq(lot_id))
        .order_by_desc(entity::notary_request::Column::ReceivedOn)
        .all(conn)
        .await?
        .iter()
        .map(|r| notary_request_view(r, today))
        .collect()
}

/// Records a notary's request about a lot (art. 3.94); its answer is due within the legal
/// deadline of its kind.
pub async fn record_notary_request(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    input: &crate::domain::register::NotaryRequestInput,
) -> Result<LotRecord, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate(calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    let now = Utc::now();
    let row = entity::notary_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        lot_id: Set(lot.id),
        kind: Set(details.kind.as_str().to_owned()),
        received_on: Set(details.received_on),
        notary: Set(details.notary.clone()),
        reference: Set(details.reference.clone()),
        answered_on: Set(None),
        created_by: Set(actor.user()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("lot.notary_request_received", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({
                "request_id": row.id, "kind": details.kind.as_str(),
                "received_on": details.received_on, "notary": details.notary,
                "due_on": details.kind.due_on(details.received_on),
            })),
    )
    .await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}

/// Records the day the syndic answered a notary's request.
pub async fn answer_notary_request(
    db: &DatabaseConnection,
    actor: &Actor,
    lot_id: Uuid,
    request_id: Uuid,
    input: &crate::domain::register::AnswerInput,
) -> Result<LotRecord, AppError> {
    use entity::notary_request;
    use sea_orm::sea_query::Expr;
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let lot = lots::find_own(&txn, actor, lot_id).await?;
    let row = notary_request::Entity::find_by_id(request_id)
        .filter(notary_request::Column::LotId.eq(lot.id))
        .filter(notary_request::Column::OrganizationId.eq(lot.organization_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let answered_on =
        crate::domain::register::holding::not_after(&input.answered_on, calendar::today())
            .and_then(|d| {
                if d < row.received_on {
                    Err("notary_request.answer_before_request")
                } else {
                    Ok(d)
                }
            })
            .map_err(|code| AppError::field("answered_on", code))?;
    crate::ssr::db::claim(
        &txn,
        notary_request::Entity::update_many()
            .col_expr(notary_request::Column::AnsweredOn, Expr::value(answered_on)),
        row.id,
        input.version,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("lot.notary_request_answered", "lot", lot_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({"request_id": request_id, "answered_on": answered_on})),
    )
    .await?;
    txn.commit().await?;
    lots::get(db, actor, lot_id, None).await
}
