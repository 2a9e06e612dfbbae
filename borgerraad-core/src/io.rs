//! Reading and writing the record format: JSON Lines and CSV.
//!
//! Parsing here only turns text into [`Inquiry`] values, with errors that
//! name the line and field; the register's rules live in
//! [`Inquiry::validate`] and [`crate::Register`].

use std::io::Write;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use crate::codes::is_code;
use crate::error::{shorten, Error, Location, Result};
use crate::inquiry::{Action, Consent, Inquiry, Referral};
use crate::privacy::{Cpr, Pseudonymizer};

/// The CSV columns, in the order they are written.
pub const CSV_COLUMNS: [&str; 17] = [
    "id",
    "citizen",
    "received",
    "closed",
    "municipality",
    "channel",
    "site",
    "requester",
    "kind",
    "category",
    "topics",
    "actions",
    "consent_given",
    "referral_to",
    "referral_basis",
    "outcome",
    "matter_date",
];
const REQUIRED: [&str; 8] = [
    "id",
    "citizen",
    "received",
    "municipality",
    "channel",
    "requester",
    "kind",
    "category",
];

/// Reads a whole file; the error names the path.
pub fn read(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a whole UTF-8 text file; invalid UTF-8 is a `ParseError`, and
/// errors name the path.
pub fn read_text(path: &std::path::Path) -> Result<String> {
    String::from_utf8(read(path)?).map_err(|e| Error::Parse {
        at: Location::source(path.display().to_string()),
        field: None,
        reason: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })
}

/// Creates (or truncates) a file for buffered writing; the error names the path.
pub fn create(path: &std::path::Path) -> Result<std::io::BufWriter<std::fs::File>> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| Error::io(path, e))
}

/// Parses one JSON document, naming the field of a failure.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, source: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|_| json_error::<T>(text, &Location::source(source)))
}

/// Re-parses a document that failed, to find the path of the field at fault.
fn json_error<T: DeserializeOwned>(text: &str, at: &Location) -> Error {
    let mut de = serde_json::Deserializer::from_str(text);
    let (path, inner) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => match de.end() {
            Err(e) => (String::new(), e),
            Ok(()) => {
                return Error::Parse {
                    at: at.clone(),
                    field: None,
                    reason: "invalid JSON".into(),
                }
            }
        },
        Err(e) => (e.path().to_string(), e.into_inner()),
    };
    let mut at = at.clone();
    if at.line.is_none() && inner.line() > 0 && text.contains('\n') {
        at.line = Some(inner.line() as u64);
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(serde_json::Value::String(id)) = map.get("id") {
            at = at.with_record(id);
        }
    }
    let reason = inner.to_string();
    let reason = match reason.rfind(" at line ") {
        Some(i) => reason[..i].to_string(),
        None => reason,
    };
    Error::Parse {
        at,
        field: (path != "." && !path.is_empty() && path != "?").then_some(path),
        reason: shorten_reason(&reason),
    }
}

fn shorten_reason(reason: &str) -> String {
    if reason.len() <= 300 {
        reason.to_string()
    } else {
        shorten(reason) + " (message cut)"
    }
}

/// Splits bytes into lines and parses each non-blank line as an [`Inquiry`],
/// then applies `check` to it. Returns each record with its 1-based line
/// number, or one error per bad line.
///
/// Large inputs are parsed on all available cores, in chunks of whole lines;
/// the result is the same as a sequential parse.
pub(crate) fn parse_jsonl(
    bytes: &[u8],
    source: &str,
    check: &(dyn Fn(Inquiry) -> Result<Inquiry> + Sync),
) -> Parsed {
    let threads = threads(bytes.len() >> 20);
    let mut chunks = Vec::new();
    let (mut start, mut first_line) = (0usize, 1u64);
    for t in 1..=threads {
        let mut end = if t == threads {
            bytes.len()
        } else {
            (bytes.len() * t / threads).max(start)
        };
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        chunks.push((&bytes[start..end], first_line));
        first_line += bytes[start..end].iter().filter(|&&b| b == b'\n').count() as u64;
        start = end;
    }
    let parts = in_parallel(chunks, |(chunk, first)| {
        parse_lines(chunk, first, source, check)
    });
    if parts.iter().all(Vec::is_empty) {
        let at = Location::source(source).at_line(1);
        return vec![vec![(
            1,
            Err(Error::Parse {
                at,
                field: None,
                reason: "the file holds no records".into(),
            }),
        )]];
    }
    parts
}

/// How many threads to use for work of `size` units (one unit is worth a
/// thread): at most the cores available, at most 8, at least 1.
fn threads(size: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    size.clamp(1, cores.min(8))
}

/// Runs `f` on each input on its own thread; the outputs stay in order, one
/// part per input (not concatenated: that would copy every record once more).
fn in_parallel<I: Send, T: Send>(
    mut inputs: Vec<I>,
    f: impl Fn(I) -> Vec<T> + Sync,
) -> Vec<Vec<T>> {
    if inputs.len() == 1 {
        return vec![f(inputs.pop().expect("one input"))];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .into_iter()
            .map(|i| scope.spawn(move || f(i)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("parsing does not panic"))
            .collect()
    })
}

fn parse_lines(
    bytes: &[u8],
    first_line: u64,
    source: &str,
    check: &(dyn Fn(Inquiry) -> Result<Inquiry> + Sync),
) -> Vec<(u64, Result<Inquiry>)> {
    let at = Location::source(source);
    let mut out = Vec::with_capacity(bytes.len() / 256 + 1);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = first_line + i as u64;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let here = || at.at_line(line_no);
        let parsed = match std::str::from_utf8(line) {
            Err(e) => Err(Error::Parse {
                at: here(),
                field: None,
                reason: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            }),
            Ok(text) => serde_json::from_str::<Inquiry>(text)
                .map_err(|_| json_error::<Inquiry>(text, &here())),
        };
        out.push((
            line_no,
            parsed.and_then(check).map_err(|e| e.located(&here())),
        ));
    }
    out
}

/// Writes inquiries as JSON Lines.
pub(crate) fn write_jsonl<'a>(
    mut w: impl Write,
    items: impl Iterator<Item = &'a Inquiry>,
) -> std::io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut w, item)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

/// Parsed records with their line numbers, in parts (one per thread), in order.
pub(crate) type Parsed = Vec<Vec<(u64, Result<Inquiry>)>>;

/// Parses CSV text in the columns of [`CSV_COLUMNS`] (any order; optional
/// columns may be left out).
pub(crate) fn parse_csv(
    bytes: &[u8],
    source: &str,
    pseudo: Option<&Pseudonymizer>,
    check: &(dyn Fn(Inquiry) -> Result<Inquiry> + Sync),
) -> Parsed {
    let at = Location::source(source);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header_err = |reason: String| {
        vec![vec![(
            1,
            Err(Error::Parse {
                at: at.at_line(1),
                field: None,
                reason,
            }),
        )]]
    };
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
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let cell = |name: &str| -> &str {
                    let c = col(name);
                    if index[c] == usize::MAX {
                        ""
                    } else {
                        record.get(index[c]).unwrap_or("")
                    }
                };
                let here = || at.at_line(line).with_record(cell("id"));
                out.push((
                    line,
                    csv_row(&cell, pseudo)
                        .and_then(check)
                        .map_err(|e| e.located(&here())),
                ));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                out.push((
                    line,
                    Err(Error::Parse {
                        at: at.at_line(line),
                        field: None,
                        reason: csv_reason(&e),
                    }),
                ));
                break;
            }
        }
    }
    if out.is_empty() {
        return header_err("the file holds a header but no records".into());
    }
    vec![out]
}

/// The position of a column name in [`CSV_COLUMNS`].
fn col(name: &str) -> usize {
    match name {
        "id" => 0,
        "citizen" => 1,
        "received" => 2,
        "closed" => 3,
        "municipality" => 4,
        "channel" => 5,
        "site" => 6,
        "requester" => 7,
        "kind" => 8,
        "category" => 9,
        "topics" => 10,
        "actions" => 11,
        "consent_given" => 12,
        "referral_to" => 13,
        "referral_basis" => 14,
        "outcome" => 15,
        "matter_date" => 16,
        "cpr" => CPR,
        _ => unreachable!("not a column: {name}"),
    }
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
    if index[CPR] != usize::MAX && index[col("citizen")] != usize::MAX {
        return Err("give either a `citizen` or a `cpr` column, not both".into());
    }
    let has = |c: &str| index[col(c)] != usize::MAX || (c == "citizen" && index[CPR] != usize::MAX);
    match REQUIRED.iter().find(|c| !has(c)) {
        Some(missing) => Err(format!("the header lacks the required column `{missing}`")),
        None => Ok(index),
    }
}

/// The position in the input of each column of [`CSV_COLUMNS`], then of a
/// `cpr` column (`usize::MAX` when absent).
type Index = [usize; CSV_COLUMNS.len() + 1];

/// The position of a `cpr` column in an [`Index`].
const CPR: usize = CSV_COLUMNS.len();

/// One column of string cells in the Arrow layout: cell `i` is
/// `data[offsets[i]..offsets[i + 1]]`; an empty cell is a missing value.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// The column's name, one of [`CSV_COLUMNS`].
    pub name: &'a str,
    /// `rows + 1` offsets into `data`.
    pub offsets: &'a [i32],
    /// The UTF-8 bytes of all cells.
    pub data: &'a [u8],
}

/// Parses columns (as from a data frame or an Arrow table) with the same
/// names and cell formats as CSV. Row `i` is reported as line `i + 1`.
pub(crate) fn parse_columns(
    columns: &[Column<'_>],
    source: &str,
    pseudo: Option<&Pseudonymizer>,
    check: &(dyn Fn(Inquiry) -> Result<Inquiry> + Sync),
) -> Parsed {
    let at = Location::source(source);
    let fail = |reason: String| {
        vec![vec![(
            1,
            Err(Error::Parse {
                at: at.clone(),
                field: None,
                reason,
            }),
        )]]
    };
    let index = match column_index(columns.iter().map(|c| c.name), pseudo.is_some()) {
        Ok(index) => index,
        Err(reason) => return fail(reason),
    };
    let rows = columns
        .first()
        .map_or(0, |c| c.offsets.len().saturating_sub(1));
    for c in columns {
        let sane = c.offsets.len() == rows + 1
            && c.offsets.windows(2).all(|w| 0 <= w[0] && w[0] <= w[1])
            && c.offsets
                .last()
                .is_some_and(|&end| end as usize <= c.data.len());
        if !sane {
            return fail(format!(
                "column `{}` is malformed: its offsets do not fit {rows} rows",
                shorten(c.name)
            ));
        }
    }
    if rows == 0 {
        return fail("the table holds no rows".into());
    }
    // Each column's bytes are checked as UTF-8 once; a column that fails is
    // checked cell by cell, to name the row.
    let texts: Vec<Option<&str>> = columns
        .iter()
        .map(|c| std::str::from_utf8(c.data).ok())
        .collect();
    let parse_row = |row: usize| {
        let line = row as u64 + 1;
        let bad_utf8 = std::cell::Cell::new(None);
        let cell = |name: &str| -> &str {
            let c = index[col(name)];
            if c == usize::MAX {
                return "";
            }
            let col = &columns[c];
            let range = col.offsets[row] as usize..col.offsets[row + 1] as usize;
            let text = match texts[c] {
                Some(all) => all.get(range).ok_or(()),
                None => std::str::from_utf8(&col.data[range]).map_err(drop),
            };
            text.unwrap_or_else(|()| {
                bad_utf8.set(Some(col.name));
                ""
            })
        };
        let parsed = csv_row(&cell, pseudo);
        let here = || at.at_line(line).with_record(cell("id"));
        let parsed = match bad_utf8.get() {
            Some(name) => Err(Error::Parse {
                at: here(),
                field: Some(name.into()),
                reason: "invalid UTF-8".into(),
            }),
            None => parsed.and_then(check).map_err(|e| e.located(&here())),
        };
        (line, parsed)
    };
    let threads = threads(rows >> 16);
    let ranges = (0..threads)
        .map(|t| rows * t / threads..rows * (t + 1) / threads)
        .collect();
    in_parallel(ranges, |range: std::ops::Range<usize>| {
        range.map(parse_row).collect()
    })
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("the row has {len} fields, the header {expected_len}")
        }
        _ => shorten_reason(&e.to_string()),
    }
}

fn parse_err(field: &str, reason: String) -> Error {
    Error::Parse {
        at: Location::default(),
        field: Some(field.into()),
        reason,
    }
}

fn date(field: &str, s: &str) -> Result<NaiveDate> {
    parse_date(s.trim()).ok_or_else(|| parse_err(field, not_a_date(s)))
}

fn not_a_date(s: &str) -> String {
    format!(
        "`{}` is not a date YYYY-MM-DD (no such day, or not in that form)",
        shorten(s)
    )
}

/// Parses exactly `YYYY-MM-DD`; `None` for another form or a day that does
/// not exist (30 February).
///
/// # Example
/// ```
/// use borgerraad_core::io::parse_date;
/// assert_eq!(parse_date("2024-02-29"), chrono::NaiveDate::from_ymd_opt(2024, 2, 29));
/// assert_eq!(parse_date("2023-02-29"), None);
/// assert_eq!(parse_date("2023-2-28"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Deserialises a date written `YYYY-MM-DD` (faster than chrono's parser).
pub(crate) fn de_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<NaiveDate, D::Error> {
    let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    parse_date(&s).ok_or_else(|| serde::de::Error::custom(not_a_date(&s)))
}

/// [`de_date`] for an optional date.
pub(crate) fn de_opt_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Wrap(#[serde(deserialize_with = "de_date")] NaiveDate);
    Ok(<Option<Wrap> as serde::Deserialize>::deserialize(d)?.map(|w| w.0))
}

fn opt<T>(s: &str, f: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        f(s).map(Some)
    }
}

fn code<T: std::str::FromStr<Err = Error>>(field: &str, s: &str) -> Result<T> {
    s.trim()
        .parse()
        .map_err(|e: Error| parse_err(field, e.to_string()))
}

fn csv_row<'r>(cell: &dyn Fn(&str) -> &'r str, pseudo: Option<&Pseudonymizer>) -> Result<Inquiry> {
    let required = |name: &str| -> Result<&'r str> {
        let v = cell(name);
        if v.trim().is_empty() && name != "citizen" {
            Err(parse_err(name, "the cell is empty".into()))
        } else {
            Ok(v)
        }
    };
    let list = |s: &'r str| s.split(';').map(str::trim).filter(|t| !t.is_empty());
    let actions = list(cell("actions"))
        .map(|a| {
            let (kind, day) = a.split_once('@').ok_or_else(|| {
                parse_err(
                    "actions",
                    format!("`{}` is not `kind@YYYY-MM-DD`", shorten(a)),
                )
            })?;
            Ok(Action {
                kind: code("actions", kind)?,
                date: date("actions", day)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let referral = match (cell("referral_to").trim(), cell("referral_basis").trim()) {
        ("", "") => None,
        (to, basis) if is_code(to) && is_code(basis) => Some(Referral {
            to: to.into(),
            basis: basis.into(),
        }),
        _ => {
            return Err(parse_err(
                "referral_to",
                "referral_to and referral_basis must both be codes".into(),
            ))
        }
    };
    Ok(Inquiry {
        id: required("id")?.trim().into(),
        citizen: match pseudo {
            // The number is turned into a key here and never stored.
            Some(p) if !cell("cpr").trim().is_empty() => p.key(&Cpr::parse(cell("cpr"))?).into(),
            _ => cell("citizen").trim().into(),
        },
        received: date("received", required("received")?)?,
        closed: opt(cell("closed"), |s| date("closed", s))?,
        municipality: required("municipality")?.trim().into(),
        channel: code("channel", required("channel")?)?,
        site: opt(cell("site"), |s| Ok(s.trim().into()))?,
        requester: code("requester", required("requester")?)?,
        kind: code("kind", required("kind")?)?,
        category: required("category")?.trim().into(),
        topics: list(cell("topics")).map(Into::into).collect(),
        actions,
        consent: opt(cell("consent_given"), |s| {
            Ok(Consent {
                given: date("consent_given", s)?,
            })
        })?,
        referral,
        outcome: opt(cell("outcome"), |s| code("outcome", s))?,
        matter_date: opt(cell("matter_date"), |s| date("matter_date", s))?,
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
        i.channel.code().into(),
        i.site.as_deref().unwrap_or("").into(),
        i.requester.code().into(),
        i.kind.code().into(),
        i.category.to_string(),
        i.topics.join(";"),
        actions.join(";"),
        d(i.consent.as_ref().map(|c| c.given)),
        i.referral.as_ref().map_or("", |r| r.to.as_str()).into(),
        i.referral.as_ref().map_or("", |r| r.basis.as_str()).into(),
        i.outcome.map_or("", |o| o.code()).into(),
        d(i.matter_date),
    ]
}

/// Writes inquiries as CSV with the columns of [`CSV_COLUMNS`].
pub(crate) fn write_csv<'a>(w: impl Write, items: impl Iterator<Item = &'a Inquiry>) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let fail = |e: csv::Error| Error::Io {
        path: "csv output".into(),
        reason: e.to_string(),
    };
    out.write_record(CSV_COLUMNS).map_err(fail)?;
    for i in items {
        out.write_record(csv_cells(i)).map_err(fail)?;
    }
    out.flush().map_err(|e| Error::Io {
        path: "csv output".into(),
        reason: e.to_string(),
    })
}
