#![no_main]
//! Stats documents (what `Stats` serialises to, and Python pickles):
//! reading any text never panics and refuses with a typed error; an
//! accepted document writes back as the same statistics; merging it with
//! itself (and with the sample's statistics) is `Ok`, doubling every
//! year's registrations, or a `RangeError` for a count that would
//! overflow, or a `ConfigError` for another profile; its summaries,
//! breakdowns and published report do not panic.
use borgerraad_core::stats::{By, Stats};
use borgerraad_core::{bindings, sample, Contents, Disclosure, Lang};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const BY: [By; 7] = [
    By::Area,
    By::Department,
    By::Kind,
    By::Requester,
    By::Channel,
    By::Site,
    By::Outcome,
];

fn use_all(stats: &Stats) {
    let years = stats.years();
    for &y in &years {
        let year = stats.year(y).expect("a listed year");
        let _ = year.summary();
        let _ = year.days_open_percentile(0.5);
        for by in BY {
            let _ = stats.breakdown(y, by).expect("a listed year");
        }
    }
    let _ = stats.monthly_table(&years);
    let contents = Contents {
        table_years: years.clone(),
        key_years: years.clone(),
        breakdowns: years.iter().flat_map(|&y| BY.map(|b| (y, b))).collect(),
    };
    let _ = Disclosure::new(Some(3)).report(stats, &contents, Lang::Da);
}

fuzz_target!(|data: &[u8]| {
    static SAMPLE: OnceLock<Stats> = OnceLock::new();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let stats: Stats = match bindings::from_json(text, "stats") {
        Ok(s) => s,
        Err(e) => {
            assert!(["ParseError", "ConfigError", "RangeError", "ValidationError"].contains(&e.kind()));
            return;
        }
    };
    let again = serde_json::to_string(&stats).expect("statistics serialise");
    let back: Stats = bindings::from_json(&again, "again").expect("written statistics read back");
    assert_eq!(back, stats);
    use_all(&stats);
    let mut twice = stats.clone();
    match twice.merge(&stats) {
        Ok(()) => {
            assert_eq!(twice.years(), stats.years());
            for y in stats.years() {
                let (a, b) = (stats.year(y).unwrap(), twice.year(y).unwrap());
                assert_eq!(b.registrations(), 2 * a.registrations());
            }
            use_all(&twice);
        }
        Err(e) => {
            assert_eq!(e.kind(), "RangeError", "{e}");
            assert_eq!(twice, stats, "a failed merge changes nothing");
        }
    }
    let sample = SAMPLE.get_or_init(|| sample().stats());
    let mut both = sample.clone();
    match both.merge(&stats) {
        Ok(()) => use_all(&both),
        Err(e) => {
            assert!(["RangeError", "ConfigError"].contains(&e.kind()), "{e}");
            assert_eq!(&both, sample, "a failed merge changes nothing");
        }
    }
});
