//! Sequences as the evaluator sees them: Clojure's `seq`/`first`/`rest`
//! over every seqable value, and the realization of lazy seqs.
//!
//! A lazy seq is a heap object (`heap/src/lazy.rs`) holding a thunk (a fn
//! of no arguments) until it is realized. [`Interp::realize`] runs the
//! thunk and publishes its result by CAS, unwrapping a thunk that gives
//! another lazy seq in a loop (not by recursion, as Clojure's
//! `LazySeq.sval`), so `filter` skipping a million elements does not grow
//! the stack. Whatever process realizes a seq, every process then reads
//! the same cells.
//!
//! `(seq x)` of a vector, string, hash map or set is a chunked lazy seq
//! read in place (`coll_seq.rs`): O(1) to start, whatever the size.
//!
//! Heap operations that only read (equality, hashing, printing, counting)
//! follow realized lazy seqs and stop at an unrealized one with
//! `HeapError::Unrealized`; [`Interp::realizing`] runs such an operation,
//! and on that error realizes its inputs ([`Interp::realize_deep`]) and
//! runs it again, so the common case (nothing lazy) costs nothing extra.

use crate::coll_seq::{Part, coll_first, coll_seq};
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use evelisp_heap::{HeapError, Kind, Ref, Value, View, Word};

impl EvalError {
    /// Whether this error is a read of a lazy seq nobody has realized yet.
    pub fn is_unrealized(&self) -> bool {
        matches!(self.kind, EvalErrorKind::Heap(HeapError::Unrealized { .. }))
    }
}

/// Whether `x` is a seq: a list, a seq cons, a lazy seq or `()`.
pub fn is_seq_value(x: Ref<'_>) -> EvalResult<bool> {
    Ok(x.word() == Word::EMPTY_LIST
        || matches!(x.kind()?, Some(Kind::Cons | Kind::SeqCons | Kind::LazySeq)))
}

impl<'e> Interp<'e> {
    /// The realized value of lazy seq `lazy` (nil, or a list or seq cons),
    /// running thunks as needed; an error a thunk raises leaves the seq
    /// unrealized (a later read runs it again, as in Clojure).
    pub fn realize<'a>(&self, lazy: Ref<'a>) -> EvalResult<Ref<'a>> {
        if let Some(v) = lazy.lazy_value()? {
            return Ok(v);
        }
        // The lazy seqs waiting for the value found at the end of the chain
        // of thunks (each gave the next).
        let mut chain: Vec<Value<'e>> = vec![self.env.own(lazy)?];
        let mut value = loop {
            let Some(top) = chain.last() else {
                return Err(EvalError::new(EvalErrorKind::IllegalState(
                    "empty lazy seq chain".into(),
                )));
            };
            if let Some(v) = top.borrowed().lazy_value()? {
                break self.env.own(v)?;
            }
            let Some(thunk) = top.borrowed().lazy_thunk(&self.p)? else {
                continue; // realized meanwhile: read it above
            };
            // A native thunk may realize the seq it reads (a map of a map
            // ...): that nests through native frames, so grow the stack here.
            let r = stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
                self.apply(thunk.borrowed(), Args::new())
            })?;
            if matches!(r.borrowed().kind()?, Some(Kind::LazySeq)) {
                chain.push(r);
                continue;
            }
            break self.seq_value(r.borrowed())?;
        };
        // Innermost first: each publishes the value (or finds the one a
        // racing realizer published, which the outer ones then take).
        while let Some(l) = chain.pop() {
            let won = self.env.realize_lazy(&self.p, l.borrowed(), value)?;
            value = self.env.own(won)?;
        }
        lazy.lazy_value()?.ok_or_else(|| {
            EvalError::new(EvalErrorKind::IllegalState(
                "lazy seq not realized after realizing it".into(),
            ))
        })
    }

    /// Clojure's `(seq x)`: nil for nil and empty collections, a list or
    /// seq cons otherwise (a lazy seq realized; a vector, hash or array
    /// map, hash set or string as the chunked seq of its elements, entries
    /// or characters; a sorted collection as a list of its elements).
    pub fn seq_value(&self, x: Ref<'_>) -> EvalResult<Value<'e>> {
        let env = self.env;
        match x.kind()? {
            Some(Kind::Cons | Kind::SeqCons) => return Ok(env.own(x)?),
            Some(Kind::LazySeq) => return Ok(env.own(self.realize(x)?)?),
            _ => {}
        }
        if x.is_nil() || x.word() == Word::EMPTY_LIST {
            return Ok(Value::nil(env));
        }
        // A vector, string, hash map or set: a chunked seq read in place.
        if let Some(s) = coll_seq(self, x, Part::All, 0)? {
            return Ok(s);
        }
        let items: Vec<Value<'e>> = match x.view()? {
            // A `java.util` collection: its current contents.
            View::Host(_) => match crate::host_objects::snapshot(self.env, x)? {
                Some(c) => return self.seq_value(c.borrowed()),
                None => elements(self, x)?,
            },
            _ => elements(self, x)?,
        };
        if items.is_empty() {
            return Ok(Value::nil(env));
        }
        let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
        Ok(env.make_list(&refs)?)
    }

    /// `(first x)` and `(rest x)` of a seq value `s` that [`Self::seq_value`]
    /// gave (nil, a list or a seq cons).
    fn split_seq(&self, s: Ref<'_>) -> EvalResult<Option<(Value<'e>, Value<'e>)>> {
        if s.is_nil() || s.word() == Word::EMPTY_LIST {
            return Ok(None);
        }
        Ok(Some((self.env.own(s.first()?)?, self.env.own(s.rest()?)?)))
    }

    /// Clojure's `(rest x)`: `()` when nothing is left; a lazy rest is not
    /// realized.
    pub fn rest_value(&self, x: Ref<'_>) -> EvalResult<Value<'e>> {
        if matches!(x.kind()?, Some(Kind::Cons | Kind::SeqCons)) {
            let rest = x.rest()?;
            // A seq cons may end in nil; `rest` never gives nil.
            if rest.is_nil() {
                return Ok(Value::immediate(self.env, Word::EMPTY_LIST)
                    .unwrap_or_else(|| Value::nil(self.env)));
            }
            return Ok(self.env.own(rest)?);
        }
        let s = self.seq_value(x)?;
        match self.split_seq(s.borrowed())? {
            Some((_, rest)) if !rest.borrowed().is_nil() => Ok(rest),
            _ => Ok(Value::immediate(self.env, Word::EMPTY_LIST)
                .unwrap_or_else(|| Value::nil(self.env))),
        }
    }

    /// Clojure's `(first x)`.
    pub fn first_value(&self, x: Ref<'_>) -> EvalResult<Value<'e>> {
        if matches!(x.kind()?, Some(Kind::Cons | Kind::SeqCons)) {
            return Ok(self.env.own(x.first()?)?);
        }
        if matches!(x.kind()?, Some(Kind::Vector)) {
            return Ok(match x.count()? {
                0 => Value::nil(self.env),
                _ => self.env.own(x.nth(0)?)?,
            });
        }
        if let Some(first) = coll_first(self, x)? {
            return Ok(first);
        }
        let s = self.seq_value(x)?;
        Ok(match self.split_seq(s.borrowed())? {
            Some((first, _)) => first,
            None => Value::nil(self.env),
        })
    }

    /// The seq of `x` after its first `n` elements (nil when none are
    /// left) if `x` is a vector or string (started at `n` at once), or a
    /// hash or array map or hash set (stepped through its chunks); `None`
    /// for any other kind.
    pub(crate) fn coll_seq_after(&self, x: Ref<'_>, n: u64) -> EvalResult<Option<Value<'e>>> {
        match x.kind()? {
            Some(Kind::Vector | Kind::String) => coll_seq(self, x, Part::All, n),
            Some(Kind::Map | Kind::ArrayMap | Kind::Set) => {
                let Some(mut s) = coll_seq(self, x, Part::All, 0)? else {
                    return Ok(None);
                };
                for _ in 0..n {
                    if s.borrowed().is_nil() {
                        break;
                    }
                    let rest = self.rest_value(s.borrowed())?;
                    s = self.seq_value(rest.borrowed())?;
                }
                Ok(Some(s))
            }
            _ => Ok(None),
        }
    }

    /// The elements of any seqable `x`, realizing a lazy seq as it goes.
    pub fn seq_iter(&self, x: Value<'e>) -> SeqIter<'_, 'e> {
        SeqIter {
            interp: self,
            cur: Some(x),
        }
    }

    /// Realizes every lazy seq reachable from `x` through collections, seqs
    /// and atoms' current values (what printing shows; not through vars or
    /// fns), so reading `x` in the heap (equality, hashing, printing) meets
    /// none unrealized. Walks with a stack of its own, never recursing; an
    /// infinite seq never ends, as printing or comparing it in Clojure.
    pub fn realize_deep(&self, x: Ref<'_>) -> EvalResult<()> {
        let env = self.env;
        let mut stack: Vec<Value<'e>> = vec![env.own(x)?];
        let mut atoms_seen = std::collections::HashSet::new();
        // Collections already walked: a value shared in several places is
        // walked once, and one that contains itself (only a damaged file
        // holds one) does not keep the walk going forever.
        let mut colls_seen = std::collections::HashSet::new();
        while let Some(v) = stack.pop() {
            let mut cur = v;
            // Along a seq's spine in a loop; elements onto the stack.
            loop {
                let r = cur.borrowed();
                let kind = r.kind()?;
                if matches!(
                    kind,
                    Some(Kind::Vector | Kind::Set | Kind::Map | Kind::ArrayMap | Kind::Sorted)
                ) && !colls_seen.insert(r.word().bits())
                {
                    break;
                }
                let next = match kind {
                    Some(Kind::LazySeq) => env.own(self.realize(r)?)?,
                    Some(Kind::Cons | Kind::SeqCons) => {
                        push_if(env, &mut stack, r.first()?)?;
                        env.own(r.rest()?)?
                    }
                    Some(Kind::Sorted) if r.sorted_parts()?.is_set => {
                        for e in r.elements()? {
                            push_if(env, &mut stack, e?)?;
                        }
                        break;
                    }
                    Some(Kind::Vector | Kind::Set) => {
                        for e in r.elements()? {
                            push_if(env, &mut stack, e?)?;
                        }
                        break;
                    }
                    Some(Kind::Map | Kind::ArrayMap | Kind::Sorted) => {
                        for e in r.entries()? {
                            let (k, val) = e?;
                            push_if(env, &mut stack, k)?;
                            push_if(env, &mut stack, val)?;
                        }
                        break;
                    }
                    Some(Kind::Atom) if atoms_seen.insert(r.word().bits()) => {
                        let value = env.atom_root(r)?.get(&self.p)?;
                        push_if(env, &mut stack, value.borrowed())?;
                        break;
                    }
                    Some(Kind::Volatile) if atoms_seen.insert(r.word().bits()) => {
                        let value = env.volatile_root(r)?.get(&self.p)?;
                        push_if(env, &mut stack, value.borrowed())?;
                        break;
                    }
                    Some(Kind::Reduced) => match r.reduced_inner()? {
                        Some(inner) => env.own(inner)?,
                        None => break,
                    },
                    _ => break,
                };
                cur = next;
            }
        }
        Ok(())
    }

    /// Realizes what printing `x` under `*print-length*` (`length`
    /// elements of each collection, and one more to tell there are more)
    /// and `*print-level*` (`level` collections deep) reads.
    pub fn realize_bounded(
        &self,
        x: Ref<'_>,
        length: Option<usize>,
        level: Option<usize>,
    ) -> EvalResult<()> {
        let env = self.env;
        let mut stack: Vec<(Value<'e>, usize)> = vec![(env.own(x)?, 0)];
        while let Some((v, depth)) = stack.pop() {
            if level.is_some_and(|l| depth >= l) || !holds_values(v.borrowed())? {
                continue;
            }
            let take = length.map_or(usize::MAX, |n| n.saturating_add(1));
            let children: Vec<Value<'e>> = match v.borrowed().kind()? {
                Some(Kind::Atom) => vec![env.atom_root(v.borrowed())?.get(&self.p)?],
                Some(Kind::Volatile) => vec![env.volatile_root(v.borrowed())?.get(&self.p)?],
                Some(Kind::Reduced) => match v.borrowed().reduced_inner()? {
                    Some(inner) => vec![env.own(inner)?],
                    None => Vec::new(),
                },
                Some(Kind::Map | Kind::ArrayMap) => {
                    let mut out = Vec::new();
                    for e in v.borrowed().entries()?.take(take) {
                        let (k, val) = e?;
                        out.push(env.own(k)?);
                        out.push(env.own(val)?);
                    }
                    out
                }
                _ => self
                    .seq_iter(v.clone())
                    .take(take)
                    .collect::<EvalResult<_>>()?,
            };
            for c in children {
                stack.push((c, depth + 1));
            }
        }
        Ok(())
    }

    /// Realizes the lazy seqs inside `k` (a collection) before it is
    /// hashed as a map key or set element; nothing to do for a scalar.
    pub fn realize_key(&self, k: Ref<'_>) -> EvalResult<()> {
        // An atom (a volatile, a reduced value) hashes by identity: its
        // value needs nothing.
        if holds_values(k)?
            && !matches!(k.kind()?, Some(Kind::Atom | Kind::Volatile | Kind::Reduced))
        {
            self.realize_deep(k)?;
        }
        Ok(())
    }

    /// Runs `op`, a read of `inputs` in the heap; if it met an unrealized
    /// lazy seq, realizes `inputs` deeply and runs it once more.
    pub fn realizing<T>(
        &self,
        inputs: &[Ref<'_>],
        mut op: impl FnMut() -> EvalResult<T>,
    ) -> EvalResult<T> {
        match op() {
            Err(e) if e.is_unrealized() => {
                for x in inputs {
                    self.realize_deep(*x)?;
                }
                op()
            }
            r => r,
        }
    }

    /// Clojure's `(= a b)`: two seqs (at least one of them lazy or a seq
    /// cons) are compared element by element, realizing as far as needed
    /// (so a finite seq is unequal to an infinite one); everything else by
    /// the heap's equality, realizing what it holds if needed.
    pub fn equiv(&self, a: Ref<'_>, b: Ref<'_>) -> EvalResult<bool> {
        // Nested seqs compare recursively: grow the stack as needed.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.equiv_on_stack(a, b))
    }

    fn equiv_on_stack(&self, a: Ref<'_>, b: Ref<'_>) -> EvalResult<bool> {
        let lazyish = |x: Ref<'_>| -> EvalResult<bool> {
            Ok(matches!(x.kind()?, Some(Kind::LazySeq | Kind::SeqCons)))
        };
        let sequential = |x: Ref<'_>| -> EvalResult<bool> {
            Ok(is_seq_value(x)? || matches!(x.kind()?, Some(Kind::Vector)))
        };
        if a.word() != b.word() && (lazyish(a)? || lazyish(b)?) && sequential(a)? && sequential(b)?
        {
            let mut xs = self.seq_iter(self.env.own(a)?);
            let mut ys = self.seq_iter(self.env.own(b)?);
            return loop {
                match (xs.next().transpose()?, ys.next().transpose()?) {
                    (None, None) => break Ok(true),
                    (Some(x), Some(y)) if self.equiv(x.borrowed(), y.borrowed())? => {}
                    _ => break Ok(false),
                }
            };
        }
        self.realizing(&[a, b], || Ok(a.equals(b)?))
    }
}

impl<'e> Interp<'e> {
    /// `form` as code: a form a macro (or `eval`'s caller) built may hold
    /// seqs (`(cons 'do (map f xs))`, syntax-quote's `(seq (concat ...))`);
    /// the evaluator's code is made of lists, so every seq inside is
    /// realized and rebuilt as a list (collections holding one rebuilt in
    /// turn). A form without seqs is given back as it is.
    pub fn as_code(&self, form: Ref<'_>) -> EvalResult<Value<'e>> {
        Ok(match self.code_of(form)? {
            Some(v) => v,
            None => self.env.own(form)?,
        })
    }

    /// [`Self::as_code`], or `None` when `form` needs no change.
    fn code_of(&self, form: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.code_of_on_stack(form))
    }

    fn code_of_on_stack(&self, form: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
        let env = self.env;
        let kind = form.kind()?;
        let (items, always): (Vec<Value<'e>>, bool) = match kind {
            Some(Kind::SeqCons | Kind::LazySeq) => (
                self.seq_iter(env.own(form)?).collect::<EvalResult<_>>()?,
                true,
            ),
            Some(Kind::Cons | Kind::Vector | Kind::Set) => (
                form.elements()?
                    .map(|e| Ok(env.own(e?)?))
                    .collect::<EvalResult<_>>()?,
                false,
            ),
            Some(Kind::Map | Kind::ArrayMap) => {
                let mut changed = false;
                let mut m = env.empty_map()?;
                for e in form.entries()? {
                    let (k, v) = e?;
                    let k2 = self.code_of(k)?;
                    let v2 = self.code_of(v)?;
                    changed |= k2.is_some() || v2.is_some();
                    let k2 = k2.map_or_else(|| env.own(k), Ok)?;
                    let v2 = v2.map_or_else(|| env.own(v), Ok)?;
                    m = env.assoc(m.borrowed(), k2.borrowed(), v2.borrowed())?;
                }
                return Ok(changed.then_some(m));
            }
            _ => return Ok(None),
        };
        let mut changed = always;
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            match self.code_of(x.borrowed())? {
                Some(c) => {
                    changed = true;
                    out.push(c);
                }
                None => out.push(x),
            }
        }
        if !changed {
            return Ok(None);
        }
        let refs: Vec<Ref<'_>> = out.iter().map(Value::borrowed).collect();
        let rebuilt = match kind {
            Some(Kind::Vector) => env.make_vector(&refs)?,
            Some(Kind::Set) => {
                let mut s = env.empty_set()?;
                for r in refs {
                    s = env.conj(s.borrowed(), r)?;
                }
                s
            }
            _ => env.make_list(&refs)?,
        };
        self.copy_position(form.word(), rebuilt.word());
        Ok(Some(rebuilt))
    }
}

/// Whether `x` may hold a lazy seq: a collection, seq or atom.
fn holds_values(x: Ref<'_>) -> EvalResult<bool> {
    Ok(matches!(
        x.kind()?,
        Some(
            Kind::LazySeq
                | Kind::Cons
                | Kind::SeqCons
                | Kind::Vector
                | Kind::Set
                | Kind::Map
                | Kind::ArrayMap
                | Kind::Atom
                | Kind::Volatile
                | Kind::Reduced
                | Kind::Sorted
        )
    ))
}

/// Pushes an owned `x` if it may hold a lazy seq.
fn push_if<'e>(
    env: &'e evelisp_heap::Env,
    stack: &mut Vec<Value<'e>>,
    x: Ref<'_>,
) -> EvalResult<()> {
    if holds_values(x)? {
        stack.push(env.own(x)?);
    }
    Ok(())
}

/// The elements of a seqable value (see [`Interp::seq_iter`]); holds only
/// the part not yet visited, so what it has passed can be freed.
pub struct SeqIter<'i, 'e> {
    interp: &'i Interp<'e>,
    /// What is left: any seqable (nil once the end is reached).
    cur: Option<Value<'e>>,
}

impl<'e> Iterator for SeqIter<'_, 'e> {
    type Item = EvalResult<Value<'e>>;

    fn next(&mut self) -> Option<Self::Item> {
        let cur = self.cur.take()?;
        let i = self.interp;
        let step = (|| {
            // A cell: its first and rest, without a count of the cell.
            let c = cur.borrowed();
            if matches!(c.kind()?, Some(Kind::Cons | Kind::SeqCons)) {
                let first = i.env.own(c.first()?)?;
                let rest = i.env.own(c.rest()?)?;
                drop(cur);
                return Ok(Some((first, rest)));
            }
            let s = i.seq_value(c)?;
            drop(cur);
            i.split_seq(s.borrowed())
        })();
        match step {
            Ok(Some((first, rest))) => {
                self.cur = Some(rest);
                Some(Ok(first))
            }
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// The elements of a list, seq (realized as it is read), vector, set,
/// string (its characters) or map (entries as vectors), or none for nil.
pub(crate) fn elements<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Vec<Value<'e>>> {
    let env = i.env;
    Ok(match x.kind()? {
        None if x.is_nil() || x.word() == Word::EMPTY_LIST => Vec::new(),
        Some(Kind::SeqCons | Kind::LazySeq) => {
            i.seq_iter(env.own(x)?).collect::<EvalResult<_>>()?
        }
        Some(Kind::String) => x.as_str()?.chars().map(|c| env.make_char(c)).collect(),
        Some(Kind::Array) => {
            let (_, len) = x.array_type()?;
            (0..len)
                .map(|j| Ok(x.array_value(&i.p, j)?))
                .collect::<EvalResult<_>>()?
        }
        Some(Kind::Sorted) if x.sorted_parts()?.is_set => x
            .elements()?
            .map(|e| Ok(env.own(e?)?))
            .collect::<EvalResult<_>>()?,
        Some(Kind::Cons | Kind::Vector | Kind::Set) => x
            .elements()?
            .map(|e| Ok(env.own(e?)?))
            .collect::<EvalResult<_>>()?,
        Some(Kind::Map | Kind::ArrayMap | Kind::Sorted) => x
            .entries()?
            .map(|e| {
                let (k, v) = e?;
                Ok(env.make_vector(&[k, v])?)
            })
            .collect::<EvalResult<_>>()?,
        _ => return Err(not_seqable(x)),
    })
}

/// Clojure's error for `(seq x)` of an x that has no seq: an
/// `IllegalArgumentException` ("Don't know how to create ISeq from: ...").
pub(crate) fn not_seqable(x: Ref<'_>) -> EvalError {
    let shown = crate::print::pr_str(x).unwrap_or_else(|_| "value".into());
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "Don't know how to create ISeq from: {shown}"
    )))
}
