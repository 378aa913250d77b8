//! Lazy sequences and uncounted seq cells.
//!
//! A **lazy seq** (`Kind::LazySeq`) is `thunk word, value word`, both
//! changed only by CAS:
//! - unrealized: `thunk` is a fn of no arguments (the seq owns a count of
//!   it), `value` is the unbound marker;
//! - realized: `value` is the seq the thunk gave (nil, a list, a
//!   [`Kind::SeqCons`] or another lazy seq's realized value — never an
//!   unrealized lazy seq, the evaluator unwraps those first), set once by a
//!   Release-CAS from unbound, and never changed again; the winner of that
//!   CAS then clears `thunk` (CAS to nil) and *retires* the fn through its
//!   participant, because a reader in any process may have loaded it under
//!   a pin.
//!
//! Realizing is the evaluator's work (it runs the thunk): this module only
//! reads the cells and publishes a result. Two threads that realize one
//! seq at the same moment may both run the thunk; the first CAS wins and
//! both see its value, so every reader in every process sees one sequence.
//! A process killed mid-realization leaves the seq unrealized (or realized
//! with its thunk not yet cleared, which `check` accepts).
//!
//! A **seq cons** (`Kind::SeqCons`, Clojure's `Cons`) is `first, rest`
//! where `rest` is any seq (nil, `()`, a list, a seq cons, a lazy seq):
//! `(cons x lazy-seq)`. It has no count: counting walks it.
//!
//! Reading a seq in the heap ([`Env::seq_iter`](crate::env::Env)) follows
//! realized lazy seqs and fails with [`HeapError::Unrealized`] at an
//! unrealized one, so the evaluator knows to realize and try again.

use crate::env::Env;
use crate::epoch::Participant;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::object_header::{HEADER_BYTES, Kind};
use crate::word::Word;
use std::sync::atomic::Ordering;

/// Payload word of a lazy seq's thunk.
const THUNK: u64 = 0;
/// Payload word of a lazy seq's realized value.
const VALUE: u64 = 1;

impl Env {
    /// The atomic cell `i` of lazy seq `off`.
    fn lazy_cell(&self, off: u64, i: u64) -> Result<&std::sync::atomic::AtomicU64> {
        self.mapping.word_at(off + HEADER_BYTES + 8 * i)
    }

    /// The realized value of lazy seq `w`, if it has one.
    pub(crate) fn lazy_value_word(&self, w: Word) -> Result<Option<Word>> {
        let w = self.strip_meta(w)?;
        let off = self.expect_kind(w, Kind::LazySeq)?;
        // Acquire: pairs with the Release-CAS that published the value, so
        // the nodes it points to are seen fully written.
        let v = Word::from_bits(self.lazy_cell(off, VALUE)?.load(Ordering::Acquire));
        Ok((v != Word::UNBOUND).then_some(v))
    }

    /// The cells of a seq cell: `(first, rest)` of a list or seq cons.
    pub(crate) fn seq_cons_parts(&self, w: Word) -> Result<(Word, Word)> {
        let off = self.expect_kind(w, Kind::SeqCons)?;
        Ok((self.load_word(off, 0)?, self.load_word(off, 1)?))
    }

    /// Whether `w` may be the rest of a seq cons (or a lazy seq's value).
    pub(crate) fn is_seq_word(&self, w: Word) -> Result<bool> {
        if w == Word::NIL || w == Word::EMPTY_LIST {
            return Ok(true);
        }
        let Some(off) = w.as_object() else {
            return Ok(false);
        };
        Ok(matches!(
            self.header_of(off)?.kind,
            Kind::Cons | Kind::SeqCons | Kind::LazySeq
        ))
    }

    /// A new unrealized lazy seq whose thunk is `thunk` (a fn of no
    /// arguments; the evaluator checks).
    pub fn make_lazy_seq(&self, thunk: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(thunk)?;
        if !matches!(thunk.kind()?, Some(Kind::Fn)) {
            return Err(HeapError::WrongKind {
                expected: "fn",
                found: format!("{:?}", thunk.word().decode()),
            });
        }
        let off = self.new_object(Kind::LazySeq, 16, 0)?;
        self.retain(thunk.word())?;
        self.init_word(off, THUNK, thunk.word())?;
        self.init_word(off, VALUE, Word::UNBOUND)?;
        Ok(Value::from_owned(self, Word::object(off)))
    }

    /// `(cons x s)` onto any seq `s` (nil, `()`, a list, a seq cons, a lazy
    /// seq): a new seq cons.
    pub fn seq_cons(&self, x: Ref<'_>, s: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(x)?;
        self.check_same(s)?;
        if !self.is_seq_word(s.word())? {
            return Err(HeapError::WrongKind {
                expected: "seq",
                found: format!("{:?}", s.word().decode()),
            });
        }
        // The rest is stored bare (see `meta.rs`).
        let rest = self.strip_meta(s.word())?;
        let off = self.new_object(Kind::SeqCons, 16, 0)?;
        for (i, w) in [(0, x.word()), (1, rest)] {
            self.retain(w)?;
            self.init_word(off, i, w)?;
        }
        Ok(Value::from_owned(self, Word::object(off)))
    }

    /// Publishes `value` (nil, `()`, a list or a seq cons) as the realized
    /// value of `lazy`, unless another thread or process did first: gives
    /// the value every reader will see from now on, tied to `lazy`. The
    /// winner retires the thunk through `p`.
    pub fn realize_lazy<'a>(
        &self,
        p: &Participant<'_>,
        lazy: Ref<'a>,
        value: Value<'_>,
    ) -> Result<Ref<'a>> {
        self.check_same(lazy)?;
        self.check_same(value.borrowed())?;
        p.check_env(self)?;
        // The value is stored bare (see `meta.rs`).
        let value = self.own(value.borrowed().without_meta()?)?;
        let lazy = lazy.without_meta()?;
        let v = value.word();
        if v == Word::UNBOUND || !self.is_seq_word(v)? || self.is_lazy_word(v)? {
            return Err(HeapError::WrongKind {
                expected: "a realized seq",
                found: format!("{:?}", v.decode()),
            });
        }
        let off = self.expect_kind(lazy.word(), Kind::LazySeq)?;
        let cell = self.lazy_cell(off, VALUE)?;
        match cell.compare_exchange(
            Word::UNBOUND.bits(),
            v.bits(),
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => {
                // The cell took over the value's count.
                let _ = value.into_owned_word();
                let thunk = self.lazy_cell(off, THUNK)?;
                let old = Word::from_bits(thunk.swap(Word::NIL.bits(), Ordering::AcqRel));
                if old != Word::NIL {
                    p.retire_word(old)?;
                }
                Ok(lazy.child(v))
            }
            // Another realizer won: ours was never published.
            Err(won) => Ok(lazy.child(Word::from_bits(won))),
        }
    }
}

impl Env {
    /// What `check` finds wrong with lazy seq `off`: a thunk that is not a
    /// fn, a value that is not a realized seq, neither of them.
    pub(crate) fn lazy_findings(&self, off: u64) -> Result<Vec<String>> {
        let thunk = self.load_word(off, THUNK)?;
        let value = self.load_word(off, VALUE)?;
        let mut out = Vec::new();
        let thunk_is_fn = match thunk.as_object() {
            Some(t) => self.header_of(t)?.kind == Kind::Fn,
            None => false,
        };
        if thunk != Word::NIL && !thunk_is_fn {
            out.push(format!("lazy seq thunk {thunk:?} is not a fn"));
        }
        if value == Word::UNBOUND {
            if !thunk_is_fn {
                out.push("unrealized lazy seq without a thunk".to_string());
            }
        } else if !self.is_seq_word(value)? || self.is_lazy_word(value)? {
            out.push(format!("lazy seq value {value:?} is not a realized seq"));
        }
        Ok(out)
    }

    /// Whether `w` is a lazy seq.
    pub(crate) fn is_lazy_word(&self, w: Word) -> Result<bool> {
        Ok(match w.as_object() {
            Some(off) => self.header_of(off)?.kind == Kind::LazySeq,
            None => false,
        })
    }
}

impl<'a> Ref<'a> {
    /// Whether this is a lazy seq object (not one under metadata) with
    /// exactly one count. When that count is the caller's (this `Ref`
    /// borrows a `Value` the caller holds), nothing else — no root, no
    /// other value, thread or process — can reach the seq, so whether it
    /// is ever realized cannot be seen (see `Env::sole_owner`).
    pub fn is_unshared_lazy_seq(self) -> Result<bool> {
        let env = self.env();
        env.check_same(self)?;
        let Some(off) = self.word().as_object() else {
            return Ok(false);
        };
        Ok(env.header_of(off)?.kind == Kind::LazySeq && env.sole_owner(off)?)
    }

    /// The realized value of a lazy seq, if it has one (then it never
    /// changes; it lives as long as the lazy seq).
    pub fn lazy_value(self) -> Result<Option<Ref<'a>>> {
        Ok(self
            .env()
            .lazy_value_word(self.word())?
            .map(|w| self.child(w)))
    }

    /// The thunk of this lazy seq if the seq is not realized yet and its
    /// thunk is a fn whose code's body is the word `body`, with a count of
    /// its own; `None` for anything else (another value, a realized seq,
    /// another thunk). One check per object on the way and no count taken
    /// unless it matches: the evaluator asks this of every unrealized lazy
    /// seq a walk meets, to find the seqs of a native whose captured
    /// values say what the elements are (a range's `[start end step]`).
    pub fn lazy_thunk_with_body<'e>(
        self,
        p: &Participant<'e>,
        body: Word,
    ) -> Result<Option<Value<'e>>> {
        let env = p.env();
        env.check_same(self)?;
        let (_, Some(seq)) = env.bare_obj(self.word())? else {
            return Ok(None);
        };
        if seq.kind() != Kind::LazySeq {
            return Ok(None);
        }
        // Pinned: a realizer that clears the thunk retires it, so it stays
        // valid until this pin ends; the count taken here keeps it after.
        let _guard = p.pin();
        let cell = |i: u64| -> Result<Word> {
            // Acquire: pairs with the Release-CAS that stored the value.
            let w = seq.words(i, 1)?;
            Ok(Word::from_bits(w[0].load(Ordering::Acquire)))
        };
        let t = cell(THUNK)?;
        if t == Word::NIL || cell(VALUE)? != Word::UNBOUND {
            return Ok(None);
        }
        let Some(f) = t.as_object() else {
            return Ok(None);
        };
        let f = env.obj_at(f)?;
        if f.kind() != Kind::Fn {
            // Damage: `lazy_thunk`, on the way to realizing it, names it.
            return Ok(None);
        }
        let Some(code) = f.word(0)?.as_object() else {
            return Ok(None);
        };
        let code = env.obj_at(code)?;
        if code.kind() != Kind::Code || code.word(0)? != body {
            return Ok(None);
        }
        env.retain(t)?;
        Ok(Some(Value::from_owned(env, t)))
    }

    /// The thunk of an unrealized lazy seq, with a count of its own (so it
    /// can be run however long it takes); `None` once the seq is realized.
    pub fn lazy_thunk<'e>(self, p: &Participant<'e>) -> Result<Option<Value<'e>>> {
        let env = p.env();
        env.check_same(self)?;
        let this = self.without_meta()?;
        let off = env.expect_kind(this.word(), Kind::LazySeq)?;
        // Pinned: a realizer that clears the thunk retires it, so it stays
        // valid until this pin ends; the count taken here keeps it after.
        let _guard = p.pin();
        let t = Word::from_bits(env.lazy_cell(off, THUNK)?.load(Ordering::Acquire));
        if t == Word::NIL || env.lazy_value_word(this.word())?.is_some() {
            return Ok(None);
        }
        // Only a fn is ever stored here (`make_lazy_seq`): anything else
        // is damage, not a value the program could call.
        let is_fn = match t.as_object() {
            Some(f) => env.header_of(f)?.kind == Kind::Fn,
            None => false,
        };
        if !is_fn {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "lazy seq thunk is not a fn",
            });
        }
        env.retain(t)?;
        Ok(Some(Value::from_owned(env, t)))
    }
}
