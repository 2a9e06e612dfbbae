//! Core errors as JS `Error` objects whose `name` is the error kind.

use borgerraad_core::Error;
use wasm_bindgen::prelude::*;

/// A JS `Error` with `name` = the kind (`ParseError`, `ValidationError`, ...),
/// the core's message, and `source`, `line`, `record`, `field` where known.
pub fn to_js(err: Error) -> JsValue {
    // The JS names are the core's kind names (`Error::kind` matches exhaustively).
    let name = err.kind();
    let e = js_sys::Error::new(&err.to_string());
    e.set_name(name);
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&e, &key.into(), &value);
    };
    let at = err.location();
    set(
        "source",
        at.and_then(|a| a.source.clone())
            .map_or(JsValue::NULL, Into::into),
    );
    set(
        "line",
        at.and_then(|a| a.line)
            .map_or(JsValue::NULL, |l| (l as f64).into()),
    );
    set(
        "record",
        at.and_then(|a| a.record.clone())
            .map_or(JsValue::NULL, Into::into),
    );
    set("field", err.field().map_or(JsValue::NULL, Into::into));
    e.into()
}

/// A `ParseError` for a JS value that does not fit the expected type.
pub fn bad_input(what: &str, err: impl std::fmt::Display) -> JsValue {
    to_js(Error::input(what, err))
}

/// `Result<T, Error>` into `Result<T, JsValue>`.
pub trait IntoJs<T> {
    /// Maps the error.
    fn js(self) -> Result<T, JsValue>;
}

impl<T> IntoJs<T> for Result<T, Error> {
    fn js(self) -> Result<T, JsValue> {
        self.map_err(to_js)
    }
}
