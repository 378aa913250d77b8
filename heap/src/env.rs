//! [`Env`]: the handle of one open env file, shared by every thread of the
//! process (`Env: Sync`). It is built from parts, each a type or a file of
//! its own (the table in ARCHITECTURE.md names them):
//! - the file and its mapping ([`Mapping`], `mapping.rs`): bounds-checked
//!   atomic accessors, growth, locks;
//! - the allocator ([`Allocator`], `alloc.rs`, `cache.rs`), a view of the
//!   mapping made by [`Env::allocator`];
//! - this process's state of the open file (here): the participant slots
//!   it holds, its instance id, whether it attached and what its recovery
//!   did;
//! - operations by concern, each an `impl Env` in its own file: objects
//!   and counts (`object.rs`), epochs and participants (`epoch.rs`),
//!   values, collections, roots and vars, and above them check, sweep,
//!   checkpoints and the open/recovery orchestration (`open.rs`).

use crate::alloc::Allocator;
use crate::block_layout::Block;
use crate::error::Result;
use crate::header::PARTICIPANT_COUNT;
use crate::lock::ByteLockGuard;
use crate::mapping::Mapping;
use crate::report::SweepReport;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// A process-unique id for a new `Env` value (keys thread caches).
fn next_instance() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// An open env file, shared by every thread of the process (`Env: Sync`).
#[derive(Debug)]
pub struct Env {
    /// The file and its mapping.
    pub(crate) mapping: Mapping,
    /// Participant slots this process holds (bit `i`: slot `i`), so a
    /// thread never mistakes a sibling's slot for a dead one (OFD locks do
    /// not tell apart threads sharing a file description).
    slots: Mutex<SlotSet>,
    /// Opened alone after an unclean exit without sweeping.
    pub(crate) unrecovered: AtomicBool,
    /// Unique id of this `Env` value in the process (keys thread caches).
    instance: u64,
    /// Whether `attach` completed: only then does this env hold an open
    /// count for `Drop` to give back (an env whose open failed has none,
    /// and must not mark the file clean).
    pub(crate) attached: bool,
    /// What the recovery sweep at open did, if this env ran one.
    pub(crate) recovery: Mutex<Option<Box<SweepReport>>>,
    /// Values this process keeps outside the roots (`kept.rs`).
    kept: Mutex<KeptSlots>,
}

impl Env {
    /// Makes the `Env` value of a fresh mapping, not yet attached.
    pub(crate) fn from_mapping(mapping: Mapping) -> Env {
        Env {
            mapping,
            slots: Mutex::new(SlotSet::default()),
            unrecovered: AtomicBool::new(false),
            instance: next_instance(),
            attached: false,
            recovery: Mutex::new(None),
            kept: Mutex::new(KeptSlots::default()),
        }
    }

    /// Whether this env was opened with [`Env::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.mapping.is_read_only()
    }

    /// The path this env was opened from.
    pub fn path(&self) -> &Path {
        self.mapping.path()
    }

    /// The reserved map size recorded in the header.
    pub fn map_size(&self) -> u64 {
        self.mapping.map_size()
    }

    /// The random id of this env file (the same in every process).
    pub fn env_id(&self) -> u64 {
        self.mapping.env_id()
    }

    /// The committed file length: every offset below it is backed by the file.
    #[inline]
    pub fn file_len(&self) -> u64 {
        self.mapping.file_len()
    }

    /// Takes the lock that serializes ref transaction commits (threads and
    /// processes; released by the kernel if the holder dies): the
    /// evaluator validates and applies a transaction's writes under it.
    pub fn ref_commit_lock(&self) -> Result<ByteLockGuard<'_>> {
        self.mapping.ref_commit_lock()
    }

    /// What the recovery sweep run when this env opened the file did, if
    /// it ran one (the file was left unclean and this env opened it alone).
    pub fn recovery_report(&self) -> Option<SweepReport> {
        self.recovery
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_deref()
            .cloned()
    }

    /// The values kept outside the roots (`kept.rs`).
    pub(crate) fn kept_slots(&self) -> MutexGuard<'_, KeptSlots> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The participant slots this process holds.
    pub(crate) fn slots_held(&self) -> MutexGuard<'_, SlotSet> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Unique id of this `Env` value in the process.
    pub(crate) fn instance(&self) -> u64 {
        self.instance
    }
}

/// The allocator's part of the handle.
impl Env {
    /// The allocator of this env's file.
    #[inline]
    pub(crate) fn allocator(&self) -> Allocator<'_> {
        Allocator {
            mapping: &self.mapping,
            instance: self.instance(),
        }
    }

    /// Allocates a block of at least `size` bytes. Its contents are
    /// unspecified (zero if fresh, old data if reused).
    #[inline]
    pub fn alloc(&self, size: u64) -> Result<Block> {
        self.allocator().alloc(size)
    }

    /// The bump pointer: bytes below it have been carved at least once.
    pub fn carved_len(&self) -> u64 {
        self.allocator().carved_len()
    }
}

/// The participant slots one process holds (bit `i`: slot `i`).
#[derive(Debug, Default)]
pub(crate) struct SlotSet(Box<[u64; PARTICIPANT_COUNT / 64]>);

impl SlotSet {
    /// Whether this process holds `slot`.
    pub(crate) fn contains(&self, slot: usize) -> bool {
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }

    pub(crate) fn insert(&mut self, slot: usize) {
        self.0[slot / 64] |= 1 << (slot % 64);
    }

    pub(crate) fn remove(&mut self, slot: usize) {
        self.0[slot / 64] &= !(1 << (slot % 64));
    }
}

/// The values this process keeps outside the roots (`kept.rs`): the
/// kept words (each owning one count) and the free numbers.
#[derive(Debug, Default)]
pub(crate) struct KeptSlots {
    pub(crate) words: Vec<Option<crate::word::Word>>,
    pub(crate) free: Vec<usize>,
}

impl KeptSlots {
    /// Every kept word, emptied (for the `Env`'s drop to release).
    pub(crate) fn take_all(&mut self) -> Vec<crate::word::Word> {
        self.free.clear();
        self.words.drain(..).flatten().collect()
    }
}
