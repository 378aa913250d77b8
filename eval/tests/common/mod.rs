//! Helpers shared by the evaluator's integration tests: an env file in a
//! temporary directory, and evaluation of text printed with `pr`.

#![allow(clippy::unwrap_used, dead_code)] // test helpers may unwrap; not every test uses each

use evelisp_eval::Interp;
use evelisp_heap::{Env, EnvOptions};

/// A fresh env file `e.eve` in `dir`.
pub fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("e.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

/// Evaluates `src` and prints the result (or the error) as the REPL does,
/// realizing the lazy seqs it holds (syntax-quote and `concat` give lazy
/// seqs).
pub fn ev(i: &Interp<'_>, src: &str) -> String {
    match i.eval_str(src, Some("test.clj")) {
        Ok(v) => i.pr_str(v.borrowed()).unwrap(),
        Err(e) => format!("ERROR {e}"),
    }
}
