//! Privacy by design. The register never holds a CPR number (the Danish
//! personal identification number, `DDMMYY-SSSS`): exports that carry one
//! are pseudonymised on the way in with a keyed hash, and the number is
//! dropped. A [`Cpr`] never prints its digits, and no error repeats them.

use std::fmt;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::base::cpr::whole_cpr;
pub use crate::base::cpr::{looks_like_cpr, redact_cpr};
use crate::base::error::{Error, Location, Result};

/// A parsed CPR number. `Debug` and `Display` redact it.
///
/// # Example
/// ```
/// use borgerraad_core::Cpr;
/// let cpr = Cpr::parse("010190-1234").unwrap();
/// assert_eq!(cpr.to_string(), "******-****");
/// assert_eq!(format!("{cpr:?}"), "Cpr(******-****)");
/// assert_eq!(cpr.birth_date().to_string(), "1990-01-01");
/// // Numbers issued since 2007 may fail the modulus-11 check; they are valid.
/// assert!(Cpr::parse("0101901235").is_ok());
/// assert_eq!(Cpr::parse("300290-1234").unwrap_err().kind(), "ParseError"); // 30 Feb
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cpr([u8; 10]);

fn cpr_error(reason: &str) -> Error {
    Error::Parse {
        at: Location::default(),
        field: Some("cpr".into()),
        reason: reason.into(),
    }
}

impl Cpr {
    /// Parses a CPR number in any of the forms [`looks_like_cpr`] finds:
    /// `DDMMYY-SSSS` or ten digits, with any Unicode digits, any dash or
    /// space (`010190 1234`, `010190–1234`), dots and slashes
    /// (`01.01.90-1234`), digits in groups (`01 01 90 12 34`), or the nine
    /// digits a spreadsheet leaves when it drops the leading zero
    /// (`101901234`). So every form of one number gives the same citizen key.
    /// The date must exist, with the century taken from the seventh digit as
    /// the CPR office assigns it. The modulus-11 check is deliberately not
    /// applied.
    pub fn parse(s: &str) -> Result<Cpr> {
        let d = whole_cpr(s.trim())
            .ok_or_else(|| cpr_error("not a CPR number: expected DDMMYY-SSSS or ten digits"))?;
        let cpr = Cpr(d);
        cpr.birth_date_opt()
            .ok_or_else(|| cpr_error("not a CPR number: the date part is not a real day"))?;
        Ok(cpr)
    }

    fn birth_date_opt(&self) -> Option<NaiveDate> {
        let d = &self.0;
        let (day, month, yy) = (
            d[0] * 10 + d[1],
            d[2] * 10 + d[3],
            i32::from(d[4] * 10 + d[5]),
        );
        let century = match (d[6], yy) {
            (0..=3, _) => 1900,
            (4 | 9, 0..=36) => 2000,
            (4 | 9, _) => 1900,
            (5..=8, 0..=57) => 2000,
            (5..=8, _) => 1800,
            _ => return None,
        };
        NaiveDate::from_ymd_opt(century + yy, u32::from(month), u32::from(day))
    }

    /// The date of birth.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date_opt().expect("checked when parsed")
    }
}

impl fmt::Debug for Cpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cpr(******-****)")
    }
}

impl fmt::Display for Cpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******-****")
    }
}

/// Derives pseudonymous citizen keys from CPR numbers with HMAC-SHA256 under
/// a secret that the office keeps outside the register. The same number and
/// secret always give the same key; without the secret a key cannot be
/// traced back. Keys are 32 lower-case letters, so they never look like a
/// CPR number.
///
/// # Example
/// ```
/// use borgerraad_core::{Cpr, Pseudonymizer};
/// let p = Pseudonymizer::new(b"office secret, 16+ bytes").unwrap();
/// let key = p.key(&Cpr::parse("010190-1234").unwrap());
/// assert_eq!(key.len(), 32);
/// assert_eq!(key, p.key(&Cpr::parse("0101901234").unwrap()));
/// ```
#[derive(Clone)]
pub struct Pseudonymizer {
    mac: Hmac<Sha256>,
}

impl fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonymizer(secret redacted)")
    }
}

impl Pseudonymizer {
    /// The shortest secret accepted, in bytes.
    pub const MIN_SECRET: usize = 16;

    /// A pseudonymizer under `secret` (at least 16 bytes).
    pub fn new(secret: &[u8]) -> Result<Pseudonymizer> {
        if secret.len() < Self::MIN_SECRET {
            return Err(Error::config(
                Location::default(),
                Some("secret"),
                format!("the secret must be at least {} bytes", Self::MIN_SECRET),
            ));
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        Ok(Pseudonymizer { mac })
    }

    /// The citizen key of a CPR number: the first 128 bits of
    /// HMAC-SHA256(secret, the ten digits as ASCII), written with the
    /// letters `a`–`p` for the sixteen nibble values.
    pub fn key(&self, cpr: &Cpr) -> String {
        let mut mac = self.mac.clone();
        let ascii: Vec<u8> = cpr.0.iter().map(|d| d + b'0').collect();
        mac.update(&ascii);
        let digest = mac.finalize().into_bytes();
        digest[..16]
            .iter()
            .flat_map(|b| [b >> 4, b & 0x0f])
            .map(|n| (b'a' + n) as char)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn century_follows_the_seventh_digit() {
        let year = |s: &str| Cpr::parse(s).unwrap().birth_date().format("%Y").to_string();
        // The CPR office's table: digit 7 and the year give the century.
        for (cpr, want) in [
            ("010100-0000", "1900"),
            ("010199-3999", "1999"),
            ("010136-4000", "2036"),
            ("010137-4000", "1937"),
            ("010157-5000", "2057"),
            ("010158-8999", "1858"),
            ("010136-9000", "2036"),
            ("010137-9000", "1937"),
        ] {
            assert_eq!(year(cpr), want, "{cpr}");
        }
        assert!(Cpr::parse("290200-4000").is_ok(), "29 Feb 2000 exists");
        assert!(Cpr::parse("290200-0000").is_err(), "29 Feb 1900 does not");
    }

    #[test]
    fn errors_never_repeat_the_number() {
        for bad in [
            "0101901",
            "01019O1234",
            "320190-1234",
            "011390-1234",
            "01-0190-12345",
            "0101-9012-34", // no break after the sixth digit
            "０１０１９０－１２３",
        ] {
            let e = Cpr::parse(bad).unwrap_err();
            assert_eq!(e.kind(), "ParseError");
            assert!(!e.to_string().contains("0190"), "{e}");
            assert!(!e.to_string().contains("０１９０"), "{e}");
        }
    }

    #[test]
    fn keys_depend_on_the_secret_and_never_look_like_cpr() {
        let a = Pseudonymizer::new(&[1; 16]).unwrap();
        let b = Pseudonymizer::new(&[2; 16]).unwrap();
        let cpr = Cpr::parse("010190-1234").unwrap();
        assert_ne!(a.key(&cpr), b.key(&cpr));
        assert!(a.key(&cpr).bytes().all(|c| (b'a'..=b'p').contains(&c)));
        assert_eq!(
            Pseudonymizer::new(b"short").unwrap_err().kind(),
            "ConfigError"
        );
    }
}
