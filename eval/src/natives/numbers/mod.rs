//! Number natives over the numeric tower (`crate::numeric_tower`):
//! arithmetic, comparison, bit operations, predicates, coercions and
//! random numbers, Java's primitive casts and int arithmetic (`unchecked.rs`),
//! one file each.

pub(super) mod arithmetic;
pub(super) mod biginteger;
pub(super) mod bits;
pub(super) mod coercion;
pub(super) mod comparison;
pub(super) mod decimals;
pub(super) mod predicates;
pub(super) mod random;
pub(super) mod unchecked;
