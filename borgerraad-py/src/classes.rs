//! The classes that the binding's files take and return from one another
//! (a register's statistics, a profile's rule set, a rule set's tally of a
//! register), defined here below all of them so that no file imports
//! another in a circle. Their methods are in the file of their core
//! module.

use borgerraad_core::import::LoadReport;
use borgerraad_core::referral::RuleSet;
use borgerraad_core::stats::Stats;
use borgerraad_core::{Profile, Register, Rejected};
use pyo3::prelude::*;

/// An office's profile: its taxonomy, code lists, referral rules, deadline
/// regimes, disclosure threshold, counting rule and report words.
#[pyclass(name = "Profile", module = "borgerraad._borgerraad", frozen)]
#[derive(Clone)]
pub struct PyProfile(pub Profile);

/// The profile given, or Esbjerg's.
pub fn or_default(profile: Option<PyRef<'_, PyProfile>>) -> Profile {
    profile.map(|p| p.0.clone()).unwrap_or_default()
}

/// An ordered list of referral rules; the first that matches decides.
#[pyclass(name = "RuleSet", module = "borgerraad._borgerraad", frozen)]
pub struct PyRuleSet(pub RuleSet);

/// The validated collection of inquiries (henvendelser).
#[pyclass(name = "Register", module = "borgerraad._borgerraad", subclass)]
pub struct PyRegister {
    pub inner: Register,
    pub rejected: Vec<Rejected>,
    pub report: Option<LoadReport>,
}

/// Mergeable statistics: compute them over parts of a register, merge the
/// parts with `merge()` or `+`, and the result equals the whole's. They pickle.
#[pyclass(name = "Stats", module = "borgerraad._borgerraad", frozen)]
pub struct PyStats {
    pub inner: Stats,
}
