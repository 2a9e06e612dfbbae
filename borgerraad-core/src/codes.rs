//! Coded values: a stable ASCII code on the wire, a Danish and an English
//! label for people.

use crate::base::error::{Error, Result};

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
    use super::*;

    #[test]
    fn codes_are_checked() {
        assert!(is_code("borger-arbejdsmarked/jobcenter"));
        assert!(is_code("digital_post"));
        for bad in ["", "Jobcenter", "a//b", "/a", "a/", "/", "børn", "a b"] {
            assert!(!is_code(bad), "{bad:?}");
        }
        assert!(is_code(&"a".repeat(128)) && !is_code(&"a".repeat(129)));
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
