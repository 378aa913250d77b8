//! Epoch-based reclamation across threads and processes: the participant
//! table in the file, pins, retire lists kept in the file, and the release
//! of retired objects once no pinned participant can still see them.
//!
//! - A participant owns a slot of the table (owner pid, pinned epoch,
//!   retire list) and holds an OFD lock on the slot's lock byte, which the
//!   kernel drops when the process dies. A slot is held only while its
//!   thread is attached: a participant that ends (its thread detaches, its
//!   process exits) unlocks its slot and leaves its retire list in it, and
//!   a slot whose lock can be taken is free.
//! - Whoever finds a free slot that still holds a retire list (left by a
//!   participant that ended, or by a process that died) takes the lock,
//!   moves the list onto its own (unlinking it from the slot first, so a
//!   crash in between leaks rather than releasing twice) and unlocks the
//!   slot again at once: nothing retired is lost, and no slot stays taken
//!   on behalf of the dead. `try_advance` does this on its way.
//! - `pin` publishes the global epoch in the slot; the global epoch advances
//!   only when every pinned slot shows the current epoch (dead slots are
//!   unpinned and their lists adopted on the way).
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

use crate::block_layout::Block;
use crate::env::{Env, SlotSet};
use crate::error::{HeapError, Result};
use crate::handle::Value;
use crate::header::{self, LOCK_SLOTS, OFF_PARTICIPANTS, PARTICIPANT_COUNT, PARTICIPANT_SLOT};
use crate::lock;
use crate::object_header::{IMMORTAL, Kind};
use crate::word::Word;
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

/// Entries per retire batch.
pub const BATCH: usize = 30;
/// Retires between attempts to advance the epoch and collect.
const COLLECT_EVERY: u32 = 64;
/// Every this many advances, `try_advance` also tests the lock of every
/// slot that looks attached and idle, to adopt the list of an owner that
/// died while not pinned (one lock test each, so not on every advance).
const PROBE_IDLE_EVERY: u32 = 16;

/// A thread's attachment to the env file's epochs (see the module docs),
/// and the owner of the thread's block cache. Neither `Send` nor `Sync`:
/// one thread pins, retires and allocates through it.
#[derive(Debug)]
pub struct Participant<'e> {
    env: &'e Env,
    slot: usize,
    pins: Cell<u32>,
    retires: Cell<u32>,
    advances: Cell<u32>,
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
        self.mapping.hdr(slot_word(slot, field))
    }

    /// One more than the highest participant slot ever taken in this file:
    /// scans of the table stop there.
    pub(crate) fn slot_high(&self) -> usize {
        (self
            .mapping
            .hdr(header::OFF_SLOT_HIGH)
            .load(Ordering::SeqCst) as usize)
            .min(PARTICIPANT_COUNT)
    }

    /// Whether participant slot `slot` is held now: by a thread of this
    /// process, or by another process (the kernel would have released its
    /// lock had it died).
    fn slot_live(&self, slot: usize, held: &SlotSet) -> Result<bool> {
        if held.contains(slot) {
            return Ok(true);
        }
        lock::held_elsewhere(self.mapping.file(), LOCK_SLOTS + slot as u64)
            .map_err(|e| crate::file::io_err(self.path(), "test participant slot", e))
    }

    /// The process ids of the processes attached to this env file now
    /// (this one included), in order: owners of participant slots whose
    /// lock is held. A killed process is not listed: its slots' locks died
    /// with it.
    pub fn attached_processes(&self) -> Result<Vec<u32>> {
        let held = self.slots_held();
        let mut pids = std::collections::BTreeSet::new();
        for slot in 0..self.slot_high() {
            let owner = self.slot_field(slot, OWNER).load(Ordering::Acquire);
            if owner == 0 || !self.slot_live(slot, &held)? {
                continue;
            }
            pids.insert(if held.contains(slot) {
                std::process::id()
            } else {
                owner as u32
            });
        }
        Ok(pids.into_iter().collect())
    }

    /// How many participant slots are held now, across all processes (one
    /// per attached thread).
    pub fn participants_attached(&self) -> Result<usize> {
        let held = self.slots_held();
        let mut n = 0;
        for slot in 0..self.slot_high() {
            if self.slot_field(slot, OWNER).load(Ordering::Acquire) != 0
                && self.slot_live(slot, &held)?
            {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The global epoch.
    pub fn epoch(&self) -> u64 {
        self.mapping.hdr(header::OFF_EPOCH).load(Ordering::SeqCst)
    }

    /// Attaches the calling thread: takes a free slot of the participant
    /// table (a retire list left in it becomes this participant's).
    pub fn participant(&self) -> Result<Participant<'_>> {
        self.mapping.writable("attach a participant")?;
        let mut held = self.slots_held();
        for slot in 0..PARTICIPANT_COUNT {
            if held.contains(slot) {
                continue;
            }
            let got = lock::try_lock_byte(self.mapping.file(), LOCK_SLOTS + slot as u64)
                .map_err(|e| crate::file::io_err(self.path(), "lock participant slot", e))?;
            if got {
                held.insert(slot);
                // Before this participant can pin: an advance that reads
                // the mark after it scans this slot.
                self.mapping
                    .hdr(header::OFF_SLOT_HIGH)
                    .fetch_max(slot as u64 + 1, Ordering::SeqCst);
                self.slot_field(slot, PINNED).store(0, Ordering::SeqCst);
                self.slot_field(slot, OWNER)
                    .store(u64::from(std::process::id()), Ordering::Release);
                return Ok(Participant {
                    env: self,
                    slot,
                    pins: Cell::new(0),
                    retires: Cell::new(0),
                    advances: Cell::new(0),
                    owns_cache: self.allocator().install_cache(),
                    _not_send: std::marker::PhantomData,
                });
            }
        }
        Err(HeapError::TooManyParticipants {
            path: self.path().to_path_buf(),
            slots: PARTICIPANT_COUNT,
        })
    }

    /// Refuses a participant table whose retire lists left by participants
    /// that are gone do not start at a retire batch (only damage does
    /// that). Lists of live participants are their owners' (one could be
    /// freeing its head batch right now), and a list left in a free slot
    /// can be adopted by a live participant at any moment (which may then
    /// free its batches), so each leftover list is read holding its slot's
    /// lock, as an adopter would; a slot whose lock is taken is skipped.
    pub(crate) fn validate_participants(&self) -> Result<()> {
        for slot in 0..PARTICIPANT_COUNT {
            if self.slot_field(slot, RETIRED).load(Ordering::Acquire) == 0 {
                continue;
            }
            // Held across the lock: threads of this process share the file
            // description, so its OFD lock does not tell them apart.
            let held = self.slots_held();
            if held.contains(slot) {
                continue;
            }
            let byte = LOCK_SLOTS + slot as u64;
            let got = lock::try_lock_byte(self.mapping.file(), byte)
                .map_err(|x| crate::file::io_err(self.path(), "lock participant slot", x))?;
            if !got {
                continue; // live, or being adopted by a live participant
            }
            let head = self.slot_field(slot, RETIRED).load(Ordering::Acquire);
            let checked = if head == 0 {
                Ok(())
            } else {
                self.check_batch(head)
            };
            // Failing to unlock cannot happen for a lock this fd holds; if
            // it did, the kernel drops the lock when the file closes.
            let _ = lock::unlock_byte(self.mapping.file(), byte);
            drop(held);
            checked.map_err(|e| HeapError::CorruptHeader {
                path: self.path().to_path_buf(),
                field: "participant table",
                detail: format!("slot {slot}'s retire list: {e}"),
            })?;
        }
        Ok(())
    }

    /// Checks that `batch` is a retire batch.
    fn check_batch(&self, batch: u64) -> Result<()> {
        if self.header_of(batch)?.kind == Kind::RetireBatch {
            Ok(())
        } else {
            Err(HeapError::CorruptObject {
                offset: batch,
                detail: "a retire list reaches an object that is not a retire batch",
            })
        }
    }

    /// The most batches a retire list can have in a file this long: a
    /// longer walk is going round a loop in a damaged file.
    fn max_batches(&self) -> u64 {
        self.file_len() / (8 * (2 + 2 * BATCH as u64)) + 1
    }

    /// Gives up one count of `w`; frees it (and, in turn, children whose
    /// count reaches zero) when none is left. The caller guarantees no one
    /// can still reach an object whose count it drops to zero.
    #[inline]
    pub(crate) fn drop_ref(&self, w: Word) -> Result<()> {
        self.drop_ref_inline(w)
    }

    /// `drop_ref`'s body, inlined into both `drop_ref` and
    /// `drop_ref_outlined`. The common case — the count does not reach
    /// zero — is a test of the word, a load and a CAS, and allocates
    /// nothing; a count that reaches zero tail-calls `free_zeroed`; what
    /// the fast path does not take is `drop_ref_slow`'s.
    #[inline(always)]
    fn drop_ref_inline(&self, w: Word) -> Result<()> {
        let Some(off) = w.as_object() else {
            return Ok(());
        };
        if let Some(word) = self.count_word(off) {
            match crate::object::count_down(word) {
                crate::object::CountDown::Taken(cur) => {
                    if cur >> 32 != 1 {
                        return Ok(());
                    }
                    // SAFETY: our CAS took the last count from header word
                    // `cur`, and `drop_ref`'s caller guarantees nobody can
                    // still reach the object.
                    return unsafe { self.free_zeroed(w, off, cur) };
                }
                crate::object::CountDown::Immortal => return Ok(()),
                crate::object::CountDown::Slow => {}
            }
        }
        self.drop_ref_slow(w, off)
    }

    /// `drop_ref` of the object `w` at `off` with every check: a count
    /// change the fast path did not take (immortal, saturated, damaged, a
    /// read-only env, a lost CAS).
    #[cold]
    #[inline(never)]
    fn drop_ref_slow(&self, w: Word, off: u64) -> Result<()> {
        if self.release_slow(off)? != Some(0) {
            return Ok(());
        }
        // SAFETY: our release took the last count, and `drop_ref`'s
        // caller guarantees nobody can still reach the object.
        unsafe { self.free_dropped(w) }
    }

    /// Frees the object `w` at `off` whose count `drop_ref`'s fast path
    /// just took to zero from header word `cur`. A leaf (a string, a
    /// boxed number: nothing to release under it) whose block lies below
    /// the known length goes straight back to the allocator with the class
    /// `cur` holds — the count change already checked the header, so
    /// nothing is read or validated again; anything else takes
    /// `free_dropped`.
    ///
    /// # Safety
    /// As `free_dropped`, and `cur` is the header word the caller's CAS
    /// replaced (by the same with count 0), at the 16-aligned `off` past
    /// the file header (`count_word` checked it).
    #[inline(never)]
    unsafe fn free_zeroed(&self, w: Word, off: u64, cur: u64) -> Result<()> {
        let class = ((cur >> 8) & 0xFF) as usize;
        if Kind::from_u8(cur as u8).is_some_and(Kind::is_leaf)
            && class < crate::block_layout::CLASS_COUNT
            && off + crate::block_layout::block_size_of(class) <= self.mapping.known_len()
        {
            // SAFETY: `off` is 16-aligned and past the header (the
            // caller's guarantee), its class is valid and its block ends
            // below the known length (checked above); the count reached
            // zero and nobody can reach the object (the caller's
            // guarantee), so its block may be reused at once.
            return unsafe { self.allocator().free_in_bounds(off, class) };
        }
        // SAFETY: the caller's guarantee.
        unsafe { self.free_dropped(w) }
    }

    /// `drop_ref` out of line, for [`Value`](crate::Value)'s `Drop`: the
    /// drop inlined into callers stays a test of the word and a call, so
    /// code that drops many immediates (the evaluator's hot loops) is not
    /// grown by the count change.
    #[inline(never)]
    pub(crate) fn drop_ref_outlined(&self, w: Word) -> Result<()> {
        self.drop_ref_inline(w)
    }

    /// Frees `w`, and in turn its children whose count reaches zero.
    ///
    /// # Safety
    /// As `free_released`: the caller's release just took `w`'s last
    /// count, and nobody can still reach the object.
    #[inline(never)]
    unsafe fn free_dropped(&self, w: Word) -> Result<()> {
        if let Some(off) = w.as_object() {
            let o = self.obj_at(off)?;
            if o.kind().is_leaf() {
                // A string, a number, ...: nothing to release under it.
                // SAFETY: the caller's guarantee (its count reached zero
                // and nobody can reach it).
                return unsafe {
                    self.allocator().free(Block {
                        offset: off,
                        class: o.header.class,
                    })
                };
            }
        }
        // Words still to release, and objects whose count reached zero
        // (to free): inline room for a trie node's children, so freeing
        // a path allocates nothing of the process.
        let mut pending: smallvec::SmallVec<[Word; 64]> = smallvec::SmallVec::new();
        let mut dead: smallvec::SmallVec<[Word; 16]> = smallvec::smallvec![w];
        loop {
            while let Some(d) = dead.pop() {
                // SAFETY: `w` by the caller's guarantee; every other dead
                // word is a child of a freed object whose last count we
                // just took: only its freed parent reached it.
                unsafe { self.free_released(d, &mut pending, &mut dead)? };
            }
            let Some(c) = pending.pop() else { break };
            if self.release(c)? == Some(0) {
                dead.push(c);
            }
        }
        Ok(())
    }

    /// Frees `w`, whose count just reached zero: the children of a trie
    /// node (map or vector) are released here, those whose count reaches
    /// zero pushed on `dead`; any other object's children are pushed on
    /// `pending` for the caller to release.
    ///
    /// # Safety
    /// `w`'s count just reached zero by the caller's release, and no
    /// reader can reach the object any more (the caller's owner was the
    /// last, or a retired entry two epochs old): its block may be reused
    /// at once.
    unsafe fn free_released(
        &self,
        w: Word,
        pending: &mut smallvec::SmallVec<[Word; 64]>,
        dead: &mut smallvec::SmallVec<[Word; 16]>,
    ) -> Result<()> {
        let Some(off) = w.as_object() else {
            return Ok(());
        };
        let o = self.obj_at(off)?;
        if let Kind::MapNode | Kind::VecNode = o.kind() {
            // The nodes a path copy leaves behind: every child's header
            // asked for first (their misses overlap), then each released
            // straight from the block; immediates (small-integer keys and
            // values, ...) are skipped.
            let meta = o.word(0)?.bits();
            let n = if o.kind() == Kind::MapNode {
                2 * u64::from((meta as u32).count_ones()) + u64::from((meta >> 32).count_ones())
            } else {
                meta.min(32)
            };
            let words = o.words(1, n)?;
            self.mapping.prefetch_words(words);
            self.release_all(words, |c| dead.push(c))?;
        } else if !o.kind().is_leaf() {
            let from = pending.len();
            self.children_into(&o, o.kind(), pending)?;
            for &c in &pending[from..] {
                self.mapping.prefetch(c);
            }
        }
        // SAFETY: the count reached zero: no owner is left, and the
        // caller guarantees no reader can still reach the object.
        unsafe {
            self.allocator().free(Block {
                offset: off,
                class: o.header.class,
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
        if batch != 0 {
            env.check_batch(batch)?;
        }
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
        env.mapping
            .word_at(batch + 16)?
            .store(n + 1, Ordering::Release);
        self.retires.set(self.retires.get() + 1);
        if self.retires.get() % COLLECT_EVERY == 0 {
            self.try_advance()?;
            self.collect()?;
        }
        Ok(())
    }

    /// Advances the global epoch if every pinned participant is at it.
    /// On the way, frees the slots of participants that are gone (dead
    /// processes' slots, and retire lists left by participants that
    /// ended): unpins them and moves their retire lists onto this
    /// participant's. Returns whether it advanced.
    pub fn try_advance(&self) -> Result<bool> {
        let env = self.env;
        let e = env.epoch();
        let advances = self.advances.get().wrapping_add(1);
        self.advances.set(advances);
        let probe_idle = advances % PROBE_IDLE_EVERY == 0;
        for slot in 0..env.slot_high() {
            if slot == self.slot {
                continue;
            }
            let pinned = env.slot_field(slot, PINNED).load(Ordering::SeqCst);
            let lagging = pinned != 0 && pinned >> 1 != e;
            let owner = env.slot_field(slot, OWNER).load(Ordering::Acquire);
            let listed = env.slot_field(slot, RETIRED).load(Ordering::Acquire) != 0;
            // Worth a lock test: a pin that holds the epoch back, a list
            // nobody owns, and now and then any slot that claims an owner.
            let orphan = listed && owner == 0;
            let probe = probe_idle && owner != 0;
            if !(lagging || orphan || probe) {
                continue;
            }
            if !self.adopt(slot)? && lagging {
                return Ok(false); // a live participant, still reading
            }
        }
        Ok(env
            .mapping
            .hdr(header::OFF_EPOCH)
            .compare_exchange(e, e + 1, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok())
    }

    /// Frees `slot` if nobody holds it: takes its lock, unpins it, moves
    /// its retire list onto this participant's and unlocks it again.
    /// Returns `false` if the slot is held (by a live participant).
    fn adopt(&self, slot: usize) -> Result<bool> {
        let env = self.env;
        // Held across the lock test: threads of this process share the
        // file description, so its OFD lock does not tell them apart.
        let held = env.slots_held();
        if held.contains(slot) {
            return Ok(false);
        }
        let byte = LOCK_SLOTS + slot as u64;
        let got = lock::try_lock_byte(env.mapping.file(), byte)
            .map_err(|x| crate::file::io_err(env.path(), "lock participant slot", x))?;
        if !got {
            return Ok(false);
        }
        env.slot_field(slot, PINNED).store(0, Ordering::SeqCst);
        env.slot_field(slot, OWNER).store(0, Ordering::Release);
        let moved = self.take_list(slot);
        // Failing to unlock cannot happen for a lock this fd holds; if it
        // did, the kernel drops the lock when the file closes.
        let _ = lock::unlock_byte(env.mapping.file(), byte);
        drop(held);
        moved.map(|()| true)
    }

    /// Moves the retire list of `slot` (whose lock this thread holds) in
    /// front of this participant's own list.
    fn take_list(&self, slot: usize) -> Result<()> {
        let env = self.env;
        let from = env.slot_field(slot, RETIRED);
        let first = from.load(Ordering::Acquire);
        if first == 0 {
            return Ok(());
        }
        // Unlinked first: a crash from here on leaks the list (a sweep
        // gets it back), and never leaves it in two lists.
        from.store(0, Ordering::Release);
        let mut last = first;
        let mut hops = 0;
        loop {
            env.check_batch(last)?;
            let next = env.load_word(last, 0)?.bits();
            if next == 0 {
                break;
            }
            hops += 1;
            if hops > env.max_batches() {
                return Err(HeapError::CorruptObject {
                    offset: first,
                    detail: "a retire list that loops",
                });
            }
            last = next;
        }
        let mine = env.slot_field(self.slot, RETIRED);
        env.mapping
            .word_at(last + 8)?
            .store(mine.load(Ordering::Acquire), Ordering::Release);
        mine.store(first, Ordering::Release);
        Ok(())
    }

    /// Releases every retired entry of this participant's list that is two
    /// epochs old; frees emptied batches. Returns how many it released.
    pub fn collect(&self) -> Result<u64> {
        let env = self.env;
        let e = env.epoch();
        let mut released = 0;
        let head = env.slot_field(self.slot, RETIRED);
        let mut prev: Option<u64> = None;
        let mut batch = head.load(Ordering::Acquire);
        let mut hops = 0;
        while batch != 0 {
            env.check_batch(batch)?;
            hops += 1;
            if hops > env.max_batches() {
                return Err(HeapError::CorruptObject {
                    offset: batch,
                    detail: "a retire list that loops",
                });
            }
            let next = env.load_word(batch, 0)?.bits();
            let n = env.load_word(batch, 1)?.bits().min(BATCH as u64);
            let mut live = 0;
            for j in 0..n {
                let w = env.load_word(batch, 2 + 2 * j)?;
                if w.is_nil() {
                    continue;
                }
                if env.load_word(batch, 3 + 2 * j)?.bits().saturating_add(2) <= e {
                    // Zero the entry first: a crash now leaks, never double-releases.
                    env.init_word(batch, 2 + 2 * j, Word::NIL)?;
                    env.drop_ref(w)?;
                    released += 1;
                } else {
                    live += 1;
                }
            }
            // Only the head batch is ever appended to: any other emptied
            // batch, and an emptied full head, can go.
            if live == 0 && (n == BATCH as u64 || prev.is_some()) {
                match prev {
                    None => head.store(next, Ordering::Release),
                    Some(p) => env.mapping.word_at(p + 8)?.store(next, Ordering::Release),
                }
                let class = env.header_of(batch)?.class;
                // SAFETY: the batch is unlinked and only this slot's owner
                // (this thread) ever reaches it.
                unsafe {
                    env.allocator().free(Block {
                        offset: batch,
                        class,
                    })
                }?;
            } else {
                prev = Some(batch);
            }
            batch = next;
        }
        Ok(released)
    }
}

impl Drop for Participant<'_> {
    /// Detaches: gives the block cache back, releases what can be released
    /// now, and frees the slot; what is still retired stays in the slot's
    /// list for the next participant that adopts it.
    fn drop(&mut self) {
        let env = self.env;
        if self.owns_cache {
            // Failing to give blocks back only leaks them until a sweep.
            let _ = env.allocator().drain_cache();
        }
        // Best effort: what fails stays retired, for an adopter.
        if env.slot_field(self.slot, RETIRED).load(Ordering::Acquire) != 0 {
            let _ = self.try_advance();
            let _ = self.collect();
        }
        env.slot_field(self.slot, PINNED).store(0, Ordering::SeqCst);
        env.slot_field(self.slot, OWNER).store(0, Ordering::Release);
        let mut held = env.slots_held();
        let _ = lock::unlock_byte(env.mapping.file(), LOCK_SLOTS + self.slot as u64);
        held.remove(self.slot);
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
