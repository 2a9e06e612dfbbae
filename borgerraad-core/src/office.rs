//! The office (kontor): the part of a profile that registers and statistics
//! use — who the office is, its municipality's organisation, its code lists,
//! how its tables count, its disclosure threshold and the words of its
//! report. The referral rules and deadline regimes complete it into a
//! [`crate::Profile`].
//!
//! An office is read from a profile document as it stands: the rules and
//! regimes are passed over here and checked by [`crate::Profile`]. That lets
//! the browser's first module read a profile without the law's code.

mod read;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::cpr::looks_like_cpr;
use crate::base::error::{Error, Location, Result};
use crate::codes::{check_label, is_code, CodeLists, CodeListsDef, Label, Lang};
use crate::taxonomy::{Taxonomy, TaxonomyDef};

/// Whether the tables count an inquiry under its primary category only or
/// under every category it concerns (optælling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Each inquiry once, under its primary category (Esbjerg).
    #[default]
    Primary,
    /// Each inquiry under every category it concerns, once per area and
    /// once per department; the rows then add up to more than the total.
    Every,
}

impl Counting {
    /// The rule as printed under every table, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Counting::Primary, Lang::Da) => "Hver henvendelse tælles én gang, under sin primære kategori; emner tælles ikke med i fordelingerne.",
            (Counting::Primary, Lang::En) => "Each inquiry is counted once, under its primary category; topics are not counted in the breakdowns.",
            (Counting::Every, Lang::Da) => "En henvendelse tælles under hver enhed, den vedrører (højst én gang pr. enhed), så rækkerne kan summere til mere end totalen; emner tælles ikke med i fordelingerne.",
            (Counting::Every, Lang::En) => "An inquiry is counted under every unit it concerns (at most once per unit), so the rows may add up to more than the total; topics are not counted in the breakdowns.",
        }
    }
}

/// The words of the report that differ between offices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// The report's title, e.g. "Borgerrådgiverens beretning: statistik".
    pub title: Label,
}

pub(crate) fn default_threshold() -> u64 {
    5
}

/// A profile document as the office reads it: its own fields, the rules and
/// regimes passed over (and absent in statistics documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OfficeDoc {
    pub(crate) id: String,
    pub(crate) label: Label,
    pub(crate) source: String,
    pub(crate) taxonomy: TaxonomyDef,
    #[serde(default)]
    pub(crate) codes: CodeListsDef,
    #[serde(default = "default_threshold")]
    pub(crate) disclosure_threshold: u64,
    #[serde(default)]
    pub(crate) counting: Counting,
    pub(crate) words: Words,
    #[serde(default, skip_serializing)]
    pub(crate) rules: Option<serde::de::IgnoredAny>,
    #[serde(default, skip_serializing)]
    pub(crate) deadline_regimes: Option<serde::de::IgnoredAny>,
    #[serde(default, skip_serializing)]
    pub(crate) import: Option<serde::de::IgnoredAny>,
}

/// A validated office.
///
/// # Example
/// ```
/// use borgerraad_core::{Lang, Office};
/// let office = Office::shipped("egedal").unwrap();
/// assert_eq!(office.taxonomy().def().levels.area.get(Lang::Da), "Center");
/// assert!(office.codes().kinds.contains("undersoegelse"));
/// ```
#[derive(Debug, Clone)]
pub struct Office {
    doc: OfficeDoc,
    taxonomy: Taxonomy,
    codes: CodeLists,
}

/// Offices are the same when their documents are.
impl PartialEq for Office {
    fn eq(&self, other: &Office) -> bool {
        self.doc == other.doc
    }
}

impl Serialize for Office {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.doc.serialize(s)
    }
}

/// An office read back (inside pickled [`crate::stats::Stats`], say) is
/// validated as a profile's office is when it is built.
impl<'de> Deserialize<'de> for Office {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Office, D::Error> {
        let doc = OfficeDoc::deserialize(d)?;
        Office::new(doc, "office").map_err(serde::de::Error::custom)
    }
}

/// Esbjerg's office: the default of every front until an office loads its own.
impl Default for Office {
    fn default() -> Self {
        Office::shipped("esbjerg").expect("the shipped Esbjerg profile is valid")
    }
}

/// The profiles that ship with the library: id and JSON text.
pub(crate) const SHIPPED: [(&str, &str); 2] = [
    ("esbjerg", include_str!("../data/profiles/esbjerg.json")),
    ("egedal", include_str!("../data/profiles/egedal.json")),
];

/// The text of a shipped profile.
pub(crate) fn shipped_text(id: &str) -> Result<&'static str> {
    find_shipped(&SHIPPED, id)
}

fn find_shipped(texts: &[(&str, &'static str)], id: &str) -> Result<&'static str> {
    texts
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
        .ok_or_else(|| Error::unknown("profile", id, &Office::shipped_ids()))
}

/// The shipped profiles without their rules: the office needs none of it,
/// and the browser's first module then carries no copy of them (issue 19).
const SHIPPED_OFFICES: [(&str, &str); 2] = {
    const ESBJERG: [u8; without_rules_len(SHIPPED[0].1)] = without_rules(SHIPPED[0].1);
    const EGEDAL: [u8; without_rules_len(SHIPPED[1].1)] = without_rules(SHIPPED[1].1);
    [
        (SHIPPED[0].0, utf8(&ESBJERG)),
        (SHIPPED[1].0, utf8(&EGEDAL)),
    ]
};

/// Where the `"rules"` member of a shipped profile runs, with its comma.
/// The profiles are written with two-space indentation: the member runs
/// from the line `  "rules": {` through the next line `  },`; a profile
/// written otherwise fails the build here.
const fn rules_span(text: &[u8]) -> (usize, usize) {
    const fn find(text: &[u8], pattern: &[u8], from: usize) -> usize {
        let mut i = from;
        while i + pattern.len() <= text.len() {
            let mut j = 0;
            while j < pattern.len() && text[i + j] == pattern[j] {
                j += 1;
            }
            if j == pattern.len() {
                return i;
            }
            i += 1;
        }
        panic!("a shipped profile is not written as `rules_span` expects")
    }
    let start = find(text, b"\n  \"rules\": {", 0);
    (start, find(text, b"\n  },", start) + b"\n  },".len())
}

const fn without_rules_len(text: &str) -> usize {
    let (start, end) = rules_span(text.as_bytes());
    text.len() - (end - start)
}

const fn without_rules<const N: usize>(text: &str) -> [u8; N] {
    let (b, (start, end)) = (text.as_bytes(), rules_span(text.as_bytes()));
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = b[if i < start { i } else { i + end - start }];
        i += 1;
    }
    out
}

const fn utf8(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("a shipped profile is UTF-8"),
    }
}

impl Office {
    /// The ids of the shipped profiles.
    pub fn shipped_ids() -> Vec<&'static str> {
        SHIPPED.iter().map(|(id, _)| *id).collect()
    }

    /// The office of a shipped profile (`esbjerg`, `egedal`).
    pub fn shipped(id: &str) -> Result<Office> {
        Office::from_profile_json(find_shipped(&SHIPPED_OFFICES, id)?, &format!("{id}.json"))
    }

    /// The office of a shipped profile by its id, or of a profile document
    /// given as JSON text (the first non-space character is `{`).
    pub fn from_id_or_json(profile: &str) -> Result<Office> {
        match profile.trim_start().starts_with('{') {
            true => Office::from_profile_json(profile, "profile.json"),
            false => Office::shipped(profile),
        }
    }

    /// The office of a profile document (JSON text); `source` names it in
    /// errors. Its rules and deadline regimes are passed over: read the
    /// whole profile with [`crate::Profile::from_json_str`] to check them.
    pub fn from_profile_json(text: &str, source: &str) -> Result<Office> {
        Office::new(read::office_doc(text, source)?, source)
    }

    /// Validates an office document: a CPR-shaped value anywhere, an id
    /// that is not a code, a duplicate or invalid code, a missing label or a
    /// threshold of 0 is a `ConfigError` naming the JSON path.
    pub(crate) fn new(mut doc: OfficeDoc, source: &str) -> Result<Office> {
        // What a profile adds is not the office's (and not compared).
        (doc.rules, doc.deadline_regimes, doc.import) = (None, None, None);
        let at = Location::source(source);
        let fail = |path: &str, reason: String| Error::config(at.clone(), Some(path), reason);
        // No value may look like a CPR number: the id, the labels here and
        // (checked where they are read) every code and label of the
        // taxonomy and the code lists.
        if !is_code(&doc.id) || looks_like_cpr(&doc.id) {
            return Err(fail("id", "not a code".into()));
        }
        if looks_like_cpr(&doc.source) {
            return Err(fail("source", "looks like a CPR number".into()));
        }
        check_label("label", &doc.label, &at)?;
        check_label("words.title", &doc.words.title, &at)?;
        let taxonomy = Taxonomy::new(doc.taxonomy.clone(), source).map_err(|e| match e {
            Error::Config { at, field, reason } => Error::Config {
                at,
                field: Some(format!("taxonomy.{}", field.unwrap_or_default())),
                reason,
            },
            e => e,
        })?;
        let codes = CodeLists::extend(&doc.codes, source)?;
        if doc.disclosure_threshold == 0 {
            return Err(fail("disclosure_threshold", "must be at least 1".into()));
        }
        Ok(Office {
            doc,
            taxonomy,
            codes,
        })
    }

    /// The profile's id.
    pub fn id(&self) -> &str {
        &self.doc.id
    }

    /// Whose office it is.
    pub fn label(&self) -> &Label {
        &self.doc.label
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The code lists: the national base list and the office's entries.
    pub fn codes(&self) -> &CodeLists {
        &self.codes
    }

    /// The counting rule of the tables.
    pub fn counting(&self) -> Counting {
        self.doc.counting
    }

    /// The disclosure threshold.
    pub fn disclosure_threshold(&self) -> u64 {
        self.doc.disclosure_threshold
    }

    /// The words of the report.
    pub fn words(&self) -> &Words {
        &self.doc.words
    }
}

/// The JSON path of the first string (key or value) shaped like a CPR number.
pub(crate) fn cpr_shaped(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => looks_like_cpr(s).then(|| path.to_string()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| cpr_shaped(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let here = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            match looks_like_cpr(k) {
                true => Some(path.to_string()),
                false => cpr_shaped(v, &here),
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_offices_are_the_profiles_without_rules() {
        for ((id, full), (office_id, office)) in SHIPPED.iter().zip(SHIPPED_OFFICES) {
            assert_eq!(*id, office_id);
            let mut want: serde_json::Value = serde_json::from_str(full).unwrap();
            want.as_object_mut().unwrap().remove("rules");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(office).unwrap(),
                want
            );
            let source = format!("{id}.json");
            assert_eq!(
                Office::shipped(id).unwrap(),
                Office::from_profile_json(full, &source).unwrap()
            );
        }
    }
}
