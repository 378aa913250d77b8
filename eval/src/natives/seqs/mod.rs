//! Seq natives: `lazy-seq*`, `range`, `reduce` and `reduced` (`lazy.rs`),
//! the chunked one-collection `map`/`filter` (`map_filter.rs`), the lazy
//! `concat` (`concat.rs`).

pub(super) mod concat;
pub(super) mod lazy;
pub(super) mod map_filter;
