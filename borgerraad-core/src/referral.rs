//! Referral rules: where does an inquiry belong?
//!
//! A [`RuleSet`] is data (JSON): an ordered list of rules, the first match
//! wins. Each rule names one decision: handle it, forward it under
//! forvaltningsloven § 7, stk. 2 (written inquiries only), refer it out to a
//! [`Destination`], or decline it with a reason. Loading refuses unknown
//! codes, rules that an earlier rule shadows, and a set with no fallback.
//!
//! Forwarding targets "rette myndighed" (forvaltningsloven § 7, stk. 2): a
//! unit of the municipality's own taxonomy, or any authority of the national
//! catalogue ([`authorities::Authorities::national`]): another municipality,
//! a region, Udbetaling Danmark, a state agency.

pub mod authorities;

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{shorten, Error, Location, Result};
use crate::codes::{coded_enum, is_code, Label};
use crate::inquiry::{Inquiry, Kind};
use crate::stats::Count;
use crate::taxonomy::Taxonomy;
use authorities::{Authorities, AuthorityKind};

coded_enum! {
    /// Where a matter outside the advisor's remit is referred (henvisning).
    pub enum Destination {
        /// Free debt counselling (gældsrådgivning).
        DebtCounselling = "gaeldsraadgivning", "Gældsrådgivning", "Debt counselling";
        /// Legal aid (retshjælp).
        LegalAid = "retshjaelp", "Retshjælp", "Legal aid";
        /// The Family Law House (Familieretshuset).
        FamilyLawHouse = "familieretshuset", "Familieretshuset", "Family Law House";
        /// The patient office of the Region of Southern Denmark, in Vejle.
        PatientOffice = "patientkontoret", "Patientkontoret, Region Syddanmark", "Patient office, Region of Southern Denmark";
        /// The volunteer network of companions for meetings (bisiddere).
        CompanionNetwork = "bisiddernetvaerk", "Frivilligt bisiddernetværk", "Volunteer companion network";
        /// The National Social Appeals Board (Ankestyrelsen).
        AppealsBoard = "ankestyrelsen", "Ankestyrelsen", "National Social Appeals Board";
        /// The Parliamentary Ombudsman (Folketingets Ombudsmand).
        Ombudsman = "ombudsmanden", "Folketingets Ombudsmand", "Parliamentary Ombudsman";
        /// The Danish Data Protection Agency (Datatilsynet).
        DataProtection = "datatilsynet", "Datatilsynet", "Danish Data Protection Agency";
        /// The Danish Patient Complaints Board (Styrelsen for Patientklager).
        PatientComplaints = "styrelsen-for-patientklager", "Styrelsen for Patientklager", "Danish Patient Complaints Board";
    }
}

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
    /// The inquiry is written (e-mail, Digital Post, letter), or not.
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
    fn matches(&self, i: &Inquiry, taxonomy: &Taxonomy) -> bool {
        (self.categories.is_empty() || self.categories.iter().any(|c| under(&i.category, c)))
            && (self.kinds.is_empty() || self.kinds.contains(&i.kind))
            && (self.topics.is_empty()
                || i.topics.iter().any(|t| self.topics.iter().any(|s| s == t)))
            && self.written.is_none_or(|w| w == i.channel.is_written())
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
        /// Where.
        to: Destination,
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
/// use borgerraad_core::{referral::RuleSet, Inquiry};
/// let rules = RuleSet::esbjerg();
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
}

impl RuleSet {
    /// The practice of the Esbjerg advisor as the 2021–22 report describes
    /// it: the matters outside the remit are referred out (money problems to
    /// debt counselling; tenancy, divorce, children and contact to legal aid;
    /// health care to the patient office; companions elsewhere to the
    /// volunteer network); misdirected written inquiries are forwarded to the
    /// right authority (§ 7, stk. 2): Udbetaling Danmark for its matters, the
    /// citizen's own municipality when the office does not serve it, and
    /// otherwise the unit of the category; everything else is handled. Scope
    /// is the subject matter, not the requester's address: relatives living
    /// elsewhere and homeless citizens are helped.
    pub fn esbjerg() -> RuleSet {
        RuleSet::from_json_str(
            include_str!("../data/esbjerg-rules.json"),
            "esbjerg-rules.json",
            &Taxonomy::esbjerg(),
        )
        .expect("the embedded Esbjerg rule set is valid")
    }

    /// Loads and validates a rule set against a taxonomy.
    pub fn from_json_str(text: &str, source: &str, taxonomy: &Taxonomy) -> Result<RuleSet> {
        let def: RuleSetDef = crate::document::from_json(text, source)?;
        RuleSet::new(def, source, taxonomy)
    }

    /// Loads and validates a rule set from a JSON file.
    pub fn from_json_file(path: impl AsRef<Path>, taxonomy: &Taxonomy) -> Result<RuleSet> {
        let path = path.as_ref();
        let text = crate::document::read_text(path)?;
        RuleSet::from_json_str(&text, &path.display().to_string(), taxonomy)
    }

    /// Validates a definition.
    pub fn new(def: RuleSetDef, source: &str, taxonomy: &Taxonomy) -> Result<RuleSet> {
        let at = |id: &str| Location::source(source).with_record(id);
        for (i, rule) in def.rules.iter().enumerate() {
            let err =
                |field: &str, reason: String| Error::config(at(&rule.id), Some(field), reason);
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
            .find(|r| r.when.matches(inquiry, &self.taxonomy))
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
            Decide::Refer { to } => ("refer", Some(to.code().to_string()), None),
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
