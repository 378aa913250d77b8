//! Guarantee 5 for objects: a corrupt object in a real env file (a vector's
//! shift, a tail shorter than its count says, a list or map count at the
//! end of its range) gives `HeapError::CorruptObject` from every operation
//! that meets it, never a panic (no underflow, overflow or out-of-bounds
//! index), and `check()` reports it rather than crashing.
//!
//! The values are built with the safe API; the damage is written with the
//! hidden test hook `testing::store_word` into objects no one else can see.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, HeapError, Ref, Result, Value, Word};

/// Overwrites payload word `i` of the object at offset `off` in the file.
fn corrupt(env: &Env, off: u64, i: u64, bits: u64) {
    // SAFETY: the test made the object and published it nowhere; no other
    // thread reads it.
    unsafe { evelisp_heap::testing::store_word(env, off + 8 + 8 * i, bits) }.unwrap();
}

/// Overwrites payload word `i` of the object `v`.
fn corrupt_value(v: &Value<'_>, i: u64, bits: u64) {
    corrupt(v.env(), v.word().as_object().unwrap(), i, bits);
}

fn payload(v: &Value<'_>, i: u64) -> u64 {
    evelisp_heap::testing::load_word(v.env(), v.word().as_object().unwrap() + 8 + 8 * i).unwrap()
}

#[track_caller]
fn corrupt_err<T: std::fmt::Debug>(r: Result<T>) {
    match r {
        Err(HeapError::CorruptObject { .. }) => {}
        other => panic!("expected CorruptObject, got {other:?}"),
    }
}

/// Whether `check()` finds something wrong once `v` is reachable from a
/// root.
fn check_finds(v: &Value<'_>) -> bool {
    !healthy_with(v)
}

fn ints(env: &Env, n: i64) -> Value<'_> {
    let items: Vec<Ref<'_>> = (0..n).map(|i| int(env, i)).collect();
    env.make_vector(&items).unwrap()
}

#[test]
fn a_vector_with_a_bad_shift_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let one = int(&env, 1);
    for bad in [3u64, 0, 7, 64, 65, u64::MAX] {
        let v = ints(&env, 100);
        corrupt_value(&v, 1, bad); // shift
        let r = v.borrowed();
        corrupt_err(r.nth(0));
        corrupt_err(env.assoc(r, int(&env, 5), one));
        corrupt_err(env.conj(r, one));
        corrupt_err(r.elements().map(|it| it.count()));
        let _ = format!("{v:?}"); // Debug falls back to the word
        let w = ints(&env, 97); // tail of one: pop walks the trie
        corrupt_value(&w, 1, bad);
        corrupt_err(env.pop(w.borrowed()));
        assert!(check_finds(&v), "shift {bad} must be a finding");
    }
}

#[test]
fn a_vector_tail_shorter_than_its_count_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = ints(&env, 40); // 8 in the tail
    let tail = Word::from_bits(payload(&v, 3)).as_object().unwrap();
    corrupt(&env, tail, 0, 2); // the tail node's length
    let r = v.borrowed();
    corrupt_err(env.assoc(r, int(&env, 39), int(&env, 1)));
    corrupt_err(env.pop(r));
    corrupt_err(r.nth(39));
    assert!(check_finds(&v));
}

#[test]
fn a_list_count_at_the_top_of_its_range_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let l = env.make_list(&[int(&env, 1), int(&env, 2)]).unwrap();
    corrupt_value(&l, 2, u64::MAX); // count
    corrupt_err(env.cons(int(&env, 0), l.borrowed()));
    assert!(check_finds(&l), "the bad count is a finding");
}

#[test]
fn a_map_count_out_of_step_with_its_entries_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let mut m = env.empty_hash_map().unwrap();
    for i in 0..20 {
        m = env.assoc(m.borrowed(), int(&env, i), int(&env, i)).unwrap();
    }
    corrupt_value(&m, 0, 0); // count 0, though it holds 20 entries
    corrupt_err(env.dissoc(m.borrowed(), int(&env, 3)));
    corrupt_value(&m, 0, u64::MAX);
    corrupt_err(env.assoc(m.borrowed(), int(&env, 100), int(&env, 1)));
    let mut s = env.empty_set().unwrap();
    for i in 0..3 {
        s = env.conj(s.borrowed(), int(&env, i)).unwrap();
    }
    corrupt_value(&s, 0, 0);
    corrupt_err(env.disj(s.borrowed(), int(&env, 1)));
    assert!(check_finds(&m));
    assert!(check_finds(&s));
}

#[test]
fn a_list_whose_tail_points_back_is_an_error_not_an_endless_walk() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let l = env
        .make_list(&[int(&env, 1), int(&env, 2), int(&env, 3)])
        .unwrap();
    let head = l.word().as_object().unwrap();
    let third = l.borrowed().rest().unwrap().rest().unwrap();
    let third_off = third.word().as_object().unwrap();
    let tail = payload_at(&env, third_off, 1);
    // The last cell's tail back to the head, then to itself (with its
    // count kept, and with the count a one-cell list would have).
    for (target, count) in [(head, None), (third_off, None), (third_off, Some(1))] {
        corrupt(&env, third_off, 1, target);
        if let Some(c) = count {
            corrupt(&env, third_off, 2, c);
        }
        let r = l.borrowed();
        corrupt_err(r.elements().and_then(|it| it.collect::<Result<Vec<_>>>()));
        corrupt_err(r.nth(7));
        corrupt_err(third.rest().and_then(|x| x.rest()).and_then(|x| x.rest()));
        assert!(check_finds(&l), "a cycle to {target:#x} must be a finding");
        corrupt(&env, third_off, 2, 1);
    }
    corrupt(&env, third_off, 1, tail); // sound again before it is freed
    assert_eq!(l.borrowed().elements().unwrap().count(), 3);
}

/// Payload word `i` of the object at `off`.
fn payload_at(env: &Env, off: u64, i: u64) -> u64 {
    evelisp_heap::testing::load_word(env, off + 8 + 8 * i).unwrap()
}

#[test]
fn lengths_are_bounded_by_their_own_block() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    // Something after each object, so a length past its block still lies
    // inside the file: only the block bound refuses it.
    let s = env.make_string("twelve bytes").unwrap();
    let big = env.make_bigint(false, &[1; 20]).unwrap();
    let dec = env.make_bigdecimal(false, &[1; 20], 3).unwrap();
    let code = env
        .new_code(int(&env, 1), int(&env, 2), b"seven b")
        .unwrap();
    let _after = ints(&env, 1000);
    let len_word = payload(&s, 0);
    for len in [40, 1 << 20, u64::from(u32::MAX)] {
        corrupt_value(&s, 0, len_word & !0xFFFF_FFFF | len);
        corrupt_err(s.borrowed().as_str());
        assert!(check_finds(&s), "string length {len}");
    }
    corrupt_value(&s, 0, len_word);
    assert_eq!(s.borrowed().as_str().unwrap(), "twelve bytes");

    let meta = payload(&big, 0);
    for len in [40, 1 << 30, u64::MAX >> 8] {
        corrupt_value(&big, 0, meta & 0xFF | len << 8);
        corrupt_err(big.borrowed().bigint_parts());
        assert!(check_finds(&big), "bigint length {len}");
    }
    corrupt_value(&big, 0, meta);

    let meta = payload(&dec, 1);
    for len in [40, 1 << 30, u64::MAX >> 8] {
        corrupt_value(&dec, 1, meta & 0xFF | len << 8);
        corrupt_err(dec.borrowed().bigdecimal_parts());
        assert!(check_finds(&dec), "bigdecimal length {len}");
    }
    corrupt_value(&dec, 1, meta);
    corrupt_value(&dec, 0, 1 << 40);
    corrupt_err(dec.borrowed().bigdecimal_parts());
    assert!(check_finds(&dec), "bigdecimal scale beyond 32 bits");
    corrupt_value(&dec, 0, 3);

    for len in [40, 1 << 30, u64::MAX] {
        corrupt_value(&code, 2, len);
        corrupt_err(env.code_parts(code.borrowed()));
        assert!(check_finds(&code), "code length {len}");
    }
    corrupt_value(&code, 2, 7);
    assert_eq!(env.code_parts(code.borrowed()).unwrap().2, b"seven b");
}

#[test]
fn a_vector_node_longer_than_32_or_its_block_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = ints(&env, 40); // a root node of 32, a tail of 8
    let root = Word::from_bits(payload(&v, 2)).as_object().unwrap();
    let tail = Word::from_bits(payload(&v, 3)).as_object().unwrap();
    for (node, i) in [(root, 0), (tail, 35)] {
        let len = payload_at(&env, node, 0);
        for bad in [33, 1 << 40, u64::MAX] {
            corrupt(&env, node, 0, bad);
            corrupt_err(v.borrowed().nth(i));
            corrupt_err(
                v.borrowed()
                    .elements()
                    .and_then(|it| it.collect::<Result<Vec<_>>>()),
            );
        }
        corrupt(&env, node, 0, len);
    }
    assert_eq!(v.borrowed().nth(35).unwrap().as_i64().unwrap(), 35);
}

#[test]
fn a_hash_trie_node_inside_itself_is_an_error_not_an_endless_walk() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let mut m = env.empty_hash_map().unwrap();
    for i in 0..200 {
        m = env.assoc(m.borrowed(), int(&env, i), int(&env, i)).unwrap();
    }
    let root = Word::from_bits(payload(&m, 1)).as_object().unwrap();
    let bitmaps = payload_at(&env, root, 0);
    let data = u64::from((bitmaps as u32).count_ones());
    assert!(bitmaps >> 32 != 0, "200 keys make sub-nodes");
    let slot = 1 + 2 * data; // the first child
    let child = payload_at(&env, root, slot);
    corrupt(&env, root, slot, root); // an object word is its offset
    let r = m.borrowed();
    corrupt_err(r.entries().and_then(|it| it.collect::<Result<Vec<_>>>()));
    // Every key below the first child now leads down the cycle.
    let mut refused = 0;
    for i in 0..200 {
        match r.get(int(&env, i)) {
            Err(HeapError::CorruptObject { .. }) => refused += 1,
            Ok(_) => {}
            Err(other) => panic!("{other:?}"),
        }
        match env.assoc(r, int(&env, i), int(&env, -1)) {
            Err(HeapError::CorruptObject { .. }) | Ok(_) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(refused > 0, "some key goes down the cycle");
    assert!(check_finds(&m));
    corrupt(&env, root, slot, child);
    assert_eq!(r.entries().unwrap().count(), 200);
}

#[test]
fn hashing_or_comparing_a_map_inside_itself_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let mut m = env.empty_map().unwrap(); // an array map: count, k/v pairs
    for i in 0..3 {
        m = env.assoc(m.borrowed(), int(&env, i), int(&env, i)).unwrap();
    }
    let other = env.assoc(m.borrowed(), int(&env, 0), int(&env, 7)).unwrap();
    let off = m.word().as_object().unwrap();
    let value = payload_at(&env, off, 2);
    corrupt(&env, off, 2, off); // the first value: the map itself
    let other_off = other.word().as_object().unwrap();
    corrupt(&env, other_off, 2, other_off); // and the other map inside itself
    match m.borrowed().hash() {
        Err(HeapError::TooDeep { .. }) => {}
        r => panic!("{r:?}"),
    }
    match m.borrowed().equals(other.borrowed()) {
        Err(HeapError::TooDeep { .. }) => {}
        r => panic!("{r:?}"),
    }
    corrupt(&env, off, 2, value);
    corrupt(&env, other_off, 2, value);
    assert!(m.borrowed().equals(other.borrowed()).unwrap());
    // A sound value nested almost as deep as the limit still hashes.
    let mut v = env.make_vector(&[]).unwrap();
    for _ in 0..evelisp_heap::MAX_NESTING - 2 {
        v = env.make_vector(&[v.borrowed()]).unwrap();
    }
    v.borrowed().hash().unwrap();
}

#[test]
fn a_string_whose_bytes_are_not_utf8_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    // Long enough that the text fills the whole of payload word 1.
    let s = env.make_string("eight by and more").unwrap();
    let bytes = payload(&s, 1);
    // An ASCII text but for one byte that starts no UTF-8 sequence, and a
    // lead byte whose continuation is missing.
    for bad in [bytes | 0xFF << 16, bytes & !0xFF | 0xC3] {
        corrupt_value(&s, 1, bad);
        let r = s.borrowed();
        corrupt_err(r.as_str());
        corrupt_err(r.view());
        corrupt_err(r.string_text());
        assert!(check_finds(&s));
    }
    corrupt_value(&s, 1, bytes);
    assert_eq!(
        s.borrowed().string_text().unwrap(),
        Some("eight by and more")
    );
    assert_eq!(int(&env, 1).string_text().unwrap(), None);
}
