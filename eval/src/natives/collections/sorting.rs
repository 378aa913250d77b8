//! Sorting: `sort` (stable, with `compare` or a comparator fn that returns
//! a number or, like Clojure's predicates, a boolean "less than").
//! `sort-by` is written in evelisp over it (core_fns.clj).

use crate::Interp;
use crate::error::arity;
use crate::error::{EvalError, EvalErrorKind, EvalResult};
use crate::native_registry::Args;
use crate::native_registry::args;
use evelisp_heap::{Ref, Value, View};
use std::cell::RefCell;
use std::cmp::Ordering;

natives! {
    /// A seq of the elements of coll in order, by compare or the comparator
    /// comp; stable. () when coll is empty.
    #[arglists = "([coll] [comp coll])"]
    "sort" => sort;
}

/// The elements of `coll` (as `crate::natives::elements`, and a
/// string's characters).
fn elements<'e>(i: &Interp<'e>, coll: Ref<'_>) -> EvalResult<Vec<Value<'e>>> {
    if let View::Str(s) = coll.view()? {
        return Ok(s.chars().map(|c| i.env().make_char(c)).collect());
    }
    crate::seqs::elements(i, coll)
}

/// How `cmp`'s result for `(cmp a b)` orders `a` and `b`, as Clojure's
/// `AFunction.compare`: a number by its sign; `true` means less; `false`
/// means greater if `(cmp b a)` is true, else equal.
pub(crate) fn order<'e>(
    i: &Interp<'e>,
    cmp: Ref<'_>,
    a: &Value<'e>,
    b: &Value<'e>,
) -> EvalResult<Ordering> {
    let r = i.apply(cmp, args![a.clone(), b.clone()])?;
    Ok(match r.borrowed().view()? {
        View::Int(n) => n.cmp(&0),
        View::Float(f) => f.partial_cmp(&0.0).unwrap_or(Ordering::Equal),
        View::Bool(true) => Ordering::Less,
        View::Bool(false) | View::Nil => {
            let back = i.apply(cmp, args![b.clone(), a.clone()])?;
            if matches!(back.borrowed().view()?, View::Bool(true)) {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        _ => {
            return Err(EvalError::new(EvalErrorKind::ClassCast(
                "a comparator must return a number or a boolean".into(),
            )));
        }
    })
}

/// `(sort coll)` / `(sort comparator coll)`: a list of the elements in
/// order (stable); `()` when there are none.
fn sort<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let (cmp, coll) = match &args[..] {
        [coll] => (None, coll),
        [cmp, coll] => (Some(cmp), coll),
        _ => return Err(arity("clojure.core/sort", args.len())),
    };
    let mut items = elements(i, coll.borrowed())?;
    let failed: RefCell<Option<EvalError>> = RefCell::new(None);
    items.sort_by(|a, b| {
        if failed.borrow().is_some() {
            return Ordering::Equal;
        }
        let ord = match cmp {
            None => crate::compare::compare_values(a.borrowed(), b.borrowed()).map(|n| n.cmp(&0)),
            Some(f) => order(i, f.borrowed(), a, b),
        };
        ord.unwrap_or_else(|e| {
            *failed.borrow_mut() = Some(e);
            Ordering::Equal
        })
    });
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    Ok(i.env().make_list(&refs)?)
}
