//! `borgerraad.deadline()`, `Deadline` and the rule catalogue.

use std::sync::Arc;

use borgerraad_core::calendar::Calendar;
use borgerraad_core::deadline::{catalogue, rule_by_code, Deadline, DeadlineQuery, Delivery, Rule};
use borgerraad_core::Lang;
use chrono::NaiveDate;
use pyo3::prelude::*;

use crate::calendar::PyCalendar;
use crate::classes::PyProfile;
use crate::convert::to_object;
use crate::errors::IntoPy;

/// A computed deadline: `due`, `extended_due`, `trace` and `status(today)`.
#[pyclass(name = "Deadline", module = "borgerraad._borgerraad", frozen)]
pub struct PyDeadline {
    inner: Deadline,
    calendar: Arc<Calendar>,
}

fn resolve(
    rule: &str,
    delivery: Option<&str>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    profile: Option<PyRef<'_, PyProfile>>,
) -> PyResult<(Rule, Option<Delivery>, Arc<Calendar>)> {
    let rule = match profile {
        Some(p) => p.0.deadline_rule(rule),
        None => rule_by_code(rule),
    }
    .py()?;
    let delivery = delivery.map(Delivery::from_code).transpose().py()?;
    let calendar = match calendar {
        Some(c) => c.0.clone(),
        None => Arc::new(rule.calendar().py()?),
    };
    Ok((rule, delivery, calendar))
}

/// The deadline query of `rule` from `start`.
fn query<'a>(
    rule: &'a Rule,
    start: NaiveDate,
    delivery: Option<Delivery>,
    calendar: &'a Calendar,
) -> DeadlineQuery<'a> {
    let query = rule.counted_from(start).on(calendar);
    match delivery {
        Some(delivery) => query.sent_by(delivery),
        None => query,
    }
}

/// Computes the deadline of a catalogue rule from `start`. With `delivery`
/// ("digital_post", "post", "quickpost", "post:N" or
/// "udbetaling_danmark_post") the start is the date of the letter. The
/// calendar defaults to the rule's own regime, or the one the office's
/// `profile` puts it on.
#[pyfunction(name = "deadline")]
#[pyo3(signature = (rule, start, delivery = None, calendar = None, profile = None))]
pub fn py_deadline(
    rule: &str,
    start: NaiveDate,
    delivery: Option<&str>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    profile: Option<PyRef<'_, PyProfile>>,
) -> PyResult<PyDeadline> {
    let (rule, delivery, calendar) = resolve(rule, delivery, calendar, profile)?;
    let inner = query(&rule, start, delivery, &calendar).compute().py()?;
    Ok(PyDeadline { inner, calendar })
}

/// The due dates of a rule for an array of start dates (numpy
/// `datetime64[D]`, a list or a pandas Series), computed in Rust.
#[pyfunction]
#[pyo3(signature = (rule, starts, delivery = None, calendar = None, profile = None))]
pub fn deadlines<'py>(
    py: Python<'py>,
    rule: &str,
    starts: &Bound<'py, PyAny>,
    delivery: Option<&str>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    profile: Option<PyRef<'_, PyProfile>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (rule, delivery, calendar) = resolve(rule, delivery, calendar, profile)?;
    PyCalendar::map_days(py, starts, |d, _| {
        query(&rule, d, delivery, &calendar)
            .compute()
            .map(|dl| dl.due)
    })
}

/// The catalogue of statutory deadline rules, as dicts.
#[pyfunction]
pub fn deadline_rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_object(py, &catalogue())
}

#[pymethods]
impl PyDeadline {
    /// The rule's code.
    #[getter]
    fn rule(&self) -> String {
        self.inner.rule.clone()
    }

    /// The last day to act (until 23:59).
    #[getter]
    fn due(&self) -> NaiveDate {
        self.inner.due
    }

    /// The due date if extended, for rules that allow it.
    #[getter]
    fn extended_due(&self) -> Option<NaiveDate> {
        self.inner.extended_due
    }

    /// How the due date was reached, as a dict.
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.inner.trace)
    }

    /// "running", "due_today" or "overdue", with the working days as a dict.
    fn status<'py>(&self, py: Python<'py>, today: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.inner.status(today, &self.calendar).py()?)
    }

    /// The trace as sentences in Danish ("da") or English ("en").
    #[pyo3(signature = (lang = "da"))]
    fn explain(&self, lang: &str) -> PyResult<Vec<String>> {
        Ok(self.inner.explain(lang.parse::<Lang>().py()?))
    }

    fn __repr__(&self) -> String {
        format!(
            "Deadline(rule={:?}, due={})",
            self.inner.rule, self.inner.due
        )
    }
}
