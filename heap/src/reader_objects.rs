//! The reader's data objects (Clojure's `clojure.lang.TaggedLiteral` and
//! `clojure.lang.ReaderConditional`): what `tagged-literal` and
//! `reader-conditional` make, and what `read-string` with
//! `{:read-cond :preserve}` gives for `#?(...)`.
//!
//! - tagged literal (`Kind::TaggedLiteral`): header, tag word (a
//!   symbol), form word.
//! - reader conditional (`Kind::ReaderConditional`): header, form word (a
//!   list of feature/form pairs), splicing word (a boolean immediate).
//!
//! Both are equal by their parts, and hash as Java's `hashCode` of the
//! classes (`31 * hash(tag) + hash(form)`, `31 * hash(form) +
//! splicing.hashCode()`), over Java's `hashCode` of the parts
//! ([`Env::java_hash_code`]): their `hash` is Clojure's.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hash;
use crate::object_header::Kind;
use crate::word::{Decoded, Word};

impl Env {
    /// A tagged literal `#tag form` (count 1, owned by the caller).
    pub(crate) fn tagged_literal(&self, tag: Word, form: Word) -> Result<Word> {
        self.pair_object(Kind::TaggedLiteral, tag, form)
    }

    /// A reader conditional `#?(form...)` (`#?@` when `splicing`).
    pub(crate) fn reader_conditional(&self, form: Word, splicing: bool) -> Result<Word> {
        self.pair_object(Kind::ReaderConditional, form, Word::bool(splicing))
    }

    fn pair_object(&self, kind: Kind, a: Word, b: Word) -> Result<Word> {
        let off = self.new_object(kind, 16, 0)?;
        for (i, w) in [(0, a), (1, b)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// Tag and form of tagged literal `w`.
    pub(crate) fn tagged_literal_parts(&self, w: Word) -> Result<(Word, Word)> {
        let off = self.expect_kind(w, Kind::TaggedLiteral)?;
        Ok((self.load_word(off, 0)?, self.load_word(off, 1)?))
    }

    /// Form and splicing flag of reader conditional `w`.
    pub(crate) fn reader_conditional_parts(&self, w: Word) -> Result<(Word, bool)> {
        let off = self.expect_kind(w, Kind::ReaderConditional)?;
        let splicing = match self.load_word(off, 1)?.decode() {
            Decoded::Bool(b) => b,
            _ => {
                return Err(HeapError::CorruptObject {
                    offset: off,
                    detail: "reader conditional splicing flag is not a boolean",
                });
            }
        };
        Ok((self.load_word(off, 0)?, splicing))
    }

    /// Problems of a tagged literal or reader conditional at `w`, for
    /// `check`.
    pub(crate) fn reader_object_findings(&self, w: Word, kind: Kind) -> Result<Vec<String>> {
        Ok(match kind {
            Kind::TaggedLiteral => {
                let (tag, _) = self.tagged_literal_parts(w)?;
                match tag.as_object() {
                    Some(t) if self.header_of(t)?.kind == Kind::Symbol => vec![],
                    _ => vec!["tagged literal tag is not a symbol".into()],
                }
            }
            _ => match self.reader_conditional_parts(w) {
                Ok(_) => vec![],
                Err(e) => vec![e.to_string()],
            },
        })
    }

    /// The hash of tagged literal or reader conditional `w` (Java's
    /// `hashCode` of its class, which is Clojure's `hash` of it).
    pub(crate) fn reader_object_hash(&self, w: Word, kind: Kind) -> Result<i32> {
        Ok(if kind == Kind::TaggedLiteral {
            let (tag, form) = self.tagged_literal_parts(w)?;
            self.java_hash_code(tag)?
                .wrapping_mul(31)
                .wrapping_add(self.java_hash_code(form)?)
        } else {
            let (form, splicing) = self.reader_conditional_parts(w)?;
            self.java_hash_code(form)?
                .wrapping_mul(31)
                .wrapping_add(hash::hash_bool(splicing))
        })
    }

    /// Java's `hashCode` of the value `w` (what `Util.hash` gives, unlike
    /// `hasheq`): `String.hashCode`, `Long.hashCode`, Symbol's and
    /// Keyword's, `List.hashCode` of sequential collections, the sum of
    /// `key ^ value` over a map's entries and of the elements of a set.
    /// Values whose `hashCode` equals their `hash` (UUIDs, instants,
    /// identity objects) give their hash.
    pub(crate) fn java_hash_code(&self, w: Word) -> Result<i32> {
        let _nested = crate::value::Nesting::enter(w)?;
        stacker::maybe_grow(
            crate::value::STACK_RED_ZONE,
            crate::value::STACK_SEGMENT,
            || self.java_hash_code_here(w),
        )
    }

    fn java_hash_code_here(&self, w: Word) -> Result<i32> {
        Ok(match w.decode() {
            Decoded::Nil | Decoded::Unbound => 0,
            Decoded::Bool(b) => hash::hash_bool(b),
            Decoded::Int(i) => long_hash_code(i),
            // Java's Float.hashCode, what Clojure's hash gives too.
            Decoded::Float32(f) => hash::hash_float(f),
            // Identity, as Java's Object.hashCode.
            Decoded::Host(payload) => hash::hash_long(payload as i64),
            Decoded::Char(c) => c as i32,
            Decoded::EmptyList => 1,
            Decoded::Invalid(_) => self.hash(w)?,
            Decoded::Object(off) => match self.header_of(off)?.kind {
                Kind::String => hash::java_string_hash(self.str_at(off)?),
                Kind::Int64 => long_hash_code(self.as_i64(w)?),
                Kind::Float64 => {
                    let bits = self.as_f64(w)?.to_bits();
                    (bits ^ (bits >> 32)) as i32
                }
                Kind::Symbol => {
                    let (ns, name) = self.symbol_parts(w)?;
                    symbol_hash_code(ns, name)
                }
                Kind::Keyword => {
                    let (ns, name) = self.symbol_parts(w)?;
                    symbol_hash_code(ns, name).wrapping_add(0x9e37_79b9_u32 as i32)
                }
                Kind::Cons | Kind::Vector | Kind::SeqCons | Kind::LazySeq => {
                    let mut h = 1i32;
                    for x in self.seq_iter(w)? {
                        h = h.wrapping_mul(31).wrapping_add(self.java_hash_code(x?)?);
                    }
                    h
                }
                Kind::Map | Kind::ArrayMap => {
                    let mut h = 0i32;
                    for e in self.map_iter(w)? {
                        let (k, v) = e?;
                        h = h.wrapping_add(self.java_hash_code(k)? ^ self.java_hash_code(v)?);
                    }
                    h
                }
                Kind::Set => {
                    let mut h = 0i32;
                    for x in self.set_iter(w)? {
                        h = h.wrapping_add(self.java_hash_code(x?)?);
                    }
                    h
                }
                Kind::WithMeta => match self.strip_meta(w)? {
                    t if t == w => self.hash(w)?,
                    t => self.java_hash_code(t)?,
                },
                _ => self.hash(w)?,
            },
        })
    }
}

/// Java's `Long.hashCode`.
fn long_hash_code(i: i64) -> i32 {
    (i ^ ((i as u64) >> 32) as i64) as i32
}

/// Clojure's `Symbol.hashCode`: `hashCombine(name.hashCode(), Util.hash(ns))`.
fn symbol_hash_code(ns: Option<&str>, name: &str) -> i32 {
    hash::hash_combine(
        hash::java_string_hash(name),
        ns.map_or(0, hash::java_string_hash),
    )
}
