//! Volatiles (`clojure.lang.Volatile`): `volatile!`, `volatile?`,
//! `vreset!` (`vswap!` is a macro of the core library over `vreset!` and
//! `deref`), and `deref` of the two small boxes, volatiles and reduced
//! values (`reduced` itself is with `reduce`, in `seqs/lazy.rs`).
//!
//! A volatile is an object of the env file (`heap/src/boxes.rs`), so one
//! stored in a var is seen and changed by every process on the file. Its
//! value changes by plain stores, never by compare-and-set, as Java's
//! `volatile` field: `vswap!` reads, applies its function and stores, and
//! two writers racing may lose an update (use an atom for that). It is not
//! an atom: `swap!`, `reset!` and `compare-and-set!` refuse it.

use crate::error::{EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value};

natives! {
    /// Creates and returns a Volatile with an initial value of val.
    #[arglists = "([val])"]
    "volatile!" => volatile;
    /// Returns true if x is a volatile.
    #[arglists = "([x])"]
    "volatile?" => is_volatile;
    /// Sets the value of volatile to newval without regard for the current
    /// value. Returns newval.
    #[arglists = "([vol newval])"]
    "vreset!" => vreset;
}

/// `(volatile! x)`: a new volatile holding `x`, in the env file.
pub(crate) fn volatile<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("volatile!", &args)?.clone();
    i.check_publishable(x.borrowed(), || "a volatile".into())?;
    Ok(i.env.make_volatile(x)?)
}

/// `(volatile? x)`.
pub(crate) fn is_volatile<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("volatile?", &args)?.borrowed();
    Ok(i.env.make_bool(x.is_volatile()?))
}

/// `(vreset! vol x)`: stores `x` (a plain store; the displaced value is
/// retired as a root's); `x`.
pub(crate) fn vreset<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [vol, x] = &args[..] else {
        return Err(arity("clojure.core/vreset!", args.len()));
    };
    let vol = vol.borrowed();
    if !vol.is_volatile()? {
        return Err(class_cast("a volatile", vol));
    }
    i.check_publishable(x.borrowed(), || "a volatile".into())?;
    let root = i.env.volatile_root(vol)?;
    root.reset(i.participant(), x.clone())?;
    Ok(x.clone())
}

/// `deref` of a volatile (its current value) or a reduced value (the value
/// it wraps).
pub(crate) fn deref_box<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Value<'e>> {
    match x.kind()? {
        Some(Kind::Volatile) => Ok(i.env.volatile_root(x)?.get(i.participant())?),
        _ => match x.reduced_inner()? {
            Some(v) => Ok(i.env.own(v)?),
            None => Err(class_cast("a volatile or a reduced value", x)),
        },
    }
}
