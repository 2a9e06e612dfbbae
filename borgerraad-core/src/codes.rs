//! Coded values: a stable ASCII code on the wire, a Danish and an English
//! label for people; and the code lists (kodelister) of an office, which
//! extend the national base list that ships with the library.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::cpr::looks_like_cpr;
use crate::base::error::{shorten, Error, Location, Result};
use crate::base::text::same_text;

/// The language of labels and number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Danish (the default): `47,75`, "Januar".
    #[default]
    Da,
    /// English: `47.75`, "January".
    En,
}

impl std::str::FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "da" => Ok(Lang::Da),
            "en" => Ok(Lang::En),
            _ => Err(Error::unknown("language", s, &["da", "en"])),
        }
    }
}

/// A pair of labels, Danish and English.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Danish.
    pub da: String,
    /// English.
    pub en: String,
}

impl Label {
    /// A label from its Danish and English text.
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Label {
            da: da.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

/// Checks a label: both languages given, neither shaped like a CPR number
/// (the message does not repeat it).
pub(crate) fn check_label(path: &str, label: &Label, at: &Location) -> Result<()> {
    for (lang, text) in [("da", &label.da), ("en", &label.en)] {
        let reason = if text.trim().is_empty() {
            "the label is missing"
        } else if looks_like_cpr(text) {
            "looks like a CPR number"
        } else {
            continue;
        };
        return Err(Error::config(
            at.clone(),
            Some(&format!("{path}.{lang}")),
            reason,
        ));
    }
    Ok(())
}

/// A code is lower-case ASCII letters, digits, `-`, `_` and `/`, with no
/// empty segment, at most 128 bytes.
pub fn is_code(s: &str) -> bool {
    // One pass; `previous` starts as a separator, so that an empty code or
    // a leading, doubled or trailing `/` (an empty segment) is refused.
    let mut previous = b'/';
    for &b in s.as_bytes() {
        match b {
            b'/' if previous == b'/' => return false,
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'/' => previous = b,
            _ => return false,
        }
    }
    previous != b'/' && s.len() <= 128
}

/// A count under a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Count {
    /// The code, e.g. a taxonomy code or a referral destination.
    pub code: String,
    /// How many.
    pub count: u64,
}

/// One entry of a code list: a code and its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeDef {
    /// The stable ASCII code, e.g. `vejledning`.
    pub code: String,
    /// Danish and English labels.
    pub label: Label,
    /// Channels only: whether inquiries by this channel are written, which
    /// is what forwarding under forvaltningsloven § 7, stk. 2 covers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub written: bool,
}

/// The code lists of an office as JSON: in a profile, the entries it adds
/// to the national base list ([`CodeLists::national`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeListsDef {
    /// Kinds of inquiry (henvendelsestyper).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<CodeDef>,
    /// Outcomes (udfald).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<CodeDef>,
    /// Who made the inquiry (henvendere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requesters: Vec<CodeDef>,
    /// Channels (kanaler).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<CodeDef>,
    /// What the advisor did (handlinger).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_kinds: Vec<CodeDef>,
    /// Where matters outside the remit are referred (henvisningssteder).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destinations: Vec<CodeDef>,
}

/// One validated code list, in order: the base entries, then the office's.
#[derive(Debug, Clone)]
pub struct CodeList {
    entries: Vec<CodeDef>,
    /// The place of each code in `entries`, in a table of twice as many
    /// slots or more, searched from the code's [`slot`] on (`EMPTY` ends the
    /// search). A record's codes are looked up for every record loaded and
    /// counted, and this is cheaper than hashing or comparing every code.
    places: Vec<u8>,
}

/// An empty slot of [`CodeList::places`] (a list holds at most
/// [`MAX_CODES`] codes).
const EMPTY: u8 = u8::MAX;

/// Where the search for `code` starts in a table of `mask + 1` slots (a
/// power of two): its length and first, middle and last bytes, mixed.
pub(crate) fn slot(code: &str, mask: usize) -> usize {
    let b = code.as_bytes();
    let key = match b {
        [] => 0,
        _ => u32::from_le_bytes([b[0], b[b.len() / 2], b[b.len() - 1], b.len() as u8]),
    };
    (key.wrapping_mul(0x9e37_79b1) >> 16) as usize & mask
}

/// Whether two codes are equal, for the look-ups of every record: a code
/// of up to 16 bytes is compared as two words read from either end (which
/// between them cover every byte), without a call to `memcmp`.
pub(crate) fn same_code(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    n == b.len()
        && match n {
            8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
            4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
            0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
            _ => a == b,
        }
}

/// Lists are the same when their entries are.
impl PartialEq for CodeList {
    fn eq(&self, other: &CodeList) -> bool {
        self.entries == other.entries
    }
}

impl Eq for CodeList {}

impl CodeList {
    /// A list of at most [`MAX_CODES`] entries with distinct codes.
    fn new(entries: Vec<CodeDef>) -> CodeList {
        let size = (2 * entries.len()).next_power_of_two().max(8);
        let mut places = vec![EMPTY; size];
        for (i, e) in entries.iter().enumerate() {
            let mut at = slot(&e.code, size - 1);
            while places[at] != EMPTY {
                at = (at + 1) & (size - 1);
            }
            places[at] = i as u8;
        }
        CodeList { entries, places }
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[CodeDef] {
        &self.entries
    }

    /// The entry of a code.
    pub fn get(&self, code: &str) -> Option<&CodeDef> {
        self.position(code).map(|p| &self.entries[p])
    }

    /// The codes, in order.
    pub fn codes(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.code.as_str()).collect()
    }

    /// The place of a code in the list.
    pub fn position(&self, code: &str) -> Option<usize> {
        let mask = self.places.len() - 1;
        let mut at = slot(code, mask);
        loop {
            match self.places[at] {
                EMPTY => return None,
                p if same_code(
                    self.entries[usize::from(p)].code.as_bytes(),
                    code.as_bytes(),
                ) =>
                {
                    return Some(usize::from(p))
                }
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Whether the list has the code.
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// The label of a code in `lang`; a code not in the list is its own label.
    pub fn label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.get(code).map_or(code, |e| e.label.get(lang))
    }

    /// The entry whose code, Danish label or English label is `text`,
    /// ignoring case and surrounding spaces: what people type in a sheet.
    pub fn find(&self, text: &str) -> Option<&CodeDef> {
        let text = text.trim().to_lowercase();
        self.entries.iter().find(|e| {
            [&e.code, &e.label.da, &e.label.en]
                .iter()
                .any(|s| s.to_lowercase() == text)
        })
    }
}

/// The most codes a list may hold.
pub const MAX_CODES: usize = 200;

/// The names of the code lists, as in JSON.
pub const LIST_NAMES: [&str; 6] = [
    "kinds",
    "outcomes",
    "requesters",
    "channels",
    "action_kinds",
    "destinations",
];

/// The validated code lists of an office.
///
/// # Example
/// ```
/// use borgerraad_core::{CodeLists, Lang};
/// let codes = CodeLists::national();
/// assert_eq!(codes.kinds.label("klage", Lang::Da), "Klage");
/// assert!(codes.is_written("digital_post") && !codes.is_written("telefon"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLists {
    /// Kinds of inquiry.
    pub kinds: CodeList,
    /// Outcomes.
    pub outcomes: CodeList,
    /// Requesters.
    pub requesters: CodeList,
    /// Channels.
    pub channels: CodeList,
    /// Action kinds.
    pub action_kinds: CodeList,
    /// Referral destinations.
    pub destinations: CodeList,
}

/// The national base list (`data/codes.json`) as a table: the number of its
/// list in [`LIST_NAMES`], code, Danish and English labels, and whether a
/// channel is written. Read without a JSON reader, so that the browser's
/// modules carry none for it (issue 19); a test keeps it equal to the file.
const NATIONAL: [(usize, &str, &str, &str, bool); 35] = [
    (0, "vejvisning", "Vejvisning", "Signposting", false),
    (0, "vejledning", "Vejledning", "Guidance", false),
    (0, "klage", "Klage", "Complaint", false),
    (0, "dialogsag", "Dialogsag", "Dialogue case", false),
    (
        0,
        "sparring",
        "Sparring med personale",
        "Advice to staff",
        false,
    ),
    (0, "videresendelse", "Videresendelse", "Forwarding", false),
    (1, "afklaret", "Afklaret", "Clarified", false),
    (
        1,
        "klage_indgivet",
        "Klage indgivet",
        "Complaint filed",
        false,
    ),
    (
        1,
        "dialog_genoprettet",
        "Dialog genoprettet",
        "Dialogue restored",
        false,
    ),
    (1, "henvist", "Henvist", "Referred", false),
    (1, "ikke_fulgt_op", "Ikke fulgt op", "Not pursued", false),
    (2, "borger", "Borger", "Citizen", false),
    (2, "paaroerende", "Pårørende", "Relative", false),
    (2, "medarbejder", "Medarbejder", "Staff member", false),
    (2, "anden", "Anden", "Other", false),
    (3, "telefon", "Telefon", "Phone", false),
    (3, "email", "E-mail", "E-mail", true),
    (3, "digital_post", "Digital Post", "Digital Post", true),
    (3, "brev", "Brev", "Letter", true),
    (3, "personligt", "Personligt fremmøde", "In person", false),
    (3, "opsoegende", "Opsøgende", "Outreach", false),
    (4, "vejledt", "Vejledt", "Guided", false),
    (
        4,
        "kontakt_kommune",
        "Kontakt til kommunen",
        "Contacted the municipality",
        false,
    ),
    (4, "dialogmoede", "Dialogmøde", "Dialogue meeting", false),
    (
        4,
        "klagehjaelp",
        "Hjælp til klage",
        "Helped with a complaint",
        false,
    ),
    (4, "bisidder", "Bisidder", "Companion at a meeting", false),
    (4, "videresendt", "Videresendt", "Forwarded", false),
    (4, "henvist", "Henvist", "Referred", false),
    (
        5,
        "gaeldsraadgivning",
        "Gældsrådgivning",
        "Debt counselling",
        false,
    ),
    (5, "retshjaelp", "Retshjælp", "Legal aid", false),
    (
        5,
        "familieretshuset",
        "Familieretshuset",
        "Family Law House",
        false,
    ),
    (
        5,
        "ankestyrelsen",
        "Ankestyrelsen",
        "National Social Appeals Board",
        false,
    ),
    (
        5,
        "ombudsmanden",
        "Folketingets Ombudsmand",
        "Parliamentary Ombudsman",
        false,
    ),
    (
        5,
        "datatilsynet",
        "Datatilsynet",
        "Danish Data Protection Agency",
        false,
    ),
    (
        5,
        "styrelsen-for-patientklager",
        "Styrelsen for Patientklager",
        "Danish Patient Complaints Board",
        false,
    ),
];

/// The national base list in its JSON form.
fn national_def() -> CodeListsDef {
    let mut def = CodeListsDef::default();
    for &(list, code, da, en, written) in NATIONAL.iter() {
        let entry = CodeDef {
            code: code.into(),
            label: Label::new(da, en),
            written,
        };
        match list {
            0 => def.kinds.push(entry),
            1 => def.outcomes.push(entry),
            2 => def.requesters.push(entry),
            3 => def.channels.push(entry),
            4 => def.action_kinds.push(entry),
            _ => def.destinations.push(entry),
        }
    }
    def
}

impl CodeLists {
    /// The national base list that ships with the library.
    pub fn national() -> CodeLists {
        CodeLists::extend(&CodeListsDef::default(), "codes").expect("the base list is valid")
    }

    /// The national base list extended by an office's entries. A duplicate
    /// code, an invalid code, an empty label or a CPR-shaped value is a
    /// `ConfigError` that names the path, e.g. `codes.kinds[2].code`.
    pub fn extend(extra: &CodeListsDef, source: &str) -> Result<CodeLists> {
        let base = national_def();
        let lists = |d: &CodeListsDef| {
            [
                d.kinds.clone(),
                d.outcomes.clone(),
                d.requesters.clone(),
                d.channels.clone(),
                d.action_kinds.clone(),
                d.destinations.clone(),
            ]
        };
        let mut out = lists(&base);
        for ((list, name), extra) in out.iter_mut().zip(LIST_NAMES).zip(lists(extra)) {
            for (i, entry) in extra.into_iter().enumerate() {
                let fail = |field: &str, reason: String| {
                    let path = format!("codes.{name}[{i}].{field}");
                    Error::config(Location::source(source), Some(&path), reason)
                };
                if !is_code(&entry.code) || looks_like_cpr(&entry.code) {
                    return Err(fail(
                        "code",
                        format!("`{}` is not a code", shorten(&entry.code)),
                    ));
                }
                if list.iter().any(|e| e.code == entry.code) {
                    return Err(fail(
                        "code",
                        format!("`{}` appears twice in {name}", entry.code),
                    ));
                }
                check_label(
                    &format!("codes.{name}[{i}].label"),
                    &entry.label,
                    &Location::source(source),
                )?;
                if list.len() >= MAX_CODES {
                    return Err(fail(
                        "code",
                        format!("{name} may hold at most {MAX_CODES} codes"),
                    ));
                }
                if entry.written && name != "channels" {
                    return Err(fail("written", "only channels are written or not".into()));
                }
                list.push(entry);
            }
        }
        let [kinds, outcomes, requesters, channels, action_kinds, destinations] =
            out.map(CodeList::new);
        Ok(CodeLists {
            kinds,
            outcomes,
            requesters,
            channels,
            action_kinds,
            destinations,
        })
    }

    /// Whether inquiries by `channel` are written (forvaltningsloven § 7,
    /// stk. 2, covers written inquiries only).
    pub fn is_written(&self, channel: &str) -> bool {
        self.channels.get(channel).is_some_and(|c| c.written)
    }
}

/// `s` as a code, or a `ParseError` (shared by every code type).
pub(crate) fn code(s: &str) -> Result<smol_str::SmolStr> {
    if is_code(s) {
        Ok(smol_str::SmolStr::new(s))
    } else {
        Err(Error::Parse {
            at: Location::default(),
            field: None,
            reason: format!("`{}` is not a code", shorten(s)),
        })
    }
}

/// The national base list, read once: the codes of records are kept as
/// their place in it ([`Code`]).
pub(crate) fn base() -> &'static CodeLists {
    static BASE: std::sync::OnceLock<CodeLists> = std::sync::OnceLock::new();
    BASE.get_or_init(CodeLists::national)
}

/// A code of one code list as a record holds it (see [`code_type`]).
///
/// Every office's list begins with the national base list, so a code of
/// the base list is kept as its place there, which is its place in every
/// office's list too: loading, validating and counting a record then
/// neither copies nor looks up the code again. Other codes (an office's
/// own, or unknown ones for the register to refuse) are kept as text,
/// boxed, so that a code takes 16 bytes instead of 24 (a record holds five
/// or more, and counting records is bound by reading them from memory).
///
/// A base list's code is never `Other` (reading and `new_static` make it
/// `Base`), so codes are equal when their forms are.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Code {
    /// The place in the base list: the only form of a base list's code.
    Base(u8),
    /// Any other code.
    Other(Box<smol_str::SmolStr>),
}

/// The place of `code` in the base list named `list` (one of
/// [`LIST_NAMES`]), at compile time (for `new_static`).
pub(crate) const fn base_place(list: &str, code: &str) -> Option<u8> {
    let mut n = 0;
    while n < LIST_NAMES.len() && !same_text(LIST_NAMES[n], list) {
        n += 1;
    }
    let (mut i, mut place) = (0, 0);
    while i < NATIONAL.len() {
        if NATIONAL[i].0 == n {
            if same_text(NATIONAL[i].1, code) {
                return Some(place);
            }
            place += 1;
        }
        i += 1;
    }
    None
}

impl Code {
    /// `s` as a code of `base` (the base list of its kind), or a `ParseError`.
    pub(crate) fn read(s: &str, base: &CodeList) -> Result<Code> {
        match base.position(s) {
            Some(p) => Ok(Code::Base(p as u8)),
            None => code(s).map(|s| Code::Other(Box::new(s))),
        }
    }

    /// The text of the code; `base` is the base list of its kind.
    pub(crate) fn as_str<'a>(&'a self, base: &'a CodeList) -> &'a str {
        match self {
            Code::Base(p) => &base.entries[usize::from(*p)].code,
            Code::Other(s) => s,
        }
    }

    /// The place of the code in `list`, an office's list of its kind.
    pub(crate) fn place_in(&self, list: &CodeList) -> Option<usize> {
        match self {
            Code::Base(p) => Some(usize::from(*p)),
            Code::Other(s) => list.position(s),
        }
    }
}

/// Declares a code of one code list (`$list` of [`CodeLists`]): an ASCII
/// code on the wire, checked with [`is_code`] when read; a register checks
/// it against its profile's list. It is compared, hashed and ordered as
/// its text.
macro_rules! code_type {
    ($(#[$meta:meta])* $name:ident, $list:ident) => {
        $(#[$meta])*
        #[derive(Clone, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(#[schemars(with = "smol_str::SmolStr")] $crate::codes::Code);

        impl $name {
            /// A code of the national base list known when the program is
            /// written. Panics if it is not one (at compile time for a
            /// constant).
            pub const fn new_static(code: &'static str) -> Self {
                match $crate::codes::base_place(stringify!($list), code) {
                    Some(p) => $name($crate::codes::Code::Base(p)),
                    None => panic!("not a code of the national base list"),
                }
            }

            /// The code.
            pub fn as_str(&self) -> &str {
                self.0.as_str(&$crate::codes::base().$list)
            }

            /// The place of the code in `list`, the office's list of its kind.
            pub(crate) fn place_in(&self, list: &$crate::codes::CodeList) -> Option<usize> {
                self.0.place_in(list)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.0 == other.0
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.as_str()).finish()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::base::error::Error;
            fn from_str(s: &str) -> $crate::base::error::Result<Self> {
                $crate::codes::Code::read(s, &$crate::codes::base().$list).map($name)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}
pub(crate) use code_type;

/// Declares an enum whose variants have a wire code and two labels.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $da:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable ASCII code used on the wire.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The label shown to people.
            pub fn label(self, lang: $crate::codes::Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, $crate::codes::Lang::Da) => $da,
                       ($name::$variant, $crate::codes::Lang::En) => $en, )+
                }
            }

            /// The position of the value in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::base::error::Error;
            fn from_str(s: &str) -> $crate::base::error::Result<Self> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::base::error::Error::unknown(
                        stringify!($name), s, &[$($code),+])),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use coded_enum;

#[cfg(test)]
mod tests {
    #[test]
    fn codes_compare_equal_exactly_when_their_bytes_do() {
        // Every length from 0 to 20, and a difference at each byte.
        for n in 0..=20usize {
            let a: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            assert!(super::same_code(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] = b'-';
                assert!(!super::same_code(&a, &b), "{n} {at}");
            }
            assert!(!super::same_code(&a, &[a.as_slice(), b"x"].concat()), "{n}");
        }
    }
    use super::*;

    #[test]
    fn the_national_table_is_codes_json() {
        let file: CodeListsDef =
            crate::document::from_json(include_str!("../data/codes.json"), "codes.json").unwrap();
        assert_eq!(
            national_def(),
            file,
            "regenerate NATIONAL from data/codes.json"
        );
    }

    #[test]
    fn codes_are_checked() {
        assert!(is_code("borger-arbejdsmarked/jobcenter"));
        assert!(is_code("digital_post"));
        for bad in ["", "Jobcenter", "a//b", "/a", "a/", "/", "børn", "a b"] {
            assert!(!is_code(bad), "{bad:?}");
        }
        assert!(is_code(&"a".repeat(128)) && !is_code(&"a".repeat(129)));
    }

    #[test]
    fn a_code_is_found_in_its_list_and_compared_as_text() {
        use crate::inquiry::Kind;
        // codes.json: the base kinds are vejvisning, vejledning, klage, ...;
        // Egedal adds `undersoegelse` after them.
        let egedal = crate::Office::shipped("egedal").unwrap();
        let kinds = &egedal.codes().kinds;
        let base = kinds.entries().len();
        assert_eq!(kinds.position("klage"), Some(2));
        assert!(kinds.position("undersoegelse").is_some_and(|p| p >= 6));
        assert_eq!(kinds.position("klag"), None);
        assert_eq!(kinds.position(""), None);
        for (i, e) in kinds.entries().iter().enumerate() {
            assert_eq!(kinds.position(&e.code), Some(i));
        }
        let klage: Kind = "klage".parse().unwrap();
        assert_eq!(klage.place_in(kinds), Some(2));
        assert_eq!(klage, Kind::new_static("klage"));
        assert_eq!(Kind::new_static("klage").place_in(kinds), Some(2));
        let own: Kind = "undersoegelse".parse().unwrap();
        assert_eq!(own.place_in(kinds), kinds.position("undersoegelse"));
        assert_eq!(own.place_in(&CodeLists::national().kinds), None);
        assert_eq!((klage.as_str(), own.as_str()), ("klage", "undersoegelse"));
        assert!(own > klage, "ordered as text");
        assert_eq!(format!("{klage:?}"), "Kind(\"klage\")");
        use std::hash::BuildHasher;
        let state = std::collections::hash_map::RandomState::new();
        assert_eq!(
            state.hash_one(&klage),
            state.hash_one(Kind::new_static("klage"))
        );
        assert!("Klage".parse::<Kind>().is_err());
        assert!(base > 6);
    }

    #[test]
    #[should_panic(expected = "not a code of the national base list")]
    fn new_static_takes_base_codes_only() {
        // `undersoegelse` is Egedal's own kind, not the base list's.
        let _ = crate::inquiry::Kind::new_static("undersoegelse");
    }

    #[test]
    fn new_static_is_the_place_in_the_base_list() {
        use crate::inquiry::{ActionKind, Kind, Outcome};
        // codes.json: kinds vejvisning, vejledning, klage, dialogsag,
        // sparring, videresendelse; action kinds vejledt, kontakt_kommune, ...
        let national = CodeLists::national();
        assert_eq!(Kind::FORWARDING.place_in(&national.kinds), Some(5));
        assert_eq!(
            ActionKind::CONTACTED_MUNICIPALITY.place_in(&national.action_kinds),
            Some(1)
        );
        assert_eq!(
            Outcome::new_static("henvist").place_in(&national.outcomes),
            Some(3)
        );
        assert_eq!(ActionKind::new_static("henvist").as_str(), "henvist");
        assert_eq!(Kind::FORWARDING, "videresendelse".parse::<Kind>().unwrap());
    }

    /// A list of many codes whose slots collide still finds each one.
    #[test]
    fn a_full_list_finds_every_code() {
        let extra = CodeListsDef {
            outcomes: (0..MAX_CODES - 5)
                .map(|i| CodeDef {
                    code: format!("u{i}x"),
                    label: Label::new("Udfald", "Outcome"),
                    written: false,
                })
                .collect(),
            ..CodeListsDef::default()
        };
        let lists = CodeLists::extend(&extra, "test").unwrap();
        for (i, e) in lists.outcomes.entries().iter().enumerate() {
            assert_eq!(lists.outcomes.position(&e.code), Some(i));
        }
        assert_eq!(lists.outcomes.position("u0y"), None);
    }

    proptest::proptest! {
        /// The definition: non-empty segments between `/` of lower-case
        /// ASCII letters, digits, `-` and `_`; 1 to 128 bytes.
        #[test]
        fn is_code_agrees_with_its_definition(s in "[a-c0_/-]{0,12}|[a-zA-Z/ ]{0,6}|.{0,4}") {
            let by_definition = !s.is_empty()
                && s.len() <= 128
                && s.split('/').all(|seg| {
                    !seg.is_empty()
                        && seg.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
                });
            proptest::prop_assert_eq!(is_code(&s), by_definition, "{:?}", s);
        }
    }
}
