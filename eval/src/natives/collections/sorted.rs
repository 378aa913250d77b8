//! Native sorted collections: `sorted-map sorted-map-by sorted-set
//! sorted-set-by sorted?`, and `-sorted-from` behind `subseq`/`rsubseq`
//! (the tree and its comparator are in `crate::sorted`).

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value};

natives! {
    /// A sorted map of the key/value pairs, ordered by compare.
    #[arglists = "([& keyvals])"]
    "sorted-map" => sorted_map;
    /// A sorted map ordered by comparator.
    #[arglists = "([comparator & keyvals])"]
    "sorted-map-by" => sorted_map_by;
    /// A sorted set of the keys, ordered by compare.
    #[arglists = "([& keys])"]
    "sorted-set" => sorted_set;
    /// A sorted set ordered by comparator.
    #[arglists = "([comparator & keys])"]
    "sorted-set-by" => sorted_set_by;
    /// Whether coll is a sorted map or sorted set.
    #[arglists = "([coll])"]
    "sorted?" => is_sorted;
    /// Internal: a and b compared with the comparator of the sorted collection
    /// sc (what subseq and rsubseq test keys with).
    #[arglists = "([sc a b])"]
    "-sorted-compare" => sorted_compare;
}

/// A sorted map of comparator `cmp` holding the pairs `kvs`.
fn map_of<'e>(
    i: &Interp<'e>,
    name: &str,
    cmp: Ref<'_>,
    kvs: &[Value<'e>],
) -> EvalResult<Value<'e>> {
    if kvs.len() % 2 != 0 {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "{name}: No value supplied for key: {}",
            i.pr_str(kvs[kvs.len() - 1].borrowed())?
        ))));
    }
    let mut m = i.sorted_empty(cmp, false)?;
    for kv in kvs.chunks(2) {
        m = i.sorted_assoc(m.borrowed(), kv[0].borrowed(), kv[1].borrowed())?;
    }
    Ok(m)
}

/// A sorted set of comparator `cmp` holding `xs`.
fn set_of<'e>(i: &Interp<'e>, cmp: Ref<'_>, xs: &[Value<'e>]) -> EvalResult<Value<'e>> {
    let mut s = i.sorted_empty(cmp, true)?;
    for x in xs {
        s = i.sorted_assoc(s.borrowed(), x.borrowed(), x.borrowed())?;
    }
    Ok(s)
}

/// `(sorted-map & kvs)`.
pub(crate) fn sorted_map<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    map_of(i, "sorted-map", Value::nil(i.env).borrowed(), &args)
}

/// `(sorted-map-by comparator & kvs)`.
pub(crate) fn sorted_map_by<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((cmp, kvs)) = args.split_first() else {
        return Err(arity("clojure.core/sorted-map-by", 0));
    };
    map_of(i, "sorted-map-by", cmp.borrowed(), kvs)
}

/// `(sorted-set & xs)`.
pub(crate) fn sorted_set<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    set_of(i, Value::nil(i.env).borrowed(), &args)
}

/// `(sorted-set-by comparator & xs)`.
pub(crate) fn sorted_set_by<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((cmp, xs)) = args.split_first() else {
        return Err(arity("clojure.core/sorted-set-by", 0));
    };
    set_of(i, cmp.borrowed(), xs)
}

/// `(sorted? x)`.
pub(crate) fn is_sorted<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("sorted?", &args)?.borrowed();
    Ok(i.env.make_bool(crate::sorted::sorted_kind(x)?.is_some()))
}

/// `(-sorted-compare sc a b)`: `a` and `b` compared by sorted collection
/// `sc`'s comparator (what `subseq` tests keys with).
pub(crate) fn sorted_compare<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [sc, a, b] = &args[..] else {
        return Err(arity("clojure.core/-sorted-compare", args.len()));
    };
    if crate::sorted::sorted_kind(sc.borrowed())?.is_none() {
        return Err(class_cast("a sorted collection", sc.borrowed()));
    }
    let parts = sc.borrowed().sorted_parts()?;
    let c = i.compare_with(parts.comparator, a.borrowed(), b.borrowed())?;
    Ok(i.env.make_int(c)?)
}
