//! One load, for counting the instructions it executes (wall time on a
//! shared machine is too noisy to compare small changes):
//!
//! ```text
//! make count        # callgrind: runs this with 0 and 1 loads, prints the difference
//! ```
//!
//! Arguments: `jsonl`, `columns` (all text) or `days` (columns with the
//! dates as Arrow `date32` days, as from Python), the number of records,
//! the number of loads. `stats` counts `Stats::of` over a register of
//! that many records as many times instead.

mod data;

use borgerraad_core::{stats::Stats, LoadOptions, Profile, Register};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: usize| args.get(i).map_or(default, |s| s.parse().unwrap());
    let (records, loads) = (data::synthetic(arg(1, 100_000)), arg(2, 1));
    let options = LoadOptions::default();
    match args.first().map(String::as_str) {
        Some("jsonl") => {
            let bytes = data::jsonl(records);
            for _ in 0..loads {
                let mut register = Register::new(Profile::esbjerg());
                register
                    .load_jsonl(&bytes, "bench.jsonl", &options)
                    .unwrap();
            }
        }
        Some(format @ ("columns" | "days")) => {
            let owned = data::text_columns(&records);
            let days = data::day_columns(&records);
            let columns = match format {
                "days" => data::columns_with_days(&owned, &days),
                _ => data::columns(&owned),
            };
            for _ in 0..loads {
                let mut register = Register::new(Profile::esbjerg());
                register.load_columns(&columns, "bench", &options).unwrap();
            }
        }
        Some("stats") => {
            let mut register = Register::new(Profile::esbjerg());
            register.extend(records, &options).unwrap();
            for _ in 0..loads {
                Stats::of(register.office(), register.inquiries()).unwrap();
            }
        }
        _ => panic!("usage: load_once jsonl|columns|days|stats [records] [loads]"),
    }
}
