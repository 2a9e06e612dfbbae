//! JSON Lines: one record a line.
//!
//! Records are read by a small parser made for the record format rather
//! than by serde: it reads each field straight into the [`Inquiry`],
//! borrowing strings without escapes from the input, and names the field of
//! any failure (`actions[0].date`). The fuzz target `record` checks it
//! against serde_json and the derived `Deserialize` of [`Inquiry`]: the same
//! lines are accepted, with the same values.

use std::io::Write;

use smol_str::SmolStr;

use super::fields::{JSON_FIELDS, REQUIRED_JSON_FIELDS};
use super::{parse_into, Check, Interner, Part, Sink};
use crate::base::error::{Error, Location, Result};
use crate::base::parallel::{in_parallel, pieces};
use crate::document::{Bad, Json, Read, STOP};
use crate::inquiry::{Action, Actions, Consent, Inquiry, Referral, Topics};

/// The position of each field in [`JSON_FIELDS`].
mod f {
    use super::super::fields::json_field;
    pub(super) const ID: usize = json_field("id");
    pub(super) const CITIZEN: usize = json_field("citizen");
    pub(super) const RECEIVED: usize = json_field("received");
    pub(super) const CLOSED: usize = json_field("closed");
    pub(super) const MUNICIPALITY: usize = json_field("municipality");
    pub(super) const CHANNEL: usize = json_field("channel");
    pub(super) const SITE: usize = json_field("site");
    pub(super) const REQUESTER: usize = json_field("requester");
    pub(super) const KIND: usize = json_field("kind");
    pub(super) const CATEGORY: usize = json_field("category");
    pub(super) const OTHER_CATEGORIES: usize = json_field("other_categories");
    pub(super) const TOPICS: usize = json_field("topics");
    pub(super) const ACTIONS: usize = json_field("actions");
    pub(super) const CONSENT: usize = json_field("consent");
    pub(super) const REFERRAL: usize = json_field("referral");
    pub(super) const OUTCOME: usize = json_field("outcome");
    pub(super) const MATTER_DATE: usize = json_field("matter_date");
}

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

impl Inquiry {
    /// Reads one record from its JSON form (one line of JSON Lines), as the
    /// register's loaders do: the error names the field at fault
    /// (`actions[0].date`) and, when it can be read, the record's id. It
    /// accepts exactly what the derived `Deserialize` accepts, faster.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::Inquiry;
    /// let err = Inquiry::from_json(r#"{"id":"EX-2","received":"2022-02-30"}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("received"));
    /// assert_eq!(err.to_string(), "record `EX-2`: field `received`: \
    ///     `2022-02-30` is not a date YYYY-MM-DD (no such day, or not in that form)");
    /// ```
    pub fn from_json(text: &str) -> Result<Inquiry> {
        read_record(text, &mut Default::default())
    }
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
        sink.push(line_no, parsed, check, || at.at_line(line_no));
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
    id.filter(|id: &SmolStr| !crate::base::cpr::looks_like_cpr(id))
}

/// The value of a required field. [`Json::fields`] has already refused an
/// object without it, so this only unwraps without a panic.
fn given<T>(value: Option<T>) -> Read<T> {
    value.ok_or_else(|| "a required field is missing".into())
}

impl<'a> Json<'a> {
    fn record(&mut self, codes: &mut Interner) -> Read<Inquiry> {
        let (mut id, mut citizen, mut received, mut municipality) = (None, None, None, None);
        let (mut channel, mut requester, mut kind, mut category) = (None, None, None, None);
        let (mut closed, mut site, mut topics, mut actions) =
            (None, None, Topics::new(), Actions::new());
        let (mut consent, mut referral, mut outcome, mut matter_date) = (None, None, None, None);
        let mut other_categories = Topics::new();
        self.fields(&JSON_FIELDS, &REQUIRED_JSON_FIELDS, |json, n| {
            let s = |json: &mut Json<'_>| json.str().map(|s| SmolStr::new(&s));
            let code =
                |json: &mut Json<'_>, codes: &mut Interner| json.str().map(|s| codes.get(&s));
            match n {
                f::ID => id = Some(s(json)?),
                f::CITIZEN => citizen = Some(s(json)?),
                f::RECEIVED => received = Some(json.date()?),
                f::CLOSED => closed = json.opt(Json::date)?,
                f::MUNICIPALITY => municipality = Some(code(json, codes)?),
                f::CHANNEL => channel = Some(json.code()?),
                f::SITE => site = json.opt(|json| code(json, codes))?,
                f::REQUESTER => requester = Some(json.code()?),
                f::KIND => kind = Some(json.code()?),
                f::CATEGORY => category = Some(code(json, codes)?),
                f::OTHER_CATEGORIES => {
                    json.array(|json| code(json, codes).map(|c| other_categories.push(c)))?
                }
                f::TOPICS => json.array(|json| code(json, codes).map(|t| topics.push(t)))?,
                f::ACTIONS => json.array(|json| json.action().map(|a| actions.push(a)))?,
                f::CONSENT => consent = json.opt(Json::consent)?,
                f::REFERRAL => referral = json.opt(|json| json.referral(codes))?,
                f::OUTCOME => outcome = json.opt(Json::code)?,
                f::MATTER_DATE => matter_date = json.opt(Json::date)?,
                _ => return Err("not a field of the record".into()),
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
            other_categories,
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
    fn names_the_field_and_record() {
        let line = r#"{"received":"2022-03-01","actions":[{"kind":"vejledt","date":"2022-13-01"}],"id":"A-9"}"#;
        let err = read_record(line, &mut Interner::default()).unwrap_err();
        assert_eq!(err.field(), Some("actions[0].date"));
        assert!(err.to_string().contains("record `A-9`"), "{err}");
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
