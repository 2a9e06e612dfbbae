//! The annual statistics (årsstatistik) of the report to the city council:
//! the counting (`facts`: one compact fact per record, counted into arrays;
//! `citizens`: distinct citizens) and its results.
//!
//! [`YearStats`] is a mergeable partial: compute it over parts of a
//! register, [`merge`](YearStats::merge) the parts, and the result equals the
//! statistics of the whole. [`Stats`] holds one per year.
//!
//! **Counting rule.** Each inquiry counts once in every total and in every
//! breakdown, under its primary category ([`counting_rule`]); topics are not
//! counted in breakdowns.

mod citizens;
pub(crate) mod facts;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Location, Result};
use crate::codes::{coded_enum, Label, Lang};
use crate::inquiry::{Channel, Inquiry, Kind, Requester};
use crate::taxonomy::{area_of, department_of, Taxonomy};

/// The counting rule in `lang`, printed with every report.
pub fn counting_rule(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "Hver henvendelse tælles én gang, under sin primære kategori; emner tælles ikke med i fordelingerne.",
        Lang::En => "Each inquiry is counted once, under its primary category; topics are not counted in the breakdowns.",
    }
}

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
    }
}

use crate::base::hash::FastMap;
use citizens::Citizens;
use facts::{Codes, Fact, YearCounts};

fn add_map(into: &mut FastMap<String, u64>, from: &FastMap<String, u64>) -> Result<()> {
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
    categories: FastMap<String, u64>,
    sites: FastMap<String, u64>,
    forwarded: FastMap<String, u64>,
    referred: FastMap<String, u64>,
    kinds: [u64; 6],
    requesters: [u64; 4],
    channels: [u64; 6],
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
            ("kinds", sum(&d.kinds)),
            ("requesters", sum(&d.requesters)),
            ("channels", sum(&d.channels)),
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
/// let stats = Stats::of(register.taxonomy(), register.iter());
/// let y2021 = stats.year(2021).unwrap().summary();
/// assert_eq!((y2021.registrations, y2021.distinct_citizens), (683, 385));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "YearStatsDoc")]
pub struct YearStats {
    year: i32,
    months: [u64; 12],
    citizens: Citizens,
    categories: FastMap<String, u64>,
    sites: FastMap<String, u64>,
    forwarded: FastMap<String, u64>,
    referred: FastMap<String, u64>,
    kinds: [u64; 6],
    requesters: [u64; 4],
    channels: [u64; 6],
    /// Closed inquiries by days open (index = days).
    days_open: Vec<u64>,
}

impl YearStats {
    /// The statistics of one year's counts.
    fn from_counts(year: i32, c: YearCounts) -> YearStats {
        let [categories, sites, forwarded, referred] = c.coded.map(|v| v.into_iter().collect());
        YearStats {
            year,
            months: c.months,
            citizens: Citizens::from_fingerprints(c.citizens),
            categories,
            sites,
            forwarded,
            referred,
            kinds: c.kinds,
            requesters: c.requesters,
            channels: c.channels,
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
        add_all(&mut sum.kinds, &other.kinds)?;
        add_all(&mut sum.requesters, &other.requesters)?;
        add_all(&mut sum.channels, &other.channels)?;
        if sum.days_open.len() < other.days_open.len() {
            sum.days_open.resize(other.days_open.len(), 0);
        }
        add_all(&mut sum.days_open, &other.days_open)?;
        *self = sum;
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
    /// labelled from the taxonomy (codes unknown to it keep their code).
    pub(crate) fn breakdown(&self, by: By, taxonomy: &Taxonomy) -> Breakdown {
        let total = self.registrations();
        let coded = |counts: &[u64],
                     label: &dyn Fn(usize) -> (String, Label)|
         -> Vec<(String, Label, u64)> {
            counts
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(i, &n)| {
                    let (code, label) = label(i);
                    (code, label, n)
                })
                .collect()
        };
        let grouped = |key: fn(&str) -> &str| -> Vec<(String, Label, u64)> {
            let mut m: BTreeMap<&str, u64> = BTreeMap::new();
            for (k, v) in &self.categories {
                *m.entry(key(k)).or_default() += v;
            }
            m.into_iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        taxonomy
                            .unit(k)
                            .cloned()
                            .unwrap_or_else(|| Label::new(k, k)),
                        v,
                    )
                })
                .collect()
        };
        let rows = match by {
            By::Area => grouped(area_of),
            By::Department => grouped(department_of),
            By::Kind => coded(&self.kinds, &|i| {
                (
                    Kind::ALL[i].code().into(),
                    Label::new(Kind::ALL[i].label(Lang::Da), Kind::ALL[i].label(Lang::En)),
                )
            }),
            By::Requester => coded(&self.requesters, &|i| {
                let r = Requester::ALL[i];
                (
                    r.code().into(),
                    Label::new(r.label(Lang::Da), r.label(Lang::En)),
                )
            }),
            By::Channel => coded(&self.channels, &|i| {
                let c = Channel::ALL[i];
                (
                    c.code().into(),
                    Label::new(c.label(Lang::Da), c.label(Lang::En)),
                )
            }),
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
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
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

fn sorted_counts(map: &FastMap<String, u64>) -> Vec<Count> {
    let mut v: Vec<Count> = map
        .iter()
        .map(|(k, &n)| Count {
            code: k.clone(),
            count: n,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    v
}

/// A count under a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Count {
    /// The code, e.g. a taxonomy code or a referral destination.
    pub code: String,
    /// How many.
    pub count: u64,
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

/// Statistics of several years, each a [`YearStats`], and the taxonomy
/// they were counted with (which labels their breakdowns).
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
    taxonomy: Taxonomy,
    years: BTreeMap<i32, YearStats>,
}

/// A [`Stats`] as read from JSON, before its year keys are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsDoc {
    taxonomy: Taxonomy,
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
                taxonomy: d.taxonomy,
                years: d.years,
            }),
        }
    }
}

impl Stats {
    /// Statistics of inquiries under `taxonomy`, split by the year they were
    /// received. (A [`crate::Register`] keeps the facts ready:
    /// [`crate::Register::stats`].)
    pub fn of<'a>(taxonomy: &Taxonomy, inquiries: impl IntoIterator<Item = &'a Inquiry>) -> Stats {
        let (facts, codes) = facts::of(inquiries);
        Stats::from_facts(taxonomy, &facts, &codes)
    }

    /// Statistics of a register's facts.
    pub(crate) fn from_facts(taxonomy: &Taxonomy, facts: &[Fact], codes: &Codes) -> Stats {
        Stats {
            taxonomy: taxonomy.clone(),
            years: facts::counts(facts, codes)
                .into_iter()
                .map(|(y, c)| (y, YearStats::from_counts(y, c)))
                .collect(),
        }
    }

    /// The taxonomy the statistics were counted with.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Adds another part's statistics. Parts counted with different
    /// taxonomies do not add up: that is a `ConfigError`; a count that
    /// would overflow is a `RangeError`. Either way `self` is left as it was.
    pub fn merge(&mut self, other: &Stats) -> Result<()> {
        if other.taxonomy != self.taxonomy {
            return Err(Error::config(
                Location::source("stats"),
                Some("taxonomy"),
                format!(
                    "statistics counted with the taxonomy of `{}` cannot be merged into statistics counted with another taxonomy of `{}`",
                    other.taxonomy.def().municipality,
                    self.taxonomy.def().municipality
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

    /// The statistics of one year, or a `RangeError` when no inquiry was
    /// received in it.
    pub fn year(&self, year: i32) -> Result<&YearStats> {
        self.years.get(&year).ok_or_else(|| no_year(year))
    }

    /// The breakdown of one year by `by`, labelled from the taxonomy.
    pub fn breakdown(&self, year: i32, by: By) -> Result<Breakdown> {
        Ok(self.year(year)?.breakdown(by, &self.taxonomy))
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
