//! Arithmetic natives over the numeric tower (`crate::numeric_tower`):
//! `+ - * / +' -' *' inc dec inc' dec' quot rem mod` and the
//! `unchecked-*` family. Decimal results are rounded under
//! `*math-context*` (looked up only once a decimal takes part: [`LazyMc`]).

use crate::decimal::{self, MathContext};
use crate::error::{EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::{one, two};
use crate::numeric_tower::*;
use evelisp_heap::{Value, View};
use std::cmp::Ordering;

natives! {
    /// The sum of the numbers (0); long overflow is an ArithmeticException (+'
    /// promotes).
    #[arglists = "([] [x] [x y] [x y & more])"]
    "+" => add;
    /// x negated, or the later numbers subtracted from x.
    #[arglists = "([x] [x y] [x y & more])"]
    "-" => sub;
    /// The product of the numbers (1).
    #[arglists = "([] [x] [x y] [x y & more])"]
    "*" => mul;
    /// x + 1.
    #[arglists = "([x])"]
    "inc" => inc;
    /// x - 1.
    #[arglists = "([x])"]
    "dec" => dec;
    /// x divided by the later numbers (a ratio when integers do not divide); (/
    /// x) is 1/x.
    #[arglists = "([x] [x y] [x y & more])"]
    "/" => div;
    /// The sum of the numbers (0 with none), promoting to a bigint instead of
    /// overflowing a long.
    #[arglists = "([] [x] [x y] [x y & more])"]
    "+'" => add_promote;
    /// x negated, or x minus the others, promoting to a bigint instead of
    /// overflowing a long.
    #[arglists = "([x] [x y] [x y & more])"]
    "-'" => sub_promote;
    /// The product of the numbers (1 with none), promoting to a bigint instead
    /// of overflowing a long.
    #[arglists = "([] [x] [x y] [x y & more])"]
    "*'" => mul_promote;
    /// x plus one, promoting to a bigint instead of overflowing a long.
    #[arglists = "([x])"]
    "inc'" => inc_promote;
    /// x minus one, promoting to a bigint instead of overflowing a long.
    #[arglists = "([x])"]
    "dec'" => dec_promote;
    /// x plus y, wrapping around on long overflow.
    #[arglists = "([x y])"]
    "unchecked-add" => unchecked_add;
    /// x minus y, wrapping around on long overflow.
    #[arglists = "([x y])"]
    "unchecked-subtract" => unchecked_subtract;
    /// x times y, wrapping around on long overflow.
    #[arglists = "([x y])"]
    "unchecked-multiply" => unchecked_multiply;
    /// x plus one, wrapping around on long overflow.
    #[arglists = "([x])"]
    "unchecked-inc" => unchecked_inc;
    /// x minus one, wrapping around on long overflow.
    #[arglists = "([x])"]
    "unchecked-dec" => unchecked_dec;
    /// The negation of x, wrapping around on long overflow.
    #[arglists = "([x])"]
    "unchecked-negate" => unchecked_negate;
    /// The quotient of num by div, rounded toward zero.
    #[arglists = "([num div])"]
    "quot" => quot;
    /// The remainder of num by div (the sign of num).
    #[arglists = "([num div])"]
    "rem" => rem;
    /// num modulo div (the sign of div).
    #[arglists = "([num div])"]
    "mod" => modulo;
}

/// `*math-context*`, looked up the first time a decimal needs it (other
/// numbers never pay for the lookup).
pub(crate) struct LazyMc<'a, 'e> {
    interp: &'a Interp<'e>,
    mc: Option<Option<MathContext>>,
}

impl<'a, 'e> LazyMc<'a, 'e> {
    pub(crate) fn new(interp: &'a Interp<'e>) -> Self {
        LazyMc { interp, mc: None }
    }

    /// The math context for an operation on `a` and `b`: `None` unless
    /// one is a decimal and `*math-context*` is bound.
    pub(crate) fn for_nums(&mut self, a: &Num, b: &Num) -> EvalResult<Option<&MathContext>> {
        if !is_decimal(a) && !is_decimal(b) {
            return Ok(None);
        }
        if self.mc.is_none() {
            self.mc = Some(self.interp.math_context()?);
        }
        Ok(self.mc.as_ref().and_then(Option::as_ref))
    }
}

/// `-n`, rounded under the math context when a decimal.
fn negate_mc(mc: &mut LazyMc<'_, '_>, n: Num, mode: Overflow) -> EvalResult<Num> {
    Ok(match negate(n, mode)? {
        Num::Decimal(d) => {
            let mc = mc.for_nums(&Num::Decimal(d.clone()), &Num::Int(0))?;
            Num::Decimal(decimal::round(d, mc)?)
        }
        r => r,
    })
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
    let mut mc = LazyMc::new(i);
    let (mut acc, rest) = match (op, args) {
        (Op::Sub, []) => return Err(arity(&format!("clojure.core/{name}"), 0)),
        (Op::Sub, [x]) => (negate_mc(&mut mc, num(x.borrowed())?, mode)?, &[][..]),
        (Op::Sub, [x, rest @ ..]) => (num(x.borrowed())?, rest),
        // `(+ x)` and `(* x)` are `(cast Number x)`: x itself, nil too.
        (_, [x]) => {
            if !x.borrowed().is_nil() {
                num(x.borrowed())?;
            }
            return Ok(x.clone());
        }
        (_, [x, rest @ ..]) => (num(x.borrowed())?, rest),
        (_, []) => (Num::Int(unit), &[][..]),
    };
    for a in rest {
        let b = num(a.borrowed())?;
        acc = ring_mc(&acc, &b, op, mode, mc.for_nums(&acc, &b)?)?;
    }
    make_num(i, acc)
}

/// `(+ & xs)`: the sum; long overflow is an error.
pub(crate) fn add<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Add, &args) {
        return Ok(v);
    }
    fold_ring(i, "+", &args, Op::Add, Overflow::Error)
}

/// `(* & xs)`: the product; long overflow is an error.
pub(crate) fn mul<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Mul, &args) {
        return Ok(v);
    }
    fold_ring(i, "*", &args, Op::Mul, Overflow::Error)
}

/// `(- x & ys)`: the difference, or the negation of one argument.
pub(crate) fn sub<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Sub, &args) {
        return Ok(v);
    }
    fold_ring(i, "-", &args, Op::Sub, Overflow::Error)
}

/// `(+' & xs)`: the sum, promoting to a bigint on long overflow.
pub(crate) fn add_promote<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    fold_ring(i, "+'", &args, Op::Add, Overflow::Promote)
}

/// `(*' & xs)`: the product, promoting to a bigint on long overflow.
pub(crate) fn mul_promote<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    fold_ring(i, "*'", &args, Op::Mul, Overflow::Promote)
}

/// `(-' x & ys)`: the difference, promoting to a bigint on long overflow.
pub(crate) fn sub_promote<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    fold_ring(i, "-'", &args, Op::Sub, Overflow::Promote)
}

fn unchecked2<'e>(i: &Interp<'e>, name: &str, args: &[Value<'e>], op: Op) -> EvalResult<Value<'e>> {
    let (a, b) = two(name, args)?;
    let (a, b) = (num(a.borrowed())?, num(b.borrowed())?);
    let r = ring_mc(&a, &b, op, Overflow::Wrap, LazyMc::new(i).for_nums(&a, &b)?)?;
    make_num(i, r)
}

/// `(unchecked-add x y)`: the sum, wrapping on long overflow.
pub(crate) fn unchecked_add<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    unchecked2(i, "unchecked-add", &args, Op::Add)
}

/// `(unchecked-subtract x y)`: the difference, wrapping on long overflow.
pub(crate) fn unchecked_subtract<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    unchecked2(i, "unchecked-subtract", &args, Op::Sub)
}

/// `(unchecked-multiply x y)`: the product, wrapping on long overflow.
pub(crate) fn unchecked_multiply<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
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
    let x = num(x)?;
    let mc = LazyMc::new(i).for_nums(&x, &x)?.copied();
    let r = ring_mc(&x, &Num::Int(1), op, mode, mc.as_ref())?;
    make_num(i, r)
}

/// `(inc x)`: `x + 1`; long overflow is an error.
pub(crate) fn inc<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Inc, &args) {
        return Ok(v);
    }
    step(i, "inc", &args, Op::Add, Overflow::Error)
}

/// `(dec x)`: `x - 1`; long overflow is an error.
pub(crate) fn dec<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if let Some(v) = crate::prims::fast_native(i, crate::prim_op::PrimOp::Dec, &args) {
        return Ok(v);
    }
    step(i, "dec", &args, Op::Sub, Overflow::Error)
}

/// `(inc' x)`: `x + 1`, promoting to a bigint on long overflow.
pub(crate) fn inc_promote<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    step(i, "inc'", &args, Op::Add, Overflow::Promote)
}

/// `(dec' x)`: `x - 1`, promoting to a bigint on long overflow.
pub(crate) fn dec_promote<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    step(i, "dec'", &args, Op::Sub, Overflow::Promote)
}

/// `(unchecked-inc x)`: `x + 1`, wrapping.
pub(crate) fn unchecked_inc<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    step(i, "unchecked-inc", &args, Op::Add, Overflow::Wrap)
}

/// `(unchecked-dec x)`: `x - 1`, wrapping.
pub(crate) fn unchecked_dec<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    step(i, "unchecked-dec", &args, Op::Sub, Overflow::Wrap)
}

/// `(unchecked-negate x)`: `-x`, wrapping.
pub(crate) fn unchecked_negate<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = num(one("unchecked-negate", &args)?.borrowed())?;
    make_num(i, negate_mc(&mut LazyMc::new(i), x, Overflow::Wrap)?)
}

/// `(/ x & ys)`: the quotient (`(/ x)` is `1/x`); exact numbers give a
/// ratio or an integer, dividing one by zero is an error.
pub(crate) fn div<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let ns = nums(&args)?;
    let mut mc = LazyMc::new(i);
    let r = match &ns[..] {
        [] => return Err(arity("clojure.core//", 0)),
        [x] => divide_mc(&Num::Int(1), x, mc.for_nums(x, x)?)?,
        [x, rest @ ..] => {
            let mut acc = x.clone();
            for y in rest {
                acc = divide_mc(&acc, y, mc.for_nums(&acc, y)?)?;
            }
            acc
        }
    };
    make_num(i, r)
}

/// Truncating division of two numbers: quotient and remainder, as
/// Clojure's `quot` and `rem` give them.
#[cfg(test)]
pub(super) fn quot_rem(a: &Num, b: &Num) -> EvalResult<(Num, Num)> {
    quot_rem_mc(a, b, None)
}

/// [`quot_rem`] under a math context: decimals as Java's
/// `divideToIntegralValue(y, mc)` and `remainder(y, mc)`.
pub(super) fn quot_rem_mc(a: &Num, b: &Num, mc: Option<&MathContext>) -> EvalResult<(Num, Num)> {
    if num_is_zero(b) {
        return Err(divide_by_zero());
    }
    Ok(match (a, b) {
        (Num::Int(x), Num::Int(y)) => (Num::Int(x.wrapping_div(*y)), Num::Int(x.wrapping_rem(*y))),
        _ if rank(a) == Rank::Float || rank(b) == Rank::Float => {
            let (x, y) = (to_f64(a), to_f64(b));
            let q = x / y;
            // Beyond the longs Clojure truncates through `new
            // BigDecimal(q)`, which refuses NaN and the infinities.
            if !q.is_finite() {
                return Err(crate::error::EvalError::new(
                    crate::error::EvalErrorKind::NumberFormat("Infinite or NaN".into()),
                ));
            }
            let q = q.trunc();
            (Num::Float(q), Num::Float(x - q * y))
        }
        _ if rank(a) == Rank::Decimal || rank(b) == Rank::Decimal => {
            let (x, y) = (to_decimal(a, mc)?, to_decimal(b, mc)?);
            (
                Num::Decimal(decimal::quot(&x, &y, mc)?),
                Num::Decimal(decimal::rem(&x, &y, mc)?),
            )
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
pub(crate) fn quot<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (a, b) = two("quot", &args)?;
    let (a, b) = (num(a.borrowed())?, num(b.borrowed())?);
    let (q, _) = quot_rem_mc(&a, &b, LazyMc::new(i).for_nums(&a, &b)?)?;
    make_num(i, q)
}

/// `(rem n d)`: the remainder of `quot`, with the sign of `n`.
pub(crate) fn rem<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (a, b) = two("rem", &args)?;
    let (a, b) = (num(a.borrowed())?, num(b.borrowed())?);
    let (_, r) = quot_rem_mc(&a, &b, LazyMc::new(i).for_nums(&a, &b)?)?;
    make_num(i, r)
}

/// `(mod n d)`: the modulus, with the sign of `d` (floored division).
pub(crate) fn modulo<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (a, b) = two("mod", &args)?;
    let (a, b) = (num(a.borrowed())?, num(b.borrowed())?);
    let mut lazy = LazyMc::new(i);
    let mc = lazy.for_nums(&a, &b)?;
    let (_, m) = quot_rem_mc(&a, &b, mc)?;
    let same_sign = (num_sign(&a) == Ordering::Greater) == (num_sign(&b) == Ordering::Greater);
    let r = if num_is_zero(&m) || same_sign {
        m
    } else {
        ring_mc(&m, &b, Op::Add, Overflow::Promote, mc)?
    };
    make_num(i, r)
}
