//! The evelisp core library (`evelisp-stdlib`): native core functions and the
//! Lisp sources of `clojure.core`, `clojure.string`, `clojure.set`,
//! `clojure.walk` and `clojure.test`.
//!
//! Not built yet: this is issue 5 ("The core library"). See `ARCHITECTURE.md`.
