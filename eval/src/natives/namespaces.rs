//! Native namespace functions: `in-ns create-ns find-ns the-ns all-ns
//! ns-name alias refer ns-map ns-interns ns-publics ns-unmap resolve
//! ns-resolve require load-file`. Namespaces live in the env file (every
//! process sees them); `*ns*`, the current one, is per thread.

use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::print::class_cast;
use evelisp_heap::VAR_PRIVATE;
use evelisp_heap::{Kind, Ref, Value, Word};

natives! {
    /// Makes the namespace named by symbol name current (creating it).
    #[arglists = "([name])"]
    "in-ns" => in_ns;
    /// The namespace named by the symbol sym, created if it does not exist yet.
    #[arglists = "([sym])"]
    "create-ns" => create_ns;
    /// The namespace named by the symbol sym, or nil.
    #[arglists = "([sym])"]
    "find-ns" => find_ns;
    /// x when it is a namespace, else the namespace the symbol x names (an
    /// error if there is none).
    #[arglists = "([x])"]
    "the-ns" => the_ns;
    /// A list of every namespace.
    #[arglists = "([])"]
    "all-ns" => all_ns;
    /// The name of the namespace ns, as a symbol.
    #[arglists = "([ns])"]
    "ns-name" => ns_name;
    /// Makes the symbol alias stand for the namespace named namespace-sym in
    /// the current namespace, so alias/x means namespace-sym/x.
    #[arglists = "([alias namespace-sym])"]
    "alias" => alias;
    /// Maps the public vars of the namespace named ns-sym into the current
    /// namespace; filters :only [names] and :exclude [names] select which.
    #[arglists = "([ns-sym & filters])"]
    "refer" => refer;
    /// Refers the clojure.core vars into the current namespace; with :exclude
    /// [names], those names stop being referred (:only and :rename are not
    /// supported).
    #[arglists = "([& filters])"]
    "refer-clojure" => refer_clojure;
    /// A map of every symbol mapped in the namespace ns (interned and referred
    /// vars, and classes) to what it maps to.
    #[arglists = "([ns])"]
    "ns-map" => ns_map;
    /// A map from symbol to var of the vars interned in the namespace ns
    /// (private ones too).
    #[arglists = "([ns])"]
    "ns-interns" => ns_interns;
    /// A map from symbol to var of the public vars interned in the namespace
    /// ns.
    #[arglists = "([ns])"]
    "ns-publics" => ns_publics;
    /// Removes the mapping of the symbol sym from the namespace ns.
    #[arglists = "([ns sym])"]
    "ns-unmap" => ns_unmap;
    /// A map from alias symbol to namespace of the aliases of the namespace ns.
    #[arglists = "([ns])"]
    "ns-aliases" => ns_aliases;
    /// The var or class sym names in the current namespace, or nil.
    #[arglists = "([sym])"]
    "resolve" => resolve;
    /// The var (or class) the symbol sym names in the namespace ns, or nil. The
    /// env arity is not supported yet.
    #[arglists = "([ns sym] [ns env sym])"]
    "ns-resolve" => ns_resolve;
    /// Reads and evaluates every form of the file at path name; returns the
    /// last value.
    #[arglists = "([name])"]
    "load-file" => load_file;
    /// Loads Clojure code from resources in classpath. A path is interpreted as
    /// classpath-relative if it begins with a slash or relative to the root
    /// directory for the current namespace otherwise.
    #[arglists = "([& paths])"]
    "load" => load;
    /// Loads the libraries named (unless their namespaces exist), with :as,
    /// :refer, :reload.
    #[arglists = "([& args])"]
    "require" => require;
}

/// A namespace from a namespace or a symbol naming one.
fn the_ns_of<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Value<'e>> {
    match x.kind()? {
        Some(Kind::Namespace) => Ok(i.env.own(x)?),
        Some(Kind::Symbol) => {
            let name = crate::print::symbol_text(x);
            i.find_ns(&name)?
                .ok_or_else(|| EvalError::new(EvalErrorKind::NoSuchNamespace(name)))
        }
        _ => Err(class_cast("a namespace or a symbol", x)),
    }
}

fn symbol_arg<'a>(name: &str, x: &'a Value<'_>) -> EvalResult<Ref<'a>> {
    let r = x.borrowed();
    if !matches!(r.kind()?, Some(Kind::Symbol)) {
        return Err(EvalError::new(EvalErrorKind::ClassCast(format!(
            "{name} expects a symbol, got {}",
            crate::print::pr_str(r).unwrap_or_default()
        ))));
    }
    Ok(r)
}

/// `(in-ns 'name)`: makes (creating if needed) the current namespace.
pub(crate) fn in_ns<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let sym = symbol_arg("in-ns", one("in-ns", &args)?)?;
    let ns = i.env.namespace(&i.p, sym)?;
    i.set_current_ns(ns.clone());
    Ok(ns)
}

/// `(create-ns 'name)`.
pub(crate) fn create_ns<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let sym = symbol_arg("create-ns", one("create-ns", &args)?)?;
    Ok(i.env.namespace(&i.p, sym)?)
}

/// `(find-ns 'name)`: the namespace or nil.
pub(crate) fn find_ns<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let sym = symbol_arg("find-ns", one("find-ns", &args)?)?;
    Ok(i.env
        .find_namespace(&i.p, sym)?
        .unwrap_or_else(|| Value::nil(i.env)))
}

/// `(the-ns x)`: a namespace, or the one a symbol names (error if none).
pub(crate) fn the_ns<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    the_ns_of(i, one("the-ns", &args)?.borrowed())
}

/// `(all-ns)`: every namespace, as a list.
pub(crate) fn all_ns<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/all-ns", args.len()));
    }
    let all = i.env.all_namespaces(&i.p)?;
    let refs: Vec<Ref<'_>> = all.iter().map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

/// `(ns-name ns)`: its name symbol.
pub(crate) fn ns_name<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let ns = the_ns_of(i, one("ns-name", &args)?.borrowed())?;
    Ok(i.env.own(i.env.namespace_name(ns.borrowed())?)?)
}

/// `(alias 'a 'some.ns)`: `a/x` means `some.ns/x` in the current namespace.
pub(crate) fn alias<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, target] = &args[..] else {
        return Err(arity("clojure.core/alias", args.len()));
    };
    let a = symbol_arg("alias", a)?;
    let target = the_ns_of(i, target.borrowed())?;
    let current = i.current_ns();
    i.env
        .namespace_aliases(current.borrowed())?
        .swap(&i.p, |m| i.env.assoc(m, a, target.borrowed()))?;
    Ok(Value::nil(i.env))
}

/// The mappings of `ns` as (symbol, var) pairs.
fn mappings<'e>(i: &Interp<'e>, ns: Ref<'_>) -> EvalResult<Vec<(Value<'e>, Value<'e>)>> {
    let root = i.env.namespace_mappings(ns)?;
    let g = i.p.pin();
    let map = root.load(&g)?;
    if map.is_nil() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for e in map.entries()? {
        let (k, v) = e?;
        if !v.is_nil() {
            out.push((i.env.own(k)?, i.env.own(v)?));
        }
    }
    Ok(out)
}

/// Whether `var` was interned in `ns` (not referred from elsewhere).
fn interned_here(i: &Interp<'_>, ns: Ref<'_>, var: Ref<'_>) -> EvalResult<bool> {
    let (var_ns, _) = i.env.var_name(var)?;
    Ok(var_ns.word() == i.env.namespace_name(ns)?.word())
}

fn mapping_map<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    keep: impl Fn(Ref<'_>, Ref<'_>) -> EvalResult<bool>,
) -> EvalResult<Value<'e>> {
    let ns = the_ns_of(i, one(name, args)?.borrowed())?;
    let mut out = i.env.empty_map()?;
    for (k, v) in mappings(i, ns.borrowed())? {
        if keep(ns.borrowed(), v.borrowed())? {
            out = i.env.assoc(out.borrowed(), k.borrowed(), v.borrowed())?;
        }
    }
    Ok(out)
}

/// `(ns-map ns)`: every mapping, interned or referred.
pub(crate) fn ns_map<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    mapping_map(i, "ns-map", &args, |_, _| Ok(true))
}

/// `(ns-interns ns)`: the vars interned in `ns`.
pub(crate) fn ns_interns<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    mapping_map(i, "ns-interns", &args, |ns, v| interned_here(i, ns, v))
}

/// `(ns-publics ns)`: the vars interned in `ns` and not private.
pub(crate) fn ns_publics<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    mapping_map(i, "ns-publics", &args, |ns, v| {
        Ok(interned_here(i, ns, v)? && i.env.var_flags(v)? & VAR_PRIVATE == 0)
    })
}

/// `(ns-unmap ns 'sym)`.
pub(crate) fn ns_unmap<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [ns, sym] = &args[..] else {
        return Err(arity("clojure.core/ns-unmap", args.len()));
    };
    let ns = the_ns_of(i, ns.borrowed())?;
    let sym = symbol_arg("ns-unmap", sym)?;
    i.env.namespace_mappings(ns.borrowed())?.swap(&i.p, |m| {
        if m.get(sym)?.is_some() {
            i.env.dissoc(m, sym)
        } else {
            i.env.own(m)
        }
    })?;
    Ok(Value::nil(i.env))
}

/// `(refer 'ns)` / `(refer 'ns :only [a b])` / `(refer 'ns :exclude [c])`:
/// maps the public vars of `ns` in the current namespace.
pub(crate) fn refer<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some((from, opts)) = args.split_first() else {
        return Err(arity("clojure.core/refer", 0));
    };
    let from = the_ns_of(i, from.borrowed())?;
    let mut only: Option<Vec<Word>> = None;
    let mut exclude: Vec<Word> = Vec::new();
    for kv in opts.chunks(2) {
        let [k, v] = kv else {
            return Err(arity("clojure.core/refer", args.len()));
        };
        let names: Vec<Word> = v
            .borrowed()
            .elements()?
            .map(|x| x.map(|x| x.word()))
            .collect::<Result<_, _>>()?;
        match k.borrowed().symbol_parts()?.1 {
            "only" => only = Some(names),
            "exclude" => exclude = names,
            other => {
                return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                    "refer does not take :{other}"
                ))));
            }
        }
    }
    let current = i.current_ns();
    let mut picked = Vec::new();
    for (k, v) in mappings(i, from.borrowed())? {
        let public = interned_here(i, from.borrowed(), v.borrowed())?
            && i.env.var_flags(v.borrowed())? & VAR_PRIVATE == 0;
        let wanted = only.as_ref().is_none_or(|o| o.contains(&k.word()));
        if public && wanted && !exclude.contains(&k.word()) {
            picked.push((k, v));
        }
    }
    if let Some(only) = &only {
        for w in only {
            if !picked.iter().any(|(k, _)| k.word() == *w) {
                return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                    "{} does not exist or is not public in {}",
                    crate::print::print_str(
                        Ref::immediate(i.env, *w).unwrap_or(args[0].borrowed())
                    )
                    .unwrap_or_default(),
                    crate::print::print_str(args[0].borrowed()).unwrap_or_default()
                ))));
            }
        }
    }
    i.env
        .namespace_mappings(current.borrowed())?
        .swap(&i.p, |m| {
            let mut out = i.env.own(m)?;
            for (k, v) in &picked {
                out = i.env.assoc(out.borrowed(), k.borrowed(), v.borrowed())?;
            }
            Ok::<_, EvalError>(out)
        })?;
    Ok(Value::nil(i.env))
}

/// `(refer-clojure :exclude [names])`: the current namespace stops seeing
/// those `clojure.core` names (each is mapped to nil, which the implicit
/// refer of `clojure.core` respects and a `def` of the name replaces).
/// `:only` and `:rename` are not supported yet.
pub(crate) fn refer_clojure<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let mut names: Vec<Value<'e>> = Vec::new();
    for kv in args.chunks(2) {
        let [k, v] = kv else {
            return Err(arity("clojure.core/refer-clojure", args.len()));
        };
        match k.borrowed().symbol_parts()?.1 {
            "exclude" => {
                for n in v.borrowed().elements()? {
                    names.push(i.env.own(n?)?);
                }
            }
            other => {
                return Err(EvalError::new(EvalErrorKind::IllegalState(format!(
                    "refer-clojure does not take :{other} yet"
                ))));
            }
        }
    }
    let current = i.current_ns();
    let nil = Value::nil(i.env);
    i.env
        .namespace_mappings(current.borrowed())?
        .swap(&i.p, |m| {
            let mut out = i.env.own(m)?;
            for n in &names {
                if out.borrowed().get(n.borrowed())?.is_none() {
                    out = i.env.assoc(out.borrowed(), n.borrowed(), nil.borrowed())?;
                }
            }
            Ok::<_, EvalError>(out)
        })?;
    Ok(Value::nil(i.env))
}

/// `(resolve 'sym)`: the var it names in the current namespace, or nil.
pub(crate) fn resolve<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let sym = symbol_arg("resolve", one("resolve", &args)?)?;
    Ok(i.resolve_symbol(sym)
        .ok()
        .flatten()
        .unwrap_or_else(|| Value::nil(i.env)))
}

/// `(ns-resolve ns 'sym)`: the var `sym` names in `ns`, or nil.
pub(crate) fn ns_resolve<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [ns, sym] = &args[..] else {
        return Err(arity("clojure.core/ns-resolve", args.len()));
    };
    let ns = the_ns_of(i, ns.borrowed())?;
    let sym = symbol_arg("ns-resolve", sym)?;
    let saved = i.current_ns();
    i.set_current_ns(ns);
    let found = i.resolve_symbol(sym);
    i.set_current_ns(saved);
    Ok(found.ok().flatten().unwrap_or_else(|| Value::nil(i.env)))
}

/// `(load-file "path")`: reads and evaluates a file; its last value.
pub(crate) fn load_file<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let path = one("load-file", &args)?.borrowed();
    let path = path
        .as_str()
        .map_err(|_| class_cast("a path string", path))?;
    i.load_file(std::path::Path::new(path))
}

/// `(load "path" ...)`: loads each source file, as Clojure's `load`.
pub(crate) fn load<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    for path in &args {
        let path = path
            .borrowed()
            .as_str()
            .map_err(|_| class_cast("a path string", path.borrowed()))?;
        i.load_resource(path)?;
    }
    Ok(Value::nil(i.env))
}

/// `(require 'a.b)`, `(require '[a.b :as x :refer [f g]])`, several specs.
pub(crate) fn require<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    for spec in &args {
        i.require_spec(spec.borrowed())?;
    }
    Ok(Value::nil(i.env))
}

/// `(ns-aliases ns)`: the aliases of `ns`, a map from symbol to namespace.
pub(crate) fn ns_aliases<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [ns] = &args[..] else {
        return Err(arity("clojure.core/ns-aliases", args.len()));
    };
    let ns = the_ns_of(i, ns.borrowed())?;
    let aliases = i.env.namespace_aliases(ns.borrowed())?.get(&i.p)?;
    if aliases.borrowed().is_nil() {
        return Ok(i.env.empty_map()?);
    }
    Ok(aliases)
}
