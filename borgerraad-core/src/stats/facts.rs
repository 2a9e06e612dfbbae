//! The register's compact view of each record for statistics: the
//! figures the annual statistics count, with codes as small integers.
//!
//! All statistics are counted from facts: a register keeps them beside its
//! records, and [`Stats::of`] over other records makes them first. Reading
//! these 40-byte facts in order and counting into arrays is what makes the
//! statistics fast.

use chrono::Datelike;
use smallvec::SmallVec;
use smol_str::SmolStr;

use crate::base::error::{Error, Location, Result};
use crate::base::hash::fingerprint;
use crate::base::hash::FastMap;
use crate::codes::{CodeList, CodeLists};
use crate::inquiry::{Inquiry, Kind};
use crate::taxonomy::{area_of, department_of};

const NONE: u32 = u32::MAX;
/// The number of an absent outcome.
const NO_OUTCOME: u8 = u8::MAX;

/// One record, as the statistics see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fact {
    citizen: u64,
    pub(crate) year: i32,
    /// Days from received to closed; -1 while open.
    days_open: i32,
    category: u32,
    site: u32,
    target: u32,
    /// The number of the set of further categories, or `NONE`.
    others: u32,
    month: u8,
    kind: u8,
    requester: u8,
    channel: u8,
    outcome: u8,
}

/// The codes that facts refer to by number: categories, sites and targets
/// numbered as they come, and the sets of further categories. (Kinds,
/// requesters, channels and outcomes are numbered by their place in the
/// office's code lists.)
#[derive(Debug, Clone, Default)]
pub(crate) struct Codes {
    list: Vec<SmolStr>,
    index: FastMap<SmolStr, u32>,
    sets: Vec<SmallVec<[u32; 2]>>,
}

/// The place of a code in the office's list (`place`), or a
/// `ValidationError` naming the field.
fn place<C: std::ops::Deref<Target = str>>(
    place: Option<usize>,
    code: &C,
    field: &str,
    id: &str,
) -> Result<u8> {
    place.map(|p| p as u8).ok_or_else(|| Error::Validation {
        at: Location::default().with_record(id),
        field: field.into(),
        reason: format!(
            "`{}` is not a code of the office's {field}",
            crate::base::error::shorten(code)
        ),
    })
}

/// The numbers of codes held on the heap, by the address of their text,
/// for one pass over records that stay borrowed (so in place) all through
/// it. Records share such codes (clones of one, and the loaders' interner),
/// and an address is found faster than a text of 30 bytes is hashed.
type ByAddress = FastMap<usize, u32>;

impl Codes {
    fn number(&mut self, code: &SmolStr, by_address: &mut ByAddress) -> u32 {
        if !code.is_heap_allocated() {
            return self.number_text(code);
        }
        let address = code.as_ptr() as usize;
        if let Some(&n) = by_address.get(&address) {
            return n;
        }
        let n = self.number_text(code);
        by_address.insert(address, n);
        n
    }

    fn number_text(&mut self, code: &SmolStr) -> u32 {
        if let Some(&n) = self.index.get(code) {
            return n;
        }
        let n = self.list.len() as u32;
        self.list.push(code.clone());
        self.index.insert(code.clone(), n);
        n
    }

    /// The fact of a record, numbering any new code; a code not in the
    /// office's lists is a `ValidationError`.
    pub(crate) fn fact(&mut self, lists: &CodeLists, i: &Inquiry) -> Result<Fact> {
        self.fact_in_pass(lists, i, &mut ByAddress::default())
    }

    /// [`Codes::fact`] within a pass over records that all stay in place.
    fn fact_in_pass(
        &mut self,
        lists: &CodeLists,
        i: &Inquiry,
        by_address: &mut ByAddress,
    ) -> Result<Fact> {
        let others = match i.other_categories.is_empty() {
            true => NONE,
            false => {
                let set = (i.other_categories.iter())
                    .map(|c| self.number(c, by_address))
                    .collect();
                self.sets.push(set);
                self.sets.len() as u32 - 1
            }
        };
        Ok(Fact {
            citizen: fingerprint(&i.citizen),
            year: i.received.year(),
            days_open: i
                .days_open()
                .map_or(-1, |d| d.clamp(0, i32::MAX as i64) as i32),
            category: self.number(&i.category, by_address),
            site: (i.site.as_ref()).map_or(NONE, |s| self.number(s, by_address)),
            target: (i.referral.as_ref()).map_or(NONE, |r| self.number(&r.to, by_address)),
            others,
            month: i.received.month0() as u8,
            kind: place(i.kind.place_in(&lists.kinds), &i.kind, "kind", &i.id)?,
            requester: place(
                i.requester.place_in(&lists.requesters),
                &i.requester,
                "requester",
                &i.id,
            )?,
            channel: place(
                i.channel.place_in(&lists.channels),
                &i.channel,
                "channel",
                &i.id,
            )?,
            outcome: match &i.outcome {
                Some(o) => place(o.place_in(&lists.outcomes), o, "outcome", &i.id)?,
                None => NO_OUTCOME,
            },
        })
    }
}

impl Fact {
    /// Renumbers the codes and sets of another [`Codes`] as
    /// [`Codes::absorb`] numbered them here.
    pub(crate) fn renumber(&mut self, map: &Renumbering) {
        for n in [&mut self.category, &mut self.site, &mut self.target] {
            if *n != NONE {
                *n = map.codes[*n as usize];
            }
        }
        if self.others != NONE {
            self.others += map.first_set;
        }
    }
}

/// Where the codes and sets of another [`Codes`] went.
pub(crate) struct Renumbering {
    /// The number here of each code there.
    codes: Vec<u32>,
    /// The number here of the first set there.
    first_set: u32,
}

impl Renumbering {
    /// Whether nothing moves.
    pub(crate) fn is_identity(&self) -> bool {
        self.first_set == 0 && self.codes.iter().enumerate().all(|(i, &n)| i as u32 == n)
    }
}

impl Codes {
    /// Numbers the codes of `other` here (new ones after the known ones,
    /// in `other`'s order) and appends its sets.
    pub(crate) fn absorb(&mut self, other: &Codes) -> Renumbering {
        let codes: Vec<u32> = other.list.iter().map(|c| self.number_text(c)).collect();
        let first_set = self.sets.len() as u32;
        self.sets.extend(
            other
                .sets
                .iter()
                .map(|set| set.iter().map(|&n| codes[n as usize]).collect()),
        );
        Renumbering { codes, first_set }
    }
}

/// The facts of inquiries, with the codes they number.
pub(crate) fn of<'a>(
    lists: &CodeLists,
    inquiries: impl IntoIterator<Item = &'a Inquiry>,
) -> Result<(Vec<Fact>, Codes)> {
    let mut codes = Codes::default();
    let inquiries = inquiries.into_iter();
    // Room for all at once: collecting `Result`s would grow the vector
    // step by step (no size hint), copying the facts each time.
    let mut facts = Vec::with_capacity(inquiries.size_hint().0);
    let mut by_address = ByAddress::default();
    for i in inquiries {
        facts.push(codes.fact_in_pass(lists, i, &mut by_address)?);
    }
    Ok((facts, codes))
}

/// Counts indexed by a place in a code list: no bounds to check. A list
/// holds at most [`crate::codes::MAX_CODES`] codes, so every place is below
/// [`NO_OUTCOME`] (checked when compiling).
type ByPlace = [u64; 256];
const _: () = assert!(crate::codes::MAX_CODES < NO_OUTCOME as usize);

/// Counts of one year in arrays indexed by code number.
struct Dense {
    months: [u64; 12],
    kinds: ByPlace,
    requesters: ByPlace,
    channels: ByPlace,
    /// By outcome; [`NO_OUTCOME`] counts inquiries without one.
    outcomes: ByPlace,
    categories: Vec<u64>,
    /// The number of the kind `videresendelse` (forwarding).
    forwarding: Option<u8>,
    /// The primary category and further categories of each inquiry that
    /// concerns more than one.
    several: Vec<(u32, u32)>,
    sites: Vec<u64>,
    forwarded: Vec<u64>,
    referred: Vec<u64>,
    days_open: Vec<u64>,
    citizens: Vec<u64>,
}

impl Dense {
    fn new(codes: usize, forwarding: Option<u8>) -> Dense {
        Dense {
            forwarding,
            months: [0; 12],
            kinds: [0; 256],
            requesters: [0; 256],
            channels: [0; 256],
            outcomes: [0; 256],
            categories: vec![0; codes],
            several: Vec::new(),
            sites: vec![0; codes],
            forwarded: vec![0; codes],
            referred: vec![0; codes],
            days_open: Vec::new(),
            citizens: Vec::new(),
        }
    }

    fn add(&mut self, f: &Fact) {
        self.months[f.month as usize] += 1;
        self.kinds[f.kind as usize] += 1;
        self.requesters[f.requester as usize] += 1;
        self.channels[f.channel as usize] += 1;
        self.outcomes[f.outcome as usize] += 1;
        self.categories[f.category as usize] += 1;
        if f.others != NONE {
            self.several.push((f.category, f.others));
        }
        if f.site != NONE {
            self.sites[f.site as usize] += 1;
        }
        if f.target != NONE {
            let targets = if Some(f.kind) == self.forwarding {
                &mut self.forwarded
            } else {
                &mut self.referred
            };
            targets[f.target as usize] += 1;
        }
        if f.days_open >= 0 {
            let days = f.days_open as usize;
            if self.days_open.len() <= days {
                self.days_open.resize(days + 1, 0);
            }
            self.days_open[days] += 1;
        }
        self.citizens.push(f.citizen);
    }

    fn finish(self, codes: &Codes, lists: &CodeLists) -> YearCounts {
        let named = |counts: Vec<u64>| -> Vec<(String, u64)> {
            counts
                .into_iter()
                .enumerate()
                .filter(|(_, c)| *c > 0)
                .map(|(i, c)| (codes.list[i].to_string(), c))
                .collect()
        };
        let listed = |counts: &[u64], list: &CodeList| -> Vec<(String, u64)> {
            counts
                .iter()
                .zip(list.entries())
                .filter(|(c, _)| **c > 0)
                .map(|(c, e)| (e.code.clone(), *c))
                .collect()
        };
        let mut outcomes = listed(&self.outcomes, &lists.outcomes);
        let unrecorded = self.outcomes[usize::from(NO_OUTCOME)];
        if unrecorded > 0 {
            outcomes.push((NO_OUTCOME_CODE.to_string(), unrecorded));
        }
        YearCounts {
            kinds: listed(&self.kinds, &lists.kinds),
            requesters: listed(&self.requesters, &lists.requesters),
            channels: listed(&self.channels, &lists.channels),
            outcomes,
            also: also_concerned(&self.several, codes),
            months: self.months,
            citizens: self.citizens,
            coded: [
                named(self.categories),
                named(self.sites),
                named(self.forwarded),
                named(self.referred),
            ],
            days_open: self.days_open,
        }
    }
}

/// The code under which inquiries without an outcome are counted.
pub(crate) const NO_OUTCOME_CODE: &str = "ikke_registreret";

/// For each area (first) and each department (second), the inquiries that
/// concern it through a further category only (not through their primary
/// category or an earlier further one): what counting every category adds.
fn also_concerned(several: &[(u32, u32)], codes: &Codes) -> [Vec<(String, u64)>; 2] {
    let levels: [fn(&str) -> &str; 2] = [area_of, department_of];
    levels.map(|level| {
        let mut also: FastMap<&str, u64> = FastMap::default();
        for &(primary, set) in several {
            let mut seen: SmallVec<[&str; 4]> = SmallVec::new();
            seen.push(level(&codes.list[primary as usize]));
            for &c in &codes.sets[set as usize] {
                let node = level(&codes.list[c as usize]);
                if !seen.contains(&node) {
                    seen.push(node);
                    *also.entry(node).or_default() += 1;
                }
            }
        }
        also.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    })
}

/// The counts of one year, for [`super::YearStats`] to keep.
pub(crate) struct YearCounts {
    pub(crate) months: [u64; 12],
    /// The citizens' fingerprints, one per inquiry.
    pub(crate) citizens: Vec<u64>,
    /// Categories, sites, forwarding targets and referral targets, by code.
    pub(crate) coded: [Vec<(String, u64)>; 4],
    pub(crate) kinds: Vec<(String, u64)>,
    pub(crate) requesters: Vec<(String, u64)>,
    pub(crate) channels: Vec<(String, u64)>,
    /// By outcome, with [`NO_OUTCOME_CODE`] for inquiries without one.
    pub(crate) outcomes: Vec<(String, u64)>,
    /// Areas and departments concerned through further categories only.
    pub(crate) also: [Vec<(String, u64)>; 2],
    /// Closed inquiries by days open (index = days).
    pub(crate) days_open: Vec<u64>,
}

/// The counts of every year (of the years `only`, when given), in one pass
/// over the facts.
pub(crate) fn counts(
    facts: &[Fact],
    codes: &Codes,
    lists: &CodeLists,
    only: Option<&[i32]>,
) -> Vec<(i32, YearCounts)> {
    let forwarding = lists.kinds.position(&Kind::FORWARDING).map(|p| p as u8);
    let mut years: Vec<(i32, Dense)> = Vec::new();
    let mut last = 0;
    for f in facts {
        if only.is_some_and(|only| !only.contains(&f.year)) {
            continue;
        }
        if years.get(last).is_none_or(|(y, _)| *y != f.year) {
            last = match years.iter().position(|(y, _)| *y == f.year) {
                Some(i) => i,
                None => {
                    years.push((f.year, Dense::new(codes.list.len(), forwarding)));
                    years.len() - 1
                }
            };
        }
        years[last].1.add(f);
    }
    years
        .into_iter()
        .map(|(y, d)| (y, d.finish(codes, lists)))
        .collect()
}
