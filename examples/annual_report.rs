//! Prints the annual report tables (the monthly table with "I alt" and
//! "Gennemsnit", key figures and breakdowns) for the embedded sample or a
//! register export.
//!
//! ```text
//! cargo run --example annual_report
//! cargo run --example annual_report -- --input export.csv --year 2022 --format md|csv|json|svg|html [--lang da|en]
//! ```

use std::process::ExitCode;

use borgerraad_core::render::{svg, AnnualReport};
use borgerraad_core::{sample, stats::By, taxonomy::Taxonomy, Disclosure, Error, Lang, Register};

struct Args {
    input: Option<String>,
    years: Option<Vec<i32>>,
    format: String,
    lang: Lang,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        input: None,
        years: None,
        format: "md".into(),
        lang: Lang::Da,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--input" => args.input = Some(value()?),
            "--year" => {
                let y = value()?;
                args.years = Some(vec![y.parse().map_err(|_| format!("--year: `{y}` is not a year"))?]);
            }
            "--format" => {
                args.format = value()?;
                if !["md", "csv", "json", "svg", "html"].contains(&args.format.as_str()) {
                    return Err(format!("--format must be md, csv, json, svg or html, not `{}`", args.format));
                }
            }
            "--lang" => args.lang = value()?.parse().map_err(|e: Error| e.to_string())?,
            "--help" | "-h" => return Err("usage: annual_report [--input FILE.jsonl|FILE.csv] [--year YYYY] [--format md|csv|json|svg|html] [--lang da|en]".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

fn load(path: &str) -> Result<Register, Error> {
    if path.ends_with(".csv") {
        Register::read_csv(path, Taxonomy::esbjerg())
    } else {
        Register::read_jsonl(path, Taxonomy::esbjerg())
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let register = match &args.input {
        Some(path) => match load(path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => sample(),
    };
    let stats = register.stats();
    let table_years = stats.years();
    // Key figures: the chosen year, or the two years of the sample's report.
    let key_years = args.years.clone().unwrap_or_else(|| {
        let y = &table_years;
        y[y.len().saturating_sub(2)..].to_vec()
    });
    let mut summaries = Vec::new();
    let mut breakdowns = Vec::new();
    for &year in &key_years {
        let ys = match stats.year(year) {
            Ok(ys) => ys,
            Err(err) => {
                eprintln!("error: {err}");
                return ExitCode::FAILURE;
            }
        };
        summaries.push(ys.summary());
        if args.years.is_some() {
            for by in [By::Area, By::Kind, By::Requester, By::Channel, By::Site] {
                breakdowns.push(stats.breakdown(year, by).expect("the year has inquiries"));
            }
        }
    }
    let report = AnnualReport::new(
        stats.monthly_table(&table_years),
        summaries,
        breakdowns,
        args.lang,
        Disclosure::default(),
    );
    match args.format.as_str() {
        "csv" => print!("{}", report.csv(args.lang)),
        "json" => println!("{}", report.json()),
        "svg" => println!(
            "{}",
            svg::monthly_chart(
                &report.monthly,
                svg::Style::Lines,
                args.lang,
                &Disclosure::default()
            )
        ),
        "html" => print!("{}", report.html(args.lang)),
        _ => print!("{}", report.markdown(args.lang)),
    }
    ExitCode::SUCCESS
}
