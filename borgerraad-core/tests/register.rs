//! The register's rules: each rejection, all-or-nothing loading, collecting
//! rejected records, and errors that name file, line, record and field.

use borgerraad_core::{Error, LoadOptions, OnError, Profile, Register};

const OK: &str = r#"{"id":"A-1","citizen":"kqzv","received":"2022-03-01","municipality":"esbjerg","channel":"email","requester":"borger","kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}"#;

fn with(patch: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(OK).unwrap();
    for (k, val) in
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(patch).unwrap()
    {
        v[k] = val;
    }
    v.to_string()
}

fn load(
    text: &str,
    options: &LoadOptions,
) -> (Register, Result<Vec<borgerraad_core::Rejected>, Error>) {
    let mut register = Register::new(Profile::esbjerg());
    let result = register.load_jsonl(text.as_bytes(), "in.jsonl", options);
    (register, result)
}

#[test]
fn each_rule_rejects_with_field_and_reason() {
    let as_of = LoadOptions {
        as_of: Some("2022-06-30".parse().unwrap()),
        ..LoadOptions::default()
    };
    let cases = [
        (
            r#"{"category":"borger-arbejdsmarked/nowhere"}"#,
            "category",
            "not in the taxonomy",
        ),
        (
            r#"{"closed":"2022-02-28"}"#,
            "closed",
            "before it was received",
        ),
        (
            r#"{"received":"2022-07-01"}"#,
            "received",
            "after the as-of date",
        ),
        (
            r#"{"actions":[{"kind":"kontakt_kommune","date":"2022-03-02"}]}"#,
            "consent",
            "without consent",
        ),
        (
            r#"{"actions":[{"kind":"kontakt_kommune","date":"2022-03-02"}],"consent":{"given":"2022-03-03"}}"#,
            "consent",
            "without consent",
        ),
        (r#"{"citizen":""}"#, "citizen", "empty"),
        (r#"{"citizen":"010190-1234"}"#, "citizen", "CPR"),
        (
            r#"{"kind":"videresendelse","channel":"telefon","referral":{"to":"borger-arbejdsmarked/borgerservice","basis":"fvl-7-2"}}"#,
            "channel",
            "written inquiries only",
        ),
        (r#"{"site":"nowhere"}"#, "site", "outreach site"),
    ];
    for (patch, field, reason) in cases {
        let (register, result) = load(&with(patch), &as_of);
        let err = result.unwrap_err();
        assert_eq!(err.kind(), "ValidationError", "{patch}");
        assert_eq!(err.field(), Some(field), "{patch}: {err}");
        assert!(err.to_string().contains(reason), "{patch}: {err}");
        assert!(
            err.to_string().starts_with("in.jsonl:1: record `A-1`:"),
            "{err}"
        );
        assert!(register.is_empty());
        assert!(
            !err.to_string().contains("010190"),
            "an error never repeats a CPR number: {err}"
        );
    }
    // Consent on the day of contact is enough.
    let fine = with(
        r#"{"actions":[{"kind":"kontakt_kommune","date":"2022-03-02"}],"consent":{"given":"2022-03-02"}}"#,
    );
    assert_eq!(load(&fine, &as_of).0.len(), 1);
}

#[test]
fn duplicates_and_all_or_nothing() {
    let text = format!("{OK}\n{}\n{OK}\n", with(r#"{"id":"A-2"}"#));
    let (register, result) = load(&text, &LoadOptions::default());
    let err = result.unwrap_err();
    assert_eq!(
        err.to_string(),
        "in.jsonl:3: record `A-1`: field `id`: duplicates an id already in the register"
    );
    assert!(register.is_empty(), "nothing is added");

    let collect = LoadOptions {
        on_error: OnError::Collect,
        ..LoadOptions::default()
    };
    let (register, result) = load(&format!("{text}not json\n"), &collect);
    let rejected = result.unwrap();
    assert_eq!(register.len(), 2);
    assert_eq!(
        rejected.iter().map(|r| r.line.unwrap()).collect::<Vec<_>>(),
        vec![3, 4]
    );
    assert_eq!(rejected[1].error.kind(), "ParseError");

    // A later failed load leaves the register as it was.
    let mut register = register;
    let before = register.inquiries().to_vec();
    let err = register.load_jsonl(
        with(r#"{"id":"A-9","closed":"2000-01-01"}"#).as_bytes(),
        "more.jsonl",
        &LoadOptions::default(),
    );
    assert!(err.is_err());
    assert_eq!(register.inquiries(), &before[..]);
    // A duplicate of an id already in the register.
    let err = register
        .load_jsonl(OK.as_bytes(), "again.jsonl", &LoadOptions::default())
        .unwrap_err();
    assert_eq!(err.field(), Some("id"));
}

#[test]
fn parse_errors_name_line_and_field() {
    let cases: [(&str, &str, Option<&str>); 6] = [
        (
            r#"{"channel":"Fax"}"#,
            "`Fax` is not a code",
            Some("channel"),
        ),
        (r#"{"received":"2022-02-30"}"#, "", Some("received")),
        (
            r#"{"topics":"x"}"#,
            "expected an array, found a string",
            Some("topics"),
        ),
        (r#"{"cpr":"0101901234"}"#, "unknown field `cpr`", None),
        (
            r#"{"id":7}"#,
            "expected a string, found a number",
            Some("id"),
        ),
        (
            r#"{"actions":[{"kind":"vejledt"}]}"#,
            "the field is missing",
            Some("actions[0].date"),
        ),
    ];
    for (patch, reason, field) in cases {
        let text = format!("{OK}\n\n{}", with(patch).replace("\"A-1\"", "\"B-1\""));
        let err = load(&text, &LoadOptions::default()).1.unwrap_err();
        assert_eq!(err.kind(), "ParseError", "{patch}");
        assert!(err.to_string().starts_with("in.jsonl:3:"), "{err}");
        assert!(err.to_string().contains(reason), "{err}");
        if let Some(f) = field {
            assert_eq!(err.field(), Some(f), "{err}");
        }
        assert!(!err.to_string().contains("0101901234"), "{err}");
    }
    let err = load("", &LoadOptions::default()).1.unwrap_err();
    assert!(err.to_string().contains("no records"), "{err}");
    let mut register = Register::new(Profile::esbjerg());
    let err = register
        .load_jsonl(b"{\"id\":\"\xff\"}", "bin.jsonl", &LoadOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("invalid UTF-8"), "{err}");
    let err = register
        .load_jsonl(
            format!("{OK} trailing").as_bytes(),
            "t.jsonl",
            &LoadOptions::default(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), "ParseError");
}

/// CSV lines may end in `\n`, `\r\n` or a lone `\r`: all load the same.
#[test]
fn csv_line_endings() {
    let rows = [
        "id,citizen,received,municipality,channel,requester,kind,category",
        "C-1,kq,2022-03-01,esbjerg,telefon,borger,vejledning,teknik-miljoe",
        "C-2,kq,2022-03-02,esbjerg,telefon,borger,vejledning,teknik-miljoe",
        "C-3,zx,2022-03-03,esbjerg,brev,borger,klage,teknik-miljoe",
    ];
    for end in ["\n", "\r\n", "\r"] {
        let text = rows.join(end) + end;
        let mut register = Register::new(Profile::esbjerg());
        register
            .load_csv(text.as_bytes(), "in.csv", &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{end:?}: {e}"));
        assert_eq!(register.len(), 3, "{end:?}");
        assert_eq!(register.inquiries()[2].id, "C-3");
    }
}

#[test]
fn csv_errors_name_line_and_field() {
    let header = "id,citizen,received,municipality,channel,requester,kind,category";
    let csv = |rows: &str| format!("{header}\n{rows}");
    let mut register = Register::new(Profile::esbjerg());
    let load = |r: &mut Register, text: &str| {
        r.load_csv(text.as_bytes(), "in.csv", &LoadOptions::default())
    };
    let err = load(
        &mut register,
        &csv("C-1,kq,2022-01-03,esbjerg,fax,borger,vejledning,teknik-miljoe\n"),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "in.csv:2: record `C-1`: field `channel`: unknown channel `fax`; the profile `esbjerg` has: telefon, email, digital_post, brev, personligt, opsoegende");
    let err = load(&mut register, "id,cpr\n1,0101901234\n").unwrap_err();
    assert!(err.to_string().contains("`cpr` column is refused"), "{err}");
    let err = load(&mut register, "id,colour\n").unwrap_err();
    assert!(err.to_string().contains("unknown column `colour`"), "{err}");
    let err = load(&mut register, "").unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
    let err = load(&mut register, &csv("C-1,kq,2022-01-03\n")).unwrap_err();
    assert!(err.to_string().contains("in.csv:2"), "{err}");
    let err = load(&mut register, &format!("{header},actions\nC-1,kq,2022-01-03,esbjerg,email,borger,vejledning,teknik-miljoe,vejledt\n")).unwrap_err();
    assert_eq!(err.field(), Some("actions"), "{err}");
    assert!(register.is_empty());
    load(
        &mut register,
        &csv("C-1,kq,2022-01-03,esbjerg,email,borger,vejledning,teknik-miljoe\n"),
    )
    .unwrap();
    assert_eq!(register.len(), 1);
}

#[test]
fn year_statistics_follow_loads_erasures_and_rectifications() {
    use borgerraad_core::{sample, stats::Stats};
    let mut register = sample();
    let whole = |r: &Register, y: i32| {
        Stats::of(r.office(), r.iter())
            .unwrap()
            .year(y)
            .map(|s| s.summary())
            .ok()
    };
    assert_eq!(
        Some(register.stats().year(2021).unwrap().summary()),
        whole(&register, 2021)
    );
    let patch = serde_json::json!({"received": "2021-12-30", "closed": null, "actions": []});
    register
        .rectify(
            "EBJ-2022-0001",
            patch.as_object().unwrap(),
            "2023-01-02".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(register.stats().year(2021).unwrap().registrations(), 684);
    assert_eq!(
        register.stats().year(1999).unwrap_err().kind(),
        "RangeError"
    );
    let citizen = register.get("EBJ-2021-0001").unwrap().citizen.clone();
    register.erase(&citizen, "2023-01-02".parse().unwrap());
    for year in [2021, 2022] {
        assert_eq!(
            Some(register.stats().year(year).unwrap().summary()),
            whole(&register, year)
        );
    }
}

/// An input large enough to be parsed on several threads, with blank lines,
/// a bad line and duplicate ids in different parts: the result is that of
/// reading the lines one by one.
#[test]
fn a_large_input_loads_as_if_read_line_by_line() {
    let record = |n: usize, id: &str| {
        with(&format!(
            r#"{{"id":"{id}","citizen":"c{}","received":"2022-03-01"}}"#,
            (n % 26 + b'a' as usize) as u8 as char
        ))
    };
    // 30 000 lines of ~200 bytes: 6 MB, several parts.
    let n = 30_000;
    let mut lines: Vec<String> = (0..n).map(|i| record(i, &format!("L-{i}"))).collect();
    lines[10] = String::new(); // blank
    lines[5_000] = "{not json".into(); // bad
    lines[20_000] = record(20_000, "L-7"); // repeats line 8's id
    lines[29_999] = record(29_999, "L-20001"); // repeats the next-to-last part's id
    lines[29_998] = "   ".into(); // blank
    let text = lines.join("\n") + "\n";
    assert!(text.len() > 4 << 20);

    let (register, result) = load(&text, &LoadOptions::default());
    let err = result.unwrap_err();
    assert!(err.to_string().starts_with("in.jsonl:5001:"), "{err}");
    assert!(register.is_empty());

    let collect = LoadOptions {
        on_error: OnError::Collect,
        ..LoadOptions::default()
    };
    let (register, result) = load(&text, &collect);
    let rejected = result.unwrap();
    let lines_rejected: Vec<Option<u64>> = rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines_rejected, [Some(5001), Some(20001), Some(30000)]);
    assert_eq!(rejected[1].error.field(), Some("id"));
    assert_eq!(register.len(), n - 5);
    let want: Vec<String> = (0..n)
        .filter(|i| ![10, 5_000, 20_000, 29_998, 29_999].contains(i))
        .map(|i| format!("L-{i}"))
        .collect();
    let got: Vec<&str> = register.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(got, want);
    for id in ["L-0", "L-7", "L-20001", "L-29997"] {
        assert_eq!(register.get(id).map(|r| r.id.as_str()), Some(id));
    }
    assert!(register.get("L-10").is_none());
    assert_eq!(
        register.stats(),
        borgerraad_core::stats::Stats::of(register.office(), register.iter()).unwrap()
    );
}

/// The sample as columns in the Arrow layout: every column as text, or the
/// date columns as days since 1970-01-01 (Arrow `date32`).
struct Table {
    text: Vec<(Vec<i32>, Vec<u8>)>,
    days: Vec<(Vec<i32>, Vec<bool>)>,
}

impl Table {
    fn of_sample() -> Table {
        use borgerraad_core::bindings::{csv_cells, CSV_COLUMNS};
        let rows: Vec<_> = borgerraad_core::sample().iter().map(csv_cells).collect();
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let mut table = Table {
            text: Vec::new(),
            days: Vec::new(),
        };
        for c in 0..CSV_COLUMNS.len() {
            let (mut offsets, mut data) = (vec![0], Vec::new());
            let (mut days, mut valid) = (Vec::new(), Vec::new());
            for row in &rows {
                data.extend_from_slice(row[c].as_bytes());
                offsets.push(data.len() as i32);
                let day = row[c].parse::<chrono::NaiveDate>().ok();
                days.push(day.map_or(0, |d| (d - epoch).num_days() as i32));
                valid.push(day.is_some());
            }
            table.text.push((offsets, data));
            table.days.push((days, valid));
        }
        table
    }

    /// The columns, with those named in `as_days` as days.
    fn columns(&self, as_days: &[&str]) -> Vec<borgerraad_core::bindings::Column<'_>> {
        use borgerraad_core::bindings::{Cells, Column, CSV_COLUMNS};
        CSV_COLUMNS
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let cells = if as_days.contains(name) {
                    Cells::Days {
                        days: &self.days[c].0,
                        valid: Some(&self.days[c].1),
                    }
                } else {
                    Cells::Text {
                        offsets: &self.text[c].0,
                        data: &self.text[c].1,
                        valid: None,
                    }
                };
                Column { name, cells }
            })
            .collect()
    }
}

/// A new register with Esbjerg's taxonomy, loaded from `columns`.
fn load_table(
    columns: &[borgerraad_core::bindings::Column<'_>],
) -> borgerraad_core::Result<Register> {
    let mut register = Register::new(Profile::esbjerg());
    register
        .load_columns(columns, "table", &LoadOptions::default())
        .map(|_| register)
}

#[test]
fn date_columns_load_as_text_or_as_days() {
    use borgerraad_core::bindings::{Cells, CSV_COLUMNS};
    let table = Table::of_sample();
    let dates = ["received", "closed", "consent_given", "matter_date"];
    let as_text = load_table(&table.columns(&[])).unwrap();
    let as_days = load_table(&table.columns(&dates)).unwrap();
    assert_eq!(as_text.len(), borgerraad_core::sample().len());
    assert!(as_days.iter().eq(borgerraad_core::sample().iter()));
    assert!(as_text.iter().eq(as_days.iter()));
    // A column without nulls may leave out its validity.
    let received = CSV_COLUMNS.iter().position(|&c| c == "received").unwrap();
    let mut columns = table.columns(&dates);
    columns[received].cells = Cells::Days {
        days: &table.days[received].0,
        valid: None,
    };
    assert!(load_table(&columns).unwrap().iter().eq(as_days.iter()));

    // Days only where dates belong; a day beyond chrono's range; a column
    // of the wrong length.
    let err = load_table(&table.columns(&["id"])).unwrap_err();
    assert_eq!(err.kind(), "ParseError");
    assert!(err.to_string().contains("column `id` holds days"), "{err}");

    let mut far = Table::of_sample();
    far.days[2].0[3] = i32::MAX;
    let err = load_table(&far.columns(&dates)).unwrap_err();
    assert_eq!(
        (err.location().and_then(|at| at.line), err.field()),
        (Some(4), Some("received"))
    );
    assert!(err.to_string().contains("out of range"), "{err}");

    let mut short = Table::of_sample();
    short.days[3].1.pop();
    let err = load_table(&short.columns(&dates)).unwrap_err();
    assert!(
        err.to_string().contains("column `closed` is malformed"),
        "{err}"
    );
}

#[test]
fn text_with_64_bit_offsets_loads_like_text_with_32_bit_offsets() {
    use borgerraad_core::bindings::{Cells, Column};
    let table = Table::of_sample();
    let wide: Vec<Vec<i64>> = table
        .text
        .iter()
        .map(|(offsets, _)| offsets.iter().map(|&o| i64::from(o)).collect())
        .collect();
    fn large<'a>(table: &'a Table, wide: &'a [Vec<i64>]) -> Vec<Column<'a>> {
        table
            .columns(&[])
            .into_iter()
            .zip(wide)
            .map(|(c, offsets)| match c.cells {
                Cells::Text { data, .. } => Column {
                    name: c.name,
                    cells: Cells::LargeText {
                        offsets,
                        data,
                        valid: None,
                    },
                },
                _ => c,
            })
            .collect()
    }
    let register = load_table(&large(&table, &wide)).unwrap();
    assert!(register.iter().eq(borgerraad_core::sample().iter()));

    // Offsets that fall or point past the data are refused, not followed.
    for (row, offset) in [(5, 1), (0, -1), (3815, i64::MAX)] {
        let mut bad = wide.clone();
        bad[0][row] = offset;
        let err = load_table(&large(&table, &bad)).unwrap_err();
        assert!(
            err.to_string().contains("column `id` is malformed"),
            "{err}"
        );
    }
}

#[test]
fn text_cells_marked_invalid_are_missing_values_whatever_bytes_they_hold() {
    use borgerraad_core::bindings::{Cells, Column, CSV_COLUMNS};
    // Each text column as Arrow may hold it with nulls: a missing cell is
    // marked invalid, and the bytes under it are not defined (here: junk).
    let junk = "not a code; 010190-1234";
    let table = Table::of_sample();
    let mut nullable = Vec::new();
    for (offsets, data) in &table.text {
        let (mut out, mut bytes, mut valid) = (vec![0], Vec::new(), Vec::new());
        for w in offsets.windows(2) {
            let cell = &data[w[0] as usize..w[1] as usize];
            valid.push(!cell.is_empty());
            bytes.extend_from_slice(if cell.is_empty() {
                junk.as_bytes()
            } else {
                cell
            });
            out.push(bytes.len() as i32);
        }
        nullable.push((out, bytes, valid));
    }
    let columns = |valid_len: usize| -> Vec<Column<'_>> {
        CSV_COLUMNS
            .iter()
            .zip(&nullable)
            .map(|(name, (offsets, data, valid))| Column {
                name,
                cells: Cells::Text {
                    offsets,
                    data,
                    valid: Some(&valid[..valid_len]),
                },
            })
            .collect()
    };
    let rows = borgerraad_core::sample().len();
    let register = load_table(&columns(rows)).unwrap();
    assert!(register.iter().eq(borgerraad_core::sample().iter()));

    let err = load_table(&columns(rows - 1)).unwrap_err();
    assert!(
        err.to_string().contains("column `id` is malformed"),
        "{err}"
    );
}

#[test]
fn lists_longer_than_a_record_holds_inline_survive_every_format() {
    // A record keeps one topic and two actions in itself; these have more.
    let line = with(
        r#"{"topics":["sygedagpenge","jobafklaring","ressourceforloeb"],
            "actions":[{"kind":"vejledt","date":"2022-03-01"},
                       {"kind":"klagehjaelp","date":"2022-03-02"},
                       {"kind":"dialogmoede","date":"2022-03-04"}]}"#,
    );
    let (register, result) = load(&line, &LoadOptions::default());
    result.unwrap();
    let inquiry = register.iter().next().unwrap();
    assert_eq!(
        inquiry.topics.as_slice(),
        ["sygedagpenge", "jobafklaring", "ressourceforloeb"]
    );
    let actions: Vec<_> = inquiry
        .actions
        .iter()
        .map(|a| (a.kind.as_str(), a.date.to_string()))
        .collect();
    assert_eq!(
        actions,
        [
            ("vejledt", "2022-03-01".to_string()),
            ("klagehjaelp", "2022-03-02".to_string()),
            ("dialogmoede", "2022-03-04".to_string()),
        ]
    );

    let mut csv = Vec::new();
    register.write_csv(&mut csv).unwrap();
    let mut back = Register::new(Profile::esbjerg());
    back.load_csv(&csv, "back.csv", &LoadOptions::default())
        .unwrap();
    assert!(back.iter().eq(register.iter()));
    let mut jsonl = Vec::new();
    back.write_jsonl(&mut jsonl).unwrap();
    let value = |text: &[u8]| serde_json::from_slice::<serde_json::Value>(text).unwrap();
    assert_eq!(value(&jsonl), value(line.as_bytes()));
}

#[test]
fn a_cell_that_is_not_utf8_is_named_by_row_column_and_record() {
    use borgerraad_core::bindings::CSV_COLUMNS;
    let mut table = Table::of_sample();
    let category = CSV_COLUMNS.iter().position(|&c| c == "category").unwrap();
    // Row 300: past the first block of rows read together.
    let (offsets, data) = &mut table.text[category];
    data[offsets[299] as usize] = 0xff;
    let err = load_table(&table.columns(&[])).unwrap_err();
    let id = borgerraad_core::sample()
        .iter()
        .nth(299)
        .unwrap()
        .id
        .to_string();
    assert_eq!(err.kind(), "ParseError");
    assert_eq!(err.field(), Some("category"));
    let at = err.location().unwrap();
    assert_eq!(
        (at.line, at.record.as_deref()),
        (Some(300), Some(id.as_str()))
    );
    assert!(err.to_string().contains("invalid UTF-8"), "{err}");
}

/// In collect mode a malformed row costs that row only: 999 rows, the third
/// with a field too many (CSV) or broken JSON (JSON Lines), keep 998.
#[test]
fn a_malformed_row_costs_that_row_only_when_collecting() {
    let collect = LoadOptions {
        on_error: OnError::Collect,
        ..LoadOptions::default()
    };
    let mut csv =
        String::from("id,citizen,received,municipality,channel,requester,kind,category\n");
    let mut jsonl = String::new();
    for i in 1..=999 {
        let extra = if i == 3 { ",surplus" } else { "" };
        csv += &format!(
            "C-{i},kqzv,2022-03-01,esbjerg,email,borger,vejledning,teknik-miljoe{extra}\n"
        );
        jsonl += &match i {
            3 => "{\"id\": \"C-3\",\n".to_string(),
            _ => with(&format!(r#"{{"id":"C-{i}"}}"#)) + "\n",
        };
    }
    let mut register = Register::new(Profile::esbjerg());
    let rejected = register
        .load_csv(csv.as_bytes(), "in.csv", &collect)
        .unwrap();
    assert_eq!(register.len(), 998);
    assert_eq!(rejected.len(), 1);
    // The header is line 1, so the third row is line 4.
    assert_eq!(rejected[0].line, Some(4));
    assert!(register.get("C-999").is_some());
    let (register, rejected) = load(&jsonl, &collect);
    assert_eq!((register.len(), rejected.unwrap()[0].line), (998, Some(3)));
}

/// A load over its memory budget is a `RangeError` before anything is read,
/// whatever `on_error` says; under it, the load goes on.
#[test]
fn a_load_over_its_memory_budget_is_a_range_error() {
    let text = format!("{OK}\n{}\n", "\n".repeat(1_000_000));
    // 1 000 187 bytes hold at most 1 000 187 / 128 + 1 = 7 814 records.
    let most = 7_814 * Register::BYTES_PER_RECORD;
    for on_error in [OnError::Raise, OnError::Collect] {
        let options = |budget| LoadOptions {
            on_error,
            memory_budget: Some(budget),
            ..LoadOptions::default()
        };
        let (register, result) = load(&text, &options(most - 1));
        assert_eq!(result.unwrap_err().kind(), "RangeError");
        assert!(register.is_empty());
        let (register, result) = load(&text, &options(most));
        assert!(result.is_ok());
        assert_eq!(register.len(), 1);
    }
}

/// Cells a spreadsheet would run as formulas (OWASP: starting with `=`, `+`,
/// `-`, `@`, tab or carriage return) are written with a leading `'`, and
/// the reader gives the values back unchanged.
#[test]
fn csv_output_is_safe_for_spreadsheets_and_reads_back() {
    let jsonl = [
        with(r#"{"id":"=1+2","citizen":"@kqzv","topics":["-gaeld","x"]}"#),
        with(r#"{"id":"+A-2","citizen":"'=zq"}"#),
        with(r#"{"id":"A-3","citizen":"'plain"}"#),
    ]
    .join("\n");
    let (register, result) = load(&jsonl, &LoadOptions::default());
    result.unwrap();
    let mut csv = Vec::new();
    register.write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    // Written by hand from the rule: a `'` before each formula-like cell.
    assert_eq!(&rows[0][..2], ["'=1+2", "'@kqzv"]);
    assert_eq!(rows[0][11], "'-gaeld;x");
    assert_eq!(&rows[1][..2], ["'+A-2", "''=zq"]);
    assert_eq!(&rows[2][..2], ["A-3", "'plain"]);
    for row in &rows {
        assert!(row
            .iter()
            .all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])));
    }
    let mut again = Register::new(Profile::esbjerg());
    again
        .load_csv(csv.as_bytes(), "out.csv", &LoadOptions::default())
        .unwrap();
    assert_eq!(again.inquiries(), register.inquiries());
}

/// Crafted statistics documents are refused with a `ParseError` naming the
/// fault; merging never panics, and an overflow is a `RangeError` that
/// leaves the statistics as they were.
#[test]
fn crafted_statistics_are_refused_and_merging_never_panics() {
    use borgerraad_core::{bindings::from_json, stats::Stats};
    let stats = borgerraad_core::sample().stats();
    let good = serde_json::to_value(&stats).unwrap();
    assert_eq!(
        from_json::<Stats>(&good.to_string(), "stats").unwrap(),
        stats
    );
    let crafted = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut doc = good.clone();
        edit(&mut doc);
        from_json::<Stats>(&doc.to_string(), "stats")
    };
    // The issue's crash: the statistics under 2021 are of 2022.
    let moved = crafted(&|d| d["years"]["2021"] = d["years"]["2022"].clone());
    assert_eq!(moved.unwrap_err().kind(), "ParseError");
    let huge = crafted(&|d| d["years"]["2022"]["months"][0] = u64::MAX.into());
    assert!(huge.unwrap_err().to_string().contains("64 bits"));
    let uneven = crafted(&|d| d["years"]["2022"]["kinds"]["klage"] = 0.into());
    assert!(uneven
        .unwrap_err()
        .to_string()
        .contains("kinds do not add up"));
    let cpr = crafted(&|d| {
        let year = &mut d["years"]["2022"];
        let categories = year["categories"].as_object_mut().unwrap();
        let (k, v) = categories
            .iter()
            .next()
            .map(|(k, v)| (k.clone(), v.clone()))
            .unwrap();
        categories.remove(&k);
        categories.insert("010190-1234".into(), v);
    });
    let err = cpr.unwrap_err();
    assert!(!err.to_string().contains("0190"), "{err}");

    // Two halves of u64::MAX registrations in January merge to an overflow.
    let one = |n: u64| {
        let mut doc = good.clone();
        let y = doc["years"]["2022"].as_object_mut().unwrap();
        let mut months = vec![0u64; 12];
        months[0] = n;
        y.insert("months".into(), months.into());
        for (field, code) in [
            ("kinds", "vejledning"),
            ("requesters", "borger"),
            ("channels", "telefon"),
            ("outcomes", "afklaret"),
        ] {
            y.insert(field.into(), serde_json::json!({ code: n }));
        }
        y.insert("categories".into(), serde_json::json!({"teknik-miljoe": n}));
        y.insert("citizens".into(), serde_json::json!([]));
        for field in [
            "sites",
            "forwarded",
            "referred",
            "also_areas",
            "also_departments",
        ] {
            y.insert(field.into(), serde_json::json!({}));
        }
        y.insert("days_open".into(), serde_json::json!([]));
        doc["years"] = serde_json::json!({"2022": y.clone()});
        doc
    };
    // Citizens must add up to the registrations: one citizen with n.
    let with_citizen = |n: u64| {
        let mut doc = one(n);
        doc["years"]["2022"]["citizens"] = serde_json::json!([[7, n]]);
        from_json::<Stats>(&doc.to_string(), "stats").unwrap()
    };
    let mut a = with_citizen(u64::from(u32::MAX));
    let before = a.clone();
    let b = with_citizen(1);
    assert_eq!(a.merge(&b).unwrap_err().kind(), "RangeError");
    assert_eq!(a, before, "a failed merge changes nothing");
}

proptest::proptest! {
    /// Collect mode over CSV rows of known kinds (the property form of the
    /// `csv_collect` fuzz target): each malformed or invalid row is
    /// rejected on its own line, every valid row is kept, and what is kept
    /// is written as CSV and read back equal.
    #[test]
    fn collecting_csv_keeps_exactly_the_valid_rows(kinds in proptest::collection::vec(0..5usize, 0..40)) {
        let collect = LoadOptions { on_error: OnError::Collect, ..LoadOptions::default() };
        let mut csv = String::from("id,citizen,received,municipality,channel,requester,kind,category\n");
        let (mut kept, mut bad) = (Vec::new(), Vec::new());
        // The header is line 1.
        for (i, kind) in kinds.iter().enumerate() {
            let line = i as u64 + 2;
            let row = |received: &str, tail: &str| {
                format!("C-{i},kqzv,{received},esbjerg,email,borger,vejledning{tail}\n")
            };
            csv += &match kind {
                0 => row("2022-03-01", ",teknik-miljoe"),
                1 => row("2022-03-01", ",teknik-miljoe,surplus"), // a field too many
                2 => row("2022-02-30", ",teknik-miljoe"),         // no such day
                3 => row("2022-03-01", ""),                       // a field too few
                _ => row("2022-03-01", ",no-such-category"),      // not in the taxonomy
            };
            match kind {
                0 => kept.push(format!("C-{i}")),
                _ => bad.push(Some(line)),
            }
        }
        let mut register = Register::new(Profile::esbjerg());
        if kinds.is_empty() {
            // A header alone cannot be read at all: an error on line 1,
            // also when collecting.
            let err = register.load_csv(csv.as_bytes(), "in.csv", &collect).unwrap_err();
            proptest::prop_assert_eq!(err.location().and_then(|l| l.line), Some(1));
            return Ok(());
        }
        let rejected = register.load_csv(csv.as_bytes(), "in.csv", &collect).unwrap();
        let ids: Vec<String> = register.iter().map(|r| r.id.to_string()).collect();
        proptest::prop_assert_eq!(ids, kept);
        let lines: Vec<Option<u64>> = rejected.iter().map(|r| r.line).collect();
        proptest::prop_assert_eq!(lines, bad);
        // (An empty register writes a header alone, which is refused.)
        if !register.is_empty() {
            let mut out = Vec::new();
            register.write_csv(&mut out).unwrap();
            let mut back = Register::new(Profile::esbjerg());
            back.load_csv(&out, "out.csv", &LoadOptions::default()).unwrap();
            proptest::prop_assert_eq!(back.inquiries(), register.inquiries());
        }
    }
}

/// Records read by one piece of a load share one copy of a long code: the
/// sample's Borgerservice category is one text in memory.
#[test]
fn records_read_by_one_piece_share_their_long_codes() {
    let long = "borger-arbejdsmarked/borgerservice/oekonomisk-hjaelp";
    let mut jsonl = Vec::new();
    borgerraad_core::sample().write_jsonl(&mut jsonl).unwrap();
    let mut register = Register::new(Profile::esbjerg());
    register
        .load_jsonl(&jsonl, "sample.jsonl", &LoadOptions::default())
        .unwrap();
    let categories: std::collections::HashSet<*const u8> = register
        .iter()
        .filter(|i| i.category == long)
        .map(|i| i.category.as_ptr())
        .collect();
    assert_eq!(
        categories.len(),
        1,
        "the sample's records share the category"
    );
}
