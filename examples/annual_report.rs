//! Prints the annual report tables (the monthly table with "I alt" and
//! "Gennemsnit", key figures and breakdowns) for the embedded sample or a
//! register export.
//!
//! ```text
//! cargo run --example annual_report
//! cargo run --example annual_report -- --input export.csv --year 2022 --format md|csv|json|svg|html [--lang da|en] [--profile profile.json|egedal]
//! cargo run --example annual_report -- --input register.xlsx [--sheet 2022] [--secret-file secret.key] --check
//! ```
//!
//! `--input` is read by its content: JSON Lines, the record CSV, or the
//! office's own sheet (an Excel workbook or a CSV file) through the
//! profile's import section. `--check` is a dry run that prints what a load
//! would do, in the sheet's own terms.
//!
//! Python's `borgerraad report FILE` prints the same report through the
//! same core function (`AnnualReport::of`).

use std::process::ExitCode;

use borgerraad_core::import::{self, ImportOptions};
use borgerraad_core::render::{AnnualReport, Format, ReportOptions};
use borgerraad_core::{sample, Error, Lang, Profile, Pseudonymizer};
use clap::Parser;

/// Prints the annual report (beretning) tables of a register: the monthly
/// table with "I alt" and "Gennemsnit", key figures and breakdowns.
#[derive(Parser)]
#[command(name = "annual_report", version)]
struct Args {
    /// The register: JSON Lines, the record CSV, or the office's own sheet
    /// (.xlsx or a CSV in `,` `;` or tab, UTF-8 or Windows-1252), told by
    /// content; the embedded synthetic sample when left out.
    #[arg(long, value_name = "FILE")]
    input: Option<String>,
    /// Only check the input (a dry run): print, in the sheet's own terms,
    /// the values that map to nothing, the rows skipped and the rows
    /// refused, grouped by reason.
    #[arg(long, requires = "input")]
    check: bool,
    /// The worksheet of a workbook; the first visible one when left out.
    #[arg(long, value_name = "NAME", requires = "input")]
    sheet: Option<String>,
    /// A file holding the secret (at least 16 bytes) that turns CPR
    /// numbers in the citizen column into keys; without it a CPR number
    /// is refused.
    #[arg(long, value_name = "FILE", requires = "input")]
    secret_file: Option<String>,
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
            let mut options = ImportOptions::default();
            options.sheet.sheet.clone_from(&args.sheet);
            if let Some(secret) = &args.secret_file {
                let secret = borgerraad_core::bindings::read(std::path::Path::new(secret))?;
                options.load.pseudonymizer = Some(Pseudonymizer::new(secret.trim_ascii())?);
            }
            let bytes = borgerraad_core::bindings::read(std::path::Path::new(path))?;
            if args.check {
                return Ok(import::check(&bytes, path, &profile, &options)?.to_string());
            }
            let (register, report) = import::load(&bytes, path, &profile, &options)?;
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            register
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
