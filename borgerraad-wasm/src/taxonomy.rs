//! `Taxonomy`: a municipality's case categories.

use borgerraad_core::{taxonomy::Taxonomy, Profile};
use wasm_bindgen::prelude::*;

use crate::convert::parse_lang;
use crate::errors::IntoJs;

/// The municipality's case categories, with Danish and English labels.
#[wasm_bindgen(js_name = Taxonomy)]
pub struct JsTaxonomy(Taxonomy);

#[wasm_bindgen(js_class = Taxonomy)]
impl JsTaxonomy {
    /// The organisation of Esbjerg Kommune.
    pub fn esbjerg() -> JsTaxonomy {
        JsTaxonomy(Profile::esbjerg().taxonomy().clone())
    }

    /// A taxonomy from JSON text (see the `taxonomy` schema), validated.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<JsTaxonomy, JsValue> {
        Ok(JsTaxonomy(
            Taxonomy::from_json_str(text, "taxonomy.json").js()?,
        ))
    }

    /// The label of a category code ("da", the default, or "en").
    pub fn label(&self, code: &str, lang: Option<String>) -> Result<Option<String>, JsValue> {
        Ok(self.0.label(code, parse_lang(lang)?).map(str::to_string))
    }

    /// Whether the office serves citizens of a municipality.
    pub fn serves(&self, municipality: &str) -> bool {
        self.0.serves(municipality)
    }
}
