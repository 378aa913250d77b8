//! [`Env`]: one open env file and its single `MAP_SHARED` mapping of the full
//! reserved map size. Owns the typed accessors to words of the mapping and
//! the growth of the file under the inter-process growth lock.
//!
//! Invariant: the base address never moves (the mapping is never remapped)
//! and every byte below the header's committed file length is backed by the
//! file, so accessing it never raises SIGBUS.
//!
//! Open/close accounting (header: open count, clean flag, boot id):
//! - Attaching sets the clean flag to 0 and, if it was 1, syncs the file
//!   before anything is written, so no clean flag is ever on disk next to
//!   stores that are not durable.
//! - The last close (alone, the open count back at 0, the file recovered)
//!   syncs the heap, then stores clean = 1 with this boot's id, then syncs
//!   again: only then is the file cleanly closed. A close that does not
//!   complete (the process dies, a sync fails) leaves clean = 0.
//! - A lone open trusts clean = 1 on any boot (a reboot after a clean close
//!   keeps every store). Clean != 1 with this boot's id is a process crash:
//!   sweep only. Clean != 1 with another boot's id is an OS crash: restore
//!   the newest checkpoint, then sweep. The boot id becomes this boot's
//!   once that is done.

use crate::alloc::CLASS_COUNT;
use crate::error::{FullReason, HeapError, Result};
use crate::file::{self, EnvOptions, io_err};
use crate::header::{self, Fixed, HEADER_LEN, PAGE_SIZE};
use crate::lock::{self, ByteLock, ByteLockGuard};
use crate::word::Word;
use memmap2::{MmapOptions, MmapRaw};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// Growth step floor: the file grows by at least this much at a time.
const MIN_GROWTH: u64 = 1 << 20;

/// A process-unique id for a new `Env` value (keys thread caches).
fn next_instance() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// An open env file, shared by every thread of the process (`Env: Sync`).
#[derive(Debug)]
pub struct Env {
    path: PathBuf,
    file: File,
    map: MmapRaw,
    fixed: Fixed,
    grow_lock: ByteLock,
    checkpoint_lock: ByteLock,
    ref_commit_lock: ByteLock,
    /// The largest committed length this process has seen (the file never
    /// shrinks), so bounds checks need not unseal the header word.
    known_len: AtomicU64,
    /// Participant slots this process holds (bit `i`: slot `i`), so a
    /// thread never mistakes a sibling's slot for a dead one (OFD locks do
    /// not tell apart threads sharing a file description).
    slots: std::sync::Mutex<crate::epoch::SlotSet>,
    /// Opened alone after an unclean exit without sweeping.
    unrecovered: std::sync::atomic::AtomicBool,
    /// Unique id of this `Env` value in the process (keys thread caches).
    instance: u64,
    /// Whether `attach` completed: only then does this env hold an open
    /// count for `Drop` to give back (an env whose open failed has none,
    /// and must not mark the file clean).
    attached: bool,
    /// Opened with [`Env::open_read_only`]: mapped read-only, never
    /// attached; every change is refused before it writes.
    read_only: bool,
    /// What the recovery sweep at open did, if this env ran one.
    recovery: std::sync::Mutex<Option<Box<crate::sweep::SweepReport>>>,
}

impl Env {
    /// Opens the env file at `path`, creating it with default options if it
    /// is missing.
    pub fn open(path: impl AsRef<Path>) -> Result<Env> {
        Self::open_with(path, &EnvOptions::default())
    }

    /// Opens (or creates, as `opts` allow) the env file at `path`.
    pub fn open_with(path: impl AsRef<Path>, opts: &EnvOptions) -> Result<Env> {
        let path = path.as_ref();
        let (file, fixed, len0) = file::open_file(path, opts, CLASS_COUNT as u32)?;
        let mut env = Self::mapped(path, file, fixed, len0, false)?;
        // On failure `env` drops unattached: its Drop leaves the open count
        // and the clean mark alone, so a failed recovery is retried.
        env.attach(opts.recover, opts.on_wait)?;
        env.attached = true;
        Ok(env)
    }

    /// Opens the existing env file at `path` to look at it without writing
    /// a byte: the file is opened and mapped read-only, nothing is
    /// attached (no open count, clean flag, participant slot or recovery),
    /// so it works on a read-only file and on a file whose participant
    /// slots are all taken, and leaves its modification time alone. Only
    /// what needs no pin is available: [`Env::check`], [`Env::stats`],
    /// [`Env::namespace_names`], [`Env::attached_processes`]; anything
    /// that would write (a participant, an allocation, a count) is refused
    /// with [`HeapError::ReadOnly`].
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Env> {
        let path = path.as_ref();
        let (file, fixed, len0) = file::open_file_read_only(path, CLASS_COUNT as u32)?;
        Self::mapped(path, file, fixed, len0, true)
    }

    /// Maps the validated env file `file` (fixed fields `fixed`, committed
    /// length `len0`) and makes the `Env` value, not yet attached. The
    /// mapping covers the whole reserved size, past the end of the file:
    /// pages become usable as the file grows, and the base never moves.
    fn mapped(path: &Path, file: File, fixed: Fixed, len0: u64, read_only: bool) -> Result<Env> {
        let len = usize::try_from(fixed.map_size).map_err(|_| HeapError::MapSizeTooSmall {
            path: path.to_path_buf(),
            map_size: fixed.map_size,
            needed: fixed.map_size,
        })?;
        let mut opts = MmapOptions::new();
        opts.len(len);
        let map = if read_only {
            opts.map_raw_read_only(&file)
        } else {
            opts.map_raw(&file)
        }
        .map_err(|e| io_err(path, "mmap", e))?;
        Ok(Env {
            path: path.to_path_buf(),
            file,
            map,
            fixed,
            grow_lock: ByteLock::new(header::LOCK_GROW),
            checkpoint_lock: ByteLock::new(header::LOCK_CHECKPOINT),
            ref_commit_lock: ByteLock::new(header::LOCK_REF_COMMIT),
            known_len: AtomicU64::new(len0),
            slots: std::sync::Mutex::new(crate::epoch::SlotSet::default()),
            unrecovered: std::sync::atomic::AtomicBool::new(false),
            instance: next_instance(),
            attached: false,
            read_only,
            recovery: std::sync::Mutex::new(None),
        })
    }

    /// Whether this env was opened with [`Env::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Fails with [`HeapError::ReadOnly`] if this env is read-only: called
    /// before anything that writes to the file.
    #[inline]
    pub(crate) fn writable(&self, what: &'static str) -> Result<()> {
        if self.read_only {
            Err(HeapError::ReadOnly {
                path: self.path.clone(),
                what,
            })
        } else {
            Ok(())
        }
    }

    /// What the recovery sweep run when this env opened the file did, if
    /// it ran one (the file was left unclean and this env opened it alone).
    pub fn recovery_report(&self) -> Option<crate::sweep::SweepReport> {
        self.recovery
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_deref()
            .cloned()
    }

    /// Registers this env as a user of the file, first marking the file
    /// in use (clean flag 0, durably: see [`Env::mark_in_use`]).
    ///
    /// When it is alone, it decides what the previous session left:
    /// - clean flag 1 (the last close synced the heap, then the flag):
    ///   nothing to recover, whatever boot closed it (a reboot after a
    ///   clean close keeps every store);
    /// - unclean, and the header's boot id is this boot's: a process died
    ///   holding the file; the page cache kept every store, so a sweep
    ///   gets back what the dead process leaked;
    /// - unclean, and another boot's id: the OS crashed (or restarted)
    ///   with the file in use, so unsynced pages may be lost: restore the
    ///   newest checkpoint, then sweep.
    ///
    /// The boot id becomes this boot's only once that is settled
    /// (recovered, or nothing to recover); an env opened with
    /// `recover(false)` on an unclean file leaves it as it was. An env that
    /// is not alone leaves the boot id alone: whoever attached first this
    /// boot already settled it.
    fn attach(&self, recover: bool, on_wait: Option<fn(&Path)>) -> Result<()> {
        self.wait_open_lock(on_wait)
            .map_err(|e| io_err(&self.path, "lock for open", e))?;
        let alone = lock::try_lock_byte(&self.file, header::LOCK_OPEN)
            .map_err(|e| io_err(&self.path, "lock for open", e))?;
        if !alone {
            // Two envs opening together both see the other: neither is
            // alone, so each marks the file in use itself (a last closer
            // cannot mark it clean while this env holds its shared lock).
            self.validate_participants()?;
            self.mark_in_use()?;
            self.hdr(header::OFF_OPEN_COUNT)
                .fetch_add(1, Ordering::AcqRel);
            return Ok(());
        }
        let result = (|| {
            let this_boot = crate::checkpoint::boot_id();
            // Only a durable clean mark is ever stored (see `Drop`), so it
            // is trusted on any boot.
            let clean = self.hdr(header::OFF_CLEAN).load(Ordering::Acquire) == 1;
            let other_boot = self.hdr(header::OFF_BOOT_ID).load(Ordering::Acquire) != this_boot;
            // A sweep (after a crash) clears every retire list; otherwise
            // the lists left in the table must be sound.
            if clean || !recover || self.carved_len() <= HEADER_LEN {
                self.validate_participants()?;
            }
            // Unclean (durably) from here until the last close, also while
            // recovery runs and if it fails.
            self.mark_in_use()?;
            let mut recovered = true;
            if !clean && self.carved_len() > HEADER_LEN {
                if recover {
                    if other_boot {
                        // An OS crash: unsynced pages may be lost, back to
                        // the newest checkpoint.
                        self.restore_checkpoint()?;
                    }
                    let report = self.sweep_exclusive()?;
                    *self.recovery.lock().unwrap_or_else(|p| p.into_inner()) =
                        Some(Box::new(report));
                } else {
                    // Left unswept: this env must not mark the file clean,
                    // nor record this boot (the restore is still due).
                    self.unrecovered.store(true, Ordering::Release);
                    recovered = false;
                }
            }
            self.hdr(header::OFF_OPEN_COUNT).store(1, Ordering::Release);
            if recovered {
                self.hdr(header::OFF_BOOT_ID)
                    .store(this_boot, Ordering::Release);
            }
            Ok(())
        })();
        lock::downgrade(&self.file, header::LOCK_OPEN)
            .map_err(|e| io_err(&self.path, "lock for open", e))?;
        result
    }

    /// Takes the shared open lock, waiting while another env has the file
    /// to itself (a recovery sweep); after about a second of waiting,
    /// calls `on_wait` once, then blocks until the lock is free.
    fn wait_open_lock(&self, on_wait: Option<fn(&Path)>) -> std::io::Result<()> {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(1) {
            if lock::try_lock_shared(&self.file, header::LOCK_OPEN)? {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if let Some(notice) = on_wait {
            notice(&self.path);
        }
        lock::lock_shared(&self.file, header::LOCK_OPEN)
    }

    /// Sets the clean flag to 0 and, if it was set, syncs the file before
    /// anything else is written: a clean flag left on disk next to stores
    /// that are not durable would make the next boot trust lost pages.
    /// Serialized by the carve lock, so an env attaching at the same time
    /// that finds the flag already 0 knows it is on disk. If the sync
    /// fails the flag is put back (the file is as durable as it was).
    fn mark_in_use(&self) -> Result<()> {
        let _carve = self.carve_lock()?;
        let was = self.hdr(header::OFF_CLEAN).swap(0, Ordering::AcqRel);
        if was != 0
            && let Err(e) = self.file.sync_data()
        {
            self.hdr(header::OFF_CLEAN).store(was, Ordering::Release);
            return Err(io_err(&self.path, "sync env file at open", e));
        }
        Ok(())
    }

    /// The clean close of the last env: makes the whole heap durable, then
    /// stores the clean flag with this boot's id and makes that durable
    /// too. Only then is the file cleanly closed, and a later lone open
    /// (after a reboot too) trusts it. If the first sync fails the flag
    /// stays 0, so the next lone open recovers. The caller is alone on the
    /// file (exclusive open lock) with nothing attached.
    fn mark_clean(&self) -> std::io::Result<()> {
        // On Linux `fdatasync` writes back the pages dirtied through the
        // shared mapping as well (as for a checkpoint).
        self.file.sync_data()?;
        self.hdr(header::OFF_BOOT_ID)
            .store(crate::checkpoint::boot_id(), Ordering::Release);
        self.hdr(header::OFF_CLEAN).store(1, Ordering::Release);
        self.file.sync_data()
    }

    /// Runs `f` with this env proven alone on the file (an exclusive lock
    /// on the open byte), or fails with `NotAlone`.
    pub(crate) fn exclusive<T>(&mut self, f: impl FnOnce(&Env) -> Result<T>) -> Result<T> {
        self.writable("sweep")?;
        let alone = lock::try_lock_byte(&self.file, header::LOCK_OPEN)
            .map_err(|e| io_err(&self.path, "lock for sweep", e))?;
        if !alone {
            return Err(HeapError::NotAlone {
                path: self.path.clone(),
            });
        }
        let result = f(self);
        lock::downgrade(&self.file, header::LOCK_OPEN)
            .map_err(|e| io_err(&self.path, "lock for sweep", e))?;
        result
    }

    /// The participant slots this process holds.
    pub(crate) fn slots_held(&self) -> std::sync::MutexGuard<'_, crate::epoch::SlotSet> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Unique id of this `Env` value in the process.
    pub(crate) fn instance(&self) -> u64 {
        self.instance
    }

    /// The env file.
    pub(crate) fn file(&self) -> &File {
        &self.file
    }

    /// The path this env was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The reserved map size recorded in the header.
    pub fn map_size(&self) -> u64 {
        self.fixed.map_size
    }

    /// The random id of this env file (the same in every process).
    pub fn env_id(&self) -> u64 {
        self.fixed.env_id
    }

    /// The committed file length: every offset below it is backed by the file.
    pub fn file_len(&self) -> u64 {
        match header::unseal(self.hdr(header::OFF_FILE_LEN).load(Ordering::Acquire)) {
            Some(len) => {
                self.known_len.fetch_max(len, Ordering::Relaxed);
                len
            }
            // A corrupted word is never trusted: keep what was last seen.
            None => self.known_len.load(Ordering::Relaxed),
        }
    }

    /// An atomic word of the header. `off` is one of the `header::OFF_*`
    /// constants (8-aligned, below [`HEADER_LEN`]).
    pub(crate) fn hdr(&self, off: u64) -> &AtomicU64 {
        debug_assert!(off % 8 == 0 && off + 8 <= HEADER_LEN);
        let off = off.min(HEADER_LEN - 8) & !7;
        // SAFETY: `off` is 8-aligned and below HEADER_LEN, which the file
        // always holds (validated at open), so the word is mapped and backed;
        // the mapping is page-aligned and lives as long as `self`. All
        // concurrent access to header words is atomic.
        unsafe { &*(self.map.as_mut_ptr().add(off as usize) as *const AtomicU64) }
    }

    /// Checks that `off..off+len` lies in the allocated part of the file
    /// (past the header, below the committed length) and `off` is `align`-aligned.
    pub(crate) fn check_range(&self, off: u64, len: u64, align: u64) -> Result<()> {
        if off % align != 0 {
            return Err(HeapError::BadOffset {
                offset: off,
                detail: "misaligned",
            });
        }
        let end = off.checked_add(len).ok_or_else(|| HeapError::BadOffset {
            offset: off,
            detail: "overflow",
        })?;
        if off < HEADER_LEN
            || (end > self.known_len.load(Ordering::Relaxed) && end > self.file_len())
        {
            return Err(HeapError::BadOffset {
                offset: off,
                detail: "outside the allocated file",
            });
        }
        Ok(())
    }

    /// Hints the CPU to fetch the header of the object `w` refers to, so
    /// that the misses of a batch of reference-count updates on cold nodes
    /// (a path copy's siblings, a freed node's children) overlap instead of
    /// queueing behind each locked instruction. Never faults; a no-op for
    /// immediates, offsets outside the file and other architectures.
    #[inline]
    pub(crate) fn prefetch(&self, w: Word) {
        #[cfg(target_arch = "x86_64")]
        if let Some(off) = w.as_object()
            && off < self.known_len.load(Ordering::Relaxed)
        {
            // SAFETY: `off` is below the committed file length, so the
            // address lies inside the mapping; a prefetch reads nothing
            // the program can observe and never faults.
            unsafe {
                use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
                _mm_prefetch::<_MM_HINT_T0>(self.map.as_ptr().add(off as usize) as *const i8);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = w;
    }

    /// The base of the mapping (for `object`, which checks its ranges).
    pub(crate) fn map_ptr(&self) -> *mut u8 {
        self.map.as_mut_ptr()
    }

    /// The atomic u64 at `off` in the data area.
    pub(crate) fn word_at(&self, off: u64) -> Result<&AtomicU64> {
        self.check_range(off, 8, 8)?;
        // SAFETY: check_range proved the word is 8-aligned, inside the
        // mapping and backed by the file (no SIGBUS). Shared mutable words
        // are only ever accessed atomically.
        Ok(unsafe { &*(self.map.as_mut_ptr().add(off as usize) as *const AtomicU64) })
    }

    /// The atomic u32 at `off` in the data area.
    pub(crate) fn u32_at(&self, off: u64) -> Result<&AtomicU32> {
        self.check_range(off, 4, 4)?;
        // SAFETY: as in `word_at`, for a 4-aligned u32.
        Ok(unsafe { &*(self.map.as_mut_ptr().add(off as usize) as *const AtomicU32) })
    }

    /// The immutable bytes `off..off+len` of an object (bounds-checked:
    /// `BadOffset` outside the allocated file).
    ///
    /// # Safety
    /// The bytes are not written while the returned slice lives: they are
    /// payload bytes of an object that were fully written before the
    /// Release store that published it (objects never change once
    /// published), and the object stays reachable (not freed and reused)
    /// for the slice's lifetime.
    pub(crate) unsafe fn bytes(&self, off: u64, len: u64) -> Result<&[u8]> {
        self.check_range(off, len, 1)?;
        // SAFETY: the range is mapped and backed (check_range); the caller
        // guarantees nobody writes the bytes while the slice lives, so a
        // shared slice does not race with writers.
        Ok(
            unsafe {
                std::slice::from_raw_parts(self.map.as_ptr().add(off as usize), len as usize)
            },
        )
    }

    /// Writes `data` at `off` (bounds-checked: `BadOffset` outside the
    /// allocated file).
    ///
    /// # Safety
    /// `off..off + data.len()` lies in a block the calling thread owns
    /// exclusively: freshly allocated and not yet published, so no other
    /// thread or process reads or writes it.
    pub(crate) unsafe fn write_private(&self, off: u64, data: &[u8]) -> Result<()> {
        self.check_range(off, data.len() as u64, 1)?;
        // SAFETY: the range is mapped and backed (check_range); the caller
        // owns the block until it publishes it, so nobody else reads or
        // writes these bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(
                data.as_ptr(),
                self.map.as_mut_ptr().add(off as usize),
                data.len(),
            );
        }
        Ok(())
    }

    /// Takes the carve lock: serializes carving fresh memory and growing
    /// the file across threads (process mutex) and processes (OFD lock,
    /// released by the kernel if the holder dies).
    pub(crate) fn carve_lock(&self) -> Result<ByteLockGuard<'_>> {
        self.grow_lock
            .lock(&self.file)
            .map_err(|e| io_err(&self.path, "lock for growth", e))
    }

    /// Takes the lock that serializes ref transaction commits (threads and
    /// processes; released by the kernel if the holder dies): the
    /// evaluator validates and applies a transaction's writes under it.
    pub fn ref_commit_lock(&self) -> Result<ByteLockGuard<'_>> {
        self.ref_commit_lock
            .lock(&self.file)
            .map_err(|e| io_err(&self.path, "lock for a ref commit", e))
    }

    /// Takes the checkpoint lock (threads and processes; released by the
    /// kernel if the holder dies).
    pub(crate) fn checkpoint_lock(&self) -> Result<ByteLockGuard<'_>> {
        self.checkpoint_lock
            .lock(&self.file)
            .map_err(|e| io_err(&self.path, "lock for checkpoint", e))
    }

    /// Makes sure the file is at least `needed` bytes long. The caller holds
    /// the carve lock. Never shrinks; `EnvFull` past the map size or when
    /// the disk refuses. The new length is synced to disk before it is
    /// published in the header.
    pub(crate) fn grow_locked(&self, needed: u64, _lock: &ByteLockGuard<'_>) -> Result<()> {
        let full = |reason| HeapError::EnvFull {
            path: self.path.clone(),
            reason,
            requested: needed,
        };
        let map_size = self.fixed.map_size;
        if needed > map_size {
            return Err(full(FullReason::MapSize));
        }
        let cur = self.file_len();
        if needed <= cur {
            return Ok(());
        }
        let step = (cur / 4).max(MIN_GROWTH);
        let target = (needed.max(cur + step).div_ceil(MIN_GROWTH) * MIN_GROWTH).min(map_size);
        let target = target.max(needed.div_ceil(PAGE_SIZE) * PAGE_SIZE);
        let grown = match file::fallocate(&self.file, cur, target - cur) {
            Ok(()) => target,
            // Retry with only what is needed before calling the disk full.
            Err(e) if file::is_disk_full(&e) && target > needed => {
                let exact = needed.div_ceil(PAGE_SIZE) * PAGE_SIZE;
                match file::fallocate(&self.file, cur, exact - cur) {
                    Ok(()) => exact,
                    Err(e) if file::is_disk_full(&e) => return Err(full(FullReason::Disk)),
                    Err(e) => return Err(io_err(&self.path, "grow env file", e)),
                }
            }
            Err(e) if file::is_disk_full(&e) => return Err(full(FullReason::Disk)),
            Err(e) => return Err(io_err(&self.path, "grow env file", e)),
        };
        // Publish the new length only once the disk space exists, durably:
        // after an OS crash the header (which may reach the disk) must not
        // claim more than the file holds, or the next open would refuse the
        // file as truncated before it could recover. Growth is rare (by at
        // least a quarter of the file), so the sync costs little.
        self.file
            .sync_data()
            .map_err(|e| io_err(&self.path, "sync env file growth", e))?;
        self.hdr(header::OFF_FILE_LEN)
            .store(header::seal(grown), Ordering::Release);
        self.known_len.fetch_max(grown, Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for Env {
    /// Detaches: the last env to close (alone on the file) marks it clean
    /// durably (see [`Env::mark_clean`]), unless an attachment was never
    /// given back (a process died), this env left the file unrecovered, or
    /// it never attached (its open failed).
    fn drop(&mut self) {
        if !self.attached {
            // Never counted as open (recovery failed, or the open lock
            // could not be taken): nothing to give back, and the file's
            // state must stay as unclean as it was.
            return;
        }
        // A count already at zero means the accounting is broken: give up
        // nothing below zero, and do not vouch for the file.
        let left = self
            .hdr(header::OFF_OPEN_COUNT)
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| c.checked_sub(1))
            .map(|old| old - 1);
        if let Ok(true) = lock::try_lock_byte(&self.file, header::LOCK_OPEN) {
            if left == Ok(0) && !self.unrecovered.load(Ordering::Acquire) {
                // A failed sync cannot be reported from `drop`: it leaves
                // the file unclean (first sync) or clean with the heap
                // already durable (second sync), both safe.
                let _ = self.mark_clean();
            } else {
                self.hdr(header::OFF_OPEN_COUNT).store(0, Ordering::Release);
            }
        }
        // Closing the file (after this) releases the OFD locks.
    }
}
