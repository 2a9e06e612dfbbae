//! `Calendar`: Danish working-day calendars. Dates are `YYYY-MM-DD` strings.

use std::rc::Rc;

use borgerraad_core::calendar::{Calendar, Regime};
use wasm_bindgen::prelude::*;

use crate::convert::{date, to_js};
use crate::errors::IntoJs;
use crate::types::HolidayArray;

/// A working-day calendar under one regime.
#[wasm_bindgen(js_name = Calendar)]
pub struct JsCalendar(pub(crate) Rc<Calendar>);

#[wasm_bindgen(js_class = Calendar)]
impl JsCalendar {
    /// A built-in regime: `forvaltning` (the default), `foraeldelse`,
    /// `udbetaling_danmark` or `helligdage`.
    pub fn danish(regime: Option<String>) -> Result<JsCalendar, JsValue> {
        Ok(JsCalendar(Rc::new(
            regime
                .as_deref()
                .map_or_else(|| Ok(Calendar::default()), Calendar::danish)
                .js()?,
        )))
    }

    /// The calendar of a regime in JSON (see the `regime` schema).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<JsCalendar, JsValue> {
        Ok(JsCalendar(Rc::new(Calendar::new(
            Regime::from_json_str(text, "regime.json").js()?,
        ))))
    }

    /// The regime's code.
    #[wasm_bindgen(getter)]
    pub fn regime(&self) -> String {
        self.0.regime().code.clone()
    }

    /// Whether a date is a working day.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(&self, day: &str) -> Result<bool, JsValue> {
        self.0.is_working_day(date(day, "date")?).js()
    }

    /// The date itself if a working day, otherwise the next working day.
    #[wasm_bindgen(js_name = nextWorkingDay)]
    pub fn next_working_day(&self, day: &str) -> Result<String, JsValue> {
        Ok(self
            .0
            .next_working_day(date(day, "date")?)
            .js()?
            .to_string())
    }

    /// The n-th working day after (n > 0) or before (n < 0) a date.
    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, day: &str, n: i32) -> Result<String, JsValue> {
        Ok(self
            .0
            .add_working_days(date(day, "date")?, n as i64)
            .js()?
            .to_string())
    }

    /// Working days after `a` up to and including `b`.
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, a: &str, b: &str) -> Result<i32, JsValue> {
        Ok(self
            .0
            .working_days_between(date(a, "a")?, date(b, "b")?)
            .js()? as i32)
    }

    /// The public holidays and the regime's days off in a year.
    pub fn holidays(&self, year: i32) -> Result<HolidayArray, JsValue> {
        Ok(to_js(&self.0.holidays(year).js()?)?.unchecked_into())
    }
}
