//! Rendering the annual tables as the report prints them: Markdown, CSV,
//! JSON, HTML and SVG, with Danish number format (`47,75`) or English (`47.75`).
//!
//! Everything here formats what the disclosure engine ([`crate::Disclosure`]) publishes
//! ([`PublishedReport`], [`PublishedTable`]): a suppressed value, and a
//! derived figure computed from one, shows `–`, and the policy is printed
//! under every table. Exact counts are formatted only by [`internal`], which
//! is not for publication.

use schemars::JsonSchema;
use serde::Serialize;

pub mod svg;

use crate::base::text::to_spreadsheet;
use crate::codes::Lang;
use crate::disclosure::{Contents, Disclosure, PublishedReport, PublishedSummary, PublishedTable};
use crate::stats::By;

impl PublishedTable {
    /// The table in Markdown with `–` for suppressed values, and the policy below.
    pub fn markdown(&self, lang: Lang) -> String {
        let show = |v: Option<u64>| v.map_or("–".to_string(), |n| number(n as f64, lang));
        let total = match lang {
            Lang::Da => "I alt",
            Lang::En => "Total",
        };
        let mut header = vec![String::new()];
        header.extend(self.columns.iter().cloned());
        if self.row_totals.is_some() {
            header.push(total.into());
        }
        let mut out = format!(
            "| {} |\n|{}\n",
            header.join(" | "),
            "---|".repeat(header.len())
        );
        for (r, label) in self.rows.iter().enumerate() {
            let mut line: Vec<String> = vec![label.clone()];
            line.extend(self.cells[r].iter().map(|&v| show(v)));
            if let Some(t) = &self.row_totals {
                line.push(show(t[r]));
            }
            out += &format!("| {} |\n", line.join(" | "));
        }
        if let Some(t) = &self.column_totals {
            let mut line = vec![total.to_string()];
            line.extend(t.iter().map(|&v| show(v)));
            if self.row_totals.is_some() {
                line.push(String::new());
            }
            out += &format!("| {} |\n", line.join(" | "));
        }
        out + "\n" + self.policy(lang) + "\n"
    }
}

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

/// The words of a table's summary rows and share column, as every front
/// prints them: "I alt", "Gennemsnit" and "Andel" in Danish; "Total",
/// "Mean" and "Share" in English.
pub fn table_words(lang: Lang) -> [&'static str; 3] {
    [
        t(lang, "I alt", "Total"),
        t(lang, "Gennemsnit", "Mean"),
        t(lang, "Andel", "Share"),
    ]
}

fn t(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
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

/// Rows as CSV (rows may differ in length). A cell that a spreadsheet
/// would run as a formula (a label starting with `=`, `+`, `-` or `@`) is
/// written with a leading `'`, as the record writer does (OWASP's advice).
fn csv_table(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row.iter().map(|cell| to_spreadsheet(cell).into_owned()))
            .expect("writing to memory");
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

/// Exact counts, formatted as the report prints them: **internal use only,
/// not for publication** (a count of 1 here points at a person). Publish
/// through [`crate::disclosure::Disclosure`] and [`AnnualReport`] instead.
pub mod internal {
    use super::{csv_table, markdown_table, number, t, MonthlyReport, MonthlyRow};
    use crate::codes::Lang;
    use crate::stats::{month_name, MonthlyTable};

    /// The exact monthly table as text cells: a header, twelve months,
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

    /// The exact monthly table as rows of values and printed text.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::{render, sample, stats::Stats, Lang};
    /// let table = sample().stats().monthly_table(&[2019]);
    /// let report = render::internal::monthly_report(&table, Lang::Da);
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

    /// The exact monthly table in Markdown.
    pub fn monthly_markdown(table: &MonthlyTable, lang: Lang) -> String {
        markdown_table(&monthly_cells(table, lang))
    }

    /// The exact monthly table as CSV.
    pub fn monthly_csv(table: &MonthlyTable, lang: Lang) -> String {
        csv_table(&monthly_cells(table, lang))
    }
}

/// A published value as printed: the number, or `–` when suppressed.
pub fn shown(value: Option<u64>, lang: Lang) -> String {
    value.map_or("–".to_string(), |n| number(n as f64, lang))
}

fn shown_f(value: Option<f64>, lang: Lang) -> String {
    value.map_or("–".to_string(), |n| number(n, lang))
}

fn shown_share(value: Option<f64>, lang: Lang) -> String {
    value.map_or("–".to_string(), |p| share(p, lang))
}

/// The published monthly table as text cells: a header, twelve months,
/// "I alt" and "Gennemsnit"; suppressed values, and the means of
/// suppressed totals, are `–`.
///
/// # Example
/// ```
/// use borgerraad_core::{render, sample, stats::Stats, Disclosure, Lang};
/// let table = sample().stats().monthly_table(&[2017]);
/// let cells = render::monthly_cells(&Disclosure::default().monthly(&table, Lang::Da), Lang::Da);
/// assert_eq!(cells[13], ["I alt", "573"]);
/// assert_eq!(cells[14], ["Gennemsnit", "47,75"]);
/// ```
pub fn monthly_cells(p: &PublishedTable, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![std::iter::once(String::new())
        .chain(p.columns.iter().cloned())
        .collect::<Vec<_>>()];
    for (label, cells) in p.rows.iter().zip(&p.cells) {
        let mut row = vec![label.clone()];
        row.extend(cells.iter().map(|&v| shown(v, lang)));
        rows.push(row);
    }
    if let Some(totals) = &p.column_totals {
        let mut row = vec![t(lang, "I alt", "Total").to_string()];
        row.extend(totals.iter().map(|&v| shown(v, lang)));
        rows.push(row);
    }
    if let Some(means) = &p.column_means {
        let mut row = vec![t(lang, "Gennemsnit", "Mean").to_string()];
        row.extend(means.iter().map(|&v| shown_f(v, lang)));
        rows.push(row);
    }
    rows
}

/// The published key figures of a year as label/value rows, with the
/// forwarding and referral targets under their totals.
pub fn summary_cells(s: &PublishedSummary, lang: Lang) -> Vec<Vec<String>> {
    let repeat = match (s.repeat_citizens, s.repeat_share) {
        (Some(n), Some(p)) => format!("{} ({})", number(n as f64, lang), share(p, lang)),
        (n, _) => shown(n, lang),
    };
    let days = |d: Option<u64>| shown(d, lang);
    let mut rows = vec![
        vec![t(lang, "Nøgletal", "Key figure").into(), s.year.to_string()],
        vec![
            t(lang, "Registreringer", "Registrations").into(),
            shown(s.registrations, lang),
        ],
        vec![
            t(lang, "Borgere", "Distinct citizens").into(),
            shown(s.distinct_citizens, lang),
        ],
        vec![
            t(
                lang,
                "Borgere med flere henvendelser",
                "Citizens with more than one inquiry",
            )
            .into(),
            repeat,
        ],
        vec![
            t(lang, "Registreringer pr. måned", "Registrations per month").into(),
            shown_f(s.mean_registrations_per_month, lang),
        ],
        vec![
            t(lang, "Borgere pr. måned", "Citizens per month").into(),
            shown_f(s.mean_citizens_per_month, lang),
        ],
        vec![
            t(lang, "Dage åben, median", "Days open, median").into(),
            days(s.days_open_median),
        ],
        vec![
            t(
                lang,
                "Dage åben, 90 %-fraktil",
                "Days open, 90th percentile",
            )
            .into(),
            days(s.days_open_p90),
        ],
    ];
    for targets in [&s.forwarded, &s.referred] {
        rows.push(vec![
            targets.columns[0].clone(),
            shown(targets.column_totals.as_ref().and_then(|t| t[0]), lang),
        ]);
        for (code, cell) in targets.rows.iter().zip(&targets.cells) {
            rows.push(vec![format!("  → {code}"), shown(cell[0], lang)]);
        }
    }
    rows
}

/// A published breakdown as rows: a header, then label, count and share;
/// a suppressed count and its share show `–`, and the total closes it.
pub fn breakdown_cells(b: &PublishedTable, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        b.columns[0].clone(),
        t(lang, "Antal", "Count").into(),
        t(lang, "Andel", "Share").into(),
    ]];
    for (r, label) in b.rows.iter().enumerate() {
        let share = b.shares.as_ref().and_then(|s| s[r]);
        rows.push(vec![
            label.clone(),
            shown(b.cells[r][0], lang),
            shown_share(share, lang),
        ]);
    }
    rows.push(vec![
        t(lang, "I alt", "Total").into(),
        shown(b.column_totals.as_ref().and_then(|t| t[0]), lang),
        String::new(),
    ]);
    rows
}

/// A report as published: everything in it comes from one
/// [`PublishedReport`] (see [`crate::disclosure::Disclosure::report`]).
///
/// # Example
/// ```
/// use borgerraad_core::{Contents, Disclosure};
/// use borgerraad_core::render::AnnualReport;
/// use borgerraad_core::{sample, Lang};
/// let register = sample();
/// let contents = Contents { table_years: vec![2017], ..Contents::default() };
/// let published = Disclosure::default().report(&register.stats(), &contents, Lang::Da).unwrap();
/// let md = AnnualReport::new(published, Lang::Da).markdown();
/// assert!(md.contains("| I alt | 573 |") && md.contains("| Gennemsnit | 47,75 |"));
/// assert!(md.contains("Diskretionering"));
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct AnnualReport {
    /// Everything published, after disclosure control.
    #[serde(flatten)]
    pub published: PublishedReport,
    /// The counting rule used in the breakdowns.
    pub counting_rule: String,
    /// The language of labels and numbers.
    #[serde(skip)]
    pub lang: Lang,
}

impl AnnualReport {
    /// A report of `published`, in `lang`.
    pub fn new(published: PublishedReport, lang: Lang) -> Self {
        AnnualReport {
            counting_rule: published.counting.text(lang).into(),
            published,
            lang,
        }
    }

    fn policy(&self) -> &str {
        self.published.policy(self.lang)
    }

    /// The monthly chart in SVG.
    pub fn svg(&self, style: svg::Style) -> String {
        svg::monthly_chart(&self.published.monthly, style, self.lang)
    }

    /// The charts of the report, drawn from the same published figures as
    /// its tables: the monthly chart, then one per breakdown.
    pub fn charts(&self, style: svg::Style) -> Vec<String> {
        std::iter::once(self.svg(style))
            .chain(
                self.published
                    .breakdowns
                    .iter()
                    .map(|b| svg::breakdown_chart(b, self.lang)),
            )
            .collect()
    }

    /// Every table: its caption, text cells, chart, and the note printed
    /// under it (the policy; for a breakdown, the counting rule too).
    fn tables(&self) -> Vec<Table> {
        let lang = self.lang;
        let policy = self.policy().to_string();
        let mut out = vec![Table {
            caption: t(lang, "Registreringer pr. måned", "Registrations per month").to_string(),
            rows: monthly_cells(&self.published.monthly, lang),
            chart: Some(self.svg(svg::Style::Lines)),
            note: policy.clone(),
        }];
        for s in &self.published.summaries {
            out.push(Table {
                caption: format!("{} {}", t(lang, "Nøgletal", "Key figures"), s.year),
                rows: summary_cells(s, lang),
                chart: None,
                note: policy.clone(),
            });
        }
        for b in &self.published.breakdowns {
            out.push(Table {
                caption: b.columns[0].clone(),
                rows: breakdown_cells(b, lang),
                chart: Some(svg::breakdown_chart(b, lang)),
                note: format!("{policy} {}", self.counting_rule),
            });
        }
        out
    }

    /// The report as a self-contained HTML page: each chart beside its
    /// table, the policy under every table.
    pub fn html(&self) -> String {
        let lang = self.lang;
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
        let title = escape(self.published.title.get(lang));
        let mut body = format!("<h1>{title}</h1>");
        for t in self.tables() {
            body += "<section>";
            body += &t.chart.unwrap_or_default();
            body += &table(&t.rows, &t.caption);
            body += &format!("<p class=\"policy\">{}</p></section>", escape(&t.note));
        }
        format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:auto}}svg{{max-width:100%}}table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #ccc;padding:2px 8px}}td{{text-align:right}}</style></head><body>{body}</body></html>\n",
            match lang { Lang::Da => "da", Lang::En => "en" },
        )
    }

    /// The report in Markdown, the policy (and under a breakdown, the
    /// counting rule) under every table.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.tables().into_iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out += &format!("## {}\n\n", t.caption);
            out += &markdown_table(&t.rows);
            out += &format!("\n{}\n", t.note);
        }
        out
    }

    /// The report as CSV sections separated by blank lines; each section
    /// ends with a row holding its note (the policy, and the counting rule).
    pub fn csv(&self) -> String {
        self.tables()
            .into_iter()
            .map(|mut t| {
                t.rows.push(vec![t.note]);
                csv_table(&t.rows)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The report as pretty JSON: only published values (`null` where suppressed).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serialises")
    }
}

/// One table of the report, as [`AnnualReport`] prints it.
struct Table {
    caption: String,
    rows: Vec<Vec<String>>,
    chart: Option<String>,
    note: String,
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

/// What the annual report of a register holds, and in which language.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// The year of the key figures and breakdowns; without it, the key
    /// figures of the register's last two years and no breakdowns.
    pub year: Option<i32>,
    /// The language of labels and numbers.
    pub lang: Lang,
    /// The disclosure threshold; the office's by default.
    pub threshold: Option<u64>,
}

impl AnnualReport {
    /// The annual report of a register, as the report commands print it
    /// (the Rust example `annual_report` and Python's `borgerraad report`):
    /// the monthly table of every year; the key figures of the chosen year,
    /// or of the register's last two years; and for a chosen year its
    /// breakdowns by area, department, kind, requester, channel, outreach
    /// site and outcome. Everything goes through the disclosure engine
    /// together. A `RangeError` when no inquiry was received in the year.
    ///
    /// # Example
    /// ```
    /// use borgerraad_core::render::{AnnualReport, Format, ReportOptions};
    /// use borgerraad_core::sample;
    /// let report = AnnualReport::of(&sample(), &ReportOptions::default()).unwrap();
    /// let md = report.render(Format::Markdown);
    /// assert!(md.contains("| I alt | 573 | 657 | 595 | 514 | 683 | 793 |"));
    /// ```
    pub fn of(register: &crate::Register, options: &ReportOptions) -> crate::Result<AnnualReport> {
        let stats = register.stats();
        let years = stats.years();
        let key_years = match options.year {
            Some(y) => vec![y],
            None => years[years.len().saturating_sub(2)..].to_vec(),
        };
        for &y in &key_years {
            stats.year(y)?;
        }
        let breakdowns = match options.year {
            Some(y) => [
                By::Area,
                By::Department,
                By::Kind,
                By::Requester,
                By::Channel,
                By::Site,
                By::Outcome,
            ]
            .map(|by| (y, by))
            .to_vec(),
            None => Vec::new(),
        };
        let contents = Contents {
            table_years: years,
            key_years,
            breakdowns,
        };
        let policy = Disclosure::of(register.office(), options.threshold);
        let published = policy.report(&stats, &contents, options.lang)?;
        Ok(AnnualReport::new(published, options.lang))
    }

    /// The report in one format, as the report commands print it.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Markdown => self.markdown(),
            Format::Csv => self.csv(),
            Format::Json => self.json() + "\n",
            Format::Svg => self.svg(svg::Style::Lines) + "\n",
            Format::Html => self.html(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn published_csv_neutralises_formula_cells() {
        // A label a municipality wrote into its taxonomy, as OWASP's example
        // of CSV injection; the count and the dash of a hidden cell stay.
        let rows = vec![
            vec!["=HYPERLINK(\"http://x\")".to_string(), "12".into()],
            vec!["Jobcenter".into(), "–".into()],
        ];
        assert_eq!(
            super::csv_table(&rows),
            "\"'=HYPERLINK(\"\"http://x\"\")\",12\nJobcenter,–\n"
        );
    }
}
