//! Java arrays (`heap/src/array.rs`): the constructors (`make-array
//! object-array int-array long-array double-array float-array byte-array
//! short-array char-array boolean-array into-array to-array to-array-2d`),
//! the casts (`ints longs ...`) and `bytes?`; element access is in
//! `array_access.rs`. `amap` and `areduce` are macros in
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

use super::array_elems::{Convert, cast_error, to_elem};
use crate::error::{EvalError, EvalErrorKind, EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
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
        // A class name has a package (`java.lang.String`, `user.Point`);
        // any other symbol is a symbol, not a class.
        other if other.contains('.') => return Ok((ArrayType::Object, Some(other.to_string()))),
        _ => return Err(cast_error(c, "java.lang.Class")?),
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
        View::Int(_)
            | View::Float(_)
            | View::Float32(_)
            | View::BigInt { .. }
            | View::BigDecimal { .. }
            | View::Ratio { .. }
    ))
}

/// `(make-array type len)` / `(make-array type dim & more-dims)`.
fn make_array<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
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
    args: Args<'e>,
) -> EvalResult<Value<'e>> {
    let e: ElemClass = (ty, None);
    match &args[..] {
        [x] if is_number(x.borrowed())? => new_array(i, &e, int_arg(x.borrowed())?),
        [x] => {
            let items = elements(i, x.borrowed())?;
            let arr = new_array(i, &e, items.len() as i64)?;
            fill_from(i, arr.borrowed(), items)?;
            Ok(arr)
        }
        [s, x] if ty != ArrayType::Object => {
            let arr = new_array(i, &e, size_arg(s.borrowed())?)?;
            let (a, x) = (arr.borrowed(), x.borrowed());
            match fill_value(ty, x)? {
                Some(elem) => {
                    for j in 0..a.array_type()?.1 {
                        i.env.array_set_prim(a, j, elem)?;
                    }
                }
                None => fill_from(i, a, elements(i, x)?)?,
            }
            Ok(arr)
        }
        _ => Err(arity(&format!("clojure.core/{name}"), args.len())),
    }
}

/// The size argument of a 2-argument array constructor, as Clojure's
/// reflective call converts it to an int: a number truncated, beyond the
/// ints an `ArithmeticException`; a character or other non-number a
/// `ClassCastException`, nil a `NullPointerException`.
fn size_arg(x: Ref<'_>) -> EvalResult<i64> {
    match x.view()? {
        View::Char(_) => Err(cast_error(x, "java.lang.Number")?),
        _ => crate::numeric_tower::int_cast(x),
    }
}

/// The element an init value fills a new array of `ty` with, or `None`
/// when it is a seq to copy: for `Numbers.int_array` and the like any
/// number, for `byte_array`/`short_array` a `Byte`/`Short` — which evelisp
/// has not: an integer in range stands for one —, for `char_array` a
/// character, for `boolean_array` a boolean.
fn fill_value(ty: ArrayType, x: Ref<'_>) -> EvalResult<Option<ArrayElem>> {
    let view = x.view()?;
    Ok(match (ty, view) {
        (ArrayType::Char, View::Char(c)) => Some(ArrayElem::Char(c)),
        (ArrayType::Boolean, View::Bool(b)) => Some(ArrayElem::Boolean(b)),
        (ArrayType::Byte, View::Int(n)) => i8::try_from(n).ok().map(ArrayElem::Byte),
        (ArrayType::Short, View::Int(n)) => i16::try_from(n).ok().map(ArrayElem::Short),
        (ArrayType::Char | ArrayType::Boolean | ArrayType::Byte | ArrayType::Short, _) => None,
        _ if is_number(x)? => Some(to_elem(ty, x, Convert::Construct)?),
        _ => None,
    })
}

/// Stores the first elements of `items` into array `a`, from index 0 (as
/// many as fit), as the constructors convert them.
fn fill_from<'e>(i: &Interp<'e>, a: Ref<'_>, items: Vec<Value<'e>>) -> EvalResult<()> {
    let len = a.array_type()?.1;
    for (j, x) in items.into_iter().take(len as usize).enumerate() {
        store(i, a, j as u64, x, Convert::Construct)?;
    }
    Ok(())
}

/// Stores `x` at `j` of array `a`, converting as `how` says (an object
/// array checks the class of its elements).
pub(super) fn store<'e>(
    i: &Interp<'e>,
    a: Ref<'_>,
    j: u64,
    x: Value<'e>,
    how: Convert,
) -> EvalResult<()> {
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
fn into_array<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
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

/// An object array of the elements of `coll`, as Clojure's `RT.toArray`:
/// nil, a collection, a string or an array; anything else is a
/// `RuntimeException`.
pub(crate) fn objects<'e>(i: &Interp<'e>, coll: Ref<'_>) -> EvalResult<Value<'e>> {
    let seqable = coll.is_nil()
        || coll.word() == evelisp_heap::Word::EMPTY_LIST
        || matches!(
            coll.kind()?,
            Some(
                Kind::SeqCons
                    | Kind::LazySeq
                    | Kind::String
                    | Kind::Array
                    | Kind::Sorted
                    | Kind::Cons
                    | Kind::Vector
                    | Kind::Set
                    | Kind::Map
                    | Kind::ArrayMap
            )
        );
    let items = match coll.view()? {
        _ if seqable => elements(i, coll)?,
        // A `java.util` collection: its current contents.
        View::Host(_) => match crate::host_objects::snapshot(i.env(), coll)? {
            Some(c) => elements(i, c.borrowed())?,
            None => return Err(unconvertible(coll)?),
        },
        _ => return Err(unconvertible(coll)?),
    };
    let arr = new_array(i, &(ArrayType::Object, None), items.len() as i64)?;
    for (j, x) in items.into_iter().enumerate() {
        i.env.array_set(&i.p, arr.borrowed(), j as u64, x)?;
    }
    Ok(arr)
}

/// `RT.toArray`'s error for a value that is not a collection.
pub(crate) fn unconvertible(x: Ref<'_>) -> EvalResult<EvalError> {
    let class = class_name(x)?.unwrap_or_else(|| "null".into());
    Ok(EvalError::new(EvalErrorKind::Runtime(format!(
        "Unable to convert: class {class} to Object[]"
    ))))
}

/// `(to-array coll)`.
fn to_array<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    objects(i, one("to-array", &args)?.borrowed())
}

/// `(to-array-2d coll)`: coll must be a `java.util.Collection` (a vector,
/// list, seq or set; nil is a `NullPointerException`, a map or anything
/// else a `ClassCastException`), and each of its elements something
/// `to-array` takes.
fn to_array_2d<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let coll = one("to-array-2d", &args)?.borrowed();
    if coll.is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(
            "Cannot invoke \"java.util.Collection.size()\" because \"coll\" is null".into(),
        )));
    }
    if !is_collection(coll)? {
        return Err(cast_error(coll, "java.util.Collection")?);
    }
    let rows = elements(i, coll)?;
    let inner = element_descriptor(OBJECT);
    let arr = new_array(i, &(ArrayType::Object, Some(inner)), rows.len() as i64)?;
    for (j, row) in rows.into_iter().enumerate() {
        let row = objects(i, row.borrowed())?;
        i.env.array_set(&i.p, arr.borrowed(), j as u64, row)?;
    }
    Ok(arr)
}

/// Whether `x` is a `java.util.Collection`: a vector, list, seq or set
/// (not a map, string or array).
fn is_collection(x: Ref<'_>) -> EvalResult<bool> {
    if x.word() == evelisp_heap::Word::EMPTY_LIST || x.record_type()?.is_some() {
        return Ok(x.word() == evelisp_heap::Word::EMPTY_LIST);
    }
    Ok(match x.kind()? {
        Some(Kind::Vector | Kind::Cons | Kind::SeqCons | Kind::LazySeq | Kind::Set) => true,
        Some(Kind::Sorted) => x.sorted_parts()?.is_set,
        _ => false,
    })
}

/// `(ints xs)` and the like: xs, an array of `ty`, or nil.
fn cast<'e>(i: &Interp<'e>, name: &str, ty: ArrayType, args: Args<'e>) -> EvalResult<Value<'e>> {
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
fn is_bytes<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("bytes?", &args)?.borrowed();
    let yes = matches!(x.kind()?, Some(Kind::Array)) && x.array_type()?.0 == ArrayType::Byte;
    Ok(i.env.make_bool(yes))
}
