#![no_main]
//! An office's own file through the Esbjerg profile's import section
//! (`import::load`: the format told by content, headers and labels mapped,
//! every row validated), all-or-nothing and collecting: never a panic. What
//! collecting loads is what its report says it loaded, and all-or-nothing
//! either loads the same or fails.
use borgerraad_core::import::{self, ImportOptions};
use borgerraad_core::{LoadOptions, OnError, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let profile = Profile::esbjerg();
    let collect = ImportOptions {
        load: LoadOptions {
            on_error: OnError::Collect,
            ..LoadOptions::default()
        },
        ..ImportOptions::default()
    };
    let collected = import::load(data, "fuzz.csv", &profile, &collect);
    let whole = import::load(data, "fuzz.csv", &profile, &ImportOptions::default());
    if let Ok((register, report)) = &collected {
        assert_eq!(register.len() as u64, report.loaded);
        if report.rejected.is_empty() {
            let (all, _) = whole.expect("nothing rejected when collecting");
            assert_eq!(all.len(), register.len());
        } else {
            assert!(whole.is_err());
        }
    }
});
