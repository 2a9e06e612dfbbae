//! Text helpers for cells and keys, byte-exact twins of `str` methods that
//! skip work on the common ASCII case.

/// Whether two texts are the same, at compile time.
pub(crate) const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `s` without leading and trailing whitespace, exactly as [`str::trim`];
/// text that starts and ends with a visible ASCII character (nearly every
/// cell and key) is returned without decoding its characters.
pub(crate) fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// `s` split at each ASCII byte `sep`, exactly as `s.split(sep as char)`.
/// A cell is short, so it is scanned byte by byte: `memchr`, which
/// `str::split` uses, costs more to set up than it saves here.
pub(crate) fn split_at(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        Some(match split_once_at(r, sep) {
            Some((head, tail)) => {
                rest = Some(tail);
                head
            }
            None => {
                rest = None;
                r
            }
        })
    })
}

/// `s` split at the first ASCII byte `sep`, exactly as
/// `s.split_once(sep as char)` (see [`split_at`]).
pub(crate) fn split_once_at(s: &str, sep: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == sep)?;
    Some((&s[..i], &s[i + 1..]))
}

/// Whether a spreadsheet would run a cell that starts like `s` as a
/// formula, after any leading `'`: it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (OWASP, "CSV Injection").
pub(crate) fn formula_like(s: &str) -> bool {
    matches!(
        s.trim_start_matches('\'').as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// A cell as the CSV writers write it: a cell that a spreadsheet would run
/// as a formula gets a leading `'`, which Excel and LibreOffice show as
/// text (OWASP's advice for CSV injection: prefix a single quote; the CSV
/// writer quotes cells that need it). A cell that starts with `'` before
/// such a character gets one more, so that the library's own reader,
/// which takes one leading `'` off exactly those cells, gives back the
/// value written.
pub(crate) fn to_spreadsheet(cell: &str) -> std::borrow::Cow<'_, str> {
    match formula_like(cell) {
        true => format!("'{cell}").into(),
        false => cell.into(),
    }
}

/// A citizen key as the register holds it, on every front and from every
/// format: trimmed (as [`str::trim`]) and in Unicode NFC, so that one key
/// typed on two keyboards (`"æ"` composed, or `"a"` + a combining mark)
/// is one citizen. `None` when `key` already is so: an ASCII key (nearly
/// all) is only checked for its ends, never decoded.
pub(crate) fn citizen_key(key: &str) -> Option<smol_str::SmolStr> {
    let trimmed = trim(key);
    if trimmed.is_ascii() || is_nfc(trimmed) {
        return (trimmed.len() != key.len()).then(|| trimmed.into());
    }
    let nfc: smol_str::SmolStr = nfc(trimmed).into();
    (nfc != key).then_some(nfc)
}

/// Whether `s` is surely in NFC without composing it (Unicode's quick check).
#[cfg(feature = "nfc")]
fn is_nfc(s: &str) -> bool {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// Without the tables every non-ASCII key is composed.
#[cfg(not(feature = "nfc"))]
fn is_nfc(_: &str) -> bool {
    false
}

/// `s` in NFC: by the host's function when a binding gave one
/// ([`set_nfc`]), otherwise by the tables of `unicode-normalization`.
fn nfc(s: &str) -> String {
    if let Some(host) = HOST_NFC.get() {
        return host(s);
    }
    #[cfg(feature = "nfc")]
    return unicode_normalization::UnicodeNormalization::nfc(s).collect();
    #[cfg(not(feature = "nfc"))]
    panic!("a build without the `nfc` feature calls `set_nfc` before reading citizen keys");
}

/// The host's NFC, set once by [`set_nfc`].
static HOST_NFC: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Puts citizen keys in Unicode NFC with a function of the host, which a
/// build without the crate's `nfc` feature must give before it reads any
/// key: the WebAssembly package gives JavaScript's
/// `String.prototype.normalize("NFC")` when it starts, and so leaves out
/// the tables of `unicode-normalization` (62 KB of its gzipped `.wasm`).
/// The first call wins; later ones are ignored.
pub fn set_nfc(nfc: fn(&str) -> String) {
    let _ = HOST_NFC.set(nfc);
}

/// `key`, as [`citizen_key`] puts it.
pub(crate) fn to_citizen_key(key: &str) -> std::borrow::Cow<'_, str> {
    match citizen_key(key) {
        Some(k) => std::borrow::Cow::Owned(k.into()),
        None => std::borrow::Cow::Borrowed(key),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn citizen_keys_are_trimmed_and_composed() {
        use super::citizen_key;
        // "kåb" with å composed (U+00E5) and decomposed: UnicodeData.txt
        // gives 00E5 the canonical decomposition 0061 030A (a + combining
        // ring above). Æ and ø have none, so they cannot differ in form.
        assert_eq!(citizen_key("k\u{e5}b"), None);
        assert_eq!(citizen_key("ka\u{30a}b").as_deref(), Some("k\u{e5}b"));
        assert_eq!(
            citizen_key(" \tka\u{30a}b\u{a0}").as_deref(),
            Some("k\u{e5}b")
        );
        assert_eq!(citizen_key("  kxqb ").as_deref(), Some("kxqb"));
        assert_eq!(citizen_key("kxqb"), None);
        // A lone combining mark stays (there is nothing to compose with).
        assert_eq!(citizen_key("\u{30a}x"), None);
        // Marks out of canonical order: 1EAD = 1EA1 0302 and 1EA1 = 0061
        // 0323, and the dot below (class 220) sorts before the circumflex
        // (230). The JS test of NFC keys holds the same case.
        assert_eq!(
            citizen_key("xa\u{302}\u{323}").as_deref(),
            Some("x\u{1ead}")
        );
    }

    #[test]
    fn formula_cells_get_a_quote() {
        use super::to_spreadsheet;
        // OWASP's examples of CSV injection, and cells that are no formula.
        assert_eq!(
            to_spreadsheet("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(to_spreadsheet("-1"), "'-1");
        assert_eq!(to_spreadsheet("'@x"), "''@x");
        assert_eq!(to_spreadsheet("EBJ-2022-0001"), "EBJ-2022-0001");
    }

    proptest::proptest! {
        #[test]
        fn trim_agrees_with_str_trim(s in "[ \t\r\n\u{b}\u{c}\u{a0}\u{2003}a-z;@0-9æ-]{0,12}") {
            proptest::prop_assert_eq!(super::trim(&s), s.trim());
        }

        #[test]
        fn split_at_agrees_with_str_split(s in "[ ;@a-zæ0-9-]{0,16}") {
            let ours: Vec<&str> = super::split_at(&s, b';').collect();
            proptest::prop_assert_eq!(ours, s.split(';').collect::<Vec<_>>());
            proptest::prop_assert_eq!(super::split_once_at(&s, b'@'), s.split_once('@'));
        }
    }
}
