//! A deterministic synthetic register of Esbjerg 2017–2022.
//!
//! No real person is in it: citizen keys are random letters. It is built so
//! that its statistics equal the figures of the annual report 2021–22 (see
//! `shared/domain.md`): the monthly table, distinct and repeat citizens,
//! advice to staff and the forwarding of 2022. The one departure is the
//! report's misprinted 2019 total, which a register cannot reproduce.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};
use smallvec::smallvec;

use crate::inquiry::{Action, Consent, Inquiry, Kind, Referral};
use crate::office::Office;
use crate::register::{LoadOptions, Register};

/// The report's monthly table, January to December, 2017–2022.
const MONTHS: [(i32, [u32; 12]); 6] = [
    (2017, [51, 40, 53, 29, 60, 49, 24, 52, 55, 59, 61, 40]),
    (2018, [66, 54, 54, 70, 64, 62, 14, 58, 50, 50, 64, 51]),
    (2019, [51, 30, 45, 38, 56, 41, 44, 42, 57, 72, 68, 51]),
    (2020, [51, 48, 23, 37, 35, 47, 35, 25, 52, 49, 61, 51]),
    (2021, [60, 51, 83, 58, 51, 69, 37, 43, 68, 57, 61, 45]),
    (2022, [59, 58, 86, 68, 70, 67, 35, 67, 72, 82, 76, 53]),
];

/// Per year: distinct citizens, citizens with more than one inquiry, advice
/// to staff, and forwarded inquiries as (target, count).
struct YearPlan {
    citizens: usize,
    repeat: usize,
    staff: usize,
    forwarded: &'static [(&'static str, usize)],
}

fn plan(year: i32) -> YearPlan {
    const BS: &str = "borger-arbejdsmarked/borgerservice";
    const JC: &str = "borger-arbejdsmarked/jobcenter";
    match year {
        // Reported: 385 citizens, 27 % repeat; advice to staff 17 %.
        2021 => YearPlan {
            citizens: 385,
            repeat: 104,
            staff: 116,
            forwarded: &[(BS, 2)],
        },
        // Reported: 471 citizens, 25 % repeat; 21 forwarded, 20 to Borgerservice.
        2022 => YearPlan {
            citizens: 471,
            repeat: 118,
            staff: 119,
            forwarded: &[(BS, 20), (JC, 1)],
        },
        // Reported: about 25 % repeat; advice to staff 10 %.
        2020 => YearPlan {
            citizens: 300,
            repeat: 75,
            staff: 51,
            forwarded: &[(BS, 1)],
        },
        // Not reported: plausible figures.
        2019 => YearPlan {
            citizens: 345,
            repeat: 80,
            staff: 45,
            forwarded: &[],
        },
        2018 => YearPlan {
            citizens: 370,
            repeat: 85,
            staff: 50,
            forwarded: &[(BS, 1)],
        },
        _ => YearPlan {
            citizens: 330,
            repeat: 75,
            staff: 44,
            forwarded: &[],
        },
    }
}

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
    /// Picks from weighted choices.
    fn pick<T: Copy>(&mut self, choices: &[(T, u32)]) -> T {
        let total: u32 = choices.iter().map(|c| c.1).sum();
        let mut r = self.below(total as usize) as u32;
        for &(v, w) in choices {
            if r < w {
                return v;
            }
            r -= w;
        }
        choices[choices.len() - 1].0
    }
}

/// Categories with weights, and the topic that goes with each.
const CATEGORIES: [(&str, u32, &str); 19] = [
    ("borger-arbejdsmarked/borgerservice/bil", 5, "bilstoette"),
    (
        "borger-arbejdsmarked/borgerservice/oekonomisk-hjaelp",
        6,
        "enkeltydelse",
    ),
    (
        "borger-arbejdsmarked/borgerservice/udbetaling-danmark",
        4,
        "boligstoette",
    ),
    (
        "borger-arbejdsmarked/jobcenter/sygedagpenge",
        9,
        "sygedagpenge",
    ),
    (
        "borger-arbejdsmarked/jobcenter/selvforsoergende",
        3,
        "selvforsoergelse",
    ),
    ("borger-arbejdsmarked/social-boern", 9, "familieraadgivning"),
    ("borger-arbejdsmarked/social-voksne", 9, "kontaktperson"),
    (
        "borger-arbejdsmarked/social-overgang",
        3,
        "overgang-til-voksen",
    ),
    ("boern-kultur/skole", 8, "mobning"),
    ("boern-kultur/dagtilbud", 3, "dagtilbud"),
    ("teknik-miljoe", 4, "sprogbarriere"),
    ("fritid-sundhed-omsorg/visitation", 7, "visitation"),
    ("fritid-sundhed-omsorg/plejecentre", 3, "besoegsforbud"),
    ("tvaergaaende/vejledning", 8, "tvaergaaende"),
    ("tvaergaaende/egne-oplysninger", 3, "egne-oplysninger"),
    (
        "tvaergaaende/borgerraadgiver",
        2,
        "borgerraadgiverens-rolle",
    ),
    ("udenfor-omraade/gaeld", 2, "gaeld"),
    ("udenfor-omraade/familieret", 2, "samvaer"),
    ("udenfor-omraade/sundhed", 2, "sundhed"),
];

/// The referral destination for a category outside the remit.
fn destination(category: &str) -> Option<&'static str> {
    match category {
        "udenfor-omraade/gaeld" => Some("gaeldsraadgivning"),
        "udenfor-omraade/lejeret" => Some("retshjaelp"),
        "udenfor-omraade/familieret" => Some("familieretshuset"),
        "udenfor-omraade/sundhed" => Some("patientkontoret"),
        "udenfor-omraade/bisidder" => Some("bisiddernetvaerk"),
        _ => None,
    }
}

fn key(rng: &mut Rng, seen: &mut HashSet<String>) -> String {
    loop {
        let k: String = (0..10)
            .map(|_| (b'a' + rng.below(26) as u8) as char)
            .collect();
        if seen.insert(k.clone()) {
            return k;
        }
    }
}

/// The inquiries of the sample, in order of receipt.
pub(crate) fn sample_inquiries() -> Vec<Inquiry> {
    let mut rng = Rng(0x00b0_46e4_4aad_2017);
    let mut keys = HashSet::new();
    let mut out = Vec::new();
    for (year, months) in MONTHS {
        out.extend(year_inquiries(
            year,
            &months,
            &plan(year),
            &mut rng,
            &mut keys,
        ));
    }
    out
}

fn year_inquiries(
    year: i32,
    months: &[u32; 12],
    plan: &YearPlan,
    rng: &mut Rng,
    keys: &mut HashSet<String>,
) -> Vec<Inquiry> {
    let n: usize = months.iter().map(|&m| m as usize).sum();
    let singles = plan.citizens - plan.repeat;
    // Each repeat citizen has at least two inquiries; the rest are spread
    // over them with a skew towards a few frequent ones.
    let mut per_citizen = vec![1usize; singles];
    let mut repeats = vec![2usize; plan.repeat];
    for _ in 0..n - singles - 2 * plan.repeat {
        let i = rng.below(plan.repeat).min(rng.below(plan.repeat));
        repeats[i] += 1;
    }
    per_citizen.extend(repeats);
    let citizens: Vec<String> = per_citizen.iter().map(|_| key(rng, keys)).collect();
    let mut slots: Vec<usize> = per_citizen
        .iter()
        .enumerate()
        .flat_map(|(c, &k)| std::iter::repeat_n(c, k))
        .collect();
    rng.shuffle(&mut slots);

    // Which inquiries are advice to staff and which are forwarded.
    let mut roles: Vec<u8> = vec![0; n];
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut next = order.into_iter();
    for i in next.by_ref().take(plan.staff) {
        roles[i] = 1;
    }
    let mut forward_to = vec![None; n];
    for &(target, count) in plan.forwarded {
        for i in next.by_ref().take(count) {
            forward_to[i] = Some(target);
        }
    }

    let mut dated = Vec::with_capacity(n);
    let mut slot = 0;
    for (m, &count) in months.iter().enumerate() {
        let first = NaiveDate::from_ymd_opt(year, m as u32 + 1, 1).expect("valid month");
        let days = if m == 11 {
            31
        } else {
            (NaiveDate::from_ymd_opt(year, m as u32 + 2, 1).unwrap() - first).num_days() as usize
        };
        for _ in 0..count {
            let received = first + Duration::days(rng.below(days) as i64);
            dated.push((received, slot));
            slot += 1;
        }
    }
    dated.sort_unstable();
    let mut inquiries = Vec::with_capacity(n);
    for (seq, (received, s)) in dated.into_iter().enumerate() {
        let citizen = citizens[slots[s]].clone();
        let id = format!("EBJ-{year}-{:04}", seq + 1);
        inquiries.push(inquiry(
            id,
            citizen,
            received,
            roles[s] == 1,
            forward_to[s],
            rng,
        ));
    }
    inquiries
}

fn inquiry(
    id: String,
    citizen: String,
    received: NaiveDate,
    staff: bool,
    forward_to: Option<&str>,
    rng: &mut Rng,
) -> Inquiry {
    let fanoe_served = received.year() >= 2022;
    let municipality = if fanoe_served && rng.below(100) < 4 {
        "fanoe"
    } else {
        "esbjerg"
    };
    let mut inq = Inquiry {
        id: id.into(),
        citizen: citizen.into(),
        received,
        closed: None,
        municipality: municipality.into(),
        channel: code("telefon"),
        site: None,
        requester: code("borger"),
        kind: code("vejledning"),
        category: Default::default(),
        other_categories: Default::default(),
        topics: Default::default(),
        actions: Default::default(),
        consent: None,
        referral: None,
        outcome: None,
        matter_date: None,
    };
    if let Some(target) = forward_to {
        inq.channel = code(if rng.below(10) < 8 {
            "digital_post"
        } else {
            "email"
        });
        inq.kind = Kind::FORWARDING;
        inq.category = target.into();
        inq.topics = smallvec!["fejladresseret".into()];
        inq.referral = Some(Referral {
            to: target.into(),
            basis: "fvl-7-2".into(),
        });
        inq.actions = smallvec![Action {
            kind: code("videresendt"),
            date: received,
        }];
        inq.closed = Some(received);
        inq.outcome = Some(code("henvist"));
        return inq;
    }
    let cat = rng.pick(&CATEGORIES.map(|(c, w, t)| ((c, t), w)));
    inq.category = cat.0.into();
    inq.topics = smallvec![cat.1.into()];
    inq.channel = code(rng.pick(&[
        ("telefon", 45),
        ("email", 25),
        ("digital_post", 8),
        ("personligt", 12),
        ("brev", 2),
        ("opsoegende", 8),
    ]));
    if inq.channel == "opsoegende" {
        inq.site = Some(
            rng.pick(&[
                ("varmestuen", 5),
                ("cafe-finns-paraply", 3),
                ("faelles-aaben-raadgivning", 2),
            ])
            .into(),
        );
    }
    if staff {
        inq.requester = code("medarbejder");
        inq.kind = code("sparring");
        if inq.channel == "opsoegende" {
            inq.channel = code("telefon");
            inq.site = None;
        }
    } else {
        inq.requester = code(rng.pick(&[("borger", 76), ("paaroerende", 18), ("anden", 6)]));
        inq.kind = code(rng.pick(&[
            ("vejvisning", 22),
            ("vejledning", 43),
            ("klage", 15),
            ("dialogsag", 20),
        ]));
    }
    let after = |rng: &mut Rng, max: usize| received + Duration::days(rng.below(max + 1) as i64);
    let (actions, closed, outcome) = match (destination(&inq.category), inq.kind.as_str()) {
        (Some(to), _) => {
            inq.referral = Some(Referral {
                to: to.into(),
                basis: "vedtaegt".into(),
            });
            (vec![("henvist", received)], received, "henvist")
        }
        (None, "vejvisning" | "sparring") => {
            let d = after(rng, 2);
            (vec![("vejledt", d)], d, "afklaret")
        }
        (None, "vejledning") => {
            let d = after(rng, 14);
            (vec![("vejledt", received)], d, "afklaret")
        }
        (None, "klage") => {
            let d = after(rng, 30);
            (
                vec![("vejledt", received), ("klagehjaelp", d)],
                d,
                "klage_indgivet",
            )
        }
        (None, _) => {
            let consent = after(rng, 3);
            inq.consent = Some(Consent { given: consent });
            let contact = consent + Duration::days(rng.below(7) as i64);
            let meeting = contact + Duration::days(7 + rng.below(40) as i64);
            inq.matter_date = Some(received - Duration::days(10 + rng.below(120) as i64));
            let outcome = if rng.below(10) < 8 {
                "dialog_genoprettet"
            } else {
                "ikke_fulgt_op"
            };
            (
                vec![("kontakt_kommune", contact), ("dialogmoede", meeting)],
                meeting + Duration::days(rng.below(30) as i64),
                outcome,
            )
        }
    };
    inq.actions = actions
        .into_iter()
        .map(|(kind, date)| Action {
            kind: code(kind),
            date,
        })
        .collect();
    // Inquiries still running at the end of the sample stay open.
    if closed <= NaiveDate::from_ymd_opt(2022, 12, 31).unwrap() {
        inq.closed = Some(closed);
        inq.outcome = Some(code(outcome));
    } else {
        inq.actions
            .retain(|a| a.date <= NaiveDate::from_ymd_opt(2022, 12, 31).unwrap());
    }
    inq
}

/// A code of the base list, for the sample.
fn code<T: std::str::FromStr>(code: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    code.parse().expect("the sample's codes are codes")
}

/// The embedded sample register (Esbjerg 2017–2022, synthetic).
///
/// # Example
/// ```
/// let register = borgerraad_core::sample();
/// assert_eq!(register.len(), 573 + 657 + 595 + 514 + 683 + 793);
/// ```
pub fn sample() -> Register {
    let mut register = Register::new(Office::default());
    register
        .extend(sample_inquiries(), &LoadOptions::default())
        .expect("the sample is valid");
    register
}
