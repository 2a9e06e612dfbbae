//! `RuleSet`.

use borgerraad_core::referral::RuleSet;
use borgerraad_core::{Inquiry, Profile};
use wasm_bindgen::prelude::*;

use crate::convert::{json_text, to_js};
use crate::errors::IntoJs;
use crate::types::{DecisionValue, InquiryValue};

/// An ordered list of referral rules; the first that matches decides.
#[wasm_bindgen(js_name = RuleSet)]
pub struct JsRuleSet(RuleSet);

#[wasm_bindgen(js_class = RuleSet)]
impl JsRuleSet {
    /// The practice of the Esbjerg advisor (annual report 2021–22).
    pub fn esbjerg() -> JsRuleSet {
        JsRuleSet(Profile::esbjerg().rules().clone())
    }

    /// A rule set from JSON text, validated against Esbjerg's taxonomy and
    /// code lists.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<JsRuleSet, JsValue> {
        let p = Profile::esbjerg();
        Ok(JsRuleSet(
            RuleSet::from_json_str(text, "ruleset.json", p.taxonomy(), p.codes()).js()?,
        ))
    }

    /// The decision for one record (a plain object in the record format).
    pub fn decide(&self, record: InquiryValue) -> Result<DecisionValue, JsValue> {
        let inquiry = Inquiry::from_json(&json_text(&record.into(), "record")?).js()?;
        Ok(to_js(&self.0.decide(&inquiry))?.unchecked_into())
    }
}
