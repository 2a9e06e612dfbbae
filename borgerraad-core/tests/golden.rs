//! Replays the golden fixtures in `tests/fixtures/` (shared with the Python
//! and JS fronts). Expected values there are typed from the report.

use borgerraad_core::{
    render, sample,
    stats::{By, Stats},
    Lang, LoadOptions, Profile, Register,
};
use serde_json::Value;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

fn expected() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(fixture("expected/esbjerg-2017-2022.json")).unwrap(),
    )
    .unwrap()
}

fn loaded() -> Register {
    Register::read_jsonl(fixture("esbjerg-2017-2022.jsonl"), Profile::esbjerg()).unwrap()
}

/// The sample file is generated input; it must match the generator.
/// Regenerate with `BORGERRAAD_BLESS=1 cargo test -p borgerraad-core --test golden`.
#[test]
fn sample_fixture_is_fresh() {
    let mut fresh = Vec::new();
    let mut register = Register::new(Profile::esbjerg());
    register
        .extend(sample().inquiries().to_vec(), &LoadOptions::default())
        .unwrap();
    register.write_jsonl(&mut fresh).unwrap();
    let path = fixture("esbjerg-2017-2022.jsonl");
    if std::env::var_os("BORGERRAAD_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let on_disk = std::fs::read(&path).unwrap();
    assert!(
        on_disk == fresh,
        "{} is stale; regenerate it (see the doc comment)",
        path.display()
    );
}

#[test]
fn monthly_table_equals_the_report() {
    let exp = expected();
    let years: Vec<i32> = serde_json::from_value(exp["years"].clone()).unwrap();
    let register = loaded();
    let stats = Stats::of(register.office(), register.iter()).unwrap();
    let table = stats.monthly_table(&years);
    let cells = render::internal::monthly_cells(&table, Lang::Da);
    for (month, row) in exp["months"].as_object().unwrap() {
        let line = cells
            .iter()
            .find(|r| &r[0] == month)
            .unwrap_or_else(|| panic!("no row {month}"));
        let want: Vec<String> = row
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.to_string())
            .collect();
        assert_eq!(&line[1..], &want[..], "{month}");
    }
    let totals: Vec<u64> = (0..years.len()).map(|i| table.total(i)).collect();
    assert_eq!(
        totals,
        serde_json::from_value::<Vec<u64>>(exp["total"].clone()).unwrap()
    );
    let means: Vec<String> = (0..years.len())
        .map(|i| render::number(table.mean(i), Lang::Da))
        .collect();
    assert_eq!(
        means,
        serde_json::from_value::<Vec<String>>(exp["mean_da"].clone()).unwrap()
    );
    let printed_2019 = exp["printed_2019"]["total"].as_u64().unwrap();
    assert_ne!(
        table.total(2),
        printed_2019,
        "the register must not reproduce the misprint"
    );
}

#[test]
fn key_figures_equal_the_report() {
    let exp = expected();
    let register = loaded();
    let stats = Stats::of(register.office(), register.iter()).unwrap();
    for (year, want) in exp["key_figures"].as_object().unwrap() {
        let year: i32 = year.parse().unwrap();
        let ys = stats.year(year).unwrap();
        let s = ys.summary();
        let check = |key: &str, got: f64| {
            if let Some(w) = want.get(key) {
                assert_eq!(got, w.as_f64().unwrap(), "{year} {key}");
            }
        };
        check("registrations", s.registrations as f64);
        check("distinct_citizens", s.distinct_citizens as f64);
        check("repeat_share_percent_rounded", s.repeat_share.round());
        check(
            "mean_citizens_per_month_rounded",
            s.mean_citizens_per_month.round(),
        );
        check(
            "mean_registrations_per_month_rounded",
            s.mean_registrations_per_month.round(),
        );
        let staff = stats
            .breakdown(year, By::Kind)
            .unwrap()
            .rows
            .iter()
            .find(|r| r.code == "sparring")
            .map_or(0.0, |r| r.percent);
        check("staff_advice_percent_rounded", staff.round());
        check(
            "forwarded_total",
            s.forwarded.iter().map(|c| c.count).sum::<u64>() as f64,
        );
        if let Some(targets) = want.get("forwarded").and_then(Value::as_object) {
            for (to, n) in targets {
                let got = s
                    .forwarded
                    .iter()
                    .find(|c| &c.code == to)
                    .map_or(0, |c| c.count);
                assert_eq!(got, n.as_u64().unwrap(), "{year} forwarded to {to}");
            }
        }
    }
}

#[test]
fn csv_and_jsonl_round_trip() {
    let register = loaded();
    let mut csv = Vec::new();
    register.write_csv(&mut csv).unwrap();
    let back = {
        let mut r = Register::new(Profile::esbjerg());
        r.load_csv(&csv, "round.csv", &LoadOptions::default())
            .unwrap();
        r
    };
    assert_eq!(back.inquiries(), register.inquiries());
    let mut jsonl = Vec::new();
    back.write_jsonl(&mut jsonl).unwrap();
    assert_eq!(
        jsonl,
        std::fs::read(fixture("esbjerg-2017-2022.jsonl")).unwrap()
    );
}

/// The sample 60 times over (fresh ids and citizen keys each time), so that
/// the statistics are counted in parts, one on each core, and merged: every
/// total and every count of citizens is the report's 60 times.
#[test]
fn counted_in_parts_the_figures_are_the_reports_times_the_repetitions() {
    const TIMES: u64 = 60;
    let exp = expected();
    let years: Vec<i32> = serde_json::from_value(exp["years"].clone()).unwrap();
    let totals: Vec<u64> = serde_json::from_value(exp["total"].clone()).unwrap();
    let once = loaded();
    let letters = |mut n: u64| -> String {
        let mut s = String::new();
        loop {
            s.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                return s;
            }
        }
    };
    let many: Vec<_> = (0..TIMES)
        .flat_map(|t| {
            once.iter().map(move |i| {
                let mut i = i.clone();
                i.id = format!("{}-x{t}", i.id).into();
                i.citizen = format!("{}q{}", i.citizen, letters(t)).into();
                i
            })
        })
        .collect();
    let mut register = Register::new(Profile::esbjerg());
    register.extend(many, &LoadOptions::default()).unwrap();
    for stats in [
        register.stats(),
        Stats::of(register.office(), register.iter()).unwrap(),
    ] {
        let table = stats.monthly_table(&years);
        for (i, total) in totals.iter().enumerate() {
            assert_eq!(table.total(i), total * TIMES, "{}", years[i]);
        }
        for (year, want) in exp["key_figures"].as_object().unwrap() {
            let s = stats.year(year.parse().unwrap()).unwrap().summary();
            if let Some(w) = want.get("distinct_citizens") {
                assert_eq!(s.distinct_citizens, w.as_u64().unwrap() * TIMES, "{year}");
            }
            if let Some(w) = want.get("repeat_share_percent_rounded") {
                assert_eq!(s.repeat_share.round(), w.as_f64().unwrap(), "{year}");
            }
        }
    }
}

/// What people read names categories and destinations by their labels, never
/// by their codes: the sample's 2022 report, in every format meant for
/// people, shows "Gældsrådgivning" and "Borgerservice" (the report's words),
/// and none of the codes of the 2022 referral targets and categories.
#[test]
fn published_reports_name_targets_and_categories_by_label() {
    use borgerraad_core::render::{AnnualReport, Format, ReportOptions};
    let register = loaded();
    let options = ReportOptions {
        year: Some(2022),
        ..ReportOptions::default()
    };
    let report = AnnualReport::of(&register, &options).unwrap();
    let codes = [
        "gaeldsraadgivning",
        "familieretshuset",
        "patientkontoret",
        "borger-arbejdsmarked/borgerservice",
        "borger-arbejdsmarked",
        "boern-kultur",
    ];
    for format in [Format::Markdown, Format::Html, Format::Csv] {
        let text = report.render(format);
        assert!(text.contains("Gældsrådgivning"), "{format:?}");
        assert!(text.contains("Borgerservice"), "{format:?}");
        for code in codes {
            assert!(!text.contains(code), "{format:?} prints the code {code}");
        }
    }
}
