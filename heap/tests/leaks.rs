//! No leaks when collections shrink: every version of a map, set or vector
//! that dissocs / disjs / pops its way back to empty is reclaimed through
//! the roots and epochs, so nothing is left unreachable and the live bytes
//! come back to where they started. (A dissoc that collapses a child node,
//! and a pop that lowers the trie, discard fresh nodes; those must be freed,
//! not only decremented.)

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::header::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, Participant, Root, Word};

fn int(i: i64) -> Word {
    Word::fixnum(i).unwrap()
}

fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("l.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

/// Swaps `f` into `root`, retiring every displaced version.
fn swap(
    env: &Env,
    p: &Participant<'_>,
    root: &Root<'_>,
    f: impl FnMut(Word) -> evelisp_heap::Result<Word>,
) {
    // SAFETY: the test reads only inside swap_retire (pinned) and keeps no
    // word past it.
    unsafe { root.swap_retire(env, p, f) }.unwrap();
}

/// Lets every retirement go and returns the (healthy) stats.
fn settle(env: &Env, p: &Participant<'_>) -> evelisp_heap::Stats {
    for _ in 0..3 {
        p.try_advance().unwrap();
    }
    // SAFETY: no words are held.
    unsafe { p.collect() }.unwrap();
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    r.stats
}

#[test]
fn shrinking_collections_to_empty_leaks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let m0 = env.hash_map_empty().unwrap();
    let map = env
        .atom(env.root_atom(FIRST_USER_ROOT, m0).unwrap())
        .unwrap();
    let s0 = env.set_empty().unwrap();
    let set = env
        .atom(env.root_atom(FIRST_USER_ROOT + 1, s0).unwrap())
        .unwrap();
    let v0 = env.vector_empty().unwrap();
    let vec = env
        .atom(env.root_atom(FIRST_USER_ROOT + 2, v0).unwrap())
        .unwrap();
    let before = settle(&env, &p);
    assert_eq!(before.unreachable_bytes, 0);

    for round in 0..3 {
        let keys = 600i64;
        for i in 0..keys {
            swap(&env, &p, &map, |m| {
                let s = env.new_string(&format!("value-{round}-{i}"))?;
                let m2 = env.map_assoc(m, int(i * 7919), s)?;
                env.release(s)?;
                Ok(m2)
            });
            swap(&env, &p, &set, |s| {
                let k = env.new_string(&format!("key-{i}"))?;
                let s2 = env.set_conj(s, k)?;
                env.release(k)?;
                Ok(s2)
            });
        }
        for i in 0..1100 {
            swap(&env, &p, &vec, |v| {
                let s = env.new_string(&format!("elem-{i}"))?;
                let v2 = env.vector_conj(v, s)?;
                env.release(s)?;
                Ok(v2)
            });
        }
        for i in 0..keys {
            swap(&env, &p, &map, |m| env.map_dissoc(m, int(i * 7919)));
            swap(&env, &p, &set, |s| {
                let k = env.new_string(&format!("key-{i}"))?;
                let s2 = env.set_disj(s, k)?;
                // The probe key is stored nowhere: its only count goes
                // through the epochs (a bare `release` would leak it).
                // SAFETY: nothing uses `k` after this.
                unsafe { p.retire(k) }?;
                Ok(s2)
            });
        }
        for _ in 0..1100 {
            swap(&env, &p, &vec, |v| env.vector_pop(v));
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
