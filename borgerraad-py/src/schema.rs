//! `borgerraad.json_schema()`.

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
