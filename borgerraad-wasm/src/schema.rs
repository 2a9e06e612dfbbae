//! `jsonSchema()`.

use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;

/// The JSON Schema of a wire format (`inquiry`, `taxonomy`, `ruleset`, ...).
#[wasm_bindgen(js_name = jsonSchema)]
pub fn json_schema(name: &str) -> Result<String, JsValue> {
    borgerraad_core::schema::json_schema(name)
        .map(str::to_string)
        .js()
}
