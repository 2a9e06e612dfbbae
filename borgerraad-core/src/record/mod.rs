//! The record format: JSON Lines (`record/json.rs`), and CSV and columns in
//! the Arrow layout (`record/cells.rs`), all reading the one declaration of
//! the record's fields (`record/fields.rs`).
//!
//! Parsing here only turns text into [`Inquiry`] values, with errors that
//! name the line and field; the register's rules live in
//! [`Inquiry::validate`] and [`crate::Register`].

mod cells;
mod fields;
mod json;

pub use cells::{csv_cells, Cells, Column};
pub(crate) use cells::{parse_columns, parse_csv, write_csv};
pub use fields::{Field, FieldKind, CSV_COLUMNS, FIELDS};
pub(crate) use json::{parse_jsonl, read_record, write_jsonl};

use std::mem::MaybeUninit;

use smol_str::SmolStr;

use crate::base::error::{Error, Location, Result};
use crate::base::hash::FastSet;
use crate::base::parallel::in_parallel;
use crate::inquiry::{ActionKind, Channel, Inquiry, Kind, Outcome, Requester};

/// The check each record passes before it is kept (validation against the
/// register's taxonomy).
pub(crate) type Check<'a> = dyn Fn(&Inquiry) -> Result<()> + Sync + 'a;

/// Trims the record's citizen key and puts it in NFC
/// ([`crate::base::text::citizen_key`]; every format and
/// [`crate::Register::extend`] come here), then checks the record with
/// `check`.
fn checked(r: &mut Inquiry, check: &Check<'_>) -> Result<()> {
    if let Some(key) = crate::base::text::citizen_key(&r.citizen) {
        r.citizen = key;
    }
    check(r)
}

/// What parsing one piece of the input (see [`pieces`]) gave besides the
/// records themselves, in input order: the line of each record read and
/// checked, and the lines that failed.
#[derive(Debug, Default)]
pub(crate) struct Part {
    /// The 1-based line (or row) of each record.
    pub(crate) lines: Vec<u64>,
    pub(crate) errors: Vec<(u64, Error)>,
    /// Whether the input failed as a whole (no header, no records): the
    /// load fails whatever `OnError` says.
    pub(crate) whole: bool,
}

impl Part {
    fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.errors.is_empty()
    }

    /// The parts one after the other, as one.
    pub(crate) fn join(parts: Vec<Part>) -> Part {
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        for part in parts {
            all.lines.extend(part.lines);
            all.errors.extend(part.errors);
            all.whole |= part.whole;
        }
        all
    }

    /// The parts of an input that failed as a whole (no header, no records).
    fn failed(at: Location, reason: &str) -> Vec<Part> {
        let line = at.line.unwrap_or(1);
        let error = Error::Parse {
            at,
            field: None,
            reason: reason.into(),
        };
        vec![Part {
            lines: Vec::new(),
            errors: vec![(line, error)],
            whole: true,
        }]
    }
}

/// Where the parsing of one piece puts what it reads: the records straight
/// into its share of the register's spare room, and their lines and
/// failures.
pub(crate) struct Sink<'a> {
    room: &'a mut [MaybeUninit<Inquiry>],
    part: Part,
    /// The codes this piece has read.
    pub(crate) codes: Interner,
}

impl Sink<'_> {
    /// Takes the record (or failure) of one line: the record goes straight
    /// into the room and stays there if it passes `check` (see
    /// [`checked`]), so that it is not moved once more; a failure is located
    /// at `at()` (what the error does not tell already).
    pub(crate) fn push(
        &mut self,
        line: u64,
        parsed: Result<Inquiry>,
        check: &Check<'_>,
        at: impl FnOnce() -> Location,
    ) {
        let written = self.part.lines.len();
        let error = match parsed {
            Ok(r) if written < self.room.len() => {
                match checked(self.room[written].write(r), check) {
                    Ok(()) => {
                        self.part.lines.push(line);
                        return;
                    }
                    Err(e) => {
                        // SAFETY: slot `written` was written just above,
                        // and it is not counted as a record (`lines` did
                        // not grow), so nothing else drops it.
                        unsafe { self.room[written].assume_init_drop() };
                        e.located(&at())
                    }
                }
            }
            Ok(_) => Error::Parse {
                at: Location::default(),
                field: None,
                reason: "more records than lines (a bug in borgerraad; please report it)".into(),
            },
            Err(e) => e.located(&at()),
        };
        self.part.errors.push((line, error));
    }
}

/// Runs `parse` on each job ([`in_parallel`]); job `j` writes at most
/// `room_j` records straight into `items`' spare room, so that no record is
/// copied after parsing. Afterwards the new records follow the old ones in
/// input order, and each part tells the lines of its records.
pub(crate) fn parse_into<J: Send>(
    items: &mut Vec<Inquiry>,
    jobs: Vec<(J, usize)>,
    parse: impl Fn(J, &mut Sink<'_>) + Sync,
) -> Vec<Part> {
    let rooms: Vec<usize> = jobs.iter().map(|j| j.1).collect();
    let room = rooms.iter().sum();
    if items.try_reserve(room).is_err() {
        // A whole-load failure (see `Register::load`), never an abort.
        let reason = format!("no memory for {room} more records");
        return vec![Part {
            lines: Vec::new(),
            errors: vec![(1, out_of_memory(reason))],
            whole: true,
        }];
    }
    let mut spare = items.spare_capacity_mut();
    let mut work = Vec::with_capacity(jobs.len());
    for (job, room) in jobs {
        let (mine, rest) = std::mem::take(&mut spare).split_at_mut(room);
        spare = rest;
        work.push((job, mine));
    }
    let parts = in_parallel(work, |(job, room)| {
        let mut sink = Sink {
            room,
            part: Part::default(),
            codes: Interner::default(),
        };
        parse(job, &mut sink);
        sink.part
    });
    // Each part wrote the first slots of its room; move them to follow the
    // previous part's (only where a part had blank or failed lines).
    let spare = items.spare_capacity_mut();
    let (mut filled, mut start) = (0, 0);
    for (part, room) in parts.iter().zip(rooms) {
        let n = part.lines.len();
        if start != filled {
            spare[filled..start + n].rotate_left(start - filled);
        }
        filled += n;
        start += room;
    }
    // SAFETY: the first `filled` spare slots hold records: each sink wrote
    // slots 0..n of its room in order (`Sink::push` writes slot `n`, then
    // counts it), and the rotations moved those slots, in order, to the
    // front without touching their contents.
    unsafe { items.set_len(items.len() + filled) };
    parts
}

/// The fewest bytes a JSON Lines record takes that passes the register's
/// check: the shortest is 134 bytes
/// (`{"id":"a","citizen":"a","received":"2022-01-01","municipality":"a","channel":"brev","requester":"anden","kind":"klage","category":"a"}`).
/// Room is reserved for at most one record per this many bytes of input,
/// so that blank lines cost no memory.
pub(crate) const MIN_JSONL_RECORD: usize = 128;

/// The fewest bytes of a CSV row that passes the check: eight cells, the
/// shortest `a,a,2022-01-01,a,brev,anden,klage,a` (35 bytes).
pub(crate) const MIN_CSV_ROW: usize = 32;

/// The most records `bytes` of input can hold, one per `min` bytes.
pub(crate) fn most_records(bytes: usize, min: usize) -> usize {
    bytes / min + 1
}

/// The error of a load that does not fit in memory or in its budget: the
/// whole load fails, whatever `OnError` says.
pub(crate) fn out_of_memory(reason: String) -> Error {
    Error::Range {
        what: "load".into(),
        value: "the input".into(),
        reason,
    }
}

/// The codes (category, site, topics, ...) one piece has read, so
/// that records share one copy of each. A code of up to 23 bytes sits inline
/// in its `SmolStr` anyway; a longer one, such as the category
/// `borger-arbejdsmarked/borgerservice/oekonomisk-hjaelp`, would otherwise
/// cost an allocation per record. Each piece has its own interner, so no
/// two threads count references to the same string. The codes are not
/// checked yet, so the input chooses them: at most [`Interner::MOST`] are
/// shared, which an office's codes are far from, and codes crafted to share
/// one FxHash cost at most that many comparisons each (a keyed hash would
/// cost every record about 2 % more instructions).
#[derive(Debug, Default)]
pub(crate) struct Interner {
    shared: FastSet<SmolStr>,
    /// The coded fields most recently read.
    pub(crate) channels: Recent<Channel>,
    pub(crate) requesters: Recent<Requester>,
    pub(crate) kinds: Recent<Kind>,
    pub(crate) outcomes: Recent<Outcome>,
    pub(crate) actions: Recent<ActionKind>,
}

/// The codes of one field read before, by their text, two for each length
/// up to 16 bytes: the rows of a register repeat their channels,
/// requesters and kinds, and comparing a short text with two is cheaper
/// than a look-up in the list.
#[derive(Debug)]
pub(crate) struct Recent<T>([[([u8; 16], Option<T>); 2]; 17]);

impl<T> Default for Recent<T> {
    fn default() -> Self {
        Recent(std::array::from_fn(|_| {
            std::array::from_fn(|_| ([0; 16], None))
        }))
    }
}

impl<T: std::str::FromStr<Err = Error> + Clone> Recent<T> {
    /// `s` as a code, from those read before with its length or else read.
    pub(crate) fn parse(&mut self, s: &str) -> Result<T> {
        let b = s.as_bytes();
        let Some(pair) = self.0.get_mut(b.len()) else {
            return s.parse();
        };
        for (text, known) in pair.iter() {
            if let Some(value) = known {
                if crate::codes::same_code(&text[..b.len()], b) {
                    return Ok(value.clone());
                }
            }
        }
        let value: T = s.parse()?;
        pair.swap(0, 1);
        pair[0].0[..b.len()].copy_from_slice(b);
        pair[0].1 = Some(value.clone());
        Ok(value)
    }
}

impl Interner {
    /// The most codes one interner shares.
    const MOST: usize = 256;

    /// `code` as a `SmolStr`, shared with the earlier ones equal to it.
    pub(crate) fn get(&mut self, code: &str) -> SmolStr {
        const INLINE: usize = 23; // the longest string a SmolStr holds inline
        if code.len() <= INLINE {
            return SmolStr::new(code);
        }
        if let Some(shared) = self.shared.get(code) {
            return shared.clone();
        }
        let shared = SmolStr::new(code);
        if self.shared.len() < Self::MOST {
            self.shared.insert(shared.clone());
        }
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;

    /// `k` distinct codes of 64 printable ASCII bytes that rustc-hash 2's
    /// FxHash (the unkeyed hash of `FastMap`) maps to one value. Its string
    /// hash mixes 16-byte chunks as `t = mix(s0 ^ x, C ^ y)` with a folded
    /// multiply, which is 0 whatever `y` is when `x == s0`: the third
    /// chunk's `s0` is the first chunk's `t`, so a first chunk whose `t` is
    /// printable (tried; about one in 3 000) lets the third chunk's `x` be
    /// `t`, and its `y` (bytes 40..48) be anything.
    fn fx_colliding_codes(k: usize) -> Vec<String> {
        const SEED1: u64 = 0x243f_6a88_85a3_08d3; // rustc-hash 2.1's constants
        const C: u64 = 0xa409_3822_299f_31d0;
        let mix = |x: u64, y: u64| {
            let full = u128::from(x) * u128::from(y);
            (full as u64) ^ ((full >> 64) as u64)
        };
        let printable = |w: u64| w.to_le_bytes().iter().all(u8::is_ascii_graphic);
        let (mut first, mut t1) = ([0u8; 16], 0);
        for n in 0u64.. {
            first[..8].copy_from_slice(b"kategori");
            first[8..].copy_from_slice(format!("{n:08}").as_bytes());
            let x = u64::from_le_bytes(first[..8].try_into().unwrap());
            let y = u64::from_le_bytes(first[8..].try_into().unwrap());
            t1 = mix(SEED1 ^ x, C ^ y);
            if printable(t1) {
                break;
            }
        }
        let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        (0..k as u64)
            .map(|n| {
                let mut code = first.to_vec();
                code.extend_from_slice(b"/andet-kapitel-");
                code.push(b'/');
                code.extend_from_slice(&t1.to_le_bytes());
                code.extend((0..8).map(|i| letters[(n / 52u64.pow(i) % 52) as usize]));
                code.extend_from_slice(b"/ens-slutning-16");
                String::from_utf8(code).unwrap()
            })
            .collect()
    }

    /// Codes are interned before they are checked, so the input chooses
    /// them: codes crafted to collide in FxHash are told apart, and only
    /// the first [`Interner::MOST`] are shared, so that each look-up
    /// compares with at most that many (20 000 such codes took 26 s in a
    /// debug build when all were shared).
    #[test]
    fn codes_crafted_to_collide_in_fxhash_are_interned() {
        use std::hash::BuildHasher;
        let codes = fx_colliding_codes(2000);
        let fx = |c: &String| rustc_hash::FxBuildHasher.hash_one(c);
        assert!(codes
            .iter()
            .all(|c| c.len() == 64 && fx(c) == fx(&codes[0])));
        assert_eq!(
            codes.iter().collect::<std::collections::HashSet<_>>().len(),
            2000
        );
        let mut interner = Interner::default();
        let first: Vec<_> = codes.iter().map(|c| interner.get(c)).collect();
        let again: Vec<_> = codes.iter().map(|c| interner.get(c)).collect();
        assert_eq!(interner.shared.len(), Interner::MOST);
        for (i, ((a, b), c)) in first.iter().zip(&again).zip(&codes).enumerate() {
            assert_eq!((a.as_str(), b.as_str()), (c.as_str(), c.as_str()));
            assert_eq!(a.as_ptr() == b.as_ptr(), i < Interner::MOST, "{i}");
        }
    }

    #[test]
    fn a_long_code_is_shared_and_a_short_one_inline() {
        let long = "borger-arbejdsmarked/borgerservice/oekonomisk-hjaelp";
        let mut codes = Interner::default();
        let (a, b) = (codes.get(long), codes.get(long));
        assert_eq!((a.as_str(), b.as_str()), (long, long));
        assert_eq!(a.as_ptr(), b.as_ptr(), "one copy of the long code");
        assert_eq!(codes.get("esbjerg"), "esbjerg");
        assert_eq!(codes.shared.len(), 1, "short codes sit inline, unshared");
    }

    #[test]
    fn blank_lines_reserve_no_room() {
        // A million newlines could hold no record; before, each reserved
        // room for one (248 bytes).
        let blank = vec![b'\n'; 1_000_000];
        let mut items = Vec::new();
        let check = |_: &crate::inquiry::Inquiry| Ok(());
        super::parse_jsonl(&blank, "blank.jsonl", &check, &mut items);
        // 1 000 000 / 128 = 7 812 records at most, and one more per piece.
        assert!(items.capacity() <= 7_812 + 64, "{}", items.capacity());
        let mut items = Vec::new();
        let mut csv = b"id,citizen,received,municipality,channel,requester,kind,category".to_vec();
        csv.extend_from_slice(&blank);
        super::parse_csv(&csv, "blank.csv", None, &check, &mut items);
        // (1 000 000 + 64) / 32 + 1 = 31 253
        assert!(items.capacity() <= 31_253, "{}", items.capacity());
    }
}
