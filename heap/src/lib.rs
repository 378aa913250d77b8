//! The EVE heap (`evelisp-heap`): the memory-mapped env file shared by every
//! thread and process, its allocator, tagged value words, objects, interned
//! symbols and keywords, persistent lists, vectors, hash maps and sets,
//! roots and atoms. Epochs and reclamation are still to come (issue 3).
//!
//! Every reference inside the file is an offset from the start of the file,
//! never a pointer, so the file means the same thing in every process.

pub mod alloc;
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
