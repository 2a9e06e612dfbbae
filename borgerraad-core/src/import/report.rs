//! The load report (indlæsningsrapport): what a load or a dry run found,
//! in the sheet's own terms — its header names, row numbers and sheet.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::base::error::Error;

/// What a load (or a dry run, [`crate::import::check`]) of an office's
/// register found. Rows are the numbers Excel shows (a workbook) or the
/// lines of the file (CSV, JSON Lines); columns are named by their headers.
///
/// Its JSON form (`serde_json::to_value`) is what the bindings return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct LoadReport {
    /// The file or source name.
    pub source: String,
    /// What the file holds, told by its content: `jsonl`, `csv` or `xlsx`.
    pub format: String,
    /// The worksheet read, for a workbook.
    pub sheet: Option<String>,
    /// The row (line) of the header, for a sheet.
    pub header_row: Option<u32>,
    /// Each column of the sheet and the field it gives (none: not read).
    pub columns: Vec<ColumnUse>,
    /// The rows of data read (not counting those skipped).
    pub rows: u64,
    /// The records loaded (a dry run: that would be loaded).
    pub loaded: u64,
    /// The rows skipped, and why: blank rows, total rows, the profile's
    /// rows to skip.
    pub skipped: Vec<SkippedRow>,
    /// Per column, the values that map to nothing, with counts; most
    /// frequent first.
    pub unmapped: Vec<Unmapped>,
    /// The rows refused, each with its first fault, in row order.
    pub rejected: Vec<RejectedRow>,
    /// The rejections grouped by reason, largest group first.
    pub reasons: Vec<Reason>,
    /// What loaded but makes figures unreliable, e.g. citizen keys that
    /// look like initials.
    pub warnings: Vec<String>,
}

/// A column of the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ColumnUse {
    /// The header as written.
    pub header: String,
    /// The field it gives, or `None` when no field is read from it.
    pub field: Option<String>,
}

/// A row set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SkippedRow {
    /// The row (line).
    pub row: u64,
    /// Why: `blank row`, `total row ("I alt")`, or the profile's rule.
    pub reason: String,
}

/// A value of one column that maps to nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Unmapped {
    /// The column's header.
    pub column: String,
    /// The field it gives.
    pub field: String,
    /// The value as written (a CPR-shaped number masked, cut short).
    pub value: String,
    /// In how many rows.
    pub count: u64,
    /// The first rows it is in (at most 5).
    pub rows: Vec<u64>,
}

/// A row refused.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RejectedRow {
    /// The row (line), if the input has rows.
    pub row: Option<u64>,
    /// The header of the column at fault, if one is.
    pub column: Option<String>,
    /// What the report groups it under, e.g. `"Kanal": a value that is not
    /// a channel`.
    pub reason: String,
    /// The whole error message, locating the cell.
    pub message: String,
    /// The error.
    #[serde(skip)]
    pub error: Error,
}

/// The rejections that share a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Reason {
    /// The reason, e.g. `"Dato": not a date`.
    pub reason: String,
    /// How many rows.
    pub count: u64,
    /// The first rows (at most 10).
    pub rows: Vec<u64>,
}

impl LoadReport {
    /// Fills in [`LoadReport::reasons`] from the rejections, and sorts the
    /// unmapped values.
    pub(crate) fn finish(&mut self) {
        self.rejected.sort_by_key(|r| r.row);
        let mut reasons: Vec<Reason> = Vec::new();
        for r in &self.rejected {
            match reasons.iter_mut().find(|g| g.reason == r.reason) {
                Some(g) => {
                    g.count += 1;
                    if g.rows.len() < 10 {
                        g.rows.extend(r.row);
                    }
                }
                None => reasons.push(Reason {
                    reason: r.reason.clone(),
                    count: 1,
                    rows: r.row.into_iter().collect(),
                }),
            }
        }
        reasons.sort_by_key(|g| std::cmp::Reverse(g.count));
        self.reasons = reasons;
        let place = |header: &str| self.columns.iter().position(|c| c.header == header);
        let mut unmapped = std::mem::take(&mut self.unmapped);
        unmapped.sort_by(|a, b| {
            (place(&a.column), b.count, &a.value).cmp(&(place(&b.column), a.count, &b.value))
        });
        self.unmapped = unmapped;
    }

    /// Whether every row read was loaded.
    pub fn is_clean(&self) -> bool {
        self.rejected.is_empty()
    }
}

/// The report as people read it (`--check`).
impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.source, self.format)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet \"{sheet}\"")?;
        }
        if let Some(row) = self.header_row {
            write!(f, ", header in row {row}")?;
        }
        writeln!(f, ")")?;
        writeln!(
            f,
            "{} rows read: {} would load, {} refused; {} rows skipped",
            self.rows,
            self.loaded,
            self.rejected.len(),
            self.skipped.len()
        )?;
        if !self.columns.is_empty() {
            writeln!(f, "\nColumns:")?;
            for c in &self.columns {
                match &c.field {
                    Some(field) => writeln!(f, "  \"{}\" -> {field}", c.header)?,
                    None => writeln!(f, "  \"{}\" (not read)", c.header)?,
                }
            }
        }
        if !self.unmapped.is_empty() {
            writeln!(f, "\nValues that map to nothing:")?;
            for u in &self.unmapped {
                let rows: Vec<String> = u.rows.iter().map(u64::to_string).collect();
                writeln!(
                    f,
                    "  \"{}\": `{}` x{} (rows {})",
                    u.column,
                    u.value.replace('\n', "\\n"),
                    u.count,
                    rows.join(", ")
                )?;
            }
        }
        if !self.skipped.is_empty() {
            writeln!(f, "\nRows skipped:")?;
            for s in &self.skipped {
                writeln!(f, "  row {}: {}", s.row, s.reason)?;
            }
        }
        if !self.reasons.is_empty() {
            writeln!(f, "\nRows refused, by reason:")?;
            for r in &self.reasons {
                let rows: Vec<String> = r.rows.iter().map(u64::to_string).collect();
                let more = if r.count as usize > r.rows.len() {
                    ", …"
                } else {
                    ""
                };
                writeln!(
                    f,
                    "  {} x{} (rows {}{more})",
                    r.reason,
                    r.count,
                    rows.join(", ")
                )?;
            }
            if let Some(first) = self.rejected.first() {
                writeln!(f, "  first: {}", first.message)?;
            }
        }
        for w in &self.warnings {
            writeln!(f, "\nWarning: {w}")?;
        }
        Ok(())
    }
}
