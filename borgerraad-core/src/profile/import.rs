//! The import section of a profile (indlæsning): how an office's own
//! register, kept as a sheet with its own headers and words, becomes
//! records (see [`crate::import`]).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Location, Result};
use crate::codes::is_code;
use crate::office::cpr_shaped;

/// The fields a sheet's column can give: the record's columns, and three
/// that are derived: `area` and `department` (the category from two
/// columns) and `referral` (where the inquiry was referred or forwarded,
/// "Henvist til").
pub const IMPORT_FIELDS: [&str; 18] = [
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
    "area",
    "department",
    "other_categories",
    "topics",
    "referral",
    "outcome",
    "matter_date",
    "consent_given",
];

/// How an office's own sheet becomes records. Every part is optional: a
/// sheet whose headers are the record's column names, and whose cells hold
/// codes or the code lists' labels, needs none of it.
///
/// Headers and values are matched ignoring case, surrounding spaces and a
/// trailing `.` or `:`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportDef {
    /// Field → the headers a sheet may give its column, e.g. `"received":
    /// ["Dato", "Modtaget"]`. A field's own name is always one of them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, Vec<String>>,
    /// Field → what a sheet writes → the code it means, for values that
    /// are neither a code nor a label, e.g. `"channel": {"Mail": "email"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Word → the word a label uses instead, e.g. `"og": "&"`, so that
    /// "Børn og Kultur" is the area "Børn & Kultur".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub words: BTreeMap<String, String>,
    /// Field → the code used when the sheet has no column for it or leaves
    /// the cell empty, e.g. `"municipality": "esbjerg"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defaults: BTreeMap<String, String>,
    /// Header → the values that mark a row as not a registration, e.g.
    /// `"Status": ["Annulleret"]`. Such rows are skipped and reported.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skip: BTreeMap<String, Vec<String>>,
    /// The legal bases of derived referrals.
    #[serde(default, skip_serializing_if = "Derive::is_default")]
    pub derive: Derive,
}

/// How the `referral` column ("Henvist til") and the kind forwarding
/// (videresendelse) become a referral with its legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derive {
    /// The basis of a referral to one of the code list's referral
    /// destinations (henvisningssteder), e.g. `vedtaegt` (the advisor's
    /// statute).
    #[serde(default = "referral_basis")]
    pub referral_basis: String,
    /// The basis of a forwarding inside the municipality: a `referral`
    /// cell that names a unit of the taxonomy, or the kind forwarding
    /// without one (then to the inquiry's category). Forvaltningsloven
    /// § 7, stk. 2: `fvl-7-2`.
    #[serde(default = "forwarding_basis")]
    pub forwarding_basis: String,
}

fn referral_basis() -> String {
    "vedtaegt".into()
}

fn forwarding_basis() -> String {
    "fvl-7-2".into()
}

impl Default for Derive {
    fn default() -> Self {
        Derive {
            referral_basis: referral_basis(),
            forwarding_basis: forwarding_basis(),
        }
    }
}

impl Derive {
    fn is_default(&self) -> bool {
        *self == Derive::default()
    }
}

impl ImportDef {
    /// Whether the section says nothing.
    pub fn is_empty(&self) -> bool {
        *self == ImportDef::default()
    }

    /// Checks the section; a fault is a `ConfigError` naming the JSON path
    /// under `import`: an unknown field, a CPR-shaped value, a default or
    /// alias target or basis that is not a code.
    pub(crate) fn check(&self, at: &Location) -> Result<()> {
        let fail = |path: String, reason: &str| {
            Error::config(at.clone(), Some(&format!("import.{path}")), reason)
        };
        let json = serde_json::to_value(self).unwrap_or_default();
        if let Some(path) = cpr_shaped(&json, "") {
            return Err(fail(
                path.trim_start_matches('.').into(),
                "looks like a CPR number; a profile never holds one",
            ));
        }
        let known = |field: &str| IMPORT_FIELDS.contains(&field);
        let unknown = "not a field of the import (expected one of: id, citizen, received, closed, municipality, channel, site, requester, kind, category, area, department, other_categories, topics, referral, outcome, matter_date, consent_given)";
        for field in self.columns.keys() {
            if !known(field) {
                return Err(fail(format!("columns.{field}"), unknown));
            }
        }
        for (field, map) in &self.values {
            if !known(field) {
                return Err(fail(format!("values.{field}"), unknown));
            }
            for (text, code) in map {
                if !is_code(code) && !field.ends_with("category") {
                    return Err(fail(format!("values.{field}.{text}"), "not a code"));
                }
            }
        }
        for (field, code) in &self.defaults {
            if !known(field) {
                return Err(fail(format!("defaults.{field}"), unknown));
            }
            if !is_code(code) {
                return Err(fail(format!("defaults.{field}"), "not a code"));
            }
        }
        for (path, basis) in [
            ("derive.referral_basis", &self.derive.referral_basis),
            ("derive.forwarding_basis", &self.derive.forwarding_basis),
        ] {
            if !is_code(basis) {
                return Err(fail(path.into(), "not a code"));
            }
        }
        Ok(())
    }
}
