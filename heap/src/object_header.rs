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

    /// Every kind, in discriminant order of declaration (the decoder's
    /// table is built from it; a kind missing here would decode as
    /// corrupt, which the unit test below refuses).
    pub const ALL: [Kind; 37] = [
        Kind::String,
        Kind::Symbol,
        Kind::Keyword,
        Kind::Int64,
        Kind::Float64,
        Kind::Atom,
        Kind::InternNode,
        Kind::Vector,
        Kind::VecNode,
        Kind::Map,
        Kind::Set,
        Kind::MapNode,
        Kind::CollisionNode,
        Kind::Cons,
        Kind::RetireBatch,
        Kind::BigInt,
        Kind::Ratio,
        Kind::Var,
        Kind::Namespace,
        Kind::Code,
        Kind::Fn,
        Kind::Snapshot,
        Kind::ArrayMap,
        Kind::Pattern,
        Kind::LazySeq,
        Kind::SeqCons,
        Kind::WithMeta,
        Kind::Sorted,
        Kind::Record,
        Kind::BigDecimal,
        Kind::Array,
        Kind::Uuid,
        Kind::Inst,
        Kind::TaggedLiteral,
        Kind::ReaderConditional,
        Kind::Volatile,
        Kind::Reduced,
    ];

    /// The kind stored as `b`, if any: a bit test in a mask of the
    /// discriminants of [`Kind::ALL`] (every header read decodes one).
    #[inline]
    pub fn from_u8(b: u8) -> Option<Kind> {
        if b < 64 && VALID_KINDS >> b & 1 != 0 {
            // SAFETY: `b` is the discriminant of a kind in `Kind::ALL`
            // (its bit is set in `VALID_KINDS`, which is built from
            // exactly those), and `Kind` is `repr(u8)`.
            Some(unsafe { std::mem::transmute::<u8, Kind>(b) })
        } else {
            None
        }
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

/// Bit `k` set iff `k` is the discriminant of a kind (all are below 64).
const VALID_KINDS: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < Kind::ALL.len() {
        let d = Kind::ALL[i] as u8;
        assert!(d < 64);
        mask |= 1 << d;
        i += 1;
    }
    mask
};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_decodes_and_nothing_else() {
        let mut decoded = 0;
        for b in 0..=255u8 {
            if let Some(k) = Kind::from_u8(b) {
                assert_eq!(k as u8, b);
                assert!(Kind::ALL.contains(&k));
                decoded += 1;
            }
        }
        assert_eq!(decoded, Kind::ALL.len());
        // Discriminants 36 and 39 and on are no kind (36 is reserved).
        for b in [0, 36, 39, 63, 64, 0xFF] {
            assert_eq!(Kind::from_u8(b), None, "{b}");
        }
        // The names are distinct: no kind listed twice.
        let mut names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
    }
}
