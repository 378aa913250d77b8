//! The evelisp evaluator (`evelisp-eval`): namespaces, vars, analyzer,
//! evaluator, special forms, macros, dynamic bindings and the embedding API.
//!
//! Embedders start at [`Runtime`] (`runtime.rs`) and the conversions in
//! `rust_values.rs`; [`Interp`] is one thread's evaluator (`interp.rs`
//! says how text becomes a value: read → desugar → convert → expand →
//! analyze → run). `ARCHITECTURE.md` maps every file.

pub mod analyze;
mod analyze_special;
mod caches;
pub mod code_positions;
pub mod compare;
pub mod delay;
pub mod destructure;
pub mod desugar;
pub mod dynamic;
pub mod error;
pub mod exception;
pub mod expand;
pub mod form_position;
pub mod form_to_value;
pub mod future;
pub mod host_natives;
pub mod interp;
pub mod interrupt;
pub mod letfn;
pub mod load;
pub mod moves;
mod native_handle;
mod native_object;
pub mod native_registry;
pub mod natives;
mod node;
pub mod numeric_tower;
mod prim_op;
pub mod prims;
pub mod print;
pub mod promise;
pub mod repl_vars;
pub mod run;
pub mod runtime;
pub mod rust_values;
mod scopes;
pub mod seqs;
pub mod sorted;
mod source_context;
mod special_form;
pub mod stm;
mod thread_state;
pub mod var_meta;

pub use desugar::{Context, DesugarError, DesugarErrorKind, desugar};
pub use error::{EvalError, EvalErrorData, EvalErrorKind, EvalResult};
pub use interp::Interp;
pub use runtime::{Args, Callee, Prelude, Runtime, RuntimeHandle, Var};
pub use rust_values::{Data, FromValue, IntoArgs, IntoValue};
