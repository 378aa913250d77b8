//! The sweep: with the env file to itself, marks everything reachable from
//! the root words, sets every reachable object's reference count to the
//! references found, and rebuilds every free list from all other blocks.
//! It recovers whatever killed processes leaked (their handles, their
//! half-done allocations), and whatever was never released.
//!
//! It runs automatically when an env opens the file alone after an unclean
//! exit, and on demand through [`Env::sweep`].

use crate::alloc::{CLASS_COUNT, FREE_MARK, block_size};
use crate::check::{BlockInfo, BlockState, Finding};
use crate::env::Env;
use crate::error::Result;
use crate::header;
use crate::object::IMMORTAL;
use std::collections::HashMap;
use std::sync::atomic::Ordering;

/// What a sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Blocks put back on the free lists that were not free before.
    pub reclaimed_blocks: u64,
    /// Their bytes.
    pub reclaimed_bytes: u64,
    /// Bytes reachable from the roots.
    pub live_bytes: u64,
    /// Reference counts corrected.
    pub counts_fixed: u64,
    /// Damage found while marking (the damaged parts are left alone).
    pub findings: Vec<Finding>,
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
        let mut blocks: HashMap<u64, BlockInfo> = HashMap::new();
        if let Some(f) = self.walk_blocks(|b| {
            blocks.insert(b.offset, b);
        })? {
            // Blocks past an unreadable carve stay out of every list (leaked,
            // never reused), which is safe.
            report.findings.push(f);
        }
        let marked = self.mark(&mut blocks, false, &mut report.findings)?;
        for (&off, &refs) in &marked.refs {
            let word = self.word_at(off)?;
            let h = word.load(Ordering::Acquire);
            let flags = (h >> 16) as u8;
            if flags & IMMORTAL == 0 && (h >> 32) as u32 != refs {
                word.store((h & 0xFFFF_FFFF) | u64::from(refs) << 32, Ordering::Release);
                report.counts_fixed += 1;
            }
            report.live_bytes += block_size((h >> 8) as u8 as usize);
        }
        // Alone: no participant is attached, so every retire list is
        // garbage (its objects are unreachable and freed below).
        for slot in 0..crate::header::PARTICIPANT_COUNT {
            for field in [
                crate::epoch::OWNER,
                crate::epoch::PINNED,
                crate::epoch::RETIRED,
            ] {
                self.slot_field(slot, field).store(0, Ordering::Release);
            }
        }
        self.hdr(header::OFF_SLOT_HIGH).store(0, Ordering::Release);
        let mut lists: Vec<Vec<u64>> = vec![Vec::new(); CLASS_COUNT];
        let mut offsets: Vec<&BlockInfo> = blocks.values().collect();
        offsets.sort_by_key(|b| std::cmp::Reverse(b.offset));
        for b in offsets {
            if marked.refs.contains_key(&b.offset) {
                continue;
            }
            if b.state != BlockState::Free {
                report.reclaimed_blocks += 1;
                report.reclaimed_bytes += block_size(b.class);
            }
            lists[b.class].push(b.offset);
        }
        for (class, list) in lists.iter().enumerate() {
            // Lowest offsets first, so the heap fills from the bottom.
            let mark = FREE_MARK | class as u64;
            let mut next = 0;
            for &off in list {
                self.word_at(off + 8)?.store(mark, Ordering::Relaxed);
                self.word_at(off)?
                    .store(crate::alloc::free_link(next), Ordering::Relaxed);
                next = off;
            }
            let head = self.hdr(header::OFF_FREE_HEADS + 8 * class as u64);
            let tag = (head.load(Ordering::Acquire) >> 40) + 1;
            head.store(tag << 40 | next >> 4, Ordering::Release);
        }
        Ok(report)
    }
}
