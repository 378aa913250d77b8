//! Vars, namespaces, code and functions: the objects the evaluator keeps in
//! the file. Vars and namespaces are immortal (never counted nor freed) and
//! their mutable words (a var's root, a namespace's mappings and aliases)
//! change only by CAS, through [`Root`].
//!
//! - var: `ns, name, root, version | waiters << 32, flags, meta`;
//! - namespace: `name, mappings (symbol → var), aliases (symbol → namespace)`;
//! - code: `body, aux, len, id`, then `len` opaque bytes (the evaluator's
//!   own encoding, next to heap data it can share); `id` is unique in the
//!   file (see [`Env::code_id`]);
//! - fn: `code, captured locals, name`.
//!
//! The namespace table (header root [`ROOT_NAMESPACES`]) maps namespace
//! name symbols to namespaces. Tables and mappings displaced by a CAS are
//! retired through the caller's [`Participant`], as any root's value.

use crate::env::Env;
use crate::epoch::Participant;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::header::{OFF_ROOTS, ROOT_NAMESPACES};
use crate::object_header::{IMMORTAL, Kind};
use crate::root::Root;
use crate::word::Word;
use std::sync::atomic::Ordering;

/// Var flag: the var holds a macro.
pub const VAR_MACRO: u64 = 1;
/// Var flag: the var may be rebound per thread (`^:dynamic`).
pub const VAR_DYNAMIC: u64 = 2;
/// Var flag: private to its namespace.
pub const VAR_PRIVATE: u64 = 4;

impl Env {
    fn ns_table(&self) -> Root<'_> {
        Root::maps(
            self,
            self.mapping.hdr(OFF_ROOTS + 8 * ROOT_NAMESPACES as u64),
        )
    }

    /// The namespace named by symbol `name`, if it exists.
    pub fn find_namespace(&self, p: &Participant<'_>, name: Ref<'_>) -> Result<Option<Value<'_>>> {
        self.check_same(name)?;
        let g = p.pin_in(self)?;
        let table = self.ns_table().load(&g)?;
        if table.is_nil() {
            return Ok(None);
        }
        // Namespaces are immortal: the handle needs no count.
        table.get(name)?.map(|ns| self.own(ns)).transpose()
    }

    /// Every namespace (in the table's order).
    pub fn all_namespaces(&self, p: &Participant<'_>) -> Result<Vec<Value<'_>>> {
        let g = p.pin_in(self)?;
        let table = self.ns_table().load(&g)?;
        if table.is_nil() {
            return Ok(Vec::new());
        }
        table
            .entries()?
            .map(|e| e.and_then(|(_, ns)| self.own(ns)))
            .collect()
    }

    /// The namespace named by symbol `name`, created (once, whatever the
    /// race between threads and processes) if missing.
    pub fn namespace(&self, p: &Participant<'_>, name: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(name)?;
        // The immortal namespace holds the interned symbol, not a wrapper.
        let name = name.without_meta()?;
        self.expect_kind(name.word(), Kind::Symbol)?;
        if let Some(ns) = self.find_namespace(p, name)? {
            return Ok(ns);
        }
        let off = self.new_object(Kind::Namespace, 24, IMMORTAL)?;
        let (empty_m, empty_a) = (self.map_empty()?, self.map_empty()?);
        for (i, w) in [(0, name.word()), (1, empty_m), (2, empty_a)] {
            self.init_word(off, i, w)?;
        }
        let ns = Value::from_owned(self, Word::from_bits(off));
        let mut won = false;
        let result = self.ns_table().swap(p, |cur| {
            won = false;
            let base = if cur.is_nil() {
                self.empty_map()?
            } else {
                self.own(cur)?
            };
            if base.borrowed().get(name)?.is_some() {
                // Lost the race: keep the table as it is.
                return Ok::<_, HeapError>(base);
            }
            won = true;
            self.assoc(base.borrowed(), name, ns.borrowed())
        });
        let table = result?;
        if won {
            return Ok(ns);
        }
        // Ours was never published.
        for w in [empty_m, empty_a] {
            self.drop_ref(w)?;
        }
        // SAFETY: `off` is the namespace this thread built; the CAS that
        // would have published it lost, so nobody else can reach it.
        unsafe { self.free_unpublished(off)? };
        std::mem::forget(ns);
        let winner = table
            .borrowed()
            .get(name)?
            .ok_or_else(|| HeapError::CorruptObject {
                offset: off,
                detail: "namespace vanished from the table",
            })?;
        self.own(winner)
    }

    /// The name symbol of namespace `ns`.
    pub fn namespace_name<'a>(&self, ns: Ref<'a>) -> Result<Ref<'a>> {
        self.check_same(ns)?;
        let off = self.expect_kind(ns.word(), Kind::Namespace)?;
        Ok(Ref::new(ns.env(), self.load_word(off, 0)?))
    }

    /// The mappings root of namespace `ns` (a map symbol → var, by CAS).
    pub fn namespace_mappings(&self, ns: Ref<'_>) -> Result<Root<'_>> {
        self.check_same(ns)?;
        let off = self.expect_kind(ns.word(), Kind::Namespace)?;
        Ok(Root::maps(self, self.mapping.word_at(off + 16)?))
    }

    /// The aliases root of namespace `ns` (a map symbol → namespace, by CAS).
    pub fn namespace_aliases(&self, ns: Ref<'_>) -> Result<Root<'_>> {
        self.check_same(ns)?;
        let off = self.expect_kind(ns.word(), Kind::Namespace)?;
        Ok(Root::maps(self, self.mapping.word_at(off + 24)?))
    }

    /// The var `ns/name` (symbol `name` without namespace), interned in
    /// the namespace's mappings if missing. Its root starts unbound. Fails
    /// if `name` maps to another namespace's (referred) var.
    pub fn intern_var(&self, p: &Participant<'_>, ns: Ref<'_>, name: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(name)?;
        // The immortal var holds the interned symbol, not a wrapper.
        let name = name.without_meta()?;
        let ns_name = self.namespace_name(ns)?.word();
        let mappings = self.namespace_mappings(ns)?;
        let mut fresh: Option<u64> = None;
        let mut found: Option<Word> = None;
        let swapped = mappings.swap(p, |cur| {
            found = None;
            // A name mapped to nil is excluded from `clojure.core`'s
            // implicit refer, not taken: interning replaces the nil.
            if let Some(v) = cur.get(name)?
                && !v.is_nil()
            {
                // Already there: store the same map back (no change).
                found = Some(v.word());
                return self.own(cur);
            }
            let var = match fresh {
                Some(off) => off,
                None => {
                    let off = self.new_object(Kind::Var, 48, IMMORTAL)?;
                    for (i, w) in [
                        (0, ns_name),
                        (1, name.word()),
                        (2, Word::UNBOUND),
                        (3, Word::NIL),
                        (4, Word::NIL),
                        (5, Word::NIL),
                    ] {
                        self.init_word(off, i, w)?;
                    }
                    fresh = Some(off);
                    off
                }
            };
            self.assoc(cur, name, Ref::new(self, Word::from_bits(var)))
        });
        let discard_fresh = |keep: Option<u64>| -> Result<()> {
            if let Some(off) = fresh
                && Some(off) != keep
            {
                // SAFETY: `fresh` is a var this thread built whose insertion
                // into the mappings did not stand (`keep` is the published
                // one), so nobody else can reach it.
                unsafe { self.free_unpublished(off)? };
            }
            Ok(())
        };
        if let Err(e) = swapped {
            discard_fresh(None)?;
            return Err(e);
        }
        match found {
            Some(v) => {
                discard_fresh(None)?;
                let off = self.expect_kind(v, Kind::Var)?;
                if self.load_word(off, 0)? != ns_name {
                    return Err(HeapError::WrongKind {
                        expected: "var of this namespace",
                        found: "a referred var".into(),
                    });
                }
                // Vars are immortal: a handle needs no count.
                Ok(Value::from_owned(self, v))
            }
            None => {
                let off = fresh.ok_or_else(|| HeapError::CorruptObject {
                    offset: 0,
                    detail: "interned var vanished",
                })?;
                Ok(Value::from_owned(self, Word::from_bits(off)))
            }
        }
    }

    /// The root of var `v` (CAS-only; unbound until bound), with a version
    /// word for [`Root::wait_change`].
    pub fn var_root(&self, v: Ref<'_>) -> Result<Root<'_>> {
        self.check_same(v)?;
        let off = self.expect_kind(v.word(), Kind::Var)?;
        // Vars are immortal: the root needs no owner.
        Ok(Root::versioned(
            self,
            self.mapping.word_at(off + 24)?,
            self.mapping.u32_at(off + 32)?,
            self.mapping.u32_at(off + 36)?,
        ))
    }

    /// The metadata root of var `v` (a map, or nil for none; CAS-only,
    /// like the var's value root).
    pub fn var_meta(&self, v: Ref<'_>) -> Result<Root<'_>> {
        self.check_same(v)?;
        let off = self.expect_kind(v.word(), Kind::Var)?;
        // Vars are immortal: the root needs no owner.
        Ok(Root::plain(self, self.mapping.word_at(off + 48)?))
    }

    /// The namespace name and name symbols of var `v`.
    pub fn var_name<'a>(&self, v: Ref<'a>) -> Result<(Ref<'a>, Ref<'a>)> {
        self.check_same(v)?;
        let off = self.expect_kind(v.word(), Kind::Var)?;
        Ok((
            Ref::new(v.env(), self.load_word(off, 0)?),
            Ref::new(v.env(), self.load_word(off, 1)?),
        ))
    }

    /// The flags word of var `v` (`VAR_MACRO`, `VAR_DYNAMIC`, `VAR_PRIVATE`).
    pub fn var_flags(&self, v: Ref<'_>) -> Result<u64> {
        self.check_same(v)?;
        let off = self.expect_kind(v.word(), Kind::Var)?;
        Ok(self.mapping.word_at(off + 40)?.load(Ordering::Acquire))
    }

    /// Sets flags on var `v` (atomic OR).
    pub fn var_set_flags(&self, v: Ref<'_>, flags: u64) -> Result<()> {
        self.check_same(v)?;
        let off = self.expect_kind(v.word(), Kind::Var)?;
        self.mapping
            .word_at(off + 40)?
            .fetch_or(flags, Ordering::AcqRel);
        Ok(())
    }

    /// A code object: `body` and `aux` are heap values (e.g. the expanded
    /// form and its constants), `bytes` an opaque encoding.
    pub fn new_code(&self, body: Ref<'_>, aux: Ref<'_>, bytes: &[u8]) -> Result<Value<'_>> {
        self.check_same(body)?;
        self.check_same(aux)?;
        let off = self.new_object(Kind::Code, 32 + bytes.len() as u64, 0)?;
        for (i, w) in [(0, body.word()), (1, aux.word())] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        let id = self
            .mapping
            .hdr(crate::header::OFF_NEXT_ID)
            .fetch_add(1, Ordering::Relaxed);
        self.init_word(off, 2, Word::from_bits(bytes.len() as u64))?;
        self.init_word(off, 3, Word::from_bits(id))?;
        // SAFETY: `off` was just allocated by this thread and is published
        // only by the `Value` returned below.
        unsafe { self.mapping.write_private(off + 40, bytes)? };
        Ok(Value::from_owned(self, Word::from_bits(off)))
    }

    /// The body, aux and bytes of code object `c`, read in place.
    pub fn code_parts<'a>(&self, c: Ref<'a>) -> Result<(Ref<'a>, Ref<'a>, &'a [u8])> {
        self.check_same(c)?;
        let env = c.env();
        let off = env.expect_kind(c.word(), Kind::Code)?;
        let len = env.load_word(off, 2)?.bits();
        Ok((
            Ref::new(env, env.load_word(off, 0)?),
            Ref::new(env, env.load_word(off, 1)?),
            env.block_bytes(off, 40, len)?,
        ))
    }

    /// The unique id of code object `c`, different for every code object
    /// ever made in this file: with its offset, the key of a process-local
    /// analysis cache that a reused offset cannot alias.
    pub fn code_id(&self, c: Ref<'_>) -> Result<u64> {
        self.check_same(c)?;
        let off = self.expect_kind(c.word(), Kind::Code)?;
        Ok(self.load_word(off, 3)?.bits())
    }

    /// A function: code plus captured locals (e.g. a vector) and a name.
    pub fn new_fn(&self, code: Ref<'_>, captured: Ref<'_>, name: Ref<'_>) -> Result<Value<'_>> {
        self.fn_object(code, captured, name, 0)
    }

    /// A function that is never counted nor freed ([`IMMORTAL`]), for
    /// what an env keeps for its whole life: the core library's natives,
    /// bound once per env file. A var read of one takes no pin and no
    /// count (`Root::get`); one the var no longer holds stays in the file
    /// until a sweep finds nothing reaching it.
    pub fn new_immortal_fn(
        &self,
        code: Ref<'_>,
        captured: Ref<'_>,
        name: Ref<'_>,
    ) -> Result<Value<'_>> {
        self.fn_object(code, captured, name, IMMORTAL)
    }

    fn fn_object(
        &self,
        code: Ref<'_>,
        captured: Ref<'_>,
        name: Ref<'_>,
        flags: u8,
    ) -> Result<Value<'_>> {
        for r in [code, captured, name] {
            self.check_same(r)?;
        }
        self.expect_kind(code.word(), Kind::Code)?;
        let off = self.new_object(Kind::Fn, 24, flags)?;
        for (i, w) in [(0, code.word()), (1, captured.word()), (2, name.word())] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Value::from_owned(self, Word::from_bits(off)))
    }

    /// The code, captured locals and name of function `f`.
    pub fn fn_parts<'a>(&self, f: Ref<'a>) -> Result<(Ref<'a>, Ref<'a>, Ref<'a>)> {
        self.check_same(f)?;
        let env = f.env();
        let f = f.without_meta()?;
        let off = env.expect_kind(f.word(), Kind::Fn)?;
        let w = |i| env.load_word(off, i).map(|w| Ref::new(env, w));
        Ok((w(0)?, w(1)?, w(2)?))
    }
}
