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
//! handles). The public API speaks in two types:
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
//!
//! # The public API
//! Everything a crate above the heap uses is exported here, at the crate
//! root: [`Env`] and its options, the handles ([`Value`], [`Ref`],
//! [`Guard`], [`Participant`], [`Root`], [`AtomRoot`], [`AtomRootRef`]), plain data
//! ([`Word`], [`Decoded`], [`View`], [`Kind`]), errors, the reports of
//! check, stats and sweep, the var flags, the user root indices and
//! [`fnv1a`]. The modules are private: the on-disk layout, the allocator,
//! the epochs and the collections' word-level code are the crate's own.
//! The one exception is [`testing`] (hidden from the docs): the on-disk
//! layout (header offsets, size classes) and the raw hooks (`load_word`,
//! `store_word`, `free`) that corruption, fuzz, recovery and allocator
//! tests, the benches and the `heap-hammer` worker need to damage or
//! drive a file at a known place; it is not an API to build on.

// `ok_or(HeapError::..)` builds the error (which has drop glue) on every
// call, found as 15% of a profile of `swap`; errors are built lazily.
#![allow(clippy::unnecessary_lazy_evaluations)]

mod alloc;
mod array;
mod array_map;
mod block_layout;
mod boxes;
mod cache;
mod champ;
mod champ_assoc;
mod check;
mod checked;
mod checkpoint;
mod claim;
mod env;
mod epoch;
mod error;
mod file;
mod fnv;
mod hamt_iter;
mod handle;
mod hash;
mod header;
mod host_scalars;
mod host_scan;
mod intern;
mod kept;
mod lazy;
mod list;
mod live_walk;
mod lock;
mod map;
mod mapping;
mod meta;
mod object;
mod object_header;
mod open;
mod reader_objects;
mod record;
mod report;
mod root;
mod root_ops;
mod scalar;
mod sorted;
mod sorted_parts;
mod sweep;
#[doc(hidden)]
pub mod testing;
mod update;
mod value;
mod var;
mod vector;
mod word;

pub use array::{ArrayElem, ArrayType, MAX_ARRAY_LEN};
pub use block_layout::Block;
pub use claim::Claim;
pub use env::Env;
pub use epoch::{Guard, Participant};
pub use error::{FullReason, HeapError, Result};
pub use file::EnvOptions;
pub use fnv::{Fnv1a, fnv1a};
pub use handle::{Elements, Entries, EntriesRun, Ref, Value};
pub use header::{FIRST_USER_ROOT, ROOT_COUNT};
pub use host_scalars::InstClass;
pub use lock::ByteLockGuard;
pub use object_header::{Kind, ObjectHeader};
pub use report::{BlockInfo, BlockState, CheckReport, Finding, Stats, SweepReport};
pub use root::{AtomRoot, AtomRootRef, Root};
pub use sorted_parts::SortedParts;
pub use value::{MAX_NESTING, View};
pub use var::{VAR_DYNAMIC, VAR_MACRO, VAR_PRIVATE};
pub use word::{Decoded, FIXNUM_MAX, FIXNUM_MIN, HOST_PAYLOAD_MAX, Word};
