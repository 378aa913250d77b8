//! `deref` (`@x`): the one read of every reference type — atoms, and the
//! futures, promises and delays that are heap atoms too (waiting for them,
//! optionally with a timeout), vars, refs, agents, and reduced values. It lives
//! with the reference types because it dispatches over all of them; each
//! type's own read is in its home (`crate::future`, `crate::stm`, the
//! var's root).

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::print::class_cast;
use evelisp_heap::{Kind, Value};

natives! {
    /// The value of an atom, var, future, promise, delay or reduced value
    /// (@ref).
    #[arglists = "([ref] [ref timeout-ms timeout-val])"]
    "deref" => deref;
}

/// `(deref x)`: an atom's or var's value, a future's value once it is done
/// (its error re-raised); `(deref future ms default)` gives `default` if
/// the future is not done within `ms` milliseconds.
pub(crate) fn deref<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (x, timeout) = match &args[..] {
        [x] => (x.borrowed(), None),
        [x, ms, default] => {
            let ms = ms.borrowed();
            let ms = ms
                .as_i64()
                .map_err(|_| class_cast("a number of milliseconds", ms))?;
            let ms = u64::try_from(ms).unwrap_or(0);
            (
                x.borrowed(),
                Some((std::time::Duration::from_millis(ms), default)),
            )
        }
        _ => return Err(arity("clojure.core/deref", args.len())),
    };
    match x.kind()? {
        Some(Kind::Atom) => match i.deref_atom(x, timeout.as_ref().map(|t| t.0))? {
            crate::future::Outcome::Value(v) => Ok(v),
            crate::future::Outcome::TimedOut => {
                Ok(timeout.map_or_else(|| Value::nil(i.env), |t| t.1.clone()))
            }
        },
        Some(Kind::Var) if timeout.is_none() => i.deref_var(x),
        Some(Kind::ArrayMap) if timeout.is_none() && i.ref_cell(x)?.is_some() => {
            let cell = i.ref_cell(x)?.ok_or_else(|| class_cast("a ref", x))?;
            i.ref_value(cell)
        }
        Some(Kind::ArrayMap) if timeout.is_none() && i.agent_cell(x)?.is_some() => {
            let cell = i.agent_arg(x)?;
            i.agent_field(cell, crate::agent::AgentField::State)
        }
        Some(Kind::Reduced | Kind::Volatile) if timeout.is_none() => {
            crate::natives::values::deref_box(i, x)
        }
        _ => match record_deref(i, x, &args)? {
            Some(v) => Ok(v),
            None => Err(class_cast("an atom, a future or a var", x)),
        },
    }
}

/// `deref` of a record whose type a library made dereferenceable
/// (Clojure's `IDeref` on a `defrecord`, as `babashka.process`'s process
/// record): the fn for the record's type in the map held by the atom
/// `clojure.core/-deref-fns` called with the arguments of `deref`, or
/// `None` when there is no such fn.
fn record_deref<'e>(
    i: &Interp<'e>,
    x: evelisp_heap::Ref<'_>,
    args: &Args<'e>,
) -> EvalResult<Option<Value<'e>>> {
    let env = i.env();
    let Some(ty) = x.record_type()? else {
        return Ok(None);
    };
    let Some(core) = i.find_ns(crate::interp::CORE_NS)? else {
        return Ok(None);
    };
    let name = env.intern_symbol(None, "-deref-fns")?;
    let Some(var) = i.ns_lookup(core.borrowed(), name.borrowed())? else {
        return Ok(None);
    };
    if !matches!(var.borrowed().kind()?, Some(Kind::Var)) {
        return Ok(None);
    }
    let atom = i.deref_var(var.borrowed())?;
    if !matches!(atom.borrowed().kind()?, Some(Kind::Atom)) {
        return Ok(None);
    }
    let fns = match i.deref_atom(atom.borrowed(), None)? {
        crate::future::Outcome::Value(v) => v,
        crate::future::Outcome::TimedOut => return Ok(None),
    };
    if fns.borrowed().map_count()?.is_none() {
        return Ok(None);
    }
    let Some(f) = fns.borrowed().get(ty)? else {
        return Ok(None);
    };
    Ok(Some(i.apply(f, args.clone())?))
}
