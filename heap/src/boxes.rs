//! Clojure's two small boxes: volatiles (`clojure.lang.Volatile`) and
//! reduced values (`clojure.lang.Reduced`), objects of the file like every
//! value, so either can be stored in a var and seen by another process.
//!
//! - volatile (`Kind::Volatile`): laid out as an atom (value word at +8,
//!   version `u32` at +16, waiting flag `u32` at +20), so the checker, the
//!   live walk and checkpoints treat its value as the mutable cell it is.
//!   Its value changes by plain atomic stores (an exchange, whose displaced
//!   value is retired as a root's), never by CAS: `vswap!` reads, applies
//!   and stores, and two writers racing may lose an update, as with Java's
//!   `volatile` field. It is not an atom: [`Env::atom_root`] refuses it.
//! - reduced (`Kind::Reduced`): header, value word at +8, pad; written
//!   while private, never changed once published (a leaf box).
//!
//! Both are identity objects, as on the JVM (neither class overrides
//! `equals`/`hashCode`): equal only to themselves, hashed by offset.

use crate::env::Env;
use crate::error::Result;
use crate::handle::{Ref, Value};
use crate::object_header::Kind;
use crate::root::AtomRoot;
use crate::word::Word;

impl Env {
    /// A new volatile holding `init` (which it takes over), count 1.
    pub fn make_volatile(&self, init: Value<'_>) -> Result<Value<'_>> {
        self.make_cell(Kind::Volatile, init)
    }

    /// The value cell of volatile `v` (an [`AtomRoot`] that keeps the
    /// volatile alive). Change it with [`AtomRoot::reset`] only (a plain
    /// store): a volatile promises no compare-and-set.
    pub fn volatile_root(&self, v: Ref<'_>) -> Result<AtomRoot<'_>> {
        self.cell_root(v, Kind::Volatile)
    }

    /// A reduced value wrapping `x` (`(reduced x)`), count 1.
    pub fn make_reduced(&self, x: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(x)?;
        let off = self.new_object(Kind::Reduced, 16, 0)?;
        self.retain(x.word())?;
        self.init_word(off, 0, x.word())?;
        self.init_word(off, 1, Word::NIL)?;
        Ok(Value::from_owned(self, Word::object(off)))
    }

    /// The value inside reduced value `w`.
    pub(crate) fn reduced_value(&self, w: Word) -> Result<Word> {
        let off = self.expect_kind(w, Kind::Reduced)?;
        self.load_word(off, 0)
    }
}

impl<'a> Ref<'a> {
    /// The value a reduced value wraps, if this is one (`None` for any
    /// other value, so `reduce`'s per-step test is one header read).
    pub fn reduced_inner(self) -> Result<Option<Ref<'a>>> {
        let Some(off) = self.word().as_object() else {
            return Ok(None);
        };
        if self.env().header_of(off)?.kind != Kind::Reduced {
            return Ok(None);
        }
        Ok(Some(self.child(self.env().reduced_value(self.word())?)))
    }

    /// Whether this is a bigint of class `java.math.BigInteger` (made by
    /// [`Env::make_biginteger`]).
    pub fn is_biginteger(self) -> Result<bool> {
        Ok(match self.word().as_object() {
            Some(off) if self.env().header_of(off)?.kind == Kind::BigInt => {
                self.env().is_biginteger(self.word())?
            }
            _ => false,
        })
    }

    /// Whether this is a volatile.
    pub fn is_volatile(self) -> Result<bool> {
        Ok(match self.word().as_object() {
            Some(off) => self.env().header_of(off)?.kind == Kind::Volatile,
            None => false,
        })
    }
}
