//! Published (disclosure-controlled) tables: `Stats.published_monthly()` and
//! `Stats.published_breakdown()` are on `Stats`; this file holds the policy.

use borgerraad_core::Disclosure;

/// The policy for a threshold (5 by default).
pub fn policy(threshold: Option<u64>) -> Disclosure {
    threshold.map_or_else(Disclosure::default, Disclosure::with_threshold)
}
