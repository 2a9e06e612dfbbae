//! Prints the annual report tables (the monthly table with "I alt" and
//! "Gennemsnit", key figures and breakdowns) for the embedded sample or a
//! register export.
//!
//! ```text
//! cargo run --example annual_report
//! cargo run --example annual_report -- --input export.csv --year 2022 --format md|csv|json|svg|html [--lang da|en] [--profile profile.json|egedal]
//! ```
//!
//! Python's `borgerraad report FILE` prints the same report through the
//! same core function (`AnnualReport::of`).

use std::process::ExitCode;

use borgerraad_core::render::{AnnualReport, Format, ReportOptions};
use borgerraad_core::{sample, Error, Lang, Profile, Register};
use clap::Parser;

/// Prints the annual report (beretning) tables of a register: the monthly
/// table with "I alt" and "Gennemsnit", key figures and breakdowns.
#[derive(Parser)]
#[command(name = "annual_report", version)]
struct Args {
    /// A register export, JSON Lines or CSV (by its extension `.csv`);
    /// the embedded synthetic sample when left out.
    #[arg(long, value_name = "FILE")]
    input: Option<String>,
    /// The year of the key figures and breakdowns; without it, the key
    /// figures of the last two years and no breakdowns.
    #[arg(long, value_name = "YYYY")]
    year: Option<i32>,
    /// md, csv, json, svg (the monthly chart) or html.
    #[arg(long, default_value = "md", value_parser = parse::<Format>)]
    format: Format,
    /// da (Danish) or en (English).
    #[arg(long, default_value = "da", value_parser = parse::<Lang>)]
    lang: Lang,
    /// The office's profile: a JSON file, or the id of a shipped profile
    /// (esbjerg, egedal); Esbjerg's when left out.
    #[arg(long, value_name = "FILE", requires = "input")]
    profile: Option<String>,
}

/// Parses a value with the core's `FromStr`, whose error names the choices.
fn parse<T: std::str::FromStr<Err = Error>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn run(args: &Args) -> Result<String, Error> {
    let register = match &args.input {
        Some(path) => {
            let profile = match &args.profile {
                Some(p) => Profile::named(p)?,
                None => Profile::esbjerg(),
            };
            if path.ends_with(".csv") {
                Register::read_csv(path, profile)?
            } else {
                Register::read_jsonl(path, profile)?
            }
        }
        None => sample(),
    };
    let options = ReportOptions {
        year: args.year,
        lang: args.lang,
        ..ReportOptions::default()
    };
    Ok(AnnualReport::of(&register, &options)?.render(args.format))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
