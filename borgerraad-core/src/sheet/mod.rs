//! Sheets: an office's own register as a table (ark), read from an Excel
//! workbook (.xlsx) or a CSV file in the dialects Danish offices produce,
//! and told apart by content, never by file name ([`sniff`]).
//!
//! This layer knows nothing of inquiries: it yields the sheet's header
//! texts as written, its cells (empty, text, number or date) and the Excel
//! row numbers people see, and it sets aside blank rows and total rows
//! (`I alt`) with a reason. Every cell can be named in the sheet's own
//! terms ([`Sheet::at`]): `register.xlsx, sheet "2022", row 14, column
//! "Kanal" (C)`.
//!
//! # Example
//! ```
//! use borgerraad_core::sheet::{self, Cell, Options, SkipReason};
//! let csv = "Løbenr.;Dato;Kanal\n1;03-01-2022;Telefon\n;;\nI alt;;1\n";
//! let sheet = sheet::read("register.csv", csv.as_bytes(), &Options::default()).unwrap();
//! assert_eq!(sheet.headers, ["Løbenr.", "Dato", "Kanal"]);
//! assert_eq!(sheet.rows[0].row, 2);
//! assert_eq!(sheet.rows[0].cells[2], Cell::Text("Telefon".into()));
//! let day = sheet.rows[0].cells[1].date().unwrap();
//! assert_eq!(day, chrono::NaiveDate::from_ymd_opt(2022, 1, 3));
//! assert_eq!(sheet.skipped[0].reason, SkipReason::Blank);
//! assert_eq!(sheet.at(2, Some(2)).to_string(), r#"register.csv, line 2, column "Kanal""#);
//! ```

mod csv;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::fmt;

use chrono::NaiveDate;

use crate::base::cpr::redact_cpr;
use crate::base::date::serial_day;
pub use crate::base::date::{excel_serial_date, parse_danish_date as parse_date};
use crate::base::error::{shorten, Error, Location, Result, SheetPlace};

/// What a file holds, told by its first bytes ([`sniff`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines, the record format (the first visible character is `{`).
    Jsonl,
    /// Comma, semicolon or tab separated text.
    Csv,
    /// An Excel workbook (.xlsx, a zip archive).
    Xlsx,
}

/// Which sheet to read, and where its header is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The worksheet of a workbook; by default the first visible one.
    pub sheet: Option<String>,
    /// The row (workbook) or line (CSV) of the header, counted from 1 as
    /// Excel shows it; by default the first row that is not blank. Rows
    /// above it (a title, say) are passed over.
    pub header_row: Option<u32>,
}

/// A sheet read: its header, its rows of data, and the rows set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file or source name, as errors name it.
    pub source: String,
    /// CSV (and its dialect) or workbook (and its sheet).
    pub origin: Origin,
    /// The row (line) of the header.
    pub header_row: u32,
    /// The header texts as written, one per column. A column of a
    /// workbook with cells but no header text has `""`.
    pub headers: Vec<String>,
    /// The rows of data, in order, each with one cell per header.
    pub rows: Vec<SheetRow>,
    /// The blank and total rows below the header, in order; they are not
    /// in `rows`.
    pub skipped: Vec<Skipped>,
}

/// Where a sheet came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A CSV file, in the dialect detected.
    Csv(Dialect),
    /// A worksheet of an Excel workbook.
    Xlsx {
        /// The worksheet's name.
        sheet: String,
        /// The 0-based index of the first column read (0 is column A).
        first_column: u32,
    },
}

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The separator: `,`, `;` or tab.
    pub separator: u8,
    /// The text encoding.
    pub encoding: Encoding,
}

/// The text encodings of CSV files that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-8 that starts with a byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// Windows-1252 (Excel's plain "CSV" on a Danish Windows).
    Windows1252,
}

/// A row of data.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The row number Excel shows (workbook), or the line the row starts
    /// on (CSV; the same unless a cell above holds a line break).
    pub row: u32,
    /// One cell per header.
    pub cells: Vec<Cell>,
}

/// A cell as the sheet holds it. A CSV file has only text and empty
/// cells; a workbook also numbers and dates (cells formatted as a date).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing, or only spaces.
    Empty,
    /// Text as written (also a workbook's `TRUE`/`FALSE` and errors such as
    /// `#N/A`).
    Text(String),
    /// A number (a workbook's number cell, or a time or duration cell).
    Number(f64),
    /// A workbook's date cell; a time of day in it is dropped.
    Date(NaiveDate),
}

impl Cell {
    /// Whether the cell holds nothing (or only spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a date: `None` when empty; a date cell; a number as an
    /// Excel serial day (from 10 000, 1927, on); text as people in Denmark
    /// type a date ([`parse_date`]). The error says why it is not a date.
    pub fn date(&self) -> Result<Option<NaiveDate>, String> {
        match self {
            _ if self.is_empty() => Ok(None),
            Cell::Date(day) => Ok(Some(*day)),
            Cell::Number(n) => serial_day(*n, &n.to_string()).map(Some),
            Cell::Text(text) => parse_date(text).map(Some),
            Cell::Empty => Ok(None),
        }
    }

    /// Whether the cell holds a number, or text that is written as one
    /// (`573`, `47,75`, `1.234`, `12 %`) and not as a date.
    fn is_number(&self) -> bool {
        match self {
            Cell::Number(_) => true,
            Cell::Text(t) => {
                let t = t.trim();
                let t = t.strip_suffix('%').unwrap_or(t).trim_end();
                let t = t.strip_prefix(['-', '+']).unwrap_or(t);
                t.bytes().any(|b| b.is_ascii_digit())
                    && t.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}'))
                    && parse_date(t).is_err()
            }
            _ => false,
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(t) => f.write_str(t),
            Cell::Number(n) => write!(f, "{n}"),
            Cell::Date(day) => write!(f, "{day}"),
        }
    }
}

/// A row below the header that is not data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The row number (see [`SheetRow::row`]).
    pub row: u32,
    /// Why it was set aside.
    pub reason: SkipReason,
}

/// Why a row was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Every cell is empty.
    Blank,
    /// A total (or average) row: its first filled cell says `I alt`,
    /// `Total`, `Totalt` or `Sum` (in any case, perhaps with more words or
    /// a colon after it), or is a label with only numbers after it.
    Total {
        /// The label as written (cut short, never a CPR-shaped value).
        label: String,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Blank => f.write_str("blank row"),
            SkipReason::Total { label } => write!(f, "total row (\"{label}\")"),
        }
    }
}

/// What the bytes of `source` hold, told by their content: JSON Lines
/// when the first visible character is `{`, an Excel workbook when they
/// are a zip archive, CSV otherwise. Anything else is a `ParseError` that
/// names the file and what it looks like: an old Excel workbook (.xls) or
/// a password-protected one, an OpenDocument file, a PDF, UTF-16 text,
/// HTML or XML, binary data, or nothing at all.
///
/// # Example
/// ```
/// use borgerraad_core::sheet::{sniff, Format};
/// assert_eq!(sniff("a.csv", b"\n{\"id\": 1}\n").unwrap(), Format::Jsonl);
/// assert_eq!(sniff("a.txt", b"PK\x03\x04rest").unwrap(), Format::Xlsx);
/// let old = sniff("a.xlsx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
/// assert!(old.to_string().starts_with("a.xlsx: an old Excel workbook (.xls)"));
/// ```
pub fn sniff(source: &str, bytes: &[u8]) -> Result<Format> {
    let looks = |what: &str| {
        Err(not_read(
            source,
            &format!("{what}, not a register: save it as an Excel workbook (.xlsx) or CSV"),
        ))
    };
    if bytes.starts_with(b"PK\x03\x04") {
        if bytes
            .get(30..)
            .is_some_and(|b| b.starts_with(b"mimetypeapplication/vnd.oasis"))
        {
            return looks("an OpenDocument file (.ods)");
        }
        return Ok(Format::Xlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return looks(
            "an old Excel workbook (.xls) or a password-protected one (both are stored in the OLE2 format)",
        );
    }
    if bytes.starts_with(b"%PDF") {
        return looks("a PDF document");
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return looks("UTF-16 text (Excel's \"Unicode text\")");
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(not_read(source, "the file is empty")),
        Some(b'{') => Ok(Format::Jsonl),
        Some(b'<') => {
            looks("an HTML or XML document (some systems export their \"Excel\" files so)")
        }
        Some(_) => match csv::binary_line(text) {
            Some(line) => looks(&format!("binary data (a control character on line {line})")),
            None => Ok(Format::Csv),
        },
    }
}

/// Reads the sheet in the bytes of `source` (a file name, for messages):
/// an Excel workbook or a CSV file, told by content ([`sniff`]).
///
/// A CSV file may be UTF-8 (with or without a byte order mark) or
/// Windows-1252, separated by `,`, `;` or tab: the one in the header line
/// or, if it has more than one, the one that gives none of the first
/// twenty rows more cells than the header (the most frequent in the header
/// if more than one does).
/// A row with more filled cells than the header is a `ParseError` (a
/// separator in a cell that is not quoted); a row with fewer is filled
/// up with empty cells. An empty line is no row at all; a line of
/// separators only is a blank row.
///
/// Errors (`ParseError`) name the file, and the line or row where there
/// is one: JSON Lines or another format, an unknown encoding (naming
/// those tried), a separator that cannot be told (naming those tried), a
/// workbook that cannot be read, a sheet that is not in it, a sheet
/// without a header.
///
/// Without the crate feature `xlsx` (the browser build), a workbook is a
/// `ParseError` that says so.
pub fn read(source: &str, bytes: &[u8], options: &Options) -> Result<Sheet> {
    match sniff(source, bytes)? {
        Format::Jsonl => Err(not_read(
            source,
            "this is JSON Lines (it starts with `{`), the record format, not a sheet",
        )),
        Format::Csv => csv::read(source, bytes, options),
        #[cfg(feature = "xlsx")]
        Format::Xlsx => xlsx::read(source, bytes, options),
        #[cfg(not(feature = "xlsx"))]
        Format::Xlsx => Err(not_read(
            source,
            "an Excel workbook (.xlsx), which this build does not read (crate feature `xlsx`)",
        )),
    }
}

/// Reads the sheet in the file at `path` ([`read`]); errors name the
/// path as given.
pub fn open(path: &std::path::Path, options: &Options) -> Result<Sheet> {
    read(
        &path.display().to_string(),
        &crate::document::read(path)?,
        options,
    )
}

impl Sheet {
    /// The worksheet's name, for a workbook.
    pub fn sheet_name(&self) -> Option<&str> {
        match &self.origin {
            Origin::Xlsx { sheet, .. } => Some(sheet),
            Origin::Csv(_) => None,
        }
    }

    /// The place of row `row` (a [`SheetRow::row`]) and, if given, of the
    /// cell in column `column` (an index of [`Sheet::headers`]) in the
    /// sheet's own terms, for an error: `register.xlsx, sheet "2022", row
    /// 14, column "Kanal" (C)`, or `register.csv, line 14, column "Kanal"`.
    pub fn at(&self, row: u32, column: Option<usize>) -> Location {
        let mut at = Location::source(&self.source).at_line(u64::from(row));
        let mut place = SheetPlace {
            sheet: self.sheet_name().map(|s| redact_cpr(s).into_owned()),
            ..SheetPlace::default()
        };
        if let Some(column) = column {
            place.column = self
                .headers
                .get(column)
                .filter(|h| !h.trim().is_empty())
                .map(|h| redact_cpr(h.trim()).into_owned());
            if let Origin::Xlsx { first_column, .. } = self.origin {
                place.letter = Some(column_letter(first_column + column as u32));
            }
        }
        at.place = Some(Box::new(place));
        at
    }
}

/// The letters Excel gives the 0-based column `index`: 0 is `A`, 25 `Z`,
/// 26 `AA`.
fn column_letter(index: u32) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A `ParseError` about the file `source` as a whole.
fn not_read(source: &str, reason: &str) -> Error {
    Error::Parse {
        at: Location::source(source),
        field: None,
        reason: reason.into(),
    }
}

/// Whether a row is set aside, and why.
fn skip_reason(cells: &[Cell]) -> Option<SkipReason> {
    let mut filled = cells.iter().filter(|c| !c.is_empty());
    let Some(first @ Cell::Text(label)) = filled.next() else {
        return cells
            .iter()
            .all(Cell::is_empty)
            .then_some(SkipReason::Blank);
    };
    let word = label.trim().trim_end_matches(':').trim_end().to_lowercase();
    let total = ["i alt", "total", "totalt", "sum"].iter().any(|w| {
        word == *w
            || word
                .strip_prefix(w)
                .is_some_and(|r| r.starts_with([' ', ':']))
    });
    let mut rest = filled.peekable();
    let numbers = rest.peek().is_some() && rest.all(Cell::is_number);
    (total || (numbers && !first.is_number())).then(|| SkipReason::Total {
        label: shorten(label.trim()),
    })
}

/// The table of `rows` (each with its row number, in order): the header
/// (the first row that is not blank, or the row `header_row`), then each
/// row below as data or set aside. A row with filled cells right of the
/// header is a `ParseError` from `wide` (which is given the row and the
/// number of cells), or, when `wide` is `None`, widens the table with
/// columns without header text.
fn table(
    mut rows: impl Iterator<Item = (u32, Vec<Cell>)>,
    header_row: Option<u32>,
    wide: Option<&dyn Fn(u32, usize) -> Error>,
    no_header: impl FnOnce() -> Error,
) -> Result<Table> {
    let (row, header) = rows
        .find(|(row, cells)| match header_row {
            Some(wanted) => *row == wanted && !cells.iter().all(Cell::is_empty),
            None => !cells.iter().all(Cell::is_empty),
        })
        .ok_or_else(no_header)?;
    let mut headers: Vec<String> = header.iter().map(Cell::to_string).collect();
    while headers.last().is_some_and(|h| h.trim().is_empty()) {
        headers.pop();
    }
    let (mut data, mut skipped) = (Vec::new(), Vec::new());
    for (n, mut cells) in rows {
        let filled = cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1);
        if filled > headers.len() {
            match wide {
                Some(wide) => return Err(wide(n, filled)),
                None => headers.resize(filled, String::new()),
            }
        }
        cells.truncate(filled.max(headers.len()).min(cells.len()));
        match skip_reason(&cells) {
            Some(reason) => skipped.push(Skipped { row: n, reason }),
            None => data.push(SheetRow { row: n, cells }),
        }
    }
    for row in &mut data {
        row.cells.resize(headers.len(), Cell::Empty);
    }
    Ok(Table {
        header_row: row,
        headers,
        rows: data,
        skipped,
    })
}

/// The parts of a [`Sheet`] that [`table`] reads.
struct Table {
    header_row: u32,
    headers: Vec<String>,
    rows: Vec<SheetRow>,
    skipped: Vec<Skipped>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn column_letters_are_excels() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(2), "C");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn blank_and_total_rows_are_told_apart_from_data() {
        assert_eq!(
            skip_reason(&[Cell::Empty, text("  ")]),
            Some(SkipReason::Blank)
        );
        let total = |label: &str| {
            Some(SkipReason::Total {
                label: label.into(),
            })
        };
        assert_eq!(
            skip_reason(&[Cell::Empty, text("I alt"), Cell::Number(3.0)]),
            total("I alt")
        );
        assert_eq!(skip_reason(&[text("i ALT:")]), total("i ALT:"));
        assert_eq!(
            skip_reason(&[text("Total 2022"), text("")]),
            total("Total 2022")
        );
        assert_eq!(skip_reason(&[text("SUM"), Cell::Empty]), total("SUM"));
        // A label with only numbers after it (the CSV's numbers are text).
        assert_eq!(
            skip_reason(&[
                text("Gennemsnit"),
                text("47,75"),
                text("1.234"),
                Cell::Number(2.5)
            ]),
            total("Gennemsnit")
        );
        // Data: a number first, or text among the cells, or a date.
        assert_eq!(skip_reason(&[Cell::Number(1.0), text("Telefon")]), None);
        assert_eq!(
            skip_reason(&[text("EBJ-1"), text("03-01-2022"), text("Mail")]),
            None
        );
        assert_eq!(skip_reason(&[text("Anna"), text("3.1.2022")]), None);
        assert_eq!(skip_reason(&[text("Totalbeløb"), text("Mail")]), None);
        // A label alone is not a total row: it is data for the caller to judge.
        assert_eq!(skip_reason(&[text("Noter")]), None);
    }

    #[test]
    fn dates_are_read_day_first_and_never_guessed() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Each by hand: 3 January 2022.
        for form in [
            "2022-01-03",
            "03-01-2022",
            "3-1-2022",
            "3.1.2022",
            "03.01.22",
            "3/1/2022",
            " 03-01-22 ",
        ] {
            assert_eq!(parse_date(form), Ok(day(2022, 1, 3)), "{form}");
        }
        // Excel serial 44564: 44 564 days after 1899-12-30 is 2022-01-03
        // (Python: date(1899, 12, 30) + timedelta(44564)).
        assert_eq!(parse_date("44564"), Ok(day(2022, 1, 3)));
        assert_eq!(Cell::Number(44564.0).date(), Ok(Some(day(2022, 1, 3))));
        assert_eq!(
            Cell::Date(day(2022, 1, 3)).date(),
            Ok(Some(day(2022, 1, 3)))
        );
        assert_eq!(text(" ").date(), Ok(None));
        // The two-digit pivot: 00-29 are 20xx, 30-99 19xx (as Excel).
        assert_eq!(parse_date("31.12.29"), Ok(day(2029, 12, 31)));
        assert_eq!(parse_date("01.01.30"), Ok(day(1930, 1, 1)));
        assert_eq!(parse_date("01-01-00"), Ok(day(2000, 1, 1)));
        assert_eq!(parse_date("29.02.24"), Ok(day(2024, 2, 29)));
        // Refused.
        let why = |s: &str| parse_date(s).unwrap_err();
        assert!(why("2022-02-30").contains("2022-02 has no day 30"));
        assert!(why("29.02.2023").contains("has no day 29"));
        assert!(why("1/13/2022").contains("no month 13"));
        assert!(why("01/02/03").contains("two-digit year after slashes"));
        assert!(why("03-01.2022").contains("expected a form"));
        assert!(why("2022/01/03").contains("expected a form"));
        assert!(why("03-01-2022 10:15").contains("expected a form"));
        assert!(why("3. januar 2022").contains("expected a form"));
        assert!(why("3-1-022").contains("expected a form"));
        assert!(why("2022").contains("is a number, not a date"));
        assert!(Cell::Number(2022.0)
            .date()
            .unwrap_err()
            .contains("`2022` is a number"));
        assert!(why("0101901234").contains("a value shaped like a CPR number"));
    }

    #[test]
    fn sniffing_reads_content_not_names() {
        assert_eq!(
            sniff("x.xlsx", b"\xEF\xBB\xBF  {\"a\":1}").unwrap(),
            Format::Jsonl
        );
        assert_eq!(sniff("x.jsonl", b"a;b\n1;2\n").unwrap(), Format::Csv);
        let err = |b: &[u8]| sniff("register.xls", b).unwrap_err().to_string();
        assert_eq!(err(b""), "register.xls: the file is empty");
        assert_eq!(err(b" \n\r\n"), "register.xls: the file is empty");
        assert!(err(b"%PDF-1.7").starts_with("register.xls: a PDF document, not a register"));
        assert!(err(b"\xFF\xFEa\0").contains("UTF-16"));
        assert!(err(b"<html><table>").contains("HTML"));
        assert!(err(b"a;b\n1;\x002\n").contains("binary data (a control character on line 2)"));
        let mut ods = b"PK\x03\x04".to_vec();
        ods.resize(30, 0);
        ods.extend(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert!(err(&ods).contains("OpenDocument"));
        let jsonl = read("x.csv", b"{\"id\":1}\n", &Options::default()).unwrap_err();
        assert!(jsonl.to_string().contains("JSON Lines"));
    }

    #[test]
    fn locations_name_the_sheets_own_terms() {
        let sheet = Sheet {
            source: "register.xlsx".into(),
            origin: Origin::Xlsx {
                sheet: "2022".into(),
                first_column: 0,
            },
            header_row: 1,
            headers: vec![
                "Løbenr.".into(),
                "Dato".into(),
                "Kanal".into(),
                String::new(),
            ],
            rows: Vec::new(),
            skipped: Vec::new(),
        };
        let at = sheet.at(14, Some(2));
        assert_eq!(
            at.to_string(),
            r#"register.xlsx, sheet "2022", row 14, column "Kanal" (C)"#
        );
        let err = Error::Parse {
            at,
            field: None,
            reason: "unknown channel `Brev`".into(),
        };
        assert_eq!(
            err.to_string(),
            r#"register.xlsx, sheet "2022", row 14, column "Kanal" (C): unknown channel `Brev`"#
        );
        assert_eq!(
            sheet.at(9, Some(3)).to_string(),
            r#"register.xlsx, sheet "2022", row 9, column D"#
        );
        assert_eq!(
            sheet.at(9, None).with_record("EBJ-1").to_string(),
            r#"register.xlsx, sheet "2022", row 9, record `EBJ-1`"#
        );
        // The plain form of a record file is unchanged.
        assert_eq!(
            Location::source("a.csv")
                .at_line(2)
                .with_record("X-1")
                .to_string(),
            "a.csv:2: record `X-1`"
        );
    }
}
