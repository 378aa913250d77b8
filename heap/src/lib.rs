//! The EVE heap (`evelisp-heap`): the memory-mapped env file shared by every
//! thread and process: file and mapping, allocator, tagged value words,
//! objects (strings, numbers, interned symbols and keywords, lists, vectors,
//! hash maps and sets, atoms, vars, namespaces, code, functions), CAS roots,
//! epoch-based reclamation across processes, check/stats, sweep and
//! checkpoints.
//!
//! Every reference inside the file is an offset from the start of the file,
//! never a pointer, so the file means the same thing in every process.
//!
//! # Ownership and safety
//! Objects count their owners (parent objects, root words, process-local
//! handles). The public API speaks in two types (see [`handle`]):
//! - [`Value`] owns one count (`Clone` takes another, `Drop` gives it up);
//! - [`Ref`] is a borrowed view, tied by lifetime to a `Value` or to the pin
//!   [`Guard`] it was loaded under, and reads in place (zero copy).
//!
//! Constructors and persistent updates take `Ref`s and return a new `Value`.
//! A [`Root`] (header root, atom, var root, namespace mappings) takes over
//! the count of the value stored into it and retires the displaced one
//! through the caller's [`Participant`], so a reader in another process that
//! loaded it under a pin can read it until its pin ends. A [`Word`] is plain
//! data (compare it, keep it), but nothing public reads through a bare word,
//! so no code outside this crate can hold a reference that dangles, and none
//! needs `unsafe`. Symbols, keywords, vars and namespaces are immortal.

// `ok_or(HeapError::..)` builds the error (which has drop glue) on every
// call, found as 15% of a profile of `swap`; errors are built lazily.
#![allow(clippy::unnecessary_lazy_evaluations)]

pub mod alloc;
pub mod array_map;
pub mod cache;
pub mod champ;
pub mod check;
pub mod checkpoint;
pub mod env;
pub mod epoch;
pub mod error;
pub mod file;
pub mod handle;
pub mod hash;
pub mod header;
pub mod intern;
pub mod lazy;
pub mod list;
pub mod live_walk;
pub mod lock;
pub mod map;
pub mod meta;
pub mod object;
pub mod record;
pub mod root;
pub mod root_ops;
pub mod scalar;
pub mod sorted;
pub mod sweep;
pub mod update;
pub mod value;
pub mod var;
pub mod vector;
pub mod word;

pub use alloc::Block;
pub use check::{CheckReport, Finding, Stats};
pub use env::Env;
pub use epoch::{Guard, Participant};
pub use error::{FullReason, HeapError, Result};
pub use file::EnvOptions;
pub use handle::{Ref, Value};
pub use object::Kind;
pub use root::{AtomRoot, Root};
pub use sweep::SweepReport;
pub use value::View;
pub use word::Word;
