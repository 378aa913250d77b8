//! Java's primitive casts and 32-bit int arithmetic, as Clojure exposes
//! them (the range-checked `byte` and `short` are in `coercion.rs`): the
//! wrapping `unchecked-int` / `-long` / `-byte` / `-short` / `-char` / `-double`
//! casts, and the `unchecked-*-int` operations (arguments cast to int,
//! results wrapping at 32 bits). evelisp has no byte, short or int type:
//! the results are longs, as Clojure prints them.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::{one, two};
use crate::numeric_tower::{Num, num, to_f64};
use evelisp_heap::{Ref, Value, View};

natives! {
    /// The number x as an int, wrapping at 32 bits (a double saturates; NaN
    /// is 0); a character its code.
    #[arglists = "([x])"]
    "unchecked-int" => unchecked_int;
    /// The number x as a long, wrapping at 64 bits (a double saturates; NaN
    /// is 0).
    #[arglists = "([x])"]
    "unchecked-long" => unchecked_long;
    /// The number x as a byte, wrapping at 8 bits.
    #[arglists = "([x])"]
    "unchecked-byte" => unchecked_byte;
    /// The number x as a short, wrapping at 16 bits.
    #[arglists = "([x])"]
    "unchecked-short" => unchecked_short;
    /// The number x as a character, wrapping at 16 bits (a character as it
    /// is).
    #[arglists = "([x])"]
    "unchecked-char" => unchecked_char;
    /// The number x as a double.
    #[arglists = "([x])"]
    "unchecked-double" => unchecked_double;
    /// x + y as ints, wrapping at 32 bits.
    #[arglists = "([x y])"]
    "unchecked-add-int" => add_int;
    /// x - y as ints, wrapping at 32 bits.
    #[arglists = "([x y])"]
    "unchecked-subtract-int" => subtract_int;
    /// x * y as ints, wrapping at 32 bits.
    #[arglists = "([x y])"]
    "unchecked-multiply-int" => multiply_int;
    /// x / y as ints, truncated toward zero.
    #[arglists = "([x y])"]
    "unchecked-divide-int" => divide_int;
    /// The remainder of x / y as ints (the sign of x).
    #[arglists = "([x y])"]
    "unchecked-remainder-int" => remainder_int;
    /// x + 1 as an int, wrapping at 32 bits.
    #[arglists = "([x])"]
    "unchecked-inc-int" => inc_int;
    /// x - 1 as an int, wrapping at 32 bits.
    #[arglists = "([x])"]
    "unchecked-dec-int" => dec_int;
    /// -x as an int, wrapping at 32 bits.
    #[arglists = "([x])"]
    "unchecked-negate-int" => negate_int;
}

/// Java's `Number.longValue` of `v` (a character is no number here).
fn long_value(v: Ref<'_>) -> EvalResult<i64> {
    match num(v)? {
        Num::Int(i) => Ok(i),
        // Saturating, NaN to 0: Java's (long) of a double.
        Num::Float(f) => Ok(f as i64),
        Num::Big(b) => Ok(wrap_to_i64(&b)),
        Num::Ratio(n, d) => Ok(wrap_to_i64(&(n / d))),
        Num::Decimal(x) => Ok(wrap_to_i64(&crate::decimal::to_integer(&x))),
    }
}

/// The low 64 bits of `b`, as Java's `BigInteger.longValue`.
fn wrap_to_i64(b: &num_bigint::BigInt) -> i64 {
    let low = b.iter_u64_digits().next().unwrap_or(0);
    let low = if b.sign() == num_bigint::Sign::Minus {
        low.wrapping_neg()
    } else {
        low
    };
    low as i64
}

/// Clojure's `RT.uncheckedIntCast`: a character's code, a double cast
/// (saturating, NaN 0), any other number's low 32 bits.
fn int_value(v: Ref<'_>) -> EvalResult<i32> {
    match v.view()? {
        View::Char(c) => Ok(u32::from(c) as i32),
        View::Float(f) => Ok(f as i32),
        View::Ratio { .. } => Ok(to_f64(&num(v)?) as i32),
        _ => Ok(long_value(v)? as i32),
    }
}

/// An operand of the `unchecked-*-int` arithmetic (`Numbers.unchecked_int_inc`
/// and the like take an int): as `int_value`, but a character is a
/// `ClassCastException` (only `unchecked-int` casts one).
fn int_operand(v: Ref<'_>) -> EvalResult<i32> {
    if let View::Char(_) = v.view()? {
        return Err(crate::print::class_cast("a number", v));
    }
    int_value(v)
}

fn out_of_range(what: &str, v: &dyn std::fmt::Display) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "Value out of range for {what}: {v}"
    )))
}

fn int<'e>(i: &Interp<'e>, n: i64) -> EvalResult<Value<'e>> {
    Ok(i.env.make_int(n)?)
}

fn unchecked_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    int(
        i,
        i64::from(int_value(one("unchecked-int", &args)?.borrowed())?),
    )
}

fn unchecked_long<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    int(i, long_value(one("unchecked-long", &args)?.borrowed())?)
}

fn unchecked_byte<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let v = one("unchecked-byte", &args)?.borrowed();
    // Java's Number.byteValue: (byte) of the int value.
    let n = match v.view()? {
        View::Float(f) => f as i32,
        _ => long_value(v)? as i32,
    };
    int(i, i64::from(n as i8))
}

fn unchecked_short<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let v = one("unchecked-short", &args)?.borrowed();
    let n = match v.view()? {
        View::Float(f) => f as i32,
        _ => long_value(v)? as i32,
    };
    int(i, i64::from(n as i16))
}

fn unchecked_char<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let v = one("unchecked-char", &args)?.borrowed();
    if let View::Char(_) = v.view()? {
        return Ok(i.env.own(v)?);
    }
    let code = long_value(v)? as u16;
    // A lone UTF-16 surrogate is no character evelisp can hold.
    let c = char::from_u32(u32::from(code)).ok_or_else(|| out_of_range("char", &code))?;
    Ok(i.env.make_char(c))
}

fn unchecked_double<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let v = one("unchecked-double", &args)?.borrowed();
    let f = to_f64(&num(v)?);
    Ok(i.env.make_float(f)?)
}

/// The two int arguments of `name`.
fn ints(name: &str, args: &[Value<'_>]) -> EvalResult<(i32, i32)> {
    let (x, y) = two(name, args)?;
    Ok((int_operand(x.borrowed())?, int_operand(y.borrowed())?))
}

fn add_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, y) = ints("unchecked-add-int", &args)?;
    int(i, i64::from(x.wrapping_add(y)))
}

fn subtract_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, y) = ints("unchecked-subtract-int", &args)?;
    int(i, i64::from(x.wrapping_sub(y)))
}

fn multiply_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, y) = ints("unchecked-multiply-int", &args)?;
    int(i, i64::from(x.wrapping_mul(y)))
}

fn divide_by_zero() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("Divide by zero".into()))
}

fn divide_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, y) = ints("unchecked-divide-int", &args)?;
    let q = x
        .checked_div(y)
        .or_else(|| (y == -1).then(|| x.wrapping_neg()));
    int(i, i64::from(q.ok_or_else(divide_by_zero)?))
}

fn remainder_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, y) = ints("unchecked-remainder-int", &args)?;
    if y == 0 {
        return Err(divide_by_zero());
    }
    int(i, i64::from(x.wrapping_rem(y)))
}

fn inc_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = int_operand(one("unchecked-inc-int", &args)?.borrowed())?;
    int(i, i64::from(x.wrapping_add(1)))
}

fn dec_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = int_operand(one("unchecked-dec-int", &args)?.borrowed())?;
    int(i, i64::from(x.wrapping_sub(1)))
}

fn negate_int<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = int_operand(one("unchecked-negate-int", &args)?.borrowed())?;
    int(i, i64::from(x.wrapping_neg()))
}
