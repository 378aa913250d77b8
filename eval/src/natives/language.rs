//! Native language functions: truth and nil tests, `apply`, `eval`,
//! `identity`, symbols and keywords, `gensym`, `macroexpand`, `ex-info` and
//! its readers, metadata, `destructure` and the `letfn` macro.

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::{Args, args};
use crate::natives::one;
use crate::print::class_cast;
use crate::rust_values::truthy;
use crate::seqs::elements;
use evelisp_heap::{Kind, Ref, Value, View, Word};

natives! {
    /// The expansion of form when it is a macro call, else form itself.
    #[arglists = "([form])"]
    "macroexpand-1" => macroexpand_1;
    /// true if x is false or nil, else false.
    #[arglists = "([x])"]
    "not" => not;
    /// Whether x is nil.
    #[arglists = "([x])"]
    "nil?" => is_nil;
    /// Calls f with the given arguments followed by the elements of the last.
    #[arglists = "([f args] [f x args] [f x y & more])"]
    "apply" => apply;
    /// obj with metadata m (nil: none).
    #[arglists = "([obj m])"]
    "with-meta" => with_meta;
    /// The metadata map of obj, or nil.
    #[arglists = "([obj])"]
    "meta" => meta;
    /// Sets the metadata of iref (a var, atom or ref) to (apply f its-metadata
    /// args), atomically; returns the new metadata.
    #[arglists = "([iref f & args])"]
    "alter-meta!" => alter_meta;
    /// Sets the metadata of iref (a var, atom or ref) to metadata-map and
    /// returns it.
    #[arglists = "([iref metadata-map])"]
    "reset-meta!" => reset_meta;
    /// The binding vector bindings, with its destructuring patterns rewritten
    /// into plain symbol bindings (what let, fn and loop use).
    #[arglists = "([bindings])"]
    "destructure" => crate::destructure::destructure_native;
    /// x.
    #[arglists = "([x])"]
    "identity" => identity;
    /// Evaluates form (data) and gives its value.
    #[arglists = "([form])"]
    "eval" => eval_fn;
    /// A new symbol whose name is unique.
    #[arglists = "([] [prefix])"]
    "gensym" => gensym;
    /// A symbol of the name ("ns/name" names a namespace too).
    #[arglists = "([name] [ns name])"]
    "symbol" => symbol;
    /// A keyword of the name ("ns/name" names a namespace too).
    #[arglists = "([name] [ns name])"]
    "keyword" => keyword;
    /// The keyword of the name if it has been interned (by any process on
    /// the env file), else nil; interns nothing.
    #[arglists = "([name] [ns name])"]
    "find-keyword" => find_keyword;
    /// The name of a symbol or keyword (without its namespace), or a string
    /// itself.
    #[arglists = "([x])"]
    "name" => name;
    /// The namespace of a symbol or keyword, or nil.
    #[arglists = "([x])"]
    "namespace" => namespace;
    /// form expanded again and again while it is a macro call; otherwise form
    /// itself.
    #[arglists = "([form])"]
    "macroexpand" => macroexpand;
    /// An error carrying msg and the data map (thrown with throw, caught as
    /// ExceptionInfo).
    #[arglists = "([msg map] [msg map cause])"]
    "ex-info" => ex_info;
    /// The data map of an ex-info error, or nil.
    #[arglists = "([ex])"]
    "ex-data" => ex_data;
    /// The message of an error, or nil.
    #[arglists = "([ex])"]
    "ex-message" => ex_message;
    /// The cause of the exception ex, or nil (nil too when ex is not an
    /// exception).
    #[arglists = "([ex])"]
    "ex-cause" => ex_cause;
    /// fnspecs is a vector of (name [params] body...) forms: body is evaluated
    /// with those local fns bound, each able to call the others (and itself).
    #[arglists = "([fnspecs & body])"]
    #[macro]
    "letfn" => crate::letfn::letfn_macro;
}

pub(crate) fn not<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    Ok(i.env.make_bool(!truthy(one("not", &args)?.borrowed())))
}

pub(crate) fn is_nil<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    Ok(i.env.make_bool(one("nil?", &args)?.word() == Word::NIL))
}

pub(crate) fn apply<'e>(i: &Interp<'e>, mut args: Args<'e>) -> EvalResult<Value<'e>> {
    if args.len() < 2 {
        return Err(arity("clojure.core/apply", args.len()));
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
pub(crate) fn with_meta<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x, m] = &args[..] else {
        return Err(arity("clojure.core/with-meta", args.len()));
    };
    let (x, m) = (x.borrowed(), m.borrowed());
    // What may carry it is the heap's rule (`meta.rs`).
    let carries = x.can_carry_meta()?;
    if x.is_nil() {
        return Err(null_arg("withMeta"));
    }
    if !carries {
        return Err(cannot_cast(x, "clojure.lang.IObj"));
    }
    if !m.is_nil() && !matches!(m.kind()?, Some(Kind::Map | Kind::ArrayMap)) {
        return Err(cannot_cast(m, "clojure.lang.IPersistentMap"));
    }
    Ok(i.env.with_meta(x, m)?)
}

/// Clojure's error for a method called on nil (`(name nil)`): a
/// `NullPointerException`.
pub(crate) fn null_arg(method: &str) -> crate::error::EvalError {
    crate::error::EvalError::new(crate::error::EvalErrorKind::NullPointer(format!(
        "Cannot invoke \"{method}()\" because the argument is nil"
    )))
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
        Ok(View::Float32(_)) => "java.lang.Float",
        Ok(View::BigDecimal { .. }) => "java.math.BigDecimal",
        Ok(View::Str(_)) => "java.lang.String",
        Ok(View::Pattern(_)) => "java.util.regex.Pattern",
        Ok(View::Keyword { .. }) => "clojure.lang.Keyword",
        Ok(View::Symbol { .. }) => "clojure.lang.Symbol",
        Ok(View::Atom(_)) => "clojure.lang.Atom",
        Ok(View::Volatile(_)) => "clojure.lang.Volatile",
        Ok(View::Reduced(_)) => "clojure.lang.Reduced",
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
        Ok(View::Uuid { .. }) => "java.util.UUID",
        Ok(View::Inst {
            class: evelisp_heap::InstClass::Date,
            ..
        }) => "java.util.Date",
        Ok(View::Inst { .. }) => "java.time.Instant",
        Ok(View::TaggedLiteral { .. }) => "clojure.lang.TaggedLiteral",
        Ok(View::ReaderConditional { .. }) => "clojure.lang.ReaderConditional",
        Ok(View::Host(_)) => crate::host_objects::class_name(x.word()),
        Ok(View::Unbound | View::Code(_) | View::Array(_)) | Err(_) => "java.lang.Object",
    }
}

/// `(eval form)`: evaluates a form given as data (seqs in it are code as
/// lists are).
pub(crate) fn eval_fn<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    i.eval(one("eval", &args)?.borrowed())
}

/// `(identity x)`.
pub(crate) fn identity<'e>(_i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    Ok(one("identity", &args)?.clone())
}

/// `(gensym)` / `(gensym prefix)`: a fresh symbol `prefix1234`.
pub(crate) fn gensym<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let prefix = match &args[..] {
        [] => "G__".to_string(),
        [p] => crate::print::print_str(p.borrowed())?,
        _ => return Err(arity("clojure.core/gensym", args.len())),
    };
    Ok(i.env
        .intern_symbol(None, &format!("{prefix}{}", i.next_id()))?)
}

/// The string `v` for the two-argument `symbol` and `keyword` (Clojure's
/// `Symbol/intern ns name`): nil allowed for the namespace only; nil as the
/// name is a `NullPointerException`, any other non-string a
/// `ClassCastException`.
fn intern_part<'v>(v: &'v Value<'_>, may_be_nil: bool) -> EvalResult<Option<&'v str>> {
    match v.borrowed().view()? {
        View::Str(s) => Ok(Some(s)),
        View::Nil if may_be_nil => Ok(None),
        View::Nil => Err(EvalError::new(EvalErrorKind::NullPointer(
            "a symbol's name cannot be nil".into(),
        ))),
        _ => Err(class_cast("a string", v.borrowed())),
    }
}

/// The symbol or keyword the text `t` names: `ns/name` has a namespace.
pub(crate) fn split_name(t: &str) -> (Option<&str>, &str) {
    match t.split_once('/') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => (Some(ns), name),
        _ => (None, t),
    }
}

/// `(symbol name)` / `(symbol ns name)`, as Clojure's: a symbol as it is,
/// a string, var or keyword converted, anything else an
/// `IllegalArgumentException`.
pub(crate) fn symbol<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    match &args[..] {
        [s] => match s.borrowed().kind()? {
            Some(Kind::Symbol) => Ok(s.clone()),
            Some(Kind::Keyword) => {
                let (ns, name) = s.borrowed().symbol_parts()?;
                Ok(i.env.intern_symbol(ns, name)?)
            }
            Some(Kind::String) => {
                let (ns, name) = split_name(s.borrowed().as_str()?);
                Ok(i.env.intern_symbol(ns, name)?)
            }
            Some(Kind::Var) => {
                let (ns, name) = i.env.var_name(s.borrowed())?;
                let ns = ns.symbol_parts()?.1;
                Ok(i.env.intern_symbol(Some(ns), name.symbol_parts()?.1)?)
            }
            _ => Err(EvalError::new(EvalErrorKind::IllegalArgument(
                "no conversion to symbol".into(),
            ))),
        },
        [ns, name] => {
            let ns = intern_part(ns, true)?;
            let name = intern_part(name, false)?.unwrap_or_default();
            Ok(i.env.intern_symbol(ns, name)?)
        }
        _ => Err(arity("clojure.core/symbol", args.len())),
    }
}

/// `(keyword name)` / `(keyword ns name)`, as Clojure's: a keyword as it
/// is, a symbol or string converted, anything else nil.
pub(crate) fn keyword<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    match &args[..] {
        [k] => match k.borrowed().kind()? {
            Some(Kind::Keyword) => Ok(k.clone()),
            Some(Kind::Symbol) => {
                let (ns, name) = k.borrowed().symbol_parts()?;
                Ok(i.env.intern_keyword(ns, name)?)
            }
            Some(Kind::String) => {
                let (ns, name) = split_name(k.borrowed().as_str()?);
                Ok(i.env.intern_keyword(ns, name)?)
            }
            _ => Ok(Value::nil(i.env)),
        },
        [ns, name] => {
            let ns = intern_part(ns, true)?;
            let name = intern_part(name, false)?.unwrap_or_default();
            Ok(i.env.intern_keyword(ns, name)?)
        }
        _ => Err(arity("clojure.core/keyword", args.len())),
    }
}

/// `(find-keyword name)` / `(find-keyword ns name)`: as `keyword`, but
/// only a keyword that exists already, else nil.
pub(crate) fn find_keyword<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let found = match &args[..] {
        [k] => match k.borrowed().kind()? {
            Some(Kind::Keyword) => return Ok(k.clone()),
            Some(Kind::Symbol) => {
                let (ns, name) = k.borrowed().symbol_parts()?;
                i.env.find_keyword(ns, name)?
            }
            Some(Kind::String) => {
                let (ns, name) = split_name(k.borrowed().as_str()?);
                i.env.find_keyword(ns, name)?
            }
            _ => None,
        },
        [ns, name] => {
            let ns = intern_part(ns, true)?;
            let name = intern_part(name, false)?.unwrap_or_default();
            i.env.find_keyword(ns, name)?
        }
        _ => return Err(arity("clojure.core/find-keyword", args.len())),
    };
    Ok(found.unwrap_or_else(|| Value::nil(i.env)))
}

/// `(name x)`: the name of a symbol or keyword, or a string itself.
pub(crate) fn name<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("name", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Symbol | Kind::Keyword) => Ok(i.env.make_string(x.symbol_parts()?.1)?),
        Some(Kind::String) => Ok(i.env.own(x)?),
        _ if x.is_nil() => Err(null_arg("getName")),
        _ => Err(class_cast("a symbol, keyword or string", x)),
    }
}

/// `(namespace x)`: the namespace of a symbol or keyword, or nil.
pub(crate) fn namespace<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("namespace", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Symbol | Kind::Keyword) => match x.symbol_parts()?.0 {
            Some(ns) => Ok(i.env.make_string(ns)?),
            None => Ok(Value::nil(i.env)),
        },
        _ if x.is_nil() => Err(null_arg("getNamespace")),
        _ => Err(class_cast("a symbol or keyword", x)),
    }
}

/// `(macroexpand-1 form)`: one expansion of a macro call, or the form.
pub(crate) fn macroexpand_1<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let form = one("macroexpand-1", &args)?;
    Ok(i.macroexpand_once(form.borrowed())?
        .unwrap_or_else(|| form.clone()))
}

/// `(macroexpand form)`: expands until the head is no macro.
pub(crate) fn macroexpand<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let mut form = one("macroexpand", &args)?.clone();
    while let Some(next) = i.macroexpand_once(form.borrowed())? {
        form = next;
    }
    Ok(form)
}

/// `(ex-info message data)` / `(ex-info message data cause)`.
pub(crate) fn ex_info<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let nil = Value::nil(i.env);
    let (msg, data, cause) = match &args[..] {
        [m, d] => (m, d, &nil),
        [m, d, c] => (m, d, c),
        _ => return Err(arity("clojure.core/ex-info", args.len())),
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
pub(crate) fn ex_data<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    ex_part(i, "ex-data", "data", &a)
}
/// `(ex-message e)`.
pub(crate) fn ex_message<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    ex_part(i, "ex-message", "message", &a)
}
/// `(ex-cause e)`.
pub(crate) fn ex_cause<'e>(i: &Interp<'e>, a: Args<'e>) -> EvalResult<Value<'e>> {
    ex_part(i, "ex-cause", "cause", &a)
}

/// The var `(alter-meta! v ...)` and friends act on.
fn var_arg<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args.first() {
        Some(v) if matches!(v.borrowed().kind()?, Some(Kind::Var)) => Ok(v),
        Some(v) => Err(class_cast("a var", v.borrowed())),
        None => Err(arity(&format!("clojure.core/{name}"), 0)),
    }
}

/// The first argument if it is an atom, a ref or an agent (whose
/// metadata lives in the registry `evelisp.atoms/metas`).
fn iref_arg<'a>(i: &Interp<'_>, args: &'a [Value<'_>]) -> EvalResult<Option<Ref<'a>>> {
    match args.first() {
        Some(r)
            if !matches!(r.borrowed().kind()?, Some(Kind::Var)) && i.is_iref(r.borrowed())? =>
        {
            Ok(Some(r.borrowed()))
        }
        _ => Ok(None),
    }
}

/// `(meta x)`: a var's metadata map (from its `def`, `alter-meta!`), an
/// atom's, ref's or agent's (from `:meta`, `alter-meta!`), the
/// map a value was given by `with-meta` or reader metadata; nil for values
/// without (and for values that cannot have any, as in Clojure).
pub(crate) fn meta<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let x = one("meta", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Var) => return Ok(i.env.var_meta(x)?.get(&i.p)?),
        Some(Kind::Atom) => return i.iref_meta(x),
        Some(Kind::ArrayMap) if x.record_type()?.is_some() && i.is_iref(x)? => {
            return i.iref_meta(x);
        }
        _ => {}
    }
    match x.meta()? {
        Some(m) => Ok(i.env.own(m)?),
        None => Ok(Value::nil(i.env)),
    }
}

/// `(alter-meta! var f & args)`: sets the var's metadata to `(apply f
/// meta args)` atomically (CAS in the file); the new map.
pub(crate) fn alter_meta<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some(f) = args.get(1) else {
        return Err(arity("clojure.core/alter-meta!", args.len()));
    };
    if let Some(r) = iref_arg(i, &args)? {
        return i.alter_iref_meta(r, |cur| {
            let mut call = args![cur];
            call.extend(args[2..].iter().cloned());
            i.apply(f.borrowed(), call)
        });
    }
    let var = var_arg("alter-meta!", &args)?;
    let m = i.env.var_meta(var.borrowed())?.swap(&i.p, |cur| {
        let mut call = args![i.env.own(cur)?];
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
pub(crate) fn reset_meta<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [_, m] = &args[..] else {
        return Err(arity("clojure.core/reset-meta!", args.len()));
    };
    if let Some(r) = iref_arg(i, &args)? {
        return i.alter_iref_meta(r, |_| Ok(m.clone()));
    }
    let var = var_arg("reset-meta!", &args)?;
    i.env.var_meta(var.borrowed())?.reset(&i.p, m.clone())?;
    flags_from_meta(i, var.borrowed(), m.borrowed())?;
    Ok(m.clone())
}
