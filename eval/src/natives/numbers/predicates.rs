//! Number predicates: `number? integer? int? float? double? ratio?
//! rational? decimal? zero? pos? neg? even? odd? nat-int? pos-int?
//! neg-int? NaN? infinite?`.

use crate::error::EvalResult;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::numeric_tower::*;
use evelisp_heap::{Value, View};
use std::cmp::Ordering;

natives! {
    /// Whether x is a number.
    #[arglists = "([x])"]
    "number?" => is_number_p;
    /// Whether n is an integer (long or bigint).
    #[arglists = "([n])"]
    "integer?" => is_integer;
    /// Whether x is a fixed-precision integer (a long).
    #[arglists = "([x])"]
    "int?" => is_int;
    /// Whether n is a floating-point number.
    #[arglists = "([n])"]
    "float?" => is_float;
    /// Whether x is a double.
    #[arglists = "([x])"]
    "double?" => is_double;
    /// Whether n is a ratio.
    #[arglists = "([n])"]
    "ratio?" => is_ratio;
    /// Whether n is an integer, a ratio or a decimal.
    #[arglists = "([n])"]
    "rational?" => is_rational;
    /// Whether n is a BigDecimal (1.5M).
    #[arglists = "([n])"]
    "decimal?" => is_decimal;
    /// Whether num is zero.
    #[arglists = "([num])"]
    "zero?" => is_zero;
    /// Whether num is greater than zero.
    #[arglists = "([num])"]
    "pos?" => is_pos;
    /// Whether num is less than zero.
    #[arglists = "([num])"]
    "neg?" => is_neg;
    /// Whether integer n is even.
    #[arglists = "([n])"]
    "even?" => is_even;
    /// Whether integer n is odd.
    #[arglists = "([n])"]
    "odd?" => is_odd;
    /// Whether x is a fixed-precision integer that is zero or more.
    #[arglists = "([x])"]
    "nat-int?" => is_nat_int;
    /// Whether x is a fixed-precision integer above zero.
    #[arglists = "([x])"]
    "pos-int?" => is_pos_int;
    /// Whether x is a fixed-precision integer below zero.
    #[arglists = "([x])"]
    "neg-int?" => is_neg_int;
    /// Whether the number num is NaN.
    #[arglists = "([num])"]
    "NaN?" => is_nan;
    /// Whether the number num is positive or negative infinity.
    #[arglists = "([num])"]
    "infinite?" => is_infinite;
}

// ---- predicates ----

fn view_test<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    test: fn(&View<'_>) -> bool,
) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    Ok(i.env.make_bool(test(&x.view()?)))
}

/// `(number? x)`.
pub(crate) fn is_number_p<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "number?", &a, |v| {
        matches!(
            v,
            View::Int(_)
                | View::Float(_)
                | View::Float32(_)
                | View::BigInt { .. }
                | View::BigDecimal { .. }
                | View::Ratio { .. }
        )
    })
}
/// `(integer? x)`: a long or a bigint.
pub(crate) fn is_integer<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "integer?", &a, |v| {
        matches!(v, View::Int(_) | View::BigInt { .. })
    })
}
/// `(int? x)`: a fixed-precision integer (a long).
pub(crate) fn is_int<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "int?", &a, |v| matches!(v, View::Int(_)))
}
/// `(float? x)`: a floating-point number (a double or a 32-bit float).
pub(crate) fn is_float<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "float?", &a, |v| {
        matches!(v, View::Float(_) | View::Float32(_))
    })
}
/// `(double? x)`.
pub(crate) fn is_double<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "double?", &a, |v| matches!(v, View::Float(_)))
}
/// `(ratio? x)`.
pub(crate) fn is_ratio<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "ratio?", &a, |v| matches!(v, View::Ratio { .. }))
}
/// `(rational? x)`: an integer or a ratio.
pub(crate) fn is_rational<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "rational?", &a, |v| {
        matches!(
            v,
            View::Int(_) | View::BigInt { .. } | View::Ratio { .. } | View::BigDecimal { .. }
        )
    })
}
/// `(decimal? x)`: a BigDecimal (`1.5M`).
pub(crate) fn is_decimal<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    view_test(i, "decimal?", &a, |v| matches!(v, View::BigDecimal { .. }))
}
/// `(NaN? x)`: whether the number `x` is NaN.
pub(crate) fn is_nan<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let n = num(one("NaN?", &a)?.borrowed())?;
    Ok(i.env.make_bool(matches!(n, Num::Float(f) if f.is_nan())))
}
/// `(infinite? x)`: whether the number `x` is an infinity.
pub(crate) fn is_infinite<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let n = num(one("infinite?", &a)?.borrowed())?;
    Ok(i.env
        .make_bool(matches!(n, Num::Float(f) if f.is_infinite())))
}

fn sign_test<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    want: Ordering,
) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    let yes = match x.view()? {
        View::Int(n) => n.cmp(&0) == want,
        View::Float(f) if f.is_nan() => false,
        _ => num_sign(&num(x)?) == want,
    };
    Ok(i.env.make_bool(yes))
}
/// `(zero? x)`.
pub(crate) fn is_zero<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    sign_test(i, "zero?", &a, Ordering::Equal)
}
/// `(pos? x)`.
pub(crate) fn is_pos<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    sign_test(i, "pos?", &a, Ordering::Greater)
}
/// `(neg? x)`.
pub(crate) fn is_neg<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    sign_test(i, "neg?", &a, Ordering::Less)
}

fn parity<'e>(i: &Interp<'e>, name: &str, args: &[Value<'e>], odd: bool) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    let is_odd = match x.view()? {
        View::Int(n) => n & 1 == 1,
        View::BigInt { magnitude, .. } => magnitude.first().is_some_and(|b| b & 1 == 1),
        _ => {
            let mut shown = String::new();
            i.push_str_of(x, &mut shown)?;
            return Err(illegal(format!("Argument must be an integer: {shown}")));
        }
    };
    Ok(i.env.make_bool(is_odd == odd))
}
/// `(even? n)`: `n` must be an integer.
pub(crate) fn is_even<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    parity(i, "even?", &a, false)
}
/// `(odd? n)`: `n` must be an integer.
pub(crate) fn is_odd<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    parity(i, "odd?", &a, true)
}

fn int_test<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    test: fn(i64) -> bool,
) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    Ok(i.env
        .make_bool(matches!(x.view()?, View::Int(n) if test(n))))
}
/// `(nat-int? x)`: a long ≥ 0.
pub(crate) fn is_nat_int<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    int_test(i, "nat-int?", &a, |n| n >= 0)
}
/// `(pos-int? x)`: a long > 0.
pub(crate) fn is_pos_int<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    int_test(i, "pos-int?", &a, |n| n > 0)
}
/// `(neg-int? x)`: a long < 0.
pub(crate) fn is_neg_int<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    int_test(i, "neg-int?", &a, |n| n < 0)
}
