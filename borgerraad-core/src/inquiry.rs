//! The inquiry (henvendelse): one contact with the citizens' advisor, and
//! the record format that every front exchanges.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use smol_str::SmolStr;

use crate::base::cpr::looks_like_cpr;
use crate::base::error::{shorten, Error, Location, Result};
use crate::codes::{code_type, is_code, CodeList, CodeLists};
use crate::taxonomy::Taxonomy;

code_type! {
    /// How the inquiry reached the advisor (kanal): a code of the profile's
    /// channels, e.g. `telefon`, `digital_post`.
    Channel, channels
}

code_type! {
    /// Who made the inquiry (henvender): a code of the profile's requesters,
    /// e.g. `borger`, `paaroerende`.
    Requester, requesters
}

code_type! {
    /// What kind of help the inquiry got (henvendelsestype): a code of the
    /// profile's kinds, e.g. `vejledning`, `klage`.
    Kind, kinds
}

impl Kind {
    /// Only forwarded under forvaltningsloven § 7, stk. 2 (videresendelse).
    pub const FORWARDING: Kind = Kind::new_static("videresendelse");
}

code_type! {
    /// What the advisor did (handling): a code of the profile's action
    /// kinds, e.g. `vejledt`, `dialogmoede`.
    ActionKind, action_kinds
}

impl ActionKind {
    /// Contacted the municipality, which needs the citizen's consent
    /// (kontakt til kommunen).
    pub const CONTACTED_MUNICIPALITY: ActionKind = ActionKind::new_static("kontakt_kommune");
}

code_type! {
    /// How the inquiry ended (udfald): a code of the profile's outcomes,
    /// e.g. `afklaret`, `klage_indgivet`.
    Outcome, outcomes
}

/// One thing the advisor did, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What was done.
    pub kind: ActionKind,
    /// The day it was done.
    #[serde(deserialize_with = "crate::base::date::de_date")]
    pub date: NaiveDate,
}

/// The citizen's consent (samtykke) to contact the municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The day consent was given.
    #[serde(deserialize_with = "crate::base::date::de_date")]
    pub given: NaiveDate,
}

/// Where the inquiry was forwarded or referred (henvisning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// The target: a taxonomy code (forwarding inside the municipality), an
    /// authority or a referral destination code (see `referral::Destination`).
    pub to: SmolStr,
    /// The legal basis as a code, e.g. `fvl-7-2` for forvaltningsloven § 7, stk. 2.
    pub basis: SmolStr,
}

/// The subject codes of an inquiry. Most inquiries have one, which is kept
/// in the record itself; more go to the heap.
///
/// # Example
/// ```
/// use borgerraad_core::{smallvec, Topics};
/// let topics: Topics = smallvec!["sygedagpenge".into(), "jobafklaring".into()];
/// assert_eq!(topics.as_slice(), ["sygedagpenge", "jobafklaring"]);
/// ```
pub type Topics = SmallVec<[SmolStr; 1]>;

/// What the advisor did for an inquiry. Up to two actions are kept in the
/// record itself, in the room a `Vec` would take; more go to the heap.
pub type Actions = SmallVec<[Action; 2]>;

/// One inquiry (henvendelse): the record format of the register.
///
/// The JSON form is one object per line (JSON Lines); unknown fields are
/// refused, so a stray `cpr` column can never slip in.
///
/// # Example
/// ```
/// use borgerraad_core::Inquiry;
/// let line = r#"{"id":"EX-1","citizen":"kxqbvd","received":"2022-03-01",
///   "municipality":"esbjerg","channel":"telefon","requester":"borger",
///   "kind":"vejledning","category":"borger-arbejdsmarked/jobcenter"}"#;
/// let inquiry: Inquiry = serde_json::from_str(line).unwrap();
/// assert_eq!(inquiry.category, "borger-arbejdsmarked/jobcenter");
/// assert!(inquiry.topics.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inquiry {
    /// Unique id of the registration, printable ASCII.
    pub id: SmolStr,
    /// Pseudonymous citizen key (never a CPR number); one key per person.
    pub citizen: SmolStr,
    /// The day the inquiry was received.
    #[serde(deserialize_with = "crate::base::date::de_date")]
    pub received: NaiveDate,
    /// The day the inquiry was closed, if it is.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::base::date::de_opt_date"
    )]
    pub closed: Option<NaiveDate>,
    /// The citizen's municipality of residence, as a code (`esbjerg`, `fanoe`).
    pub municipality: SmolStr,
    /// How the inquiry arrived.
    pub channel: Channel,
    /// The outreach site, as a code of the taxonomy's sites (`varmestuen`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SmolStr>,
    /// Who made the inquiry.
    pub requester: Requester,
    /// What kind of help it got.
    pub kind: Kind,
    /// The primary category: a taxonomy code such as
    /// `borger-arbejdsmarked/jobcenter`.
    pub category: SmolStr,
    /// Further categories the inquiry concerns, when it concerns more than
    /// one unit (a statement about three centres, say). Whether tables count
    /// them is the profile's counting rule.
    #[serde(default, skip_serializing_if = "SmallVec::is_empty")]
    pub other_categories: Topics,
    /// Subject codes, e.g. `sygedagpenge`.
    #[serde(default, skip_serializing_if = "SmallVec::is_empty")]
    pub topics: Topics,
    /// What the advisor did.
    #[serde(default, skip_serializing_if = "SmallVec::is_empty")]
    pub actions: Actions,
    /// The citizen's consent to contact the municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// Where it was forwarded or referred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The date of the municipal decision or case the inquiry concerns, if
    /// known; referral rules use it for the age of the matter.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::base::date::de_opt_date"
    )]
    pub matter_date: Option<NaiveDate>,
}

/// The years a register holds (the calendars end with the last).
pub(crate) const RECORD_YEARS: std::ops::RangeInclusive<i32> = 1900..=crate::calendar::LAST_YEAR;

/// The longest id or citizen key accepted.
const MAX_KEY_LEN: usize = 128;

impl Inquiry {
    /// Checks the record against the register's rules, except for duplicate
    /// ids, which only the register can see.
    ///
    /// `as_of` rejects records received after that day.
    /// `taxonomy` and `codes` are the profile's: every category and code must
    /// be in them.
    pub fn validate(
        &self,
        taxonomy: &Taxonomy,
        codes: &CodeLists,
        as_of: Option<NaiveDate>,
    ) -> Result<()> {
        let bad = |field: &str, reason: String| Error::Validation {
            at: Location::default().with_record(&self.id),
            field: field.to_string(),
            reason,
        };
        if self.id.is_empty()
            || self.id.len() > MAX_KEY_LEN
            || !self.id.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(bad(
                "id",
                format!("must be 1 to {MAX_KEY_LEN} printable ASCII characters without spaces"),
            ));
        }
        if crate::base::text::trim(&self.citizen).is_empty() {
            return Err(bad("citizen", "the citizen key is empty".into()));
        }
        if self.citizen.len() > MAX_KEY_LEN {
            return Err(bad(
                "citizen",
                format!("the citizen key is longer than {MAX_KEY_LEN} bytes"),
            ));
        }
        if let Some(field) = self.cpr_shaped_field() {
            return Err(bad(
                field,
                "looks like a CPR number; the register never holds CPR numbers".into(),
            ));
        }
        if looks_like_cpr(&self.citizen) {
            return Err(bad(
                "citizen",
                "looks like a CPR number; store a pseudonymous key instead (see Pseudonymizer)"
                    .into(),
            ));
        }
        let dates = [
            ("received", Some(self.received)),
            ("closed", self.closed),
            ("matter_date", self.matter_date),
        ]
        .into_iter()
        .chain(self.consent.iter().map(|c| ("consent", Some(c.given))))
        .chain(self.actions.iter().map(|a| ("actions", Some(a.date))));
        for (field, date) in dates {
            if let Some(d) = date.filter(|d| !RECORD_YEARS.contains(&d.year())) {
                return Err(bad(
                    field,
                    format!(
                        "{d} is outside the years {}–{} a register holds",
                        RECORD_YEARS.start(),
                        RECORD_YEARS.end()
                    ),
                ));
            }
        }
        if let Some(as_of) = as_of {
            if self.received > as_of {
                return Err(bad(
                    "received",
                    format!("{} is after the as-of date {as_of}", self.received),
                ));
            }
        }
        if let Some(closed) = self.closed {
            if closed < self.received {
                return Err(bad(
                    "closed",
                    format!("closed {closed} before it was received {}", self.received),
                ));
            }
        }
        if !is_code(&self.municipality) {
            return Err(bad(
                "municipality",
                format!("`{}` is not a code", shorten(&self.municipality)),
            ));
        }
        // The taxonomy's codes are never CPR-shaped, so the category and
        // site need the CPR check only when they are not in it.
        let cpr = "looks like a CPR number; the register never holds CPR numbers";
        for category in std::iter::once(&self.category).chain(&self.other_categories) {
            if taxonomy.unit(category).is_none() {
                let field = match category == &self.category {
                    true => "category",
                    false => "other_categories",
                };
                return Err(bad(
                    field,
                    match looks_like_cpr(category) {
                        true => cpr.into(),
                        false => format!(
                            "`{}` is not in the taxonomy of {}",
                            shorten(category),
                            taxonomy.def().municipality
                        ),
                    },
                ));
            }
        }
        let unknown = |field: &str, list: &CodeList, code: &str| {
            bad(
                field,
                match looks_like_cpr(code) {
                    true => cpr.into(),
                    false => format!(
                        "unknown {} `{}`; the profile `{}` has: {}",
                        field.trim_end_matches('s'),
                        shorten(code),
                        taxonomy.def().municipality,
                        list.codes().join(", ")
                    ),
                },
            )
        };
        if self.channel.place_in(&codes.channels).is_none() {
            return Err(unknown("channel", &codes.channels, &self.channel));
        }
        if self.requester.place_in(&codes.requesters).is_none() {
            return Err(unknown("requester", &codes.requesters, &self.requester));
        }
        if self.kind.place_in(&codes.kinds).is_none() {
            return Err(unknown("kind", &codes.kinds, &self.kind));
        }
        if let Some(outcome) = self
            .outcome
            .as_ref()
            .filter(|o| o.place_in(&codes.outcomes).is_none())
        {
            return Err(unknown("outcome", &codes.outcomes, outcome));
        }
        if let Some(action) = self
            .actions
            .iter()
            .find(|a| a.kind.place_in(&codes.action_kinds).is_none())
        {
            return Err(unknown("actions", &codes.action_kinds, &action.kind));
        }
        if let Some(site) = &self.site {
            if !taxonomy.def().sites.iter().any(|s| &s.code == site) {
                return Err(bad(
                    "site",
                    match looks_like_cpr(site) {
                        true => cpr.into(),
                        false => format!(
                            "`{}` is not an outreach site of the taxonomy",
                            shorten(site)
                        ),
                    },
                ));
            }
        }
        if let Some(topic) = self.topics.iter().find(|t| !is_code(t)) {
            return Err(bad("topics", format!("`{}` is not a code", shorten(topic))));
        }
        for action in &self.actions {
            if action.date < self.received {
                return Err(bad(
                    "actions",
                    format!(
                        "{} on {} is before the inquiry was received",
                        action.kind, action.date
                    ),
                ));
            }
            if action.kind == ActionKind::CONTACTED_MUNICIPALITY
                && self.consent.as_ref().is_none_or(|c| c.given > action.date)
            {
                return Err(bad(
                    "consent",
                    format!("the municipality was contacted on {} without consent given on or before that day", action.date),
                ));
            }
        }
        if let Some(referral) = &self.referral {
            if !is_code(&referral.to) || !is_code(&referral.basis) {
                return Err(bad("referral", "`to` and `basis` must be codes".into()));
            }
        }
        if self.kind == Kind::FORWARDING {
            if !codes.is_written(&self.channel) {
                return Err(bad(
                    "channel",
                    format!("forwarding under forvaltningsloven § 7, stk. 2 covers written inquiries only, not `{}`", self.channel),
                ));
            }
            if self.referral.is_none() {
                return Err(bad(
                    "referral",
                    "a forwarded inquiry must name where it was forwarded".into(),
                ));
            }
        }
        Ok(())
    }

    /// The first free-text field, other than the citizen key and the codes
    /// checked against the taxonomy (category, site), that holds something
    /// shaped like a CPR number.
    fn cpr_shaped_field(&self) -> Option<&'static str> {
        let referral = self
            .referral
            .iter()
            .flat_map(|r| [r.to.as_str(), r.basis.as_str()]);
        [
            ("id", self.id.as_str()),
            ("municipality", self.municipality.as_str()),
        ]
        .into_iter()
        .chain(self.topics.iter().map(|t| ("topics", t.as_str())))
        .chain(referral.map(|r| ("referral", r)))
        .find(|(_, v)| looks_like_cpr(v))
        .map(|(f, _)| f)
    }

    /// Days from received to closed, for a closed inquiry.
    pub fn days_open(&self) -> Option<i64> {
        self.closed.map(|c| (c - self.received).num_days())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loading and counting copy and read whole records, so their size is
    /// their cost: 248 bytes before the code lists were data (issue 16),
    /// 416 with the codes as text, 368 with them in 16 bytes.
    #[test]
    fn a_record_stays_small() {
        assert!(std::mem::size_of::<Kind>() <= 16);
        assert!(std::mem::size_of::<Option<Outcome>>() <= 16);
        assert!(std::mem::size_of::<Action>() <= 24);
        let size = std::mem::size_of::<Inquiry>();
        assert!(size <= 368, "an inquiry takes {size} bytes");
    }
}
