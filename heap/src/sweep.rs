//! The sweep: with the env file to itself, marks everything reachable from
//! the root words, sets every reachable object's reference count to the
//! references found, and rebuilds every free list from all other blocks.
//! It recovers whatever killed processes leaked (their handles, their
//! half-done allocations), and whatever was never released.
//!
//! It runs automatically when an env opens the file alone after an unclean
//! exit, and on demand through [`Env::sweep`].
//!
//! # Speed
//! Its cost follows the carves and the live data, not every byte: it reads
//! the carve headers (one word pair per 64 KiB chunk or page run), marks
//! from the roots into a bitmap of one bit per 16 bytes (a hash map only
//! for objects with more than one reference), and then:
//! - a carve with a live block gets its other blocks put on their class's
//!   free list (it reads and writes every block of that carve);
//! - consecutive carves with nothing live become one **free run** (see
//!   [`crate::alloc`]): only its first page is written, and the rest of a
//!   run of [`PUNCH_MIN`] or more is given back to the file system with
//!   `fallocate(PUNCH_HOLE)`, so the disk space follows the live data.
//!
//! The blocks of a carve with nothing live are read once (one word pair
//! each) to count what the sweep reclaimed; a free run is never read past
//! its header.
//!
//! # Killed part-way
//! The sweep runs under the exclusive open lock; if it dies the kernel
//! drops the lock, the file stays marked unclean, and the next lone opener
//! sweeps again. Every store is ordered so that what a killed sweep leaves
//! is trusted by nobody or is already right, and the next sweep has less to
//! do, never more:
//! 1. marking writes nothing;
//! 2. the retire lists (participant slots) and every free-list head are
//!    cleared first: a list is never a mix of old and new links, and a
//!    retire list never gives back a count the sweep already removed;
//! 3. reference counts are set to the references found (a count not yet
//!    set is too high: a leak, never an early free);
//! 4. blocks are marked free and linked into lists nobody reads yet; a
//!    carve becomes a free run by two single-word stores (the class word,
//!    keeping the old span, then the span), each leaving a heap that parses;
//! 5. the heads are published, one class at a time (each list complete);
//! 6. holes are punched in runs (already free: a later sweep sees the run
//!    and does not read its pages).

use crate::block_layout::{
    CARVE_HEADER, CARVE_MAGIC, CLASS_COUNT, FREE_MARK, RUN_CLASS, block_size, free_link,
};
use crate::check::{Carve, state_of};
use crate::env::Env;
use crate::error::Result;
use crate::header::{self, HEADER_LEN, OFF_ROOTS, PAGE_SIZE, ROOT_COUNT};
use crate::object_header::{IMMORTAL, Kind};
use crate::report::{BlockState, Finding, SweepReport};
use crate::word::{Decoded, Word};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Free runs at least this long have all but their first page punched out
/// of the file after a sweep.
pub const PUNCH_MIN: u64 = 1 << 20;

/// Where each page of the carved heap belongs: the carves in file order
/// and, per page past the header, the index of its carve.
struct CarveIndex {
    carves: Vec<Carve>,
    page_carve: Vec<u32>,
    end: u64,
}

impl CarveIndex {
    /// The class of the block that starts at `off`, if a block of a size
    /// class (not a free run) starts there.
    fn block_class(&self, off: u64) -> Option<usize> {
        if off < HEADER_LEN || off >= self.end {
            return None;
        }
        let page = ((off - HEADER_LEN) / PAGE_SIZE) as usize;
        let c = self.carves.get(*self.page_carve.get(page)? as usize)?;
        if c.class == RUN_CLASS || off < c.start + CARVE_HEADER {
            return None;
        }
        let stride = block_size(c.class);
        let rel = off - c.start - CARVE_HEADER;
        (rel % stride == 0 && off + stride <= c.start + c.span).then_some(c.class)
    }
}

/// Reachable objects: one bit per 16 bytes past the header, and the
/// references found to each (1 unless listed in `extra`).
struct Marks {
    bits: Vec<u64>,
    extra: HashMap<u64, u32>,
}

impl Marks {
    fn index(off: u64) -> usize {
        ((off - HEADER_LEN) / 16) as usize
    }

    fn is_marked(&self, off: u64) -> bool {
        let i = Self::index(off);
        self.bits
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// Whether any bit of the blocks in `start .. end` is set.
    fn any_in(&self, start: u64, end: u64) -> bool {
        let (lo, hi) = (Self::index(start), Self::index(end));
        let mut i = lo;
        while i < hi {
            let w = self.bits.get(i / 64).copied().unwrap_or(0);
            if i % 64 == 0 && i + 64 <= hi {
                if w != 0 {
                    return true;
                }
                i += 64;
            } else {
                if w >> (i % 64) & 1 == 1 {
                    return true;
                }
                i += 1;
            }
        }
        false
    }
}

/// Free lists being built, in offset order: head and tail per class (the
/// last index is the free-run list).
struct Lists {
    heads: Vec<u64>,
    tails: Vec<u64>,
}

impl Env {
    /// Sweeps the heap (see the module docs). Fails with `NotAlone` unless
    /// no other env, in this process or another, has the file open.
    /// Taking `&mut self` proves no [`crate::Value`] or [`crate::Ref`] of
    /// this env is alive, so every object that is not reachable from a root
    /// is garbage.
    pub fn sweep(&mut self) -> Result<SweepReport> {
        self.exclusive(|env| env.sweep_exclusive())
    }

    /// The sweep proper; the caller holds the open byte exclusively.
    pub(crate) fn sweep_exclusive(&self) -> Result<SweepReport> {
        let mut report = SweepReport::default();
        let index = self.carve_index(&mut report.findings)?;
        let marks = self.mark_bits(&index, &mut report.findings)?;
        self.sweep_test_hook(1);

        // 2. Nobody trusts any list or retire list from here on.
        for slot in 0..header::PARTICIPANT_COUNT {
            for field in [
                crate::epoch::OWNER,
                crate::epoch::PINNED,
                crate::epoch::RETIRED,
            ] {
                self.slot_field(slot, field).store(0, Ordering::Release);
            }
        }
        self.mapping
            .hdr(header::OFF_SLOT_HIGH)
            .store(0, Ordering::Release);
        for class in 0..=RUN_CLASS {
            let head = self.allocator().free_head(class);
            let tag = (head.load(Ordering::Acquire) >> 40) + 1;
            head.store(tag << 40, Ordering::Release);
        }
        self.sweep_test_hook(2);

        // 3. Counts.
        for (wi, &w) in marks.bits.iter().enumerate() {
            let mut bits = w;
            while bits != 0 {
                let i = wi * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let off = HEADER_LEN + 16 * i as u64;
                let refs = 1 + marks.extra.get(&off).copied().unwrap_or(0);
                let word = self.mapping.word_at(off)?;
                let h = word.load(Ordering::Acquire);
                let flags = (h >> 16) as u8;
                if flags & IMMORTAL == 0 && (h >> 32) as u32 != refs {
                    word.store((h & 0xFFFF_FFFF) | u64::from(refs) << 32, Ordering::Release);
                    report.counts_fixed += 1;
                }
                report.live_bytes += block_size((h >> 8) as u8 as usize);
            }
        }
        self.sweep_test_hook(3);

        // 4. Free blocks and free runs, into unpublished lists.
        let mut lists = Lists {
            heads: vec![0; RUN_CLASS + 1],
            tails: vec![0; RUN_CLASS + 1],
        };
        let mut runs: Vec<(u64, u64)> = Vec::new();
        let mut region: Option<(u64, u64)> = None;
        for (n, c) in index.carves.iter().enumerate() {
            if n % 256 == 255 {
                self.sweep_test_hook(4);
            }
            let live = c.class != RUN_CLASS && marks.any_in(c.start, c.start + c.span);
            if !live {
                if c.class != RUN_CLASS {
                    let (blocks, bytes) = self.unfree_blocks(c)?;
                    report.reclaimed_blocks += blocks;
                    report.reclaimed_bytes += bytes;
                }
                region = Some(match region {
                    Some((start, _)) => (start, c.start + c.span),
                    None => (c.start, c.start + c.span),
                });
                continue;
            }
            if let Some((start, end)) = region.take() {
                self.write_run(start, end)?;
                runs.push((start, end - start));
            }
            let stride = block_size(c.class);
            let mark = FREE_MARK | c.class as u64;
            let mut b = c.start + CARVE_HEADER;
            while b + stride <= c.start + c.span {
                if !marks.is_marked(b) {
                    let w0 = self.mapping.word_at(b)?;
                    let w1 = self.mapping.word_at(b + 8)?;
                    if state_of(
                        w0.load(Ordering::Relaxed),
                        w1.load(Ordering::Relaxed),
                        c.class,
                    ) != BlockState::Free
                    {
                        report.reclaimed_blocks += 1;
                        report.reclaimed_bytes += stride;
                    }
                    w1.store(mark, Ordering::Relaxed);
                    w0.store(free_link(0), Ordering::Relaxed);
                    self.append(&mut lists, c.class, b)?;
                }
                b += stride;
            }
        }
        // The file's tail past the bump pointer (grown but never carved)
        // joins the last run, or becomes one, so its disk space goes back
        // too: a run header at the bump pointer, then the bump pointer
        // moved to the file length, then the last run's span stretched
        // over it; the heap parses after each store.
        let file_len = self.file_len();
        let tail = index.end == self.carved_len()
            && report.findings.is_empty()
            && file_len >= index.end + crate::block_layout::LARGE_MIN;
        if tail {
            self.write_run(index.end, file_len)?;
            self.mapping
                .hdr(header::OFF_BUMP)
                .store(header::seal(file_len), Ordering::Release);
        }
        match region.take() {
            Some((start, end)) => {
                let end = if tail { file_len } else { end };
                self.write_run(start, end)?;
                runs.push((start, end - start));
            }
            None if tail => runs.push((index.end, file_len - index.end)),
            None => {}
        }
        // The run list holds the longest runs first: a large block takes
        // the first run (of the first few) it fits in.
        let mut by_size = runs.clone();
        by_size.sort_by_key(|&(start, span)| (std::cmp::Reverse(span), start));
        for &(start, _) in &by_size {
            self.append(&mut lists, RUN_CLASS, start + CARVE_HEADER)?;
        }
        report.free_runs = runs.len() as u64;
        self.sweep_test_hook(5);

        // 5. Publish.
        for (class, &first) in lists.heads.iter().enumerate() {
            let head = self.allocator().free_head(class);
            let tag = (head.load(Ordering::Acquire) >> 40) + 1;
            head.store(tag << 40 | first >> 4, Ordering::Release);
        }
        self.sweep_test_hook(6);

        // 6. Give the disk space of long runs back.
        for (start, span) in runs {
            if span >= PUNCH_MIN
                && crate::file::punch_hole(self.mapping.file(), start + PAGE_SIZE, span - PAGE_SIZE)
                    .is_ok()
            {
                report.punched_bytes += span - PAGE_SIZE;
            }
        }
        Ok(report)
    }

    /// Bytes of disk the env file takes (`st_blocks * 512`): less than
    /// its length once a sweep has punched holes in free runs.
    pub fn allocated_bytes(&self) -> Result<u64> {
        use std::os::unix::fs::MetadataExt;
        let meta = self
            .mapping
            .file()
            .metadata()
            .map_err(|e| crate::file::io_err(self.path(), "stat env file", e))?;
        Ok(meta.blocks() * 512)
    }

    /// Reads every carve header into a [`CarveIndex`].
    fn carve_index(&self, findings: &mut Vec<Finding>) -> Result<CarveIndex> {
        let mut carves = Vec::new();
        if let Some(f) = self.walk_carves(|c| carves.push(c))? {
            // Blocks past an unreadable carve stay out of every list
            // (leaked, never reused), which is safe.
            findings.push(f);
        }
        let end = carves.last().map_or(HEADER_LEN, |c| c.start + c.span);
        let mut page_carve = vec![u32::MAX; ((end - HEADER_LEN) / PAGE_SIZE) as usize];
        for (i, c) in carves.iter().enumerate() {
            let first = ((c.start - HEADER_LEN) / PAGE_SIZE) as usize;
            let last = ((c.start + c.span - HEADER_LEN) / PAGE_SIZE) as usize;
            if let Some(pages) = page_carve.get_mut(first..last) {
                pages.fill(i as u32);
            }
        }
        Ok(CarveIndex {
            carves,
            page_carve,
            end,
        })
    }

    /// Marks everything reachable from the root words into a bitmap,
    /// counting references.
    fn mark_bits(&self, index: &CarveIndex, findings: &mut Vec<Finding>) -> Result<Marks> {
        let mut marks = Marks {
            bits: vec![0; ((index.end - HEADER_LEN) / 16).div_ceil(64) as usize],
            extra: HashMap::new(),
        };
        let mut stack: Vec<(u64, Kind)> = Vec::new();
        let mut visit = |w: Word, from: u64, marks: &mut Marks, stack: &mut Vec<(u64, Kind)>| {
            let off = match w.decode() {
                Decoded::Invalid(bits) => {
                    findings.push(Finding {
                        offset: from,
                        problem: format!("invalid word {bits:#x}"),
                    });
                    return Ok(());
                }
                Decoded::Object(off) => off,
                _ => return Ok(()),
            };
            let Some(class) = index.block_class(off) else {
                findings.push(Finding {
                    offset: from,
                    problem: format!("refers to {off:#x}, not a block"),
                });
                return Ok(());
            };
            if marks.is_marked(off) {
                *marks.extra.entry(off).or_insert(0) += 1;
                return Ok(());
            }
            match self.block_state(off, class)? {
                BlockState::Object(kind) => {
                    let i = Marks::index(off);
                    if let Some(w) = marks.bits.get_mut(i / 64) {
                        *w |= 1 << (i % 64);
                        stack.push((off, kind));
                    }
                }
                state => findings.push(Finding {
                    offset: from,
                    problem: format!("refers to {off:#x}, a {state:?} block"),
                }),
            }
            Ok::<(), crate::error::HeapError>(())
        };
        for i in 0..ROOT_COUNT as u64 {
            let w = Word::from_bits(self.mapping.hdr(OFF_ROOTS + 8 * i).load(Ordering::Acquire));
            visit(w, OFF_ROOTS + 8 * i, &mut marks, &mut stack)?;
        }
        while let Some((off, kind)) = stack.pop() {
            for c in self.children(off, kind)? {
                visit(c, off, &mut marks, &mut stack)?;
            }
        }
        Ok(marks)
    }

    /// The blocks of carve `c` (with nothing live) that are not free, and
    /// their bytes: one word pair read per block.
    fn unfree_blocks(&self, c: &Carve) -> Result<(u64, u64)> {
        let words = self.sweep_words(c.start, c.span)?;
        let stride = block_size(c.class);
        let mark = FREE_MARK | c.class as u64;
        let (mut n, mut i) = (0, (CARVE_HEADER / 8) as usize);
        let step = (stride / 8) as usize;
        let last = ((c.span - stride) / 8) as usize;
        while i <= last {
            let h = words[i].load(Ordering::Relaxed);
            if !(h & 0xF_FFFF == 0xF_FFFF && words[i + 1].load(Ordering::Relaxed) == mark) {
                n += 1;
            }
            i += step;
        }
        Ok((n, n * stride))
    }

    /// The words of `off .. off + len` (8-aligned, inside the allocated
    /// file), with one range check.
    fn sweep_words(&self, off: u64, len: u64) -> Result<&[AtomicU64]> {
        self.mapping.check_range(off, len, 8)?;
        // SAFETY: check_range proved `off .. off + len` is 8-aligned, inside
        // the mapping and below the committed file length (backed: no
        // SIGBUS; a punched hole reads as zeros). Shared words are only
        // ever accessed atomically; the slice lives no longer than `self`.
        Ok(unsafe {
            std::slice::from_raw_parts(
                self.mapping.map_ptr().add(off as usize) as *const AtomicU64,
                (len / 8) as usize,
            )
        })
    }

    /// Turns the carves `start .. end` (nothing live) into one free run,
    /// not listed yet. The class word is stored first, keeping the first
    /// carve's span (a valid run span), and the whole span after it: a walk
    /// parses the heap after either store.
    fn write_run(&self, start: u64, end: u64) -> Result<()> {
        let entry = start + CARVE_HEADER;
        self.mapping
            .word_at(entry + 8)?
            .store(FREE_MARK | RUN_CLASS as u64, Ordering::Relaxed);
        self.mapping
            .word_at(entry)?
            .store(free_link(0), Ordering::Relaxed);
        self.mapping
            .word_at(start)?
            .store(CARVE_MAGIC | RUN_CLASS as u64, Ordering::Release);
        self.mapping
            .word_at(start + 8)?
            .store(end - start, Ordering::Release);
        Ok(())
    }

    /// Appends the free block `off` to the list of `class` being built.
    fn append(&self, lists: &mut Lists, class: usize, off: u64) -> Result<()> {
        let tail = lists.tails[class];
        if tail == 0 {
            lists.heads[class] = off;
        } else {
            self.mapping
                .word_at(tail)?
                .store(free_link(off), Ordering::Relaxed);
        }
        lists.tails[class] = off;
        Ok(())
    }

    /// For the kill tests: with `EVELISP_SWEEP_STALL_US` set, sleeps that
    /// many microseconds at each step of a sweep, so a test can kill a
    /// sweeping process at every stage.
    fn sweep_test_hook(&self, _step: u32) {
        if let Some(us) = *sweep_stall() {
            std::thread::sleep(std::time::Duration::from_micros(us));
        }
    }
}

/// `EVELISP_SWEEP_STALL_US`, read once.
fn sweep_stall() -> &'static Option<u64> {
    static STALL: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    STALL.get_or_init(|| {
        std::env::var("EVELISP_SWEEP_STALL_US")
            .ok()
            .and_then(|s| s.parse().ok())
    })
}

const _: () = assert!(CLASS_COUNT == RUN_CLASS);
