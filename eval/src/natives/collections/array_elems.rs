//! Converting between evelisp values and Java array elements, the three
//! ways Clojure does it:
//! - [`Convert::Construct`]: the array constructors (`int-array` ...) take
//!   `Number.intValue()` and the like — longs wrap, doubles truncate and
//!   saturate; a non-number is a `ClassCastException`, nil a
//!   `NullPointerException`;
//! - [`Convert::Checked`]: `aset-int` ..., `into-array` of a primitive
//!   type: `(int x)` and the like, an out-of-range value is an error;
//! - [`Convert::Store`]: `aset`, which Clojure resolves by reflection: an
//!   int or long array takes integers (an int one range-checked: `integer
//!   overflow`), a double or float array takes floats only, a char array
//!   characters, a boolean array booleans; anything else is `No matching
//!   method aset found`. evelisp has no `Byte`/`Short` boxes, so a byte or
//!   short array takes an integer in its range.
//!
//! Read back, every integer element is a long, a float element a double,
//! a char a character.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::natives::host::classes::class_name;
use crate::numeric_tower::{Num, num, to_big, to_f64};
use evelisp_heap::{ArrayElem, ArrayType, Ref, View};

/// How a value becomes an element (see the module docs).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Convert {
    /// `Number.xValue()`, as the array constructors.
    Construct,
    /// `(int x)` ..., range-checked.
    Checked,
    /// `aset`'s reflective call.
    Store,
}

/// Java's name of the class of `x` (`java.lang.Long`), for messages.
fn java_class(x: Ref<'_>) -> EvalResult<String> {
    Ok(class_name(x)?.unwrap_or_else(|| "null".into()))
}

/// Java's message of a failed cast of `x` to class `to`.
pub(crate) fn cast_error(x: Ref<'_>, to: &str) -> EvalResult<EvalError> {
    Ok(EvalError::new(EvalErrorKind::ClassCast(format!(
        "class {} cannot be cast to class {to}",
        java_class(x)?
    ))))
}

fn no_aset() -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(
        "No matching method aset found taking 3 args".into(),
    ))
}

fn out_of_range(ty: &str, shown: String) -> EvalError {
    EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "Value out of range for {ty}: {shown}"
    )))
}

/// The low 64 bits of an integer (Java's `BigInteger.longValue()`).
fn low_bits(b: &num_bigint::BigInt) -> i64 {
    let (_, digits) = b.to_u64_digits();
    let low = digits.first().copied().unwrap_or(0);
    let v = if b.sign() == num_bigint::Sign::Minus {
        low.wrapping_neg()
    } else {
        low
    };
    v as i64
}

/// `Number.longValue()` and `Number.intValue()` (as a long before its
/// narrowing) of a number: `(long, int)`.
fn number_values(n: &Num) -> (i64, i64) {
    match n {
        Num::Int(v) => (*v, *v),
        // d2l and d2i saturate (NaN is 0); `as` does the same.
        Num::Float(f) => (*f as i64, i64::from(*f as i32)),
        other => {
            let v = low_bits(&to_big(other));
            (v, v)
        }
    }
}

/// The element of type `ty` that `x` becomes, converted as `how` says.
/// `ty` is a primitive type.
pub(crate) fn to_elem(ty: ArrayType, x: Ref<'_>, how: Convert) -> EvalResult<ArrayElem> {
    let view = x.view()?;
    match ty {
        ArrayType::Char => {
            return match view {
                View::Char(c) => Ok(ArrayElem::Char(c)),
                View::Nil if how != Convert::Store => Err(npe()),
                // `RT.charCast(Object)`: `Number.longValue()` (a double
                // saturates, NaN is 0), then range-checked.
                _ if how == Convert::Checked => {
                    let n = num(x).map_err(|_| cast_error(x, "java.lang.Number"));
                    let n = match n {
                        Ok(n) => n,
                        Err(e) => return Err(e?),
                    };
                    let (long, _) = number_values(&n);
                    u32::try_from(long)
                        .ok()
                        .filter(|c| *c <= 0xFFFF)
                        .and_then(char::from_u32)
                        .map(ArrayElem::Char)
                        .ok_or_else(|| out_of_range("char", shown(&n, long)))
                }
                _ if how == Convert::Store => Err(no_aset()),
                _ => Err(cast_error(x, "java.lang.Character")?),
            };
        }
        ArrayType::Boolean => {
            return match view {
                View::Bool(b) => Ok(ArrayElem::Boolean(b)),
                _ if how == Convert::Checked => {
                    Ok(ArrayElem::Boolean(crate::rust_values::truthy(x)))
                }
                View::Nil if how == Convert::Construct => Err(npe()),
                _ if how == Convert::Store => Err(no_aset()),
                _ => Err(cast_error(x, "java.lang.Boolean")?),
            };
        }
        _ => {}
    }
    if view == View::Nil {
        return Err(if how == Convert::Store {
            no_aset()
        } else {
            npe()
        });
    }
    if let View::Char(c) = view
        && how == Convert::Checked
    {
        return Ok(integer_elem(ty, i64::from(u32::from(c))).unwrap_or(ArrayElem::Long(0)));
    }
    let n = match num(x) {
        Ok(n) => n,
        Err(_) if how == Convert::Store => return Err(no_aset()),
        Err(_) => return Err(cast_error(x, "java.lang.Number")?),
    };
    match how {
        Convert::Construct => {
            let (long, int) = number_values(&n);
            Ok(match ty {
                ArrayType::Long => ArrayElem::Long(long),
                ArrayType::Int => ArrayElem::Int(int as i32),
                ArrayType::Short => ArrayElem::Short(int as i16),
                ArrayType::Byte => ArrayElem::Byte(int as i8),
                ArrayType::Double => ArrayElem::Double(to_f64(&n)),
                _ => ArrayElem::Float(to_f64(&n) as f32),
            })
        }
        Convert::Checked => match ty {
            ArrayType::Double => Ok(ArrayElem::Double(to_f64(&n))),
            ArrayType::Float => Ok(ArrayElem::Float(to_f64(&n) as f32)),
            _ => {
                let name = ty.primitive_name().unwrap_or("long");
                let v = match &n {
                    Num::Int(v) => *v,
                    Num::Float(f) if f.is_nan() => 0,
                    Num::Float(f) => {
                        let t = f.trunc();
                        if !(i64::MIN as f64..=i64::MAX as f64).contains(&t) {
                            return Err(out_of_range(name, evelisp_reader::format_double(*f)));
                        }
                        t as i64
                    }
                    other => {
                        let b = to_big(other);
                        i64::try_from(&b).map_err(|_| out_of_range(name, b.to_string()))?
                    }
                };
                integer_elem(ty, v).ok_or_else(|| match &n {
                    // `RT.intCast(long)` is `Math.toIntExact`.
                    _ if ty == ArrayType::Int => {
                        EvalError::new(EvalErrorKind::Arithmetic("integer overflow".into()))
                    }
                    _ => out_of_range(name, shown(&n, v)),
                })
            }
        },
        Convert::Store => match (ty, &n) {
            (ArrayType::Long, Num::Int(v)) => Ok(ArrayElem::Long(*v)),
            (ArrayType::Int, Num::Int(v)) => i32::try_from(*v)
                .map(ArrayElem::Int)
                .map_err(|_| EvalError::new(EvalErrorKind::Arithmetic("integer overflow".into()))),
            (ArrayType::Short | ArrayType::Byte, Num::Int(v)) => integer_elem(ty, *v)
                .ok_or_else(|| out_of_range(ty.primitive_name().unwrap_or(""), v.to_string())),
            (ArrayType::Double, Num::Float(f)) => Ok(ArrayElem::Double(*f)),
            (ArrayType::Float, Num::Float(f)) => Ok(ArrayElem::Float(*f as f32)),
            _ => Err(no_aset()),
        },
    }
}

/// How Java's `toString` shows the number `n` (whose long value is `v`)
/// in a range error.
fn shown(n: &Num, v: i64) -> String {
    match n {
        Num::Float(f) => evelisp_reader::format_double(*f),
        _ => v.to_string(),
    }
}

/// The integer element of type `ty` holding `v`, if it fits.
fn integer_elem(ty: ArrayType, v: i64) -> Option<ArrayElem> {
    Some(match ty {
        ArrayType::Long => ArrayElem::Long(v),
        ArrayType::Int => ArrayElem::Int(i32::try_from(v).ok()?),
        ArrayType::Short => ArrayElem::Short(i16::try_from(v).ok()?),
        ArrayType::Byte => ArrayElem::Byte(i8::try_from(v).ok()?),
        ArrayType::Char => ArrayElem::Char(char::from_u32(u32::try_from(v).ok()?)?),
        _ => return None,
    })
}

fn npe() -> EvalError {
    EvalError::new(EvalErrorKind::NullPointer(
        "Cannot convert nil to a primitive array element".into(),
    ))
}
