//! The office's own register: sheets written here (a Windows-1252 `;` CSV)
//! or by `tests/fixtures/gen/import_sheet.py` (a small workbook), loaded
//! with the shipped Esbjerg profile's import section. Every expected value
//! is worked out by hand from what was written.

use borgerraad_core::import::{self, ImportOptions};
use borgerraad_core::{LoadOptions, OnError, Profile, Pseudonymizer, Register};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn collect() -> ImportOptions {
    ImportOptions {
        load: LoadOptions {
            on_error: OnError::Collect,
            ..LoadOptions::default()
        },
        ..ImportOptions::default()
    }
}

/// Text as Excel's "CSV (semikolonsepareret)" writes it on a Danish
/// Windows: Windows-1252, CRLF.
fn cp1252(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n")
        .chars()
        .map(|c| match c {
            'æ' => 0xE6,
            'ø' => 0xF8,
            'å' => 0xE5,
            'Æ' => 0xC6,
            'Ø' => 0xD8,
            'Å' => 0xC5,
            c if c.is_ascii() => c as u8,
            c => panic!("not in the test's Windows-1252 table: {c}"),
        })
        .collect()
}

const DANISH_CSV: &str = "\
Løbenr.;Dato;Borger;Kanal;Henvender;Type;Område;Afdeling;Henvist til
1;03-01-2022;AB;Telefon;Borger;Vejledning;Borger og Arbejdsmarked;Jobcenter;
2;4.1.2022;kx1;Mail;Pårørende;Klage;Børn og Kultur;Skole;
3;05.01.22;kx2;E-mail;borger;Vejvisning;Uden for borgerrådgiverens område;Alvorlige pengeproblemer;Gældsrådgivning
4;2022-01-06;kx3;Brev;Borger;Videresendelse;Borger & Arbejdsmarked;Borgerservice;
5;07-01-2022;kx4;Fax;Borger;Vejledning;Teknik & Miljø;;
;;;;;;;;
I alt;;;;;;;;5
";

#[test]
fn a_windows_1252_semicolon_csv_loads_with_danish_headers_and_labels() {
    let bytes = cp1252(DANISH_CSV);
    let profile = Profile::esbjerg();
    let (register, report) = import::load(&bytes, "register.csv", &profile, &collect()).unwrap();
    assert_eq!(register.len(), 4);
    let r = |id: &str| register.get(id).unwrap();
    // Line 2: dd-mm-yyyy; "og" for "&" in the area's label.
    assert_eq!(r("1").received, day(2022, 1, 3));
    assert_eq!(r("1").channel.as_str(), "telefon");
    assert_eq!(r("1").requester.as_str(), "borger");
    assert_eq!(r("1").kind.as_str(), "vejledning");
    assert_eq!(r("1").category, "borger-arbejdsmarked/jobcenter");
    // The profile's default municipality.
    assert_eq!(r("1").municipality, "esbjerg");
    assert_eq!(r("1").referral, None);
    // Line 3: d.m.yyyy; the alias "Mail"; the label "Pårørende".
    assert_eq!(r("2").received, day(2022, 1, 4));
    assert_eq!(r("2").channel.as_str(), "email");
    assert_eq!(r("2").requester.as_str(), "paaroerende");
    assert_eq!(r("2").category, "boern-kultur/skole");
    // Line 4: dd.mm.yy; a referral destination with the statute's basis.
    assert_eq!(r("3").received, day(2022, 1, 5));
    assert_eq!(r("3").channel.as_str(), "email");
    assert_eq!(r("3").category, "udenfor-omraade/gaeld");
    let referral = r("3").referral.as_ref().unwrap();
    assert_eq!(
        (referral.to.as_str(), referral.basis.as_str()),
        ("gaeldsraadgivning", "vedtaegt")
    );
    // Line 5: a forwarding (by letter) goes to its category under fvl. § 7, stk. 2.
    let referral = r("4").referral.as_ref().unwrap();
    assert_eq!(
        (referral.to.as_str(), referral.basis.as_str()),
        ("borger-arbejdsmarked/borgerservice", "fvl-7-2")
    );
    // Line 6: "Fax" is no channel.
    assert_eq!(report.format, "csv");
    assert_eq!(report.header_row, Some(1));
    assert_eq!(report.rows, 5);
    assert_eq!(report.loaded, 4);
    assert_eq!(report.unmapped.len(), 1);
    let fax = &report.unmapped[0];
    assert_eq!(
        (fax.column.as_str(), fax.field.as_str()),
        ("Kanal", "channel")
    );
    assert_eq!(
        (fax.value.as_str(), fax.count, fax.rows.as_slice()),
        ("Fax", 1, &[6][..])
    );
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].row, Some(6));
    assert_eq!(report.rejected[0].column.as_deref(), Some("Kanal"));
    assert_eq!(
        report.reasons[0].reason,
        "\"Kanal\": a value that is not a channel"
    );
    // Line 7 blank, line 8 the total.
    let skipped: Vec<(u64, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert_eq!(skipped, [(7, "blank row"), (8, "total row (\"I alt\")")]);
    // One key of two letters (AB).
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].starts_with("1 rows have a citizen key that looks like initials"));
}

#[test]
fn all_or_nothing_fails_at_the_cell_in_the_sheets_terms() {
    let bytes = cp1252(DANISH_CSV);
    let err = import::load(
        &bytes,
        "register.csv",
        &Profile::esbjerg(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "ParseError");
    assert_eq!(err.field(), Some("channel"));
    assert_eq!(
        err.to_string(),
        "register.csv, line 6, column \"Kanal\": field `channel`: `Fax` is not a channel: not a code, a label or an alias in the profile's import section"
    );
}

#[test]
fn a_workbook_with_a_title_row_and_a_mixed_citizen_column() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/import/register.xlsx"
    );
    let bytes = std::fs::read(path).unwrap();
    let profile = Profile::esbjerg();

    // Without a pseudonymizer the two CPR cells (rows 4 and 5) are refused.
    let report = import::check(&bytes, "register.xlsx", &profile, &collect()).unwrap();
    assert_eq!(report.format, "xlsx");
    assert_eq!(report.sheet.as_deref(), Some("2022"));
    assert_eq!(
        report.header_row,
        Some(2),
        "the title in row 1 is passed over"
    );
    assert_eq!((report.rows, report.loaded), (6, 2));
    let rejected: Vec<(Option<u64>, Option<&str>)> = report
        .rejected
        .iter()
        .map(|r| (r.row, r.column.as_deref()))
        .collect();
    assert_eq!(
        rejected,
        [
            (Some(4), Some("Borger")),
            (Some(5), Some("Borger")),
            (Some(8), Some("Modtaget")),
            (Some(9), Some("Kanal")),
        ]
    );
    assert_eq!(
        report.rejected[0].message,
        "register.xlsx, sheet \"2022\", row 4, column \"Borger\" (C): field `citizen`: a CPR number; the register never holds one: give a pseudonymizer (a secret) to turn it into a key"
    );
    // The ambiguous date 01/02/03 is refused, never guessed.
    assert!(report.rejected[2]
        .message
        .contains("column \"Modtaget\" (B)"));
    assert_eq!(
        report.reasons[0].reason,
        "\"Borger\": a CPR number without a pseudonymizer"
    );
    assert_eq!(
        (report.reasons[0].count, report.reasons[0].rows.as_slice()),
        (2, &[4, 5][..])
    );
    let noter = report.columns.iter().find(|c| c.header == "Noter").unwrap();
    assert_eq!(noter.field, None, "free text is not read");
    // No report or error holds the number, in any form.
    let text = format!("{report}{report:?}");
    for form in ["0101901234", "101901234", "010190"] {
        assert!(!text.contains(form), "{form}");
    }

    // With one, both CPR cells (the text and the number Excel dropped the
    // leading zero of) become the same key: HMAC-SHA256 with the secret
    // over the ten digits, the first 16 bytes as letters a-p (computed with
    // Python's hmac module, outside this library).
    let mut options = collect();
    options.load.pseudonymizer = Some(Pseudonymizer::new(b"0123456789abcdef0123").unwrap());
    let (register, report) = import::load(&bytes, "register.xlsx", &profile, &options).unwrap();
    assert_eq!(register.len(), 4);
    let key = "ojbgenngajnpdhbccmigkljkgjchblhf";
    assert_eq!(register.get("102").unwrap().citizen, key);
    assert_eq!(register.get("103").unwrap().citizen, key);
    assert_eq!(register.get("101").unwrap().citizen, "AB");
    // Row 3: Excel date cells; a topic from its label.
    let r101 = register.get("101").unwrap();
    assert_eq!(
        (r101.received, r101.closed),
        (day(2022, 3, 1), Some(day(2022, 3, 4)))
    );
    assert_eq!(r101.topics.as_slice(), ["sygedagpenge"]);
    // Row 4: "og" for "&".
    assert_eq!(
        register.get("102").unwrap().category,
        "fritid-sundhed-omsorg/visitation"
    );
    // Row 6: a date typed as text; a label with a trailing space.
    let r104 = register.get("104").unwrap();
    assert_eq!(r104.received, day(2022, 3, 3));
    assert_eq!(r104.channel.as_str(), "telefon");
    assert_eq!(r104.category, "udenfor-omraade/lejeret");
    let skipped: Vec<u64> = report.skipped.iter().map(|s| s.row).collect();
    assert_eq!(skipped, [7, 10]);
    // AB and KLM; xq7 and xq8 are not letters only.
    assert!(report.warnings[0].starts_with("2 rows have a citizen key that looks like initials"));
    // The statistics count one citizen for the two CPR cells.
    assert_eq!(register.iter().filter(|i| i.citizen == key).count(), 2);
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_even_when_collecting() {
    let profile = Profile::esbjerg();
    let err = import::check(b"%PDF-1.7", "register.pdf", &profile, &collect()).unwrap_err();
    assert!(
        err.to_string().starts_with("register.pdf: a PDF document"),
        "{err}"
    );
    // A header without the required fields.
    let err = import::check(b"Nr;Noter\n1;x\n", "r.csv", &profile, &collect()).unwrap_err();
    assert_eq!(err.field(), Some("received"));
    assert!(
        err.to_string().contains("no column gives `received`"),
        "{err}"
    );
    // The record loaders too: a header alone, or no record at all.
    let mut register = Register::new(profile.clone());
    let options = collect().load;
    let err = register
        .load_csv(b"id,citizen\n", "e.csv", &options)
        .unwrap_err();
    assert_eq!(err.kind(), "ParseError");
    let err = register
        .load_jsonl(b"\n\n", "x.jsonl", &options)
        .unwrap_err();
    assert_eq!(err.kind(), "ParseError");
    assert!(register.is_empty());
}

#[test]
fn two_columns_for_one_field_are_an_error_at_the_header() {
    let csv = "Dato;Modtaget;Borger;Kanal;Henvender;Type;Område\n03-01-2022;03-01-2022;ab;Telefon;Borger;Klage;Teknik & Miljø\n";
    let err = import::check(csv.as_bytes(), "r.csv", &Profile::esbjerg(), &collect()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "r.csv, line 1, column \"Modtaget\": this column and column \"Dato\" both give the field `received`; keep one, or name one in the profile's import section"
    );
}

#[test]
fn json_lines_and_the_record_csv_load_as_before() {
    let profile = Profile::esbjerg();
    let jsonl = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/esbjerg-2017-2022.jsonl"
    ))
    .unwrap();
    let (register, report) =
        import::load(&jsonl, "e.jsonl", &profile, &ImportOptions::default()).unwrap();
    let direct = Register::read_jsonl(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/esbjerg-2017-2022.jsonl"
        ),
        profile.clone(),
    )
    .unwrap();
    assert_eq!(register.inquiries(), direct.inquiries());
    assert_eq!(
        (report.format.as_str(), report.loaded),
        ("jsonl", direct.len() as u64)
    );
    let mut csv = Vec::new();
    direct.write_csv(&mut csv).unwrap();
    let (register, report) =
        import::load(&csv, "e.csv", &profile, &ImportOptions::default()).unwrap();
    assert_eq!(register.inquiries(), direct.inquiries());
    assert_eq!(report.format, "csv");
}

#[test]
fn the_import_section_is_checked_with_its_json_path() {
    let mut v: serde_json::Value = serde_json::to_value(Profile::esbjerg().def()).unwrap();
    v["import"]["columns"]["cpr_nummer"] = serde_json::json!(["CPR"]);
    let err = Profile::from_json_str(&v.to_string(), "p.json").unwrap_err();
    assert_eq!(err.kind(), "ConfigError");
    assert_eq!(err.field(), Some("import.columns.cpr_nummer"));
    let mut v: serde_json::Value = serde_json::to_value(Profile::esbjerg().def()).unwrap();
    v["import"]["defaults"]["channel"] = "Telefon".into();
    let err = Profile::from_json_str(&v.to_string(), "p.json").unwrap_err();
    assert_eq!(err.field(), Some("import.defaults.channel"));
    let mut v: serde_json::Value = serde_json::to_value(Profile::esbjerg().def()).unwrap();
    v["import"]["words"]["og"] = "0101901234".into();
    let err = Profile::from_json_str(&v.to_string(), "p.json").unwrap_err();
    assert_eq!(err.field(), Some("import.words.og"));
    assert!(!err.to_string().contains("0101901234"), "{err}");
}

#[test]
fn an_office_names_its_own_headers_values_defaults_rows_to_skip_and_bases() {
    let mut v: serde_json::Value = serde_json::to_value(Profile::esbjerg().def()).unwrap();
    let import = &mut v["import"];
    import["columns"]["requester"] = serde_json::json!(["Hvem"]);
    import["columns"]["category"] = serde_json::json!(["Sagsområde"]);
    import["values"]["category"] = serde_json::json!({"Job": "borger-arbejdsmarked/jobcenter"});
    import["values"]["referral"] = serde_json::json!({"Gæld": "gaeldsraadgivning"});
    import["defaults"]["kind"] = "vejledning".into();
    import["skip"] = serde_json::json!({"Status": ["Annulleret", "Dublet"]});
    import["derive"] = serde_json::json!({"referral_basis": "serviceloven"});
    let profile = Profile::from_json_str(&v.to_string(), "office.json").unwrap();
    let csv = "\
Journal,Modtaget,Borger,Kanal,Hvem,Sagsområde,Henvist til,Status,Type
a1,03-01-2022,kx1,Telefon,Pårørende,Job,,,
a2,03-01-2022,kx2,Telefon,Borger,Jobcenter,Gæld,, Klage
a3,03-01-2022,kx3,Telefon,Borger,Job,,annulleret ,
a4,03-01-2022,kx4,Telefon,Borger,Job,,Dublet,
";
    let (register, report) =
        import::load(csv.as_bytes(), "office.csv", &profile, &collect()).unwrap();
    // "Journal" names no field: each record's id is its row.
    let ids: Vec<&str> = register.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["row-2", "row-3"]);
    let (a1, a2) = (
        register.get("row-2").unwrap(),
        register.get("row-3").unwrap(),
    );
    assert_eq!(a1.requester.as_str(), "paaroerende");
    assert_eq!(a1.category, "borger-arbejdsmarked/jobcenter"); // the alias "Job"
    assert_eq!(a1.kind.as_str(), "vejledning"); // the default, for an empty cell
    assert_eq!(a2.kind.as_str(), "klage");
    assert_eq!(a2.category, "borger-arbejdsmarked/jobcenter"); // the label
    let referral = a2.referral.as_ref().unwrap();
    assert_eq!(
        (referral.to.as_str(), referral.basis.as_str()),
        ("gaeldsraadgivning", "serviceloven")
    );
    let skipped: Vec<(u64, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (4, "skipped by the profile: \"Status\" is \"annulleret\""),
            (5, "skipped by the profile: \"Status\" is \"Dublet\""),
        ]
    );
    assert_eq!(report.rows, 2);
    let nr = report
        .columns
        .iter()
        .find(|c| c.header == "Journal")
        .unwrap();
    assert_eq!(nr.field, None);
}

/// A UTF-8 sheet where one citizen's key is typed once composed ("å",
/// U+00E5) and once decomposed ("a" + U+030A, as a Mac may type it), and
/// with spaces around: one citizen, as on every other way in.
#[test]
fn a_citizen_key_typed_two_ways_in_a_sheet_is_one_citizen() {
    let sheet = "\
Løbenr.;Dato;Borger;Kanal;Henvender;Type;Område;Afdeling
1;03-01-2022;Åse-\u{e5}1;Telefon;Borger;Vejledning;Teknik & Miljø;
2;04-01-2022; Åse-a\u{30a}1 ;Telefon;Borger;Vejledning;Teknik & Miljø;
";
    let profile = Profile::esbjerg();
    let (register, _) = import::load(
        sheet.as_bytes(),
        "register.csv",
        &profile,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(register.len(), 2);
    let summary = register.stats().year(2022).unwrap().summary();
    assert_eq!((summary.registrations, summary.distinct_citizens), (2, 1));
    assert_eq!(register.subject_access("Åse-\u{e5}1").len(), 2);
}
