#![no_main]
//! CPR-shape scanning (base/cpr.rs) over any UTF-8: never a panic;
//! `redact_cpr` keeps the text but for digits turned into `x`, leaves no
//! CPR shape behind and changes nothing when `looks_like_cpr` finds none;
//! a text that `Cpr::parse` reads looks like a CPR number.
use borgerraad_core::{looks_like_cpr, redact_cpr, Cpr};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let found = looks_like_cpr(text);
    let masked = redact_cpr(text);
    if !found {
        assert_eq!(masked, text);
    }
    assert!(!looks_like_cpr(&masked), "{text:?} -> {masked:?}");
    assert_eq!(masked.chars().count(), text.chars().count());
    for (a, b) in text.chars().zip(masked.chars()) {
        assert!(a == b || (b == 'x' && a != 'x'), "{text:?} -> {masked:?}");
    }
    if Cpr::parse(text).is_ok() {
        assert!(found, "{text:?}");
    }
});
