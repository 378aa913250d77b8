//! Sorted collections in the heap: the object refuses what is not a
//! comparator or a tree node, iterates its B+ tree in order (leaves and
//! inner nodes), counts, equals and hashes like the hash map it equals,
//! and `check` finds a node of a bad layout and a wrong count.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, Value};

/// A leaf `[0 k v ...]` of the given keys (values = key * 10).
fn leaf<'e>(env: &'e Env, keys: &[i64]) -> Value<'e> {
    let vals: Vec<Value<'e>> = keys.iter().map(|k| env.make_int(k * 10).unwrap()).collect();
    let mut items = vec![int(env, 0)];
    for (k, v) in keys.iter().zip(&vals) {
        items.push(int(env, *k));
        items.push(v.borrowed());
    }
    env.make_vector(&items).unwrap()
}

#[test]
fn a_sorted_tree_is_read_in_order_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let nil = Value::nil(&env);
    let (a, b) = (leaf(&env, &[1, 2]), leaf(&env, &[5, 7, 9]));
    let inner = env
        .make_vector(&[int(&env, 1), a.borrowed(), int(&env, 5), b.borrowed()])
        .unwrap();
    let m = env
        .make_sorted(nil.borrowed(), inner.borrowed(), 5, false)
        .unwrap();
    let keys: Vec<i64> = m
        .borrowed()
        .entries()
        .unwrap()
        .map(|e| e.unwrap().0.as_i64().unwrap())
        .collect();
    assert_eq!(keys, [1, 2, 5, 7, 9]);
    assert_eq!(m.borrowed().count().unwrap(), 5);
    let mut hm = env.empty_map().unwrap();
    for k in [9, 1, 7, 2, 5] {
        let v = env.make_int(k * 10).unwrap();
        hm = env
            .assoc(hm.borrowed(), int(&env, k), v.borrowed())
            .unwrap();
    }
    assert!(m.borrowed().equals(hm.borrowed()).unwrap());
    assert!(hm.borrowed().equals(m.borrowed()).unwrap());
    assert_eq!(m.borrowed().hash().unwrap(), hm.borrowed().hash().unwrap());
    assert!(
        m.borrowed().get(int(&env, 1)).is_err(),
        "lookups need the comparator"
    );
    let set = env
        .make_sorted(nil.borrowed(), inner.borrowed(), 5, true)
        .unwrap();
    let elems: Vec<i64> = set
        .borrowed()
        .elements()
        .unwrap()
        .map(|e| e.unwrap().as_i64().unwrap())
        .collect();
    assert_eq!(elems, [1, 2, 5, 7, 9]);
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);

    // A wrong count and a bad node are found.
    let wrong = env
        .make_sorted(nil.borrowed(), inner.borrowed(), 4, false)
        .unwrap();
    let bad_node = env.make_vector(&[int(&env, 7), int(&env, 1)]).unwrap();
    let bad = env
        .make_sorted(nil.borrowed(), bad_node.borrowed(), 1, false)
        .unwrap();
    let root = env.root(evelisp_heap::FIRST_USER_ROOT).unwrap();
    let p = env.participant().unwrap();
    let both = env
        .make_vector(&[wrong.borrowed(), bad.borrowed()])
        .unwrap();
    root.reset(&p, both).unwrap();
    let r = env.check().unwrap();
    let problems: Vec<&str> = r.findings.iter().map(|f| f.problem.as_str()).collect();
    assert!(
        problems.iter().any(|p| p.contains("sorted count 4 but 5")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("bad layout")),
        "{problems:?}"
    );

    // Neither a non-fn comparator nor a non-vector root is accepted.
    assert!(
        env.make_sorted(int(&env, 3), nil.borrowed(), 0, false)
            .is_err()
    );
    assert!(
        env.make_sorted(nil.borrowed(), int(&env, 3), 0, false)
            .is_err()
    );
}
