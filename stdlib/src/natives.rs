//! Native functions of the core library written in Rust (where speed or
//! access needs them), registered in every process by [`register`] and
//! bound in the env file by name.

use evelisp_eval::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_eval::host_natives::{HostNative, define};
use evelisp_eval::{FromValue, Interp};
use evelisp_heap::{Kind, Value};
use std::sync::Arc;

/// Forces the higher-ranked signature on a closure.
fn native<F>(f: F) -> HostNative
where
    F: for<'e> Fn(&Interp<'e>, Vec<Value<'e>>) -> EvalResult<Value<'e>> + Send + Sync + 'static,
{
    Arc::new(f)
}

fn arity(name: &str, n: usize) -> EvalError {
    EvalError::new(EvalErrorKind::Arity {
        count: n,
        name: name.to_string(),
    })
}

/// `(subs s start)` / `(subs s start end)`: the characters from `start`
/// (inclusive) to `end` (exclusive, default the end).
fn subs<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let (s, start, end) = match &args[..] {
        [s, start] => (s, start, None),
        [s, start, end] => (s, start, Some(end)),
        _ => return Err(arity("clojure.core/subs", args.len())),
    };
    let s = String::from_value(s.borrowed())?;
    let chars: Vec<char> = s.chars().collect();
    let start = i64::from_value(start.borrowed())?;
    let end = match end {
        Some(e) => i64::from_value(e.borrowed())?,
        None => chars.len() as i64,
    };
    if start < 0 || end < start || end as usize > chars.len() {
        return Err(EvalError::new(EvalErrorKind::IndexOutOfBounds(format!(
            "begin {start}, end {end}, length {}",
            chars.len()
        ))));
    }
    let text: String = chars[start as usize..end as usize].iter().collect();
    Ok(i.env().make_string(&text)?)
}

/// `(var? x)`: whether `x` is a var.
fn is_var<'e>(i: &Interp<'e>, args: Vec<Value<'e>>) -> EvalResult<Value<'e>> {
    let [x] = &args[..] else {
        return Err(arity("clojure.core/var?", args.len()));
    };
    let yes = matches!(x.borrowed().kind()?, Some(Kind::Var));
    Ok(i.env().make_bool(yes))
}

/// Registers the core library's natives in this process and binds their
/// vars (once per env file: a var already naming its native is left
/// alone).
pub fn register(interp: &Interp<'_>) -> EvalResult<()> {
    define(interp, "clojure.core/subs", native(subs))?;
    define(interp, "clojure.core/var?", native(is_var))?;
    Ok(())
}
