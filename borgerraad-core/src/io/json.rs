//! JSON: records (one per line in JSON Lines), and configuration documents
//! with the path of a failing field.
//!
//! Records are read by a small parser made for the record format rather
//! than by serde: it reads each field straight into the [`Inquiry`],
//! borrowing strings without escapes from the input, and names the field of
//! any failure (`actions[0].date`). The fuzz target `record` checks it
//! against serde_json and the derived `Deserialize` of [`Inquiry`]: the same
//! lines are accepted, with the same values.

use std::borrow::Cow;
use std::io::Write;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use smol_str::SmolStr;

use super::{
    checked, in_parallel, not_a_date, parse_date, parse_into, pieces, Check, Interner, Part, Sink,
};
use crate::error::{foreign_reason, shorten, Error, Location, Result};
use crate::inquiry::{Action, Actions, Consent, Inquiry, Referral, Topics};

/// The fields of a record, in the order they are written.
const FIELDS: [&str; 16] = [
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
    "consent",
    "referral",
    "outcome",
    "matter_date",
];
/// The positions in [`FIELDS`] of the fields every record has: `id`,
/// `citizen`, `received`, `municipality`, `channel`, `requester`, `kind`
/// and `category`.
const REQUIRED: [usize; 8] = [0, 1, 2, 4, 5, 7, 8, 9];

/// Reads one record from a JSON object; the error names the field at fault
/// and, when it can be read, the record's id.
pub(crate) fn read_record(text: &str, codes: &mut Interner) -> Result<Inquiry> {
    let mut json = Json::new(text);
    json.record(codes)
        .and_then(|r| json.end().map(|()| r))
        .map_err(|bad| {
            let at = match record_id(text) {
                Some(id) => Location::default().with_record(&id),
                None => Location::default(),
            };
            Error::Parse {
                at,
                field: bad.field,
                reason: bad.reason,
            }
        })
}

/// Splits bytes into lines and reads each non-blank line as a record, then
/// applies `check` to it, adding the records to `items`. Large inputs are
/// parsed on all available cores, in chunks of whole lines; the result is
/// the same as a sequential parse.
pub(crate) fn parse_jsonl(
    bytes: &[u8],
    source: &str,
    check: &Check<'_>,
    items: &mut Vec<Inquiry>,
) -> Vec<Part> {
    let pieces = pieces(bytes.len() >> 20);
    let mut chunks = Vec::new();
    let mut start = 0usize;
    for t in 1..=pieces {
        let mut end = if t == pieces {
            bytes.len()
        } else {
            (bytes.len() * t / pieces).max(start)
        };
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        chunks.push(&bytes[start..end]);
        start = end;
    }
    // At most one record a line; the piece after the last newline is a line
    // only when it is not empty.
    let newlines = in_parallel(chunks.clone(), |chunk| {
        chunk.iter().filter(|&&b| b == b'\n').count()
    });
    let mut first_line = 1;
    let chunks = chunks
        .into_iter()
        .zip(newlines)
        .map(|(chunk, newlines)| {
            let lines = newlines + usize::from(!chunk.is_empty() && !chunk.ends_with(b"\n"));
            let room = lines.min(super::most_records(chunk.len(), super::MIN_JSONL_RECORD));
            let first = first_line;
            first_line += newlines as u64;
            ((chunk, first), room)
        })
        .collect();
    let parts = parse_into(items, chunks, |(chunk, first), sink| {
        parse_lines(chunk, first, source, check, sink)
    });
    if parts.iter().all(Part::is_empty) {
        return Part::failed(
            Location::source(source).at_line(1),
            "the file holds no records",
        );
    }
    parts
}

fn parse_lines(
    bytes: &[u8],
    first_line: u64,
    source: &str,
    check: &Check<'_>,
    sink: &mut Sink<'_>,
) {
    let at = Location::source(source);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = first_line + i as u64;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = match std::str::from_utf8(line) {
            Err(e) => Err(Error::Parse {
                at: Location::default(),
                field: None,
                reason: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            }),
            Ok(text) => read_record(text, &mut sink.codes),
        };
        sink.push(
            line_no,
            checked(parsed, check).map_err(|e| e.located(&at.at_line(line_no))),
        );
    }
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

/// Parses one JSON document (a taxonomy, rule set, regime, or a value a
/// binding was given) with serde. The `ParseError` names `source` and the
/// path of the field at fault (`units[2].code`), and never repeats a
/// CPR-shaped value.
///
/// # Example
/// ```
/// use borgerraad_core::{io::from_json, Inquiry};
/// let err = from_json::<Inquiry>(r#"{"topics": "0101901234"}"#, "record").unwrap_err();
/// assert_eq!(err.field(), Some("topics"));
/// assert_eq!(err.to_string(), "record: field `topics`: \
///     invalid type: string \"xxxxxxxxxx\", expected a sequence");
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str, source: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        let mut at = Location::source(source);
        if text.contains('\n') && e.line() > 0 {
            at.line = Some(e.line() as u64);
        }
        let reason = e.to_string();
        let reason = match reason.rfind(" at line ") {
            Some(i) => &reason[..i],
            None => &reason,
        };
        let offset = offset_of(text, e.line(), e.column());
        let path = path_at(text, offset);
        Error::Parse {
            at,
            // The path names keys of the document, which may be anything.
            field: (!path.is_empty()).then(|| crate::privacy::redact_cpr(&path).into_owned()),
            reason: foreign_reason(reason),
        }
    })
}

/// The byte offset of a 1-based line and column (serde_json's position).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The path of the innermost value that holds byte `offset` of a JSON
/// document (`a.b[3]`); empty at the top level or where the text is not
/// JSON up to there.
fn path_at(text: &str, offset: usize) -> String {
    let mut json = Json::new(text);
    let mut path = String::new();
    json.path_to(offset, &mut path);
    path
}

/// The id of a record, read from JSON that failed to parse as a record.
fn record_id(text: &str) -> Option<SmolStr> {
    let mut json = Json::new(text);
    let mut id = None;
    json.object(|json, key| {
        if key == "id" {
            id = Some(json.str()?.into());
            Err(Bad::from(STOP))
        } else {
            json.skip()
        }
    })
    .ok();
    id.filter(|id: &SmolStr| !crate::privacy::looks_like_cpr(id))
}

/// Why a record could not be read: where (a path such as `actions[0]`) and why.
struct Bad {
    field: Option<String>,
    reason: String,
}

impl From<&str> for Bad {
    fn from(reason: &str) -> Bad {
        Bad {
            field: None,
            reason: reason.into(),
        }
    }
}

impl From<String> for Bad {
    fn from(reason: String) -> Bad {
        Bad {
            field: None,
            reason,
        }
    }
}

impl Bad {
    /// The same failure inside field `name` (or array element `[i]`).
    fn inside(mut self, name: &str) -> Bad {
        self.field = Some(match self.field {
            None => name.to_string(),
            Some(inner) if inner.starts_with('[') => format!("{name}{inner}"),
            Some(inner) => format!("{name}.{inner}"),
        });
        self
    }
}

type Read<T> = std::result::Result<T, Bad>;

/// The value of a required field. [`Json::fields`] has already refused an
/// object without it, so this only unwraps without a panic.
fn given<T>(value: Option<T>) -> Read<T> {
    value.ok_or_else(|| "a required field is missing".into())
}

/// Ends a walk over a document early, once it found what it looked for.
const STOP: &str = "(stop)";

/// A cursor over JSON text.
struct Json<'a> {
    s: &'a str,
    i: usize,
    /// Objects and arrays open around the cursor (at most [`MAX_DEPTH`]).
    depth: u32,
}

/// The deepest nesting read, as serde_json's limit (no stack overflow on
/// `[[[[…`).
const MAX_DEPTH: u32 = 128;

impl<'a> Json<'a> {
    fn new(s: &'a str) -> Json<'a> {
        Json { s, i: 0, depth: 0 }
    }

    /// Runs `inner` one level deeper.
    fn nested<T>(&mut self, inner: impl FnOnce(&mut Self) -> Read<T>) -> Read<T> {
        if self.depth >= MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        self.depth += 1;
        let out = inner(self);
        self.depth -= 1;
        out
    }

    /// The next byte after white space.
    fn peek(&mut self) -> Option<u8> {
        let b = self.s.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(self.i) {
            self.i += 1;
        }
        b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == Some(c);
        self.i += usize::from(found);
        found
    }

    fn end(&mut self) -> Read<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err("trailing characters after the record".into()),
        }
    }

    /// A failure naming what was expected and what was found instead.
    fn expected(&mut self, what: &str) -> Bad {
        let found = match self.peek() {
            None => "the end of the line",
            Some(b'"') => "a string",
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            Some(_) => "something that is not JSON",
        };
        Bad::from(format!("expected {what}, found {found}"))
    }

    fn literal(&mut self, word: &str) -> bool {
        let found = self.peek().is_some() && self.s[self.i..].starts_with(word);
        if found {
            self.i += word.len();
        }
        found
    }

    fn str(&mut self) -> Read<Cow<'a, str>> {
        if !self.eat(b'"') {
            return Err(self.expected("a string"));
        }
        let b = self.s.as_bytes();
        let start = self.i;
        while let Some(&c) = b.get(self.i) {
            match c {
                // '"' and '\' are ASCII, so slicing here keeps whole characters.
                b'"' => {
                    self.i += 1;
                    return Ok(Cow::Borrowed(&self.s[start..self.i - 1]));
                }
                b'\\' => return self.escaped(start).map(Cow::Owned),
                0..=0x1f => return Err("a control character inside a string".into()),
                _ => self.i += 1,
            }
        }
        Err("a string is not closed".into())
    }

    /// The rest of a string that holds escapes, from its `start`.
    fn escaped(&mut self, start: usize) -> Read<String> {
        let b = self.s.as_bytes();
        let mut out = String::new();
        let mut run = start;
        while let Some(&c) = b.get(self.i) {
            match c {
                b'"' => {
                    out.push_str(&self.s[run..self.i]);
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.s[run..self.i]);
                    let e = b.get(self.i + 1).copied();
                    self.i += 2;
                    let ch = match e {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode()?,
                        _ => return Err("an invalid escape inside a string".into()),
                    };
                    out.push(ch);
                    run = self.i;
                }
                0..=0x1f => return Err("a control character inside a string".into()),
                _ => self.i += 1,
            }
        }
        Err("a string is not closed".into())
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining surrogate pairs.
    fn unicode(&mut self) -> Read<char> {
        let hex = |json: &mut Json<'_>| -> Read<u32> {
            let digits = json.s.get(json.i..json.i + 4).ok_or("a short \\u escape")?;
            let n = u32::from_str_radix(digits, 16).map_err(|_| "an invalid \\u escape")?;
            if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
                return Err("an invalid \\u escape".into());
            }
            json.i += 4;
            Ok(n)
        };
        let hi = hex(self)?;
        let code = match hi {
            0xd800..=0xdbff => {
                if !self.s[self.i..].starts_with("\\u") {
                    return Err("a lone surrogate in a \\u escape".into());
                }
                self.i += 2;
                let lo = hex(self)?;
                if !(0xdc00..=0xdfff).contains(&lo) {
                    return Err("a lone surrogate in a \\u escape".into());
                }
                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
            }
            0xdc00..=0xdfff => return Err("a lone surrogate in a \\u escape".into()),
            _ => hi,
        };
        char::from_u32(code).ok_or_else(|| "an invalid \\u escape".into())
    }

    /// Reads an object, calling `field` with the cursor on each value.
    fn object(&mut self, mut field: impl FnMut(&mut Self, Cow<'a, str>) -> Read<()>) -> Read<()> {
        if !self.eat(b'{') {
            return Err(self.expected("an object"));
        }
        self.nested(|json| {
            if json.eat(b'}') {
                return Ok(());
            }
            loop {
                let key = json.str()?;
                if !json.eat(b':') {
                    return Err(json.expected("`:`"));
                }
                field(json, key)?;
                if !json.eat(b',') {
                    return match json.eat(b'}') {
                        true => Ok(()),
                        false => Err(json.expected("`,` or `}`")),
                    };
                }
            }
        })
    }

    /// Reads an array, calling `item` with the cursor on each element.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Read<()>) -> Read<()> {
        if !self.eat(b'[') {
            return Err(self.expected("an array"));
        }
        self.nested(|json| {
            if json.eat(b']') {
                return Ok(());
            }
            for n in 0.. {
                item(json).map_err(|bad| bad.inside(&format!("[{n}]")))?;
                if !json.eat(b',') {
                    break;
                }
            }
            match json.eat(b']') {
                true => Ok(()),
                false => Err(json.expected("`,` or `]`")),
            }
        })
    }

    /// Skips any JSON value.
    fn skip(&mut self) -> Read<()> {
        match self.peek() {
            Some(b'"') => self.str().map(drop),
            Some(b'{') => self.object(|json, _| json.skip()),
            Some(b'[') => self.array(Json::skip),
            _ if self.literal("null") || self.literal("true") || self.literal("false") => Ok(()),
            Some(b'-' | b'0'..=b'9') => {
                let b = self.s.as_bytes();
                while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = b.get(self.i) {
                    self.i += 1;
                }
                Ok(())
            }
            _ => Err(self.expected("a value")),
        }
    }

    /// Walks to the innermost value holding byte `offset`, writing its path.
    /// Returns true once the offset is reached.
    fn path_to(&mut self, offset: usize, path: &mut String) -> bool {
        let here = path.len();
        let mut inside = |json: &mut Json<'_>, step: &str| {
            path.truncate(here);
            path.push_str(step);
            let found = json.path_to(offset, path);
            if !found {
                path.truncate(here);
            }
            match found {
                true => Err(Bad::from(STOP)),
                false => Ok(()),
            }
        };
        let walked = match self.peek() {
            Some(b'{') => self.object(|json, key| {
                let step = match here {
                    0 => key.into_owned(),
                    _ => format!(".{key}"),
                };
                inside(json, &step)
            }),
            Some(b'[') => {
                let mut n = 0;
                self.array(|json| {
                    n += 1;
                    inside(json, &format!("[{}]", n - 1))
                })
            }
            _ => self.skip(),
        };
        match walked {
            Err(bad) if bad.reason == STOP => true,
            _ => self.i >= offset,
        }
    }

    fn date(&mut self) -> Read<NaiveDate> {
        let s = self.str()?;
        parse_date(&s).ok_or_else(|| Bad::from(not_a_date(&s)))
    }

    fn code<T: std::str::FromStr<Err = Error>>(&mut self) -> Read<T> {
        let s = self.str()?;
        s.parse().map_err(|e: Error| Bad::from(e.to_string()))
    }

    /// `null` as `None`, or a value.
    fn opt<T>(&mut self, value: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        match self.literal("null") {
            true => Ok(None),
            false => value(self).map(Some),
        }
    }

    /// An object with the named fields, each read once by `field` (given
    /// the field's number); unknown, repeated and missing fields fail.
    /// `required` holds the numbers of the fields that must be there.
    fn fields(
        &mut self,
        names: &[&str],
        required: &[usize],
        mut field: impl FnMut(&mut Self, usize) -> Read<()>,
    ) -> Read<()> {
        let mut seen = 0u32;
        let mut next = 0;
        self.object(|json, key| {
            // Fields usually come in the written order: look there first.
            let found = (0..names.len())
                .map(|k| (next + k) % names.len())
                .find(|&n| names[n] == key);
            let Some(n) = found else {
                return Err(Bad::from(format!(
                    "unknown field `{}`; expected one of: {}",
                    shorten(&key),
                    names.join(", ")
                )));
            };
            if seen & (1 << n) != 0 {
                return Err(Bad::from("the field appears twice").inside(names[n]));
            }
            seen |= 1 << n;
            next = n + 1;
            field(json, n).map_err(|bad| bad.inside(names[n]))
        })?;
        match required.iter().find(|&&n| seen & (1 << n) == 0) {
            Some(&n) => Err(Bad::from("the field is missing; it is required").inside(names[n])),
            None => Ok(()),
        }
    }

    fn record(&mut self, codes: &mut Interner) -> Read<Inquiry> {
        let (mut id, mut citizen, mut received, mut municipality) = (None, None, None, None);
        let (mut channel, mut requester, mut kind, mut category) = (None, None, None, None);
        let (mut closed, mut site, mut topics, mut actions) =
            (None, None, Topics::new(), Actions::new());
        let (mut consent, mut referral, mut outcome, mut matter_date) = (None, None, None, None);
        self.fields(&FIELDS, &REQUIRED, |json, n| {
            let s = |json: &mut Json<'_>| json.str().map(|s| SmolStr::new(&s));
            let code =
                |json: &mut Json<'_>, codes: &mut Interner| json.str().map(|s| codes.get(&s));
            match n {
                0 => id = Some(s(json)?),
                1 => citizen = Some(s(json)?),
                2 => received = Some(json.date()?),
                3 => closed = json.opt(Json::date)?,
                4 => municipality = Some(code(json, codes)?),
                5 => channel = Some(json.code()?),
                6 => site = json.opt(|json| code(json, codes))?,
                7 => requester = Some(json.code()?),
                8 => kind = Some(json.code()?),
                9 => category = Some(code(json, codes)?),
                10 => json.array(|json| code(json, codes).map(|t| topics.push(t)))?,
                11 => json.array(|json| json.action().map(|a| actions.push(a)))?,
                12 => consent = json.opt(Json::consent)?,
                13 => referral = json.opt(|json| json.referral(codes))?,
                14 => outcome = json.opt(Json::code)?,
                _ => matter_date = json.opt(Json::date)?,
            }
            Ok(())
        })?;
        Ok(Inquiry {
            id: given(id)?,
            citizen: given(citizen)?,
            received: given(received)?,
            closed,
            municipality: given(municipality)?,
            channel: given(channel)?,
            site,
            requester: given(requester)?,
            kind: given(kind)?,
            category: given(category)?,
            topics,
            actions,
            consent,
            referral,
            outcome,
            matter_date,
        })
    }

    fn action(&mut self) -> Read<Action> {
        let (mut kind, mut date) = (None, None);
        self.fields(&["kind", "date"], &[0, 1], |json, n| {
            match n {
                0 => kind = Some(json.code()?),
                _ => date = Some(json.date()?),
            }
            Ok(())
        })?;
        Ok(Action {
            kind: given(kind)?,
            date: given(date)?,
        })
    }

    fn consent(&mut self) -> Read<Consent> {
        let mut given = None;
        self.fields(&["given"], &[0], |json, _| {
            given = Some(json.date()?);
            Ok(())
        })?;
        Ok(Consent {
            given: self::given(given)?,
        })
    }

    fn referral(&mut self, codes: &mut Interner) -> Read<Referral> {
        let (mut to, mut basis) = (None, None);
        self.fields(&["to", "basis"], &[0, 1], |json, n| {
            let s = codes.get(&json.str()?);
            match n {
                0 => to = Some(s),
                _ => basis = Some(s),
            }
            Ok(())
        })?;
        Ok(Referral {
            to: given(to)?,
            basis: given(basis)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reader and serde's derived `Deserialize` agree: both accept a
    /// line or both refuse it, and accepted lines give equal records.
    fn agrees_with_serde(line: &str) {
        let ours = read_record(line, &mut Interner::default());
        let serde = serde_json::from_str::<Inquiry>(line);
        match (&ours, &serde) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{line}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{line}\nours: {ours:?}\nserde: {serde:?}"),
        }
    }

    fn sample_lines() -> &'static [String] {
        static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        LINES.get_or_init(|| {
            crate::sample::sample_inquiries()
                .iter()
                .step_by(37)
                .map(|i| serde_json::to_string(i).expect("a record serialises"))
                .collect()
        })
    }

    #[test]
    fn reads_what_serde_reads() {
        for line in sample_lines() {
            agrees_with_serde(line);
            assert!(read_record(line, &mut Interner::default()).is_ok());
        }
        let full = r#"{"id":"X-1","citizen":"k\u00e6\ud83d\ude00","received":"2022-03-01","closed":null,"municipality":"esbjerg","channel":"email","site":null,"requester":"borger","kind":"vejledning","category":"teknik-miljoe","topics":["a","b\/c"],"actions":[{"date":"2022-03-02","kind":"vejledt"}],"consent":{"given":"2022-03-01"},"referral":{"to":"x","basis":"y"},"outcome":"afklaret","matter_date":"2021-12-01"}"#;
        agrees_with_serde(full);
        assert_eq!(
            read_record(full, &mut Interner::default()).unwrap().citizen,
            "kæ😀"
        );
        for bad in [
            "",
            "[]",
            "{}",
            r#"{"id":"X","id":"Y"}"#,
            &full.replace("\\ude00", "x"),
            &full.replace("\"x\"", "\"x\u{1}\""),
            &full.replace('}', "},"),
            &(full.to_string() + "x"),
            &"[".repeat(100_000),
            &format!("{{\"x\":{}", "[".repeat(100_000)),
        ] {
            agrees_with_serde(bad);
        }
    }

    #[test]
    fn the_required_fields_are_those_of_the_record_format() {
        let names: Vec<&str> = REQUIRED.iter().map(|&n| FIELDS[n]).collect();
        assert_eq!(
            names,
            [
                "id",
                "citizen",
                "received",
                "municipality",
                "channel",
                "requester",
                "kind",
                "category"
            ]
        );
    }

    #[test]
    fn names_the_field_and_record() {
        let line = r#"{"received":"2022-03-01","actions":[{"kind":"vejledt","date":"2022-13-01"}],"id":"A-9"}"#;
        let err = read_record(line, &mut Interner::default()).unwrap_err();
        assert_eq!(err.field(), Some("actions[0].date"));
        assert!(err.to_string().contains("record `A-9`"), "{err}");
        let doc = "{\n  \"units\": [\n    {\"code\": \"a\"},\n    {\"code\": 7}\n  ]\n}";
        assert_eq!(path_at(doc, doc.find('7').unwrap()), "units[1].code");
        assert_eq!(path_at(doc, doc.rfind('}').unwrap()), "");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Random edits of valid lines: the reader and serde still agree.
        #[test]
        fn agrees_with_serde_on_edited_lines(
            pick in 0usize..1000,
            edits in proptest::collection::vec((0usize..400, 0usize..4, proptest::sample::select(
                vec!["\"", ",", ":", "{", "}", "[", "]", " ", "null", "1", "\\", "\\u00e6", "x", "-", "\"id\":\"Z\","]
            )), 1..4),
        ) {
            let lines = sample_lines();
            let mut line = lines[pick % lines.len()].clone();
            for (at, cut, text) in edits {
                let mut at = at.min(line.len());
                while !line.is_char_boundary(at) { at -= 1; }
                let mut end = (at + cut).min(line.len());
                while !line.is_char_boundary(end) { end -= 1; }
                line.replace_range(at..end, text);
            }
            agrees_with_serde(&line);
        }
    }
}
