//! Native refs and transactions: `ref ref-set alter commute ensure`, and
//! `-run-in-transaction`/`-io-check` behind the `dosync` and `io!` macros
//! (the transaction log and commit are in `crate::stm`).

use super::{arity, class_cast, one};
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use evelisp_heap::{Ref, Value};

fn cell_arg<'a>(i: &Interp<'_>, name: &str, r: &'a Value<'_>) -> EvalResult<Ref<'a>> {
    i.ref_cell(r.borrowed())?
        .ok_or_else(|| class_cast(&format!("a ref ({name})"), r.borrowed()))
}

/// `(ref x)`: a new ref holding `x` (options such as :validator are not
/// supported).
pub(crate) fn ref_new<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let Some(x) = args.first() else {
        return Err(arity("ref", 0));
    };
    i.new_ref(x.clone())
}

/// `(ref-set r v)`: sets ref `r` to `v` in the running transaction.
pub(crate) fn ref_set<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [r, v] = &args[..] else {
        return Err(arity("ref-set", args.len()));
    };
    i.ref_set(cell_arg(i, "ref-set", r)?, v.clone())
}

/// `(alter r f & args)`: sets ref `r` to `(apply f in-transaction-value
/// args)`; the new value. (`commute` is the same here.)
pub(crate) fn alter<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [r, f, rest @ ..] = &args[..] else {
        return Err(arity("alter", args.len()));
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
        return Err(arity("-io-check", args.len()));
    }
    if i.in_transaction() {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "I/O in transaction".into(),
        )));
    }
    Ok(Value::nil(i.env))
}
