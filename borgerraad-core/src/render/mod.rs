//! Rendering the annual tables as the report prints them: Markdown, CSV
//! and JSON, with Danish number format (`47,75`) or English (`47.75`).

use schemars::JsonSchema;
use serde::Serialize;

pub mod svg;

use crate::codes::Lang;
use crate::disclosure::{Disclosure, PublishedTable};
use crate::stats::{counting_rule, month_name, Breakdown, By, MonthlyTable, YearSummary};

/// Formats a number with at most two decimals and trailing zeros dropped,
/// as the report prints means: `47,75`, `49,5`, `42,83` in Danish.
///
/// # Example
/// ```
/// use borgerraad_core::{render::number, Lang};
/// assert_eq!(number(573.0 / 12.0, Lang::Da), "47,75");
/// assert_eq!(number(594.0 / 12.0, Lang::Da), "49,5");
/// assert_eq!(number(514.0 / 12.0, Lang::En), "42.83");
/// assert_eq!(number(1234.5, Lang::Da), "1.234,5");
/// ```
pub fn number(value: f64, lang: Lang) -> String {
    let fixed = format!("{:.2}", value);
    let fixed = fixed.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = fixed.split_once('.').unwrap_or((fixed, ""));
    let (int, neg) = match int.strip_prefix('-') {
        Some(rest) => (rest, "-"),
        None => (int, ""),
    };
    let (group, point) = match lang {
        Lang::Da => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::from(neg);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A share as a whole percent, as the report writes it: `27 %` (Danish) or `27%`.
pub fn share(percent: f64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{} %", percent.round()),
        Lang::En => format!("{}%", percent.round()),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn t(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// The rows of the monthly table as text cells: a header, twelve months,
/// "I alt" and "Gennemsnit".
pub fn monthly_cells(table: &MonthlyTable, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once(String::new())
        .chain(table.years.iter().map(|y| y.to_string()))
        .collect::<Vec<_>>()];
    for m in 0..12 {
        let mut row = vec![month_name(m, lang).to_string()];
        row.extend(table.counts.iter().map(|c| number(c[m] as f64, lang)));
        rows.push(row);
    }
    let mut total = vec![t(lang, "I alt", "Total").to_string()];
    let mut mean = vec![t(lang, "Gennemsnit", "Mean").to_string()];
    for i in 0..table.years.len() {
        total.push(number(table.total(i) as f64, lang));
        mean.push(number(table.mean(i), lang));
    }
    rows.push(total);
    rows.push(mean);
    rows
}

fn markdown_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push_str("| ");
        out.push_str(&row.join(" | "));
        out.push_str(" |\n");
        if i == 0 {
            out.push('|');
            for (j, _) in row.iter().enumerate() {
                out.push_str(if j == 0 { "---|" } else { "---:|" });
            }
            out.push('\n');
        }
    }
    out
}

fn csv_table(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 cells")
}

/// One row of the monthly table: a month, "I alt" or "Gennemsnit".
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MonthlyRow {
    /// The row's label in the chosen language.
    pub label: String,
    /// One value per year.
    pub values: Vec<f64>,
    /// The values as the report prints them (`47,75` in Danish).
    pub text: Vec<String>,
}

/// The monthly table with its totals and means, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MonthlyReport {
    /// The years, one column each.
    pub years: Vec<i32>,
    /// Twelve months, then the totals ("I alt") and means ("Gennemsnit").
    pub rows: Vec<MonthlyRow>,
}

/// The monthly table as rows of values and printed text.
///
/// # Example
/// ```
/// use borgerraad_core::{render, sample, Lang, Stats};
/// let table = Stats::of(sample().iter()).monthly_table(&[2019]);
/// let report = render::monthly_report(&table, Lang::Da);
/// let mean = report.rows.last().unwrap();
/// assert_eq!((mean.label.as_str(), mean.text[0].as_str()), ("Gennemsnit", "49,58"));
/// ```
pub fn monthly_report(table: &MonthlyTable, lang: Lang) -> MonthlyReport {
    let cells = monthly_cells(table, lang);
    let rows = cells[1..]
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let values = (0..table.years.len())
                .map(|i| match r {
                    0..=11 => table.counts[i][r] as f64,
                    12 => table.total(i) as f64,
                    _ => table.mean(i),
                })
                .collect();
            MonthlyRow {
                label: row[0].clone(),
                values,
                text: row[1..].to_vec(),
            }
        })
        .collect();
    MonthlyReport {
        years: table.years.clone(),
        rows,
    }
}

/// The monthly table in Markdown.
///
/// # Example
/// ```
/// use borgerraad_core::{render, sample, stats::Stats, Lang};
/// let table = Stats::of(sample().iter()).monthly_table(&[2017]);
/// let md = render::monthly_markdown(&table, Lang::Da);
/// assert!(md.contains("| I alt | 573 |"));
/// assert!(md.contains("| Gennemsnit | 47,75 |"));
/// ```
pub fn monthly_markdown(table: &MonthlyTable, lang: Lang) -> String {
    markdown_table(&monthly_cells(table, lang))
}

/// The monthly table as CSV (cells formatted as in the report).
pub fn monthly_csv(table: &MonthlyTable, lang: Lang) -> String {
    csv_table(&monthly_cells(table, lang))
}

/// The key figures of a year as label/value rows, under a disclosure
/// policy: a count below the threshold is shown as `–`, and the forwarding
/// and referral targets are published as lines with their totals.
pub fn summary_cells(s: &YearSummary, lang: Lang, policy: &Disclosure) -> Vec<Vec<String>> {
    let count = |n: u64| {
        if n > 0 && n < policy.threshold {
            "–".to_string()
        } else {
            number(n as f64, lang)
        }
    };
    let mut rows = vec![
        vec![t(lang, "Nøgletal", "Key figure").into(), s.year.to_string()],
        vec![
            t(lang, "Registreringer", "Registrations").into(),
            count(s.registrations),
        ],
        vec![
            t(lang, "Borgere", "Distinct citizens").into(),
            count(s.distinct_citizens),
        ],
        vec![
            t(
                lang,
                "Borgere med flere henvendelser",
                "Citizens with more than one inquiry",
            )
            .into(),
            format!(
                "{} ({})",
                count(s.repeat_citizens),
                share(s.repeat_share, lang)
            ),
        ],
        vec![
            t(lang, "Registreringer pr. måned", "Registrations per month").into(),
            number(s.mean_registrations_per_month, lang),
        ],
        vec![
            t(lang, "Borgere pr. måned", "Citizens per month").into(),
            number(s.mean_citizens_per_month, lang),
        ],
    ];
    let days = |d: Option<u64>| d.map_or("–".to_string(), |d| number(d as f64, lang));
    rows.push(vec![
        t(lang, "Dage åben, median", "Days open, median").into(),
        days(s.days_open_median),
    ]);
    rows.push(vec![
        t(
            lang,
            "Dage åben, 90 %-fraktil",
            "Days open, 90th percentile",
        )
        .into(),
        days(s.days_open_p90),
    ]);
    let targets = [
        (
            t(
                lang,
                "Videresendt (fvl. § 7, stk. 2)",
                "Forwarded (fvl. § 7(2))",
            ),
            &s.forwarded,
        ),
        (t(lang, "Henvist", "Referred out"), &s.referred),
    ];
    for (label, counts) in targets {
        let published = policy.apply(
            counts.iter().map(|c| c.code.clone()).collect(),
            vec![label.to_string()],
            counts.iter().map(|c| vec![c.count]).collect(),
            false,
            true,
        );
        let shown = |v: Option<u64>| v.map_or("–".to_string(), |n| number(n as f64, lang));
        rows.push(vec![
            label.into(),
            shown(published.column_totals.as_ref().and_then(|t| t[0])),
        ]);
        for (code, cell) in published.rows.iter().zip(&published.cells) {
            rows.push(vec![format!("  → {code}"), shown(cell[0])]);
        }
    }
    rows
}

/// The key figures of a year in Markdown.
pub fn summary_markdown(s: &YearSummary, lang: Lang, policy: &Disclosure) -> String {
    markdown_table(&summary_cells(s, lang, policy))
}

/// A breakdown as rows (label, count, percent) under a disclosure policy:
/// suppressed rows show `–`.
pub fn breakdown_cells(b: &Breakdown, lang: Lang, policy: &Disclosure) -> Vec<Vec<String>> {
    let published = policy.breakdown(b, lang);
    let mut rows = vec![vec![
        b.by.label(lang).to_string(),
        t(lang, "Antal", "Count").into(),
        t(lang, "Andel", "Share").into(),
    ]];
    for (r, cell) in b.rows.iter().zip(&published.cells) {
        rows.push(match cell[0] {
            Some(n) => vec![
                r.label.get(lang).to_string(),
                number(n as f64, lang),
                share(r.percent, lang),
            ],
            None => vec![r.label.get(lang).to_string(), "–".into(), "–".into()],
        });
    }
    rows
}

/// The monthly table's cells under a disclosure policy: suppressed counts,
/// and the totals and means that would reveal them, show `–`.
pub fn published_monthly_cells(
    table: &MonthlyTable,
    lang: Lang,
    policy: &Disclosure,
) -> Vec<Vec<String>> {
    let published = policy.monthly(table, lang);
    let mut cells = monthly_cells(table, lang);
    for (i, row) in cells.iter_mut().enumerate().skip(1) {
        for (y, cell) in row.iter_mut().enumerate().skip(1) {
            let shown = match i {
                1..=12 => published.cells[i - 1][y - 1].is_some(),
                _ => published
                    .column_totals
                    .as_ref()
                    .is_some_and(|t| t[y - 1].is_some()),
            };
            if !shown {
                *cell = "–".into();
            }
        }
    }
    cells
}

/// Everything the annual report prints, as published (after disclosure control).
#[derive(Debug, Clone, Serialize)]
pub struct AnnualReport {
    /// The monthly table, exact (not serialised: publish `published_monthly`).
    #[serde(skip)]
    pub monthly: MonthlyTable,
    /// The breakdowns, exact (not serialised).
    #[serde(skip)]
    pub breakdowns: Vec<Breakdown>,
    /// The disclosure policy.
    #[serde(skip)]
    pub policy: Disclosure,
    /// The monthly table after disclosure control.
    pub published_monthly: PublishedTable,
    /// Means per month of the years whose total is published.
    pub means: Vec<Option<f64>>,
    /// Key figures of the chosen years.
    pub summaries: Vec<YearSummary>,
    /// The breakdowns after disclosure control.
    pub published_breakdowns: Vec<PublishedTable>,
    /// The counting rule used in the breakdowns.
    pub counting_rule: String,
}

impl AnnualReport {
    /// Assembles a report under a disclosure policy.
    pub fn new(
        monthly: MonthlyTable,
        summaries: Vec<YearSummary>,
        breakdowns: Vec<Breakdown>,
        lang: Lang,
        policy: Disclosure,
    ) -> Self {
        let published_monthly = policy.monthly(&monthly, lang);
        let means = (0..monthly.years.len())
            .map(|i| {
                published_monthly
                    .column_totals
                    .as_ref()
                    .and_then(|t| t[i])
                    .map(|_| monthly.mean(i))
            })
            .collect();
        AnnualReport {
            published_breakdowns: breakdowns
                .iter()
                .map(|b| policy.breakdown(b, lang))
                .collect(),
            published_monthly,
            means,
            monthly,
            breakdowns,
            policy,
            summaries,
            counting_rule: counting_rule(lang).into(),
        }
    }

    /// The report as a self-contained HTML page: the monthly chart beside
    /// its table, key figures and breakdowns with their charts.
    pub fn html(&self, lang: Lang) -> String {
        let table = |rows: &[Vec<String>], caption: &str| {
            let mut out = format!("<table><caption>{}</caption>", escape(caption));
            for (i, row) in rows.iter().enumerate() {
                out.push_str("<tr>");
                for (j, cell) in row.iter().enumerate() {
                    let tag = if i == 0 || j == 0 { "th" } else { "td" };
                    out.push_str(&format!("<{tag}>{}</{tag}>", escape(cell)));
                }
                out.push_str("</tr>");
            }
            out + "</table>"
        };
        let title = t(
            lang,
            "Borgerrådgiverens beretning: statistik",
            "The citizens' advisor's annual report: statistics",
        );
        let mut body = format!("<h1>{title}</h1><section class=\"monthly\">");
        body += &svg::monthly_chart(&self.monthly, svg::Style::Lines, lang, &self.policy);
        body += &table(
            &published_monthly_cells(&self.monthly, lang, &self.policy),
            t(lang, "Registreringer pr. måned", "Registrations per month"),
        );
        body += "</section>";
        for s in &self.summaries {
            body += &table(
                &summary_cells(s, lang, &self.policy),
                &format!("{} {}", t(lang, "Nøgletal", "Key figures"), s.year),
            );
        }
        for b in &self.breakdowns {
            body += &svg::breakdown_chart(b, lang, &self.policy);
            body += &table(
                &breakdown_cells(b, lang, &self.policy),
                &format!("{} {}", b.by.label(lang), b.year),
            );
        }
        body += &format!(
            "<p>{}</p>",
            escape(self.policy.monthly(&self.monthly, lang).policy(lang))
        );
        format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:auto}}svg{{max-width:100%}}table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #ccc;padding:2px 8px}}td{{text-align:right}}</style></head><body>{body}<p>{}</p></body></html>\n",
            match lang { Lang::Da => "da", Lang::En => "en" },
            escape(&self.counting_rule)
        )
    }

    /// The report in Markdown.
    pub fn markdown(&self, lang: Lang) -> String {
        let mut out = format!(
            "## {}\n\n",
            t(lang, "Registreringer pr. måned", "Registrations per month")
        );
        out += &markdown_table(&published_monthly_cells(&self.monthly, lang, &self.policy));
        for s in &self.summaries {
            out += &format!("\n## {} {}\n\n", t(lang, "Nøgletal", "Key figures"), s.year);
            out += &summary_markdown(s, lang, &self.policy);
        }
        for b in &self.breakdowns {
            out += &format!("\n## {} {}\n\n", b.by.label(lang), b.year);
            out += &markdown_table(&breakdown_cells(b, lang, &self.policy));
        }
        out += &format!(
            "\n{}\n{}\n",
            self.counting_rule,
            self.published_monthly.policy(lang)
        );
        out
    }

    /// The report as CSV sections separated by blank lines.
    pub fn csv(&self, lang: Lang) -> String {
        let mut parts = vec![csv_table(&published_monthly_cells(
            &self.monthly,
            lang,
            &self.policy,
        ))];
        parts.extend(
            self.summaries
                .iter()
                .map(|s| csv_table(&summary_cells(s, lang, &self.policy))),
        );
        parts.extend(
            self.breakdowns
                .iter()
                .map(|b| csv_table(&breakdown_cells(b, lang, &self.policy))),
        );
        parts.join("\n")
    }

    /// The report as pretty JSON.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serialises")
    }
}

/// The forms the annual report is printed in: `md`, `csv`, `json`, `svg`
/// (the monthly chart) and `html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Markdown tables (`md`), the default.
    #[default]
    Markdown,
    /// CSV sections separated by blank lines (`csv`).
    Csv,
    /// Pretty JSON (`json`).
    Json,
    /// The monthly chart as SVG (`svg`).
    Svg,
    /// A self-contained HTML page (`html`).
    Html,
}

impl std::str::FromStr for Format {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "md" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "svg" => Ok(Format::Svg),
            "html" => Ok(Format::Html),
            _ => Err(crate::Error::unknown(
                "format",
                s,
                &["md", "csv", "json", "svg", "html"],
            )),
        }
    }
}

impl AnnualReport {
    /// The annual report of a register, as the report commands print it
    /// (the Rust example `annual_report` and Python's `borgerraad report`):
    /// the monthly table of every year; the key figures of `year`, or of the
    /// register's last two years when no year is chosen; and for a chosen
    /// year its breakdowns by area, kind, requester, channel and outreach
    /// site. A `Range` error when no inquiry was received in `year`.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::render::{AnnualReport, Format};
    /// use borgerraad_core::{sample, Disclosure, Lang};
    /// let report = AnnualReport::of(&sample(), None, Lang::Da, Disclosure::default()).unwrap();
    /// let md = report.render(Format::Markdown, Lang::Da);
    /// assert!(md.contains("| I alt | 573 | 657 | 595 | 514 | 683 | 793 |"));
    /// ```
    pub fn of(
        register: &crate::Register,
        year: Option<i32>,
        lang: Lang,
        policy: Disclosure,
    ) -> crate::Result<AnnualReport> {
        let stats = register.stats();
        let years = stats.years();
        let key_years = match year {
            Some(y) => vec![y],
            None => years[years.len().saturating_sub(2)..].to_vec(),
        };
        let mut summaries = Vec::new();
        let mut breakdowns = Vec::new();
        for &y in &key_years {
            let ys = stats.get(y)?;
            summaries.push(ys.summary());
            if year.is_some() {
                for by in [By::Area, By::Kind, By::Requester, By::Channel, By::Site] {
                    breakdowns.push(ys.breakdown(by, register.taxonomy()));
                }
            }
        }
        Ok(AnnualReport::new(
            stats.monthly_table(&years),
            summaries,
            breakdowns,
            lang,
            policy,
        ))
    }

    /// The report in one format, as the report commands print it.
    pub fn render(&self, format: Format, lang: Lang) -> String {
        match format {
            Format::Markdown => self.markdown(lang),
            Format::Csv => self.csv(lang),
            Format::Json => self.json() + "\n",
            Format::Svg => {
                svg::monthly_chart(&self.monthly, svg::Style::Lines, lang, &self.policy) + "\n"
            }
            Format::Html => self.html(lang),
        }
    }
}
