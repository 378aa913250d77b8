//! Walking and verifying the heap: [`Env::walk_blocks`] parses every carve
//! below the bump pointer, [`Env::check`] marks everything reachable from
//! the root words and verifies the invariants of DESIGN.md, and
//! [`Env::stats`] reports what the file holds.
//!
//! Verified: header sizes; every carve header; every free list (entries
//! are free blocks of the list's class, no cycles, none reachable); every
//! reachable word (valid tag, offset of an allocated object of a plausible
//! kind); vector shapes; map/set bitmaps, hash prefixes, collision nodes and
//! counts; list counts; string, bigint and code lengths within their blocks;
//! strings' stored hashes (0, not computed yet, or their text's hash);
//! namespaces' fields and the heap's own roots of the right kinds; valid
//! checkpoint records naming a sound snapshot; reference counts not below
//! the references found.
//! Blocks that are neither reachable nor free are not an error (a killed
//! process leaks what it held; a sweep gets them back): they are reported
//! as `unreachable_bytes`.

use crate::block_layout::{CARVE_HEADER, CARVE_MAGIC, FREE_MARK, RUN_CLASS, block_size};
use crate::checked::Obj;
use crate::env::Env;
use crate::error::Result;
use crate::header::{self, HEADER_LEN, OFF_ROOTS, ROOT_COUNT};
use crate::live_walk::{Cell, Marked, NO_CELL};
use crate::object_header::{IMMORTAL, Kind};
use crate::report::{BlockInfo, BlockState, CheckReport, Finding, SKIPPED_LIVE, Stats};
use crate::word::{Decoded, Word};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;

/// One carve: a chunk of blocks of one class, a large block's page run, or
/// a free run ([`RUN_CLASS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Carve {
    /// Offset of its header (page-aligned).
    pub(crate) start: u64,
    /// Its bytes, header included.
    pub(crate) span: u64,
    /// Its class.
    pub(crate) class: usize,
}

/// Times one walk walks the carves again when it meets memory carved
/// after its snapshot.
const REFRESHES: u32 = 4;

/// How many more live walks must find a live walk's finding again for it
/// to stand (see [`Env::check`]).
const CONFIRMING_WALKS: usize = 2;

/// What one walk of [`Env::check`] found, by how far it can be trusted on
/// a file that others change.
struct Walk {
    /// The carves and what is reachable: words, shapes, counts (they stand
    /// when the epoch moved by one at most).
    reach: Vec<Finding>,
    /// Free lists, retire lists, pins (they stand on a quiet file only).
    lists: Vec<Finding>,
    stats: Stats,
    /// Cells (atoms, vars, roots, ...) that changed during a live walk:
    /// what was read through them was not judged.
    unsettled: usize,
}

/// The kinds a map-valued field may hold.
const MAPS: &[Kind] = &[Kind::Map, Kind::ArrayMap];

/// The findings of a read that failed (a length past its block, a string
/// that is not UTF-8, ...): none if it worked.
fn problem<T>(r: Result<T>) -> Vec<String> {
    match r {
        Ok(_) => vec![],
        Err(e) => vec![e.to_string()],
    }
}

impl Env {
    /// What is wrong with the string at `off`: its length or UTF-8, or a
    /// stored hash (non-zero: 0 is "not computed yet", see `scalar.rs`)
    /// that is not the hash of its text.
    fn string_findings(&self, off: u64) -> Result<Vec<String>> {
        let text = match self.str_at(off) {
            Ok(t) => t,
            Err(e) => return Ok(vec![e.to_string()]),
        };
        let stored = self.stored_string_hash(off)?;
        let h = crate::hash::hash_string(text);
        Ok(if stored != 0 && stored != h {
            vec![format!("string's stored hash {stored} is not its hash {h}")]
        } else {
            vec![]
        })
    }
}

/// The state of a block of `class` whose first two words are `h`, `mark`.
pub(crate) fn state_of(h: u64, mark: u64, class: usize) -> BlockState {
    match Kind::from_u8(h as u8) {
        Some(kind) if (h >> 8) as u8 as usize == class && class != RUN_CLASS => {
            BlockState::Object(kind)
        }
        _ if h & 0xF_FFFF == 0xF_FFFF && mark == FREE_MARK | class as u64 => BlockState::Free,
        _ => BlockState::Raw,
    }
}

/// The words one object refers to ([`Env::children`]).
pub(crate) type Children = smallvec::SmallVec<[Word; 4]>;

impl Env {
    /// Calls `f` for every carve below the bump pointer, in order, reading
    /// only carve headers. Stops with a finding if a carve header is
    /// unreadable (what lies past it is not described).
    pub(crate) fn walk_carves(&self, mut f: impl FnMut(Carve)) -> Result<Option<Finding>> {
        let end = self.carved_len();
        let mut p = HEADER_LEN;
        while p < end {
            let w0 = self.mapping.word_at(p)?.load(Ordering::Acquire);
            let span = self.mapping.word_at(p + 8)?.load(Ordering::Acquire);
            let class = (w0 & 0xFF) as usize;
            if w0 & !0xFF != CARVE_MAGIC || class > RUN_CLASS {
                return Ok(Some(Finding {
                    offset: p,
                    problem: format!("no carve header (found {w0:#x})"),
                }));
            }
            if !crate::block_layout::valid_span(class, span) || span > end - p {
                return Ok(Some(Finding {
                    offset: p,
                    problem: format!("carve span {span} (class {class})"),
                }));
            }
            f(Carve {
                start: p,
                span,
                class,
            });
            p += span;
        }
        Ok(None)
    }

    /// The state of the block of `class` at `off` (inside a carve of that
    /// class), from its first two words.
    pub(crate) fn block_state(&self, off: u64, class: usize) -> Result<BlockState> {
        let h = self.mapping.word_at(off)?.load(Ordering::Acquire);
        let mark = self.mapping.word_at(off + 8)?.load(Ordering::Acquire);
        Ok(state_of(h, mark, class))
    }

    /// Calls `f` for every block of every carve below the bump pointer (a
    /// free run is one block). Stops with a finding if a carve header is
    /// unreadable.
    pub fn walk_blocks(&self, mut f: impl FnMut(BlockInfo)) -> Result<Option<Finding>> {
        let mut carves = Vec::new();
        let finding = self.walk_carves(|c| carves.push(c))?;
        for c in carves {
            if c.class == RUN_CLASS {
                let b = c.start + CARVE_HEADER;
                f(BlockInfo {
                    offset: b,
                    class: RUN_CLASS,
                    size: c.span - CARVE_HEADER,
                    state: self.block_state(b, RUN_CLASS)?,
                });
                continue;
            }
            let stride = block_size(c.class);
            let mut b = c.start + CARVE_HEADER;
            while b + stride <= c.start + c.span {
                f(BlockInfo {
                    offset: b,
                    class: c.class,
                    size: stride,
                    state: self.block_state(b, c.class)?,
                });
                b += stride;
            }
        }
        Ok(finding)
    }

    /// The words an object of `kind` at `off` refers to (up to four kept
    /// inline: freeing a cell allocates nothing of the process).
    pub(crate) fn children(&self, off: u64, kind: Kind) -> Result<Children> {
        let mut out = Children::new();
        self.children_into(&self.obj_at(off)?, kind, &mut out)?;
        Ok(out)
    }

    /// Appends to `out` the words the checked object `o`, read as `kind`,
    /// refers to: read from its block, checked against it (a count read
    /// from a damaged object never reads past its block).
    pub(crate) fn children_into<A: smallvec::Array<Item = Word>>(
        &self,
        o: &Obj<'_>,
        kind: Kind,
        out: &mut smallvec::SmallVec<A>,
    ) -> Result<()> {
        let w = |i| o.word(i);
        let mut run = |first: u64, n: u64| -> Result<()> {
            let words = o.words(first, n)?;
            out.extend(
                words
                    .iter()
                    .map(|w| Word::from_bits(w.load(Ordering::Relaxed))),
            );
            Ok(())
        };
        match kind {
            Kind::String
            | Kind::Pattern
            | Kind::Int64
            | Kind::Float64
            | Kind::BigInt
            | Kind::BigDecimal
            | Kind::Uuid
            | Kind::Inst => {}
            Kind::VecNode => {
                let len = w(0)?.bits().min(32);
                run(1, len)?;
            }
            Kind::MapNode => {
                let meta = w(0)?.bits();
                let n = 2 * u64::from((meta as u32).count_ones())
                    + u64::from(((meta >> 32) as u32).count_ones());
                run(1, n)?;
            }
            Kind::ArrayMap => {
                let n = w(0)?.bits().min(crate::array_map::ARRAY_MAP_MAX as u64);
                run(1, 2 * n)?;
            }
            Kind::CollisionNode => {
                let n = 2 * (w(0)?.bits() >> 32).min(1 << 20);
                run(1, n)?;
            }
            Kind::Cons
            | Kind::SeqCons
            | Kind::WithMeta
            | Kind::Sorted
            | Kind::Ratio
            | Kind::Code
            | Kind::TaggedLiteral
            | Kind::ReaderConditional => run(0, 2)?,
            Kind::Vector => run(2, 2)?,
            Kind::Namespace | Kind::Fn | Kind::Record => run(0, 3)?,
            Kind::Reduced | Kind::Volatile | Kind::Atom => run(0, 1)?,
            Kind::Map | Kind::Set => run(1, 1)?,
            Kind::Var => {
                run(0, 3)?;
                out.push(w(5)?);
            }
            Kind::Symbol | Kind::Keyword => {
                run(0, 2)?;
                out.push(w(4)?);
            }
            // The thunk and the realized value (unbound until realized).
            Kind::LazySeq => {
                for c in [w(0)?, w(1)?] {
                    if c != Word::UNBOUND {
                        out.push(c);
                    }
                }
            }
            Kind::Snapshot => {
                // As many cells as its block holds, whatever its count says
                // (a damaged count is `checkpoint_findings`'s to report).
                let room = (o.payload().len() as u64).saturating_sub(1) / 2;
                let n = w(0)?.bits().min(room);
                for i in 0..n {
                    if w(1 + 2 * i)?.bits() & 1 == 0 {
                        out.push(w(2 + 2 * i)?);
                    }
                }
            }
            // Its component symbol and an object array's elements.
            Kind::Array => out.extend(self.array_children(o.off)?),
            Kind::InternNode => {
                for s in o.words(0, 32)? {
                    let s = s.load(Ordering::Relaxed);
                    out.push(Word::from_bits(if s & 1 == 1 { s & !1 } else { s }));
                }
            }
            Kind::RetireBatch => {
                let n = w(1)?.bits().min(crate::epoch::BATCH as u64);
                for j in 0..n {
                    out.push(w(2 + 2 * j)?);
                }
            }
        }
        Ok(())
    }

    /// Marks everything reachable from the root words, counting references.
    ///
    /// `blocks` is a snapshot of the carves. On a file that others change
    /// (`live`), a block the snapshot shows as free may hold an object
    /// allocated since (its header is read again), memory carved since is
    /// found by walking the carves again (a few times at most), and every
    /// mutable cell the walk goes through (a header root, an atom's value,
    /// a var's root and metadata, a namespace's mappings and aliases, a
    /// lazy seq's cells) is recorded with what it held, so that
    /// [`Marked::settled`] can tell which findings were made on values that
    /// stayed in place for the whole walk.
    pub(crate) fn mark(
        &self,
        blocks: &mut HashMap<u64, BlockInfo>,
        live: bool,
        findings: &mut Vec<Finding>,
    ) -> Result<Marked> {
        let mut m = Marked {
            refs: HashMap::new(),
            cells: Vec::new(),
            via: HashMap::new(),
            finding_cells: Vec::new(),
        };
        let mut stack: Vec<(u64, Kind, u32)> = Vec::new();
        let mut refreshes = 0;
        let mut visit = |w: Word,
                         from: u64,
                         cell: u32,
                         m: &mut Marked,
                         blocks: &mut HashMap<u64, BlockInfo>,
                         stack: &mut Vec<(u64, Kind, u32)>,
                         findings: &mut Vec<Finding>|
         -> Result<()> {
            let mut found = |problem: String, m: &mut Marked| {
                findings.push(Finding {
                    offset: from,
                    problem,
                });
                m.finding_cells.push(cell);
            };
            let off = match w.decode() {
                Decoded::Object(off) => off,
                Decoded::Invalid(bits) => {
                    found(format!("invalid word {bits:#x}"), m);
                    return Ok(());
                }
                _ => return Ok(()),
            };
            if live && !blocks.contains_key(&off) && refreshes < REFRESHES {
                refreshes += 1;
                blocks.clear();
                self.walk_blocks(|b| {
                    blocks.insert(b.offset, b);
                })?;
            }
            let state = match blocks.get(&off) {
                // Allocated since the snapshot, perhaps.
                Some(b) if !matches!(b.state, BlockState::Object(_)) => {
                    self.block_state(off, b.class)?
                }
                Some(b) => b.state,
                None => {
                    found(format!("refers to {off:#x}, not a block"), m);
                    return Ok(());
                }
            };
            let BlockState::Object(kind) = state else {
                found(format!("refers to {off:#x}, a {state:?} block"), m);
                return Ok(());
            };
            let r = m.refs.entry(off).or_insert(0);
            *r += 1;
            if *r == 1 {
                stack.push((off, kind, cell));
            }
            if live {
                let via = m.via.entry(off).or_default();
                if !via.contains(&cell) {
                    via.push(cell);
                }
            }
            Ok(())
        };
        for i in 0..ROOT_COUNT as u64 {
            let at = OFF_ROOTS + 8 * i;
            let w = Word::from_bits(self.mapping.hdr(at).load(Ordering::Acquire));
            let cell = m.cell(Cell {
                word_at: at,
                header: true,
                word: w.bits(),
                version_at: None,
                parent: NO_CELL,
            });
            visit(w, at, cell, &mut m, blocks, &mut stack, findings)?;
        }
        while let Some((off, kind, cell)) = stack.pop() {
            let kids = self.cell_children(off, kind, cell, &mut m);
            let kids = match kids {
                Ok(kids) => kids,
                // Reached through a value displaced meanwhile, perhaps: it
                // is judged with the cell it was reached through.
                Err(e) if live => {
                    findings.push(Finding {
                        offset: off,
                        problem: format!("unreadable: {e}"),
                    });
                    m.finding_cells.push(cell);
                    continue;
                }
                Err(e) => return Err(e),
            };
            for (w, c) in kids {
                match visit(w, off, c, &mut m, blocks, &mut stack, findings) {
                    Ok(()) => {}
                    Err(e) if live => {
                        findings.push(Finding {
                            offset: off,
                            problem: format!("unreadable: {e}"),
                        });
                        m.finding_cells.push(c);
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(m)
    }

    /// Verifies every invariant of the file and reports what it holds,
    /// without writing a byte (no participant, no pin: it works on an env
    /// opened read-only, see [`Env::open_read_only`]).
    ///
    /// Without a pin, what it reads may be freed and reused while it reads
    /// if other threads or processes are writing. So it compares the
    /// header's changing words (epoch, bump, free-list heads, roots,
    /// participant table, retire-list links) before and after its walk:
    /// - unchanged, and no other process has the file open: the walk saw
    ///   one unchanging file, and every finding stands;
    /// - otherwise it is a live walk (`live_walk.rs`): only findings about
    ///   objects reached through mutable cells that were still in place at
    ///   the end stand; the free lists, retire lists and pins are skipped,
    ///   because they change under a writer, and the byte counts are
    ///   approximate; `skipped` says so. A cell without a version (a root
    ///   or a namespace map) can change and come back to the same word
    ///   with a new object at the old one's offset during a walk, so a
    ///   live walk's finding stands only when two more walks
    ///   made after it find it again (damage stays; a race does not
    ///   repeat at the same offset).
    pub fn check(&self) -> Result<CheckReport> {
        let before = self.fingerprint();
        let others_before = self.others_open()?;
        let quiet_walk = self.check_walk(others_before);
        let others_after = self.others_open()?;
        let after = self.fingerprint();
        // A walk that failed on a file others changed meanwhile read an
        // object as it was being replaced: walked again, as any finding of
        // a live walk is, it stands only if it fails every time.
        let quiet_walk = match quiet_walk {
            Err(_) if others_before || others_after || before != after => self.live_walk()?,
            walk => walk?,
        };
        let walk = if !others_before && !others_after && before == after {
            let mut findings = quiet_walk.reach;
            findings.extend(quiet_walk.lists);
            findings.sort_by_key(|f| f.offset);
            return Ok(CheckReport {
                findings,
                stats: quiet_walk.stats,
                skipped: Vec::new(),
            });
        } else if others_before {
            quiet_walk
        } else {
            // Somebody came in during a walk made as on a quiet file.
            self.live_walk()?
        };
        let mut findings = walk.reach;
        for _ in 0..CONFIRMING_WALKS {
            if findings.is_empty() {
                break;
            }
            let again = self.live_walk()?;
            findings.retain(|f| again.reach.contains(f));
        }
        findings.sort_by_key(|f| f.offset);
        let mut skipped = vec![SKIPPED_LIVE.to_string()];
        if walk.unsettled > 0 {
            skipped.push(format!(
                "{} value(s) (atoms, vars, namespaces, lazy seqs, roots) changed during the walk: what was reached only through them was not verified",
                walk.unsettled
            ));
        }
        Ok(CheckReport {
            findings,
            stats: walk.stats,
            skipped,
        })
    }

    /// A walk of a file others have open: an error (an object read while
    /// another process replaced it: a block freed and carved again under
    /// the walk) is the walk's, not the file's, unless the next
    /// [`CONFIRMING_WALKS`] walks fail too.
    fn live_walk(&self) -> Result<Walk> {
        let mut failed = None;
        for _ in 0..=CONFIRMING_WALKS {
            match self.check_walk(true) {
                Ok(walk) => return Ok(walk),
                Err(e) => failed = Some(e),
            }
        }
        match failed {
            Some(e) => Err(e),
            None => self.check_walk(true),
        }
    }

    /// One walk of [`Env::check`]; `live` when other processes have the
    /// file open (memory carved during the walk is looked for).
    fn check_walk(&self, live: bool) -> Result<Walk> {
        // The walk holds no pin: a string it hashes (a map key whose
        // place it checks) may be freed and its block reused under it, so
        // nothing it computes is stored.
        let _no_stores = crate::scalar::HashStoresOff::new();
        let mut findings = Vec::new();
        let mut lists = Vec::new();
        let mut stats = Stats {
            file_len: self.file_len(),
            carved_len: self.carved_len(),
            ..Stats::default()
        };
        if stats.carved_len > stats.file_len {
            findings.push(Finding {
                offset: header::OFF_BUMP,
                problem: "bump pointer beyond file length".into(),
            });
        }
        let mut blocks = HashMap::new();
        if let Some(f) = self.walk_blocks(|b| {
            blocks.insert(b.offset, b);
        })? {
            findings.push(f);
        }
        let mut mark_findings = Vec::new();
        let marked = self.mark(&mut blocks, live, &mut mark_findings)?;
        // Free lists.
        let mut listed = HashSet::new();
        for class in 0..=RUN_CLASS {
            let head = self
                .mapping
                .hdr(header::OFF_FREE_HEADS + 8 * class as u64)
                .load(Ordering::Acquire);
            let mut off = (head & ((1 << 40) - 1)) << 4;
            while off != 0 {
                match blocks.get(&off) {
                    Some(b) if b.class == class && b.state == BlockState::Free => {}
                    other => {
                        lists.push(Finding {
                            offset: off,
                            problem: format!("on free list {class} but {other:?}"),
                        });
                        break;
                    }
                }
                if !listed.insert(off) {
                    lists.push(Finding {
                        offset: off,
                        problem: format!("free list {class} has a cycle"),
                    });
                    break;
                }
                if marked.refs.contains_key(&off) {
                    lists.push(Finding {
                        offset: off,
                        problem: "reachable block on a free list".into(),
                    });
                }
                // A live file's lists change under the walk: one that leads
                // out of the file is not judged (nor are its findings).
                off = match self.mapping.word_at(off) {
                    Ok(w) => crate::block_layout::link_target(w.load(Ordering::Acquire)),
                    Err(_) if live => break,
                    Err(e) => return Err(e),
                };
            }
        }
        // Reachable objects: shapes and counts. On a live file an object
        // reached through a value that changed meanwhile may have been
        // freed and reused: what is read of it is judged at the end.
        let mut object_findings: Vec<(u64, String)> = Vec::new();
        for (&off, &refs) in &marked.refs {
            let read = (|| -> Result<(crate::object_header::ObjectHeader, Vec<String>)> {
                let h = self.header_of(off)?;
                let w = Word::object(off);
                let shape = match h.kind {
                    Kind::Vector => self.vector_findings(w)?,
                    Kind::Map | Kind::Set => self.hamt_findings(h.kind, w)?,
                    Kind::ArrayMap => self.array_map_findings(w)?,
                    Kind::Cons => {
                        let rest = self.list_rest(w)?;
                        if self.list_count(w)?.checked_sub(1) != Some(self.list_count(rest)?) {
                            vec!["list count does not match its rest".to_string()]
                        } else {
                            vec![]
                        }
                    }
                    Kind::SeqCons => {
                        let (_, rest) = self.seq_cons_parts(w)?;
                        if self.is_seq_word(rest)? {
                            vec![]
                        } else {
                            vec![format!("seq cons rest {rest:?} is not a seq")]
                        }
                    }
                    Kind::LazySeq => self.lazy_findings(off)?,
                    Kind::WithMeta => self.meta_findings(off)?,
                    Kind::Sorted => self.sorted_findings(w)?,
                    Kind::Record => self.record_findings(w)?,
                    Kind::Array => self.array_findings(off)?,
                    Kind::String => self.string_findings(off)?,
                    Kind::Pattern => problem(self.str_at(off)),
                    Kind::BigInt => problem(self.bigint_parts(w)),
                    Kind::BigDecimal => problem(self.bigdecimal_parts(w)),
                    Kind::Inst => problem(self.inst_parts(w)),
                    Kind::TaggedLiteral | Kind::ReaderConditional => {
                        self.reader_object_findings(w, h.kind)?
                    }
                    Kind::Code => {
                        let len = self.load_word(off, 2)?.bits();
                        problem(self.block_bytes(off, 40, len))
                    }
                    Kind::Namespace => [
                        (0, "name", &[Kind::Symbol][..]),
                        (1, "mappings", MAPS),
                        (2, "aliases", MAPS),
                    ]
                    .into_iter()
                    .filter_map(|(i, field, kinds)| {
                        let w = self.load_word(off, i).ok()?;
                        self.kind_problem(w, kinds, i > 0)
                            .map(|p| format!("namespace {field}: {p}"))
                    })
                    .collect(),
                    _ => vec![],
                };
                Ok((h, shape))
            })();
            let (h, shape) = match read {
                Ok(read) => read,
                Err(e) if live => {
                    object_findings.push((off, format!("unreadable: {e}")));
                    continue;
                }
                Err(e) => return Err(e),
            };
            object_findings.extend(shape.into_iter().map(|problem| (off, problem)));
            if h.flags & IMMORTAL == 0 && h.refcount < refs {
                object_findings.push((
                    off,
                    format!(
                        "reference count {} below the {refs} references found",
                        h.refcount
                    ),
                ));
            }
            let size = block_size(h.class);
            stats.live_bytes += size;
            stats.live_objects += 1;
            let e = stats.kinds.entry(h.kind.name()).or_insert((0, 0));
            e.0 += 1;
            e.1 += size;
        }
        // The heap's own roots hold what they are for.
        for (root, what, kinds) in [
            (header::ROOT_NAMESPACES, "namespace table", MAPS),
            (header::ROOT_INTERN, "intern table", &[Kind::InternNode][..]),
            (
                header::ROOT_CHECKPOINT,
                "checkpoint snapshot",
                &[Kind::Snapshot][..],
            ),
            (
                header::ROOT_CHECKPOINT + 1,
                "checkpoint snapshot",
                &[Kind::Snapshot][..],
            ),
        ] {
            let at = OFF_ROOTS + 8 * root as u64;
            let w = Word::from_bits(self.mapping.hdr(at).load(Ordering::Acquire));
            // (Still this root's value afterwards: not freed meanwhile.)
            if let Some(p) = self.kind_problem(w, kinds, true)
                && self.mapping.hdr(at).load(Ordering::Acquire) == w.bits()
            {
                findings.push(Finding {
                    offset: at,
                    problem: format!("root {root} ({what}): {p}"),
                });
            }
        }
        // Checkpoints change under a live writer: judged on a quiet file.
        lists.extend(self.checkpoint_findings());
        // Participants: no pin ahead of the global epoch.
        let epoch = self.epoch();
        stats.participants = self.participants_attached()? as u64;
        for slot in 0..crate::header::PARTICIPANT_COUNT {
            let pinned = self
                .slot_field(slot, crate::epoch::PINNED)
                .load(Ordering::Acquire);
            if pinned != 0 && pinned >> 1 > epoch {
                lists.push(Finding {
                    offset: 0,
                    problem: format!(
                        "participant {slot} pinned at epoch {} ahead of the global {epoch}",
                        pinned >> 1
                    ),
                });
            }
        }
        // Retired: the participants' retire batches and what only they reach.
        let mut retired = HashSet::new();
        let mut stack = Vec::new();
        for slot in 0..crate::header::PARTICIPANT_COUNT {
            let mut batch = self
                .slot_field(slot, crate::epoch::RETIRED)
                .load(Ordering::Acquire);
            let mut hops = 0;
            while batch != 0 && hops < 1 << 20 {
                match blocks.get(&batch) {
                    Some(BlockInfo {
                        state: BlockState::Object(Kind::RetireBatch),
                        ..
                    }) => {}
                    other => {
                        lists.push(Finding {
                            offset: batch,
                            problem: format!("participant {slot}'s retire list reaches {other:?}"),
                        });
                        break;
                    }
                }
                retired.insert(batch);
                stack.push(batch);
                batch = match self.load_word(batch, 0) {
                    Ok(next) => next.bits(),
                    Err(_) if live => break,
                    Err(e) => return Err(e),
                };
                hops += 1;
            }
        }
        while let Some(off) = stack.pop() {
            let Some(BlockInfo {
                state: BlockState::Object(kind),
                ..
            }) = blocks.get(&off)
            else {
                continue;
            };
            let children = match self.children(off, *kind) {
                Ok(children) => children,
                Err(_) if live => continue,
                Err(e) => return Err(e),
            };
            for c in children {
                if let Some(c) = c.as_object()
                    && !marked.refs.contains_key(&c)
                    && matches!(
                        blocks.get(&c),
                        Some(BlockInfo {
                            state: BlockState::Object(_),
                            ..
                        })
                    )
                    && retired.insert(c)
                {
                    stack.push(c);
                }
            }
        }
        for b in blocks.values() {
            let size = b.size;
            match b.state {
                BlockState::Free => stats.free_bytes += size,
                _ if marked.refs.contains_key(&b.offset) => {}
                _ if retired.contains(&b.offset) => stats.retired_bytes += size,
                _ => stats.unreachable_bytes += size,
            }
        }
        // What was read of values that stayed in place stands; what was
        // read through a value displaced during the walk is not judged.
        let mut unsettled = 0;
        if live {
            let settled = marked.settled(self);
            for (f, &cell) in mark_findings.into_iter().zip(&marked.finding_cells) {
                if cell == NO_CELL || settled.get(cell as usize) == Some(&true) {
                    findings.push(f);
                }
            }
            for (offset, problem) in object_findings {
                if marked.reached_settled(offset, &settled) {
                    findings.push(Finding { offset, problem });
                }
            }
            unsettled = settled.iter().filter(|ok| !**ok).count();
        } else {
            findings.extend(mark_findings);
            findings.extend(
                object_findings
                    .into_iter()
                    .map(|(offset, problem)| Finding { offset, problem }),
            );
        }
        Ok(Walk {
            reach: findings,
            lists,
            stats,
            unsettled,
        })
    }

    /// Why word `w` is not an object of one of `kinds` (nil allowed if
    /// `nil_ok`), if it is not.
    fn kind_problem(&self, w: Word, kinds: &[Kind], nil_ok: bool) -> Option<String> {
        if w.is_nil() && nil_ok {
            return None;
        }
        let Some(off) = w.as_object() else {
            return Some(format!("{:?} is not an object", w.decode()));
        };
        match self.header_of(off) {
            Ok(h) if kinds.contains(&h.kind) => None,
            Ok(h) => Some(format!("a {} at {off:#x}", h.kind.name())),
            Err(e) => Some(e.to_string()),
        }
    }

    /// What the file holds (a full walk, like [`Env::check`]).
    pub fn stats(&self) -> Result<Stats> {
        Ok(self.check()?.stats)
    }
}
