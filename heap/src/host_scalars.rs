//! UUIDs and instants: leaf objects written completely while private and
//! never changed after they are published (like boxed numbers).
//!
//! - uuid (`Kind::Uuid`): header, most significant 64 bits at +8, least
//!   significant at +16 (Java's `UUID` fields).
//! - inst (`Kind::Inst`): header, seconds since the epoch (`i64`, floor)
//!   at +8, then `nanos: u32 | class << 32` at +16: class 0 is a
//!   `java.util.Date` (milliseconds: `nanos` is a multiple of 10^6), class
//!   1 a `java.time.Instant` (nanoseconds).
//!
//! Hashes are Java's `hashCode` (Clojure's `hash` of these classes).

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::{HEADER_BYTES, Kind};
use crate::word::Word;
use std::sync::atomic::Ordering;

/// Which host class an instant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstClass {
    /// `java.util.Date`: millisecond precision (`#inst` reads one).
    Date,
    /// `java.time.Instant`: nanosecond precision.
    Instant,
}

impl Env {
    /// A UUID object of the two 64-bit halves (count 1, owned by the caller).
    pub(crate) fn uuid(&self, msb: u64, lsb: u64) -> Result<Word> {
        let off = self.new_object(Kind::Uuid, 16, 0)?;
        self.mapping
            .word_at(off + HEADER_BYTES)?
            .store(msb, Ordering::Relaxed);
        self.mapping
            .word_at(off + HEADER_BYTES + 8)?
            .store(lsb, Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// The halves (most, least significant) of UUID `w`.
    pub(crate) fn uuid_parts(&self, w: Word) -> Result<(u64, u64)> {
        let off = self.expect_kind(w, Kind::Uuid)?;
        Ok((
            self.mapping
                .word_at(off + HEADER_BYTES)?
                .load(Ordering::Relaxed),
            self.mapping
                .word_at(off + HEADER_BYTES + 8)?
                .load(Ordering::Relaxed),
        ))
    }

    /// An instant object: `seconds` since the epoch plus `nanos`
    /// (below 10^9; a Date's are whole milliseconds).
    pub(crate) fn inst(&self, seconds: i64, nanos: u32, class: InstClass) -> Result<Word> {
        if nanos >= 1_000_000_000 || (class == InstClass::Date && nanos % 1_000_000 != 0) {
            return Err(HeapError::WrongKind {
                expected: "nanoseconds below 10^9 (whole milliseconds for a Date)",
                found: nanos.to_string(),
            });
        }
        let off = self.new_object(Kind::Inst, 16, 0)?;
        let tag = u64::from(class == InstClass::Instant) << 32;
        self.mapping
            .word_at(off + HEADER_BYTES)?
            .store(seconds as u64, Ordering::Relaxed);
        self.mapping
            .word_at(off + HEADER_BYTES + 8)?
            .store(u64::from(nanos) | tag, Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// Seconds, nanoseconds and class of instant `w`; a damaged object
    /// (nanoseconds out of range, an unknown class) is an error.
    pub(crate) fn inst_parts(&self, w: Word) -> Result<(i64, u32, InstClass)> {
        let off = self.expect_kind(w, Kind::Inst)?;
        let seconds = self
            .mapping
            .word_at(off + HEADER_BYTES)?
            .load(Ordering::Relaxed) as i64;
        let rest = self
            .mapping
            .word_at(off + HEADER_BYTES + 8)?
            .load(Ordering::Relaxed);
        let nanos = rest as u32;
        let class = match rest >> 32 {
            0 if nanos % 1_000_000 == 0 => InstClass::Date,
            1 => InstClass::Instant,
            _ => {
                return Err(HeapError::CorruptObject {
                    offset: off,
                    detail: "instant of an unknown class",
                });
            }
        };
        if nanos >= 1_000_000_000 {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "instant nanoseconds out of range",
            });
        }
        Ok((seconds, nanos, class))
    }
}

/// Java's `UUID.hashCode`.
pub(crate) fn uuid_hash(msb: u64, lsb: u64) -> i32 {
    let hilo = msb ^ lsb;
    ((hilo >> 32) as i32) ^ (hilo as i32)
}

/// Java's `Date.hashCode` (of the milliseconds) or `Instant.hashCode`.
pub(crate) fn inst_hash(seconds: i64, nanos: u32, class: InstClass) -> i32 {
    match class {
        InstClass::Date => {
            let ms = seconds
                .wrapping_mul(1000)
                .wrapping_add(i64::from(nanos / 1_000_000));
            (ms as i32) ^ ((ms >> 32) as i32)
        }
        InstClass::Instant => ((seconds ^ ((seconds as u64) >> 32) as i64) as i32)
            .wrapping_add(51i32.wrapping_mul(nanos as i32)),
    }
}
