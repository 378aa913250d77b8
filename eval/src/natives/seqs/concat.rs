//! The native lazy `concat` (syntax-quote expands to it, so it must work
//! before the core library loads).
//!
//! `(concat & colls)` is a lazy seq whose thunk is a native closure over
//! `[coll index more]`: the collection being read, the index reached in
//! it when it is a vector, and the list of the collections after it. Each
//! realization takes one step of `coll`, as Clojure's `concat` does, plus
//! the elements after it that are already realized (a vector's next 32, a
//! list's cells, a seq's realized conses, up to 32), so nothing is
//! realized that Clojure's would not. The last collection is returned as
//! it is, becoming the tail without being copied.

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value, Word};

natives! {
    /// The lazy seq of the elements of each coll in turn. Nothing is read
    /// until the seq is.
    #[arglists = "([] [x] [x y] [x y & zs])"]
    "concat" => concat;
    /// Internal: the thunk of a seq made by concat (captured [coll index
    /// more]): the next elements of coll, then the lazy rest.
    #[arglists = "([captured])"]
    "-concat-step" => concat_step;
}

/// Elements taken at most per realization.
const CHUNK: u64 = 32;

/// `(concat & colls)`: the lazy concatenation of the colls.
pub(crate) fn concat<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let mut args = args.into_iter();
    let first = args.next().unwrap_or_else(|| Value::nil(env));
    let rest: Vec<Value<'e>> = args.collect();
    let more = if rest.is_empty() {
        Value::nil(env)
    } else {
        let refs: Vec<Ref<'_>> = rest.iter().map(Value::borrowed).collect();
        env.make_list(&refs)?
    };
    lazy_step(i, first.borrowed(), 0, more.borrowed())
}

/// A lazy seq over the native closure `-concat-step` of `[coll index more]`.
fn lazy_step<'e>(
    i: &Interp<'e>,
    coll: Ref<'_>,
    index: u64,
    more: Ref<'_>,
) -> EvalResult<Value<'e>> {
    let env = i.env;
    let index = env.make_int(i64::try_from(index).unwrap_or(i64::MAX))?;
    let captured = env.make_vector(&[coll, index.borrowed(), more])?;
    let thunk = i.native_closure("-concat-step", captured.borrowed())?;
    Ok(env.make_lazy_seq(thunk.borrowed())?)
}

/// Whether `s` (nil, `()` or a list) holds nothing.
fn is_empty(s: Ref<'_>) -> bool {
    s.is_nil() || s.word() == Word::EMPTY_LIST
}

/// The lazy concatenation of the collections of the list `more` (nil when
/// it is empty).
fn next_colls<'e>(i: &Interp<'e>, more: Ref<'_>) -> EvalResult<Value<'e>> {
    if is_empty(more) {
        return Ok(Value::nil(i.env));
    }
    lazy_step(i, more.first()?, 0, more.rest()?)
}

/// Conses `items` in front of `tail`.
fn cells<'e>(i: &Interp<'e>, items: Vec<Value<'e>>, mut tail: Value<'e>) -> EvalResult<Value<'e>> {
    for x in items.into_iter().rev() {
        tail = i.env.seq_cons(x.borrowed(), tail.borrowed())?;
    }
    Ok(tail)
}

/// The thunk of `concat`: the next elements of the collection being read
/// (or of the first one after it that has any), then the lazy rest; the
/// last collection itself once the others are read.
pub(crate) fn concat_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let [captured] = &args[..] else {
        return Err(arity("clojure.core/-concat-step", args.len()));
    };
    let c = captured.borrowed();
    let index = c.nth(1)?;
    let index = index.as_i64().map_err(|_| class_cast("an index", index))?;
    let mut index = u64::try_from(index).unwrap_or(0);
    let mut coll = env.own(c.nth(0)?)?;
    let mut more = env.own(c.nth(2)?)?;
    loop {
        let last = is_empty(more.borrowed());
        if matches!(coll.borrowed().kind()?, Some(Kind::Vector)) {
            if last && index == 0 {
                return Ok(coll);
            }
            let v = coll.borrowed();
            let n = v.count()?;
            if index < n {
                let end = (index + CHUNK).min(n);
                let items = v
                    .vector_slice(index, end)?
                    .into_iter()
                    .map(|x| env.own(x))
                    .collect::<Result<Vec<_>, _>>()?;
                let tail = if end < n {
                    lazy_step(i, v, end, more.borrowed())?
                } else {
                    next_colls(i, more.borrowed())?
                };
                return cells(i, items, tail);
            }
        } else {
            if last {
                return Ok(coll);
            }
            let s = i.seq_value(coll.borrowed())?;
            if !s.borrowed().is_nil() {
                let (items, rest) = realized_run(i, s)?;
                let tail = if is_empty(rest.borrowed()) {
                    next_colls(i, more.borrowed())?
                } else {
                    lazy_step(i, rest.borrowed(), 0, more.borrowed())?
                };
                return cells(i, items, tail);
            }
        }
        // `coll` is done: go on with the next one.
        if last {
            return Ok(Value::nil(env));
        }
        let next = env.own(more.borrowed().first()?)?;
        let after = env.own(more.borrowed().rest()?)?;
        coll = next;
        more = after;
        index = 0;
    }
}

/// The first element of the seq `s` (a list or seq cons) and the ones after
/// it that are already realized — list cells, seq conses, lazy seqs
/// realized to either — up to [`CHUNK`]; and the seq after them.
fn realized_run<'e>(i: &Interp<'e>, s: Value<'e>) -> EvalResult<(Vec<Value<'e>>, Value<'e>)> {
    let env = i.env;
    let mut items = vec![env.own(s.borrowed().first()?)?];
    let mut rest = env.own(s.borrowed().rest()?)?;
    drop(s);
    while (items.len() as u64) < CHUNK {
        let r = rest.borrowed();
        let cell = match r.kind()? {
            Some(Kind::Cons | Kind::SeqCons) => r,
            Some(Kind::LazySeq) => match r.lazy_value()? {
                Some(v) if matches!(v.kind()?, Some(Kind::Cons | Kind::SeqCons)) => v,
                _ => break,
            },
            _ => break,
        };
        items.push(env.own(cell.first()?)?);
        let next = env.own(cell.rest()?)?;
        rest = next;
    }
    Ok((items, rest))
}
