//! Clojure's numeric tower as natives: longs (overflow is an
//! `ArithmeticException`, as in Clojure), bigints (`1N`), ratios (`1/3`,
//! always in lowest terms with a positive denominator) and doubles.
//!
//! Contagion follows Clojure: a double anywhere gives a double; otherwise a
//! ratio gives an exact rational result (a ratio, or a *bigint* when the
//! denominator becomes 1: `(+ 1/2 1/2)` is `1N`); otherwise a bigint gives
//! a bigint; two longs give a long, or an error on overflow (`+ - * inc
//! dec`), a bigint (`+' -' *' inc' dec'`), or the wrapped long
//! (`unchecked-*`). `/` of two longs gives a long when exact, else a ratio.
//!
//! The functions here: `+ - * / +' -' *' inc dec inc' dec' quot rem mod
//! < > <= >= = == compare max min abs`, the `unchecked-*` family, the
//! `bit-*` family, the number predicates (`number? integer? int? float?
//! double? ratio? rational? decimal? zero? pos? neg? even? odd? nat-int?
//! pos-int? neg-int? NaN? infinite?`) and the conversions (`numerator
//! denominator rationalize double float long int bigint biginteger num
//! char`).
//!
//! Differences from Clojure on purpose: there is one float type (`float`
//! gives a double) and one fixed-size integer type (`int` gives a long,
//! range-checked as an int); `decimal?` is always false (no BigDecimal
//! arithmetic); `char` takes any Unicode scalar value, not only 16-bit
//! ones.

use super::{arity, class_cast, one};
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
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
enum Op {
    Add,
    Sub,
    Mul,
}

fn big_of(negative: bool, magnitude: &[u8]) -> BigInt {
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    BigInt::from_bytes_le(sign, magnitude)
}

/// An integer value (long or bigint) as a `BigInt`.
fn integer_of(v: Ref<'_>) -> EvalResult<BigInt> {
    match v.view()? {
        View::Int(i) => Ok(BigInt::from(i)),
        View::BigInt {
            negative,
            magnitude,
        } => Ok(big_of(negative, magnitude)),
        _ => Err(class_cast("an integer", v)),
    }
}

/// The number `v` is, or a `ClassCastException`.
pub(crate) fn num(v: Ref<'_>) -> EvalResult<Num> {
    match v.view()? {
        View::Int(i) => Ok(Num::Int(i)),
        View::Float(f) => Ok(Num::Float(f)),
        View::BigInt {
            negative,
            magnitude,
        } => Ok(Num::Big(big_of(negative, magnitude))),
        View::Ratio { .. } => {
            let (n, d) = v.ratio_parts()?;
            Ok(Num::Ratio(integer_of(n)?, integer_of(d)?))
        }
        _ => Err(class_cast("a number", v)),
    }
}

/// Whether `v` is a number of any kind.
fn is_number(v: Ref<'_>) -> EvalResult<bool> {
    Ok(matches!(
        v.view()?,
        View::Int(_) | View::Float(_) | View::BigInt { .. } | View::Ratio { .. }
    ))
}

fn make_integer<'e>(interp: &Interp<'e>, b: &BigInt) -> EvalResult<Value<'e>> {
    match i64::try_from(b) {
        Ok(i) => Ok(interp.env.make_int(i)?),
        Err(_) => make_big(interp, b),
    }
}

fn make_big<'e>(interp: &Interp<'e>, b: &BigInt) -> EvalResult<Value<'e>> {
    let (sign, magnitude) = b.to_bytes_le();
    Ok(interp.env.make_bigint(sign == Sign::Minus, &magnitude)?)
}

/// The heap value of `n`.
pub(crate) fn make_num<'e>(interp: &Interp<'e>, n: Num) -> EvalResult<Value<'e>> {
    Ok(match n {
        Num::Int(i) => interp.env.make_int(i)?,
        Num::Float(f) => interp.env.make_float(f)?,
        Num::Big(b) => make_big(interp, &b)?,
        Num::Ratio(n, d) => {
            let (n, d) = (make_integer(interp, &n)?, make_integer(interp, &d)?);
            interp.env.make_ratio(n.borrowed(), d.borrowed())?
        }
    })
}

/// `ArithmeticException: long overflow`.
pub(crate) fn overflow() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("long overflow".into()))
}

fn divide_by_zero() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("Divide by zero".into()))
}

fn illegal(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(message))
}

fn is_zero_big(b: &BigInt) -> bool {
    b.sign() == Sign::NoSign
}

fn big_one() -> BigInt {
    BigInt::from(1)
}

fn gcd(a: &BigInt, b: &BigInt) -> BigInt {
    let (mut a, mut b) = (abs_big(a), abs_big(b));
    while !is_zero_big(&b) {
        let r = &a % &b;
        a = b;
        b = r;
    }
    a
}

fn abs_big(b: &BigInt) -> BigInt {
    if b.sign() == Sign::Minus {
        -b
    } else {
        b.clone()
    }
}

/// `n/d` in lowest terms (`d` not zero): a bigint when the denominator is 1.
fn ratio(n: BigInt, d: BigInt) -> Num {
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
fn big_to_f64(b: &BigInt) -> f64 {
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
        Num::Big(b) => big_to_f64(b),
        Num::Ratio(n, d) => {
            let shift = n.bits().max(d.bits()).saturating_sub(1000);
            big_to_f64(&(n >> shift)) / big_to_f64(&(d >> shift))
        }
    }
}

/// An exact number as numerator and denominator.
fn to_ratio(n: &Num) -> (BigInt, BigInt) {
    match n {
        Num::Int(i) => (BigInt::from(*i), big_one()),
        Num::Big(b) => (b.clone(), big_one()),
        Num::Ratio(n, d) => (n.clone(), d.clone()),
        Num::Float(f) => (BigInt::from(*f as i64), big_one()),
    }
}

fn to_big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Ratio(n, d) => n / d,
        Num::Float(f) => BigInt::from(*f as i64),
    }
}

/// Which branch of the tower two operands meet in.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Int,
    Big,
    Ratio,
    Float,
}

fn rank(n: &Num) -> Rank {
    match n {
        Num::Int(_) => Rank::Int,
        Num::Big(_) => Rank::Big,
        Num::Ratio(..) => Rank::Ratio,
        Num::Float(_) => Rank::Float,
    }
}

fn ring(a: &Num, b: &Num, op: Op, overflow_mode: Overflow) -> EvalResult<Num> {
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
fn negate(n: Num, mode: Overflow) -> EvalResult<Num> {
    Ok(match n {
        Num::Int(x) => return ring(&Num::Int(0), &Num::Int(x), Op::Sub, mode),
        Num::Float(f) => Num::Float(-f),
        Num::Big(b) => Num::Big(-b),
        Num::Ratio(n, d) => Num::Ratio(-n, d),
    })
}

/// Whether `n` is zero.
fn num_is_zero(n: &Num) -> bool {
    match n {
        Num::Int(i) => *i == 0,
        Num::Float(f) => *f == 0.0,
        Num::Big(b) => is_zero_big(b),
        Num::Ratio(..) => false,
    }
}

/// The sign of `n` (NaN is neither).
fn num_sign(n: &Num) -> Ordering {
    match n {
        Num::Int(i) => i.cmp(&0),
        Num::Float(f) => f.partial_cmp(&0.0).unwrap_or(Ordering::Equal),
        Num::Big(b) | Num::Ratio(b, _) => match b.sign() {
            Sign::Minus => Ordering::Less,
            Sign::NoSign => Ordering::Equal,
            Sign::Plus => Ordering::Greater,
        },
    }
}

/// Numeric order (`None` when a NaN is involved).
pub(crate) fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        _ if rank(a) == Rank::Float || rank(b) == Rank::Float => to_f64(a).partial_cmp(&to_f64(b)),
        _ => {
            let ((an, ad), (bn, bd)) = (to_ratio(a), to_ratio(b));
            Some((an * bd).cmp(&(bn * ad)))
        }
    }
}

/// `a / b`, Clojure's `/`.
fn divide(a: &Num, b: &Num) -> EvalResult<Num> {
    if rank(a) == Rank::Float || rank(b) == Rank::Float {
        return Ok(Num::Float(to_f64(a) / to_f64(b)));
    }
    if num_is_zero(b) {
        return Err(divide_by_zero());
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

/// The operands of a call as numbers.
fn nums(args: &[Value<'_>]) -> EvalResult<Vec<Num>> {
    args.iter().map(|a| num(a.borrowed())).collect()
}

fn fold_ring<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    op: Op,
    mode: Overflow,
) -> EvalResult<Value<'e>> {
    let unit = match op {
        Op::Mul => 1,
        _ => 0,
    };
    let (mut acc, rest) = match (op, args) {
        (Op::Sub, []) => return Err(arity(name, 0)),
        (Op::Sub, [x]) => (negate(num(x.borrowed())?, mode)?, &[][..]),
        (Op::Sub, [x, rest @ ..]) => (num(x.borrowed())?, rest),
        (_, [x, rest @ ..]) => (num(x.borrowed())?, rest),
        (_, []) => (Num::Int(unit), &[][..]),
    };
    for a in rest {
        acc = ring(&acc, &num(a.borrowed())?, op, mode)?;
    }
    make_num(i, acc)
}

/// `(+ & xs)`: the sum; long overflow is an error.
pub(crate) fn add<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Add, &args) {
        return Ok(v);
    }
    fold_ring(i, "+", &args, Op::Add, Overflow::Error)
}

/// `(* & xs)`: the product; long overflow is an error.
pub(crate) fn mul<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Mul, &args) {
        return Ok(v);
    }
    fold_ring(i, "*", &args, Op::Mul, Overflow::Error)
}

/// `(- x & ys)`: the difference, or the negation of one argument.
pub(crate) fn sub<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Sub, &args) {
        return Ok(v);
    }
    fold_ring(i, "-", &args, Op::Sub, Overflow::Error)
}

/// `(+' & xs)`: the sum, promoting to a bigint on long overflow.
pub(crate) fn add_promote<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold_ring(i, "+'", &args, Op::Add, Overflow::Promote)
}

/// `(*' & xs)`: the product, promoting to a bigint on long overflow.
pub(crate) fn mul_promote<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold_ring(i, "*'", &args, Op::Mul, Overflow::Promote)
}

/// `(-' x & ys)`: the difference, promoting to a bigint on long overflow.
pub(crate) fn sub_promote<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold_ring(i, "-'", &args, Op::Sub, Overflow::Promote)
}

fn two<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<(&'a Value<'e>, &'a Value<'e>)> {
    match args {
        [a, b] => Ok((a, b)),
        _ => Err(arity(name, args.len())),
    }
}

fn unchecked2<'e>(i: &Interp<'e>, name: &str, args: &[Value<'e>], op: Op) -> EvalResult<Value<'e>> {
    let (a, b) = two(name, args)?;
    let r = ring(&num(a.borrowed())?, &num(b.borrowed())?, op, Overflow::Wrap)?;
    make_num(i, r)
}

/// `(unchecked-add x y)`: the sum, wrapping on long overflow.
pub(crate) fn unchecked_add<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    unchecked2(i, "unchecked-add", &args, Op::Add)
}

/// `(unchecked-subtract x y)`: the difference, wrapping on long overflow.
pub(crate) fn unchecked_subtract<'e>(
    i: &Interp<'e>,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    unchecked2(i, "unchecked-subtract", &args, Op::Sub)
}

/// `(unchecked-multiply x y)`: the product, wrapping on long overflow.
pub(crate) fn unchecked_multiply<'e>(
    i: &Interp<'e>,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    unchecked2(i, "unchecked-multiply", &args, Op::Mul)
}

fn step<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    op: Op,
    mode: Overflow,
) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    if let View::Int(n) = x.view()? {
        let r = match op {
            Op::Sub => n.checked_sub(1),
            _ => n.checked_add(1),
        };
        if let Some(r) = r {
            return Ok(i.env.make_int(r)?);
        }
    }
    let r = ring(&num(x)?, &Num::Int(1), op, mode)?;
    make_num(i, r)
}

/// `(inc x)`: `x + 1`; long overflow is an error.
pub(crate) fn inc<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Inc, &args) {
        return Ok(v);
    }
    step(i, "inc", &args, Op::Add, Overflow::Error)
}

/// `(dec x)`: `x - 1`; long overflow is an error.
pub(crate) fn dec<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Dec, &args) {
        return Ok(v);
    }
    step(i, "dec", &args, Op::Sub, Overflow::Error)
}

/// `(inc' x)`: `x + 1`, promoting to a bigint on long overflow.
pub(crate) fn inc_promote<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    step(i, "inc'", &args, Op::Add, Overflow::Promote)
}

/// `(dec' x)`: `x - 1`, promoting to a bigint on long overflow.
pub(crate) fn dec_promote<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    step(i, "dec'", &args, Op::Sub, Overflow::Promote)
}

/// `(unchecked-inc x)`: `x + 1`, wrapping.
pub(crate) fn unchecked_inc<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    step(i, "unchecked-inc", &args, Op::Add, Overflow::Wrap)
}

/// `(unchecked-dec x)`: `x - 1`, wrapping.
pub(crate) fn unchecked_dec<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    step(i, "unchecked-dec", &args, Op::Sub, Overflow::Wrap)
}

/// `(unchecked-negate x)`: `-x`, wrapping.
pub(crate) fn unchecked_negate<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = num(one("unchecked-negate", &args)?.borrowed())?;
    make_num(i, negate(x, Overflow::Wrap)?)
}

/// `(/ x & ys)`: the quotient (`(/ x)` is `1/x`); exact numbers give a
/// ratio or an integer, dividing one by zero is an error.
pub(crate) fn div<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let ns = nums(&args)?;
    let r = match &ns[..] {
        [] => return Err(arity("/", 0)),
        [x] => divide(&Num::Int(1), x)?,
        [x, rest @ ..] => {
            let mut acc = x.clone();
            for y in rest {
                acc = divide(&acc, y)?;
            }
            acc
        }
    };
    make_num(i, r)
}

/// Truncating division of two numbers: quotient and remainder, as
/// Clojure's `quot` and `rem` give them.
fn quot_rem(a: &Num, b: &Num) -> EvalResult<(Num, Num)> {
    if num_is_zero(b) {
        return Err(divide_by_zero());
    }
    Ok(match (a, b) {
        (Num::Int(x), Num::Int(y)) => (Num::Int(x.wrapping_div(*y)), Num::Int(x.wrapping_rem(*y))),
        _ if rank(a) == Rank::Float || rank(b) == Rank::Float => {
            let (x, y) = (to_f64(a), to_f64(b));
            let q = (x / y).trunc();
            (Num::Float(q), Num::Float(x - q * y))
        }
        _ => {
            let ((an, ad), (bn, bd)) = (to_ratio(a), to_ratio(b));
            // BigInt division truncates toward zero.
            let q = (an * &bd) / (&ad * &bn);
            let qn = Num::Big(q);
            let r = ring(
                a,
                &ring(&qn, b, Op::Mul, Overflow::Promote)?,
                Op::Sub,
                Overflow::Promote,
            )?;
            (qn, r)
        }
    })
}

/// `(quot n d)`: the quotient, truncated toward zero.
pub(crate) fn quot<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (a, b) = two("quot", &args)?;
    let (q, _) = quot_rem(&num(a.borrowed())?, &num(b.borrowed())?)?;
    make_num(i, q)
}

/// `(rem n d)`: the remainder of `quot`, with the sign of `n`.
pub(crate) fn rem<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (a, b) = two("rem", &args)?;
    let (_, r) = quot_rem(&num(a.borrowed())?, &num(b.borrowed())?)?;
    make_num(i, r)
}

/// `(mod n d)`: the modulus, with the sign of `d` (floored division).
pub(crate) fn modulo<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (a, b) = two("mod", &args)?;
    let (a, b) = (num(a.borrowed())?, num(b.borrowed())?);
    let (_, m) = quot_rem(&a, &b)?;
    let same_sign = (num_sign(&a) == Ordering::Greater) == (num_sign(&b) == Ordering::Greater);
    let r = if num_is_zero(&m) || same_sign {
        m
    } else {
        ring(&m, &b, Op::Add, Overflow::Promote)?
    };
    make_num(i, r)
}

/// `<`, `>`, `<=`, `>=` over a chain of numbers (a NaN makes any
/// comparison false).
pub(crate) fn compare_chain<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    ok: fn(Ordering) -> bool,
) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity(name, 0));
    }
    for pair in args.windows(2) {
        let ord = match (pair[0].borrowed().view()?, pair[1].borrowed().view()?) {
            (View::Int(x), View::Int(y)) => Some(x.cmp(&y)),
            _ => num_cmp(&num(pair[0].borrowed())?, &num(pair[1].borrowed())?),
        };
        match ord {
            Some(o) if ok(o) => {}
            _ => return Ok(i.env.make_bool(false)),
        }
    }
    // Every argument must be a number, also a lone one.
    num(args[0].borrowed())?;
    Ok(i.env.make_bool(true))
}

/// `(< x & ys)`.
pub(crate) fn lt<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Lt, &a) {
        return Ok(v);
    }
    compare_chain(i, "<", &a, |o| o.is_lt())
}
/// `(> x & ys)`.
pub(crate) fn gt<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prims::PrimOp::Gt, &a) {
        return Ok(v);
    }
    compare_chain(i, ">", &a, |o| o.is_gt())
}
/// `(<= x & ys)`.
pub(crate) fn le<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, "<=", &a, |o| o.is_le())
}
/// `(>= x & ys)`.
pub(crate) fn ge<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, ">=", &a, |o| o.is_ge())
}
/// `(== x & ys)`: numeric equality across types (`(== 1 1.0)` is true).
pub(crate) fn num_equal<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, "==", &a, |o| o.is_eq())
}

/// `(= x & ys)`: Clojure's equality (`(= 1 1.0)` is false, `(= 1 1N)`
/// true).
fn extreme<'e>(
    _: &Interp<'e>,
    name: &str,
    args: Vec<Value<'e>>,
    keep_first: Ordering,
) -> EvalResult<Value<'e>> {
    let mut it = args.into_iter();
    let Some(mut best) = it.next() else {
        return Err(arity(name, 0));
    };
    let mut best_n = num(best.borrowed())?;
    for v in it {
        let n = num(v.borrowed())?;
        if matches!(best_n, Num::Float(f) if f.is_nan()) {
            continue;
        }
        let nan = matches!(n, Num::Float(f) if f.is_nan());
        if nan || num_cmp(&best_n, &n) != Some(keep_first) {
            best = v;
            best_n = n;
        }
    }
    Ok(best)
}

/// `(max x & ys)`: the greatest (NaN if any is NaN).
pub(crate) fn max<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    extreme(i, "max", args, Ordering::Greater)
}

/// `(min x & ys)`: the least (NaN if any is NaN).
pub(crate) fn min<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    extreme(i, "min", args, Ordering::Less)
}

/// `(abs x)`: the absolute value (`Long/MIN_VALUE` stays itself, as in
/// Clojure).
pub(crate) fn abs<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let r = match num(one("abs", &args)?.borrowed())? {
        Num::Int(x) => Num::Int(x.wrapping_abs()),
        Num::Float(f) => Num::Float(f.abs()),
        Num::Big(b) => Num::Big(abs_big(&b)),
        Num::Ratio(n, d) => Num::Ratio(abs_big(&n), d),
    };
    make_num(i, r)
}

/// Java's `String.compareTo`: the difference of the first differing UTF-16
/// units, else of the lengths.
fn java_str_cmp(a: &str, b: &str) -> i64 {
    let (mut x, mut y) = (a.encode_utf16(), b.encode_utf16());
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p == q => {}
            (Some(p), Some(q)) => return i64::from(p) - i64::from(q),
            _ => return (a.encode_utf16().count() as i64) - (b.encode_utf16().count() as i64),
        }
    }
}

fn ord_int(o: Ordering) -> i64 {
    match o {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// Clojure's `compare` over two values: numbers, strings, keywords,
/// symbols, characters, booleans, nil (least) and vectors (by length, then
/// element by element).
pub(crate) fn compare_values(a: Ref<'_>, b: Ref<'_>) -> EvalResult<i64> {
    let (va, vb) = (a.view()?, b.view()?);
    let names = |ns1: Option<&str>, n1: &str, ns2: Option<&str>, n2: &str| match (ns1, ns2) {
        (None, Some(_)) => -1,
        (Some(_), None) => 1,
        (Some(x), Some(y)) if x != y => java_str_cmp(x, y),
        _ => java_str_cmp(n1, n2),
    };
    Ok(match (va, vb) {
        (View::Nil, View::Nil) => 0,
        (View::Nil, _) => -1,
        (_, View::Nil) => 1,
        _ if is_number(a)? && is_number(b)? => {
            ord_int(num_cmp(&num(a)?, &num(b)?).unwrap_or(Ordering::Equal))
        }
        (View::Str(x), View::Str(y)) => java_str_cmp(x, y),
        (View::Keyword { ns: n1, name: x }, View::Keyword { ns: n2, name: y })
        | (View::Symbol { ns: n1, name: x }, View::Symbol { ns: n2, name: y }) => {
            names(n1, x, n2, y)
        }
        (View::Char(x), View::Char(y)) => i64::from(u32::from(x)) - i64::from(u32::from(y)),
        (View::Bool(x), View::Bool(y)) => ord_int(x.cmp(&y)),
        (View::Vector { count: n }, View::Vector { count: m }) => {
            if n != m {
                return Ok(ord_int(n.cmp(&m)));
            }
            for k in 0..n {
                let c = compare_values(a.nth(k)?, b.nth(k)?)?;
                if c != 0 {
                    return Ok(c);
                }
            }
            0
        }
        _ => {
            let shown = crate::print::pr_str(a).unwrap_or_else(|_| "value".into());
            return Err(class_cast(&format!("comparable with {shown}"), b));
        }
    })
}

/// `(compare x y)`: negative, zero or positive as `x` sorts before, with
/// or after `y`.
pub(crate) fn compare<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (a, b) = two("compare", &args)?;
    Ok(i.env
        .make_int(compare_values(a.borrowed(), b.borrowed())?)?)
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
        _ => Err(class_cast("a number", v)),
    }
}

fn bit_fold<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    f: fn(i64, i64) -> i64,
) -> EvalResult<Value<'e>> {
    if args.len() < 2 {
        return Err(arity(name, args.len()));
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
pub(crate) fn bit_and<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-and", &a, |x, y| x & y)
}
/// `(bit-or x y & more)`.
pub(crate) fn bit_or<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-or", &a, |x, y| x | y)
}
/// `(bit-xor x y & more)`.
pub(crate) fn bit_xor<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-xor", &a, |x, y| x ^ y)
}
/// `(bit-and-not x y & more)`: `x & ~y & ~more...`.
pub(crate) fn bit_and_not<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit_fold(i, "bit-and-not", &a, |x, y| x & !y)
}
/// `(bit-not x)`.
pub(crate) fn bit_not<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = bits_of(one("bit-not", &a)?.borrowed())?;
    Ok(i.env.make_int(!x)?)
}
/// `(bit-shift-left x n)`: the shift count is taken mod 64, as in Java.
pub(crate) fn bit_shift_left<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-shift-left", &a, |x, n| x.wrapping_shl(n as u32))
}
/// `(bit-shift-right x n)`: arithmetic shift.
pub(crate) fn bit_shift_right<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-shift-right", &a, |x, n| x.wrapping_shr(n as u32))
}
/// `(unsigned-bit-shift-right x n)`: logical shift.
pub(crate) fn unsigned_bit_shift_right<'e>(
    i: &Interp<'e>,
    a: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    bit2(i, "unsigned-bit-shift-right", &a, |x, n| {
        (x as u64).wrapping_shr(n as u32) as i64
    })
}
/// `(bit-test x n)`: whether bit `n` of `x` is set.
pub(crate) fn bit_test<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (x, n) = two("bit-test", &a)?;
    let (x, n) = (bits_of(x.borrowed())?, bits_of(n.borrowed())?);
    Ok(i.env.make_bool(x & 1i64.wrapping_shl(n as u32) != 0))
}
/// `(bit-set x n)`.
pub(crate) fn bit_set<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-set", &a, |x, n| x | 1i64.wrapping_shl(n as u32))
}
/// `(bit-clear x n)`.
pub(crate) fn bit_clear<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-clear", &a, |x, n| x & !1i64.wrapping_shl(n as u32))
}
/// `(bit-flip x n)`.
pub(crate) fn bit_flip<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    bit2(i, "bit-flip", &a, |x, n| x ^ 1i64.wrapping_shl(n as u32))
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
pub(crate) fn is_number_p<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "number?", &a, |v| {
        matches!(
            v,
            View::Int(_) | View::Float(_) | View::BigInt { .. } | View::Ratio { .. }
        )
    })
}
/// `(integer? x)`: a long or a bigint.
pub(crate) fn is_integer<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "integer?", &a, |v| {
        matches!(v, View::Int(_) | View::BigInt { .. })
    })
}
/// `(int? x)`: a fixed-precision integer (a long).
pub(crate) fn is_int<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "int?", &a, |v| matches!(v, View::Int(_)))
}
/// `(float? x)`: a floating-point number.
pub(crate) fn is_float<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "float?", &a, |v| matches!(v, View::Float(_)))
}
/// `(double? x)`.
pub(crate) fn is_double<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "double?", &a, |v| matches!(v, View::Float(_)))
}
/// `(ratio? x)`.
pub(crate) fn is_ratio<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "ratio?", &a, |v| matches!(v, View::Ratio { .. }))
}
/// `(rational? x)`: an integer or a ratio.
pub(crate) fn is_rational<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "rational?", &a, |v| {
        matches!(v, View::Int(_) | View::BigInt { .. } | View::Ratio { .. })
    })
}
/// `(decimal? x)`: always false (evelisp has no BigDecimal numbers).
pub(crate) fn is_decimal<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    view_test(i, "decimal?", &a, |_| false)
}
/// `(NaN? x)`: whether the number `x` is NaN.
pub(crate) fn is_nan<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let n = num(one("NaN?", &a)?.borrowed())?;
    Ok(i.env.make_bool(matches!(n, Num::Float(f) if f.is_nan())))
}
/// `(infinite? x)`: whether the number `x` is an infinity.
pub(crate) fn is_infinite<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
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
pub(crate) fn is_zero<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    sign_test(i, "zero?", &a, Ordering::Equal)
}
/// `(pos? x)`.
pub(crate) fn is_pos<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    sign_test(i, "pos?", &a, Ordering::Greater)
}
/// `(neg? x)`.
pub(crate) fn is_neg<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    sign_test(i, "neg?", &a, Ordering::Less)
}

fn parity<'e>(i: &Interp<'e>, name: &str, args: &[Value<'e>], odd: bool) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    let is_odd = match x.view()? {
        View::Int(n) => n & 1 == 1,
        View::BigInt { magnitude, .. } => magnitude.first().is_some_and(|b| b & 1 == 1),
        _ => {
            let shown = crate::print::pr_str(x).unwrap_or_else(|_| "value".into());
            return Err(illegal(format!("Argument must be an integer: {shown}")));
        }
    };
    Ok(i.env.make_bool(is_odd == odd))
}
/// `(even? n)`: `n` must be an integer.
pub(crate) fn is_even<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    parity(i, "even?", &a, false)
}
/// `(odd? n)`: `n` must be an integer.
pub(crate) fn is_odd<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
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
pub(crate) fn is_nat_int<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    int_test(i, "nat-int?", &a, |n| n >= 0)
}
/// `(pos-int? x)`: a long > 0.
pub(crate) fn is_pos_int<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    int_test(i, "pos-int?", &a, |n| n > 0)
}
/// `(neg-int? x)`: a long < 0.
pub(crate) fn is_neg_int<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    int_test(i, "neg-int?", &a, |n| n < 0)
}

// ---- conversions ----

/// `(numerator r)`.
pub(crate) fn numerator<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("numerator", &a)?.borrowed();
    match x.view()? {
        View::Ratio { .. } => Ok(i.env.own(x.ratio_parts()?.0)?),
        _ => Err(class_cast("a ratio", x)),
    }
}

/// `(denominator r)`.
pub(crate) fn denominator<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("denominator", &a)?.borrowed();
    match x.view()? {
        View::Ratio { .. } => Ok(i.env.own(x.ratio_parts()?.1)?),
        _ => Err(class_cast("a ratio", x)),
    }
}

/// The exact value of the decimal text of double `f` (as Java's
/// `BigDecimal.valueOf`).
fn rational_of_double(f: f64) -> EvalResult<Num> {
    if !f.is_finite() {
        return Err(illegal(format!(
            "Infinite or NaN: {}",
            evelisp_reader::format_double(f)
        )));
    }
    let text = format!("{f}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let digits = format!("{int}{frac}");
    let n: BigInt = digits
        .parse()
        .map_err(|_| illegal(format!("cannot rationalize {text}")))?;
    let d = BigInt::from(10).pow(frac.len() as u32);
    Ok(ratio(n, d))
}

/// `(rationalize x)`: a double as the exact ratio of its decimal text
/// (`(rationalize 0.1)` is `1/10`); exact numbers as they are.
pub(crate) fn rationalize<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("rationalize", &a)?;
    match num(x.borrowed())? {
        Num::Float(f) => make_num(i, rational_of_double(f)?),
        _ => Ok(x.clone()),
    }
}

/// `(double x)` / `(float x)`: the nearest double.
pub(crate) fn double<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let n = num(one("double", &a)?.borrowed())?;
    Ok(i.env.make_float(to_f64(&n))?)
}

/// `(float x)`: a double (evelisp has one float type).
pub(crate) fn float<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let n = num(one("float", &a)?.borrowed())?;
    Ok(i.env.make_float(to_f64(&n))?)
}

/// The long `x` truncates to, if it fits in `[min, max]`; `what` names
/// the type in the error.
fn to_long(x: Ref<'_>, what: &str, min: i64, max: i64) -> EvalResult<i64> {
    let out_of_range = |shown: String| illegal(format!("Value out of range for {what}: {shown}"));
    let v = match x.view()? {
        View::Char(c) => i64::from(u32::from(c)),
        View::Int(n) => n,
        _ => match num(x)? {
            Num::Float(f) => {
                if f.is_nan() {
                    0
                } else if f < min as f64 || f > max as f64 {
                    return Err(out_of_range(evelisp_reader::format_double(f)));
                } else {
                    f as i64
                }
            }
            n => {
                let b = to_big(&n);
                i64::try_from(&b).map_err(|_| out_of_range(b.to_string()))?
            }
        },
    };
    if v < min || v > max {
        return Err(out_of_range(v.to_string()));
    }
    Ok(v)
}

/// `(long x)`: a long, truncating doubles and ratios; out of range is an
/// error.
pub(crate) fn long<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("long", &a)?.borrowed();
    Ok(i.env.make_int(to_long(x, "long", i64::MIN, i64::MAX)?)?)
}

/// `(int x)`: as `long`, range-checked as a 32-bit int.
pub(crate) fn int<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("int", &a)?.borrowed();
    let n = to_long(x, "int", i64::from(i32::MIN), i64::from(i32::MAX))?;
    Ok(i.env.make_int(n)?)
}

/// `(bigint x)` / `(biginteger x)`: a bigint, truncating doubles and
/// ratios.
pub(crate) fn bigint<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("bigint", &a)?.borrowed();
    let b = match num(x)? {
        Num::Float(f) if !f.is_finite() => {
            return Err(illegal(format!(
                "Infinite or NaN: {}",
                evelisp_reader::format_double(f)
            )));
        }
        Num::Float(f) => to_big(&rational_of_double(f.trunc())?),
        n => to_big(&n),
    };
    make_big(i, &b)
}

/// `(num x)`: `x`, which must be a number.
pub(crate) fn num_fn<'e>(_: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("num", &a)?;
    num(x.borrowed())?;
    Ok(x.clone())
}

/// `(char x)`: the character of code point `x` (or `x` itself).
pub(crate) fn char_fn<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("char", &a)?.borrowed();
    if let View::Char(_) = x.view()? {
        return Ok(i.env.own(x)?);
    }
    let n = to_long(x, "char", 0, i64::from(u32::MAX))?;
    let c = u32::try_from(n)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| illegal(format!("Value out of range for char: {n}")))?;
    Ok(i.env.make_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(i: i64) -> BigInt {
        BigInt::from(i)
    }

    fn shown(n: &Num) -> String {
        match n {
            Num::Int(i) => format!("{i}"),
            Num::Big(b) => format!("{b}N"),
            Num::Ratio(n, d) => format!("{n}/{d}"),
            Num::Float(f) => format!("{f:?}"),
        }
    }

    #[test]
    fn ratios_are_normalized() {
        assert_eq!(shown(&ratio(big(2), big(6))), "1/3");
        assert_eq!(shown(&ratio(big(2), big(-6))), "-1/3");
        assert_eq!(shown(&ratio(big(-4), big(-2))), "2N");
        assert_eq!(shown(&ratio(big(0), big(5))), "0N");
    }

    #[test]
    fn contagion_follows_clojure() {
        let half = Num::Ratio(big(1), big(2));
        let add = |a: &Num, b: &Num| ring(a, b, Op::Add, Overflow::Error).map(|n| shown(&n));
        assert_eq!(add(&half, &half).ok().as_deref(), Some("1N"));
        assert_eq!(add(&half, &Num::Float(0.5)).ok().as_deref(), Some("1.0"));
        assert_eq!(
            add(&Num::Big(big(1)), &Num::Int(2)).ok().as_deref(),
            Some("3N")
        );
        assert!(add(&Num::Int(i64::MAX), &Num::Int(1)).is_err());
        let promoted = ring(
            &Num::Int(i64::MAX),
            &Num::Int(1),
            Op::Add,
            Overflow::Promote,
        );
        assert_eq!(
            promoted.map(|n| shown(&n)).ok().as_deref(),
            Some("9223372036854775808N")
        );
        let wrapped = ring(&Num::Int(i64::MAX), &Num::Int(1), Op::Add, Overflow::Wrap);
        assert_eq!(
            wrapped.map(|n| shown(&n)).ok().as_deref(),
            Some("-9223372036854775808")
        );
    }

    #[test]
    fn division_and_truncation() {
        let q = |a: i64, b: i64| divide(&Num::Int(a), &Num::Int(b)).map(|n| shown(&n));
        assert_eq!(q(4, 2).ok().as_deref(), Some("2"));
        assert_eq!(q(1, -2).ok().as_deref(), Some("-1/2"));
        assert_eq!(
            q(i64::MIN, -1).ok().as_deref(),
            Some("9223372036854775808N")
        );
        assert!(q(1, 0).is_err());
        let qr =
            |a: Num, b: Num| quot_rem(&a, &b).map(|(q, r)| format!("{} {}", shown(&q), shown(&r)));
        assert_eq!(qr(Num::Int(-7), Num::Int(2)).ok().as_deref(), Some("-3 -1"));
        assert_eq!(
            qr(Num::Float(7.5), Num::Int(2)).ok().as_deref(),
            Some("3.0 1.5")
        );
        assert_eq!(
            qr(Num::Ratio(big(7), big(2)), Num::Int(2)).ok().as_deref(),
            Some("1N 3/2")
        );
        assert!(qr(Num::Float(1.0), Num::Int(0)).is_err());
    }

    #[test]
    fn ordering_and_doubles() {
        let third = Num::Ratio(big(1), big(3));
        assert_eq!(num_cmp(&third, &Num::Float(0.5)), Some(Ordering::Less));
        assert_eq!(num_cmp(&Num::Int(1), &Num::Float(f64::NAN)), None);
        assert_eq!(
            num_cmp(&Num::Big(big(2)), &Num::Int(2)),
            Some(Ordering::Equal)
        );
        // A ratio of huge parts still has a finite double.
        let huge = BigInt::from(10).pow(400);
        let r = Num::Ratio(&huge + 1, huge * 3);
        assert!((to_f64(&r) - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!(
            shown(&rational_of_double(0.1).unwrap_or(Num::Int(0))),
            "1/10"
        );
        assert_eq!(
            shown(&rational_of_double(-2.0).unwrap_or(Num::Int(0))),
            "-2N"
        );
        assert!(rational_of_double(f64::NAN).is_err());
        assert_eq!(java_str_cmp("a", "c"), -2);
        assert_eq!(java_str_cmp("ab", "abc"), -1);
    }
}
