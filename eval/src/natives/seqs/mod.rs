//! Seq natives: `lazy-seq*`, `reduce` and `reduced` (`lazy.rs`), the
//! integer `range` (`range.rs`), the chunked one-collection `map`/`filter`
//! (`map_filter.rs`), the lazy `concat` (`concat.rs`), the thunk of seqs
//! over collections (`coll_seq.rs`).

pub(super) mod coll_seq;
pub(super) mod concat;
pub(crate) mod lazy;
pub(super) mod map_filter;
pub(super) mod range;
