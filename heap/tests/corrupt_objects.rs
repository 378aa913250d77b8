//! Guarantee 5 for objects: a corrupt object in a real env file (a vector's
//! shift, a tail shorter than its count says, a list or map count at the
//! end of its range) gives `HeapError::CorruptObject` from every operation
//! that meets it, never a panic (no underflow, overflow or out-of-bounds
//! index), and `check()` reports it rather than crashing.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::header::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, HeapError, Result, Word};

fn int(i: i64) -> Word {
    Word::fixnum(i).unwrap()
}

fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("c.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

/// Overwrites payload word `i` of the object `w` in the file.
fn corrupt(env: &Env, w: Word, i: u64, bits: u64) {
    let off = w.as_object().unwrap();
    // SAFETY: the test made `w` and published it nowhere; no other thread
    // reads it.
    unsafe { env.raw_store_word(off + 8 + 8 * i, bits) }.unwrap();
}

fn payload(env: &Env, w: Word, i: u64) -> u64 {
    env.raw_load_word(w.as_object().unwrap() + 8 + 8 * i)
        .unwrap()
}

#[track_caller]
fn corrupt_err<T: std::fmt::Debug>(r: Result<T>) {
    match r {
        Err(HeapError::CorruptObject { .. }) => {}
        other => panic!("expected CorruptObject, got {other:?}"),
    }
}

/// Whether `check()` finds something wrong once `w` is reachable from a
/// root (check walks only what the roots reach).
fn check_finds(env: &Env, w: Word) -> bool {
    let root = env.root(FIRST_USER_ROOT).unwrap();
    root.reset(w);
    let healthy = env.check().unwrap().is_healthy();
    root.reset(Word::NIL);
    !healthy
}

fn ints(env: &Env, n: i64) -> Word {
    let items: Vec<Word> = (0..n).map(int).collect();
    env.vector_from(&items).unwrap()
}

#[test]
fn a_vector_with_a_bad_shift_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    for bad in [3u64, 0, 7, 64, 65, u64::MAX] {
        let v = ints(&env, 100);
        corrupt(&env, v, 1, bad); // shift
        corrupt_err(env.vector_nth(v, 0));
        corrupt_err(env.vector_assoc(v, 5, int(1)));
        corrupt_err(env.vector_conj(v, int(1)));
        corrupt_err(env.vector_iter(v).map(|it| it.count()));
        let w = ints(&env, 97); // tail of one: pop walks the trie
        corrupt(&env, w, 1, bad);
        corrupt_err(env.vector_pop(w));
        assert!(check_finds(&env, v), "shift {bad} must be a finding");
    }
}

#[test]
fn a_vector_tail_shorter_than_its_count_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = ints(&env, 40); // 8 in the tail
    let tail = Word::from_bits(payload(&env, v, 3));
    corrupt(&env, tail, 0, 2); // the tail node's length
    corrupt_err(env.vector_assoc(v, 39, int(1)));
    corrupt_err(env.vector_pop(v));
    corrupt_err(env.vector_nth(v, 39));
    assert!(check_finds(&env, v));
}

#[test]
fn a_list_count_at_the_top_of_its_range_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let l = env.list_from(&[int(1), int(2)]).unwrap();
    corrupt(&env, l, 2, u64::MAX); // count
    corrupt_err(env.list_cons(int(0), l));
    assert!(check_finds(&env, l), "the bad count is a finding");
}

#[test]
fn a_map_count_out_of_step_with_its_entries_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let mut m = env.hash_map_empty().unwrap();
    for i in 0..20 {
        m = env.map_assoc(m, int(i), int(i)).unwrap();
    }
    corrupt(&env, m, 0, 0); // count 0, though it holds 20 entries
    corrupt_err(env.map_dissoc(m, int(3)));
    corrupt(&env, m, 0, u64::MAX);
    corrupt_err(env.map_assoc(m, int(100), int(1)));
    let mut s = env.set_empty().unwrap();
    for i in 0..3 {
        s = env.set_conj(s, int(i)).unwrap();
    }
    corrupt(&env, s, 0, 0);
    corrupt_err(env.set_disj(s, int(1)));
    assert!(check_finds(&env, m));
    assert!(check_finds(&env, s));
}
