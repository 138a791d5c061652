//! The register in and out of spreadsheets: import of lots and owners from CSV or XLSX
//! (checked first, applied in one transaction only when every row is right) and export to
//! CSV with the same columns, so that an export can be edited and imported elsewhere.

use super::{audit, buildings, holdings, lots, owners};
use crate::domain::register::import::{self, COLUMNS, ImportReport, OwnerKey, Row};
use crate::domain::{Actor, AppError, Permission};
use entity::{lot, owner};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// The largest file accepted: a register of a few thousand lots fits easily.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

fn unreadable() -> AppError {
    AppError::field("file", "import.unreadable")
}

fn header_name(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// Rows of a CSV file (UTF-8; `,` or `;` as spreadsheets in Belgium often write).
fn csv_rows(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), AppError> {
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable())?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|_| unreadable())?
        .iter()
        .map(header_name)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| unreadable())?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = columns
            .iter()
            .zip(record.iter())
            .map(|(c, v)| (c.clone(), v.trim().to_owned()))
            .collect();
        rows.push(Row { line: i + 2, cells });
    }
    Ok((columns, rows))
}

fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::DateTime(_) | Data::DateTimeIso(_) => cell
            .as_date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        other => other.to_string().trim().to_owned(),
    }
}

/// Rows of the first worksheet of an XLSX file.
fn xlsx_rows(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), AppError> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(unreadable)?
        .map_err(|_| unreadable())?;
    let mut lines = range.rows();
    let columns: Vec<String> = lines
        .next()
        .ok_or_else(|| AppError::field("file", "import.empty"))?
        .iter()
        .map(|c| header_name(&cell_text(c)))
        .collect();
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let cells: BTreeMap<String, String> = columns
            .iter()
            .zip(line.iter())
            .map(|(c, v)| (c.clone(), cell_text(v)))
            .collect();
        if cells.values().all(|v| v.is_empty()) {
            continue;
        }
        rows.push(Row { line: i + 2, cells });
    }
    Ok((columns, rows))
}

/// XLSX files are ZIP archives; anything else is read as CSV.
pub fn read_file(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), AppError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::field("file", "import.too_large"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)
    } else {
        csv_rows(bytes)
    }
}

/// Checks a file against a building and, when `apply` is set and the file is clean, writes
/// its lots, new owners and holders in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    building_id: Uuid,
    bytes: &[u8],
    apply: bool,
) -> Result<ImportReport, AppError> {
    let organization_id = actor.require(Permission::ManageRegister)?;
    let (columns, rows) = read_file(bytes)?;
    let txn = db.begin().await?;
    let building = buildings::find_own(&txn, actor, building_id).await?;
    if building.archived_at.is_some() {
        return Err(AppError::Conflict("conflict.building_archived".into()));
    }
    let existing: HashSet<String> = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|l| l.number)
        .collect();
    let plan = import::plan(
        &columns,
        &rows,
        u64::try_from(building.total_quota).unwrap_or(0),
        &existing,
        lots::today(),
    )?;
    // Owners already in the directory are reused rather than duplicated.
    let directory = owner::Entity::find()
        .filter(owner::Column::OrganizationId.eq(organization_id))
        .all(&txn)
        .await?;
    let mut ids: HashMap<OwnerKey, Uuid> = HashMap::new();
    for row in &directory {
        ids.entry(OwnerKey::of(
            row.first_name.as_deref(),
            &row.last_name,
            row.email.as_deref(),
        ))
        .or_insert(row.id);
        ids.entry(OwnerKey::of(
            row.first_name.as_deref(),
            &row.last_name,
            None,
        ))
        .or_insert(row.id);
    }
    let new_owners: Vec<_> = plan
        .owners
        .iter()
        .filter(|(key, _)| !ids.contains_key(key))
        .collect();
    let report = ImportReport {
        applied: apply,
        lots: plan.lots.len(),
        holders: plan.lots.iter().map(|l| l.holders.len()).sum(),
        new_owners: new_owners.len(),
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
        let row = lots::insert(&txn, actor, organization_id, building_id, &planned.details).await?;
        if let (Some(from), Some(holders)) = (planned.valid_from, import::resolve(planned, &ids))
            && !holders.is_empty()
        {
            holdings::register_holders_in(&txn, actor, &row, from, &holders).await?;
        }
    }
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
    let sorted = lot::Entity::find()
        .filter(lot::Column::BuildingId.eq(building_id))
        .order_by_asc(lot::Column::Number)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = sorted.iter().map(|l| l.id).collect();
    let holdings = lots::Holdings::load(conn, &ids).await?;
    let today = lots::today();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let internal = |_| AppError::Internal;
    writer.write_record(COLUMNS).map_err(internal)?;
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
            lot_row.quota.to_string(),
            lot_row.notes.clone().unwrap_or_default(),
        ];
        let current = holdings.current(lot_row.id, today);
        if current.is_empty() {
            let mut record: Vec<String> = lot_cells.to_vec();
            record.resize(COLUMNS.len(), String::new());
            writer.write_record(&record).map_err(internal)?;
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
                if o.email_consent_at.is_some() {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
                holding.right.clone(),
                share_cell(lots::share_of(holding)),
                holding.valid_from.to_string(),
            ]);
            writer.write_record(&record).map_err(internal)?;
        }
    }
    let bytes = writer.into_inner().map_err(|_| AppError::Internal)?;
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
