#![no_main]
//! Taxonomy and regime loading from JSON: never a panic.
use borgerraad_core::calendar::Regime;
use borgerraad_core::taxonomy::Taxonomy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Taxonomy::from_json_str(text, "fuzz.json");
        let _ = Regime::from_json_str(text, "fuzz.json");
    }
});
