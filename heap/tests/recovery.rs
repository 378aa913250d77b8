//! Recovery at open: a failed recovery leaves the file marked unclean (the
//! next open tries again). A clean close is durable (the heap is synced
//! before the clean flag, and the flag is synced too), so a reboot after it
//! keeps every store, checkpointed or not. A file left unclean is swept on
//! the same boot, and restored to its newest checkpoint (then swept) on
//! another boot (an OS crash), also when its close did not complete.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::testing::{
    FIRST_USER_ROOT, OFF_BOOT_ID, OFF_CHECKPOINTS, OFF_CLEAN, OFF_ROOTS, ROOT_CHECKPOINT,
};
use evelisp_heap::{Env, Ref, Value, View};
use std::path::Path;
use std::process::Command;

fn ints<'e>(env: &'e Env, items: &[i64]) -> Value<'e> {
    let items: Vec<Value<'_>> = items.iter().map(|&i| env.make_int(i).unwrap()).collect();
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    env.make_vector(&refs).unwrap()
}

fn atom_items(env: &Env) -> Vec<i64> {
    let p = env.participant().unwrap();
    let g = p.pin();
    let atom = env.root(FIRST_USER_ROOT).unwrap().load(&g).unwrap();
    let root = env.atom_root(atom).unwrap();
    let v = root.load(&g).unwrap();
    v.elements()
        .unwrap()
        .map(|x| match x.unwrap().view().unwrap() {
            View::Int(i) => i,
            other => panic!("{other:?}"),
        })
        .collect()
}

/// A file holding `[1 2 3]` at a checkpoint, then `[4 5 6]`, plus some
/// garbage, closed cleanly.
fn checkpointed_then_changed(p: &Path) {
    let env = Env::open_with(p, &opts()).unwrap();
    let part = env.participant().unwrap();
    let atom = env
        .root_atom(&part, FIRST_USER_ROOT, ints(&env, &[1, 2, 3]))
        .unwrap();
    env.checkpoint(&part).unwrap();
    // The displaced [1 2 3] is retired through `part`.
    env.atom_root(atom.borrowed())
        .unwrap()
        .reset(&part, ints(&env, &[4, 5, 6]))
        .unwrap();
    for i in 0..20 {
        // Garbage: nothing owns its count, only a sweep gets it back.
        std::mem::forget(ints(&env, &[i]));
    }
    drop(atom);
    drop(part);
    drop(env);
    assert_eq!(get(p, OFF_CLEAN), 1, "closed cleanly");
}

#[test]
fn a_failed_recovery_leaves_the_file_unclean() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.eve");
    checkpointed_then_changed(&p);
    // An OS crash (unclean, another boot) that also damaged the snapshot
    // recovery restores from: its kind byte.
    put(&p, OFF_CLEAN, &0u64.to_ne_bytes());
    put(&p, OFF_BOOT_ID, &0x1234_5679u64.to_ne_bytes());
    // The snapshot of the newest record (`{seq, snapshot, end, checksum}`).
    let newest = u64::from(get(&p, OFF_CHECKPOINTS + 64) > get(&p, OFF_CHECKPOINTS));
    let snap = get(&p, OFF_CHECKPOINTS + 64 * newest + 8);
    assert_ne!(snap, 0);
    assert_eq!(
        get(&p, OFF_ROOTS + 8 * (ROOT_CHECKPOINT as u64 + newest)),
        snap,
        "the record's snapshot is owned by its root"
    );
    put(&p, snap, &[0xEE]);
    let first = Env::open_with(&p, &opts()).unwrap_err();
    assert_ne!(
        get(&p, OFF_CLEAN),
        1,
        "a failed recovery marked the file clean ({first})"
    );
    // The next open still knows recovery is due, and fails the same way
    // rather than opening a damaged file as if it were clean.
    let second = Env::open_with(&p, &opts())
        .map(|_| ())
        .expect_err("a second open skipped recovery");
    assert_eq!(first.to_string(), second.to_string());
    assert_ne!(get(&p, OFF_CLEAN), 1);
}

#[test]
fn a_clean_close_survives_a_reboot() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("b.eve");
    checkpointed_then_changed(&p);
    // The same boot: a clean file opens as it was, garbage and all.
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [4, 5, 6]);
    assert!(env.check().unwrap().stats.unreachable_bytes > 0);
    drop(env);
    assert_eq!(get(&p, OFF_CLEAN), 1);
    // A reboot after the clean close: the close synced the heap before
    // the clean flag, so nothing written after the checkpoint is lost and
    // the open neither restores the checkpoint nor sweeps.
    put(&p, OFF_BOOT_ID, &0x1234_5679u64.to_ne_bytes());
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(
        atom_items(&env),
        [4, 5, 6],
        "a reboot after a clean close kept the stores after the checkpoint"
    );
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert!(r.stats.unreachable_bytes > 0, "no recovery sweep ran");
    assert_eq!(env.checkpoint_seq(), 1, "the checkpoint is still there");
    drop(env);
    assert_ne!(
        get(&p, OFF_BOOT_ID),
        0x1234_5679,
        "the boot id is this boot's again"
    );
    assert_eq!(get(&p, OFF_CLEAN), 1);
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [4, 5, 6]);
}

#[test]
fn an_unclean_file_is_swept_on_this_boot_and_restored_on_another() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("u.eve");
    // A process crash (unclean, this boot): every store is kept, the
    // garbage is swept.
    checkpointed_then_changed(&p);
    put(&p, OFF_CLEAN, &0u64.to_ne_bytes());
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [4, 5, 6], "a process crash keeps stores");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "swept");
    drop(env);
    // An OS crash (unclean, another boot): back to the checkpoint, swept.
    let q = dir.path().join("o.eve");
    checkpointed_then_changed(&q);
    put(&q, OFF_CLEAN, &0u64.to_ne_bytes());
    put(&q, OFF_BOOT_ID, &0x1234_5679u64.to_ne_bytes());
    let env = Env::open_with(&q, &opts()).unwrap();
    assert_eq!(atom_items(&env), [1, 2, 3], "the checkpoint was restored");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "swept");
    drop(env);
    assert_ne!(get(&q, OFF_BOOT_ID), 0x1234_5679);
    // Recovered once: the next open (same boot) keeps the state.
    let env = Env::open_with(&q, &opts()).unwrap();
    assert_eq!(atom_items(&env), [1, 2, 3]);
}

#[test]
fn a_close_that_could_not_sync_leaves_the_file_unclean() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.eve");
    // A real process writes after a checkpoint, then closes while every
    // file sync fails (seccomp): its close cannot make the heap durable.
    let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["close-unsynced", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let line = String::from_utf8(out.stdout).unwrap();
    if line.trim() == "no-seccomp" {
        eprintln!("skipped: a seccomp filter cannot be installed here");
        return;
    }
    assert_eq!(line.trim(), "closed");
    assert_ne!(
        get(&p, OFF_CLEAN),
        1,
        "a close whose heap sync failed marked the file clean"
    );
    // After an OS crash the unsynced stores may be lost: a reboot restores
    // the checkpoint, then sweeps.
    put(&p, OFF_BOOT_ID, &0x1234_5679u64.to_ne_bytes());
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [1, 2, 3], "the checkpoint was restored");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "swept");
    drop(env);
    assert_eq!(get(&p, OFF_CLEAN), 1);
    assert_ne!(get(&p, OFF_BOOT_ID), 0x1234_5679);
}

/// The file syncs a real process makes, traced with `strace` (`None` where
/// it cannot run): `fdatasync`/`fsync` calls and the process's stdout
/// markers, in order.
fn traced_syncs(dir: &Path, p: &Path) -> Option<Vec<String>> {
    let probe = Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .status();
    if !matches!(probe, Ok(s) if s.success()) {
        return None;
    }
    let log = dir.join("strace.log");
    let out = Command::new("strace")
        .args(["-f", "-e", "trace=fdatasync,fsync,write", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["open-store-close", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let trace = std::fs::read_to_string(&log).unwrap();
    Some(
        trace
            .lines()
            .filter_map(|l| {
                if l.contains("sync(") {
                    Some("sync".to_string())
                } else {
                    ["opened", "closing", "closed"]
                        .into_iter()
                        .find(|m| l.contains(&format!("\"{m}\\n\"")))
                        .map(str::to_string)
                }
            })
            .collect(),
    )
}

#[test]
fn open_and_close_sync_around_the_clean_flag() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.eve");
    checkpointed_then_changed(&p);
    let Some(calls) = traced_syncs(dir.path(), &p) else {
        eprintln!("skipped: strace is not available or may not trace here");
        return;
    };
    let at = |m: &str| {
        calls
            .iter()
            .position(|c| c == m)
            .unwrap_or_else(|| panic!("no {m}: {calls:?}"))
    };
    let syncs = |r: std::ops::Range<usize>| calls[r].iter().filter(|c| *c == "sync").count();
    // Opening a cleanly closed file clears the flag durably before the
    // env is used (a stale clean flag must never sit on disk next to
    // stores that are not durable).
    assert!(
        syncs(0..at("opened")) >= 1,
        "no sync at open of a clean file: {calls:?}"
    );
    // The last close syncs the heap, then (after storing the flag) syncs
    // the flag.
    assert!(
        syncs(at("closing")..at("closed")) >= 2,
        "the close did not sync the heap and then the clean flag: {calls:?}"
    );
    assert_eq!(get(&p, OFF_CLEAN), 1);
}
