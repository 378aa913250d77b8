//! The in-memory arena shared by the loom models (`model_free_list.rs`,
//! `model_epoch.rs`): a few 16-byte blocks of size class 0 as loom atomic
//! words, the tagged free-list head, and object headers with counts.
//!
//! Models (same algorithms, same orderings, same encodings):
//! - `heap/src/alloc.rs`: `pack`, `head_off`, `head_tag`, `free_link`,
//!   `link_target`, `Env::pop_free`, `Env::pop_batch`, `Env::push_chain`,
//!   `Env::give_back`, `Env::free` (without the thread cache: the cache is
//!   thread-private and ends in `give_back`), `Env::alloc` (cache and
//!   `refill` left out: the arena is carved up front).
//! - `heap/src/object.rs`: `encode`, `Env::new_object`, `Env::header_of`,
//!   `Env::retain`, `Env::release`, `Env::load_word`, `Env::init_word`.
//! - `heap/src/epoch.rs`: `Env::drop_ref` (objects here have no children).
//!
//! `check_range` is "a 16-aligned block inside the arena". Every assertion
//! the real code turns into a `HeapError` panics here, so loom reports it.
//! Besides the loom words, a plain (non-loom) shadow table records which
//! blocks are handed out; loom runs one thread at a time, so the shadow
//! sees the real order of events and catches a block handed out twice or
//! freed twice.

use loom::sync::atomic::{AtomicU64, Ordering};
use std::sync::atomic::{AtomicBool, Ordering as StdOrdering};

/// Marks the second word of a free block (low byte: its class).
pub const FREE_MARK: u64 = 0xF4EE_B10C_0000_0000;
/// The one size class of the arena (16-byte blocks: header + one word).
pub const CLASS: u64 = 0;
/// Bytes per block.
pub const BLOCK: u64 = 16;
/// The kind of the model's objects (`Kind::Int64`).
pub const KIND_INT64: u64 = 4;
/// `IMMORTAL` flag.
const IMMORTAL: u8 = 1;
const RC_ONE: u64 = 1 << 32;
const OFF_BITS: u32 = 40;
const OFF_MASK: u64 = (1 << OFF_BITS) - 1;
const LINK_TAG: u64 = 0xF_FFFF;

/// `alloc.rs` `free_link`.
pub const fn free_link(next: u64) -> u64 {
    next << 20 | LINK_TAG
}

/// `alloc.rs` `link_target`.
pub const fn link_target(word0: u64) -> u64 {
    if word0 & LINK_TAG == LINK_TAG {
        word0 >> 20
    } else {
        !15
    }
}

/// `object.rs` `encode`.
pub fn encode(kind: u64, class: u64, flags: u8, refcount: u32) -> u64 {
    kind | class << 8 | u64::from(flags) << 16 | u64::from(refcount) << 32
}

fn head_off(h: u64) -> u64 {
    (h & OFF_MASK) << 4
}

fn head_tag(h: u64) -> u64 {
    h >> OFF_BITS
}

/// A block arena with one free list.
pub struct Arena {
    words: Vec<AtomicU64>,
    /// The tagged head of the class's free list (`tag << 40 | offset >> 4`).
    pub head: AtomicU64,
    /// Whether pushes and pops bump the tag (`false`: a deliberately broken
    /// model without ABA protection).
    tagged: bool,
    /// How a popper that read an out-of-range link re-reads the head
    /// before declaring the list corrupt.
    recheck: Recheck,
    /// Shadow: block `i` (offset `16 * (i + 1)`) is handed out.
    held: Vec<AtomicBool>,
}

/// How `pop_free`/`pop_batch` re-read the head after an out-of-range link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recheck {
    /// As `alloc.rs` did before this model: `head.load(Acquire)`. A stale popper that
    /// read the header a new owner stored into its block (Relaxed, after
    /// the owner's pop CAS) may still load the old head: the C++ model lets
    /// it, and it then reports a spurious "corrupt free list link".
    Load,
    /// What `alloc.rs` does now: an RMW (`fetch_add(0, AcqRel)`) reads the newest
    /// head, which cannot be the one it started from if another thread
    /// popped the block meanwhile.
    Rmw,
}

impl Arena {
    /// An arena of `blocks` blocks, all on the free list (linked in order),
    /// except the first `taken`, which are handed out (shadow) and hold an
    /// object header of count 1 and payload 0.
    pub fn new(blocks: u64, taken: u64, tagged: bool, recheck: Recheck) -> Arena {
        let words = (0..2 * (blocks + 1)).map(|_| AtomicU64::new(0)).collect();
        let held = (0..blocks).map(|i| AtomicBool::new(i < taken)).collect();
        let a = Arena {
            words,
            head: AtomicU64::new(0),
            tagged,
            recheck,
            held,
        };
        for i in 0..blocks {
            let off = BLOCK * (i + 1);
            if i < taken {
                a.word(off)
                    .store(encode(KIND_INT64, CLASS, 0, 1), Ordering::SeqCst);
                a.word(off + 8).store(0, Ordering::SeqCst);
            } else {
                let next = if i + 1 < blocks { off + BLOCK } else { 0 };
                a.word(off).store(free_link(next), Ordering::SeqCst);
                a.word(off + 8).store(FREE_MARK | CLASS, Ordering::SeqCst);
            }
        }
        let first = if taken < blocks {
            BLOCK * (taken + 1)
        } else {
            0
        };
        a.head.store(a.pack(0, first), Ordering::SeqCst);
        a
    }

    /// The offsets of all blocks.
    pub fn blocks(&self) -> impl Iterator<Item = u64> + use<> {
        let n = self.held.len() as u64;
        (1..=n).map(|i| BLOCK * i)
    }

    /// The atomic word at byte offset `off` (`Env::word_at`).
    pub fn word(&self, off: u64) -> &AtomicU64 {
        &self.words[(off / 8) as usize]
    }

    fn in_range(&self, off: u64) -> bool {
        off % BLOCK == 0 && off >= BLOCK && off / 8 + 2 <= self.words.len() as u64
    }

    fn pack(&self, tag: u64, off: u64) -> u64 {
        let tag = if self.tagged { tag } else { 0 };
        (tag << OFF_BITS) | (off >> 4)
    }

    /// The head re-read after an out-of-range link (see [`Recheck`]).
    fn reread_head(&self) -> u64 {
        match self.recheck {
            Recheck::Load => self.head.load(Ordering::Acquire),
            Recheck::Rmw => self.head.fetch_add(0, Ordering::AcqRel),
        }
    }

    fn shadow(&self, off: u64) -> &AtomicBool {
        &self.held[(off / BLOCK - 1) as usize]
    }

    /// Shadow: `off` is handed out now; panics if it already was.
    fn hand_out(&self, off: u64) {
        assert!(
            !self.shadow(off).swap(true, StdOrdering::SeqCst),
            "free list broken: block {off} handed out twice at the same time"
        );
    }

    /// Shadow: `off` is given back now; panics if it was not handed out.
    fn take_back(&self, off: u64) {
        assert!(
            self.shadow(off).swap(false, StdOrdering::SeqCst),
            "block {off} freed while not handed out (double free)"
        );
    }

    /// Whether the shadow says `off` is handed out.
    pub fn is_held(&self, off: u64) -> bool {
        self.shadow(off).load(StdOrdering::SeqCst)
    }

    /// `Env::pop_free`.
    pub fn pop_free(&self) -> Option<u64> {
        let mut h = self.head.load(Ordering::Acquire);
        loop {
            let off = head_off(h);
            if off == 0 {
                return None;
            }
            // The block may be popped and reused by someone else meanwhile:
            // then `next` is stale, but the tag has moved and the CAS fails.
            let next = link_target(self.word(off).load(Ordering::Acquire));
            if next != 0 && !self.in_range(next) {
                let now = self.reread_head();
                assert_ne!(now, h, "free list broken: corrupt free list link");
                h = now;
                continue;
            }
            match self.head.compare_exchange_weak(
                h,
                self.pack(head_tag(h) + 1, next),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => {
                    self.hand_out(off);
                    assert_eq!(
                        self.word(off + 8).load(Ordering::Relaxed),
                        FREE_MARK | CLASS,
                        "free list broken: free list entry is not a free block"
                    );
                    return Some(off);
                }
                Err(now) => h = now,
            }
        }
    }

    /// `Env::pop_batch`: up to `n` blocks with one CAS. The blocks stay
    /// marked free (they go to a thread cache).
    pub fn pop_batch(&self, n: usize) -> Vec<u64> {
        let mut h = self.head.load(Ordering::Acquire);
        'retry: loop {
            let first = head_off(h);
            if first == 0 {
                return Vec::new();
            }
            let mut chain = vec![first];
            let mut after = link_target(self.word(first).load(Ordering::Acquire));
            while chain.len() < n && after != 0 {
                if !self.in_range(after) {
                    let now = self.reread_head();
                    assert_ne!(now, h, "free list broken: corrupt free list link");
                    h = now;
                    continue 'retry;
                }
                chain.push(after);
                after = link_target(self.word(after).load(Ordering::Acquire));
            }
            if after != 0 && !self.in_range(after) {
                let now = self.reread_head();
                assert_ne!(now, h, "free list broken: corrupt free list link");
                h = now;
                continue;
            }
            match self.head.compare_exchange_weak(
                h,
                self.pack(head_tag(h) + 1, after),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => {
                    for &b in &chain {
                        self.hand_out(b);
                    }
                    for &b in &chain {
                        assert_eq!(
                            self.word(b + 8).load(Ordering::Relaxed),
                            FREE_MARK | CLASS,
                            "free list broken: free list entry is not a free block"
                        );
                    }
                    return chain;
                }
                Err(now) => h = now,
            }
        }
    }

    /// `Env::push_chain`: pushes `first ..= last`, already linked.
    pub fn push_chain(&self, first: u64, last: u64) {
        let link = self.word(last);
        let mut h = self.head.load(Ordering::Acquire);
        loop {
            link.store(free_link(head_off(h)), Ordering::Release);
            match self.head.compare_exchange_weak(
                h,
                self.pack(head_tag(h) + 1, first),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return,
                Err(now) => h = now,
            }
        }
    }

    /// `Env::give_back`: pushes marked free blocks (a drained cache) as one
    /// chain.
    pub fn give_back(&self, blocks: &[u64]) {
        let (Some(&first), Some(&last)) = (blocks.first(), blocks.last()) else {
            return;
        };
        for &b in blocks {
            self.take_back(b);
        }
        for pair in blocks.windows(2) {
            self.word(pair[0])
                .store(free_link(pair[1]), Ordering::Relaxed);
        }
        self.push_chain(first, last);
    }

    /// `Env::free` (no thread cache): marks the block free, pushes it.
    pub fn free(&self, off: u64) {
        self.take_back(off);
        self.word(off).store(free_link(0), Ordering::Relaxed);
        self.word(off + 8)
            .store(FREE_MARK | CLASS, Ordering::Relaxed);
        self.push_chain(off, off);
    }

    /// `Env::new_object` of `Int64` holding `payload` (`alloc` then the
    /// header and `init_word`, all Relaxed: the object is private until the
    /// caller publishes it). Panics if the arena is exhausted.
    pub fn new_object(&self, payload: u64) -> u64 {
        let off = self.pop_free().expect("model arena exhausted");
        self.word(off)
            .store(encode(KIND_INT64, CLASS, 0, 1), Ordering::Relaxed);
        self.init_word(off, 0, payload);
        off
    }

    /// `Env::init_word`.
    pub fn init_word(&self, off: u64, i: u64, w: u64) {
        self.word(off + 8 + 8 * i).store(w, Ordering::Relaxed);
    }

    /// `Env::load_word`.
    pub fn load_word(&self, off: u64, i: u64) -> u64 {
        self.word(off + 8 + 8 * i).load(Ordering::Relaxed)
    }

    /// `Env::header_of` (kind validation only).
    fn header_of(&self, off: u64) -> Result<u64, &'static str> {
        let w = self.word(off).load(Ordering::Acquire);
        if !(1..=23).contains(&(w & 0xFF)) {
            return Err("unknown kind");
        }
        Ok(w)
    }

    /// `Env::retain`.
    pub fn retain(&self, off: u64) -> Result<(), &'static str> {
        let word = self.word(off);
        let mut h = word.load(Ordering::Relaxed);
        loop {
            if !(1..=23).contains(&(h & 0xFF)) {
                return Err("unknown kind");
            }
            if (h >> 16) as u8 & IMMORTAL != 0 {
                return Ok(());
            }
            match h >> 32 {
                0 => return Err("retain of a dead object (count 0)"),
                c if c == u64::from(u32::MAX) => return Err("reference count overflow"),
                _ => {}
            }
            match word.compare_exchange_weak(h, h + RC_ONE, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return Ok(()),
                Err(now) => h = now,
            }
        }
    }

    /// `Env::release`: the remaining count.
    pub fn release(&self, off: u64) -> Result<u32, &'static str> {
        let h = self.header_of(off)?;
        assert_eq!((h >> 16) as u8 & IMMORTAL, 0, "model objects are mortal");
        let word = self.word(off);
        let mut cur = word.load(Ordering::Relaxed);
        loop {
            if cur >> 32 == 0 {
                return Err("release of an object with count 0");
            }
            match word.compare_exchange_weak(cur, cur - RC_ONE, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => return Ok((cur >> 32) as u32 - 1),
                Err(now) => cur = now,
            }
        }
    }

    /// `Env::drop_ref` for a childless object: gives up a count, frees at 0.
    pub fn drop_ref(&self, off: u64) -> Result<(), &'static str> {
        if self.release(off)? == 0 {
            self.free(off);
        }
        Ok(())
    }

    /// The free list (non-atomically walked by the main thread once every
    /// model thread is joined). Panics on a cycle or a bad block.
    pub fn free_list(&self) -> Vec<u64> {
        let mut out = Vec::new();
        let mut off = head_off(self.head.load(Ordering::SeqCst));
        while off != 0 {
            assert!(
                self.in_range(off),
                "free list broken: free list link out of range: {off}"
            );
            assert!(
                !out.contains(&off),
                "free list broken: free list has a cycle at {off}"
            );
            assert_eq!(
                self.word(off + 8).load(Ordering::SeqCst),
                FREE_MARK | CLASS,
                "free list broken: free list block {off} lost its free mark"
            );
            out.push(off);
            off = link_target(self.word(off).load(Ordering::SeqCst));
        }
        out
    }

    /// Asserts every block is either handed out or on the free list, exactly
    /// once.
    pub fn check_accounting(&self) {
        let list = self.free_list();
        for b in self.blocks() {
            let on_list = list.contains(&b);
            let held = self.is_held(b);
            assert!(
                on_list != held,
                "free list broken: block {b}: on free list {on_list}, handed out {held}"
            );
        }
    }
}
