//! The one error type of the crate.
//!
//! Every variant carries the facts a person needs to find and mend the
//! problem: where (file, line, record id), which field, and why. Messages
//! never repeat a value that could be a CPR number.

use std::fmt;

/// Where in the input a problem was found.
///
/// All parts are optional: a record built in memory has no file or line.
///
/// A cell of a sheet (an office's own register, `crate::sheet`) is named
/// in the sheet's terms: `register.xlsx, sheet "2022", row 14, column
/// "Kanal" (C)`, or `register.csv, line 14, column "Kanal"`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file or source name, e.g. `export.csv`.
    pub source: Option<String>,
    /// The 1-based line (JSON Lines, CSV: counting the header as line 1)
    /// or, in a workbook, the row number Excel shows.
    pub line: Option<u64>,
    /// The id of the record, when it could be read.
    pub record: Option<String>,
    /// The worksheet and column, for a cell of a sheet.
    pub place: Option<Box<SheetPlace>>,
}

/// Where in a sheet (an office's own register, `crate::sheet`) beyond its
/// row: the worksheet and the column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetPlace {
    /// The worksheet of a workbook, e.g. `2022`.
    pub sheet: Option<String>,
    /// The column as the sheet's header names it, e.g. `Kanal`.
    pub column: Option<String>,
    /// The column's letter in a workbook, e.g. `C`.
    pub letter: Option<String>,
}

impl Location {
    /// A location in the named source (a CPR-shaped number in the name is
    /// masked, as everywhere in errors).
    pub fn source(source: impl Into<String>) -> Self {
        let source = source.into();
        Location {
            source: Some(super::cpr::redact_cpr(&source).into_owned()),
            ..Location::default()
        }
    }

    /// The same location at another line.
    pub fn at_line(&self, line: u64) -> Self {
        Location {
            line: Some(line),
            ..self.clone()
        }
    }

    /// The same location naming a record id.
    pub fn with_record(mut self, id: &str) -> Self {
        if !id.is_empty() {
            self.record = Some(shorten(id));
        }
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = &self.place {
            return self.fmt_sheet(place, f);
        }
        let mut wrote = false;
        if let Some(source) = &self.source {
            write!(f, "{source}")?;
            wrote = true;
        }
        if let Some(line) = self.line {
            write!(f, "{}{line}", if wrote { ":" } else { "line " })?;
            wrote = true;
        }
        if let Some(record) = &self.record {
            write!(f, "{}record `{record}`", if wrote { ": " } else { "" })?;
            wrote = true;
        }
        if !wrote {
            write!(f, "input")?;
        }
        Ok(())
    }
}

impl Location {
    /// A place in a sheet, its parts joined by commas:
    /// `register.xlsx, sheet "2022", row 14, column "Kanal" (C)`.
    fn fmt_sheet(&self, place: &SheetPlace, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::with_capacity(5);
        parts.extend(self.source.clone());
        if let Some(sheet) = &place.sheet {
            parts.push(format!("sheet \"{sheet}\""));
        }
        if let Some(line) = self.line {
            let word = if place.sheet.is_some() { "row" } else { "line" };
            parts.push(format!("{word} {line}"));
        }
        match (&place.column, &place.letter) {
            (Some(column), Some(letter)) => parts.push(format!("column \"{column}\" ({letter})")),
            (Some(column), None) => parts.push(format!("column \"{column}\"")),
            (None, Some(letter)) => parts.push(format!("column {letter}")),
            (None, None) => {}
        }
        if let Some(record) = &self.record {
            parts.push(format!("record `{record}`"));
        }
        write!(f, "{}", parts.join(", "))
    }
}

/// Every error that borgerraad reports.
///
/// The variants are the error *kinds* that the Python and JS bindings map
/// one to one onto exception classes (`ValidationError`, `ParseError`, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input could not be read as the format: malformed JSON or CSV, a
    /// wrong type, an impossible date, a wrong header.
    #[error("{at}: {}{reason}", field_prefix(field))]
    Parse {
        /// Where.
        at: Location,
        /// The field, when the parser could tell.
        field: Option<String>,
        /// Why.
        reason: String,
    },
    /// A well-formed record breaks a rule of the register, e.g. it was
    /// closed before it was received.
    #[error("{at}: field `{field}`: {reason}")]
    Validation {
        /// Where.
        at: Location,
        /// The field at fault.
        field: String,
        /// Why.
        reason: String,
    },
    /// A code given as an argument is not known, e.g. a regime or a rule.
    #[error("unknown {what} `{code}`; expected one of: {expected}")]
    Unknown {
        /// What kind of code, e.g. `regime`.
        what: String,
        /// The code given.
        code: String,
        /// The codes that are known.
        expected: String,
    },
    /// A configuration (taxonomy, rule set, regime, deadline table) is
    /// inconsistent.
    #[error("{at}: {}{reason}", field_prefix(field))]
    Config {
        /// Where.
        at: Location,
        /// The field or rule at fault.
        field: Option<String>,
        /// Why.
        reason: String,
    },
    /// A date lies outside what the calendar covers, a load does not fit
    /// in memory or in its budget (`LoadOptions::memory_budget`), or a count
    /// would overflow.
    #[error("{what} {value} is out of range: {reason}")]
    Range {
        /// What was out of range.
        what: String,
        /// The value.
        value: String,
        /// The range that is supported.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {reason}")]
    Io {
        /// The path.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
}

fn field_prefix(field: &Option<String>) -> String {
    field
        .as_ref()
        .map(|f| format!("field `{f}`: "))
        .unwrap_or_default()
}

/// A message from another library (serde, csv, a binding's converter) as
/// a reason: CPR-shaped numbers masked, cut short when huge.
pub(crate) fn foreign_reason(message: &str) -> String {
    let message = super::cpr::redact_cpr(message);
    match head(&message, 300) {
        Some(head) => format!("{head}… (message cut)"),
        None => message.into_owned(),
    }
}

/// The first `max` bytes of `text` or fewer (ending on a character
/// boundary), if it is longer than `max`.
fn head(text: &str, max: usize) -> Option<&str> {
    if text.len() <= max {
        return None;
    }
    // Byte 0 is always a boundary.
    (0..=max)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .map(|end| &text[..end])
}

/// A value as messages quote it: cut short when huge, and never a value
/// shaped like a CPR number.
pub(crate) fn shorten(value: &str) -> String {
    const MAX: usize = 64;
    if super::cpr::looks_like_cpr(value) {
        return "(a value shaped like a CPR number, not repeated)".into();
    }
    match head(value, MAX) {
        Some(head) => format!("{head}…"),
        None => value.to_string(),
    }
}

impl Error {
    /// The error kind as a stable name: `ParseError`, `ValidationError`,
    /// `UnknownError`, `ConfigError`, `RangeError` or `IoError`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "ParseError",
            Error::Validation { .. } => "ValidationError",
            Error::Unknown { .. } => "UnknownError",
            Error::Config { .. } => "ConfigError",
            Error::Range { .. } => "RangeError",
            Error::Io { .. } => "IoError",
        }
    }

    /// The location, for the kinds that have one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Parse { at, .. } | Error::Validation { at, .. } | Error::Config { at, .. } => {
                Some(at)
            }
            _ => None,
        }
    }

    /// The field at fault, when known.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            Error::Parse { field, .. } | Error::Config { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The error with its location replaced by `at` where it had none.
    pub(crate) fn located(mut self, new: &Location) -> Self {
        if let Error::Parse { at, .. } | Error::Validation { at, .. } | Error::Config { at, .. } =
            &mut self
        {
            if at.source.is_none() {
                at.source.clone_from(&new.source);
            }
            if at.line.is_none() {
                at.line = new.line;
            }
            if at.record.is_none() {
                at.record.clone_from(&new.record);
            }
            if at.place.is_none() {
                at.place.clone_from(&new.place);
            }
        }
        self
    }

    /// A `ParseError` about the input `what` (an argument of a binding,
    /// say) with a message from another library, which may quote the value
    /// it could not read: CPR-shaped numbers in it are masked.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::Error;
    /// let err = Error::input("patch", r#"invalid type: string "0101901234", expected a map"#);
    /// assert_eq!(err.kind(), "ParseError");
    /// assert_eq!(err.to_string(), r#"patch: invalid type: string "xxxxxxxxxx", expected a map"#);
    /// ```
    pub fn input(what: &str, message: impl fmt::Display) -> Self {
        Error::Parse {
            at: Location::source(what),
            field: None,
            reason: foreign_reason(&message.to_string()),
        }
    }

    pub(crate) fn io(path: &std::path::Path, err: std::io::Error) -> Self {
        Error::Io {
            path: super::cpr::redact_cpr(&path.display().to_string()).into_owned(),
            reason: err.to_string(),
        }
    }

    pub(crate) fn unknown(what: &str, code: &str, expected: &[&str]) -> Self {
        Error::Unknown {
            what: what.into(),
            code: shorten(code),
            expected: expected.join(", "),
        }
    }

    pub(crate) fn config(at: Location, field: Option<&str>, reason: impl Into<String>) -> Self {
        Error::Config {
            at,
            field: field.map(str::to_string),
            reason: reason.into(),
        }
    }
}

/// The result type of borgerraad.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_and_messages_are_cut_between_characters() {
        assert_eq!(shorten(&"a".repeat(64)), "a".repeat(64));
        assert_eq!(shorten(&"a".repeat(65)), format!("{}…", "a".repeat(64)));
        // `æ` is two bytes: byte 64 falls inside one after a leading `a`.
        let danish = format!("a{}", "æ".repeat(40));
        assert_eq!(shorten(&danish), format!("a{}…", "æ".repeat(31)));
        assert_eq!(
            shorten("010190-1234"),
            "(a value shaped like a CPR number, not repeated)"
        );

        let long = format!("bad 010190-1234 {}", "b".repeat(400));
        let reason = foreign_reason(&long);
        assert_eq!(
            reason,
            format!("bad xxxxxx-xxxx {}… (message cut)", "b".repeat(284))
        );
        assert_eq!(foreign_reason("short"), "short");
    }
}
