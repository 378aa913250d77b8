//! The guard-bound value API: `Value` counts (clone/drop), freeing when the
//! last count goes, roots retiring what they displace, and a reader in a
//! second OS process that keeps reading a value another process displaced
//! and churned past, for as long as its pin lasts.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, HeapError, Ref, Value};
use std::process::Command;
use std::time::Duration;

fn open(path: &std::path::Path) -> Env {
    Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).unwrap()
}

fn refcount(env: &Env, v: &Value<'_>) -> u32 {
    env.header_of(v.word().as_object().unwrap())
        .unwrap()
        .refcount
}

#[test]
fn clone_takes_a_count_and_drop_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir.path().join("a.eve"));
    let s = env.make_string("counted").unwrap();
    assert_eq!(refcount(&env, &s), 1);
    let t = s.clone();
    assert_eq!(refcount(&env, &s), 2);
    drop(t);
    assert_eq!(refcount(&env, &s), 1);
    // A vector owns a count of each element.
    let v = env.make_vector(&[s.borrowed(), s.borrowed()]).unwrap();
    assert_eq!(refcount(&env, &s), 3);
    drop(v);
    assert_eq!(refcount(&env, &s), 1);
    // Immortal objects are not counted.
    let k = env.intern_keyword(None, "k").unwrap();
    let k2 = k.clone();
    assert_eq!(k.word(), k2.word());
    assert_eq!(refcount(&env, &k), refcount(&env, &k2));
}

#[test]
fn dropping_the_last_value_frees_the_whole_tree() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir.path().join("a.eve"));
    let p = env.participant().unwrap();
    let before = env.stats().unwrap();
    {
        let mut m = env.empty_map().unwrap();
        for i in 0..2000 {
            let k = env.make_int(i).unwrap();
            let v = env.make_string(&format!("value {i}")).unwrap();
            m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed()).unwrap();
        }
        assert_eq!(m.borrowed().count().unwrap(), 2000);
        let during = env.stats().unwrap();
        assert!(during.free_bytes < before.free_bytes || during.carved_len > before.carved_len);
    }
    drop(p);
    let after = env.stats().unwrap();
    assert_eq!(after.unreachable_bytes, 0, "{after:?}");
    assert!(env.check().unwrap().is_healthy());
}

#[test]
fn roots_retire_what_they_displace_and_nothing_leaks() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir.path().join("a.eve"));
    let root = env.root(FIRST_USER_ROOT).unwrap();
    {
        let p = env.participant().unwrap();
        root.reset(&p, env.make_vector(&[]).unwrap()).unwrap();
        for i in 0..5000 {
            let x = env.make_string(&format!("{i}")).unwrap();
            root.swap(&p, |cur| env.conj(cur, x.borrowed())).unwrap();
            if i % 100 == 0 {
                let seen = root.get(&p).unwrap();
                let old = env.make_vector(&[]).unwrap();
                assert!(
                    !root
                        .compare_and_set(&p, old.borrowed(), seen.clone())
                        .unwrap()
                );
                assert!(
                    root.compare_and_set(&p, seen.borrowed(), seen.clone())
                        .unwrap()
                );
            }
        }
        let g = p.pin();
        let v = root.load(&g).unwrap();
        assert_eq!(v.count().unwrap(), 5000);
        assert_eq!(v.nth(4999).unwrap().as_str().unwrap(), "4999");
    }
    // With no participant pinned, two advances release everything retired.
    let p = env.participant().unwrap();
    for _ in 0..3 {
        p.try_advance().unwrap();
        p.collect().unwrap();
    }
    drop(p);
    let stats = env.stats().unwrap();
    assert_eq!(stats.unreachable_bytes, 0, "{stats:?}");
    assert!(env.check().unwrap().is_healthy());
}

#[test]
fn an_error_in_swap_leaves_the_root_alone() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir.path().join("a.eve"));
    let p = env.participant().unwrap();
    let atom = env.make_atom(env.make_int(41).unwrap()).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let r = root.swap(&p, |cur| {
        let _garbage = env.make_string("built, then dropped")?;
        cur.as_str().map(|_| Value::nil(&env))
    });
    assert!(matches!(r, Err(HeapError::WrongKind { .. })));
    assert_eq!(root.get(&p).unwrap().borrowed().as_i64().unwrap(), 41);
    assert_eq!(root.version(), 0);
    let new = root
        .swap(&p, |cur| env.make_int(cur.as_i64()? + 1))
        .unwrap();
    assert_eq!(new.borrowed().as_i64().unwrap(), 42);
    assert_eq!(root.version(), 1);
}

#[test]
fn values_of_one_env_are_refused_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(&dir.path().join("a.eve"));
    let b = open(&dir.path().join("b.eve"));
    let s = a.make_string("mine").unwrap();
    let v = b.make_vector(&[]).unwrap();
    assert!(matches!(
        b.conj(v.borrowed(), s.borrowed()),
        Err(HeapError::ForeignValue { .. })
    ));
    let pa = a.participant().unwrap();
    let root_b = b.root(FIRST_USER_ROOT).unwrap();
    assert!(matches!(
        root_b.reset(&pa, b.make_int(1).unwrap()),
        Err(HeapError::ForeignValue { .. })
    ));
    let g = pa.pin();
    assert!(matches!(
        root_b.load(&g),
        Err(HeapError::ForeignValue { .. })
    ));
    // Immediates belong to no env in particular.
    let one = Ref::immediate(&a, evelisp_heap::Word::fixnum(1).unwrap()).unwrap();
    assert!(b.conj(v.borrowed(), one).is_ok());
}

const READER_ENV: &str = "EVELISP_HANDLES_READER";
const DATA: usize = FIRST_USER_ROOT;
const SIGNAL: usize = FIRST_USER_ROOT + 1;
const KEYS: i64 = 3000;

fn expected(i: i64) -> String {
    format!("generation zero, key {i}")
}

/// The reader process (this test binary run again): pins, loads the map
/// in root DATA, tells the writer (SIGNAL := 1), waits until the writer has
/// displaced it and churned (SIGNAL = 2), then reads every entry of the
/// map it still holds under its pin.
#[test]
fn reader_process() {
    let Ok(path) = std::env::var(READER_ENV) else {
        return; // only runs as the child of the test below
    };
    let env = open(std::path::Path::new(&path));
    let p = env.participant().unwrap();
    let signal = env.root_atom(&p, SIGNAL, Value::nil(&env)).unwrap();
    let signal = env.atom_root(signal.borrowed()).unwrap();
    let g = p.pin();
    let data = env.root(DATA).unwrap();
    let map = data.load(&g).unwrap();
    assert_eq!(map.count().unwrap(), KEYS as u64);
    let seen = signal.version();
    signal.reset(&p, env.make_int(1).unwrap()).unwrap();
    while !signal
        .wait_change(seen + 1, Some(Duration::from_secs(60)))
        .unwrap()
    {}
    for i in 0..KEYS {
        let k = env.make_int(i).unwrap();
        let v = map.get(k.borrowed()).unwrap().unwrap();
        assert_eq!(v.as_str().unwrap(), expected(i));
    }
    println!("READER-OK");
}

#[test]
fn a_pinned_reader_in_another_process_keeps_what_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.eve");
    let env = open(&path);
    let p = env.participant().unwrap();
    let data = env.root(DATA).unwrap();
    let mut m = env.empty_hash_map().unwrap();
    for i in 0..KEYS {
        let (k, v) = (
            env.make_int(i).unwrap(),
            env.make_string(&expected(i)).unwrap(),
        );
        m = env.assoc(m.borrowed(), k.borrowed(), v.borrowed()).unwrap();
    }
    data.reset(&p, m).unwrap();
    let signal = env.root_atom(&p, SIGNAL, Value::nil(&env)).unwrap();
    let signal = env.atom_root(signal.borrowed()).unwrap();

    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "reader_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(READER_ENV, &path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while signal.get(&p).unwrap().borrowed().as_i64().ok() != Some(1) {
        signal
            .wait_change(signal.version(), Some(Duration::from_millis(100)))
            .unwrap();
    }
    // Displace the map the reader holds, then churn: retire, advance and
    // collect many times and allocate the same sizes again, so freed nodes
    // would be reused (and overwritten) if the reader's pin were ignored.
    data.reset(&p, env.empty_hash_map().unwrap()).unwrap();
    for round in 0..20_000i64 {
        let k = env.make_int(round % KEYS).unwrap();
        let v = env
            .make_string(&format!("churn {round} overwriting freed memory"))
            .unwrap();
        data.swap(&p, |cur| env.assoc(cur, k.borrowed(), v.borrowed()))
            .unwrap();
        if round % 500 == 0 {
            p.try_advance().unwrap();
            p.collect().unwrap();
        }
    }
    signal.reset(&p, env.make_int(2).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("READER-OK"),
        "reader failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Once the reader is gone, what it pinned is released.
    for _ in 0..3 {
        p.try_advance().unwrap();
        p.collect().unwrap();
    }
    drop((signal, data, p));
    let stats = env.stats().unwrap();
    assert_eq!(stats.unreachable_bytes, 0, "{stats:?}");
    assert!(env.check().unwrap().is_healthy());
}

#[test]
fn get_on_a_set_returns_the_sets_own_element() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir.path().join("a.eve"));
    let e = env.make_string("x").unwrap();
    let s = env
        .conj(env.empty_set().unwrap().borrowed(), e.borrowed())
        .unwrap();
    let stored = e.word();
    drop(e);
    let got = {
        let probe = env.make_string("x").unwrap();
        let got = s.borrowed().get(probe.borrowed()).unwrap().unwrap();
        assert_ne!(got.word(), probe.word(), "the probe, not the element");
        got
    };
    // The probe is gone and its block may be reused: the element is not.
    let _other = env.make_string("y").unwrap();
    assert_eq!(got.word(), stored);
    assert_eq!(got.as_str().unwrap(), "x");
}

#[test]
fn nth_past_the_end_of_a_list_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = open(&dir.path().join("a.eve"));
    let (a, b) = (env.make_int(1).unwrap(), env.make_int(2).unwrap());
    let l = env.make_list(&[a.borrowed(), b.borrowed()]).unwrap();
    assert_eq!(l.borrowed().nth(1).unwrap().as_i64().unwrap(), 2);
    // Would walk 2^64 steps if the index were not checked first.
    assert!(matches!(
        l.borrowed().nth(u64::MAX),
        Err(HeapError::IndexOutOfBounds { count: 2, .. })
    ));
}
