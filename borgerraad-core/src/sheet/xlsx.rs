//! Excel workbooks (.xlsx), read by calamine.

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Xlsx};

use super::{not_read, table, Cell, Options, Origin, Sheet, Table};
use crate::base::error::{foreign_reason, Error, Location, Result, SheetPlace};

pub(super) fn read(source: &str, bytes: &[u8], options: &Options) -> Result<Sheet> {
    let unreadable = |e: calamine::XlsxError| {
        not_read(
            source,
            &format!(
                "not a readable Excel workbook (.xlsx): {}",
                foreign_reason(&e.to_string())
            ),
        )
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names();
    let name = match &options.sheet {
        Some(wanted) if names.contains(wanted) => wanted.clone(),
        Some(wanted) => {
            let mut at = Location::source(source);
            at.place = Some(Box::new(SheetPlace {
                sheet: Some(crate::base::error::shorten(wanted)),
                ..SheetPlace::default()
            }));
            return Err(Error::Parse {
                at,
                field: None,
                reason: format!("no such sheet; the workbook has {}", quoted(&names)),
            });
        }
        None => book
            .sheets_metadata()
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .or_else(|| names.first().cloned())
            .ok_or_else(|| not_read(source, "the workbook has no sheets"))?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let rows = range.rows().enumerate().map(|(i, row)| {
        let number = first_row.saturating_add(i as u32).saturating_add(1);
        (number, row.iter().map(cell).collect())
    });
    let no_header = || {
        let mut at = Location::source(source);
        at.place = Some(Box::new(SheetPlace {
            sheet: Some(crate::base::cpr::redact_cpr(&name).into_owned()),
            ..SheetPlace::default()
        }));
        let reason = match options.header_row {
            Some(row) => format!("row {row}, the header row asked for, is blank or missing"),
            None => "the sheet is empty: it has no header".to_string(),
        };
        Error::Parse {
            at,
            field: None,
            reason,
        }
    };
    let Table {
        header_row,
        headers,
        rows,
        skipped,
    } = table(rows, options.header_row, None, no_header)?;
    Ok(Sheet {
        source: source.into(),
        origin: Origin::Xlsx {
            sheet: name,
            first_column,
        },
        header_row,
        headers,
        rows,
        skipped,
    })
}

/// The names, each in double quotes, joined by commas.
fn quoted(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    names.join(", ")
}

/// A workbook's cell as a [`Cell`]: a date cell becomes its day, unless it
/// is not a real day (a time alone, Excel's 29 February 1900), which stays
/// its number.
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64() >= 1.0 => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(crate::base::date::parse_date)
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}
