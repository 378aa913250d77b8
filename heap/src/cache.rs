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

/// One thread's cache for one env instance.
pub(crate) struct BlockCache {
    instance: u64,
    lists: Vec<Vec<u64>>,
}

thread_local! {
    static CACHE: RefCell<Option<BlockCache>> = const { RefCell::new(None) };
}

fn small(class: usize) -> bool {
    class < CLASS_COUNT && class_size(class) < LARGE_MIN
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
                lists: vec![Vec::new(); CLASS_COUNT],
            });
            true
        })
    }

    /// Removes the calling thread's cache and gives its blocks back.
    pub(crate) fn drain_cache(&self) -> Result<()> {
        let cache = CACHE.with(|c| c.borrow_mut().take());
        let Some(cache) = cache else { return Ok(()) };
        for (class, list) in cache.lists.into_iter().enumerate() {
            self.give_back(class, &list)?;
        }
        Ok(())
    }

    /// A cached block of `class`, refilling the cache from the shared list.
    /// `None` if there is no cache for this env or nothing to take.
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
            if list.is_empty() {
                *list = self.pop_batch(class, BATCH)?;
            }
            Ok(list.pop())
        })
    }

    /// Keeps a freed (already marked) block in the cache. `false` if there
    /// is no cache for this env.
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
            list.push(off);
            if list.len() > HIGH {
                let spill = list.split_off(HIGH / 2);
                self.give_back(class, &spill)?;
            }
            Ok(true)
        })
    }
}
