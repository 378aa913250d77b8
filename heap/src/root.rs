//! Roots and atoms: the only mutable words of the heap. A root word changes
//! only by CAS; [`Root::swap`] reads, applies a closure, CASes and retries on
//! conflict, so no update is ever lost from any mix of threads and
//! processes.
//!
//! Header roots live in the header's root table; an atom is an object
//! (header, value word at +8, version `u32` at +16, waiter count `u32` at
//! +20). The version counts successful changes; [`Root::wait_change`]
//! sleeps on it with a shared (not process-private) futex, so a process can
//! sleep until another process changes the atom. A change only makes the
//! wake system call when the waiter count says someone sleeps.
//!
//! Ownership: the value stored into a root is owned by the root (it takes
//! over the caller's count). [`Root::swap_retire`] (in `epoch.rs`) retires
//! the displaced value's count so it is freed once no pinned reader can see
//! it; the plain `swap`, `reset` and `compare_and_set` leave the displaced
//! value's count alone (returned to, or dropped by, the caller; otherwise a
//! sweep gets it back).

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::header::{FIRST_USER_ROOT, OFF_ROOTS, ROOT_COUNT};
use crate::object::Kind;
use crate::word::Word;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

/// A CAS-only mutable word in the file: a header root or an atom's value.
#[derive(Debug, Clone, Copy)]
pub struct Root<'e> {
    value: &'e AtomicU64,
    version: Option<(&'e AtomicU32, &'e AtomicU32)>,
}

fn futex(
    word: &AtomicU32,
    op: libc::c_int,
    val: u32,
    timeout: Option<&libc::timespec>,
) -> libc::c_long {
    let ts = timeout.map_or(std::ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: `word` is a live, 4-aligned u32 in a MAP_SHARED mapping (the
    // kernel keys the futex on the file page, so it works across
    // processes); `ts` is null or points to a timespec that outlives the
    // call; the other arguments are unused by WAIT and WAKE.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word.as_ptr(),
            op,
            val,
            ts,
            std::ptr::null::<u32>(),
            0u32,
        )
    }
}

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
        Ok(Root {
            value: self.hdr(OFF_ROOTS + 8 * index as u64),
            version: None,
        })
    }

    /// A new atom holding `init` (which it now owns), count 1.
    pub fn new_atom(&self, init: Word) -> Result<Word> {
        let off = self.new_object(Kind::Atom, 16, 0)?;
        self.word_at(off + 8)?.store(init.bits(), Ordering::Relaxed);
        self.word_at(off + 16)?.store(0, Ordering::Relaxed);
        Ok(Word::object(off))
    }

    /// The value root of atom `w`.
    pub fn atom(&self, w: Word) -> Result<Root<'_>> {
        let off = self.expect_kind(w, Kind::Atom)?;
        Ok(Root {
            value: self.word_at(off + 8)?,
            version: Some((self.u32_at(off + 16)?, self.u32_at(off + 20)?)),
        })
    }

    /// The atom installed in root `index`, installing a new one holding
    /// `init` if the root is nil. Every thread and process that races here
    /// gets the same atom. Takes over the caller's count of `init`: the new
    /// atom keeps it, or it is dropped (freed if nobody else owns it) when an
    /// atom is already there or another one wins the race.
    pub fn root_atom(&self, index: usize, init: Word) -> Result<Word> {
        let root = self.root(index)?;
        let cur = root.load();
        if !cur.is_nil() {
            self.expect_kind(cur, Kind::Atom)?;
            self.drop_ref(init)?;
            return Ok(cur);
        }
        let atom = self.new_atom(init)?;
        match root.compare_and_set(Word::NIL, atom) {
            Ok(()) => Ok(atom),
            Err(winner) => {
                // Never published: the atom box goes, and so does `init`
                // unless the caller shares it with something else.
                self.free_unpublished(self.expect_kind(atom, Kind::Atom)?)?;
                self.drop_ref(init)?;
                self.expect_kind(winner, Kind::Atom)?;
                Ok(winner)
            }
        }
    }
}

impl<'e> Root<'e> {
    /// A root over a word without a version (header roots, namespace maps).
    pub(crate) fn plain(value: &'e AtomicU64) -> Self {
        Root {
            value,
            version: None,
        }
    }

    /// A root over a word with a version and waiter count (atoms, vars).
    pub(crate) fn versioned(
        value: &'e AtomicU64,
        version: &'e AtomicU32,
        waiters: &'e AtomicU32,
    ) -> Self {
        Root {
            value,
            version: Some((version, waiters)),
        }
    }

    /// The current value (Acquire: everything written before it was
    /// published is visible).
    pub fn load(&self) -> Word {
        Word::from_bits(self.value.load(Ordering::Acquire))
    }

    /// The number of successful changes of an atom (0 for header roots).
    pub fn version(&self) -> u32 {
        self.version.map_or(0, |(v, _)| v.load(Ordering::Acquire))
    }

    fn changed(&self) {
        if let Some((v, waiters)) = self.version {
            // SeqCst pairs with `wait_change`: either the waiter sees the
            // new version or this sees the waiter and wakes it.
            v.fetch_add(1, Ordering::SeqCst);
            if waiters.load(Ordering::SeqCst) != 0 {
                futex(v, libc::FUTEX_WAKE, i32::MAX as u32, None);
            }
        }
    }

    /// Blocks until the atom's version differs from `seen` (a value from
    /// [`Root::version`]) or `timeout` passes. Returns whether it changed.
    /// Works across processes (shared futex). Header roots have no version:
    /// `Err(HeapError::WrongKind)`.
    pub fn wait_change(&self, seen: u32, timeout: Option<Duration>) -> Result<bool> {
        let (v, waiters) = self.version.ok_or(HeapError::WrongKind {
            expected: "atom",
            found: "header root".into(),
        })?;
        let deadline = timeout.map(|t| std::time::Instant::now() + t);
        waiters.fetch_add(1, Ordering::SeqCst);
        let changed = loop {
            if v.load(Ordering::SeqCst) != seen {
                break true;
            }
            let ts = match deadline {
                None => None,
                Some(d) => {
                    let left = d.saturating_duration_since(std::time::Instant::now());
                    if left.is_zero() {
                        break false;
                    }
                    Some(libc::timespec {
                        tv_sec: left.as_secs() as libc::time_t,
                        tv_nsec: left.subsec_nanos() as _,
                    })
                }
            };
            // Returns at once if the version is no longer `seen`; spurious
            // wake-ups and EINTR just loop.
            futex(v, libc::FUTEX_WAIT, seen, ts.as_ref());
        };
        waiters.fetch_sub(1, Ordering::SeqCst);
        Ok(changed)
    }

    /// Sets the value to `new` if it is `old`; otherwise returns the value
    /// found.
    pub fn compare_and_set(&self, old: Word, new: Word) -> Result<(), Word> {
        match self.value.compare_exchange(
            old.bits(),
            new.bits(),
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => {
                self.changed();
                Ok(())
            }
            Err(now) => Err(Word::from_bits(now)),
        }
    }

    /// Sets the value to `new` unconditionally; returns the old value.
    pub fn reset(&self, new: Word) -> Word {
        let old = Word::from_bits(self.value.swap(new.bits(), Ordering::AcqRel));
        self.changed();
        old
    }

    /// Applies `f` to the current value and stores its result by CAS,
    /// retrying with the fresh value on conflict. Returns `(old, new)` of
    /// the update that won. `f` may run several times; an error from it
    /// aborts the swap and leaves the root unchanged.
    pub fn swap<E>(&self, mut f: impl FnMut(Word) -> Result<Word, E>) -> Result<(Word, Word), E> {
        let mut cur = self.load();
        loop {
            let new = f(cur)?;
            match self.compare_and_set(cur, new) {
                Ok(()) => return Ok((cur, new)),
                Err(now) => cur = now,
            }
        }
    }
}
