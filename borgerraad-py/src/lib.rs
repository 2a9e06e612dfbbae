//! The native module `borgerraad._borgerraad`: conversions and error mapping
//! over `borgerraad-core`, one file per core module (the classes they pass
//! to one another are defined below them all, in `classes.rs`).

mod calendar;
mod classes;
mod convert;
mod deadline;
mod errors;
mod privacy;
mod profile;
mod referral;
mod register;
mod render;
mod schema;
mod stats;
mod taxonomy;

use pyo3::prelude::*;

#[pymodule]
fn _borgerraad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.setattr("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<taxonomy::PyTaxonomy>()?;
    m.add_class::<classes::PyProfile>()?;
    m.add_class::<classes::PyRegister>()?;
    m.add_class::<classes::PyStats>()?;
    m.add_class::<stats::PyYearSummary>()?;
    m.add_class::<calendar::PyCalendar>()?;
    m.add_class::<deadline::PyDeadline>()?;
    m.add_class::<classes::PyRuleSet>()?;
    m.add_class::<privacy::PyCpr>()?;
    m.add_class::<privacy::PyPseudonymizer>()?;
    m.add_class::<referral::PyDecision>()?;
    m.add_function(wrap_pyfunction!(deadline::py_deadline, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::deadlines, m)?)?;
    m.add_function(wrap_pyfunction!(deadline::deadline_rules, m)?)?;
    m.add_function(wrap_pyfunction!(render::format_number, m)?)?;
    m.add_function(wrap_pyfunction!(render::table_words, m)?)?;
    m.add_function(wrap_pyfunction!(render::annual_report, m)?)?;
    m.add_function(wrap_pyfunction!(schema::json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(schema::schema_names, m)?)?;
    m.add_function(wrap_pyfunction!(schema::record_fields, m)?)?;
    Ok(())
}
