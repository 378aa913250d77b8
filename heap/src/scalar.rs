//! Leaf objects: strings and boxed numbers. Each is written completely
//! while private and never changes after it is published, but for a
//! string's cached hash (below).
//!
//! - string: header, `len: u32` at +8, Clojure hash `i32` at +12, UTF-8 bytes at +16.
//!   The hash is cached lazily, as Java's `String.hash`: 0 when the string
//!   is made, computed on first use and stored then (one CAS of the word
//!   that keeps `len`); 0 means "not computed yet (or truly 0)", computed
//!   again each time. Every process computes the same value from the same
//!   bytes, so racing stores agree; a read-only env computes it without
//!   storing, and so does `check` (it walks without a pin). Files whose
//!   strings carry a stored hash work as before.
//! - int64:  header, `i64` at +8 (only for values outside the small-int range).
//! - float64: header, IEEE bits at +8.
//! - bigint: header, `sign | biginteger << 1 | len << 8` at +8, magnitude
//!   bytes (little-endian) at +16 (bit 1: a `java.math.BigInteger`).
//! - bigdecimal: header, scale (`i32`, sign-extended) at +8, `sign | len << 8`
//!   at +16, the unscaled magnitude's bytes (little-endian) at +24.

use crate::checked::Obj;
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hash;
use crate::object_header::{HEADER_BYTES, Kind};
use crate::word::{Decoded, Word};
use num_bigint::BigUint;
use std::cell::Cell;
use std::sync::atomic::Ordering;

thread_local! {
    /// Set while this thread walks the heap without a pin (`check`):
    /// a hash computed then is not stored, since the string may have been
    /// freed and its block reused under the walk.
    static NO_HASH_STORES: Cell<bool> = const { Cell::new(false) };
}

/// While alive, the string hashes this thread computes are not stored
/// (see [`NO_HASH_STORES`]); nests.
pub(crate) struct HashStoresOff {
    prev: bool,
}

impl HashStoresOff {
    /// Turns hash stores off on this thread until the value drops.
    pub(crate) fn new() -> HashStoresOff {
        HashStoresOff {
            prev: NO_HASH_STORES.with(|c| c.replace(true)),
        }
    }
}

impl Drop for HashStoresOff {
    fn drop(&mut self) {
        NO_HASH_STORES.with(|c| c.set(self.prev));
    }
}

/// Longest string the format holds.
pub const MAX_STRING: usize = u32::MAX as usize;

impl Env {
    /// Allocates a string object (count 1, owned by the caller).
    pub(crate) fn new_string(&self, s: &str) -> Result<Word> {
        self.new_string_flags(s, 0)
    }

    pub(crate) fn new_string_flags(&self, s: &str, flags: u8) -> Result<Word> {
        self.new_text(Kind::String, s, flags)
    }

    /// A regular expression object whose source is `s` (laid out like a
    /// string).
    pub(crate) fn new_pattern(&self, s: &str) -> Result<Word> {
        self.new_text(Kind::Pattern, s, 0)
    }

    /// A string-shaped object of `kind`: `len: u32, hash: i32, bytes`.
    fn new_text(&self, kind: Kind, s: &str, flags: u8) -> Result<Word> {
        if s.len() > MAX_STRING {
            return Err(HeapError::TooLarge {
                size: s.len() as u64,
            });
        }
        let off = self.new_object(kind, 8 + s.len() as u64, flags)?;
        // The hash is left 0: computed on first use (`string_hash_at`).
        let meta = u64::from(s.len() as u32);
        self.mapping
            .word_at(off + 8)?
            .store(meta, Ordering::Relaxed);
        // SAFETY: `off` was just allocated by this thread and is not
        // published until the caller stores its word.
        unsafe { self.mapping.write_private(off + 16, s.as_bytes())? };
        Ok(Word::object(off))
    }

    /// The text of string `w`, read in place (zero copy).
    pub(crate) fn str(&self, w: Word) -> Result<&str> {
        self.text_of(self.obj_of(w, Kind::String)?)
    }

    /// The text of the string-shaped object (string, pattern) at `off`.
    pub(crate) fn str_at(&self, off: u64) -> Result<&str> {
        self.text_of(self.obj_at(off)?)
    }

    /// The text of string-shaped object `o` (`len: u32, hash: i32,
    /// bytes`), checked against its block and for UTF-8.
    #[inline]
    pub(crate) fn text_of<'e>(&'e self, o: Obj<'e>) -> Result<&'e str> {
        let len = o.word(0)?.bits() as u32;
        // SAFETY: a string's bytes are written before it is published and
        // never again; the caller holds it (a count or a pin) while the
        // text lives, as for every read in place.
        let bytes = unsafe { o.bytes(8, u64::from(len))? };
        if bytes.is_ascii() {
            // SAFETY: ASCII bytes are UTF-8 (checked in one pass, cheaper
            // than the general validation for the short strings most are).
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).map_err(|_| HeapError::CorruptObject {
            offset: o.off,
            detail: "string is not UTF-8",
        })
    }

    /// Clojure's hash of the string at `off`: the cached one if stored,
    /// else computed (and stored if the env is writable; see the module
    /// comment). The caller has checked that `off` is a string.
    #[inline]
    pub(crate) fn string_hash_at(&self, off: u64) -> Result<i32> {
        let word = self.mapping.word_at(off + 8)?;
        let meta = word.load(Ordering::Relaxed);
        match (meta >> 32) as i32 {
            0 => self.string_hash_cold(off, word, meta),
            h => Ok(h),
        }
    }

    /// The stored hash of the string at `off`, 0 if none is stored yet.
    pub(crate) fn stored_string_hash(&self, off: u64) -> Result<i32> {
        Ok((self.mapping.word_at(off + 8)?.load(Ordering::Relaxed) >> 32) as i32)
    }

    /// `string_hash_at` of a string whose hash is not stored: computes it
    /// and caches it with one CAS from `meta` (the word as loaded, `len`
    /// and a zero hash). A lost CAS means another thread or process stored
    /// it first: the same value, so nothing to retry.
    #[cold]
    #[inline(never)]
    fn string_hash_cold(
        &self,
        off: u64,
        word: &std::sync::atomic::AtomicU64,
        meta: u64,
    ) -> Result<i32> {
        let h = hash::hash_string(self.str_at(off)?);
        if h != 0 && !self.mapping.is_read_only() && !NO_HASH_STORES.with(Cell::get) {
            // Relaxed: the hash is a function of the string's bytes, which
            // never change; a reader that sees it needs nothing else.
            let _ = word.compare_exchange(
                meta,
                meta | u64::from(h as u32) << 32,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        }
        Ok(h)
    }

    /// An integer value: an immediate when it fits, else a boxed int64.
    #[inline]
    pub(crate) fn int(&self, i: i64) -> Result<Word> {
        match Word::fixnum(i) {
            Some(w) => Ok(w),
            None => self.boxed_int(i),
        }
    }

    /// A boxed int64 (outside the small-int range).
    #[inline(never)]
    fn boxed_int(&self, i: i64) -> Result<Word> {
        let off = self.new_object(Kind::Int64, 8, 0)?;
        self.mapping
            .word_at(off + HEADER_BYTES)?
            .store(i as u64, Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// A boxed float.
    pub(crate) fn float(&self, f: f64) -> Result<Word> {
        let off = self.new_object(Kind::Float64, 8, 0)?;
        self.mapping
            .word_at(off + HEADER_BYTES)?
            .store(f.to_bits(), Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// The integer value of `w` (immediate or boxed).
    pub(crate) fn as_i64(&self, w: Word) -> Result<i64> {
        match w.decode() {
            Decoded::Int(i) => Ok(i),
            _ => {
                let off = self.expect_kind(w, Kind::Int64)?;
                Ok(self
                    .mapping
                    .word_at(off + HEADER_BYTES)?
                    .load(Ordering::Relaxed) as i64)
            }
        }
    }

    /// The float value of `w`.
    pub(crate) fn as_f64(&self, w: Word) -> Result<f64> {
        let off = self.expect_kind(w, Kind::Float64)?;
        Ok(f64::from_bits(
            self.mapping
                .word_at(off + HEADER_BYTES)?
                .load(Ordering::Relaxed),
        ))
    }
}

/// The magnitude of a big integer as Java's big-endian `int[]` words,
/// without leading zeros.
fn java_mag(le: &[u8]) -> Vec<u32> {
    let mut words: Vec<u32> = le
        .chunks(4)
        .map(|c| c.iter().rev().fold(0u32, |w, &b| w << 8 | u32::from(b)))
        .collect();
    while words.last() == Some(&0) {
        words.pop();
    }
    words.reverse();
    words
}

/// Bit 1 of a bigint's `sign | len << 8` word: the value is of class
/// `java.math.BigInteger` rather than `clojure.lang.BigInt`.
const BIGINTEGER_FLAG: u64 = 2;

impl Env {
    /// A big integer `(-1)^negative × magnitude` (magnitude little-endian).
    /// Values that fit in i64 still make a bigint (Clojure's `1N`); they are
    /// `=` to the same long.
    pub(crate) fn bigint(&self, negative: bool, magnitude_le: &[u8]) -> Result<Word> {
        self.big_integer(negative, magnitude_le, 0)
    }

    /// A big integer of class `java.math.BigInteger` (what `biginteger`
    /// makes): a bigint whose meta word has [`BIGINTEGER_FLAG`]. It is the
    /// same number as the bigint of its value (`=`, `hash`, arithmetic);
    /// only its class and printing (no `N`) differ.
    pub(crate) fn biginteger(&self, negative: bool, magnitude_le: &[u8]) -> Result<Word> {
        self.big_integer(negative, magnitude_le, BIGINTEGER_FLAG)
    }

    /// Whether bigint `w` is a `java.math.BigInteger`.
    pub(crate) fn is_biginteger(&self, w: Word) -> Result<bool> {
        let off = self.expect_kind(w, Kind::BigInt)?;
        let meta = self.mapping.word_at(off + 8)?.load(Ordering::Relaxed);
        Ok(meta & BIGINTEGER_FLAG != 0)
    }

    fn big_integer(&self, negative: bool, magnitude_le: &[u8], flags: u64) -> Result<Word> {
        let len = magnitude_le
            .iter()
            .rposition(|&b| b != 0)
            .map_or(0, |i| i + 1);
        let off = self.new_object(Kind::BigInt, 8 + len as u64, 0)?;
        let negative = negative && len > 0;
        self.mapping.word_at(off + 8)?.store(
            u64::from(negative) | flags | (len as u64) << 8,
            Ordering::Relaxed,
        );
        // SAFETY: `off` was just allocated by this thread and is not
        // published until the caller stores its word.
        unsafe { self.mapping.write_private(off + 16, &magnitude_le[..len])? };
        Ok(Word::object(off))
    }

    /// The sign (true if negative) and little-endian magnitude of bigint
    /// `w`, read in place.
    pub(crate) fn bigint_parts(&self, w: Word) -> Result<(bool, &[u8])> {
        let off = self.expect_kind(w, Kind::BigInt)?;
        let meta = self.mapping.word_at(off + 8)?.load(Ordering::Relaxed);
        Ok((meta & 1 == 1, self.block_bytes(off, 16, meta >> 8)?))
    }

    /// The value of an integer word (small, boxed or big) if it fits in i128.
    pub(crate) fn integer_value(&self, w: Word) -> Result<Option<i128>> {
        if let Ok(i) = self.as_i64(w) {
            return Ok(Some(i128::from(i)));
        }
        let (neg, mag) = self.bigint_parts(w)?;
        if mag.len() > 15 {
            return Ok(None);
        }
        let m = mag
            .iter()
            .rev()
            .fold(0i128, |acc, &b| acc << 8 | i128::from(b));
        Ok(Some(if neg { -m } else { m }))
    }

    /// Clojure's hash of a bigint: that of the long when it fits, else
    /// Java's `BigInteger.hashCode`.
    pub(crate) fn bigint_hash(&self, w: Word) -> Result<i32> {
        if let Some(v) = self.integer_value(w)?
            && let Ok(l) = i64::try_from(v)
        {
            return Ok(hash::hash_long(l));
        }
        let (neg, mag) = self.bigint_parts(w)?;
        let h = java_mag(mag)
            .iter()
            .fold(0i32, |h, &m| h.wrapping_mul(31).wrapping_add(m as i32));
        Ok(if neg { h.wrapping_neg() } else { h })
    }

    /// A big decimal (Java's `BigDecimal`): `(-1)^negative × magnitude ×
    /// 10^-scale` (magnitude little-endian), stored with its scale as
    /// given (`1.50M` and `1.5M` are different values that are `=`).
    pub(crate) fn bigdecimal(
        &self,
        negative: bool,
        magnitude_le: &[u8],
        scale: i32,
    ) -> Result<Word> {
        let len = magnitude_le
            .iter()
            .rposition(|&b| b != 0)
            .map_or(0, |i| i + 1);
        let off = self.new_object(Kind::BigDecimal, 16 + len as u64, 0)?;
        let negative = negative && len > 0;
        self.mapping
            .word_at(off + 8)?
            .store(i64::from(scale) as u64, Ordering::Relaxed);
        self.mapping
            .word_at(off + 16)?
            .store(u64::from(negative) | (len as u64) << 8, Ordering::Relaxed);
        // SAFETY: `off` was just allocated by this thread and is not
        // published until the caller stores its word.
        unsafe { self.mapping.write_private(off + 24, &magnitude_le[..len])? };
        Ok(Word::object(off))
    }

    /// The sign (true if negative), little-endian magnitude and scale of
    /// big decimal `w`, read in place.
    pub(crate) fn bigdecimal_parts(&self, w: Word) -> Result<(bool, &[u8], i32)> {
        let off = self.expect_kind(w, Kind::BigDecimal)?;
        let scale = self.mapping.word_at(off + 8)?.load(Ordering::Relaxed) as i64;
        let scale = i32::try_from(scale).map_err(|_| HeapError::CorruptObject {
            offset: off,
            detail: "decimal scale beyond 32 bits",
        })?;
        let meta = self.mapping.word_at(off + 16)?.load(Ordering::Relaxed);
        Ok((meta & 1 == 1, self.block_bytes(off, 24, meta >> 8)?, scale))
    }

    /// Big decimal `w` with its trailing zeros stripped (Java's
    /// `stripTrailingZeros`; zero is `0` with scale 0): one form for all
    /// values that are `=`.
    pub(crate) fn bigdecimal_stripped(&self, w: Word) -> Result<(bool, BigUint, i64)> {
        let (negative, mag, scale) = self.bigdecimal_parts(w)?;
        let mut m = BigUint::from_bytes_le(mag);
        let mut scale = i64::from(scale);
        if m.bits() == 0 {
            return Ok((false, m, 0));
        }
        let ten = BigUint::from(10u8);
        loop {
            if (&m % &ten).bits() != 0 {
                break;
            }
            m /= &ten;
            scale -= 1;
        }
        Ok((negative, m, scale))
    }

    /// Clojure's hash of a big decimal: Java's `BigDecimal.hashCode` of
    /// the value with trailing zeros stripped (so `=` values hash alike).
    pub(crate) fn bigdecimal_hash(&self, w: Word) -> Result<i32> {
        let (negative, m, scale) = self.bigdecimal_stripped(w)?;
        let h = m
            .to_u32_digits()
            .iter()
            .rev()
            .fold(0i32, |h, &d| h.wrapping_mul(31).wrapping_add(d as i32));
        let h = if negative { h.wrapping_neg() } else { h };
        Ok(h.wrapping_mul(31).wrapping_add(scale as i32))
    }

    /// A ratio `numerator/denominator` of two integer words, stored as
    /// given (the caller normalizes: lowest terms, positive denominator).
    pub(crate) fn ratio(&self, numerator: Word, denominator: Word) -> Result<Word> {
        let off = self.new_object(Kind::Ratio, 16, 0)?;
        for (i, w) in [(0, numerator), (1, denominator)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// The numerator and denominator of ratio `w`.
    pub(crate) fn ratio_parts(&self, w: Word) -> Result<(Word, Word)> {
        let off = self.expect_kind(w, Kind::Ratio)?;
        Ok((self.load_word(off, 0)?, self.load_word(off, 1)?))
    }
}

#[cfg(test)]
mod tests {
    use crate::header::FIRST_USER_ROOT;
    use crate::{Env, EnvOptions, hash};
    use std::os::unix::fs::PermissionsExt;

    /// A read-only env computes a string's hash without storing it (its
    /// mapping is read-only: a store would fault), and a writable one
    /// stores it.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn a_read_only_env_hashes_without_storing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.eve");
        let off = {
            let env = Env::open_with(&path, &EnvOptions::new().map_size(1 << 30)).unwrap();
            let p = env.participant().unwrap();
            let s = env.make_string("read only").unwrap();
            let off = s.word().as_object().unwrap();
            // In a vector: nothing hashes the string on the way in.
            let v = env.make_vector(&[s.borrowed()]).unwrap();
            env.root(FIRST_USER_ROOT).unwrap().reset(&p, v).unwrap();
            off
        };
        let bytes = std::fs::read(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let ro = Env::open_read_only(&path).unwrap();
        assert_eq!(ro.stored_string_hash(off).unwrap(), 0);
        let want = hash::hash_string("read only");
        assert_eq!(ro.string_hash_at(off).unwrap(), want);
        assert_eq!(ro.stored_string_hash(off).unwrap(), 0, "not stored");
        assert!(ro.check().unwrap().is_healthy());
        drop(ro);
        assert!(
            std::fs::read(&path).unwrap() == bytes,
            "the file is unchanged"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let env = Env::open_with(&path, &EnvOptions::new().map_size(1 << 30)).unwrap();
        assert_eq!(env.string_hash_at(off).unwrap(), want);
        assert_eq!(env.stored_string_hash(off).unwrap(), want, "stored");
    }
}
