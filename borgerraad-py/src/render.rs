//! `borgerraad.format_number()`, `borgerraad.table_words()` and `borgerraad.annual_report()`.

use borgerraad_core::render::{AnnualReport, Format, ReportOptions};
use borgerraad_core::{render, Lang};
use pyo3::prelude::*;

use crate::classes::PyRegister;
use crate::errors::IntoPy;

/// A number as the report prints it: at most two decimals, trailing zeros
/// dropped, decimal comma and thousands dot in Danish (`47,75`, `1.234,5`).
#[pyfunction]
#[pyo3(signature = (value, lang = "da"))]
pub fn format_number(value: f64, lang: &str) -> PyResult<String> {
    Ok(render::number(value, lang.parse::<Lang>().py()?))
}

/// The words of a table's summary rows and share column in `lang`:
/// ("I alt", "Gennemsnit", "Andel") in Danish.
#[pyfunction]
#[pyo3(signature = (lang = "da"))]
pub fn table_words(lang: &str) -> PyResult<[&'static str; 3]> {
    Ok(render::table_words(lang.parse::<Lang>().py()?))
}

/// The annual report of a register as the report commands print it
/// (`borgerraad report`, the Rust example `annual_report`): `format` is
/// `md`, `csv`, `json`, `svg` or `html`; without `year`, the key figures of
/// the last two years and no breakdowns.
#[pyfunction]
#[pyo3(signature = (register, year = None, format = "md", lang = "da"))]
pub fn annual_report(
    py: Python<'_>,
    register: PyRef<'_, PyRegister>,
    year: Option<i32>,
    format: &str,
    lang: &str,
) -> PyResult<String> {
    let format = format.parse::<Format>().py()?;
    let options = ReportOptions {
        year,
        lang: lang.parse().py()?,
        ..ReportOptions::default()
    };
    let inner = &register.inner;
    py.detach(|| AnnualReport::of(inner, &options))
        .py()
        .map(|report| report.render(format))
}
