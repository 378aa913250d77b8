//! Internals for tests, benches and tools that damage, inspect or drive an
//! env file at known places (the heap's corruption, fuzz, recovery and
//! allocator tests, the CLI's damaged-file suite, the header fuzzer, the
//! `heap-hammer` worker): the on-disk layout and raw word and block hooks.
//! Hidden from the docs and not an API to build on: code above the heap
//! uses the crate root's exports, and the layout may change with the
//! format version.

use crate::block_layout::Block;
use crate::env::Env;
use crate::error::Result;
use std::sync::atomic::Ordering;

pub use crate::block_layout::{CLASS_COUNT, LARGE_MIN, class_of, class_size};
/// Clojure's hashes of a few scalars, to test `Ref::hash` against.
pub use crate::hash::{hash_long, hash_string, hash_symbol};
pub use crate::header::{
    CHECKPOINT_RECORD, FIRST_USER_ROOT, FORMAT_VERSION, HEADER_LEN, LOCK_OPEN, MAGIC, MAX_EPOCH,
    OFF_BOOT_ID, OFF_BUMP, OFF_CHECKPOINTS, OFF_CHECKSUM, OFF_CLEAN, OFF_ENV_ID, OFF_EPOCH,
    OFF_FILE_LEN, OFF_FREE_HEADS, OFF_MAGIC, OFF_PARTICIPANTS, OFF_ROOTS, PAGE_SIZE,
    PARTICIPANT_COUNT, PARTICIPANT_SLOT, ROOT_CHECKPOINT, ROOT_COUNT, ROOT_INTERN, ROOT_NAMESPACES,
    checksum, seal, unseal, validate,
};
pub use crate::lock::held_elsewhere;
pub use crate::object_header::IMMORTAL;

/// Atomically loads the word at `off` (8-aligned, inside the allocated
/// file; `BadOffset` otherwise).
pub fn load_word(env: &Env, off: u64) -> Result<u64> {
    Ok(env.mapping.word_at(off)?.load(Ordering::Acquire))
}

/// Atomically stores `v` at `off` (8-aligned, inside the allocated file;
/// `BadOffset` otherwise): how a test damages an object.
///
/// # Safety
/// No reader of the object holding `off` relies on its bytes being
/// unchanged while the store happens: the block is the caller's own
/// (allocated and unpublished), or the test owns every handle that could
/// read it and reads it only afterwards, expecting the damage.
pub unsafe fn store_word(env: &Env, off: u64, v: u64) -> Result<()> {
    env.mapping.word_at(off)?.store(v, Ordering::Release);
    Ok(())
}

/// Returns `block` to its class's free list (what the allocator tests and
/// benches measure).
///
/// # Safety
/// As for the crate's own free: `block` came from [`Env::alloc`] on this
/// env file, has not been freed since, and no thread or process reads or
/// writes it afterwards.
pub unsafe fn free(env: &Env, block: Block) -> Result<()> {
    // SAFETY: the caller's guarantee is this function's contract.
    unsafe { env.allocator().free(block) }
}
