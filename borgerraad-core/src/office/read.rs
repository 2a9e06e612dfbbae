//! Reading the office part of a profile document by hand rather than with
//! serde's derived `Deserialize`, whose code for these dozen types was the
//! largest item of the browser's first module (issue 19).
//!
//! It accepts what the derived code accepts (a struct also as an array of
//! its fields in order, an enum also as `{"variant": null}`) and fails with
//! the same messages at the same positions, so that the `ParseError` names
//! the same line and path. serde_json itself still checks the syntax
//! (skipping every value): the first of its error and ours wins, as in one
//! pass of the derived code.

use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{Counting, OfficeDoc, Words};
use crate::base::error::Result;
use crate::codes::{CodeDef, CodeListsDef, Label};
use crate::document::{parse_error, serde_error, Json};
use crate::taxonomy::{Area, Bucket, Department, Entry, Levels, TaxonomyDef};

/// A failure: serde's message and the byte where serde_json reports it,
/// or [`SYNTAX`] where the text is not JSON (serde_json says why).
struct Fail {
    at: usize,
    reason: String,
}

const SYNTAX: usize = usize::MAX;

type Res<T> = std::result::Result<T, Fail>;

fn fail<T>(at: usize, reason: String) -> Res<T> {
    Err(Fail { at, reason })
}

/// Reads a profile document's office part; `source` names it in errors.
pub(super) fn office_doc(text: &str, source: &str) -> Result<OfficeDoc> {
    doc(text, source, Doc::office)
}

fn doc<'a, T>(text: &'a str, source: &str, read: fn(&mut Doc<'a>) -> Res<T>) -> Result<T> {
    let syntax = serde_json::from_str::<Shape>(text).err();
    let read = read(&mut Doc(Json::new(text)));
    // Bytes, as serde_json counts: a position may fall inside a character.
    let ours = |at: usize, reason: &str| {
        let before = &text.as_bytes()[..at];
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let line = 1 + before[..start].iter().filter(|&&b| b == b'\n').count();
        parse_error(text, source, line, at - start, reason)
    };
    match (read, syntax) {
        (Ok(value), None) => Ok(value),
        (Err(f), Some(e)) if f.at != SYNTAX && f.at <= offset(text, &e) => {
            Err(ours(f.at, &f.reason))
        }
        (_, Some(e)) => Err(serde_error(text, source, &e)),
        // (At SYNTAX only if the cursor refused what serde_json accepts.)
        (Err(f), None) => {
            let at = if f.at == SYNTAX { 0 } else { f.at };
            Err(ours(at, &f.reason))
        }
    }
}

/// A profile document as serde_json reads it with the derived code, for
/// its syntax errors: every value as a `Value` but the rules, regimes and
/// import section, which are skipped (serde_json words some errors differently there).
struct Shape;

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Shape, D::Error> {
        d.deserialize_any(Shape)
    }
}

impl<'de> Visitor<'de> for Shape {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a profile")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Shape, A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key == "rules" || key == "deadline_regimes" || key == "import" {
                true => map.next_value::<Option<IgnoredAny>>().map(drop)?,
                false => map.next_value::<Value>().map(drop)?,
            }
        }
        Ok(Shape)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Shape, A::Error> {
        for n in 0.. {
            let more = match n {
                8..=10 => seq.next_element::<Option<IgnoredAny>>()?.is_some(),
                _ => seq.next_element::<Value>()?.is_some(),
            };
            if !more {
                break;
            }
        }
        Ok(Shape)
    }
}

/// The byte of serde_json's error position.
fn offset(text: &str, e: &serde_json::Error) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    start + e.column()
}

/// serde's list of names: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        2 => quoted.join(" or "),
        1 => quoted.join(""),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

struct Doc<'a>(Json<'a>);

/// A JSON number as serde_json reads it.
enum Num {
    U(u64),
    I(i64),
    F(f64),
}

impl<'a> Doc<'a> {
    fn peek(&mut self) -> Option<u8> {
        self.0.peek()
    }

    fn at(&self) -> usize {
        self.0.i
    }

    fn syntax<T>(&self) -> Res<T> {
        fail(SYNTAX, "not JSON".into())
    }

    fn str(&mut self) -> Res<Cow<'a, str>> {
        self.0.str().or_else(|_| self.syntax())
    }

    /// A number, read by serde_json as it reads one (`-0` and integers
    /// past 64 bits are floating point).
    fn number(&mut self) -> Res<Num> {
        // As far as serde_json reads a number: -?digits(.digits)?(e[+-]?digits)?
        let (start, b) = (self.at(), self.0.s.as_bytes());
        let mut i = start + usize::from(b.get(start) == Some(&b'-'));
        let digits = |mut i: usize| {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        i = digits(i);
        if b.get(i) == Some(&b'.') {
            i = digits(i + 1);
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
            i = digits(i);
        }
        self.0.i = i;
        let n = match serde_json::from_str(&self.0.s[start..self.0.i]) {
            Ok(serde_json::Value::Number(n)) => n,
            // serde_json says why, as it does in reading the whole.
            _ => return self.syntax(),
        };
        Ok(match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Num::U(u),
            (_, Some(i)) => Num::I(i),
            _ => Num::F(n.as_f64().unwrap_or_default()),
        })
    }

    /// serde's `invalid type` for the value at the cursor (read past it
    /// unless it is an array or object, as serde_json does).
    fn invalid_type<T>(&mut self, expected: &str) -> Res<T> {
        let found = match self.peek() {
            Some(b'"') => format!("string {:?}", self.str()?),
            Some(b'[') => "sequence".into(),
            Some(b'{') => "map".into(),
            Some(b'-' | b'0'..=b'9') => match self.number()? {
                Num::U(n) => format!("integer `{n}`"),
                Num::I(n) => format!("integer `{n}`"),
                Num::F(f) => format!(
                    "floating point `{}`",
                    serde_json::to_string(&f).unwrap_or_default()
                ),
            },
            _ if self.0.literal("null") => "null".into(),
            _ if self.0.literal("true") => "boolean `true`".into(),
            _ if self.0.literal("false") => "boolean `false`".into(),
            _ => return self.syntax(),
        };
        fail(
            self.at(),
            format!("invalid type: {found}, expected {expected}"),
        )
    }

    fn string(&mut self) -> Res<String> {
        match self.peek() {
            Some(b'"') => self.str().map(Cow::into_owned),
            _ => self.invalid_type("a string"),
        }
    }

    fn boolean(&mut self) -> Res<bool> {
        match self.peek() {
            _ if self.0.literal("true") => Ok(true),
            _ if self.0.literal("false") => Ok(false),
            _ => self.invalid_type("a boolean"),
        }
    }

    fn u64(&mut self) -> Res<u64> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return self.invalid_type("u64");
        }
        match self.number()? {
            Num::U(n) => Ok(n),
            Num::I(n) => fail(
                self.at(),
                format!("invalid value: integer `{n}`, expected u64"),
            ),
            Num::F(f) => fail(
                self.at(),
                format!(
                    "invalid type: floating point `{}`, expected u64",
                    serde_json::to_string(&f).unwrap_or_default()
                ),
            ),
        }
    }

    /// A value serde ignores: `null` or anything else, skipped.
    fn ignored(&mut self) -> Res<()> {
        self.0.skip().or_else(|_| self.syntax())
    }

    /// A unit variant of an enum: `"name"` or `{"name": null}`; its number.
    fn variant(&mut self, variants: &[&str]) -> Res<usize> {
        let name = |doc: &mut Doc<'_>| {
            match doc.peek() {
                Some(b'"') => {}
                Some(b'}') => return fail(doc.at() + 1, "expected value".into()),
                Some(_) => return fail(doc.at() + 1, "key must be a string".into()),
                None => return doc.syntax(),
            }
            let s = doc.str()?;
            match variants.iter().position(|v| *v == s) {
                Some(n) => Ok(n),
                None => fail(
                    doc.at(),
                    format!("unknown variant `{s}`, expected {}", one_of(variants)),
                ),
            }
        };
        match self.peek() {
            Some(b'"') => name(self),
            Some(b'{') => {
                self.0.i += 1;
                let n = name(self)?;
                if !self.0.eat(b':') {
                    return self.syntax();
                }
                if !self.0.literal("null") {
                    return self.invalid_type("unit");
                }
                match self.peek() {
                    Some(b'}') => {
                        self.0.i += 1;
                        Ok(n)
                    }
                    Some(_) => fail(self.at(), "expected value".into()),
                    None => self.syntax(),
                }
            }
            Some(_) => fail(self.at() + 1, "expected value".into()),
            None => self.syntax(),
        }
    }

    /// Whether an array has another element, past its `,`.
    fn more(&mut self, first: bool) -> Res<bool> {
        match self.peek() {
            Some(b']') => Ok(false),
            _ if first => Ok(true),
            Some(b',') => {
                self.0.i += 1;
                Ok(true)
            }
            _ => self.syntax(),
        }
    }

    /// An array, `item` reading each element.
    fn seq(&mut self, item: &mut dyn FnMut(&mut Self) -> Res<()>) -> Res<()> {
        if self.peek() != Some(b'[') {
            return self.invalid_type("a sequence");
        }
        self.0.i += 1;
        let mut first = true;
        while self.more(first)? {
            item(self)?;
            first = false;
        }
        self.0.i += 1;
        Ok(())
    }

    fn vec<T>(&mut self, item: fn(&mut Self) -> Res<T>) -> Res<Vec<T>> {
        let mut out = Vec::new();
        self.seq(&mut |doc| item(doc).map(|v| out.push(v)))?;
        Ok(out)
    }

    /// A struct `name` with `fields` (those in `required` must be given),
    /// as an object or as an array of its fields in order; `field` reads
    /// the value of field `n`.
    fn fields(
        &mut self,
        name: &str,
        fields: &[&str],
        required: &[usize],
        field: &mut dyn FnMut(&mut Self, usize) -> Res<()>,
    ) -> Res<()> {
        match self.peek() {
            Some(b'{') => {
                self.0.i += 1;
                let mut seen = 0u32;
                loop {
                    match self.peek() {
                        Some(b'}') => break,
                        Some(b',') if seen != 0 => self.0.i += 1,
                        _ if seen == 0 => {}
                        _ => return self.syntax(),
                    }
                    if self.peek() != Some(b'"') {
                        return self.syntax();
                    }
                    let key = self.str()?;
                    // serde_json reports a wrong key past the white space after it.
                    self.peek();
                    let Some(n) = fields.iter().position(|f| *f == key) else {
                        let expected = one_of(fields);
                        return fail(
                            self.at(),
                            format!("unknown field `{key}`, expected {expected}"),
                        );
                    };
                    if seen & (1 << n) != 0 {
                        return fail(self.at(), format!("duplicate field `{}`", fields[n]));
                    }
                    seen |= 1 << n;
                    if !self.0.eat(b':') {
                        return self.syntax();
                    }
                    field(self, n)?;
                }
                self.0.i += 1;
                match required.iter().find(|&&n| seen & (1 << n) == 0) {
                    Some(&n) => fail(self.at(), format!("missing field `{}`", fields[n])),
                    None => Ok(()),
                }
            }
            Some(b'[') => {
                self.0.i += 1;
                let mut first = true;
                for n in 0..fields.len() {
                    if self.more(first)? {
                        field(self, n)?;
                        first = false;
                    } else if required.contains(&n) {
                        self.0.i += 1;
                        let len = fields.len();
                        let plural = if len == 1 { "" } else { "s" };
                        return fail(
                            self.at(),
                            format!(
                                "invalid length {n}, expected {name} with {len} element{plural}"
                            ),
                        );
                    }
                }
                match self.peek() {
                    Some(b']') => {
                        self.0.i += 1;
                        Ok(())
                    }
                    Some(b',') => {
                        self.0.i += 1;
                        match self.peek() {
                            Some(b']') | None => self.syntax(),
                            Some(_) => fail(self.at() + 1, "trailing characters".into()),
                        }
                    }
                    Some(_) => fail(self.at() + 1, "trailing characters".into()),
                    None => self.syntax(),
                }
            }
            _ => self.invalid_type(name),
        }
    }

    fn label(&mut self) -> Res<Label> {
        let mut label = Label::new("", "");
        self.fields("struct Label", &["da", "en"], &[0, 1], &mut |doc, n| {
            let text = doc.string()?;
            match n {
                0 => label.da = text,
                _ => label.en = text,
            }
            Ok(())
        })?;
        Ok(label)
    }

    fn entry(&mut self) -> Res<Entry> {
        let mut e = Entry {
            code: String::new(),
            label: Label::new("", ""),
        };
        self.fields(
            "struct Entry",
            &["code", "label"],
            &[0, 1],
            &mut |doc, n| {
                match n {
                    0 => e.code = doc.string()?,
                    _ => e.label = doc.label()?,
                }
                Ok(())
            },
        )?;
        Ok(e)
    }

    fn department(&mut self) -> Res<Department> {
        let mut d = Department {
            code: String::new(),
            label: Label::new("", ""),
            units: Vec::new(),
        };
        let names = ["code", "label", "units"];
        self.fields("struct Department", &names, &[0, 1], &mut |doc, n| {
            match n {
                0 => d.code = doc.string()?,
                1 => d.label = doc.label()?,
                _ => d.units = doc.vec(Doc::entry)?,
            }
            Ok(())
        })?;
        Ok(d)
    }

    fn area(&mut self) -> Res<Area> {
        let mut a = Area {
            code: String::new(),
            label: Label::new("", ""),
            bucket: Bucket::default(),
            departments: Vec::new(),
        };
        let names = ["code", "label", "bucket", "departments"];
        self.fields("struct Area", &names, &[0, 1], &mut |doc, n| {
            match n {
                0 => a.code = doc.string()?,
                1 => a.label = doc.label()?,
                2 => {
                    let buckets = [Bucket::Ordinary, Bucket::CrossCutting, Bucket::OutsideRemit];
                    let names = ["ordinaer", "tvaergaaende", "udenfor_omraade"];
                    a.bucket = buckets[doc.variant(&names)?];
                }
                _ => a.departments = doc.vec(Doc::department)?,
            }
            Ok(())
        })?;
        Ok(a)
    }

    fn levels(&mut self) -> Res<Levels> {
        let mut levels = Levels::default();
        self.fields(
            "struct Levels",
            &["area", "department"],
            &[0, 1],
            &mut |doc, n| {
                let label = doc.label()?;
                match n {
                    0 => levels.area = label,
                    _ => levels.department = label,
                }
                Ok(())
            },
        )?;
        Ok(levels)
    }

    fn taxonomy(&mut self) -> Res<TaxonomyDef> {
        let mut t = TaxonomyDef {
            municipality: String::new(),
            label: Label::new("", ""),
            served: Vec::new(),
            levels: Levels::default(),
            areas: Vec::new(),
            sites: Vec::new(),
        };
        let names = [
            "municipality",
            "label",
            "served",
            "levels",
            "areas",
            "sites",
        ];
        self.fields(
            "struct TaxonomyDef",
            &names,
            &[0, 1, 2, 4],
            &mut |doc, n| {
                match n {
                    0 => t.municipality = doc.string()?,
                    1 => t.label = doc.label()?,
                    2 => t.served = doc.vec(Doc::entry)?,
                    3 => t.levels = doc.levels()?,
                    4 => t.areas = doc.vec(Doc::area)?,
                    _ => t.sites = doc.vec(Doc::entry)?,
                }
                Ok(())
            },
        )?;
        Ok(t)
    }

    fn code_def(&mut self) -> Res<CodeDef> {
        let mut c = CodeDef {
            code: String::new(),
            label: Label::new("", ""),
            written: false,
        };
        let names = ["code", "label", "written"];
        self.fields("struct CodeDef", &names, &[0, 1], &mut |doc, n| {
            match n {
                0 => c.code = doc.string()?,
                1 => c.label = doc.label()?,
                _ => c.written = doc.boolean()?,
            }
            Ok(())
        })?;
        Ok(c)
    }

    fn code_lists(&mut self) -> Res<CodeListsDef> {
        let mut c = CodeListsDef::default();
        let names = [
            "kinds",
            "outcomes",
            "requesters",
            "channels",
            "action_kinds",
            "destinations",
        ];
        self.fields("struct CodeListsDef", &names, &[], &mut |doc, n| {
            let list = doc.vec(Doc::code_def)?;
            match n {
                0 => c.kinds = list,
                1 => c.outcomes = list,
                2 => c.requesters = list,
                3 => c.channels = list,
                4 => c.action_kinds = list,
                _ => c.destinations = list,
            }
            Ok(())
        })?;
        Ok(c)
    }

    fn office(&mut self) -> Res<OfficeDoc> {
        let mut o = OfficeDoc {
            id: String::new(),
            label: Label::new("", ""),
            source: String::new(),
            taxonomy: TaxonomyDef {
                municipality: String::new(),
                label: Label::new("", ""),
                served: Vec::new(),
                levels: Levels::default(),
                areas: Vec::new(),
                sites: Vec::new(),
            },
            codes: CodeListsDef::default(),
            disclosure_threshold: super::default_threshold(),
            counting: Counting::default(),
            words: Words {
                title: Label::new("", ""),
            },
            rules: None,
            deadline_regimes: None,
            import: None,
        };
        let names = [
            "id",
            "label",
            "source",
            "taxonomy",
            "codes",
            "disclosure_threshold",
            "counting",
            "words",
            "rules",
            "deadline_regimes",
            "import",
        ];
        self.fields(
            "struct OfficeDoc",
            &names,
            &[0, 1, 2, 3, 7],
            &mut |doc, n| {
                match n {
                    0 => o.id = doc.string()?,
                    1 => o.label = doc.label()?,
                    2 => o.source = doc.string()?,
                    3 => o.taxonomy = doc.taxonomy()?,
                    4 => o.codes = doc.code_lists()?,
                    5 => o.disclosure_threshold = doc.u64()?,
                    6 => {
                        o.counting = [Counting::Primary, Counting::Every]
                            [doc.variant(&["primary", "every"])?]
                    }
                    7 => {
                        let mut title = None;
                        doc.fields("struct Words", &["title"], &[0], &mut |doc, _| {
                            title = Some(doc.label()?);
                            Ok(())
                        })?;
                        o.words.title = title.unwrap_or_else(|| Label::new("", ""));
                    }
                    _ => doc.ignored()?,
                }
                Ok(())
            },
        )?;
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reader and serde's derived `Deserialize` agree: the same
    /// document, or the same error (message, line and path).
    fn agrees(text: &str) {
        let ours = office_doc(text, "p.json");
        // (The office drops what serde kept of the rules and regimes.)
        let serde = crate::document::from_json::<OfficeDoc>(text, "p.json").map(|doc| OfficeDoc {
            rules: None,
            deadline_regimes: None,
            import: None,
            ..doc
        });
        match (&ours, &serde) {
            (Ok(a), Ok(b)) if a == b => {}
            (Err(a), Err(b)) if a.to_string() == b.to_string() && a.field() == b.field() => {}
            _ => panic!("{text}\nours: {ours:?}\nserde: {serde:?}"),
        }
    }

    const SMALL: &str = r#"{"id": "x", "label": {"da": "X", "en": "X"}, "source": "s",
  "taxonomy": {"municipality": "m", "label": {"da": "M", "en": "M"},
    "served": [{"code": "m", "label": {"da": "M", "en": "M"}}],
    "areas": [{"code": "a", "label": {"da": "A", "en": "A"}, "bucket": "ordinaer",
      "departments": [{"code": "d", "label": {"da": "D", "en": "D"}, "units": []}]}]},
  "codes": {"kinds": [{"code": "k", "label": {"da": "K", "en": "K"}, "written": true}]},
  "disclosure_threshold": 3, "counting": "every", "words": {"title": {"da": "T", "en": "T"}},
  "rules": {"anything": [1, 2, {"x": null}]}}"#;

    #[test]
    fn reads_what_serde_reads() {
        for (_, text) in super::super::SHIPPED {
            agrees(text);
        }
        agrees(SMALL);
        let cases = [
            ("\"id\": \"x\"", "\"id\": 7"),
            ("\"id\": \"x\"", "\"id\": -7"),
            ("\"id\": \"x\"", "\"id\": 1.5e3"),
            ("\"id\": \"x\"", "\"id\": null"),
            ("\"id\": \"x\"", "\"id\": true"),
            ("\"id\": \"x\"", "\"id\": [\"x\"]"),
            ("\"id\": \"x\"", "\"id\": {}"),
            ("\"id\": \"x\"", "\"di\": \"x\""),
            ("\"id\": \"x\"", "\"id\": \"x\", \"id\": \"y\""),
            ("\"id\": \"x\", ", ""),
            ("{\"da\": \"X\", \"en\": \"X\"}", "[\"X\", \"X\"]"),
            ("{\"da\": \"X\", \"en\": \"X\"}", "[\"X\"]"),
            ("{\"da\": \"X\", \"en\": \"X\"}", "[\"X\", \"X\", \"X\"]"),
            ("{\"da\": \"X\", \"en\": \"X\"}", "{\"da\": \"X\"}"),
            ("{\"da\": \"X\", \"en\": \"X\"}", "\"X\""),
            ("\"bucket\": \"ordinaer\"", "\"bucket\": \"other\""),
            (
                "\"bucket\": \"ordinaer\"",
                "\"bucket\": {\"tvaergaaende\": null}",
            ),
            (
                "\"bucket\": \"ordinaer\"",
                "\"bucket\": {\"tvaergaaende\": 1}",
            ),
            ("\"bucket\": \"ordinaer\"", "\"bucket\": 3"),
            ("\"counting\": \"every\"", "\"counting\": \"all\""),
            (
                "\"disclosure_threshold\": 3",
                "\"disclosure_threshold\": -3",
            ),
            (
                "\"disclosure_threshold\": 3",
                "\"disclosure_threshold\": -0",
            ),
            (
                "\"disclosure_threshold\": 3",
                "\"disclosure_threshold\": 3.5",
            ),
            (
                "\"disclosure_threshold\": 3",
                "\"disclosure_threshold\": 99999999999999999999",
            ),
            (
                "\"disclosure_threshold\": 3",
                "\"disclosure_threshold\": \"3\"",
            ),
            ("\"written\": true", "\"written\": 1"),
            ("\"units\": []", "\"units\": {}"),
            ("\"units\": []", "\"units\": [1]"),
            ("\"units\": []", "\"units\": [,]"),
            ("\"kinds\"", "\"sorts\""),
            ("\"rules\": {", "\"rules\": null, \"x\": {"),
            ("null}]}}", "null}]}"),
            ("\"words\"", "\"w\\u006frds\""),
            ("\"X\"", "\"X\\n\u{e6}\\\"\""),
            ("{\"da\": \"X\", \"en\": \"X\"}", "[\"X\", \"X\" \u{e6}]"),
            ("\"counting\": \"every\"", "\"counting\": \u{e6}"),
            ("\"bucket\": \"ordinaer\"", "\"bucket\": {\u{e6}"),
        ];
        for (from, to) in cases {
            assert!(SMALL.contains(from), "{from}");
            agrees(&SMALL.replacen(from, to, 1));
        }
        for text in [
            "",
            "[]",
            "{}",
            "null",
            "{\"id\": \"x\"} x",
            "{\"id\": \"x\",}",
            "{\"id\" \"x\"}",
        ] {
            agrees(text);
        }
    }

    proptest! {
        /// Any cut, doubled or replaced piece of a profile.
        #[test]
        fn agrees_with_serde(at in 0..SMALL.len(), len in 0usize..12, with in "[\\[\\]{}\",: 0-9a-zæ.-]{0,4}") {
            let (at, end) = (at, (at + len).min(SMALL.len()));
            if SMALL.is_char_boundary(at) && SMALL.is_char_boundary(end) {
                agrees(&format!("{}{with}{}", &SMALL[..at], &SMALL[end..]));
            }
        }
    }
}
