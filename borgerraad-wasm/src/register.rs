//! `Register`: loading, statistics and charts.

use borgerraad_core::render::{internal, svg, AnnualReport};
use borgerraad_core::Pseudonymizer;
use borgerraad_core::{
    sample,
    stats::{Breakdown, By, Stats},
    Disclosure, Lang, LoadOptions, Office, OnError, Register,
};
use borgerraad_core::{Contents, PublishedReport};
use wasm_bindgen::prelude::*;

use crate::convert::{bytes, date, from_js, json_text, parse_lang, to_js};
use crate::errors::{to_js as error_to_js, IntoJs};
use crate::types::*;

/// The validated collection of inquiries (henvendelser).
#[wasm_bindgen(js_name = Register)]
pub struct JsRegister {
    pub(crate) inner: Register,
    pub(crate) rejected: Vec<borgerraad_core::Rejected>,
    /// What reading an office's own file found (`borgerraad/sheet`'s `fromBytes`).
    #[cfg_attr(not(feature = "sheet"), allow(dead_code))]
    pub(crate) report: Option<borgerraad_core::import::LoadReport>,
}

/// The keys of a loader's options object (`LoadOptions` in the `.d.ts`).
pub(crate) const LOAD_KEYS: [&str; 5] = ["onError", "asOf", "cprSecret", "memoryBudget", "profile"];

/// A loader's options object, read.
pub(crate) struct Options {
    pub load: LoadOptions,
    /// A shipped profile's id or a profile document's JSON text.
    pub profile: Option<String>,
    /// The worksheet of a workbook (`ImportOptions.sheet`).
    #[cfg_attr(not(feature = "sheet"), allow(dead_code))]
    pub sheet: Option<String>,
}

/// Reads a loader's options object, whose keys may be `keys`. An unknown
/// key or a value of the wrong type is a `ParseError` naming it: a
/// misspelt option is never passed over.
pub(crate) fn options(options: Option<JsValue>, keys: &[&str]) -> Result<Options, JsValue> {
    let bad = |what: &str, reason: &str| crate::errors::bad_input(what, reason);
    let Some(options) = options.filter(|o| !o.is_undefined()) else {
        return Ok(Options {
            load: LoadOptions::default(),
            profile: None,
            sheet: None,
        });
    };
    let object: &js_sys::Object = options
        .dyn_ref()
        .ok_or_else(|| bad("options", "expected an object"))?;
    for key in js_sys::Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
    {
        if !keys.contains(&key.as_str()) {
            let reason = format!(
                "unknown option `{key}` (expected one of {})",
                keys.join(", ")
            );
            return Err(bad("options", &reason));
        }
    }
    let get = |key: &str| {
        js_sys::Reflect::get(object, &key.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let text = |key: &str| -> Result<Option<String>, JsValue> {
        get(key)
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| bad(&format!("options.{key}"), "expected a string"))
            })
            .transpose()
    };
    let load = LoadOptions {
        on_error: text("onError")?
            .as_deref()
            .unwrap_or("raise")
            .parse::<OnError>()
            .js()?,
        as_of: text("asOf")?.map(|d| date(&d, "asOf")).transpose()?,
        pseudonymizer: text("cprSecret")?
            .map(|s| Pseudonymizer::new(s.as_bytes()))
            .transpose()
            .js()?,
        memory_budget: get("memoryBudget")
            .map(|v| match v.as_f64() {
                Some(n) => bytes(n, "memoryBudget"),
                None => Err(bad("options.memoryBudget", "expected a number")),
            })
            .transpose()?,
    };
    Ok(Options {
        load,
        profile: text("profile")?,
        sheet: text("sheet")?,
    })
}

fn load(
    f: impl FnOnce(
        &mut Register,
        &LoadOptions,
    ) -> borgerraad_core::Result<Vec<borgerraad_core::Rejected>>,
    options: Option<LoadOptionsArg>,
) -> Result<JsRegister, JsValue> {
    let options = self::options(options.map(Into::into), &LOAD_KEYS)?;
    let office = match options.profile {
        Some(p) => Office::from_id_or_json(&p).js()?,
        None => Office::default(),
    };
    let mut inner = Register::new(office);
    let rejected = f(&mut inner, &options.load).js()?;
    Ok(JsRegister {
        inner,
        rejected,
        report: None,
    })
}

/// The bytes of a string or a `Uint8Array`.
pub(crate) fn bytes_of(input: TextOrBytes) -> Result<Vec<u8>, JsValue> {
    let value: JsValue = input.into();
    match value.as_string() {
        Some(text) => Ok(text.into_bytes()),
        None => match value.dyn_into::<js_sys::Uint8Array>() {
            Ok(bytes) => Ok(bytes.to_vec()),
            Err(_) => Err(crate::errors::bad_input(
                "input",
                "expected a string or a Uint8Array",
            )),
        },
    }
}

#[wasm_bindgen(js_class = Register)]
impl JsRegister {
    /// Loads JSON Lines, as text or as bytes (a file's `arrayBuffer()`;
    /// invalid UTF-8 is an error of its line). `options` (every loader takes
    /// them): `onError` "raise" (all or nothing, the default) or "collect";
    /// `asOf` `YYYY-MM-DD`; `memoryBudget`, the most bytes the load may take
    /// (a `RangeError` when the input could need more); `profile`, a shipped
    /// profile's id ("egedal") or a profile document's JSON text (Esbjerg's
    /// by default; `Profile.fromJson` checks one first); `cprSecret` (CSV).
    #[wasm_bindgen(js_name = fromJsonl)]
    pub fn from_jsonl(
        input: TextOrBytes,
        source: Option<String>,
        options: Option<LoadOptionsArg>,
    ) -> Result<JsRegister, JsValue> {
        let (bytes, source) = (
            bytes_of(input)?,
            source.unwrap_or_else(|| "input.jsonl".into()),
        );
        load(|r, o| r.load_jsonl(&bytes, &source, o), options)
    }

    /// Loads CSV in the record format's columns, as text or bytes. With the
    /// option `cprSecret` (at least 16 bytes) a `cpr` column is turned into
    /// citizen keys (HMAC-SHA256) and dropped; without it such a column is refused.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        input: TextOrBytes,
        source: Option<String>,
        options: Option<LoadOptionsArg>,
    ) -> Result<JsRegister, JsValue> {
        let (bytes, source) = (
            bytes_of(input)?,
            source.unwrap_or_else(|| "input.csv".into()),
        );
        load(|r, o| r.load_csv(&bytes, &source, o), options)
    }

    /// Loads plain objects in the record format; record `n` is reported as line `n`.
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(
        records: InquiryArray,
        options: Option<LoadOptionsArg>,
    ) -> Result<JsRegister, JsValue> {
        // Each record is read on its own, so that an error names its position.
        let values: Vec<JsValue> = js_sys::Array::from(&records).iter().collect();
        let mut lines = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            lines.push(json_text(v, &format!("records: record {}", i + 1))?);
        }
        let text = lines.join("\n");
        load(|r, o| r.load_jsonl(text.as_bytes(), "records", o), options)
    }

    /// The embedded synthetic sample (Esbjerg 2017–2022).
    pub fn sample() -> JsRegister {
        JsRegister {
            inner: sample(),
            rejected: Vec::new(),
            report: None,
        }
    }

    /// The number of inquiries.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The records that a load with `onError: "collect"` rejected, as
    /// `Error` objects (with `name`, `line`, `record` and `field`).
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> ErrorArray {
        self.rejected
            .iter()
            .map(|r| error_to_js(r.error.clone()))
            .collect::<js_sys::Array>()
            .unchecked_into()
    }

    /// The monthly table after disclosure control (threshold 5 by default).
    #[wasm_bindgen(js_name = publishedMonthlyTable)]
    pub fn published_monthly_table(
        &self,
        years: Vec<i32>,
        threshold: Option<u32>,
        lang: Option<String>,
    ) -> Result<PublishedTableValue, JsValue> {
        let table = self.inner.stats().monthly_table(&years);
        Ok(to_js(&self.policy(threshold).monthly(&table, parse_lang(lang)?))?.unchecked_into())
    }

    /// A breakdown after disclosure control.
    #[wasm_bindgen(js_name = publishedBreakdown)]
    pub fn published_breakdown(
        &self,
        year: i32,
        by: &str,
        threshold: Option<u32>,
        lang: Option<String>,
    ) -> Result<PublishedTableValue, JsValue> {
        let b = self.breakdown_of(year, by)?;
        Ok(to_js(
            &self
                .policy(threshold)
                .breakdown(&b, self.inner.office(), parse_lang(lang)?),
        )?
        .unchecked_into())
    }

    /// The records as plain objects.
    #[wasm_bindgen(js_name = toRecords)]
    pub fn to_records(&self) -> Result<InquiryArray, JsValue> {
        Ok(to_js(self.inner.inquiries())?.unchecked_into())
    }

    /// The register as JSON Lines text.
    #[wasm_bindgen(js_name = toJsonl)]
    pub fn to_jsonl(&self) -> Result<String, JsValue> {
        let mut out = Vec::new();
        self.inner.write_jsonl(&mut out).js()?;
        Ok(String::from_utf8(out).expect("JSON is UTF-8"))
    }

    /// The years with inquiries, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.inner.stats().years()
    }

    /// Everything a report publishes, under disclosure control over all of
    /// it together (threshold 5 by default): the monthly table of
    /// `tableYears`, the key figures of `keyYears` and the breakdowns
    /// `[[year, by], ...]`. Suppressed values are `null`.
    #[wasm_bindgen(js_name = publishedReport)]
    pub fn published_report(
        &self,
        table_years: Vec<i32>,
        key_years: Vec<i32>,
        breakdowns: Option<BreakdownPairs>,
        lang: Option<String>,
        threshold: Option<u32>,
    ) -> Result<PublishedReportValue, JsValue> {
        let report = self.report(
            table_years,
            key_years,
            breakdowns,
            parse_lang(lang)?,
            threshold,
        )?;
        Ok(to_js(&report)?.unchecked_into())
    }

    /// The charts of `publishedReport` with the same arguments, drawn from
    /// the same published figures: the monthly chart (`style` "lines"), then
    /// one SVG per breakdown.
    #[wasm_bindgen(js_name = publishedCharts)]
    pub fn published_charts(
        &self,
        table_years: Vec<i32>,
        key_years: Vec<i32>,
        breakdowns: Option<BreakdownPairs>,
        lang: Option<String>,
        threshold: Option<u32>,
    ) -> Result<Vec<String>, JsValue> {
        let lang = parse_lang(lang)?;
        let report = self.report(table_years, key_years, breakdowns, lang, threshold)?;
        Ok(AnnualReport::new(report, lang).charts(svg::Style::Lines))
    }

    /// Exact counts for internal use, **not for publication**: a count of 1
    /// there points at a person. Publish through `publishedReport`.
    pub fn internal(&self) -> JsInternal {
        JsInternal {
            stats: self.inner.stats(),
        }
    }

    /// The multi-year monthly chart as SVG (`style` "lines" or "bars"),
    /// after disclosure control (threshold 5 by default).
    #[wasm_bindgen(js_name = monthlyChartSvg)]
    pub fn monthly_chart_svg(
        &self,
        years: Vec<i32>,
        style: Option<String>,
        lang: Option<String>,
        threshold: Option<u32>,
    ) -> Result<String, JsValue> {
        let style: svg::Style = style.as_deref().unwrap_or("lines").parse().js()?;
        let lang = parse_lang(lang)?;
        let table = self.inner.stats().monthly_table(&years);
        let published = self.policy(threshold).monthly(&table, lang);
        Ok(svg::monthly_chart(&published, style, lang))
    }

    /// A breakdown as a bar chart in SVG, after disclosure control.
    #[wasm_bindgen(js_name = breakdownChartSvg)]
    pub fn breakdown_chart_svg(
        &self,
        year: i32,
        by: &str,
        lang: Option<String>,
        threshold: Option<u32>,
    ) -> Result<String, JsValue> {
        let lang = parse_lang(lang)?;
        let published = self.policy(threshold).breakdown(
            &self.breakdown_of(year, by)?,
            self.inner.office(),
            lang,
        );
        Ok(svg::breakdown_chart(&published, lang))
    }
}

impl JsRegister {
    /// The disclosure policy: `threshold`, or else the profile's.
    fn policy(&self, threshold: Option<u32>) -> Disclosure {
        Disclosure::of(self.inner.office(), threshold.map(u64::from))
    }

    fn report(
        &self,
        table_years: Vec<i32>,
        key_years: Vec<i32>,
        breakdowns: Option<BreakdownPairs>,
        lang: Lang,
        threshold: Option<u32>,
    ) -> Result<PublishedReport, JsValue> {
        let pairs: Vec<(i32, String)> = match breakdowns {
            None => Vec::new(),
            Some(b) => from_js(b.into(), "breakdowns")?,
        };
        let breakdowns = pairs
            .into_iter()
            .map(|(y, by)| Ok((y, by.parse::<By>().js()?)))
            .collect::<Result<Vec<_>, JsValue>>()?;
        let contents = Contents {
            table_years,
            key_years,
            breakdowns,
        };
        self.policy(threshold)
            .report(&self.inner.stats(), &contents, lang)
            .js()
    }

    fn breakdown_of(&self, year: i32, by: &str) -> Result<Breakdown, JsValue> {
        let by: By = by.parse().js()?;
        self.inner.stats().breakdown(year, by).js()
    }
}

/// Exact counts of a register for internal use, **not for publication**
/// (`register.internal()`).
#[wasm_bindgen(js_name = InternalCounts)]
pub struct JsInternal {
    stats: Stats,
}

#[wasm_bindgen(js_class = InternalCounts)]
impl JsInternal {
    /// The exact key figures of one year.
    #[wasm_bindgen(js_name = yearSummary)]
    pub fn year_summary(&self, year: i32) -> Result<YearSummaryValue, JsValue> {
        Ok(to_js(&self.stats.year(year).js()?.summary())?.unchecked_into())
    }

    /// The exact monthly table: months, "I alt" and "Gennemsnit" by year,
    /// with the printed text of each cell (`lang` "da", the default, or "en").
    #[wasm_bindgen(js_name = monthlyTable)]
    pub fn monthly_table(
        &self,
        years: Vec<i32>,
        lang: Option<String>,
    ) -> Result<MonthlyReportValue, JsValue> {
        let table = self.stats.monthly_table(&years);
        Ok(to_js(&internal::monthly_report(&table, parse_lang(lang)?))?.unchecked_into())
    }

    /// Exact count and percent by `area`, `department`, `kind`, `requester`, `channel` or `site`.
    pub fn breakdown(&self, year: i32, by: &str) -> Result<BreakdownValue, JsValue> {
        let by: By = by.parse().js()?;
        Ok(to_js(&self.stats.breakdown(year, by).js()?)?.unchecked_into())
    }
}
