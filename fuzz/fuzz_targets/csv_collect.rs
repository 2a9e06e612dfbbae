#![no_main]
//! CSV loading in collect mode (a malformed row costs that row only):
//! never a panic; the rejected lines are distinct and ascending; when the
//! all-or-nothing load succeeds, collecting keeps the same records and
//! rejects none; when it fails, collecting rejects a row (a header error is
//! one on line 1) or fails the same way; what a collecting load kept is
//! written as CSV and read back equal (an empty register writes a header
//! alone, which the reader refuses, so that case is left out).
use borgerraad_core::{Profile, LoadOptions, OnError, Register};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A header with every column, so that the rows themselves are fuzzed.
    let mut input = borgerraad_core::bindings::CSV_COLUMNS.join(",").into_bytes();
    input.push(b'\n');
    input.extend_from_slice(data);
    let mut all = Register::new(Profile::esbjerg());
    let raised = all.load_csv(&input, "fuzz.csv", &LoadOptions::default());
    let collect = LoadOptions {
        on_error: OnError::Collect,
        ..LoadOptions::default()
    };
    let mut kept = Register::new(Profile::esbjerg());
    let collected = kept.load_csv(&input, "fuzz.csv", &collect);
    match (&raised, &collected) {
        (Ok(_), Ok(rejected)) => {
            assert!(rejected.is_empty());
            assert_eq!(all.inquiries(), kept.inquiries());
        }
        (Err(_), Ok(rejected)) => assert!(!rejected.is_empty()),
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
        (Ok(_), Err(e)) => panic!("collecting failed where raising did not: {e}"),
    }
    if let (Ok(rejected), false) = (collected, kept.is_empty()) {
        let lines: Vec<Option<u64>> = rejected.iter().map(|r| r.line).collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
        let mut out = Vec::new();
        kept.write_csv(&mut out).unwrap();
        let mut back = Register::new(Profile::esbjerg());
        back.load_csv(&out, "out.csv", &LoadOptions::default())
            .unwrap();
        assert_eq!(back.inquiries(), kept.inquiries());
    }
});
