//! Buildings (associations of co-owners) of the actor's organisation.

use super::audit;
use crate::domain::register::LotKind;
use crate::domain::register::bank::{self, AccountNumber, AccountPurpose};
use crate::domain::register::{BankAccount, BankAccountInput, CloseAccountInput};
use crate::domain::register::{Building, BuildingDetails, BuildingInput};
use crate::domain::{Actor, AppError, Permission, calendar};
use crate::ssr::decode;
use crate::ssr::identity::{Cached, Identity, ListKey};
use chrono::{NaiveDate, Utc};
use entity::{bank_account, building, lot, ownership, quota_period};
use sea_orm::sea_query::{Asterisk, Condition, Expr, ExprTrait, Func, JoinType, Order, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

/// A building with what the lists show of its register today, aggregated by the database
/// in the same statement: a list of 30 buildings of 40 lots is one statement, not a load of
/// every lot and holding the organisation ever had.
#[derive(FromQueryResult)]
struct Listed {
    #[sea_orm(nested)]
    building: building::Model,
    /// The total in force on the day of the figures.
    total_quota: Option<i64>,
    lot_count: i64,
    counted_lot_count: i64,
    assigned_quota: i64,
    /// Checked like every stored value (`decode`): a negative quota or an unknown kind is
    /// an error, never counted silently.
    min_quota: Option<i64>,
    unknown_kinds: i64,
    owner_count: i64,
    working_accounts: i64,
    reserve_accounts: i64,
}

/// Which buildings' figures a statement computes: an organisation's (a list) or one
/// building's (a page). Bounds each aggregate's pass over lots, holdings and accounts.
#[derive(Clone, Copy)]
enum Scope {
    Organization(Uuid),
    Building(Uuid),
}

impl Scope {
    fn lots(self) -> Condition {
        match self {
            Scope::Organization(id) => Condition::all().add(lot::Column::OrganizationId.eq(id)),
            Scope::Building(id) => Condition::all().add(lot::Column::BuildingId.eq(id)),
        }
    }

    fn quotas(self) -> Condition {
        match self {
            Scope::Organization(id) => {
                Condition::all().add(quota_period::Column::OrganizationId.eq(id))
            }
            Scope::Building(id) => Condition::all().add(quota_period::Column::BuildingId.eq(id)),
        }
    }

    fn accounts(self) -> Condition {
        match self {
            Scope::Organization(id) => {
                Condition::all().add(bank_account::Column::OrganizationId.eq(id))
            }
            Scope::Building(id) => Condition::all().add(bank_account::Column::BuildingId.eq(id)),
        }
    }
}

/// Buildings with their register figures: three aggregates over the lots, holdings and bank
/// accounts in scope (one pass each, grouped by building, hash-joined), not a subquery per
/// building and figure.
fn with_register(
    db: &impl ConnectionTrait,
    scope: Scope,
    buildings: Condition,
    today: NaiveDate,
) -> sea_orm::Statement {
    let kinds = |counted: bool| {
        LotKind::ALL
            .iter()
            .filter(move |k| !counted || k.counts_for_thresholds())
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
    };
    let lot_col = |c: lot::Column| Expr::col((lot::Entity, c));
    let quota_col = |c: quota_period::Column| Expr::col((quota_period::Entity, c));
    // `QuotaPeriod::covers` in SQL.
    let quota_on = super::lots::period_covers(
        quota_col(quota_period::Column::ValidFrom),
        quota_col(quota_period::Column::ValidTo),
        today,
    );
    let tally = |condition: Expr| Func::sum(Expr::case(condition, 1).finally(0));
    let figures = Query::select()
        .column((lot::Entity, lot::Column::BuildingId))
        .expr_as(Func::count(Expr::col(Asterisk)), "lot_count")
        .expr_as(
            tally(lot_col(lot::Column::Kind).is_in(kinds(true))),
            "counted_lot_count",
        )
        // PostgreSQL sums BIGINTs into NUMERIC; the quotes-parts fit a BIGINT.
        .expr_as(
            Func::cast_as(Func::sum(quota_col(quota_period::Column::Quota)), "BIGINT"),
            "assigned_quota",
        )
        .expr_as(
            Func::min(quota_col(quota_period::Column::Quota)),
            "min_quota",
        )
        .expr_as(
            tally(lot_col(lot::Column::Kind).is_not_in(kinds(false))),
            "unknown_kinds",
        )
        .from(lot::Entity)
        .join(
            JoinType::LeftJoin,
            quota_period::Entity,
            Condition::all()
                .add(quota_col(quota_period::Column::LotId).equals((lot::Entity, lot::Column::Id)))
                .add(quota_on.clone()),
        )
        .cond_where(scope.lots())
        .cond_where(super::lots::existing_on(today))
        .group_by_col((lot::Entity, lot::Column::BuildingId))
        .to_owned();
    let totals = Query::select()
        .column((quota_period::Entity, quota_period::Column::BuildingId))
        .expr_as(
            Func::max(quota_col(quota_period::Column::Quota)),
            "total_quota",
        )
        .from(quota_period::Entity)
        .cond_where(scope.quotas())
        .cond_where(quota_col(quota_period::Column::LotId).is_null())
        .cond_where(quota_on)
        .group_by_col((quota_period::Entity, quota_period::Column::BuildingId))
        .to_owned();
    let holding = |c: ownership::Column| Expr::col((ownership::Entity, c));
    let holders = Query::select()
        .column((lot::Entity, lot::Column::BuildingId))
        .expr_as(
            Func::count_distinct(holding(ownership::Column::OwnerId)),
            "owner_count",
        )
        .from(ownership::Entity)
        .inner_join(
            lot::Entity,
            lot_col(lot::Column::Id).equals((ownership::Entity, ownership::Column::LotId)),
        )
        .cond_where(scope.lots())
        .cond_where(super::lots::existing_on(today))
        .cond_where(super::lots::held_on(today))
        .group_by_col((lot::Entity, lot::Column::BuildingId))
        .to_owned();
    let account = |c: bank_account::Column| Expr::col((bank_account::Entity, c));
    let accounts = Query::select()
        .column((bank_account::Entity, bank_account::Column::BuildingId))
        .expr_as(
            tally(
                account(bank_account::Column::Purpose).eq(AccountPurpose::WorkingCapital.as_str()),
            ),
            "working_accounts",
        )
        .expr_as(
            tally(account(bank_account::Column::Purpose).eq(AccountPurpose::Reserve.as_str())),
            "reserve_accounts",
        )
        .from(bank_account::Entity)
        .cond_where(scope.accounts())
        // Open on the day: `bank::is_open` in SQL.
        .cond_where(super::lots::period_covers(
            account(bank_account::Column::OpenedOn),
            account(bank_account::Column::ClosedOn),
            today,
        ))
        .group_by_col((bank_account::Entity, bank_account::Column::BuildingId))
        .to_owned();
    let of = |alias: &'static str| {
        Expr::col((alias, lot::Column::BuildingId)).equals((building::Entity, building::Column::Id))
    };
    let of_accounts = Expr::col(("a", bank_account::Column::BuildingId))
        .equals((building::Entity, building::Column::Id));
    let zero_if_none = |alias: &'static str, column: &'static str| {
        Func::coalesce([Expr::col((alias, column)), Expr::val(0)])
    };
    let statement = Query::select()
        .columns(<building::Column as sea_orm::Iterable>::iter().map(|c| (building::Entity, c)))
        .expr_as(Expr::col(("t", "total_quota")), "total_quota")
        .expr_as(zero_if_none("f", "lot_count"), "lot_count")
        .expr_as(zero_if_none("f", "counted_lot_count"), "counted_lot_count")
        .expr_as(zero_if_none("f", "assigned_quota"), "assigned_quota")
        .expr_as(Expr::col(("f", "min_quota")), "min_quota")
        .expr_as(zero_if_none("f", "unknown_kinds"), "unknown_kinds")
        .expr_as(zero_if_none("h", "owner_count"), "owner_count")
        .expr_as(zero_if_none("a", "working_accounts"), "working_accounts")
        .expr_as(zero_if_none("a", "reserve_accounts"), "reserve_accounts")
        .from(building::Entity)
        .join_subquery(JoinType::LeftJoin, figures, "f", of("f"))
        .join_subquery(JoinType::LeftJoin, holders, "h", of("h"))
        .join_subquery(
            JoinType::LeftJoin,
            totals,
            "t",
            Expr::col(("t", quota_period::Column::BuildingId))
                .equals((building::Entity, building::Column::Id)),
        )
        .join_subquery(JoinType::LeftJoin, accounts, "a", of_accounts)
        .cond_where(buildings)
        .order_by((building::Entity, building::Column::Name), Order::Asc)
        .to_owned();
    db.get_database_backend().build(&statement)
}

async fn listed(
    conn: &impl ConnectionTrait,
    scope: Scope,
    buildings: Condition,
    on: NaiveDate,
) -> Result<Vec<(Listed, NaiveDate)>, AppError> {
    Ok(
        Listed::find_by_statement(with_register(conn, scope, buildings, on))
            .all(conn)
            .await?
            .into_iter()
            .map(|l| (l, on))
            .collect(),
    )
}

fn to_domain((listed, as_of): (Listed, NaiveDate)) -> Result<Building, AppError> {
    let row = listed.building;
    let at = |column| decode::At {
        table: "lots",
        column,
        id: &row.id,
    };
    if let Some(min) = listed.min_quota {
        decode::unsigned(at("quota (of a lot of this building)"), min)?;
    }
    if listed.unknown_kinds > 0 {
        return Err(
            decode::text(at("kind (of a lot of this building)"), "unknown", |_| {
                Err::<(), _>("not a lot kind")
            })
            .unwrap_err(),
        );
    }
    let count = |column, value| decode::unsigned(at(column), value);
    let open = [
        (AccountPurpose::WorkingCapital, listed.working_accounts),
        (AccountPurpose::Reserve, listed.reserve_accounts),
    ];
    let missing_accounts = bank::missing_purposes(
        open.into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|(purpose, _)| purpose),
    );
    Ok(Building {
        missing_accounts,
        as_of,
        total_quota: decode::unsigned(
            decode::At {
                table: "quota_periods",
                column: "quota (the building's total)",
                id: &row.id,
            },
            listed.total_quota.unwrap_or(0),
        )?,
        lot_count: count("count", listed.lot_count)?,
        counted_lot_count: count("count", listed.counted_lot_count)?,
        assigned_quota: count("quota", listed.assigned_quota)?,
        owner_count: count("owners", listed.owner_count)?,
        id: row.id,
        name: row.name,
        street: row.street,
        postal_code: row.postal_code,
        city: row.city,
        enterprise_number: row
            .enterprise_number
            .as_deref()
            .and_then(|n| crate::domain::register::EnterpriseNumber::parse(n).ok())
            .map(|n| n.to_string()),
        construction_year: row.construction_year,
        basic_deed_date: row.basic_deed_date,
        fiscal_year_start: format!(
            "{:02}-{:02}",
            row.fiscal_year_start_month, row.fiscal_year_start_day
        ),
        archived: row.archived_at.is_some(),
        version: row.version,
    })
}

fn snapshot(details: &BuildingDetails) -> serde_json::Value {
    json!({
        "name": details.name,
        "street": details.street,
        "postal_code": details.postal_code,
        "city": details.city,
        "enterprise_number": details.enterprise_number.as_ref().map(|n| n.digits().to_owned()),
        "total_quota": details.total_quota,
        "construction_year": details.construction_year,
        "basic_deed_date": details.basic_deed_date,
        "fiscal_year_start": [details.fiscal_year_start.0, details.fiscal_year_start.1],
    })
}

fn apply(row: &mut building::ActiveModel, details: &BuildingDetails) {
    row.name = Set(details.name.clone());
    row.street = Set(details.street.clone());
    row.postal_code = Set(details.postal_code.clone());
    row.city = Set(details.city.clone());
    row.enterprise_number = Set(details
        .enterprise_number
        .as_ref()
        .map(|n| n.digits().to_owned()));
    row.construction_year = Set(details.construction_year);
    row.basic_deed_date = Set(details.basic_deed_date);
    row.fiscal_year_start_month = Set(details.fiscal_year_start.0 as i16);
    row.fiscal_year_start_day = Set(details.fiscal_year_start.1 as i16);
    row.updated_at = Set(Utc::now());
}

/// The organisation's buildings by name; archived ones only when asked. One statement, and
/// none while the list is cached (`identity`: evicted when the database announces a change
/// to the organisation's buildings, lots or holdings).
pub async fn list(
    conn: &impl ConnectionTrait,
    identity: &Identity,
    actor: &Actor,
    include_archived: bool,
) -> Result<Vec<Building>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    let key = ListKey {
        organization_id,
        scope: actor.building_scope.clone(),
        include_archived,
        on: calendar::today(),
    };
    let generation = match identity.buildings(&key) {
        Cached::Hit(list) => return Ok(list.as_ref().clone()),
        Cached::Miss(generation) => generation,
    };
    let mut buildings = Condition::all().add(building::Column::OrganizationId.eq(organization_id));
    if !include_archived {
        buildings = buildings.add(building::Column::ArchivedAt.is_null());
    }
    if let Some(scope) = &actor.building_scope {
        buildings = buildings.add(building::Column::Id.is_in(scope.iter().copied()));
    }
    let list = listed(
        conn,
        Scope::Organization(organization_id),
        buildings,
        key.on,
    )
    .await?
    .into_iter()
    .map(to_domain)
    .collect::<Result<Vec<_>, _>>()?;
    identity.store_buildings(generation, key, list.clone());
    Ok(list)
}

pub async fn find_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<building::Model, AppError> {
    let row = building::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    actor.ensure_building(row.id)?;
    Ok(row)
}

/// The building locked for a write of its quotes-parts or lots, so that the check of the
/// totals that ends such a write sees every other one (`FOR UPDATE` on PostgreSQL; SQLite's
/// write transactions are already one at a time).
pub async fn lock_own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<building::Model, AppError> {
    let row = building::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    actor.ensure_visible(row.organization_id)?;
    actor.ensure_building(row.id)?;
    Ok(row)
}

/// Bumps the building's version: a change of its total makes an edit form read before it
/// stale.
pub async fn claim(conn: &impl ConnectionTrait, row: &building::Model) -> Result<(), AppError> {
    crate::ssr::db::claim(conn, building::Entity::update_many(), row.id, row.version).await?;
    Ok(())
}

/// One building with its register figures on `on`, in one statement, whoever may see it.
async fn one(
    conn: &impl ConnectionTrait,
    id: Uuid,
    on: NaiveDate,
) -> Result<(Listed, NaiveDate), AppError> {
    listed(
        conn,
        Scope::Building(id),
        Condition::all().add(building::Column::Id.eq(id)),
        on,
    )
    .await?
    .pop()
    .ok_or(AppError::NotFound)
}

/// One building with its register figures as on `as_of` (today by default), in one
/// statement.
pub async fn get(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<Building, AppError> {
    actor.require(Permission::ViewRegister)?;
    let listed = one(conn, id, as_of.unwrap_or_else(calendar::today)).await?;
    actor.ensure_visible(listed.0.building.organization_id)?;
    actor.ensure_building(listed.0.building.id)?;
    to_domain(listed)
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &BuildingInput,
) -> Result<Building, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate(calendar::today())?;
    let now = Utc::now();
    let mut row = building::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        archived_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, &details);
    let txn = crate::ssr::db::begin_write(db).await?;
    let created = row.insert(&txn).await?;
    // The total of the basic deed, in force from the beginning of the register.
    super::quotas::open(
        &txn,
        actor,
        organization_id,
        created.id,
        None,
        details.total_quota,
        None,
        (
            crate::domain::register::quota::QuotaBasis::Deed,
            None,
            details.basic_deed_date,
        ),
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("building.created", "building", created.id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(snapshot(&details)),
    )
    .await?;
    txn.commit().await?;
    to_domain((
        Listed {
            building: created,
            total_quota: Some(details.total_quota as i64),
            lot_count: 0,
            counted_lot_count: 0,
            assigned_quota: 0,
            min_quota: None,
            unknown_kinds: 0,
            owner_count: 0,
            working_accounts: 0,
            reserve_accounts: 0,
        },
        calendar::today(),
    ))
}

/// Saves an edit made from version `expected_version`; a concurrent change in between is a
/// conflict rather than a silent overwrite.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Uuid,
    input: &BuildingInput,
    expected_version: i32,
) -> Result<Building, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let details = input.validate(calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    if row.version != expected_version {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    // The total changes by a dated change with its basis (`quotas::change_total`).
    let today = calendar::today();
    if details.total_quota
        != super::quotas::total_on(&super::quotas::of_building(&txn, id).await?, today)?
    {
        return Err(AppError::field("total_quota", "total_quota.needs_basis"));
    }
    let before = json!({
        "name": row.name, "street": row.street, "postal_code": row.postal_code,
        "city": row.city, "enterprise_number": row.enterprise_number,
        "construction_year": row.construction_year,
        "basic_deed_date": row.basic_deed_date,
        "fiscal_year_start": [row.fiscal_year_start_month, row.fiscal_year_start_day],
    });
    let mut active = row.into_active_model();
    apply(&mut active, &details);
    let updated =
        crate::ssr::db::update_versioned(&txn, active, building::Column::Version, expected_version)
            .await?;
    audit::record(
        &txn,
        audit::Entry::new("building.updated", "building", id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(before)
            .after(snapshot(&details)),
    )
    .await?;
    let listed = one(&txn, updated.id, today).await?;
    txn.commit().await?;
    to_domain(listed)
}

/// Buildings are archived, never deleted: their history (accounts, minutes) must stay.
pub async fn archive(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let txn = crate::ssr::db::begin_write(db).await?;
    let row = find_own(&txn, actor, id).await?;
    if row.archived_at.is_some() {
        return Ok(());
    }
    let version = row.version;
    let mut active = row.into_active_model();
    active.archived_at = Set(Some(Utc::now()));
    crate::ssr::db::update_versioned(&txn, active, building::Column::Version, version).await?;
    audit::record(
        &txn,
        audit::Entry::new("building.archived", "building", id)
            .organization(organization_id)
            .actor(actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn account_view(row: bank_account::Model) -> Result<BankAccount, AppError> {
    let at = |column| crate::ssr::decode::At {
        table: "bank_accounts",
        column,
        id: &row.id,
    };
    Ok(BankAccount {
        iban: crate::ssr::decode::text(at("iban"), &row.iban, AccountNumber::parse)?.to_string(),
        purpose: crate::ssr::decode::text(at("purpose"), &row.purpose, AccountPurpose::parse)?,
        id: row.id,
        label: row.label,
        holder_name: row.holder_name,
        bic: row.bic,
        opened_on: row.opened_on,
        closed_on: row.closed_on,
        version: row.version,
    })
}

fn account_snapshot(row: &bank_account::Model) -> serde_json::Value {
    json!({
        "iban": row.iban, "purpose": row.purpose, "label": row.label,
        "holder_name": row.holder_name, "bic": row.bic,
        "opened_on": row.opened_on, "closed_on": row.closed_on,
    })
}

pub async fn accounts(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
) -> Result<Vec<BankAccount>, AppError> {
    actor.require(Permission::ViewRegister)?;
    find_own(conn, actor, building_id).await?;
    bank_account::Entity::find()
        .filter(bank_account::Column::BuildingId.eq(building_id))
        .order_by_asc(bank_account::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(account_view)
        .collect()
}

/// Adds an account of the association. Several per fund are allowed (art. 3.86 §3); an IBAN
/// belongs to one association only, which the unique index decides in the same statement
/// as the insert (two syndics registering one IBAN at once get one account and one error).
pub async fn add_account(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    input: &BankAccountInput,
) -> Result<BankAccount, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    // Where the owners' money goes: a hijacked session must not be able to change it.
    actor.require_recent_proof()?;
    let details = input.validate(calendar::today())?;
    let txn = crate::ssr::db::begin_write(db).await?;
    find_own(&txn, actor, building_id).await?;
    let now = Utc::now();
    let row = bank_account::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(organization_id),
        building_id: Set(building_id),
        iban: Set(details.iban.electronic().to_owned()),
        purpose: Set(details.purpose.as_str().to_owned()),
        label: Set(details.label),
        holder_name: Set(details.holder_name),
        bic: Set(details.bic.map(|b| b.as_str().to_owned())),
        opened_on: Set(details.opened_on),
        closed_on: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Entry::new("bank_account.added", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(account_snapshot(&row)),
    )
    .await?;
    txn.commit().await?;
    account_view(row)
}

/// Closes an account from a date. It stays in the register, shown as closed: statements and
/// charges of the past name it. One statement checks the version and that it is still open.
pub async fn close_account(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    account_id: Uuid,
    input: &CloseAccountInput,
) -> Result<BankAccount, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    actor.require_recent_proof()?;
    let txn = crate::ssr::db::begin_write(db).await?;
    find_own(&txn, actor, building_id).await?;
    let row = bank_account::Entity::find_by_id(account_id)
        .filter(bank_account::Column::BuildingId.eq(building_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.closed_on.is_some() {
        return Err(AppError::Conflict("bank_account.already_closed".into()));
    }
    let closed_on = bank::closing_date(&input.closed_on, row.opened_on, calendar::today())
        .map_err(|code| AppError::field("closed_on", code))?;
    let updated = bank_account::Entity::update_many()
        .col_expr(bank_account::Column::ClosedOn, Expr::value(closed_on))
        .col_expr(
            bank_account::Column::Version,
            Expr::col(bank_account::Column::Version).add(1),
        )
        .col_expr(bank_account::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(bank_account::Column::Id.eq(account_id))
        .filter(bank_account::Column::Version.eq(input.version))
        .filter(bank_account::Column::ClosedOn.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::Conflict("conflict.stale_version".into()));
    }
    let closed = bank_account::Entity::find_by_id(account_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &txn,
        audit::Entry::new("bank_account.closed", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .before(account_snapshot(&row))
            .after(account_snapshot(&closed)),
    )
    .await?;
    txn.commit().await?;
    account_view(closed)
}

/// What happened to the building and its lots, newest first.
pub async fn history(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
    limit: u64,
) -> Result<Vec<audit::AuditEvent>, AppError> {
    let organization_id = actor.require(Permission::ViewRegister)?;
    find_own(conn, actor, building_id).await?;
    let mut ids: Vec<Uuid> = lot::Entity::find()
        .select_only()
        .column(lot::Column::Id)
        .filter(lot::Column::BuildingId.eq(building_id))
        .into_tuple()
        .all(conn)
        .await?;
    ids.push(building_id);
    audit::about(conn, organization_id, &ids, limit).await
}
