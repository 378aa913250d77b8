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
//! namespaces' fields and the heap's own roots of the right kinds; valid
//! checkpoint records naming a sound snapshot; reference counts not below
//! the references found.
//! Blocks that are neither reachable nor free are not an error (a killed
//! process leaks what it held; a sweep gets them back): they are reported
//! as `unreachable_bytes`.

use crate::alloc::{
    CARVE_HEADER, CARVE_MAGIC, CHUNK, CLASS_COUNT, FREE_MARK, LARGE_MIN, block_size, class_size,
};
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::header::{self, HEADER_LEN, OFF_ROOTS, ROOT_COUNT};
use crate::object::{IMMORTAL, Kind};
use crate::word::{Decoded, Word};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::Ordering;

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

/// One block found by [`Env::walk_blocks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockInfo {
    /// Offset of the block.
    pub offset: u64,
    /// Its size class.
    pub class: usize,
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
    /// Participant slots with an owner (attached, or died attached and not
    /// yet adopted).
    pub participants: u64,
    /// Reachable objects by kind: (count, bytes).
    pub kinds: BTreeMap<&'static str, (u64, u64)>,
}

/// The result of [`Env::check`].
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Broken invariants; empty means healthy.
    pub findings: Vec<Finding>,
    /// What the file holds.
    pub stats: Stats,
}

impl CheckReport {
    /// Whether no invariant is broken.
    pub fn is_healthy(&self) -> bool {
        self.findings.is_empty()
    }
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

/// The reachable objects and how many references to each were found.
pub(crate) struct Marked {
    pub(crate) refs: HashMap<u64, u32>,
}

/// The words one object refers to ([`Env::children`]).
pub(crate) type Children = smallvec::SmallVec<[Word; 4]>;

impl Env {
    /// Calls `f` for every block of every carve below the bump pointer.
    /// Stops with a finding if a carve header is unreadable.
    pub fn walk_blocks(&self, mut f: impl FnMut(BlockInfo)) -> Result<Option<Finding>> {
        let end = self.carved_len();
        let mut p = HEADER_LEN;
        while p < end {
            let w0 = self.word_at(p)?.load(Ordering::Acquire);
            let span = self.word_at(p + 8)?.load(Ordering::Acquire);
            let class = (w0 & 0xFF) as usize;
            if w0 & !0xFF != CARVE_MAGIC || class >= CLASS_COUNT {
                return Ok(Some(Finding {
                    offset: p,
                    problem: format!("no carve header (found {w0:#x})"),
                }));
            }
            let expected = if class_size(class) >= LARGE_MIN {
                class_size(class)
            } else {
                CHUNK
            };
            if span != expected || p + span > end {
                return Ok(Some(Finding {
                    offset: p,
                    problem: format!("carve span {span} (class {class})"),
                }));
            }
            let stride = block_size(class);
            let mut b = p + CARVE_HEADER;
            while b + stride <= p + span {
                let h = self.word_at(b)?.load(Ordering::Acquire);
                let mark = self.word_at(b + 8)?.load(Ordering::Acquire);
                let state = match Kind::from_u8(h as u8) {
                    Some(kind) if (h >> 8) as u8 as usize == class => BlockState::Object(kind),
                    _ if h & 0xF_FFFF == 0xF_FFFF && mark == FREE_MARK | class as u64 => {
                        BlockState::Free
                    }
                    _ => BlockState::Raw,
                };
                f(BlockInfo {
                    offset: b,
                    class,
                    state,
                });
                b += stride;
            }
            p += span;
        }
        Ok(None)
    }

    /// Payload words `first .. first + n` of the object at `off`, in one
    /// allocation and one range check.
    fn payload_words(&self, off: u64, first: u64, n: u64) -> Result<Vec<Word>> {
        let (_, words) = self.object(Word::from_bits(off))?;
        let range = first as usize..(first + n) as usize;
        let slice = words.get(range).ok_or_else(|| HeapError::CorruptObject {
            offset: off,
            detail: "object shorter than its count",
        })?;
        Ok(slice
            .iter()
            .map(|w| Word::from_bits(w.load(Ordering::Relaxed)))
            .collect())
    }

    /// The words an object of `kind` at `off` refers to (up to four kept
    /// inline: freeing a cell allocates nothing of the process).
    pub(crate) fn children(&self, off: u64, kind: Kind) -> Result<Children> {
        let w = |i| self.load_word(off, i);
        Ok(match kind {
            Kind::String | Kind::Pattern | Kind::Int64 | Kind::Float64 | Kind::BigInt => {
                Children::new()
            }
            Kind::Ratio => smallvec::smallvec![w(0)?, w(1)?],
            Kind::Var => smallvec::smallvec![w(0)?, w(1)?, w(2)?, w(5)?],
            Kind::Namespace | Kind::Fn => smallvec::smallvec![w(0)?, w(1)?, w(2)?],
            Kind::Code => smallvec::smallvec![w(0)?, w(1)?],
            Kind::Snapshot => {
                // As many cells as its block holds, whatever its count says
                // (a damaged count is `checkpoint_findings`'s to report).
                let room = (class_size(self.header_of(off)?.class) - 16) / 16;
                let n = w(0)?.bits().min(room);
                let mut out = Children::new();
                for i in 0..n {
                    if w(1 + 2 * i)?.bits() & 1 == 0 {
                        out.push(w(2 + 2 * i)?);
                    }
                }
                out
            }
            Kind::Symbol | Kind::Keyword => smallvec::smallvec![w(0)?, w(1)?, w(4)?],
            Kind::Atom | Kind::Map | Kind::Set => {
                smallvec::smallvec![w(if kind == Kind::Atom { 0 } else { 1 })?]
            }
            Kind::Vector => smallvec::smallvec![w(2)?, w(3)?],
            Kind::Cons | Kind::SeqCons => smallvec::smallvec![w(0)?, w(1)?],
            // The metadata map and the value carrying it.
            Kind::WithMeta => smallvec::smallvec![w(0)?, w(1)?],
            Kind::Sorted => smallvec::smallvec![w(0)?, w(1)?],
            Kind::Record => smallvec::smallvec![w(0)?, w(1)?, w(2)?],
            // The thunk and the realized value (unbound until realized).
            Kind::LazySeq => [w(0)?, w(1)?]
                .into_iter()
                .filter(|c| *c != Word::UNBOUND)
                .collect(),
            Kind::InternNode => {
                let mut out = self.payload_words(off, 0, 32)?;
                for s in &mut out {
                    if s.bits() & 1 == 1 {
                        *s = Word::from_bits(s.bits() & !1);
                    }
                }
                Children::from_vec(out)
            }
            Kind::VecNode => {
                let len = w(0)?.bits().min(32);
                Children::from_vec(self.payload_words(off, 1, len)?)
            }
            Kind::MapNode => {
                let meta = w(0)?.bits();
                let n = 2 * u64::from((meta as u32).count_ones())
                    + u64::from(((meta >> 32) as u32).count_ones());
                Children::from_vec(self.payload_words(off, 1, n)?)
            }
            Kind::ArrayMap => {
                let n = w(0)?.bits().min(crate::array_map::ARRAY_MAP_MAX as u64);
                Children::from_vec(self.payload_words(off, 1, 2 * n)?)
            }
            Kind::RetireBatch => {
                let n = w(1)?.bits().min(crate::epoch::BATCH as u64);
                (0..n).map(|j| w(2 + 2 * j)).collect::<Result<_>>()?
            }
            Kind::CollisionNode => {
                let n = 2 * (w(0)?.bits() >> 32).min(1 << 20);
                Children::from_vec(self.payload_words(off, 1, n)?)
            }
        })
    }

    /// Marks everything reachable from the root words, counting references.
    pub(crate) fn mark(
        &self,
        blocks: &HashMap<u64, BlockInfo>,
        findings: &mut Vec<Finding>,
    ) -> Result<Marked> {
        let mut refs: HashMap<u64, u32> = HashMap::new();
        let mut stack = Vec::new();
        let mut visit = |w: Word, from: u64, stack: &mut Vec<u64>, findings: &mut Vec<Finding>| {
            match w.decode() {
                Decoded::Invalid(bits) => {
                    findings.push(Finding {
                        offset: from,
                        problem: format!("invalid word {bits:#x}"),
                    });
                }
                Decoded::Object(off) => match blocks.get(&off) {
                    Some(BlockInfo {
                        state: BlockState::Object(_),
                        ..
                    }) => {
                        let r = refs.entry(off).or_insert(0);
                        *r += 1;
                        if *r == 1 {
                            stack.push(off);
                        }
                    }
                    Some(b) => findings.push(Finding {
                        offset: from,
                        problem: format!("refers to {off:#x}, a {:?} block", b.state),
                    }),
                    None => findings.push(Finding {
                        offset: from,
                        problem: format!("refers to {off:#x}, not a block"),
                    }),
                },
                _ => {}
            }
        };
        for i in 0..ROOT_COUNT as u64 {
            let w = Word::from_bits(self.hdr(OFF_ROOTS + 8 * i).load(Ordering::Acquire));
            visit(w, OFF_ROOTS + 8 * i, &mut stack, findings);
        }
        while let Some(off) = stack.pop() {
            let kind = match blocks.get(&off).map(|b| b.state) {
                Some(BlockState::Object(k)) => k,
                _ => continue,
            };
            for c in self.children(off, kind)? {
                visit(c, off, &mut stack, findings);
            }
        }
        Ok(Marked { refs })
    }

    /// Verifies every invariant of the file and reports what it holds.
    /// It pins a participant of its own for the whole walk, so nothing it
    /// can reach is freed (nor its memory reused) while it reads, also when
    /// other threads and processes are writing. Exact figures need a
    /// quiescent env: with writers at work, blocks allocated but not yet
    /// published count as unreachable, and counts may move during the walk.
    pub fn check(&self) -> Result<CheckReport> {
        let participant = self.participant()?;
        let _pin = participant.pin();
        let mut findings = Vec::new();
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
        let marked = self.mark(&blocks, &mut findings)?;
        // Free lists.
        let mut listed = HashSet::new();
        for class in 0..CLASS_COUNT {
            let head = self
                .hdr(header::OFF_FREE_HEADS + 8 * class as u64)
                .load(Ordering::Acquire);
            let mut off = (head & ((1 << 40) - 1)) << 4;
            while off != 0 {
                match blocks.get(&off) {
                    Some(b) if b.class == class && b.state == BlockState::Free => {}
                    other => {
                        findings.push(Finding {
                            offset: off,
                            problem: format!("on free list {class} but {other:?}"),
                        });
                        break;
                    }
                }
                if !listed.insert(off) {
                    findings.push(Finding {
                        offset: off,
                        problem: format!("free list {class} has a cycle"),
                    });
                    break;
                }
                if marked.refs.contains_key(&off) {
                    findings.push(Finding {
                        offset: off,
                        problem: "reachable block on a free list".into(),
                    });
                }
                off = crate::alloc::link_target(self.word_at(off)?.load(Ordering::Acquire));
            }
        }
        // Reachable objects: shapes and counts.
        for (&off, &refs) in &marked.refs {
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
                Kind::String | Kind::Pattern => problem(self.str_at(off)),
                Kind::BigInt => problem(self.bigint_parts(w)),
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
            findings.extend(shape.into_iter().map(|problem| Finding {
                offset: off,
                problem,
            }));
            if h.flags & IMMORTAL == 0 && h.refcount < refs {
                findings.push(Finding {
                    offset: off,
                    problem: format!(
                        "reference count {} below the {refs} references found",
                        h.refcount
                    ),
                });
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
            let w = Word::from_bits(self.hdr(at).load(Ordering::Acquire));
            if let Some(p) = self.kind_problem(w, kinds, true) {
                findings.push(Finding {
                    offset: at,
                    problem: format!("root {root} ({what}): {p}"),
                });
            }
        }
        findings.extend(self.checkpoint_findings());
        // Participants: no pin ahead of the global epoch.
        let epoch = self.epoch();
        for slot in 0..crate::header::PARTICIPANT_COUNT {
            // This walk's own participant is not one of the env's users.
            if slot != participant.slot()
                && self
                    .slot_field(slot, crate::epoch::OWNER)
                    .load(Ordering::Acquire)
                    != 0
            {
                stats.participants += 1;
            }
            let pinned = self
                .slot_field(slot, crate::epoch::PINNED)
                .load(Ordering::Acquire);
            if pinned != 0 && pinned >> 1 > epoch {
                findings.push(Finding {
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
                        findings.push(Finding {
                            offset: batch,
                            problem: format!("participant {slot}'s retire list reaches {other:?}"),
                        });
                        break;
                    }
                }
                retired.insert(batch);
                stack.push(batch);
                batch = self.load_word(batch, 0)?.bits();
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
            for c in self.children(off, *kind)? {
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
            let size = block_size(b.class);
            match b.state {
                BlockState::Free => stats.free_bytes += size,
                _ if marked.refs.contains_key(&b.offset) => {}
                _ if retired.contains(&b.offset) => stats.retired_bytes += size,
                _ => stats.unreachable_bytes += size,
            }
        }
        findings.sort_by_key(|f| f.offset);
        Ok(CheckReport { findings, stats })
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
