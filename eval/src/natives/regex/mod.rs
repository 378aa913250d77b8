//! Regular expression natives: patterns and matching (`patterns.rs`) and
//! stateful matchers (`matcher.rs`).

pub(crate) mod matcher;
pub(super) mod patterns;
