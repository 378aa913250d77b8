//! The native thunk of seqs over collections (`eval/src/coll_seq.rs`):
//! `-coll-seq-step`, realizing the next chunk of a seq over a vector,
//! string, hash map or set from the position its captured vector holds.

use crate::error::{EvalResult, arity};
use crate::interp::Interp;
use crate::native_registry::Args;
use evelisp_heap::Value;

natives! {
    /// Internal: the thunk of a seq over a vector, string, hash map or set
    /// (captured [coll part position...]): the next chunk of up to 32
    /// elements, then the lazy rest.
    #[arglists = "([captured])"]
    "-coll-seq-step" => coll_seq_step;
}

/// `(-coll-seq-step captured)`.
pub(crate) fn coll_seq_step<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [captured] = &args[..] else {
        return Err(arity("clojure.core/-coll-seq-step", args.len()));
    };
    crate::coll_seq::step(i, captured.borrowed())
}
