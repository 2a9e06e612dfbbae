//! The record's fields, declared once.
//!
//! Every format reads this table: the JSON Lines reader takes its field
//! names and required fields from it, the CSV and Arrow readers their
//! columns, the schema test checks the JSON Schema against it, and the
//! Python and JS bindings get their column lists and date columns from it.
//! A record has 16 fields; in the flat formats (CSV, Arrow) the consent
//! and the referral spread over 3 columns, so there are 17 columns.

use crate::base::text::same_text;

/// What a column holds, and so how each format reads its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text or a key (`id`, `citizen`).
    Text,
    /// A day, `YYYY-MM-DD` (Arrow `date32`, numpy `datetime64[D]`).
    Date,
    /// An ASCII code from a code list or the taxonomy.
    Code,
    /// A list of codes, `a;b` in a cell.
    List,
    /// A list of actions, `kind@YYYY-MM-DD;…` in a cell.
    Actions,
}

impl FieldKind {
    /// The kind's name, as the bindings show it: `text`, `date`, `code`,
    /// `list` or `actions`.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Date => "date",
            FieldKind::Code => "code",
            FieldKind::List => "list",
            FieldKind::Actions => "actions",
        }
    }
}

/// One column of the record format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The CSV header and Arrow column name, e.g. `consent_given`.
    pub column: &'static str,
    /// The JSON field the column belongs to, e.g. `consent`.
    pub json: &'static str,
    /// Whether every record has it.
    pub required: bool,
    /// What it holds.
    pub kind: FieldKind,
}

const fn field(column: &'static str, json: &'static str, required: bool, kind: FieldKind) -> Field {
    Field {
        column,
        json,
        required,
        kind,
    }
}

/// The columns of the record format, in the order they are written.
pub const FIELDS: [Field; 18] = {
    use FieldKind::*;
    [
        field("id", "id", true, Text),
        field("citizen", "citizen", true, Text),
        field("received", "received", true, Date),
        field("closed", "closed", false, Date),
        field("municipality", "municipality", true, Code),
        field("channel", "channel", true, Code),
        field("site", "site", false, Code),
        field("requester", "requester", true, Code),
        field("kind", "kind", true, Code),
        field("category", "category", true, Code),
        field("other_categories", "other_categories", false, List),
        field("topics", "topics", false, List),
        field("actions", "actions", false, Actions),
        field("consent_given", "consent", false, Date),
        field("referral_to", "referral", false, Code),
        field("referral_basis", "referral", false, Code),
        field("outcome", "outcome", false, Code),
        field("matter_date", "matter_date", false, Date),
    ]
};

/// The CSV columns, in the order they are written.
pub const CSV_COLUMNS: [&str; FIELDS.len()] = {
    let mut out = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        out[i] = FIELDS[i].column;
        i += 1;
    }
    out
};

/// The position of `column` in [`FIELDS`] (a compile error when absent).
pub(crate) const fn column(column: &str) -> usize {
    let mut i = 0;
    while i < FIELDS.len() {
        if same_text(FIELDS[i].column, column) {
            return i;
        }
        i += 1;
    }
    panic!("no such column")
}

/// The position of `name` in [`JSON_FIELDS`] (a compile error when absent).
pub(crate) const fn json_field(name: &str) -> usize {
    let mut i = 0;
    while i < JSON_FIELDS.len() {
        if same_text(JSON_FIELDS[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("no such field")
}

/// The number of JSON fields: columns that share a JSON field are one.
const JSON_FIELD_COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < FIELDS.len() {
        if i == 0 || !same_text(FIELDS[i].json, FIELDS[i - 1].json) {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The fields of a JSON record, in the order they are written.
pub(crate) const JSON_FIELDS: [&str; JSON_FIELD_COUNT] = {
    let mut out = [""; JSON_FIELD_COUNT];
    let (mut n, mut i) = (0, 0);
    while i < FIELDS.len() {
        if i == 0 || !same_text(FIELDS[i].json, FIELDS[i - 1].json) {
            out[n] = FIELDS[i].json;
            n += 1;
        }
        i += 1;
    }
    out
};

const REQUIRED_COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < FIELDS.len() {
        if FIELDS[i].required {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The positions in [`FIELDS`] of the columns every record has.
pub(crate) const REQUIRED_COLUMNS: [usize; REQUIRED_COUNT] = {
    let mut out = [0; REQUIRED_COUNT];
    let (mut n, mut i) = (0, 0);
    while i < FIELDS.len() {
        if FIELDS[i].required {
            out[n] = i;
            n += 1;
        }
        i += 1;
    }
    out
};

/// The positions in [`JSON_FIELDS`] of the fields every record has.
pub(crate) const REQUIRED_JSON_FIELDS: [usize; REQUIRED_COUNT] = {
    let mut out = [0; REQUIRED_COUNT];
    let mut k = 0;
    while k < REQUIRED_COUNT {
        let name = FIELDS[REQUIRED_COLUMNS[k]].json;
        let mut j = 0;
        while !same_text(JSON_FIELDS[j], name) {
            j += 1;
        }
        out[k] = j;
        k += 1;
    }
    out
};

const DATE_COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < FIELDS.len() {
        if matches!(FIELDS[i].kind, FieldKind::Date) {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The positions in [`FIELDS`] of the date columns.
pub(crate) const DATE_COLUMNS: [usize; DATE_COUNT] = {
    let mut out = [0; DATE_COUNT];
    let (mut n, mut i) = (0, 0);
    while i < FIELDS.len() {
        if matches!(FIELDS[i].kind, FieldKind::Date) {
            out[n] = i;
            n += 1;
        }
        i += 1;
    }
    out
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_follow_the_declaration() {
        // Counted by hand from the record format (README, schema/inquiry.schema.json).
        assert_eq!(JSON_FIELDS.len(), 17);
        assert_eq!(JSON_FIELDS[10], "other_categories");
        assert_eq!(JSON_FIELDS[13], "consent");
        assert_eq!(JSON_FIELDS[14], "referral");
        assert_eq!(JSON_FIELDS[15], "outcome");
        let required: Vec<&str> = REQUIRED_JSON_FIELDS
            .iter()
            .map(|&j| JSON_FIELDS[j])
            .collect();
        assert_eq!(
            required,
            [
                "id",
                "citizen",
                "received",
                "municipality",
                "channel",
                "requester",
                "kind",
                "category"
            ]
        );
        let dates: Vec<&str> = DATE_COLUMNS.iter().map(|&c| CSV_COLUMNS[c]).collect();
        assert_eq!(
            dates,
            ["received", "closed", "consent_given", "matter_date"]
        );
        assert_eq!(column("referral_basis"), 15);
    }
}
