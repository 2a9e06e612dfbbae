//! Conversions between core values and Python objects.
//!
//! Records and results cross as dicts in the wire format of the core's serde
//! types (see `schema/`), with one change: dates are `datetime.date` in
//! Python and ISO strings on the wire (the keys that hold dates are read
//! from the schemas: `schema::date_keys`). Arrays of dates are numpy
//! `datetime64[D]`, i.e. days since 1970-01-01.

use borgerraad_core::bindings::{day_of_epoch, epoch_day};
use borgerraad_core::schema::date_keys;
use borgerraad_core::Error;
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList, PyString};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::to_py;

/// A core value as Python objects, dates as `datetime.date`.
pub fn to_object<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let obj = pythonize::pythonize(py, value).map_err(PyErr::from)?;
    with_dates(&obj)?;
    Ok(obj)
}

fn with_dates(obj: &Bound<'_, PyAny>) -> PyResult<()> {
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (k, v) in dict.iter() {
            let is_date_key = k
                .extract::<String>()
                .is_ok_and(|k| date_keys().contains(&k.as_str()));
            if let (true, Ok(s)) = (is_date_key, v.extract::<String>()) {
                if let Ok(d) = s.parse::<NaiveDate>() {
                    dict.set_item(k, d)?;
                }
            } else {
                with_dates(&v)?;
            }
        }
    } else if let Ok(list) = obj.cast::<PyList>() {
        for item in list.iter() {
            with_dates(&item)?;
        }
    }
    Ok(())
}

/// A Python value (a dict in the wire format, dates as `datetime.date` or
/// ISO strings) as a core value, read from its JSON text as the JS binding
/// reads its values; a mismatch is a `ParseError` naming the field.
pub fn from_object<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    borgerraad_core::bindings::from_json(&json_text(obj, what)?, what).map_err(to_py)
}

/// A Python value's JSON text (dates as ISO strings); a value with no JSON
/// form is a `ParseError`.
pub fn json_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let json = obj.py().import("json")?;
    json.call_method1("dumps", (wire_copy(obj)?,))
        .and_then(|text| text.extract())
        .map_err(|_| to_py(Error::input(what, "not a JSON-compatible value")))
}

/// A deep copy with dates as ISO strings.
fn wire_copy<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    if let Ok(date) = obj.cast::<PyDate>() {
        let d: NaiveDate = date.extract()?;
        return Ok(PyString::new(py, &d.to_string()).into_any());
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let out = PyDict::new(py);
        for (k, v) in dict.iter() {
            out.set_item(k, wire_copy(&v)?)?;
        }
        return Ok(out.into_any());
    }
    if let Ok(list) = obj.cast::<PyList>() {
        let out = PyList::empty(py);
        for item in list.iter() {
            out.append(wire_copy(&item)?)?;
        }
        return Ok(out.into_any());
    }
    Ok(obj.clone())
}

/// numpy's `datetime64[D]` value (days since 1970-01-01) as a date.
pub fn date_from_days(days: i64) -> Option<NaiveDate> {
    i32::try_from(days).ok().and_then(day_of_epoch)
}

/// A date as numpy's `datetime64[D]` value.
pub fn days_from_date(date: NaiveDate) -> i64 {
    epoch_day(date).into()
}

/// numpy's value for "not a time".
pub const NAT: i64 = i64::MIN;
