//! A slow `swap!` function must not stop reclamation for everyone (issue
//! 14, item 3). The function of a swap is user code; while it runs, the
//! swapping thread holds a counted reference to the value it read, never a
//! pin, so the global epoch keeps advancing and what other threads and
//! processes retire meanwhile is released and reused.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, HeapError, Ref, Value};
use std::sync::mpsc;

/// `(swap! m assoc (mod i 1000) i)`, `n` times, on the map in `root`.
fn churn(env: &Env, root: usize, n: i64) {
    let p = env.participant().unwrap();
    let map = env.root(root).unwrap();
    map.reset(&p, env.empty_map().unwrap()).unwrap();
    for i in 0..n {
        let k = env.make_int(i % 1000).unwrap();
        let v = env.make_int(i).unwrap();
        map.swap(&p, |cur| -> Result<Value<'_>, HeapError> {
            env.assoc(cur, k.borrowed(), v.borrowed())
        })
        .unwrap();
    }
}

/// Runs `during` on another thread while a swap's function on root
/// `FIRST_USER_ROOT` is running (it returns once `during` has finished).
fn while_a_swap_runs<T: Send>(env: &Env, during: impl FnOnce() -> T + Send) -> T {
    let (inside_tx, inside_rx) = mpsc::channel();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let p = env.participant().unwrap();
            let slow = env.root(FIRST_USER_ROOT).unwrap();
            slow.swap(&p, |cur: Ref<'_>| -> Result<Value<'_>, HeapError> {
                inside_tx.send(()).unwrap();
                done_rx.recv().unwrap();
                env.own(cur)
            })
            .unwrap();
        });
        inside_rx.recv().unwrap();
        let out = during();
        done_tx.send(()).unwrap();
        out
    })
}

#[test]
fn the_epoch_advances_while_a_swap_function_runs() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let advanced = while_a_swap_runs(&env, || {
        let p = env.participant().unwrap();
        let before = env.epoch();
        for _ in 0..5 {
            p.try_advance().unwrap();
        }
        env.epoch() - before
    });
    // A pin held across the function would let it advance once at most.
    assert_eq!(advanced, 5);
}

#[test]
fn a_slow_swap_does_not_make_the_file_grow() {
    const SWAPS: i64 = 60_000;
    let dir = tempfile::tempdir().unwrap();
    let baseline_env = env_sized(&dir, 1 << 32);
    let map_root = FIRST_USER_ROOT + 1;
    churn(&baseline_env, map_root, SWAPS);
    let baseline = baseline_env.file_len();
    drop(baseline_env);

    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    while_a_swap_runs(&env, || churn(&env, map_root, SWAPS));
    let with_slow_swap = env.file_len();
    assert!(
        with_slow_swap <= 2 * baseline,
        "file grew to {with_slow_swap} bytes with a slow swap running, {baseline} without"
    );
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}
