//! Reading values: [`View`] (what a word is, borrowed in place from the
//! mapping), and Clojure's `hash` and `=` over words.

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::hash;
use crate::host_scalars::{InstClass, inst_hash, uuid_hash};
use crate::object_header::{HEADER_BYTES, Kind};
use crate::word::{Decoded, Word};
use std::sync::atomic::Ordering;

/// A value read in place: strings and names borrow the mapping (zero copy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View<'e> {
    /// nil.
    Nil,
    /// A boolean.
    Bool(bool),
    /// The unbound marker.
    Unbound,
    /// An integer (small or boxed).
    Int(i64),
    /// A character.
    Char(char),
    /// A float (a double).
    Float(f64),
    /// A 32-bit float (Clojure's `(float x)`, Java's `Float`).
    Float32(f32),
    /// A process-local host object (its word's payload: see `word.rs`).
    Host(u64),
    /// A string.
    Str(&'e str),
    /// A regular expression (its source).
    Pattern(&'e str),
    /// A symbol.
    Symbol {
        /// Its namespace, if qualified.
        ns: Option<&'e str>,
        /// Its name.
        name: &'e str,
    },
    /// A keyword.
    Keyword {
        /// Its namespace, if qualified.
        ns: Option<&'e str>,
        /// Its name.
        name: &'e str,
    },
    /// An atom (its offset).
    Atom(u64),
    /// A Java array (its offset): mutable, equal only to itself.
    Array(u64),
    /// A volatile (its offset).
    Volatile(u64),
    /// A reduced value (its offset).
    Reduced(u64),
    /// A seq of unknown length: a lazy seq (realized or not) or a seq cons.
    Seq {
        /// Whether it is a lazy seq (else a seq cons).
        lazy: bool,
    },
    /// A big integer: sign and little-endian magnitude, in place.
    BigInt {
        /// Whether it is negative.
        negative: bool,
        /// Its magnitude, little-endian bytes.
        magnitude: &'e [u8],
    },
    /// A big decimal (Java's `BigDecimal`): sign, little-endian magnitude
    /// of the unscaled value (in place) and scale.
    BigDecimal {
        /// Whether it is negative.
        negative: bool,
        /// The unscaled value's magnitude, little-endian bytes.
        magnitude: &'e [u8],
        /// Digits after the decimal point (negative: zeros before it).
        scale: i32,
    },
    /// A ratio of two integer words.
    Ratio {
        /// The numerator.
        numerator: Word,
        /// The denominator.
        denominator: Word,
    },
    /// A var (its offset).
    Var(u64),
    /// A namespace (its offset).
    Namespace(u64),
    /// A code object (its offset).
    Code(u64),
    /// A function (its offset).
    Fn(u64),
    /// A list (`()` has count 0).
    List {
        /// Its number of elements.
        count: u64,
    },
    /// A vector.
    Vector {
        /// Its number of elements.
        count: u64,
    },
    /// A hash map.
    Map {
        /// Its number of entries.
        count: u64,
    },
    /// A hash set.
    Set {
        /// Its number of elements.
        count: u64,
    },
    /// A UUID (`java.util.UUID`).
    Uuid {
        /// The most significant 64 bits.
        msb: u64,
        /// The least significant 64 bits.
        lsb: u64,
    },
    /// An instant (`java.util.Date` or `java.time.Instant`).
    Inst {
        /// Seconds since 1970-01-01T00:00:00Z (rounded down).
        seconds: i64,
        /// Nanoseconds past `seconds` (below 10^9; whole milliseconds for
        /// a Date).
        nanos: u32,
        /// Date or Instant.
        class: InstClass,
    },
    /// A tagged literal (`clojure.lang.TaggedLiteral`).
    TaggedLiteral {
        /// The tag symbol.
        tag: Word,
        /// The tagged form.
        form: Word,
    },
    /// A reader conditional (`clojure.lang.ReaderConditional`).
    ReaderConditional {
        /// The list of features and forms.
        form: Word,
        /// Whether it is `#?@`.
        splicing: bool,
    },
}

/// How a value takes part in equality.
enum Category {
    Sequential,
    Map,
    Set,
    Other,
}

impl Env {
    /// What `w` is.
    pub(crate) fn view(&self, w: Word) -> Result<View<'_>> {
        Ok(match w.decode() {
            Decoded::Nil => View::Nil,
            Decoded::Bool(b) => View::Bool(b),
            Decoded::Unbound => View::Unbound,
            Decoded::EmptyList => View::List { count: 0 },
            Decoded::Int(i) => View::Int(i),
            Decoded::Char(c) => View::Char(c),
            Decoded::Float32(f) => View::Float32(f),
            Decoded::Host(payload) => View::Host(payload),
            Decoded::Invalid(bits) => {
                return Err(HeapError::BadOffset {
                    offset: bits,
                    detail: "invalid value word",
                });
            }
            Decoded::Object(off) => {
                // One check of the object, read through for strings.
                let o = self.obj_at(off)?;
                match o.kind() {
                    Kind::String => View::Str(self.text_of(o)?),
                    Kind::Pattern => View::Pattern(self.text_of(o)?),
                    Kind::Int64 => View::Int(
                        self.mapping
                            .word_at(off + HEADER_BYTES)?
                            .load(Ordering::Relaxed) as i64,
                    ),
                    Kind::Float64 => View::Float(f64::from_bits(
                        self.mapping
                            .word_at(off + HEADER_BYTES)?
                            .load(Ordering::Relaxed),
                    )),
                    Kind::Symbol => {
                        let (ns, name) = self.symbol_parts(w)?;
                        View::Symbol { ns, name }
                    }
                    Kind::Keyword => {
                        let (ns, name) = self.symbol_parts(w)?;
                        View::Keyword { ns, name }
                    }
                    Kind::Atom => View::Atom(off),
                    Kind::Array => View::Array(off),
                    Kind::Volatile => View::Volatile(off),
                    Kind::Reduced => View::Reduced(off),
                    Kind::BigInt => {
                        let (negative, magnitude) = self.bigint_parts(w)?;
                        View::BigInt {
                            negative,
                            magnitude,
                        }
                    }
                    Kind::BigDecimal => {
                        let (negative, magnitude, scale) = self.bigdecimal_parts(w)?;
                        View::BigDecimal {
                            negative,
                            magnitude,
                            scale,
                        }
                    }
                    Kind::Ratio => {
                        let (numerator, denominator) = self.ratio_parts(w)?;
                        View::Ratio {
                            numerator,
                            denominator,
                        }
                    }
                    Kind::Uuid => {
                        let (msb, lsb) = self.uuid_parts(w)?;
                        View::Uuid { msb, lsb }
                    }
                    Kind::Inst => {
                        let (seconds, nanos, class) = self.inst_parts(w)?;
                        View::Inst {
                            seconds,
                            nanos,
                            class,
                        }
                    }
                    Kind::TaggedLiteral => {
                        let (tag, form) = self.tagged_literal_parts(w)?;
                        View::TaggedLiteral { tag, form }
                    }
                    Kind::ReaderConditional => {
                        let (form, splicing) = self.reader_conditional_parts(w)?;
                        View::ReaderConditional { form, splicing }
                    }
                    Kind::Var => View::Var(off),
                    Kind::Namespace => View::Namespace(off),
                    Kind::Code => View::Code(off),
                    Kind::Fn => View::Fn(off),
                    Kind::Cons => View::List {
                        count: self.list_count(w)?,
                    },
                    Kind::LazySeq => View::Seq { lazy: true },
                    Kind::SeqCons => View::Seq { lazy: false },
                    // Readers see the value carrying the metadata.
                    Kind::WithMeta | Kind::Record => return self.view(self.strip_meta(w)?),
                    Kind::Sorted => {
                        let (_, _, count, is_set) = self.sorted_words(w)?;
                        if is_set {
                            View::Set { count }
                        } else {
                            View::Map { count }
                        }
                    }
                    Kind::Vector => View::Vector {
                        count: self.vector_count(w)?,
                    },
                    Kind::Map | Kind::ArrayMap => View::Map {
                        count: self.map_count(w)?,
                    },
                    Kind::Set => View::Set {
                        count: self.set_count(w)?,
                    },
                    k @ (Kind::InternNode
                    | Kind::VecNode
                    | Kind::MapNode
                    | Kind::CollisionNode
                    | Kind::RetireBatch
                    | Kind::Snapshot) => {
                        return Err(HeapError::WrongKind {
                            expected: "value",
                            found: k.name().into(),
                        });
                    }
                }
            }
        })
    }

    /// Clojure's `(hash x)`: deterministic, the same in every process,
    /// consistent with [`Env::equals`].
    pub(crate) fn hash(&self, w: Word) -> Result<i32> {
        // A small integer (most map keys) needs no nesting guard.
        if let Some(i) = w.as_fixnum() {
            return Ok(hash::hash_long(i));
        }
        let _nested = Nesting::enter(w)?;
        // Nested values recurse: the stack grows as needed (up to
        // `MAX_NESTING` levels, on any thread's stack).
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || self.hash_here(w))
    }

    fn hash_here(&self, w: Word) -> Result<i32> {
        Ok(match w.decode() {
            Decoded::Nil | Decoded::Unbound => 0,
            Decoded::EmptyList => hash::hash_ordered([]),
            Decoded::Bool(b) => hash::hash_bool(b),
            Decoded::Int(i) => hash::hash_long(i),
            Decoded::Char(c) => hash::hash_char(c),
            Decoded::Float32(f) => hash::hash_float(f),
            // Identity, as Java's `Object.hashCode`.
            Decoded::Host(payload) => hash::hash_long(payload as i64),
            Decoded::Invalid(bits) => {
                return Err(HeapError::BadOffset {
                    offset: bits,
                    detail: "invalid value word",
                });
            }
            Decoded::Object(off) => match self.header_of(off)?.kind {
                Kind::String => self.string_hash_at(off)?,
                Kind::Symbol | Kind::Keyword => self.symbol_hash_at(off)?,
                Kind::Int64 => hash::hash_long(self.as_i64(w)?),
                Kind::Float64 => hash::hash_double(self.as_f64(w)?),
                Kind::BigInt => self.bigint_hash(w)?,
                Kind::BigDecimal => self.bigdecimal_hash(w)?,
                Kind::Ratio => {
                    let (n, d) = self.ratio_parts(w)?;
                    self.java_integer_hash(n)? ^ self.java_integer_hash(d)?
                }
                Kind::Uuid => {
                    let (msb, lsb) = self.uuid_parts(w)?;
                    uuid_hash(msb, lsb)
                }
                Kind::Inst => {
                    let (seconds, nanos, class) = self.inst_parts(w)?;
                    inst_hash(seconds, nanos, class)
                }
                k @ (Kind::TaggedLiteral | Kind::ReaderConditional) => {
                    self.reader_object_hash(w, k)?
                }
                Kind::Cons | Kind::Vector | Kind::SeqCons | Kind::LazySeq => {
                    let mut hashes = Vec::new();
                    for x in self.seq_iter(w)? {
                        hashes.push(self.hash(x?)?);
                    }
                    hash::hash_ordered(hashes)
                }
                // A record: its map's hash mixed with its type's.
                Kind::Record => {
                    let (ty, _, map) = self.record_parts(w)?.ok_or(HeapError::WrongKind {
                        expected: "record",
                        found: String::new(),
                    })?;
                    hash::hash_ordered([self.hash(ty)?, self.hash(map)?])
                }
                Kind::Sorted if self.sorted_words(w)?.3 => {
                    let mut hashes = Vec::new();
                    for x in self.set_iter(w)? {
                        hashes.push(self.hash(x?)?);
                    }
                    hash::hash_unordered(hashes)
                }
                Kind::Map | Kind::ArrayMap | Kind::Sorted => {
                    let mut hashes = Vec::new();
                    for e in self.map_iter(w)? {
                        let (k, v) = e?;
                        hashes.push(hash::hash_ordered([self.hash(k)?, self.hash(v)?]));
                    }
                    hash::hash_unordered(hashes)
                }
                // The target's hash (a fn with metadata is its own fn).
                Kind::WithMeta => match self.strip_for_equality(w)? {
                    t if t == w => hash::hash_long(off as i64),
                    t => self.hash(t)?,
                },
                Kind::Set => {
                    let mut hashes = Vec::new();
                    for x in self.set_iter(w)? {
                        hashes.push(self.hash(x?)?);
                    }
                    hash::hash_unordered(hashes)
                }
                // Identity objects hash by their offset, the same in every process.
                Kind::Atom
                | Kind::Array
                | Kind::Volatile
                | Kind::Reduced
                | Kind::Pattern
                | Kind::Var
                | Kind::Namespace
                | Kind::Code
                | Kind::Fn
                | Kind::InternNode
                | Kind::VecNode
                | Kind::MapNode
                | Kind::CollisionNode
                | Kind::RetireBatch
                | Kind::Snapshot => hash::hash_long(off as i64),
            },
        })
    }

    /// Clojure's `(= a b)`: integers equal integers of the same value,
    /// floats equal floats (`(= 1 1.0)` is false), strings compare by
    /// content, symbols and keywords by identity (they are interned), atoms
    /// by identity.
    pub(crate) fn equals(&self, a: Word, b: Word) -> Result<bool> {
        if a == b {
            return Ok(true);
        }
        // Two small integers are equal only as the same word (a key
        // compared with the one in its trie slot).
        if a.bits() & b.bits() & 1 == 1 {
            return Ok(false);
        }
        let _nested = Nesting::enter(a)?;
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || self.equals_here(a, b))
    }

    fn equals_here(&self, a: Word, b: Word) -> Result<bool> {
        // Metadata never takes part (a fn with metadata is its own fn).
        let (a, b) = (self.strip_for_equality(a)?, self.strip_for_equality(b)?);
        if a == b {
            return Ok(true);
        }
        // A 32-bit float equals a float or double of the same value (its
        // words are not canonical: `(= (float 0.0) (float -0.0))`).
        if a.is_float32()
            && let Decoded::Float32(x) = a.decode()
        {
            return self.equals_float(f64::from(x), b);
        }
        if b.is_float32()
            && let Decoded::Float32(y) = b.decode()
        {
            return self.equals_float(f64::from(y), a);
        }
        // A record equals only a record of its type with an equal map.
        match (self.record_parts(a)?, self.record_parts(b)?) {
            (Some((t1, _, m1)), Some((t2, _, m2))) => {
                return Ok(t1 == t2 && self.equals(m1, m2)?);
            }
            (Some(_), None) | (None, Some(_)) => return Ok(false),
            (None, None) => {}
        }
        // Immediates are canonical: two different immediates are never
        // equal, and an immediate equals an object only as `()` equals an
        // empty vector or a small integer equals a bigint.
        match (a.as_object(), b.as_object()) {
            (None, None) => return Ok(false),
            (None, Some(_)) if !maybe_equal_to_object(a) => return Ok(false),
            (Some(_), None) if !maybe_equal_to_object(b) => return Ok(false),
            _ => {}
        }
        let (va, vb) = (self.view(a)?, self.view(b)?);
        Ok(match (self.category(&va), self.category(&vb)) {
            (Category::Sequential, Category::Sequential) => {
                let counted = |v: &View<'_>| !matches!(v, View::Seq { .. });
                if counted(&va) && counted(&vb) && count_of(&va) != count_of(&vb) {
                    return Ok(false);
                }
                let (mut xs, mut ys) = (self.seq_iter(a)?, self.seq_iter(b)?);
                loop {
                    match (xs.next().transpose()?, ys.next().transpose()?) {
                        (None, None) => break true,
                        (Some(x), Some(y)) if self.equals(x, y)? => {}
                        _ => break false,
                    }
                }
            }
            (Category::Map, Category::Map) => {
                if count_of(&va) != count_of(&vb) {
                    return Ok(false);
                }
                // A sorted map is looked up only by the evaluator: iterate
                // it, look up in the other; two sorted maps side by side.
                let (a, b) = match (self.is_sorted(a)?, self.is_sorted(b)?) {
                    (true, true) => return self.equal_in_order(a, b, false),
                    (false, true) => (b, a),
                    _ => (a, b),
                };
                for e in self.map_iter(a)? {
                    let (k, v) = e?;
                    match self.map_get(b, k)? {
                        Some(v2) if self.equals(v, v2)? => {}
                        _ => return Ok(false),
                    }
                }
                true
            }
            (Category::Set, Category::Set) => {
                if count_of(&va) != count_of(&vb) {
                    return Ok(false);
                }
                let (a, b) = match (self.is_sorted(a)?, self.is_sorted(b)?) {
                    (true, true) => return self.equal_in_order(a, b, true),
                    (false, true) => (b, a),
                    _ => (a, b),
                };
                for x in self.set_iter(a)? {
                    if !self.set_contains(b, x?)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => match (va, vb) {
                (View::Int(_) | View::BigInt { .. }, View::Int(_) | View::BigInt { .. }) => {
                    match (self.integer_value(a)?, self.integer_value(b)?) {
                        (Some(x), Some(y)) => x == y,
                        (None, None) => va == vb,
                        _ => false,
                    }
                }
                (
                    View::Ratio {
                        numerator: n1,
                        denominator: d1,
                    },
                    View::Ratio {
                        numerator: n2,
                        denominator: d2,
                    },
                ) => self.equals(n1, n2)? && self.equals(d1, d2)?,
                (View::Float(x), View::Float(y)) => x == y,
                // Numerically (Clojure's `equiv` of two decimals is
                // `compareTo`): `(= 1.5M 1.50M)`.
                (View::BigDecimal { .. }, View::BigDecimal { .. }) => {
                    self.bigdecimal_stripped(a)? == self.bigdecimal_stripped(b)?
                }
                (View::Str(x), View::Str(y)) => x == y,
                (View::Uuid { .. }, View::Uuid { .. }) | (View::Inst { .. }, View::Inst { .. }) => {
                    va == vb
                }
                (
                    View::TaggedLiteral { tag: t1, form: f1 },
                    View::TaggedLiteral { tag: t2, form: f2 },
                ) => t1 == t2 && self.equals(f1, f2)?,
                (
                    View::ReaderConditional {
                        form: f1,
                        splicing: s1,
                    },
                    View::ReaderConditional {
                        form: f2,
                        splicing: s2,
                    },
                ) => s1 == s2 && self.equals(f1, f2)?,
                _ => false,
            },
        })
    }

    /// Whether `w` is a float or double equal to `x`.
    fn equals_float(&self, x: f64, w: Word) -> Result<bool> {
        Ok(match w.decode() {
            Decoded::Float32(y) => x == f64::from(y),
            Decoded::Object(_) => match self.view(w)? {
                View::Float(y) => x == y,
                _ => false,
            },
            _ => false,
        })
    }

    /// Whether `w` is a sorted map or set.
    fn is_sorted(&self, w: Word) -> Result<bool> {
        Ok(match w.as_object() {
            Some(off) => self.header_of(off)?.kind == Kind::Sorted,
            None => false,
        })
    }

    /// Two sorted collections of one count compared entry by entry in
    /// order (keys, and values unless `set`).
    fn equal_in_order(&self, a: Word, b: Word, set: bool) -> Result<bool> {
        for (x, y) in self.sorted_iter(a)?.zip(self.sorted_iter(b)?) {
            let ((k1, v1), (k2, v2)) = (x?, y?);
            if !self.equals(k1, k2)? || (!set && !self.equals(v1, v2)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn category(&self, v: &View<'_>) -> Category {
        match v {
            View::List { .. } | View::Vector { .. } | View::Seq { .. } => Category::Sequential,
            View::Map { .. } => Category::Map,
            View::Set { .. } => Category::Set,
            _ => Category::Other,
        }
    }

    /// The elements of a list, seq or vector, in order (a lazy seq's as
    /// far as it is realized: then [`HeapError::Unrealized`]).
    pub(crate) fn seq_iter(&self, w: Word) -> Result<Box<dyn Iterator<Item = Result<Word>> + '_>> {
        if w == Word::EMPTY_LIST {
            return Ok(Box::new(std::iter::empty()));
        }
        let off = w.as_object().ok_or_else(|| HeapError::WrongKind {
            expected: "list or vector",
            found: format!("{:?}", w.decode()),
        })?;
        match self.header_of(off)?.kind {
            Kind::Cons | Kind::SeqCons | Kind::LazySeq => Ok(Box::new(self.list_iter(w))),
            Kind::Vector => Ok(Box::new(self.vector_iter(w)?)),
            Kind::WithMeta => self.seq_iter(self.strip_meta(w)?),
            k => Err(HeapError::WrongKind {
                expected: "list or vector",
                found: k.name().into(),
            }),
        }
    }
}

fn count_of(v: &View<'_>) -> u64 {
    match v {
        View::List { count }
        | View::Vector { count }
        | View::Map { count }
        | View::Set { count } => *count,
        _ => 0,
    }
}

impl Env {
    /// Java's `BigInteger.hashCode` of an integer word (used by ratios).
    fn java_integer_hash(&self, w: Word) -> Result<i32> {
        let (neg, mag): (bool, Vec<u8>) = match self.view(w)? {
            View::Int(i) => (i < 0, i.unsigned_abs().to_le_bytes().to_vec()),
            View::BigInt {
                negative,
                magnitude,
            } => (negative, magnitude.to_vec()),
            _ => {
                return Err(HeapError::WrongKind {
                    expected: "integer",
                    found: format!("{w:?}"),
                });
            }
        };
        let mut words: Vec<u32> = mag
            .chunks(4)
            .map(|c| c.iter().rev().fold(0u32, |x, &b| x << 8 | u32::from(b)))
            .collect();
        while words.last() == Some(&0) {
            words.pop();
        }
        let h = words
            .iter()
            .rev()
            .fold(0i32, |h, &m| h.wrapping_mul(31).wrapping_add(m as i32));
        Ok(if neg { h.wrapping_neg() } else { h })
    }
}

/// Whether immediate `w` can equal some object (`()` an empty vector, a
/// small integer a bigint).
fn maybe_equal_to_object(w: Word) -> bool {
    matches!(w.decode(), Decoded::EmptyList | Decoded::Int(_))
}

/// How deep hashing and equality (`Ref::hash`, `Ref::equals`) may recurse
/// into nested values: deeper, they refuse rather than overflow the
/// thread's stack.
/// Only a damaged file (a collection inside itself, which no sound file
/// holds: objects are immutable once published) or a value nested this
/// deep gets there (Clojure's own stack overflows at a similar depth).
pub const MAX_NESTING: u32 = 4096;

/// Stack left below which hashing or comparing a nested value moves to a
/// new stack segment of [`STACK_SEGMENT`] bytes.
pub(crate) const STACK_RED_ZONE: usize = 64 * 1024;
/// Bytes of each stack segment hashing and comparing grow by.
pub(crate) const STACK_SEGMENT: usize = 1024 * 1024;

thread_local! {
    /// The hash and equality calls this thread is inside.
    static NESTING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// One level of [`NESTING`], left when dropped.
pub(crate) struct Nesting;

impl Nesting {
    pub(crate) fn enter(w: Word) -> Result<Nesting> {
        let depth = NESTING.with(|n| {
            let d = n.get() + 1;
            n.set(d);
            d
        });
        let level = Nesting;
        if depth > MAX_NESTING {
            return Err(HeapError::TooDeep {
                offset: w.as_object().unwrap_or(0),
                depth: MAX_NESTING,
            });
        }
        Ok(level)
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        NESTING.with(|n| n.set(n.get().saturating_sub(1)));
    }
}
