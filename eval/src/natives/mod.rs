//! Native functions: Rust functions stored in the env file by a stable
//! name. A native's fn object holds a code object whose body is its
//! qualified name symbol and whose aux is the keyword `:evelisp/native`;
//! each process looks the name up in [`NATIVES`] when it is called, so a
//! file that names a native this binary lacks gives a clear error at call
//! time. [`install`] interns every native's var in `clojure.core` (once per
//! env file: a var already holding the native is left alone).
//!
//! A native fn whose captured vector is not nil is a *native closure*
//! (`bound-fn*`): the vector is passed as its first argument.
//!
//! These are the primitives the evaluator's own tests need; the core
//! library (issue 5) adds the rest, mostly in evelisp itself.

mod coll;
mod coll_access;
mod conc;
mod docs;
mod lang;
mod lazy;
mod ns;
mod num;
mod refs;
mod refs_stm;
mod seq_fns;
mod sorted_colls;
mod vars;

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::{CORE_NS, Interp};
use coll::*;
use coll_access::*;
use conc::*;
use evelisp_heap::{Kind, Ref, Value};
use lang::*;
use lazy::*;
use ns::*;
use num::*;
use refs::*;
use refs_stm::*;
use seq_fns::*;
use sorted_colls::*;
use vars::*;

/// A native function.
pub type Native = for<'e> fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>>;

/// Every native, by its name in `clojure.core`.
pub const NATIVES: &[(&str, Native)] = &[
    ("+", add),
    ("-", sub),
    ("*", mul),
    ("<", lt),
    (">", gt),
    ("<=", le),
    (">=", ge),
    ("=", equal),
    ("inc", inc),
    ("dec", dec),
    ("/", div),
    ("+'", add_promote),
    ("-'", sub_promote),
    ("*'", mul_promote),
    ("inc'", inc_promote),
    ("dec'", dec_promote),
    ("unchecked-add", unchecked_add),
    ("unchecked-subtract", unchecked_subtract),
    ("unchecked-multiply", unchecked_multiply),
    ("unchecked-inc", unchecked_inc),
    ("unchecked-dec", unchecked_dec),
    ("unchecked-negate", unchecked_negate),
    ("quot", quot),
    ("rem", rem),
    ("mod", modulo),
    ("==", num_equal),
    ("compare", compare),
    ("max", max),
    ("min", min),
    ("abs", abs),
    ("bit-and", bit_and),
    ("bit-or", bit_or),
    ("bit-xor", bit_xor),
    ("bit-not", bit_not),
    ("bit-and-not", bit_and_not),
    ("bit-shift-left", bit_shift_left),
    ("bit-shift-right", bit_shift_right),
    ("unsigned-bit-shift-right", unsigned_bit_shift_right),
    ("bit-test", bit_test),
    ("bit-set", bit_set),
    ("bit-clear", bit_clear),
    ("bit-flip", bit_flip),
    ("number?", is_number_p),
    ("integer?", is_integer),
    ("int?", is_int),
    ("float?", is_float),
    ("double?", is_double),
    ("ratio?", is_ratio),
    ("rational?", is_rational),
    ("decimal?", is_decimal),
    ("zero?", is_zero),
    ("pos?", is_pos),
    ("neg?", is_neg),
    ("even?", is_even),
    ("odd?", is_odd),
    ("nat-int?", is_nat_int),
    ("pos-int?", is_pos_int),
    ("neg-int?", is_neg_int),
    ("NaN?", is_nan),
    ("infinite?", is_infinite),
    ("numerator", numerator),
    ("denominator", denominator),
    ("rationalize", rationalize),
    ("double", double),
    ("float", float),
    ("long", long),
    ("int", int),
    ("bigint", bigint),
    ("biginteger", bigint),
    ("num", num_fn),
    ("char", char_fn),
    ("not", not),
    ("nil?", is_nil),
    ("count", count),
    ("first", first),
    ("rest", rest),
    ("cons", cons),
    ("list", list),
    ("vector", vector),
    ("conj", conj),
    ("get", get),
    ("assoc", assoc),
    ("str", str_),
    ("pr-str", pr_str),
    ("atom", atom),
    ("deref", deref),
    ("swap!", swap),
    ("reset!", reset),
    ("swap-vals!", swap_vals),
    ("reset-vals!", reset_vals),
    ("compare-and-set!", compare_and_set),
    ("set-validator!", set_validator),
    ("get-validator", get_validator),
    ("add-watch", add_watch),
    ("remove-watch", remove_watch),
    ("apply", apply),
    ("seq", seq),
    ("lazy-seq*", lazy_seq),
    ("hash", hash),
    ("-range-longs", range_longs),
    ("-range-chunk", range_chunk),
    ("reduce", reduce),
    ("ref", ref_new),
    ("ref-set", ref_set),
    ("alter", alter),
    ("commute", alter),
    ("ensure", ensure),
    ("-run-in-transaction", run_in_transaction),
    ("-io-check", io_check),
    ("alter-var-root", alter_var_root),
    ("intern", intern),
    ("find-var", find_var),
    ("var-get", var_get),
    ("var-set", var_set),
    ("bound?", is_bound),
    ("thread-bound?", is_thread_bound),
    ("load-string", load_string),
    ("sorted-map", sorted_map),
    ("sorted-map-by", sorted_map_by),
    ("sorted-set", sorted_set),
    ("sorted-set-by", sorted_set_by),
    ("sorted?", is_sorted),
    ("-sorted-compare", sorted_compare),
    ("-map1", map1),
    ("-map-step", map_step),
    ("-filter1", filter1),
    ("-filter-step", filter_step),
    ("find", find),
    ("-make-record", make_record),
    ("record?", is_record),
    ("key", key),
    ("val", val),
    ("map-entry?", is_map_entry),
    ("empty", empty),
    ("subvec", subvec),
    ("rseq", rseq),
    ("char?", is_char),
    ("boolean?", is_boolean),
    ("ident?", is_ident),
    ("ifn?", is_ifn),
    ("reduced", reduced),
    ("reduced?", is_reduced),
    ("unreduced", unreduced),
    ("concat", concat),
    ("hash-map", hash_map),
    ("hash-set", hash_set),
    ("nth", nth),
    ("list?", is_list),
    ("vector?", is_vector),
    ("map?", is_map),
    ("set?", is_set),
    ("symbol?", is_symbol),
    ("keyword?", is_keyword),
    ("string?", is_string),
    ("fn?", is_fn),
    ("with-meta", with_meta),
    ("meta", meta),
    ("alter-meta!", alter_meta),
    ("reset-meta!", reset_meta),
    ("next", next),
    ("nthnext", nthnext),
    ("seq?", is_seq),
    ("contains?", contains),
    ("dissoc", dissoc),
    ("pop", pop),
    ("peek", peek),
    ("disj", disj),
    ("keys", keys),
    ("vals", vals),
    ("destructure", crate::destructure::destructure_native),
    ("identity", identity),
    ("eval", eval_fn),
    ("gensym", gensym),
    ("symbol", symbol),
    ("keyword", keyword),
    ("name", name),
    ("namespace", namespace),
    ("macroexpand-1", macroexpand_1),
    ("macroexpand", macroexpand),
    ("println", println),
    ("print", print),
    ("prn", prn),
    ("pr", pr),
    ("ex-info", ex_info),
    ("ex-data", ex_data),
    ("ex-message", ex_message),
    ("ex-cause", ex_cause),
    ("in-ns", in_ns),
    ("create-ns", create_ns),
    ("find-ns", find_ns),
    ("the-ns", the_ns),
    ("all-ns", all_ns),
    ("ns-name", ns_name),
    ("alias", alias),
    ("refer", refer),
    ("refer-clojure", refer_clojure),
    ("ns-map", ns_map),
    ("ns-interns", ns_interns),
    ("ns-publics", ns_publics),
    ("ns-unmap", ns_unmap),
    ("ns-aliases", ns_aliases),
    ("resolve", resolve),
    ("ns-resolve", ns_resolve),
    ("load-file", load_file),
    ("require", require),
    ("future-call", future_call),
    ("future-done?", future_done),
    ("future?", is_future),
    ("promise", promise),
    ("deliver", deliver),
    ("delay*", delay_fn),
    ("force", force),
    ("delay?", is_delay),
    ("realized?", is_realized),
    ("pmap", pmap),
    ("-processors", processors),
    ("-apply-captured", apply_captured),
    ("get-thread-bindings", get_thread_bindings),
    ("with-bindings*", with_bindings),
    ("bound-fn*", bound_fn),
    ("-bound-fn-call", bound_fn_call),
    ("with-out-str*", with_out_str),
    ("future", future_macro),
    ("delay", delay_macro),
    ("bound-fn", bound_fn_macro),
    ("with-bindings", with_bindings_macro),
    ("with-out-str", with_out_str_macro),
    ("letfn", crate::letfn::letfn_macro),
];

/// The natives that are macros (their vars are marked `^:macro`; they take
/// `&form &env` first, like any macro).
pub const NATIVE_MACROS: &[&str] = &[
    "future",
    "delay",
    "bound-fn",
    "with-bindings",
    "with-out-str",
    "letfn",
];

/// Clojure's `(compare a b)`: negative, zero or positive (numbers, strings,
/// keywords, symbols, characters, booleans, nil, vectors); an error for
/// values that do not compare.
pub fn compare_values(a: Ref<'_>, b: Ref<'_>) -> EvalResult<i64> {
    num::compare_values(a, b)
}

/// The elements of a list, vector, set or map (entries as `[k v]`
/// vectors), or none for nil; an error for anything else.
pub fn elements<'e>(i: &Interp<'e>, coll: Ref<'_>) -> EvalResult<Vec<Value<'e>>> {
    coll::elements(i, coll)
}

/// The native named `ns/name`, if this binary has it.
pub fn lookup(qualified: &str) -> Option<Native> {
    let name = qualified.strip_prefix(CORE_NS)?.strip_prefix('/')?;
    NATIVES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Interns every native's var in `clojure.core`, bound to its fn object
/// unless it already holds that native.
pub(crate) fn install(interp: &Interp<'_>) -> EvalResult<()> {
    let env = interp.env;
    crate::print::define_print_meta(interp)?;
    // Once per env file and set of natives: a stamp (a hash of the names)
    // in the var `evelisp.eval/natives` says they are bound already.
    let stamp_root = {
        let ns_sym = env.intern_symbol(None, "evelisp.eval")?;
        let ns = env.namespace(&interp.p, ns_sym.borrowed())?;
        let name = env.intern_symbol(None, "natives")?;
        let var = env.intern_var(&interp.p, ns.borrowed(), name.borrowed())?;
        env.var_root(var.borrowed())?
    };
    let stamp = natives_stamp();
    let current = stamp_root.get(&interp.p)?;
    if current.borrowed().as_i64().ok() == Some(stamp) {
        return Ok(());
    }
    let marker = env.intern_keyword(Some("evelisp"), "native")?;
    for (name, _) in NATIVES {
        let sym = env.intern_symbol(None, name)?;
        let var = env.intern_var(&interp.p, interp.core.borrowed(), sym.borrowed())?;
        if NATIVE_MACROS.contains(name) {
            env.var_set_flags(var.borrowed(), evelisp_heap::VAR_MACRO)?;
        }
        let root = env.var_root(var.borrowed())?;
        let current = root.get(&interp.p)?;
        if is_core_native_named(current.borrowed(), name)? {
            continue;
        }
        let qualified = env.intern_symbol(Some(CORE_NS), name)?;
        let code = env.new_code(qualified.borrowed(), marker.borrowed(), &[])?;
        let f = env.new_fn(
            code.borrowed(),
            Value::nil(env).borrowed(),
            qualified.borrowed(),
        )?;
        root.compare_and_set(&interp.p, current.borrowed(), f)?;
    }
    define_docs(interp)?;
    stamp_root.reset(&interp.p, env.make_int(stamp)?)?;
    Ok(())
}

/// Gives the natives of [`docs::DOCS`] their `:doc` and `:arglists` (with
/// `:ns` and `:name`, as a `defn` would).
fn define_docs(interp: &Interp<'_>) -> EvalResult<()> {
    let env = interp.env;
    let key = |k: &str| env.intern_keyword(None, k);
    for (name, arglists, doc) in docs::DOCS {
        let sym = env.intern_symbol(None, name)?;
        let var = env.intern_var(&interp.p, interp.core.borrowed(), sym.borrowed())?;
        let arglists = interp.read_string(arglists)?;
        let doc = env.make_string(doc)?;
        let mut m = env.empty_map()?;
        for (k, v) in [
            ("ns", interp.core.borrowed()),
            ("name", sym.borrowed()),
            ("arglists", arglists.borrowed()),
            ("doc", doc.borrowed()),
        ] {
            m = env.assoc(m.borrowed(), key(k)?.borrowed(), v)?;
        }
        env.var_meta(var.borrowed())?.reset(&interp.p, m)?;
    }
    Ok(())
}

/// A hash (FNV-1a, as a non-negative integer) of the natives' names,
/// which are macros, and their docs.
fn natives_stamp() -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let names = NATIVES
        .iter()
        .map(|(n, _)| *n)
        .chain(NATIVE_MACROS.iter().copied())
        .chain(docs::DOCS.iter().flat_map(|(n, a, d)| [*n, *a, *d]));
    for b in names.flat_map(|n| n.bytes().chain([0])) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 2) as i64
}

fn is_core_native_named(v: Ref<'_>, name: &str) -> EvalResult<bool> {
    let qualified = v.env().intern_symbol(Some(CORE_NS), name)?;
    is_native_named(v, qualified.borrowed())
}

/// Whether `v` is the native fn object naming `qualified` (a symbol).
pub(crate) fn is_native_named(v: Ref<'_>, qualified: Ref<'_>) -> EvalResult<bool> {
    if !matches!(v.kind()?, Some(Kind::Fn)) {
        return Ok(false);
    }
    let env = v.env();
    let (code, _, _) = env.fn_parts(v)?;
    let (body, aux, _) = env.code_parts(code)?;
    Ok(body.word() == qualified.word() && matches!(aux.kind()?, Some(Kind::Keyword)))
}

pub(crate) fn class_cast(what: &str, v: Ref<'_>) -> EvalError {
    let shown = crate::print::pr_str(v).unwrap_or_else(|_| "value".into());
    EvalError::new(EvalErrorKind::ClassCast(format!("{shown} is not {what}")))
}

pub(crate) fn arity(name: &str, count: usize) -> EvalError {
    EvalError::new(EvalErrorKind::Arity {
        count,
        name: format!("{CORE_NS}/{name}"),
    })
}

pub(crate) fn one<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args {
        [x] => Ok(x),
        _ => Err(arity(name, args.len())),
    }
}
