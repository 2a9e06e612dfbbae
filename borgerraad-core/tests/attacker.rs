//! The attacker: given everything published for a register (the report's
//! JSON, as anyone reading it would have it), it tries to recover a
//! suppressed count. It knows how the figures hang together — months add up
//! to the year, every breakdown adds up to the year's registrations, the
//! departments of a directorate area add up to the area (where the office
//! counts an inquiry under every unit it concerns, a unit table's rows reach
//! their total and none exceeds it), the targets add up to the forwarded
//! and referred totals, the forwarded are among the kind
//! "videresendelse", registrations ≥ citizens ≥ citizens with more than one
//! inquiry, and those are at most the registrations beyond each citizen's
//! first — and that a suppressed count is at least 1. It then
//!
//! 1. solves the linear system of every published line and hierarchy level
//!    by exact Gaussian elimination (every linear combination of lines,
//!    which includes subtraction along a line), and
//! 2. narrows intervals: each suppressed count ≥ 1 and each line's parts
//!    within what the line's total leaves, repeated until nothing changes,
//!
//! and reports every suppressed count whose value it pins down. A derived
//! figure published beside a hidden count (a mean, a share) hands it the
//! count directly. This is written apart from the engine: it shares no code
//! with `borgerraad_core::disclosure` beyond reading its JSON.

use std::collections::BTreeMap;

use borgerraad_core::render::AnnualReport;
use borgerraad_core::{
    stats::{By, Stats},
    Counting, Lang, LoadOptions, Profile, Register,
};
use borgerraad_core::{Contents, Disclosure};
use proptest::prelude::*;
use serde_json::Value;

/// A variable of the attacker: a published position it may not see.
#[derive(Default)]
struct Attack {
    /// Key → (known value, or None when suppressed; lower bound).
    vars: BTreeMap<String, (Option<f64>, i64)>,
    /// total key = sum of member keys.
    lines: Vec<(String, Vec<String>)>,
    /// a ≤ b.
    at_most: Vec<(String, String)>,
}

impl Attack {
    /// A published position: its value, or (suppressed) at least 1. A
    /// position met before as an unknown is published after all.
    fn see(&mut self, key: &str, v: &Value) {
        let known = v.as_f64();
        let e = self.vars.entry(key.to_string()).or_insert((None, 1));
        e.1 = 1;
        if known.is_some() {
            e.0 = known;
        }
    }
    /// An unknown, at least 0, unless a table publishes it (then it keeps
    /// its published value or bound).
    fn unknown(&mut self, key: &str) {
        self.vars.entry(key.to_string()).or_insert((None, 0));
    }
    /// Rows of a table that counts an inquiry under every unit it
    /// concerns: they add up to `total` plus an overlap no reader knows
    /// (at least 0), and none exceeds `total`.
    fn overlapping(&mut self, name: &str, total: &str, rows: &[String]) {
        let (all_rows, overlap) = (format!("{name}/rows"), format!("{name}/overlap"));
        self.unknown(&all_rows);
        self.unknown(&overlap);
        self.line(&all_rows, rows.to_vec());
        self.line(&all_rows, vec![total.to_string(), overlap]);
        for r in rows {
            self.at_most.push((r.clone(), total.to_string()));
        }
    }
    fn line(&mut self, total: &str, members: Vec<String>) {
        if !members.is_empty() {
            self.lines.push((total.to_string(), members));
        }
    }

    /// Every suppressed published count the attacker pins down, with its value.
    fn run(&self) -> Vec<(String, i64)> {
        let keys: Vec<&String> = self.vars.keys().collect();
        let idx: BTreeMap<&String, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let unknown: Vec<usize> = (0..keys.len())
            .filter(|&i| self.vars[keys[i]].0.is_none())
            .collect();
        let col: BTreeMap<usize, usize> =
            unknown.iter().enumerate().map(|(c, &i)| (i, c)).collect();
        let published = |k: &str| self.vars[k].1 == 1;
        let mut found = BTreeMap::new();

        // 1. Exact elimination over the rationals (i128 fractions kept as
        // integer rows: fraction-free Gaussian elimination).
        let n = unknown.len();
        let mut rows: Vec<Vec<i128>> = Vec::new(); // n coefficients + right-hand side
        for (total, members) in &self.lines {
            let mut row = vec![0i128; n + 1];
            let mut rhs = 0i128;
            let mut put = |k: &String, sign: i128| match self.vars[k].0 {
                Some(v) => rhs -= sign * v as i128,
                None => row[col[&idx[k]]] += sign,
            };
            put(total, -1);
            for m in members {
                put(m, 1);
            }
            row[n] = rhs;
            if row[..n].iter().any(|&c| c != 0) {
                rows.push(row);
            }
        }
        let mut pivot_row = 0;
        let mut pivots = Vec::new();
        for c in 0..n {
            let Some(p) = (pivot_row..rows.len()).find(|&r| rows[r][c] != 0) else {
                continue;
            };
            rows.swap(pivot_row, p);
            for r in 0..rows.len() {
                if r != pivot_row && rows[r][c] != 0 {
                    let (a, b) = (rows[pivot_row][c], rows[r][c]);
                    for k in 0..=n {
                        rows[r][k] = rows[r][k] * a - rows[pivot_row][k] * b;
                    }
                    let g = rows[r].iter().fold(0i128, |g, &x| gcd(g, x.abs()));
                    if g > 1 {
                        rows[r].iter_mut().for_each(|x| *x /= g);
                    }
                }
            }
            pivots.push((pivot_row, c));
            pivot_row += 1;
        }
        for (r, c) in pivots {
            let row = &rows[r];
            if (0..n).all(|k| k == c || row[k] == 0) {
                let key = keys[unknown[c]];
                if published(key) {
                    found.insert(key.clone(), (row[n] / row[c]) as i64);
                }
            }
        }

        // 2. Intervals.
        let big = i64::MAX / 4;
        let mut lo: Vec<i64> = keys
            .iter()
            .map(|k| self.vars[*k].0.map_or(self.vars[*k].1, |v| v as i64))
            .collect();
        let mut hi: Vec<i64> = keys
            .iter()
            .map(|k| self.vars[*k].0.map_or(big, |v| v as i64))
            .collect();
        for _ in 0..200 {
            let mut changed = false;
            let mut tighten = |i: usize, l: i64, h: i64, lo: &mut Vec<i64>, hi: &mut Vec<i64>| {
                if l > lo[i] {
                    lo[i] = l;
                    changed = true;
                }
                if h < hi[i] {
                    hi[i] = h;
                    changed = true;
                }
            };
            for (total, members) in &self.lines {
                let t = idx[total];
                let ms: Vec<usize> = members.iter().map(|m| idx[m]).collect();
                let (slo, shi) = ms
                    .iter()
                    .fold((0i64, 0i64), |(a, b), &m| (a + lo[m], (b + hi[m]).min(big)));
                tighten(t, slo, shi, &mut lo, &mut hi);
                for &m in &ms {
                    let (ol, oh) = (slo - lo[m], (shi - hi[m]).max(0));
                    let h = if hi[t] >= big { big } else { hi[t] - ol };
                    let l = if shi >= big { lo[m] } else { lo[t] - oh };
                    tighten(m, l, h, &mut lo, &mut hi);
                }
            }
            for (a, b) in &self.at_most {
                let (a, b) = (idx[a], idx[b]);
                let (la, hb) = (lo[a], hi[b]);
                tighten(a, lo[a], hb, &mut lo, &mut hi);
                tighten(b, la, hi[b], &mut lo, &mut hi);
            }
            if !changed {
                break;
            }
        }
        for &i in &unknown {
            if lo[i] == hi[i] && published(keys[i]) {
                found.insert(keys[i].clone(), lo[i]);
            }
        }
        found.into_iter().collect()
    }
}

impl Attack {
    /// Lines whose published total leaves their hidden parts a sum from 1
    /// to `threshold - 1` (hidden parts that are all published counts).
    fn small_hidden_sums(&self, threshold: u64) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        for (total, members) in &self.lines {
            let Some(t) = self.vars[total].0 else {
                continue;
            };
            if members
                .iter()
                .any(|m| self.vars[m].0.is_none() && self.vars[m].1 == 0)
            {
                continue;
            }
            let hidden_sum = t - members.iter().filter_map(|m| self.vars[m].0).sum::<f64>();
            if hidden_sum > 0.0 && hidden_sum < threshold as f64 {
                out.push((total.clone(), hidden_sum));
            }
        }
        out
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn area_of(code: &str) -> &str {
    code.split('/').next().unwrap()
}

/// Reads a published report (its JSON) into the attacker's equations;
/// `every` when the office counts an inquiry under every unit it concerns.
fn read(doc: &Value, contents: &Contents, every: bool) -> Attack {
    let mut a = Attack::default();
    let m = &doc["monthly"];
    for (i, year) in m["columns"].as_array().unwrap().iter().enumerate() {
        let y = year.as_str().unwrap();
        let total = format!("{y}/R");
        a.see(&total, &m["column_totals"][i]);
        // A mean hands over the total.
        if let Some(mean) = m["column_means"][i].as_f64() {
            a.see(&total, &Value::from((mean * 12.0).round()));
        }
        let months: Vec<String> = (0..12).map(|k| format!("{y}/month{k}")).collect();
        for (k, key) in months.iter().enumerate() {
            a.see(key, &m["cells"][k][i]);
        }
        a.line(&total, months);
    }
    for s in doc["summaries"].as_array().unwrap() {
        let y = s["year"].as_i64().unwrap();
        let (r, d, rep) = (format!("{y}/R"), format!("{y}/D"), format!("{y}/Rep"));
        a.see(&r, &s["registrations"]);
        a.see(&d, &s["distinct_citizens"]);
        a.see(&rep, &s["repeat_citizens"]);
        if let Some(x) = s["mean_registrations_per_month"].as_f64() {
            a.see(&r, &Value::from((x * 12.0).round()));
        }
        if let Some(x) = s["mean_citizens_per_month"].as_f64() {
            a.see(&d, &Value::from((x * 12.0).round()));
        }
        if let (Some(p), Some(dv)) = (s["repeat_share"].as_f64(), s["distinct_citizens"].as_f64()) {
            a.see(&rep, &Value::from((p * dv / 100.0).round()));
        }
        let (e, single) = (format!("{y}/R-D"), format!("{y}/D-Rep"));
        a.unknown(&e);
        a.unknown(&single);
        a.line(&r, vec![d.clone(), e.clone()]);
        a.line(&d, vec![single, rep.clone()]);
        a.at_most.push((rep, e));
        let mut targets = |what: &str| {
            let t = &s[what];
            let total = format!("{y}/{what}");
            a.see(&total, &t["column_totals"][0]);
            let parts: Vec<String> = t["codes"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let key = format!("{y}/{what}/{}", c.as_str().unwrap());
                    a.see(&key, &t["cells"][i][0]);
                    key
                })
                .collect();
            a.line(&total, parts);
            total
        };
        let f = targets("forwarded");
        let re = targets("referred");
        let rest = format!("{y}/untargeted");
        a.unknown(&rest);
        a.line(&r, vec![f.clone(), re, rest]);
        let k = format!("{y}/kind/videresendelse");
        a.unknown(&k);
        let n = format!("{y}/forwarding-untargeted");
        a.unknown(&n);
        a.line(&k, vec![f, n]);
    }
    for (t, &(y, by)) in doc["breakdowns"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&contents.breakdowns)
    {
        let r = format!("{y}/R");
        let codes: Vec<&str> = t["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let mut keys = Vec::new();
        for (i, code) in codes.iter().enumerate() {
            let key = format!("{y}/{}/{code}", by.code());
            a.see(&key, &t["cells"][i][0]);
            // A share of the year's registrations hands over the count.
            if let (Some(p), Some(total)) =
                (t["shares"][i].as_f64(), a.vars.get(&r).and_then(|v| v.0))
            {
                a.see(&key, &Value::from((p * total / 100.0).round()));
            }
            keys.push(key);
        }
        match by {
            By::Area | By::Department if every => {
                a.see(&r, &t["column_totals"][0]);
                a.overlapping(&format!("{y}/{}", by.code()), &r, &keys);
                if by == By::Department {
                    let mut areas: BTreeMap<String, Vec<String>> = BTreeMap::new();
                    for (code, key) in codes.iter().zip(&keys) {
                        let area = areas.entry(area_of(code).to_string()).or_default();
                        area.push(key.clone());
                    }
                    for (area, parts) in areas {
                        let key = format!("{y}/area/{area}");
                        a.unknown(&key);
                        a.overlapping(&format!("{y}/department/{area}"), &key, &parts);
                    }
                }
            }
            By::Site => {
                let total = format!("{y}/sites");
                a.see(&total, &t["column_totals"][0]);
                a.line(&total, keys);
                let rest = format!("{y}/no-site");
                a.unknown(&rest);
                a.line(&r, vec![total, rest]);
            }
            By::Department => {
                a.see(&r, &t["column_totals"][0]);
                let mut areas: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for (code, key) in codes.iter().zip(keys) {
                    areas
                        .entry(area_of(code).to_string())
                        .or_default()
                        .push(key);
                }
                let mut tops = Vec::new();
                for (area, parts) in areas {
                    let key = format!("{y}/area/{area}");
                    a.unknown(&key);
                    a.line(&key, parts);
                    tops.push(key);
                }
                a.line(&r, tops);
            }
            _ => {
                a.see(&r, &t["column_totals"][0]);
                a.line(&r, keys);
            }
        }
    }
    a
}

fn record(
    id: usize,
    citizen: &str,
    date: &str,
    kind: &str,
    category: &str,
    channel: &str,
    extra: &str,
) -> String {
    format!(
        r#"{{"id":"T-{id}","citizen":"{citizen}","received":"{date}","municipality":"esbjerg","channel":"{channel}","requester":"borger","kind":"{kind}","category":"{category}"{extra}}}"#
    )
}

fn register(lines: &[String]) -> Register {
    register_under(Profile::esbjerg(), lines)
}

/// Publishes everything for every year of `register` and attacks it.
fn everything(register: &Register, threshold: u64) -> (Value, Contents, Vec<(String, i64)>) {
    let stats = register.stats();
    let years = stats.years();
    let contents = Contents {
        table_years: years.clone(),
        key_years: years.clone(),
        breakdowns: years
            .iter()
            .flat_map(|&y| By::ALL.iter().map(move |&by| (y, by)))
            .collect(),
    };
    let published = Disclosure::new(Some(threshold))
        .report(&stats, &contents, Lang::Da)
        .unwrap();
    let doc: Value = serde_json::from_str(&AnnualReport::new(published, Lang::Da).json()).unwrap();
    let every = register.office().counting() == Counting::Every;
    let attack = read(&doc, &contents, every);
    let found = attack.run();
    assert_eq!(
        attack.small_hidden_sums(threshold),
        vec![],
        "a line's hidden cells hold less than the threshold"
    );
    check_primary(&stats, &doc, threshold);
    (doc, contents, found)
}

/// Every published count equals the register's, and no count from 1 to
/// threshold - 1 is published.
fn check_primary(stats: &Stats, doc: &Value, threshold: u64) {
    let ok = |shown: &Value, truth: u64, what: &str| {
        if let Some(v) = shown.as_u64() {
            assert_eq!(v, truth, "{what}");
            assert!(v == 0 || v >= threshold, "{what}: {v} is published");
        }
    };
    let m = &doc["monthly"];
    for (i, y) in m["columns"].as_array().unwrap().iter().enumerate() {
        let ys = stats.year(y.as_str().unwrap().parse().unwrap()).unwrap();
        for (k, &n) in ys.months().iter().enumerate() {
            ok(&m["cells"][k][i], n, "month");
        }
        ok(&m["column_totals"][i], ys.registrations(), "year total");
    }
    for s in doc["summaries"].as_array().unwrap() {
        let sum = stats
            .year(s["year"].as_i64().unwrap() as i32)
            .unwrap()
            .summary();
        ok(&s["registrations"], sum.registrations, "registrations");
        ok(&s["distinct_citizens"], sum.distinct_citizens, "citizens");
        ok(&s["repeat_citizens"], sum.repeat_citizens, "repeat");
    }
}

fn hidden(v: &Value) -> bool {
    v.is_null()
}

#[test]
fn three_inquiries_from_two_citizens() {
    // 3 inquiries in 3 months from 2 citizens (a, a, b): every count is
    // below 5, so the months, the year's total, its mean, the citizens and
    // the per-month figures and the share are all "–".
    let r = three_inquiries();
    let (doc, _, found) = everything(&r, 5);
    assert_eq!(found, vec![], "the attacker recovered hidden counts");
    let s = &doc["summaries"][0];
    for key in [
        "registrations",
        "distinct_citizens",
        "repeat_citizens",
        "repeat_share",
        "mean_registrations_per_month",
        "mean_citizens_per_month",
    ] {
        assert!(hidden(&s[key]), "{key} = {}", s[key]);
    }
    assert!(
        hidden(&doc["monthly"]["column_totals"][0]) && hidden(&doc["monthly"]["column_means"][0])
    );
    // January to March hidden; April to December are 0 and shown.
    for k in 0..12 {
        assert_eq!(hidden(&doc["monthly"]["cells"][k][0]), k < 3, "month {k}");
    }
}

#[test]
fn a_department_of_3_under_an_area_of_23_beside_one_of_20() {
    // Borger & Arbejdsmarked: 20 at Borgerservice and 3 at the Jobcenter;
    // 30 at Teknik & Miljø. Publishing the area (23) beside Borgerservice
    // (20) would give the Jobcenter's 3 by subtraction, so Borgerservice
    // goes too: its 20 is the smallest part of the area's line.
    let mut lines = Vec::new();
    let mut id = 0;
    let mut add = |n: usize, category: &str| {
        for _ in 0..n {
            id += 1;
            lines.push(record(
                id,
                &format!("c{id}"),
                &format!("2022-{:02}-05", 1 + id % 12),
                "vejledning",
                category,
                "telefon",
                "",
            ));
        }
    };
    add(20, "borger-arbejdsmarked/borgerservice");
    add(3, "borger-arbejdsmarked/jobcenter");
    add(30, "teknik-miljoe");
    let r = register(&lines);
    let (doc, contents, found) = everything(&r, 5);
    assert_eq!(found, vec![], "the attacker recovered hidden counts");
    let at = |by: By, code: &str| {
        let i = contents
            .breakdowns
            .iter()
            .position(|&(_, b)| b == by)
            .unwrap();
        let t = &doc["breakdowns"][i];
        let row = t["codes"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c == code)
            .unwrap();
        t["cells"][row][0].clone()
    };
    assert!(hidden(&at(
        By::Department,
        "borger-arbejdsmarked/jobcenter"
    )));
    assert!(hidden(&at(
        By::Department,
        "borger-arbejdsmarked/borgerservice"
    )));
    assert_eq!(at(By::Area, "borger-arbejdsmarked"), 23);
}

#[test]
fn a_total_over_months_of_1_is_hidden_and_no_zero_is_a_complement() {
    // 2022: 40 in January, 1 in each of March, May and July, 0 elsewhere.
    // Showing "I alt 43" would give the three together (3) and, with each
    // at least 1, each exactly; a zero month cannot hide anything. So the
    // smallest non-zero month (January, 40) joins them, and the total stays.
    let mut lines = Vec::new();
    for i in 0..40 {
        lines.push(record(
            i,
            &format!("c{i}"),
            "2022-01-05",
            "vejledning",
            "teknik-miljoe",
            "telefon",
            "",
        ));
    }
    for (i, m) in [3, 5, 7].iter().enumerate() {
        lines.push(record(
            100 + i,
            &format!("d{i}"),
            &format!("2022-{m:02}-05"),
            "vejledning",
            "teknik-miljoe",
            "telefon",
            "",
        ));
    }
    let r = register(&lines);
    let stats = r.stats();
    let t = Disclosure::default().monthly(&stats.monthly_table(&[2022]), Lang::Da);
    let cells: Vec<Option<u64>> = t.cells.iter().map(|c| c[0]).collect();
    assert_eq!(
        cells,
        vec![
            None,
            Some(0),
            None,
            Some(0),
            None,
            Some(0),
            None,
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0)
        ]
    );
    assert_eq!(t.column_totals, Some(vec![Some(43)]));
    let (_, _, found) = everything(&r, 5);
    assert_eq!(found, vec![]);
}

#[test]
fn the_attacker_finds_what_the_old_policy_gave_away() {
    // The attacker must be able to fail: a month table that hides the three
    // months of 1 but shows the total 3 (the old output) is broken by it.
    let doc: Value = serde_json::json!({
        "monthly": {
            "columns": ["2022"],
            "cells": [[null], [null], [null], [0], [0], [0], [0], [0], [0], [0], [0], [0]],
            "column_totals": [3], "column_means": [0.25]
        },
        "summaries": [], "breakdowns": []
    });
    let found = read(&doc, &Contents::default(), false).run();
    assert_eq!(
        found,
        vec![
            ("2022/month0".into(), 1),
            ("2022/month1".into(), 1),
            ("2022/month2".into(), 1)
        ]
    );
    // Area 23 beside a department of 20 gives the other department: 3.
    let doc: Value = serde_json::json!({
        "monthly": { "columns": [], "cells": [], "column_totals": [], "column_means": [] },
        "summaries": [],
        "breakdowns": [
            { "codes": ["a", "b"], "cells": [[23], [30]], "column_totals": [53], "shares": [null, null] },
            { "codes": ["a/x", "a/y", "b"], "cells": [[20], [null], [30]], "column_totals": [53], "shares": [null, null, null] }
        ]
    });
    let contents = Contents {
        breakdowns: vec![(2022, By::Area), (2022, By::Department)],
        ..Contents::default()
    };
    assert_eq!(
        read(&doc, &contents, false).run(),
        vec![("2022/department/a/y".into(), 3)]
    );
    // A hidden area under published departments is their sum: the area is
    // a published position of the area table, whichever table comes first.
    let departments = serde_json::json!({ "codes": ["a/x", "a/y", "b"], "cells": [[20], [5], [30]], "column_totals": [55], "shares": [null, null, null] });
    let areas = serde_json::json!({ "codes": ["a", "b"], "cells": [[null], [30]], "column_totals": [55], "shares": [null, null] });
    for (tables, order) in [
        ([&departments, &areas], [By::Department, By::Area]),
        ([&areas, &departments], [By::Area, By::Department]),
    ] {
        let doc: Value = serde_json::json!({
            "monthly": { "columns": [], "cells": [], "column_totals": [], "column_means": [] },
            "summaries": [],
            "breakdowns": tables,
        });
        let contents = Contents {
            breakdowns: order.map(|by| (2022, by)).to_vec(),
            ..Contents::default()
        };
        assert_eq!(
            read(&doc, &contents, false).run(),
            vec![("2022/area/a".into(), 25)],
            "{order:?}"
        );
    }
    // Counted under every unit, rows may overlap, but none exceeds the
    // total and together they reach it: beside a 0, a hidden area is the total.
    let doc: Value = serde_json::json!({
        "monthly": { "columns": [], "cells": [], "column_totals": [], "column_means": [] },
        "summaries": [],
        "breakdowns": [
            { "codes": ["a", "b"], "cells": [[null], [0]], "column_totals": [3], "shares": [null, null] }
        ]
    });
    let contents = Contents {
        breakdowns: vec![(2022, By::Area)],
        ..Contents::default()
    };
    assert_eq!(
        read(&doc, &contents, true).run(),
        vec![("2022/area/a".into(), 3)]
    );
}

const CATEGORIES: [&str; 6] = [
    "borger-arbejdsmarked/borgerservice",
    "borger-arbejdsmarked/jobcenter/sygedagpenge",
    "borger-arbejdsmarked/social-voksne",
    "teknik-miljoe",
    "boern-kultur/skole",
    "boern-kultur/dagtilbud",
];
const KINDS: [&str; 5] = ["vejvisning", "vejledning", "klage", "dialogsag", "sparring"];
const CHANNELS: [&str; 4] = ["telefon", "email", "brev", "personligt"];

/// A random row: year, month, citizen, category, kind (5: forwarded),
/// channel, referral or forwarding target, and a further category
/// (6 and up: none).
type Row = (u8, u8, usize, usize, usize, usize, u8, usize);

fn random_lines(rows: &[Row]) -> Vec<String> {
    rows.iter().enumerate().map(|(i, &(y, m, c, cat, kind, ch, extra, other))| {
        let date = format!("{}-{m:02}-07", 2021 + y as i32);
        let mut more = match extra {
            0 => r#","referral":{"to":"familieretshuset","basis":"vedtaegt"}"#.to_string(),
            1 => r#","referral":{"to":"patientkontoret","basis":"vedtaegt"}"#.to_string(),
            _ => String::new(),
        };
        if other < CATEGORIES.len() && other != cat {
            more += &format!(r#","other_categories":["{}"]"#, CATEGORIES[other]);
        }
        if kind == 5 {
            let to = ["borger-arbejdsmarked/borgerservice", "borger-arbejdsmarked/jobcenter"][extra as usize % 2];
            record(i, &format!("c{c}"), &date, "videresendelse", CATEGORIES[cat], "digital_post",
                &format!(r#","actions":[{{"kind":"videresendt","date":"{date}"}}],"referral":{{"to":"{to}","basis":"fvl-7-2"}}"#))
        } else {
            record(i, &format!("c{c}"), &date, KINDS[kind], CATEGORIES[cat], CHANNELS[ch], &more)
        }
    }).collect()
}

/// The Esbjerg profile, counting an inquiry under every unit it concerns.
fn every_unit() -> Profile {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/profiles/esbjerg.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["counting"] = "every".into();
    Profile::from_json_str(&doc.to_string(), "esbjerg-every").unwrap()
}

fn register_under(profile: Profile, lines: &[String]) -> Register {
    let mut r = Register::new(profile);
    r.load_jsonl(
        lines.join("\n").as_bytes(),
        "test.jsonl",
        &LoadOptions::default(),
    )
    .unwrap();
    r
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    proptest::collection::vec(
        (
            0u8..2,
            1u8..13,
            0usize..12,
            0usize..6,
            0usize..6,
            0usize..4,
            0u8..10,
            0usize..12,
        ),
        1..70,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn no_hidden_count_is_recovered_from_a_random_register(rows in rows(), threshold in 2u64..7) {
        let r = register(&random_lines(&rows));
        let (_, _, found) = everything(&r, threshold);
        prop_assert_eq!(found, vec![], "the attacker recovered hidden counts");
    }

    /// The same where an inquiry counts under every unit it concerns, so
    /// that the units' rows overlap.
    #[test]
    fn no_hidden_count_is_recovered_when_every_unit_counts(rows in rows(), threshold in 2u64..7) {
        let r = register_under(every_unit(), &random_lines(&rows));
        let (_, _, found) = everything(&r, threshold);
        prop_assert_eq!(found, vec![], "the attacker recovered hidden counts");
    }
}

#[test]
fn the_sample_published_in_full_gives_nothing_away() {
    let (doc, _, found) = everything(&borgerraad_core::sample(), 5);
    assert_eq!(found, vec![]);
    // The report's table is all at least 14: it prints unchanged.
    let totals: Vec<u64> = doc["monthly"]["column_totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(totals, [573, 657, 595, 514, 683, 793]);
}

#[test]
fn every_format_of_a_small_office_shows_dashes_and_gives_nothing_back() {
    // 3 inquiries from 2 citizens (a, a, b) in January to March 2022. By
    // hand: 3/12 = 0,25 registrations and 2/12 = 0,17 citizens per month,
    // 1 of 2 citizens = 50 % — each would give a hidden count back, so none
    // may appear in any format, and the total 3 neither.
    let r = three_inquiries();
    let contents = Contents {
        table_years: vec![2022],
        key_years: vec![2022],
        breakdowns: vec![(2022, By::Kind), (2022, By::Area)],
    };
    let published = Disclosure::default()
        .report(&r.stats(), &contents, Lang::Da)
        .unwrap();
    let report = AnnualReport::new(published, Lang::Da);
    let md = report.markdown();
    for line in [
        "| Januar | – |",
        "| April | 0 |",
        "| I alt | – |",
        "| Gennemsnit | – |",
        "| Registreringer | – |",
        "| Borgere | – |",
        "| Borgere med flere henvendelser | – |",
        "| Registreringer pr. måned | – |",
        "| Borgere pr. måned | – |",
    ] {
        assert!(md.contains(line), "{line} in\n{md}");
    }
    // The policy under every table: monthly, key figures, two breakdowns.
    assert_eq!(md.matches("Diskretionering").count(), 4, "{md}");
    let html = report.html();
    assert_eq!(
        html.matches("<p class=\"policy\">Diskretionering").count(),
        4
    );
    let csv = report.csv();
    assert_eq!(csv.matches("Diskretionering").count(), 4);
    let svg = report.svg(borgerraad_core::render::svg::Style::Bars);
    assert!(
        svg.contains("2022: i alt skjult registreringer, gennemsnit pr. måned skjult"),
        "{svg}"
    );
    let json = report.json();
    for text in [&md, &html, &csv, &svg] {
        for leak in ["0,25", "0,17", "50 %", "| 3 |", ": 3", ">3<"] {
            assert!(!text.contains(leak), "{leak} in\n{text}");
        }
    }
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert!(doc["summaries"][0]["mean_registrations_per_month"].is_null());
    assert!(!json.contains("0.25") && !json.contains("0.1666"));
}

/// The smallest office: 3 inquiries in January to March 2022 from 2
/// citizens (a, a, b).
fn three_inquiries() -> Register {
    register(&[
        record(
            1,
            "aa",
            "2022-01-10",
            "vejledning",
            "teknik-miljoe",
            "telefon",
            "",
        ),
        record(
            2,
            "aa",
            "2022-02-10",
            "vejledning",
            "teknik-miljoe",
            "telefon",
            "",
        ),
        record(3, "bb", "2022-03-10", "klage", "teknik-miljoe", "email", ""),
    ])
}
