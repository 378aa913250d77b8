//! `wait_change` across processes: a waiter in another process is woken by
//! a change, and a waiter killed with SIGKILL while asleep costs the atom's
//! writers at most one wake call (its waiting flag is cleared by the next
//! change, never left up for good).

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_heap::FIRST_USER_ROOT;
use evelisp_heap::{Env, EnvOptions, Value};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WAITER_ENV: &str = "EVELISP_WAIT_CHILD";
const ATOM: usize = FIRST_USER_ROOT;

fn open(path: &std::path::Path) -> Env {
    Env::open_with(path, &EnvOptions::new().map_size(1 << 28)).unwrap()
}

/// The waiting flag word of the atom (the u32 after its version).
fn waiting_flag(env: &Env, atom: &Value<'_>) -> u64 {
    evelisp_heap::testing::load_word(env, atom.word().as_object().unwrap() + 16).unwrap() >> 32
}

/// The waiter process (this test binary run again): waits for a change of
/// the atom in root ATOM, then prints what it saw.
#[test]
fn waiter_process() {
    let Ok(path) = std::env::var(WAITER_ENV) else {
        return; // only runs as the child of the tests below
    };
    let env = open(std::path::Path::new(&path));
    let p = env.participant().unwrap();
    let atom = env.root_atom(&p, ATOM, Value::nil(&env)).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let seen = root.version();
    println!("WAITING {seen}");
    let changed = root
        .wait_change(seen, Some(Duration::from_secs(120)))
        .unwrap();
    let now = root.get(&p).unwrap();
    println!("CHANGED {changed} {}", now.borrowed().as_i64().unwrap());
}

fn spawn_waiter(path: &std::path::Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "waiter_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WAITER_ENV, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn until(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_change_wakes_a_waiter_in_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.eve");
    let env = open(&path);
    let p = env.participant().unwrap();
    let atom = env.root_atom(&p, ATOM, Value::nil(&env)).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let child = spawn_waiter(&path);
    until("the waiter sleeps", || waiting_flag(&env, &atom) != 0);
    root.reset(&p, env.make_int(42).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CHANGED true 42"), "{stdout}");
}

#[test]
fn a_killed_waiter_costs_at_most_one_wake() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.eve");
    let env = open(&path);
    let p = env.participant().unwrap();
    let atom = env.root_atom(&p, ATOM, Value::nil(&env)).unwrap();
    let root = env.atom_root(atom.borrowed()).unwrap();
    let mut child = spawn_waiter(&path);
    until("the waiter sleeps", || waiting_flag(&env, &atom) != 0);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_ne!(waiting_flag(&env, &atom), 0, "the dead waiter's flag is up");
    root.reset(&p, env.make_int(1).unwrap()).unwrap();
    assert_eq!(waiting_flag(&env, &atom), 0, "the first change clears it");
    for i in 0..100 {
        root.reset(&p, env.make_int(i).unwrap()).unwrap();
        assert_eq!(waiting_flag(&env, &atom), 0);
    }
    assert_eq!(root.version(), 101);
}
