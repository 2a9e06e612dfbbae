#![no_main]
//! Rule-set loading from JSON, and deciding with a loaded set: never a panic.
use borgerraad_core::referral::RuleSet;
use borgerraad_core::{Profile, sample, taxonomy::Taxonomy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(rules) = RuleSet::from_json_str(text, "fuzz.json", &Profile::esbjerg()) {
            for inquiry in sample().iter().take(50) {
                rules.decide(inquiry);
            }
        }
    }
});
