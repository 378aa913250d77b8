//! Per-thread block caches: while a thread has a [`crate::Participant`],
//! its small-block allocations and frees go through a cache of that
//! thread's own, filled and drained in batches from the shared free lists,
//! so most allocations cost no atomic operation on shared memory.
//!
//! Cached blocks keep their free mark, so `check()` counts them as free and
//! a sweep takes them back if the process dies. Dropping the participant
//! gives the cache back to the shared lists.

use crate::alloc::Allocator;
use crate::block_layout::{CLASS_COUNT, LARGE_MIN, class_size};
use crate::error::Result;
use std::cell::RefCell;

/// Blocks fetched from a shared list at once.
const BATCH: usize = 16;
/// A class's cache beyond this many blocks gives half back.
const HIGH: usize = 64;

/// Number of small classes (blocks below [`LARGE_MIN`]): the cached ones.
const SMALL_CLASSES: usize = {
    let mut c = 0;
    while c < CLASS_COUNT && class_size(c) < LARGE_MIN {
        c += 1;
    }
    c
};

/// The cached blocks of one class: a fixed stack, filled by the shared
/// list's pop in place (no allocation of the process per batch).
struct ClassCache {
    len: usize,
    blocks: [u64; HIGH + 1],
}

/// One thread's cache for one env instance.
pub(crate) struct BlockCache {
    instance: u64,
    lists: Box<[ClassCache; SMALL_CLASSES]>,
}

thread_local! {
    static CACHE: RefCell<Option<BlockCache>> = const { RefCell::new(None) };
}

fn small(class: usize) -> bool {
    class < SMALL_CLASSES
}

impl Allocator<'_> {
    /// Installs a cache for this env on the calling thread unless it has
    /// one. Returns whether it did (the caller then owns it).
    pub(crate) fn install_cache(&self) -> bool {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_some() {
                return false;
            }
            *c = Some(BlockCache {
                instance: self.instance,
                lists: Box::new(std::array::from_fn(|_| ClassCache {
                    len: 0,
                    blocks: [0; HIGH + 1],
                })),
            });
            true
        })
    }

    /// Removes the calling thread's cache and gives its blocks back.
    pub(crate) fn drain_cache(&self) -> Result<()> {
        let cache = CACHE.with(|c| c.borrow_mut().take());
        let Some(cache) = cache else { return Ok(()) };
        for (class, list) in cache.lists.iter().enumerate() {
            self.give_back(class, &list.blocks[..list.len])?;
        }
        Ok(())
    }

    /// A cached block of `class`, refilling the cache from the shared list.
    /// `None` if there is no cache for this env or nothing to take.
    #[inline]
    pub(crate) fn cache_take(&self, class: usize) -> Result<Option<u64>> {
        if !small(class) {
            return Ok(None);
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let Some(cache) = c.as_mut().filter(|c| c.instance == self.instance) else {
                return Ok(None);
            };
            let list = &mut cache.lists[class];
            if list.len == 0 {
                list.len = self.pop_into(class, &mut list.blocks[..BATCH])?;
                if list.len == 0 {
                    return Ok(None);
                }
            }
            list.len -= 1;
            Ok(Some(list.blocks[list.len]))
        })
    }

    /// Keeps a freed (already marked) block in the cache. `false` if there
    /// is no cache for this env.
    #[inline]
    pub(crate) fn cache_put(&self, class: usize, off: u64) -> Result<bool> {
        if !small(class) {
            return Ok(false);
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let Some(cache) = c.as_mut().filter(|c| c.instance == self.instance) else {
                return Ok(false);
            };
            let list = &mut cache.lists[class];
            list.blocks[list.len] = off;
            list.len += 1;
            if list.len > HIGH {
                // Shrunk first: a failed give-back leaks the spilled
                // blocks (still marked free: a sweep takes them back),
                // never leaves the stack full.
                let n = list.len;
                list.len = HIGH / 2;
                self.give_back(class, &list.blocks[HIGH / 2..n])?;
            }
            Ok(true)
        })
    }
}
