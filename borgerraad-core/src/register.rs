//! The register: the validated collection of inquiries.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::base::error::{Error, Location, Result};
use crate::base::hash::{self, fingerprint};
use crate::base::parallel;
use crate::base::text;
use crate::codes::CodeLists;
use crate::document;
use crate::inquiry::Inquiry;
use crate::office::Office;
use crate::privacy::Pseudonymizer;
use crate::record;
use crate::stats::facts::{self, Codes, Fact};
use crate::stats::Stats;

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
    /// The most memory, in bytes, a load may take for its new records
    /// (`None`: no limit). It is checked before anything is read, against
    /// the most records the input could hold (a JSON Lines record takes at
    /// least 128 bytes, a CSV row 32) at [`Register::BYTES_PER_RECORD`]
    /// each; a load over it fails with a `RangeError`, whatever `on_error`
    /// says. A load that finds no memory fails the same way, never aborts.
    pub memory_budget: Option<usize>,
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
/// register's office (its taxonomy and code lists), and ids are unique.
///
/// # Example
/// ```
/// use borgerraad_core::{LoadOptions, Profile, Register};
/// let jsonl = r#"{"id":"A-1","citizen":"kxqb","received":"2022-01-03","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}
/// {"id":"A-2","citizen":"kxqb","received":"2022-01-02","closed":"2022-01-01","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}"#;
/// let mut register = Register::new(Profile::esbjerg());
/// let err = register.load_jsonl(jsonl.as_bytes(), "export.jsonl", &LoadOptions::default()).unwrap_err();
/// assert_eq!(err.to_string(),
///     "export.jsonl:2: record `A-2`: field `closed`: closed 2022-01-01 before it was received 2022-01-02");
/// assert!(register.is_empty()); // all or nothing
/// ```
#[derive(Debug, Clone)]
pub struct Register {
    office: Arc<Office>,
    items: Vec<Inquiry>,
    /// The statistics' compact view of each item, beside the items.
    facts: Vec<Fact>,
    /// The codes the facts refer to by number.
    codes: Codes,
    ids: Ids,
    history: Vec<Rectification>,
}

/// The ids of a register, for duplicate checks and look-ups: the 64-bit
/// fingerprint of each id with its record's position, sorted by fingerprint
/// and, where distinct ids share one, by the ids themselves. Loading sorts
/// the new ids and merges them in one pass, which is much faster than a
/// hash map's random inserts; a look-up is a binary search. The
/// fingerprint is not keyed, so ids can be crafted to share one: whole ids
/// are compared then, in `k log k` for `k` such ids (never `k²`).
#[derive(Debug, Clone, Default)]
struct Ids {
    sorted: Vec<(u64, u32)>,
}

impl Ids {
    fn of(items: &[Inquiry]) -> Ids {
        let mut ids = Ids {
            sorted: sorted_ids(items, 0),
        };
        ids.sort_collisions(items);
        ids
    }

    /// Sorts each run of equal fingerprints by id (almost always there is
    /// none: one pass that finds nothing to do).
    fn sort_collisions(&mut self, items: &[Inquiry]) {
        let sorted = &mut self.sorted;
        let mut i = 1;
        while i < sorted.len() {
            if sorted[i].0 != sorted[i - 1].0 {
                i += 1;
                continue;
            }
            let (from, fp) = (i - 1, sorted[i].0);
            let end = i + sorted[i..].iter().take_while(|e| e.0 == fp).count();
            sorted[from..end]
                .sort_unstable_by(|a, b| items[a.1 as usize].id.cmp(&items[b.1 as usize].id));
            i = end + 1;
        }
    }

    fn position(&self, id: &str, items: &[Inquiry]) -> Option<usize> {
        let fp = fingerprint(id);
        let from = self.sorted.partition_point(|e| e.0 < fp);
        let run = &self.sorted[from..];
        let run = &run[..run.partition_point(|e| e.0 == fp)];
        let at = run
            .binary_search_by(|e| items[e.1 as usize].id.as_str().cmp(id))
            .ok()?;
        Some(run[at].1 as usize)
    }
}

/// The fingerprint of each record's id with its position (`first` for the
/// first record), sorted by fingerprint, equal ones in position order.
fn sorted_ids(records: &[Inquiry], first: usize) -> Vec<(u64, u32)> {
    let mut ids: Vec<(u64, u32)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (fingerprint(&r.id), (first + i) as u32))
        .collect();
    hash::sort_by_key(&mut ids, |e| e.0);
    ids
}

/// The new records of consecutive parts of a load, indexed on a thread of
/// their own: their facts (numbering codes of their own) and sorted ids.
struct Indexed {
    part: record::Part,
    /// The position of the part's first record.
    first: usize,
    facts: Vec<Fact>,
    codes: Codes,
    ids: Vec<(u64, u32)>,
}

/// Indexes the records `items[first..]`, which the parts tell in order:
/// one job for each thread, over consecutive parts (fewer sorted lists of
/// ids to merge afterwards).
fn index(
    items: &[Inquiry],
    first: usize,
    parts: Vec<record::Part>,
    lists: &CodeLists,
) -> Vec<Indexed> {
    let per_job = parts.len().div_ceil(parallel::threads(parts.len())).max(1);
    let mut parts = parts.into_iter().peekable();
    let (mut jobs, mut at) = (Vec::new(), first);
    while parts.peek().is_some() {
        let group: Vec<record::Part> = parts.by_ref().take(per_job).collect();
        let n: usize = group.iter().map(|p| p.lines.len()).sum();
        jobs.push((group, at, &items[at..at + n]));
        at += n;
    }
    parallel::in_parallel(jobs, |(group, first, records)| {
        let (facts, codes) =
            facts::of(lists, records).expect("validated records have the office's codes");
        Indexed {
            ids: sorted_ids(records, first),
            part: record::Part::join(group),
            first,
            facts,
            codes,
        }
    })
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
    /// How many rectification entries about them were erased with them: the
    /// entries of their records, and those of other records that held their
    /// key as the previous `citizen` (the key is taken out of these).
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

impl Rectification {
    /// Whether the entry holds `citizen` as the record's previous key.
    fn names(&self, citizen: &str) -> bool {
        self.previous.get("citizen").and_then(|v| v.as_str()) == Some(citizen)
    }
}

impl Register {
    /// The memory a record takes in a register, in bytes, as
    /// [`LoadOptions::memory_budget`] counts it: the record, its facts for
    /// the statistics, and its place in the index of ids (kept and merged).
    pub const BYTES_PER_RECORD: usize = std::mem::size_of::<Inquiry>()
        + std::mem::size_of::<Fact>()
        + 2 * std::mem::size_of::<(u64, u32)>()
        + std::mem::size_of::<u64>();

    /// An empty register of an office with `office`.
    pub fn new(office: impl Into<Office>) -> Register {
        Register {
            office: Arc::new(office.into()),
            items: Vec::new(),
            facts: Vec::new(),
            codes: Codes::default(),
            ids: Ids::default(),
            history: Vec::new(),
        }
    }

    /// The office records are validated against and counted with.
    pub fn office(&self) -> &Office {
        &self.office
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
        let records: Vec<Inquiry> = records.into_iter().collect();
        let room = records.len();
        self.load(None, options, room, |check, items| {
            record::parse_into(items, vec![(records, room)], |records, sink| {
                for (i, r) in records.into_iter().enumerate() {
                    sink.push(i as u64 + 1, Ok(r), check, Location::default);
                }
            })
        })
    }

    /// Loads JSON Lines from bytes; `source` names the input in errors.
    pub fn load_jsonl(
        &mut self,
        bytes: &[u8],
        source: &str,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let most = record::most_records(bytes.len(), record::MIN_JSONL_RECORD);
        self.load(Some(source), options, most, |check, items| {
            record::parse_jsonl(bytes, source, check, items)
        })
    }

    /// Loads CSV from bytes (see [`record::CSV_COLUMNS`]); `source` names the input in errors.
    pub fn load_csv(
        &mut self,
        bytes: &[u8],
        source: &str,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let pseudo = options.pseudonymizer.as_ref();
        let most = record::most_records(bytes.len(), record::MIN_CSV_ROW);
        self.load(Some(source), options, most, |check, items| {
            record::parse_csv(bytes, source, pseudo, check, items)
        })
    }

    /// Loads columns in the Arrow string layout (as from a data frame); the
    /// names and cell formats are those of CSV. `source` names the input in
    /// errors, and row `i` is reported as line `i + 1`.
    pub fn load_columns(
        &mut self,
        columns: &[record::Column<'_>],
        source: &str,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let pseudo = options.pseudonymizer.as_ref();
        let most = columns.first().map_or(0, record::Column::rows);
        self.load(Some(source), options, most, |check, items| {
            record::parse_columns(columns, source, pseudo, check, items)
        })
    }

    /// Runs `parse`, which appends the records it reads (each after the
    /// register's check) to the records it is given, then keeps them or
    /// takes them back ([`Register::add_all`]). Errors name `source`, and a
    /// line, when there is a source. `most` is the most records the input
    /// can hold, for [`LoadOptions::memory_budget`].
    fn load(
        &mut self,
        source: Option<&str>,
        options: &LoadOptions,
        most: usize,
        parse: impl FnOnce(&record::Check<'_>, &mut Vec<Inquiry>) -> Vec<record::Part>,
    ) -> Result<Vec<Rejected>> {
        if let Some(budget) = options.memory_budget {
            let need = most.saturating_mul(Self::BYTES_PER_RECORD);
            if need > budget {
                return Err(record::out_of_memory(format!(
                    "the input can hold {most} records, up to {need} bytes, over the memory budget of {budget} bytes"
                )));
            }
        }
        let first = self.items.len();
        let parts = parse(&checker(&self.office, options), &mut self.items);
        // A load that found no memory fails as a whole (records fail with
        // parse and validation errors only), and so does an input that
        // cannot be read at all (no header, no records), even when
        // collecting.
        let whole = parts
            .iter()
            .filter(|p| p.whole)
            .flat_map(|p| &p.errors)
            .next()
            .or_else(|| {
                parts
                    .iter()
                    .flat_map(|p| &p.errors)
                    .find(|e| matches!(e.1, Error::Range { .. }))
            });
        if let Some((_, e)) = whole {
            let e = e.clone();
            self.items.truncate(first);
            let at = source.map_or_else(Location::default, Location::source);
            return Err(e.located(&at));
        }
        let at = source.map_or_else(Location::default, Location::source);
        self.add_all(first, parts, &at, source.is_some(), options)
    }

    /// Reads a JSON Lines file into a new register, all or nothing.
    pub fn read_jsonl(path: impl AsRef<Path>, office: impl Into<Office>) -> Result<Register> {
        let path = path.as_ref();
        let mut register = Register::new(office);
        register.load_jsonl(
            &document::read(path)?,
            &path.display().to_string(),
            &LoadOptions::default(),
        )?;
        Ok(register)
    }

    /// Reads a CSV file into a new register, all or nothing.
    pub fn read_csv(path: impl AsRef<Path>, office: impl Into<Office>) -> Result<Register> {
        let path = path.as_ref();
        let mut register = Register::new(office);
        register.load_csv(
            &document::read(path)?,
            &path.display().to_string(),
            &LoadOptions::default(),
        )?;
        Ok(register)
    }

    /// The statistics of every year, counted with the register's office;
    /// the same as [`Stats::of`] over the records, computed from a compact
    /// column.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::{sample, stats::Stats};
    /// let register = sample();
    /// assert_eq!(register.stats(), Stats::of(register.office(), register.iter()).unwrap());
    /// ```
    pub fn stats(&self) -> Stats {
        Stats::from_facts(self.office.clone(), &self.facts, &self.codes, None)
    }

    /// Statistics of the given years only (the others are not counted),
    /// as [`Register::stats`] would give them: for one year's figures of a
    /// register of many years, this counts a fraction of the inquiries.
    ///
    /// ```
    /// use borgerraad_core::sample;
    /// let register = sample();
    /// let only = register.stats_of_years(&[2019]);
    /// assert_eq!(only.years(), [2019]);
    /// assert_eq!(only.year(2019).unwrap(), register.stats().year(2019).unwrap());
    /// ```
    pub fn stats_of_years(&self, years: &[i32]) -> Stats {
        Stats::from_facts(self.office.clone(), &self.facts, &self.codes, Some(years))
    }

    /// All records of one citizen, for a subject-access request (indsigt,
    /// GDPR art. 15); what the rectification history holds about them is
    /// [`Register::subject_history`]. The key is trimmed and put in NFC, as
    /// keys are on loading.
    pub fn subject_access(&self, citizen: &str) -> Vec<&Inquiry> {
        let citizen = text::to_citizen_key(citizen);
        self.items
            .iter()
            .filter(|i| i.citizen == *citizen)
            .collect()
    }

    /// What the rectification history holds about one citizen, for a
    /// subject-access request (GDPR art. 15), oldest first: the
    /// rectifications of their records, and those of other records that
    /// were theirs before a rectification moved them (the previous
    /// `citizen` is their key).
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::sample;
    /// let mut register = sample();
    /// let first = register.get("EBJ-2022-0001").unwrap().citizen.clone();
    /// let patch = serde_json::json!({"citizen": "another-key"});
    /// register.rectify("EBJ-2022-0001", patch.as_object().unwrap(), "2023-01-05".parse().unwrap()).unwrap();
    /// // The record is no longer theirs, but the history names them.
    /// assert!(register.subject_access(&first).iter().all(|i| i.id != "EBJ-2022-0001"));
    /// assert_eq!(register.subject_history(&first).len(), 1);
    /// assert_eq!(register.subject_history("another-key").len(), 1);
    /// ```
    pub fn subject_history(&self, citizen: &str) -> Vec<&Rectification> {
        let citizen = text::to_citizen_key(citizen);
        self.history
            .iter()
            .filter(|h| self.holds(&h.id, &citizen) || h.names(&citizen))
            .collect()
    }

    /// Erases all records of one citizen and the history of their
    /// rectifications (GDPR art. 17, and the end of retention), and returns
    /// a receipt. A rectification of another record whose previous
    /// `citizen` was theirs keeps its other fields but loses their key (and
    /// goes when nothing else is left). Erasing a citizen with no records
    /// or history gives an empty receipt. The key is trimmed and put in NFC,
    /// as keys are on loading.
    pub fn erase(&mut self, citizen: &str, on: NaiveDate) -> ErasureReceipt {
        let citizen = text::to_citizen_key(citizen);
        // The history first, while the register still holds their records.
        let mut history = std::mem::take(&mut self.history);
        let mut history_entries = 0;
        history.retain_mut(|h| {
            if self.holds(&h.id, &citizen) {
                history_entries += 1;
                return false;
            }
            if h.names(&citizen) {
                history_entries += 1;
                h.previous.remove("citizen");
            }
            !h.previous.is_empty()
        });
        self.history = history;
        let (gone, kept): (Vec<Inquiry>, Vec<Inquiry>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|i| i.citizen == *citizen);
        self.items = kept;
        (self.facts, self.codes) = facts::of(self.office.codes(), &self.items)
            .expect("validated records have the office's codes");
        self.ids = Ids::of(&self.items);
        let ids: Vec<String> = gone.iter().map(|i| i.id.to_string()).collect();
        ErasureReceipt {
            on,
            basis: "databeskyttelsesforordningen art. 17".into(),
            count: ids.len(),
            history_entries,
            ids,
        }
    }

    /// Whether the record `id` is in the register and is `citizen`'s (a
    /// look-up in the ids' index: ids crafted to collide cost no more).
    fn holds(&self, id: &str, citizen: &str) -> bool {
        (self.ids.position(id, &self.items)).is_some_and(|p| self.items[p].citizen == citizen)
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
        let mut fixed = record::read_record(&json.to_string(), &mut Default::default())
            .map_err(|e| e.located(&at))?;
        if let Some(key) = text::citizen_key(&fixed.citizen) {
            fixed.citizen = key;
        }
        fixed
            .validate(self.office.taxonomy(), self.office.codes(), None)
            .map_err(|e| e.located(&at))?;
        self.facts[pos] = self
            .codes
            .fact(self.office.codes(), &fixed)
            .map_err(|e| e.located(&at))?;
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
        self.write_jsonl(document::create(path.as_ref())?)
    }

    /// Saves the register as a CSV file.
    pub fn save_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        self.write_csv(document::create(path.as_ref())?)
    }

    /// Writes the register as JSON Lines.
    pub fn write_jsonl(&self, w: impl std::io::Write) -> Result<()> {
        record::write_jsonl(w, self.items.iter()).map_err(|e| Error::Io {
            path: "jsonl output".into(),
            reason: e.to_string(),
        })
    }

    /// Writes the register as CSV. A cell that a spreadsheet would run as a
    /// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return) is written with a leading `'`, which the spreadsheet shows as
    /// text and [`Register::load_csv`] takes off again (OWASP, "CSV
    /// Injection").
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        record::write_csv(w, self.items.iter())
    }

    /// Keeps the new records `items[first..]` (told by `parts`) unless one
    /// failed or repeats an id: all or nothing unless collecting.
    ///
    /// The parts are indexed on the threads (facts, sorted ids); then the
    /// new ids are checked against the register's and each other's, and
    /// only then are the indexes merged.
    fn add_all(
        &mut self,
        first: usize,
        parts: Vec<record::Part>,
        source: &Location,
        has_lines: bool,
        options: &LoadOptions,
    ) -> Result<Vec<Rejected>> {
        let mut parts = index(&self.items, first, parts, self.office.codes());
        let at = |line: u64| match has_lines {
            true => source.at_line(line),
            false => source.clone(),
        };
        let mut failed: Vec<(u64, Error)> = parts
            .iter_mut()
            .flat_map(|p| std::mem::take(&mut p.part.errors))
            .collect();
        let mut new_ids = merged_ids(&mut parts);
        let duplicates = self.duplicates(&new_ids);
        for &pos in &duplicates {
            let error = Error::Validation {
                at: Location::default().with_record(&self.items[pos].id),
                field: "id".into(),
                reason: "duplicates an id already in the register".into(),
            };
            let p = part_of(&parts, pos);
            failed.push((p.part.lines[pos - p.first], error));
        }
        failed.sort_by_key(|f| f.0);
        let mut rejected = failed.into_iter().map(|(line, error)| Rejected {
            line: has_lines.then_some(line),
            error: error.located(&at(line)),
        });
        if options.on_error == OnError::Raise {
            if let Some(first_error) = rejected.next() {
                self.items.truncate(first);
                return Err(first_error.error);
            }
        }
        let rejected = rejected.collect();
        if !duplicates.is_empty() {
            // Drop the repeats and index the rest again (rare; the lines are
            // not needed any more).
            let mut pos = 0;
            self.items.retain(|_| {
                pos += 1;
                pos <= first || duplicates.binary_search(&(pos - 1)).is_err()
            });
            let rest = record::Part {
                lines: vec![0; self.items.len() - first],
                ..record::Part::default()
            };
            parts = index(&self.items, first, vec![rest], self.office.codes());
            new_ids = merged_ids(&mut parts);
        }
        for p in parts {
            let map = self.codes.absorb(&p.codes);
            let mut facts = p.facts;
            if !map.is_identity() {
                facts.iter_mut().for_each(|f| f.renumber(&map));
            }
            // The first part of an empty register is kept, not copied.
            if self.facts.is_empty() {
                self.facts = facts;
            } else {
                self.facts.extend_from_slice(&facts);
            }
        }
        self.ids.sorted = if self.ids.sorted.is_empty() {
            new_ids
        } else {
            hash::merge(&self.ids.sorted, &new_ids)
        };
        self.ids.sort_collisions(&self.items);
        Ok(rejected)
    }

    /// The positions of new records (sorted by id fingerprint in `new_ids`)
    /// whose id is already in the register, or in an earlier new record (the
    /// first keeps it), in order.
    fn duplicates(&self, new_ids: &[(u64, u32)]) -> Vec<usize> {
        let id = |pos: usize| self.items[pos].id.as_str();
        let old = &self.ids.sorted;
        let mut duplicates = Vec::new();
        // Both lists are sorted: walk them side by side, one run of equal
        // fingerprints at a time.
        let (mut run, mut o) = (0, 0);
        while run < new_ids.len() {
            let fp = new_ids[run].0;
            let end = run + new_ids[run..].iter().take_while(|e| e.0 == fp).count();
            while o < old.len() && old[o].0 < fp {
                o += 1;
            }
            let same = old[o..].iter().take_while(|e| e.0 == fp).count();
            // Almost always no other id has this fingerprint.
            if end > run + 1 || same > 0 {
                let old_run = old[o..o + same].iter().map(|e| e.1 as usize);
                let new_run = new_ids[run..end].iter().map(|e| e.1 as usize);
                duplicates.extend(repeats(old_run, new_run, id));
            }
            run = end;
        }
        duplicates.sort_unstable();
        duplicates
    }
}

/// Within one run of equal id fingerprints: the positions in `new` whose
/// id (`id(pos)`) is that of a position in `old` (whose ids are distinct),
/// or of an earlier position in `new`. The run is sorted by the ids
/// themselves, so that crafted ids sharing one fingerprint cost
/// `k log k` comparisons of ids, not `k²`; `id` is called once a position.
fn repeats<'a>(
    old: impl Iterator<Item = usize>,
    new: impl Iterator<Item = usize>,
    id: impl Fn(usize) -> &'a str,
) -> Vec<usize> {
    // (id, new?, position): an old record comes first among equal ids,
    // then the new ones in position order.
    let mut run: Vec<(&str, bool, usize)> = old
        .map(|p| (id(p), false, p))
        .chain(new.map(|p| (id(p), true, p)))
        .collect();
    run.sort_unstable();
    run.windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[1].2)
        .collect()
}

/// Validates one record.
fn checker<'a>(
    office: &'a Office,
    options: &LoadOptions,
) -> impl Fn(&Inquiry) -> Result<()> + Sync + 'a {
    let as_of = options.as_of;
    move |r: &Inquiry| r.validate(office.taxonomy(), office.codes(), as_of)
}

/// The sorted ids of all parts.
fn merged_ids(parts: &mut [Indexed]) -> Vec<(u64, u32)> {
    parts
        .iter_mut()
        .map(|p| std::mem::take(&mut p.ids))
        .reduce(|all, ids| hash::merge(&all, &ids))
        .unwrap_or_default()
}

/// The part that holds the record at position `pos`.
fn part_of(parts: &[Indexed], pos: usize) -> &Indexed {
    let i = parts.partition_point(|p| p.first <= pos) - 1;
    &parts[i]
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
    use std::collections::HashSet;

    /// Thousands of distinct ids with one real fingerprint load, are told
    /// apart (a repeat among them is refused, the rest found by id), and
    /// the index keeps them sorted by id: look-ups are binary searches
    /// and the duplicate check sorts them ([`repeats`]), `k log k`
    /// comparisons of ids where comparing each pair would be `k² / 2`.
    #[test]
    fn crafted_ids_that_share_a_fingerprint_load_and_are_found() {
        let k = 3000;
        let ids = hash::colliding_keys(k + 1);
        let fp = fingerprint(&ids[0]);
        assert!(ids.iter().all(|id| fingerprint(id) == fp));
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), k + 1);
        let template = crate::sample::sample_inquiries().swap_remove(0);
        let record = |id: &String| {
            let mut r = template.clone();
            r.id = id.as_str().into();
            r
        };
        let mut register = Register::new(Office::default());
        let added = register
            .extend(ids[..2000].iter().map(record), &LoadOptions::default())
            .unwrap();
        assert!(added.is_empty());
        // Then 1 000 new ids, one id already in the register and one new
        // id twice; collecting refuses the two repeats.
        let mut more: Vec<Inquiry> = ids[2000..k].iter().map(record).collect();
        more.push(record(&ids[5]));
        more.push(record(&ids[2500]));
        let options = LoadOptions {
            on_error: OnError::Collect,
            ..LoadOptions::default()
        };
        let rejected = register.extend(more, &options).unwrap();
        let refused: Vec<String> = rejected.iter().map(|r| r.error.to_string()).collect();
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert!(refused[0].contains(&ids[5]) && refused[1].contains(&ids[2500]));
        assert_eq!(register.len(), k);
        let run: Vec<&str> = register
            .ids
            .sorted
            .iter()
            .filter(|e| e.0 == fp)
            .map(|e| register.items[e.1 as usize].id.as_str())
            .collect();
        assert_eq!(run.len(), k);
        assert!(run.windows(2).all(|w| w[0] < w[1]), "sorted by id");
        for id in &ids[..k] {
            assert_eq!(register.get(id).map(|r| r.id.as_str()), Some(id.as_str()));
        }
        assert!(
            register.get(&ids[k]).is_none(),
            "same fingerprint, not in it"
        );
        // Erasing keeps the order.
        let mut register = register.clone();
        register.erase(
            "nobody",
            chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
        );
        assert!(register.get(&ids[2999]).is_some());
    }

    #[test]
    fn ids_whose_fingerprints_collide_are_kept_apart() {
        let items: Vec<Inquiry> = crate::sample::sample_inquiries()
            .into_iter()
            .take(3)
            .collect();
        // Pretend the first two ids have the same fingerprint.
        let fp = fingerprint(&items[1].id);
        let ids = Ids {
            sorted: vec![(fp, 0), (fp, 1)],
        };
        assert_eq!(ids.position(&items[1].id, &items), Some(1));
        assert_eq!(
            ids.position(&items[0].id, &items),
            None,
            "not under its own fingerprint"
        );
        assert_eq!(ids.position(&items[2].id, &items), None);
    }

    #[test]
    fn duplicates_are_found_among_colliding_fingerprints() {
        let sample = crate::sample::sample_inquiries();
        let mut register = Register::new(Office::default());
        // Two records in the register and two new ones, all under one
        // pretended fingerprint; the last new one repeats the first id.
        register.items = vec![
            sample[0].clone(),
            sample[1].clone(),
            sample[2].clone(),
            sample[0].clone(),
        ];
        register.ids.sorted = vec![(7, 0), (7, 1)];
        assert_eq!(register.duplicates(&[(7, 2), (7, 3)]), vec![3]);
        assert_eq!(register.duplicates(&[(6, 2), (8, 3)]), Vec::<usize>::new());
    }

    /// Crafted ids that share one fingerprint: the run is checked by the
    /// ids themselves, with one look-up of an id a position (a pairwise
    /// check would take one for each pair: k² / 2).
    #[test]
    fn a_run_of_colliding_fingerprints_is_checked_near_linearly() {
        // Positions 0..3 are in the register with ids "a", "b", "c";
        // positions 3..k are new, with ids "n0", "n1", ..., except that
        // every 1000th new record repeats an id: position 3 + 1000 j
        // (j ≥ 1) takes "b", and position 3 + 1000 j + 1 takes the id of
        // position 3 + 1000 j - 1 (an earlier new record).
        let k = 4003;
        let ids: Vec<String> = (0..k)
            .map(|p| match p {
                0..=2 => ["a", "b", "c"][p].to_string(),
                p if p > 3 && (p - 3) % 1000 == 0 => "b".to_string(),
                p if p > 4 && (p - 4) % 1000 == 0 => format!("n{}", p - 2 - 3),
                p => format!("n{}", p - 3),
            })
            .collect();
        let calls = std::cell::Cell::new(0usize);
        let id = |p: usize| {
            calls.set(calls.get() + 1);
            ids[p].as_str()
        };
        let mut got = repeats(0..3, 3..k, id);
        got.sort_unstable();
        // By hand: the positions run to k - 1 = 4002, so j = 1, 2, 3.
        assert_eq!(got, [1003, 1004, 2003, 2004, 3003, 3004]);
        assert_eq!(calls.get(), k, "one look-up of an id a position");

        // The first new record with an id keeps it, even when it sorts after.
        let ids = ["x", "y", "x", "x"];
        assert_eq!(repeats(0..0, [3, 2, 0].into_iter(), |p| ids[p]), [2, 3]);
        assert_eq!(repeats(1..2, 2..4, |p| ids[p]), [3]);
        assert_eq!(
            repeats([0].into_iter(), 1..2, |p| ids[p]),
            Vec::<usize>::new()
        );
    }
}
