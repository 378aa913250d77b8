//! Promises and delays are values in the env file, so they work between
//! separate `evelisp` processes: a deref blocked in one process wakes when
//! another delivers; a delay forced by two processes at once runs its body
//! once; a delay whose forcing process is killed mid-body is run by the
//! next forcer; `pmap` runs from the command line.

mod common;
use common::{check_clean, eval_ok, ok, spawn};
use std::process::Child;

/// Waits for `child` to end (each child's own derefs have timeouts), and
/// gives its output.
fn finish(expr: &str, child: Child) -> String {
    ok(expr, child.wait_with_output().expect("evelisp ends"))
}

#[test]
fn a_deref_blocked_in_one_process_wakes_when_another_delivers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("promise.eve");
    eval_ok(&env, "(def p (promise)) (def started (promise))");

    // Process A says it started, then blocks on @p (bounded, so a bug
    // fails the test instead of hanging it).
    let a_expr = "(deliver started true) [:got (deref p 60000 :timed-out)]";
    let a = spawn(&env, a_expr);
    assert_eq!(
        eval_ok(&env, "(deref started 60000 :timed-out)"),
        "true\n",
        "process A started"
    );
    // A cannot end before p is delivered.
    let mut a = a;
    assert!(a.try_wait().expect("try_wait").is_none(), "A waits for p");
    assert_eq!(eval_ok(&env, "(realized? p)"), "false\n");

    // Process B delivers; A wakes with B's value.
    assert_eq!(
        eval_ok(&env, "(nil? (deliver p {:from :b}))"),
        "false\n",
        "B's deliver wins"
    );
    assert_eq!(finish(a_expr, a), "[:got {:from :b}]\n");

    // A later deliver from another process changes nothing.
    assert_eq!(eval_ok(&env, "(nil? (deliver p :late))"), "true\n");
    assert_eq!(eval_ok(&env, "[(realized? p) @p]"), "[true {:from :b}]\n");
    check_clean(&env);
}

#[test]
fn a_delay_forced_by_two_processes_at_once_runs_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("delay.eve");
    eval_ok(
        &env,
        "(def runs (atom 0)) (def gate (promise))
         (def in1 (promise)) (def in2 (promise))
         (def d (delay (swap! runs inc) [:v (deref gate 60000 :timed-out)]))",
    );
    // Two processes force d; the body blocks until the gate opens, so the
    // second forcer finds it running in the first.
    // (Forced in a future, so a forcer that never wakes times out.)
    let e1 = "(deliver in1 true) (deref (future @d) 60000 :hung)";
    let e2 = "(deliver in2 true) (deref (future (force d)) 60000 :hung)";
    let (c1, c2) = (spawn(&env, e1), spawn(&env, e2));
    assert_eq!(
        eval_ok(
            &env,
            "[(deref in1 60000 :timed-out) (deref in2 60000 :timed-out)]"
        ),
        "[true true]\n",
        "both forcers started"
    );
    eval_ok(&env, "(deliver gate :open)");
    assert_eq!(finish(e1, c1), "[:v :open]\n");
    assert_eq!(finish(e2, c2), "[:v :open]\n");
    assert_eq!(
        eval_ok(&env, "[@runs (realized? d) @d]"),
        "[1 true [:v :open]]\n"
    );
    check_clean(&env);
}

#[test]
fn a_delay_whose_forcer_was_killed_is_run_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("killed.eve");
    eval_ok(
        &env,
        "(def runs (atom 0)) (def never (promise)) (def started (promise))
         (def d (delay (if (= (swap! runs inc) 1)
                         (do (deliver started true) (deref never 120000 :timed-out))
                         [:run @runs])))",
    );
    // The first forcer blocks inside the body for good; kill it there.
    let mut first = spawn(&env, "@d");
    assert_eq!(
        eval_ok(&env, "(deref started 60000 :timed-out)"),
        "true\n",
        "the first forcer runs the body"
    );
    first.kill().expect("kill -9");
    first.wait().expect("reaped");
    assert_eq!(eval_ok(&env, "(realized? d)"), "false\n");
    // The next forcer sees the owner gone and runs the body itself.
    assert_eq!(
        eval_ok(&env, "(deref (future @d) 60000 :hung)"),
        "[:run 2]\n"
    );
    assert_eq!(eval_ok(&env, "[@d @runs]"), "[[:run 2] 2]\n");
    check_clean(&env);
}

#[test]
fn pmap_and_futures_with_timeouts_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("pmap.eve");
    assert_eq!(eval_ok(&env, "(pmap + [1 2 3] [10 20 30])"), "(11 22 33)\n");
    assert_eq!(
        eval_ok(
            &env,
            "(def p (promise)) [(deref (future @p) 50 :timeout) (deref (future 7) 60000 :timeout)]"
        ),
        "[:timeout 7]\n"
    );
}
