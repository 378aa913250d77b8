//! Java arrays (`heap/src/array.rs`): the constructors (`make-array
//! object-array int-array long-array double-array float-array byte-array
//! short-array char-array boolean-array into-array to-array to-array-2d`),
//! element access (`aget aset aset-int ... alength aclone`), the casts
//! (`ints longs ...`) and `bytes?`. `amap` and `areduce` are macros in
//! `core_more.clj`.
//!
//! An array is mutable and lives in the env file like every value: stored
//! in a var or an atom, it is one array every process on the file reads
//! and writes (see the heap module for the memory ordering). A class is a
//! symbol in evelisp; an array's class is Java's name for it (`[I`,
//! `[Ljava.lang.String;`, `[[D`); the primitive types are the symbols
//! `int`, `long`, ... (the values of `Integer/TYPE`, `Long/TYPE`, ...).
//! An object array made with an element class (`(make-array String 2)`,
//! `(into-array ["a"])`) refuses a value of another class, as Java's
//! (`ArrayStoreException`).

use super::array_elems::{Convert, cast_error, elem_value, to_elem};
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::interp::Interp;
use crate::natives::host::classes::{class_name, instance_of};
use crate::natives::one;
use crate::seqs::elements;
use evelisp_heap::{ArrayElem, ArrayType, Kind, Ref, Value, View};

natives! {
    /// A new array of length dim of the class type (a class or a primitive
    /// type: Integer/TYPE, Long/TYPE, ...), zeroed; with more dims, an array of
    /// arrays.
    #[arglists = "([type len] [type dim & more-dims])"]
    "make-array" => make_array;
    /// An array of objects: of size-or-seq nils, or holding the elements of the
    /// seq.
    #[arglists = "([size-or-seq])"]
    "object-array" => |i, a| prim_array(i, "object-array", ArrayType::Object, a);
    /// An array of ints: of size zeros, or holding the elements of seq (as
    /// intValue gives them), or of size init-val-or-seq.
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "int-array" => |i, a| prim_array(i, "int-array", ArrayType::Int, a);
    /// An array of longs (see int-array).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "long-array" => |i, a| prim_array(i, "long-array", ArrayType::Long, a);
    /// An array of doubles (see int-array).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "double-array" => |i, a| prim_array(i, "double-array", ArrayType::Double, a);
    /// An array of floats (see int-array).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "float-array" => |i, a| prim_array(i, "float-array", ArrayType::Float, a);
    /// An array of bytes (see int-array; 200 becomes -56).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "byte-array" => |i, a| prim_array(i, "byte-array", ArrayType::Byte, a);
    /// An array of shorts (see int-array).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "short-array" => |i, a| prim_array(i, "short-array", ArrayType::Short, a);
    /// An array of characters (see int-array; a string gives its characters).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "char-array" => |i, a| prim_array(i, "char-array", ArrayType::Char, a);
    /// An array of booleans (see int-array).
    #[arglists = "([size-or-seq] [size init-val-or-seq])"]
    "boolean-array" => |i, a| prim_array(i, "boolean-array", ArrayType::Boolean, a);
    /// An array of the elements of aseq: of the class of its first element, or
    /// of type (a class or primitive type).
    #[arglists = "([aseq] [type aseq])"]
    "into-array" => into_array;
    /// An array of objects holding the elements of coll.
    #[arglists = "([coll])"]
    "to-array" => to_array;
    /// An array of arrays of objects: one per element (a collection) of coll.
    #[arglists = "([coll])"]
    "to-array-2d" => to_array_2d;
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
    /// xs, which must be an int array (or nil).
    #[arglists = "([xs])"]
    "ints" => |i, a| cast(i, "ints", ArrayType::Int, a);
    /// xs, which must be a long array (or nil).
    #[arglists = "([xs])"]
    "longs" => |i, a| cast(i, "longs", ArrayType::Long, a);
    /// xs, which must be a double array (or nil).
    #[arglists = "([xs])"]
    "doubles" => |i, a| cast(i, "doubles", ArrayType::Double, a);
    /// xs, which must be a float array (or nil).
    #[arglists = "([xs])"]
    "floats" => |i, a| cast(i, "floats", ArrayType::Float, a);
    /// xs, which must be a byte array (or nil).
    #[arglists = "([xs])"]
    "bytes" => |i, a| cast(i, "bytes", ArrayType::Byte, a);
    /// xs, which must be a short array (or nil).
    #[arglists = "([xs])"]
    "shorts" => |i, a| cast(i, "shorts", ArrayType::Short, a);
    /// xs, which must be a char array (or nil).
    #[arglists = "([xs])"]
    "chars" => |i, a| cast(i, "chars", ArrayType::Char, a);
    /// xs, which must be a boolean array (or nil).
    #[arglists = "([xs])"]
    "booleans" => |i, a| cast(i, "booleans", ArrayType::Boolean, a);
    /// Whether x is a byte array.
    #[arglists = "([x])"]
    "bytes?" => is_bytes;
}

const OBJECT: &str = "java.lang.Object";

/// The class name of an array whose elements are of class `c`.
fn element_descriptor(c: &str) -> String {
    if c.starts_with('[') {
        format!("[{c}")
    } else {
        format!("[L{c};")
    }
}

/// An element type: a primitive, or objects of a class (`None`: Object).
type ElemClass = (ArrayType, Option<String>);

/// The element type a class value names: a primitive type symbol
/// (`int`, the value of `Integer/TYPE`) or a class symbol.
fn elem_class(c: Ref<'_>) -> EvalResult<ElemClass> {
    if !matches!(c.kind()?, Some(Kind::Symbol)) || c.symbol_parts()?.0.is_some() {
        return Err(cast_error(c, "java.lang.Class")?);
    }
    let name = c.symbol_parts()?.1;
    let ty = match name {
        "long" => ArrayType::Long,
        "int" => ArrayType::Int,
        "double" => ArrayType::Double,
        "float" => ArrayType::Float,
        "short" => ArrayType::Short,
        "byte" => ArrayType::Byte,
        "char" => ArrayType::Char,
        "boolean" => ArrayType::Boolean,
        OBJECT => return Ok((ArrayType::Object, None)),
        other => return Ok((ArrayType::Object, Some(other.to_string()))),
    };
    Ok((ty, None))
}

/// The class name of arrays `depth` deep of elements `e` (depth 0: the
/// element class itself, `None` for Object).
fn nested_class((ty, c): &ElemClass, depth: usize) -> Option<String> {
    if depth == 0 {
        return c.clone();
    }
    let inner = match ty.descriptor() {
        Some(d) => format!("[{d}"),
        None => element_descriptor(c.as_deref().unwrap_or(OBJECT)),
    };
    Some(format!("{}{inner}", "[".repeat(depth - 1)))
}

/// A new zeroed array of `len` elements of `e`.
fn new_array<'e>(i: &Interp<'e>, e: &ElemClass, len: i64) -> EvalResult<Value<'e>> {
    let len = u64::try_from(len)
        .map_err(|_| EvalError::new(EvalErrorKind::NegativeArraySize(len.to_string())))?;
    let env = i.env;
    let component = match &e.1 {
        Some(c) if e.0 == ArrayType::Object => env.intern_symbol(None, c)?,
        _ => Value::nil(env),
    };
    Ok(env.make_array(e.0, len, component.borrowed())?)
}

/// A length or index argument: a number, as `intValue` gives it.
fn int_arg(x: Ref<'_>) -> EvalResult<i64> {
    match to_elem(ArrayType::Int, x, Convert::Construct)? {
        evelisp_heap::ArrayElem::Int(n) => Ok(i64::from(n)),
        _ => Err(cast_error(x, "java.lang.Number")?),
    }
}

/// Whether `x` is a number (a size, not a seq).
fn is_number(x: Ref<'_>) -> EvalResult<bool> {
    Ok(matches!(
        x.view()?,
        View::Int(_) | View::Float(_) | View::BigInt { .. } | View::Ratio { .. }
    ))
}

/// `(make-array type len)` / `(make-array type dim & more-dims)`.
fn make_array<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [c, dims @ ..] = &args[..] else {
        return Err(arity("clojure.core/make-array", args.len()));
    };
    if dims.is_empty() {
        return Err(arity("clojure.core/make-array", args.len()));
    }
    let e = elem_class(c.borrowed())?;
    let dims = dims
        .iter()
        .map(|d| int_arg(d.borrowed()))
        .collect::<EvalResult<Vec<_>>>()?;
    make_dims(i, &e, &dims)
}

fn make_dims<'e>(i: &Interp<'e>, e: &ElemClass, dims: &[i64]) -> EvalResult<Value<'e>> {
    let [d, rest @ ..] = dims else {
        return Err(arity("clojure.core/make-array", 1));
    };
    if rest.is_empty() {
        return new_array(i, e, *d);
    }
    let outer = new_array(i, &(ArrayType::Object, nested_class(e, rest.len())), *d)?;
    for j in 0..*d as u64 {
        let inner = make_dims(i, e, rest)?;
        i.env.array_set(&i.p, outer.borrowed(), j, inner)?;
    }
    Ok(outer)
}

/// `(int-array size-or-seq)` / `(int-array size init-val-or-seq)` and the
/// like (`object-array` takes only the first).
fn prim_array<'e>(
    i: &Interp<'e>,
    name: &str,
    ty: ArrayType,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    let e: ElemClass = (ty, None);
    let (size, init) = match &args[..] {
        [x] if is_number(x.borrowed())? => (Some(int_arg(x.borrowed())?), None),
        [x] => (None, Some(x)),
        [s, x] if ty != ArrayType::Object => (Some(int_arg(s.borrowed())?), Some(x)),
        _ => return Err(arity(&format!("clojure.core/{name}"), args.len())),
    };
    let init = init.map(Value::borrowed);
    let fill = match init {
        Some(x) if size.is_some() => match (ty, x.view()?) {
            (ArrayType::Char, View::Char(_)) | (ArrayType::Boolean, View::Bool(_)) => true,
            (ArrayType::Char | ArrayType::Boolean, _) => false,
            _ => is_number(x)?,
        },
        _ => false,
    };
    let items = match init {
        Some(x) if !fill => elements(i, x)?,
        _ => Vec::new(),
    };
    let len = size.unwrap_or(items.len() as i64);
    let arr = new_array(i, &e, len)?;
    let a = arr.borrowed();
    if fill && let Some(x) = init {
        let elem = to_elem(ty, x, Convert::Construct)?;
        for j in 0..len as u64 {
            i.env.array_set_prim(a, j, elem)?;
        }
    }
    for (j, x) in items.into_iter().take(len as usize).enumerate() {
        store(i, a, j as u64, x, Convert::Construct)?;
    }
    Ok(arr)
}

/// Stores `x` at `j` of array `a`, converting as `how` says (an object
/// array checks the class of its elements).
fn store<'e>(i: &Interp<'e>, a: Ref<'_>, j: u64, x: Value<'e>, how: Convert) -> EvalResult<()> {
    let (ty, _) = a.array_type()?;
    if ty != ArrayType::Object {
        let elem = to_elem(ty, x.borrowed(), how)?;
        i.env.array_set_prim(a, j, elem)?;
        return Ok(());
    }
    let c = a.array_component()?;
    if !c.is_nil() && !x.borrowed().is_nil() && !instance_of(i, c.symbol_parts()?.1, x.borrowed())?
    {
        let shown = class_name(x.borrowed())?.unwrap_or_default();
        return Err(EvalError::new(EvalErrorKind::ArrayStore(shown)));
    }
    i.env.array_set(&i.p, a, j, x)?;
    Ok(())
}

/// `(into-array aseq)` / `(into-array type aseq)`.
fn into_array<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (e, items) = match &args[..] {
        [s] => {
            let items = elements(i, s.borrowed())?;
            let c = match items.first() {
                Some(x) => class_name(x.borrowed())?.filter(|c| c != OBJECT),
                None => None,
            };
            ((ArrayType::Object, c), items)
        }
        [c, s] => (elem_class(c.borrowed())?, elements(i, s.borrowed())?),
        _ => return Err(arity("clojure.core/into-array", args.len())),
    };
    let arr = new_array(i, &e, items.len() as i64)?;
    for (j, x) in items.into_iter().enumerate() {
        if let Some(c) = &e.1
            && !x.borrowed().is_nil()
            && !instance_of(i, c, x.borrowed())?
        {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(
                "array element type mismatch".into(),
            )));
        }
        store(i, arr.borrowed(), j as u64, x, Convert::Checked)?;
    }
    Ok(arr)
}

/// An object array of the elements of `coll`.
fn objects<'e>(i: &Interp<'e>, coll: Ref<'_>) -> EvalResult<Value<'e>> {
    let items = elements(i, coll)?;
    let arr = new_array(i, &(ArrayType::Object, None), items.len() as i64)?;
    for (j, x) in items.into_iter().enumerate() {
        i.env.array_set(&i.p, arr.borrowed(), j as u64, x)?;
    }
    Ok(arr)
}

/// `(to-array coll)`.
fn to_array<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    objects(i, one("to-array", &args)?.borrowed())
}

/// `(to-array-2d coll)`.
fn to_array_2d<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let rows = elements(i, one("to-array-2d", &args)?.borrowed())?;
    let inner = element_descriptor(OBJECT);
    let arr = new_array(i, &(ArrayType::Object, Some(inner)), rows.len() as i64)?;
    for (j, row) in rows.into_iter().enumerate() {
        let row = objects(i, row.borrowed())?;
        i.env.array_set(&i.p, arr.borrowed(), j as u64, row)?;
    }
    Ok(arr)
}

/// `x` as an array, for `name` (a call with `n` arguments).
fn array_arg(name: &str, x: Ref<'_>, n: usize) -> EvalResult<(ArrayType, u64)> {
    if matches!(x.kind()?, Some(Kind::Array)) {
        return Ok(x.array_type()?);
    }
    if x.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
            "Cannot {name} of nil"
        ))));
    }
    Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
        "No matching method {name} found taking {n} args"
    ))))
}

/// Index `idx` of an array of `len` elements, checked.
fn index(idx: Ref<'_>, len: u64) -> EvalResult<u64> {
    // As Clojure's RT.intCast: truncated, and an int or an error.
    let n = crate::numeric_tower::int_cast(idx)?;
    if n < 0 || n as u64 >= len {
        return Err(EvalError::new(EvalErrorKind::ArrayIndexOutOfBounds(
            format!("Index {n} out of bounds for length {len}"),
        )));
    }
    Ok(n as u64)
}

/// Element `j` of array `a` (in bounds).
pub(crate) fn element<'e>(i: &Interp<'e>, a: Ref<'_>, j: u64) -> EvalResult<Value<'e>> {
    match a.array_type()?.0 {
        ArrayType::Object => Ok(a.array_get(&i.p, j)?),
        _ => elem_value(i, a.array_prim(j)?),
    }
}

/// Every element of array `a`, in order (read one by one: a store made
/// meanwhile by another thread or process may or may not be seen).
pub(crate) fn array_values<'e>(i: &Interp<'e>, a: Ref<'_>) -> EvalResult<Vec<Value<'e>>> {
    let (_, len) = a.array_type()?;
    (0..len).map(|j| element(i, a, j)).collect()
}

/// The array `idxs` lead to from `a` (each index but the last of a
/// nested access), owned.
fn nested<'e>(
    i: &Interp<'e>,
    name: &str,
    a: &Value<'e>,
    idxs: &[Value<'e>],
    n: usize,
) -> EvalResult<Value<'e>> {
    let mut cur = a.clone();
    for idx in idxs {
        let (_, len) = array_arg(name, cur.borrowed(), n)?;
        let j = index(idx.borrowed(), len)?;
        cur = element(i, cur.borrowed(), j)?;
    }
    Ok(cur)
}

/// `(aget array idx & idxs)`.
fn aget<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [a, idxs @ .., last] = &args[..] else {
        return Err(arity("clojure.core/aget", args.len()));
    };
    if idxs.is_empty() && args.len() < 2 {
        return Err(arity("clojure.core/aget", args.len()));
    }
    let arr = nested(i, "aget", a, idxs, args.len())?;
    let (_, len) = array_arg("aget", arr.borrowed(), args.len())?;
    element(i, arr.borrowed(), index(last.borrowed(), len)?)
}

/// The array, index and value of a call of `aset` or `aset-*`.
fn aset_parts<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
) -> EvalResult<(Value<'e>, u64, Value<'e>)> {
    let [a, idxs @ .., idx, v] = args else {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    };
    let arr = nested(i, name, a, idxs, args.len())?;
    let (_, len) = array_arg(name, arr.borrowed(), args.len())?;
    let j = index(idx.borrowed(), len)?;
    Ok((arr, j, v.clone()))
}

/// `(aset array idx val)` / `(aset array idx idx2 & idxv)`.
fn aset<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (arr, j, v) = aset_parts(i, "aset", &args)?;
    store(i, arr.borrowed(), j, v.clone(), Convert::Store)?;
    Ok(v)
}

/// `(aset-int array idx val)` and the like: the array must be of `ty`;
/// val is converted as `(int val)` would.
fn aset_typed<'e>(
    i: &Interp<'e>,
    name: &str,
    ty: ArrayType,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    let (arr, j, v) = aset_parts(i, name, &args)?;
    // As Clojure's `(. Array (setInt a idx (int val)))`: the value is cast
    // first, then stored with Java's widening (an int into a long[] or a
    // double[], a byte into an int[], ...).
    let elem = to_elem(ty, v.borrowed(), Convert::Checked)?;
    let into = arr.borrowed().array_type()?.0;
    let widened = widen(elem, into).ok_or_else(|| {
        EvalError::new(EvalErrorKind::IllegalArgument(
            "argument type mismatch".into(),
        ))
    })?;
    i.env.array_set_prim(arr.borrowed(), j, widened)?;
    Ok(v)
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
fn alength<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let a = one("alength", &args)?.borrowed();
    let (_, len) = array_arg("alength", a, 1)?;
    Ok(i.env.make_int(len as i64)?)
}

/// `(aclone array)`.
fn aclone<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let a = one("aclone", &args)?.borrowed();
    array_arg("aclone", a, 1)?;
    Ok(i.env.array_clone(&i.p, a)?)
}

/// `(ints xs)` and the like: xs, an array of `ty`, or nil.
fn cast<'e>(
    i: &Interp<'e>,
    name: &str,
    ty: ArrayType,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    let x = one(name, &args)?;
    let r = x.borrowed();
    let is = matches!(r.kind()?, Some(Kind::Array)) && r.array_type()?.0 == ty;
    if r.is_nil() || is {
        return Ok(x.clone());
    }
    let to = format!("[{}", ty.descriptor().unwrap_or('L'));
    let _ = i;
    Err(cast_error(r, &to)?)
}

/// `(bytes? x)`.
fn is_bytes<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("bytes?", &args)?.borrowed();
    let yes = matches!(x.kind()?, Some(Kind::Array)) && x.array_type()?.0 == ArrayType::Byte;
    Ok(i.env.make_bool(yes))
}
