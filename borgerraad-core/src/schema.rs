//! JSON Schemas of the wire formats, generated from the serde types.
//!
//! They are committed under `schema/` at the top of the repository, and a
//! test fails when they are stale.

use crate::error::{Error, Result};

/// The names of the schemas, one file `schema/NAME.schema.json` each.
pub const NAMES: &[&str] = &[
    "inquiry",
    "taxonomy",
    "regime",
    "ruleset",
    "processing-deadlines",
    "deadline",
    "decision",
    "year-summary",
    "breakdown",
    "monthly-table",
    "monthly-report",
    "holiday",
    "deadline-rule",
    "status",
    "published-table",
    "erasure-receipt",
    "rectification",
];

macro_rules! committed {
    ($($name:literal),+) => {
        /// The committed schema text of a name.
        fn committed(name: &str) -> Option<&'static str> {
            match name {
                $($name => Some(include_str!(concat!("../../schema/", $name, ".schema.json"))),)+
                _ => None,
            }
        }
    };
}

committed!(
    "inquiry",
    "taxonomy",
    "regime",
    "ruleset",
    "processing-deadlines",
    "deadline",
    "decision",
    "year-summary",
    "breakdown",
    "monthly-table",
    "monthly-report",
    "holiday",
    "deadline-rule",
    "status",
    "published-table",
    "erasure-receipt",
    "rectification"
);

/// The JSON Schema of a wire format, as committed under `schema/`.
///
/// The committed files equal [`generate`]'s output (a test checks it), so
/// this serves them without linking the schema generator into small
/// binaries such as the WebAssembly package.
///
/// # Example
/// ```
/// let schema = borgerraad_core::schema::json_schema("inquiry").unwrap();
/// assert!(schema.contains("\"digital_post\""));
/// assert_eq!(borgerraad_core::schema::json_schema("nope").unwrap_err().kind(), "UnknownError");
/// ```
pub fn json_schema(name: &str) -> Result<&'static str> {
    committed(name).ok_or_else(|| Error::unknown("schema", name, NAMES))
}

/// Generates the JSON Schema of a wire format from the Rust types, pretty-printed.
///
pub fn generate(name: &str) -> Result<String> {
    let schema = match name {
        "inquiry" => schemars::schema_for!(crate::inquiry::Inquiry),
        "taxonomy" => schemars::schema_for!(crate::taxonomy::TaxonomyDef),
        "regime" => schemars::schema_for!(crate::calendar::Regime),
        "ruleset" => schemars::schema_for!(crate::referral::RuleSetDef),
        "processing-deadlines" => schemars::schema_for!(crate::deadline::ProcessingDeadlines),
        "deadline" => schemars::schema_for!(crate::deadline::Deadline),
        "decision" => schemars::schema_for!(crate::referral::Decision),
        "year-summary" => schemars::schema_for!(crate::stats::YearSummary),
        "breakdown" => schemars::schema_for!(crate::stats::Breakdown),
        "monthly-table" => schemars::schema_for!(crate::stats::MonthlyTable),
        "monthly-report" => schemars::schema_for!(crate::render::MonthlyReport),
        "holiday" => schemars::schema_for!(crate::calendar::Holiday),
        "deadline-rule" => schemars::schema_for!(crate::deadline::Rule),
        "status" => schemars::schema_for!(crate::deadline::Status),
        "published-table" => schemars::schema_for!(crate::disclosure::PublishedTable),
        "erasure-receipt" => schemars::schema_for!(crate::register::ErasureReceipt),
        "rectification" => schemars::schema_for!(crate::register::Rectification),
        _ => return Err(Error::unknown("schema", name, NAMES)),
    };
    Ok(serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n")
}
