//! The evelisp evaluator (`evelisp-eval`): namespaces, vars, analyzer,
//! evaluator, special forms, macros, dynamic bindings and the embedding API.
//!
//! Embedders start at [`Runtime`] (`runtime.rs`) and the conversions in
//! `rust_values.rs`; [`Interp`] is one thread's evaluator (`interp.rs`
//! says how text becomes a value: read → desugar → convert → expand →
//! analyze → run). `ARCHITECTURE.md` maps every file.

mod agent;
mod analyze;
mod analyze_special;
mod builtin_readers;
mod caches;
mod callee;
mod code_positions;
mod coll_seq;
mod compare;
mod compile;
mod data_readers;
mod decimal;
mod delay;
mod destructure;
mod desugar;
mod dynamic;
mod error;
mod exception;
mod expand;
mod expand_host;
mod form_position;
mod form_to_value;
mod frame;
mod future;
mod host_natives;
mod host_objects;
mod host_paths;
mod host_streams;
mod interp;
mod interrupt;
mod letfn;
mod load;
mod moves;
mod native_handle;
mod native_object;
mod native_registry;
mod natives;
mod node;
mod numeric_tower;
mod prim_op;
mod prims;
mod print;
mod print_literals;
mod promise;
mod read_eval;
mod repl_vars;
mod run;
mod runtime;
mod rust_values;
mod scopes;
mod seqs;
mod sorted;
mod source_context;
mod special_form;
mod stack_room;
mod stm;
mod thread_state;
mod uuid_time;
mod var_meta;

// The public surface: what embedders, the core library (`evelisp-stdlib`)
// and the CLI use. Every module is private; what is not named here is
// internal and may change.
pub use agent::wait_agents_idle;
pub use desugar::{Context, DesugarError, DesugarErrorKind, desugar};
pub use error::{EvalError, EvalErrorData, EvalErrorKind, EvalResult, Position};
pub use form_to_value::{
    BuiltinTags, ConvertError, ConvertErrorKind, Positions, TagReader, form_to_value,
    form_to_value_with,
};
pub use host_natives::{HostNative, define as define_host_native};
pub use interp::{CORE_NS, Interp, Out, SharedOut, USER_NS};
pub use interrupt::{InterruptSource, interrupt_counter, request_interrupt};
pub use load::{register_library, register_source_file};
pub use natives::natives_stamp;
pub use print::{pr_str, print_str, print_value, print_value_in};
pub use runtime::{Args, Callee, Prelude, Runtime, RuntimeHandle, Var, open_ephemeral};
pub use rust_values::{Data, FromValue, IntoArgs, IntoValue};
