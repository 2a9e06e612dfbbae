//! Danish working-day calendars (arbejdsdage), from 1849 to 2200.
//!
//! **Range.** The calendars start in 1849. The public holidays modelled here
//! are the set that has held since the holiday reform of 1770 (which
//! abolished, among others, the third days of Easter, Whitsun and Christmas,
//! Epiphany and All Saints' Day as separate holidays; those older holidays are
//! *not* modelled), and Grundlovsdag (5 June), which some regimes count as
//! non-working, only exists since the constitution of 5 June 1849. From 1849
//! on, every day the library reports is therefore a day of the set it models.
//! The regimes are today's rules; applied to old dates they say what today's
//! rule would give, not what an office did at the time.
//!
//! A working day is a day that is not a Saturday, a Sunday, a public holiday
//! (helligdag) or a further non-working day of the [`Regime`] in force.
//! Public holidays follow from Easter, computed with integer arithmetic;
//! Store Bededag counts up to and including 2023 only (act no. 214 of
//! 6 March 2023 abolished it from 2024).
//!
//! A [`Calendar`] precomputes an index of working days over the whole range,
//! so that [`Calendar::add_working_days`] and
//! [`Calendar::working_days_between`] are O(1).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Location, Result};
use crate::codes::{is_code, Label, Lang};

/// The first year the calendars cover: the year of the constitution (and of
/// Grundlovsdag). See the module documentation for why not earlier.
pub const FIRST_YEAR: i32 = 1849;
/// The last year the calendars cover.
pub const LAST_YEAR: i32 = 2200;
/// The last year with Store Bededag as a public holiday.
pub const LAST_STORE_BEDEDAG: i32 = 2023;

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of
/// Meeus, Jones and Butcher; integer arithmetic only).
///
/// # Example
/// ```
/// use borgerraad_core::calendar::easter;
/// use chrono::NaiveDate;
/// assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
/// assert_eq!(easter(1818), NaiveDate::from_ymd_opt(1818, 3, 22).unwrap());
/// ```
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// A day off with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name, e.g. "Skærtorsdag" / "Maundy Thursday".
    pub name: Label,
    /// Whether it is a public holiday (helligdag), rather than a day the
    /// regime adds.
    pub public: bool,
}

fn check_year(year: i32) -> Result<()> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(Error::Range {
            what: "year".into(),
            value: year.to_string(),
            reason: format!("calendars cover {FIRST_YEAR} to {LAST_YEAR}"),
        })
    }
}

/// The Danish public holidays (helligdage) of a year, in date order.
///
/// # Example
/// ```
/// use borgerraad_core::calendar::public_holidays;
/// let names = |y| public_holidays(y).unwrap().iter().map(|h| h.name.da.clone()).collect::<Vec<_>>();
/// assert!(names(2023).contains(&"Store Bededag".to_string()));
/// assert!(!names(2024).contains(&"Store Bededag".to_string()));
/// ```
pub fn public_holidays(year: i32) -> Result<Vec<Holiday>> {
    check_year(year)?;
    let e = easter(year);
    let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid");
    let mut days = vec![
        (fixed(1, 1), "Nytårsdag", "New Year's Day"),
        (e - Duration::days(3), "Skærtorsdag", "Maundy Thursday"),
        (e - Duration::days(2), "Langfredag", "Good Friday"),
        (e, "Påskedag", "Easter Sunday"),
        (e + Duration::days(1), "2. påskedag", "Easter Monday"),
        (
            e + Duration::days(39),
            "Kristi Himmelfartsdag",
            "Ascension Day",
        ),
        (e + Duration::days(49), "Pinsedag", "Whit Sunday"),
        (e + Duration::days(50), "2. pinsedag", "Whit Monday"),
        (fixed(12, 25), "Juledag", "Christmas Day"),
        (fixed(12, 26), "2. juledag", "Boxing Day"),
    ];
    if year <= LAST_STORE_BEDEDAG {
        days.push((
            e + Duration::days(26),
            "Store Bededag",
            "General Prayer Day",
        ));
    }
    days.sort_by_key(|d| d.0);
    Ok(days
        .into_iter()
        .map(|(date, da, en)| Holiday {
            date,
            name: Label::new(da, en),
            public: true,
        })
        .collect())
}

/// How a non-working day of a regime falls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DayRule {
    /// The same day every year, e.g. 5 June.
    Fixed {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// Days after Easter Sunday (negative before), e.g. 40 for the Friday
    /// after Ascension Day.
    Easter {
        /// Days from Easter Sunday.
        offset: i32,
    },
    /// One given day, e.g. a municipal closure day.
    Date {
        /// The day.
        date: NaiveDate,
    },
}

/// A non-working day a regime adds to weekends and public holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NonWorkingDay {
    /// When it falls.
    pub rule: DayRule,
    /// Its name.
    pub name: Label,
}

/// A regime: which days beyond Saturdays, Sundays and public holidays do not
/// count as working days. It is data, and a municipality can load its own
/// from JSON.
///
/// The built-in regimes, and which deadline rules use them (see
/// [`crate::deadline::catalogue`]):
/// - `forvaltning`: Grundlovsdag, 24 December and 31 December are
///   non-working, as under forældelsesloven § 27, stk. 2. It is the library's
///   reading of "a Saturday, Sunday, public holiday or the like" in the rule
///   that a complaint deadline ending on such a day moves to the next working
///   day (a choice, documented here: public offices are closed on these days).
///   The library uses it for the *citizen's* time limits and for periods
///   counted in working days (arbejdsdage) of the administration. It is never
///   used to stretch an authority's own duty counted in days, weeks or months.
/// - `foraeldelse`: forældelsesloven § 27, stk. 2: Grundlovsdag, 24 December
///   and 31 December (the same days as `forvaltning`, kept apart so that each
///   rule names its own source).
/// - `udbetaling_danmark`: the Friday after Ascension Day (borger.dk,
///   Udbetaling Danmark: "Udløber klagefristen på en helligdag eller fredagen
///   efter Kristi Himmelfart, bliver klagefristen forlænget til den første
///   hverdag derefter").
/// - `helligdage`: public holidays only: EU regulation 1182/71, art. 3(4)
///   (only Saturdays, Sundays and public holidays move the end of a period).
///   The library uses it for the *authority's own* duties counted in days,
///   weeks or months (GDPR art. 12(3), the whistleblower act, forvaltningsloven
///   § 23, stk. 2, 2. pkt., retssikkerhedsloven § 66).
/// - `omdeling`: postal delivery days (omdelingsdage), loaded from
///   `data/omdelingsdage.json`; see [`Calendar::delivery_days`].
///
/// JSON may extend a built-in regime:
/// ```
/// use borgerraad_core::calendar::{Calendar, Regime};
/// let json = r#"{"code":"esbjerg-2025","label":{"da":"Esbjerg 2025","en":"Esbjerg 2025"},
///   "extends":"forvaltning",
///   "days":[{"rule":{"date":{"date":"2025-05-30"}},"name":{"da":"Lukkedag","en":"Closure day"}}]}"#;
/// let cal = Calendar::new(Regime::from_json_str(json, "esbjerg.json").unwrap());
/// let d = |s: &str| s.parse().unwrap();
/// assert!(!cal.is_working_day(d("2025-05-30")).unwrap());
/// assert!(!cal.is_working_day(d("2025-06-05")).unwrap()); // Grundlovsdag, from forvaltning
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    /// The regime's code.
    pub code: String,
    /// Its name.
    pub label: Label,
    /// A built-in regime whose days this one adds to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// The days it adds.
    #[serde(default)]
    pub days: Vec<NonWorkingDay>,
}

fn day(rule: DayRule, da: &str, en: &str) -> NonWorkingDay {
    NonWorkingDay {
        rule,
        name: Label::new(da, en),
    }
}

impl Regime {
    /// The codes of the built-in regimes.
    pub const BUILT_IN: &'static [&'static str] = &[
        "forvaltning",
        "foraeldelse",
        "udbetaling_danmark",
        "helligdage",
        "omdeling",
    ];

    /// The postal operator's non-delivery days, as data.
    const DELIVERY_DAYS: &'static str = include_str!("../data/omdelingsdage.json");

    /// A built-in regime by its code.
    pub fn built_in(code: &str) -> Result<Regime> {
        let grundlov = || {
            day(
                DayRule::Fixed { month: 6, day: 5 },
                "Grundlovsdag",
                "Constitution Day",
            )
        };
        let juleaften = || {
            day(
                DayRule::Fixed { month: 12, day: 24 },
                "Juleaftensdag",
                "Christmas Eve",
            )
        };
        let nytaarsaften = || {
            day(
                DayRule::Fixed { month: 12, day: 31 },
                "Nytårsaftensdag",
                "New Year's Eve",
            )
        };
        let (label, days) = match code {
            "forvaltning" => (
                Label::new("Kommunale frister", "Municipal deadlines"),
                vec![grundlov(), juleaften(), nytaarsaften()],
            ),
            "foraeldelse" => (
                Label::new("Forældelsesloven § 27, stk. 2", "Limitation Act s. 27(2)"),
                vec![grundlov(), juleaften(), nytaarsaften()],
            ),
            "udbetaling_danmark" => (
                Label::new("Udbetaling Danmark", "Udbetaling Danmark"),
                vec![day(
                    DayRule::Easter { offset: 40 },
                    "Fredag efter Kristi Himmelfartsdag",
                    "Friday after Ascension Day",
                )],
            ),
            "helligdage" => (Label::new("Kun helligdage", "Public holidays only"), vec![]),
            "omdeling" => {
                return Regime::from_json_str(Regime::DELIVERY_DAYS, "omdelingsdage.json")
            }
            _ => return Err(Error::unknown("regime", code, Regime::BUILT_IN)),
        };
        Ok(Regime {
            code: code.into(),
            label,
            extends: None,
            days,
        })
    }

    /// Loads a regime from JSON text; `source` names it in errors.
    pub fn from_json_str(text: &str, source: &str) -> Result<Regime> {
        let mut regime: Regime = crate::document::from_json(text, source)?;
        let at = Location::source(source);
        if !is_code(&regime.code) {
            return Err(Error::config(
                at,
                Some("code"),
                format!(
                    "`{}` is not a code",
                    crate::base::error::shorten(&regime.code)
                ),
            ));
        }
        for d in &regime.days {
            let ok = match d.rule {
                DayRule::Fixed { month, day } => {
                    NaiveDate::from_ymd_opt(2000, month, day).is_some()
                }
                DayRule::Easter { offset } => offset.abs() <= 200,
                DayRule::Date { date } => (FIRST_YEAR..=LAST_YEAR).contains(&date.year()),
            };
            if !ok {
                return Err(Error::config(
                    at,
                    Some("days"),
                    format!(
                        "`{}` does not give a valid day in {FIRST_YEAR}–{LAST_YEAR}",
                        d.name.en
                    ),
                ));
            }
        }
        if let Some(base) = regime.extends.take() {
            let mut days = Regime::built_in(&base)
                .map_err(|e| Error::config(at.clone(), Some("extends"), e.to_string()))?
                .days;
            days.append(&mut regime.days);
            regime.days = days;
        }
        Ok(regime)
    }

    /// Loads a regime from a JSON file.
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Regime> {
        let path = path.as_ref();
        let text = crate::document::read_text(path)?;
        Regime::from_json_str(&text, &path.display().to_string())
    }

    fn days_in(&self, year: i32) -> impl Iterator<Item = (NaiveDate, &Label)> + '_ {
        self.days.iter().filter_map(move |d| {
            let date = match d.rule {
                DayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
                DayRule::Easter { offset } => Some(easter(year) + Duration::days(offset as i64)),
                DayRule::Date { date } => (date.year() == year).then_some(date),
            };
            date.map(|date| (date, &d.name))
        })
    }
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("valid")
}

/// `first_day()` as days from the common era, a constant.
const fn first_day_ce() -> i32 {
    // 1 January of FIRST_YEAR: FIRST_YEAR - 1 whole years of the proleptic Gregorian calendar.
    let y = FIRST_YEAR - 1;
    y * 365 + y / 4 - y / 100 + y / 400 + 1
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).expect("valid")
}

/// A working-day calendar under one regime.
///
/// # Example
/// ```
/// use borgerraad_core::calendar::Calendar;
/// let cal = Calendar::danish("forvaltning").unwrap();
/// let d = |s: &str| s.parse().unwrap();
/// // Maundy Thursday 2024 is 28 March; Easter Monday 1 April.
/// assert_eq!(cal.add_working_days(d("2024-03-26"), 2).unwrap(), d("2024-04-02"));
/// assert_eq!(cal.working_days_between(d("2024-03-26"), d("2024-04-02")).unwrap(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Calendar {
    regime: Regime,
    /// For each day from 1 January of [`FIRST_YEAR`]: working days up to and including it.
    cumulative: Vec<u32>,
    /// Day numbers (from 1 January of [`FIRST_YEAR`]) of the working days, in order.
    working: Vec<u32>,
    /// Names of the non-working weekdays.
    names: BTreeMap<NaiveDate, Holiday>,
}

/// The calendar of the `forvaltning` regime, the one a municipal office
/// keeps: weekends, public holidays, Grundlovsdag, 24 and 31 December.
impl Default for Calendar {
    fn default() -> Self {
        Calendar::danish("forvaltning").expect("`forvaltning` is a built-in regime")
    }
}

impl Calendar {
    /// The calendar of a built-in regime (see [`Regime`]).
    pub fn danish(regime: &str) -> Result<Calendar> {
        Ok(Calendar::new(Regime::built_in(regime)?))
    }

    /// The calendar of a regime.
    pub fn new(regime: Regime) -> Calendar {
        debug_assert_eq!(first_day().num_days_from_ce(), first_day_ce());
        let start = first_day();
        let days = (last_day() - start).num_days() as usize + 1;
        let mut off = vec![false; days];
        let mut names = BTreeMap::new();
        for year in FIRST_YEAR..=LAST_YEAR {
            let public = public_holidays(year).expect("year in range");
            let extra = regime.days_in(year).map(|(date, name)| Holiday {
                date,
                name: name.clone(),
                public: false,
            });
            for h in public.into_iter().chain(extra) {
                off[(h.date - start).num_days() as usize] = true;
                names.entry(h.date).or_insert(h);
            }
        }
        let mut cumulative = Vec::with_capacity(days);
        let mut working = Vec::with_capacity(days * 5 / 7 + 1);
        let mut weekday = start.weekday().num_days_from_monday();
        for (i, &is_off) in off.iter().enumerate() {
            if weekday < 5 && !is_off {
                working.push(i as u32);
            }
            cumulative.push(working.len() as u32);
            weekday = (weekday + 1) % 7;
        }
        Calendar {
            regime,
            cumulative,
            working,
            names,
        }
    }

    /// The calendar of postal delivery days (omdelingsdage), built once.
    ///
    /// Justitsministeriets vejledning nr. 9533 af 26. juni 2018 om beregning
    /// af klagefrister counts ordinary post in omdelingsdage: "dage hvor
    /// PostNord uddeler post" (as Kammeradvokaten and HK summarise it; the
    /// text of the vejledning itself that the library's authors could read
    /// covers only its introduction, so the definition below is an
    /// assumption, stated here). A delivery day is Monday to Friday, except
    /// public holidays and the postal operator's non-delivery days.
    /// PostNord has delivered letters on weekdays only since 2016. Its
    /// non-delivery days are data (`data/omdelingsdage.json`): Grundlovsdag
    /// and 24 December, on which Post Danmark may skip delivery, and the
    /// bridge days (mellemdage) the regulator approved, such as Monday 31
    /// December 2018 (Trafik-, Bygge- og Boligstyrelsen, 22 June 2018).
    pub fn delivery_days() -> &'static Calendar {
        static CELL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            Calendar::danish("omdeling").expect("the embedded delivery days are valid")
        })
    }

    /// The regime.
    pub fn regime(&self) -> &Regime {
        &self.regime
    }

    fn index(&self, date: NaiveDate) -> Result<usize> {
        let i = date.num_days_from_ce() - first_day_ce();
        if i < 0 || i as usize >= self.cumulative.len() {
            return Err(Error::Range {
                what: "date".into(),
                value: date.to_string(),
                reason: format!("calendars cover {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31"),
            });
        }
        Ok(i as usize)
    }

    fn date(&self, ordinal: i64) -> Result<NaiveDate> {
        match usize::try_from(ordinal)
            .ok()
            .and_then(|k| self.working.get(k))
        {
            Some(&day) => Ok(
                NaiveDate::from_num_days_from_ce_opt(first_day_ce() + day as i32)
                    .expect("in range"),
            ),
            None => Err(Error::Range {
                what: "result".into(),
                value: "working day".into(),
                reason: format!("it would fall outside {FIRST_YEAR}–{LAST_YEAR}"),
            }),
        }
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool> {
        let i = self.index(date)?;
        let before = if i == 0 { 0 } else { self.cumulative[i - 1] };
        Ok(self.cumulative[i] > before)
    }

    /// `date` itself if it is a working day, otherwise the first working day after it.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate> {
        let i = self.index(date)?;
        let before = if i == 0 { 0 } else { self.cumulative[i - 1] };
        self.date(before as i64)
    }

    /// The `n`-th working day after `date` (`n > 0`) or before it (`n < 0`);
    /// `date` itself is not counted. `n = 0` gives `date` unchanged.
    ///
    /// For every `date` and `n > 0`, and for a working day `date` and `n < 0`:
    /// `working_days_between(date, add_working_days(date, n)) == n`.
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate> {
        let i = self.index(date)?;
        let upto = self.cumulative[i] as i64; // working days on or before `date`
        match n.cmp(&0) {
            std::cmp::Ordering::Equal => Ok(date),
            std::cmp::Ordering::Greater => self.date(upto + n - 1),
            std::cmp::Ordering::Less => {
                let before = if i == 0 {
                    0
                } else {
                    self.cumulative[i - 1] as i64
                };
                self.date(before + n)
            }
        }
    }

    /// Working days after `a` up to and including `b`; negative when `b` is before `a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64> {
        Ok(self.cumulative[self.index(b)?] as i64 - self.cumulative[self.index(a)?] as i64)
    }

    /// Why `date` is not a working day: its name, or the weekday. `None` for a working day.
    pub fn non_working_reason(&self, date: NaiveDate) -> Result<Option<Label>> {
        if self.is_working_day(date)? {
            return Ok(None);
        }
        Ok(Some(match self.names.get(&date) {
            Some(h) => h.name.clone(),
            None if date.weekday() == Weekday::Sat => Label::new("Lørdag", "Saturday"),
            None => Label::new("Søndag", "Sunday"),
        }))
    }

    /// The public holidays and the regime's non-working days of a year, in date order.
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>> {
        check_year(year)?;
        let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid");
        let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid");
        Ok(self
            .names
            .range(from..=to)
            .map(|(_, h)| h.clone())
            .collect())
    }

    /// The names of the non-working days strictly after `from` up to and including `to`.
    pub fn skipped(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, Label)>> {
        let mut out = Vec::new();
        let mut d = from.succ_opt().expect("in range");
        while d <= to {
            if let Some(reason) = self.non_working_reason(d)? {
                out.push((d, reason));
            }
            d = d.succ_opt().expect("in range");
        }
        Ok(out)
    }
}

/// The label of a date's weekday, for traces.
pub fn weekday_label(date: NaiveDate, lang: Lang) -> &'static str {
    const DA: [&str; 7] = [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = date.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Da => DA[i],
        Lang::En => EN[i],
    }
}
