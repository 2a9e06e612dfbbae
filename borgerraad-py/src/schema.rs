//! `borgerraad.json_schema()` and the record format's fields.

use pyo3::prelude::*;

use crate::errors::IntoPy;

/// The JSON Schema of a wire format (`inquiry`, `taxonomy`, `ruleset`, ...).
#[pyfunction]
pub fn json_schema(name: &str) -> PyResult<String> {
    borgerraad_core::schema::json_schema(name)
        .map(str::to_string)
        .py()
}

/// The names of the schemas.
#[pyfunction]
pub fn schema_names() -> Vec<&'static str> {
    borgerraad_core::schema::NAMES.to_vec()
}

/// The columns of the record format, as the core declares them: column
/// name, JSON field, whether required, and kind (`text`, `date`, `code`,
/// `list` or `actions`).
#[pyfunction]
pub fn record_fields() -> Vec<(&'static str, &'static str, bool, &'static str)> {
    borgerraad_core::FIELDS
        .iter()
        .map(|f| (f.column, f.json, f.required, f.kind.name()))
        .collect()
}
