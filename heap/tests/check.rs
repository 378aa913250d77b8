//! `check()` and `stats()`: a healthy file has no findings; each kind of
//! damage, written into the file on disk, is found and named.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::testing::{FIRST_USER_ROOT, OFF_FREE_HEADS, OFF_ROOTS};
use evelisp_heap::{Env, EnvOptions, Value, Word};
use std::os::unix::fs::FileExt;
use std::path::Path;

/// Replaces `*slot` with `next` and leaks the old value's count: the old
/// version stays in the file as unreachable garbage (what a process that
/// never released it would leave behind).
fn replace_leaking<'e>(slot: &mut Value<'e>, next: Value<'e>) {
    std::mem::forget(std::mem::replace(slot, next));
}

/// Builds a file holding a bit of everything under user roots, with every
/// intermediate version of the map and the vector leaked as garbage.
fn build(path: &Path) -> (Word, Word, Word) {
    let env = Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).unwrap();
    let mut m = env.empty_map().unwrap();
    for i in 0..200 {
        let k = env.intern_keyword(Some("k"), &format!("key{i}")).unwrap();
        let s = env.make_string(&format!("v{i}")).unwrap();
        let v = env.make_vector(&[int(&env, i), s.borrowed()]).unwrap();
        let next = env.assoc(m.borrowed(), k.borrowed(), v.borrowed()).unwrap();
        replace_leaking(&mut m, next);
    }
    let mut v = env.make_vector(&[]).unwrap();
    for i in 0..1500 {
        let x = env.make_int(i64::MAX - i).unwrap();
        let next = env.conj(v.borrowed(), x.borrowed()).unwrap();
        replace_leaking(&mut v, next);
    }
    let f = env.make_float(1.5).unwrap();
    let s = env
        .conj(env.empty_set().unwrap().borrowed(), f.borrowed())
        .unwrap();
    let l = env
        .make_list(&[m.borrowed(), v.borrowed(), s.borrowed()])
        .unwrap();
    let atom = env.make_atom(l).unwrap();
    let p = env.participant().unwrap();
    env.root(FIRST_USER_ROOT).unwrap().reset(&p, atom).unwrap();
    env.root(FIRST_USER_ROOT + 1)
        .unwrap()
        .reset(&p, m.clone())
        .unwrap();
    (m.word(), v.word(), s.word())
}

fn poke(path: &Path, off: u64, v: u64) {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .unwrap();
    f.write_all_at(&v.to_ne_bytes(), off).unwrap();
}

fn peek(path: &Path, off: u64) -> u64 {
    let f = std::fs::File::open(path).unwrap();
    let mut b = [0u8; 8];
    f.read_exact_at(&mut b, off).unwrap();
    u64::from_ne_bytes(b)
}

#[test]
fn a_healthy_file_has_no_findings_and_sane_stats() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    build(&p);
    let env = Env::open(&p).unwrap();
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
    let s = report.stats;
    assert!(s.live_objects > 1000);
    assert!(s.live_bytes + s.free_bytes + s.unreachable_bytes <= s.carved_len);
    assert!(s.carved_len <= s.file_len);
    assert_eq!(s.kinds["keyword"].0, 200);
    assert_eq!(s.kinds["atom"].0, 1);
    assert!(
        s.unreachable_bytes > 0,
        "the leaked intermediate versions are unreachable"
    );
}

#[test]
fn damage_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.eve");
    let (m, v, _) = build(&p);
    let good = std::fs::read(&p).unwrap();
    let reset = || std::fs::write(&p, &good).unwrap();
    let findings = || Env::open(&p).unwrap().check().unwrap().findings;
    let root = OFF_ROOTS + 8 * (FIRST_USER_ROOT as u64 + 2);

    // A root word with an invalid tag.
    poke(&p, root, 0x42);
    assert!(
        findings()
            .iter()
            .any(|f| f.problem.contains("invalid word"))
    );
    reset();
    // A root pointing into the middle of an object.
    poke(&p, root, v.bits() + 16);
    assert!(findings().iter().any(|f| f.problem.contains("not a block")));
    reset();
    // A vector whose count disagrees with its trie.
    let off = v.as_object().unwrap();
    poke(&p, off + 8, peek(&p, off + 8) + 32);
    assert!(
        findings().iter().any(|f| f.offset == off),
        "{:?}",
        findings()
    );
    reset();
    // A map whose root node's bitmap lost a bit.
    let moff = m.as_object().unwrap();
    let node = peek(&p, moff + 16);
    let meta = peek(&p, node + 8);
    poke(&p, node + 8, meta & !(1 << (meta as u32).trailing_zeros()));
    assert!(!findings().is_empty());
    reset();
    // A reference count below the references to it.
    poke(&p, moff, peek(&p, moff) & 0xFFFF_FFFF);
    assert!(
        findings()
            .iter()
            .any(|f| f.problem.contains("reference count"))
    );
    reset();
    assert!(findings().is_empty());
}

#[test]
fn free_list_damage_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("f.eve");
    let env = Env::open_with(&p, &EnvOptions::new().map_size(1 << 30)).unwrap();
    let s = env.make_string("x").unwrap(); // class 1 (32 bytes): the rest of its chunk is free
    let off = s.word().as_object().unwrap();
    // Leaked, so its block stays live (a dropped string would be freed and
    // head the free list itself).
    std::mem::forget(s);
    drop(env);
    let head_at = OFF_FREE_HEADS + 8;
    let head = peek(&p, head_at);
    let first = (head & ((1 << 40) - 1)) << 4;
    assert_eq!(
        first,
        off + 32,
        "the next block of the chunk heads the list"
    );
    // A cycle: the first free block points to itself.
    let good = std::fs::read(&p).unwrap();
    poke(&p, first, first << 20 | 0xF_FFFF); // links are tagged: next << 20 | 0xFFFFF
    let f = Env::open(&p).unwrap().check().unwrap().findings;
    assert!(f.iter().any(|f| f.problem.contains("cycle")), "{f:?}");
    std::fs::write(&p, &good).unwrap();
    // A free list reaching a live object.
    poke(&p, first, off << 20 | 0xF_FFFF);
    let f = Env::open(&p).unwrap().check().unwrap().findings;
    assert!(
        f.iter().any(|f| f.problem.contains("on free list")),
        "{f:?}"
    );
}
