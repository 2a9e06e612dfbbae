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
use borgerraad_core::Contents;
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
    for &year in &key_years {
        if stats.year(year).is_err() {
            eprintln!("error: the register holds no inquiries received in {year}");
            return ExitCode::FAILURE;
        }
    }
    // With --year, the year's breakdowns are published with its key figures.
    let breakdowns = match &args.years {
        Some(years) => years
            .iter()
            .flat_map(|&y| {
                [
                    By::Area,
                    By::Department,
                    By::Kind,
                    By::Requester,
                    By::Channel,
                    By::Site,
                ]
                .map(|by| (y, by))
            })
            .collect(),
        None => Vec::new(),
    };
    let contents = Contents {
        table_years,
        key_years,
        breakdowns,
    };
    // Everything printed, in every format, is what the disclosure engine
    // publishes for these contents together.
    let published = match Disclosure::default().report(&stats, &contents, args.lang) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = AnnualReport::new(published, args.lang);
    match args.format.as_str() {
        "csv" => print!("{}", report.csv()),
        "json" => println!("{}", report.json()),
        "svg" => println!("{}", report.svg(svg::Style::Lines)),
        "html" => print!("{}", report.html()),
        _ => print!("{}", report.markdown()),
    }
    ExitCode::SUCCESS
}
