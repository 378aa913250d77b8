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
use crate::object::Kind;
use crate::word::Word;
use std::collections::HashSet;
use std::sync::atomic::Ordering;

/// Bytes per checkpoint record.
const RECORD: u64 = 64;
/// Marks a snapshot cell whose value is raw bits, not a counted word.
const RAW: u64 = 1;

/// A hash of the kernel's boot id (0 if it cannot be read).
pub fn boot_id() -> u64 {
    match std::fs::read("/proc/sys/kernel/random/boot_id") {
        Ok(bytes) => header::checksum(&bytes) | 1,
        Err(_) => 0,
    }
}

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
            self.hdr(OFF_CHECKPOINTS + RECORD * i + 8 * f)
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
            if i == ROOT_CHECKPOINT as u64 {
                continue;
            }
            let at = OFF_ROOTS + 8 * i;
            let w = self.hdr(at).load(Ordering::Acquire);
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
                Kind::Atom => &[(0, false)],
                Kind::Var => &[(2, false), (4, true)],
                Kind::Namespace => &[(1, false), (2, false)],
                Kind::Symbol | Kind::Keyword => &[(4, true)],
                _ => &[],
            };
            let mut mine: Vec<(u64, u64)> = Vec::new();
            for &(field, raw) in fields {
                let at = off + 8 + 8 * field;
                mine.push((
                    at | if raw { RAW } else { 0 },
                    self.word_at(at)?.load(Ordering::Acquire),
                ));
            }
            if kind == Kind::InternNode {
                for i in 0..32 {
                    let at = off + 8 + 8 * i;
                    mine.push((at | RAW, self.word_at(at)?.load(Ordering::Acquire)));
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
    /// Returns the checkpoint's sequence number. The previous snapshot is
    /// retired through `p`.
    pub fn checkpoint(&self, p: &Participant<'_>) -> Result<u64> {
        p.check_env(self)?;
        let _guard = p.pin();
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
        let end = self.carved_len();
        self.file()
            .sync_data()
            .map_err(|e| io_err(self.path(), "sync for checkpoint", e))?;
        let seq = self.checkpoint_seq() + 1;
        let base = OFF_CHECKPOINTS + RECORD * (seq % 2);
        self.hdr(base + 24).store(0, Ordering::Release); // invalid while written
        for (f, v) in [(0, seq), (1, snap), (2, end)] {
            self.hdr(base + 8 * f).store(v, Ordering::Release);
        }
        self.hdr(base + 24)
            .store(self.record_sum(seq, snap, end), Ordering::Release);
        self.file()
            .sync_data()
            .map_err(|e| io_err(self.path(), "sync for checkpoint", e))?;
        let old = self
            .hdr(OFF_ROOTS + 8 * ROOT_CHECKPOINT as u64)
            .swap(snap, Ordering::AcqRel);
        p.retire_word(Word::from_bits(old))?;
        Ok(seq)
    }

    /// Puts the file back to its newest checkpoint (caller: alone, at open,
    /// before the sweep that rebuilds counts and free lists).
    pub(crate) fn restore_checkpoint(&self) -> Result<()> {
        let Some(rec) = self.newest_record() else {
            return Ok(());
        };
        let snap = Word::from_bits(rec.snapshot);
        let off = self.expect_kind(snap, Kind::Snapshot)?;
        if rec.end > self.file_len() || rec.end < off {
            return Err(HeapError::BadOffset {
                offset: rec.end,
                detail: "checkpoint end",
            });
        }
        let n = self.load_word(off, 0)?.bits();
        for i in 0..n {
            let at = self.load_word(off, 1 + 2 * i)?.bits() & !RAW;
            let bits = self.load_word(off, 2 + 2 * i)?.bits();
            if at < header::HEADER_LEN {
                self.hdr(at).store(bits, Ordering::Release);
            } else {
                self.word_at(at)?.store(bits, Ordering::Release);
            }
        }
        self.hdr(OFF_ROOTS + 8 * ROOT_CHECKPOINT as u64)
            .store(rec.snapshot, Ordering::Release);
        self.hdr(header::OFF_BUMP)
            .store(header::seal(rec.end), Ordering::Release);
        Ok(())
    }
}
