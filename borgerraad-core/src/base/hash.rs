//! 64-bit keys inside the crate: fast maps for short codes, fingerprints of
//! strings, and a radix sort and merge by such keys.

/// A hash map for short codes and for keys that are hashes already
/// (rustc-hash's FxHash). Not for keys an attacker could choose to collide.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A hash set with the hasher of [`FastMap`]: keys that the input chooses
/// can be crafted to share one hash (FxHash's string hash is unkeyed and
/// collapses to one value for chosen 16-byte chunks), and then each look-up
/// compares with every key in the set, so such a set is kept small.
pub(crate) type FastSet<K> = rustc_hash::FxHashSet<K>;

/// A stable fingerprint of a key (a citizen key, a record id): 8-byte words folded by
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

/// Sorts by a 64-bit key, keeping the order of equal keys (a least-significant-
/// digit radix sort, 8 bits a pass; small inputs by insertion, which is far
/// smaller in the browser's first module than the standard sort: issue 19).
pub(crate) fn sort_by_key<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if items.len() < 64 {
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && key(&items[j - 1]) > key(&items[j]) {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut counts = [[0usize; 256]; 8];
    for item in items.iter() {
        let k = key(item);
        for (pass, c) in counts.iter_mut().enumerate() {
            c[((k >> (pass * 8)) & 0xff) as usize] += 1;
        }
    }
    let mut scratch = items.clone();
    for (pass, c) in counts.iter().enumerate() {
        if c.contains(&items.len()) {
            continue; // every key has the same digit here
        }
        let mut offsets = [0usize; 256];
        let mut sum = 0;
        for (o, &n) in offsets.iter_mut().zip(c.iter()) {
            *o = sum;
            sum += n;
        }
        for item in items.iter() {
            let d = ((key(item) >> (pass * 8)) & 0xff) as usize;
            scratch[offsets[d]] = *item;
            offsets[d] += 1;
        }
        std::mem::swap(items, &mut scratch);
    }
}

/// Merges two sorted lists into one sorted list.
pub(crate) fn merge<T: Copy + Ord>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if b[j] < a[i] {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// `k` distinct keys of 16 printable ASCII characters that share one
/// [`fingerprint`], crafted by running its last block backwards: for a
/// 16-byte key the state after the second block decides the
/// fingerprint, and that block is `rotl(h1, 23) ^ K` for the state
/// `h1` after the first block and a constant `K`. First blocks (letters
/// only) are tried until that second block is printable too (about
/// one in 3 000).
#[cfg(test)]
pub(crate) fn colliding_keys(k: usize) -> Vec<String> {
    const M1: u64 = 0xbf58_476d_1ce4_e5b9;
    // The inverse of M1 modulo 2^64 (Newton's iteration doubles the
    // bits that are right each time; M1 is its own inverse mod 8).
    let mut m1_inverse = M1;
    for _ in 0..5 {
        m1_inverse = m1_inverse.wrapping_mul(2u64.wrapping_sub(M1.wrapping_mul(m1_inverse)));
    }
    assert_eq!(M1.wrapping_mul(m1_inverse), 1);
    let h0 = (0x9e37_79b9_7f4a_7c15u64 ^ 16).rotate_left(23);
    // Any state after the second block will do.
    let target: u64 = 0x0123_4567_89ab_cdef;
    let key = target.wrapping_mul(m1_inverse);
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut keys = Vec::with_capacity(k);
    let mut n: u64 = 0;
    while keys.len() < k {
        n += 1;
        let mut first = [0u8; 8];
        let mut m = n;
        for b in &mut first {
            *b = letters[(m % 52) as usize];
            m /= 52;
        }
        let h1 = (h0 ^ u64::from_le_bytes(first)).wrapping_mul(M1);
        let second = (h1.rotate_left(23) ^ key).to_le_bytes();
        if second.iter().all(|b| b.is_ascii_graphic()) {
            let id = [first, second].concat();
            keys.push(String::from_utf8(id).unwrap());
        }
    }
    keys
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
        sort_by_key(&mut keys, |&k| k);
        assert_eq!(keys, want);
    }

    #[test]
    fn sort_by_key_keeps_the_order_of_equal_keys() {
        // Small (insertion) and large (radix) inputs alike.
        for n in [0, 1, 2, 5, 63, 64, 65, 1000, 10_000u32] {
            let mut items: Vec<(u64, u32)> = (0..n)
                .map(|i| (u64::from((n - i) % 7) << 40 | u64::from(i % 3), i))
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|e| e.0); // the standard sort is stable
            sort_by_key(&mut items, |e| e.0);
            assert_eq!(items, want, "{n} items");
        }
        assert_eq!(merge(&[1, 3, 5], &[2, 3, 6]), vec![1, 2, 3, 3, 5, 6]);
    }
}
