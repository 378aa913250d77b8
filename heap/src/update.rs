//! Making values: constructors of scalars, names and collections, and the
//! persistent updates (`assoc`, `dissoc`, `conj`, `disj`, `pop`, `cons`).
//! Each takes borrowed [`Ref`]s (the arguments stay owned by the caller),
//! retains what it stores, and returns a new [`Value`] the caller owns.
//! Updates copy the path only and share the rest. An update of a value
//! with metadata keeps its metadata, as Clojure's collections do (`cons`
//! does not: it makes a new seq).

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::object_header::Kind;
use crate::word::Word;

impl Env {
    fn owned(&self, w: Result<Word>) -> Result<Value<'_>> {
        w.map(|w| Value::from_owned(self, w))
    }

    fn words(&self, items: &[Ref<'_>]) -> Result<Vec<Word>> {
        items
            .iter()
            .map(|r| self.check_same(*r).map(|()| r.word()))
            .collect()
    }

    /// A boolean.
    pub fn make_bool(&self, b: bool) -> Value<'_> {
        Value::from_owned(self, Word::bool(b))
    }

    /// A character.
    pub fn make_char(&self, c: char) -> Value<'_> {
        Value::from_owned(self, Word::char(c))
    }

    /// An integer: an immediate when it fits in 63 bits, else boxed.
    #[inline]
    pub fn make_int(&self, i: i64) -> Result<Value<'_>> {
        self.owned(self.int(i))
    }

    /// A float.
    pub fn make_float(&self, f: f64) -> Result<Value<'_>> {
        self.owned(self.float(f))
    }

    /// A string (copied into the file once).
    pub fn make_string(&self, s: &str) -> Result<Value<'_>> {
        self.owned(self.new_string(s))
    }

    /// A bigint from its sign and little-endian magnitude.
    pub fn make_bigint(&self, negative: bool, magnitude_le: &[u8]) -> Result<Value<'_>> {
        self.owned(self.bigint(negative, magnitude_le))
    }

    /// A big integer of class `java.math.BigInteger` (`biginteger`):
    /// equal to, and hashed as, the bigint of its value.
    pub fn make_biginteger(&self, negative: bool, magnitude_le: &[u8]) -> Result<Value<'_>> {
        self.owned(self.biginteger(negative, magnitude_le))
    }

    /// A big decimal (Java's `BigDecimal`): `(-1)^negative × magnitude ×
    /// 10^-scale`, magnitude little-endian; the scale is kept as given.
    pub fn make_bigdecimal(
        &self,
        negative: bool,
        magnitude_le: &[u8],
        scale: i32,
    ) -> Result<Value<'_>> {
        self.owned(self.bigdecimal(negative, magnitude_le, scale))
    }

    /// A 32-bit float (an immediate word: nothing is allocated).
    pub fn make_float32(&self, f: f32) -> Value<'_> {
        Value::from_owned(self, Word::float32(f))
    }

    /// A ratio of two integers (normalized by the caller).
    pub fn make_ratio(&self, numerator: Ref<'_>, denominator: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(numerator)?;
        self.check_same(denominator)?;
        self.owned(self.ratio(numerator.word(), denominator.word()))
    }

    /// A UUID of its most and least significant 64 bits.
    pub fn make_uuid(&self, msb: u64, lsb: u64) -> Result<Value<'_>> {
        self.owned(self.uuid(msb, lsb))
    }

    /// An instant: `seconds` since the epoch (rounded down) and `nanos`
    /// past them (below 10^9; whole milliseconds for a
    /// [`InstClass::Date`](crate::InstClass)).
    pub fn make_inst(
        &self,
        seconds: i64,
        nanos: u32,
        class: crate::InstClass,
    ) -> Result<Value<'_>> {
        self.owned(self.inst(seconds, nanos, class))
    }

    /// A tagged literal `#tag form` (`tag` should be a symbol).
    pub fn make_tagged_literal(&self, tag: Ref<'_>, form: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(tag)?;
        self.check_same(form)?;
        self.owned(self.tagged_literal(tag.word(), form.word()))
    }

    /// A reader conditional `#?form` (`#?@form` when `splicing`).
    pub fn make_reader_conditional(&self, form: Ref<'_>, splicing: bool) -> Result<Value<'_>> {
        self.check_same(form)?;
        self.owned(self.reader_conditional(form.word(), splicing))
    }

    /// The interned symbol `ns/name`: the same object in every process
    /// (immortal).
    pub fn intern_symbol(&self, ns: Option<&str>, name: &str) -> Result<Value<'_>> {
        self.owned(self.symbol(ns, name))
    }

    /// The interned keyword `:ns/name` (immortal).
    pub fn intern_keyword(&self, ns: Option<&str>, name: &str) -> Result<Value<'_>> {
        self.owned(self.keyword(ns, name))
    }

    /// The keyword `:ns/name` if some process has interned it, else
    /// `None` (Clojure's `find-keyword`); interns nothing.
    pub fn find_keyword(&self, ns: Option<&str>, name: &str) -> Result<Option<Value<'_>>> {
        match self.find_interned(Kind::Keyword, ns, name)? {
            Some(w) => Ok(Some(self.owned(Ok(w))?)),
            None => Ok(None),
        }
    }

    /// A regular expression object with source `source` (the evaluator
    /// compiles it; equal only to itself).
    pub fn make_pattern(&self, source: &str) -> Result<Value<'_>> {
        self.owned(self.new_pattern(source))
    }

    /// The interned symbol whose word is `word` (symbols are immortal, so
    /// a word kept without a count still names one); an error if `word`
    /// is not a symbol of this file.
    pub fn symbol_of_word(&self, word: Word) -> Result<Value<'_>> {
        self.expect_kind(word, Kind::Symbol)?;
        Ok(Value::from_owned(self, word))
    }

    /// A list of `items`, in order (`()` when empty).
    pub fn make_list(&self, items: &[Ref<'_>]) -> Result<Value<'_>> {
        let words = self.words(items)?;
        self.owned(self.list_from(&words))
    }

    /// `(cons x l)` onto a list (a new list without metadata).
    pub fn cons(&self, x: Ref<'_>, list: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(x)?;
        self.check_same(list)?;
        self.owned(self.list_cons(x.word(), list.word()))
    }

    /// A vector of `items`.
    pub fn make_vector(&self, items: &[Ref<'_>]) -> Result<Value<'_>> {
        if items.is_empty() {
            return self.empty_vector();
        }
        let words = self.words(items)?;
        self.owned(self.vector_from(&words))
    }

    /// A vector of the owned `items` (as [`Env::make_vector`], for a
    /// builder holding its elements as values: the JSON parser).
    pub fn make_vector_of(&self, items: &[Value<'_>]) -> Result<Value<'_>> {
        if items.is_empty() {
            return self.empty_vector();
        }
        for v in items {
            self.check_same(v.borrowed())?;
        }
        let words: Vec<Word> = items.iter().map(Value::word).collect();
        self.owned(self.vector_from(&words))
    }

    /// A map of the alternating keys and values `kvs`: an array map in
    /// their order when there are at most
    /// [`ARRAY_MAP_MAX`](crate::array_map::ARRAY_MAP_MAX) entries — the
    /// caller guarantees those keys distinct — else a hash map, where a
    /// repeated key's last value wins. An odd last element is ignored.
    pub fn make_map_of_distinct(&self, kvs: &[Value<'_>]) -> Result<Value<'_>> {
        for v in kvs {
            self.check_same(v.borrowed())?;
        }
        let pairs: Vec<(Word, Word)> = kvs
            .chunks_exact(2)
            .map(|kv| (kv[0].word(), kv[1].word()))
            .collect();
        if pairs.len() <= crate::array_map::ARRAY_MAP_MAX {
            return self.owned(self.array_map(&pairs));
        }
        let mut m = self.empty_hash_map()?;
        for kv in kvs.chunks_exact(2) {
            m = self.assoc_owned(m, kv[0].borrowed(), kv[1].borrowed())?;
        }
        Ok(m)
    }

    /// An empty vector `[]`.
    pub fn empty_vector(&self) -> Result<Value<'_>> {
        self.owned(self.vector_empty())
    }

    /// An empty map `{}` (a small array map, as in Clojure).
    pub fn empty_map(&self) -> Result<Value<'_>> {
        self.owned(self.map_empty())
    }

    /// An empty hash map (a hash trie whatever its size).
    pub fn empty_hash_map(&self) -> Result<Value<'_>> {
        self.owned(self.hash_map_empty())
    }

    /// An empty set `#{}`.
    pub fn empty_set(&self) -> Result<Value<'_>> {
        self.owned(self.set_empty())
    }

    /// `(assoc m k v)` on a map, or `(assoc v i x)` on a vector (`k` an
    /// integer index, `count` appends).
    pub fn assoc(&self, coll: Ref<'_>, k: Ref<'_>, v: Ref<'_>) -> Result<Value<'_>> {
        for r in [coll, k, v] {
            self.check_same(r)?;
        }
        let bare = coll.without_meta()?;
        let out = match bare.kind()? {
            Some(Kind::Map | Kind::ArrayMap) => {
                self.owned(self.map_assoc(bare.word(), k.word(), v.word()))?
            }
            Some(Kind::Vector) => {
                let i = u64::try_from(k.as_i64()?).map_err(|_| HeapError::IndexOutOfBounds {
                    index: u64::MAX,
                    count: coll.count().unwrap_or(0),
                })?;
                self.owned(self.vector_assoc(bare.word(), i, v.word()))?
            }
            _ => return Err(wrong("map or vector", coll)),
        };
        self.keep_meta(coll, out)
    }

    /// `(assoc m k v)` taking `m`: when `m` is a hash map this value is the
    /// only holder of, it is changed in place (see [`Env::conj_owned`] for
    /// why nobody else can see that); otherwise as [`Env::assoc`].
    pub fn assoc_owned<'e>(&'e self, m: Value<'e>, k: Ref<'_>, v: Ref<'_>) -> Result<Value<'e>> {
        for r in [m.borrowed(), k, v] {
            self.check_same(r)?;
        }
        if self.hamt_assoc_in_place(m.word(), k.word(), v.word())? {
            return Ok(m);
        }
        self.assoc(m.borrowed(), k, v)
    }

    /// `(dissoc m k)`.
    pub fn dissoc(&self, map: Ref<'_>, k: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(map)?;
        self.check_same(k)?;
        let out = self.owned(self.map_dissoc(map.without_meta()?.word(), k.word()))?;
        self.keep_meta(map, out)
    }

    /// `(conj coll x)`: appends to a vector, adds to a set, prepends to a
    /// list or seq. (Maps take [`Env::assoc`].)
    pub fn conj(&self, coll: Ref<'_>, x: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(coll)?;
        self.check_same(x)?;
        let bare = coll.without_meta()?;
        let out = if bare.word() == Word::EMPTY_LIST {
            self.cons(x, bare)?
        } else {
            match bare.kind()? {
                Some(Kind::Vector) => self.owned(self.vector_conj(bare.word(), x.word()))?,
                Some(Kind::Set) => self.owned(self.set_conj(bare.word(), x.word()))?,
                Some(Kind::Cons) => self.cons(x, bare)?,
                // A new seq cons, as Clojure's `conj` onto a seq is `cons`.
                Some(Kind::SeqCons | Kind::LazySeq) => return self.seq_cons(x, bare),
                _ => return Err(wrong("vector, set, list or seq", coll)),
            }
        };
        self.keep_meta(coll, out)
    }

    /// `(conj coll x)` taking `coll`: when `coll` is a vector this value is
    /// the only holder of (nobody else can reach it: a value taken out of
    /// an atom or var is always held by that root too), `x` is appended in
    /// place; otherwise as [`Env::conj`]. The result is equal either way:
    /// only an unshared vector is changed, so no other value sees it.
    pub fn conj_owned<'e>(&'e self, coll: Value<'e>, x: Ref<'_>) -> Result<Value<'e>> {
        self.check_same(coll.borrowed())?;
        self.check_same(x)?;
        if let Some(off) = coll.word().as_object()
            && self.header_of(off)?.kind == Kind::Vector
            && self.vector_conj_in_place(coll.word(), x.word())?
        {
            return Ok(coll);
        }
        self.conj(coll.borrowed(), x)
    }

    /// `(conj s x)` taking hash set `s`: in place when this value is the
    /// only holder of `s` (see [`Env::assoc_owned`]), else as
    /// [`Env::conj`]. The result is equal either way.
    pub fn set_conj_owned<'e>(&'e self, s: Value<'e>, x: Ref<'_>) -> Result<Value<'e>> {
        self.check_same(s.borrowed())?;
        self.check_same(x)?;
        if self.hamt_in_place(Kind::Set, s.word(), x.word(), Word::NIL)? {
            return Ok(s);
        }
        self.conj(s.borrowed(), x)
    }

    /// `(disj s x)`.
    pub fn disj(&self, set: Ref<'_>, x: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(set)?;
        self.check_same(x)?;
        let out = self.owned(self.set_disj(set.without_meta()?.word(), x.word()))?;
        self.keep_meta(set, out)
    }

    /// `(pop v)` on a vector (without its last element, keeping the
    /// vector's metadata) or a list (its rest, as in Clojure: the rest's
    /// own metadata, except that popping the last element keeps the list's).
    pub fn pop(&self, coll: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(coll)?;
        let bare = coll.without_meta()?;
        match bare.kind()? {
            Some(Kind::Vector) => {
                let out = self.owned(self.vector_pop(bare.word()))?;
                self.keep_meta(coll, out)
            }
            Some(Kind::Cons) => {
                let rest = self.own(bare.rest()?)?;
                if rest.word() == Word::EMPTY_LIST {
                    self.keep_meta(coll, rest)
                } else {
                    Ok(rest)
                }
            }
            None if bare.word() == Word::EMPTY_LIST => Err(HeapError::Empty("pop")),
            _ => Err(wrong("vector or list", coll)),
        }
    }
}

fn wrong(expected: &'static str, r: Ref<'_>) -> HeapError {
    HeapError::WrongKind {
        expected,
        found: match r.view() {
            Ok(v) => format!("{v:?}"),
            Err(_) => format!("{:?}", r.word()),
        },
    }
}
