//! Counting registrations per citizen, mergeably and fast.
//!
//! Citizens are kept as 64-bit fingerprints of their keys, so that
//! partial statistics from different processes merge. Two distinct keys
//! collide with odds of about n²/2⁶⁵ for n citizens: below one in ten
//! million for a million citizens.
//!
//! Adding a registration only appends its fingerprint; [`Citizens::compact`]
//! sorts the new ones (a radix sort for large batches) and folds them into a
//! sorted list of (fingerprint, registrations). Sequential appends and a
//! radix sort stay in cache where a hash map of a million citizens would not.

use std::borrow::Cow;

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

/// Registrations per citizen.
#[derive(Debug, Clone, Default)]
pub(crate) struct Citizens {
    /// Sorted by fingerprint, one entry per citizen.
    sorted: Vec<(u64, u32)>,
    /// Fingerprints added since the last compaction, one per registration.
    pending: Vec<u64>,
}

impl Citizens {
    /// Registrations given as one fingerprint each, not yet compacted.
    pub(crate) fn from_fingerprints(pending: Vec<u64>) -> Citizens {
        Citizens {
            sorted: Vec::new(),
            pending,
        }
    }

    pub(crate) fn add(&mut self, key: &str) {
        self.pending.push(fingerprint(key));
    }

    /// Folds the pending registrations into the sorted list.
    pub(crate) fn compact(&mut self) {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.sorted = merge(&self.sorted, &runs(pending));
        }
    }

    /// The sorted list, compacting a copy when registrations are pending.
    fn view(&self) -> Cow<'_, [(u64, u32)]> {
        if self.pending.is_empty() {
            Cow::Borrowed(&self.sorted)
        } else {
            Cow::Owned(merge(&self.sorted, &runs(self.pending.clone())))
        }
    }

    pub(crate) fn merge(&mut self, other: &Citizens) {
        self.compact();
        self.sorted = merge(&self.sorted, &other.view());
    }

    /// Distinct citizens, and citizens with more than one registration.
    pub(crate) fn distinct_and_repeat(&self) -> (u64, u64) {
        let view = self.view();
        (
            view.len() as u64,
            view.iter().filter(|c| c.1 > 1).count() as u64,
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

impl PartialEq for Citizens {
    fn eq(&self, other: &Self) -> bool {
        self.view() == other.view()
    }
}

impl Serialize for Citizens {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(s)
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
        Ok(Citizens {
            sorted,
            pending: Vec::new(),
        })
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
        let mut a = Citizens::default();
        for k in ["x", "y", "x", "z"] {
            a.add(k);
        }
        assert_eq!(a.distinct_and_repeat(), (3, 1));
        let mut b = Citizens::default();
        b.add("y");
        let mut whole = a.clone();
        whole.add("y");
        a.merge(&b);
        assert_eq!(a, whole);
        assert_eq!(a.distinct_and_repeat(), (3, 2));
    }
}
