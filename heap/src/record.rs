//! Records (`defrecord`): a [`Kind::Record`] object `type, basis, map`
//! wraps the map of a record's fields (and any other keys assoc'd onto
//! it). `type` is the record's class name, a symbol such as `user.Point`
//! (immortal, so not counted); `basis` is the vector of its field
//! keywords, in order; `map` is an array or hash map (never a wrapper).
//!
//! Like a metadata wrapper, a record is looked through by every reader
//! ([`Ref::kind`](crate::Ref::kind) gives the map's kind; counts, `get`,
//! entries, printing read the map), and the persistent updates keep it
//! (`update.rs`, through `keep_meta`): `assoc` and `conj` give a record of
//! the same type, and so does `dissoc`, unless it removed a field of the
//! basis, which gives a plain map, as in Clojure. Unlike metadata, the
//! type takes part in equality: a record equals only a record of the same
//! type with an equal map (never a plain map), and its hash mixes the
//! type's in.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::object_header::Kind;
use crate::word::Word;

const TYPE: u64 = 0;
const BASIS: u64 = 1;
/// Payload word of the record's map.
pub(crate) const MAP: u64 = 2;

impl Env {
    /// `(type, basis, map)` of record `w`, if it is one (not looking
    /// through a metadata wrapper).
    pub(crate) fn record_parts(&self, w: Word) -> Result<Option<(Word, Word, Word)>> {
        let Some(off) = w.as_object() else {
            return Ok(None);
        };
        let o = self.obj_at(off)?;
        if o.kind() != Kind::Record {
            return Ok(None);
        }
        Ok(Some((o.word(TYPE)?, o.word(BASIS)?, o.word(MAP)?)))
    }

    /// A record of type `ty` (a symbol), field keywords `basis` (a
    /// vector) and `map` (a map holding at least those keys).
    pub fn make_record(&self, ty: Ref<'_>, basis: Ref<'_>, map: Ref<'_>) -> Result<Value<'_>> {
        for r in [ty, basis, map] {
            self.check_same(r)?;
        }
        let map_word = self.strip_meta(map.word())?;
        let ok = matches!(ty.kind()?, Some(Kind::Symbol))
            && self.kind_of(basis.word())? == Some(Kind::Vector)
            && matches!(self.kind_of(map_word)?, Some(Kind::Map | Kind::ArrayMap));
        if !ok {
            return Err(HeapError::WrongKind {
                expected: "a record's type symbol, basis vector and map",
                found: format!("{:?}", (ty.word(), basis.word(), map.word())),
            });
        }
        Ok(Value::from_owned(
            self,
            self.wrap_record(ty.word(), basis.word(), map_word)?,
        ))
    }

    /// A new record object; the caller owns the word.
    pub(crate) fn wrap_record(&self, ty: Word, basis: Word, map: Word) -> Result<Word> {
        let off = self.new_object(Kind::Record, 24, 0)?;
        for (i, w) in [(TYPE, ty), (BASIS, basis), (MAP, map)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// Whether map `map` (bare) still holds every field of `basis`: then
    /// an update of a record gives a record again.
    pub(crate) fn holds_basis(&self, map: Word, basis: Word) -> Result<bool> {
        if !matches!(self.kind_of(map)?, Some(Kind::Map | Kind::ArrayMap)) {
            return Ok(false);
        }
        for field in self.vector_iter(basis)? {
            // A field mapped to nil is still there (`Some(nil)`).
            if self.map_get(map, field?)?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// What `check` finds wrong with record `w`.
    pub(crate) fn record_findings(&self, w: Word) -> Result<Vec<String>> {
        let Some((ty, basis, map)) = self.record_parts(w)? else {
            return Ok(vec![]);
        };
        let mut out = Vec::new();
        if self.kind_of(ty)? != Some(Kind::Symbol) {
            out.push(format!("record type {ty:?} is not a symbol"));
        }
        if self.kind_of(basis)? != Some(Kind::Vector) {
            out.push(format!("record basis {basis:?} is not a vector"));
        }
        if !matches!(self.kind_of(map)?, Some(Kind::Map | Kind::ArrayMap)) {
            out.push(format!("record map {map:?} is not a map"));
        }
        Ok(out)
    }
}

impl<'a> Ref<'a> {
    /// The type symbol of a record (also through metadata), else `None`.
    pub fn record_type(self) -> Result<Option<Ref<'a>>> {
        let env = self.env();
        let w = env.meta_parts(self.word())?.map_or(self.word(), |(_, t)| t);
        Ok(env.record_parts(w)?.map(|(ty, _, _)| self.child(ty)))
    }

    /// The basis (field keywords) of a record, else `None`.
    pub fn record_basis(self) -> Result<Option<Ref<'a>>> {
        let env = self.env();
        let w = env.meta_parts(self.word())?.map_or(self.word(), |(_, t)| t);
        Ok(env.record_parts(w)?.map(|(_, b, _)| self.child(b)))
    }
}
