//! `evelisp`: the embedding facade. [`Runtime`] evaluates evelisp in a Rust
//! program over an env file shared with every other process that opens
//! it; the conversions ([`FromValue`], [`IntoValue`], [`Data`]) move values
//! between Rust and evelisp. The crates of the workspace are re-exported
//! too, so an embedder depends on this one crate.
//!
//! ```no_run
//! let rt = evelisp::Runtime::open("app.eve")?;
//! rt.eval_str::<()>("(def twice (fn* [x] (* 2 x)))")?;
//! assert_eq!(rt.call::<i64>("user/twice", (21,))?, 42);
//! # Ok::<(), evelisp::Error>(())
//! ```

pub use evelisp_eval as eval;
pub use evelisp_eval::{
    Args, Callee, Data, EvalError as Error, FromValue, IntoArgs, IntoValue, Runtime, RuntimeHandle,
    Var,
};
pub use evelisp_heap as heap;
pub use evelisp_reader as reader;

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
