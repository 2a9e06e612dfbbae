#![no_main]
//! CSV loading, with and without CPR pseudonymisation: never a panic, and
//! a failed load leaves the register empty.
use borgerraad_core::Pseudonymizer;
use borgerraad_core::{Profile, LoadOptions, OnError, Register};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut register = Register::new(Profile::esbjerg());
    if register.load_csv(data, "fuzz.csv", &LoadOptions::default()).is_err() {
        assert!(register.is_empty());
    }
    let options = LoadOptions {
        on_error: OnError::Collect,
        pseudonymizer: Some(Pseudonymizer::new(b"fuzzing secret, 16+").unwrap()),
        ..LoadOptions::default()
    };
    let _ = Register::new(Profile::esbjerg()).load_csv(data, "fuzz.csv", &options);
});
