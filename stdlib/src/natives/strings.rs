//! String natives: `subs`.

use super::arity;
use evelisp_eval::error::{EvalError, EvalErrorKind, EvalResult};
use evelisp_eval::natives::Native;
use evelisp_eval::{FromValue, Interp};
use evelisp_heap::Value;

/// The string natives, by qualified name.
pub(crate) const NATIVES: &[(&str, Native)] = &[("clojure.core/subs", subs)];

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
