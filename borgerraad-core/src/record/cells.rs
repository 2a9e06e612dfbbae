//! CSV, and columns in the Arrow layout (from pandas or Arrow): the same
//! column names and cell formats (`a;b` for lists, `kind@YYYY-MM-DD` for
//! actions, an empty cell for a missing value).

use std::io::Write;

use chrono::NaiveDate;

use super::fields::{column, CSV_COLUMNS, DATE_COLUMNS, REQUIRED_COLUMNS};
use super::{parse_into, Check, Interner, Part, Recent, Sink};
use crate::base::date::{day_of_epoch, not_a_date, parse_date};
use crate::base::error::{foreign_reason, shorten, Error, Location, Result};
use crate::base::parallel::pieces;
use crate::base::text::{formula_like, split_at, split_once_at, to_spreadsheet, trim};
use crate::codes::is_code;
use crate::inquiry::{Action, Actions, Consent, Inquiry, Referral, Topics};
use crate::privacy::{Cpr, Pseudonymizer};

/// Parses CSV text in the columns of [`CSV_COLUMNS`] (any order; optional
/// columns may be left out).
pub(crate) fn parse_csv(
    bytes: &[u8],
    source: &str,
    pseudo: Option<&Pseudonymizer>,
    check: &Check<'_>,
    items: &mut Vec<Inquiry>,
) -> Vec<Part> {
    let at = Location::source(source);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header_err = |reason: String| Part::failed(at.at_line(1), &reason);
    let headers = match reader.headers() {
        Ok(h) if h.is_empty() || (h.len() == 1 && h[0].is_empty()) => {
            return header_err("the file is empty: no header".into())
        }
        Ok(h) => h.clone(),
        Err(e) => return header_err(csv_reason(&e)),
    };
    let index = match column_index(headers.iter(), pseudo.is_some()) {
        Ok(index) => index,
        Err(reason) => return header_err(reason),
    };
    // At most one record a line (a line ends at `\n`, `\r` or both), and
    // one per `MIN_CSV_ROW` bytes: blank lines cost no memory.
    let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    let room = lines.min(super::most_records(bytes.len(), super::MIN_CSV_ROW));
    let parts = parse_into(items, vec![(reader, room)], |mut reader, out| {
        read_rows(&mut reader, &index, &at, pseudo, check, out)
    });
    if parts[0].is_empty() {
        return header_err("the file holds a header but no records".into());
    }
    parts
}

fn read_rows(
    reader: &mut csv::Reader<&[u8]>,
    index: &Index,
    at: &Location,
    pseudo: Option<&Pseudonymizer>,
    check: &Check<'_>,
    out: &mut Sink<'_>,
) {
    let mut record = csv::StringRecord::new();
    let mut last = reader.position().byte();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let row = CsvRow {
                    record: &record,
                    index,
                };
                let here = || at.at_line(line).with_record(row.text(col::ID));
                let parsed = csv_row(&row, pseudo, &mut out.codes);
                out.push(line, parsed, check, here);
            }
            // A malformed row (a field too many or too few, bad UTF-8)
            // costs that row only: the reader has read past it. Reading
            // stops only where it did not move on.
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                out.push(
                    line,
                    Err(Error::Parse {
                        at: Location::default(),
                        field: None,
                        reason: csv_reason(&e),
                    }),
                    check,
                    || at.at_line(line),
                );
                let now = reader.position().byte();
                if e.position().is_none() || now <= last {
                    break;
                }
                last = now;
            }
        }
    }
}

/// The position of each column in [`CSV_COLUMNS`].
mod col {
    use super::column;
    pub(super) const ID: usize = column("id");
    pub(super) const CITIZEN: usize = column("citizen");
    pub(super) const RECEIVED: usize = column("received");
    pub(super) const CLOSED: usize = column("closed");
    pub(super) const MUNICIPALITY: usize = column("municipality");
    pub(super) const CHANNEL: usize = column("channel");
    pub(super) const SITE: usize = column("site");
    pub(super) const REQUESTER: usize = column("requester");
    pub(super) const KIND: usize = column("kind");
    pub(super) const CATEGORY: usize = column("category");
    pub(super) const OTHER_CATEGORIES: usize = column("other_categories");
    pub(super) const TOPICS: usize = column("topics");
    pub(super) const ACTIONS: usize = column("actions");
    pub(super) const CONSENT_GIVEN: usize = column("consent_given");
    pub(super) const REFERRAL_TO: usize = column("referral_to");
    pub(super) const REFERRAL_BASIS: usize = column("referral_basis");
    pub(super) const OUTCOME: usize = column("outcome");
    pub(super) const MATTER_DATE: usize = column("matter_date");
}

/// Maps header names to the positions of [`CSV_COLUMNS`] (`usize::MAX` for
/// an absent optional column), refusing unknown, repeated and `cpr` columns.
fn column_index<'a>(
    names: impl Iterator<Item = &'a str>,
    pseudonymize: bool,
) -> std::result::Result<Index, String> {
    let mut index = [usize::MAX; CSV_COLUMNS.len() + 1];
    for (i, name) in names.enumerate() {
        let position = match name.trim() {
            n if n.eq_ignore_ascii_case("cpr") && pseudonymize => Some(CPR),
            n => CSV_COLUMNS.iter().position(|c| *c == n),
        };
        match position {
            Some(c) if index[c] == usize::MAX => index[c] = i,
            Some(_) => return Err(format!("column `{}` appears twice in the header", shorten(name))),
            None if name.trim().eq_ignore_ascii_case("cpr") => {
                return Err("a `cpr` column is refused: the register never holds CPR numbers; give a pseudonymizer to turn them into citizen keys on loading".into())
            }
            None => {
                return Err(format!("unknown column `{}` in the header; expected: {}", shorten(name), CSV_COLUMNS.join(", ")))
            }
        }
    }
    if index[CPR] != usize::MAX && index[col::CITIZEN] != usize::MAX {
        return Err("give either a `citizen` or a `cpr` column, not both".into());
    }
    let has = |c: usize| index[c] != usize::MAX || (c == col::CITIZEN && index[CPR] != usize::MAX);
    match REQUIRED_COLUMNS.iter().find(|&&c| !has(c)) {
        Some(&missing) => Err(format!(
            "the header lacks the required column `{}`",
            CSV_COLUMNS[missing]
        )),
        None => Ok(index),
    }
}

/// The position in the input of each column of [`CSV_COLUMNS`], then of a
/// `cpr` column (`usize::MAX` when absent).
type Index = [usize; CSV_COLUMNS.len() + 1];

/// The position of a `cpr` column in an [`Index`].
const CPR: usize = CSV_COLUMNS.len();

/// One column of a table (as from a data frame or an Arrow table).
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// The column's name, one of [`CSV_COLUMNS`].
    pub name: &'a str,
    /// The cells, one per row.
    pub cells: Cells<'a>,
}

/// The cells of a [`Column`], in an Arrow layout.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Cells<'a> {
    /// UTF-8 text (Arrow `string`) in the cell formats of CSV: cell `i` is
    /// `data[offsets[i]..offsets[i + 1]]`; an empty cell is a missing value,
    /// and so is a cell where `valid[i]` is false (an Arrow null).
    Text {
        /// `rows + 1` offsets into `data`.
        offsets: &'a [i32],
        /// The UTF-8 bytes of all cells.
        data: &'a [u8],
        /// One flag per row: whether the cell is present; `None` when all are.
        valid: Option<&'a [bool]>,
    },
    /// As [`Cells::Text`] with 64-bit offsets (Arrow `large_string`, which
    /// pandas' `str` columns hold).
    LargeText {
        /// `rows + 1` offsets into `data`.
        offsets: &'a [i64],
        /// The UTF-8 bytes of all cells.
        data: &'a [u8],
        /// One flag per row: whether the cell is present; `None` when all are.
        valid: Option<&'a [bool]>,
    },
    /// Days since 1970-01-01 (Arrow `date32`), for the date columns; cell
    /// `i` is missing where `valid[i]` is false (an Arrow null).
    Days {
        /// One day number per row.
        days: &'a [i32],
        /// One flag per row: whether the cell holds a day; `None` when all
        /// do.
        valid: Option<&'a [bool]>,
    },
}

impl Column<'_> {
    /// The number of rows (0 if the layout is not consistent).
    pub(crate) fn rows(&self) -> usize {
        self.cells.rows().unwrap_or(0)
    }
}

impl Cells<'_> {
    /// The number of rows, if the layout is consistent.
    fn rows(&self) -> Option<usize> {
        match *self {
            Cells::Text {
                offsets,
                data,
                valid,
            } => text_rows(offsets, data, valid),
            Cells::LargeText {
                offsets,
                data,
                valid,
            } => text_rows(offsets, data, valid),
            Cells::Days { days, valid } => valid
                .is_none_or(|v| v.len() == days.len())
                .then_some(days.len()),
        }
    }
}

/// The number of rows of text cells, if the offsets rise from 0 or more
/// and stay within `data`, and there is a validity flag for each row.
fn text_rows<O: Copy + Into<i64>>(
    offsets: &[O],
    data: &[u8],
    valid: Option<&[bool]>,
) -> Option<usize> {
    let rows = offsets.len().checked_sub(1)?;
    let sane = offsets.first().is_some_and(|&o| o.into() >= 0)
        && offsets.windows(2).all(|w| w[0].into() <= w[1].into())
        && offsets
            .last()
            .is_some_and(|&end| end.into() <= data.len() as i64)
        && valid.is_none_or(|v| v.len() == rows);
    sane.then_some(rows)
}

/// Parses columns (as from a data frame or an Arrow table) with the same
/// names and cell formats as CSV. Row `i` is reported as line `i + 1`.
pub(crate) fn parse_columns(
    columns: &[Column<'_>],
    source: &str,
    pseudo: Option<&Pseudonymizer>,
    check: &Check<'_>,
    items: &mut Vec<Inquiry>,
) -> Vec<Part> {
    let at = Location::source(source);
    let fail = |reason: String| Part::failed(at.clone(), &reason);
    let index = match column_index(columns.iter().map(|c| c.name), pseudo.is_some()) {
        Ok(index) => index,
        Err(reason) => return fail(reason),
    };
    let rows = columns.first().and_then(|c| c.cells.rows()).unwrap_or(0);
    for (i, c) in columns.iter().enumerate() {
        if c.cells.rows() != Some(rows) {
            return fail(format!(
                "column `{}` is malformed: its cells do not fit {rows} rows",
                shorten(c.name)
            ));
        }
        let dated = DATE_COLUMNS.iter().any(|&d| index[d] == i);
        if matches!(c.cells, Cells::Days { .. }) && !dated {
            return fail(format!(
                "column `{}` holds days, but it is not a date column",
                shorten(c.name)
            ));
        }
    }
    if rows == 0 {
        return fail("the table holds no rows".into());
    }
    // Each text column's bytes are checked as UTF-8 once; a column that
    // fails is checked cell by cell, to name the row.
    let mut sources = [Source::Absent; CSV_COLUMNS.len() + 1];
    for (source, &i) in sources.iter_mut().zip(&index) {
        if let Some(column) = columns.get(i) {
            let text = |offsets, data, valid| Source::Text {
                name: column.name,
                offsets,
                data,
                utf8: std::str::from_utf8(data).ok(),
                valid,
            };
            *source = match column.cells {
                Cells::Text {
                    offsets,
                    data,
                    valid,
                } => text(Offsets::Narrow(offsets), data, valid),
                Cells::LargeText {
                    offsets,
                    data,
                    valid,
                } => text(Offsets::Wide(offsets), data, valid),
                Cells::Days { days, valid } => Source::Days { days, valid },
            };
        }
    }
    let parse_row = |row: usize, cells: &BlockRow<'_>, sink: &mut Sink<'_>| {
        let line = row as u64 + 1;
        let table_row = TableRow {
            sources: &sources,
            cells,
            bad_utf8: std::cell::Cell::new(None),
        };
        let parsed = csv_row(&table_row, pseudo, &mut sink.codes);
        let here = || at.at_line(line).with_record(table_row.text(col::ID));
        let parsed = match table_row.bad_utf8.get() {
            Some(name) => Err(Error::Parse {
                at: Location::default(),
                field: Some(name.into()),
                reason: "invalid UTF-8".into(),
            }),
            None => parsed,
        };
        sink.push(line, parsed, check, here);
    };
    let pieces = pieces(rows >> 16);
    let ranges = (0..pieces)
        .map(|t| {
            let range = rows * t / pieces..rows * (t + 1) / pieces;
            (range.clone(), range.len())
        })
        .collect();
    parse_into(items, ranges, |range: std::ops::Range<usize>, sink| {
        let mut block = Vec::with_capacity(BLOCK);
        for first in range.clone().step_by(BLOCK) {
            let rows = first..(first + BLOCK).min(range.end);
            read_block(&sources, rows.clone(), &mut block);
            for (row, cells) in rows.zip(&block) {
                parse_row(row, cells, sink);
            }
        }
    })
}

/// One row of input, as [`csv_row`] reads it.
trait Row<'r> {
    /// The text of column `c` of [`CSV_COLUMNS`] (or [`CPR`]); empty when
    /// the input lacks the column.
    fn text(&self, c: usize) -> &'r str;

    /// The day in date column `c`; `None` for an empty cell.
    fn day(&self, c: usize) -> Result<Option<NaiveDate>> {
        day_in_text(self.text(c), c)
    }
}

/// A CSV record and where its columns are.
struct CsvRow<'r> {
    record: &'r csv::StringRecord,
    index: &'r Index,
}

impl<'r> Row<'r> for CsvRow<'r> {
    fn text(&self, c: usize) -> &'r str {
        from_spreadsheet(self.record.get(self.index[c]).unwrap_or(""))
    }
}

/// The value of a cell written by [`to_spreadsheet`](crate::base::text::to_spreadsheet): one leading `'` is
/// taken off a cell that would otherwise be a formula.
fn from_spreadsheet(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// Where the cells of one column of [`CSV_COLUMNS`] (or [`CPR`]) are in
/// a table, whose columns have been checked to fit.
#[derive(Clone, Copy)]
enum Source<'r> {
    /// The table lacks the column.
    Absent,
    Text {
        name: &'r str,
        offsets: Offsets<'r>,
        data: &'r [u8],
        /// All of `data`, if it is UTF-8.
        utf8: Option<&'r str>,
        valid: Option<&'r [bool]>,
    },
    Days {
        days: &'r [i32],
        valid: Option<&'r [bool]>,
    },
}

/// The offsets of [`Cells::Text`] or [`Cells::LargeText`].
#[derive(Clone, Copy)]
enum Offsets<'r> {
    Narrow(&'r [i32]),
    Wide(&'r [i64]),
}

impl Offsets<'_> {
    /// Where cell `row` is in the data.
    fn cell(self, row: usize) -> std::ops::Range<usize> {
        match self {
            Offsets::Narrow(o) => o[row] as usize..o[row + 1] as usize,
            Offsets::Wide(o) => o[row] as usize..o[row + 1] as usize,
        }
    }
}

/// The cells of one row as [`read_block`] reads them, by column of
/// [`Source`]s: the text of text columns (`None` when not UTF-8), and the day
/// of columns of days (`None` when missing).
#[derive(Clone, Copy)]
struct BlockRow<'r> {
    text: [Option<&'r str>; CSV_COLUMNS.len() + 1],
    days: [Option<i32>; CSV_COLUMNS.len() + 1],
}

/// How many rows are read a block at a time (see [`read_block`]).
const BLOCK: usize = 256;

/// Reads the cells of `rows` into `block`, one column after another.
/// The records are then made row by row from the block. Reading every
/// column row by row straight from the table instead reads from some
/// thirty places in memory at once, more than the processor's prefetcher
/// follows; read in blocks, a load of 1 M rows from Python takes ~12 %
/// less CPU time (BENCHMARKS.md).
fn read_block<'r>(
    sources: &[Source<'r>],
    rows: std::ops::Range<usize>,
    block: &mut Vec<BlockRow<'r>>,
) {
    let empty = BlockRow {
        text: [Some(""); CSV_COLUMNS.len() + 1],
        days: [None; CSV_COLUMNS.len() + 1],
    };
    block.clear();
    block.resize(rows.len(), empty);
    for (c, source) in sources.iter().enumerate() {
        let cells = block.iter_mut().zip(rows.clone());
        match *source {
            Source::Absent => {}
            // (`for_each`, which runs a zip faster than a `for` loop)
            Source::Text { .. } => cells.for_each(|(cells, row)| cells.text[c] = source.text(row)),
            Source::Days { days, valid } => cells.for_each(|(cells, row)| {
                cells.days[c] = valid.is_none_or(|v| v[row]).then_some(days[row])
            }),
        }
    }
}

impl<'r> Source<'r> {
    /// The text of cell `row`: empty when missing or not a text column,
    /// `None` when not UTF-8.
    fn text(self, row: usize) -> Option<&'r str> {
        let Source::Text {
            offsets,
            data,
            utf8,
            valid,
            ..
        } = self
        else {
            return Some("");
        };
        if valid.is_some_and(|v| !v[row]) {
            return Some("");
        }
        let range = offsets.cell(row);
        match utf8 {
            Some(all) => all.get(range),
            None => std::str::from_utf8(&data[range]).ok(),
        }
    }
}

/// A row of a table, with its cells read by [`read_block`].
struct TableRow<'r, 'b> {
    sources: &'r [Source<'r>; CSV_COLUMNS.len() + 1],
    cells: &'b BlockRow<'r>,
    /// The column of a cell that was not UTF-8.
    bad_utf8: std::cell::Cell<Option<&'r str>>,
}

impl<'r> Row<'r> for TableRow<'r, '_> {
    fn text(&self, c: usize) -> &'r str {
        self.cells.text[c].unwrap_or_else(|| {
            if let Source::Text { name, .. } = self.sources[c] {
                self.bad_utf8.set(Some(name));
            }
            ""
        })
    }

    fn day(&self, c: usize) -> Result<Option<NaiveDate>> {
        match (self.sources[c], self.cells.days[c]) {
            (Source::Days { .. }, Some(day)) => day_of_epoch(day).map(Some).ok_or_else(|| {
                parse_err(
                    CSV_COLUMNS[c],
                    format!("day {day} after 1970-01-01 is out of range"),
                )
            }),
            (Source::Days { .. }, None) => Ok(None),
            _ => day_in_text(self.text(c), c),
        }
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("the row has {len} fields, the header {expected_len}")
        }
        _ => foreign_reason(&e.to_string()),
    }
}

fn csv_row<'r>(
    row: &dyn Row<'r>,
    pseudo: Option<&Pseudonymizer>,
    codes: &mut Interner,
) -> Result<Inquiry> {
    let cell = |c: usize| trim(row.text(c));
    let required = |c: usize| -> Result<&'r str> {
        let v = cell(c);
        if v.is_empty() {
            Err(parse_err(CSV_COLUMNS[c], "the cell is empty".into()))
        } else {
            Ok(v)
        }
    };
    let list = |s: &'r str| split_at(s, b';').map(trim).filter(|t| !t.is_empty());
    // Pushed one by one: collecting into a `SmallVec` costs more.
    let mut topics = Topics::new();
    for t in list(cell(col::TOPICS)) {
        topics.push(codes.get(t));
    }
    let mut other_categories = Topics::new();
    for c in list(cell(col::OTHER_CATEGORIES)) {
        other_categories.push(codes.get(c));
    }
    let mut actions = Actions::new();
    for a in list(cell(col::ACTIONS)) {
        let (kind, day) = split_once_at(a, b'@').ok_or_else(|| {
            parse_err(
                "actions",
                format!("`{}` is not `kind@YYYY-MM-DD`", shorten(a)),
            )
        })?;
        actions.push(Action {
            kind: code("actions", kind, &mut codes.actions)?,
            date: date("actions", day)?,
        });
    }
    let referral = match (cell(col::REFERRAL_TO), cell(col::REFERRAL_BASIS)) {
        ("", "") => None,
        (to, basis) if is_code(to) && is_code(basis) => Some(Referral {
            to: codes.get(to),
            basis: codes.get(basis),
        }),
        _ => {
            return Err(parse_err(
                "referral_to",
                "referral_to and referral_basis must both be codes".into(),
            ))
        }
    };
    Ok(Inquiry {
        id: required(col::ID)?.into(),
        citizen: match pseudo {
            // The number is turned into a key here and never stored.
            Some(p) if !cell(CPR).is_empty() => p.key(&Cpr::parse(cell(CPR))?).into(),
            _ => cell(col::CITIZEN).into(),
        },
        received: row
            .day(col::RECEIVED)?
            .ok_or_else(|| parse_err("received", "the cell is empty".into()))?,
        closed: row.day(col::CLOSED)?,
        municipality: codes.get(required(col::MUNICIPALITY)?),
        channel: code("channel", required(col::CHANNEL)?, &mut codes.channels)?,
        site: opt(cell(col::SITE), |s| Ok(codes.get(s)))?,
        requester: code(
            "requester",
            required(col::REQUESTER)?,
            &mut codes.requesters,
        )?,
        kind: code("kind", required(col::KIND)?, &mut codes.kinds)?,
        category: codes.get(required(col::CATEGORY)?),
        other_categories,
        topics,
        actions,
        consent: row.day(col::CONSENT_GIVEN)?.map(|given| Consent { given }),
        referral,
        outcome: opt(cell(col::OUTCOME), |s| {
            code("outcome", s, &mut codes.outcomes)
        })?,
        matter_date: row.day(col::MATTER_DATE)?,
    })
}

/// The cells of one inquiry in the CSV format, in the order of [`CSV_COLUMNS`].
pub fn csv_cells(i: &Inquiry) -> [String; CSV_COLUMNS.len()] {
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let actions: Vec<String> = i
        .actions
        .iter()
        .map(|a| format!("{}@{}", a.kind, a.date))
        .collect();
    [
        i.id.to_string(),
        i.citizen.to_string(),
        i.received.to_string(),
        d(i.closed),
        i.municipality.to_string(),
        i.channel.to_string(),
        i.site.as_deref().unwrap_or("").into(),
        i.requester.to_string(),
        i.kind.to_string(),
        i.category.to_string(),
        i.other_categories.join(";"),
        i.topics.join(";"),
        actions.join(";"),
        d(i.consent.as_ref().map(|c| c.given)),
        i.referral.as_ref().map_or("", |r| r.to.as_str()).into(),
        i.referral.as_ref().map_or("", |r| r.basis.as_str()).into(),
        i.outcome.as_deref().unwrap_or("").into(),
        d(i.matter_date),
    ]
}

/// Writes inquiries as CSV with the columns of [`CSV_COLUMNS`], each cell
/// safe for spreadsheets ([`to_spreadsheet`]).
pub(crate) fn write_csv<'a>(w: impl Write, items: impl Iterator<Item = &'a Inquiry>) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let fail = |e: csv::Error| Error::Io {
        path: "csv output".into(),
        reason: e.to_string(),
    };
    out.write_record(CSV_COLUMNS).map_err(fail)?;
    for i in items {
        for cell in csv_cells(i) {
            out.write_field(to_spreadsheet(&cell).as_bytes())
                .map_err(fail)?;
        }
        out.write_record(None::<&[u8]>).map_err(fail)?;
    }
    out.flush().map_err(|e| Error::Io {
        path: "csv output".into(),
        reason: e.to_string(),
    })
}

fn parse_err(field: &str, reason: String) -> Error {
    Error::Parse {
        at: Location::default(),
        field: Some(field.into()),
        reason,
    }
}

fn date(field: &str, s: &str) -> Result<NaiveDate> {
    parse_date(s).ok_or_else(|| parse_err(field, not_a_date(s)))
}

/// The day written in a cell of date column `c`; `None` for an empty cell.
fn day_in_text(s: &str, c: usize) -> Result<Option<NaiveDate>> {
    opt(trim(s), |s| date(CSV_COLUMNS[c], s))
}

fn opt<T>(s: &str, f: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if s.is_empty() {
        Ok(None)
    } else {
        f(s).map(Some)
    }
}

fn code<T: std::str::FromStr<Err = Error> + Clone>(
    field: &str,
    s: &str,
    recent: &mut Recent<T>,
) -> Result<T> {
    recent
        .parse(s)
        .map_err(|e: Error| parse_err(field, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_numbers_name_the_columns() {
        let numbered = [
            (col::ID, "id"),
            (col::CITIZEN, "citizen"),
            (col::RECEIVED, "received"),
            (col::CLOSED, "closed"),
            (col::MUNICIPALITY, "municipality"),
            (col::CHANNEL, "channel"),
            (col::SITE, "site"),
            (col::REQUESTER, "requester"),
            (col::KIND, "kind"),
            (col::CATEGORY, "category"),
            (col::OTHER_CATEGORIES, "other_categories"),
            (col::TOPICS, "topics"),
            (col::ACTIONS, "actions"),
            (col::CONSENT_GIVEN, "consent_given"),
            (col::REFERRAL_TO, "referral_to"),
            (col::REFERRAL_BASIS, "referral_basis"),
            (col::OUTCOME, "outcome"),
            (col::MATTER_DATE, "matter_date"),
        ];
        for (n, name) in numbered {
            assert_eq!(CSV_COLUMNS[n], name);
        }
    }
}
