//! Property tests: merge laws of the statistics, and the working-day calendar.

use borgerraad_core::calendar::Calendar;
use borgerraad_core::deadline::catalogue;
use borgerraad_core::sample;
use borgerraad_core::{stats::Stats, Inquiry, Office};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use std::sync::OnceLock;

fn inquiries() -> &'static [Inquiry] {
    static CELL: OnceLock<Vec<Inquiry>> = OnceLock::new();
    CELL.get_or_init(|| sample().inquiries().to_vec())
}

fn calendars() -> &'static [Calendar] {
    static CELL: OnceLock<Vec<Calendar>> = OnceLock::new();
    CELL.get_or_init(|| {
        [
            "forvaltning",
            "foraeldelse",
            "udbetaling_danmark",
            "helligdage",
        ]
        .iter()
        .map(|r| Calendar::danish(r).unwrap())
        .collect()
    })
}

fn day() -> impl Strategy<Value = NaiveDate> {
    // 1852-01-01 to about 2194 (the calendars cover 1849-2200), leaving room
    // to move 400 working days either way.
    (0i64..125_000).prop_map(|n| NaiveDate::from_ymd_opt(1852, 1, 1).unwrap() + Duration::days(n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Splitting a register at any points and merging the parts' statistics
    /// in any order gives the statistics of the whole.
    #[test]
    fn split_and_merge_equals_whole(cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..5), reverse in any::<bool>()) {
        let all = inquiries();
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c.index(all.len() + 1)).collect();
        let tax = Office::default();
        let whole = Stats::of(&tax, all).unwrap();
        cuts.push(0);
        cuts.push(all.len());
        cuts.sort();
        let mut parts: Vec<Stats> = cuts.windows(2).map(|w| Stats::of(&tax, &all[w[0]..w[1]]).unwrap()).collect();
        if reverse {
            parts.reverse();
        }
        let mut merged = Stats::of(&tax, []).unwrap();
        for p in &parts {
            merged.merge(p).unwrap();
        }
        prop_assert_eq!(merged, whole);
    }

    /// Totals equal the sum of the months; citizens never exceed
    /// registrations; shares lie within 0–100.
    #[test]
    fn summaries_are_consistent(a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let all = inquiries();
        let (from, to) = (a.index(all.len() + 1), b.index(all.len() + 1));
        let part = &all[from.min(to)..from.max(to)];
        let stats = Stats::of(&Office::default(), part).unwrap();
        for year in stats.years() {
            let ys = stats.year(year).unwrap();
            let s = ys.summary();
            prop_assert_eq!(s.registrations, ys.months().iter().sum::<u64>());
            prop_assert!(s.distinct_citizens <= s.registrations);
            prop_assert!(s.repeat_citizens <= s.distinct_citizens);
            prop_assert!((0.0..=100.0).contains(&s.repeat_share));
            let table = stats.monthly_table(&[year]);
            prop_assert_eq!(table.total(0), s.registrations);
        }
    }

    /// Adding and counting working days are inverses.
    #[test]
    fn add_and_count_are_inverse(d in day(), n in 1i64..400, regime in 0usize..4) {
        let cal = &calendars()[regime];
        let later = cal.add_working_days(d, n).unwrap();
        prop_assert!(cal.is_working_day(later).unwrap());
        prop_assert_eq!(cal.working_days_between(d, later).unwrap(), n);
        let start = cal.next_working_day(d).unwrap();
        let earlier = cal.add_working_days(start, -n).unwrap();
        prop_assert_eq!(cal.working_days_between(start, earlier).unwrap(), -n);
        prop_assert_eq!(cal.add_working_days(earlier, n).unwrap(), start);
    }

    /// Every computed deadline falls on a working day of its regime, never
    /// before the end of its period.
    #[test]
    fn deadlines_fall_on_working_days(d in day(), rule in 0usize..10, regime in 0usize..4) {
        let cal = &calendars()[regime];
        let rule = &catalogue()[rule];
        let dl = rule.counted_from(d).on(cal).compute().unwrap();
        prop_assert!(cal.is_working_day(dl.due).unwrap());
        prop_assert!(dl.due >= dl.trace.period_end);
        prop_assert!(dl.due > d);
    }
}
