//! The office profile (profil): everything that differs between offices, in
//! one JSON document — the municipality and those it serves, its taxonomy
//! with the names of its levels, its code lists, its referral rules, the
//! calendar regime of each deadline rule, the disclosure threshold, the
//! counting rule and the words of the report.
//!
//! The library ships Esbjerg's profile ([`Profile::esbjerg`]), which every
//! front uses until an office loads its own, and Egedal's
//! ([`Profile::shipped`]). The JSON Schema is `schema/profile.schema.json`.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::cpr::looks_like_cpr;
use crate::base::error::{Error, Location, Result};
use crate::codes::{is_code, CodeLists, CodeListsDef, Label, Lang};
use crate::deadline::{rule_by_code, Rule};
use crate::referral::authorities::Authorities;
use crate::referral::{RuleSet, RuleSetDef};
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

fn default_threshold() -> u64 {
    5
}

/// The JSON form of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileDef {
    /// The profile's id, a code, e.g. `esbjerg`.
    pub id: String,
    /// Whose profile it is.
    pub label: Label,
    /// The published report the profile was built from: title, year and
    /// where it was read.
    pub source: String,
    /// The municipality, those it serves, and its organisation.
    pub taxonomy: TaxonomyDef,
    /// The entries the office adds to the national base code lists.
    #[serde(default)]
    pub codes: CodeListsDef,
    /// The referral rules.
    pub rules: RuleSetDef,
    /// Deadline rule code → calendar regime, where the office computes a
    /// rule on another regime than the law's own (see `deadline`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deadline_regimes: BTreeMap<String, String>,
    /// Counts from 1 to this are hidden when published (default 5).
    #[serde(default = "default_threshold")]
    pub disclosure_threshold: u64,
    /// Primary category only, or every category an inquiry concerns.
    #[serde(default)]
    pub counting: Counting,
    /// The words of the report.
    pub words: Words,
}

/// A validated office profile.
///
/// # Example
/// ```
/// use borgerraad_core::{Lang, Profile};
/// let esbjerg = Profile::esbjerg();
/// assert_eq!(esbjerg.id(), "esbjerg");
/// assert!(esbjerg.taxonomy().serves("fanoe"));
/// assert_eq!(esbjerg.codes().destinations.label("bisiddernetvaerk", Lang::Da), "Frivilligt bisiddernetværk");
/// let egedal = Profile::shipped("egedal").unwrap();
/// assert!(egedal.codes().kinds.contains("undersoegelse"));
/// ```
#[derive(Debug, Clone)]
pub struct Profile {
    def: ProfileDef,
    taxonomy: Taxonomy,
    codes: CodeLists,
    rules: RuleSet,
}

/// Profiles are the same when their definitions are.
impl PartialEq for Profile {
    fn eq(&self, other: &Profile) -> bool {
        self.def == other.def
    }
}

impl Serialize for Profile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.def.serialize(s)
    }
}

/// A profile read back (inside pickled [`crate::stats::Stats`], say) is
/// validated as [`Profile::new`] validates it.
impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Profile, D::Error> {
        let def = ProfileDef::deserialize(d)?;
        Profile::new(def, "profile").map_err(serde::de::Error::custom)
    }
}

/// Esbjerg's profile: the default of every front until an office loads its own.
impl Default for Profile {
    fn default() -> Self {
        Profile::esbjerg()
    }
}

/// The profiles that ship with the library: id and JSON text.
const SHIPPED: [(&str, &str); 2] = [
    ("esbjerg", include_str!("../data/profiles/esbjerg.json")),
    ("egedal", include_str!("../data/profiles/egedal.json")),
];

impl Profile {
    /// Esbjerg Kommune, as its advisor's 2021–22 annual report describes it
    /// (serving Esbjerg and, by agreement, Fanø).
    pub fn esbjerg() -> Profile {
        Profile::shipped("esbjerg").expect("the shipped Esbjerg profile is valid")
    }

    /// The ids of the shipped profiles.
    pub fn shipped_ids() -> Vec<&'static str> {
        SHIPPED.iter().map(|(id, _)| *id).collect()
    }

    /// A shipped profile by its id (`esbjerg`, `egedal`).
    pub fn shipped(id: &str) -> Result<Profile> {
        match SHIPPED.iter().find(|(i, _)| *i == id) {
            Some((id, text)) => Profile::from_json_str(text, &format!("{id}.json")),
            None => Err(Error::unknown("profile", id, &Profile::shipped_ids())),
        }
    }

    /// A shipped profile by its id, or else a profile file by its path: what
    /// the report commands' `--profile` takes.
    pub fn named(name: &str) -> Result<Profile> {
        match SHIPPED.iter().any(|(id, _)| *id == name) {
            true => Profile::shipped(name),
            false => Profile::from_json_file(name),
        }
    }

    /// Loads and validates a profile from JSON text; `source` names it in errors.
    pub fn from_json_str(text: &str, source: &str) -> Result<Profile> {
        let def: ProfileDef = crate::document::from_json(text, source)?;
        Profile::new(def, source)
    }

    /// Loads and validates a profile from a JSON file.
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Profile> {
        let path = path.as_ref();
        let text = crate::document::read_text(path)?;
        Profile::from_json_str(&text, &path.display().to_string())
    }

    /// Validates a definition. Invalid is a `ConfigError` that names the
    /// JSON path: a CPR-shaped value anywhere, a duplicate or invalid code,
    /// a missing label, an unknown code in a rule, a rule that can never
    /// apply, an unknown deadline rule or regime. (A cycle cannot be
    /// written: the taxonomy nests, and rules decide without referring to
    /// one another.)
    pub fn new(def: ProfileDef, source: &str) -> Result<Profile> {
        let at = Location::source(source);
        let fail = |path: &str, reason: String| Error::config(at.clone(), Some(path), reason);
        let json = serde_json::to_value(&def).expect("plain data serialises");
        if let Some(path) = cpr_shaped(&json, "") {
            return Err(fail(
                &path,
                "looks like a CPR number; a profile never holds one".into(),
            ));
        }
        if !is_code(&def.id) {
            return Err(fail("id", "not a code".into()));
        }
        let within = |section: &'static str| {
            move |e: Error| match e {
                Error::Config { at, field, reason } => Error::Config {
                    at,
                    field: Some(format!(
                        "{section}{}",
                        field.map_or(String::new(), |f| format!(".{f}"))
                    )),
                    reason,
                },
                e => e,
            }
        };
        let taxonomy = Taxonomy::new(def.taxonomy.clone(), source).map_err(within("taxonomy"))?;
        let codes = CodeLists::extend(&def.codes, source)?;
        let rules =
            RuleSet::new(def.rules.clone(), source, &taxonomy, &codes).map_err(within("rules"))?;
        for (rule, regime) in &def.deadline_regimes {
            let path = format!("deadline_regimes.{rule}");
            rule_by_code(rule).map_err(|e| fail(&path, e.to_string()))?;
            crate::calendar::Regime::built_in(regime).map_err(|e| fail(&path, e.to_string()))?;
        }
        if def.disclosure_threshold == 0 {
            return Err(fail("disclosure_threshold", "must be at least 1".into()));
        }
        Ok(Profile {
            def,
            taxonomy,
            codes,
            rules,
        })
    }

    /// The JSON form.
    pub fn def(&self) -> &ProfileDef {
        &self.def
    }

    /// The profile's id.
    pub fn id(&self) -> &str {
        &self.def.id
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The code lists: the national base list and the office's entries.
    pub fn codes(&self) -> &CodeLists {
        &self.codes
    }

    /// The referral rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The counting rule of the tables.
    pub fn counting(&self) -> Counting {
        self.def.counting
    }

    /// The disclosure threshold.
    pub fn disclosure_threshold(&self) -> u64 {
        self.def.disclosure_threshold
    }

    /// The words of the report.
    pub fn words(&self) -> &Words {
        &self.def.words
    }

    /// The label of a referral or forwarding target: a destination, a unit
    /// of the taxonomy or an authority of the national catalogue; a code
    /// unknown to all three is its own label.
    pub fn target_label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        if let Some(d) = self.codes.destinations.get(code) {
            return d.label.get(lang);
        }
        if let Some(unit) = self.taxonomy.label(code, lang) {
            return unit;
        }
        Authorities::national()
            .get(code)
            .map_or(code, |a| a.label.get(lang))
    }

    /// A deadline rule of the catalogue, on the regime this office uses
    /// for it.
    pub fn deadline_rule(&self, code: &str) -> Result<Rule> {
        let mut rule = rule_by_code(code)?;
        if let Some(regime) = self.def.deadline_regimes.get(code) {
            rule.regime = regime.clone();
            rule.regime_basis = Label::new(
                format!(
                    "Kontorets profil ({}) bruger kalenderen {regime}",
                    self.def.id
                ),
                format!(
                    "The office's profile ({}) uses the {regime} calendar",
                    self.def.id
                ),
            );
        }
        Ok(rule)
    }
}

/// The JSON path of the first string (key or value) shaped like a CPR number.
fn cpr_shaped(value: &serde_json::Value, path: &str) -> Option<String> {
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
    use crate::taxonomy::Bucket;

    #[test]
    fn esbjerg_has_the_report_areas_and_buckets() {
        let profile = crate::profile::Profile::esbjerg();
        let tax = profile.taxonomy();
        for code in [
            "borger-arbejdsmarked/borgerservice",
            "borger-arbejdsmarked/jobcenter",
            "borger-arbejdsmarked/social-boern",
            "borger-arbejdsmarked/social-voksne",
            "borger-arbejdsmarked/social-overgang",
            "boern-kultur",
            "teknik-miljoe",
            "fritid-sundhed-omsorg/visitation",
        ] {
            assert!(tax.unit(code).is_some(), "{code}");
        }
        assert_eq!(
            tax.bucket("tvaergaaende/vejledning"),
            Some(Bucket::CrossCutting)
        );
        assert_eq!(
            tax.bucket("udenfor-omraade/gaeld"),
            Some(Bucket::OutsideRemit)
        );
        assert!(tax.serves("esbjerg") && tax.serves("fanoe") && !tax.serves("varde"));
        assert_eq!(tax.label("boern-kultur", Lang::Da), Some("Børn & Kultur"));
    }

    #[test]
    fn the_esbjerg_profile_holds_the_report_words() {
        let p = Profile::esbjerg();
        assert_eq!(p.counting(), Counting::Primary);
        assert_eq!(p.disclosure_threshold(), 5);
        assert_eq!(p.taxonomy().def().levels.area.da, "Direktørområde");
        // Patientkontoret is Esbjerg's own destination, not a national one.
        assert!(p.codes().destinations.contains("patientkontoret"));
        assert!(!CodeLists::national()
            .destinations
            .contains("patientkontoret"));
    }

    fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Profile> {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../data/profiles/egedal.json")).unwrap();
        edit(&mut v);
        Profile::from_json_str(&v.to_string(), "p.json")
    }

    #[test]
    fn invalid_profiles_name_the_json_path() {
        let cases: Vec<(&str, Box<dyn FnOnce(&mut serde_json::Value)>)> = vec![
            (
                "codes.kinds[0].code",
                Box::new(|v| v["codes"]["kinds"][0]["code"] = "klage".into()),
            ),
            (
                "codes.outcomes[0].label.da",
                Box::new(|v| v["codes"]["outcomes"][0]["label"]["da"] = " ".into()),
            ),
            (
                "rules.rules[0].when.kinds",
                Box::new(|v| {
                    v["rules"]["rules"][0]["when"]["kinds"] = serde_json::json!(["ukendt"])
                }),
            ),
            (
                "taxonomy.areas[1].code",
                Box::new(|v| {
                    v["taxonomy"]["areas"][1]["code"] = v["taxonomy"]["areas"][0]["code"].clone()
                }),
            ),
            (
                "label.en",
                Box::new(|v| v["label"]["en"] = "0101901234".into()),
            ),
            (
                "taxonomy.areas[0].label.da",
                Box::new(|v| v["taxonomy"]["areas"][0]["label"]["da"] = "010190-1234".into()),
            ),
            (
                "deadline_regimes.klage-social",
                Box::new(|v| v["deadline_regimes"] = serde_json::json!({"klage-social": "mars"})),
            ),
        ];
        for (path, edit) in cases {
            let err = edited(edit).unwrap_err();
            assert_eq!(err.kind(), "ConfigError", "{path}: {err}");
            assert_eq!(err.field(), Some(path), "{err}");
            assert!(!looks_like_cpr(&err.to_string()), "{err}");
        }
    }
}
