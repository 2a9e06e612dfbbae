//! The register's compact view of each record for statistics: the
//! figures the annual statistics count, with codes as small integers.
//!
//! All statistics are counted from facts: a register keeps them beside its
//! records, and [`Stats::of`] over other records makes them first. Reading
//! these 40-byte facts in order and counting into arrays is what makes the
//! statistics fast.

use chrono::Datelike;
use smol_str::SmolStr;

use crate::base::hash::fingerprint;
use crate::base::hash::FastMap;
use crate::inquiry::{Inquiry, Kind};

const NONE: u32 = u32::MAX;

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
    month: u8,
    kind: u8,
    requester: u8,
    channel: u8,
}

/// The codes that facts refer to by number.
#[derive(Debug, Clone, Default)]
pub(crate) struct Codes {
    list: Vec<SmolStr>,
    index: FastMap<SmolStr, u32>,
}

impl Codes {
    fn number(&mut self, code: &SmolStr) -> u32 {
        if let Some(&n) = self.index.get(code) {
            return n;
        }
        let n = self.list.len() as u32;
        self.list.push(code.clone());
        self.index.insert(code.clone(), n);
        n
    }

    /// The fact of a record, numbering any new code.
    pub(crate) fn fact(&mut self, i: &Inquiry) -> Fact {
        Fact {
            citizen: fingerprint(&i.citizen),
            year: i.received.year(),
            days_open: i
                .days_open()
                .map_or(-1, |d| d.clamp(0, i32::MAX as i64) as i32),
            category: self.number(&i.category),
            site: i.site.as_ref().map_or(NONE, |s| self.number(s)),
            target: i.referral.as_ref().map_or(NONE, |r| self.number(&r.to)),
            month: i.received.month0() as u8,
            kind: i.kind.index() as u8,
            requester: i.requester.index() as u8,
            channel: i.channel.index() as u8,
        }
    }
}

impl Fact {
    /// Renumbers the codes by `map` (old number → new number).
    pub(crate) fn renumber(&mut self, map: &[u32]) {
        for n in [&mut self.category, &mut self.site, &mut self.target] {
            if *n != NONE {
                *n = map[*n as usize];
            }
        }
    }
}

impl Codes {
    /// Numbers the codes of `other` here (new ones after the known ones,
    /// in `other`'s order) and returns the number here of each of its codes.
    pub(crate) fn absorb(&mut self, other: &Codes) -> Vec<u32> {
        other.list.iter().map(|c| self.number(c)).collect()
    }
}

/// The facts of inquiries, with the codes they number.
pub(crate) fn of<'a>(inquiries: impl IntoIterator<Item = &'a Inquiry>) -> (Vec<Fact>, Codes) {
    let mut codes = Codes::default();
    let facts = inquiries.into_iter().map(|i| codes.fact(i)).collect();
    (facts, codes)
}

/// Counts of one year in arrays indexed by code number.
struct Dense {
    months: [u64; 12],
    kinds: [u64; 6],
    requesters: [u64; 4],
    channels: [u64; 6],
    categories: Vec<u64>,
    sites: Vec<u64>,
    forwarded: Vec<u64>,
    referred: Vec<u64>,
    days_open: Vec<u64>,
    citizens: Vec<u64>,
}

impl Dense {
    fn new(codes: usize) -> Dense {
        Dense {
            months: [0; 12],
            kinds: [0; 6],
            requesters: [0; 4],
            channels: [0; 6],
            categories: vec![0; codes],
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
        self.categories[f.category as usize] += 1;
        if f.site != NONE {
            self.sites[f.site as usize] += 1;
        }
        if f.target != NONE {
            let targets = if f.kind == Kind::Forwarding.index() as u8 {
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

    fn finish(self, codes: &Codes) -> YearCounts {
        let named = |counts: Vec<u64>| -> Vec<(String, u64)> {
            counts
                .into_iter()
                .enumerate()
                .filter(|(_, c)| *c > 0)
                .map(|(i, c)| (codes.list[i].to_string(), c))
                .collect()
        };
        YearCounts {
            months: self.months,
            citizens: self.citizens,
            coded: [
                named(self.categories),
                named(self.sites),
                named(self.forwarded),
                named(self.referred),
            ],
            kinds: self.kinds,
            requesters: self.requesters,
            channels: self.channels,
            days_open: self.days_open,
        }
    }
}

/// The counts of one year, for [`super::YearStats`] to keep.
pub(crate) struct YearCounts {
    pub(crate) months: [u64; 12],
    /// The citizens' fingerprints, one per inquiry.
    pub(crate) citizens: Vec<u64>,
    /// Categories, sites, forwarding targets and referral targets, by code.
    pub(crate) coded: [Vec<(String, u64)>; 4],
    pub(crate) kinds: [u64; 6],
    pub(crate) requesters: [u64; 4],
    pub(crate) channels: [u64; 6],
    /// Closed inquiries by days open (index = days).
    pub(crate) days_open: Vec<u64>,
}

/// The counts of every year, in one pass over the facts.
pub(crate) fn counts(facts: &[Fact], codes: &Codes) -> Vec<(i32, YearCounts)> {
    let mut years: Vec<(i32, Dense)> = Vec::new();
    let mut last = 0;
    for f in facts {
        if years.get(last).is_none_or(|(y, _)| *y != f.year) {
            last = match years.iter().position(|(y, _)| *y == f.year) {
                Some(i) => i,
                None => {
                    years.push((f.year, Dense::new(codes.list.len())));
                    years.len() - 1
                }
            };
        }
        years[last].1.add(f);
    }
    years
        .into_iter()
        .map(|(y, d)| (y, d.finish(codes)))
        .collect()
}
