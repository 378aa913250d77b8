//! Collection natives: building, reading and updating the persistent
//! collections (`persistent.rs`), entries and views (`access.rs`), sorted
//! maps and sets (`sorted.rs`) and `sort` (`sorting.rs`).

pub(super) mod access;
pub(super) mod persistent;
pub(super) mod sorted;
pub(super) mod sorting;
