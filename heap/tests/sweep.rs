//! The sweep: garbage comes back, counts are rebuilt, it refuses to run
//! when not alone, and it runs by itself when a process opens the file
//! alone after another died holding it.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, HeapError, Ref};
use std::process::Command;

fn imm(env: &Env, i: i64) -> Ref<'_> {
    Ref::immediate(env, fixnum(i)).unwrap()
}

#[test]
fn garbage_comes_back_and_counts_are_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.eve");
    let mut env = Env::open_with(&p, &opts()).unwrap();
    let shared_word;
    {
        let shared = env.make_string("shared").unwrap();
        shared_word = shared.word();
        let mut v = env.make_vector(&[]).unwrap();
        for i in 0..3000 {
            let x = if i % 2 == 0 {
                shared.borrowed()
            } else {
                imm(&env, i)
            };
            let next = env.conj(v.borrowed(), x).unwrap();
            // Leak every old version: it stays in the file as garbage, and
            // the counts it holds on shared nodes are too high.
            std::mem::forget(std::mem::replace(&mut v, next));
        }
        let part = env.participant().unwrap();
        env.root(FIRST_USER_ROOT).unwrap().reset(&part, v).unwrap();
    }
    let before = env.check().unwrap();
    assert!(before.is_healthy(), "{:?}", before.findings);
    assert!(
        before.stats.unreachable_bytes > 100_000,
        "every old version is garbage"
    );
    // `&mut env`: no value of this env is alive (only words are kept).
    let report = env.sweep().unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.reclaimed_bytes, before.stats.unreachable_bytes);
    assert_eq!(report.live_bytes, before.stats.live_bytes);
    assert!(report.counts_fixed > 0);
    let after = env.check().unwrap();
    assert!(after.is_healthy(), "{:?}", after.findings);
    assert_eq!(after.stats.unreachable_bytes, 0);
    assert_eq!(after.stats.live_bytes, before.stats.live_bytes);
    // The string is owned by exactly the 1500 slots that hold it.
    assert_eq!(
        env.header_of(shared_word.as_object().unwrap())
            .unwrap()
            .refcount,
        1500
    );
    {
        let part = env.participant().unwrap();
        let g = part.pin();
        let v = env.root(FIRST_USER_ROOT).unwrap().load(&g).unwrap();
        for i in (1..3000).step_by(2) {
            assert_eq!(v.nth(i).unwrap().word(), fixnum(i as i64));
        }
        assert_eq!(v.nth(0).unwrap().word(), shared_word);
    }
    // Reclaimed blocks are reused before any fresh memory is carved (the
    // new vectors are kept alive, so each takes a block of its own).
    let carved = env.carved_len();
    let kept: Vec<_> = (0..2000)
        .map(|i| env.make_vector(&[imm(&env, i)]).unwrap())
        .collect();
    assert_eq!(env.carved_len(), carved);
    drop(kept);
}

#[test]
fn sweep_refuses_when_not_alone() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.eve");
    let mut a = Env::open_with(&p, &opts()).unwrap();
    let b = Env::open(&p).unwrap();
    assert!(matches!(a.sweep(), Err(HeapError::NotAlone { .. })));
    drop(b);
    assert!(a.sweep().is_ok());
}

#[test]
fn opening_alone_after_a_crash_sweeps_and_after_a_clean_exit_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.eve");
    drop(Env::open_with(&p, &opts()).unwrap());
    let bin = env!("CARGO_BIN_EXE_heap-hammer");
    // A process that dies holding the file: its garbage is swept at the
    // next lone open.
    let out = Command::new(bin)
        .args(["leak", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the leaker aborts");
    let env = Env::open(&p).unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "swept on open");
    // Garbage left by a clean process stays until a sweep is asked for.
    for i in 0..50 {
        // Garbage on purpose: the count is leaked, nothing owns the vector.
        std::mem::forget(env.make_vector(&[imm(&env, i)]).unwrap());
    }
    drop(env);
    let env = Env::open(&p).unwrap();
    assert!(
        env.check().unwrap().stats.unreachable_bytes > 0,
        "a clean exit is not swept"
    );
    // Not alone: no sweep even after a crash.
    let out = Command::new(bin)
        .args(["leak", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let other = Env::open(&p).unwrap();
    assert!(other.check().unwrap().stats.unreachable_bytes > 0);
    drop(other);
    drop(env);
    // The crash is remembered: the next lone open sweeps.
    let env = Env::open(&p).unwrap();
    assert_eq!(env.check().unwrap().stats.unreachable_bytes, 0);
}
