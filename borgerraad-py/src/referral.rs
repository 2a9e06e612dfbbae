//! `borgerraad.RuleSet` and `Decision`.

use borgerraad_core::referral::{Decision, RuleSet};
use borgerraad_core::Inquiry;
use pyo3::prelude::*;

use crate::classes::{PyProfile, PyRegister, PyRuleSet};
use crate::convert::{json_text, to_object};
use crate::errors::IntoPy;
use crate::taxonomy::TextOrPath;

/// The decision for one inquiry.
#[pyclass(name = "Decision", module = "borgerraad._borgerraad", frozen)]
pub struct PyDecision {
    /// The id of the rule that decided.
    #[pyo3(get)]
    rule: String,
    /// "handle", "forward", "refer" or "decline".
    #[pyo3(get)]
    decision: String,
    /// Where to forward or refer.
    #[pyo3(get)]
    to: Option<String>,
    /// The legal basis.
    #[pyo3(get)]
    basis: String,
    /// The explanation for the citizen in Danish.
    #[pyo3(get)]
    explanation_da: String,
    /// The explanation in English.
    #[pyo3(get)]
    explanation_en: String,
    inner: Py<PyAny>,
}

#[pymethods]
impl PyRuleSet {
    /// Loads and validates a rule set from JSON text or a path, against a
    /// profile's taxonomy and code lists (a profile holds its own rules:
    /// `Profile.rules`).
    #[staticmethod]
    fn from_json(source: TextOrPath, profile: PyRef<'_, PyProfile>) -> PyResult<Self> {
        let (text, name) = source.read()?;
        let p = &profile.0;
        Ok(PyRuleSet(
            RuleSet::from_json_str(&text, &name, p.taxonomy(), p.codes()).py()?,
        ))
    }

    /// The decision for one record (a dict in the record format).
    fn decide(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<PyDecision> {
        let inquiry = Inquiry::from_json(&json_text(record, "record")?).py()?;
        let d: Decision = self.0.decide(&inquiry);
        Ok(PyDecision {
            inner: to_object(py, &d)?.unbind(),
            rule: d.rule,
            decision: d.decision,
            to: d.to,
            basis: d.basis,
            explanation_da: d.explanation.da,
            explanation_en: d.explanation.en,
        })
    }

    /// Decisions over a register, counted as "refer:DEST", "forward:UNIT",
    /// "handle" and "decline".
    fn tally(&self, register: PyRef<'_, PyRegister>) -> Vec<(String, u64)> {
        self.0
            .tally(register.inner.iter())
            .into_iter()
            .map(|c| (c.code, c.count))
            .collect()
    }
}

#[pymethods]
impl PyDecision {
    /// The decision as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.inner.bind(py).clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "Decision(rule={:?}, decision={:?}, to={:?})",
            self.rule, self.decision, self.to
        )
    }
}
