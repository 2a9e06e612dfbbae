//! The annual statistics (årsstatistik) of the report to the city council:
//! the counting (`facts`: one compact fact per record, counted into arrays;
//! `citizens`: distinct citizens) and its results.
//!
//! [`YearStats`] is a mergeable partial: compute it over parts of a
//! register, [`merge`](YearStats::merge) the parts, and the result equals the
//! statistics of the whole. [`Stats`] holds one per year.
//!
//! **Counting rule** (the office's [`Counting`]): each inquiry counts once in
//! every total and every breakdown, under its primary category; where the
//! profile counts every unit, the area and department breakdowns count it
//! under every unit it concerns too. Topics are not counted in breakdowns.
//!
//! Counting is bound by reading records from memory, so a large set of
//! records is counted in parts, one on each core, and the parts merged.

mod citizens;
pub(crate) mod facts;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::base::error::{Error, Location, Result};
use crate::base::parallel::{in_parallel, per_thread};
use crate::codes::{coded_enum, CodeList, Count, Label, Lang};
use crate::inquiry::Inquiry;
use crate::office::{Counting, Office};
use crate::taxonomy::{area_of, department_of};

/// Month names as the report prints them.
pub fn month_name(month0: usize, lang: Lang) -> &'static str {
    const DA: [&str; 12] = [
        "Januar",
        "Februar",
        "Marts",
        "April",
        "Maj",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "December",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Da => DA[month0],
        Lang::En => EN[month0],
    }
}

coded_enum! {
    /// What a breakdown (fordeling) groups by.
    pub enum By {
        /// Directorate area (direktørområde).
        Area = "area", "Direktørområde", "Directorate area";
        /// Department (afdeling).
        Department = "department", "Afdeling", "Department";
        /// Kind of inquiry.
        Kind = "kind", "Henvendelsestype", "Kind of inquiry";
        /// Who made the inquiry.
        Requester = "requester", "Henvender", "Requester";
        /// Channel.
        Channel = "channel", "Kanal", "Channel";
        /// Outreach site.
        Site = "site", "Opsøgende sted", "Outreach site";
        /// Outcome.
        Outcome = "outcome", "Udfald", "Outcome";
    }
}

impl By {
    /// The heading of a breakdown in `lang`: the office's names of its
    /// levels for areas and departments ("Center", "Forvaltning" …).
    pub fn heading(self, office: &Office, lang: Lang) -> &str {
        let levels = &office.taxonomy().def().levels;
        match self {
            By::Area => levels.area.get(lang),
            By::Department => levels.department.get(lang),
            _ => self.label(lang),
        }
    }
}

use citizens::Citizens;

/// Counts by code. A B-tree map, not a hash map: a statistics document
/// (or pickle) chooses its keys, and keys crafted to collide in an unkeyed
/// hash would make reading it quadratic; the maps are small, and a sorted
/// map also writes its keys in one order.
type Counts = BTreeMap<String, u64>;
use facts::{Codes, Fact, YearCounts};

fn add_map(into: &mut Counts, from: &Counts) -> Result<()> {
    for (k, v) in from {
        let sum = into.entry(k.clone()).or_default();
        *sum = add(*sum, *v)?;
    }
    Ok(())
}

/// `a + b`, or a `RangeError` where the count would overflow.
fn add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b).ok_or_else(overflow)
}

fn overflow() -> Error {
    Error::Range {
        what: "count".into(),
        value: "a sum of counts".into(),
        reason: "it would overflow 64 bits".into(),
    }
}

/// The sum of `counts`, or a `RangeError` where it would overflow.
fn sum<'a>(counts: impl IntoIterator<Item = &'a u64>) -> Result<u64> {
    counts.into_iter().try_fold(0, |a, &b| add(a, b))
}

/// A [`YearStats`] as read from JSON (a document or a pickle), before it is
/// checked ([`YearStats::try_from`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearStatsDoc {
    year: i32,
    months: [u64; 12],
    citizens: Citizens,
    categories: Counts,
    sites: Counts,
    forwarded: Counts,
    referred: Counts,
    kinds: Counts,
    requesters: Counts,
    channels: Counts,
    outcomes: Counts,
    also_areas: Counts,
    also_departments: Counts,
    days_open: Vec<u64>,
}

impl TryFrom<YearStatsDoc> for YearStats {
    type Error = String;

    /// Statistics read from a document must be statistics that a register
    /// could give: a year a register holds, counts whose sums do not
    /// overflow, every breakdown adding up to the registrations, no more
    /// closed inquiries than registrations, codes as keys (never a
    /// CPR-shaped one).
    fn try_from(d: YearStatsDoc) -> std::result::Result<YearStats, String> {
        use crate::inquiry::RECORD_YEARS;
        if !RECORD_YEARS.contains(&d.year) {
            return Err(format!(
                "year {} is outside the years {}–{} a register holds",
                d.year,
                RECORD_YEARS.start(),
                RECORD_YEARS.end()
            ));
        }
        let overflows = |_| "the counts add up to more than 64 bits hold".to_string();
        let registrations = sum(&d.months).map_err(overflows)?;
        let totals = [
            ("kinds", sum(d.kinds.values())),
            ("requesters", sum(d.requesters.values())),
            ("channels", sum(d.channels.values())),
            ("outcomes", sum(d.outcomes.values())),
            ("categories", sum(d.categories.values())),
            ("citizens", Ok(d.citizens.registrations())),
        ];
        for (name, total) in totals {
            if total.map_err(overflows)? != registrations {
                return Err(format!(
                    "the {name} do not add up to the {registrations} registrations of the months"
                ));
            }
        }
        let most_days = (RECORD_YEARS.end() - RECORD_YEARS.start() + 1) as usize * 366;
        if d.days_open.len() > most_days || sum(&d.days_open).map_err(overflows)? > registrations {
            return Err(
                "days_open counts more closed inquiries, or longer ones, than a register holds"
                    .into(),
            );
        }
        for (name, map) in [
            ("categories", &d.categories),
            ("sites", &d.sites),
            ("forwarded", &d.forwarded),
            ("referred", &d.referred),
            ("kinds", &d.kinds),
            ("requesters", &d.requesters),
            ("channels", &d.channels),
            ("outcomes", &d.outcomes),
            ("also_areas", &d.also_areas),
            ("also_departments", &d.also_departments),
        ] {
            let bad = map
                .keys()
                .find(|k| !crate::codes::is_code(k) || crate::privacy::looks_like_cpr(k));
            if let Some(key) = bad {
                return Err(format!(
                    "{name}: `{}` is not a code",
                    crate::base::error::shorten(key)
                ));
            }
            if sum(map.values()).map_err(overflows)? > registrations {
                return Err(format!(
                    "the {name} count more than the {registrations} registrations"
                ));
            }
        }
        Ok(YearStats {
            year: d.year,
            months: d.months,
            citizens: d.citizens,
            categories: d.categories,
            sites: d.sites,
            forwarded: d.forwarded,
            referred: d.referred,
            kinds: d.kinds,
            requesters: d.requesters,
            channels: d.channels,
            outcomes: d.outcomes,
            also_areas: d.also_areas,
            also_departments: d.also_departments,
            days_open: d.days_open,
        })
    }
}

/// Mergeable statistics of one year.
///
/// # Example
/// ```
/// use borgerraad_core::{sample, stats::Stats};
/// let register = sample();
/// let stats = Stats::of(register.office(), register.iter()).unwrap();
/// let y2021 = stats.year(2021).unwrap().summary();
/// assert_eq!((y2021.registrations, y2021.distinct_citizens), (683, 385));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "YearStatsDoc")]
pub struct YearStats {
    year: i32,
    months: [u64; 12],
    citizens: Citizens,
    categories: Counts,
    sites: Counts,
    forwarded: Counts,
    referred: Counts,
    kinds: Counts,
    requesters: Counts,
    channels: Counts,
    /// By outcome, `ikke_registreret` for inquiries without one.
    outcomes: Counts,
    /// Areas and departments concerned through further categories only,
    /// which counting every category adds.
    also_areas: Counts,
    also_departments: Counts,
    /// Closed inquiries by days open (index = days).
    days_open: Vec<u64>,
}

impl YearStats {
    /// The statistics of one year's counts.
    fn from_counts(year: i32, c: YearCounts) -> YearStats {
        let [categories, sites, forwarded, referred] = c.coded.map(|v| v.into_iter().collect());
        let [also_areas, also_departments] = c.also;
        YearStats {
            year,
            months: c.months,
            citizens: Citizens::from_fingerprints(c.citizens),
            categories,
            sites,
            forwarded,
            referred,
            kinds: c.kinds.into_iter().collect(),
            requesters: c.requesters.into_iter().collect(),
            channels: c.channels.into_iter().collect(),
            outcomes: c.outcomes.into_iter().collect(),
            also_areas: also_areas.into_iter().collect(),
            also_departments: also_departments.into_iter().collect(),
            days_open: c.days_open,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Adds another part's statistics of the same year.
    pub fn merge(&mut self, other: &YearStats) -> Result<()> {
        if other.year != self.year {
            return Err(Error::Range {
                what: "year".into(),
                value: other.year.to_string(),
                reason: format!(
                    "cannot merge statistics of {} into {}",
                    other.year, self.year
                ),
            });
        }
        // Added into a copy, kept only when no count overflows.
        let mut sum = self.clone();
        let add_all = |a: &mut [u64], b: &[u64]| -> Result<()> {
            for (a, b) in a.iter_mut().zip(b) {
                *a = add(*a, *b)?;
            }
            Ok(())
        };
        add_all(&mut sum.months, &other.months)?;
        sum.citizens.merge(&other.citizens).ok_or_else(overflow)?;
        add_map(&mut sum.categories, &other.categories)?;
        add_map(&mut sum.sites, &other.sites)?;
        add_map(&mut sum.forwarded, &other.forwarded)?;
        add_map(&mut sum.referred, &other.referred)?;
        add_map(&mut sum.kinds, &other.kinds)?;
        add_map(&mut sum.requesters, &other.requesters)?;
        add_map(&mut sum.channels, &other.channels)?;
        add_map(&mut sum.outcomes, &other.outcomes)?;
        add_map(&mut sum.also_areas, &other.also_areas)?;
        add_map(&mut sum.also_departments, &other.also_departments)?;
        if sum.days_open.len() < other.days_open.len() {
            sum.days_open.resize(other.days_open.len(), 0);
        }
        add_all(&mut sum.days_open, &other.days_open)?;
        *self = sum;
        Ok(())
    }

    /// Renames the codes by `mapping` into codes of `office`.
    fn rename(&mut self, mapping: &Mapping, office: &Office) -> Result<()> {
        let taxonomy = office.taxonomy();
        let codes = office.codes();
        let unknown = |what: &str, code: &str| {
            Error::config(
                Location::source("mapping"),
                Some(what),
                format!(
                    "`{}` is not a code of the profile `{}`; map it",
                    crate::base::error::shorten(code),
                    office.id()
                ),
            )
        };
        let rename = |map: &Counts,
                      names: &BTreeMap<String, String>,
                      what: &str,
                      known: &dyn Fn(&str) -> bool|
         -> Result<Counts> {
            let mut out = Counts::new();
            for (code, n) in map {
                let new = names.get(code).unwrap_or(code);
                if !known(new) {
                    return Err(unknown(what, new));
                }
                let sum = out.entry(new.clone()).or_default();
                *sum = add(*sum, *n)?;
            }
            Ok(out)
        };
        let (cats, names) = (&mapping.categories, &mapping.codes);
        let category = |c: &str| taxonomy.unit(c).is_some();
        let target = |c: &str| {
            category(c)
                || codes.destinations.contains(c)
                || crate::referral::authorities::label(c, Lang::Da).is_some()
        };
        let outcome = |c: &str| codes.outcomes.contains(c) || c == facts::NO_OUTCOME_CODE;
        let site = |c: &str| taxonomy.site_label(c, Lang::Da).is_some();
        self.categories = rename(&self.categories, cats, "categories", &category)?;
        self.also_areas = rename(&self.also_areas, cats, "categories", &category)?;
        self.also_departments = rename(&self.also_departments, cats, "categories", &category)?;
        self.forwarded = rename(&self.forwarded, names, "forwarded", &target)?;
        self.referred = rename(&self.referred, names, "referred", &target)?;
        self.sites = rename(&self.sites, names, "sites", &site)?;
        self.kinds = rename(&self.kinds, names, "kinds", &|c| codes.kinds.contains(c))?;
        self.requesters = rename(&self.requesters, names, "requesters", &|c| {
            codes.requesters.contains(c)
        })?;
        self.channels = rename(&self.channels, names, "channels", &|c| {
            codes.channels.contains(c)
        })?;
        self.outcomes = rename(&self.outcomes, names, "outcomes", &outcome)?;
        Ok(())
    }

    /// Registrations per month, January first.
    pub fn months(&self) -> [u64; 12] {
        self.months
    }

    /// Registrations in the year.
    pub fn registrations(&self) -> u64 {
        self.months.iter().sum()
    }

    /// Days open at the nearest rank `p` (0 < p ≤ 1) over closed inquiries:
    /// the smallest value with at least `p` of them at or below it.
    pub fn days_open_percentile(&self, p: f64) -> Option<u64> {
        let closed: u64 = self.days_open.iter().sum();
        if closed == 0 {
            return None;
        }
        let rank = ((p * closed as f64).ceil() as u64).clamp(1, closed);
        let mut seen = 0;
        self.days_open
            .iter()
            .position(|n| {
                seen += n;
                seen >= rank
            })
            .map(|d| d as u64)
    }

    /// The key figures of the year.
    pub fn summary(&self) -> YearSummary {
        let registrations = self.registrations();
        let (distinct, repeat) = self.citizens.distinct_and_repeat();
        YearSummary {
            year: self.year,
            registrations,
            distinct_citizens: distinct,
            repeat_citizens: repeat,
            repeat_share: percent(repeat, distinct),
            mean_registrations_per_month: registrations as f64 / 12.0,
            mean_citizens_per_month: distinct as f64 / 12.0,
            closed: self.days_open.iter().sum(),
            days_open_median: self.days_open_percentile(0.5),
            days_open_p90: self.days_open_percentile(0.9),
            forwarded: sorted_counts(&self.forwarded),
            referred: sorted_counts(&self.referred),
        }
    }

    /// Count and percent of registrations grouped by `by`, largest first,
    /// labelled from the office (codes unknown to it keep their code).
    pub(crate) fn breakdown(&self, by: By, office: &Office) -> Breakdown {
        let total = self.registrations();
        let taxonomy = office.taxonomy();
        let listed = |map: &Counts, list: &CodeList| -> Vec<(String, Label, u64)> {
            map.iter()
                .map(|(k, &v)| {
                    let label = list
                        .get(k)
                        .map_or_else(|| Label::new(k, k), |e| e.label.clone());
                    (k.clone(), label, v)
                })
                .collect()
        };
        let grouped = |key: fn(&str) -> &str, also: &Counts| {
            let mut m: BTreeMap<&str, u64> = BTreeMap::new();
            for (k, v) in &self.categories {
                *m.entry(key(k)).or_default() += v;
            }
            if office.counting() == Counting::Every {
                for (k, v) in also {
                    *m.entry(k).or_default() += v;
                }
            }
            m.into_iter()
                .map(|(k, v)| {
                    let label = taxonomy
                        .unit(k)
                        .cloned()
                        .unwrap_or_else(|| Label::new(k, k));
                    (k.to_string(), label, v)
                })
                .collect::<Vec<_>>()
        };
        let codes = office.codes();
        let rows = match by {
            By::Area => grouped(area_of, &self.also_areas),
            By::Department => grouped(department_of, &self.also_departments),
            By::Kind => listed(&self.kinds, &codes.kinds),
            By::Requester => listed(&self.requesters, &codes.requesters),
            By::Channel => listed(&self.channels, &codes.channels),
            By::Outcome => listed(&self.outcomes, &codes.outcomes)
                .into_iter()
                .map(|(code, label, n)| match code == facts::NO_OUTCOME_CODE {
                    true => (code, Label::new("Ikke registreret", "Not recorded"), n),
                    false => (code, label, n),
                })
                .collect(),
            By::Site => self
                .sites
                .iter()
                .map(|(k, &v)| {
                    let label = Label::new(
                        taxonomy.site_label(k, Lang::Da).unwrap_or(k),
                        taxonomy.site_label(k, Lang::En).unwrap_or(k),
                    );
                    (k.clone(), label, v)
                })
                .collect(),
        };
        let mut rows: Vec<BreakdownRow> = rows
            .into_iter()
            .map(|(code, label, count)| BreakdownRow {
                code,
                label,
                count,
                percent: percent(count, total),
            })
            .collect();
        // Codes are unique, so no two rows tie: the unstable sort is
        // smaller in the browser's first module (issue 19).
        rows.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        Breakdown {
            year: self.year,
            by,
            total,
            rows,
        }
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn sorted_counts(map: &Counts) -> Vec<Count> {
    let mut v: Vec<Count> = map
        .iter()
        .map(|(k, &n)| Count {
            code: k.clone(),
            count: n,
        })
        .collect();
    // Codes are unique (keys of a map): no two counts tie.
    v.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    v
}

/// The key figures of one year (nøgletal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct YearSummary {
    /// The year.
    pub year: i32,
    /// Registrations (registreringer).
    pub registrations: u64,
    /// Distinct citizens (borgere), each counted once in the year.
    pub distinct_citizens: u64,
    /// Citizens with more than one registration in the year.
    pub repeat_citizens: u64,
    /// `repeat_citizens` as a percent of `distinct_citizens`.
    pub repeat_share: f64,
    /// Registrations / 12.
    pub mean_registrations_per_month: f64,
    /// Distinct citizens / 12.
    pub mean_citizens_per_month: f64,
    /// Closed inquiries.
    pub closed: u64,
    /// Median days open over closed inquiries (nearest rank).
    pub days_open_median: Option<u64>,
    /// 90th percentile of days open over closed inquiries (nearest rank).
    pub days_open_p90: Option<u64>,
    /// Forwarded under forvaltningsloven § 7, stk. 2, by target.
    pub forwarded: Vec<Count>,
    /// Referred out, by destination.
    pub referred: Vec<Count>,
}

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BreakdownRow {
    /// The code grouped by.
    pub code: String,
    /// Its labels.
    pub label: Label,
    /// Registrations.
    pub count: u64,
    /// Percent of all registrations of the year.
    pub percent: f64,
}

/// A breakdown (fordeling) of one year's registrations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Breakdown {
    /// The year.
    pub year: i32,
    /// What it groups by.
    pub by: By,
    /// All registrations of the year.
    pub total: u64,
    /// Rows, largest first.
    pub rows: Vec<BreakdownRow>,
}

/// The error for a year without inquiries.
pub(crate) fn no_year(year: i32) -> Error {
    Error::Range {
        what: "year".into(),
        value: year.to_string(),
        reason: "no inquiry was received in that year".into(),
    }
}

/// Statistics of several years, each a [`YearStats`], and the office they
/// were counted with (which labels their breakdowns and says how they count).
///
/// # Example
/// ```
/// use borgerraad_core::sample;
/// let stats = sample().stats();
/// let y2021 = stats.year(2021).unwrap().summary();
/// assert_eq!((y2021.registrations, y2021.distinct_citizens), (683, 385));
/// assert_eq!(stats.year(2016).unwrap_err().kind(), "RangeError");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StatsDoc")]
pub struct Stats {
    office: Arc<Office>,
    years: BTreeMap<i32, YearStats>,
}

/// A [`Stats`] as read from JSON, before its year keys are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsDoc {
    office: Arc<Office>,
    years: BTreeMap<i32, YearStats>,
}

impl TryFrom<StatsDoc> for Stats {
    type Error = String;

    /// Each year's key must be the year of its statistics.
    fn try_from(d: StatsDoc) -> std::result::Result<Stats, String> {
        match d.years.iter().find(|(k, v)| **k != v.year) {
            Some((k, v)) => Err(format!(
                "the statistics under year {k} are of the year {}",
                v.year
            )),
            None => Ok(Stats {
                office: d.office,
                years: d.years,
            }),
        }
    }
}

/// How the codes of statistics counted under one office become codes of
/// another, for [`Stats::merge_mapped`]: for each kind of code, old code →
/// new code. Codes not named keep their code, which must then be the other
/// office's too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Category codes (any level).
    #[serde(default)]
    pub categories: BTreeMap<String, String>,
    /// Kinds, requesters, channels, outcomes, sites and referral or
    /// forwarding targets.
    #[serde(default)]
    pub codes: BTreeMap<String, String>,
}

/// The fewest records worth counting on a thread of their own.
const PART: usize = 100_000;

impl Stats {
    /// Statistics of inquiries under `office`, split by the year they were
    /// received; a code not in the office is a `ValidationError`. (A
    /// [`crate::Register`] keeps the facts ready: [`crate::Register::stats`].)
    pub fn of<'a>(
        office: &Office,
        inquiries: impl IntoIterator<Item = &'a Inquiry>,
    ) -> Result<Stats> {
        // A part on each core (see the module docs).
        let office = Arc::new(office.clone());
        let all: Vec<&Inquiry> = inquiries.into_iter().collect();
        let parts = in_parallel(per_thread(&all, PART), |part| {
            let (facts, codes) = facts::of(office.codes(), part.iter().copied())?;
            Ok(Stats::counted(office.clone(), &facts, &codes, None))
        });
        Stats::sum(office, parts.into_iter().collect::<Result<_>>()?)
    }

    /// Statistics of a register's facts (of the years `only`, when given),
    /// counted a part on each core.
    pub(crate) fn from_facts(
        office: Arc<Office>,
        facts: &[Fact],
        codes: &Codes,
        only: Option<&[i32]>,
    ) -> Stats {
        let parts = in_parallel(per_thread(facts, PART), |part| {
            Stats::counted(office.clone(), part, codes, only)
        });
        Stats::sum(office, parts).expect("the counts of records in memory do not overflow")
    }

    /// Parts counted under `office`, merged.
    fn sum(office: Arc<Office>, parts: Vec<Stats>) -> Result<Stats> {
        let mut parts = parts.into_iter();
        let mut sum = parts.next().unwrap_or(Stats {
            years: BTreeMap::new(),
            office,
        });
        // WebAssembly has one thread, so one part: saying so at compile time
        // keeps merging out of the browser's first module (3 KB gzipped).
        if cfg!(target_arch = "wasm32") {
            return Ok(sum);
        }
        for part in parts {
            sum.merge(&part)?;
        }
        Ok(sum)
    }

    /// Statistics of facts (of the years `only`, when given), counted in
    /// one pass.
    fn counted(office: Arc<Office>, facts: &[Fact], codes: &Codes, only: Option<&[i32]>) -> Stats {
        // Inserted one by one: collecting would sort (issue 19: one sort
        // less in the browser's first module).
        let mut years = BTreeMap::new();
        for (y, c) in facts::counts(facts, codes, office.codes(), only) {
            years.insert(y, YearStats::from_counts(y, c));
        }
        Stats { years, office }
    }

    /// The office the statistics were counted with.
    pub fn office(&self) -> &Office {
        &self.office
    }

    /// Checks that the statistics were counted with `office` (a document
    /// read back, say): counted with another profile, they are a
    /// `ConfigError` that names both.
    pub fn check_office(&self, office: &Office) -> Result<()> {
        if *self.office == *office {
            return Ok(());
        }
        Err(Error::config(
            Location::source("stats"),
            Some("profile"),
            format!(
                "the statistics were counted with the profile `{}`, not `{}`",
                self.office.id(),
                office.id()
            ),
        ))
    }

    /// Adds another part's statistics. Parts counted with different
    /// profiles do not add up: that is a `ConfigError` (see
    /// [`Stats::merge_mapped`]); a count that would overflow is a
    /// `RangeError`. Either way `self` is left as it was.
    pub fn merge(&mut self, other: &Stats) -> Result<()> {
        if other.office != self.office {
            return Err(Error::config(
                Location::source("stats"),
                Some("profile"),
                format!(
                    "statistics counted with the profile `{}` cannot be merged into statistics counted with another profile `{}` without a mapping",
                    other.office.id(),
                    self.office.id()
                ),
            ));
        }
        let mut sum = self.years.clone();
        for (year, part) in &other.years {
            match sum.get_mut(year) {
                Some(mine) => mine.merge(part)?,
                None => {
                    sum.insert(*year, part.clone());
                }
            }
        }
        self.years = sum;
        Ok(())
    }

    /// Adds statistics counted under another office, renaming their codes
    /// by `mapping`. Every code, renamed or not, must be one of this
    /// office's, or it is a `ConfigError` that names it.
    pub fn merge_mapped(&mut self, other: &Stats, mapping: &Mapping) -> Result<()> {
        let mut moved = other.clone();
        moved.office = self.office.clone();
        for part in moved.years.values_mut() {
            part.rename(mapping, &self.office)?;
        }
        self.merge(&moved)
    }

    /// The statistics of one year, or a `RangeError` when no inquiry was
    /// received in it.
    pub fn year(&self, year: i32) -> Result<&YearStats> {
        self.years.get(&year).ok_or_else(|| no_year(year))
    }

    /// The breakdown of one year by `by`, labelled from the office.
    pub fn breakdown(&self, year: i32, by: By) -> Result<Breakdown> {
        Ok(self.year(year)?.breakdown(by, &self.office))
    }

    /// The years with inquiries, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// The report's table of registrations by month and year; a year
    /// without inquiries shows zeros.
    pub fn monthly_table(&self, years: &[i32]) -> MonthlyTable {
        MonthlyTable {
            years: years.to_vec(),
            counts: years
                .iter()
                .map(|y| self.years.get(y).map_or([0; 12], |s| s.months))
                .collect(),
        }
    }
}

/// Registrations by month (rows) and year (columns), with the totals row
/// "I alt" and the means row "Gennemsnit", as the annual report prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MonthlyTable {
    /// The years, one column each.
    pub years: Vec<i32>,
    /// For each year, the counts of January to December.
    pub counts: Vec<[u64; 12]>,
}

impl MonthlyTable {
    /// The total ("I alt") of the column of year index `i`.
    pub fn total(&self, i: usize) -> u64 {
        self.counts[i].iter().sum()
    }

    /// The mean per month ("Gennemsnit") of the column of year index `i`.
    pub fn mean(&self, i: usize) -> f64 {
        self.total(i) as f64 / 12.0
    }
}
