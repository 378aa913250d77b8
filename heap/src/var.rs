//! Vars, namespaces, code and functions: the objects the evaluator keeps in
//! the file. Vars and namespaces are immortal (never counted nor freed) and
//! their mutable words (a var's root, a namespace's mappings and aliases)
//! change only by CAS, through [`Root`].
//!
//! - var: `ns, name, root, version | waiters << 32, flags, meta`;
//! - namespace: `name, mappings (symbol → var), aliases (symbol → namespace)`;
//! - code: `body, aux, len`, then `len` opaque bytes (the evaluator's own
//!   encoding, next to heap data it can share);
//! - fn: `code, captured locals, name`.
//!
//! The namespace table (header root [`ROOT_NAMESPACES`]) maps namespace
//! name symbols to namespaces.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::header::{OFF_ROOTS, ROOT_NAMESPACES};
use crate::object::{IMMORTAL, Kind};
use crate::root::Root;
use crate::word::Word;
use std::sync::atomic::{AtomicU64, Ordering};

/// Var flag: the var holds a macro.
pub const VAR_MACRO: u64 = 1;
/// Var flag: the var may be rebound per thread (`^:dynamic`).
pub const VAR_DYNAMIC: u64 = 2;
/// Var flag: private to its namespace.
pub const VAR_PRIVATE: u64 = 4;

impl Env {
    fn ns_table(&self) -> &AtomicU64 {
        self.hdr(OFF_ROOTS + 8 * ROOT_NAMESPACES as u64)
    }

    /// The namespace named by symbol `name`, if it exists.
    pub fn find_namespace(&self, name: Word) -> Result<Option<Word>> {
        let table = Word::from_bits(self.ns_table().load(Ordering::Acquire));
        if table.is_nil() {
            return Ok(None);
        }
        self.map_get(table, name)
    }

    /// The namespace named by symbol `name`, created (once, whatever the
    /// race between threads and processes) if missing.
    pub fn namespace(&self, name: Word) -> Result<Word> {
        self.expect_kind(name, Kind::Symbol)?;
        if let Some(ns) = self.find_namespace(name)? {
            return Ok(ns);
        }
        let ns = self.new_object(Kind::Namespace, 24, IMMORTAL)?;
        let (empty_m, empty_a) = (self.map_empty()?, self.map_empty()?);
        for (i, w) in [(0, name), (1, empty_m), (2, empty_a)] {
            self.init_word(ns, i, w)?;
        }
        let ns = Word::object(ns);
        let table = self.ns_table();
        loop {
            let cur = Word::from_bits(table.load(Ordering::Acquire));
            let base = if cur.is_nil() { self.map_empty()? } else { cur };
            if let Some(winner) = self.map_get(base, name)? {
                // Lost the race: ours was never published.
                for w in [empty_m, empty_a] {
                    self.drop_ref(w)?;
                }
                self.free_unpublished(self.expect_kind(ns, Kind::Namespace)?)?;
                return Ok(winner);
            }
            let next = self.map_assoc(base, name, ns);
            if cur.is_nil() {
                // The fresh empty table was only a step towards `next` (and
                // goes even if that step failed).
                self.drop_ref(base)?;
            }
            let next = next?;
            if table
                .compare_exchange(cur.bits(), next.bits(), Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                // The displaced table is left for the sweep (namespaces are rare).
                return Ok(ns);
            }
            self.drop_ref(next)?;
        }
    }

    /// The name symbol of namespace `ns`.
    pub fn namespace_name(&self, ns: Word) -> Result<Word> {
        let off = self.expect_kind(ns, Kind::Namespace)?;
        self.load_word(off, 0)
    }

    /// The mappings root of namespace `ns` (a map symbol → var, by CAS).
    pub fn namespace_mappings(&self, ns: Word) -> Result<Root<'_>> {
        let off = self.expect_kind(ns, Kind::Namespace)?;
        Ok(Root::plain(self.word_at(off + 16)?))
    }

    /// The aliases root of namespace `ns` (a map symbol → namespace, by CAS).
    pub fn namespace_aliases(&self, ns: Word) -> Result<Root<'_>> {
        let off = self.expect_kind(ns, Kind::Namespace)?;
        Ok(Root::plain(self.word_at(off + 24)?))
    }

    /// The var `ns/name` (symbol `name` without namespace), interned in
    /// the namespace's mappings if missing. Its root starts unbound.
    pub fn intern_var(&self, ns: Word, name: Word) -> Result<Word> {
        let ns_name = self.namespace_name(ns)?;
        let mappings = self.namespace_mappings(ns)?;
        let mut fresh: Option<Word> = None;
        loop {
            let cur = mappings.load();
            if let Some(v) = self.map_get(cur, name)? {
                let off = self.expect_kind(v, Kind::Var)?;
                if self.load_word(off, 0)? == ns_name {
                    if let Some(f) = fresh {
                        self.free_unpublished(self.expect_kind(f, Kind::Var)?)?;
                    }
                    return Ok(v);
                }
                // Another namespace's var is referred under this name. A
                // var made by an earlier attempt was never published: free it.
                if let Some(f) = fresh {
                    self.free_unpublished(self.expect_kind(f, Kind::Var)?)?;
                }
                return Err(HeapError::WrongKind {
                    expected: "var of this namespace",
                    found: "a referred var".into(),
                });
            }
            let var = match fresh {
                Some(v) => v,
                None => {
                    let off = self.new_object(Kind::Var, 48, IMMORTAL)?;
                    for (i, w) in [
                        (0, ns_name),
                        (1, name),
                        (2, Word::UNBOUND),
                        (3, Word::NIL),
                        (4, Word::NIL),
                        (5, Word::NIL),
                    ] {
                        self.init_word(off, i, w)?;
                    }
                    Word::object(off)
                }
            };
            fresh = Some(var);
            let next = self.map_assoc(cur, name, var)?;
            match mappings.compare_and_set(cur, next) {
                // The displaced mappings map is left for the sweep.
                Ok(()) => return Ok(var),
                Err(_) => self.drop_ref(next)?,
            }
        }
    }

    /// The root of var `v` (CAS-only; `Word::UNBOUND` until bound), with a
    /// version word for [`Root::wait_change`].
    pub fn var_root(&self, v: Word) -> Result<Root<'_>> {
        let off = self.expect_kind(v, Kind::Var)?;
        Ok(Root::versioned(
            self.word_at(off + 24)?,
            self.u32_at(off + 32)?,
            self.u32_at(off + 36)?,
        ))
    }

    /// The namespace name and name symbols of var `v`.
    pub fn var_name(&self, v: Word) -> Result<(Word, Word)> {
        let off = self.expect_kind(v, Kind::Var)?;
        Ok((self.load_word(off, 0)?, self.load_word(off, 1)?))
    }

    /// The flags word of var `v` (`VAR_MACRO`, `VAR_DYNAMIC`, `VAR_PRIVATE`).
    pub fn var_flags(&self, v: Word) -> Result<u64> {
        let off = self.expect_kind(v, Kind::Var)?;
        Ok(self.word_at(off + 40)?.load(Ordering::Acquire))
    }

    /// Sets flags on var `v` (atomic OR).
    pub fn var_set_flags(&self, v: Word, flags: u64) -> Result<()> {
        let off = self.expect_kind(v, Kind::Var)?;
        self.word_at(off + 40)?.fetch_or(flags, Ordering::AcqRel);
        Ok(())
    }

    /// A code object: `body` and `aux` are heap values (e.g. the expanded
    /// form and its constants), `bytes` an opaque encoding.
    pub fn new_code(&self, body: Word, aux: Word, bytes: &[u8]) -> Result<Word> {
        let off = self.new_object(Kind::Code, 24 + bytes.len() as u64, 0)?;
        for (i, w) in [(0, body), (1, aux)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        self.init_word(off, 2, Word::from_bits(bytes.len() as u64))?;
        self.write_private(off + 32, bytes)?;
        Ok(Word::object(off))
    }

    /// The body, aux and bytes of code object `c`, read in place.
    pub fn code_parts(&self, c: Word) -> Result<(Word, Word, &[u8])> {
        let off = self.expect_kind(c, Kind::Code)?;
        let len = self.load_word(off, 2)?.bits();
        Ok((
            self.load_word(off, 0)?,
            self.load_word(off, 1)?,
            self.bytes(off + 32, len)?,
        ))
    }

    /// A function: code plus captured locals (e.g. a vector) and a name.
    pub fn new_fn(&self, code: Word, captured: Word, name: Word) -> Result<Word> {
        self.expect_kind(code, Kind::Code)?;
        let off = self.new_object(Kind::Fn, 24, 0)?;
        for (i, w) in [(0, code), (1, captured), (2, name)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Word::object(off))
    }

    /// The code, captured locals and name of function `f`.
    pub fn fn_parts(&self, f: Word) -> Result<(Word, Word, Word)> {
        let off = self.expect_kind(f, Kind::Fn)?;
        Ok((
            self.load_word(off, 0)?,
            self.load_word(off, 1)?,
            self.load_word(off, 2)?,
        ))
    }
}
