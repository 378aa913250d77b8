//! Reading values: [`View`] (what a word is, borrowed in place from the
//! mapping), and Clojure's `hash` and `=` over words.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hash;
use crate::object::{HEADER_BYTES, Kind};
use crate::word::{Decoded, Word};
use std::sync::atomic::Ordering;

/// A value read in place: strings and names borrow the mapping (zero copy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View<'e> {
    /// nil.
    Nil,
    /// A boolean.
    Bool(bool),
    /// The unbound marker.
    Unbound,
    /// An integer (small or boxed).
    Int(i64),
    /// A character.
    Char(char),
    /// A float.
    Float(f64),
    /// A string.
    Str(&'e str),
    /// A symbol.
    Symbol {
        /// Its namespace, if qualified.
        ns: Option<&'e str>,
        /// Its name.
        name: &'e str,
    },
    /// A keyword.
    Keyword {
        /// Its namespace, if qualified.
        ns: Option<&'e str>,
        /// Its name.
        name: &'e str,
    },
    /// An atom (its offset).
    Atom(u64),
}

impl Env {
    /// What `w` is.
    pub fn view(&self, w: Word) -> Result<View<'_>> {
        Ok(match w.decode() {
            Decoded::Nil => View::Nil,
            Decoded::Bool(b) => View::Bool(b),
            Decoded::Unbound => View::Unbound,
            Decoded::Int(i) => View::Int(i),
            Decoded::Char(c) => View::Char(c),
            Decoded::Invalid(bits) => {
                return Err(HeapError::BadOffset {
                    offset: bits,
                    detail: "invalid value word",
                });
            }
            Decoded::Object(off) => match self.header_of(off)?.kind {
                Kind::String => View::Str(self.str_at(off)?),
                Kind::Int64 => {
                    View::Int(self.word_at(off + HEADER_BYTES)?.load(Ordering::Relaxed) as i64)
                }
                Kind::Float64 => View::Float(f64::from_bits(
                    self.word_at(off + HEADER_BYTES)?.load(Ordering::Relaxed),
                )),
                Kind::Symbol => {
                    let (ns, name) = self.symbol_parts(w)?;
                    View::Symbol { ns, name }
                }
                Kind::Keyword => {
                    let (ns, name) = self.symbol_parts(w)?;
                    View::Keyword { ns, name }
                }
                Kind::Atom => View::Atom(off),
                Kind::InternNode => {
                    return Err(HeapError::WrongKind {
                        expected: "value",
                        found: "intern-node".into(),
                    });
                }
            },
        })
    }

    /// Clojure's `(hash x)`: deterministic, the same in every process,
    /// consistent with [`Env::equals`].
    pub fn hash(&self, w: Word) -> Result<i32> {
        Ok(match w.decode() {
            Decoded::Nil | Decoded::Unbound => 0,
            Decoded::Bool(b) => hash::hash_bool(b),
            Decoded::Int(i) => hash::hash_long(i),
            Decoded::Char(c) => hash::hash_char(c),
            Decoded::Invalid(bits) => {
                return Err(HeapError::BadOffset {
                    offset: bits,
                    detail: "invalid value word",
                });
            }
            Decoded::Object(off) => match self.header_of(off)?.kind {
                Kind::String => self.string_hash_at(off)?,
                Kind::Symbol | Kind::Keyword => self.symbol_hash_at(off)?,
                Kind::Int64 => hash::hash_long(self.as_i64(w)?),
                Kind::Float64 => hash::hash_double(self.as_f64(w)?),
                // Identity objects hash by their offset, the same in every process.
                Kind::Atom | Kind::InternNode => hash::hash_long(off as i64),
            },
        })
    }

    /// Clojure's `(= a b)`: integers equal integers of the same value,
    /// floats equal floats (`(= 1 1.0)` is false), strings compare by
    /// content, symbols and keywords by identity (they are interned), atoms
    /// by identity.
    pub fn equals(&self, a: Word, b: Word) -> Result<bool> {
        if a == b {
            return Ok(true);
        }
        Ok(match (self.view(a)?, self.view(b)?) {
            (View::Int(x), View::Int(y)) => x == y,
            (View::Float(x), View::Float(y)) => x == y,
            (View::Str(x), View::Str(y)) => x == y,
            _ => false,
        })
    }
}
