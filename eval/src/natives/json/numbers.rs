//! JSON numbers as the Clojure libraries give them: an integer is a long,
//! or past 64 bits a big integer (clojure.data.json: a `clojure.lang.BigInt`,
//! `12345678901234567890N`; cheshire: Jackson's `java.math.BigInteger`);
//! a number with a fraction or exponent is a double, or with `:bigdec` a
//! `BigDecimal` of exactly the digits written (`1e3` is `1E+3M`).

use evelisp_heap::{Env, Result, Value};
use num_bigint::{BigInt, Sign};

/// How a parse makes numbers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumberMode {
    /// Non-integers as `BigDecimal`s (else doubles).
    pub bigdec: bool,
    /// Integers past 64 bits as `java.math.BigInteger` (cheshire) rather
    /// than `clojure.lang.BigInt` (clojure.data.json).
    pub biginteger: bool,
}

/// The value of the number `text` (valid JSON number syntax), `integral`
/// when it has neither fraction nor exponent.
pub(crate) fn number_value<'e>(
    env: &'e Env,
    text: &str,
    integral: bool,
    mode: NumberMode,
) -> Result<Value<'e>> {
    if integral {
        if text.len() <= 18 {
            return env.make_int(small_integer(text));
        }
        if let Ok(n) = text.parse::<i64>() {
            return env.make_int(n);
        }
        return big_integer(env, text, mode.biginteger);
    }
    if mode.bigdec {
        return big_decimal(env, text);
    }
    // Rust's parse is correctly rounded; out of range gives ±infinity,
    // as Java's `Double.parseDouble`.
    env.make_float(text.parse::<f64>().unwrap_or(f64::NAN))
}

/// An integer of at most 18 digits (and a sign): fits in an i64.
fn small_integer(text: &str) -> i64 {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    let n = digits
        .bytes()
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    if negative { -n } else { n }
}

/// An integer past 64 bits.
fn big_integer<'e>(env: &'e Env, text: &str, biginteger: bool) -> Result<Value<'e>> {
    let n: BigInt = text.parse().unwrap_or_default();
    let (sign, magnitude) = n.to_bytes_le();
    let negative = sign == Sign::Minus;
    if biginteger {
        env.make_biginteger(negative, &magnitude)
    } else {
        env.make_bigint(negative, &magnitude)
    }
}

/// The `BigDecimal` of the digits written: unscaled value the digits
/// without the point, scale the fraction's length minus the exponent (as
/// Java's `new BigDecimal(String)`).
fn big_decimal<'e>(env: &'e Env, text: &str) -> Result<Value<'e>> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let unscaled: BigInt = digits.parse().unwrap_or_default();
    let scale = i64::try_from(fraction.len()).unwrap_or(0) - exponent;
    let scale = i32::try_from(scale).unwrap_or(if scale < 0 { i32::MIN } else { i32::MAX });
    let (sign, magnitude) = unscaled.to_bytes_le();
    // `-0.0` keeps no sign as a BigDecimal (Java's has none for zero).
    env.make_bigdecimal(sign == Sign::Minus, &magnitude, scale)
}
