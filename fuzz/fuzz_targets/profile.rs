#![no_main]
//! Profile reading from JSON: never a panic. A profile that is accepted
//! validates again from its own JSON form, and its office is the office
//! that `Office::from_profile_json` reads from the same text.
use borgerraad_core::{Office, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let office = Office::from_profile_json(text, "fuzz.json");
    let Ok(profile) = Profile::from_json_str(text, "fuzz.json") else {
        return;
    };
    let again = serde_json::to_string(profile.def()).expect("a profile serialises");
    let profile2 = Profile::from_json_str(&again, "again.json").expect("an accepted profile validates again");
    assert_eq!(profile2.def(), profile.def());
    let office = office.expect("the office of an accepted profile is accepted");
    assert_eq!(&office, profile.office());
});
