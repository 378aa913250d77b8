//! Native refs and transactions: `ref ref-set alter commute ensure`, and
//! `-run-in-transaction`/`-io-check` behind the `dosync` and `io!` macros
//! (the transaction log and commit are in `crate::stm`).

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value};

natives! {
    /// A new ref holding x, to be changed only in a transaction (dosync);
    /// options such as :validator are not supported.
    #[arglists = "([x] [x & options])"]
    "ref" => ref_new;
    /// Inside a transaction, sets ref to val and returns val.
    #[arglists = "([ref val])"]
    "ref-set" => ref_set;
    /// Inside a transaction, sets ref to (apply fun its-in-transaction-value
    /// args) and returns the new value.
    #[arglists = "([ref fun & args])"]
    "alter" => alter;
    /// Inside a transaction, sets ref to (apply fun its-in-transaction-value
    /// args) and returns the new value; in evelisp the same as alter.
    #[arglists = "([ref fun & args])"]
    "commute" => alter;
    /// Inside a transaction, the value of ref, protected so the transaction
    /// commits only if no other one changed ref meanwhile.
    #[arglists = "([ref])"]
    "ensure" => ensure;
    /// Internal: calls f in a transaction (joining the running one, if any) and
    /// commits it, retrying on conflict; what dosync expands to.
    #[arglists = "([f])"]
    "-run-in-transaction" => run_in_transaction;
    /// Internal: throws an IllegalStateException when called inside a
    /// transaction, else nil (what io! expands to).
    #[arglists = "([])"]
    "-io-check" => io_check;
}

fn cell_arg<'a>(i: &Interp<'_>, name: &str, r: &'a Value<'_>) -> EvalResult<Ref<'a>> {
    i.ref_cell(r.borrowed())?
        .ok_or_else(|| class_cast(&format!("a ref ({name})"), r.borrowed()))
}

/// `(ref x)`: a new ref holding `x` (options such as :validator are not
/// supported).
pub(crate) fn ref_new<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let Some(x) = args.first() else {
        return Err(arity("clojure.core/ref", 0));
    };
    i.new_ref(x.clone())
}

/// `(ref-set r v)`: sets ref `r` to `v` in the running transaction.
pub(crate) fn ref_set<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [r, v] = &args[..] else {
        return Err(arity("clojure.core/ref-set", args.len()));
    };
    i.ref_set(cell_arg(i, "ref-set", r)?, v.clone())
}

/// `(alter r f & args)`: sets ref `r` to `(apply f in-transaction-value
/// args)`; the new value. (`commute` is the same here.)
pub(crate) fn alter<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [r, f, rest @ ..] = &args[..] else {
        return Err(arity("clojure.core/alter", args.len()));
    };
    let cell = cell_arg(i, "alter", r)?;
    if !i.in_transaction() {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "No transaction running".into(),
        )));
    }
    let mut call = vec![i.ref_value(cell)?];
    call.extend(rest.iter().cloned());
    let v = i.apply(f.borrowed(), call)?;
    i.ref_set(cell, v)
}

/// `(ensure r)`: the value of ref `r` in the running transaction, which
/// commits only if no other transaction changed `r` meanwhile.
pub(crate) fn ensure<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let r = one("ensure", &args)?;
    let cell = cell_arg(i, "ensure", r)?;
    if !i.in_transaction() {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "No transaction running".into(),
        )));
    }
    i.ref_value(cell)
}

/// `(-run-in-transaction f)`: what `dosync` expands to.
pub(crate) fn run_in_transaction<'e>(
    i: &Interp<'e>,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    i.run_in_transaction(one("-run-in-transaction", &args)?.borrowed())
}

/// `(-io-check)`: an IllegalStateException inside a transaction (`io!`).
pub(crate) fn io_check<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/-io-check", args.len()));
    }
    if i.in_transaction() {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "I/O in transaction".into(),
        )));
    }
    Ok(Value::nil(i.env))
}
