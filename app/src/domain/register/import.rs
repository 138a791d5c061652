//! Importing a register from a spreadsheet: one row per holder of a lot (a lot without
//! holders is one row with no owner). Every row is checked and every problem reported with its
//! line number; a plan is returned only when the whole file is clean, so that the service can
//! apply it in one transaction or not at all.

use super::holding::{NewHolder, parse_date};
use super::share::{self, check_holdings};
use super::{LotDetails, LotInput, OwnerInput, Right, Share};
use crate::domain::{AppError, FieldErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The columns understood, in the order of an export.
pub const COLUMNS: [&str; 21] = [
    "lot_number",
    "lot_kind",
    "floor",
    "area_m2",
    "quota",
    "notes",
    "owner_kind",
    "first_name",
    "last_name",
    "company_number",
    "street",
    "postal_code",
    "city",
    "country",
    "email",
    "phone",
    "locale",
    "email_consent",
    "right",
    "share",
    "valid_from",
];

/// The evidence of a consent that came with a register import: the syndic keeps the signed
/// forms the file was made from.
pub const IMPORTED_CONSENT_EVIDENCE: &str =
    "Register import (the written consent is kept by the syndic)";

/// A lot's kind decides whether it counts for the legal thresholds (20 lots: council, full
/// accounts): a file that does not say is refused, never read as "apartment".
const REQUIRED_COLUMNS: [&str; 3] = ["lot_number", "lot_kind", "quota"];

/// The most data rows, columns and characters per cell a file may have. A register of a
/// few thousand lots fits well within; past them the file is refused before anything is
/// kept of it, so that a crafted file cannot make the server allocate without bound.
pub const MAX_ROWS: usize = 10_000;
pub const MAX_COLUMNS: usize = 64;
pub const MAX_HEADER_CHARS: usize = 64;
pub const MAX_CELL_CHARS: usize = 2_000;

/// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as the export writes it: one that a spreadsheet would run as a formula gets a
/// leading apostrophe, which spreadsheets show as text and hide.
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The reverse, on import: an apostrophe that protects a formula-like cell is dropped, so an
/// exported file reads back unchanged.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// A file read as a table: the column names once, then each row's cells by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row of the file: its line number (the header is line 1) and its cells in the order
/// of the columns (missing trailing cells are empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Where each known column sits in the file's header.
struct Columns<'a>(HashMap<&'a str, usize>);

impl<'a> Columns<'a> {
    fn of(columns: &'a [String]) -> Self {
        let mut index = HashMap::new();
        for (i, name) in columns.iter().enumerate() {
            index.entry(name.as_str()).or_insert(i);
        }
        Columns(index)
    }

    fn has(&self, column: &str) -> bool {
        self.0.contains_key(column)
    }

    fn get(&self, row: &Row, column: &str) -> String {
        self.0
            .get(column)
            .and_then(|&i| row.cells.get(i))
            .cloned()
            .unwrap_or_default()
    }
}

/// How an owner is recognised across rows and in the directory: by e-mail address *and*
/// name if an address is given, else by name. A couple sharing one address are two owners
/// (each holds, each is convened), so the address alone never merges people.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OwnerKey {
    Email(String, String, String),
    Name(String, String),
}

impl OwnerKey {
    pub fn of(first_name: Option<&str>, last_name: &str, email: Option<&str>) -> OwnerKey {
        let first = first_name.unwrap_or_default().trim().to_lowercase();
        let last = last_name.trim().to_lowercase();
        match email.map(str::trim).filter(|e| !e.is_empty()) {
            Some(email) => OwnerKey::Email(email.to_lowercase(), first, last),
            None => OwnerKey::Name(first, last),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLot {
    pub line: usize,
    pub details: LotDetails,
    pub valid_from: Option<NaiveDate>,
    pub holders: Vec<(OwnerKey, Right, Share)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub lots: Vec<PlannedLot>,
    /// Each owner once, from the first row that names them.
    pub owners: Vec<(OwnerKey, OwnerInput)>,
    /// The owners who consented in writing to e-mail from this association, and when (the
    /// first row that gives a date).
    pub consents: HashMap<OwnerKey, NaiveDate>,
}

/// What an import did (or, when checked only, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub applied: bool,
    pub lots: usize,
    pub holders: usize,
    /// Owners found in the file that are not in the directory yet.
    pub new_owners: usize,
    /// New owners whose name (without an e-mail) is already in the directory: created as
    /// new people, never merged by name; the syndic checks them.
    #[serde(default)]
    pub same_names: usize,
}

fn lot_column(field: &str) -> &str {
    match field {
        "number" => "lot_number",
        "kind" => "lot_kind",
        other => other,
    }
}

fn owner_column(field: &str) -> &str {
    match field {
        "kind" => "owner_kind",
        other => other,
    }
}

fn push(errors: &mut FieldErrors, line: usize, column: &str, code: &str) {
    errors
        .entry(format!("line.{line}.{column}"))
        .or_default()
        .push(code.to_owned());
}

/// Checks every row against the building (its total of quotes-parts and the lot numbers it
/// already has) and returns the plan, or every error keyed `line.<n>.<column>`.
pub fn plan(
    table: &Table,
    building_total: u64,
    existing_numbers: &HashSet<String>,
    today: NaiveDate,
) -> Result<ImportPlan, AppError> {
    let columns = Columns::of(&table.columns);
    let rows = &table.rows;
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .into_iter()
        .filter(|c| !columns.has(c))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::field("file", "import.columns"));
    }
    if rows.is_empty() {
        return Err(AppError::field("file", "import.empty"));
    }
    let mut errors = FieldErrors::new();
    let mut lots: Vec<PlannedLot> = Vec::new();
    let mut lot_index: HashMap<String, usize> = HashMap::new();
    let mut owners: Vec<(OwnerKey, OwnerInput)> = Vec::new();
    let mut consents: HashMap<OwnerKey, NaiveDate> = HashMap::new();
    for row in rows {
        let lot_input = LotInput {
            number: columns.get(row, "lot_number"),
            // Empty is `lot_kind.required` on its line, not a default.
            kind: columns.get(row, "lot_kind"),
            floor: columns.get(row, "floor"),
            area_m2: columns.get(row, "area_m2"),
            quota: columns.get(row, "quota"),
            notes: columns.get(row, "notes"),
        };
        let details = match lot_input.validate(building_total) {
            Ok(d) => Some(d),
            Err(err) => {
                for (field, codes) in err.fields().cloned().unwrap_or_default() {
                    for code in codes {
                        push(&mut errors, row.line, lot_column(&field), &code);
                    }
                }
                None
            }
        };
        let holder = if columns.get(row, "last_name").trim().is_empty()
            && columns.get(row, "share").trim().is_empty()
        {
            None
        } else {
            let owner_input = OwnerInput {
                kind: columns.get(row, "owner_kind"),
                first_name: columns.get(row, "first_name"),
                last_name: columns.get(row, "last_name"),
                company_number: columns.get(row, "company_number"),
                street: columns.get(row, "street"),
                postal_code: columns.get(row, "postal_code"),
                city: columns.get(row, "city"),
                country: columns.get(row, "country"),
                email: columns.get(row, "email"),
                phone: columns.get(row, "phone"),
                // The language of the owner's mail and convocations: empty is
                // `locale.required`, never a guess.
                locale: columns.get(row, "locale"),
            };
            let owner = match owner_input.validate() {
                Ok(o) => Some(o),
                Err(err) => {
                    for (field, codes) in err.fields().cloned().unwrap_or_default() {
                        for code in codes {
                            push(&mut errors, row.line, owner_column(&field), &code);
                        }
                    }
                    None
                }
            };
            // The date of the owner's written consent to e-mail from this association.
            let consent = match super::consent::parse_import_cell(
                &columns.get(row, "email_consent"),
                today,
            ) {
                Ok(Some(_)) if owner_input.email.trim().is_empty() => {
                    push(
                        &mut errors,
                        row.line,
                        "email_consent",
                        "consent.needs_email",
                    );
                    None
                }
                Ok(date) => date,
                Err(code) => {
                    push(&mut errors, row.line, "email_consent", code);
                    None
                }
            };
            let right = Right::parse(&columns.get(row, "right"))
                .map_err(|code| push(&mut errors, row.line, "right", code))
                .ok();
            let share = Share::parse(&columns.get(row, "share"))
                .map_err(|code| push(&mut errors, row.line, "share", code))
                .ok();
            let from = match parse_date(&columns.get(row, "valid_from")) {
                Ok(d) if d > today => {
                    push(&mut errors, row.line, "valid_from", "date.future");
                    None
                }
                Ok(d) => Some(d),
                Err(code) => {
                    push(&mut errors, row.line, "valid_from", code);
                    None
                }
            };
            match (owner, right, share, from) {
                (Some(owner), Some(right), Some(share), Some(from)) => {
                    let key = OwnerKey::of(
                        owner.first_name.as_deref(),
                        &owner.last_name,
                        owner.email.as_ref().map(|e| e.as_str()),
                    );
                    if !owners.iter().any(|(k, _)| *k == key) {
                        owners.push((key.clone(), owner_input));
                    }
                    if let Some(date) = consent {
                        consents.entry(key.clone()).or_insert(date);
                    }
                    Some((key, right, share, from))
                }
                _ => None,
            }
        };
        let Some(details) = details else { continue };
        if existing_numbers.contains(&details.number) {
            push(&mut errors, row.line, "lot_number", "import.lot_exists");
            continue;
        }
        let index = match lot_index.get(&details.number) {
            Some(&i) => {
                if lots[i].details != details {
                    push(&mut errors, row.line, "lot_number", "import.lot_conflict");
                    continue;
                }
                i
            }
            None => {
                lots.push(PlannedLot {
                    line: row.line,
                    details: details.clone(),
                    valid_from: None,
                    holders: Vec::new(),
                });
                lot_index.insert(details.number.clone(), lots.len() - 1);
                lots.len() - 1
            }
        };
        if let Some((key, right, share, from)) = holder {
            let lot = &mut lots[index];
            match lot.valid_from {
                Some(d) if d != from => push(
                    &mut errors,
                    row.line,
                    "valid_from",
                    "import.valid_from_differs",
                ),
                _ => lot.valid_from = Some(from),
            }
            if lot.holders.iter().any(|(k, r, _)| *k == key && *r == right) {
                push(&mut errors, row.line, "share", "holders.duplicate");
            }
            lot.holders.push((key, right, share));
        }
    }
    // Each lot's holders must make a whole, like in the form.
    for lot in &lots {
        let (Some(from), false) = (lot.valid_from, lot.holders.is_empty()) else {
            continue;
        };
        let keys: Vec<&OwnerKey> = lot.holders.iter().map(|(k, _, _)| k).collect();
        let holdings: Vec<share::Holding> = lot
            .holders
            .iter()
            .map(|(key, right, share)| share::Holding {
                // Distinct placeholders: the check only needs rights, shares and dates.
                owner: uuid::Uuid::from_u128(
                    keys.iter().position(|k| *k == key).unwrap_or(0) as u128
                ),
                right: *right,
                share: *share,
                from,
                to: None,
            })
            .collect();
        if check_holdings(&holdings).is_err() {
            push(&mut errors, lot.line, "share", "holders.not_whole");
        }
    }
    if errors.is_empty() {
        Ok(ImportPlan {
            lots,
            owners,
            consents,
        })
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The holders of a planned lot with the owners' ids resolved.
pub fn resolve(lot: &PlannedLot, ids: &HashMap<OwnerKey, uuid::Uuid>) -> Option<Vec<NewHolder>> {
    lot.holders
        .iter()
        .map(|(key, right, share)| ids.get(key).map(|id| (*id, *right, *share)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn table(rows: &[Vec<(&str, &str)>]) -> Table {
        let columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                line: i + 2,
                cells: columns
                    .iter()
                    .map(|c| {
                        cells
                            .iter()
                            .find(|(k, _)| k == c)
                            .map(|(_, v)| v.to_string())
                            .unwrap_or_default()
                    })
                    .collect(),
            })
            .collect();
        Table { columns, rows }
    }

    fn holder_row<'a>(
        lot: &'a str,
        quota: &'a str,
        last: &'a str,
        share: &'a str,
    ) -> Vec<(&'a str, &'a str)> {
        vec![
            ("lot_number", lot),
            ("lot_kind", "apartment"),
            ("quota", quota),
            ("first_name", "Jan"),
            ("last_name", last),
            ("street", "Meir 1"),
            ("postal_code", "2000"),
            ("city", "Antwerpen"),
            ("locale", "nl"),
            ("share", share),
            ("valid_from", "2020-01-01"),
        ]
    }

    #[test]
    fn a_clean_file_plans_lots_owners_and_holders() {
        let rows = table(&[
            holder_row("1", "600", "Peeters", "1/2"),
            holder_row("1", "600", "Maes", "1/2"),
            holder_row("2", "400", "Peeters", "1"),
            vec![
                ("lot_number", "K1"),
                ("lot_kind", "cellar"),
                ("quota", "10"),
            ],
        ]);
        let plan = plan(&rows, 1000, &HashSet::new(), today()).unwrap();
        assert_eq!(plan.lots.len(), 3);
        assert_eq!(plan.owners.len(), 2, "Peeters once");
        assert_eq!(plan.lots[0].holders.len(), 2);
        assert!(plan.lots[2].holders.is_empty());
    }

    #[test]
    fn an_empty_kind_or_language_is_an_error_not_a_default() {
        let mut no_kind = holder_row("1", "600", "Peeters", "1");
        no_kind.retain(|(c, _)| *c != "lot_kind");
        no_kind.push(("lot_kind", " "));
        let mut no_language = holder_row("2", "400", "Maes", "1");
        no_language.retain(|(c, _)| *c != "locale");
        no_language.push(("locale", ""));
        let err = plan(
            &table(&[no_kind, no_language]),
            1000,
            &HashSet::new(),
            today(),
        )
        .unwrap_err();
        let f = err.fields().unwrap();
        assert_eq!(f["line.2.lot_kind"], ["lot_kind.required"]);
        assert_eq!(f["line.3.locale"], ["locale.required"]);
        // A file without the column at all is refused as a whole.
        let mut rows = table(&[holder_row("1", "600", "Peeters", "1")]);
        let at = rows.columns.iter().position(|c| c == "lot_kind").unwrap();
        rows.columns.remove(at);
        for row in &mut rows.rows {
            row.cells.remove(at);
        }
        let err = plan(&rows, 1000, &HashSet::new(), today()).unwrap_err();
        assert_eq!(err.fields().unwrap()["file"], ["import.columns"]);
    }

    #[test]
    fn a_couple_sharing_one_address_stays_two_owners() {
        let mut jan = holder_row("1", "600", "Peeters", "1/2");
        jan.push(("email", "fam@peeters.be"));
        let mut anna = holder_row("1", "600", "Peeters", "1/2");
        anna.retain(|(c, _)| *c != "first_name");
        anna.push(("first_name", "Anna"));
        anna.push(("email", "fam@peeters.be"));
        let plan = plan(&table(&[jan, anna]), 1000, &HashSet::new(), today()).unwrap();
        assert_eq!(plan.owners.len(), 2);
        assert_eq!(plan.lots[0].holders.len(), 2);
    }

    #[test]
    fn a_consent_is_the_date_of_the_written_consent() {
        let mut jan = holder_row("1", "600", "Peeters", "1");
        jan.extend([("email", "jan@peeters.be"), ("email_consent", "2024-05-01")]);
        let mut maes = holder_row("2", "400", "Maes", "1");
        maes.push(("email_consent", "no"));
        let planned = plan(&table(&[jan.clone(), maes]), 1000, &HashSet::new(), today()).unwrap();
        assert_eq!(
            planned.consents.into_values().collect::<Vec<_>>(),
            [NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()]
        );
        // "yes" says nothing the association can prove; a consent needs an address.
        jan.retain(|(c, _)| *c != "email_consent");
        jan.push(("email_consent", "yes"));
        let mut no_email = holder_row("2", "400", "Maes", "1");
        no_email.push(("email_consent", "2024-05-01"));
        let err = plan(&table(&[jan, no_email]), 1000, &HashSet::new(), today()).unwrap_err();
        let f = err.fields().unwrap();
        assert_eq!(f["line.2.email_consent"], ["email_consent.date_required"]);
        assert_eq!(f["line.3.email_consent"], ["consent.needs_email"]);
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_line() {
        let rows = table(&[
            holder_row("1", "600", "Peeters", "1/2"),
            holder_row("1", "650", "Maes", "1/2"),
            holder_row("2", "zero", "", "1"),
            holder_row("3", "100", "Claes", "1/3"),
            holder_row("EXISTING", "100", "Claes", "1"),
        ]);
        let existing: HashSet<String> = ["EXISTING".to_string()].into();
        let err = plan(&rows, 1000, &existing, today()).unwrap_err();
        let f = err.fields().unwrap();
        assert_eq!(f["line.3.lot_number"], ["import.lot_conflict"]);
        assert_eq!(f["line.4.quota"], ["quota.invalid"]);
        assert_eq!(f["line.4.last_name"], ["last_name.required"]);
        assert_eq!(f["line.5.share"], ["holders.not_whole"]);
        assert_eq!(f["line.6.lot_number"], ["import.lot_exists"]);
    }

    #[test]
    fn required_columns_and_rows() {
        let only_name = Table {
            columns: vec!["name".into()],
            rows: vec![],
        };
        let err = plan(&only_name, 1000, &HashSet::new(), today()).unwrap_err();
        assert_eq!(err.fields().unwrap()["file"], ["import.columns"]);
        let err = plan(&table(&[]), 1000, &HashSet::new(), today()).unwrap_err();
        assert_eq!(err.fields().unwrap()["file"], ["import.empty"]);
    }

    #[test]
    fn formula_cells_are_escaped_and_read_back_unchanged() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+32 2 123",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let escaped = escape_formula(cell);
            assert!(escaped.starts_with('\''), "{cell}");
            assert_eq!(unescape_formula(&escaped), cell);
        }
        for cell in ["A1", "100", "'quoted", "", "Jan"] {
            assert_eq!(escape_formula(cell), cell);
            assert_eq!(unescape_formula(cell), cell);
        }
    }

    #[test]
    fn owners_are_recognised_by_email_and_name_then_name() {
        assert_eq!(
            OwnerKey::of(Some("A"), "B", Some(" X@Example.be ")),
            OwnerKey::Email("x@example.be".into(), "a".into(), "b".into())
        );
        // A couple sharing one address.
        assert_ne!(
            OwnerKey::of(Some("Anna"), "Peeters", Some("fam@peeters.be")),
            OwnerKey::of(Some("Jan"), "Peeters", Some("fam@peeters.be"))
        );
        assert_eq!(
            OwnerKey::of(Some("Anna "), "Peeters", None),
            OwnerKey::Name("anna".into(), "peeters".into())
        );
    }
}
