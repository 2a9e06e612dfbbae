//! The ground floor: the error type, and helpers for text, dates, hashing
//! and the shape of CPR numbers. Nothing here knows of inquiries,
//! taxonomies or statistics; every other module may build on it.

pub(crate) mod cpr;
pub(crate) mod date;
pub(crate) mod error;
pub(crate) mod hash;
pub(crate) mod parallel;
pub(crate) mod text;
