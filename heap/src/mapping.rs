//! [`Mapping`]: the env file and its single `MAP_SHARED` mapping of the
//! full reserved map size. Owns the bounds-checked atomic accessors to
//! words of the mapping, the raw byte accessors (`unsafe fn`s whose
//! callers prove the bytes are not written meanwhile), the file's locks,
//! and the growth of the file under the inter-process growth lock.
//!
//! Invariant: the base address never moves (the mapping is never remapped)
//! and every byte below the header's committed file length is backed by the
//! file, so accessing it never raises SIGBUS.

use crate::error::{FullReason, HeapError, Result};
use crate::file::{self, io_err};
use crate::header::{self, Fixed, HEADER_LEN, PAGE_SIZE};
use crate::lock::{ByteLock, ByteLockGuard};
use crate::word::Word;
use memmap2::{MmapOptions, MmapRaw};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, AtomicU16, AtomicU32, AtomicU64, Ordering};

/// Growth step floor: the file grows by at least this much at a time.
const MIN_GROWTH: u64 = 1 << 20;

/// One env file mapped once at its reserved size: the lowest layer of an
/// [`Env`](crate::Env), shared by every thread of the process.
#[derive(Debug)]
pub(crate) struct Mapping {
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
    /// The sealed file-length word `file_len` last unsealed (its value is
    /// in `known_len` already): the same word again needs no unsealing.
    last_sealed_len: AtomicU64,
    /// Mapped read-only (`Env::open_read_only`): every change is refused
    /// before it writes.
    read_only: bool,
}

impl Mapping {
    /// Maps the validated env file `file` (fixed fields `fixed`, committed
    /// length `len0`), read-only or shared read-write. The
    /// mapping covers the whole reserved size, past the end of the file:
    /// pages become usable as the file grows, and the base never moves.
    pub(crate) fn new(
        path: &Path,
        file: File,
        fixed: Fixed,
        len0: u64,
        read_only: bool,
    ) -> Result<Mapping> {
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
        Ok(Mapping {
            path: path.to_path_buf(),
            file,
            map,
            fixed,
            grow_lock: ByteLock::new(header::LOCK_GROW),
            checkpoint_lock: ByteLock::new(header::LOCK_CHECKPOINT),
            ref_commit_lock: ByteLock::new(header::LOCK_REF_COMMIT),
            known_len: AtomicU64::new(len0),
            last_sealed_len: AtomicU64::new(header::seal(len0)),
            read_only,
        })
    }

    /// Whether the file is mapped read-only (opened with
    /// `Env::open_read_only`).
    pub(crate) fn is_read_only(&self) -> bool {
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

    /// The env file.
    pub(crate) fn file(&self) -> &File {
        &self.file
    }

    /// The path this env was opened from.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The reserved map size recorded in the header.
    pub(crate) fn map_size(&self) -> u64 {
        self.fixed.map_size
    }

    /// The random id of this env file (the same in every process).
    pub(crate) fn env_id(&self) -> u64 {
        self.fixed.env_id
    }

    /// The committed file length: every offset below it is backed by the file.
    /// Fast path: the sealed word is the one last unsealed (its value is
    /// its high bits; `known_len` already holds it), so neither the check
    /// bits nor `known_len` are computed again.
    #[inline]
    pub(crate) fn file_len(&self) -> u64 {
        let raw = self.hdr(header::OFF_FILE_LEN).load(Ordering::Acquire);
        if raw == self.last_sealed_len.load(Ordering::Relaxed) {
            return raw & !(PAGE_SIZE - 1);
        }
        self.file_len_slow(raw)
    }

    #[cold]
    #[inline(never)]
    fn file_len_slow(&self, raw: u64) -> u64 {
        match header::unseal(raw) {
            Some(len) => {
                self.known_len.fetch_max(len, Ordering::Relaxed);
                self.last_sealed_len.store(raw, Ordering::Relaxed);
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
    /// Inlined fast path: a mask, two compares and an add against the
    /// length this process last saw; anything else (an error, or a range
    /// past that length that another process may have grown the file to)
    /// goes to the cold path, which rereads the header's length.
    #[inline]
    pub(crate) fn check_range(&self, off: u64, len: u64, align: u64) -> Result<()> {
        if off % align == 0
            && off >= HEADER_LEN
            && off
                .checked_add(len)
                .is_some_and(|end| end <= self.known_len())
        {
            return Ok(());
        }
        self.check_range_slow(off, len, align)
    }

    #[cold]
    #[inline(never)]
    fn check_range_slow(&self, off: u64, len: u64, align: u64) -> Result<()> {
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

    /// The largest committed file length this process has seen: every
    /// byte below it is mapped and backed by the file (the file never
    /// shrinks). A range past it may still be inside the file, if another
    /// process grew it: [`Mapping::check_range`] then rereads the header.
    #[inline]
    pub(crate) fn known_len(&self) -> u64 {
        self.known_len.load(Ordering::Relaxed)
    }

    /// The atomic u64 at `off`, unchecked.
    ///
    /// # Safety
    /// `off` is 8-aligned, at least [`HEADER_LEN`], and `off + 8` is at
    /// most [`Mapping::known_len`] (so the word is mapped and backed).
    #[inline]
    pub(crate) unsafe fn word_unchecked(&self, off: u64) -> &AtomicU64 {
        debug_assert!(off % 8 == 0 && off >= HEADER_LEN && off + 8 <= self.known_len());
        // SAFETY: by the caller's guarantee the word is aligned, inside the
        // mapping and backed by the file; shared words are only ever
        // accessed atomically.
        unsafe { &*(self.map.as_mut_ptr().add(off as usize) as *const AtomicU64) }
    }

    /// [`Mapping::prefetch_all`] of words read from the file (a node's
    /// payload).
    #[inline]
    pub(crate) fn prefetch_words(&self, words: &[AtomicU64]) {
        self.prefetch_each(words.iter().map(|w| w.load(Ordering::Relaxed)));
    }

    /// [`Mapping::prefetch`] of each word of `words` (the file length
    /// read once).
    #[inline]
    pub(crate) fn prefetch_all(&self, words: &[u64]) {
        self.prefetch_each(words.iter().copied());
    }

    /// The body of `prefetch_words` and `prefetch_all`: the file length read
    /// once, then a prefetch of each object word below it.
    #[inline(always)]
    fn prefetch_each(&self, words: impl Iterator<Item = u64>) {
        #[cfg(target_arch = "x86_64")]
        {
            let known = self.known_len.load(Ordering::Relaxed);
            for w in words {
                if let Some(off) = Word::from_bits(w).as_object()
                    && off < known
                {
                    // SAFETY: as in `prefetch`: below the committed file
                    // length, inside the mapping; a prefetch never faults.
                    unsafe {
                        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
                        _mm_prefetch::<_MM_HINT_T0>(
                            self.map.as_ptr().add(off as usize) as *const i8
                        );
                    }
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = words;
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

    /// The base of the mapping (for `object` and the sweep, which check
    /// their ranges).
    pub(crate) fn map_ptr(&self) -> *mut u8 {
        self.map.as_mut_ptr()
    }

    /// The atomic u64 at `off` in the data area.
    #[inline]
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

    /// The atomic u16 at `off` in the data area (an element of a short or
    /// char array).
    pub(crate) fn u16_at(&self, off: u64) -> Result<&AtomicU16> {
        self.check_range(off, 2, 2)?;
        // SAFETY: as in `word_at`, for a 2-aligned u16.
        Ok(unsafe { &*(self.map.as_mut_ptr().add(off as usize) as *const AtomicU16) })
    }

    /// The atomic u8 at `off` in the data area (an element of a byte or
    /// boolean array).
    pub(crate) fn u8_at(&self, off: u64) -> Result<&AtomicU8> {
        self.check_range(off, 1, 1)?;
        // SAFETY: as in `word_at`, for a byte (any alignment).
        Ok(unsafe { &*(self.map.as_mut_ptr().add(off as usize) as *const AtomicU8) })
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
    pub(crate) fn ref_commit_lock(&self) -> Result<ByteLockGuard<'_>> {
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
