//! Native functions: Rust functions stored in the env file by a stable
//! name. A native's fn object holds a code object whose body is its
//! qualified name symbol and whose aux is the keyword `:evelisp/native`;
//! each process looks the name up in [`NATIVES`] when it is called, so a
//! file that names a native this binary lacks gives a clear error at call
//! time. [`install`] interns every native's var in `clojure.core` (once per
//! env file: a var already holding the native is left alone).
//!
//! These are the primitives the evaluator's own tests need; the core
//! library (issue 5) adds the rest, mostly in evelisp itself.

use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::interp::{CORE_NS, Interp};
use crate::run::truthy;
use evelisp_heap::{Kind, Ref, Value, View, Word};

/// A native function.
pub type Native = for<'e> fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>>;

/// Every native, by its name in `clojure.core`.
pub const NATIVES: &[(&str, Native)] = &[
    ("+", add),
    ("-", sub),
    ("*", mul),
    ("<", lt),
    (">", gt),
    ("<=", le),
    (">=", ge),
    ("=", equal),
    ("inc", inc),
    ("dec", dec),
    ("not", not),
    ("nil?", is_nil),
    ("count", count),
    ("first", first),
    ("rest", rest),
    ("cons", cons),
    ("list", list),
    ("vector", vector),
    ("conj", conj),
    ("get", get),
    ("assoc", assoc),
    ("str", str_),
    ("pr-str", pr_str),
    ("atom", atom),
    ("deref", deref),
    ("swap!", swap),
    ("reset!", reset),
    ("apply", apply),
];

/// The native named `ns/name`, if this binary has it.
pub fn lookup(qualified: &str) -> Option<Native> {
    let name = qualified.strip_prefix(CORE_NS)?.strip_prefix('/')?;
    NATIVES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Interns every native's var in `clojure.core`, bound to its fn object
/// unless it already holds that native.
pub(crate) fn install(interp: &Interp<'_>) -> EvalResult<()> {
    let env = interp.env;
    let marker = env.intern_keyword(Some("evelisp"), "native")?;
    for (name, _) in NATIVES {
        let sym = env.intern_symbol(None, name)?;
        let var = env.intern_var(&interp.p, interp.core.borrowed(), sym.borrowed())?;
        let root = env.var_root(var.borrowed())?;
        let current = root.get(&interp.p)?;
        if is_native_named(current.borrowed(), name)? {
            continue;
        }
        let qualified = env.intern_symbol(Some(CORE_NS), name)?;
        let code = env.new_code(qualified.borrowed(), marker.borrowed(), &[])?;
        let f = env.new_fn(
            code.borrowed(),
            Value::nil(env).borrowed(),
            qualified.borrowed(),
        )?;
        root.compare_and_set(&interp.p, current.borrowed(), f)?;
    }
    Ok(())
}

fn is_native_named(v: Ref<'_>, name: &str) -> EvalResult<bool> {
    if !matches!(v.kind()?, Some(Kind::Fn)) {
        return Ok(false);
    }
    let env = v.env();
    let (code, _, _) = env.fn_parts(v)?;
    let (body, _, _) = env.code_parts(code)?;
    Ok(matches!(body.kind()?, Some(Kind::Symbol)) && body.symbol_parts()? == (Some(CORE_NS), name))
}

fn class_cast(what: &str, v: Ref<'_>) -> EvalError {
    let shown = crate::print::pr_str(v).unwrap_or_else(|_| "value".into());
    EvalError::new(EvalErrorKind::ClassCast(format!("{shown} is not {what}")))
}

fn arity(name: &str, count: usize) -> EvalError {
    EvalError::new(EvalErrorKind::Arity {
        count,
        name: format!("{CORE_NS}/{name}"),
    })
}

/// A number, as Clojure's arithmetic sees it.
#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

fn num(v: Ref<'_>) -> EvalResult<Num> {
    match v.view()? {
        View::Int(i) => Ok(Num::Int(i)),
        View::Float(f) => Ok(Num::Float(f)),
        _ => Err(class_cast("a number", v)),
    }
}

fn make_num<'e>(interp: &Interp<'e>, n: Num) -> EvalResult<Value<'e>> {
    Ok(match n {
        Num::Int(i) => interp.env.make_int(i)?,
        Num::Float(f) => interp.env.make_float(f)?,
    })
}

fn overflow() -> EvalError {
    EvalError::new(EvalErrorKind::Arithmetic("integer overflow".into()))
}

fn arith(
    a: Num,
    b: Num,
    int: fn(i64, i64) -> Option<i64>,
    float: fn(f64, f64) -> f64,
) -> EvalResult<Num> {
    Ok(match (a, b) {
        (Num::Int(x), Num::Int(y)) => Num::Int(int(x, y).ok_or_else(overflow)?),
        (Num::Int(x), Num::Float(y)) => Num::Float(float(x as f64, y)),
        (Num::Float(x), Num::Int(y)) => Num::Float(float(x, y as f64)),
        (Num::Float(x), Num::Float(y)) => Num::Float(float(x, y)),
    })
}

fn fold<'e>(
    interp: &Interp<'e>,
    args: &[Value<'e>],
    unit: i64,
    int: fn(i64, i64) -> Option<i64>,
    float: fn(f64, f64) -> f64,
) -> EvalResult<Value<'e>> {
    let mut acc = Num::Int(unit);
    for a in args {
        acc = arith(acc, num(a.borrowed())?, int, float)?;
    }
    make_num(interp, acc)
}

fn add<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold(i, &args, 0, i64::checked_add, |a, b| a + b)
}

fn mul<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    fold(i, &args, 1, i64::checked_mul, |a, b| a * b)
}

fn sub<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    match &args[..] {
        [] => Err(arity("-", 0)),
        [x] => {
            let r = arith(Num::Int(0), num(x.borrowed())?, i64::checked_sub, |a, b| {
                a - b
            })?;
            make_num(i, r)
        }
        [first, rest @ ..] => {
            let mut acc = num(first.borrowed())?;
            for a in rest {
                acc = arith(acc, num(a.borrowed())?, i64::checked_sub, |a, b| a - b)?;
            }
            make_num(i, acc)
        }
    }
}

fn compare_chain<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    ok: fn(std::cmp::Ordering) -> bool,
) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity(name, 0));
    }
    for pair in args.windows(2) {
        let (a, b) = (num(pair[0].borrowed())?, num(pair[1].borrowed())?);
        let ord = match (a, b) {
            (Num::Int(x), Num::Int(y)) => x.cmp(&y),
            (a, b) => {
                let f = |n: Num| match n {
                    Num::Int(x) => x as f64,
                    Num::Float(x) => x,
                };
                match f(a).partial_cmp(&f(b)) {
                    Some(o) => o,
                    None => return Ok(i.env.make_bool(false)),
                }
            }
        };
        if !ok(ord) {
            return Ok(i.env.make_bool(false));
        }
    }
    // Every argument must be a number, also a lone one.
    num(args[0].borrowed())?;
    Ok(i.env.make_bool(true))
}

fn lt<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, "<", &a, |o| o.is_lt())
}
fn gt<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, ">", &a, |o| o.is_gt())
}
fn le<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, "<=", &a, |o| o.is_le())
}
fn ge<'e>(i: &Interp<'e>, a: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    compare_chain(i, ">=", &a, |o| o.is_ge())
}

fn equal<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if args.is_empty() {
        return Err(arity("=", 0));
    }
    for pair in args.windows(2) {
        if !pair[0].borrowed().equals(pair[1].borrowed())? {
            return Ok(i.env.make_bool(false));
        }
    }
    Ok(i.env.make_bool(true))
}

fn one<'a, 'e>(name: &str, args: &'a [Value<'e>]) -> EvalResult<&'a Value<'e>> {
    match args {
        [x] => Ok(x),
        _ => Err(arity(name, args.len())),
    }
}

fn inc<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = num(one("inc", &args)?.borrowed())?;
    make_num(i, arith(x, Num::Int(1), i64::checked_add, |a, b| a + b)?)
}

fn dec<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = num(one("dec", &args)?.borrowed())?;
    make_num(i, arith(x, Num::Int(1), i64::checked_sub, |a, b| a - b)?)
}

fn not<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    Ok(i.env.make_bool(!truthy(one("not", &args)?.borrowed())))
}

fn is_nil<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    Ok(i.env.make_bool(one("nil?", &args)?.word() == Word::NIL))
}

fn count<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("count", &args)?.borrowed();
    let n = match x.view()? {
        View::Nil => 0,
        View::Str(s) => s.chars().count() as u64,
        _ => x.count().map_err(|_| class_cast("countable", x))?,
    };
    Ok(i.env.make_int(n as i64)?)
}

/// The elements of a list, vector, set or map (entries as vectors), or nil.
fn elements<'e>(i: &Interp<'e>, x: Ref<'_>) -> EvalResult<Vec<Value<'e>>> {
    let env = i.env;
    Ok(match x.kind()? {
        None if x.is_nil() || x.word() == Word::EMPTY_LIST => Vec::new(),
        Some(Kind::Cons | Kind::Vector | Kind::Set) => x
            .elements()?
            .map(|e| Ok(env.own(e?)?))
            .collect::<EvalResult<_>>()?,
        Some(Kind::Map | Kind::ArrayMap) => x
            .entries()?
            .map(|e| {
                let (k, v) = e?;
                Ok(env.make_vector(&[k, v])?)
            })
            .collect::<EvalResult<_>>()?,
        _ => return Err(class_cast("a collection", x)),
    })
}

fn first<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("first", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Cons) => Ok(i.env.own(x.first()?)?),
        Some(Kind::Vector) if x.count()? > 0 => Ok(i.env.own(x.nth(0)?)?),
        _ => Ok(elements(i, x)?
            .into_iter()
            .next()
            .unwrap_or_else(|| Value::nil(i.env))),
    }
}

fn rest<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("rest", &args)?.borrowed();
    if matches!(x.kind()?, Some(Kind::Cons)) {
        return Ok(i.env.own(x.rest()?)?);
    }
    let items = elements(i, x)?;
    let refs: Vec<Ref<'_>> = items.iter().skip(1).map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

fn cons<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [x, coll] = &args[..] else {
        return Err(arity("cons", args.len()));
    };
    let coll = coll.borrowed();
    if coll.is_nil() || coll.word() == Word::EMPTY_LIST || matches!(coll.kind()?, Some(Kind::Cons))
    {
        let tail = if coll.is_nil() {
            Ref::immediate(i.env, Word::EMPTY_LIST)
        } else {
            Some(coll)
        };
        let tail = tail.ok_or_else(|| class_cast("a list", coll))?;
        return Ok(i.env.cons(x.borrowed(), tail)?);
    }
    let mut items = vec![x.clone()];
    items.extend(elements(i, coll)?);
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

fn list<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let refs: Vec<Ref<'_>> = args.iter().map(Value::borrowed).collect();
    Ok(i.env.make_list(&refs)?)
}

fn vector<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let refs: Vec<Ref<'_>> = args.iter().map(Value::borrowed).collect();
    Ok(i.env.make_vector(&refs)?)
}

fn conj<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let Some((coll, xs)) = args.split_first() else {
        return Ok(i.env.make_vector(&[])?);
    };
    let mut acc = if coll.word() == Word::NIL {
        Value::immediate(i.env, Word::EMPTY_LIST).unwrap_or_else(|| Value::nil(i.env))
    } else {
        coll.clone()
    };
    for x in xs {
        acc = match acc.borrowed().kind()? {
            Some(Kind::Map | Kind::ArrayMap) => {
                let (k, v) = (x.borrowed().nth(0)?, x.borrowed().nth(1)?);
                i.env.assoc(acc.borrowed(), k, v)?
            }
            _ => i.env.conj(acc.borrowed(), x.borrowed())?,
        };
    }
    Ok(acc)
}

fn get<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (m, k, default) = match &args[..] {
        [m, k] => (m, k, None),
        [m, k, d] => (m, k, Some(d)),
        _ => return Err(arity("get", args.len())),
    };
    let m = m.borrowed();
    let found = match m.kind()? {
        Some(Kind::Map | Kind::ArrayMap | Kind::Set) => m.get(k.borrowed())?,
        Some(Kind::Vector) => match k.borrowed().view()? {
            View::Int(n) if n >= 0 && (n as u64) < m.count()? => Some(m.nth(n as u64)?),
            _ => None,
        },
        _ => None,
    };
    match (found, default) {
        (Some(v), _) => Ok(i.env.own(v)?),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Ok(Value::nil(i.env)),
    }
}

fn assoc<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let Some((m, kvs)) = args.split_first() else {
        return Err(arity("assoc", 0));
    };
    if kvs.is_empty() || kvs.len() % 2 != 0 {
        return Err(arity("assoc", args.len()));
    }
    let mut acc = if m.word() == Word::NIL {
        i.env.empty_map()?
    } else {
        m.clone()
    };
    for kv in kvs.chunks(2) {
        acc = i
            .env
            .assoc(acc.borrowed(), kv[0].borrowed(), kv[1].borrowed())?;
    }
    Ok(acc)
}

fn str_<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let mut out = String::new();
    for a in &args {
        if a.word() != Word::NIL {
            crate::print::print_value(a.borrowed(), false, &mut out)?;
        }
    }
    Ok(i.env.make_string(&out)?)
}

fn pr_str<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let mut out = String::new();
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        crate::print::print_value(a.borrowed(), true, &mut out)?;
    }
    Ok(i.env.make_string(&out)?)
}

fn atom<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("atom", &args)?.clone();
    Ok(i.env.make_atom(x)?)
}

fn deref<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let x = one("deref", &args)?.borrowed();
    match x.kind()? {
        Some(Kind::Atom) => Ok(i.env.atom_root(x)?.get(&i.p)?),
        Some(Kind::Var) => i.deref_var(x),
        _ => Err(class_cast("an atom or a var", x)),
    }
}

fn atom_arg<'a>(name: &str, args: &'a [Value<'_>]) -> EvalResult<Ref<'a>> {
    let Some(a) = args.first() else {
        return Err(arity(name, 0));
    };
    let a = a.borrowed();
    if !matches!(a.kind()?, Some(Kind::Atom)) {
        return Err(class_cast("an atom", a));
    }
    Ok(a)
}

fn swap<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let a = atom_arg("swap!", &args)?;
    let Some(f) = args.get(1) else {
        return Err(arity("swap!", args.len()));
    };
    let root = i.env.atom_root(a)?;
    root.swap(&i.p, |cur| {
        let mut call = vec![i.env.own(cur)?];
        call.extend(args[2..].iter().cloned());
        i.apply(f.borrowed(), call)
    })
}

fn reset<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let a = atom_arg("reset!", &args)?;
    let [_, v] = &args[..] else {
        return Err(arity("reset!", args.len()));
    };
    i.env.atom_root(a)?.reset(&i.p, v.clone())?;
    Ok(v.clone())
}

fn apply<'e>(i: &Interp<'e>, mut args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    if args.len() < 2 {
        return Err(arity("apply", args.len()));
    }
    let last = args.pop().unwrap_or_else(|| Value::nil(i.env));
    let f = args.remove(0);
    args.extend(elements(i, last.borrowed())?);
    i.apply(f.borrowed(), args)
}
