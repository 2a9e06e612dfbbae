//! Statutory deadlines (frister), each citing its source and naming its
//! regime, computed on a working-day [`Calendar`] with a trace that explains
//! the due date.
//!
//! Conventions, from the statutes and domain.md:
//! - the start day is not counted ("4 weeks from the day the decision was
//!   received": received Monday 1 March → due Monday 29 March);
//! - a period in working days counts only working days of the regime;
//! - a period in days, weeks, months or years that ends on a non-working day
//!   rolls forward to the next working day (retssikkerhedsloven § 67; for
//!   GDPR, regulation 1182/71 art. 3(4)), unless the rule says otherwise;
//! - months clamp to the month's end: 31 January + 1 month = 28/29 February.
//!
//! **Whose deadline, which days.** Every [`Rule`] names its [`Party`] and
//! its regime (see [`crate::calendar::Regime`]):
//! - the *citizen's* time limits (a complaint, a request for reasons, a
//!   claim) use `forvaltning` (or their own regime, `udbetaling_danmark`,
//!   `foraeldelse`): an end on Grundlovsdag, 24 or 31 December moves on, so
//!   that the citizen never loses a day to a closed office;
//! - the *authority's own* duties counted in days, weeks or months use
//!   `helligdage`: EU regulation 1182/71, art. 3(4), moves the end of a period
//!   only past Saturdays, Sundays and public holidays, and the library never
//!   lets the municipality's closure days stretch its own duty (GDPR art.
//!   12(3), the whistleblower act, forvaltningsloven § 23, stk. 2,
//!   retssikkerhedsloven § 66, processing deadlines);
//! - periods counted in working days (arbejdsdage) of the administration
//!   (offentlighedsloven) use `forvaltning`: those are the days it works.
//!
//! **When a decision is received.** With a [`Delivery`], the start is the day
//! the letter is dated, and the day of receipt follows Justitsministeriets
//! vejledning nr. 9533 af 26. juni 2018 om beregning af klagefrister, which
//! Ankestyrelsen applies: Digital Post the same day; ordinary post 6
//! delivery days (omdelingsdage) after the date of the letter; Quickpost 2.
//! Delivery days are counted on [`Calendar::delivery_days`]. Udbetaling
//! Danmark's paper post has its own rule ([`Delivery::UdbetalingDanmarkPost`]).

use std::path::Path;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
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

coded_enum! {
    /// Whose time limit a rule is.
    pub enum Party {
        /// The authority's own duty (myndighedens frist): an answer, a notice,
        /// a reconsideration. Its end moves only past Saturdays, Sundays and
        /// public holidays (EU regulation 1182/71, art. 3(4)), or it counts
        /// the administration's working days.
        Authority = "myndighed", "Myndighedens frist", "The authority's duty";
        /// The citizen's time limit (borgerens frist): a complaint, a request,
        /// a claim. Its end moves past every day of its regime.
        Citizen = "borger", "Borgerens frist", "The citizen's time limit";
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
    /// Whose time limit it is.
    pub party: Party,
    /// The built-in regime (see [`crate::calendar::Regime`]) whose working
    /// days the rule counts and rolls forward over, when no other calendar is
    /// given.
    pub regime: String,
    /// Why the rule uses that regime.
    pub regime_basis: Label,
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

impl Rule {
    /// The calendar of the rule's own regime.
    pub fn calendar(&self) -> Result<Calendar> {
        Calendar::danish(&self.regime)
    }
}

/// Why a rule of each kind uses its regime.
fn basis(regime: &str, party: Party, unit: Unit) -> Label {
    match (regime, party, unit) {
        ("forvaltning", _, Unit::WorkingDays) => Label::new(
            "Arbejdsdage i forvaltningen: ikke lørdag, søndag, helligdage, grundlovsdag, juleaftensdag og nytårsaftensdag",
            "Working days of the administration: not Saturdays, Sundays, public holidays, Grundlovsdag, 24 or 31 December",
        ),
        ("forvaltning", Party::Citizen, _) => Label::new(
            "Borgerens frist: udløber den på en lørdag, søndag, helligdag, grundlovsdag, juleaftensdag eller nytårsaftensdag, flyttes den til næste arbejdsdag",
            "The citizen's limit: an end on a Saturday, Sunday, public holiday, Grundlovsdag, 24 or 31 December moves to the next working day",
        ),
        ("helligdage", Party::Authority, _) => Label::new(
            "Myndighedens egen frist: flyttes kun over lørdage, søndage og helligdage (forordning 1182/71, art. 3, stk. 4), ikke over kommunens lukkedage",
            "The authority's own duty: moves only past Saturdays, Sundays and public holidays (regulation 1182/71, art. 3(4)), never past the municipality's closure days",
        ),
        ("udbetaling_danmark", _, _) => Label::new(
            "Udbetaling Danmarks regel: udløber fristen på en helligdag eller fredagen efter Kristi Himmelfart, forlænges den til første hverdag (borger.dk)",
            "Udbetaling Danmark's rule: an end on a public holiday or the Friday after Ascension Day moves to the first weekday (borger.dk)",
        ),
        ("foraeldelse", _, _) => Label::new(
            "Forældelsesloven § 27, stk. 2: udløber fristen på en lørdag, søndag, helligdag, grundlovsdag, juleaftensdag eller nytårsaftensdag, kan kravet afbrydes den følgende hverdag",
            "Limitation Act s. 27(2): an end on a Saturday, Sunday, public holiday, Grundlovsdag, 24 or 31 December moves to the next weekday",
        ),
        _ => Label::new(
            format!("Kalenderen {regime}"),
            format!("The {regime} calendar"),
        ),
    }
}

fn rule(
    code: &str,
    (da, en): (&str, &str),
    source: &str,
    party: Party,
    regime: &str,
    period: Period,
    extended: Option<Period>,
) -> Rule {
    Rule {
        code: code.into(),
        label: Label::new(da, en),
        source: source.into(),
        party,
        regime: regime.into(),
        regime_basis: basis(regime, party, period.unit),
        period,
        extended,
        roll_forward: true,
    }
}

/// The catalogue of statutory deadlines. Each rule names its party, its
/// regime and its source; the choice of regime is documented on
/// [`Party`] and in the module documentation.
pub fn catalogue() -> Vec<Rule> {
    use Party::{Authority, Citizen};
    use Unit::*;
    const WB: &str = "lov nr. 1436 af 29/06/2021 om beskyttelse af whistleblowere";
    vec![
        rule(
            "aktindsigt",
            ("Svar på aktindsigt", "Answer to a request for access to documents"),
            "offentlighedsloven § 36, stk. 2",
            Authority,
            "forvaltning",
            Period::new(7, WorkingDays),
            None,
        ),
        rule(
            "aktindsigt-underretning",
            (
                "Underretning om grunden og forventet svartid, når aktindsigt ikke kan gives inden 7 arbejdsdage",
                "Notice of the reason and the expected date when access cannot be given within 7 working days",
            ),
            "offentlighedsloven § 36, stk. 2 (underretning inden fristens udløb)",
            Authority,
            "forvaltning",
            Period::new(7, WorkingDays),
            None,
        ),
        rule(
            "aktindsigt-klage-sagsbehandlingstid",
            (
                "Sidste dag før anmoderen kan klage over sagsbehandlingstiden for aktindsigt (klageretten begynder dagen efter)",
                "Last day before the requester may complain about the time taken on access (the right begins the next day)",
            ),
            "offentlighedsloven § 39, stk. 1",
            Citizen,
            "forvaltning",
            Period::new(14, WorkingDays),
            None,
        ),
        rule(
            "aktindsigt-klage-videresendelse",
            (
                "Videresendelse af klage over afslag på aktindsigt",
                "Passing on a complaint about refused access",
            ),
            "offentlighedsloven § 37, stk. 2",
            Authority,
            "forvaltning",
            Period::new(7, WorkingDays),
            None,
        ),
        rule(
            "aktindsigt-klageinstans",
            (
                "Klageinstansens afgørelse om aktindsigt",
                "The appeal body's decision on access",
            ),
            "offentlighedsloven § 37, stk. 3",
            Authority,
            "forvaltning",
            Period::new(20, WorkingDays),
            None,
        ),
        rule(
            "klage-social",
            (
                "Klagefrist over social afgørelse",
                "Complaint about a social decision",
            ),
            "retssikkerhedsloven § 67",
            Citizen,
            "forvaltning",
            Period::new(4, Weeks),
            None,
        ),
        rule(
            "klage-udbetaling-danmark",
            (
                "Klagefrist over afgørelse fra Udbetaling Danmark",
                "Complaint about a decision of Udbetaling Danmark",
            ),
            "4 uger fra modtagelsen; Udbetaling Danmarks beregning (borger.dk: Sådan beregnes klagefristen ved papirpost)",
            Citizen,
            "udbetaling_danmark",
            Period::new(4, Weeks),
            None,
        ),
        rule(
            "genvurdering",
            (
                "Kommunens genvurdering af en klage",
                "The municipality's reconsideration of a complaint",
            ),
            "retssikkerhedsloven § 66",
            Authority,
            "helligdage",
            Period::new(4, Weeks),
            None,
        ),
        rule(
            "begrundelse",
            (
                "Anmodning om skriftlig begrundelse efter mundtlig afgørelse",
                "Request for written reasons after an oral decision",
            ),
            "forvaltningsloven § 23, stk. 2, 1. pkt.",
            Citizen,
            "forvaltning",
            Period::new(14, Days),
            None,
        ),
        rule(
            "begrundelse-svar",
            (
                "Myndighedens svar med skriftlig begrundelse",
                "The authority's answer with written reasons",
            ),
            "forvaltningsloven § 23, stk. 2, 2. pkt.",
            Authority,
            "helligdage",
            Period::new(14, Days),
            None,
        ),
        rule(
            "gdpr-indsigt",
            (
                "Svar på indsigt eller berigtigelse (GDPR)",
                "Answer to an access or rectification request (GDPR)",
            ),
            "databeskyttelsesforordningen art. 12, stk. 3; forordning 1182/71 art. 3, stk. 4",
            Authority,
            "helligdage",
            Period::new(1, Months),
            Some(Period::new(3, Months)),
        ),
        rule(
            "whistleblower-intern-kvittering",
            (
                "Kvittering for indberetning (intern ordning)",
                "Acknowledging a report (internal scheme)",
            ),
            &format!("{WB} § 12, stk. 2, nr. 1 (kapitel 3, interne whistleblowerordninger)"),
            Authority,
            "helligdage",
            Period::new(7, Days),
            None,
        ),
        rule(
            "whistleblower-intern-feedback",
            (
                "Feedback til whistlebloweren (intern ordning), regnet fra kvitteringen",
                "Feedback to the whistleblower (internal scheme), from the acknowledgement",
            ),
            &format!("{WB} § 12, stk. 2, nr. 3 (kapitel 3, interne whistleblowerordninger)"),
            Authority,
            "helligdage",
            Period::new(3, Months),
            None,
        ),
        rule(
            "whistleblower-ekstern-kvittering",
            (
                "Kvittering for indberetning (ekstern ordning)",
                "Acknowledging a report (external scheme)",
            ),
            &format!("{WB} § 20, stk. 2, nr. 1 (kapitel 4, eksterne whistleblowerordninger)"),
            Authority,
            "helligdage",
            Period::new(7, Days),
            None,
        ),
        rule(
            "whistleblower-ekstern-feedback",
            (
                "Feedback til whistlebloweren (ekstern ordning), regnet fra kvitteringen; 6 måneder i behørigt begrundede tilfælde",
                "Feedback to the whistleblower (external scheme), from the acknowledgement; 6 months in duly justified cases",
            ),
            &format!("{WB} § 20, stk. 2, nr. 3 (kapitel 4, eksterne whistleblowerordninger)"),
            Authority,
            "helligdage",
            Period::new(3, Months),
            Some(Period::new(6, Months)),
        ),
        rule(
            "ombudsmand",
            (
                "Klage til Folketingets Ombudsmand",
                "Complaint to the Parliamentary Ombudsman",
            ),
            "ombudsmandsloven § 13, stk. 3",
            Citizen,
            "forvaltning",
            Period::new(1, Years),
            None,
        ),
        rule(
            "foraeldelse",
            (
                "Almindelig forældelsesfrist for et krav, fx på tilbagebetaling, regnet fra forfaldsdagen",
                "Ordinary limitation period of a claim, e.g. for repayment, from the day it fell due",
            ),
            "forældelsesloven § 3, stk. 1, jf. § 2; § 27, stk. 2",
            Citizen,
            "foraeldelse",
            Period::new(3, Years),
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
///
/// Source: Justitsministeriets vejledning nr. 9533 af 26. juni 2018 om
/// beregning af klagefrister, which Ankestyrelsen applies (ast.dk,
/// Klagefrister): Digital Post counts as received the day it is sent;
/// ordinary post 6 delivery days (omdelingsdage) after the date of the
/// letter; Quickpost 2. Delivery days are those of
/// [`Calendar::delivery_days`]; what counts as one is stated there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Delivery {
    /// Digital Post: received the day it was sent (code `digital_post`).
    DigitalPost,
    /// Ordinary post ("Brevet"): received 6 delivery days after the date of
    /// the letter (code `post`).
    Post,
    /// Quickpost (Q on the envelope): received 2 delivery days after the
    /// date of the letter (code `quickpost`). Ankestyrelsen says "two days";
    /// the library counts them as delivery days, as PostNord delivers
    /// Quickpost on weekdays only (an assumption, stated here).
    Quickpost,
    /// Post received a given number of delivery days after the date of the
    /// letter, e.g. where a special rule applies (code `post:N`).
    PostDays {
        /// Delivery days from the date of the letter to receipt.
        delivery_days: u32,
    },
    /// Udbetaling Danmark's paper post (code `udbetaling_danmark_post`): a
    /// letter dated Monday or Tuesday counts from the Monday of the following
    /// week; one dated Wednesday, Thursday or Friday from the Wednesday of
    /// the following week (borger.dk, "Sådan beregnes klagefristen ved
    /// papirpost"). Udbetaling Danmark dates letters on weekdays; a letter
    /// dated on a Saturday or Sunday is refused.
    UdbetalingDanmarkPost,
}

/// How the day of receipt was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Receipt {
    /// The delivery's code, e.g. `post`.
    pub delivery: String,
    /// The date of the letter (the day it was sent).
    pub sent: NaiveDate,
    /// The day it counts as received.
    pub received: NaiveDate,
    /// Where the rule comes from.
    pub source: String,
    /// The rule in words.
    pub rule: Label,
    /// Days that were not delivery days, after the date of the letter up to
    /// the day of receipt.
    pub skipped: Vec<Skipped>,
}

const VEJLEDNING: &str =
    "Justitsministeriets vejledning nr. 9533 af 26. juni 2018 om beregning af klagefrister";

impl Delivery {
    /// Delivery days from the date of the letter to receipt, ordinary post.
    pub const POST_DELIVERY_DAYS: u32 = 6;
    /// Delivery days from the date of the letter to receipt, Quickpost.
    pub const QUICKPOST_DELIVERY_DAYS: u32 = 2;

    /// Parses `digital_post`, `post`, `quickpost`, `post:N` or
    /// `udbetaling_danmark_post`.
    pub fn from_code(code: &str) -> Result<Delivery> {
        match code {
            "digital_post" => Ok(Delivery::DigitalPost),
            "post" => Ok(Delivery::Post),
            "quickpost" => Ok(Delivery::Quickpost),
            "udbetaling_danmark_post" => Ok(Delivery::UdbetalingDanmarkPost),
            _ => match code.strip_prefix("post:").and_then(|n| n.parse().ok()) {
                Some(delivery_days) => Ok(Delivery::PostDays { delivery_days }),
                None => Err(Error::unknown(
                    "delivery",
                    code,
                    &[
                        "digital_post",
                        "post",
                        "quickpost",
                        "post:N",
                        "udbetaling_danmark_post",
                    ],
                )),
            },
        }
    }

    /// The code, as [`Delivery::from_code`] reads it.
    pub fn code(self) -> String {
        match self {
            Delivery::DigitalPost => "digital_post".into(),
            Delivery::Post => "post".into(),
            Delivery::Quickpost => "quickpost".into(),
            Delivery::PostDays { delivery_days } => format!("post:{delivery_days}"),
            Delivery::UdbetalingDanmarkPost => "udbetaling_danmark_post".into(),
        }
    }

    /// The day of receipt of a letter dated `sent`, with how it was reached.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::deadline::Delivery;
    /// let d = |s: &str| s.parse().unwrap();
    /// // Dated Monday 4 March 2024: six delivery days are Tue 5 … Fri 8, Mon 11, Tue 12.
    /// assert_eq!(Delivery::Post.receipt(d("2024-03-04")).unwrap().received, d("2024-03-12"));
    /// ```
    pub fn receipt(self, sent: NaiveDate) -> Result<Receipt> {
        let post = |n: u32, da: &str, en: &str| -> Result<Receipt> {
            let cal = Calendar::delivery_days();
            let received = cal.add_working_days(sent, n as i64)?;
            Ok(Receipt {
                delivery: self.code(),
                sent,
                received,
                source: VEJLEDNING.into(),
                rule: Label::new(
                    format!("{da}: modtaget {n} omdelingsdage efter brevets dato (mandag til fredag undtagen helligdage og dage uden postomdeling)"),
                    format!("{en}: received {n} delivery days after the date of the letter (Monday to Friday except public holidays and days without delivery)"),
                ),
                skipped: skipped(cal, sent, received)?,
            })
        };
        match self {
            Delivery::DigitalPost => Ok(Receipt {
                delivery: self.code(),
                sent,
                received: sent,
                source: VEJLEDNING.into(),
                rule: Label::new(
                    "Digital Post: modtaget samme dag, som den er sendt",
                    "Digital Post: received the day it is sent",
                ),
                skipped: Vec::new(),
            }),
            Delivery::Post => post(
                Delivery::POST_DELIVERY_DAYS,
                "Almindelig post",
                "Ordinary post",
            ),
            Delivery::Quickpost => {
                post(Delivery::QUICKPOST_DELIVERY_DAYS, "Quickpost", "Quickpost")
            }
            Delivery::PostDays { delivery_days } => post(delivery_days, "Post", "Post"),
            Delivery::UdbetalingDanmarkPost => {
                let to_monday = 7 - sent.weekday().num_days_from_monday() as i64;
                let (received, da, en) = match sent.weekday() {
                    Weekday::Mon | Weekday::Tue => (
                        sent + Duration::days(to_monday),
                        "brev dateret mandag eller tirsdag regnes fra mandagen ugen efter",
                        "a letter dated Monday or Tuesday counts from the Monday of the following week",
                    ),
                    Weekday::Wed | Weekday::Thu | Weekday::Fri => (
                        sent + Duration::days(to_monday + 2),
                        "brev dateret onsdag, torsdag eller fredag regnes fra onsdagen ugen efter",
                        "a letter dated Wednesday, Thursday or Friday counts from the Wednesday of the following week",
                    ),
                    Weekday::Sat | Weekday::Sun => {
                        return Err(Error::Range {
                            what: "date of the letter".into(),
                            value: sent.to_string(),
                            reason: "Udbetaling Danmark's paper-post rule covers letters dated Monday to Friday".into(),
                        })
                    }
                };
                Ok(Receipt {
                    delivery: self.code(),
                    sent,
                    received,
                    source:
                        "borger.dk, Udbetaling Danmark: Sådan beregnes klagefristen ved papirpost"
                            .into(),
                    rule: Label::new(
                        format!("Udbetaling Danmark, papirpost: {da}"),
                        format!("Udbetaling Danmark, paper post: {en}"),
                    ),
                    skipped: Vec::new(),
                })
            }
        }
    }

    /// The day of receipt of a letter dated `sent`.
    pub fn received(self, sent: NaiveDate) -> Result<NaiveDate> {
        Ok(self.receipt(sent)?.received)
    }
}

fn skipped(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> Result<Vec<Skipped>> {
    Ok(calendar
        .skipped(from, to)?
        .into_iter()
        .map(|(date, reason)| Skipped { date, reason })
        .collect())
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
    /// Whose time limit it is.
    pub party: Party,
    /// The regime of the calendar the deadline was computed on.
    pub regime: String,
    /// The rule's own regime (differs from `regime` when another calendar
    /// was given).
    pub rule_regime: String,
    /// Why the rule uses its regime.
    pub regime_basis: Label,
    /// The day the decision was sent, when the start follows from delivery.
    pub sent: Option<NaiveDate>,
    /// How the day of receipt was reached, when the start follows from
    /// delivery.
    pub receipt: Option<Receipt>,
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

/// A deadline of a [`Rule`] being set up, from [`Rule::counted_from`]:
/// give how the decision was sent and the calendar if they matter, then
/// [`compute`](DeadlineQuery::compute) it.
///
/// # Example
/// ```
/// use borgerraad_core::deadline::{rule_by_code, Delivery};
/// let d = |s: &str| s.parse().unwrap();
/// let rule = rule_by_code("klage-social").unwrap();
/// // A social decision received Wednesday 27 March 2024: four weeks end on
/// // Wednesday 24 April.
/// assert_eq!(rule.counted_from(d("2024-03-27")).compute().unwrap().due, d("2024-04-24"));
/// // Sent by Digital Post that day, it counts as received the same day.
/// let dl = rule.counted_from(d("2024-03-27")).sent_by(Delivery::DigitalPost).compute().unwrap();
/// assert_eq!(dl.due, d("2024-04-24"));
/// ```
#[derive(Debug, Clone, Copy)]
#[must_use = "a query computes nothing until `compute` is called"]
pub struct DeadlineQuery<'a> {
    rule: &'a Rule,
    start: NaiveDate,
    delivery: Option<Delivery>,
    calendar: Option<&'a Calendar>,
}

impl Rule {
    /// The deadline of this rule counted from `start`: the day the decision
    /// or request was received, or, with [`DeadlineQuery::sent_by`], the
    /// date of the letter.
    pub fn counted_from(&self, start: NaiveDate) -> DeadlineQuery<'_> {
        DeadlineQuery {
            rule: self,
            start,
            delivery: None,
            calendar: None,
        }
    }
}

impl<'a> DeadlineQuery<'a> {
    /// The start is the date of the letter, sent by `delivery`; the day of
    /// receipt follows from it.
    pub fn sent_by(self, delivery: Delivery) -> Self {
        DeadlineQuery {
            delivery: Some(delivery),
            ..self
        }
    }

    /// Counts on `calendar` instead of the calendar of the rule's own
    /// regime ([`Rule::calendar`]).
    pub fn on(self, calendar: &'a Calendar) -> Self {
        DeadlineQuery {
            calendar: Some(calendar),
            ..self
        }
    }

    /// The deadline, with the trace of how it was reached.
    pub fn compute(self) -> Result<Deadline> {
        match self.calendar {
            Some(calendar) => deadline(self.rule, self.start, self.delivery, calendar),
            None => deadline(self.rule, self.start, self.delivery, &self.rule.calendar()?),
        }
    }
}

fn deadline(
    rule: &Rule,
    start: NaiveDate,
    delivery: Option<Delivery>,
    calendar: &Calendar,
) -> Result<Deadline> {
    let receipt = delivery.map(|d| d.receipt(start)).transpose()?;
    let (sent, start) = match &receipt {
        Some(r) => (Some(r.sent), r.received),
        None => (None, start),
    };
    let (period_end, due, rolled_forward) = end_of(rule, rule.period, start, calendar)?;
    let extended_due = match rule.extended {
        Some(period) => Some(end_of(rule, period, start, calendar)?.1),
        None => None,
    };
    let skipped = skipped(calendar, start, due)?;
    Ok(Deadline {
        rule: rule.code.clone(),
        due,
        extended_due,
        trace: Trace {
            source: rule.source.clone(),
            party: rule.party,
            regime: calendar.regime().code.clone(),
            rule_regime: rule.regime.clone(),
            regime_basis: rule.regime_basis.clone(),
            sent,
            receipt,
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
        let wd = |d: NaiveDate| crate::calendar::weekday_label(d, lang);
        let days = |list: &[Skipped]| {
            list.iter()
                .map(|s| format!("{} {}", s.date, s.reason.get(lang)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(r) = &t.receipt {
            out.push(match lang {
                Lang::Da => format!(
                    "Brevet er dateret {} ({}) og anses for modtaget {} ({}). {} ({}).",
                    r.sent,
                    wd(r.sent),
                    r.received,
                    wd(r.received),
                    r.rule.da,
                    r.source
                ),
                Lang::En => format!(
                    "The letter is dated {} ({}) and counts as received {} ({}). {} ({}).",
                    r.sent,
                    wd(r.sent),
                    r.received,
                    wd(r.received),
                    r.rule.en,
                    r.source
                ),
            });
            if !r.skipped.is_empty() {
                out.push(match lang {
                    Lang::Da => format!("Dage uden postomdeling: {}.", days(&r.skipped)),
                    Lang::En => format!("Days without post delivery: {}.", days(&r.skipped)),
                });
            }
        } else {
            out.push(match lang {
                Lang::Da => format!(
                    "Fristen regnes fra den oplyste dag {} ({}).",
                    t.start,
                    wd(t.start)
                ),
                Lang::En => format!(
                    "The period counts from the given day {} ({}).",
                    t.start,
                    wd(t.start)
                ),
            });
        }
        out.push(format!(
            "{}: {}.",
            t.party.label(lang),
            t.regime_basis.get(lang)
        ));
        if t.regime != t.rule_regime {
            out.push(match lang {
                Lang::Da => format!(
                    "Beregnet med kalenderen {} i stedet for reglens egen ({}).",
                    t.regime, t.rule_regime
                ),
                Lang::En => format!(
                    "Computed on the {} calendar instead of the rule's own ({}).",
                    t.regime, t.rule_regime
                ),
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
            out.push(match lang {
                Lang::Da => format!(
                    "Dage i perioden der ikke er arbejdsdage ({}): {}.",
                    t.regime,
                    days(&t.skipped)
                ),
                Lang::En => format!(
                    "Non-working days in the period ({}): {}.",
                    t.regime,
                    days(&t.skipped)
                ),
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
            party: Party::Authority,
            regime: "helligdage".into(),
            regime_basis: basis("helligdage", Party::Authority, a.period.unit),
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
            let dl = rule.counted_from(inquiry.received).on(calendar).compute()?;
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
