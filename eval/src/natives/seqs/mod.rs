//! Seq natives: `lazy-seq*`, `range`, `reduce` and `reduced` (`lazy.rs`),
//! the chunked one-collection `map`/`filter` (`map_filter.rs`).

pub(super) mod lazy;
pub(super) mod map_filter;
