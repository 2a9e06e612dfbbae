//! Disclosure control (diskretionering) for everything the library publishes.
//!
//! A published figure must not point at a person. This module is the one
//! place where counts become publishable: every table, key figure, mean and
//! share that leaves the library for people (Markdown, CSV, JSON, HTML, SVG,
//! the Python and JS "published" APIs, the widget) is taken from a
//! [`PublishedReport`] or [`PublishedTable`] made here. Exact counts stay in
//! the statistics types ([`crate::stats`]) and in `render::internal`, for
//! internal use only.
//!
//! # The rules
//!
//! - **Primary suppression.** Counts from 1 to `threshold - 1` (1–4 by
//!   default) are hidden (`–`). Zeros are shown: they point at nobody.
//! - **Everything published together is one system.** All figures of a
//!   publication are quantities linked by additive relations
//!   (`total = sum of parts`): months against the year's total, the year's
//!   total against the key figures and every breakdown of that year, the
//!   hierarchy directorate area ⊃ department (⊃ unit), the forwarding
//!   targets against the forwarded total and the "videresendelse" row of
//!   the kinds, and the key figures against each other (registrations =
//!   citizens + extra registrations; citizens = citizens with one inquiry +
//!   citizens with more). Quantities that are never printed but can be
//!   worked out (e.g. registrations minus citizens) take part as internal
//!   quantities and are protected too when small. Years side by side share
//!   no quantity, so each year is protected on its own.
//! - **Secondary suppression** hides further quantities until
//!   1. in every relation with a published total, the hidden parts together
//!      hold 0 or at least `threshold` (so a line never reveals that its
//!      hidden cells are a handful), and
//!   2. every hidden quantity has a *witness*: a second set of values,
//!      differing from the true one in that quantity, that agrees with every
//!      published figure, satisfies every relation, keeps every hidden
//!      published count at 1 or more and every count at 0 or more. A witness
//!      proves that no attacker — subtracting along lines, combining lines
//!      linearly, or reasoning with intervals — can work the hidden value out.
//! - A complement is never a zero (a structural zero hides nothing and its
//!   value is known), and the cheapest complement is a part of the same line
//!   (smallest first) before its total.
//! - **Derived figures** (means, shares, percentages, per-month figures,
//!   medians) are published only when every count they are computed from is
//!   published: a mean beside a hidden total, or a share of a hidden count,
//!   shows `–`. Medians and percentiles of days open need at least
//!   `threshold` closed inquiries.
//! - Hidden rows of a breakdown are listed after the shown ones, by code:
//!   their place in an order by size would bound them.
//!
//! # Which method, and why
//!
//! This is the hypercube idea of τ-ARGUS (GHMITER; Repsilber) carried over
//! to linked tables, checked the way sdcTable's `SIMPLEHEURISTIC` checks its
//! choices with attacker problems. In a two-way table the witness found for
//! a hidden cell is exactly a hypercube (a rectangle of four hidden cells,
//! +1 −1 +1 −1); across linked tables it is a chain of ±1 changes that keeps
//! every relation balanced. Complements are chosen greedily (cheapest
//! first), each choice kept only when it produces a witness. τ-ARGUS's
//! modular and optimal methods solve linear programmes for the least loss
//! of information; an office publishes a few hundred figures from about a
//! thousand inquiries a year, so a method that is simple, exact integer
//! arithmetic and checkable by an independent attacker
//! (`borgerraad-core/tests/attacker.rs`) is worth more than the last
//! suppressed cell it might save. When the search for a witness runs out of
//! its budget, the quantity counts as unprotected and more is hidden.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use crate::base::error::Result;
use crate::codes::Lang;
use crate::office::{Counting, Office};
use crate::stats::{month_name, Breakdown, By, MonthlyTable, Stats, YearStats, YearSummary};
use crate::taxonomy::area_of;

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

/// The policy as printed under every published table, in `lang`.
pub fn policy_text(threshold: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Diskretionering: antal fra 1 til {} er skjult (–). Derudover er så mange tal, totaler, gennemsnit og andele skjult, at intet skjult tal kan regnes ud af det offentliggjorte, heller ikke på tværs af tabellerne.",
            threshold.saturating_sub(1)
        ),
        Lang::En => format!(
            "Disclosure control: counts from 1 to {} are suppressed (–). Further counts, totals, means and shares are suppressed so that no suppressed count can be worked out from what is published, across the tables too.",
            threshold.saturating_sub(1)
        ),
    }
}

/// A table after disclosure control: `None` is a suppressed value.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PublishedTable {
    /// Row labels.
    pub rows: Vec<String>,
    /// Row codes (e.g. taxonomy codes of a breakdown), empty when the rows have none.
    pub codes: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// The cells, row by row.
    pub cells: Vec<Vec<Option<u64>>>,
    /// A total per row, when the table publishes them.
    pub row_totals: Option<Vec<Option<u64>>>,
    /// A total per column, when the table publishes them.
    pub column_totals: Option<Vec<Option<u64>>>,
    /// The mean per row of each column (its total / number of rows), when
    /// published; `None` where the total is suppressed.
    pub column_means: Option<Vec<Option<f64>>>,
    /// Each row's percent of the whole (a breakdown's share of the year's
    /// registrations), when published; `None` where the count or the whole is suppressed.
    pub shares: Option<Vec<Option<f64>>>,
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

/// The key figures of one year (nøgletal) after disclosure control: `None`
/// is suppressed, and a derived figure is `None` when a count it is computed
/// from is.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PublishedSummary {
    /// The year.
    pub year: i32,
    /// Registrations (registreringer).
    pub registrations: Option<u64>,
    /// Distinct citizens (borgere).
    pub distinct_citizens: Option<u64>,
    /// Citizens with more than one registration in the year.
    pub repeat_citizens: Option<u64>,
    /// `repeat_citizens` as a percent of `distinct_citizens`.
    pub repeat_share: Option<f64>,
    /// Registrations / 12.
    pub mean_registrations_per_month: Option<f64>,
    /// Distinct citizens / 12.
    pub mean_citizens_per_month: Option<f64>,
    /// Median days open over closed inquiries (nearest rank).
    pub days_open_median: Option<u64>,
    /// 90th percentile of days open over closed inquiries.
    pub days_open_p90: Option<u64>,
    /// Forwarded under forvaltningsloven § 7, stk. 2: one column, a row per
    /// target, with the forwarded total.
    pub forwarded: PublishedTable,
    /// Referred out: one column, a row per destination, with the total.
    pub referred: PublishedTable,
}

/// What a report publishes together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contents {
    /// The years of the monthly table, one column each.
    pub table_years: Vec<i32>,
    /// The years whose key figures are published.
    pub key_years: Vec<i32>,
    /// The breakdowns published, by year.
    pub breakdowns: Vec<(i32, By)>,
}

/// Everything a report publishes, after disclosure control over all of it at once.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PublishedReport {
    /// Registrations by month (rows) and year (columns), with the totals
    /// ("I alt") and means ("Gennemsnit") per year.
    pub monthly: PublishedTable,
    /// The key figures of the chosen years.
    pub summaries: Vec<PublishedSummary>,
    /// The breakdowns, each one column with its total and shares.
    pub breakdowns: Vec<PublishedTable>,
    /// The threshold applied.
    pub threshold: u64,
    /// How the breakdowns count inquiries that concern several units.
    pub counting: Counting,
    /// The counting rule in Danish, as printed under every breakdown.
    pub counting_da: String,
    /// The counting rule in English.
    pub counting_en: String,
    /// The report's title, from the office.
    pub title: crate::codes::Label,
    /// The policy in Danish.
    pub policy_da: String,
    /// The policy in English.
    pub policy_en: String,
}

impl PublishedReport {
    /// The policy in `lang`.
    pub fn policy(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.policy_da,
            Lang::En => &self.policy_en,
        }
    }
}

/// Quantities linked by additive relations: everything published together,
/// before disclosure control. Each quantity has a key; adding a key twice
/// gives the same quantity (it must have the same value).
#[derive(Debug, Clone, Default)]
pub(crate) struct Linked {
    keys: HashMap<String, usize>,
    values: Vec<u64>,
    internal: Vec<bool>,
    relations: Vec<(usize, Vec<usize>)>,
    seen: BTreeSet<(usize, Vec<usize>)>,
    at_most: Vec<(usize, usize)>,
    zero_with: Vec<(usize, usize)>,
}

/// The outcome of disclosure control over [`Linked`] quantities.
#[derive(Debug, Clone)]
pub struct Shown {
    keys: HashMap<String, usize>,
    values: Vec<u64>,
    hidden: Vec<bool>,
}

impl Shown {
    /// The published value of `key`, `None` when it is suppressed, internal or unknown.
    pub fn get(&self, key: &str) -> Option<u64> {
        let &i = self.keys.get(key)?;
        (!self.hidden[i]).then_some(self.values[i])
    }
}

impl Linked {
    /// The quantity `key` with `value`, published.
    pub fn quantity(&mut self, key: &str, value: u64) -> usize {
        let i = self.add(key, value, false);
        self.internal[i] = false;
        i
    }

    /// The quantity `key` with `value`, never printed but possibly worked
    /// out from what is (protected like the others when small).
    pub fn internal(&mut self, key: &str, value: u64) -> usize {
        self.add(key, value, true)
    }

    fn add(&mut self, key: &str, value: u64, internal: bool) -> usize {
        if let Some(&i) = self.keys.get(key) {
            debug_assert_eq!(self.values[i], value, "{key}");
            return i;
        }
        self.keys.insert(key.to_string(), self.values.len());
        self.values.push(value);
        self.internal.push(internal);
        self.values.len() - 1
    }

    /// The index of `key`, if added.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// States `total = sum of members`.
    pub fn relation(&mut self, total: usize, mut members: Vec<usize>) {
        members.sort_unstable();
        members.dedup();
        if members.is_empty() {
            return;
        }
        debug_assert_eq!(
            self.values[total],
            members.iter().map(|&m| self.values[m]).sum::<u64>()
        );
        if self.seen.insert((total, members.clone())) {
            self.relations.push((total, members));
        }
    }

    /// States `a ≤ b` (known to any reader).
    pub fn at_most(&mut self, a: usize, b: usize) {
        self.at_most.push((a, b));
    }

    /// States that `a` is 0 exactly when `b` is (known to any reader).
    pub fn zero_with(&mut self, a: usize, b: usize) {
        self.zero_with.push((a, b));
    }

    /// Applies `policy`: primary suppression, then secondary suppression until
    /// every line holds 0 or at least the threshold hidden and every hidden
    /// quantity has a witness (see the module docs).
    pub fn protect(&self, policy: &Disclosure) -> Shown {
        let t = policy.threshold;
        let n = self.values.len();
        let mut hidden: Vec<bool> = (0..n)
            .map(|i| self.internal[i] || (self.values[i] > 0 && self.values[i] < t))
            .collect();
        let mut touching: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (r, (total, members)) in self.relations.iter().enumerate() {
            touching[*total].push(r);
            for &m in members {
                touching[m].push(r);
            }
        }
        let needs = |hidden: &[bool], i: usize| {
            hidden[i] && self.values[i] > 0 && (!self.internal[i] || self.values[i] < t)
        };
        'outer: loop {
            // 1. A published line's hidden parts hold 0 or at least t.
            for (total, members) in &self.relations {
                if hidden[*total] {
                    continue;
                }
                let sum: u64 = members
                    .iter()
                    .filter(|&&m| hidden[m])
                    .map(|&m| self.values[m])
                    .sum();
                if sum > 0 && sum < t {
                    let next = self
                        .cheapest(&hidden, members.iter().copied())
                        .unwrap_or(*total);
                    hidden[next] = true;
                    continue 'outer;
                }
            }
            // 2. Every hidden quantity has a witness.
            for q in 0..n {
                if !needs(&hidden, q) || self.witness(&hidden, &touching, q).is_some() {
                    continue;
                }
                // Complements: shown non-zero quantities in q's lines, parts
                // before totals, smallest first; the first that gives q a
                // witness is kept, else the cheapest, and we go round again.
                let mut candidates: Vec<(bool, u64, usize)> = Vec::new();
                for &r in &touching[q] {
                    let (total, members) = &self.relations[r];
                    for &m in members {
                        candidates.push((false, self.values[m], m));
                    }
                    candidates.push((true, self.values[*total], *total));
                }
                candidates.retain(|&(_, v, i)| v > 0 && !hidden[i]);
                candidates.sort_unstable();
                candidates.dedup();
                if candidates.is_empty() {
                    // Widen to the lines of the hidden quantities around q.
                    let near: BTreeSet<usize> = touching[q]
                        .iter()
                        .flat_map(|&r| {
                            let (total, members) = &self.relations[r];
                            members.iter().chain(std::iter::once(total))
                        })
                        .flat_map(|&h| touching[h].iter())
                        .flat_map(|&r| {
                            let (total, members) = &self.relations[r];
                            members.iter().chain(std::iter::once(total)).copied()
                        })
                        .collect();
                    match self.cheapest(&hidden, near.into_iter()) {
                        Some(next) => {
                            hidden[next] = true;
                            continue 'outer;
                        }
                        None => continue,
                    }
                }
                for &(_, _, c) in &candidates {
                    hidden[c] = true;
                    if self.witness(&hidden, &touching, q).is_some() {
                        continue 'outer;
                    }
                    hidden[c] = false;
                }
                hidden[candidates[0].2] = true;
                continue 'outer;
            }
            break;
        }
        Shown {
            keys: self.keys.clone(),
            values: self.values.clone(),
            hidden,
        }
    }

    /// The shown non-zero quantity of smallest value among `of`.
    fn cheapest(&self, hidden: &[bool], of: impl Iterator<Item = usize>) -> Option<usize> {
        of.filter(|&i| !hidden[i] && self.values[i] > 0)
            .min_by_key(|&i| (self.values[i], i))
    }

    /// A witness for `q`: a change of ±1 to some hidden quantities, `q`
    /// among them, after which every relation and known bound still holds.
    fn witness(&self, hidden: &[bool], touching: &[Vec<usize>], q: usize) -> Option<Vec<i64>> {
        for sign in [1i64, -1] {
            let mut d = vec![0i64; self.values.len()];
            if !self.may_change(hidden, q, sign) {
                continue;
            }
            d[q] = sign;
            let mut assigned = vec![q];
            let mut budget = 20_000u32;
            if self.search(hidden, touching, &mut d, &mut assigned, &mut budget) {
                return Some(d);
            }
        }
        None
    }

    fn may_change(&self, hidden: &[bool], i: usize, by: i64) -> bool {
        let lowest = if self.internal[i] { 0 } else { 1 };
        hidden[i] && self.values[i] as i64 + by >= lowest
    }

    fn search(
        &self,
        hidden: &[bool],
        touching: &[Vec<usize>],
        d: &mut [i64],
        assigned: &mut Vec<usize>,
        budget: &mut u32,
    ) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let unbalanced = assigned
            .iter()
            .flat_map(|&a| touching[a].iter())
            .find(|&&r| {
                let (total, members) = &self.relations[r];
                d[*total] != members.iter().map(|&m| d[m]).sum::<i64>()
            });
        let Some(&r) = unbalanced else {
            let v = |i: usize| self.values[i] as i64 + d[i];
            return self.at_most.iter().all(|&(a, b)| v(a) <= v(b))
                && self
                    .zero_with
                    .iter()
                    .all(|&(a, b)| (v(a) == 0) == (v(b) == 0));
        };
        let (total, members) = &self.relations[r];
        let s = (d[*total] - members.iter().map(|&m| d[m]).sum::<i64>()).signum();
        let options = members
            .iter()
            .map(|&m| (m, s))
            .chain(std::iter::once((*total, -s)));
        for (i, by) in options {
            if d[i] != 0 || !self.may_change(hidden, i, by) {
                continue;
            }
            d[i] = by;
            assigned.push(i);
            if self.search(hidden, touching, d, assigned, budget) {
                return true;
            }
            assigned.pop();
            d[i] = 0;
        }
        false
    }
}

fn add(l: &mut Linked, key: &str, value: u64, publish: bool) -> usize {
    if publish {
        l.quantity(key, value)
    } else {
        l.internal(key, value)
    }
}

fn registrations(year: i32) -> String {
    format!("{year}/registrations")
}

fn row_key(b: &Breakdown, code: &str) -> String {
    format!("{}/{}/{code}", b.year, b.by.code())
}

/// Adds a breakdown's rows and their relations: to the year's
/// registrations, and for departments to their directorate areas.
///
/// Where an inquiry counts under every unit it concerns ([`Counting::Every`]),
/// units overlap: the rows add up to the registrations plus an overlap no
/// reader knows (so at least to the registrations), and no row exceeds its
/// total; likewise departments against their area.
fn add_breakdown(l: &mut Linked, b: &Breakdown, publish: bool, counting: Counting) {
    let y = b.year;
    let rows: Vec<usize> = b
        .rows
        .iter()
        .map(|r| add(l, &row_key(b, &r.code), r.count, publish))
        .collect();
    let sum: u64 = b.rows.iter().map(|r| r.count).sum();
    // The shares are of all registrations, so these are published with any breakdown.
    let all = l.quantity(&registrations(y), b.total);
    let overlapping = |l: &mut Linked, key: String, total: usize, rows: Vec<usize>| {
        let sum = rows.iter().map(|&r| l.values[r]).sum::<u64>();
        let all_rows = l.internal(&format!("{key}/rows"), sum);
        let overlap = l.internal(&format!("{key}/overlap"), sum - l.values[total]);
        for &r in &rows {
            l.at_most(r, total);
        }
        l.relation(all_rows, rows);
        l.relation(all_rows, vec![total, overlap]);
    };
    match b.by {
        By::Area | By::Department if counting == Counting::Every => {
            let by = b.by.code();
            overlapping(l, format!("{y}/{by}"), all, rows.clone());
            if b.by == By::Department {
                let mut areas: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                for (r, &i) in b.rows.iter().zip(&rows) {
                    areas.entry(area_of(&r.code)).or_default().push(i);
                }
                for (code, parts) in areas {
                    let area = l
                        .index(&format!("{y}/area/{code}"))
                        .expect("areas are added before departments");
                    overlapping(l, format!("{y}/department/{code}"), area, parts);
                }
            }
        }
        By::Site => {
            let sites = add(l, &format!("{y}/sites"), sum, publish);
            l.relation(sites, rows);
            let rest = l.internal(&format!("{y}/no-site"), b.total.saturating_sub(sum));
            l.relation(all, vec![sites, rest]);
        }
        By::Department => {
            let mut areas: BTreeMap<&str, (u64, Vec<usize>)> = BTreeMap::new();
            for (r, &i) in b.rows.iter().zip(&rows) {
                let area = areas.entry(area_of(&r.code)).or_default();
                area.0 += r.count;
                area.1.push(i);
            }
            let mut tops = Vec::new();
            for (code, (count, parts)) in areas {
                let area = l.internal(&format!("{y}/area/{code}"), count);
                l.relation(area, parts);
                tops.push(area);
            }
            l.relation(all, tops);
        }
        _ => l.relation(all, rows),
    }
}

/// Adds a year's key figures (with their forwarding and referral targets)
/// and every breakdown of the year, published or internal.
fn add_year(l: &mut Linked, ys: &YearStats, office: &Office, published: &[By], key: bool) {
    let y = ys.year();
    l.quantity(&registrations(y), ys.registrations());
    for &by in By::ALL {
        let b = ys.breakdown(by, office);
        add_breakdown(l, &b, published.contains(&by), office.counting());
    }
    if !key {
        return;
    }
    let s = ys.summary();
    let all = l.quantity(&registrations(y), s.registrations);
    let citizens = l.quantity(&format!("{y}/citizens"), s.distinct_citizens);
    let repeat = l.quantity(&format!("{y}/repeat"), s.repeat_citizens);
    // registrations = citizens + registrations beyond each citizen's first;
    // citizens = citizens with one registration + citizens with more.
    let extra = l.internal(
        &format!("{y}/extra"),
        s.registrations.saturating_sub(s.distinct_citizens),
    );
    let single = l.internal(
        &format!("{y}/single"),
        s.distinct_citizens.saturating_sub(s.repeat_citizens),
    );
    l.relation(all, vec![citizens, extra]);
    l.relation(citizens, vec![single, repeat]);
    // Each citizen with more than one registration has at least one extra.
    l.at_most(repeat, extra);
    l.zero_with(repeat, extra);
    let mut targets = |what: &str, counts: &[crate::codes::Count]| {
        let total = l.quantity(&format!("{y}/{what}"), counts.iter().map(|c| c.count).sum());
        let parts = counts
            .iter()
            .map(|c| l.quantity(&format!("{y}/{what}/{}", c.code), c.count))
            .collect();
        l.relation(total, parts);
        total
    };
    let forwarded = targets("forwarded", &s.forwarded);
    let referred = targets("referred", &s.referred);
    // Forwarded inquiries are of the kind "videresendelse".
    if let Some(kind) = l.index(&format!("{y}/kind/videresendelse")) {
        let (k, f) = (l.values[kind], l.values[forwarded]);
        if k >= f {
            let rest = l.internal(&format!("{y}/forwarding-without-target"), k - f);
            l.relation(kind, vec![forwarded, rest]);
        }
    }
    let (f, r) = (l.values[forwarded], l.values[referred]);
    if s.registrations >= f + r {
        let rest = l.internal(&format!("{y}/no-target"), s.registrations - f - r);
        l.relation(all, vec![forwarded, referred, rest]);
    }
}

fn mean(total: Option<u64>, of: u64) -> Option<f64> {
    total.map(|n| n as f64 / of as f64)
}

impl Disclosure {
    /// A policy with `threshold`, or the default (5) when none is given.
    /// (A threshold of 0 is taken as 1: counts of 0 point at nobody.)
    pub fn new(threshold: Option<u64>) -> Disclosure {
        threshold.map_or_else(Disclosure::default, |threshold| Disclosure {
            threshold: threshold.max(1),
        })
    }

    /// The policy of an office: `threshold`, or else its office's.
    pub fn of(office: &Office, threshold: Option<u64>) -> Disclosure {
        Disclosure::new(threshold.or(Some(office.disclosure_threshold())))
    }

    fn table(&self, rows: Vec<String>, columns: Vec<String>) -> PublishedTable {
        PublishedTable {
            rows,
            codes: Vec::new(),
            columns,
            cells: Vec::new(),
            row_totals: None,
            column_totals: None,
            column_means: None,
            shares: None,
            threshold: self.threshold,
            policy_da: policy_text(self.threshold, Lang::Da),
            policy_en: policy_text(self.threshold, Lang::En),
        }
    }

    /// Applies the policy to one table of counts (`cells[row][column]`)
    /// published alone, with row totals and/or column totals beside it.
    pub fn apply(
        &self,
        rows: Vec<String>,
        columns: Vec<String>,
        cells: Vec<Vec<u64>>,
        row_totals: bool,
        column_totals: bool,
    ) -> PublishedTable {
        let (nr, nc) = (cells.len(), columns.len());
        let mut l = Linked::default();
        for (r, row) in cells.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                l.quantity(&format!("{r}/{c}"), v);
            }
        }
        if row_totals {
            for (r, row) in cells.iter().enumerate() {
                let t = l.quantity(&format!("r{r}"), row.iter().sum());
                let parts = (0..nc).map(|c| l.keys[&format!("{r}/{c}")]).collect();
                l.relation(t, parts);
            }
        }
        if column_totals {
            for c in 0..nc {
                let t = l.quantity(&format!("c{c}"), cells.iter().map(|r| r[c]).sum());
                let parts = (0..nr).map(|r| l.keys[&format!("{r}/{c}")]).collect();
                l.relation(t, parts);
            }
        }
        let shown = l.protect(self);
        let mut t = self.table(rows, columns);
        t.cells = (0..nr)
            .map(|r| (0..nc).map(|c| shown.get(&format!("{r}/{c}"))).collect())
            .collect();
        t.row_totals = row_totals.then(|| (0..nr).map(|r| shown.get(&format!("r{r}"))).collect());
        t.column_totals =
            column_totals.then(|| (0..nc).map(|c| shown.get(&format!("c{c}"))).collect());
        t
    }

    /// The monthly table published alone: months as rows, years as columns,
    /// with the yearly totals ("I alt") and means ("Gennemsnit").
    pub fn monthly(&self, table: &MonthlyTable, lang: Lang) -> PublishedTable {
        let mut l = Linked::default();
        add_months(&mut l, table);
        self.monthly_of(&l.protect(self), table, lang)
    }

    fn monthly_of(&self, shown: &Shown, table: &MonthlyTable, lang: Lang) -> PublishedTable {
        let rows = (0..12).map(|m| month_name(m, lang).to_string()).collect();
        let columns = table.years.iter().map(|y| y.to_string()).collect();
        let mut t = self.table(rows, columns);
        t.cells = (0..12)
            .map(|m| {
                table
                    .years
                    .iter()
                    .map(|y| shown.get(&format!("{y}/month/{m}")))
                    .collect()
            })
            .collect();
        let totals: Vec<Option<u64>> = table
            .years
            .iter()
            .map(|&y| shown.get(&registrations(y)))
            .collect();
        t.column_means = Some(totals.iter().map(|&n| mean(n, 12)).collect());
        t.column_totals = Some(totals);
        t
    }

    /// A breakdown published alone: one column of counts with its total
    /// and each row's share of the year's registrations.
    pub fn breakdown(&self, b: &Breakdown, office: &Office, lang: Lang) -> PublishedTable {
        let mut l = Linked::default();
        add_breakdown(&mut l, b, true, office.counting());
        self.breakdown_of(&l.protect(self), b, office, lang)
    }

    fn breakdown_of(
        &self,
        shown: &Shown,
        b: &Breakdown,
        office: &Office,
        lang: Lang,
    ) -> PublishedTable {
        let all = shown.get(&registrations(b.year));
        // Shown rows largest first, then the hidden ones by code: a hidden
        // row's place among the shown would bound it.
        let mut order: Vec<(Option<u64>, &crate::stats::BreakdownRow)> = b
            .rows
            .iter()
            .map(|r| (shown.get(&row_key(b, &r.code)), r))
            .collect();
        order.sort_by(|(a, ra), (b, rb)| match (a, b) {
            (Some(x), Some(y)) => y.cmp(x).then_with(|| ra.code.cmp(&rb.code)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => ra.code.cmp(&rb.code),
        });
        let mut t = self.table(
            order
                .iter()
                .map(|(_, r)| r.label.get(lang).to_string())
                .collect(),
            vec![format!("{} {}", b.by.heading(office, lang), b.year)],
        );
        t.codes = order.iter().map(|(_, r)| r.code.clone()).collect();
        t.cells = order.iter().map(|(v, _)| vec![*v]).collect();
        t.column_totals = Some(vec![match b.by {
            By::Site => shown.get(&format!("{}/sites", b.year)),
            _ => all,
        }]);
        t.shares = Some(
            order
                .iter()
                .map(|(v, r)| (v.is_some() && all.is_some()).then_some(r.percent))
                .collect(),
        );
        t
    }

    /// Everything a report publishes, under disclosure control over all of
    /// it together: the monthly table of `contents.table_years`, the key
    /// figures of `contents.key_years` and the breakdowns asked for.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::{Contents, Disclosure};
    /// use borgerraad_core::{sample, stats::By, Lang};
    /// let register = sample();
    /// let contents = Contents { table_years: vec![2021, 2022], key_years: vec![2022], breakdowns: vec![(2022, By::Kind)] };
    /// let r = Disclosure::default().report(&register.stats(), &contents, Lang::Da).unwrap();
    /// assert_eq!(r.monthly.column_totals, Some(vec![Some(683), Some(793)]));
    /// let y2022 = &r.summaries[0];
    /// assert_eq!((y2022.registrations, y2022.distinct_citizens), (Some(793), Some(471)));
    /// // 21 forwarded: 20 to Borgerservice would give away the 1 to the Jobcenter.
    /// assert_eq!(y2022.forwarded.column_totals, Some(vec![Some(21)]));
    /// assert!(y2022.forwarded.cells.iter().all(|c| c[0].is_none()));
    /// ```
    pub fn report(
        &self,
        stats: &Stats,
        contents: &Contents,
        lang: Lang,
    ) -> Result<PublishedReport> {
        let office = stats.office();
        let table = stats.monthly_table(&contents.table_years);
        let mut l = Linked::default();
        add_months(&mut l, &table);
        let mut years: BTreeSet<i32> = contents.key_years.iter().copied().collect();
        years.extend(contents.breakdowns.iter().map(|(y, _)| *y));
        for &y in &years {
            let published: Vec<By> = contents
                .breakdowns
                .iter()
                .filter(|(by_year, _)| *by_year == y)
                .map(|(_, by)| *by)
                .collect();
            add_year(
                &mut l,
                stats.year(y)?,
                office,
                &published,
                contents.key_years.contains(&y),
            );
        }
        let shown = l.protect(self);
        let summaries = contents
            .key_years
            .iter()
            .map(|&y| Ok(self.summary_of(&shown, &stats.year(y)?.summary(), office, lang)))
            .collect::<Result<Vec<_>>>()?;
        let breakdowns = contents
            .breakdowns
            .iter()
            .map(|&(y, by)| {
                let b = stats.year(y)?.breakdown(by, office);
                Ok(self.breakdown_of(&shown, &b, office, lang))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(PublishedReport {
            monthly: self.monthly_of(&shown, &table, lang),
            summaries,
            breakdowns,
            threshold: self.threshold,
            counting: office.counting(),
            counting_da: office.counting().text(Lang::Da).into(),
            counting_en: office.counting().text(Lang::En).into(),
            title: office.words().title.clone(),
            policy_da: policy_text(self.threshold, Lang::Da),
            policy_en: policy_text(self.threshold, Lang::En),
        })
    }

    fn summary_of(
        &self,
        shown: &Shown,
        s: &YearSummary,
        office: &Office,
        lang: Lang,
    ) -> PublishedSummary {
        let y = s.year;
        let registrations = shown.get(&registrations(y));
        let citizens = shown.get(&format!("{y}/citizens"));
        let repeat = shown.get(&format!("{y}/repeat"));
        let closed_enough = s.closed >= self.threshold;
        let targets = |what: &str, counts: &[crate::codes::Count], label: (&str, &str)| {
            let label = match lang {
                Lang::Da => label.0,
                Lang::En => label.1,
            };
            let mut t = self.table(
                counts.iter().map(|c| c.code.clone()).collect(),
                vec![label.to_string()],
            );
            // Shown targets first, largest first; hidden ones after, by code.
            let mut order: Vec<(Option<u64>, &str)> = counts
                .iter()
                .map(|c| {
                    (
                        shown.get(&format!("{y}/{what}/{}", c.code)),
                        c.code.as_str(),
                    )
                })
                .collect();
            order.sort_by(|(a, ca), (b, cb)| match (a, b) {
                (Some(x), Some(z)) => z.cmp(x).then_with(|| ca.cmp(cb)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => ca.cmp(cb),
            });
            t.rows = order
                .iter()
                .map(|(_, c)| target_label(office, c, lang).to_string())
                .collect();
            t.codes = order.iter().map(|(_, c)| c.to_string()).collect();
            t.cells = order.iter().map(|(v, _)| vec![*v]).collect();
            t.column_totals = Some(vec![shown.get(&format!("{y}/{what}"))]);
            t
        };
        PublishedSummary {
            year: y,
            registrations,
            distinct_citizens: citizens,
            repeat_citizens: repeat,
            repeat_share: (citizens.is_some() && repeat.is_some()).then_some(s.repeat_share),
            mean_registrations_per_month: mean(registrations, 12),
            mean_citizens_per_month: mean(citizens, 12),
            days_open_median: s.days_open_median.filter(|_| closed_enough),
            days_open_p90: s.days_open_p90.filter(|_| closed_enough),
            forwarded: targets(
                "forwarded",
                &s.forwarded,
                ("Videresendt (fvl. § 7, stk. 2)", "Forwarded (fvl. § 7(2))"),
            ),
            referred: targets("referred", &s.referred, ("Henvist", "Referred out")),
        }
    }
}

/// The label of a referral or forwarding target: a destination, a unit of
/// the taxonomy or an authority of the national catalogue; a code unknown
/// to all three is its own label.
fn target_label<'a>(office: &'a Office, code: &'a str, lang: Lang) -> &'a str {
    if let Some(d) = office.codes().destinations.get(code) {
        return d.label.get(lang);
    }
    if let Some(unit) = office.taxonomy().label(code, lang) {
        return unit;
    }
    crate::referral::authorities::Authorities::national()
        .get(code)
        .map_or(code, |a| a.label.get(lang))
}

/// Adds the months of each year of `table` and their relation to the year's registrations.
fn add_months(l: &mut Linked, table: &MonthlyTable) {
    for (i, &y) in table.years.iter().enumerate() {
        let all = l.quantity(&registrations(y), table.total(i));
        let months = (0..12)
            .map(|m| l.quantity(&format!("{y}/month/{m}"), table.counts[i][m]))
            .collect();
        l.relation(all, months);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_department_is_not_given_back_by_subtraction() {
        // An area of 23 with a department of 20 and one of 3: hiding the 3
        // alone would give it back as 23 - 20.
        let mut l = Linked::default();
        let area = l.quantity("area", 23);
        let parts = vec![l.quantity("dept-a", 20), l.quantity("dept-b", 3)];
        l.relation(area, parts);
        let shown = l.protect(&Disclosure::default());
        assert_eq!(
            (shown.get("area"), shown.get("dept-a"), shown.get("dept-b")),
            (Some(23), None, None)
        );
    }

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
