#![no_main]
//! JSON Lines loading: any bytes give records or a typed error, never a
//! panic; a failed all-or-nothing load leaves the register empty.
use borgerraad_core::{Profile, LoadOptions, OnError, Register};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut register = Register::new(Profile::esbjerg());
    if register.load_jsonl(data, "fuzz.jsonl", &LoadOptions::default()).is_err() {
        assert!(register.is_empty());
    }
    let collect = LoadOptions { on_error: OnError::Collect, ..LoadOptions::default() };
    let _ = Register::new(Profile::esbjerg()).load_jsonl(data, "fuzz.jsonl", &collect);
});
