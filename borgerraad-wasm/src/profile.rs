//! `Profile`: an office's profile, as registers use it.

use borgerraad_core::Office;
use wasm_bindgen::prelude::*;

use crate::convert::parse_lang;
use crate::errors::IntoJs;

/// An office's profile: its taxonomy and level names, code lists, counting
/// rule, disclosure threshold and report words. (Its referral rules and
/// deadline regimes belong to `borgerraad/rules`, which reads them from the
/// same document.)
#[wasm_bindgen(js_name = Profile)]
pub struct JsProfile(pub(crate) Office);

#[wasm_bindgen(js_class = Profile)]
impl JsProfile {
    /// Esbjerg Kommune's profile, the default of every loader.
    pub fn esbjerg() -> JsProfile {
        JsProfile(Office::default())
    }

    /// The ids of the shipped profiles.
    #[wasm_bindgen(js_name = shippedIds)]
    pub fn shipped_ids() -> Vec<String> {
        Office::shipped_ids()
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// A shipped profile by its id ("esbjerg", "egedal").
    pub fn shipped(id: &str) -> Result<JsProfile, JsValue> {
        Ok(JsProfile(Office::shipped(id).js()?))
    }

    /// A profile from JSON text (see the `profile` schema), validated; an
    /// invalid one is a `ConfigError` naming the JSON path.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str, source: Option<String>) -> Result<JsProfile, JsValue> {
        let source = source.unwrap_or_else(|| "profile.json".into());
        Ok(JsProfile(Office::from_profile_json(text, &source).js()?))
    }

    /// The profile's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// The profile's name, in Danish (`"da"`, the default) or English (`"en"`).
    pub fn label(&self, lang: Option<String>) -> Result<String, JsValue> {
        Ok(self.0.label().get(parse_lang(lang)?).to_string())
    }
}
