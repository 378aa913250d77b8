//! String natives: printing to strings and `*out*` (`printing.rs`),
//! `subs`/`format`/`printf` (`format.rs`), and the work behind
//! `clojure.string` (`clojure_string.rs`).

pub(super) mod clojure_string;
pub(super) mod format;
pub(super) mod printing;
