//! The WebAssembly package `borgerraad`: conversions and error mapping over
//! `borgerraad-core`, one file per core module. Plain JS objects cross the
//! boundary; errors are `Error` objects whose `name` is the error kind.
//!
//! The package is two modules, one build of this crate each, so that a page
//! loads only what it uses: `register` (the default module: loading,
//! statistics, publishing, charts) and `rules` (`borgerraad/rules`:
//! calendars, deadlines, referral rules, taxonomies, JSON Schemas), which
//! takes plain values only and so needs nothing of the first. A third,
//! `sheet` (`borgerraad/sheet`), is the whole register: the first with the
//! reading of an office's own files (`Register.fromBytes`,
//! `Register.check`, .xlsx included) and the GDPR operations, which a page
//! loads when a file is dropped. A build with
//! every feature is one module with everything.

#[cfg(feature = "rules")]
mod calendar;
mod convert;
#[cfg(feature = "rules")]
mod deadline;
mod errors;
#[cfg(feature = "register")]
mod profile;
#[cfg(feature = "rules")]
mod referral;
#[cfg(feature = "register")]
mod register;
#[cfg(feature = "rules")]
mod schema;
#[cfg(feature = "sheet")]
mod sheet;
#[cfg(feature = "rules")]
mod taxonomy;
mod types;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: the core puts citizen keys in
/// Unicode NFC with JavaScript's `String.prototype.normalize`, so the
/// `.wasm` carries no normalisation tables of its own.
#[wasm_bindgen(start)]
fn start() {
    borgerraad_core::bindings::set_nfc(|s| js_sys::JsString::from(s).normalize("NFC").into());
}

/// The embedded synthetic sample register (Esbjerg 2017–2022).
#[cfg(feature = "register")]
#[wasm_bindgen]
pub fn sample() -> register::JsRegister {
    register::JsRegister::sample()
}

/// A number as the report prints it: `47,75` in Danish ("da", the default), `47.75` in English.
#[cfg(feature = "register")]
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: f64, lang: Option<String>) -> Result<String, JsValue> {
    Ok(borgerraad_core::render::number(
        value,
        convert::parse_lang(lang)?,
    ))
}

/// A share as the report prints it: `27 %` in Danish.
#[cfg(feature = "register")]
#[wasm_bindgen(js_name = formatShare)]
pub fn format_share(percent: f64, lang: Option<String>) -> Result<String, JsValue> {
    Ok(borgerraad_core::render::share(
        percent,
        convert::parse_lang(lang)?,
    ))
}
