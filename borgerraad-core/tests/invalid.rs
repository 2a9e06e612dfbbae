//! Replays the shared invalid inputs (`tests/fixtures/invalid/`): each gives
//! its expected error kind (and line and field where the case names them),
//! nothing panics, and a failed load leaves the register as it was.

use borgerraad_core::calendar::Regime;
use borgerraad_core::referral::RuleSet;
use borgerraad_core::{sample, taxonomy::Taxonomy, Error, LoadOptions, Profile, Register};
use serde_json::Value;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/invalid")
}

fn load(case: &Value, register: &mut Register) -> Result<(), Error> {
    let file = case["file"].as_str().unwrap();
    let bytes = std::fs::read(dir().join(file)).unwrap();
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    let options = LoadOptions {
        as_of: case
            .get("as_of")
            .map(|d| d.as_str().unwrap().parse().unwrap()),
        ..LoadOptions::default()
    };
    match case["format"].as_str().unwrap() {
        "jsonl" => register.load_jsonl(&bytes, file, &options).map(drop),
        "csv" => register.load_csv(&bytes, file, &options).map(drop),
        "records" => {
            let records: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
            let lines: Vec<String> = records.iter().map(Value::to_string).collect();
            register
                .load_jsonl(lines.join("\n").as_bytes(), "records", &options)
                .map(drop)
        }
        "taxonomy" => Taxonomy::from_json_str(&text(), file).map(drop),
        "ruleset" => {
            let p = Profile::esbjerg();
            RuleSet::from_json_str(&text(), file, p.taxonomy(), p.codes()).map(drop)
        }
        "profile" => Profile::from_json_str(&text(), file).map(drop),
        "regime" => Regime::from_json_str(&text(), file).map(drop),
        other => panic!("unknown format {other}"),
    }
}

#[test]
fn every_invalid_input_gives_its_error_kind_and_changes_nothing() {
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("cases.json")).unwrap()).unwrap();
    let cases = cases["cases"].as_array().unwrap();
    assert!(
        cases.len() >= 40,
        "the issue asks for at least 40 invalid inputs"
    );
    let good = sample();
    for case in cases {
        let mut register = good.clone();
        let err = load(case, &mut register).expect_err(case["file"].as_str().unwrap());
        let name = case["file"].as_str().unwrap();
        assert_eq!(err.kind(), case["kind"].as_str().unwrap(), "{name}: {err}");
        if let Some(line) = case.get("line") {
            assert_eq!(
                err.location().and_then(|l| l.line),
                line.as_u64(),
                "{name}: {err}"
            );
        }
        if let Some(field) = case.get("field") {
            assert_eq!(err.field(), field.as_str(), "{name}: {err}");
        }
        if let Some(secret) = case.get("secret").and_then(Value::as_str) {
            assert_never_repeated(&err, secret, name);
        }
        assert!(
            err.to_string().len() < 600,
            "{name}: the message stays short"
        );
        assert_eq!(
            register.inquiries(),
            good.inquiries(),
            "{name}: a failed load changes nothing"
        );
    }
}

/// The message and every attribute of `err` hold no digit of another script,
/// and their ASCII digits, read one after another, never hold `secret`.
fn assert_never_repeated(err: &Error, secret: &str, name: &str) {
    let at = err.location();
    let texts = [
        Some(err.to_string()),
        at.and_then(|a| a.source.clone()),
        at.and_then(|a| a.record.clone()),
        err.field().map(str::to_string),
    ];
    for text in texts.into_iter().flatten() {
        assert!(
            !text.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()),
            "{name}: {text}"
        );
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        assert!(!digits.contains(secret), "{name}: {text}");
    }
}
