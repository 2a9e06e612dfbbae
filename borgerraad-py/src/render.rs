//! `borgerraad.format_number()`.

use borgerraad_core::{render, Lang};
use pyo3::prelude::*;

use crate::errors::IntoPy;

/// A number as the report prints it: at most two decimals, trailing zeros
/// dropped, decimal comma and thousands dot in Danish (`47,75`, `1.234,5`).
#[pyfunction]
#[pyo3(signature = (value, lang = "da"))]
pub fn format_number(value: f64, lang: &str) -> PyResult<String> {
    Ok(render::number(value, lang.parse::<Lang>().py()?))
}
