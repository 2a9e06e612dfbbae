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
use crate::codes::{coded_enum, is_code, Label, Lang};

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

/// The code and labels (Danish, English) of every authority, in catalogue
/// order: the labels of referral destinations in statistics and reports,
/// read without loading the catalogue, so that the browser's first module
/// carries neither `authorities.json` nor its reader (issue 19). A test
/// checks it against the catalogue.
const LABELS: [(&str, &str, &str); 119] = [
    (
        "koebenhavn",
        "Københavns Kommune",
        "Copenhagen Municipality",
    ),
    (
        "frederiksberg",
        "Frederiksberg Kommune",
        "Frederiksberg Municipality",
    ),
    ("ballerup", "Ballerup Kommune", "Ballerup Municipality"),
    ("broendby", "Brøndby Kommune", "Brøndby Municipality"),
    ("dragoer", "Dragør Kommune", "Dragør Municipality"),
    ("gentofte", "Gentofte Kommune", "Gentofte Municipality"),
    ("gladsaxe", "Gladsaxe Kommune", "Gladsaxe Municipality"),
    ("glostrup", "Glostrup Kommune", "Glostrup Municipality"),
    ("herlev", "Herlev Kommune", "Herlev Municipality"),
    (
        "albertslund",
        "Albertslund Kommune",
        "Albertslund Municipality",
    ),
    ("hvidovre", "Hvidovre Kommune", "Hvidovre Municipality"),
    (
        "hoeje-taastrup",
        "Høje-Taastrup Kommune",
        "Høje-Taastrup Municipality",
    ),
    (
        "lyngby-taarbaek",
        "Lyngby-Taarbæk Kommune",
        "Lyngby-Taarbæk Municipality",
    ),
    ("roedovre", "Rødovre Kommune", "Rødovre Municipality"),
    ("ishoej", "Ishøj Kommune", "Ishøj Municipality"),
    ("taarnby", "Tårnby Kommune", "Tårnby Municipality"),
    (
        "vallensbaek",
        "Vallensbæk Kommune",
        "Vallensbæk Municipality",
    ),
    ("furesoe", "Furesø Kommune", "Furesø Municipality"),
    ("alleroed", "Allerød Kommune", "Allerød Municipality"),
    (
        "fredensborg",
        "Fredensborg Kommune",
        "Fredensborg Municipality",
    ),
    ("helsingoer", "Helsingør Kommune", "Helsingør Municipality"),
    ("hilleroed", "Hillerød Kommune", "Hillerød Municipality"),
    ("hoersholm", "Hørsholm Kommune", "Hørsholm Municipality"),
    ("rudersdal", "Rudersdal Kommune", "Rudersdal Municipality"),
    ("egedal", "Egedal Kommune", "Egedal Municipality"),
    (
        "frederikssund",
        "Frederikssund Kommune",
        "Frederikssund Municipality",
    ),
    ("greve", "Greve Kommune", "Greve Municipality"),
    ("koege", "Køge Kommune", "Køge Municipality"),
    ("halsnaes", "Halsnæs Kommune", "Halsnæs Municipality"),
    ("roskilde", "Roskilde Kommune", "Roskilde Municipality"),
    ("solroed", "Solrød Kommune", "Solrød Municipality"),
    ("gribskov", "Gribskov Kommune", "Gribskov Municipality"),
    ("odsherred", "Odsherred Kommune", "Odsherred Municipality"),
    ("holbaek", "Holbæk Kommune", "Holbæk Municipality"),
    ("faxe", "Faxe Kommune", "Faxe Municipality"),
    (
        "kalundborg",
        "Kalundborg Kommune",
        "Kalundborg Municipality",
    ),
    ("ringsted", "Ringsted Kommune", "Ringsted Municipality"),
    ("slagelse", "Slagelse Kommune", "Slagelse Municipality"),
    ("stevns", "Stevns Kommune", "Stevns Municipality"),
    ("soroe", "Sorø Kommune", "Sorø Municipality"),
    ("lejre", "Lejre Kommune", "Lejre Municipality"),
    ("lolland", "Lolland Kommune", "Lolland Municipality"),
    ("naestved", "Næstved Kommune", "Næstved Municipality"),
    (
        "guldborgsund",
        "Guldborgsund Kommune",
        "Guldborgsund Municipality",
    ),
    (
        "vordingborg",
        "Vordingborg Kommune",
        "Vordingborg Municipality",
    ),
    (
        "bornholm",
        "Bornholms Regionskommune",
        "Bornholm Regional Municipality",
    ),
    (
        "middelfart",
        "Middelfart Kommune",
        "Middelfart Municipality",
    ),
    ("assens", "Assens Kommune", "Assens Municipality"),
    (
        "faaborg-midtfyn",
        "Faaborg-Midtfyn Kommune",
        "Faaborg-Midtfyn Municipality",
    ),
    (
        "kerteminde",
        "Kerteminde Kommune",
        "Kerteminde Municipality",
    ),
    ("nyborg", "Nyborg Kommune", "Nyborg Municipality"),
    ("odense", "Odense Kommune", "Odense Municipality"),
    ("svendborg", "Svendborg Kommune", "Svendborg Municipality"),
    ("nordfyns", "Nordfyns Kommune", "Nordfyns Municipality"),
    ("langeland", "Langeland Kommune", "Langeland Municipality"),
    ("aeroe", "Ærø Kommune", "Ærø Municipality"),
    ("haderslev", "Haderslev Kommune", "Haderslev Municipality"),
    ("billund", "Billund Kommune", "Billund Municipality"),
    (
        "soenderborg",
        "Sønderborg Kommune",
        "Sønderborg Municipality",
    ),
    ("toender", "Tønder Kommune", "Tønder Municipality"),
    ("esbjerg", "Esbjerg Kommune", "Esbjerg Municipality"),
    ("fanoe", "Fanø Kommune", "Fanø Municipality"),
    ("varde", "Varde Kommune", "Varde Municipality"),
    ("vejen", "Vejen Kommune", "Vejen Municipality"),
    ("aabenraa", "Aabenraa Kommune", "Aabenraa Municipality"),
    (
        "fredericia",
        "Fredericia Kommune",
        "Fredericia Municipality",
    ),
    ("horsens", "Horsens Kommune", "Horsens Municipality"),
    ("kolding", "Kolding Kommune", "Kolding Municipality"),
    ("vejle", "Vejle Kommune", "Vejle Municipality"),
    ("herning", "Herning Kommune", "Herning Municipality"),
    ("holstebro", "Holstebro Kommune", "Holstebro Municipality"),
    ("lemvig", "Lemvig Kommune", "Lemvig Municipality"),
    ("struer", "Struer Kommune", "Struer Municipality"),
    ("syddjurs", "Syddjurs Kommune", "Syddjurs Municipality"),
    ("norddjurs", "Norddjurs Kommune", "Norddjurs Municipality"),
    ("favrskov", "Favrskov Kommune", "Favrskov Municipality"),
    ("odder", "Odder Kommune", "Odder Municipality"),
    ("randers", "Randers Kommune", "Randers Municipality"),
    ("silkeborg", "Silkeborg Kommune", "Silkeborg Municipality"),
    ("samsoe", "Samsø Kommune", "Samsø Municipality"),
    (
        "skanderborg",
        "Skanderborg Kommune",
        "Skanderborg Municipality",
    ),
    ("aarhus", "Aarhus Kommune", "Aarhus Municipality"),
    (
        "ikast-brande",
        "Ikast-Brande Kommune",
        "Ikast-Brande Municipality",
    ),
    (
        "ringkoebing-skjern",
        "Ringkøbing-Skjern Kommune",
        "Ringkøbing-Skjern Municipality",
    ),
    ("hedensted", "Hedensted Kommune", "Hedensted Municipality"),
    ("morsoe", "Morsø Kommune", "Morsø Municipality"),
    ("skive", "Skive Kommune", "Skive Municipality"),
    ("thisted", "Thisted Kommune", "Thisted Municipality"),
    ("viborg", "Viborg Kommune", "Viborg Municipality"),
    (
        "broenderslev",
        "Brønderslev Kommune",
        "Brønderslev Municipality",
    ),
    (
        "frederikshavn",
        "Frederikshavn Kommune",
        "Frederikshavn Municipality",
    ),
    (
        "vesthimmerlands",
        "Vesthimmerlands Kommune",
        "Vesthimmerlands Municipality",
    ),
    ("laesoe", "Læsø Kommune", "Læsø Municipality"),
    ("rebild", "Rebild Kommune", "Rebild Municipality"),
    (
        "mariagerfjord",
        "Mariagerfjord Kommune",
        "Mariagerfjord Municipality",
    ),
    (
        "jammerbugt",
        "Jammerbugt Kommune",
        "Jammerbugt Municipality",
    ),
    ("aalborg", "Aalborg Kommune", "Aalborg Municipality"),
    ("hjoerring", "Hjørring Kommune", "Hjørring Municipality"),
    (
        "region-nordjylland",
        "Region Nordjylland",
        "North Denmark Region",
    ),
    (
        "region-midtjylland",
        "Region Midtjylland",
        "Central Denmark Region",
    ),
    (
        "region-syddanmark",
        "Region Syddanmark",
        "Region of Southern Denmark",
    ),
    (
        "region-hovedstaden",
        "Region Hovedstaden",
        "Capital Region of Denmark",
    ),
    ("region-sjaelland", "Region Sjælland", "Region Zealand"),
    (
        "udbetaling-danmark",
        "Udbetaling Danmark",
        "Udbetaling Danmark (Payment Denmark)",
    ),
    (
        "ankestyrelsen",
        "Ankestyrelsen",
        "The National Social Appeals Board",
    ),
    (
        "familieretshuset",
        "Familieretshuset",
        "The Family Law House",
    ),
    (
        "skattestyrelsen",
        "Skattestyrelsen",
        "The Danish Tax Agency",
    ),
    (
        "gaeldsstyrelsen",
        "Gældsstyrelsen",
        "The Danish Debt Collection Agency",
    ),
    (
        "styrelsen-for-patientklager",
        "Styrelsen for Patientklager",
        "The Danish Patient Complaints Board",
    ),
    (
        "patienterstatningen",
        "Patienterstatningen",
        "The Danish Patient Compensation Association",
    ),
    (
        "datatilsynet",
        "Datatilsynet",
        "The Danish Data Protection Agency",
    ),
    (
        "ombudsmanden",
        "Folketingets Ombudsmand",
        "The Parliamentary Ombudsman",
    ),
    (
        "arbejdsmarkedets-erhvervssikring",
        "Arbejdsmarkedets Erhvervssikring",
        "Labour Market Insurance",
    ),
    (
        "naevnenes-hus",
        "Nævnenes Hus",
        "The Danish Appeals Boards Authority",
    ),
    ("politiet", "Politiet", "The police"),
    (
        "styrelsen-for-arbejdsmarked-og-rekruttering",
        "Styrelsen for Arbejdsmarked og Rekruttering",
        "The Danish Agency for Labour Market and Recruitment",
    ),
    (
        "digitaliseringsstyrelsen",
        "Digitaliseringsstyrelsen",
        "The Agency for Digital Government",
    ),
    (
        "sundhedsstyrelsen",
        "Sundhedsstyrelsen",
        "The Danish Health Authority",
    ),
    (
        "social-og-boligstyrelsen",
        "Social- og Boligstyrelsen",
        "The National Board of Social Services",
    ),
];

/// The label of an authority of the national catalogue, by its code.
pub(crate) fn label(code: &str, lang: Lang) -> Option<&'static str> {
    LABELS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|&(_, da, en)| match lang {
            Lang::Da => da,
            Lang::En => en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_the_catalogues() {
        let catalogue: Vec<(&str, &str, &str)> = Authorities::national()
            .iter()
            .map(|a| (a.code.as_str(), a.label.da.as_str(), a.label.en.as_str()))
            .collect();
        assert_eq!(
            catalogue, LABELS,
            "regenerate LABELS from data/authorities.json"
        );
        assert_eq!(label("fanoe", Lang::Da), Some("Fanø Kommune"));
        assert_eq!(
            label("region-syddanmark", Lang::En),
            Some("Region of Southern Denmark")
        );
        assert_eq!(label("nowhere", Lang::Da), None);
    }
}
