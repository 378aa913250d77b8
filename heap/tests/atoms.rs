//! Roots and atoms: CAS-only updates, `swap` that never loses an update
//! across threads and real processes, `compare_and_set`, `reset`.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use evelisp_heap::header::{FIRST_USER_ROOT, ROOT_COUNT};
use evelisp_heap::word::Decoded;
use evelisp_heap::{Env, EnvOptions, HeapError, View, Word};
use std::process::{Command, Stdio};

fn env(dir: &tempfile::TempDir) -> Env {
    Env::open_with(
        dir.path().join("a.eve"),
        &EnvOptions::new().map_size(1 << 30),
    )
    .unwrap()
}

fn inc(w: Word) -> Result<Word, &'static str> {
    match w.decode() {
        Decoded::Int(i) => Word::fixnum(i + 1).ok_or("overflow"),
        _ => Err("not an int"),
    }
}

#[test]
fn cas_reset_and_swap_on_an_atom() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let atom = env.new_atom(Word::fixnum(1).unwrap()).unwrap();
    let root = env.atom(atom).unwrap();
    assert_eq!(root.load(), Word::fixnum(1).unwrap());
    assert_eq!(
        root.compare_and_set(Word::fixnum(5).unwrap(), Word::NIL),
        Err(Word::fixnum(1).unwrap())
    );
    assert_eq!(root.version(), 0, "a failed CAS changes nothing");
    root.compare_and_set(Word::fixnum(1).unwrap(), Word::fixnum(2).unwrap())
        .unwrap();
    assert_eq!(
        root.reset(Word::fixnum(10).unwrap()),
        Word::fixnum(2).unwrap()
    );
    assert_eq!(
        root.swap(inc).unwrap(),
        (Word::fixnum(10).unwrap(), Word::fixnum(11).unwrap())
    );
    assert_eq!(root.version(), 3);
    // An error from the function aborts the swap and leaves the atom alone.
    root.reset(Word::TRUE);
    assert_eq!(root.swap(inc), Err("not an int"));
    assert_eq!(root.load(), Word::TRUE);
    // Objects stored in atoms are read back in place.
    let s = env.new_string("hello").unwrap();
    root.reset(s);
    assert_eq!(env.view(root.load()).unwrap(), View::Str("hello"));
    assert!(matches!(env.atom(s), Err(HeapError::WrongKind { .. })));
}

#[test]
fn header_roots_are_bounded_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.eve");
    {
        let env = env(&dir);
        assert!(
            matches!(env.root(0), Err(HeapError::RootIndex { .. })),
            "heap roots are private"
        );
        assert!(env.root(ROOT_COUNT).is_err());
        let k = env.keyword(None, "kept").unwrap();
        env.root(FIRST_USER_ROOT).unwrap().reset(k);
        env.root(ROOT_COUNT - 1).unwrap().reset(Word::char('z'));
    }
    let env = Env::open(&p).unwrap();
    let k = env.root(FIRST_USER_ROOT).unwrap().load();
    assert_eq!(k, env.keyword(None, "kept").unwrap());
    assert_eq!(env.root(ROOT_COUNT - 1).unwrap().load(), Word::char('z'));
}

#[test]
fn threads_racing_to_install_get_one_atom_and_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let atom = env
                    .root_atom(FIRST_USER_ROOT + 1, Word::fixnum(0).unwrap())
                    .unwrap();
                let root = env.atom(atom).unwrap();
                for _ in 0..10_000 {
                    root.swap(inc).unwrap();
                }
            });
        }
    });
    let atom = env.root(FIRST_USER_ROOT + 1).unwrap().load();
    assert_eq!(
        env.atom(atom).unwrap().load(),
        Word::fixnum(40_000).unwrap()
    );
    assert_eq!(env.atom(atom).unwrap().version(), 40_000);
}

/// Guarantee 1 of DESIGN.md: 4 processes × 2 threads × 20,000 swaps of
/// `inc` on one atom end at exactly 160,000.
#[test]
fn hammer_four_processes_two_threads_each() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("hammer.eve");
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
                .args(["count", p.to_str().unwrap(), "2", "20000", "4"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut finals = Vec::new();
    let mut runs = 0u64;
    for c in children {
        let out = c.wait_with_output().unwrap();
        common::assert_ok(&out);
        let line = String::from_utf8(out.stdout).unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        finals.push(words[0].to_string());
        runs += words[2].parse::<u64>().unwrap();
    }
    // The process that made the last swap saw the final value.
    assert!(finals.contains(&"Int(160000)".to_string()), "{finals:?}");
    assert!(runs >= 160_000);
    eprintln!("hammer: 160000 swaps, {} retries", runs - 160_000);
    let env = Env::open(&p).unwrap();
    let atom = env.root(8).unwrap().load();
    let root = env.atom(atom).unwrap();
    assert_eq!(root.load(), Word::fixnum(160_000).unwrap());
    assert_eq!(
        root.version(),
        160_000,
        "every change was one successful CAS"
    );
}

#[test]
fn wait_change_times_out_when_nothing_changes_and_refuses_header_roots() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let root = env.atom(env.new_atom(Word::NIL).unwrap()).unwrap();
    let seen = root.version();
    assert!(
        !root
            .wait_change(seen, Some(std::time::Duration::from_millis(20)))
            .unwrap()
    );
    root.reset(Word::TRUE);
    assert!(
        root.wait_change(seen, Some(std::time::Duration::from_millis(20)))
            .unwrap(),
        "already changed"
    );
    assert!(
        env.root(FIRST_USER_ROOT)
            .unwrap()
            .wait_change(0, None)
            .is_err()
    );
}

#[test]
fn wait_change_wakes_on_a_change_from_another_thread() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let root = env.atom(env.new_atom(Word::NIL).unwrap()).unwrap();
    let seen = root.version();
    std::thread::scope(|s| {
        let waiter = s.spawn(|| root.wait_change(seen, None).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(20));
        root.reset(Word::fixnum(1).unwrap());
        assert!(waiter.join().unwrap());
    });
}

#[test]
fn wait_change_wakes_on_a_change_from_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.eve");
    let env = env(&dir);
    let atom = env
        .root_atom(FIRST_USER_ROOT + 2, Word::fixnum(0).unwrap())
        .unwrap();
    let root = env.atom(atom).unwrap();
    let seen = root.version();
    let child = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args([
            "set",
            p.to_str().unwrap(),
            &(FIRST_USER_ROOT + 2).to_string(),
            "77",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Generous timeout so a slow machine cannot fail it; a lost wake-up
    // would still be caught because the result would be `false`.
    assert!(
        root.wait_change(seen, Some(std::time::Duration::from_secs(60)))
            .unwrap()
    );
    assert_eq!(root.load(), Word::fixnum(77).unwrap());
    assert!(child.wait_with_output().unwrap().status.success());
}
