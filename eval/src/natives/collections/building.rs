//! Natives that build a collection from another in one pass: `-into`
//! (what `into` does without a transducer), `-mapv`, `-filterv` and
//! `-reduce-kv` (what `reduce-kv` does on maps, vectors and nil).
//!
//! The result grows in place while nobody else holds it: the first step
//! copies `to` (held by its caller too), every later one appends to or
//! assocs into the value only this call holds (`Env::conj_owned`,
//! `Env::assoc_owned`, `Env::set_conj_owned`), as Clojure's transients. A
//! map's entries are read in place and, where they go into a map or to
//! `f` as key and value, never made into entry vectors.

use crate::error::{EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::{Args, args};
use crate::natives::collections::persistent::conj;
use crate::natives::seqs::lazy::{each_element, reduced_inner};
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value};

natives! {
    /// Internal: to with every element of from conjoined (into without a
    /// transducer), to's metadata kept.
    #[arglists = "([to from])"]
    "-into" => into;
    /// Internal: the vector of (f x) for each x of coll (mapv of one coll).
    #[arglists = "([f coll])"]
    "-mapv" => mapv;
    /// Internal: the vector of the xs of coll for which (pred x) is truthy.
    #[arglists = "([pred coll])"]
    "-filterv" => filterv;
    /// Internal: reduce-kv of a map (its entries in place), a vector (index
    /// and element) or nil; stops at a reduced value.
    #[arglists = "([f init coll])"]
    "-reduce-kv" => reduce_kv;
}

/// What a target collection is, for adding to it in place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Vector,
    Map,
    Set,
    /// Anything else: each element added by the `conj` native.
    Other,
}

fn target_of(to: Ref<'_>) -> EvalResult<Target> {
    if to.record_type()?.is_some() {
        return Ok(Target::Other);
    }
    Ok(match to.kind()? {
        Some(Kind::Vector) => Target::Vector,
        Some(Kind::Map | Kind::ArrayMap) => Target::Map,
        Some(Kind::Set) => Target::Set,
        _ => Target::Other,
    })
}

/// `acc` with `x` added as `conj` adds it to a target of kind `t`.
fn add<'e>(i: &Interp<'e>, t: Target, acc: Value<'e>, x: Value<'e>) -> EvalResult<Value<'e>> {
    let env = i.env;
    match t {
        Target::Vector => Ok(env.conj_owned(acc, x.borrowed())?),
        Target::Set => {
            i.realize_key(x.borrowed())?;
            Ok(env.set_conj_owned(acc, x.borrowed())?)
        }
        Target::Map => {
            let e = x.borrowed();
            if matches!(e.kind()?, Some(Kind::Vector)) && e.count()? == 2 {
                let (k, v) = (e.nth(0)?, e.nth(1)?);
                i.realize_key(k)?;
                return Ok(env.assoc_owned(acc, k, v)?);
            }
            // nil, a map, a seq of entries or an error: as `conj`.
            conj(i, args![acc, x])
        }
        Target::Other => conj(i, args![acc, x]),
    }
}

/// `(-into to from)`: `(reduce conj to from)`, each element added in place
/// while only this call holds the result; a map's entries go into a map
/// target as key and value. The result carries `to`'s metadata.
fn into<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [to, from] = &args[..] else {
        return Err(arity("clojure.core/-into", args.len()));
    };
    let t = target_of(to.borrowed())?;
    if t == Target::Other {
        let mut acc = to.clone();
        each_element(i, from.clone(), &mut |x| {
            let prev = std::mem::replace(&mut acc, Value::nil(i.env));
            acc = add(i, t, prev, x)?;
            Ok(true)
        })?;
        return Ok(acc);
    }
    let env = i.env;
    let meta = to.borrowed().meta()?;
    // Without the metadata wrapper, so that the result can grow in place.
    let mut acc = env.own(to.borrowed().without_meta()?)?;
    let f = from.borrowed();
    if t == Target::Map
        && matches!(f.kind()?, Some(Kind::Map | Kind::ArrayMap))
        && f.record_type()?.is_none()
    {
        for e in f.entries()? {
            let (k, v) = e?;
            acc = env.assoc_owned(acc, k, v)?;
        }
    } else {
        each_element(i, from.clone(), &mut |x| {
            let prev = std::mem::replace(&mut acc, Value::nil(env));
            acc = add(i, t, prev, x)?;
            Ok(true)
        })?;
    }
    match meta {
        Some(m) => Ok(env.with_meta(acc.borrowed(), m)?),
        None => Ok(acc),
    }
}

/// `(-mapv f coll)`: a vector of `(f x)` for each x of coll, appended in
/// place.
fn mapv<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [f, coll] = &args[..] else {
        return Err(arity("clojure.core/-mapv", args.len()));
    };
    let f = i.callee(f.borrowed())?;
    let mut acc = i.env.empty_vector()?;
    each_element(i, coll.clone(), &mut |x| {
        let y = i.call_callee_with(&f, [x])?;
        let prev = std::mem::replace(&mut acc, Value::nil(i.env));
        acc = i.env.conj_owned(prev, y.borrowed())?;
        Ok(true)
    })?;
    Ok(acc)
}

/// `(-filterv pred coll)`: a vector of the xs of coll for which `(pred x)`
/// is truthy, appended in place.
fn filterv<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [pred, coll] = &args[..] else {
        return Err(arity("clojure.core/-filterv", args.len()));
    };
    let pred = i.callee(pred.borrowed())?;
    let mut acc = i.env.empty_vector()?;
    each_element(i, coll.clone(), &mut |x| {
        if crate::rust_values::truthy(i.call_callee_with(&pred, [x.clone()])?.borrowed()) {
            let prev = std::mem::replace(&mut acc, Value::nil(i.env));
            acc = i.env.conj_owned(prev, x.borrowed())?;
        }
        Ok(true)
    })?;
    Ok(acc)
}

/// `(-reduce-kv f init coll)`: `(f acc k v)` over a map's entries (read in
/// place, no entry vectors) or a vector's indexes and elements; init for
/// nil. A reduced value stops it and is unwrapped.
fn reduce_kv<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [f, init, coll] = &args[..] else {
        return Err(arity("clojure.core/-reduce-kv", args.len()));
    };
    let (f, c) = (i.callee(f.borrowed())?, coll.borrowed());
    let env = i.env;
    let mut acc = init.clone();
    // `(f acc k v)`; false once it gave a reduced value (then unwrapped).
    let mut step = |k: Value<'e>, v: Value<'e>| -> EvalResult<bool> {
        let prev = std::mem::replace(&mut acc, Value::nil(env));
        let next = i.call_callee_with(&f, [prev, k, v])?;
        match reduced_inner(i, next.borrowed())? {
            Some(inner) => {
                acc = inner;
                Ok(false)
            }
            None => {
                acc = next;
                Ok(true)
            }
        }
    };
    match c.kind()? {
        None if c.is_nil() => {}
        Some(Kind::Vector) => {
            for (n, x) in c.elements()?.enumerate() {
                if !step(env.make_int(n as i64)?, env.own(x?)?)? {
                    break;
                }
            }
        }
        Some(Kind::Map | Kind::ArrayMap) => {
            for e in c.entries()? {
                let (k, v) = e?;
                if !step(env.own(k)?, env.own(v)?)? {
                    break;
                }
            }
        }
        Some(Kind::Sorted) if !c.sorted_parts()?.is_set => {
            for e in c.entries()? {
                let (k, v) = e?;
                if !step(env.own(k)?, env.own(v)?)? {
                    break;
                }
            }
        }
        _ => return Err(class_cast("a map or vector", c)),
    }
    Ok(acc)
}
