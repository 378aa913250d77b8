//! Native lazy-seq functions: `lazy-seq*` (the `lazy-seq` macro of the
//! core library wraps its body in `(fn* [] ...)` and calls it), `hash`,
//! and the realization test of lazy seqs behind `realized?`.

use super::{arity, class_cast, one};
use crate::error::EvalResult;
use crate::interp::Interp;
use evelisp_heap::{Kind, Value};

/// `(lazy-seq* f)`: a new unrealized lazy seq whose thunk is `f`.
pub(crate) fn lazy_seq<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let f = one("lazy-seq*", &args)?.borrowed();
    if !matches!(f.kind()?, Some(Kind::Fn)) {
        return Err(class_cast("a fn", f));
    }
    Ok(i.env.make_lazy_seq(f)?)
}

/// `(hash x)`: Clojure's hash, consistent with `=`, the same in every
/// process (a lazy seq is realized).
pub(crate) fn hash<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("hash", &args)?.borrowed();
    let h = i.realizing(&[x], || Ok(x.hash()?))?;
    Ok(i.env.make_int(i64::from(h))?)
}

/// `(=  x y & more)`: Clojure's equality (lazy seqs realized as far as
/// needed).
pub(crate) fn equal<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity("=", 0));
    }
    for pair in args.windows(2) {
        if !i.equiv(pair[0].borrowed(), pair[1].borrowed())? {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}
