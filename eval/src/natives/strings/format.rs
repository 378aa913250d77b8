//! String natives of `clojure.core`: `subs`, `format` and `printf`, and
//! `print-str`, `println-str`, `prn-str`.
//!
//! `format` follows Java's `String.format` for the conversions scripts use
//! (`%s %S %d %o %x %X %e %E %f %g %G %c %b %B %n %%`, argument indices
//! `%2$s` and `%<s`, flags `- 0 + , ( # space`, width and precision).
//! Floats are rounded half-up from their shortest decimal form, as Java
//! does (`(format "%.2f" 0.125)` is `"0.13"`); as in Java, `%d` takes only
//! integers and `%f` only floats.

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::native_registry::args;
use crate::natives::strings::clojure_string::str_of;
use crate::numeric_tower::int_cast;
use evelisp_heap::{Ref, Value, View};

natives! {
    /// The substring of s from index start (inclusive) to end (exclusive,
    /// default the end of s).
    #[arglists = "([s start] [s start end])"]
    "subs" => subs;
    /// The string fmt with its format specifiers (%s, %d, %.2f, ...) replaced
    /// by the args, as Java's String.format.
    #[arglists = "([fmt & args])"]
    "format" => format;
    /// Prints (apply format fmt args) to *out*, without a newline.
    #[arglists = "([fmt & args])"]
    "printf" => printf;
}

/// `(subs s start)` / `(subs s start end)`: the characters from `start`
/// (inclusive) to `end` (exclusive, default the end).
fn subs<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (s, start, end) = match &args[..] {
        [s, start] => (s, start, None),
        [s, start, end] => (s, start, Some(end)),
        _ => return Err(arity("clojure.core/subs", args.len())),
    };
    let s = string_arg(s.borrowed(), "subs")?;
    let chars: Vec<char> = s.chars().collect();
    let start = int_cast(start.borrowed())?;
    let end = match end {
        Some(e) => int_cast(e.borrowed())?,
        None => chars.len() as i64,
    };
    if start < 0 || end < start || end as usize > chars.len() {
        return Err(EvalError::new(EvalErrorKind::StringIndexOutOfBounds(
            format!("begin {start}, end {end}, length {}", chars.len()),
        )));
    }
    let text: String = chars[start as usize..end as usize].iter().collect();
    Ok(i.env().make_string(&text)?)
}

/// `(format fmt & args)`: Java's `String.format` (see the module docs).
fn format<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((fmt, rest)) = args.split_first() else {
        return Err(arity("clojure.core/format", 0));
    };
    let fmt = string_arg(fmt.borrowed(), "format")?;
    let rest: Vec<Ref<'_>> = rest.iter().map(Value::borrowed).collect();
    Ok(i.env().make_string(&format_text(i, &fmt, &rest)?)?)
}

/// `(printf fmt & args)`: prints `(format fmt args...)` with `print`.
fn printf<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let text = format(i, args)?;
    let env = i.env();
    let p = i.participant();
    let ns = env.intern_symbol(None, "clojure.core")?;
    let ns = env.namespace(p, ns.borrowed())?;
    let name = env.intern_symbol(None, "print")?;
    let var = env.intern_var(p, ns.borrowed(), name.borrowed())?;
    i.apply(var.borrowed(), args![text])
}

/// The string argument `x` of `name` (a `^String` parameter in Clojure):
/// nil is a `NullPointerException`, anything but a string a
/// `ClassCastException`.
pub(crate) fn string_arg(x: Ref<'_>, name: &str) -> EvalResult<String> {
    match x.view()? {
        View::Str(s) => Ok(s.to_string()),
        View::Nil => Err(EvalError::new(EvalErrorKind::NullPointer(format!(
            "{name} of nil, where a string is needed"
        )))),
        _ => Err(EvalError::new(EvalErrorKind::ClassCast(format!(
            "class {} cannot be cast to class java.lang.String",
            class_name(x)?
        )))),
    }
}

fn illegal(message: String) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(message))
}

/// The Java class name of `v`, for conversion errors.
fn class_name(v: Ref<'_>) -> EvalResult<&'static str> {
    Ok(match v.view()? {
        View::Int(_) => "java.lang.Long",
        View::Float(_) => "java.lang.Double",
        View::Float32(_) => "java.lang.Float",
        View::BigDecimal { .. } => "java.math.BigDecimal",
        View::Str(_) => "java.lang.String",
        View::Char(_) => "java.lang.Character",
        View::Bool(_) => "java.lang.Boolean",
        View::BigInt { .. } => "clojure.lang.BigInt",
        View::Ratio { .. } => "clojure.lang.Ratio",
        View::Keyword { .. } => "clojure.lang.Keyword",
        View::Symbol { .. } => "clojure.lang.Symbol",
        View::Pattern(_) => "java.util.regex.Pattern",
        _ => "java.lang.Object",
    })
}

/// One format specifier's flags, width and precision.
#[derive(Default)]
struct Spec {
    left: bool,
    alt: bool,
    plus: bool,
    space: bool,
    zero: bool,
    group: bool,
    paren: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

/// Java's `String.format` of `fmt` with `args`.
pub(crate) fn format_text(i: &Interp<'_>, fmt: &str, args: &[Ref<'_>]) -> EvalResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut next_arg = 0usize;
    let mut last_arg: Option<usize> = None;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        k += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let start = k - 1;
        // Argument index: `n$` or `<`.
        let mut explicit: Option<usize> = None;
        let mut relative = false;
        let digits_end = (k..chars.len())
            .find(|&j| !chars[j].is_ascii_digit())
            .unwrap_or(chars.len());
        if digits_end > k && chars.get(digits_end) == Some(&'$') {
            let n: usize = chars[k..digits_end]
                .iter()
                .collect::<String>()
                .parse()
                .map_err(|_| illegal(format!("Illegal format argument index in {fmt}")))?;
            explicit = Some(n);
            k = digits_end + 1;
        } else if chars.get(k) == Some(&'<') {
            relative = true;
            k += 1;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.get(k) {
            match f {
                '-' => spec.left = true,
                '#' => spec.alt = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                ',' => spec.group = true,
                '(' => spec.paren = true,
                _ => break,
            }
            k += 1;
        }
        let number = |k: &mut usize| {
            let begin = *k;
            while chars.get(*k).is_some_and(char::is_ascii_digit) {
                *k += 1;
            }
            (*k > begin).then(|| {
                chars[begin..*k]
                    .iter()
                    .collect::<String>()
                    .parse::<usize>()
                    .unwrap_or(usize::MAX)
            })
        };
        spec.width = number(&mut k);
        if chars.get(k) == Some(&'.') {
            k += 1;
            spec.precision =
                Some(number(&mut k).ok_or_else(|| illegal(format!("Illegal precision in {fmt}")))?);
        }
        let Some(&conv) = chars.get(k) else {
            return Err(illegal(format!(
                "Format specifier '{}' is incomplete",
                chars[start..].iter().collect::<String>()
            )));
        };
        k += 1;
        let spec_text: String = chars[start..k].iter().collect();
        if (spec.left || spec.zero) && spec.width.is_none() {
            return Err(illegal(format!(
                "Missing width in format specifier '{spec_text}'"
            )));
        }
        let text = match conv {
            'n' => "\n".to_string(),
            '%' => "%".to_string(),
            _ => {
                let index = if relative {
                    last_arg
                } else if let Some(n) = explicit {
                    n.checked_sub(1)
                } else {
                    next_arg += 1;
                    Some(next_arg - 1)
                };
                let arg = index.and_then(|n| args.get(n).copied()).ok_or_else(|| {
                    illegal(format!("Format specifier '{spec_text}' has no argument"))
                })?;
                last_arg = index;
                convert(i, conv, &spec, arg, &spec_text)?
            }
        };
        pad(&mut out, &text, &spec);
    }
    Ok(out)
}

/// Appends `text` padded to the spec's width (on the right when `-`).
fn pad(out: &mut String, text: &str, spec: &Spec) {
    let len = text.chars().count();
    let fill = spec.width.unwrap_or(0).saturating_sub(len);
    if spec.left {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', fill));
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(text);
    }
}

/// The text of one conversion (before padding to the width, except for
/// numbers padded with zeros).
fn convert(
    i: &Interp<'_>,
    conv: char,
    spec: &Spec,
    arg: Ref<'_>,
    spec_text: &str,
) -> EvalResult<String> {
    let upper = conv.is_ascii_uppercase();
    let mismatch = || -> EvalResult<String> {
        Err(illegal(format!(
            "{} != {}",
            conv.to_ascii_lowercase(),
            class_name(arg)?
        )))
    };
    let truncate = |s: String| match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s,
    };
    let text = match conv.to_ascii_lowercase() {
        's' => truncate(if arg.is_nil() {
            "null".to_string()
        } else {
            str_of(i, arg)?
        }),
        'b' => truncate(
            match arg.view()? {
                View::Nil => "false",
                View::Bool(b) => {
                    if b {
                        "true"
                    } else {
                        "false"
                    }
                }
                _ => "true",
            }
            .to_string(),
        ),
        'c' => match arg.view()? {
            View::Nil => "null".to_string(),
            View::Char(c) => c.to_string(),
            View::Int(n) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(c) => c.to_string(),
                None => return Err(illegal(format!("Code point = 0x{n:x}"))),
            },
            _ => return mismatch(),
        },
        'd' => match integer_digits(arg)? {
            Some((neg, digits)) => signed(spec, neg, digits, true),
            None if arg.is_nil() => "null".to_string(),
            None => return mismatch(),
        },
        'o' | 'x' => {
            let radix = if conv.eq_ignore_ascii_case(&'o') {
                8
            } else {
                16
            };
            let (neg, digits) = match arg.view()? {
                View::Int(n) => {
                    let u = n as u64;
                    let d = if radix == 8 {
                        std::format!("{u:o}")
                    } else {
                        std::format!("{u:x}")
                    };
                    (false, d)
                }
                View::BigInt {
                    negative,
                    magnitude,
                } => {
                    let d = radix_digits(magnitude, radix);
                    (negative, d)
                }
                View::Nil => return Ok("null".to_string()),
                _ => return mismatch(),
            };
            let prefix = match (spec.alt, radix) {
                (false, _) => "",
                (true, 8) => "0",
                (true, _) => "0x",
            };
            signed(spec, neg, std::format!("{prefix}{digits}"), false)
        }
        'e' | 'f' | 'g' => match arg.view()? {
            View::Float(x) => float(conv.to_ascii_lowercase(), spec, x),
            View::Float32(x) => float(conv.to_ascii_lowercase(), spec, f64::from(x)),
            View::BigDecimal { .. } => float(
                conv.to_ascii_lowercase(),
                spec,
                crate::numeric_tower::to_f64(&crate::numeric_tower::num(arg)?),
            ),
            View::Nil => "null".to_string(),
            _ => return mismatch(),
        },
        _ => {
            return Err(illegal(format!(
                "Conversion = '{conv}' (in '{spec_text}') is not supported"
            )));
        }
    };
    Ok(if upper { text.to_uppercase() } else { text })
}

/// The sign and decimal digits of an integer (`None` if `v` is not one).
fn integer_digits(v: Ref<'_>) -> EvalResult<Option<(bool, String)>> {
    Ok(match v.view()? {
        View::Int(n) => Some((n < 0, n.unsigned_abs().to_string())),
        View::BigInt {
            negative,
            magnitude,
        } => Some((negative, radix_digits(magnitude, 10))),
        _ => None,
    })
}

/// The digits of a little-endian magnitude in `radix`.
fn radix_digits(magnitude: &[u8], radix: u32) -> String {
    // Repeated division of the magnitude (big-endian u32 limbs).
    let mut limbs: Vec<u32> = magnitude
        .chunks(4)
        .rev()
        .map(|c| {
            c.iter()
                .rev()
                .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
        })
        .collect();
    let mut digits = Vec::new();
    while limbs.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for l in limbs.iter_mut() {
            let cur = (rem << 32) | u64::from(*l);
            *l = (cur / u64::from(radix)) as u32;
            rem = cur % u64::from(radix);
        }
        digits.push(char::from_digit(rem as u32, radix).unwrap_or('0'));
    }
    if digits.is_empty() {
        digits.push('0');
    }
    digits.iter().rev().collect()
}

/// Inserts `,` every three digits of an integer part.
fn grouped(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (n - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number's text: sign (or parentheses), grouping of the integer part
/// (`decimal` numbers only), and zero padding to the width.
fn signed(spec: &Spec, negative: bool, body: String, decimal: bool) -> String {
    let body = if spec.group && decimal {
        match body.find(|c: char| !c.is_ascii_digit()) {
            Some(at) => std::format!("{}{}", grouped(&body[..at]), &body[at..]),
            None => grouped(&body),
        }
    } else {
        body
    };
    let (pre, post) = match (negative, spec.paren) {
        (true, true) => ("(", ")"),
        (true, false) => ("-", ""),
        (false, _) if spec.plus => ("+", ""),
        (false, _) if spec.space => (" ", ""),
        _ => ("", ""),
    };
    let mut out = String::from(pre);
    if spec.zero {
        let len = pre.len() + body.chars().count() + post.len();
        let fill = spec.width.unwrap_or(0).saturating_sub(len);
        out.extend(std::iter::repeat_n('0', fill));
    }
    out.push_str(&body);
    out.push_str(post);
    out
}

/// The shortest decimal digits of `x > 0` and its decimal exponent: `x` is
/// `0.d1d2... × 10^point`.
fn shortest(x: f64) -> (Vec<u8>, i32) {
    let sci = std::format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    (digits, exp + 1)
}

/// Rounds `digits` half-up to `keep` digits; true if it carried into a new
/// leading digit (`digits` then starts with 1).
fn round_half_up(digits: &mut Vec<u8>, keep: usize) -> bool {
    if digits.len() <= keep {
        digits.resize(keep, 0);
        return false;
    }
    let up = digits[keep] >= 5;
    digits.truncate(keep);
    if !up {
        return false;
    }
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return false;
        }
    }
    digits.insert(0, 1);
    true
}

/// `%e`, `%f`, `%g` of a float.
fn float(conv: char, spec: &Spec, x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        let s = if x > 0.0 { "Infinity" } else { "-Infinity" };
        let s = if x > 0.0 && spec.plus { "+Infinity" } else { s };
        return s.to_string();
    }
    let negative = x.is_sign_negative();
    let (digits, point) = if x == 0.0 {
        (vec![0], 1)
    } else {
        shortest(x.abs())
    };
    let precision = spec.precision.unwrap_or(6);
    let body = match conv {
        'f' => fixed(digits, point, precision, spec.alt),
        'e' => scientific(digits, point, precision, spec.alt),
        _ => {
            let p = precision.max(1);
            let mut d = digits.clone();
            let mut exp = point - 1;
            if x != 0.0 && round_half_up(&mut d, p) {
                exp += 1;
            }
            if x == 0.0 || (-4..p as i32).contains(&exp) {
                let decimals = (p as i32 - 1 - exp).max(0) as usize;
                fixed(digits, point, decimals, spec.alt)
            } else {
                scientific(digits, point, p - 1, spec.alt)
            }
        }
    };
    signed(spec, negative, body, conv != 'e')
}

/// `0.digits × 10^point` with `decimals` digits after the point.
fn fixed(digits: Vec<u8>, point: i32, decimals: usize, alt: bool) -> String {
    // All digits of the integer and fraction parts, with zeros added.
    let mut all: Vec<u8> = Vec::new();
    let int_len = if point <= 0 {
        all.push(0);
        all.extend(std::iter::repeat_n(0, (-point) as usize));
        all.extend(&digits);
        1
    } else {
        let p = point as usize;
        all.extend(&digits);
        if all.len() < p {
            all.resize(p, 0);
        }
        p
    };
    let carried = round_half_up(&mut all, int_len + decimals);
    let int_len = int_len + usize::from(carried);
    let mut out: String = all[..int_len]
        .iter()
        .map(|d| char::from(b'0' + d))
        .collect();
    if decimals > 0 || alt {
        out.push('.');
    }
    out.extend(all[int_len..].iter().map(|d| char::from(b'0' + d)));
    out
}

/// `d.ddd e±xx` with `decimals` digits after the point.
fn scientific(mut digits: Vec<u8>, point: i32, decimals: usize, alt: bool) -> String {
    let zero = digits.iter().all(|&d| d == 0);
    let mut exp = if zero { 0 } else { point - 1 };
    if round_half_up(&mut digits, decimals + 1) {
        digits.truncate(decimals + 1);
        exp += 1;
    }
    let mut out = String::new();
    out.push(char::from(b'0' + digits[0]));
    if decimals > 0 || alt {
        out.push('.');
    }
    out.extend(digits[1..].iter().map(|d| char::from(b'0' + d)));
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&std::format!("{:02}", exp.unsigned_abs()));
    out
}
