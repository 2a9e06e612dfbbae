//! Statutory deadlines (frister), each citing its source, computed on a
//! working-day [`Calendar`] with a trace that explains the due date.
//!
//! Conventions, from the statutes and domain.md:
//! - the start day is not counted ("4 weeks from the day the decision was
//!   received": received Monday 1 March → due Monday 29 March);
//! - a period in working days counts only working days of the regime;
//! - a period in days, weeks, months or years that ends on a non-working day
//!   rolls forward to the next working day (retssikkerhedsloven § 67; for
//!   GDPR, regulation 1182/71 art. 3(4)), unless the rule says otherwise;
//! - months clamp to the month's end: 31 January + 1 month = 28/29 February.

use std::path::Path;

use chrono::{Duration, Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Location, Result};
use crate::calendar::Calendar;
use crate::codes::{coded_enum, is_code, Label, Lang};
use crate::register::Register;
use crate::taxonomy::Taxonomy;

coded_enum! {
    /// The unit of a period.
    pub enum Unit {
        /// Working days of the regime (arbejdsdage).
        WorkingDays = "arbejdsdage", "arbejdsdage", "working days";
        /// Calendar days (dage).
        Days = "dage", "dage", "days";
        /// Weeks of seven days (uger).
        Weeks = "uger", "uger", "weeks";
        /// Calendar months, clamped to the month's end (måneder).
        Months = "maaneder", "måneder", "months";
        /// Calendar years (år).
        Years = "aar", "år", "years";
    }
}

/// A length of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// How many units.
    pub n: u32,
    /// The unit.
    pub unit: Unit,
}

impl Period {
    /// A period of `n` units.
    pub const fn new(n: u32, unit: Unit) -> Period {
        Period { n, unit }
    }

    /// The raw end of the period from `start`, before any roll-forward.
    fn end(self, start: NaiveDate, calendar: &Calendar) -> Result<NaiveDate> {
        let overflow = || Error::Range {
            what: "deadline".into(),
            value: start.to_string(),
            reason: "the period runs past the calendar".into(),
        };
        match self.unit {
            Unit::WorkingDays => calendar.add_working_days(start, self.n as i64),
            Unit::Days => start
                .checked_add_signed(Duration::days(self.n as i64))
                .ok_or_else(overflow),
            Unit::Weeks => start
                .checked_add_signed(Duration::weeks(self.n as i64))
                .ok_or_else(overflow),
            Unit::Months => start
                .checked_add_months(Months::new(self.n))
                .ok_or_else(overflow),
            Unit::Years => start
                .checked_add_months(Months::new(self.n.saturating_mul(12)))
                .ok_or_else(overflow),
        }
    }
}

/// A deadline rule (frist) and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule's code, e.g. `klage-social`.
    pub code: String,
    /// What the deadline is for.
    pub label: Label,
    /// The legal source, e.g. "retssikkerhedsloven § 67".
    pub source: String,
    /// The period.
    pub period: Period,
    /// The whole period when the deadline is extended, for rules that allow
    /// it (GDPR: 1 month, extendable to 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended: Option<Period>,
    /// Whether an end on a non-working day moves to the next working day.
    #[serde(default = "yes")]
    pub roll_forward: bool,
}

fn yes() -> bool {
    true
}

fn rule(
    code: &str,
    da: &str,
    en: &str,
    source: &str,
    period: Period,
    extended: Option<Period>,
) -> Rule {
    Rule {
        code: code.into(),
        label: Label::new(da, en),
        source: source.into(),
        period,
        extended,
        roll_forward: true,
    }
}

/// The catalogue of statutory deadlines.
pub fn catalogue() -> Vec<Rule> {
    use Unit::*;
    vec![
        rule(
            "aktindsigt",
            "Svar på aktindsigt",
            "Answer to a request for access to documents",
            "offentlighedsloven § 36, stk. 2",
            Period::new(7, WorkingDays),
            None,
        ),
        rule(
            "aktindsigt-klage-videresendelse",
            "Videresendelse af klage over afslag på aktindsigt",
            "Passing on a complaint about refused access",
            "offentlighedsloven § 37, stk. 2",
            Period::new(7, WorkingDays),
            None,
        ),
        rule(
            "aktindsigt-klageinstans",
            "Klageinstansens afgørelse om aktindsigt",
            "The appeal body's decision on access",
            "offentlighedsloven § 37, stk. 3",
            Period::new(20, WorkingDays),
            None,
        ),
        rule(
            "klage-social",
            "Klagefrist over social afgørelse",
            "Complaint about a social decision",
            "retssikkerhedsloven § 67",
            Period::new(4, Weeks),
            None,
        ),
        rule(
            "genvurdering",
            "Kommunens genvurdering af en klage",
            "The municipality's reconsideration of a complaint",
            "retssikkerhedsloven § 66",
            Period::new(4, Weeks),
            None,
        ),
        rule(
            "begrundelse",
            "Anmodning om skriftlig begrundelse efter mundtlig afgørelse",
            "Request for written reasons after an oral decision",
            "forvaltningsloven § 23",
            Period::new(14, Days),
            None,
        ),
        rule(
            "gdpr-indsigt",
            "Svar på indsigt eller berigtigelse (GDPR)",
            "Answer to an access or rectification request (GDPR)",
            "databeskyttelsesforordningen art. 12, stk. 3",
            Period::new(1, Months),
            Some(Period::new(3, Months)),
        ),
        rule(
            "whistleblower-kvittering",
            "Kvittering for indberetning",
            "Acknowledging a whistleblower report",
            "lov nr. 1436 af 29/06/2021 (whistleblowerloven) § 20, stk. 2, nr. 1",
            Period::new(7, Days),
            None,
        ),
        rule(
            "whistleblower-feedback",
            "Feedback til whistlebloweren",
            "Feedback to the whistleblower",
            "lov nr. 1436 af 29/06/2021 (whistleblowerloven) § 20, stk. 2, nr. 3",
            Period::new(3, Months),
            Some(Period::new(6, Months)),
        ),
        rule(
            "ombudsmand",
            "Klage til Folketingets Ombudsmand",
            "Complaint to the Parliamentary Ombudsman",
            "ombudsmandsloven § 13, stk. 3",
            Period::new(1, Years),
            None,
        ),
    ]
}

/// A rule of the catalogue by its code.
pub fn rule_by_code(code: &str) -> Result<Rule> {
    let all = catalogue();
    match all.iter().position(|r| r.code == code) {
        Some(i) => Ok(all[i].clone()),
        None => Err(Error::unknown(
            "deadline rule",
            code,
            &all.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        )),
    }
}

/// How a decision reached the citizen, which fixes the day of receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Delivery {
    /// Digital Post: received the day it was sent.
    DigitalPost,
    /// Ordinary post: received some working days after it was sent.
    /// domain.md (after Ankestyrelsen) gives no fixed number; the library's
    /// default is [`Delivery::POST_DEFAULT_DAYS`], and it is configurable.
    Post {
        /// Working days from sending to receipt.
        working_days: u32,
    },
}

impl Delivery {
    /// Working days the library assumes for ordinary post by default,
    /// PostNord's delivery time for ordinary letters.
    pub const POST_DEFAULT_DAYS: u32 = 5;

    /// Ordinary post with the default delivery time.
    pub fn post() -> Delivery {
        Delivery::Post {
            working_days: Delivery::POST_DEFAULT_DAYS,
        }
    }

    /// Parses `digital_post`, `post` or `post:N`.
    pub fn from_code(code: &str) -> Result<Delivery> {
        match code {
            "digital_post" => Ok(Delivery::DigitalPost),
            "post" => Ok(Delivery::post()),
            _ => match code.strip_prefix("post:").and_then(|n| n.parse().ok()) {
                Some(working_days) => Ok(Delivery::Post { working_days }),
                None => Err(Error::unknown(
                    "delivery",
                    code,
                    &["digital_post", "post", "post:N"],
                )),
            },
        }
    }

    /// The day of receipt for a decision sent on `sent`.
    pub fn received(self, sent: NaiveDate, calendar: &Calendar) -> Result<NaiveDate> {
        match self {
            Delivery::DigitalPost => Ok(sent),
            Delivery::Post { working_days } => calendar.add_working_days(sent, working_days as i64),
        }
    }
}

/// A non-working day passed over, with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Skipped {
    /// The day.
    pub date: NaiveDate,
    /// Why it does not count, e.g. "Langfredag" or "Lørdag".
    pub reason: Label,
}

/// How a due date was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Trace {
    /// The legal source of the rule.
    pub source: String,
    /// The regime of the calendar.
    pub regime: String,
    /// The day the decision was sent, when the start follows from delivery.
    pub sent: Option<NaiveDate>,
    /// The start day (not counted).
    pub start: NaiveDate,
    /// The period counted.
    pub period: Period,
    /// Calendar days from the start to the due date.
    pub days_counted: i64,
    /// Working days from the start to the due date.
    pub working_days_counted: i64,
    /// The end of the period before any roll-forward.
    pub period_end: NaiveDate,
    /// Non-working days after the start up to the due date.
    pub skipped: Vec<Skipped>,
    /// Why the deadline moved forward, if it did.
    pub rolled_forward: Option<Label>,
}

/// The state of a deadline on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// The deadline has not come.
    Running {
        /// Working days left after today, up to and including the due day.
        working_days_left: i64,
    },
    /// The deadline is today (it ends at 23:59).
    DueToday,
    /// The deadline has passed.
    Overdue {
        /// Calendar days since the due date.
        days: i64,
        /// Working days since the due date.
        working_days: i64,
    },
}

/// A computed deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// The rule's code.
    pub rule: String,
    /// The last day to act (until 23:59).
    pub due: NaiveDate,
    /// The due date if the deadline is extended, for rules that allow it.
    pub extended_due: Option<NaiveDate>,
    /// How the due date was reached.
    pub trace: Trace,
}

/// Options for computing a deadline.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeadlineOptions {
    /// When given, the start date is the day the decision was *sent*, and
    /// the day of receipt follows from the delivery.
    pub delivery: Option<Delivery>,
}

/// Computes the deadline of `rule` from `start`.
///
/// # Example
/// ```
/// use borgerraad_core::calendar::Calendar;
/// use borgerraad_core::deadline::{deadline, rule_by_code, DeadlineOptions};
/// let cal = Calendar::danish("forvaltning").unwrap();
/// let d = |s: &str| s.parse().unwrap();
/// // A social decision received Wednesday 27 March 2024: four weeks end on
/// // Wednesday 24 April.
/// let dl = deadline(&rule_by_code("klage-social").unwrap(), d("2024-03-27"), &DeadlineOptions::default(), &cal).unwrap();
/// assert_eq!(dl.due, d("2024-04-24"));
/// ```
pub fn deadline(
    rule: &Rule,
    start: NaiveDate,
    options: &DeadlineOptions,
    calendar: &Calendar,
) -> Result<Deadline> {
    let (sent, start) = match options.delivery {
        Some(delivery) => (Some(start), delivery.received(start, calendar)?),
        None => (None, start),
    };
    let (period_end, due, rolled_forward) = end_of(rule, rule.period, start, calendar)?;
    let extended_due = match rule.extended {
        Some(period) => Some(end_of(rule, period, start, calendar)?.1),
        None => None,
    };
    let skipped = calendar
        .skipped(start, due)?
        .into_iter()
        .map(|(date, reason)| Skipped { date, reason })
        .collect();
    Ok(Deadline {
        rule: rule.code.clone(),
        due,
        extended_due,
        trace: Trace {
            source: rule.source.clone(),
            regime: calendar.regime().code.clone(),
            sent,
            start,
            period: rule.period,
            days_counted: (due - start).num_days(),
            working_days_counted: calendar.working_days_between(start, due)?,
            period_end,
            skipped,
            rolled_forward,
        },
    })
}

fn end_of(
    rule: &Rule,
    period: Period,
    start: NaiveDate,
    calendar: &Calendar,
) -> Result<(NaiveDate, NaiveDate, Option<Label>)> {
    let end = period.end(start, calendar)?;
    if !rule.roll_forward || period.unit == Unit::WorkingDays {
        return Ok((end, end, None));
    }
    match calendar.non_working_reason(end)? {
        None => Ok((end, end, None)),
        Some(reason) => {
            let due = calendar.next_working_day(end)?;
            let why = Label::new(
                format!(
                    "{end} er ikke en arbejdsdag ({}); fristen flyttes til næste arbejdsdag",
                    reason.da
                ),
                format!(
                    "{end} is not a working day ({}); the deadline moves to the next working day",
                    reason.en
                ),
            );
            Ok((end, due, Some(why)))
        }
    }
}

impl Deadline {
    /// The state of the deadline on `today`.
    pub fn status(&self, today: NaiveDate, calendar: &Calendar) -> Result<Status> {
        Ok(match today.cmp(&self.due) {
            std::cmp::Ordering::Less => Status::Running {
                working_days_left: calendar.working_days_between(today, self.due)?,
            },
            std::cmp::Ordering::Equal => Status::DueToday,
            std::cmp::Ordering::Greater => Status::Overdue {
                days: (today - self.due).num_days(),
                working_days: calendar.working_days_between(self.due, today)?,
            },
        })
    }

    /// The trace as sentences for people.
    pub fn explain(&self, lang: Lang) -> Vec<String> {
        let t = &self.trace;
        let mut out = Vec::new();
        if let Some(sent) = t.sent {
            out.push(match lang {
                Lang::Da => format!("Sendt {sent}; anses for modtaget {}.", t.start),
                Lang::En => format!("Sent {sent}; taken as received {}.", t.start),
            });
        }
        out.push(match lang {
            Lang::Da => format!(
                "Fristen løber fra {} ({}), som ikke tælles med: {} {} ({}).",
                t.start,
                crate::calendar::weekday_label(t.start, lang),
                t.period.n,
                t.period.unit.label(lang),
                t.source
            ),
            Lang::En => format!(
                "The period runs from {} ({}), which is not counted: {} {} ({}).",
                t.start,
                crate::calendar::weekday_label(t.start, lang),
                t.period.n,
                t.period.unit.label(lang),
                t.source
            ),
        });
        if !t.skipped.is_empty() {
            let names: Vec<String> = t
                .skipped
                .iter()
                .map(|s| format!("{} {}", s.date, s.reason.get(lang)))
                .collect();
            out.push(match lang {
                Lang::Da => format!("Dage der ikke er arbejdsdage: {}.", names.join(", ")),
                Lang::En => format!("Non-working days: {}.", names.join(", ")),
            });
        }
        if let Some(why) = &t.rolled_forward {
            out.push(format!("{}.", why.get(lang)));
        }
        out.push(match lang {
            Lang::Da => format!(
                "Frist: {} ({}) kl. 23.59.",
                self.due,
                crate::calendar::weekday_label(self.due, lang)
            ),
            Lang::En => format!(
                "Due: {} ({}) at 23:59.",
                self.due,
                crate::calendar::weekday_label(self.due, lang)
            ),
        });
        out
    }
}

/// One processing deadline (sagsbehandlingsfrist) of a service area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceArea {
    /// The taxonomy code the deadline applies to, and to everything under it.
    pub category: String,
    /// The service area's name.
    pub label: Label,
    /// The published deadline.
    pub period: Period,
}

/// The processing deadlines a municipal council sets and publishes per
/// service area (retssikkerhedsloven § 3, stk. 2). They differ between
/// municipalities, so they are configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessingDeadlines {
    /// Where the table was published, e.g. the council's decision.
    pub source: String,
    /// The service areas.
    pub areas: Vec<ServiceArea>,
}

/// An open inquiry past its processing deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OverdueItem {
    /// The inquiry's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// The due date.
    pub due: NaiveDate,
    /// Working days past the due date.
    pub working_days: i64,
}

impl ProcessingDeadlines {
    /// Loads a table from JSON and checks its categories against a taxonomy.
    pub fn from_json_str(
        text: &str,
        source: &str,
        taxonomy: &Taxonomy,
    ) -> Result<ProcessingDeadlines> {
        let table: ProcessingDeadlines = crate::document::from_json(text, source)?;
        let at = Location::source(source);
        for (i, a) in table.areas.iter().enumerate() {
            if !is_code(&a.category) || taxonomy.unit(&a.category).is_none() {
                return Err(Error::config(
                    at,
                    Some(&format!("areas[{i}].category")),
                    format!(
                        "`{}` is not in the taxonomy",
                        crate::base::error::shorten(&a.category)
                    ),
                ));
            }
            if a.period.n == 0 {
                return Err(Error::config(
                    at,
                    Some(&format!("areas[{i}].period")),
                    "a deadline of zero",
                ));
            }
            if table.areas[..i].iter().any(|b| b.category == a.category) {
                return Err(Error::config(
                    at,
                    Some(&format!("areas[{i}].category")),
                    format!("`{}` appears twice", a.category),
                ));
            }
        }
        Ok(table)
    }

    /// Loads a table from a JSON file.
    pub fn from_json_file(
        path: impl AsRef<Path>,
        taxonomy: &Taxonomy,
    ) -> Result<ProcessingDeadlines> {
        let path = path.as_ref();
        let text = crate::document::read_text(path)?;
        ProcessingDeadlines::from_json_str(&text, &path.display().to_string(), taxonomy)
    }

    /// The most specific service area covering a category code.
    pub fn area_for(&self, category: &str) -> Option<&ServiceArea> {
        self.areas
            .iter()
            .filter(|a| {
                category == a.category
                    || category
                        .strip_prefix(a.category.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|a| a.category.len())
    }

    /// The processing deadline of a category as a [`Rule`].
    pub fn rule_for(&self, category: &str) -> Option<Rule> {
        self.area_for(category).map(|a| Rule {
            code: format!("sagsbehandling/{}", a.category),
            label: a.label.clone(),
            source: format!("retssikkerhedsloven § 3, stk. 2; {}", self.source),
            period: a.period,
            extended: None,
            roll_forward: true,
        })
    }

    /// The open inquiries of a register past their processing deadline on
    /// `today`, counted from the day each was received, most overdue first.
    pub fn overdue(
        &self,
        register: &Register,
        calendar: &Calendar,
        today: NaiveDate,
    ) -> Result<Vec<OverdueItem>> {
        let mut out = Vec::new();
        for inquiry in register.iter().filter(|i| i.closed.is_none()) {
            let Some(rule) = self.rule_for(&inquiry.category) else {
                continue;
            };
            let dl = deadline(
                &rule,
                inquiry.received,
                &DeadlineOptions::default(),
                calendar,
            )?;
            if let Status::Overdue { working_days, .. } = dl.status(today, calendar)? {
                out.push(OverdueItem {
                    id: inquiry.id.to_string(),
                    category: inquiry.category.to_string(),
                    due: dl.due,
                    working_days,
                });
            }
        }
        out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }
}
