//! Collection natives: building, reading and updating the persistent
//! collections (`persistent.rs`), entries and views (`access.rs`), `into`
//! `mapv` `filterv` `reduce-kv` in one pass (`building.rs`), sorted
//! maps and sets (`sorted.rs`), `sort` (`sorting.rs`), and Java arrays
//! (`arrays.rs`, element access in `array_access.rs`, the element
//! conversions in `array_elems.rs` and `System/arraycopy` and
//! `java.util.Arrays/` in `array_statics.rs`).

pub(super) mod access;
pub(super) mod array_access;
pub(crate) mod array_elems;
pub(super) mod array_statics;
pub(super) mod arrays;
pub(super) mod building;
pub(super) mod persistent;
pub(super) mod sorted;
pub(super) mod sorting;
