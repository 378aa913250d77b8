//! The evelisp evaluator (`evelisp-eval`): namespaces, vars, analyzer,
//! evaluator, special forms, macros, dynamic bindings and the embedding API.
//!
//! Not built yet: this is issue 4 ("The evaluator"). See `ARCHITECTURE.md`.
