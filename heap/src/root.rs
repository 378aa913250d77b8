//! Roots and atoms: the only mutable words of the heap. A root word changes
//! only by CAS; [`Root::swap`] reads, applies a closure, CASes and retries on
//! conflict, so no update is ever lost from any mix of threads and
//! processes.
//!
//! Header roots live in the header's root table; an atom is an object
//! (header, value word at +8, version `u32` at +16, waiting flag `u32` at
//! +20). The version counts successful changes; [`Root::wait_change`]
//! sleeps on it with a shared (not process-private) futex, so a process can
//! sleep until another process changes the atom. A change only makes the
//! wake system call when the waiting flag is up, and clears it, so a waiter
//! that dies costs at most one wake.
//!
//! Ownership: the value stored into a root is owned by the root (it takes
//! over the [`Value`]'s count). The displaced value's count is always
//! retired through the caller's [`Participant`], never given up at once, so
//! a reader in any process that loaded it under a pin can still read it
//! until its pin ends. A value computed for a failed CAS attempt was never
//! published and is dropped at once. The safe operations here are in
//! `root_ops.rs`; this file holds the word-level CAS they are built on.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::word::Word;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

/// A CAS-only mutable word in the file whose holder never dies: a header
/// root, a var's root, a namespace's mappings (vars and namespaces are
/// immortal). An atom's value is an [`AtomRoot`], which keeps its atom alive.
#[derive(Debug, Clone, Copy)]
pub struct Root<'e> {
    pub(crate) env: &'e Env,
    value: &'e AtomicU64,
    version: Option<(&'e AtomicU32, &'e AtomicU32)>,
    /// Holds nil or a map only (the namespace table, a namespace's
    /// mappings and aliases): anything else loaded from it is damage.
    maps_only: bool,
}

/// The value root of an atom, owning a count of the atom so the root stays
/// valid however long it is kept. Its operations are [`Root`]'s, except
/// that a value loaded under a guard is tied to this root too (it may hold
/// the atom's last count).
#[derive(Debug, Clone)]
pub struct AtomRoot<'e> {
    pub(crate) root: Root<'e>,
    pub(crate) atom: crate::handle::Value<'e>,
}

/// The value root of an atom the caller holds a count of, for as long as
/// it borrows that atom ([`Env::atom_root_of`]): no count of its own is
/// taken. Values it gives are the env's, like [`Root`]'s.
#[derive(Debug, Clone, Copy)]
pub struct AtomRootRef<'e, 'a> {
    pub(crate) root: Root<'e>,
    pub(crate) _atom: crate::handle::Ref<'a>,
}

impl<'e> AtomRootRef<'e, '_> {
    /// The atom's value root (its reads and waits are [`Root`]'s).
    pub fn as_root(&self) -> &Root<'e> {
        &self.root
    }
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

impl<'e> Root<'e> {
    /// A root over a word without a version (header roots, namespace maps).
    pub(crate) fn plain(env: &'e Env, value: &'e AtomicU64) -> Self {
        Root {
            env,
            value,
            version: None,
            maps_only: false,
        }
    }

    /// A plain root that only ever holds nil or a map (namespace tables):
    /// loading anything else is an error, not a value.
    pub(crate) fn maps(env: &'e Env, value: &'e AtomicU64) -> Self {
        Root {
            maps_only: true,
            ..Root::plain(env, value)
        }
    }

    /// Whether this root holds maps only (see [`Root::maps`]).
    pub(crate) fn maps_only(&self) -> bool {
        self.maps_only
    }

    /// A root over a word with a version and waiting flag (atoms, vars).
    /// The caller keeps the object holding it alive (vars are immortal; an
    /// [`AtomRoot`] owns a count of its atom).
    pub(crate) fn versioned(
        env: &'e Env,
        value: &'e AtomicU64,
        version: &'e AtomicU32,
        waiters: &'e AtomicU32,
    ) -> Self {
        Root {
            env,
            value,
            version: Some((version, waiters)),
            maps_only: false,
        }
    }

    /// The current word (Acquire: everything written before it was
    /// published is visible). Reading through it needs a pin.
    #[inline(always)]
    pub(crate) fn load_word(&self) -> Word {
        Word::from_bits(self.value.load(Ordering::Acquire))
    }

    /// The word stored now, for identity comparison only (is the root
    /// still the value a caller holds a count of?). Reading the object it
    /// names needs a pin ([`Root::load`]).
    #[inline(always)]
    pub fn current_word(&self) -> Word {
        self.load_word()
    }

    /// The number of successful changes of an atom (0 for header roots).
    pub fn version(&self) -> u32 {
        self.version.map_or(0, |(v, _)| v.load(Ordering::Acquire))
    }

    fn changed(&self) {
        if let Some((v, waiting)) = self.version {
            // SeqCst pairs with `wait_change`: either the waiter sees the
            // new version or this sees its flag and wakes it. Clearing the
            // flag here means a waiter that died (or timed out) costs at most
            // one wake call, never one per change from then on.
            v.fetch_add(1, Ordering::SeqCst);
            if waiting.load(Ordering::SeqCst) != 0 && waiting.swap(0, Ordering::SeqCst) != 0 {
                futex(v, libc::FUTEX_WAKE, i32::MAX as u32, None);
            }
        }
    }

    /// Blocks until the atom's version differs from `seen` (a value from
    /// [`Root::version`]) or `timeout` passes. Returns whether it changed.
    /// Works across processes (shared futex). Header roots have no version:
    /// `Err(HeapError::WrongKind)`.
    pub fn wait_change(&self, seen: u32, timeout: Option<Duration>) -> Result<bool> {
        let (v, waiting) = self.version.ok_or_else(|| HeapError::WrongKind {
            expected: "atom",
            found: "header root".into(),
        })?;
        let deadline = timeout.map(|t| std::time::Instant::now() + t);
        loop {
            // Raise the flag before every look at the version: a change
            // after the look then sees it (and wakes), or the kernel's
            // check of the version inside FUTEX_WAIT fails.
            waiting.store(1, Ordering::SeqCst);
            if v.load(Ordering::SeqCst) != seen {
                return Ok(true);
            }
            let ts = match deadline {
                None => None,
                Some(d) => {
                    let left = d.saturating_duration_since(std::time::Instant::now());
                    if left.is_zero() {
                        return Ok(false);
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
        }
    }

    /// Sets the word to `new` if it is `old`; otherwise returns the word
    /// found. Ownership of both is the caller's business.
    pub(crate) fn cas_word(&self, old: Word, new: Word) -> Result<(), Word> {
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

    /// Stores `new` unconditionally and returns the word it displaced
    /// (whose count the caller now owns).
    pub(crate) fn exchange_word(&self, new: Word) -> Word {
        let old = Word::from_bits(self.value.swap(new.bits(), Ordering::AcqRel));
        self.changed();
        old
    }
}
