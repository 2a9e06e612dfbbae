//! Privacy guards. The register must never hold a CPR number (the Danish
//! personal identification number, `DDMMYY-SSSS`).

/// Whether `s` contains something shaped like a CPR number: six digits that
/// form a day and month, an optional hyphen, and four more digits, not
/// surrounded by further digits.
///
/// The modulus-11 check is deliberately not used: numbers issued since 2007
/// may fail it and are still valid.
///
/// # Example
/// ```
/// use borgerraad_core::privacy::looks_like_cpr;
/// assert!(looks_like_cpr("010190-1234"));
/// assert!(looks_like_cpr("note 0101901234"));
/// assert!(!looks_like_cpr("kxqbvdwz"));
/// assert!(!looks_like_cpr("2022-03-01"));
/// ```
pub fn looks_like_cpr(s: &str) -> bool {
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
