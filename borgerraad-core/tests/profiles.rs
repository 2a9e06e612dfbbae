//! Profiles: a second municipality's published figures from a synthetic
//! register under its shipped profile, counting every unit an inquiry
//! concerns, and statistics that keep to their profile.

use borgerraad_core::render::{AnnualReport, Format, ReportOptions};
use borgerraad_core::stats::{By, Mapping, Stats};
use borgerraad_core::{LoadOptions, Profile, Register};
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn egedal(profile: Profile) -> Register {
    let mut register = Register::new(profile);
    let bytes = std::fs::read(fixtures().join("egedal-2018.jsonl")).unwrap();
    register
        .load_jsonl(&bytes, "egedal-2018.jsonl", &LoadOptions::default())
        .unwrap();
    register
}

fn expected() -> Value {
    let text = std::fs::read_to_string(fixtures().join("expected/egedal-2018.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn counts(register: &Register, by: By) -> Vec<(String, u64)> {
    let b = register.stats().breakdown(2018, by).unwrap();
    b.rows.into_iter().map(|r| (r.code, r.count)).collect()
}

#[test]
fn egedal_2018_reproduces_the_published_figures() {
    let register = egedal(Profile::shipped("egedal").unwrap());
    let want = expected();
    let stats = register.stats();
    let summary = stats.year(2018).unwrap().summary();
    assert_eq!(
        summary.registrations,
        want["registrations"].as_u64().unwrap()
    );
    let areas = counts(&register, By::Area);
    for (centre, n) in want["centres"].as_object().unwrap() {
        assert!(
            areas.contains(&(centre.clone(), n.as_u64().unwrap())),
            "{centre}: {areas:?}"
        );
    }
    let named: u64 = want["centres"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(
        summary.registrations - named,
        want["centres_not_named"].as_u64().unwrap()
    );
    let kinds = counts(&register, By::Kind);
    assert!(kinds.contains(&(
        "undersoegelse".into(),
        want["investigations"].as_u64().unwrap()
    )));
    let outcomes = counts(&register, By::Outcome);
    assert!(outcomes.contains(&("kritik".into(), want["criticism"].as_u64().unwrap())));

    // The published report speaks Egedal's words: centres, by label.
    let options = ReportOptions {
        year: Some(2018),
        ..ReportOptions::default()
    };
    let md = AnnualReport::of(&register, &options)
        .unwrap()
        .render(Format::Markdown);
    assert!(md.contains("## Center 2018"), "{md}");
    assert!(md.contains("| Jobcenteret | 20 |"), "{md}");
    assert!(md.contains("| Center for Borgerservice | 9 |"), "{md}");
    assert!(md.contains("| Center for Social Service | 8 |"), "{md}");
    // Two criticisms are fewer than the threshold of 5: hidden when published.
    assert!(md.contains("| Kritik | – |"), "{md}");
    assert!(!md.contains("Direktørområde"), "{md}");
    assert!(md.contains("Hver henvendelse tælles én gang, under sin primære kategori"));
}

#[test]
fn counting_every_unit_counts_the_statement_under_all_three_centres() {
    // A profile file of an office's own: Egedal's, counting every unit.
    let path = fixtures().join("profiles/egedal-every.json");
    let profile = Profile::named(path.to_str().unwrap()).unwrap();
    let mut own: Value = serde_json::to_value(profile.def()).unwrap();
    let shipped: Value = serde_json::to_value(Profile::shipped("egedal").unwrap().def()).unwrap();
    assert_eq!(own["counting"], "every");
    own.as_object_mut().unwrap().remove("deadline_regimes");
    for field in ["id", "label", "counting"] {
        own[field] = shipped[field].clone();
    }
    assert_eq!(
        own, shipped,
        "the file differs from Egedal's only in id, label, counting and a deadline regime"
    );
    let register = egedal(profile);
    let areas = counts(&register, By::Area);
    // By hand: the statement's primary centre is the Jobcenter (20); it
    // concerns Borgerservice (9 + 1) and Social Service (8 + 1) too.
    for (centre, n) in [
        ("jobcenter", 20),
        ("center-for-borgerservice", 10),
        ("center-for-social-service", 9),
    ] {
        assert!(areas.contains(&(centre.into(), n)), "{centre}: {areas:?}");
    }
    assert_eq!(register.stats().year(2018).unwrap().registrations(), 42);
    let options = ReportOptions {
        year: Some(2018),
        ..ReportOptions::default()
    };
    let md = AnnualReport::of(&register, &options)
        .unwrap()
        .render(Format::Markdown);
    assert!(md.contains("| Center for Borgerservice | 10 |"), "{md}");
    assert!(
        md.contains("En henvendelse tælles under hver enhed, den vedrører"),
        "{md}"
    );
}

#[test]
fn statistics_keep_to_their_profile() {
    let esbjerg = borgerraad_core::sample();
    // Esbjerg's categories are not Egedal's: a typed error, nothing loaded.
    let mut register = Register::new(Profile::shipped("egedal").unwrap());
    let err = register
        .extend(esbjerg.iter().take(3).cloned(), &LoadOptions::default())
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        ("ValidationError", Some("category"))
    );
    assert!(register.is_empty());

    let mut mine = esbjerg.stats();
    let theirs = egedal(Profile::shipped("egedal").unwrap()).stats();
    assert_eq!(mine.merge(&theirs).unwrap_err().kind(), "ConfigError");
    // A statistics document read back is checked against the profile expected.
    let read: Stats = serde_json::from_str(&serde_json::to_string(&theirs).unwrap()).unwrap();
    assert!(read
        .check_office(Profile::shipped("egedal").unwrap().office())
        .is_ok());
    let err = read.check_office(esbjerg.office()).unwrap_err();
    assert_eq!((err.kind(), err.field()), ("ConfigError", Some("profile")));
    // Without a mapping of Egedal's own codes, still a ConfigError naming one.
    let err = mine.merge_mapped(&theirs, &Mapping::default()).unwrap_err();
    assert_eq!(err.kind(), "ConfigError");
    let mapping = Mapping {
        categories: [
            ("jobcenter", "borger-arbejdsmarked/jobcenter"),
            (
                "center-for-borgerservice",
                "borger-arbejdsmarked/borgerservice",
            ),
            (
                "center-for-social-service",
                "borger-arbejdsmarked/social-voksne",
            ),
            ("oevrige-centre", "tvaergaaende"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into(),
        codes: [
            ("undersoegelse", "klage"),
            ("kritik", "afklaret"),
            ("ingen_kritik", "afklaret"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into(),
    };
    let before = mine.year(2018).map(|y| y.registrations()).unwrap_or(0);
    mine.merge_mapped(&theirs, &mapping).unwrap();
    assert_eq!(mine.year(2018).unwrap().registrations(), before + 42);
}

/// The office's profile file puts the social complaint deadline on the
/// regime of public holidays only. Four weeks from Wednesday 8 May 2024
/// end on Wednesday 5 June, Grundlovsdag: the law's own regime
/// (`forvaltning`) does not count it as a working day and rolls on to
/// Thursday 6 June; the office's does not roll.
#[test]
fn a_profile_puts_a_deadline_rule_on_its_own_regime() {
    use borgerraad_core::deadline::rule_by_code;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let profile = Profile::from_json_file(fixtures().join("profiles/egedal-every.json")).unwrap();
    let due = |rule: borgerraad_core::deadline::Rule| {
        let calendar = rule.calendar().unwrap();
        rule.counted_from(day("2024-05-08"))
            .on(&calendar)
            .compute()
            .unwrap()
            .due
    };
    assert_eq!(
        due(rule_by_code("klage-social").unwrap()),
        day("2024-06-06")
    );
    let rule = profile.deadline_rule("klage-social").unwrap();
    assert_eq!(rule.regime, "helligdage");
    assert_eq!(due(rule), day("2024-06-05"));
    // A rule the profile leaves alone keeps the law's regime.
    let rule = profile.deadline_rule("klage-udbetaling-danmark").unwrap();
    assert_eq!(rule.regime, "udbetaling_danmark");
}
