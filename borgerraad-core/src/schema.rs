//! JSON Schemas of the wire formats, generated from the serde types.
//!
//! They are committed under `schema/` at the top of the repository, and a
//! test fails when they are stale.

use crate::base::error::{Error, Result};

/// Declares every schema once: its name, file and Rust type.
macro_rules! schemas {
    ($($name:literal => $ty:ty),+ $(,)?) => {
        /// The names of the schemas, one file `schema/NAME.schema.json` each.
        pub const NAMES: &[&str] = &[$($name),+];

        /// The committed schema text of a name.
        fn committed(name: &str) -> Option<&'static str> {
            match name {
                $($name => Some(include_str!(concat!("../schema/", $name, ".schema.json"))),)+
                _ => None,
            }
        }

        /// Generates the JSON Schema of a wire format from the Rust types,
        /// pretty-printed. A new schema needs its file to exist before the
        /// crate compiles: `touch schema/NAME.schema.json && make bless`.
        pub fn generate(name: &str) -> Result<String> {
            let schema = match name {
                $($name => schemars::schema_for!($ty),)+
                _ => return Err(Error::unknown("schema", name, NAMES)),
            };
            Ok(serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n")
        }
    };
}

schemas! {
    "inquiry" => crate::inquiry::Inquiry,
    "taxonomy" => crate::taxonomy::TaxonomyDef,
    "profile" => crate::profile::ProfileDef,
    "regime" => crate::calendar::Regime,
    "ruleset" => crate::referral::RuleSetDef,
    "processing-deadlines" => crate::deadline::ProcessingDeadlines,
    "deadline" => crate::deadline::Deadline,
    "decision" => crate::referral::Decision,
    "year-summary" => crate::stats::YearSummary,
    "breakdown" => crate::stats::Breakdown,
    "monthly-table" => crate::stats::MonthlyTable,
    "monthly-report" => crate::render::MonthlyReport,
    "holiday" => crate::calendar::Holiday,
    "deadline-rule" => crate::deadline::Rule,
    "status" => crate::deadline::Status,
    "published-table" => crate::disclosure::PublishedTable,
    "published-report" => crate::disclosure::PublishedReport,
    "erasure-receipt" => crate::register::ErasureReceipt,
    "rectification" => crate::register::Rectification,
    "load-report" => crate::import::LoadReport,
}

/// The JSON Schema of a wire format, as committed under `schema/`.
///
/// The committed files equal [`generate`]'s output (a test checks it), so
/// this serves them without linking the schema generator into small
/// binaries such as the WebAssembly package.
///
/// # Example
/// ```
/// let schema = borgerraad_core::schema::json_schema("inquiry").unwrap();
/// assert!(schema.contains("\"other_categories\""));
/// assert_eq!(borgerraad_core::schema::json_schema("nope").unwrap_err().kind(), "UnknownError");
/// ```
pub fn json_schema(name: &str) -> Result<&'static str> {
    committed(name).ok_or_else(|| Error::unknown("schema", name, NAMES))
}

/// The property names that hold a date (`"format": "date"`) in any of the
/// wire formats, read from the schemas: the bindings turn the values under
/// these names into their language's dates.
///
/// # Example
/// ```
/// let keys = borgerraad_core::schema::date_keys();
/// assert!(keys.contains(&"received") && keys.contains(&"due"));
/// assert!(!keys.contains(&"id"));
/// ```
pub fn date_keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = std::collections::BTreeSet::new();
        for name in NAMES {
            let schema = committed(name).expect("every name has a committed schema");
            let value: serde_json::Value = serde_json::from_str(schema).unwrap_or_default();
            collect_date_keys(&value, &mut keys);
        }
        keys.into_iter().collect()
    })
}

fn collect_date_keys(
    schema: &serde_json::Value,
    keys: &mut std::collections::BTreeSet<&'static str>,
) {
    use serde_json::Value;
    let is_date = |s: &Value| {
        let one = |s: &Value| s.get("format").and_then(Value::as_str) == Some("date");
        one(s)
            || ["anyOf", "oneOf"].iter().any(|k| {
                s.get(k)
                    .and_then(Value::as_array)
                    .is_some_and(|alts| alts.iter().any(one))
            })
    };
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                for (key, sub) in props {
                    if is_date(sub) {
                        keys.insert(Box::leak(key.clone().into_boxed_str()));
                    }
                }
            }
            for sub in map.values() {
                collect_date_keys(sub, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|s| collect_date_keys(s, keys)),
        _ => {}
    }
}
