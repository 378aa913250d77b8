//! Value words: the 64-bit tagged representation of every value in the file.
//!
//! | low bits | meaning |
//! |---|---|
//! | `……1` | small integer: the word is `i << 1 \| 1` (63-bit signed) |
//! | `0000`, word 0 | nil (so zeroed memory reads as nil) |
//! | `0000`, word ≠ 0 | offset of an object (objects are 16-aligned, never at 0) |
//! | `0010` | constants: `0x02` false, `0x12` true, `0x22` unbound, `0x32` empty list |
//! | `0100` | char: the Unicode scalar value in bits 32..64 |
//! | `0110` | 32-bit float (Java's `Float`): its IEEE bits in bits 32..64 |
//! | `1000`, bits 40..64 ≠ 0 | process-local host object: a 60-bit payload (bits 4..64) that names an entry of one process's table (the evaluator's `host_objects.rs` lays it out; its top 24 bits, the owner's stamp, are never 0); a leaf, never an offset |
//! | `1000`, bits 40..64 = 0 | invalid: what an object offset misaligned by 8 looks like (offsets stay below 2^40) |
//! | others | invalid |
//!
//! A host-object word means something only in the process that made it:
//! the heap treats it as an opaque leaf (no children, hashed and compared
//! by its bits), `check` accepts it anywhere a value may be (a process may
//! legitimately leave one in a lazy seq it realized, or in an unpublished
//! value a kill -9 leaked), and the evaluator refuses to publish one
//! into a root (`Env::find_host_word`) and detects a stale or foreign one
//! when it is used.

/// A tagged 64-bit value word: an immediate or the offset of an object.
///
/// A `Word` is plain data: holding one does not keep an object alive.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Word(u64);

/// Smallest integer held as an immediate.
pub const FIXNUM_MIN: i64 = -(1 << 62);
/// Largest integer held as an immediate.
pub const FIXNUM_MAX: i64 = (1 << 62) - 1;

const TAG_CONST: u64 = 0b0010;
const TAG_CHAR: u64 = 0b0100;
const TAG_FLOAT32: u64 = 0b0110;
const TAG_HOST: u64 = 0b1000;

/// The largest payload a host-object word holds (60 bits).
pub const HOST_PAYLOAD_MAX: u64 = (1 << 60) - 1;
/// A host-object word's payload has one of these bits set (its top 24
/// bits, the owner's stamp, are never all zero), so an object offset
/// misaligned by 8 (below 2^40) never reads as one.
pub const HOST_OWNER_BITS: u64 = ((1 << 24) - 1) << 36;

/// What a word is, decoded without looking at the heap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decoded {
    /// nil.
    Nil,
    /// true or false.
    Bool(bool),
    /// The marker of an unbound var root.
    Unbound,
    /// The empty list `()`.
    EmptyList,
    /// A small integer.
    Int(i64),
    /// A character.
    Char(char),
    /// A 32-bit float (Clojure's `(float x)`).
    Float32(f32),
    /// The offset of an object.
    Object(u64),
    /// A process-local host object: its 60-bit payload.
    Host(u64),
    /// Not a valid word (corrupt data).
    Invalid(u64),
}

impl Word {
    /// nil.
    pub const NIL: Word = Word(0);
    /// false.
    pub const FALSE: Word = Word(0x02);
    /// true.
    pub const TRUE: Word = Word(0x12);
    /// The value of an unbound var root.
    pub const UNBOUND: Word = Word(0x22);
    /// The empty list `()`.
    pub const EMPTY_LIST: Word = Word(0x32);

    /// The raw bits, as stored in the file.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// A word from raw bits read from the file (validated when decoded).
    pub const fn from_bits(bits: u64) -> Word {
        Word(bits)
    }

    /// A boolean.
    pub const fn bool(b: bool) -> Word {
        if b { Word::TRUE } else { Word::FALSE }
    }

    /// A small integer, or `None` if `i` is outside `FIXNUM_MIN..=FIXNUM_MAX`.
    pub const fn fixnum(i: i64) -> Option<Word> {
        if i < FIXNUM_MIN || i > FIXNUM_MAX {
            None
        } else {
            Some(Word(((i << 1) | 1) as u64))
        }
    }

    /// The small integer this word holds, or `None` for any other word.
    pub const fn as_fixnum(self) -> Option<i64> {
        if self.0 & 1 == 1 {
            Some((self.0 as i64) >> 1)
        } else {
            None
        }
    }

    /// A character.
    pub const fn char(c: char) -> Word {
        Word(((c as u64) << 32) | TAG_CHAR)
    }

    /// A 32-bit float (an immediate: nothing is allocated).
    pub const fn float32(f: f32) -> Word {
        Word(((f.to_bits() as u64) << 32) | TAG_FLOAT32)
    }

    /// Whether this word is tagged as a 32-bit float (two float words
    /// may be `=` with different bits: `0.0` and `-0.0`).
    pub const fn is_float32(self) -> bool {
        self.0 & 0xF == TAG_FLOAT32
    }

    /// A process-local host-object word with `payload` (at most
    /// [`HOST_PAYLOAD_MAX`]; higher bits are dropped). Its
    /// [`HOST_OWNER_BITS`] must not all be zero, else the word decodes as
    /// invalid.
    pub const fn host(payload: u64) -> Word {
        Word(((payload & HOST_PAYLOAD_MAX) << 4) | TAG_HOST)
    }

    /// The payload of a host-object word, or `None` for any other word.
    #[inline]
    pub const fn as_host(self) -> Option<u64> {
        if self.0 & 0xF == TAG_HOST && (self.0 >> 4) & HOST_OWNER_BITS != 0 {
            Some(self.0 >> 4)
        } else {
            None
        }
    }

    /// The word referring to the object at `offset` (16-aligned, non-zero).
    pub(crate) const fn object(offset: u64) -> Word {
        Word(offset)
    }

    /// Whether this word is nil.
    pub const fn is_nil(self) -> bool {
        self.0 == 0
    }

    /// The object offset, if this word refers to an object.
    pub const fn as_object(self) -> Option<u64> {
        if self.0 != 0 && self.0 & 0xF == 0 {
            Some(self.0)
        } else {
            None
        }
    }

    /// Decodes the immediate part of the word.
    pub fn decode(self) -> Decoded {
        let w = self.0;
        if w & 1 == 1 {
            return Decoded::Int((w as i64) >> 1);
        }
        match w & 0xF {
            0 if w == 0 => Decoded::Nil,
            0 => Decoded::Object(w),
            TAG_CONST => match w {
                0x02 => Decoded::Bool(false),
                0x12 => Decoded::Bool(true),
                0x22 => Decoded::Unbound,
                0x32 => Decoded::EmptyList,
                _ => Decoded::Invalid(w),
            },
            TAG_HOST if (w >> 4) & HOST_OWNER_BITS != 0 => Decoded::Host(w >> 4),
            TAG_CHAR if w & 0xFFFF_FFF0 == 0 => match char::from_u32((w >> 32) as u32) {
                Some(c) => Decoded::Char(c),
                None => Decoded::Invalid(w),
            },
            TAG_FLOAT32 if w & 0xFFFF_FFF0 == 0 => {
                Decoded::Float32(f32::from_bits((w >> 32) as u32))
            }
            _ => Decoded::Invalid(w),
        }
    }
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.decode() {
            Decoded::Object(off) => write!(f, "Word(@{off:#x})"),
            d => write!(f, "Word({d:?})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn constants_decode() {
        assert_eq!(Word::NIL.decode(), Decoded::Nil);
        assert_eq!(Word::TRUE.decode(), Decoded::Bool(true));
        assert_eq!(Word::FALSE.decode(), Decoded::Bool(false));
        assert_eq!(Word::UNBOUND.decode(), Decoded::Unbound);
        assert_eq!(Word::fixnum(FIXNUM_MAX + 1), None);
        assert_eq!(Word::fixnum(FIXNUM_MIN - 1), None);
        assert_eq!(Word::object(0x2010).decode(), Decoded::Object(0x2010));
        assert_eq!(Word::EMPTY_LIST.decode(), Decoded::EmptyList);
        assert_eq!(Word::from_bits(0x42).decode(), Decoded::Invalid(0x42));
        // An offset misaligned by 8 is not a host word.
        assert_eq!(Word::from_bits(0x8).decode(), Decoded::Invalid(0x8));
        assert_eq!(Word::float32(1.5).decode(), Decoded::Float32(1.5));
        assert_eq!(Word::from_bits(0x16).decode(), Decoded::Invalid(0x16));
        assert_eq!(
            Word::from_bits(0x12_3458).decode(),
            Decoded::Invalid(0x12_3458)
        );
        let p = (1 << 36) | 0x1234;
        assert_eq!(Word::host(p).decode(), Decoded::Host(p));
        assert_eq!(Word::host(p).as_host(), Some(p));
        assert_eq!(Word::host(0x1234).as_host(), None);
        assert_eq!(Word::host(p).as_object(), None);
        assert_eq!(
            Word::host(HOST_PAYLOAD_MAX).as_host(),
            Some(HOST_PAYLOAD_MAX)
        );
        assert_eq!(
            Word::from_bits(0xD800_0000_0004).decode(),
            Decoded::Invalid(0xD800_0000_0004)
        );
    }

    proptest! {
        #[test]
        fn fixnums_round_trip(i in FIXNUM_MIN..=FIXNUM_MAX) {
            prop_assert_eq!(Word::fixnum(i).unwrap().decode(), Decoded::Int(i));
        }

        #[test]
        fn chars_round_trip(c in any::<char>()) {
            prop_assert_eq!(Word::char(c).decode(), Decoded::Char(c));
        }

        #[test]
        fn floats_round_trip(bits in any::<u32>()) {
            let f = f32::from_bits(bits);
            match Word::float32(f).decode() {
                Decoded::Float32(g) => prop_assert_eq!(g.to_bits(), bits),
                d => prop_assert!(false, "decoded {:?}", d),
            }
        }

        #[test]
        fn every_word_decodes_without_panic(w in any::<u64>()) {
            let _ = Word::from_bits(w).decode();
        }
    }
}
