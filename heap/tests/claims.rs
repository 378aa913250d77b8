//! Claims (`Env::try_claim`): one holder at a time across the threads and
//! handles of a process, released on drop.
//! (That the kernel releases a killed process's claim is tested with real
//! processes in the workspace's `tests/shared_agents.rs`.)

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::{Env, EnvOptions};

fn open(path: &std::path::Path) -> Env {
    Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).unwrap()
}

#[test]
fn a_claim_has_one_holder_until_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.eve");
    let env = open(&path);
    let other = open(&path);
    assert!(!env.is_claimed(4096).unwrap());
    let claim = env.try_claim(4096).unwrap().expect("free");
    assert_eq!(claim.offset(), 4096);
    assert!(env.try_claim(4096).unwrap().is_none(), "same handle");
    assert!(other.try_claim(4096).unwrap().is_none(), "another handle");
    assert!(other.is_claimed(4096).unwrap());
    // Another object's claim is independent.
    let second = other.try_claim(4112).unwrap().expect("another object");
    // From another thread of the process.
    std::thread::scope(|s| {
        s.spawn(|| assert!(env.try_claim(4096).unwrap().is_none()));
    });
    drop(claim);
    assert!(!env.is_claimed(4096).unwrap());
    let again = other.try_claim(4096).unwrap().expect("free again");
    drop(again);
    drop(second);
    assert!(!other.is_claimed(4112).unwrap());
}
