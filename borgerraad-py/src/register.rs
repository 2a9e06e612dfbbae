//! `borgerraad.Register` (the native base class; the Python subclass in
//! `borgerraad/__init__.py` adds the pandas and Arrow conversions).

use std::path::PathBuf;

use borgerraad_core::bindings::{Cells, Column, CSV_COLUMNS};
use borgerraad_core::import::{self, ImportOptions};
use borgerraad_core::sheet::Options as SheetOptions;
use borgerraad_core::{sample, LoadOptions, OnError, Register, Rejected};
use chrono::NaiveDate;
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyType};

use crate::classes::{or_default, PyProfile, PyRegister, PyStats};
use crate::convert::{from_object, to_object};
use crate::errors::{to_py, IntoPy};
use crate::privacy::PyPseudonymizer;
use crate::taxonomy::PyTaxonomy;

/// A text column: name, offsets, UTF-8 bytes, validity (`None` when every
/// cell is present).
type TextColumn<'py> = (
    String,
    TextOffsets<'py>,
    PyReadonlyArray1<'py, u8>,
    Option<PyReadonlyArray1<'py, bool>>,
);

/// The offsets of Arrow `string` (int32) or `large_string` (int64).
#[derive(FromPyObject)]
enum TextOffsets<'py> {
    Narrow(PyReadonlyArray1<'py, i32>),
    Wide(PyReadonlyArray1<'py, i64>),
}
/// A date column: name, days since 1970-01-01, validity (`None` when every
/// cell is present).
type DayColumn<'py> = (
    String,
    PyReadonlyArray1<'py, i32>,
    Option<PyReadonlyArray1<'py, bool>>,
);

fn options(
    on_error: &str,
    as_of: Option<NaiveDate>,
    pseudonymizer: Option<PyRef<'_, PyPseudonymizer>>,
    memory_budget: Option<usize>,
) -> PyResult<LoadOptions> {
    Ok(LoadOptions {
        on_error: on_error.parse::<OnError>().py()?,
        as_of,
        pseudonymizer: pseudonymizer.map(|p| p.0.clone()),
        memory_budget,
    })
}

/// Builds an empty instance of `cls` (the class or a subclass) and fills it.
fn fill<'py>(
    cls: &Bound<'py, PyType>,
    profile: Option<PyRef<'_, PyProfile>>,
    load: impl FnOnce(&mut Register) -> borgerraad_core::Result<Vec<Rejected>> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    let mut register = Register::new(or_default(profile));
    let rejected = cls.py().detach(|| load(&mut register)).py()?;
    let obj = cls.call0()?;
    {
        let mut this = obj.cast::<PyRegister>()?.borrow_mut();
        this.inner = register;
        this.rejected = rejected;
    }
    Ok(obj)
}

fn read(path: &std::path::Path) -> PyResult<Vec<u8>> {
    borgerraad_core::bindings::read(path).py()
}

/// A path or bytes: the bytes, and the name errors give them (the path,
/// or `name`, or `<bytes>`).
#[derive(FromPyObject)]
enum PathOrBytes {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl PathOrBytes {
    fn bytes(self, name: Option<String>) -> PyResult<(Vec<u8>, String)> {
        match self {
            PathOrBytes::Bytes(b) => Ok((b, name.unwrap_or_else(|| "<bytes>".into()))),
            PathOrBytes::Path(p) => {
                let bytes = read(&p)?;
                Ok((bytes, name.unwrap_or_else(|| p.display().to_string())))
            }
        }
    }
}

fn import_options(load: LoadOptions, sheet: Option<String>) -> ImportOptions {
    ImportOptions {
        sheet: SheetOptions {
            sheet,
            ..SheetOptions::default()
        },
        load,
    }
}

#[pymethods]
impl PyRegister {
    /// An empty register of an office with `profile` (Esbjerg's by default).
    #[new]
    #[pyo3(signature = (profile = None))]
    fn new(profile: Option<PyRef<'_, PyProfile>>) -> Self {
        PyRegister {
            inner: Register::new(or_default(profile)),
            rejected: Vec::new(),
            report: None,
        }
    }

    /// Reads a JSON Lines file. `on_error` is "raise" (all or nothing) or
    /// "collect" (keep the valid records; see `rejected`); `memory_budget`
    /// is the most bytes the load may take (a `RangeError` when the input
    /// could need more).
    #[classmethod]
    #[pyo3(signature = (path, profile = None, on_error = "raise", as_of = None, *, memory_budget = None))]
    fn read_jsonl<'py>(
        cls: &Bound<'py, PyType>,
        path: PathBuf,
        profile: Option<PyRef<'_, PyProfile>>,
        on_error: &str,
        as_of: Option<NaiveDate>,
        memory_budget: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (bytes, opts) = (read(&path)?, options(on_error, as_of, None, memory_budget)?);
        fill(cls, profile, |r| {
            r.load_jsonl(&bytes, &path.display().to_string(), &opts)
        })
    }

    /// Reads a CSV file (columns as in the record format).
    #[classmethod]
    #[pyo3(signature = (path, profile = None, on_error = "raise", as_of = None, pseudonymizer = None, *, memory_budget = None))]
    fn read_csv<'py>(
        cls: &Bound<'py, PyType>,
        path: PathBuf,
        profile: Option<PyRef<'_, PyProfile>>,
        on_error: &str,
        as_of: Option<NaiveDate>,
        pseudonymizer: Option<PyRef<'_, PyPseudonymizer>>,
        memory_budget: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (bytes, opts) = (
            read(&path)?,
            options(on_error, as_of, pseudonymizer, memory_budget)?,
        );
        fill(cls, profile, |r| {
            r.load_csv(&bytes, &path.display().to_string(), &opts)
        })
    }

    /// Loads JSON Lines text; `source` names it in errors.
    #[classmethod]
    #[pyo3(signature = (text, source, profile = None, on_error = "raise", as_of = None, *, memory_budget = None))]
    fn _from_jsonl_text<'py>(
        cls: &Bound<'py, PyType>,
        text: &[u8],
        source: &str,
        profile: Option<PyRef<'_, PyProfile>>,
        on_error: &str,
        as_of: Option<NaiveDate>,
        memory_budget: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = options(on_error, as_of, None, memory_budget)?;
        fill(cls, profile, |r| r.load_jsonl(text, source, &opts))
    }

    /// Loads columns in Arrow layouts (numpy views of the Arrow buffers, not
    /// copies): text columns as (name, int32 or int64 offsets, UTF-8 bytes,
    /// validity or None), date columns as (name, int32 days since 1970-01-01,
    /// validity or None).
    #[classmethod]
    #[pyo3(signature = (texts, days, source, profile = None, on_error = "raise", as_of = None, pseudonymizer = None, *, memory_budget = None))]
    #[allow(clippy::too_many_arguments)]
    fn _from_columns<'py>(
        cls: &Bound<'py, PyType>,
        texts: Vec<TextColumn<'py>>,
        days: Vec<DayColumn<'py>>,
        source: &str,
        profile: Option<PyRef<'_, PyProfile>>,
        on_error: &str,
        as_of: Option<NaiveDate>,
        pseudonymizer: Option<PyRef<'_, PyPseudonymizer>>,
        memory_budget: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = options(on_error, as_of, pseudonymizer, memory_budget)?;
        let mut columns = Vec::with_capacity(texts.len() + days.len());
        for (name, offsets, data, valid) in &texts {
            let data = data.as_slice()?;
            let valid = valid.as_ref().map(|v| v.as_slice()).transpose()?;
            let cells = match offsets {
                TextOffsets::Narrow(offsets) => Cells::Text {
                    offsets: offsets.as_slice()?,
                    data,
                    valid,
                },
                TextOffsets::Wide(offsets) => Cells::LargeText {
                    offsets: offsets.as_slice()?,
                    data,
                    valid,
                },
            };
            columns.push(Column { name, cells });
        }
        for (name, days, valid) in &days {
            let cells = Cells::Days {
                days: days.as_slice()?,
                valid: valid.as_ref().map(|v| v.as_slice()).transpose()?,
            };
            columns.push(Column { name, cells });
        }
        fill(cls, profile, |r| r.load_columns(&columns, source, &opts))
    }

    /// The embedded synthetic sample (Esbjerg 2017–2022).
    #[classmethod]
    fn _sample<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
        let sample = sample();
        fill(cls, None, |r| {
            r.extend(sample.inquiries().iter().cloned(), &LoadOptions::default())
        })
    }

    /// Loads an office's register from a path or bytes, told by content:
    /// JSON Lines, the record CSV, or a sheet (.xlsx, or CSV in `,` `;` or
    /// tab, UTF-8 or Windows-1252) read with the profile's import section.
    /// `sheet` names a workbook's worksheet; `name` names bytes in errors.
    /// A CPR number in the citizen column becomes a key with
    /// `pseudonymizer`, and is refused without one. What the load found is
    /// in `load_report`.
    #[classmethod]
    #[pyo3(signature = (source, profile = None, on_error = "raise", as_of = None, pseudonymizer = None, *, sheet = None, name = None, memory_budget = None))]
    #[allow(clippy::too_many_arguments)]
    fn read<'py>(
        cls: &Bound<'py, PyType>,
        source: PathOrBytes,
        profile: Option<PyRef<'_, PyProfile>>,
        on_error: &str,
        as_of: Option<NaiveDate>,
        pseudonymizer: Option<PyRef<'_, PyPseudonymizer>>,
        sheet: Option<String>,
        name: Option<String>,
        memory_budget: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (bytes, name) = source.bytes(name)?;
        let load = options(on_error, as_of, pseudonymizer, memory_budget)?;
        let options = import_options(load, sheet);
        let profile = or_default(profile);
        let (register, report) = cls
            .py()
            .detach(|| import::load(&bytes, &name, &profile, &options))
            .py()?;
        let obj = cls.call0()?;
        {
            let mut this = obj.cast::<PyRegister>()?.borrow_mut();
            this.inner = register;
            this.rejected = report
                .rejected
                .iter()
                .map(|r| Rejected {
                    line: r.row,
                    error: r.error.clone(),
                })
                .collect();
            this.report = Some(report);
        }
        Ok(obj)
    }

    /// A dry run of `read`: what a load would do, as a dict in the sheet's
    /// own terms (header names, Excel row numbers, sheet name): the columns
    /// and their fields, per column the values that map to nothing with
    /// counts, the rows skipped and why, the rows refused grouped by
    /// reason, and warnings. A file that cannot be read at all raises.
    #[classmethod]
    #[pyo3(signature = (source, profile = None, pseudonymizer = None, *, as_of = None, sheet = None, name = None))]
    #[allow(clippy::too_many_arguments)]
    fn check<'py>(
        cls: &Bound<'py, PyType>,
        source: PathOrBytes,
        profile: Option<PyRef<'_, PyProfile>>,
        pseudonymizer: Option<PyRef<'_, PyPseudonymizer>>,
        as_of: Option<NaiveDate>,
        sheet: Option<String>,
        name: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (bytes, name) = source.bytes(name)?;
        let load = options("collect", as_of, pseudonymizer, None)?;
        let options = import_options(load, sheet);
        let profile = or_default(profile);
        let report = cls
            .py()
            .detach(|| import::check(&bytes, &name, &profile, &options))
            .py()?;
        to_object(cls.py(), &report)
    }

    /// `check`'s report as people read it: what `borgerraad report FILE
    /// --check` prints.
    #[classmethod]
    #[pyo3(signature = (source, profile = None, pseudonymizer = None, *, sheet = None))]
    fn _check_text(
        cls: &Bound<'_, PyType>,
        source: PathOrBytes,
        profile: Option<PyRef<'_, PyProfile>>,
        pseudonymizer: Option<PyRef<'_, PyPseudonymizer>>,
        sheet: Option<String>,
    ) -> PyResult<String> {
        let (bytes, name) = source.bytes(None)?;
        let options = import_options(options("collect", None, pseudonymizer, None)?, sheet);
        let profile = or_default(profile);
        let report = cls
            .py()
            .detach(|| import::check(&bytes, &name, &profile, &options))
            .py()?;
        Ok(report.to_string())
    }

    /// What the last `read` found (see `check`), or None for other loaders.
    #[getter]
    fn load_report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.report {
            Some(report) => to_object(py, report),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The records that a load with `on_error="collect"` rejected, as exceptions.
    #[getter]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            self.rejected
                .iter()
                .map(|r| to_py(r.error.clone()).into_value(py)),
        )
    }

    /// The taxonomy of the register's profile.
    #[getter]
    fn taxonomy(&self) -> PyTaxonomy {
        PyTaxonomy(self.inner.office().taxonomy().clone())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_records(py)?.try_iter().map(Bound::into_any)
    }

    /// The records as dicts in the record format, dates as `datetime.date`.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, self.inner.inquiries())
    }

    /// The records as string columns in the CSV cell format.
    fn _columns(&self) -> Vec<(String, Vec<String>)> {
        let mut cols: Vec<Vec<String>> =
            vec![Vec::with_capacity(self.inner.len()); CSV_COLUMNS.len()];
        for inquiry in self.inner.iter() {
            for (col, cell) in cols
                .iter_mut()
                .zip(borgerraad_core::bindings::csv_cells(inquiry))
            {
                col.push(cell);
            }
        }
        CSV_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .zip(cols)
            .collect()
    }

    /// All records of one citizen (GDPR art. 15), as dicts.
    fn subject_access<'py>(&self, py: Python<'py>, citizen: &str) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.inner.subject_access(citizen))
    }

    /// What the rectification history holds about one citizen (GDPR art.
    /// 15), as dicts like `history(id)`'s: the entries of their records and
    /// of records that held their key before a rectification.
    fn subject_history<'py>(&self, py: Python<'py>, citizen: &str) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.inner.subject_history(citizen))
    }

    /// Erases all records of one citizen (GDPR art. 17) and returns the receipt.
    fn erase<'py>(
        &mut self,
        py: Python<'py>,
        citizen: &str,
        on: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.inner.erase(citizen, on))
    }

    /// Corrects a record (GDPR art. 16) with a dict of fields (None removes
    /// an optional field); the previous values are kept in `history(id)`.
    fn rectify(&mut self, id: &str, patch: &Bound<'_, PyAny>, on: NaiveDate) -> PyResult<()> {
        let patch: serde_json::Map<String, serde_json::Value> = from_object(patch, "patch")?;
        self.inner.rectify(id, &patch, on).py()
    }

    /// The rectifications of a record, as dicts.
    fn history<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.inner.history(id))
    }

    /// Writes the register as JSON Lines.
    fn write_jsonl(&self, path: PathBuf) -> PyResult<()> {
        self.inner.save_jsonl(path).py()
    }

    /// Writes the register as CSV. A cell that a spreadsheet would run as a
    /// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return) gets a leading `'`, which the spreadsheet shows as text and
    /// `Register.read_csv` takes off again.
    fn write_csv(&self, path: PathBuf) -> PyResult<()> {
        self.inner.save_csv(path).py()
    }

    /// Mergeable statistics of every year in the register, or of `years`
    /// only (the others are not counted: faster for one year of many).
    #[pyo3(signature = (years = None))]
    fn stats(&self, py: Python<'_>, years: Option<Vec<i32>>) -> PyStats {
        let inner = py.detach(|| match years {
            Some(years) => self.inner.stats_of_years(&years),
            None => self.inner.stats(),
        });
        PyStats { inner }
    }

    fn __repr__(&self) -> String {
        format!("Register({} inquiries)", self.inner.len())
    }
}
