//! Dates as the record format writes them (`YYYY-MM-DD`) and as Arrow and
//! numpy count them (days since 1970-01-01).

use chrono::NaiveDate;

use crate::base::error::{shorten, Error, Location, Result};

pub(crate) fn not_a_date(s: &str) -> String {
    format!(
        "`{}` is not a date YYYY-MM-DD (no such day, or not in that form)",
        shorten(s)
    )
}

/// Parses exactly `YYYY-MM-DD`; `None` for another form or a day that does
/// not exist (30 February).
///
/// # Example
/// ```
/// use borgerraad_core::bindings::parse_date;
/// assert_eq!(parse_date("2024-02-29"), chrono::NaiveDate::from_ymd_opt(2024, 2, 29));
/// assert_eq!(parse_date("2023-02-29"), None);
/// assert_eq!(parse_date("2023-2-28"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Parses exactly `YYYY-MM-DD` given as the input `what` (an argument of a
/// binding, say); the `ParseError` never repeats a CPR-shaped value.
///
/// # Example
/// ```
/// use borgerraad_core::bindings::date_of;
/// assert_eq!(date_of("2024-02-29", "day").unwrap().to_string(), "2024-02-29");
/// let err = date_of("010190-1234", "day").unwrap_err();
/// assert_eq!(err.kind(), "ParseError");
/// assert!(!err.to_string().contains("0190"));
/// ```
pub fn date_of(s: &str, what: &str) -> Result<NaiveDate> {
    parse_date(s).ok_or_else(|| Error::Parse {
        at: Location::source(what),
        field: None,
        reason: not_a_date(s),
    })
}

/// Deserialises a date written `YYYY-MM-DD` (faster than chrono's parser).
pub(crate) fn de_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<NaiveDate, D::Error> {
    let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    parse_date(&s).ok_or_else(|| serde::de::Error::custom(not_a_date(&s)))
}

/// [`de_date`] for an optional date.
pub(crate) fn de_opt_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Wrap(#[serde(deserialize_with = "de_date")] NaiveDate);
    Ok(<Option<Wrap> as serde::Deserialize>::deserialize(d)?.map(|w| w.0))
}

/// The day of an Arrow `date32` value (days since 1970-01-01).
///
/// # Example
/// ```
/// use borgerraad_core::bindings::day_of_epoch;
/// assert_eq!(day_of_epoch(0), chrono::NaiveDate::from_ymd_opt(1970, 1, 1));
/// assert_eq!(day_of_epoch(19_358), chrono::NaiveDate::from_ymd_opt(2023, 1, 1));
/// assert_eq!(day_of_epoch(i32::MAX), None);
/// ```
pub fn day_of_epoch(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_CE)?)
}

/// A day as days since 1970-01-01 (Arrow `date32`, numpy `datetime64[D]`);
/// the inverse of [`day_of_epoch`].
///
/// # Example
/// ```
/// use borgerraad_core::bindings::epoch_day;
/// let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(epoch_day(day(1970, 1, 1)), 0);
/// assert_eq!(epoch_day(day(2023, 1, 1)), 19_358);
/// assert_eq!(epoch_day(day(1969, 12, 31)), -1);
/// ```
pub fn epoch_day(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    day.num_days_from_ce() - EPOCH_CE
}

/// 1970-01-01 as days from the common era (0001-01-01 is day 1).
const EPOCH_CE: i32 = 719_163;
