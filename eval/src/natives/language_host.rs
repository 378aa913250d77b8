//! Natives about the language itself: `var?`, `identical?`, and
//! `evelisp/attached` (the processes attached to the env file) and
//! `evelisp/checkpoint!`, and `read-string`.

use crate::Interp;
use crate::error::EvalResult;
use crate::error::arity;
use crate::native_registry::Args;
use crate::read_eval::ReadStringOptions;
use evelisp_heap::{Kind, Value};

natives! {
    /// Whether v is a var.
    #[arglists = "([v])"]
    "var?" => is_var;
    /// Whether x and y are the very same object (or the same immediate value).
    #[arglists = "([x y])"]
    "identical?" => is_identical;
    /// The process ids attached to this env file now, this process included, in
    /// order.
    #[arglists = "([])"]
    "evelisp/attached" => attached;
    /// Makes the env file's current state survive an OS crash (as evelisp env
    /// checkpoint); the checkpoint's sequence number.
    #[arglists = "([])"]
    "evelisp/checkpoint!" => checkpoint;
    /// The first form of the string s, read as data (not evaluated). opts is a
    /// map: :eof (the value when s holds no form), :read-cond (:allow to take
    /// the branches of reader conditionals for the features :evelisp and :clj,
    /// :preserve to keep them as reader-conditional objects; without it they
    /// are an error), :features (a set of further feature keywords).
    #[arglists = "([s] [opts s])"]
    "read-string" => read_string;
}

/// `(read-string s)`, `(read-string opts s)`: the first form of `s`, as
/// data.
fn read_string<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (opts, s) = match &args[..] {
        [s] => (ReadStringOptions::default(), s),
        [opts, s] => (ReadStringOptions::from_map(i, opts.borrowed())?, s),
        _ => return Err(arity("clojure.core/read-string", args.len())),
    };
    let text = crate::natives::strings::format::string_arg(s.borrowed(), "read-string")?;
    i.read_string_with(&text, &opts)
}

/// `(evelisp/checkpoint!)`: makes the env file's current state survive an
/// OS crash (as `evelisp env checkpoint`); the checkpoint's sequence number.
fn checkpoint<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("evelisp/checkpoint!", args.len()));
    }
    let seq = i.env().checkpoint(i.participant())?;
    Ok(i.env().make_int(i64::try_from(seq).unwrap_or(i64::MAX))?)
}

/// `(evelisp/attached)`: the process ids attached to this env file now,
/// this one included, in order.
fn attached<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("evelisp/attached", args.len()));
    }
    let env = i.env();
    let pids = env
        .attached_processes()?
        .into_iter()
        .map(|pid| env.make_int(i64::from(pid)))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<_> = pids.iter().map(Value::borrowed).collect();
    Ok(env.make_list(&refs)?)
}

/// `(identical? x y)`: whether `x` and `y` are the same value: the same
/// word (one object, or the same immediate).
fn is_identical<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x, y] = &args[..] else {
        return Err(arity("clojure.core/identical?", args.len()));
    };
    Ok(i.env().make_bool(x.word() == y.word()))
}

/// `(var? x)`: whether `x` is a var.
fn is_var<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/var?", args.len()));
    };
    let yes = matches!(x.borrowed().kind()?, Some(Kind::Var));
    Ok(i.env().make_bool(yes))
}
