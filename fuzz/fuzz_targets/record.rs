#![no_main]
//! The record reader against serde: any text is accepted by both or refused
//! by both, and accepted text gives equal records.
use borgerraad_core::Inquiry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match (Inquiry::from_json(text), serde_json::from_str::<Inquiry>(text)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("reader: {a:?}\nserde: {b:?}"),
    }
});
