//! Text helpers for cells and keys, byte-exact twins of `str` methods that
//! skip work on the common ASCII case.

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

#[cfg(test)]
mod tests {
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
