//! No leaks when collections shrink: every version of a map, set or vector
//! that dissocs / disjs / pops its way back to empty is reclaimed through
//! the roots and epochs, so nothing is left unreachable and the live bytes
//! come back to where they started. (A dissoc that collapses a child node,
//! and a pop that lowers the trie, discard fresh nodes; those must be freed,
//! not only decremented.)

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{AtomRoot, Participant, Ref, Value};

/// Swaps `f` into `root`; the root retires every displaced version.
fn swap<'e>(
    p: &Participant<'_>,
    root: &AtomRoot<'e>,
    f: impl FnMut(Ref<'_>) -> evelisp_heap::Result<Value<'e>>,
) {
    root.swap(p, f).unwrap();
}

#[test]
fn shrinking_collections_to_empty_leaks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let m0 = env.empty_hash_map().unwrap();
    let map_atom = env.root_atom(&p, FIRST_USER_ROOT, m0).unwrap();
    let map = env.atom_root(map_atom.borrowed()).unwrap();
    let s0 = env.empty_set().unwrap();
    let set_atom = env.root_atom(&p, FIRST_USER_ROOT + 1, s0).unwrap();
    let set = env.atom_root(set_atom.borrowed()).unwrap();
    // The public API has no `empty_vector`; `make_vector(&[])` builds an
    // empty vector of another shape (root and tail two empty nodes, 16
    // bytes more) than `pop` leaves (one node shared). Start from the shape
    // the pops end with, so the live bytes can be compared.
    let one = env.make_vector(&[int(&env, 0)]).unwrap();
    let v0 = env.pop(one.borrowed()).unwrap();
    drop(one);
    let vec_atom = env.root_atom(&p, FIRST_USER_ROOT + 2, v0).unwrap();
    let vec = env.atom_root(vec_atom.borrowed()).unwrap();
    let before = settle(&env, &p);
    assert_eq!(before.unreachable_bytes, 0);

    for round in 0..3 {
        let keys = 600i64;
        for i in 0..keys {
            swap(&p, &map, |m| {
                let s = env.make_string(&format!("value-{round}-{i}"))?;
                env.assoc(m, int(&env, i * 7919), s.borrowed())
            });
            swap(&p, &set, |s| {
                let k = env.make_string(&format!("key-{i}"))?;
                env.conj(s, k.borrowed())
            });
        }
        for i in 0..1100 {
            swap(&p, &vec, |v| {
                let s = env.make_string(&format!("elem-{i}"))?;
                env.conj(v, s.borrowed())
            });
        }
        for i in 0..keys {
            swap(&p, &map, |m| env.dissoc(m, int(&env, i * 7919)));
            swap(&p, &set, |s| {
                // The probe key is stored nowhere: dropping it frees it.
                let k = env.make_string(&format!("key-{i}"))?;
                env.disj(s, k.borrowed())
            });
        }
        for _ in 0..1100 {
            swap(&p, &vec, |v| env.pop(v));
        }
        let after = settle(&env, &p);
        assert_eq!(
            after.unreachable_bytes, 0,
            "round {round}: blocks leaked (neither reachable nor free nor retired)"
        );
        assert_eq!(
            after.live_bytes, before.live_bytes,
            "round {round}: live bytes grew though every collection is empty again"
        );
    }
}

/// Plain `reset` and `swap` (the old API left what they displaced to the
/// sweep) now retire it: after the epochs move on, nothing leaks.
#[test]
fn plain_reset_and_swap_leak_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let header = env.root(FIRST_USER_ROOT + 3).unwrap();
    // Installed in a header root, so `check()` sees it reachable.
    let atom = env
        .root_atom(&p, FIRST_USER_ROOT + 4, Value::nil(&env))
        .unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let before = settle(&env, &p);
    assert_eq!(before.unreachable_bytes, 0);
    for i in 0..500 {
        let s = env.make_string(&format!("reset-{i}")).unwrap();
        let v = env.make_vector(&[s.borrowed(), int(&env, i)]).unwrap();
        header.reset(&p, v).unwrap();
        root.swap(&p, |_| {
            let s = env.make_string(&format!("swap-{i}"))?;
            env.make_list(&[s.borrowed()])
        })
        .unwrap();
        let (old, new) = root.swap_vals(&p, |cur| env.make_vector(&[cur])).unwrap();
        assert_eq!(new.borrowed().nth(0).unwrap().word(), old.word());
        let cur = root.get(&p).unwrap();
        let next = env.make_vector(&[]).unwrap();
        assert!(root.compare_and_set(&p, cur.borrowed(), next).unwrap());
    }
    header.reset(&p, Value::nil(&env)).unwrap();
    root.reset(&p, Value::nil(&env)).unwrap();
    let after = settle(&env, &p);
    assert_eq!(after.unreachable_bytes, 0, "displaced values leaked");
    assert_eq!(
        after.live_bytes, before.live_bytes,
        "every displaced value was released"
    );
}
