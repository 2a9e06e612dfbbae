//! Reading sheets, for `benches/sheet.py`, which times pandas on the same
//! files in the same run and prints the ratios (`make sheet-bench`).
//!
//! Arguments: the files. For each it prints `<file> <seconds> <rows>`: the
//! best of three reads (`sheet::open`), and the rows of data read; then
//! `<file> import <seconds> <records>`: the best of three loads into a
//! register (`import::load` with the Esbjerg profile: the read, the
//! mapping of every cell, validation and the register's indexes), and the
//! records loaded.

use std::time::Instant;

use borgerraad_core::import::{self, ImportOptions};
use borgerraad_core::sheet::{self, Options};
use borgerraad_core::Profile;

fn main() {
    // `cargo bench` adds `--bench`.
    for file in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let path = std::path::Path::new(&file);
        let mut best = f64::INFINITY;
        let mut rows = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let read = sheet::open(path, &Options::default()).unwrap();
            best = best.min(start.elapsed().as_secs_f64());
            rows = read.rows.len();
        }
        println!("{file} {best:.4} {rows}");
        let bytes = std::fs::read(path).unwrap();
        let profile = Profile::esbjerg();
        let (mut best, mut records) = (f64::INFINITY, 0);
        for _ in 0..3 {
            let start = Instant::now();
            let (register, _) =
                import::load(&bytes, &file, &profile, &ImportOptions::default()).unwrap();
            best = best.min(start.elapsed().as_secs_f64());
            records = register.len();
        }
        println!("{file} import {best:.4} {records}");
    }
}
