//! Checkpoints: a state of the env file that survives an OS crash.
//!
//! A checkpoint snapshots every mutable cell reachable from the roots
//! (header roots, atom values, var roots and flags, namespace mappings and
//! aliases, intern-table slots and chains) into a snapshot object that owns
//! a count of each value, so nothing reachable from it is freed or changed
//! until a newer checkpoint replaces it (objects are immutable). Then it
//! syncs the file, writes `{seq, snapshot, end, checksum}` into the older
//! of two alternating records, and syncs again.
//!
//! Recovery: a lone open of a file left unclean (clean flag != 1) whose
//! header holds another boot's id (the kernel's boot id, recorded at open
//! and at a clean close), that is, after an OS crash, restores every cell
//! from the newest valid record's snapshot, drops everything carved after
//! it (the bump pointer goes back to `end`), and sweeps. A process crash
//! (unclean, same boot) needs no restore: the page cache kept every store;
//! it is only swept. A clean close needs neither, on any boot: the last
//! close syncs the heap before it stores the clean flag, and syncs the flag
//! too (see [`crate::env`]), so a reboot after it keeps every store, also
//! those made after the newest checkpoint.

use crate::env::Env;
use crate::epoch::Participant;
use crate::error::{HeapError, Result};
use crate::file::io_err;
use crate::header::{self, OFF_CHECKPOINTS, OFF_ROOTS, ROOT_CHECKPOINT, ROOT_COUNT};
use crate::object_header::Kind;
use crate::word::Word;
use std::collections::HashSet;
use std::sync::atomic::Ordering;

/// Bytes per checkpoint record.
const RECORD: u64 = header::CHECKPOINT_RECORD;
/// Checkpoint sequence numbers of a sound file stay below this (one per
/// checkpoint); a record at or past it is damage.
const MAX_SEQ: u64 = 1 << 62;
/// Marks a snapshot cell whose value is raw bits, not a counted word.
const RAW: u64 = 1;

struct Record {
    seq: u64,
    snapshot: u64,
    end: u64,
}

impl Env {
    fn record_sum(&self, seq: u64, snapshot: u64, end: u64) -> u64 {
        let mut b = Vec::with_capacity(32);
        for v in [seq, snapshot, end, self.env_id()] {
            b.extend_from_slice(&v.to_ne_bytes());
        }
        header::checksum(&b)
    }

    fn record(&self, i: u64) -> Option<Record> {
        let at = |f: u64| {
            self.mapping
                .hdr(OFF_CHECKPOINTS + RECORD * i + 8 * f)
                .load(Ordering::Acquire)
        };
        let (seq, snapshot, end, sum) = (at(0), at(1), at(2), at(3));
        (seq != 0 && sum == self.record_sum(seq, snapshot, end)).then_some(Record {
            seq,
            snapshot,
            end,
        })
    }

    fn newest_record(&self) -> Option<Record> {
        match (self.record(0), self.record(1)) {
            (Some(a), Some(b)) => Some(if a.seq > b.seq { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// The sequence number of the newest valid checkpoint (0: none).
    pub fn checkpoint_seq(&self) -> u64 {
        self.newest_record().map_or(0, |r| r.seq)
    }

    /// Every mutable cell reachable from the roots: `(offset | RAW?, bits)`.
    fn mutable_cells(&self) -> Result<Vec<(u64, u64)>> {
        let mut cells = Vec::new();
        let mut seen = HashSet::new();
        let mut stack = Vec::new();
        for i in 0..ROOT_COUNT as u64 {
            if snapshot_root(0) <= i && i <= snapshot_root(1) {
                continue;
            }
            let at = OFF_ROOTS + 8 * i;
            let w = self.mapping.hdr(at).load(Ordering::Acquire);
            cells.push((at, w));
            stack.push(Word::from_bits(w));
        }
        while let Some(w) = stack.pop() {
            let Some(off) = w.as_object() else { continue };
            if !seen.insert(off) {
                continue;
            }
            let kind = self.header_of(off)?.kind;
            let fields: &[(u64, bool)] = match kind {
                Kind::Atom | Kind::Volatile => &[(0, false)],
                Kind::Var => &[(2, false), (4, true), (5, false)],
                Kind::Namespace => &[(1, false), (2, false)],
                Kind::Symbol | Kind::Keyword => &[(4, true)],
                _ => &[],
            };
            let mut mine: Vec<(u64, u64)> = Vec::new();
            for &(field, raw) in fields {
                let at = off + 8 + 8 * field;
                mine.push((
                    at | if raw { RAW } else { 0 },
                    self.mapping.word_at(at)?.load(Ordering::Acquire),
                ));
            }
            if kind == Kind::Array {
                // Object elements are counted values; primitive elements
                // are raw words, restored as they were.
                let (counted, at) = self.array_cells(off)?;
                for at in at {
                    let bits = self.mapping.word_at(at)?.load(Ordering::Acquire);
                    mine.push((at | if counted { 0 } else { RAW }, bits));
                }
            }
            if kind == Kind::InternNode {
                for i in 0..32 {
                    let at = off + 8 + 8 * i;
                    mine.push((at | RAW, self.mapping.word_at(at)?.load(Ordering::Acquire)));
                }
            }
            // The snapshot keeps what the cells held when read; the children
            // as they are now are walked too (a cell may have moved on).
            stack.extend(
                mine.iter()
                    .filter(|(at, _)| at & RAW == 0)
                    .map(|&(_, bits)| Word::from_bits(bits)),
            );
            stack.extend(self.children(off, kind)?);
            cells.extend(mine);
        }
        Ok(cells)
    }

    /// Makes the current state survive an OS crash (see the module docs).
    /// Returns the checkpoint's sequence number. Checkpoints of several
    /// threads and processes take turns (an OFD lock); the snapshot the
    /// new record displaces is retired through `p`.
    ///
    /// Crash safety, step by step (record `k` is the older one):
    /// 1. the snapshot is written and synced (its objects stay alive while
    ///    a root owns it, so nothing it reaches is reused);
    /// 2. record `k` is invalidated, then root `k` takes the new snapshot:
    ///    a valid record always names the snapshot its root owns, so a
    ///    sweep after a process crash never frees a snapshot a record uses;
    /// 3. record `k` is written, checksum last, and synced;
    /// 4. only then is the displaced snapshot retired.
    pub fn checkpoint(&self, p: &Participant<'_>) -> Result<u64> {
        p.check_env(self)?;
        let _turn = self.mapping.checkpoint_lock()?;
        // Taken under the lock: no other checkpoint can move it on.
        let seq = self
            .checkpoint_seq()
            .checked_add(1)
            .ok_or_else(|| HeapError::CorruptHeader {
                path: self.path().to_path_buf(),
                field: "checkpoint record",
                detail: "sequence number at its limit".into(),
            })?;
        let guard = p.pin();
        let cells = self.mutable_cells()?;
        let snap = self.new_object(Kind::Snapshot, 8 + 16 * cells.len() as u64, 0)?;
        self.init_word(snap, 0, Word::from_bits(cells.len() as u64))?;
        for (i, &(at, bits)) in cells.iter().enumerate() {
            if at & RAW == 0 {
                self.retain(Word::from_bits(bits))?;
            }
            self.init_word(snap, 1 + 2 * i as u64, Word::from_bits(at))?;
            self.init_word(snap, 2 + 2 * i as u64, Word::from_bits(bits))?;
        }
        drop(guard);
        let end = self.carved_len();
        let sync = || {
            self.mapping
                .file()
                .sync_data()
                .map_err(|e| io_err(self.path(), "sync for checkpoint", e))
        };
        if let Err(e) = sync() {
            self.drop_ref(Word::from_bits(snap))?;
            return Err(e);
        }
        let k = seq % 2;
        let base = OFF_CHECKPOINTS + RECORD * k;
        self.mapping.hdr(base + 24).store(0, Ordering::Release); // invalid from here
        let old = self
            .mapping
            .hdr(OFF_ROOTS + 8 * snapshot_root(k))
            .swap(snap, Ordering::AcqRel);
        for (f, v) in [(0, seq), (1, snap), (2, end)] {
            self.mapping.hdr(base + 8 * f).store(v, Ordering::Release);
        }
        self.mapping
            .hdr(base + 24)
            .store(self.record_sum(seq, snap, end), Ordering::Release);
        // If the sync fails, the displaced snapshot is leaked rather than
        // retired: the record on disk may still name it.
        sync()?;
        p.retire_word(Word::from_bits(old))?;
        Ok(seq)
    }

    /// Puts the file back to its newest checkpoint whose snapshot is sound,
    /// falling back to the older record (caller: alone, at open, before
    /// the sweep that rebuilds counts and free lists). A record whose
    /// snapshot fails validation is invalidated (and its snapshot left to
    /// the sweep) when the other one is used; if no record is usable the
    /// open fails and nothing changes. A file that never had a checkpoint
    /// is only swept.
    pub(crate) fn restore_checkpoint(&self) -> Result<()> {
        let mut records: Vec<(u64, Record)> = (0..2)
            .filter_map(|k| self.record(k).map(|r| (k, r)))
            .collect();
        records.sort_by_key(|(_, r)| std::cmp::Reverse(r.seq));
        let mut chosen = None;
        let mut first_error = None;
        for (k, rec) in records {
            match self.snapshot_cells(&rec) {
                Ok(cells) if chosen.is_none() => chosen = Some((rec, cells)),
                Ok(_) => {}
                Err(e) => first_error = first_error.or(Some((k, e))),
            }
        }
        match (&chosen, first_error) {
            // Nothing to fall back to: refuse to open the damaged file (and
            // change nothing, so the next open tries again).
            (None, Some((_, e))) => return Err(e),
            // Fell back to the older record: the damaged one is dropped.
            (Some(_), Some((k, _))) => self
                .mapping
                .hdr(OFF_CHECKPOINTS + RECORD * k + 24)
                .store(0, Ordering::Release),
            _ => {}
        }
        // Each root keeps its record's snapshot; a root without a valid
        // record lets its snapshot go (the sweep frees it).
        for k in 0..2 {
            let snap = self.record(k).map_or(0, |r| r.snapshot);
            self.mapping
                .hdr(OFF_ROOTS + 8 * snapshot_root(k))
                .store(snap, Ordering::Release);
        }
        let Some((rec, cells)) = chosen else {
            return Ok(());
        };
        for (at, bits) in cells {
            if at < header::HEADER_LEN {
                self.mapping.hdr(at).store(bits, Ordering::Release);
            } else {
                self.mapping.word_at(at)?.store(bits, Ordering::Release);
            }
        }
        let end = self.carved_end_below(rec.end)?;
        // Past the bump pointer is fresh space, which must be backed by
        // the disk again where a sweep punched holes into free runs.
        if end < self.file_len() {
            crate::file::fallocate(self.mapping.file(), end, self.file_len() - end)
                .map_err(|e| io_err(self.path(), "allocate the space after a checkpoint", e))?;
        }
        self.mapping
            .hdr(header::OFF_BUMP)
            .store(header::seal(end), Ordering::Release);
        Ok(())
    }

    /// Where the carves below a checkpoint's `end` stop: `end`, or the
    /// start of a carve that reaches past it. A sweep after the checkpoint
    /// may have merged garbage on both sides of `end` into one free run,
    /// and memory carved from such a run may cross `end` too; both hold
    /// nothing the checkpoint can reach (what it reaches is owned by its
    /// snapshot, never freed), so the bump pointer goes back to the
    /// carve's start. An unreadable carve header stops the walk and leaves
    /// `end` as it is (the sweep reports it).
    fn carved_end_below(&self, end: u64) -> Result<u64> {
        let mut p = header::HEADER_LEN;
        while p < end {
            let w0 = self.mapping.word_at(p)?.load(Ordering::Acquire);
            let span = self.mapping.word_at(p + 8)?.load(Ordering::Acquire);
            let class = (w0 & 0xFF) as usize;
            if w0 & !0xFF != crate::block_layout::CARVE_MAGIC
                || !crate::block_layout::valid_span(class, span)
            {
                break;
            }
            if span > end - p {
                return Ok(p);
            }
            p += span;
        }
        Ok(end)
    }

    /// The records whose checksum is valid but whose snapshot recovery
    /// would refuse (for [`Env::check`]).
    pub(crate) fn checkpoint_findings(&self) -> Vec<crate::report::Finding> {
        (0..2)
            .filter_map(|k| {
                let rec = self.record(k)?;
                let e = self.snapshot_cells(&rec).err()?;
                Some(crate::report::Finding {
                    offset: OFF_CHECKPOINTS + RECORD * k,
                    problem: format!("checkpoint record {k} (seq {}): {e}", rec.seq),
                })
            })
            .collect()
    }

    /// The cells of a record's snapshot, each checked (a root word, or an
    /// 8-aligned word inside the file below the record's end), before any
    /// is restored.
    fn snapshot_cells(&self, rec: &Record) -> Result<Vec<(u64, u64)>> {
        if rec.seq >= MAX_SEQ {
            return Err(HeapError::CorruptHeader {
                path: self.path().to_path_buf(),
                field: "checkpoint record",
                detail: format!("sequence number {:#x} no file reaches", rec.seq),
            });
        }
        let snap = Word::from_bits(rec.snapshot);
        let off = self.expect_kind(snap, Kind::Snapshot)?;
        if rec.end > self.file_len() || rec.end <= off {
            return Err(HeapError::BadOffset {
                offset: rec.end,
                detail: "checkpoint end",
            });
        }
        let n = self.load_word(off, 0)?.bits();
        let class_bytes = crate::block_layout::class_size(self.header_of(off)?.class);
        // `n` comes from the file: a count whose cells would not fit the
        // block (or overflow computing it) is refused before any is read.
        if n.checked_mul(16)
            .and_then(|b| b.checked_add(16))
            .is_none_or(|b| b > class_bytes)
        {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "snapshot count larger than its block",
            });
        }
        let roots = OFF_ROOTS..OFF_ROOTS + 8 * ROOT_COUNT as u64;
        let mut cells = Vec::with_capacity(n as usize);
        for i in 0..n {
            let at = self.load_word(off, 1 + 2 * i)?.bits() & !RAW;
            let bits = self.load_word(off, 2 + 2 * i)?.bits();
            let in_roots = roots.contains(&at) && at % 8 == 0;
            if !in_roots && (at % 8 != 0 || at < header::HEADER_LEN || at + 8 > rec.end) {
                return Err(HeapError::BadOffset {
                    offset: at,
                    detail: "checkpoint cell",
                });
            }
            cells.push((at, bits));
        }
        Ok(cells)
    }
}

/// The root index that owns the snapshot of checkpoint record `k` (0 or 1).
fn snapshot_root(k: u64) -> u64 {
    ROOT_CHECKPOINT as u64 + k
}
