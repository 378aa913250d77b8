//! Natives about the language itself: `var?`.

use super::arity;
use evelisp_eval::Interp;
use evelisp_eval::error::EvalResult;
use evelisp_eval::natives::Native;
use evelisp_heap::{Kind, Value};

/// The natives of this file, by qualified name.
pub(crate) const NATIVES: &[(&str, Native)] = &[("clojure.core/var?", is_var)];

/// `(var? x)`: whether `x` is a var.
fn is_var<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/var?", args.len()));
    };
    let yes = matches!(x.borrowed().kind()?, Some(Kind::Var));
    Ok(i.env().make_bool(yes))
}
