//! Object headers: the first word of every object, its kinds, allocation
//! of objects, and reference counts.
//!
//! Header word (always accessed atomically, like the first word of every
//! block): bits 0..8 kind, 8..16 size class, 16..24 flags, 24..32 reserved
//! (sweep mark), 32..64 reference count. Objects flagged [`IMMORTAL`]
//! (symbols, keywords, their names, vars, namespaces) are never counted or
//! freed. A count is an ownership: a parent object, a root word or a
//! process-local handle. [`Env::release`] only reports when a count reaches
//! zero; freeing at zero (with the children's counts) happens in the epoch
//! layer, once no pinned reader can see the object.

use crate::alloc::{Block, CLASS_COUNT};
use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::word::Word;
use std::sync::atomic::{AtomicU64, Ordering};

/// Flag: the object is never counted nor freed.
pub const IMMORTAL: u8 = 1;
/// Bytes of the object header.
pub const HEADER_BYTES: u64 = 8;

const RC_ONE: u64 = 1 << 32;

/// The kinds of objects. Discriminants are stored in the file: never reuse one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// UTF-8 string: `len: u32, hash: i32, bytes`.
    String = 1,
    /// Interned symbol: `ns word, name word, hash: i32, pad, intern hash: u64, next word`.
    Symbol = 2,
    /// Interned keyword, laid out like a symbol.
    Keyword = 3,
    /// Boxed i64 outside the small-integer range: `value: i64`.
    Int64 = 4,
    /// Boxed f64: `bits: u64`.
    Float64 = 5,
    /// Atom: `value word, version: u32, pad`.
    Atom = 6,
    /// Node of the intern table: 32 slot words.
    InternNode = 7,
    /// Persistent vector: `count, shift, root node, tail node`.
    Vector = 8,
    /// Node of a vector trie (or its tail): `len, words[len]`.
    VecNode = 9,
    /// Persistent hash map: `count, root node (nil if empty)`.
    Map = 10,
    /// Persistent hash set, laid out like a map whose values are nil.
    Set = 11,
    /// CHAMP node of a map or set: `datamap: u32, nodemap: u32, k/v pairs, children`.
    MapNode = 12,
    /// Entries whose 32-bit hashes collide: `hash: u32, count: u32, k/v pairs`.
    CollisionNode = 13,
    /// List cell: `first, rest, count`.
    Cons = 14,
    /// A batch of a participant's retire list: `next batch, count, (word, epoch) × 30`.
    RetireBatch = 15,
    /// Integer beyond i64: `sign | len << 8`, then the magnitude's bytes, little-endian.
    BigInt = 16,
    /// Ratio: `numerator word, denominator word` (integers, normalized by the creator).
    Ratio = 17,
    /// Var (immortal): `ns, name, root (CAS), version | waiters << 32, flags, meta`.
    Var = 18,
    /// Namespace (immortal): `name, mappings (CAS), aliases (CAS)`.
    Namespace = 19,
    /// Code for the evaluator: `body, aux, len, id`, then `len` opaque bytes.
    Code = 20,
    /// Function: `code, captured locals, name`.
    Fn = 21,
    /// Checkpoint snapshot: `count`, then `(cell offset | raw bit, value)` pairs.
    Snapshot = 22,
    /// Small map in insertion order (Clojure's array map): `count`, then k/v pairs.
    ArrayMap = 23,
    /// Regular expression: its source, laid out like a string; equal only
    /// to itself (as Clojure's patterns). Each process compiles it itself.
    Pattern = 24,
    /// Lazy seq: `thunk (CAS), value (CAS)` — see `lazy.rs`.
    LazySeq = 25,
    /// Cons onto any seq, uncounted (Clojure's `Cons`): `first, rest`.
    SeqCons = 26,
    /// A value with metadata (Clojure's `IObj`): `meta, target` — see
    /// `meta.rs`. Readers look through it to the target.
    WithMeta = 27,
    /// Sorted map or set: `comparator, root, count, flags` — see `sorted.rs`.
    Sorted = 28,
    /// Record (`defrecord`): `type, basis, map` — see `record.rs`.
    Record = 29,
}

impl Kind {
    /// The kind stored as `b`, if any.
    pub fn from_u8(b: u8) -> Option<Kind> {
        Some(match b {
            1 => Kind::String,
            2 => Kind::Symbol,
            3 => Kind::Keyword,
            4 => Kind::Int64,
            5 => Kind::Float64,
            6 => Kind::Atom,
            7 => Kind::InternNode,
            8 => Kind::Vector,
            9 => Kind::VecNode,
            10 => Kind::Map,
            11 => Kind::Set,
            12 => Kind::MapNode,
            13 => Kind::CollisionNode,
            14 => Kind::Cons,
            15 => Kind::RetireBatch,
            16 => Kind::BigInt,
            17 => Kind::Ratio,
            18 => Kind::Var,
            19 => Kind::Namespace,
            20 => Kind::Code,
            21 => Kind::Fn,
            22 => Kind::Snapshot,
            23 => Kind::ArrayMap,
            24 => Kind::Pattern,
            25 => Kind::LazySeq,
            26 => Kind::SeqCons,
            27 => Kind::WithMeta,
            28 => Kind::Sorted,
            29 => Kind::Record,
            _ => return None,
        })
    }

    /// The kind's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Symbol => "symbol",
            Kind::Keyword => "keyword",
            Kind::Int64 => "int64",
            Kind::Float64 => "float64",
            Kind::Atom => "atom",
            Kind::InternNode => "intern-node",
            Kind::Vector => "vector",
            Kind::VecNode => "vector-node",
            Kind::Map => "map",
            Kind::Set => "set",
            Kind::MapNode => "map-node",
            Kind::CollisionNode => "collision-node",
            Kind::Cons => "list",
            Kind::RetireBatch => "retire-batch",
            Kind::BigInt => "bigint",
            Kind::Ratio => "ratio",
            Kind::Var => "var",
            Kind::Namespace => "namespace",
            Kind::Code => "code",
            Kind::Fn => "fn",
            Kind::Snapshot => "snapshot",
            Kind::ArrayMap => "array-map",
            Kind::Pattern => "pattern",
            Kind::LazySeq => "lazy-seq",
            Kind::SeqCons => "seq-cons",
            Kind::WithMeta => "with-meta",
            Kind::Sorted => "sorted",
            Kind::Record => "record",
        }
    }
}

/// A decoded object header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectHeader {
    /// The object's kind.
    pub kind: Kind,
    /// Its block's size class.
    pub class: usize,
    /// Flags ([`IMMORTAL`]).
    pub flags: u8,
    /// Its reference count (meaningless if immortal).
    pub refcount: u32,
}

fn encode(kind: Kind, class: usize, flags: u8, refcount: u32) -> u64 {
    kind as u64 | (class as u64) << 8 | u64::from(flags) << 16 | u64::from(refcount) << 32
}

impl Env {
    /// Allocates an object of `kind` with `payload` bytes after the header,
    /// count 1 (owned by the caller). The payload is uninitialized; the
    /// object is private until the caller publishes its word.
    pub(crate) fn new_object(&self, kind: Kind, payload: u64, flags: u8) -> Result<u64> {
        let block = self.alloc(HEADER_BYTES + payload)?;
        self.word_at(block.offset)?
            .store(encode(kind, block.class, flags, 1), Ordering::Relaxed);
        Ok(block.offset)
    }

    /// Frees the block of the object at `off` without touching its
    /// children's counts: an object that was never published (it lost a
    /// publication race, or was built and then not needed), or a shell
    /// whose counts were handed over to a copy.
    ///
    /// # Safety
    /// Nobody but the caller can reach the object at `off`, now or later:
    /// the calling thread allocated it and never published its word, or
    /// the caller holds its only count (reachable by nobody else; see
    /// `sole_owner`). The caller does not use it afterwards.
    pub(crate) unsafe fn free_unpublished(&self, off: u64) -> Result<()> {
        let h = self.header_of(off)?;
        // SAFETY: by the caller's guarantee, no other owner, thread or
        // process can hold or reach the block, so it may be reused at once.
        unsafe {
            self.free(Block {
                offset: off,
                class: h.class,
            })
        }
    }

    /// Whether the object at `off` has exactly one count and is not
    /// immortal: held by one owner only. An object the caller holds that
    /// one count of is reachable by nobody else — no root holds it (a root
    /// holds a count; a value taken out of a root is retired with that
    /// count until every reader pinned before has moved on) — so the
    /// caller may change it in place.
    pub(crate) fn sole_owner(&self, off: u64) -> Result<bool> {
        let h = self.header_of(off)?;
        Ok(h.refcount == 1 && h.flags & IMMORTAL == 0)
    }

    /// The header of the object at `off`, validated.
    pub fn header_of(&self, off: u64) -> Result<ObjectHeader> {
        let w = self.word_at(off)?.load(Ordering::Acquire);
        if w & 0xFFFF_FFFF_0000_0000 == crate::alloc::CARVE_MAGIC {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "a carve header, not an object",
            });
        }
        let kind = Kind::from_u8(w as u8).ok_or_else(|| HeapError::CorruptObject {
            offset: off,
            detail: "unknown kind",
        })?;
        let class = ((w >> 8) & 0xFF) as usize;
        if class >= CLASS_COUNT {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "bad size class",
            });
        }
        // The block, not the class: a large block is its page run less
        // the carve header, and may end at the very end of the file.
        self.check_range(off, crate::alloc::block_size(class), 16)?;
        Ok(ObjectHeader {
            kind,
            class,
            flags: (w >> 16) as u8,
            refcount: (w >> 32) as u32,
        })
    }

    /// The object offset of `w` after checking it is an object of `kind`.
    pub(crate) fn expect_kind(&self, w: Word, kind: Kind) -> Result<u64> {
        let off = w.as_object().ok_or_else(|| HeapError::WrongKind {
            expected: kind.name(),
            found: format!("{:?}", w.decode()),
        })?;
        let h = self.header_of(off)?;
        if h.kind != kind {
            return Err(HeapError::WrongKind {
                expected: kind.name(),
                found: h.kind.name().to_string(),
            });
        }
        Ok(off)
    }

    /// Takes one more ownership of the object `w` refers to (no-op for
    /// immediates and immortal objects).
    pub(crate) fn retain(&self, w: Word) -> Result<()> {
        let Some(off) = w.as_object() else {
            return Ok(());
        };
        self.writable("take a reference")?;
        // Hot path of every path copy: a load and a CAS on the header word,
        // validating what the count needs (kind, flags, the count itself)
        // before changing it, so a dead object (count 0) is never
        // resurrected and a saturated count never wraps.
        let word = self.word_at(off)?;
        let mut h = word.load(Ordering::Relaxed);
        loop {
            if Kind::from_u8(h as u8).is_none() {
                return Err(HeapError::CorruptObject {
                    offset: off,
                    detail: "unknown kind",
                });
            }
            if (h >> 16) as u8 & IMMORTAL != 0 {
                return Ok(());
            }
            match h >> 32 {
                0 => {
                    return Err(HeapError::CorruptObject {
                        offset: off,
                        detail: "retain of a dead object (count 0)",
                    });
                }
                // Saturated: the count sticks (the object lives until a
                // sweep recounts it) rather than wrapping to zero.
                c if c == u64::from(u32::MAX) => return Ok(()),
                _ => {}
            }
            match word.compare_exchange_weak(h, h + RC_ONE, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return Ok(()),
                Err(now) => h = now,
            }
        }
    }

    /// Gives up one ownership of the object `w` refers to. Returns the
    /// remaining count (`None` for immediates and immortal objects). A count
    /// of zero means the object is garbage; freeing it waits for the epoch
    /// layer, which guarantees no reader can still see it.
    pub(crate) fn release(&self, w: Word) -> Result<Option<u32>> {
        let Some(off) = w.as_object() else {
            return Ok(None);
        };
        let h = self.header_of(off)?;
        if h.flags & IMMORTAL != 0 {
            return Ok(None);
        }
        let word = self.word_at(off)?;
        let mut cur = word.load(Ordering::Relaxed);
        loop {
            if cur >> 32 == 0 {
                return Err(HeapError::CorruptObject {
                    offset: off,
                    detail: "release of an object with count 0",
                });
            }
            if cur >> 32 == u64::from(u32::MAX) {
                // A saturated count sticks (see `retain`): the object lives
                // until a sweep recounts it.
                return Ok(Some(u32::MAX));
            }
            match word.compare_exchange_weak(cur, cur - RC_ONE, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => return Ok(Some((cur >> 32) as u32 - 1)),
                Err(now) => cur = now,
            }
        }
    }

    /// The header of the object `w` refers to and its payload words as a
    /// slice (bounds-checked indexing, one range check for the block), for
    /// hot read paths that read several words of one object.
    pub(crate) fn object(&self, w: Word) -> Result<(ObjectHeader, &[AtomicU64])> {
        let off = w.as_object().ok_or_else(|| HeapError::BadOffset {
            offset: w.bits(),
            detail: "not an object word",
        })?;
        let h = self.header_of(off)?;
        let words = (crate::alloc::block_size(h.class) / 8 - 1) as usize;
        // SAFETY: `header_of` checked that the whole block `off ..
        // off + block_size` lies in the allocated, file-backed part of the
        // mapping, 16-aligned; the payload words follow the header inside
        // it, and shared words are only ever accessed atomically.
        let payload = unsafe {
            std::slice::from_raw_parts(
                self.map_ptr().add((off + HEADER_BYTES) as usize) as *const AtomicU64,
                words,
            )
        };
        Ok((h, payload))
    }

    /// Payload word `i` of object `off` (at `off + 8 + 8 * i`). Objects are
    /// immutable once published, so a Relaxed load after the Acquire that
    /// found the object sees what its writer stored.
    pub(crate) fn load_word(&self, off: u64, i: u64) -> Result<Word> {
        Ok(Word::from_bits(
            self.word_at(off + HEADER_BYTES + 8 * i)?
                .load(Ordering::Relaxed),
        ))
    }

    /// The bytes `start..start + len` of the object at `off` (`start`
    /// counted from the object's first byte), refused unless they lie
    /// inside the object's own block: a length read from a damaged file
    /// never reaches into a neighbour or past the file's end.
    pub(crate) fn block_bytes(&self, off: u64, start: u64, len: u64) -> Result<&[u8]> {
        let block = crate::alloc::block_size(self.header_of(off)?.class);
        if start.checked_add(len).is_none_or(|end| end > block) {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "length larger than its block",
            });
        }
        // SAFETY: every caller asks for the payload of a string, bigint or
        // code object it holds a count of or reads under a pin (so it is not
        // freed while the slice lives, which borrows `self` no longer than
        // that holder); such payloads are written with `write_private`
        // before the object is published and never again.
        unsafe { self.bytes(off + start, len) }
    }

    /// Stores payload word `i` of an object this thread has not published yet.
    pub(crate) fn init_word(&self, off: u64, i: u64, w: Word) -> Result<()> {
        self.word_at(off + HEADER_BYTES + 8 * i)?
            .store(w.bits(), Ordering::Relaxed);
        Ok(())
    }
}
