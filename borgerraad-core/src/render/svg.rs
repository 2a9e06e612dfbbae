//! SVG charts of the annual statistics, with Danish (or English) labels.
//!
//! The same pictures serve the Rust example (`--format svg|html`), Python
//! (`_repr_svg_` in Jupyter) and the browser widget, so no chart code lives
//! in a binding. Every chart is an accessible image: `role="img"`, a
//! `<title>` and a `<desc>` that states the figures, and a tooltip per mark.

use super::t;
use std::fmt::Write;

use crate::codes::{coded_enum, Lang};
use crate::disclosure::PublishedTable;
use crate::render::number;
use crate::stats::month_name;

coded_enum! {
    /// How the monthly chart draws the years.
    pub enum Style {
        /// One line per year.
        Lines = "lines", "Linjer", "Lines";
        /// Grouped bars per month.
        Bars = "bars", "Søjler", "Bars";
    }
}

/// Colours for up to eight series, distinguishable with common colour-vision
/// deficiencies (Okabe–Ito).
const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round upper bound and step for an axis from 0 to `max`.
fn axis(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let raw = max as f64 / 5.0;
    let mag = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
        .max(1.0) as u64;
    (max.div_ceil(step) * step, step)
}

/// The multi-year monthly chart of a published monthly table, as lines or
/// grouped bars: a suppressed month is a gap, and the `<desc>` states only
/// published totals and means.
///
/// # Example
/// ```
/// use borgerraad_core::{render::svg, sample, stats::Stats, Disclosure, Lang};
/// let table = sample().stats().monthly_table(&[2021, 2022]);
/// let published = Disclosure::default().monthly(&table, Lang::Da);
/// let chart = svg::monthly_chart(&published, svg::Style::Lines, Lang::Da);
/// assert!(chart.starts_with("<svg") && chart.contains("Registreringer pr. måned"));
/// assert!(chart.contains("Marts 2022: 86"));
/// ```
pub fn monthly_chart(published: &PublishedTable, style: Style, lang: Lang) -> String {
    let years: Vec<&str> = published.columns.iter().map(String::as_str).collect();
    let value = |year: usize, month: usize| published.cells[month][year];
    let (w, h, left, right, top, bottom) = (760.0, 380.0, 56.0, 120.0, 40.0, 48.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let max = published.largest();
    let (ymax, step) = axis(max);
    let y = |v: u64| top + ph - ph * v as f64 / ymax as f64;
    let slot = pw / 12.0;
    let x = |m: usize| left + slot * (m as f64 + 0.5);
    let title = t(lang, "Registreringer pr. måned", "Registrations per month");
    let hidden = t(lang, "skjult", "suppressed");
    let shown = |v: Option<u64>| v.map_or(hidden.to_string(), |v| number(v as f64, lang));
    let mut desc = String::new();
    for (i, year) in years.iter().enumerate() {
        let total = published.column_totals.as_ref().and_then(|t| t[i]);
        let mean = published.column_means.as_ref().and_then(|m| m[i]);
        let _ = write!(
            desc,
            "{year}: {} {} {}, {} {}. ",
            t(lang, "i alt", "total"),
            shown(total),
            t(lang, "registreringer", "registrations"),
            t(lang, "gennemsnit pr. måned", "mean per month"),
            mean.map_or(hidden.to_string(), |n| number(n, lang))
        );
    }
    desc.push_str(published.policy(lang));
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="12"><title id="chart-title">{title}</title><desc id="chart-desc">{}</desc>"#,
        escape(desc.trim())
    );
    let _ = write!(
        s,
        r#"<text x="{left}" y="24" font-size="16" font-weight="bold">{title}</text>"#
    );
    let mut v = 0;
    while v <= ymax {
        let yy = y(v);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            left + pw,
            left - 6.0,
            yy + 4.0,
            number(v as f64, lang)
        );
        v += step;
    }
    for (m, abbr) in MONTH_ABBR[usize::from(lang == Lang::En)].iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{abbr}</text>"#,
            x(m),
            top + ph + 18.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text>"#,
        top + ph / 2.0,
        top + ph / 2.0,
        t(lang, "Antal", "Count")
    );
    let n = years.len().max(1) as f64;
    for (i, year) in years.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let _ = write!(s, r#"<g aria-label="{year}">"#);
        match style {
            Style::Lines => {
                // One polyline per run of shown months: a suppressed month is a gap.
                let mut run: Vec<String> = Vec::new();
                for m in 0..=12 {
                    match (m < 12).then(|| value(i, m)).flatten() {
                        Some(v) => run.push(format!("{:.1},{:.1}", x(m), y(v))),
                        None => {
                            if run.len() > 1 {
                                let _ = write!(
                                    s,
                                    r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                                    run.join(" ")
                                );
                            }
                            run.clear();
                        }
                    }
                }
                for m in 0..12 {
                    if let Some(v) = value(i, m) {
                        let _ = write!(
                            s,
                            r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{} {year}: {}</title></circle>"#,
                            x(m),
                            y(v),
                            month_name(m, lang),
                            number(v as f64, lang)
                        );
                    }
                }
            }
            Style::Bars => {
                let bw = slot * 0.8 / n;
                for m in 0..12 {
                    if let Some(v) = value(i, m) {
                        let (bx, yy) = (left + slot * m as f64 + slot * 0.1 + bw * i as f64, y(v));
                        let _ = write!(
                            s,
                            r#"<rect x="{bx:.1}" y="{yy:.1}" width="{bw:.1}" height="{:.1}" fill="{colour}"><title>{} {year}: {}</title></rect>"#,
                            top + ph - yy,
                            month_name(m, lang),
                            number(v as f64, lang)
                        );
                    }
                }
            }
        }
        let ly = top + 16.0 * i as f64;
        let _ = write!(
            s,
            r#"<rect x="{}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{}" y="{:.1}">{year}</text></g>"#,
            left + pw + 16.0,
            ly,
            left + pw + 34.0,
            ly + 10.0
        );
    }
    s.push_str("</svg>");
    s
}

const MONTH_ABBR: [[&str; 12]; 2] = [
    [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
];

/// A horizontal bar chart of a published breakdown, shown rows largest
/// first, with counts and shares (a suppressed row shows `–`).
///
/// # Example
/// ```
/// use borgerraad_core::{render::svg, sample, stats::By, Disclosure, Lang};
/// let register = sample();
/// let b = register.stats().breakdown(2022, By::Kind).unwrap();
/// let published = Disclosure::default().breakdown(&b, register.office(), Lang::Da);
/// assert!(svg::breakdown_chart(&published, Lang::Da).contains("Henvendelsestype 2022"));
/// ```
pub fn breakdown_chart(published: &PublishedTable, lang: Lang) -> String {
    let (w, left, right, row) = (760.0, 260.0, 110.0, 26.0);
    let h = 48.0 + row * published.rows.len().max(1) as f64;
    let pw = w - left - right;
    let max = published.largest().max(1);
    let title = published.columns[0].clone();
    let text = |r: usize| match published.cells[r][0] {
        Some(n) => match published.shares.as_ref().and_then(|s| s[r]) {
            Some(p) => format!(
                "{} ({})",
                number(n as f64, lang),
                crate::render::share(p, lang)
            ),
            None => number(n as f64, lang),
        },
        None => "–".to_string(),
    };
    let total = match published.column_totals.as_ref().and_then(|t| t[0]) {
        Some(n) => number(n as f64, lang),
        None => "–".to_string(),
    };
    let mut desc: Vec<String> = published
        .rows
        .iter()
        .enumerate()
        .map(|(i, label)| format!("{label}: {}", text(i)))
        .collect();
    desc.push(format!("{}: {total}", t(lang, "I alt", "Total")));
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="bd-title bd-desc" font-family="system-ui, sans-serif" font-size="12"><title id="bd-title">{}</title><desc id="bd-desc">{}. {}</desc><text x="8" y="22" font-size="16" font-weight="bold">{}</text>"#,
        escape(&title),
        escape(&desc.join("; ")),
        escape(published.policy(lang)),
        escape(&title)
    );
    for (i, label) in published.rows.iter().enumerate() {
        let y = 36.0 + row * i as f64;
        let bw = published.cells[i][0].map_or(0.0, |n| pw * n as f64 / max as f64);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{left}" y="{y:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{}</title></rect><text x="{:.1}" y="{:.1}">{}</text>"#,
            left - 8.0,
            y + 15.0,
            escape(label),
            row - 6.0,
            PALETTE[0],
            escape(&desc[i]),
            left + bw + 6.0,
            y + 15.0,
            text(i)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(axis(86), (100, 20));
        assert_eq!(axis(793), (800, 200));
        assert_eq!(axis(0), (1, 1));
    }

    #[test]
    fn suppressed_counts_are_not_drawn() {
        let b = crate::stats::Breakdown {
            year: 2022,
            by: crate::stats::By::Kind,
            total: 43,
            rows: [("a", 40), ("b", 3)]
                .iter()
                .map(|&(c, n)| crate::stats::BreakdownRow {
                    code: c.into(),
                    label: crate::Label::new(c, c),
                    count: n,
                    percent: 0.0,
                })
                .collect(),
        };
        let svg = breakdown_chart(
            &crate::Disclosure::default().breakdown(&b, &crate::Office::default(), Lang::Da),
            Lang::Da,
        );
        // 3 is below 5 and 40 is its complement; the total 43 may show.
        assert!(!svg.contains(">3") && !svg.contains(">40"), "{svg}");
        assert!(svg.contains("a: –; b: –; I alt: 43"), "{svg}");
    }

    #[test]
    fn labels_are_escaped() {
        let b = crate::stats::Breakdown {
            year: 2022,
            by: crate::stats::By::Area,
            total: 1,
            rows: vec![crate::stats::BreakdownRow {
                code: "x".into(),
                label: crate::Label::new("Børn & Kultur", "C & C"),
                count: 1,
                percent: 100.0,
            }],
        };
        let svg = breakdown_chart(
            &crate::Disclosure::new(Some(1)).breakdown(&b, &crate::Office::default(), Lang::Da),
            Lang::Da,
        );
        assert!(svg.contains("Børn &amp; Kultur") && !svg.contains("Børn & Kultur"));
    }
}
