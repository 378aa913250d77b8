//! Host natives: the class table (`type class instance?`: `classes.rs`),
//! the host methods `(.method x)` calls (`methods.rs`), the process-local
//! objects' constructors and methods (`objects.rs`), and the static
//! functions and constants of `Math/`, `System/`, `Integer/`, ...
//! (`statics.rs`, and `lang_statics.rs`: `String/format String/join`, more
//! of `Character`, `Long`, `Double` and the rest of `Math`), the
//! `java.util` collections (`collections.rs`).

mod class_table;
pub(crate) mod classes;
pub(crate) mod collections;
pub(super) mod lang_statics;
pub(super) mod methods;
pub(crate) mod objects;
pub(crate) mod statics;
