//! Java's `BigDecimal` arithmetic, as Clojure's `1.5M` numbers do it: a
//! decimal is an unscaled big integer and a scale (`value = unscaled ×
//! 10^-scale`), kept as written (`1.50M` keeps its two digits).
//!
//! The scale of each result is Java's: a sum keeps the larger scale, a
//! product adds them, a quotient is exact with the preferred scale
//! `a.scale - b.scale` (stripping zeros down to it) or an
//! `ArithmeticException` when its expansion does not terminate. Under a
//! math context (`with-precision`, `*math-context*`) results are rounded to
//! its precision with its rounding mode (`round`), and quotients never
//! throw for being non-terminating.
//!
//! Written over `num-bigint` rather than the `bigdecimal` crate: that crate
//! divides to a fixed 100 digits, where Java gives the exact quotient or
//! throws, and its scales after division and its printing differ from
//! Java's; the reader already gives (unscaled, scale) pairs.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_reader::BigDecimal;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::cmp::Ordering;

/// A decimal number: the reader's `BigDecimal` (unscaled + scale).
pub(crate) type Decimal = BigDecimal;

/// Java's `RoundingMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rounding {
    Up,
    Down,
    Ceiling,
    Floor,
    HalfUp,
    HalfDown,
    HalfEven,
    Unnecessary,
}

impl Rounding {
    /// The mode named `name` (`HALF_UP`, ...).
    pub(crate) fn from_name(name: &str) -> Option<Rounding> {
        Some(match name {
            "UP" => Rounding::Up,
            "DOWN" => Rounding::Down,
            "CEILING" => Rounding::Ceiling,
            "FLOOR" => Rounding::Floor,
            "HALF_UP" => Rounding::HalfUp,
            "HALF_DOWN" => Rounding::HalfDown,
            "HALF_EVEN" => Rounding::HalfEven,
            "UNNECESSARY" => Rounding::Unnecessary,
            _ => return None,
        })
    }

    /// Its Java name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Rounding::Up => "UP",
            Rounding::Down => "DOWN",
            Rounding::Ceiling => "CEILING",
            Rounding::Floor => "FLOOR",
            Rounding::HalfUp => "HALF_UP",
            Rounding::HalfDown => "HALF_DOWN",
            Rounding::HalfEven => "HALF_EVEN",
            Rounding::Unnecessary => "UNNECESSARY",
        }
    }
}

/// Java's `MathContext`: a precision in digits (0: exact) and a rounding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MathContext {
    pub(crate) precision: u32,
    pub(crate) rounding: Rounding,
}

pub(crate) fn arithmetic(message: &str) -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic(message.into()))
}

fn non_terminating() -> EvalError {
    arithmetic("Non-terminating decimal expansion; no exact representable decimal result.")
}

fn dec(unscaled: BigInt, scale: i64) -> EvalResult<Decimal> {
    if i32::try_from(scale).is_err() {
        return Err(arithmetic(if scale > 0 { "Underflow" } else { "Overflow" }));
    }
    Ok(Decimal { unscaled, scale })
}

fn pow10(n: u64) -> BigInt {
    num_traits::pow(BigInt::from(10), n as usize)
}

/// The number of decimal digits of `b` (1 for zero), Java's `precision`.
pub(crate) fn digits(b: &BigInt) -> u64 {
    if b.is_zero() {
        1
    } else {
        b.magnitude().to_string().len() as u64
    }
}

/// A decimal of an integer (scale 0).
pub(crate) fn of_integer(b: BigInt) -> Decimal {
    Decimal {
        unscaled: b,
        scale: 0,
    }
}

/// `n / d` rounded to an integer with `mode` (`d` not zero); the mode
/// `UNNECESSARY` fails when the division is not exact.
fn round_div(n: &BigInt, d: &BigInt, mode: Rounding) -> EvalResult<BigInt> {
    let (q, r) = n.div_rem(d); // truncates toward zero
    if r.is_zero() {
        return Ok(q);
    }
    let negative = (n.sign() == Sign::Minus) != (d.sign() == Sign::Minus);
    let away = match mode {
        Rounding::Unnecessary => return Err(arithmetic("Rounding necessary")),
        Rounding::Up => true,
        Rounding::Down => false,
        Rounding::Ceiling => !negative,
        Rounding::Floor => negative,
        Rounding::HalfUp | Rounding::HalfDown | Rounding::HalfEven => {
            match (r.abs() * 2u8).cmp(&d.abs()) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => match mode {
                    Rounding::HalfUp => true,
                    Rounding::HalfDown => false,
                    _ => q.is_odd(),
                },
            }
        }
    };
    Ok(if !away {
        q
    } else if negative {
        q - 1
    } else {
        q + 1
    })
}

/// `x` with its trailing zeros stripped while its scale is above
/// `preferred`.
fn strip_to(mut unscaled: BigInt, mut scale: i64, preferred: i64) -> (BigInt, i64) {
    let ten = BigInt::from(10);
    while scale > preferred && !unscaled.is_zero() {
        let (q, r) = unscaled.div_rem(&ten);
        if !r.is_zero() {
            break;
        }
        unscaled = q;
        scale -= 1;
    }
    if unscaled.is_zero() && scale > preferred {
        scale = preferred;
    }
    (unscaled, scale)
}

/// `x` rounded to the precision of `mc` (Java's `round`); unchanged under
/// no context or precision 0.
pub(crate) fn round(x: Decimal, mc: Option<&MathContext>) -> EvalResult<Decimal> {
    let Some(mc) = mc.filter(|mc| mc.precision > 0) else {
        return Ok(x);
    };
    let p = u64::from(mc.precision);
    let n = digits(&x.unscaled);
    if n <= p {
        return Ok(x);
    }
    let drop = n - p;
    let mut q = round_div(&x.unscaled, &pow10(drop), mc.rounding)?;
    let mut scale = x.scale - drop as i64;
    if digits(&q) > p {
        // 999.. rounded up to 1000..: one digit too many, all zeros.
        q /= 10;
        scale -= 1;
    }
    dec(q, scale)
}

/// `a` and `b` at their common (larger) scale.
fn aligned(a: &Decimal, b: &Decimal) -> (BigInt, BigInt, i64) {
    let scale = a.scale.max(b.scale);
    let up = |d: &Decimal| &d.unscaled * pow10((scale - d.scale) as u64);
    (up(a), up(b), scale)
}

/// `a + b`, exact (the larger scale).
pub(crate) fn add(a: &Decimal, b: &Decimal) -> EvalResult<Decimal> {
    let (x, y, scale) = aligned(a, b);
    dec(x + y, scale)
}

/// `a - b`, exact.
pub(crate) fn sub(a: &Decimal, b: &Decimal) -> EvalResult<Decimal> {
    let (x, y, scale) = aligned(a, b);
    dec(x - y, scale)
}

/// `a × b`, exact (the scales add).
pub(crate) fn mul(a: &Decimal, b: &Decimal) -> EvalResult<Decimal> {
    dec(&a.unscaled * &b.unscaled, a.scale + b.scale)
}

/// Numeric order (`1.5M` and `1.50M` are equal).
pub(crate) fn cmp(a: &Decimal, b: &Decimal) -> Ordering {
    let (x, y, _) = aligned(a, b);
    x.cmp(&y)
}

/// The exact rational `n/d` as a decimal (Java's `divide` of the two
/// as decimals of scale 0), rounded under `mc`; non-terminating without
/// one is an `ArithmeticException`.
pub(crate) fn of_ratio(n: &BigInt, d: &BigInt, mc: Option<&MathContext>) -> EvalResult<Decimal> {
    divide(&of_integer(n.clone()), &of_integer(d.clone()), mc)
}

/// `a / b` as Java's `BigDecimal.divide` (with a math context when `mc`
/// has a precision): the caller has refused a zero `b`.
pub(crate) fn divide(a: &Decimal, b: &Decimal, mc: Option<&MathContext>) -> EvalResult<Decimal> {
    if b.unscaled.is_zero() {
        return Err(arithmetic("Divide by zero"));
    }
    let preferred = (a.scale - b.scale).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    if a.unscaled.is_zero() {
        return dec(BigInt::zero(), preferred);
    }
    // value = (ua / ub) × 10^-preferred
    let (ua, ub) = (&a.unscaled, &b.unscaled);
    let Some(mc) = mc.filter(|mc| mc.precision > 0) else {
        // Exact: ub / gcd must be 2^i 5^j; then value = q × 10^-(k + preferred).
        let g = ua.gcd(ub);
        let (n, mut d) = (ua / &g, ub / &g);
        if d.is_negative() {
            d = -d;
            return exact_quotient(-n, d, preferred);
        }
        return exact_quotient(n, d, preferred);
    };
    let p = u64::from(mc.precision);
    // Find the scale s where trunc(value × 10^s) has exactly p digits,
    // then round there.
    let scaled = |s: i64| -> (BigInt, BigInt) {
        let k = s - preferred;
        if k >= 0 {
            (ua * pow10(k as u64), ub.clone())
        } else {
            (ua.clone(), ub * pow10((-k) as u64))
        }
    };
    let estimate = digits(ua) as i64 - digits(ub) as i64 - preferred;
    let mut s = p as i64 - estimate;
    loop {
        let (n, d) = scaled(s);
        let t = digits(&(&n / &d));
        if (&n / &d).is_zero() || t < p {
            s += 1;
        } else if t > p {
            s -= 1;
        } else {
            break;
        }
    }
    let (n, d) = scaled(s);
    if (&n % &d).is_zero() {
        // Exact: the trailing zeros go, down to the preferred scale.
        let (q, s) = strip_to(n / d, s, preferred);
        return dec(q, s);
    }
    // Rounded: Java keeps all `p` digits (`-1.0E-11`, not `-1E-11`).
    let mut q = round_div(&n, &d, mc.rounding)?;
    if digits(&q) > p {
        q /= 10;
        s -= 1;
    }
    dec(q, s)
}

/// `n/d` (lowest terms, `d` > 0) as an exact decimal with the smallest
/// scale at or above `preferred`.
fn exact_quotient(n: BigInt, d: BigInt, preferred: i64) -> EvalResult<Decimal> {
    let (mut twos, mut fives, mut rest) = (0u64, 0u64, d.clone());
    let (two, five) = (BigInt::from(2), BigInt::from(5));
    while rest.is_even() {
        rest /= &two;
        twos += 1;
    }
    while (&rest % &five).is_zero() {
        rest /= &five;
        fives += 1;
    }
    if !rest.is_one() {
        return Err(non_terminating());
    }
    let k = twos.max(fives);
    let q = n * (pow10(k) / d);
    let (q, s) = strip_to(q, k as i64 + preferred, preferred);
    dec(q, s)
}

/// Java's `divideToIntegralValue` (Clojure's `quot`): the integer part
/// of `a / b` with the preferred scale `a.scale - b.scale`; under a
/// precision too small for it, `ArithmeticException: Division impossible`.
pub(crate) fn quot(a: &Decimal, b: &Decimal, mc: Option<&MathContext>) -> EvalResult<Decimal> {
    if b.unscaled.is_zero() {
        return Err(arithmetic("Divide by zero"));
    }
    let preferred = (a.scale - b.scale).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    let (x, y, _) = aligned(a, b);
    let t = x / y; // truncates toward zero
    if let Some(mc) = mc.filter(|mc| mc.precision > 0) {
        let p = u64::from(mc.precision);
        if !t.is_zero() && digits(&t) > p {
            return Err(arithmetic("Division impossible"));
        }
        if preferred > 0 {
            let room = (p - digits(&t).min(p)) as i64;
            let s = room.min(preferred);
            return dec(t * pow10(s as u64), s);
        }
    }
    if preferred >= 0 {
        return dec(t * pow10(preferred as u64), preferred);
    }
    let (q, s) = strip_to(t, 0, preferred);
    dec(q, s)
}

/// Java's `remainder` (Clojure's `rem`): `a - quot(a, b) × b`.
pub(crate) fn rem(a: &Decimal, b: &Decimal, mc: Option<&MathContext>) -> EvalResult<Decimal> {
    let q = quot(a, b, mc)?;
    sub(a, &mul(&q, b)?)
}

/// `-x`.
pub(crate) fn negate(x: &Decimal) -> Decimal {
    Decimal {
        unscaled: -&x.unscaled,
        scale: x.scale,
    }
}

/// The integer part of `x` (toward zero).
pub(crate) fn to_integer(x: &Decimal) -> BigInt {
    if x.scale <= 0 {
        &x.unscaled * pow10((-x.scale) as u64)
    } else {
        &x.unscaled / pow10(x.scale as u64)
    }
}

/// `x` as a fraction `n/d` in lowest terms, `d` > 0.
pub(crate) fn to_fraction(x: &Decimal) -> (BigInt, BigInt) {
    if x.scale <= 0 {
        return (to_integer(x), BigInt::one());
    }
    let d = pow10(x.scale as u64);
    let g = x.unscaled.gcd(&d);
    (&x.unscaled / &g, d / g)
}

/// The double nearest `x` (Java's `doubleValue`: correctly rounded).
pub(crate) fn to_f64(x: &Decimal) -> f64 {
    format!("{}e{}", x.unscaled, -x.scale)
        .parse()
        .unwrap_or(f64::NAN)
}

/// `BigDecimal.valueOf(double)`: the decimal of the double's shortest
/// text (`Double.toString`), so `(bigdec 0.1)` is `0.1M`.
pub(crate) fn of_f64(f: f64) -> EvalResult<Decimal> {
    if !f.is_finite() {
        return Err(EvalError::new(EvalErrorKind::NumberFormat(
            "Infinite or NaN".into(),
        )));
    }
    parse(&evelisp_reader::format_double(f))
        .ok_or_else(|| EvalError::new(EvalErrorKind::NumberFormat(format!("Bad double {f}"))))
}

/// Java's `new BigDecimal(String)`: `[+-]digits[.digits][e[+-]digits]`.
pub(crate) fn parse(text: &str) -> Option<Decimal> {
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (negative, mantissa) = match mantissa.as_bytes().first() {
        Some(b'-') => (true, &mantissa[1..]),
        Some(b'+') => (false, &mantissa[1..]),
        _ => (false, mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits: BigInt = format!("{int}{frac}").parse().ok()?;
    let scale = frac.len() as i64 - exp;
    i32::try_from(scale).ok()?;
    Some(Decimal {
        unscaled: if negative { -digits } else { digits },
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse(s).expect("a decimal")
    }

    fn show(x: EvalResult<Decimal>) -> String {
        match x {
            Ok(x) => evelisp_reader::format_bigdecimal(&x),
            Err(e) => e.to_string(),
        }
    }

    fn mc(precision: u32, rounding: Rounding) -> MathContext {
        MathContext {
            precision,
            rounding,
        }
    }

    /// Every expected value below is what Clojure 1.11 on the JVM gives.
    #[test]
    fn quotients_take_javas_scale() {
        let q = |a: &str, b: &str| show(divide(&d(a), &d(b), None));
        assert_eq!(q("1", "8"), "0.125");
        assert_eq!(q("100", "4"), "25");
        assert_eq!(q("1.00", "2"), "0.50");
        assert_eq!(q("100", "0.1"), "1.00E+3");
        assert_eq!(q("0.00", "2.5"), "0.0");
        assert!(q("1", "3").contains("Non-terminating"));
        let p = |a: &str, b: &str, m: MathContext| show(divide(&d(a), &d(b), Some(&m)));
        assert_eq!(p("1", "3", mc(10, Rounding::HalfUp)), "0.3333333333");
        assert_eq!(p("100", "3", mc(1, Rounding::HalfUp)), "3E+1");
        assert_eq!(p("99.96", "1", mc(3, Rounding::HalfUp)), "100");
        assert_eq!(p("-1", "3", mc(3, Rounding::Floor)), "-0.334");
        assert_eq!(p("1", "8", mc(2, Rounding::HalfEven)), "0.12");
        assert_eq!(p("0.5", "4", mc(2, Rounding::HalfUp)), "0.13");
        assert_eq!(
            p("16", "-1.55069418146E+12", mc(2, Rounding::HalfDown)),
            "-1.0E-11"
        );
        assert_eq!(p("1", "4", mc(10, Rounding::HalfUp)), "0.25");
    }

    #[test]
    fn integral_quotients_and_rounding() {
        let q = |a: &str, b: &str| show(quot(&d(a), &d(b), None));
        assert_eq!(q("7.5", "2"), "3.0");
        assert_eq!(q("1", "0.001"), "1E+3");
        assert_eq!(q("10", "3.0"), "3");
        assert_eq!(q("1.50", "2"), "0.00");
        assert_eq!(show(rem(&d("10"), &d("3.0"), None)), "1.0");
        let r = |x: &str, m: MathContext| show(round(d(x), Some(&m)));
        assert_eq!(r("12345", mc(2, Rounding::HalfUp)), "1.2E+4");
        assert_eq!(r("1.25", mc(2, Rounding::HalfEven)), "1.2");
        assert_eq!(r("2.99", mc(2, Rounding::HalfUp)), "3.0");
    }
}
