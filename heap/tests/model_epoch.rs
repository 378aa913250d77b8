//! Loom model of epoch reclamation: a root holding a counted object, a
//! writer that swaps a new object in, retires the old one, advances the
//! epoch and collects, and a reader that pins, loads the root, reads and
//! retains the object, releases it and unpins; over the in-memory arena of
//! `model_arena/mod.rs` (objects and free list).
//!
//! Models `heap/src/epoch.rs`: `Env::epoch`, `Participant::pin` and
//! `Drop for Guard` (unpin), `Participant::retire_word` (the retire list is
//! thread-private, so it is a plain `Vec` here; batches, `COLLECT_EVERY`
//! and dead-slot adoption are left out), `Participant::try_advance`
//! (without the orphan/lock path: every slot's owner is alive),
//! `Participant::collect` (rule: an entry is released when its epoch + 2 <=
//! the global epoch), `Env::drop_ref`; `heap/src/root.rs`: `Root::load_word`
//! (Acquire), `Root::cas_word` (AcqRel/Acquire); `heap/src/root_ops.rs`:
//! `Root::load`, `Root::swap_core` (pin, CAS, retire while pinned, unpin);
//! `heap/src/handle.rs`: `Env::own` (retain) and `Drop for Value`
//! (drop_ref); `heap/src/object.rs` and `heap/src/alloc.rs` through the
//! arena. The block's free mark (written by `Env::free` into the first
//! payload word) is the poison a reader must never see.
//!
//! `Fences` switches the two `fence(SeqCst)` of the real code: in
//! `retire_word` between the root CAS and reading the epoch, and in `pin`
//! after the epoch is confirmed (before the caller reads any root). This
//! model found that both are needed; `FIXED` is the code as it is now, and
//! the `unfenced_*` tests show what loom finds without them.

#[allow(dead_code)]
mod model_arena;

use loom::sync::Arc;
use loom::sync::atomic::{AtomicU64, Ordering, fence};
use loom::thread;
use model_arena::{Arena, FREE_MARK, Recheck};
use std::cell::RefCell;

/// Participant slots (`PARTICIPANT_COUNT` in the model).
const SLOTS: usize = 2;
/// The payload of the object first in the root.
const OLD: u64 = 100;
/// The payload of the object the writer swaps in.
const NEW: u64 = 200;

/// Where the model puts `fence(SeqCst)`.
#[derive(Clone, Copy, Debug)]
struct Fences {
    /// In `retire_word`, before reading the epoch.
    retire: bool,
    /// In `pin`, after the pinned epoch is confirmed.
    pin: bool,
}

/// A deliberately broken variant of the model, to show it can fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Break {
    /// The model as the code is.
    None,
    /// `collect` releases entries one epoch early (`epoch + 1 <= global`).
    EarlyRelease,
    /// `try_advance` ignores pinned slots.
    IgnorePins,
}

/// The shared state: arena, global epoch, participant slots, one root.
struct World {
    arena: Arena,
    epoch: AtomicU64,
    pinned: Vec<AtomicU64>,
    root: AtomicU64,
    fences: Fences,
    brk: Break,
}

/// A participant: its slot and its (thread-private) retire list.
struct Participant<'w> {
    w: &'w World,
    slot: usize,
    retired: RefCell<Vec<(u64, u64)>>,
}

impl World {
    /// The arena holds the root's object (block 16, payload `OLD`) and
    /// `free` free blocks.
    fn new(free: u64, fences: Fences, brk: Break) -> World {
        let arena = Arena::new(1 + free, 1, true, Recheck::Rmw);
        arena.init_word(16, 0, OLD);
        let w = World {
            arena,
            epoch: AtomicU64::new(0),
            pinned: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
            root: AtomicU64::new(0),
            fences,
            brk,
        };
        // SeqCst stores, so that loom's SeqCst loads never return the
        // (non-SeqCst) initial values once a newer SeqCst store exists.
        w.epoch.store(1, Ordering::SeqCst);
        for p in &w.pinned {
            p.store(0, Ordering::SeqCst);
        }
        w.root.store(16, Ordering::SeqCst);
        w
    }

    /// `Env::epoch`.
    fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    fn participant(&self, slot: usize) -> Participant<'_> {
        Participant {
            w: self,
            slot,
            retired: RefCell::new(Vec::new()),
        }
    }
}

impl Participant<'_> {
    /// `Participant::pin` (outermost pin).
    fn pin(&self) {
        let pinned = &self.w.pinned[self.slot];
        let mut e = self.w.epoch();
        loop {
            pinned.store(e << 1 | 1, Ordering::SeqCst);
            let now = self.w.epoch();
            if now == e {
                break;
            }
            e = now;
        }
        if self.w.fences.pin {
            fence(Ordering::SeqCst);
        }
    }

    /// `Drop for Guard` (outermost guard).
    fn unpin(&self) {
        self.w.pinned[self.slot].store(0, Ordering::Release);
    }

    /// `Participant::retire_word`.
    fn retire_word(&self, off: u64) {
        if self.w.fences.retire {
            fence(Ordering::SeqCst);
        }
        let e = self.w.epoch();
        self.retired.borrow_mut().push((off, e));
    }

    /// `Participant::try_advance`.
    fn try_advance(&self) -> bool {
        let e = self.w.epoch();
        for slot in 0..SLOTS {
            let pinned = self.w.pinned[slot].load(Ordering::SeqCst);
            let lagging = pinned != 0 && pinned >> 1 != e;
            if lagging && self.w.brk != Break::IgnorePins {
                return false;
            }
        }
        self.w
            .epoch
            .compare_exchange(e, e + 1, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// `Participant::collect`.
    fn collect(&self) -> u64 {
        let e = self.w.epoch();
        let lag = if self.w.brk == Break::EarlyRelease {
            1
        } else {
            2
        };
        let mut released = 0;
        for entry in self.retired.borrow_mut().iter_mut() {
            let (w, epoch) = *entry;
            if w == 0 {
                continue;
            }
            if epoch + lag <= e {
                *entry = (0, epoch);
                self.w
                    .arena
                    .drop_ref(w)
                    .expect("release of a retired entry");
                released += 1;
            }
        }
        released
    }

    /// `Root::swap_core` with `f` returning a fresh object holding `NEW`.
    fn swap_in_new(&self) -> u64 {
        self.pin();
        let mut cur = self.w.root.load(Ordering::Acquire);
        let new = self.w.arena.new_object(NEW);
        loop {
            match self
                .w
                .root
                .compare_exchange(cur, new, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => {
                    self.retire_word(cur);
                    self.unpin();
                    return cur;
                }
                Err(now) => cur = now,
            }
        }
    }

    /// A reader: pins, loads the root, reads it in place (`Ref`), takes a
    /// count (`Env::own`), reads again, drops the count, unpins.
    fn read(&self) {
        self.pin();
        let off = self.w.root.load(Ordering::Acquire);
        let a = &self.w.arena;
        let check = |v: u64| {
            assert_ne!(v, FREE_MARK, "reader saw a freed block (poison)");
            assert!(v == OLD || v == NEW, "reader saw a reused block: {v:#x}");
        };
        check(a.load_word(off, 0));
        if let Err(e) = a.retain(off) {
            panic!("reader saw a freed block: {e}");
        }
        check(a.load_word(off, 0));
        a.drop_ref(off).expect("release of the reader's count");
        self.unpin();
    }
}

/// Runs the model: `writer_rounds` advance+collect rounds after the swap,
/// and whether the reader also advances the epoch before it pins (as any
/// participant does every 64 retires).
fn run(fences: Fences, brk: Break, reader_advances: bool, preemptions: usize) {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(preemptions);
    b.check(move || {
        let w = Arc::new(World::new(2, fences, brk));
        let wr = w.clone();
        let writer = thread::spawn(move || {
            let p = wr.participant(0);
            let old = p.swap_in_new();
            for _ in 0..2 {
                p.try_advance();
                p.collect();
            }
            // Reuse whatever is free, as the next allocation would.
            let x = wr.arena.new_object(7);
            (old, p.retired.into_inner(), x)
        });
        let rd = w.clone();
        let reader = thread::spawn(move || {
            let p = rd.participant(1);
            if reader_advances {
                p.try_advance();
            }
            p.read();
        });
        let (old, retired, x) = writer.join().expect("writer");
        reader.join().expect("reader");
        // Quiescent: release what is still retired (no one is pinned now).
        let p = w.participant(0);
        *p.retired.borrow_mut() = retired;
        while p.try_advance() && w.epoch() < 10 {}
        p.collect();
        assert!(p.retired.borrow().iter().all(|&(w, _)| w == 0));
        // The old object was freed exactly once (the shadow table panics on
        // a double free), the new one is held by the root with count 1.
        let a = &w.arena;
        assert_eq!(old, 16);
        let new = w.root.load(Ordering::SeqCst);
        assert!(a.is_held(new), "the root's object is live");
        assert_eq!(
            a.word(new).load(Ordering::SeqCst) >> 32,
            1,
            "the root holds the only count"
        );
        assert_eq!(a.load_word(new, 0), NEW);
        assert!(a.is_held(x), "the writer's last object is live");
        assert!(
            x == old || !a.is_held(old),
            "the old object was freed (or its block reused for x)"
        );
        a.drop_ref(x).expect("drop x");
        a.drop_ref(new).expect("drop the root's object");
        a.check_accounting();
        assert_eq!(a.free_list().len(), 3, "every block is free at the end");
    });
}

/// No fences (the code before the model found the bug).
const UNFENCED: Fences = Fences {
    retire: false,
    pin: false,
};
/// Both fences: the code as it is now.
const FIXED: Fences = Fences {
    retire: true,
    pin: true,
};

/// The writer alone advances the epoch: even without fences this is safe
/// (the reader's epoch load acquires the writer's CAS of the root).
#[test]
fn unfenced_swap_retire_collect_with_a_pinned_reader() {
    run(UNFENCED, Break::None, false, 3);
}

/// The same with the fences.
#[test]
fn fenced_swap_retire_collect_with_a_pinned_reader() {
    run(FIXED, Break::None, false, 3);
}

/// The reader advances the epoch before pinning (a third party's advance):
/// with both fences nothing is freed under the pinned reader.
#[test]
fn fenced_reader_advancing_is_safe() {
    run(FIXED, Break::None, true, 3);
}

/// Without the fences, loom finds: the writer CASes the root and reads
/// epoch 1 for its retire entry; the reader advances the epoch to 2, pins
/// at 2 and loads the root, which may still return the old object (the
/// root CAS is AcqRel, the load Acquire, and nothing orders the writer's
/// CAS before the reader's load); the writer advances to 3 (the reader
/// shows the current epoch 2) and collects the entry (1 + 2 <= 3), freeing
/// the object the reader is reading.
#[test]
#[should_panic(expected = "reader saw a")]
fn unfenced_reader_advancing_reads_a_freed_object() {
    run(UNFENCED, Break::None, true, 3);
}

/// Only the retire fence: still broken (the reader's root load is not
/// ordered after its pin by anything loom or C++ honours).
#[test]
#[should_panic(expected = "reader saw a")]
fn retire_fence_alone_is_not_enough() {
    run(
        Fences {
            retire: true,
            pin: false,
        },
        Break::None,
        true,
        3,
    );
}

/// Only the pin fence: still broken (the writer's epoch load may precede
/// its root CAS in the SeqCst order).
#[test]
#[should_panic(expected = "reader saw a")]
fn pin_fence_alone_is_not_enough() {
    run(
        Fences {
            retire: false,
            pin: true,
        },
        Break::None,
        true,
        3,
    );
}

/// A broken collect (one epoch early) frees under a pinned reader.
#[test]
#[should_panic(expected = "reader saw a")]
fn early_release_is_caught() {
    run(FIXED, Break::EarlyRelease, false, 3);
}

/// A broken try_advance (ignoring pins) frees under a pinned reader.
#[test]
#[should_panic(expected = "reader saw a")]
fn ignoring_pins_is_caught() {
    run(FIXED, Break::IgnorePins, false, 3);
}
