//! `letfn*`: mutually recursive local functions sharing one captured
//! vector (no reference cycle between fn objects), closures over outer
//! locals, letfn fns returned and called later, and called from another
//! thread's interpreter.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_eval::Interp;

mod common;

use common::{env, ev};

const EVEN_ODD: &str = "(letfn* [ev? (fn* ev? [n] (if (= n 0) true (od? (dec n))))
                                 od? (fn* od? [n] (if (= n 0) false (ev? (dec n))))]";

#[test]
fn mutual_recursion() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let cases = [
        (format!("{EVEN_ODD} (ev? 0))"), "true"),
        (format!("{EVEN_ODD} (ev? 7))"), "false"),
        (format!("{EVEN_ODD} (ev? 100))"), "true"),
        (format!("{EVEN_ODD} (od? 101))"), "true"),
        (
            format!("{EVEN_ODD} [(ev? 4000) (od? 4001) (od? 4000)])"),
            "[true true false]",
        ),
        // Anonymous fns: siblings still reach each other and themselves.
        (
            "(letfn* [f (fn* [n] (if (= n 0) :done (g (dec n)))) g (fn* [n] (f n))] (f 10))".into(),
            ":done",
        ),
        ("(letfn* [] 1)".into(), "1"),
        (
            "(letfn [(ev? [n] (if (= n 0) true (od? (dec n))))
                     (od? ([n] (if (= n 0) false (ev? (dec n)))))]
               [(ev? 10) (od? 10)])"
                .into(),
            "[true false]",
        ),
        ("(letfn* [f (fn* [] 1)])".into(), "nil"),
    ];
    for (src, want) in cases {
        assert_eq!(ev(&i, &src), want, "{src}");
    }
    // Deeper than the call limit is an error, not a crash.
    let deep = ev(&i, &format!("{EVEN_ODD} (ev? 20000))"));
    assert!(deep.contains("StackOverflow"), "{deep}");
    // A bad init is refused.
    let bad = ev(&i, "(letfn* [f 1] f)");
    assert!(bad.contains("fn*"), "{bad}");
}

#[test]
fn closures_over_outer_locals() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let cases = [
        (
            "(let* [a 10 b 100]
               (letfn* [f (fn* [n] (if (= n 0) a (g (dec n))))
                        g (fn* [n] (+ b (f n)))]
                 [(f 0) (f 1) (f 3) (g 0)]))",
            "[10 110 310 110]",
        ),
        // A fn inside a letfn fn captures a sibling and an outer local.
        (
            "(let* [k 5]
               (letfn* [f (fn* [x] (fn* [] (g (+ x k))))
                        g (fn* [y] (* y 2))]
                 ((f 1))))",
            "12",
        ),
        // A closure in the body captures the letfn fns (slots).
        ("(letfn* [f (fn* [x] (inc x))] ((fn* [] (f 1))))", "2"),
        // Shadowing: a parameter named like a sibling wins.
        ("(letfn* [f (fn* [g] g) g (fn* [] :g)] (f 3))", "3"),
    ];
    for (src, want) in cases {
        assert_eq!(ev(&i, src), want, "{src}");
    }
}

#[test]
fn returned_and_called_later_and_from_another_thread() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let setup = "(def make (fn* [base]
           (letfn* [ev? (fn* [n] (if (= n 0) base (od? (dec n))))
                    od? (fn* [n] (if (= n 0) (- base) (ev? (dec n))))]
             od?)))
         (def odd-fn (make 7))";
    assert_eq!(ev(&i, setup), "#'user/odd-fn");
    assert_eq!(ev(&i, "[(odd-fn 3) (odd-fn 4)]"), "[7 -7]");
    assert_eq!(ev(&i, "(pr-str odd-fn)"), "\"#function[od?]\"");
    std::thread::scope(|s| {
        s.spawn(|| {
            let j = Interp::new(&env).unwrap();
            assert_eq!(ev(&j, "[(odd-fn 101) (odd-fn 100)]"), "[7 -7]");
            assert_eq!(
                ev(&j, &format!("{EVEN_ODD} (def ev-fn ev?))")),
                "#'user/ev-fn"
            );
        });
    });
    assert_eq!(ev(&i, "[(ev-fn 10) (ev-fn 11)]"), "[true false]");
    drop(i);
    let report = env.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.findings);
}
