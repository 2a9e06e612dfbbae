//! The shape of a CPR number (personnummer) in text: found, and masked.
//!
//! This is the ground floor's half of privacy: errors use it never to
//! repeat a CPR-shaped value. Parsing a CPR number and pseudonymising it
//! live in `privacy`.

/// Whether `s` contains something shaped like a CPR number: six digits that
/// form a day and month, an optional hyphen, and four more digits, not
/// surrounded by further digits.
///
/// The modulus-11 check is deliberately not used: numbers issued since 2007
/// may fail it and are still valid.
///
/// # Example
/// ```
/// use borgerraad_core::looks_like_cpr;
/// assert!(looks_like_cpr("010190-1234"));
/// assert!(looks_like_cpr("note 0101901234"));
/// assert!(!looks_like_cpr("kxqbvdwz"));
/// assert!(!looks_like_cpr("2022-03-01"));
/// ```
pub fn looks_like_cpr(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || b.iter().filter(|c| c.is_ascii_digit()).count() < 10 {
        return false; // the common case, decided without a walk
    }
    cpr_shapes(b).next().is_some()
}

/// `text` with each CPR-shaped number in it (see [`looks_like_cpr`])
/// masked, for messages from other libraries (serde, csv, the bindings'
/// converters) that may quote the value they could not read.
///
/// # Example
/// ```
/// use borgerraad_core::redact_cpr;
/// assert_eq!(
///     redact_cpr(r#"invalid type: string "010190-1234", expected a map"#),
///     r#"invalid type: string "xxxxxx-xxxx", expected a map"#
/// );
/// assert_eq!(redact_cpr("expected `2022-03-01`"), "expected `2022-03-01`");
/// ```
pub fn redact_cpr(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for shape in cpr_shapes(text.as_bytes()) {
        out.push_str(&text[copied..shape.start]);
        out.push_str(if shape.len() == 10 {
            "xxxxxxxxxx"
        } else {
            "xxxxxx-xxxx"
        });
        copied = shape.end;
    }
    if copied == 0 {
        return text.into();
    }
    out.push_str(&text[copied..]);
    out.into()
}

/// Where `b` holds something shaped like a CPR number, in order.
fn cpr_shapes(b: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let run_at = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    // One pass over the runs of digits: ten in a row, or six, a hyphen and four.
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 10 <= b.len() {
            let (start, run) = (i, run_at(i));
            if run == 0 {
                i += 1;
                continue;
            }
            i += run;
            let len = match run {
                10 => 10,
                6 if b.get(start + 6) == Some(&b'-')
                    && start + 7 < b.len()
                    && run_at(start + 7) == 4 =>
                {
                    11
                }
                _ => continue,
            };
            let day = (b[start] - b'0') * 10 + (b[start + 1] - b'0');
            let month = (b[start + 2] - b'0') * 10 + (b[start + 3] - b'0');
            if (1..=31).contains(&day) && (1..=12).contains(&month) {
                i = start + len;
                return Some(start..start + len);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition as first written: at each start of a run of digits,
    /// six digits, an optional hyphen, four digits, and no digit after.
    fn looks_like_cpr_by_definition(s: &str) -> bool {
        let b = s.as_bytes();
        (0..b.len()).any(|i| {
            if i > 0 && b[i - 1].is_ascii_digit() {
                return false;
            }
            let digits = |from: usize, n: usize| {
                b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
            };
            if !digits(i, 6) {
                return false;
            }
            let rest = if b.get(i + 6) == Some(&b'-') {
                i + 7
            } else {
                i + 6
            };
            if !digits(rest, 4) || b.get(rest + 4).is_some_and(u8::is_ascii_digit) {
                return false;
            }
            let day = (b[i] - b'0') * 10 + (b[i + 1] - b'0');
            let month = (b[i + 2] - b'0') * 10 + (b[i + 3] - b'0');
            (1..=31).contains(&day) && (1..=12).contains(&month)
        })
    }

    proptest::proptest! {
        #[test]
        fn looks_like_cpr_agrees_with_its_definition(s in "[0-9a-]{0,30}|[0-9-]{0,24}|(x?[0-3][0-9][01][0-9]{3}-?[0-9]{3,5}x?){1,3}") {
            proptest::prop_assert_eq!(looks_like_cpr(&s), looks_like_cpr_by_definition(&s), "{}", s);
        }

        /// Masking leaves nothing CPR-shaped, changes nothing else (same
        /// length, digits become `x` only), and leaves other text alone.
        #[test]
        fn redact_cpr_masks_exactly_the_cpr_shapes(s in "[0-9a \"-]{0,30}|(x?[0-3][0-9][01][0-9]{3}-?[0-9]{3,5}[ x\"]?){1,3}") {
            let masked = redact_cpr(&s);
            proptest::prop_assert!(!looks_like_cpr(&masked), "{} -> {}", s, masked);
            proptest::prop_assert_eq!(masked.len(), s.len());
            for (a, b) in s.bytes().zip(masked.bytes()) {
                proptest::prop_assert!(a == b || (a.is_ascii_digit() && b == b'x'), "{} -> {}", s, masked);
            }
            if !looks_like_cpr(&s) {
                proptest::prop_assert_eq!(masked, s.as_str());
            }
        }
    }

    #[test]
    fn cpr_shapes() {
        for yes in [
            "0101901234",
            "010190-1234",
            "a010190-1234b",
            "12-311299-0000",
            "x3112999999",
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
            "010190--1234",
            "010190-123",
            "BR-2022-0001-1234",
        ] {
            assert!(!looks_like_cpr(no), "{no}");
        }
    }
}
