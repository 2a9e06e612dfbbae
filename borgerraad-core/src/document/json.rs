//! JSON documents (a taxonomy, a rule set, a regime, a value a binding was
//! given): a small cursor over JSON text, and serde parsing whose errors
//! name the path of the field at fault.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use crate::base::cpr::redact_cpr;
use crate::base::date::{not_a_date, parse_date};
use crate::base::error::{foreign_reason, shorten, Error, Location, Result};

/// Parses one JSON document (a taxonomy, rule set, regime, or a value a
/// binding was given) with serde. The `ParseError` names `source` and the
/// path of the field at fault (`units[2].code`), and never repeats a
/// CPR-shaped value.
///
/// # Example
/// ```
/// use borgerraad_core::{bindings::from_json, Inquiry};
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
            field: (!path.is_empty()).then(|| redact_cpr(&path).into_owned()),
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

/// Why a record could not be read: where (a path such as `actions[0]`) and why.
pub(crate) struct Bad {
    pub(crate) field: Option<String>,
    pub(crate) reason: String,
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
    pub(crate) fn inside(mut self, name: &str) -> Bad {
        self.field = Some(match self.field {
            None => name.to_string(),
            Some(inner) if inner.starts_with('[') => format!("{name}{inner}"),
            Some(inner) => format!("{name}.{inner}"),
        });
        self
    }
}

pub(crate) type Read<T> = std::result::Result<T, Bad>;

/// Ends a walk over a document early, once it found what it looked for.
pub(crate) const STOP: &str = "(stop)";

/// A cursor over JSON text.
pub(crate) struct Json<'a> {
    pub(crate) s: &'a str,
    pub(crate) i: usize,
    /// Objects and arrays open around the cursor (at most [`MAX_DEPTH`]).
    pub(crate) depth: u32,
}

/// The deepest nesting read, as serde_json's limit (no stack overflow on
/// `[[[[…`).
const MAX_DEPTH: u32 = 128;

impl<'a> Json<'a> {
    pub(crate) fn new(s: &'a str) -> Json<'a> {
        Json { s, i: 0, depth: 0 }
    }

    /// Runs `inner` one level deeper.
    pub(crate) fn nested<T>(&mut self, inner: impl FnOnce(&mut Self) -> Read<T>) -> Read<T> {
        if self.depth >= MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        self.depth += 1;
        let out = inner(self);
        self.depth -= 1;
        out
    }

    /// The next byte after white space.
    pub(crate) fn peek(&mut self) -> Option<u8> {
        let b = self.s.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(self.i) {
            self.i += 1;
        }
        b.get(self.i).copied()
    }

    pub(crate) fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == Some(c);
        self.i += usize::from(found);
        found
    }

    pub(crate) fn end(&mut self) -> Read<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err("trailing characters after the record".into()),
        }
    }

    /// A failure naming what was expected and what was found instead.
    pub(crate) fn expected(&mut self, what: &str) -> Bad {
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

    pub(crate) fn literal(&mut self, word: &str) -> bool {
        let found = self.peek().is_some() && self.s[self.i..].starts_with(word);
        if found {
            self.i += word.len();
        }
        found
    }

    pub(crate) fn str(&mut self) -> Read<Cow<'a, str>> {
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
    pub(crate) fn escaped(&mut self, start: usize) -> Read<String> {
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
    pub(crate) fn unicode(&mut self) -> Read<char> {
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
    pub(crate) fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, Cow<'a, str>) -> Read<()>,
    ) -> Read<()> {
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
    pub(crate) fn array(&mut self, mut item: impl FnMut(&mut Self) -> Read<()>) -> Read<()> {
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
    pub(crate) fn skip(&mut self) -> Read<()> {
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
    pub(crate) fn path_to(&mut self, offset: usize, path: &mut String) -> bool {
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

    pub(crate) fn date(&mut self) -> Read<NaiveDate> {
        let s = self.str()?;
        parse_date(&s).ok_or_else(|| Bad::from(not_a_date(&s)))
    }

    pub(crate) fn code<T: std::str::FromStr<Err = Error>>(&mut self) -> Read<T> {
        let s = self.str()?;
        s.parse().map_err(|e: Error| Bad::from(e.to_string()))
    }

    /// `null` as `None`, or a value.
    pub(crate) fn opt<T>(&mut self, value: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        match self.literal("null") {
            true => Ok(None),
            false => value(self).map(Some),
        }
    }

    /// An object with the named fields, each read once by `field` (given
    /// the field's number); unknown, repeated and missing fields fail.
    /// `required` holds the numbers of the fields that must be there.
    pub(crate) fn fields(
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
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_the_path_of_a_value() {
        let doc = "{\n  \"units\": [\n    {\"code\": \"a\"},\n    {\"code\": 7}\n  ]\n}";
        assert_eq!(super::path_at(doc, doc.find('7').unwrap()), "units[1].code");
        assert_eq!(super::path_at(doc, doc.rfind('}').unwrap()), "");
    }
}
