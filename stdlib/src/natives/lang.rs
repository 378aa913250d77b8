//! Natives about the language itself: `var?`, `identical?`.

use super::arity;
use evelisp_eval::Interp;
use evelisp_eval::error::EvalResult;
use evelisp_eval::natives::Native;
use evelisp_heap::{Kind, Value};

/// The natives of this file, by qualified name.
pub(crate) const NATIVES: &[(&str, Native)] = &[
    ("clojure.core/var?", is_var),
    ("clojure.core/identical?", is_identical),
];

/// `(identical? x y)`: whether `x` and `y` are the same value: the same
/// word (one object, or the same immediate).
fn is_identical<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [x, y] = &args[..] else {
        return Err(arity("clojure.core/identical?", args.len()));
    };
    Ok(i.env().make_bool(x.word() == y.word()))
}

/// `(var? x)`: whether `x` is a var.
fn is_var<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/var?", args.len()));
    };
    let yes = matches!(x.borrowed().kind()?, Some(Kind::Var));
    Ok(i.env().make_bool(yes))
}
