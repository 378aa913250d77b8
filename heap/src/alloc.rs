//! The allocator ([`Allocator`]): lock-free ABA-tagged free lists whose heads
//! live in the header, carving of fresh memory from the bump pointer, page
//! runs for large blocks, and free runs. The layout it works by (classes,
//! carve headers, free-block words, head words) is `block_layout.rs`.
//!
//! - Classes 0..8 are 16..=128 bytes in steps of 16; above that four classes
//!   per doubling (160, 192, 224, 256, 320, …). Every block is 16-aligned.
//! - Classes of [`LARGE_MIN`] bytes and more are whole page runs, carved one at
//!   a time, page-aligned. Smaller classes are carved from 64 KiB chunks.
//! - A free-list head is `tag << 40 | offset >> 4`; every push and pop bumps
//!   the 24-bit tag, so a head that was popped and pushed back in between a
//!   load and a CAS makes the CAS fail (ABA safety).
//! - A free block holds `next << 20 | 0xFFFFF` (the next free block's
//!   offset, tagged so its low byte is no object kind) in its first word and
//!   [`FREE_MARK`]` | class` in its second. The first word of every block is
//!   only ever accessed atomically (a stale popper may read it while the
//!   block is being reused).
//! - Carving never goes past the committed file length: the bump pointer
//!   only advances by CAS within it, and the file grows first when needed.
//! - **Free runs** (made by the sweep from whole carves with nothing live):
//!   a carve of the pseudo-class [`RUN_CLASS`] whose span is any page
//!   multiple of at least [`LARGE_MIN`]; its one "block" at `+16` holds the
//!   run-list link and `FREE_MARK | RUN_CLASS`, and only its first page is
//!   ever read while it is free: the rest may be a hole punched in the file
//!   (see `Env::sweep`). `Allocator::alloc` carves from the head run before
//!   the bump pointer: it `fallocate`s the part it takes (so a punched page
//!   is backed again before anyone writes to it, and a full disk is an
//!   error, not a SIGBUS), and splits the run from the front, writing the
//!   rest's header first, then the taken carve's span, then its class, so
//!   a concurrent walk always parses the heap. A small class carves up to
//!   [`CHUNK`] from a run (the whole run when less than [`LARGE_MIN`] would
//!   be left), so small carves span [`LARGE_MIN`]` ..= CHUNK + LARGE_MIN - PAGE_SIZE`.

use crate::block_layout::{
    Block, CARVE_HEADER, CARVE_MAGIC, CHUNK, CLASS_COUNT, FREE_MARK, LARGE_MIN, RUN_CLASS,
    block_size, block_size_of, class_of, class_size, free_link, head_off, head_tag, link_target,
    pack, valid_span,
};
use crate::error::{HeapError, Result};
use crate::header;
use crate::mapping::Mapping;
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs at the head of the run list a large allocation looks at for one
/// that fits.
const RUN_SCAN: usize = 16;

/// Bytes of a free-list entry of `class` that a pop reads (a run's entry
/// is just its link and mark: the rest of a run may be a hole).
fn entry_len(class: usize) -> u64 {
    if class == RUN_CLASS {
        16
    } else {
        block_size_of(class)
    }
}

/// `class_of(size)` for the sizes of classes 0..8 (16..=128 bytes in steps
/// of 16, see the module comment), computed without `class_of`'s general
/// search: the short strings and boxed numbers most temporaries are.
#[inline(always)]
fn small_class_of(size: u64) -> Option<usize> {
    (size <= 128).then_some((size.saturating_sub(1) >> 4) as usize)
}

/// The allocator of one mapped env file: a view of its [`Mapping`] whose
/// state (free-list heads, bump pointer, free runs) lives in the file's
/// header, plus the calling thread's block cache (`cache.rs`). Made by
/// `Env::allocator`; as cheap as the reference it holds.
#[derive(Clone, Copy)]
pub(crate) struct Allocator<'m> {
    /// The file the allocator carves.
    pub(crate) mapping: &'m Mapping,
    /// The id of the `Env` value in this process: keys thread caches.
    pub(crate) instance: u64,
}

impl<'m> Allocator<'m> {
    /// The head of `class`'s free list, in the header.
    pub(crate) fn free_head(&self, class: usize) -> &'m AtomicU64 {
        self.mapping.hdr(header::OFF_FREE_HEADS + 8 * class as u64)
    }

    /// Allocates a block of at least `size` bytes. Its contents are
    /// unspecified (zero if fresh, old data if reused). Inlined: a block
    /// of up to 128 bytes found in the thread's cache is a few loads and
    /// stores; everything else (a read-only env's refusal included) is
    /// `alloc_slow`'s.
    #[inline]
    pub(crate) fn alloc(&self, size: u64) -> Result<Block> {
        if !self.mapping.is_read_only()
            && let Some(class) = small_class_of(size)
            && let Some(offset) = self.cache_take(class)
        {
            return Ok(Block { offset, class });
        }
        self.alloc_slow(size)
    }

    /// `alloc` with every check: refused on a read-only env, any size,
    /// the cache then the shared lists.
    #[inline(never)]
    fn alloc_slow(&self, size: u64) -> Result<Block> {
        self.mapping.writable("allocate")?;
        let class = class_of(size)?;
        if let Some(offset) = self.cache_take(class) {
            return Ok(Block { offset, class });
        }
        self.alloc_shared(class)
    }

    /// `alloc` of a block of `class` from the shared lists (or fresh
    /// memory): no cache, an empty one, or a large class.
    #[inline(never)]
    fn alloc_shared(&self, class: usize) -> Result<Block> {
        loop {
            if let Some(offset) = self.pop_free(class)? {
                return Ok(Block { offset, class });
            }
            if let Some(offset) = self.refill(class)? {
                return Ok(Block { offset, class });
            }
        }
    }

    /// Returns `block` to its class's free list.
    ///
    /// # Safety
    /// `block` came from `Env::alloc` on this env file, has not been freed
    /// since, and no thread or process reads or writes it afterwards (the
    /// reclamation layer guarantees that for shared objects). Otherwise its
    /// next owner's writes race with those reads.
    pub(crate) unsafe fn free(&self, block: Block) -> Result<()> {
        if block.class >= CLASS_COUNT {
            return Err(HeapError::BadOffset {
                offset: block.offset,
                detail: "bad size class",
            });
        }
        self.mapping
            .check_range(block.offset, block_size_of(block.class), 16)?;
        // No longer an object: the first word becomes a (tagged) link, so
        // the block never reads as an object header again while free.
        self.mapping
            .word_at(block.offset)?
            .store(free_link(0), Ordering::Relaxed);
        self.mapping
            .word_at(block.offset + 8)?
            .store(FREE_MARK | block.class as u64, Ordering::Relaxed);
        if self.cache_put(block.class, block.offset) {
            return Ok(());
        }
        self.push_chain(block.class, block.offset, block.offset)
    }

    /// `free` of the block at `off` of `class` whose bounds the caller
    /// has checked against the known file length: the fast path of a
    /// leaf whose count just reached zero (`Env::drop_ref`), which read
    /// the class from the header word its count change compared.
    ///
    /// # Safety
    /// As [`Allocator::free`], and `off` is 16-aligned, at least
    /// `HEADER_LEN`, `class < CLASS_COUNT`, and `off + block_size_of(class)`
    /// is at most `mapping.known_len()`.
    #[inline]
    pub(crate) unsafe fn free_in_bounds(&self, off: u64, class: usize) -> Result<()> {
        // SAFETY: by the caller's guarantee both words lie in the block,
        // which is aligned, past the header and below the known length.
        let (link, mark) = unsafe {
            (
                self.mapping.word_unchecked(off),
                self.mapping.word_unchecked(off + 8),
            )
        };
        link.store(free_link(0), Ordering::Relaxed);
        mark.store(FREE_MARK | class as u64, Ordering::Relaxed);
        if self.cache_put(class, off) {
            return Ok(());
        }
        self.push_one(class, off)
    }

    /// `push_chain` of the one block `off`, out of line: the frees that
    /// miss the thread's cache.
    #[cold]
    #[inline(never)]
    fn push_one(&self, class: usize, off: u64) -> Result<()> {
        self.push_chain(class, off, off)
    }

    /// Pushes the marked free blocks `blocks` of `class` onto its shared
    /// list as one chain.
    pub(crate) fn give_back(&self, class: usize, blocks: &[u64]) -> Result<()> {
        let (Some(&first), Some(&last)) = (blocks.first(), blocks.last()) else {
            return Ok(());
        };
        for pair in blocks.windows(2) {
            self.mapping
                .word_at(pair[0])?
                .store(free_link(pair[1]), Ordering::Relaxed);
        }
        self.push_chain(class, first, last)
    }

    /// Pops up to `n` blocks of `class` from its shared list with one CAS:
    /// the chain under an unchanged (tagged) head cannot have changed.
    pub(crate) fn pop_batch(&self, class: usize, n: usize) -> Result<Vec<u64>> {
        let mut chain = vec![0; n.max(1)];
        let got = self.pop_into(class, &mut chain)?;
        chain.truncate(got);
        Ok(chain)
    }

    /// Pops a block of `class`, or `None` if its list is empty.
    fn pop_free(&self, class: usize) -> Result<Option<u64>> {
        let mut one = [0];
        Ok((self.pop_into(class, &mut one)? == 1).then_some(one[0]))
    }

    /// Pops up to `chain.len()` (at least 1) blocks of `class` into
    /// `chain`; returns how many.
    pub(crate) fn pop_into(&self, class: usize, chain: &mut [u64]) -> Result<usize> {
        let head = self.free_head(class);
        let mut h = head.load(Ordering::Acquire);
        'retry: loop {
            let first = head_off(h);
            if first == 0 || chain.is_empty() {
                return Ok(0);
            }
            // A block may be popped and reused by someone else meanwhile:
            // then the links read are stale, but the tag has moved and the
            // CAS fails.
            chain[0] = first;
            let mut len = 1;
            let mut after = link_target(self.mapping.word_at(first)?.load(Ordering::Acquire));
            loop {
                if after != 0
                    && self
                        .mapping
                        .check_range(after, entry_len(class), 16)
                        .is_err()
                {
                    h = self.recheck_head(head, h, after)?;
                    continue 'retry;
                }
                if len >= chain.len() || after == 0 {
                    break;
                }
                chain[len] = after;
                len += 1;
                after = link_target(self.mapping.word_at(after)?.load(Ordering::Acquire));
            }
            match head.compare_exchange_weak(
                h,
                pack(head_tag(h) + 1, after),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => {
                    // The blocks are ours now: each must carry the free mark.
                    for &b in &chain[..len] {
                        if self.mapping.word_at(b + 8)?.load(Ordering::Relaxed)
                            != FREE_MARK | class as u64
                        {
                            return Err(HeapError::BadOffset {
                                offset: b,
                                detail: "free list entry is not a free block",
                            });
                        }
                    }
                    return Ok(len);
                }
                Err(now) => h = now,
            }
        }
    }

    /// A link out of range was read under head `h`: the newest head, to
    /// retry with, or an error if the head is unchanged (then the link
    /// really is corrupt). A read-modify-write sees the newest head; a plain
    /// load may not (found by the loom model in tests/model_free_list.rs).
    fn recheck_head(&self, head: &AtomicU64, h: u64, link: u64) -> Result<u64> {
        let now = head.fetch_add(0, Ordering::AcqRel);
        if now == h {
            return Err(HeapError::BadOffset {
                offset: link,
                detail: "corrupt free list link",
            });
        }
        Ok(now)
    }

    /// Pushes the chain `first ..= last` (already linked through first
    /// words) onto the free list of `class`.
    pub(crate) fn push_chain(&self, class: usize, first: u64, last: u64) -> Result<()> {
        let head = self.free_head(class);
        let link = self.mapping.word_at(last)?;
        let mut h = head.load(Ordering::Acquire);
        loop {
            link.store(free_link(head_off(h)), Ordering::Release);
            match head.compare_exchange_weak(
                h,
                pack(head_tag(h) + 1, first),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Ok(()),
                Err(now) => h = now,
            }
        }
    }

    /// Carves memory for `class`: from the head free run if it fits (see
    /// [`Allocator::carve_from_run`]), else fresh from the bump pointer under the
    /// carve lock: a page run holding one block for a large class, or a
    /// 64 KiB chunk of blocks for a small one. The carve header and every
    /// block's free mark are written *before* the bump pointer moves past
    /// them, so a process killed at any instant leaves either an untouched
    /// region past the bump pointer or a fully described carve
    /// (`Env::walk_blocks` can always parse the heap). Returns the first
    /// block; the others go on the free list.
    fn refill(&self, class: usize) -> Result<Option<u64>> {
        let size = class_size(class);
        if let Some(first) = self.carve_from_run(class)? {
            return Ok(Some(first));
        }
        let span = if size >= LARGE_MIN { size } else { CHUNK };
        let first = {
            let lock = self.mapping.carve_lock()?;
            let bump = self.mapping.hdr(header::OFF_BUMP);
            let sealed = bump.load(Ordering::Acquire);
            let b = header::unseal(sealed).ok_or_else(|| HeapError::BadOffset {
                offset: sealed,
                detail: "corrupt bump pointer",
            })?;
            let end = b
                .checked_add(span)
                .ok_or_else(|| HeapError::TooLarge { size: span })?;
            self.mapping.grow_locked(end, &lock)?;
            self.mapping.word_at(b + 8)?.store(span, Ordering::Relaxed);
            self.format_blocks(b, span, class)?;
            self.mapping
                .word_at(b)?
                .store(CARVE_MAGIC | class as u64, Ordering::Relaxed);
            // Publishes the carve: everything below the bump pointer is described.
            bump.store(header::seal(end), Ordering::Release);
            b
        };
        Ok(Some(self.publish_carve_blocks(first, span, class)?))
    }

    /// Writes the free links and marks of the blocks of a carve of `class`
    /// spanning `span` bytes at `b` (the first block's link is 0 and the
    /// others are chained from the second on, for
    /// [`Allocator::publish_carve_blocks`]). The caller owns the memory.
    fn format_blocks(&self, b: u64, span: u64, class: usize) -> Result<()> {
        let stride = block_size(class);
        let count = (span - CARVE_HEADER) / stride;
        let mark = FREE_MARK | class as u64;
        for i in 0..count {
            let blk = b + CARVE_HEADER + i * stride;
            let next = if i >= 1 && i + 1 < count {
                blk + stride
            } else {
                0
            };
            self.mapping
                .word_at(blk)?
                .store(free_link(next), Ordering::Relaxed);
            self.mapping
                .word_at(blk + 8)?
                .store(mark, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Pushes every block but the first of the (published) carve at `b`
    /// onto its class's list; returns the first.
    fn publish_carve_blocks(&self, b: u64, span: u64, class: usize) -> Result<u64> {
        let stride = block_size(class);
        let count = (span - CARVE_HEADER) / stride;
        let first = b + CARVE_HEADER;
        if count > 1 {
            self.push_chain(class, first + stride, first + (count - 1) * stride)?;
        }
        Ok(first)
    }

    /// Takes a carve for `class` from the free-run list: from the head run
    /// for a small class (any run holds a small carve), from the first of
    /// up to [`RUN_SCAN`] runs at the head that fits for a large class (the
    /// others go back). Takes the whole run, or its front with the rest
    /// pushed back as a run of its own. `None` if no run fits (the caller
    /// carves fresh memory).
    ///
    /// The run's pages may be holes (punched by a sweep), so the part taken
    /// (and the page of the rest's header) is `fallocate`d first: a full
    /// disk gives `EnvFull` here, never a SIGBUS on a later write.
    fn carve_from_run(&self, class: usize) -> Result<Option<u64>> {
        let size = class_size(class);
        let large = size >= LARGE_MIN;
        let mut batch = self.pop_batch(RUN_CLASS, if large { RUN_SCAN } else { 1 })?;
        let mut chosen = None;
        for (i, &entry) in batch.iter().enumerate() {
            let b = entry - CARVE_HEADER;
            let corrupt = || HeapError::BadOffset {
                offset: b,
                detail: "corrupt free run",
            };
            if self.mapping.word_at(b)?.load(Ordering::Acquire) != CARVE_MAGIC | RUN_CLASS as u64 {
                return Err(corrupt());
            }
            let run = self.mapping.word_at(b + 8)?.load(Ordering::Acquire);
            if !valid_span(RUN_CLASS, run) || b.saturating_add(run) > self.carved_len() {
                return Err(corrupt());
            }
            let fits = !large || run == size || run >= size + LARGE_MIN;
            if fits {
                chosen = Some((i, b, run));
                break;
            }
        }
        let Some((i, b, run)) = chosen else {
            self.give_back(RUN_CLASS, &batch)?;
            return Ok(None);
        };
        let entry = batch.remove(i);
        self.give_back(RUN_CLASS, &batch)?;
        let want = if large {
            size
        } else if run >= CHUNK + LARGE_MIN {
            CHUNK
        } else {
            run
        };
        let rest = run - want;
        let backed = if rest > 0 {
            want + header::PAGE_SIZE
        } else {
            want
        };
        if let Err(e) = crate::file::fallocate(self.mapping.file(), b, backed) {
            // Still a valid run: back on the list for a later try.
            self.push_chain(RUN_CLASS, entry, entry)?;
            return Err(if crate::file::is_disk_full(&e) {
                HeapError::EnvFull {
                    path: self.mapping.path().to_path_buf(),
                    reason: crate::error::FullReason::Disk,
                    requested: backed,
                }
            } else {
                crate::file::io_err(self.mapping.path(), "allocate a free run", e)
            });
        }
        if rest > 0 {
            // The rest's header lies inside this run (walkers skip it)
            // until the span below is stored.
            let r = b + want;
            self.mapping
                .word_at(r + CARVE_HEADER)?
                .store(free_link(0), Ordering::Relaxed);
            self.mapping
                .word_at(r + CARVE_HEADER + 8)?
                .store(FREE_MARK | RUN_CLASS as u64, Ordering::Relaxed);
            self.mapping.word_at(r + 8)?.store(rest, Ordering::Relaxed);
            self.mapping
                .word_at(r)?
                .store(CARVE_MAGIC | RUN_CLASS as u64, Ordering::Release);
        }
        self.format_blocks(b, want, class)?;
        // Span first (a run of `want` then the rest: both parse), then the
        // class, each one store a walker sees whole.
        self.mapping.word_at(b + 8)?.store(want, Ordering::Release);
        self.mapping
            .word_at(b)?
            .store(CARVE_MAGIC | class as u64, Ordering::Release);
        if rest > 0 {
            let r = b + want + CARVE_HEADER;
            self.push_chain(RUN_CLASS, r, r)?;
        }
        Ok(Some(self.publish_carve_blocks(b, want, class)?))
    }

    /// The bump pointer: bytes below it have been carved at least once.
    pub(crate) fn carved_len(&self) -> u64 {
        header::unseal(self.mapping.hdr(header::OFF_BUMP).load(Ordering::Acquire)).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::PAGE_SIZE;

    #[test]
    fn classes_are_increasing_and_class_of_is_tight() {
        for c in 1..CLASS_COUNT {
            assert!(class_size(c) > class_size(c - 1));
            assert_eq!(class_size(c) % 16, 0);
            if class_size(c) >= LARGE_MIN {
                assert_eq!(class_size(c) % PAGE_SIZE, 0, "class {c}");
            }
        }
        for size in 1..100_000u64 {
            let c = class_of(size).unwrap();
            assert!(block_size(c) >= size);
            assert!(c == 0 || block_size(c - 1) < size, "size {size} class {c}");
        }
        for c in 0..CLASS_COUNT {
            assert_eq!(class_of(block_size(c)).unwrap(), c);
            assert!(c == 0 || block_size(c) > block_size(c - 1));
        }
        assert!(class_size(CLASS_COUNT - 1) >= header::MAX_MAP_SIZE / 2);
        assert!(class_of(header::MAX_MAP_SIZE).is_err());
    }

    #[test]
    fn small_class_of_agrees_with_class_of() {
        for size in 0..=200 {
            if let Some(c) = small_class_of(size) {
                assert_eq!(c, class_of(size).unwrap(), "size {size}");
            }
        }
        assert_eq!(small_class_of(129), None);
    }

    #[test]
    fn tagged_heads_round_trip() {
        let h = pack(0xAB_CDEF, (1 << 44) - 16);
        assert_eq!(head_off(h), (1 << 44) - 16);
        assert_eq!(head_tag(h), 0xAB_CDEF);
    }
}
