//! `borgerraad.Cpr` and `borgerraad.Pseudonymizer`.

use borgerraad_core::{Cpr, Pseudonymizer};
use chrono::NaiveDate;
use pyo3::prelude::*;

use crate::errors::IntoPy;

/// A parsed CPR number; it never prints its digits.
#[pyclass(name = "Cpr", module = "borgerraad._borgerraad", frozen)]
pub struct PyCpr(pub Cpr);

#[pymethods]
impl PyCpr {
    /// Parses `DDMMYY-SSSS` or ten digits (the date must exist; no modulus-11 check).
    #[staticmethod]
    fn parse(s: &str) -> PyResult<PyCpr> {
        Ok(PyCpr(Cpr::parse(s).py()?))
    }

    /// The date of birth.
    #[getter]
    fn birth_date(&self) -> NaiveDate {
        self.0.birth_date()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

/// A CPR number or its text.
#[derive(FromPyObject)]
pub enum CprLike<'py> {
    /// A parsed number.
    Parsed(PyRef<'py, PyCpr>),
    /// Text to parse.
    Text(String),
}

/// Derives pseudonymous citizen keys from CPR numbers (HMAC-SHA256 under a
/// secret of at least 16 bytes).
#[pyclass(name = "Pseudonymizer", module = "borgerraad._borgerraad", frozen)]
#[derive(Clone)]
pub struct PyPseudonymizer(pub Pseudonymizer);

/// A secret as bytes or text.
#[derive(FromPyObject)]
pub enum Secret {
    /// Bytes.
    Bytes(Vec<u8>),
    /// Text, used as UTF-8.
    Text(String),
}

#[pymethods]
impl PyPseudonymizer {
    #[new]
    fn new(secret: Secret) -> PyResult<Self> {
        let bytes = match secret {
            Secret::Bytes(b) => b,
            Secret::Text(t) => t.into_bytes(),
        };
        Ok(PyPseudonymizer(Pseudonymizer::new(&bytes).py()?))
    }

    /// The citizen key of a CPR number (a `Cpr` or its text).
    fn key(&self, cpr: CprLike<'_>) -> PyResult<String> {
        Ok(match cpr {
            CprLike::Parsed(c) => self.0.key(&c.0),
            CprLike::Text(t) => self.0.key(&Cpr::parse(&t).py()?),
        })
    }

    fn __repr__(&self) -> String {
        "Pseudonymizer(secret redacted)".into()
    }
}
