//! The register in and out of spreadsheets: import of lots and owners from CSV or XLSX
//! (checked first, applied in one transaction only when every row is right) and export to
//! CSV with the same columns, so that an export can be edited and imported elsewhere.

use super::{audit, buildings, holdings, lots, owners};
use crate::domain::register::consent;
use crate::domain::register::import::{self, COLUMNS, ImportReport, OwnerKey};
use crate::domain::{Actor, AppError, Permission, calendar};
use crate::ssr::spreadsheet;
use crate::ssr::work::Work;
use entity::{lot, owner};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Checks a file against a building and, when `apply` is set and the file is clean, writes
/// its lots, new owners and holders in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    building_id: Uuid,
    bytes: Vec<u8>,
    apply: bool,
) -> Result<ImportReport, AppError> {
    // Who and where first: a file is read only for someone allowed to import it there.
    let organization_id = actor.require(Permission::ManageRegister)?;
    let building = buildings::find_own(db, actor, building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let table = work.run(move || spreadsheet::read(&bytes)).await??;
    let txn = crate::ssr::db::begin_write(db).await?;
    let building = buildings::lock_own(&txn, actor, building_id).await?;
    let existing: HashSet<String> = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|l| l.number)
        .collect();
    let total = lots::quota_total_today(&txn, building_id).await?;
    let plan = import::plan(&table, total, &existing, calendar::today())?;
    // Owners already in the directory are reused when the file gives their e-mail address
    // and their name (a couple may share an address).
    // A name alone never merges two people: a row that only shares a name with someone in
    // the directory creates a new owner, and the report names it so the syndic can check.
    let directory = owner::Entity::find()
        .filter(owner::Column::OrganizationId.eq(organization_id))
        .all(&txn)
        .await?;
    let mut ids: HashMap<OwnerKey, Uuid> = HashMap::new();
    let mut names: HashSet<OwnerKey> = HashSet::new();
    for row in &directory {
        if let Some(email) = row.email.as_deref() {
            ids.entry(OwnerKey::of(
                row.first_name.as_deref(),
                &row.last_name,
                Some(email),
            ))
            .or_insert(row.id);
        }
        names.insert(OwnerKey::of(
            row.first_name.as_deref(),
            &row.last_name,
            None,
        ));
    }
    let new_owners: Vec<_> = plan
        .owners
        .iter()
        .filter(|(key, _)| !ids.contains_key(key))
        .collect();
    let same_names = new_owners
        .iter()
        .filter(|(key, _)| matches!(key, OwnerKey::Name(..)) && names.contains(key))
        .count();
    let report = ImportReport {
        applied: apply,
        lots: plan.lots.len(),
        holders: plan.lots.iter().map(|l| l.holders.len()).sum(),
        new_owners: new_owners.len(),
        same_names,
    };
    if !apply {
        return Ok(report);
    }
    for (key, input) in new_owners {
        let details = input.validate()?;
        let created = owners::insert(&txn, actor, organization_id, &details).await?;
        ids.insert(key.clone(), created.id);
    }
    for planned in &plan.lots {
        let (row, _) = lots::insert(
            &txn,
            actor,
            &building,
            &planned.details,
            lots::Origin::BasicDeed,
            "file",
        )
        .await?;
        if let (Some(from), Some(holders)) = (planned.valid_from, import::resolve(planned, &ids))
            && !holders.is_empty()
        {
            holdings::register_holders_in(&txn, actor, &row, from, &holders).await?;
        }
    }
    // Consents dated in the file, for owners with none in force for this association (an
    // import never ends or doubles one recorded on the owner's page).
    let consenting: Vec<Uuid> = plan
        .consents
        .keys()
        .filter_map(|k| ids.get(k).copied())
        .collect();
    let on_record = super::consents::of_owners(&txn, &consenting).await?;
    for (key, given_on) in &plan.consents {
        // The plan gives a consent only to an owner with an address, which is in their key.
        let (Some(&owner_id), OwnerKey::Email(email, ..)) = (ids.get(key), key) else {
            continue;
        };
        let Ok(address) = crate::domain::Email::parse(email) else {
            continue;
        };
        let open = on_record.get(&owner_id).is_some_and(|consents| {
            consents
                .iter()
                .any(|c| c.building_id == building_id && c.ended_on.is_none())
        });
        if !open {
            super::consents::insert(
                &txn,
                actor,
                organization_id,
                super::consents::NewConsent {
                    owner_id,
                    building_id,
                    address: &address,
                    given_on: *given_on,
                    evidence: import::IMPORTED_CONSENT_EVIDENCE,
                },
            )
            .await?;
        }
    }
    // One check for the whole file: on no date may the lots exceed the building's total.
    super::quotas::ensure_within_total(&txn, building_id, "file").await?;
    audit::record(
        &txn,
        audit::Entry::new("register.imported", "building", building_id)
            .organization(organization_id)
            .actor(actor.user_id)
            .after(json!({"lots": report.lots, "holders": report.holders, "new_owners": report.new_owners})),
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// A share as the import reads it back: `1` for a whole, else `n/d`.
fn share_cell(share: crate::domain::register::Share) -> String {
    match (share.numerator(), share.denominator()) {
        (n, 1) => n.to_string(),
        (n, d) => format!("{n}/{d}"),
    }
}

/// The building's register today as CSV: one row per holder, a lot without holders on a row
/// of its own.
pub async fn export_csv(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    building_id: Uuid,
) -> Result<(String, String), AppError> {
    actor.require(Permission::ViewRegister)?;
    let building = buildings::find_own(conn, actor, building_id).await?;
    let today = calendar::today();
    let sorted = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .filter(lots::existing_on(today))
        .order_by_asc(lot::Column::Number)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = sorted.iter().map(|l| l.id).collect();
    let holdings = lots::Holdings::load(conn, &ids).await?;
    let holder_ids: Vec<Uuid> = holdings.owners.keys().copied().collect();
    let consents = super::consents::of_owners(conn, &holder_ids).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let internal = |_| AppError::Internal;
    writer.write_record(COLUMNS).map_err(internal)?;
    let mut write = |record: &[String]| {
        writer
            .write_record(
                record
                    .iter()
                    .map(|cell| import::escape_formula(cell).into_owned()),
            )
            .map_err(internal)
    };
    for lot_row in sorted {
        let area = lot_row
            .area_cm2
            .map(|a| format!("{}.{:02}", a / 100, a % 100))
            .unwrap_or_default();
        let lot_cells = [
            lot_row.number.clone(),
            lot_row.kind.clone(),
            lot_row.floor.clone().unwrap_or_default(),
            area,
            holdings.quota_on(lot_row.id, today)?.to_string(),
            lot_row.notes.clone().unwrap_or_default(),
        ];
        let current = holdings.current(lot_row.id, today);
        if current.is_empty() {
            let mut record: Vec<String> = lot_cells.to_vec();
            record.resize(COLUMNS.len(), String::new());
            write(&record)?;
        }
        for holding in current {
            let Some(o) = holdings.owners.get(&holding.owner_id) else {
                continue;
            };
            let mut record: Vec<String> = lot_cells.to_vec();
            record.extend([
                o.kind.clone(),
                o.first_name.clone().unwrap_or_default(),
                o.last_name.clone(),
                o.company_number.clone().unwrap_or_default(),
                o.street.clone(),
                o.postal_code.clone(),
                o.city.clone(),
                o.country.clone(),
                o.email.clone().unwrap_or_default(),
                o.phone.clone().unwrap_or_default(),
                o.locale.clone(),
                consents
                    .get(&o.id)
                    .zip(o.email.as_deref())
                    .and_then(|(c, email)| consent::in_force(c, building_id, email, today))
                    .map(|c| c.given_on.to_string())
                    .unwrap_or_default(),
                holding.right.clone(),
                share_cell(lots::share_of(holding)?),
                holding.valid_from.to_string(),
            ]);
            write(&record)?;
        }
    }
    let bytes = writer.into_inner().map_err(|_| AppError::Internal)?;
    audit::record(
        conn,
        audit::Entry::new("register.exported", "building", building_id)
            .organization(building.organization_id)
            .actor(actor.user_id),
    )
    .await?;
    let name = format!(
        "register-{}.csv",
        building
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            })
            .collect::<String>()
    );
    Ok((
        name,
        String::from_utf8(bytes).map_err(|_| AppError::Internal)?,
    ))
}
