//! Criterion benchmarks: `cargo bench -p borgerraad-core --bench core`.
//! Figures and the machine are recorded in BENCHMARKS.md.

mod data;

use borgerraad_core::calendar::Calendar;
use borgerraad_core::sample;
use borgerraad_core::{stats::Stats, LoadOptions, Profile, Register, Rejected};
use chrono::{Duration, NaiveDate};
use criterion::measurement::WallTime;
use criterion::{
    black_box, criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, Throughput,
};
use data::synthetic;

fn statistics(c: &mut Criterion) {
    let mut group = c.benchmark_group("year_statistics");
    group.sample_size(10);
    for n in [1_000_000usize, 10_000_000] {
        let mut register = Register::new(Profile::esbjerg());
        register
            .extend(synthetic(n), &LoadOptions::default())
            .unwrap();
        group.throughput(Throughput::Elements(n as u64));
        // Once loaded: the register counts from its compact column.
        group.bench_function(format!("register_{}M", n / 1_000_000), |b| {
            b.iter(|| black_box(&register).stats())
        });
        // From records: any iterator of inquiries.
        group.bench_function(format!("records_{}M", n / 1_000_000), |b| {
            b.iter(|| Stats::of(register.office(), black_box(register.inquiries())).unwrap())
        });
    }
    group.finish();
}

fn jsonl_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("jsonl_load");
    group.sample_size(10);
    for n in [200_000usize, 1_000_000] {
        let bytes = data::jsonl(synthetic(n));
        group.throughput(Throughput::Elements(n as u64));
        bench_load(&mut group, &format!("{}k_validated", n / 1000), |r| {
            r.load_jsonl(&bytes, "bench.jsonl", &LoadOptions::default())
        });
    }
    group.finish();
}

/// The same records as columns in the Arrow layout: all text, and with the
/// dates as `date32` days (what the Python package hands over from pandas
/// or Arrow).
fn columns_load(c: &mut Criterion) {
    let records = synthetic(200_000);
    let owned = data::text_columns(&records);
    let days = data::day_columns(&records);
    let mut group = c.benchmark_group("columns_load");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records.len() as u64));
    for (name, columns) in [
        ("200k_validated", data::columns(&owned)),
        (
            "200k_days_validated",
            data::columns_with_days(&owned, &days),
        ),
    ] {
        bench_load(&mut group, name, |r| {
            r.load_columns(&columns, "bench", &LoadOptions::default())
        });
    }
    group.finish();
}

/// Times `load` into a fresh register (building and dropping it untimed).
fn bench_load(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    load: impl Fn(&mut Register) -> borgerraad_core::Result<Vec<Rejected>>,
) {
    group.bench_function(name, |b| {
        b.iter_batched(
            || Register::new(Profile::esbjerg()),
            |mut r| {
                load(&mut r).unwrap();
                r
            },
            BatchSize::PerIteration,
        )
    });
}

fn working_days(c: &mut Criterion) {
    let cal = Calendar::danish("forvaltning").unwrap();
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    // 10 000 dates spread over ten years, with 1 to 40 working days each.
    let inputs: Vec<(NaiveDate, i64)> = (0..10_000)
        .map(|i| (start + Duration::days((i * 7919) % 3653), i % 40 + 1))
        .collect();
    let mut group = c.benchmark_group("calendar");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("add_working_days", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|&(d, n)| cal.add_working_days(d, n).unwrap())
                .max()
        })
    });
    group.finish();
}

fn referral(c: &mut Criterion) {
    let rules = Profile::esbjerg().rules().clone();
    let data = sample().inquiries().to_vec();
    let mut group = c.benchmark_group("referral");
    group.throughput(Throughput::Elements(data.len() as u64));
    group.bench_function("decide", |b| {
        b.iter(|| {
            data.iter()
                .filter(|i| rules.decide(i).decision == "refer")
                .count()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    statistics,
    jsonl_load,
    columns_load,
    working_days,
    referral
);
criterion_main!(benches);
