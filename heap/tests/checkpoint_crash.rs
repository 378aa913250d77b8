//! Checkpoints under crashes and concurrency: two records, each naming the
//! snapshot its root owns; a damaged newest checkpoint falls back to the
//! older one; a sweep after a process crash keeps both snapshots; several
//! threads and a second process checkpointing at once take turns.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::Env;
use evelisp_heap::testing::{FIRST_USER_ROOT, OFF_BOOT_ID, OFF_CHECKPOINTS, OFF_CLEAN};
use std::path::Path;
use std::process::Command;

const LOG: usize = FIRST_USER_ROOT;

/// Makes the closed file at `p` look like an OS crash hit it while open.
fn os_crash(p: &Path) {
    put(p, OFF_CLEAN, &0u64.to_ne_bytes());
    put(p, OFF_BOOT_ID, &0x1234_5679u64.to_ne_bytes());
}

/// Makes the closed file at `p` look like a process died holding it.
fn process_crash(p: &Path) {
    put(p, OFF_CLEAN, &0u64.to_ne_bytes());
}

/// Appends `x` to the vector in root LOG.
fn append(env: &Env, p: &evelisp_heap::Participant<'_>, x: i64) {
    let x = env.make_int(x).unwrap();
    env.root(LOG)
        .unwrap()
        .swap(p, |cur| {
            if cur.is_nil() {
                env.make_vector(&[x.borrowed()])
            } else {
                env.conj(cur, x.borrowed())
            }
        })
        .unwrap();
}

fn log(env: &Env) -> Vec<i64> {
    let p = env.participant().unwrap();
    let g = p.pin();
    let v = env.root(LOG).unwrap().load(&g).unwrap();
    if v.is_nil() {
        return Vec::new();
    }
    v.elements()
        .unwrap()
        .map(|x| x.unwrap().as_i64().unwrap())
        .collect()
}

/// The snapshot offset of the newest record.
fn newest_snapshot(p: &Path) -> u64 {
    let (s0, s1) = (get(p, OFF_CHECKPOINTS), get(p, OFF_CHECKPOINTS + 64));
    let k = if s0 > s1 { 0 } else { 1 };
    get(p, OFF_CHECKPOINTS + 64 * k + 8)
}

/// Log [1] at checkpoint 1, [1 2] at checkpoint 2, [1 2 3] after it.
fn two_checkpoints(p: &Path) {
    let env = Env::open_with(p, &opts()).unwrap();
    let part = env.participant().unwrap();
    append(&env, &part, 1);
    assert_eq!(env.checkpoint(&part).unwrap(), 1);
    append(&env, &part, 2);
    assert_eq!(env.checkpoint(&part).unwrap(), 2);
    append(&env, &part, 3);
}

#[test]
fn an_os_crash_restores_the_newest_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    two_checkpoints(&p);
    os_crash(&p);
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(log(&env), [1, 2]);
    assert!(env.check().unwrap().is_healthy());
}

#[test]
fn a_damaged_newest_checkpoint_falls_back_to_the_older_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    two_checkpoints(&p);
    os_crash(&p);
    // The newest snapshot's kind byte is lost.
    put(&p, newest_snapshot(&p), &[0xEE]);
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(log(&env), [1], "back to the older checkpoint");
    assert_eq!(env.checkpoint_seq(), 1, "the damaged record is dropped");
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{report:?}");
    // Checkpointing goes on from there.
    let part = env.participant().unwrap();
    append(&env, &part, 7);
    assert_eq!(env.checkpoint(&part).unwrap(), 2);
    drop(part);
    drop(env);
    os_crash(&p);
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(log(&env), [1, 7]);
}

#[test]
fn a_sweep_after_a_process_crash_keeps_both_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    two_checkpoints(&p);
    // A process crash: the open sweeps (from the roots, which own both
    // snapshots) and keeps every store.
    process_crash(&p);
    {
        let env = Env::open_with(&p, &opts()).unwrap();
        assert_eq!(log(&env), [1, 2, 3]);
        // Churn, so memory the sweep freed is reused.
        let part = env.participant().unwrap();
        for i in 0..2000 {
            append(&env, &part, 100 + i);
        }
        let stats = env.stats().unwrap();
        assert_eq!(stats.unreachable_bytes, 0, "{stats:?}");
    }
    // Then an OS crash with the newest snapshot damaged: the older one
    // must have survived the sweep and the churn.
    os_crash(&p);
    put(&p, newest_snapshot(&p), &[0xEE]);
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(log(&env), [1]);
    assert!(env.check().unwrap().is_healthy());
}

#[test]
fn no_usable_checkpoint_after_an_os_crash_refuses_the_file_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    two_checkpoints(&p);
    os_crash(&p);
    let snaps = [
        get(&p, OFF_CHECKPOINTS + 8),
        get(&p, OFF_CHECKPOINTS + 64 + 8),
    ];
    for s in snaps {
        put(&p, s, &[0xEE]);
    }
    let before = std::fs::read(&p).unwrap();
    let err = Env::open_with(&p, &opts()).unwrap_err();
    assert!(err.to_string().contains("unknown kind"), "{err}");
    let after = std::fs::read(&p).unwrap();
    // Only the open count/clean words of the header may differ.
    assert_eq!(before.len(), after.len());
    assert_eq!(before[4096..], after[4096..], "records and heap untouched");
    assert_ne!(get(&p, OFF_CLEAN), 1);
}

const CHILD_ENV: &str = "EVELISP_CHECKPOINT_CHILD";
const ROUNDS: i64 = 15;

/// A second process checkpointing while the parent's threads do (this test
/// binary run again).
#[test]
fn checkpointing_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let env = Env::open_with(Path::new(&path), &opts()).unwrap();
    let part = env.participant().unwrap();
    for i in 0..ROUNDS {
        append(&env, &part, 2000 + i);
        env.checkpoint(&part).unwrap();
    }
}

#[test]
fn concurrent_checkpoints_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    let env = Env::open_with(&p, &opts()).unwrap();
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "checkpointing_child", "--test-threads=1"])
        .env(CHILD_ENV, &p)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::scope(|s| {
        for t in 0..2i64 {
            let env = &env;
            s.spawn(move || {
                let part = env.participant().unwrap();
                for i in 0..ROUNDS {
                    append(env, &part, 1000 * t + i);
                    env.checkpoint(&part).unwrap();
                }
            });
        }
    });
    let child = child.wait_with_output().unwrap();
    assert!(
        child.status.success(),
        "{}",
        String::from_utf8_lossy(&child.stderr)
    );
    // Every checkpoint got its own sequence number.
    assert_eq!(env.checkpoint_seq(), 3 * ROUNDS as u64);
    let full = log(&env);
    assert_eq!(full.len(), 3 * ROUNDS as usize);
    {
        let part = env.participant().unwrap();
        append(&env, &part, -1); // after the last checkpoint
    }
    drop(env);
    os_crash(&p);
    let env = Env::open_with(&p, &opts()).unwrap();
    // The newest checkpoint was taken after the last append of some
    // writer, so the restored log holds all of them.
    assert_eq!(log(&env), full);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{report:?}");
    let stats = env.stats().unwrap();
    assert_eq!(stats.unreachable_bytes, 0, "{stats:?}");
}
