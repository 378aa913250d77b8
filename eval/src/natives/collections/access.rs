//! Native collection access: `find key val map-entry? empty subvec rseq`
//! and the type tests `char? boolean? ident? ifn?`.
//!
//! Map entries are 2-element vectors (a map's seq gives them), so `key`
//! and `val` take any 2-element vector and `map-entry?` is true of every
//! 2-element vector (Clojure's is true only of `MapEntry` objects).

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value, View, Word};

natives! {
    /// Internal: a vector of the elements of coll (a seq, nil, a map, a set
    /// or a string), built at once (what vec does for them).
    #[arglists = "([coll])"]
    "-vec-of" => vec_of;
    /// The key of the map entry e.
    #[arglists = "([e])"]
    "key" => key;
    /// The entry [key val] of key in map, or nil.
    #[arglists = "([map key])"]
    "find" => find;
    /// Internal: a record of the type symbol type, with the field keywords of
    /// the vector basis, holding the entries of map m.
    #[arglists = "([type basis m])"]
    "-make-record" => make_record;
    /// Whether x is a record.
    #[arglists = "([x])"]
    "record?" => is_record;
    /// The value of the map entry e.
    #[arglists = "([e])"]
    "val" => val;
    /// Whether x is a map entry.
    #[arglists = "([x])"]
    "map-entry?" => is_map_entry;
    /// An empty collection of coll's kind (and comparator), nil for what is not
    /// a collection.
    #[arglists = "([coll])"]
    "empty" => empty;
    /// The elements of vector v from start below end, as a vector.
    #[arglists = "([v start] [v start end])"]
    "subvec" => subvec;
    /// A seq of the elements of rev (a vector or a sorted collection) in
    /// reverse order, nil when empty; constant time.
    #[arglists = "([rev])"]
    "rseq" => rseq;
    /// Whether x is a character.
    #[arglists = "([x])"]
    "char?" => is_char;
    /// Whether x is true or false.
    #[arglists = "([x])"]
    "boolean?" => is_boolean;
    /// Whether x is a symbol or a keyword.
    #[arglists = "([x])"]
    "ident?" => is_ident;
    /// Whether x can be called as a fn: fns, keywords, symbols, maps, sets,
    /// vectors and vars.
    #[arglists = "([x])"]
    "ifn?" => is_ifn;
}

/// `(find m k)`: the entry `[k v]` of map `m` (or of a vector's index),
/// nil when absent.
pub(crate) fn find<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [m, k] = &args[..] else {
        return Err(arity("clojure.core/find", args.len()));
    };
    let (m, k) = (m.borrowed(), k.borrowed());
    let found = match m.kind()? {
        Some(Kind::Sorted) => match i.sorted_get(m, k)? {
            Some((key, v)) => return Ok(i.env.make_vector(&[key, v])?),
            None => None,
        },
        Some(Kind::Map | Kind::ArrayMap) => {
            i.realize_key(k)?;
            m.get(k)?
        }
        Some(Kind::Vector) => match k.view()? {
            View::Int(n) if n >= 0 && (n as u64) < m.count()? => Some(m.nth(n as u64)?),
            _ => None,
        },
        _ if m.is_nil() => None,
        _ => {
            return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
                "find not supported on: {}",
                crate::print::pr_str(m).unwrap_or_else(|_| "value".into())
            ))));
        }
    };
    match found {
        Some(v) => Ok(i.env.make_vector(&[k, v])?),
        None => Ok(Value::nil(i.env)),
    }
}

/// The `n`th (0 or 1) element of a map entry.
fn entry_part<'e>(i: &Interp<'e>, name: &str, args: &[Value<'e>], n: u64) -> EvalResult<Value<'e>> {
    let e = one(name, args)?.borrowed();
    if !is_entry(e)? {
        if e.is_nil() {
            return Err(crate::natives::language::null_arg(name));
        }
        return Err(class_cast("a map entry", e));
    }
    Ok(i.env.own(e.nth(n)?)?)
}

fn is_entry(e: Ref<'_>) -> EvalResult<bool> {
    Ok(matches!(e.kind()?, Some(Kind::Vector)) && e.count()? == 2)
}

/// `(key e)`.
pub(crate) fn key<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    entry_part(i, "key", &args, 0)
}

/// `(val e)`.
pub(crate) fn val<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    entry_part(i, "val", &args, 1)
}

/// `(map-entry? x)`.
pub(crate) fn is_map_entry<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    Ok(i.env
        .make_bool(is_entry(one("map-entry?", &args)?.borrowed())?))
}

/// `(empty coll)`: an empty collection of the same kind, nil for what is
/// not a collection.
pub(crate) fn empty<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let c = one("empty", &args)?.borrowed();
    let env = i.env;
    if let Some(ty) = c.record_type()? {
        return Err(EvalError::new(EvalErrorKind::UnsupportedOperation(
            format!("Can't create empty: {}", i.print_str(ty)?),
        )));
    }
    Ok(match c.kind()? {
        Some(Kind::Vector) => env.empty_vector()?,
        Some(Kind::Sorted) => {
            let parts = c.sorted_parts()?;
            i.sorted_empty(parts.comparator, parts.is_set)?
        }
        Some(Kind::Map | Kind::ArrayMap) => env.empty_map()?,
        Some(Kind::Set) => env.empty_set()?,
        Some(Kind::Cons | Kind::SeqCons | Kind::LazySeq) => {
            Value::immediate(env, Word::EMPTY_LIST).unwrap_or_else(|| Value::nil(env))
        }
        _ if c.word() == Word::EMPTY_LIST => env.own(c)?,
        _ => Value::nil(env),
    })
}

/// `(subvec v start)` / `(subvec v start end)`: the elements from start
/// below end, as a new vector (copied: the heap has no vector view).
pub(crate) fn subvec<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (v, start, end) = match &args[..] {
        [v, s] => (v.borrowed(), s.borrowed(), None),
        [v, s, e] => (v.borrowed(), s.borrowed(), Some(e.borrowed())),
        _ => return Err(arity("clojure.core/subvec", args.len())),
    };
    if !matches!(v.kind()?, Some(Kind::Vector)) {
        // As Clojure's: `(subvec v start)` counts v first.
        if end.is_none() && !v.is_nil() && v.count().is_err() && v.as_str().is_err() {
            return Err(EvalError::new(EvalErrorKind::UnsupportedOperation(
                format!(
                    "count not supported on this type: {}",
                    crate::print::pr_str(v).unwrap_or_else(|_| "value".into())
                ),
            )));
        }
        return Err(class_cast("a vector", v));
    }
    let n = v.count()? as i64;
    let index = |x: Ref<'_>| crate::numeric_tower::int_cast(x);
    let s = index(start)?;
    let e = end.map_or(Ok(n), index)?;
    if s < 0 || e > n || s > e {
        return Err(EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
            "subvec [{s}, {e}) of a vector of {n}"
        ))));
    }
    let items: Vec<Ref<'_>> = (s..e)
        .map(|k| v.nth(k as u64))
        .collect::<evelisp_heap::Result<_>>()?;
    Ok(i.env.make_vector(&items)?)
}

/// `(rseq v)`: a vector's (or sorted collection's) elements in reverse
/// order, nil when empty.
pub(crate) fn rseq<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let v = one("rseq", &args)?.borrowed();
    if matches!(v.kind()?, Some(Kind::Sorted)) {
        let mut items = crate::seqs::elements(i, v)?;
        if items.is_empty() {
            return Ok(Value::nil(i.env));
        }
        items.reverse();
        let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
        return Ok(i.env.make_list(&refs)?);
    }
    if !matches!(v.kind()?, Some(Kind::Vector)) {
        if v.is_nil() {
            return Err(crate::natives::language::null_arg("rseq"));
        }
        return Err(class_cast("a vector", v));
    }
    // From the end, a chunk at a time: constant time to start.
    let n = v.count()?;
    Ok(
        crate::coll_seq::coll_seq(i, v, crate::coll_seq::Part::Reversed, n)?
            .unwrap_or_else(|| Value::nil(i.env)),
    )
}

/// `(char? x)`.
pub(crate) fn is_char<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("char?", &args)?.borrowed();
    Ok(i.env.make_bool(matches!(x.view()?, View::Char(_))))
}

/// `(boolean? x)`.
pub(crate) fn is_boolean<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("boolean?", &args)?.borrowed();
    Ok(i.env.make_bool(matches!(x.view()?, View::Bool(_))))
}

/// `(ident? x)`: a symbol or keyword.
pub(crate) fn is_ident<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("ident?", &args)?.borrowed();
    Ok(i.env
        .make_bool(matches!(x.kind()?, Some(Kind::Symbol | Kind::Keyword))))
}

/// `(ifn? x)`: what can be called: fns, keywords, symbols, maps, sets
/// (sorted ones too), vectors, vars.
pub(crate) fn is_ifn<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("ifn?", &args)?.borrowed();
    let callable = match x.kind()? {
        Some(
            Kind::Fn
            | Kind::Keyword
            | Kind::Symbol
            | Kind::Map
            | Kind::ArrayMap
            | Kind::Set
            | Kind::Vector
            | Kind::Var
            | Kind::Sorted,
        ) => true,
        // A promise delivers its argument when called.
        Some(Kind::Atom) => i.is_promise(x)?,
        _ => false,
    };
    Ok(i.env.make_bool(callable))
}

/// `(-make-record type basis map)`: a record of type symbol `type` with
/// field keywords `basis` (a vector), holding `map`.
pub(crate) fn make_record<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [ty, basis, map] = &args[..] else {
        return Err(arity("clojure.core/-make-record", args.len()));
    };
    Ok(i.env
        .make_record(ty.borrowed(), basis.borrowed(), map.borrowed())?)
}

/// `(record? x)`.
pub(crate) fn is_record<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("record?", &args)?.borrowed();
    Ok(i.env.make_bool(x.record_type()?.is_some()))
}

/// `(-vec-of coll)`: the vector of `coll`'s elements, built in one go
/// rather than one `conj` at a time.
fn vec_of<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [coll] = &args[..] else {
        return Err(arity("clojure.core/-vec-of", args.len()));
    };
    let items = crate::seqs::elements(i, coll.borrowed())?;
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(i.env.make_vector(&refs)?)
}
