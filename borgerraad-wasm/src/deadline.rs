//! `deadline()` and `Deadline`.

use std::rc::Rc;

use borgerraad_core::calendar::Calendar;
use borgerraad_core::deadline::{catalogue, rule_by_code, Deadline, Delivery};
use borgerraad_core::Profile;
use wasm_bindgen::prelude::*;

use crate::calendar::JsCalendar;
use crate::convert::parse_lang;
use crate::convert::{date, to_js};
use crate::errors::IntoJs;
use crate::types::{RuleArray, StatusValue, TraceValue};

/// A computed deadline.
#[wasm_bindgen(js_name = Deadline)]
pub struct JsDeadline {
    inner: Deadline,
    calendar: Rc<Calendar>,
}

/// The deadline of a catalogue rule from `start` (`YYYY-MM-DD`). With
/// `delivery` ("digital_post", "post", "quickpost", "post:N" or
/// "udbetaling_danmark_post") the start is the date of the letter. The
/// calendar defaults to the rule's own regime, or the one the office's
/// `profile` (a shipped id such as `"egedal"`, or a profile's JSON text)
/// puts it on.
#[wasm_bindgen(js_name = deadline)]
pub fn js_deadline(
    rule: &str,
    start: &str,
    delivery: Option<String>,
    calendar: Option<JsCalendar>,
    profile: Option<String>,
) -> Result<JsDeadline, JsValue> {
    let rule = match profile {
        Some(p) => Profile::from_id_or_json(&p).and_then(|p| p.deadline_rule(rule)),
        None => rule_by_code(rule),
    }
    .js()?;
    let calendar = match calendar {
        Some(c) => c.0.clone(),
        None => Rc::new(rule.calendar().js()?),
    };
    let mut query = rule.counted_from(date(start, "start")?).on(&calendar);
    if let Some(delivery) = delivery {
        query = query.sent_by(Delivery::from_code(&delivery).js()?);
    }
    let inner = query.compute().js()?;
    Ok(JsDeadline { inner, calendar })
}

/// The catalogue of statutory deadline rules.
#[wasm_bindgen(js_name = deadlineRules)]
pub fn deadline_rules() -> Result<RuleArray, JsValue> {
    Ok(to_js(&catalogue())?.unchecked_into())
}

#[wasm_bindgen(js_class = Deadline)]
impl JsDeadline {
    /// The rule's code.
    #[wasm_bindgen(getter)]
    pub fn rule(&self) -> String {
        self.inner.rule.clone()
    }

    /// The last day to act (until 23:59).
    #[wasm_bindgen(getter)]
    pub fn due(&self) -> String {
        self.inner.due.to_string()
    }

    /// The due date if extended, for rules that allow it.
    #[wasm_bindgen(getter, js_name = extendedDue)]
    pub fn extended_due(&self) -> Option<String> {
        self.inner.extended_due.map(|d| d.to_string())
    }

    /// How the due date was reached.
    #[wasm_bindgen(getter)]
    pub fn trace(&self) -> Result<TraceValue, JsValue> {
        Ok(to_js(&self.inner.trace)?.unchecked_into())
    }

    /// Running, due today or overdue on `today`.
    pub fn status(&self, today: &str) -> Result<StatusValue, JsValue> {
        Ok(to_js(
            &self
                .inner
                .status(date(today, "today")?, &self.calendar)
                .js()?,
        )?
        .unchecked_into())
    }

    /// The trace as sentences ("da" or "en").
    pub fn explain(&self, lang: Option<String>) -> Result<Vec<String>, JsValue> {
        Ok(self.inner.explain(parse_lang(lang)?))
    }
}
