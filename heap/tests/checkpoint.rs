//! Checkpoints: after a process crash the file keeps every store; after an
//! OS crash (simulated: another boot id in the header, and every byte past
//! the checkpoint lost) opening the file recovers the checkpointed state,
//! array elements included.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::testing::{FIRST_USER_ROOT, OFF_BOOT_ID, OFF_CHECKPOINTS};
use evelisp_heap::{Env, EnvOptions, View, Word};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::process::Command;

fn crash_after_checkpoint(p: &Path) -> (Word, Word) {
    drop(Env::open_with(p, &EnvOptions::new().map_size(1 << 30)).unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["checkpoint-crash", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child dies");
    let line = String::from_utf8(out.stdout).unwrap();
    let w: Vec<u64> = line
        .split_whitespace()
        .map(|x| u64::from_str_radix(x, 16).unwrap())
        .collect();
    (Word::from_bits(w[0]), Word::from_bits(w[1]))
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

#[test]
fn a_process_crash_keeps_every_store() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    let (_, after) = crash_after_checkpoint(&p);
    let env = Env::open(&p).unwrap();
    assert_eq!(env.checkpoint_seq(), 1);
    assert_eq!(atom_items(&env), [4, 5, 6]);
    assert_eq!(env.intern_keyword(None, "after").unwrap().word(), after);
    let p = env.participant().unwrap();
    let late = env.intern_symbol(None, "late").unwrap();
    assert!(env.find_namespace(&p, late.borrowed()).unwrap().is_some());
    drop(p);
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}

#[test]
fn an_os_crash_recovers_the_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    let (before, _) = crash_after_checkpoint(&p);
    // Simulate a reboot that lost every page written after the checkpoint.
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&p)
        .unwrap();
    f.write_all_at(&0x1234_5678u64.to_ne_bytes(), OFF_BOOT_ID)
        .unwrap();
    let mut rec = [0u8; 128];
    f.read_exact_at(&mut rec, OFF_CHECKPOINTS).unwrap();
    let field = |r: usize, i: usize| {
        u64::from_ne_bytes(rec[64 * r + 8 * i..64 * r + 8 * i + 8].try_into().unwrap())
    };
    let newest = if field(0, 0) > field(1, 0) { 0 } else { 1 };
    let end = field(newest, 2);
    let len = f.metadata().unwrap().len();
    assert!(end > 0 && end < len);
    f.write_all_at(&vec![0xAB; (len - end) as usize], end)
        .unwrap();
    drop(f);

    let env = Env::open(&p).unwrap();
    assert_eq!(
        atom_items(&env),
        [1, 2, 3],
        "the checkpointed value is back"
    );
    assert_eq!(
        env.intern_keyword(None, "before").unwrap().word(),
        before,
        "interned before: same word"
    );
    let p = env.participant().unwrap();
    let late = env.intern_symbol(None, "late").unwrap();
    assert!(
        env.find_namespace(&p, late.borrowed()).unwrap().is_none(),
        "made after: gone"
    );
    drop(p);
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0);
    assert!(env.carved_len() <= end + (1 << 20));
}

#[test]
fn an_os_crash_recovers_array_elements_as_checkpointed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.eve");
    drop(Env::open_with(&p, &EnvOptions::new().map_size(1 << 30)).unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args(["array-checkpoint-crash", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child dies");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    // A reboot that lost every page written after the checkpoint.
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&p)
        .unwrap();
    f.write_all_at(&0x1234_5678u64.to_ne_bytes(), OFF_BOOT_ID)
        .unwrap();
    let mut rec = [0u8; 128];
    f.read_exact_at(&mut rec, OFF_CHECKPOINTS).unwrap();
    let field = |r: usize, i: usize| {
        u64::from_ne_bytes(rec[64 * r + 8 * i..64 * r + 8 * i + 8].try_into().unwrap())
    };
    let newest = if field(0, 0) > field(1, 0) { 0 } else { 1 };
    let end = field(newest, 2);
    let len = f.metadata().unwrap().len();
    f.write_all_at(&vec![0xAB; (len - end) as usize], end)
        .unwrap();
    drop(f);

    let env = Env::open(&p).unwrap();
    let part = env.participant().unwrap();
    let objs = env.root(FIRST_USER_ROOT).unwrap().get(&part).unwrap();
    let kept = objs.borrowed().array_get(&part, 1).unwrap();
    assert_eq!(
        kept.borrowed().as_str().unwrap(),
        "kept",
        "the element as checkpointed"
    );
    let longs = objs.borrowed().array_get(&part, 0).unwrap();
    assert_eq!(
        longs.borrowed().array_prim(1).unwrap(),
        evelisp_heap::ArrayElem::Long(2),
        "a primitive element as checkpointed"
    );
    drop((kept, longs, objs, part));
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0);
}
