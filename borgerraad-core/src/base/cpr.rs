//! The shape of a CPR number (personnummer) in text: found, read and
//! masked, in every form people and spreadsheets write one.
//!
//! This is the ground floor's half of privacy: errors use it never to
//! repeat a CPR-shaped value. The [`crate::Cpr`] type and pseudonymising
//! live in `privacy`.

/// Whether `s` contains something shaped like a CPR number, in any of the
/// forms people and spreadsheets write one:
///
/// - ten digits, not part of a longer number (`0101901234`);
/// - six digits and four, apart (`010190-1234`), or the ten digits in
///   smaller groups with a break after the sixth (`01 01 90 12 34`,
///   `01.01.90-1234`, `0101 90/1234`). Groups are apart by one to three
///   separators: spaces of any kind (also no-break and zero-width), dashes
///   of any kind (hyphen, en dash, minus sign `−`, non-breaking hyphen
///   `‑`, …), dots and slashes;
/// - nine digits on their own: the number after a spreadsheet dropped its
///   leading zero (`101901234` for `010190-1234`);
///
/// with digits of any script (Unicode category Nd, such as fullwidth
/// `０１０１９０`), and the first digits a day (1–31) and month (1–12).
/// Dates (`2022-02-03`), date ranges and ids such as `BR-2022-0001-1234`
/// are not taken for one: their groups never make ten digits with a break
/// after the sixth that start with a day and month.
///
/// The modulus-11 check is deliberately not used: numbers issued since 2007
/// may fail it and are still valid.
///
/// # Example
/// ```
/// use borgerraad_core::looks_like_cpr;
/// assert!(looks_like_cpr("010190-1234"));
/// assert!(looks_like_cpr("note 0101901234"));
/// assert!(looks_like_cpr("01 01 90 12 34"));
/// assert!(looks_like_cpr("010190\u{2212}1234")); // minus sign
/// assert!(looks_like_cpr("０１０１９０－１２３４")); // fullwidth
/// assert!(looks_like_cpr("101901234")); // Excel dropped the leading zero
/// assert!(!looks_like_cpr("kxqbvdwz"));
/// assert!(!looks_like_cpr("2022-03-01"));
/// assert!(!looks_like_cpr("BR-2022-0001-1234"));
/// ```
pub fn looks_like_cpr(s: &str) -> bool {
    might_hold_cpr(s) && !cpr_shapes(s).is_empty()
}

/// Whether `s` has at least nine characters that could be digits (every
/// ASCII digit and every character outside ASCII), and for ASCII text, a
/// run of digits that could begin a CPR number. Most text (a code, a key,
/// an id with a year, a date) is decided here, without decoding.
fn might_hold_cpr(s: &str) -> bool {
    let b = s.as_bytes();
    if s.is_ascii() {
        // Counting digits first settles most text (codes, words) cheaply.
        return b.len() >= 9
            && b.iter().filter(|c| c.is_ascii_digit()).count() >= 9
            && ascii_run_may_begin_cpr(b);
    }
    // Continuation bytes (0b10xx_xxxx) are not counted: one per character.
    b.len() >= 9
        && b.iter()
            .filter(|&&c| c.is_ascii_digit() || c >= 0xc0)
            .nth(8)
            .is_some()
}

/// For ASCII text: whether a run of digits in it could begin a CPR
/// number: its first four digits (read across at most [`MAX_GAP`]
/// separators at a time) a day and month (`DDMM`), or a run of exactly
/// nine whose first digit is a day and next two a month (the form a
/// spreadsheet leaves). Every CPR shape begins so, and an id such as
/// `EBJ-2022-0001-26` or a date does not: this reads each byte once, and a
/// few more at the runs of fewer than four digits.
fn ascii_run_may_begin_cpr(b: &[u8]) -> bool {
    let day_month = |day: u8, month: u8| (1..=31).contains(&day) && (1..=12).contains(&month);
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let d = |k: usize| b[start + k] - b'0';
        let begins = match i - start {
            9 if day_month(d(0), d(1) * 10 + d(2)) => true,
            4.. => day_month(d(0) * 10 + d(1), d(2) * 10 + d(3)),
            _ => first_four(&b[start..])
                .is_some_and(|d| day_month(d[0] * 10 + d[1], d[2] * 10 + d[3])),
        };
        if begins {
            return true;
        }
    }
    false
}

/// The first four digits of ASCII text that begins with a digit, read
/// across at most [`MAX_GAP`] separators at a time, if it has four so.
fn first_four(b: &[u8]) -> Option<[u8; 4]> {
    let (mut four, mut n, mut gap) = ([0u8; 4], 0, 0);
    for &c in b {
        if c.is_ascii_digit() {
            if gap > MAX_GAP {
                return None;
            }
            four[n] = c - b'0';
            n += 1;
            if n == 4 {
                return Some(four);
            }
            gap = 0;
        } else if is_separator(char::from(c)) {
            gap += 1;
        } else {
            return None;
        }
    }
    None
}

/// `text` with each CPR-shaped number in it (see [`looks_like_cpr`])
/// masked: its digits become `x`, whatever their script, and the rest is
/// kept. For messages from other libraries (serde, csv, the bindings'
/// converters) that may quote the value they could not read.
///
/// # Example
/// ```
/// use borgerraad_core::redact_cpr;
/// assert_eq!(
///     redact_cpr(r#"invalid type: string "010190-1234", expected a map"#),
///     r#"invalid type: string "xxxxxx-xxxx", expected a map"#
/// );
/// assert_eq!(redact_cpr("cpr ０１ ０１ ９０ 1234"), "cpr xx xx xx xxxx");
/// assert_eq!(redact_cpr("expected `2022-03-01`"), "expected `2022-03-01`");
/// ```
pub fn redact_cpr(text: &str) -> std::borrow::Cow<'_, str> {
    if !might_hold_cpr(text) {
        return text.into();
    }
    let shapes = cpr_shapes(text);
    if shapes.is_empty() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for shape in shapes {
        out.push_str(&text[copied..shape.start]);
        for c in text[shape.clone()].chars() {
            out.push(if digit_value(c).is_some() { 'x' } else { c });
        }
        copied = shape.end;
    }
    out.push_str(&text[copied..]);
    out.into()
}

/// The ten digits of `s` if all of it is one CPR number in a form that
/// [`looks_like_cpr`] finds (nine digits get their leading zero back).
pub(crate) fn whole_cpr(s: &str) -> Option<[u8; 10]> {
    let groups = groups(s);
    let (first, last) = (groups.first()?, groups.last()?);
    let all_of_it = first.bytes.start == 0 && last.bytes.end == s.len();
    if !all_of_it || !groups[1..].iter().all(|g| g.follows) {
        return None;
    }
    candidate(s, &groups)
}

/// The first digit (zero) of each run of ten decimal digits in Unicode
/// (general category Nd), ascending: Unicode 14 as Python's `unicodedata`
/// lists it, and the Kawi and Nag Mundari digits of Unicode 15.
const DIGIT_ZEROS: [u32; 68] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// The value of a decimal digit of any script (Unicode category Nd).
fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii() {
        return c.is_ascii_digit().then(|| c as u8 - b'0');
    }
    let c = u32::from(c);
    let i = DIGIT_ZEROS
        .partition_point(|&zero| zero <= c)
        .checked_sub(1)?;
    let offset = c - DIGIT_ZEROS[i];
    (offset < 10).then_some(offset as u8)
}

/// Whether `c` may stand between groups of digits of a CPR number: a space
/// of any kind, a dash of any kind (Unicode Pd, and minus signs), a dot, a
/// slash, or an invisible character that a paste may bring along.
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '.' | '/' | '-' | '_');
    }
    matches!(
        c,
        // spaces (Unicode Zs) and invisible characters
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200d}' | '\u{202f}' | '\u{205f}'
            | '\u{2060}' | '\u{3000}' | '\u{feff}' | '\u{ad}'
            // dashes (Unicode Pd) and minus signs
            | '\u{58a}' | '\u{5be}' | '\u{1400}' | '\u{1806}' | '\u{2010}'..='\u{2015}'
            | '\u{2e17}' | '\u{2e1a}' | '\u{2e3a}' | '\u{2e3b}' | '\u{2e40}' | '\u{2e5d}'
            | '\u{301c}' | '\u{3030}' | '\u{30a0}' | '\u{fe31}' | '\u{fe32}' | '\u{fe58}'
            | '\u{fe63}' | '\u{ff0d}' | '\u{10ead}' | '\u{2212}' | '\u{2796}' | '\u{2043}'
            | '\u{2d7}' | '\u{207b}' | '\u{208b}'
            // dots and slashes
            | '\u{b7}' | '\u{2024}' | '\u{2027}' | '\u{2044}' | '\u{2215}' | '\u{ff0e}'
            | '\u{ff0f}' | '\u{3002}'
    )
}

/// A run of digits in a text: its byte range, how many digits it has, and
/// whether it follows the run before it after one to three separators only.
#[derive(Debug)]
struct Group {
    bytes: std::ops::Range<usize>,
    len: usize,
    follows: bool,
}

/// The runs of digits of a text; a cell or a key has few, so they sit
/// inline and the scan makes no allocation.
type Groups = smallvec::SmallVec<[Group; 8]>;

/// The most separators between two groups of digits of one number.
const MAX_GAP: usize = 3;

/// The runs of digits of `s`, read in one pass.
fn groups(s: &str) -> Groups {
    let mut groups = Groups::new();
    // The run being read (none while its `len` is 0), and the separators
    // since the last digit: more than `MAX_GAP` when anything else came
    // between, or no digit came before.
    let mut run = Group {
        bytes: 0..0,
        len: 0,
        follows: false,
    };
    let mut gap = MAX_GAP + 1;
    for (i, c) in s.char_indices() {
        if digit_value(c).is_some() {
            if gap > 0 {
                let next = Group {
                    bytes: i..i,
                    len: 0,
                    follows: gap <= MAX_GAP,
                };
                let done = std::mem::replace(&mut run, next);
                if done.len > 0 {
                    groups.push(done);
                }
            }
            run.bytes.end = i + c.len_utf8();
            run.len += 1;
            gap = 0;
        } else if is_separator(c) {
            gap = gap.saturating_add(1);
        } else {
            gap = MAX_GAP + 1;
        }
    }
    if run.len > 0 {
        groups.push(run);
    }
    groups
}

/// The ten digits of `groups` (runs of `s`) if they make a CPR number: ten
/// digits with a break after the sixth when in several groups (or nine in
/// one group: the leading zero dropped), starting with a day and month.
fn candidate(s: &str, groups: &[Group]) -> Option<[u8; 10]> {
    let count: usize = groups.iter().map(|g| g.len).sum();
    let mut at = 0;
    let break_after_sixth = groups[..groups.len() - 1].iter().any(|g| {
        at += g.len;
        at == 6
    });
    let whole = match count {
        10 => groups.len() == 1 || break_after_sixth,
        9 => groups.len() == 1,
        _ => false,
    };
    if !whole {
        return None;
    }
    let text = &s[groups[0].bytes.start..groups[groups.len() - 1].bytes.end];
    let mut d = [0u8; 10];
    for (o, v) in d[10 - count..]
        .iter_mut()
        .zip(text.chars().filter_map(digit_value))
    {
        *o = v;
    }
    let day = d[0] * 10 + d[1];
    let month = d[2] * 10 + d[3];
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(d)
}

/// Where `s` holds something shaped like a CPR number (see
/// [`looks_like_cpr`]), in order, as byte ranges from the first digit to
/// the last.
fn cpr_shapes(s: &str) -> Vec<std::ops::Range<usize>> {
    let groups = groups(s);
    let mut shapes = Vec::new();
    let mut first = 0;
    while first < groups.len() {
        let mut last = first;
        let mut count = groups[first].len;
        let found = loop {
            if candidate(s, &groups[first..=last]).is_some() {
                break Some(last);
            }
            match groups.get(last + 1) {
                Some(next) if next.follows && count < 10 => {
                    last += 1;
                    count += next.len;
                }
                _ => break None,
            }
        };
        match found {
            Some(last) => {
                shapes.push(groups[first].bytes.start..groups[last].bytes.end);
                first = last + 1;
            }
            None => first += 1,
        }
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forms a CPR number can take (ASCII digits); `{}` marks nothing.
    const FORMS: [&str; 16] = [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "010190\u{a0}1234",   // no-break space
        "010190\u{2013}1234", // en dash
        "010190\u{2212}1234", // minus sign
        "010190\u{2011}1234", // non-breaking hyphen
        "010190\u{200b}1234", // zero-width space
        "01.01.90-1234",
        "01/01/90-1234",
        "010190/1234",
        "01 01 90 12 34",
        "0101 90 1234",
        "010190 - 1234",
        "010190--1234",
        "101901234", // Excel dropped the leading zero
    ];

    /// `s` with its ASCII digits written in the script whose zero is `zero`.
    fn in_script(s: &str, zero: u32) -> String {
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(zero + d).unwrap(),
                None => c,
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The fast test for ASCII never turns away text the full scan
        /// would find a CPR shape in.
        #[test]
        fn the_ascii_pretest_misses_no_cpr_shape(s in "[0-9 ./_\t-ax]{0,40}|(x?[0-3]?[0-9][01][0-9]{3}[- ./]{0,4}[0-9]{3,5}[ x-]?){1,3}|[a-z-]{0,3}[1-9][01][0-9]{7}[ a-z]{0,2}") {
            proptest::prop_assert!(ascii_run_may_begin_cpr(s.as_bytes()) || super::cpr_shapes(&s).is_empty(), "{:?}", s);
        }
    }

    proptest::proptest! {
        /// Any CPR-like number in any form and script, inside other text,
        /// is found, and masking leaves nothing CPR-shaped.
        #[test]
        fn every_form_in_every_script_is_found(
            day in 1u32..=28, month in 1u32..=12, rest in 0u32..1_000_000,
            form in 0..FORMS.len(), zero in proptest::sample::select(DIGIT_ZEROS.to_vec()),
            before in "[a-z ]{0,3}", after in "[a-z ;]{0,3}",
        ) {
            let digits = format!("{day:02}{month:02}{rest:06}");
            let mut it = digits.chars();
            let mut text: String = FORMS[form]
                .chars()
                .map(|c| if c.is_ascii_digit() { it.next().unwrap() } else { c })
                .collect();
            if form == FORMS.len() - 1 {
                // The nine-digit form exists only for days 1 to 9.
                text = format!("{}{}", day % 9 + 1, &digits[2..]);
            }
            let text = format!("{before}{}{after}", in_script(&text, zero));
            proptest::prop_assert!(looks_like_cpr(&text), "{:?}", text);
            let masked = redact_cpr(&text);
            proptest::prop_assert!(!looks_like_cpr(&masked), "{:?} -> {:?}", text, masked);
            proptest::prop_assert_eq!(masked.chars().count(), text.chars().count());
            for (a, b) in text.chars().zip(masked.chars()) {
                proptest::prop_assert!(a == b || (digit_value(a).is_some() && b == 'x'), "{:?} -> {:?}", text, masked);
            }
        }

        /// Masking changes nothing in text without a CPR shape, and leaves
        /// none in text with one.
        #[test]
        fn redact_cpr_masks_only_cpr_shapes(s in "[0-9a \"./-]{0,30}|(x?[0-3][0-9][01][0-9]{3}[- ]?[0-9]{3,5}[ x\"]?){1,3}") {
            let masked = redact_cpr(&s);
            proptest::prop_assert!(!looks_like_cpr(&masked), "{} -> {}", s, masked);
            if !looks_like_cpr(&s) {
                proptest::prop_assert_eq!(masked, s.as_str());
            }
        }
    }

    #[test]
    fn the_digit_table_holds_runs_of_ten_digits() {
        assert!(DIGIT_ZEROS.windows(2).all(|w| w[0] + 10 <= w[1]));
        for &zero in &DIGIT_ZEROS {
            let c = char::from_u32(zero).unwrap();
            let nine = char::from_u32(zero + 9).unwrap();
            assert!(c.is_numeric() && nine.is_numeric(), "{zero:x}");
            assert_eq!((digit_value(c), digit_value(nine)), (Some(0), Some(9)));
        }
        assert_eq!(digit_value('٣'), Some(3)); // Arabic-Indic three, U+0663
        assert_eq!(digit_value('²'), None, "superscripts are not Nd");
        assert_eq!(digit_value('½'), None);
    }

    #[test]
    fn cpr_shapes() {
        for yes in [
            "0101901234",
            "010190-1234",
            "a010190-1234b",
            "12-311299-0000",
            "x3112999999",
            "010190-1234 2022",
            "2022 0101901234",
            "cpr: 01 01 90 12 34.",
            "01 0190 1234",
            "010190 12 34",
            "0 1 0 1 9 0 1 2 3 4",
            "call 101901234",
        ] {
            assert!(looks_like_cpr(yes), "{yes}");
        }
        for no in [
            "01019012345",
            "1010190-1234",
            "010190-12345",
            "320190-1234",
            "011390-1234",
            "000190-1234",
            "010190-123",
            "010190    1234", // four spaces: two numbers
            "010190-x1234",
            "BR-2022-0001-1234",
            "EBJ-2022-0001",
            "2022-02-03",
            "2022-02-03 12:34",
            "2012-02-03/2012-02-10",
            "03-02-2022-12",
            "03.02.2022 12:30",
            "+45 12 34 56 78", // a phone number: day 45
            "1234567890",      // month 34
            "123456789",       // nine digits, month 23
            "1012345678901",
            "sygedagpenge",
            "",
        ] {
            assert!(!looks_like_cpr(no), "{no}");
        }
    }

    #[test]
    fn every_form_reads_as_the_same_number() {
        let want = Some([0, 1, 0, 1, 9, 0, 1, 2, 3, 4]);
        for form in FORMS {
            assert_eq!(whole_cpr(form), want, "{form}");
            let fullwidth = in_script(form, 0xff10);
            assert!(might_hold_cpr(form) && might_hold_cpr(&fullwidth), "{form}");
            assert_eq!(whole_cpr(&fullwidth), want, "{fullwidth}");
        }
        for bad in ["010190-1234 x", "a 0101901234", "0101901234 2022"] {
            assert_eq!(whole_cpr(bad), None, "{bad}");
        }
    }
}
