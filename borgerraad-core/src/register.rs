//! The register: the validated collection of inquiries.

use std::path::Path;

use chrono::NaiveDate;

use crate::citizens::fingerprint;
use crate::error::{Error, Location, Result};
use crate::facts::{self, Codes, Fact};
use crate::hash::FastMap;
use crate::inquiry::Inquiry;
use crate::io;
use crate::privacy::Pseudonymizer;
use crate::stats::{Stats, YearStats};
use crate::taxonomy::Taxonomy;
use smol_str::SmolStr;

/// What to do with invalid records while loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// All or nothing (the default): the first invalid record fails the
    /// load, and nothing is added.
    #[default]
    Raise,
    /// Add the valid records and return the rejected ones with their errors.
    Collect,
}

impl std::str::FromStr for OnError {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "raise" => Ok(OnError::Raise),
            "collect" => Ok(OnError::Collect),
            _ => Err(Error::unknown("on_error", s, &["raise", "collect"])),
        }
    }
}

/// Options for loading records into a register.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// All or nothing, or collect the rejected records.
    pub on_error: OnError,
    /// Reject records received after this day (e.g. the export date).
    pub as_of: Option<NaiveDate>,
    /// Turns a `cpr` column of CSV or columnar input into citizen keys on
    /// loading; the numbers are dropped. Without it a `cpr` column is refused.
    pub pseudonymizer: Option<Pseudonymizer>,
}

/// A record that was not loaded, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// The 1-based line or row, when the record came from a file.
    pub line: Option<u64>,
    /// Why the record was rejected; the error names the field.
    pub error: Error,
}

/// The validated collection of inquiries (registreringer) of one office.
///
/// Every record in a register has passed [`Inquiry::validate`] against the
/// register's taxonomy, and ids are unique.
///
/// # Example
/// ```
/// use borgerraad_core::{Register, Taxonomy, LoadOptions};
/// let jsonl = r#"{"id":"A-1","citizen":"kxqb","received":"2022-01-03","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}
/// {"id":"A-2","citizen":"kxqb","received":"2022-01-02","closed":"2022-01-01","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}"#;
/// let mut register = Register::new(Taxonomy::esbjerg());
/// let err = register.load_jsonl(jsonl.as_bytes(), "export.jsonl", &LoadOptions::default()).unwrap_err();
/// assert_eq!(err.to_string(),
///     "export.jsonl:2: record `A-2`: field `closed`: closed 2022-01-01 before it was received 2022-01-02");
/// assert!(register.is_empty()); // all or nothing
/// ```
#[derive(Debug, Clone)]
pub struct Register {
    taxonomy: Taxonomy,
    items: Vec<Inquiry>,
    /// The statistics' compact view of each item, beside the items.
    facts: Vec<Fact>,
    /// The codes the facts refer to by number.
    codes: Codes,
    ids: Ids,
    history: Vec<Rectification>,
}

/// The ids of a register, for constant-time duplicate checks and look-ups:
/// a map from a 64-bit hash of each id to its record's position. An id whose
/// hash another id already holds (odds about n²/2⁶⁵) goes to a map of its own.
#[derive(Debug, Clone, Default)]
struct Ids {
    by_hash: FastMap<u64, u32>,
    collided: FastMap<SmolStr, u32>,
}

impl Ids {
    fn of(items: &[Inquiry]) -> Ids {
        let mut ids = Ids::default();
        ids.by_hash.reserve(items.len());
        for (pos, i) in items.iter().enumerate() {
            ids.insert(&i.id, pos, items);
        }
        ids
    }

    fn reserve(&mut self, n: usize) {
        self.by_hash.reserve(n);
    }

    fn position(&self, id: &str, items: &[Inquiry]) -> Option<usize> {
        match self.by_hash.get(&fingerprint(id)) {
            Some(&p) if items[p as usize].id == id => Some(p as usize),
            Some(_) => self.collided.get(id).map(|&p| p as usize),
            None => None,
        }
    }

    /// Records that `id` is at `pos`; false when the id is already there.
    fn insert(&mut self, id: &SmolStr, pos: usize, items: &[Inquiry]) -> bool {
        use std::collections::hash_map::Entry;
        match self.by_hash.entry(fingerprint(id)) {
            Entry::Vacant(e) => {
                e.insert(pos as u32);
                true
            }
            Entry::Occupied(e) if items[*e.get() as usize].id == *id => false,
            Entry::Occupied(_) => match self.collided.entry(id.clone()) {
                Entry::Vacant(e) => {
                    e.insert(pos as u32);
                    true
                }
                Entry::Occupied(_) => false,
            },
        }
    }
}

/// A receipt for an erasure (sletning) under GDPR art. 17.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ErasureReceipt {
    /// The day of the erasure.
    pub on: NaiveDate,
    /// The legal basis.
    pub basis: String,
    /// The ids of the erased records.
    pub ids: Vec<String>,
    /// How many records were erased.
    pub count: usize,
    /// How many rectification entries about them were erased with them.
    pub history_entries: usize,
}

/// One rectification (berigtigelse) of a record under GDPR art. 16: which
/// fields changed, from what, and when.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Rectification {
    /// The record's id.
    pub id: String,
    /// The day of the change.
    pub on: NaiveDate,
    /// The fields changed, with their previous values (null: absent).
    pub previous: serde_json::Map<String, serde_json::Value>,
}

impl Register {
    /// An empty register over a taxonomy.
    pub fn new(taxonomy: Taxonomy) -> Register {
        Register {
            taxonomy,
            items: Vec::new(),
            facts: Vec::new(),
            codes: Codes::default(),
            ids: Ids::default(),
            history: Vec::new(),
        }
    }

    /// The taxonomy records are validated against.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The number of inquiries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the register is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The inquiries, in the order they were added.
    pub fn inquiries(&self) -> &[Inquiry] {
        &self.items
    }

    /// Iterates over the inquiries.
    pub fn iter(&self) -> std::slice::Iter<'_, Inquiry> {
        self.items.iter()
    }

    /// The inquiry with an id.
    pub fn get(&self, id: &str) -> Option<&Inquiry> {
        self.ids.position(id, &self.items).map(|p| &self.items[p])
    }

    /// Adds records, validating each and refusing duplicate ids.
    ///
    /// With [`OnError::Raise`] nothing is added when any record fails, and
    /// the error is that of the first; with [`OnError::Collect`] the valid
    /// records are added and the rejected ones returned.
    pub fn extend(
        &mut self,
        records: impl IntoIterator<Item = Inquiry>,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let checked: Vec<_> = {
            let check = self.check(options);
            records
                .into_iter()
                .enumerate()
                .map(|(i, r)| (i as u64 + 1, check(r)))
                .collect()
        };
        self.add_all(vec![checked], &Location::default(), false, options)
    }

    /// Loads JSON Lines from bytes; `source` names the input in errors.
    pub fn load_jsonl(
        &mut self,
        bytes: &[u8],
        source: &str,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let parsed = io::parse_jsonl(bytes, source, &self.check(options));
        self.add_all(parsed, &Location::source(source), true, options)
    }

    /// Loads CSV from bytes (see [`io::CSV_COLUMNS`]); `source` names the input in errors.
    pub fn load_csv(
        &mut self,
        bytes: &[u8],
        source: &str,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let parsed = io::parse_csv(
            bytes,
            source,
            options.pseudonymizer.as_ref(),
            &self.check(options),
        );
        self.add_all(parsed, &Location::source(source), true, options)
    }

    /// Loads columns in the Arrow string layout (as from a data frame); the
    /// names and cell formats are those of CSV. `source` names the input in
    /// errors, and row `i` is reported as line `i + 1`.
    pub fn load_columns(
        &mut self,
        columns: &[io::Column<'_>],
        source: &str,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let parsed = io::parse_columns(
            columns,
            source,
            options.pseudonymizer.as_ref(),
            &self.check(options),
        );
        self.add_all(parsed, &Location::source(source), true, options)
    }

    /// Reads a JSON Lines file into a new register, all or nothing.
    pub fn read_jsonl(path: impl AsRef<Path>, taxonomy: Taxonomy) -> Result<Register> {
        let path = path.as_ref();
        let mut register = Register::new(taxonomy);
        register.load_jsonl(
            &io::read(path)?,
            &path.display().to_string(),
            &LoadOptions::default(),
        )?;
        Ok(register)
    }

    /// Reads a CSV file into a new register, all or nothing.
    pub fn read_csv(path: impl AsRef<Path>, taxonomy: Taxonomy) -> Result<Register> {
        let path = path.as_ref();
        let mut register = Register::new(taxonomy);
        register.load_csv(
            &io::read(path)?,
            &path.display().to_string(),
            &LoadOptions::default(),
        )?;
        Ok(register)
    }

    /// The statistics of the inquiries received in one year (the same as
    /// [`YearStats::of`] over the records, computed from a compact column),
    /// or a `RangeError` when no inquiry was received in it.
    pub fn year_stats(&self, year: i32) -> Result<YearStats> {
        let stats = facts::year_stats(year, &self.facts, &self.codes);
        if stats.registrations() == 0 {
            return Err(crate::stats::no_year(year));
        }
        Ok(stats)
    }

    /// The statistics of every year; the same as [`Stats::of`] over the
    /// records, computed from a compact column.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::{sample, Stats};
    /// let register = sample();
    /// assert_eq!(register.stats(), Stats::of(register.iter()));
    /// ```
    pub fn stats(&self) -> Stats {
        facts::stats(&self.facts, &self.codes)
    }

    /// All records of one citizen, for a subject-access request (indsigt,
    /// GDPR art. 15).
    pub fn subject_access(&self, citizen: &str) -> Vec<&Inquiry> {
        self.items.iter().filter(|i| i.citizen == citizen).collect()
    }

    /// Erases all records of one citizen, and the history of their
    /// rectifications (GDPR art. 17, and the end of retention), and returns
    /// a receipt. Erasing a citizen with no records gives an empty receipt.
    pub fn erase(&mut self, citizen: &str, on: NaiveDate) -> ErasureReceipt {
        let (gone, kept): (Vec<Inquiry>, Vec<Inquiry>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|i| i.citizen == citizen);
        self.items = kept;
        self.facts = self.items.iter().map(|i| self.codes.fact(i)).collect();
        self.ids = Ids::of(&self.items);
        let ids: Vec<String> = gone.iter().map(|i| i.id.to_string()).collect();
        let before = self.history.len();
        self.history.retain(|h| !ids.contains(&h.id));
        ErasureReceipt {
            on,
            basis: "databeskyttelsesforordningen art. 17".into(),
            count: ids.len(),
            history_entries: before - self.history.len(),
            ids,
        }
    }

    /// Corrects a record (GDPR art. 16) with a JSON merge patch of fields in
    /// the record format (`null` removes an optional field). The corrected
    /// record is validated like any other, the id cannot change, and the
    /// previous values are kept in [`Register::history`]. On error nothing
    /// changes.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::sample;
    /// let mut register = sample();
    /// let patch = serde_json::json!({"category": "teknik-miljoe"});
    /// register.rectify("EBJ-2022-0001", patch.as_object().unwrap(), "2023-01-05".parse().unwrap()).unwrap();
    /// assert_eq!(register.get("EBJ-2022-0001").unwrap().category, "teknik-miljoe");
    /// assert_eq!(register.history("EBJ-2022-0001").len(), 1);
    /// ```
    pub fn rectify(
        &mut self,
        id: &str,
        patch: &serde_json::Map<String, serde_json::Value>,
        on: NaiveDate,
    ) -> Result<()> {
        let at = Location::source("rectification").with_record(id);
        let pos = self
            .items
            .iter()
            .position(|i| i.id == id)
            .ok_or_else(|| Error::Validation {
                at: at.clone(),
                field: "id".into(),
                reason: "no record with this id".into(),
            })?;
        if patch.get("id").is_some_and(|v| v.as_str() != Some(id)) {
            return Err(Error::Validation {
                at,
                field: "id".into(),
                reason: "the id of a record cannot be changed".into(),
            });
        }
        let mut json = serde_json::to_value(&self.items[pos]).expect("a record serialises");
        let obj = json.as_object_mut().expect("a record is an object");
        let mut previous = serde_json::Map::new();
        for (k, v) in patch {
            previous.insert(
                k.clone(),
                obj.get(k).cloned().unwrap_or(serde_json::Value::Null),
            );
            if v.is_null() {
                obj.remove(k);
            } else {
                obj.insert(k.clone(), v.clone());
            }
        }
        let fixed: Inquiry =
            io::from_json(&json.to_string(), "rectification").map_err(|e| e.located(&at))?;
        let fixed = self.check(&LoadOptions::default())(fixed).map_err(|e| e.located(&at))?;
        self.facts[pos] = self.codes.fact(&fixed);
        self.items[pos] = fixed;
        self.history.push(Rectification {
            id: id.to_string(),
            on,
            previous,
        });
        Ok(())
    }

    /// The rectifications of a record, oldest first.
    pub fn history(&self, id: &str) -> Vec<&Rectification> {
        self.history.iter().filter(|h| h.id == id).collect()
    }

    /// Saves the register as a JSON Lines file.
    pub fn save_jsonl(&self, path: impl AsRef<Path>) -> Result<()> {
        self.write_jsonl(io::create(path.as_ref())?)
    }

    /// Saves the register as a CSV file.
    pub fn save_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        self.write_csv(io::create(path.as_ref())?)
    }

    /// Writes the register as JSON Lines.
    pub fn write_jsonl(&self, w: impl std::io::Write) -> Result<()> {
        io::write_jsonl(w, self.items.iter()).map_err(|e| Error::Io {
            path: "jsonl output".into(),
            reason: e.to_string(),
        })
    }

    /// Writes the register as CSV.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        io::write_csv(w, self.items.iter())
    }

    /// Validates one record and makes it share the taxonomy's copy of its
    /// category code.
    fn check(&self, options: &LoadOptions) -> impl Fn(Inquiry) -> Result<Inquiry> + Sync + '_ {
        let as_of = options.as_of;
        move |mut r: Inquiry| {
            r.validate(&self.taxonomy, as_of)?;
            if let Some(code) = self.taxonomy.canonical(&r.category) {
                r.category = code.clone();
            }
            Ok(r)
        }
    }

    /// Adds checked records unless an id repeats; all or nothing unless
    /// collecting.
    fn add_all(
        &mut self,
        parts: io::Parsed,
        source: &Location,
        has_lines: bool,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let before = self.items.len();
        let total = parts.iter().map(Vec::len).sum();
        self.items.reserve(total);
        self.facts.reserve(total);
        self.ids.reserve(total);
        let mut rejected = Vec::new();
        for (line, record) in parts.into_iter().flatten() {
            let at = || {
                if has_lines {
                    source.at_line(line)
                } else {
                    source.clone()
                }
            };
            let record = record.and_then(|r| {
                if !self.ids.insert(&r.id, self.items.len(), &self.items) {
                    let at = at().with_record(&r.id);
                    return Err(Error::Validation {
                        at,
                        field: "id".into(),
                        reason: "duplicates an id already in the register".into(),
                    });
                }
                Ok(r)
            });
            match record {
                Ok(r) => {
                    self.facts.push(self.codes.fact(&r));
                    self.items.push(r);
                }
                Err(e) if options.on_error == OnError::Raise => {
                    // Undo: nothing of a failed load stays in the register.
                    self.facts.truncate(before);
                    self.items.truncate(before);
                    self.ids = Ids::of(&self.items);
                    return Err(e.located(&at()));
                }
                Err(e) => rejected.push(Rejected {
                    line: has_lines.then_some(line),
                    error: e.located(&at()),
                }),
            }
        }
        Ok(rejected)
    }
}

impl<'a> IntoIterator for &'a Register {
    type Item = &'a Inquiry;
    type IntoIter = std::slice::Iter<'a, Inquiry>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_whose_hashes_collide_are_kept_apart() {
        let items: Vec<Inquiry> = crate::sample::sample_inquiries()
            .into_iter()
            .take(2)
            .collect();
        let mut ids = Ids::default();
        // Pretend the second id hashes like the first.
        ids.by_hash.insert(fingerprint(&items[1].id), 0);
        assert!(ids.insert(&items[1].id, 1, &items));
        assert!(
            !ids.insert(&items[1].id, 1, &items),
            "a true duplicate is still refused"
        );
        assert_eq!(ids.position(&items[1].id, &items), Some(1));
        assert_eq!(
            ids.position(&items[0].id, &items),
            None,
            "the first id was never recorded"
        );
    }
}
