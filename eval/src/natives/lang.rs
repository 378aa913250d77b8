//! Native language functions: truth and nil tests, strings and printing,
//! atoms (`atom deref swap! reset!`), `apply`, symbols and keywords,
//! `gensym`, `macroexpand`.

use super::coll::elements;
use super::{arity, class_cast, one};
use crate::error::EvalResult;
use crate::interp::Interp;
use crate::run::truthy;
use evelisp_heap::{Kind, Ref, Value, Word};

pub(crate) fn not<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    Ok(i.env.make_bool(!truthy(one("not", &args)?.borrowed())))
}

pub(crate) fn is_nil<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    Ok(i.env.make_bool(one("nil?", &args)?.word() == Word::NIL))
}

pub(crate) fn str_<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let mut out = String::new();
    for a in &args {
        i.push_str_of(a.borrowed(), &mut out)?;
    }
    Ok(i.env.make_string(&out)?)
}

pub(crate) fn pr_str<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let mut out = String::new();
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        i.print_realized(a.borrowed(), true, &mut out)?;
    }
    Ok(i.env.make_string(&out)?)
}

pub(crate) fn atom<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("atom", &args)?.clone();
    Ok(i.env.make_atom(x)?)
}

/// `(deref x)`: an atom's or var's value, a future's value once it is done
/// (its error re-raised); `(deref future ms default)` gives `default` if
/// the future is not done within `ms` milliseconds.
pub(crate) fn deref<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
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
        _ => return Err(arity("deref", args.len())),
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
        Some(Kind::ArrayMap) if timeout.is_none() => {
            let key = i.env.intern_keyword(Some("evelisp.core"), "reduced")?;
            super::lazy::reduced_inner(i, x, key.borrowed())?
                .ok_or_else(|| class_cast("an atom, a future, a var or a reduced value", x))
        }
        _ => Err(class_cast("an atom, a future or a var", x)),
    }
}

pub(crate) fn apply<'e>(i: &Interp<'e>, mut args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if args.len() < 2 {
        return Err(arity("apply", args.len()));
    }
    let last = args.pop().unwrap_or_else(|| Value::nil(i.env));
    let f = args.remove(0);
    args.extend(elements(i, last.borrowed())?);
    i.apply(f.borrowed(), args)
}

/// `(with-meta x m)`: a value equal to `x` (sharing its structure, in the
/// env file) carrying map `m`; `m` nil removes it. Lists, vectors, maps,
/// sets, seqs, fns and symbols carry metadata (the heap's `meta.rs`);
/// anything else is Clojure's ClassCastException to `clojure.lang.IObj`,
/// as is metadata that is not a map (to `IPersistentMap`).
pub(crate) fn with_meta<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [x, m] = &args[..] else {
        return Err(arity("with-meta", args.len()));
    };
    let (x, m) = (x.borrowed(), m.borrowed());
    // What may carry it is the heap's rule (`meta.rs`).
    let carries = x.can_carry_meta()?;
    if !carries {
        return Err(cannot_cast(x, "clojure.lang.IObj"));
    }
    if !m.is_nil() && !matches!(m.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
        return Err(cannot_cast(m, "clojure.lang.IPersistentMap"));
    }
    Ok(i.env.with_meta(x, m)?)
}

/// Clojure's message for a failed cast of `x` to `class`.
fn cannot_cast(x: Ref<'_>, class: &str) -> crate::error::EvalError {
    crate::error::EvalError::new(crate::error::EvalErrorKind::ClassCast(format!(
        "class {} cannot be cast to class {class}",
        java_class(x)
    )))
}

/// The JVM class Clojure would give `x` (for cast messages).
fn java_class(x: Ref<'_>) -> &'static str {
    use evelisp_heap::View;
    match x.view() {
        Ok(View::Nil) => "nil",
        Ok(View::Bool(_)) => "java.lang.Boolean",
        Ok(View::Int(_)) => "java.lang.Long",
        Ok(View::Char(_)) => "java.lang.Character",
        Ok(View::Float(_)) => "java.lang.Double",
        Ok(View::Str(_)) => "java.lang.String",
        Ok(View::Pattern(_)) => "java.util.regex.Pattern",
        Ok(View::Keyword { .. }) => "clojure.lang.Keyword",
        Ok(View::Symbol { .. }) => "clojure.lang.Symbol",
        Ok(View::Atom(_)) => "clojure.lang.Atom",
        Ok(View::BigInt { .. }) => "clojure.lang.BigInt",
        Ok(View::Ratio { .. }) => "clojure.lang.Ratio",
        Ok(View::Var(_)) => "clojure.lang.Var",
        Ok(View::Namespace(_)) => "clojure.lang.Namespace",
        Ok(View::Fn(_)) => "clojure.lang.AFunction",
        Ok(View::List { .. }) => "clojure.lang.PersistentList",
        Ok(View::Vector { .. }) => "clojure.lang.PersistentVector",
        Ok(View::Map { .. }) => "clojure.lang.PersistentArrayMap",
        Ok(View::Set { .. }) => "clojure.lang.PersistentHashSet",
        Ok(View::Seq { .. }) => "clojure.lang.LazySeq",
        Ok(View::Unbound | View::Code(_)) | Err(_) => "java.lang.Object",
    }
}

/// `(eval form)`: evaluates a form given as data (seqs in it are code as
/// lists are).
pub(crate) fn eval_fn<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    i.eval(one("eval", &args)?.borrowed())
}

/// `(identity x)`.
pub(crate) fn identity<'e>(_i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    Ok(one("identity", &args)?.clone())
}

/// `(gensym)` / `(gensym prefix)`: a fresh symbol `prefix1234`.
pub(crate) fn gensym<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let prefix = match &args[..] {
        [] => "G__".to_string(),
        [p] => crate::print::print_str(p.borrowed())?,
        _ => return Err(arity("gensym", args.len())),
    };
    Ok(i.env
        .intern_symbol(None, &format!("{prefix}{}", i.next_id()))?)
}

/// `(symbol name)` / `(symbol ns name)`.
pub(crate) fn symbol<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let text = |v: &Value<'e>| crate::print::print_str(v.borrowed());
    match &args[..] {
        [s] if matches!(s.borrowed().kind()?, Some(Kind::Symbol)) => Ok(s.clone()),
        [s] => {
            let t = text(s)?;
            match t.split_once('/') {
                Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
                    Ok(i.env.intern_symbol(Some(ns), name)?)
                }
                _ => Ok(i.env.intern_symbol(None, &t)?),
            }
        }
        [ns, name] => {
            let ns = if ns.word() == Word::NIL {
                None
            } else {
                Some(text(ns)?)
            };
            Ok(i.env.intern_symbol(ns.as_deref(), &text(name)?)?)
        }
        _ => Err(arity("symbol", args.len())),
    }
}

/// `(keyword name)` / `(keyword ns name)`.
pub(crate) fn keyword<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    match &args[..] {
        [k] if matches!(k.borrowed().kind()?, Some(Kind::Keyword)) => Ok(k.clone()),
        [s] if matches!(s.borrowed().kind()?, Some(Kind::Symbol)) => {
            let (ns, name) = s.borrowed().symbol_parts()?;
            Ok(i.env.intern_keyword(ns, name)?)
        }
        [s] if s.word() == Word::NIL => Ok(Value::nil(i.env)),
        [s] => {
            // As Clojure's Keyword.intern: "ns/name" names a namespace.
            let t = crate::print::print_str(s.borrowed())?;
            match t.split_once('/') {
                Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
                    Ok(i.env.intern_keyword(Some(ns), name)?)
                }
                _ => Ok(i.env.intern_keyword(None, &t)?),
            }
        }
        [ns, name] => {
            let ns = if ns.word() == Word::NIL {
                None
            } else {
                Some(crate::print::print_str(ns.borrowed())?)
            };
            Ok(i.env
                .intern_keyword(ns.as_deref(), &crate::print::print_str(name.borrowed())?)?)
        }
        _ => Err(arity("keyword", args.len())),
    }
}

/// `(name x)`: the name of a symbol or keyword, or a string itself.
pub(crate) fn name<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("name", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Symbol | Kind::Keyword) => Ok(i.env.make_string(x.symbol_parts()?.1)?),
        Some(Kind::String) => Ok(i.env.own(x)?),
        _ => Err(class_cast("a symbol, keyword or string", x)),
    }
}

/// `(namespace x)`: the namespace of a symbol or keyword, or nil.
pub(crate) fn namespace<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("namespace", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Symbol | Kind::Keyword) => match x.symbol_parts()?.0 {
            Some(ns) => Ok(i.env.make_string(ns)?),
            None => Ok(Value::nil(i.env)),
        },
        _ => Err(class_cast("a symbol or keyword", x)),
    }
}

/// `(macroexpand-1 form)`: one expansion of a macro call, or the form.
pub(crate) fn macroexpand_1<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let form = one("macroexpand-1", &args)?;
    Ok(i.macroexpand_once(form.borrowed())?
        .unwrap_or_else(|| form.clone()))
}

/// `(macroexpand form)`: expands until the head is no macro.
pub(crate) fn macroexpand<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let mut form = one("macroexpand", &args)?.clone();
    while let Some(next) = i.macroexpand_once(form.borrowed())? {
        form = next;
    }
    Ok(form)
}

fn write_out<'e>(
    i: &Interp<'e>,
    args: &[Value<'e>],
    readably: bool,
    newline: bool,
) -> EvalResult<Value<'e>> {
    let mut out = String::new();
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        i.print_realized(a.borrowed(), readably, &mut out)?;
    }
    if newline {
        out.push('\n');
    }
    i.write_out(&out)?;
    Ok(Value::nil(i.env))
}

/// `(println & xs)`.
pub(crate) fn println<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    write_out(i, &a, false, true)
}
/// `(print & xs)`.
pub(crate) fn print<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    write_out(i, &a, false, false)
}
/// `(prn & xs)`.
pub(crate) fn prn<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    write_out(i, &a, true, true)
}
/// `(pr & xs)`.
pub(crate) fn pr<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    write_out(i, &a, true, false)
}

/// `(ex-info message data)` / `(ex-info message data cause)`.
pub(crate) fn ex_info<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let nil = Value::nil(i.env);
    let (msg, data, cause) = match &args[..] {
        [m, d] => (m, d, &nil),
        [m, d, c] => (m, d, c),
        _ => return Err(arity("ex-info", args.len())),
    };
    if !matches!(msg.borrowed().kind()?, Some(Kind::String)) && msg.word() != Word::NIL {
        return Err(class_cast("a string message", msg.borrowed()));
    }
    i.make_ex_info(
        "ExceptionInfo",
        msg.borrowed(),
        data.borrowed(),
        cause.borrowed(),
    )
}

fn ex_part<'e>(
    i: &Interp<'e>,
    name: &str,
    field: &str,
    args: &[Value<'e>],
) -> EvalResult<Value<'e>> {
    let x = one(name, args)?;
    Ok(i.ex_field(x.borrowed(), field)?
        .unwrap_or_else(|| Value::nil(i.env)))
}

/// `(ex-data e)`: the data of an `ex-info` error (nil for other errors).
pub(crate) fn ex_data<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    ex_part(i, "ex-data", "data", &a)
}
/// `(ex-message e)`.
pub(crate) fn ex_message<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    ex_part(i, "ex-message", "message", &a)
}
/// `(ex-cause e)`.
pub(crate) fn ex_cause<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    ex_part(i, "ex-cause", "cause", &a)
}

/// The var `(alter-meta! v ...)` and friends act on.
fn var_arg<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args.first() {
        Some(v) if matches!(v.borrowed().kind()?, Some(Kind::Var)) => Ok(v),
        Some(v) => Err(class_cast("a var", v.borrowed())),
        None => Err(arity(name, 0)),
    }
}

/// `(meta x)`: a var's metadata map (from its `def`, `alter-meta!`), the
/// map a value was given by `with-meta` or reader metadata; nil for values
/// without (and for values that cannot have any, as in Clojure).
pub(crate) fn meta<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("meta", &args)?.borrowed();
    if matches!(x.kind()?, Some(Kind::Var)) {
        return Ok(i.env.var_meta(x)?.get(&i.p)?);
    }
    match x.meta()? {
        Some(m) => Ok(i.env.own(m)?),
        None => Ok(Value::nil(i.env)),
    }
}

/// `(alter-meta! var f & args)`: sets the var's metadata to `(apply f
/// meta args)` atomically (CAS in the file); the new map.
pub(crate) fn alter_meta<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let var = var_arg("alter-meta!", &args)?;
    let Some(f) = args.get(1) else {
        return Err(arity("alter-meta!", args.len()));
    };
    let m = i.env.var_meta(var.borrowed())?.swap(&i.p, |cur| {
        let mut call = vec![i.env.own(cur)?];
        call.extend(args[2..].iter().cloned());
        i.apply(f.borrowed(), call)
    })?;
    flags_from_meta(i, var.borrowed(), m.borrowed())?;
    Ok(m)
}

/// As in Clojure, `:private` and `:macro` in a var's metadata make it
/// private or a macro (`:dynamic` needs the `def`).
fn flags_from_meta(i: &Interp<'_>, var: Ref<'_>, m: Ref<'_>) -> EvalResult<()> {
    if !matches!(m.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
        return Ok(());
    }
    for (key, flag) in [
        ("private", evelisp_heap::VAR_PRIVATE),
        ("macro", evelisp_heap::VAR_MACRO),
    ] {
        let k = i.env.intern_keyword(None, key)?;
        if m.get(k.borrowed())?.is_some_and(truthy) {
            i.env.var_set_flags(var, flag)?;
        }
    }
    Ok(())
}

/// `(reset-meta! var m)`: sets the var's metadata map; `m`.
pub(crate) fn reset_meta<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let var = var_arg("reset-meta!", &args)?;
    let [_, m] = &args[..] else {
        return Err(arity("reset-meta!", args.len()));
    };
    i.env.var_meta(var.borrowed())?.reset(&i.p, m.clone())?;
    flags_from_meta(i, var.borrowed(), m.borrowed())?;
    Ok(m.clone())
}
