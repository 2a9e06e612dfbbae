//! Privacy: CPR numbers never enter the register or any output; data-subject
//! rights; disclosure control that withstands an attacker who subtracts.

use borgerraad_core::render::AnnualReport;
use borgerraad_core::{
    looks_like_cpr, sample,
    stats::{By, Stats},
    taxonomy::Taxonomy,
    Contents, Cpr, Disclosure, Lang, LoadOptions, Profile, Pseudonymizer, Register,
};
use proptest::prelude::*;

const CPRS: [&str; 3] = ["010190-1234", "2512871235", "311299-4321"];

fn with_cprs() -> String {
    let mut csv = String::from("id,cpr,received,municipality,channel,requester,kind,category\n");
    for (i, cpr) in CPRS.iter().enumerate() {
        csv += &format!(
            "C-{i},{cpr},2022-01-0{},esbjerg,telefon,borger,vejledning,teknik-miljoe\n",
            i + 3
        );
    }
    csv += &format!(
        "C-9,{},2022-02-01,esbjerg,telefon,borger,klage,teknik-miljoe\n",
        CPRS[0].replace('-', "")
    );
    csv
}

#[test]
fn a_cpr_column_is_pseudonymised_on_loading_and_dropped() {
    let pseudonymizer = Pseudonymizer::new(b"the office's secret key").unwrap();
    let options = LoadOptions {
        pseudonymizer: Some(pseudonymizer.clone()),
        ..LoadOptions::default()
    };
    let mut register = Register::new(Profile::esbjerg());
    register
        .load_csv(with_cprs().as_bytes(), "export.csv", &options)
        .unwrap();
    let key = pseudonymizer.key(&Cpr::parse(CPRS[0]).unwrap());
    assert_eq!(
        register.subject_access(&key).len(),
        2,
        "both spellings give the same key"
    );

    // No output of the register holds a CPR-shaped string.
    let mut outputs = Vec::new();
    register.write_jsonl(&mut outputs).unwrap();
    register.write_csv(&mut outputs).unwrap();
    let stats = Stats::of(register.office(), register.iter()).unwrap();
    let contents = Contents {
        table_years: vec![2022],
        key_years: vec![2022],
        breakdowns: vec![(2022, By::Kind)],
    };
    let published = Disclosure::default()
        .report(&stats, &contents, Lang::Da)
        .unwrap();
    let report = AnnualReport::new(published, Lang::Da);
    let text = format!(
        "{}{}{}{}",
        String::from_utf8(outputs).unwrap(),
        report.markdown(),
        report.json(),
        report.html()
    );
    assert!(
        !looks_like_cpr(&text),
        "an output holds a CPR-shaped string"
    );
    for cpr in CPRS {
        assert!(!text.contains(&cpr[..6]), "{cpr}");
    }

    // Without a pseudonymizer the column is refused; a bad number is an
    // error that names the line and the field and does not repeat it.
    let err = Register::new(Profile::esbjerg())
        .load_csv(
            with_cprs().as_bytes(),
            "export.csv",
            &LoadOptions::default(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("`cpr` column is refused"), "{err}");
    let bad = with_cprs().replace("010190-1234", "310290-1234");
    let err = Register::new(Profile::esbjerg())
        .load_csv(bad.as_bytes(), "export.csv", &options)
        .unwrap_err();
    assert_eq!((err.kind(), err.field()), ("ParseError", Some("cpr")));
    assert!(
        err.to_string().starts_with("export.csv:2: record `C-0`"),
        "{err}"
    );
    assert!(!err.to_string().contains("310290"), "{err}");
}

#[test]
fn cpr_shaped_values_are_refused_in_every_field() {
    let base = r#"{"id":"X","citizen":"kq","received":"2022-01-03","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning","category":"teknik-miljoe""#;
    for (extra, field) in [
        (r#","topics":["0101901234"]"#, "topics"),
        (
            r#","referral":{"to":"retshjaelp","basis":"010190-1234"}"#,
            "referral",
        ),
        (r#","site":"varme-010190-1234""#, "site"),
        (r#","category":"teknik-0101901234""#, "category"),
    ] {
        let line = format!("{base}{extra}}}")
            .replace(r#""category":"teknik-miljoe","category""#, r#""category""#);
        let err = Register::new(Profile::esbjerg())
            .load_jsonl(line.as_bytes(), "x.jsonl", &LoadOptions::default())
            .unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains("looks like a CPR number"), "{err}");
        assert!(!looks_like_cpr(&err.to_string()), "{err}");
    }
    let line = base.replace("\"kq\"", "\"0101901234\"") + "}";
    let err = Register::new(Profile::esbjerg())
        .load_jsonl(line.as_bytes(), "x.jsonl", &LoadOptions::default())
        .unwrap_err();
    assert_eq!(err.field(), Some("citizen"));
    assert!(!looks_like_cpr(&err.to_string()), "{err}");
}

/// A CPR number where the parser expects something else (a date, a code, a
/// field name, the id of a bad line) is never quoted back in the message.
#[test]
fn parse_errors_never_quote_a_cpr_number() {
    let base = r#"{"id":"X","citizen":"kq","received":"2022-01-03","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning","category":"teknik-miljoe"}"#;
    for (from, to) in [
        (r#""2022-01-03""#, r#""010190-1234""#),
        (r#""telefon""#, r#""0101901234""#),
        (r#""id":"X""#, r#""0101901234":"X""#),
        (r#""id":"X""#, r#""id":"0101901234","closed":5"#),
        (r#""teknik-miljoe""#, r#""teknik-0101901234""#),
    ] {
        let line = base.replace(from, to);
        let err = Register::new(Profile::esbjerg())
            .load_jsonl(line.as_bytes(), "x.jsonl", &LoadOptions::default())
            .unwrap_err();
        assert!(!looks_like_cpr(&err.to_string()), "{err}");
        let csv = format!(
            "id,citizen,received,municipality,channel,requester,kind,category\nX,kq,{},esbjerg,{},borger,vejledning,teknik-miljoe\n",
            if from.contains("2022") { "010190-1234" } else { "2022-01-03" },
            if from.contains("telefon") { "0101901234" } else { "telefon" },
        );
        let err = Register::new(Profile::esbjerg()).load_csv(
            csv.as_bytes(),
            "x.csv",
            &LoadOptions::default(),
        );
        if let Err(err) = err {
            assert!(!looks_like_cpr(&err.to_string()), "{err}");
        }
    }
}

/// serde's own messages quote the value they could not read; a CPR number
/// in a configuration document is masked.
#[test]
fn messages_from_serde_never_quote_a_cpr_number() {
    let taxonomy = r#"{"municipality":"x","label":"010190-1234","served":[],"areas":[]}"#;
    let err = Taxonomy::from_json_str(taxonomy, "t.json").unwrap_err();
    assert_eq!((err.kind(), err.field()), ("ParseError", Some("label")));
    assert!(err.to_string().contains("\"xxxxxx-xxxx\""), "{err}");
    assert!(!looks_like_cpr(&err.to_string()), "{err}");
}

#[test]
fn subject_access_erasure_and_rectification() {
    let mut register = sample();
    let citizen = register.get("EBJ-2022-0001").unwrap().citizen.clone();
    let records = register.subject_access(&citizen).len();
    assert!(records >= 1);
    let on = "2023-01-10".parse().unwrap();

    let patch = serde_json::json!({"outcome": "afklaret", "site": null});
    register
        .rectify("EBJ-2022-0001", patch.as_object().unwrap(), on)
        .unwrap();
    let h = register.history("EBJ-2022-0001");
    assert_eq!(h.len(), 1);
    assert!(h[0].previous.contains_key("outcome"));

    // An invalid correction changes nothing.
    let before = register.get("EBJ-2022-0001").unwrap().clone();
    for bad in [
        serde_json::json!({"closed": "2000-01-01"}),
        serde_json::json!({"id": "OTHER"}),
        serde_json::json!({"channel": "fax"}),
    ] {
        assert!(register
            .rectify("EBJ-2022-0001", bad.as_object().unwrap(), on)
            .is_err());
        assert_eq!(register.get("EBJ-2022-0001").unwrap(), &before);
    }
    assert!(register
        .rectify("NOPE", patch.as_object().unwrap(), on)
        .is_err());

    let len = register.len();
    let receipt = register.erase(&citizen, on);
    assert_eq!(receipt.count, records);
    assert_eq!(receipt.history_entries, 1);
    assert!(receipt.ids.contains(&"EBJ-2022-0001".to_string()));
    assert_eq!(register.len(), len - records);
    assert!(
        register.subject_access(&citizen).is_empty()
            && register.history("EBJ-2022-0001").is_empty()
    );
    assert_eq!(register.erase(&citizen, on).count, 0);
}

/// The attacker: knows the published cells and totals, and solves every
/// line (cells + total) with exactly one unknown by subtraction, again and
/// again. Returns the cells recovered.
fn attack(t: &borgerraad_core::PublishedTable) -> Vec<(usize, usize, u64)> {
    let (nr, nc) = (t.rows.len(), t.columns.len());
    let mut cells = t.cells.clone();
    let mut recovered = Vec::new();
    loop {
        let mut progress = false;
        // Each line of the table: its cells (row, column) and its total.
        type Line = (Vec<(usize, usize)>, Option<u64>);
        let mut lines: Vec<Line> = Vec::new();
        if let Some(totals) = &t.row_totals {
            lines.extend((0..nr).map(|r| ((0..nc).map(|c| (r, c)).collect(), totals[r])));
        }
        if let Some(totals) = &t.column_totals {
            lines.extend((0..nc).map(|c| ((0..nr).map(|r| (r, c)).collect(), totals[c])));
        }
        for (line, total) in lines {
            let unknown: Vec<_> = line
                .iter()
                .filter(|&&(r, c)| cells[r][c].is_none())
                .collect();
            if let (Some(total), [&(r, c)]) = (total, unknown.as_slice()) {
                let known: u64 = line.iter().filter_map(|&(r, c)| cells[r][c]).sum();
                cells[r][c] = Some(total - known);
                recovered.push((r, c, total - known));
                progress = true;
            }
        }
        if !progress {
            return recovered;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_suppressed_cell_can_be_worked_out(
        table in (1usize..7, 1usize..5).prop_flat_map(|(r, c)| proptest::collection::vec(proptest::collection::vec(0u64..15, c), r)),
        row_totals in any::<bool>(),
        column_totals in any::<bool>(),
        threshold in 2u64..8,
    ) {
        let rows = (0..table.len()).map(|i| format!("r{i}")).collect();
        let columns = (0..table[0].len()).map(|i| format!("c{i}")).collect();
        let t = Disclosure::new(Some(threshold)).apply(rows, columns, table.clone(), row_totals, column_totals);
        for (r, row) in table.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                if v > 0 && v < threshold {
                    prop_assert_eq!(t.cells[r][c], None, "a small count is shown");
                } else if let Some(shown) = t.cells[r][c] {
                    prop_assert_eq!(shown, v);
                }
            }
        }
        prop_assert_eq!(attack(&t), vec![], "the attacker recovered suppressed cells");
    }
}

#[test]
fn the_published_report_tables_follow_the_policy() {
    let register = sample();
    let stats = Stats::of(register.office(), register.iter()).unwrap();
    let policy = Disclosure::default();
    // The report's monthly counts are all at least 14: nothing is hidden.
    let monthly = policy.monthly(
        &stats.monthly_table(&[2017, 2018, 2019, 2020, 2021, 2022]),
        Lang::Da,
    );
    assert!(monthly.cells.iter().flatten().all(Option::is_some));
    assert!(monthly.markdown(Lang::Da).contains("Diskretionering"));
    let sites = policy.breakdown(
        &stats.breakdown(2022, By::Site).unwrap(),
        stats.office(),
        Lang::Da,
    );
    assert!(attack(&sites).is_empty());
}

/// The shared CPR forms (`tests/fixtures/cpr-forms.json`, written with
/// Python's `unicodedata`): each text that holds one is refused as a citizen
/// key without a message that repeats it, parses as a number where it is
/// nothing else, and the texts that hold none load.
#[test]
fn cpr_numbers_in_any_form_are_refused_and_other_text_is_not() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cpr-forms.json");
    let forms: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let secret = forms["never_in_messages"].as_str().unwrap();
    let record = |citizen: &str| {
        serde_json::json!({"id": "F-1", "citizen": citizen, "received": "2022-05-02",
            "municipality": "esbjerg", "channel": "email", "requester": "borger",
            "kind": "vejledning", "category": "borger-arbejdsmarked/jobcenter"})
        .to_string()
    };
    let number = Cpr::parse(forms["number"].as_str().unwrap()).unwrap();
    let found = forms["found"].as_array().unwrap();
    let in_text = forms["found_in_text"].as_array().unwrap();
    for (i, text) in found.iter().chain(in_text).enumerate() {
        let text = text.as_str().unwrap();
        assert!(looks_like_cpr(text), "{text:?}");
        let mut register = Register::new(Profile::esbjerg());
        let err = register
            .load_jsonl(record(text).as_bytes(), "f.jsonl", &LoadOptions::default())
            .unwrap_err();
        assert_eq!(
            (err.kind(), err.field()),
            ("ValidationError", Some("citizen"))
        );
        let message = err.to_string();
        let digits: String = message.chars().filter(char::is_ascii_digit).collect();
        assert!(!digits.contains(secret), "{message}");
        assert!(!message
            .chars()
            .any(|c| c.is_numeric() && !c.is_ascii_digit()));
        if i < found.len() {
            assert!(Cpr::parse(text).unwrap() == number, "{text:?}");
        }
    }
    for text in forms["not_found"].as_array().unwrap() {
        let text = text.as_str().unwrap();
        assert!(!looks_like_cpr(text), "{text:?}");
        let mut register = Register::new(Profile::esbjerg());
        register
            .load_jsonl(record(text).as_bytes(), "f.jsonl", &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

/// A record of the Esbjerg taxonomy with an id, a citizen key and a day.
fn keyed(id: &str, citizen: &str, received: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "citizen": citizen, "received": received,
        "municipality": "esbjerg", "channel": "telefon", "requester": "borger",
        "kind": "vejledning", "category": "teknik-miljoe"})
}

/// Erasure takes the citizen's key out of the rectification history too,
/// and subject access shows what the history holds about them.
#[test]
fn erasure_and_subject_access_cover_the_history() {
    let mut register = Register::new(Profile::esbjerg());
    let lines: Vec<String> = [
        keyed("H-1", "anna", "2022-03-01"),
        keyed("H-2", "anna", "2022-03-02"),
        keyed("H-3", "bent", "2022-03-03"),
    ]
    .iter()
    .map(|v| v.to_string())
    .collect();
    register
        .load_jsonl(
            lines.join("\n").as_bytes(),
            "h.jsonl",
            &LoadOptions::default(),
        )
        .unwrap();
    let on = "2023-01-10".parse().unwrap();
    let patch = |v: serde_json::Value| v.as_object().unwrap().clone();
    // H-2 was anna's by mistake: it moves to bent, with a second change.
    register
        .rectify(
            "H-2",
            &patch(serde_json::json!({"citizen": "bent", "outcome": "afklaret"})),
            on,
        )
        .unwrap();
    // H-1 (anna's) and H-3 (bent's) get one correction each.
    register
        .rectify(
            "H-1",
            &patch(serde_json::json!({"outcome": "afklaret"})),
            on,
        )
        .unwrap();
    register
        .rectify("H-3", &patch(serde_json::json!({"citizen": "anna"})), on)
        .unwrap();
    // By hand: anna now holds H-1 and H-3; the history names her in H-1's
    // entry (her record), H-3's (her record) and H-2's (previous citizen).
    let ids = |v: Vec<&borgerraad_core::Rectification>| -> Vec<String> {
        v.iter().map(|h| h.id.clone()).collect()
    };
    assert_eq!(ids(register.subject_history("anna")), ["H-2", "H-1", "H-3"]);
    // bent holds H-2, and H-3's entry holds him as its previous citizen.
    assert_eq!(ids(register.subject_history("bent")), ["H-2", "H-3"]);

    let receipt = register.erase("anna", on);
    assert_eq!(receipt.ids, ["H-1", "H-3"]);
    // H-1's and H-3's entries go; H-2's loses anna's key: 3 entries.
    assert_eq!(receipt.history_entries, 3);
    let h2 = register.history("H-2");
    assert_eq!(h2.len(), 1);
    assert_eq!(
        serde_json::Value::Object(h2[0].previous.clone()),
        serde_json::json!({"outcome": null}),
        "bent's record keeps its other change"
    );
    let mut everything = Vec::new();
    register.write_jsonl(&mut everything).unwrap();
    let everything = String::from_utf8(everything).unwrap()
        + &serde_json::to_string(&register.history("H-1")).unwrap()
        + &serde_json::to_string(&register.history("H-2")).unwrap()
        + &serde_json::to_string(&register.history("H-3")).unwrap();
    assert!(!everything.contains("anna"), "{everything}");
    assert!(register.subject_history("anna").is_empty());
    assert_eq!(ids(register.subject_history("bent")), ["H-2"]);

    // A history entry that held only the key goes as a whole.
    let mut register = Register::new(Profile::esbjerg());
    register
        .load_jsonl(
            keyed("H-4", "carl", "2022-03-04").to_string().as_bytes(),
            "h.jsonl",
            &LoadOptions::default(),
        )
        .unwrap();
    register
        .rectify("H-4", &patch(serde_json::json!({"citizen": "dora"})), on)
        .unwrap();
    assert_eq!(register.erase("carl", on).history_entries, 1);
    assert!(register.history("H-4").is_empty());
}

/// One key in Unicode NFC and NFD, or with spaces around it, is one
/// citizen in every format; look-ups take any of the forms.
#[test]
fn a_key_in_nfc_and_nfd_is_one_citizen() {
    // "søren-å" composed (å = U+00E5) and decomposed (a + U+030A), by
    // UnicodeData.txt's canonical decomposition of U+00E5.
    let (nfc, nfd) = ("s\u{f8}ren-\u{e5}", "s\u{f8}ren-a\u{30a}");
    assert_ne!(nfc, nfd);
    let count = |register: &Register| {
        register
            .stats()
            .year(2022)
            .unwrap()
            .summary()
            .distinct_citizens
    };
    let lines = [
        keyed("N-1", nfc, "2022-03-01").to_string(),
        keyed("N-2", nfd, "2022-03-02").to_string(),
        keyed("N-3", &format!(" {nfd}\u{a0}"), "2022-03-03").to_string(),
    ];
    let mut jsonl = Register::new(Profile::esbjerg());
    jsonl
        .load_jsonl(
            lines.join("\n").as_bytes(),
            "n.jsonl",
            &LoadOptions::default(),
        )
        .unwrap();
    // By hand: three registrations of one person.
    assert_eq!(count(&jsonl), 1);
    assert!(jsonl.iter().all(|i| i.citizen == nfc));
    assert_eq!(jsonl.subject_access(nfd).len(), 3);

    let csv = format!(
        "id,citizen,received,municipality,channel,requester,kind,category\n\
         N-1,{nfc},2022-03-01,esbjerg,telefon,borger,vejledning,teknik-miljoe\n\
         N-2,{nfd},2022-03-02,esbjerg,telefon,borger,vejledning,teknik-miljoe\n"
    );
    let mut from_csv = Register::new(Profile::esbjerg());
    from_csv
        .load_csv(csv.as_bytes(), "n.csv", &LoadOptions::default())
        .unwrap();
    assert_eq!(count(&from_csv), 1);

    let mut extended = Register::new(Profile::esbjerg());
    extended
        .extend(
            jsonl.iter().cloned().map(|mut i| {
                i.citizen = nfd.into();
                i
            }),
            &LoadOptions::default(),
        )
        .unwrap();
    assert_eq!(count(&extended), 1);
    assert!(extended.iter().all(|i| i.citizen == nfc));

    // Rectifying to the NFD form keeps the key as it is.
    let patch = serde_json::json!({"citizen": nfd});
    extended
        .rectify(
            "N-1",
            patch.as_object().unwrap(),
            "2023-01-05".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(extended.get("N-1").unwrap().citizen, nfc);
    assert_eq!(extended.erase(nfd, "2023-01-06".parse().unwrap()).count, 3);
}
