//! Futures (each on its own thread with its own interpreter), `deref` with
//! a timeout, errors re-raised by `deref`, binding conveyance to futures,
//! `bound-fn`, `with-bindings`, many futures on one atom, and `*out*` as a
//! process-local stream (`with-out-str`, the error for storing it).

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
fn futures_give_their_value_and_time_out() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def f (future (+ 1 2)))", "#'user/f"),
            ("@f", "3"),
            ("(deref f)", "3"),
            ("(future-done? f)", "true"),
            ("(future? f)", "true"),
            ("(future? (atom 1))", "false"),
            ("(deref (future [:a (inc 41)]) 5000 :timeout)", "[:a 42]"),
            // A future that waits on an atom nobody changes yet.
            ("(def gate (atom nil))", "#'user/gate"),
            (
                "(def slow (future (loop* [] (if @gate :opened (recur)))))",
                "#'user/slow",
            ),
            ("(deref slow 50 :timeout)", ":timeout"),
            ("(future-done? slow)", "false"),
            ("(reset! gate true)", "true"),
            ("(deref slow 5000 :timeout)", ":opened"),
            ("(future-done? slow)", "true"),
            // The future runs in the namespace it was made in.
            ("(def here (future (ns-name *ns*)))", "#'user/here"),
            ("@here", "user"),
        ],
    );
}

#[test]
fn errors_in_futures_are_raised_by_deref() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            (
                "(def bad (future (throw (ex-info \"boom\" {:k 1}))))",
                "#'user/bad",
            ),
            (
                "(try @bad (catch ExceptionInfo e [(ex-message e) (ex-data e)]))",
                "[\"boom\" {:k 1}]",
            ),
            ("(future-done? bad)", "true"),
            ("(def arity (future (inc 1 2)))", "#'user/arity"),
        ],
    );
    let raised = ev(&i, "@arity");
    assert!(
        raised.starts_with("ERROR") && raised.contains("inc"),
        "{raised}"
    );
    // Raised again by every deref, and catchable.
    let caught = ev(&i, "(try @arity (catch Exception e :caught))");
    assert_eq!(caught, ":caught");
}

#[test]
fn bindings_are_conveyed() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def ^:dynamic *x* :root)", "#'user/*x*"),
            ("(def ^:dynamic *y* :root-y)", "#'user/*y*"),
            ("@(future *x*)", ":root"),
            ("(binding [*x* 1 *y* 2] @(future [*x* *y*]))", "[1 2]"),
            // Conveyed at creation: the future outlives the binding.
            (
                "(def later (binding [*x* :bound] (future (loop* [] (if @(atom true) *x* (recur))))))",
                "#'user/later",
            ),
            ("@later", ":bound"),
            // Nested: a future made inside a future sees the same bindings.
            ("(binding [*x* :outer] @(future @(future *x*)))", ":outer"),
            // bound-fn: called after the binding ended.
            (
                "(def bf (binding [*x* 10] (bound-fn [a] [a *x*])))",
                "#'user/bf",
            ),
            ("(bf 1)", "[1 10]"),
            ("*x*", ":root"),
            (
                "(def bf2 (binding [*x* 20] (bound-fn* (fn* [] *x*))))",
                "#'user/bf2",
            ),
            ("(bf2)", "20"),
            ("((binding [*x* 30] (bound-fn* list)) 1 2)", "(1 2)"),
            // A bound fn can be called from a future too.
            ("@(future (bf2))", "20"),
            // with-bindings / with-bindings*: a map of var objects.
            ("(with-bindings {#'*x* 1 #'*y* 2} [*x* *y*])", "[1 2]"),
            ("(with-bindings* {#'*x* 5} (fn* [a] [a *x*]) :a)", "[:a 5]"),
            ("(with-bindings* nil (fn* [] *x*))", ":root"),
            ("(binding [*x* 7] (get (get-thread-bindings) #'*x*))", "7"),
        ],
    );
    let bad = ev(&i, "(def plain 1) (with-bindings {#'plain 2} plain)");
    assert!(bad.contains("non-dynamic"), "{bad}");
}

#[test]
fn eight_futures_swap_one_atom() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            ("(def counter (atom 0))", "#'user/counter"),
            (
                "(def work (fn* [] (loop* [n 0] (if (< n 1000) (do (swap! counter inc) (recur (inc n))) n))))",
                "#'user/work",
            ),
            (
                "(def fs [(future (work)) (future (work)) (future (work)) (future (work))
                          (future (work)) (future (work)) (future (work)) (future (work))])",
                "#'user/fs",
            ),
            (
                "(loop* [fs fs acc 0] (if (seq fs) (recur (rest fs) (+ acc @(first fs))) acc))",
                "8000",
            ),
            ("@counter", "8000"),
        ],
    );
    drop(i);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}

#[test]
fn out_is_a_process_local_stream() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    check(
        &i,
        &[
            (
                "(with-out-str (print 1 2) (println :x) (prn \"s\"))",
                "\"1 2:x\\n\\\"s\\\"\\n\"",
            ),
            ("(with-out-str)", "\"\""),
            (
                "(with-out-str (print (with-out-str (print :inner))) (print :outer))",
                "\":inner:outer\"",
            ),
            ("#'*out*", "#'clojure.core/*out*"),
            ("(def a (atom nil))", "#'user/a"),
        ],
    );
    // *out* is a process-local host object: a value inside the process,
    // refused by the shared env (host_objects.rs).
    let msg = "a java.io.OutputStreamWriter is a process-local object and cannot be stored in the shared env";
    for src in ["(def x *out*)", "(reset! a *out*)", "(reset! a [:w *out*])"] {
        let got = ev(&i, src);
        assert!(got.contains(msg), "{src}: {got}");
    }
    assert_eq!(ev(&i, "(= *out* @#'*out*)"), "true");
    for src in ["(binding [*out* 1] 2)", "(with-bindings {#'*out* 1} 2)"] {
        let got = ev(&i, src);
        assert!(got.contains("is not a java.io.Writer"), "{src}: {got}");
    }
    let err = ev(&i, "(def y *err*)");
    assert!(
        err.contains("a java.io.PrintWriter is a process-local object"),
        "{err}"
    );
    assert_eq!(ev(&i, "@a"), "nil");
    // Output of a failing body is dropped and *out* comes back.
    let failed = ev(&i, "(with-out-str (print 1) (inc 1 2))");
    assert!(failed.starts_with("ERROR"), "{failed}");
    assert_eq!(ev(&i, "(with-out-str (print :after))"), "\":after\"");
    // Each thread prints to its own *out*: a future's output is not captured.
    assert_eq!(ev(&i, "(with-out-str @(future (print \"\")))"), "\"\"");
}
