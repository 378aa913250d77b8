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
use std::cell::Cell;
use std::ptr;

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
struct BlockCache {
    instance: u64,
    /// Indexed by class: a class past the end is not cached (large), so
    /// the small-class test is the bound check of the lookup.
    lists: [ClassCache; SMALL_CLASSES],
}

thread_local! {
    /// The calling thread's cache (a leaked `Box`), null if it has none.
    /// `const`-initialized and of a type without drop glue: reading it is
    /// a plain thread-local load (no lazy registration, no borrow flag),
    /// and it stays readable while thread-local destructors run (a
    /// `Participant` kept in one still drains its cache).
    static CACHE: Cell<*mut BlockCache> = const { Cell::new(ptr::null_mut()) };
}

/// The calling thread's cache if it belongs to the env `instance`.
///
/// # Safety
/// The caller drops the reference before anything else can reach the
/// cache: no call that may take the cache again (`cache_take`,
/// `cache_put`, `install_cache`, `drain_cache`) runs while it lives. Only
/// this module's functions take it, and none of them calls another with
/// it held (the shared-list calls they make never touch the cache).
#[inline(always)]
unsafe fn my_cache<'c>(instance: u64) -> Option<&'c mut BlockCache> {
    let p = CACHE.with(Cell::get);
    // SAFETY: `p` is null or the `Box` `install_cache` leaked on this
    // thread and `drain_cache` has not taken back (it nulls `CACHE`
    // first); thread-local, so no other thread sees it, and by the
    // caller's guarantee no other reference to it is alive.
    let cache = unsafe { p.as_mut()? };
    (cache.instance == instance).then_some(cache)
}

impl Allocator<'_> {
    /// Installs a cache for this env on the calling thread unless it has
    /// one. Returns whether it did (the caller then owns it).
    pub(crate) fn install_cache(&self) -> bool {
        if !CACHE.with(Cell::get).is_null() {
            return false;
        }
        let cache = Box::new(BlockCache {
            instance: self.instance,
            lists: std::array::from_fn(|_| ClassCache {
                len: 0,
                blocks: [0; HIGH + 1],
            }),
        });
        CACHE.with(|c| c.set(Box::into_raw(cache)));
        true
    }

    /// Removes the calling thread's cache and gives its blocks back.
    pub(crate) fn drain_cache(&self) -> crate::error::Result<()> {
        let p = CACHE.with(|c| c.replace(ptr::null_mut()));
        if p.is_null() {
            return Ok(());
        }
        // SAFETY: `p` came from `Box::into_raw` in `install_cache` on this
        // thread and is no longer in `CACHE`: this is its only owner.
        let cache = unsafe { Box::from_raw(p) };
        for (class, list) in cache.lists.iter().enumerate() {
            self.give_back(class, &list.blocks[..list.len])?;
        }
        Ok(())
    }

    /// A cached block of `class`, refilling the cache from the shared list
    /// when it is empty. `None` if there is no cache for this env, the
    /// class is not cached, or nothing was got (a refill that failed
    /// included: the caller's shared-list path meets the same fault and
    /// reports it).
    #[inline]
    pub(crate) fn cache_take(&self, class: usize) -> Option<u64> {
        // SAFETY: the reference lives in this function only, and the
        // refill below makes no call that takes the cache.
        let list = unsafe { my_cache(self.instance) }?.lists.get_mut(class)?;
        match list.len.checked_sub(1) {
            Some(len) => {
                list.len = len;
                list.blocks.get(len).copied()
            }
            None => self.cache_refill(list, class),
        }
    }

    /// Refills the empty `list` of `class` with a batch from its shared
    /// list; takes one of them.
    #[cold]
    #[inline(never)]
    fn cache_refill(&self, list: &mut ClassCache, class: usize) -> Option<u64> {
        let got = self.pop_into(class, &mut list.blocks[..BATCH]).ok()?;
        let len = got.checked_sub(1)?;
        list.len = len;
        Some(list.blocks[len])
    }

    /// Keeps a freed (already marked) block in the cache. `false` if there
    /// is no cache for this env or `class` is not cached.
    #[inline]
    pub(crate) fn cache_put(&self, class: usize, off: u64) -> bool {
        // SAFETY: the reference lives in this function only, and the
        // spill below makes no call that takes the cache.
        let Some(list) = unsafe { my_cache(self.instance) }.and_then(|c| c.lists.get_mut(class))
        else {
            return false;
        };
        if list.len < HIGH {
            list.blocks[list.len] = off;
            list.len += 1;
        } else {
            self.cache_spill(list, class, off);
        }
        true
    }

    /// Adds `off` to the full `list` of `class` and gives half of it back
    /// to the shared list.
    #[cold]
    #[inline(never)]
    fn cache_spill(&self, list: &mut ClassCache, class: usize, off: u64) {
        list.blocks[HIGH] = off;
        // Shrunk first: a failed give-back (a block that is not in the
        // file: damage) leaks the spilled blocks (still marked free: a
        // sweep takes them back), never leaves the stack full.
        list.len = HIGH / 2;
        let _ = self.give_back(class, &list.blocks[HIGH / 2..=HIGH]);
    }
}
