//! The heart of evelisp, seen from the command line: separate `evelisp`
//! processes on one env file share one world. A var, an atom and a
//! function defined by one process are there for the next; several
//! processes calling that function at once never lose an update; and the
//! file checks clean afterwards.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `evelisp --env env -e expr` and returns its output.
fn eval(env: &Path, expr: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .arg("--env")
        .arg(env)
        .args(["-e", expr])
        .env_remove("EVELISP_ENV")
        .output()
        .expect("evelisp runs")
}

/// Runs `evelisp --env env -e expr`, expecting success; returns stdout.
fn eval_ok(env: &Path, expr: &str) -> String {
    let out = eval(env, expr);
    assert!(
        out.status.success(),
        "{expr}: exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `evelisp env check env` passes.
fn check_clean(env: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(["env", "check"])
        .arg(env)
        .output()
        .expect("evelisp runs");
    assert!(
        out.status.success(),
        "env check: exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_atom_and_a_function_defined_by_one_process_are_used_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("shared.eve");

    // Process A defines an atom and a function over it.
    let a = eval_ok(
        &env,
        "(def counter (atom 0)) (def bump (fn* [] (swap! counter inc)))",
    );
    assert_eq!(a, "#'user/bump\n");

    // Process B calls A's function and reads the atom.
    assert_eq!(eval_ok(&env, "(bump) (bump) @counter"), "2\n");

    // Process B2, in another namespace, calls it by its qualified name,
    // and through a var of its own.
    assert_eq!(
        eval_ok(
            &env,
            "(ns elsewhere) (def twice (fn* [] (user/bump) (user/bump))) (twice)"
        ),
        "4\n"
    );
    assert_eq!(eval_ok(&env, "(elsewhere/twice) (bump) @counter"), "7\n");
    assert_eq!(eval_ok(&env, "(swap! counter (fn* [_] 2))"), "2\n");

    // Process C sees B's updates, and a closure A never saw.
    assert_eq!(
        eval_ok(
            &env,
            "(def adder (fn* [n] (fn* [x] (+ x n)))) (def add10 (adder 10)) (add10 @counter)"
        ),
        "12\n"
    );
    // Process D calls the closure C made (its captured local lives in the file).
    assert_eq!(eval_ok(&env, "(add10 (bump))"), "13\n");
    // Redefining a function in one process changes it for every later caller.
    eval_ok(
        &env,
        "(def bump (fn* [] (swap! counter (fn* [c] (+ c 100)))))",
    );
    assert_eq!(eval_ok(&env, "(bump)"), "103\n");
    check_clean(&env);
}

#[test]
fn concurrent_processes_never_lose_an_update() {
    const PROCESSES: usize = 4;
    const EACH: i64 = 500;
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("counter.eve");

    eval_ok(
        &env,
        "(def counter (atom 0)) (def bump (fn* [] (swap! counter inc)))",
    );
    // Something there already, so the final count is "earlier + P×N".
    let before: i64 = eval_ok(&env, "(bump) (bump) (bump) @counter")
        .trim()
        .parse()
        .expect("a number");
    assert_eq!(before, 3);

    let expr = format!("(loop* [i 0] (if (< i {EACH}) (do (bump) (recur (inc i)))))");
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_evelisp"))
                .arg("--env")
                .arg(&env)
                .args(["-e", &expr])
                .env_remove("EVELISP_ENV")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("evelisp starts")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("evelisp runs");
        assert!(
            out.status.success(),
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "",
            "the loop returns nil"
        );
    }

    let after: i64 = eval_ok(&env, "@counter").trim().parse().expect("a number");
    assert_eq!(after, before + PROCESSES as i64 * EACH);
    check_clean(&env);
}

#[test]
fn an_error_in_one_process_leaves_the_env_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("robust.eve");
    eval_ok(&env, "(def a (atom [1 2 3]))");
    // A swap! whose function fails changes nothing.
    let out = eval(&env, "(swap! a (fn* [v] (inc v)))");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(eval_ok(&env, "@a"), "[1 2 3]\n");
    check_clean(&env);
}
