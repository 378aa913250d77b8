//! Interning a var while another thread refers a var of another namespace
//! under the same name: the loser's fresh, never-published var is freed,
//! not leaked, whichever way the race goes.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::BlockState;
use evelisp_heap::{Env, HeapError, Kind, Value};
use std::collections::HashSet;
use std::sync::Barrier;

/// Offsets of every var block in the file.
fn var_blocks(env: &Env) -> HashSet<u64> {
    let mut all = HashSet::new();
    env.walk_blocks(|b| {
        if b.state == BlockState::Object(Kind::Var) {
            all.insert(b.offset);
        }
    })
    .unwrap();
    all
}

#[test]
fn a_var_that_loses_to_a_referred_var_is_not_leaked() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let user = env.intern_symbol(None, "user").unwrap();
    let ns = env.namespace(&p, user.borrowed()).unwrap();
    let other_name = env.intern_symbol(None, "other").unwrap();
    let other = env.namespace(&p, other_name.borrowed()).unwrap();
    let names: Vec<Value<'_>> = (0..6000)
        .map(|i| env.intern_symbol(None, &format!("v{i}")).unwrap())
        .collect();
    // The vars to refer, made up front (vars are immortal).
    let referred: Vec<Value<'_>> = names
        .iter()
        .map(|n| env.intern_var(&p, other.borrowed(), n.borrowed()).unwrap())
        .collect();
    let barrier = Barrier::new(2);
    let mut errors = 0;
    let mut published: HashSet<u64> = referred
        .iter()
        .map(|v| v.word().as_object().unwrap())
        .collect();
    std::thread::scope(|s| {
        s.spawn(|| {
            let p = env.participant().unwrap();
            let mappings = env.namespace_mappings(ns.borrowed()).unwrap();
            for (n, v) in names.iter().zip(&referred) {
                barrier.wait();
                // Refer `other/vI` as `vI` (the displaced map is retired).
                mappings
                    .swap(&p, |m| env.assoc(m, n.borrowed(), v.borrowed()))
                    .unwrap();
            }
        });
        for n in &names {
            barrier.wait();
            match env.intern_var(&p, ns.borrowed(), n.borrowed()) {
                Ok(v) => {
                    published.insert(v.word().as_object().unwrap());
                }
                Err(HeapError::WrongKind { .. }) => errors += 1,
                Err(e) => panic!("{e}"),
            }
        }
    });
    assert!(errors > 0, "the referred var never won a race");
    // A var that was published and then displaced by the referred one
    // stays (vars are immortal); one that was never published must go.
    let never_published: Vec<u64> = var_blocks(&env)
        .into_iter()
        .filter(|off| !published.contains(off))
        .collect();
    assert!(
        never_published.is_empty(),
        "{} fresh vars leaked ({errors} races lost to a referred var)",
        never_published.len()
    );
}
