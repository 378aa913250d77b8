//! Epoch-based reclamation: bounded memory under churn, pins holding back
//! release, a dead process's participant slot adopted with its retire
//! list, and several processes swapping with reclamation while `check()`
//! stays clean.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, Ref, Value, Word};
use std::process::Command;

#[test]
fn churn_keeps_memory_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let p = env.participant().unwrap();
    let keys = 2_000u64;
    let empty = env.empty_map().unwrap();
    let atom = env.root_atom(&p, FIRST_USER_ROOT, empty).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut carved_after_warmup = 0;
    let total = 40_000;
    for i in 0..total {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let k = int(&env, (x % keys) as i64);
        // The displaced map is retired through `p`.
        root.swap(&p, |m| {
            let s = env.make_string(&format!("value-{x}"))?;
            env.assoc(m, k, s.borrowed())
        })
        .unwrap();
        if i == total / 4 {
            carved_after_warmup = env.carved_len();
        }
    }
    assert!(carved_after_warmup > 0);
    assert!(
        env.carved_len() <= carved_after_warmup + (1 << 20),
        "the heap kept growing after warm-up: {} -> {}",
        carved_after_warmup,
        env.carved_len()
    );
    // Let the last retirements go.
    for _ in 0..3 {
        p.try_advance().unwrap();
    }
    p.collect().unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    let s = r.stats;
    eprintln!(
        "live {} retired {} unreachable {} free {} carved {}",
        s.live_bytes, s.retired_bytes, s.unreachable_bytes, s.free_bytes, s.carved_len
    );
    assert_eq!(s.unreachable_bytes, 0, "nothing leaked");
    assert!(
        s.carved_len - s.free_bytes <= 2 * s.live_bytes + (1 << 16),
        "in use {} vs live {}",
        s.carved_len - s.free_bytes,
        s.live_bytes
    );
    let g = p.pin();
    assert_eq!(root.load(&g).unwrap().count().unwrap(), keys);
}

#[test]
fn a_pinned_reader_holds_back_release() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let writer = env.participant().unwrap();
    let reader = env.participant().unwrap();
    assert_ne!(writer.slot(), reader.slot());
    assert_eq!(env.stats().unwrap().participants, 2);
    let v = env.make_vector(&[int(&env, 1), int(&env, 2)]).unwrap();
    let off = v.word().as_object().unwrap();
    let root = env.root(FIRST_USER_ROOT).unwrap();
    root.reset(&writer, v).unwrap();
    let guard = reader.pin();
    let seen = root.load(&guard).unwrap();
    // The writer displaces the vector: it is retired, not freed.
    root.reset(&writer, Value::nil(&env)).unwrap();
    assert!(
        writer.try_advance().unwrap(),
        "the reader is at the current epoch"
    );
    assert!(
        !writer.try_advance().unwrap(),
        "the reader now lags: no second advance"
    );
    assert_eq!(writer.collect().unwrap(), 0, "nothing is two epochs old");
    assert_eq!(
        seen.nth(1).unwrap().word(),
        Word::fixnum(2).unwrap(),
        "still readable under the pin"
    );
    drop(guard);
    assert!(writer.try_advance().unwrap());
    assert_eq!(writer.collect().unwrap(), 1);
    assert!(
        env.header_of(off).is_err(),
        "the vector's block is free again"
    );
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "its nodes went too");
}

#[test]
fn an_explicitly_retired_value_waits_for_the_pinned_reader() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let writer = env.participant().unwrap();
    let reader = env.participant().unwrap();
    let v = env.make_vector(&[int(&env, 1), int(&env, 2)]).unwrap();
    let off = v.word().as_object().unwrap();
    let guard = reader.pin();
    writer.retire(v).unwrap();
    assert!(writer.try_advance().unwrap());
    assert!(!writer.try_advance().unwrap(), "the reader lags");
    assert_eq!(writer.collect().unwrap(), 0);
    assert!(env.header_of(off).is_ok(), "not released under the pin");
    drop(guard);
    assert!(writer.try_advance().unwrap());
    assert_eq!(writer.collect().unwrap(), 1);
    assert!(env.header_of(off).is_err(), "released after the pin");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0);
}

#[test]
fn a_dead_participant_is_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    let env = env_sized(&dir, 1 << 32);
    {
        // Storing needs a participant; it is gone before the child starts,
        // as in a process that holds none.
        let p = env.participant().unwrap();
        let items: Vec<Ref<'_>> = (0..100).map(|i| int(&env, i)).collect();
        let v = env.make_vector(&items).unwrap();
        env.root(FIRST_USER_ROOT + 3).unwrap().reset(&p, v).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args([
            "pin-and-die",
            path.to_str().unwrap(),
            &(FIRST_USER_ROOT + 3).to_string(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child aborts while pinned");
    let before = env.check().unwrap().stats;
    assert!(
        before.retired_bytes > 0,
        "the dead process's retire list is in the file"
    );
    let me = env.participant().unwrap();
    // The dead slot is pinned at an old epoch: adopting it lets the epoch move.
    let e0 = env.epoch();
    for _ in 0..3 {
        assert!(
            me.try_advance().unwrap(),
            "a dead participant must not block the epoch"
        );
    }
    assert_eq!(env.epoch(), e0 + 3);
    assert!(me.collect().unwrap() >= 1);
    let after = env.check().unwrap();
    assert!(after.is_healthy(), "{:?}", after.findings);
    assert!(after.stats.retired_bytes < before.retired_bytes);
    assert!(after.stats.free_bytes > before.free_bytes);
}

#[test]
fn processes_swapping_with_reclamation_keep_the_file_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    drop(env_sized(&dir, 1 << 32));
    let children: Vec<_> = (0..3)
        .map(|seed| {
            Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
                .args([
                    "retire-churn",
                    path.to_str().unwrap(),
                    &(FIRST_USER_ROOT + 5).to_string(),
                    "4000",
                    "300",
                    &(seed + 1).to_string(),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        common::assert_ok(&out);
    }
    let env = Env::open(&path).unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    let p = env.participant().unwrap();
    let atom = env.root(FIRST_USER_ROOT + 5).unwrap().get(&p).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let g = p.pin();
    assert_eq!(root.load(&g).unwrap().count().unwrap(), 300);
    assert_eq!(r.stats.unreachable_bytes, 0, "nothing leaked");
}

#[test]
fn participant_slots_run_out_cleanly_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_sized(&dir, 1 << 32);
    let all: Vec<_> = (0..evelisp_heap::testing::PARTICIPANT_COUNT)
        .map(|_| env.participant().unwrap())
        .collect();
    assert!(matches!(
        env.participant(),
        Err(evelisp_heap::HeapError::TooManyParticipants { .. })
    ));
    drop(all);
    assert!(env.participant().is_ok());
}
