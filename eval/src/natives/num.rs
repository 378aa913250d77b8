//! Native arithmetic and comparison: `+ - * inc dec < > <= >= =` over
//! longs (overflow is an error, as in Clojure) and doubles.

use super::{arity, class_cast, one};
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::{Ref, Value, View};

/// A number, as Clojure's arithmetic sees it.
#[derive(Clone, Copy)]
pub(crate) enum Num {
    Int(i64),
    Float(f64),
}

pub(crate) fn num(v: Ref<'_>) -> EvalResult<Num> {
    match v.view()? {
        View::Int(i) => Ok(Num::Int(i)),
        View::Float(f) => Ok(Num::Float(f)),
        _ => Err(class_cast("a number", v)),
    }
}

pub(crate) fn make_num<'e>(interp: &Interp<'e>, n: Num) -> EvalResult<Value<'e>> {
    Ok(match n {
        Num::Int(i) => interp.env.make_int(i)?,
        Num::Float(f) => interp.env.make_float(f)?,
    })
}

pub(crate) fn overflow() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("integer overflow".into()))
}

pub(crate) fn arith(
    a: Num,
    b: Num,
    int: fn(i64, i64) -> Option<i64>,
    float: fn(f64, f64) -> f64,
) -> EvalResult<Num> {
    Ok(match (a, b) {
        (Num::Int(x), Num::Int(y)) => Num::Int(int(x, y).ok_or_else(overflow)?),
        (Num::Int(x), Num::Float(y)) => Num::Float(float(x as f64, y)),
        (Num::Float(x), Num::Int(y)) => Num::Float(float(x, y as f64)),
        (Num::Float(x), Num::Float(y)) => Num::Float(float(x, y)),
    })
}

pub(crate) fn fold<'e>(
    interp: &Interp<'e>,
    args: &[Value<'e>],
    unit: i64,
    int: fn(i64, i64) -> Option<i64>,
    float: fn(f64, f64) -> f64,
) -> EvalResult<Value<'e>> {
    let mut acc = Num::Int(unit);
    for a in args {
        acc = arith(acc, num(a.borrowed())?, int, float)?;
    }
    make_num(interp, acc)
}

pub(crate) fn add<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold(i, &args, 0, i64::checked_add, |a, b| a + b)
}

pub(crate) fn mul<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold(i, &args, 1, i64::checked_mul, |a, b| a * b)
}

pub(crate) fn sub<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    match &args[..] {
        [] => Err(arity("-", 0)),
        [x] => {
            let r = arith(Num::Int(0), num(x.borrowed())?, i64::checked_sub, |a, b| {
                a - b
            })?;
            make_num(i, r)
        }
        [first, rest @ ..] => {
            let mut acc = num(first.borrowed())?;
            for a in rest {
                acc = arith(acc, num(a.borrowed())?, i64::checked_sub, |a, b| a - b)?;
            }
            make_num(i, acc)
        }
    }
}

pub(crate) fn compare_chain<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    ok: fn(std::cmp::Ordering) -> bool,
) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity(name, 0));
    }
    for pair in args.windows(2) {
        let (a, b) = (num(pair[0].borrowed())?, num(pair[1].borrowed())?);
        let ord = match (a, b) {
            (Num::Int(x), Num::Int(y)) => x.cmp(&y),
            (a, b) => {
                let f = |n: Num| match n {
                    Num::Int(x) => x as f64,
                    Num::Float(x) => x,
                };
                match f(a).partial_cmp(&f(b)) {
                    Some(o) => o,
                    None => return Ok(i.env.make_bool(false)),
                }
            }
        };
        if !ok(ord) {
            return Ok(i.env.make_bool(false));
        }
    }
    // Every argument must be a number, also a lone one.
    num(args[0].borrowed())?;
    Ok(i.env.make_bool(true))
}

pub(crate) fn lt<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, "<", &a, |o| o.is_lt())
}
pub(crate) fn gt<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, ">", &a, |o| o.is_gt())
}
pub(crate) fn le<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, "<=", &a, |o| o.is_le())
}
pub(crate) fn ge<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, ">=", &a, |o| o.is_ge())
}

pub(crate) fn equal<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity("=", 0));
    }
    for pair in args.windows(2) {
        if !pair[0].borrowed().equals(pair[1].borrowed())? {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}

pub(crate) fn inc<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = num(one("inc", &args)?.borrowed())?;
    make_num(i, arith(x, Num::Int(1), i64::checked_add, |a, b| a + b)?)
}

pub(crate) fn dec<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = num(one("dec", &args)?.borrowed())?;
    make_num(i, arith(x, Num::Int(1), i64::checked_sub, |a, b| a - b)?)
}
