//! Replays the calendar, deadline and referral fixtures in `tests/fixtures/`.
//! Their expected values come from an independent Easter reference and from
//! cases worked by hand from the statutes.

use borgerraad_core::calendar::{public_holidays, Calendar};
use borgerraad_core::deadline::{rule_by_code, Delivery, ProcessingDeadlines, Status};
use borgerraad_core::referral::RuleSet;
use borgerraad_core::{Inquiry, Lang, LoadOptions, Profile, Register};
use chrono::NaiveDate;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn date(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn holidays_2000_to_2050_equal_the_reference() {
    let doc = fixture("holidays-2000-2050.json");
    let cal = Calendar::danish("helligdage").unwrap();
    for (year, days) in doc["holidays"].as_object().unwrap() {
        let year: i32 = year.parse().unwrap();
        let want: Vec<(NaiveDate, String)> = days
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (date(&d["date"]), d["da"].as_str().unwrap().to_string()))
            .collect();
        let got: Vec<(NaiveDate, String)> = public_holidays(year)
            .unwrap()
            .into_iter()
            .map(|h| (h.date, h.name.da))
            .collect();
        assert_eq!(got, want, "{year}");
        let from_calendar: Vec<NaiveDate> = cal
            .holidays(year)
            .unwrap()
            .into_iter()
            .map(|h| h.date)
            .collect();
        assert_eq!(
            from_calendar,
            want.iter().map(|w| w.0).collect::<Vec<_>>(),
            "{year}"
        );
    }
}

#[test]
fn deadline_cases_equal_the_worked_examples() {
    let doc = fixture("deadlines.json");
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let rule = rule_by_code(case["rule"].as_str().unwrap()).unwrap();
        // The rule's own calendar unless the case names another.
        let cal = match case.get("regime") {
            Some(r) => Calendar::danish(r.as_str().unwrap()).unwrap(),
            None => rule.calendar().unwrap(),
        };
        let mut query = rule.counted_from(date(&case["start"])).on(&cal);
        if let Some(d) = case.get("delivery") {
            query = query.sent_by(Delivery::from_code(d.as_str().unwrap()).unwrap());
        }
        let dl = query.compute().unwrap();
        let exp = &case["expect"];
        assert_eq!(dl.due, date(&exp["due"]), "{name}: due");
        assert!(
            cal.is_working_day(dl.due).unwrap(),
            "{name}: due on a working day"
        );
        if let Some(v) = exp.get("period_end") {
            assert_eq!(dl.trace.period_end, date(v), "{name}: period end");
        }
        if let Some(v) = exp.get("rolled_forward") {
            assert_eq!(
                dl.trace.rolled_forward.is_some(),
                v.as_bool().unwrap(),
                "{name}: roll-forward"
            );
        }
        if let Some(v) = exp.get("extended_due") {
            let want = (!v.is_null()).then(|| date(v));
            assert_eq!(dl.extended_due, want, "{name}: extended");
        }
        if let Some(v) = exp.get("party") {
            assert_eq!(dl.trace.party.code(), v.as_str().unwrap(), "{name}: party");
        }
        if let Some(v) = exp.get("regime") {
            assert_eq!(dl.trace.regime, v.as_str().unwrap(), "{name}: regime");
        }
        if let Some(v) = exp.get("receipt_skipped") {
            let want: Vec<(NaiveDate, String)> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (date(&s[0]), s[1].as_str().unwrap().to_string()))
                .collect();
            let got: Vec<(NaiveDate, String)> = dl
                .trace
                .receipt
                .as_ref()
                .unwrap()
                .skipped
                .iter()
                .map(|s| (s.date, s.reason.da.clone()))
                .collect();
            assert_eq!(got, want, "{name}: days without delivery");
        }
        if let Some(v) = exp.get("received") {
            assert_eq!(dl.trace.start, date(v), "{name}: receipt");
            assert_eq!(dl.trace.sent, Some(date(&case["start"])), "{name}: sent");
        }
        if let Some(v) = exp.get("working_days_counted") {
            assert_eq!(
                dl.trace.working_days_counted,
                v.as_i64().unwrap(),
                "{name}: working days"
            );
        }
        if let Some(v) = exp.get("days_counted") {
            assert_eq!(dl.trace.days_counted, v.as_i64().unwrap(), "{name}: days");
        }
        if let Some(v) = exp.get("skipped") {
            let want: Vec<(NaiveDate, String)> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (date(&s[0]), s[1].as_str().unwrap().to_string()))
                .collect();
            let got: Vec<(NaiveDate, String)> = dl
                .trace
                .skipped
                .iter()
                .map(|s| (s.date, s.reason.da.clone()))
                .collect();
            assert_eq!(got, want, "{name}: skipped");
        }
        for st in case
            .get("status")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let got = serde_json::to_value(dl.status(date(&st["today"]), &cal).unwrap()).unwrap();
            let mut want = st.clone();
            want.as_object_mut().unwrap().remove("today");
            assert_eq!(got, want, "{name}: status");
        }
        let text = dl.explain(Lang::Da).join(" ");
        assert!(
            text.contains(&rule.source),
            "{name}: the trace cites the source: {text}"
        );
        if let Some(r) = &dl.trace.receipt {
            assert!(
                text.contains(&r.source) && text.contains(&r.received.to_string()),
                "{name}: the trace says why the receipt day is what it is: {text}"
            );
        }
        for s in &dl.trace.skipped {
            assert!(
                text.contains(&format!("{} {}", s.date, s.reason.da)),
                "{name}: the trace names each skipped day: {text}"
            );
        }
    }
}

#[test]
fn referral_cases_equal_the_worked_examples() {
    let doc = fixture("referrals.json");
    let rules = Profile::esbjerg().rules().clone();
    for case in doc["cases"].as_array().unwrap() {
        let mut record = doc["base"].clone();
        for (k, v) in case["patch"].as_object().unwrap() {
            record[k] = v.clone();
        }
        let inquiry: Inquiry = serde_json::from_value(record).unwrap();
        let got = serde_json::to_value(rules.decide(&inquiry)).unwrap();
        for (k, v) in case["expect"].as_object().unwrap() {
            assert_eq!(&got[k], v, "{}: {k}", case["name"]);
        }
        assert!(!got["explanation"]["da"].as_str().unwrap().is_empty());
    }
}

fn rule_set(rules: &str) -> Result<RuleSet, borgerraad_core::Error> {
    let json = format!(r#"{{"name":"t","label":{{"da":"T","en":"T"}},"rules":[{rules}]}}"#);
    let p = Profile::esbjerg();
    RuleSet::from_json_str(&json, "rules.json", p.taxonomy(), p.codes())
}

const FALLBACK: &str =
    r#"{"id":"rest","when":{},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}}"#;

#[test]
fn invalid_rule_sets_are_refused_with_the_reason() {
    let cases = [
        (
            r#"{"id":"a","when":{"categories":["no-such-area"]},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}}"#,
            "unknown category `no-such-area`",
        ),
        (
            r#"{"id":"a","when":{"written":true},"decision":{"refer":{"to":"nowhere"}},"basis":"b","explain":{"da":"d","en":"e"}}"#,
            "unknown destination `nowhere`",
        ),
        (
            r#"{"id":"a","when":{"written":true},"decision":{"forward":{"to":"nowhere"}},"basis":"b","explain":{"da":"d","en":"e"}}"#,
            "unknown destination `nowhere`",
        ),
        (
            r#"{"id":"a","when":{"topics":["x"]},"decision":{"forward":{}},"basis":"b","explain":{"da":"d","en":"e"}}"#,
            "written inquiries only",
        ),
        (
            r#"{"id":"a","when":{"categories":["udenfor-omraade"]},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}},
            {"id":"b","when":{"categories":["udenfor-omraade/gaeld"],"written":true},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}}"#,
            "the earlier rule `a` matches everything it matches",
        ),
        (
            r#"{"id":"a","when":{"older_than_days":365},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}},
            {"id":"b","when":{"older_than_days":400,"kinds":["klage"]},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}}"#,
            "`b`",
        ),
    ];
    for (rules, reason) in cases {
        let err = rule_set(&format!("{rules},{FALLBACK}")).unwrap_err();
        assert!(
            err.to_string().contains(reason),
            "{err} should say {reason}"
        );
    }
    let err = rule_set(r#"{"id":"a","when":{"written":true},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}}"#).unwrap_err();
    assert!(err.to_string().contains("no fallback rule"), "{err}");
    let err = rule_set(&format!("{FALLBACK},{}", r#"{"id":"late","when":{"written":true},"decision":"handle","basis":"b","explain":{"da":"d","en":"e"}}"#)).unwrap_err();
    assert!(err.to_string().contains("record `late`"), "{err}");
}

#[test]
fn old_matters_are_declined_by_a_rule_on_age() {
    let decline = r#"{"id":"gammel","when":{"older_than_days":365},"decision":{"decline":{"reason":{"da":"Sagen er over et år gammel","en":"The matter is more than a year old"}}},"basis":"vedtægt","explain":{"da":"d","en":"e"}}"#;
    let rules = rule_set(&format!("{decline},{FALLBACK}")).unwrap();
    let mut inquiry: Inquiry =
        serde_json::from_value(fixture("referrals.json")["base"].clone()).unwrap();
    inquiry.matter_date = Some("2021-05-01".parse().unwrap()); // 366 days before 2022-05-02
    assert_eq!(rules.decide(&inquiry).decision, "decline");
    inquiry.matter_date = Some("2021-05-02".parse().unwrap()); // 365 days: not more than a year
    assert_eq!(rules.decide(&inquiry).decision, "handle");
    inquiry.matter_date = None;
    assert_eq!(rules.decide(&inquiry).decision, "handle");
}

#[test]
fn processing_deadlines_find_overdue_open_inquiries() {
    let tax = Profile::esbjerg();
    let table = ProcessingDeadlines::from_json_str(
        r#"{"source":"Byrådets beslutning (test)","areas":[
            {"category":"borger-arbejdsmarked","label":{"da":"Borger & Arbejdsmarked","en":"Citizens"},"period":{"n":8,"unit":"uger"}},
            {"category":"borger-arbejdsmarked/borgerservice/bil","label":{"da":"Bilstøtte","en":"Car grants"},"period":{"n":3,"unit":"maaneder"}}]}"#,
        "frister.json",
        tax.taxonomy(),
    )
    .unwrap();
    assert_eq!(
        table
            .area_for("borger-arbejdsmarked/borgerservice/bil")
            .unwrap()
            .period
            .n,
        3
    );
    assert_eq!(
        table
            .area_for("borger-arbejdsmarked/jobcenter")
            .unwrap()
            .period
            .n,
        8
    );
    assert!(table.area_for("boern-kultur/skole").is_none());
    let base = r#"{"citizen":"qzvk","municipality":"esbjerg","channel":"telefon","requester":"borger","kind":"vejledning""#;
    let jsonl = [
        // 8 weeks from Mon 2 Jan 2023 = Mon 27 Feb 2023.
        format!(r#"{{"id":"A",{},"received":"2023-01-02","category":"borger-arbejdsmarked/jobcenter"}}"#, &base[1..]),
        // 3 months from 2 Jan 2023 = Sun 2 Apr 2023 → Mon 3 Apr: not overdue on 1 Mar.
        format!(r#"{{"id":"B",{},"received":"2023-01-02","category":"borger-arbejdsmarked/borgerservice/bil"}}"#, &base[1..]),
        // Closed: never overdue.
        format!(r#"{{"id":"C",{},"received":"2023-01-02","closed":"2023-01-03","category":"borger-arbejdsmarked/jobcenter"}}"#, &base[1..]),
    ]
    .join("\n");
    let mut register = Register::new(tax.clone());
    register
        .load_jsonl(jsonl.as_bytes(), "t.jsonl", &LoadOptions::default())
        .unwrap();
    let cal = Calendar::danish("forvaltning").unwrap();
    let overdue = table
        .overdue(&register, &cal, "2023-03-01".parse().unwrap())
        .unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(
        (overdue[0].id.as_str(), overdue[0].due),
        ("A", "2023-02-27".parse().unwrap())
    );
    assert_eq!(overdue[0].working_days, 2); // Tue 28 Feb, Wed 1 Mar
    let bad = ProcessingDeadlines::from_json_str(
        r#"{"source":"x","areas":[{"category":"nope","label":{"da":"a","en":"b"},"period":{"n":1,"unit":"uger"}}]}"#,
        "f.json",
        tax.taxonomy(),
    );
    assert_eq!(bad.unwrap_err().kind(), "ConfigError");
}

#[test]
fn status_and_errors_at_the_edges() {
    let cal = Calendar::danish("forvaltning").unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(
        cal.next_working_day(d("2024-03-28")).unwrap(),
        d("2024-04-02")
    );
    assert_eq!(
        cal.next_working_day(d("2024-04-02")).unwrap(),
        d("2024-04-02")
    );
    assert_eq!(
        cal.add_working_days(d("2024-04-02"), -1).unwrap(),
        d("2024-03-27")
    );
    assert_eq!(
        cal.add_working_days(d("2024-03-30"), -1).unwrap(),
        d("2024-03-27")
    );
    assert_eq!(
        cal.add_working_days(d("2024-03-30"), 1).unwrap(),
        d("2024-04-02")
    );
    assert_eq!(
        cal.add_working_days(d("2024-03-30"), 0).unwrap(),
        d("2024-03-30")
    );
    assert_eq!(
        cal.add_working_days(d("1848-12-31"), 1).unwrap_err().kind(),
        "RangeError"
    );
    assert_eq!(
        cal.add_working_days(d("2200-12-30"), 5).unwrap_err().kind(),
        "RangeError"
    );
    assert_eq!(
        Calendar::danish("weekend").unwrap_err().kind(),
        "UnknownError"
    );
    assert_eq!(rule_by_code("nope").unwrap_err().kind(), "UnknownError");
    assert_eq!(
        Delivery::from_code("pigeon").unwrap_err().kind(),
        "UnknownError"
    );
    let dl = rule_by_code("aktindsigt")
        .unwrap()
        .counted_from(d("2024-04-05"))
        .on(&cal)
        .compute()
        .unwrap();
    assert_eq!(
        dl.status(d("2024-04-05"), &cal).unwrap(),
        Status::Running {
            working_days_left: 7
        }
    );
}

#[test]
fn the_national_catalogue_holds_98_municipalities_5_regions_and_the_state_bodies() {
    use borgerraad_core::referral::authorities::{Authorities, AuthorityKind};
    let all = Authorities::national();
    assert_eq!(all.of_kind(AuthorityKind::Municipality).count(), 98);
    assert_eq!(all.of_kind(AuthorityKind::Region).count(), 5);
    // Municipalities per region after the 2007 reform (Danske Regioner):
    // Hovedstaden 29, Sjælland 17, Syddanmark 22, Midtjylland 19, Nordjylland 11.
    for (region, n) in [
        ("region-hovedstaden", 29),
        ("region-sjaelland", 17),
        ("region-syddanmark", 22),
        ("region-midtjylland", 19),
        ("region-nordjylland", 11),
    ] {
        let got = all
            .of_kind(AuthorityKind::Municipality)
            .filter(|a| a.region.as_deref() == Some(region))
            .count();
        assert_eq!(got, n, "{region}");
    }
    // Official codes, checked against an independent list of kommunekoder.
    for (code, number) in [
        ("koebenhavn", "0101"),
        ("frederiksberg", "0147"),
        ("bornholm", "0400"),
        ("odense", "0461"),
        ("esbjerg", "0561"),
        ("fanoe", "0563"),
        ("varde", "0573"),
        ("aarhus", "0751"),
        ("ringkoebing-skjern", "0760"),
        ("aalborg", "0851"),
        ("hjoerring", "0860"),
        ("region-syddanmark", "1083"),
    ] {
        assert_eq!(
            all.get(code).unwrap().number.as_deref(),
            Some(number),
            "{code}"
        );
    }
    assert!(
        all.by_number("0411").is_none(),
        "Christiansø is not a municipality"
    );
    for state in [
        "udbetaling-danmark",
        "ankestyrelsen",
        "familieretshuset",
        "skattestyrelsen",
        "gaeldsstyrelsen",
        "styrelsen-for-patientklager",
        "patienterstatningen",
        "datatilsynet",
        "ombudsmanden",
        "arbejdsmarkedets-erhvervssikring",
        "naevnenes-hus",
        "politiet",
    ] {
        assert_eq!(
            all.get(state).unwrap().kind,
            AuthorityKind::State,
            "{state}"
        );
    }
    // Bad catalogues are refused with the record and field.
    let bad = r#"{"source":"t","authorities":[{"code":"x","kind":"kommune","number":"12","label":{"da":"X","en":"X"}}]}"#;
    let err = Authorities::from_json_str(bad, "a.json").unwrap_err();
    assert!(
        err.to_string().contains("record `x`") && err.to_string().contains("four digits"),
        "{err}"
    );
    let dup = r#"{"source":"t","authorities":[{"code":"r","kind":"region","number":"1081","label":{"da":"R","en":"R"}},
        {"code":"x","kind":"kommune","number":"1081","label":{"da":"X","en":"X"},"region":"r"}]}"#;
    assert!(Authorities::from_json_str(dup, "a.json")
        .unwrap_err()
        .to_string()
        .contains("appears twice"));
}

#[test]
fn forwarding_can_target_any_authority_of_the_catalogue() {
    for to in [
        "varde",
        "region-midtjylland",
        "udbetaling-danmark",
        "esbjerg",
    ] {
        let rule = format!(
            r#"{{"id":"a","when":{{"written":true}},"decision":{{"forward":{{"to":"{to}"}}}},"basis":"fvl. § 7, stk. 2","explain":{{"da":"d","en":"e"}}}}"#
        );
        let rules = rule_set(&format!("{rule},{FALLBACK}")).unwrap();
        let mut inquiry: Inquiry =
            serde_json::from_value(fixture("referrals.json")["base"].clone()).unwrap();
        inquiry.channel = "brev".parse().unwrap();
        assert_eq!(rules.decide(&inquiry).to.as_deref(), Some(to));
    }
    let both = r#"{"id":"a","when":{"written":true},"decision":{"forward":{"to":"varde","residence":true}},"basis":"b","explain":{"da":"d","en":"e"}}"#;
    let err = rule_set(&format!("{both},{FALLBACK}")).unwrap_err();
    assert!(err.to_string().contains("not both"), "{err}");
}

#[test]
fn every_rule_names_its_party_regime_and_source() {
    use borgerraad_core::calendar::Regime;
    use borgerraad_core::deadline::{catalogue, Party, Unit};
    let all = catalogue();
    for r in &all {
        assert!(!r.source.is_empty(), "{}", r.code);
        assert!(Regime::BUILT_IN.contains(&r.regime.as_str()), "{}", r.code);
        assert!(!r.regime_basis.da.is_empty() && !r.regime_basis.en.is_empty());
        // The authority's own duties in days, weeks or months are never
        // stretched by the municipality's closure days (EU reg. 1182/71 art. 3(4)).
        if r.party == Party::Authority && r.period.unit != Unit::WorkingDays {
            assert_eq!(r.regime, "helligdage", "{}", r.code);
        }
    }
    let by = |c: &str| all.iter().find(|r| r.code == c).unwrap();
    for c in [
        "whistleblower-intern-kvittering",
        "whistleblower-intern-feedback",
    ] {
        assert!(by(c).source.contains("§ 12, stk. 2"), "{c}");
        assert!(
            by(c).extended.is_none(),
            "{c}: no 6-month extension for internal schemes"
        );
    }
    for c in [
        "whistleblower-ekstern-kvittering",
        "whistleblower-ekstern-feedback",
    ] {
        assert!(by(c).source.contains("§ 20, stk. 2"), "{c}");
    }
    assert_eq!(by("whistleblower-ekstern-feedback").extended.unwrap().n, 6);
    assert!(all.iter().any(|r| r.regime == "foraeldelse"));
    assert_eq!(by("begrundelse-svar").party, Party::Authority);
    assert_eq!(by("begrundelse").party, Party::Citizen);
}

#[test]
fn delivery_modes_and_their_edges() {
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    for code in [
        "digital_post",
        "post",
        "quickpost",
        "post:3",
        "udbetaling_danmark_post",
    ] {
        assert_eq!(Delivery::from_code(code).unwrap().code(), code);
    }
    // Udbetaling Danmark's rule covers letters dated Monday to Friday.
    // Sat 2024-03-09 (datetime.date(2024, 3, 9).weekday() == 5).
    let err = Delivery::UdbetalingDanmarkPost
        .received(d("2024-03-09"))
        .unwrap_err();
    assert_eq!(err.kind(), "RangeError");
    // Every weekday of one week, by hand: Mon/Tue → Mon 11 March, Wed-Fri → Wed 13 March.
    for (sent, want) in [
        ("2024-03-04", "2024-03-11"),
        ("2024-03-05", "2024-03-11"),
        ("2024-03-06", "2024-03-13"),
        ("2024-03-07", "2024-03-13"),
        ("2024-03-08", "2024-03-13"),
    ] {
        assert_eq!(
            Delivery::UdbetalingDanmarkPost.received(d(sent)).unwrap(),
            d(want),
            "{sent}"
        );
    }
    // Delivery days: Grundlovsdag and 24 December are not delivery days, but
    // 31 December is, except where the regulator approved it (2018).
    let cal = Calendar::delivery_days();
    assert!(!cal.is_working_day(d("2024-06-05")).unwrap());
    assert!(!cal.is_working_day(d("2024-12-24")).unwrap());
    assert!(cal.is_working_day(d("2024-12-31")).unwrap());
    assert!(!cal.is_working_day(d("2018-12-31")).unwrap());
    // The calendars start in 1849, the year of the constitution.
    let forvaltning = Calendar::danish("forvaltning").unwrap();
    assert!(forvaltning.is_working_day(d("1849-01-02")).unwrap());
    assert_eq!(
        forvaltning
            .is_working_day(d("1848-12-29"))
            .unwrap_err()
            .kind(),
        "RangeError"
    );
}

#[test]
fn the_trace_explains_receipt_and_each_skipped_day_in_both_languages() {
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let rule = rule_by_code("klage-social").unwrap();
    let dl = rule
        .counted_from(d("2024-12-20"))
        .sent_by(Delivery::Post)
        .compute()
        .unwrap();
    let da = dl.explain(Lang::Da).join("\n");
    let en = dl.explain(Lang::En).join("\n");
    assert!(
        da.contains(
            "Brevet er dateret 2024-12-20 (fredag) og anses for modtaget 2025-01-03 (fredag)"
        ),
        "{da}"
    );
    assert!(
        da.contains("2024-12-24 Juleaftensdag (ingen postomdeling)"),
        "{da}"
    );
    assert!(da.contains("6 omdelingsdage"), "{da}");
    assert!(da.contains("Borgerens frist"), "{da}");
    assert!(
        en.contains("counts as received 2025-01-03 (Friday)"),
        "{en}"
    );
    assert!(en.contains("Due: 2025-01-31 (Friday) at 23:59."), "{en}");
    // Computed on another calendar than the rule's own: the trace says so.
    let other = rule
        .counted_from(d("2025-11-26"))
        .on(&Calendar::danish("helligdage").unwrap())
        .compute()
        .unwrap();
    assert!(other
        .explain(Lang::En)
        .join(" ")
        .contains("instead of the rule's own (forvaltning)"));
}
