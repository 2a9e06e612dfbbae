#![no_main]
//! Rule-set loading from JSON, and deciding with a loaded set: never a panic.
use borgerraad_core::referral::RuleSet;
use borgerraad_core::{sample, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let profile = Profile::esbjerg();
        let (taxonomy, codes) = (profile.taxonomy(), profile.office().codes());
        if let Ok(rules) = RuleSet::from_json_str(text, "fuzz.json", taxonomy, codes) {
            for inquiry in sample().iter().take(50) {
                rules.decide(inquiry);
            }
        }
    }
});
