//! Uploaded spreadsheets (CSV or XLSX) read into a [`Table`], with every dimension bounded
//! before it is kept: the file's size, the uncompressed size of an XLSX archive, rows,
//! columns, header names and cells. A crafted file gets a clear error naming the limit; it
//! can neither make the server allocate without bound (a 1 KB workbook with a cell at
//! XFD1048576 used to make the reader ask for the whole 512 GiB rectangle) nor panic.
//! These functions are CPU-bound: callers run them through `Work`.

use crate::domain::AppError;
use crate::domain::register::import::{
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_HEADER_CHARS, MAX_ROWS, Row, Table, unescape_formula,
};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The most an XLSX archive may expand to, all its parts together (a ZIP of 1 MiB can hold
/// gigabytes of repeated XML).
pub const MAX_UNZIPPED_BYTES: u64 = 32 * 1024 * 1024;
/// The most text all the cells of a table may hold together (shared strings let a small
/// sheet repeat one long text in every cell).
pub const MAX_TABLE_CHARS: usize = 8 * 1024 * 1024;

fn refused(code: &str) -> AppError {
    AppError::field("file", code)
}

fn unreadable() -> AppError {
    refused("import.unreadable")
}

fn header_name(raw: &str) -> Result<String, AppError> {
    let name = raw
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_");
    if name.chars().count() > MAX_HEADER_CHARS {
        return Err(refused("import.header_too_long"));
    }
    Ok(name)
}

/// Counts the text kept, and refuses a cell or a table past its limit.
#[derive(Default)]
struct Budget {
    chars: usize,
}

impl Budget {
    fn keep(&mut self, line: usize, text: &str) -> Result<String, AppError> {
        let text = unescape_formula(text.trim_matches(' ')).trim();
        let len = text.chars().count();
        if len > MAX_CELL_CHARS {
            return Err(AppError::field(
                &format!("line.{line}"),
                "import.cell_too_long",
            ));
        }
        self.chars += len;
        if self.chars > MAX_TABLE_CHARS {
            return Err(refused("import.too_large"));
        }
        Ok(text.to_owned())
    }
}

/// XLSX files are ZIP archives; anything else is read as CSV.
pub fn read(bytes: &[u8]) -> Result<Table, AppError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused("import.too_large"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

/// A CSV file: UTF-8, `,` or `;` (as spreadsheets in Belgium often write).
pub fn read_csv(bytes: &[u8]) -> Result<Table, AppError> {
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
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(_)) => return Err(unreadable()),
        None => return Err(refused("import.empty")),
    };
    if header.len() > MAX_COLUMNS {
        return Err(refused("import.too_many_columns"));
    }
    let columns = header
        .iter()
        .map(header_name)
        .collect::<Result<Vec<_>, _>>()?;
    let mut budget = Budget::default();
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let line = i + 2;
        let record =
            record.map_err(|_| AppError::field(&format!("line.{line}"), "import.unreadable"))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > MAX_COLUMNS {
            return Err(refused("import.too_many_columns"));
        }
        if rows.len() == MAX_ROWS {
            return Err(refused("import.too_many_rows"));
        }
        let cells = record
            .iter()
            .take(columns.len())
            .map(|cell| budget.keep(line, cell))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(Row { line, cells });
    }
    Ok(Table { columns, rows })
}

/// Reads every part of the archive through a counter, so that what calamine is given next
/// is known to expand to at most `MAX_UNZIPPED_BYTES` — whatever sizes the archive declares.
fn check_archive(bytes: &[u8]) -> Result<(), AppError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    if archive.len() > 1_000 {
        return Err(unreadable());
    }
    let mut left = MAX_UNZIPPED_BYTES;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| unreadable())?;
        let read = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|_| unreadable())?;
        if read > left {
            return Err(refused("import.too_large"));
        }
        left -= read;
    }
    Ok(())
}

fn cell_text(cell: &calamine::DataRef<'_>) -> String {
    use calamine::{DataRef, DataType};
    match cell {
        DataRef::Empty => String::new(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => cell
            .as_date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::String(s) => s.clone(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// The first worksheet of an XLSX file, read cell by cell: a cell past the row or column
/// limit refuses the file, whatever dimension the sheet declares.
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, AppError> {
    use calamine::Reader;
    check_archive(bytes)?;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(unreadable)?;
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(|_| unreadable())?;
    let mut budget = Budget::default();
    // Sheet row → (column → text); rows are usually in order, but nothing requires it.
    let mut lines: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(|_| unreadable())? {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        if column as usize >= MAX_COLUMNS {
            return Err(refused("import.too_many_columns"));
        }
        // Row 0 is the header.
        if row as usize > MAX_ROWS {
            return Err(refused("import.too_many_rows"));
        }
        let kept = budget.keep(row as usize + 1, &text)?;
        lines.entry(row).or_default().insert(column, kept);
    }
    let mut lines = lines.into_iter();
    let (header_row, header) = lines.next().ok_or_else(|| refused("import.empty"))?;
    let width = header.keys().max().map_or(0, |&c| c as usize + 1);
    let mut columns = vec![String::new(); width];
    for (column, name) in header {
        columns[column as usize] = header_name(&name)?;
    }
    let rows = lines
        .map(|(row, values)| {
            let mut cells = vec![String::new(); width];
            for (column, text) in values {
                if let Some(slot) = cells.get_mut(column as usize) {
                    *slot = text;
                }
            }
            Row {
                line: (row - header_row) as usize + 1,
                cells,
            }
        })
        .filter(|row| row.cells.iter().any(|c| !c.is_empty()))
        .collect();
    Ok(Table { columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(err: &AppError) -> String {
        err.fields()
            .and_then(|f| f.values().next())
            .map(|codes| codes[0].clone())
            .unwrap_or_default()
    }

    #[test]
    fn csv_with_either_separator_and_a_bom() {
        let table =
            read_csv("\u{feff}Lot Number;quota\nA1;100\n;\nA2;200;extra\n".as_bytes()).unwrap();
        assert_eq!(table.columns, ["lot_number", "quota"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].line, 4);
        assert_eq!(
            table.rows[1].cells,
            ["A2", "200"],
            "extra cells are dropped"
        );
        let table = read_csv(b"lot_number,quota\nA1,100\n").unwrap();
        assert_eq!(table.rows[0].cells, ["A1", "100"]);
    }

    #[test]
    fn csv_limits_are_enforced() {
        let wide = (0..=MAX_COLUMNS)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            code(&read_csv(wide.as_bytes()).unwrap_err()),
            "import.too_many_columns"
        );
        let long_header = format!("{},quota\n", "x".repeat(MAX_HEADER_CHARS + 1));
        assert_eq!(
            code(&read_csv(long_header.as_bytes()).unwrap_err()),
            "import.header_too_long"
        );
        let mut many = String::from("lot_number\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("{i}\n"));
        }
        assert_eq!(
            code(&read_csv(many.as_bytes()).unwrap_err()),
            "import.too_many_rows"
        );
        let long_cell = format!("lot_number\n{}\n", "y".repeat(MAX_CELL_CHARS + 1));
        let err = read_csv(long_cell.as_bytes()).unwrap_err();
        assert_eq!(err.fields().unwrap()["line.2"], ["import.cell_too_long"]);
        assert_eq!(
            code(&read(&vec![b'a'; MAX_FILE_BYTES + 1]).unwrap_err()),
            "import.too_large"
        );
        assert_eq!(
            code(&read_csv(&[0xff, 0xfe]).unwrap_err()),
            "import.unreadable"
        );
        assert_eq!(code(&read_csv(b"").unwrap_err()), "import.empty");
    }

    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (row, col, text) in cells {
            sheet.write_string(*row, *col, *text).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn xlsx_reads_cell_by_cell() {
        let bytes = workbook(&[
            (0, 0, "lot_number"),
            (0, 1, "Quota"),
            (1, 0, "A1"),
            (1, 1, "100"),
            (3, 1, "50"),
        ]);
        let table = read(&bytes).unwrap();
        assert_eq!(table.columns, ["lot_number", "quota"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].line, 4);
        assert_eq!(table.rows[1].cells, ["", "50"]);
    }

    #[test]
    fn a_far_away_cell_is_refused_not_allocated() {
        // The attack from the review: A1 and XFD1048576.
        let bytes = workbook(&[(0, 0, "lot_number"), (1_048_575, 16_383, "x")]);
        assert!(bytes.len() < 10_000);
        assert_eq!(code(&read(&bytes).unwrap_err()), "import.too_many_columns");
        let bytes = workbook(&[(0, 0, "lot_number"), (1_048_575, 0, "x")]);
        assert_eq!(code(&read(&bytes).unwrap_err()), "import.too_many_rows");
    }

    #[test]
    fn a_zip_bomb_is_refused_before_parsing() {
        use std::io::Write;
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/sharedStrings.xml", options).unwrap();
            let chunk = vec![b'a'; 1024 * 1024];
            for _ in 0..(MAX_UNZIPPED_BYTES / chunk.len() as u64 + 1) {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = buffer.into_inner();
        assert!(bytes.len() < MAX_FILE_BYTES, "{} bytes", bytes.len());
        assert_eq!(code(&read(&bytes).unwrap_err()), "import.too_large");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Arbitrary bytes never panic, and any error names the file or a line.
        #[test]
        fn arbitrary_bytes_are_an_error_or_a_bounded_table(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            match read(&bytes) {
                Ok(table) => {
                    prop_assert!(table.columns.len() <= MAX_COLUMNS);
                    prop_assert!(table.rows.len() <= MAX_ROWS);
                }
                Err(err) => {
                    let fields = err.fields().expect("a field error");
                    prop_assert!(fields.keys().all(|k| k == "file" || k.starts_with("line.")));
                }
            }
        }

        /// A valid workbook with bytes flipped or cut never panics either.
        #[test]
        fn mutated_workbooks_do_not_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8), cut in any::<prop::sample::Index>()) {
            let mut bytes = workbook(&[(0, 0, "lot_number"), (0, 1, "quota"), (1, 0, "A1"), (1, 1, "100")]);
            for (at, value) in flips {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            let keep = cut.index(bytes.len() + 1).max(4);
            bytes.truncate(keep.min(bytes.len()));
            let _ = read(&bytes);
        }

        /// Mutated CSV text keeps its bounds and never panics.
        #[test]
        fn mutated_csv_does_not_panic(text in "[a-z0-9;,\"\\n\\r ]{0,2000}") {
            let _ = read(text.as_bytes());
        }
    }
}
