//! Native refs and transactions: `ref` (with its options) `ref-set alter
//! commute ensure ref-history-count ref-min-history ref-max-history`, and
//! `-run-in-transaction`/`-io-check` behind the `dosync` and `io!` macros
//! (the transaction log and commit are in `crate::stm`).

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::{Args, args};
use crate::natives::one;
use crate::natives::refs::atoms::options_map;
use crate::print::class_cast;
use evelisp_heap::{Ref, Value};

natives! {
    /// A new ref holding x, to be changed only in a transaction (dosync).
    /// Options: :validator f (checked at commit), :meta m, :min-history n and
    /// :max-history n (recorded; evelisp refs keep no history).
    #[arglists = "([x] [x & options])"]
    "ref" => ref_new;
    /// The number of past values ref keeps: always 0 in evelisp (a
    /// transaction that meets a newer value runs again instead).
    #[arglists = "([ref])"]
    "ref-history-count" => ref_history_count;
    /// Gets (default 0) or sets the min-history of ref; the setter returns
    /// ref.
    #[arglists = "([ref] [ref n])"]
    "ref-min-history" => ref_min_history;
    /// Gets (default 10) or sets the max-history of ref; the setter returns
    /// ref.
    #[arglists = "([ref] [ref n])"]
    "ref-max-history" => ref_max_history;
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

/// `(ref x & options)`: a new ref holding `x`.
pub(crate) fn ref_new<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some(x) = args.first() else {
        return Err(arity("clojure.core/ref", 0));
    };
    let r = i.new_ref(x.clone())?;
    if args.len() > 1 {
        let env = i.env;
        let opts = options_map(i, &args[1..])?;
        i.setup_reference(r.borrowed(), opts.borrowed())?;
        for (name, which) in [("min-history", 0), ("max-history", 1)] {
            let k = env.intern_keyword(None, name)?;
            if let Some(n) = opts.borrowed().get(k.borrowed())? {
                let n = env.own(n)?;
                history(i, r.borrowed(), which, Some(&n))?;
            }
        }
    }
    Ok(r)
}

/// The ref argument of the history functions: a NullPointerException for
/// nil, a ClassCastException for anything but a ref.
fn history_ref<'a>(i: &Interp<'_>, name: &str, args: &'a [Value<'_>]) -> EvalResult<Ref<'a>> {
    let Some(r) = args.first() else {
        return Err(arity(&format!("clojure.core/{name}"), 0));
    };
    if r.borrowed().is_nil() {
        return Err(EvalError::new(EvalErrorKind::NullPointer(format!(
            "{name} of nil"
        ))));
    }
    cell_arg(i, name, r)?;
    Ok(r.borrowed())
}

/// Gets (`n` None) or sets entry `which` (0 min, 1 max) of ref `r`'s
/// history bounds, kept in the registry `evelisp.atoms/history`.
fn history<'e>(
    i: &Interp<'e>,
    r: Ref<'_>,
    which: u64,
    n: Option<&Value<'e>>,
) -> EvalResult<Value<'e>> {
    let env = i.env;
    let default = |w: u64| env.make_int(if w == 0 { 0 } else { 10 });
    let Some(n) = n else {
        let reg = i.registry_map(3)?;
        if !reg.borrowed().is_nil()
            && let Some(bounds) = reg.borrowed().get(r)?
        {
            return Ok(env.own(bounds.nth(which)?)?);
        }
        return Ok(default(which)?);
    };
    // As the JVM's reflective call of `setMaxHistory(int)`: the number's
    // `intValue()` (doubles truncate, longs wrap), nil a
    // NullPointerException.
    use crate::natives::collections::array_elems::{Convert, to_elem};
    let n = match to_elem(
        evelisp_heap::ArrayType::Int,
        n.borrowed(),
        Convert::Construct,
    )? {
        evelisp_heap::ArrayElem::Int(n) => env.make_int(i64::from(n))?,
        _ => return Err(class_cast("java.lang.Integer", n.borrowed())),
    };
    i.update_registry(3, |m| {
        let bounds = match m.borrowed().get(r)? {
            Some(b) => env.own(b)?,
            None => {
                let (lo, hi) = (default(0)?, default(1)?);
                env.make_vector(&[lo.borrowed(), hi.borrowed()])?
            }
        };
        let k = env.make_int(which as i64)?;
        let bounds = env.assoc(bounds.borrowed(), k.borrowed(), n.borrowed())?;
        Ok(env.assoc(m.borrowed(), r, bounds.borrowed())?)
    })?;
    Ok(env.own(r)?)
}

/// `(ref-history-count r)`: 0 (evelisp refs keep no history).
pub(crate) fn ref_history_count<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.len() != 1 {
        return Err(arity("clojure.core/ref-history-count", args.len()));
    }
    history_ref(i, "ref-history-count", &args)?;
    Ok(i.env.make_int(0)?)
}

/// `(ref-min-history r)`, `(ref-min-history r n)`.
pub(crate) fn ref_min_history<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !(1..=2).contains(&args.len()) {
        return Err(arity("clojure.core/ref-min-history", args.len()));
    }
    let r = history_ref(i, "ref-min-history", &args)?;
    history(i, r, 0, args.get(1))
}

/// `(ref-max-history r)`, `(ref-max-history r n)`.
pub(crate) fn ref_max_history<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !(1..=2).contains(&args.len()) {
        return Err(arity("clojure.core/ref-max-history", args.len()));
    }
    let r = history_ref(i, "ref-max-history", &args)?;
    history(i, r, 1, args.get(1))
}

/// `(ref-set r v)`: sets ref `r` to `v` in the running transaction.
pub(crate) fn ref_set<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [r, v] = &args[..] else {
        return Err(arity("clojure.core/ref-set", args.len()));
    };
    i.ref_set(cell_arg(i, "ref-set", r)?, v.clone())
}

/// `(alter r f & args)`: sets ref `r` to `(apply f in-transaction-value
/// args)`; the new value. (`commute` is the same here.)
pub(crate) fn alter<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [r, f, rest @ ..] = &args[..] else {
        return Err(arity("clojure.core/alter", args.len()));
    };
    let cell = cell_arg(i, "alter", r)?;
    if !i.in_transaction() {
        return Err(EvalError::new(EvalErrorKind::IllegalState(
            "No transaction running".into(),
        )));
    }
    let mut call = args![i.ref_value(cell)?];
    call.extend(rest.iter().cloned());
    let v = i.apply(f.borrowed(), call)?;
    i.ref_set(cell, v)
}

/// `(ensure r)`: the value of ref `r` in the running transaction, which
/// commits only if no other transaction changed `r` meanwhile.
pub(crate) fn ensure<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
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
pub(crate) fn run_in_transaction<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    i.run_in_transaction(one("-run-in-transaction", &args)?.borrowed())
}

/// `(-io-check)`: an IllegalStateException inside a transaction (`io!`).
pub(crate) fn io_check<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
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
