//! Random numbers: `rand rand-int rand-nth shuffle` (the `rand` crate's
//! thread-local generator, seeded from the operating system). The rest of
//! Clojure's numbers (the tower, `quot`, bit operations, predicates,
//! conversions) are natives of the evaluator (`evelisp_eval`'s
//! `natives/num.rs`).

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::natives::collections::persistent::{count, first, next, nth, seq};
use crate::natives::host::statics::to_f64;
use evelisp_heap::{Value, View};
use rand::Rng;
use rand::seq::SliceRandom;

natives! {
    /// A random double from 0 (inclusive) to n (exclusive, default 1).
    #[arglists = "([] [n])"]
    "rand" => rand;
    /// A random integer from 0 (inclusive) to n (exclusive).
    #[arglists = "([n])"]
    "rand-int" => rand_int;
    /// A random element of the indexed collection coll (an error when it is
    /// empty).
    #[arglists = "([coll])"]
    "rand-nth" => rand_nth;
    /// A vector of the elements of coll in random order.
    #[arglists = "([coll])"]
    "shuffle" => shuffle;
}

/// `(rand)`: a double in `[0, 1)`; `(rand n)`: in `[0, n)`.
fn rand<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let scale = match &args[..] {
        [] => 1.0,
        [n] => to_f64(i, n)?,
        _ => return Err(arity("clojure.core/rand", args.len())),
    };
    let x: f64 = rand::rng().random();
    Ok(i.env().make_float(x * scale)?)
}

/// A random long in `[0, n)` (in `(n, 0]` for a negative `n`), as
/// `(int (rand n))`.
fn random_below(n: f64) -> i64 {
    let x: f64 = rand::rng().random();
    (x * n).trunc() as i64
}

/// `(rand-int n)`: a random integer in `[0, n)`.
fn rand_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [n] = &args[..] else {
        return Err(arity("clojure.core/rand-int", args.len()));
    };
    let n = to_f64(i, n)?;
    Ok(i.env().make_int(random_below(n))?)
}

/// `(rand-nth coll)`: a random element of an indexed collection (an
/// `IndexOutOfBoundsException` when it is empty).
fn rand_nth<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [coll] = &args[..] else {
        return Err(arity("clojure.core/rand-nth", args.len()));
    };
    let count = count(i, args![coll.clone()])?;
    let View::Int(n) = count.borrowed().view()? else {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "count gave a non-integer".into(),
        )));
    };
    let k = i.env().make_int(random_below(n as f64))?;
    nth(i, args![coll.clone(), k])
}

/// `(shuffle coll)`: a vector of the elements of `coll` in random order.
fn shuffle<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [coll] = &args[..] else {
        return Err(arity("clojure.core/shuffle", args.len()));
    };
    let mut items = Vec::new();
    let mut s = seq(i, args![coll.clone()])?;
    while !s.borrowed().is_nil() {
        items.push(first(i, args![s.clone()])?);
        s = next(i, args![s])?;
    }
    items.shuffle(&mut rand::rng());
    let refs: Vec<_> = items.iter().map(Value::borrowed).collect();
    Ok(i.env().make_vector(&refs)?)
}
