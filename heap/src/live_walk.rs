//! Reading the env file without a pin (what `Env::check` and the other
//! read-only observers do): the fingerprint that tells a quiet file from a
//! live one, the mutable cells a live walk records so that only what was
//! reached through values still in place is judged, and the namespace
//! names read the same way. Why this is sound is in `Env::check`'s docs.

use crate::env::Env;
use crate::error::Result;
use crate::header::{self, OFF_ROOTS, ROOT_COUNT};
use crate::object_header::{HEADER_BYTES, Kind};
use crate::word::Word;
use std::collections::HashMap;
use std::sync::atomic::Ordering;

/// Reads of the namespace table [`Env::namespace_names`] makes while the
/// file changes under it.
const NAMES_TRIES: usize = 8;

/// No cell: reached from the header, or a cell of an immortal object.
pub(crate) const NO_CELL: u32 = u32::MAX;

/// A mutable word the walk read a value from.
pub(crate) struct Cell {
    /// Its offset in the file.
    pub(crate) word_at: u64,
    /// Whether it is a header word (else a word of an object).
    pub(crate) header: bool,
    /// What it held.
    pub(crate) word: u64,
    /// Its object's version counter (atoms, vars) and what it read.
    pub(crate) version_at: Option<(u64, u32)>,
    /// The cell its object was reached through ([`NO_CELL`] if none).
    pub(crate) parent: u32,
}

/// The reachable objects and how many references to each were found.
pub(crate) struct Marked {
    pub(crate) refs: HashMap<u64, u32>,
    /// The mutable cells the walk went through (live walks).
    pub(crate) cells: Vec<Cell>,
    /// Through which cells each object was reached (live walks).
    pub(crate) via: HashMap<u64, smallvec::SmallVec<[u32; 2]>>,
    /// The cell of each finding the marking made, in order.
    pub(crate) finding_cells: Vec<u32>,
}

impl Marked {
    pub(crate) fn cell(&mut self, c: Cell) -> u32 {
        self.cells.push(c);
        (self.cells.len() - 1) as u32
    }

    /// For each recorded cell, whether it and every cell on its way from
    /// the header still hold what the walk read: then every object reached
    /// through it was alive (so unchanged) for the whole walk. A value
    /// displaced and put back meanwhile was never freed (putting it back
    /// took a count of it); versions catch an atom or var changed and
    /// changed back.
    pub(crate) fn settled(&self, env: &Env) -> Vec<bool> {
        let mut ok: Vec<bool> = Vec::with_capacity(self.cells.len());
        for c in &self.cells {
            let parent_ok = c.parent == NO_CELL || ok.get(c.parent as usize) == Some(&true);
            let now = if c.header {
                Some(env.mapping.hdr(c.word_at).load(Ordering::Acquire))
            } else {
                env.mapping
                    .word_at(c.word_at)
                    .ok()
                    .map(|w| w.load(Ordering::Acquire))
            };
            let version_same = match c.version_at {
                Some((at, v)) => env
                    .mapping
                    .u32_at(at)
                    .is_ok_and(|x| x.load(Ordering::Acquire) == v),
                None => true,
            };
            ok.push(parent_ok && now == Some(c.word) && version_same);
        }
        ok
    }

    /// Whether every way the walk reached `off` went through settled cells.
    pub(crate) fn reached_settled(&self, off: u64, settled: &[bool]) -> bool {
        self.via.get(&off).is_none_or(|via| {
            via.iter()
                .all(|&c| c == NO_CELL || settled.get(c as usize) == Some(&true))
        })
    }
}

impl Env {
    /// The words the object `off` of `kind` (reached through `cell`)
    /// refers to, each with the cell it is reached through: its own cell
    /// for a word that changes in place (an atom's value, a var's root and
    /// metadata, a namespace's mappings and aliases, a lazy seq's cells),
    /// recorded in `m`; `cell` for the others.
    pub(crate) fn cell_children(
        &self,
        off: u64,
        kind: Kind,
        cell: u32,
        m: &mut Marked,
    ) -> Result<Vec<(Word, u32)>> {
        let (all, mutable, version): (&[u64], &[u64], Option<u64>) = match kind {
            Kind::Atom | Kind::Volatile => (&[0], &[0], Some(1)),
            Kind::Var => (&[0, 1, 2, 5], &[2, 5], Some(3)),
            Kind::Namespace => (&[0, 1, 2], &[1, 2], None),
            Kind::LazySeq => (&[0, 1], &[0, 1], None),
            Kind::Array => return self.array_cell_children(off, cell, m),
            _ => {
                return Ok(self
                    .children(off, kind)?
                    .into_iter()
                    .map(|w| (w, cell))
                    .collect());
            }
        };
        // Vars and namespaces are never freed: their cells stand alone.
        let parent = if matches!(kind, Kind::Var | Kind::Namespace) {
            NO_CELL
        } else {
            cell
        };
        let version_at = version.map(|i| off + HEADER_BYTES + 8 * i);
        let version_now = match version_at {
            Some(at) => Some(self.mapping.u32_at(at)?.load(Ordering::Acquire)),
            None => None,
        };
        let mut out = Vec::with_capacity(all.len());
        for &i in all {
            let w = self.load_word(off, i)?;
            if kind == Kind::LazySeq && w == Word::UNBOUND {
                continue;
            }
            let c = if mutable.contains(&i) {
                m.cell(Cell {
                    word_at: off + HEADER_BYTES + 8 * i,
                    header: false,
                    word: w.bits(),
                    version_at: version_at.zip(version_now),
                    parent,
                })
            } else {
                cell
            };
            out.push((w, c));
        }
        Ok(out)
    }

    /// The children of array `off` (reached through `cell`): its component
    /// symbol, immutable, and each element of an object array, a mutable
    /// cell of its own whose parent is `cell` (the array can be freed).
    fn array_cell_children(&self, off: u64, cell: u32, m: &mut Marked) -> Result<Vec<(Word, u32)>> {
        let mut out = vec![(self.load_word(off, 1)?, cell)];
        let (counted, cells) = self.array_cells(off)?;
        if counted {
            for at in cells {
                let w = self.mapping.word_at(at)?.load(Ordering::Acquire);
                let c = m.cell(Cell {
                    word_at: at,
                    header: false,
                    word: w,
                    version_at: None,
                    parent: cell,
                });
                out.push((Word::from_bits(w), c));
            }
        }
        Ok(out)
    }

    /// The words of the header (and of the retire lists' batch links) that
    /// change whenever anything is allocated, freed, published or retired
    /// through shared memory: equal before and after a walk, and with no
    /// other process attached, the walk saw one unchanging file.
    pub(crate) fn fingerprint(&self) -> Vec<u64> {
        let mut out = vec![
            self.epoch(),
            self.carved_len(),
            self.file_len(),
            self.mapping
                .hdr(header::OFF_OPEN_COUNT)
                .load(Ordering::Acquire),
        ];
        for i in 0..header::MAX_CLASSES as u64 {
            out.push(
                self.mapping
                    .hdr(header::OFF_FREE_HEADS + 8 * i)
                    .load(Ordering::Acquire),
            );
        }
        for i in 0..ROOT_COUNT as u64 {
            out.push(self.mapping.hdr(OFF_ROOTS + 8 * i).load(Ordering::Acquire));
        }
        for slot in 0..self.slot_high() {
            for field in [
                crate::epoch::OWNER,
                crate::epoch::PINNED,
                crate::epoch::RETIRED,
            ] {
                out.push(self.slot_field(slot, field).load(Ordering::Acquire));
            }
            let mut batch = self
                .slot_field(slot, crate::epoch::RETIRED)
                .load(Ordering::Acquire);
            let mut hops = 0;
            while batch != 0 && hops < 1 << 20 {
                let (Ok(next), Ok(n)) = (self.load_word(batch, 0), self.load_word(batch, 1)) else {
                    break;
                };
                out.extend([batch, next.bits(), n.bits()]);
                batch = next.bits();
                hops += 1;
            }
        }
        out
    }

    /// Whether another process has the file open now (holds its shared
    /// open lock); takes no lock.
    pub(crate) fn others_open(&self) -> Result<bool> {
        crate::lock::held_elsewhere(self.mapping.file(), header::LOCK_OPEN)
            .map_err(|e| crate::file::io_err(self.path(), "test the open lock", e))
    }

    /// The names of the env's namespaces, sorted, read without a pin (so
    /// also from an env opened read-only): the namespace table is read
    /// again while the global epoch moves by more than one during the read
    /// (a table displaced meanwhile could have been freed); namespaces and
    /// their name symbols are immortal. A table still in the root after
    /// the read was never displaced, so never freed.
    pub fn namespace_names(&self) -> Result<Vec<String>> {
        let table = OFF_ROOTS + 8 * header::ROOT_NAMESPACES as u64;
        let mut tries = 0;
        loop {
            tries += 1;
            let e0 = self.epoch();
            let w = Word::from_bits(self.mapping.hdr(table).load(Ordering::Acquire));
            let read = (|| -> Result<Vec<String>> {
                if w.is_nil() {
                    return Ok(Vec::new());
                }
                let mut names = Vec::new();
                for e in crate::handle::Ref::new(self, w).entries()? {
                    let (_, ns) = e?;
                    let name = self.namespace_name(ns)?;
                    names.push(name.symbol_parts()?.1.to_string());
                }
                names.sort();
                Ok(names)
            })();
            // The table still in place was never displaced, so never freed.
            let same = self.mapping.hdr(table).load(Ordering::Acquire) == w.bits();
            if same || self.epoch() <= e0 + 1 || tries >= NAMES_TRIES {
                return read;
            }
        }
    }
}
