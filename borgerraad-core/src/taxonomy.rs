//! The municipality's case categories: directorate areas (direktørområder)
//! → departments (afdelinger) → optional sub-units.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::cpr::looks_like_cpr;
use crate::base::error::{Error, Location, Result};
use crate::base::hash::FastMap;
use crate::codes::{check_label, is_code, Label, Lang};
use smol_str::SmolStr;

/// What an area stands for in the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum Bucket {
    /// An ordinary directorate area of the municipality.
    #[default]
    #[serde(rename = "ordinaer")]
    Ordinary,
    /// Matters that cut across the municipality (tværgående).
    #[serde(rename = "tvaergaaende")]
    CrossCutting,
    /// Matters outside the advisor's remit (uden for området).
    #[serde(rename = "udenfor_omraade")]
    OutsideRemit,
}

/// A coded, labelled entry: a municipality, a sub-unit or an outreach site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// One code segment, e.g. `jobcenter`.
    pub code: String,
    /// Danish and English labels.
    pub label: Label,
}

/// A department (afdeling) and its sub-units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// One code segment, e.g. `jobcenter`.
    pub code: String,
    /// Danish and English labels.
    pub label: Label,
    /// Optional sub-units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Entry>,
}

/// A directorate area (direktørområde).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// One code segment, e.g. `borger-arbejdsmarked`.
    pub code: String,
    /// Danish and English labels.
    pub label: Label,
    /// Whether this is an ordinary area or a special bucket.
    #[serde(default)]
    pub bucket: Bucket,
    /// The departments.
    #[serde(default)]
    pub departments: Vec<Department>,
}

/// What the municipality calls the levels of its organisation, for the
/// headings of the report: "Direktørområde", "Center", "Forvaltning" …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// The top level (Esbjerg: direktørområde).
    pub area: Label,
    /// The level below (Esbjerg: afdeling).
    pub department: Label,
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            area: Label::new("Direktørområde", "Directorate area"),
            department: Label::new("Afdeling", "Department"),
        }
    }
}

/// The JSON form of a taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyDef {
    /// The municipality's code, e.g. `esbjerg`.
    pub municipality: String,
    /// The municipality's name.
    pub label: Label,
    /// The municipalities whose citizens the office serves.
    pub served: Vec<Entry>,
    /// The names of the levels (direktørområde → afdeling by default).
    #[serde(default)]
    pub levels: Levels,
    /// Directorate areas, including the special buckets.
    pub areas: Vec<Area>,
    /// Outreach sites.
    #[serde(default)]
    pub sites: Vec<Entry>,
}

/// The validated category tree of one municipality.
///
/// Category codes join the segments with `/`: `borger-arbejdsmarked`,
/// `borger-arbejdsmarked/jobcenter`, `borger-arbejdsmarked/jobcenter/sygedagpenge`.
///
/// # Example
/// ```
/// use borgerraad_core::{Profile, Lang};
/// let profile = Profile::esbjerg();
/// let tax = profile.taxonomy();
/// assert_eq!(tax.label("borger-arbejdsmarked/jobcenter", Lang::Da), Some("Jobcenter"));
/// assert!(tax.serves("fanoe"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    def: TaxonomyDef,
    index: FastMap<SmolStr, Label>,
}

impl Serialize for Taxonomy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.def.serialize(s)
    }
}

/// A taxonomy read back (inside pickled [`crate::stats::Stats`], say) is
/// validated as [`Taxonomy::new`] validates it.
impl<'de> Deserialize<'de> for Taxonomy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Taxonomy, D::Error> {
        let def = TaxonomyDef::deserialize(d)?;
        Taxonomy::new(def, "taxonomy").map_err(serde::de::Error::custom)
    }
}

impl Taxonomy {
    /// Loads and validates a taxonomy from JSON text; `source` names it in errors.
    pub fn from_json_str(text: &str, source: &str) -> Result<Taxonomy> {
        let def: TaxonomyDef = crate::document::from_json(text, source)?;
        Taxonomy::new(def, source)
    }

    /// Loads and validates a taxonomy from a JSON file.
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Taxonomy> {
        let path = path.as_ref();
        let text = crate::document::read_text(path)?;
        Taxonomy::from_json_str(&text, &path.display().to_string())
    }

    /// Validates a definition: every code is one valid segment and unique.
    pub fn new(def: TaxonomyDef, source: &str) -> Result<Taxonomy> {
        let at = Location::source(source);
        let fail = |path: &str, reason: String| Error::config(at.clone(), Some(path), reason);
        let mut index = FastMap::default();
        let mut add = |path: String, code: String, label: &Label| -> Result<()> {
            check_segment(&path, code.rsplit('/').next().unwrap_or(&code), &at)?;
            check_label(&format!("{path}.label"), label, &at)?;
            if index.insert(SmolStr::from(&code), label.clone()).is_some() {
                return Err(fail(
                    &format!("{path}.code"),
                    format!("`{code}` appears twice"),
                ));
            }
            Ok(())
        };
        for (a, area) in def.areas.iter().enumerate() {
            add(format!("areas[{a}]"), area.code.clone(), &area.label)?;
            for (d, dep) in area.departments.iter().enumerate() {
                let path = format!("areas[{a}].departments[{d}]");
                add(
                    path.clone(),
                    format!("{}/{}", area.code, dep.code),
                    &dep.label,
                )?;
                for (u, unit) in dep.units.iter().enumerate() {
                    add(
                        format!("{path}.units[{u}]"),
                        format!("{}/{}/{}", area.code, dep.code, unit.code),
                        &unit.label,
                    )?;
                }
            }
        }
        let entries = (def
            .served
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("served[{i}]"), e)))
        .chain(
            def.sites
                .iter()
                .enumerate()
                .map(|(i, e)| (format!("sites[{i}]"), e)),
        );
        for (path, entry) in entries {
            check_segment(&path, &entry.code, &at)?;
            check_label(&format!("{path}.label"), &entry.label, &at)?;
        }
        check_label("label", &def.label, &at)?;
        check_label("levels.area", &def.levels.area, &at)?;
        check_label("levels.department", &def.levels.department, &at)?;
        if !is_code(&def.municipality) || looks_like_cpr(&def.municipality) {
            return Err(fail("municipality", "not a code".into()));
        }
        Ok(Taxonomy { def, index })
    }

    /// The JSON form.
    pub fn def(&self) -> &TaxonomyDef {
        &self.def
    }

    /// The labels of a category code, if the code is in the taxonomy.
    pub fn unit(&self, code: &str) -> Option<&Label> {
        self.index.get(code)
    }

    /// The label of a category code in `lang`.
    pub fn label(&self, code: &str, lang: Lang) -> Option<&str> {
        self.unit(code).map(|l| l.get(lang))
    }

    /// Whether the office serves citizens of the municipality `code`.
    pub fn serves(&self, code: &str) -> bool {
        self.def.served.iter().any(|m| m.code == code)
    }

    /// The bucket of the area of a category code.
    pub fn bucket(&self, code: &str) -> Option<Bucket> {
        let area = area_of(code);
        self.def
            .areas
            .iter()
            .find(|a| a.code == area)
            .map(|a| a.bucket)
    }

    /// The label of an outreach site.
    pub fn site_label(&self, code: &str, lang: Lang) -> Option<&str> {
        self.def
            .sites
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.label.get(lang))
    }
}

/// Checks one segment of a code. A CPR-shaped segment is refused, so that no
/// code of the taxonomy (segments joined by `/`) looks like a CPR number:
/// records whose category or site is in the taxonomy need no CPR check.
fn check_segment(path: &str, code: &str, at: &Location) -> Result<()> {
    let reason = if !is_code(code) || code.contains('/') {
        "is not a single code segment"
    } else if looks_like_cpr(code) {
        "looks like a CPR number"
    } else {
        return Ok(());
    };
    Err(Error::config(
        at.clone(),
        Some(&format!("{path}.code")),
        format!("`{}` {reason}", crate::base::error::shorten(code)),
    ))
}

/// The directorate-area part of a category code.
pub fn area_of(code: &str) -> &str {
    code.split('/').next().unwrap_or(code)
}

/// The department part (area and department) of a category code; the area
/// itself for an area-level code.
pub fn department_of(code: &str) -> &str {
    match code.match_indices('/').nth(1) {
        Some((i, _)) => &code[..i],
        None => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_and_area_of_codes() {
        assert_eq!(area_of("a/b/c"), "a");
        assert_eq!(department_of("a/b/c"), "a/b");
        assert_eq!(department_of("a/b"), "a/b");
        assert_eq!(department_of("a"), "a");
    }

    #[test]
    fn bad_taxonomies_are_refused() {
        let dup = r#"{"municipality":"x","label":{"da":"X","en":"X"},"served":[],
            "areas":[{"code":"a","label":{"da":"A","en":"A"}},{"code":"a","label":{"da":"A","en":"A"}}]}"#;
        let err = Taxonomy::from_json_str(dup, "t.json").unwrap_err();
        assert_eq!(err.kind(), "ConfigError");
        assert!(err.to_string().contains("`a` appears twice"), "{err}");
        let bad = r#"{"municipality":"x","label":{"da":"X","en":"X"},"served":[],
            "areas":[{"code":"Æ","label":{"da":"A","en":"A"}}]}"#;
        assert_eq!(
            Taxonomy::from_json_str(bad, "t.json").unwrap_err().kind(),
            "ConfigError"
        );
        // No code may look like a CPR number (records rely on it), and the
        // message does not repeat it.
        for (area, site) in [("a-010190-1234", "s"), ("a", "s0101901234")] {
            let cpr = format!(
                r#"{{"municipality":"x","label":{{"da":"X","en":"X"}},"served":[],
                "sites":[{{"code":"{site}","label":{{"da":"S","en":"S"}}}}],
                "areas":[{{"code":"{area}","label":{{"da":"A","en":"A"}}}}]}}"#
            );
            let err = Taxonomy::from_json_str(&cpr, "t.json").unwrap_err();
            assert_eq!(err.kind(), "ConfigError");
            assert!(err.to_string().contains("looks like a CPR number"), "{err}");
            assert!(!looks_like_cpr(&err.to_string()), "{err}");
        }
        let typo = r#"{"municipality":"x","label":{"da":"X","en":"X"},"served":[],"areaz":[]}"#;
        assert_eq!(
            Taxonomy::from_json_str(typo, "t.json").unwrap_err().kind(),
            "ParseError"
        );
    }
}
