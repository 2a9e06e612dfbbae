//! From a sheet's row to a record: which column gives which field, and
//! what each cell means, by the office's code lists, taxonomy and the
//! profile's import section.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use smol_str::SmolStr;

use crate::base::cpr::whole_cpr;
use crate::base::error::{shorten, Error, Result};
use crate::codes::{is_code, CodeList};
use crate::inquiry::{Consent, Inquiry, Kind, Referral, Topics};
use crate::office::Office;
use crate::privacy::{redact_cpr, Cpr, Pseudonymizer};
use crate::profile::{ImportDef, IMPORT_FIELDS};
use crate::sheet::{Cell, Sheet, SheetRow};
use crate::taxonomy::Entry;

/// The position of a field in [`IMPORT_FIELDS`].
const fn field(name: &str) -> usize {
    let mut i = 0;
    while i < IMPORT_FIELDS.len() {
        let (a, b) = (IMPORT_FIELDS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("no such import field")
}

const ID: usize = field("id");
const CITIZEN: usize = field("citizen");
const RECEIVED: usize = field("received");
const CLOSED: usize = field("closed");
const MUNICIPALITY: usize = field("municipality");
const CHANNEL: usize = field("channel");
const SITE: usize = field("site");
const REQUESTER: usize = field("requester");
const KIND: usize = field("kind");
const CATEGORY: usize = field("category");
const AREA: usize = field("area");
const DEPARTMENT: usize = field("department");
const OTHER_CATEGORIES: usize = field("other_categories");
const TOPICS: usize = field("topics");
const REFERRAL: usize = field("referral");
const OUTCOME: usize = field("outcome");
const MATTER_DATE: usize = field("matter_date");
const CONSENT_GIVEN: usize = field("consent_given");

/// A header or value as it is compared: trimmed, without a trailing `.`
/// or `:`, lower case, inner runs of spaces as one.
pub(crate) fn normal(s: &str) -> String {
    let s = s.trim().trim_end_matches(['.', ':']).trim_end();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The field (an index of [`IMPORT_FIELDS`]) a header gives: the field's
/// own name, or one of its headers in the profile.
pub(crate) fn header_field(header: &str, def: &ImportDef) -> Option<usize> {
    let h = normal(header);
    if h.is_empty() {
        return None;
    }
    IMPORT_FIELDS.iter().position(|f| {
        normal(f) == h
            || def
                .columns
                .get(*f)
                .is_some_and(|names| names.iter().any(|n| normal(n) == h))
    })
}

/// A cell as text: `None` when empty; a whole number without its `.0`; a
/// date cell as `YYYY-MM-DD`.
pub(crate) fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Cell::Number(n) => Some(n.to_string()),
        Cell::Date(d) => Some(d.to_string()),
    }
}

/// What is wrong with one cell (or row) of the sheet.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// The sheet's column (an index of its headers), if one is at fault.
    pub(crate) column: Option<usize>,
    /// The record's field.
    pub(crate) field: &'static str,
    /// Why, for this cell.
    pub(crate) reason: String,
    /// Why, in words shared by every cell with the same fault: what the
    /// report groups rejections by.
    pub(crate) group: String,
    /// The value, when it maps to nothing (redacted, cut short).
    pub(crate) unmapped: Option<String>,
}

/// Which column gives which field, and the look-up tables of the office.
pub(crate) struct Mapper<'a> {
    office: &'a Office,
    def: &'a ImportDef,
    pseudo: Option<&'a Pseudonymizer>,
    /// The sheet's column of each field of [`IMPORT_FIELDS`].
    pub(crate) columns: [Option<usize>; IMPORT_FIELDS.len()],
    /// Field → normalised sheet text → code.
    aliases: Vec<HashMap<String, String>>,
    /// Normalised word → word.
    words: HashMap<String, String>,
    /// Normalised code or label → the taxonomy codes with it.
    units: HashMap<String, Vec<String>>,
    /// Normalised area code or label → area code.
    areas: HashMap<String, Vec<String>>,
    /// Rows to skip: column → normalised values.
    skip: Vec<(usize, Vec<String>)>,
    /// How many citizen keys look like initials.
    pub(crate) initials: u64,
    /// Field → sheet text → its code, as found before: a sheet repeats a
    /// few values in every row.
    found: RefCell<Vec<HashMap<String, Option<String>>>>,
}

impl<'a> Mapper<'a> {
    /// The mapper of `sheet`'s header. Two columns for one field, or no
    /// column and no default for a required field, is a `ParseError`
    /// naming the sheet's header.
    pub(crate) fn new(
        sheet: &Sheet,
        office: &'a Office,
        def: &'a ImportDef,
        pseudo: Option<&'a Pseudonymizer>,
    ) -> Result<Mapper<'a>> {
        let mut columns: [Option<usize>; IMPORT_FIELDS.len()] = [None; IMPORT_FIELDS.len()];
        for (c, header) in sheet.headers.iter().enumerate() {
            if let Some(f) = header_field(header, def) {
                if let Some(other) = columns[f] {
                    return Err(header_error(
                        sheet,
                        c,
                        format!(
                            "this column and column \"{}\" both give the field `{}`; keep one, or name one in the profile's import section",
                            redact_cpr(sheet.headers[other].trim()),
                            IMPORT_FIELDS[f]
                        ),
                    ));
                }
                columns[f] = Some(c);
            }
        }
        let has = |f: usize| columns[f].is_some() || def.defaults.contains_key(IMPORT_FIELDS[f]);
        let category = has(CATEGORY) || has(AREA) || has(DEPARTMENT);
        for f in [RECEIVED, CITIZEN, CHANNEL, REQUESTER, KIND] {
            if !has(f) {
                return Err(missing(sheet, def, f));
            }
        }
        if !category {
            return Err(missing(sheet, def, CATEGORY));
        }
        let aliases = IMPORT_FIELDS
            .iter()
            .map(|f| {
                def.values
                    .get(*f)
                    .map(|m| m.iter().map(|(k, v)| (normal(k), v.clone())).collect())
                    .unwrap_or_default()
            })
            .collect();
        let words = def
            .words
            .iter()
            .map(|(k, v)| (normal(k), v.clone()))
            .collect();
        let (mut units, mut areas) = (HashMap::new(), HashMap::new());
        let add = |map: &mut HashMap<String, Vec<String>>, key: &str, code: &str| {
            let codes: &mut Vec<String> = map.entry(normal(key)).or_default();
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        };
        for area in &office.taxonomy().def().areas {
            for key in [&area.code, &area.label.da, &area.label.en] {
                add(&mut units, key, &area.code);
                add(&mut areas, key, &area.code);
            }
            for dept in &area.departments {
                let code = format!("{}/{}", area.code, dept.code);
                for key in [&code, &dept.label.da, &dept.label.en] {
                    add(&mut units, key, &code);
                }
                for unit in &dept.units {
                    let code = format!("{code}/{}", unit.code);
                    for key in [&code, &unit.label.da, &unit.label.en] {
                        add(&mut units, key, &code);
                    }
                }
            }
        }
        let skip = def
            .skip
            .iter()
            .filter_map(|(header, values)| {
                let c = sheet
                    .headers
                    .iter()
                    .position(|h| normal(h) == normal(header))?;
                Some((c, values.iter().map(|v| normal(v)).collect()))
            })
            .collect();
        Ok(Mapper {
            office,
            def,
            pseudo,
            columns,
            aliases,
            words,
            units,
            areas,
            skip,
            initials: 0,
            found: RefCell::new(vec![HashMap::new(); IMPORT_FIELDS.len()]),
        })
    }

    /// Why the profile skips `row`, if it does.
    pub(crate) fn skipped(&self, sheet: &Sheet, row: &SheetRow) -> Option<String> {
        self.skip.iter().find_map(|(c, values)| {
            let text = cell_text(&row.cells[*c])?;
            values.contains(&normal(&text)).then(|| {
                format!(
                    "skipped by the profile: \"{}\" is \"{}\"",
                    redact_cpr(sheet.headers[*c].trim()),
                    redact_cpr(&shorten(&text))
                )
            })
        })
    }

    /// The text of `field`'s cell in `row`, or its default.
    fn text(&self, row: &SheetRow, f: usize) -> Option<String> {
        self.columns[f]
            .and_then(|c| cell_text(&row.cells[c]))
            .or_else(|| self.def.defaults.get(IMPORT_FIELDS[f]).cloned())
    }

    /// The code of `text` in `field`'s aliases, or found by `find` as
    /// written or with the profile's words in place.
    fn code(&self, f: usize, text: &str, find: impl Fn(&str) -> Option<String>) -> Option<String> {
        self.kept(f, text, text, find)
    }

    /// [`Mapper::code`], kept under `key` (the text, or for a department
    /// its area and text): a sheet repeats a few values in every row.
    fn kept(
        &self,
        f: usize,
        key: &str,
        text: &str,
        find: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        if let Some(found) = self.found.borrow()[f].get(key) {
            return found.clone();
        }
        let found = self.look_up(f, text, find);
        self.found.borrow_mut()[f].insert(key.to_string(), found.clone());
        found
    }

    /// [`Mapper::code`], not kept.
    fn look_up(
        &self,
        f: usize,
        text: &str,
        find: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        if let Some(code) = self.aliases[f].get(&normal(text)) {
            return Some(code.clone());
        }
        if let Some(code) = find(text) {
            return Some(code);
        }
        if self.words.is_empty() {
            return None;
        }
        let worded: Vec<&str> = text
            .split_whitespace()
            .map(|w| self.words.get(&normal(w)).map_or(w, String::as_str))
            .collect();
        find(&worded.join(" "))
    }

    /// The record of `row`, or what is wrong with it (every cell looked at,
    /// so that every value that maps to nothing is counted).
    pub(crate) fn row(&mut self, row: &SheetRow, problems: &mut Vec<Problem>) -> Option<Inquiry> {
        let start = problems.len();
        let columns = self.columns;
        let mut bad = |f: usize, reason: String, group: &str| {
            problems.push(Problem {
                column: columns[f],
                field: IMPORT_FIELDS[f],
                reason,
                group: group.to_string(),
                unmapped: None,
            });
        };
        let id = match self.columns[ID] {
            Some(c) => cell_text(&row.cells[c]).unwrap_or_default(),
            None => format!("row-{}", row.row),
        };
        if id.is_empty() {
            bad(ID, "the id is empty".into(), "empty id");
        }
        let citizen = self.citizen(row, &mut bad);
        let date = |f: usize, bad: &mut dyn FnMut(usize, String, &str)| -> Option<NaiveDate> {
            let cell = match self.columns[f] {
                Some(c) => &row.cells[c],
                None => return None,
            };
            match cell.date() {
                Ok(day) => day,
                Err(why) => {
                    bad(f, redact_cpr(&why).into_owned(), "not a date");
                    None
                }
            }
        };
        let received = date(RECEIVED, &mut bad);
        let closed = date(CLOSED, &mut bad);
        let matter_date = date(MATTER_DATE, &mut bad);
        let consent = date(CONSENT_GIVEN, &mut bad);
        if received.is_none() && !problems[start..].iter().any(|p| p.field == "received") {
            problems.push(self.empty(RECEIVED));
        }
        let codes = self.office.codes();
        let channel = self.coded(row, CHANNEL, &codes.channels, problems);
        let requester = self.coded(row, REQUESTER, &codes.requesters, problems);
        let kind = self.coded(row, KIND, &codes.kinds, problems);
        let outcome = self.coded(row, OUTCOME, &codes.outcomes, problems);
        let municipality = self.municipality(row, problems);
        let site = self.site(row, problems);
        let category = self.category(row, problems);
        let other_categories = self.list(row, OTHER_CATEGORIES, problems, |m, t| m.unit(t));
        let topics = self.list(row, TOPICS, problems, |_, t| Some(slug(t)));
        let mut referral = self.referral(row, problems);
        for (f, value) in [(CHANNEL, &channel), (REQUESTER, &requester), (KIND, &kind)] {
            if value.is_none()
                && !problems[start..]
                    .iter()
                    .any(|p| p.field == IMPORT_FIELDS[f])
            {
                problems.push(self.empty(f));
            }
        }
        if problems.len() > start {
            return None;
        }
        let (kind, category) = (kind?, category?);
        if kind == Kind::FORWARDING.as_str() && referral.is_none() {
            referral = Some(Referral {
                to: category.as_str().into(),
                basis: self.def.derive.forwarding_basis.as_str().into(),
            });
        }
        Some(Inquiry {
            id: id.into(),
            citizen: citizen?,
            received: received?,
            closed,
            municipality: municipality?.into(),
            channel: channel?.parse().ok()?,
            site: site.map(SmolStr::from),
            requester: requester?.parse().ok()?,
            kind: kind.parse().ok()?,
            category: category.into(),
            other_categories,
            topics,
            actions: Default::default(),
            consent: consent.map(|given| Consent { given }),
            referral,
            outcome: outcome.and_then(|o| o.parse().ok()),
            matter_date,
        })
    }

    /// The problem of a required field left empty without a default.
    fn empty(&self, f: usize) -> Problem {
        Problem {
            column: self.columns[f],
            field: IMPORT_FIELDS[f],
            reason: format!("empty; `{}` is required", IMPORT_FIELDS[f]),
            group: "empty".into(),
            unmapped: None,
        }
    }

    /// The problem of a value that maps to nothing.
    fn unmapped(&self, f: usize, text: &str, what: &str) -> Problem {
        let value = redact_cpr(&shorten(text)).into_owned();
        Problem {
            column: self.columns[f],
            field: IMPORT_FIELDS[f],
            reason: format!(
                "`{value}` is not {what}: not a code, a label or an alias in the profile's import section"
            ),
            group: format!("a value that is not {what}"),
            unmapped: Some(value),
        }
    }

    /// The citizen key of `row`: a CPR number becomes a key with the
    /// pseudonymizer, and is refused without one; other keys are kept.
    fn citizen(
        &mut self,
        row: &SheetRow,
        bad: &mut dyn FnMut(usize, String, &str),
    ) -> Option<SmolStr> {
        let Some(text) = self.text(row, CITIZEN) else {
            bad(CITIZEN, "the citizen key is empty".into(), "empty");
            return None;
        };
        if whole_cpr(&text).is_some() {
            return match (self.pseudo, Cpr::parse(&text)) {
                (Some(pseudo), Ok(cpr)) => Some(pseudo.key(&cpr).into()),
                (Some(_), Err(_)) => {
                    bad(
                        CITIZEN,
                        "shaped like a CPR number whose date part is not a real day; neither a key nor a CPR number".into(),
                        "a CPR-shaped value that is not a CPR number",
                    );
                    None
                }
                (None, _) => {
                    bad(
                        CITIZEN,
                        "a CPR number; the register never holds one: give a pseudonymizer (a secret) to turn it into a key".into(),
                        "a CPR number without a pseudonymizer",
                    );
                    None
                }
            };
        }
        let letters = text.chars().count();
        if (2..=3).contains(&letters) && text.chars().all(char::is_alphabetic) {
            self.initials += 1;
        }
        Some(text.into())
    }

    /// The code of a coded field in `row`, from its code list.
    fn coded(
        &self,
        row: &SheetRow,
        f: usize,
        list: &CodeList,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        let text = self.text(row, f)?;
        let found = self.code(f, &text, |t| list.find(t).map(|e| e.code.clone()));
        if found.is_none() {
            let what = match IMPORT_FIELDS[f] {
                "channel" => "a channel",
                "requester" => "a requester",
                "kind" => "a kind of inquiry",
                _ => "an outcome",
            };
            problems.push(self.unmapped(f, &text, what));
        }
        found
    }

    /// The municipality: one that the office serves, by code or label; the
    /// taxonomy's own when the sheet says nothing.
    fn municipality(&self, row: &SheetRow, problems: &mut Vec<Problem>) -> Option<String> {
        let taxonomy = self.office.taxonomy().def();
        let Some(text) = self.text(row, MUNICIPALITY) else {
            return Some(taxonomy.municipality.clone());
        };
        let found = self.code(MUNICIPALITY, &text, |t| {
            by_code_or_label(&taxonomy.served, t)
        });
        if found.is_none() {
            problems.push(self.unmapped(MUNICIPALITY, &text, "a municipality the office serves"));
        }
        found
    }

    /// The outreach site, by code or label.
    fn site(&self, row: &SheetRow, problems: &mut Vec<Problem>) -> Option<String> {
        let text = self.text(row, SITE)?;
        let sites = &self.office.taxonomy().def().sites;
        let found = self.code(SITE, &text, |t| by_code_or_label(sites, t));
        if found.is_none() {
            problems.push(self.unmapped(SITE, &text, "an outreach site"));
        }
        found
    }

    /// The taxonomy code of a unit by its code or label, if exactly one
    /// unit has it.
    fn unit(&self, text: &str) -> Option<String> {
        self.code(CATEGORY, text, |t| match self.units.get(&normal(t)) {
            Some(codes) if codes.len() == 1 => Some(codes[0].clone()),
            _ => None,
        })
    }

    /// The category: a `category` cell (a unit's code or label), or an
    /// `area` cell and perhaps a `department` cell.
    fn category(&self, row: &SheetRow, problems: &mut Vec<Problem>) -> Option<String> {
        if let Some(text) = self.text(row, CATEGORY) {
            let found = self.unit(&text);
            if found.is_none() {
                problems.push(self.unmapped(CATEGORY, &text, "a unit of the taxonomy"));
            }
            return found;
        }
        let department = self.text(row, DEPARTMENT);
        let Some(area_text) = self.text(row, AREA) else {
            let Some(text) = department else {
                problems.push(self.empty(match self.columns[AREA] {
                    Some(_) => AREA,
                    None => CATEGORY,
                }));
                return None;
            };
            let found = self.unit(&text);
            if found.is_none() {
                problems.push(self.unmapped(DEPARTMENT, &text, "a unit of the taxonomy"));
            }
            return found;
        };
        let area = self.code(AREA, &area_text, |t| match self.areas.get(&normal(t)) {
            Some(codes) if codes.len() == 1 => Some(codes[0].clone()),
            _ => None,
        });
        let Some(area) = area else {
            problems.push(self.unmapped(AREA, &area_text, "an area of the taxonomy"));
            return None;
        };
        let Some(text) = department else {
            return Some(area);
        };
        let departments = self
            .office
            .taxonomy()
            .def()
            .areas
            .iter()
            .find(|a| a.code == area)
            .map(|a| a.departments.as_slice())
            .unwrap_or_default();
        let key = format!("{area}\u{0}{text}");
        let found = self.kept(DEPARTMENT, &key, &text, |t| {
            let t = normal(t);
            departments
                .iter()
                .find(|d| {
                    [&d.code, &d.label.da, &d.label.en]
                        .iter()
                        .any(|s| normal(s) == t)
                })
                .map(|d| format!("{area}/{}", d.code))
        });
        if found.is_none() {
            problems.push(self.unmapped(DEPARTMENT, &text, "a department of the area in its row"));
        }
        found
    }

    /// A list cell (`a; b` or `a, b`), each item through `item`.
    fn list(
        &self,
        row: &SheetRow,
        f: usize,
        problems: &mut Vec<Problem>,
        item: impl Fn(&Self, &str) -> Option<String>,
    ) -> Topics {
        let Some(text) = self.text(row, f) else {
            return Topics::new();
        };
        let mut out = Topics::new();
        for part in text
            .split([';', ',', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let found = match self.aliases[f].get(&normal(part)) {
                Some(code) => Some(code.clone()),
                None => item(self, part),
            };
            match found {
                Some(code) if is_code(&code) => out.push(code.into()),
                _ => problems.push(self.unmapped(f, part, "a code")),
            }
        }
        out
    }

    /// A referral from the `referral` cell: to a referral destination
    /// (with the profile's referral basis) or to a unit of the taxonomy (a
    /// forwarding, with the forwarding basis).
    fn referral(&self, row: &SheetRow, problems: &mut Vec<Problem>) -> Option<Referral> {
        let text = self.text(row, REFERRAL)?;
        let destinations = &self.office.codes().destinations;
        let derive = &self.def.derive;
        if let Some(to) = self.code(REFERRAL, &text, |t| {
            destinations.find(t).map(|e| e.code.clone())
        }) {
            return Some(Referral {
                to: to.into(),
                basis: derive.referral_basis.as_str().into(),
            });
        }
        if let Some(to) = self.units.get(&normal(&text)).filter(|c| c.len() == 1) {
            return Some(Referral {
                to: to[0].as_str().into(),
                basis: derive.forwarding_basis.as_str().into(),
            });
        }
        problems.push(self.unmapped(
            REFERRAL,
            &text,
            "a referral destination or a unit of the taxonomy",
        ));
        None
    }

    /// The sheet column of a record field named by a validation error.
    pub(crate) fn column_of(&self, record_field: &str) -> Option<usize> {
        let f = match record_field {
            "consent" => CONSENT_GIVEN,
            "category" => {
                return self.columns[CATEGORY]
                    .or(self.columns[DEPARTMENT])
                    .or(self.columns[AREA])
            }
            other => IMPORT_FIELDS.iter().position(|f| *f == other)?,
        };
        self.columns[f]
    }
}

/// A topic as a code: lower case, Danish letters spelt out (`æ` → `ae`,
/// `ø` → `oe`, `å` → `aa`), spaces as `-`; anything else is kept, for the
/// register to refuse.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            ' ' => out.push('-'),
            c => out.push(c),
        }
    }
    out
}

/// A `ParseError` about the header of column `c`.
fn header_error(sheet: &Sheet, c: usize, reason: String) -> Error {
    Error::Parse {
        at: sheet.at(sheet.header_row, Some(c)),
        field: None,
        reason,
    }
}

/// The `ParseError` of a required field that no column gives.
fn missing(sheet: &Sheet, def: &ImportDef, f: usize) -> Error {
    let name = IMPORT_FIELDS[f];
    let mut names = vec![name.to_string()];
    if f == CATEGORY {
        names.extend(["area".into(), "department".into()]);
    }
    for n in names.clone() {
        names.extend(def.columns.get(&n).into_iter().flatten().cloned());
    }
    let headers: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    Error::Parse {
        at: sheet.at(sheet.header_row, None),
        field: Some(name.into()),
        reason: format!(
            "no column gives `{name}` (headers tried: {}); rename a column, or add its header or a default to the profile's import section",
            headers.join(", ")
        ),
    }
}

/// The code of the entry whose code, Danish or English label is `text`
/// (any case, surrounding spaces ignored).
fn by_code_or_label(entries: &[Entry], text: &str) -> Option<String> {
    let text = normal(text);
    entries
        .iter()
        .find(|e| {
            [&e.code, &e.label.da, &e.label.en]
                .iter()
                .any(|s| normal(s) == text)
        })
        .map(|e| e.code.clone())
}
