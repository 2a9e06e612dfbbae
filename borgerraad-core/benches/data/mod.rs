//! The synthetic data of the benchmarks, shared by `core.rs` (criterion)
//! and `load_once.rs` (instruction counts).

use borgerraad_core::bindings::{csv_cells, epoch_day, Cells, Column, CSV_COLUMNS};
use borgerraad_core::sample;
use borgerraad_core::{Inquiry, LoadOptions, Profile, Register};

/// `n` synthetic inquiries: the sample repeated with fresh ids and citizens.
pub fn synthetic(n: usize) -> Vec<Inquiry> {
    let base = sample().inquiries().to_vec();
    (0..n)
        .map(|i| {
            let mut x = base[i % base.len()].clone();
            let round = i / base.len();
            x.id = format!("{}-{round}", x.id).into();
            x.citizen = format!("{}{round}", x.citizen).into();
            x
        })
        .collect()
}

/// The records as JSON Lines.
pub fn jsonl(records: Vec<Inquiry>) -> Vec<u8> {
    let mut register = Register::new(Profile::esbjerg());
    register.extend(records, &LoadOptions::default()).unwrap();
    let mut bytes = Vec::new();
    register.write_jsonl(&mut bytes).unwrap();
    bytes
}

/// The records as text columns in the Arrow layout, one (offsets, bytes)
/// pair per column of [`CSV_COLUMNS`] (what the Python package hands over,
/// but for dates, which it hands over as days).
pub fn text_columns(records: &[Inquiry]) -> Vec<(Vec<i32>, Vec<u8>)> {
    let cells: Vec<_> = records.iter().map(csv_cells).collect();
    (0..CSV_COLUMNS.len())
        .map(|col| {
            let (mut offsets, mut bytes) = (vec![0i32], Vec::new());
            for row in &cells {
                bytes.extend_from_slice(row[col].as_bytes());
                offsets.push(bytes.len() as i32);
            }
            (offsets, bytes)
        })
        .collect()
}

/// Borrows [`text_columns`] as [`Column`]s.
pub fn columns(owned: &[(Vec<i32>, Vec<u8>)]) -> Vec<Column<'_>> {
    CSV_COLUMNS
        .iter()
        .zip(owned)
        .map(|(name, (offsets, data))| Column {
            name,
            cells: Cells::Text {
                offsets,
                data,
                valid: None,
            },
        })
        .collect()
}

/// The date columns as Arrow `date32` days with validity, as the Python
/// package hands them over: (name, days since 1970-01-01, valid).
pub fn day_columns(records: &[Inquiry]) -> Vec<(&'static str, Vec<i32>, Vec<bool>)> {
    let column = |name, day: &dyn Fn(&Inquiry) -> Option<chrono::NaiveDate>| {
        let days = records.iter().map(|r| day(r).map_or(0, epoch_day));
        let valid = records.iter().map(|r| day(r).is_some());
        (name, days.collect(), valid.collect())
    };
    vec![
        column("received", &|r| Some(r.received)),
        column("closed", &|r| r.closed),
        column("consent_given", &|r| r.consent.as_ref().map(|c| c.given)),
        column("matter_date", &|r| r.matter_date),
    ]
}

/// [`columns`] with the date columns replaced by [`day_columns`].
pub fn columns_with_days<'a>(
    owned: &'a [(Vec<i32>, Vec<u8>)],
    days: &'a [(&'static str, Vec<i32>, Vec<bool>)],
) -> Vec<Column<'a>> {
    columns(owned)
        .into_iter()
        .map(|c| match days.iter().find(|d| d.0 == c.name) {
            Some((name, days, valid)) => Column {
                name,
                cells: Cells::Days {
                    days,
                    valid: Some(valid),
                },
            },
            None => c,
        })
        .collect()
}
