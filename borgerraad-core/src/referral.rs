//! Referral rules: where does an inquiry belong?
//!
//! A [`RuleSet`] is data (JSON): an ordered list of rules, the first match
//! wins. Each rule names one decision: handle it, forward it under
//! forvaltningsloven § 7, stk. 2 (written inquiries only), refer it out to a
//! destination of the profile's code list (`gaeldsraadgivning`,
//! `retshjaelp`, …), or decline it with a reason. Loading refuses unknown
//! codes, rules that an earlier rule shadows, and a set with no fallback.
//!
//! Forwarding targets "rette myndighed" (forvaltningsloven § 7, stk. 2): a
//! unit of the municipality's own taxonomy, or any authority of the national
//! catalogue ([`authorities::Authorities::national`]): another municipality,
//! a region, Udbetaling Danmark, a state agency.

pub mod authorities;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{shorten, Error, Location, Result};
use crate::codes::{is_code, CodeLists, Count, Label};
use crate::inquiry::{Inquiry, Kind};
use crate::taxonomy::Taxonomy;
use authorities::{Authorities, AuthorityKind};

/// The conditions of a rule; all given conditions must hold. An empty
/// condition matches every inquiry (a fallback).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The category is one of these taxonomy codes or under one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The kind is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<Kind>,
    /// The inquiry has at least one of these topics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The inquiry came by a written channel (e-mail, Digital Post, letter:
    /// the profile's channels say which are written), or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<bool>,
    /// The citizen lives in a municipality the office serves, or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served: Option<bool>,
    /// The matter (`matter_date`) was more than this many days old when the
    /// inquiry was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older_than_days: Option<u32>,
}

fn under(code: &str, prefix: &str) -> bool {
    code == prefix
        || code
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl When {
    fn matches(&self, i: &Inquiry, taxonomy: &Taxonomy, codes: &CodeLists) -> bool {
        (self.categories.is_empty() || self.categories.iter().any(|c| under(&i.category, c)))
            && (self.kinds.is_empty() || self.kinds.contains(&i.kind))
            && (self.topics.is_empty()
                || i.topics.iter().any(|t| self.topics.iter().any(|s| s == t)))
            && self
                .written
                .is_none_or(|w| w == codes.is_written(&i.channel))
            && self
                .served
                .is_none_or(|s| s == taxonomy.serves(&i.municipality))
            && self.older_than_days.is_none_or(|n| {
                i.matter_date
                    .is_some_and(|m| (i.received - m).num_days() > n as i64)
            })
    }

    /// Whether every inquiry that `other` matches is also matched by `self`.
    fn covers(&self, other: &When) -> bool {
        let cats = self.categories.is_empty()
            || (!other.categories.is_empty()
                && other
                    .categories
                    .iter()
                    .all(|o| self.categories.iter().any(|s| under(o, s))));
        let kinds = self.kinds.is_empty()
            || (!other.kinds.is_empty() && other.kinds.iter().all(|k| self.kinds.contains(k)));
        let topics = self.topics.is_empty()
            || (!other.topics.is_empty() && other.topics.iter().all(|t| self.topics.contains(t)));
        let same = |a: Option<bool>, b: Option<bool>| a.is_none() || a == b;
        let age = match (self.older_than_days, other.older_than_days) {
            (None, _) => true,
            (Some(a), Some(b)) => b >= a,
            (Some(_), None) => false,
        };
        cats && kinds
            && topics
            && same(self.written, other.written)
            && same(self.served, other.served)
            && age
    }

    fn is_fallback(&self) -> bool {
        *self == When::default()
    }
}

/// What a rule decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Decide {
    /// The advisor handles the inquiry.
    Handle,
    /// Forward a written inquiry under forvaltningsloven § 7, stk. 2.
    Forward {
        /// A taxonomy code (a unit of the municipality) or the code of an
        /// authority of the national catalogue (`udbetaling-danmark`,
        /// `varde`); none means the unit of the inquiry's own category.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<String>,
        /// Forward to the municipality the citizen lives in (the acting
        /// municipality, handlekommune, retssikkerhedsloven § 9, stk. 1): when
        /// that is the taxonomy's own municipality, or not a municipality of
        /// the catalogue, to the unit of the inquiry's category; otherwise to
        /// that municipality. Not together with `to`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        residence: bool,
    },
    /// Refer the citizen out.
    Refer {
        /// Where: a destination of the profile's code list.
        to: String,
    },
    /// Decline the inquiry.
    Decline {
        /// Why, for the citizen.
        reason: Label,
    },
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// The rule's id, a code.
    pub id: String,
    /// When it applies.
    pub when: When,
    /// What it decides.
    pub decision: Decide,
    /// The legal basis, e.g. "forvaltningsloven § 7, stk. 2".
    pub basis: String,
    /// A short explanation for the citizen in plain Danish, with English.
    pub explain: Label,
}

/// The JSON form of a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetDef {
    /// The set's name, a code.
    pub name: String,
    /// Whose rules these are.
    pub label: Label,
    /// The rules, in order; the first that matches decides.
    pub rules: Vec<RuleDef>,
}

/// The decision for one inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The id of the rule that decided.
    pub rule: String,
    /// `handle`, `forward`, `refer` or `decline`.
    pub decision: String,
    /// Where to forward or refer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Why it is declined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Label>,
    /// The legal basis.
    pub basis: String,
    /// The explanation for the citizen.
    pub explanation: Label,
}

/// A validated rule set.
///
/// # Example
/// ```
/// use borgerraad_core::{Inquiry, Profile};
/// let profile = Profile::esbjerg();
/// let rules = profile.rules();
/// let inquiry: Inquiry = serde_json::from_str(r#"{"id":"X","citizen":"kq","received":"2022-05-02",
///   "municipality":"fanoe","channel":"telefon","requester":"borger","kind":"vejledning",
///   "category":"udenfor-omraade/gaeld"}"#).unwrap();
/// let d = rules.decide(&inquiry);
/// assert_eq!((d.decision.as_str(), d.to.as_deref()), ("refer", Some("gaeldsraadgivning")));
/// ```
#[derive(Debug, Clone)]
pub struct RuleSet {
    def: RuleSetDef,
    taxonomy: Taxonomy,
    codes: CodeLists,
}

impl RuleSet {
    /// Loads and validates a rule set against a profile's taxonomy and
    /// code lists.
    pub fn from_json_str(
        text: &str,
        source: &str,
        taxonomy: &Taxonomy,
        codes: &CodeLists,
    ) -> Result<RuleSet> {
        let def: RuleSetDef = crate::document::from_json(text, source)?;
        RuleSet::new(def, source, taxonomy, codes)
    }

    /// Validates a definition.
    pub fn new(
        def: RuleSetDef,
        source: &str,
        taxonomy: &Taxonomy,
        codes: &CodeLists,
    ) -> Result<RuleSet> {
        let at = |id: &str| Location::source(source).with_record(id);
        for (i, rule) in def.rules.iter().enumerate() {
            let err = |field: &str, reason: String| {
                Error::config(at(&rule.id), Some(&format!("rules[{i}].{field}")), reason)
            };
            if !is_code(&rule.id) {
                return Err(err("id", format!("rule {} has no valid id", i + 1)));
            }
            if def.rules[..i].iter().any(|r| r.id == rule.id) {
                return Err(err("id", "the id appears twice".into()));
            }
            if let Some(c) = rule
                .when
                .categories
                .iter()
                .find(|c| taxonomy.unit(c).is_none())
            {
                return Err(err(
                    "when.categories",
                    format!("unknown category `{}`", shorten(c)),
                ));
            }
            if let Some(k) = rule.when.kinds.iter().find(|k| !codes.kinds.contains(k)) {
                return Err(err("when.kinds", format!("unknown kind `{}`", shorten(k))));
            }
            if let Decide::Refer { to } = &rule.decision {
                if !codes.destinations.contains(to) {
                    return Err(err(
                        "decision.refer.to",
                        format!(
                            "unknown destination `{}`: not in the profile's destinations",
                            shorten(to)
                        ),
                    ));
                }
            }
            if let Some(t) = rule.when.topics.iter().find(|t| !is_code(t)) {
                return Err(err(
                    "when.topics",
                    format!("`{}` is not a code", shorten(t)),
                ));
            }
            if let Decide::Forward { to, residence } = &rule.decision {
                if rule.when.written != Some(true) {
                    return Err(err("when.written", "forwarding under forvaltningsloven § 7, stk. 2 covers written inquiries only; add \"written\": true".into()));
                }
                if let Some(to) = to {
                    if *residence {
                        return Err(err(
                            "decision.forward.residence",
                            "give either `to` or `residence`, not both".into(),
                        ));
                    }
                    if taxonomy.unit(to).is_none() && Authorities::national().get(to).is_none() {
                        return Err(err(
                            "decision.forward.to",
                            format!("unknown destination `{}`: neither a unit of the taxonomy nor an authority of the national catalogue", shorten(to)),
                        ));
                    }
                }
            }
            if let Some(earlier) = def.rules[..i].iter().find(|r| r.when.covers(&rule.when)) {
                return Err(err("when", format!("the rule can never apply: the earlier rule `{}` matches everything it matches", earlier.id)));
            }
        }
        if !def.rules.iter().any(|r| r.when.is_fallback()) {
            return Err(Error::config(
                Location::source(source),
                Some("rules"),
                "no fallback rule: the last rule must have an empty `when`",
            ));
        }
        Ok(RuleSet {
            def,
            taxonomy: taxonomy.clone(),
            codes: codes.clone(),
        })
    }

    /// The JSON form.
    pub fn def(&self) -> &RuleSetDef {
        &self.def
    }

    /// The decision for an inquiry: the first rule that matches.
    pub fn decide(&self, inquiry: &Inquiry) -> Decision {
        let rule = self
            .def
            .rules
            .iter()
            .find(|r| r.when.matches(inquiry, &self.taxonomy, &self.codes))
            .expect("a validated rule set has a fallback");
        let (decision, to, reason) = match &rule.decision {
            Decide::Handle => ("handle", None, None),
            Decide::Forward { to, residence } => {
                let own = || inquiry.category.to_string();
                let target = match (to, residence) {
                    (Some(to), _) => to.clone(),
                    (None, true) => {
                        let home = inquiry.municipality.as_str();
                        let other = home != self.taxonomy.def().municipality
                            && Authorities::national()
                                .get(home)
                                .is_some_and(|a| a.kind == AuthorityKind::Municipality);
                        if other {
                            home.to_string()
                        } else {
                            own()
                        }
                    }
                    (None, false) => own(),
                };
                ("forward", Some(target), None)
            }
            Decide::Refer { to } => ("refer", Some(to.clone()), None),
            Decide::Decline { reason } => ("decline", None, Some(reason.clone())),
        };
        Decision {
            rule: rule.id.clone(),
            decision: decision.into(),
            to,
            reason,
            basis: rule.basis.clone(),
            explanation: rule.explain.clone(),
        }
    }

    /// Counts decisions by destination (`refer`/`forward` targets) or by
    /// decision (`handle`, `decline`), largest first.
    pub fn tally<'a>(&self, inquiries: impl IntoIterator<Item = &'a Inquiry>) -> Vec<Count> {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for i in inquiries {
            let d = self.decide(i);
            let key = match d.to {
                Some(to) => format!("{}:{to}", d.decision),
                None => d.decision,
            };
            *counts.entry(key).or_default() += 1;
        }
        let mut v: Vec<Count> = counts
            .into_iter()
            .map(|(code, count)| Count { code, count })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        v
    }
}
