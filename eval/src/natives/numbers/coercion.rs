//! Number conversions: `numerator denominator rationalize double long
//! int short byte bigint num char` (`float` and `bigdec` are in
//! `decimals.rs`, `biginteger` in `biginteger.rs`).
//!
//! Differences from Clojure on purpose: one fixed-size integer type (`int` gives a long,
//! range-checked as an int); `char` takes any Unicode scalar value, not
//! only 16-bit ones.

use crate::error::EvalResult;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::numeric_tower::*;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value, View};
use num_bigint::BigInt;

natives! {
    /// The numerator of the ratio r.
    #[arglists = "([r])"]
    "numerator" => numerator;
    /// The denominator of the ratio r.
    #[arglists = "([r])"]
    "denominator" => denominator;
    /// num as an exact number: a double becomes the ratio of its decimal text
    /// ((rationalize 0.1) is 1/10); exact numbers are returned as they are.
    #[arglists = "([num])"]
    "rationalize" => rationalize;
    /// The number x as a double.
    #[arglists = "([x])"]
    "double" => double;
    /// The number (or character) x as a long, truncating doubles and ratios; an
    /// error when out of range.
    #[arglists = "([x])"]
    "long" => long;
    /// The number (or character) x as an integer, truncated; an error when out
    /// of the 32-bit int range.
    #[arglists = "([x])"]
    "int" => int;
    /// The number (or character) x as an integer, truncated; an error when out
    /// of the 16-bit short range (evelisp's integers are longs).
    #[arglists = "([x])"]
    "short" => short;
    /// The number (or character) x as an integer, truncated; an error when out
    /// of the 8-bit byte range (evelisp's integers are longs).
    #[arglists = "([x])"]
    "byte" => byte;
    /// x as a bigint (doubles and ratios truncated toward zero).
    #[arglists = "([x])"]
    "bigint" => bigint;
    /// x, which must be a number.
    #[arglists = "([x])"]
    "num" => num_fn;
    /// The character whose code point is the integer x (a character is returned
    /// as is).
    #[arglists = "([x])"]
    "char" => char_fn;
}

// ---- conversions ----

/// `(numerator r)`.
pub(crate) fn numerator<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("numerator", &a)?.borrowed();
    match x.view()? {
        View::Ratio { .. } => Ok(i.env.own(x.ratio_parts()?.0)?),
        _ => Err(class_cast("a ratio", x)),
    }
}

/// `(denominator r)`.
pub(crate) fn denominator<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
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
pub(crate) fn rationalize<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("rationalize", &a)?;
    if x.borrowed().is_nil() {
        return Ok(x.clone());
    }
    match num(x.borrowed())? {
        // `BigDecimal.valueOf(double)`'s error.
        Num::Float(f) if !f.is_finite() => Err(crate::error::EvalError::new(
            crate::error::EvalErrorKind::NumberFormat("Infinite or NaN".into()),
        )),
        Num::Float(f) => make_num(i, rational_of_double(f)?),
        // `(rationalize 1.50M)` is 3/2, `(rationalize 2.00M)` is 2N.
        Num::Decimal(d) => {
            let (n, d) = crate::decimal::to_fraction(&d);
            make_num(i, ratio(n, d))
        }
        _ => Ok(x.clone()),
    }
}

/// `(double x)` / `(float x)`: the nearest double.
pub(crate) fn double<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let n = num(one("double", &a)?.borrowed())?;
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
            // Clojure casts a decimal through its double value, as a long
            // first (`(int 1E+20M)` is out of range "for long").
            n @ (Num::Float(_) | Num::Decimal(_)) => {
                let f = to_f64(&n);
                let (min, max, what) = match n {
                    Num::Decimal(_) => (i64::MIN, i64::MAX, "long"),
                    _ => (min, max, what),
                };
                let out_of_range =
                    |shown: String| illegal(format!("Value out of range for {what}: {shown}"));
                // `RT.byteCast(double)` and the like refuse NaN;
                // `intCast`/`longCast` make it 0.
                if f.is_nan() && !matches!(what, "byte" | "short" | "char") {
                    0
                } else if f.is_nan() || f < min as f64 || f > max as f64 {
                    // Shown as Java's toString of the argument.
                    return Err(out_of_range(match x.view()? {
                        View::Float32(f) => evelisp_reader::format_float(f),
                        _ => evelisp_reader::format_double(f),
                    }));
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
        // `RT.intCast(long)` is `Math.toIntExact`.
        if what == "int" {
            return Err(crate::error::EvalError::new(
                crate::error::EvalErrorKind::Arithmetic("integer overflow".into()),
            ));
        }
        return Err(out_of_range(v.to_string()));
    }
    Ok(v)
}

/// `(long x)`: a long, truncating doubles and ratios; out of range is an
/// error.
pub(crate) fn long<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("long", &a)?.borrowed();
    Ok(i.env.make_int(to_long(x, "long", i64::MIN, i64::MAX)?)?)
}

/// `(int x)`: as `long`, range-checked as a 32-bit int.
pub(crate) fn int<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("int", &a)?.borrowed();
    let n = to_long(x, "int", i64::from(i32::MIN), i64::from(i32::MAX))?;
    Ok(i.env.make_int(n)?)
}

/// `(short x)`: as `long`, range-checked as a 16-bit short.
pub(crate) fn short<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("short", &a)?.borrowed();
    let n = to_long(x, "short", i64::from(i16::MIN), i64::from(i16::MAX))?;
    Ok(i.env.make_int(n)?)
}

/// `(byte x)`: as `long`, range-checked as an 8-bit byte.
pub(crate) fn byte<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("byte", &a)?.borrowed();
    let n = to_long(x, "byte", i64::from(i8::MIN), i64::from(i8::MAX))?;
    Ok(i.env.make_int(n)?)
}

/// `(bigint x)` / `(biginteger x)`: a bigint, truncating doubles and
/// ratios.
pub(crate) fn bigint<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("bigint", &a)?.borrowed();
    if let Ok(text) = x.as_str() {
        // Java's `new BigInteger(s)`: an optional sign, then decimal digits.
        let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
        let parsed = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| {
                text.strip_prefix('+')
                    .unwrap_or(text)
                    .parse::<BigInt>()
                    .ok()
            })
            .flatten();
        return match parsed {
            Some(b) => make_big(i, &b),
            None => Err(crate::error::EvalError::new(
                crate::error::EvalErrorKind::NumberFormat(format!("For input string: \"{text}\"")),
            )),
        };
    }
    let b = match ctor_arg(x, "java.math.BigInteger")? {
        // `BigDecimal.valueOf(double)`'s error.
        Num::Float(f) if !f.is_finite() => {
            return Err(crate::error::EvalError::new(
                crate::error::EvalErrorKind::NumberFormat("Infinite or NaN".into()),
            ));
        }
        Num::Float(f) => to_big(&rational_of_double(f.trunc())?),
        n => to_big(&n),
    };
    make_big(i, &b)
}

/// The number `x`, given to the constructor of `class` (`bigint`'s and
/// `bigdec`'s last resort, `(BigInteger. x)`): nil is a
/// `NullPointerException`, a value of another type finds no constructor
/// (an `IllegalArgumentException`).
pub(crate) fn ctor_arg(x: Ref<'_>, class: &str) -> EvalResult<Num> {
    num(x).map_err(|e| match e.kind {
        crate::error::EvalErrorKind::ClassCast(_) => {
            crate::error::EvalError::new(crate::error::EvalErrorKind::IllegalArgument(format!(
                "No matching ctor found for class {class}"
            )))
        }
        _ => e,
    })
}

/// `(num x)`: `x`, which must be a number.
pub(crate) fn num_fn<'e>(_: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("num", &a)?;
    // `(num nil)` is nil, as Clojure's `(Number) x`.
    if !x.borrowed().is_nil() {
        num(x.borrowed())?;
    }
    Ok(x.clone())
}

/// `(char x)`: the character of code point `x` (or `x` itself).
pub(crate) fn char_fn<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("char", &a)?.borrowed();
    if let View::Char(_) = x.view()? {
        return Ok(i.env.own(x)?);
    }
    // NaN is out of range, as for a double the compiler sees (Clojure's
    // `RT.charCast(double)` of a literal; a boxed NaN would give \u0000).
    if let View::Float(f) = x.view()?
        && f.is_nan()
    {
        return Err(illegal("Value out of range for char: NaN".into()));
    }
    // A Java char: 16 bits (a lone surrogate is no character evelisp holds).
    let n = to_long(x, "char", 0, 0xFFFF)?;
    let c = u32::try_from(n)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| illegal(format!("Value out of range for char: {n}")))?;
    Ok(i.env.make_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::java_str_cmp;
    use crate::natives::numbers::arithmetic::quot_rem;
    use std::cmp::Ordering;

    fn big(i: i64) -> BigInt {
        BigInt::from(i)
    }

    fn shown(n: &Num) -> String {
        match n {
            Num::Int(i) => format!("{i}"),
            Num::Big(b) => format!("{b}N"),
            Num::Ratio(n, d) => format!("{n}/{d}"),
            Num::Float(f) => format!("{f:?}"),
            Num::Decimal(d) => format!("{}M", evelisp_reader::format_bigdecimal(d)),
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
        let dec = |u: i64, scale: i64| {
            Num::Decimal(crate::decimal::Decimal {
                unscaled: big(u),
                scale,
            })
        };
        // As Clojure 1.11: a decimal with a long, bigint or ratio is a
        // decimal (Java's scale), a double wins.
        assert_eq!(add(&dec(15, 1), &Num::Int(1)).ok().as_deref(), Some("2.5M"));
        assert_eq!(add(&dec(15, 1), &half).ok().as_deref(), Some("2.0M"));
        assert_eq!(
            add(&dec(15, 1), &Num::Float(1.5)).ok().as_deref(),
            Some("3.0")
        );
        assert!(add(&dec(1, 0), &Num::Ratio(big(1), big(3))).is_err());
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
        assert_eq!(
            num_cmp(&third, &Num::Float(0.5)).ok().flatten(),
            Some(Ordering::Less)
        );
        assert_eq!(
            num_cmp(&Num::Int(1), &Num::Float(f64::NAN)).ok().flatten(),
            None
        );
        assert_eq!(
            num_cmp(&Num::Big(big(2)), &Num::Int(2)).ok().flatten(),
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
