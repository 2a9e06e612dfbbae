//! Maps core errors onto the exception classes of `borgerraad.errors`.

use borgerraad_core::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python exception for a core error, with its structured attributes.
pub fn to_py(err: Error) -> PyErr {
    Python::attach(|py| match build(py, &err) {
        Ok(e) => e,
        Err(e) => e,
    })
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    // Exhaustive on purpose: a new kind of error does not compile until mapped.
    let class = match err {
        Error::Parse { .. } => "ParseError",
        Error::Validation { .. } => "ValidationError",
        Error::Unknown { .. } => "UnknownError",
        Error::Config { .. } => "ConfigError",
        Error::Range { .. } => "RangeError",
        Error::Io { .. } => "IoError",
    };
    let module = ERRORS.get_or_try_init(py, || {
        PyModule::import(py, "borgerraad.errors").map(Into::into)
    })?;
    let at = err.location();
    let value = module.bind(py).getattr(class)?.call1((
        err.to_string(),
        at.and_then(|a| a.source.clone()),
        at.and_then(|a| a.line),
        at.and_then(|a| a.record.clone()),
        err.field().map(str::to_string),
    ))?;
    Ok(PyErr::from_value(value))
}

/// `Result<T, Error>` into `PyResult<T>`.
pub trait IntoPy<T> {
    /// Maps the error.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
