//! Native lazy `map` and `filter` of one collection (the core library's
//! `map` and `filter` call them for their one-collection arity).
//!
//! Each is a lazy seq whose thunk is a native closure over `[f coll
//! index]`, so any process realizes it the same way. Over a vector it
//! realizes 32 elements at a time, read in place by index, as Clojure's
//! chunked seqs do; over any other seq one element at a time, as Clojure
//! does for unchunked seqs. A filter that skips elements loops in Rust
//! (the stack does not grow).

use super::range::{LongRange, long_range_seq, unrealized_range};
use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value};

natives! {
    /// Internal: the lazy seq of (f x) for each x of coll (map over one
    /// collection, without a transducer).
    #[arglists = "([f coll])"]
    "-map1" => map1;
    /// Internal: the lazy seq of the elements of coll for which pred is truthy
    /// (filter without a transducer).
    #[arglists = "([pred coll])"]
    "-filter1" => filter1;
    /// Internal: the thunk of a seq made by -map1 (captured [f coll index]):
    /// the next mapped elements (a chunk of up to 32 over a vector), then the
    /// lazy rest.
    #[arglists = "([captured])"]
    "-map-step" => map_step;
    /// Internal: the thunk of a seq made by -filter1 (captured [pred coll
    /// index]): the next kept elements, then the lazy rest.
    #[arglists = "([captured])"]
    "-filter-step" => filter_step;
}

/// Elements realized at once over a vector.
const CHUNK: u64 = 32;

/// `(-map1 f coll)`: the lazy seq of `(f x)` for each x of coll.
pub(crate) fn map1<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    start(i, "-map1", "-map-step", args)
}

/// `(-filter1 pred coll)`: the lazy seq of the xs of coll for which
/// `(pred x)` is true.
pub(crate) fn filter1<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    start(i, "-filter1", "-filter-step", args)
}

fn start<'e>(
    i: &Interp<'e>,
    name: &str,
    step: &'static str,
    args: Args<'e>,
) -> EvalResult<Value<'e>> {
    let [f, coll] = &args[..] else {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    };
    lazy_step(i, step, f.borrowed(), coll.borrowed(), 0)
}

/// A lazy seq over the native closure `step` of `[f coll index]`.
fn lazy_step<'e>(
    i: &Interp<'e>,
    step: &'static str,
    f: Ref<'_>,
    coll: Ref<'_>,
    index: u64,
) -> EvalResult<Value<'e>> {
    let env = i.env;
    let captured = env.make_vector(&[f, coll, env.make_int(index as i64)?.borrowed()])?;
    let thunk = i.native_closure(step, captured.borrowed())?;
    Ok(env.make_lazy_seq(thunk.borrowed())?)
}

/// The captured `[f coll index]` of a step.
fn parts<'a>(name: &str, args: &'a [Value<'_>]) -> EvalResult<(Ref<'a>, Ref<'a>, u64)> {
    let [captured] = args else {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    };
    let c = captured.borrowed();
    let index = c.nth(2)?;
    let index = index.as_i64().map_err(|_| class_cast("an index", index))?;
    Ok((c.nth(0)?, c.nth(1)?, u64::try_from(index).unwrap_or(0)))
}

/// Walks an unrealized lazy seq of `map` over one collection (a `-map1`
/// seq at any point) that only the caller holds, without making its
/// cells: calls `step` on `(f x)` for each x of the collection from the
/// seq's position — over a vector a chunk of [`CHUNK`] at a time, over
/// another seq the runs [`map_step`] takes — computing each chunk's mapped
/// values before stepping through them, in the order realizing the seq
/// and walking it would (so `f`'s and the consumer's effects interleave
/// as they would, and an error comes from the same element). No one else
/// can read a seq only the caller holds, so leaving it unrealized is
/// never seen. `false` (nothing done) for any other seq.
pub(crate) fn reduce_unshared_map<'e>(
    i: &Interp<'e>,
    coll: Ref<'_>,
    step: &mut dyn FnMut(Value<'e>) -> EvalResult<bool>,
) -> EvalResult<bool> {
    if !coll.is_unshared_lazy_seq()? || coll.lazy_value()?.is_some() {
        return Ok(false);
    }
    let Some(thunk) = coll.lazy_thunk(&i.p)? else {
        return Ok(false);
    };
    let env = i.env;
    let name = env.intern_symbol(Some(crate::interp::CORE_NS), "-map-step")?;
    if !crate::native_object::is_native_named(thunk.borrowed(), name.borrowed())? {
        return Ok(false);
    }
    let (_, captured, _) = env.fn_parts(thunk.borrowed())?;
    let captured = env.own(captured)?;
    let (f, v, start) = parts("-map-step", std::slice::from_ref(&captured))?;
    if !matches!(v.kind()?, Some(Kind::Vector)) {
        return map_seq_unshared(i, f, v, step).map(|()| true);
    }
    let n = v.count()?;
    let mut from = start;
    let f = i.callee(f)?;
    while from < n {
        let end = (from + CHUNK).min(n);
        let mut items: smallvec::SmallVec<[Value<'e>; 32]> = smallvec::SmallVec::new();
        for x in v.vector_slice(from, end)? {
            items.push(i.call_callee_with(&f, [env.own(x)?])?);
        }
        for y in items {
            if !step(y)? {
                return Ok(true);
            }
        }
        from = end;
    }
    Ok(true)
}

/// [`reduce_unshared_map`] of a map over a seq `source` (not a vector):
/// as [`map_step`] realizes it — the source's next step and the elements
/// after it already realized in its cells, up to [`CHUNK`], each mapped
/// by `f` before `step` goes through them, then the source's rest — but
/// without the map's own cells; from an unrealized range on, its chunks
/// computed ([`map_range`]).
fn map_seq_unshared<'e>(
    i: &Interp<'e>,
    f: Ref<'_>,
    source: Ref<'_>,
    step: &mut dyn FnMut(Value<'e>) -> EvalResult<bool>,
) -> EvalResult<()> {
    let mut cur = i.env.own(source)?;
    let callee = i.callee(f)?;
    loop {
        if let Some(r) = unrealized_range(i, cur.borrowed())? {
            return map_range(i, &callee, r, step);
        }
        let s = i.seq_value(cur.borrowed())?;
        if s.borrowed().is_nil() {
            return Ok(());
        }
        let (xs, rest) = realized_run(i, s)?;
        let mut items: smallvec::SmallVec<[Value<'e>; 32]> = smallvec::SmallVec::new();
        for x in xs {
            items.push(i.call_callee_with(&callee, [x])?);
        }
        for y in items {
            if !step(y)? {
                return Ok(());
            }
        }
        cur = rest;
    }
}

/// [`map_seq_unshared`] over the numbers of range `r`, computed a chunk
/// at a time as realizing the range would give them: `f` of each number
/// of a chunk, then `step` through the results.
fn map_range<'e>(
    i: &Interp<'e>,
    f: &crate::callee::Callee<'_, 'e>,
    mut r: LongRange,
    step: &mut dyn FnMut(Value<'e>) -> EvalResult<bool>,
) -> EvalResult<()> {
    let env = i.env;
    loop {
        let mut xs = smallvec::SmallVec::new();
        let next = r.chunk(&mut xs);
        let mut items: smallvec::SmallVec<[Value<'e>; 32]> = smallvec::SmallVec::new();
        for x in xs {
            items.push(i.call_callee_with(f, [env.make_int(x)?])?);
        }
        for y in items {
            if !step(y)? {
                return Ok(());
            }
        }
        match next {
            Some(rest) => r = rest,
            None => return Ok(()),
        }
    }
}

/// The next chunk of an unrealized range `r` (see
/// [`super::range::unrealized_range`]), computed without realizing the
/// range's cells: its numbers, and the seq after them (the lazy seq of the
/// rest of the range, or nil) — what realizing the range would give.
fn range_run<'e>(i: &Interp<'e>, r: LongRange) -> EvalResult<(Vec<Value<'e>>, Value<'e>)> {
    let env = i.env;
    let mut xs = smallvec::SmallVec::new();
    let next = r.chunk(&mut xs);
    let xs = xs
        .into_iter()
        .map(|x| Ok(env.make_int(x)?))
        .collect::<EvalResult<Vec<_>>>()?;
    let rest = match next {
        Some(rest) => long_range_seq(i, rest)?,
        None => Value::nil(env),
    };
    Ok((xs, rest))
}

/// Conses `items` in front of `tail`.
fn cells<'e>(i: &Interp<'e>, items: Vec<Value<'e>>, mut tail: Value<'e>) -> EvalResult<Value<'e>> {
    for x in items.into_iter().rev() {
        tail = i.env.seq_cons(x.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// The thunk of `-map1`: the next element (32 over a vector, and over the
/// elements already realized in seq conses, as Clojure's chunked seqs),
/// then the lazy rest.
pub(crate) fn map_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (f, coll, index) = parts("-map-step", &args)?;
    let env = i.env;
    if matches!(coll.kind()?, Some(Kind::Vector)) {
        let n = coll.count()?;
        let end = (index + CHUNK).min(n);
        let mut items = Vec::with_capacity((end - index.min(end)) as usize);
        for x in coll.vector_slice(index, end)? {
            items.push(i.apply(f, args![env.own(x)?])?);
        }
        let tail = if end < n {
            lazy_step(i, "-map-step", f, coll, end)?
        } else {
            Value::nil(env)
        };
        return cells(i, items, tail);
    }
    // The elements already realized in seq conses (a range's chunk, the
    // cells a lazy map or filter made), up to 32: Clojure's chunked seqs;
    // an unrealized range's next chunk computed.
    let (xs, rest) = match unrealized_range(i, coll)? {
        Some(r) => range_run(i, r)?,
        None => {
            let s = i.seq_value(coll)?;
            if s.borrowed().is_nil() {
                return Ok(s);
            }
            realized_run(i, s)?
        }
    };
    if xs.is_empty() {
        return Ok(Value::nil(env));
    }
    let mut items = Vec::with_capacity(xs.len());
    for x in xs {
        items.push(i.apply(f, args![x])?);
    }
    let tail = lazy_step(i, "-map-step", f, rest.borrowed(), 0)?;
    cells(i, items, tail)
}

/// The first element of seq `s` (a list or seq cons) and the ones after it
/// held in seq conses already realized (a lazy seq realized to one is
/// followed too), up to [`CHUNK`]; and the seq after them.
fn realized_run<'e>(i: &Interp<'e>, s: Value<'e>) -> EvalResult<(Vec<Value<'e>>, Value<'e>)> {
    let env = i.env;
    let mut xs = vec![env.own(s.borrowed().first()?)?];
    let mut rest = env.own(s.borrowed().rest()?)?;
    drop(s);
    while (xs.len() as u64) < CHUNK {
        let r = rest.borrowed();
        let cell = match r.kind()? {
            Some(Kind::SeqCons) => r,
            Some(Kind::LazySeq) => match r.lazy_value()? {
                Some(v) if matches!(v.kind()?, Some(Kind::SeqCons)) => v,
                _ => break,
            },
            _ => break,
        };
        xs.push(env.own(cell.first()?)?);
        let next = env.own(cell.rest()?)?;
        rest = next;
    }
    Ok((xs, rest))
}

/// The thunk of `-filter1`: the next kept element (those of the next 32
/// over a vector or of the elements already realized in seq conses), then
/// the lazy rest.
pub(crate) fn filter_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (pred, coll, index) = parts("-filter-step", &args)?;
    let env = i.env;
    if matches!(coll.kind()?, Some(Kind::Vector)) {
        let n = coll.count()?;
        let mut start = index;
        loop {
            let end = (start + CHUNK).min(n);
            let mut items = Vec::new();
            for x in coll.vector_slice(start, end)? {
                let x = env.own(x)?;
                if crate::rust_values::truthy(i.apply(pred, args![x.clone()])?.borrowed()) {
                    items.push(x);
                }
            }
            if end >= n {
                return cells(i, items, Value::nil(env));
            }
            if !items.is_empty() {
                let tail = lazy_step(i, "-filter-step", pred, coll, end)?;
                return cells(i, items, tail);
            }
            start = end;
        }
    }
    let mut cur = env.own(coll)?;
    loop {
        // As `map_step`: the elements already realized, up to 32, or an
        // unrealized range's next chunk.
        let (xs, rest) = match unrealized_range(i, cur.borrowed())? {
            Some(r) => range_run(i, r)?,
            None => {
                let s = i.seq_value(cur.borrowed())?;
                if s.borrowed().is_nil() {
                    return Ok(s);
                }
                realized_run(i, s)?
            }
        };
        if xs.is_empty() {
            return Ok(Value::nil(env));
        }
        let mut items = Vec::new();
        for x in xs {
            if crate::rust_values::truthy(i.apply(pred, args![x.clone()])?.borrowed()) {
                items.push(x);
            }
        }
        if !items.is_empty() {
            let tail = lazy_step(i, "-filter-step", pred, rest.borrowed(), 0)?;
            return cells(i, items, tail);
        }
        cur = rest;
    }
}
