//! Plain JS objects to and from the core's serde types. They cross as JSON
//! text (`serde_json` on this side, `JSON.parse`/`JSON.stringify` on the
//! other): dates are `YYYY-MM-DD` strings, maps are objects. One serialiser
//! for every type keeps the `.wasm` small, and JSON.parse is fast.

use borgerraad_core::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::errors::{bad_input, IntoJs};

/// A core value as a plain JS object.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| bad_input("output", e))?;
    js_sys::JSON::parse(&text).map_err(|_| bad_input("output", "not JSON"))
}

/// A plain JS value as a core value; a mismatch is a `ParseError`.
#[cfg(feature = "register")]
pub fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    borgerraad_core::bindings::from_json(&json_text(&value, what)?, what).js()
}

/// A plain JS value as JSON text (`JSON.stringify`); a value with no JSON
/// form (`undefined`, a function, a cycle) is a `ParseError`.
pub fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| bad_input(what, "not a JSON-compatible value"))
}

/// A `YYYY-MM-DD` string as a date.
pub fn date(s: &str, what: &str) -> Result<NaiveDate, JsValue> {
    borgerraad_core::bindings::date_of(s, what).js()
}

/// "da" (the default) or "en".
pub fn parse_lang(lang: Option<String>) -> Result<Lang, JsValue> {
    lang.as_deref().unwrap_or("da").parse().js()
}

#[cfg(feature = "register")]
/// A JS number as a count of bytes: a whole number, 0 or more (beyond the
/// address space it counts as all of it).
pub fn bytes(n: f64, what: &str) -> Result<usize, JsValue> {
    if n >= 0.0 && n.fract() == 0.0 {
        // `as` saturates: a budget past usize::MAX is no limit.
        Ok(n as usize)
    } else {
        Err(bad_input(
            what,
            "expected a whole number of bytes, 0 or more",
        ))
    }
}
