//! Loom model of the allocator's lock-free free list: threads pop, batch-pop
//! and push blocks of one size class through the ABA-tagged head, over the
//! in-memory arena of `model_arena/mod.rs`.
//!
//! Models `heap/src/alloc.rs`: `pack`/`head_off`/`head_tag` (the tag
//! scheme), `free_link`/`link_target`, `Env::pop_free`, `Env::pop_batch`,
//! `Env::push_chain`, `Env::give_back`, `Env::free`, and the reuse of a
//! popped block by `Env::new_object` (`heap/src/object.rs`), whose header
//! store overwrites the link a stale popper may still read.
//!
//! Checked in every interleaving: no block is handed out twice at the same
//! time (shadow table), every popped block carries the free mark, the free
//! list is never corrupt, and at the end every block is either held or on
//! the list exactly once. The `load_*` tests show that re-reading
//! the head after a bad link with a plain load (the code before this model)
//! can report a spurious corruption (see `Recheck`); the others use the RMW
//! re-read the code now does. The `untagged_*` tests run the same model with
//! the tag disabled and expect loom to find the ABA double hand-out.

#[allow(dead_code)]
mod model_arena;

use loom::sync::Arc;
use loom::thread;
use model_arena::{Arena, Recheck};

fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(3);
    b.check(f);
}

/// Pops a block and writes an object into it (as `new_object` does).
fn take(a: &Arena) -> Option<u64> {
    let off = a.pop_free()?;
    a.word(off).store(
        model_arena::encode(model_arena::KIND_INT64, model_arena::CLASS, 0, 1),
        loom::sync::atomic::Ordering::Relaxed,
    );
    a.init_word(off, 0, 7);
    Some(off)
}

/// T1 pops two blocks and pushes the first back (the ABA pattern: the head
/// is the same block again, with a different successor); T2 pops and pushes
/// one block concurrently.
fn pop_pop_push_vs_pop_push(tagged: bool, recheck: Recheck) {
    model(move || {
        let a = Arc::new(Arena::new(3, 0, tagged, recheck));
        let a1 = a.clone();
        let t1 = thread::spawn(move || {
            let x = take(&a1).expect("three blocks, two pops");
            let y = take(&a1);
            a1.free(x);
            y
        });
        let a2 = a.clone();
        let t2 = thread::spawn(move || {
            if let Some(z) = take(&a2) {
                a2.free(z);
            }
        });
        let y = t1.join().expect("t1");
        t2.join().expect("t2");
        a.check_accounting();
        if let Some(y) = y {
            a.free(y);
        }
        assert_eq!(a.free_list().len(), 3, "every block is back exactly once");
    });
}

#[test]
fn pop_push_is_aba_safe() {
    pop_pop_push_vs_pop_push(true, Recheck::Rmw);
}

/// A `pop_free` that re-reads the head with a plain Acquire load
/// before calling a link corrupt: loom finds a stale popper that read the
/// new owner's object header as its "link" and still loads the old head,
/// so `alloc` would fail with a spurious "corrupt free list link".
#[test]
#[should_panic(expected = "corrupt free list link")]
fn load_recheck_reports_a_spurious_corrupt_link() {
    pop_pop_push_vs_pop_push(true, Recheck::Load);
}

#[test]
#[should_panic(expected = "free list broken")]
fn untagged_pop_push_hands_a_block_out_twice() {
    pop_pop_push_vs_pop_push(false, Recheck::Rmw);
}

/// T1 takes a batch of two into its "cache" and gives it back as a chain
/// (`pop_batch`, `give_back`), while T2 pops two and frees them in the
/// other order.
fn batch_vs_pops(tagged: bool, recheck: Recheck) {
    model(move || {
        let a = Arc::new(Arena::new(3, 0, tagged, recheck));
        let a1 = a.clone();
        let t1 = thread::spawn(move || {
            let chain = a1.pop_batch(2);
            a1.give_back(&chain);
        });
        let a2 = a.clone();
        let t2 = thread::spawn(move || {
            let x = take(&a2);
            let y = take(&a2);
            if let Some(x) = x {
                a2.free(x);
            }
            if let Some(y) = y {
                a2.free(y);
            }
        });
        t1.join().expect("t1");
        t2.join().expect("t2");
        a.check_accounting();
        assert_eq!(a.free_list().len(), 3, "every block is back exactly once");
    });
}

#[test]
fn batch_pop_and_give_back_are_aba_safe() {
    batch_vs_pops(true, Recheck::Rmw);
}

/// As `load_recheck_reports_a_spurious_corrupt_link`, for `pop_batch`.
#[test]
#[should_panic(expected = "corrupt free list link")]
fn load_batch_recheck_reports_a_spurious_corrupt_link() {
    batch_vs_pops(true, Recheck::Load);
}

#[test]
#[should_panic(expected = "free list broken")]
fn untagged_batch_pop_hands_a_block_out_twice() {
    batch_vs_pops(false, Recheck::Rmw);
}

/// Three threads, each popping one block and pushing it back, over two
/// blocks: contention on an almost empty list.
#[test]
fn three_threads_pop_and_push() {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(1);
    b.check(|| {
        let a = Arc::new(Arena::new(2, 0, true, Recheck::Rmw));
        let ts: Vec<_> = (0..3)
            .map(|_| {
                let a = a.clone();
                thread::spawn(move || {
                    if let Some(x) = take(&a) {
                        a.free(x);
                    }
                })
            })
            .collect();
        for t in ts {
            t.join().expect("thread");
        }
        a.check_accounting();
        assert_eq!(a.free_list().len(), 2, "every block is back exactly once");
    });
}
