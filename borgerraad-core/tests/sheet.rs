//! Replays the office registers of `tests/fixtures/sheets/` (written by
//! `tests/fixtures/gen/sheets.py` with openpyxl and Python's csv module):
//! each sheet gives the header, rows, cells, days and set-aside rows the
//! generator wrote, with the row numbers people see.

use borgerraad_core::sheet::{self, Cell, Dialect, Encoding, Options, Origin, SkipReason};
use serde_json::Value;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sheets")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn expected_cell(value: &Value) -> Cell {
    match value {
        Value::Null => Cell::Empty,
        Value::Object(o) => match o.iter().next().unwrap() {
            (k, Value::String(s)) if k == "text" => Cell::Text(s.clone()),
            (k, Value::String(s)) if k == "date" => Cell::Date(s.parse().unwrap()),
            (k, n) if k == "number" => Cell::Number(n.as_f64().unwrap()),
            other => panic!("unknown cell {other:?}"),
        },
        other => panic!("unknown cell {other:?}"),
    }
}

fn read(case: &Value) -> sheet::Sheet {
    let file = case["file"].as_str().unwrap();
    let options = Options {
        sheet: case["sheet"].as_str().map(str::to_string),
        ..Options::default()
    };
    let bytes = std::fs::read(dir().join(file)).unwrap();
    sheet::read(file, &bytes, &options).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[cfg_attr(
    not(feature = "xlsx"),
    ignore = "reading .xlsx needs the `xlsx` feature"
)]
#[test]
fn every_register_reads_as_its_generator_wrote_it() {
    let cases = cases();
    assert_eq!(cases.len(), 5);
    for case in &cases {
        let file = case["file"].as_str().unwrap();
        let sheet = read(case);
        assert_eq!(sheet.sheet_name(), case["sheet"].as_str(), "{file}");
        assert_eq!(
            u64::from(sheet.header_row),
            case["header_row"].as_u64().unwrap(),
            "{file}"
        );
        let headers: Vec<&str> = case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        assert_eq!(sheet.headers, headers, "{file}");

        let rows = case["rows"].as_array().unwrap();
        assert_eq!(sheet.rows.len(), rows.len(), "{file}");
        for (got, want) in sheet.rows.iter().zip(rows) {
            assert_eq!(u64::from(got.row), want["row"].as_u64().unwrap(), "{file}");
            let cells: Vec<Cell> = want["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(expected_cell)
                .collect();
            assert_eq!(got.cells, cells, "{file}, row {}", got.row);
        }
        let dates = case["dates"].as_array().unwrap();
        for (got, want) in sheet.rows.iter().zip(dates) {
            let day = got.cells[1]
                .date()
                .unwrap_or_else(|e| panic!("{file}, row {}: {e}", got.row));
            assert_eq!(
                day.unwrap().to_string(),
                want.as_str().unwrap(),
                "{file}, row {}",
                got.row
            );
        }

        let skipped: Vec<(u64, SkipReason)> = case["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let reason = match s["reason"].as_str().unwrap() {
                    "blank" => SkipReason::Blank,
                    _ => SkipReason::Total {
                        label: s["label"].as_str().unwrap().into(),
                    },
                };
                (s["row"].as_u64().unwrap(), reason)
            })
            .collect();
        let got: Vec<(u64, SkipReason)> = sheet
            .skipped
            .iter()
            .map(|s| (u64::from(s.row), s.reason.clone()))
            .collect();
        assert_eq!(got, skipped, "{file}");

        let at = &case["at"];
        let row = at["row"].as_u64().unwrap() as u32;
        let column = at["column"].as_u64().unwrap() as usize;
        assert_eq!(
            sheet.at(row, Some(column)).to_string(),
            at["text"].as_str().unwrap()
        );

        if let Some(separator) = case.get("separator") {
            let encoding = match case["encoding"].as_str().unwrap() {
                "windows-1252" => Encoding::Windows1252,
                "utf-8-bom" => Encoding::Utf8Bom,
                _ => Encoding::Utf8,
            };
            let separator = separator.as_str().unwrap().as_bytes()[0];
            assert_eq!(
                sheet.origin,
                Origin::Csv(Dialect {
                    separator,
                    encoding
                }),
                "{file}"
            );
        }
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn a_workbook_gives_its_first_visible_sheet_and_names_a_missing_one() {
    let bytes = std::fs::read(dir().join("register.xlsx")).unwrap();
    // "Lister" comes first but is hidden.
    let first = sheet::read("register.xlsx", &bytes, &Options::default()).unwrap();
    assert_eq!(first.sheet_name(), Some("2022"));
    let options = Options {
        sheet: Some("2023".into()),
        ..Options::default()
    };
    let err = sheet::read("register.xlsx", &bytes, &options).unwrap_err();
    assert_eq!(err.kind(), "ParseError");
    assert_eq!(
        err.to_string(),
        r#"register.xlsx, sheet "2023": no such sheet; the workbook has "Lister", "2022", "2021""#
    );
    // A workbook cut short is no workbook.
    let err = sheet::read(
        "register.xlsx",
        &bytes[..bytes.len() / 2],
        &Options::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("register.xlsx: not a readable Excel workbook (.xlsx): "),
        "{err}"
    );
}

#[test]
fn files_are_told_by_content_not_by_name() {
    for (file, format) in [
        ("register.xlsx", sheet::Format::Xlsx),
        ("register-cp1252.csv", sheet::Format::Csv),
        ("register-bom.csv", sheet::Format::Csv),
    ] {
        let bytes = std::fs::read(dir().join(file)).unwrap();
        assert_eq!(
            sheet::sniff("upload.jsonl", &bytes).unwrap(),
            format,
            "{file}"
        );
    }
}
