//! Metadata on values (`meta.rs`): the `WithMeta` wrapper's layout, readers
//! that look through it, equality and hash unaffected, persistent updates
//! that keep metadata, `check` of the new kind, and no leaks (values with
//! metadata churned through a root come back to the same live bytes).

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, HeapError, Kind, Ref, Value, View, Word};

fn kw<'e>(env: &'e Env, name: &str) -> Value<'e> {
    env.intern_keyword(None, name).unwrap()
}

/// `{:k v}`.
fn meta_map<'e>(env: &'e Env, k: &str, v: i64) -> Value<'e> {
    let m = env.empty_map().unwrap();
    let k = kw(env, k);
    env.assoc(m.borrowed(), k.borrowed(), int(env, v)).unwrap()
}

fn healthy(env: &Env) {
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
}

/// The value of `:k` in `x`'s metadata.
fn meta_of(env: &Env, x: Ref<'_>, k: &str) -> Option<i64> {
    let m = x.meta().unwrap()?;
    let k = kw(env, k);
    m.get(k.borrowed()).unwrap().map(|v| v.as_i64().unwrap())
}

#[test]
fn with_meta_wraps_and_readers_look_through() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = env
        .make_vector(&[int(&env, 1), int(&env, 2), int(&env, 3)])
        .unwrap();
    let m = meta_map(&env, "a", 1);
    let w = env.with_meta(v.borrowed(), m.borrowed()).unwrap();
    let wr = w.borrowed();
    // A new object, distinct from the bare vector, that shares it.
    assert_ne!(wr.word(), v.word());
    assert_eq!(wr.without_meta().unwrap().word(), v.word());
    assert_eq!(wr.kind().unwrap(), Some(Kind::Vector));
    assert_eq!(wr.view().unwrap(), View::Vector { count: 3 });
    assert_eq!(wr.count().unwrap(), 3);
    assert_eq!(wr.nth(2).unwrap().as_i64().unwrap(), 3);
    let xs: Vec<i64> = wr
        .elements()
        .unwrap()
        .map(|x| x.unwrap().as_i64().unwrap())
        .collect();
    assert_eq!(xs, [1, 2, 3]);
    assert_eq!(meta_of(&env, wr, "a"), Some(1));
    assert!(v.borrowed().meta().unwrap().is_none());
    // Equality and hash ignore metadata, both ways round.
    assert!(wr.equals(v.borrowed()).unwrap());
    assert!(v.borrowed().equals(wr).unwrap());
    assert_eq!(wr.hash().unwrap(), v.borrowed().hash().unwrap());
    let list = env
        .make_list(&[int(&env, 1), int(&env, 2), int(&env, 3)])
        .unwrap();
    assert!(list.borrowed().equals(wr).unwrap());
    healthy(&env);
}

#[test]
fn with_meta_replaces_never_nests_and_nil_removes() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let v = env.make_vector(&[int(&env, 1)]).unwrap();
    let a = meta_map(&env, "a", 1);
    let b = meta_map(&env, "b", 2);
    let once = env.with_meta(v.borrowed(), a.borrowed()).unwrap();
    let twice = env.with_meta(once.borrowed(), b.borrowed()).unwrap();
    // The second wrapper wraps the bare vector, not the first wrapper.
    assert_eq!(twice.borrowed().without_meta().unwrap().word(), v.word());
    assert_eq!(meta_of(&env, twice.borrowed(), "b"), Some(2));
    assert_eq!(meta_of(&env, twice.borrowed(), "a"), None);
    let none = env
        .with_meta(twice.borrowed(), Value::nil(&env).borrowed())
        .unwrap();
    assert_eq!(none.word(), v.word());
    assert!(none.borrowed().meta().unwrap().is_none());
    healthy(&env);
}

#[test]
fn what_cannot_carry_metadata_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let m = meta_map(&env, "a", 1);
    let s = env.make_string("s").unwrap();
    let k = kw(&env, "k");
    let atom = env.make_atom(Value::nil(&env)).unwrap();
    for x in [int(&env, 1), s.borrowed(), k.borrowed(), atom.borrowed()] {
        assert!(matches!(
            env.with_meta(x, m.borrowed()),
            Err(HeapError::WrongKind { .. })
        ));
    }
    // Metadata must be a map.
    let v = env.make_vector(&[]).unwrap();
    let not_map = env.make_vector(&[int(&env, 1)]).unwrap();
    for bad in [int(&env, 1), not_map.borrowed(), k.borrowed()] {
        assert!(matches!(
            env.with_meta(v.borrowed(), bad),
            Err(HeapError::WrongKind { .. })
        ));
    }
    healthy(&env);
}

#[test]
fn every_kind_that_carries_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let m = meta_map(&env, "a", 7);
    let sym = env.intern_symbol(Some("ns"), "x").unwrap();
    let empty = Value::immediate(&env, Word::EMPTY_LIST).unwrap();
    let map = meta_map(&env, "k", 1);
    let set = env
        .conj(env.empty_set().unwrap().borrowed(), int(&env, 1))
        .unwrap();
    let list = env.make_list(&[int(&env, 1)]).unwrap();
    let seq = env.seq_cons(int(&env, 0), list.borrowed()).unwrap();
    let hash_map = env
        .assoc(
            env.empty_hash_map().unwrap().borrowed(),
            int(&env, 1),
            int(&env, 2),
        )
        .unwrap();
    for x in [
        sym.borrowed(),
        empty.borrowed(),
        map.borrowed(),
        hash_map.borrowed(),
        set.borrowed(),
        list.borrowed(),
        seq.borrowed(),
    ] {
        let w = env.with_meta(x, m.borrowed()).unwrap();
        assert_eq!(meta_of(&env, w.borrowed(), "a"), Some(7), "{x:?}");
        assert!(w.borrowed().equals(x).unwrap(), "{x:?}");
        assert_eq!(w.borrowed().hash().unwrap(), x.hash().unwrap(), "{x:?}");
        assert_eq!(w.borrowed().kind().unwrap(), x.kind().unwrap());
    }
    // A symbol with metadata reads as the interned one; its word is not.
    let ws = env.with_meta(sym.borrowed(), m.borrowed()).unwrap();
    assert_eq!(ws.borrowed().symbol_parts().unwrap(), (Some("ns"), "x"));
    assert_ne!(ws.word(), sym.word());
    assert_eq!(ws.borrowed().without_meta().unwrap().word(), sym.word());
    // A map with metadata answers get/contains/entries.
    let wm = env.with_meta(hash_map.borrowed(), m.borrowed()).unwrap();
    assert_eq!(
        wm.borrowed()
            .get(int(&env, 1))
            .unwrap()
            .unwrap()
            .as_i64()
            .unwrap(),
        2
    );
    assert!(wm.borrowed().contains(int(&env, 1)).unwrap());
    assert_eq!(wm.borrowed().entries().unwrap().count(), 1);
    // A seq with metadata is walked, first and rest.
    let wq = env.with_meta(seq.borrowed(), m.borrowed()).unwrap();
    assert_eq!(wq.borrowed().first().unwrap().as_i64().unwrap(), 0);
    assert_eq!(wq.borrowed().count().unwrap(), 2);
    // cons onto a seq with metadata: a new seq without it, stored bare.
    let c = env
        .cons(
            int(&env, 9),
            env.with_meta(list.borrowed(), m.borrowed())
                .unwrap()
                .borrowed(),
        )
        .unwrap();
    assert!(c.borrowed().meta().unwrap().is_none());
    assert_eq!(c.borrowed().count().unwrap(), 2);
    assert!(c.borrowed().rest().unwrap().meta().unwrap().is_none());
    // A lazy seq with metadata, realized through the wrapper.
    let code = env
        .new_code(
            Value::nil(&env).borrowed(),
            Value::nil(&env).borrowed(),
            &[],
        )
        .unwrap();
    let thunk = env
        .new_fn(
            code.borrowed(),
            Value::nil(&env).borrowed(),
            Value::nil(&env).borrowed(),
        )
        .unwrap();
    let lazy = env.make_lazy_seq(thunk.borrowed()).unwrap();
    let wl = env.with_meta(lazy.borrowed(), m.borrowed()).unwrap();
    assert!(wl.borrowed().lazy_thunk(&p).unwrap().is_some());
    let value = env.with_meta(list.borrowed(), m.borrowed()).unwrap();
    env.realize_lazy(&p, wl.borrowed(), value).unwrap();
    assert_eq!(wl.borrowed().count().unwrap(), 1);
    assert_eq!(lazy.borrowed().count().unwrap(), 1);
    // A fn with metadata is a distinct fn (as in Clojure), still callable
    // through its parts.
    let wf = env.with_meta(thunk.borrowed(), m.borrowed()).unwrap();
    assert!(!wf.borrowed().equals(thunk.borrowed()).unwrap());
    assert!(wf.borrowed().equals(wf.borrowed()).unwrap());
    assert_eq!(env.fn_parts(wf.borrowed()).unwrap().0.word(), code.word());
    assert_eq!(wf.borrowed().kind().unwrap(), Some(Kind::Fn));
    healthy(&env);
}

#[test]
fn updates_keep_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let m = meta_map(&env, "a", 1);
    let v = env.make_vector(&[int(&env, 1)]).unwrap();
    let v = env.with_meta(v.borrowed(), m.borrowed()).unwrap();
    let conj = env.conj(v.borrowed(), int(&env, 2)).unwrap();
    assert_eq!(meta_of(&env, conj.borrowed(), "a"), Some(1));
    assert_eq!(conj.borrowed().count().unwrap(), 2);
    let assoc = env.assoc(v.borrowed(), int(&env, 0), int(&env, 5)).unwrap();
    assert_eq!(meta_of(&env, assoc.borrowed(), "a"), Some(1));
    assert_eq!(assoc.borrowed().nth(0).unwrap().as_i64().unwrap(), 5);
    let pop = env.pop(conj.borrowed()).unwrap();
    assert_eq!(meta_of(&env, pop.borrowed(), "a"), Some(1));

    let map = env
        .with_meta(meta_map(&env, "k", 1).borrowed(), m.borrowed())
        .unwrap();
    let k2 = kw(&env, "k2");
    let assoc = env
        .assoc(map.borrowed(), k2.borrowed(), int(&env, 2))
        .unwrap();
    assert_eq!(meta_of(&env, assoc.borrowed(), "a"), Some(1));
    let dissoc = env.dissoc(assoc.borrowed(), k2.borrowed()).unwrap();
    assert_eq!(meta_of(&env, dissoc.borrowed(), "a"), Some(1));
    assert!(dissoc.borrowed().equals(map.borrowed()).unwrap());
    // A small map growing into a hash map keeps it too.
    let mut big = map.clone();
    for i in 0..20 {
        big = env
            .assoc(big.borrowed(), int(&env, i), int(&env, i))
            .unwrap();
    }
    assert_eq!(meta_of(&env, big.borrowed(), "a"), Some(1));
    assert_eq!(big.borrowed().count().unwrap(), 21);

    let set = env
        .with_meta(env.empty_set().unwrap().borrowed(), m.borrowed())
        .unwrap();
    let set = env.conj(set.borrowed(), int(&env, 1)).unwrap();
    assert_eq!(meta_of(&env, set.borrowed(), "a"), Some(1));
    let disj = env.disj(set.borrowed(), int(&env, 1)).unwrap();
    assert_eq!(meta_of(&env, disj.borrowed(), "a"), Some(1));

    // Lists: conj keeps it (also onto `()`); pop gives the rest (Clojure's
    // PersistentList.pop), keeping it only when the list becomes empty.
    let empty = Value::immediate(&env, Word::EMPTY_LIST).unwrap();
    let l = env.with_meta(empty.borrowed(), m.borrowed()).unwrap();
    let l1 = env.conj(l.borrowed(), int(&env, 1)).unwrap();
    let l2 = env.conj(l1.borrowed(), int(&env, 2)).unwrap();
    assert_eq!(meta_of(&env, l2.borrowed(), "a"), Some(1));
    assert_eq!(l2.borrowed().count().unwrap(), 2);
    let popped = env.pop(l2.borrowed()).unwrap();
    assert!(popped.borrowed().meta().unwrap().is_none());
    let popped_last = env.pop(l1.borrowed()).unwrap();
    assert_eq!(meta_of(&env, popped_last.borrowed(), "a"), Some(1));
    assert_eq!(
        popped_last.borrowed().without_meta().unwrap().word(),
        Word::EMPTY_LIST
    );
    healthy(&env);
}

#[test]
fn values_with_metadata_in_maps_and_sets() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let m = meta_map(&env, "a", 1);
    let key = env.make_vector(&[int(&env, 1)]).unwrap();
    let wkey = env.with_meta(key.borrowed(), m.borrowed()).unwrap();
    let map = env
        .assoc(
            env.empty_hash_map().unwrap().borrowed(),
            wkey.borrowed(),
            int(&env, 9),
        )
        .unwrap();
    // Looked up by the bare (equal) key.
    assert_eq!(
        map.borrowed()
            .get(key.borrowed())
            .unwrap()
            .unwrap()
            .as_i64()
            .unwrap(),
        9
    );
    let set = env
        .conj(env.empty_set().unwrap().borrowed(), key.borrowed())
        .unwrap();
    let set2 = env.conj(set.borrowed(), wkey.borrowed()).unwrap();
    assert_eq!(set2.borrowed().count().unwrap(), 1);
    healthy(&env);
}

#[test]
fn churn_of_values_with_metadata_leaks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let atom = env
        .root_atom(&p, FIRST_USER_ROOT, Value::nil(&env))
        .unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    // Symbols and keywords are immortal: intern the churn's names first.
    let _names = (kw(&env, "round"), env.intern_symbol(None, "s").unwrap());
    let before = settle(&env, &p);
    for round in 0..200i64 {
        root.swap(&p, |cur| {
            let m = meta_map(&env, "round", round);
            let base = if cur.is_nil() {
                env.make_vector(&[])?
            } else {
                env.own(cur)?
            };
            let s = env.make_string(&format!("x{round}"))?;
            let grown = env.conj(base.borrowed(), s.borrowed())?;
            let sym = env.intern_symbol(None, "s")?;
            let wsym = env.with_meta(sym.borrowed(), m.borrowed())?;
            let grown = env.conj(grown.borrowed(), wsym.borrowed())?;
            env.with_meta(grown.borrowed(), m.borrowed())
        })
        .unwrap();
    }
    let during = settle(&env, &p);
    assert!(during.kinds.contains_key("with-meta"), "{:?}", during.kinds);
    root.reset(&p, Value::nil(&env)).unwrap();
    let after = settle(&env, &p);
    assert_eq!(after.live_bytes, before.live_bytes);
    assert_eq!(after.unreachable_bytes, 0);
}

#[test]
fn a_sweep_keeps_values_with_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    {
        let env = Env::open(&path).unwrap();
        let p = env.participant().unwrap();
        let v = env.make_vector(&[int(&env, 1), int(&env, 2)]).unwrap();
        let m = meta_map(&env, "source", 3);
        let w = env.with_meta(v.borrowed(), m.borrowed()).unwrap();
        drop((v, m));
        env.root(FIRST_USER_ROOT).unwrap().reset(&p, w).unwrap();
    }
    let mut env = Env::open(&path).unwrap();
    env.sweep().unwrap();
    healthy(&env);
    let p = env.participant().unwrap();
    let w = env.root(FIRST_USER_ROOT).unwrap().get(&p).unwrap();
    assert_eq!(meta_of(&env, w.borrowed(), "source"), Some(3));
    assert_eq!(w.borrowed().count().unwrap(), 2);
}
