//! Disclosure control (diskretionering) for published tables.
//!
//! A published table must not point at a person. Counts below a threshold
//! (5 by default) are suppressed (primary suppression). A suppressed cell
//! could still be worked back out by subtracting the other cells of its
//! line from the line's published total, so further cells — or, where no
//! cell is left to hide, the total itself — are suppressed until every
//! line (a row or column with its total) holds no suppressed value or at
//! least two (secondary suppression). Zero counts are shown: they point at
//! nobody.
//!
//! The statistics objects keep exact counts for internal use; only what
//! goes out through a [`Disclosure`] is published.

use schemars::JsonSchema;
use serde::Serialize;

use crate::codes::Lang;
use crate::stats::{month_name, Breakdown, MonthlyTable};

/// A disclosure policy.
///
/// # Example
/// ```
/// use borgerraad_core::Disclosure;
/// // One column with its total: 3 is below 5, and another cell must go
/// // too, or 3 = 80 - 37 - 40. The smallest other cell is hidden.
/// let t = Disclosure::default().apply(vec!["a".into(), "b".into(), "c".into()], vec!["n".into()],
///     vec![vec![37], vec![40], vec![3]], false, true);
/// assert_eq!(t.cells, vec![vec![None], vec![Some(40)], vec![None]]);
/// assert_eq!(t.column_totals, Some(vec![Some(80)]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disclosure {
    /// The smallest count shown; counts from 1 to `threshold - 1` are suppressed.
    pub threshold: u64,
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure { threshold: 5 }
    }
}

/// A table after disclosure control: `None` is a suppressed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PublishedTable {
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// The cells, row by row.
    pub cells: Vec<Vec<Option<u64>>>,
    /// A total per row, when the table publishes them.
    pub row_totals: Option<Vec<Option<u64>>>,
    /// A total per column, when the table publishes them.
    pub column_totals: Option<Vec<Option<u64>>>,
    /// The threshold applied.
    pub threshold: u64,
    /// The policy in Danish, to print with the table.
    pub policy_da: String,
    /// The policy in English.
    pub policy_en: String,
}

impl PublishedTable {
    /// The policy in `lang`.
    pub fn policy(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.policy_da,
            Lang::En => &self.policy_en,
        }
    }

    /// The largest count shown (0 when none is).
    pub fn largest(&self) -> u64 {
        self.cells
            .iter()
            .flatten()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
    }
}

impl Disclosure {
    /// A policy with `threshold`, or the default (5) when none is given.
    /// (A threshold of 0 is taken as 1: counts of 0 point at nobody.)
    pub fn new(threshold: Option<u64>) -> Disclosure {
        threshold.map_or_else(Disclosure::default, |threshold| Disclosure {
            threshold: threshold.max(1),
        })
    }

    /// Applies the policy to a table of counts (`cells[row][column]`), with
    /// row totals and/or column totals published beside it.
    pub fn apply(
        &self,
        rows: Vec<String>,
        columns: Vec<String>,
        cells: Vec<Vec<u64>>,
        row_totals: bool,
        column_totals: bool,
    ) -> PublishedTable {
        let (nr, nc) = (cells.len(), columns.len());
        let mut hidden: Vec<Vec<bool>> = cells
            .iter()
            .map(|r| r.iter().map(|&v| v > 0 && v < self.threshold).collect())
            .collect();
        let mut hidden_row_total = vec![false; nr];
        let mut hidden_col_total = vec![false; nc];
        // Secondary suppression until no published line has exactly one hidden value.
        loop {
            let mut changed = false;
            if row_totals {
                for (r, total) in hidden_row_total.iter_mut().enumerate() {
                    let line: Vec<(usize, usize)> = (0..nc).map(|c| (r, c)).collect();
                    changed |= self.protect(&cells, &mut hidden, &line, total);
                }
            }
            if column_totals {
                for (c, total) in hidden_col_total.iter_mut().enumerate() {
                    let line: Vec<(usize, usize)> = (0..nr).map(|r| (r, c)).collect();
                    changed |= self.protect(&cells, &mut hidden, &line, total);
                }
            }
            if !changed {
                break;
            }
        }
        let published = cells
            .iter()
            .zip(&hidden)
            .map(|(row, h)| {
                row.iter()
                    .zip(h)
                    .map(|(&v, &h)| (!h).then_some(v))
                    .collect()
            })
            .collect();
        let totals = |sums: Vec<u64>, hidden: &[bool]| {
            sums.into_iter()
                .zip(hidden)
                .map(|(s, &h)| (!h).then_some(s))
                .collect()
        };
        PublishedTable {
            row_totals: row_totals.then(|| totals(cells.iter().map(|r| r.iter().sum()).collect(), &hidden_row_total)),
            column_totals: column_totals.then(|| totals((0..nc).map(|c| cells.iter().map(|r| r[c]).sum()).collect(), &hidden_col_total)),
            rows,
            columns,
            cells: published,
            threshold: self.threshold,
            policy_da: format!(
                "Diskretionering: antal fra 1 til {} er skjult (–), og derudover er så mange tal skjult, at intet skjult tal kan regnes ud fra totalerne.",
                self.threshold - 1
            ),
            policy_en: format!(
                "Disclosure control: counts from 1 to {} are suppressed (–), and further values are suppressed so that no suppressed count can be worked out from the totals.",
                self.threshold - 1
            ),
        }
    }

    /// Makes sure a line (cells plus its total) does not hold exactly one
    /// hidden value: hides the smallest other cell, or else the total.
    fn protect(
        &self,
        cells: &[Vec<u64>],
        hidden: &mut [Vec<bool>],
        line: &[(usize, usize)],
        total_hidden: &mut bool,
    ) -> bool {
        let hidden_cells = line.iter().filter(|&&(r, c)| hidden[r][c]).count();
        if hidden_cells + usize::from(*total_hidden) != 1 || *total_hidden {
            // A hidden total with no hidden cell reveals nothing: the cells are shown.
            return false;
        }
        match line
            .iter()
            .filter(|&&(r, c)| !hidden[r][c])
            .min_by_key(|&&(r, c)| (cells[r][c], r, c))
        {
            Some(&(r, c)) => hidden[r][c] = true,
            None => *total_hidden = true,
        }
        true
    }

    /// The monthly table for publication: months as rows, years as
    /// columns, with the yearly totals ("I alt"). Publish a mean per month
    /// only beside a published total (it is the total divided by 12).
    pub fn monthly(&self, table: &MonthlyTable, lang: Lang) -> PublishedTable {
        let cells = (0..12)
            .map(|m| table.counts.iter().map(|c| c[m]).collect())
            .collect();
        let rows = (0..12).map(|m| month_name(m, lang).to_string()).collect();
        let columns = table.years.iter().map(|y| y.to_string()).collect();
        self.apply(rows, columns, cells, false, true)
    }

    /// A breakdown for publication: one column of counts with its total.
    pub fn breakdown(&self, b: &Breakdown, lang: Lang) -> PublishedTable {
        let rows = b
            .rows
            .iter()
            .map(|r| r.label.get(lang).to_string())
            .collect();
        let cells = b.rows.iter().map(|r| vec![r.count]).collect();
        let mut t = self.apply(rows, vec![b.year.to_string()], cells, false, true);
        // The breakdown's total is the year's registrations, which may hold
        // inquiries outside the rows (e.g. without an outreach site): the
        // published total is that of the rows, so the rule holds as stated.
        t.columns = vec![format!("{} {}", b.by.label(lang), b.year)];
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_with_one_small_cell_loses_its_total_when_nothing_else_can_hide() {
        let t = Disclosure::default().apply(
            vec!["a".into()],
            vec!["x".into()],
            vec![vec![2]],
            false,
            true,
        );
        assert_eq!(t.cells, vec![vec![None]]);
        assert_eq!(t.column_totals, Some(vec![None]));
    }

    #[test]
    fn zeros_and_large_counts_are_shown() {
        let t = Disclosure::default().apply(
            vec!["a".into(), "b".into()],
            vec!["x".into()],
            vec![vec![0], vec![9]],
            false,
            true,
        );
        assert_eq!(t.cells, vec![vec![Some(0)], vec![Some(9)]]);
    }
}
