//! Counting registrations per citizen, mergeably and fast.
//!
//! Citizens are kept as 64-bit fingerprints of their keys, so that
//! partial statistics from different processes merge. Two distinct keys
//! collide with odds of about n²/2⁶⁵ for n citizens: below one in ten
//! million for a million citizens.
//!
//! Counting collects one fingerprint per registration, then radix-sorts
//! them into a sorted list of (fingerprint, registrations): sequential
//! appends and a radix sort stay in cache where a hash map of a million
//! citizens would not. Merging two lists is a linear merge.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A stable fingerprint of a citizen key: 8-byte words folded by
/// multiply-rotate, the length mixed in, and the SplitMix64 finaliser.
/// It is the same on every platform and in every version of the crate.
pub(crate) fn fingerprint(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(23) ^ v).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(23) ^ u64::from_le_bytes(tail)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

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

    pub(crate) fn merge(&mut self, other: &Citizens) {
        self.sorted = merge(&self.sorted, &other.sorted);
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
    radix_sort(&mut keys);
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(keys.len());
    for k in keys {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

/// Merges two sorted lists, adding the counts of equal fingerprints.
fn merge(a: &[(u64, u32)], b: &[(u64, u32)]) -> Vec<(u64, u32)> {
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
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Least-significant-digit radix sort, 8 bits a pass; small inputs use the
/// standard sort.
fn radix_sort(keys: &mut Vec<u64>) {
    if keys.len() < 1 << 12 {
        keys.sort_unstable();
        return;
    }
    let mut counts = [[0usize; 256]; 8];
    for &k in keys.iter() {
        for (pass, c) in counts.iter_mut().enumerate() {
            c[((k >> (pass * 8)) & 0xff) as usize] += 1;
        }
    }
    let mut scratch = vec![0u64; keys.len()];
    for (pass, c) in counts.iter().enumerate() {
        if c.contains(&keys.len()) {
            continue; // every key has the same digit here
        }
        let mut offsets = [0usize; 256];
        let mut sum = 0;
        for (o, &n) in offsets.iter_mut().zip(c.iter()) {
            *o = sum;
            sum += n;
        }
        for &k in keys.iter() {
            let d = ((k >> (pass * 8)) & 0xff) as usize;
            scratch[offsets[d]] = k;
            offsets[d] += 1;
        }
        std::mem::swap(keys, &mut scratch);
    }
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
        sorted.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        Ok(Citizens { sorted })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_sorts() {
        let mut x: u64 = 1;
        let mut keys: Vec<u64> = (0..10_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                x
            })
            .collect();
        let mut want = keys.clone();
        want.sort_unstable();
        radix_sort(&mut keys);
        assert_eq!(keys, want);
    }

    #[test]
    fn counts_and_merges() {
        let fps = |keys: &[&str]| {
            Citizens::from_fingerprints(keys.iter().map(|k| fingerprint(k)).collect())
        };
        let mut a = fps(&["x", "y", "x", "z"]);
        assert_eq!(a.distinct_and_repeat(), (3, 1));
        a.merge(&fps(&["y"]));
        assert_eq!(a, fps(&["x", "y", "x", "z", "y"]));
        assert_eq!(a.distinct_and_repeat(), (3, 2));
    }
}
