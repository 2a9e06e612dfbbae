//! Replays the calendar, deadline and referral fixtures in `tests/fixtures/`.
//! Their expected values come from an independent Easter reference and from
//! cases worked by hand from the statutes.

use borgerraad_core::calendar::{public_holidays, Calendar};
use borgerraad_core::deadline::{
    deadline, rule_by_code, DeadlineOptions, Delivery, ProcessingDeadlines, Status,
};
use borgerraad_core::referral::RuleSet;
use borgerraad_core::{taxonomy::Taxonomy, Inquiry, Lang, LoadOptions, Register};
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
        let cal = Calendar::danish(case["regime"].as_str().unwrap()).unwrap();
        let rule = rule_by_code(case["rule"].as_str().unwrap()).unwrap();
        let options = DeadlineOptions {
            delivery: case
                .get("delivery")
                .map(|d| Delivery::from_code(d.as_str().unwrap()).unwrap()),
        };
        let dl = deadline(&rule, date(&case["start"]), &options, &cal).unwrap();
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
            assert_eq!(dl.extended_due, Some(date(v)), "{name}: extended");
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
    }
}

#[test]
fn referral_cases_equal_the_worked_examples() {
    let doc = fixture("referrals.json");
    let rules = RuleSet::esbjerg();
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
    RuleSet::from_json_str(&json, "rules.json", &Taxonomy::esbjerg())
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
            "unknown variant `nowhere`",
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
    let tax = Taxonomy::esbjerg();
    let table = ProcessingDeadlines::from_json_str(
        r#"{"source":"Byrådets beslutning (test)","areas":[
            {"category":"borger-arbejdsmarked","label":{"da":"Borger & Arbejdsmarked","en":"Citizens"},"period":{"n":8,"unit":"uger"}},
            {"category":"borger-arbejdsmarked/borgerservice/bil","label":{"da":"Bilstøtte","en":"Car grants"},"period":{"n":3,"unit":"maaneder"}}]}"#,
        "frister.json",
        &tax,
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
        &tax,
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
        cal.add_working_days(d("1699-12-31"), 1).unwrap_err().kind(),
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
    let dl = deadline(
        &rule_by_code("aktindsigt").unwrap(),
        d("2024-04-05"),
        &DeadlineOptions::default(),
        &cal,
    )
    .unwrap();
    assert_eq!(
        dl.status(d("2024-04-05"), &cal).unwrap(),
        Status::Running {
            working_days_left: 7
        }
    );
}
