//! `evelisp`: the embedding facade. Re-exports the crates of the workspace so
//! that an embedder depends on this one crate.

pub use evelisp_eval as eval;
pub use evelisp_heap as heap;
pub use evelisp_reader as reader;

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
