//! Natives about the types of values, for protocols, multimethods and
//! scripts that ask a value its class: `type`, `class`, `instance?`,
//! `class?`, and the helpers the Lisp part of the core library
//! (`core_multi.clj`) uses to dispatch on a type (`-resolve-class`,
//! `-class-supers`, `-class-parents`, `-class-names`).
//!
//! evelisp has no JVM classes: a class is a symbol naming the class
//! Clojure would give the value (`java.lang.Long`,
//! `clojure.lang.PersistentVector`, ...). [`CLASSES`] (`class_table.rs`) is
//! the fixed table of the classes and interfaces known, each with its
//! direct supertypes, so `(instance? Number 1)`, `(isa? java.lang.Long
//! java.lang.Number)` and a protocol extended to
//! `clojure.lang.IPersistentMap` work as in Clojure; the classes a program
//! defines (records, types, protocols' interfaces) keep their supertypes in
//! the metadata of their class var (`-def-class`, `core_multi.clj`).

use super::class_table::CLASSES;
use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use evelisp_heap::{Kind, Ref, Value, View};

natives! {
    /// The class of x, as the symbol naming it; nil for nil. (Unlike Clojure,
    /// :type metadata is not consulted.)
    #[arglists = "([x])"]
    "type" => type_of;
    /// The class of x, as the symbol naming it (e.g. java.lang.Long); nil for
    /// nil.
    #[arglists = "([x])"]
    "class" => type_of;
    /// Whether x is an instance of the class c: its class is c or has c as a
    /// supertype.
    #[arglists = "([c x])"]
    "instance?" => is_instance;
    /// Whether x names a known class (evelisp's classes are symbols).
    #[arglists = "([x])"]
    "class?" => is_class;
    /// Internal: the full name symbol of the class written sym (String gives
    /// java.lang.String); any other value is returned as it is.
    #[arglists = "([sym])"]
    "-resolve-class" => resolve_class;
    /// Internal: a vector of every supertype of the class symbol c, nearest
    /// first and java.lang.Object last, or nil when it has none or is not a
    /// known class.
    #[arglists = "([c])"]
    "-class-supers" => class_supers;
    /// Internal: a vector of the direct supertypes of the class symbol c, or
    /// nil when it has none or is not a known class.
    #[arglists = "([c])"]
    "-class-parents" => class_parents;
    /// Internal: a vector of [short-name full-name] symbol pairs, one per known
    /// class; short-name is nil for a class outside java.lang.
    #[arglists = "([])"]
    "-class-names" => class_names;
}

const OBJECT: &str = "java.lang.Object";

/// The full name of the error classes the evaluator names by their short
/// name (`:evelisp.ex/class` of an error value).
fn error_class(short: &str) -> String {
    match short {
        "ExceptionInfo"
        | "ArityException"
        | "EdnReader$ReaderException"
        | "LispReader$ReaderException" => format!("clojure.lang.{short}"),
        "CompilerException" => "clojure.lang.Compiler$CompilerException".into(),
        "IOException" | "EOFException" => format!("java.io.{short}"),
        "JsonProcessingException" | "JsonParseException" | "JsonGenerationException" => {
            format!("com.fasterxml.jackson.core.{short}")
        }
        "JsonEOFException" => "com.fasterxml.jackson.core.io.JsonEOFException".into(),
        "CancellationException" => "java.util.concurrent.CancellationException".into(),
        other => format!("java.lang.{other}"),
    }
}

/// The direct supertypes of the class named `name`, if it is known.
fn direct_supers(name: &str) -> Option<&'static [&'static str]> {
    CLASSES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The full name of a class written `name`: itself when it is known or
/// qualified, else the known class whose last segment it is.
fn full_name(name: &str) -> Option<&'static str> {
    if let Some((n, _)) = CLASSES.iter().find(|(n, _)| *n == name) {
        return Some(n);
    }
    if name.contains('.') {
        return None;
    }
    CLASSES
        .iter()
        .map(|(n, _)| *n)
        .find(|n| n.rsplit('.').next() == Some(name))
}

/// Every supertype of the known class `name`, nearest first (breadth
/// first), `java.lang.Object` last (for a class other than Object).
fn all_supers(name: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut queue: Vec<&'static str> = direct_supers(name).unwrap_or(&[]).to_vec();
    let mut i = 0;
    while let Some(&s) = queue.get(i) {
        i += 1;
        if s == OBJECT || out.contains(&s) {
            continue;
        }
        out.push(s);
        queue.extend_from_slice(direct_supers(s).unwrap_or(&[]));
    }
    if name != OBJECT && direct_supers(name).is_some() {
        out.push(OBJECT);
    }
    out
}

/// The class name of a value (`None` for nil).
pub(crate) fn class_name(x: Ref<'_>) -> EvalResult<Option<String>> {
    // A record's class is its type (`user.Point`).
    if let Some(ty) = x.record_type()? {
        let (ns, name) = ty.symbol_parts()?;
        return Ok(Some(match ns {
            Some(ns) => format!("{ns}/{name}"),
            None => name.to_string(),
        }));
    }
    let name = match x.kind()? {
        Some(Kind::String) => "java.lang.String",
        Some(Kind::Symbol) => "clojure.lang.Symbol",
        Some(Kind::Keyword) => "clojure.lang.Keyword",
        Some(Kind::Int64) => "java.lang.Long",
        Some(Kind::Float64) => "java.lang.Double",
        Some(Kind::Atom) => "clojure.lang.Atom",
        Some(Kind::Volatile) => "clojure.lang.Volatile",
        Some(Kind::Reduced) => "clojure.lang.Reduced",
        Some(Kind::Vector) => "clojure.lang.PersistentVector",
        Some(Kind::Map | Kind::ArrayMap) => {
            let class_key = x.env().intern_keyword(Some("evelisp.ex"), "class")?;
            if let Some(c) = x.get(class_key.borrowed())?
                && let Ok(short) = c.as_str()
            {
                return Ok(Some(error_class(short)));
            }
            if matches!(x.kind()?, Some(Kind::ArrayMap)) {
                "clojure.lang.PersistentArrayMap"
            } else {
                "clojure.lang.PersistentHashMap"
            }
        }
        Some(Kind::Set) => "clojure.lang.PersistentHashSet",
        Some(Kind::Sorted) if x.sorted_parts()?.is_set => "clojure.lang.PersistentTreeSet",
        Some(Kind::Sorted) => "clojure.lang.PersistentTreeMap",
        Some(Kind::Cons) => "clojure.lang.PersistentList",
        Some(Kind::SeqCons) => "clojure.lang.Cons",
        Some(Kind::LazySeq) => "clojure.lang.LazySeq",
        Some(Kind::BigInt) if x.is_biginteger()? => "java.math.BigInteger",
        Some(Kind::BigInt) => "clojure.lang.BigInt",
        Some(Kind::BigDecimal) => "java.math.BigDecimal",
        Some(Kind::Ratio) => "clojure.lang.Ratio",
        Some(Kind::Var) => "clojure.lang.Var",
        Some(Kind::Namespace) => "clojure.lang.Namespace",
        Some(Kind::Fn) => "clojure.lang.AFunction",
        Some(Kind::Pattern) => "java.util.regex.Pattern",
        Some(Kind::Uuid) => "java.util.UUID",
        Some(Kind::Inst) => match x.view()? {
            View::Inst {
                class: evelisp_heap::InstClass::Instant,
                ..
            } => "java.time.Instant",
            _ => "java.util.Date",
        },
        Some(Kind::TaggedLiteral) => "clojure.lang.TaggedLiteral",
        Some(Kind::ReaderConditional) => "clojure.lang.ReaderConditional",
        Some(Kind::Array) => return Ok(Some(x.array_class_name()?)),
        Some(_) => OBJECT,
        None => match x.view()? {
            View::Nil => return Ok(None),
            View::Bool(_) => "java.lang.Boolean",
            View::Int(_) => "java.lang.Long",
            View::Char(_) => "java.lang.Character",
            View::Float(_) => "java.lang.Double",
            View::Float32(_) => "java.lang.Float",
            View::List { .. } => "clojure.lang.PersistentList",
            View::Host(_) => crate::host_objects::class_name(x.word()),
            _ => OBJECT,
        },
    };
    Ok(Some(name.to_string()))
}

/// The symbol naming class `name`.
fn class_symbol<'e>(i: &Interp<'e>, name: &str) -> EvalResult<Value<'e>> {
    Ok(i.env().intern_symbol(None, name)?)
}

/// The class name `c` designates: a symbol, full or short (`String`).
fn designated(c: Ref<'_>) -> EvalResult<Option<String>> {
    if !matches!(c.kind()?, Some(Kind::Symbol)) {
        return Ok(None);
    }
    let (ns, name) = c.symbol_parts()?;
    if ns.is_some() {
        return Ok(None);
    }
    Ok(Some(
        full_name(name).map_or_else(|| name.to_string(), str::to_string),
    ))
}

/// `(type x)` / `(class x)`: the symbol naming x's class (nil for nil).
fn type_of<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/type", args.len()));
    };
    match class_name(x.borrowed())? {
        Some(name) => class_symbol(i, &name),
        None => Ok(Value::nil(i.env())),
    }
}

/// `(instance? c x)`: whether x's class is c or below it.
fn is_instance<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [c, x] = &args[..] else {
        return Err(arity("clojure.core/instance?", args.len()));
    };
    let Some(c) = designated(c.borrowed())? else {
        return Err(EvalError::new(EvalErrorKind::ClassCast(format!(
            "{} cannot be cast to java.lang.Class",
            crate::print::pr_str(c.borrowed())?
        ))));
    };
    Ok(i.env().make_bool(instance_of(i, &c, x.borrowed())?))
}

/// Whether `x` is an instance of the class named `c` (its full name):
/// its class is `c` or below it (an array is below Object, Cloneable and
/// Serializable, as in Java). nil is an instance of nothing.
pub(crate) fn instance_of(i: &Interp<'_>, c: &str, x: Ref<'_>) -> EvalResult<bool> {
    Ok(match class_name(x)? {
        None => false,
        Some(own) if own.starts_with('[') => array_assignable(&own, c),
        Some(own) if own == c => true,
        Some(own) if direct_supers(&own).is_some() => all_supers(&own).contains(&c),
        Some(own) => supers_of(i, &own)?.iter().any(|s| s == c),
    })
}

/// The direct supertypes of a class that `defrecord`, `deftype`,
/// `reify` or `defprotocol` defined (`-def-class`: the metadata key
/// `:evelisp/class-supers` of its class var in `clojure.core`), or `None`
/// when no such class is defined.
fn defined_supers(i: &Interp<'_>, name: &str) -> EvalResult<Option<Vec<String>>> {
    let env = i.env();
    let sym = env.intern_symbol(None, name)?;
    let Some(var) = i.ns_lookup(i.core.borrowed(), sym.borrowed())? else {
        return Ok(None);
    };
    let meta = env.var_meta(var.borrowed())?.get(i.participant())?;
    let key = env.intern_keyword(Some("evelisp"), "class-supers")?;
    if meta.borrowed().is_nil() {
        return Ok(None);
    }
    let Some(supers) = meta.borrowed().get(key.borrowed())? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for s in supers.elements()? {
        let s = s?;
        if matches!(s.kind()?, Some(Kind::Symbol)) {
            out.push(s.symbol_parts()?.1.to_string());
        }
    }
    Ok(Some(out))
}

/// Every supertype of the class `name` (known or defined), nearest first
/// (breadth first), `java.lang.Object` last; empty for an unknown class.
fn supers_of(i: &Interp<'_>, name: &str) -> EvalResult<Vec<String>> {
    if direct_supers(name).is_some() {
        return Ok(all_supers(name).into_iter().map(str::to_string).collect());
    }
    let Some(direct) = defined_supers(i, name)? else {
        return Ok(Vec::new());
    };
    let mut out: Vec<String> = Vec::new();
    let mut queue = direct;
    let mut at = 0;
    while let Some(s) = queue.get(at).cloned() {
        at += 1;
        if s == OBJECT || out.contains(&s) {
            continue;
        }
        match direct_supers(&s) {
            Some(known) => queue.extend(known.iter().map(|k| k.to_string())),
            None => queue.extend(defined_supers(i, &s)?.unwrap_or_default()),
        }
        out.push(s);
    }
    out.push(OBJECT.to_string());
    Ok(out)
}

/// Whether an array of class `own` (`[I`, `[Ljava.lang.String;`) is an
/// instance of class `c`: Object, Cloneable, Serializable, or an array
/// class whose elements its elements are instances of (Java's arrays are
/// covariant: a `String[]` is an `Object[]`; an `int[]` is no `long[]`).
fn array_assignable(own: &str, c: &str) -> bool {
    if own == c || matches!(c, OBJECT | "java.lang.Cloneable" | "java.io.Serializable") {
        return true;
    }
    let (Some(o), Some(c)) = (own.strip_prefix('['), c.strip_prefix('[')) else {
        return false;
    };
    let class = |d: &str| {
        d.strip_prefix('L')
            .and_then(|d| d.strip_suffix(';'))
            .map(str::to_string)
    };
    match (class(o), class(c)) {
        (Some(o), Some(c)) => o == c || c == OBJECT || all_supers(&o).contains(&c.as_str()),
        // Arrays of arrays are Object[]s; deeper, compare a level down.
        (None, Some(c)) => o.starts_with('[') && c == OBJECT,
        (None, None) if o.starts_with('[') && c.starts_with('[') => array_assignable(o, c),
        _ => false,
    }
}

/// `(class? x)`: whether x names a known class (a symbol).
fn is_class<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/class?", args.len()));
    };
    let yes = matches!(x.borrowed().kind()?, Some(Kind::Symbol))
        && match x.borrowed().symbol_parts()? {
            (None, name) => direct_supers(name).is_some() || defined_supers(i, name)?.is_some(),
            _ => false,
        };
    Ok(i.env().make_bool(yes))
}

/// `(-resolve-class sym)`: the full name symbol of a class written `sym`
/// (`String` → `java.lang.String`); an unknown symbol (or any other
/// value) is returned as it is.
fn resolve_class<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/-resolve-class", args.len()));
    };
    match designated(x.borrowed())? {
        Some(name) => class_symbol(i, &name),
        None => Ok(x.clone()),
    }
}

/// The vector of the symbols `names`, or nil when there are none.
fn symbols<'e>(i: &Interp<'e>, names: &[&str]) -> EvalResult<Value<'e>> {
    if names.is_empty() {
        return Ok(Value::nil(i.env()));
    }
    let syms = names
        .iter()
        .map(|n| class_symbol(i, n))
        .collect::<EvalResult<Vec<_>>>()?;
    let refs: Vec<Ref<'_>> = syms.iter().map(Value::borrowed).collect();
    Ok(i.env().make_vector(&refs)?)
}

/// The name of the unqualified symbol `x` (a class defined by the
/// program, perhaps), else `None`.
fn defined_name(x: Ref<'_>) -> EvalResult<Option<&str>> {
    if !matches!(x.kind()?, Some(Kind::Symbol)) {
        return Ok(None);
    }
    Ok(match x.symbol_parts()? {
        (None, name) => Some(name),
        _ => None,
    })
}

/// The known class named by symbol `x`, if it is one.
fn known_class(x: Ref<'_>) -> EvalResult<Option<&'static str>> {
    if !matches!(x.kind()?, Some(Kind::Symbol)) {
        return Ok(None);
    }
    match x.symbol_parts()? {
        (None, name) => Ok(CLASSES.iter().find(|(n, _)| *n == name).map(|(n, _)| *n)),
        _ => Ok(None),
    }
}

/// `(-class-supers c)`: a vector of every supertype of class symbol `c`,
/// nearest first, `java.lang.Object` last; nil if `c` is not a known
/// class or has none.
fn class_supers<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/-class-supers", args.len()));
    };
    match known_class(x.borrowed())? {
        Some(name) => symbols(i, &all_supers(name)),
        None => match defined_name(x.borrowed())? {
            Some(name) if defined_supers(i, name)?.is_some() => {
                let all = supers_of(i, name)?;
                symbols(i, &all.iter().map(String::as_str).collect::<Vec<_>>())
            }
            _ => Ok(Value::nil(i.env())),
        },
    }
}

/// `(-class-parents c)`: a vector of the direct supertypes of class symbol
/// `c` (Object for a class without any); nil if it has none or is not a
/// known class.
fn class_parents<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/-class-parents", args.len()));
    };
    match known_class(x.borrowed())? {
        Some(name) => symbols(i, direct_supers(name).unwrap_or(&[])),
        None => match defined_name(x.borrowed())? {
            Some(name) => match defined_supers(i, name)? {
                // Java's getSuperclass of a defined class: Object.
                Some(mut direct) => {
                    direct.insert(0, OBJECT.to_string());
                    symbols(i, &direct.iter().map(String::as_str).collect::<Vec<_>>())
                }
                None => Ok(Value::nil(i.env())),
            },
            None => Ok(Value::nil(i.env())),
        },
    }
}

/// `(-class-names)`: a vector of `[short-name full-name]` symbol pairs of
/// every known class (the short name is nil for a class outside
/// `java.lang` and `java.math`, which Clojure does not import by default).
fn class_names<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/-class-names", args.len()));
    }
    let env = i.env();
    let mut out = env.empty_vector()?;
    for (name, _) in CLASSES {
        let full = class_symbol(i, name)?;
        // Clojure imports `java.lang` and these two by default.
        let short = match name
            .strip_prefix("java.lang.")
            .or_else(|| name.strip_prefix("java.math."))
        {
            Some(s) if !s.contains('.') => class_symbol(i, s)?,
            _ => Value::nil(env),
        };
        let pair = env.make_vector(&[short.borrowed(), full.borrowed()])?;
        out = env.conj(out.borrowed(), pair.borrowed())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_super_is_a_known_class() {
        for (name, supers) in CLASSES {
            for s in *supers {
                assert!(direct_supers(s).is_some(), "{name}: {s}");
            }
        }
    }

    #[test]
    fn supers_are_nearest_first_and_end_with_object() {
        let s = all_supers("java.lang.Long");
        assert_eq!(s.first(), Some(&"java.lang.Number"));
        assert_eq!(s.last(), Some(&OBJECT));
        assert!(all_supers(OBJECT).is_empty());
        let v = all_supers("clojure.lang.PersistentVector");
        let pos = |n: &str| v.iter().position(|x| *x == n);
        assert!(pos("clojure.lang.IPersistentVector") < pos("clojure.lang.IFn"));
    }

    #[test]
    fn short_names_resolve() {
        assert_eq!(full_name("String"), Some("java.lang.String"));
        assert_eq!(
            full_name("IPersistentMap"),
            Some("clojure.lang.IPersistentMap")
        );
        assert_eq!(full_name("a.b.C"), None);
    }
}
