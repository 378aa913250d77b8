//! Number comparison natives: `< > <= >= == max min abs`, and `compare`
//! over any comparable values (`crate::compare`).

use crate::compare::compare_values;
use crate::error::{EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::numbers::arithmetic::LazyMc;
use crate::natives::{one, two};
use crate::numeric_tower::*;
use evelisp_heap::{Value, View};
use std::cmp::Ordering;

natives! {
    /// Whether the numbers increase.
    #[arglists = "([x] [x y] [x y & more])"]
    "<" => lt;
    /// Whether the numbers decrease.
    #[arglists = "([x] [x y] [x y & more])"]
    ">" => gt;
    /// Whether the numbers never decrease.
    #[arglists = "([x] [x y] [x y & more])"]
    "<=" => le;
    /// Whether the numbers never increase.
    #[arglists = "([x] [x y] [x y & more])"]
    ">=" => ge;
    /// Whether the numbers are equal in value (1 == 1.0).
    #[arglists = "([x] [x y] [x y & more])"]
    "==" => num_equal;
    /// Negative, zero or positive as x comes before, with or after y.
    #[arglists = "([x y])"]
    "compare" => compare;
    /// The greatest of the numbers.
    #[arglists = "([x] [x y] [x y & more])"]
    "max" => max;
    /// The least of the numbers.
    #[arglists = "([x] [x y] [x y & more])"]
    "min" => min;
    /// The absolute value of the number a (Long/MIN_VALUE stays itself).
    #[arglists = "([a])"]
    "abs" => abs;
}

/// comparison false).
pub(crate) fn compare_chain<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    ok: fn(Ordering) -> bool,
) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity(&format!("clojure.core/{name}"), 0));
    }
    let mut mc = LazyMc::new(i);
    for pair in args.windows(2) {
        let ord = match (pair[0].borrowed().view()?, pair[1].borrowed().view()?) {
            (View::Int(x), View::Int(y)) => Some(x.cmp(&y)),
            _ => {
                let (a, b) = (num(pair[0].borrowed())?, num(pair[1].borrowed())?);
                num_cmp_mc(&a, &b, mc.for_nums(&a, &b)?)?
            }
        };
        match ord {
            Some(o) if ok(o) => {}
            _ => return Ok(i.env.make_bool(false)),
        }
    }
    // As Clojure's: a lone argument is not checked (`(< "a")` is true).
    Ok(i.env.make_bool(true))
}

/// `(< x & ys)`.
pub(crate) fn lt<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Lt, &a) {
        return Ok(v);
    }
    compare_chain(i, "<", &a, |o| o.is_lt())
}
/// `(> x & ys)`.
pub(crate) fn gt<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Gt, &a) {
        return Ok(v);
    }
    compare_chain(i, ">", &a, |o| o.is_gt())
}
/// `(<= x & ys)`.
pub(crate) fn le<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    compare_chain(i, "<=", &a, |o| o.is_le())
}
/// `(>= x & ys)`.
pub(crate) fn ge<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    compare_chain(i, ">=", &a, |o| o.is_ge())
}
/// `(== x & ys)`: numeric equality across types (`(== 1 1.0)` is true).
pub(crate) fn num_equal<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    compare_chain(i, "==", &a, |o| o.is_eq())
}

/// The argument of `max` (`keep_first` `Greater`) or `min` (`Less`): the
/// first one kept while it compares `keep_first` to the next; a NaN wins.
fn extreme<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    keep_first: Ordering,
) -> EvalResult<Value<'e>> {
    if args.len() == 1 {
        // `(max x)` is x, whatever it is (Clojure's).
        return Ok(args.into_iter().next().unwrap_or_else(|| Value::nil(i.env)));
    }
    let mut mc = LazyMc::new(i);
    let mut it = args.into_iter();
    let Some(mut best) = it.next() else {
        return Err(arity(&format!("clojure.core/{name}"), 0));
    };
    let mut best_n = num(best.borrowed())?;
    for v in it {
        let n = num(v.borrowed())?;
        if matches!(best_n, Num::Float(f) if f.is_nan()) {
            continue;
        }
        let nan = matches!(n, Num::Float(f) if f.is_nan());
        if nan || num_cmp_mc(&best_n, &n, mc.for_nums(&best_n, &n)?)? != Some(keep_first) {
            best = v;
            best_n = n;
        }
    }
    // A 32-bit float comes back a double, as Clojure's `max` gives it.
    if let View::Float32(f) = best.borrowed().view()? {
        return Ok(i.env.make_float(f64::from(f))?);
    }
    Ok(best)
}

/// `(max x & ys)`: the greatest (NaN if any is NaN).
pub(crate) fn max<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    extreme(i, "max", args, Ordering::Greater)
}

/// `(min x & ys)`: the least (NaN if any is NaN).
pub(crate) fn min<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    extreme(i, "min", args, Ordering::Less)
}

/// `(abs x)`: the absolute value (`Long/MIN_VALUE` stays itself, as in
/// Clojure).
pub(crate) fn abs<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let r = match num(one("abs", &args)?.borrowed())? {
        Num::Int(x) => Num::Int(x.wrapping_abs()),
        Num::Float(f) => Num::Float(f.abs()),
        Num::Big(b) => Num::Big(abs_big(&b)),
        Num::Ratio(n, d) => Num::Ratio(abs_big(&n), d),
        // Java's `abs(mc)`: rounded under `*math-context*`.
        Num::Decimal(d) => Num::Decimal(crate::decimal::round(
            crate::decimal::Decimal {
                unscaled: abs_big(&d.unscaled),
                scale: d.scale,
            },
            i.math_context()?.as_ref(),
        )?),
    };
    make_num(i, r)
}

/// `(compare x y)`: negative, zero or positive as `x` sorts before, with
/// or after `y`.
pub(crate) fn compare<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (a, b) = two("compare", &args)?;
    // Under `*math-context*` a ratio meets a decimal rounded (Clojure's
    // `BigDecimalOps`); everything else is `compare_values`'.
    let is_dec = |v: &Value<'e>| -> EvalResult<bool> {
        Ok(matches!(v.borrowed().view()?, View::BigDecimal { .. }))
    };
    if (is_dec(a)? && is_number(b.borrowed())?) || (is_dec(b)? && is_number(a.borrowed())?) {
        let (x, y) = (num(a.borrowed())?, num(b.borrowed())?);
        let ord = num_cmp_mc(&x, &y, LazyMc::new(i).for_nums(&x, &y)?)?;
        return Ok(i.env.make_int(match ord {
            Some(Ordering::Less) => -1,
            Some(Ordering::Greater) => 1,
            _ => 0,
        })?);
    }
    Ok(i.env
        .make_int(compare_values(a.borrowed(), b.borrowed())?)?)
}
