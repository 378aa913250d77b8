//! `biginteger`: Clojure's `java.math.BigInteger` of a number or a string
//! (the heap's bigint with its BigInteger flag, `heap/src/scalar.rs`). It
//! is the same number as the bigint of its value (`=`, `hash`, ordering,
//! arithmetic, whose results are `clojure.lang.BigInt` as on the JVM);
//! only its class and printing (no `N`) differ.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::natives::numbers::coercion::bigint;
use crate::natives::one;
use crate::numeric_tower::{Num, num};
use evelisp_heap::{Value, View};

natives! {
    /// Coerce to BigInteger
    #[arglists = "([x])"]
    "biginteger" => biginteger;
}

/// `(biginteger x)`: doubles, decimals and ratios truncated toward zero, a
/// string parsed as `new BigInteger(s)`; NaN and the infinities are a
/// `NumberFormatException`, nil a `NullPointerException`, any other value
/// an `IllegalArgumentException` (no `BigInteger` constructor takes it).
pub(crate) fn biginteger<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("biginteger", &a)?.borrowed();
    match x.view()? {
        View::Nil => {
            return Err(EvalError::new(EvalErrorKind::NullPointer(
                "Cannot invoke \"String.length()\" because \"val\" is null".into(),
            )));
        }
        View::BigInt { .. } if x.is_biginteger()? => return Ok(i.env.own(x)?),
        View::Str(_) => {}
        _ => match num(x) {
            Ok(Num::Float(f)) if !f.is_finite() => {
                return Err(EvalError::new(EvalErrorKind::NumberFormat(
                    "Infinite or NaN".into(),
                )));
            }
            Ok(_) => {}
            Err(_) => {
                return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                    "No matching ctor found for class java.math.BigInteger: {}",
                    i.pr_str(x)?
                ))));
            }
        },
    }
    let big = bigint(i, args![i.env.own(x)?])?;
    match big.borrowed().view()? {
        View::BigInt {
            negative,
            magnitude,
        } => Ok(i.env.make_biginteger(negative, magnitude)?),
        _ => Ok(big),
    }
}
