//! Bit operations on longs: the `bit-*` family and
//! `unsigned-bit-shift-right`.

use crate::error::{EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::{one, two};
use crate::numeric_tower::*;
use evelisp_heap::{Ref, Value, View};

natives! {
    /// The bitwise and of the integers.
    #[arglists = "([x y] [x y & more])"]
    "bit-and" => bit_and;
    /// The bitwise or of the integers.
    #[arglists = "([x y] [x y & more])"]
    "bit-or" => bit_or;
    /// The bitwise exclusive or of the integers.
    #[arglists = "([x y] [x y & more])"]
    "bit-xor" => bit_xor;
    /// The bitwise complement of x.
    #[arglists = "([x])"]
    "bit-not" => bit_not;
    /// The bits of x that are not set in y (nor in any of more).
    #[arglists = "([x y] [x y & more])"]
    "bit-and-not" => bit_and_not;
    /// x shifted left by n bits (n taken modulo 64).
    #[arglists = "([x n])"]
    "bit-shift-left" => bit_shift_left;
    /// x shifted right by n bits, keeping its sign (arithmetic shift).
    #[arglists = "([x n])"]
    "bit-shift-right" => bit_shift_right;
    /// x shifted right by n bits, filling with zeros (logical shift).
    #[arglists = "([x n])"]
    "unsigned-bit-shift-right" => unsigned_bit_shift_right;
    /// Whether bit n of x is set.
    #[arglists = "([x n])"]
    "bit-test" => bit_test;
    /// x with bit n set.
    #[arglists = "([x n])"]
    "bit-set" => bit_set;
    /// x with bit n cleared.
    #[arglists = "([x n])"]
    "bit-clear" => bit_clear;
    /// x with bit n flipped.
    #[arglists = "([x n])"]
    "bit-flip" => bit_flip;
}

// ---- bit operations ----

fn bits_of(v: Ref<'_>) -> EvalResult<i64> {
    match v.view()? {
        View::Int(i) => Ok(i),
        View::Float(_) => Err(illegal(
            "bit operation not supported for: class java.lang.Double".into(),
        )),
        View::BigInt { .. } => Err(illegal(
            "bit operation not supported for: class clojure.lang.BigInt".into(),
        )),
        View::Ratio { .. } => Err(illegal(
            "bit operation not supported for: class clojure.lang.Ratio".into(),
        )),
        View::Nil => Err(crate::numeric_tower::null_number()),
        _ => Err(illegal(format!(
            "bit operation not supported for: {}",
            crate::print::pr_str(v).unwrap_or_else(|_| "value".into())
        ))),
    }
}

fn bit_fold<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    f: fn(i64, i64) -> i64,
) -> EvalResult<Value<'e>> {
    if args.len() < 2 {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    }
    let mut acc = bits_of(args[0].borrowed())?;
    for a in &args[1..] {
        acc = f(acc, bits_of(a.borrowed())?);
    }
    Ok(i.env.make_int(acc)?)
}

fn bit2<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    f: fn(i64, i64) -> i64,
) -> EvalResult<Value<'e>> {
    let (a, b) = two(name, args)?;
    Ok(i.env
        .make_int(f(bits_of(a.borrowed())?, bits_of(b.borrowed())?))?)
}

/// `(bit-and x y & more)`.
pub(crate) fn bit_and<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-and", &a, |x, y| x & y)
}
/// `(bit-or x y & more)`.
pub(crate) fn bit_or<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-or", &a, |x, y| x | y)
}
/// `(bit-xor x y & more)`.
pub(crate) fn bit_xor<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-xor", &a, |x, y| x ^ y)
}
/// `(bit-and-not x y & more)`: `x & ~y & ~more...`.
pub(crate) fn bit_and_not<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-and-not", &a, |x, y| x & !y)
}
/// `(bit-not x)`.
pub(crate) fn bit_not<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = bits_of(one("bit-not", &a)?.borrowed())?;
    Ok(i.env.make_int(!x)?)
}
/// `(bit-shift-left x n)`: the shift count is taken mod 64, as in Java.
pub(crate) fn bit_shift_left<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-shift-left", &a, |x, n| x.wrapping_shl(n as u32))
}
/// `(bit-shift-right x n)`: arithmetic shift.
pub(crate) fn bit_shift_right<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-shift-right", &a, |x, n| x.wrapping_shr(n as u32))
}
/// `(unsigned-bit-shift-right x n)`: logical shift.
pub(crate) fn unsigned_bit_shift_right<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit2(i, "unsigned-bit-shift-right", &a, |x, n| {
        (x as u64).wrapping_shr(n as u32) as i64
    })
}
/// `(bit-test x n)`: whether bit `n` of `x` is set.
pub(crate) fn bit_test<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, n) = two("bit-test", &a)?;
    let (x, n) = (bits_of(x.borrowed())?, bits_of(n.borrowed())?);
    Ok(i.env.make_bool(x & 1i64.wrapping_shl(n as u32) != 0))
}
/// `(bit-set x n)`.
pub(crate) fn bit_set<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-set", &a, |x, n| x | 1i64.wrapping_shl(n as u32))
}
/// `(bit-clear x n)`.
pub(crate) fn bit_clear<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-clear", &a, |x, n| x & !1i64.wrapping_shl(n as u32))
}
/// `(bit-flip x n)`.
pub(crate) fn bit_flip<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-flip", &a, |x, n| x ^ 1i64.wrapping_shl(n as u32))
}
