//! Java array element access (`heap/src/array.rs`): `aget aset aset-int
//! aset-long aset-double aset-float aset-byte aset-short aset-char
//! aset-boolean alength aclone`, checking in the order Clojure does: the
//! value of an `aset-*` is cast first (`(int val)`, `(char val)`, ...),
//! then each index (`RT.intCast`: a non-number is a
//! `ClassCastException`, beyond the ints an `ArithmeticException`), then
//! the array (nil is a `NullPointerException`, a non-array an
//! `IllegalArgumentException`), then, for `aset`, the element type (a
//! double into an int array is an `IllegalArgumentException`) before the
//! bounds (`ArrayIndexOutOfBoundsException`), for `aset-*` the bounds
//! before the element type.

use super::array_elems::{Convert, to_elem};
use super::arrays::store;
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::numeric_tower::int_cast;
use evelisp_heap::{ArrayElem, ArrayType, Kind, Ref, Value};

natives! {
    /// The element at idx of array (at idx, then idxs, of nested arrays).
    #[arglists = "([array idx] [array idx & idxs])"]
    "aget" => aget;
    /// Sets the element at idx of array (of nested arrays, with idxs) to val;
    /// val. A primitive array takes values of its own type only.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset" => aset;
    /// Sets an element of an int array to (int val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-int" => |i, a| aset_typed(i, "aset-int", ArrayType::Int, a);
    /// Sets an element of a long array to (long val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-long" => |i, a| aset_typed(i, "aset-long", ArrayType::Long, a);
    /// Sets an element of a double array to (double val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-double" => |i, a| aset_typed(i, "aset-double", ArrayType::Double, a);
    /// Sets an element of a float array to (float val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-float" => |i, a| aset_typed(i, "aset-float", ArrayType::Float, a);
    /// Sets an element of a byte array to (byte val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-byte" => |i, a| aset_typed(i, "aset-byte", ArrayType::Byte, a);
    /// Sets an element of a short array to (short val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-short" => |i, a| aset_typed(i, "aset-short", ArrayType::Short, a);
    /// Sets an element of a char array to (char val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-char" => |i, a| aset_typed(i, "aset-char", ArrayType::Char, a);
    /// Sets an element of a boolean array to (boolean val); val.
    #[arglists = "([array idx val] [array idx idx2 & idxv])"]
    "aset-boolean" => |i, a| aset_typed(i, "aset-boolean", ArrayType::Boolean, a);
    /// The length of array.
    #[arglists = "([array])"]
    "alength" => alength;
    /// A copy of array (the same elements, in a new array).
    #[arglists = "([array])"]
    "aclone" => aclone;
}

/// `x` as an array, for `name` (`what` says how a non-array is refused).
fn array_arg(name: &str, x: Ref<'_>, what: &str) -> EvalResult<(ArrayType, u64)> {
    if matches!(x.kind()?, Some(Kind::Array)) {
        return Ok(x.array_type()?);
    }
    if x.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
            "Cannot {name} of nil"
        ))));
    }
    Err(EvalError::new(EvalErrorKind::IllegalArgument(what.into())))
}

/// The refusal of a non-array by `aget`, `aset`, `alength` or `aclone`
/// (called with `n` arguments).
fn no_method(name: &str, n: usize) -> String {
    format!("No matching method {name} found taking {n} args")
}

/// Index `j` of an array of `len` elements, checked.
fn in_bounds(j: i64, len: u64) -> EvalResult<u64> {
    if j < 0 || j as u64 >= len {
        return Err(EvalError::new(EvalErrorKind::ArrayIndexOutOfBounds(
            format!("Index {j} out of bounds for length {len}"),
        )));
    }
    Ok(j as u64)
}

/// Element `j` of array `a` (in bounds).
pub(crate) fn element<'e>(i: &Interp<'e>, a: Ref<'_>, j: u64) -> EvalResult<Value<'e>> {
    Ok(a.array_value(&i.p, j)?)
}

/// Every element of array `a`, in order (read one by one: a store made
/// meanwhile by another thread or process may or may not be seen).
pub(crate) fn array_values<'e>(i: &Interp<'e>, a: Ref<'_>) -> EvalResult<Vec<Value<'e>>> {
    let (_, len) = a.array_type()?;
    (0..len).map(|j| element(i, a, j)).collect()
}

/// The element at index `idx` of array `a`, as `aget` reads it.
fn get_at<'e>(i: &Interp<'e>, a: Ref<'_>, idx: Ref<'_>, n: usize) -> EvalResult<Value<'e>> {
    let j = int_cast(idx)?;
    let (_, len) = array_arg("aget", a, &no_method("aget", n))?;
    element(i, a, in_bounds(j, len)?)
}

/// The array `idxs` lead to from `a` (each index but the last of a
/// nested access), owned.
fn nested<'e>(
    i: &Interp<'e>,
    a: &Value<'e>,
    idxs: &[Value<'e>],
    n: usize,
) -> EvalResult<Value<'e>> {
    let mut cur = a.clone();
    for idx in idxs {
        cur = get_at(i, cur.borrowed(), idx.borrowed(), n)?;
    }
    Ok(cur)
}

/// `(aget array idx & idxs)`.
fn aget<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, idxs @ .., last] = &args[..] else {
        return Err(arity("clojure.core/aget", args.len()));
    };
    if args.len() < 2 {
        return Err(arity("clojure.core/aget", args.len()));
    }
    let arr = nested(i, a, idxs, args.len())?;
    get_at(i, arr.borrowed(), last.borrowed(), args.len())
}

/// `(aset array idx val)` / `(aset array idx idx2 & idxv)`.
fn aset<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, idxs @ .., idx, v] = &args[..] else {
        return Err(arity("clojure.core/aset", args.len()));
    };
    let arr = nested(i, a, idxs, args.len())?;
    let j = int_cast(idx.borrowed())?;
    let a = arr.borrowed();
    let (ty, len) = array_arg("aset", a, &no_method("aset", args.len()))?;
    if ty == ArrayType::Object {
        store(i, a, in_bounds(j, len)?, v.clone(), Convert::Store)?;
    } else {
        let elem = to_elem(ty, v.borrowed(), Convert::Store)?;
        i.env.array_set_prim(a, in_bounds(j, len)?, elem)?;
    }
    Ok(v.clone())
}

/// `(aset-int array idx val)` and the like: val is cast as `(int val)`
/// would, then stored with Java's widening (an int into a long[] or a
/// double[], a byte into an int[], ...), as Clojure's `(. Array (setInt a
/// idx (int val)))`.
fn aset_typed<'e>(
    i: &Interp<'e>,
    name: &str,
    ty: ArrayType,
    args: Args<'e>,
) -> EvalResult<Value<'e>> {
    let [a, idxs @ .., idx, v] = &args[..] else {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    };
    let elem = to_elem(ty, v.borrowed(), Convert::Checked)?;
    let arr = nested(i, a, idxs, args.len())?;
    let j = int_cast(idx.borrowed())?;
    let a = arr.borrowed();
    let (into, len) = array_arg(name, a, "Argument is not an array")?;
    let j = in_bounds(j, len)?;
    let widened = widen(elem, into).ok_or_else(|| {
        EvalError::new(EvalErrorKind::IllegalArgument(
            "argument type mismatch".into(),
        ))
    })?;
    i.env.array_set_prim(a, j, widened)?;
    Ok(v.clone())
}

/// `e` stored into an array of type `into` as `java.lang.reflect.Array`'s
/// setters do: the same type, or a widening primitive conversion; `None`
/// for any other pair.
fn widen(e: ArrayElem, into: ArrayType) -> Option<ArrayElem> {
    use ArrayElem as E;
    use ArrayType as T;
    let wide: i64 = match e {
        E::Byte(b) => i64::from(b),
        E::Short(s) => i64::from(s),
        E::Char(c) => i64::from(u32::from(c)),
        E::Int(n) => i64::from(n),
        E::Long(n) => n,
        E::Float(f) => {
            return match into {
                T::Float => Some(e),
                T::Double => Some(E::Double(f64::from(f))),
                _ => None,
            };
        }
        E::Double(_) | E::Boolean(_) => return (e.array_type() == into).then_some(e),
    };
    let from = e.array_type();
    if from == into {
        return Some(e);
    }
    // The widening order: byte < short < int < long < float < double, and
    // char < int.
    let rank = |t: T| match t {
        T::Byte => Some(0),
        T::Short => Some(1),
        T::Char => Some(1),
        T::Int => Some(2),
        T::Long => Some(3),
        T::Float => Some(4),
        T::Double => Some(5),
        _ => None,
    };
    let (Some(rf), Some(ri)) = (rank(from), rank(into)) else {
        return None;
    };
    if ri <= rf || into == T::Char || (from == T::Char && into == T::Short) {
        return None;
    }
    Some(match into {
        T::Short => E::Short(wide as i16),
        T::Int => E::Int(wide as i32),
        T::Long => E::Long(wide),
        T::Float => E::Float(wide as f32),
        T::Double => E::Double(wide as f64),
        _ => return None,
    })
}

/// `(alength array)`.
fn alength<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = one("alength", &args)?.borrowed();
    let (_, len) = array_arg("alength", a, &no_method("alength", 1))?;
    Ok(i.env.make_int(len as i64)?)
}

/// `(aclone array)`.
fn aclone<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let a = one("aclone", &args)?.borrowed();
    array_arg("aclone", a, &no_method("aclone", 1))?;
    Ok(i.env.array_clone(&i.p, a)?)
}
