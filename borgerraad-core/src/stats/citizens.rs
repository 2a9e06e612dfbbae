//! Counting registrations per citizen, mergeably and fast.
//!
//! Citizens are kept as 64-bit fingerprints of their keys, so that
//! partial statistics from different processes merge. Two distinct keys
//! collide with odds of about n²/2⁶⁵ for n citizens: below one in ten
//! million for a million citizens. The fingerprint is not keyed (partial
//! statistics of different processes must agree on it), so keys can be
//! crafted to share one: they count as one citizen, as one key entered
//! for them all would, and counting stays linear (a radix sort and runs,
//! no hash table).
//!
//! Counting collects one fingerprint per registration, then radix-sorts
//! them into a sorted list of (fingerprint, registrations): sequential
//! appends and a radix sort stay in cache where a hash map of a million
//! citizens would not. Merging two lists is a linear merge.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::hash::sort_by_key;

/// Registrations per citizen, sorted by fingerprint, one entry per citizen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Citizens {
    sorted: Vec<(u64, u32)>,
}

impl Citizens {
    /// The citizens of registrations given as one fingerprint each.
    pub(crate) fn from_fingerprints(fingerprints: Vec<u64>) -> Citizens {
        Citizens {
            sorted: runs(fingerprints),
        }
    }

    /// Adds another part's citizens; `None` (and no change) when a count
    /// would overflow.
    pub(crate) fn merge(&mut self, other: &Citizens) -> Option<()> {
        self.sorted = merge(&self.sorted, &other.sorted)?;
        Some(())
    }

    /// The registrations counted, one per citizen and registration
    /// (saturating: a crafted document cannot make it overflow).
    pub(crate) fn registrations(&self) -> u64 {
        self.sorted
            .iter()
            .fold(0u64, |a, c| a.saturating_add(u64::from(c.1)))
    }

    /// Distinct citizens, and citizens with more than one registration.
    pub(crate) fn distinct_and_repeat(&self) -> (u64, u64) {
        (
            self.sorted.len() as u64,
            self.sorted.iter().filter(|c| c.1 > 1).count() as u64,
        )
    }
}

/// Sorts fingerprints and counts each.
fn runs(mut keys: Vec<u64>) -> Vec<(u64, u32)> {
    sort_by_key(&mut keys, |&k| k);
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(keys.len());
    for k in keys {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

/// Merges two sorted lists, adding the counts of equal fingerprints;
/// `None` where a sum would overflow.
fn merge(a: &[(u64, u32)], b: &[(u64, u32)]) -> Option<Vec<(u64, u32)>> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1.checked_add(b[j].1)?));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    Some(out)
}

impl Serialize for Citizens {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.sorted.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Citizens {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut sorted = Vec::<(u64, u32)>::deserialize(d)?;
        sorted.sort_unstable();
        let mut overflow = false;
        sorted.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 = a.1.checked_add(b.1).unwrap_or_else(|| {
                    overflow = true;
                    u32::MAX
                });
            }
            same
        });
        if overflow || sorted.iter().any(|c| c.1 == 0) {
            return Err(serde::de::Error::custom(
                "a citizen's count is 0 or overflows 32 bits",
            ));
        }
        Ok(Citizens { sorted })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hash::fingerprint;

    #[test]
    fn counts_and_merges() {
        let fps = |keys: &[&str]| {
            Citizens::from_fingerprints(keys.iter().map(|k| fingerprint(k)).collect())
        };
        let mut a = fps(&["x", "y", "x", "z"]);
        assert_eq!(a.distinct_and_repeat(), (3, 1));
        a.merge(&fps(&["y"])).unwrap();
        assert_eq!(a, fps(&["x", "y", "x", "z", "y"]));
        assert_eq!(a.distinct_and_repeat(), (3, 2));
    }

    /// 5 000 registrations of 2 500 keys crafted to share one fingerprint,
    /// beside 3 ordinary keys: one entry for the crafted ones, by the sort
    /// that counts any other keys.
    #[test]
    fn crafted_keys_that_share_a_fingerprint_count_as_one() {
        let crafted = crate::base::hash::colliding_keys(2500);
        let fps: Vec<u64> = crafted
            .iter()
            .chain(&crafted)
            .map(|k| fingerprint(k))
            .chain(["x", "y", "z"].map(fingerprint))
            .collect();
        let c = Citizens::from_fingerprints(fps);
        assert_eq!(c.registrations(), 5003);
        assert_eq!(c.distinct_and_repeat(), (4, 1));
    }
}
