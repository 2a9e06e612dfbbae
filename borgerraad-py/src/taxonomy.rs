//! `borgerraad.Taxonomy`.

use std::path::PathBuf;

use borgerraad_core::{taxonomy::Taxonomy, Lang};
use pyo3::prelude::*;

use crate::errors::IntoPy;

/// The municipality's case categories: directorate areas → departments →
/// sub-units, with Danish and English labels.
#[pyclass(name = "Taxonomy", module = "borgerraad._borgerraad", frozen)]
#[derive(Clone)]
pub struct PyTaxonomy(pub Taxonomy);

/// A JSON text or a path to a JSON file.
#[derive(FromPyObject)]
pub enum TextOrPath {
    /// JSON text, or a path given as a string.
    Text(String),
    /// A path (`pathlib.Path`).
    Path(PathBuf),
}

impl TextOrPath {
    /// The JSON text and a name for errors.
    pub fn read(self) -> PyResult<(String, String)> {
        match self {
            TextOrPath::Path(p) => Ok((
                borgerraad_core::bindings::read_text(&p).py()?,
                p.display().to_string(),
            )),
            TextOrPath::Text(t) if t.trim_start().starts_with('{') => Ok((t, "<json>".into())),
            TextOrPath::Text(t) => TextOrPath::Path(PathBuf::from(t)).read(),
        }
    }
}

#[pymethods]
impl PyTaxonomy {
    /// Loads a taxonomy from JSON text or a JSON file.
    #[staticmethod]
    fn from_json(source: TextOrPath) -> PyResult<Self> {
        let (text, name) = source.read()?;
        Ok(PyTaxonomy(Taxonomy::from_json_str(&text, &name).py()?))
    }

    /// The municipality's code.
    #[getter]
    fn municipality(&self) -> String {
        self.0.def().municipality.clone()
    }

    /// The label of a category code, or None.
    #[pyo3(signature = (code, lang = "da"))]
    fn label(&self, code: &str, lang: &str) -> PyResult<Option<String>> {
        let lang: Lang = lang.parse().py()?;
        Ok(self.0.label(code, lang).map(str::to_string))
    }

    /// Whether the office serves citizens of a municipality.
    fn serves(&self, municipality: &str) -> bool {
        self.0.serves(municipality)
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::to_object(py, self.0.def())
    }

    fn __repr__(&self) -> String {
        format!("Taxonomy({:?})", self.0.def().municipality)
    }
}
