//! Deterministic hashing that follows Clojure (`clojure.lang.Murmur3`,
//! `Util.hasheq`, `Numbers.hasheq`), so `(hash x)` matches Clojure on the JVM
//! and is the same in every process. Never Rust's randomized hasher.
//!
//! Strings are hashed over their UTF-16 code units, as Java does.

const C1: u32 = 0xcc9e_2d51;
const C2: u32 = 0x1b87_3593;

fn mix_k1(k1: u32) -> u32 {
    k1.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2)
}

fn mix_h1(h1: u32, k1: u32) -> u32 {
    (h1 ^ k1)
        .rotate_left(13)
        .wrapping_mul(5)
        .wrapping_add(0xe654_6b64)
}

fn fmix(mut h1: u32, length: u32) -> u32 {
    h1 ^= length;
    h1 ^= h1 >> 16;
    h1 = h1.wrapping_mul(0x85eb_ca6b);
    h1 ^= h1 >> 13;
    h1 = h1.wrapping_mul(0xc2b2_ae35);
    h1 ^ (h1 >> 16)
}

/// `Murmur3.hashInt`.
pub fn hash_int(input: i32) -> i32 {
    if input == 0 {
        return 0;
    }
    fmix(mix_h1(0, mix_k1(input as u32)), 4) as i32
}

/// `Murmur3.hashLong`: the hash of an integer.
pub fn hash_long(input: i64) -> i32 {
    if input == 0 {
        return 0;
    }
    let low = input as u32;
    let high = ((input as u64) >> 32) as u32;
    let h1 = mix_h1(0, mix_k1(low));
    let h1 = mix_h1(h1, mix_k1(high));
    fmix(h1, 8) as i32
}

/// `Murmur3.hashUnencodedChars` over the UTF-16 code units of `s`.
pub fn hash_unencoded_chars(s: &str) -> i32 {
    if s.is_ascii() {
        // Each byte is one code unit: pairs of bytes, no decoding.
        let b = s.as_bytes();
        let mut h1 = 0u32;
        let pairs = b.chunks_exact(2);
        let last = pairs.remainder().first().copied();
        for p in pairs {
            h1 = mix_h1(h1, mix_k1(u32::from(p[0]) | u32::from(p[1]) << 16));
        }
        if let Some(lo) = last {
            h1 ^= mix_k1(u32::from(lo));
        }
        return fmix(h1, 2 * b.len() as u32) as i32;
    }
    hash_unencoded_units(s)
}

/// `hash_unencoded_chars` decoding `s` to UTF-16.
fn hash_unencoded_units(s: &str) -> i32 {
    let mut h1 = 0u32;
    let mut len = 0u32;
    let mut pending: Option<u32> = None;
    for unit in s.encode_utf16() {
        len += 1;
        match pending.take() {
            None => pending = Some(u32::from(unit)),
            Some(lo) => h1 = mix_h1(h1, mix_k1(lo | (u32::from(unit) << 16))),
        }
    }
    if let Some(lo) = pending {
        h1 ^= mix_k1(lo);
    }
    fmix(h1, 2 * len) as i32
}

/// Java's `String.hashCode` over UTF-16 code units (an ASCII string's
/// bytes are its code units: hashed without decoding).
pub fn java_string_hash(s: &str) -> i32 {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        // Four bytes a step, `h·31⁴ + b0·31³ + b1·31² + b2·31 + b3`: the
        // same wrapping sum as one byte at a time, with a quarter of the
        // dependent multiplies.
        let mut chunks = bytes.chunks_exact(4);
        let mut h = 0i32;
        for c in &mut chunks {
            h = h
                .wrapping_mul(923_521)
                .wrapping_add(i32::from(c[0]) * 29_791)
                .wrapping_add(i32::from(c[1]) * 961)
                .wrapping_add(i32::from(c[2]) * 31)
                .wrapping_add(i32::from(c[3]));
        }
        return chunks
            .remainder()
            .iter()
            .fold(h, |h, &b| h.wrapping_mul(31).wrapping_add(i32::from(b)));
    }
    java_string_units_hash(s)
}

/// `java_string_hash` decoding `s` to UTF-16.
fn java_string_units_hash(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, u| {
        h.wrapping_mul(31)
            .wrapping_add(i32::from(u as i16) & 0xFFFF)
    })
}

/// The hash of a string value: `Murmur3.hashInt(s.hashCode())`.
pub fn hash_string(s: &str) -> i32 {
    hash_int(java_string_hash(s))
}

/// `Util.hashCombine`.
pub fn hash_combine(seed: i32, hash: i32) -> i32 {
    seed ^ (hash
        .wrapping_add(0x9e37_79b9_u32 as i32)
        .wrapping_add(seed << 6)
        .wrapping_add(seed >> 2))
}

/// The hash of symbol `ns/name`: `hashCombine(hashUnencodedChars(name), ns.hashCode())`.
pub fn hash_symbol(ns: Option<&str>, name: &str) -> i32 {
    hash_combine(hash_unencoded_chars(name), ns.map_or(0, java_string_hash))
}

/// The hash of keyword `:ns/name`: the symbol's hash plus `0x9e3779b9`.
pub fn hash_keyword(ns: Option<&str>, name: &str) -> i32 {
    hash_symbol(ns, name).wrapping_add(0x9e37_79b9_u32 as i32)
}

/// The hash of a double: Java's `Double.hashCode`, with -0.0 hashing as 0.0.
pub fn hash_double(d: f64) -> i32 {
    if d == 0.0 {
        return 0;
    }
    let bits = if d.is_nan() {
        0x7ff8_0000_0000_0000
    } else {
        d.to_bits()
    };
    (bits ^ (bits >> 32)) as i32
}

/// Clojure's hash of a 32-bit float: Java's `Float.hashCode` (its bits,
/// NaN canonical), 0 for `-0.0` as for `0.0`.
pub fn hash_float(f: f32) -> i32 {
    if f == 0.0 {
        return 0;
    }
    if f.is_nan() {
        return 0x7fc0_0000;
    }
    f.to_bits() as i32
}

/// The hash of a boolean (Java's `Boolean.hashCode`).
pub fn hash_bool(b: bool) -> i32 {
    if b { 1231 } else { 1237 }
}

/// The hash of a character: its code (Java's `Character.hashCode` for the BMP).
pub fn hash_char(c: char) -> i32 {
    c as i32
}

/// `Murmur3.mixCollHash`: finishes a collection hash.
pub fn mix_coll_hash(hash: i32, count: u32) -> i32 {
    fmix(mix_h1(0, mix_k1(hash as u32)), count) as i32
}

/// `Murmur3.hashOrdered` over element hashes (lists, vectors, seqs).
pub fn hash_ordered(hashes: impl IntoIterator<Item = i32>) -> i32 {
    let (mut h, mut n) = (1i32, 0u32);
    for x in hashes {
        h = h.wrapping_mul(31).wrapping_add(x);
        n += 1;
    }
    mix_coll_hash(h, n)
}

/// `Murmur3.hashUnordered` over element hashes (sets, maps' entries).
pub fn hash_unordered(hashes: impl IntoIterator<Item = i32>) -> i32 {
    let (mut h, mut n) = (0i32, 0u32);
    for x in hashes {
        h = h.wrapping_add(x);
        n += 1;
    }
    mix_coll_hash(h, n)
}

/// FNV-1a 64 over `parts`, each followed by its length: the intern table's
/// internal 64-bit hash (not a Clojure hash).
pub fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h = crate::fnv::Fnv1a::new();
    for part in parts {
        h.write(part);
        h.write(&(part.len() as u64).to_le_bytes());
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values printed by Clojure 1.11 on the JVM.
    #[test]
    fn matches_clojure() {
        assert_eq!(hash_long(1), 1_392_991_556); // (hash 1)
        assert_eq!(hash_long(0), 0);
        assert_eq!(hash_long(-1), 1_651_860_712); // (hash -1)
        assert_eq!(hash_long(2), -971_005_196); // (hash 2)
        assert_eq!(hash_long(42), 1_871_679_806); // (hash 42)
        assert_eq!(hash_keyword(None, "a"), -2_123_407_586); // (hash :a)
        assert_eq!(java_string_hash("hello"), 99_162_322); // (.hashCode "hello")
        assert_eq!(hash_double(1.0), 1_072_693_248); // (hash 1.0)
        assert_eq!(hash_double(-0.0), 0);
        assert_eq!(hash_float(1.5), 1_069_547_520); // (hash (float 1.5))
        assert_eq!(hash_float(0.1), 1_036_831_949); // (hash (float 0.1))
        assert_eq!(hash_float(-0.0), 0);
        assert_eq!(hash_bool(true), 1231);
        assert_eq!(hash_ordered([]), -2_017_569_654); // (hash [])
        assert_eq!(hash_unordered([]), -15_128_758); // (hash #{})
    }

    #[test]
    fn ascii_fast_paths_match_the_utf16_ones() {
        let long: String = (0..300u32)
            .map(|i| char::from(b' ' + (i % 95) as u8))
            .collect();
        for n in 0..long.len() {
            let s = &long[..n];
            assert_eq!(java_string_hash(s), java_string_units_hash(s), "{s:?}");
            assert_eq!(hash_unencoded_chars(s), hash_unencoded_units(s), "{s:?}");
        }
        for s in ["\u{0}", "\u{7f}", "a\u{0}b", "~~~"] {
            assert_eq!(java_string_hash(s), java_string_units_hash(s), "{s:?}");
            assert_eq!(hash_unencoded_chars(s), hash_unencoded_units(s), "{s:?}");
        }
    }

    #[test]
    fn astral_chars_hash_as_surrogate_pairs() {
        assert_eq!(java_string_hash("😀"), 0xD83D * 31 + 0xDE00);
        assert_ne!(hash_unencoded_chars("😀"), hash_unencoded_chars("😁"));
    }
}
