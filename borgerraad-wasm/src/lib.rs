//! The WebAssembly package `borgerraad`: conversions and error mapping over
//! `borgerraad-core`, one file per core module. Plain JS objects cross the
//! boundary; errors are `Error` objects whose `name` is the error kind.

mod calendar;
mod convert;
mod deadline;
mod errors;
mod referral;
mod register;
mod taxonomy;
mod types;

use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;

/// The embedded synthetic sample register (Esbjerg 2017–2022).
#[wasm_bindgen]
pub fn sample() -> register::JsRegister {
    register::JsRegister::sample()
}

/// The JSON Schema of a wire format (`inquiry`, `taxonomy`, `ruleset`, ...).
#[wasm_bindgen(js_name = jsonSchema)]
pub fn json_schema(name: &str) -> Result<String, JsValue> {
    borgerraad_core::schema::json_schema(name)
        .map(str::to_string)
        .js()
}

/// A number as the report prints it: `47,75` in Danish ("da", the default), `47.75` in English.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: f64, lang: Option<String>) -> Result<String, JsValue> {
    Ok(borgerraad_core::render::number(
        value,
        register::parse_lang(lang)?,
    ))
}

/// A share as the report prints it: `27 %` in Danish.
#[wasm_bindgen(js_name = formatShare)]
pub fn format_share(percent: f64, lang: Option<String>) -> Result<String, JsValue> {
    Ok(borgerraad_core::render::share(
        percent,
        register::parse_lang(lang)?,
    ))
}
