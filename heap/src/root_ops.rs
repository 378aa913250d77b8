//! The safe operations on roots: finding them (header roots, atoms),
//! loading their value under a pin, and changing it by CAS with the
//! displaced value retired through the caller's [`Participant`] (see
//! `root.rs` for the word-level CAS and the futex, `handle.rs` for why the
//! lifetimes make this sound).

use crate::env::Env;
use crate::epoch::{Guard, Participant};
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::header::{FIRST_USER_ROOT, OFF_ROOTS, ROOT_COUNT};
use crate::object_header::Kind;
use crate::root::{AtomRoot, Root};
use crate::word::Word;
use std::sync::atomic::Ordering;

impl Env {
    /// Application root `index` of the header (`FIRST_USER_ROOT..ROOT_COUNT`;
    /// lower indices are the heap's own tables).
    pub fn root(&self, index: usize) -> Result<Root<'_>> {
        if !(FIRST_USER_ROOT..ROOT_COUNT).contains(&index) {
            return Err(HeapError::RootIndex {
                index,
                count: ROOT_COUNT,
            });
        }
        Ok(Root::plain(
            self,
            self.mapping.hdr(OFF_ROOTS + 8 * index as u64),
        ))
    }

    /// A new atom holding `init` (which it takes over), count 1.
    pub fn make_atom(&self, init: Value<'_>) -> Result<Value<'_>> {
        self.make_cell(Kind::Atom, init)
    }

    /// A new object of `kind` laid out as an atom (`value word, version:
    /// u32, pad`: an atom or a volatile) holding `init`, count 1.
    pub(crate) fn make_cell(&self, kind: Kind, init: Value<'_>) -> Result<Value<'_>> {
        self.check_same(init.borrowed())?;
        let off = self.new_object(kind, 16, 0)?;
        self.mapping
            .word_at(off + 8)?
            .store(init.into_owned_word().bits(), Ordering::Relaxed);
        self.mapping.word_at(off + 16)?.store(0, Ordering::Relaxed);
        Ok(Value::from_owned(self, Word::from_bits(off)))
    }

    /// The value root of atom `atom`; the root keeps the atom alive.
    pub fn atom_root(&self, atom: Ref<'_>) -> Result<AtomRoot<'_>> {
        self.cell_root(atom, Kind::Atom)
    }

    /// The value root of atom `atom`, valid while `atom` is borrowed: the
    /// caller's count of the atom keeps it alive, so none is taken (a
    /// `swap!` of an atom it was handed).
    pub fn atom_root_of<'a>(&self, atom: Ref<'a>) -> Result<crate::root::AtomRootRef<'_, 'a>> {
        self.check_same(atom)?;
        let off = self.expect_kind(atom.word(), Kind::Atom)?;
        let root = Root::versioned(
            self,
            self.mapping.word_at(off + 8)?,
            self.mapping.u32_at(off + 16)?,
            self.mapping.u32_at(off + 20)?,
        );
        Ok(crate::root::AtomRootRef { root, _atom: atom })
    }

    /// The value root of `cell`, an object of `kind` laid out as an atom
    /// (see [`Env::make_cell`]); the root keeps it alive.
    pub(crate) fn cell_root(&self, cell: Ref<'_>, kind: Kind) -> Result<AtomRoot<'_>> {
        self.check_same(cell)?;
        let off = self.expect_kind(cell.word(), kind)?;
        let root = Root::versioned(
            self,
            self.mapping.word_at(off + 8)?,
            self.mapping.u32_at(off + 16)?,
            self.mapping.u32_at(off + 20)?,
        );
        Ok(AtomRoot {
            root,
            atom: self.own(cell)?,
        })
    }

    /// The atom installed in application root `index`, installing a new one
    /// holding `init` if the root is nil. Every thread and process that
    /// races here gets the same atom; `init` is dropped unless the new atom
    /// took it.
    pub fn root_atom<'e>(
        &'e self,
        p: &Participant<'_>,
        index: usize,
        init: Value<'e>,
    ) -> Result<Value<'e>> {
        let root = self.root(index)?;
        let g = p.pin_in(self)?;
        let cur = root.load(&g)?;
        if !cur.is_nil() {
            self.expect_kind(cur.word(), Kind::Atom)?;
            return self.own(cur);
        }
        let atom = self.make_atom(init)?;
        // The caller's count is taken before the CAS publishes the atom:
        // once in the root, another process may displace it, and the
        // retired count may be released before this thread, holding no
        // pin, could take one.
        let out = atom.clone();
        match root.cas_word(Word::NIL, atom.word()) {
            Ok(()) => {
                // The root owns the atom's first count.
                let _ = atom.into_owned_word();
                Ok(out)
            }
            Err(winner) => {
                // Ours was never published: dropping it frees it and `init`.
                drop(out);
                drop(atom);
                let winner = Ref::new(self, winner);
                self.expect_kind(winner.word(), Kind::Atom)?;
                self.own(winner)
            }
        }
    }
}

impl<'e> Root<'e> {
    /// The current value, valid while `guard` (a guard of this env) lives
    /// and no longer than the root's holder (`'e`).
    pub fn load<'g>(&self, guard: &'g Guard<'_>) -> Result<Ref<'g>>
    where
        'e: 'g,
    {
        if !std::ptr::eq(guard.env(), self.env) {
            return Err(HeapError::ForeignValue {
                path: self.env.path().to_path_buf(),
            });
        }
        let w = self.load_word();
        // A word no value has (a damaged file) never reaches a reader.
        if let crate::word::Decoded::Invalid(bits) = w.decode() {
            return Err(HeapError::BadOffset {
                offset: bits,
                detail: "a root holds no valid word",
            });
        }
        if self.maps_only() && !w.is_nil() {
            let is_map = match w.as_object() {
                Some(off) => matches!(
                    self.env.header_of(off)?.kind,
                    Kind::Map | Kind::ArrayMap | Kind::WithMeta
                ),
                None => false,
            };
            if !is_map {
                return Err(HeapError::CorruptObject {
                    offset: w.as_object().unwrap_or(0),
                    detail: "a namespace table or mapping that is not a map",
                });
            }
        }
        Ok(Ref::new(guard.env(), w))
    }

    /// The current value, owned (`deref`).
    pub fn get(&self, p: &Participant<'_>) -> Result<Value<'e>> {
        // An immediate (a counter's number, nil, a boolean) is its own
        // value: nothing to pin or count. A root that holds maps only takes
        // the checked path (an immediate but nil there is damage).
        let w = self.load_word();
        if w.as_object().is_none()
            && !self.maps_only()
            && !matches!(w.decode(), crate::word::Decoded::Invalid(_))
        {
            p.check_env(self.env)?;
            return Ok(Value::from_owned(self.env, w));
        }
        // An immortal fn (a core native) is never freed, nor counted: seen
        // immortal, it is taken without pin or count if the root still
        // holds it after the look. (The look may have read a block freed
        // and reused under it; but a block that holds an immortal fn holds
        // it for good, so a root naming that offset after the look names
        // that fn.)
        if let Some(off) = w.as_object()
            && !self.maps_only()
            && self.env.is_immortal_fn(off)
            && self.load_word() == w
        {
            p.check_env(self.env)?;
            return Ok(Value::from_owned(self.env, w));
        }
        let g = p.pin_in(self.env)?;
        let cur = self.load(&g)?;
        self.env.own(cur)
    }

    /// Stores `new`; the displaced value is retired through `p`.
    pub fn reset(&self, p: &Participant<'_>, new: Value<'e>) -> Result<()> {
        self.env.check_same(new.borrowed())?;
        p.check_env(self.env)?;
        let old = self.exchange_word(new.into_owned_word());
        p.retire_word(old)
    }

    /// Stores `new` if the value is still `old` (identity); the displaced
    /// value is retired through `p`. Returns whether it did; `new` is
    /// dropped if not.
    pub fn compare_and_set(
        &self,
        p: &Participant<'_>,
        old: Ref<'_>,
        new: Value<'e>,
    ) -> Result<bool> {
        self.env.check_same(new.borrowed())?;
        p.check_env(self.env)?;
        match self.cas_word(old.word(), new.word()) {
            Ok(()) => {
                let _ = new.into_owned_word();
                p.retire_word(old.word())?;
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    }

    /// `swap!`: applies `f` to the current value and stores its result by
    /// CAS, retrying with the fresh value on conflict, so no update is lost
    /// from any mix of threads and processes. Returns the new value; the
    /// displaced one is retired through `p`. `f` may run several times (each
    /// failed attempt's result is dropped); an error from it leaves the root
    /// unchanged.
    pub fn swap<E: From<HeapError>>(
        &self,
        p: &Participant<'_>,
        f: impl FnMut(Ref<'_>) -> Result<Value<'e>, E>,
    ) -> Result<Value<'e>, E> {
        Ok(self.swap_core(p, f, false)?.1)
    }

    /// `swap-vals!`: [`Root::swap`], returning `(old, new)` of the update
    /// that won.
    pub fn swap_vals<E: From<HeapError>>(
        &self,
        p: &Participant<'_>,
        f: impl FnMut(Ref<'_>) -> Result<Value<'e>, E>,
    ) -> Result<(Value<'e>, Value<'e>), E> {
        let (old, new) = self.swap_core(p, f, true)?;
        Ok((old.unwrap_or_else(|| Value::nil(self.env)), new))
    }

    fn swap_core<E: From<HeapError>>(
        &self,
        p: &Participant<'_>,
        mut f: impl FnMut(Ref<'_>) -> Result<Value<'e>, E>,
        keep_old: bool,
    ) -> Result<(Option<Value<'e>>, Value<'e>), E> {
        p.check_env(self.env)?;
        loop {
            // A counted reference, not a pin, keeps the current value
            // readable while `f` runs: `f` is user code and may take long,
            // and a pin held meanwhile would hold back the epoch, and so
            // every participant's reclamation, in every process. The count
            // also keeps the value's offset from being reused, so the CAS
            // below cannot mistake a new value for it.
            let cur = self.get(p)?;
            let new = f(cur.borrowed())?;
            self.env.check_same(new.borrowed())?;
            // The caller's count of `new` is taken before the CAS publishes
            // it: once in the root, another process may swap it out, and
            // its retired count may be released (two epochs on, which this
            // thread, holding no pin, does not hold back) before a count
            // taken after the CAS.
            let out = new.clone();
            match self.cas_word(cur.word(), new.word()) {
                Ok(()) => {
                    // The root took `new`'s count and gives `cur`'s to the
                    // retire list; the caller has counts of its own.
                    let _ = new.into_owned_word();
                    p.retire_word(cur.word())?;
                    return Ok((keep_old.then_some(cur), out));
                }
                // `new` was never published: dropping it (and `out`)
                // frees it.
                Err(_) => continue,
            }
        }
    }
}

impl<'e> crate::root::AtomRootRef<'e, '_> {
    /// See [`Root::swap_vals`] (`swap!`, `swap-vals!`).
    pub fn swap_vals<E: From<HeapError>>(
        &self,
        p: &Participant<'_>,
        f: impl FnMut(Ref<'_>) -> Result<Value<'e>, E>,
    ) -> Result<(Value<'e>, Value<'e>), E> {
        self.root.swap_vals(p, f)
    }
}

impl<'e> AtomRoot<'e> {
    /// The atom.
    pub fn atom(&self) -> Ref<'_> {
        self.atom.borrowed()
    }

    /// The plain [`Root`], valid while this `AtomRoot` is borrowed.
    pub fn as_root(&self) -> Root<'_> {
        self.root
    }

    /// The current value, valid while both `guard` and this root live
    /// (the root may hold the atom's last count).
    pub fn load<'a>(&'a self, guard: &'a Guard<'_>) -> Result<Ref<'a>> {
        self.root.load(guard)
    }

    /// See [`Root::get`] (`deref`).
    pub fn get(&self, p: &Participant<'_>) -> Result<Value<'e>> {
        self.root.get(p)
    }

    /// See [`Root::reset`] (`reset!`).
    pub fn reset(&self, p: &Participant<'_>, new: Value<'e>) -> Result<()> {
        self.root.reset(p, new)
    }

    /// See [`Root::compare_and_set`] (`compare-and-set!`).
    pub fn compare_and_set(
        &self,
        p: &Participant<'_>,
        old: Ref<'_>,
        new: Value<'e>,
    ) -> Result<bool> {
        self.root.compare_and_set(p, old, new)
    }

    /// See [`Root::swap`] (`swap!`).
    pub fn swap<E: From<HeapError>>(
        &self,
        p: &Participant<'_>,
        f: impl FnMut(Ref<'_>) -> Result<Value<'e>, E>,
    ) -> Result<Value<'e>, E> {
        self.root.swap(p, f)
    }

    /// See [`Root::swap_vals`] (`swap-vals!`).
    pub fn swap_vals<E: From<HeapError>>(
        &self,
        p: &Participant<'_>,
        f: impl FnMut(Ref<'_>) -> Result<Value<'e>, E>,
    ) -> Result<(Value<'e>, Value<'e>), E> {
        self.root.swap_vals(p, f)
    }

    /// See [`Root::version`].
    pub fn version(&self) -> u32 {
        self.root.version()
    }

    /// See [`Root::wait_change`].
    pub fn wait_change(&self, seen: u32, timeout: Option<std::time::Duration>) -> Result<bool> {
        self.root.wait_change(seen, timeout)
    }
}
