//! The reference types beside futures: promises (`promise`, `deliver`,
//! blocking `deref`, deref with a timeout), delays (`delay`, `force`, run
//! exactly once even when forced by several threads at once, a failure
//! raised again by every deref), and `realized?` of all of them (`pmap` is
//! the core library's: `tests/lisp/evelisp/threads_test.clj`).

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_eval::Interp;

mod common;

use common::{env, ev};

fn check(i: &Interp<'_>, cases: &[(&str, &str)]) {
    for (src, want) in cases {
        assert_eq!(ev(i, src), *want, "{src}");
    }
}

#[test]
fn promises_are_delivered_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def p (promise))", "#'user/p"),
            ("(realized? p)", "false"),
            ("(deref p 20 :timeout)", ":timeout"),
            ("(= p (deliver p [1 2]))", "true"),
            ("(realized? p)", "true"),
            ("@p", "[1 2]"),
            ("(deref p 20 :timeout)", "[1 2]"),
            // A second deliver changes nothing and gives nil.
            ("(deliver p :other)", "nil"),
            ("@p", "[1 2]"),
            // nil is a value that can be delivered.
            ("(def q (promise))", "#'user/q"),
            ("(deliver q nil) (realized? q)", "true"),
            ("(deref q 20 :timeout)", "nil"),
            // Promises are neither futures nor delays.
            ("(future? p)", "false"),
            ("(delay? p)", "false"),
        ],
    );
    let bad = ev(&i, "(deliver (atom 1) 2)");
    assert!(bad.contains("is not a promise"), "{bad}");
    let bad = ev(&i, "(future-done? p)");
    assert!(bad.contains("is not a future"), "{bad}");
}

#[test]
fn a_blocked_deref_wakes_when_another_thread_delivers() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def p (promise))", "#'user/p"),
            // The future blocks in @p until this thread delivers.
            ("(def waiter (future [:got @p]))", "#'user/waiter"),
            ("(deref waiter 50 :still-waiting)", ":still-waiting"),
            ("(realized? waiter)", "false"),
            ("(deliver p 42) nil", "nil"),
            ("(deref waiter 10000 :timeout)", "[:got 42]"),
            ("(realized? waiter)", "true"),
            // And the other way: this thread waits for a future to deliver.
            ("(def r (promise))", "#'user/r"),
            (
                "(def giver (future (deliver r :from-future)))",
                "#'user/giver",
            ),
            ("(deref r 10000 :timeout)", ":from-future"),
        ],
    );
}

#[test]
fn racing_delivers_have_exactly_one_winner() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def p (promise))", "#'user/p"),
            ("(def go (promise))", "#'user/go"),
            (
                "(def fs [(future @go (deliver p 1)) (future @go (deliver p 2))
                          (future @go (deliver p 3)) (future @go (deliver p 4))])",
                "#'user/fs",
            ),
            ("(deliver go true) nil", "nil"),
            // Count the delivers that won (they return the promise).
            (
                "(loop* [fs fs won 0] (if (seq fs) (recur (rest fs) (if (nil? @(first fs)) won (inc won))) won))",
                "1",
            ),
            // One of the four values (no `contains?` yet).
            (
                "(loop* [xs [1 2 3 4]] (if (seq xs) (if (= (first xs) @p) true (recur (rest xs))) false))",
                "true",
            ),
        ],
    );
}

#[test]
fn many_promises_raced_by_four_threads_each_have_one_winner() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def wins (atom 0))", "#'user/wins"),
            ("(def go (promise))", "#'user/go"),
            (
                "(def ps (loop* [n 0 acc []] (if (< n 300) (recur (inc n) (conj acc (promise))) acc)))",
                "#'user/ps",
            ),
            (
                "(def deliver-all (fn* [me] @go (loop* [ps ps] (if (seq ps) (do (if (nil? (deliver (first ps) me)) nil (swap! wins inc)) (recur (rest ps))) :done))))",
                "#'user/deliver-all",
            ),
            (
                "(def fs [(future (deliver-all 1)) (future (deliver-all 2)) (future (deliver-all 3)) (future (deliver-all 4))])",
                "#'user/fs",
            ),
            ("(deliver go true) nil", "nil"),
            (
                "(loop* [fs fs acc []] (if (seq fs) (recur (rest fs) (conj acc (deref (first fs) 60000 :timeout))) acc))",
                "[:done :done :done :done]",
            ),
            ("@wins", "300"),
        ],
    );
}

#[test]
fn delays_run_their_body_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def runs (atom 0))", "#'user/runs"),
            ("(def d (delay (swap! runs inc) [:v @runs]))", "#'user/d"),
            ("(delay? d)", "true"),
            ("(future? d)", "false"),
            ("(realized? d)", "false"),
            ("@runs", "0"),
            ("(force d)", "[:v 1]"),
            ("(realized? d)", "true"),
            ("@d", "[:v 1]"),
            ("(deref d)", "[:v 1]"),
            ("(force d)", "[:v 1]"),
            ("@runs", "1"),
            // force of anything else is the thing itself.
            ("(force 5)", "5"),
            ("(force nil)", "nil"),
            ("(delay? (atom 1))", "false"),
            // The body sees the forcer's bindings, as in Clojure.
            ("(def ^:dynamic *x* :root)", "#'user/*x*"),
            ("(def dx (delay *x*))", "#'user/dx"),
            ("(binding [*x* :bound] @dx)", ":bound"),
            ("@dx", ":bound"),
        ],
    );
    let bad = ev(&i, "(deref d 10 :timeout)");
    assert!(bad.contains("deref with a timeout"), "{bad}");
}

#[test]
fn a_failing_delay_raises_the_same_error_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def runs (atom 0))", "#'user/runs"),
            (
                "(def bad (delay (swap! runs inc) (throw (ex-info \"boom\" {:run @runs}))))",
                "#'user/bad",
            ),
            (
                "(try @bad (catch ExceptionInfo e [(ex-message e) (ex-data e)]))",
                "[\"boom\" {:run 1}]",
            ),
            ("(realized? bad)", "true"),
            (
                "(try (force bad) (catch ExceptionInfo e [(ex-message e) (ex-data e)]))",
                "[\"boom\" {:run 1}]",
            ),
            ("@runs", "1"),
            (
                "(def arity (delay (swap! runs inc) (inc 1 2)))",
                "#'user/arity",
            ),
            ("(try @arity (catch Exception e :caught))", ":caught"),
            ("(try @arity (catch Exception e :caught))", ":caught"),
            ("@runs", "2"),
        ],
    );
    let raised = ev(&i, "@arity");
    assert!(
        raised.starts_with("ERROR") && raised.contains("inc"),
        "{raised}"
    );
    assert_eq!(ev(&i, "@runs"), "2");
}

#[test]
fn a_delay_forcing_itself_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(&i, &[("(def d (delay (inc @d)))", "#'user/d")]);
    let got = ev(&i, "@d");
    assert!(got.contains("forced again by its own body"), "{got}");
    // The failure is the delay's outcome from then on.
    let again = ev(&i, "@d");
    assert!(again.contains("forced again by its own body"), "{again}");
}

#[test]
fn a_delay_forced_by_many_threads_at_once_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def runs (atom 0))", "#'user/runs"),
            ("(def entered (atom 0))", "#'user/entered"),
            ("(def gate (promise))", "#'user/gate"),
            // The body blocks until the gate opens, so every forcer is
            // there while it runs.
            ("(def d (delay (swap! runs inc) [:v @gate]))", "#'user/d"),
            (
                "(def forcer (fn* [] (swap! entered inc) @d))",
                "#'user/forcer",
            ),
            (
                "(def fs [(future (forcer)) (future (forcer)) (future (forcer))
                          (future (forcer)) (future (forcer)) (future (forcer))])",
                "#'user/fs",
            ),
            // Every forcer has started before the gate opens.
            ("(loop* [] (if (= @entered 6) :all-in (recur)))", ":all-in"),
            ("(deliver gate :open) nil", "nil"),
            (
                "(loop* [fs fs acc []] (if (seq fs) (recur (rest fs) (conj acc (deref (first fs) 10000 :timeout))) acc))",
                "[[:v :open] [:v :open] [:v :open] [:v :open] [:v :open] [:v :open]]",
            ),
            ("@runs", "1"),
        ],
    );
    drop(i);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}

#[test]
fn many_delays_raced_by_four_threads_each_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def runs (atom 0))", "#'user/runs"),
            ("(def go (promise))", "#'user/go"),
            (
                "(def ds (loop* [n 0 acc []] (if (< n 300) (recur (inc n) (conj acc (delay (swap! runs inc)))) acc)))",
                "#'user/ds",
            ),
            // Each thread forces every delay, in the same order, from the
            // same start signal: they race on each one.
            (
                "(def force-all (fn* [] @go (loop* [ds ds] (if (seq ds) (do (force (first ds)) (recur (rest ds))) :done))))",
                "#'user/force-all",
            ),
            (
                "(def fs [(future (force-all)) (future (force-all)) (future (force-all)) (future (force-all))])",
                "#'user/fs",
            ),
            ("(deliver go true) nil", "nil"),
            (
                "(loop* [fs fs acc []] (if (seq fs) (recur (rest fs) (conj acc (deref (first fs) 60000 :timeout))) acc))",
                "[:done :done :done :done]",
            ),
            ("@runs", "300"),
        ],
    );
}

#[test]
fn futures_are_realized_when_done() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def gate (promise))", "#'user/gate"),
            ("(def f (future [:f @gate]))", "#'user/f"),
            ("(realized? f)", "false"),
            ("(future-done? f)", "false"),
            ("(deref f 20 :timeout)", ":timeout"),
            ("(deliver gate 1) nil", "nil"),
            ("(deref f 10000 :timeout)", "[:f 1]"),
            ("(realized? f)", "true"),
            ("(future-done? f)", "true"),
            ("(future? f)", "true"),
            ("(delay? f)", "false"),
            // A failed future is realized too.
            (
                "(def bad (future (throw (ex-info \"x\" {}))))",
                "#'user/bad",
            ),
            ("(try @bad (catch ExceptionInfo e :caught))", ":caught"),
            ("(realized? bad)", "true"),
        ],
    );
    let bad = ev(&i, "(realized? (atom 1))");
    assert!(
        bad.contains("is not a future, a promise, a delay or a lazy seq"),
        "{bad}"
    );
}
