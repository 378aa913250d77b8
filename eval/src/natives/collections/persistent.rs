//! Native collection functions: `count first rest cons list vector conj
//! get assoc seq hash-map hash-set`, reading collections in place.

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use crate::seqs::elements;
use evelisp_heap::{Kind, Ref, Value, View, Word};

natives! {
    /// The number of elements of coll (of characters of a string); a seq is
    /// walked.
    #[arglists = "([coll])"]
    "count" => count;
    /// The first element of coll (nil when empty or nil).
    #[arglists = "([coll])"]
    "first" => first;
    /// The elements of coll after the first, as a seq (() when none); a lazy
    /// rest is not realized.
    #[arglists = "([coll])"]
    "rest" => rest;
    /// A new seq: x followed by the elements of seq.
    #[arglists = "([x seq])"]
    "cons" => cons;
    /// A list of the items.
    #[arglists = "([& items])"]
    "list" => list;
    /// A vector of the args.
    #[arglists = "([& args])"]
    "vector" => vector;
    /// coll with the xs added where that kind of collection adds: the end of a
    /// vector, the front of a list or seq, into a map (entries or maps) or set.
    #[arglists = "([] [coll] [coll x] [coll x & xs])"]
    "conj" => conj;
    /// The value of key in a map, set, vector (by index) or sorted collection,
    /// else not-found (nil).
    #[arglists = "([map key] [map key not-found])"]
    "get" => get;
    /// map (or vector, by index) with key mapped to val; a record stays a
    /// record.
    #[arglists = "([map key val] [map key val & kvs])"]
    "assoc" => assoc;
    /// A seq of coll's elements, nil when it is empty; a lazy seq is realized.
    #[arglists = "([coll])"]
    "seq" => seq;
    /// A map of the key/value pairs.
    #[arglists = "([& keyvals])"]
    "hash-map" => hash_map;
    /// A set of the keys.
    #[arglists = "([& keys])"]
    "hash-set" => hash_set;
    /// The element at index of a vector, list, seq or string; not-found, or an
    /// IndexOutOfBoundsException, past the end.
    #[arglists = "([coll index] [coll index not-found])"]
    "nth" => nth;
    /// Whether x is a list.
    #[arglists = "([x])"]
    "list?" => is_list;
    /// Whether x is a vector.
    #[arglists = "([x])"]
    "vector?" => is_vector;
    /// Whether x is a map (hash, array, sorted map or record).
    #[arglists = "([x])"]
    "map?" => is_map;
    /// Whether x is a set (hash or sorted).
    #[arglists = "([x])"]
    "set?" => is_set;
    /// Whether x is a symbol.
    #[arglists = "([x])"]
    "symbol?" => is_symbol;
    /// Whether x is a keyword.
    #[arglists = "([x])"]
    "keyword?" => is_keyword;
    /// Whether x is a string.
    #[arglists = "([x])"]
    "string?" => is_string;
    /// Whether x is a function.
    #[arglists = "([x])"]
    "fn?" => is_fn;
    /// The elements of coll after the first, as a seq, nil when none.
    #[arglists = "([coll])"]
    "next" => next;
    /// The seq of the elements of coll after the first n, or nil when there are
    /// none.
    #[arglists = "([coll n])"]
    "nthnext" => nthnext;
    /// Whether x is a seq: a list, a lazy seq or a cons.
    #[arglists = "([x])"]
    "seq?" => is_seq;
    /// Whether key is a key of a map or sorted map, a member of a set, or an
    /// index of a vector.
    #[arglists = "([coll key])"]
    "contains?" => contains;
    /// map without the keys.
    #[arglists = "([map] [map key] [map key & ks])"]
    "dissoc" => dissoc;
    /// A list without its first element, a vector without its last.
    #[arglists = "([coll])"]
    "pop" => pop;
    /// The first element of a list, the last of a vector; nil when empty.
    #[arglists = "([coll])"]
    "peek" => peek;
    /// set without the keys.
    #[arglists = "([set] [set key] [set key & ks])"]
    "disj" => disj;
    /// A seq of the keys of map, nil when it is empty.
    #[arglists = "([map])"]
    "keys" => keys;
    /// A seq of the values of map, nil when it is empty.
    #[arglists = "([map])"]
    "vals" => vals;
}

pub(crate) fn count<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("count", &args)?.borrowed();
    let n = match x.view()? {
        View::Nil => 0,
        View::Str(s) => s.chars().count() as u64,
        View::Host(_) => match crate::host_objects::snapshot(i.env(), x)? {
            Some(c) => c.borrowed().count()?,
            None => return Err(class_cast("countable", x)),
        },
        // Walks the seq, realizing it.
        View::Seq { .. } => {
            let mut n = 0u64;
            for e in i.seq_iter(i.env.own(x)?) {
                e?;
                n += 1;
            }
            n
        }
        _ => x.count().map_err(|_| {
            crate::error::EvalError::new(crate::error::EvalErrorKind::UnsupportedOperation(
                format!(
                    "count not supported on this type: {}",
                    crate::print::pr_str(x).unwrap_or_else(|_| "value".into())
                ),
            ))
        })?,
    };
    Ok(i.env.make_int(n as i64)?)
}

pub(crate) fn first<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("first", &args)?.borrowed();
    i.first_value(x)
}

pub(crate) fn rest<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("rest", &args)?.borrowed();
    i.rest_value(x)
}

pub(crate) fn cons<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x, coll] = &args[..] else {
        return Err(arity("clojure.core/cons", args.len()));
    };
    let coll = coll.borrowed();
    if matches!(coll.kind()?, Some(Kind::SeqCons | Kind::LazySeq)) {
        return Ok(i.env.seq_cons(x.borrowed(), coll)?);
    }
    if coll.is_nil() || coll.word() == Word::EMPTY_LIST || matches!(coll.kind()?, Some(Kind::Cons))
    {
        let tail = if coll.is_nil() {
            Ref::immediate(i.env, Word::EMPTY_LIST)
        } else {
            Some(coll)
        };
        let tail = tail.ok_or_else(|| class_cast("a list", coll))?;
        return Ok(i.env.cons(x.borrowed(), tail)?);
    }
    let mut items = vec![x.clone()];
    items.extend(elements(i, coll)?);
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

pub(crate) fn list<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let refs: Vec<Ref<'_>> = args.iter().map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

pub(crate) fn vector<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let refs: Vec<Ref<'_>> = args.iter().map(Value::borrowed).collect();
    Ok(i.env.make_vector(&refs)?)
}

pub(crate) fn conj<'e>(i: &Interp<'e>, mut args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Ok(i.env.make_vector(&[])?);
    }
    if args.len() == 1 {
        // `(conj coll)` is coll itself, nil included (Clojure's).
        return Ok(args.swap_remove(0));
    }
    // The collection is taken, not copied: a vector only this call holds
    // (the accumulator of a `reduce`, say) is appended to in place.
    let coll = std::mem::replace(&mut args[0], Value::nil(i.env));
    let xs = &args[1..];
    let mut acc = if coll.word() == Word::NIL {
        Value::immediate(i.env, Word::EMPTY_LIST).unwrap_or_else(|| Value::nil(i.env))
    } else {
        coll
    };
    for x in xs {
        acc = match acc.borrowed().kind()? {
            Some(Kind::Sorted) if acc.borrowed().sorted_parts()?.is_set => {
                i.realize_key(x.borrowed())?;
                i.sorted_assoc(acc.borrowed(), x.borrowed(), x.borrowed())?
            }
            Some(Kind::Sorted) if x.word() == Word::NIL => acc,
            Some(Kind::Sorted) => {
                let e = x.borrowed();
                if matches!(e.kind()?, Some(Kind::Vector)) && e.count()? == 2 {
                    i.sorted_assoc(acc.borrowed(), e.nth(0)?, e.nth(1)?)?
                } else {
                    // A map: its entries.
                    let mut m = acc;
                    for entry in elements(i, e)? {
                        let entry = entry.borrowed();
                        m = i.sorted_assoc(m.borrowed(), entry.nth(0)?, entry.nth(1)?)?;
                    }
                    m
                }
            }
            // As Clojure: nil adds nothing, a map adds its entries.
            Some(Kind::Map | Kind::ArrayMap) if x.word() == Word::NIL => acc,
            Some(Kind::Map | Kind::ArrayMap)
                if matches!(x.borrowed().kind()?, Some(Kind::Map | Kind::ArrayMap)) =>
            {
                let mut m = acc;
                for e in x.borrowed().entries()? {
                    let (k, v) = e?;
                    m = i.env.assoc(m.borrowed(), k, v)?;
                }
                m
            }
            Some(Kind::Map | Kind::ArrayMap) => {
                let e = x.borrowed();
                if matches!(e.kind()?, Some(Kind::Vector)) {
                    if e.count()? != 2 {
                        return Err(crate::error::EvalError::new(
                            crate::error::EvalErrorKind::IllegalArgument(
                                "Vector arg to map conj must be a pair".into(),
                            ),
                        ));
                    }
                    let (k, v) = (e.nth(0)?, e.nth(1)?);
                    i.realize_key(k)?;
                    i.env.assoc(acc.borrowed(), k, v)?
                } else {
                    // As Clojure's: a seq of entries, read one at a time (an
                    // element that is no entry stops it, also in an
                    // infinite seq).
                    let mut m = acc;
                    let s = i.seq_value(e)?;
                    for entry in i.seq_iter(s) {
                        let entry = entry?;
                        let entry = entry.borrowed();
                        if !matches!(entry.kind()?, Some(Kind::Vector)) || entry.count()? != 2 {
                            return Err(class_cast("a map entry", entry));
                        }
                        let (k, v) = (entry.nth(0)?, entry.nth(1)?);
                        i.realize_key(k)?;
                        m = i.env.assoc(m.borrowed(), k, v)?;
                    }
                    m
                }
            }
            Some(Kind::Set) => {
                i.realize_key(x.borrowed())?;
                i.env.conj(acc.borrowed(), x.borrowed())?
            }
            Some(Kind::Array) => return Err(class_cast("a collection", acc.borrowed())),
            _ => i.env.conj_owned(acc, x.borrowed())?,
        };
    }
    Ok(acc)
}

pub(crate) fn get<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (m, k, default) = match &args[..] {
        [m, k] => (m, k, None),
        [m, k, d] => (m, k, Some(d)),
        _ => return Err(arity("clojure.core/get", args.len())),
    };
    let m = m.borrowed();
    let found = match m.kind()? {
        Some(Kind::Sorted) => {
            let set = m.sorted_parts()?.is_set;
            i.sorted_get(m, k.borrowed())?
                .map(|(key, v)| if set { key } else { v })
        }
        Some(Kind::Map | Kind::ArrayMap | Kind::Set) => {
            i.realize_key(k.borrowed())?;
            m.get(k.borrowed())?
        }
        Some(Kind::Vector) => match k.borrowed().view()? {
            View::Int(n) if n >= 0 && (n as u64) < m.count()? => Some(m.nth(n as u64)?),
            _ => None,
        },
        Some(Kind::TaggedLiteral | Kind::ReaderConditional) => {
            return Ok(
                match crate::data_readers::reader_object_get(i.env, m, k.borrowed())? {
                    Some(v) => v,
                    None => default.cloned().unwrap_or_else(|| Value::nil(i.env)),
                },
            );
        }
        // As Clojure: any number is an index (its int value).
        Some(Kind::Array) => {
            let n = match k.borrowed().view()? {
                View::Int(n) => Some(n),
                View::Float(f) => Some(f as i32 as i64),
                _ => None,
            };
            return match n {
                Some(n) if n >= 0 && (n as u64) < m.count()? => {
                    crate::natives::array_element(i, m, n as u64)
                }
                _ => Ok(default.cloned().unwrap_or_else(|| Value::nil(i.env))),
            };
        }
        _ => None,
    };
    match (found, default) {
        (Some(v), _) => Ok(i.env.own(v)?),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Ok(Value::nil(i.env)),
    }
}

pub(crate) fn assoc<'e>(i: &Interp<'e>, mut args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.len() < 3 || args.len() % 2 == 0 {
        return Err(arity("clojure.core/assoc", args.len()));
    }
    // The map is taken, not copied: a hash map only this call holds (the
    // accumulator of a `reduce`, a `loop` local's last use) changes in place.
    let m = std::mem::replace(&mut args[0], Value::nil(i.env));
    let kvs = &args[1..];
    let mut acc = if m.word() == Word::NIL {
        i.env.empty_map()?
    } else {
        m
    };
    // One look at the kind (each is a header check).
    let kind = acc.borrowed().kind()?;
    if kind == Some(Kind::Array) {
        return Err(class_cast("associative", acc.borrowed()));
    }
    let is_vector = kind == Some(Kind::Vector);
    if kind == Some(Kind::Sorted) {
        for kv in kvs.chunks(2) {
            acc = i.sorted_assoc(acc.borrowed(), kv[0].borrowed(), kv[1].borrowed())?;
        }
        return Ok(acc);
    }
    for kv in kvs.chunks(2) {
        if !is_vector {
            i.realize_key(kv[0].borrowed())?;
        }
        acc = i.env.assoc_owned(acc, kv[0].borrowed(), kv[1].borrowed())?;
    }
    Ok(acc)
}

/// `(seq x)`: nil for an empty collection or nil, else a seq of its
/// elements (a list or a seq cons; a lazy seq realized). Strings give their
/// characters.
pub(crate) fn seq<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("seq", &args)?.borrowed();
    i.seq_value(x)
}

/// `(hash-map & kvs)`.
pub(crate) fn hash_map<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.len() % 2 != 0 {
        return Err(arity("clojure.core/hash-map", args.len()));
    }
    let mut m = i.env.empty_map()?;
    for kv in args.chunks(2) {
        i.realize_key(kv[0].borrowed())?;
        m = i
            .env
            .assoc(m.borrowed(), kv[0].borrowed(), kv[1].borrowed())?;
    }
    Ok(m)
}

/// `(hash-set & xs)`.
pub(crate) fn hash_set<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let mut s = i.env.empty_set()?;
    for x in &args {
        i.realize_key(x.borrowed())?;
        s = i.env.conj(s.borrowed(), x.borrowed())?;
    }
    Ok(s)
}

/// `(nth coll i)` / `(nth coll i not-found)`.
pub(crate) fn nth<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (coll, n, default) = match &args[..] {
        [c, n] => (c.borrowed(), n.borrowed(), None),
        [c, n, d] => (c.borrowed(), n.borrowed(), Some(d)),
        _ => return Err(arity("clojure.core/nth", args.len())),
    };
    let n = crate::numeric_tower::int_cast(n)?;
    let found = match coll.kind()? {
        Some(Kind::Vector | Kind::Cons) if n >= 0 && (n as u64) < coll.count()? => {
            Some(i.env.own(coll.nth(n as u64)?)?)
        }
        _ if coll.is_nil() || coll.word() == Word::EMPTY_LIST => None,
        Some(Kind::Vector | Kind::Cons) => None,
        Some(Kind::SeqCons | Kind::LazySeq) if n >= 0 => {
            i.seq_iter(i.env.own(coll)?).nth(n as usize).transpose()?
        }
        Some(Kind::SeqCons | Kind::LazySeq) => None,
        Some(Kind::String) if n >= 0 => coll
            .as_str()?
            .chars()
            .nth(n as usize)
            .map(|c| i.env.make_char(c)),
        Some(Kind::String) => None,
        Some(Kind::Array) if n >= 0 && (n as u64) < coll.count()? => {
            Some(crate::natives::array_element(i, coll, n as u64)?)
        }
        Some(Kind::Array) if default.is_none() => {
            return Err(crate::error::EvalError::new(
                crate::error::EvalErrorKind::ArrayIndexOutOfBounds(format!(
                    "Index {n} out of bounds for length {}",
                    coll.count()?
                )),
            ));
        }
        Some(Kind::Array) => None,
        _ => {
            return Err(crate::error::EvalError::new(
                crate::error::EvalErrorKind::UnsupportedOperation(format!(
                    "nth not supported on this type: {}",
                    crate::print::pr_str(coll).unwrap_or_else(|_| "value".into())
                )),
            ));
        }
    };
    match (found, default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(crate::error::EvalError::new(
            crate::error::EvalErrorKind::IndexOutOfBounds(format!("index {n} out of bounds")),
        )),
    }
}

fn kind_test<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    kinds: &[Kind],
) -> EvalResult<Value<'e>> {
    let x = one(name, args)?.borrowed();
    let yes = x.kind()?.is_some_and(|k| kinds.contains(&k))
        || (name == "list?" && x.word() == Word::EMPTY_LIST);
    Ok(i.env.make_bool(yes))
}

/// `(list? x)`.
pub(crate) fn is_list<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    kind_test(i, "list?", &a, &[Kind::Cons])
}
/// `(vector? x)`.
pub(crate) fn is_vector<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    kind_test(i, "vector?", &a, &[Kind::Vector])
}
/// `(map? x)` (a sorted map too).
pub(crate) fn is_map<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    if crate::sorted::sorted_kind(one("map?", &a)?.borrowed())? == Some(false) {
        return Ok(i.env.make_bool(true));
    }
    kind_test(i, "map?", &a, &[Kind::Map, Kind::ArrayMap])
}
/// `(set? x)` (a sorted set too).
pub(crate) fn is_set<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    if crate::sorted::sorted_kind(one("set?", &a)?.borrowed())? == Some(true) {
        return Ok(i.env.make_bool(true));
    }
    kind_test(i, "set?", &a, &[Kind::Set])
}
/// `(symbol? x)`.
pub(crate) fn is_symbol<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    kind_test(i, "symbol?", &a, &[Kind::Symbol])
}
/// `(keyword? x)`.
pub(crate) fn is_keyword<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    kind_test(i, "keyword?", &a, &[Kind::Keyword])
}
/// `(string? x)`.
pub(crate) fn is_string<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    kind_test(i, "string?", &a, &[Kind::String])
}
/// `(fn? x)`.
pub(crate) fn is_fn<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    kind_test(i, "fn?", &a, &[Kind::Fn])
}

/// `(next x)`: the elements after the first as a list, nil when none.
pub(crate) fn next<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("next", &args)?.borrowed();
    drop_n(i, x, 1)
}

/// `(nthnext coll n)`: the elements after the first `n`, nil when none.
pub(crate) fn nthnext<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [coll, n] = &args[..] else {
        return Err(arity("clojure.core/nthnext", args.len()));
    };
    // As Clojure's loop `(if (pos? n) (recur (dec n) ...))`: any number,
    // its steps rounded up (1/2 takes one, NaN none).
    let steps = match n.borrowed().view()? {
        View::Int(n) => usize::try_from(n).unwrap_or(0),
        _ => {
            let f = crate::numeric_tower::to_f64(&crate::numeric_tower::num(n.borrowed())?);
            if f > 0.0 {
                f.ceil().min(usize::MAX as f64) as usize
            } else {
                0
            }
        }
    };
    drop_n(i, coll.borrowed(), steps)
}

/// The elements of `x` after the first `n` as a seq (a list's or seq's
/// own tail, shared), nil when none are left.
fn drop_n<'e>(i: &Interp<'e>, x: Ref<'_>, n: usize) -> EvalResult<Value<'e>> {
    let kind = x.kind()?;
    // `(next s)` of a seq cons (a step through a chunk): its rest when that
    // is a cell, without taking counts of anything else.
    if n == 1 && kind == Some(Kind::SeqCons) {
        let rest = x.rest()?;
        return match rest.kind()? {
            Some(Kind::SeqCons | Kind::Cons) => Ok(i.env.own(rest)?),
            _ => i.seq_value(rest),
        };
    }
    if matches!(kind, Some(Kind::SeqCons | Kind::LazySeq)) {
        let mut s = i.seq_value(x)?;
        for _ in 0..n {
            if s.borrowed().is_nil() {
                break;
            }
            let rest = i.rest_value(s.borrowed())?;
            s = i.seq_value(rest.borrowed())?;
        }
        return Ok(s);
    }
    if matches!(x.kind()?, Some(Kind::Cons)) {
        let mut tail = x;
        for _ in 0..n {
            if !matches!(tail.kind()?, Some(Kind::Cons)) {
                return Ok(Value::nil(i.env));
            }
            tail = tail.rest()?;
        }
        return if matches!(tail.kind()?, Some(Kind::Cons)) {
            Ok(i.env.own(tail)?)
        } else {
            Ok(Value::nil(i.env))
        };
    }
    if let Some(s) = i.coll_seq_after(x, n as u64)? {
        return Ok(s);
    }
    let items = elements(i, x)?;
    if items.len() <= n {
        return Ok(Value::nil(i.env));
    }
    let refs: Vec<Ref<'_>> = items[n..].iter().map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

/// `(seq? x)`: whether `x` is a seq (a list, seq cons or lazy seq).
pub(crate) fn is_seq<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("seq?", &a)?.borrowed();
    Ok(i.env.make_bool(crate::seqs::is_seq_value(x)?))
}

/// `(contains? coll k)`: a key of a map, a member of a set, an index of a
/// vector.
pub(crate) fn contains<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [coll, k] = &args[..] else {
        return Err(arity("clojure.core/contains?", args.len()));
    };
    let coll = coll.borrowed();
    let yes = match coll.kind()? {
        Some(Kind::Sorted) => i.sorted_get(coll, k.borrowed())?.is_some(),
        Some(Kind::Map | Kind::ArrayMap | Kind::Set) => {
            i.realize_key(k.borrowed())?;
            coll.contains(k.borrowed())?
        }
        Some(Kind::Vector | Kind::Array) => match k.borrowed().view()? {
            View::Int(n) => n >= 0 && (n as u64) < coll.count()?,
            _ => false,
        },
        _ if coll.is_nil() => false,
        // A string's indexes, as Clojure's (a non-number key is an error).
        Some(Kind::String) if crate::numeric_tower::is_number(k.borrowed())? => {
            let n = crate::numeric_tower::int_cast(k.borrowed())?;
            n >= 0 && (n as usize) < coll.as_str()?.chars().count()
        }
        _ => {
            return Err(crate::error::EvalError::new(
                crate::error::EvalErrorKind::IllegalArgument(format!(
                    "contains? not supported on type: {}",
                    crate::print::pr_str(coll).unwrap_or_else(|_| "value".into())
                )),
            ));
        }
    };
    Ok(i.env.make_bool(yes))
}

/// `(dissoc m & ks)`.
pub(crate) fn dissoc<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((m, ks)) = args.split_first() else {
        return Err(arity("clojure.core/dissoc", 0));
    };
    let mut m = m.clone();
    if m.borrowed().is_nil() {
        return Ok(m);
    }
    for k in ks {
        if matches!(m.borrowed().kind()?, Some(Kind::Sorted)) {
            m = i.sorted_dissoc(m.borrowed(), k.borrowed())?;
            continue;
        }
        i.realize_key(k.borrowed())?;
        m = i.env.dissoc(m.borrowed(), k.borrowed())?;
    }
    Ok(m)
}

/// `(keys m)` / `(vals m)`: a seq of a map's keys or values, nil if empty
/// (chunked and lazy over a hash or array map, a list for a sorted one).
fn map_half<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    keys: bool,
) -> EvalResult<Value<'e>> {
    let m = one(name, args)?.borrowed();
    if m.is_nil() {
        return Ok(Value::nil(i.env));
    }
    if !matches!(m.kind()?, Some(Kind::Map | Kind::ArrayMap))
        && crate::sorted::sorted_kind(m)? != Some(false)
    {
        // As Clojure's: an empty collection of any kind has no keys; a
        // non-empty one that is no map is an error.
        if i.seq_value(m)?.borrowed().is_nil() {
            return Ok(Value::nil(i.env));
        }
        return Err(class_cast("a map", m));
    }
    // A hash or array map: a chunked seq read in place.
    let part = if keys {
        crate::coll_seq::Part::Keys
    } else {
        crate::coll_seq::Part::Vals
    };
    if let Some(s) = crate::coll_seq::coll_seq(i, m, part, 0)? {
        return Ok(s);
    }
    let mut items = Vec::new();
    for e in m.entries()? {
        let (k, v) = e?;
        items.push(if keys { k } else { v });
    }
    if items.is_empty() {
        return Ok(Value::nil(i.env));
    }
    Ok(i.env.make_list(&items)?)
}

/// `(keys m)`.
pub(crate) fn keys<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    map_half(i, "keys", &args, true)
}

/// `(vals m)`.
pub(crate) fn vals<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    map_half(i, "vals", &args, false)
}

/// `(pop coll)`: a list without its first element, a vector without its
/// last; an error on an empty one (as Clojure).
pub(crate) fn pop<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let coll = one("pop", &args)?.borrowed();
    if coll.is_nil() {
        return Ok(Value::nil(i.env));
    }
    i.env.pop(coll).map_err(|e| match e {
        evelisp_heap::HeapError::Empty(_) => crate::error::EvalError::new(
            crate::error::EvalErrorKind::IllegalState("Can't pop empty collection".into()),
        ),
        e => e.into(),
    })
}

/// `(peek coll)`: a list's first element, a vector's last; nil when empty.
pub(crate) fn peek<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let coll = one("peek", &args)?.borrowed();
    match coll.kind()? {
        Some(Kind::Cons) => Ok(i.env.own(coll.first()?)?),
        Some(Kind::Vector) => match coll.count()? {
            0 => Ok(Value::nil(i.env)),
            n => Ok(i.env.own(coll.nth(n - 1)?)?),
        },
        _ if coll.is_nil() || coll.word() == Word::EMPTY_LIST => Ok(Value::nil(i.env)),
        _ => Err(class_cast("a list or vector", coll)),
    }
}

/// `(disj set & xs)`: the set without the xs.
pub(crate) fn disj<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((set, xs)) = args.split_first() else {
        return Err(arity("clojure.core/disj", 0));
    };
    let mut s = set.clone();
    // As Clojure's: `(disj x)` gives x unchecked.
    if s.borrowed().is_nil() || xs.is_empty() {
        return Ok(s);
    }
    if crate::sorted::sorted_kind(s.borrowed())? == Some(true) {
        for x in xs {
            s = i.sorted_dissoc(s.borrowed(), x.borrowed())?;
        }
        return Ok(s);
    }
    if !matches!(s.borrowed().kind()?, Some(Kind::Set)) {
        return Err(class_cast("a set", s.borrowed()));
    }
    for x in xs {
        i.realize_key(x.borrowed())?;
        s = i.env.disj(s.borrowed(), x.borrowed())?;
    }
    Ok(s)
}
