//! Clojure's numeric tower (the number model the evaluator and the
//! number natives share): longs (overflow is an
//! `ArithmeticException`, as in Clojure), bigints (`1N`), ratios (`1/3`,
//! always in lowest terms with a positive denominator), decimals (`1.5M`,
//! Java's `BigDecimal`: `crate::decimal`) and doubles. A 32-bit float
//! (`(float x)`) enters arithmetic as the double it is (Clojure's
//! `DoubleOps`), so float op float is a double.
//!
//! Contagion follows Clojure: a double anywhere gives a double; otherwise a
//! decimal gives a decimal (a ratio is converted exactly, or rounded under
//! `*math-context*`; a non-terminating one is an `ArithmeticException`);
//! otherwise a ratio gives an exact rational result (a ratio, or a *bigint* when the
//! denominator becomes 1: `(+ 1/2 1/2)` is `1N`); otherwise a bigint gives
//! a bigint; two longs give a long, or an error on overflow (`+ - * inc
//! dec`), a bigint (`+' -' *' inc' dec'`), or the wrapped long
//! (`unchecked-*`). `/` of two longs gives a long when exact, else a ratio.
//!
//! Differences from Clojure on purpose: one fixed-size integer type (`int`
//! gives a long, range-checked as an int); `char` takes any Unicode scalar
//! value, not only 16-bit ones.

use crate::decimal::{self, Decimal, MathContext};
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value, View};
use num_bigint::{BigInt, Sign};
use std::cmp::Ordering;

/// A number, as Clojure's arithmetic sees it.
#[derive(Clone, Debug)]
pub(crate) enum Num {
    /// A long.
    Int(i64),
    /// A bigint (`1N`): stays a bigint even when it would fit a long.
    Big(BigInt),
    /// A ratio in lowest terms, denominator > 1.
    Ratio(BigInt, BigInt),
    /// A decimal (`1.5M`, Java's `BigDecimal`).
    Decimal(Decimal),
    /// A double.
    Float(f64),
}

/// What to do when a long operation overflows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overflow {
    /// Throw `ArithmeticException: long overflow` (`+ - * inc dec`).
    Error,
    /// Give a bigint (`+' -' *' inc' dec'`).
    Promote,
    /// Wrap around (`unchecked-*`).
    Wrap,
}

/// The three ring operations.
#[derive(Clone, Copy)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
}

pub(crate) fn big_of(negative: bool, magnitude: &[u8]) -> BigInt {
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    BigInt::from_bytes_le(sign, magnitude)
}

/// An integer value (long or bigint) as a `BigInt`.
pub(crate) fn integer_of(v: Ref<'_>) -> EvalResult<BigInt> {
    match v.view()? {
        View::Int(i) => Ok(BigInt::from(i)),
        View::BigInt {
            negative,
            magnitude,
        } => Ok(big_of(negative, magnitude)),
        View::Nil => Err(null_number()),
        _ => Err(class_cast("an integer", v)),
    }
}

/// The number `v` is, or a `ClassCastException`.
pub(crate) fn num(v: Ref<'_>) -> EvalResult<Num> {
    match v.view()? {
        View::Int(i) => Ok(Num::Int(i)),
        View::Float(f) => Ok(Num::Float(f)),
        View::Float32(f) => Ok(Num::Float(f64::from(f))),
        View::BigInt {
            negative,
            magnitude,
        } => Ok(Num::Big(big_of(negative, magnitude))),
        View::BigDecimal {
            negative,
            magnitude,
            scale,
        } => Ok(Num::Decimal(Decimal {
            unscaled: big_of(negative, magnitude),
            scale: i64::from(scale),
        })),
        View::Ratio { .. } => {
            let (n, d) = v.ratio_parts()?;
            Ok(Num::Ratio(integer_of(n)?, integer_of(d)?))
        }
        View::Nil => Err(null_number()),
        _ => Err(class_cast("a number", v)),
    }
}

/// Clojure's error for nil where a number is needed.
pub(crate) fn null_number() -> crate::error::EvalError {
    crate::error::EvalError::new(crate::error::EvalErrorKind::NullPointer(
        "nil where a number is needed".into(),
    ))
}

/// Whether `v` is a number of any kind.
pub(crate) fn is_number(v: Ref<'_>) -> EvalResult<bool> {
    Ok(matches!(
        v.view()?,
        View::Int(_)
            | View::Float(_)
            | View::Float32(_)
            | View::BigInt { .. }
            | View::BigDecimal { .. }
            | View::Ratio { .. }
    ))
}

pub(crate) fn make_integer<'e>(interp: &Interp<'e>, b: &BigInt) -> EvalResult<Value<'e>> {
    match i64::try_from(b) {
        Ok(i) => Ok(interp.env.make_int(i)?),
        Err(_) => make_big(interp, b),
    }
}

pub(crate) fn make_big<'e>(interp: &Interp<'e>, b: &BigInt) -> EvalResult<Value<'e>> {
    let (sign, magnitude) = b.to_bytes_le();
    Ok(interp.env.make_bigint(sign == Sign::Minus, &magnitude)?)
}

/// The heap value of `n`.
pub(crate) fn make_num<'e>(interp: &Interp<'e>, n: Num) -> EvalResult<Value<'e>> {
    Ok(match n {
        Num::Int(i) => interp.env.make_int(i)?,
        Num::Float(f) => interp.env.make_float(f)?,
        Num::Big(b) => make_big(interp, &b)?,
        Num::Decimal(d) => make_decimal(interp, &d)?,
        Num::Ratio(n, d) => {
            let (n, d) = (make_integer(interp, &n)?, make_integer(interp, &d)?);
            interp.env.make_ratio(n.borrowed(), d.borrowed())?
        }
    })
}

/// The heap value of decimal `d` (its scale is within 32 bits: every
/// operation of `crate::decimal` checks).
pub(crate) fn make_decimal<'e>(interp: &Interp<'e>, d: &Decimal) -> EvalResult<Value<'e>> {
    let scale = i32::try_from(d.scale).map_err(|_| decimal::arithmetic("Overflow"))?;
    let (sign, magnitude) = d.unscaled.to_bytes_le();
    Ok(interp
        .env
        .make_bigdecimal(sign == Sign::Minus, &magnitude, scale)?)
}

/// `ArithmeticException: long overflow`.
pub(crate) fn overflow() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("long overflow".into()))
}

pub(crate) fn divide_by_zero() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("Divide by zero".into()))
}

pub(crate) fn illegal(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(message))
}

pub(crate) fn is_zero_big(b: &BigInt) -> bool {
    b.sign() == Sign::NoSign
}

pub(crate) fn big_one() -> BigInt {
    BigInt::from(1)
}

pub(crate) fn gcd(a: &BigInt, b: &BigInt) -> BigInt {
    let (mut a, mut b) = (abs_big(a), abs_big(b));
    while !is_zero_big(&b) {
        let r = &a % &b;
        a = b;
        b = r;
    }
    a
}

pub(crate) fn abs_big(b: &BigInt) -> BigInt {
    if b.sign() == Sign::Minus {
        -b
    } else {
        b.clone()
    }
}

/// `n/d` in lowest terms (`d` not zero): a bigint when the denominator is 1.
pub(crate) fn ratio(n: BigInt, d: BigInt) -> Num {
    let g = gcd(&n, &d);
    let (mut n, mut d) = if is_zero_big(&g) {
        (n, d)
    } else {
        (n / &g, d / &g)
    };
    if d.sign() == Sign::Minus {
        n = -n;
        d = -d;
    }
    if d == big_one() {
        Num::Big(n)
    } else {
        Num::Ratio(n, d)
    }
}

/// A bigint as the nearest double (infinite when too large).
pub(crate) fn big_to_f64(b: &BigInt) -> f64 {
    match i64::try_from(b) {
        Ok(i) => i as f64,
        Err(_) => b.to_string().parse().unwrap_or(f64::NAN),
    }
}

/// The double nearest `n`.
pub(crate) fn to_f64(n: &Num) -> f64 {
    match n {
        Num::Int(i) => *i as f64,
        Num::Float(f) => *f,
        Num::Decimal(d) => decimal::to_f64(d),
        Num::Big(b) => big_to_f64(b),
        Num::Ratio(n, d) => {
            let shift = n.bits().max(d.bits()).saturating_sub(1000);
            big_to_f64(&(n >> shift)) / big_to_f64(&(d >> shift))
        }
    }
}

/// An exact number as numerator and denominator.
pub(crate) fn to_ratio(n: &Num) -> (BigInt, BigInt) {
    match n {
        Num::Int(i) => (BigInt::from(*i), big_one()),
        Num::Big(b) => (b.clone(), big_one()),
        Num::Ratio(n, d) => (n.clone(), d.clone()),
        Num::Decimal(d) => decimal::to_fraction(d),
        Num::Float(f) => (BigInt::from(*f as i64), big_one()),
    }
}

/// An exact number as a decimal (a ratio divided out, rounded under `mc`).
pub(crate) fn to_decimal(n: &Num, mc: Option<&MathContext>) -> EvalResult<Decimal> {
    Ok(match n {
        Num::Int(i) => decimal::of_integer(BigInt::from(*i)),
        Num::Big(b) => decimal::of_integer(b.clone()),
        Num::Ratio(n, d) => decimal::of_ratio(n, d, mc)?,
        Num::Decimal(d) => d.clone(),
        Num::Float(f) => decimal::of_f64(*f)?,
    })
}

pub(crate) fn to_big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Ratio(n, d) => n / d,
        Num::Decimal(d) => decimal::to_integer(d),
        Num::Float(f) => BigInt::from(*f as i64),
    }
}

/// Which branch of the tower two operands meet in.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    Int,
    Big,
    Ratio,
    Decimal,
    Float,
}

pub(crate) fn rank(n: &Num) -> Rank {
    match n {
        Num::Int(_) => Rank::Int,
        Num::Big(_) => Rank::Big,
        Num::Ratio(..) => Rank::Ratio,
        Num::Decimal(_) => Rank::Decimal,
        Num::Float(_) => Rank::Float,
    }
}

/// `a op b` with Clojure's contagion (decimals exact: see [`ring_mc`]).
pub(crate) fn ring(a: &Num, b: &Num, op: Op, overflow_mode: Overflow) -> EvalResult<Num> {
    ring_mc(a, b, op, overflow_mode, None)
}

/// `a op b`; a decimal result is rounded under `mc` (Java's `add(y, mc)`).
pub(crate) fn ring_mc(
    a: &Num,
    b: &Num,
    op: Op,
    overflow_mode: Overflow,
    mc: Option<&MathContext>,
) -> EvalResult<Num> {
    if let (Num::Int(x), Num::Int(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let checked = match op {
            Op::Add => x.checked_add(y),
            Op::Sub => x.checked_sub(y),
            Op::Mul => x.checked_mul(y),
        };
        return match (checked, overflow_mode) {
            (Some(r), _) => Ok(Num::Int(r)),
            (None, Overflow::Error) => Err(overflow()),
            (None, Overflow::Wrap) => Ok(Num::Int(match op {
                Op::Add => x.wrapping_add(y),
                Op::Sub => x.wrapping_sub(y),
                Op::Mul => x.wrapping_mul(y),
            })),
            (None, Overflow::Promote) => {
                let (x, y) = (BigInt::from(x), BigInt::from(y));
                Ok(Num::Big(match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                }))
            }
        };
    }
    Ok(match rank(a).max(rank(b)) {
        Rank::Float => {
            let (x, y) = (to_f64(a), to_f64(b));
            Num::Float(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
            })
        }
        Rank::Decimal => {
            let (x, y) = (to_decimal(a, mc)?, to_decimal(b, mc)?);
            let r = match op {
                Op::Add => decimal::add(&x, &y)?,
                // Clojure's `minus` adds the negated y, and a decimal y is
                // negated under the math context (rounded first).
                Op::Sub if is_decimal(b) => {
                    decimal::add(&x, &decimal::round(decimal::negate(&y), mc)?)?
                }
                Op::Sub => decimal::sub(&x, &y)?,
                Op::Mul => decimal::mul(&x, &y)?,
            };
            Num::Decimal(decimal::round(r, mc)?)
        }
        Rank::Ratio => {
            let ((an, ad), (bn, bd)) = (to_ratio(a), to_ratio(b));
            match op {
                Op::Add => ratio(an * &bd + bn * &ad, ad * bd),
                Op::Sub => ratio(an * &bd - bn * &ad, ad * bd),
                Op::Mul => ratio(an * bn, ad * bd),
            }
        }
        Rank::Big | Rank::Int => {
            let (x, y) = (to_big(a), to_big(b));
            Num::Big(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
            })
        }
    })
}

/// `-n` (`(- 0.0)` is `-0.0`).
pub(crate) fn negate(n: Num, mode: Overflow) -> EvalResult<Num> {
    Ok(match n {
        Num::Int(x) => return ring(&Num::Int(0), &Num::Int(x), Op::Sub, mode),
        Num::Float(f) => Num::Float(-f),
        Num::Big(b) => Num::Big(-b),
        Num::Ratio(n, d) => Num::Ratio(-n, d),
        Num::Decimal(d) => Num::Decimal(decimal::negate(&d)),
    })
}

/// Whether `n` is zero.
pub(crate) fn num_is_zero(n: &Num) -> bool {
    match n {
        Num::Int(i) => *i == 0,
        Num::Float(f) => *f == 0.0,
        Num::Big(b) => is_zero_big(b),
        Num::Decimal(d) => is_zero_big(&d.unscaled),
        Num::Ratio(..) => false,
    }
}

/// The sign of `n` (NaN is neither).
pub(crate) fn num_sign(n: &Num) -> Ordering {
    match n {
        Num::Int(i) => i.cmp(&0),
        Num::Float(f) => f.partial_cmp(&0.0).unwrap_or(Ordering::Equal),
        Num::Big(b) | Num::Ratio(b, _) | Num::Decimal(Decimal { unscaled: b, .. }) => {
            match b.sign() {
                Sign::Minus => Ordering::Less,
                Sign::NoSign => Ordering::Equal,
                Sign::Plus => Ordering::Greater,
            }
        }
    }
}

/// Numeric order (`None` when a NaN is involved). A decimal meets a ratio
/// as a decimal, as in Clojure (so a non-terminating ratio is an error).
pub(crate) fn num_cmp(a: &Num, b: &Num) -> EvalResult<Option<Ordering>> {
    num_cmp_mc(a, b, None)
}

/// [`num_cmp`], a ratio met by a decimal converted under `mc`.
pub(crate) fn num_cmp_mc(
    a: &Num,
    b: &Num,
    mc: Option<&MathContext>,
) -> EvalResult<Option<Ordering>> {
    Ok(match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        _ if rank(a) == Rank::Float || rank(b) == Rank::Float => to_f64(a).partial_cmp(&to_f64(b)),
        _ if rank(a) == Rank::Decimal || rank(b) == Rank::Decimal => {
            Some(decimal::cmp(&to_decimal(a, mc)?, &to_decimal(b, mc)?))
        }
        _ => {
            let ((an, ad), (bn, bd)) = (to_ratio(a), to_ratio(b));
            Some((an * bd).cmp(&(bn * ad)))
        }
    })
}

/// `a / b`, Clojure's `/`.
#[cfg(test)]
pub(crate) fn divide(a: &Num, b: &Num) -> EvalResult<Num> {
    divide_mc(a, b, None)
}

/// `a / b`; decimals divide as Java's `divide(y, mc)` under `mc`.
pub(crate) fn divide_mc(a: &Num, b: &Num, mc: Option<&MathContext>) -> EvalResult<Num> {
    if rank(a) == Rank::Float || rank(b) == Rank::Float {
        return Ok(Num::Float(to_f64(a) / to_f64(b)));
    }
    if num_is_zero(b) {
        return Err(divide_by_zero());
    }
    if rank(a) == Rank::Decimal || rank(b) == Rank::Decimal {
        let (x, y) = (to_decimal(a, mc)?, to_decimal(b, mc)?);
        return Ok(Num::Decimal(decimal::divide(&x, &y, mc)?));
    }
    if let (Num::Int(x), Num::Int(y)) = (a, b)
        && let Some(0) = x.checked_rem(*y)
        && let Some(q) = x.checked_div(*y)
    {
        return Ok(Num::Int(q));
    }
    let ((an, ad), (bn, bd)) = (to_ratio(a), to_ratio(b));
    let r = ratio(an * bd, ad * bn);
    // Two longs give a long when the quotient is whole (only
    // Long/MIN_VALUE / -1 gets here, and does not fit).
    Ok(match (a, b, r) {
        (Num::Int(_), Num::Int(_), Num::Big(q)) => match i64::try_from(&q) {
            Ok(q) => Num::Int(q),
            Err(_) => Num::Big(q),
        },
        (_, _, r) => r,
    })
}

/// Whether `n` is a decimal (its operation may need `*math-context*`).
pub(crate) fn is_decimal(n: &Num) -> bool {
    matches!(n, Num::Decimal(_))
}

/// The operands of a call as numbers.
pub(crate) fn nums(args: &[Value<'_>]) -> EvalResult<Vec<Num>> {
    args.iter().map(|a| num(a.borrowed())).collect()
}

/// Clojure's `RT.intCast` of an index or count argument (`nth`, `subs`):
/// a long as is, a double, ratio or bigint truncated toward zero (NaN is
/// 0, a double beyond the longs an `IllegalArgumentException`), a
/// character its code; then outside the 32-bit ints an
/// `ArithmeticException`. nil is a `NullPointerException`, anything else a
/// `ClassCastException`.
#[inline]
pub(crate) fn int_cast(v: Ref<'_>) -> EvalResult<i64> {
    // The usual index: a small integer in the 32-bit range.
    if let Some(n) = v.word().as_fixnum()
        && i32::try_from(n).is_ok()
    {
        return Ok(n);
    }
    int_cast_other(v)
}

/// [`int_cast`] of anything but a small integer in the 32-bit range.
#[cold]
fn int_cast_other(v: Ref<'_>) -> EvalResult<i64> {
    let n = match v.view()? {
        View::Int(i) => i,
        View::Char(c) => return Ok(i64::from(u32::from(c))),
        View::Float(f) if f.is_nan() => 0,
        View::Float(f) if !(-9.223372036854776e18..9.223372036854776e18).contains(&f) => {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                "Value out of range for long: {f}"
            ))));
        }
        // Truncates toward zero, in range by the test above.
        View::Float(f) => f as i64,
        _ => {
            let whole = match num(v)? {
                Num::Int(i) => BigInt::from(i),
                Num::Big(b) => b,
                Num::Ratio(n, d) => n / d,
                Num::Decimal(x) => crate::decimal::to_integer(&x),
                Num::Float(f) => BigInt::from(f as i64),
            };
            i64::try_from(&whole).map_err(|_| {
                EvalError::new(EvalErrorKind::IllegalArgument(format!(
                    "Value out of range for long: {whole}"
                )))
            })?
        }
    };
    if i32::try_from(n).is_err() {
        return Err(EvalError::new(EvalErrorKind::Arithmetic(
            "integer overflow".into(),
        )));
    }
    Ok(n)
}
