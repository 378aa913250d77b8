//! The evelisp evaluator (`evelisp-eval`): namespaces, vars, analyzer,
//! evaluator, special forms, macros, dynamic bindings and the embedding API.
//!
//! Built so far (issue 4 is in progress): the front end that turns the
//! reader's sugar into plain forms — [`desugar`] (quote, deref, var,
//! auto-resolved keywords, namespaced maps, metadata), [`syntax_quote`]
//! and [`anon_fn`]. The evaluator proper comes next.

pub mod analyze;
pub mod anon_fn;
pub mod code_positions;
pub mod convert;
pub mod desugar;
pub mod dynamic;
pub mod error;
pub mod exception;
pub mod expand;
pub mod future;
pub mod interp;
pub mod letfn;
pub mod load;
pub mod natives;
pub mod print;
pub mod run;
pub mod syntax_quote;

pub use desugar::{Context, DesugarError, DesugarErrorKind, desugar};
pub use error::{EvalError, EvalErrorKind, EvalResult};
pub use interp::Interp;
