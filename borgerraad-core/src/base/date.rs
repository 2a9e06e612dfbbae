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

/// Parses a date as people in Denmark type it into a sheet, always day
/// first; the error says why the text is not a date, and never repeats a
/// CPR-shaped value.
///
/// The forms read, with `d` and `m` one or two digits:
/// - ISO `2022-01-03` (four-digit year first, then month and day);
/// - `d-m-yyyy`, `d.m.yyyy`, `d/m/yyyy`: `03-01-2022`, `3.1.2022` and
///   `3/1/2022` are all 3 January 2022;
/// - `d-m-yy`, `d.m.yy` with a two-digit year, read as Excel and Windows
///   read it: `00`–`29` are 2000–2029, `30`–`99` are 1930–1999, so
///   `03.01.22` is 3 January 2022 and `03.01.30` 3 January 1930;
/// - an Excel serial day number such as `44564` (3 January 2022), see
///   [`excel_serial_date`], from 10 000 (18 May 1927) on: a smaller
///   number, such as a year typed alone (`2022`), is not taken for a date.
///
/// Refused, never guessed: a day that does not exist (`2022-02-30`), a
/// month above 12 (`1/13/2022` is written month first, and no day and
/// month are swapped), a two-digit year after slashes (`01/02/03` is read
/// year, month or day first depending on who wrote it), mixed separators,
/// times and other text.
///
/// # Example
/// ```
/// use borgerraad_core::sheet::parse_date;
/// let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(parse_date("03-01-2022"), Ok(day(2022, 1, 3)));
/// assert_eq!(parse_date("3.1.22"), Ok(day(2022, 1, 3)));
/// assert!(parse_date("1/13/2022").unwrap_err().contains("month 13"));
/// ```
pub fn parse_danish_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        return serial_day(s.parse::<f64>().unwrap_or(0.0), s);
    }
    let refuse = |why: &str| format!("`{}` is not a date: {why}", shorten(s));
    let Some(sep) = s.bytes().find(|b| !b.is_ascii_digit()) else {
        return Err(refuse("empty"));
    };
    let parts: Vec<&str> = s.split(char::from(sep)).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !matches!(sep, b'-' | b'.' | b'/') || parts.len() != 3 || !parts.iter().all(digits) {
        return Err(refuse(
            "expected a form such as 03-01-2022, 3.1.2022, 03.01.22 or 2022-01-03",
        ));
    }
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (day, month, year) = match (parts[0].len(), parts[1].len(), parts[2].len()) {
        (4, 1..=2, 1..=2) if sep == b'-' => (num(parts[2]), num(parts[1]), num(parts[0])),
        (1..=2, 1..=2, 4) => (num(parts[0]), num(parts[1]), num(parts[2])),
        (1..=2, 1..=2, 2) if sep == b'/' => {
            return Err(refuse(
                "a two-digit year after slashes is read in more than one order; write the year in full (3/1/2022)",
            ))
        }
        (1..=2, 1..=2, 2) => {
            let yy = num(parts[2]);
            (num(parts[0]), num(parts[1]), if yy < 30 { 2000 + yy } else { 1900 + yy })
        }
        _ => {
            return Err(refuse(
                "expected a form such as 03-01-2022, 3.1.2022, 03.01.22 or 2022-01-03",
            ))
        }
    };
    if !(1..=12).contains(&month) {
        return Err(refuse(&format!(
            "there is no month {month} (dates are read day first: 3/1/2022 is 3 January)"
        )));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| refuse(&format!("{year}-{month:02} has no day {day}")))
}

/// The day of the Excel serial number `n` (written `text`), if it is at
/// least 10 000 (18 May 1927): a smaller number is no date of a register
/// but, say, a year typed alone.
pub(crate) fn serial_day(n: f64, text: &str) -> Result<NaiveDate, String> {
    (n >= 10_000.0)
        .then(|| excel_serial_date(n))
        .flatten()
        .ok_or_else(|| format!("`{}` is a number, not a date", shorten(text)))
}

/// The day of an Excel serial date number in the 1900 date system (the
/// whole part; a time of day is dropped): 1 is 1 January 1900, 44564 is 3
/// January 2022. `None` below 61 (1 March 1900: Excel counts a 29 February
/// 1900 that never was) and after 9999-12-31.
///
/// # Example
/// ```
/// use borgerraad_core::sheet::excel_serial_date;
/// assert_eq!(excel_serial_date(44564.75), chrono::NaiveDate::from_ymd_opt(2022, 1, 3));
/// assert_eq!(excel_serial_date(60.0), None);
/// ```
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    // 2 958 465 is 9999-12-31.
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}
