//! The office's own register (eget register): a file as the office keeps
//! it — JSON Lines, the record CSV, or a sheet (an Excel workbook or a
//! Danish CSV) with its own headers and words — read by its content and
//! loaded with the profile's import section ([`crate::ImportDef`]).
//!
//! A sheet's cells are read as people type them: a coded field takes its
//! code, its Danish or English label (any case, surrounding spaces
//! ignored) or an alias of the profile; dates are ISO, `dd-mm-yyyy`,
//! `d.m.yyyy`, `dd.mm.yy` or Excel date cells, and a form that could be
//! read two ways is refused, never guessed. A citizen column that mixes
//! keys and CPR numbers is keyed cell by cell with a pseudonymizer; without
//! one a CPR number is refused.
//!
//! [`check`] is a dry run: it reports, in the sheet's own terms, what a
//! load would do ([`LoadReport`]).
//!
//! # Example
//! ```
//! use borgerraad_core::{import, Profile};
//! let csv = "Løbenr.;Dato;Borger;Kanal;Henvender;Type;Område;Afdeling\n\
//!            1;03-01-2022;AB;Telefon;Borger;Vejledning;Borger og Arbejdsmarked;Jobcenter\n\
//!            2;4.1.2022;kxqbvd;Mail;Borger;Klage;Teknik & Miljø;\n\
//!            I alt;;;;;;;2\n";
//! let profile = Profile::esbjerg();
//! let options = import::ImportOptions::default();
//! let (register, report) = import::load(csv.as_bytes(), "register.csv", &profile, &options).unwrap();
//! assert_eq!(register.len(), 2);
//! assert_eq!(register.get("1").unwrap().category, "borger-arbejdsmarked/jobcenter");
//! assert_eq!(register.get("2").unwrap().channel.as_str(), "email");
//! assert_eq!(report.skipped[0].reason, "total row (\"I alt\")");
//! assert!(report.warnings[0].contains("initials"));
//! ```

mod map;
mod report;

pub use report::{ColumnUse, LoadReport, Reason, RejectedRow, SkippedRow, Unmapped};

use std::collections::HashMap;
use std::path::Path;

use crate::base::error::{Error, Result};
use crate::inquiry::Inquiry;
use crate::profile::Profile;
use crate::record::CSV_COLUMNS;
use crate::register::{LoadOptions, OnError, Register};
use crate::sheet::{self, Format, Options, Sheet};

use map::{Mapper, Problem};

/// How to load an office's register.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The worksheet and header row of a sheet.
    pub sheet: Options,
    /// All or nothing or collect, the export date, the pseudonymizer for
    /// CPR numbers, the memory budget.
    pub load: LoadOptions,
}

/// Loads the register in the bytes of `source` (a file name, for
/// messages), told by content: JSON Lines, the record CSV, or a sheet read
/// with the profile's import section.
///
/// With [`OnError::Raise`] (the default) any refused row fails the load
/// with its error, which locates the cell in the sheet's terms; with
/// [`OnError::Collect`] the refused rows are in the report. Either way a
/// file that cannot be read at all (not a register, no header, a required
/// field without a column) is an error.
pub fn load(
    bytes: &[u8],
    source: &str,
    profile: &Profile,
    options: &ImportOptions,
) -> Result<(Register, LoadReport)> {
    let (register, report) = run(bytes, source, profile, options)?;
    if options.load.on_error == OnError::Raise {
        if let Some(first) = report.rejected.first() {
            return Err(first.error.clone());
        }
    }
    Ok((register, report))
}

/// A dry run: what [`load`] would do with the bytes of `source`, collecting
/// every refused row. A file that cannot be read at all is an error.
pub fn check(
    bytes: &[u8],
    source: &str,
    profile: &Profile,
    options: &ImportOptions,
) -> Result<LoadReport> {
    run(bytes, source, profile, options).map(|(_, report)| report)
}

/// [`load`] of the file at `path`; errors name the path as given.
pub fn open(
    path: impl AsRef<Path>,
    profile: &Profile,
    options: &ImportOptions,
) -> Result<(Register, LoadReport)> {
    let path = path.as_ref();
    load(
        &crate::document::read(path)?,
        &path.display().to_string(),
        profile,
        options,
    )
}

/// Loads in collect mode and reports.
fn run(
    bytes: &[u8],
    source: &str,
    profile: &Profile,
    options: &ImportOptions,
) -> Result<(Register, LoadReport)> {
    let collect = LoadOptions {
        on_error: OnError::Collect,
        ..options.load.clone()
    };
    let mut register = Register::new(profile.office().clone());
    let format = sheet::sniff(source, bytes)?;
    let records = |format: &str| LoadReport {
        source: source.to_string(),
        format: format.into(),
        ..LoadReport::default()
    };
    let mut report = match format {
        Format::Jsonl => {
            let rejected = register.load_jsonl(bytes, source, &collect)?;
            let mut report = records("jsonl");
            report.rejected = rejected.into_iter().map(rejected_record).collect();
            report
        }
        Format::Csv if is_record_csv(bytes) => {
            let rejected = register.load_csv(bytes, source, &collect)?;
            let mut report = records("csv");
            report.rejected = rejected.into_iter().map(rejected_record).collect();
            report
        }
        _ => {
            let sheet = read_sheet(source, bytes, &options.sheet, profile)?;
            load_sheet(&sheet, profile, &collect, &mut register)?
        }
    };
    report.loaded = register.len() as u64;
    if report.rows == 0 {
        report.rows = report.loaded + report.rejected.len() as u64;
    }
    report.finish();
    Ok((register, report))
}

/// The sheet in `bytes`, its header found: the first row that is not
/// blank, unless it names fewer than two fields and one of the ten rows
/// below names two or more (a title above the header, as people write).
fn read_sheet(source: &str, bytes: &[u8], options: &Options, profile: &Profile) -> Result<Sheet> {
    let known = |cells: &mut dyn Iterator<Item = String>| {
        cells
            .filter(|h| map::header_field(h, profile.import()).is_some())
            .count()
    };
    let sheet = match sheet::read(source, bytes, options) {
        Ok(sheet) => sheet,
        // A CSV file whose title line is narrower than the rows below
        // fails as a table; the header is then sought on lines 2 to 10.
        Err(e) if options.header_row.is_none() => {
            return (2..=10)
                .find_map(|row| {
                    let options = Options {
                        header_row: Some(row),
                        ..options.clone()
                    };
                    sheet::read(source, bytes, &options)
                        .ok()
                        .filter(|s| known(&mut s.headers.iter().cloned()) >= 2)
                })
                .ok_or(e);
        }
        Err(e) => return Err(e),
    };
    if options.header_row.is_some() || known(&mut sheet.headers.iter().cloned()) >= 2 {
        return Ok(sheet);
    }
    let header = sheet
        .rows
        .iter()
        .take(10)
        .find(|row| known(&mut row.cells.iter().filter_map(map::cell_text)) >= 2);
    match header {
        Some(row) => {
            let options = Options {
                header_row: Some(row.row),
                ..options.clone()
            };
            sheet::read(source, bytes, &options)
        }
        None => Ok(sheet),
    }
}

/// Whether a CSV file's header is the record format's (`id,citizen,…`).
fn is_record_csv(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let Ok(line) = std::str::from_utf8(line) else {
        return false;
    };
    let names: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
    names.len() > 1 && names.iter().all(|n| CSV_COLUMNS.contains(&n.trim()))
}

/// A rejected record of JSON Lines or the record CSV, for the report.
fn rejected_record(r: crate::Rejected) -> RejectedRow {
    let reason = match r.error.field() {
        Some(field) => format!("{}: field `{field}`", r.error.kind()),
        None => r.error.kind().to_string(),
    };
    RejectedRow {
        row: r.line,
        column: r.error.field().map(str::to_string),
        reason,
        message: r.error.to_string(),
        error: r.error,
    }
}

/// Maps the rows of `sheet` to records, validates them and adds the valid
/// ones to `register`; the report says what became of every row.
fn load_sheet(
    sheet: &Sheet,
    profile: &Profile,
    options: &LoadOptions,
    register: &mut Register,
) -> Result<LoadReport> {
    let office = profile.office();
    let mut mapper = Mapper::new(
        sheet,
        office,
        profile.import(),
        options.pseudonymizer.as_ref(),
    )?;
    let header = |c: usize| sheet.headers[c].trim().to_string();
    let mut report = LoadReport {
        source: sheet.source.clone(),
        format: match sheet.origin {
            sheet::Origin::Csv(_) => "csv".into(),
            sheet::Origin::Xlsx { .. } => "xlsx".into(),
        },
        sheet: sheet.sheet_name().map(str::to_string),
        header_row: Some(sheet.header_row),
        columns: sheet
            .headers
            .iter()
            .enumerate()
            .map(|(c, h)| ColumnUse {
                header: h.trim().to_string(),
                field: mapper
                    .columns
                    .iter()
                    .position(|col| *col == Some(c))
                    .map(|f| crate::profile::IMPORT_FIELDS[f].to_string()),
            })
            .collect(),
        skipped: sheet
            .skipped
            .iter()
            .map(|s| SkippedRow {
                row: u64::from(s.row),
                reason: s.reason.to_string(),
            })
            .collect(),
        ..LoadReport::default()
    };
    let mut unmapped: HashMap<(usize, String), Unmapped> = HashMap::new();
    let mut records: Vec<Inquiry> = Vec::with_capacity(sheet.rows.len());
    let mut rows: Vec<u32> = Vec::with_capacity(sheet.rows.len());
    let mut problems: Vec<Problem> = Vec::new();
    let reject =
        |report: &mut LoadReport, row: u32, column: Option<usize>, reason: String, error: Error| {
            report.rejected.push(RejectedRow {
                row: Some(u64::from(row)),
                column: column.map(header),
                reason,
                message: error.to_string(),
                error,
            });
        };
    for row in &sheet.rows {
        if let Some(why) = mapper.skipped(sheet, row) {
            report.skipped.push(SkippedRow {
                row: u64::from(row.row),
                reason: why,
            });
            continue;
        }
        report.rows += 1;
        problems.clear();
        let record = mapper.row(row, &mut problems);
        for p in &problems {
            if let (Some(value), Some(c)) = (&p.unmapped, p.column) {
                let entry = unmapped
                    .entry((c, value.clone()))
                    .or_insert_with(|| Unmapped {
                        column: header(c),
                        field: p.field.to_string(),
                        value: value.clone(),
                        count: 0,
                        rows: Vec::new(),
                    });
                entry.count += 1;
                if entry.rows.len() < 5 {
                    entry.rows.push(u64::from(row.row));
                }
            }
        }
        if let Some(p) = problems.first() {
            let error = Error::Parse {
                at: sheet.at(row.row, p.column),
                field: Some(p.field.to_string()),
                reason: p.reason.clone(),
            };
            let group = group(&p.column.map(header), p.field, &p.group);
            reject(&mut report, row.row, p.column, group, error);
            continue;
        }
        let Some(record) = record else { continue };
        let codes = office.codes();
        match record.validate(office.taxonomy(), codes, options.as_of) {
            Ok(()) => {
                records.push(record);
                rows.push(row.row);
            }
            Err(e) => {
                let field = e.field().unwrap_or_default().to_string();
                let column = mapper.column_of(&field);
                let reason = match &e {
                    Error::Validation { reason, .. } => reason.clone(),
                    other => other.to_string(),
                };
                let error = Error::Validation {
                    at: sheet.at(row.row, column).with_record(&record.id),
                    field: field.clone(),
                    reason,
                };
                let group = group(&column.map(header), &field, "breaks a rule of the register");
                reject(&mut report, row.row, column, group, error);
            }
        }
    }
    if mapper.initials > 0 {
        report.warnings.push(format!(
            "{} rows have a citizen key that looks like initials (2–3 letters): different people may share one, so the distinct-citizen figures and the share of repeat inquiries are unreliable",
            mapper.initials
        ));
    }
    report.unmapped = unmapped.into_values().collect();
    // Ids repeated in the sheet: the first keeps it (the register's rule).
    let ids: Vec<(String, u32)> = records
        .iter()
        .zip(&rows)
        .map(|(r, row)| (r.id.to_string(), *row))
        .collect();
    let rejected = register.extend(records, options)?;
    let id_column = mapper.column_of("id");
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in rejected {
        let id = r
            .error
            .location()
            .and_then(|l| l.record.clone())
            .unwrap_or_default();
        // The n-th rejection of an id is its (n+1)-th row.
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        let row = ids.iter().filter(|i| i.0 == id).nth(*n).map_or(0, |i| i.1);
        let reason = match &r.error {
            Error::Validation { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        let field = r.error.field().unwrap_or("id").to_string();
        let error = Error::Validation {
            at: sheet.at(row, id_column).with_record(&id),
            field: field.clone(),
            reason,
        };
        let group = group(
            &id_column.map(header),
            &field,
            "an id that an earlier row has",
        );
        reject(&mut report, row, id_column, group, error);
    }
    Ok(report)
}

/// The reason a rejection is grouped under: the column (or field) and the
/// fault.
fn group(column: &Option<String>, field: &str, fault: &str) -> String {
    match column {
        Some(header) => format!("\"{header}\": {fault}"),
        None => format!("`{field}`: {fault}"),
    }
}
