//! Recovery at open: a failed recovery leaves the file marked unclean (the
//! next open tries again), and a file last used on another boot is
//! recovered even if it was closed cleanly (a clean close is not synced, so
//! an OS crash can still have lost its pages).

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::header::{FIRST_USER_ROOT, OFF_BOOT_ID, OFF_CLEAN, OFF_ROOTS, ROOT_CHECKPOINT};
use evelisp_heap::{Env, EnvOptions, View, Word};
use std::os::unix::fs::FileExt;
use std::path::Path;

fn opts() -> EnvOptions {
    EnvOptions::new().map_size(1 << 30)
}

fn get(p: &Path, off: u64) -> u64 {
    let f = std::fs::File::open(p).unwrap();
    let mut b = [0u8; 8];
    f.read_exact_at(&mut b, off).unwrap();
    u64::from_ne_bytes(b)
}

fn put(p: &Path, off: u64, bytes: &[u8]) {
    let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
    f.write_all_at(bytes, off).unwrap();
}

fn ints(env: &Env, items: &[i64]) -> Word {
    let words: Vec<Word> = items.iter().map(|&i| Word::fixnum(i).unwrap()).collect();
    env.vector_from(&words).unwrap()
}

fn atom_items(env: &Env) -> Vec<i64> {
    let atom = env.root(FIRST_USER_ROOT).unwrap().load();
    let v = env.atom(atom).unwrap().load();
    env.vector_iter(v)
        .unwrap()
        .map(|x| match env.view(x.unwrap()).unwrap() {
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
        .root_atom(FIRST_USER_ROOT, ints(&env, &[1, 2, 3]))
        .unwrap();
    // SAFETY: single thread, no word used past the calls.
    unsafe { env.checkpoint(&part) }.unwrap();
    let old = env.atom(atom).unwrap().reset(ints(&env, &[4, 5, 6]));
    // SAFETY: as above.
    unsafe { part.retire(old) }.unwrap();
    for i in 0..20 {
        ints(&env, &[i]); // garbage: only a sweep gets it back
    }
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
    let snap = get(&p, OFF_ROOTS + 8 * ROOT_CHECKPOINT as u64);
    assert_ne!(snap, 0);
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
fn a_clean_close_on_another_boot_is_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("b.eve");
    checkpointed_then_changed(&p);
    // The same boot: a clean file opens as it was, garbage and all.
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [4, 5, 6]);
    assert!(env.check().unwrap().stats.unreachable_bytes > 0);
    drop(env);
    assert_eq!(get(&p, OFF_CLEAN), 1);
    // Another boot: the clean mark was never synced, so the pages after
    // the checkpoint may be lost: the open restores the checkpoint and
    // sweeps.
    put(&p, OFF_BOOT_ID, &0x1234_5679u64.to_ne_bytes());
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [1, 2, 3], "the checkpoint was restored");
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "swept");
    drop(env);
    assert_ne!(
        get(&p, OFF_BOOT_ID),
        0x1234_5679,
        "the boot id is this boot's again"
    );
    // Recovered once: the next open (same boot) keeps the state.
    let env = Env::open_with(&p, &opts()).unwrap();
    assert_eq!(atom_items(&env), [1, 2, 3]);
}
