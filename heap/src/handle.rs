//! The safe face of the heap: [`Value`], a process-local handle that owns
//! one count of its object, and [`Ref`], a borrowed view tied by lifetime to
//! an owner (a `Value`) or to a pin [`Guard`](crate::Guard).
//!
//! Why this is sound (DESIGN.md, "Reclamation"): an object is freed only
//! when its count reaches zero, and a count held by a root is never given
//! up at once but retired, so it outlives every pin taken before the root
//! changed. So
//! - a `Ref<'g>` loaded from a root under a guard stays valid while the
//!   guard lives: the root's count, or the retired count, keeps it;
//! - a child read from an object stays valid while its parent does (the
//!   parent owns a count of it), so it borrows the parent's lifetime;
//! - a `Value` owns its own count, so dropping the last one may free the
//!   object at once: nobody can reach an object whose last count is gone,
//!   except through a root or a parent, and those hold counts.
//!
//! Outside this crate no code holds a heap reference that can dangle: every
//! reading operation takes a `Ref`/`Value`, never a bare [`Word`] (a word is
//! plain data: it can be compared and stored, but not read through).
//!
//! ```
//! # fn main() -> evelisp_heap::Result<()> {
//! # let dir = tempfile::tempdir().expect("tempdir");
//! use evelisp_heap::{Env, FIRST_USER_ROOT};
//! let env = Env::open(dir.path().join("doc.eve"))?;
//! let p = env.participant()?;
//! let root = env.root(FIRST_USER_ROOT)?;
//! root.reset(&p, env.make_vector(&[env.make_int(1)?.borrowed()])?)?;
//! {
//!     let g = p.pin();
//!     let v = root.load(&g)?; // read in place, valid while `g` lives
//!     assert_eq!(v.nth(0)?.as_i64()?, 1);
//! }
//! let owned = root.get(&p)?; // or take a count and keep it
//! root.reset(&p, evelisp_heap::Value::nil(&env))?;
//! assert_eq!(owned.borrowed().count()?, 1);
//! # Ok(()) }
//! ```
//!
//! A value loaded under a guard cannot outlive the guard:
//!
//! ```compile_fail,E0597
//! # let dir = tempfile::tempdir().unwrap();
//! use evelisp_heap::{Env, FIRST_USER_ROOT};
//! let env = Env::open(dir.path().join("doc.eve")).unwrap();
//! let p = env.participant().unwrap();
//! let root = env.root(FIRST_USER_ROOT).unwrap();
//! let r = {
//!     let g = p.pin();
//!     root.load(&g).unwrap()
//! };
//! r.count().unwrap(); // error: `g` does not live long enough
//! ```
//!
//! nor the root it was loaded from (an atom's root may hold the atom's
//! last count):
//!
//! ```compile_fail,E0597
//! # let dir = tempfile::tempdir().unwrap();
//! let env = evelisp_heap::Env::open(dir.path().join("doc.eve")).unwrap();
//! let p = env.participant().unwrap();
//! let g = p.pin();
//! let r = {
//!     let atom = env.make_atom(env.make_string("x").unwrap()).unwrap();
//!     let root = env.atom_root(atom.borrowed()).unwrap();
//!     root.load(&g).unwrap()
//! };
//! r.as_str().unwrap(); // error: `root` does not live long enough
//! ```
//!
//! nor can a borrowed view outlive the value it borrows:
//!
//! ```compile_fail,E0716
//! # let dir = tempfile::tempdir().unwrap();
//! let env = evelisp_heap::Env::open(dir.path().join("doc.eve")).unwrap();
//! let r = env.make_string("gone").unwrap().borrowed();
//! r.as_str().unwrap(); // error: temporary value dropped while borrowed
//! ```

use crate::env::Env;
use crate::error::{HeapError, Result};
use crate::object_header::Kind;
use crate::value::View;
use crate::word::Word;
use std::marker::PhantomData;

/// A value this process owns one count of (none for immediates and for
/// immortal objects: symbols, keywords, vars, namespaces). `Clone` takes
/// one more count; `Drop` gives it up and frees the object (and, in turn,
/// children whose count reaches zero) when it was the last.
pub struct Value<'e> {
    env: &'e Env,
    word: Word,
}

/// A borrowed view of a value, valid for `'a`: the life of the [`Value`]
/// it was borrowed from, or of the pin guard it was loaded under. Reading
/// through it is zero copy (strings and names borrow the mapping).
#[derive(Clone, Copy)]
pub struct Ref<'a> {
    env: &'a Env,
    word: Word,
    _borrow: PhantomData<&'a ()>,
}

impl<'e> Value<'e> {
    /// Takes over one count of `word` that the caller owns.
    pub(crate) fn from_owned(env: &'e Env, word: Word) -> Value<'e> {
        Value { env, word }
    }

    /// An immediate (nil, a boolean, a small integer, a character, `()`),
    /// or `None` if `word` refers to an object.
    #[inline]
    pub fn immediate(env: &'e Env, word: Word) -> Option<Value<'e>> {
        word.as_object().is_none().then_some(Value { env, word })
    }

    /// nil.
    #[inline]
    pub fn nil(env: &'e Env) -> Value<'e> {
        Value {
            env,
            word: Word::NIL,
        }
    }

    /// The word (plain data: comparing words compares identity).
    #[inline]
    pub fn word(&self) -> Word {
        self.word
    }

    /// The env this value lives in.
    #[inline]
    pub fn env(&self) -> &'e Env {
        self.env
    }

    /// A borrowed view, valid while this value lives.
    #[inline]
    pub fn borrowed(&self) -> Ref<'_> {
        Ref {
            env: self.env,
            word: self.word,
            _borrow: PhantomData,
        }
    }

    /// Gives up ownership without releasing the count: the caller stores
    /// the word somewhere that now owns the count.
    pub(crate) fn into_owned_word(self) -> Word {
        let w = self.word;
        std::mem::forget(self);
        w
    }
}

impl Clone for Value<'_> {
    /// One more count. A failure to take it (only possible on a corrupt
    /// object header) is not hidden by a panic: the clone's `Drop` then
    /// fails the same validation and gives nothing back, so the object
    /// never loses a count it did not get. A count at its maximum sticks
    /// (the object is then never freed until a sweep).
    #[inline]
    fn clone(&self) -> Self {
        if self.word.as_object().is_some() {
            let _ = self.env.retain_outlined(self.word);
        }
        Value {
            env: self.env,
            word: self.word,
        }
    }
}

impl Drop for Value<'_> {
    #[inline]
    fn drop(&mut self) {
        if self.word.as_object().is_some() {
            // An error here means a corrupt object: leaking it is safe, and
            // `check()` reports it.
            let _ = self.env.drop_ref_outlined(self.word);
        }
    }
}

impl std::fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.borrowed().fmt(f)
    }
}

impl std::fmt::Debug for Ref<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.view() {
            Ok(v) => write!(f, "{v:?}"),
            Err(_) => write!(f, "{:?}", self.word),
        }
    }
}

impl<'a> Ref<'a> {
    /// A view of `word`, which the caller proves alive for `'a`.
    pub(crate) fn new(env: &'a Env, word: Word) -> Ref<'a> {
        Ref {
            env,
            word,
            _borrow: PhantomData,
        }
    }

    /// A view of an immediate word (valid for as long as the env: there is
    /// no object behind it), or `None` if `word` refers to an object.
    #[inline]
    pub fn immediate(env: &'a Env, word: Word) -> Option<Ref<'a>> {
        word.as_object().is_none().then(|| Ref::new(env, word))
    }

    /// The word (plain data: comparing words compares identity).
    #[inline]
    pub fn word(self) -> Word {
        self.word
    }

    /// The env this value lives in.
    #[inline]
    pub fn env(self) -> &'a Env {
        self.env
    }

    /// Whether this is nil.
    #[inline]
    pub fn is_nil(self) -> bool {
        self.word.is_nil()
    }

    /// A child read from this value's object: alive while this one is.
    pub(crate) fn child(self, w: Word) -> Ref<'a> {
        Ref::new(self.env, w)
    }

    /// Takes a count: an owned handle that outlives this borrow.
    pub fn to_value(self) -> Result<Value<'a>> {
        self.env.retain(self.word)?;
        Ok(Value::from_owned(self.env, self.word))
    }

    /// The object kind, or `None` for an immediate. A value with metadata
    /// has the kind of the value carrying it (see [`Ref::meta`]): this is
    /// never [`Kind::WithMeta`].
    #[inline]
    pub fn kind(self) -> Result<Option<Kind>> {
        match self.word.as_object() {
            None => Ok(None),
            Some(off) => match self.env.header_of(off)?.kind {
                Kind::WithMeta | Kind::Record => self.kind_through_wrappers(),
                k => Ok(Some(k)),
            },
        }
    }

    /// `kind` of a wrapped value: the bare value's (wrappers nest at most
    /// twice in a sound file — metadata on a record — so a deeper chain is
    /// damage, refused rather than followed).
    fn kind_through_wrappers(self) -> Result<Option<Kind>> {
        let mut w = self.word;
        for _ in 0..4 {
            match self.env.bare_obj(w)? {
                (_, None) => return Ok(None),
                (_, Some(o)) if !matches!(o.kind(), Kind::WithMeta | Kind::Record) => {
                    return Ok(Some(o.kind()));
                }
                (bare, Some(_)) => w = bare,
            }
        }
        Err(HeapError::CorruptObject {
            offset: self.word.bits(),
            detail: "metadata or record wrappers nested too deep",
        })
    }

    /// This value without its wrappers (`bare`) and the bare kind, from
    /// one header check of each object looked at.
    #[inline]
    fn bare_kind(self) -> Result<(Ref<'a>, Option<Kind>)> {
        let (w, o) = self.env.bare_obj(self.word)?;
        let this = self.child(w);
        let kind = match o {
            None => None,
            Some(o) if !matches!(o.kind(), Kind::WithMeta | Kind::Record) => Some(o.kind()),
            Some(_) => this.kind()?,
        };
        Ok((this, kind))
    }

    /// This value without a metadata wrapper (readers act on it).
    fn bare(self) -> Result<Ref<'a>> {
        self.without_meta()
    }

    /// What this value is, read in place.
    pub fn view(self) -> Result<View<'a>> {
        self.env.view(self.word)
    }

    /// The text of a string, in place.
    pub fn as_str(self) -> Result<&'a str> {
        self.env.str(self.word)
    }

    /// The text of a string, in place, or `None` for any other value (one
    /// check of the object: the fast path of code that takes strings
    /// apart from the rest, as `str` and `join` do).
    #[inline]
    pub fn string_text(self) -> Result<Option<&'a str>> {
        let Some(off) = self.word.as_object() else {
            return Ok(None);
        };
        let o = self.env.obj_at(off)?;
        if o.kind() != Kind::String {
            return Ok(None);
        }
        Ok(Some(self.env.text_of(o)?))
    }

    /// An integer (small or boxed int64).
    pub fn as_i64(self) -> Result<i64> {
        self.env.as_i64(self.word)
    }

    /// A float.
    pub fn as_f64(self) -> Result<f64> {
        self.env.as_f64(self.word)
    }

    /// The namespace and name of a symbol or keyword, in place.
    pub fn symbol_parts(self) -> Result<(Option<&'a str>, &'a str)> {
        self.env.symbol_parts(self.bare()?.word)
    }

    /// Sign and little-endian magnitude of a bigint, in place.
    pub fn bigint_parts(self) -> Result<(bool, &'a [u8])> {
        self.env.bigint_parts(self.word)
    }

    /// Sign, little-endian magnitude of the unscaled value, and scale of
    /// a big decimal, in place.
    pub fn bigdecimal_parts(self) -> Result<(bool, &'a [u8], i32)> {
        self.env.bigdecimal_parts(self.word)
    }

    /// Numerator and denominator of a ratio.
    pub fn ratio_parts(self) -> Result<(Ref<'a>, Ref<'a>)> {
        let (n, d) = self.env.ratio_parts(self.word)?;
        Ok((self.child(n), self.child(d)))
    }

    /// Tag and form of a tagged literal.
    pub fn tagged_literal_parts(self) -> Result<(Ref<'a>, Ref<'a>)> {
        let (t, f) = self.env.tagged_literal_parts(self.word)?;
        Ok((self.child(t), self.child(f)))
    }

    /// Form and splicing flag of a reader conditional.
    pub fn reader_conditional_parts(self) -> Result<(Ref<'a>, bool)> {
        let (f, splicing) = self.env.reader_conditional_parts(self.word)?;
        Ok((self.child(f), splicing))
    }

    /// The number of elements (entries of a map) of a collection.
    pub fn count(self) -> Result<u64> {
        let (this, kind) = self.bare_kind()?;
        if this.word == Word::EMPTY_LIST {
            return Ok(0);
        }
        match kind {
            Some(Kind::Cons) => self.env.list_count(this.word),
            Some(Kind::Vector) => self.env.vector_count(this.word),
            // A hash map's count is in its header: one read (the check
            // for a sorted map that `map_count` makes first is not needed).
            Some(Kind::Map) => Ok(self.env.hamt(Kind::Map, this.word)?.0),
            Some(Kind::ArrayMap) => self.env.map_count(this.word),
            Some(Kind::Set) => self.env.set_count(this.word),
            Some(Kind::Sorted) => Ok(self.env.sorted_words(this.word)?.2),
            Some(Kind::Array) => Ok(self.env.array_parts(this.word)?.2),
            // Walks it: fails with `Unrealized` where it is not realized.
            Some(Kind::SeqCons | Kind::LazySeq) => self.env.seq_count(this.word),
            _ => Err(self.wrong("collection")),
        }
    }

    /// The number of entries of a hash map or an array map (looked at
    /// through metadata and record wrappers), `None` for any other value:
    /// one check of the object, its count word read in place (what a
    /// `deref` asks of an atom's value to tell a future's state map from
    /// any other map).
    pub fn map_count(self) -> Result<Option<u64>> {
        let (_, o) = self.env.bare_obj(self.word)?;
        match o {
            Some(o) if matches!(o.kind(), Kind::Map | Kind::ArrayMap) => {
                Ok(Some(o.word(0)?.bits()))
            }
            _ => Ok(None),
        }
    }

    /// `(get m k)` on a map (the value, in place) or a set (the element).
    pub fn get(self, k: Ref<'_>) -> Result<Option<Ref<'a>>> {
        self.same_env(k)?;
        let (this, kind) = self.bare_kind()?;
        match kind {
            Some(Kind::Map) => Ok(self
                .env
                .hamt_entry(Kind::Map, this.word, k.word)?
                .map(|(_, v)| self.child(v))),
            Some(Kind::ArrayMap) => Ok(self
                .env
                .array_map_get(this.word, k.word)?
                .map(|v| self.child(v))),
            // The set's own element: `k` may die before the set does.
            Some(Kind::Set) => Ok(self
                .env
                .set_element(this.word, k.word)?
                .map(|e| self.child(e))),
            _ => Err(self.wrong("map or set")),
        }
    }

    /// `(contains? c k)` for a map's keys or a set's elements.
    pub fn contains(self, k: Ref<'_>) -> Result<bool> {
        self.same_env(k)?;
        let (this, kind) = self.bare_kind()?;
        match kind {
            Some(Kind::Map | Kind::ArrayMap) => Ok(self.env.map_get(this.word, k.word)?.is_some()),
            Some(Kind::Set) => self.env.set_contains(this.word, k.word),
            _ => Err(self.wrong("map or set")),
        }
    }

    /// Elements `start..end` of a vector (clipped to its count), read leaf
    /// by leaf in place: a run of `nth`s without walking the trie for each.
    pub fn vector_slice(self, start: u64, end: u64) -> Result<Vec<Ref<'a>>> {
        let this = self.bare()?;
        let words = self.env.vector_iter_from(this.word, start)?;
        let n = end.saturating_sub(start) as usize;
        let mut out = Vec::with_capacity(n.min(64));
        for w in words.take(n) {
            out.push(self.child(w?));
        }
        Ok(out)
    }

    /// `(nth v i)` on a vector (in place, O(log32 n)) or a list (O(i)).
    pub fn nth(self, i: u64) -> Result<Ref<'a>> {
        let (this, kind) = self.bare_kind()?;
        match kind {
            Some(Kind::Vector) => Ok(self.child(self.env.vector_nth(this.word, i)?)),
            _ if self.is_seq() => {
                let mut it = self.elements()?;
                for seen in 0..i {
                    if it.next().transpose()?.is_none() {
                        return Err(HeapError::IndexOutOfBounds {
                            index: i,
                            count: seen,
                        });
                    }
                }
                it.next()
                    .transpose()?
                    .ok_or(HeapError::IndexOutOfBounds { index: i, count: i })
            }
            _ => Err(self.wrong("vector or list")),
        }
    }

    /// Whether this is a list, a seq cons or a lazy seq.
    fn is_seq(self) -> bool {
        let Ok(this) = self.bare() else {
            return false;
        };
        this.word == Word::EMPTY_LIST
            || matches!(
                self.kind(),
                Ok(Some(Kind::Cons | Kind::SeqCons | Kind::LazySeq))
            )
    }

    /// The first element of a list or seq (nil for `()`; a lazy seq must be
    /// realized, else [`HeapError::Unrealized`]).
    pub fn first(self) -> Result<Ref<'a>> {
        Ok(self.child(self.first_and_rest()?.0))
    }

    /// The rest of a list or seq (`()` at the end; a lazy seq must be
    /// realized, else [`HeapError::Unrealized`]). The rest itself is not
    /// realized.
    pub fn rest(self) -> Result<Ref<'a>> {
        Ok(self.child(self.first_and_rest()?.1))
    }

    fn first_and_rest(self) -> Result<(Word, Word)> {
        let mut cur = self.word;
        for _ in 0..=self.env.max_walk_steps() {
            match self.env.seq_step(cur)? {
                crate::list::Step::End => return Ok((Word::NIL, Word::EMPTY_LIST)),
                crate::list::Step::Cell(first, rest) => return Ok((first, rest)),
                crate::list::Step::Realized(v) => cur = v,
            }
        }
        Err(self.env.cycle_error(self.word))
    }

    /// The elements of a list, vector or set, read in place (a set in hash
    /// order, a sorted set in order).
    pub fn elements(self) -> Result<Elements<'a>> {
        let (this, kind) = self.bare_kind()?;
        let set = match kind {
            Some(Kind::Set) => true,
            Some(Kind::Sorted) => self.env.sorted_words(this.word)?.3,
            _ => false,
        };
        let inner: Box<dyn Iterator<Item = Result<Word>> + 'a> = if set {
            Box::new(self.env.set_iter(this.word)?)
        } else {
            self.env.seq_iter(this.word)?
        };
        Ok(Elements {
            env: self.env,
            inner,
        })
    }

    /// The entries of a map, read in place (insertion order for a small
    /// map, hash order for a hash map).
    pub fn entries(self) -> Result<Entries<'a>> {
        Ok(Entries {
            env: self.env,
            inner: self.env.map_iter(self.bare()?.word)?,
        })
    }

    /// Up to `max` entries of a hash map or hash set (a set's values are
    /// nil) from `position` (empty: the start), in the order of
    /// [`Ref::entries`], read in place; with the position after them, or
    /// `None` when no entry is left. Resuming reads the nodes on one path
    /// of the trie only (`hamt_iter.rs`).
    pub fn hash_entries_from(self, position: &[u64], max: usize) -> Result<EntriesRun<'a>> {
        let this = self.bare()?;
        let kind = match this.kind()? {
            Some(k @ (Kind::Map | Kind::Set)) => k,
            _ => return Err(self.wrong("hash map or set")),
        };
        let (words, after) = self
            .env
            .hash_entries_words(kind, this.word, position, max)?;
        let run = words
            .into_iter()
            .map(|(k, v)| (this.child(k), this.child(v)))
            .collect();
        Ok((run, after))
    }

    /// The first process-local host-object word in this value or under it
    /// (not looking into atoms, vars or code; see `host_scan.rs`), or
    /// `None`: what the evaluator checks before publishing a value into a
    /// root. Clean subtrees are marked, so a later walk skips them.
    pub fn find_host_word(self) -> Result<Option<Word>> {
        self.env.find_host_word(self.word)
    }

    /// Clojure's `(hash x)`: the same in every process, consistent with
    /// [`Ref::equals`].
    pub fn hash(self) -> Result<i32> {
        self.env.hash(self.word)
    }

    /// Clojure's `(= a b)`.
    pub fn equals(self, other: Ref<'_>) -> Result<bool> {
        self.same_env(other)?;
        self.env.equals(self.word, other.word)
    }

    /// Fails unless `other` lives in the same env (open file) as this one.
    pub(crate) fn same_env(self, other: Ref<'_>) -> Result<()> {
        self.env.check_same(other)
    }

    fn wrong(self, expected: &'static str) -> HeapError {
        HeapError::WrongKind {
            expected,
            found: match self.view() {
                Ok(v) => format!("{v:?}"),
                Err(_) => format!("{:?}", self.word),
            },
        }
    }
}

impl Env {
    /// Fails with [`HeapError::ForeignValue`] unless `r` belongs to this
    /// env (the same open `Env`, not only the same file).
    pub(crate) fn check_same(&self, r: Ref<'_>) -> Result<()> {
        if std::ptr::eq(self, r.env) || r.word.as_object().is_none() {
            Ok(())
        } else {
            Err(HeapError::ForeignValue {
                path: self.path().to_path_buf(),
            })
        }
    }

    /// A handle owning a count of `r`, valid as long as this env.
    pub fn own(&self, r: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(r)?;
        self.retain(r.word)?;
        Ok(Value::from_owned(self, r.word))
    }
}

/// A run of a hash map's or set's entries and the position after it (see
/// [`Ref::hash_entries_from`]).
pub type EntriesRun<'a> = (Vec<(Ref<'a>, Ref<'a>)>, Option<Vec<u64>>);

/// The elements of a list, vector or set (see [`Ref::elements`]).
pub struct Elements<'a> {
    env: &'a Env,
    inner: Box<dyn Iterator<Item = Result<Word>> + 'a>,
}

impl<'a> Iterator for Elements<'a> {
    type Item = Result<Ref<'a>>;
    fn next(&mut self) -> Option<Self::Item> {
        let env = self.env;
        self.inner.next().map(|r| r.map(|w| Ref::new(env, w)))
    }
}

/// The entries of a map (see [`Ref::entries`]).
pub struct Entries<'a> {
    env: &'a Env,
    inner: crate::map::MapIter<'a>,
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<(Ref<'a>, Ref<'a>)>;
    fn next(&mut self) -> Option<Self::Item> {
        let env = self.env;
        self.inner
            .next()
            .map(|r| r.map(|(k, v)| (Ref::new(env, k), Ref::new(env, v))))
    }
}
