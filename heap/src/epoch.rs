//! Epoch-based reclamation across threads and processes: the participant
//! table in the file, pins, retire lists kept in the file, and the release
//! of retired objects once no pinned participant can still see them.
//!
//! - A participant owns a slot of the table (owner pid, pinned epoch,
//!   retire list) and holds an OFD lock on the slot's lock byte, which the
//!   kernel drops when the process dies. A slot whose lock can be taken is
//!   dead: whoever takes it adopts its retire list, so nothing retired is
//!   lost when a process dies.
//! - `pin` publishes the global epoch in the slot; the global epoch advances
//!   only when every pinned slot shows the current epoch (dead slots are
//!   adopted and unpinned on the way).
//! - `retire` appends `(word, epoch)` to the slot's retire list (batches of
//!   30 entries, written before the count that publishes them). Entries
//!   whose epoch is two behind the global epoch give up their count: an
//!   object whose count reaches zero releases its children and goes back to
//!   the allocator. An entry is zeroed before its count is released, so a
//!   crash leaks rather than releasing twice.
//!
//! Safety: the public API hands out no word that can dangle (see
//! `handle.rs`): a value read under a pin is a `Ref` that cannot outlive the
//! guard, and everything kept longer owns a count. So retiring is safe:
//! `retire_word` (crate-only) is given a count its caller owns and no longer
//! uses, and nothing is freed while a pin that could see it lives.

use crate::alloc::Block;
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::handle::Value;
use crate::header::{self, LOCK_SLOTS, OFF_PARTICIPANTS, PARTICIPANT_COUNT, PARTICIPANT_SLOT};
use crate::lock;
use crate::object::{IMMORTAL, Kind};
use crate::word::Word;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};

/// Entries per retire batch.
pub const BATCH: usize = 30;
/// Retires between attempts to advance the epoch and collect.
const COLLECT_EVERY: u32 = 64;

/// A thread's attachment to the env file's epochs (see the module docs),
/// and the owner of the thread's block cache. Neither `Send` nor `Sync`:
/// one thread pins, retires and allocates through it.
#[derive(Debug)]
pub struct Participant<'e> {
    env: &'e Env,
    slot: usize,
    adopted: RefCell<Vec<usize>>,
    pins: Cell<u32>,
    retires: Cell<u32>,
    /// Whether this participant installed the thread's block cache.
    owns_cache: bool,
    /// Keeps the participant on its thread (its cache is thread-local).
    _not_send: std::marker::PhantomData<*const ()>,
}

/// A pin of a participant: while it lives, nothing it can see is freed.
#[derive(Debug)]
pub struct Guard<'p> {
    p: &'p Participant<'p>,
}

impl<'p> Guard<'p> {
    /// The env this guard pins.
    pub fn env(&self) -> &'p Env {
        self.p.env
    }
}

fn slot_word(slot: usize, field: u64) -> u64 {
    OFF_PARTICIPANTS + PARTICIPANT_SLOT * slot as u64 + 8 * field
}

pub(crate) const OWNER: u64 = 0;
pub(crate) const PINNED: u64 = 1;
pub(crate) const RETIRED: u64 = 2;

impl Env {
    pub(crate) fn slot_field(&self, slot: usize, field: u64) -> &AtomicU64 {
        self.hdr(slot_word(slot, field))
    }

    /// The process ids of the processes attached to this env file now
    /// (this one included), in order: owners of participant slots whose
    /// lock is held (by this process, or by another, which the kernel
    /// would have released had it died).
    pub fn attached_processes(&self) -> Result<Vec<u32>> {
        let held = *self.slots_held();
        let mut pids = std::collections::BTreeSet::new();
        for slot in 0..PARTICIPANT_COUNT {
            let owner = self.slot_field(slot, OWNER).load(Ordering::Acquire);
            if owner == 0 {
                continue;
            }
            let mine = held & (1 << slot) != 0;
            let live = mine
                || lock::held_elsewhere(self.file(), LOCK_SLOTS + slot as u64)
                    .map_err(|e| crate::file::io_err(self.path(), "test participant slot", e))?;
            if live {
                pids.insert(if mine {
                    std::process::id()
                } else {
                    owner as u32
                });
            }
        }
        Ok(pids.into_iter().collect())
    }

    /// The global epoch.
    pub fn epoch(&self) -> u64 {
        self.hdr(header::OFF_EPOCH).load(Ordering::SeqCst)
    }

    /// Attaches the calling thread: takes a free (or dead, adopting its
    /// retire list) slot of the participant table.
    pub fn participant(&self) -> Result<Participant<'_>> {
        let mut held = self.slots_held();
        for slot in 0..PARTICIPANT_COUNT {
            if *held & (1 << slot) != 0 {
                continue;
            }
            let got = lock::try_lock_byte(self.file(), LOCK_SLOTS + slot as u64)
                .map_err(|e| crate::file::io_err(self.path(), "lock participant slot", e))?;
            if got {
                *held |= 1 << slot;
                self.slot_field(slot, OWNER)
                    .store(u64::from(std::process::id()), Ordering::Release);
                self.slot_field(slot, PINNED).store(0, Ordering::SeqCst);
                return Ok(Participant {
                    env: self,
                    slot,
                    adopted: RefCell::new(Vec::new()),
                    pins: Cell::new(0),
                    retires: Cell::new(0),
                    owns_cache: self.install_cache(),
                    _not_send: std::marker::PhantomData,
                });
            }
        }
        Err(HeapError::TooManyParticipants {
            path: self.path().to_path_buf(),
            slots: PARTICIPANT_COUNT,
        })
    }

    /// Gives up one count of `w`; frees it (and, in turn, children whose
    /// count reaches zero) when none is left. The caller guarantees no one
    /// can still reach an object whose count it drops to zero.
    pub(crate) fn drop_ref(&self, w: Word) -> Result<()> {
        // The common case — the count does not reach zero — allocates
        // nothing: the work stack is made only when an object is freed.
        if self.release(w)? != Some(0) {
            return Ok(());
        }
        let mut stack: smallvec::SmallVec<[Word; 16]> = smallvec::SmallVec::new();
        self.free_released(w, &mut stack)?;
        while let Some(w) = stack.pop() {
            if self.release(w)? != Some(0) {
                continue;
            }
            self.free_released(w, &mut stack)?;
        }
        Ok(())
    }

    /// Frees `w`, whose count just reached zero, pushing its children on
    /// `stack` for the caller to release.
    fn free_released(&self, w: Word, stack: &mut smallvec::SmallVec<[Word; 16]>) -> Result<()> {
        let Some(off) = w.as_object() else {
            return Ok(());
        };
        let h = self.header_of(off)?;
        let children = self.children(off, h.kind)?;
        for &c in &children {
            self.prefetch(c);
        }
        stack.extend(children);
        // SAFETY: the count reached zero: no owner is left, and the
        // caller guarantees no reader can still reach the object.
        unsafe {
            self.free(Block {
                offset: off,
                class: h.class,
            })
        }
    }
}

impl<'e> Participant<'e> {
    /// Pins the current epoch until the guard drops (nested pins are fine).
    pub fn pin(&self) -> Guard<'_> {
        if self.pins.get() == 0 {
            let pinned = self.env.slot_field(self.slot, PINNED);
            let mut e = self.env.epoch();
            loop {
                pinned.store(e << 1 | 1, Ordering::SeqCst);
                let now = self.env.epoch();
                if now == e {
                    break;
                }
                e = now;
            }
            // Orders the pin before every load the caller makes under it
            // (those are only Acquire), pairing with the fence in
            // `retire_word`: a writer that retired a value this reader can
            // still load sees the pin and waits for it (found by the loom
            // model in tests/model_epoch.rs).
            std::sync::atomic::fence(Ordering::SeqCst);
        }
        self.pins.set(self.pins.get() + 1);
        Guard { p: self }
    }

    /// Pins, after checking this participant belongs to `env`.
    pub(crate) fn pin_in(&self, env: &Env) -> Result<Guard<'_>> {
        self.check_env(env)?;
        Ok(self.pin())
    }

    /// Fails unless this participant belongs to `env` (the same `Env`).
    pub(crate) fn check_env(&self, env: &Env) -> Result<()> {
        if std::ptr::eq(self.env, env) {
            Ok(())
        } else {
            Err(HeapError::ForeignValue {
                path: env.path().to_path_buf(),
            })
        }
    }

    /// The env this participant is attached to.
    pub fn env(&self) -> &'e Env {
        self.env
    }

    /// Retires `v`: its count is given up once no participant pinned now
    /// can still see it (for a value that was displaced from a root, where
    /// readers in other processes may still be looking at it).
    pub fn retire(&self, v: Value<'_>) -> Result<()> {
        self.env.check_same(v.borrowed())?;
        self.retire_word(v.into_owned_word())
    }

    /// The slot this participant owns.
    pub fn slot(&self) -> usize {
        self.slot
    }

    /// Retires one ownership of `w` (a count the caller owns and no longer
    /// uses, e.g. the one a root held on a value it no longer holds). Every
    /// 64 retires, tries to advance the epoch and collect.
    pub(crate) fn retire_word(&self, w: Word) -> Result<()> {
        if w.as_object().is_none() {
            return Ok(());
        }
        // The store that unlinked `w` (a root CAS) must be ordered before
        // the epoch read below for every thread, as a reader's pin store is
        // before its epoch read and its loads: then a reader either pinned
        // an epoch this entry waits out, or cannot have seen `w`.
        std::sync::atomic::fence(Ordering::SeqCst);
        let env = self.env;
        let head = env.slot_field(self.slot, RETIRED);
        let mut batch = head.load(Ordering::Acquire);
        if batch == 0 || env.load_word(batch, 1)?.bits() >= BATCH as u64 {
            let b = env.new_object(Kind::RetireBatch, 8 * (2 + 2 * BATCH as u64), IMMORTAL)?;
            env.init_word(b, 0, Word::from_bits(batch))?;
            env.init_word(b, 1, Word::from_bits(0))?;
            head.store(b, Ordering::Release);
            batch = b;
        }
        let n = env.load_word(batch, 1)?.bits();
        env.init_word(batch, 2 + 2 * n, w)?;
        env.init_word(batch, 3 + 2 * n, Word::from_bits(env.epoch()))?;
        env.word_at(batch + 16)?.store(n + 1, Ordering::Release);
        self.retires.set(self.retires.get() + 1);
        if self.retires.get() % COLLECT_EVERY == 0 {
            self.try_advance()?;
            self.collect()?;
        }
        Ok(())
    }

    /// Advances the global epoch if every pinned participant is at it.
    /// Adopts dead participants' slots on the way. Returns whether it did.
    pub fn try_advance(&self) -> Result<bool> {
        let env = self.env;
        let e = env.epoch();
        for slot in 0..PARTICIPANT_COUNT {
            let pinned = env.slot_field(slot, PINNED).load(Ordering::SeqCst);
            let lagging = pinned != 0 && pinned >> 1 != e;
            let orphan = env.slot_field(slot, RETIRED).load(Ordering::Acquire) != 0;
            if !lagging && !orphan {
                continue;
            }
            let mut held = env.slots_held();
            if *held & (1 << slot) != 0 {
                if lagging {
                    return Ok(false); // a live thread of this process
                }
                continue;
            }
            let dead = lock::try_lock_byte(env.file(), LOCK_SLOTS + slot as u64)
                .map_err(|x| crate::file::io_err(env.path(), "lock participant slot", x))?;
            if dead {
                // Its owner died: adopt the slot and its retire list.
                *held |= 1 << slot;
                env.slot_field(slot, PINNED).store(0, Ordering::SeqCst);
                self.adopted.borrow_mut().push(slot);
            } else if lagging {
                return Ok(false);
            }
        }
        Ok(env
            .hdr(header::OFF_EPOCH)
            .compare_exchange(e, e + 1, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok())
    }

    /// Releases every retired entry (of this slot and adopted ones) that is
    /// two epochs old; frees emptied batches. Returns how many it released.
    pub fn collect(&self) -> Result<u64> {
        let env = self.env;
        let e = env.epoch();
        let mut released = 0;
        let slots: Vec<usize> = std::iter::once(self.slot)
            .chain(self.adopted.borrow().iter().copied())
            .collect();
        for slot in slots {
            let head = env.slot_field(slot, RETIRED);
            let mut prev: Option<u64> = None;
            let mut batch = head.load(Ordering::Acquire);
            while batch != 0 {
                let next = env.load_word(batch, 0)?.bits();
                let n = env.load_word(batch, 1)?.bits().min(BATCH as u64);
                let mut live = 0;
                for j in 0..n {
                    let w = env.load_word(batch, 2 + 2 * j)?;
                    if w.is_nil() {
                        continue;
                    }
                    if env.load_word(batch, 3 + 2 * j)?.bits() + 2 <= e {
                        // Zero the entry first: a crash now leaks, never double-releases.
                        env.init_word(batch, 2 + 2 * j, Word::NIL)?;
                        env.drop_ref(w)?;
                        released += 1;
                    } else {
                        live += 1;
                    }
                }
                if live == 0 && n == BATCH as u64 {
                    // A full batch with nothing left: unlink it, then free it.
                    match prev {
                        None => head.store(next, Ordering::Release),
                        Some(p) => env.word_at(p + 8)?.store(next, Ordering::Release),
                    }
                    let class = env.header_of(batch)?.class;
                    // SAFETY: the batch is unlinked and only this slot's owner
                    // (this thread) ever reached it.
                    unsafe {
                        env.free(Block {
                            offset: batch,
                            class,
                        })
                    }?;
                } else {
                    prev = Some(batch);
                }
                batch = next;
            }
        }
        Ok(released)
    }
}

impl Drop for Participant<'_> {
    fn drop(&mut self) {
        let env = self.env;
        if self.owns_cache {
            // Failing to give blocks back only leaks them until a sweep.
            let _ = env.drain_cache();
        }
        env.slot_field(self.slot, PINNED).store(0, Ordering::SeqCst);
        let mut held = env.slots_held();
        for slot in std::iter::once(self.slot).chain(self.adopted.borrow().iter().copied()) {
            // The retire lists stay in the file for the next owner of the slot.
            env.slot_field(slot, OWNER).store(0, Ordering::Release);
            let _ = lock::unlock_byte(env.file(), LOCK_SLOTS + slot as u64);
            *held &= !(1 << slot);
        }
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        let p = self.p;
        p.pins.set(p.pins.get() - 1);
        if p.pins.get() == 0 {
            p.env.slot_field(p.slot, PINNED).store(0, Ordering::Release);
        }
    }
}
