//! Metadata on values (Clojure's `IMeta`/`IObj`): a [`Kind::WithMeta`]
//! object `meta, target` wraps a value that carries a metadata map.
//!
//! Layout and invariants (checked by `check`):
//! - `meta` is a map (a hash or array map, itself possibly carrying
//!   metadata), never nil: `(with-meta x nil)` gives the bare target;
//! - `target` is never itself a `WithMeta` (re-wrapping replaces the map),
//!   and is a value Clojure lets carry metadata: a list (also `()`), a
//!   vector, a map, a set, a lazy seq, a seq cons, a fn or a symbol;
//! - the wrapper owns one count of each (symbols are immortal: no count).
//!
//! Why a wrapper and not a metadata word in every collection header: no
//! existing layout changes (every cons cell, vector and map stays the size
//! it was, and files written before keep their meaning), values without
//! metadata — almost all of them — pay nothing, and the same wrapper serves
//! the immediate `()` and the interned, immortal symbols, which can hold no
//! word of their own. The price: every reader looks through the wrapper
//! (one header check, already paid to learn the kind), and a persistent
//! update of a value with metadata builds one more 32-byte object to keep
//! it (`update.rs`).
//!
//! Readers see through: [`Ref::kind`](crate::Ref::kind), `view`, counts,
//! `get`, `nth`, `first`/`rest`, elements, entries, `hash` and `=` act on
//! the target, so metadata never changes equality or hashing. One
//! exception, as in Clojure: a fn with metadata is a new fn, equal only to
//! itself. A wrapper never appears as the rest of a list or seq cons, nor
//! as a lazy seq's value: those constructors store the bare target.

use crate::checked::Obj;
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::object_header::Kind;
use crate::word::Word;

/// Payload word of the metadata map.
const META: u64 = 0;
/// Payload word of the value carrying it.
const TARGET: u64 = 1;

impl Env {
    /// `(meta, target)` of `w` if it is a value with metadata.
    pub(crate) fn meta_parts(&self, w: Word) -> Result<Option<(Word, Word)>> {
        let Some(off) = w.as_object() else {
            return Ok(None);
        };
        let o = self.obj_at(off)?;
        if o.kind() != Kind::WithMeta {
            return Ok(None);
        }
        Ok(Some((o.word(META)?, o.word(TARGET)?)))
    }

    /// `w` without its metadata wrapper (`w` itself if it has none).
    pub(crate) fn strip_meta(&self, w: Word) -> Result<Word> {
        Ok(self.bare_obj(w)?.0)
    }

    /// `w` without its metadata wrapper and, a record, as its map (what
    /// readers read: `strip_meta`), with the checked handle of that bare
    /// object (`None` for an immediate). One header check per object
    /// looked at.
    #[inline]
    pub(crate) fn bare_obj(&self, w: Word) -> Result<(Word, Option<Obj<'_>>)> {
        let Some(off) = w.as_object() else {
            return Ok((w, None));
        };
        let o = self.obj_at(off)?;
        if !matches!(o.kind(), Kind::WithMeta | Kind::Record) {
            return Ok((w, Some(o)));
        }
        self.bare_obj_wrapped(o)
    }

    /// `bare_obj` of the wrapper `o` (a `WithMeta` or a `Record`).
    fn bare_obj_wrapped<'e>(&'e self, mut o: Obj<'e>) -> Result<(Word, Option<Obj<'e>>)> {
        let mut w = o.word_of();
        if o.kind() == Kind::WithMeta {
            w = o.word(TARGET)?;
            let Some(off) = w.as_object() else {
                return Ok((w, None));
            };
            o = self.obj_at(off)?;
        }
        // A record's readers read its map too (`record.rs`).
        if o.kind() == Kind::Record {
            w = o.word(crate::record::MAP)?;
            let Some(off) = w.as_object() else {
                return Ok((w, None));
            };
            o = self.obj_at(off)?;
        }
        Ok((w, Some(o)))
    }

    /// `w` as equality and hashing see it: the target of a wrapper, except
    /// for a fn, which with metadata is a distinct fn (as in Clojure).
    pub(crate) fn strip_for_equality(&self, w: Word) -> Result<Word> {
        // Only the metadata wrapper: a record's type takes part.
        match self.meta_parts(w)? {
            Some((_, t)) if self.kind_of(t)? != Some(Kind::Fn) => Ok(t),
            _ => Ok(w),
        }
    }

    /// The kind of the object `w` refers to (`None` for an immediate).
    pub(crate) fn kind_of(&self, w: Word) -> Result<Option<Kind>> {
        match w.as_object() {
            Some(off) => Ok(Some(self.header_of(off)?.kind)),
            None => Ok(None),
        }
    }

    /// Whether bare `target` may carry metadata.
    pub(crate) fn can_carry_meta(&self, target: Word) -> Result<bool> {
        if target == Word::EMPTY_LIST {
            return Ok(true);
        }
        Ok(matches!(
            self.kind_of(target)?,
            Some(
                Kind::Cons
                    | Kind::Vector
                    | Kind::Map
                    | Kind::ArrayMap
                    | Kind::Set
                    | Kind::LazySeq
                    | Kind::SeqCons
                    | Kind::Fn
                    | Kind::Symbol
                    | Kind::Record
                    | Kind::Sorted
            )
        ))
    }

    /// Whether `m` may be a value's metadata: a map (possibly itself
    /// carrying metadata).
    pub(crate) fn is_meta_map(&self, m: Word) -> Result<bool> {
        Ok(matches!(
            self.kind_of(self.strip_meta(m)?)?,
            Some(Kind::Map | Kind::ArrayMap)
        ))
    }

    /// A new wrapper of bare `target` with map `meta`, retaining both;
    /// the caller owns the new word.
    fn wrap_meta(&self, meta: Word, target: Word) -> Result<Word> {
        let off = self.new_object(Kind::WithMeta, 16, 0)?;
        for (i, w) in [(META, meta), (TARGET, target)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// `(with-meta x m)`: a value equal to `x`, sharing its structure,
    /// carrying map `m` (replacing metadata `x` had); `m` nil gives `x`
    /// without metadata. Fails with [`HeapError::WrongKind`] if `x` cannot
    /// carry metadata (numbers, strings, keywords, atoms, vars, ...) or `m`
    /// is neither nil nor a map.
    pub fn with_meta(&self, x: Ref<'_>, m: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(x)?;
        self.check_same(m)?;
        // The value without its metadata (a record stays a record).
        let target = self.meta_parts(x.word())?.map_or(x.word(), |(_, t)| t);
        if !self.can_carry_meta(target)? {
            return Err(HeapError::WrongKind {
                expected: "a value that can carry metadata",
                found: describe(x),
            });
        }
        if m.is_nil() {
            return self.own(Ref::new(self, target));
        }
        if !self.is_meta_map(m.word())? {
            return Err(HeapError::WrongKind {
                expected: "a metadata map",
                found: describe(m),
            });
        }
        Ok(Value::from_owned(self, self.wrap_meta(m.word(), target)?))
    }

    /// `result` (owned), given the metadata of `from` if it has some: what
    /// a persistent update of `from` returns, as Clojure's collections keep
    /// their metadata through `conj`, `assoc`, `dissoc`, `disj`, `pop`.
    pub fn keep_meta<'e>(&'e self, from: Ref<'_>, result: Value<'e>) -> Result<Value<'e>> {
        let (meta, inner) = match self.meta_parts(from.word())? {
            Some((m, t)) => (Some(m), t),
            None => (None, from.word()),
        };
        // A record stays a record (unless a field of its basis went).
        let result = match self.record_parts(inner)? {
            Some((ty, basis, _)) => {
                let map = self.strip_meta(result.word())?;
                if self.holds_basis(map, basis)? {
                    Value::from_owned(self, self.wrap_record(ty, basis, map)?)
                } else {
                    self.own(Ref::new(self, map))?
                }
            }
            None => result,
        };
        match meta {
            Some(meta) => {
                let target = self
                    .meta_parts(result.word())?
                    .map_or(result.word(), |(_, t)| t);
                Ok(Value::from_owned(self, self.wrap_meta(meta, target)?))
            }
            None => Ok(result),
        }
    }

    /// What `check` finds wrong with wrapper `off`.
    pub(crate) fn meta_findings(&self, off: u64) -> Result<Vec<String>> {
        let meta = self.load_word(off, META)?;
        let target = self.load_word(off, TARGET)?;
        let mut out = Vec::new();
        if !self.is_meta_map(meta)? {
            out.push(format!("metadata {meta:?} is not a map"));
        }
        if self.kind_of(target)? == Some(Kind::WithMeta) {
            out.push("metadata wrapper around another wrapper".to_string());
        } else if !self.can_carry_meta(target)? {
            out.push(format!("metadata on {target:?}, which cannot carry it"));
        }
        Ok(out)
    }
}

impl<'a> Ref<'a> {
    /// The metadata map of this value, if it has one (`(meta x)`); it lives
    /// as long as the value.
    pub fn meta(self) -> Result<Option<Ref<'a>>> {
        Ok(self
            .env()
            .meta_parts(self.word())?
            .map(|(m, _)| self.child(m)))
    }

    /// Whether this value can carry metadata (a list, vector, map, set,
    /// seq, fn, symbol, sorted collection or record).
    pub fn can_carry_meta(self) -> Result<bool> {
        let env = self.env();
        let bare = env.meta_parts(self.word())?.map_or(self.word(), |(_, t)| t);
        env.can_carry_meta(bare)
    }

    /// This value without its metadata: the interned symbol of a symbol
    /// with metadata, the bare collection of a collection with metadata
    /// (itself if it has none); a record's map (what its readers read). Identity (its word) is that of the bare
    /// value, so code comparing symbols by word compares this.
    pub fn without_meta(self) -> Result<Ref<'a>> {
        Ok(self.child(self.env().strip_meta(self.word())?))
    }
}

fn describe(r: Ref<'_>) -> String {
    match r.view() {
        Ok(v) => format!("{v:?}"),
        Err(_) => format!("{:?}", r.word()),
    }
}
