//! Native concurrency and binding functions: futures (`future-call`,
//! `future-done?`, `future?`, `future-cancel`, `future-cancelled?`; `deref` of a future is in `refs/deref.rs`),
//! promises (`promise`, `deliver`), delays (`delay*`, `force`, `delay?`),
//! `realized?`, the machine's parallelism for the core library's `pmap`
//! (`-processors`), thread bindings as values (`get-thread-bindings`,
//! `with-bindings*`, `bound-fn*`), `with-out-str*`, and the native macros
//! over them (`future`, `delay`, `bound-fn`, `with-bindings`,
//! `with-out-str`), which wrap their body in a `(fn* [] ...)`.
//!
//! `bound-fn*` gives a *native closure*: a fn object whose code names the
//! native `-bound-fn-call` and whose captured vector is `[bindings f]`;
//! `run.rs` passes a native closure's captured vector as its first
//! argument. It lives in the file like any fn and means the same in every
//! process.

use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::{CORE_NS, Interp};
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value};

natives! {
    /// Calls f on another thread; a future of its result.
    #[arglists = "([f])"]
    "future-call" => future_call;
    /// Whether the future f has finished (with a value, an error, or
    /// cancelled).
    #[arglists = "([f])"]
    "future-done?" => future_done;
    /// Whether x is a future.
    #[arglists = "([x])"]
    "future?" => is_future;
    /// Cancels the future f unless it has finished: true if this call
    /// cancelled it. A deref of a cancelled future throws a
    /// CancellationException; its thread runs on, but its result is dropped.
    #[arglists = "([f])"]
    "future-cancel" => future_cancel;
    /// Whether the future f was cancelled.
    #[arglists = "([f])"]
    "future-cancelled?" => future_cancelled;
    /// A promise: deliver gives it its value once; deref waits for it.
    #[arglists = "([])"]
    "promise" => promise;
    /// Gives promise its value (the first deliver wins).
    #[arglists = "([promise val])"]
    "deliver" => deliver;
    /// A delay whose value is computed by calling the no-argument fn f the
    /// first time it is forced (what the delay macro expands to).
    #[arglists = "([f])"]
    "delay*" => delay_fn;
    /// The value of x when it is a delay (forcing it), else x itself.
    #[arglists = "([x])"]
    "force" => force;
    /// Whether x is a delay.
    #[arglists = "([x])"]
    "delay?" => is_delay;
    /// Whether a lazy seq, future, promise or delay has its value.
    #[arglists = "([x])"]
    "realized?" => is_realized;
    /// Internal: the number of threads this machine runs at once (pmap runs
    /// that plus 2 ahead).
    #[arglists = "([])"]
    "-processors" => processors;
    /// A map from var to value of the thread bindings in effect in this thread.
    #[arglists = "([])"]
    "get-thread-bindings" => get_thread_bindings;
    /// Calls (apply f args) with the thread bindings of binding-map (a map from
    /// var to value) in effect; returns its value.
    #[arglists = "([binding-map f & args])"]
    "with-bindings*" => with_bindings;
    /// A fn that calls f with its arguments under the thread bindings in effect
    /// when bound-fn* was called (for passing a fn to another thread).
    #[arglists = "([f])"]
    "bound-fn*" => bound_fn;
    /// Internal: the body of a bound-fn* closure whose captured vector is
    /// [bindings f]: calls f on args with the bindings in effect.
    #[arglists = "([captured & args])"]
    "-bound-fn-call" => bound_fn_call;
    /// Calls the no-argument fn f with *out* going to a fresh string and
    /// returns that string (*out* is restored, also when f throws).
    #[arglists = "([f])"]
    "with-out-str*" => with_out_str;
    /// Runs body on another thread and returns a future at once; deref of the
    /// future waits for, and gives, body's value (or rethrows its error).
    #[arglists = "([& body])"]
    #[macro]
    "future" => future_macro;
    /// A delay: body is evaluated the first time it is forced (force or deref),
    /// and that value is cached for later derefs.
    #[arglists = "([& body])"]
    #[macro]
    "delay" => delay_macro;
    /// Like fn, but the fn it makes runs with the dynamic bindings in effect
    /// where it was made (see bound-fn*).
    #[arglists = "([& fntail])"]
    #[macro]
    "bound-fn" => bound_fn_macro;
    /// Evaluates body with the thread bindings of binding-map (a map from var
    /// to value) in effect.
    #[arglists = "([binding-map & body])"]
    #[macro]
    "with-bindings" => with_bindings_macro;
    /// Evaluates body with *out* going to a fresh string and returns that
    /// string.
    #[arglists = "([& body])"]
    #[macro]
    "with-out-str" => with_out_str_macro;
}

/// `(future-call f)`: runs `f` on a new thread (see `future.rs`).
pub(crate) fn future_call<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("future-call", &args)?;
    i.future_call(f.borrowed())
}

/// `(future-cancel f)`.
pub(crate) fn future_cancel<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("future-cancel", &args)?;
    Ok(i.env.make_bool(i.future_cancel(f.borrowed())?))
}

/// `(future-cancelled? f)`.
pub(crate) fn future_cancelled<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("future-cancelled?", &args)?;
    Ok(i.env.make_bool(i.future_cancelled(f.borrowed())?))
}

/// `(future-done? f)`.
pub(crate) fn future_done<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("future-done?", &args)?;
    Ok(i.env.make_bool(i.future_done(f.borrowed())?))
}

/// `(future? x)`.
pub(crate) fn is_future<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("future?", &args)?;
    Ok(i.env.make_bool(i.is_future(x.borrowed())?))
}

/// `(promise)`: a new promise (see `promise.rs`).
pub(crate) fn promise<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/promise", args.len()));
    }
    i.promise_new()
}

/// `(deliver p v)`: `p` if this delivered it, nil if it was delivered.
pub(crate) fn deliver<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [p, v] = &args[..] else {
        return Err(arity("clojure.core/deliver", args.len()));
    };
    i.deliver(p.borrowed(), v.borrowed())
}

/// `(delay* f)`: a delay of fn `f` (see `delay.rs`).
pub(crate) fn delay_fn<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("delay*", &args)?;
    i.delay_new(f.borrowed())
}

/// `(force x)`: a delay's value (forcing it), anything else itself.
pub(crate) fn force<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("force", &args)?;
    if i.is_delay(x.borrowed())? {
        i.force_delay(x.borrowed())
    } else {
        Ok(x.clone())
    }
}

/// `(delay? x)`.
pub(crate) fn is_delay<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("delay?", &args)?;
    Ok(i.env.make_bool(i.is_delay(x.borrowed())?))
}

/// `(realized? x)` of a future, a promise or a delay.
pub(crate) fn is_realized<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("realized?", &args)?;
    Ok(i.env.make_bool(i.realized(x.borrowed())?))
}

/// `(-processors)`: how many threads this machine runs at once (what
/// the core library's `pmap` runs ahead by, plus 2).
pub(crate) fn processors<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/-processors", args.len()));
    }
    let n = std::thread::available_parallelism().map_or(1, |p| p.get());
    Ok(i.env.make_int(n as i64)?)
}

/// `(get-thread-bindings)`: this thread's bindings, `{var value}`.
pub(crate) fn get_thread_bindings<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/get-thread-bindings", args.len()));
    }
    i.thread_bindings_map()
}

/// `(with-bindings* {var value} f & args)`: `f` called with the bindings.
pub(crate) fn with_bindings<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [map, f, rest @ ..] = &args[..] else {
        return Err(arity("clojure.core/with-bindings*", args.len()));
    };
    let map = map.borrowed();
    if !map.is_nil() && !matches!(map.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
        return Err(class_cast("a map of vars to values", map));
    }
    i.with_bindings_map(map, || i.apply(f.borrowed(), Args::from(rest)))
}

/// `(bound-fn* f)`: a fn that calls `f` with the bindings in effect now.
pub(crate) fn bound_fn<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let f = one("bound-fn*", &args)?;
    let bindings = i.thread_bindings_map()?;
    let captured = env.make_vector(&[bindings.borrowed(), f.borrowed()])?;
    let body = env.intern_symbol(Some(CORE_NS), "-bound-fn-call")?;
    let name = env.intern_symbol(Some(CORE_NS), "bound-fn")?;
    crate::native_object::native_fn(env, body.borrowed(), captured.borrowed(), name.borrowed())
}

/// The call of a `bound-fn*` closure: `([bindings f] & args)`.
pub(crate) fn bound_fn_call<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((captured, rest)) = args.split_first() else {
        return Err(arity("clojure.core/-bound-fn-call", 0));
    };
    let captured = captured.borrowed();
    if !matches!(captured.kind()?, Some(Kind::Vector)) || captured.count()? != 2 {
        return Err(class_cast("a bound fn's captured [bindings f]", captured));
    }
    let (bindings, f) = (captured.nth(0)?, captured.nth(1)?);
    i.with_bindings_map(bindings, || i.apply(f, Args::from(rest)))
}

/// A writer into a shared buffer (what `with-out-str*` binds `*out*` to;
/// shared with the futures started meanwhile).
struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `(with-out-str* f)`: calls `f` with this thread's `*out*` going to a
/// string, and gives that string (the previous `*out*` is put back, also
/// when `f` fails).
pub(crate) fn with_out_str<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let f = one("with-out-str*", &args)?;
    let buffer = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let saved = i.replace_out(crate::interp::Out::shared(Capture(buffer.clone())));
    let result = i.apply(f.borrowed(), Args::new());
    i.replace_out(saved);
    result?;
    let text = {
        let bytes = buffer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Ok(i.env.make_string(&text)?)
}

/// `(head (fn* [] body...))` for a macro call `(m body...)`; `skip` macro
/// arguments are kept before the fn (`with-bindings`'s map).
fn wrap_body<'e>(
    i: &Interp<'e>,
    name: &str,
    head: &str,
    skip: usize,
    args: &[Value<'e>],
) -> EvalResult<Value<'e>> {
    let env = i.env;
    // args: &form, &env, then the macro's arguments.
    let Some(macro_args) = args.get(2..) else {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    };
    if macro_args.len() < skip {
        return Err(arity(&format!("clojure.core/{name}"), macro_args.len()));
    }
    let fn_sym = env.intern_symbol(None, "fn*")?;
    let params = env.make_vector(&[])?;
    let mut thunk: Vec<Ref<'_>> = vec![fn_sym.borrowed(), params.borrowed()];
    thunk.extend(macro_args[skip..].iter().map(Value::borrowed));
    let thunk = env.make_list(&thunk)?;
    let head = env.intern_symbol(Some(CORE_NS), head)?;
    let mut call: Vec<Ref<'_>> = vec![head.borrowed()];
    call.extend(macro_args[..skip].iter().map(Value::borrowed));
    call.push(thunk.borrowed());
    Ok(env.make_list(&call)?)
}

/// Macro `(future body...)`: `(future-call (fn* [] body...))`.
pub(crate) fn future_macro<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    wrap_body(i, "future", "future-call", 0, &args)
}

/// Macro `(delay body...)`: `(delay* (fn* [] body...))`.
pub(crate) fn delay_macro<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    wrap_body(i, "delay", "delay*", 0, &args)
}

/// Macro `(with-bindings m body...)`: `(with-bindings* m (fn* [] body...))`.
pub(crate) fn with_bindings_macro<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    wrap_body(i, "with-bindings", "with-bindings*", 1, &args)
}

/// Macro `(with-out-str body...)`: `(with-out-str* (fn* [] body...))`.
pub(crate) fn with_out_str_macro<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    wrap_body(i, "with-out-str", "with-out-str*", 0, &args)
}

/// Macro `(bound-fn name? [params] body...)`: `(bound-fn* (fn* ...))`.
pub(crate) fn bound_fn_macro<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let Some(fn_args) = args.get(2..) else {
        return Err(arity("clojure.core/bound-fn", args.len()));
    };
    let fn_sym = env.intern_symbol(None, "fn*")?;
    let mut f: Vec<Ref<'_>> = vec![fn_sym.borrowed()];
    f.extend(fn_args.iter().map(Value::borrowed));
    let f = env.make_list(&f)?;
    let head = env.intern_symbol(Some(CORE_NS), "bound-fn*")?;
    Ok(env.make_list(&[head.borrowed(), f.borrowed()])?)
}
