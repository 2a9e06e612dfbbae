#![no_main]
//! The disclosure engine over any small register: every input byte makes
//! one inquiry (its year, month, kind, requester, channel, area and
//! citizen), then everything a report can publish is published together
//! under a threshold of 2 to 6. Never a panic; no shown count lies between
//! 1 and the threshold; a shown total equals the sum of its shown parts
//! when none is hidden; no mean or share is shown beside a hidden count.
use borgerraad_core::stats::By;
use borgerraad_core::{
    sample, Channel, Contents, Disclosure, Kind, Lang, LoadOptions, Profile, PublishedTable, Register,
    Requester,
};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const KINDS: [Kind; 3] = [
    Kind::new_static("vejledning"),
    Kind::new_static("klage"),
    Kind::new_static("dialogsag"),
];
const REQUESTERS: [Requester; 4] = [
    Requester::new_static("borger"),
    Requester::new_static("paaroerende"),
    Requester::new_static("medarbejder"),
    Requester::new_static("anden"),
];
const CHANNELS: [Channel; 3] = [
    Channel::new_static("telefon"),
    Channel::new_static("email"),
    Channel::new_static("personligt"),
];
const AREAS: [&str; 4] = [
    "borger-arbejdsmarked/jobcenter",
    "borger-arbejdsmarked/borgerservice",
    "boern-kultur",
    "teknik-miljoe",
];

fn small(t: &PublishedTable, threshold: u64) -> bool {
    let totals = t.row_totals.iter().chain(&t.column_totals).flatten();
    t.cells
        .iter()
        .flatten()
        .chain(totals)
        .flatten()
        .any(|&n| n > 0 && n < threshold)
}

fuzz_target!(|input: (u8, Vec<u8>)| {
    let (t, bytes) = input;
    let threshold = 2 + u64::from(t % 5);
    static TEMPLATE: OnceLock<borgerraad_core::Inquiry> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| sample().inquiries()[0].clone());
    let records = bytes.iter().take(300).enumerate().map(|(i, &b)| {
        let mut r = template.clone();
        r.id = format!("F-{i}").into();
        r.citizen = format!("k{}", b % 7).into();
        r.received = NaiveDate::from_ymd_opt(2021 + i32::from(b & 1), 1 + u32::from(b >> 4) % 12, 1).unwrap();
        r.closed = None;
        r.kind = KINDS[usize::from(b >> 1) % KINDS.len()].clone();
        r.requester = REQUESTERS[usize::from(b >> 2) % REQUESTERS.len()].clone();
        r.channel = CHANNELS[usize::from(b >> 3) % CHANNELS.len()].clone();
        r.category = AREAS[usize::from(b >> 5) % AREAS.len()].into();
        r.site = None;
        r.referral = None;
        r.actions = Default::default();
        r.consent = None;
        r
    });
    let mut register = Register::new(Profile::esbjerg());
    if register.extend(records.collect::<Vec<_>>(), &LoadOptions::default()).is_err() {
        return;
    }
    let years = register.stats().years();
    let by = [By::Area, By::Department, By::Kind, By::Requester, By::Channel, By::Site];
    let contents = Contents {
        table_years: years.clone(),
        key_years: years.clone(),
        breakdowns: years.iter().flat_map(|&y| by.map(|b| (y, b))).collect(),
    };
    let Ok(published) = Disclosure::new(Some(threshold)).report(&register.stats(), &contents, Lang::Da) else {
        return;
    };
    assert!(!small(&published.monthly, threshold));
    for b in &published.breakdowns {
        assert!(!small(b, threshold));
        if let (Some(shares), Some(totals)) = (&b.shares, &b.column_totals) {
            for (share, cell) in shares.iter().zip(&b.cells) {
                assert!(share.is_none() || cell[0].is_some(), "a share of a hidden count");
            }
            let all_shown = b.cells.iter().all(|c| c[0].is_some());
            if let (true, Some(total)) = (all_shown, totals[0]) {
                assert_eq!(total, b.cells.iter().map(|c| c[0].unwrap()).sum::<u64>());
            }
        }
    }
    for s in &published.summaries {
        for n in [s.registrations, s.distinct_citizens, s.repeat_citizens].into_iter().flatten() {
            assert!(n == 0 || n >= threshold, "a small key figure");
        }
        assert!(s.registrations.is_some() || s.mean_registrations_per_month.is_none());
        assert!(s.distinct_citizens.is_some() || s.mean_citizens_per_month.is_none());
        assert!(s.repeat_citizens.is_some() || s.repeat_share.is_none());
    }
});
