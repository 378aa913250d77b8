//! Number literals: parsing Clojure's integer, ratio, double and decimal
//! syntax, and printing doubles and decimals the way Clojure does (Java's
//! `Double.toString` and `BigDecimal.toString`).

use crate::error::ReadErrorKind;
use crate::form::{BigDecimal, FormKind};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

/// Parses a token that starts with a digit, or a sign and a digit.
/// The longest number literal the reader accepts. Converting digits to a
/// big integer (and reducing a ratio) costs more than linear time, so a
/// multi-megabyte literal is refused rather than taking minutes.
pub const MAX_NUMBER_LEN: usize = 10_000;

pub(crate) fn parse(text: &str) -> Result<FormKind, ReadErrorKind> {
    if text.len() > MAX_NUMBER_LEN {
        let start: String = text.chars().take(20).collect();
        return Err(ReadErrorKind::NumberTooLong(start, MAX_NUMBER_LEN));
    }
    let invalid = || ReadErrorKind::InvalidNumber(text.to_string());
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = |v: BigInt| if negative { -v } else { v };

    if let Some((n, d)) = body.split_once('/') {
        if !all_digits(n) || !all_digits(d) {
            return Err(invalid());
        }
        let n: BigInt = n.parse().map_err(|_| invalid())?;
        let d: BigInt = d.parse().map_err(|_| invalid())?;
        if d.is_zero() {
            return Err(ReadErrorKind::DivideByZero(text.to_string()));
        }
        let ratio = BigRational::new(signed(n), d);
        return Ok(if ratio.is_integer() {
            integer(ratio.to_integer())
        } else {
            FormKind::Ratio(ratio)
        });
    }

    if let Some((radix, digits)) = split_radix(body) {
        let radix: u32 = radix.parse().map_err(|_| invalid())?;
        if !(2..=36).contains(&radix) {
            return Err(ReadErrorKind::InvalidRadix(text.to_string()));
        }
        let v = BigInt::parse_bytes(digits.as_bytes(), radix).ok_or_else(invalid)?;
        return Ok(integer(signed(v)));
    }

    let (int_body, big) = match body.strip_suffix('N') {
        Some(b) => (b, true),
        None => (body, false),
    };
    let int_value = if int_body == "0" {
        Some(BigInt::zero())
    } else if let Some(hex) = int_body
        .strip_prefix("0x")
        .or_else(|| int_body.strip_prefix("0X"))
    {
        // `parse_bytes` would also take `_` and a sign: check the digits first.
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        Some(BigInt::parse_bytes(hex.as_bytes(), 16).ok_or_else(invalid)?)
    } else if let Some(oct) = int_body.strip_prefix('0').filter(|o| all_digits(o)) {
        Some(BigInt::parse_bytes(oct.as_bytes(), 8).ok_or_else(invalid)?)
    } else if all_digits(int_body) {
        Some(int_body.parse().map_err(|_| invalid())?)
    } else {
        None
    };
    if let Some(v) = int_value {
        let v = signed(v);
        return Ok(if big { FormKind::BigInt(v) } else { integer(v) });
    }
    if big {
        return Err(invalid());
    }

    let (float_body, decimal) = match body.strip_suffix('M') {
        Some(b) => (b, true),
        None => (body, false),
    };
    let parts = float_parts(float_body).ok_or_else(invalid)?;
    if decimal {
        let digits = format!("{}{}", parts.int, parts.frac);
        let unscaled: BigInt = digits.parse().map_err(|_| invalid())?;
        // Like Java's BigDecimal, the scale must fit in 32 bits.
        let exp: i64 = parts.exp.parse().map_err(|_| invalid())?;
        let scale = i64::try_from(parts.frac.len())
            .ok()
            .and_then(|frac| frac.checked_sub(exp))
            .filter(|s| i32::try_from(*s).is_ok())
            .ok_or_else(|| ReadErrorKind::ScaleOutOfRange(text.to_string()))?;
        return Ok(FormKind::BigDecimal(BigDecimal {
            unscaled: signed(unscaled),
            scale,
        }));
    }
    let v: f64 = format!("{}.{}e{}", parts.int, parts.frac, parts.exp)
        .parse()
        .map_err(|_| invalid())?;
    Ok(FormKind::Float(if negative { -v } else { v }))
}

/// An integer as `Int` when it fits in 64 bits, else `BigInt`.
fn integer(v: BigInt) -> FormKind {
    match v.to_i64() {
        Some(i) => FormKind::Int(i),
        None => FormKind::BigInt(v),
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `NNrDIGITS` with a one- or two-digit radix not starting with 0.
fn split_radix(body: &str) -> Option<(&str, &str)> {
    let i = body.find(['r', 'R'])?;
    let (radix, digits) = (&body[..i], &body[i + 1..]);
    let radix_ok = (1..=2).contains(&radix.len()) && all_digits(radix) && !radix.starts_with('0');
    let digits_ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_alphanumeric());
    (radix_ok && digits_ok).then_some((radix, digits))
}

struct FloatParts<'a> {
    int: &'a str,
    frac: &'a str,
    exp: &'a str,
}

/// Splits `DIGITS[.DIGITS*][(e|E)[+-]DIGITS]`.
fn float_parts(s: &str) -> Option<FloatParts<'_>> {
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => {
            let exp = &s[i + 1..];
            let unsigned = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if !all_digits(unsigned) {
                return None;
            }
            (&s[..i], exp)
        }
        None => (s, "0"),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    if !all_digits(int) || !(frac.is_empty() || all_digits(frac)) {
        return None;
    }
    Some(FloatParts { int, frac, exp })
}

/// Formats a double as Clojure prints it: `1.0`, `-0.5`, `1.0E10`,
/// `1.0E-5`, `##Inf`, `##-Inf`, `##NaN`, always with the shortest digits
/// that read back to the same value.
pub fn format_double(v: f64) -> String {
    if v.is_nan() {
        return "##NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "##Inf" } else { "##-Inf" }.to_string();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e6". Java
    // always shows two digits (`d.d`), and when one is enough it shows the
    // two closest to the exact value: `4.9E-324`, not `5.0E-324`.
    let sci = format!("{v:e}");
    if !sci.contains('.') {
        let two = format!("{v:.1e}");
        if !two.contains(".0e") && two.parse::<f64>() == Ok(v) {
            return java_layout(&two);
        }
    }
    java_layout(&sci)
}

/// Formats a 32-bit float as Clojure prints one (Java's `Float.toString`):
/// the shortest digits that read back to the same float, laid out as
/// [`format_double`] lays out a double (`(float 1/3)` is `0.33333334`).
pub fn format_float(v: f32) -> String {
    if v.is_nan() || v.is_infinite() || v == 0.0 {
        return format_double(f64::from(v));
    }
    let sci = format!("{v:e}");
    if !sci.contains('.') {
        // The exact value's two closest digits (`1.4E-45`), as Java.
        let two = format!("{:.1e}", f64::from(v));
        if !two.contains(".0e") && two.parse::<f32>() == Ok(v) {
            return java_layout(&two);
        }
    }
    java_layout(&even_on_tie(&sci, f64::from(v), |t| {
        t.parse::<f32>() == Ok(v)
    }))
}

/// Shortest digits `sci` (Rust's `{:e}` of `v`), or the candidate one
/// below them in the last digit when that reads back too (`reads_back`)
/// and lies as close to `v`, with an even last digit: Java's rule for two
/// shortest candidates (`264545.62`, where Rust gives `264545.63`).
fn even_on_tie(sci: &str, v: f64, reads_back: impl Fn(&str) -> bool) -> String {
    let Some((mantissa, exp)) = sci.split_once('e') else {
        return sci.to_string();
    };
    let (Ok(exp), negative) = (exp.parse::<i64>(), mantissa.starts_with('-')) else {
        return sci.to_string();
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let (Ok(c), true) = (digits.parse::<u64>(), digits.len() > 1) else {
        return sci.to_string();
    };
    if c % 2 == 0 {
        return sci.to_string();
    }
    // The candidates are c·10^q and its neighbours (as magnitudes).
    let q = exp - (digits.len() as i64 - 1);
    // |v| = m·2^k exactly; distances compared in integers.
    let bits = v.abs().to_bits();
    let (field, frac) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    let (m, k) = if field == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, field - 1075)
    };
    let pow = |base: u32, e: i64| num_traits::pow(BigInt::from(base), e as usize);
    let (tens, twos) = (pow(10, (-q).max(0)), pow(2, (-k).max(0)));
    let exact = BigInt::from(m) * pow(2, k.max(0)) * &tens;
    let distance = |c: u64| {
        let d = BigInt::from(c) * pow(10, q.max(0)) * &twos - &exact;
        if d < BigInt::zero() { -d } else { d }
    };
    for alt in [c - 1, c + 1] {
        let alt_digits = alt.to_string();
        if alt_digits.len() != digits.len() {
            continue;
        }
        let alt_sci = format!(
            "{}{}.{}e{exp}",
            if negative { "-" } else { "" },
            &alt_digits[..1],
            &alt_digits[1..]
        );
        if reads_back(&alt_sci) && distance(alt) <= distance(c) {
            return alt_sci;
        }
    }
    sci.to_string()
}

/// Java's layout of shortest digits given as Rust's `{:e}` text.
fn java_layout(sci: &str) -> String {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::from(sign);
    if (-3..7).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', point - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if digits.len() > 1 { &digits[1..] } else { "0" });
        out.push('E');
        out.push_str(&exp.to_string());
    }
    out
}

/// Formats a decimal as Java's `BigDecimal.toString` does (without the `M`):
/// plain notation unless the scale is negative or the number is very small,
/// then scientific (`1E+3`, `1.23E-8`).
pub fn format_bigdecimal(d: &BigDecimal) -> String {
    let negative = d.unscaled < BigInt::zero();
    let digits = d.unscaled.magnitude().to_string();
    let sign = if negative { "-" } else { "" };
    if d.scale == 0 {
        return format!("{sign}{digits}");
    }
    // i128: a hand-built scale may be anywhere in i64.
    let ndigits = digits.len() as i128;
    let scale = i128::from(d.scale);
    let adjusted = -scale + (ndigits - 1);
    if scale > 0 && adjusted >= -6 {
        let point = ndigits - scale;
        return if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            format!("{sign}{int}.{frac}")
        } else {
            let zeros = "0".repeat((-point) as usize);
            format!("{sign}0.{zeros}{digits}")
        };
    }
    let mantissa = if digits.len() > 1 {
        format!("{}.{}", &digits[..1], &digits[1..])
    } else {
        digits
    };
    let exp_sign = if adjusted >= 0 { "+" } else { "" };
    format!("{sign}{mantissa}E{exp_sign}{adjusted}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_java() {
        let cases = [
            (1.0, "1.0"),
            (-0.5, "-0.5"),
            (1e10, "1.0E10"),
            (1e7, "1.0E7"),
            (9999999.0, "9999999.0"),
            (0.001, "0.001"),
            (0.0001, "1.0E-4"),
            (123.456, "123.456"),
            (1.2345e-10, "1.2345E-10"),
            (f64::MAX, "1.7976931348623157E308"),
            (100.0, "100.0"),
            (f64::from_bits(1), "4.9E-324"),
            (0.1, "0.1"),
            (0.3, "0.3"),
        ];
        for (v, s) in cases {
            assert_eq!(format_double(v), s, "{v:?}");
        }
    }

    /// Each as Clojure 1.11 prints `(float x)`.
    #[test]
    fn floats_print_like_java() {
        let cases = [
            (1.0 / 3.0, "0.33333334"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.0e7, "1.0E7"),
            (1.0e10, "1.0E10"),
            (12_345_678.0, "1.2345678E7"),
            (0.001, "0.001"),
            (1.0e-4, "1.0E-4"),
            (f32::from_bits(1), "1.4E-45"),
            (-0.0, "-0.0"),
            (f32::NAN, "##NaN"),
            (f32::INFINITY, "##Inf"),
            // Two shortest candidates as close: the even one, as Java.
            (-264_545.64, "-264545.62"),
            (358_240.13, "358240.12"),
        ];
        for (v, s) in cases {
            assert_eq!(format_float(v), s, "{v:?}");
        }
    }

    #[test]
    fn decimals_print_like_java() {
        let d = |u: i64, scale| BigDecimal {
            unscaled: BigInt::from(u),
            scale,
        };
        assert_eq!(format_bigdecimal(&d(150, 2)), "1.50");
        assert_eq!(format_bigdecimal(&d(1, -3)), "1E+3");
        assert_eq!(format_bigdecimal(&d(15, -2)), "1.5E+3");
        assert_eq!(format_bigdecimal(&d(5, 3)), "0.005");
        assert_eq!(format_bigdecimal(&d(-123, 10)), "-1.23E-8");
        assert_eq!(format_bigdecimal(&d(-7, 0)), "-7");
    }
}
