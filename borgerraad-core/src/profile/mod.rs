//! The office profile (profil): everything that differs between offices, in
//! one JSON document — the municipality and those it serves, its taxonomy
//! with the names of its levels, its code lists, its referral rules, the
//! calendar regime of each deadline rule, the disclosure threshold, the
//! counting rule and the words of the report.
//!
//! The library ships Esbjerg's profile ([`Profile::esbjerg`]), which every
//! front uses until an office loads its own, and Egedal's
//! ([`Profile::shipped`]). The JSON Schema is `schema/profile.schema.json`.

mod import;

pub use import::{Derive, ImportDef, IMPORT_FIELDS};

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Location, Result};
use crate::codes::{CodeLists, CodeListsDef, Label};
use crate::deadline::{rule_by_code, Rule};
use crate::office::{
    cpr_shaped, default_threshold, shipped_text, Counting, Office, OfficeDoc, Words,
};
use crate::referral::{RuleSet, RuleSetDef};
use crate::taxonomy::{Taxonomy, TaxonomyDef};

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
    /// How the office's own sheet becomes records: its headers, its
    /// words for codes, defaults, rows to skip (see `import`).
    #[serde(default, skip_serializing_if = "ImportDef::is_empty")]
    pub import: ImportDef,
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
    office: Office,
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

impl ProfileDef {
    /// The office's part of the profile (its rules and regimes stay here).
    fn office_doc(&self) -> OfficeDoc {
        OfficeDoc {
            id: self.id.clone(),
            label: self.label.clone(),
            source: self.source.clone(),
            taxonomy: self.taxonomy.clone(),
            codes: self.codes.clone(),
            disclosure_threshold: self.disclosure_threshold,
            counting: self.counting,
            words: self.words.clone(),
            rules: None,
            deadline_regimes: None,
            import: None,
        }
    }
}

impl Profile {
    /// Esbjerg Kommune, as its advisor's 2021–22 annual report describes it
    /// (serving Esbjerg and, by agreement, Fanø).
    pub fn esbjerg() -> Profile {
        Profile::shipped("esbjerg").expect("the shipped Esbjerg profile is valid")
    }

    /// The ids of the shipped profiles.
    pub fn shipped_ids() -> Vec<&'static str> {
        Office::shipped_ids()
    }

    /// A shipped profile by its id (`esbjerg`, `egedal`).
    pub fn shipped(id: &str) -> Result<Profile> {
        Profile::from_json_str(shipped_text(id)?, &format!("{id}.json"))
    }

    /// A shipped profile by its id, or else a profile file by its path: what
    /// the report commands' `--profile` takes.
    pub fn named(name: &str) -> Result<Profile> {
        match Office::shipped_ids().contains(&name) {
            true => Profile::shipped(name),
            false => Profile::from_json_file(name),
        }
    }

    /// A shipped profile by its id, or a profile document given as JSON text
    /// (the first non-space character is `{`): what the JS loaders take.
    pub fn from_id_or_json(profile: &str) -> Result<Profile> {
        match profile.trim_start().starts_with('{') {
            true => Profile::from_json_str(profile, "profile.json"),
            false => Profile::shipped(profile),
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
        let law =
            serde_json::json!({"rules": &def.rules, "deadline_regimes": &def.deadline_regimes});
        if let Some(path) = cpr_shaped(&law, "") {
            return Err(fail(
                &path,
                "looks like a CPR number; a profile never holds one".into(),
            ));
        }
        let office = Office::new(def.office_doc(), source)?;
        def.import.check(&at)?;
        let rules = RuleSet::new(def.rules.clone(), source, office.taxonomy(), office.codes())
            .map_err(|e| match e {
                Error::Config { at, field, reason } => Error::Config {
                    at,
                    field: Some(format!("rules.{}", field.unwrap_or_default())),
                    reason,
                },
                e => e,
            })?;
        for (rule, regime) in &def.deadline_regimes {
            let path = format!("deadline_regimes.{rule}");
            rule_by_code(rule).map_err(|e| fail(&path, e.to_string()))?;
            crate::calendar::Regime::built_in(regime).map_err(|e| fail(&path, e.to_string()))?;
        }
        Ok(Profile { def, office, rules })
    }

    /// The JSON form.
    pub fn def(&self) -> &ProfileDef {
        &self.def
    }

    /// The profile's id.
    pub fn id(&self) -> &str {
        &self.def.id
    }

    /// The office: what registers and statistics use.
    pub fn office(&self) -> &Office {
        &self.office
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        self.office.taxonomy()
    }

    /// The code lists: the national base list and the office's entries.
    pub fn codes(&self) -> &CodeLists {
        self.office.codes()
    }

    /// The import section: how the office's own sheet becomes records.
    pub fn import(&self) -> &ImportDef {
        &self.def.import
    }

    /// The referral rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
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

/// The office of a profile.
impl From<Profile> for Office {
    fn from(p: Profile) -> Office {
        p.office
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::cpr::looks_like_cpr;
    use crate::codes::Lang;
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
        assert_eq!(p.office().counting(), Counting::Primary);
        assert_eq!(p.office().disclosure_threshold(), 5);
        assert_eq!(p.taxonomy().def().levels.area.da, "Direktørområde");
        // Patientkontoret is Esbjerg's own destination, not a national one.
        assert!(p.codes().destinations.contains("patientkontoret"));
        assert!(!CodeLists::national()
            .destinations
            .contains("patientkontoret"));
    }

    fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Profile> {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../data/profiles/egedal.json")).unwrap();
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
