//! TypeScript names for the values that cross the boundary. The types
//! themselves are generated from the core's JSON Schemas (`schema/`) into
//! `types.d.ts` by `tests/js/gen-types.mjs`, and included here.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const LOAD_OPTIONS: &str = r#"
/** The options of every loader. */
export interface LoadOptions {
  /** "raise" (all or nothing, the default) or "collect". */
  onError?: "raise" | "collect";
  /** The day the register is read as of, `YYYY-MM-DD`. */
  asOf?: string;
  /** The office's secret (at least 16 bytes) that turns a `cpr` column into citizen keys. */
  cprSecret?: string;
  /** The most bytes the load may take. */
  memoryBudget?: number;
  /** A shipped profile's id ("egedal") or a profile document's JSON text. */
  profile?: string;
}

/** The options of `fromBytes` and `check` (`borgerraad/sheet`). */
export interface ImportOptions extends LoadOptions {
  /** The worksheet of a workbook; by default the first visible one. */
  sheet?: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `Inquiry[]`
    #[wasm_bindgen(typescript_type = "Inquiry[]")]
    pub type InquiryArray;
    /// `Inquiry`
    #[wasm_bindgen(typescript_type = "Inquiry")]
    pub type InquiryValue;
    /// `YearSummary`
    #[wasm_bindgen(typescript_type = "YearSummary")]
    pub type YearSummaryValue;
    /// `Breakdown`
    #[wasm_bindgen(typescript_type = "Breakdown")]
    pub type BreakdownValue;
    /// `MonthlyReport`
    #[wasm_bindgen(typescript_type = "MonthlyReport")]
    pub type MonthlyReportValue;
    /// `Holiday[]`
    #[wasm_bindgen(typescript_type = "Holiday[]")]
    pub type HolidayArray;
    /// `Trace`
    #[wasm_bindgen(typescript_type = "Trace")]
    pub type TraceValue;
    /// `Status`
    #[wasm_bindgen(typescript_type = "Status")]
    pub type StatusValue;
    /// `Decision`
    #[wasm_bindgen(typescript_type = "Decision")]
    pub type DecisionValue;
    /// `Rule[]` (the deadline catalogue)
    #[wasm_bindgen(typescript_type = "Rule[]")]
    pub type RuleArray;
    /// `Error[]`
    #[wasm_bindgen(typescript_type = "Error[]")]
    pub type ErrorArray;
    /// `PublishedTable`
    #[wasm_bindgen(typescript_type = "PublishedTable")]
    pub type PublishedTableValue;
    /// `PublishedReport`
    #[wasm_bindgen(typescript_type = "PublishedReport")]
    pub type PublishedReportValue;
    /// `[number, string][]`: breakdowns as `[year, by]` pairs
    #[wasm_bindgen(typescript_type = "[number, string][]")]
    pub type BreakdownPairs;
    /// `ErasureReceipt`
    #[wasm_bindgen(typescript_type = "ErasureReceipt")]
    pub type ErasureReceiptValue;
    /// `Rectification[]`
    #[wasm_bindgen(typescript_type = "Rectification[]")]
    pub type RectificationArray;
    /// `Partial<Inquiry>`, a patch of fields (null removes an optional field)
    #[wasm_bindgen(typescript_type = "{ [K in keyof Inquiry]?: Inquiry[K] | null }")]
    pub type InquiryPatch;
    /// `LoadOptions`, the options of every loader
    #[wasm_bindgen(typescript_type = "LoadOptions")]
    pub type LoadOptionsArg;
    /// `ImportOptions`, the options of `fromBytes` and `check`
    #[wasm_bindgen(typescript_type = "ImportOptions")]
    pub type ImportOptionsArg;
    /// `LoadReport`
    #[wasm_bindgen(typescript_type = "LoadReport")]
    pub type LoadReportValue;
    /// `string | Uint8Array`
    #[wasm_bindgen(typescript_type = "string | Uint8Array")]
    pub type TextOrBytes;
}
