//! The national catalogue of public authorities (myndigheder): the 98
//! municipalities with their official codes (kommunekoder), the 5 regions,
//! and the state bodies an advisor forwards or refers to. It is data
//! (`data/authorities.json`), checked when loaded.
//!
//! A written inquiry that belongs elsewhere can be forwarded to any of them
//! under forvaltningsloven § 7, stk. 2 ("rette myndighed"), including the
//! citizen's own municipality; see [`crate::referral::Decide::Forward`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::error::{shorten, Error, Location, Result};
use crate::codes::{coded_enum, is_code, Label};

coded_enum! {
    /// The kind of an authority.
    pub enum AuthorityKind {
        /// A municipality (kommune).
        Municipality = "kommune", "Kommune", "Municipality";
        /// A region (region).
        Region = "region", "Region", "Region";
        /// A state body (statslig myndighed).
        State = "stat", "Statslig myndighed", "State body";
    }
}

/// One authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// The code, ASCII: a municipality's name with æ, ø, å as ae, oe, aa
    /// (`esbjerg`, `fanoe`, `koebenhavn`), as in the register's
    /// `municipality` field.
    pub code: String,
    /// What kind of authority it is.
    pub kind: AuthorityKind,
    /// The official code, four digits: the municipality code (kommunekode,
    /// e.g. `0561` for Esbjerg) or the region code (`1083`). State bodies
    /// have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Its name.
    pub label: Label,
    /// The region a municipality lies in, as a region's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// The JSON form of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthoritiesDef {
    /// Where the codes come from.
    pub source: String,
    /// The authorities.
    pub authorities: Vec<Authority>,
}

/// A validated catalogue of authorities.
///
/// # Example
/// ```
/// use borgerraad_core::referral::authorities::{Authorities, AuthorityKind};
/// let all = Authorities::national();
/// assert_eq!(all.get("esbjerg").unwrap().number.as_deref(), Some("0561"));
/// assert_eq!(all.of_kind(AuthorityKind::Municipality).count(), 98);
/// assert_eq!(all.by_number("0563").unwrap().code, "fanoe");
/// ```
#[derive(Debug, Clone)]
pub struct Authorities {
    def: AuthoritiesDef,
}

impl Authorities {
    /// The national catalogue embedded in the library.
    pub fn national() -> &'static Authorities {
        static CELL: OnceLock<Authorities> = OnceLock::new();
        CELL.get_or_init(|| {
            Authorities::from_json_str(
                include_str!("../../data/authorities.json"),
                "authorities.json",
            )
            .expect("the embedded catalogue of authorities is valid")
        })
    }

    /// Loads and checks a catalogue: codes are codes and unique, numbers are
    /// four digits and unique, a municipality has a number and a region that
    /// is in the catalogue.
    pub fn from_json_str(text: &str, source: &str) -> Result<Authorities> {
        let def: AuthoritiesDef = crate::document::from_json(text, source)?;
        let mut codes = BTreeSet::new();
        let mut numbers = BTreeSet::new();
        for a in &def.authorities {
            let err = |field: &str, reason: String| {
                Error::config(
                    Location::source(source).with_record(&a.code),
                    Some(field),
                    reason,
                )
            };
            if !is_code(&a.code) {
                return Err(err("code", format!("`{}` is not a code", shorten(&a.code))));
            }
            if !codes.insert(a.code.as_str()) {
                return Err(err("code", "the code appears twice".into()));
            }
            if let Some(n) = &a.number {
                if n.len() != 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err(
                        "number",
                        format!("`{}` is not four digits", shorten(n)),
                    ));
                }
                if !numbers.insert(n.as_str()) {
                    return Err(err("number", format!("`{n}` appears twice")));
                }
            }
            if a.kind == AuthorityKind::Municipality {
                if a.number.is_none() {
                    return Err(err(
                        "number",
                        "a municipality needs its official code".into(),
                    ));
                }
                let in_region = a.region.as_deref().is_some_and(|r| {
                    def.authorities
                        .iter()
                        .any(|b| b.code == r && b.kind == AuthorityKind::Region)
                });
                if !in_region {
                    return Err(err(
                        "region",
                        "a municipality needs a region of the catalogue".into(),
                    ));
                }
            }
        }
        Ok(Authorities { def })
    }

    /// The JSON form.
    pub fn def(&self) -> &AuthoritiesDef {
        &self.def
    }

    /// Every authority, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = &Authority> {
        self.def.authorities.iter()
    }

    /// The authorities of one kind.
    pub fn of_kind(&self, kind: AuthorityKind) -> impl Iterator<Item = &Authority> {
        self.iter().filter(move |a| a.kind == kind)
    }

    /// An authority by its code.
    pub fn get(&self, code: &str) -> Option<&Authority> {
        self.iter().find(|a| a.code == code)
    }

    /// An authority by its official four-digit code.
    pub fn by_number(&self, number: &str) -> Option<&Authority> {
        self.iter().find(|a| a.number.as_deref() == Some(number))
    }
}
