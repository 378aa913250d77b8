//! Native concurrency and binding functions: futures (`future-call`,
//! `future-done?`, `future?`; `deref` of a future is in `lang.rs`), thread
//! bindings as values (`get-thread-bindings`, `with-bindings*`,
//! `bound-fn*`), `with-out-str*`, and the native macros over them
//! (`future`, `bound-fn`, `with-bindings`, `with-out-str`), which wrap
//! their body in a `(fn* [] ...)`.
//!
//! `bound-fn*` gives a *native closure*: a fn object whose code names the
//! native `-bound-fn-call` and whose captured vector is `[bindings f]`;
//! `run.rs` passes a native closure's captured vector as its first
//! argument. It lives in the file like any fn and means the same in every
//! process.

use super::{arity, class_cast, one};
use crate::error::EvalResult;
use crate::interp::{CORE_NS, Interp};
use evelisp_heap::{Kind, Ref, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// `(future-call f)`: runs `f` on a new thread (see `future.rs`).
pub(crate) fn future_call<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let f = one("future-call", &args)?;
    i.future_call(f.borrowed())
}

/// `(future-done? f)`.
pub(crate) fn future_done<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let f = one("future-done?", &args)?;
    Ok(i.env.make_bool(i.future_done(f.borrowed())?))
}

/// `(future? x)`.
pub(crate) fn is_future<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("future?", &args)?;
    Ok(i.env.make_bool(i.is_future(x.borrowed())?))
}

/// `(get-thread-bindings)`: this thread's bindings, `{var value}`.
pub(crate) fn get_thread_bindings<'e>(
    i: &Interp<'e>,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("get-thread-bindings", args.len()));
    }
    i.thread_bindings_map()
}

/// `(with-bindings* {var value} f & args)`: `f` called with the bindings.
pub(crate) fn with_bindings<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [map, f, rest @ ..] = &args[..] else {
        return Err(arity("with-bindings*", args.len()));
    };
    let map = map.borrowed();
    if !map.is_nil() && !matches!(map.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
        return Err(class_cast("a map of vars to values", map));
    }
    i.with_bindings_map(map, || i.apply(f.borrowed(), rest.to_vec()))
}

/// `(bound-fn* f)`: a fn that calls `f` with the bindings in effect now.
pub(crate) fn bound_fn<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let f = one("bound-fn*", &args)?;
    let bindings = i.thread_bindings_map()?;
    let captured = env.make_vector(&[bindings.borrowed(), f.borrowed()])?;
    let body = env.intern_symbol(Some(CORE_NS), "-bound-fn-call")?;
    let marker = env.intern_keyword(Some("evelisp"), "native")?;
    let code = env.new_code(body.borrowed(), marker.borrowed(), &[])?;
    let name = env.intern_symbol(Some(CORE_NS), "bound-fn")?;
    Ok(env.new_fn(code.borrowed(), captured.borrowed(), name.borrowed())?)
}

/// The call of a `bound-fn*` closure: `([bindings f] & args)`.
pub(crate) fn bound_fn_call<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let Some((captured, rest)) = args.split_first() else {
        return Err(arity("-bound-fn-call", 0));
    };
    let captured = captured.borrowed();
    if !matches!(captured.kind()?, Some(Kind::Vector)) || captured.count()? != 2 {
        return Err(class_cast("a bound fn's captured [bindings f]", captured));
    }
    let (bindings, f) = (captured.nth(0)?, captured.nth(1)?);
    i.with_bindings_map(bindings, || i.apply(f, rest.to_vec()))
}

/// A writer into a shared buffer (what `with-out-str*` binds `*out*` to).
struct Capture(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `(with-out-str* f)`: calls `f` with this thread's `*out*` going to a
/// string, and gives that string (the previous `*out*` is put back, also
/// when `f` fails).
pub(crate) fn with_out_str<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let f = one("with-out-str*", &args)?;
    let buffer = Rc::new(RefCell::new(Vec::new()));
    let saved = i.replace_out(Box::new(Capture(buffer.clone())));
    let result = i.apply(f.borrowed(), Vec::new());
    i.replace_out(saved);
    result?;
    let text = String::from_utf8_lossy(&buffer.borrow()).into_owned();
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
        return Err(arity(name, args.len()));
    };
    if macro_args.len() < skip {
        return Err(arity(name, macro_args.len()));
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
pub(crate) fn future_macro<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    wrap_body(i, "future", "future-call", 0, &args)
}

/// Macro `(with-bindings m body...)`: `(with-bindings* m (fn* [] body...))`.
pub(crate) fn with_bindings_macro<'e>(
    i: &Interp<'e>,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    wrap_body(i, "with-bindings", "with-bindings*", 1, &args)
}

/// Macro `(with-out-str body...)`: `(with-out-str* (fn* [] body...))`.
pub(crate) fn with_out_str_macro<'e>(
    i: &Interp<'e>,
    args: Vec<Value<'e>>,
) -> EvalResult<Value<'e>> {
    wrap_body(i, "with-out-str", "with-out-str*", 0, &args)
}

/// Macro `(bound-fn name? [params] body...)`: `(bound-fn* (fn* ...))`.
pub(crate) fn bound_fn_macro<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let env = i.env;
    let Some(fn_args) = args.get(2..) else {
        return Err(arity("bound-fn", args.len()));
    };
    let fn_sym = env.intern_symbol(None, "fn*")?;
    let mut f: Vec<Ref<'_>> = vec![fn_sym.borrowed()];
    f.extend(fn_args.iter().map(Value::borrowed));
    let f = env.make_list(&f)?;
    let head = env.intern_symbol(Some(CORE_NS), "bound-fn*")?;
    Ok(env.make_list(&[head.borrowed(), f.borrowed()])?)
}
