//! `evelisp`: the embedding facade. [`Runtime`] evaluates evelisp in a Rust
//! program over an env file shared with every other process that opens
//! it, with the core library installed; the conversions ([`FromValue`],
//! [`IntoValue`], [`Data`]) move values between Rust and evelisp. The
//! crates of the workspace are re-exported too, so an embedder depends on
//! this one crate. [`nrepl`] is the nREPL server (`evelisp nrepl-server`,
//! or started by an embedding program); [`completion`] completes names
//! from the env, for the REPL and the server.
//!
//! ```no_run
//! let rt = evelisp::Runtime::open("app.eve")?;
//! rt.eval_str::<()>("(defn twice [x] (* 2 x))")?;
//! assert_eq!(rt.call::<i64>("user/twice", (21,))?, 42);
//! # Ok::<(), evelisp::Error>(())
//! ```

pub mod completion;
pub mod nrepl;

pub use evelisp_eval as eval;
pub use evelisp_eval::{
    Args, Callee, Data, EvalError as Error, FromValue, IntoArgs, IntoValue, RuntimeHandle, Var,
};
pub use evelisp_heap as heap;
pub use evelisp_reader as reader;
pub use evelisp_stdlib as stdlib;

use std::path::Path;

/// One thread's evaluator over an env file, with the core library
/// (installed into the file by the first process that opens it). Every
/// method of [`evelisp_eval::Runtime`] is available through `Deref`; its
/// [`handle`](evelisp_eval::Runtime::handle) makes runtimes (with the core
/// library) for other threads.
pub struct Runtime(evelisp_eval::Runtime);

impl Runtime {
    /// Opens the env file at `path` (creating it if missing), in namespace
    /// `user`.
    pub fn open(path: impl AsRef<Path>) -> Result<Runtime, Error> {
        evelisp_eval::Runtime::open_with(path, Some(evelisp_stdlib::install)).map(Runtime)
    }

    /// A private env in a temporary file no other process can open.
    pub fn ephemeral() -> Result<Runtime, Error> {
        evelisp_eval::Runtime::ephemeral_with(Some(evelisp_stdlib::install)).map(Runtime)
    }

    /// A runtime for the calling thread over an env the host opened.
    pub fn from_env(env: std::sync::Arc<heap::Env>) -> Result<Runtime, Error> {
        evelisp_eval::Runtime::from_env(env, Some(evelisp_stdlib::install)).map(Runtime)
    }
}

impl std::ops::Deref for Runtime {
    type Target = evelisp_eval::Runtime;

    fn deref(&self) -> &evelisp_eval::Runtime {
        &self.0
    }
}

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
