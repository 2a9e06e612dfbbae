//! `borgerraad.Stats` (mergeable partial statistics) and `YearSummary`.

use borgerraad_core::render::{internal, svg};
use borgerraad_core::stats::{By, Mapping, YearSummary};
use borgerraad_core::Contents;
use borgerraad_core::{stats::Stats, Disclosure, Lang};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::classes::{PyProfile, PyStats};
use crate::convert::{from_object, to_object};
use crate::errors::IntoPy;

/// One row of a breakdown: code, Danish label, English label, count, percent.
type BreakdownRow = (String, String, String, u64, f64);

#[pymethods]
impl PyStats {
    /// The years with inquiries.
    fn years(&self) -> Vec<i32> {
        self.inner.years()
    }

    /// A new Stats holding both parts. Parts counted with different
    /// profiles raise `ConfigError` unless `mapping` renames the other
    /// part's codes into this one's (`{"categories": {old: new},
    /// "codes": {old: new}}`); a count that would overflow raises
    /// `RangeError`.
    #[pyo3(signature = (other, mapping = None))]
    fn merge(&self, other: &PyStats, mapping: Option<&Bound<'_, PyAny>>) -> PyResult<PyStats> {
        let mut inner = self.inner.clone();
        match mapping {
            None => inner.merge(&other.inner).py()?,
            Some(m) => inner
                .merge_mapped(&other.inner, &from_object::<Mapping>(m, "mapping")?)
                .py()?,
        }
        Ok(PyStats { inner })
    }

    fn __add__(&self, other: &PyStats) -> PyResult<PyStats> {
        self.merge(other, None)
    }

    fn __eq__(&self, other: &PyStats) -> bool {
        self.inner == other.inner
    }

    /// The exact key figures of one year (internal, not for publication:
    /// `borgerraad.internal.year_summary`).
    fn _year_summary(&self, year: i32) -> PyResult<PyYearSummary> {
        let ys = self.inner.year(year).py()?;
        Ok(PyYearSummary(ys.summary()))
    }

    /// The exact monthly table as the core's `render::internal::monthly_report`
    /// gives it: the years, and rows of a label, values and printed text.
    #[pyo3(signature = (years, lang = "da"))]
    fn _monthly<'py>(
        &self,
        py: Python<'py>,
        years: Vec<i32>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = self.inner.monthly_table(&years);
        to_object(py, &internal::monthly_report(&table, lang.parse().py()?))
    }

    /// Breakdown rows: code, Danish label, English label, count, percent.
    fn _breakdown(&self, year: i32, by: &str) -> PyResult<Vec<BreakdownRow>> {
        let by: By = by.parse().py()?;
        Ok(self
            .inner
            .breakdown(year, by)
            .py()?
            .rows
            .into_iter()
            .map(|r| (r.code, r.label.da, r.label.en, r.count, r.percent))
            .collect())
    }

    /// The multi-year monthly chart as SVG (`style` "lines" or "bars"),
    /// after disclosure control (threshold 5 by default).
    #[pyo3(signature = (years, style = "lines", lang = "da", threshold = None))]
    fn monthly_chart_svg(
        &self,
        years: Vec<i32>,
        style: &str,
        lang: &str,
        threshold: Option<u64>,
    ) -> PyResult<String> {
        let style: svg::Style = style.parse().py()?;
        let lang: Lang = lang.parse().py()?;
        let table = self.inner.monthly_table(&years);
        Ok(svg::monthly_chart(
            &Disclosure::of(self.inner.office(), threshold).monthly(&table, lang),
            style,
            lang,
        ))
    }

    /// A breakdown of one year as a bar chart in SVG, after disclosure control.
    #[pyo3(signature = (year, by, lang = "da", threshold = None))]
    fn breakdown_chart_svg(
        &self,
        year: i32,
        by: &str,
        lang: &str,
        threshold: Option<u64>,
    ) -> PyResult<String> {
        let by: By = by.parse().py()?;
        let lang: Lang = lang.parse().py()?;
        Ok(svg::breakdown_chart(
            &Disclosure::of(self.inner.office(), threshold).breakdown(
                &self.inner.breakdown(year, by).py()?,
                self.inner.office(),
                lang,
            ),
            lang,
        ))
    }

    /// The monthly table after disclosure control, as a dict.
    #[pyo3(signature = (years, threshold = None, lang = "da"))]
    fn published_monthly<'py>(
        &self,
        py: Python<'py>,
        years: Vec<i32>,
        threshold: Option<u64>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = Disclosure::of(self.inner.office(), threshold).monthly(
            &self.inner.monthly_table(&years),
            lang.parse::<Lang>().py()?,
        );
        to_object(py, &table)
    }

    /// A breakdown after disclosure control, as a dict.
    #[pyo3(signature = (year, by, threshold = None, lang = "da"))]
    fn published_breakdown<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        by: &str,
        threshold: Option<u64>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let by: By = by.parse().py()?;
        let table = Disclosure::of(self.inner.office(), threshold).breakdown(
            &self.inner.breakdown(year, by).py()?,
            self.inner.office(),
            lang.parse::<Lang>().py()?,
        );
        to_object(py, &table)
    }

    /// Everything a report publishes, under disclosure control over all of
    /// it together, as a dict: the monthly table of `table_years`, the key
    /// figures of `key_years` and the breakdowns `[(year, by), ...]`.
    /// Suppressed values are None.
    #[pyo3(signature = (table_years, key_years, breakdowns = Vec::new(), threshold = None, lang = "da"))]
    fn published_report<'py>(
        &self,
        py: Python<'py>,
        table_years: Vec<i32>,
        key_years: Vec<i32>,
        breakdowns: Vec<(i32, String)>,
        threshold: Option<u64>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let breakdowns = breakdowns
            .into_iter()
            .map(|(y, by)| Ok((y, by.parse::<By>().py()?)))
            .collect::<PyResult<Vec<_>>>()?;
        let contents = Contents {
            table_years,
            key_years,
            breakdowns,
        };
        let report = Disclosure::of(self.inner.office(), threshold)
            .report(&self.inner, &contents, lang.parse::<Lang>().py()?)
            .py()?;
        to_object(py, &report)
    }

    /// The statistics as JSON (used for pickling).
    fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).expect("statistics serialise")
    }

    /// Statistics from `to_json()` text; with `profile`, a `ConfigError`
    /// unless they were counted with it.
    #[staticmethod]
    #[pyo3(signature = (text, profile = None))]
    fn from_json(text: &str, profile: Option<PyRef<'_, PyProfile>>) -> PyResult<PyStats> {
        let inner: Stats = borgerraad_core::bindings::from_json(text, "stats").py()?;
        if let Some(profile) = profile {
            inner.check_office(profile.0.office()).py()?;
        }
        Ok(PyStats { inner })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let from_json = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(slf.py(), [slf.get().to_json()])?;
        Ok((from_json, args))
    }
}

/// The key figures of one year (nøgletal).
#[pyclass(name = "YearSummary", module = "borgerraad._borgerraad", frozen)]
pub struct PyYearSummary(pub YearSummary);

#[pymethods]
impl PyYearSummary {
    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.0.year
    }
    /// Registrations.
    #[getter]
    fn registrations(&self) -> u64 {
        self.0.registrations
    }
    /// Distinct citizens.
    #[getter]
    fn distinct_citizens(&self) -> u64 {
        self.0.distinct_citizens
    }
    /// Citizens with more than one registration.
    #[getter]
    fn repeat_citizens(&self) -> u64 {
        self.0.repeat_citizens
    }
    /// Repeat citizens as a percent of distinct citizens.
    #[getter]
    fn repeat_share(&self) -> f64 {
        self.0.repeat_share
    }
    /// Registrations per month.
    #[getter]
    fn mean_registrations_per_month(&self) -> f64 {
        self.0.mean_registrations_per_month
    }
    /// Distinct citizens per month.
    #[getter]
    fn mean_citizens_per_month(&self) -> f64 {
        self.0.mean_citizens_per_month
    }
    /// Closed inquiries.
    #[getter]
    fn closed(&self) -> u64 {
        self.0.closed
    }
    /// Median days open.
    #[getter]
    fn days_open_median(&self) -> Option<u64> {
        self.0.days_open_median
    }
    /// 90th percentile of days open.
    #[getter]
    fn days_open_p90(&self) -> Option<u64> {
        self.0.days_open_p90
    }
    /// Forwarded under forvaltningsloven § 7, stk. 2, by target.
    #[getter]
    fn forwarded(&self) -> Vec<(String, u64)> {
        self.0
            .forwarded
            .iter()
            .map(|c| (c.code.clone(), c.count))
            .collect()
    }
    /// Referred out, by destination.
    #[getter]
    fn referred(&self) -> Vec<(String, u64)> {
        self.0
            .referred
            .iter()
            .map(|c| (c.code.clone(), c.count))
            .collect()
    }
    /// All figures as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_object(py, &self.0)
    }
    fn __repr__(&self) -> String {
        format!(
            "YearSummary(year={}, registrations={}, distinct_citizens={})",
            self.0.year, self.0.registrations, self.0.distinct_citizens
        )
    }
}
