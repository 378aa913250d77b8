//! Equality and hashing natives: `=` (Clojure's equality, lazy seqs
//! realized as far as needed) and `hash` (consistent with `=`, the same in
//! every process). The comparisons themselves are the heap's (`Ref::equals`,
//! `Ref::hash`) and the evaluator's (`Interp::equiv` realizes lazy seqs).

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use evelisp_heap::Value;

natives! {
    /// Clojure's equality: values, collections by their elements (a list equals
    /// a vector), 1 unequal to 1.0.
    #[arglists = "([x] [x y] [x y & more])"]
    "=" => equal;
    /// Clojure's hash of x, consistent with =, the same in every process.
    #[arglists = "([x])"]
    "hash" => hash;
}

/// `(hash x)`: Clojure's hash, consistent with `=`, the same in every
/// process (a lazy seq is realized).
pub(crate) fn hash<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("hash", &args)?.borrowed();
    let h = i.realizing(&[x], || Ok(x.hash()?))?;
    Ok(i.env.make_int(i64::from(h))?)
}

/// `(=  x y & more)`: Clojure's equality (lazy seqs realized as far as
/// needed).
pub(crate) fn equal<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity("clojure.core/=", 0));
    }
    for pair in args.windows(2) {
        if !i.equiv(pair[0].borrowed(), pair[1].borrowed())? {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}
