//! `borgerraad/sheet`, the whole register: an office's own register read
//! by its content (JSON Lines, the record CSV, a Danish CSV or an Excel
//! workbook) with the profile's import section, the dry run, and the GDPR
//! operations. It is a module of its own because the workbook reader and
//! the JSON merge patch are large: a page of statistics loads it when a
//! file is dropped, or never.

use borgerraad_core::import::{self, ImportOptions};
use borgerraad_core::{sheet, Profile, Rejected};
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, to_js};
use crate::errors::IntoJs;
use crate::register::{bytes_of, options, JsRegister, LOAD_KEYS};
use crate::types::{
    ErasureReceiptValue, ImportOptionsArg, InquiryArray, InquiryPatch, LoadReportValue,
    RectificationArray, TextOrBytes,
};

/// The options and profile of `fromBytes` and `check`.
fn import_options(options: Option<ImportOptionsArg>) -> Result<(ImportOptions, Profile), JsValue> {
    let mut keys = LOAD_KEYS.to_vec();
    keys.push("sheet");
    let options = self::options(options.map(Into::into), &keys)?;
    let profile = match &options.profile {
        Some(p) => Profile::from_id_or_json(p).js()?,
        None => Profile::esbjerg(),
    };
    let sheet = sheet::Options {
        sheet: options.sheet,
        ..sheet::Options::default()
    };
    Ok((
        ImportOptions {
            sheet,
            load: options.load,
        },
        profile,
    ))
}

#[wasm_bindgen(js_class = Register)]
impl JsRegister {
    /// Loads an office's own file, told by its content: JSON Lines, the
    /// record CSV, or a sheet (.xlsx, or CSV separated by `,`, `;` or tab in
    /// UTF-8 or Windows-1252) read with the profile's import section: its
    /// headers, labels and aliases, Danish dates, blank and total rows
    /// skipped. `options` are the loaders' (`profile`, `onError`, `asOf`,
    /// `cprSecret`, `memoryBudget`) and `sheet`, the worksheet. An error
    /// names the sheet's row and header; `loadReport` tells what was read.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        input: TextOrBytes,
        source: String,
        options: Option<ImportOptionsArg>,
    ) -> Result<JsRegister, JsValue> {
        let (options, profile) = import_options(options)?;
        let (inner, report) = import::load(&bytes_of(input)?, &source, &profile, &options).js()?;
        Ok(JsRegister {
            inner,
            rejected: (report.rejected.iter())
                .map(|r| Rejected {
                    line: r.row,
                    error: r.error.clone(),
                })
                .collect(),
            report: Some(report),
        })
    }

    /// A dry run of `fromBytes`: what a load would do, in the sheet's own
    /// terms (its headers, Excel's row numbers, the sheet's name): per
    /// column the values that map to nothing, the rows skipped and why, the
    /// rejections grouped by reason. A file that cannot be read at all is
    /// an error.
    pub fn check(
        input: TextOrBytes,
        source: String,
        options: Option<ImportOptionsArg>,
    ) -> Result<LoadReportValue, JsValue> {
        let (options, profile) = import_options(options)?;
        let report = import::check(&bytes_of(input)?, &source, &profile, &options).js()?;
        Ok(to_js(&report)?.unchecked_into())
    }

    /// What `fromBytes` read: format, sheet, header row, columns and the
    /// fields they gave, rows skipped, values that mapped to nothing,
    /// rejections and warnings (citizen keys that look like initials).
    /// `null` for a register loaded otherwise.
    #[wasm_bindgen(getter, js_name = loadReport)]
    pub fn load_report(&self) -> Result<Option<LoadReportValue>, JsValue> {
        self.report
            .as_ref()
            .map(|r| Ok(to_js(r)?.unchecked_into()))
            .transpose()
    }

    // The register's duties under the GDPR, with the office's files: a
    // page of statistics needs none of them at first.

    /// All records of one citizen (GDPR art. 15).
    #[wasm_bindgen(js_name = subjectAccess)]
    pub fn subject_access(&self, citizen: &str) -> Result<InquiryArray, JsValue> {
        Ok(to_js(&self.inner.subject_access(citizen))?.unchecked_into())
    }

    /// What the rectification history holds about one citizen (GDPR art.
    /// 15): the entries of their records and of records that held their key
    /// before a rectification.
    #[wasm_bindgen(js_name = subjectHistory)]
    pub fn subject_history(&self, citizen: &str) -> Result<RectificationArray, JsValue> {
        Ok(to_js(&self.inner.subject_history(citizen))?.unchecked_into())
    }

    /// Erases all records of one citizen (GDPR art. 17); `on` is `YYYY-MM-DD`.
    pub fn erase(&mut self, citizen: &str, on: &str) -> Result<ErasureReceiptValue, JsValue> {
        let on = date(on, "on")?;
        Ok(to_js(&self.inner.erase(citizen, on))?.unchecked_into())
    }

    /// Corrects a record (GDPR art. 16) with a patch of fields; the previous
    /// values are kept in `history(id)`. On error nothing changes.
    pub fn rectify(&mut self, id: &str, patch: InquiryPatch, on: &str) -> Result<(), JsValue> {
        let patch: serde_json::Map<String, serde_json::Value> = from_js(patch.into(), "patch")?;
        self.inner.rectify(id, &patch, date(on, "on")?).js()
    }

    /// The rectifications of a record.
    pub fn history(&self, id: &str) -> Result<RectificationArray, JsValue> {
        Ok(to_js(&self.inner.history(id))?.unchecked_into())
    }
}
