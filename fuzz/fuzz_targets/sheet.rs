#![no_main]
//! The sheet floor (`sheet::read`: sniffing, CSV encodings and
//! separators, workbooks through calamine): never a panic. A sheet read
//! has one cell per header in every row, and its rows and the rows set
//! aside are numbered below the header, strictly ascending.
use borgerraad_core::sheet::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sheet::sniff("fuzz.csv", data);
    for options in [
        Options::default(),
        Options {
            header_row: Some(2),
            ..Options::default()
        },
    ] {
        let Ok(s) = sheet::read("fuzz.csv", data, &options) else {
            continue;
        };
        if let Some(h) = options.header_row {
            assert_eq!(s.header_row, h);
        }
        let mut last = s.header_row;
        for r in &s.rows {
            assert_eq!(r.cells.len(), s.headers.len());
            assert!(r.row > last, "row {} after row {last}", r.row);
            last = r.row;
            for (c, cell) in r.cells.iter().enumerate() {
                let _ = cell.date();
                let _ = s.at(r.row, Some(c)).to_string();
            }
        }
        let mut last = s.header_row;
        for k in &s.skipped {
            assert!(k.row > last, "skipped row {} after row {last}", k.row);
            last = k.row;
        }
    }
});
