//! The object header word, the first word of every object: bits 0..8
//! [`Kind`], 8..16 size class, 16..24 flags ([`IMMORTAL`]), 24..32
//! reserved (sweep mark), 32..64 reference count; decoded as
//! [`ObjectHeader`]. Pure layout: reading and counting objects is
//! `object.rs`'s.

/// Flag: the object is never counted nor freed.
pub const IMMORTAL: u8 = 1;
/// Flag: the object and everything under it hold no process-local host
/// word (set by the walk before a publication, `host_scan.rs`; a flagged
/// object is never updated in place).
pub const HOST_CLEAN: u8 = 2;
/// Bytes of the object header.
pub const HEADER_BYTES: u64 = 8;

/// One reference count, in the header word.
pub(crate) const RC_ONE: u64 = 1 << 32;

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
    /// Java's `BigDecimal`: `scale (i32, sign-extended)`, `sign | len << 8`,
    /// then the unscaled magnitude's bytes, little-endian (as `BigInt`).
    BigDecimal = 30,
    /// UUID (`java.util.UUID`): most and least significant 64 bits — see
    /// `host_scalars.rs`.
    Uuid = 32,
    /// Instant (`java.util.Date` or `java.time.Instant`): seconds, then
    /// `nanos | class << 32` — see `host_scalars.rs`.
    Inst = 33,
    /// Tagged literal (`clojure.lang.TaggedLiteral`): `tag, form` — see
    /// `reader_objects.rs`.
    TaggedLiteral = 34,
    /// Reader conditional (`clojure.lang.ReaderConditional`): `form,
    /// splicing` — see `reader_objects.rs`.
    ReaderConditional = 35,
    /// Java array (mutable): `element type | length << 8, component class
    /// (an interned symbol, or nil)`, then the elements — see `array.rs`.
    Array = 31,
    /// Volatile (`clojure.lang.Volatile`): laid out as an atom, changed by
    /// plain stores — see `boxes.rs`.
    Volatile = 37,
    /// Reduced value (`clojure.lang.Reduced`): `value, pad` — see
    /// `boxes.rs`.
    Reduced = 38,
}

impl Kind {
    /// Whether objects of this kind hold no word of another value (a
    /// string, a boxed number, a UUID, an instant): freeing one releases
    /// nothing else.
    #[inline]
    pub const fn is_leaf(self) -> bool {
        matches!(
            self,
            Kind::String
                | Kind::Pattern
                | Kind::Int64
                | Kind::Float64
                | Kind::BigInt
                | Kind::BigDecimal
                | Kind::Uuid
                | Kind::Inst
        )
    }

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
            30 => Kind::BigDecimal,
            32 => Kind::Uuid,
            33 => Kind::Inst,
            34 => Kind::TaggedLiteral,
            35 => Kind::ReaderConditional,
            31 => Kind::Array,
            37 => Kind::Volatile,
            38 => Kind::Reduced,
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
            Kind::BigDecimal => "bigdecimal",
            Kind::Uuid => "uuid",
            Kind::Inst => "inst",
            Kind::TaggedLiteral => "tagged-literal",
            Kind::ReaderConditional => "reader-conditional",
            Kind::Array => "array",
            Kind::Volatile => "volatile",
            Kind::Reduced => "reduced",
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

/// The header word of an object.
pub(crate) fn encode(kind: Kind, class: usize, flags: u8, refcount: u32) -> u64 {
    kind as u64 | (class as u64) << 8 | u64::from(flags) << 16 | u64::from(refcount) << 32
}
