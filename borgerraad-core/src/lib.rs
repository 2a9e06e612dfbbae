#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod calendar;
mod citizens;
pub mod codes;
pub mod deadline;
pub mod disclosure;
pub mod error;
mod facts;
pub mod inquiry;
pub mod io;
mod keys;
pub mod privacy;
pub mod referral;
pub mod register;
pub mod render;
pub mod sample;
pub mod schema;
pub mod stats;
pub mod taxonomy;

pub use calendar::Calendar;
pub use codes::{Label, Lang};
pub use deadline::{deadline, Deadline, DeadlineOptions, Delivery, ProcessingDeadlines, Status};
pub use disclosure::{Disclosure, PublishedTable};
pub use error::{Error, Location, Result};
pub use inquiry::{
    Action, ActionKind, Actions, Channel, Consent, Inquiry, Kind, Outcome, Referral, Requester,
    Topics,
};
pub use referral::{Decision, RuleSet};
pub use register::{ErasureReceipt, LoadOptions, OnError, Rectification, Register, Rejected};
pub use sample::sample;
/// Builds [`Topics`] and [`Actions`] as `vec!` builds a `Vec`:
/// `smallvec!["sygedagpenge".into()]`.
pub use smallvec::smallvec;
pub use smol_str::SmolStr;
pub use stats::{Breakdown, By, MonthlyTable, Stats, YearStats, YearSummary};
pub use taxonomy::Taxonomy;
