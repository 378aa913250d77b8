//! Lazy seqs live in the env file: one process makes a lazy seq, another
//! realizes part of it, and every later process reads the realized part
//! without running its bodies again; an infinite seq is shared the same
//! way; a process killed while realizing leaves a healthy file whose seq
//! the next process realizes.

mod common;
use common::{check_clean, eval_ok, spawn};
use std::time::{Duration, Instant};

#[test]
fn a_seq_realized_by_one_process_is_read_by_the_next_without_running_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("lazy.eve");
    eval_ok(
        &env,
        "(def calls (atom 0))
         (def squares (map (fn [x] (swap! calls inc) (* x x)) (range 10)))",
    );
    assert_eq!(
        eval_ok(&env, "[(realized? squares) @calls]"),
        "[false 0]\n",
        "defining the seq realizes nothing"
    );
    // Process B takes the first five: a range is chunked (as Clojure's),
    // so its chunk of ten is realized.
    assert_eq!(
        eval_ok(&env, "[(vec (take 5 squares)) @calls]"),
        "[[0 1 4 9 16] 10]\n"
    );
    // Process C reads them again: no body runs.
    assert_eq!(
        eval_ok(&env, "[(realized? squares) (vec (take 5 squares)) @calls]"),
        "[true [0 1 4 9 16] 10]\n"
    );
    assert_eq!(eval_ok(&env, "[(reduce + squares) @calls]"), "[285 10]\n");
    // From another namespace, the same seq: all realized.
    assert_eq!(
        eval_ok(&env, "(ns other) [(count user/squares) @user/calls]"),
        "[10 10]\n"
    );
    check_clean(&env);
}

#[test]
fn an_infinite_seq_is_shared_and_extended_by_each_process() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("nat.eve");
    eval_ok(
        &env,
        "(def steps (atom 0))
         (def naturals (iterate (fn [n] (swap! steps inc) (inc n)) 0))",
    );
    assert_eq!(eval_ok(&env, "[(nth naturals 100) @steps]"), "[100 100]\n");
    assert_eq!(eval_ok(&env, "[(nth naturals 50) @steps]"), "[50 100]\n");
    assert_eq!(eval_ok(&env, "[(nth naturals 150) @steps]"), "[150 150]\n");
    check_clean(&env);
}

#[test]
fn a_process_killed_while_realizing_leaves_the_seq_for_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = dir.path().join("killed.eve");
    eval_ok(
        &env,
        "(def done (atom 0))
         (def slow (map (fn [x] (Thread/sleep 20) (swap! done inc) x) (apply list (range 200))))",
    );
    let mut child = spawn(&env, "(dorun slow)");
    // Kill it mid-way: once some elements are realized.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let n: i64 = eval_ok(&env, "@done").trim().parse().expect("a number");
        if n >= 10 {
            break;
        }
        assert!(Instant::now() < deadline, "the child realizes elements");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    let partly: i64 = eval_ok(&env, "@done").trim().parse().expect("a number");
    assert!(partly < 200, "killed before the end ({partly})");
    check_clean(&env);
    // The next process realizes the rest: each element once more at most
    // (the one being realized when the kill came; over a list, not a
    // chunked range, elements are realized one at a time).
    assert_eq!(eval_ok(&env, "(reduce + slow)"), "19900\n");
    let total: i64 = eval_ok(&env, "@done").trim().parse().expect("a number");
    assert!(
        (200..=201).contains(&total),
        "every element realized once, but the one interrupted ({total})"
    );
    check_clean(&env);
}
