//! The host calls array code makes: `System/arraycopy` and
//! `java.util.Arrays/` `sort fill equals toString copyOf copyOfRange`, as
//! Java's (same exceptions and messages), over evelisp's arrays.

use super::array_access::{array_values, element};
use super::array_elems::{Convert, to_elem};
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use evelisp_heap::{ArrayElem, ArrayType, Kind, Ref, Value};
use std::cell::RefCell;
use std::cmp::Ordering;

natives! {
    /// Copies length elements of the array src from src-pos into the array dest
    /// at dest-pos (as if through a temporary copy, so src and dest may be the
    /// same array); nil.
    #[arglists = "([src src-pos dest dest-pos length])"]
    "System/arraycopy" => arraycopy;
    /// Sorts the array a in place (ascending; objects by compare, or by the
    /// comparator c; stable), or its elements from (inclusive) to to.
    #[arglists = "([a] [a c] [a from to] [a from to c])"]
    "java.util.Arrays/sort" => sort;
    /// Sets every element of the array a (or those from from to to) to val.
    #[arglists = "([a val] [a from to val])"]
    "java.util.Arrays/fill" => fill;
    /// Whether the arrays a and b have equal elements in the same order (both
    /// nil is true).
    #[arglists = "([a b])"]
    "java.util.Arrays/equals" => equals;
    /// The elements of the array a as Java shows them: \"[1, 2, 3]\".
    #[arglists = "([a])"]
    "java.util.Arrays/toString" => to_string;
    /// A new array of the type of a holding its first n elements (zeros or nil
    /// past its end).
    #[arglists = "([a n])"]
    "java.util.Arrays/copyOf" => copy_of;
    /// A new array of the type of a holding its elements from (inclusive) to
    /// to (zeros or nil past its end).
    #[arglists = "([a from to])"]
    "java.util.Arrays/copyOfRange" => copy_of_range;
}

fn store_error(msg: String) -> EvalError {
    EvalError::new(EvalErrorKind::ArrayStore(msg))
}

fn index_error(msg: String) -> EvalError {
    EvalError::new(EvalErrorKind::ArrayIndexOutOfBounds(msg))
}

/// Java's name of an array's type in messages: `int[]`, `java.lang.Object[]`.
fn type_name(a: Ref<'_>) -> EvalResult<String> {
    let (ty, _) = a.array_type()?;
    Ok(match ty.primitive_name() {
        Some(p) => format!("{p}[]"),
        None => {
            let c = a.array_component()?;
            let c = if c.is_nil() {
                "java.lang.Object"
            } else {
                c.symbol_parts()?.1
            };
            format!("{c}[]")
        }
    })
}

/// `x` as an array for `name`, or Java's error.
fn array<'a>(name: &str, x: Ref<'a>) -> EvalResult<(ArrayType, u64)> {
    if matches!(x.kind()?, Some(Kind::Array)) {
        return Ok(x.array_type()?);
    }
    if x.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
            "{name} of nil"
        ))));
    }
    Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "No matching method {name} found for {}",
        crate::print::pr_str(x)?
    ))))
}

/// An integer argument (an index or a length).
fn int(x: Ref<'_>) -> EvalResult<i64> {
    match to_elem(ArrayType::Int, x, Convert::Store)? {
        ArrayElem::Int(n) => Ok(i64::from(n)),
        _ => Err(crate::print::class_cast("an int", x)),
    }
}

/// `(System/arraycopy src src-pos dest dest-pos length)`.
fn arraycopy<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [src, sp, dst, dp, n] = &args[..] else {
        return Err(arity("System/arraycopy", args.len()));
    };
    let (src, dst) = (src.borrowed(), dst.borrowed());
    for (x, which) in [(src, "source"), (dst, "destination")] {
        if x.is_nil() {
            return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
                "arraycopy: {which} is nil"
            ))));
        }
        if !matches!(x.kind()?, Some(Kind::Array)) {
            let class = crate::natives::host::classes::class_name(x)?.unwrap_or_default();
            return Err(store_error(format!(
                "arraycopy: {which} type {class} is not an array"
            )));
        }
    }
    let ((sty, slen), (dty, dlen)) = (src.array_type()?, dst.array_type()?);
    if sty != dty {
        return Err(store_error(format!(
            "arraycopy: type mismatch: can not copy {} into {}",
            type_name(src)?,
            type_name(dst)?
        )));
    }
    let (sp, dp, n) = (int(sp.borrowed())?, int(dp.borrowed())?, int(n.borrowed())?);
    if n < 0 {
        return Err(index_error(format!("arraycopy: length {n} is negative")));
    }
    for (pos, len, a, which) in [(sp, slen, src, "source"), (dp, dlen, dst, "destination")] {
        if pos < 0 {
            return Err(index_error(format!(
                "arraycopy: {which} index {pos} out of bounds for {}",
                sized_name(a, len)?
            )));
        }
        if (pos + n) as u64 > len {
            return Err(index_error(format!(
                "arraycopy: last {which} index {} out of bounds for {}",
                pos + n,
                sized_name(a, len)?
            )));
        }
    }
    let (sp, dp, n) = (sp as u64, dp as u64, n as u64);
    if sty != ArrayType::Object {
        let elems = (sp..sp + n)
            .map(|j| Ok(src.array_prim(j)?))
            .collect::<EvalResult<Vec<_>>>()?;
        for (k, e) in elems.into_iter().enumerate() {
            i.env.array_set_prim(dst, dp + k as u64, e)?;
        }
        return Ok(Value::nil(i.env));
    }
    let elems = (sp..sp + n)
        .map(|j| element(i, src, j))
        .collect::<EvalResult<Vec<_>>>()?;
    let c = dst.array_component()?;
    for (k, x) in elems.into_iter().enumerate() {
        if !c.is_nil()
            && !x.borrowed().is_nil()
            && !crate::natives::host::classes::instance_of(i, c.symbol_parts()?.1, x.borrowed())?
        {
            return Err(store_error(format!(
                "arraycopy: element type mismatch: can not cast one of the elements of {} to the type of the destination array, {}",
                type_name(src)?,
                c.symbol_parts()?.1
            )));
        }
        i.env.array_set(&i.p, dst, dp + k as u64, x)?;
    }
    Ok(Value::nil(i.env))
}

/// `int[3]`: an array's type and length, for messages.
fn sized_name(a: Ref<'_>, len: u64) -> EvalResult<String> {
    let t = type_name(a)?;
    Ok(format!("{}[{len}]", t.trim_end_matches("[]")))
}

/// A range `from..to` of an array of `len`, checked as Java's `rangeCheck`.
fn range(from: i64, to: i64, len: u64) -> EvalResult<(u64, u64)> {
    if from > to {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "fromIndex({from}) > toIndex({to})"
        ))));
    }
    if from < 0 {
        return Err(index_error(format!("Array index out of range: {from}")));
    }
    if to as u64 > len {
        return Err(index_error(format!("Array index out of range: {to}")));
    }
    Ok((from as u64, to as u64))
}

/// `(java.util.Arrays/sort a)` and its ranges and comparators.
fn sort<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (a, bounds, cmp) = match &args[..] {
        [a] => (a, None, None),
        [a, c] => (a, None, Some(c)),
        [a, f, t] => (a, Some((f, t)), None),
        [a, f, t, c] => (a, Some((f, t)), Some(c)),
        _ => return Err(arity("java.util.Arrays/sort", args.len())),
    };
    let a = a.borrowed();
    let (ty, len) = array("sort", a)?;
    let (from, to) = match bounds {
        Some((f, t)) => range(int(f.borrowed())?, int(t.borrowed())?, len)?,
        None => (0, len),
    };
    if ty != ArrayType::Object {
        if cmp.is_some() {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(
                "No matching method sort found: a comparator sorts object arrays only".into(),
            )));
        }
        let mut elems = (from..to)
            .map(|j| Ok(a.array_prim(j)?))
            .collect::<EvalResult<Vec<_>>>()?;
        elems.sort_by(prim_order);
        for (k, e) in elems.into_iter().enumerate() {
            i.env.array_set_prim(a, from + k as u64, e)?;
        }
        return Ok(Value::nil(i.env));
    }
    let mut items = (from..to)
        .map(|j| element(i, a, j))
        .collect::<EvalResult<Vec<_>>>()?;
    let failed: RefCell<Option<EvalError>> = RefCell::new(None);
    items.sort_by(|x, y| {
        if failed.borrow().is_some() {
            return Ordering::Equal;
        }
        let ord = match cmp {
            None => crate::compare::compare_values(x.borrowed(), y.borrowed()).map(|n| n.cmp(&0)),
            Some(f) => super::sorting::order(i, f.borrowed(), x, y),
        };
        ord.unwrap_or_else(|e| {
            *failed.borrow_mut() = Some(e);
            Ordering::Equal
        })
    });
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    for (k, x) in items.into_iter().enumerate() {
        i.env.array_set(&i.p, a, from + k as u64, x)?;
    }
    Ok(Value::nil(i.env))
}

/// Java's order of primitive elements: numbers ascending, `-0.0` before
/// `0.0` and NaN last (`Double.compare`), `false` before `true`.
fn prim_order(x: &ArrayElem, y: &ArrayElem) -> Ordering {
    match (x, y) {
        (ArrayElem::Long(a), ArrayElem::Long(b)) => a.cmp(b),
        (ArrayElem::Int(a), ArrayElem::Int(b)) => a.cmp(b),
        (ArrayElem::Short(a), ArrayElem::Short(b)) => a.cmp(b),
        (ArrayElem::Byte(a), ArrayElem::Byte(b)) => a.cmp(b),
        (ArrayElem::Char(a), ArrayElem::Char(b)) => a.cmp(b),
        (ArrayElem::Boolean(a), ArrayElem::Boolean(b)) => a.cmp(b),
        (ArrayElem::Double(a), ArrayElem::Double(b)) => java_double_cmp(*a, *b),
        (ArrayElem::Float(a), ArrayElem::Float(b)) => java_double_cmp(f64::from(*a), f64::from(*b)),
        _ => Ordering::Equal,
    }
}

/// `Double.compare`: NaN above everything (all NaNs equal), `-0.0` below
/// `0.0`.
fn java_double_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.total_cmp(&b),
    }
}

/// `(java.util.Arrays/fill a val)` / `(java.util.Arrays/fill a from to val)`.
fn fill<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (a, bounds, v) = match &args[..] {
        [a, v] => (a, None, v),
        [a, f, t, v] => (a, Some((f, t)), v),
        _ => return Err(arity("java.util.Arrays/fill", args.len())),
    };
    let a = a.borrowed();
    let (ty, len) = array("fill", a)?;
    let (from, to) = match bounds {
        Some((f, t)) => range(int(f.borrowed())?, int(t.borrowed())?, len)?,
        None => (0, len),
    };
    if ty == ArrayType::Object {
        let c = a.array_component()?;
        if !c.is_nil()
            && !v.borrowed().is_nil()
            && !crate::natives::host::classes::instance_of(i, c.symbol_parts()?.1, v.borrowed())?
        {
            let class = crate::natives::host::classes::class_name(v.borrowed())?;
            return Err(store_error(class.unwrap_or_default()));
        }
        for j in from..to {
            i.env.array_set(&i.p, a, j, v.clone())?;
        }
    } else {
        let e = to_elem(ty, v.borrowed(), Convert::Store)?;
        for j in from..to {
            i.env.array_set_prim(a, j, e)?;
        }
    }
    Ok(Value::nil(i.env))
}

/// `(java.util.Arrays/equals a b)`.
fn equals<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, b] = &args[..] else {
        return Err(arity("java.util.Arrays/equals", args.len()));
    };
    let (a, b) = (a.borrowed(), b.borrowed());
    if a.is_nil() || b.is_nil() {
        return Ok(i.env.make_bool(a.is_nil() && b.is_nil()));
    }
    let ((ta, la), (tb, lb)) = (array("equals", a)?, array("equals", b)?);
    if ta != tb || la != lb {
        return Ok(i.env.make_bool(false));
    }
    for j in 0..la {
        let same = if ta == ArrayType::Object {
            let (x, y) = (element(i, a, j)?, element(i, b, j)?);
            i.equiv(x.borrowed(), y.borrowed())?
        } else {
            // As Java: doubles by their bits (NaN equals NaN, 0.0 not -0.0).
            match (a.array_prim(j)?, b.array_prim(j)?) {
                (ArrayElem::Double(x), ArrayElem::Double(y)) => {
                    canonical_bits(x) == canonical_bits(y)
                }
                (ArrayElem::Float(x), ArrayElem::Float(y)) => {
                    canonical_bits(f64::from(x)) == canonical_bits(f64::from(y))
                }
                (x, y) => x == y,
            }
        };
        if !same {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}

/// `Double.doubleToLongBits`: the bits, every NaN as one.
fn canonical_bits(f: f64) -> u64 {
    if f.is_nan() {
        f64::NAN.to_bits()
    } else {
        f.to_bits()
    }
}

/// `(java.util.Arrays/toString a)`: `[1, 2, 3]`; `"null"` for nil.
fn to_string<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = one("java.util.Arrays/toString", &args)?.borrowed();
    if a.is_nil() {
        return Ok(i.env.make_string("null")?);
    }
    array("toString", a)?;
    let mut out = String::from("[");
    for (j, x) in array_values(i, a)?.into_iter().enumerate() {
        if j > 0 {
            out.push_str(", ");
        }
        if x.borrowed().is_nil() {
            out.push_str("null");
        } else {
            i.push_str_of(x.borrowed(), &mut out)?;
        }
    }
    out.push(']');
    Ok(i.env.make_string(&out)?)
}

/// A new array like `a` (type and component) of `len` elements, holding
/// `a`'s elements from `from` (as many as there are).
fn copy_range<'e>(i: &Interp<'e>, a: Ref<'_>, from: u64, len: i64) -> EvalResult<Value<'e>> {
    let (ty, alen) = a.array_type()?;
    let len = u64::try_from(len)
        .map_err(|_| EvalError::new(EvalErrorKind::NegativeArraySize(len.to_string())))?;
    let out = i.env.make_array(ty, len, a.array_component()?)?;
    for (k, j) in (from..alen.min(from.saturating_add(len))).enumerate() {
        if ty == ArrayType::Object {
            i.env
                .array_set(&i.p, out.borrowed(), k as u64, element(i, a, j)?)?;
        } else {
            i.env
                .array_set_prim(out.borrowed(), k as u64, a.array_prim(j)?)?;
        }
    }
    Ok(out)
}

/// `(java.util.Arrays/copyOf a n)`.
fn copy_of<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, n] = &args[..] else {
        return Err(arity("java.util.Arrays/copyOf", args.len()));
    };
    let a = a.borrowed();
    array("copyOf", a)?;
    copy_range(i, a, 0, int(n.borrowed())?)
}

/// `(java.util.Arrays/copyOfRange a from to)`.
fn copy_of_range<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, f, t] = &args[..] else {
        return Err(arity("java.util.Arrays/copyOfRange", args.len()));
    };
    let a = a.borrowed();
    let (_, len) = array("copyOfRange", a)?;
    let (f, t) = (int(f.borrowed())?, int(t.borrowed())?);
    if f > t {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "{f} > {t}"
        ))));
    }
    if f < 0 || f as u64 > len {
        return Err(index_error(format!("Array index out of range: {f}")));
    }
    copy_range(i, a, f as u64, t - f)
}
