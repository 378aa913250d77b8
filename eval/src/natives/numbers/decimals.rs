//! Decimals and 32-bit floats: `bigdec`, `float`, `unchecked-float`, the
//! math context of `with-precision` (`evelisp.math/math-context`, and
//! `Interp::math_context`, which reads `*math-context*` for the decimal
//! arithmetic of the other number natives).
//!
//! A math context is the map `{:precision n, :rounding :HALF_UP}` (Java's
//! `MathContext` as plain data: it is bound per thread, never shared).

use crate::decimal::{self, Decimal, MathContext, Rounding};
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::{one, two};
use crate::numeric_tower::*;
use evelisp_heap::{Ref, Value, View};

natives! {
    /// x as a BigDecimal: a decimal as it is, a double by its printed digits
    /// ((bigdec 0.1) is 0.1M), a ratio divided out (under *math-context*,
    /// else exactly: a non-terminating one is an ArithmeticException), an
    /// integer with scale 0, a string parsed as Java's BigDecimal does.
    #[arglists = "([x])"]
    "bigdec" => bigdec;
    /// The number x as a 32-bit float (java.lang.Float); an
    /// IllegalArgumentException when beyond the float range.
    #[arglists = "([x])"]
    "float" => float;
    /// The number x as a 32-bit float, infinite when beyond its range.
    #[arglists = "([x])"]
    "unchecked-float" => unchecked_float;
    /// The math context with-precision binds *math-context* to: precision
    /// digits (0: exact) rounded with rounding, a keyword naming a
    /// java.math.RoundingMode (:HALF_UP, :HALF_EVEN, :HALF_DOWN, :UP, :DOWN,
    /// :CEILING, :FLOOR, :UNNECESSARY).
    #[arglists = "([precision rounding])"]
    "evelisp.math/math-context" => math_context_fn;
}

impl<'e> Interp<'e> {
    /// The math context decimal arithmetic runs under: `*math-context*`
    /// on this thread (nil: none, every result exact).
    pub(crate) fn math_context(&self) -> EvalResult<Option<MathContext>> {
        let Some(v) = self.core_dynamic("*math-context*")? else {
            return Ok(None);
        };
        let bad = || {
            EvalError::new(EvalErrorKind::IllegalArgument(
                "*math-context* must be nil or a math context (with-precision makes one)".into(),
            ))
        };
        let key = |name: &str| -> EvalResult<Option<Value<'e>>> {
            let k = self.env.intern_keyword(None, name)?;
            Ok(v.borrowed()
                .get(k.borrowed())?
                .map(|r| self.env.own(r))
                .transpose()?)
        };
        let precision = key("precision")?
            .and_then(|p| p.borrowed().as_i64().ok())
            .and_then(|p| u32::try_from(p).ok())
            .ok_or_else(bad)?;
        let rounding = match key("rounding")? {
            Some(r) => rounding_of(r.borrowed()).ok_or_else(bad)?,
            None => Rounding::HalfUp,
        };
        Ok(Some(MathContext {
            precision,
            rounding,
        }))
    }
}

/// The rounding mode a keyword or symbol names.
fn rounding_of(r: Ref<'_>) -> Option<Rounding> {
    match r.view().ok()? {
        View::Keyword { ns: None, name } | View::Symbol { ns: None, name } => {
            Rounding::from_name(name)
        }
        _ => None,
    }
}

/// `(evelisp.math/math-context precision rounding)`.
pub(crate) fn math_context_fn<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let (p, r) = two("evelisp.math/math-context", &a)?;
    let precision = p
        .borrowed()
        .as_i64()
        .ok()
        .filter(|p| (0..=i64::from(i32::MAX)).contains(p))
        .ok_or_else(|| illegal("Digits < 0".into()))?;
    let rounding = rounding_of(r.borrowed()).ok_or_else(|| {
        illegal(format!(
            "No rounding mode {}: one of :UP :DOWN :CEILING :FLOOR :HALF_UP :HALF_DOWN :HALF_EVEN :UNNECESSARY",
            crate::print::pr_str(r.borrowed()).unwrap_or_default()
        ))
    })?;
    let env = i.env;
    let mut m = env.empty_map()?;
    for (k, v) in [
        (
            env.intern_keyword(None, "precision")?,
            env.make_int(precision)?,
        ),
        (
            env.intern_keyword(None, "rounding")?,
            env.intern_keyword(None, rounding.name())?,
        ),
    ] {
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed())?;
    }
    Ok(m)
}

/// `(bigdec x)`.
pub(crate) fn bigdec<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("bigdec", &a)?;
    let d: Decimal = match x.borrowed().view()? {
        View::BigDecimal { .. } => return Ok(x.clone()),
        View::Str(s) => decimal::parse(s).ok_or_else(|| {
            // Java's message names the first character that cannot be in one.
            let message = match s
                .chars()
                .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
            {
                Some(c) => format!(
                    "Character {c} is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark."
                ),
                None => format!("Not a decimal number: {s}"),
            };
            EvalError::new(EvalErrorKind::NumberFormat(message))
        })?,
        _ => match super::coercion::ctor_arg(x.borrowed(), "java.math.BigDecimal")? {
            Num::Ratio(n, d) => {
                let mc = i.math_context()?;
                decimal::of_ratio(&n, &d, mc.as_ref())?
            }
            n => to_decimal(&n, None)?,
        },
    };
    make_decimal(i, &d)
}

/// Java's `Float.MAX_VALUE`, as the double Clojure compares with.
const FLOAT_MAX: f64 = f32::MAX as f64;

/// `(float x)`: a 32-bit float; beyond `±Float/MAX_VALUE` an error, as
/// Clojure's `RT.floatCast`.
pub(crate) fn float<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("float", &a)?.borrowed();
    if let View::Float32(_) = x.view()? {
        return Ok(i.env.own(x)?);
    }
    let f = to_f64(&num(x)?);
    if !(-FLOAT_MAX..=FLOAT_MAX).contains(&f) && !f.is_nan() {
        let mut shown = String::new();
        match x.view()? {
            View::Float(f) if f.is_infinite() => {
                shown.push_str(if f > 0.0 { "Infinity" } else { "-Infinity" });
            }
            _ => i.push_str_of(x, &mut shown)?,
        }
        return Err(illegal(format!("Value out of range for float: {shown}")));
    }
    Ok(i.env.make_float32(f as f32))
}

/// `(unchecked-float x)`: a 32-bit float, infinite beyond its range.
pub(crate) fn unchecked_float<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("unchecked-float", &a)?.borrowed();
    if let View::Float32(_) = x.view()? {
        return Ok(i.env.own(x)?);
    }
    Ok(i.env.make_float32(to_f64(&num(x)?) as f32))
}
