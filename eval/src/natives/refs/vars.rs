//! Native var functions: `alter-var-root intern find-var var-get var-set
//! bound? thread-bound?` (the var's root is a CAS word in the env file,
//! so `alter-var-root` is a swap no other process's update is lost to).

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::{Args, args};
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::{Kind, Ref, Value, Word};

natives! {
    /// Sets the root of var v to (apply f root args), by compare-and-set.
    #[arglists = "([v f & args])"]
    "alter-var-root" => alter_var_root;
    /// The var named by the symbol name in the namespace ns (a namespace or its
    /// symbol), created if missing; with val, its root is set to val.
    #[arglists = "([ns name] [ns name val])"]
    "intern" => intern;
    /// The var named by the namespace-qualified symbol sym, or nil.
    #[arglists = "([sym])"]
    "find-var" => find_var;
    /// The value of the var x: its thread binding, else its root.
    #[arglists = "([x])"]
    "var-get" => var_get;
    /// Sets the thread binding of the var x to val (x must be thread-bound, as
    /// with binding); returns val.
    #[arglists = "([x val])"]
    "var-set" => var_set;
    /// Whether every one of the vars has a value (a root or a thread binding).
    #[arglists = "([& vars])"]
    "bound?" => is_bound;
    /// Whether every one of the vars has a thread binding in this thread.
    #[arglists = "([& vars])"]
    "thread-bound?" => is_thread_bound;
    /// Reads and evaluates every form of the string s; returns the last value.
    #[arglists = "([s])"]
    "load-string" => load_string;
}

fn var_arg<'a>(name: &str, v: &'a Value<'_>) -> EvalResult<Ref<'a>> {
    let v = v.borrowed();
    if !matches!(v.kind()?, Some(Kind::Var)) {
        return Err(class_cast(&format!("a var ({name})"), v));
    }
    Ok(v)
}

/// `(alter-var-root v f & args)`: sets the root of `v` to
/// `(apply f root args)` by compare-and-set (retrying on a conflict); the
/// new root.
pub(crate) fn alter_var_root<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [v, f, rest @ ..] = &args[..] else {
        return Err(arity("clojure.core/alter-var-root", args.len()));
    };
    let v = var_arg("alter-var-root", v)?;
    let root = i.env.var_root(v)?;
    root.swap(&i.p, |old| -> EvalResult<Value<'e>> {
        let mut call = args![i.env.own(old)?];
        call.extend(rest.iter().cloned());
        let new = i.apply(f.borrowed(), call)?;
        i.check_publishable(new.borrowed(), || format!("var {}", i.var_display(v)))?;
        Ok(new)
    })
}

/// `(intern ns name)` / `(intern ns name val)`: the var `name` of
/// namespace `ns` (a namespace or the symbol of one that exists); with `val`
/// its root is set.
pub(crate) fn intern<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (ns, name, val) = match &args[..] {
        [ns, name] => (ns, name, None),
        [ns, name, val] => (ns, name, Some(val)),
        _ => return Err(arity("clojure.core/intern", args.len())),
    };
    let env = i.env;
    let ns = match ns.borrowed().kind()? {
        Some(Kind::Namespace) => ns.clone(),
        // As Clojure's: the namespace must exist.
        Some(Kind::Symbol) => env.find_namespace(&i.p, ns.borrowed())?.ok_or_else(|| {
            EvalError::new(EvalErrorKind::Exception(format!(
                "No namespace: {} found",
                crate::print::pr_str(ns.borrowed()).unwrap_or_else(|_| "value".into())
            )))
        })?,
        _ => return Err(class_cast("a namespace or symbol", ns.borrowed())),
    };
    if !matches!(name.borrowed().kind()?, Some(Kind::Symbol)) {
        return Err(class_cast("a symbol", name.borrowed()));
    }
    let var = env.intern_var(&i.p, ns.borrowed(), name.borrowed())?;
    if let Some(val) = val {
        i.check_publishable(val.borrowed(), || {
            format!("var {}", i.var_display(var.borrowed()))
        })?;
        env.var_root(var.borrowed())?.reset(&i.p, val.clone())?;
    }
    Ok(var)
}

/// `(find-var 'ns/name)`: the var, or nil.
pub(crate) fn find_var<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let sym = one("find-var", &args)?.borrowed();
    if !matches!(sym.kind()?, Some(Kind::Symbol)) {
        return Err(class_cast("a symbol", sym));
    }
    let (Some(ns), name) = sym.symbol_parts()? else {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(
            "Symbol must be namespace-qualified".into(),
        )));
    };
    let Some(ns) = i.find_ns(ns)? else {
        return Err(EvalError::new(EvalErrorKind::IllegalArgument(format!(
            "No such namespace: {ns}"
        ))));
    };
    let name = i.env.intern_symbol(None, name)?;
    Ok(i.ns_lookup(ns.borrowed(), name.borrowed())?
        .filter(|v| matches!(v.borrowed().kind(), Ok(Some(Kind::Var))))
        .unwrap_or_else(|| Value::nil(i.env)))
}

/// `(var-get v)`: the value of var `v` (its thread binding, else root).
pub(crate) fn var_get<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    i.deref_var(var_arg("var-get", one("var-get", &args)?)?)
}

/// `(var-set v x)`: sets the thread binding of `v` (as `set!`).
pub(crate) fn var_set<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [v, x] = &args[..] else {
        return Err(arity("clojure.core/var-set", args.len()));
    };
    i.set_binding(var_arg("var-set", v)?, x.clone())
}

/// `(bound? & vars)`: whether every var has a value (a root or a thread
/// binding).
pub(crate) fn is_bound<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    for v in &args {
        let v = var_arg("bound?", v)?;
        if i.thread_binding(v).is_none() && i.env.var_root(v)?.get(&i.p)?.word() == Word::UNBOUND {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}

/// `(thread-bound? & vars)`: whether every var has a thread binding.
pub(crate) fn is_thread_bound<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    for v in &args {
        if i.thread_binding(var_arg("thread-bound?", v)?).is_none() {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}

/// `(load-string s)`: evaluates every form of `s`; the last value.
pub(crate) fn load_string<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let s = one("load-string", &args)?.borrowed();
    let text = s.as_str().map_err(|_| class_cast("a string", s))?;
    // As `load`, the namespace is the caller's again afterwards.
    let saved = i.current_ns();
    let result = i.eval_str(text, None);
    i.set_current_ns(saved);
    result
}
