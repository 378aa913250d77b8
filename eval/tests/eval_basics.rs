//! The evaluator on its own: special forms, closures, recursion, `recur`,
//! macros, vars and namespaces, errors with positions — each checked by
//! evaluating text on a real env file and printing the result with `pr`.

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_eval::Interp;

mod common;

use common::{env, ev};

#[test]
fn special_forms() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let cases = [
        ("1", "1"),
        ("(quote (a b))", "(a b)"),
        ("'x", "x"),
        ("(if nil 1 2)", "2"),
        ("(if false 1)", "nil"),
        ("(if 0 :yes :no)", ":yes"),
        ("(do 1 2 3)", "3"),
        ("(do)", "nil"),
        ("(let* [a 1 b (+ a 1)] (* a b 10))", "20"),
        ("(let* [a 1] (let* [a 2] a))", "2"),
        ("[1 (+ 1 1) {:k (inc 2)} #{4}]", "[1 2 {:k 3} #{4}]"),
        (
            "(loop* [i 0 acc 0] (if (< i 10) (recur (inc i) (+ acc i)) acc))",
            "45",
        ),
        ("((fn* [x] (* x x)) 7)", "49"),
        (
            "((fn* ([] 0) ([x] x) ([x & more] (count more))) 1 2 3)",
            "2",
        ),
        ("((fn* [& xs] xs))", "nil"),
        ("((fn* [& xs] xs) 1 2)", "(1 2)"),
        ("(def x 41)", "#'user/x"),
        ("(inc x)", "42"),
        ("(var x)", "#'user/x"),
        ("(def adder (fn* [n] (fn* [m] (+ n m))))", "#'user/adder"),
        ("((adder 10) 5)", "15"),
        (
            "(def fact (fn* fact [n] (if (<= n 1) 1 (* n (fact (dec n))))))",
            "#'user/fact",
        ),
        ("(fact 20)", "2432902008176640000"),
        ("(:a {:a 1})", "1"),
        ("({:a 1} :b 2)", "2"),
        ("(#{1 2} 2)", "2"),
        ("(apply + 1 2 [3 4])", "10"),
        ("(let* [a (atom 0)] (swap! a + 5) (swap! a inc) @a)", "6"),
    ];
    for (src, want) in cases {
        assert_eq!(ev(&i, src), want, "{src}");
    }
}

#[test]
fn recur_runs_in_constant_stack_and_deep_recursion_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    assert_eq!(
        ev(&i, "(loop* [i 0] (if (< i 1000000) (recur (inc i)) i))"),
        "1000000"
    );
    assert_eq!(
        ev(
            &i,
            "((fn* f [n acc] (if (= n 0) acc (recur (dec n) (+ acc 1)))) 100000 0)"
        ),
        "100000"
    );
    ev(
        &i,
        "(def deep (fn* deep [n] (if (= n 0) 0 (inc (deep (dec n))))))",
    );
    assert_eq!(ev(&i, "(deep 5000)"), "5000");
    let err = ev(&i, "(deep 1000000)");
    assert!(err.contains("StackOverflowError"), "{err}");
    // The interpreter goes on afterwards.
    assert_eq!(ev(&i, "(deep 10)"), "10");
}

#[test]
fn closures_capture_through_nested_functions() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    assert_eq!(
        ev(&i, "(let* [a 1 b 2] (((fn* [c] (fn* [d] [a b c d])) 3) 4))"),
        "[1 2 3 4]"
    );
    assert_eq!(
        ev(
            &i,
            "(let* [f (fn* self [n] (if (= n 0) :done (self (dec n))))] (f 3))"
        ),
        ":done"
    );
}

#[test]
fn macros_expand_before_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(defmacro unless [c a b] (list 'if c b a))");
    assert_eq!(ev(&i, "(unless false :a :b)"), ":a");
    ev(&i, "(defmacro twice [x] (list 'do x x))");
    ev(&i, "(def n (atom 0))");
    ev(&i, "(twice (swap! n inc))");
    assert_eq!(ev(&i, "@n"), "2");
}

#[test]
fn errors_name_the_problem_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let cases = [
        ("nope", "Unable to resolve symbol: nope in this context"),
        ("(recur 1)", "Can only recur from tail position"),
        (
            "(loop* [a 1] (recur 1 2))",
            "Mismatched argument count to recur",
        ),
        (
            "((fn* f [x] x))",
            "Wrong number of args (0) passed to: user/f",
        ),
        ("(1 2)", "1 cannot be cast to clojure.lang.IFn"),
        ("(+ 9223372036854775807 1)", "long overflow"),
        ("(let* [a] a)", "even number of forms"),
        ("(def)", "def:"),
        ("(throw :boom)", ":boom"),
        ("(foo/bar)", "No such namespace: foo"),
    ];
    for (src, want) in cases {
        let got = ev(&i, src);
        assert!(
            got.starts_with("ERROR") && got.contains(want),
            "{src}: {got}"
        );
    }
    let got = ev(&i, "(do\n  (+ 1\n     (undefined-thing)))");
    assert!(got.contains("test.clj:3:"), "{got}");
}

#[test]
fn an_error_inside_swap_leaves_the_atom_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(def a (atom 1))");
    let err = ev(&i, "(swap! a (fn* [x] (throw :no)))");
    assert!(err.contains(":no"), "{err}");
    assert_eq!(ev(&i, "@a"), "1");
}

/// A `*out*` that collects what is written, for tests.
#[derive(Clone, Default)]
struct Captured(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn syntax_quote_macros_gensyms_and_printing() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let out = Captured::default();
    i.set_out(Box::new(out.clone()));
    ev(&i, "(defmacro my-when [c & body] `(if ~c (do ~@body)))");
    assert_eq!(ev(&i, "(my-when true 1 2 3)"), "3");
    assert_eq!(ev(&i, "(my-when false 1)"), "nil");
    assert_eq!(ev(&i, "(macroexpand-1 '(my-when a b))"), "(if a (do b))");
    ev(
        &i,
        "(defmacro with-x [v & body] `(let* [x# ~v] (+ x# ~@body)))",
    );
    assert_eq!(ev(&i, "(with-x 10 1 2)"), "13");
    assert_eq!(ev(&i, "`(a ~(+ 1 2) ~@[4 5])"), "(user/a 3 4 5)");
    ev(
        &i,
        "(println \"hi\" 1 :k) (prn \"hi\" \\c) (print [1 \"s\"])",
    );
    let text = String::from_utf8(out.0.borrow().clone()).unwrap();
    assert_eq!(text, "hi 1 :k\n\"hi\" \\c\n[1 s]");
    assert_eq!(ev(&i, "(seq [])"), "nil");
    assert_eq!(ev(&i, "(concat [1] '(2) #{3})"), "(1 2 3)");
    // `concat` is lazy: a coll it never reaches is never read.
    assert_eq!(ev(&i, "(first (concat [1] 2))"), "1");
    assert_eq!(ev(&i, "(symbol \"a\" \"b\")"), "a/b");
    assert_eq!(ev(&i, "(keyword 'x)"), ":x");
    assert_eq!(ev(&i, "(name :ns/k)"), "\"k\"");
}

#[test]
fn try_catch_finally_and_error_values() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let cases = [
        ("(try 1 (catch Exception e 2))", "1"),
        (
            "(try (throw (ex-info \"boom\" {:a 1})) (catch Exception e (ex-data e)))",
            "{:a 1}",
        ),
        (
            "(try (throw (ex-info \"boom\" {})) (catch ExceptionInfo e (ex-message e)))",
            "\"boom\"",
        ),
        (
            "(try (+ 9223372036854775807 1) (catch ArithmeticException e (ex-message e)))",
            "\"long overflow\"",
        ),
        (
            "(try (+ 9223372036854775807 1) (catch ExceptionInfo e :info) (catch :default e :default))",
            ":default",
        ),
        (
            "(try (throw (ex-info \"x\" {:type :my/err})) (catch :my/err e :mine))",
            ":mine",
        ),
        (
            "(try ((fn* [x] x)) (catch clojure.lang.ArityException e :arity))",
            ":arity",
        ),
        ("(try (throw :raw) (catch Throwable e e))", ":raw"),
        (
            "(let* [a (atom [])] (try (swap! a conj 1) (finally (swap! a conj 2))) @a)",
            "[1 2]",
        ),
        (
            "(let* [a (atom [])] (try (try (throw (ex-info \"in\" {})) (finally (swap! a conj :f))) (catch Exception e (swap! a conj (ex-message e)))) @a)",
            "[:f \"in\"]",
        ),
        ("(ex-data (ex-info \"m\" {:k 2}))", "{:k 2}"),
        (
            "(loop* [i 0] (if (< i 3) (recur (inc i)) (try i (finally nil))))",
            "3",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(ev(&i, src), want, "{src}");
    }
    let uncaught = ev(
        &i,
        "(try (throw (ex-info \"nope\" {})) (catch ArithmeticException e 1))",
    );
    assert!(
        uncaught.contains("ExceptionInfo") && uncaught.contains("nope"),
        "{uncaught}"
    );
    let e = ev(&i, "(loop* [i 0] (try (recur 1) (catch Exception e 0)))");
    assert!(e.contains("Can only recur from tail position"), "{e}");
}

#[test]
fn dynamic_vars_bind_per_thread() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(def ^:dynamic *level* 0)");
    ev(&i, "(def level (fn* [] *level*))");
    assert_eq!(ev(&i, "(binding [*level* 1] (level))"), "1");
    assert_eq!(
        ev(&i, "(binding [*level* 1] (binding [*level* 2] (level)))"),
        "2"
    );
    assert_eq!(ev(&i, "(level)"), "0");
    assert_eq!(
        ev(&i, "(binding [*level* 1] (set! *level* 5) (level))"),
        "5"
    );
    assert_eq!(ev(&i, "*level*"), "0");
    // The binding is gone after an error too.
    ev(&i, "(binding [*level* 9] (throw :x))");
    assert_eq!(ev(&i, "*level*"), "0");
    ev(&i, "(def plain 1)");
    let e = ev(&i, "(binding [plain 2] plain)");
    assert!(
        e.contains("Can't dynamically bind non-dynamic var: user/plain"),
        "{e}"
    );
    let e = ev(&i, "(set! *level* 3)");
    assert!(e.contains("Can't change/establish root binding"), "{e}");
    // Another thread (another interpreter on the same env) sees the root.
    std::thread::scope(|s| {
        s.spawn(|| {
            let other = Interp::new(&env).unwrap();
            assert_eq!(ev(&other, "(user/level)"), "0");
        });
    });
}

#[test]
fn namespaces_require_alias_refer() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    i.add_load_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/libs"));
    assert_eq!(
        ev(&i, "(require 'my.app-core) my.app-core/message"),
        "\"hello!\""
    );
    assert_eq!(ev(&i, "(ns-name *ns*)"), "user", "require restores *ns*");
    assert_eq!(
        ev(&i, "(require '[my.util :as mu]) (mu/shout \"hey\")"),
        "\"hey!\""
    );
    assert_eq!(ev(&i, "(count (ns-publics 'my.util))"), "2");
    assert_eq!(ev(&i, "(count (ns-interns 'my.util))"), "3");
    assert_eq!(ev(&i, "(resolve 'mu/greeting)"), "#'my.util/greeting");
    assert_eq!(ev(&i, "(resolve 'nothing-here)"), "nil");
    ev(
        &i,
        "(ns other.place (:require [my.util :refer [greeting]]))",
    );
    assert_eq!(ev(&i, "greeting"), "\"hello\"");
    assert_eq!(ev(&i, "(def here 1) (ns-name *ns*)"), "other.place");
    assert_eq!(ev(&i, "(in-ns 'user) (ns-name *ns*)"), "user");
    assert_eq!(ev(&i, "other.place/here"), "1");
    assert_eq!(ev(&i, "(ns-name (find-ns 'my.util))"), "my.util");
    assert_eq!(ev(&i, "(find-ns 'no.such)"), "nil");
    let e = ev(&i, "(require 'no.such.lib)");
    assert!(e.contains("Could not locate no/such/lib.clj"), "{e}");
    let e = ev(&i, "my.util/secret");
    assert!(e.contains("var: #'my.util/secret is not public"), "{e}");
}

#[test]
fn a_function_runs_the_same_from_another_interpreter_with_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let a = Interp::new(&env).unwrap();
    a.add_load_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/libs"));
    ev(&a, "(ns team.a (:require [my.util :as u]))");
    ev(&a, "(defmacro twice [x] `(* 2 ~x))");
    ev(&a, "(def helper 100)");
    ev(
        &a,
        "(def f (fn* [n] (let* [k (twice n)] [(u/shout u/greeting) (+ k helper) (fn* [] k)])))",
    );
    assert_eq!(
        ev(&a, "(let* [r (f 5)] [(nth r 0) (nth r 1) ((nth r 2))])"),
        "[\"hello!\" 110 10]"
    );
    std::thread::scope(|s| {
        s.spawn(|| {
            // Another interpreter: its own analysis cache, another current
            // namespace, no alias `u`, and a different `twice` and `helper`.
            let b = Interp::new(&env).unwrap();
            ev(&b, "(ns team.b)");
            ev(&b, "(defmacro twice [x] `(* 3 ~x))");
            ev(&b, "(def helper -1)");
            assert_eq!(
                ev(
                    &b,
                    "(let* [r (team.a/f 5)] [(nth r 0) (nth r 1) ((nth r 2))])"
                ),
                "[\"hello!\" 110 10]"
            );
            assert_eq!(ev(&b, "(twice 5)"), "15");
        });
    });
}

#[test]
fn a_fn_bound_by_def_is_named_after_its_var_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(def f (fn* [x] x))");
    assert_eq!(ev(&i, "f"), "#function[user/f]");
    let e = ev(&i, "(f)");
    assert!(
        e.contains("Wrong number of args (0) passed to: user/f"),
        "{e}"
    );
    // The name is not a local: the body still sees the var.
    ev(&i, "(def g (fn* [] g))");
    ev(&i, "(def h g)");
    ev(&i, "(def g 5)");
    assert_eq!(ev(&i, "(h)"), "5");
}

#[test]
fn an_error_inside_a_function_shows_the_line_of_the_failing_call() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    let src = "(def f (fn* [x]\n  (let* [y (inc x)]\n    (+ y\n       (nope-fn y)))))";
    let e = ev(&i, src);
    assert!(e.contains("test.clj:4:8"), "{e}");
    ev(&i, "(def g (fn* [x]\n  (do\n    (+ x :not-a-number))))");
    let e = ev(&i, "(g 1)");
    assert!(e.contains("test.clj:3:5"), "{e}");
}

#[test]
fn another_interpreter_names_the_line_inside_stored_code() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let a = Interp::new(&env).unwrap();
    let src = "(def f (fn* [x]\n  (let* [y (inc x)]\n    (+ y\n       (first :not-a-seq)))))";
    ev(&a, src);
    std::thread::scope(|s| {
        s.spawn(|| {
            // Its own cache: it analyzes f from the code object in the file.
            let b = Interp::new(&env).unwrap();
            let e = ev(&b, "(user/f 1)");
            assert!(e.contains("test.clj:4:8"), "{e}");
        });
    });
}

#[test]
fn refer_clojure_exclude_hides_core_names() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = Interp::new(&env).unwrap();
    ev(&i, "(ns my.ex (:refer-clojure :exclude [inc dec]))");
    let e = ev(&i, "(dec 1)");
    assert!(e.contains("Unable to resolve symbol: dec"), "{e}");
    ev(&i, "(def inc (fn* [x] (+ x 100)))");
    assert_eq!(ev(&i, "(inc 1)"), "101");
    assert_eq!(ev(&i, "(clojure.core/inc 1)"), "2");
    assert_eq!(ev(&i, "(count (ns-map 'my.ex))"), "1");
    assert_eq!(ev(&i, "(in-ns 'user) (inc 1)"), "2");
    assert_eq!(ev(&i, "(my.ex/inc 1)"), "101");
}
