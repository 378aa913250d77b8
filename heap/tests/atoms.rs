//! Roots and atoms: CAS-only updates, `swap` that never loses an update
//! across threads and real processes, `compare_and_set`, `reset`.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

mod common;

use common::*;

use evelisp_heap::testing::{FIRST_USER_ROOT, ROOT_COUNT};
use evelisp_heap::{Env, HeapError, Participant, Ref, Root, Value, View, Word};
use std::process::{Command, Stdio};

/// An error of the test's own, distinct from the heap's.
#[derive(Debug, PartialEq)]
enum TestError {
    NotAnInt,
    Heap(String),
}

impl From<HeapError> for TestError {
    fn from(e: HeapError) -> Self {
        TestError::Heap(e.to_string())
    }
}

/// `inc`, failing with a test error of its own on anything but an integer.
fn inc<'e>(env: &'e Env, cur: Ref<'_>) -> Result<Value<'e>, TestError> {
    match cur.view()? {
        View::Int(i) => Ok(env.make_int(i + 1)?),
        _ => Err(TestError::NotAnInt),
    }
}

/// The word currently in `root`, read under a pin.
fn load(p: &Participant<'_>, root: &Root<'_>) -> Word {
    let g = p.pin();
    root.load(&g).unwrap().word()
}

#[test]
fn cas_reset_and_swap_on_an_atom() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let atom = env.make_atom(env.make_int(1).unwrap()).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    assert_eq!(load(&p, &root.as_root()), fixnum(1));
    let five = Ref::immediate(&env, fixnum(5)).unwrap();
    assert!(
        !root.compare_and_set(&p, five, Value::nil(&env)).unwrap(),
        "the value is not 5"
    );
    assert_eq!(
        load(&p, &root.as_root()),
        fixnum(1),
        "a failed CAS changes nothing"
    );
    assert_eq!(root.version(), 0, "a failed CAS changes nothing");
    let one = Ref::immediate(&env, fixnum(1)).unwrap();
    assert!(
        root.compare_and_set(&p, one, env.make_int(2).unwrap())
            .unwrap()
    );
    assert_eq!(load(&p, &root.as_root()), fixnum(2));
    // `reset` no longer returns the displaced value (it is retired): the
    // value before and after are read instead.
    root.reset(&p, env.make_int(10).unwrap()).unwrap();
    assert_eq!(load(&p, &root.as_root()), fixnum(10));
    let (old, new) = root.swap_vals(&p, |cur| inc(&env, cur)).unwrap();
    assert_eq!((old.word(), new.word()), (fixnum(10), fixnum(11)));
    assert_eq!(load(&p, &root.as_root()), fixnum(11));
    assert_eq!(root.version(), 3);
    // An error from the function aborts the swap and leaves the atom alone.
    root.reset(&p, env.make_bool(true)).unwrap();
    assert_eq!(
        root.swap(&p, |cur| inc(&env, cur)).unwrap_err(),
        TestError::NotAnInt
    );
    assert_eq!(load(&p, &root.as_root()), Word::TRUE);
    assert_eq!(root.version(), 4, "the failed swap changed nothing");
    // Objects stored in atoms are read back in place.
    let s = env.make_string("hello").unwrap();
    root.reset(&p, s.clone()).unwrap();
    {
        let g = p.pin();
        assert_eq!(root.load(&g).unwrap().view().unwrap(), View::Str("hello"));
    }
    assert!(matches!(
        env.atom_root(s.borrowed()),
        Err(HeapError::WrongKind { .. })
    ));
}

#[test]
fn a_failed_swap_leaves_the_atom_alone_and_frees_what_it_built() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let init = env.make_string("unchanged").unwrap();
    let atom = env.root_atom(&p, FIRST_USER_ROOT, init).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let before_word = load(&p, &root.as_root());
    let before_version = root.version();
    let before = env.check().unwrap();
    assert!(before.is_healthy(), "{:?}", before.findings);

    // The closure builds a string and a vector holding it, then fails with
    // an error of its own.
    let mut built: Vec<u64> = Vec::new();
    let r = root.swap(&p, |cur| {
        assert_eq!(cur.as_str()?, "unchanged");
        let s = env.make_string("built by the failing closure")?;
        let v = env.make_vector(&[s.borrowed(), cur])?;
        built.push(s.word().as_object().unwrap());
        built.push(v.word().as_object().unwrap());
        if v.borrowed().count()? == 2 {
            return Err(TestError::NotAnInt);
        }
        Ok(v)
    });
    assert_eq!(r.unwrap_err(), TestError::NotAnInt);
    // And one that fails with a heap error after building.
    let r = root.swap(&p, |cur| {
        let s = env.make_string("also built")?;
        built.push(s.word().as_object().unwrap());
        env.make_int(cur.as_i64()? + 1) // a string is not an integer
    });
    assert!(matches!(r, Err(HeapError::WrongKind { .. })), "{r:?}");

    assert_eq!(
        load(&p, &root.as_root()),
        before_word,
        "the atom holds the same value"
    );
    assert_eq!(root.version(), before_version, "no change was published");
    {
        let g = p.pin();
        assert_eq!(root.load(&g).unwrap().as_str().unwrap(), "unchanged");
    }
    assert_eq!(built.len(), 3);
    for off in built {
        assert!(
            env.header_of(off).is_err(),
            "the block at {off} built by the failed closure is free again"
        );
    }
    let after = env.check().unwrap();
    assert!(after.is_healthy(), "{:?}", after.findings);
    assert_eq!(after.stats.unreachable_bytes, 0, "nothing leaked");
    assert_eq!(after.stats.retired_bytes, 0, "nothing was displaced");
    assert_eq!(after.stats.live_bytes, before.stats.live_bytes);
}

#[test]
fn header_roots_are_bounded_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    {
        let env = env(&dir);
        let p = env.participant().unwrap();
        assert!(
            matches!(env.root(0), Err(HeapError::RootIndex { .. })),
            "heap roots are private"
        );
        assert!(env.root(ROOT_COUNT).is_err());
        let k = env.intern_keyword(None, "kept").unwrap();
        env.root(FIRST_USER_ROOT).unwrap().reset(&p, k).unwrap();
        env.root(ROOT_COUNT - 1)
            .unwrap()
            .reset(&p, env.make_char('z'))
            .unwrap();
    }
    let env = Env::open(&path).unwrap();
    let p = env.participant().unwrap();
    let k = load(&p, &env.root(FIRST_USER_ROOT).unwrap());
    assert_eq!(k, env.intern_keyword(None, "kept").unwrap().word());
    assert_eq!(
        load(&p, &env.root(ROOT_COUNT - 1).unwrap()),
        Word::char('z')
    );
}

#[test]
fn threads_racing_to_install_get_one_atom_and_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let p = env.participant().unwrap();
                let atom = env
                    .root_atom(&p, FIRST_USER_ROOT + 1, env.make_int(0).unwrap())
                    .unwrap();
                let root = env.atom_root(atom.borrowed()).unwrap();
                for _ in 0..10_000 {
                    root.swap(&p, |cur| inc(&env, cur)).unwrap();
                }
            });
        }
    });
    let p = env.participant().unwrap();
    let atom = env.root(FIRST_USER_ROOT + 1).unwrap().get(&p).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    assert_eq!(load(&p, &root.as_root()), fixnum(40_000));
    assert_eq!(root.version(), 40_000);
}

/// The value `swap` returns is the caller's, counted before the CAS that
/// published it: more threads than cores swap fresh strings into one atom,
/// so a thread is now and then preempted right after its CAS while the
/// others swap its value out, let two epochs pass and free it. A count
/// taken only after the CAS found the block freed ("unknown kind") or
/// reused for another thread's string.
#[test]
fn a_swapped_in_value_stays_the_callers_while_others_displace_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let p = env.participant().unwrap();
    let atom = env.make_atom(env.make_string("start").unwrap()).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    std::thread::scope(|s| {
        for t in 0..8 {
            let root = &root;
            let env = &env;
            s.spawn(move || {
                let p = env.participant().unwrap();
                for i in 0..40_000 {
                    let text = format!("thread {t} swap {i}");
                    let out = root
                        .swap(&p, |_| env.make_string(&text))
                        .unwrap_or_else(|e| panic!("thread {t} swap {i}: {e}"));
                    assert_eq!(out.borrowed().as_str().unwrap(), text);
                }
            });
        }
    });
    drop(root);
    drop(atom);
    // Every count exact: no count taken on a block another value reused.
    settle(&env, &p);
}

/// Guarantee 1 of DESIGN.md: 4 processes × 2 threads × 20,000 swaps of
/// `inc` on one atom end at exactly 160,000.
#[test]
fn hammer_four_processes_two_threads_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hammer.eve");
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
                .args(["count", path.to_str().unwrap(), "2", "20000", "4"])
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
    let env = Env::open(&path).unwrap();
    let p = env.participant().unwrap();
    let atom = env.root(8).unwrap().get(&p).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    assert_eq!(load(&p, &root.as_root()), fixnum(160_000));
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
    let p = env.participant().unwrap();
    let atom = env.make_atom(Value::nil(&env)).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let seen = root.version();
    assert!(
        !root
            .wait_change(seen, Some(std::time::Duration::from_millis(20)))
            .unwrap()
    );
    root.reset(&p, env.make_bool(true)).unwrap();
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
    let p = env.participant().unwrap();
    let atom = env.make_atom(Value::nil(&env)).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let seen = root.version();
    std::thread::scope(|s| {
        let waiter = s.spawn(|| root.wait_change(seen, None).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(20));
        root.reset(&p, env.make_int(1).unwrap()).unwrap();
        assert!(waiter.join().unwrap());
    });
}

#[test]
fn wait_change_wakes_on_a_change_from_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ENV_FILE);
    let env = env(&dir);
    let p = env.participant().unwrap();
    let atom = env
        .root_atom(&p, FIRST_USER_ROOT + 2, env.make_int(0).unwrap())
        .unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let seen = root.version();
    let child = Command::new(env!("CARGO_BIN_EXE_heap-hammer"))
        .args([
            "set",
            path.to_str().unwrap(),
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
    assert_eq!(load(&p, &root.as_root()), fixnum(77));
    assert!(child.wait_with_output().unwrap().status.success());
}
