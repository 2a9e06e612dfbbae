#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// The floors, from the ground up: a module builds only on the floors
// below it.

// 1. The error type; text, date, hash and CPR-shape helpers.
mod base;

// 2. Documents (JSON, files, sheets), code lists and labels, CPR numbers
// and keys.
mod codes;
mod document;
mod privacy;
pub mod sheet;

// 3. The municipality, the calendar and the record.
pub mod calendar;
mod inquiry;
mod office;
pub mod taxonomy;

// 4. The law: referral rules and deadlines.
pub mod deadline;
pub mod referral;

// 5. The office's profile: taxonomy, code lists, rules, words.
mod profile;

// 6. The record format (JSON Lines, CSV, columns) and counting.
mod record;
pub mod stats;

// 7. The register and what is published; the office's own register.
mod disclosure;
pub mod import;
mod register;
mod sample;

// 8. Text for people and schemas for machines.
pub mod render;
pub mod schema;

pub use base::error::{Error, Location, Result, SheetPlace};
pub use codes::{CodeDef, CodeList, CodeLists, CodeListsDef, Label, Lang};
pub use disclosure::{Contents, Disclosure, PublishedReport, PublishedSummary, PublishedTable};
pub use inquiry::{
    Action, ActionKind, Actions, Channel, Consent, Inquiry, Kind, Outcome, Referral, Requester,
    Topics,
};
pub use office::{Counting, Office, Words};
pub use privacy::{looks_like_cpr, redact_cpr, Cpr, Pseudonymizer};
pub use profile::{Derive, ImportDef, Profile, ProfileDef, IMPORT_FIELDS};
pub use record::{Field, FieldKind, FIELDS};
pub use register::{ErasureReceipt, LoadOptions, OnError, Rectification, Register, Rejected};
pub use sample::sample;
/// Builds [`Topics`] and [`Actions`] as `vec!` builds a `Vec`:
/// `smallvec!["sygedagpenge".into()]`.
pub use smallvec::smallvec;
pub use smol_str::SmolStr;

/// Plumbing for the Python and JS bindings: conversions of the record
/// format's cells and dates, and the host's Unicode NFC. Not part of the
/// stable API.
#[doc(hidden)]
pub mod bindings {
    pub use crate::base::date::{date_of, day_of_epoch, epoch_day, parse_date};
    pub use crate::base::text::set_nfc;
    pub use crate::document::{from_json, read, read_text};
    pub use crate::record::{csv_cells, Cells, Column, CSV_COLUMNS};
}
