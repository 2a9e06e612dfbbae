//! `borgerraad.Calendar`: Danish working-day calendars.

use std::sync::Arc;

use borgerraad_core::calendar::{Calendar, Regime};
use borgerraad_core::Error;
use chrono::NaiveDate;
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::convert::{date_from_days, days_from_date, to_object, NAT};
use crate::errors::{to_py, IntoPy};
use crate::taxonomy::TextOrPath;

/// A working-day calendar under one regime (`forvaltning`, `foraeldelse`,
/// `udbetaling_danmark`, `helligdage`, or one loaded from JSON).
#[pyclass(name = "Calendar", module = "borgerraad._borgerraad", frozen)]
#[derive(Clone)]
pub struct PyCalendar(pub Arc<Calendar>);

/// numpy `datetime64[D]` values of anything array-like (a list of dates, an
/// array, a pandas Series), as int64 days.
fn day_array<'py>(obj: &Bound<'py, PyAny>) -> PyResult<PyReadonlyArray1<'py, i64>> {
    let np = obj.py().import("numpy")?;
    let arr = np
        .call_method1("asarray", (obj, "datetime64[D]"))?
        .call_method1("view", ("int64",))?;
    let arr = np.call_method1("ravel", (arr,))?;
    Ok(arr.cast_into::<PyArray1<i64>>()?.readonly())
}

fn as_dates<'py>(days: Vec<i64>, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    PyArray1::from_vec(py, days)
        .into_any()
        .call_method1("view", ("datetime64[D]",))
}

fn range_error(days: i64) -> PyErr {
    to_py(Error::Range {
        what: "date".into(),
        value: format!("{days} days from 1970-01-01"),
        reason: "not a date".into(),
    })
}

impl PyCalendar {
    /// Applies `f` to each element of a date array (NaT stays NaT).
    pub fn map_days<'py>(
        py: Python<'py>,
        dates: &Bound<'py, PyAny>,
        f: impl Fn(NaiveDate, usize) -> borgerraad_core::Result<NaiveDate> + Send + Sync,
    ) -> PyResult<Bound<'py, PyAny>> {
        let days = day_array(dates)?;
        let days = days.as_slice()?;
        let out = py.detach(|| {
            days.iter()
                .enumerate()
                .map(|(i, &d)| match d {
                    NAT => Ok(NAT),
                    d => {
                        let date = date_from_days(d).ok_or_else(|| range_error(d))?;
                        f(date, i).map(days_from_date).map_err(to_py)
                    }
                })
                .collect::<PyResult<Vec<i64>>>()
        })?;
        as_dates(out, py)
    }
}

/// A number or one number per date.
#[derive(FromPyObject)]
enum Counts<'py> {
    One(i64),
    Many(PyReadonlyArray1<'py, i64>),
}

#[pymethods]
impl PyCalendar {
    /// The calendar of a built-in regime.
    #[staticmethod]
    #[pyo3(signature = (regime = None))]
    fn danish(regime: Option<&str>) -> PyResult<Self> {
        let calendar = regime.map_or_else(|| Ok(Calendar::default()), Calendar::danish);
        Ok(PyCalendar(Arc::new(calendar.py()?)))
    }

    /// The calendar of a regime in JSON (text or a path).
    #[staticmethod]
    fn from_json(source: TextOrPath) -> PyResult<Self> {
        let (text, name) = source.read()?;
        Ok(PyCalendar(Arc::new(Calendar::new(
            Regime::from_json_str(&text, &name).py()?,
        ))))
    }

    /// The regime's code.
    #[getter]
    fn regime(&self) -> String {
        self.0.regime().code.clone()
    }

    /// Whether a date is a working day.
    fn is_working_day(&self, date: NaiveDate) -> PyResult<bool> {
        self.0.is_working_day(date).py()
    }

    /// The date itself if it is a working day, otherwise the next one.
    fn next_working_day(&self, date: NaiveDate) -> PyResult<NaiveDate> {
        self.0.next_working_day(date).py()
    }

    /// The n-th working day after (n > 0) or before (n < 0) a date. Takes a
    /// `datetime.date`, or an array of dates (numpy `datetime64[D]`, a list,
    /// a pandas Series) with `n` a number or an int array, and then returns
    /// a `datetime64[D]` array, computed in Rust.
    fn add_working_days<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
        n: Counts<'py>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let Ok(d) = date.extract::<NaiveDate>() {
            let Counts::One(n) = n else {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "a single date takes a single n",
                ));
            };
            return Ok(self
                .0
                .add_working_days(d, n)
                .py()?
                .into_pyobject(py)?
                .into_any());
        }
        let cal = &self.0;
        match n {
            Counts::One(n) => Self::map_days(py, date, |d, _| cal.add_working_days(d, n)),
            Counts::Many(ns) => {
                let ns = ns.as_slice()?;
                let len = day_array(date)?.len()?;
                if ns.len() != len {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "{} dates but {} counts",
                        len,
                        ns.len()
                    )));
                }
                Self::map_days(py, date, |d, i| cal.add_working_days(d, ns[i]))
            }
        }
    }

    /// Working days after `a` up to and including `b` (negative if b < a).
    /// Takes dates, or two arrays of dates and returns an int64 array.
    fn working_days_between<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyAny>,
        b: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let (Ok(a), Ok(b)) = (a.extract::<NaiveDate>(), b.extract::<NaiveDate>()) {
            return Ok(self
                .0
                .working_days_between(a, b)
                .py()?
                .into_pyobject(py)?
                .into_any());
        }
        let (a, b) = (day_array(a)?, day_array(b)?);
        let (a, b) = (a.as_slice()?, b.as_slice()?);
        if a.len() != b.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{} and {} dates",
                a.len(),
                b.len()
            )));
        }
        let out = py.detach(|| {
            a.iter()
                .zip(b)
                .map(|(&x, &y)| {
                    let x = date_from_days(x).ok_or_else(|| range_error(x))?;
                    let y = date_from_days(y).ok_or_else(|| range_error(y))?;
                    self.0.working_days_between(x, y).map_err(to_py)
                })
                .collect::<PyResult<Vec<i64>>>()
        })?;
        Ok(PyArray1::from_vec(py, out).into_any())
    }

    /// The public holidays and the regime's non-working days of a year, as
    /// dicts with `date`, `name` ({da, en}) and `public`.
    fn holidays<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.0.holidays(year).py()?)
    }

    fn __repr__(&self) -> String {
        format!("Calendar({:?})", self.0.regime().code)
    }
}
