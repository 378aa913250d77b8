//! `evelisp`: the embedding facade. Re-exports the crates of the workspace so
//! that an embedder depends on this one crate.

pub use evelisp_reader as reader;
