//! Leaf objects: strings and boxed numbers. Each is written completely
//! while private and never changes after it is published.
//!
//! - string: header, `len: u32` at +8, Clojure hash `i32` at +12, UTF-8 bytes at +16.
//! - int64:  header, `i64` at +8 (only for values outside the small-int range).
//! - float64: header, IEEE bits at +8.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hash;
use crate::object::{HEADER_BYTES, Kind};
use crate::word::{Decoded, Word};
use std::sync::atomic::Ordering;

/// Longest string the format holds.
pub const MAX_STRING: usize = u32::MAX as usize;

impl Env {
    /// Allocates a string object (count 1, owned by the caller).
    pub fn new_string(&self, s: &str) -> Result<Word> {
        self.new_string_flags(s, 0)
    }

    pub(crate) fn new_string_flags(&self, s: &str, flags: u8) -> Result<Word> {
        if s.len() > MAX_STRING {
            return Err(HeapError::TooLarge {
                size: s.len() as u64,
            });
        }
        let off = self.new_object(Kind::String, 8 + s.len() as u64, flags)?;
        let meta = u64::from(s.len() as u32) | u64::from(hash::hash_string(s) as u32) << 32;
        self.word_at(off + 8)?.store(meta, Ordering::Relaxed);
        self.write_private(off + 16, s.as_bytes())?;
        Ok(Word::object(off))
    }

    /// The text of string `w`, read in place (zero copy).
    pub fn str(&self, w: Word) -> Result<&str> {
        let off = self.expect_kind(w, Kind::String)?;
        self.str_at(off)
    }

    pub(crate) fn str_at(&self, off: u64) -> Result<&str> {
        let len = self.word_at(off + 8)?.load(Ordering::Relaxed) as u32;
        let bytes = self.bytes(off + 16, u64::from(len))?;
        std::str::from_utf8(bytes).map_err(|_| HeapError::CorruptObject {
            offset: off,
            detail: "string is not UTF-8",
        })
    }

    pub(crate) fn string_hash_at(&self, off: u64) -> Result<i32> {
        Ok((self.word_at(off + 8)?.load(Ordering::Relaxed) >> 32) as i32)
    }

    /// An integer value: an immediate when it fits, else a boxed int64.
    pub fn int(&self, i: i64) -> Result<Word> {
        if let Some(w) = Word::fixnum(i) {
            return Ok(w);
        }
        let off = self.new_object(Kind::Int64, 8, 0)?;
        self.word_at(off + HEADER_BYTES)?
            .store(i as u64, Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// A boxed float.
    pub fn float(&self, f: f64) -> Result<Word> {
        let off = self.new_object(Kind::Float64, 8, 0)?;
        self.word_at(off + HEADER_BYTES)?
            .store(f.to_bits(), Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// The integer value of `w` (immediate or boxed).
    pub fn as_i64(&self, w: Word) -> Result<i64> {
        match w.decode() {
            Decoded::Int(i) => Ok(i),
            _ => {
                let off = self.expect_kind(w, Kind::Int64)?;
                Ok(self.word_at(off + HEADER_BYTES)?.load(Ordering::Relaxed) as i64)
            }
        }
    }

    /// The float value of `w`.
    pub fn as_f64(&self, w: Word) -> Result<f64> {
        let off = self.expect_kind(w, Kind::Float64)?;
        Ok(f64::from_bits(
            self.word_at(off + HEADER_BYTES)?.load(Ordering::Relaxed),
        ))
    }
}
