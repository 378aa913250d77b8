//! Lazy seqs and seq conses in the heap: an unrealized seq is reported as
//! such by every read, a realized one reads as its value (equal to and
//! hashed like the list it holds), the value is published once (a second
//! realizer gets the first value), the thunk is retired, the invariant
//! checker knows both kinds, and a chain of a hundred thousand realized
//! cells is freed without recursion and without leaking.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, HeapError, Value};

/// A fn object (its code is a symbol: enough for the heap, which never runs it).
fn thunk(env: &Env) -> Value<'_> {
    let sym = env.intern_symbol(Some("test"), "thunk").unwrap();
    let code = env
        .new_code(sym.borrowed(), Value::nil(env).borrowed(), &[])
        .unwrap();
    env.new_fn(code.borrowed(), Value::nil(env).borrowed(), sym.borrowed())
        .unwrap()
}

#[test]
fn an_unrealized_seq_says_so_and_a_realized_one_reads_as_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let lazy = env.make_lazy_seq(thunk(&env).borrowed()).unwrap();
    let l = lazy.borrowed();
    assert!(l.lazy_value().unwrap().is_none());
    assert!(l.lazy_thunk(&p).unwrap().is_some());
    let list = env
        .make_list(&[int(&env, 1), int(&env, 2), int(&env, 3)])
        .unwrap();
    for r in [
        l.elements().map(|mut e| e.next().unwrap().map(|_| ())),
        l.equals(list.borrowed()).map(|_| Ok(())),
        l.hash().map(|_| Ok(())),
        l.count().map(|_| Ok(())),
    ] {
        assert!(
            matches!(
                r,
                Err(HeapError::Unrealized { .. }) | Ok(Err(HeapError::Unrealized { .. }))
            ),
            "{r:?}"
        );
    }
    // A cons onto the unrealized seq is made without realizing it.
    let cell = env.seq_cons(int(&env, 0), l).unwrap();
    assert_eq!(cell.borrowed().first().unwrap().as_i64().unwrap(), 0);

    let got = env.realize_lazy(&p, l, list.clone()).unwrap();
    assert_eq!(got.word(), list.word());
    assert!(l.lazy_thunk(&p).unwrap().is_none(), "the thunk is dropped");
    assert!(l.equals(list.borrowed()).unwrap());
    assert!(list.borrowed().equals(l).unwrap());
    assert_eq!(l.hash().unwrap(), list.borrowed().hash().unwrap());
    assert_eq!(l.count().unwrap(), 3);
    assert_eq!(l.nth(2).unwrap().as_i64().unwrap(), 3);
    assert!(l.nth(3).is_err());
    assert_eq!(cell.borrowed().count().unwrap(), 4);
    let v = env
        .make_vector(&[int(&env, 0), int(&env, 1), int(&env, 2), int(&env, 3)])
        .unwrap();
    assert!(cell.borrowed().equals(v.borrowed()).unwrap());
    assert!(!l.equals(v.borrowed()).unwrap());

    // A racing realizer that comes second gets the first value.
    let other = env.make_list(&[int(&env, 9)]).unwrap();
    let got = env.realize_lazy(&p, l, other).unwrap();
    assert_eq!(got.word(), list.word());
    // Only realized seqs are values: an unrealized lazy seq is refused.
    let l2 = env.make_lazy_seq(thunk(&env).borrowed()).unwrap();
    assert!(env.realize_lazy(&p, l2.borrowed(), lazy.clone()).is_err());
    drop((cell, v, l2));
    settle(&env, &p);
}

#[test]
fn a_long_realized_chain_is_freed_without_recursion_or_leaks() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let root = env.root(FIRST_USER_ROOT).unwrap();
    drop(thunk(&env)); // interns the (immortal) name before measuring
    let before = settle(&env, &p).live_bytes;
    {
        // lazy(0) -> cons(0, lazy(1)) -> cons(1, lazy(2)) ... -> nil, built
        // from the end so each lazy seq is realized when made.
        let n = 100_000;
        let mut tail = Value::nil(&env);
        for i in (0..n).rev() {
            let cell = env.seq_cons(int(&env, i), tail.borrowed()).unwrap();
            let lazy = env.make_lazy_seq(thunk(&env).borrowed()).unwrap();
            env.realize_lazy(&p, lazy.borrowed(), cell).unwrap();
            tail = lazy;
        }
        assert_eq!(tail.borrowed().count().unwrap(), n as u64);
        root.reset(&p, tail).unwrap();
        let r = env.check().unwrap();
        assert!(r.is_healthy(), "{:?}", r.findings);
        assert_eq!(r.stats.kinds.get("lazy-seq").map(|k| k.0), Some(n as u64));
        root.reset(&p, Value::nil(&env)).unwrap();
    }
    let after = settle(&env, &p).live_bytes;
    assert_eq!(after, before, "every cell, seq and thunk is freed");
}

#[test]
fn the_thunk_with_a_given_body_is_found_only_while_unrealized() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let body = env.intern_symbol(Some("test"), "thunk").unwrap();
    let other = env.intern_symbol(Some("test"), "other").unwrap();
    let lazy = env.make_lazy_seq(thunk(&env).borrowed()).unwrap();
    let l = lazy.borrowed();
    let found = l.lazy_thunk_with_body(&p, body.word()).unwrap().unwrap();
    assert_eq!(found.word(), l.lazy_thunk(&p).unwrap().unwrap().word());
    assert!(l.lazy_thunk_with_body(&p, other.word()).unwrap().is_none());
    // Under metadata, the seq it wraps.
    let meta = env.empty_map().unwrap();
    let kv = [int(&env, 1), int(&env, 2)];
    let meta = env.assoc(meta.borrowed(), kv[0], kv[1]).unwrap();
    let wrapped = env.with_meta(l, meta.borrowed()).unwrap();
    assert!(
        wrapped
            .borrowed()
            .lazy_thunk_with_body(&p, body.word())
            .unwrap()
            .is_some()
    );
    // Not a lazy seq, or realized: none.
    assert!(
        int(&env, 1)
            .lazy_thunk_with_body(&p, body.word())
            .unwrap()
            .is_none()
    );
    let list = env.make_list(&[int(&env, 1)]).unwrap();
    assert!(
        list.borrowed()
            .lazy_thunk_with_body(&p, body.word())
            .unwrap()
            .is_none()
    );
    env.realize_lazy(&p, l, list.clone()).unwrap();
    assert!(l.lazy_thunk_with_body(&p, body.word()).unwrap().is_none());
    // The count it took is its own: dropping it leaves the thunk alive.
    drop(found);
    drop(wrapped);
    drop(lazy);
    assert!(env.check().unwrap().is_healthy());
}
