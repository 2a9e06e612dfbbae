#![no_main]
//! Deadline computation over any rule, day, regime and delivery: a typed
//! error or a due date on a working day, never a panic.
use borgerraad_core::calendar::Calendar;
use borgerraad_core::deadline::{catalogue, Delivery};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn calendars() -> &'static [Calendar] {
    static CALS: OnceLock<Vec<Calendar>> = OnceLock::new();
    CALS.get_or_init(|| ["forvaltning", "foraeldelse", "udbetaling_danmark", "helligdage"].iter().map(|r| Calendar::danish(r).unwrap()).collect())
}

fuzz_target!(|input: (u8, i32, u8, Option<u16>, i64)| {
    let (rule, days, regime, post, n) = input;
    let rules = catalogue();
    let rule = &rules[rule as usize % rules.len()];
    let cal = &calendars()[regime as usize % 4];
    let Some(start) = NaiveDate::from_num_days_from_ce_opt(days) else { return };
    let mut query = rule.counted_from(start).on(cal);
    if let Some(d) = post {
        query = query.sent_by(if d == 0 { Delivery::DigitalPost } else { Delivery::PostDays { delivery_days: d as u32 } });
    }
    if let Ok(dl) = query.compute() {
        assert!(cal.is_working_day(dl.due).unwrap());
        assert!(dl.due > dl.trace.start);
    }
    let _ = cal.add_working_days(start, n);
    let _ = cal.working_days_between(start, start);
});
