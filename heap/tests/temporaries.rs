//! Temporaries (issue 17, section 3): values a thread makes and drops
//! without publishing go through its block cache; the blocks it holds are
//! counted free by `check()` while it holds them, and a thread with two
//! envs never hands one env's block to the other.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::{Env, EnvOptions, View};

/// Makes and drops `n` short strings and boxed doubles on `env`; returns
/// the offsets used.
fn churn(env: &Env, n: u64) -> Vec<u64> {
    let mut offs = Vec::new();
    for i in 0..n {
        let s = env.make_string(&i.to_string()).unwrap();
        let f = env.make_float(i as f64 + 0.1).unwrap();
        assert_eq!(s.borrowed().view().unwrap(), View::Str(&i.to_string()));
        assert_eq!(f.borrowed().as_f64().unwrap(), i as f64 + 0.1);
        offs.push(s.word().as_object().unwrap());
        offs.push(f.word().as_object().unwrap());
    }
    offs
}

#[test]
fn dropped_temporaries_are_reused_and_counted_free_while_cached() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let before = env.check().unwrap();
    let offs = churn(&env, 10_000);
    let mut distinct = offs.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // Each temporary's block went back to the cache and was taken again.
    assert!(
        distinct.len() < 16,
        "{} blocks for 20,000 temporaries",
        distinct.len()
    );
    // The blocks in this thread's cache are free, not leaked.
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0, "{:?}", r.stats);
    assert_eq!(r.stats.live_bytes, before.stats.live_bytes);
    drop(p);
    let r = env.check().unwrap();
    assert!(r.is_healthy(), "{:?}", r.findings);
    assert_eq!(r.stats.unreachable_bytes, 0);
}

#[test]
fn one_thread_with_two_envs_never_mixes_their_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let opts = EnvOptions::new().map_size(1 << 30);
    let a = Env::open_with(dir.path().join("a.eve"), &opts).unwrap();
    let b = Env::open_with(dir.path().join("b.eve"), &opts).unwrap();
    // The first participant's env gets this thread's cache; the other
    // allocates from its own file's shared lists.
    let pa = a.participant().unwrap();
    let pb = b.participant().unwrap();
    for round in 0..50 {
        let (x, y) = (churn(&a, 100), churn(&b, 100));
        for (env, offs) in [(&a, &x), (&b, &y)] {
            let r = env.check().unwrap();
            assert!(r.is_healthy(), "round {round}: {:?}", r.findings);
            assert_eq!(r.stats.unreachable_bytes, 0, "round {round}");
            // Every block used was a block of that env's own carves.
            let carved = env.carved_len();
            assert!(offs.iter().all(|&o| o < carved));
        }
        // A string kept in each, across the other's churn, stays intact.
        let ka = a.make_string("kept in a").unwrap();
        churn(&b, 50);
        let kb = b.make_string("kept in b").unwrap();
        churn(&a, 50);
        assert_eq!(ka.borrowed().as_str().unwrap(), "kept in a");
        assert_eq!(kb.borrowed().as_str().unwrap(), "kept in b");
    }
    drop((pa, pb));
    for env in [&a, &b] {
        let r = env.check().unwrap();
        assert!(r.is_healthy(), "{:?}", r.findings);
        assert_eq!(r.stats.unreachable_bytes, 0);
    }
}
