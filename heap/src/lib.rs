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
//! # Ownership
//! Objects count their owners (parent objects, root words, callers). Every
//! constructor and persistent operation takes *borrowed* words, retains what
//! it stores, and returns a new object the caller owns (count 1). A root
//! (`Root::reset`, `swap`, `compare_and_set`) takes over the count of the
//! value stored into it. Symbols, keywords, vars and namespaces are immortal.
//!
//! # Reclamation and safety
//! A [`Word`] is plain data and does not keep its object alive. Nothing is
//! freed behind the safe API's back: objects are released only through
//! `unsafe` entry points ([`Participant::retire`], [`Participant::collect`],
//! [`Root::swap_retire`], [`Env::checkpoint`], [`Env::sweep`], [`Env::free`])
//! whose contract is that readers pin their participant while reading and
//! keep no unowned word past their pin. A sweep runs by itself only when an
//! env opens the file alone after an unclean exit, before it hands out any
//! word. A lifetime-bound value API that makes the contract a type is the
//! next step (see `ARCHITECTURE.md`).

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
pub mod hash;
pub mod header;
pub mod intern;
pub mod list;
pub mod lock;
pub mod map;
pub mod object;
pub mod root;
pub mod scalar;
pub mod sweep;
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
pub use object::Kind;
pub use root::Root;
pub use sweep::SweepReport;
pub use value::View;
pub use word::Word;
