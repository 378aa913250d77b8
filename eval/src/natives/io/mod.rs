//! I/O natives: files and the console (`files.rs`), streams as values
//! (`streams.rs`), the EDN reader (`edn.rs`), source text for
//! `clojure.repl/source` (`repl_source.rs`), the CSV record reader
//! (`csv.rs`), charsets (`encodings.rs`).

pub(super) mod csv;
pub(super) mod edn;
pub(crate) mod encodings;
pub(super) mod files;
pub(super) mod read_form;
pub(super) mod repl_source;
pub(crate) mod streams;
