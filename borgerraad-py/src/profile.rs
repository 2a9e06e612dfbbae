//! `borgerraad.Profile`.

use borgerraad_core::Profile;
use pyo3::prelude::*;

use crate::classes::{PyProfile, PyRuleSet};
use crate::errors::IntoPy;
use crate::taxonomy::{PyTaxonomy, TextOrPath};

#[pymethods]
impl PyProfile {
    /// Esbjerg Kommune's profile (annual report 2021–22).
    #[staticmethod]
    fn esbjerg() -> Self {
        PyProfile(Profile::esbjerg())
    }

    /// A shipped profile by its id ("esbjerg", "egedal").
    #[staticmethod]
    fn shipped(id: &str) -> PyResult<Self> {
        Ok(PyProfile(Profile::shipped(id).py()?))
    }

    /// The ids of the shipped profiles.
    #[staticmethod]
    fn shipped_ids() -> Vec<&'static str> {
        Profile::shipped_ids()
    }

    /// A shipped profile by its id, or else a profile file by its path:
    /// what `borgerraad report --profile` takes.
    #[staticmethod]
    fn named(name: &str) -> PyResult<Self> {
        Ok(PyProfile(Profile::named(name).py()?))
    }

    /// Loads and validates a profile from JSON text or a JSON file.
    #[staticmethod]
    fn from_json(source: TextOrPath) -> PyResult<Self> {
        let (text, name) = source.read()?;
        Ok(PyProfile(Profile::from_json_str(&text, &name).py()?))
    }

    /// The profile's id.
    #[getter]
    fn id(&self) -> &str {
        self.0.id()
    }

    /// The taxonomy.
    #[getter]
    fn taxonomy(&self) -> PyTaxonomy {
        PyTaxonomy(self.0.taxonomy().clone())
    }

    /// The referral rules.
    #[getter]
    fn rules(&self) -> PyRuleSet {
        PyRuleSet(self.0.rules().clone())
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::to_object(py, self.0.def())
    }

    fn __repr__(&self) -> String {
        format!("Profile({:?})", self.0.id())
    }
}
