//! Native lazy-seq functions: `lazy-seq*` (the `lazy-seq` macro of the
//! core library wraps its body in `(fn* [] ...)` and calls it), `reduce`
//! and `each_element` (the walk of every reducing native), and `reduced`.
//!
//! A reduced value (Clojure's `clojure.lang.Reduced`, which stops a
//! `reduce`) is the heap's `Kind::Reduced` box (`heap/src/boxes.rs`): a
//! value of the file like any other, so it can cross processes; the test
//! each step of `reduce` makes is one read of the object header.

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value, Word};

natives! {
    /// A new, unrealized lazy seq whose elements are the seq returned by
    /// calling the no-argument fn f (what lazy-seq expands to).
    #[arglists = "([f])"]
    "lazy-seq*" => lazy_seq;
    /// Combines the elements of coll with f, from val (or the first two
    /// elements); stops at a reduced value.
    #[arglists = "([f coll] [f val coll])"]
    "reduce" => reduce;
    /// Wraps x so that reduce stops with it.
    #[arglists = "([x])"]
    "reduced" => reduced;
    /// Whether x is a reduced value.
    #[arglists = "([x])"]
    "reduced?" => is_reduced;
    /// The value wrapped in x when x is reduced, else x itself.
    #[arglists = "([x])"]
    "unreduced" => unreduced;
}

/// `(lazy-seq* f)`: a new unrealized lazy seq whose thunk is `f`.
pub(crate) fn lazy_seq<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("lazy-seq*", &args)?.borrowed();
    if !matches!(f.kind()?, Some(Kind::Fn)) {
        return Err(class_cast("a fn", f));
    }
    Ok(i.env.make_lazy_seq(f)?)
}

/// `(reduce f coll)` / `(reduce f init coll)`: the elements as
/// [`each_element`] gives them.
pub(crate) fn reduce<'e>(i: &Interp<'e>, mut args: Args<'e>) -> EvalResult<Value<'e>> {
    if !(2..=3).contains(&args.len()) {
        return Err(arity("clojure.core/reduce", args.len()));
    }
    let coll = args.pop().unwrap_or_else(|| Value::nil(i.env));
    let init = (args.len() == 2).then(|| args.pop()).flatten();
    let f = args.pop().unwrap_or_else(|| Value::nil(i.env));
    let f = f.borrowed();
    let callee = i.callee(f)?;
    let mut acc = init;
    // Whether to go on: false once f gave a reduced value (then unwrapped).
    let mut step = |x: Value<'e>| -> EvalResult<bool> {
        let next = match acc.take() {
            Some(a) => i.call_callee_with(&callee, [a, x])?,
            None => x,
        };
        let stop = reduced_inner(i, next.borrowed())?;
        let done = stop.is_some();
        acc = Some(match stop {
            Some(inner) => inner,
            None => next,
        });
        Ok(!done)
    };
    each_element(i, coll, &mut step)?;
    match acc {
        Some(a) => Ok(a),
        None => i.apply(f, Args::new()),
    }
}

/// Calls `f` on each element of seqable `coll` in order until it gives
/// false: a vector, set or sorted collection read in place, a map's entries
/// read in place (each made a `[k v]` vector when it is reached), an array
/// element by element, a lazy `map` over one collection that only this
/// call holds through its recipe, without its cells
/// ([`super::map_filter::reduce_unshared_map`]), any other seqable walked
/// as a seq that holds only what is left (so a long lazy seq given alone
/// can be freed as it goes), computing the numbers of a range not yet
/// realized instead of making its cells ([`walk_seq`]).
pub(crate) fn each_element<'e>(
    i: &Interp<'e>,
    coll: Value<'e>,
    f: &mut dyn FnMut(Value<'e>) -> EvalResult<bool>,
) -> EvalResult<()> {
    let c = coll.borrowed();
    let kind = c.kind()?;
    // A lazy map over one collection that only this call holds: walked
    // through its recipe, without its cells.
    if kind == Some(Kind::LazySeq) && super::map_filter::reduce_unshared_map(i, c, f)? {
        return Ok(());
    }
    match kind {
        Some(Kind::Vector | Kind::Set) => {
            for x in c.elements()? {
                if !f(i.env.own(x?)?)? {
                    break;
                }
            }
        }
        Some(Kind::Sorted) if c.sorted_parts()?.is_set => {
            for x in c.elements()? {
                if !f(i.env.own(x?)?)? {
                    break;
                }
            }
        }
        Some(Kind::Map | Kind::ArrayMap | Kind::Sorted) => {
            for e in c.entries()? {
                let (k, v) = e?;
                if !f(i.env.make_vector(&[k, v])?)? {
                    break;
                }
            }
        }
        // An array: each element read when it is reached, in place.
        Some(Kind::Array) => {
            let (_, len) = c.array_type()?;
            for j in 0..len {
                if !f(crate::natives::array_element(i, c, j)?)? {
                    break;
                }
            }
        }
        _ => walk_seq(i, coll, f)?,
    }
    Ok(())
}

/// [`each_element`] of any other seqable: walked as a seq that holds only
/// what is left, realizing lazy seqs as it goes — except a range not
/// realized yet (a whole range, or the rest of one partly realized),
/// whose numbers are computed instead ([`super::range::unrealized_range`]).
fn walk_seq<'e>(
    i: &Interp<'e>,
    coll: Value<'e>,
    f: &mut dyn FnMut(Value<'e>) -> EvalResult<bool>,
) -> EvalResult<()> {
    let env = i.env;
    let mut cur = coll;
    loop {
        let c = cur.borrowed();
        let kind = c.kind()?;
        let cell = if matches!(kind, Some(Kind::Cons | Kind::SeqCons)) {
            cur
        } else {
            if kind == Some(Kind::LazySeq)
                && let Some(r) = super::range::unrealized_range(i, c)?
            {
                drop(cur);
                return r.each(&mut |x| f(env.make_int(x)?));
            }
            let s = i.seq_value(c)?;
            drop(cur);
            if s.borrowed().is_nil() || s.word() == Word::EMPTY_LIST {
                return Ok(());
            }
            s
        };
        let first = env.own(cell.borrowed().first()?)?;
        let rest = env.own(cell.borrowed().rest()?)?;
        drop(cell);
        if !f(first)? {
            return Ok(());
        }
        cur = rest;
    }
}

/// The value inside `x` if it is a reduced value, else `None`.
#[inline]
pub(crate) fn reduced_inner<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Option<Value<'e>>> {
    match x.reduced_inner()? {
        Some(v) => Ok(Some(i.env.own(v)?)),
        None => Ok(None),
    }
}

/// `(reduced x)`: stops a `reduce` with `x`.
pub(crate) fn reduced<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("reduced", &args)?.borrowed();
    Ok(i.env.make_reduced(x)?)
}

/// `(reduced? x)`.
pub(crate) fn is_reduced<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("reduced?", &args)?.borrowed();
    Ok(i.env.make_bool(x.reduced_inner()?.is_some()))
}

/// `(unreduced x)`: the value inside a reduced value, else `x`.
pub(crate) fn unreduced<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("unreduced", &args)?;
    Ok(reduced_inner(i, x.borrowed())?.unwrap_or_else(|| x.clone()))
}
