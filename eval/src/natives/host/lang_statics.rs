//! More static methods of `java.lang` classes, beside `statics.rs`:
//! `String/format String/join`, `Character/toString valueOf digit
//! getNumericValue isSpaceChar isISOControl`, `Double/toString compare`,
//! `Long/compare signum bitCount`, `Integer/compare signum bitCount`, and
//! the rest of `java.lang.Math` (Java 17's): the exact integer operations
//! (`ArithmeticException` "long overflow" / "integer overflow", as Java),
//! `ulp nextUp nextDown nextAfter copySign getExponent scalb
//! IEEEremainder fma multiplyHigh multiplyFull absExact`.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::natives::host::statics::to_f64;
use crate::natives::strings::clojure_string::str_of;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value, View};

natives! {
    /// Java's String.format: fmt filled with args (or the elements of one
    /// collection given instead, as Clojure passes an Object array).
    #[arglists = "([fmt & args])"]
    "String/format" => string_format;
    /// The strings of elements (a collection, or the remaining arguments)
    /// joined with delimiter between them.
    #[arglists = "([delimiter elements] [delimiter e & more])"]
    "String/join" => string_join;
    /// The one-character string of c.
    #[arglists = "([c])"]
    "Character/toString" => |i, a| { let c = char_arg("Character/toString", &a)?; Ok(i.env().make_string(&c.to_string())?) };
    /// The character c itself.
    #[arglists = "([c])"]
    "Character/valueOf" => |i, a| { let c = char_arg("Character/valueOf", &a)?; Ok(i.env().make_char(c)) };
    /// The value of the digit c in radix, or -1.
    #[arglists = "([c radix])"]
    "Character/digit" => char_digit;
    /// The numeric value of c (a digit or letter: 0-35), or -1.
    #[arglists = "([c])"]
    "Character/getNumericValue" => |i, a| { let c = char_arg("Character/getNumericValue", &a)?; Ok(i.env().make_int(c.to_digit(36).map_or(-1, i64::from))?) };
    /// Whether c is a Unicode space character.
    #[arglists = "([c])"]
    "Character/isSpaceChar" => |i, a| { let c = char_arg("Character/isSpaceChar", &a)?; Ok(i.env().make_bool(matches!(c, ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'))) };
    /// Whether c is an ISO control character.
    #[arglists = "([c])"]
    "Character/isISOControl" => |i, a| { let c = char_arg("Character/isISOControl", &a)?; Ok(i.env().make_bool(c.is_control())) };
    /// The string of the double d, as Java prints it.
    #[arglists = "([d])"]
    "Double/toString" => |i, a| { let d = to_f64(i, one("Double/toString", &a)?)?; Ok(i.env().make_string(&evelisp_reader::format_double(d))?) };
    /// -1, 0 or 1 as a is below, equal to or above b (doubles).
    #[arglists = "([a b])"]
    "Double/compare" => |i, a| { let [x, y] = two("Double/compare", &a)?; let (x, y) = (to_f64(i, x)?, to_f64(i, y)?); Ok(i.env().make_int(x.total_cmp(&y) as i64)?) };
    /// -1, 0 or 1 as a is below, equal to or above b.
    #[arglists = "([a b])"]
    "Long/compare" => |i, a| { let [x, y] = two("Long/compare", &a)?; Ok(i.env().make_int(long(x)?.cmp(&long(y)?) as i64)?) };
    /// -1, 0 or 1 as a is below, equal to or above b.
    #[arglists = "([a b])"]
    "Integer/compare" => |i, a| { let [x, y] = two("Integer/compare", &a)?; Ok(i.env().make_int(long(x)?.cmp(&long(y)?) as i64)?) };
    /// The sign of n: -1, 0 or 1.
    #[arglists = "([n])"]
    "Long/signum" => |i, a| { Ok(i.env().make_int(long(one("Long/signum", &a)?)?.signum())?) };
    /// The sign of n: -1, 0 or 1.
    #[arglists = "([n])"]
    "Integer/signum" => |i, a| { Ok(i.env().make_int(long(one("Integer/signum", &a)?)?.signum())?) };
    /// The number of one bits of n (64-bit two's complement).
    #[arglists = "([n])"]
    "Long/bitCount" => |i, a| { Ok(i.env().make_int(i64::from(long(one("Long/bitCount", &a)?)?.count_ones()))?) };
    /// The number of one bits of n (32-bit two's complement).
    #[arglists = "([n])"]
    "Integer/bitCount" => |i, a| { Ok(i.env().make_int(i64::from((long(one("Integer/bitCount", &a)?)? as i32).count_ones()))?) };
    /// a + b, or an ArithmeticException on long overflow.
    #[arglists = "([a b])"]
    "Math/addExact" => |i, a| exact2(i, "Math/addExact", a, i64::checked_add);
    /// a - b, or an ArithmeticException on long overflow.
    #[arglists = "([a b])"]
    "Math/subtractExact" => |i, a| exact2(i, "Math/subtractExact", a, i64::checked_sub);
    /// a * b, or an ArithmeticException on long overflow.
    #[arglists = "([a b])"]
    "Math/multiplyExact" => |i, a| exact2(i, "Math/multiplyExact", a, i64::checked_mul);
    /// -a, or an ArithmeticException on long overflow.
    #[arglists = "([a])"]
    "Math/negateExact" => |i, a| exact1(i, "Math/negateExact", a, i64::checked_neg);
    /// a + 1, or an ArithmeticException on long overflow.
    #[arglists = "([a])"]
    "Math/incrementExact" => |i, a| exact1(i, "Math/incrementExact", a, |x| x.checked_add(1));
    /// a - 1, or an ArithmeticException on long overflow.
    #[arglists = "([a])"]
    "Math/decrementExact" => |i, a| exact1(i, "Math/decrementExact", a, |x| x.checked_sub(1));
    /// |a|, or an ArithmeticException on long overflow.
    #[arglists = "([a])"]
    "Math/absExact" => |i, a| exact1(i, "Math/absExact", a, i64::checked_abs);
    /// a as an int, or an ArithmeticException ("integer overflow") if it does not fit.
    #[arglists = "([a])"]
    "Math/toIntExact" => to_int_exact;
    /// The high 64 bits of the 128-bit product a * b.
    #[arglists = "([a b])"]
    "Math/multiplyHigh" => |i, a| { let [x, y] = two("Math/multiplyHigh", &a)?; let p = i128::from(long(x)?) * i128::from(long(y)?); Ok(i.env().make_int((p >> 64) as i64)?) };
    /// The full 64-bit product of two ints.
    #[arglists = "([a b])"]
    "Math/multiplyFull" => |i, a| { let [x, y] = two("Math/multiplyFull", &a)?; let (x, y) = (long(x)? as i32, long(y)? as i32); Ok(i.env().make_int(i64::from(x) * i64::from(y))?) };
    /// The distance from d to the next double of larger magnitude.
    #[arglists = "([d])"]
    "Math/ulp" => |i, a| float1(i, "Math/ulp", a, ulp);
    /// The next double above d.
    #[arglists = "([d])"]
    "Math/nextUp" => |i, a| float1(i, "Math/nextUp", a, next_up);
    /// The next double below d.
    #[arglists = "([d])"]
    "Math/nextDown" => |i, a| float1(i, "Math/nextDown", a, |x| -next_up(-x));
    /// The next double after start toward direction.
    #[arglists = "([start direction])"]
    "Math/nextAfter" => |i, a| float2(i, "Math/nextAfter", a, next_after);
    /// magnitude with the sign of sign.
    #[arglists = "([magnitude sign])"]
    "Math/copySign" => |i, a| float2(i, "Math/copySign", a, f64::copysign);
    /// The IEEE 754 remainder of a / b.
    #[arglists = "([a b])"]
    "Math/IEEEremainder" => |i, a| float2(i, "Math/IEEEremainder", a, ieee_remainder);
    /// d * 2^n, as a double.
    #[arglists = "([d n])"]
    "Math/scalb" => |i, a| { let [x, n] = two("Math/scalb", &a)?; let (x, n) = (to_f64(i, x)?, long(n)?); Ok(i.env().make_float(x * 2f64.powi(n.clamp(-2000, 2000) as i32))?) };
    /// The unbiased exponent of d.
    #[arglists = "([d])"]
    "Math/getExponent" => |i, a| { let d = to_f64(i, one("Math/getExponent", &a)?)?; Ok(i.env().make_int((((d.to_bits() >> 52) & 0x7ff) as i64) - 1023)?) };
    /// a * b + c with one rounding.
    #[arglists = "([a b c])"]
    "Math/fma" => math_fma;
}

fn one<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args {
        [x] => Ok(x),
        _ => Err(arity(name, args.len())),
    }
}

fn two<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<[&'a Value<'e>; 2]> {
    match args {
        [x, y] => Ok([x, y]),
        _ => Err(arity(name, args.len())),
    }
}

fn long(v: &Value<'_>) -> EvalResult<i64> {
    match v.borrowed().view()? {
        View::Int(n) => Ok(n),
        _ => Err(class_cast("a long", v.borrowed())),
    }
}

fn char_arg(name: &str, args: &[Value<'_>]) -> EvalResult<char> {
    let c = one(name, args)?;
    match c.borrowed().view()? {
        View::Char(c) => Ok(c),
        View::Int(n) => {
            char::from_u32(n as u32).ok_or_else(|| class_cast("a character", c.borrowed()))
        }
        _ => Err(class_cast("a character", c.borrowed())),
    }
}

fn overflow(what: &str) -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic(format!("{what} overflow")))
}

fn exact1<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(i64) -> Option<i64>,
) -> EvalResult<Value<'e>> {
    let x = long(one(name, &args)?)?;
    Ok(i.env().make_int(f(x).ok_or_else(|| overflow("long"))?)?)
}

fn exact2<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(i64, i64) -> Option<i64>,
) -> EvalResult<Value<'e>> {
    let [x, y] = two(name, &args)?;
    Ok(i.env()
        .make_int(f(long(x)?, long(y)?).ok_or_else(|| overflow("long"))?)?)
}

fn to_int_exact<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = long(one("Math/toIntExact", &args)?)?;
    let n = i32::try_from(x).map_err(|_| overflow("integer"))?;
    Ok(i.env().make_int(i64::from(n))?)
}

fn float1<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(f64) -> f64,
) -> EvalResult<Value<'e>> {
    let x = to_f64(i, one(name, &args)?)?;
    Ok(i.env().make_float(f(x))?)
}

fn float2<'e>(
    i: &Interp<'e>,
    name: &str,
    args: Args<'e>,
    f: fn(f64, f64) -> f64,
) -> EvalResult<Value<'e>> {
    let [x, y] = two(name, &args)?;
    Ok(i.env().make_float(f(to_f64(i, x)?, to_f64(i, y)?))?)
}

fn math_fma<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, b, c] = &args[..] else {
        return Err(arity("Math/fma", args.len()));
    };
    let (a, b, c) = (to_f64(i, a)?, to_f64(i, b)?, to_f64(i, c)?);
    Ok(i.env().make_float(a.mul_add(b, c))?)
}

/// The next double above `x` (NaN stays NaN, +Inf stays +Inf).
fn next_up(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == 0.0 {
        return f64::from_bits(1);
    }
    let b = x.to_bits();
    f64::from_bits(if x > 0.0 { b + 1 } else { b - 1 })
}

fn next_after(start: f64, direction: f64) -> f64 {
    if start.is_nan() || direction.is_nan() {
        f64::NAN
    } else if direction > start {
        next_up(start)
    } else if direction < start {
        -next_up(-start)
    } else {
        direction
    }
}

fn ulp(x: f64) -> f64 {
    let a = x.abs();
    if a.is_nan() {
        return a;
    }
    if a.is_infinite() {
        return f64::INFINITY;
    }
    if a == f64::MAX {
        return a - (-next_up(-a));
    }
    next_up(a) - a
}

fn ieee_remainder(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() || a.is_infinite() || b == 0.0 {
        return f64::NAN;
    }
    if b.is_infinite() {
        return a;
    }
    let n = (a / b).round_ties_even();
    let r = a - n * b;
    if r == 0.0 { 0.0f64.copysign(a) } else { r }
}

/// The arguments of a varargs Java method: the elements of one sequential
/// collection given alone (as Clojure passes an array), else `args`.
fn spread<'e>(i: &Interp<'e>, args: &[Value<'e>]) -> EvalResult<Vec<Value<'e>>> {
    if let [one] = args
        && matches!(
            one.borrowed().view()?,
            View::Vector { .. } | View::List { .. } | View::Seq { .. }
        )
    {
        return i.seq_iter(i.seq_value(one.borrowed())?).collect();
    }
    Ok(args.to_vec())
}

fn string_format<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((fmt, rest)) = args.split_first() else {
        return Err(arity("String/format", 0));
    };
    let fmt = str_of(i, fmt.borrowed())?;
    let rest = spread(i, rest)?;
    let refs: Vec<Ref<'_>> = rest.iter().map(Value::borrowed).collect();
    let text = crate::natives::strings::format::format_text(i, &fmt, &refs)?;
    Ok(i.env().make_string(&text)?)
}

fn string_join<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((sep, rest)) = args.split_first() else {
        return Err(arity("String/join", 0));
    };
    let sep = str_of(i, sep.borrowed())?;
    let items = if let [one] = rest
        && !matches!(one.borrowed().view()?, View::Str(_))
    {
        i.seq_iter(i.seq_value(one.borrowed())?)
            .collect::<EvalResult<Vec<_>>>()?
    } else {
        rest.to_vec()
    };
    let mut out = String::new();
    for (k, x) in items.iter().enumerate() {
        if k > 0 {
            out.push_str(&sep);
        }
        if x.borrowed().is_nil() {
            out.push_str("null");
        } else {
            out.push_str(&str_of(i, x.borrowed())?);
        }
    }
    Ok(i.env().make_string(&out)?)
}

fn char_digit<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [c, radix] = two("Character/digit", &args)?;
    let c = char_arg("Character/digit", std::slice::from_ref(c))?;
    let radix = long(radix)?;
    let d = if (2..=36).contains(&radix) {
        c.to_digit(radix as u32).map_or(-1, i64::from)
    } else {
        -1
    };
    Ok(i.env().make_int(d)?)
}
