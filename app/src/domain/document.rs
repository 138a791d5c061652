//! Documents (issue 12): what kind of document, who may see it, and what a file really is.
//!
//! The type of a file is read from its first bytes, never from its name or the client's
//! `Content-Type`: an HTML page named `minutes.pdf` is an HTML page, and HTML (like SVG) is
//! active content that a browser would run on this site. Only the formats a co-ownership
//! keeps are accepted: PDF, images, office documents, plain text and CSV. The same check
//! runs in the browser before an upload and on the server, which alone decides.

use serde::{Deserialize, Serialize};

/// How many first bytes `detect` needs: enough for the office formats, whose type is told
/// by the names of the parts inside their ZIP container.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The categories a syndic files documents under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Acte de base and statutes (art. 3.85 Civil Code).
    BasicDeed,
    RulesOfProcedure,
    Minutes,
    Contract,
    Insurance,
    Plan,
    Invoice,
    Photo,
    Correspondence,
    Other,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::BasicDeed,
        Category::RulesOfProcedure,
        Category::Minutes,
        Category::Contract,
        Category::Insurance,
        Category::Plan,
        Category::Invoice,
        Category::Photo,
        Category::Correspondence,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::BasicDeed => "basic_deed",
            Category::RulesOfProcedure => "rules_of_procedure",
            Category::Minutes => "minutes",
            Category::Contract => "contract",
            Category::Insurance => "insurance",
            Category::Plan => "plan",
            Category::Invoice => "invoice",
            Category::Photo => "photo",
            Category::Correspondence => "correspondence",
            Category::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Category::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("document.category.{}", self.as_str())
    }

    /// Years the association must keep it, where the law says so: accounting evidence
    /// (invoices) 7 years (Code of Economic Law art. III.88 with art. 3.89 §5 12° Civil
    /// Code, the syndic keeps the accounts of the association). Others: no legal period.
    pub fn legal_retention_years(self) -> Option<i32> {
        match self {
            Category::Invoice => Some(7),
            _ => None,
        }
    }
}

/// Who may see a document, besides the syndic's office (which sees everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The syndic's office only (syndics and accountants).
    Office,
    /// And the council of the building.
    Council,
    /// And every owner of the building.
    Owners,
    /// And one owner (their own letters, their own statement).
    Owner,
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [
        Visibility::Office,
        Visibility::Council,
        Visibility::Owners,
        Visibility::Owner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Office => "office",
            Visibility::Council => "council",
            Visibility::Owners => "owners",
            Visibility::Owner => "owner",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

/// What a reader is to a building's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Syndic or accountant of the organisation.
    Office,
    /// A member of the building's council.
    Council,
    /// An owner of a lot of the building: their owner record.
    Owner(uuid::Uuid),
}

/// Whether `reader` sees a document of `visibility` addressed (for `Owner`) to `addressee`.
/// The council sees what owners see; an owner sees a one-owner document only if it is theirs.
pub fn visible_to(visibility: Visibility, addressee: Option<uuid::Uuid>, reader: Reader) -> bool {
    match (reader, visibility) {
        (Reader::Office, _) => true,
        (Reader::Council, Visibility::Council | Visibility::Owners) => true,
        (Reader::Owner(_), Visibility::Owners) => true,
        (Reader::Owner(me), Visibility::Owner) => addressee == Some(me),
        _ => false,
    }
}

/// The formats accepted, each with the media type it is served as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    Heic,
    Tiff,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Doc,
    Xls,
    Text,
    Csv,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Gif => "image/gif",
            FileType::Webp => "image/webp",
            FileType::Heic => "image/heic",
            FileType::Tiff => "image/tiff",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileType::Odt => "application/vnd.oasis.opendocument.text",
            FileType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileType::Doc => "application/msword",
            FileType::Xls => "application/vnd.ms-excel",
            FileType::Text => "text/plain; charset=utf-8",
            FileType::Csv => "text/csv; charset=utf-8",
        }
    }

    /// Shown in the browser (the PDF viewer, an image) rather than downloaded. Nothing else
    /// is: text would be sniffed and rendered by some browsers despite `nosniff`.
    pub fn previewable(self) -> bool {
        matches!(
            self,
            FileType::Pdf | FileType::Png | FileType::Jpeg | FileType::Gif | FileType::Webp
        )
    }
}

/// Reads the type of a file from its first bytes (`SNIFF_BYTES` of them, or the whole file
/// if shorter); the name only tells CSV from plain text. The error is the message key.
pub fn detect(head: &[u8], file_name: &str) -> Result<FileType, &'static str> {
    if head.is_empty() {
        return Err("document.empty");
    }
    if let Some(kind) = infer::get(head) {
        return match kind.mime_type() {
            "application/pdf" => Ok(FileType::Pdf),
            "image/png" => Ok(FileType::Png),
            "image/jpeg" => Ok(FileType::Jpeg),
            "image/gif" => Ok(FileType::Gif),
            "image/webp" => Ok(FileType::Webp),
            "image/heif" | "image/heic" => Ok(FileType::Heic),
            "image/tiff" => Ok(FileType::Tiff),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
                Ok(FileType::Docx)
            }
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
                Ok(FileType::Xlsx)
            }
            "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
                Ok(FileType::Pptx)
            }
            "application/vnd.oasis.opendocument.text" => Ok(FileType::Odt),
            "application/vnd.oasis.opendocument.spreadsheet" => Ok(FileType::Ods),
            "application/msword" => Ok(FileType::Doc),
            "application/vnd.ms-excel" => Ok(FileType::Xls),
            // HTML and XML (SVG among them) are active content; archives and programs
            // are not documents.
            _ => Err("document.type_refused"),
        };
    }
    if looks_like_text(head) {
        if starts_with_markup(head) {
            return Err("document.type_refused");
        }
        let csv = file_name.to_ascii_lowercase().ends_with(".csv");
        return Ok(if csv { FileType::Csv } else { FileType::Text });
    }
    Err("document.type_refused")
}

/// UTF-8 (a character cut at the end of the sample is allowed) without NUL or the control
/// characters that binary files are full of.
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        // Cut inside a character at the end of the sample: the rest would complete it.
        Err(e) => e.error_len().is_none() && head.len() >= SNIFF_BYTES,
    };
    valid
        && head
            .iter()
            .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

/// Text that a browser would take for HTML or XML: the first thing after white space (and a
/// byte-order mark) is `<`.
fn starts_with_markup(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    text.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// A file name as given by the client, made safe to store and to send back: the last path
/// segment, without control characters, at most 200 characters; `document` if nothing is left.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "document".to_owned()
    } else {
        cleaned
    }
}

/// The `Content-Disposition` of a download: the name as an ASCII fallback and in full as
/// RFC 6266 / RFC 8187 `filename*`.
pub fn content_disposition(inline: bool, file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A document's metadata, as lists and the REST API show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentInfo {
    pub id: uuid::Uuid,
    pub building_id: Option<uuid::Uuid>,
    pub title: String,
    pub category: Category,
    pub visibility: Visibility,
    /// For `Visibility::Owner`: whose it is.
    pub owner_id: Option<uuid::Uuid>,
    /// The date of the document itself (of the minutes, of the invoice), not of the upload.
    pub document_date: Option<chrono::NaiveDate>,
    pub file_name: String,
    pub file_type: FileType,
    pub size: i64,
    /// SHA-256 of the content, hex: also the download's ETag.
    pub sha256: String,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    pub uploaded_by: Option<uuid::Uuid>,
    /// The first version's id; versions share it.
    pub series_id: uuid::Uuid,
    pub version: i32,
    /// Kept at least until then (the law's period), and not deletable before.
    pub retain_until: Option<chrono::NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec()
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(detect(&pdf(), "minutes.pdf"), Ok(FileType::Pdf));
        assert_eq!(detect(&pdf(), "minutes.txt"), Ok(FileType::Pdf));
        assert_eq!(detect(PNG, "photo.jpg"), Ok(FileType::Png));
        assert_eq!(
            detect(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", "x"),
            Ok(FileType::Jpeg)
        );
    }

    #[test]
    fn active_content_is_refused_whatever_its_name() {
        for (content, name) in [
            (
                &b"<!DOCTYPE html><html><script>alert(1)</script>"[..],
                "minutes.pdf",
            ),
            (b"  \n<html><body>hi</body></html>", "a.txt"),
            (
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>",
                "plan.png",
            ),
            (b"<?xml version=\"1.0\"?><svg/>", "plan.svg"),
            (b"\xEF\xBB\xBF<html>", "bom.csv"),
        ] {
            assert_eq!(
                detect(content, name),
                Err("document.type_refused"),
                "{name}"
            );
        }
    }

    #[test]
    fn programs_archives_and_binaries_are_refused() {
        let zip = b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\0\x05\0\0\0a.txt";
        for (content, name) in [
            (&b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF"[..], "invoice.pdf"),
            (b"\x7FELF\x02\x01\x01\0", "x.pdf"),
            (&zip[..], "plans.zip"),
            (b"\0\0\0\0binary", "x.txt"),
            (b"text with a \x01 control", "x.txt"),
        ] {
            assert_eq!(
                detect(content, name),
                Err("document.type_refused"),
                "{name}"
            );
        }
        assert_eq!(detect(b"", "x.pdf"), Err("document.empty"));
    }

    #[test]
    fn text_and_csv() {
        assert_eq!(
            detect(b"lot;quota\nA1;100\n", "lots.CSV"),
            Ok(FileType::Csv)
        );
        assert_eq!(
            detect("Procès-verbal\r\n".as_bytes(), "pv.txt"),
            Ok(FileType::Text)
        );
        // Invalid UTF-8 is not text; a character cut at the end of a full sample is.
        assert_eq!(detect(b"caf\xE9", "x.txt"), Err("document.type_refused"));
        let mut long = b"a".to_vec();
        long.extend("é".repeat(SNIFF_BYTES / 2).into_bytes());
        long.truncate(SNIFF_BYTES);
        assert_eq!(long.last(), Some(&0xC3));
        assert_eq!(detect(&long, "x.txt"), Ok(FileType::Text));
    }

    #[test]
    fn only_images_and_pdf_are_shown_inline() {
        assert!(FileType::Pdf.previewable());
        assert!(FileType::Png.previewable());
        for t in [
            FileType::Text,
            FileType::Csv,
            FileType::Docx,
            FileType::Heic,
        ] {
            assert!(!t.previewable(), "{t:?}");
        }
    }

    #[test]
    fn file_names_are_cleaned_and_sent_back_safely() {
        assert_eq!(clean_file_name("C:\\Users\\x\\PV 2024.pdf"), "PV 2024.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name(".."), "document");
        assert_eq!(clean_file_name(""), "document");
        assert_eq!(clean_file_name(&"x".repeat(500)).len(), 200);
        assert_eq!(
            content_disposition(false, "Procès-verbal 2024.pdf"),
            "attachment; filename=\"Proc_s-verbal 2024.pdf\"; filename*=UTF-8''Proc%C3%A8s-verbal%202024.pdf"
        );
        assert!(content_disposition(true, "a.pdf").starts_with("inline; "));
    }

    #[test]
    fn who_sees_what() {
        let me = uuid::Uuid::from_u128(1);
        let other = uuid::Uuid::from_u128(2);
        for v in Visibility::ALL {
            assert!(visible_to(v, Some(other), Reader::Office));
        }
        assert!(!visible_to(Visibility::Office, None, Reader::Council));
        assert!(visible_to(Visibility::Council, None, Reader::Council));
        assert!(visible_to(Visibility::Owners, None, Reader::Council));
        assert!(!visible_to(Visibility::Owner, Some(me), Reader::Council));
        assert!(!visible_to(Visibility::Office, None, Reader::Owner(me)));
        assert!(!visible_to(Visibility::Council, None, Reader::Owner(me)));
        assert!(visible_to(Visibility::Owners, None, Reader::Owner(me)));
        assert!(visible_to(Visibility::Owner, Some(me), Reader::Owner(me)));
        assert!(!visible_to(
            Visibility::Owner,
            Some(other),
            Reader::Owner(me)
        ));
        assert!(!visible_to(Visibility::Owner, None, Reader::Owner(me)));
    }

    #[test]
    fn categories_and_visibilities_read_back() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        assert_eq!(Category::parse("deed"), None);
        assert_eq!(Category::Invoice.legal_retention_years(), Some(7));
        assert_eq!(Category::Photo.legal_retention_years(), None);
    }
}
