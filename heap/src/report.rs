//! The reports of the heap's walks, plain data for the caller: what
//! [`Env::check`](crate::Env::check) found ([`CheckReport`], [`Finding`]), what
//! the file holds ([`Stats`]), the blocks [`Env::walk_blocks`](crate::Env::walk_blocks)
//! visits ([`BlockInfo`], [`BlockState`]) and what a sweep did
//! ([`SweepReport`]). Apart from the walks, so an [`Env`](crate::Env)
//! can keep the report of its recovery sweep without depending on the
//! sweep.

use crate::object_header::Kind;
use std::collections::BTreeMap;

/// What a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockState {
    /// An object with a valid header.
    Object(Kind),
    /// A free block (free mark set).
    Free,
    /// Neither: a raw allocation or one being initialized.
    Raw,
}

/// One block found by [`Env::walk_blocks`](crate::Env::walk_blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockInfo {
    /// Offset of the block.
    pub offset: u64,
    /// Its size class (`RUN_CLASS` for a free run).
    pub class: usize,
    /// Its usable bytes (for a free run: the run less its carve header).
    pub size: u64,
    /// What it holds.
    pub state: BlockState,
}

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where (an offset in the file; 0 for the header).
    pub offset: u64,
    /// What is wrong.
    pub problem: String,
}

/// What the file holds, as of one walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Committed file length.
    pub file_len: u64,
    /// Bytes below the bump pointer (carved at least once).
    pub carved_len: u64,
    /// Bytes of blocks reachable from the roots.
    pub live_bytes: u64,
    /// Objects reachable from the roots.
    pub live_objects: u64,
    /// Bytes of free blocks.
    pub free_bytes: u64,
    /// Bytes of blocks neither reachable nor free (leaked, or in use by a
    /// thread that has not published them).
    pub unreachable_bytes: u64,
    /// Bytes retired but not yet released (retire batches and what only
    /// retired entries reach).
    pub retired_bytes: u64,
    /// Participant slots held now, across all processes: one per attached
    /// thread (the walk's own is not counted).
    pub participants: u64,
    /// Reachable objects by kind: (count, bytes).
    pub kinds: BTreeMap<&'static str, (u64, u64)>,
}

/// The result of [`Env::check`](crate::Env::check).
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Broken invariants; empty means healthy.
    pub findings: Vec<Finding>,
    /// What the file holds.
    pub stats: Stats,
    /// What could not be verified because other threads or processes were
    /// changing the file during the walk (empty on a quiet file).
    pub skipped: Vec<String>,
}

impl CheckReport {
    /// Whether no invariant is broken.
    pub fn is_healthy(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Said in [`CheckReport::skipped`] when the file changed during the walk.
pub const SKIPPED_LIVE: &str = "live file (other threads or processes changed it during the walk): the free lists, retire lists and pins were not verified, and the byte counts are approximate";

/// What a sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Blocks put back on the free lists or into free runs that were not
    /// free before.
    pub reclaimed_blocks: u64,
    /// Their bytes.
    pub reclaimed_bytes: u64,
    /// Bytes reachable from the roots.
    pub live_bytes: u64,
    /// Reference counts corrected.
    pub counts_fixed: u64,
    /// Free runs after the sweep (stretches of whole carves with nothing live).
    pub free_runs: u64,
    /// Bytes given back to the file system (holes punched in free runs).
    pub punched_bytes: u64,
    /// Damage found while marking (the damaged parts are left alone).
    pub findings: Vec<Finding>,
}
